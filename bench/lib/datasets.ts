/**
 * @module bench/lib/datasets
 * Loaders for the external labelled sets in ../shared/datasets. Each loader checks the
 * schema of every record and the record count the dataset's README states, and throws an
 * UnspunError (DATASET_MISSING / DATASET_MALFORMED) naming the file and the line, so a
 * missing or truncated dataset stops the bench loudly instead of scoring zero.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UnspunError } from '../../src/core/errors.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where ../shared lives: $UNSPUN_SHARED, else the folder beside the repository. */
export function sharedRoot(): string {
  return process.env.UNSPUN_SHARED ? resolve(process.env.UNSPUN_SHARED) : resolve(REPO_ROOT, '../shared');
}

export function datasetPath(...parts: string[]): string {
  return join(sharedRoot(), 'datasets', ...parts);
}

export function hasShared(): boolean {
  return existsSync(join(sharedRoot(), 'datasets'));
}

type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string|null' | 'number|null' | 'array|null' | 'any';

export interface JsonlSpec {
  /** Path relative to ../shared/datasets. */
  file: string;
  /** Required fields and their JSON types. */
  fields: Record<string, FieldType>;
  /** Exact record count from the dataset README (catches truncated copies). */
  count?: number;
  /** Allowed values per field. */
  values?: Record<string, readonly unknown[]>;
}

function typeOk(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'any':
      return v !== undefined;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'string|null':
      return v === null || typeof v === 'string';
    case 'number|null':
      return v === null || typeof v === 'number';
    case 'array|null':
      return v === null || Array.isArray(v);
    default:
      return typeof v === t;
  }
}

const cache = new Map<string, unknown[]>();

/** Reads and validates a JSONL (optionally .gz) dataset file. */
export function loadJsonl<T>(spec: JsonlSpec): T[] {
  const path = datasetPath(spec.file);
  const key = path;
  const hit = cache.get(key);
  if (hit) return hit as T[];
  const records = readJsonlFile<T>(path, spec);
  cache.set(key, records);
  return records;
}

/** Same as loadJsonl, from an absolute path (used by tests on temporary folders). */
export function readJsonlFile<T>(path: string, spec: Omit<JsonlSpec, 'file'>): T[] {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new UnspunError(
      'DATASET_MISSING',
      path,
      `not found. The benchmarks read ../shared/datasets beside the repository (or $UNSPUN_SHARED); see docs/benchmarks.md`,
    );
  }
  let text: string;
  try {
    const raw = readFileSync(path);
    text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  } catch (e) {
    throw new UnspunError('DATASET_MALFORMED', path, `cannot be read or decompressed (${(e as Error).message})`, { cause: e });
  }
  const out: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line);
    } catch {
      throw new UnspunError('DATASET_MALFORMED', `line ${i + 1} of ${path}`, 'not valid JSON');
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new UnspunError('DATASET_MALFORMED', `line ${i + 1} of ${path}`, 'not a JSON object');
    }
    for (const [f, t] of Object.entries(spec.fields)) {
      if (!typeOk(rec[f], t)) {
        throw new UnspunError('DATASET_MALFORMED', `line ${i + 1} of ${path}`, `field "${f}" should be ${t}, found ${JSON.stringify(rec[f])?.slice(0, 60)}`);
      }
    }
    for (const [f, allowed] of Object.entries(spec.values ?? {})) {
      if (!allowed.includes(rec[f])) {
        throw new UnspunError('DATASET_MALFORMED', `line ${i + 1} of ${path}`, `field "${f}" has unexpected value ${JSON.stringify(rec[f])}`);
      }
    }
    out.push(rec as T);
  }
  if (spec.count !== undefined && out.length !== spec.count) {
    throw new UnspunError('DATASET_MALFORMED', path, `expected ${spec.count} records (as its README states), found ${out.length}`);
  }
  return out;
}

/** Reads a JSON file (the extraction benchmark's ground truth), failing loudly. */
export function readJsonFile<T>(path: string): T {
  if (!existsSync(path)) throw new UnspunError('DATASET_MISSING', path, 'not found');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new UnspunError('DATASET_MALFORMED', path, `not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

// ---------------------------------------------------------------- record types

export interface PairRecord {
  id: string;
  a: string;
  b: string;
  label: number | string;
  split: string;
  case_id?: string;
}

export interface SummaryRecord {
  id: string;
  document: string | null;
  summary: string;
  label: number;
  split: string;
  origin?: string;
  source_dataset?: string;
  domain?: string;
  error_types?: string[];
}

export interface MeterSource {
  source_id: string;
  domain: string;
  catchline: string;
  date: string;
  source_text: string;
  split: 'dev' | 'test';
}

export type MeterLabel = 'wholly_derived' | 'partially_derived' | 'non_derived';

export interface MeterSpan {
  type: 'verbatim' | 'rewrite' | 'new';
  start: number;
  end: number;
}

export interface MeterDerived {
  derived_id: string;
  newspaper: string;
  domain: string;
  label: MeterLabel;
  source_ids: string[];
  derived_text: string;
  annotated_text: string | null;
  spans: MeterSpan[] | null;
  split: 'dev' | 'test';
}

export interface CloughRecord {
  derived_id: string;
  task: string;
  source_id: string;
  source_text: string;
  derived_text: string;
  label: 'cut' | 'light' | 'heavy' | 'non';
  is_derived: boolean;
  split: 'dev' | 'test';
}

// ---------------------------------------------------------------- dataset specs

const PAIR_FIELDS = { id: 'string', a: 'string', b: 'string', label: 'any', split: 'string' } as const;
const SUMMARY_FIELDS = { id: 'string', document: 'string|null', summary: 'string', label: 'number', split: 'string' } as const;

export const DATASETS = {
  mrpc: { file: 'mrpc/mrpc.jsonl', fields: PAIR_FIELDS, count: 5801, values: { label: [0, 1], split: ['train', 'test'] } },
  paws: { file: 'paws-wiki/paws_wiki_final.jsonl', fields: PAIR_FIELDS, count: 16000, values: { label: [0, 1], split: ['dev', 'test'] } },
  falke: { file: 'falke-sentpairs/falke_val_sentence_pairs.jsonl', fields: PAIR_FIELDS, count: 746, values: { label: [0, 1], split: ['dev', 'test'] } },
  vitaminc: {
    file: 'vitaminc-real/vitaminc_real_test.jsonl.gz',
    fields: { ...PAIR_FIELDS, case_id: 'string' },
    count: 34481,
    values: { label: ['SUPPORTS', 'REFUTES', 'NOT ENOUGH INFO'] },
  },
  frank: { file: 'frank/frank.jsonl.gz', fields: SUMMARY_FIELDS, count: 2246, values: { label: [0, 1], split: ['dev', 'test'] } },
  xsumfaith: { file: 'xsumfaith/xsumfaith.jsonl.gz', fields: SUMMARY_FIELDS, count: 2500, values: { label: [0, 1], split: ['dev', 'test'] } },
  polytope: { file: 'polytope/polytope.jsonl.gz', fields: SUMMARY_FIELDS, count: 1268, values: { label: [0, 1], split: ['dev', 'test'] } },
  summac: {
    file: 'summac-subsets/summac_factcc_summeval_subset.jsonl',
    fields: { ...SUMMARY_FIELDS, source_dataset: 'string' },
    count: 411,
    values: { label: [0, 1], split: ['dev', 'test'] },
  },
  summedits: {
    file: 'summedits/summedits.jsonl.gz',
    fields: { ...SUMMARY_FIELDS, domain: 'string' },
    count: 4681,
    values: { label: [0, 1], split: ['dev', 'test'] },
  },
  qags: {
    file: 'qags/qags_summaries.jsonl',
    fields: { ...SUMMARY_FIELDS, origin: 'string' },
    count: 474,
    values: { label: [0, 1], split: ['dev', 'test'] },
  },
  aggrefact: {
    file: 'aggrefact-cliff-goyal/aggrefact_cliff_goyal21.jsonl',
    fields: { ...SUMMARY_FIELDS, source_dataset: 'string' },
    count: 750,
    values: { label: [0, 1], split: ['dev', 'test'] },
  },
  meterSources: {
    file: 'meter/sources.jsonl',
    fields: { source_id: 'string', domain: 'string', catchline: 'string', date: 'string', source_text: 'string', split: 'string' },
    count: 772,
    values: { split: ['dev', 'test'] },
  },
  meterDerived: {
    file: 'meter/derived.jsonl',
    fields: {
      derived_id: 'string',
      newspaper: 'string',
      domain: 'string',
      label: 'string',
      source_ids: 'array',
      derived_text: 'string',
      annotated_text: 'string|null',
      spans: 'array|null',
      split: 'string',
    },
    count: 945,
    values: { label: ['wholly_derived', 'partially_derived', 'non_derived'], split: ['dev', 'test'] },
  },
  clough: {
    file: 'clough-stevenson-2011/pairs.jsonl',
    fields: { derived_id: 'string', task: 'string', source_id: 'string', source_text: 'string', derived_text: 'string', label: 'string', split: 'string' },
    count: 95,
    values: { label: ['cut', 'light', 'heavy', 'non'], split: ['dev', 'test'] },
  },
} satisfies Record<string, JsonlSpec>;

export type DatasetName = keyof typeof DATASETS;

export function loadPairs(name: 'mrpc' | 'paws' | 'falke' | 'vitaminc'): PairRecord[] {
  return loadJsonl<PairRecord>(DATASETS[name]);
}

export function loadSummaries(name: 'frank' | 'xsumfaith' | 'polytope' | 'summac' | 'summedits' | 'qags' | 'aggrefact'): SummaryRecord[] {
  return loadJsonl<SummaryRecord>(DATASETS[name]);
}

export function loadMeter(): { sources: MeterSource[]; derived: MeterDerived[] } {
  const sources = loadJsonl<MeterSource>(DATASETS.meterSources);
  const derived = loadJsonl<MeterDerived>(DATASETS.meterDerived);
  const known = new Set(sources.map((s) => s.source_id));
  for (const d of derived) {
    for (const id of d.source_ids) {
      if (!known.has(id)) throw new UnspunError('DATASET_MALFORMED', datasetPath(DATASETS.meterDerived.file), `${d.derived_id} names unknown source ${id}`);
    }
  }
  return { sources, derived };
}

export function loadClough(): CloughRecord[] {
  return loadJsonl<CloughRecord>(DATASETS.clough);
}

/** Deterministic 60/40 dev/test split by hash of a key, for sets that ship without a dev split. */
export function hashSplit(key: string): 'dev' | 'test' {
  const h = parseInt(createHash('sha1').update(key).digest('hex').slice(0, 8), 16);
  return h % 100 < 60 ? 'dev' : 'test';
}

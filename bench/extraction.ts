/**
 * @module bench/extraction
 * Main-content extraction on the Zyte article-extraction benchmark (181 pages), scored
 * exactly as the dataset's README defines it: `\w+` tokens, multisets of 4-gram shingles,
 * per-page TP/FP/FN normalised to sum to 1, precision and recall averaged over pages, F1 from
 * the two means, accuracy = share of pages whose token lists match exactly.
 *
 * Systems: unspun's `extractArticle`; plain Readability.js + linkedom run live in this process
 * (the baseline); and every published output in `published-output/*.json`, scored by the same
 * code. The benchmark has no dev split, so it is for measuring only.
 *
 * `npx tsx bench/extraction.ts [--limit N]` prints a markdown table.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../src/core/extract/index.ts';
import { UnspunError } from '../src/core/errors.ts';

export interface ExtractionRow {
  system: string;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Mean wall time per page for systems run here; null for published outputs. */
  msPerPage: number | null;
}

export interface ExtractionBenchResult {
  pages: number;
  rows: ExtractionRow[];
}

export const DEFAULT_DATASET_DIR = fileURLToPath(new URL('../../shared/datasets/article-extraction-benchmark/', import.meta.url));

// Python's `\w` with re.UNICODE: letters, digits (all numeric categories) and underscore.
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function benchTokens(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

function shingles(tokens: string[], n = 4): Map<string, number> {
  const counts = new Map<string, number>();
  // As in the reference scorer, a text shorter than n yields one short shingle (or none if empty).
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Normalised [tp, fp, fn] of one page (they sum to 1, or are all 0 for two empty texts). */
export function pageCounts(truth: string, predicted: string): [number, number, number] {
  const t = shingles(benchTokens(truth));
  const p = shingles(benchTokens(predicted));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

/** Scores predictions against ground truth over the given page ids. */
export function scorePages(
  ids: string[],
  truth: Record<string, string>,
  predicted: Record<string, string>,
): Omit<ExtractionRow, 'system' | 'msPerPage'> {
  const precisions: number[] = [];
  const recalls: number[] = [];
  let exact = 0;
  for (const id of ids) {
    const trueText = truth[id] ?? '';
    const predText = predicted[id] ?? '';
    const [tp, fp, fn] = pageCounts(trueText, predText);
    if (fp === 0 && fn === 0) {
      precisions.push(1);
      recalls.push(1);
    } else {
      // Pages with TP+FP = 0 (nothing predicted) have no precision; likewise recall.
      if (tp + fp > 0) precisions.push(tp / (tp + fp));
      if (tp + fn > 0) recalls.push(tp / (tp + fn));
    }
    const a = benchTokens(trueText);
    const b = benchTokens(predText);
    if (a.length === b.length && a.every((x, i) => x === b[i])) exact++;
  }
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: ids.length ? exact / ids.length : 0 };
}

interface Dataset {
  dir: string;
  ids: string[];
  truth: Record<string, string>;
}

function malformed(dir: string, detail: string): UnspunError {
  return new UnspunError('DATASET_MALFORMED', dir, detail);
}

function readBodies(file: string, dir: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw malformed(dir, `${basename(file)} is not valid JSON (${(err as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw malformed(dir, `${basename(file)} is not an object keyed by page id`);
  // Some published outputs wrap the pages: { "output": { <id>: ... }, "version": "2.0.0" }.
  const wrapped = (data as Record<string, unknown>).output;
  if (wrapped && typeof wrapped === 'object' && !Array.isArray(wrapped)) data = wrapped;
  const out: Record<string, string> = {};
  for (const [id, v] of Object.entries(data as Record<string, unknown>)) {
    const body = v && typeof v === 'object' ? (v as Record<string, unknown>).articleBody : undefined;
    if (body !== undefined && body !== null && typeof body !== 'string') throw malformed(dir, `${basename(file)}: "${id}".articleBody is not a string`);
    out[id] = (body as string | null | undefined) ?? '';
  }
  return out;
}

export function loadDataset(dir = DEFAULT_DATASET_DIR, limit?: number): Dataset {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UnspunError('DATASET_MISSING', dir, 'expected the Zyte article-extraction benchmark (ground-truth.json, html/, published-output/)');
  }
  const gt = join(dir, 'ground-truth.json');
  if (!existsSync(gt)) throw malformed(dir, 'ground-truth.json is missing');
  if (!existsSync(join(dir, 'html'))) throw malformed(dir, 'html/ is missing');
  const truth = readBodies(gt, dir);
  let ids = Object.keys(truth).sort();
  if (ids.length === 0) throw malformed(dir, 'ground-truth.json has no pages');
  for (const id of ids) if (!existsSync(join(dir, 'html', `${id}.html.gz`))) throw malformed(dir, `html/${id}.html.gz is missing`);
  if (limit !== undefined && limit > 0) ids = ids.slice(0, limit);
  return { dir, ids, truth };
}

function readPage(dir: string, id: string): string {
  try {
    return gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8');
  } catch (err) {
    throw malformed(dir, `html/${id}.html.gz cannot be read (${(err as Error).message})`);
  }
}

function readabilityBaseline(html: string): string {
  const { document } = parseHTML(html);
  try {
    return new Readability(document).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}

function unspun(html: string, url: string | null): string {
  try {
    return extractArticle({ kind: 'html', content: html, name: 'bench', url }).text;
  } catch (err) {
    if (err instanceof UnspunError && err.code === 'NO_ARTICLE') return '';
    throw err;
  }
}

/** Runs every system over the benchmark. `dir` defaults to ../shared relative to the repo. */
export async function runExtractionBench(opts: { limit?: number; dir?: string } = {}): Promise<ExtractionBenchResult> {
  const ds = loadDataset(opts.dir ?? DEFAULT_DATASET_DIR, opts.limit);
  const urls: Record<string, string | null> = {};
  const gtRaw = JSON.parse(readFileSync(join(ds.dir, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
  for (const id of ds.ids) urls[id] = typeof gtRaw[id]?.url === 'string' ? gtRaw[id].url! : null;

  const ours: Record<string, string> = {};
  const baseline: Record<string, string> = {};
  let msOurs = 0;
  let msBase = 0;
  for (const id of ds.ids) {
    const html = readPage(ds.dir, id);
    let t0 = performance.now();
    ours[id] = unspun(html, urls[id]);
    msOurs += performance.now() - t0;
    t0 = performance.now();
    baseline[id] = readabilityBaseline(html);
    msBase += performance.now() - t0;
    // Yield between pages so a caller's progress output and timers keep running.
    await new Promise((r) => setImmediate(r));
  }
  const rows: ExtractionRow[] = [
    { system: 'unspun', ...scorePages(ds.ids, ds.truth, ours), msPerPage: msOurs / ds.ids.length },
    { system: 'readability.js+linkedom (live)', ...scorePages(ds.ids, ds.truth, baseline), msPerPage: msBase / ds.ids.length },
  ];
  const pubDir = join(ds.dir, 'published-output');
  if (existsSync(pubDir)) {
    for (const file of readdirSync(pubDir).filter((f) => f.endsWith('.json')).sort()) {
      const predicted = readBodies(join(pubDir, file), ds.dir);
      rows.push({ system: `${basename(file, '.json')} (published)`, ...scorePages(ds.ids, ds.truth, predicted), msPerPage: null });
    }
  }
  return { pages: ds.ids.length, rows };
}

export function markdownTable(result: ExtractionBenchResult): string {
  const f = (x: number): string => x.toFixed(3);
  const lines = [
    `Article extraction benchmark (${result.pages} pages)`,
    '',
    '| system | F1 | precision | recall | accuracy | ms/page |',
    '|---|---|---|---|---|---|',
    ...result.rows.map(
      (r) => `| ${r.system} | ${f(r.f1)} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.accuracy)} | ${r.msPerPage === null ? '–' : r.msPerPage.toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--limit');
  const limit = i > 0 ? Number(process.argv[i + 1]) : undefined;
  runExtractionBench({ limit }).then(
    (r) => console.log(markdownTable(r)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(err instanceof UnspunError ? err.exitCode : 1);
    },
  );
}

/**
 * @module bench/retrieval
 * Source-retrieval benchmark on METER (PA wire copy -> UK newspaper stories), with reference
 * corpus articles from ../shared/corpus mixed in as distractors. Scores unspun against two
 * baselines on the dev and test splits side by side:
 *
 * - `unspun`: retrieveSources (BM25 on distinctive words + MinHash LSH, re-ranked by sentence
 *   coverage, calibrated confidence, abstains below threshold).
 * - `bm25-fts5`: FTS5 BM25 with all the suspect's distinct content words as one OR query, top-1
 *   (stop words dropped, as any search box would). It never abstains.
 * - `shingle-8gram`: what a classic plagiarism checker does: containment of the suspect's word
 *   8-grams in each indexed article, top-1; it claims a source only when containment reaches
 *   SHINGLE_BASELINE_MIN. 8-grams are sampled "0 mod 4" by hash (as MOSS-style fingerprinting
 *   does) to keep the index small; containment is measured on the sampled 8-grams.
 *
 * Metrics (per split; stories are METER newspaper stories of that split):
 * - recallAt1Wholly / recallAt1Partially: share of wholly / partially derived stories whose
 *   top *claimed* source is a PA text of the story's own group (any id in `source_ids`);
 *   abstaining counts as a miss.
 * - mrr: mean reciprocal rank of the first PA text of the story's group in the system's ranked
 *   candidate list (before any threshold), over all derived stories; 0 when absent.
 * - noSourcePrecision: over non-derived stories (the paper wrote its own story although PA
 *   copy on the event exists, and is indexed), the share for which the system claims no
 *   source at all. Strictly this is the true-negative rate of the "no source" answer; a
 *   system that always claims a source scores 0.
 * - msP50 / msP99: wall-clock milliseconds per story for the retrieval call alone.
 *
 * Run: `npx tsx bench/retrieval.ts [--distractors N] [--split dev|test|both]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UnspunError } from '../src/core/errors.ts';
import type { Store } from '../src/core/store.ts';
import type { ReferenceArticle } from '../src/core/types.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import { isContentWord, tokenize } from '../src/core/text/tokens.ts';
import { rankCandidates, resultFromRanking, type RetrieveOptions } from '../src/core/retrieve/index.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where ../shared lives: $UNSPUN_SHARED, else beside the repository. */
export function sharedDir(): string {
  return process.env.UNSPUN_SHARED ? resolve(process.env.UNSPUN_SHARED) : resolve(REPO_ROOT, '../shared');
}

// ------------------------------------------------------------------ METER reader

export type MeterSplit = 'dev' | 'test';
export type MeterLabel = 'wholly_derived' | 'partially_derived' | 'non_derived';

export interface MeterSourceDoc {
  id: string;
  split: MeterSplit;
  /** PA text with header lines, "<" markers and control characters removed. */
  text: string;
  title: string | null;
}

export interface MeterStory {
  id: string;
  label: MeterLabel;
  split: MeterSplit;
  sourceIds: string[];
  text: string;
}

/**
 * Cleans raw PA wire text: drops the rule and time-stamp header lines, the U+0019 control
 * characters and "<" end-of-paragraph markers, re-flows hard-wrapped lines into paragraphs,
 * turns ``...'' quotes into "...", and drops the operator sign-off ("mf", "end", "more").
 * Returns the body and the upper-case headline if the copy starts with one.
 */
export function cleanPaText(raw: string): { title: string | null; text: string } {
  const paragraphs = raw
    .replace(/\u0019/g, '')
    .split(/<\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .filter((line) => !/^\s*-{10,}\s*$/.test(line) && !/^\s*\d{1,2}:\d{2} \d{2}\/\d{2}\/\d{2}:/.test(line))
        .join(' ')
        .replace(/``|''/g, '"')
        .replace(/<\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0 && !/^[a-z]{1,5}$/i.test(p) && !/^(ends?|more)$/i.test(p));
  let title: string | null = null;
  if (paragraphs.length > 1 && paragraphs[0] === paragraphs[0].toUpperCase() && /\p{Lu}{3}/u.test(paragraphs[0])) {
    title = paragraphs.shift() ?? null;
  }
  // Bylines ("By Stephen Howard, PA News") are not story text.
  if (paragraphs.length > 1 && /^By [^.]{3,60}, PA\b/i.test(paragraphs[0])) paragraphs.shift();
  return { title, text: paragraphs.join('\n\n') };
}

function readJsonl(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) {
    throw new UnspunError('DATASET_MISSING', path, 'not found; the retrieval benchmark reads ../shared/datasets/meter (or $UNSPUN_SHARED)');
  }
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: Record<string, unknown>[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      throw new UnspunError('DATASET_MALFORMED', `line ${i + 1} of ${path}`, 'not valid JSON');
    }
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new UnspunError('DATASET_MALFORMED', `line ${i + 1} of ${path}`, 'not a JSON object');
    out.push(rec as Record<string, unknown>);
  });
  return out;
}

function need(rec: Record<string, unknown>, field: string, ok: (v: unknown) => boolean, where: string): unknown {
  const v = rec[field];
  if (!ok(v)) throw new UnspunError('DATASET_MALFORMED', where, `field "${field}" is missing or has the wrong type (${JSON.stringify(v)?.slice(0, 40)})`);
  return v;
}

const isStr = (v: unknown) => typeof v === 'string';
const isSplit = (v: unknown) => v === 'dev' || v === 'test';

/** Reads and validates METER (772 PA sources, 945 stories, as its README states). */
export function loadMeterRetrieval(dir = join(sharedDir(), 'datasets', 'meter')): { sources: MeterSourceDoc[]; stories: MeterStory[] } {
  const srcPath = join(dir, 'sources.jsonl');
  const drvPath = join(dir, 'derived.jsonl');
  const sources = readJsonl(srcPath).map((r, i): MeterSourceDoc => {
    const where = `line ${i + 1} of ${srcPath}`;
    const cleaned = cleanPaText(need(r, 'source_text', isStr, where) as string);
    return { id: need(r, 'source_id', isStr, where) as string, split: need(r, 'split', isSplit, where) as MeterSplit, ...cleaned };
  });
  const known = new Set(sources.map((s) => s.id));
  const stories = readJsonl(drvPath).map((r, i): MeterStory => {
    const where = `line ${i + 1} of ${drvPath}`;
    const sourceIds = need(r, 'source_ids', (v) => Array.isArray(v) && v.every(isStr), where) as string[];
    for (const id of sourceIds) if (!known.has(id)) throw new UnspunError('DATASET_MALFORMED', where, `names unknown source ${id}`);
    return {
      id: need(r, 'derived_id', isStr, where) as string,
      label: need(r, 'label', (v) => v === 'wholly_derived' || v === 'partially_derived' || v === 'non_derived', where) as MeterLabel,
      split: need(r, 'split', isSplit, where) as MeterSplit,
      sourceIds,
      text: (need(r, 'derived_text', isStr, where) as string).trim(),
    };
  });
  if (sources.length !== 772 || stories.length !== 945) {
    throw new UnspunError('DATASET_MALFORMED', dir, `expected 772 sources and 945 stories (as its README states), found ${sources.length} and ${stories.length}`);
  }
  return { sources, stories };
}

/** PA texts as reference articles (id = METER source_id). */
export function meterReferenceArticles(sources: readonly MeterSourceDoc[]): ReferenceArticle[] {
  return sources.map((s) => ({ id: s.id, outlet: 'PA', title: s.title, byline: null, published: null, url: null, text: s.text }));
}

// ------------------------------------------------------------------ distractors

/**
 * Up to `n` articles from ../shared/corpus, a deterministic sample spread over all files
 * (ordered by a hash of the id), so that any n gives a mix of outlets and years.
 */
export function loadDistractors(n: number): ReferenceArticle[] {
  if (n <= 0) return [];
  const dir = join(sharedDir(), 'corpus');
  if (!existsSync(dir)) throw new UnspunError('DATASET_MISSING', dir, 'not found; distractors come from ../shared/corpus');
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort();
  if (files.length === 0) throw new UnspunError('DATASET_MISSING', dir, 'holds no .jsonl.gz files');
  const all: Array<{ key: string; article: ReferenceArticle }> = [];
  for (const f of files) {
    for (const [i, r] of readJsonl(join(dir, f)).entries()) {
      const where = `line ${i + 1} of ${join(dir, f)}`;
      const id = `${f.replace(/\.jsonl\.gz$/, '')}/${need(r, 'id', isStr, where) as string}`;
      const text = need(r, 'text', isStr, where) as string;
      const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
      all.push({
        key: createHash('sha1').update(id).digest('hex'),
        article: { id, outlet: str('outlet'), title: str('title'), byline: null, published: str('published'), url: str('url'), text },
      });
    }
  }
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return all.slice(0, n).map((x) => x.article);
}

/** Indexes articles into a store in batches. */
export async function indexArticles(store: Store, articles: readonly ReferenceArticle[], batch = 500): Promise<void> {
  for (let i = 0; i < articles.length; i += batch) {
    await store.put(articles.slice(i, i + batch).map(prepareIndexRecord));
  }
}

// ------------------------------------------------------------------ baselines

/** Containment threshold of the 8-gram baseline: a classic checker's "flag" level, chosen on METER dev. */
export const SHINGLE_BASELINE_MIN = 0.05;
const SHINGLE_N = 8;
const SHINGLE_SAMPLE_MOD = 4;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of a text's word 8-grams that fall in the "0 mod 4" sample. */
function sampled8grams(text: string): Set<number> {
  const words = tokenize(text).map((t) => t.norm);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_N <= words.length; i++) {
    const h = fnv1a(words.slice(i, i + SHINGLE_N).join(' '));
    if (h % SHINGLE_SAMPLE_MOD === 0) out.add(h);
  }
  return out;
}

/** An in-memory 8-gram index: sorted (hash, doc) pairs packed into float64s. */
export class ShingleIndex {
  private readonly ids: string[] = [];
  private keys: Float64Array = new Float64Array(0);
  private readonly pending: number[] = [];

  add(id: string, text: string): void {
    const doc = this.ids.length;
    this.ids.push(id);
    for (const h of sampled8grams(text)) this.pending.push(h * 2 ** 20 + doc);
  }

  build(): void {
    this.keys = Float64Array.from(this.pending).sort();
    this.pending.length = 0;
  }

  private lower(h: number): number {
    let lo = 0;
    let hi = this.keys.length;
    const key = h * 2 ** 20;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Candidates ranked by containment of the suspect's sampled 8-grams, best first. */
  search(text: string): Array<{ id: string; containment: number }> {
    const grams = sampled8grams(text);
    if (grams.size === 0) return [];
    const counts = new Map<number, number>();
    for (const h of grams) {
      for (let i = this.lower(h); i < this.keys.length; i++) {
        const k = this.keys[i];
        const kh = Math.floor(k / 2 ** 20);
        if (kh !== h) break;
        const doc = k - kh * 2 ** 20;
        counts.set(doc, (counts.get(doc) ?? 0) + 1);
      }
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([doc, n]) => ({ id: this.ids[doc], containment: n / grams.size }));
  }
}

/** The BM25 baseline's query: all distinct content words of the suspect. */
export function plainQueryWords(text: string): string[] {
  return [...new Set(tokenize(text).filter((t) => isContentWord(t.norm)).map((t) => t.text.toLowerCase()))];
}

// ------------------------------------------------------------------ scoring

export interface RetrievalBenchRow {
  system: string;
  split: string;
  recallAt1Wholly: number;
  recallAt1Partially: number;
  mrr: number;
  noSourcePrecision: number;
  msP50: number;
  msP99: number;
}

interface Outcome {
  /** Top claimed source id, or null when the system abstains. */
  claimed: string | null;
  /** Ranked candidate ids (before any threshold). */
  ranked: string[];
  ms: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function score(system: string, split: string, stories: readonly MeterStory[], outcomes: readonly Outcome[]): RetrievalBenchRow {
  const hit = (s: MeterStory, o: Outcome) => o.claimed !== null && s.sourceIds.includes(o.claimed);
  const rate = (label: MeterLabel, f: (s: MeterStory, o: Outcome) => boolean) => {
    const idx = stories.map((s, i) => i).filter((i) => stories[i].label === label);
    return idx.length ? idx.filter((i) => f(stories[i], outcomes[i])).length / idx.length : 0;
  };
  let rr = 0;
  let derived = 0;
  stories.forEach((s, i) => {
    if (s.label === 'non_derived') return;
    derived++;
    const r = outcomes[i].ranked.findIndex((id) => s.sourceIds.includes(id));
    if (r >= 0) rr += 1 / (r + 1);
  });
  const ms = outcomes.map((o) => o.ms);
  return {
    system,
    split,
    recallAt1Wholly: rate('wholly_derived', hit),
    recallAt1Partially: rate('partially_derived', hit),
    mrr: derived ? rr / derived : 0,
    noSourcePrecision: rate('non_derived', (_s, o) => o.claimed === null),
    msP50: percentile(ms, 50),
    msP99: percentile(ms, 99),
  };
}

/** The suspect as retrieval sees it: METER stories have no separate headline. */
export function suspectOf(text: string) {
  return { title: null, text, sentences: splitSentences(text) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

/** Row name for unspun's top candidate taken without the "no source" threshold. */
export const UNSPUN_RANKING_ONLY = 'unspun ranking only (never abstains)';

export interface RetrievalBenchOptions {
  /** Reference-corpus articles indexed beside the 772 PA texts (default: all 64,843). */
  distractors?: number;
  split?: MeterSplit | 'both';
  /** Score every n-th story of each split only (the quick gate uses a third); default 1. */
  everyNth?: number;
  /** Overrides for retrieveSources (calibration and ablations). */
  retrieve?: Partial<RetrieveOptions>;
  log?: (message: string) => void;
}

export async function runRetrievalBench(opts: RetrievalBenchOptions = {}): Promise<{ rows: RetrievalBenchRow[] }> {
  const log = opts.log ?? (() => {});
  const split = opts.split ?? 'both';
  const { sources, stories } = loadMeterRetrieval();
  const distractors = loadDistractors(opts.distractors ?? 64_843);
  const articles = [...meterReferenceArticles(sources), ...distractors];
  log(`indexing ${sources.length} PA texts and ${distractors.length} distractors`);

  const dir = mkdtempSync(join(tmpdir(), 'unspun-retrieval-bench-'));
  const store = await openSqliteStore(join(dir, 'corpus.sqlite'), { cacheMb: 256 });
  try {
    await indexArticles(store, articles);
    const shingles = new ShingleIndex();
    for (const a of articles) shingles.add(a.id, a.text);
    shingles.build();
    log('indexed; scoring');

    const rows: RetrievalBenchRow[] = [];
    const splits: MeterSplit[] = split === 'both' ? ['dev', 'test'] : [split];
    for (const sp of splits) {
      const nth = Math.max(1, opts.everyNth ?? 1);
      const subset = stories.filter((s) => s.split === sp).filter((_s, i) => i % nth === 0);
      const ours: Outcome[] = [];
      const oursRanked: Outcome[] = [];
      const bm25: Outcome[] = [];
      const gram: Outcome[] = [];
      for (const story of subset) {
        const suspect = suspectOf(story.text);
        const [[result, ranking], ms] = await timed(async () => {
          const r = await rankCandidates(store, suspect, opts.retrieve);
          return [resultFromRanking(r, opts.retrieve), r] as const;
        });
        ours.push({ claimed: result.sources[0]?.article.id ?? null, ranked: ranking.candidates.map((c) => c.article.id), ms });
        // The same ranking read without the confidence threshold: how good the ranking is on
        // its own, comparable with BM25, which never abstains.
        oursRanked.push({ claimed: ranking.candidates[0]?.article.id ?? null, ranked: ranking.candidates.map((c) => c.article.id), ms });

        const [hits, msB] = await timed(() => store.searchText(plainQueryWords(story.text), 30));
        bm25.push({ claimed: hits[0]?.id ?? null, ranked: hits.map((h) => h.id), ms: msB });

        const [found, msS] = await timed(async () => shingles.search(story.text));
        const top = found[0];
        gram.push({ claimed: top && top.containment >= SHINGLE_BASELINE_MIN ? top.id : null, ranked: found.slice(0, 30).map((f) => f.id), ms: msS });
      }
      rows.push(score('unspun', sp, subset, ours), score(UNSPUN_RANKING_ONLY, sp, subset, oursRanked), score('bm25-fts5', sp, subset, bm25), score('shingle-8gram', sp, subset, gram));
      log(`scored ${subset.length} ${sp} stories`);
    }
    return { rows };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Markdown table of bench rows. */
export function retrievalTable(rows: readonly RetrievalBenchRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    '| system | split | recall@1 wholly | recall@1 partially | MRR | no-source precision | ms p50 | ms p99 |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.system} | ${r.split} | ${pct(r.recallAt1Wholly)} | ${pct(r.recallAt1Partially)} | ${r.mrr.toFixed(3)} | ${pct(r.noSourcePrecision)} | ${r.msP50.toFixed(1)} | ${r.msP99.toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const distractors = argValue('--distractors');
  const split = argValue('--split') as MeterSplit | 'both' | undefined;
  const t0 = performance.now();
  const { rows } = await runRetrievalBench({
    distractors: distractors === undefined ? undefined : Number(distractors),
    split,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  console.log(retrievalTable(rows));
  process.stderr.write(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

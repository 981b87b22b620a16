/**
 * @module bench/scale
 * How unspun behaves as the corpus grows, on SQLite and on PostgreSQL: a deterministic corpus
 * of the real articles (METER's PA texts, the content-farm originals, ../shared/corpus) plus
 * synthetic distractors made from them, indexed in growing steps (each size contains the
 * smaller ones), and at each size:
 *
 * - ingest: articles/s for the step, with 2 worker processes writing to the store (and, once
 *   per store, 1 worker against 2 on the same slice), and the database size;
 * - retrieval and whole-trace time per suspect, p50/p99, warm (the store stays open);
 * - recall@1 (a claimed source that is one of the right ones) of the METER newspaper stories
 *   (dev and test; each dated the day after its PA copy, as the papers were) and of the real
 *   content-farm copies (dev; undated).
 *
 * Synthetic distractor i depends only on i and the real articles, so every size is a prefix
 * of the next. Three in four are *stitched*: one paragraph each of 3-6 different articles of
 * one outlet, dated near them; one in four is a *wire copy*: most paragraphs of one real article
 * (any, PA texts included) under another outlet's name, dated 0-3 days after it, sometimes
 * with a paragraph of another story. The wire copies are what makes a source's family: several
 * near-identical candidates, of which the earliest published is the source.
 *
 *   npx tsx bench/scale.ts [--sizes 65000,260000,1000000] [--stores sqlite,postgres] [--pg URL]
 *                          [--keep DIR] [--json FILE]
 *
 * `--keep DIR` keeps the stores (DIR/scale-sqlite.db, PostgreSQL schema `scale_kept`) and
 * resumes from them: a run stopped at any point (or one that reached 260k) carries on where it
 * stopped, since article k is the same in every run and storing an article twice is a no-op.
 * Indexing 1M articles takes hours of a 2-core machine; this lets it happen in pieces.
 *
 * `npm run bench -- --only scale` runs the full sizes; `--quick` (the CI gate) runs 2,000 and
 * 5,000 articles. PostgreSQL comes from $UNSPUN_BENCH_PG_URL or $UNSPUN_TEST_PG_URL (skipped
 * without one, and said so).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { openStore } from '../src/adapters/open-store.ts';
import { parseStoreUrl } from '../src/adapters/store-postgres/index.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import { rankCandidates, resultFromRanking } from '../src/core/retrieve/index.ts';
import type { Store } from '../src/core/store.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import type { ReferenceArticle } from '../src/core/types.ts';
import { CORPUS_TWINS, loadContentFarmCopies } from './content-farm.ts';
import { loadDistractors, loadMeterRetrieval, meterReferenceArticles, type MeterStory } from './retrieval.ts';
import { seededRandom } from './lib/seeded-random.ts';

export const FULL_SIZES = [65_000, 260_000, 1_000_000];
export const QUICK_SIZES = [2_000, 5_000];
const BATCH = 500;

// ------------------------------------------------------------------ corpus

/** METER's "01.03.00" (the day the PA copy was issued) -> "2000-03-01". */
function meterDate(date: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(date);
  if (!m) return null;
  return `${Number(m[3]) < 50 ? '20' : '19'}${m[3]}-${m[2]}-${m[1]}`;
}

function shiftDate(published: string | null, days: number, hours: number): string | null {
  if (!published) return null;
  const t = Date.parse(published.length === 10 ? `${published}T12:00:00Z` : published);
  if (!Number.isFinite(t)) return null;
  return new Date(t + days * 86_400_000 + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ScaleCorpus {
  /** The real articles, in a fixed order; synthetic ones are made from them. */
  real: ReferenceArticle[];
  /** Real articles grouped by outlet, for stitching. */
  byOutlet: Map<string, number[]>;
  outlets: string[];
  meterStories: MeterStory[];
  /** Content-farm copies with the id of their original. */
  copies: { id: string; text: string; title: string; sourceId: string }[];
}

/** Loads the real articles. `limit` keeps the first n shared-corpus articles (quick runs). */
export function loadScaleCorpus(limit?: number): ScaleCorpus {
  const { sources, stories } = loadMeterRetrieval();
  // The PA texts' own dates: the day the wire copy was issued.
  const pa = meterReferenceArticles(sources).map((a) => ({ ...a, published: meterDate(a.id.split('/')[2] ?? '') }));
  const { originals, copies } = loadContentFarmCopies();
  const twins = new Set(CORPUS_TWINS);
  const corpus = loadDistractors(limit ?? 64_843).filter((a) => !twins.has(a.id.slice(a.id.indexOf('/') + 1)));
  const real = [...pa, ...originals, ...corpus];
  const byOutlet = new Map<string, number[]>();
  real.forEach((a, i) => {
    const key = a.outlet ?? 'unknown';
    (byOutlet.get(key) ?? byOutlet.set(key, []).get(key)!).push(i);
  });
  const meterStories = stories.filter((s) => s.label !== 'non_derived');
  return {
    real,
    byOutlet,
    outlets: [...byOutlet.keys()],
    meterStories,
    copies: copies.map((c) => ({ id: c.id, text: c.text, title: c.title, sourceId: c.source_id })),
  };
}

const paragraphs = (text: string) => text.split(/\n\n+/).filter((p) => p.trim().length > 0);

/** Synthetic distractor number i (0-based). */
export function syntheticArticle(c: ScaleCorpus, i: number): ReferenceArticle {
  const r = seededRandom(0x5ca1e000 ^ Math.imul(i + 1, 0x9e3779b1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const base = c.real[Math.floor(r() * c.real.length)];
  if (i % 4 === 3) {
    // A wire copy: most of one article's paragraphs, under another outlet, a little later.
    const paras = paragraphs(base.text);
    const kept = paras.filter((_, j) => j === 0 || r() < 0.8);
    if (r() < 0.3) kept.push(pick(paragraphs(pick(c.real).text)));
    const outlet = pick(c.outlets);
    return {
      id: `syn/wire/${i}`,
      outlet: outlet === base.outlet ? `${outlet} (syndicated)` : outlet,
      title: base.title,
      byline: null,
      published: shiftDate(base.published, Math.floor(r() * 4), 1 + Math.floor(r() * 20)),
      url: null,
      text: kept.join('\n\n'),
    };
  }
  // Stitched: one paragraph each of several different articles of the base's outlet (of any
  // outlet when it has too few), dated near the base.
  const own = c.byOutlet.get(base.outlet ?? 'unknown') ?? [];
  const n = 3 + Math.floor(r() * 4);
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < n && tries < n * 4; tries++) {
    chosen.add(own.length > n * 2 ? pick(own) : Math.floor(r() * c.real.length));
  }
  const parts = [...chosen].map((k) => pick(paragraphs(c.real[k].text)));
  return {
    id: `syn/stitch/${i}`,
    outlet: base.outlet,
    title: `${base.title ?? 'Roundup'} (roundup)`,
    byline: null,
    published: shiftDate(base.published, Math.floor(r() * 31) - 15, Math.floor(r() * 24)),
    url: null,
    text: parts.join('\n\n'),
  };
}

/** Article number k of the scale corpus: the real ones first, then synthetic ones. */
export function scaleArticle(c: ScaleCorpus, k: number): ReferenceArticle {
  return k < c.real.length ? c.real[k] : syntheticArticle(c, k - c.real.length);
}

// ------------------------------------------------------------------ ingest workers

/** Child side: prepares and puts the batches its parent sends. */
async function ingestChild(location: string): Promise<void> {
  const store = await openStore(location, { cacheMb: 256 });
  process.on('message', async (m: { batch?: ReferenceArticle[]; done?: boolean }) => {
    if (m.done) {
      await store.close();
      process.exit(0);
    }
    await store.put(m.batch!.map(prepareIndexRecord));
    process.send!({ ok: true });
  });
  process.send!({ ready: true });
}

/** Indexes articles [from, to) with `workers` child processes; returns seconds taken. */
async function ingestRange(c: ScaleCorpus, location: string, from: number, to: number, workers: number): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  // Made here first, so the workers do not race to create it.
  await (await openStore(location)).close();
  const kids: ChildProcess[] = [];
  const t0 = performance.now();
  let next = from;
  await Promise.all(
    Array.from({ length: workers }, () =>
      new Promise<void>((resolve, reject) => {
        const kid = fork(self, ['--ingest-child', location], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        kids.push(kid);
        kid.on('error', reject);
        const feed = () => {
          if (next >= to) {
            kid.send({ done: true });
            return;
          }
          const end = Math.min(to, next + BATCH);
          const batch: ReferenceArticle[] = [];
          for (let k = next; k < end; k++) batch.push(scaleArticle(c, k));
          next = end;
          kid.send({ batch });
        };
        kid.on('message', feed);
        kid.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ingest worker exited with ${code}`))));
      }),
    ),
  );
  return (performance.now() - t0) / 1000;
}

// ------------------------------------------------------------------ measuring

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function databaseMb(location: string, store: Store): Promise<number> {
  if (/^postgres/.test(location)) {
    const { schema } = parseStoreUrl(location);
    const pool = (store as unknown as { connections: pg.Pool }).connections;
    const r = await pool.query(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
      [schema],
    );
    return Number(r.rows[0].b) / 2 ** 20;
  }
  let bytes = 0;
  for (const ext of ['', '-wal']) if (existsSync(location + ext)) bytes += statSync(location + ext).size;
  return bytes / 2 ** 20;
}

export interface ScaleRow {
  store: string;
  articles: number;
  ingestPerSecond: number;
  dbMb: number;
  retrievalP50: number;
  retrievalP99: number;
  /** Median ms per suspect inside retrieval, by store call (count, documentFrequency, searchTerms, ...) and the rest ("rerank": features and scoring, in process). */
  stagesP50: Record<string, number>;
  traceP50: number;
  traceP99: number;
  meterDev: number;
  meterTest: number;
  farm: number;
  /** Suspects whose first search stayed in the date window (nothing had to widen). */
  windowHeld: number;
}

const TIMED_CALLS = ['count', 'documentFrequency', 'searchTerms', 'searchFingerprint', 'searchText', 'getMany'] as const;

/** The store with the time of each candidate-step call added to `spent` (ms by method). */
function timedStore(store: Store, spent: Map<string, number>): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || !(TIMED_CALLS as readonly (string | symbol)[]).includes(key)) return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          spent.set(String(key), (spent.get(String(key)) ?? 0) + performance.now() - t0);
        }
      };
    },
  });
}

/** Recall@1 and timings at the current size. */
async function measure(c: ScaleCorpus, plainStore: Store, opts: { everyNth: number; traceSample: number }): Promise<Omit<ScaleRow, 'store' | 'articles' | 'ingestPerSecond' | 'dbMb'>> {
  const spent = new Map<string, number>();
  const store = timedStore(plainStore, spent);
  const stageMs = new Map<string, number[]>();
  const retrievalMs: number[] = [];
  const hits = { dev: [0, 0], test: [0, 0], farm: [0, 0] };
  let dated = 0;
  let held = 0;
  const stories = c.meterStories.filter((_, i) => i % opts.everyNth === 0);
  // Warm-up (not timed): the first searches load the language data and fill the caches.
  for (const s of stories.slice(-3)) await rankCandidates(store, { title: null, text: s.text, sentences: splitSentences(s.text), published: null });
  for (const s of stories) {
    const paDate = meterDate(s.id.split('/')[2] ?? '');
    // The papers appeared the day after the PA copy.
    const published = paDate ? shiftDate(paDate, 1, 0)!.slice(0, 10) : null;
    const suspect = { title: null, text: s.text, sentences: splitSentences(s.text), published };
    spent.clear();
    const t0 = performance.now();
    const ranking = await rankCandidates(store, suspect);
    const result = resultFromRanking(ranking);
    const ms = performance.now() - t0;
    retrievalMs.push(ms);
    // The calls to bands and BM25 overlap (Promise.all), so "rerank" is the rest after all of them.
    let inStore = 0;
    for (const k of TIMED_CALLS) {
      const v = spent.get(k) ?? 0;
      inStore += v;
      (stageMs.get(k) ?? stageMs.set(k, []).get(k)!).push(v);
    }
    (stageMs.get('rerank') ?? stageMs.set('rerank', []).get('rerank')!).push(Math.max(0, ms - inStore));
    const claimed = result.sources[0]?.article.id;
    const h = hits[s.split];
    h[1]++;
    if (claimed && s.sourceIds.includes(claimed)) h[0]++;
    if (ranking.window) {
      dated++;
      if (!ranking.window.widened) held++;
    }
  }
  for (const copy of c.copies) {
    const suspect = { title: copy.title, text: copy.text, sentences: splitSentences(copy.text), published: null };
    const t0 = performance.now();
    const result = resultFromRanking(await rankCandidates(store, suspect));
    retrievalMs.push(performance.now() - t0);
    hits.farm[1]++;
    if (result.sources[0]?.article.id === copy.sourceId) hits.farm[0]++;
  }
  // Whole traces (extract .. report) of a fixed sample, warm: the first one loads the models.
  const traceMs: number[] = [];
  const sample = stories.slice(0, opts.traceSample + 1);
  for (const [k, s] of sample.entries()) {
    const t0 = performance.now();
    await traceArticle({ kind: 'text', content: s.text, name: s.id }, store);
    if (k > 0) traceMs.push(performance.now() - t0);
  }
  const rate = ([a, b]: number[]) => (b ? a / b : NaN);
  return {
    retrievalP50: percentile(retrievalMs, 50),
    retrievalP99: percentile(retrievalMs, 99),
    stagesP50: Object.fromEntries([...stageMs].map(([k, v]) => [k, percentile(v, 50)])),
    traceP50: percentile(traceMs, 50),
    traceP99: percentile(traceMs, 99),
    meterDev: rate(hits.dev),
    meterTest: rate(hits.test),
    farm: rate(hits.farm),
    windowHeld: dated ? held / dated : NaN,
  };
}

export interface ScaleOptions {
  sizes: number[];
  stores: ('sqlite' | 'postgres')[];
  pgUrl?: string;
  /** Score every n-th METER story (quick: 3). */
  everyNth?: number;
  traceSample?: number;
  /** Shared-corpus articles to load (quick runs load fewer). */
  corpusLimit?: number;
  /** Articles for the 1-against-2-workers comparison (default 20,000, at most the first size; 0: none). */
  workerSlice?: number;
  /** Keep the stores here (SQLite file; PostgreSQL schema `scale_kept`) and resume from what they hold. */
  keepDir?: string;
  log?: (m: string) => void;
}

export interface ScaleResult {
  rows: ScaleRow[];
  /** Articles/s with 1 and 2 workers on the same slice, per store. */
  workers: { store: string; articles: number; one: number; two: number }[];
  skipped: string[];
}

export async function runScaleBench(o: ScaleOptions): Promise<ScaleResult> {
  const log = o.log ?? (() => {});
  const c = loadScaleCorpus(o.corpusLimit);
  log(`${c.real.length} real articles; sizes ${o.sizes.join(', ')}`);
  const result: ScaleResult = { rows: [], workers: [], skipped: [] };
  const dir = mkdtempSync(join(tmpdir(), 'unspun-scale-'));
  if (o.keepDir) mkdirSync(o.keepDir, { recursive: true });
  try {
    for (const kind of o.stores) {
      let location: string;
      let cleanup = async () => {};
      if (kind === 'postgres') {
        if (!o.pgUrl) {
          result.skipped.push('postgres: no $UNSPUN_BENCH_PG_URL or $UNSPUN_TEST_PG_URL');
          continue;
        }
        const schema = o.keepDir ? 'scale_kept' : `scale_${process.pid}_${Date.now().toString(36)}`;
        const u = new URL(o.pgUrl);
        u.searchParams.set('schema', schema);
        location = u.toString();
        if (!o.keepDir) cleanup = async () => {
          const client = new pg.Client({ connectionString: parseStoreUrl(location).connectionString });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        };
      } else location = o.keepDir ? join(o.keepDir, 'scale-sqlite.db') : join(dir, 'scale.db');
      try {
        // What a kept store already holds: batches are stored in order, two at a time, so all
        // but the last two batches before `held` are surely in; those are offered again (a no-op
        // for the ones already stored).
        let have = 0;
        let held = 0;
        // Rows measured on a kept store, so a run in pieces reports every size.
        const rowsFile = join(o.keepDir ?? dir, `rows-${kind}.json`);
        let keptRows: ScaleRow[] = o.keepDir && existsSync(rowsFile) ? (JSON.parse(readFileSync(rowsFile, 'utf8')) as ScaleRow[]) : [];
        if (o.keepDir && (kind === 'postgres' || existsSync(location))) {
          const kept = await openStore(location);
          held = await kept.count();
          await kept.close();
          have = Math.max(0, Math.floor(held / BATCH) * BATCH - 2 * BATCH);
          if (held > 0) log(`${kind}: kept store holds ${held} articles; resuming from article ${have}`);
        }
        // 1 worker against 2 on the same first slice, each into a fresh store (not when resuming).
        const slice = have > 0 ? 0 : Math.min(o.sizes[0], o.workerSlice ?? 20_000);
        for (const workers of slice > 0 ? [1, 2] : []) {
          const tmp = kind === 'postgres' ? `${location.replace(/schema=([a-z0-9_]+)/, `schema=$1_w${workers}`)}` : join(dir, `workers-${workers}.db`);
          const s = await ingestRange(c, tmp, 0, slice, workers);
          const row = result.workers.find((w) => w.store === kind) ?? (result.workers.push({ store: kind, articles: slice, one: NaN, two: NaN }), result.workers[result.workers.length - 1]);
          row[workers === 1 ? 'one' : 'two'] = slice / s;
          log(`${kind}: ${slice} articles with ${workers} worker(s): ${(slice / s).toFixed(0)}/s`);
          if (kind === 'postgres') {
            const schema = parseStoreUrl(tmp).schema;
            const client = new pg.Client({ connectionString: parseStoreUrl(tmp).connectionString });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await client.end();
          } else rmSync(tmp, { force: true }), rmSync(`${tmp}-wal`, { force: true }), rmSync(`${tmp}-shm`, { force: true });
        }
        for (const size of o.sizes) {
          if (size < held) {
            // Measured by an earlier run on the kept store: its row is reported again.
            const earlier = keptRows.find((x) => x.articles === size || (x.articles >= size && x.articles < size + 2 * BATCH));
            if (earlier) result.rows.push(earlier);
            continue;
          }
          const seconds = await ingestRange(c, location, have, size, 2);
          // Articles new to the store in this step (a resumed step offers a few stored ones again).
          const added = size - Math.max(have, held);
          const ingestPerSecond = added > BATCH ? added / seconds : NaN;
          have = size;
          const store = await openStore(location, { readonly: true });
          try {
            const m = await measure(c, store, { everyNth: o.everyNth ?? 1, traceSample: o.traceSample ?? 30 });
            const row: ScaleRow = { store: kind, articles: await store.count(), ingestPerSecond, dbMb: await databaseMb(location, store), ...m };
            result.rows.push(row);
            if (o.keepDir) {
              keptRows = [...keptRows.filter((x) => x.articles !== row.articles), row];
              writeFileSync(rowsFile, `${JSON.stringify(keptRows, null, 2)}\n`);
            }
            log(`${kind} ${size}: ${JSON.stringify(row)}`);
          } finally {
            await store.close();
          }
        }
      } finally {
        await cleanup().catch(() => {});
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

// ------------------------------------------------------------------ report

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');

export function scaleTables(r: ScaleResult): string {
  const lines = [
    '| store | articles | ingest art/s (2 workers) | database MB | retrieval p50 / p99 ms | trace p50 / p99 ms | METER dev R@1 | METER test R@1 | content-farm R@1 | date window held |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map(
      (x) =>
        `| ${x.store} | ${fmt(x.articles)} | ${fmt(x.ingestPerSecond)} | ${fmt(x.dbMb)} | ${fmt(x.retrievalP50)} / ${fmt(x.retrievalP99)} | ${fmt(x.traceP50)} / ${fmt(x.traceP99)} | ${fmt(x.meterDev, 3)} | ${fmt(x.meterTest, 3)} | ${fmt(x.farm, 3)} | ${fmt(x.windowHeld * 100)}% |`,
    ),
  ];
  const growth: string[] = ['| store | articles | retrieval p50 vs smallest | trace p50 vs smallest |', '|---|---:|---:|---:|'];
  for (const store of new Set(r.rows.map((x) => x.store))) {
    const rows = r.rows.filter((x) => x.store === store);
    for (const x of rows) growth.push(`| ${store} | ${fmt(x.articles)} | ${fmt(x.retrievalP50 / rows[0].retrievalP50, 2)}x | ${fmt(x.traceP50 / rows[0].traceP50, 2)}x |`);
  }
  const stageKeys = ['count', 'documentFrequency', 'searchTerms', 'searchFingerprint', 'searchText', 'getMany', 'rerank'];
  const stages = [
    '| store | articles | count | document frequencies | rare-term votes | MinHash bands | BM25 | getMany | re-rank (in process) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map((x) => `| ${x.store} | ${fmt(x.articles)} | ${stageKeys.map((k) => fmt(x.stagesP50?.[k] ?? NaN, 1)).join(' | ')} |`),
  ];
  const workers = ['| store | articles | 1 worker art/s | 2 workers art/s | speed-up |', '|---|---:|---:|---:|---:|', ...r.workers.map((w) => `| ${w.store} | ${fmt(w.articles)} | ${fmt(w.one)} | ${fmt(w.two)} | ${fmt(w.two / w.one, 2)}x |`)];
  return [lines.join('\n'), growth.join('\n'), `Median ms per suspect inside retrieval, by step (store calls; a step not taken counts 0):\n\n${stages.join('\n')}`, ...(r.workers.length ? [workers.join('\n')] : []), ...(r.skipped.length ? [`Skipped: ${r.skipped.join('; ')}.`] : [])].join('\n\n');
}

/** An SVG line chart of retrieval and trace p50 against corpus size (log scale), one line per store and measure. */
export function growthSvg(r: ScaleResult): string {
  const W = 720;
  const H = 420;
  const pad = { l: 70, r: 170, t: 40, b: 50 };
  const xs = r.rows.map((x) => x.articles);
  const ys = r.rows.flatMap((x) => [x.retrievalP50, x.traceP50]).filter(Number.isFinite);
  const [x0, x1] = [Math.log10(Math.min(...xs)), Math.log10(Math.max(...xs))];
  const y1 = Math.max(1, ...ys) * 1.15;
  const px = (n: number) => pad.l + ((Math.log10(n) - x0) / Math.max(1e-9, x1 - x0)) * (W - pad.l - pad.r);
  const py = (v: number) => H - pad.b - (v / y1) * (H - pad.t - pad.b);
  const colors: Record<string, string> = { 'sqlite retrieval': '#1f77b4', 'sqlite trace': '#6baed6', 'postgres retrieval': '#d62728', 'postgres trace': '#fc9272' };
  const parts: string[] = [];
  for (let t = 0; t <= 4; t++) {
    const v = (y1 * t) / 4;
    parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/><text x="${pad.l - 8}" y="${py(v) + 4}" text-anchor="end" font-size="12">${v.toFixed(0)}</text>`);
  }
  for (const n of [...new Set(xs)]) parts.push(`<text x="${px(n)}" y="${H - pad.b + 18}" text-anchor="middle" font-size="12">${n >= 1e6 ? `${n / 1e6}M` : `${Math.round(n / 1000)}k`}</text>`);
  let legend = 0;
  for (const store of ['sqlite', 'postgres']) {
    const rows = r.rows.filter((x) => x.store === store);
    if (!rows.length) continue;
    for (const [what, key] of [['retrieval', 'retrievalP50'], ['trace', 'traceP50']] as const) {
      const name = `${store} ${what}`;
      const pts = rows.map((x) => `${px(x.articles)},${py(x[key])}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${colors[name]}" stroke-width="2.5" points="${pts}"/>`);
      for (const x of rows) parts.push(`<circle cx="${px(x.articles)}" cy="${py(x[key])}" r="3.5" fill="${colors[name]}"/>`);
      parts.push(`<line x1="${W - pad.r + 15}" x2="${W - pad.r + 40}" y1="${pad.t + 20 + legend * 22}" y2="${pad.t + 20 + legend * 22}" stroke="${colors[name]}" stroke-width="3"/><text x="${W - pad.r + 46}" y="${pad.t + 24 + legend * 22}" font-size="13">${name} p50</text>`);
      legend++;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad.l}" y="24" font-size="15" font-weight="bold">Time per suspect (ms, warm) against corpus size (log scale)</text>
${parts.join('\n')}
<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${H - pad.b}" stroke="#333"/><line x1="${pad.l}" x2="${W - pad.r}" y1="${H - pad.b}" y2="${H - pad.b}" stroke="#333"/>
<text x="${(pad.l + W - pad.r) / 2}" y="${H - 10}" text-anchor="middle" font-size="13">articles indexed</text>
</svg>`;
}

/** Renders the SVG to a PNG with Debian's Chromium (the browser the UI tests use). */
export async function writeGrowthPng(svg: string, out: string): Promise<boolean> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) return false;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 720, height: 420 } });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 720, height: 420 } });
  } finally {
    await browser.close();
  }
  return true;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes('--ingest-child')) {
  await ingestChild(argValue('--ingest-child')!);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = (argValue('--sizes') ?? FULL_SIZES.join(',')).split(',').map(Number);
  const stores = (argValue('--stores') ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
  const r = await runScaleBench({
    sizes,
    stores,
    pgUrl: argValue('--pg') ?? process.env.UNSPUN_BENCH_PG_URL ?? process.env.UNSPUN_TEST_PG_URL,
    everyNth: Number(argValue('--every') ?? 1),
    traceSample: Number(argValue('--trace-sample') ?? 30),
    corpusLimit: argValue('--corpus') ? Number(argValue('--corpus')) : undefined,
    workerSlice: argValue('--worker-slice') ? Number(argValue('--worker-slice')) : undefined,
    keepDir: argValue('--keep'),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  console.log(scaleTables(r));
  const json = argValue('--json');
  if (json) writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  const png = argValue('--png');
  if (png) await writeGrowthPng(growthSvg(r), png);
}

/**
 * @module bench/speed
 * How fast unspun is for a user, each figure beside a baseline measured in the same run, so
 * the ratio holds on a busy machine where absolute times drift:
 *
 *   measure                         how                  baseline
 *   one-off trace, no index         separate processes   bare `node -e 0` start
 *   one-off trace, with the index   separate processes   bare `node -e 0` start
 *   warm trace (p50/p99)            one process          an FTS5 BM25 query of the same suspect
 *   ingest (articles/s)             separate process     bare FTS5 insert of the same articles
 *   extraction (ms/page)            one process          Readability.js on the same page
 *
 * Process runs alternate with their baseline (A B A B ...) and the ratio is the median of the
 * pairwise ratios. The one-off traces run `bin/unspun.js` as a user would (the compiled CLI;
 * the build is refreshed first). The full run indexes all of ../shared/corpus (the 65k
 * index the warm and one-off traces then search); `--quick` uses 2,000 articles.
 *
 *   tsx bench/speed.ts [--quick]     prints the rows as JSON
 *   tsx bench/speed.ts --one-off [--runs N] [--db index.db]
 *                                    only the one-off rows (a minute, not half an hour): no
 *                                    index, and with an index already built when --db is given
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { readJsonlArticles } from '../src/adapters/cli/demo-index.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { UnspunError } from '../src/core/errors.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import type { RawInput, ReferenceArticle } from '../src/core/types.ts';
import { REPO_ROOT, sharedRoot } from './lib/datasets.ts';
import { percentile } from './lib/metrics.ts';
import { plainQueryWords } from './retrieval.ts';

export interface SpeedMeasure {
  measure: string;
  how: 'separate processes' | 'one process' | 'separate process';
  items: number;
  unit: string;
  /** unspun: median, and p99 where there are enough items (ms per item, or per run). */
  msP50: number;
  msP99: number | null;
  /** Mean ms per item, where items were timed one by one. */
  msMean: number | null;
  /** Items per second, for throughput measures (ingest). */
  perSecond: number | null;
  baseline: string;
  baselineMsP50: number;
  baselineMsMean: number | null;
  baselinePerSecond: number | null;
  /** unspun time / baseline time: median of pairwise ratios for process runs, else of totals. */
  ratio: number;
}

export interface SpeedBenchResult {
  measures: SpeedMeasure[];
  corpusArticles: number;
  suspectBytes: number;
}

const BIN = join(REPO_ROOT, 'bin/unspun.js');

/** The one-off trace input: a real 5.5 KB spun copy (../shared/specimens). */
function oneOffSuspect(): string {
  const path = join(sharedRoot(), 'specimens', 'karabakh-spun-copy.txt');
  if (!existsSync(path)) throw new UnspunError('DATASET_MISSING', path, 'the speed bench traces this specimen');
  return path;
}

function corpusFiles(): string[] {
  const dir = join(sharedRoot(), 'corpus');
  if (!existsSync(dir)) throw new UnspunError('DATASET_MISSING', dir, 'the reference corpus (../shared/corpus) is needed');
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort().map((f) => join(dir, f));
}

/** Wall time of one child process, ms; a failing command is an error, not a fast run. */
function runProcess(args: string[], what: string, cwd = REPO_ROOT): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr.toString().split('\n')[0]}`);
  return ms;
}

/** A B A B ... after one warm-up of each; medians and the median pairwise ratio. */
function pairedProcesses(
  runs: number,
  ours: string[],
  base: string[],
  what: string,
  cwd = REPO_ROOT,
): { ours: number[]; base: number[]; ratio: number } {
  runProcess(ours, what, cwd);
  runProcess(base, 'node -e 0', cwd);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(runProcess(ours, what, cwd));
    b.push(runProcess(base, 'node -e 0', cwd));
    ratios.push(a[i] / b[i]);
  }
  return { ours: a, base: b, ratio: percentile(ratios, 50) };
}

/** Indexes `files` with `unspun index` in its own process; the bare FTS5 insert of the same articles beside it. */
function measureIngest(files: string[], db: string): { ms: number; articles: number; baselineMs: number } {
  const ms = runProcess([BIN, 'index', ...files, '--db', db], 'unspun index');
  const counted = new Database(db, { readonly: true });
  const articles = (counted.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  counted.close();
  // Baseline: read the same files and insert title and text into a plain FTS5 table, one transaction.
  const dir = mkdtempSync(join(tmpdir(), 'unspun-speed-fts-'));
  try {
    const t0 = performance.now();
    const fts = new Database(join(dir, 'fts.db'));
    fts.pragma('journal_mode = WAL');
    fts.exec(`CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2')`);
    const insert = fts.prepare('INSERT INTO docs(title, text) VALUES (?, ?)');
    fts.transaction(() => {
      for (const f of files) for (const a of readJsonlArticles(f)) insert.run(a.title, a.text);
    })();
    fts.close();
    return { ms, articles, baselineMs: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every k-th article of one corpus file, as a suspect (it is in the index: its own source). */
function warmSuspects(files: string[], count: number): RawInput[] {
  const articles: ReferenceArticle[] = readJsonlArticles(files[0]);
  const step = Math.max(1, Math.floor(articles.length / count));
  const out: RawInput[] = [];
  for (let i = 0; i < articles.length && out.length < count; i += step) {
    const a = articles[i];
    out.push({ kind: 'text', content: `${a.title ?? ''}\n\n${a.text}`, name: a.id });
  }
  return out;
}

async function measureWarmTrace(db: string, suspects: RawInput[]): Promise<{ ms: number[]; baseMs: number[] }> {
  const store = await openSqliteStore(db, { readonly: true });
  try {
    // Warm-up: WordNet, the SQLite page cache and the JIT, as a server would have them.
    for (const s of suspects.slice(0, 3)) await traceArticle(s, store);
    const ms: number[] = [];
    const baseMs: number[] = [];
    for (const s of suspects) {
      let t0 = performance.now();
      await traceArticle(s, store);
      ms.push(performance.now() - t0);
      t0 = performance.now();
      await store.searchText(plainQueryWords(s.content), 10);
      baseMs.push(performance.now() - t0);
    }
    return { ms, baseMs };
  } finally {
    await store.close();
  }
}

function measureExtraction(pages: number): { ms: number[]; baseMs: number[] } {
  const dir = join(sharedRoot(), 'datasets', 'article-extraction-benchmark', 'html');
  if (!existsSync(dir)) throw new UnspunError('DATASET_MISSING', dir, 'the Zyte article-extraction benchmark pages');
  const files = readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort().slice(0, pages);
  const html = files.map((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8'));
  const ms: number[] = [];
  const baseMs: number[] = [];
  const ours = (page: string): void => {
    try {
      extractArticle({ kind: 'html', content: page, name: 'page', url: null });
    } catch (err) {
      if (!(err instanceof UnspunError)) throw err;
    }
  };
  const readability = (page: string): void => {
    try {
      new Readability(parseHTML(page).document).parse();
    } catch {
      // As in the extraction bench: a page Readability throws on counts as done.
    }
  };
  // One untimed pass loads both and lets the JIT settle.
  for (const page of html.slice(0, 5)) {
    ours(page);
    readability(page);
  }
  for (const page of html) {
    let t0 = performance.now();
    ours(page);
    ms.push(performance.now() - t0);
    t0 = performance.now();
    readability(page);
    baseMs.push(performance.now() - t0);
  }
  return { ms, baseMs };
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

/** The compiled CLI the one-off traces run, built from this tree. */
function buildCli(): void {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-cli.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr.toString().split('\n')[0]}`);
}

/** `runs` one-off traces of the specimen with no index, each beside a bare node start. */
function oneOffNoIndex(suspect: string, runs: number, work: string): SpeedMeasure {
  // No --db, run from an empty folder: the default index is absent, as for a first-time user
  // (a --db that does not exist is refused, exit 66).
  const noIndex = pairedProcesses(runs, [BIN, 'trace', suspect], ['-e', '0'], 'unspun trace', work);
  return {
    measure: 'one-off `unspun trace` of a 5.5 KB text, no index', how: 'separate processes', items: runs, unit: 'run',
    msP50: percentile(noIndex.ours, 50), msP99: null, msMean: null, perSecond: null,
    baseline: 'bare `node -e 0`', baselineMsP50: percentile(noIndex.base, 50), baselineMsMean: null, baselinePerSecond: null, ratio: noIndex.ratio,
  };
}

/** `runs` one-off traces of the specimen against the index `db` (`size` names it), each beside a bare node start. */
function oneOffWithIndex(suspect: string, runs: number, db: string, size: string): SpeedMeasure {
  const withIndex = pairedProcesses(runs, [BIN, 'trace', suspect, '--db', db], ['-e', '0'], 'unspun trace --db');
  return {
    measure: `one-off \`unspun trace\` of a 5.5 KB text, ${size} index`, how: 'separate processes', items: runs, unit: 'run',
    msP50: percentile(withIndex.ours, 50), msP99: null, msMean: null, perSecond: null,
    baseline: 'bare `node -e 0`', baselineMsP50: percentile(withIndex.base, 50), baselineMsMean: null, baselinePerSecond: null, ratio: withIndex.ratio,
  };
}

/**
 * Only the one-off rows, for checking start-up work in a minute: no index, and with `db` (an
 * index built beforehand, e.g. by `unspun index`) when given.
 */
export function runOneOffBench(opts: { runs?: number; db?: string; log?: (m: string) => void } = {}): SpeedMeasure[] {
  const log = opts.log ?? (() => {});
  const runs = opts.runs ?? 10;
  buildCli();
  const suspect = oneOffSuspect();
  const work = mkdtempSync(join(tmpdir(), 'unspun-speed-'));
  try {
    log(`speed: one-off trace with no index, ${runs} runs`);
    const measures = [oneOffNoIndex(suspect, runs, work)];
    if (opts.db) {
      if (!existsSync(opts.db)) throw new UnspunError('DATASET_MISSING', opts.db, 'the index for the one-off trace with an index');
      const counted = new Database(opts.db, { readonly: true });
      const articles = (counted.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      counted.close();
      log(`speed: one-off trace with the ${articles}-article index, ${runs} runs`);
      measures.push(oneOffWithIndex(suspect, runs, opts.db, `${Math.round(articles / 1000)}k`));
    }
    return measures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function runSpeedBench(opts: { quick?: boolean; log?: (m: string) => void } = {}): Promise<SpeedBenchResult> {
  const log = opts.log ?? (() => {});
  const quick = opts.quick ?? false;
  // The one-off traces run the compiled CLI: make sure it is built from this tree.
  buildCli();

  const suspect = oneOffSuspect();
  const measures: SpeedMeasure[] = [];
  const work = mkdtempSync(join(tmpdir(), 'unspun-speed-'));
  try {
    const runs = quick ? 3 : 10;
    log(`speed: one-off trace with no index, ${runs} runs`);
    measures.push(oneOffNoIndex(suspect, runs, work));

    // The index: the whole shared corpus (or 2,000 articles of it for --quick).
    let files = corpusFiles();
    if (quick) {
      const subset = join(work, 'subset.jsonl.gz');
      const lines = gunzipSync(readFileSync(files[0])).toString('utf8').split('\n').filter(Boolean).slice(0, 2000);
      writeFileSync(subset, gzipSync(lines.join('\n') + '\n'));
      files = [subset];
    }
    const db = join(work, 'index.db');
    log(`speed: indexing ${quick ? '2,000 articles' : 'the shared corpus'} in a separate process`);
    const ingest = measureIngest(files, db);
    const dbMb = readdirSync(work).filter((f) => f.startsWith('index.db')).reduce((n, f) => n + statSync(join(work, f)).size, 0) / 1048576;
    log(`speed: ${ingest.articles} articles in ${(ingest.ms / 1000).toFixed(1)} s (${dbMb.toFixed(0)} MB)`);
    measures.push({
      measure: `ingest: \`unspun index\` of ${quick ? '2,000 articles' : 'the shared corpus'}`, how: 'separate process', items: ingest.articles, unit: 'article',
      msP50: ingest.ms / ingest.articles, msP99: null, msMean: ingest.ms / ingest.articles, perSecond: (ingest.articles * 1000) / ingest.ms,
      baseline: 'bare FTS5 insert of the same articles (one transaction)', baselineMsP50: ingest.baselineMs / ingest.articles, baselineMsMean: ingest.baselineMs / ingest.articles,
      baselinePerSecond: (ingest.articles * 1000) / ingest.baselineMs, ratio: ingest.ms / ingest.baselineMs,
    });

    const size = quick ? '2k' : `${Math.round(ingest.articles / 1000)}k`;
    log(`speed: one-off trace with the ${size} index, ${runs} runs`);
    measures.push(oneOffWithIndex(suspect, runs, db, size));

    const suspects = warmSuspects(files, quick ? 10 : 40);
    log(`speed: ${suspects.length} warm traces at ${size}`);
    const warm = await measureWarmTrace(db, suspects);
    measures.push({
      measure: `warm trace at ${size} (a corpus article as suspect; retrieval included)`, how: 'one process', items: suspects.length, unit: 'trace',
      msP50: percentile(warm.ms, 50), msP99: percentile(warm.ms, 99), msMean: sum(warm.ms) / warm.ms.length, perSecond: null,
      baseline: 'FTS5 BM25 query of the suspect\'s content words (top 10)', baselineMsP50: percentile(warm.baseMs, 50), baselineMsMean: sum(warm.baseMs) / warm.baseMs.length, baselinePerSecond: null,
      ratio: percentile(warm.ms, 50) / percentile(warm.baseMs, 50),
    });

    const pages = quick ? 20 : 181;
    log(`speed: extraction of ${pages} pages`);
    const ex = measureExtraction(pages);
    measures.push({
      measure: 'extraction (Zyte benchmark pages)', how: 'one process', items: ex.ms.length, unit: 'page',
      msP50: percentile(ex.ms, 50), msP99: percentile(ex.ms, 99), msMean: sum(ex.ms) / ex.ms.length, perSecond: null,
      baseline: 'Readability.js 0.6.0 + linkedom on the same page', baselineMsP50: percentile(ex.baseMs, 50), baselineMsMean: sum(ex.baseMs) / ex.baseMs.length, baselinePerSecond: null,
      ratio: sum(ex.ms) / sum(ex.baseMs),
    });
    return { measures, corpusArticles: ingest.articles, suspectBytes: statSync(suspect).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const log = (m: string) => process.stderr.write(`${m}\n`);
  if (args.includes('--one-off')) {
    const runs = value('--runs') === undefined ? undefined : Number(value('--runs'));
    if (runs !== undefined && !(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs needs a positive whole number, got ${value('--runs')}`);
    process.stdout.write(`${JSON.stringify(runOneOffBench({ runs, db: value('--db'), log }), null, 2)}\n`);
  } else {
    const result = await runSpeedBench({ quick: args.includes('--quick'), log });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}

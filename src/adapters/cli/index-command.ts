/**
 * @module adapters/cli/index-command
 * `unspun index <paths...>`: reads JSONL, HTML, text, WARC and feed files (gzipped or not,
 * folders recursively) into the store, one transaction per batch.
 *
 * - Parsing, hashing and fingerprinting run in worker threads (ingest/prepare-pool.ts, one per
 *   core) once the input is more than one batch; this thread reads, and writes each prepared
 *   batch in the order it was read, so the store changes exactly as with no threads.
 * - Content already stored (same normalised-text hash) is skipped before fingerprinting, so
 *   re-indexing is a fast no-op ("0 added, N unchanged") and a killed run resumes where its
 *   last committed batch ended. A kill never leaves a half-written batch (SQLite WAL).
 * - Each bad input prints one line naming the file (and line/record) and the run goes on.
 * - Exit: 0 all indexed; 65 some inputs failed (the good ones are indexed); 66 a path does
 *   not exist (nothing is indexed); 74 the store cannot be opened or written; 130 interrupted.
 */
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { ERROR_CATALOG, UnspunError, isUnspunError } from '../../core/errors.ts';
import { DEFAULT_BATCH, DEFAULT_MAX_BYTES } from '../../core/index/settings.ts';
import type { IndexRecord, Store } from '../../core/store.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { ingestFiles, ingestFilesWithRawLines, walkInputs, type InputFile } from '../ingest/index.ts';
import { prepareBatch, preparedError, type Prepared, type PrepareInput } from '../ingest/prepare.ts';
import { PreparePool, defaultPrepareWorkers } from '../ingest/prepare-pool.ts';
import { describeLocation, openStore } from '../open-store.ts';
import { DEFAULT_ARTICLES_PER_JOB, openQueue, type JobQueue } from '../queue/index.ts';
import { DEFAULT_DB } from './common.ts';

/** Error lines printed per file before the rest are only counted (a Latin-1 JSONL would print one per line). */
const MAX_ERRORS_SHOWN_PER_FILE = 10;
/** Plain progress lines when stderr is not a terminal, at most this often. */
const PLAIN_PROGRESS_MS = 5000;

export interface IndexRunOptions {
  paths: string[];
  db: string;
  batch?: number;
  maxBytes?: number;
  /** Progress and error lines (default process.stderr). A TTY gets a bar, anything else plain lines. */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** The summary line (default process.stdout). */
  stdout?: NodeJS.WritableStream;
  /** Minimum time between plain (non-TTY) progress lines, ms (default PLAIN_PROGRESS_MS). */
  progressEveryMs?: number;
  /** Stop after this many articles have been read (benchmarks, samples). */
  limit?: number;
  /** Stop after the current batch (Ctrl-C). */
  signal?: AbortSignal;
  /** Queue the batches as ingest jobs for `unspun worker` instead of writing them here (needs a postgres:// db). */
  queue?: boolean;
  /**
   * Worker threads that parse, hash and fingerprint (default: one per core); 0 does it all in
   * this thread. They start only when the input is more than one batch.
   */
  workers?: number;
  /** Called after each committed batch; tests use it to simulate a crash. */
  onBatch?: (info: { batches: number; store: Store }) => void;
}

export interface IndexSummary {
  added: number;
  unchanged: number;
  replaced: number;
  /** Inputs (files, lines, records) that failed. */
  errors: number;
  /** Failed inputs by error code. */
  errorCodes: Partial<Record<string, number>>;
  files: number;
  /** Files inside folders skipped for an unknown extension. */
  skipped: number;
  seconds: number;
  articlesPerSecond: number;
  /** Articles in the store at the end. */
  total: number;
  /** With --queue: ingest jobs made, and batches found already queued or done. */
  jobs?: { created: number; existing: number };
  /** With --queue: articles put into jobs. */
  queued?: number;
  interrupted: boolean;
  /**
   * Why the run did not fully succeed, not yet printed: a missing path (INPUT_NOT_FOUND), the
   * store (STORE_*), or INPUT_PARTIAL when some inputs failed (each of those was printed).
   */
  failure: UnspunError | null;
  /** Process exit code this run deserves (see module header). */
  exitCode: number;
}

interface Progress {
  update(articles: number, bytes: number, file: string): void;
  log(line: string): void;
  stop(): void;
}

function makeProgress(stream: IndexRunOptions['stderr'] & {}, totalBytes: number, start: number, everyMs: number): Progress {
  const rate = (n: number) => (n / Math.max(0.001, (Date.now() - start) / 1000)).toFixed(0);
  if (stream.isTTY) {
    const multi = new cliProgress.MultiBar(
      {
        stream: stream as NodeJS.WriteStream,
        format: 'indexing [{bar}] {percentage}% | {articles} articles | {rate}/s | {file}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(Math.max(1, totalBytes), 0, { articles: 0, rate: '0', file: '' });
    return {
      update: (articles, bytes, file) => bar.update(Math.min(bytes, totalBytes), { articles, rate: rate(articles), file }),
      log: (line) => multi.log(`${line}\n`),
      stop: () => multi.stop(),
    };
  }
  let last = Date.now();
  return {
    update: (articles, bytes, file) => {
      if (Date.now() - last < everyMs) return;
      last = Date.now();
      const pct = totalBytes ? Math.min(100, Math.round((100 * bytes) / totalBytes)) : 0;
      stream.write(`indexing: ${articles} articles, ${rate(articles)}/s, ${pct}% of input read (${file})\n`);
    },
    log: (line) => stream.write(`${line}\n`),
    stop: () => {},
  };
}

/** Runs an index job and returns its summary; never throws for bad inputs (see exitCode). */
export async function runIndex(opts: IndexRunOptions): Promise<IndexSummary> {
  const stderr = opts.stderr ?? process.stderr;
  const stdout = opts.stdout ?? process.stdout;
  const batchSize = Math.max(1, opts.batch ?? DEFAULT_BATCH);
  const start = Date.now();
  const summary: IndexSummary = {
    added: 0, unchanged: 0, replaced: 0, errors: 0, errorCodes: {}, files: 0, skipped: 0,
    seconds: 0, articlesPerSecond: 0, total: 0, interrupted: false, failure: null, exitCode: 0,
  };
  const finish = (failure: UnspunError | null): IndexSummary => {
    summary.seconds = (Date.now() - start) / 1000;
    summary.articlesPerSecond = (summary.added + summary.replaced + summary.unchanged) / Math.max(0.001, summary.seconds);
    summary.failure = failure;
    summary.exitCode = failure ? failure.exitCode : summary.interrupted ? 130 : 0;
    return summary;
  };

  const walk = await walkInputs(opts.paths);
  if (walk.missing.length) {
    const [first] = walk.missing;
    return finish(walk.missing.length === 1 ? first : new UnspunError(first.code, walk.missing.map((e) => e.subject).join(', ')));
  }
  summary.files = walk.files.length;
  summary.skipped = walk.skipped.length;

  let store: Store | null = null;
  let queue: JobQueue | null = null;
  try {
    if (opts.queue) {
      queue = await openQueue(opts.db);
      summary.jobs = { created: 0, existing: 0 };
    } else store = await openStore(opts.db, { cacheMb: 256 });
  } catch (err) {
    return finish(isUnspunError(err) ? err : new UnspunError('STORE_OPEN_FAILED', describeLocation(opts.db), (err as Error).message, { cause: err }));
  }

  const totalBytes = walk.files.reduce((n, f) => n + f.size, 0);
  const progress = makeProgress(stderr, totalBytes, start, opts.progressEveryMs ?? PLAIN_PROGRESS_MS);
  const shownPerFile = new Map<string, number>();
  const report = (error: UnspunError, file: InputFile | null, display?: string) => {
    summary.errors++;
    summary.errorCodes[error.code] = (summary.errorCodes[error.code] ?? 0) + 1;
    const key = file?.display ?? display?.replace(/(:\d+|\[\d+\]| record .*)$/, '') ?? '';
    const shown = shownPerFile.get(key) ?? 0;
    shownPerFile.set(key, shown + 1);
    if (shown < MAX_ERRORS_SHOWN_PER_FILE) progress.log(`unspun: ${error.message}`);
    else if (shown === MAX_ERRORS_SHOWN_PER_FILE) progress.log(`unspun: ${key}: further errors in this file are counted, not shown`);
  };
  for (const e of walk.errors) report(e, null);

  let bytesRead = 0;
  let articlesRead = 0;
  let batches = 0;
  // Ids seen in this run: a second article under the same id with other text would silently
  // replace the first, so it is reported instead (the first is kept).
  const seenIds = new Map<string, { hash: string; where: string }>();
  // Texts added in this run: a batch prepared before an earlier one was written could not see them in the store.
  const addedHashes = new Set<string>();
  let currentFile = '';
  let fatal: UnspunError | null = null;

  // --queue: the worker hashes, skips what is stored and writes; here each batch only becomes a job.
  let queued: ReferenceArticle[] = [];
  const enqueue = async () => {
    if (!queue || queued.length === 0) return;
    const batch = queued;
    queued = [];
    const job = await queue.enqueueIngest(batch);
    summary.jobs![job.created ? 'created' : 'existing']++;
    summary.queued = (summary.queued ?? 0) + batch.length;
    batches++;
  };

  // Indexing here: batches are prepared (parsed, hashed, fingerprinted) in worker threads once
  // the input is more than one batch, in this thread otherwise, and written here, one
  // transaction each, in the order they were read.
  const workers = Math.max(0, opts.workers ?? defaultPrepareWorkers());
  let pool: PreparePool | null = null;
  let pending: PrepareInput[] = [];
  const inflight: { what: string; result: Promise<Prepared[]> }[] = [];

  const writeNext = async () => {
    const work = inflight.shift();
    if (!work || !store) return;
    const prepared = await work.result;
    const records: IndexRecord[] = [];
    for (const p of prepared) {
      if (!p.ok) {
        report(preparedError(p), null, p.where);
        continue;
      }
      const first = seenIds.get(p.id);
      if (first && first.hash !== p.hash) {
        report(new UnspunError('INPUT_MALFORMED', p.where, `duplicate id "${p.id.slice(0, 200)}" with different text (first at ${first.where}); the first is kept`), null, p.where);
        continue;
      }
      if (!first) seenIds.set(p.id, { hash: p.hash, where: p.where });
      if (!p.record || addedHashes.has(p.hash)) {
        summary.unchanged++;
        continue;
      }
      addedHashes.add(p.hash);
      records.push(p.record);
    }
    // A worker checked the store when it prepared the batch; another writer may have added since.
    const known = pool && records.length ? await store.knownHashes(records.map((r) => r.contentHash)) : new Set<string>();
    const fresh = records.filter((r) => !known.has(r.contentHash));
    summary.unchanged += records.length - fresh.length;
    if (fresh.length) {
      const r = await store.put(fresh);
      summary.added += r.added;
      summary.unchanged += r.unchanged;
      summary.replaced += r.replaced;
    }
    batches++;
    opts.onBatch?.({ batches, store: store! });
  };

  const flush = async (full: boolean) => {
    if (queue) return enqueue();
    if (!store || pending.length === 0) return;
    const inputs = pending;
    pending = [];
    // Worker threads pay for their start-up only when there is more than one batch to prepare.
    if (!pool && full && workers > 0) pool = new PreparePool(workers, opts.db);
    const what = `${whereOf(inputs[0])}${inputs.length > 1 ? ` to ${whereOf(inputs[inputs.length - 1])}` : ''}`;
    const s = store;
    const result = pool ? pool.prepare(inputs, what) : prepareBatch(inputs, (h) => s.knownHashes(h));
    result.catch(() => {}); // a failure is thrown when this batch's turn to be written comes
    inflight.push({ what, result });
    // Enough batches in flight to keep every worker busy while this thread writes.
    while (inflight.length > (pool ? 2 * workers : 0) && !opts.signal?.aborted) await writeNext();
  };

  try {
    const read = queue ? ingestFiles : ingestFilesWithRawLines;
    const items = read(walk.files, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, onBytes: (n) => (bytesRead += n) });
    for await (const item of items) {
      if (item.file) currentFile = item.file.display;
      if (!item.ok) report(item.error, item.file);
      else {
        if ('line' in item) pending.push({ line: item.line, lineNo: item.lineNo, display: item.file.display, rel: item.file.rel });
        else if (queue) queued.push(item.article);
        else pending.push({ article: item.article, where: item.where ?? item.file.display });
        articlesRead++;
        if (pending.length + queued.length >= batchSize) await flush(true);
        if (opts.limit !== undefined && articlesRead >= opts.limit) break;
      }
      progress.update(summary.added + summary.replaced + summary.unchanged + (summary.queued ?? 0) + pending.length + queued.length, bytesRead, currentFile);
      if (opts.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
    }
    // Interrupted: batches read but not yet written are left for the re-run (it skips what is stored).
    if (!opts.signal?.aborted) await flush(false);
    while (inflight.length && !opts.signal?.aborted) await writeNext();
    if (inflight.length || pending.length) summary.interrupted = true;
  } catch (err) {
    fatal = isUnspunError(err) ? err : new UnspunError('STORE_WRITE_FAILED', describeLocation(opts.db), (err as Error).message, { cause: err });
  } finally {
    progress.stop();
    try {
      if (store) summary.total = await store.count();
    } catch {
      // the store failed; the fatal error says why
    }
    await (pool as PreparePool | null)?.close();
    await store?.close();
    await queue?.close();
  }
  let failure = fatal;
  if (!failure && summary.errors) {
    const n = summary.errors;
    failure = new UnspunError('INPUT_PARTIAL', null, `${n} input${n === 1 ? '' : 's'} failed (listed above); everything else was indexed`);
  }
  if (!failure && walk.files.length === 0) {
    failure = new UnspunError('INPUT_EMPTY', opts.paths.join(', '), 'no input files (.jsonl, .html, .txt, .warc, .xml, .rss, .atom, optionally .gz)');
  }
  const s = finish(failure);
  const done = s.added + s.replaced + s.unchanged;
  if (s.jobs) {
    stdout.write(
      `${s.interrupted ? 'interrupted: ' : ''}queued ${s.queued ?? 0} articles in ${s.jobs.created} new ingest jobs (${s.jobs.existing} already queued or done), ${s.errors} errors` +
        ` in ${s.seconds.toFixed(1)} s; \`unspun worker --db ...\` runs them, \`unspun jobs\` shows progress\n`,
    );
    return s;
  }
  stdout.write(
    `${s.interrupted ? 'interrupted: ' : ''}${s.added} added, ${s.unchanged} unchanged, ${s.replaced} replaced, ${s.errors} errors` +
      ` in ${s.seconds.toFixed(1)} s (${Math.round(done / Math.max(0.001, s.seconds))} articles/s); ${s.total} articles in ${describeLocation(opts.db)}` +
      `${s.skipped ? `; ${s.skipped} files of unknown type skipped` : ''}\n`,
  );
  return s;
}

function whereOf(input: PrepareInput): string {
  return 'line' in input ? `${input.display}:${input.lineNo}` : input.where;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/**
 * Adds `unspun index` to a commander program. Failures throw UnspunErrors for the caller to
 * print and map to exit codes. `io` redirects output (tests); default process.stdout/stderr.
 */
export function registerIndexCommand(
  program: Command,
  io: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream & { isTTY?: boolean } } = {},
): void {
  program
    .command('index')
    .description('add reference articles (JSONL, HTML, text, WARC, RSS/Atom; .gz too; folders recurse) to the index')
    .argument('<paths...>', 'files or folders to index')
    .option('--db <path|url>', 'the index: a SQLite file, or a postgres:// URL', DEFAULT_DB)
    .option('--batch <n>', `articles per transaction (per job with --queue: default ${DEFAULT_ARTICLES_PER_JOB})`, positiveInt)
    .option('--queue', 'queue the articles as ingest jobs for `unspun worker` instead of indexing here (needs a postgres:// --db)')
    .option('--max-bytes <n>', 'largest single document, JSONL line or WARC record, in bytes', positiveInt, DEFAULT_MAX_BYTES)
    .option('--workers <n>', 'worker threads that parse and fingerprint (default: one per core; 0: none)', nonNegativeInt)
    .action(async (paths: string[], flags: { db: string; batch?: number; maxBytes: number; queue?: boolean; workers?: number }) => {
      const abort = new AbortController();
      const onSignal = () => {
        if (abort.signal.aborted) process.exit(130);
        process.stderr.write('\nunspun: stopping after the current batch (press Ctrl-C again to quit now)\n');
        abort.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let s: IndexSummary;
      try {
        const batch = flags.batch ?? (flags.queue ? DEFAULT_ARTICLES_PER_JOB : DEFAULT_BATCH);
        s = await runIndex({ paths, db: flags.db, batch, maxBytes: flags.maxBytes, queue: flags.queue, workers: flags.workers, signal: abort.signal, ...io });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      // The caller (main.ts) prints a thrown UnspunError as one line and exits with its code.
      if (s.failure) throw s.failure;
      if (s.interrupted) process.exit(130);
    });
}

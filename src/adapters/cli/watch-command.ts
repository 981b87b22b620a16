/**
 * @module adapters/cli/watch-command
 * `unspun watch`: polls RSS/Atom feeds and XML sitemaps, indexes what reference feeds list and
 * traces what suspect feeds list (adapters/watch/watcher.ts), and announces new copies with
 * serious changes as JSON Lines (stdout by default, or --announce <file>) and to --webhook.
 * `--once` polls once and exits: 0 when every feed and item was handled, 65 when some failed
 * (each failure was logged with its URL, and the rest still ran). Otherwise it polls every
 * --interval until Ctrl-C. Progress and failures go to stderr. With `--queue` (a postgres://
 * --db) indexing and tracing are jobs for `unspun worker`s; fetching and announcing stay here.
 */
import { Command, Option } from 'commander';
import { UnspunError } from '../../core/errors.ts';
import { openReportStoreBeside, openStore, openWatchStoreBeside } from '../open-store.ts';
import { openQueue, type JobQueue } from '../queue/index.ts';
import { makeAnnouncer } from '../watch/announce.ts';
import { readConfigFile, resolveConfig, type WatchConfig, type WatchConfigFile } from '../watch/config.ts';
import { PoliteFetcher } from '../watch/fetcher.ts';
import { Watcher, type PollSummary } from '../watch/watcher.ts';
import { DEFAULT_DB, packageVersion } from './common.ts';

interface WatchFlags {
  config?: string;
  db?: string;
  reference?: string[];
  suspect?: string[];
  once?: boolean;
  interval?: string;
  announce?: string;
  webhook?: string;
  severity?: 'low' | 'medium' | 'high';
  permalinkBase?: string;
  hostDelay?: string;
  timeout?: string;
  maxBytes?: string;
  maxRedirects?: string;
  maxItems?: string;
  queue?: boolean;
  queueWait?: string;
}

function intFlag(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UnspunError('USAGE', flag, `expected a whole number, got "${v}"`);
  return Number(v);
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('watch feeds and sitemaps: index reference items, trace suspect items, announce new copies with serious changes')
    .option('--config <file.json>', 'settings file (JSON; the fields are the long flag names in camelCase); flags override it')
    .option('--db <path|url>', `the index: a file (created if missing) or a postgres:// URL; watch state and reports are kept in it (default "${DEFAULT_DB}")`)
    .option('--reference <urls...>', 'feeds or sitemaps of outlets whose articles are sources: indexed')
    .option('--suspect <urls...>', 'feeds or sitemaps of sites that may copy: each new item is traced')
    .option('--once', 'poll every feed once and exit')
    .option('--interval <duration>', 'time between polls, e.g. 15m, 1h (default 15m)')
    .option('--announce <file.jsonl>', 'append announcements of new copies here as JSON Lines ("-", the default, is stdout)')
    .option('--webhook <url>', 'also POST each announcement (JSON) to this URL')
    .addOption(new Option('--severity <level>', 'least severity of a change that makes a copy worth announcing (default medium)').choices(['low', 'medium', 'high']))
    .option('--permalink-base <url>', 'base URL of `unspun serve`, for report links in announcements')
    .option('--host-delay <duration>', 'least time between requests to one host (default 1s; robots.txt Crawl-delay can raise it)')
    .option('--timeout <duration>', 'time limit per request, body included (default 20s)')
    .option('--max-bytes <size>', 'largest feed or page read (default 5mb)')
    .option('--max-redirects <n>', 'redirects followed per request (default 5)')
    .option('--max-items <n>', 'items taken from one feed per poll, newest first (default 100)')
    .option('--queue', 'hand indexing and tracing to `unspun worker`s through the job queue (needs a postgres:// --db; see docs/scaling.md)')
    .option('--queue-wait <duration>', 'with --queue: how long a poll waits for its jobs (default 10m); later polls collect the rest')
    .action(async (flags: WatchFlags) => {
      const file: WatchConfigFile = flags.config ? readConfigFile(flags.config) : {};
      const fromFlags: WatchConfigFile = {
        db: flags.db,
        reference: flags.reference,
        suspect: flags.suspect,
        once: flags.once,
        interval: flags.interval,
        announce: flags.announce,
        webhook: flags.webhook,
        severity: flags.severity,
        permalinkBase: flags.permalinkBase,
        hostDelay: flags.hostDelay,
        timeout: flags.timeout,
        maxBytes: flags.maxBytes,
        maxRedirects: intFlag(flags.maxRedirects, '--max-redirects'),
        maxItems: intFlag(flags.maxItems, '--max-items'),
        queue: flags.queue,
        queueWait: flags.queueWait,
      };
      for (const k of Object.keys(fromFlags) as (keyof WatchConfigFile)[]) if (fromFlags[k] === undefined) delete fromFlags[k];
      await runWatch(resolveConfig(file, fromFlags, DEFAULT_DB));
    });
}

export function summaryLine(s: PollSummary): string {
  const feeds = `${s.feeds} feeds polled (${s.feedsNotModified} not modified, ${s.feedsFailed} failed${s.feedsDeferred ? `, ${s.feedsDeferred} deferred by backoff` : ''})`;
  const items = `${s.itemsSeen} items fetched: ${s.indexed} indexed, ${s.traced} traced, ${s.announced} announced, ${s.unchanged} unchanged, ${s.duplicates} duplicates, ${s.skipped} disallowed by robots.txt, ${s.itemsFailed} failed`;
  const jobs = s.queued || s.pending ? `; ${s.queued} jobs queued, ${s.pending} still running` : '';
  return `${feeds}; ${items}${jobs}`;
}

export async function runWatch(config: WatchConfig, io: { stderr?: NodeJS.WritableStream } = {}): Promise<PollSummary[]> {
  const stderr = io.stderr ?? process.stderr;
  const log = (line: string) => stderr.write(`unspun watch: ${line}\n`);
  const version = packageVersion();
  const userAgent = config.userAgent ?? `unspun/${version} (watch; +https://www.npmjs.com/package/unspun)`;
  // The pipeline (and its language models) loads on the first trace: a poll with nothing new stays quick.
  let pipeline: Promise<typeof import('../../core/pipeline.ts')> | null = null;
  const corpus = await openStore(config.db);
  let reports: Awaited<ReturnType<typeof openReportStoreBeside>>;
  let state: Awaited<ReturnType<typeof openWatchStoreBeside>>;
  let queue: JobQueue | undefined;
  try {
    reports = await openReportStoreBeside(corpus);
    state = await openWatchStoreBeside(corpus);
    if (config.queue) queue = await openQueue(config.db);
  } catch (err) {
    await corpus.close();
    throw err;
  }
  const fetcher = new PoliteFetcher({
    userAgent,
    robotsAgent: 'unspun',
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    maxRedirects: config.maxRedirects,
    hostDelayMs: config.hostDelayMs,
  });
  const watcher = new Watcher(
    {
      reference: config.reference,
      suspect: config.suspect,
      maxItemsPerFeed: config.maxItems,
      hostConcurrency: config.concurrency,
      attempts: config.attempts,
      retryBaseMs: config.retryBaseMs,
      backoffBaseMs: config.backoffBaseMs,
      backoffMaxMs: config.backoffMaxMs,
      announceSeverity: config.severity,
      permalinkBase: config.permalinkBase,
      queueWaitMs: config.queueWaitMs,
    },
    {
      queue,
      corpus,
      reports,
      state,
      fetcher,
      trace: async (input) => {
        pipeline ??= import('../../core/pipeline.ts');
        return (await pipeline).traceArticle(input, corpus, { generatorVersion: version });
      },
      announce: makeAnnouncer({
        logPath: config.announce ?? '-',
        webhook: config.webhook,
        timeoutMs: config.timeoutMs,
        retryBaseMs: config.retryBaseMs,
        userAgent,
        onProblem: log,
      }),
      log,
    },
  );
  const summaries: PollSummary[] = [];
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    log('stopping after this poll (Ctrl-C again to quit now)');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (;;) {
      const started = Date.now();
      log(`polling ${config.reference.length} reference and ${config.suspect.length} suspect feeds${queue ? '; indexing and tracing by the queue\'s workers' : ''}`);
      const s = await watcher.poll();
      summaries.push(s);
      log(summaryLine(s));
      if (config.once || stop.signal.aborted) break;
      const wait = Math.max(0, config.intervalMs - (Date.now() - started));
      log(`next poll in ${Math.round(wait / 1000)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        stop.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (stop.signal.aborted) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await queue?.close();
    await state.close();
    await reports.close();
    await corpus.close();
  }
  const last = summaries[summaries.length - 1];
  if (config.once && last && last.feedsFailed + last.itemsFailed > 0) {
    throw new UnspunError('INPUT_PARTIAL', null, `${last.feedsFailed} feeds and ${last.itemsFailed} items failed (logged above with their URLs); everything else was handled`);
  }
  return summaries;
}

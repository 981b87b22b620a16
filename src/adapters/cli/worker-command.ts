/**
 * @module adapters/cli/worker-command
 * `unspun worker --db postgres://...`: takes ingest and trace jobs from the queue
 * (adapters/queue) and runs them against the store in the same database, until stopped
 * (Ctrl-C or SIGTERM: the job in hand is finished first). Run one per core, on as many
 * machines as you like; each job is one store transaction, so a worker killed mid-job leaves
 * nothing half-done and the job is retried elsewhere after its timeout.
 *
 * `unspun jobs --db postgres://...` shows the queue: jobs per state, one job by id, or the
 * dead-letter list (`--failed`) with each failed job's error.
 */
import type { Command } from 'commander';
import type PgBoss from 'pg-boss';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { contentHash, indexRecordWithHash } from '../../core/index/index.ts';
import type { IndexRecord, PutResult, Store } from '../../core/store.ts';
import type { ReportStore } from '../../core/report-store.ts';
import { openReportStoreBeside, openStore } from '../open-store.ts';
import { INGEST_QUEUE, TRACE_QUEUE, openQueue, type IngestJob, type JobQueue, type QueueName, type TraceJob } from '../queue/index.ts';
import { DEFAULT_DB, packageVersion } from './common.ts';
import { parseDuration } from './serve-command.ts';

/** Runs one ingest job: articles already stored (same content) are skipped, the rest put in one transaction. */
export async function runIngestJob(store: Store, job: IngestJob): Promise<PutResult> {
  if (!Array.isArray(job?.articles)) throw new UnspunError('INPUT_MALFORMED', 'ingest job', 'has no articles array');
  job.articles.forEach((a, i) => {
    const where = `ingest job article ${i + 1}${typeof a?.id === 'string' ? ` (id ${JSON.stringify(a.id)})` : ''}`;
    if (typeof a?.id !== 'string' || a.id.length === 0) throw new UnspunError('INPUT_MALFORMED', where, 'id must be a non-empty string');
    if (typeof a.text !== 'string') throw new UnspunError('INPUT_MALFORMED', where, 'text must be a string');
  });
  const hashes = job.articles.map((a) => contentHash(a.text));
  const known = await store.knownHashes([...new Set(hashes)]);
  const records: IndexRecord[] = [];
  let unchanged = 0;
  job.articles.forEach((a, i) => {
    if (known.has(hashes[i])) unchanged++;
    else records.push(indexRecordWithHash(a, hashes[i]));
  });
  const r = records.length ? await store.put(records) : { added: 0, unchanged: 0, replaced: 0 };
  return { ...r, unchanged: r.unchanged + unchanged };
}

/**
 * Runs one trace job. The report history stores an article traced the same way once
 * (core/report/history.ts), so a retried job's report is not stored twice.
 */
export async function runTraceJob(store: Store, reports: ReportStore, job: TraceJob): Promise<{ reportId: string; found: boolean; serious: number; duplicate: boolean }> {
  const { traceArticle } = await import('../../core/pipeline.ts');
  const report = await traceArticle(job.input, store, { generatorVersion: packageVersion() });
  const saved = await reports.save(report);
  return { reportId: saved.id, found: report.verdict.found, serious: report.summary.serious, duplicate: saved.duplicate };
}

export interface WorkerOptions {
  db: string;
  queues: QueueName[];
  concurrency: number;
  jobTimeoutSeconds?: number;
  maintenanceSeconds?: number;
  retryDelaySeconds?: number;
  log: (line: string) => void;
}

export interface RunningWorker {
  queue: JobQueue;
  stop(): Promise<void>;
}

/** Starts taking jobs; resolves once the worker is polling. */
export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const store = await openStore(o.db, { poolSize: o.concurrency + 2 });
  let reports: ReportStore;
  let queue: JobQueue;
  try {
    reports = await openReportStoreBeside(store);
    queue = await openQueue(o.db, { configure: true, jobTimeoutSeconds: o.jobTimeoutSeconds, maintenanceSeconds: o.maintenanceSeconds, retryDelaySeconds: o.retryDelaySeconds });
  } catch (err) {
    await store.close();
    throw err;
  }
  const handle = async (name: QueueName, job: PgBoss.Job<unknown>): Promise<object> => {
    const t0 = performance.now();
    o.log(`${name} job ${job.id} started`);
    try {
      const result = name === INGEST_QUEUE ? await runIngestJob(store, job.data as IngestJob) : await runTraceJob(store, reports, job.data as TraceJob);
      o.log(`${name} job ${job.id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(result)}`);
      return result;
    } catch (err) {
      o.log(`${name} job ${job.id} failed: ${(err as Error).message}`);
      // pg-boss records what is thrown as the job's output: keep the message and code.
      throw isUnspunError(err) ? Object.assign(new Error(err.message), { code: err.code }) : err;
    }
  };
  for (const name of o.queues) {
    for (let i = 0; i < o.concurrency; i++) {
      await queue.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handle(name, job));
    }
  }
  return {
    queue,
    async stop() {
      await queue.close();
      await reports.close();
      await store.close();
    },
  };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UnspunError('USAGE', value, 'expected a positive whole number');
  return n;
}

function queueNames(value: string): QueueName[] {
  const out: QueueName[] = [];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'ingest') out.push(INGEST_QUEUE);
    else if (part === 'trace') out.push(TRACE_QUEUE);
    else throw new UnspunError('USAGE', '--queues', `unknown queue "${part}" (ingest, trace)`);
  }
  return out;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take ingest and trace jobs from the queue in PostgreSQL and run them (see docs/scaling.md)')
    .option('--db <url>', 'the store and queue: a postgres:// URL', DEFAULT_DB)
    .option('--queues <list>', 'which jobs to take: ingest, trace or both', queueNames, queueNames('ingest,trace'))
    .option('--concurrency <n>', 'jobs at once in this process (run one process per core for CPU-bound work)', positiveInt, 1)
    .option('--job-timeout <duration>', 'a job active this long is presumed dead and retried (jobs queued from now on; the queue keeps the last worker\'s setting)', (v) => parseDuration(v), parseDuration('300s'))
    .option('--retry-delay <duration>', 'first retry of a failed job after this long, doubling each time', (v) => parseDuration(v), parseDuration('5s'))
    .action(async (flags: { db: string; queues: QueueName[]; concurrency: number; jobTimeout: number; retryDelay: number }) => {
      const log = (line: string) => process.stderr.write(`unspun worker: ${line}\n`);
      const worker = await startWorker({
        db: flags.db,
        queues: flags.queues,
        concurrency: flags.concurrency,
        jobTimeoutSeconds: Math.max(1, Math.round(flags.jobTimeout / 1000)),
        maintenanceSeconds: Math.max(1, Math.min(60, Math.round(flags.jobTimeout / 2000))),
        retryDelaySeconds: Math.max(1, Math.round(flags.retryDelay / 1000)),
        log,
      });
      log(`taking ${flags.queues.join(', ')} jobs (${flags.concurrency} at a time); Ctrl-C stops after the jobs in hand`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          log('stopping');
          void worker.stop().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });

  program
    .command('jobs')
    .description('show the job queue: counts per state, one job (by id), or the dead-letter list')
    .argument('[id]', 'a job id printed by `index --queue` or `trace --queue`')
    .option('--db <url>', 'the store and queue: a postgres:// URL', DEFAULT_DB)
    .option('--failed', 'list jobs that failed after every retry, with their errors')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, flags: { db: string; failed?: boolean; json?: boolean }) => {
      const queue = await openQueue(flags.db);
      try {
        const out = (v: unknown, text: string) => process.stdout.write(flags.json ? `${JSON.stringify(v, null, 2)}\n` : text);
        if (id) {
          const s = await queue.status(id);
          if (!s) throw new UnspunError('NOT_FOUND', `job ${id}`);
          out(s, `${s.id}\t${s.queue}\t${s.state}\tretries ${s.retries}\t${JSON.stringify(s.output)}\n`);
        } else if (flags.failed) {
          const failed = await queue.failed();
          out(failed, failed.map((f) => `${f.failedAt}\t${f.queue}\t${f.id}\tretries ${f.retries}\t${f.about}\t${f.error}\n`).join('') || 'no failed jobs\n');
        } else {
          const counts = await queue.counts();
          out(counts, Object.entries(counts).map(([q, states]) => `${q}\t${Object.entries(states).map(([s, n]) => `${s} ${n}`).join(', ')}\n`).join('') || 'no jobs\n');
        }
      } finally {
        await queue.close();
      }
    });
}

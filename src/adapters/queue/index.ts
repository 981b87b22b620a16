/**
 * @module adapters/queue
 * The job queue behind `unspun index --queue`, `unspun trace --queue` and `unspun worker`:
 * pg-boss on the same PostgreSQL database as the corpus store (its own schema, `<store
 * schema>_jobs`), so running unspun on N machines needs one service, not two (docs/scaling.md
 * says why this over BullMQ on Redis).
 *
 * - Jobs are idempotent: a job's id is a UUID made from its content (the articles' ids and
 *   content hashes; the suspect's bytes), so enqueueing the same work twice queues it once,
 *   and its effect is idempotent too (put skips stored content; the report history stores an
 *   article traced the same way once).
 * - A job that throws is retried with exponential backoff (RETRY_LIMIT times, from
 *   RETRY_DELAY_SECONDS); a job whose worker died (kill -9, lost machine) is failed by
 *   timeout after its expiry and retried the same way. After the last retry it stays failed
 *   with its error, and a copy goes to the dead-letter queue: `unspun jobs --failed` lists them.
 * - A batch of articles is one store transaction, so a job killed mid-way leaves nothing
 *   half-written, and its retry writes everything once.
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { UnspunError } from '../../core/errors.ts';
import type { RawInput, ReferenceArticle } from '../../core/types.ts';
import { contentHash } from '../../core/index/index.ts';
import { isPostgresUrl, parseStoreUrl, redactUrl } from '../store-postgres/index.ts';

export const INGEST_QUEUE = 'unspun-ingest';
export const TRACE_QUEUE = 'unspun-trace';
export const DEAD_LETTER_QUEUE = 'unspun-dead-letter';
export const QUEUES = [INGEST_QUEUE, TRACE_QUEUE] as const;
export type QueueName = (typeof QUEUES)[number];

/** Tries per job after the first: a transient fault (a restarted database, a full disk) gets time to pass. */
export const RETRY_LIMIT = 3;
/** First retry after this many seconds, doubling each time (pg-boss retryBackoff). */
export const RETRY_DELAY_SECONDS = 5;
/** A job still active after this long is taken to have lost its worker and is retried. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 300;
/** Articles per ingest job: one store transaction each (about a second of a worker's time). */
export const DEFAULT_ARTICLES_PER_JOB = 250;
/** Failed jobs are kept this long for `unspun jobs --failed` before pg-boss archives them away. */
const FAILED_KEEP_SECONDS = 30 * 24 * 3600;

export interface IngestJob {
  articles: ReferenceArticle[];
}

export interface TraceJob {
  input: RawInput;
}

export interface QueueOptions {
  /**
   * Write the settings below into the queues (workers do). Otherwise (enqueuers, `jobs`) the
   * queues keep what they have, and are only made, with the defaults, when missing. A job
   * takes its queue's timeout and retry settings when it is queued.
   */
  configure?: boolean;
  /** Seconds before an active job is presumed dead and retried (default DEFAULT_JOB_TIMEOUT_SECONDS). */
  jobTimeoutSeconds?: number;
  /** How often this process runs pg-boss maintenance (expiring dead jobs), seconds; default 60. */
  maintenanceSeconds?: number;
  /** Retry delay base in seconds (tests make it short); default RETRY_DELAY_SECONDS. */
  retryDelaySeconds?: number;
}

/** A UUID (version 5 layout) from a SHA-1 of the given parts: the same work, the same job id. */
export function jobIdOf(...parts: string[]): string {
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  const b = h.digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export function ingestJobId(articles: readonly ReferenceArticle[]): string {
  // Malformed articles (from another producer) still get an id: the worker reports what is wrong.
  const text = (a: ReferenceArticle) => (typeof a?.text === 'string' ? contentHash(a.text) : JSON.stringify(a?.text ?? null));
  return jobIdOf('ingest', ...articles.map((a) => `${a?.id}\u0001${text(a)}\u0001${a?.published ?? ''}\u0001${a?.title ?? ''}`));
}

export function traceJobId(input: RawInput): string {
  return jobIdOf('trace', input.kind, input.name, input.url ?? '', input.content);
}

/**
 * `unspun watch --queue` names its jobs by what its state already keeps, so it can find a
 * job again from its watch item alone (after a restart too): an ingest job by the article's
 * id (`<url>#<content hash>`), a trace job by the page's URL and the hash of its text. A
 * re-polled page with the same text is therefore the same job, and is not queued twice.
 */
export function watchIngestJobId(articleId: string): string {
  return jobIdOf('watch-ingest', articleId);
}

export function watchTraceJobId(url: string, textHash: string): string {
  return jobIdOf('watch-trace', url, textHash);
}

export interface FailedJob {
  id: string;
  queue: string;
  failedAt: string;
  retries: number;
  error: string;
  /** What the job was about: the first article ids, or the suspect's name. */
  about: string;
}

export interface JobStatus {
  id: string;
  queue: string;
  state: string;
  retries: number;
  output: unknown;
}

/** pg-boss job states after which nothing more happens to a job. */
export const FINISHED_STATES = ['completed', 'failed', 'cancelled'] as const;

export class JobQueue {
  constructor(
    readonly boss: PgBoss,
    readonly schema: string,
    private readonly url: string,
  ) {}

  /** Queues a batch of articles for ingest. `created` is false when the same batch is already queued or done. */
  async enqueueIngest(articles: ReferenceArticle[], jobId?: string): Promise<{ id: string; created: boolean }> {
    const id = jobId ?? ingestJobId(articles);
    return { id, created: await this.send(INGEST_QUEUE, { articles } satisfies IngestJob, id, jobId !== undefined) };
  }

  /** `jobId` overrides the id made from the input (watch names its jobs by URL and text hash). */
  async enqueueTrace(input: RawInput, jobId?: string): Promise<{ id: string; created: boolean }> {
    const id = jobId ?? traceJobId(input);
    return { id, created: await this.send(TRACE_QUEUE, { input } satisfies TraceJob, id, jobId !== undefined) };
  }

  /**
   * Queues a job unless one with its id is queued, running or done. With `again`, a job with
   * that id that failed for good (its copy stays in the dead-letter queue) is replaced and
   * runs again: watch asks for it when an item whose job failed comes round after its backoff.
   */
  private async send(queue: QueueName, data: object, id: string, again: boolean): Promise<boolean> {
    if ((await this.boss.send(queue, data, { id })) !== null) return true;
    if (!again) return false;
    const job = await this.boss.getJobById(queue, id);
    if (job?.state !== 'failed' && job?.state !== 'cancelled') return false;
    await this.boss.deleteJob(queue, id);
    return (await this.boss.send(queue, data, { id })) !== null;
  }

  /** One job's state and output (its result, or its error), from the live table or the archive. */
  async status(id: string): Promise<JobStatus | null> {
    for (const queue of QUEUES) {
      const job = await this.boss.getJobById(queue, id, { includeArchive: true });
      if (job) return { id, queue, state: job.state, retries: job.retryCount, output: job.output ?? null };
    }
    return null;
  }

  /** Many jobs' states at once (one statement), from the live table or the archive; missing ids are absent. */
  async statuses(ids: readonly string[]): Promise<Map<string, JobStatus>> {
    const out = new Map<string, JobStatus>();
    if (ids.length === 0) return out;
    const rows = await this.sql<{ id: string; name: string; state: string; retry_count: number; output: unknown }>(
      `SELECT id::text AS id, name, state::text AS state, retry_count, output FROM ${this.schema}.job WHERE id = ANY($1::uuid[]) AND name = ANY($2)
       UNION ALL
       SELECT id::text AS id, name, state::text AS state, retry_count, output FROM ${this.schema}.archive WHERE id = ANY($1::uuid[]) AND name = ANY($2)`,
      [[...new Set(ids)], [...QUEUES]],
    );
    for (const r of rows) out.set(r.id, { id: r.id, queue: r.name, state: r.state, retries: r.retry_count, output: r.output ?? null });
    return out;
  }

  /** Jobs per queue and state. */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const rows = await this.sql<{ name: string; state: string; n: string }>(
      `SELECT name, state::text AS state, count(*) AS n FROM ${this.schema}.job WHERE name = ANY($1) GROUP BY name, state ORDER BY name, state`,
      [[...QUEUES]],
    );
    const out: Record<string, Record<string, number>> = {};
    for (const r of rows) (out[r.name] ??= {})[r.state] = Number(r.n);
    return out;
  }

  /** The dead-letter list: jobs that failed after every retry, newest first, with their errors. */
  async failed(limit = 100): Promise<FailedJob[]> {
    const rows = await this.sql<{ id: string; name: string; completed_on: Date | null; retry_count: number; output: unknown; data: unknown }>(
      `SELECT id, name, completed_on, retry_count, output, data FROM ${this.schema}.job WHERE name = ANY($1) AND state = 'failed'
       UNION ALL
       SELECT id, name, completed_on, retry_count, output, data FROM ${this.schema}.archive WHERE name = ANY($1) AND state = 'failed'
       ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
      [[...QUEUES], limit],
    );
    return rows.map((r) => ({
      id: r.id,
      queue: r.name,
      failedAt: r.completed_on ? new Date(r.completed_on).toISOString() : '',
      retries: r.retry_count,
      error: errorText(r.output),
      about: aboutJob(r.name, r.data),
    }));
  }

  private async sql<R>(text: string, values: unknown[]): Promise<R[]> {
    const db = this.boss.getDb() as { executeSql(text: string, values?: unknown[]): Promise<{ rows: R[] }> };
    try {
      return (await db.executeSql(text, values)).rows;
    } catch (err) {
      throw new UnspunError('STORE_OPEN_FAILED', redactUrl(this.url), `jobs: ${(err as Error).message}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** The error a failed job recorded as its output. */
export function errorText(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; value?: { message?: unknown } };
    if (typeof o.message === 'string') return o.message;
    if (typeof o.value?.message === 'string') return o.value.message;
  }
  return output === null || output === undefined ? 'unknown error' : JSON.stringify(output).slice(0, 500);
}

function aboutJob(queue: string, data: unknown): string {
  if (queue === INGEST_QUEUE) {
    const articles = (data as Partial<IngestJob> | null)?.articles;
    if (!Array.isArray(articles)) return 'ingest';
    const ids = articles.slice(0, 3).map((a) => a?.id).join(', ');
    return `${articles.length} articles (${ids}${articles.length > 3 ? ', ...' : ''})`;
  }
  const input = (data as Partial<TraceJob> | null)?.input;
  return input?.name ? `trace ${input.name}` : 'trace';
}

/**
 * Connects to the queue kept in the database of a postgres:// store URL (creating its tables
 * and queues on first use). The queue needs PostgreSQL: a SQLite --db is a usage error.
 */
export async function openQueue(storeUrl: string, opts: QueueOptions = {}): Promise<JobQueue> {
  if (!isPostgresUrl(storeUrl)) {
    throw new UnspunError('USAGE', '--queue', 'the job queue lives in PostgreSQL: give --db a postgres:// URL (see docs/scaling.md)');
  }
  const { connectionString, schema } = parseStoreUrl(storeUrl);
  const jobsSchema = `${schema}_jobs`;
  const boss = new PgBoss({
    connectionString,
    schema: jobsSchema,
    max: 2,
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 60,
    archiveFailedAfterSeconds: FAILED_KEEP_SECONDS,
  });
  // Errors while running (a dropped connection during maintenance) are retried by pg-boss itself.
  boss.on('error', () => {});
  try {
    await boss.start();
    const timeout = opts.jobTimeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS;
    const retryDelay = opts.retryDelaySeconds ?? RETRY_DELAY_SECONDS;
    if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE });
    for (const name of QUEUES) {
      const settings = {
        name,
        retryLimit: RETRY_LIMIT,
        retryDelay,
        retryBackoff: true,
        expireInSeconds: timeout,
        deadLetter: DEAD_LETTER_QUEUE,
      };
      if (!(await boss.getQueue(name))) await boss.createQueue(name, settings);
      else if (opts.configure) await boss.updateQueue(name, settings);
    }
  } catch (err) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw new UnspunError('STORE_OPEN_FAILED', redactUrl(storeUrl), `job queue: ${(err as Error).message}`, { cause: err });
  }
  return new JobQueue(boss, jobsSchema, storeUrl);
}

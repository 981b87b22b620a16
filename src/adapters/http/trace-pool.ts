/**
 * @module adapters/http/trace-pool
 * The server's worker threads. Traces (and the fingerprinting of posted articles) run here,
 * one job per worker at a time, queued when all are busy, so the event loop that answers
 * `/api/health` and serves the UI stays free. A job whose signal aborts (the request's time
 * limit, or the client hanging up) is dropped from the queue or, when running, stopped by
 * terminating its worker, which is then replaced: the time limit is real, not a race that
 * lets the work run on. Each worker's heap is capped, so one input cannot take the machine's
 * memory; a worker that runs out is reported as INPUT_OVER_LIMIT.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ERROR_CATALOG, UnspunError, type ErrorCode } from '../../core/errors.ts';
import type { Limits } from '../../core/limits.ts';
import type { IndexRecord } from '../../core/store.ts';
import type { RawInput, Report, ReferenceArticle } from '../../core/types.ts';
import type { TraceWorkerData, TraceWorkerRequest, WorkerFault } from './trace-worker.ts';

/** Heap of one worker. A trace at every limit of core/limits.ts stays well under 1 GB. */
export const DEFAULT_WORKER_HEAP_MB = 1536;

/** Workers by default: one per core, at least 1 and at most 4 (the event loop needs little). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface TracePoolOptions extends TraceWorkerData {
  size?: number;
  heapMb?: number;
  /** Worker faults that are not the input's (crashes, internal errors). */
  log?: (line: string) => void;
}

type JobRequest = { kind: 'trace'; input: RawInput } | { kind: 'prepare'; articles: ReferenceArticle[] };

interface Job {
  id: number;
  request: JobRequest;
  signal: AbortSignal;
  name: string;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  onAbort: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** The worker module: compiled JavaScript beside this file, or TypeScript loaded through tsx. */
function spawnWorker(data: TraceWorkerData, heapMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!here.endsWith('.ts')) return new Worker(new URL('./trace-worker.js', here), { workerData: data, resourceLimits });
  // A worker does not inherit tsx's loader (nor a .ts entry point): register it first.
  const api = import.meta.resolve('tsx/esm/api');
  const target = new URL('./trace-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits });
}

function toError(f: WorkerFault): Error {
  if (f.code in ERROR_CATALOG && f.code !== 'INTERNAL') {
    const err = new UnspunError(f.code as ErrorCode, f.subject);
    err.message = f.message;
    return err;
  }
  const err = new Error(f.message);
  if (f.stack) err.stack = f.stack;
  return err;
}

export class TracePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly data: TraceWorkerData;
  private readonly heapMb: number;
  private readonly log: (line: string) => void;
  private nextId = 1;
  private closed = false;
  /** Set by warmUp(): a replacement worker loads the models before it takes a request. */
  private warmInput: RawInput | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: TracePoolOptions) {
    this.data = { dbPath: opts.dbPath, version: opts.version, limits: opts.limits };
    this.heapMb = opts.heapMb ?? DEFAULT_WORKER_HEAP_MB;
    this.log = opts.log ?? (() => {});
    const size = Math.max(1, opts.size ?? defaultWorkerCount());
    for (let i = 0; i < size; i++) this.slots.push(this.newSlot());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Jobs waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  trace(input: RawInput, options: { signal: AbortSignal }): Promise<Report> {
    return this.submit({ kind: 'trace', input }, options.signal, input.name) as Promise<Report>;
  }

  /** Hashes and fingerprints articles for the store (IndexRecords), off the event loop. */
  prepare(articles: ReferenceArticle[], options: { signal: AbortSignal }): Promise<IndexRecord[]> {
    return this.submit({ kind: 'prepare', articles }, options.signal, 'request body') as Promise<IndexRecord[]>;
  }

  /** Loads the language models in every worker (one tiny trace each). */
  async warmUp(input: RawInput): Promise<void> {
    this.warmInput = input;
    const never = new AbortController().signal;
    await Promise.all(this.slots.map(() => this.trace(input, { signal: never })));
  }

  /** Resolves when no job is queued or running (warm-ups of replacement workers included). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.slots.every((s) => !s.job);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new UnspunError('TIMEOUT', job.name, 'the server is stopping'));
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        slot.job?.reject(new UnspunError('TIMEOUT', slot.job.name, 'the server is stopping'));
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  private submit(request: JobRequest, signal: AbortSignal, name: string): Promise<unknown> {
    if (this.closed) return Promise.reject(new UnspunError('TIMEOUT', name, 'the server is stopping'));
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, signal, name, resolve, reject, onAbort: () => this.abort(job) };
      signal.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  private newSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(this.data, this.heapMb), job: null };
    slot.worker.on('message', (msg: { id: number; ok: boolean; report?: Report; records?: IndexRecord[]; error?: WorkerFault }) => {
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      this.finish(slot, job);
      if (msg.ok) job.resolve(msg.report ?? msg.records);
      else job.reject(toError(msg.error!));
      this.dispatch();
    });
    slot.worker.on('error', (err: Error & { code?: string }) => {
      const job = slot.job;
      if (job) {
        this.finish(slot, job);
        job.reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new UnspunError('INPUT_OVER_LIMIT', job.name, `tracing it needed more than the ${this.heapMb} MB of memory a trace may use`)
            : err,
        );
      }
      if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY') this.log(`error trace worker: ${err.stack ?? err.message}`);
      this.retire(slot);
    });
    slot.worker.on('exit', () => {
      // Exited on its own (a crash): fail its job and put a fresh worker in its place.
      const job = slot.job;
      if (job) {
        this.finish(slot, job);
        job.reject(new Error('the trace worker stopped'));
      }
      this.retire(slot);
    });
    return slot;
  }

  /** Takes a worker out of service at once (no job goes to it again), stops it and starts a replacement. */
  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    if (this.closed) {
      this.slots.splice(i, 1);
    } else {
      const fresh = this.newSlot();
      this.slots[i] = fresh;
      if (this.warmInput) this.warm(fresh, this.warmInput);
    }
    void slot.worker.terminate();
    this.dispatch();
  }

  /** Gives a new worker a warm-up trace before any request. */
  private warm(slot: Slot, input: RawInput): void {
    const job: Job = {
      id: this.nextId++,
      request: { kind: 'trace', input },
      signal: new AbortController().signal,
      name: 'warm-up',
      resolve: () => {},
      reject: () => {},
      onAbort: () => {},
    };
    slot.job = job;
    slot.worker.postMessage({ id: job.id, ...job.request } as TraceWorkerRequest);
  }

  private finish(slot: Slot, job: Job): void {
    job.signal.removeEventListener('abort', job.onAbort);
    if (slot.job === job) slot.job = null;
    if (this.isIdle()) for (const done of this.idleWaiters.splice(0)) done();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, ...job.request } as TraceWorkerRequest);
    }
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(job.signal.reason);
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return;
    this.finish(slot, job);
    job.reject(job.signal.reason);
    // The only way to stop synchronous work: end the thread, and start another.
    this.retire(slot);
  }
}

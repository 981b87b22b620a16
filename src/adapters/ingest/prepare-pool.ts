/**
 * @module adapters/ingest/prepare-pool
 * The indexer's worker threads (node:worker_threads): each batch goes to the least busy worker,
 * which parses, hashes and fingerprints it (prepare.ts) while the main thread reads input and
 * writes earlier batches. Results come back per batch; the caller writes them in the order it
 * sent them. A worker that dies fails its batches with an error naming them, never silently.
 *
 * Running from the sources (tests, benchmarks through tsx), a worker first registers tsx, so
 * it runs the same TypeScript; the built CLI (dist/) runs the compiled module directly.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UnspunError } from '../../core/errors.ts';
import { unpackRecords, type Prepared, type PrepareInput } from './prepare.ts';

/** Worker threads by default: one per core, at most 8 (the main thread's reading and writing share them). */
export function defaultPrepareWorkers(): number {
  // Past a handful the single writer is the limit, and each worker loads the NLP modules again.
  return Math.max(1, Math.min(8, availableParallelism()));
}

interface Slot {
  worker: Worker;
  busy: Map<number, { resolve: (p: Prepared[]) => void; reject: (e: Error) => void; what: string }>;
  dead: Error | null;
}

export class PreparePool {
  private readonly slots: Slot[];
  private nextId = 1;

  constructor(size: number, db: string | null) {
    const fromSources = import.meta.url.endsWith('.ts');
    const entry = new URL(`./prepare-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
    this.slots = Array.from({ length: Math.max(1, size) }, () => {
      const worker = fromSources
        ? new Worker(
            `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
            { eval: true, workerData: { db } },
          )
        : new Worker(entry, { workerData: { db } });
      const slot: Slot = { worker, busy: new Map(), dead: null };
      worker.on('message', (m: { id: number; prepared: Prepared[] }) => {
        const job = slot.busy.get(m.id);
        slot.busy.delete(m.id);
        job?.resolve(unpackRecords(m.prepared));
      });
      const fail = (err: Error) => {
        slot.dead ??= err;
        for (const job of slot.busy.values()) job.reject(new UnspunError('INTERNAL', job.what, `a worker thread failed while preparing this batch: ${err.message}`, { cause: err }));
        slot.busy.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`it exited with code ${code}`)));
      // An idle worker does not keep the process alive.
      worker.unref();
      return slot;
    });
  }

  /** Prepares one batch; `what` names its inputs in an error ("corpus.jsonl:1-500"). */
  prepare(inputs: PrepareInput[], what: string): Promise<Prepared[]> {
    const alive = this.slots.filter((s) => !s.dead);
    if (alive.length === 0) return Promise.reject(new UnspunError('INTERNAL', what, `no worker thread is left: ${this.slots[0].dead?.message}`));
    const slot = alive.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.busy.set(id, { resolve, reject, what });
      slot.worker.ref();
      slot.worker.postMessage({ id, inputs });
    }).finally(() => {
      if (slot.busy.size === 0 && !slot.dead) slot.worker.unref();
    }) as Promise<Prepared[]>;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.dead) return;
        s.dead = new Error('the pool was closed');
        const exited = new Promise((resolve) => s.worker.once('exit', resolve));
        s.worker.ref();
        s.worker.postMessage('close');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
        await s.worker.terminate();
      }),
    );
  }
}

/**
 * @module adapters/http/trace-worker
 * One worker thread of the server's trace pool (trace-pool.ts). It opens its own read-only
 * connection to the corpus store and runs the pipeline off the server's event loop, so a long
 * trace never delays `/api/health` or other requests, and the pool can stop it by terminating
 * the thread when its time runs out. Messages: { id, kind: 'trace', input } -> { id, ok, report }
 * and { id, kind: 'prepare', articles } -> { id, ok, records } (the CPU-heavy half of adding
 * articles: hashing and fingerprints); faults come back as { id, ok: false, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isUnspunError } from '../../core/errors.ts';
import { prepareIndexRecord } from '../../core/index/index.ts';
import type { Limits } from '../../core/limits.ts';
import { traceArticle } from '../../core/pipeline.ts';
import type { Store } from '../../core/store.ts';
import type { RawInput, ReferenceArticle } from '../../core/types.ts';
import { openStore } from '../open-store.ts';

export interface TraceWorkerData {
  /** The corpus store; null traces with no corpus. */
  dbPath: string | null;
  version: string;
  limits?: Partial<Limits>;
}

export type TraceWorkerRequest = { id: number; kind: 'trace'; input: RawInput } | { id: number; kind: 'prepare'; articles: ReferenceArticle[] };

export interface WorkerFault {
  code: string;
  subject: string | null;
  message: string;
  stack?: string;
}

const port = parentPort;
if (!port) throw new Error('trace-worker runs as a worker thread');
const data = workerData as TraceWorkerData;
let store: Store | null = null;
// A SQLite file or a postgres:// URL; a thread traces one article at a time, so a PostgreSQL pool of 2 is plenty.
const opened = data.dbPath ? openStore(data.dbPath, { readonly: true, poolSize: 2 }).then((s) => (store = s)) : Promise.resolve(null);

function fault(err: unknown): WorkerFault {
  if (isUnspunError(err)) return { code: err.code, subject: err.subject, message: err.message };
  const e = err as Error;
  return { code: 'INTERNAL', subject: null, message: e?.message ?? String(err), stack: e?.stack };
}

port.on('message', (msg: TraceWorkerRequest) => {
  void (async () => {
    try {
      await opened;
      if (msg.kind === 'trace') {
        const report = await traceArticle(msg.input, store, { generatorVersion: data.version, limits: data.limits });
        port.postMessage({ id: msg.id, ok: true, report });
      } else {
        port.postMessage({ id: msg.id, ok: true, records: msg.articles.map(prepareIndexRecord) });
      }
    } catch (err) {
      port.postMessage({ id: msg.id, ok: false, error: fault(err) });
    }
  })();
});

/**
 * @module adapters/ingest/prepare-worker
 * A worker thread of the indexer's pool (prepare-pool.ts): prepares each batch it is sent
 * (prepare.ts) and posts the results back. It checks which texts the store already holds
 * through its own read-only connection, so re-indexing stored articles costs a hash each, not
 * a fingerprint; when that connection cannot be opened, it prepares everything and the
 * writer's own check decides.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Store } from '../../core/store.ts';
import { openStore } from '../open-store.ts';
import { packRecords, prepareBatch, type PrepareInput } from './prepare.ts';

interface Job {
  id: number;
  inputs: PrepareInput[];
}

const db: string | null = workerData?.db ?? null;
let store: Promise<Store | null> | null = null;

function readStore(): Promise<Store | null> {
  store ??= db ? openStore(db, { readonly: true, poolSize: 1 }).catch(() => null) : Promise.resolve(null);
  return store;
}

parentPort!.on('message', async (job: Job | 'close') => {
  if (job === 'close') {
    await (await readStore())?.close();
    process.exit(0);
  }
  const reader = await readStore();
  const prepared = await prepareBatch(job.inputs, reader ? (h) => reader.knownHashes(h) : undefined);
  const { transfer } = packRecords(prepared);
  parentPort!.postMessage({ id: job.id, prepared }, transfer);
});

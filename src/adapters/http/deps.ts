/**
 * @module adapters/http/deps
 * Wires the real pieces behind the app: the corpus store (SQLite file or PostgreSQL), the
 * report table beside it, the trace pipeline and the index stage. `unspun serve`, the API tests and the load
 * bench all start the server through here, so they exercise the same thing.
 */
import { prepareIndexRecord } from '../../core/index/index.ts';
import { traceArticle } from '../../core/pipeline.ts';
import { openReportStoreBeside, openStore } from '../open-store.ts';
import type { AppDeps } from './app.ts';
import { DEFAULT_RETENTION, type RetentionPolicy } from './report-store.ts';

export interface OpenedDeps extends AppDeps {
  /** Closes the report store and the corpus store. */
  closeAll(): Promise<void>;
}

/** Opens (creating if needed) the store at `dbPath` (a file or a postgres:// URL) and returns everything createApp needs. */
export async function openServerDeps(dbPath: string, options: { version?: string; retention?: RetentionPolicy } = {}): Promise<OpenedDeps> {
  const store = await openStore(dbPath);
  const reports = await openReportStoreBeside(store, options.retention ?? DEFAULT_RETENTION);
  // A tighter retention than the file was kept with applies at once, not at the next save.
  await reports.prune();
  const version = options.version ?? '0.0.0';
  return {
    store,
    reports,
    version,
    // The pipeline has no cancellation points yet; the time limit answers 503 without waiting for it.
    trace: (input) => traceArticle(input, store, { generatorVersion: version }),
    ingest: (articles) => store.put(articles.map(prepareIndexRecord)),
    async closeAll() {
      await reports.close();
      await store.close();
    },
  };
}

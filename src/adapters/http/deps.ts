/**
 * @module adapters/http/deps
 * Wires the real pieces behind the app: the SQLite corpus store, the report table in the same
 * file, the trace pipeline and the index stage. `unspun serve`, the API tests and the load
 * bench all start the server through here, so they exercise the same thing.
 */
import { prepareIndexRecord } from '../../core/index/index.ts';
import { traceArticle } from '../../core/pipeline.ts';
import { openSqliteStore } from '../store-sqlite/index.ts';
import { openSqliteReportStore } from '../store-sqlite/reports.ts';
import type { AppDeps } from './app.ts';
import { DEFAULT_RETENTION, type RetentionPolicy } from './report-store.ts';

export interface OpenedDeps extends AppDeps {
  /** Closes the report store and the corpus store. */
  closeAll(): Promise<void>;
}

/** Opens (creating if needed) the database at `dbPath` and returns everything createApp needs. */
export async function openServerDeps(dbPath: string, options: { version?: string; retention?: RetentionPolicy } = {}): Promise<OpenedDeps> {
  const store = await openSqliteStore(dbPath);
  const reports = openSqliteReportStore(store.database, options.retention ?? DEFAULT_RETENTION);
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

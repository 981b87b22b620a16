/**
 * @module adapters/http/deps
 * Wires the real pieces behind the app: the corpus store (a SQLite file or PostgreSQL), the
 * report table beside it, the trace pool (worker threads running the pipeline, trace-pool.ts)
 * and the index stage. `unspun serve`, the API tests and the load bench all start the server
 * through here, so they exercise the same thing.
 */
import { existsSync } from 'node:fs';
import { UnspunError } from '../../core/errors.ts';
import type { Limits } from '../../core/limits.ts';
import { isPostgresUrl, openReportStoreBeside, openStore } from '../open-store.ts';
import type { AppDeps } from './app.ts';
import { DEFAULT_RETENTION, type RetentionPolicy } from './report-store.ts';
import { TracePool } from './trace-pool.ts';

export interface OpenedDeps extends AppDeps {
  pool: TracePool;
  /** Closes the trace pool, the report store and the corpus store. */
  closeAll(): Promise<void>;
}

export interface ServerDepsOptions {
  version?: string;
  /** Create the database when it does not exist (default true; `unspun serve` asks for --create). */
  create?: boolean;
  /** Trace worker threads (default: one per core, 1 to 4). */
  workers?: number;
  limits?: Partial<Limits>;
  log?: (line: string) => void;
  /** How long the report history keeps reports (default DEFAULT_RETENTION). */
  retention?: RetentionPolicy;
}

/** Opens the store at `dbPath` (a file or a postgres:// URL) and returns everything createApp needs. */
export async function openServerDeps(dbPath: string, options: ServerDepsOptions = {}): Promise<OpenedDeps> {
  if (options.create === false && !isPostgresUrl(dbPath) && !existsSync(dbPath)) {
    throw new UnspunError('INPUT_NOT_FOUND', dbPath, 'no index there (build one with `unspun index <files> --db <path>`, or give --create to start an empty one)');
  }
  const store = await openStore(dbPath);
  const reports = await openReportStoreBeside(store, options.retention ?? DEFAULT_RETENTION);
  // A tighter retention than the file was kept with applies at once, not at the next save.
  await reports.prune();
  const version = options.version ?? '0.0.0';
  const pool = new TracePool({ dbPath, version, limits: options.limits, size: options.workers, log: options.log });
  return {
    store,
    reports,
    version,
    pool,
    limits: options.limits,
    trace: (input, opts) => pool.trace(input, opts),
    ingest: async (articles, opts) => store.put(await pool.prepare(articles, opts)),
    async closeAll() {
      await pool.close();
      await reports.close();
      await store.close();
    },
  };
}

/**
 * @module adapters/open-store
 * One function opens any corpus store from what the user passed as `--db`: a
 * `postgres://` or `postgresql://` URL opens the PostgreSQL store (adapters/store-postgres),
 * anything else is a SQLite file path (adapters/store-sqlite). Every command that takes
 * `--db` (index, trace, serve, worker) goes through here, and so do the report stores.
 */
import type { ReportStore, RetentionPolicy } from '../core/report-store.ts';
import type { Store } from '../core/store.ts';
import { isPostgresUrl, openPostgresStore, PostgresStore, redactUrl } from './store-postgres/index.ts';
import { openPostgresReportStore } from './store-postgres/reports.ts';
import { openSqliteStore, SqliteStore } from './store-sqlite/index.ts';
import { openSqliteReportStore } from './store-sqlite/reports.ts';

export { isPostgresUrl, redactUrl };

export interface OpenStoreOptions {
  /** Open an existing store for reading only. */
  readonly?: boolean;
  /** SQLite page cache in MB (bulk indexing wants more); ignored for PostgreSQL. */
  cacheMb?: number;
  /** Connections in the pool (PostgreSQL only; default 4). */
  poolSize?: number;
  /** A new store's postings cap (tests and benchmarks); default POSTINGS_DF_CAP. */
  postingsDfCap?: number;
}

/** Opens the store at a file path or a postgres:// URL. */
export async function openStore(location: string, opts: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    return openPostgresStore(location, { readonly: opts.readonly, poolSize: opts.poolSize, postingsDfCap: opts.postingsDfCap });
  }
  return openSqliteStore(location, { readonly: opts.readonly, cacheMb: opts.cacheMb, postingsDfCap: opts.postingsDfCap });
}

/** The report store kept beside a corpus store (same file or database), with its retention policy. */
export async function openReportStoreBeside(store: Store, retention?: RetentionPolicy): Promise<ReportStore> {
  if (store instanceof PostgresStore) return openPostgresReportStore(store, retention);
  if (store instanceof SqliteStore) return openSqliteReportStore(store.database, retention);
  throw new TypeError('no report store for this kind of corpus store');
}

/** How a location is shown in messages (a URL's password hidden). */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

/**
 * @module adapters/open-store
 * One function opens any corpus store from what the user passed as `--db`: a
 * `postgres://` or `postgresql://` URL opens the PostgreSQL store (adapters/store-postgres),
 * anything else is a SQLite file path (adapters/store-sqlite). Every command that takes
 * `--db` (index, trace, compare, serve, watch, sites, worker) goes through here, and so do the
 * report and watch stores kept beside a corpus. Each driver loads only when a store of its
 * kind is opened, so a SQLite trace never loads the PostgreSQL client, and the other way round.
 */
import type { ReportStore, RetentionPolicy } from '../core/report-store.ts';
import type { Store } from '../core/store.ts';
import type { WatchStore } from '../core/watch/types.ts';

/** Whether a --db value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

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
    const { openPostgresStore } = await import('./store-postgres/index.ts');
    return openPostgresStore(location, { readonly: opts.readonly, poolSize: opts.poolSize, postingsDfCap: opts.postingsDfCap });
  }
  const { openSqliteStore } = await import('./store-sqlite/index.ts');
  return openSqliteStore(location, { readonly: opts.readonly, cacheMb: opts.cacheMb, postingsDfCap: opts.postingsDfCap });
}

/** The report store kept beside a corpus store (same file or database), with its retention policy. */
export async function openReportStoreBeside(store: Store, retention?: RetentionPolicy): Promise<ReportStore> {
  if (isPostgresStore(store)) {
    const { openPostgresReportStore } = await import('./store-postgres/reports.ts');
    return openPostgresReportStore(store, retention);
  }
  const { SqliteStore } = await import('./store-sqlite/index.ts');
  if (store instanceof SqliteStore) {
    const { openSqliteReportStore } = await import('./store-sqlite/reports.ts');
    return openSqliteReportStore(store.database, retention);
  }
  throw new TypeError('no report store for this kind of corpus store');
}

/** The watch state (`unspun watch`) kept beside a corpus store (same file or database). */
export async function openWatchStoreBeside(store: Store): Promise<WatchStore> {
  if (isPostgresStore(store)) {
    const { openPostgresWatchStore } = await import('./store-postgres/watch.ts');
    return openPostgresWatchStore(store);
  }
  const { SqliteStore } = await import('./store-sqlite/index.ts');
  if (store instanceof SqliteStore) {
    const { openSqliteWatchStore } = await import('./store-sqlite/watch.ts');
    return openSqliteWatchStore(store.database);
  }
  throw new TypeError('no watch store for this kind of corpus store');
}

/** A PostgreSQL store, told apart without loading its driver (it has a `connections` pool). */
function isPostgresStore(store: Store): store is import('./store-postgres/index.ts').PostgresStore {
  return 'connections' in store && 'schema' in store;
}

/** How a location is shown in messages (a URL's password hidden). */
export function describeLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

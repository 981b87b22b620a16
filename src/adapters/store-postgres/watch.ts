/**
 * @module adapters/store-postgres/watch
 * The watch state of `unspun watch` (core/watch/types.ts WatchStore) beside a PostgreSQL
 * corpus store, in its database and schema: watch_feeds, watch_items and watch_log, the same
 * tables as the SQLite implementation (adapters/store-sqlite/watch.ts) and the same contract
 * (test/watch-store.test.ts). Made idempotently, with their own version key in `meta`.
 * Several watchers may share one database: every write is one statement (an upsert or an
 * insert), so two of them never leave a half-written row.
 */
import type pg from 'pg';
import { UnspunError } from '../../core/errors.ts';
import type { FetchLogEntry, ItemStatus, WatchStore } from '../../core/watch/types.ts';
import { emptyStatusCounts, feedFromRow as toFeed, itemFromRow as toItem, type FeedRow, type ItemRow } from '../sql-rows/watch.ts';
import { redactUrl, type PostgresStore } from './index.ts';

export const PG_WATCH_SCHEMA_VERSION = 1;

const SCHEMA = (s: string) => `
CREATE TABLE IF NOT EXISTS ${s}.watch_feeds (
  url             text PRIMARY KEY,
  role            text NOT NULL,
  etag            text,
  last_modified   text,
  last_polled_at  text,
  failures        integer NOT NULL DEFAULT 0,
  next_attempt_at text,
  last_error      text
);
CREATE TABLE IF NOT EXISTS ${s}.watch_items (
  url             text PRIMARY KEY,
  feed_url        text NOT NULL,
  role            text NOT NULL,
  status          text NOT NULL,
  content_hash    text,
  etag            text,
  last_modified   text,
  listed_date     text,
  first_seen_at   text NOT NULL,
  last_checked_at text NOT NULL,
  failures        integer NOT NULL DEFAULT 0,
  next_attempt_at text,
  last_error      text,
  article_id      text,
  report_id       text
);
CREATE INDEX IF NOT EXISTS watch_items_content ON ${s}.watch_items (role, content_hash);
CREATE INDEX IF NOT EXISTS watch_items_seen ON ${s}.watch_items (first_seen_at DESC, url);
CREATE TABLE IF NOT EXISTS ${s}.watch_log (
  seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      text NOT NULL,
  url     text NOT NULL,
  status  integer,
  outcome text NOT NULL,
  code    text,
  message text,
  ms      integer NOT NULL,
  bytes   bigint NOT NULL
);
INSERT INTO ${s}.meta (key, value) VALUES ('watch_schema_version', '${PG_WATCH_SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING;
`;

/** Opens (creating if needed) the watch tables in the corpus store's database and schema. */
export async function openPostgresWatchStore(store: PostgresStore): Promise<WatchStore> {
  const pool: pg.Pool = store.connections;
  const s = store.schema;
  const where = redactUrl(store.url);
  const run = async <R extends pg.QueryResultRow>(what: string, sql: string, params: unknown[] = [], code: 'STORE_WRITE_FAILED' | 'STORE_OPEN_FAILED' = 'STORE_OPEN_FAILED') => {
    try {
      return (await pool.query<R>(sql, params)).rows;
    } catch (err) {
      throw new UnspunError(code, where, `${what}: ${(err as Error).message}`, { cause: err });
    }
  };
  // Two watchers starting at once may both try to make the tables: one lock, then IF NOT EXISTS.
  const client = await pool.connect().catch((err: Error) => {
    throw new UnspunError('STORE_OPEN_FAILED', where, err.message, { cause: err });
  });
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1 || '.watch'))", [s]);
    await client.query(SCHEMA(s));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw new UnspunError('STORE_OPEN_FAILED', where, `watch tables: ${(err as Error).message}`, { cause: err });
  } finally {
    client.release();
  }
  const version = (await run<{ value: string }>('watch tables', `SELECT value FROM ${s}.meta WHERE key = 'watch_schema_version'`))[0]?.value;
  if (version !== String(PG_WATCH_SCHEMA_VERSION)) {
    throw new UnspunError('STORE_SCHEMA', where, `watch tables are version ${version ?? 'missing'}, this build reads version ${PG_WATCH_SCHEMA_VERSION}`);
  }

  return {
    async getFeed(url) {
      const r = (await run<FeedRow>('watch feed', `SELECT * FROM ${s}.watch_feeds WHERE url = $1`, [url]))[0];
      return r ? toFeed(r) : null;
    },
    async saveFeed(f) {
      await run(
        'watch feed',
        `INSERT INTO ${s}.watch_feeds (url, role, etag, last_modified, last_polled_at, failures, next_attempt_at, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (url) DO UPDATE SET role = excluded.role, etag = excluded.etag, last_modified = excluded.last_modified,
           last_polled_at = excluded.last_polled_at, failures = excluded.failures, next_attempt_at = excluded.next_attempt_at,
           last_error = excluded.last_error`,
        [f.url, f.role, f.etag, f.lastModified, f.lastPolledAt, f.failures, f.nextAttemptAt, f.lastError],
        'STORE_WRITE_FAILED',
      );
    },
    async getItem(url) {
      const r = (await run<ItemRow>('watch item', `SELECT * FROM ${s}.watch_items WHERE url = $1`, [url]))[0];
      return r ? toItem(r) : null;
    },
    async saveItem(i) {
      await run(
        'watch item',
        `INSERT INTO ${s}.watch_items (url, feed_url, role, status, content_hash, etag, last_modified, listed_date, first_seen_at,
           last_checked_at, failures, next_attempt_at, last_error, article_id, report_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (url) DO UPDATE SET feed_url = excluded.feed_url, role = excluded.role, status = excluded.status,
           content_hash = excluded.content_hash, etag = excluded.etag, last_modified = excluded.last_modified,
           listed_date = excluded.listed_date, last_checked_at = excluded.last_checked_at, failures = excluded.failures,
           next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error, article_id = excluded.article_id,
           report_id = excluded.report_id`,
        [i.url, i.feedUrl, i.role, i.status, i.contentHash, i.etag, i.lastModified, i.listedDate, i.firstSeenAt,
          i.lastCheckedAt, i.failures, i.nextAttemptAt, i.lastError, i.articleId, i.reportId],
        'STORE_WRITE_FAILED',
      );
    },
    async findByContent(role, contentHash) {
      const rows = await run<ItemRow>(
        'watch items',
        `SELECT * FROM ${s}.watch_items WHERE role = $1 AND content_hash = $2 AND status IN ('done', 'queued') ORDER BY first_seen_at LIMIT 100`,
        [role, contentHash],
      );
      return rows.map(toItem);
    },
    async listItems({ role, status, limit }) {
      const conds: string[] = [];
      const params: unknown[] = [];
      if (role) {
        params.push(role);
        conds.push(`role = $${params.length}`);
      }
      if (status) {
        params.push(status);
        conds.push(`status = $${params.length}`);
      }
      params.push(limit);
      const rows = await run<ItemRow>(
        'watch items',
        `SELECT * FROM ${s}.watch_items ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY first_seen_at DESC, url LIMIT $${params.length}`,
        params,
      );
      return rows.map(toItem);
    },
    async countItems() {
      const out = emptyStatusCounts();
      for (const r of await run<{ status: ItemStatus; n: string }>('watch items', `SELECT status, count(*) AS n FROM ${s}.watch_items GROUP BY status`)) {
        out[r.status] = Number(r.n);
      }
      return out;
    },
    async log(e) {
      await run(
        'watch log',
        `INSERT INTO ${s}.watch_log (at, url, status, outcome, code, message, ms, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [e.at, e.url, e.status, e.outcome, e.code, e.message, Math.round(e.ms), e.bytes],
        'STORE_WRITE_FAILED',
      );
    },
    async recentLog(limit) {
      const rows = await run<FetchLogEntry & { bytes: string | number }>(
        'watch log',
        `SELECT at, url, status, outcome, code, message, ms, bytes FROM ${s}.watch_log ORDER BY seq DESC LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
    },
    // The pool belongs to the corpus store, which closes it.
    async close() {},
  };
}

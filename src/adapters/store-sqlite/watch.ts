/**
 * @module adapters/store-sqlite/watch
 * The watch state of `unspun watch` (core/watch/types.ts WatchStore) in three tables of the
 * index's own SQLite file: watch_feeds, watch_items and watch_log. Created idempotently, with
 * their own version key in `meta`, independent of the corpus tables.
 */
import Database from 'better-sqlite3';
import { UnspunError } from '../../core/errors.ts';
import type { FeedRole, FetchLogEntry, ItemStatus, WatchStore } from '../../core/watch/types.ts';
import { emptyStatusCounts, feedFromRow as toFeed, itemFromRow as toItem, type FeedRow, type ItemRow } from '../sql-rows/watch.ts';

type Db = Database.Database;

export const WATCH_SCHEMA_VERSION = 1;
export const WATCH_TABLES = ['watch_feeds', 'watch_items', 'watch_log'];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watch_feeds (
  url            TEXT PRIMARY KEY,
  role           TEXT NOT NULL,
  etag           TEXT,
  last_modified  TEXT,
  last_polled_at TEXT,
  failures       INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error     TEXT
);
CREATE TABLE IF NOT EXISTS watch_items (
  url            TEXT PRIMARY KEY,
  feed_url       TEXT NOT NULL,
  role           TEXT NOT NULL,
  status         TEXT NOT NULL,
  content_hash   TEXT,
  etag           TEXT,
  last_modified  TEXT,
  listed_date    TEXT,
  first_seen_at  TEXT NOT NULL,
  last_checked_at TEXT NOT NULL,
  failures       INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error     TEXT,
  article_id     TEXT,
  report_id      TEXT
);
CREATE INDEX IF NOT EXISTS watch_items_content ON watch_items (role, content_hash);
CREATE INDEX IF NOT EXISTS watch_items_seen ON watch_items (first_seen_at DESC);
CREATE TABLE IF NOT EXISTS watch_log (
  seq     INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  url     TEXT NOT NULL,
  status  INTEGER,
  outcome TEXT NOT NULL,
  code    TEXT,
  message TEXT,
  ms      INTEGER NOT NULL,
  bytes   INTEGER NOT NULL
);
`;

/** Opens the watch tables in an open connection (normally the corpus store's `database`). */
export function openSqliteWatchStore(db: Db): WatchStore {
  try {
    db.exec(SCHEMA);
    const version = (db.prepare("SELECT value FROM meta WHERE key = 'watch_schema_version'").get() as { value: string } | undefined)?.value;
    if (version === undefined) db.prepare("INSERT INTO meta (key, value) VALUES ('watch_schema_version', ?)").run(String(WATCH_SCHEMA_VERSION));
    else if (version !== String(WATCH_SCHEMA_VERSION)) {
      throw new UnspunError('STORE_SCHEMA', db.name, `watch tables are version ${version}, this build reads version ${WATCH_SCHEMA_VERSION}`);
    }
  } catch (err) {
    if (err instanceof UnspunError) throw err;
    throw new UnspunError('STORE_OPEN_FAILED', db.name, (err as Error).message, { cause: err });
  }
  const s = {
    feed: db.prepare<[string], FeedRow>('SELECT * FROM watch_feeds WHERE url = ?'),
    putFeed: db.prepare(
      `INSERT INTO watch_feeds (url, role, etag, last_modified, last_polled_at, failures, next_attempt_at, last_error)
       VALUES (@url, @role, @etag, @lastModified, @lastPolledAt, @failures, @nextAttemptAt, @lastError)
       ON CONFLICT(url) DO UPDATE SET role = excluded.role, etag = excluded.etag, last_modified = excluded.last_modified,
         last_polled_at = excluded.last_polled_at, failures = excluded.failures, next_attempt_at = excluded.next_attempt_at,
         last_error = excluded.last_error`,
    ),
    item: db.prepare<[string], ItemRow>('SELECT * FROM watch_items WHERE url = ?'),
    putItem: db.prepare(
      `INSERT INTO watch_items (url, feed_url, role, status, content_hash, etag, last_modified, listed_date, first_seen_at,
         last_checked_at, failures, next_attempt_at, last_error, article_id, report_id)
       VALUES (@url, @feedUrl, @role, @status, @contentHash, @etag, @lastModified, @listedDate, @firstSeenAt,
         @lastCheckedAt, @failures, @nextAttemptAt, @lastError, @articleId, @reportId)
       ON CONFLICT(url) DO UPDATE SET feed_url = excluded.feed_url, role = excluded.role, status = excluded.status,
         content_hash = excluded.content_hash, etag = excluded.etag, last_modified = excluded.last_modified,
         listed_date = excluded.listed_date, last_checked_at = excluded.last_checked_at, failures = excluded.failures,
         next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error, article_id = excluded.article_id,
         report_id = excluded.report_id`,
    ),
    byContent: db.prepare<[FeedRole, string], ItemRow>(
      "SELECT * FROM watch_items WHERE role = ? AND content_hash = ? AND status IN ('done', 'queued') ORDER BY first_seen_at LIMIT 100",
    ),
    counts: db.prepare<[], { status: ItemStatus; n: number }>('SELECT status, count(*) AS n FROM watch_items GROUP BY status'),
    log: db.prepare(
      'INSERT INTO watch_log (at, url, status, outcome, code, message, ms, bytes) VALUES (@at, @url, @status, @outcome, @code, @message, @ms, @bytes)',
    ),
    recentLog: db.prepare<[number], FetchLogEntry>(
      'SELECT at, url, status, outcome, code, message, ms, bytes FROM watch_log ORDER BY seq DESC LIMIT ?',
    ),
  };
  const write = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw new UnspunError('STORE_WRITE_FAILED', db.name, `${what}: ${(err as Error).message}`, { cause: err });
    }
  };
  return {
    async getFeed(url) {
      const r = s.feed.get(url);
      return r ? toFeed(r) : null;
    },
    async saveFeed(feed) {
      write('watch feed', () => s.putFeed.run(feed));
    },
    async getItem(url) {
      const r = s.item.get(url);
      return r ? toItem(r) : null;
    },
    async saveItem(item) {
      write('watch item', () => s.putItem.run(item));
    },
    async findByContent(role, contentHash) {
      return s.byContent.all(role, contentHash).map(toItem);
    },
    async listItems({ role, status, limit }) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (role) {
        where.push('role = ?');
        params.push(role);
      }
      if (status) {
        where.push('status = ?');
        params.push(status);
      }
      const sql = `SELECT * FROM watch_items ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY first_seen_at DESC, url LIMIT ?`;
      return (db.prepare(sql).all(...params, limit) as ItemRow[]).map(toItem);
    },
    async countItems() {
      const out = emptyStatusCounts();
      for (const r of s.counts.all()) out[r.status] = r.n;
      return out;
    },
    async log(entry) {
      write('watch log', () => s.log.run(entry));
    },
    async recentLog(limit) {
      return s.recentLog.all(limit);
    },
    async close() {
      // The connection belongs to the corpus store.
    },
  };
}

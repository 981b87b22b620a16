/**
 * @module adapters/sql-rows/watch
 * The rows of the watch tables (watch_feeds, watch_items), shared by the SQLite and
 * PostgreSQL watch stores (adapters/store-sqlite/watch.ts, adapters/store-postgres/watch.ts),
 * and how they read back as core/watch records. Pure mapping; each store keeps its own SQL.
 */
import type { FeedRole, ItemStatus, SeenItem, WatchedFeed } from '../../core/watch/types.ts';

export interface FeedRow {
  url: string;
  role: FeedRole;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  failures: number;
  next_attempt_at: string | null;
  last_error: string | null;
}

export interface ItemRow {
  url: string;
  feed_url: string;
  role: FeedRole;
  status: ItemStatus;
  content_hash: string | null;
  etag: string | null;
  last_modified: string | null;
  listed_date: string | null;
  first_seen_at: string;
  last_checked_at: string;
  failures: number;
  next_attempt_at: string | null;
  last_error: string | null;
  article_id: string | null;
  report_id: string | null;
}

export function feedFromRow(r: FeedRow): WatchedFeed {
  return {
    url: r.url,
    role: r.role,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: r.last_polled_at,
    failures: r.failures,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
  };
}

export function itemFromRow(r: ItemRow): SeenItem {
  return {
    url: r.url,
    feedUrl: r.feed_url,
    role: r.role,
    status: r.status,
    contentHash: r.content_hash,
    etag: r.etag,
    lastModified: r.last_modified,
    listedDate: r.listed_date,
    firstSeenAt: r.first_seen_at,
    lastCheckedAt: r.last_checked_at,
    failures: r.failures,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    articleId: r.article_id,
    reportId: r.report_id,
  };
}

/** Counts per item status, every status present (0 when none). */
export function emptyStatusCounts(): Record<ItemStatus, number> {
  return { done: 0, duplicate: 0, failed: 0, skipped: 0, queued: 0 };
}

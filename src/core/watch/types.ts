/**
 * @module core/watch/types
 * What `unspun watch` remembers between polls, and the interface of the store that keeps it
 * (feeds with their validators, every item seen, a fetch log). The store lives in the same
 * database as the index: the SQLite implementation is adapters/store-sqlite/watch.ts, and a
 * PostgreSQL one implements the same interface. Plain records only; no behaviour.
 */

/** Reference feeds are indexed (they are the sources); suspect feeds are traced (they may copy). */
export type FeedRole = 'reference' | 'suspect';

/** A feed or sitemap being watched, with what the last poll learnt about it. */
export interface WatchedFeed {
  url: string;
  role: FeedRole;
  /** Validators from the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  /** ISO time of the last poll that reached the server (answered 200 or 304). */
  lastPolledAt: string | null;
  /** Failed polls in a row (0 after a success). */
  failures: number;
  /** ISO time before which a failing feed is not polled again (backoff); null when healthy. */
  nextAttemptAt: string | null;
  lastError: string | null;
}

/**
 * What became of an item. `duplicate`: same content as an item already done, not processed
 * again. `queued`: handed to the job queue (`watch --queue`) and not yet finished by a worker;
 * the job is found again from the item (adapters/queue watchIngestJobId / watchTraceJobId).
 */
export type ItemStatus = 'done' | 'duplicate' | 'failed' | 'skipped' | 'queued';

/** One item (a page) listed by a watched feed or sitemap. Keyed by its normalised URL. */
export interface SeenItem {
  url: string;
  feedUrl: string;
  role: FeedRole;
  status: ItemStatus;
  /** Hash of the extracted body (core/index contentHash); null until fetched. */
  contentHash: string | null;
  /** Validators of the page itself, for a conditional re-fetch when the feed says it changed. */
  etag: string | null;
  lastModified: string | null;
  /** The date the feed or sitemap gave for the item (updated/published/lastmod), as written. */
  listedDate: string | null;
  firstSeenAt: string;
  lastCheckedAt: string;
  failures: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** The indexed article (reference items). */
  articleId: string | null;
  /** The stored report (suspect items). */
  reportId: string | null;
}

export type FetchOutcome = 'ok' | 'not-modified' | 'failed' | 'skipped';

/** One line of the fetch log: every request the watcher made or declined to make. */
export interface FetchLogEntry {
  at: string;
  url: string;
  /** HTTP status, null when no answer came (timeout, network, robots). */
  status: number | null;
  outcome: FetchOutcome;
  /** Stable failure code (see core/watch/policy.ts FAILURE_CODES), null on success. */
  code: string | null;
  message: string | null;
  ms: number;
  bytes: number;
}

export interface WatchStore {
  getFeed(url: string): Promise<WatchedFeed | null>;
  saveFeed(feed: WatchedFeed): Promise<void>;
  getItem(url: string): Promise<SeenItem | null>;
  saveItem(item: SeenItem): Promise<void>;
  /** Done or queued items of this role with this content hash (any URL), oldest first, for deduplication. */
  findByContent(role: FeedRole, contentHash: string): Promise<SeenItem[]>;
  /** Items of a role, newest first seen first. */
  listItems(options: { role?: FeedRole; status?: ItemStatus; limit: number }): Promise<SeenItem[]>;
  countItems(): Promise<Record<ItemStatus, number>>;
  log(entry: FetchLogEntry): Promise<void>;
  /** Newest first. */
  recentLog(limit: number): Promise<FetchLogEntry[]>;
  close(): Promise<void>;
}

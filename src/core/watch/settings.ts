/**
 * @module core/watch/settings
 * Defaults of `unspun watch`. Each is a flag or a config-file field; the values are polite
 * crawler defaults, not tuned on data.
 */

/** Time between polls of every feed with `--interval` unset (and no `--once`). */
export const DEFAULT_INTERVAL_MS = 15 * 60_000;
/** Least time between two requests to one host (robots.txt Crawl-delay may ask for more). */
export const DEFAULT_HOST_DELAY_MS = 1_000;
/** Largest Crawl-delay honoured; a robots.txt asking for more gets this. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** Per-request time limit: connect, headers and the whole body. */
export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
/** Largest response body read, feeds and pages alike (counted while reading). */
export const DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024;
/** Redirects followed before giving up. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Items taken from one feed or sitemap per poll (newest first when dates are given). */
export const DEFAULT_MAX_ITEMS_PER_FEED = 100;
/** Child sitemaps followed from one sitemap index. */
export const MAX_CHILD_SITEMAPS = 20;
/** Hosts fetched at the same time (requests to one host are always one at a time). */
export const DEFAULT_HOST_CONCURRENCY = 4;
/** Attempts within one poll for a transient failure (timeout, 5xx, network). */
export const DEFAULT_ATTEMPTS = 3;
/** First retry delay within a poll; doubles each attempt. */
export const DEFAULT_RETRY_BASE_MS = 1_000;
/** Backoff between polls for a failing feed or item: base doubles per failure, up to the cap. */
export const DEFAULT_BACKOFF_BASE_MS = 5 * 60_000;
export const DEFAULT_BACKOFF_MAX_MS = 24 * 60 * 60_000;
/** After this many failed polls an item is given up (still listed, with its last error). */
export const MAX_ITEM_FAILURES = 8;
/** Least severity of a change that makes a traced copy worth announcing. */
export const DEFAULT_ANNOUNCE_SEVERITY = 'medium' as const;
/** Webhook attempts (with the retry delay above) before the announcement is logged as undelivered. */
export const WEBHOOK_ATTEMPTS = 3;

/**
 * With `watch --queue`: how long a poll waits for its jobs (the ingest jobs before the suspect
 * feeds are read, then the trace jobs). Long enough for a poll's worth of work on a few workers;
 * what is still running after it is collected by the next poll.
 */
export const DEFAULT_QUEUE_WAIT_MS = 10 * 60_000;

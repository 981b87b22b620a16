/**
 * @module adapters/watch/watcher
 * One poll of `unspun watch`, and the loop around it.
 *
 *   1. Reference feeds first (so a source published in the same poll as its copy is indexed
 *      before the copy is traced), then suspect feeds; hosts in parallel (a small pool),
 *      requests to one host one at a time (fetcher.ts).
 *   2. Each feed: conditional GET; 304 ends it. A sitemap index is followed one level.
 *   3. Each listed item not seen before (or listed with a new date): fetch the page, decode it
 *      with the ingest layer (charset, binary sniffing, the same limits as `unspun index`),
 *      then index it (reference) or trace it (suspect), deduplicated by URL and by content hash.
 *   4. A traced copy with serious changes is announced (announce.ts).
 *
 * With a job queue (`watch --queue`, adapters/queue) step 3 still fetches, decodes and
 * deduplicates here, but hands the indexing to ingest jobs and the tracing to trace jobs that
 * `unspun worker`s run. The item is saved as `queued`; the watch then waits (up to
 * `queueWaitMs`) for the poll's ingest jobs before it reads the suspect feeds, so sources are
 * indexed before their copies are traced, and for the trace jobs at the end of the poll. A
 * finished trace job's report is read back from the report store and announced here, by the
 * one process that owns the announcement log and webhook. Jobs still running when the wait
 * ends are collected by the next poll (or the next run: the job id is made from the item).
 *
 * Failures never stop the poll: each is logged with its URL, retried within the poll when
 * transient, and remembered with a backoff for later polls. A feed's validators are saved only
 * after all its items were handled, so a run killed mid-feed resumes on the next poll.
 */
import { isUnspunError } from '../../core/errors.ts';
import { extractArticle } from '../../core/extract/index.ts';
import { contentHash, prepareIndexRecord } from '../../core/index/index.ts';
import type { Store } from '../../core/store.ts';
import type { RawInput, ReferenceArticle, Report, Severity } from '../../core/types.ts';
import {
  buildAnnouncement,
  isDue,
  itemNeedsFetch,
  nextAttemptAt,
  shouldAnnounce,
  siteOf,
  type Announcement,
  type FailureCode,
} from '../../core/watch/policy.ts';
import type { FeedRole, FetchLogEntry, SeenItem, WatchStore, WatchedFeed } from '../../core/watch/types.ts';
import { MAX_CHILD_SITEMAPS, MAX_ITEM_FAILURES } from '../../core/watch/settings.ts';
import type { ReportStore } from '../http/report-store.ts';
import { assertNotBinary, charsetFromContentType, decodeText } from '../input/decode.ts';
import { documentToArticle } from '../ingest/document.ts';
import { FINISHED_STATES, errorText, watchIngestJobId, watchTraceJobId, type JobStatus } from '../queue/index.ts';
import { FetchFailure, type Accept, type FetchResult, type PoliteFetcher } from './fetcher.ts';
import { parseListing, pickItems, type ListedItem } from './listing.ts';

export interface WatchSettings {
  reference: string[];
  suspect: string[];
  maxItemsPerFeed: number;
  hostConcurrency: number;
  /** Attempts within one poll for a transient failure. */
  attempts: number;
  retryBaseMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  announceSeverity: Severity;
  /** Base URL of `unspun serve`, for permalinks in announcements. */
  permalinkBase: string | null;
  /** With a queue: how long a poll waits for its jobs (ingest before tracing, then the traces). */
  queueWaitMs?: number;
  /** With a queue: time between two looks at the jobs' states while waiting. */
  queueCheckMs?: number;
}

/** The part of the job queue (adapters/queue JobQueue) the watch uses. */
export interface WatchQueue {
  enqueueIngest(articles: ReferenceArticle[], jobId: string): Promise<{ id: string; created: boolean }>;
  enqueueTrace(input: RawInput, jobId: string): Promise<{ id: string; created: boolean }>;
  statuses(ids: readonly string[]): Promise<Map<string, JobStatus>>;
}

export interface WatchDeps {
  corpus: Store;
  reports: ReportStore;
  state: WatchStore;
  fetcher: PoliteFetcher;
  trace: (input: RawInput) => Promise<Report>;
  /** Called after a poll that added reference articles (SQLite refreshes its word statistics). */
  afterIndexing?: () => Promise<void>;
  announce: (a: Announcement) => Promise<void>;
  /** When set, reference items become ingest jobs and suspect items trace jobs for `unspun worker`s. */
  queue?: WatchQueue;
  /** Progress and failure lines. */
  log: (line: string) => void;
  now?: () => number;
}

export interface PollSummary {
  feeds: number;
  feedsNotModified: number;
  feedsFailed: number;
  feedsDeferred: number;
  itemsSeen: number;
  indexed: number;
  traced: number;
  unchanged: number;
  duplicates: number;
  itemsFailed: number;
  skipped: number;
  announced: number;
  /** Jobs handed to the queue in this poll (with a queue). */
  queued: number;
  /** Jobs not finished when the poll stopped waiting: the next poll collects them. */
  pending: number;
}

function emptySummary(): PollSummary {
  return {
    feeds: 0, feedsNotModified: 0, feedsFailed: 0, feedsDeferred: 0, itemsSeen: 0, indexed: 0, traced: 0,
    unchanged: 0, duplicates: 0, itemsFailed: 0, skipped: 0, announced: 0, queued: 0, pending: 0,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A failure from decoding or extraction (binary, encoding, no article) reads as `unreadable`. */
function failureOf(err: unknown, url: string): FetchFailure {
  if (err instanceof FetchFailure) return err;
  if (isUnspunError(err)) return new FetchFailure('unreadable', url, null, err.message.replace(`${url}: `, ''));
  return new FetchFailure('unreadable', url, null, (err as Error)?.message ?? String(err));
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await run(item);
    }
  });
  await Promise.all(workers);
}

export class Watcher {
  private readonly now: () => number;

  constructor(
    private readonly settings: WatchSettings,
    private readonly deps: WatchDeps,
  ) {
    this.now = deps.now ?? Date.now;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** One pass over every feed. Never throws for a site's failure; store failures do throw. */
  async poll(): Promise<PollSummary> {
    const summary = emptySummary();
    // Jobs an earlier poll (or run) left running: whatever finished since is recorded and announced now.
    if (this.deps.queue) for (const role of ['reference', 'suspect'] as const) await this.settleQueued(role, summary, 0);
    for (const role of ['reference', 'suspect'] as const) {
      const urls = [...new Set(role === 'reference' ? this.settings.reference : this.settings.suspect)];
      const byHost = new Map<string, string[]>();
      for (const url of urls) {
        const host = siteOf(url) ?? url;
        byHost.set(host, [...(byHost.get(host) ?? []), url]);
      }
      await pool([...byHost.values()], this.settings.hostConcurrency, async (feeds) => {
        for (const url of feeds) await this.pollFeed(url, role, summary);
      });
      if (this.deps.queue) summary.pending += await this.settleQueued(role, summary, this.settings.queueWaitMs ?? 0);
      if (role === 'reference' && summary.indexed > 0) await this.deps.afterIndexing?.();
    }
    if (summary.pending > 0) this.deps.log(`${summary.pending} jobs still running; the next poll collects them`);
    return summary;
  }

  /** The queue job of a queued item: named by what the item keeps (adapters/queue). */
  private jobIdOf(item: SeenItem): string | null {
    if (item.role === 'reference') return item.articleId ? watchIngestJobId(item.articleId) : null;
    return item.contentHash ? watchTraceJobId(item.url, item.contentHash) : null;
  }

  /**
   * Records the finished jobs of queued items of a role, waiting up to `waitMs` for the rest;
   * returns how many are still running. A job that failed for good (or went missing from the
   * queue) fails its item, which is then fetched and queued again after the item backoff.
   */
  private async settleQueued(role: FeedRole, summary: PollSummary, waitMs: number): Promise<number> {
    const queue = this.deps.queue!;
    const deadline = performance.now() + waitMs;
    for (;;) {
      const queued = await this.deps.state.listItems({ role, status: 'queued', limit: 100_000 });
      if (queued.length === 0) return 0;
      const ids = new Map(queued.map((item) => [item, this.jobIdOf(item)]));
      const states = await queue.statuses([...ids.values()].filter((id): id is string => id !== null));
      let running = 0;
      for (const item of queued) {
        const id = ids.get(item)!;
        const job = id ? states.get(id) : undefined;
        if (!job) await this.failQueued(item, summary, `job ${id ?? '(none)'} is not in the queue (deleted?)`);
        else if (job.state === 'completed') await this.finishJob(item, job, summary);
        else if ((FINISHED_STATES as readonly string[]).includes(job.state)) {
          await this.failQueued(item, summary, `job ${job.id} ${job.state} after ${job.retries} retries: ${errorText(job.output)}`);
        } else running++;
      }
      if (running === 0 || performance.now() >= deadline) return running;
      await sleep(Math.min(this.settings.queueCheckMs ?? 500, Math.max(0, deadline - performance.now())));
    }
  }

  private async failQueued(item: SeenItem, summary: PollSummary, why: string): Promise<void> {
    const failures = item.failures + 1;
    const next = nextAttemptAt(this.now(), failures, this.settings.backoffBaseMs, this.settings.backoffMaxMs);
    summary.itemsFailed++;
    this.deps.log(`failed ${item.url}: ${why}${failures < MAX_ITEM_FAILURES ? `; next attempt after ${next}` : '; giving up'}`);
    // Without its hash the page counts as new when it comes round again, and is queued again.
    await this.deps.state.saveItem({ ...item, status: 'failed', contentHash: null, failures, nextAttemptAt: next, lastError: `job: ${why}`, lastCheckedAt: this.iso() });
  }

  private async finishJob(item: SeenItem, job: JobStatus, summary: PollSummary): Promise<void> {
    const out = (job.output ?? {}) as { added?: number; replaced?: number; reportId?: string };
    if (item.role === 'reference') {
      const added = (out.added ?? 0) + (out.replaced ?? 0) > 0;
      if (added) summary.indexed++;
      else summary.duplicates++;
      this.deps.log(`${added ? 'indexed' : 'already indexed'} ${item.url} (job ${job.id})`);
      await this.deps.state.saveItem({ ...item, status: added ? 'done' : 'duplicate', failures: 0, lastError: null });
      return;
    }
    const stored = typeof out.reportId === 'string' ? await this.deps.reports.get(out.reportId) : null;
    if (!stored) {
      await this.failQueued(item, summary, `job ${job.id} finished but its report ${out.reportId ?? '(none)'} is not in the report store`);
      return;
    }
    await this.traced(item, stored.report, stored.id, summary, ` (job ${job.id})`);
  }

  private async record(entry: Omit<FetchLogEntry, 'at'>): Promise<void> {
    await this.deps.state.log({ at: this.iso(), ...entry });
  }

  /** GET with in-poll retries for transient failures; every attempt goes to the fetch log. */
  private async fetchLogged(url: string, accept: Accept, validators: { etag?: string | null; lastModified?: string | null }): Promise<FetchResult> {
    for (let attempt = 1; ; attempt++) {
      const t0 = performance.now();
      try {
        const res = await this.deps.fetcher.get(url, accept, validators);
        await this.record({
          url,
          status: res.status,
          outcome: res.notModified ? 'not-modified' : 'ok',
          code: null,
          message: res.notModified || res.url === url ? null : `redirected to ${res.url}`,
          ms: res.ms,
          bytes: res.notModified ? 0 : res.body.length,
        });
        return res;
      } catch (err) {
        const failure = failureOf(err, url);
        const retry = failure.transient && attempt < this.settings.attempts;
        await this.record({
          url,
          status: failure.status,
          outcome: failure.code === 'robots-disallow' ? 'skipped' : 'failed',
          code: failure.code,
          message: failure.message + (retry ? `; retrying (attempt ${attempt + 1} of ${this.settings.attempts})` : ''),
          ms: Math.round(performance.now() - t0),
          bytes: 0,
        });
        if (!retry) throw failure;
        await sleep(this.settings.retryBaseMs * 2 ** (attempt - 1));
      }
    }
  }

  private async logUnreadable(url: string, failure: FetchFailure, since: number): Promise<void> {
    await this.record({ url, status: failure.status, outcome: 'failed', code: failure.code, message: failure.message, ms: Math.round(performance.now() - since), bytes: 0 });
  }

  private decode(res: Extract<FetchResult, { notModified: false }>): RawInput {
    assertNotBinary(res.body, res.url);
    const content = decodeText(res.body, res.url, { headerCharset: charsetFromContentType(res.contentType), sniffDeclared: true });
    const type = (res.contentType ?? '').split(';')[0].trim().toLowerCase();
    const kind = type === 'text/plain' ? 'text' : type === '' && !/^\s*</.test(content) ? 'text' : 'html';
    return { kind, content, name: res.url, url: res.url };
  }

  private async pollFeed(url: string, role: FeedRole, summary: PollSummary): Promise<void> {
    const state = this.deps.state;
    const feed: WatchedFeed = (await state.getFeed(url)) ?? {
      url, role, etag: null, lastModified: null, lastPolledAt: null, failures: 0, nextAttemptAt: null, lastError: null,
    };
    feed.role = role;
    if (!isDue(feed, this.now())) {
      summary.feedsDeferred++;
      this.deps.log(`deferred ${url}: failed ${feed.failures} times, next attempt after ${feed.nextAttemptAt}`);
      return;
    }
    summary.feeds++;
    let listed: ListedItem[];
    let outlet: string | null = null;
    let validators: { etag: string | null; lastModified: string | null };
    try {
      const res = await this.fetchLogged(url, 'feed', feed);
      if (res.notModified) {
        summary.feedsNotModified++;
        await state.saveFeed({ ...feed, lastPolledAt: this.iso(), failures: 0, nextAttemptAt: null, lastError: null });
        return;
      }
      validators = { etag: res.etag, lastModified: res.lastModified };
      let listing: ReturnType<typeof parseListingOf>;
      try {
        listing = parseListingOf(res, url);
      } catch (err) {
        await this.logUnreadable(url, failureOf(err, url), performance.now());
        throw err;
      }
      if (listing.kind === 'sitemap-index') {
        listed = [];
        for (const child of listing.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
          try {
            const c = await this.fetchLogged(child, 'feed', {});
            if (c.notModified) continue;
            let l: ReturnType<typeof parseListingOf>;
            try {
              l = parseListingOf(c, child);
            } catch (err) {
              await this.logUnreadable(child, failureOf(err, child), performance.now());
              throw err;
            }
            if (l.kind !== 'sitemap-index') listed.push(...l.items);
          } catch (err) {
            this.deps.log(`failed ${failureOf(err, child).message}`);
          }
        }
      } else {
        listed = listing.items;
        if (listing.kind === 'feed') outlet = listing.title;
      }
    } catch (err) {
      const failure = failureOf(err, url);
      const failures = feed.failures + 1;
      summary.feedsFailed++;
      const next = nextAttemptAt(this.now(), failures, this.settings.backoffBaseMs, this.settings.backoffMaxMs);
      this.deps.log(`failed ${failure.message}; next attempt after ${next}`);
      await state.saveFeed({ ...feed, failures, nextAttemptAt: next, lastError: `${failure.code}: ${failure.message}` });
      return;
    }
    for (const item of pickItems(listed, this.settings.maxItemsPerFeed)) {
      await this.handleItem(item, url, role, outlet, summary);
    }
    await state.saveFeed({ ...feed, ...validators, lastPolledAt: this.iso(), failures: 0, nextAttemptAt: null, lastError: null });
  }

  private async handleItem(item: ListedItem, feedUrl: string, role: FeedRole, outlet: string | null, summary: PollSummary): Promise<void> {
    const state = this.deps.state;
    const seen = await state.getItem(item.url);
    if (!itemNeedsFetch(seen, item.date, this.now(), MAX_ITEM_FAILURES)) return;
    summary.itemsSeen++;
    const now = this.iso();
    const base: SeenItem = seen ?? {
      url: item.url, feedUrl, role, status: 'failed', contentHash: null, etag: null, lastModified: null, listedDate: null,
      firstSeenAt: now, lastCheckedAt: now, failures: 0, nextAttemptAt: null, lastError: null, articleId: null, reportId: null,
    };
    // A page that was done is fetched again only because the feed re-dated it: ask conditionally.
    const validators = seen?.status === 'done' || seen?.status === 'duplicate' || seen?.status === 'queued' ? seen : {};
    let fetchedAt: number | null = null;
    try {
      const res = await this.fetchLogged(item.url, 'page', validators);
      fetchedAt = performance.now();
      if (res.notModified) {
        summary.unchanged++;
        await state.saveItem({ ...base, listedDate: item.date, lastCheckedAt: now });
        return;
      }
      const input = this.decode(res);
      // A queued item keeps its count of failed jobs until one succeeds, so a job that always fails is given up.
      const failures = this.deps.queue && seen?.status === 'failed' ? seen.failures : 0;
      const fetched = { ...base, feedUrl, role, listedDate: item.date, lastCheckedAt: now, etag: res.etag, lastModified: res.lastModified, failures, nextAttemptAt: null, lastError: null };
      if (role === 'reference') await this.indexItem(input, fetched, item, outlet, summary);
      else await this.traceItem(input, fetched, summary);
    } catch (err) {
      if (!(err instanceof FetchFailure) && !isUnspunError(err)) throw err;
      const failure = failureOf(err, item.url);
      // The fetch log has every request; a page that arrived but could not be read is logged here.
      if (fetchedAt !== null) await this.logUnreadable(item.url, failure, fetchedAt);
      if (failure.code === 'robots-disallow') {
        summary.skipped++;
        this.deps.log(`skipped ${failure.message}`);
        await state.saveItem({ ...base, status: 'skipped', listedDate: item.date, lastCheckedAt: now, lastError: `${failure.code}: ${failure.message}` });
        return;
      }
      const failures = (seen?.status === 'failed' ? seen.failures : 0) + 1;
      const next = nextAttemptAt(this.now(), failures, this.settings.backoffBaseMs, this.settings.backoffMaxMs);
      summary.itemsFailed++;
      this.deps.log(`failed ${failure.message}${failures < MAX_ITEM_FAILURES ? `; next attempt after ${next}` : '; giving up'}`);
      // A page that was done keeps its status and report: only this re-check failed.
      if (seen && seen.status !== 'failed') {
        await state.saveItem({ ...seen, lastCheckedAt: now, lastError: `${failure.code}: ${failure.message}` });
        return;
      }
      await state.saveItem({
        ...base, status: 'failed', listedDate: item.date, lastCheckedAt: now, failures, nextAttemptAt: next, lastError: `${failure.code}: ${failure.message}`,
      });
    }
  }

  private async indexItem(input: RawInput, item: SeenItem, listed: ListedItem, outlet: string | null, summary: PollSummary): Promise<void> {
    const article = documentToArticle(input, item.url, outlet ?? siteOf(item.url));
    if (!article.published && listed.date && !Number.isNaN(Date.parse(listed.date))) article.published = new Date(listed.date).toISOString();
    if (!article.title && listed.title) article.title = listed.title;
    const hash = contentHash(article.text);
    if (item.contentHash === hash) {
      summary.unchanged++;
      await this.deps.state.saveItem({ ...item, status: 'done' });
      return;
    }
    const known = (await this.deps.corpus.knownHashes([hash])).has(hash);
    if (known) {
      summary.duplicates++;
      await this.deps.state.saveItem({ ...item, status: 'duplicate', contentHash: hash });
      return;
    }
    if (this.deps.queue) {
      const job = await this.deps.queue.enqueueIngest([article], watchIngestJobId(article.id));
      summary.queued++;
      this.deps.log(`queued ${item.url} for indexing (job ${job.id}${job.created ? '' : ', already queued'})`);
      await this.deps.state.saveItem({ ...item, status: 'queued', contentHash: hash, articleId: article.id });
      return;
    }
    await this.deps.corpus.put([prepareIndexRecord(article)]);
    summary.indexed++;
    this.deps.log(`indexed ${item.url}`);
    await this.deps.state.saveItem({ ...item, status: 'done', contentHash: hash, articleId: article.id });
  }

  private async traceItem(input: RawInput, item: SeenItem, summary: PollSummary): Promise<void> {
    const hash = contentHash(extractArticle(input).text);
    if (item.contentHash === hash) {
      summary.unchanged++;
      await this.deps.state.saveItem({ ...item, status: item.status === 'failed' ? 'done' : item.status });
      return;
    }
    // The same text at another URL of the same site (a tracking parameter, a second section) is
    // one article; on another site it is that site's copy, and counts for it.
    const site = siteOf(item.url);
    const twin = (await this.deps.state.findByContent('suspect', hash)).find((t) => t.url !== item.url && siteOf(t.url) === site);
    if (twin) {
      summary.duplicates++;
      this.deps.log(`duplicate ${item.url}: same text as ${twin.url}`);
      await this.deps.state.saveItem({ ...item, status: 'duplicate', contentHash: hash, reportId: twin.reportId });
      return;
    }
    if (this.deps.queue) {
      const job = await this.deps.queue.enqueueTrace(input, watchTraceJobId(item.url, hash));
      summary.queued++;
      this.deps.log(`queued ${item.url} for tracing (job ${job.id}${job.created ? '' : ', already queued'})`);
      await this.deps.state.saveItem({ ...item, status: 'queued', contentHash: hash });
      return;
    }
    const report = await this.deps.trace(input);
    const stored = await this.deps.reports.save(report);
    await this.traced({ ...item, contentHash: hash }, report, stored.id, summary, '');
  }

  /** A suspect item traced (here or by a worker): recorded, and announced when it is a copy with serious changes. */
  private async traced(item: SeenItem, report: Report, reportId: string, summary: PollSummary, by: string): Promise<void> {
    summary.traced++;
    const src = report.sources[0];
    this.deps.log(
      `traced ${item.url}${by}: ${src ? `source ${src.id}${src.outlet ? ` (${src.outlet})` : ''}, ${report.summary.serious} serious` : 'no source'} -> report ${reportId}`,
    );
    await this.deps.state.saveItem({ ...item, status: 'done', reportId, failures: 0, lastError: null });
    if (shouldAnnounce(report, this.settings.announceSeverity)) {
      summary.announced++;
      await this.deps.announce(
        buildAnnouncement(report, { url: item.url, reportId, at: this.iso(), permalinkBase: this.settings.permalinkBase }, this.settings.announceSeverity),
      );
    }
  }
}

function parseListingOf(res: Extract<FetchResult, { notModified: false }>, url: string) {
  let body: string;
  try {
    assertNotBinary(res.body, url);
    body = decodeText(res.body, url, { headerCharset: charsetFromContentType(res.contentType), sniffDeclared: true });
  } catch (err) {
    throw failureOf(err, url);
  }
  try {
    return parseListing(body, res.url);
  } catch (err) {
    throw new FetchFailure('not-a-feed', url, res.status, (err as Error).message.slice(0, 200));
  }
}

export type { FailureCode };

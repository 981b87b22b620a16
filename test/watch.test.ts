/**
 * @module test/watch
 * The watcher against fixture sites on 127.0.0.1 (test/watch-server.ts), in process, with the
 * real SQLite index, report history, watch state and trace pipeline: pages that change between
 * polls, every fetch failure the issue lists (each logged with its URL, retried when it can
 * help, never stopping the other sites), robots.txt, the per-host delay, backoff between
 * polls, and the webhook.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceArticle } from '../src/core/pipeline.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import type { Announcement } from '../src/core/watch/policy.ts';
import type { WatchStore } from '../src/core/watch/types.ts';
import type { ReportStore } from '../src/adapters/http/report-store.ts';
import { openSqliteStore, type SqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { openSqliteReportStore } from '../src/adapters/store-sqlite/reports.ts';
import { openSqliteWatchStore } from '../src/adapters/store-sqlite/watch.ts';
import { makeAnnouncer } from '../src/adapters/watch/announce.ts';
import { PoliteFetcher, type FetchOptions } from '../src/adapters/watch/fetcher.ts';
import { Watcher, type WatchSettings } from '../src/adapters/watch/watcher.ts';
import { demoArticles } from './http-helpers.ts';
import { FixtureSite, articlePage, fixtureArticle, rssFeed, sitemap, sitemapIndex } from './watch-server.ts';

const FETCH: FetchOptions = { userAgent: 'unspun-test', robotsAgent: 'unspun', timeoutMs: 1500, maxBytes: 200_000, maxRedirects: 3, hostDelayMs: 5 };

interface Rig {
  dir: string;
  corpus: SqliteStore;
  reports: ReportStore;
  state: WatchStore;
  announced: Announcement[];
  lines: string[];
  clock: { now: number };
  watcher(settings: Partial<WatchSettings>, fetch?: Partial<FetchOptions>, webhook?: string): Watcher;
  close(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-watch-'));
  const corpus = await openSqliteStore(join(dir, 'w.db'));
  await corpus.put(demoArticles().map(prepareIndexRecord));
  const reports = openSqliteReportStore(corpus.database);
  const state = openSqliteWatchStore(corpus.database);
  const announced: Announcement[] = [];
  const lines: string[] = [];
  const clock = { now: Date.parse('2026-03-15T12:00:00Z') };
  return {
    dir, corpus, reports, state, announced, lines, clock,
    watcher(settings, fetch = {}, webhook) {
      const announce = makeAnnouncer({ logPath: null, webhook: webhook ?? null, timeoutMs: 1000, retryBaseMs: 10, userAgent: 'unspun-test', onProblem: (l) => lines.push(l) });
      return new Watcher(
        {
          reference: [], suspect: [], maxItemsPerFeed: 50, hostConcurrency: 4, attempts: 3, retryBaseMs: 10,
          backoffBaseMs: 60_000, backoffMaxMs: 3_600_000, announceSeverity: 'medium', permalinkBase: 'http://127.0.0.1:8390', ...settings,
        },
        {
          corpus, reports, state,
          fetcher: new PoliteFetcher({ ...FETCH, ...fetch }),
          trace: (input) => traceArticle(input, corpus, { generatorVersion: 'test' }),
          announce: async (a) => {
            announced.push(a);
            await announce(a);
          },
          log: (l) => lines.push(l),
          now: () => clock.now,
        },
      );
    },
    async close() {
      await reports.close();
      await corpus.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('watch: pages that change between polls', () => {
  const outlet = new FixtureSite();
  const copier = new FixtureSite();
  let r: Rig;
  before(async () => {
    await Promise.all([outlet.start(), copier.start()]);
    r = await rig();
  });
  after(async () => {
    await Promise.all([outlet.stop(), copier.stop()]);
    await r.close();
  });

  test('new items are traced, an edited page is traced again, an unchanged one costs a 304', async () => {
    const items = [
      { url: `${copier.url}/ferry`, title: 'Ferry', date: '2026-03-13T08:00:00Z' },
      { url: `${copier.url}/bridge`, title: 'Bridge', date: '2026-03-14T08:00:00Z' },
    ];
    outlet.set('/sitemap.xml', { type: 'text/xml', body: sitemapIndex([`${outlet.url}/sitemap-news.xml`]) });
    outlet.set('/sitemap-news.xml', {
      type: 'text/xml',
      body: sitemap([{ url: `${outlet.url}/ferry`, lastmod: '2026-03-12' }, { url: `${outlet.url}/bridge`, lastmod: '2026-03-14' }]),
    });
    outlet.set('/ferry', { body: articlePage('source-ferry.txt'), etag: '"f1"' });
    outlet.set('/bridge', { body: articlePage('source-bridge.txt'), etag: '"b1"' });
    let feed = rssFeed('Copier', items);
    copier.set('/rss', () => ({ type: 'application/rss+xml', body: feed }));
    let ferry = articlePage('copy-ferry-altered.txt');
    let ferryTag = '"c1"';
    copier.set('/ferry', () => ({ body: ferry, etag: ferryTag }));
    copier.set('/bridge', { body: articlePage('copy-bridge-faithful.txt'), lastModified: 'Sat, 14 Mar 2026 08:00:00 GMT' });
    copier.set('/chess', { body: articlePage('unrelated.txt') });

    const w = r.watcher({ reference: [`${outlet.url}/sitemap.xml`], suspect: [`${copier.url}/rss`] });
    const first = await w.poll();
    assert.equal(first.indexed, 2, 'the sitemap index is followed to its child sitemap');
    assert.equal(first.traced, 2);
    assert.equal(first.announced, 1);
    const ferryReport = (await r.state.getItem(`${copier.url}/ferry`))!.reportId!;
    assert.ok(ferryReport);

    // The feed answers 200 again (no validators): known items are not fetched again.
    const second = await w.poll();
    assert.deepEqual([second.indexed, second.traced, second.itemsSeen], [0, 0, 0]);
    assert.equal(copier.requestsTo('/ferry').length, 1);

    // The site edits the ferry copy (new figure, new ETag) and lists a new story; the feed
    // re-dates both old items. The edited page is traced again, the other answers 304.
    ferry = articlePage('copy-ferry-altered-v2.txt');
    ferryTag = '"c2"';
    feed = rssFeed('Copier', [
      { ...items[0], date: '2026-03-15T10:00:00Z' },
      { ...items[1], date: '2026-03-15T10:00:00Z' },
      { url: `${copier.url}/chess`, title: 'Chess', date: '2026-03-15T11:00:00Z' },
    ]);
    const third = await w.poll();
    assert.equal(third.traced, 2, 'the edited copy and the new story');
    assert.equal(third.unchanged, 1, 'the bridge copy answered 304');
    const bridgeRequests = copier.requestsTo('/bridge');
    assert.equal(bridgeRequests[1].headers['if-modified-since'], 'Sat, 14 Mar 2026 08:00:00 GMT');
    assert.equal(copier.requestsTo('/ferry')[1].headers['if-none-match'], '"c1"');
    const edited = await r.state.getItem(`${copier.url}/ferry`);
    assert.notEqual(edited!.reportId, ferryReport, 'the edited page has a report of its own');
    const report = (await r.reports.get(edited!.reportId!))!.report;
    assert.ok(report.changes.some((c) => c.kind === 'number' && /196/.test(c.suspectText ?? '')), 'the new figure is found');
    assert.equal(third.announced, 1);
    assert.match(r.announced[1].permalink ?? '', /^http:\/\/127\.0\.0\.1:8390\/r\/[a-z2-7]{16}$/);
  });

  test('the same text at a second URL of the site is a duplicate, not a second trace', async () => {
    copier.set('/rss2', { type: 'application/rss+xml', body: rssFeed('Copier', [{ url: `${copier.url}/bridge-again`, title: 'Bridge', date: '2026-03-15T12:00:00Z' }]) });
    copier.set('/bridge-again', { body: articlePage('copy-bridge-faithful.txt') });
    const s = await r.watcher({ suspect: [`${copier.url}/rss2`] }).poll();
    assert.deepEqual([s.traced, s.duplicates], [0, 1]);
    const item = await r.state.getItem(`${copier.url}/bridge-again`);
    assert.equal(item?.status, 'duplicate');
    assert.equal(item?.reportId, (await r.state.getItem(`${copier.url}/bridge`))?.reportId);
  });
});

describe('watch: failures are logged with their URL, retried when it can help, and never stop the other sites', () => {
  const bad = new FixtureSite();
  const good = new FixtureSite();
  const down = new FixtureSite();
  const hook = new FixtureSite();
  let r: Rig;
  before(async () => {
    await Promise.all([bad.start(), good.start(), down.start(), hook.start()]);
    r = await rig();
  });
  after(async () => {
    await Promise.all([bad.stop(), good.stop(), down.stop(), hook.stop()]);
    await r.close();
  });

  test('timeouts, 4xx/5xx, redirect loops, wrong types, oversized bodies and robots.txt', async () => {
    const big = 'x'.repeat(300_000);
    const paths = ['/slow', '/gone', '/broken', '/loop-a', '/hops', '/photo', '/huge', '/huge-chunked', '/private/copy', '/binary', '/ok'];
    bad.set('/robots.txt', { type: 'text/plain', body: 'User-agent: unspun\nDisallow: /private/\n' });
    bad.set('/feed', { type: 'application/rss+xml', body: rssFeed('Bad', paths.map((p, i) => ({ url: bad.url + p, title: p, date: `2026-03-${10 + i}T00:00:00Z` }))) });
    bad.set('/slow', { body: articlePage('unrelated.txt'), delayMs: 4000 });
    bad.set('/gone', { status: 404, body: 'gone' });
    bad.set('/broken', { status: 503, body: 'try later' });
    bad.set('/loop-a', { status: 302, location: '/loop-b' });
    bad.set('/loop-b', { status: 301, location: `${bad.url}/loop-a` });
    bad.set('/hops', { status: 302, location: '/hop1' });
    for (let i = 1; i <= 5; i++) bad.set(`/hop${i}`, { status: 302, location: `/hop${i + 1}` });
    bad.set('/photo', { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    bad.set('/huge', { body: `<html><body><p>${big}</p></body></html>` });
    bad.set('/huge-chunked', { body: `<html><body><p>${big}</p></body></html>`, chunked: true });
    bad.set('/private/copy', { body: articlePage('copy-ferry-altered.txt') });
    bad.set('/binary', { type: 'text/html', body: Buffer.concat([Buffer.from('<html>'), Buffer.alloc(64), Buffer.from('</html>')]) });
    bad.set('/ok', { body: articlePage('copy-bridge-faithful.txt') });
    // A site whose feed is an HTML error page, and one whose feed is down.
    good.set('/feed', { type: 'application/rss+xml', body: rssFeed('Good', [{ url: `${good.url}/story`, title: 'Chess', date: '2026-03-15T00:00:00Z' }]) });
    good.set('/story', { body: articlePage('unrelated.txt') });
    good.set('/html-feed', { type: 'text/html', body: '<html><body>Login required</body></html>' });
    down.set('/feed', { status: 500, body: 'boom' });

    const w = r.watcher({ suspect: [`${bad.url}/feed`, `${good.url}/html-feed`, `${down.url}/feed`, `${good.url}/feed`] });
    const s = await w.poll();
    assert.equal(s.traced, 2, 'the good page of the bad site and the good site are still traced');
    assert.equal(s.skipped, 1, 'robots.txt disallows one page');
    assert.equal(s.itemsFailed, 9);
    assert.equal(s.feedsFailed, 2);
    assert.equal(bad.requestsTo('/private/copy').length, 0, 'a disallowed page is never requested');

    const log = await r.state.recentLog(200);
    const codeFor = (url: string) => log.filter((e) => e.url === url && e.outcome !== 'ok').map((e) => e.code);
    assert.deepEqual(codeFor(`${bad.url}/slow`), ['timeout', 'timeout', 'timeout'], 'a timeout is retried within the poll');
    assert.deepEqual(codeFor(`${bad.url}/gone`), ['http-4xx'], 'a 404 is not retried');
    assert.deepEqual(codeFor(`${bad.url}/broken`), ['http-5xx', 'http-5xx', 'http-5xx']);
    assert.equal(bad.requestsTo('/broken').length, 3);
    assert.deepEqual(codeFor(`${bad.url}/loop-a`), ['redirect-loop']);
    assert.deepEqual(codeFor(`${bad.url}/hops`), ['too-many-redirects']);
    assert.deepEqual(codeFor(`${bad.url}/photo`), ['content-type']);
    assert.deepEqual(codeFor(`${bad.url}/huge`), ['too-large']);
    assert.deepEqual(codeFor(`${bad.url}/huge-chunked`), ['too-large']);
    assert.deepEqual(codeFor(`${bad.url}/private/copy`), ['robots-disallow']);
    assert.deepEqual(codeFor(`${bad.url}/binary`), ['unreadable']);
    assert.deepEqual(codeFor(`${good.url}/html-feed`), ['content-type']);
    assert.deepEqual(codeFor(`${down.url}/feed`), ['http-5xx', 'http-5xx', 'http-5xx']);
    for (const e of log.filter((e) => e.code)) assert.ok(e.message?.includes(e.url.replace(/\/loop-a$|\/hops$/, '')), `the message names the URL: ${e.message}`);
    assert.ok(r.lines.some((l) => l.startsWith(`failed ${bad.url}/gone`)), 'failures are reported on the log with their URL');

    const slow = await r.state.getItem(`${bad.url}/slow`);
    assert.equal(slow?.status, 'failed');
    assert.equal(slow?.failures, 1);
    assert.equal(slow?.nextAttemptAt, new Date(r.clock.now + 60_000).toISOString(), 'backoff: the base delay after the first failed poll');
    const feed = await r.state.getFeed(`${down.url}/feed`);
    assert.equal(feed?.failures, 1);
    assert.match(feed?.lastError ?? '', /^http-5xx/);
  });

  test('a failing item waits for its backoff, then is retried, and the delay doubles', async () => {
    const before = bad.requestsTo('/gone').length;
    const w = r.watcher({ suspect: [`${bad.url}/feed`] });
    r.clock.now += 30_000;
    await w.poll();
    assert.equal(bad.requestsTo('/gone').length, before, 'not retried before its backoff has passed');
    r.clock.now += 31_000;
    await w.poll();
    assert.equal(bad.requestsTo('/gone').length, before + 1);
    const gone = await r.state.getItem(`${bad.url}/gone`);
    assert.equal(gone?.failures, 2);
    assert.equal(gone?.nextAttemptAt, new Date(r.clock.now + 120_000).toISOString());
    // The page comes back: the next due poll traces it.
    bad.set('/gone', { body: articlePage('copy-ferry-altered.txt') });
    r.clock.now += 121_000;
    const s = await w.poll();
    assert.equal((await r.state.getItem(`${bad.url}/gone`))?.status, 'done');
    assert.ok(s.traced >= 1);
    // The failing feed is deferred until its own backoff has passed.
    const deferred = await r.watcher({ suspect: [`${down.url}/feed`] }).poll();
    assert.equal(deferred.feedsDeferred, 0, 'its backoff (60 s) has passed by now');
  });

  test('the per-host delay spaces requests to one host; robots.txt Crawl-delay raises it', async () => {
    const paced = new FixtureSite();
    await paced.start();
    try {
      paced.set('/robots.txt', { type: 'text/plain', body: 'User-agent: *\nCrawl-delay: 0.3\n' });
      paced.set('/map.xml', { type: 'application/xml', body: sitemap([1, 2, 3].map((i) => ({ url: `${paced.url}/p${i}` }))) });
      for (const i of [1, 2, 3]) paced.set(`/p${i}`, { status: 404 });
      await r.watcher({ suspect: [`${paced.url}/map.xml`] }, { hostDelayMs: 100 }).poll();
      const times = paced.requests.map((q) => q.at);
      assert.equal(times.length, 5, 'robots.txt, the sitemap and three pages');
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      // The first gap follows robots.txt, before its Crawl-delay is known (100 ms); then 300 ms.
      // Requests are spaced when sent; arrival times jitter on a loaded machine, hence the slack.
      assert.ok(gaps[0] >= 60, `gap ${gaps[0]} ms, want about the 100 ms host delay`);
      // One late arrival shortens the next gap by as much as it lengthened its own, so the
      // span of the three Crawl-delay gaps is the firm measure (100 ms spacing would give ~300).
      const span = times[4] - times[1];
      assert.ok(span >= 800, `three gaps span ${span} ms, want about 3 x the 300 ms Crawl-delay`);
      for (const g of gaps.slice(1)) assert.ok(g >= 150, `gap ${g} ms, want about the 300 ms Crawl-delay`);
    } finally {
      await paced.stop();
    }
  });

  test('announcements go to the webhook, retried when it fails once', async () => {
    let calls = 0;
    hook.set('/hook', () => (++calls === 1 ? { status: 502, body: 'bad gateway' } : { status: 204 }));
    const site = new FixtureSite();
    await site.start();
    try {
      site.set('/feed', { type: 'application/rss+xml', body: rssFeed('Mirror', [{ url: `${site.url}/copy`, title: 'Ferry', date: '2026-03-15T00:00:00Z' }]) });
      site.set('/copy', { body: articlePage('copy-ferry-altered.txt').replace('Island ferry back', 'Ferry back again') });
      // The ferry source is in the corpus from the first describe's sitemap? No: this rig has its own corpus.
      const source = fixtureArticle('source-ferry.txt');
      await r.corpus.put([prepareIndexRecord({ id: 'npa-ferry', outlet: 'Northfield Press Agency', title: source.title, byline: null, published: '2026-03-12', url: 'https://npa.example/ferry', text: source.paragraphs.join('\n\n') })]);
      const s = await r.watcher({ suspect: [`${site.url}/feed`] }, {}, `${hook.url}/hook`).poll();
      assert.equal(s.announced, 1);
      const posts = hook.requestsTo('/hook');
      assert.equal(posts.length, 2, 'retried after the 502');
      const body = JSON.parse(posts[1].body) as Announcement;
      assert.equal(body.url, `${site.url}/copy`);
      assert.equal(body.source.id, 'npa-ferry');
      assert.ok(body.findings.length > 0 && body.findings.every((f) => f.reason));
    } finally {
      await site.stop();
    }
  });
});

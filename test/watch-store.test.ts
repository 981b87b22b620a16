/**
 * @module test/watch-store
 * One contract suite for core/watch/types.ts WatchStore, run on each implementation: the
 * SQLite tables in the index file (adapters/store-sqlite/watch.ts) and the PostgreSQL tables
 * beside a PostgreSQL corpus (adapters/store-postgres/watch.ts). Each case gets a fresh store.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../src/core/store.ts';
import type { FetchLogEntry, SeenItem, WatchStore, WatchedFeed } from '../src/core/watch/types.ts';
import { openStore, openWatchStoreBeside } from '../src/adapters/open-store.ts';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';

interface Opened {
  state: WatchStore;
  corpus: Store;
  reopen(): Promise<WatchStore>;
}

const feed = (over: Partial<WatchedFeed> = {}): WatchedFeed => ({
  url: 'https://outlet.example/feed.xml',
  role: 'reference',
  etag: null,
  lastModified: null,
  lastPolledAt: null,
  failures: 0,
  nextAttemptAt: null,
  lastError: null,
  ...over,
});

const item = (url: string, over: Partial<SeenItem> = {}): SeenItem => ({
  url,
  feedUrl: 'https://copier.example/rss',
  role: 'suspect',
  status: 'done',
  contentHash: null,
  etag: null,
  lastModified: null,
  listedDate: null,
  firstSeenAt: '2026-03-15T10:00:00.000Z',
  lastCheckedAt: '2026-03-15T10:00:00.000Z',
  failures: 0,
  nextAttemptAt: null,
  lastError: null,
  articleId: null,
  reportId: null,
  ...over,
});

function runWatchStoreContract(name: string, open: () => Promise<Opened>): void {
  describe(`WatchStore contract: ${name}`, () => {
    const withStore = (title: string, fn: (o: Opened) => Promise<void>) =>
      test(title, async () => {
        const o = await open();
        try {
          await fn(o);
        } finally {
          await o.state.close();
          await o.corpus.close();
        }
      });

    withStore('a feed round-trips and a second save replaces it', async ({ state }) => {
      assert.equal(await state.getFeed('https://outlet.example/feed.xml'), null);
      await state.saveFeed(feed({ etag: '"v1"', lastPolledAt: '2026-03-15T10:00:00.000Z' }));
      await state.saveFeed(feed({ etag: '"v2"', lastModified: 'Sun, 15 Mar 2026 10:00:00 GMT', failures: 2, nextAttemptAt: '2026-03-15T11:00:00.000Z', lastError: 'timeout: slow' }));
      assert.deepEqual(await state.getFeed('https://outlet.example/feed.xml'), feed({
        etag: '"v2"', lastModified: 'Sun, 15 Mar 2026 10:00:00 GMT', failures: 2, nextAttemptAt: '2026-03-15T11:00:00.000Z', lastError: 'timeout: slow',
      }));
    });

    withStore('an item round-trips; saving it again keeps when it was first seen', async ({ state }) => {
      const url = 'https://copier.example/news/ferry';
      await state.saveItem(item(url, { status: 'failed', failures: 1, lastError: 'http-5xx: 503' }));
      const later = item(url, {
        status: 'done', contentHash: 'h1', etag: '"p1"', listedDate: '2026-03-14', firstSeenAt: '2026-03-16T00:00:00.000Z',
        lastCheckedAt: '2026-03-16T00:00:00.000Z', reportId: 'abcdefghijklmnop',
      });
      await state.saveItem(later);
      assert.deepEqual(await state.getItem(url), { ...later, firstSeenAt: '2026-03-15T10:00:00.000Z' });
      assert.equal(await state.getItem('https://copier.example/other'), null);
    });

    withStore('findByContent finds done and queued items of the role with that text, oldest first', async ({ state }) => {
      await state.saveItem(item('https://a.example/3', { contentHash: 'same', firstSeenAt: '2026-03-15T13:00:00.000Z', status: 'queued' }));
      await state.saveItem(item('https://a.example/2', { contentHash: 'same', firstSeenAt: '2026-03-15T12:00:00.000Z' }));
      await state.saveItem(item('https://a.example/1', { contentHash: 'same', firstSeenAt: '2026-03-15T11:00:00.000Z' }));
      await state.saveItem(item('https://a.example/failed', { contentHash: 'same', status: 'failed' }));
      await state.saveItem(item('https://a.example/ref', { contentHash: 'same', role: 'reference' }));
      await state.saveItem(item('https://a.example/other', { contentHash: 'other' }));
      assert.deepEqual((await state.findByContent('suspect', 'same')).map((i) => i.url), ['https://a.example/1', 'https://a.example/2', 'https://a.example/3']);
      assert.deepEqual((await state.findByContent('reference', 'same')).map((i) => i.url), ['https://a.example/ref']);
      assert.deepEqual(await state.findByContent('suspect', 'none'), []);
    });

    withStore('listItems filters by role and status, newest first seen first; countItems counts by status', async ({ state }) => {
      await state.saveItem(item('https://a.example/old', { firstSeenAt: '2026-03-01T00:00:00.000Z' }));
      await state.saveItem(item('https://a.example/new', { firstSeenAt: '2026-03-03T00:00:00.000Z' }));
      await state.saveItem(item('https://a.example/mid', { firstSeenAt: '2026-03-02T00:00:00.000Z', status: 'failed' }));
      await state.saveItem(item('https://a.example/ref', { firstSeenAt: '2026-03-04T00:00:00.000Z', role: 'reference', status: 'duplicate' }));
      await state.saveItem(item('https://a.example/robots', { firstSeenAt: '2026-03-05T00:00:00.000Z', status: 'skipped' }));
      await state.saveItem(item('https://a.example/job', { firstSeenAt: '2026-03-06T00:00:00.000Z', status: 'queued' }));
      assert.deepEqual((await state.listItems({ limit: 10 })).map((i) => i.url), [
        'https://a.example/job', 'https://a.example/robots', 'https://a.example/ref', 'https://a.example/new', 'https://a.example/mid', 'https://a.example/old',
      ]);
      assert.deepEqual((await state.listItems({ role: 'suspect', status: 'done', limit: 10 })).map((i) => i.url), ['https://a.example/new', 'https://a.example/old']);
      assert.deepEqual((await state.listItems({ limit: 2 })).map((i) => i.url), ['https://a.example/job', 'https://a.example/robots']);
      assert.deepEqual((await state.listItems({ status: 'queued', limit: 10 })).map((i) => i.url), ['https://a.example/job']);
      assert.deepEqual(await state.countItems(), { done: 2, duplicate: 1, failed: 1, skipped: 1, queued: 1 });
    });

    withStore('the fetch log keeps every entry, newest first', async ({ state }) => {
      const entries: FetchLogEntry[] = [
        { at: '2026-03-15T10:00:00.000Z', url: 'https://a.example/feed', status: 200, outcome: 'ok', code: null, message: null, ms: 12, bytes: 5120 },
        { at: '2026-03-15T10:00:01.000Z', url: 'https://a.example/p', status: null, outcome: 'failed', code: 'timeout', message: 'no answer in 20 s', ms: 20000, bytes: 0 },
        { at: '2026-03-15T10:00:02.000Z', url: 'https://a.example/feed', status: 304, outcome: 'not-modified', code: null, message: null, ms: 3, bytes: 0 },
      ];
      for (const e of entries) await state.log(e);
      assert.deepEqual(await state.recentLog(10), [...entries].reverse());
      assert.deepEqual(await state.recentLog(1), [entries[2]]);
    });

    withStore('opening the watch tables again (a second watcher, a restart) keeps what was saved', async (o) => {
      await o.state.saveFeed(feed({ etag: '"kept"' }));
      await o.state.saveItem(item('https://a.example/kept', { contentHash: 'k' }));
      const again = await o.reopen();
      assert.equal((await again.getFeed('https://outlet.example/feed.xml'))?.etag, '"kept"');
      assert.equal((await again.getItem('https://a.example/kept'))?.contentHash, 'k');
    });
  });
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

runWatchStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-watch-store-'));
  dirs.push(dir);
  const corpus = await openStore(join(dir, 'w.db'));
  return { corpus, state: await openWatchStoreBeside(corpus), reopen: () => openWatchStoreBeside(corpus) };
});

const skip = pgSkipReason();
after(dropMadeSchemas);
if (skip) test('WatchStore contract: postgres', { skip }, () => {});
else {
  runWatchStoreContract('postgres', async () => {
    const corpus = await openStore(freshSchemaUrl('watch'));
    return { corpus, state: await openWatchStoreBeside(corpus), reopen: () => openWatchStoreBeside(corpus) };
  });
}

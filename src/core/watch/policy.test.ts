import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs, isTransient, itemNeedsFetch, normalizeItemUrl, siteOf } from './policy.ts';
import type { SeenItem } from './types.ts';

test('normalizeItemUrl drops fragments and tracking parameters, keeps the rest, refuses non-http', () => {
  assert.equal(normalizeItemUrl('https://News.Example.com:443/a/b?id=7&utm_source=rss&fbclid=x#top'), 'https://news.example.com/a/b?id=7');
  assert.equal(normalizeItemUrl('/story?utm_medium=feed', 'http://127.0.0.1:8080/feed.xml'), 'http://127.0.0.1:8080/story');
  assert.equal(normalizeItemUrl('javascript:alert(1)'), null);
  assert.equal(normalizeItemUrl('mailto:desk@example.com'), null);
  assert.equal(normalizeItemUrl('not a url'), null);
});

test('siteOf is the host (with port) without www.', () => {
  assert.equal(siteOf('https://www.buzz.example/x'), 'buzz.example');
  assert.equal(siteOf('http://127.0.0.1:9000/x'), '127.0.0.1:9000');
  assert.equal(siteOf('examples/suspects/a.txt'), null);
  assert.equal(siteOf(null), null);
});

test('backoff doubles per failure up to the cap; only some failures are worth retrying soon', () => {
  assert.deepEqual([0, 1, 2, 3, 10].map((n) => backoffDelayMs(n, 1000, 5000)), [0, 1000, 2000, 4000, 5000]);
  assert.equal(isTransient('timeout'), true);
  assert.equal(isTransient('http-5xx'), true);
  assert.equal(isTransient('http-4xx'), false);
  assert.equal(isTransient('robots-disallow'), false);
  assert.equal(isTransient('no-such-code'), false);
});

test('itemNeedsFetch: new items yes; done items only when re-dated; failed ones when due and not given up', () => {
  const base: SeenItem = {
    url: 'https://a.example/x', feedUrl: 'https://a.example/feed', role: 'suspect', status: 'done', contentHash: 'h', etag: null,
    lastModified: null, listedDate: '2026-03-01', firstSeenAt: '2026-03-01T00:00:00Z', lastCheckedAt: '2026-03-01T00:00:00Z',
    failures: 0, nextAttemptAt: null, lastError: null, articleId: null, reportId: 'r',
  };
  const now = Date.parse('2026-03-02T00:00:00Z');
  assert.equal(itemNeedsFetch(null, null, now, 8), true);
  assert.equal(itemNeedsFetch(base, '2026-03-01', now, 8), false);
  assert.equal(itemNeedsFetch(base, null, now, 8), false, 'a listing without dates never re-fetches done items');
  assert.equal(itemNeedsFetch(base, '2026-03-02', now, 8), true);
  const failed = { ...base, status: 'failed' as const, failures: 2, nextAttemptAt: '2026-03-02T01:00:00Z' };
  assert.equal(itemNeedsFetch(failed, '2026-03-01', now, 8), false, 'backoff not over');
  assert.equal(itemNeedsFetch(failed, '2026-03-01', now + 2 * 3_600_000, 8), true);
  assert.equal(itemNeedsFetch({ ...failed, failures: 8 }, '2026-03-01', now + 2 * 3_600_000, 8), false, 'given up');
  assert.equal(itemNeedsFetch({ ...base, status: 'skipped' }, '2026-03-05', now, 8), false);
});

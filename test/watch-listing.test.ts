/**
 * @module test/watch-listing
 * What a watched feed lists (adapters/watch/listing.ts) and how watch settings are read
 * (adapters/watch/config.ts), on hand-made feeds, sitemaps and config files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseListing, pickItems } from '../src/adapters/watch/listing.ts';
import { readConfigFile, resolveConfig } from '../src/adapters/watch/config.ts';
import { UnspunError } from '../src/core/errors.ts';
import { atomFeed, rssFeed, sitemap, sitemapIndex } from './watch-server.ts';

const BASE = 'https://news.example/feed';

test('RSS, Atom and JSON feeds list their links (absolute, normalised) and dates', () => {
  const rss = parseListing(rssFeed('Wire', [{ url: '/a?utm_source=x', title: 'A', date: '2026-03-01T00:00:00Z' }]), BASE);
  assert.deepEqual(rss, { kind: 'feed', title: 'Wire', items: [{ url: 'https://news.example/a', title: 'A', date: 'Sun, 01 Mar 2026 00:00:00 GMT' }] });
  const atom = parseListing(atomFeed('Atom Wire', [{ url: 'https://news.example/b', title: 'B', date: '2026-03-02T00:00:00Z' }]), BASE);
  assert.equal(atom.kind, 'feed');
  assert.deepEqual(atom.kind === 'feed' && atom.items, [{ url: 'https://news.example/b', title: 'B', date: '2026-03-02T00:00:00Z' }]);
  const json = parseListing(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: 'https://news.example/c', title: 'C', date_published: '2026-03-03T00:00:00Z', content_text: 'x' }] }), BASE);
  assert.deepEqual(json.kind === 'feed' && json.items.map((i) => i.url), ['https://news.example/c']);
});

test('sitemaps and sitemap indexes; javascript: and garbage locations are dropped', () => {
  const map = parseListing(sitemap([{ url: 'https://news.example/1', lastmod: '2026-03-01' }, { url: 'javascript:alert(1)' }, { url: 'https://news.example/2' }]), BASE);
  assert.deepEqual(map, { kind: 'sitemap', items: [{ url: 'https://news.example/1', title: null, date: '2026-03-01' }, { url: 'https://news.example/2', title: null, date: null }] });
  assert.deepEqual(parseListing(sitemapIndex(['https://news.example/s1.xml']), BASE), { kind: 'sitemap-index', sitemaps: ['https://news.example/s1.xml'] });
  assert.throws(() => parseListing('<html><body>Sign in</body></html>', BASE), /not an RSS, Atom, RDF or JSON feed, nor an XML sitemap/);
});

test('pickItems: unique URLs, newest first when every item is dated, at most max', () => {
  const items = [
    { url: 'u1', title: null, date: '2026-03-01' },
    { url: 'u2', title: null, date: '2026-03-03' },
    { url: 'u1', title: null, date: '2026-03-01' },
    { url: 'u3', title: null, date: '2026-03-02' },
  ];
  assert.deepEqual(pickItems(items, 2).map((i) => i.url), ['u2', 'u3']);
  assert.deepEqual(pickItems([...items, { url: 'u4', title: null, date: null }], 10).map((i) => i.url), ['u1', 'u2', 'u3', 'u4'], 'listing order when a date is missing');
});

test('config file and flags: flags win, feeds add up, typos and bad values name the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-watch-config-'));
  try {
    const path = join(dir, 'watch.json');
    writeFileSync(path, JSON.stringify({ db: 'a.db', reference: ['https://wire.example/rss'], interval: '30m', hostDelay: 2, maxBytes: '1mb' }));
    const c = resolveConfig(readConfigFile(path), { suspect: ['https://buzz.example/feed'], interval: '1h' }, './unspun.db');
    assert.equal(c.db, 'a.db');
    assert.deepEqual([c.reference, c.suspect], [['https://wire.example/rss'], ['https://buzz.example/feed']]);
    assert.deepEqual([c.intervalMs, c.hostDelayMs, c.maxBytes, c.once], [3_600_000, 2000, 1024 * 1024, false]);
    writeFileSync(path, JSON.stringify({ suspects: ['https://x.example/feed'] }));
    assert.throws(() => readConfigFile(path), (e: unknown) => e instanceof UnspunError && /watch\.json: is malformed: .*suspects/.test(e.message));
    writeFileSync(path, '{"db": ');
    assert.throws(() => readConfigFile(path), /not valid JSON/);
    assert.throws(() => resolveConfig({}, {}, 'x.db'), /nothing to watch/);
    assert.throws(() => resolveConfig({}, { suspect: ['ftp://x.example/feed'] }, 'x.db'), /--suspect: invalid arguments: "ftp:\/\/x.example\/feed" is not an http\(s\) URL/);
    assert.throws(() => resolveConfig({}, { suspect: ['https://x.example/f'], interval: 'soon' }, 'x.db'), /--interval.*not a duration/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

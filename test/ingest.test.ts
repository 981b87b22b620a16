import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ingestFiles, ingestPaths, walkInputs, type IngestItem } from '../src/adapters/ingest/index.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import type { ReferenceArticle } from '../src/core/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-ingest-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// Original prose for fixtures.
const PARAS = [
  'The harbour authority in Port Elleth said on Tuesday that it would close the northern quay for six weeks while engineers replace timber piles found to be rotting during a routine inspection.',
  'Fishing boats that normally unload at the quay will move to the southern basin, where temporary cranes are being installed over the coming days by a contractor from the mainland.',
  'Local traders said they feared lost business during the summer season, but the authority said the repairs could not wait because the piles had lost almost a third of their strength.',
  'The work is expected to cost about 2.4 million pounds, paid from a regional fund set up after last winter’s storms damaged sea walls and slipways along the coast.',
];

function page(title: string, paras: string[], head = ''): string {
  return `<!doctype html><html><head>${head}<title>${title} | Elleth Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer>Copyright Elleth Gazette. All rights reserved.</footer></body></html>`;
}

async function collect(items: AsyncIterable<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}
const articles = (items: IngestItem[]): ReferenceArticle[] => items.flatMap((i) => (i.ok ? [i.article] : []));
const errors = (items: IngestItem[]) => items.flatMap((i) => (i.ok ? [] : [i.error]));

test('JSONL (plain and gzip) keeps ids and metadata, paragraphs and line order', async () => {
  const lines = [
    JSON.stringify({ id: 'a-1', outlet: 'Gazette', title: 'Quay to close', published: '2024-03-05', url: 'https://g.test/1', category: 'local', text: PARAS.slice(0, 2).join('\r\n\r\n') }),
    '',
    JSON.stringify({ id: 7, title: null, text: PARAS[2], author: 'A. Writer' }),
    JSON.stringify({ text: PARAS[3] }),
  ].join('\n');
  writeFileSync(join(dir, 'c.jsonl'), lines);
  writeFileSync(join(dir, 'c2.jsonl.gz'), gzipSync(lines + '\n'));
  for (const name of ['c.jsonl', 'c2.jsonl.gz']) {
    const items = await collect(ingestPaths([join(dir, name)]));
    assert.deepEqual(errors(items), []);
    const got = articles(items);
    assert.equal(got.length, 3);
    assert.deepEqual(got[0], {
      id: 'a-1', outlet: 'Gazette', title: 'Quay to close', byline: null, published: '2024-03-05', url: 'https://g.test/1',
      text: `${PARAS[0]}\n\n${PARAS[1]}`,
    });
    assert.equal(got[1].id, '7');
    assert.equal(got[1].byline, 'A. Writer');
    // No id: derived from the file name and the content hash, so stable across runs.
    assert.match(got[2].id, new RegExp(`^${name.replace(/\./g, '\\.')}#[0-9a-f]{16}$`));
    const again = articles(await collect(ingestPaths([join(dir, name)])));
    assert.equal(again[2].id, got[2].id);
  }
});

test('HTML, plain text and gzipped HTML go through the extract stage', async () => {
  writeFileSync(join(dir, 'quay.html'), page('Northern quay to close for six weeks', PARAS));
  writeFileSync(join(dir, 'quay2.html.gz'), gzipSync(page('Northern quay to close for six weeks', PARAS.slice(1))));
  writeFileSync(join(dir, 'note.txt'), `Quay closure\n\n${PARAS.join('\n\n')}\n`);
  const items = await collect(ingestPaths([join(dir, 'quay.html'), join(dir, 'quay2.html.gz'), join(dir, 'note.txt')]));
  assert.deepEqual(errors(items), []);
  const [html, gz, txt] = articles(items);
  assert.equal(html.title, 'Northern quay to close for six weeks');
  assert.ok(html.text.includes('timber piles'), html.text);
  assert.ok(!html.text.includes('All rights reserved'), 'page furniture should be cut');
  assert.match(html.id, /^quay\.html#[0-9a-f]{16}$/);
  assert.ok(gz.text.startsWith('Fishing boats'));
  assert.match(gz.id, /^quay2\.html\.gz#/);
  assert.ok(txt.text.includes('2.4 million pounds'));
});

test('an HTML page in a declared legacy charset is decoded with that charset', async () => {
  const html = page('Café owners welcome the repairs', [...PARAS, 'The owner of the Café Mar said the closure was “a small price” for a safer quay.'], '<meta charset="windows-1252">');
  writeFileSync(join(dir, 'latin.html'), Buffer.from(html.replace(/[“”]/g, '"'), 'latin1'));
  const items = await collect(ingestPaths([join(dir, 'latin.html')]));
  assert.deepEqual(errors(items), []);
  assert.ok(articles(items)[0].text.includes('Café Mar'));
});

test('WARC: 2xx HTML responses become articles, charset from the HTTP header; other records are skipped', async () => {
  const mk = async (url: string, status: string, type: string, body: Uint8Array, warcType: 'response' | 'request' = 'response') => {
    const rec = WARCRecord.create(
      { url, type: warcType, date: '2024-03-05T10:00:00Z', httpHeaders: { 'Content-Type': type }, statusline: warcType === 'request' ? 'GET / HTTP/1.1' : `HTTP/1.1 ${status}` },
      (async function* () { yield body; })(),
    );
    return WARCSerializer.serialize(rec, { gzip: true });
  };
  const enc = new TextEncoder();
  const parts = [
    await mk('https://gazette.test/quay', '200 OK', 'text/html; charset=utf-8', enc.encode(page('Quay to close', PARAS))),
    await mk('https://gazette.test/cafe', '200 OK', 'text/html; charset=ISO-8859-1', Buffer.from(page('Cafe news', [...PARAS.slice(0, 3), 'A new café opened on the quay.']), 'latin1')),
    await mk('https://gazette.test/missing', '404 Not Found', 'text/html', enc.encode(page('Not found', PARAS))),
    await mk('https://gazette.test/logo.png', '200 OK', 'image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])),
    await mk('https://gazette.test/quay', '', 'text/html', new Uint8Array(), 'request'),
  ];
  writeFileSync(join(dir, 'crawl.warc.gz'), Buffer.concat(parts));
  const items = await collect(ingestPaths([join(dir, 'crawl.warc.gz')]));
  assert.deepEqual(errors(items), []);
  const got = articles(items);
  assert.deepEqual(got.map((a) => a.url), ['https://gazette.test/quay', 'https://gazette.test/cafe']);
  assert.equal(got[0].outlet, 'gazette.test');
  assert.ok(got[1].text.includes('A new café opened'), got[1].text);
  assert.match(got[0].id, /^crawl\.warc\.gz#[0-9a-f]{16}$/);
});

test('RSS and Atom feeds: each item with content becomes an article with its link, title, author and date', async () => {
  const body = PARAS.map((p) => `<p>${p}</p>`).join('');
  writeFileSync(
    join(dir, 'feed.rss'),
    `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Elleth Gazette</title><link>https://g.test</link><description>Local news</description>
<item><title>Quay to close</title><link>https://g.test/quay</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><dc:creator>Ann Reed</dc:creator><description>Short summary.</description><content:encoded><![CDATA[${body}]]></content:encoded></item>
<item><title>No body</title><link>https://g.test/empty</link></item>
</channel></rss>`,
  );
  writeFileSync(
    join(dir, 'feed.atom'),
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette Atom</title><id>urn:g</id><updated>2024-03-05T00:00:00Z</updated>
<entry><title>Quay to close</title><id>urn:g:1</id><link rel="alternate" href="https://g.test/quay-atom"/><published>2024-03-05T10:00:00Z</published><updated>2024-03-05T10:00:00Z</updated><author><name>Bo Lind</name></author><content type="html">${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</content></entry></feed>`,
  );
  const rss = await collect(ingestPaths([join(dir, 'feed.rss')]));
  const [a] = articles(rss);
  assert.equal(articles(rss).length, 1);
  assert.deepEqual([a.title, a.url, a.byline, a.published, a.outlet], ['Quay to close', 'https://g.test/quay', 'Ann Reed', '2024-03-05T10:00:00.000Z', 'Elleth Gazette']);
  assert.ok(a.text.includes('timber piles'));
  const [noBody] = errors(rss);
  assert.equal(noBody.code, 'NO_ARTICLE');
  assert.match(noBody.message, /feed\.rss item 2/);

  const atom = articles(await collect(ingestPaths([join(dir, 'feed.atom')])));
  assert.deepEqual([atom[0].url, atom[0].byline, atom[0].outlet], ['https://g.test/quay-atom', 'Bo Lind', 'Gazette Atom']);
  assert.ok(atom[0].text.includes('southern basin'));
});

test('folders recurse in sorted order, ids are relative to the folder, unknown and hidden files are skipped', async () => {
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'b', 'c'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), PARAS.join('\n\n'));
  writeFileSync(join(root, 'b', 'c', 'd.html'), page('Deep page', PARAS));
  writeFileSync(join(root, 'b', 'notes.docx'), 'not ours');
  writeFileSync(join(root, '.hidden.txt'), PARAS[0]);
  symlinkSync(join(root, 'b'), join(root, 'loop')); // a second way into b: read once only
  const walk = await walkInputs([root]);
  assert.deepEqual(walk.files.map((f) => f.rel), ['a.txt', 'b/c/d.html']);
  assert.deepEqual(walk.skipped, [join(root, 'b', 'notes.docx')]);
  const got = articles(await collect(ingestFiles(walk.files)));
  assert.match(got[1].id, /^b\/c\/d\.html#[0-9a-f]{16}$/);
});

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'bbc-news-2004-2005.jsonl.gz');
const corpusSkip = !existsSync(CORPUS) && !process.env.CI ? 'needs ../shared/corpus (absent here)' : false;

test('real corpus: the first 150 BBC articles ingest cleanly and are searchable by their titles', { skip: corpusSkip }, async () => {
  assert.ok(existsSync(CORPUS), `missing ${CORPUS}`);
  const got: ReferenceArticle[] = [];
  for await (const item of ingestPaths([CORPUS])) {
    assert.ok(item.ok, item.ok ? '' : item.error.message);
    got.push(item.article);
    if (got.length === 150) break;
  }
  assert.ok(got.every((a) => a.id.startsWith('bbc-') && a.text.length >= 300 && a.title));
  const store = await openSqliteStore(join(dir, 'bbc.db'));
  try {
    assert.equal((await store.put(got.map(prepareIndexRecord))).added, 150);
    for (const a of got.slice(0, 20)) {
      const words = a.title!.split(/\s+/);
      const hits = await store.searchText(words, 5);
      assert.ok(hits.some((h) => h.id === a.id), `title search for ${a.id} "${a.title}"`);
      const fp = await store.searchFingerprint(prepareIndexRecord(a).bands, 1);
      assert.equal(fp[0]?.id, a.id);
    }
  } finally {
    await store.close();
  }
});

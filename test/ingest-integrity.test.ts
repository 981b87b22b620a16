/**
 * Ingestion never loses or mixes data silently: damaged WARC records are reported with their
 * number and byte offset (and the run exits 65), JSON arrays are read as arrays, an id repeated
 * with other text is reported and the first kept, and wide encodings are read as text.
 * Every input is made for real in a temp folder and read through `unspun index`'s own code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ingestPaths, type IngestItem } from '../src/adapters/ingest/index.ts';
import { runIndex } from '../src/adapters/cli/index-command.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import type { ReferenceArticle } from '../src/core/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-integrity-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const sub = (name: string) => {
  const d = join(dir, `${++seq}-${name}`);
  mkdirSync(d);
  return d;
};

// Invented wire-style paragraphs; each page differs in its town and figures.
function paragraphs(town: string, n: number): string[] {
  return [
    `Flood defences in ${town} held overnight after the river rose ${n + 2} feet above its normal level, the regional water authority said on Tuesday.`,
    `About ${n * 30 + 120} homes near the old mill were told to prepare sandbags, and the ${town} road bridge was closed to traffic until further notice.`,
    `Engineers said the barrier, finished ${n + 4} years ago at a cost of ${n + 11} million pounds, had been built for exactly this kind of surge.`,
  ];
}
const page = (town: string, n: number) =>
  `<!doctype html><html><head><title>${town} flood defences hold</title></head><body><article><h1>${town} flood defences hold</h1>${paragraphs(town, n).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

async function warcRecord(town: string, n: number): Promise<Buffer> {
  const rec = WARCRecord.create(
    { url: `https://river.test/${town.toLowerCase()}`, type: 'response', date: '2024-03-05T10:00:00Z', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' }, statusline: 'HTTP/1.1 200 OK' },
    (async function* () {
      yield new TextEncoder().encode(page(town, n));
    })(),
  );
  return Buffer.from(await WARCSerializer.serialize(rec));
}

async function collect(path: string): Promise<{ articles: ReferenceArticle[]; errors: string[]; codes: string[] }> {
  const articles: ReferenceArticle[] = [];
  const errors: string[] = [];
  const codes: string[] = [];
  for await (const item of ingestPaths([path]) as AsyncIterable<IngestItem>) {
    if (item.ok) articles.push(item.article);
    else {
      errors.push(item.error.message);
      codes.push(item.error.code);
    }
  }
  return { articles, errors, codes };
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

test('an uncompressed WARC cut in half: the whole records are read, the cut one is INPUT_TRUNCATED with its offset, exit 65', async () => {
  const d = sub('warc-cut');
  const recs = await Promise.all(['Aldmere', 'Brisk', 'Coldwater'].map((t, i) => warcRecord(t, i)));
  const whole = Buffer.concat(recs);
  const cutAt = recs[0].length + recs[1].length + Math.floor(recs[2].length / 2);
  writeFileSync(join(d, 'cut.warc'), whole.subarray(0, cutAt));
  const r = await collect(join(d, 'cut.warc'));
  assert.deepEqual(r.articles.map((a) => a.url), ['https://river.test/aldmere', 'https://river.test/brisk']);
  assert.deepEqual(r.codes, ['INPUT_TRUNCATED']);
  const offset = (recs[0].length + recs[1].length).toLocaleString('en-US');
  assert.match(r.errors[0], new RegExp(`cut\\.warc record 3 \\(at byte ${offset}\\): is truncated or corrupt: Content-Length says [\\d,]+ bytes but the file ends after [\\d,]+$`));
  const s = await runIndex({ paths: [join(d, 'cut.warc')], db: join(d, 'x.db'), stderr: new Sink(), stdout: new Sink() });
  assert.equal(s.exitCode, 65);
  assert.equal(s.added, 2);
});

test('an inflated Content-Length that swallows the next record is reported, and the swallowed record is still read on its own', async () => {
  const d = sub('warc-inflated');
  const recs = await Promise.all(['Aldmere', 'Brisk', 'Coldwater'].map((t, i) => warcRecord(t, i)));
  // Record 1 claims its own block plus the whole of record 2.
  const first = recs[0].toString('latin1');
  const declared = Number(/Content-Length: (\d+)/.exec(first)![1]);
  const inflated = Buffer.from(first.replace(`Content-Length: ${declared}`, `Content-Length: ${declared + 4 + recs[1].length - 4}`), 'latin1');
  writeFileSync(join(d, 'inflated.warc'), Buffer.concat([inflated, recs[1], recs[2]]));
  const r = await collect(join(d, 'inflated.warc'));
  assert.deepEqual(r.codes, ['INPUT_MALFORMED']);
  assert.match(r.errors[0], /inflated\.warc record 1 \(at byte 0\): is malformed: its Content-Length \([\d,]+\) runs into the next record, which starts at byte [\d,]+/);
  assert.deepEqual(r.articles.map((a) => a.url), ['https://river.test/brisk', 'https://river.test/coldwater']);
  for (const a of r.articles) assert.ok(!a.text.includes('Aldmere'), 'no article holds another record\'s text');
});

test('a Content-Length too small is reported as not ending the record, and reading goes on', async () => {
  const d = sub('warc-short');
  const recs = await Promise.all(['Aldmere', 'Brisk'].map((t, i) => warcRecord(t, i)));
  const first = recs[0].toString('latin1');
  const declared = Number(/Content-Length: (\d+)/.exec(first)![1]);
  writeFileSync(join(d, 'short.warc'), Buffer.concat([Buffer.from(first.replace(`Content-Length: ${declared}`, `Content-Length: ${declared - 40}`), 'latin1'), recs[1]]));
  const r = await collect(join(d, 'short.warc'));
  assert.deepEqual(r.codes, ['INPUT_MALFORMED']);
  assert.match(r.errors[0], /short\.warc record 1 \(at byte 0\): is malformed: the record does not end where its Content-Length/);
  assert.deepEqual(r.articles.map((a) => a.url), ['https://river.test/brisk']);
});

test('a .json array of articles is read as articles, each bad element named file[i]; a pretty-printed object too', async () => {
  const d = sub('json');
  const arr = [0, 1, 2].map((i) => ({ id: `river-${i}`, outlet: 'River Post', title: `Flood ${i}`, text: paragraphs(`Town${i}`, i).join('\n\n') }));
  writeFileSync(join(d, 'list.json'), JSON.stringify([...arr, { id: 'bad', title: 'no text' }], null, 2));
  const r = await collect(join(d, 'list.json'));
  assert.deepEqual(r.articles.map((a) => a.id), ['river-0', 'river-1', 'river-2']);
  assert.equal(r.articles[1].text, arr[1].text);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0], /list\.json\[3\]: is malformed: missing "text"$/);
  writeFileSync(join(d, 'wrapped.json'), JSON.stringify({ articles: arr.slice(0, 2) }, null, 2));
  assert.deepEqual((await collect(join(d, 'wrapped.json'))).articles.map((a) => a.id), ['river-0', 'river-1']);
  // No extension, sniffed from the first bytes.
  writeFileSync(join(d, 'export'), JSON.stringify(arr, null, 2));
  assert.equal((await collect(join(d, 'export'))).articles.length, 3);
  // JSON Lines under a .json name.
  writeFileSync(join(d, 'lines.json'), arr.map((a) => JSON.stringify(a)).join('\n') + '\n');
  assert.equal((await collect(join(d, 'lines.json'))).articles.length, 3);
});

test('an id repeated in one run with other text is reported and the first article kept; an exact repeat is just unchanged', async () => {
  const d = sub('dup');
  const a = { id: 'river-1', text: paragraphs('Aldmere', 1).join('\n\n') };
  const b = { id: 'river-1', text: paragraphs('Brisk', 2).join('\n\n') };
  writeFileSync(join(d, 'dup.jsonl'), [a, a, b].map((x) => JSON.stringify(x)).join('\n') + '\n');
  const err = new Sink();
  const db = join(d, 'dup.db');
  const s = await runIndex({ paths: [join(d, 'dup.jsonl')], db, stderr: err, stdout: new Sink() });
  assert.equal(s.exitCode, 65);
  assert.equal(s.added, 1);
  assert.match(err.text, /dup\.jsonl:3: is malformed: duplicate id "river-1" with different text \(first at .*dup\.jsonl:1\); the first is kept/);
  const store = await openSqliteStore(db, { readonly: true });
  try {
    assert.ok((await store.get('river-1'))?.text.includes('Aldmere'));
  } finally {
    await store.close();
  }
});

test('UTF-16 and UTF-32 text, with or without a byte-order mark, is read as text; invalid UTF-8 names its byte offset', async () => {
  const d = sub('wide');
  const text = `Flood defences hold\n\n${paragraphs('Ærøskøbing', 3).join('\n\n')}\n`;
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const utf32 = (s: string, le: boolean) => {
    const cps = [...s].map((c) => c.codePointAt(0)!);
    const buf = Buffer.alloc(cps.length * 4);
    cps.forEach((cp, i) => (le ? buf.writeUInt32LE(cp, i * 4) : buf.writeUInt32BE(cp, i * 4)));
    return buf;
  };
  const files: Record<string, Buffer> = {
    'le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'le.txt': Buffer.from(text, 'utf16le'),
    'be-bom.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
    'be.txt': utf16be(text),
    'u32le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text, true)]),
    'u32be.txt': utf32(text, false),
    'utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  };
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(d, name), bytes);
    const r = await collect(join(d, name));
    assert.deepEqual(r.errors, [], name);
    assert.ok(r.articles[0].text.includes('Ærøskøbing'), `${name}: ${r.articles[0]?.text.slice(0, 80)}`);
  }
  const bad = Buffer.concat([Buffer.from('Flood defences hold in the valley '), Buffer.from([0xc3, 0x28]), Buffer.from(' tonight.')]);
  writeFileSync(join(d, 'bad.txt'), bad);
  assert.match((await collect(join(d, 'bad.txt'))).errors[0], /bad\.txt: is not valid UTF-8 text: invalid UTF-8 and no charset declared \(first at byte 34\)$/);
  // JSON Lines must be UTF-8: a UTF-16 one is refused in one clear line, not line by line.
  writeFileSync(join(d, 'wide.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ id: 'w', text }) + '\n', 'utf16le')]));
  const w = await collect(join(d, 'wide.jsonl'));
  assert.equal(w.errors.length, 1);
  assert.match(w.errors[0], /wide\.jsonl: is not valid UTF-8 text: JSON Lines must be UTF-8, and this file is UTF-16LE/);
});

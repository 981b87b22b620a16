import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { UnspunError } from '../src/core/errors.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { runStoreContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-store-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `store-${++n}.db`);

runStoreContract('sqlite', (o) => openSqliteStore(fresh(), o));

const isCode = (code: string, path: string) => (err: unknown) =>
  err instanceof UnspunError && err.code === code && err.message.includes(path);

test('opening a folder, a non-SQLite file or a missing read-only store fails with STORE_OPEN_FAILED', async () => {
  const folder = join(dir, 'a-folder.db');
  mkdirSync(folder);
  await assert.rejects(openSqliteStore(folder), isCode('STORE_OPEN_FAILED', folder));
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'this is plainly not a database file, just some text that is long enough'.repeat(20));
  await assert.rejects(openSqliteStore(junk), isCode('STORE_OPEN_FAILED', junk));
  const missing = join(dir, 'missing.db');
  await assert.rejects(openSqliteStore(missing, { readonly: true }), isCode('STORE_OPEN_FAILED', missing));
  const noParent = join(dir, 'no', 'such', 'dir.db');
  await assert.rejects(openSqliteStore(noParent), isCode('STORE_OPEN_FAILED', noParent));
});

test('unknown schema versions and foreign SQLite files are refused with STORE_SCHEMA', async () => {
  const p = fresh();
  (await openSqliteStore(p)).close();
  const raw = new Database(p);
  raw.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
  raw.close();
  await assert.rejects(openSqliteStore(p), isCode('STORE_SCHEMA', p));

  const foreign = fresh();
  const other = new Database(foreign);
  other.exec('CREATE TABLE customers (name TEXT)');
  other.close();
  await assert.rejects(openSqliteStore(foreign), isCode('STORE_SCHEMA', foreign));
});

test('data survives reopening, in WAL mode, and read-only stores refuse writes', async () => {
  const p = fresh();
  const s = await openSqliteStore(p);
  assert.equal(s.database.pragma('journal_mode', { simple: true }), 'wal');
  const rec = prepareIndexRecord({ id: 'x', outlet: null, title: 'T', byline: null, published: null, url: null, text: 'Some words about a quay.' });
  await s.put([rec]);
  s.setMeta('reports_schema_version', '3');
  await s.close();
  const r = await openSqliteStore(p, { readonly: true });
  assert.equal(await r.count(), 1);
  assert.equal(r.getMeta('reports_schema_version'), '3');
  assert.equal((await r.documentFrequency(['quays'])).get('quays'), 1, 'counts read from a read-only store');
  await assert.rejects(r.put([rec]), (e: unknown) => e instanceof UnspunError && e.code === 'STORE_WRITE_FAILED');
  await r.close();
});

test('counts and document frequencies are kept by put: no statement scans the articles on the read path', async () => {
  const p = fresh();
  const w = await openSqliteStore(p);
  const mk = (id: string, text: string) =>
    prepareIndexRecord({ id, outlet: null, title: null, byline: null, published: null, url: null, text });
  await w.put([mk('a', 'Ferries sailed late. The ferry crews were tired.'), mk('b', 'A ferry sank near the 120,000-tonne tanker in the U.K. port.')]);
  await w.put([mk('c', 'No ferries today.')]);
  await w.close();
  const r = await openSqliteStore(p, { readonly: true });
  const words = ['ferries', 'crews', 'tanker', '120,000', 'UK', 'absent'];
  assert.deepEqual([...(await r.documentFrequency(words)).values()], [3, 1, 1, 1, 1, 0]);
  assert.equal(await r.count(), 3);
  // The plans of the read-path statements: point lookups and index ranges, never a full scan.
  const plans = [
    ["SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'article_count'", []],
    ['SELECT term, df FROM term_stats WHERE term IN (SELECT value FROM json_each(?))', ['[1,2]']],
    ['SELECT article FROM postings WHERE term = ? AND day BETWEEN ? AND ?', [1, 0, 9]],
  ] as const;
  for (const [sql, args] of plans) {
    const detail = (r.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((x) => x.detail).join('; ');
    assert.ok(!/^SCAN (meta|term_stats|postings|articles)\b/m.test(detail.replace(/; /g, '\n')), `${sql}: ${detail}`);
  }
  await r.close();
});

test('a schema-1 store is upgraded in place when opened for writing, and refused read-only until then', async () => {
  const p = fresh();
  const raw = new Database(p);
  // The schema-1 tables as unspun 0.1 made them (the parts the upgrade reads).
  raw.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, outlet TEXT, title TEXT, byline TEXT,
      published TEXT, url TEXT, text TEXT NOT NULL, content_hash TEXT NOT NULL);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2');
    CREATE TABLE bands (key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)) WITHOUT ROWID;
    CREATE TABLE term_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('schema_version', '1'), ('fingerprint_version', '1');
    INSERT INTO articles (id, title, text, content_hash) VALUES ('a', 'Quay closes', 'The northern quay will close for repairs.', 'h1'),
      ('b', NULL, 'Repairs to the quay were delayed.', 'h2');`);
  // More articles than one upgrade step reads, so the term index is written between reads.
  const filler = raw.prepare("INSERT INTO articles (id, title, text, content_hash) VALUES (?, NULL, ?, ?)");
  raw.transaction(() => {
    for (let i = 0; i < 6000; i++) filler.run(`f${i}`, `Ferry timetable number ${i} was posted at the harbour office.`, `f${i}`);
  })();
  raw.exec('INSERT INTO articles_fts (rowid, title, text) SELECT pk, title, text FROM articles;');
  raw.close();
  await assert.rejects(openSqliteStore(p, { readonly: true }), (e: unknown) => e instanceof UnspunError && e.code === 'STORE_SCHEMA' && /upgrade/.test(e.message));
  const w = await openSqliteStore(p);
  assert.equal(w.getMeta('schema_version'), '2');
  assert.equal(await w.count(), 6002);
  assert.equal((await w.documentFrequency(['quay'])).get('quay'), 2);
  assert.equal((await w.documentFrequency(['harbour'])).get('harbour'), 6000, 'articles of every upgrade step are counted');
  assert.deepEqual((await w.searchTerms([{ word: 'northern', weight: 1 }], { limit: 5 })).map((h) => h.id), ['a']);
  await w.close();
});

test('a file that so far holds only the reports table becomes a corpus store', async () => {
  const p = fresh();
  const raw = new Database(p);
  raw.exec('CREATE TABLE reports (id TEXT PRIMARY KEY, json TEXT)');
  raw.close();
  const s = await openSqliteStore(p);
  assert.equal(await s.count(), 0);
  assert.equal(s.getMeta('schema_version'), '2');
  await s.close();
});

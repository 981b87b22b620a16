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

runStoreContract('sqlite', () => openSqliteStore(fresh()));

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
  assert.equal((await r.documentFrequency(['quays'])).get('quays'), 1, 'temp probe table works read-only');
  await assert.rejects(r.put([rec]), (e: unknown) => e instanceof UnspunError && e.code === 'STORE_WRITE_FAILED');
  await r.close();
});

test('document frequencies are materialised after writes; a read-only store with stale statistics counts the same', async () => {
  const p = fresh();
  const w = await openSqliteStore(p);
  const mk = (id: string, text: string) =>
    prepareIndexRecord({ id, outlet: null, title: null, byline: null, published: null, url: null, text });
  await w.put([mk('a', 'Ferries sailed late. The ferry crews were tired.'), mk('b', 'A ferry sank near the 120,000-tonne tanker in the U.S. port.')]);
  await w.close();
  const words = ['ferries', 'crews', 'tanker', '120,000', 'U.S.', 'absent'];
  const stale = await openSqliteStore(p, { readonly: true });
  const before = await stale.documentFrequency(words);
  await stale.close();
  assert.deepEqual([...before.values()], [2, 1, 1, 1, 1, 0]);
  const w2 = await openSqliteStore(p);
  assert.equal(await w2.refreshStats(), true);
  assert.equal(await w2.refreshStats(), false, 'nothing changed since');
  await w2.put([mk('c', 'No ferries today.')]);
  assert.equal((await w2.documentFrequency(['ferry'])).get('ferry'), 3, 'a writable store refreshes lazily');
  await w2.close();
  const fresh2 = await openSqliteStore(p, { readonly: true });
  assert.equal(fresh2.database.prepare('SELECT n FROM term_df WHERE term = ?').pluck().get('ferri'), 3);
  assert.deepEqual([...(await fresh2.documentFrequency(words)).values()], [3, 1, 1, 1, 1, 0]);
  await fresh2.close();
});

test('a file that so far holds only the reports table becomes a corpus store', async () => {
  const p = fresh();
  const raw = new Database(p);
  raw.exec('CREATE TABLE reports (id TEXT PRIMARY KEY, json TEXT)');
  raw.close();
  const s = await openSqliteStore(p);
  assert.equal(await s.count(), 0);
  assert.equal(s.getMeta('schema_version'), '1');
  await s.close();
});

/**
 * One contract suite for both ReportStore implementations (in-memory and the SQLite
 * `reports` table), plus what only SQLite promises: reports survive reopening the file.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Report } from '../src/core/types.ts';
import { createMemoryReportStore, decodeCursor, encodeCursor, type ReportStore, type RetentionPolicy } from '../src/adapters/http/report-store.ts';
import { openSqliteReportStore } from '../src/adapters/store-sqlite/reports.ts';
import { openPostgresStore } from '../src/adapters/store-postgres/index.ts';
import { openPostgresReportStore } from '../src/adapters/store-postgres/reports.ts';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';

function fakeReport(title: string, found: boolean, url: string | null = null): Report {
  return {
    schemaVersion: '1.0.0',
    generator: { name: 'unspun', version: 'test' },
    suspect: { name: 'test', title, byline: null, published: null, url, text: 'One sentence.', removed: [], sentences: [{ index: 0, text: 'One sentence.', start: 0, end: 13, paragraph: 0 }] },
    corpus: { searched: true, size: 3 },
    verdict: { found, reason: found ? 'found' : 'none' },
    sources: found
      ? [{ id: 's1', outlet: 'Wire', title: `Source of ${title}`, url: null, published: null, confidence: 0.9, why: 'test', signals: { bm25Rank: 1, shingleJaccard: 0.5, sentenceCoverage: 1, sharedRare: [] }, text: 'One sentence.', sentences: [] }]
      : [],
    alignment: [],
    changes: [],
    summary: { reusedShare: found ? 1 : 0, counts: {}, suspectSentences: 1, serious: found ? 2 : 0 },
  };
}

type Made = { store: ReportStore; cleanup: () => void | Promise<void> };
const pgSkip = pgSkipReason();
after(dropMadeSchemas);
const implementations: [string, () => Promise<Made>, string | false][] = [
  ['memory', async () => ({ store: createMemoryReportStore(), cleanup: () => {} }), false],
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'unspun-reports-'));
      return { store: openSqliteReportStore(join(dir, 'r.db')), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
    false,
  ],
  [
    'postgres',
    async () => {
      const corpus = await openPostgresStore(freshSchemaUrl('r'));
      return { store: await openPostgresReportStore(corpus), cleanup: () => corpus.close() };
    },
    pgSkip,
  ],
];

for (const [name, make, skipReason] of implementations) {
  describe(`ReportStore contract: ${name}`, { skip: skipReason }, () => {
    test('save, get, count; unknown ids are null', async () => {
      const { store, cleanup } = await make();
      try {
        const saved = await store.save(fakeReport('First', true));
        assert.match(saved.id, /^[a-z2-7]{16}$/);
        assert.ok(!Number.isNaN(Date.parse(saved.createdAt)));
        const got = await store.get(saved.id);
        assert.deepEqual(got?.report, fakeReport('First', true));
        assert.equal(got?.createdAt, saved.createdAt);
        assert.equal(await store.get('aaaaaaaaaaaaaaaa'), null);
        assert.equal(await store.count(), 1);
      } finally {
        await store.close();
        await cleanup();
      }
    });

    test('list pages newest first, summaries carry title, verdict and counts', async () => {
      const { store, cleanup } = await make();
      try {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await store.save(fakeReport(`Report ${i}`, i % 2 === 0))).id);
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let guard = 0; guard < 10; guard++) {
          const page = await store.list({ limit: 2, cursor });
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        assert.deepEqual(seen, [...ids].reverse());
        const first = (await store.list({ limit: 1 })).items[0];
        assert.deepEqual({ ...first, createdAt: 'x' }, { id: ids[4], createdAt: 'x', title: 'Report 4', found: true, reusedShare: 1, serious: 2, sourceTitle: 'Source of Report 4', site: null, url: null });
        const exact = await store.list({ limit: 5 });
        assert.equal(exact.items.length, 5);
        assert.equal(exact.nextCursor, null, 'no next page when the last page is exactly full');
      } finally {
        await store.close();
        await cleanup();
      }
    });

    test('the same article traced the same way is stored once; a changed corpus makes a new report', async () => {
      const { store, cleanup } = await make();
      try {
        const a = await store.save(fakeReport('Twice', true));
        const b = await store.save(fakeReport('Twice', true));
        assert.equal(a.duplicate, false);
        assert.equal(b.duplicate, true);
        assert.equal(b.id, a.id);
        assert.equal(await store.count(), 1);
        const grown = fakeReport('Twice', true);
        grown.corpus.size = 4;
        assert.equal((await store.save(grown)).duplicate, false);
        assert.equal((await store.save(fakeReport('Twice', true, 'https://copies.example/twice'))).duplicate, false, 'another address is another page');
        assert.equal(await store.count(), 3);
      } finally {
        await store.close();
        await cleanup();
      }
    });

    test('search by words of the title, address or source title; filter by site; delete', async () => {
      const { store, cleanup } = await make();
      try {
        const ferry = await store.save(fakeReport('Ferry resumes after gales', true, 'https://www.buzz.example/news/ferry'));
        await store.save(fakeReport('Bridge opens', true, 'https://mirror.example/bridge'));
        await store.save(fakeReport('100% sure_thing', false));
        const titles = async (q: string, site?: string) => (await store.list({ limit: 10, q, site })).items.map((i) => i.title);
        assert.deepEqual(await titles('ferry GALES'), ['Ferry resumes after gales']);
        assert.deepEqual(await titles('buzz.example'), ['Ferry resumes after gales'], 'the address is searched');
        assert.deepEqual(await titles('source of bridge'), ['Bridge opens'], 'the source title is searched');
        assert.deepEqual(await titles('100%'), ['100% sure_thing'], '% and _ are literal');
        assert.deepEqual(await titles('_'), ['100% sure_thing']);
        assert.deepEqual(await titles('', 'buzz.example'), ['Ferry resumes after gales'], 'site is the host without www.');
        const first = (await store.list({ limit: 1, q: 'ferry' })).items[0];
        assert.equal(first.site, 'buzz.example');
        assert.equal(first.url, 'https://www.buzz.example/news/ferry');
        assert.equal(await store.delete(ferry.id), true);
        assert.equal(await store.delete(ferry.id), false);
        assert.equal(await store.get(ferry.id), null);
        assert.deepEqual(await titles('ferry'), []);
        assert.deepEqual((await store.tracedArticles()).map((a) => a.site), ['mirror.example']);
      } finally {
        await store.close();
        await cleanup();
      }
    });
  });
}

describe('retention', () => {
  const stores: [string, (r: RetentionPolicy) => { store: ReportStore; cleanup: () => void }][] = [
    ['memory', (r) => ({ store: createMemoryReportStore(r), cleanup: () => {} })],
    [
      'sqlite',
      (r) => {
        const dir = mkdtempSync(join(tmpdir(), 'unspun-reports-'));
        return { store: openSqliteReportStore(join(dir, 'r.db'), r), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
      },
    ],
  ];
  for (const [name, make] of stores) {
    test(`${name}: keeps at most maxReports (the newest), and drops reports older than maxAgeDays`, async () => {
      const capped = make({ maxReports: 3, maxAgeDays: null });
      try {
        for (let i = 0; i < 5; i++) await capped.store.save(fakeReport(`R${i}`, false));
        assert.equal(await capped.store.count(), 3);
        assert.deepEqual((await capped.store.list({ limit: 10 })).items.map((i) => i.title), ['R4', 'R3', 'R2']);
      } finally {
        await capped.store.close();
        capped.cleanup();
      }
      const aged = make({ maxReports: null, maxAgeDays: 30 });
      try {
        await aged.store.save(fakeReport('old', false));
        assert.equal(await aged.store.prune(Date.now() + 29 * 86_400_000), 0);
        assert.equal(await aged.store.prune(Date.now() + 31 * 86_400_000), 1);
        assert.equal(await aged.store.count(), 0);
      } finally {
        await aged.store.close();
        aged.cleanup();
      }
    });
  }
});

describe('SQLite reports table', () => {
  test('a table made by the first build gains the history columns, filled from its JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unspun-reports-'));
    try {
      const db = new Database(join(dir, 'old.db'));
      db.exec('CREATE TABLE reports (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, title TEXT, json TEXT NOT NULL)');
      const old = fakeReport('From before', true, 'https://old.example/a');
      db.prepare('INSERT INTO reports VALUES (?, ?, ?, ?)').run('abcdefghijklmnop', '2026-01-01T00:00:00.000Z', old.suspect.title, JSON.stringify(old));
      db.prepare('INSERT INTO reports VALUES (?, ?, ?, ?)').run('bcdefghijklmnopq', '2026-01-01T00:00:01.000Z', 'broken', '{not json');
      const store = openSqliteReportStore(db);
      const traced = await store.tracedArticles('old.example');
      assert.equal(traced.length, 1);
      assert.equal(traced[0].source?.outlet, 'Wire');
      assert.equal((await store.save(old)).duplicate, true, 'the old row is found by its new dedupe key');
      assert.equal(await store.count(), 2, 'an unreadable row is kept, not lost');
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('is created idempotently beside other tables, and reports survive reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unspun-reports-'));
    try {
      const path = join(dir, 'shared.db');
      const db = new Database(path);
      db.exec('CREATE TABLE corpus_stub (id TEXT)');
      const a = openSqliteReportStore(db);
      const saved = await a.save(fakeReport('Kept', false));
      const again = openSqliteReportStore(db); // second open of the same connection: no error
      assert.equal(await again.count(), 1);
      await a.close(); // does not close a connection it did not open
      assert.ok(db.open);
      db.close();
      const reopened = openSqliteReportStore(path);
      assert.equal((await reopened.get(saved.id))?.report.suspect.title, 'Kept');
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cursors round-trip and foreign ones are refused', () => {
    const c = encodeCursor('2026-01-02T03:04:05.006Z', 'abcdefghijklmnop');
    assert.deepEqual(decodeCursor(c), { createdAt: '2026-01-02T03:04:05.006Z', id: 'abcdefghijklmnop' });
    assert.equal(decodeCursor('bm90IGEgY3Vyc29y'), null);
    assert.equal(decodeCursor(Buffer.from('yesterday|abcdefghijklmnop').toString('base64url')), null);
  });
});

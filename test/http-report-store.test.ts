/**
 * One contract suite for both ReportStore implementations (in-memory and the SQLite
 * `reports` table), plus what only SQLite promises: reports survive reopening the file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Report } from '../src/core/types.ts';
import { createMemoryReportStore, decodeCursor, encodeCursor, type ReportStore } from '../src/adapters/http/report-store.ts';
import { openSqliteReportStore } from '../src/adapters/store-sqlite/reports.ts';

function fakeReport(title: string, found: boolean): Report {
  return {
    schemaVersion: '1.0.0',
    generator: { name: 'unspun', version: 'test' },
    suspect: { name: 'test', title, byline: null, published: null, url: null, text: 'One sentence.', removed: [], sentences: [{ index: 0, text: 'One sentence.', start: 0, end: 13, paragraph: 0 }] },
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

const implementations: [string, () => { store: ReportStore; cleanup: () => void }][] = [
  ['memory', () => ({ store: createMemoryReportStore(), cleanup: () => {} })],
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'unspun-reports-'));
      return { store: openSqliteReportStore(join(dir, 'r.db')), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

for (const [name, make] of implementations) {
  describe(`ReportStore contract: ${name}`, () => {
    test('save, get, count; unknown ids are null', async () => {
      const { store, cleanup } = make();
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
        cleanup();
      }
    });

    test('list pages newest first, summaries carry title, verdict and counts', async () => {
      const { store, cleanup } = make();
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
        assert.deepEqual({ ...first, createdAt: 'x' }, { id: ids[4], createdAt: 'x', title: 'Report 4', found: true, reusedShare: 1, serious: 2, sourceTitle: 'Source of Report 4' });
        const exact = await store.list({ limit: 5 });
        assert.equal(exact.items.length, 5);
        assert.equal(exact.nextCursor, null, 'no next page when the last page is exactly full');
      } finally {
        await store.close();
        cleanup();
      }
    });
  });
}

describe('SQLite reports table', () => {
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

/**
 * @module adapters/store-sqlite/reports
 * Reports made by `unspun serve`, kept in a `reports` table of the same SQLite file as the
 * corpus, so a permalink survives a restart. The table is created idempotently and is
 * independent of the corpus schema (its own `IF NOT EXISTS`, no foreign keys).
 */
import Database from 'better-sqlite3';
import type { Report } from '../../core/types.ts';
import { UnspunError } from '../../core/errors.ts';
import {
  decodeCursor,
  encodeCursor,
  monotonicClock,
  newReportId,
  type ReportStore,
  type ReportSummary,
} from '../http/report-store.ts';

type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  title TEXT,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_created ON reports (created_at DESC, id DESC);
`;

interface SummaryRow {
  id: string;
  created_at: string;
  title: string | null;
  found: number | null;
  reused: number | null;
  serious: number | null;
  source_title: string | null;
}

// Summaries come straight from the stored JSON (SQLite's JSON1), so listing never parses whole reports.
const SUMMARY_COLUMNS = `id, created_at, title,
  json_extract(json, '$.verdict.found') AS found,
  json_extract(json, '$.summary.reusedShare') AS reused,
  json_extract(json, '$.summary.serious') AS serious,
  json_extract(json, '$.sources[0].title') AS source_title`;

function toSummary(row: SummaryRow): ReportSummary {
  return {
    id: row.id,
    createdAt: row.created_at,
    title: row.title,
    found: Boolean(row.found),
    reusedShare: row.reused ?? 0,
    serious: row.serious ?? 0,
    sourceTitle: row.source_title,
  };
}

/**
 * Opens the report table in an existing better-sqlite3 connection (the corpus store's, when it
 * shares one) or in a file of its own. Only closes the connection if it opened it.
 */
export function openSqliteReportStore(dbOrPath: Db | string): ReportStore {
  const owned = typeof dbOrPath === 'string';
  let db: Db;
  try {
    db = owned ? new Database(dbOrPath) : dbOrPath;
    if (owned) {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
    }
    db.exec(SCHEMA);
  } catch (err) {
    throw new UnspunError('STORE_OPEN_FAILED', owned ? dbOrPath : null, (err as Error).message, { cause: err });
  }
  const clock = monotonicClock();
  const insert = db.prepare('INSERT INTO reports (id, created_at, title, json) VALUES (?, ?, ?, ?)');
  const selectOne = db.prepare<[string], { id: string; created_at: string; json: string }>(
    'SELECT id, created_at, json FROM reports WHERE id = ?',
  );
  const firstPage = db.prepare<[number], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM reports ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const nextPage = db.prepare<[string, string, string, number], SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM reports
     WHERE created_at < ? OR (created_at = ? AND id < ?)
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM reports');

  return {
    async save(report: Report) {
      const id = newReportId();
      const createdAt = clock();
      try {
        insert.run(id, createdAt, report.suspect.title, JSON.stringify(report));
      } catch (err) {
        throw new UnspunError('STORE_WRITE_FAILED', 'reports', (err as Error).message, { cause: err });
      }
      return { id, createdAt, report };
    },
    async get(id: string) {
      const row = selectOne.get(id);
      if (!row) return null;
      return { id: row.id, createdAt: row.created_at, report: JSON.parse(row.json) as Report };
    },
    async list({ limit, cursor }) {
      const after = cursor ? decodeCursor(cursor) : null;
      // One extra row tells whether another page exists.
      const rows = after ? nextPage.all(after.createdAt, after.createdAt, after.id, limit + 1) : firstPage.all(limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toSummary),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },
    async count() {
      return countAll.get()?.n ?? 0;
    },
    async close() {
      if (owned && db.open) db.close();
    },
  };
}

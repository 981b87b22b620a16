/**
 * @module adapters/store-sqlite/reports
 * The report history (`unspun serve` traces and `unspun watch` traces), kept in a `reports`
 * table of the same SQLite file as the corpus, so a permalink survives a restart. Beside each
 * report's JSON it keeps the light columns that listing, searching, deduplicating and the
 * sites view read (core/sites TracedArticle), so none of them parses a report. The table is
 * created idempotently and is independent of the corpus schema (no foreign keys); a table made
 * by an older build gains the columns, filled from its stored JSON, on first open.
 */
import Database from 'better-sqlite3';
import type { Report } from '../../core/types.ts';
import { UnspunError } from '../../core/errors.ts';
import { reportDedupeKey } from '../../core/report/history.ts';
import {
  REPORT_LIST_COLUMNS as LIST_COLUMNS,
  REPORT_TRACED_COLUMNS,
  reportColumns,
  summaryFromRow as toSummary,
  tracedFromRow as toTraced,
  type ReportSummaryRow as SummaryRow,
  type TracedReportRow as TracedRow,
} from '../sql-rows/reports.ts';
import {
  DEFAULT_RETENTION,
  decodeCursor,
  encodeCursor,
  monotonicClock,
  newReportId,
  searchWords,
  type RetentionPolicy,
  type ReportStore,
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

/** Columns added in history version 2, with their SQL types. */
const SUMMARY_COLUMNS_V2: [string, string][] = [
  ['dedupe_key', 'TEXT'],
  ['site', 'TEXT'],
  ['url', 'TEXT'],
  ['published', 'TEXT'],
  ['found', 'INTEGER'],
  ['reused', 'REAL'],
  ['serious', 'INTEGER'],
  ['source_id', 'TEXT'],
  ['source_outlet', 'TEXT'],
  ['source_title', 'TEXT'],
  ['source_url', 'TEXT'],
  ['serious_kinds', 'TEXT'],
];

/** The light columns of one report, as bound parameters (SQLite binds no booleans). */
function columnsOf(id: string, createdAt: string, report: Report) {
  const c = reportColumns(id, createdAt, report);
  return { ...c, found: c.found ? 1 : 0 };
}

/** Adds the version-2 columns to a table made by an older build and fills them from the JSON. */
function migrate(db: Db): void {
  const have = new Set((db.prepare('PRAGMA table_info(reports)').all() as { name: string }[]).map((c) => c.name));
  const missing = SUMMARY_COLUMNS_V2.filter(([name]) => !have.has(name));
  if (missing.length > 0) {
    db.transaction(() => {
      for (const [name, type] of missing) db.exec(`ALTER TABLE reports ADD COLUMN ${name} ${type}`);
    })();
  }
  db.exec(`CREATE INDEX IF NOT EXISTS reports_dedupe ON reports (dedupe_key);
           CREATE INDEX IF NOT EXISTS reports_site ON reports (site, created_at);`);
  const stale = db.prepare<[], { id: string; created_at: string; json: string }>('SELECT id, created_at, json FROM reports WHERE dedupe_key IS NULL LIMIT 500');
  const fill = db.prepare(
    `UPDATE reports SET dedupe_key = @dedupe_key, site = @site, url = @url, published = @published, found = @found, reused = @reused,
       serious = @serious, source_id = @source_id, source_outlet = @source_outlet, source_title = @source_title,
       source_url = @source_url, serious_kinds = @serious_kinds WHERE id = @id`,
  );
  for (;;) {
    const rows = stale.all();
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const r of rows) {
        let report: Report;
        try {
          report = JSON.parse(r.json) as Report;
          const cols = columnsOf(r.id, r.created_at, report);
          fill.run(cols);
        } catch {
          // A row whose JSON cannot be read keeps a key of its own so it is not read again.
          db.prepare("UPDATE reports SET dedupe_key = 'unreadable:' || id WHERE id = ?").run(r.id);
        }
      }
    })();
  }
}

/**
 * Opens the report table in an existing better-sqlite3 connection (the corpus store's, when it
 * shares one) or in a file of its own. Only closes the connection if it opened it.
 */
export function openSqliteReportStore(dbOrPath: Db | string, retention: RetentionPolicy = DEFAULT_RETENTION): ReportStore {
  const owned = typeof dbOrPath === 'string';
  let db: Db;
  try {
    db = owned ? new Database(dbOrPath) : dbOrPath;
    if (owned) {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
    }
    db.exec(SCHEMA);
    migrate(db);
  } catch (err) {
    throw new UnspunError('STORE_OPEN_FAILED', owned ? dbOrPath : null, (err as Error).message, { cause: err });
  }
  const clock = monotonicClock();
  const insert = db.prepare(
    `INSERT INTO reports (id, created_at, title, json, dedupe_key, site, url, published, found, reused, serious, source_id,
       source_outlet, source_title, source_url, serious_kinds)
     VALUES (@id, @created_at, @title, @json, @dedupe_key, @site, @url, @published, @found, @reused, @serious, @source_id,
       @source_outlet, @source_title, @source_url, @serious_kinds)`,
  );
  const byKey = db.prepare<[string], { id: string; created_at: string; json: string }>(
    'SELECT id, created_at, json FROM reports WHERE dedupe_key = ? ORDER BY created_at LIMIT 1',
  );
  const selectOne = db.prepare<[string], { id: string; created_at: string; json: string }>(
    'SELECT id, created_at, json FROM reports WHERE id = ?',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM reports');
  const deleteOne = db.prepare('DELETE FROM reports WHERE id = ?');
  const deleteOlder = db.prepare('DELETE FROM reports WHERE created_at < ?');
  const deleteBeyond = db.prepare(
    'DELETE FROM reports WHERE id IN (SELECT id FROM reports ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)',
  );
  const tracedColumns = REPORT_TRACED_COLUMNS;
  const tracedAll = db.prepare<[], TracedRow>(`SELECT ${tracedColumns} FROM reports WHERE site IS NOT NULL ORDER BY created_at`);
  const tracedSite = db.prepare<[string], TracedRow>(`SELECT ${tracedColumns} FROM reports WHERE site = ? ORDER BY created_at`);

  const prune = (nowMs: number): number => {
    let deleted = 0;
    if (retention.maxAgeDays !== null) deleted += deleteOlder.run(new Date(nowMs - retention.maxAgeDays * 86_400_000).toISOString()).changes;
    if (retention.maxReports !== null) deleted += deleteBeyond.run(retention.maxReports).changes;
    return deleted;
  };

  return {
    async save(report: Report) {
      const key = reportDedupeKey(report);
      const twin = byKey.get(key);
      if (twin) return { id: twin.id, createdAt: twin.created_at, report: JSON.parse(twin.json) as Report, duplicate: true };
      const id = newReportId();
      const createdAt = clock();
      try {
        db.transaction(() => {
          insert.run({ ...columnsOf(id, createdAt, report), json: JSON.stringify(report) });
          prune(Date.now());
        })();
      } catch (err) {
        throw new UnspunError('STORE_WRITE_FAILED', 'reports', (err as Error).message, { cause: err });
      }
      return { id, createdAt, report, duplicate: false };
    },
    async get(id: string) {
      const row = selectOne.get(id);
      if (!row) return null;
      return { id: row.id, createdAt: row.created_at, report: JSON.parse(row.json) as Report };
    },
    async list({ limit, cursor, q, site }) {
      const after = cursor ? decodeCursor(cursor) : null;
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (after) {
        where.push('(created_at < ? OR (created_at = ? AND id < ?))');
        params.push(after.createdAt, after.createdAt, after.id);
      }
      if (site) {
        where.push('site = ?');
        params.push(site);
      }
      for (const w of searchWords(q)) {
        where.push(`lower(coalesce(title, '') || ' ' || coalesce(url, '') || ' ' || coalesce(source_title, '')) LIKE ? ESCAPE '\\'`);
        params.push(`%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      }
      // One extra row tells whether another page exists.
      const rows = db
        .prepare(`SELECT ${LIST_COLUMNS} FROM reports ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...params, limit + 1) as SummaryRow[];
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
    async delete(id: string) {
      try {
        return deleteOne.run(id).changes > 0;
      } catch (err) {
        throw new UnspunError('STORE_WRITE_FAILED', 'reports', (err as Error).message, { cause: err });
      }
    },
    async prune(nowMs = Date.now()) {
      try {
        return prune(nowMs);
      } catch (err) {
        throw new UnspunError('STORE_WRITE_FAILED', 'reports', (err as Error).message, { cause: err });
      }
    },
    async tracedArticles(site) {
      return (site ? tracedSite.all(site) : tracedAll.all()).map(toTraced);
    },
    async close() {
      if (owned && db.open) db.close();
    },
  };
}

/**
 * @module adapters/store-postgres/reports
 * The report history beside a PostgreSQL corpus store (same database and schema), for
 * `unspun serve`, `unspun watch` and queue workers on PostgreSQL. The same contract as the
 * SQLite table (adapters/store-sqlite/reports.ts): the light columns that listing, searching,
 * deduplicating and the sites view read are kept beside each report's JSON.
 */
import pg from 'pg';
import { UnspunError } from '../../core/errors.ts';
import { reportDedupeKey } from '../../core/report/history.ts';
import type { ReportStore, RetentionPolicy, StoredReport } from '../../core/report-store.ts';
import type { Report } from '../../core/types.ts';
import {
  REPORT_LIST_COLUMNS as LIST_COLUMNS,
  REPORT_TRACED_COLUMNS as TRACED_COLUMNS,
  reportColumns,
  summaryFromRow as toSummary,
  tracedFromRow as toTraced,
  type TracedReportRow,
} from '../sql-rows/reports.ts';
import { DEFAULT_RETENTION, decodeCursor, encodeCursor, monotonicClock, newReportId, searchWords } from '../http/report-store.ts';
import { redactUrl, type PostgresStore } from './index.ts';

const SCHEMA = (schema: string) => `
CREATE TABLE IF NOT EXISTS ${schema}.reports (
  id            text PRIMARY KEY,
  created_at    text NOT NULL,
  title         text,
  json          text NOT NULL,
  dedupe_key    text,
  site          text,
  url           text,
  published     text,
  found         boolean,
  reused        float8,
  serious       integer,
  source_id     text,
  source_outlet text,
  source_title  text,
  source_url    text,
  serious_kinds text
);
CREATE INDEX IF NOT EXISTS reports_created ON ${schema}.reports (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS reports_dedupe ON ${schema}.reports (dedupe_key);
CREATE INDEX IF NOT EXISTS reports_site ON ${schema}.reports (site, created_at);
`;

/** A row as read: the light columns, and the JSON when asked for. */
type Row = TracedReportRow & { json?: string };

/** Opens (creating if needed) the report history in the corpus store's database and schema. */
export async function openPostgresReportStore(store: PostgresStore, retention: RetentionPolicy = DEFAULT_RETENTION): Promise<ReportStore> {
  const pool: pg.Pool = store.connections;
  const t = `${store.schema}.reports`;
  const where = redactUrl(store.url);
  const run = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], code: 'STORE_WRITE_FAILED' | 'STORE_OPEN_FAILED' = 'STORE_OPEN_FAILED', client?: pg.PoolClient) => {
    try {
      return await (client ?? pool).query<R>(sql, params);
    } catch (err) {
      throw new UnspunError(code, where, `reports: ${(err as Error).message}`, { cause: err });
    }
  };
  await run(SCHEMA(store.schema));
  const clock = monotonicClock();
  const stored = (r: Row | undefined): StoredReport | null => (r ? { id: r.id, createdAt: r.created_at, report: JSON.parse(r.json!) as Report } : null);

  const prune = async (nowMs: number, client?: pg.PoolClient): Promise<number> => {
    let deleted = 0;
    if (retention.maxAgeDays !== null) {
      deleted += (await run(`DELETE FROM ${t} WHERE created_at < $1`, [new Date(nowMs - retention.maxAgeDays * 86_400_000).toISOString()], 'STORE_WRITE_FAILED', client)).rowCount ?? 0;
    }
    if (retention.maxReports !== null) {
      deleted +=
        (await run(`DELETE FROM ${t} WHERE id IN (SELECT id FROM ${t} ORDER BY created_at DESC, id DESC OFFSET $1)`, [retention.maxReports], 'STORE_WRITE_FAILED', client)).rowCount ?? 0;
    }
    return deleted;
  };

  return {
    async save(report: Report) {
      const key = reportDedupeKey(report);
      const client = await pool.connect().catch((err: Error) => {
        throw new UnspunError('STORE_OPEN_FAILED', where, err.message, { cause: err });
      });
      try {
        await run('BEGIN', [], 'STORE_WRITE_FAILED', client);
        // One saver per key at a time (two workers finishing the same trace): the second finds the first.
        await run('SELECT pg_advisory_xact_lock(hashtext($1))', [key], 'STORE_WRITE_FAILED', client);
        const twin = (await run<Row>(`SELECT id, created_at, json FROM ${t} WHERE dedupe_key = $1 ORDER BY created_at LIMIT 1`, [key], 'STORE_WRITE_FAILED', client)).rows[0];
        if (twin) {
          await run('COMMIT', [], 'STORE_WRITE_FAILED', client);
          return { ...stored(twin)!, duplicate: true };
        }
        const id = newReportId();
        const createdAt = clock();
        const c = reportColumns(id, createdAt, report);
        await run(
          `INSERT INTO ${t} (id, created_at, title, json, dedupe_key, site, url, published, found, reused, serious, source_id, source_outlet, source_title, source_url, serious_kinds)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [id, createdAt, c.title, JSON.stringify(report), c.dedupe_key, c.site, c.url, c.published, c.found, c.reused, c.serious,
            c.source_id, c.source_outlet, c.source_title, c.source_url, c.serious_kinds],
          'STORE_WRITE_FAILED',
          client,
        );
        await prune(Date.now(), client);
        await run('COMMIT', [], 'STORE_WRITE_FAILED', client);
        return { id, createdAt, report, duplicate: false };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async get(id: string) {
      return stored((await run<Row>(`SELECT id, created_at, json FROM ${t} WHERE id = $1`, [id])).rows[0]);
    },
    async list({ limit, cursor, q, site }) {
      const after = cursor ? decodeCursor(cursor) : null;
      const conds: string[] = [];
      const params: unknown[] = [];
      if (after) {
        params.push(after.createdAt, after.id);
        conds.push(`(created_at, id) < ($${params.length - 1}, $${params.length})`);
      }
      if (site) {
        params.push(site);
        conds.push(`site = $${params.length}`);
      }
      for (const w of searchWords(q)) {
        params.push(`%${w.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`);
        conds.push(`lower(coalesce(title, '') || ' ' || coalesce(url, '') || ' ' || coalesce(source_title, '')) LIKE $${params.length}`);
      }
      params.push(limit + 1);
      const rows = (await run<Row>(`SELECT ${LIST_COLUMNS} FROM ${t} ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params)).rows;
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
    },
    async count() {
      return Number((await run<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n ?? 0);
    },
    async delete(id: string) {
      return ((await run(`DELETE FROM ${t} WHERE id = $1`, [id], 'STORE_WRITE_FAILED')).rowCount ?? 0) > 0;
    },
    async prune(nowMs = Date.now()) {
      return prune(nowMs);
    },
    async tracedArticles(site) {
      const rows = site
        ? (await run<Row>(`SELECT ${TRACED_COLUMNS} FROM ${t} WHERE site = $1 ORDER BY created_at`, [site])).rows
        : (await run<Row>(`SELECT ${TRACED_COLUMNS} FROM ${t} WHERE site IS NOT NULL ORDER BY created_at`)).rows;
      return rows.map(toTraced);
    },
    // The pool belongs to the corpus store, which closes it.
    async close() {},
  };
}

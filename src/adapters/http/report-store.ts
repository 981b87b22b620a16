/**
 * @module adapters/http/report-store
 * Where the HTTP API keeps the reports it produces, so a permalink (/r/<id>) keeps working.
 * The SQLite implementation lives in adapters/store-sqlite/reports.ts; the in-memory one here
 * is for a server started without a database file and for tests.
 */
import { randomBytes } from 'node:crypto';
import type { Report } from '../../core/types.ts';

/** One line of the "recent reports" list: enough to pick a report without loading it. */
export interface ReportSummary {
  id: string;
  createdAt: string;
  title: string | null;
  found: boolean;
  reusedShare: number;
  serious: number;
  sourceTitle: string | null;
}

export interface StoredReport {
  id: string;
  createdAt: string;
  report: Report;
}

export interface ReportPage {
  items: ReportSummary[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ReportStore {
  save(report: Report): Promise<StoredReport>;
  get(id: string): Promise<StoredReport | null>;
  /** Newest first. */
  list(options: { limit: number; cursor?: string | null }): Promise<ReportPage>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** 16 lower-case base32 characters: 80 random bits, unguessable enough for a permalink. */
export function newReportId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(16);
  let id = '';
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}

export const REPORT_ID_RE = /^[a-z2-7]{16}$/;

/** Keyset cursor over (createdAt, id), opaque to clients. */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`, 'utf8').toString('base64url');
}

/** Returns null for a cursor this server did not make. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = raw.indexOf('|');
  if (bar < 0) return null;
  const createdAt = raw.slice(0, bar);
  const id = raw.slice(bar + 1);
  if (Number.isNaN(Date.parse(createdAt)) || !REPORT_ID_RE.test(id)) return null;
  return { createdAt, id };
}

export function summarizeReport(id: string, createdAt: string, report: Report): ReportSummary {
  return {
    id,
    createdAt,
    title: report.suspect.title,
    found: report.verdict.found,
    reusedShare: report.summary.reusedShare,
    serious: report.summary.serious,
    sourceTitle: report.sources[0]?.title ?? null,
  };
}

/**
 * A unique, strictly increasing ISO timestamp: two reports saved in the same millisecond must
 * still sort in the order they were made.
 */
export function monotonicClock(): () => string {
  let last = 0;
  return () => {
    const now = Math.max(Date.now(), last + 1);
    last = now;
    return new Date(now).toISOString();
  };
}

export function createMemoryReportStore(): ReportStore {
  const rows: StoredReport[] = [];
  const byId = new Map<string, StoredReport>();
  const clock = monotonicClock();
  return {
    async save(report) {
      const row = { id: newReportId(), createdAt: clock(), report };
      rows.push(row);
      byId.set(row.id, row);
      return row;
    },
    async get(id) {
      return byId.get(id) ?? null;
    },
    async list({ limit, cursor }) {
      const after = cursor ? decodeCursor(cursor) : null;
      const newestFirst = [...rows].reverse();
      const start = after ? newestFirst.findIndex((r) => r.createdAt < after.createdAt || (r.createdAt === after.createdAt && r.id < after.id)) : 0;
      const slice = start < 0 ? [] : newestFirst.slice(start, start + limit + 1);
      const page = slice.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => summarizeReport(r.id, r.createdAt, r.report)),
        nextCursor: slice.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
      };
    },
    async count() {
      return rows.length;
    },
    async close() {},
  };
}

/**
 * @module adapters/http/report-store
 * Where the HTTP API keeps the reports it produces, so a permalink (/r/<id>) keeps working.
 * The SQLite implementation lives in adapters/store-sqlite/reports.ts; the in-memory one here
 * is for a server started without a database file and for tests.
 */
import { randomBytes } from 'node:crypto';
import { reportDedupeKey } from '../../core/report/history.ts';
import { tracedArticleOf, type TracedArticle } from '../../core/sites/sites.ts';
import type { Report } from '../../core/types.ts';

export type { ListOptions, ReportPage, ReportStore, ReportSummary, RetentionPolicy, StoredReport } from '../../core/report-store.ts';
import type { ListOptions, ReportPage, ReportStore, ReportSummary, RetentionPolicy, StoredReport } from '../../core/report-store.ts';

/** A stored report cap that keeps a busy server's file bounded; `--keep-reports` changes it. */
export const DEFAULT_RETENTION: RetentionPolicy = { maxReports: 10_000, maxAgeDays: null };


/** Lower-cased words of a search query (at most 8, each at most 100 characters). */
export function searchWords(q: string | null | undefined): string[] {
  if (!q) return [];
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => w.slice(0, 100));
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
  const traced = tracedArticleOf(id, createdAt, report);
  return {
    id,
    createdAt,
    title: report.suspect.title,
    found: report.verdict.found,
    reusedShare: report.summary.reusedShare,
    serious: report.summary.serious,
    sourceTitle: report.sources[0]?.title ?? null,
    site: traced.site,
    url: traced.url,
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

export function createMemoryReportStore(retention: RetentionPolicy = DEFAULT_RETENTION): ReportStore {
  let rows: (StoredReport & { key: string })[] = [];
  const clock = monotonicClock();
  const matches = (r: StoredReport, words: string[], site: string | null | undefined) => {
    const s = summarizeReport(r.id, r.createdAt, r.report);
    if (site && s.site !== site) return false;
    const hay = [s.title, s.url, s.sourceTitle].filter(Boolean).join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  const store: ReportStore = {
    async save(report) {
      const key = reportDedupeKey(report);
      const twin = rows.find((r) => r.key === key);
      if (twin) return { id: twin.id, createdAt: twin.createdAt, report: twin.report, duplicate: true };
      const row = { id: newReportId(), createdAt: clock(), report, key };
      rows.push(row);
      await store.prune();
      return { id: row.id, createdAt: row.createdAt, report, duplicate: false };
    },
    async get(id) {
      const r = rows.find((x) => x.id === id);
      return r ? { id: r.id, createdAt: r.createdAt, report: r.report } : null;
    },
    async list({ limit, cursor, q, site }) {
      const after = cursor ? decodeCursor(cursor) : null;
      const words = searchWords(q);
      const newestFirst = [...rows].reverse().filter((r) => matches(r, words, site));
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
    async delete(id) {
      const before = rows.length;
      rows = rows.filter((r) => r.id !== id);
      return rows.length < before;
    },
    async prune(nowMs = Date.now()) {
      const before = rows.length;
      if (retention.maxAgeDays !== null) {
        const cutoff = new Date(nowMs - retention.maxAgeDays * 86_400_000).toISOString();
        rows = rows.filter((r) => r.createdAt >= cutoff);
      }
      if (retention.maxReports !== null && rows.length > retention.maxReports) rows = rows.slice(rows.length - retention.maxReports);
      return before - rows.length;
    },
    async tracedArticles(site) {
      return rows.map((r) => tracedArticleOf(r.id, r.createdAt, r.report)).filter((a) => a.site !== null && (!site || a.site === site));
    },
    async close() {},
  };
  return store;
}

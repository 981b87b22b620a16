/**
 * @module adapters/sql-rows/reports
 * The light columns of the report history, shared by the SQLite and PostgreSQL `reports`
 * tables (adapters/store-sqlite/reports.ts, adapters/store-postgres/reports.ts): which columns
 * a report gets beside its JSON, and how a row reads back as a summary or a traced article.
 * Pure mapping; each store keeps its own SQL.
 */
import { reportDedupeKey } from '../../core/report/history.ts';
import type { ReportSummary } from '../../core/report-store.ts';
import { tracedArticleOf, type TracedArticle } from '../../core/sites/sites.ts';
import type { ChangeKind, Report } from '../../core/types.ts';

/** What a listing reads (SQLite keeps `found` as 0/1, PostgreSQL as a boolean). */
export interface ReportSummaryRow {
  id: string;
  created_at: string;
  title: string | null;
  found: boolean | number | null;
  reused: number | null;
  serious: number | null;
  source_title: string | null;
  site: string | null;
  url: string | null;
}

/** What the sites view reads. */
export interface TracedReportRow extends ReportSummaryRow {
  published: string | null;
  source_id: string | null;
  source_outlet: string | null;
  source_url: string | null;
  serious_kinds: string | null;
}

export const REPORT_LIST_COLUMNS = 'id, created_at, title, found, reused, serious, source_title, site, url';
export const REPORT_TRACED_COLUMNS = `${REPORT_LIST_COLUMNS}, published, source_id, source_outlet, source_url, serious_kinds`;

export function summaryFromRow(r: ReportSummaryRow): ReportSummary {
  return {
    id: r.id,
    createdAt: r.created_at,
    title: r.title,
    found: Boolean(r.found),
    reusedShare: r.reused ?? 0,
    serious: r.serious ?? 0,
    sourceTitle: r.source_title,
    site: r.site,
    url: r.url,
  };
}

export function tracedFromRow(r: TracedReportRow): TracedArticle {
  return {
    reportId: r.id,
    tracedAt: r.created_at,
    site: r.site,
    url: r.url,
    title: r.title,
    published: r.published ?? null,
    found: Boolean(r.found),
    reusedShare: r.reused ?? 0,
    serious: r.serious ?? 0,
    source: r.source_id ? { id: r.source_id, outlet: r.source_outlet ?? null, title: r.source_title, url: r.source_url ?? null } : null,
    seriousByKind: r.serious_kinds ? (JSON.parse(r.serious_kinds) as Partial<Record<ChangeKind, number>>) : {},
  };
}

/** The light columns of one report (everything but its JSON), by column name. */
export function reportColumns(id: string, createdAt: string, report: Report) {
  const t = tracedArticleOf(id, createdAt, report);
  return {
    id,
    created_at: createdAt,
    title: report.suspect.title,
    dedupe_key: reportDedupeKey(report),
    site: t.site,
    url: t.url,
    published: t.published,
    found: t.found,
    reused: t.reusedShare,
    serious: t.serious,
    source_id: t.source?.id ?? null,
    source_outlet: t.source?.outlet ?? null,
    source_title: report.sources[0]?.title ?? null,
    source_url: t.source?.url ?? null,
    serious_kinds: JSON.stringify(t.seriousByKind),
  };
}

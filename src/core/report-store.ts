/**
 * @module core/report-store
 * Where reports are kept once made (by `unspun serve`, `unspun watch`, and queue workers for
 * `unspun trace --queue`), so a permalink keeps working and a job's result can be read later.
 * The interface only; implementations live with their stores (SQLite and PostgreSQL `reports`
 * tables, an in-memory one in adapters/http/report-store.ts) and pass one contract suite
 * (test/http-report-store.test.ts).
 */
import type { TracedArticle } from './sites/sites.ts';
import type { Report } from './types.ts';

/** One line of the "recent reports" list: enough to pick a report without loading it. */
export interface ReportSummary {
  id: string;
  createdAt: string;
  title: string | null;
  found: boolean;
  reusedShare: number;
  serious: number;
  sourceTitle: string | null;
  /** The page's site (host) and address, when the report has one. */
  site: string | null;
  url: string | null;
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

export interface ListOptions {
  limit: number;
  cursor?: string | null;
  /** Words that must all occur in the title, address or source title (case-insensitive). */
  q?: string | null;
  /** Only reports about pages of this site. */
  site?: string | null;
}

/** How long the history keeps reports. Either limit may be null (no limit). */
export interface RetentionPolicy {
  /** Keep at most this many (the oldest go first). */
  maxReports: number | null;
  /** Delete reports older than this many days. */
  maxAgeDays: number | null;
}

export interface ReportStore {
  /**
   * Stores a report, unless the same article was already traced the same way
   * (core/report/history.ts): then the stored one comes back with `duplicate: true`.
   * Applies the retention policy after writing.
   */
  save(report: Report): Promise<StoredReport & { duplicate: boolean }>;
  get(id: string): Promise<StoredReport | null>;
  /** Newest first. */
  list(options: ListOptions): Promise<ReportPage>;
  count(): Promise<number>;
  /** Deletes one report; false when there was none with that id. */
  delete(id: string): Promise<boolean>;
  /** Applies the retention policy now (`nowMs` for age); returns how many reports it deleted. */
  prune(nowMs?: number): Promise<number>;
  /** One light row per stored report with a site (core/sites), optionally of one site only. */
  tracedArticles(site?: string | null): Promise<TracedArticle[]>;
  close(): Promise<void>;
}

/**
 * @module core/sites/csv
 * The sites view as CSV (`unspun sites --csv`, GET /api/sites.csv): one row per site, or one
 * row per traced article of a site.
 */
import { toCsv } from '../report/csv.ts';
import type { ChangeKind } from '../types.ts';
import { outletName, type SiteSummary, type TracedArticle } from './sites.ts';

/** "number 2; negation 1", most frequent first. */
export function kindsText(kinds: Partial<Record<ChangeKind, number>>): string {
  return (Object.entries(kinds) as [string, number][])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join('; ');
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export const SITES_CSV_HEADER = [
  'site',
  'articles',
  'copies',
  'copied_percent',
  'reused_percent',
  'altered_copies',
  'serious_changes',
  'serious_by_kind',
  'outlets_copied',
  'first_seen',
  'last_seen',
];

export function sitesCsv(sites: SiteSummary[]): string {
  return toCsv(
    SITES_CSV_HEADER,
    sites.map((s) => [
      s.site,
      s.articles,
      s.copies,
      pct(s.copiedShare),
      pct(s.reusedShare),
      s.alteredCopies,
      Object.values(s.seriousByKind).reduce((a, b) => a + (b ?? 0), 0),
      kindsText(s.seriousByKind),
      s.outlets.map((o) => `${o.outlet} (${o.copies})`).join('; '),
      s.firstSeen,
      s.lastSeen,
    ]),
  );
}

export const SITE_ARTICLES_CSV_HEADER = [
  'traced_at',
  'url',
  'title',
  'published',
  'source_found',
  'source_outlet',
  'source_title',
  'source_url',
  'reused_percent',
  'serious_changes',
  'serious_by_kind',
  'report_id',
  'report_link',
];

export function siteArticlesCsv(articles: TracedArticle[], permalinkBase: string | null = null): string {
  const base = permalinkBase?.replace(/\/+$/, '') ?? null;
  return toCsv(
    SITE_ARTICLES_CSV_HEADER,
    articles.map((a) => [
      a.tracedAt,
      a.url,
      a.title,
      a.published,
      a.found,
      a.source ? outletName(a.source) : null,
      a.source?.title ?? null,
      a.source?.url ?? null,
      pct(a.reusedShare),
      a.serious,
      kindsText(a.seriousByKind),
      a.reportId,
      base ? `${base}/r/${a.reportId}` : null,
    ]),
  );
}

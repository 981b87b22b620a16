/**
 * @module core/sites/sites
 * The record of each suspect site: how many of its articles were traced, how many have a
 * source, how much of a copy is lifted, which outlets it copies and how it alters them, and
 * its copies over time. Built from one light row per stored report ({@link TracedArticle},
 * kept beside each report at save time), so no report is parsed to list the sites.
 */
import { SEVERITY_RANK } from '../report/view-model.ts';
import type { ChangeKind, Report } from '../types.ts';
import { siteOf } from '../watch/policy.ts';

export interface TracedSource {
  id: string;
  outlet: string | null;
  title: string | null;
  url: string | null;
}

/** One traced article, as the sites view needs it. */
export interface TracedArticle {
  reportId: string;
  /** When it was traced (the report's creation time). */
  tracedAt: string;
  /** Host of the page, without "www."; null when the report has no URL. */
  site: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  found: boolean;
  reusedShare: number;
  serious: number;
  /** The best source, when one was found. */
  source: TracedSource | null;
  /** Medium and high changes by kind. */
  seriousByKind: Partial<Record<ChangeKind, number>>;
}

/** The page a report is about: the name when it is a URL (what `watch` fetched), else the URL the page gave. */
export function reportUrl(report: Report): string | null {
  if (siteOf(report.suspect.name)) return report.suspect.name;
  return siteOf(report.suspect.url) ? report.suspect.url : null;
}

export function tracedArticleOf(reportId: string, tracedAt: string, report: Report): TracedArticle {
  const url = reportUrl(report);
  const src = report.verdict.found ? report.sources[0] : undefined;
  const seriousByKind: Partial<Record<ChangeKind, number>> = {};
  for (const c of report.changes) if (SEVERITY_RANK[c.severity] >= SEVERITY_RANK.medium) seriousByKind[c.kind] = (seriousByKind[c.kind] ?? 0) + 1;
  return {
    reportId,
    tracedAt,
    site: siteOf(url),
    url,
    title: report.suspect.title,
    published: report.suspect.published,
    found: report.verdict.found,
    reusedShare: report.summary.reusedShare,
    serious: report.summary.serious,
    source: src ? { id: src.id, outlet: src.outlet, title: src.title, url: src.url } : null,
    seriousByKind,
  };
}

/** How a source is named on the sites page: its outlet, else its site, else its id. */
export function outletName(source: TracedSource): string {
  return source.outlet?.trim() || siteOf(source.url) || source.id;
}

export interface OutletCopied {
  outlet: string;
  copies: number;
  /** Copies of this outlet with at least one serious change. */
  altered: number;
  seriousByKind: Partial<Record<ChangeKind, number>>;
}

export interface TimelinePoint {
  /** "2026-03-14" (daily) or "2026-03" (monthly, for spans over two months). */
  period: string;
  articles: number;
  copies: number;
}

export interface SiteSummary {
  site: string;
  articles: number;
  /** Articles traced to a source. */
  copies: number;
  /** copies / articles. */
  copiedShare: number;
  /** Mean share of a copy's sentences taken from its source (over copies only; 0 with none). */
  reusedShare: number;
  /** Copies with at least one serious (medium or high) change. */
  alteredCopies: number;
  seriousByKind: Partial<Record<ChangeKind, number>>;
  /** Outlets it copies, most copied first. */
  outlets: OutletCopied[];
  firstSeen: string;
  lastSeen: string;
  timeline: TimelinePoint[];
}

/** The date an article counts for on the timeline: its publication date when readable, else when it was traced. */
function articleDate(a: TracedArticle): string {
  const t = a.published ? Date.parse(a.published) : NaN;
  return (Number.isNaN(t) ? a.tracedAt : new Date(t).toISOString()).slice(0, 10);
}

const DAILY_SPAN_DAYS = 62;
const MAX_TIMELINE_POINTS = 400;

function addKinds(into: Partial<Record<ChangeKind, number>>, from: Partial<Record<ChangeKind, number>>): void {
  for (const [k, n] of Object.entries(from) as [ChangeKind, number][]) into[k] = (into[k] ?? 0) + n;
}

/** Copies over time, with empty periods filled so a chart reads evenly. */
export function timelineOf(articles: TracedArticle[]): TimelinePoint[] {
  if (articles.length === 0) return [];
  const days = articles.map(articleDate).sort();
  const first = Date.parse(days[0]);
  const last = Date.parse(days[days.length - 1]);
  const monthly = (last - first) / 86_400_000 > DAILY_SPAN_DAYS;
  const key = (d: string) => (monthly ? d.slice(0, 7) : d);
  const counts = new Map<string, { articles: number; copies: number }>();
  for (const a of articles) {
    const k = key(articleDate(a));
    const c = counts.get(k) ?? { articles: 0, copies: 0 };
    c.articles++;
    if (a.found) c.copies++;
    counts.set(k, c);
  }
  const out: TimelinePoint[] = [];
  const cursor = new Date(first);
  while (out.length < MAX_TIMELINE_POINTS) {
    const k = key(cursor.toISOString().slice(0, 10));
    if (!out.length || out[out.length - 1].period !== k) out.push({ period: k, ...(counts.get(k) ?? { articles: 0, copies: 0 }) });
    if (cursor.getTime() >= last || k === key(days[days.length - 1])) break;
    if (monthly) cursor.setUTCMonth(cursor.getUTCMonth() + 1, 1);
    else cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return out;
}

export function summarizeSite(site: string, articles: TracedArticle[]): SiteSummary {
  const copies = articles.filter((a) => a.found && a.source);
  const outlets = new Map<string, OutletCopied>();
  const seriousByKind: Partial<Record<ChangeKind, number>> = {};
  for (const a of copies) {
    const name = outletName(a.source!);
    const o = outlets.get(name) ?? { outlet: name, copies: 0, altered: 0, seriousByKind: {} };
    o.copies++;
    if (a.serious > 0) o.altered++;
    addKinds(o.seriousByKind, a.seriousByKind);
    outlets.set(name, o);
    addKinds(seriousByKind, a.seriousByKind);
  }
  const seen = articles.map((a) => a.tracedAt).sort();
  return {
    site,
    articles: articles.length,
    copies: copies.length,
    copiedShare: articles.length ? copies.length / articles.length : 0,
    reusedShare: copies.length ? copies.reduce((s, a) => s + a.reusedShare, 0) / copies.length : 0,
    alteredCopies: copies.filter((a) => a.serious > 0).length,
    seriousByKind,
    outlets: [...outlets.values()].sort((a, b) => b.copies - a.copies || a.outlet.localeCompare(b.outlet)),
    firstSeen: seen[0] ?? '',
    lastSeen: seen[seen.length - 1] ?? '',
    timeline: timelineOf(articles),
  };
}

/** Every site with traced articles, most copies first (then most articles, then name). */
export function summarizeSites(articles: TracedArticle[]): SiteSummary[] {
  const bySite = new Map<string, TracedArticle[]>();
  for (const a of articles) {
    if (!a.site) continue;
    bySite.set(a.site, [...(bySite.get(a.site) ?? []), a]);
  }
  return [...bySite]
    .map(([site, list]) => summarizeSite(site, list))
    .sort((a, b) => b.copies - a.copies || b.articles - a.articles || a.site.localeCompare(b.site));
}

/**
 * @module core/watch/policy
 * The watcher's decisions, as pure functions: which failures are worth retrying, how long to
 * back off, which URLs are the same item, whether an item is due, and whether a traced copy is
 * announced (and what the announcement says). The adapter (adapters/watch) does the I/O.
 */
import type { ChangeKind, Report, Severity } from '../types.ts';
import { SEVERITY_RANK } from '../report/view-model.ts';
import type { SeenItem, WatchedFeed } from './types.ts';

/**
 * Every way a fetch can fail, with whether retrying soon can help. Codes are stable: they are
 * written to the fetch log and the announcement log.
 */
export const FAILURE_CODES = {
  timeout: { transient: true, what: 'no complete answer within the time limit' },
  network: { transient: true, what: 'the connection failed' },
  'http-5xx': { transient: true, what: 'the server answered with an error' },
  'http-429': { transient: true, what: 'the server asked to slow down' },
  'http-4xx': { transient: false, what: 'the server refused the request' },
  'redirect-loop': { transient: false, what: 'the redirects go round in a loop' },
  'too-many-redirects': { transient: false, what: 'too many redirects' },
  'bad-redirect': { transient: false, what: 'a redirect to a non-http(s) address' },
  'content-type': { transient: false, what: 'the answer is not of a type that can be read here' },
  'too-large': { transient: false, what: 'the answer is larger than the size limit' },
  'robots-disallow': { transient: false, what: "the site's robots.txt disallows fetching it" },
  'not-a-feed': { transient: false, what: 'not an RSS/Atom/JSON feed or an XML sitemap' },
  unreadable: { transient: false, what: 'the content cannot be read as an article' },
  webhook: { transient: true, what: 'the webhook did not accept the announcement' },
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

export function isTransient(code: string): boolean {
  return (FAILURE_CODES as Record<string, { transient: boolean }>)[code]?.transient ?? false;
}

/** Delay before attempt `failures + 1`: base, 2x base, 4x base ... capped. */
export function backoffDelayMs(failures: number, baseMs: number, maxMs: number): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, failures - 1));
}

/** ISO time after `nowMs` plus the backoff for this many failures. */
export function nextAttemptAt(nowMs: number, failures: number, baseMs: number, maxMs: number): string {
  return new Date(nowMs + backoffDelayMs(failures, baseMs, maxMs)).toISOString();
}

/** A failing feed or item is polled again only once its backoff has passed. */
export function isDue(entry: Pick<WatchedFeed, 'nextAttemptAt'> | Pick<SeenItem, 'nextAttemptAt'>, nowMs: number): boolean {
  return entry.nextAttemptAt === null || Date.parse(entry.nextAttemptAt) <= nowMs;
}

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid)$/i;

/**
 * One key per page: no fragment, no tracking parameters, host lower-cased (URL does that),
 * default port dropped. Null for anything but an absolute http(s) URL.
 */
export function normalizeItemUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  url.search = url.searchParams.toString() ? `?${url.searchParams.toString()}` : '';
  return url.href;
}

/** The site a page belongs to: its host without "www.". */
export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.host.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * Whether a seen item should be fetched again: never when done and the feed's date for it is
 * unchanged (a second poll adds nothing); again when the feed gives it a new date (the page
 * was updated: a conditional GET then costs one 304 if it was not); failed items once their
 * backoff has passed, until they have failed `maxFailures` times.
 */
export function itemNeedsFetch(seen: SeenItem | null, listedDate: string | null, nowMs: number, maxFailures: number): boolean {
  if (!seen) return true;
  if (seen.status === 'failed') return seen.failures < maxFailures && isDue(seen, nowMs);
  if (seen.status === 'skipped') return false;
  return listedDate !== null && listedDate !== seen.listedDate;
}

/** Serious changes of a report by kind (severity at least `min`). */
export function seriousByKind(report: Report, min: Severity = 'medium'): Partial<Record<ChangeKind, number>> {
  const out: Partial<Record<ChangeKind, number>> = {};
  for (const c of report.changes) {
    if (SEVERITY_RANK[c.severity] >= SEVERITY_RANK[min]) out[c.kind] = (out[c.kind] ?? 0) + 1;
  }
  return out;
}

/** A new copy is announced when a source was found and it changed something at least `min` severe. */
export function shouldAnnounce(report: Report, min: Severity): boolean {
  if (!report.verdict.found) return false;
  return report.changes.some((c) => c.scope === 'against-source' && SEVERITY_RANK[c.severity] >= SEVERITY_RANK[min]);
}

/** One line of the announcement log (and the webhook body). A contract: add fields, never rename. */
export interface Announcement {
  type: 'copy-found';
  at: string;
  url: string;
  site: string | null;
  title: string | null;
  reportId: string | null;
  /** Link to the report in `unspun serve`, when a base URL was configured. */
  permalink: string | null;
  source: { id: string; outlet: string | null; title: string | null; url: string | null; confidence: number };
  reusedShare: number;
  serious: number;
  seriousByKind: Partial<Record<ChangeKind, number>>;
  /** The most severe findings, each with both quotes and the reason, so the line stands alone. */
  findings: { kind: ChangeKind; severity: Severity; reason: string; suspect: string | null; source: string | null }[];
}

const FINDINGS_IN_ANNOUNCEMENT = 5;

export function buildAnnouncement(
  report: Report,
  item: { url: string; reportId: string | null; at: string; permalinkBase?: string | null },
  min: Severity,
): Announcement {
  const src = report.sources[0];
  const serious = report.changes
    .filter((c) => c.scope === 'against-source' && SEVERITY_RANK[c.severity] >= SEVERITY_RANK[min])
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const base = item.permalinkBase ? item.permalinkBase.replace(/\/+$/, '') : null;
  return {
    type: 'copy-found',
    at: item.at,
    url: item.url,
    site: siteOf(item.url),
    title: report.suspect.title,
    reportId: item.reportId,
    permalink: base && item.reportId ? `${base}/r/${item.reportId}` : null,
    source: { id: src.id, outlet: src.outlet, title: src.title, url: src.url, confidence: src.confidence },
    reusedShare: report.summary.reusedShare,
    serious: report.summary.serious,
    seriousByKind: seriousByKind(report, min),
    findings: serious.slice(0, FINDINGS_IN_ANNOUNCEMENT).map((c) => ({
      kind: c.kind,
      severity: c.severity,
      reason: c.evidence.reason,
      suspect: c.suspectText,
      source: c.sourceText,
    })),
  };
}

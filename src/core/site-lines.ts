/**
 * @module core/site-lines
 * An optional store capability: how many pages of one site carry the same line. A line that
 * recurs across many pages of its site (a menu, a credit, a "Discover more from ..." box, an
 * aggregator's disclaimer) is that site's template, not something the article says, so a
 * trace cuts such a line when no source sentence supports it (core/extract/unaligned.ts).
 *
 * A store that offers it:
 * - records `IndexRecord.siteLines` in the same transaction as the article in `put`;
 * - records a traced page's lines through `recordSiteLines` (a store opened read-only records
 *   nothing and returns false);
 * - counts, per line key, the distinct pages of a site that carry it.
 *
 * Keys are opaque strings (16 hex digits from `lineKey`); a site is a host name without
 * "www."; a page is host and path. Recording a page again replaces its lines, so tracing or
 * re-indexing the same page never counts twice. Implementations: adapters/store-sqlite; every
 * implementation passes the site-line cases of test/store-contract.ts.
 */
import { createHash } from 'node:crypto';

/** Lines of one page of a site, as keys. */
export interface SitePageLines {
  site: string;
  page: string;
  keys: string[];
}

export interface SiteLineStore {
  /**
   * Records the line keys of pages, replacing what was recorded for the same (site, page),
   * all in one transaction. Returns false, recording nothing, when the store cannot write.
   */
  recordSiteLines(pages: SitePageLines[]): Promise<boolean>;
  /**
   * For each of `keys`, the number of distinct recorded pages of `site` that carry it, not
   * counting `exceptPage`. Keys on no such page are absent from the map.
   */
  siteLineCounts(site: string, keys: string[], exceptPage?: string | null): Promise<Map<string, number>>;
}

/** Whether a store offers the site-line capability. */
export function hasSiteLines<T extends object>(store: T | null | undefined): store is T & SiteLineStore {
  const s = store as Partial<SiteLineStore> | null | undefined;
  return !!s && typeof s.recordSiteLines === 'function' && typeof s.siteLineCounts === 'function';
}

/** Longest line (in words) whose recurrence is counted. Template lines (menus, credits,
 * subscription boxes, disclaimers) run 1 to 50 words; longer paragraphs are article text
 * and would only swell the store. */
export const MAX_SITE_LINE_WORDS = 60;

/**
 * Key of a line for counting recurrences: lower-cased, digits folded to 0 ("3 min read" and
 * "5 min read" are one template line), punctuation and spacing ignored; 16 hex of its SHA-1.
 * Null for lines too long to be template or with no letters.
 */
export function lineKey(line: string): string | null {
  const norm = line.normalize('NFKC').toLowerCase().replace(/\d+/g, '0').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (!/\p{L}/u.test(norm) || norm.split(' ').length > MAX_SITE_LINE_WORDS) return null;
  return createHash('sha1').update(norm).digest('hex').slice(0, 16);
}

/**
 * A line key as the 52-bit integer the stores keep (the first 13 hex digits; a key that is not
 * hex is hashed first), so a key fits a SQLite INTEGER and a PostgreSQL bigint exactly.
 */
export function lineKeyNumber(key: string): number {
  const hex = /^[0-9a-f]{13,}$/i.test(key) ? key : createHash('sha1').update(key).digest('hex');
  return parseInt(hex.slice(0, 13), 16);
}

/** Throws (with what is wrong) unless `p` is a well-formed SitePageLines; stores check before writing. */
export function checkSitePage(p: SitePageLines): void {
  if (typeof p?.site !== 'string' || p.site.length === 0) throw new Error('site must be a non-empty string');
  if (typeof p.page !== 'string' || p.page.length === 0) throw new Error('page must be a non-empty string');
  if (!Array.isArray(p.keys) || !p.keys.every((k) => typeof k === 'string' && k.length > 0)) throw new Error('keys must be non-empty strings');
}

/** Keys of the paragraphs of a body ("\n\n"-separated), deduplicated, in order. */
export function paragraphKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const p of text.split(/\n\s*\n/)) {
    const k = lineKey(p);
    if (k) keys.add(k);
  }
  return [...keys];
}

/** The site (host without "www.") and the page (host + path) of an http(s) URL, or null. */
export function sitePageOf(url: string | null | undefined): { site: string; page: string } | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (!/^https?:$/.test(u.protocol) || !u.hostname) return null;
    const site = u.hostname.toLowerCase().replace(/^www\./, '');
    return { site, page: `${site}${u.pathname.replace(/\/+$/, '') || '/'}` };
  } catch {
    return null;
  }
}

/** The site lines of a page body at a URL, or null when the URL names no site. */
export function sitePageLines(url: string | null | undefined, text: string): SitePageLines | null {
  const where = sitePageOf(url);
  return where ? { ...where, keys: paragraphKeys(text) } : null;
}

// Reasons the pipeline gives paragraphs it cuts after alignment (core/extract/unaligned.ts):
// they were lines of the page as extracted, so they count as the page's lines.
const CUT_AFTER_ALIGNMENT = new Set(['label', 'repeated-line', 'site-template', 'correction-note']);

/**
 * The site lines of a traced page, read back from its report: the body plus the paragraphs
 * cut after alignment, the same lines the pipeline records itself. For a caller that traced
 * through a read-only store (the server's worker threads) and records with its own writable one.
 */
export function tracedPageLines(report: { suspect: { url: string | null; text: string; removed: { text: string; reason: string }[] } }): SitePageLines | null {
  const page = sitePageLines(report.suspect.url, report.suspect.text);
  if (!page) return null;
  const keys = new Set(page.keys);
  for (const r of report.suspect.removed) {
    if (!CUT_AFTER_ALIGNMENT.has(r.reason)) continue;
    const k = lineKey(r.text);
    if (k) keys.add(k);
  }
  return { ...page, keys: [...keys] };
}

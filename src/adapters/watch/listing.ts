/**
 * @module adapters/watch/listing
 * What a watched feed lists: the pages of an RSS/Atom/RDF/JSON feed (feedsmith) or of an XML
 * sitemap (<urlset>, fast-xml-parser), each with the date the listing gives it. A sitemap
 * index (<sitemapindex>) lists child sitemaps for the caller to fetch.
 */
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import { normalizeItemUrl } from '../../core/watch/policy.ts';

export interface ListedItem {
  /** Normalised absolute URL (core/watch/policy normalizeItemUrl). */
  url: string;
  title: string | null;
  /** updated / published / lastmod as written, so a change of it means the page changed. */
  date: string | null;
}

export type Listing =
  | { kind: 'feed'; title: string | null; items: ListedItem[] }
  | { kind: 'sitemap'; items: ListedItem[] }
  | { kind: 'sitemap-index'; sitemaps: string[] };

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as { '#text': unknown })['#text']);
  if (v && typeof v === 'object' && 'value' in v) return text((v as { value: unknown }).value);
  return null;
}

function asArray<T>(v: T | T[] | undefined | null): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function feedItems(parsed: ReturnType<typeof parseFeed>, base: string): { title: string | null; items: ListedItem[] } {
  const feed = parsed.feed as Record<string, unknown>;
  const title = text(feed.title);
  const raw = asArray((parsed.format === 'atom' ? feed.entries : feed.items) as Record<string, unknown>[] | undefined);
  const items: ListedItem[] = [];
  for (const e of raw) {
    let link: string | null = null;
    let date: string | null = null;
    if (parsed.format === 'atom') {
      const links = asArray(e.links as { href?: string; rel?: string }[] | undefined);
      link = links.find((l) => !l.rel || l.rel === 'alternate')?.href ?? links[0]?.href ?? null;
      date = text(e.updated) ?? text(e.published);
    } else if (parsed.format === 'json') {
      link = text(e.url) ?? text(e.external_url);
      date = text(e.date_modified) ?? text(e.date_published);
    } else {
      const dc = (e.dc as { date?: string } | undefined) ?? {};
      link = text(e.link) ?? (e.guid && typeof e.guid === 'object' ? text(e.guid) : text(e.guid));
      date = text(e.pubDate) ?? text(dc.date);
    }
    const url = link ? normalizeItemUrl(link, base) : null;
    if (url) items.push({ url, title: text(e.title), date });
  }
  return { title, items };
}

const xml = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, processEntities: true, htmlEntities: false });

/** Sitemap root element, if `body` is one (sniffed from the first kilobytes). */
function sitemapRoot(body: string): 'urlset' | 'sitemapindex' | null {
  const head = body.slice(0, 4096).replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const m = /<\s*(?:[\w-]+:)?(urlset|sitemapindex)\b/.exec(head);
  return m ? (m[1] as 'urlset' | 'sitemapindex') : null;
}

/**
 * Parses a listing. Throws an Error (the caller records it as `not-a-feed`) when `body` is
 * neither a feed nor a sitemap.
 */
export function parseListing(body: string, base: string): Listing {
  const root = sitemapRoot(body);
  if (root) {
    const doc = xml.parse(body) as Record<string, Record<string, unknown>>;
    if (root === 'sitemapindex') {
      const sitemaps = asArray(doc.sitemapindex?.sitemap as Record<string, unknown>[] | undefined)
        .map((s) => text(s.loc))
        .flatMap((loc) => (loc ? [normalizeItemUrl(loc, base)] : []))
        .filter((u): u is string => u !== null);
      return { kind: 'sitemap-index', sitemaps };
    }
    const items = asArray(doc.urlset?.url as Record<string, unknown>[] | undefined).flatMap((u) => {
      const loc = text(u.loc);
      const url = loc ? normalizeItemUrl(loc, base) : null;
      return url ? [{ url, title: null, date: text(u.lastmod) }] : [];
    });
    return { kind: 'sitemap', items };
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (err) {
    throw new Error(`not an RSS, Atom, RDF or JSON feed, nor an XML sitemap (${(err as Error).message})`);
  }
  return { kind: 'feed', ...feedItems(parsed, base) };
}

/**
 * The items to look at this poll: deduplicated by URL, newest first when every item has a
 * parseable date (sitemaps are often oldest first), at most `max`.
 */
export function pickItems(items: ListedItem[], max: number): ListedItem[] {
  const seen = new Set<string>();
  const unique = items.filter((i) => !seen.has(i.url) && seen.add(i.url));
  const dated = unique.every((i) => i.date !== null && !Number.isNaN(Date.parse(i.date)));
  const ordered = dated ? [...unique].sort((a, b) => Date.parse(b.date!) - Date.parse(a.date!)) : unique;
  return ordered.slice(0, max);
}

/**
 * @module adapters/ingest/feed
 * RSS, Atom and RDF feeds (.xml, .rss, .atom) via feedsmith: each item's full content
 * (content:encoded / Atom content, else description / summary) goes through the extract stage,
 * with the item's link, title, author and date kept. The feed's title is the outlet.
 */
import { parseFeed } from 'feedsmith';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { documentToArticle } from './document.ts';

interface FeedEntry {
  title: string | null;
  link: string | null;
  byline: string | null;
  published: string | null;
  html: string | null;
}

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') {
    return ((v as { value: string }).value).trim() || null;
  }
  return null;
}

/** RFC 822 feed dates to ISO 8601; unparseable dates are kept as written. */
function isoDate(v: unknown): string | null {
  const s = textOf(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The entries of a parsed feed in a format-neutral shape. */
function entriesOf(parsed: ReturnType<typeof parseFeed>): { outlet: string | null; entries: FeedEntry[] } {
  // feedsmith's per-format types are wide; read the few fields we need defensively.
  const feed = parsed.feed as Record<string, unknown>;
  const outlet = textOf(feed.title);
  if (parsed.format === 'atom') {
    const entries = (feed.entries as Record<string, unknown>[] | undefined) ?? [];
    return {
      outlet,
      entries: entries.map((e) => {
        const links = (e.links as { href?: string; rel?: string }[] | undefined) ?? [];
        const link = links.find((l) => !l.rel || l.rel === 'alternate')?.href ?? links[0]?.href ?? null;
        const authors = (e.authors as { name?: string }[] | undefined) ?? [];
        return {
          title: textOf(e.title),
          link,
          byline: authors[0]?.name ?? null,
          published: isoDate(e.published ?? e.updated),
          html: textOf(e.content) ?? textOf(e.summary),
        };
      }),
    };
  }
  if (parsed.format === 'json') {
    const items = (feed.items as Record<string, unknown>[] | undefined) ?? [];
    return {
      outlet,
      entries: items.map((i) => ({
        title: textOf(i.title),
        link: textOf(i.url),
        byline: ((i.authors as { name?: string }[] | undefined) ?? [])[0]?.name ?? null,
        published: isoDate(i.date_published),
        html: textOf(i.content_html) ?? (textOf(i.content_text) ? `<p>${escapeHtml(textOf(i.content_text)!)}</p>` : null),
      })),
    };
  }
  const items = (feed.items as Record<string, unknown>[] | undefined) ?? [];
  return {
    outlet,
    entries: items.map((i) => {
      const dc = (i.dc as { creators?: string[]; creator?: string; date?: string } | undefined) ?? {};
      const content = i.content as { encoded?: string } | undefined;
      return {
        title: textOf(i.title),
        link: textOf(i.link),
        byline: dc.creators?.[0] ?? dc.creator ?? textOf(i.authors) ?? null,
        published: isoDate(i.pubDate ?? dc.date),
        html: textOf(content?.encoded) ?? textOf(i.description),
      };
    }),
  };
}

/** Articles of a feed document; per-item failures come back as errors naming `display item N`. */
export function feedArticles(xml: string, display: string, rel: string): (ReferenceArticle | UnspunError)[] {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(xml);
  } catch (err) {
    throw new UnspunError('INPUT_MALFORMED', display, `not an RSS, Atom or RDF feed (${(err as Error).message})`, { cause: err });
  }
  const { outlet, entries } = entriesOf(parsed);
  if (entries.length === 0) throw new UnspunError('INPUT_EMPTY', display, 'the feed has no items');
  return entries.map((e, i) => {
    const name = `${display} item ${i + 1}${e.link ? ` (${e.link})` : ''}`;
    if (!e.html) return new UnspunError('NO_ARTICLE', name, 'no content or description');
    // Feed content is a fragment: give the extractor a page with the item's title.
    const page = `<!doctype html><html><head><title>${escapeHtml(e.title ?? '')}</title></head><body><article>${
      e.title ? `<h1>${escapeHtml(e.title)}</h1>` : ''
    }${e.html}</article></body></html>`;
    try {
      const a = documentToArticle({ kind: 'html', content: page, name, url: e.link }, rel, outlet);
      return { ...a, title: e.title ?? a.title, byline: e.byline ?? a.byline, published: e.published ?? a.published, url: e.link ?? a.url };
    } catch (err) {
      if (isUnspunError(err)) return err;
      throw err;
    }
  });
}

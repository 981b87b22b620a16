/**
 * @module core/extract/metadata
 * Title, byline, publication date and canonical URL of an HTML page, read from (in order of
 * trust) Open Graph / article meta tags, JSON-LD, and visible markup. Pure: reads a parsed
 * document and never touches the clock or the network.
 */

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: string | null;
  url: string | null;
  /** og:site_name or JSON-LD publisher, used to strip "| Site" title suffixes. */
  siteName: string | null;
}

type Json = unknown;

const ARTICLE_TYPES = /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|LiveBlogPosting|TechArticle|ScholarlyArticle|Report|WebPage|SocialMediaPosting)$/;

function collapse(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t || null;
}

function metaContent(doc: Document, keys: string[]): string | null {
  for (const key of keys) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const el = doc.querySelector(`meta[${attr}="${key}"]`);
      const v = collapse(el?.getAttribute('content'));
      if (v) return v;
    }
  }
  return null;
}

/** All JSON-LD objects on the page, flattened through arrays and @graph. */
export function jsonLdObjects(doc: Document): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const visit = (v: Json, depth: number): void => {
    if (depth > 4 || v == null) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
    } else if (typeof v === 'object') {
      const o = v as Record<string, Json>;
      out.push(o);
      if (o['@graph']) visit(o['@graph'], depth + 1);
    }
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = (s.textContent ?? '').trim();
    if (!raw) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Broken JSON-LD is common (trailing commas, HTML comments): ignore it, other sources remain.
    }
  }
  return out;
}

function typesOf(o: Record<string, Json>): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function nameOf(v: Json): string | null {
  if (typeof v === 'string') return collapse(v);
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => !!x);
    return names.length ? names.join(', ') : null;
  }
  if (v && typeof v === 'object') {
    const n = (v as Record<string, Json>).name;
    return typeof n === 'string' ? collapse(n) : null;
  }
  return null;
}

function isUrlish(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s) || /^www\./i.test(s);
}

/** "By Jane Doe and John Roe" -> "Jane Doe and John Roe"; URLs are not names. */
export function cleanByline(s: string | null | undefined): string | null {
  const t = collapse(s);
  if (!t || isUrlish(t)) return null;
  const out = t
    .replace(/^(?:by|written by|posted by|author)\s*:?\s+/i, '')
    // "Jane Doe, Staff Reporter" / "Jane Doe - BBC News": the role is not the name.
    .replace(/\s*(?:,|\s[|–—-])\s*[\p{L} .&]*\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|journalist|bureau|desk|agencies|news|press)\b.*$/iu, '')
    .trim();
  return out && out.length <= 200 ? out : null;
}

const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

/** "Oct", "Sept", "October" -> 10; anything else -> 0. */
function monthNumber(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  return MONTH_NAMES.findIndex((m) => m.startsWith(w)) + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Normalises a date as found on a page to ISO 8601. Dates with a time zone become UTC
 * datetimes; dates without one keep their wall-clock form (reading them in the machine's
 * zone would make output depend on where it runs). Unparseable input gives null.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  const s = collapse(raw);
  if (!s) return null;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i.exec(s);
  if (m) {
    if (!validYmd(+m[1], +m[2], +m[3])) return null;
    if (m[7]) {
      const zone = /^(?:Z|UTC|GMT)$/i.test(m[7]) ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
      const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
      return Number.isNaN(d.getTime()) ? null : d.toISOString();
    }
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  }
  // RFC 2822 with an explicit zone: "Thu, 05 Oct 2023 10:00:00 GMT".
  if (/\d{1,2}:\d{2}/.test(s) && /(?:GMT|UTC|\bZ\b|[+-]\d{4})\s*$/.test(s) && /\b\d{4}\b/.test(s)) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  // "October 5, 2023", "Oct. 5 2023", "5 October 2023", optionally with a time after.
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m && monthNumber(m[1])) return validYmd(+m[3], monthNumber(m[1]), +m[2]);
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (m && monthNumber(m[2])) return validYmd(+m[3], monthNumber(m[2]), +m[1]);
  return null;
}

function validYmd(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** Drops a trailing " | Site" (or " - Site") from a page title. */
export function stripSiteSuffix(title: string, siteName: string | null): string {
  const parts = title.split(/\s+[|\-–—»·:]{1,2}\s+/);
  if (parts.length < 2) return title;
  const site = siteName?.toLowerCase().trim();
  const last = parts[parts.length - 1];
  const first = parts[0];
  if (site && last.toLowerCase() === site) return title.slice(0, title.length - last.length).replace(/\s+[|\-–—»·:]{1,2}\s+$/, '').trim();
  if (site && first.toLowerCase() === site) return title.slice(first.length).replace(/^\s+[|\-–—»·:]{1,2}\s+/, '').trim();
  // Without a known site name, only a short last segment after a pipe-like separator is a suffix.
  const sep = /\s+(?:[|»·]|[-–—]|::)\s+(?!.*\s+(?:[|»·]|[-–—]|::)\s+)/.exec(title);
  const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;
  if (sep && words(last) <= 4 && words(title.slice(0, sep.index)) >= 3) return title.slice(0, sep.index).trim();
  return title;
}

function absoluteUrl(raw: string | null | undefined, base: string | null | undefined): string | null {
  const s = collapse(raw);
  if (!s) return null;
  try {
    const u = base ? new URL(s, base) : new URL(s);
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

/** An author name marked up in the page: rel=author links, hCard and schema.org microdata. */
function markupByline(doc: Document): string | null {
  const el = doc.querySelector('[itemprop="author"] [itemprop="name"], [itemprop="author"], a[rel="author"], .author.vcard .fn, .byline .author, .author-name');
  const name = cleanByline(el?.textContent);
  // A whole author box is not a name.
  return name && name.split(/\s+/).length <= 6 ? name : null;
}

/** Reads metadata before anything is stripped from the document (JSON-LD lives in scripts). */
export function readMetadata(doc: Document, inputUrl: string | null | undefined): PageMetadata {
  const ld = jsonLdObjects(doc);
  const article = ld.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? ld.find((o) => typesOf(o).includes('WebPage'));
  const publisher = article?.publisher ?? ld.find((o) => typesOf(o).some((t) => t === 'Organization' || t === 'NewsMediaOrganization'));
  const siteName = metaContent(doc, ['og:site_name', 'application-name']) ?? nameOf(publisher ?? null);

  const h1 = collapse(doc.querySelector('h1')?.textContent);
  const titleTag = collapse(doc.querySelector('title')?.textContent);
  const headline = typeof article?.headline === 'string' ? collapse(article.headline) : null;
  const ogTitle = metaContent(doc, ['og:title', 'twitter:title']);
  const rawTitle = ogTitle ?? headline ?? h1 ?? titleTag;
  const title = rawTitle ? (rawTitle === h1 ? rawTitle : stripSiteSuffix(rawTitle, siteName)) : null;

  const byline =
    cleanByline(metaContent(doc, ['author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author'])) ??
    cleanByline(nameOf(article?.author ?? article?.creator ?? null)) ??
    markupByline(doc);

  const timeEl = doc.querySelector('article time[datetime], time[datetime]');
  // Microdata and hAtom (Blogger, older WordPress themes) keep the date in an attribute.
  const marked = doc.querySelector('[itemprop="datePublished"], abbr.published[title], .published[title]');
  const markedDate = marked?.getAttribute('content') ?? marked?.getAttribute('datetime') ?? marked?.getAttribute('title');
  const published =
    normalizeDate(metaContent(doc, ['article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'parsely-pub-date', 'sailthru.date', 'dc.date', 'dcterms.created', 'date'])) ??
    normalizeDate(typeof article?.datePublished === 'string' ? article.datePublished : null) ??
    normalizeDate(timeEl?.getAttribute('datetime')) ??
    normalizeDate(markedDate) ??
    normalizeDate(typeof article?.dateCreated === 'string' ? article.dateCreated : null);

  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const ldUrl = typeof article?.url === 'string' ? article.url : null;
  const url =
    absoluteUrl(canonical, inputUrl) ??
    absoluteUrl(metaContent(doc, ['og:url']), inputUrl) ??
    absoluteUrl(ldUrl, inputUrl) ??
    absoluteUrl(inputUrl, null);

  return { title, byline, published, url, siteName };
}

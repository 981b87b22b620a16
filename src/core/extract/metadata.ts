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

/**
 * Every element of the page in document order. The readers here test tag names and attributes
 * on this one list: a selector query per field compiled the selector and walked the whole page
 * each time (about a quarter of extraction's time). Extraction passes the list it also uses.
 */
export function pageElements(doc: Document): Element[] {
  // Walked by hand: querySelectorAll('*') compiles a selector and tests it on every element.
  // Like that query, the walk does not enter a <template>'s contents.
  const out: Element[] = [];
  let el: Element | null = doc.firstElementChild;
  while (el) {
    out.push(el);
    const child: Element | null = tagName(el) === 'template' ? null : el.firstElementChild;
    if (child) {
      el = child;
      continue;
    }
    let next: Element | null = null;
    for (let up: Element | null = el; up && !next; up = up.parentElement) next = up.nextElementSibling;
    el = next;
  }
  return out;
}

/** Lower-case tag name, as a selector in an HTML document matches it. */
export function tagName(el: Element): string {
  return el.localName.toLowerCase();
}

const META_KEY_ATTRIBUTES = ['property', 'name', 'itemprop'] as const;

/**
 * The page's <meta> tags by "<attribute>=<value>" (the first tag of each, in document order),
 * read in one pass: a selector query per key scanned the whole document ~50 times a page.
 */
type MetaTags = Map<string, Element>;

function metaTags(elements: readonly Element[]): MetaTags {
  const tags: MetaTags = new Map();
  for (const el of elements) {
    if (tagName(el) !== 'meta') continue;
    for (const attr of META_KEY_ATTRIBUTES) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      const key = `${attr}=${value}`;
      if (!tags.has(key)) tags.set(key, el);
    }
  }
  return tags;
}

function metaContent(tags: MetaTags, keys: string[]): string | null {
  for (const key of keys) {
    for (const attr of META_KEY_ATTRIBUTES) {
      const v = collapse(tags.get(`${attr}=${key}`)?.getAttribute('content'));
      if (v) return v;
    }
  }
  return null;
}

/** All JSON-LD objects on the page, flattened through arrays and @graph. */
export function jsonLdObjects(doc: Document, elements: readonly Element[] = pageElements(doc)): Record<string, Json>[] {
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
  for (const s of elements) {
    // As the selector script[type="application/ld+json"] matches in HTML: type ignores case.
    if (tagName(s) !== 'script' || s.getAttribute('type')?.toLowerCase() !== 'application/ld+json') continue;
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
export function readMetadata(doc: Document, inputUrl: string | null | undefined, elements: readonly Element[] = pageElements(doc)): PageMetadata {
  const meta = metaTags(elements);
  const ld = jsonLdObjects(doc, elements);
  const first = (test: (el: Element) => boolean): Element | undefined => elements.find(test);
  const article = ld.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? ld.find((o) => typesOf(o).includes('WebPage'));
  const publisher = article?.publisher ?? ld.find((o) => typesOf(o).some((t) => t === 'Organization' || t === 'NewsMediaOrganization'));
  const siteName = metaContent(meta, ['og:site_name', 'application-name']) ?? nameOf(publisher ?? null);

  const h1 = collapse(first((el) => tagName(el) === 'h1')?.textContent);
  const titleTag = collapse(first((el) => tagName(el) === 'title')?.textContent);
  const headline = typeof article?.headline === 'string' ? collapse(article.headline) : null;
  const ogTitle = metaContent(meta, ['og:title', 'twitter:title']);
  const rawTitle = ogTitle ?? headline ?? h1 ?? titleTag;
  const title = rawTitle ? (rawTitle === h1 ? rawTitle : stripSiteSuffix(rawTitle, siteName)) : null;

  const byline =
    cleanByline(metaContent(meta, ['author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author'])) ??
    cleanByline(nameOf(article?.author ?? article?.creator ?? null)) ??
    markupByline(doc);

  const timeEl = first((el) => tagName(el) === 'time' && el.hasAttribute('datetime'));
  // Microdata and hAtom (Blogger, older WordPress themes) keep the date in an attribute.
  // Queried only when the meta tags, JSON-LD and <time> give no date (a query walks the page).
  const markedDate = (): string | null | undefined => {
    const marked = doc.querySelector('[itemprop="datePublished"], abbr.published[title], .published[title]');
    return marked?.getAttribute('content') ?? marked?.getAttribute('datetime') ?? marked?.getAttribute('title');
  };
  const published =
    normalizeDate(metaContent(meta, ['article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'parsely-pub-date', 'sailthru.date', 'dc.date', 'dcterms.created', 'date'])) ??
    normalizeDate(typeof article?.datePublished === 'string' ? article.datePublished : null) ??
    normalizeDate(timeEl?.getAttribute('datetime')) ??
    normalizeDate(markedDate()) ??
    normalizeDate(typeof article?.dateCreated === 'string' ? article.dateCreated : null);

  // rel, like type, ignores case in a selector.
  const canonical = first((el) => tagName(el) === 'link' && el.getAttribute('rel')?.toLowerCase() === 'canonical')?.getAttribute('href');
  const ldUrl = typeof article?.url === 'string' ? article.url : null;
  const url =
    absoluteUrl(canonical, inputUrl) ??
    absoluteUrl(metaContent(meta, ['og:url']), inputUrl) ??
    absoluteUrl(ldUrl, inputUrl) ??
    absoluteUrl(inputUrl, null);

  return { title, byline, published, url, siteName };
}

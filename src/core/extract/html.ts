/**
 * @module core/extract/html
 * Main content of an HTML page.
 *
 * 1. Parse with linkedom and read metadata first (JSON-LD lives in scripts that step 2 drops).
 * 2. Strip page furniture: scripts, forms, comment blocks (by id/class, because every extractor
 *    leaks comment widgets that sit inside the content div), share bars, related-post blocks,
 *    newsletter boxes and ad slots. A block that wraps the article itself is never stripped.
 * 3. Run Readability on what is left; when it finds nothing, fall back to the page's paragraphs.
 * 4. Turn the content into paragraphs ("\n\n"-separated, whitespace collapsed).
 */
import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';
import type * as ReadabilityModule from '@mozilla/readability';
import { DEFAULT_LIMITS, overLimit, type Limits } from '../limits.ts';
import type { RemovedText } from '../types.ts';
import { classifyLine } from './boilerplate.ts';
import { pageElements, readMetadata, tagName, type PageMetadata } from './metadata.ts';
import { MAX_FURNITURE_SHARE, MAX_REMOVED_DOM_CHARS, MAX_TEASER_WORDS, MIN_TEASER_LINK_SHARE, READABILITY_CHAR_THRESHOLD } from './settings.ts';

export interface HtmlContent {
  meta: PageMetadata;
  /** Readability's byline, a fallback when the page has no author metadata. */
  readabilityByline: string | null;
  readabilityTitle: string | null;
  paragraphs: string[];
  /** Furniture cut from the DOM that a reader may want to see (comment forms and threads). */
  removed: RemovedText[];
  /** Visible characters in the page body before any stripping (0 means "no text at all"). */
  visibleChars: number;
  /** Every link on the page (absolute http(s) URLs, first MAX_PAGE_LINKS, deduplicated): where a
   * copy links back to its source, if anywhere. */
  links: string[];
}

/** Links kept per page: enough for any article page with its menus; a link farm stops here. */
const MAX_PAGE_LINKS = 2000;

function pageLinks(elements: Element[], base: string | null | undefined): string[] {
  const links = new Set<string>();
  for (const el of elements) {
    if (links.size >= MAX_PAGE_LINKS) break;
    if (tagName(el) !== 'a') continue;
    const href = el.getAttribute('href');
    if (!href) continue;
    try {
      const u = base ? new URL(href, base) : new URL(href);
      if (/^https?:$/.test(u.protocol)) links.add(u.href);
    } catch {
      // A malformed href is no link.
    }
  }
  return [...links];
}

// The DOM and Readability are loaded on the first page, not at import: a plain-text trace
// never needs them, and loading them costs more than the rest of a short trace's start-up.
let dom: { parseHTML: typeof Linkedom.parseHTML; Readability: typeof ReadabilityModule.Readability } | null = null;
function htmlLibraries(): NonNullable<typeof dom> {
  if (!dom) {
    const require = createRequire(import.meta.url);
    dom = {
      parseHTML: (require('linkedom') as typeof Linkedom).parseHTML,
      Readability: (require('@mozilla/readability') as typeof ReadabilityModule).Readability,
    };
  }
  return dom;
}

// Never worth reading, wherever they sit: these elements, and anything [hidden] or
// [aria-hidden="true"].
const ALWAYS_DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'object', 'embed', 'dialog',
  'input', 'select', 'button', 'link', 'meta',
]);

// The passes below each read one list of every element (document order, metadata.ts) and test
// tag names and attributes in code: a selector query per pass, and one per furniture
// candidate, compiled the selector and walked the whole page each time.

function dropAlways(elements: readonly Element[]): void {
  for (const el of elements) {
    if (ALWAYS_DROP.has(tagName(el)) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') el.remove();
  }
}

// Comment widgets: forms and threads. Reported in `removed` when they hold text.
const COMMENT_NAME = /comment(?!ar|at)|(?:^|[\s_-])(?:respond|disqus|replies|reply-?form)(?:$|[\s_-])/i;
// Other furniture, judged by class/id names split into words.
const FURNITURE_NAME = new RegExp(
  [
    String.raw`(?:^|[\s_-])(?:share|shares|sharing|sharedaddy|sharethis|shareaholic|addtoany|a2a|social|socials|social-?share|share-?buttons?)(?:$|[\s_-])`,
    String.raw`(?:^|[\s_-])(?:related|relatedposts|related-?posts|yarpp|jp-relatedposts|more-?stories|read-?more|recommended|recirc|outbrain|taboola|mgid|zergnet|you-?may-?like)(?:$|[\s_-])`,
    String.raw`(?:^|[\s_-])(?:newsletter|newsletters|subscribe|subscription-?box|signup|sign-?up|mc4wp|optin|opt-?in)(?:$|[\s_-])`,
    String.raw`(?:^|[\s_-])(?:ad|ads|adv|advert|adverts|advertisement|advertising|adsbygoogle|adslot|ad-?slot|ad-?unit|ad-?container|ad-?wrapper|dfp|gpt-?ad|sponsor|sponsored|promo|td-a-rec|td-a-ad)(?:$|[\s_-])`,
    String.raw`(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|popup|modal|breadcrumbs?|post-?tags|tag-?list|tags-?list|author-?box|about-?author|post-?navigation|nav-?links|paywall-?prompt)(?:$|[\s_-])`,
  ].join('|'),
  'i',
);
const PROTECTED_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);
// Comment threads often mark each comment up as an <article>, so <article> is no sign of the
// main text here; the main text container (below) covers real article wrappers.
const protects = (el: Element): boolean => tagName(el) === 'main' || tagName(el) === 'h1' || el.getAttribute('itemprop') === 'articleBody';
const FORM_NAME = /respond|form|reply-?title/i;

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P',
  'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'CAPTION',
]);

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function nameOf(el: Element): string {
  return `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''}`.trim();
}

function textLength(el: Element | null): number {
  return el ? collapse(el.textContent ?? '').length : 0;
}

/**
 * The element holding the most paragraph text as direct <p> children: nearly always the article
 * body, because reader comments and link lists spread their text over many small containers.
 */
function mainTextContainer(elements: readonly Element[]): Element | null {
  const totals = new Map<Element, number>();
  for (const p of elements) {
    if (tagName(p) !== 'p') continue;
    const parent = p.parentElement;
    if (parent) totals.set(parent, (totals.get(parent) ?? 0) + textLength(p));
  }
  let best: Element | null = null;
  let bestChars = 0;
  for (const [el, chars] of totals) {
    if (chars > bestChars) {
      best = el;
      bestChars = chars;
    }
  }
  return best;
}

// Photo captions and credits: <figcaption>, or the class names themes give them.
const CAPTION_CLASSES = new Set([
  'wp-caption-text', 'caption', 'image-caption', 'photo-caption', 'media-caption', 'img-caption',
  'credit', 'image-credit', 'photo-credit', 'media-credit',
]);
const isCaption = (el: Element): boolean =>
  tagName(el) === 'figcaption' || (el.getAttribute('class') ?? '').split(/\s+/).some((c) => CAPTION_CLASSES.has(c.toLowerCase()));
// Navigation: menus, breadcrumbs, section lists.
const isNavigation = (el: Element): boolean =>
  tagName(el) === 'nav' || el.getAttribute('role') === 'navigation' || /breadcrumb/i.test(el.getAttribute('aria-label') ?? '');

/** Cuts photo captions and credits and navigation blocks; captions are reported. */
function stripCaptionsAndNav(elements: readonly Element[], wrapsMain: (el: Element) => boolean, removed: RemovedText[]): void {
  for (const el of elements) {
    if (!el.isConnected || wrapsMain(el)) continue;
    if (isCaption(el)) {
      const text = collapse(el.textContent ?? '');
      if (text) removed.push({ text: text.length > MAX_REMOVED_DOM_CHARS ? `${text.slice(0, MAX_REMOVED_DOM_CHARS)} …` : text, reason: 'caption' });
      el.remove();
    } else if (isNavigation(el)) {
      el.remove();
    }
  }
}

/**
 * Inside the extracted content: a paragraph or list item that is one short link and no
 * sentence ("Five things to know about the budget") is a teaser for another page.
 */
function stripLinkTeasers(root: Element, removed: RemovedText[]): void {
  for (const el of [...root.querySelectorAll('p, li, h2, h3, h4, h5, h6')]) {
    if (el.querySelector('p, li, img')) continue;
    const text = collapse(el.textContent ?? '');
    if (!text || text.split(' ').length > MAX_TEASER_WORDS || /[.!?:;,]["”’)]?$/u.test(text)) continue;
    const linked = [...el.querySelectorAll('a')].reduce((n, a) => n + collapse(a.textContent ?? '').length, 0);
    if (linked < MIN_TEASER_LINK_SHARE * text.length) continue;
    // Known furniture ("Source link", "Reply") is left to the line rules, which name it better.
    if (classifyLine(text) !== null) continue;
    removed.push({ text, reason: 'related-links' });
    el.remove();
  }
}

/** Removes furniture from the DOM in place; returns what a reader should be told about. */
function stripFurniture(doc: Document): RemovedText[] {
  const removed: RemovedText[] = [];
  const elements = pageElements(doc);
  const main = mainTextContainer(elements);
  const protectors = elements.filter(protects);
  // A block that wraps the article body (or a heading, <main>, articleBody) is never furniture,
  // whatever its class says (themes put "comments-open" or "social" on wrappers). A protector
  // removed with earlier furniture is no longer inside any connected block.
  const wrapsMain = (el: Element): boolean =>
    (!!main && (el === main || el.contains(main))) || protectors.some((p) => p !== el && el.contains(p));
  const bodyChars = textLength(doc.body) || 1;
  const report = (el: Element): void => {
    const text = blockParagraphs(el).join(' ');
    if (!text) return;
    const isForm = el.tagName === 'FORM' || el.tagName === 'TEXTAREA' || FORM_NAME.test(nameOf(el));
    removed.push({
      text: text.length > MAX_REMOVED_DOM_CHARS ? `${text.slice(0, MAX_REMOVED_DOM_CHARS)} …` : text,
      reason: isForm ? 'comment-form' : 'comments',
    });
  };
  stripCaptionsAndNav(elements, wrapsMain, removed);
  for (const el of elements) {
    if (tagName(el) !== 'form' && tagName(el) !== 'textarea') continue;
    if (!el.isConnected) continue;
    if (wrapsMain(el)) continue; // ASP.NET pages wrap the whole page in one <form>.
    report(el);
    el.remove();
  }
  for (const el of elements) {
    if (!el.hasAttribute('id') && !el.hasAttribute('class')) continue;
    if (!el.isConnected || PROTECTED_TAGS.has(el.tagName)) continue;
    const name = nameOf(el);
    if (!name) continue;
    const isComment = COMMENT_NAME.test(name);
    if (!isComment && !FURNITURE_NAME.test(name)) continue;
    if (wrapsMain(el)) continue;
    if (isComment) {
      report(el);
      el.remove();
      continue;
    }
    // A mis-named wrapper around the article is not furniture.
    if (textLength(el) > MAX_FURNITURE_SHARE * bodyChars) continue;
    el.remove();
  }
  return removed;
}

/** Paragraph texts of a content node, splitting at block elements and line breaks. */
export function blockParagraphs(root: Node): string[] {
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = collapse(current);
    if (t) out.push(t);
    current = '';
  };
  // Iterative walk: scraped pages can nest thousands of levels deep. A `null` entry marks the
  // end of a block element.
  const stack: (Node | null)[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      flush();
      continue;
    }
    if (node === undefined) break;
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const el = node as Element;
    const block = BLOCK_TAGS.has(el.tagName);
    if (block) {
      flush();
      stack.push(null);
    }
    // Table cells of one row read as one line.
    if (el.tagName === 'TD' || el.tagName === 'TH') current += ' ';
    const children = [...node.childNodes];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  flush();
  return out;
}

/** Text of the page's paragraphs, for pages Readability gives up on. */
function fallbackParagraphs(doc: Document): string[] {
  const paras = [...doc.querySelectorAll('p, h2, h3, li, blockquote')]
    .filter((el) => !el.parentElement?.closest('p, li, blockquote'))
    .map((el) => collapse(el.textContent ?? ''))
    .filter(Boolean);
  if (paras.some((p) => p.split(' ').length >= 8)) return paras;
  return doc.body ? blockParagraphs(doc.body) : [];
}

const RAW_TEXT_TAGS = /^(script|style|textarea|title|xmp|noscript)$/i;

/**
 * Elements a page opens, counted on the source in one linear pass (parsing is the slow part,
 * so the limit is checked before it): each "<" followed by a letter, outside comments and
 * the raw text of scripts and styles.
 */
export function countHtmlElements(html: string): number {
  let n = 0;
  let at = html.indexOf('<');
  while (at >= 0 && at < html.length - 1) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      if (close < 0) break;
      at = html.indexOf('<', close + 3);
      continue;
    }
    const c = html.charCodeAt(at + 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      n++;
      const name = /^[A-Za-z][A-Za-z0-9-]*/.exec(html.slice(at + 1, at + 12))?.[0] ?? '';
      if (RAW_TEXT_TAGS.test(name)) {
        const lower = name.toLowerCase();
        let close = html.indexOf('</', at + 1 + name.length);
        while (close >= 0 && html.slice(close + 2, close + 2 + lower.length).toLowerCase() !== lower) close = html.indexOf('</', close + 2);
        if (close < 0) break;
        at = html.indexOf('<', close + 2);
        continue;
      }
    }
    at = html.indexOf('<', at + 1);
  }
  return n;
}

/** Deepest element nesting under `root` (iterative: such pages are what overflow a recursive walk). */
function domDepth(root: Element): number {
  let max = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > max) max = d;
    for (const child of el.children) stack.push([child, d + 1]);
  }
  return max;
}

// Scripts (all but JSON-LD, which metadata reads) and style sheets are dropped before the page
// is parsed: ALWAYS_DROP would remove them from the DOM anyway, and on news pages they are
// often most of the bytes the parser would otherwise tokenise. An element ends where the HTML
// tokenizer ends a raw-text element: at the first "</script" or "</style". This is a scan
// rather than a lazy regex: with many unclosed <script>s the regex searched to the end of the
// page from each of them (20,000 took 3 s, a 20 MB page hours).
const JSON_LD_TYPE = /\btype\s*=\s*["']?application\/ld\+json/i;

function withoutScriptsAndStyles(html: string): string {
  return withoutRawText(withoutRawText(html, 'script', (attributes) => JSON_LD_TYPE.test(attributes)), 'style', () => false);
}

/**
 * `html` without each `<tag ...>...</tag>` element (closed as the tokenizer closes it: "</tag"
 * then ">" or a space or "/" and the next ">"), except those whose attributes `keep` accepts.
 * Linear: an element with no close means no later one has one either, so the scan stops there.
 */
function withoutRawText(html: string, tag: string, keep: (attributes: string) => boolean): string {
  const open = new RegExp(`<${tag}\\b`, 'gi');
  const close = new RegExp(`</${tag}`, 'gi');
  let out = '';
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tagEnd = html.indexOf('>', m.index);
    if (tagEnd < 0) break;
    let end = -1;
    close.lastIndex = tagEnd + 1;
    for (let c = close.exec(html); c; c = close.exec(html)) {
      const next = html[close.lastIndex] ?? '';
      if (next === '>') end = close.lastIndex + 1;
      else if (next === '/' || /\s/.test(next)) {
        const gt = html.indexOf('>', close.lastIndex);
        if (gt >= 0) end = gt + 1;
      }
      if (end >= 0 || !html.includes('>', close.lastIndex)) break;
    }
    if (end < 0) break;
    if (!keep(html.slice(m.index + 1 + tag.length, tagEnd))) {
      out += html.slice(from, m.index);
      from = end;
    }
    open.lastIndex = end;
  }
  return from === 0 ? html : out + html.slice(from);
}

/**
 * Parses a page and returns its metadata and main-content paragraphs. Pure. A page with more
 * elements than `limits.maxHtmlElements` is refused (INPUT_OVER_LIMIT naming `subject`); one
 * nested deeper than `limits.maxDomDepth` is read as its plain block text, because
 * Readability and the furniture pass are quadratic in depth.
 */
export function extractHtml(
  html: string,
  inputUrl: string | null | undefined,
  limits: Pick<Limits, 'maxHtmlElements' | 'maxDomDepth'> = DEFAULT_LIMITS,
  subject = 'page',
): HtmlContent {
  const opened = countHtmlElements(html);
  if (opened > limits.maxHtmlElements) throw overLimit(subject, 'HTML elements', opened, limits.maxHtmlElements);
  // linkedom needs a document element to build <head>/<body>; fragments get a wrapper.
  const page = withoutScriptsAndStyles(html);
  const source = /<html[\s>]/i.test(page) ? page : `<!DOCTYPE html><html><head></head><body>${page}</body></html>`;
  const { parseHTML, Readability } = htmlLibraries();
  const { document } = parseHTML(source);
  const elements = pageElements(document);
  const meta = readMetadata(document, inputUrl, elements);
  const links = pageLinks(elements, meta.url ?? inputUrl);
  if (domDepth(document.documentElement) > limits.maxDomDepth) {
    dropAlways(elements);
    const paragraphs = document.body ? blockParagraphs(document.body) : [];
    return { meta, readabilityByline: null, readabilityTitle: null, paragraphs, removed: [], visibleChars: textLength(document.body), links };
  }

  dropAlways(elements);
  const visibleChars = textLength(document.body);
  const removed = stripFurniture(document);

  let paragraphs: string[] = [];
  let readabilityByline: string | null = null;
  let readabilityTitle: string | null = null;
  try {
    // Readability rewrites the document it reads; the fallback below re-parses instead.
    const result = new Readability<Node>(document, {
      charThreshold: READABILITY_CHAR_THRESHOLD,
      serializer: (node: Node) => node,
      // Only the text is read from the result, so Readability need not strip class names.
      keepClasses: true,
    }).parse();
    if (result?.content) {
      stripLinkTeasers(result.content as unknown as Element, removed);
      paragraphs = blockParagraphs(result.content);
      readabilityByline = result.byline ? collapse(result.byline) : null;
      readabilityTitle = result.title ? collapse(result.title) : null;
    }
  } catch {
    // Readability throws on a few malformed trees; the fallback below still reads the page.
    paragraphs = [];
  }
  if (paragraphs.length === 0) {
    const fresh = parseHTML(source).document;
    dropAlways(pageElements(fresh));
    stripFurniture(fresh);
    paragraphs = fallbackParagraphs(fresh);
  }
  return { meta, readabilityByline, readabilityTitle, paragraphs, removed, visibleChars, links };
}

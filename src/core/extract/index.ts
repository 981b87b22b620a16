/**
 * @module core/extract
 * The extract stage: RawInput -> ExtractedArticle.
 *
 * 1. HTML goes through `extractHtml` (metadata, furniture stripping, Readability, fallback);
 *    plain text through `splitTitle` and `reflowParagraphs`.
 * 2. A leading copy of the title, a "By ..." line and a "Published ..." line are lifted out of
 *    the body into their fields.
 * 3. `removeBoilerplate` cuts the furniture lines every extractor leaks, keeping each cut piece.
 *
 * Only input with no text at all is an error (NO_ARTICLE). A page whose only content is
 * furniture (a published LLM refusal, a bare comment form) gives an empty body and a filled
 * `removed` list, so the report can show what was there.
 */
import { UnspunError } from '../errors.ts';
import { checkTextLimits, resolveLimits, type Limits } from '../limits.ts';
import type { ExtractedArticle, RawInput, RemovedText } from '../types.ts';
import { removeBoilerplate } from './boilerplate.ts';
import { extractHtml } from './html.ts';
import { cleanByline, normalizeDate, stripSiteSuffix } from './metadata.ts';
import { reflowParagraphs, splitTitle } from './text.ts';
import { isBareDateline } from './furniture.ts';
import { HEADER_PARAGRAPHS, MAX_BYLINE_WORDS } from './settings.ts';

export { removeBoilerplate, classifyLine, type BoilerplateReason } from './boilerplate.ts';
export { normalizeDate } from './metadata.ts';

const BYLINE_LINE = /^(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Ww]ords by)\s*:?\s+(\p{Lu}[\p{L}.'’ -]{1,60}(?:(?:,| and| &) \p{Lu}[\p{L}.'’ -]{1,60}){0,3})(?:\s*[,|–—-]\s*.{0,60})?$/u;
const DATE_LINE = /^(?:published|updated|posted|last updated|first published|date)(?: on| at)?\s*:?\s+(.{4,60})$/i;
// A bare date, optionally with a time and a reading-time note: "November 2, 2023 · 4 min read".
const BARE_DATE_LINE = /^(?:[A-Za-z]{3,9},?\s+)?(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?(?:\s*[·|•–—-]\s*\d+\s*min(?:ute)?s?\s*read)?$/i;

function comparable(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

interface Header {
  body: string[];
  byline: string | null;
  published: string | null;
  removed: RemovedText[];
}

/** Lifts a repeated title, a byline and a date line off the top of the body. */
function liftHeader(paragraphs: string[], title: string | null): Header {
  const removed: RemovedText[] = [];
  let byline: string | null = null;
  let published: string | null = null;
  const body = [...paragraphs];
  const titleKey = title ? comparable(title) : null;
  for (let i = 0; i < Math.min(HEADER_PARAGRAPHS, body.length); ) {
    const p = body[i];
    if (titleKey && comparable(p) === titleKey) {
      removed.push({ text: p, reason: 'repeated-title' });
      body.splice(i, 1);
      continue;
    }
    const by = BYLINE_LINE.exec(p);
    if (by && p.split(/\s+/).length <= MAX_BYLINE_WORDS) {
      byline ??= cleanByline(p.replace(/\s*[,|–—-]\s*(?:\p{Ll}|\d).*$/u, ''));
      removed.push({ text: p, reason: 'byline' });
      body.splice(i, 1);
      continue;
    }
    const date = DATE_LINE.exec(p) ?? (BARE_DATE_LINE.test(p) ? [p, p] : null);
    if (date && normalizeDate(date[1])) {
      published ??= normalizeDate(date[1]);
      removed.push({ text: p, reason: 'timestamp' });
      body.splice(i, 1);
      continue;
    }
    // A dateline or place tag on its own line ("New Delhi", "LONDON (Reuters) -"); only while
    // no paragraph of the article has been kept above it.
    if (i === 0 && titleKey && body.length > 1 && isBareDateline(p)) {
      removed.push({ text: p, reason: 'dateline' });
      body.splice(i, 1);
      continue;
    }
    i++;
  }
  // The headline repeated further down (autoblogs print it again above the text or the photo).
  for (let j = body.length - 1; j >= 0 && titleKey; j--) {
    if (comparable(body[j]) !== titleKey) continue;
    removed.push({ text: body[j], reason: 'repeated-title' });
    body.splice(j, 1);
  }
  return { body, byline, published, removed };
}

function extractFromHtml(input: RawInput, limits: Limits): ExtractedArticle {
  const page = extractHtml(input.content, input.url, limits, input.name);
  if (page.visibleChars === 0) throw new UnspunError('NO_ARTICLE', input.name, 'the page has no visible text');
  const title = page.meta.title ?? (page.readabilityTitle ? stripSiteSuffix(page.readabilityTitle, page.meta.siteName) : null);
  const header = liftHeader(page.paragraphs, title);
  const cleaned = removeBoilerplate(header.body.join('\n\n'));
  return {
    title,
    byline: page.meta.byline ?? cleanByline(page.readabilityByline) ?? header.byline,
    published: page.meta.published ?? header.published,
    url: page.meta.url,
    text: cleaned.text,
    removed: [...header.removed, ...cleaned.removed, ...page.removed],
    links: page.links,
  };
}

function extractFromText(input: RawInput): ExtractedArticle {
  if (!input.content.trim()) throw new UnspunError('NO_ARTICLE', input.name, 'the text is empty');
  const parts = splitTitle(input.content);
  // Furniture is judged line by line before lines are re-flowed into paragraphs.
  const cleaned = removeBoilerplate(parts.body);
  const header = liftHeader(reflowParagraphs(cleaned.text).split('\n\n').filter(Boolean), parts.title);
  // A title line that is itself furniture ("I'm sorry, but I can't ...") is reported, not kept.
  let title = parts.title;
  const titleCheck = title ? removeBoilerplate(title) : null;
  const removed = [...parts.removed];
  if (titleCheck && !titleCheck.text) {
    removed.push(...titleCheck.removed);
    title = null;
  }
  return {
    title,
    byline: header.byline,
    published: header.published,
    url: input.url ?? null,
    text: header.body.join('\n\n'),
    removed: [...removed, ...header.removed, ...cleaned.removed],
    links: textLinks(input.content),
  };
}

/**
 * Extracts an article's fields and clean body from raw HTML or plain text. Input over a limit
 * of core/limits.ts (HTML elements; words or a run without spaces, checked on plain text
 * before the work and on the extracted body after it) is refused with INPUT_OVER_LIMIT.
 */
export function extractArticle(input: RawInput, limitOverrides: Partial<Limits> = {}): ExtractedArticle {
  const limits = resolveLimits(limitOverrides);
  // Text pasted into an HTML field has no tags; reading it as HTML would merge its paragraphs.
  const isHtml = input.kind === 'html' && /<[a-z!/]/i.test(input.content);
  if (!isHtml) checkTextLimits(input.content, input.name, limits);
  const article = isHtml ? extractFromHtml(input, limits) : extractFromText(input);
  if (isHtml) checkTextLimits(article.text, input.name, limits);
  return article;
}

/** Web addresses written in a plain text (a pasted "Source: https://..." line), deduplicated. */
function textLinks(text: string): string[] {
  const links = new Set<string>();
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"'()[\]]+/g)) links.add(m[0].replace(/[.,;:!?]+$/, ''));
  return [...links];
}

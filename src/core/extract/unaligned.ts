/**
 * @module core/extract/unaligned
 * Furniture that can only be told from text once the source is known: a paragraph that no
 * source sentence supports, and that is
 *
 * - a label line: a few capitalised words with no verb, figure or sentence end ("Boris
 *   Johnson" under a photo, "Market Reaction"), never a claim;
 * - a correction or update note ("(This story corrects ...)"), which the source may also carry
 *   when it is the corrected version, so it is furniture only when nothing aligns with it. It
 *   stays in the body, labelled `boilerplate` instead of `inserted` (KEPT_IN_BODY): a note the
 *   source lacks says the copy follows a later version of it;
 * - a short paragraph printed twice (a caption repeated above and below a photo);
 * - a line that recurs on many pages of the page's own site (its template), as counted by a
 *   store with the SiteLineStore capability (core/site-lines.ts).
 *
 * The pipeline asks after alignment (or, with no source, of every paragraph), cuts what is
 * found into `removed`, and splits and aligns again. A sentence that aligns with the source
 * is never cut here, so a real sentence that merely looks like furniture stays.
 */
import type { AlignmentGroup, ExtractedArticle, RemovedText, SplitArticle } from '../types.ts';
import { lineKey } from '../site-lines.ts';
import { isCorrectionNote } from './furniture.ts';
import { MAX_CAPTION_WORDS, MAX_LABEL_WORDS, SITE_TEMPLATE_MIN_PAGES } from './settings.ts';

/** Stable reason codes for paragraphs cut after alignment. */
export type UnalignedReason = 'label' | 'correction-note' | 'repeated-line' | 'site-template';

// Words a label line may hold besides capitalised ones ("Minister of State", "Home and Away").
const LABEL_CONNECTORS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'at', 'to', 'a', 'an', 'de', 'la', 'von', 'van', 'al', '&', '-', '–', '—', '|', '/']);

/**
 * A label line: at most MAX_LABEL_WORDS words, each capitalised or a connector, no digits,
 * quotation or sentence end. "Boris Johnson", "Market Reaction", "In Pictures".
 */
export function isLabelLine(text: string): boolean {
  const line = text.trim();
  if (!line || /[\d"“”«»]|[.!?;,]["”’)]?$/u.test(line) || !/\p{L}/u.test(line)) return false;
  const words = line.split(/\s+/);
  if (words.length > MAX_LABEL_WORDS) return false;
  return words.every((w) => /^[(‘'’]?[\p{Lu}]/u.test(w) || LABEL_CONNECTORS.has(w.toLowerCase()));
}

/** Why a paragraph with no source support is furniture by its shape alone, or null. */
export function unalignedParagraphReason(text: string): 'label' | 'correction-note' | null {
  if (isLabelLine(text)) return 'label';
  if (isCorrectionNote(text.trim())) return 'correction-note';
  return null;
}

/** Furniture kept in the body and labelled rather than cut (see the module comment). */
export const KEPT_IN_BODY: ReadonlySet<UnalignedReason> = new Set(['correction-note']);

export interface ParagraphCut {
  /** Offsets of the paragraph in the body. */
  start: number;
  end: number;
  reason: UnalignedReason;
}

/**
 * The paragraphs of a split body that are furniture: none of their sentences is aligned to a
 * source sentence, and their shape, a repeat inside the body or their recurrence on other
 * pages of the site (`siteCounts`: line key -> number of other pages) says so.
 */
export function unalignedFurniture(split: SplitArticle, alignment: AlignmentGroup[] | null, siteCounts: ReadonlyMap<string, number> = new Map()): ParagraphCut[] {
  const aligned = new Set<number>();
  for (const g of alignment ?? []) if (g.source) for (const i of g.suspect) aligned.add(i);
  const paragraphs = new Map<number, { start: number; end: number; aligned: boolean }>();
  for (const s of split.sentences) {
    const p = paragraphs.get(s.paragraph);
    if (p) {
      p.end = s.end;
      p.aligned ||= aligned.has(s.index);
    } else {
      paragraphs.set(s.paragraph, { start: s.start, end: s.end, aligned: aligned.has(s.index) });
    }
  }
  // A repeat inside the body is the same words and figures ("Item 3 ..." and "Item 4 ..." are
  // two items); only the site template key folds figures (lineKey).
  const repeatCount = new Map<string, number>();
  const keyed = [...paragraphs.values()].map((p) => {
    const text = split.text.slice(p.start, p.end);
    const key = lineKey(text);
    const repeat = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (repeat) repeatCount.set(repeat, (repeatCount.get(repeat) ?? 0) + 1);
    return { ...p, text, key, repeat };
  });
  const cuts: ParagraphCut[] = [];
  for (const p of keyed) {
    if (p.aligned) continue;
    let reason: UnalignedReason | null = unalignedParagraphReason(p.text);
    if (!reason && p.key && (siteCounts.get(p.key) ?? 0) >= SITE_TEMPLATE_MIN_PAGES) reason = 'site-template';
    if (!reason && p.repeat && (repeatCount.get(p.repeat) ?? 0) > 1 && p.text.split(/\s+/).length <= MAX_CAPTION_WORDS) reason = 'repeated-line';
    if (reason) cuts.push({ start: p.start, end: p.end, reason });
  }
  return cuts;
}

/** Cuts paragraphs out of an extracted body, listing each in `removed`. */
export function cutParagraphs(article: ExtractedArticle, cuts: ParagraphCut[]): ExtractedArticle {
  if (cuts.length === 0) return article;
  const removed: RemovedText[] = [];
  let text = '';
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a.start - b.start)) {
    if (c.start < from) continue;
    text += article.text.slice(from, c.start);
    removed.push({ text: article.text.slice(c.start, c.end), reason: c.reason });
    from = c.end;
  }
  text += article.text.slice(from);
  // Close the gaps: paragraphs stay separated by exactly one blank line.
  text = text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/^\s+|\s+$/g, '');
  return { ...article, text, removed: [...article.removed, ...removed] };
}

/**
 * @module core/classify/rules/quotes
 * A quotation must be quoted word for word: words changed inside quotation marks are
 * `quote-altered`, whoever made the change.
 */
import { NEGATORS, STOPWORDS, stem, type Token } from '../../text/tokens.ts';
import type { Hit } from '../catalogue.ts';
import { span, type PairContext } from '../pair.ts';
import { QUOTE_MATCH_MIN } from '../settings.ts';
import { containsSequence } from '../words.ts';

const quoteWords = (tokens: readonly Token[]) => tokens.map((t) => t.norm);

/** Words changed inside quotation marks: a quote must be quoted word for word. */
export function detectQuotes(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  const out: Hit[] = [];
  for (const q of suspect.quotes) {
    const qw = quoteWords(q.tokens);
    if (qw.length === 0) continue;
    // Verbatim somewhere in the source (quoted or not): fine.
    if (containsSequence(source.tokens.map((t) => t.norm), qw)) continue;
    const qContent = new Set(qw.filter((w) => !STOPWORDS.has(w)).map(stem));
    if (qContent.size === 0) continue;
    let best: { tokens: readonly Token[]; start: number; end: number; text: string; share: number } | null = null;
    for (const s of source.quotes) {
      const share = overlapShare(qContent, s.tokens);
      if (share > (best?.share ?? 0)) best = { tokens: s.tokens, start: s.start, end: s.end, text: s.text, share };
    }
    // One quotation on each side of an aligned pair is the same quotation even when every
    // content word changed ("extremely difficult" -> "extraordinarily hard").
    const onlyPair = suspect.quotes.length === 1 && source.quotes.length === 1;
    if (onlyPair && (!best || best.share < QUOTE_MATCH_MIN)) {
      const s = source.quotes[0];
      best = { tokens: s.tokens, start: s.start, end: s.end, text: s.text, share: 0 };
    } else if (!best || best.share < QUOTE_MATCH_MIN) continue;
    const sw = quoteWords(best.tokens);
    const removed = sw.filter((w) => !qw.includes(w));
    const added = q.tokens.filter((t) => !sw.includes(t.norm));
    if (added.length === 0 && removed.length === 0) continue;
    const serious = added.some((t) => t.numeric || NEGATORS.has(t.norm)) || removed.some((w) => /\d/.test(w) || NEGATORS.has(w));
    out.push({
      rule: 'quote-altered',
      severity: serious ? 'figureOrNegator' : undefined,
      confidence: best.share >= 0.6 ? 'closeMatch' : best.share >= QUOTE_MATCH_MIN ? 'match' : undefined,
      reason: `The quotation differs from the source's: ${added.length ? `"${added.map((t) => t.text).join(' ')}" in the copy` : ''}${added.length && removed.length ? ' where the source has ' : ''}${removed.length ? `"${removed.join(' ')}"` : ''}${!removed.length ? ' is not in the source quote' : ''}.`,
      suspect: [span(suspect.text, q.start, q.end)], source: [span(source.text, best.start, best.end)],
    });
  }
  return out;
}

function overlapShare(stems: Set<string>, tokens: readonly Token[]): number {
  const other = new Set(tokens.filter((t) => !STOPWORDS.has(t.norm)).map((t) => stem(t.norm)));
  let n = 0;
  for (const s of stems) if (other.has(s)) n++;
  return n / stems.size;
}

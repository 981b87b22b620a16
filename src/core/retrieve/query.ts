/**
 * @module core/retrieve/query
 * Picks the suspect's most distinctive words for the full-text query. Rewriters change
 * common words first; names, numbers, quoted words and rare content words survive, so those
 * are what we search for, weighted by how rare they are in the corpus.
 */
import { tokenize, isContentWord, type Token } from '../text/tokens.ts';

export type TermKind = 'name' | 'number' | 'quote' | 'word';

/** A word of the suspect that could go into the full-text query. */
export interface QueryTerm {
  /** Normalised form, as sent to the store. */
  norm: string;
  /** How it first appeared, for display ("Khankendi", "120,000"). */
  display: string;
  kind: TermKind;
  /** Occurrences in the suspect. */
  count: number;
}

/** Character ranges of quoted passages ("..." or “...”), so words inside can be marked. */
export function quotedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const re = /(?:"|“|``)([^"“”]{3,400}?)(?:"|”|'')/g;
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    ranges.push([start, start + m[0].length]);
  }
  return ranges;
}

function isSentenceStart(text: string, token: Token): boolean {
  const before = text.slice(Math.max(0, token.start - 4), token.start);
  return token.start === 0 || /(^|[.!?:"“”'`(\n]\s*)$/.test(before) || /^\s*$/.test(before);
}

// Tokens we never query: they are too short or pure punctuation-like numbers ("1", "2").
function usable(t: Token): boolean {
  if (!isContentWord(t.norm)) return false;
  if (t.numeric) return t.norm.replace(/\D/g, '').length >= 2;
  return t.norm.length >= 3 && /\p{L}/u.test(t.norm);
}

/**
 * Candidate query words of a text, one per normalised form, with a kind. A word is a `name`
 * when it is capitalised somewhere other than at the start of a sentence (and not written in
 * capitals throughout, as headlines are).
 */
export function extractQueryTerms(text: string): QueryTerm[] {
  const quotes = quotedRanges(text);
  const inQuote = (pos: number) => quotes.some(([a, b]) => pos >= a && pos < b);
  const byNorm = new Map<string, QueryTerm & { midCap: number; lower: number }>();
  for (const t of tokenize(text)) {
    if (!usable(t)) continue;
    let term = byNorm.get(t.norm);
    if (!term) {
      term = { norm: t.norm, display: t.text, kind: t.numeric ? 'number' : 'word', count: 0, midCap: 0, lower: 0 };
      byNorm.set(t.norm, term);
    }
    term.count++;
    if (t.numeric) continue;
    const allCaps = t.text.length > 1 && t.text === t.text.toUpperCase();
    // Show a word as running text writes it, not as a capitalised headline does.
    if (!allCaps && term.display === term.display.toUpperCase() && term.display.length > 1) term.display = t.text;
    if (t.capitalized && !allCaps && !isSentenceStart(text, t)) {
      term.midCap++;
      if (term.midCap === 1) term.display = t.text;
    } else if (!t.capitalized) term.lower++;
    if (term.kind === 'word' && inQuote(t.start)) term.kind = 'quote';
  }
  const out: QueryTerm[] = [];
  for (const term of byNorm.values()) {
    let kind = term.kind;
    if (kind !== 'number' && term.midCap > 0 && term.midCap >= term.lower) kind = 'name';
    const shouting = term.display.length > 1 && term.display === term.display.toUpperCase() && !/\d/.test(term.display);
    out.push({ norm: term.norm, display: shouting && kind !== 'name' ? term.norm : term.display, kind, count: term.count });
  }
  return out;
}

/** Inverse document frequency, smoothed so unseen words get the highest value. */
export function idf(df: number, corpusSize: number): number {
  return Math.log((corpusSize + 1) / (df + 0.5));
}

export interface QueryWeights {
  limit: number;
  /** Words in more articles than this are not queried (the postings cap, or a share of a small corpus). */
  maxDf: number;
  nameBoost: number;
  numberBoost: number;
  quoteBoost: number;
}

/** A query term with the weight a match on it is worth. */
export interface WeightedQueryTerm extends QueryTerm {
  weight: number;
}

/**
 * The `limit` most distinctive terms: IDF times a boost for names, numbers and quoted words,
 * times a mild bonus for repetition (that product is each term's weight). Words absent from
 * the corpus are dropped (they cannot match), as are words in more than `maxDf` articles.
 */
export function selectQueryTerms(
  terms: QueryTerm[],
  df: ReadonlyMap<string, number>,
  corpusSize: number,
  w: QueryWeights,
): WeightedQueryTerm[] {
  const maxDf = Math.max(2, w.maxDf);
  const scored: Array<{ term: QueryTerm; score: number }> = [];
  for (const term of terms) {
    const n = df.get(term.norm) ?? 0;
    if (n === 0 || n > maxDf) continue;
    const boost =
      term.kind === 'name' ? w.nameBoost : term.kind === 'number' ? w.numberBoost : term.kind === 'quote' ? w.quoteBoost : 1;
    scored.push({ term, score: idf(n, corpusSize) * boost * (1 + Math.log(term.count) / 2) });
  }
  scored.sort((a, b) => b.score - a.score || a.term.norm.localeCompare(b.term.norm));
  return scored.slice(0, w.limit).map((s) => ({ ...s.term, weight: s.score }));
}

/**
 * @module core/index/terms
 * The words a store counts and posts for the candidate step, in one form shared by the index
 * side (each stored article) and the query side (the suspect), so the two always agree:
 *
 * 1. Words are core/text tokens (so "U.S.", "3.5", "120,000", "trump's", "back-to-back" are
 *    one word each, as retrieval sees them), normalised by normalizeWord.
 * 2. Function words are dropped (isContentWord); the rest are Porter-stemmed (numbers pass
 *    through), so "Harbours" and "harbour" count as one term.
 * 3. Each term is hashed to a 52-bit integer (termHash): stores keep integers, not strings
 *    (about 5M distinct terms at 1M articles give an expected 0.003 collisions).
 *
 * Document frequencies are kept for every term. Postings (which articles hold a term) are
 * kept only for *postable* terms (numbers of two or more digits, words of three or more
 * letters: what a query may use) and only while a term's document frequency stays at or
 * under POSTINGS_DF_CAP, a constant that does not grow with the corpus: the cost of looking
 * up a suspect's rare terms is bounded by the story, not by the number of articles.
 *
 * Stable: stored data depends on it (bump TERMS_VERSION on any change).
 */
import { isContentWord, normalizeWord, stem, WORD_RE } from '../text/tokens.ts';
import type { ReferenceArticle } from '../types.ts';

/** The term a normalised word counts as, or null for a function word. */
export function termOfNorm(norm: string): string | null {
  return isContentWord(norm) ? stem(norm) : null;
}

/** Whether a normalised word may be posted (and so queried): long enough to say something. */
export function isPostable(norm: string): boolean {
  if (/\d/.test(norm)) return norm.replace(/\D/g, '').length >= 2;
  return norm.length >= 3 && /\p{L}/u.test(norm);
}

/** 52-bit hash of a term (two FNV-1a passes with different offsets), a safe JS integer. */
export function termHash(term: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (b >>> 12) * 2 ** 32 + (a >>> 0);
}

/** The term hash a word (as a user or the suspect writes it) is counted under, or null. */
export function wordTermHash(word: string): number | null {
  const term = termOfNorm(normalizeWord(word));
  return term === null ? null : termHash(term);
}

// A private copy: exec() moves lastIndex, which must not leak into other users of WORD_RE.
const WORDS = new RegExp(WORD_RE.source, WORD_RE.flags);

interface WordEntry {
  hash: number;
  postable: boolean;
}

// Raw word -> its term. News vocabulary repeats heavily, so this skips most normalising and
// stemming at index time (the main cost of term extraction).
const wordCache = new Map<string, WordEntry | null>();
const WORD_CACHE_MAX = 1_000_000;

function entryOf(raw: string): WordEntry | null {
  let e = wordCache.get(raw);
  if (e !== undefined) return e;
  const norm = normalizeWord(raw);
  const term = termOfNorm(norm);
  e = term === null ? null : { hash: termHash(term), postable: isPostable(norm) };
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  wordCache.set(raw, e);
  return e;
}

/** The distinct terms of an article (title and body): all of them, and the postable subset. */
export interface ArticleTerms {
  terms: number[];
  postable: number[];
}

export function articleTerms(article: Pick<ReferenceArticle, 'title' | 'text'>): ArticleTerms {
  const all = new Set<number>();
  const postable = new Set<number>();
  for (const text of [article.title ?? '', article.text]) {
    WORDS.lastIndex = 0;
    for (let m = WORDS.exec(text); m; m = WORDS.exec(text)) {
      const e = entryOf(m[0]);
      if (!e) continue;
      all.add(e.hash);
      if (e.postable) postable.add(e.hash);
    }
  }
  return { terms: [...all], postable: [...postable] };
}

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of an ISO date or datetime ("2024-03-05", "2024-03-05T10:00:00Z"),
 * by its calendar date as written; null when missing or unreadable.
 */
export function publishedDay(published: string | null | undefined): number | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(t) || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return null;
  return Math.floor(t / DAY_MS);
}

/** The month a day falls in, as yyyymm (202403); 0 for undated. Stores partition by it. */
export function monthOfDay(day: number | null): number {
  if (day === null) return 0;
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

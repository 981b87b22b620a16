/**
 * @module core/phrases/ngrams
 * Word n-grams as the phrase model counts them, and their hashed keys.
 *
 * Definition (stable: the shipped phrase table and every store's phrase counts depend on it;
 * bump PHRASE_KEY_VERSION when it changes):
 * 1. Words are runs of letters with inner apostrophes ("don't"), lower-cased after NFKC. A
 *    hyphen or white space between two words joins them into one run ("fire-fighters" counts as
 *    "fire fighters"); anything else (a digit, punctuation, a line break) ends the run, so no
 *    n-gram spans a clause break or a number.
 * 2. The n-grams are every word (unigram), and every two (bigram) and three (trigram)
 *    consecutive words of a run, written with single spaces.
 * 3. A key is two 32-bit FNV-1a hashes of that string (different offset bases) combined into
 *    one 53-bit integer, a safe JavaScript integer that fits SQLite INTEGER and PostgreSQL BIGINT.
 */

export const PHRASE_KEY_VERSION = 1;

export interface PhraseWord {
  /** Lower-cased, NFKC. */
  norm: string;
  /** Offsets into the text given. */
  start: number;
  end: number;
  /** Index of the run (words of one run may form n-grams together). */
  run: number;
}

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
// Joins two words into one run: spaces, tabs, one hyphen (with optional spaces), no line break.
const JOINER = /^(?:[ \t\u00a0]+|[ \t]*[-‐‑][ \t]*)$/;

/** The words of a text with their runs (see the module note). */
export function phraseWords(text: string): PhraseWord[] {
  const out: PhraseWord[] = [];
  let run = 0;
  let prevEnd = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const raw = m[0];
    if (prevEnd >= 0 && !JOINER.test(text.slice(prevEnd, start))) run++;
    let norm = raw.toLowerCase();
    if (/[^\x00-\x7f]/.test(norm)) norm = norm.normalize('NFKC').replace(/’/g, "'");
    out.push({ norm, start, end: start + raw.length, run });
    prevEnd = start + raw.length;
  }
  return out;
}

function fnv1a(s: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Offset bases of the two FNV-1a hashes of a phrase (core/phrases/table.ts inlines them). */
export const PHRASE_HASH_BASIS_1 = 0x811c9dc5;
export const PHRASE_HASH_BASIS_2 = 0x5bd1e995;

/** The two 32-bit hashes of a phrase ("fire fighters"). */
export function phraseHashes(phrase: string): [number, number] {
  return [fnv1a(phrase, PHRASE_HASH_BASIS_1), fnv1a(phrase, PHRASE_HASH_BASIS_2)];
}

/** The 53-bit key of a phrase: h1 * 2^21 + the top 21 bits of h2. */
export function phraseKey(phrase: string): number {
  const [h1, h2] = phraseHashes(phrase);
  return h1 * 2 ** 21 + (h2 >>> 11);
}

/** Splits a 53-bit key back into h1 and the 21 bits of h2 it keeps. */
export function splitPhraseKey(key: number): [number, number] {
  const h1 = Math.floor(key / 2 ** 21);
  return [h1, key - h1 * 2 ** 21];
}

/** Every unigram, bigram and trigram of a text, as phrase strings (repeats included). */
export function* phraseNgrams(text: string): Generator<string> {
  const words = phraseWords(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    yield w.norm;
    const b = words[i + 1];
    if (!b || b.run !== w.run) continue;
    yield `${w.norm} ${b.norm}`;
    const c = words[i + 2];
    if (c && c.run === w.run) yield `${w.norm} ${b.norm} ${c.norm}`;
  }
}

/**
 * Longest n-gram an index counts. The single-article checks ask for words and word pairs only;
 * trigrams would double the rows (about 700 per article) for nothing they read.
 */
export const INDEX_MAX_N = 2;

/**
 * How often each n-gram key (up to `maxN` words) occurs in a text: what an index adds to its
 * phrase counts for one article (and subtracts when the article is replaced). Sorted by key.
 */
export function articlePhraseCounts(text: string, maxN = INDEX_MAX_N): [number, number][] {
  const counts = new Map<number, number>();
  const bump = (k: number) => counts.set(k, (counts.get(k) ?? 0) + 1);
  if (maxN >= 3) {
    for (const p of phraseNgrams(text)) bump(phraseKey(p));
  } else {
    // Indexing runs this on every article: the keys of "a" and "a b" come from the words'
    // hashes carried on (FNV-1a is a running hash), without building the phrase strings.
    const words = phraseWords(text);
    for (let i = 0; i < words.length; i++) {
      const w = words[i].norm;
      const h1 = fnv1aFrom(w, PHRASE_HASH_BASIS_1);
      const h2 = fnv1aFrom(w, PHRASE_HASH_BASIS_2);
      bump((h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) >>> 11));
      const b = words[i + 1];
      if (maxN < 2 || !b || b.run !== words[i].run) continue;
      const b1 = fnv1aFrom(b.norm, Math.imul(h1 ^ 32, 0x01000193));
      const b2 = fnv1aFrom(b.norm, Math.imul(h2 ^ 32, 0x01000193));
      bump((b1 >>> 0) * 2 ** 21 + ((b2 >>> 0) >>> 11));
    }
  }
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/** FNV-1a of `s` carried on from state `h` (unsigned conversion left to the caller). */
function fnv1aFrom(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

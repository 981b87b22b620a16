/**
 * @module core/retrieve/features
 * The finer evidence used to re-rank candidates and to decide whether one is a source:
 * sentence coverage (how many suspect sentences have a close counterpart in the candidate,
 * by IDF-weighted content-stem containment, so reordering and a share of swapped words do
 * not hide a match), shared rare names/numbers/quotes, and word-shingle overlap for
 * near-verbatim copies. Pure: IDF comes in as a function.
 */
import { tokenize, isContentWord, stem } from '../text/tokens.ts';
import type { QueryTerm } from './query.ts';

export interface FeatureSettings {
  sentenceMatchMin: number;
  sentenceMinStems: number;
  pairDiscount: number;
  shingleSize: number;
  sharedRareSample: number;
}

interface SentenceStems {
  stems: string[];
  weight: number;
}

/** Everything about the suspect that comparisons need, computed once per trace. */
export interface SuspectProfile {
  sentences: SentenceStems[];
  /** Indexes of sentences long enough to count. */
  eligible: number[];
  stemWeight: ReadonlyMap<string, number>;
  /** Content stems of the whole suspect with their weights. */
  docStems: ReadonlyMap<string, number>;
  docWeight: number;
  shingles: ReadonlySet<string>;
  /** Rare terms worth showing when shared, rarest first. */
  rare: readonly QueryTerm[];
}

/** Evidence for one candidate. */
export interface CandidateFeatures {
  /** Share of eligible suspect sentences with a counterpart at or above the match threshold. */
  sentenceCoverage: number;
  /** Mean best containment over eligible suspect sentences (a smooth version of coverage). */
  softCoverage: number;
  /** Eligible suspect sentences with a counterpart, and how many are eligible. */
  matchedSentences: number;
  eligibleSentences: number;
  /** Indexes of suspect sentences with a counterpart (for adding further sources). */
  covered: number[];
  sharedRareCount: number;
  sharedRare: string[];
  /** Kinds of the shared rare terms, for the explanation line. */
  sharedRareNames: number;
  sharedRareNumbers: number;
  /** Exact Jaccard of word n-gram sets, 0..1. */
  shingleJaccard: number;
  /** Share of the suspect's word n-grams found in the candidate, 0..1. */
  shingleContainment: number;
  /** IDF-weighted share of the suspect's content stems found in the candidate, 0..1. */
  termContainment: number;
}

function sentenceStems(text: string, weightOf: (s: string) => number): SentenceStems {
  const stems = [...new Set(contentStemsOf(text))];
  let weight = 0;
  for (const s of stems) weight += weightOf(s);
  return { stems, weight };
}

function contentStemsOf(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (isContentWord(t.norm)) out.push(stem(t.norm));
  return out;
}

/** Word n-grams over all normalised tokens (function words included: they make copies exact). */
export function wordShingles(text: string, size: number): Set<string> {
  const words = tokenize(text).map((t) => t.norm);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

/**
 * Builds the suspect profile. `weightOfNorm` gives the IDF of a normalised word; a stem takes
 * the highest weight of its words. `rare` lists terms rare enough to show as evidence.
 */
export function profileSuspect(
  text: string,
  sentences: readonly string[],
  weightOfNorm: (norm: string) => number,
  rare: readonly QueryTerm[],
  settings: FeatureSettings,
): SuspectProfile {
  const stemWeight = new Map<string, number>();
  for (const t of tokenize(text)) {
    if (!isContentWord(t.norm)) continue;
    const s = stem(t.norm);
    const w = weightOfNorm(t.norm);
    if (w > (stemWeight.get(s) ?? 0)) stemWeight.set(s, w);
  }
  const weightOf = (s: string) => stemWeight.get(s) ?? 0;
  const sents = sentences.map((s) => sentenceStems(s, weightOf));
  const eligible: number[] = [];
  sents.forEach((s, i) => {
    if (s.stems.length >= settings.sentenceMinStems) eligible.push(i);
  });
  let docWeight = 0;
  for (const w of stemWeight.values()) docWeight += w;
  return {
    sentences: sents,
    eligible,
    stemWeight,
    docStems: stemWeight,
    docWeight,
    shingles: wordShingles(text, settings.shingleSize),
    rare,
  };
}

/**
 * Best containment of each suspect sentence in one candidate sentence or two adjacent ones
 * (a rewrite may merge two source sentences). Returns one value per suspect sentence.
 */
export function sentenceContainment(profile: SuspectProfile, candidateSentences: readonly string[], pairDiscount: number): number[] {
  // Inverted index: stem -> candidate sentences containing it.
  const where = new Map<string, number[]>();
  candidateSentences.forEach((text, j) => {
    for (const s of new Set(contentStemsOf(text))) {
      if (!profile.stemWeight.has(s)) continue;
      const list = where.get(s);
      if (list) list.push(j);
      else where.set(s, [j]);
    }
  });
  const n = candidateSentences.length;
  const single = new Float64Array(n);
  const pair = new Float64Array(Math.max(0, n - 1));
  return profile.sentences.map((sent) => {
    if (sent.weight === 0 || n === 0) return 0;
    single.fill(0);
    pair.fill(0);
    for (const s of sent.stems) {
      const list = where.get(s);
      if (!list) continue;
      const w = profile.stemWeight.get(s) ?? 0;
      let lastPair = -1;
      for (const j of list) {
        single[j] += w;
        // Pair (j-1, j) and pair (j, j+1), each counted once per stem.
        if (j - 1 >= 0 && j - 1 > lastPair) {
          pair[j - 1] += w;
          lastPair = j - 1;
        }
        if (j < n - 1 && j > lastPair) {
          pair[j] += w;
          lastPair = j;
        }
      }
    }
    let best = 0;
    for (let j = 0; j < n; j++) if (single[j] > best) best = single[j];
    for (let j = 0; j < n - 1; j++) if (pair[j] * pairDiscount > best) best = pair[j] * pairDiscount;
    return Math.min(1, best / sent.weight);
  });
}

/** All evidence for one candidate article. */
export function candidateFeatures(
  profile: SuspectProfile,
  candidateText: string,
  candidateSentences: readonly string[],
  settings: FeatureSettings,
): CandidateFeatures {
  const containment = sentenceContainment(profile, candidateSentences, settings.pairDiscount);
  const covered: number[] = [];
  let soft = 0;
  for (const i of profile.eligible) {
    soft += containment[i];
    if (containment[i] >= settings.sentenceMatchMin) covered.push(i);
  }
  const eligibleSentences = profile.eligible.length;

  const norms = new Set<string>();
  const stems = new Set<string>();
  for (const t of tokenize(candidateText)) {
    norms.add(t.norm);
    if (isContentWord(t.norm)) stems.add(stem(t.norm));
  }
  let sharedWeight = 0;
  for (const [s, w] of profile.docStems) if (stems.has(s)) sharedWeight += w;

  const shared = profile.rare.filter((t) => norms.has(t.norm));
  const shingles = wordShingles(candidateText, settings.shingleSize);
  let inter = 0;
  for (const s of profile.shingles) if (shingles.has(s)) inter++;
  const union = profile.shingles.size + shingles.size - inter;

  return {
    sentenceCoverage: eligibleSentences ? covered.length / eligibleSentences : 0,
    softCoverage: eligibleSentences ? soft / eligibleSentences : 0,
    matchedSentences: covered.length,
    eligibleSentences,
    covered,
    sharedRareCount: shared.length,
    sharedRare: shared.slice(0, settings.sharedRareSample).map((t) => t.display),
    sharedRareNames: shared.filter((t) => t.kind === 'name').length,
    sharedRareNumbers: shared.filter((t) => t.kind === 'number').length,
    shingleJaccard: union ? inter / union : 0,
    shingleContainment: profile.shingles.size ? inter / profile.shingles.size : 0,
    termContainment: profile.docWeight ? sharedWeight / profile.docWeight : 0,
  };
}

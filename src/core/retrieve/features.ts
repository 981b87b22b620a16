/**
 * @module core/retrieve/features
 * The finer evidence used to re-rank candidates and to decide whether one is a source:
 * sentence coverage (how many suspect sentences have a close counterpart in the candidate,
 * by IDF-weighted content-stem containment, so reordering and a share of swapped words do
 * not hide a match), shared rare names/numbers/quotes, and word-shingle overlap for
 * near-verbatim copies. Pure: IDF comes in as a function.
 */
import { tokenize, isContentWord, stem, type Token } from '../text/tokens.ts';
import { quotedRanges, type QueryTerm } from './query.ts';

export interface FeatureSettings {
  sentenceMatchMin: number;
  /** Containment at which a counterpart counts as a close copy (verbatim or lightly edited). */
  sentenceStrongMin: number;
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
  /** The shingles with no word inside a quotation: copied quotes are shared by independent reports too. */
  reportedShingles: ReadonlySet<string>;
  /** Rare terms worth showing when shared, rarest first. */
  rare: readonly QueryTerm[];
}

/** Evidence for one candidate. */
export interface CandidateFeatures {
  /** Share of eligible suspect sentences with a counterpart at or above the match threshold. */
  sentenceCoverage: number;
  /** Share of eligible suspect sentences with a close copy (containment at or above sentenceStrongMin). */
  strongCoverage: number;
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
  /** Share of the suspect's n-grams outside quotations found in the candidate, 0..1. */
  reportedShingleContainment: number;
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
  return shinglesOf(tokenize(text), size);
}

/** Word n-grams none of whose words lies inside a quotation. */
export function shinglesOutsideQuotes(text: string, size: number): Set<string> {
  const quotes = quotedRanges(text);
  const tokens = tokenize(text);
  const out = new Set<string>();
  let q = 0;
  const quoted = tokens.map((t) => {
    while (q < quotes.length && quotes[q][1] <= t.start) q++;
    return q < quotes.length && t.start >= quotes[q][0];
  });
  for (let i = 0; i + size <= tokens.length; i++) {
    if (quoted.slice(i, i + size).some(Boolean)) continue;
    out.add(tokens.slice(i, i + size).map((t) => t.norm).join(' '));
  }
  return out;
}

function shinglesOf(tokens: readonly Token[], size: number): Set<string> {
  const words = tokens.map((t) => t.norm);
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
    reportedShingles: shinglesOutsideQuotes(text, settings.shingleSize),
    rare,
  };
}

/** Character span of a sentence in its article body. */
export interface Span {
  start: number;
  end: number;
}

/** Content stems of each sentence of a body, from one pass of the tokenizer. */
export function stemsBySentence(tokens: readonly Token[], sentences: readonly Span[]): string[][] {
  const out: string[][] = sentences.map(() => []);
  let j = 0;
  for (const t of tokens) {
    while (j < sentences.length && t.start >= sentences[j].end) j++;
    if (j >= sentences.length) break;
    if (t.start < sentences[j].start || !isContentWord(t.norm)) continue;
    out[j].push(stem(t.norm));
  }
  return out;
}

/**
 * Best containment of each suspect sentence in one candidate sentence or two adjacent ones
 * (a rewrite may merge two source sentences). Takes the candidate's sentences as content-stem
 * lists; returns one value per suspect sentence.
 */
export function sentenceContainment(profile: SuspectProfile, candidateSentences: readonly (readonly string[])[], pairDiscount: number): number[] {
  // Inverted index: stem -> candidate sentences containing it (ascending, unique).
  const where = new Map<string, number[]>();
  candidateSentences.forEach((stems, j) => {
    for (const s of stems) {
      if (!profile.stemWeight.has(s)) continue;
      const list = where.get(s);
      if (!list) where.set(s, [j]);
      else if (list[list.length - 1] !== j) list.push(j);
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
  candidateSentences: readonly Span[],
  settings: FeatureSettings,
): CandidateFeatures {
  const tokens = tokenize(candidateText);
  const containment = sentenceContainment(profile, stemsBySentence(tokens, candidateSentences), settings.pairDiscount);
  const covered: number[] = [];
  let soft = 0;
  let strong = 0;
  for (const i of profile.eligible) {
    soft += containment[i];
    if (containment[i] >= settings.sentenceStrongMin) strong++;
    if (containment[i] >= settings.sentenceMatchMin) covered.push(i);
  }
  const eligibleSentences = profile.eligible.length;

  const norms = new Set<string>();
  const stems = new Set<string>();
  for (const t of tokens) {
    norms.add(t.norm);
    if (isContentWord(t.norm)) stems.add(stem(t.norm));
  }
  let sharedWeight = 0;
  for (const [s, w] of profile.docStems) if (stems.has(s)) sharedWeight += w;

  const shared = profile.rare.filter((t) => norms.has(t.norm));
  const shingles = shinglesOf(tokens, settings.shingleSize);
  let inter = 0;
  for (const s of profile.shingles) if (shingles.has(s)) inter++;
  const union = profile.shingles.size + shingles.size - inter;
  let reported = 0;
  for (const s of profile.reportedShingles) if (shingles.has(s)) reported++;

  return {
    sentenceCoverage: eligibleSentences ? covered.length / eligibleSentences : 0,
    softCoverage: eligibleSentences ? soft / eligibleSentences : 0,
    strongCoverage: eligibleSentences ? strong / eligibleSentences : 0,
    matchedSentences: covered.length,
    eligibleSentences,
    covered,
    sharedRareCount: shared.length,
    sharedRare: shared.slice(0, settings.sharedRareSample).map((t) => t.display),
    sharedRareNames: shared.filter((t) => t.kind === 'name').length,
    sharedRareNumbers: shared.filter((t) => t.kind === 'number').length,
    shingleJaccard: union ? inter / union : 0,
    shingleContainment: profile.shingles.size ? inter / profile.shingles.size : 0,
    reportedShingleContainment: profile.reportedShingles.size ? reported / profile.reportedShingles.size : 0,
    termContainment: profile.docWeight ? sharedWeight / profile.docWeight : 0,
  };
}

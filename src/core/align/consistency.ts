/**
 * @module core/align/consistency
 * Is a rewrite consistent with its source? A document-level score in [0,1] (1 = every claim
 * of the rewrite is supported by the source), with the evidence behind it: how well each
 * rewrite sentence is covered by its best source sentence (or two adjacent sentences), and
 * the figures and names the source never mentions.
 *
 * The score is a small logistic model over a few features (SummaC-ZS style weakest-sentence
 * support, word novelty, unsupported figures/names, negation mismatch...). Its weights live in
 * consistency-model.ts and are fitted on dev splits only by scripts/fit-consistency.ts.
 */
import { splitSentences } from '../text/sentences.ts';
import { tokenize, isContentWord, stem, NEGATORS, type Token } from '../text/tokens.ts';
import { findEntities, sameEntity, type EntityMention } from '../nlp/entities.ts';
import { findQuantities } from '../nlp/numbers.ts';
import { getWordNet } from '../nlp/wordnet.ts';
import { featureCoverage, featureSimilarity, mergeFeatures, sentenceFeatures, type SentenceFeatures } from './similarity.ts';
import { CONSISTENCY_MODEL, type ConsistencyModel } from './consistency-model.ts';

// Function words WordNet does not list; never names.
const NOT_NAMES = new Set(['since', 'unless', 'until', 'whether', 'although', 'though', 'upon', 'within', 'without', 'across', 'among', 'amongst', 'despite', 'towards', 'toward', 'onto', 'whilst', 'amid', 'per', 'everyone', 'everything', 'someone', 'something', 'anyone', 'anything', 'nobody', 'nothing']);

/** Source sentences compared in full with each rewrite sentence (picked by stem overlap). */
const CANDIDATES = 6;

/** Everything the score needs from the source, computed once per source text. */
export interface SourceAnalysis {
  sentences: { text: string; start: number; end: number; features: SentenceFeatures; stems: Set<string>; negated: boolean }[];
  /** Content stems of the whole source. */
  stems: Set<string>;
  /** Adjacent content-stem pairs of each sentence (and skipping one word), for word-order evidence. */
  bigrams: Set<string>;
  /** WordNet synset ids of the source's common words (synonym support for novel words). */
  synsets: Set<string>;
  /** Values of every figure, and the normalised text of every numeric token. */
  numberValues: Set<number>;
  numberTokens: Set<string>;
  entities: EntityMention[];
  /** Lower-cased word tokens, to accept names the entity finder missed in the source. */
  words: Set<string>;
}

export interface SentenceSupport {
  text: string;
  /** Offsets into the rewrite text. */
  start: number;
  end: number;
  /** Share of the sentence's weighted content that its best source sentence(s) explain, 0..1. */
  support: number;
  /** Indices of the best supporting source sentence(s) (two when adjacent sentences merged); [] if none. */
  sourceSentences: number[];
}

/** Raw features of the model, in the order of the model's weights. */
export interface ConsistencyFeatures {
  /** Weakest rewrite sentence's support (coverage by the source). */
  minSupport: number;
  meanSupport: number;
  /** Weakest rewrite sentence's symmetric similarity (soft Dice) to its best source sentence(s). */
  minSimilarity: number;
  /** Share of distinct rewrite content stems the source never uses. */
  novelWords: number;
  /** ...of which no WordNet synonym occurs in the source either. */
  novelNoSynonym: number;
  /** Share of the rewrite's adjacent content-stem pairs that never occur near each other in the source. */
  novelBigrams: number;
  /** Figures and names of the rewrite the source never mentions (counts, capped at 3). */
  unsupportedNumbers: number;
  unsupportedNames: number;
  /** Rewrite sentences whose negation differs from their best source sentence (capped at 2). */
  negationMismatch: number;
  /** log(1 + content words of the rewrite). */
  logLength: number;
  /** Novel-word share weighted by rarity (SemCor counts in WordNet as an IDF stand-in). */
  novelRarity: number;
  /** Share of the rewrite's figures and names found in the source (1 when it has none), as in NER-overlap. */
  nameNumberOverlap: number;
}

export const FEATURE_NAMES: readonly (keyof ConsistencyFeatures)[] = [
  'minSupport', 'meanSupport', 'minSimilarity', 'novelWords', 'novelNoSynonym', 'novelBigrams',
  'unsupportedNumbers', 'unsupportedNames', 'negationMismatch', 'logLength', 'novelRarity', 'nameNumberOverlap',
];

export interface RewriteConsistency {
  /** Probability-like score in [0,1]: higher = more consistent with the source. */
  score: number;
  sentences: SentenceSupport[];
  /** Figures of the rewrite absent from the source, as written in the rewrite. */
  unsupportedNumbers: string[];
  /** Names of the rewrite absent from the source, as written in the rewrite. */
  unsupportedNames: string[];
  features: ConsistencyFeatures;
}

function hasNegator(tokens: readonly Token[]): boolean {
  return tokens.some((t) => NEGATORS.has(t.norm) || t.norm.endsWith("n't"));
}

function stemBigrams(stems: readonly string[], out: Set<string>, skip: boolean): void {
  for (let i = 0; i + 1 < stems.length; i++) {
    out.add(`${stems[i]} ${stems[i + 1]}`);
    if (skip && i + 2 < stems.length) out.add(`${stems[i]} ${stems[i + 2]}`);
  }
}

function contentStemsOf(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (isContentWord(t.norm)) out.push(stem(t.norm.replace(/'s$/, '')));
  return out;
}

function sentencesOf(text: string): { text: string; start: number; end: number }[] {
  const s = splitSentences(text).filter((x) => x.text.trim() !== '');
  return s.length > 0 ? s : text.trim() ? [{ text, start: 0, end: text.length }] : [];
}

/** Analyses a source once; pass the result to {@link rewriteConsistency} for many rewrites. */
export function analyseSource(sourceText: string): SourceAnalysis {
  const stems = new Set<string>();
  const bigrams = new Set<string>();
  const synsets = new Set<string>();
  const sentences = sentencesOf(sourceText).map((s) => {
    const tokens = tokenize(s.text);
    const cs = contentStemsOf(tokens);
    for (const x of cs) stems.add(x);
    stemBigrams(cs, bigrams, true);
    const features = sentenceFeatures(s.text);
    for (const id of features.synsets) synsets.add(id);
    return { ...s, features, stems: new Set(cs), negated: hasNegator(tokens) };
  });
  const tokens = tokenize(sourceText);
  const numberValues = new Set(findQuantities(sourceText, tokens).map((q) => q.value));
  const numberTokens = new Set(tokens.filter((t) => t.numeric).map((t) => t.norm.replace(/^[$£€¥]/, '')));
  return {
    sentences, stems, bigrams, synsets, numberValues, numberTokens,
    entities: findEntities(sourceText, tokens),
    words: new Set(tokens.map((t) => t.norm.replace(/'s$/, ''))),
  };
}

/** Best support of one rewrite sentence by one source sentence or two adjacent ones. */
function bestSupport(f: SentenceFeatures, stems: readonly string[], src: SourceAnalysis): { support: number; similarity: number; sentences: number[] } {
  const n = src.sentences.length;
  if (n === 0) return { support: 0, similarity: 0, sentences: [] };
  const q = new Set(stems);
  const ranked = src.sentences
    .map((s, i) => {
      let hit = 0;
      for (const x of q) if (s.stems.has(x)) hit++;
      return { i, overlap: hit };
    })
    .sort((a, b) => b.overlap - a.overlap || a.i - b.i)
    .slice(0, CANDIDATES);
  let best = { support: 0, similarity: 0, sentences: [] as number[] };
  for (const { i } of ranked) {
    const g = src.sentences[i].features;
    const support = featureCoverage(f, g);
    if (support > best.support) best = { support, similarity: featureSimilarity(f, g), sentences: [i] };
  }
  // Many-to-one: a rewrite sentence that fuses two adjacent source sentences.
  for (const { i } of ranked.slice(0, 2)) {
    for (const j of [i - 1, i]) {
      if (j < 0 || j + 1 >= n) continue;
      const g = mergeFeatures([src.sentences[j].features, src.sentences[j + 1].features]);
      const support = featureCoverage(f, g);
      if (support > best.support + 0.05) best = { support, similarity: featureSimilarity(f, g), sentences: [j, j + 1] };
    }
  }
  return best;
}

/**
 * IDF stand-in: 1 for a word unknown to WordNet or never seen in SemCor, falling with how
 * often its senses were tagged there ("said" ~0.15, "measles" ~0.5).
 */
function rarityOf(word: string): number {
  if (/\d/.test(word)) return 1;
  const wn = getWordNet();
  let count = 0;
  for (const base of wn.baseForms(word)) count = Math.max(count, wn.tagCount(base));
  return 1 / (1 + Math.log1p(count));
}

function nameSupported(m: EntityMention, src: SourceAnalysis): boolean {
  if (m.words.length > 0 && m.words.every((w) => src.words.has(w))) return true;
  return src.entities.some((e) => sameEntity(m, e));
}

/** Applies a fitted logistic model to the features. */
export function consistencyScore(f: ConsistencyFeatures, model: ConsistencyModel = CONSISTENCY_MODEL): number {
  let z = model.bias;
  FEATURE_NAMES.forEach((name, i) => {
    z += model.weights[i] * ((f[name] - model.means[i]) / model.scales[i]);
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * How consistent `rewriteText` is with `source` (its text, or {@link analyseSource} of it).
 * Pure; an empty rewrite scores 1 with no sentences (nothing claimed), an empty source 0.
 */
export function rewriteConsistency(source: string | SourceAnalysis, rewriteText: string, model: ConsistencyModel = CONSISTENCY_MODEL): RewriteConsistency {
  const src = typeof source === 'string' ? analyseSource(source) : source;
  const sentences: SentenceSupport[] = [];
  const sims: number[] = [];
  // Content stem -> a word form of it (WordNet looks words up, not stems).
  const seen = new Map<string, string>();
  const rewriteBigrams = new Set<string>();
  let negationMismatch = 0;
  for (const s of sentencesOf(rewriteText)) {
    const tokens = tokenize(s.text);
    const cs = contentStemsOf(tokens);
    for (const t of tokens) if (isContentWord(t.norm)) seen.set(stem(t.norm.replace(/'s$/, '')), t.norm.replace(/'s$/, ''));
    stemBigrams(cs, rewriteBigrams, false);
    const b = bestSupport(sentenceFeatures(s.text), cs, src);
    if (b.sentences.length > 0 && b.support >= 0.3 && hasNegator(tokens) !== b.sentences.some((i) => src.sentences[i].negated)) negationMismatch++;
    sentences.push({ text: s.text, start: s.start, end: s.end, support: b.support, sourceSentences: b.sentences });
    sims.push(b.similarity);
  }
  const tokens = tokenize(rewriteText);
  const unsupportedNumbers: string[] = [];
  let figuresAndNames = 0;
  for (const q of findQuantities(rewriteText, tokens)) {
    figuresAndNames++;
    const digits = tokenize(q.numberText).filter((t) => t.numeric).map((t) => t.norm.replace(/^[$£€¥]/, ''));
    if (!src.numberValues.has(q.value) && !digits.some((d) => src.numberTokens.has(d))) unsupportedNumbers.push(q.numberText);
  }
  // Years and other figures inside dates.
  for (const t of tokens) {
    if (!t.numeric || !/^\d{4}$/.test(t.norm)) continue;
    figuresAndNames++;
    if (!src.numberTokens.has(t.norm) && !unsupportedNumbers.includes(t.text)) unsupportedNumbers.push(t.text);
  }
  const unsupportedNames: string[] = [];
  for (const m of findEntities(rewriteText, tokens)) {
    figuresAndNames++;
    if (!nameSupported(m, src) && !unsupportedNames.includes(m.text)) unsupportedNames.push(m.text);
  }
  // Lower-cased rewrites (some summarisers emit them) hide names from the capital-letter finder:
  // there, a word the dictionary does not know and the source never uses counts as a name.
  if (!tokens.some((t, i) => i > 0 && t.capitalized)) {
    const wn = getWordNet();
    for (const t of tokens) {
      const w = t.norm.replace(/'s$/, '');
      if (t.numeric || !isContentWord(w) || w.length < 3 || NOT_NAMES.has(w) || unsupportedNames.includes(w)) continue;
      if (!w.split('-').every((part) => wn.baseForms(part).length === 0)) continue;
      figuresAndNames++;
      if (!src.words.has(w)) unsupportedNames.push(w);
    }
  }

  let novel = 0;
  let novelNoSyn = 0;
  let rarityAll = 0;
  let rarityNovel = 0;
  for (const [x, word] of seen) {
    const rarity = rarityOf(word);
    rarityAll += rarity;
    if (src.stems.has(x)) continue;
    rarityNovel += rarity;
    novel++;
    const f = sentenceFeatures(word);
    const ids = [...f.stemSynsets.values()][0];
    if (!ids || !ids.some((id) => src.synsets.has(id))) novelNoSyn++;
  }
  let novelBigrams = 0;
  for (const g of rewriteBigrams) if (!src.bigrams.has(g)) novelBigrams++;

  const supports = sentences.map((s) => s.support);
  const features: ConsistencyFeatures = {
    minSupport: supports.length ? Math.min(...supports) : 1,
    meanSupport: supports.length ? supports.reduce((a, b) => a + b, 0) / supports.length : 1,
    minSimilarity: sims.length ? Math.min(...sims) : 1,
    novelWords: seen.size ? novel / seen.size : 0,
    novelNoSynonym: seen.size ? novelNoSyn / seen.size : 0,
    novelBigrams: rewriteBigrams.size ? novelBigrams / rewriteBigrams.size : 0,
    unsupportedNumbers: Math.min(unsupportedNumbers.length, 3),
    unsupportedNames: Math.min(unsupportedNames.length, 3),
    negationMismatch: Math.min(negationMismatch, 2),
    logLength: Math.log1p(contentStemsOf(tokens).length),
    novelRarity: rarityAll > 0 ? rarityNovel / rarityAll : 0,
    nameNumberOverlap: figuresAndNames > 0 ? 1 - Math.min(1, (unsupportedNumbers.length + unsupportedNames.length) / figuresAndNames) : 1,
  };
  return { score: sentences.length === 0 ? 1 : src.sentences.length === 0 ? 0 : consistencyScore(features, model), sentences, unsupportedNumbers, unsupportedNames, features };
}

/**
 * @module core/retrieve
 * The retrieve stage: finds the reference articles a suspect was most likely rewritten from.
 *
 * 1. Query words: the suspect's rarest content words, names, numbers and quoted words, by
 *    document frequency (they survive paraphrase and word-swapping spinners).
 * 2. Candidates: BM25 full-text hits for those words, plus MinHash LSH hits for near-copies,
 *    merged by reciprocal rank fusion.
 * 3. Re-rank the top fused candidates with sentence coverage (IDF-weighted content-stem
 *    containment per suspect sentence), shared rare terms and word-shingle overlap.
 * 4. Confidence: a logistic model over those features, fitted on METER dev. Below the
 *    threshold nothing is claimed, and the reason says why.
 * 5. Further sources: candidates above threshold that cover suspect sentences the earlier
 *    ones do not (content farms merge stories), best first.
 *
 * Pure apart from the Store calls.
 */
import type { Store } from '../store.ts';
import type { ReferenceArticle, RetrievalResult, Sentence, SourceMatch } from '../types.ts';
import { isContentWord, tokenize } from '../text/tokens.ts';
import { splitSentences } from '../text/sentences.ts';
import { fingerprintBands } from '../index/fingerprint.ts';
import { extractQueryTerms, idf, selectQueryTerms, type QueryTerm } from './query.ts';
import { reciprocalRankFusion } from './fuse.ts';
import { candidateFeatures, profileSuspect, type CandidateFeatures } from './features.ts';
import { confidenceOf, explainMatch, explainNoMatch } from './confidence.ts';
import * as S from './settings.ts';

export interface RetrieveOptions {
  queryTerms: number;
  maxDfShare: number;
  nameBoost: number;
  numberBoost: number;
  quoteBoost: number;
  textHits: number;
  fingerprintHits: number;
  rrfK: number;
  rrfFingerprintWeight: number;
  rerankCandidates: number;
  sentenceMatchMin: number;
  sentenceStrongMin: number;
  sentenceMinStems: number;
  pairDiscount: number;
  shingleSize: number;
  sharedRareSample: number;
  rareMaxDfShare: number;
  rareMinDfCap: number;
  confidenceWeights: readonly number[];
  threshold: number;
  extraSourceMinNewSentences: number;
  maxSources: number;
}

export const DEFAULT_RETRIEVE_OPTIONS: Readonly<RetrieveOptions> = Object.freeze({
  queryTerms: S.QUERY_TERMS,
  maxDfShare: S.QUERY_MAX_DF_SHARE,
  nameBoost: S.NAME_BOOST,
  numberBoost: S.NUMBER_BOOST,
  quoteBoost: S.QUOTE_BOOST,
  textHits: S.TEXT_HITS,
  fingerprintHits: S.FINGERPRINT_HITS,
  rrfK: S.RRF_K,
  rrfFingerprintWeight: S.RRF_FINGERPRINT_WEIGHT,
  rerankCandidates: S.RERANK_CANDIDATES,
  sentenceMatchMin: S.SENTENCE_MATCH_MIN,
  sentenceStrongMin: S.SENTENCE_STRONG_MIN,
  sentenceMinStems: S.SENTENCE_MIN_STEMS,
  pairDiscount: S.PAIR_DISCOUNT,
  shingleSize: S.SHINGLE_SIZE,
  sharedRareSample: S.SHARED_RARE_SAMPLE,
  rareMaxDfShare: S.RARE_MAX_DF_SHARE,
  rareMinDfCap: S.RARE_MIN_DF_CAP,
  confidenceWeights: S.CONFIDENCE_WEIGHTS,
  threshold: S.CONFIDENCE_THRESHOLD,
  extraSourceMinNewSentences: S.EXTRA_SOURCE_MIN_NEW_SENTENCES,
  maxSources: S.MAX_SOURCES,
});

/** What retrieval needs of the suspect. */
export interface SuspectInput {
  title: string | null;
  text: string;
  sentences: Sentence[];
}

/** One re-ranked candidate, with all its evidence (used by retrieveSources, benchmarks and calibration). */
export interface RankedCandidate {
  article: ReferenceArticle;
  features: CandidateFeatures;
  confidence: number;
  /** 1-based rank among BM25 hits, or null. */
  bm25Rank: number | null;
  /** 1-based rank among fingerprint hits, or null. */
  fingerprintRank: number | null;
  sharedBands: number;
}

export interface Ranking {
  corpusSize: number;
  /** Best first (by confidence). Empty when the corpus is empty or nothing matched. */
  candidates: RankedCandidate[];
}

/**
 * Finds and re-ranks candidate sources without deciding which to claim. Returns the
 * candidates best first; retrieveSources applies the threshold and picks further sources.
 */
export async function rankCandidates(store: Store, suspect: SuspectInput, options: Partial<RetrieveOptions> = {}): Promise<Ranking> {
  const o: RetrieveOptions = { ...DEFAULT_RETRIEVE_OPTIONS, ...options };
  const corpusSize = await store.count();
  if (corpusSize === 0) return { corpusSize, candidates: [] };

  const fullText = suspect.title ? `${suspect.title}\n\n${suspect.text}` : suspect.text;
  const terms = extractQueryTerms(fullText);
  // Every content word's frequency is needed for IDF weights, not only the query's.
  // Numbers are looked up as written ("120,000"): the full-text index splits them at commas
  // and periods, so the folded form ("120000") would never match.
  const searchForm = new Map<string, string>();
  for (const t of tokenize(fullText)) {
    if (isContentWord(t.norm) && !searchForm.has(t.norm)) searchForm.set(t.norm, t.numeric ? t.text : t.norm);
  }
  const formDf = searchForm.size ? await store.documentFrequency([...new Set(searchForm.values())]) : new Map<string, number>();
  const df = new Map<string, number>();
  for (const [norm, form] of searchForm) df.set(norm, formDf.get(form) ?? 0);

  const query = selectQueryTerms(terms, df, corpusSize, {
    limit: o.queryTerms,
    maxDfShare: o.maxDfShare,
    nameBoost: o.nameBoost,
    numberBoost: o.numberBoost,
    quoteBoost: o.quoteBoost,
  });
  const bands = fingerprintBands(suspect.text);
  const [textHits, printHits] = await Promise.all([
    query.length ? store.searchText(query.map((t) => searchForm.get(t.norm) ?? t.norm), o.textHits) : Promise.resolve([]),
    bands.length ? store.searchFingerprint(bands, o.fingerprintHits) : Promise.resolve([]),
  ]);
  const fused = reciprocalRankFusion(
    [
      { ids: textHits.map((h) => h.id), weight: 1 },
      { ids: printHits.map((h) => h.id), weight: o.rrfFingerprintWeight },
    ],
    o.rrfK,
  ).slice(0, o.rerankCandidates);
  if (fused.length === 0) return { corpusSize, candidates: [] };

  const maxIdf = idf(1, corpusSize); // a word seen nowhere weighs as much as one seen once
  const weightOfNorm = (norm: string): number => Math.min(maxIdf, idf(df.get(norm) ?? 0, corpusSize));
  const rareCap = Math.max(o.rareMinDfCap, Math.floor(corpusSize * o.rareMaxDfShare));
  const rare = rareTerms(terms, df, rareCap);
  const profile = profileSuspect(
    suspect.text,
    suspect.sentences.map((s) => s.text),
    weightOfNorm,
    rare,
    o,
  );

  const articles = await store.getMany(fused.map((c) => c.id));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const bandsById = new Map(printHits.map((h) => [h.id, h.sharedBands]));
  const candidates: RankedCandidate[] = [];
  for (const c of fused) {
    const article = byId.get(c.id);
    if (!article) continue;
    const features = candidateFeatures(profile, article.text, splitSentences(article.text), o);
    candidates.push({
      article,
      features,
      confidence: confidenceOf(features, o.confidenceWeights),
      bm25Rank: c.ranks[0],
      fingerprintRank: c.ranks[1],
      sharedBands: bandsById.get(c.id) ?? 0,
    });
  }
  candidates.sort((a, b) => b.confidence - a.confidence || (a.bm25Rank ?? Infinity) - (b.bm25Rank ?? Infinity));
  return { corpusSize, candidates };
}

/** Rare terms to show as shared evidence: names first, then numbers, quotes, words; rarest first. */
export function rareTerms(terms: readonly QueryTerm[], df: ReadonlyMap<string, number>, maxDf: number): QueryTerm[] {
  const order = { name: 0, number: 1, quote: 2, word: 3 } as const;
  return terms
    .filter((t) => (df.get(t.norm) ?? 0) <= maxDf)
    .sort((a, b) => order[a.kind] - order[b.kind] || (df.get(a.norm) ?? 0) - (df.get(b.norm) ?? 0) || a.norm.localeCompare(b.norm));
}

function toMatch(c: RankedCandidate): SourceMatch {
  const f = c.features;
  return {
    article: c.article,
    confidence: c.confidence,
    why: explainMatch(f),
    signals: {
      bm25Rank: c.bm25Rank,
      shingleJaccard: f.shingleJaccard,
      sentenceCoverage: f.sentenceCoverage,
      sharedRare: f.sharedRare,
      softCoverage: f.softCoverage,
      strongCoverage: f.strongCoverage,
      reportedShingleContainment: f.reportedShingleContainment,
      shingleContainment: f.shingleContainment,
      termContainment: f.termContainment,
      sharedRareCount: f.sharedRareCount,
      matchedSentences: f.matchedSentences,
      eligibleSentences: f.eligibleSentences,
      fingerprintRank: c.fingerprintRank,
      sharedBands: c.sharedBands,
    },
  };
}

/**
 * Picks the sources to claim from ranked candidates: the best one if it clears the threshold,
 * then others above threshold that each cover enough suspect sentences not yet covered.
 */
export function chooseSources(
  candidates: readonly RankedCandidate[],
  o: Pick<RetrieveOptions, 'threshold' | 'extraSourceMinNewSentences' | 'maxSources'>,
): RankedCandidate[] {
  const [best] = candidates;
  if (!best || best.confidence < o.threshold) return [];
  const chosen = [best];
  const covered = new Set(best.features.covered);
  for (const c of candidates.slice(1)) {
    if (chosen.length >= o.maxSources) break;
    if (c.confidence < o.threshold) continue;
    const fresh = c.features.covered.filter((i) => !covered.has(i));
    if (fresh.length < o.extraSourceMinNewSentences) continue;
    chosen.push(c);
    for (const i of fresh) covered.add(i);
  }
  return chosen;
}

/** Turns a ranking into the stage's answer: the sources to claim, or why there are none. */
export function resultFromRanking(ranking: Ranking, options: Partial<RetrieveOptions> = {}): RetrievalResult {
  const o: RetrieveOptions = { ...DEFAULT_RETRIEVE_OPTIONS, ...options };
  const { corpusSize, candidates } = ranking;
  if (corpusSize === 0) {
    return { searched: false, corpusSize, found: false, reason: 'the corpus index is empty; index reference articles first', sources: [] };
  }
  const chosen = chooseSources(candidates, o);
  if (chosen.length === 0) {
    const best = candidates[0] ?? null;
    const reason = explainNoMatch(best?.features ?? null, best?.confidence ?? 0, o.threshold);
    // Same rare names or figures as the suspect: worth naming, never worth claiming.
    if (best && best.confidence >= S.CLOSEST_MIN_CONFIDENCE && best.features.sharedRareNames + best.features.sharedRareNumbers >= S.CLOSEST_MIN_SHARED_NAMES) {
      const closest = toMatch(best);
      const label = [best.article.outlet, best.article.title ? `"${best.article.title}"` : null].filter(Boolean).join(', ');
      return {
        searched: true,
        corpusSize,
        found: false,
        reason: `${reason}. The closest article is ${label} [${best.article.id}]: it may be a heavily reworded source or an independent report of the same story`,
        sources: [],
        closest,
      };
    }
    return { searched: true, corpusSize, found: false, reason, sources: [] };
  }
  const sources = chosen.map(toMatch);
  const reason =
    sources.length === 1
      ? `found 1 likely source among ${corpusSize} articles`
      : `found ${sources.length} likely sources among ${corpusSize} articles, each covering different sentences`;
  return { searched: true, corpusSize, found: true, reason, sources };
}

/** Finds the likely sources of a suspect article. "Nothing found" is a value, never an error. */
export async function retrieveSources(
  store: Store,
  suspect: SuspectInput,
  options: Partial<RetrieveOptions> = {},
): Promise<RetrievalResult> {
  return resultFromRanking(await rankCandidates(store, suspect, options), options);
}

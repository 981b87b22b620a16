/**
 * @module core/retrieve
 * The retrieve stage: finds the reference articles a suspect was most likely rewritten from.
 *
 * 1. Query words: the suspect's rarest content words, names, numbers and quoted words, by
 *    document frequency (they survive paraphrase and word-swapping spinners). Only words
 *    within the store's postings cap (a number of articles, not a share) are used, so the
 *    lookups cost the same at 65k and at 1M articles.
 * 2. Candidates: articles holding those words, by summed IDF-weighted votes (searchTerms),
 *    plus MinHash LSH hits for near-copies, plus, for small corpora in a store that has it,
 *    BM25 full-text hits; merged by reciprocal rank fusion. When the suspect has a date, the
 *    votes look in a window around it first and widen to the whole corpus only when nothing
 *    in the window clears the threshold.
 * 3. Re-rank the top fused candidates with sentence coverage (IDF-weighted content-stem
 *    containment per suspect sentence), shared rare terms and word-shingle overlap.
 * 4. Confidence: a logistic model over those features, fitted on METER dev. Below the
 *    threshold nothing is claimed, and the reason says why.
 * 5. Among near-identical candidates (one wire copy reused by several outlets) the earliest
 *    published goes first, unless the evidence says otherwise.
 * 6. Further sources: candidates above threshold that cover suspect sentences the earlier
 *    ones do not (content farms merge stories), best first.
 *
 * Pure apart from the Store calls.
 */
import { hasFullText, type DayWindow, type Store } from '../store.ts';
import type { ReferenceArticle, RetrievalResult, Sentence, SourceMatch } from '../types.ts';
import { isContentWord, tokenize } from '../text/tokens.ts';
import { splitSentences } from '../text/sentences.ts';
import { fingerprintBands } from '../index/fingerprint.ts';
import { publishedDay } from '../index/terms.ts';
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
  termHits: number;
  fullTextMaxCorpus: number;
  dateWindowBefore: number;
  dateWindowAfter: number;
  familyConfidenceMargin: number;
  familyCoverageMargin: number;
  familyShingleMargin: number;
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
  termHits: S.TERM_HITS,
  fullTextMaxCorpus: S.FULL_TEXT_MAX_CORPUS,
  dateWindowBefore: S.DATE_WINDOW_BEFORE,
  dateWindowAfter: S.DATE_WINDOW_AFTER,
  familyConfidenceMargin: S.FAMILY_CONFIDENCE_MARGIN,
  familyCoverageMargin: S.FAMILY_COVERAGE_MARGIN,
  familyShingleMargin: S.FAMILY_SHINGLE_MARGIN,
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
  sentences: readonly Sentence[];
  /** Publication (or crawl) date, ISO; when known, the search looks near it first. */
  published?: string | null;
}

/** One re-ranked candidate, with all its evidence (used by retrieveSources, benchmarks and calibration). */
export interface RankedCandidate {
  article: ReferenceArticle;
  features: CandidateFeatures;
  confidence: number;
  /** 1-based rank among BM25 hits, or null. */
  bm25Rank: number | null;
  /** 1-based rank among rare-term vote hits, or null. */
  termRank: number | null;
  /** 1-based rank among fingerprint hits, or null. */
  fingerprintRank: number | null;
  sharedBands: number;
}

export interface Ranking {
  corpusSize: number;
  /** The date window searched first, when the suspect had a date; `widened` when the whole corpus was searched after it. */
  window?: DayWindow & { widened: boolean };
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
  // Every content word's frequency is needed for IDF weights, not only the query's. Numbers
  // are sent to FTS5 as written ("120,000"): it splits them at commas and periods.
  const searchForm = new Map<string, string>();
  for (const t of tokenize(fullText)) {
    if (isContentWord(t.norm) && !searchForm.has(t.norm)) searchForm.set(t.norm, t.numeric ? t.text : t.norm);
  }
  const df = searchForm.size ? await store.documentFrequency([...searchForm.keys()]) : new Map<string, number>();

  const maxDf = Math.min(store.postingsDfCap, Math.floor(corpusSize * o.maxDfShare));
  const query = selectQueryTerms(terms, df, corpusSize, {
    limit: o.queryTerms,
    maxDf,
    nameBoost: o.nameBoost,
    numberBoost: o.numberBoost,
    quoteBoost: o.quoteBoost,
  });
  const voteWords = query.map((t) => ({ word: t.norm, weight: t.weight }));
  const bands = fingerprintBands(suspect.text);
  const useFullText = hasFullText(store) && corpusSize <= o.fullTextMaxCorpus && query.length > 0;
  const [printHits, textHits] = await Promise.all([
    bands.length ? store.searchFingerprint(bands, o.fingerprintHits) : Promise.resolve([]),
    useFullText && hasFullText(store) ? store.searchText(query.map((t) => searchForm.get(t.norm) ?? t.norm), o.textHits) : Promise.resolve([]),
  ]);

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
  const bandsById = new Map(printHits.map((h) => [h.id, h.sharedBands]));
  const scored = new Map<string, RankedCandidate>();

  /** One candidate step: votes (in `window`, if any) fused with bands and BM25, the new ones re-ranked. */
  const search = async (window: DayWindow | null): Promise<void> => {
    const termHits = voteWords.length ? await store.searchTerms(voteWords, { limit: o.termHits, window }) : [];
    const fused = reciprocalRankFusion(
      [
        { ids: termHits.map((h) => h.id), weight: 1 },
        { ids: printHits.map((h) => h.id), weight: o.rrfFingerprintWeight },
        { ids: textHits.map((h) => h.id), weight: 1 },
      ],
      o.rrfK,
    ).slice(0, o.rerankCandidates);
    const fresh = fused.filter((c) => !scored.has(c.id));
    if (fresh.length === 0) return;
    const articles = await store.getMany(fresh.map((c) => c.id));
    const byId = new Map(articles.map((a) => [a.id, a]));
    for (const c of fresh) {
      const article = byId.get(c.id);
      if (!article) continue;
      const features = candidateFeatures(profile, article.text, splitSentences(article.text), o);
      scored.set(c.id, {
        article,
        features,
        confidence: confidenceOf(features, o.confidenceWeights),
        termRank: c.ranks[0],
        fingerprintRank: c.ranks[1],
        bm25Rank: c.ranks[2],
        sharedBands: bandsById.get(c.id) ?? 0,
      });
    }
  };

  const day = publishedDay(suspect.published);
  let window: Ranking['window'];
  if (day !== null) {
    window = { from: day - o.dateWindowBefore, to: day + o.dateWindowAfter, widened: false };
    await search(window);
    if (![...scored.values()].some((c) => c.confidence >= o.threshold)) {
      window.widened = true;
      await search(null);
    }
  } else {
    await search(null);
  }
  const candidates = [...scored.values()];
  candidates.sort((a, b) => b.confidence - a.confidence || rankOr(a.termRank) - rankOr(b.termRank) || rankOr(a.fingerprintRank) - rankOr(b.fingerprintRank));
  return { corpusSize, candidates: preferEarliestOfFamily(candidates, o), ...(window ? { window } : {}) };
}

function rankOr(rank: number | null): number {
  return rank ?? Infinity;
}

/**
 * Wire copy is reused by many outlets: when candidates near the top carry the same evidence
 * as the best one (confidence, the suspect sentences covered and the word-for-word share all
 * within the family margins), the earliest published of them is the likelier source and goes
 * first. Undated candidates never displace a dated best, nor are displaced by one.
 */
export function preferEarliestOfFamily(
  candidates: RankedCandidate[],
  o: Pick<RetrieveOptions, 'familyConfidenceMargin' | 'familyCoverageMargin' | 'familyShingleMargin'>,
): RankedCandidate[] {
  const [best] = candidates;
  const bestDay = best ? publishedDay(best.article.published) : null;
  if (!best || bestDay === null) return candidates;
  const bestCovered = new Set(best.features.covered);
  let earliest = best;
  let earliestKey = best.article.published ?? '';
  for (const c of candidates.slice(1)) {
    if (best.confidence - c.confidence > o.familyConfidenceMargin) break;
    const published = c.article.published;
    if (!published || publishedDay(published) === null) continue;
    const f = c.features;
    const eligible = Math.max(1, best.features.eligibleSentences);
    const differ = f.covered.filter((i) => !bestCovered.has(i)).length + best.features.covered.filter((i) => !f.covered.includes(i)).length;
    if (differ / eligible > o.familyCoverageMargin) continue;
    if (Math.abs(f.shingleContainment - best.features.shingleContainment) > o.familyShingleMargin) continue;
    // ISO dates and datetimes of one form compare as strings; a bare date sorts before its own day's times.
    if (published < earliestKey) {
      earliest = c;
      earliestKey = published;
    }
  }
  if (earliest === best) return candidates;
  return [earliest, ...candidates.filter((c) => c !== earliest)];
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
      termRank: c.termRank,
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

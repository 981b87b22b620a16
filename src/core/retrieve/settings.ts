/**
 * @module core/retrieve/settings
 * Every tuned constant of the retrieve stage, with what it was calibrated on. Calibration
 * uses the METER corpus `dev` split only (PA wire copy -> UK newspaper stories, split by
 * story group, see ../shared/datasets/meter/README.md); `test` is for reporting. Re-fit the
 * confidence model with `npx tsx scripts/calibrate-retrieval.ts`.
 */

/** How many distinctive suspect words go into the BM25 query. Chosen on METER dev (30-60 tried). */
export const QUERY_TERMS = 40;

/**
 * Words found in more than this share of the corpus are not worth querying: they match too
 * much and say little. Set by hand; METER dev recall was flat between 0.05 and 0.2.
 */
export const QUERY_MAX_DF_SHARE = 0.1;

/** Query-word boost for names, numbers and quoted words (they survive paraphrase). METER dev. */
export const NAME_BOOST = 1.5;
export const NUMBER_BOOST = 1.3;
export const QUOTE_BOOST = 1.2;

/** BM25 hits fetched before fusion (stores with full-text search, corpora up to FULL_TEXT_MAX_CORPUS). */
export const TEXT_HITS = 60;

/** Rare-term vote hits (core/store searchTerms) fetched before fusion. */
export const TERM_HITS = 60;

/**
 * Full-text BM25 joins the candidate step only up to this many articles: it visits every
 * posting of every query word, so its cost grows with the corpus, while the rare-term votes
 * and MinHash bands cost the same at any size. Below it BM25 still adds a few candidates the
 * votes rank lower (METER dev at 65k); above it the votes alone are used.
 */
export const FULL_TEXT_MAX_CORPUS = 150_000;

/**
 * Date window for the first search, in days around the suspect's publication (or crawl)
 * date: a copy appears within days of its source, so the source was published at most
 * DATE_WINDOW_BEFORE days before it and (allowing for time zones and a wrong date line) at
 * most DATE_WINDOW_AFTER days after. Undated articles are always in the window. When nothing
 * in the window clears the confidence threshold the search widens to the whole corpus.
 */
export const DATE_WINDOW_BEFORE = 30;
export const DATE_WINDOW_AFTER = 3;

/**
 * Among a family of near-identical candidates (the same wire copy reused by several outlets)
 * the earliest published is preferred: a candidate within FAMILY_CONFIDENCE_MARGIN of the
 * best, covering the same suspect sentences (at most FAMILY_COVERAGE_MARGIN of them differ) with
 * a word-for-word share within FAMILY_SHINGLE_MARGIN, counts as the same evidence. Beyond
 * these margins the evidence decides: in the content-farm dev set a copy made from an
 * outlet's edited AP story shares 44% of its 3-word phrases with it and 36% with the AP
 * original a day older (confidence 0.98 against 0.95), and the outlet's version is the source.
 * Copies of one text differ by a point or two; these margins keep to that.
 */
export const FAMILY_CONFIDENCE_MARGIN = 0.02;
export const FAMILY_COVERAGE_MARGIN = 0;
export const FAMILY_SHINGLE_MARGIN = 0.03;
/** MinHash LSH hits fetched before fusion. */
export const FINGERPRINT_HITS = 20;

/** Reciprocal rank fusion constant (Cormack et al. 2009 use 60); small lists favour a lower k. */
export const RRF_K = 20;
/** Fingerprint hits are rarer and more precise than BM25 hits, so they count a little more. */
export const RRF_FINGERPRINT_WEIGHT = 1.5;

/** Fused candidates fetched and re-ranked with the finer sentence-level score. METER dev. */
export const RERANK_CANDIDATES = 30;

/**
 * A suspect sentence has a counterpart in a candidate when at least this share of its
 * IDF-weighted content stems appears in one candidate sentence (or two adjacent ones).
 * METER dev: verbatim and rewritten sentences mostly score above 0.5, unrelated same-topic
 * sentences mostly below 0.35.
 */
export const SENTENCE_MATCH_MIN = 0.5;

/**
 * A counterpart at or above this containment is a close copy: METER dev wholly-derived
 * sentences mostly reach it, sentences of same-event reports written independently rarely do.
 */
export const SENTENCE_STRONG_MIN = 0.75;

/** Sentences with fewer content stems than this are too short to count as evidence. */
export const SENTENCE_MIN_STEMS = 3;

/** Two adjacent candidate sentences may stand for one merged suspect sentence, at a small discount. */
export const PAIR_DISCOUNT = 0.9;

/**
 * A word is "rare" (worth showing as shared evidence) when it occurs in at most this share of
 * the corpus, with a floor of RARE_MIN_DF_CAP documents so small corpora still get some.
 */
export const RARE_MAX_DF_SHARE = 0.002;
export const RARE_MIN_DF_CAP = 3;

/** Words in the shared-rare sample shown to users. */
export const SHARED_RARE_SAMPLE = 8;

/** How many words a shingle has for the Jaccard signal (2-3 survive spinners; see STACK-NOTES). */
export const SHINGLE_SIZE = 3;

/**
 * Logistic model for the confidence that a candidate is a source. Features, in order:
 * bias, sentenceCoverage, softCoverage, log1p(sharedRareCount), shingleContainment,
 * termContainment. Fitted by scripts/calibrate-retrieval.ts on METER dev only, with the 772 PA
 * texts plus all 64,843 corpus articles indexed. Samples: derived stories vs the best PA text
 * of their own group (466 positives); derived stories vs their best candidate from outside the
 * group, and non-derived stories vs their best same-event PA text and best other candidate
 * (710 negatives). Refitted when document frequencies moved to the store's own term counts
 * (core/index/terms.ts, issue #10). Dev at 0.5: recall@1 wholly 92.4%, partially 69.1%,
 * no-source 60.7%. Adding strong-coverage, unquoted-shingle or matched-count features moved
 * these by under 3 points either way, so the model stays small.
 */
export const CONFIDENCE_WEIGHTS: readonly number[] = [-5.189, -0.452, 5.171, 0.878, 5.259, 1.666];

/**
 * A candidate is reported as a source at or above this confidence. 0.5 on METER dev trades
 * recall@1 on partially derived stories (0.3: 86%, 0.5: 70%) against not claiming a source for
 * independently written same-event stories (0.3: 33%, 0.5: 62%).
 */
export const CONFIDENCE_THRESHOLD = 0.5;

/** Further sources must cover at least this many suspect sentences the earlier ones do not. */
export const EXTRA_SOURCE_MIN_NEW_SENTENCES = 2;

/** At most this many sources are returned. */
export const MAX_SOURCES = 5;

/**
 * With no source claimed, the best candidate is still named (report `verdict.closest`) when it
 * shares at least this many rare names and figures with the suspect: the story's identity,
 * whoever wrote the words. Set by hand; it only adds a pointer, it never claims a source.
 */
export const CLOSEST_MIN_SHARED_NAMES = 2;
/**
 * ...and reaches this confidence: topic names alone ("Armenia", "Azerbaijan" shared by a long
 * spun copy and an unrelated story about the region) stay near 0.04; a retelling of the same
 * story with its people's names scores 0.15 and more (hand-written rewrites traced at 65k).
 */
export const CLOSEST_MIN_CONFIDENCE = 0.1;

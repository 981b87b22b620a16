/**
 * @module core/index/settings
 * Tuned constants of the index stage (fingerprints) and of ingestion (input limits).
 * Changing any fingerprint constant changes every stored band key: bump
 * FINGERPRINT_VERSION so stores know their bands are stale.
 */

/**
 * Words per shingle. Calibrated on the STACK-NOTES spinner trial: replacing ~10% of words drops
 * 5-word-shingle Jaccard to 0.34; 3-word shingles keep ~0.57 (0.9^3 of shingles survive).
 */
export const SHINGLE_WORDS = 3;

/** MinHash signature length. 128 gives a Jaccard estimate with standard error ~0.04. */
export const MINHASH_K = 128;

/**
 * LSH banding: 32 bands of 4 rows (32 x 4 = MINHASH_K). Collision probability
 * 1 - (1 - J^4)^32 is 0.23 at J=0.3, 0.56 at J=0.4, 0.87 at J=0.5, 0.99 at J=0.6, and below
 * 0.001 at J=0.05 (unrelated news articles sit near J=0.01). Chosen from that curve so a
 * 10%-substituted copy (J ~0.57) is found almost always.
 */
export const LSH_BANDS = 32;
export const LSH_ROWS = 4;

/** Seed of the deterministic generator for the MinHash permutations. Never change casually. */
export const MINHASH_SEED = 0x5eed_2026;

/** Stored in the store's meta table; bump when any constant above or the hashing changes. */
export const FINGERPRINT_VERSION = 1;

/**
 * A term's postings (which articles hold it) are kept while its document frequency is at or
 * under this cap; above it the term is only counted. The cap is a number of articles, not a
 * share, so looking up a suspect's rare terms costs at most (query terms) x (cap) postings
 * whatever the corpus size. At 65k articles 2,000 is 3% of the corpus (the BM25 query used
 * to stop at 10%, 6,500 articles): the words it drops have little weight, and METER dev
 * ranking@1 stayed at 0.974 at 65k. At 1M it is 0.2%: a suspect's names and figures are
 * still under it, its common words are not.
 */
export const POSTINGS_DF_CAP = 2000;

/** Stored in the store's meta table; bump when core/index/terms.ts or POSTINGS_DF_CAP changes. */
export const TERMS_VERSION = 1;

// Input limits live with every other limit in core/limits.ts; re-exported for older imports.
export { MAX_INPUT_BYTES as DEFAULT_MAX_BYTES, BINARY_CONTROL_RATIO, BINARY_SNIFF_BYTES } from '../limits.ts';

/** Articles per store transaction in `unspun index`: big enough to amortise commits, small enough to lose little on kill. */
export const DEFAULT_BATCH = 500;

/**
 * @module core/align/consistency-model
 * Weights of the rewrite-consistency model (see consistency.ts). Written by
 * `npx tsx scripts/fit-consistency.ts --write`; do not edit by hand.
 * Fitted on the DEV splits only (7076 items over 12 sets, equal weight per set and class).
 * Dropped from the fit (weight 0, see the script): logLength, meanSupport, novelNoSynonym.
 * In-sample dev numbers at fitting time:
 *   frank: dev n=671 BAcc(fitted) 0.788 AUC 0.847
 *   xsumfaith: dev n=1250 BAcc(fitted) 0.694 AUC 0.754
 *   polytope: dev n=634 BAcc(fitted) 0.634 AUC 0.633
 *   factcc: dev n=179 BAcc(fitted) 0.844 AUC 0.909
 *   summeval: dev n=57 BAcc(fitted) 0.776 AUC 0.832
 *   summedits-news: dev n=133 BAcc(fitted) 0.614 AUC 0.574
 *   qags-c: dev n=136 BAcc(fitted) 0.703 AUC 0.748
 *   qags-x: dev n=157 BAcc(fitted) 0.617 AUC 0.626
 *   aggrefact-cliff: dev n=300 BAcc(fitted) 0.751 AUC 0.830
 *   aggrefact-goyal21: dev n=75 BAcc(fitted) 0.568 AUC 0.497
 *   falke: dev n=484 BAcc(fitted) 0.678 AUC 0.680
 *   vitaminc: dev n=3000 BAcc(fitted) 0.600 AUC 0.637
 */
export interface ConsistencyModel {
  /** Feature order: FEATURE_NAMES in consistency.ts (minSupport, meanSupport, minSimilarity, novelWords, novelNoSynonym, novelBigrams, unsupportedNumbers, unsupportedNames, negationMismatch, logLength). */
  means: readonly number[];
  scales: readonly number[];
  weights: readonly number[];
  bias: number;
}

export const CONSISTENCY_MODEL: ConsistencyModel = {
  means: [0.6252, 0.6336, 0.4379, 0.2894, 0.2732, 0.567, 0.3638, 0.3984, 0.1124, 2.4839],
  scales: [0.2593, 0.2605, 0.2242, 0.2569, 0.2496, 0.3501, 0.676, 0.64, 0.3255, 0.5777],
  weights: [0.3166, 0, 0.2201, 0.2593, 0, -0.7864, -0.3127, -0.2311, -0.0665, 0],
  bias: -0.5854,
};

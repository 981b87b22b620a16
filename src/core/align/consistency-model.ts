/**
 * @module core/align/consistency-model
 * Weights of the rewrite-consistency model (see consistency.ts). Written by
 * `npx tsx scripts/fit-consistency.ts --write`; do not edit by hand.
 * Fitted on the DEV splits only (7076 items over 12 sets, equal weight per set and class).
 * Dropped from the fit (weight 0, see the script): logLength, meanSupport, novelNoSynonym.
 * In-sample dev numbers at fitting time:
 *   frank: dev n=671 BAcc(fitted) 0.786 AUC 0.846
 *   xsumfaith: dev n=1250 BAcc(fitted) 0.711 AUC 0.769
 *   polytope: dev n=634 BAcc(fitted) 0.637 AUC 0.635
 *   factcc: dev n=179 BAcc(fitted) 0.844 AUC 0.911
 *   summeval: dev n=57 BAcc(fitted) 0.765 AUC 0.832
 *   summedits-news: dev n=133 BAcc(fitted) 0.606 AUC 0.598
 *   qags-c: dev n=136 BAcc(fitted) 0.696 AUC 0.730
 *   qags-x: dev n=157 BAcc(fitted) 0.643 AUC 0.641
 *   aggrefact-cliff: dev n=300 BAcc(fitted) 0.764 AUC 0.836
 *   aggrefact-goyal21: dev n=75 BAcc(fitted) 0.586 AUC 0.505
 *   falke: dev n=484 BAcc(fitted) 0.671 AUC 0.678
 *   vitaminc: dev n=3000 BAcc(fitted) 0.609 AUC 0.635
 */
export interface ConsistencyModel {
  /** Feature order: FEATURE_NAMES in consistency.ts (minSupport, meanSupport, minSimilarity, novelWords, novelNoSynonym, novelBigrams, unsupportedNumbers, unsupportedNames, negationMismatch, logLength, novelRarity, nameNumberOverlap). */
  means: readonly number[];
  scales: readonly number[];
  weights: readonly number[];
  bias: number;
}

export const CONSISTENCY_MODEL: ConsistencyModel = {
  means: [0.6252, 0.6336, 0.4379, 0.2894, 0.2732, 0.567, 0.3638, 0.3984, 0.1124, 2.4839, 0.2986, 0.7217],
  scales: [0.2593, 0.2605, 0.2242, 0.2569, 0.2496, 0.3501, 0.676, 0.64, 0.3255, 0.5777, 0.2729, 0.3602],
  weights: [0.312, 0, 0.2318, 1.1346, 0, -0.8038, -0.1694, -0.1268, -0.0654, 0, -0.9937, 0.0687],
  bias: -0.6178,
};

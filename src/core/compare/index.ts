/**
 * @module core/compare
 * Compare copies of one story: cluster, consensus, departures (see compare.ts).
 */
export { compareCopies, COMPARE_SCHEMA_VERSION, type CompareOptions } from './compare.ts';
export { copyFeatures, coverage, storySimilarity, similarityMatrix, singleLinkClusters, pickPivot } from './cluster.ts';
export { CLUSTER_THRESHOLD, SENTENCE_THRESHOLD, CONSENSUS_SHARE } from './settings.ts';
export type * from './types.ts';

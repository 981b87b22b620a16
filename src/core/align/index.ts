/**
 * @module core/align
 * The align stage: sentence similarity, sentence alignment and word diffs; pair equivalence
 * and rewrite-vs-source consistency built on them.
 */
export { alignSentences, type AlignSource } from './align.ts';
export { sentenceSimilarity, sentenceFeatures, featureSimilarity, featureCoverage, mergeFeatures, type SentenceFeatures } from './similarity.ts';
export { wordDiff } from './diff.ts';
export { pairEquivalence, lcsLength, type PairEquivalence } from './equivalence.ts';
export { rewriteConsistency, analyseSource, consistencyScore, type RewriteConsistency, type SentenceSupport, type ConsistencyFeatures, type SourceAnalysis } from './consistency.ts';

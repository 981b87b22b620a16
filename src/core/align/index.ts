/**
 * @module core/align
 * The align stage: sentence similarity, sentence alignment and word diffs.
 */
export { alignSentences, type AlignSource } from './align.ts';
export { sentenceSimilarity, sentenceFeatures, featureSimilarity, featureCoverage, mergeFeatures, type SentenceFeatures } from './similarity.ts';
export { wordDiff } from './diff.ts';

/**
 * @module core/compare/cluster
 * Groups copies into stories.
 *
 * 1. Each copy's sentences get similarity features once (core/align's `sentenceFeatures`).
 * 2. Coverage of copy A by copy B: the share of A's content weight in sentences that have a
 *    counterpart in B (best sentence similarity >= the align stage's ALIGN_MIN_SIMILARITY),
 *    the same test the align stage uses to pair a sentence.
 * 3. Story similarity of A and B: the larger of the two coverages, so an excerpt of a long copy
 *    still joins it; the threshold keeps same-topic but different stories apart.
 * 4. Single link: copies linked by a similarity >= CLUSTER_THRESHOLD form one story.
 */
import { featureSimilarity, sentenceFeatures, type SentenceFeatures } from '../align/index.ts';
import { ALIGN_MIN_SIMILARITY } from '../align/settings.ts';
import type { SplitArticle } from '../types.ts';

export type CopyFeatures = SentenceFeatures[];

export function copyFeatures(split: SplitArticle): CopyFeatures {
  return split.sentences.map((s) => sentenceFeatures(s.text));
}

/** Share of `a`'s content weight found again, sentence by sentence, in `b`; 0..1. */
export function coverage(a: CopyFeatures, b: CopyFeatures, sentenceThreshold = ALIGN_MIN_SIMILARITY): number {
  let total = 0;
  let covered = 0;
  for (const fa of a) {
    total += fa.total;
    if (b.some((fb) => featureSimilarity(fa, fb) >= sentenceThreshold)) covered += fa.total;
  }
  return total === 0 ? 0 : covered / total;
}

/** Story similarity of two copies: the better of the two coverages (see the module comment). */
export function storySimilarity(a: CopyFeatures, b: CopyFeatures, sentenceThreshold = ALIGN_MIN_SIMILARITY): number {
  return round(Math.max(coverage(a, b, sentenceThreshold), coverage(b, a, sentenceThreshold)));
}

/** The symmetric similarity matrix of all copies (diagonal 1). */
export function similarityMatrix(features: CopyFeatures[], sentenceThreshold = ALIGN_MIN_SIMILARITY): number[][] {
  const n = features.length;
  const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) m[i][j] = m[j][i] = storySimilarity(features[i], features[j], sentenceThreshold);
  }
  return m;
}

/** Single-link clusters of indexes, biggest first, then by first member. */
export function singleLinkClusters(similarity: number[][], threshold: number): number[][] {
  const n = similarity.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (similarity[i][j] >= threshold) parent[find(j)] = find(i);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** The member most similar to all the others (ties: the longer copy, then the first). */
export function pickPivot(members: number[], similarity: number[][], lengths: number[]): number {
  let best = members[0];
  let bestScore = -1;
  for (const i of members) {
    const score = members.reduce((sum, j) => (j === i ? sum : sum + similarity[i][j]), 0);
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && lengths[i] > lengths[best])) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

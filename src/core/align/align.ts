/**
 * @module core/align/align
 * Pairs suspect sentences with source sentences, allowing what content farms do:
 *
 * 1. Score every suspect sentence against every sentence of every source (no order constraint,
 *    so reordered paragraphs still align).
 * 2. Each suspect sentence takes its best source sentence if it reaches ALIGN_MIN_SIMILARITY.
 * 3. Many-to-one: if the suspect sentence merges two source sentences (neighbours, or the
 *    runner-up anywhere in the same source), the union of the two explains it clearly better
 *    (MERGE_MIN_GAIN) than the best one alone.
 * 4. One-to-many: adjacent suspect sentences that took the same source sentence(s) form one group.
 * 5. Suspect sentences without a counterpart form `source: null` groups (inserted); source
 *    sentences that no suspect sentence uses form `suspect: []` groups (omitted), for each
 *    source that contributed at least one aligned sentence.
 *
 * Order: groups by first suspect sentence, then omitted groups in source order.
 */
import type { AlignmentGroup, SplitArticle } from '../types.ts';
import { featureCoverage, featureSimilarity, mergeFeatures, sentenceFeatures, type SentenceFeatures } from './similarity.ts';
import { ALIGN_MIN_SIMILARITY, MERGE_MIN_GAIN, MERGE_PART_MIN, USED_MIN_SIMILARITY } from './settings.ts';

export interface AlignSource {
  id: string;
  split: SplitArticle;
}

interface Match {
  source: number;
  sentences: number[];
  similarity: number;
}

/** Aligns a suspect article with one or more sources. See the module comment for the steps. */
export function alignSentences(suspect: SplitArticle, sources: AlignSource[]): AlignmentGroup[] {
  const suspectFeatures = suspect.sentences.map((s) => sentenceFeatures(s.text));
  const sourceFeatures = sources.map((src) => src.split.sentences.map((s) => sentenceFeatures(s.text)));
  // sims[i][s][j]: similarity of suspect sentence i with sentence j of source s.
  const sims = suspectFeatures.map((fa) => sourceFeatures.map((list) => list.map((fb) => featureSimilarity(fa, fb))));

  const matches: (Match | null)[] = suspectFeatures.map((fa, i) => {
    let best: Match | null = null;
    sims[i].forEach((row, s) =>
      row.forEach((sim, j) => {
        if (!best || sim > best.similarity) best = { source: s, sentences: [j], similarity: sim };
      }),
    );
    if (!best) return null;
    const b: Match = best;
    // Many-to-one: try the neighbours of the best sentence, and of the second best if adjacent.
    const feats = sourceFeatures[b.source];
    const j = b.sentences[0];
    let merged: Match | null = null;
    // Candidates: the neighbours, and the runner-up anywhere in the same source (rewrites also
    // merge a sentence with one from a later paragraph).
    const row = sims[i][b.source];
    let runnerUp = -1;
    row.forEach((sim, k) => {
      if (k !== j && (runnerUp < 0 || sim > row[runnerUp])) runnerUp = k;
    });
    for (const k of new Set([j - 1, j + 1, runnerUp])) {
      if (k < 0 || k >= feats.length || sims[i][b.source][k] < MERGE_PART_MIN) continue;
      const union = mergeFeatures(k < j ? [feats[k], feats[j]] : [feats[j], feats[k]]);
      // Coverage of the suspect sentence by the union vs by the best sentence alone: a merge
      // should explain words the best sentence cannot.
      const gain = featureCoverage(fa, union) - featureCoverage(fa, feats[j]);
      const sim = featureSimilarity(fa, union);
      if (gain >= MERGE_MIN_GAIN && sim >= b.similarity - MERGE_MIN_GAIN / 2 && (!merged || sim > merged.similarity)) {
        merged = { source: b.source, sentences: [Math.min(j, k), Math.max(j, k)], similarity: Math.max(sim, b.similarity) };
      }
    }
    const chosen = merged ?? b;
    return chosen.similarity >= ALIGN_MIN_SIMILARITY ? chosen : null;
  });

  const groups: AlignmentGroup[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    if (!m) {
      groups.push({ suspect: [i], source: null, similarity: 0 });
      continue;
    }
    // One-to-many: following suspect sentences that drew on the same source sentence(s).
    const suspectIdx = [i];
    const used = new Set(m.sentences);
    while (i + 1 < matches.length) {
      const n = matches[i + 1];
      if (!n || n.source !== m.source || !n.sentences.some((j) => used.has(j))) break;
      suspectIdx.push(++i);
      for (const j of n.sentences) used.add(j);
    }
    const sentences = [...used].sort((a, b) => a - b);
    const similarity =
      suspectIdx.length === 1 && sentences.length === m.sentences.length
        ? m.similarity
        : featureSimilarity(mergeFeatures(suspectIdx.map((k) => suspectFeatures[k])), mergeFeatures(sentences.map((j) => sourceFeatures[m.source][j])));
    groups.push({ suspect: suspectIdx, source: { id: sources[m.source].id, sentences }, similarity: round(similarity) });
  }

  // Omitted: source sentences no group uses and no suspect sentence resembles.
  const contributing = new Set(matches.filter((m): m is Match => m !== null).map((m) => m.source));
  sources.forEach((src, s) => {
    if (!contributing.has(s)) return;
    const used = new Set<number>();
    for (const g of groups) if (g.source?.id === src.id) for (const j of g.source.sentences) used.add(j);
    src.split.sentences.forEach((_, j) => {
      if (used.has(j)) return;
      if (sims.some((row) => row[s][j] >= USED_MIN_SIMILARITY)) return;
      groups.push({ suspect: [], source: { id: src.id, sentences: [j] }, similarity: 0 });
    });
  });
  return groups;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export type { SentenceFeatures };

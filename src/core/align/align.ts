/**
 * @module core/align/align
 * Pairs suspect sentences with source sentences, allowing what content farms do:
 *
 * 1. Score every suspect sentence against every sentence of every source (no order constraint,
 *    so reordered paragraphs still align).
 * 2. Each suspect sentence takes its best source sentence if it reaches ALIGN_MIN_SIMILARITY.
 * 2b. Rescue: a heavily reworded sentence can fall below that threshold while its counterpart
 *    sits unused in the source. A leftover suspect sentence and a leftover source sentence
 *    still pair when each is the other's best leftover, they reach RESCUE_MIN_SIMILARITY, and
 *    they share at least RESCUE_MIN_DISTINCTIVE words that few source sentences use (a name,
 *    a figure, a rare word), so two generic sentences do not pair on common words. Before
 *    that, a leftover whose two neighbours align in order to one source takes the best unused
 *    source sentence between their counterparts if it reaches GAP_MIN_SIMILARITY.
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
import {
  ALIGN_MIN_SIMILARITY,
  GAP_MIN_SIMILARITY,
  MERGE_MIN_GAIN,
  MERGE_PART_MIN,
  RESCUE_MAX_SENTENCE_FREQUENCY,
  RESCUE_MIN_DISTINCTIVE,
  RESCUE_MIN_SIMILARITY,
  USED_MIN_SIMILARITY,
} from './settings.ts';

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
    // A merge of sentences j and j+2 that also draws on j+1 ("A. B. C." read as one long
    // sentence) takes the middle one too, so a changed quote in it is compared, not omitted.
    if (merged && merged.sentences[1] - merged.sentences[0] === 2) {
      const mid = merged.sentences[0] + 1;
      if (sims[i][b.source][mid] >= MERGE_PART_MIN) merged.sentences = [merged.sentences[0], mid, merged.sentences[1]];
    }
    const chosen = merged ?? b;
    return chosen.similarity >= ALIGN_MIN_SIMILARITY ? chosen : null;
  });
  rescueLeftovers(matches, sims, suspectFeatures, sourceFeatures);

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

/**
 * Step 2b (see the module comment). Mutates `matches`: only null entries are filled, and only
 * with source sentences that no match uses, in sources that already contributed a match.
 */
function rescueLeftovers(matches: (Match | null)[], sims: number[][][], suspectFeatures: SentenceFeatures[], sourceFeatures: SentenceFeatures[][]): void {
  const contributing = new Set(matches.filter((m): m is Match => m !== null).map((m) => m.source));
  const used = new Set<string>();
  for (const m of matches) if (m) for (const j of m.sentences) used.add(`${m.source}:${j}`);
  // Keys shared by few sentences of a source are what tie a reworded sentence to its original.
  const keyCounts = sourceFeatures.map((list) => {
    const counts = new Map<string, number>();
    for (const f of list) for (const k of f.weights.keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
    return counts;
  });
  const distinctiveShared = (i: number, s: number, j: number): number => {
    let n = 0;
    for (const k of suspectFeatures[i].weights.keys()) {
      if (sourceFeatures[s][j].weights.has(k) && (keyCounts[s].get(k) ?? 0) <= RESCUE_MAX_SENTENCE_FREQUENCY) n++;
    }
    return n;
  };
  const leftover = matches.map((m, i) => (m ? -1 : i)).filter((i) => i >= 0);
  const bestFor = (i: number): { s: number; j: number; sim: number } | null => {
    let best: { s: number; j: number; sim: number } | null = null;
    for (const s of contributing) {
      sims[i][s].forEach((sim, j) => {
        if (!used.has(`${s}:${j}`) && (!best || sim > best.sim)) best = { s, j, sim };
      });
    }
    return best;
  };
  // Gap filling: a leftover between two neighbours aligned in order to the same source, with
  // unused source sentences between their counterparts, is most likely one of those (content
  // farms keep the source's order): "$500,000 bail" between its neighbours' "$50,000 bond".
  for (const i of leftover) {
    const prev = matches[i - 1];
    const next = matches[i + 1];
    if (!prev || !next || prev.source !== next.source) continue;
    const lo = Math.max(...prev.sentences);
    const hi = Math.min(...next.sentences);
    let best: { j: number; sim: number } | null = null;
    for (let j = lo + 1; j < hi; j++) {
      const sim = sims[i][prev.source][j];
      if (!used.has(`${prev.source}:${j}`) && (!best || sim > best.sim)) best = { j, sim };
    }
    if (!best || best.sim < GAP_MIN_SIMILARITY) continue;
    matches[i] = { source: prev.source, sentences: [best.j], similarity: best.sim };
    used.add(`${prev.source}:${best.j}`);
  }
  const remaining = leftover.filter((i) => matches[i] === null);
  const proposals = remaining.map((i) => ({ i, best: bestFor(i) }));
  for (const { i, best } of proposals) {
    if (!best || best.sim < RESCUE_MIN_SIMILARITY) continue;
    // Mutual: no other leftover suspect sentence is closer to this source sentence.
    if (remaining.some((k) => k !== i && sims[k][best.s][best.j] > best.sim)) continue;
    if (distinctiveShared(i, best.s, best.j) < RESCUE_MIN_DISTINCTIVE) continue;
    matches[i] = { source: best.s, sentences: [best.j], similarity: best.sim };
    used.add(`${best.s}:${best.j}`);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export type { SentenceFeatures };

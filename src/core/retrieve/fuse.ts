/**
 * @module core/retrieve/fuse
 * Reciprocal rank fusion of ranked candidate lists (Cormack, Clarke & Büttcher, SIGIR 2009):
 * each list adds weight / (k + rank). It needs no score calibration between lists, which
 * matters here because BM25 scores and shared LSH band counts are on unrelated scales.
 */

export interface RankedList {
  ids: readonly string[];
  weight: number;
}

export interface FusedCandidate {
  id: string;
  score: number;
  /** 1-based rank in each input list, null where absent (same order as the input lists). */
  ranks: Array<number | null>;
}

/** Fuses ranked id lists; ties keep the order of first appearance. */
export function reciprocalRankFusion(lists: readonly RankedList[], k: number): FusedCandidate[] {
  const byId = new Map<string, FusedCandidate & { first: number }>();
  let seen = 0;
  lists.forEach((list, li) => {
    list.ids.forEach((id, i) => {
      let c = byId.get(id);
      if (!c) {
        c = { id, score: 0, ranks: lists.map(() => null), first: seen++ };
        byId.set(id, c);
      }
      if (c.ranks[li] !== null) return; // a duplicate within one list counts once
      c.ranks[li] = i + 1;
      c.score += list.weight / (k + i + 1);
    });
  });
  return [...byId.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .map(({ id, score, ranks }) => ({ id, score, ranks }));
}

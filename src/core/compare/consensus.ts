/**
 * @module core/compare/consensus
 * The consensus of one story's copies, slot by slot.
 *
 * 1. Every copy is aligned with the pivot (core/align's `alignSentences`, so reordering,
 *    splits and merges are handled as in `trace`).
 * 2. Pivot sentences that some copy reads as one (a merge) are joined into one slot; each copy's
 *    reading of a slot is the set of its sentences aligned to any pivot sentence of it.
 * 3. Sentences that no pivot sentence explains are matched across the other copies: the same
 *    statement in two copies the pivot lacks is one slot, not two insertions.
 * 4. The majority reading of a slot is the wording most copies share word for word; among ties,
 *    the most central one (highest summed similarity to the other readings).
 */
import { alignSentences, featureSimilarity, mergeFeatures } from '../align/index.ts';
import { tokenize } from '../text/tokens.ts';
import type { SplitArticle } from '../types.ts';
import type { CopyFeatures } from './cluster.ts';

export interface ClusterCopy {
  id: string;
  split: SplitArticle;
  features: CopyFeatures;
}

/** A slot before agreement is known. */
export interface DraftSlot {
  pivotSentences: number[];
  /** Copy id -> its sentence indexes, in cluster order. */
  readings: Map<string, number[]>;
  majority: { copy: string; sentences: number[] };
}

export function readingText(split: SplitArticle, sentences: number[]): string {
  return sentences.map((i) => split.sentences[i].text).join(' ');
}

/** Builds the slots of one cluster. `copies` in input order; `pivot` is one of their ids. */
export function buildSlots(copies: ClusterCopy[], pivot: string, sentenceThreshold: number): DraftSlot[] {
  const pivotCopy = copies.find((c) => c.id === pivot);
  if (!pivotCopy) throw new Error(`pivot ${pivot} is not in the cluster`);
  const n = pivotCopy.split.sentences.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));

  const links: { copy: string; sentences: number[]; pivot: number[] }[] = [];
  const unaligned: { copy: ClusterCopy; sentence: number }[] = [];
  for (const c of copies) {
    if (c.id === pivot) continue;
    for (const g of alignSentences(c.split, [{ id: pivot, split: pivotCopy.split }])) {
      if (g.suspect.length > 0 && g.source) {
        links.push({ copy: c.id, sentences: g.suspect, pivot: g.source.sentences });
        for (const j of g.source.sentences.slice(1)) parent[find(j)] = find(g.source.sentences[0]);
      } else if (g.suspect.length > 0) {
        for (const i of g.suspect) unaligned.push({ copy: c, sentence: i });
      }
    }
  }

  // Anchored slots, keyed by the root pivot sentence.
  const byRoot = new Map<number, { key: number; slot: DraftSlot }>();
  for (let j = 0; j < n; j++) {
    const r = find(j);
    let entry = byRoot.get(r);
    if (!entry) byRoot.set(r, (entry = { key: j, slot: { pivotSentences: [], readings: new Map([[pivot, []]]), majority: { copy: pivot, sentences: [] } } }));
    entry.slot.pivotSentences.push(j);
    entry.slot.readings.get(pivot)!.push(j);
  }
  // Where each copy sentence went, to place extra slots after their copy's previous sentence.
  const keyOf = new Map<string, number>();
  for (const l of links) {
    const entry = byRoot.get(find(l.pivot[0]))!;
    const list = entry.slot.readings.get(l.copy) ?? [];
    for (const i of l.sentences) if (!list.includes(i)) list.push(i);
    entry.slot.readings.set(l.copy, list.sort((a, b) => a - b));
    for (const i of l.sentences) keyOf.set(`${l.copy}:${i}`, entry.key);
  }

  // Extra slots: sentences the pivot lacks, matched across the other copies.
  const extras: { key: number; slot: DraftSlot; features: CopyFeatures }[] = [];
  for (const { copy, sentence } of unaligned) {
    const f = copy.features[sentence];
    let best: (typeof extras)[number] | null = null;
    let bestSim = sentenceThreshold;
    for (const e of extras) {
      const prev = e.slot.readings.get(copy.id);
      // One slot per statement: a copy joins an extra slot once, or again with the next sentence.
      if (prev && !prev.includes(sentence - 1)) continue;
      const sim = Math.max(...e.features.map((g) => featureSimilarity(f, g)));
      if (sim >= bestSim) {
        best = e;
        bestSim = sim;
      }
    }
    if (best) {
      const list = best.slot.readings.get(copy.id) ?? [];
      list.push(sentence);
      best.slot.readings.set(copy.id, list);
      best.features.push(f);
    } else {
      let key = -1;
      for (let i = sentence - 1; i >= 0; i--) {
        const k = keyOf.get(`${copy.id}:${i}`);
        if (k !== undefined) {
          key = k;
          break;
        }
      }
      extras.push({ key: key + 0.5 + sentence / 1e4, slot: { pivotSentences: [], readings: new Map([[copy.id, [sentence]]]), majority: { copy: copy.id, sentences: [sentence] } }, features: [f] });
    }
  }

  const order = copies.map((c) => c.id);
  const all = [...byRoot.values(), ...extras].sort((a, b) => a.key - b.key);
  return all.map(({ slot }) => {
    const readings = new Map([...slot.readings].filter(([, s]) => s.length > 0).sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])));
    return { pivotSentences: slot.pivotSentences, readings, majority: majorityReading(readings, copies, pivot) };
  }).filter((s) => s.readings.size > 0);
}

/** The wording most copies share word for word; ties go to the most central reading, then the pivot. */
function majorityReading(readings: Map<string, number[]>, copies: ClusterCopy[], pivot: string): { copy: string; sentences: number[] } {
  const entries = [...readings];
  const byId = new Map(copies.map((c) => [c.id, c]));
  const words = entries.map(([id, s]) => tokenize(readingText(byId.get(id)!.split, s)).map((t) => t.norm).join(' '));
  const feats = entries.map(([id, s]) => mergeFeatures(s.map((i) => byId.get(id)!.features[i])));
  let best = 0;
  let bestScore = [-1, -1, -1];
  entries.forEach(([id], k) => {
    const same = words.filter((w) => w === words[k]).length;
    const central = feats.reduce((sum, f, m) => (m === k ? sum : sum + featureSimilarity(feats[k], f)), 0);
    const score = [same, Math.round(central * 1000), id === pivot ? 1 : 0];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && (score[1] > bestScore[1] || (score[1] === bestScore[1] && score[2] > bestScore[2])))) {
      best = k;
      bestScore = score;
    }
  });
  return { copy: entries[best][0], sentences: entries[best][1] };
}

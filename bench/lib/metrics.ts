/**
 * @module bench/lib/metrics
 * Classification and ranking metrics used by every benchmark task. Pure functions over
 * plain arrays so each can be checked against hand-computed cases (test/bench-metrics.test.ts).
 */

/** Share of predictions equal to the gold label. */
export function accuracy<T>(gold: readonly T[], pred: readonly T[]): number {
  checkSameLength(gold, pred);
  if (gold.length === 0) return NaN;
  let hit = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) hit++;
  return hit / gold.length;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold items of this class. */
  support: number;
}

/** Precision, recall and F1 of one class (0 where undefined, as scikit-learn does). */
export function prf<T>(gold: readonly T[], pred: readonly T[], positive: T): Prf {
  checkSameLength(gold, pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] === positive;
    const p = pred[i] === positive;
    if (g && p) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  return prfFromCounts(tp, fp, fn);
}

export function prfFromCounts(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

/** Unweighted mean of per-class F1 over `classes` (defaults to the classes seen in gold). */
export function macroF1<T>(gold: readonly T[], pred: readonly T[], classes?: readonly T[]): number {
  const cs = classes ?? [...new Set(gold)];
  if (cs.length === 0) return NaN;
  let sum = 0;
  for (const c of cs) sum += prf(gold, pred, c).f1;
  return sum / cs.length;
}

/** Mean of per-class recall over the classes present in gold. */
export function balancedAccuracy<T>(gold: readonly T[], pred: readonly T[]): number {
  checkSameLength(gold, pred);
  const cs = [...new Set(gold)];
  if (cs.length === 0) return NaN;
  let sum = 0;
  for (const c of cs) sum += prf(gold, pred, c).recall;
  return sum / cs.length;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting half (Mann-Whitney U with average ranks). NaN if a class is absent.
 */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  checkSameLength(scores, labels);
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = avg;
    i = j + 1;
  }
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1 || labels[i] === true) {
      nPos++;
      rankSum += ranks[i];
    }
  }
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface Confusion<T> {
  classes: T[];
  /** matrix[goldIndex][predIndex] = count */
  matrix: number[][];
}

export function confusionMatrix<T>(gold: readonly T[], pred: readonly T[], classes?: readonly T[]): Confusion<T> {
  checkSameLength(gold, pred);
  const cs = classes ? [...classes] : [...new Set([...gold, ...pred])];
  const at = new Map(cs.map((c, i) => [c, i]));
  const matrix = cs.map(() => cs.map(() => 0));
  for (let i = 0; i < gold.length; i++) {
    const g = at.get(gold[i]);
    const p = at.get(pred[i]);
    if (g === undefined || p === undefined) throw new Error(`label outside the class list: ${String(gold[i])} / ${String(pred[i])}`);
    matrix[g][p]++;
  }
  return { classes: cs, matrix };
}

/** Percentile with linear interpolation between closest ranks (numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile out of range: ${p}`);
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Mean reciprocal rank; `ranks` are 1-based, null when the right answer was not returned. */
export function meanReciprocalRank(ranks: readonly (number | null)[]): number {
  if (ranks.length === 0) return NaN;
  let s = 0;
  for (const r of ranks) if (r !== null && r > 0) s += 1 / r;
  return s / ranks.length;
}

export type Objective = (gold: readonly (0 | 1)[], pred: readonly (0 | 1)[]) => number;

/**
 * The threshold t maximising `objective` when predicting 1 for score >= t. Candidates are
 * midpoints between consecutive distinct scores (plus both ends), so the fitted value never
 * sits exactly on a training score. Ties in the objective go to the smallest threshold.
 */
export function fitThreshold(scores: readonly number[], labels: readonly (0 | 1)[], objective: Objective): { threshold: number; value: number } {
  checkSameLength(scores, labels);
  if (scores.length === 0) throw new Error('fitThreshold: no data');
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  const cands = [distinct[0] - 1e-9];
  for (let i = 0; i + 1 < distinct.length; i++) cands.push((distinct[i] + distinct[i + 1]) / 2);
  cands.push(distinct[distinct.length - 1] + 1e-9);
  // Too many candidates makes this quadratic; 400 quantiles are plenty for a threshold.
  const picked = cands.length > 400 ? cands.filter((_, i) => i % Math.ceil(cands.length / 400) === 0 || i === cands.length - 1) : cands;
  let best = { threshold: picked[0], value: -Infinity };
  for (const t of picked) {
    const v = objective(labels, scores.map((s) => (s >= t ? 1 : 0)));
    if (v > best.value) best = { threshold: t, value: v };
  }
  return best;
}

/** Predicts 1 for score >= threshold. */
export function applyThreshold(scores: readonly number[], threshold: number): (0 | 1)[] {
  return scores.map((s) => (s >= threshold ? 1 : 0));
}

/**
 * Fits k-1 ordered cut points on a 1-D score for k ordered classes (lowest class first),
 * maximising `objective`, by coordinate search over score quantiles. Deterministic.
 */
export function fitOrdinalCuts<T>(
  scores: readonly number[],
  gold: readonly T[],
  ordered: readonly T[],
  objective: (gold: readonly T[], pred: readonly T[]) => number,
): { cuts: number[]; value: number } {
  checkSameLength(scores, gold);
  const sorted = [...scores].sort((a, b) => a - b);
  const grid = [...new Set(Array.from({ length: 101 }, (_, i) => percentile(sorted, i)))];
  const k = ordered.length;
  let cuts = Array.from({ length: k - 1 }, (_, i) => percentile(sorted, (100 * (i + 1)) / k));
  let value = objective(gold, applyOrdinalCuts(scores, cuts, ordered));
  for (let round = 0; round < 4; round++) {
    let improved = false;
    for (let c = 0; c < cuts.length; c++) {
      for (const g of grid) {
        const lo = c === 0 ? -Infinity : cuts[c - 1];
        const hi = c === cuts.length - 1 ? Infinity : cuts[c + 1];
        if (g < lo || g > hi) continue;
        const trial = [...cuts];
        trial[c] = g;
        const v = objective(gold, applyOrdinalCuts(scores, trial, ordered));
        if (v > value + 1e-12) {
          value = v;
          cuts = trial;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { cuts, value };
}

/** Class i is chosen when cuts[i-1] <= score < cuts[i]. */
export function applyOrdinalCuts<T>(scores: readonly number[], cuts: readonly number[], ordered: readonly T[]): T[] {
  return scores.map((s) => {
    let c = 0;
    while (c < cuts.length && s >= cuts[c]) c++;
    return ordered[c];
  });
}

function checkSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
}

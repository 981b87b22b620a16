/**
 * @module core/retrieve/confidence
 * Turns a candidate's evidence into a calibrated probability that it is a source, with a
 * logistic model whose weights are fitted on METER dev (see settings.ts and
 * scripts/calibrate-retrieval.ts), and says in one plain line why.
 */
import type { CandidateFeatures } from './features.ts';

/** Feature vector, in the order of CONFIDENCE_WEIGHTS (index 0 is the bias). */
export function confidenceFeatures(f: CandidateFeatures): number[] {
  return [1, f.sentenceCoverage, f.softCoverage, Math.log1p(f.sharedRareCount), f.shingleContainment, f.termContainment];
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * (b[i] ?? 0);
  return s;
}

/** Probability that the candidate is a source of the suspect. */
export function confidenceOf(f: CandidateFeatures, weights: readonly number[]): number {
  return logistic(dot(weights, confidenceFeatures(f)));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "shares 14 of 18 sentences, 9 rare names and numbers (Khankendi, Hajiyev, 120,000 ...)". */
export function explainMatch(f: CandidateFeatures): string {
  const parts = [`shares ${f.matchedSentences} of ${f.eligibleSentences} sentences`];
  if (f.sharedRareCount > 0) {
    const kinds =
      f.sharedRareNames + f.sharedRareNumbers === f.sharedRareCount && f.sharedRareNumbers === 0
        ? 'rare names'
        : f.sharedRareNames + f.sharedRareNumbers === f.sharedRareCount && f.sharedRareNames === 0
          ? 'rare numbers'
          : 'rare names, numbers and words';
    const more = f.sharedRareCount > f.sharedRare.length ? ' ...' : '';
    parts.push(`${f.sharedRareCount} ${kinds} (${f.sharedRare.join(', ')}${more})`);
  }
  if (f.shingleContainment >= 0.2) parts.push(`${Math.round(f.shingleContainment * 100)}% of its 3-word phrases word for word`);
  return parts.join(', ');
}

/** Why no source was claimed, naming the best candidate's evidence and the threshold. */
export function explainNoMatch(best: CandidateFeatures | null, confidence: number, threshold: number): string {
  if (!best) return 'no article in the corpus shares distinctive words with this text';
  return (
    `best candidate shares only ${best.matchedSentences} of ${best.eligibleSentences} sentences and ` +
    `${plural(best.sharedRareCount, 'rare term')}; confidence ${confidence.toFixed(2)} is below the ${threshold} threshold`
  );
}

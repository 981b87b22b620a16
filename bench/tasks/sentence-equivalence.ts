/**
 * @module bench/tasks/sentence-equivalence
 * Does unspun separate paraphrases from pairs that differ in meaning? pairEquivalence
 * (src/core/align/equivalence.ts: similarity times word-order evidence) and, beside it, the
 * bag-of-stems sentenceSimilarity the aligner uses.
 * MRPC (news; threshold fitted on the official train split, reported on test) and PAWS-Wiki
 * (threshold fitted on dev, reported on test), beside the majority class, an in-process
 * lexical-overlap baseline with its own fitted threshold, and the published anchors.
 */
import { loadPairs, type PairRecord } from '../lib/datasets.ts';
import { loadSentenceApi } from '../lib/core.ts';
import { Timer, type SpeedRow } from '../lib/measure.ts';
import { accuracy, applyThreshold, fitThreshold, prf } from '../lib/metrics.ts';
import { lexicalOverlap } from '../lib/scorers.ts';
import { pairEquivalence } from '../../src/core/align/equivalence.ts';
import { fmt, markdownTable, pct, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';

/** Quick-gate sample sizes: enough to catch a regression, small enough for seconds. */
const QUICK_FIT = 400;
const QUICK_EVAL = 400;

interface SetSpec {
  name: 'mrpc' | 'paws';
  label: string;
  fitSplit: string;
  evalSplit: string;
  anchors: { system: string; accuracy: number | null; f1: number | null; source: string }[];
}

const SETS: SetSpec[] = [
  {
    name: 'mrpc',
    label: 'MRPC',
    fitSplit: 'train',
    evalSplit: 'test',
    anchors: [
      { system: 'Mihalcea et al. 2006 (unsupervised)', accuracy: 0.703, f1: 0.813, source: 'ACL Wiki, via dataset README' },
      { system: 'Qiu et al. 2006 (supervised)', accuracy: 0.72, f1: 0.816, source: 'ACL Wiki, via dataset README' },
      { system: 'Wan et al. 2006 (supervised)', accuracy: 0.756, f1: 0.83, source: 'ACL Wiki, via dataset README' },
    ],
  },
  {
    name: 'paws',
    label: 'PAWS-Wiki',
    fitSplit: 'dev',
    evalSplit: 'test',
    anchors: [{ system: 'models without PAWS training data', accuracy: null, f1: null, source: 'below 40% accuracy (PAWS paper)' }],
  },
];

/** Deterministic subsample: every k-th record, so quick runs are stable across machines. */
function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]);
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const api = await loadSentenceApi();
  const speed: SpeedRow[] = [];
  const metrics: Record<string, number> = {};
  const unavailable: string[] = [];
  const parts: string[] = [];
  if (typeof api === 'string') unavailable.push(api);

  for (const set of SETS) {
    const all = loadPairs(set.name);
    let fit = all.filter((r) => r.split === set.fitSplit);
    let evalSet = all.filter((r) => r.split === set.evalSplit);
    let fitName = set.fitSplit;
    let evalName = set.evalSplit;
    if (opts.quick) {
      // The gate never looks at test: it fits on one half of a fit-split sample and scores the other.
      const s = sample(fit, QUICK_FIT + QUICK_EVAL);
      fit = s.filter((_, i) => i % 2 === 0);
      evalSet = s.filter((_, i) => i % 2 === 1);
      fitName = `${set.fitSplit} sample A (${fit.length})`;
      evalName = `${set.fitSplit} sample B (${evalSet.length})`;
    }
    opts.log(`${set.label}: fit on ${fit.length}, evaluate on ${evalSet.length}`);
    const gold = evalSet.map((r) => r.label as 0 | 1);
    const rows: Cell[][] = [];
    // The majority class is read from the fit split, like any other fitted parameter.
    const positiveShare = fit.filter((r) => r.label === 1).length / fit.length;
    const majority = positiveShare >= 0.5 ? 1 : 0;
    const majPred = gold.map(() => majority as 0 | 1);
    rows.push([`majority class (always ${majority ? '"paraphrase"' : '"different"'})`, evalName, '–', accuracy(gold, majPred), prf(gold, majPred, 1).f1, 'computed']);

    const systems: { name: string; score: (r: PairRecord) => number; unit: string }[] = [
      { name: 'lexical overlap (content-stem F1), in-process', score: (r) => lexicalOverlap(r.a, r.b), unit: 'pair' },
    ];
    if (typeof api !== 'string') systems.unshift({ name: 'unspun sentenceSimilarity (bag of stems, what alignment uses)', score: (r) => api.similarity(r.a, r.b), unit: 'pair' });
    else rows.unshift(['unspun sentenceSimilarity (bag of stems, what alignment uses)', evalName, api, null, null, '–']);
    systems.unshift({ name: '**unspun** pairEquivalence (similarity x word order)', score: (r) => pairEquivalence(r.a, r.b).score, unit: 'pair' });

    for (const sys of systems) {
      const fitScores = fit.map((r) => sys.score(r));
      const { threshold, value: fitAcc } = fitThreshold(fitScores, fit.map((r) => r.label as 0 | 1), accuracy);
      const timer = new Timer();
      const scores = evalSet.map((r) => timer.time(() => sys.score(r)));
      const pred = applyThreshold(scores, threshold);
      const acc = accuracy(gold, pred);
      const f1 = prf(gold, pred, 1).f1;
      rows.push([sys.name, evalName, `${fmt(threshold)} (fitted on ${fitName}; acc there ${pct(fitAcc)})`, acc, f1, 'this run']);
      speed.push(timer.row('sentence-equivalence', `${sys.name.replace(/\*/g, '')} on ${set.label}`, evalName, sys.unit));
      const key = sys.name.includes('pairEquivalence') ? 'unspun' : sys.name.includes('sentenceSimilarity') ? 'similarity' : 'lexical';
      if (opts.quick) {
        metrics[`${set.name}.${set.fitSplit}.${key}.accuracy`] = acc;
      } else {
        metrics[`${set.name}.${set.fitSplit}.${key}.fitAccuracy`] = fitAcc;
      }
    }
    if (!opts.quick) for (const a of set.anchors) rows.push([a.system, set.evalSplit, '–', a.accuracy, a.f1, a.source]);
    parts.push(`### ${set.label}: ${evalName}${opts.quick ? '' : ` (${evalSet.length} pairs, threshold from ${fitName})`}\n\n` +
      markdownTable(['system', 'split', 'threshold', 'accuracy', 'F1 (paraphrase)', 'source'], rows));
  }
  return { markdown: parts.join('\n\n'), metrics, speed, unavailable };
}

export const sentenceEquivalenceTask: BenchTask = {
  name: 'sentence-equivalence',
  title: 'Sentence equivalence (MRPC, PAWS)',
  inQuick: true,
  run,
};

/**
 * @module bench/tasks/reuse-level
 * Reuse level on Clough & Stevenson's short answers (cut / light / heavy / non). unspun
 * aligns each answer sentence to the Wikipedia source with its similarity; the score is
 * the word-weighted mean of the best similarities. Three ordered cut points are fitted on
 * dev (tasks c, d, e) and applied to test (tasks a, b). Baseline: word trigram containment
 * with cuts fitted the same way. The README gives no published number to compare with.
 */
import { loadClough, type CloughRecord } from '../lib/datasets.ts';
import { loadSentenceApi, type CoreSentenceApi } from '../lib/core.ts';
import { Timer, type SpeedRow } from '../lib/measure.ts';
import { accuracy, applyOrdinalCuts, confusionMatrix, fitOrdinalCuts, macroF1 } from '../lib/metrics.ts';
import { matchSentences, ngramContainment } from '../lib/scorers.ts';
import { fmt, markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import { tokenize } from '../../src/core/text/tokens.ts';

type Level = CloughRecord['label'];
const ORDER: Level[] = ['non', 'heavy', 'light', 'cut'];

/** Word-weighted mean best similarity of the answer's sentences to the source's. */
export function alignedSimilarity(api: CoreSentenceApi, derived: string, source: string): number {
  const ds = api.split(derived);
  const ss = api.split(source);
  const m = matchSentences(api, ds, ss);
  let num = 0;
  let den = 0;
  ds.forEach((s, i) => {
    const w = tokenize(s).length;
    num += w * m[i].similarity;
    den += w;
  });
  return den === 0 ? 0 : num / den;
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const api = await loadSentenceApi();
  const all = loadClough();
  const dev = all.filter((r) => r.split === 'dev');
  const test = opts.quick ? [] : all.filter((r) => r.split === 'test');
  const evalOn = opts.quick ? dev : test;
  const evalName = opts.quick ? 'dev (in-sample)' : 'test';
  const rows: Cell[][] = [];
  const notes: string[] = [];
  const speed: SpeedRow[] = [];
  const metrics: Record<string, number> = {};
  const unavailable: string[] = [];

  const gold = evalOn.map((r) => r.label);
  const counts = new Map<Level, number>();
  for (const r of dev) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  const major = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  rows.push([`majority class (${major})`, evalName, '–', null, accuracy(gold, gold.map(() => major)), macroF1(gold, gold.map(() => major), ORDER), 'computed']);

  const systems: { name: string; key: string; score: (r: CloughRecord) => number }[] = [];
  if (typeof api === 'string') {
    unavailable.push(api);
    rows.push(['**unspun** aligned similarity', api, null, null, null, null, null]);
  } else {
    systems.push({ name: '**unspun** aligned similarity', key: 'unspun', score: (r) => alignedSimilarity(api, r.derived_text, r.source_text) });
  }
  systems.push({ name: 'word trigram containment, in-process', key: 'trigram', score: (r) => ngramContainment(r.derived_text, r.source_text, 3) });

  for (const sys of systems) {
    const timer = new Timer();
    const devScores = dev.map((r) => timer.time(() => sys.score(r)));
    const fit = fitOrdinalCuts(devScores, dev.map((r) => r.label), ORDER, accuracy);
    const evalScores = opts.quick ? devScores : evalOn.map((r) => timer.time(() => sys.score(r)));
    const pred = applyOrdinalCuts(evalScores, fit.cuts, ORDER);
    rows.push([sys.name, evalName, fit.cuts.map(fmt).join(' / '), fit.value, accuracy(gold, pred), macroF1(gold, pred, ORDER), 'this run']);
    metrics[`clough.dev.${sys.key}.accuracy`] = fit.value;
    speed.push(timer.row('reuse-level', sys.name.replace(/\*/g, ''), opts.quick ? 'dev' : 'dev+test', 'answer'));
    if (!opts.quick) {
      const cm = confusionMatrix(gold, pred, ORDER);
      notes.push(`Confusion matrix, ${sys.name.replace(/\*/g, '')}, test (rows gold, columns predicted):\n\n` + markdownTable(['gold \\ predicted', ...ORDER], cm.matrix.map((r, i) => [ORDER[i], ...r])));
    }
  }
  const md = [
    `${dev.length} dev answers (tasks c, d, e) and ${test.length} test answers (tasks a, b), split by task as the dataset README defines. Three ordered cut points (non < heavy < light < cut) are fitted on dev for accuracy and applied unchanged to test. No published accuracy on this split exists to cite.`,
    markdownTable(['system', 'split', 'cut points (dev)', 'dev accuracy (fitted)', 'accuracy', 'macro-F1', 'source'], rows),
    ...notes,
  ];
  return { markdown: md.join('\n\n'), metrics, speed, unavailable };
}

export const reuseLevelTask: BenchTask = {
  name: 'reuse-level',
  title: 'Reuse level (Clough & Stevenson: cut / light / heavy / non)',
  inQuick: false,
  run,
};

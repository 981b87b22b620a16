/**
 * @module bench/tasks/meter-derived
 * Derived or not (METER): is a newspaper story wholly, partially or not derived from the
 * PA wire copy of its story group? unspun aligns each newspaper sentence to the group's PA
 * sentences with its similarity; the document score is the share of newspaper words in
 * sentences aligned above REUSE_SIMILARITY (unspun's "reused share"). Two cut points (3-class)
 * or one threshold (binary) are fitted on dev and applied to test. Baseline: word trigram
 * containment with cuts fitted the same way (Clough et al. 2002's best single feature family).
 */
import { loadMeter, type MeterDerived, type MeterLabel, type MeterSource } from '../lib/datasets.ts';
import { loadSentenceApi, type CoreSentenceApi } from '../lib/core.ts';
import { groupTexts } from '../lib/meter.ts';
import { Timer, type SpeedRow } from '../lib/measure.ts';
import { accuracy, applyOrdinalCuts, confusionMatrix, fitOrdinalCuts, macroF1 } from '../lib/metrics.ts';
import { matchSentences, ngramContainment, wordNgrams } from '../lib/scorers.ts';
import { fmt, markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import { tokenize } from '../../src/core/text/tokens.ts';

/** A newspaper sentence counts as reused when unspun's similarity to some PA sentence reaches this. */
export const REUSE_SIMILARITY = 0.5;
const QUICK_ITEMS = 120;
const ORDER: MeterLabel[] = ['non_derived', 'partially_derived', 'wholly_derived'];
const SHORT: Record<MeterLabel, string> = { non_derived: 'non', partially_derived: 'partially', wholly_derived: 'wholly' };

type Binary = 'non' | 'derived';

function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]);
}

/** Word-weighted share of the story's sentences aligned to a PA sentence. */
export function reusedShare(api: CoreSentenceApi, story: string, paTexts: string[], paSentCache: Map<string, string[]>): number {
  const ds = api.split(story);
  if (ds.length === 0) return 0;
  const pa: string[] = [];
  for (const t of paTexts) {
    let s = paSentCache.get(t);
    if (!s) {
      s = api.split(t);
      paSentCache.set(t, s);
    }
    pa.push(...s);
  }
  const m = matchSentences(api, ds, pa);
  let reused = 0;
  let total = 0;
  ds.forEach((s, i) => {
    const w = tokenize(s).length;
    total += w;
    if (m[i].similarity >= REUSE_SIMILARITY) reused += w;
  });
  return total === 0 ? 0 : reused / total;
}

interface Scored {
  d: MeterDerived;
  score: number;
}

function evaluate(name: string, dev: Scored[], test: Scored[], rows3: Cell[][], rows2: Cell[][], metrics: Record<string, number>, key: string, quick: boolean): string {
  const g3 = (xs: Scored[]) => xs.map((x) => x.d.label);
  const fit3 = fitOrdinalCuts(dev.map((x) => x.score), g3(dev), ORDER, (g, p) => macroF1(g, p, ORDER));
  const toBin = (l: MeterLabel): Binary => (l === 'non_derived' ? 'non' : 'derived');
  const g2 = (xs: Scored[]) => xs.map((x) => toBin(x.d.label));
  const fit2 = fitOrdinalCuts(dev.map((x) => x.score), g2(dev), ['non', 'derived'] as Binary[], (g, p) => macroF1(g, p, ['non', 'derived']));
  const evalOn = quick ? dev : test;
  const split = quick ? 'dev sample (in-sample)' : 'test';
  const p3 = applyOrdinalCuts(evalOn.map((x) => x.score), fit3.cuts, ORDER);
  const p2 = applyOrdinalCuts(evalOn.map((x) => x.score), fit2.cuts, ['non', 'derived'] as Binary[]);
  const f3 = macroF1(g3(evalOn), p3, ORDER);
  const a3 = accuracy(g3(evalOn), p3);
  const f2 = macroF1(g2(evalOn), p2, ['non', 'derived']);
  const a2 = accuracy(g2(evalOn), p2);
  rows3.push([name, split, fit3.cuts.map(fmt).join(' / '), fit3.value, f3, a3, 'this run']);
  rows2.push([name, split, fmt(fit2.cuts[0]), fit2.value, f2, a2, 'this run']);
  metrics[`meter.dev.${key}.macroF1_3class`] = fit3.value;
  metrics[`meter.dev.${key}.macroF1_binary`] = fit2.value;
  if (quick) return '';
  const cm = confusionMatrix(g3(evalOn), p3, ORDER);
  return `Confusion matrix, ${name.replace(/\*/g, '')}, test (rows gold, columns predicted):\n\n` +
    markdownTable(['gold \\ predicted', ...ORDER.map((o) => SHORT[o])], cm.matrix.map((r, i) => [SHORT[ORDER[i]], ...r]));
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const api = await loadSentenceApi();
  const { sources, derived } = loadMeter();
  const byId = new Map<string, MeterSource>(sources.map((s) => [s.source_id, s]));
  let dev = derived.filter((d) => d.split === 'dev');
  let test = derived.filter((d) => d.split === 'test');
  if (opts.quick) {
    dev = sample(dev, QUICK_ITEMS);
    test = [];
  }
  opts.log(`METER: dev ${dev.length}, test ${test.length}`);
  const speed: SpeedRow[] = [];
  const metrics: Record<string, number> = {};
  const rows3: Cell[][] = [];
  const rows2: Cell[][] = [];
  const notes: string[] = [];
  const unavailable: string[] = [];

  // Majority class from dev.
  const counts = new Map<MeterLabel, number>();
  for (const d of dev) counts.set(d.label, (counts.get(d.label) ?? 0) + 1);
  const major = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const evalOn = opts.quick ? dev : test;
  const gold3 = evalOn.map((d) => d.label);
  const maj3 = evalOn.map(() => major);
  rows3.push([`majority class (${SHORT[major]})`, opts.quick ? 'dev sample' : 'test', '–', null, macroF1(gold3, maj3, ORDER), accuracy(gold3, maj3), 'computed']);
  const gold2 = evalOn.map((d) => (d.label === 'non_derived' ? 'non' : 'derived'));
  rows2.push(['majority class (derived)', opts.quick ? 'dev sample' : 'test', '–', null, macroF1(gold2, gold2.map(() => 'derived'), ['non', 'derived']), accuracy(gold2, gold2.map(() => 'derived')), 'computed']);

  if (typeof api === 'string') {
    unavailable.push(api);
    rows3.push(['**unspun** reused share', api, null, null, null, null, null]);
    rows2.push(['**unspun** reused share', api, null, null, null, null, null]);
  } else {
    const cache = new Map<string, string[]>();
    const timer = new Timer();
    const score = (d: MeterDerived): Scored => ({ d, score: timer.time(() => reusedShare(api, d.derived_text, groupTexts(d, byId), cache)) });
    const sd = dev.map(score);
    const st = test.map(score);
    notes.push(evaluate('**unspun** reused share', sd, st, rows3, rows2, metrics, 'unspun', opts.quick));
    speed.push(timer.row('meter-derived', 'unspun reused share', opts.quick ? 'dev sample' : 'dev+test', 'story'));
  }
  {
    const timer = new Timer();
    const score = (d: MeterDerived): Scored => ({
      d,
      score: timer.time(() => ngramContainment(d.derived_text, new Set(groupTexts(d, byId).flatMap((t) => wordNgrams(t, 3))), 3)),
    });
    const sd = dev.map(score);
    const st = test.map(score);
    notes.push(evaluate('word trigram containment, in-process', sd, st, rows3, rows2, metrics, 'trigram', opts.quick));
    speed.push(timer.row('meter-derived', 'word trigram containment', opts.quick ? 'dev sample' : 'dev+test', 'story'));
  }
  if (!opts.quick) rows3.push(['Clough et al. 2002, best 3-class', 'their own evaluation, whole corpus', '–', null, 0.664, null, 'ACL 2002 (issue #3)']);

  const md = [
    `${dev.length} dev and ${test.length} test newspaper stories; each is compared with all PA texts of its story group (the METER README's "find the original" setting). Cut points are fitted on dev (macro-F1) and applied unchanged to test.`,
    `### Three classes (wholly / partially / non-derived)\n\n${markdownTable(['system', 'split', 'cut points (dev)', 'dev macro-F1 (fitted)', 'macro-F1', 'accuracy', 'source'], rows3)}`,
    `### Binary (derived / non-derived)\n\n${markdownTable(['system', 'split', 'threshold (dev)', 'dev macro-F1 (fitted)', 'macro-F1', 'accuracy', 'source'], rows2)}`,
    ...notes.filter(Boolean),
  ];
  return { markdown: md.join('\n\n'), metrics, speed, unavailable };
}

export const meterDerivedTask: BenchTask = {
  name: 'meter-derived',
  title: 'Derived or not (METER, 3-class and binary)',
  inQuick: true,
  run,
};

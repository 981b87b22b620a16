/**
 * @module bench/tasks/meter-spans
 * Span labels on METER's annotated newspaper stories: every word is gold-labelled verbatim
 * (copied from PA), rewrite (PA text reworded) or new. unspun labels words from its
 * alignment: a word inside a run of at least K words shared with the group's PA copy is
 * verbatim; other words of a sentence aligned to a PA sentence (similarity >= T) are
 * rewrite (unspun's paraphrase); words of unaligned sentences are new (unspun's inserted).
 * K and T are fitted on dev (token macro-F1) and applied to test. Baseline: shared runs of
 * K words only (verbatim or new, no alignment), K fitted the same way.
 */
import { loadMeter, type MeterDerived, type MeterSource } from '../lib/datasets.ts';
import { loadSentenceApi, type CoreSentenceApi } from '../lib/core.ts';
import { goldTokens, groupTexts, SPAN_CLASSES, type SpanClass } from '../lib/meter.ts';
import { Timer, type SpeedRow } from '../lib/measure.ts';
import { accuracy, macroF1, prf } from '../lib/metrics.ts';
import { matchSentences } from '../lib/scorers.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import { tokenize } from '../../src/core/text/tokens.ts';

const RUN_LENGTHS = [2, 3, 4, 5, 6];
const ALIGN_THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];
const QUICK_STORIES = 40;

interface StoryFeatures {
  gold: SpanClass[];
  /** For each K in RUN_LENGTHS: whether each gold token lies in a shared run of K words. */
  inRun: boolean[][];
  /** Best alignment similarity of each gold token's sentence (NaN without unspun). */
  sentenceSim: number[];
}

function ngramSet(words: string[], k: number): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) s.add(words.slice(i, i + k).join(' '));
  return s;
}

function features(api: CoreSentenceApi | null, d: MeterDerived, pa: string[], paSentCache: Map<string, string[]>): StoryFeatures {
  const text = d.annotated_text as string;
  const gt = goldTokens(d);
  const allTokens = tokenize(text);
  const words = allTokens.map((t) => t.norm);
  const paWords = pa.map((t) => tokenize(t).map((x) => x.norm));
  const posOf = new Map(allTokens.map((t, i) => [t.start, i]));
  const inRun = RUN_LENGTHS.map((k) => {
    const grams = new Set<string>();
    for (const w of paWords) for (const g of ngramSet(w, k)) grams.add(g);
    const covered = new Array<boolean>(words.length).fill(false);
    for (let i = 0; i + k <= words.length; i++) {
      if (grams.has(words.slice(i, i + k).join(' '))) for (let j = i; j < i + k; j++) covered[j] = true;
    }
    return gt.map((g) => covered[posOf.get(g.token.start) ?? -1] ?? false);
  });
  let sentenceSim = gt.map(() => NaN);
  if (api) {
    const spans = api.spans(text);
    const paSents: string[] = [];
    for (const t of pa) {
      let s = paSentCache.get(t);
      if (!s) {
        s = api.split(t);
        paSentCache.set(t, s);
      }
      paSents.push(...s);
    }
    const m = matchSentences(api, spans.map((s) => s.text), paSents);
    sentenceSim = gt.map((g) => {
      const i = spans.findIndex((s) => s.start <= g.token.start && g.token.start < s.end);
      return i >= 0 ? m[i].similarity : 0;
    });
  }
  return { gold: gt.map((g) => g.gold), inRun, sentenceSim };
}

function predict(f: StoryFeatures, k: number, t: number | null): SpanClass[] {
  return f.gold.map((_, i) => (f.inRun[k][i] ? 'verbatim' : t !== null && f.sentenceSim[i] >= t ? 'rewrite' : 'new'));
}

function flat(fs: StoryFeatures[], k: number, t: number | null): { gold: SpanClass[]; pred: SpanClass[] } {
  const gold: SpanClass[] = [];
  const pred: SpanClass[] = [];
  for (const f of fs) {
    gold.push(...f.gold);
    pred.push(...predict(f, k, t));
  }
  return { gold, pred };
}

function fit(fs: StoryFeatures[], withAlignment: boolean): { k: number; t: number | null; value: number } {
  let best = { k: 0, t: null as number | null, value: -1 };
  for (let k = 0; k < RUN_LENGTHS.length; k++) {
    for (const t of withAlignment ? ALIGN_THRESHOLDS : [null]) {
      const { gold, pred } = flat(fs, k, t);
      const v = macroF1(gold, pred, SPAN_CLASSES);
      if (v > best.value) best = { k, t, value: v };
    }
  }
  return best;
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const apiOrReason = await loadSentenceApi();
  const api = typeof apiOrReason === 'string' ? null : apiOrReason;
  const { sources, derived } = loadMeter();
  const byId = new Map<string, MeterSource>(sources.map((s) => [s.source_id, s]));
  const annotated = derived.filter((d) => d.spans && d.annotated_text);
  let dev = annotated.filter((d) => d.split === 'dev');
  const test = opts.quick ? [] : annotated.filter((d) => d.split === 'test');
  if (opts.quick) dev = dev.filter((_, i) => i % Math.ceil(dev.length / QUICK_STORIES) === 0);
  opts.log(`METER spans: dev ${dev.length} stories, test ${test.length}`);
  const cache = new Map<string, string[]>();
  const timer = new Timer();
  const fDev = dev.map((d) => timer.time(() => features(api, d, groupTexts(d, byId), cache)));
  const fTest = test.map((d) => timer.time(() => features(api, d, groupTexts(d, byId), cache)));
  const speed: SpeedRow[] = [timer.row('meter-spans', api ? 'unspun alignment + shared runs' : 'shared runs', opts.quick ? 'dev sample' : 'dev+test', 'story')];
  const evalOn = opts.quick ? fDev : fTest;
  const evalName = opts.quick ? 'dev sample (in-sample)' : 'test';
  const metrics: Record<string, number> = {};
  const rows: Cell[][] = [];
  const systems: { name: string; key: string; withAlignment: boolean }[] = [];
  if (api) systems.push({ name: '**unspun** alignment labels', key: 'unspun', withAlignment: true });
  else rows.push(['**unspun** alignment labels', apiOrReason as string, null, null, null, null, null, null, null, null, null, null]);
  systems.push({ name: 'shared word runs only (verbatim / new), in-process', key: 'runs', withAlignment: false });
  for (const sys of systems) {
    const p = fit(fDev, sys.withAlignment);
    const { gold, pred } = flat(evalOn, p.k, p.t);
    const per = SPAN_CLASSES.map((c) => prf(gold, pred, c));
    rows.push([
      sys.name,
      evalName,
      `K=${RUN_LENGTHS[p.k]}${p.t !== null ? `, T=${p.t}` : ''}`,
      ...per.flatMap((x) => [x.precision, x.recall, x.f1]),
      macroF1(gold, pred, SPAN_CLASSES),
      accuracy(gold, pred),
    ]);
    metrics[`meter-spans.dev.${sys.key}.macroF1`] = p.value;
  }
  const goldCount = (fs: StoryFeatures[]) => {
    const c = { verbatim: 0, rewrite: 0, new: 0 };
    for (const f of fs) for (const g of f.gold) c[g]++;
    return `${c.verbatim} verbatim, ${c.rewrite} rewrite, ${c.new} new`;
  };
  const md = [
    `${dev.length} dev and ${test.length} test stories with METER span annotation; gold words: dev ${goldCount(fDev)}${test.length ? `; test ${goldCount(fTest)}` : ''}. Parameters fitted on dev (token macro-F1), applied unchanged to test.`,
    markdownTable(
      ['system', 'split', 'fitted on dev', 'verbatim P', 'verbatim R', 'verbatim F1', 'rewrite P', 'rewrite R', 'rewrite F1', 'new P', 'new R', 'new F1', 'macro-F1', 'token accuracy'],
      rows,
    ),
  ];
  return { markdown: md.join('\n\n'), metrics, speed, unavailable: api ? [] : [apiOrReason as string] };
}

export const meterSpansTask: BenchTask = {
  name: 'meter-spans',
  title: 'Span labels (METER verbatim / rewrite / new, token level)',
  inQuick: false,
  run,
};

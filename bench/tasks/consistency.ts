/**
 * @module bench/tasks/consistency
 * Is a rewrite consistent with its source? unspun's rewriteConsistency (src/core/align/
 * consistency.ts: weakest-sentence support, novel words and word pairs, unsupported figures
 * and names, a logistic model fitted on the dev splits by scripts/fit-consistency.ts) on the
 * factual-consistency benchmarks, beside an in-process entity/number
 * overlap baseline (in the spirit of SummaC's NER-overlap), a word-novelty baseline, and the
 * published anchors from the datasets' READMEs. Balanced accuracy uses a threshold fitted on
 * dev only; ROC AUC needs no threshold.
 *
 * VitaminC ships only its official test file: SUPPORTS (consistent) vs REFUTES (altered),
 * NOT ENOUGH INFO left out; a dev/test split is made here by sha1(case_id) (60/40, as the
 * other sets' READMEs do), and the full run scores a deterministic sample of it (see
 * VITAMINC_SAMPLE) to stay inside the suite's time budget.
 */
import { hashSplit, loadPairs, loadSummaries, type SummaryRecord } from '../lib/datasets.ts';
import { Timer, type SpeedRow } from '../lib/measure.ts';
import { applyThreshold, balancedAccuracy, fitThreshold, rocAuc } from '../lib/metrics.ts';
import { entityOverlap, unsupportedShare } from '../lib/scorers.ts';
import { analyseSource, rewriteConsistency, type SourceAnalysis } from '../../src/core/align/consistency.ts';
import { markdownTable, plural, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import { contentStems } from '../../src/core/text/tokens.ts';

/** Pairs per split scored in the full run for VitaminC (of about 16k dev / 11k test). */
export const VITAMINC_SAMPLE = 3000;
/** Items per set in the quick gate (dev only). */
const QUICK_ITEMS = 60;

export interface Item {
  id: string;
  document: string;
  summary: string;
  label: 0 | 1;
  split: 'dev' | 'test';
}

interface Anchor {
  system: string;
  bacc: number | null;
  auc?: number | null;
  note: string;
}

export interface SetSpec {
  key: string;
  label: string;
  unit: string;
  load: () => Item[];
  anchors: Anchor[];
  inQuick?: boolean;
}

const SUMMAC_NOTE = 'SummaC notebook, test cut (via dataset README)';

function fromSummaries(rs: SummaryRecord[], filter: (r: SummaryRecord) => boolean = () => true): Item[] {
  return rs
    .filter((r) => r.document !== null && filter(r))
    .map((r) => ({ id: r.id, document: r.document as string, summary: r.summary, label: r.label as 0 | 1, split: r.split as 'dev' | 'test' }));
}

/** Every k-th item, deterministic. */
export function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]);
}

export const SETS: SetSpec[] = [
  {
    key: 'frank',
    label: 'FRANK',
    unit: 'summary',
    inQuick: true,
    load: () => fromSummaries(loadSummaries('frank')),
    anchors: [
      { system: 'SummaC-ZS', bacc: 0.79, note: SUMMAC_NOTE },
      { system: 'SummaC-Conv', bacc: 0.816, note: SUMMAC_NOTE },
      { system: 'QuestEval (best baseline there)', bacc: 0.821, note: SUMMAC_NOTE },
    ],
  },
  {
    key: 'xsumfaith',
    label: 'XSumFaith',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('xsumfaith')),
    anchors: [
      { system: 'SummaC-ZS', bacc: 0.584, note: SUMMAC_NOTE },
      { system: 'SummaC-Conv', bacc: 0.664, note: SUMMAC_NOTE },
      { system: 'NER-overlap (best baseline there)', bacc: 0.623, note: SUMMAC_NOTE },
    ],
  },
  {
    key: 'polytope',
    label: 'Polytope',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('polytope')),
    anchors: [
      { system: 'SummaC-ZS', bacc: 0.62, note: SUMMAC_NOTE },
      { system: 'SummaC-Conv', bacc: 0.627, note: SUMMAC_NOTE },
      { system: 'QuestEval (best baseline there)', bacc: 0.703, note: SUMMAC_NOTE },
    ],
  },
  {
    key: 'factcc',
    label: 'FactCC (SummaC subset, 311)',
    unit: 'claim',
    load: () => fromSummaries(loadSummaries('summac'), (r) => r.source_dataset === 'factcc'),
    anchors: [
      { system: 'SummaC-ZS (full set)', bacc: 0.838, note: `${SUMMAC_NOTE}; subset of unknown sampling` },
      { system: 'SummaC-Conv (full set)', bacc: 0.895, note: `${SUMMAC_NOTE}; subset of unknown sampling` },
      { system: 'DAE (full set)', bacc: 0.759, note: SUMMAC_NOTE },
    ],
  },
  {
    key: 'summeval',
    label: 'SummEval (SummaC subset, 100)',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('summac'), (r) => r.source_dataset === 'summeval'),
    anchors: [
      { system: 'SummaC-ZS (full set)', bacc: 0.787, note: `${SUMMAC_NOTE}; subset of unknown sampling` },
      { system: 'SummaC-Conv (full set)', bacc: 0.817, note: `${SUMMAC_NOTE}; subset of unknown sampling` },
    ],
  },
  {
    key: 'summedits-news',
    label: 'SummEdits news',
    unit: 'summary',
    inQuick: true,
    load: () => fromSummaries(loadSummaries('summedits'), (r) => r.domain === 'news'),
    anchors: [
      { system: 'SummaC-Conv', bacc: 0.619, note: 'factualNLG leaderboard, whole news domain (via README)' },
      { system: 'QAFactEval', bacc: 0.744, note: 'factualNLG leaderboard, whole news domain' },
      { system: 'GPT-4', bacc: 0.833, note: 'factualNLG leaderboard, whole news domain' },
      { system: 'human', bacc: 0.9, note: 'factualNLG leaderboard, whole news domain' },
    ],
  },
  {
    key: 'qags-c',
    label: 'QAGS-C (CNN/DM)',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('qags'), (r) => r.origin === 'cnndm'),
    anchors: [],
  },
  {
    key: 'qags-x',
    label: 'QAGS-X (XSum)',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('qags'), (r) => r.origin === 'xsum'),
    anchors: [],
  },
  {
    key: 'aggrefact-cliff',
    label: 'AggreFact: CLIFF',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('aggrefact'), (r) => r.source_dataset === 'cliff'),
    anchors: [],
  },
  {
    key: 'aggrefact-goyal21',
    label: 'AggreFact: Goyal & Durrett 2021',
    unit: 'summary',
    load: () => fromSummaries(loadSummaries('aggrefact'), (r) => r.source_dataset === 'goyal21'),
    anchors: [],
  },
  {
    key: 'falke',
    label: 'Falke et al. 2019 sentence pairs (CoGenSumm)',
    unit: 'sentence pair',
    load: () =>
      loadPairs('falke').map((r) => ({ id: r.id, document: r.a, summary: r.b, label: r.label as 0 | 1, split: r.split as 'dev' | 'test' })),
    anchors: [
      { system: 'SummaC-ZS (CoGenSumm, summary level)', bacc: 0.704, note: `${SUMMAC_NOTE}; different unit` },
      { system: 'SummaC-Conv (CoGenSumm, summary level)', bacc: 0.647, note: `${SUMMAC_NOTE}; different unit` },
    ],
  },
  {
    key: 'vitaminc',
    label: 'VitaminC real revisions (SUPPORTS vs REFUTES)',
    unit: 'sentence pair',
    load: () =>
      loadPairs('vitaminc')
        .filter((r) => r.label !== 'NOT ENOUGH INFO')
        .map((r) => ({ id: r.id, document: r.a, summary: r.b, label: (r.label === 'SUPPORTS' ? 1 : 0) as 0 | 1, split: hashSplit(String(r.case_id)) })),
    anchors: [],
  },
];

type Scorer = { name: string; key: string; score: (it: Item) => number };

function makeScorers(): Scorer[] {
  // Sources repeat across summaries (several systems summarise one article): analyse each once.
  const sourceCache = new Map<string, SourceAnalysis>();
  const scorers: Scorer[] = [
    {
      name: '**unspun** rewriteConsistency',
      key: 'unspun',
      score: (it) => {
        let src = sourceCache.get(it.document);
        if (!src) {
          if (sourceCache.size > 500) sourceCache.clear();
          src = analyseSource(it.document);
          sourceCache.set(it.document, src);
        }
        return rewriteConsistency(src, it.summary).score;
      },
    },
  ];
  scorers.push({ name: 'entity/number overlap, in-process', key: 'entity', score: (it) => entityOverlap(it.document, it.summary) });
  scorers.push({
    name: 'word novelty (share of summary words in source), in-process',
    key: 'novelty',
    score: (it) => {
      const doc = new Set(contentStems(it.document));
      return 1 - unsupportedShare(it.summary, doc).words;
    },
  });
  return scorers;
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const scorers = makeScorers();
  const speed: SpeedRow[] = [];
  const metrics: Record<string, number> = {};
  const summaryRows: Cell[][] = [];
  const detail: string[] = [];
  const sets = opts.quick ? SETS.filter((s) => s.inQuick) : SETS;

  for (const set of sets) {
    const items = set.load();
    let dev = items.filter((i) => i.split === 'dev');
    let test = items.filter((i) => i.split === 'test');
    if (opts.quick) {
      dev = sample(dev, QUICK_ITEMS);
      test = [];
    } else if (set.key === 'vitaminc') {
      dev = sample(dev, VITAMINC_SAMPLE);
      test = sample(test, VITAMINC_SAMPLE);
    }
    opts.log(`${set.label}: dev ${dev.length}, test ${test.length}`);
    const rows: Cell[][] = [];
    for (const sc of scorers) {
      const timer = new Timer();
      const devScores = dev.map((it) => timer.time(() => sc.score(it)));
      const devGold = dev.map((i) => i.label);
      const fitted = fitThreshold(devScores, devGold, balancedAccuracy);
      const devAuc = rocAuc(devScores, devGold);
      let testBacc = NaN;
      let testAuc = NaN;
      if (test.length) {
        const testScores = test.map((it) => timer.time(() => sc.score(it)));
        const testGold = test.map((i) => i.label);
        testBacc = balancedAccuracy(testGold, applyThreshold(testScores, fitted.threshold));
        testAuc = rocAuc(testScores, testGold);
      }
      rows.push([sc.name, fitted.value, devAuc, testBacc, testAuc, 'this run']);
      speed.push(timer.row('consistency', `${sc.name.replace(/\*/g, '')} on ${set.label}`, opts.quick ? 'dev sample' : 'dev+test', set.unit));
      metrics[`${set.key}.dev.${sc.key}.auc`] = devAuc;
      if (!opts.quick) metrics[`${set.key}.dev.${sc.key}.bacc`] = fitted.value;
      if (sc.key === 'unspun') summaryRows.push([set.label, dev.length, test.length, fitted.value, testBacc, testAuc]);
    }
    if (!opts.quick) for (const a of set.anchors) rows.push([a.system, null, null, a.bacc, a.auc ?? null, a.note]);
    const pos = (xs: Item[]) => (xs.length ? `${Math.round((100 * xs.filter((x) => x.label === 1).length) / xs.length)}% consistent` : '');
    detail.push(
      `### ${set.label}\n\n${dev.length} dev ${plural(set.unit)} (${pos(dev)})${test.length ? `, ${test.length} test (${pos(test)})` : ''}. ` +
        `Threshold fitted on dev for balanced accuracy (BAcc), applied unchanged to test.\n\n` +
        markdownTable(['system', 'dev BAcc (fitted)', 'dev ROC AUC', 'test BAcc', 'test ROC AUC', 'source'], rows),
    );
  }
  const overview = summaryRows.length
    ? `### unspun at a glance\n\n${markdownTable(['dataset', 'dev items', 'test items', 'dev BAcc (fitted)', 'test BAcc', 'test ROC AUC'], summaryRows)}\n\n`
    : '';
  return { markdown: overview + detail.join('\n\n'), metrics, speed, unavailable: [] };
}

export const consistencyTask: BenchTask = {
  name: 'consistency',
  title: 'Rewrite consistent with source (FRANK, XSumFaith, Polytope, SummaC subsets, SummEdits, QAGS, AggreFact, Falke, VitaminC)',
  inQuick: true,
  run,
};

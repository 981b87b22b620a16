/**
 * @module bench/tasks/retrieval
 * Source retrieval on METER with ../shared/corpus articles indexed as distractors, via
 * bench/retrieval.ts (owned by the retrieval stage): unspun beside the FTS5-BM25-only and
 * exact 8-gram shingle baselines, per split. The quick gate uses the dev split with a small
 * distractor set (QUICK_DISTRACTORS) so it runs in seconds.
 */
import { importOptional } from '../lib/optional.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import type { SpeedRow } from '../lib/measure.ts';

interface Row {
  system: string;
  split: string;
  recallAt1Wholly: number;
  recallAt1Partially: number;
  mrr: number;
  noSourcePrecision: number;
  msP50: number;
  msP99: number;
}

interface RetrievalModule {
  runRetrievalBench: (opts?: { distractors?: number; split?: 'dev' | 'test' | 'both'; everyNth?: number; log?: (m: string) => void }) => Promise<{ rows: Row[] }>;
}

export const QUICK_DISTRACTORS = 1000;
/** The quick gate scores every third dev story (deterministic), to stay well under a minute. */
export const QUICK_EVERY_NTH = 3;

async function run(opts: TaskOptions): Promise<TaskResult> {
  const mod = await importOptional<RetrievalModule>('bench/retrieval.ts', ['runRetrievalBench']);
  const header = ['system', 'split', 'recall@1 wholly', 'recall@1 partially', 'MRR', '"no source" precision', 'ms p50', 'ms p99'];
  if (!mod.ok) return { markdown: markdownTable(header, [['**unspun** retrieveSources', mod.reason]]), metrics: {}, speed: [], unavailable: [`retrieval bench ${mod.reason}`] };
  const distractors = opts.quick ? QUICK_DISTRACTORS : undefined;
  const split = opts.quick ? 'dev' : 'both';
  const res = await mod.value.runRetrievalBench({ distractors, split, everyNth: opts.quick ? QUICK_EVERY_NTH : 1, log: opts.log });
  const rows: Cell[][] = res.rows.map((r) => [r.system === 'unspun' ? '**unspun**' : r.system, r.split, r.recallAt1Wholly, r.recallAt1Partially, r.mrr, r.noSourcePrecision, r.msP50, r.msP99]);
  const metrics: Record<string, number> = {};
  const tag = opts.quick ? `${split}${QUICK_EVERY_NTH}.d${QUICK_DISTRACTORS}` : 'dev.full';
  for (const r of res.rows) {
    if (r.split !== 'dev') continue;
    const key = r.system === 'unspun' ? 'unspun' : r.system.startsWith('unspun ranking') ? 'unspun-ranking' : r.system;
    metrics[`meter.${tag}.${key}.recallAt1Wholly`] = r.recallAt1Wholly;
    metrics[`meter.${tag}.${key}.recallAt1Partially`] = r.recallAt1Partially;
    if (key === 'unspun') metrics[`meter.${tag}.unspun.noSourcePrecision`] = r.noSourcePrecision;
  }
  const speed: SpeedRow[] = res.rows.map((r) => ({
    task: 'retrieval',
    system: r.system,
    split: r.split,
    unit: 'story',
    items: NaN,
    msP50: r.msP50,
    msP99: r.msP99,
    itemsPerSecond: r.msP50 > 0 ? 1000 / r.msP50 : NaN,
  }));
  const md = [
    `METER newspaper stories as suspects${opts.quick ? ` (every ${QUICK_EVERY_NTH}rd dev story: quick gate)` : ''}; the 772 PA texts plus ${distractors ?? 'all'} reference-corpus articles (../shared/corpus) indexed as distractors. Recall@1 counts a hit when the top claimed source is any PA text of the story's group; abstaining is a miss; the "ranking only" row reads the same ranking without the \"no source\" threshold, so it never abstains, like BM25. "No source" precision: share of non-derived stories for which no source is claimed. Thresholds in unspun's retrieval were calibrated on dev only (see src/core/retrieve/settings.ts).`,
    markdownTable(header, rows),
    'Items/s in the speed table is 1000 / p50 ms (the retrieval bench reports percentiles only).',
  ];
  return { markdown: md.join('\n\n'), metrics, speed, unavailable: [] };
}

export const retrievalTask: BenchTask = {
  name: 'retrieval',
  title: 'Source retrieval (METER, with the reference corpus as distractors)',
  inQuick: true,
  run,
};

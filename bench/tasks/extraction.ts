/**
 * @module bench/tasks/extraction
 * Main-content extraction on the Zyte benchmark, via bench/extraction.ts (owned by the
 * extraction stage): unspun, Readability.js run live, and the published outputs, all scored
 * by the benchmark's own 4-gram shingle metric. The benchmark has no dev split: nothing is
 * fitted on it here, and the quick gate's 40 pages are a regression check, not a tuning set.
 */
import { datasetPath } from '../lib/datasets.ts';
import { importOptional } from '../lib/optional.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import type { SpeedRow } from '../lib/measure.ts';

interface ExtractionRow {
  system: string;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  msPerPage: number | null;
}

interface ExtractionModule {
  runExtractionBench: (opts?: { limit?: number; dir?: string }) => Promise<{ pages: number; rows: ExtractionRow[] }>;
}

export const QUICK_PAGES = 40;

/** The benchmark README's published leaderboard (2026). */
const PUBLISHED: [string, number, number, number][] = [
  ['AutoExtract (commercial)', 0.97, 0.984, 0.956],
  ['go-trafilatura', 0.96, 0.94, 0.98],
  ['trafilatura 2.0.0', 0.958, 0.938, 0.978],
  ['newspaper4k', 0.949, 0.964, 0.934],
  ['Readability.js 0.6.0', 0.947, 0.914, 0.982],
  ['full-text baseline', 0.665, 0.499, 0.994],
];

async function run(opts: TaskOptions): Promise<TaskResult> {
  const mod = await importOptional<ExtractionModule>('bench/extraction.ts', ['runExtractionBench']);
  const header = ['system', 'pages', 'F1', 'precision', 'recall', 'accuracy (exact)', 'ms/page', 'source'];
  if (!mod.ok) {
    return { markdown: markdownTable(header, [['**unspun** extractArticle', mod.reason]]), metrics: {}, speed: [], unavailable: [`extraction bench ${mod.reason}`] };
  }
  const limit = opts.quick ? QUICK_PAGES : undefined;
  opts.log(`extraction: ${limit ?? 'all'} pages`);
  const res = await mod.value.runExtractionBench({ limit, dir: datasetPath('article-extraction-benchmark') });
  const rows: Cell[][] = res.rows.map((r) => [
    r.system === 'unspun' ? '**unspun** extractArticle' : r.system,
    res.pages,
    r.f1,
    r.precision,
    r.recall,
    r.accuracy,
    r.msPerPage,
    r.msPerPage === null ? 'published output, scored here' : 'run here',
  ]);
  if (!opts.quick) for (const [s, f1, p, r] of PUBLISHED) rows.push([`${s} (benchmark README)`, 181, f1, p, r, null, null, 'published score']);
  const metrics: Record<string, number> = {};
  const ours = res.rows.find((r) => r.system === 'unspun');
  const base = res.rows.find((r) => r.system.toLowerCase().startsWith('readability'));
  if (ours) metrics[`extraction.${opts.quick ? `first${QUICK_PAGES}` : 'all'}.unspun.f1`] = ours.f1;
  if (base) metrics[`extraction.${opts.quick ? `first${QUICK_PAGES}` : 'all'}.readability.f1`] = base.f1;
  const speed: SpeedRow[] = res.rows
    .filter((r) => r.msPerPage !== null)
    .map((r) => ({
      task: 'extraction',
      system: r.system,
      split: 'all (no dev split)',
      unit: 'page',
      items: res.pages,
      // The extraction module reports a mean only.
      msP50: NaN,
      msP99: NaN,
      itemsPerSecond: 1000 / (r.msPerPage as number),
    }));
  const md = [
    `${res.pages} pages${opts.quick ? ' (the first 40 by id: quick gate)' : ''}; the benchmark has no dev split, so nothing is tuned on it here (test-only). Metric as the benchmark defines it (4-gram shingles of \`\\w+\` tokens, per-page normalised, P and R averaged over pages).`,
    markdownTable(header, rows),
  ];
  return { markdown: md.join('\n\n'), metrics, speed, unavailable: [] };
}

export const extractionTask: BenchTask = {
  name: 'extraction',
  title: 'Main-content extraction (Zyte article-extraction benchmark)',
  inQuick: true,
  run,
};

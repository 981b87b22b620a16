/**
 * @module bench/tasks/speed
 * Speed as a user meets it, via bench/speed.ts: one-off traces as separate processes (with no
 * index and with the full index), a warm trace in one process, ingest of the shared corpus and
 * extraction, each beside a baseline run in the same pass, so the ratio column holds on a busy
 * machine. Timings only: nothing here is gated.
 */
import { importOptional } from '../lib/optional.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import type { SpeedRow } from '../lib/measure.ts';
import type { SpeedBenchResult } from '../speed.ts';

interface SpeedModule {
  runSpeedBench: (opts?: { quick?: boolean; log?: (m: string) => void }) => Promise<SpeedBenchResult>;
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const mod = await importOptional<SpeedModule>('bench/speed.ts', ['runSpeedBench']);
  const header = ['measure', 'how', 'unspun', 'baseline', 'baseline figure', 'unspun / baseline'];
  if (!mod.ok) return { markdown: markdownTable(header, [['speed', mod.reason]]), metrics: {}, speed: [], unavailable: [`speed bench ${mod.reason}`] };
  const res = await mod.value.runSpeedBench({ quick: opts.quick, log: opts.log });
  const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const figure = (p50: number, p99: number | null, mean: number | null, perSecond: number | null, unit: string): string => {
    if (perSecond !== null) return `${perSecond.toFixed(0)} ${unit}s/s`;
    if (unit === 'page' && mean !== null) return `${ms(mean)} ms/page (p50 ${ms(p50)})`;
    return p99 !== null ? `p50 ${ms(p50)} ms, p99 ${ms(p99)} ms` : `${ms(p50)} ms (median of ${unit === 'run' ? 'runs' : unit + 's'})`;
  };
  const rows: Cell[][] = res.measures.map((m) => [
    m.measure,
    `${m.how}, ${m.items} ${m.unit}${m.items === 1 ? '' : 's'}`,
    figure(m.msP50, m.msP99, m.msMean, m.perSecond, m.unit),
    m.baseline,
    figure(m.baselineMsP50, null, m.baselineMsMean, m.baselinePerSecond, m.unit),
    `${m.ratio.toFixed(2)}x`,
  ]);
  const speed: SpeedRow[] = res.measures.map((m) => ({
    task: 'speed',
    system: `unspun: ${m.measure}`,
    split: m.how,
    unit: m.unit,
    items: m.items,
    msP50: m.msP50,
    msP99: m.msP99 ?? NaN,
    itemsPerSecond: m.perSecond ?? 1000 / (m.msMean ?? m.msP50),
  }));
  const md = [
    `Each figure beside a baseline measured in the same run; the last column is the ratio (for process runs, the median of A/B pairs run in turn). ` +
      `One-off traces run \`node bin/unspun.js trace\` on the 5.5 KB specimen in ../shared/specimens (${res.suspectBytes} bytes), as a user would, after one untimed run; ` +
      `the index is the one the ingest row builds (${res.corpusArticles} articles); warm traces use articles of the first corpus file as suspects (each finds itself). ` +
      `Ratios hold better than absolute times when other work shares the machine.`,
    markdownTable(header, rows),
  ];
  return { markdown: md.join('\n\n'), metrics: {}, speed, unavailable: [] };
}

export const speedTask: BenchTask = {
  name: 'speed',
  title: 'Speed: one-off and warm traces, ingest and extraction against same-run baselines',
  inQuick: false,
  run,
};

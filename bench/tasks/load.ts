/**
 * @module bench/tasks/load
 * HTTP load on the trace endpoint, via bench/load.ts (owned by the HTTP adapter):
 * requests, throughput, latency percentiles and errors under concurrency.
 */
import { importOptional } from '../lib/optional.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';

interface LoadModule {
  runLoadBench: (opts?: { seconds?: number; concurrency?: number }) => Promise<Record<string, unknown> & { requests: number; throughputPerSecond: number; p50Ms: number; p99Ms: number; errors: number }>;
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const mod = await importOptional<LoadModule>('bench/load.ts', ['runLoadBench']);
  const header = ['system', 'requests', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'details'];
  if (!mod.ok) return { markdown: markdownTable(header, [['**unspun** HTTP trace', mod.reason]]), metrics: {}, speed: [], unavailable: [`load bench ${mod.reason}`] };
  const r = await mod.value.runLoadBench(opts.quick ? { seconds: 5 } : {});
  const known = new Set(['requests', 'throughputPerSecond', 'p50Ms', 'p99Ms', 'errors']);
  const extra = Object.entries(r)
    .filter(([k, v]) => !known.has(k) && (typeof v === 'number' || typeof v === 'string'))
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? Math.round(v * 100) / 100 : v}`)
    .join(', ');
  const row: Cell[] = ['**unspun** HTTP trace', r.requests, r.throughputPerSecond, r.p50Ms, r.p99Ms, r.errors, extra || null];
  return {
    markdown: markdownTable(header, [row]),
    metrics: {},
    speed: [{ task: 'load', system: 'unspun HTTP trace', split: '–', unit: 'request', items: r.requests, msP50: r.p50Ms, msP99: r.p99Ms, itemsPerSecond: r.throughputPerSecond }],
    unavailable: [],
  };
}

export const loadTask: BenchTask = { name: 'load', title: 'HTTP load (trace endpoint)', inQuick: false, run };

/**
 * @module bench/tasks/ingest
 * Ingest throughput of the reference corpus into the SQLite index, via bench/ingest.ts
 * (owned by the index stage): articles, seconds, articles/s, peak RSS, database size.
 */
import { importOptional } from '../lib/optional.ts';
import { markdownTable } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';

interface IngestModule {
  runIngestBench: (opts?: { files?: string[]; limit?: number }) => Promise<{ articles: number; seconds: number; articlesPerSecond: number; peakRssMb: number; dbMb: number }>;
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const mod = await importOptional<IngestModule>('bench/ingest.ts', ['runIngestBench']);
  const header = ['system', 'articles', 'seconds', 'articles/s', 'peak RSS (MB)', 'database (MB)'];
  if (!mod.ok) return { markdown: markdownTable(header, [['**unspun** index', mod.reason]]), metrics: {}, speed: [], unavailable: [`ingest bench ${mod.reason}`] };
  const r = await mod.value.runIngestBench(opts.quick ? { limit: 2000 } : {});
  opts.log(`ingest: ${r.articles} articles in ${r.seconds.toFixed(1)} s`);
  return {
    markdown: `All of ../shared/corpus (six gzip JSONL files) indexed into a fresh SQLite file.\n\n${markdownTable(header, [['**unspun** index', r.articles, r.seconds, r.articlesPerSecond, r.peakRssMb, r.dbMb]])}`,
    metrics: {},
    speed: [{ task: 'ingest', system: 'unspun index', split: 'corpus', unit: 'article', items: r.articles, msP50: NaN, msP99: NaN, itemsPerSecond: r.articlesPerSecond, peakRssMb: r.peakRssMb }],
    unavailable: [],
  };
}

export const ingestTask: BenchTask = { name: 'ingest', title: 'Ingest (reference corpus into SQLite)', inQuick: false, run };

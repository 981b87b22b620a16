/**
 * @module bench/tasks/scale
 * Growth with the corpus, on SQLite and PostgreSQL, via bench/scale.ts: ingest articles/s
 * (1 and 2 workers), database size, retrieval and trace time p50/p99, and recall@1 of METER
 * and the content-farm copies at each size. The full run indexes 65k, 260k and 1M articles
 * (hours on 2 cores); `--quick` (the CI gate) 2,000 and 5,000, and gates recall@1 at the
 * larger one. PostgreSQL comes from $UNSPUN_BENCH_PG_URL or $UNSPUN_TEST_PG_URL; without one
 * its rows are skipped and the section says so.
 *
 * The full run can happen in pieces: UNSPUN_SCALE_KEEP=DIR keeps the stores there (SQLite file,
 * PostgreSQL schema `scale_kept`) and a later run resumes from them; UNSPUN_SCALE_SIZES
 * (e.g. 65000,260000) and UNSPUN_SCALE_STORES (sqlite or postgres) narrow a run.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/datasets.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import { FULL_SIZES, QUICK_SIZES, growthSvg, runScaleBench, scaleTables, writeGrowthPng } from '../scale.ts';

async function run(opts: TaskOptions): Promise<TaskResult> {
  const pgUrl = process.env.UNSPUN_BENCH_PG_URL ?? process.env.UNSPUN_TEST_PG_URL;
  const envList = (name: string) => process.env[name]?.split(',').map((x) => x.trim()).filter(Boolean);
  const r = await runScaleBench({
    sizes: opts.quick ? QUICK_SIZES : (envList('UNSPUN_SCALE_SIZES')?.map(Number) ?? FULL_SIZES),
    stores: opts.quick ? ['sqlite', 'postgres'] : ((envList('UNSPUN_SCALE_STORES') as ('sqlite' | 'postgres')[] | undefined) ?? ['sqlite', 'postgres']),
    keepDir: opts.quick ? undefined : process.env.UNSPUN_SCALE_KEEP,
    pgUrl,
    everyNth: opts.quick ? 3 : 1,
    traceSample: opts.quick ? 10 : 50,
    corpusLimit: opts.quick ? 1000 : undefined,
    workerSlice: opts.quick ? 1000 : undefined,
    log: opts.log,
  });
  const metrics: Record<string, number> = {};
  const tag = opts.quick ? 'quick' : 'full';
  for (const store of ['sqlite', 'postgres']) {
    const rows = r.rows.filter((x) => x.store === store);
    const last = rows[rows.length - 1];
    if (!last) continue;
    metrics[`scale.${tag}.${store}.meter.dev.recallAt1`] = last.meterDev;
    metrics[`scale.${tag}.${store}.farm.dev.recallAt1`] = last.farm;
  }
  let plot = '';
  if (!opts.quick) {
    const out = join(REPO_ROOT, 'docs/img/scale-growth.png');
    if (await writeGrowthPng(growthSvg(r), out)) plot = '\n\n![Time per suspect against corpus size](img/scale-growth.png)';
  }
  const md = [
    `Corpus: METER's 772 PA texts, the 12 content-farm originals and ../shared/corpus${opts.quick ? ' (first 1,000)' : ''}, then synthetic distractors made from them (bench/scale.ts: stitched same-outlet paragraphs, later-dated wire copies); each size contains the smaller. Suspects: METER wholly and partially derived stories${opts.quick ? ' (every third)' : ''}, dated the day after their PA copy, and the 19 content-farm copies (undated). Times are warm, per suspect, with the store open; trace = extract to report. Ingest runs 2 worker processes writing to the store.`,
    scaleTables(r),
  ].join('\n\n');
  return {
    markdown: md + plot,
    metrics,
    speed: r.rows.map((x) => ({ task: 'scale', system: `${x.store} ${x.articles}`, split: 'meter+farm', unit: 'suspect', items: x.articles, msP50: x.traceP50, msP99: x.traceP99, itemsPerSecond: 1000 / x.traceP50 })),
    unavailable: r.skipped,
  };
}

export const scaleTask: BenchTask = { name: 'scale', title: 'Scale (SQLite and PostgreSQL, growing corpus)', inQuick: true, run };

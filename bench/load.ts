/**
 * @module bench/load
 * A bounded loopback load run of `unspun serve`: starts the real server (SQLite store,
 * pipeline, report table) on 127.0.0.1 over a temporary index of the demo corpus, then keeps
 * `concurrency` clients posting the demo suspects to POST /api/trace for `seconds`.
 * Reports throughput, p50/p99 latency and errors (anything but 201, or 200 for a repeat, counts).
 *
 *   tsx bench/load.ts [--seconds 30] [--concurrency 20]
 *
 * bench/run.ts calls runLoadBench(). Never points at anything but the server it started.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import type { ReferenceArticle } from '../src/core/types.ts';
import { openServerDeps } from '../src/adapters/http/deps.ts';
import { startServer } from '../src/adapters/http/server.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
/** Hard caps, whatever the caller asks: this is a benchmark, not a stress test. */
const MAX_SECONDS = 120;
const MAX_CONCURRENCY = 64;

export interface LoadBenchResult {
  seconds: number;
  concurrency: number;
  requests: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Error detail by status ("503", "fetch failed"), empty when errors is 0. */
  errorKinds: Record<string, number>;
  corpusSize: number;
}

function demoCorpus(): ReferenceArticle[] {
  return readFileSync(join(REPO, 'examples/corpus/demo-corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as Record<string, string | null>;
      return { id: String(r.id), outlet: r.outlet ?? null, title: r.title ?? null, byline: null, published: r.published ?? null, url: r.url ?? null, text: String(r.text) };
    });
}

function demoSuspects(): { body: string; type: string }[] {
  const dir = join(REPO, 'examples/suspects');
  return readdirSync(dir)
    .filter((f) => /\.(txt|html?)$/.test(f))
    .sort()
    .map((f) => ({ body: readFileSync(join(dir, f), 'utf8'), type: f.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8' }));
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at];
}

export async function runLoadBench(opts: { seconds?: number; concurrency?: number } = {}): Promise<LoadBenchResult> {
  const seconds = Math.min(MAX_SECONDS, Math.max(1, opts.seconds ?? 30));
  const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(opts.concurrency ?? 20)));
  const dir = mkdtempSync(join(tmpdir(), 'unspun-load-'));
  const deps = await openServerDeps(join(dir, 'load.db'), { version: 'bench' });
  try {
    await deps.store.put(demoCorpus().map(prepareIndexRecord));
    const corpusSize = await deps.store.count();
    // Generous time limit: under load, queueing is what we measure, not a reason to fail.
    const server = await startServer({ ...deps, port: 0, host: '127.0.0.1', uiDir: null, timeoutMs: 120_000 });
    const suspects = demoSuspects();
    const latencies: number[] = [];
    const errorKinds: Record<string, number> = {};
    let next = 0;
    // Warm the pipeline (lazy NLP models) so the first requests do not skew p99.
    await fetch(`${server.url}/api/trace`, { method: 'POST', body: suspects[0].body, headers: { 'Content-Type': suspects[0].type } }).then((r) => r.arrayBuffer());
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const s = suspects[next++ % suspects.length];
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}/api/trace`, { method: 'POST', body: s.body, headers: { 'Content-Type': s.type } });
          await res.arrayBuffer();
          // 200: the same article traced again, answered with the stored report (deduplicated history).
          if (res.status === 201 || res.status === 200) latencies.push(performance.now() - t0);
          else errorKinds[String(res.status)] = (errorKinds[String(res.status)] ?? 0) + 1;
        } catch (err) {
          const key = (err as Error).message || 'fetch failed';
          errorKinds[key] = (errorKinds[key] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    await server.close();
    latencies.sort((a, b) => a - b);
    const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
    return {
      seconds: Math.round(elapsed * 10) / 10,
      concurrency,
      requests: latencies.length + errors,
      throughputPerSecond: Math.round((latencies.length / elapsed) * 100) / 100,
      p50Ms: Math.round(quantile(latencies, 0.5)),
      p99Ms: Math.round(quantile(latencies, 0.99)),
      errors,
      errorKinds,
      corpusSize,
    };
  } finally {
    await deps.closeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const result = await runLoadBench({ seconds: arg('--seconds'), concurrency: arg('--concurrency') });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (result.errors > 0) process.exitCode = 1;
}

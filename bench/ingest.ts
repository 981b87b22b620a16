/**
 * @module bench/ingest
 * Ingest benchmark: indexes ../shared/corpus/*.jsonl.gz (or given files) into a fresh SQLite
 * store in a temp folder through the same code as `unspun index`, and reports speed, peak
 * memory and the store's size on disk.
 *
 *   tsx bench/ingest.ts [--limit N] [file ...]
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runIndex } from '../src/adapters/cli/index-command.ts';
import { UnspunError } from '../src/core/errors.ts';
import { sharedRoot } from './lib/datasets.ts';

export interface IngestBenchResult {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  /** Peak resident memory of this process so far, MB. */
  peakRssMb: number;
  /** Store file plus WAL, MB. */
  dbMb: number;
}

/** The reference corpus files, or DATASET_MISSING when ../shared/corpus is absent. */
export function corpusFiles(): string[] {
  const dir = join(sharedRoot(), 'corpus');
  if (!existsSync(dir)) throw new UnspunError('DATASET_MISSING', dir, 'the reference corpus (../shared/corpus) is needed');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()
    .map((f) => join(dir, f));
}

class Discard extends Writable {
  override _write(_c: unknown, _e: string, cb: () => void) {
    cb();
  }
}

export async function runIngestBench(opts: { files?: string[]; limit?: number } = {}): Promise<IngestBenchResult> {
  const files = opts.files ?? corpusFiles();
  const dir = mkdtempSync(join(tmpdir(), 'unspun-bench-ingest-'));
  const db = join(dir, 'bench.db');
  try {
    const s = await runIndex({ paths: files, db, limit: opts.limit, stdout: new Discard(), stderr: new Discard() });
    if (s.failure && s.failure.code !== 'INPUT_PARTIAL') throw s.failure;
    const dbBytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    const articles = s.added + s.replaced + s.unchanged;
    return {
      articles,
      seconds: s.seconds,
      articlesPerSecond: articles / Math.max(0.001, s.seconds),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      dbMb: dbBytes / 1024 / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--limit');
  const limit = i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
  const result = await runIngestBench({ files: args.length ? args : undefined, limit });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

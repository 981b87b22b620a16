/**
 * @module test/http-helpers
 * Starts the real `unspun serve` stack (SQLite store, report table, pipeline) on a random
 * loopback port over a temporary database holding the project's demo corpus.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceArticle } from '../src/core/types.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { openServerDeps, type OpenedDeps } from '../src/adapters/http/deps.ts';
import { startServer, type RunningServer, type ServerOptions } from '../src/adapters/http/server.ts';

export const REPO_ROOT = new URL('..', import.meta.url).pathname;
export const DEMO_CORPUS = join(REPO_ROOT, 'examples/corpus/demo-corpus.jsonl');
export const DEMO_SUSPECTS = join(REPO_ROOT, 'examples/suspects');
export const SHARED = join(REPO_ROOT, '../shared');

export function demoArticles(): ReferenceArticle[] {
  return readFileSync(DEMO_CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as Record<string, string | null>;
      return { id: String(r.id), outlet: r.outlet ?? null, title: r.title ?? null, byline: null, published: r.published ?? null, url: r.url ?? null, text: String(r.text) };
    });
}

export interface TestServer extends RunningServer {
  dir: string;
  /** The server's trace worker threads. */
  pool: OpenedDeps['pool'];
  stop(): Promise<void>;
}

/** `overrides` replace any dependency (e.g. a trace that throws) for the error-path tests. */
export async function startTestServer(overrides: Partial<ServerOptions> & { corpus?: boolean; workers?: number } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-http-'));
  // One trace worker: each loads the language models, and tests run side by side.
  const deps = await openServerDeps(join(dir, 'test.db'), { version: 'test', workers: overrides.workers ?? 1, limits: overrides.limits });
  if (overrides.corpus !== false) await deps.store.put(demoArticles().map(prepareIndexRecord));
  // A generous time limit: the first trace loads the NLP models, slow on a busy CI machine.
  const server = await startServer({ ...deps, port: 0, host: '127.0.0.1', timeoutMs: 120_000, ...overrides });
  return {
    ...server,
    dir,
    pool: deps.pool,
    async stop() {
      await server.close();
      await deps.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

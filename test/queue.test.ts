/**
 * @module test/queue
 * The job queue as a user runs it, on a real PostgreSQL: `unspun index --queue` and `unspun
 * trace --queue` enqueue, `unspun worker` processes. A worker is killed with SIGKILL in the
 * middle of a large ingest job; a second worker finishes the work, and nothing is lost or done
 * twice. A job that cannot succeed ends in the dead-letter list with its error.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../src/adapters/store-postgres/index.ts';
import { openQueue, INGEST_QUEUE, TRACE_QUEUE } from '../src/adapters/queue/index.ts';
import type { ReferenceArticle } from '../src/core/types.ts';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';
import { BIN, ROOT, runCli } from './lib/cli.ts';

const skip = pgSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'unspun-queue-'));
const children: ChildProcess[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  await dropMadeSchemas();
});

/** Starts `unspun worker` (the node process itself, so a signal reaches it) and collects its log. */
function worker(url: string): { child: ChildProcess; log: () => string; waitFor: (re: RegExp, ms: number) => Promise<RegExpMatchArray> } {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', url, '--job-timeout', `${JOB_TIMEOUT_S}s`, '--retry-delay', '1s'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  return {
    child,
    log: () => text,
    waitFor: (re, ms) =>
      new Promise((resolve, reject) => {
        const t0 = Date.now();
        const tick = setInterval(() => {
          const m = text.match(re);
          if (m) {
            clearInterval(tick);
            resolve(m);
          } else if (Date.now() - t0 > ms || child.exitCode !== null) {
            clearInterval(tick);
            reject(new Error(`worker log never matched ${re}:\n${text}`));
          }
        }, 50);
      }),
  };
}

/**
 * A job still active after this long is presumed dead. Long enough for the ingest job below on
 * a loaded machine (a job outliving it is run again: harmless, as its effect is idempotent,
 * but then the kill would not be the cause); the test waits this long after the kill.
 */
const JOB_TIMEOUT_S = 30;
const ARTICLES = 600;

/** Distinct articles made from the invented demo corpus (each numbered, so each is new content). */
function manyArticles(): ReferenceArticle[] {
  const demo = readFileSync(join(ROOT, 'examples/corpus/demo-corpus.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ReferenceArticle);
  return Array.from({ length: ARTICLES }, (_, i) => {
    const a = demo[i % demo.length];
    return { ...a, id: `dispatch-${i}`, text: `${a.text}\n\nFiled as dispatch ${i} of the Harrowgate overnight digest.` };
  });
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('a worker killed mid-job loses nothing and does nothing twice; a hopeless job ends in the dead-letter list', { skip, timeout: 180_000 }, async () => {
  const url = freshSchemaUrl('q');
  const corpus = join(dir, 'many.jsonl');
  writeFileSync(corpus, manyArticles().map((a) => JSON.stringify(a)).join('\n') + '\n');

  // The queue's settings (as a worker sets them), which jobs take when queued.
  await (await openQueue(url, { configure: true, jobTimeoutSeconds: JOB_TIMEOUT_S, retryDelaySeconds: 1 })).close();
  // One big ingest job (so the kill lands inside it), queued twice: the second time is a no-op.
  const queued = await runCli(['index', '--queue', '--batch', String(ARTICLES), '--db', url, corpus]);
  assert.equal(queued.code, 0, queued.stderr);
  assert.match(queued.stdout, new RegExp(`^queued ${ARTICLES} articles in 1 new ingest jobs \\(0 already queued or done\\)`));
  const again = await runCli(['index', '--queue', '--batch', String(ARTICLES), '--db', url, corpus]);
  assert.match(again.stdout, /in 0 new ingest jobs \(1 already queued or done\)/);
  const traces = await runCli(['trace', '--queue', '--db', url, 'examples/suspects/spun-copy.txt', 'examples/suspects/slanted-rewrite.txt']);
  assert.equal(traces.code, 0, traces.stderr);
  const traceJobs = [...traces.stdout.matchAll(/\tjob ([0-9a-f-]{36})/g)].map((m) => m[1]);
  assert.equal(traceJobs.length, 2);

  // Worker A takes the ingest job and is killed while inside it.
  const a = worker(url);
  const [, jobId] = await a.waitFor(new RegExp(`${INGEST_QUEUE} job ([0-9a-f-]{36}) started`), 60_000);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!a.log().includes(`${INGEST_QUEUE} job ${jobId} done`), `the job must still be running when the worker is killed:\n${a.log()}`);
  a.child.kill('SIGKILL');
  await new Promise((r) => a.child.once('exit', r));

  const store = await openPostgresStore(url, { readonly: true });
  const queue = await openQueue(url);
  try {
    assert.equal(await store.count(), 0, 'a job is one transaction: nothing of the killed job was written');
    assert.equal((await queue.status(jobId))?.state, 'active', 'the killed job is still marked active');

    // Worker B finds the job after its timeout, retries it, and takes the traces.
    const b = worker(url);
    const done = await until('the ingest job to complete', 120_000, async () => {
      const s = await queue.status(jobId);
      return s?.state === 'completed' ? s : null;
    });
    assert.ok(done.retries >= 1, 'it completed on a retry');
    assert.equal(await store.count(), ARTICLES, 'every article, once');
    const df = await store.documentFrequency(['Harrowgate', 'digest']);
    assert.equal(df.get('Harrowgate'), ARTICLES, 'document frequencies counted once, not per attempt');
    assert.equal((await store.getMany(['dispatch-0', `dispatch-${ARTICLES - 1}`])).length, 2);

    for (const id of traceJobs) {
      const s = await until(`trace job ${id}`, 120_000, async () => {
        const st = await queue.status(id);
        return st?.state === 'completed' ? st : null;
      });
      assert.match(String((s.output as { reportId?: string }).reportId), /^[a-z2-7]{16}$/);
    }
    const reports = await store.connections.query(`SELECT count(*) AS n FROM ${store.schema}.reports`);
    assert.equal(Number(reports.rows[0].n), 2, 'each trace stored once');

    // A job that can never succeed: retried with backoff, then dead-lettered with its error.
    // (Queued now, it takes the queue's 1 s retry delay: tries at about 0, 1, 3 and 7 s.)
    const bad = await queue.enqueueIngest([{ id: 'broken', outlet: null, title: null, byline: null, published: null, url: null, text: 42 as unknown as string }]);
    await until('the bad job to fail for good', 120_000, async () => (await queue.status(bad.id))?.state === 'failed');
    const listed = await runCli(['jobs', '--failed', '--json', '--db', url]);
    const failed = JSON.parse(listed.stdout) as { id: string; queue: string; retries: number; error: string; about: string }[];
    const entry = failed.find((f) => f.id === bad.id);
    assert.ok(entry, listed.stdout);
    assert.equal(entry.queue, INGEST_QUEUE);
    assert.equal(entry.retries, 3);
    assert.match(entry.error, /text must be a string/);
    assert.match(entry.about, /broken/);
    assert.ok(!(await runCli(['jobs', '--failed', '--db', url])).stdout.includes(jobId), 'the retried job is not in the dead-letter list');

    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));
    assert.match(b.log(), /stopping/);
    const counts = await queue.counts();
    assert.equal(counts[TRACE_QUEUE]?.completed, 2);
  } finally {
    await queue.close();
    await store.close();
  }
});

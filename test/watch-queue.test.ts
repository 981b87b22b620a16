/**
 * @module test/watch-queue
 * `unspun watch --queue` with a real `unspun worker` process on a real PostgreSQL, against
 * fixture sites on 127.0.0.1: the watch fetches the feeds and pages itself, hands the outlet's
 * articles to the ingest queue and the suspect site's pages to the trace queue; the worker
 * indexes and traces; the watch collects the finished trace jobs, and announces the altered
 * copy from the report the worker stored. A second poll that fetches the re-dated pages again
 * (same text) queues nothing and the worker does nothing more.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../src/adapters/store-postgres/index.ts';
import { INGEST_QUEUE, TRACE_QUEUE, openQueue } from '../src/adapters/queue/index.ts';
import { FixtureSite, copierFeed, serveCopier, serveOutlet } from './watch-server.ts';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';
import { BIN, ROOT, runCli } from './lib/cli.ts';

const skip = pgSkipReason();

function countMatches(text: string, re: RegExp): number {
  return [...text.matchAll(new RegExp(re.source, 'g'))].length;
}

describe('watch --queue: the workers index and trace, the watch fetches and announces', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-watch-queue-'));
  const announcements = join(dir, 'copies.jsonl');
  const config = join(dir, 'watch.json');
  const outlet = new FixtureSite();
  const copier = new FixtureSite();
  let url = '';
  let worker: ChildProcess | null = null;
  let workerLog = '';

  before(async () => {
    url = freshSchemaUrl('wq');
    await Promise.all([outlet.start(), copier.start()]);
    serveOutlet(outlet);
    serveCopier(copier);
    writeFileSync(
      config,
      JSON.stringify({ db: url, queue: true, reference: [`${outlet.url}/feed.xml`], suspect: [`${copier.url}/atom.xml`], hostDelay: '20ms', announce: announcements }),
    );

    // The worker makes the store's tables and the queues before the watch starts.
    worker = spawn(process.execPath, [BIN, 'worker', '--db', url, '--retry-delay', '1s'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    worker.stderr!.on('data', (b: Buffer) => (workerLog += b.toString()));
    const t0 = Date.now();
    while (!/taking .* jobs/.test(workerLog)) {
      if (worker.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`the worker did not start:\n${workerLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  after(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker!.once('exit', r));
    }
    await Promise.all([outlet.stop(), copier.stop()]);
    rmSync(dir, { recursive: true, force: true });
    await dropMadeSchemas();
  });

  test('sources are indexed and copies traced by the worker, the altered copy announced; a re-poll with the same text queues nothing', { timeout: 240_000 }, async () => {
    const first = await runCli(['watch', '--once', '--config', config], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /indexing and tracing by the queue's workers/);
    assert.match(first.stderr, /5 items fetched: 2 indexed, 3 traced, 1 announced, 0 unchanged, 0 duplicates, 0 disallowed by robots.txt, 0 failed; 5 jobs queued, 0 still running/);
    assert.equal(countMatches(first.stderr, /queued \S+ for indexing \(job [0-9a-f-]{36}\)/), 2);
    assert.equal(countMatches(first.stderr, /queued \S+ for tracing \(job [0-9a-f-]{36}\)/), 3);

    // The worker did the work: two ingest jobs, three trace jobs, each once.
    assert.equal(countMatches(workerLog, new RegExp(`${INGEST_QUEUE} job \\S+ done`)), 2, workerLog);
    assert.equal(countMatches(workerLog, new RegExp(`${TRACE_QUEUE} job \\S+ done`)), 3, workerLog);
    assert.equal(countMatches(workerLog, /job \S+ started/), 5, workerLog);

    const store = await openPostgresStore(url, { readonly: true });
    try {
      assert.equal(await store.count(), 2, 'both sources indexed');
      const reports = await store.connections.query(`SELECT id FROM ${store.schema}.reports`);
      const reportIds = reports.rows.map((r: { id: string }) => r.id).sort();
      assert.equal(reportIds.length, 3, 'each copy traced once, its report stored');
      const items = await store.connections.query(`SELECT url, role, status, report_id FROM ${store.schema}.watch_items ORDER BY url`);
      assert.deepEqual(items.rows.map((r: { status: string }) => r.status), ['done', 'done', 'done', 'done', 'done']);
      assert.deepEqual(items.rows.filter((r: { role: string }) => r.role === 'suspect').map((r: { report_id: string }) => r.report_id).sort(), reportIds);

      // The altered copy was traced after its source was indexed, and announced by the watch.
      const lines = readFileSync(announcements, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 1, 'only the altered copy is announced');
      assert.equal(lines[0].url, `${copier.url}/news/ferry-chaos`);
      assert.equal(lines[0].source.outlet, 'Northfield Press Agency');
      assert.equal(lines[0].source.url, `${outlet.url}/2026/03/12/ferry`);
      assert.ok(lines[0].seriousByKind.number >= 1, JSON.stringify(lines[0].seriousByKind));
      assert.ok(reportIds.includes(lines[0].reportId), 'the announcement names the report the worker stored');

      // The feed re-dates every item: the watch fetches each page again, finds the same text, queues nothing.
      copier.set('/atom.xml', copierFeed(copier, '2026-03-16', 'Mon, 16 Mar 2026 10:00:00 GMT'));
      const second = await runCli(['watch', '--once', '--config', config], { cwd: dir });
      assert.equal(second.code, 0, second.stderr);
      assert.equal(copier.requestsTo('/news/ferry-chaos').length, 2, 'the re-dated page was fetched again');
      assert.match(second.stderr, /3 items fetched: 0 indexed, 0 traced, 0 announced, 3 unchanged/);
      assert.doesNotMatch(second.stderr, /jobs queued|queued \S+ for/);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(countMatches(workerLog, /job \S+ started/), 5, `the worker took no new job:\n${workerLog}`);
      const queue = await openQueue(url);
      try {
        const counts = await queue.counts();
        assert.deepEqual(counts, { [INGEST_QUEUE]: { completed: 2 }, [TRACE_QUEUE]: { completed: 3 } });
      } finally {
        await queue.close();
      }
      assert.equal(Number((await store.connections.query(`SELECT count(*) AS n FROM ${store.schema}.reports`)).rows[0].n), 3);
      assert.equal(readFileSync(announcements, 'utf8').trim().split('\n').length, 1, 'nothing announced twice');
      assert.ok(existsSync(config));
    } finally {
      await store.close();
    }
  });
});

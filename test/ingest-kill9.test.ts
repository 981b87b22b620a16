/**
 * kill -9 from outside: the real `unspun index` (node running bin/unspun.js, the process
 * itself, not a wrapper such as npx) is sent SIGKILL while it is writing, twice at different
 * points, and each re-run resumes. After every kill the index holds only whole batches, and
 * at the end it holds every article exactly once, each with the text it was given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { REPO_ROOT } from './http-helpers.ts';

const BIN = join(REPO_ROOT, 'bin/unspun.js');
const ARTICLES = 1500;
const BATCH = 20;

const dir = mkdtempSync(join(tmpdir(), 'unspun-kill9-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// Invented prose; each article differs in its figures and names, so none is a duplicate.
function articleText(i: number): string {
  return [
    `The harbour board of Kelsmouth ${i} voted on Thursday to dredge berth ${i % 40} before the autumn storms, a job its engineer put at ${(i % 11) + 3} weeks.`,
    `Fishing crews from the ${i}th ward said the silt had cost them ${i % 60} sailings since March, and the ferry to Orrin Isle ${i} ran a reduced timetable.`,
    `The board's chair said ${i * 13 + 200} thousand pounds had been set aside and that work would start once the survey of pier ${(i % 7) + 1} was done.`,
  ].join('\n\n');
}

const corpus = join(dir, 'harbour.jsonl');
writeFileSync(corpus, Array.from({ length: ARTICLES }, (_, i) => JSON.stringify({ id: `h-${i}`, title: `Harbour ${i}`, text: articleText(i) })).join('\n') + '\n');
const db = join(dir, 'harbour.db');

/** Articles committed so far, or -1 while the index file is not yet readable. */
async function committed(): Promise<number> {
  if (!existsSync(db)) return -1;
  try {
    const s = await openSqliteStore(db, { readonly: true });
    try {
      return await s.count();
    } finally {
      await s.close();
    }
  } catch {
    return -1;
  }
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `unspun index`; when `killAt` is given, SIGKILLs the node process once that many articles are committed. */
async function index(killAt?: number): Promise<Run & { countAtKill?: number }> {
  const child = spawn(process.execPath, [BIN, 'index', corpus, '--db', db, '--batch', String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  let countAtKill: number | undefined;
  if (killAt !== undefined) {
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      const n = await committed();
      if (n >= killAt) {
        // The process itself: node, whose argv[1] is bin/unspun.js.
        assert.ok(child.pid && process.kill(child.pid, 'SIGKILL'));
        countAtKill = n;
        break;
      }
      await sleep(50);
    }
  }
  return { ...(await exited), countAtKill };
}

test(`kill -9 of \`unspun index\` twice mid-run: whole batches only after each kill, and resuming ends with all ${ARTICLES} articles once each`, async () => {
  const first = await index(3 * BATCH);
  assert.equal(first.signal, 'SIGKILL', `the run ended before it was killed: ${first.stdout}${first.stderr}`);
  const afterFirst = await committed();
  assert.ok(afterFirst >= 3 * BATCH && afterFirst < ARTICLES, `${afterFirst} committed`);
  assert.equal(afterFirst % BATCH, 0, `${afterFirst} is not a whole number of ${BATCH}-article batches`);

  const second = await index(afterFirst + 10 * BATCH);
  assert.equal(second.signal, 'SIGKILL', `the run ended before it was killed: ${second.stdout}${second.stderr}`);
  const afterSecond = await committed();
  assert.ok(afterSecond > afterFirst && afterSecond < ARTICLES, `${afterSecond} committed`);
  assert.equal(afterSecond % BATCH, 0, `${afterSecond} is not a whole number of ${BATCH}-article batches`);

  const last = await index();
  assert.equal(last.code, 0, last.stderr);
  const summary = /^(\d+) added, (\d+) unchanged, 0 replaced, 0 errors/m.exec(last.stdout);
  assert.ok(summary, last.stdout);
  assert.equal(Number(summary[1]), ARTICLES - afterSecond, 'the resumed run adds only what was not committed');
  assert.equal(Number(summary[2]), afterSecond, 'and finds every committed article unchanged');

  const store = await openSqliteStore(db, { readonly: true });
  try {
    assert.equal(await store.count(), ARTICLES);
    for (const i of [0, afterFirst - 1, afterFirst, afterSecond - 1, afterSecond, ARTICLES - 1]) {
      const a = await store.get(`h-${i}`);
      assert.equal(a?.text, articleText(i), `h-${i}`);
    }
  } finally {
    await store.close();
  }
});

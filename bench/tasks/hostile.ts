/**
 * @module bench/tasks/hostile
 * The pathological inputs of issue #13, each traced by the real `unspun trace` process over
 * the demo index: the time to its report or refusal (the issue's bound is 20 s each), its exit
 * code and the first line it printed on stderr. Before the limits these ran for minutes, ran
 * out of memory, overflowed the stack or read 18 GB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/datasets.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';

const BIN = join(REPO_ROOT, 'bin/unspun.js');
/** Past this a run is stopped and reported as a hang. */
const GIVE_UP_MS = 120_000;

const PROSE = 'The harbour board voted on Thursday to dredge the northern berth before the autumn storms. ';

/** Name, file name, contents (or a device path). */
const INPUTS: [string, string, () => string | null][] = [
  ['a 5 MB word', 'word.txt', () => `Title\n\n${'a'.repeat(5 * 1024 * 1024)}`],
  ['1 MB of dots', 'dots.txt', () => '.'.repeat(1024 * 1024)],
  ['30,000 nested inline tags', 'nested.html', () => `<html><body>${'<b>'.repeat(30_000)}${PROSE.repeat(20)}</body></html>`],
  ['20,000 unclosed divs', 'divs.html', () => `<html><body>${'<div>'.repeat(20_000)}${PROSE.repeat(20)}</body></html>`],
  ['20,000 repeated sentences', 'repeated.txt', () => `Title\n\n${PROSE.repeat(20_000)}`],
  ['a 2 MB paste (one article repeated)', 'paste.txt', () => `Title\n\n${Array.from({ length: 2 * 1024 * 1024 / 2048 }, (_, i) => `${PROSE.repeat(20)}The figure was ${i}.\n\n`).join('')}`],
  ['/dev/zero (no size)', '/dev/zero', () => null],
];

function trace(path: string, db: string): Promise<{ code: number | null; ms: number; firstLine: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'trace', path, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0, firstLine: stderr.split('\n')[0] ?? '' });
    });
  });
}

function indexDemo(db: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'index', join(REPO_ROOT, 'examples/corpus/demo-corpus.jsonl'), '--db', db], { stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`unspun index exit ${code}`))));
  });
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-bench-hostile-'));
  try {
    const db = join(dir, 'demo.db');
    await indexDemo(db);
    const load = loadavg()[0];
    const rows: Cell[][] = [];
    let worst = 0;
    for (const [what, name, make] of INPUTS) {
      const content = make();
      const path = content === null ? name : join(dir, name);
      if (content !== null) writeFileSync(path, content);
      opts.log(what);
      const r = await trace(path, db);
      worst = Math.max(worst, r.ms);
      const outcome = r.code === null ? `stopped after ${GIVE_UP_MS / 1000} s (a hang)` : r.code === 0 ? 'report' : `exit ${r.code}: ${r.firstLine.replace(path, name.startsWith('/') ? name : `<${name}>`)}`;
      rows.push([what, r.ms / 1000, outcome]);
    }
    const markdown = [
      markdownTable(['input', 'seconds', 'outcome'], rows, ['l', 'r', 'l']),
      '',
      `Each input traced by a fresh \`unspun trace\` process (start-up included) over the demo index, at a load average of ${load.toFixed(1)} on this machine (timings on a shared machine are several times those on a quiet one). Slowest: ${(worst / 1000).toFixed(1)} s (the bound is 20 s). The seeded fuzz suite (\`test/fuzz.test.ts\`, 1,000 generated inputs) runs in \`npm test\`.`,
    ].join('\n');
    return { markdown, metrics: {}, speed: [], unavailable: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const hostileTask: BenchTask = { name: 'hostile', title: 'Hostile inputs (time to a report or a refusal)', inQuick: false, run };

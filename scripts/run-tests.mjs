#!/usr/bin/env node
/**
 * `npm test`: runs every test file with Node's test runner, with a PostgreSQL server for the
 * PostgreSQL store, report-store and queue tests:
 *
 * - $UNSPUN_TEST_PG_URL when it is set (CI's .ci/run starts a cluster and exports it);
 * - otherwise a throwaway cluster started here (scripts/pg-scratch-cluster.sh, in a temporary
 *   directory, on a free port) when Debian's PostgreSQL server binaries are installed, and
 *   stopped and removed when the tests end;
 * - otherwise the PostgreSQL tests are skipped, and this says so before and after the run
 *   (under CI a missing server fails them instead: test/lib/postgres.ts).
 *
 * Extra arguments are passed to `node --test` (e.g. a test-name pattern).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cluster = join(root, 'scripts', 'pg-scratch-cluster.sh');

function testFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

function postgresBinaries() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return false;
  return readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'pg_ctl')));
}

let scratch = null;
let skipNote = null;
const env = { ...process.env };
if (env.UNSPUN_TEST_PG_URL) {
  process.stderr.write(`PostgreSQL tests: ${env.UNSPUN_TEST_PG_URL.replace(/:[^:@/]*@/, ':***@')} ($UNSPUN_TEST_PG_URL)\n`);
} else if (postgresBinaries()) {
  scratch = mkdtempSync(join(tmpdir(), 'unspun-test-pg-'));
  try {
    env.UNSPUN_TEST_PG_URL = execFileSync(cluster, ['start', scratch], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    process.stderr.write(`PostgreSQL tests: a throwaway cluster at ${env.UNSPUN_TEST_PG_URL} (data in ${scratch}, removed after the run)\n`);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    scratch = null;
    skipNote = `could not start a throwaway PostgreSQL cluster (${err.message.split('\n')[0]})`;
  }
} else {
  skipNote = 'no PostgreSQL server binaries (apt-get install postgresql) and no $UNSPUN_TEST_PG_URL';
}
if (skipNote) process.stderr.write(`\n*** PostgreSQL tests SKIPPED: ${skipNote} ***\n\n`);

function stopCluster() {
  if (!scratch) return;
  try {
    execFileSync(cluster, ['stop', scratch], { stdio: 'inherit' });
  } catch {
    // Stopping a scratch server that already died is not an error.
  }
  rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}

const files = testFiles(join(root, 'test')).concat(testFiles(join(root, 'src'))).sort();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  stopCluster();
  if (skipNote) process.stderr.write(`\n*** PostgreSQL tests were SKIPPED: ${skipNote} ***\n`);
  process.exit(code ?? (signal ? 1 : 0));
});

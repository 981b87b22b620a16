/**
 * @module adapters/cli/serve-command
 * `unspun serve`: the HTTP API and the web UI in one process, over the same SQLite file the
 * CLI indexes into. Binds to 127.0.0.1 unless told otherwise: there is no authentication.
 */
import { Command } from 'commander';
import { UnspunError } from '../../core/errors.ts';
import { formatBytes } from '../http/app.ts';
import { openServerDeps } from '../http/deps.ts';
import { describeLocation } from '../open-store.ts';
import { DEFAULT_RETENTION } from '../http/report-store.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from '../http/server.ts';
import { DEFAULT_DB, packageVersion } from './common.ts';

interface ServeFlags {
  port: number;
  db: string;
  create?: boolean;
  workers?: number;
  allowedHost: string[];
  host: string;
  maxBody: number;
  timeout: number;
  quiet?: boolean;
  warmUp: boolean;
  keepReports: number;
  keepDays?: number;
}

/** A tiny article traced once at start-up, so the first user does not wait for the language models to load. */
const WARM_UP_TEXT = 'Warm-up\n\nThe council met on Monday and approved the budget, officials said.';

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };
const TIME_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** "10mb", "512kb", "1048576" -> bytes. */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SIZE_UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UnspunError('USAGE', '--max-body', `"${value}" is not a size like 10mb or 512kb`);
  const n = Math.round(Number(m[1]) * unit);
  if (n < 1) throw new UnspunError('USAGE', '--max-body', 'must be at least 1 byte');
  return n;
}

/** "30s", "1500ms", "2m", "45" (seconds) -> milliseconds. */
export function parseDuration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(value);
  if (!m) throw new UnspunError('USAGE', '--timeout', `"${value}" is not a duration like 30s or 1500ms`);
  const n = Math.round(Number(m[1]) * TIME_UNITS[(m[2] ?? 's').toLowerCase()]);
  if (n < 1) throw new UnspunError('USAGE', '--timeout', 'must be positive');
  return n;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64) throw new UnspunError('USAGE', '--workers', `"${value}" is not a number of workers (1-64)`);
  return n;
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UnspunError('USAGE', flag, `"${value}" is not a whole number`);
  return Number(value);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UnspunError('USAGE', '--port', `"${value}" is not a port number (0-65535)`);
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the JSON API (docs/http.md) over the index')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--db <path|url>', 'the index: a SQLite file or a postgres:// URL (reports are kept in it too); a file must exist unless --create', DEFAULT_DB)
    .option('--create', 'create an empty index file at --db when there is none (a PostgreSQL store is always made on first use)')
    .option('--host <host>', 'address to bind; anything but loopback exposes an unauthenticated API', DEFAULT_HOST)
    .option('--allowed-host <name>', 'a host name the server answers to besides loopback and --host (repeatable; for a name in DNS or a proxy)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--workers <n>', 'trace worker threads (default: one per core, 1 to 4)', parseWorkers)
    .option('--max-body <size>', 'largest request body accepted (413 above it)', parseSize, parseSize('10mb'))
    .option('--timeout <duration>', 'per-request time limit (503 above it)', parseDuration, parseDuration('30s'))
    .option('--keep-reports <n>', 'report history: keep at most this many reports, the newest (0: no limit)', (v) => parseCount(v, '--keep-reports'), DEFAULT_RETENTION.maxReports ?? 0)
    .option('--keep-days <days>', 'report history: delete reports older than this many days (default: keep)', (v) => parseCount(v, '--keep-days'))
    .option('--quiet', 'do not log each request')
    .option('--no-warm-up', 'do not load the language models before the first request')
    .action(async (flags: ServeFlags) => {
      await runServe(flags);
    });
}

async function runServe(flags: ServeFlags): Promise<void> {
  const version = packageVersion();
  const retention = { maxReports: flags.keepReports > 0 ? flags.keepReports : null, maxAgeDays: flags.keepDays && flags.keepDays > 0 ? flags.keepDays : null };
  const log = (line: string) => process.stderr.write(`unspun serve: ${line}\n`);
  const deps = await openServerDeps(flags.db, { version, retention, create: flags.create === true, workers: flags.workers, log: (line) => log(line) });
  let server;
  try {
    server = await startServer({
      ...deps,
      port: flags.port,
      host: flags.host,
      maxBodyBytes: flags.maxBody,
      timeoutMs: flags.timeout,
      allowedHosts: flags.allowedHost,
      // Errors are always logged; request lines only without --quiet.
      log: flags.quiet ? (line) => line.startsWith('error ') && log(line) : log,
    });
  } catch (err) {
    await deps.closeAll();
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the port is already in use (try --port 0 or another port)' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UnspunError('USAGE', `${flags.host}:${flags.port}`, `cannot listen: ${why}`, { cause: err });
  }
  const size = await deps.store.count();
  process.stderr.write(
    `unspun serve: ${server.url}  (index ${describeLocation(flags.db)}: ${size.toLocaleString('en')} articles; body limit ${formatBytes(flags.maxBody)}; time limit ${flags.timeout / 1000} s; ${deps.pool.size} trace worker${deps.pool.size === 1 ? '' : 's'})\n`,
  );
  if (!/^(127\.|::1$|localhost$)/.test(flags.host)) {
    process.stderr.write('unspun serve: warning: listening beyond this machine; the API has no authentication\n');
  }
  if (flags.warmUp) {
    const t0 = performance.now();
    void deps.pool
      .warmUp({ kind: 'text', content: WARM_UP_TEXT, name: 'warm-up' })
      .then(
        () => log(`ready: models loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`),
        (err: unknown) => log(`error warm-up trace failed: ${(err as Error).message}`),
      );
  }
  const running = server;
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write('unspun serve: stopping\n');
      void running
        .close()
        .then(() => deps.closeAll())
        .finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

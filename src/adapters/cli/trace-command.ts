/**
 * @module adapters/cli/trace-command
 * `unspun trace <suspect.html|.txt|->`: reads the suspect, opens the index if there is one,
 * runs the pipeline and prints the report (terminal, `--json`, and/or `--html out.html`).
 * Several files or a folder trace each article in turn (batch): one summary line per article,
 * or with `--json` one report per line (JSON Lines); a bad file is reported on stderr and the
 * rest still run, and the exit code says that something failed.
 */
import { statSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UnspunError } from '../../core/errors.ts';
import type { PipelineStage } from '../../core/pipeline.ts';
import { DEFAULT_DB, assertIndexExists, openIndexIfPresent, packageVersion, terminalWidth, wantColor, writeOut } from './common.ts';
import { expandInputs, readSuspect } from './read-input.ts';
import { isUnspunError } from '../../core/errors.ts';
import type { Report } from '../../core/types.ts';

interface TraceFlags {
  db: string;
  /** --db was given on the command line (not the default): then it must exist. */
  dbGiven?: boolean;
  maxBytes?: number;
  json?: boolean;
  html?: string;
  color?: boolean;
  width?: number;
  compact?: boolean;
  stopAfter?: PipelineStage;
  queue?: boolean;
}

export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description('trace a suspect article to its source and show what the rewrite changed')
    .argument('<suspects...>', 'an .html/.htm or .txt file, or "-" for stdin (kind sniffed when the extension does not say); several files or folders trace each in turn')
    .option('--db <path|url>', `the index to search (built by \`unspun index\`): a SQLite file or a postgres:// URL; must exist when given (default ${DEFAULT_DB}, skipped when absent)`, DEFAULT_DB)
    .option('--max-bytes <n>', 'largest suspect file, in bytes (counted while reading)', (v) => parsePositive(v, '--max-bytes'))
    .option('--json', 'print the report as JSON (docs/report.schema.json) instead of text')
    .option('--html <out.html>', 'also write a self-contained side-by-side HTML page')
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colour (also when NO_COLOR is set or output is not a terminal)')
    .option('--width <columns>', 'wrap the text report at this width', (v) => parsePositive(v, '--width'))
    .option('--compact', 'fold faithfully reused sentences into a count')
    .addOption(new Option('--stop-after <stage>', 'stop after a pipeline stage').choices(['extract', 'retrieve', 'align', 'classify']))
    .option('--queue', 'queue each suspect as a trace job for `unspun worker` and print its job id (needs a postgres:// --db)')
    .action(async (suspects: string[], flags: TraceFlags, cmd: Command) => {
      flags.dbGiven = cmd.getOptionValueSource('db') === 'cli';
      // A mistyped --db must not quietly trace against no corpus.
      if (flags.dbGiven) assertIndexExists(flags.db);
      if (flags.queue) await runQueued(suspects, flags);
      else if (suspects.length === 1 && !isFolder(suspects[0])) await runTrace(suspects[0], flags);
      else await runBatch(suspects, flags);
    });
}

async function runTrace(path: string, flags: TraceFlags): Promise<void> {
  const input = await readSuspect(path, flags.maxBytes);
  // Loaded only now, so a bad input or `--help` answers without loading the NLP models.
  const [{ traceArticle }, { renderHtml }, { renderTerminal }] = await Promise.all([
    import('../../core/pipeline.ts'),
    import('../../core/report/render-html.ts'),
    import('../../core/report/render-terminal.ts'),
  ]);
  const store = await openIndexIfPresent(flags.db);
  try {
    const report = await traceArticle(input, store, { generatorVersion: packageVersion(), stopAfter: flags.stopAfter });
    if (flags.html) {
      try {
        writeFileSync(flags.html, renderHtml(report));
      } catch (err) {
        throw new UnspunError('INPUT_UNREADABLE', flags.html, `cannot write the page: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
      process.stderr.write(`unspun: wrote ${flags.html}\n`);
    }
    if (flags.json) await writeOut(JSON.stringify(report, null, 2) + '\n');
    else await writeOut(renderTerminal(report, { color: wantColor(flags.color), width: terminalWidth(flags.width), compact: flags.compact }));
    if (!store) warnNoIndex(flags.db);
  } finally {
    await store?.close();
  }
}

function warnNoIndex(db: string): void {
  process.stderr.write(`unspun: no index at ${db}, so no corpus was searched; build one with \`unspun index <files>\`\n`);
}

function isFolder(path: string): boolean {
  try {
    return path !== '-' && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Traces every article of several files or folders against one index. */
async function runBatch(paths: string[], flags: TraceFlags): Promise<void> {
  if (flags.html) throw new UnspunError('USAGE', '--html', 'writes one page; give a single suspect to use it');
  if (paths.includes('-')) throw new UnspunError('USAGE', '-', 'stdin can only be traced on its own');
  const files = expandInputs(paths);
  const { traceArticle } = await import('../../core/pipeline.ts');
  const store = await openIndexIfPresent(flags.db);
  let failed: { exitCode: number } | null = null;
  const tally = { found: 0, none: 0, failed: 0 };
  try {
    for (const file of files) {
      let report: Report;
      try {
        report = await traceArticle(await readSuspect(file, flags.maxBytes), store, { generatorVersion: packageVersion(), stopAfter: flags.stopAfter });
      } catch (err) {
        if (!isUnspunError(err)) throw err;
        // One bad file must not stop a monitoring run: say which and why, then go on.
        process.stderr.write(`unspun: ${err.message}\n`);
        failed ??= { exitCode: err.exitCode };
        tally.failed++;
        continue;
      }
      if (report.verdict.found) tally.found++;
      else tally.none++;
      await writeOut(flags.json ? JSON.stringify(report) + '\n' : batchLine(file, report) + '\n');
    }
    if (!flags.json) await writeOut(`${files.length} traced: ${tally.found} with a source, ${tally.none} without, ${tally.failed} failed\n`);
    if (!store) warnNoIndex(flags.db);
  } finally {
    await store?.close();
  }
  if (failed) process.exitCode = failed.exitCode;
}

/**
 * Queues each suspect as a trace job: one line per file with its job id (the same file queued
 * again gets the same id, and is traced once). The report is kept beside the store; `unspun
 * jobs <id>` gives its report id, which `unspun serve` shows at /r/<id>.
 */
async function runQueued(paths: string[], flags: TraceFlags): Promise<void> {
  if (flags.html || flags.json || flags.stopAfter) throw new UnspunError('USAGE', '--queue', 'queued traces are kept in the store; --html, --json and --stop-after apply to traces run here');
  const files = paths.includes('-') ? paths : expandInputs(paths);
  const { openQueue } = await import('../queue/index.ts');
  const queue = await openQueue(flags.db);
  let failed: { exitCode: number } | null = null;
  try {
    for (const file of files) {
      try {
        const input = await readSuspect(file, flags.maxBytes);
        const job = await queue.enqueueTrace({ ...input, fetchedAt: input.fetchedAt ?? null });
        await writeOut(`${file}\tjob ${job.id}${job.created ? '' : ' (already queued)'}\n`);
      } catch (err) {
        if (!isUnspunError(err)) throw err;
        process.stderr.write(`unspun: ${err.message}\n`);
        failed ??= { exitCode: err.exitCode };
      }
    }
  } finally {
    await queue.close();
  }
  if (failed) process.exitCode = failed.exitCode;
}

/** One line per traced article: where it came from, and what changed that matters. */
export function batchLine(file: string, report: Report): string {
  const src = report.sources[0];
  const head = !report.corpus.searched
    ? 'NO CORPUS SEARCHED'
    : src
      ? `SOURCE ${src.id}${src.outlet ? ` (${src.outlet})` : ''} ${src.confidence.toFixed(2)}${report.sources.length > 1 ? ` +${report.sources.length - 1}` : ''}, reused ${Math.round(report.summary.reusedShare * 100)}%`
      : `NO SOURCE${report.verdict.closest ? ` (closest ${report.verdict.closest.id})` : ''}`;
  const serious = new Map<string, number>();
  for (const c of report.changes) if (c.severity === 'medium' || c.severity === 'high') serious.set(c.kind, (serious.get(c.kind) ?? 0) + 1);
  const kinds = [...serious].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${file}\t${head}\t${report.summary.serious} serious${kinds ? `: ${kinds}` : ''}`;
}

function parsePositive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UnspunError('USAGE', flag, `expected a positive whole number, got "${value}"`);
  return n;
}

/**
 * @module adapters/cli/trace-command
 * `unspun trace <suspect.html|.txt|->`: reads the suspect, opens the index if there is one,
 * runs the pipeline and prints the report (terminal, `--json`, and/or `--html out.html`).
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UnspunError } from '../../core/errors.ts';
import type { PipelineStage } from '../../core/pipeline.ts';
import { DEFAULT_DB, openIndexIfPresent, packageVersion, terminalWidth, wantColor, writeOut } from './common.ts';
import { readSuspect } from './read-input.ts';

interface TraceFlags {
  db: string;
  json?: boolean;
  html?: string;
  color?: boolean;
  width?: number;
  compact?: boolean;
  stopAfter?: PipelineStage;
}

export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description('trace a suspect article to its source and show what the rewrite changed')
    .argument('<suspect>', 'an .html/.htm or .txt file, or "-" for stdin (kind sniffed when the extension does not say)')
    .option('--db <path>', 'the index to search (built by `unspun index`)', DEFAULT_DB)
    .option('--json', 'print the report as JSON (docs/report.schema.json) instead of text')
    .option('--html <out.html>', 'also write a self-contained side-by-side HTML page')
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colour (also when NO_COLOR is set or output is not a terminal)')
    .option('--width <columns>', 'wrap the text report at this width', (v) => parsePositive(v, '--width'))
    .option('--compact', 'fold faithfully reused sentences into a count')
    .addOption(new Option('--stop-after <stage>', 'stop after a pipeline stage').choices(['extract', 'retrieve', 'align', 'classify']))
    .action(async (suspect: string, flags: TraceFlags) => {
      await runTrace(suspect, flags);
    });
}

async function runTrace(path: string, flags: TraceFlags): Promise<void> {
  const input = await readSuspect(path);
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
    if (!store) process.stderr.write(`unspun: no index at ${flags.db}, so no corpus was searched; build one with \`unspun index <files>\`\n`);
  } finally {
    await store?.close();
  }
}

function parsePositive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UnspunError('USAGE', flag, `expected a positive whole number, got "${value}"`);
  return n;
}

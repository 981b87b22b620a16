/**
 * @module adapters/cli/compare-command
 * `unspun compare <files or folders...>`: reads every copy (folders give their .html/.txt/.md
 * files, sorted), extracts each, clusters them into stories and shows where each copy departs
 * from the others (terminal, `--json` per docs/compare.schema.json, and/or `--html out.html`).
 * Every bad input fails the run with one line naming it, before any work is done.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UnspunError } from '../../core/errors.ts';
import type { CompareInput } from '../../core/compare/types.ts';
import { packageVersion, terminalWidth, wantColor, writeOut } from './common.ts';
import { expandInputs, readSuspect } from './read-input.ts';

interface CompareFlags {
  json?: boolean;
  html?: string;
  color?: boolean;
  width?: number;
  threshold?: number;
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('cluster copies of the same story and show where each copy departs from the others (no original needed)')
    .argument('<inputs...>', 'article files (.html/.htm/.txt) or folders of them')
    .option('--json', 'print the comparison as JSON (docs/compare.schema.json) instead of text')
    .option('--html <out.html>', 'also write a self-contained HTML page')
    .option('--threshold <0..1>', 'story similarity at which two copies are one story', (v) => parseShare(v, '--threshold'))
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colour (also when NO_COLOR is set or output is not a terminal)')
    .option('--width <columns>', 'wrap the text report at this width', (v) => parsePositive(v, '--width'))
    .action(async (inputs: string[], flags: CompareFlags) => {
      await runCompare(inputs, flags);
    });
}

async function runCompare(paths: string[], flags: CompareFlags): Promise<void> {
  const files = expandInputs(paths);
  if (files.length < 2) throw new UnspunError('USAGE', files[0] ?? null, 'give at least two copies to compare');
  const raws = [];
  for (const f of files) raws.push(await readSuspect(f));
  // Loaded only now, so a bad input or `--help` answers without loading the NLP models.
  const [{ extractArticle }, { compareCopies }, { renderCompareTerminal }, { renderCompareHtml }] = await Promise.all([
    import('../../core/extract/index.ts'),
    import('../../core/compare/index.ts'),
    import('../../core/compare/render-terminal.ts'),
    import('../../core/compare/render-html.ts'),
  ]);
  const inputs: CompareInput[] = raws.map((raw) => {
    const article = extractArticle(raw);
    if (article.text.trim().length === 0) throw new UnspunError('NO_ARTICLE', raw.name);
    return { name: raw.name, article };
  });
  const report = compareCopies(inputs, { generatorVersion: packageVersion(), clusterThreshold: flags.threshold });
  if (flags.html) {
    try {
      writeFileSync(flags.html, renderCompareHtml(report));
    } catch (err) {
      throw new UnspunError('INPUT_UNREADABLE', flags.html, `cannot write the page: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
    process.stderr.write(`unspun: wrote ${flags.html}\n`);
  }
  if (flags.json) await writeOut(JSON.stringify(report, null, 2) + '\n');
  else await writeOut(renderCompareTerminal(report, { color: wantColor(flags.color), width: terminalWidth(flags.width) }));
}

function parsePositive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UnspunError('USAGE', flag, `expected a positive whole number, got "${value}"`);
  return n;
}

function parseShare(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new UnspunError('USAGE', flag, `expected a number above 0 and at most 1, got "${value}"`);
  return n;
}

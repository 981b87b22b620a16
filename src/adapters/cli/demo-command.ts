/**
 * @module adapters/cli/demo-command
 * `unspun demo`: indexes the project's own demo corpus (examples/corpus/*.jsonl, invented
 * wire stories) into a demo index, rebuilt when the corpus changes, then traces every demo
 * suspect in examples/suspects/ and prints a compact report for each. Needs nothing outside
 * the repository, so it works on a fresh clone.
 */
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { packageVersion, terminalWidth, wantColor, writeOut } from './common.ts';
import { DEFAULT_DEMO_DB, EXAMPLES_DIR, demoCorpusFiles, demoSuspectFiles, openDemoIndex } from './demo-index.ts';
import { readSuspect } from './read-input.ts';

interface DemoFlags {
  db: string;
  color?: boolean;
  width?: number;
  full?: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('index the bundled demo corpus (examples/) and trace each demo suspect')
    .option('--db <path>', 'where to keep the demo index (rebuilt when examples/corpus changes)', DEFAULT_DEMO_DB)
    .option('--full', 'print full reports instead of compact ones')
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colour')
    .option('--width <columns>', 'wrap at this width', (v) => Number(v))
    .action(async (flags: DemoFlags) => {
      await runDemo(flags);
    });
}

async function runDemo(flags: DemoFlags): Promise<void> {
  const [{ traceArticle }, { renderTerminal }] = await Promise.all([
    import('../../core/pipeline.ts'),
    import('../../core/report/render-terminal.ts'),
  ]);
  const files = demoCorpusFiles();
  const suspects = demoSuspectFiles();
  const { store, rebuilt, size } = await openDemoIndex(flags.db, files);
  const color = wantColor(flags.color);
  const width = terminalWidth(flags.width);
  const rel = (p: string): string => relative(process.cwd(), p) || p;
  try {
    await writeOut(
      `unspun demo: ${rebuilt ? 'indexed' : 'using the index of'} ${size} invented wire stories from ${rel(join(EXAMPLES_DIR, 'corpus'))} (${flags.db}); ` +
        `tracing ${suspects.length} suspects from ${rel(join(EXAMPLES_DIR, 'suspects'))}.\n`,
    );
    for (const file of suspects) {
      const input = await readSuspect(file);
      input.name = rel(file);
      const report = await traceArticle(input, store, { generatorVersion: packageVersion() });
      const bar = '═'.repeat(Math.max(10, Math.min(width, 100)));
      await writeOut(`\n${bar}\n${renderTerminal(report, { color, width, compact: !flags.full })}`);
    }
    const first = suspects[0] ? rel(suspects[0]) : 'examples/suspects/<file>';
    await writeOut(`\nNext: unspun trace ${first} --db ${flags.db} --html report.html   (a side-by-side page)\n`);
  } finally {
    await store.close();
  }
}

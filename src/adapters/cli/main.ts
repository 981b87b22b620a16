/**
 * @module adapters/cli/main
 * The `unspun` command line. Each command lives in its own module and registers itself here.
 * Faults print one line, `unspun: <file>: <problem>`, on stderr and exit with the catalog's
 * code (core/errors.ts); anything unexpected exits 70 with one line (the stack with --debug).
 */
import { Command, CommanderError } from 'commander';
import { ERROR_CATALOG, isUnspunError } from '../../core/errors.ts';
import { packageVersion } from './common.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerTraceCommand } from './trace-command.ts';

/** Commands whose modules load heavy dependencies at import time: loaded only when needed. */
const LAZY_COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  index: async () => (await import('./index-command.ts')).registerIndexCommand,
  serve: async () => (await import('./serve-command.ts')).registerServeCommand,
  compare: async () => (await import('./compare-command.ts')).registerCompareCommand,
  worker: async () => (await import('./worker-command.ts')).registerWorkerCommand,
  watch: async () => (await import('./watch-command.ts')).registerWatchCommand,
  sites: async () => (await import('./sites-command.ts')).registerSitesCommand,
};

export async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command();
  program
    .name('unspun')
    .description('Trace a rewritten news article back to its source and show, sentence by sentence, what the rewrite changed.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run `unspun --help` for usage)')
    .exitOverride();
  // The first word that is not an option names the command. `trace` and `demo` should not pay
  // for loading the indexer's parsers; help, unknown commands and the lazy ones load them all.
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const light = named === 'trace' || named === 'demo' || argv.slice(2).some((a) => a === '-V' || a === '--version');
  const lazy = Object.entries(LAZY_COMMANDS).filter(([name]) => !light || name === named);
  const registrations = await Promise.all(lazy.map(([, load]) => load()));
  for (const register of registrations) register(program);
  registerTraceCommand(program);
  registerDemoCommand(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    // A batch command that went on past a bad input has set the code it should end with.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err, argv.includes('--debug'));
  }
}

/** Prints one line for a fault and returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Help and version are not failures; commander has already printed the usage problem.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return ERROR_CATALOG.USAGE.exit;
  }
  if (isUnspunError(err)) {
    process.stderr.write(`unspun: ${err.message}\n`);
    if (debug && err.cause) process.stderr.write(`${(err.cause as Error).stack ?? String(err.cause)}\n`);
    return err.exitCode;
  }
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`unspun: internal error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return ERROR_CATALOG.INTERNAL.exit;
}

// bin/unspun.js imports this module to run the CLI; `npm run unspun` runs it through tsx.
process.exitCode = await main(process.argv);

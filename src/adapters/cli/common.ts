/**
 * @module adapters/cli/common
 * Small pieces every CLI command shares: the package version, the store opener, and how a
 * report is printed (colour and width decided from the terminal, never in the core).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Store } from '../../core/store.ts';
import { UnspunError } from '../../core/errors.ts';

/** The default index file, relative to the working directory. */
export const DEFAULT_DB = './unspun.db';

let cachedVersion: string | null = null;

/** unspun's version from package.json (read once). */
export function packageVersion(): string {
  if (cachedVersion === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}

/**
 * Opens an existing index read-only; null when the file does not exist (no corpus to search).
 * A postgres:// URL is always opened (a server that is down or has no store is an error).
 */
export async function openIndexIfPresent(location: string): Promise<Store | null> {
  if (!/^postgres(ql)?:\/\//i.test(location) && !existsSync(location)) return null;
  // Loaded here, not at import: a trace with no index never needs a database driver.
  const { openStore } = await import('../open-store.ts');
  return openStore(location, { readonly: true });
}

/** Throws INPUT_NOT_FOUND naming `path` when there is no index there (a `--db` the user typed). */
export function assertIndexExists(path: string): void {
  // A database URL (postgres://...) is checked when it is opened.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return;
  if (!existsSync(path)) {
    throw new UnspunError('INPUT_NOT_FOUND', path, 'no index there (build one with `unspun index <files> --db <path>`)');
  }
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** Terminal width, or 100 when output is not a terminal. */
export function terminalWidth(flag: number | undefined, stream: NodeJS.WriteStream = process.stdout): number {
  if (flag !== undefined && Number.isFinite(flag) && flag > 0) return flag;
  return stream.isTTY && stream.columns ? stream.columns : 100;
}

/** Writes to stdout and waits for it to drain, so piping into `head` or a file never truncates. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

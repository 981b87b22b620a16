/**
 * @module bench/lib/optional
 * Imports modules written by other parts of the project that may not exist yet. A missing
 * file or export becomes a value ("not available yet") so the runner prints a clear row
 * instead of crashing or inventing numbers; an error thrown while the module loads is a
 * real fault and is re-thrown.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './datasets.ts';

export type Optional<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Loads `relPath` (from the repository root) and checks that `names` are exported
 * functions. Returns the module, or why it is not available.
 */
export async function importOptional<T>(relPath: string, names: string[]): Promise<Optional<T>> {
  const abs = resolve(REPO_ROOT, relPath);
  if (!existsSync(abs)) return { ok: false, reason: `not available yet (${relPath} does not exist)` };
  const mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  const missing = names.filter((n) => typeof mod[n] !== 'function');
  if (missing.length) return { ok: false, reason: `not available yet (${relPath} does not export ${missing.join(', ')})` };
  return { ok: true, value: mod as T };
}

export function notAvailableRow(width: number, system: string, reason: string): (string | null)[] {
  const row: (string | null)[] = [system, reason];
  while (row.length < width) row.push(null);
  return row;
}

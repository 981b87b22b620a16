/**
 * @module adapters/cli/read-input
 * What the CLI's `trace` and `compare` read: the suspect (through the shared input layer,
 * adapters/input) and the article files of the folders they are given.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UnspunError } from '../../core/errors.ts';
import { ioError } from '../input/bytes.ts';

export { readSuspect, looksLikeHtml } from '../input/index.ts';

/** What a folder contributes: article files only (an answer key or README is not a copy). */
const ARTICLE_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.txt', '.text']);

/**
 * Files named directly, plus the article files of each folder (recursively, sorted, each real
 * folder once, so a link back to a parent folder is no loop). An entry that cannot be
 * examined (a link loop, a broken link) is kept: reading it reports the problem by name and
 * the other files still run.
 */
export function expandInputs(paths: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (!isDirectory(p)) {
      out.push(p);
      continue;
    }
    const found = listArticles(p, seen);
    if (found.length === 0) throw new UnspunError('INPUT_EMPTY', p, 'the folder holds no .html or .txt article files');
    out.push(...found);
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listArticles(dir: string, seen: Set<string>): string[] {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return [];
  }
  if (seen.has(real)) return [];
  seen.add(real);
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw ioError(err, dir);
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (isDirectory(path)) out.push(...listArticles(path, seen));
    else if (ARTICLE_EXTENSIONS.has(extname(name).toLowerCase())) out.push(path);
  }
  return out;
}

/**
 * @module core/nlp/precomputed
 * Word tables derived from WordNet and the lexicons that cost a one-off command more to derive
 * than to read (the loaded-wording candidates walk all of WordNet's lemmas). The build
 * (scripts/build-cli.mjs) derives them with the compiled modules and writes
 * dist/precomputed.json beside dist/wordnet.bin; the compiled modules read it on first use.
 * Run from the sources (tsx: tests, benchmarks, development), nothing is read and every table
 * is derived live, so an edited lexicon or rule is never masked by an older build; the
 * compiled CLI only runs when its build is newer than every source (bin/unspun.js).
 *
 * Like wordnet.ts, this module reads a file the program ships (no user data) and writes none.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the build writes the tables (dist/precomputed.json, from dist/core/nlp). */
export const PRECOMPUTED_FILE = fileURLToPath(new URL('../../precomputed.json', import.meta.url));

// The compiled module sits at dist/core/nlp/precomputed.js; from src it is a .ts file.
const COMPILED = import.meta.url.endsWith('/dist/core/nlp/precomputed.js');

let tables: Record<string, unknown> | null | undefined;

/** The stored table of this name when running compiled, else undefined (derive it live). */
export function precomputedTable(name: string): unknown {
  if (!COMPILED) return undefined;
  if (tables === undefined) {
    try {
      tables = JSON.parse(readFileSync(PRECOMPUTED_FILE, 'utf8')) as Record<string, unknown>;
    } catch {
      tables = null;
    }
  }
  return tables?.[name];
}

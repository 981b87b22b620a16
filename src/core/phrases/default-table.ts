/**
 * @module core/phrases/default-table
 * The default phrase table shipped in the repository (data/phrase-table.bin, built by
 * scripts/build-phrase-table.ts from real news): what the phrase model counts with when no
 * index is searched.
 *
 * Like core/nlp/wordnet.ts, this module reads a file: the table belongs to the program (no
 * network, no user data), is read once on first use (one read of a few MB, typed-array views,
 * no parsing) and never written. Everything else in `core` stays pure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UnspunError } from '../errors.ts';
import { decodePhraseTable, type PhraseTable } from './table.ts';

const TABLE_URL = new URL('../../../data/phrase-table.bin', import.meta.url);

let table: PhraseTable | null = null;

/** Phrases seen fewer times than this were pruned from the shipped table (see its build script). */
export const PHRASE_TABLE_MIN_COUNT = 3;

/** The shipped table, read on first call. */
export function defaultPhraseTable(): PhraseTable {
  if (table) return table;
  const path = fileURLToPath(TABLE_URL);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UnspunError('INTERNAL', path, 'the default phrase table is missing; rebuild it with `tsx scripts/build-phrase-table.ts`', { cause: err });
  }
  try {
    table = decodePhraseTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
  } catch (err) {
    throw new UnspunError('INTERNAL', path, (err as Error).message, { cause: err });
  }
  return table;
}

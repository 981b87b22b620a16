/**
 * @module bench/lib/news-ranges
 * Which articles of the shared reference corpus (../shared/corpus) are held out of the default
 * phrase table (scripts/build-phrase-table.ts), and what each held-out range is for:
 *
 * - NEWS_TUNE: real, unspun news to set the single-article constants on (every spinner or
 *   loaded-wording flag there is a false alarm);
 * - NEWS_TEST: real, unspun news to report false alarms on, never tuned on.
 *
 * Ranges are 0-based line positions [from, to) in each gzip JSONL file. The table script skips
 * both, so no sentence the bench measures on was counted into the table it is judged with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UnspunError } from '../../src/core/errors.ts';
import { sharedRoot } from './datasets.ts';

export interface NewsRange {
  file: string;
  from: number;
  to: number;
}

const FILES = ['bbc-news-2004-2005.jsonl.gz', 'guardian-capi-2022.jsonl.gz', 'allsides-article-bias-2012-2020.jsonl.gz', 'cnn-lite-2026.jsonl.gz'];

export const NEWS_TUNE: readonly NewsRange[] = FILES.map((file) => ({ file, from: 400, to: 600 }));
// Articles 1001-1150 of BBC and the Guardian were already the spinner's held-out range before the table existed.
export const NEWS_TEST: readonly NewsRange[] = FILES.map((file) => ({ file, from: 1000, to: 1150 }));

/** Corpus articles that are also content-farm originals (their copies are scored against them). */
export const CONTENT_FARM_TWINS: readonly string[] = [
  'guardian-world/2022/aug/17/japan-government-launches-competition-to-get-people-drinking-alcohol-drinks-tax-revenue',
  'guardian-world/2022/aug/02/wearable-fans-help-japans-hot-dogs-beat-the-heat',
  'iuZlwFzgKieRjOGe',
  'f6vM8PRx2lc8yVbk',
];

/** Whether line `i` of corpus file `file` lies in a held-out range. */
export function isHeldOut(file: string, i: number): boolean {
  return [...NEWS_TUNE, ...NEWS_TEST].some((r) => r.file === file && i >= r.from && i < r.to);
}

/** The texts of one held-out range. */
export function readNewsRange(range: NewsRange): string[] {
  const path = join(sharedRoot(), 'corpus', range.file);
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    throw new UnspunError('DATASET_MISSING', path, 'not found (real-news false-alarm rates read ../shared/corpus)');
  }
  const lines = gunzipSync(raw).toString('utf8').split('\n');
  if (lines.length < range.to) throw new UnspunError('DATASET_MALFORMED', path, `expected at least ${range.to} articles`);
  return lines.slice(range.from, range.to).map((l, k) => {
    try {
      return String((JSON.parse(l) as { text?: unknown }).text ?? '');
    } catch {
      throw new UnspunError('DATASET_MALFORMED', `${path}:${range.from + k + 1}`, 'is not JSON');
    }
  });
}

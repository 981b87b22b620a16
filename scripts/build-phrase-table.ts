/**
 * @module scripts/build-phrase-table
 * Builds the default phrase table (data/phrase-table.bin) that the single-article checks use
 * when no index is searched: hashed word n-grams of real news (../shared/corpus) and how often
 * each occurs. Only hashes and counts are written, no text.
 *
 *   tsx scripts/build-phrase-table.ts [--out data/phrase-table.bin] [--stats]
 *
 * Left out of the count, so the bench's measurements are not made on counted text: the held-out
 * ranges of bench/lib/news-ranges.ts (tuning and test), and the corpus articles that are also
 * content-farm originals. Counting uses an open-addressing table of typed arrays; when it fills
 * up, n-grams seen once are dropped (lossy counting, Manku and Motwani 2002), so a kept count
 * may be a little low. Then the table keeps unigrams seen at least MIN_UNIGRAM times, bigrams
 * MIN_BIGRAM times and trigrams MIN_TRIGRAM times.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { CONTENT_FARM_TWINS, isHeldOut } from '../bench/lib/news-ranges.ts';
import { REPO_ROOT, sharedRoot } from '../bench/lib/datasets.ts';
import { phraseHashes, phraseWords } from '../src/core/phrases/ngrams.ts';
import { decodePhraseTable, encodePhraseTable } from '../src/core/phrases/table.ts';

const FILES = [
  'allsides-article-bias-2012-2020.jsonl.gz',
  'guardian-capi-2022.jsonl.gz',
  'cnn-lite-2026.jsonl.gz',
  'bbc-news-2004-2005.jsonl.gz',
  'reuters-21578-1987.jsonl.gz',
  'fakehealth-health-news-2009-2018.jsonl.gz',
];

/**
 * Kept in the table from these counts up (see --stats): ~100k words and ~1.1M word pairs, 5 MB.
 * Trigrams are counted (for --stats) but not shipped: the single-article checks do not ask for
 * them, and they would double the file. An index keeps them (core/store.ts PhraseStats).
 */
const MIN_UNIGRAM = 3;
const MIN_BIGRAM = 3;
const MIN_TRIGRAM = Infinity;

const CAPACITY_BITS = 25;
const CAPACITY = 1 << CAPACITY_BITS;
const MAX_LOAD = Math.floor(CAPACITY * 0.72);

const keyA = new Uint32Array(CAPACITY);
const keyB = new Uint32Array(CAPACITY);
const counts = new Uint32Array(CAPACITY);
const order = new Uint8Array(CAPACITY); // n-gram length (1-3); 0 = empty slot
let used = 0;
let prunes = 0;

function add(phrase: string, n: number): void {
  const [a, b] = phraseHashes(phrase);
  let i = (a ^ Math.imul(b, 0x9e3779b1)) >>> (32 - CAPACITY_BITS);
  for (;;) {
    if (order[i] === 0) {
      keyA[i] = a;
      keyB[i] = b;
      counts[i] = 1;
      order[i] = n;
      if (++used > MAX_LOAD) prune();
      return;
    }
    if (keyA[i] === a && keyB[i] === b) {
      counts[i]++;
      return;
    }
    i = (i + 1) & (CAPACITY - 1);
  }
}

/** Drops every n-gram seen once and re-inserts the rest (lossy counting). */
function prune(): void {
  prunes++;
  const kept: [number, number, number, number][] = [];
  for (let i = 0; i < CAPACITY; i++) if (order[i] !== 0 && counts[i] > 1) kept.push([keyA[i], keyB[i], counts[i], order[i]]);
  order.fill(0);
  used = 0;
  for (const [a, b, c, n] of kept) {
    let i = (a ^ Math.imul(b, 0x9e3779b1)) >>> (32 - CAPACITY_BITS);
    while (order[i] !== 0) i = (i + 1) & (CAPACITY - 1);
    keyA[i] = a;
    keyB[i] = b;
    counts[i] = c;
    order[i] = n;
    used++;
  }
  process.stderr.write(`  pruned singletons: ${kept.length.toLocaleString('en-US')} n-grams kept\n`);
  if (used > MAX_LOAD * 0.9) throw new Error('phrase table: still full after pruning; raise CAPACITY_BITS');
}

async function countFile(file: string, twins: Set<string>): Promise<{ articles: number; words: number }> {
  const path = join(sharedRoot(), 'corpus', file);
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let i = -1;
  let articles = 0;
  let words = 0;
  for await (const line of lines) {
    i++;
    if (!line.trim() || isHeldOut(file, i)) continue;
    const r = JSON.parse(line) as { id?: unknown; title?: unknown; text?: unknown };
    if (twins.has(String(r.id)) || twins.has(String(r.id).replace(/^guardian-/, ''))) continue;
    const ws = phraseWords(String(r.text ?? ''));
    for (let k = 0; k < ws.length; k++) {
      add(ws[k].norm, 1);
      const b = ws[k + 1];
      if (!b || b.run !== ws[k].run) continue;
      add(`${ws[k].norm} ${b.norm}`, 2);
      const c = ws[k + 2];
      if (c && c.run === ws[k].run) add(`${ws[k].norm} ${b.norm} ${c.norm}`, 3);
    }
    words += ws.length;
    articles++;
  }
  return { articles, words };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = resolve(argValue('--out') ?? join(REPO_ROOT, 'data', 'phrase-table.bin'));
const twins = new Set(CONTENT_FARM_TWINS);
let articles = 0;
let words = 0;
const t0 = Date.now();
for (const file of FILES) {
  const r = await countFile(file, twins);
  articles += r.articles;
  words += r.words;
  process.stderr.write(`${file}: ${r.articles.toLocaleString('en-US')} articles, ${r.words.toLocaleString('en-US')} words (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}

const MIN = [0, MIN_UNIGRAM, MIN_BIGRAM, MIN_TRIGRAM];
if (process.argv.includes('--stats')) {
  for (const n of [1, 2, 3]) {
    const hist = [2, 3, 4, 5, 8, 10, 20].map((m) => {
      let k = 0;
      for (let i = 0; i < CAPACITY; i++) if (order[i] === n && counts[i] >= m) k++;
      return `>=${m}: ${k.toLocaleString('en-US')}`;
    });
    process.stderr.write(`${n}-grams ${hist.join(', ')}\n`);
  }
}
let kept = 0;
for (let i = 0; i < CAPACITY; i++) if (order[i] !== 0 && counts[i] >= MIN[order[i]]) kept++;
const h1 = new Uint32Array(kept);
const h2 = new Uint32Array(kept);
const cs = new Uint32Array(kept);
let j = 0;
for (let i = 0; i < CAPACITY; i++) {
  if (order[i] === 0 || counts[i] < MIN[order[i]]) continue;
  h1[j] = keyA[i];
  h2[j] = keyB[i];
  cs[j] = counts[i];
  j++;
}
const bytes = encodePhraseTable({ h1, h2, count: cs, length: kept }, { articles, words, minCount: Math.min(MIN_UNIGRAM, MIN_BIGRAM) });
const check = decodePhraseTable(bytes);
if (check.entries !== kept) throw new Error('phrase table: entries do not read back');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
process.stderr.write(
  `wrote ${out}: ${kept.toLocaleString('en-US')} n-grams from ${articles.toLocaleString('en-US')} articles ` +
    `(${words.toLocaleString('en-US')} words), ${(bytes.length / 1e6).toFixed(1)} MB, ${prunes} prunes, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
);

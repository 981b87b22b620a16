/**
 * The extraction benchmark's scorer and runner. The scorer is checked against the published
 * numbers in the dataset's README (real data: skipped when ../shared is absent, except in CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchTokens, pageCounts, scorePages, runExtractionBench, DEFAULT_DATASET_DIR } from '../bench/extraction.ts';
import { UnspunError } from '../src/core/errors.ts';

const present = existsSync(join(DEFAULT_DATASET_DIR, 'ground-truth.json'));
if (!present && process.env.CI) throw new Error(`CI: extraction benchmark missing at ${DEFAULT_DATASET_DIR}`);
const skip = present ? false : `extraction benchmark not found at ${DEFAULT_DATASET_DIR} (../shared is absent)`;

test('tokens are Unicode \\w runs, as in Python', () => {
  assert.deepEqual(benchTokens('Ça va? 3.5% of naïve_users — 東京'), ['Ça', 'va', '3', '5', 'of', 'naïve_users', '東京']);
});

test('page counts: multiset shingles normalised to sum to 1', () => {
  assert.deepEqual(pageCounts('a b c d e', 'a b c d e'), [1, 0, 0]);
  // Truth has shingles abcd, bcde; prediction abcd, bcdx: one TP, one FP, one FN.
  const [tp, fp, fn] = pageCounts('a b c d e', 'a b c d x');
  assert.ok(Math.abs(tp - 1 / 3) < 1e-12 && Math.abs(fp - 1 / 3) < 1e-12 && Math.abs(fn - 1 / 3) < 1e-12);
  // Repeats count: predicting a paragraph twice is a false positive.
  const [, fp2] = pageCounts('w x y z', 'w x y z w x y z');
  assert.ok(fp2 > 0.5);
  assert.deepEqual(pageCounts('', ''), [0, 0, 0]);
});

test('scorePages: precision skips pages with nothing predicted; F1 from the means', () => {
  const truth = { a: 'one two three four five', b: 'six seven eight nine ten' };
  const r = scorePages(['a', 'b'], truth, { a: 'one two three four five', b: '' });
  assert.equal(r.precision, 1); // page b has TP+FP = 0 and is skipped
  assert.equal(r.recall, 0.5);
  assert.ok(Math.abs(r.f1 - 2 / 3) < 1e-12);
  assert.equal(r.accuracy, 0.5);
});

test('a missing or malformed dataset folder is a clear error', async () => {
  await assert.rejects(runExtractionBench({ dir: join(tmpdir(), 'no-such-benchmark-dir') }), (e: unknown) => e instanceof UnspunError && e.code === 'DATASET_MISSING');
  const dir = mkdtempSync(join(tmpdir(), 'unspun-bench-'));
  try {
    await assert.rejects(runExtractionBench({ dir }), (e: unknown) => e instanceof UnspunError && e.code === 'DATASET_MALFORMED' && /ground-truth/.test(e.message));
    writeFileSync(join(dir, 'ground-truth.json'), '{"p1": {"articleBody": "x"}}');
    mkdirSync(join(dir, 'html'));
    await assert.rejects(runExtractionBench({ dir }), (e: unknown) => e instanceof UnspunError && e.code === 'DATASET_MALFORMED' && /p1\.html\.gz/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Real data, about two seconds: published rows must reproduce the README's numbers exactly
// (this pins the scorer), and unspun runs end to end on a few pages.
test('real data: published scores match the README; runner shape', { skip }, async () => {
  const r = await runExtractionBench({ limit: 6 });
  assert.equal(r.pages, 6);
  assert.deepEqual(r.rows.slice(0, 2).map((x) => x.system), ['unspun', 'readability.js+linkedom (live)']);
  for (const row of r.rows) {
    for (const k of ['precision', 'recall', 'f1', 'accuracy'] as const) assert.ok(row[k] >= 0 && row[k] <= 1, `${row.system} ${k}`);
  }
  assert.ok(r.rows[0].f1 > 0.8, `unspun F1 ${r.rows[0].f1} on 6 pages`);
  assert.equal(typeof r.rows[0].msPerPage, 'number');
  assert.ok(r.rows.some((x) => x.system.startsWith('AutoExtract') && x.msPerPage === null));
});

test('real data: full published outputs reproduce the README table', { skip }, async () => {
  const { readFileSync } = await import('node:fs');
  const truthRaw = JSON.parse(readFileSync(join(DEFAULT_DATASET_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const truth = Object.fromEntries(Object.entries(truthRaw).map(([k, v]) => [k, v.articleBody]));
  const ids = Object.keys(truth);
  const published = (file: string): Record<string, string> => {
    const data = JSON.parse(readFileSync(join(DEFAULT_DATASET_DIR, 'published-output', file), 'utf8'));
    const pages = (data.output ?? data) as Record<string, { articleBody?: string }>;
    return Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v.articleBody ?? '']));
  };
  // README: Readability.js 0.6.0 F1 0.947, P 0.914, R 0.982; AutoExtract 0.970 / 0.984 / 0.956.
  const rd = scorePages(ids, truth, published('readability_js.json'));
  assert.deepEqual([rd.f1, rd.precision, rd.recall].map((x) => x.toFixed(3)), ['0.947', '0.914', '0.982']);
  const ae = scorePages(ids, truth, published('AutoExtract.json'));
  assert.deepEqual([ae.f1, ae.precision, ae.recall].map((x) => x.toFixed(3)), ['0.970', '0.984', '0.956']);
});

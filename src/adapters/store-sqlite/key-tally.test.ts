import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyTally } from './key-tally.ts';

// A small deterministic generator, so a failure can be replayed.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('KeyTally sums like a Map over 53-bit keys, through several growths, and visits keys in ascending order', () => {
  const rand = lcg(7);
  // Few distinct keys against many additions, including repeats, negatives, zero sums and keys past 2^52.
  const pool = Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? -Math.floor(rand() * 2 ** 40) : Math.floor(rand() * 2 ** 53)));
  pool.push(0, 2 ** 53 - 1, 2 ** 32, 2 ** 32 + 1);
  const tally = new KeyTally(4);
  const expected = new Map<number, number>();
  for (let i = 0; i < 60_000; i++) {
    const k = pool[Math.floor(rand() * pool.length)];
    const n = Math.floor(rand() * 7) - 2;
    tally.add(k, n);
    expected.set(k, (expected.get(k) ?? 0) + n);
  }
  assert.equal(tally.size, expected.size);
  const seen: [number, number][] = [];
  tally.forEachSorted((k, sum) => seen.push([k, sum]));
  assert.deepEqual(seen, [...expected].sort((a, b) => a[0] - b[0]));
});

test('KeyTally keeps each key\'s postings, sorted by day then article, across growth', () => {
  const tally = new KeyTally(2);
  tally.add(2 ** 50 + 3, 1);
  for (let a = 40; a > 0; a--) tally.post(2 ** 50 + 3, a % 3, a);
  tally.post(9, 100, 1);
  const out = new Map<number, { sum: number; postings: [number, number][] }>();
  tally.forEachSorted((k, sum, postings) => out.set(k, { sum, postings }));
  assert.deepEqual([...out.keys()], [9, 2 ** 50 + 3]);
  assert.deepEqual(out.get(9), { sum: 0, postings: [[100, 1]] });
  const big = out.get(2 ** 50 + 3)!;
  assert.equal(big.sum, 1);
  assert.equal(big.postings.length, 40);
  const want = Array.from({ length: 40 }, (_, i) => [(i + 1) % 3, i + 1] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  assert.deepEqual(big.postings, want);
});

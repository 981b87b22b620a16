import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reciprocalRankFusion } from './fuse.ts';

test('an id high in both lists beats one that tops only one', () => {
  const fused = reciprocalRankFusion(
    [
      { ids: ['a', 'b', 'c'], weight: 1 },
      { ids: ['b', 'd'], weight: 1 },
    ],
    20,
  );
  assert.deepEqual(fused.map((f) => f.id), ['b', 'a', 'd', 'c']);
  assert.deepEqual(fused[0].ranks, [2, 1]);
  assert.deepEqual(fused[1].ranks, [1, null]);
});

test('list weights shift the order', () => {
  const fused = reciprocalRankFusion(
    [
      { ids: ['a'], weight: 1 },
      { ids: ['b'], weight: 2 },
    ],
    20,
  );
  assert.deepEqual(fused.map((f) => f.id), ['b', 'a']);
});

test('duplicates within one list count once; empty input gives nothing', () => {
  const fused = reciprocalRankFusion([{ ids: ['a', 'a', 'b'], weight: 1 }], 10);
  assert.equal(fused[0].score, 1 / 11);
  assert.deepEqual(reciprocalRankFusion([], 10), []);
});

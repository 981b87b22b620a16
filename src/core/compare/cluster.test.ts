import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArticle } from '../text/sentences.ts';
import { copyFeatures, coverage, pickPivot, singleLinkClusters, storySimilarity } from './cluster.ts';

const flood = 'The Varden River rose two metres overnight and flooded forty homes in Callerby. Crews evacuated the primary school on Tuesday morning.';
const floodCopy = 'Forty homes in Callerby were flooded when the Varden River rose two metres overnight. The primary school was evacuated by crews on Tuesday morning.';
const football = 'Aldport United won the cup final 3-1 after extra time. Their captain lifted the trophy in front of 40,000 fans.';

test('a copy covers its story; an unrelated article covers nothing', () => {
  const a = copyFeatures(splitArticle(flood));
  const b = copyFeatures(splitArticle(floodCopy));
  const c = copyFeatures(splitArticle(football));
  assert.equal(coverage(a, b), 1);
  assert.equal(storySimilarity(a, c), 0);
});

test('an excerpt joins the full copy: similarity is the larger coverage', () => {
  const full = copyFeatures(splitArticle(`${flood}\n\n${football}`));
  const excerpt = copyFeatures(splitArticle(flood));
  assert.ok(coverage(full, excerpt) < 0.8, 'the excerpt covers only part of the full copy');
  assert.equal(storySimilarity(full, excerpt), 1);
});

test('single link chains through a shared neighbour and keeps a stranger apart', () => {
  const sim = [
    [1, 0.9, 0.1, 0],
    [0.9, 1, 0.5, 0],
    [0.1, 0.5, 1, 0],
    [0, 0, 0, 1],
  ];
  assert.deepEqual(singleLinkClusters(sim, 0.3), [[0, 1, 2], [3]]);
  assert.deepEqual(singleLinkClusters(sim, 0.6), [[0, 1], [2], [3]]);
});

test('the pivot is the copy most similar to all others; ties go to the longer copy', () => {
  const sim = [
    [1, 0.9, 0.1],
    [0.9, 1, 0.5],
    [0.1, 0.5, 1],
  ];
  assert.equal(pickPivot([0, 1, 2], sim, [10, 10, 10]), 1);
  assert.equal(pickPivot([0, 1], sim, [10, 20]), 1);
  assert.equal(pickPivot([0, 1], sim, [30, 20]), 0);
});

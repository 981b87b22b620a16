import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSource, rewriteConsistency } from './consistency.ts';
import { lcsLength, pairEquivalence } from './equivalence.ts';

// An invented wire story.
const SOURCE = [
  'Flooding forced 3,200 residents of Marlow Bay to leave their homes on Tuesday.',
  'The river rose two metres overnight after a week of heavy rain.',
  'Mayor Ellen Dray said the town hall would open as a shelter.',
  'Emergency crews rescued 14 people from rooftops.',
].join(' ');

const FAITHFUL = 'Floods drove 3,200 Marlow Bay residents from their homes on Tuesday. Emergency crews rescued 14 people from rooftops.';
const ALTERED = 'Floods drove 5,000 Marlow Bay residents from their homes on Tuesday. Governor Tom Reeve blamed the dam operator.';

test('rewriteConsistency: a faithful rewrite scores higher than one with new figures, names and claims', () => {
  const good = rewriteConsistency(SOURCE, FAITHFUL);
  const bad = rewriteConsistency(SOURCE, ALTERED);
  assert.ok(good.score > bad.score, `${good.score} vs ${bad.score}`);
  assert.ok(good.score > 0.5 && bad.score < 0.5, `${good.score} / ${bad.score}`);
  assert.deepEqual(good.unsupportedNumbers, []);
  assert.deepEqual(good.unsupportedNames, []);
  assert.deepEqual(bad.unsupportedNumbers, ['5,000']);
  assert.ok(bad.unsupportedNames.some((n) => n.includes('Tom Reeve')), bad.unsupportedNames.join(', '));
});

test('rewriteConsistency: per-sentence support points at the supporting source sentence, with offsets', () => {
  const r = rewriteConsistency(SOURCE, FAITHFUL);
  assert.equal(r.sentences.length, 2);
  assert.deepEqual(r.sentences[0].sourceSentences, [0]);
  assert.deepEqual(r.sentences[1].sourceSentences, [3]);
  assert.equal(r.sentences[1].support, 1);
  for (const s of r.sentences) assert.equal(FAITHFUL.slice(s.start, s.end), s.text);
  const bad = rewriteConsistency(SOURCE, ALTERED);
  assert.ok(bad.sentences[1].support < 0.3, String(bad.sentences[1].support));
  assert.equal(bad.features.minSupport, bad.sentences[1].support);
});

test('rewriteConsistency: negation flip lowers the score; a reused source analysis gives the same answer', () => {
  const src = analyseSource(SOURCE);
  const flipped = rewriteConsistency(src, 'Emergency crews did not rescue 14 people from rooftops.');
  const kept = rewriteConsistency(src, 'Emergency crews rescued 14 people from rooftops.');
  assert.equal(flipped.features.negationMismatch, 1);
  assert.ok(flipped.score < kept.score);
  assert.deepEqual(rewriteConsistency(SOURCE, 'Emergency crews rescued 14 people from rooftops.'), kept);
});

test('rewriteConsistency: lower-cased rewrites still surface unknown names', () => {
  const r = rewriteConsistency(SOURCE, 'mayor ellen dray and councillor bryn okafor said the town hall would open as a shelter.');
  assert.ok(r.unsupportedNames.includes('okafor'), r.unsupportedNames.join(', '));
  assert.ok(!r.unsupportedNames.includes('dray'));
});

test('rewriteConsistency: empty inputs do not crash', () => {
  assert.equal(rewriteConsistency(SOURCE, '').score, 1);
  assert.equal(rewriteConsistency('', FAITHFUL).score, 0);
  const odd = rewriteConsistency(SOURCE, '🙂 &amp; FLOODING FORCED 3,200 RESIDENTS OF MARLOW BAY TO LEAVE');
  assert.ok(odd.score >= 0 && odd.score <= 1);
});

test('lcsLength counts the longest common subsequence', () => {
  assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd']), 3);
  assert.equal(lcsLength([], ['a']), 0);
});

test('pairEquivalence: swapped arguments score below a paraphrase that keeps the order', () => {
  const a = 'The flight from Paris to Rome was delayed by storms.';
  const swapped = 'The flight from Rome to Paris was delayed by storms.';
  const para = 'The flight from Paris to Rome was delayed by heavy storms.';
  const sw = pairEquivalence(a, swapped);
  assert.ok(sw.similarity > 0.99, 'same bag of words');
  assert.ok(sw.score < sw.similarity);
  assert.ok(pairEquivalence(a, para).score > sw.score);
  assert.equal(pairEquivalence(a, a).score, 1);
});

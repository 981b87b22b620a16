import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePhraseCounts, phraseHashes, phraseKey, phraseNgrams, splitPhraseKey } from './ngrams.ts';
import { decodeCount, decodePhraseTable, encodeCount, encodePhraseTable } from './table.ts';
import { defaultPhraseTable } from './default-table.ts';

test('n-grams stop at punctuation and numbers, join across hyphens, and fold case', () => {
  const grams = [...phraseNgrams('The fire-fighters arrived. About 40 Crews stayed')];
  assert.ok(grams.includes('fire fighters') && grams.includes('the fire fighters'));
  assert.ok(!grams.includes('arrived about'), 'no n-gram across a sentence break');
  assert.ok(!grams.some((g) => /about crews/.test(g)), 'no n-gram across a number');
  assert.ok(grams.includes('crews stayed'));
});

test('phrase keys are 53-bit, stable, and split back into their hashes', () => {
  const k = phraseKey('fire fighters');
  assert.ok(Number.isSafeInteger(k) && k > 2 ** 32);
  const [h1] = splitPhraseKey(k);
  assert.equal(h1, phraseHashes('fire fighters')[0]);
  assert.deepEqual(articlePhraseCounts('fire fire').find(([key]) => key === phraseKey('fire')), [phraseKey('fire'), 2]);
});

test('a table round-trips its counts and reads unseen phrases as 0', () => {
  const phrases = ['fire fighters', 'press conference', 'chief executive', 'the'];
  const counts = [40, 1200, 63, 90_000];
  const h = phrases.map(phraseHashes);
  const bytes = encodePhraseTable(
    { h1: Uint32Array.from(h.map((x) => x[0])), h2: Uint32Array.from(h.map((x) => x[1])), count: Uint32Array.from(counts), length: 4 },
    { articles: 7, words: 123_000, minCount: 3 },
  );
  const t = decodePhraseTable(bytes);
  assert.equal(t.entries, 4);
  assert.equal(t.articles, 7);
  assert.equal(t.count('fire fighters'), 40);
  assert.equal(t.count('chief executive'), 63);
  assert.ok(Math.abs(t.count('press conference') - 1200) / 1200 < 0.05);
  assert.ok(Math.abs(t.count('the') - 90_000) / 90_000 < 0.05);
  assert.equal(t.count('hearth fighters'), 0);
  for (const n of [0, 5, 63, 64, 100, 5000]) assert.ok(Math.abs(decodeCount(encodeCount(n)) - n) <= n * 0.04 + 0.5);
  assert.throws(() => decodePhraseTable(bytes.subarray(0, bytes.length - 4)), /truncated/);
  assert.throws(() => decodePhraseTable(new Uint8Array(300_000)), /not an unspun phrase table/);
});

test('the shipped table knows common news phrases and not spun ones', () => {
  const t = defaultPhraseTable();
  assert.ok(t.articles > 50_000 && t.entries > 1_000_000);
  assert.ok(t.count('press conference') > 1000);
  assert.ok(t.count('raw materials') > t.count('uncooked materials'));
  assert.equal(t.count('hearth fighters'), 0);
});

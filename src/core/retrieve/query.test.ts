import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQueryTerms, selectQueryTerms, idf, quotedRanges } from './query.ts';

const TEXT =
  'Officials in Khankendi said on Tuesday that 120,000 people had left. ' +
  'The governor, Samir Hajiyev, called it "a humanitarian catastrophe without precedent". ' +
  'Residents said the roads were crowded. Hajiyev said aid would arrive.';

test('query terms mark names, numbers and quoted words, one per normalised form', () => {
  const terms = extractQueryTerms(TEXT);
  const byNorm = new Map(terms.map((t) => [t.norm, t]));
  assert.equal(byNorm.get('khankendi')?.kind, 'name');
  assert.equal(byNorm.get('hajiyev')?.kind, 'name');
  assert.equal(byNorm.get('hajiyev')?.count, 2);
  assert.equal(byNorm.get('120000')?.kind, 'number');
  assert.equal(byNorm.get('120000')?.display, '120,000');
  assert.equal(byNorm.get('catastrophe')?.kind, 'quote');
  assert.equal(byNorm.get('roads')?.kind, 'word');
  // Sentence-initial capitals do not make a name; stop words never become terms.
  assert.equal(byNorm.get('residents')?.kind, 'word');
  assert.equal(byNorm.has('the'), false);
});

test('headline capitals are not names, and are shown as running text writes them', () => {
  const terms = extractQueryTerms('COMPOSER CHALLENGED OVER CONCERT. The composer left the Barbican.');
  assert.equal(terms.find((t) => t.norm === 'composer')?.kind, 'word');
  assert.equal(terms.find((t) => t.norm === 'composer')?.display, 'composer');
  assert.equal(terms.find((t) => t.norm === 'challenged')?.display, 'challenged');
  assert.equal(terms.find((t) => t.norm === 'barbican')?.display, 'Barbican');
});

test('quoted ranges cover straight, curly and PA-style quotes', () => {
  const text = 'He said "go now" and “stay here” and ``wait a bit\'\' today.';
  assert.equal(quotedRanges(text).length, 3);
});

test('selection prefers rare words and names, and drops unseen and too common words', () => {
  const terms = extractQueryTerms(TEXT);
  const df = new Map<string, number>([
    ['khankendi', 3],
    ['hajiyev', 2],
    ['120000', 40],
    ['catastrophe', 300],
    ['roads', 900],
    ['officials', 5000],
    ['people', 40000],
    ['tuesday', 6000],
  ]);
  const chosen = selectQueryTerms(terms, df, 65000, { limit: 4, maxDf: 2000, nameBoost: 1.5, numberBoost: 1.3, quoteBoost: 1.2 });
  assert.deepEqual(
    chosen.map((t) => t.norm),
    ['hajiyev', 'khankendi', '120000', 'catastrophe'],
  );
  const all = selectQueryTerms(terms, df, 65000, { limit: 100, maxDf: 2000, nameBoost: 1.5, numberBoost: 1.3, quoteBoost: 1.2 });
  assert.ok(!all.some((t) => t.norm === 'people'), 'a word in 60% of the corpus is not queried');
  assert.ok(!all.some((t) => t.norm === 'tuesday'), 'a word above the postings cap is not queried');
  assert.ok(all.every((t) => t.weight > 0), 'each chosen term carries its vote weight');
  assert.ok(!all.some((t) => t.norm === 'governor'), 'a word absent from the corpus cannot match');
});

test('idf falls as document frequency rises', () => {
  assert.ok(idf(1, 1000) > idf(10, 1000));
  assert.ok(idf(0, 1000) > idf(1, 1000));
});

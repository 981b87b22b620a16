import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseConfusables } from './confusables.ts';

test('look-alike letters in Latin words are read as Latin, in place', () => {
  const text = 'The mayor s\u0430id the ce\u0430sefire h\u0435ld.';
  const r = normaliseConfusables(text);
  assert.equal(r.text, 'The mayor said the ceasefire held.');
  assert.equal(r.text.length, text.length);
  assert.deepEqual(r.characters.map((c) => [c.codePoint, c.offset, c.readsAs]), [['U+0430', 11, 'a'], ['U+0430', 21, 'a'], ['U+0435', 30, 'e']]);
  for (const c of r.characters) assert.equal(text[c.offset], c.char);
});

test('a word made only of look-alikes in an English text is read as English; Cyrillic text is left alone', () => {
  assert.equal(normaliseConfusables('\u0420\u0435\u0430\u0441\u0435 talks resumed in the capital').text, 'Peace talks resumed in the capital');
  const russian = 'Владимир Путин встретился с министром';
  assert.equal(normaliseConfusables(russian).changed, false);
  assert.equal(normaliseConfusables('The envoy met Олег Петров on Monday.').changed, false);
});

test('invisible characters inside a word move to its end; offsets of the word map back', () => {
  const text = 'Shelling in Dres\u200Bwick stopped.';
  const r = normaliseConfusables(text);
  assert.equal(r.text.length, text.length);
  assert.ok(r.text.startsWith('Shelling in Dreswick\u200B stopped'));
  const start = r.text.indexOf('Dreswick');
  const end = start + 'Dreswick'.length;
  assert.equal(text.slice(start, r.originalEnd(end)), 'Dres\u200Bwick');
  assert.deepEqual(r.characters.map((c) => [c.codePoint, c.readsAs]), [['U+200B', '']]);
});

test('soft hyphens are undone but not reported; plain ASCII costs nothing', () => {
  const r = normaliseConfusables('through\u00ADout the week');
  assert.equal(r.characters.length, 0);
  assert.ok(r.text.startsWith('throughout'));
  const ascii = normaliseConfusables('Plain text only.');
  assert.equal(ascii.changed, false);
  assert.equal(ascii.text, 'Plain text only.');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates, findQuantities } from './numbers.ts';

test('figures normalise: words, separators, multipliers, money, percent', () => {
  const q = findQuantities('In under twenty-four hours about 1,000 soldiers, 2.5 million people, $3.5bn and 12 per cent.');
  assert.deepEqual(q.map((x) => [x.value, x.kind]), [[24, 'number'], [1000, 'number'], [2_500_000, 'number'], [3_500_000_000, 'money'], [12, 'percent']]);
  assert.deepEqual(q.map((x) => x.approximation), ['below', 'approx', 'none', 'none', 'none']);
  assert.equal(q[1].text, 'about 1,000');
  assert.equal(q[1].unit, 'soldier');
});

test('wire-copy abbreviations: mln, bln, pct and dlrs read like million, billion, percent and dollars', () => {
  const wire = findQuantities('Shipments fell 15 pct to 600 mln marks; debt rose to 396 bln dlrs.');
  const plain = findQuantities('Shipments fell 15 percent to 600 million marks; debt rose to 396 billion dollars.');
  assert.deepEqual(wire.map((x) => [x.value, x.kind]), [[15, 'percent'], [600_000_000, 'number'], [396_000_000_000, 'money']]);
  assert.deepEqual(wire.map((x) => [x.value, x.kind]), plain.map((x) => [x.value, x.kind]));
});

test('fractions of a scale word: "a quarter of a million", "half a million", "three quarters of a billion"', () => {
  const values = (t: string) => findQuantities(t).map((x) => x.value);
  assert.deepEqual(values('Plans forecast a quarter of a million students.'), [250_000]);
  assert.deepEqual(values('Half a million students would sign up.'), [500_000]);
  assert.deepEqual(values('It cost three quarters of a billion.'), [750_000_000]);
  assert.ok(values('Sales rose in the second half of the year.').every((v) => Number.isInteger(v)), 'no scale word, no fraction');
});

test('"one" as a pronoun is not a figure; "one hundred and twenty" is', () => {
  assert.deepEqual(findQuantities('One anonymous soldier said so.').map((q) => q.value), []);
  assert.deepEqual(findQuantities('one hundred and twenty people fled').map((q) => q.value), [120]);
});

test('dates: decades written two ways share a key; days, weekdays and relative dates', () => {
  const a = findDates('It happened in the 1990s.');
  const b = findDates('It happened in the Nineteen Nineties.');
  assert.equal(a[0].key, 'decade:1990');
  assert.equal(b[0].key, 'decade:1990');
  assert.deepEqual(findDates('On Oct. 5, 1993, and last week, not yesterday or Monday.').map((d) => d.key), ['day:10-5', 'year:1993', 'rel:last-week', 'rel:yesterday', 'weekday:1']);
  // Years are dates, not figures.
  assert.deepEqual(findQuantities('In 1993 the war ended.'), []);
});

test('"may" the modal is not the month', () => {
  assert.deepEqual(findDates('Officials may resign.'), []);
  assert.deepEqual(findDates('They met in May.').map((d) => d.key), ['month:5']);
});

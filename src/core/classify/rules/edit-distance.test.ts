import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance } from './spinner.ts';

/** The full Levenshtein table, no cut-off. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

test('editDistance is Levenshtein distance up to max, and more than max beyond', () => {
  assert.equal(editDistance('cisiveness', 'decisiveness'), 2);
  assert.equal(editDistance('font', 'front'), 1);
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.ok(editDistance('kitten', 'sitting', 2) > 2);
  assert.equal(editDistance('', 'ab'), 2);
  // Longer than the scratch rows.
  const long = 'counterrevolutionary'.repeat(5);
  assert.equal(editDistance(long, long.slice(0, 50) + long.slice(51)), 1);
  assert.equal(editDistance(long, 'x' + long.slice(2)), 2);
  // Words of every length in turn, so the reused rows grow and shrink between calls.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Array.from({ length: Math.floor(next() * (next() < 0.9 ? 40 : 90)) }, () => 'abcde'[Math.floor(next() * 5)]).join('');
  for (let k = 0; k < 2000; k++) {
    const a = word();
    const b = next() < 0.5 ? word() : a.slice(0, Math.floor(next() * a.length)) + 'x' + a.slice(Math.floor(next() * a.length));
    const max = Math.floor(next() * 4);
    const exact = levenshtein(a, b);
    const got = editDistance(a, b, max);
    if (exact <= max) assert.equal(got, exact, `${a} / ${b} / ${max}`);
    else assert.ok(got > max, `${a} / ${b} / ${max}: ${got}`);
  }
});

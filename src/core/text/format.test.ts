import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount } from './format.ts';

test('formatCount writes what toLocaleString("en-US") writes', () => {
  const values = [0, 7, 42, 999, 1000, 1001, 12_345, 63_439, 999_999, 1_000_000, 46_123_456, -5, -1234, -1_000_000, Number.MAX_SAFE_INTEGER, 2.5, 1234.5678, -0.25];
  for (const n of values) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
  assert.equal(formatCount(63_439), '63,439');
});

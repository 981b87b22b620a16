/**
 * The UI's evidence marking for rows without a word diff (pure; no browser needed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markEvidence } from '../../src/adapters/ui/evidence-marks.ts';

test('marks every occurrence of each evidence word, merging overlaps', () => {
  const segs = markEvidence('Reports confirm the font line held; reports confirm more.', ['font line', 'Reports confirm', 'font']);
  assert.deepEqual(segs, [
    { text: 'Reports confirm', changed: true },
    { text: ' the ', changed: false },
    { text: 'font line', changed: true },
    { text: ' held; reports confirm more.', changed: false },
  ]);
  assert.equal(segs.map((s) => s.text).join(''), 'Reports confirm the font line held; reports confirm more.');
});

test('whole-passage evidence and absent words mark nothing', () => {
  const text = 'The displacement was not forced.';
  assert.deepEqual(markEvidence(text, [text, 'x'.repeat(100), 'absent']), [{ text, changed: false }]);
  assert.deepEqual(markEvidence('', ['a']), []);
});

/**
 * @module adapters/ui/evidence-marks
 * Without a source there is no word diff to highlight, so a single-article finding (a spinner
 * swap, an unattributed "reports confirm") marks its own evidence words in the sentence.
 */
import type { Segment } from '../../core/report/view-model.ts';

/** Longer evidence is a whole passage: marking it would highlight everything and say nothing. */
const MAX_MARK_CHARS = 80;

export function markEvidence(text: string, words: string[]): Segment[] {
  const ranges: [number, number][] = [];
  for (const w of new Set(words)) {
    const needle = w.trim();
    if (!needle || needle.length > MAX_MARK_CHARS || needle.length >= text.trim().length) continue;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  }
  if (ranges.length === 0) return text ? [{ text, changed: false }] : [];
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Segment[] = [];
  let cursor = 0;
  for (const [start, end] of merged) {
    if (start > cursor) out.push({ text: text.slice(cursor, start), changed: false });
    out.push({ text: text.slice(start, end), changed: true });
    cursor = end;
  }
  if (cursor < text.length) out.push({ text: text.slice(cursor), changed: false });
  return out;
}

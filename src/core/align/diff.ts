/**
 * @module core/align/diff
 * Word-level diff of an aligned pair for side-by-side highlighting. Words are compared after
 * normalisation (case, curly quotes, thousands separators), and the whitespace and punctuation
 * after each word travel with it, so concatenating the parts of one side rebuilds that side
 * exactly.
 */
import { diffArrays } from 'diff';
import { tokenize } from '../text/tokens.ts';
import type { DiffPart } from '../types.ts';

interface Piece {
  text: string;
  key: string;
}

/** Splits text into word pieces; each piece owns the non-word text that follows it. */
function pieces(text: string): Piece[] {
  const tokens = tokenize(text);
  const out: Piece[] = [];
  if (tokens.length === 0) return text ? [{ text, key: text.trim() }] : [];
  const lead = text.slice(0, tokens[0].start);
  tokens.forEach((t, i) => {
    const end = i + 1 < tokens.length ? tokens[i + 1].start : text.length;
    out.push({ text: (i === 0 ? lead : '') + text.slice(t.start, end), key: t.norm });
  });
  return out;
}

/** Diff from source to suspect: `removed` parts are source-only, `added` suspect-only. */
export function wordDiff(source: string, suspect: string): DiffPart[] {
  const a = pieces(source);
  const b = pieces(suspect);
  const changes = diffArrays(a, b, { comparator: (x: Piece, y: Piece) => x.key === y.key });
  const out: DiffPart[] = [];
  let ia = 0;
  let ib = 0;
  for (const c of changes) {
    if (c.added) {
      push(out, 'added', b.slice(ib, ib + c.count).map((p) => p.text).join(''));
      ib += c.count;
    } else if (c.removed) {
      push(out, 'removed', a.slice(ia, ia + c.count).map((p) => p.text).join(''));
      ia += c.count;
    } else {
      // Equal words may differ in case or trailing punctuation: keep the common prefix as
      // `same` and mark the rest on each side, so both sides still rebuild exactly.
      for (let k = 0; k < c.count; k++) {
        const pa = a[ia + k].text;
        const pb = b[ib + k].text;
        let p = 0;
        while (p < pa.length && p < pb.length && pa[p] === pb[p]) p++;
        push(out, 'same', pb.slice(0, p));
        push(out, 'removed', pa.slice(p));
        push(out, 'added', pb.slice(p));
      }
      ia += c.count;
      ib += c.count;
    }
  }
  return out;
}

function push(out: DiffPart[], op: DiffPart['op'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ text, op });
}

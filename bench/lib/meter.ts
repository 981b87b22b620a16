/**
 * @module bench/lib/meter
 * METER helpers shared by the derived-or-not and span tasks: PA wire copy cleaned into
 * plain paragraphs (its raw text carries page headers, "<" end-of-paragraph markers,
 * U+0019 bytes and TeX-style quotes), story groups, and token-level span labels.
 */
import { tokenize, type Token } from '../../src/core/text/tokens.ts';
import type { MeterDerived, MeterSource } from './datasets.ts';

/** PA copy as paragraphs of prose, separated by blank lines. */
export function cleanPaText(raw: string): string {
  const paras = raw
    .replace(/\u0019/g, '')
    .replace(/\r/g, '')
    .split(/<\s*\n|\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .filter((l) => !/^\s*-{10,}\s*$/.test(l) && !/^\s*\d\d:\d\d \d\d\/\d\d\/\d\d: Page/.test(l))
        .join(' ')
        .replace(/``|''/g, '"')
        .replace(/<\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    // Sign-offs ("mfl", "ENDS") and empty lines carry no prose.
    .filter((p) => p.length > 0 && !/^[a-z]{2,4}$/.test(p) && !/^ENDS?$/i.test(p));
  return paras.join('\n\n');
}

/** Cleaned PA texts of a derived story's group, keyed by source id. */
export function groupTexts(d: MeterDerived, sources: ReadonlyMap<string, MeterSource>): string[] {
  return d.source_ids.map((id) => sources.get(id)).filter((s): s is MeterSource => !!s).map((s) => cleanPaText(s.source_text));
}

export type SpanClass = 'verbatim' | 'rewrite' | 'new';
export const SPAN_CLASSES: SpanClass[] = ['verbatim', 'rewrite', 'new'];

/** Tokens of the annotated text with the gold span class covering each (tokens outside every span are dropped). */
export function goldTokens(d: MeterDerived): { token: Token; gold: SpanClass }[] {
  if (!d.annotated_text || !d.spans) return [];
  const out: { token: Token; gold: SpanClass }[] = [];
  const spans = [...d.spans].sort((a, b) => a.start - b.start);
  let si = 0;
  for (const t of tokenize(d.annotated_text)) {
    while (si < spans.length && spans[si].end <= t.start) si++;
    const s = spans[si];
    if (s && s.start <= t.start && t.start < s.end) out.push({ token: t, gold: s.type });
  }
  return out;
}

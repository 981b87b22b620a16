/**
 * @module core/classify/rules/numbers-dates
 * Figures and dates compared by value: a changed figure (`number-mismatch`), a changed
 * qualifier (`number-qualifier`), a figure with no counterpart (`number-added`), a changed
 * date (`date-mismatch`). Equivalent renderings ("twenty-four" = "24", "1990s" = "Nineteen
 * Nineties") are never findings.
 */
import type { DateMention, Quantity } from '../../nlp/numbers.ts';
import type { Hit } from '../catalogue.ts';
import { span, type PairContext, type Side, type Span } from '../pair.ts';
import { NUMBER_LOW_DIFF, NUMBER_MEDIUM_DIFF } from '../settings.ts';

const qSpan = (side: Side, q: { start: number; end: number }): Span => span(side.text, q.start, q.end);

function describeApprox(q: Quantity): string {
  return q.qualifier ? `"${q.qualifier}" (${q.approximation === 'approx' ? 'approximately' : q.approximation === 'below' ? 'just under' : q.approximation === 'above' ? 'more than' : 'exactly'})` : 'no qualifier';
}

/** Figures whose value changed, or whose qualifier changed meaning ("about 500" -> "almost 500"). */
export function detectNumbers(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  const out: Hit[] = [];
  const srcLeft = [...source.quantities];
  const susLeft: Quantity[] = [];
  for (const q of suspect.quantities) {
    const k = srcLeft.findIndex((s) => sameValue(s.value, q.value) && (s.kind === 'ordinal') === (q.kind === 'ordinal'));
    if (k < 0) {
      susLeft.push(q);
      continue;
    }
    const s = srcLeft.splice(k, 1)[0];
    const qualifierChanged =
      s.approximation !== q.approximation &&
      !(isPlain(s) && isPlain(q)) &&
      !((s.approximation === 'approx' && isPlain(q)) || (q.approximation === 'approx' && isPlain(s)));
    if (qualifierChanged) {
      out.push({
        rule: 'number-qualifier',
        reason: `The figure ${s.numberText} keeps its value but its qualifier changed from ${describeApprox(s)} to ${describeApprox(q)}.`,
        suspect: [qSpan(suspect, q)], source: [qSpan(source, s)],
      });
    }
  }
  // Pair the remaining figures: same unit word first, then in order of appearance.
  const pairs: [Quantity, Quantity, boolean][] = [];
  for (const q of [...susLeft]) {
    const k = srcLeft.findIndex((s) => s.unit !== null && s.unit === q.unit && s.kind === q.kind);
    if (k >= 0) {
      pairs.push([srcLeft.splice(k, 1)[0], q, true]);
      susLeft.splice(susLeft.indexOf(q), 1);
    }
  }
  while (srcLeft.length > 0 && susLeft.length > 0 && srcLeft.length === susLeft.length) {
    const s = srcLeft.shift()!;
    const q = susLeft.shift()!;
    if ((s.kind === 'ordinal') === (q.kind === 'ordinal')) pairs.push([s, q, false]);
  }
  for (const [s, q, sameUnit] of pairs) {
    // A figure that still appears elsewhere in the other article moved; it did not change.
    if (ctx.sourceArticleNorms.has(normValue(q.value)) && ctx.suspectArticleNorms.has(normValue(s.value))) continue;
    const diff = Math.abs(s.value - q.value) / Math.max(Math.abs(s.value), Math.abs(q.value), 1e-9);
    let grade: 'rounding' | 'close' | undefined = diff <= NUMBER_LOW_DIFF ? 'rounding' : diff <= NUMBER_MEDIUM_DIFF ? 'close' : undefined;
    if (grade === 'close' && q.approximation === 'approx') grade = 'rounding';
    // Exact small counts and ages are not rounded in news copy: "20" -> "19" is an error.
    const exactSmall = [s, q].every((x) => Number.isInteger(x.value) && Math.abs(x.value) <= 100 && x.approximation === 'none');
    if (exactSmall && s.kind !== 'percent') grade = undefined;
    out.push({
      rule: 'number-mismatch', severity: grade, confidence: sameUnit ? 'sameUnit' : undefined,
      reason: `The source gives ${s.text} but the copy says ${q.text}.`,
      suspect: [qSpan(suspect, q)], source: [qSpan(source, s)],
    });
  }
  for (const q of susLeft) {
    // An added ordinal ("for the first time") is style more often than a claim.
    if (q.kind === 'ordinal' || ctx.sourceArticleNorms.has(normValue(q.value))) continue;
    out.push({
      rule: 'number-added',
      reason: `The copy gives the figure ${q.text}, which the source does not contain.`,
      suspect: [qSpan(suspect, q)], source: [],
    });
  }
  return out;
}

const isPlain = (q: Quantity) => q.approximation === 'none' || q.approximation === 'exact';
const sameValue = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
const normValue = (v: number) => String(v);

const DATE_FAMILY: Record<DateMention['type'], string> = {
  year: 'year', decade: 'year', month: 'month', day: 'month', weekday: 'day', relative: 'day', quarter: 'quarter',
};

/** Dates that changed: years, decades, months, days, weekdays and relative dates. */
export function detectDates(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  const covers = (list: DateMention[], d: DateMention) =>
    list.some((x) => x.key === d.key || (x.type === 'day' && d.type === 'month' && x.key.startsWith(`day:${d.key.slice(6)}-`)) || (d.type === 'day' && x.type === 'month' && d.key.startsWith(`day:${x.key.slice(6)}-`)));
  const srcOnly = source.dates.filter((d) => !covers(suspect.dates, d));
  const susOnly = suspect.dates.filter((d) => !covers(source.dates, d));
  const out: Hit[] = [];
  for (const q of susOnly) {
    const k = srcOnly.findIndex((s) => DATE_FAMILY[s.type] === DATE_FAMILY[q.type]);
    if (k < 0) continue;
    const s = srcOnly.splice(k, 1)[0];
    out.push({
      rule: 'date-mismatch',
      severity: DATE_FAMILY[q.type] === 'year' ? 'year' : undefined,
      confidence: s.type !== q.type ? 'mixedTypes' : undefined,
      reason: `The source dates this "${s.text}" but the copy says "${q.text}".`,
      suspect: [qSpan(suspect, q)], source: [qSpan(source, s)],
    });
  }
  return out;
}

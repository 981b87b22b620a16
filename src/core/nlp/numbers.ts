/**
 * @module core/nlp/numbers
 * Finds quantities and dates in a text and normalises them so that equivalent renderings
 * compare equal: "twenty-four" = 24, "1,000" = 1000, "$3.5bn" = 3.5e9, "1990s" =
 * "Nineteen Nineties", "Oct." = "October". Each mention keeps its exact span in the text.
 */
import { tokenize, type Token } from '../text/tokens.ts';

/** How a figure is hedged: "about 500" (approx), "almost 500" (below), "more than 500" (above). */
export type Approximation = 'exact' | 'approx' | 'below' | 'above' | 'none';

export interface Quantity {
  /** Exact text of the figure, including its qualifier and multiplier ("about 1.5 million"). */
  text: string;
  start: number;
  end: number;
  /** Exact text of the number alone ("1.5 million"). */
  numberText: string;
  value: number;
  kind: 'number' | 'percent' | 'money' | 'ordinal';
  approximation: Approximation;
  /** The qualifier as written ("about"), or null. */
  qualifier: string | null;
  /** Normalised word after the figure ("soldier"), to pair figures across texts; null if none. */
  unit: string | null;
}

export interface DateMention {
  text: string;
  start: number;
  end: number;
  /** Normalised key: `year:1993`, `decade:1990`, `month:10`, `day:10-5`, `weekday:1`, `rel:yesterday`. */
  key: string;
  /** Coarse type, for the reason line. */
  type: 'year' | 'decade' | 'month' | 'day' | 'weekday' | 'relative' | 'quarter';
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const DECADE_WORDS: Record<string, number> = {
  twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90,
};
const MULTIPLIERS: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, dozen: 12,
  k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12,
  // Wire-copy abbreviations (Reuters: "600 mln marks", "2.8 pct").
  mln: 1e6, bln: 1e9,
};
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};
const RELATIVE_DAYS = new Set(['yesterday', 'today', 'tomorrow', 'tonight', 'recently', 'currently']);
const RELATIVE_MODIFIERS = new Set(['last', 'next', 'this', 'past', 'coming', 'previous']);
const RELATIVE_PERIODS = new Set(['week', 'weekend', 'month', 'year', 'night', 'morning', 'evening', 'decade', 'century', 'summer', 'winter', 'spring', 'autumn']);

// Qualifiers written from general usage; two-word ones are matched first.
const QUALIFIERS: [string, Approximation][] = [
  ['more than', 'above'], ['over', 'above'], ['upwards of', 'above'], ['in excess of', 'above'],
  ['at least', 'above'], ['just over', 'above'], ['nearly', 'below'], ['almost', 'below'],
  ['close to', 'below'], ['just under', 'below'], ['less than', 'below'], ['fewer than', 'below'],
  ['under', 'below'], ['up to', 'below'], ['as many as', 'below'], ['about', 'approx'], ['around', 'approx'],
  ['approximately', 'approx'], ['roughly', 'approx'], ['some', 'approx'], ['an estimated', 'approx'],
  ['estimated', 'approx'], ['circa', 'approx'], ['exactly', 'exact'], ['precisely', 'exact'],
];

/** Value of a number word ("seven", "twenty-four"), or undefined. */
export const wordNumber = (w: string): number | undefined => {
  if (w in UNITS) return UNITS[w];
  if (w in TENS) return TENS[w];
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
  return m ? TENS[m[1]] + UNITS[m[2]] : undefined;
};

function parseNumeral(norm: string): { value: number; kind: Quantity['kind']; mult: number } | null {
  const m = /^([$£€¥])?(\d+(?:\.\d+)?)(%|st|nd|rd|th|k|m|mn|bn|b|tn)?$/.exec(norm);
  if (!m) return null;
  let value = Number(m[2]);
  let kind: Quantity['kind'] = m[1] ? 'money' : 'number';
  let mult = 1;
  if (m[3] === '%') kind = 'percent';
  else if (m[3] && /^(st|nd|rd|th)$/.test(m[3])) kind = 'ordinal';
  else if (m[3]) mult = MULTIPLIERS[m[3]];
  value *= mult;
  return { value, kind, mult };
}

const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const PERIOD_WORDS = new Set(['quarter', 'half']);
const FRACTION_WORDS: Record<string, number> = { half: 0.5, quarter: 0.25, quarters: 0.25, third: 1 / 3, thirds: 1 / 3 };
const SCALE_WORDS = new Set(['thousand', 'million', 'billion', 'trillion']);

/** "half a million" (i at "half"), "a quarter of a million" (i at "quarter"), with "three" before "quarters". */
function fractionOfScale(tokens: readonly Token[], i: number): { value: number; end: number } | null {
  const part = FRACTION_WORDS[tokens[i].norm];
  if (part === undefined) return null;
  let k = i + 1;
  if (tokens[k]?.norm === 'of') k++;
  if (tokens[k]?.norm !== 'a') return null;
  const scale = tokens[k + 1]?.norm;
  if (!scale || !SCALE_WORDS.has(scale)) return null;
  const count = i > 0 ? wordNumber(tokens[i - 1].norm) : undefined;
  const times = /s$/.test(tokens[i].norm) && count !== undefined ? count : 1;
  return { value: part * times * MULTIPLIERS[scale], end: k + 1 };
}
// Hyphenated ordinals that are idioms, not positions ("second-hand", "first-class").
const HYPHEN_IDIOM_TAILS = new Set(['hand', 'class', 'rate', 'time', 'timer', 'ever', 'aid', 'person', 'string', 'guess', 'nature', 'born', 'half']);

/** Finds every date mention. Years, decades, months, weekdays and relative dates. */
export function findDates(text: string, tokens: readonly Token[] = tokenize(text)): DateMention[] {
  const out: DateMention[] = [];
  const push = (a: Token, b: Token, key: string, type: DateMention['type']) =>
    out.push({ text: text.slice(a.start, b.end), start: a.start, end: b.end, key, type });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const w = t.norm;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    let m: RegExpExecArray | null;
    if (/^\d{4}$/.test(t.text) && Number(w) >= 1500 && Number(w) <= 2100) push(t, t, `year:${w}`, 'year');
    else if ((m = /^([qh])([1-4])$/.exec(w))) push(t, t, `${m[1] === 'q' ? 'quarter' : 'half'}:${m[2]}`, 'quarter');
    else if ((w in ORDINAL_WORDS || /^[1-4](st|nd|rd|th)$/.test(w)) && next && PERIOD_WORDS.has(next.norm)) {
      // "second quarter" = "Q2", "first half" = "H1"
      push(t, next, `${next.norm}:${ORDINAL_WORDS[w] ?? parseInt(w, 10)}`, 'quarter');
      i++;
    }
    else if ((m = /^'?(\d{2,4})'?s$/.exec(t.text.replace(/[’‘]/g, "'")))) {
      const n = Number(m[1]);
      const decade = n < 100 ? (n >= 30 ? 1900 + n : 2000 + n) : n;
      if (decade % 10 === 0) push(t, t, `decade:${decade}`, 'decade');
    } else if (w in UNITS && UNITS[w] >= 10 && next && (next.norm in DECADE_WORDS || next.norm in TENS || wordNumber(next.norm) !== undefined)) {
      // "Nineteen Nineties" (decade), "nineteen ninety-three" (year).
      const century = UNITS[w] * 100;
      if (next.norm in DECADE_WORDS) push(t, next, `decade:${century + DECADE_WORDS[next.norm]}`, 'decade');
      else push(t, next, `year:${century + (wordNumber(next.norm) ?? 0)}`, 'year');
      i++;
    } else if (w in MONTHS && t.capitalized && (w !== 'may' || (next?.numeric ?? false) || prev?.norm === 'in') && (w !== 'mar' && w !== 'jan' ? true : t.text.length > 2)) {
      if (next && /^\d{1,2}(st|nd|rd|th)?$/.test(next.norm)) {
        push(t, next, `day:${MONTHS[w]}-${parseInt(next.norm, 10)}`, 'day');
        i++;
      } else if (prev && /^\d{1,2}(st|nd|rd|th)?$/.test(prev.norm)) {
        out.push({ text: text.slice(prev.start, t.end), start: prev.start, end: t.end, key: `day:${MONTHS[w]}-${parseInt(prev.norm, 10)}`, type: 'day' });
      } else push(t, t, `month:${MONTHS[w]}`, 'month');
    } else if (w in WEEKDAYS) push(t, t, `weekday:${WEEKDAYS[w]}`, 'weekday');
    else if (RELATIVE_DAYS.has(w)) push(t, t, `rel:${w}`, 'relative');
    else if (RELATIVE_MODIFIERS.has(w) && next && (RELATIVE_PERIODS.has(next.norm) || next.norm in WEEKDAYS)) {
      push(t, next, `rel:${w === 'past' || w === 'previous' ? 'last' : w === 'coming' ? 'next' : w}-${next.norm}`, 'relative');
      i++;
    }
  }
  return out;
}

/**
 * Finds every figure that is not a date: digits, number words, money, percentages, ordinals,
 * with the qualifier in front ("about", "almost") and the word after ("soldiers").
 */
export function findQuantities(text: string, tokens: readonly Token[] = tokenize(text), opts: { compounds?: boolean } = {}): Quantity[] {
  const dates = findDates(text, tokens);
  const inDate = (t: Token) => dates.some((d) => t.start >= d.start && t.end <= d.end);
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (inDate(t)) continue;
    let value: number | undefined;
    let kind: Quantity['kind'] = 'number';
    let j = i;
    // "three" in "three quarters of a billion" is part of the fraction read at "quarters".
    if (wordNumber(t.norm) !== undefined && i + 1 < tokens.length && /s$/.test(tokens[i + 1].norm) && fractionOfScale(tokens, i + 1)) continue;
    const parsed = t.numeric ? parseNumeral(t.norm) : null;
    const fraction = fractionOfScale(tokens, i);
    if (fraction) {
      // "half a million", "a quarter of a million", "three quarters of a billion"
      value = fraction.value;
      j = fraction.end;
    } else if (parsed) {
      value = parsed.value;
      kind = parsed.kind;
    } else if (wordNumber(t.norm) !== undefined) {
      // "one hundred and twenty", "twenty-four"
      value = wordNumber(t.norm)!;
      let acc = 0;
      while (j + 1 < tokens.length) {
        const n = tokens[j + 1].norm;
        if (n === 'hundred') { value *= 100; j++; }
        else if (n === 'thousand' || n === 'million' || n === 'billion') { acc += value * MULTIPLIERS[n]; value = 0; j++; }
        else if (n === 'and' && j + 2 < tokens.length && wordNumber(tokens[j + 2].norm) !== undefined && tokens[j].norm === 'hundred') { value += wordNumber(tokens[j + 2].norm)!; j += 2; }
        else if (wordNumber(n) !== undefined && value % 100 === 0 && value >= 100) { value += wordNumber(n)!; j++; }
        else break;
      }
      value += acc;
      // "one" alone is too often a pronoun ("one anonymous soldier"): keep it only with a unit multiplier.
      if (t.norm === 'one' && j === i) continue;
    } else if (t.norm in ORDINAL_WORDS) {
      // "third-largest", "the second time": kept so that "third" -> "second" is caught.
      value = ORDINAL_WORDS[t.norm];
      kind = 'ordinal';
    } else if (opts.compounds && /^[a-z]+-[a-z]+$/.test(t.norm)) {
      // "fifth-floor", "two-year": the figure is the first half, as in "fifth floor". Only
      // when comparing two sides: as a figure of its own, "a two-hour debate" is detail.
      const [head, tail] = t.norm.split('-');
      if (HYPHEN_IDIOM_TAILS.has(tail) || wordNumber(tail) !== undefined) continue;
      if (head in ORDINAL_WORDS) {
        value = ORDINAL_WORDS[head];
        kind = 'ordinal';
      } else if (head !== 'one' && wordNumber(head) !== undefined) value = wordNumber(head)!;
      else continue;
    } else continue;
    if (parsed && parsed.mult === 1 && kind !== 'percent' && j + 1 < tokens.length && tokens[j + 1].norm in MULTIPLIERS && tokens[j + 1].norm !== 'm' && tokens[j + 1].norm !== 'b') {
      value *= MULTIPLIERS[tokens[j + 1].norm];
      j++;
    }
    let endTok = tokens[j];
    if (j + 1 < tokens.length && (tokens[j + 1].norm === 'percent' || tokens[j + 1].norm === 'pct' || tokens[j + 1].norm === 'per' && tokens[j + 2]?.norm === 'cent')) {
      kind = 'percent';
      j += tokens[j + 1].norm === 'per' ? 2 : 1;
      endTok = tokens[j];
    }
    if (j + 1 < tokens.length && /^(dollars|dlrs|pounds|euros|usd|gbp|eur)$/.test(tokens[j + 1].norm)) kind = 'money';
    // Qualifier: up to three words before the figure.
    let qualifier: string | null = null;
    let approximation: Approximation = 'none';
    let startTok = t;
    for (const [q, a] of QUALIFIERS) {
      const parts = q.split(' ');
      if (i - parts.length < 0) continue;
      const before = tokens.slice(i - parts.length, i);
      if (before.every((b, k) => b.norm === parts[k])) {
        qualifier = text.slice(before[0].start, before[before.length - 1].end);
        approximation = a;
        startTok = before[0];
        break;
      }
    }
    const unitTok = tokens[j + 1];
    const unit = unitTok && !unitTok.numeric ? unitTok.norm.replace(/s$/, '') : null;
    out.push({
      text: text.slice(startTok.start, endTok.end),
      start: startTok.start,
      end: endTok.end,
      numberText: text.slice(t.start, endTok.end),
      value,
      kind,
      approximation,
      qualifier,
      unit,
    });
    i = j;
  }
  return out;
}

/**
 * @module core/text/sentences
 * Sentence splitting for news text, with exact character offsets into the body.
 *
 * 1. Paragraphs are runs of text between blank lines.
 * 2. Each paragraph is split with `sbd`, which already knows most abbreviations.
 * 3. Pieces are re-joined where news text fools it (titles before names, "No. 10",
 *    initials such as "J. K. Rowling", a lower-case continuation).
 * 4. Run-on pieces (spinner output with no punctuation) are cut at ";", ":", dashes,
 *    commas, and finally every few dozen words, so no "sentence" swallows a page.
 * 5. Each piece is located in the body, so `body.slice(start, end) === text`.
 */
import sbd from 'sbd';
import type { Sentence, SplitArticle } from '../types.ts';

// These stay here rather than in a stage settings file because every stage splits text.
/** Longest piece left whole. Calibrated on hand-written news paragraphs: real sentences
 * in wire copy rarely pass 60 words; 80 leaves long legal/quote sentences intact. */
export const MAX_SENTENCE_WORDS = 80;
/** Preferred length of the pieces a run-on is cut into (about three news sentences' worth
 * of words would be too coarse for alignment; 40 keeps pieces comparable to real ones). */
export const TARGET_PIECE_WORDS = 40;

// Abbreviations sbd does not know, or that news text uses before names and numbers.
const EXTRA_ABBREVIATIONS = [
  'Gov', 'Sen', 'Rep', 'Gen', 'Lt', 'Col', 'Capt', 'Sgt', 'Cpl', 'Adm', 'Cmdr', 'Maj', 'Brig',
  'Supt', 'Insp', 'Det', 'Atty', 'Amb', 'Pres', 'Sec', 'Treas', 'Hon', 'Rt', 'Fr', 'Rev', 'Msgr',
  'Prof', 'Dr', 'Mr', 'Mrs', 'Ms', 'Mx', 'Jr', 'Sr', 'St', 'Mt', 'Ft', 'No', 'Nos', 'Vol', 'Art',
  'Fig', 'Inc', 'Corp', 'Ltd', 'Co', 'Bros', 'Plc', 'Dept', 'Univ', 'Ave', 'Blvd', 'Rd', 'approx',
  'est', 'vs', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
];

// Words that, with a period, almost always run on into a name or number.
const ALWAYS_JOIN_BEFORE = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'gov', 'sen', 'rep', 'gen', 'lt', 'col', 'capt', 'sgt',
  'cpl', 'adm', 'cmdr', 'maj', 'brig', 'supt', 'insp', 'det', 'atty', 'amb', 'pres', 'hon', 'rt',
  'fr', 'rev', 'msgr', 'st', 'mt', 'ft', 'no', 'nos', 'vol', 'art', 'fig', 'vs',
]);

interface Span {
  start: number;
  end: number;
}

/** Splits a body into sentences. Offsets index into `text` itself. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  for (const para of paragraphSpans(text)) {
    const spans = splitParagraph(text, para);
    if (spans.length === 0) continue;
    for (const s of spans) {
      out.push({ index: out.length, text: text.slice(s.start, s.end), start: s.start, end: s.end, paragraph });
    }
    paragraph++;
  }
  return out;
}

export function splitArticle(text: string): SplitArticle {
  return { text, sentences: splitSentences(text) };
}

/** Non-blank runs between blank lines, trimmed. */
function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t\r\f\v\u00a0]*\n/g;
  let from = 0;
  const push = (a: number, b: number): void => {
    const t = trimSpan(text, { start: a, end: b });
    if (t.end > t.start) spans.push(t);
  };
  for (const m of text.matchAll(re)) {
    push(from, m.index ?? 0);
    from = (m.index ?? 0) + m[0].length;
  }
  push(from, text.length);
  return spans;
}

function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

// A sentence end glued to the next sentence ("industry.You can"), common in scraped text. sbd
// splits such a token but then misplaces every later boundary, so these are cut first.
const GLUED_END = /(?<=[\p{Ll}\d]["”’)\]]?[.!?]+["”’)]?)(?=\p{Lu}\p{Ll}|[AI]\s)/gu;

// "U.S.", "D.C.", "p.m.", "Ph.D.,": sbd knows these; leave them as they are.
const DOTTED_ABBREVIATION = /^[("“'‘]*(?:\p{L}{1,2}\.)+\p{L}?[.,;:)"”'’]*$/u;

/**
 * sbd cuts a token at an inner "." "!" or "?" followed by a letter ("R-S.C.,", "Yahoo!Finance")
 * and, with preserve_whitespace, then misplaces every later boundary. Inner marks are swapped
 * for a look-alike of the same length so offsets into the original text stay valid.
 */
function maskInnerPunctuation(body: string): string {
  return body.replace(/\S+/g, (tok) =>
    DOTTED_ABBREVIATION.test(tok) ? tok : tok.replace(/[.!?](?=[A-Za-z])/g, '\u2024'),
  );
}

function splitParagraph(text: string, para: Span): Span[] {
  const chunks: Span[] = [];
  let from = para.start;
  for (const m of text.slice(para.start, para.end).matchAll(GLUED_END)) {
    chunks.push({ start: from, end: para.start + (m.index ?? 0) });
    from = para.start + (m.index ?? 0);
  }
  chunks.push({ start: from, end: para.end });
  let spans: Span[] = [];
  for (const chunk of chunks) {
    const body = maskInnerPunctuation(text.slice(chunk.start, chunk.end));
    const pieces = sbd.sentences(body, {
      preserve_whitespace: true,
      newline_boundaries: false,
      html_boundaries: false,
      sanitize: false,
      abbreviations: EXTRA_ABBREVIATIONS,
    });
    const found = locate(body, pieces).map((s) => ({ start: s.start + chunk.start, end: s.end + chunk.start }));
    spans.push(...(found.length ? found : [trimSpan(text, chunk)]));
  }
  spans = joinFalseBreaks(text, spans.filter((s) => s.end > s.start));
  return spans.flatMap((s) => splitRunOn(text, s));
}

/** Finds each piece in order; falls back to whitespace-insensitive matching. */
function locate(body: string, pieces: string[]): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    let at = body.indexOf(piece, cursor);
    let end = at + piece.length;
    if (at < 0) {
      const found = looseFind(body, piece, cursor);
      if (!found) continue;
      at = found.start;
      end = found.end;
    }
    spans.push({ start: at, end });
    cursor = end;
  }
  // Anything sbd dropped at the end (it should not, but never lose text) becomes a piece.
  const rest = trimSpan(body, { start: cursor, end: body.length });
  if (rest.end > rest.start) spans.push(rest);
  return spans;
}

function looseFind(body: string, piece: string, from: number): Span | null {
  const chars = piece.replace(/\s+/g, '');
  if (!chars) return null;
  let i = from;
  while (i < body.length && /\s/.test(body[i])) i++;
  const start = i;
  let k = 0;
  for (; i < body.length && k < chars.length; i++) {
    if (/\s/.test(body[i])) continue;
    if (body[i] !== chars[k]) return null;
    k++;
  }
  return k === chars.length ? { start, end: i } : null;
}

function lastWord(s: string): string {
  const m = /([\p{L}.]+)\.$/u.exec(s);
  return m ? m[1].toLowerCase() : '';
}

/** Re-joins breaks after titles, "No.", initials, and before lower-case continuations. */
function joinFalseBreaks(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && shouldJoin(text.slice(prev.start, prev.end), text.slice(s.start, s.end))) {
      prev.end = s.end;
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

// Closed-class words that open sentences; any other capitalised word after "the U.S." continues a name.
const SENTENCE_STARTERS = new Set([
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'but', 'and',
  'or', 'so', 'yet', 'however', 'meanwhile', 'in', 'on', 'at', 'for', 'after', 'before', 'when', 'while', 'if',
  'as', 'there', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'one', 'some', 'many', 'most', 'no', 'not',
  'since', 'until', 'although', 'though', 'because', 'still', 'now', 'then', 'what', 'who', 'why', 'how', 'where',
]);

function shouldJoin(prev: string, next: string): boolean {
  // No sentence ends on a comma ("Sen. Lindsey Graham, R-S.C., said ...").
  if (/[,;]$/.test(prev)) return true;
  const first = next.trimStart();
  if (prev.endsWith('.')) {
    const word = lastWord(prev);
    if (ALWAYS_JOIN_BEFORE.has(word) && /^[\p{Lu}\d(]/u.test(first)) return true;
    // A single capital initial: "J. K. Rowling".
    if (/(?:^|[\s(])\p{Lu}\.$/u.test(prev) && /^\p{Lu}/u.test(first)) return true;
    // "the U.S. Food and Drug Administration": a dotted country abbreviation after "the"
    // opens a multi-word name when two capitalised words follow ("Food and Drug", "Postal
    // Service"); "the U.S. Officials welcomed him" and "the U.S. He ..." are new sentences.
    if (/\bthe\s+(?:\p{Lu}\.){2,3}$/u.test(prev)) {
      const name = /^(\p{Lu}[\p{L}'’-]*)(?:\s+(?:and|of|for|&))?\s+\p{Lu}/u.exec(first);
      if (name && !SENTENCE_STARTERS.has(name[1].toLowerCase())) return true;
    }
  }
  // Edited text never starts a sentence in lower case: what follows is an abbreviation's
  // continuation or an attribution after a quote ("... buddies.” he says."). Brand names
  // ("iPhone", "eBay") and links ("pic.twitter.com/...") do start lower-case.
  const firstToken = first.split(/\s/, 1)[0] ?? '';
  return /^\p{Ll}/u.test(first) && !/^(?:i|e)\p{Lu}/u.test(first) && !/[./@]\S/.test(firstToken);
}

/** Cuts pieces longer than MAX_SENTENCE_WORDS at the strongest available boundary. */
function splitRunOn(text: string, span: Span): Span[] {
  const words = [...text.slice(span.start, span.end).matchAll(/\S+/g)];
  if (words.length <= MAX_SENTENCE_WORDS) return [span];
  // Word-end offsets (absolute) and what ends each word.
  const ends = words.map((w) => span.start + (w.index ?? 0) + w[0].length);
  const strength = (w: string): number => {
    if (/[;]$/.test(w) || /^[—–]$/.test(w)) return 3;
    if (/[:]$/.test(w)) return 2;
    if (/[,)]$/.test(w)) return 1;
    return 0;
  };
  const out: Span[] = [];
  let startWord = 0;
  while (words.length - startWord > MAX_SENTENCE_WORDS) {
    // Search a window around the target length for the strongest boundary.
    const lo = startWord + Math.floor(TARGET_PIECE_WORDS / 2);
    const hi = Math.min(words.length - 2, startWord + MAX_SENTENCE_WORDS - 1);
    let best = Math.min(hi, startWord + TARGET_PIECE_WORDS - 1);
    let bestScore = -1;
    for (let i = lo; i <= hi; i++) {
      // Prefer stronger boundaries, then closeness to the target length.
      const score = strength(words[i][0]) * 1000 - Math.abs(i - (startWord + TARGET_PIECE_WORDS - 1));
      if (strength(words[i][0]) > 0 && score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    let cutEnd = ends[best];
    // A dash is its own word: end before it, so the piece does not end on a dash.
    if (/^[—–]$/.test(words[best][0])) cutEnd = ends[best - 1];
    const startAbs = startWord === 0 ? span.start : span.start + (words[startWord].index ?? 0);
    out.push(trimSpan(text, { start: startAbs, end: cutEnd }));
    startWord = best + 1;
  }
  const startAbs = span.start + (words[startWord].index ?? 0);
  out.push(trimSpan(text, { start: startAbs, end: span.end }));
  return out.filter((s) => s.end > s.start);
}

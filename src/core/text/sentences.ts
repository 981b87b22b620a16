/**
 * @module core/text/sentences
 * Sentence splitting for news text, with exact character offsets into the body.
 *
 * 1. Paragraphs are runs of text between blank lines, and the lines of a block that is not
 *    hard-wrapped (pasted text often puts one paragraph per line, with a single newline).
 * 2. Each paragraph is split with `sbd`, which already knows most abbreviations, after cutting
 *    it where a line ends a sentence, and where a short unpunctuated line (a heading, a
 *    dateline) stands above the next one (sbd does not see a newline as a space).
 * 3. Pieces are re-joined where news text fools it (titles before names, "No. 10",
 *    initials such as "J. K. Rowling", "the U.S. Senate", a lower-case continuation).
 * 4. Run-on pieces (spinner output with no punctuation) are cut at ";", ":", dashes,
 *    commas, and finally every few dozen words, so no "sentence" swallows a page.
 * 5. Each piece is located in the body, so `body.slice(start, end) === text`.
 */
import sbd from 'sbd';
import { MAX_SENTENCE_CHARS } from '../limits.ts';
import type { Sentence, SplitArticle } from '../types.ts';
import { memoByText } from './memo.ts';

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

/** Splits a body into sentences. Offsets index into `text` itself. The same frozen array for the same text, while remembered. */
export const splitSentences: (text: string) => readonly Sentence[] = memoByText((text) => Object.freeze(sentencesOf(text).map((s) => Object.freeze(s))));

function sentencesOf(text: string): Sentence[] {
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

interface Paragraph extends Span {
  /** Offsets inside the paragraph where a line break ends a sentence (cut before sbd runs). */
  cuts: number[];
}

/** Non-blank runs between blank lines, trimmed, with their lines judged one break at a time. */
function paragraphSpans(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\n[ \t\r\f\v\u00a0]*\n/g;
  let from = 0;
  const push = (a: number, b: number): void => {
    const t = trimSpan(text, { start: a, end: b });
    if (t.end > t.start) for (const p of splitLines(text, t)) out.push(p);
  };
  for (const m of text.matchAll(re)) {
    push(from, m.index ?? 0);
    from = (m.index ?? 0) + m[0].length;
  }
  push(from, text.length);
  return out;
}

// A line that ends a sentence: final punctuation, then closing quotes or brackets.
const ENDS_SENTENCE = /[.!?…]["”’'»)\]]*$/u;
// A line that cannot end anything: the sentence goes on below it.
const RUNS_ON = /[,;:(\-–—\/&]$/u;
// Words a heading or dateline never ends on; a line ending on one was broken mid-sentence.
const RUNS_ON_WORD = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'into', 'and', 'or', 'but', 'nor',
  'because', 'that', 'which', 'who', 'whom', 'whose', 'as', 'than', 'if', 'when', 'while', 'his', 'her', 'their',
  'its', 'our', 'my', 'your', 'this', 'these', 'those', 'was', 'were', 'is', 'are', 'be', 'been', 'had', 'has',
  'have', 'said', 'says', 'told', 'mr', 'mrs', 'ms', 'dr', 'st', 'sir', 'lord', 'lady', 'not', 'no', 'very',
]);
// Hard-wrapped text breaks near a fixed column: 60 to 100 characters, narrower in print columns.
const MAX_WRAP_WIDTH = 120;
const MIN_WRAP_WIDTH = 20;
/** A line shorter than this share of the block's longest line was ended by its writer. */
const SHORT_LINE_SHARE = 0.6;
/** Longest line (in words) read as a heading, kicker or dateline when it has no punctuation. */
const MAX_HEADING_WORDS = 8;

/**
 * Splits one blank-line block at its line breaks. A break after a line that ends a sentence
 * always cuts. A block that is not hard-wrapped is one paragraph per line, except where a
 * line runs on into the next (ends on a comma or a word like "the", is long and unpunctuated,
 * or the next line starts lower-case). In a hard-wrapped block lines stay one paragraph, and
 * only a short first line (a dateline, a kicker) is cut off.
 */
function splitLines(text: string, block: Span): Paragraph[] {
  const lines: Span[] = [];
  let at = block.start;
  for (const line of text.slice(block.start, block.end).split('\n')) {
    const t = trimSpan(text, { start: at, end: at + line.length });
    if (t.end > t.start) lines.push(t);
    at += line.length + 1;
  }
  if (lines.length < 2) return [{ ...block, cuts: [] }];
  const lengths = lines.map((l) => l.end - l.start);
  const longest = lengths.reduce((a, b) => Math.max(a, b), 0);
  const body = lines.slice(0, -1);
  const wrapped =
    longest <= MAX_WRAP_WIDTH &&
    longest >= MIN_WRAP_WIDTH &&
    body.filter((l) => l.end - l.start >= SHORT_LINE_SHARE * longest).length >= 0.6 * body.length &&
    body.some((l) => !ENDS_SENTENCE.test(text.slice(l.start, l.end)));
  const out: Paragraph[] = [];
  let current: Paragraph = { start: lines[0].start, end: lines[0].end, cuts: [] };
  for (let i = 1; i < lines.length; i++) {
    const prev = text.slice(lines[i - 1].start, lines[i - 1].end);
    const next = text.slice(lines[i].start, lines[i].end);
    let boundary = false;
    if (!RUNS_ON.test(prev) && !startsLowerCase(next)) {
      if (ENDS_SENTENCE.test(prev)) boundary = true;
      else if (standsAlone(prev)) boundary = !wrapped || (i === 1 && lengths[0] < 0.5 * longest);
    }
    if (boundary && !wrapped) {
      out.push(current);
      current = { start: lines[i].start, end: lines[i].end, cuts: [] };
      continue;
    }
    if (boundary) current.cuts.push(lines[i].start);
    current.end = lines[i].end;
  }
  out.push(current);
  return out;
}

/** An unpunctuated line that reads as complete on its own: short, not ending on a joining word. */
function standsAlone(line: string): boolean {
  const words = line.split(/\s+/);
  const last = (words[words.length - 1] ?? '').toLowerCase().replace(/[^\p{L}]/gu, '');
  return words.length <= MAX_HEADING_WORDS && !RUNS_ON_WORD.has(last);
}

/** Lower-case start that is not a brand ("iPhone", "eBay") or a link. */
function startsLowerCase(s: string): boolean {
  const firstToken = s.split(/\s/, 1)[0] ?? '';
  return /^\p{Ll}/u.test(s) && !/^(?:i|e)\p{Lu}/u.test(s) && !/[./@]\S/.test(firstToken);
}

function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

// A sentence end glued to the next sentence ("industry.You can"), common in scraped text. sbd
// splits such a token but then misplaces every later boundary, so these are cut first.
// The lookahead comes first: tried first, it keeps the lookbehind off long runs of dots
// (which made it quadratic).
const GLUED_END = /(?=\p{Lu}\p{Ll}|[AI]\s)(?<=[\p{Ll}\d]["”’)\]]?[.!?]+["”’)]?)/gu;

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

function splitParagraph(text: string, para: Paragraph): Span[] {
  const cuts = [...para.cuts];
  for (const m of text.slice(para.start, para.end).matchAll(GLUED_END)) cuts.push(para.start + (m.index ?? 0));
  cuts.sort((a, b) => a - b);
  const chunks: Span[] = [];
  let from = para.start;
  for (const cut of cuts) {
    if (cut <= from) continue;
    chunks.push({ start: from, end: cut });
    from = cut;
  }
  chunks.push({ start: from, end: para.end });
  let spans: Span[] = [];
  for (const chunk of chunks.flatMap((c) => presplit(text, c))) {
    const body = maskInnerPunctuation(text.slice(chunk.start, chunk.end));
    const pieces = sbd.sentences(body, {
      preserve_whitespace: true,
      newline_boundaries: false,
      html_boundaries: false,
      sanitize: false,
      abbreviations: EXTRA_ABBREVIATIONS,
    });
    const found = locate(body, pieces).map((s) => ({ start: s.start + chunk.start, end: s.end + chunk.start }));
    for (const f of found.length ? found : [trimSpan(text, chunk)]) spans.push(f);
  }
  spans = joinFalseBreaks(text, spans.filter((s) => s.end > s.start));
  return spans.flatMap((s) => splitRunOn(text, s)).flatMap((s) => capLength(text, s));
}

/** Longest text handed to sbd at once: its re-joining is quadratic in the tokens it is given. */
const SBD_CHUNK_CHARS = 20_000;

/**
 * A paragraph longer than SBD_CHUNK_CHARS (no real one comes near: they run to a few hundred
 * characters) is cut first at sentence ends (". " before a capital, after a word of three
 * or more letters), about every SBD_CHUNK_CHARS / 2 characters, so sbd's cost stays linear.
 */
function presplit(text: string, chunk: Span): Span[] {
  if (chunk.end - chunk.start <= SBD_CHUNK_CHARS) return [chunk];
  const out: Span[] = [];
  const end = /\p{L}{3}[.!?]["”’)]?\s+(?=\p{Lu})/gu;
  let from = chunk.start;
  while (chunk.end - from > SBD_CHUNK_CHARS) {
    end.lastIndex = from + SBD_CHUNK_CHARS / 2;
    const m = end.exec(text);
    let cut = m ? m.index + m[0].length : Infinity;
    // No sentence end in the window (degenerate text): the last space before its end.
    if (cut > from + SBD_CHUNK_CHARS) {
      cut = from + SBD_CHUNK_CHARS;
      while (cut > from + SBD_CHUNK_CHARS / 2 && !/\s/.test(text[cut])) cut--;
    }
    out.push({ start: from, end: cut });
    from = cut;
  }
  out.push({ start: from, end: chunk.end });
  return out;
}

/**
 * Cuts a piece longer than MAX_SENTENCE_CHARS (words are few but long) at its last space
 * before the limit, or at the limit when there is none, so per-sentence work stays bounded.
 */
function capLength(text: string, span: Span): Span[] {
  if (span.end - span.start <= MAX_SENTENCE_CHARS) return [span];
  const out: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE_CHARS) {
    let cut = start + MAX_SENTENCE_CHARS;
    while (cut > start + MAX_SENTENCE_CHARS / 2 && !/\s/.test(text[cut])) cut--;
    if (!/\s/.test(text[cut])) cut = start + MAX_SENTENCE_CHARS;
    // Never between the halves of a surrogate pair.
    if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
    const piece = trimSpan(text, { start, end: cut });
    if (piece.end > piece.start) out.push(piece);
    start = trimSpan(text, { start: cut, end: span.end }).start;
  }
  const rest = trimSpan(text, { start, end: span.end });
  if (rest.end > rest.start) out.push(rest);
  return out;
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

// Words that follow "U.S.", "U.K.", "U.N." or "E.U." as part of a name far more often than
// they open a sentence without an article (news style writes "The Senate", "The Army").
const INSTITUTION_WORDS = new Set([
  'senate', 'senator', 'congress', 'congressman', 'congresswoman', 'house', 'army', 'navy', 'marine', 'marines',
  'air', 'coast', 'embassy', 'embassies', 'consulate', 'court', 'courts', 'district', 'supreme', 'circuit',
  'appeals', 'treasury', 'department', 'secretary', 'president', 'ambassador', 'attorney', 'envoy', 'parliament',
  'parliamentary', 'federal', 'national', 'postal', 'border', 'customs', 'forces', 'military', 'trade',
  'chamber', 'commerce', 'census', 'geological', 'energy', 'justice', 'defense', 'defence', 'health', 'food',
  'mint', 'marshals', 'capitol', 'olympic', 'open', 'central', 'special', 'security', 'general', 'command',
  'representative', 'rep', 'sen', 'gov', 'intelligence', 'immigration', 'citizenship', 'labor', 'labour',
  'agency', 'agencies', 'bureau', 'office', 'commission', 'commissioner', 'council', 'mission', 'delegation',
  'midwest', 'mainland', 'space', 'fish', 'forest', 'park', 'patent', 'copyright', 'securities', 'steel', 'soccer', 'women', 'men',
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
    // "the U.S. Senate voted", "in U.S. District Court": a word that names an institution
    // after a dotted country abbreviation continues the name; a sentence would open with
    // "The Senate".
    if (/(?:^|[\s(“"])(?:\p{Lu}\.){2,3}$/u.test(prev)) {
      const word = /^\p{Lu}[\p{Ll}]+/u.exec(first)?.[0];
      if (word && INSTITUTION_WORDS.has(word.toLowerCase())) return true;
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

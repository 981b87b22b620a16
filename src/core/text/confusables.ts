/**
 * @module core/text/confusables
 * Undoes a cheap evasion: Latin letters swapped for look-alikes from other scripts (Cyrillic
 * "а", Greek "ο", fullwidth "ａ") and invisible characters put inside words (zero-width space,
 * joiners, word joiner, BOM, soft hyphen), which make a copy's words differ from its source's
 * while reading the same.
 *
 * The look-alike table is Unicode's confusables data (UTS #39) as shipped by the `unhomoglyph`
 * npm package, kept to letters that stand for one ASCII letter. Only words that mix such letters
 * with Latin ones, or words made wholly of them in a mostly Latin text, are touched: a Russian
 * name in Cyrillic stays as it is.
 *
 * The result has exactly the length of the input, so every offset into it is an offset into
 * the original: a look-alike is replaced by its letter in place, and the invisible characters
 * of a word are moved to the end of that word (where no word-splitting regex sees them).
 * `originalEnd` maps the end of a word in the result to the end of the same word in the input.
 */
import { createRequire } from 'node:module';

export interface EvasionChar {
  char: string;
  /** As U+XXXX. */
  codePoint: string;
  /** Offset in the original text. */
  offset: number;
  /** The ASCII letter it passes for; '' for an invisible character. */
  readsAs: string;
}

export interface ConfusableNormalisation {
  /** Same length as the input. */
  text: string;
  /** Whether anything changed. */
  changed: boolean;
  /** Each look-alike or invisible character that was undone (soft hyphens excepted: they have honest uses). */
  characters: EvasionChar[];
  /** The words that were changed: original span, and where the word's letters end in `text`. */
  words: { start: number; end: number; visibleEnd: number }[];
  /** End offset in the original of the run ending at `end` in the result (same unless a word's invisibles were moved). */
  originalEnd(end: number): number;
}

let table: Map<string, string> | null = null;

/** Look-alike -> ASCII letter, for single-UTF-16-unit letters outside ASCII. */
function lookalikes(): Map<string, string> {
  if (table) return table;
  const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
  table = new Map();
  for (const [from, to] of Object.entries(data)) {
    if (from.length !== 1 || from.charCodeAt(0) < 0x80 || !/^[A-Za-z]$/.test(to) || !/\p{L}/u.test(from)) continue;
    table.set(from, to);
  }
  // Fullwidth Latin letters (NFKC folds them; the confusables data lists only some).
  for (let c = 0xff21; c <= 0xff5a; c++) {
    const ch = String.fromCharCode(c);
    const ascii = ch.normalize('NFKC');
    if (/^[A-Za-z]$/.test(ascii)) table.set(ch, ascii);
  }
  return table;
}

const INVISIBLE = /[\u200B\u200C\u200D\u2060-\u2064\uFEFF\u180E\u034F\u00AD]/;
const SOFT_HYPHEN = '\u00AD';
// A word: letters, with invisible characters allowed between them.
const WORD = /[\p{L}\p{M}](?:[\p{L}\p{M}]|[\u200B\u200C\u200D\u2060-\u2064\uFEFF\u180E\u034F\u00AD](?=[\p{L}\p{M}]))*/gu;

const MAYBE_EVASION = /[\u200B\u200C\u200D\u2060-\u2064\uFEFF\u180E\u034F\u00AD]|(?![\x00-\x7f])\p{L}/u;

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** See the module note. Cheap when there is nothing to undo (one regex test). */
export function normaliseConfusables(text: string): ConfusableNormalisation {
  const identity: ConfusableNormalisation = { text, changed: false, characters: [], words: [], originalEnd: (e) => e };
  // Only a non-ASCII letter (a possible look-alike) or an invisible character can be undone:
  // curly quotes and dashes alone do not need the look-alike table built.
  if (!MAYBE_EVASION.test(text)) return identity;
  const map = lookalikes();
  let ascii = 0;
  let letters = 0;
  for (const m of text.matchAll(/\p{L}/gu)) {
    letters++;
    if (m[0].charCodeAt(0) < 0x80) ascii++;
  }
  const mostlyLatin = letters > 0 && ascii / letters > 0.5;
  const out = text.split('');
  const characters: EvasionChar[] = [];
  const words: { start: number; end: number; visibleEnd: number }[] = [];
  const moved = new Map<number, number>();
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index ?? 0;
    const chars = [...word];
    const hasLatin = chars.some((c) => /[A-Za-z]/.test(c));
    const look = chars.filter((c) => map.has(c));
    const hidden = chars.filter((c) => INVISIBLE.test(c));
    if (look.length === 0 && hidden.length === 0) continue;
    const allLookalike = look.length > 0 && chars.every((c) => map.has(c) || INVISIBLE.test(c));
    const swapLetters = look.length > 0 && (hasLatin || (allLookalike && mostlyLatin));
    if (!swapLetters && hidden.length === 0) continue;
    // Rebuild the word: visible characters (look-alikes replaced) then its invisibles.
    let visible = '';
    let tail = '';
    let offset = start;
    for (const c of chars) {
      if (INVISIBLE.test(c)) {
        tail += c;
        if (c !== SOFT_HYPHEN) characters.push({ char: c, codePoint: hex(c), offset, readsAs: '' });
      } else if (swapLetters && map.has(c)) {
        visible += map.get(c)!;
        characters.push({ char: c, codePoint: hex(c), offset, readsAs: map.get(c)! });
      } else visible += c;
      offset += c.length;
    }
    const rebuilt = visible + tail;
    if (rebuilt === word) continue;
    for (let k = 0; k < rebuilt.length; k++) out[start + k] = rebuilt[k];
    if (tail) moved.set(start + visible.length, tail.length);
    if (characters.some((c) => c.offset >= start && c.offset < start + word.length)) words.push({ start, end: start + word.length, visibleEnd: start + visible.length });
  }
  if (characters.length === 0 && moved.size === 0) return identity;
  return {
    text: out.join(''),
    changed: true,
    characters,
    words,
    originalEnd: (end) => end + (moved.get(end) ?? 0),
  };
}

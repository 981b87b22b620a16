/**
 * @module core/limits
 * Every limit on the size of an input and on the work spent on it, in one place, with why
 * each value is what it is. Every input ends in bounded time and memory: either a report, or
 * a refusal (INPUT_TOO_LARGE for bytes, INPUT_OVER_LIMIT for everything else) whose message
 * names the measured value and the limit. The values sit far above anything a real article
 * reaches (measured on the 64,843 articles of ../shared/corpus and the 181 pages of the
 * Zyte extraction benchmark), so no real input meets them and no report on a real input
 * changes because of them.
 *
 * The CLI, the HTTP server and ingestion all read these defaults; each may be overridden per
 * run (`Partial<Limits>`), never silently.
 */
import { UnspunError } from './errors.ts';

export interface Limits {
  /** Bytes read from one input (file, pipe, device, request body, JSONL line, WARC record), after decompression. */
  maxInputBytes: number;
  /** Elements of one HTML page. */
  maxHtmlElements: number;
  /** Nesting depth of an HTML page above which it is read as flat text (no Readability). */
  maxDomDepth: number;
  /** Words of one article (suspect or reference). */
  maxArticleWords: number;
  /** Characters of one word (a run without whitespace). */
  maxWordChars: number;
  /** Sentences of the suspect. */
  maxSentences: number;
  /** Characters of one sentence: longer pieces are cut, as run-ons are. */
  maxSentenceChars: number;
  /** Sentence comparisons of the align stage (suspect sentences x all source sentences). */
  maxAlignPairs: number;
  /** Bytes of one report kept by the server. */
  maxStoredReportBytes: number;
}

/**
 * 20 MB of bytes: ~40x the largest real article page we have seen (~500 KB with inline
 * scripts); larger inputs are dumps or mistakes. Counted while reading, so a device or a
 * pipe that reports no size (`/dev/zero`) stops at the limit too.
 */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * 30,000 elements: the largest page of the Zyte benchmark has 1,596, heavy news front pages
 * a few thousand. Extraction costs ~0.1-0.3 ms per element, so the cap bounds it to seconds.
 */
export const MAX_HTML_ELEMENTS = 30_000;

/**
 * Depth 128: the deepest of the 181 Zyte benchmark pages is 51. Readability's cleaning is
 * quadratic in depth (20,000 unclosed <div>s ran for minutes); a deeper page is read as its
 * plain block text instead, which is linear.
 */
export const MAX_DOM_DEPTH = 128;

/** 50,000 words: the longest of the 64,843 corpus articles has 13,403 (p99.9: 6,232). */
export const MAX_ARTICLE_WORDS = 50_000;

/**
 * 1,000 characters: the longest whitespace-free run in the corpus is a 201-character URL.
 * A longer run is encoded data or padding, not prose (a 5 MB "word" exhausted 4 GB).
 */
export const MAX_WORD_CHARS = 1_000;

/** 3,000 sentences: the longest of 37,547 AllSides articles splits into 529 (p99.9: 370). */
export const MAX_SENTENCES = 3_000;

/**
 * 2,000 characters: the longest sentence of 37,547 AllSides articles (after run-on
 * splitting) has 826. Longer pieces are cut at a space, as run-ons are cut at words, so
 * per-sentence work (tokens, word diff) stays bounded. Twice MAX_WORD_CHARS, so a space
 * always falls inside the window.
 */
export const MAX_SENTENCE_CHARS = 2_000;

/**
 * 1,000,000 comparisons: ~8 us each (measured on a shared 2-core machine), so a few seconds.
 * A 529-sentence article against three 529-sentence sources needs 840,000.
 */
export const MAX_ALIGN_PAIRS = 1_000_000;

/** 16 MB: a 3,000-sentence report is ~10 MB of JSON; the demo reports are 40-80 KB. */
export const MAX_STORED_REPORT_BYTES = 16 * 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxInputBytes: MAX_INPUT_BYTES,
  maxHtmlElements: MAX_HTML_ELEMENTS,
  maxDomDepth: MAX_DOM_DEPTH,
  maxArticleWords: MAX_ARTICLE_WORDS,
  maxWordChars: MAX_WORD_CHARS,
  maxSentences: MAX_SENTENCES,
  maxSentenceChars: MAX_SENTENCE_CHARS,
  maxAlignPairs: MAX_ALIGN_PAIRS,
  maxStoredReportBytes: MAX_STORED_REPORT_BYTES,
});

/** Defaults with `overrides` applied (undefined entries keep the default). */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(overrides) as [keyof Limits, number | undefined][]) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Binary sniffing: a NUL byte in the first BINARY_SNIFF_BYTES, or more than
 * BINARY_CONTROL_RATIO of them being C0 control characters other than tab/CR/LF/FF/ESC,
 * means binary (once UTF-16/32 have been recognised). 8 KB and 10% follow git and file(1);
 * real news HTML and text have ~0.
 */
export const BINARY_SNIFF_BYTES = 8192;
export const BINARY_CONTROL_RATIO = 0.1;

/** "1,234" */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * A byte count for a message, never rounded to the limit it is compared with:
 * "20.4 MB", and "20.0001 MB" rather than "20.0 MB" for one byte over 20 MB.
 */
export function formatBytes(n: number, other?: number): string {
  const unit = n >= 1024 * 1024 || (other ?? 0) >= 1024 * 1024 ? [1024 * 1024, 'MB'] as const : n >= 1024 || (other ?? 0) >= 1024 ? [1024, 'KB'] as const : null;
  if (!unit) return `${formatCount(n)} bytes`;
  for (let digits = 1; digits <= 6; digits++) {
    const a = (n / unit[0]).toFixed(digits);
    if (other === undefined || a !== (other / unit[0]).toFixed(digits)) return `${a} ${unit[1]}`;
  }
  return `${formatCount(n)} bytes`;
}

/** "20.4 MB, limit 20.0 MB" */
export function bytesVersusLimit(size: number, limit: number): string {
  return `${formatBytes(size, limit)}, limit ${formatBytes(limit, size)}`;
}

/** The refusal for a measured value over a limit: "<subject>: is over a processing limit: 4,200 sentences, limit 3,000". */
export function overLimit(subject: string, what: string, value: number, limit: number, hint?: string): UnspunError {
  return new UnspunError('INPUT_OVER_LIMIT', subject, `${formatCount(value)} ${what}, limit ${formatCount(limit)}${hint ? ` (${hint})` : ''}`);
}

/**
 * Words and the longest whitespace-free run of `text`, in one linear pass; throws
 * INPUT_OVER_LIMIT naming `subject` when either is over its limit.
 */
export function checkTextLimits(text: string, subject: string, limits: Pick<Limits, 'maxArticleWords' | 'maxWordChars'> = DEFAULT_LIMITS): void {
  let words = 0;
  let run = 0;
  let longest = 0;
  let longestAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII whitespace, NBSP and the Unicode spaces that \s matches.
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
    if (space) {
      run = 0;
      continue;
    }
    if (run === 0) words++;
    run++;
    if (run > longest) {
      longest = run;
      longestAt = i - run + 1;
    }
  }
  if (longest > limits.maxWordChars) {
    throw overLimit(subject, `characters without a space (from character ${formatCount(longestAt)})`, longest, limits.maxWordChars);
  }
  if (words > limits.maxArticleWords) throw overLimit(subject, 'words', words, limits.maxArticleWords);
}

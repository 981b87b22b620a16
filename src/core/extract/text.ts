/**
 * @module core/extract/text
 * Plain-text input: title from a first line followed by a blank line, body paragraphs from
 * blank-line blocks, with hard-wrapped lines re-joined and one-paragraph-per-line text kept
 * apart.
 */
import type { RemovedText } from '../types.ts';
import { MAX_TITLE_WORDS } from './settings.ts';

export interface TextParts {
  title: string | null;
  body: string;
  removed: RemovedText[];
}


/**
 * Normalises line endings, drops a byte-order mark and zero-width characters, except those
 * hidden inside a word: they are an evasion, undone and reported by core/text/confusables.ts.
 */
export function normalizeText(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/(?<![\p{L}\p{M}])[\u200B-\u200D\u2060\uFEFF]+|[\u200B-\u200D\u2060\uFEFF]+(?![\p{L}\p{M}])/gu, '')
    .replace(/[ \t\f\v]+$/gm, '');
}

/** Splits plain text into its title line and the rest. */
export function splitTitle(content: string): TextParts {
  const removed: RemovedText[] = [];
  const text = normalizeText(content);
  const m = /^\s*([^\n]+)\n[ \t]*\n([\s\S]*)$/.exec(text);
  if (!m) return { title: null, body: text.trim(), removed };
  let title = m[1].trim();
  if (title.split(/\s+/).length > MAX_TITLE_WORDS || /^by\s/i.test(title)) return { title: null, body: text.trim(), removed };
  // Prompt scaffolding and Markdown heading marks are not part of the title.
  const label = /^(?:#{1,6}\s+|(?:title|headline)\s*:\s*)/i.exec(title);
  if (label) {
    if (!label[0].startsWith('#')) removed.push({ text: label[0].trim(), reason: 'template-leftover' });
    title = title.slice(label[0].length).trim();
  }
  title = title.replace(/^\*\*(.+)\*\*$/, '$1').trim();
  return { title: title || null, body: m[2].trim(), removed };
}

/**
 * Re-flows a body into "\n\n"-separated paragraphs. A block whose lines look hard-wrapped
 * (all but the last line long and of similar length) is one paragraph; otherwise every line
 * is its own paragraph (pasted text often has one paragraph per line and no blank lines).
 */
export function reflowParagraphs(body: string): string {
  const blocks = body.split(/\n[ \t]*\n/);
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.length > 1 && looksWrapped(lines)) {
      out.push(lines.join(' ').replace(/\s+/g, ' '));
    } else {
      for (const l of lines) out.push(l.replace(/\s+/g, ' '));
    }
  }
  return out.join('\n\n');
}

function looksWrapped(lines: string[]): boolean {
  const longest = Math.max(...lines.map((l) => l.length));
  // Wrapped text breaks near a fixed column (typically 60-100); paragraphs-per-line run longer.
  if (longest > 120 || longest < 30) return false;
  return lines.slice(0, -1).every((l) => l.length >= longest * 0.6 && !/[.!?:]["”’)]?$/.test(l) || l.length >= longest * 0.85);
}

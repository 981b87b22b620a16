/**
 * @module bench/lib/table
 * Markdown table writer and number formatting shared by all tasks, so every table in
 * docs/benchmarks.md looks the same.
 */

export type Cell = string | number | null | undefined;

/** A GitHub-flavoured markdown table. Numbers are printed with `fmt`; null/undefined as "–". */
export function markdownTable(header: string[], rows: Cell[][], align?: ('l' | 'r')[]): string {
  const al = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const esc = (c: Cell) => (c === null || c === undefined ? '–' : typeof c === 'number' ? fmt(c) : c.replace(/\|/g, '\\|').replace(/\n/g, ' '));
  const lines = [
    `| ${header.map(esc).join(' | ')} |`,
    `|${al.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`,
    ...rows.map((r) => `| ${header.map((_, i) => esc(r[i])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Three decimals for scores in [0,1], otherwise a sensible precision. */
export function fmt(n: number): string {
  if (Number.isNaN(n)) return 'n/a';
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const a = Math.abs(n);
  if (a < 1) return n.toFixed(3);
  if (a < 100) return n.toFixed(2);
  return Math.round(n).toLocaleString('en-US');
}

export function pct(n: number): string {
  return Number.isNaN(n) ? 'n/a' : `${(n * 100).toFixed(1)}%`;
}

/** English plural of a unit noun ("summary" -> "summaries", "story" -> "stories", "sentence pair" -> "sentence pairs"). */
export function plural(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

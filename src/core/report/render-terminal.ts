/**
 * @module core/report/render-terminal
 * The report as a terminal reader sees it: verdict, sources and why, share reused, counts,
 * then each aligned pair (side by side when the terminal is wide, stacked when narrow) with
 * the changed words highlighted. Without colour, changes use git's word-diff markers
 * (`[-removed-]` on the source side, `{+added+}` on the suspect side) so a copy pasted into
 * an email still shows them. Pure: colour and width are decided at the edge.
 */
import type { Report } from '../types.ts';
import {
  buildView,
  countsLine,
  creditLine,
  describeSource,
  isQuietRow,
  percent,
  type ReportChange,
  type ReportRow,
  sentenceCase,
  type Segment,
} from './view-model.ts';

export interface TerminalOptions {
  color: boolean;
  /** Columns available; default 100. */
  width?: number;
  /** Fold rows that are faithful reuse into a one-line count (used by `unspun demo`). */
  compact?: boolean;
}

/** Below this width the two sides are stacked instead of side by side. */
export const SIDE_BY_SIDE_MIN_WIDTH = 110;
const DEFAULT_WIDTH = 100;
/** Longer evidence strings are whole passages, already printed in the row. */
const MAX_EVIDENCE_WORD_CHARS = 60;
const MIN_WIDTH = 40;

const ANSI = {
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  magenta: '\x1b[35m',
  cyan: '\x1b[36m',
  inverse: '\x1b[7m',
  strike: '\x1b[9m',
  reset: '\x1b[0m',
} as const;

type Style = keyof typeof ANSI;

export function renderTerminal(report: Report, options: TerminalOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const paint = (text: string, ...styles: Style[]): string =>
    options.color && styles.length > 0 ? styles.map((s) => ANSI[s]).join('') + text + ANSI.reset : text;
  const out: string[] = [];
  const view = buildView(report);

  // Header: the answer first, then why.
  const s = report.suspect;
  out.push(...wrap(`unspun report: ${s.title ?? '(no title)'}`, width, '  ').map((l) => paint(l, 'bold')));
  out.push(...wrap(`input: ${s.name}${s.published ? `, published ${s.published}` : ''}${s.byline ? `, by ${s.byline}` : ''}`, width, '  ').map((l) => paint(l, 'dim')));
  out.push('');
  const verdict = !report.corpus.searched
    ? paint('NO CORPUS SEARCHED', 'bold', 'yellow')
    : report.verdict.found
      ? paint('SOURCE FOUND', 'bold', 'green')
      : paint('NO SOURCE FOUND', 'bold', 'yellow');
  out.push(...wrap(`${verdict}  ${sentenceCase(report.verdict.reason)}`, width));
  if (report.corpus.searched) out.push(`Corpus searched: ${report.corpus.size} article${report.corpus.size === 1 ? '' : 's'}.`);

  report.sources.forEach((src, i) => {
    out.push(...wrap(`Source ${i + 1}: ${describeSource(src)}, confidence ${src.confidence.toFixed(2)}`, width));
    out.push(...wrap(`  why: ${src.why}`, width, '       '));
    if (src.url) out.push(...wrap(`  url: ${src.url}`, width, '       '));
  });
  if (report.sources.length > 0) {
    out.push(...wrap(`Reused: ${percent(report.summary.reusedShare)} of ${report.summary.suspectSentences} suspect sentences come from the source${report.sources.length > 1 ? 's' : ''}.`, width));
  } else {
    out.push(`Suspect: ${report.summary.suspectSentences} sentences.`);
  }
  const credit = creditLine(report);
  if (credit) out.push(...wrap(credit, width).map((l) => (report.credit?.flag === 'verbatim-uncredited' ? paint(l, 'bold', 'yellow') : l)));
  out.push(...wrap(`Changes: ${countsLine(report)}; ${report.summary.serious} serious (medium or high).`, width));
  if (s.removed.length > 0) {
    const reasons = [...new Set(s.removed.map((r) => r.reason))].join(', ');
    out.push(...wrap(`Cut from the page: ${s.removed.length} passage${s.removed.length === 1 ? '' : 's'} (${reasons}).`, width));
  }
  if (!options.color) out.push(...wrap('Markers: [-in the source only-] {+in the suspect only+}', width).map((l) => paint(l, 'dim')));

  // Rows.
  const sideBySide = width >= SIDE_BY_SIDE_MIN_WIDTH && report.sources.length > 0;
  let folded = 0;
  const flushFolded = (): void => {
    if (folded > 0) out.push(paint(`  … ${folded} faithfully reused sentence group${folded === 1 ? '' : 's'} not shown`, 'dim'));
    folded = 0;
  };
  const rows = report.sources.length > 0 ? view.rows : view.rows.filter((r) => r.changes.length > 0);
  if (rows.length > 0) {
    out.push('');
    out.push(paint(report.sources.length > 0 ? 'Sentence by sentence' : 'Findings from the article alone', 'bold'));
  }
  for (const row of rows) {
    if (options.compact && isQuietRow(row)) {
      folded++;
      continue;
    }
    flushFolded();
    out.push('');
    out.push(rowHeading(row, width, paint));
    if (row.kind === 'inserted') {
      out.push(...wrapSegments(row.suspectSegments, width - 2, options.color, 'added').map((l) => '  ' + l));
      out.push(...wrap('  (no counterpart in the source)', width, '  ').map((l) => paint(l, 'magenta')));
    } else if (row.kind === 'omitted') {
      out.push(...wrapSegments(row.sourceSegments, width - 2, options.color, 'removed').map((l) => '  ' + l));
      out.push(...wrap('  (in the source, absent from the suspect)', width, '  ').map((l) => paint(l, 'magenta')));
    } else if (!row.source) {
      out.push(...wrapSegments(row.suspectSegments, width - 2, options.color, null).map((l) => '  ' + l));
    } else if (sideBySide) {
      const col = Math.floor((width - 3) / 2);
      const left = wrapSegments(row.suspectSegments, col, options.color, 'added');
      const right = wrapSegments(row.sourceSegments, col, options.color, 'removed');
      out.push(paint(pad('suspect', col) + ' │ source', 'dim'));
      for (let i = 0; i < Math.max(left.length, right.length); i++) {
        out.push(pad(left[i] ?? '', col) + ' │ ' + (right[i] ?? '').trimEnd());
      }
    } else {
      const label = (t: string) => paint(t, 'dim');
      const l = wrapSegments(row.suspectSegments, width - 9, options.color, 'added');
      const r = wrapSegments(row.sourceSegments, width - 9, options.color, 'removed');
      l.forEach((line, i) => out.push((i === 0 ? label('suspect  ') : '         ') + line));
      r.forEach((line, i) => out.push((i === 0 ? label('source   ') : '         ') + line));
    }
    for (const c of row.changes) out.push(...changeLines(c, width, paint));
  }
  flushFolded();

  if (view.other.length > 0) {
    out.push('');
    out.push(paint('Other findings', 'bold'));
    for (const c of view.other) {
      const quoted = c.suspectText ?? c.sourceText;
      // A headline change quotes the whole headline: its reason says which words changed.
      if (options.compact && quoted && c.part !== 'title') {
        // One line each: the cut text is what a reader wants to recognise.
        out.push(...wrap(`  ▸ ${paint(c.kind.toUpperCase(), 'bold')} ${c.severity}${c.scope === 'single-article' ? ' (from the article alone)' : ''}: "${oneLine(quoted)}"`, width, '      '));
        continue;
      }
      out.push(...changeLines(c, width, paint, false));
      if (quoted) out.push(...wrap(`    "${oneLine(quoted)}"`, width, '     '));
    }
  }
  return out.join('\n') + '\n';
}

type Paint = (text: string, ...styles: Style[]) => string;

function rowHeading(row: ReportRow, width: number, paint: Paint): string {
  const where = [
    row.suspectSentences.length > 0 ? `suspect ${sentenceList(row.suspectSentences)}` : null,
    row.source ? `source ${sentenceList(row.sourceSentences)}` : null,
  ]
    .filter(Boolean)
    .join(' ⇄ ');
  let tag = '';
  if (row.kind === 'inserted') tag = paint(' INSERTED: NO SOURCE SUPPORT ', 'bold', 'inverse', 'magenta');
  else if (row.kind === 'omitted') tag = paint(' OMITTED FROM THE SUSPECT ', 'bold', 'inverse', 'magenta');
  const sim = row.kind === 'pair' && row.group && row.source ? ` (similarity ${row.group.similarity.toFixed(2)})` : '';
  const full = `── ${where}${sim} `;
  // Narrow terminals drop the similarity, then put the tag on its own line.
  const head = visibleLength(full) + visibleLength(tag) + 4 <= width ? full : `── ${where} `;
  if (visibleLength(head) + visibleLength(tag) + 1 > width && tag) return paint(head, 'cyan') + '\n' + tag;
  const rule = '─'.repeat(Math.max(0, width - head.length - visibleLength(tag) - 1));
  return paint(head, 'cyan') + tag + (tag ? ' ' : '') + paint(rule, 'cyan');
}

function changeLines(c: ReportChange, width: number, paint: Paint, showWords = true): string[] {
  const sevStyle: Style[] =
    c.severity === 'high' ? ['bold', 'red'] : c.severity === 'medium' ? ['yellow'] : ['dim'];
  const alone = c.scope === 'single-article' ? ' (from the article alone)' : '';
  const head = `  ▸ ${paint(c.kind.toUpperCase(), 'bold')} ${paint(c.severity, ...sevStyle)}${alone}: `;
  // The words at stake, when they are short enough to read at a glance (a whole inserted or
  // omitted sentence is already shown above).
  const at = [...c.evidence.source.map((w) => `-${w}`), ...c.evidence.suspect.map((w) => `+${w}`)];
  const words = showWords && at.length > 0 && at.every((w) => w.length <= MAX_EVIDENCE_WORD_CHARS) ? ` [${at.join(' ')}]` : '';
  return wrap(head + c.evidence.reason + words, width, '      ');
}

function sentenceList(indexes: number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  // Runs of neighbours as ranges, others joined with "+": [0, 1, 2] -> "#1-3", [0, 20] -> "#1+21".
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(i === j ? `${sorted[i] + 1}` : `${sorted[i] + 1}-${sorted[j] + 1}`);
    i = j + 1;
  }
  return `#${runs.join('+')}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? flat.slice(0, 199) + '…' : flat;
}

// ANSI escapes take no columns.
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return [...text.replace(ANSI_RE, '')].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** Greedy word wrap of plain (possibly painted) text; continuation lines get `indent`. */
function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  const room = Math.max(10, width - indent.length);
  const words = text
    .slice(lead.length)
    .split(' ')
    .flatMap((w) => (visibleLength(w) > room && !w.includes('\x1b') ? chunk(w, room) : [w]));
  for (const word of words) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      lines.push(line);
      line = indent + word;
    } else line = candidate;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/**
 * Wraps highlighted segments to `width` columns. Each changed run is coloured word by word
 * (so colour never bleeds across a line break), or bracketed once with word-diff markers.
 */
function wrapSegments(segments: Segment[], width: number, color: boolean, mark: 'added' | 'removed' | null): string[] {
  // Words are runs of non-space; a word may hold pieces from several segments ("500" + ",").
  type Piece = { text: string; changed: boolean; unit: number };
  const pieces: Piece[] = [];
  let unit = -1;
  let spaceBefore = true;
  for (const seg of segments) {
    for (const tok of seg.text.split(/(\s+)/)) {
      if (tok === '') continue;
      if (/^\s+$/.test(tok)) {
        spaceBefore = true;
        continue;
      }
      if (spaceBefore) unit++;
      pieces.push({ text: tok, changed: seg.changed && mark !== null, unit });
      spaceBefore = false;
    }
  }
  const words: { visible: string; shown: string }[] = [];
  pieces.forEach((p, i) => {
    let visible = p.text;
    let shown = p.text;
    if (p.changed) {
      if (color) shown = (mark === 'added' ? ANSI.bold + ANSI.green : ANSI.red + ANSI.strike) + p.text + ANSI.reset;
      else {
        const open = !pieces[i - 1]?.changed ? (mark === 'added' ? '{+' : '[-') : '';
        const close = !pieces[i + 1]?.changed ? (mark === 'added' ? '+}' : '-]') : '';
        visible = shown = open + p.text + close;
      }
    }
    const last = words[words.length - 1];
    if (last && pieces[i - 1]?.unit === p.unit) {
      last.visible += visible;
      last.shown += shown;
    } else words.push({ visible, shown });
  });
  const lines: string[] = [];
  let shown = '';
  let len = 0;
  for (const w of words.flatMap((w) => (w.visible === w.shown && [...w.visible].length > width ? chunk(w.visible, width).map((p) => ({ visible: p, shown: p })) : [w]))) {
    const wl = [...w.visible].length;
    if (len > 0 && len + 1 + wl > width) {
      lines.push(shown);
      shown = '';
      len = 0;
    }
    shown += (len > 0 ? ' ' : '') + w.shown;
    len += (len > 0 ? 1 : 0) + wl;
  }
  if (len > 0) lines.push(shown);
  return lines;
}

/** Cuts a word longer than a line (a URL, a hash) into line-sized pieces. */
function chunk(word: string, size: number): string[] {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

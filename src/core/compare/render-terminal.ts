/**
 * @module core/compare/render-terminal
 * A compare report as a terminal reader sees it: the stories found, then per copy where it
 * departs from the others, each with how many copies agree ("3 of 4 copies say ..."), then
 * what each copy shows on its own. Pure: colour and width are decided at the edge.
 */
import type { Change, Severity } from '../types.ts';
import type { CompareCopy, CompareReport, Departure } from './types.ts';

export interface CompareTerminalOptions {
  color: boolean;
  /** Columns available; default 100. */
  width?: number;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', magenta: '\x1b[35m', reset: '\x1b[0m' } as const;
type Style = keyof typeof ANSI;
const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3 };
const SEVERITY_STYLE: Record<Severity, Style[]> = { high: ['bold', 'red'], medium: ['yellow'], low: ['dim'], none: ['dim'] };

export function renderCompareTerminal(report: CompareReport, options: CompareTerminalOptions): string {
  const width = Math.max(40, Math.floor(options.width ?? 100));
  const paint = (text: string, ...styles: Style[]): string => (options.color && styles.length > 0 ? styles.map((s) => ANSI[s]).join('') + text + ANSI.reset : text);
  const copies = new Map(report.copies.map((c) => [c.id, c]));
  const out: string[] = [];
  const { summary } = report;
  out.push(paint(`unspun compare: ${summary.copies} copies, ${summary.clusters} ${summary.clusters === 1 ? 'story' : 'stories'}, ${summary.serious} serious departure${summary.serious === 1 ? '' : 's'}`, 'bold'));

  for (const cluster of report.clusters) {
    out.push('');
    const pivot = copies.get(cluster.pivot)!;
    out.push(...wrap(paint(`${cluster.id.toUpperCase()}: ${cluster.copies.length} ${cluster.copies.length === 1 ? 'copy' : 'copies'}, "${pivot.title ?? '(no title)'}"`, 'bold'), width, '  '));
    for (const id of cluster.copies) {
      const c = copies.get(id)!;
      out.push(...wrap(`  ${label(c)}${id === cluster.pivot ? ' (pivot: most like the others)' : ''}`, width, '      '));
    }
    if (cluster.copies.length > 1) {
      const consensus = cluster.slots.filter((s) => s.consensus).length;
      out.push(...wrap(`  ${cluster.slots.length} sentence slots, ${consensus} held by most copies.`, width, '  '));
    } else out.push(paint('  Only one copy of this story: nothing to compare it with.', 'dim'));

    for (const id of cluster.copies) {
      const c = copies.get(id)!;
      const f = report.findings.find((x) => x.copy === id)!;
      out.push('');
      const departures = [...f.departures].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.slot - b.slot);
      const head = cluster.copies.length === 1 ? '' : f.serious > 0 ? paint(`${f.serious} serious departure${f.serious === 1 ? '' : 's'}`, 'bold', 'red') : departures.length > 0 ? paint('no serious departures', 'green') : paint('agrees with the others', 'green');
      out.push(...wrap(`${paint(label(c), 'bold')}${head ? `: ${head}` : ''}`, width, '    '));
      for (const d of departures) out.push(...departureLines(d, copies, width, paint));
      const alone = f.singleArticle.filter((x) => x.kind !== 'boilerplate');
      if (alone.length > 0) {
        out.push(...wrap(paint('  From this copy alone:', 'dim'), width, '    '));
        for (const x of alone) out.push(...singleLines(x, width, paint));
      }
      const cut = c.removed.length;
      if (cut > 0) out.push(...wrap(paint(`  Cut from the page: ${cut} passage${cut === 1 ? '' : 's'} (${[...new Set(c.removed.map((r) => r.reason))].join(', ')}).`, 'dim'), width, '    '));
    }
  }
  return out.join('\n') + '\n';
}

function label(c: CompareCopy): string {
  return `[${c.id}] ${c.name}`;
}

function departureLines(d: Departure, copies: Map<string, CompareCopy>, width: number, paint: (t: string, ...s: Style[]) => string): string[] {
  const tag = paint(`${d.kind.toUpperCase()} (${d.severity})`, ...SEVERITY_STYLE[d.severity]);
  const lines = wrap(`  - ${tag} slot ${d.slot + 1}: ${d.summary}`, width, '      ');
  lines.push(...wrap(`      why: ${d.evidence.reason}`, width, '        ').map((l) => paint(l, 'dim')));
  if (d.sharedWith.length > 0) lines.push(...wrap(`      also in: ${d.sharedWith.map((id) => copies.get(id)?.name ?? id).join(', ')}`, width, '        '));
  return lines;
}

function singleLines(c: Change, width: number, paint: (t: string, ...s: Style[]) => string): string[] {
  const tag = paint(`${c.kind.toUpperCase()} (${c.severity})`, ...SEVERITY_STYLE[c.severity]);
  return wrap(`  - ${tag}: ${c.evidence.reason}${c.evidence.suspect.length > 0 ? ` "${c.evidence.suspect.join('", "')}"` : ''}`, width, '      ');
}

const visibleLength = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/** Word wrap that ignores colour codes when measuring. */
function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (const word of text.slice(lead.length).split(' ')) {
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

/**
 * @module core/report/view-model
 * Turns a {@link Report} into what both renderers (terminal and HTML) show: rows in reading
 * order with their changes attached, and each side's text cut into plain and highlighted
 * segments. Keeping this in one place means the two views cannot disagree about a report.
 */
import type { ChangeScope, Change, DiffPart, Report, ReportAlignment, ReportSource, Severity } from '../types.ts';

export type ReportChange = Change & { scope: ChangeScope };

/** A run of text, highlighted when it differs from the other side. */
export interface Segment {
  text: string;
  changed: boolean;
}

export type RowKind = 'pair' | 'inserted' | 'omitted';

export interface ReportRow {
  kind: RowKind;
  group: ReportAlignment | null;
  /** Suspect sentence indexes (empty for an omitted passage). */
  suspectSentences: number[];
  source: ReportSource | null;
  sourceSentences: number[];
  suspectText: string;
  sourceText: string;
  /** Suspect side with added words highlighted (empty for omitted rows). */
  suspectSegments: Segment[];
  /** Source side with removed words highlighted (empty for inserted rows). */
  sourceSegments: Segment[];
  changes: ReportChange[];
}

export interface ReportView {
  rows: ReportRow[];
  /** Findings not tied to any row, e.g. boilerplate cut from the page. */
  other: ReportChange[];
}

export const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3 };

/** Kinds that mean "nothing to worry about" when they are all a row has. */
const BENIGN_KINDS = new Set(['verbatim', 'paraphrase']);

/**
 * Rows in suspect reading order. Omitted source passages are placed right after the row
 * holding the nearest earlier sentence of the same source, where a reader would miss them.
 * Without an alignment (no corpus), one row per suspect sentence.
 */
export function buildView(report: Report): ReportView {
  const sourceById = new Map(report.sources.map((s) => [s.id, s]));
  const placed = new Set<ReportChange>();
  const keyed: { key: number; tie: number; row: ReportRow }[] = [];

  const groups: ReportAlignment[] =
    report.alignment.length > 0
      ? report.alignment
      : report.suspect.sentences.map((s) => ({ suspect: [s.index], source: null, similarity: 0 }));
  const noCorpus = report.alignment.length === 0;

  for (const group of groups) {
    const source = group.source ? (sourceById.get(group.source.id) ?? null) : null;
    const sourceSentences = group.source?.sentences ?? [];
    const kind: RowKind = group.suspect.length === 0 ? 'omitted' : group.source ? 'pair' : 'inserted';
    const suspectText = textOf(report.suspect.text, report.suspect.sentences, group.suspect);
    const sourceText = source ? textOf(source.text, source.sentences, sourceSentences) : '';
    const changes = report.changes.filter((c) => {
      if (kind === 'omitted') {
        return c.suspectSentences.length === 0 && c.sourceId === group.source?.id && overlaps(c.sourceSentences, sourceSentences);
      }
      if (!overlaps(c.suspectSentences, group.suspect)) return false;
      if (c.scope === 'single-article' || !group.source || c.sourceId === null) return true;
      return c.sourceId === group.source.id;
    });
    changes.forEach((c) => placed.add(c));
    const row: ReportRow = {
      kind: noCorpus ? 'pair' : kind,
      group: noCorpus ? null : group,
      suspectSentences: group.suspect,
      source,
      sourceSentences,
      suspectText,
      sourceText,
      suspectSegments: kind === 'omitted' ? [] : highlight(suspectText, group.diff, 'suspect'),
      sourceSegments: kind === 'inserted' ? [] : highlight(sourceText, group.diff, 'source'),
      changes: sortChanges(changes),
    };
    keyed.push({ key: Math.min(...group.suspect, Infinity), tie: Math.min(...sourceSentences, Infinity), row });
  }

  // Place omitted rows after the row that holds the closest preceding source sentence.
  for (const k of keyed) {
    if (k.row.kind !== 'omitted' || !k.row.source) continue;
    const first = Math.min(...k.row.sourceSentences);
    let best: { key: number; at: number } | null = null;
    for (const other of keyed) {
      if (other.row.kind !== 'pair' || other.row.source?.id !== k.row.source.id) continue;
      const before = other.row.sourceSentences.filter((i) => i < first);
      if (before.length === 0) continue;
      const at = Math.max(...before);
      if (!best || at > best.at) best = { key: other.key, at };
    }
    k.key = best ? best.key + 0.5 : -0.5;
  }
  keyed.sort((a, b) => a.key - b.key || a.tie - b.tie);

  return { rows: keyed.map((k) => k.row), other: sortChanges(report.changes.filter((c) => !placed.has(c))) };
}

/** True when a row holds only faithful reuse, so a compact view may fold it away. */
export function isQuietRow(row: ReportRow): boolean {
  if (row.kind !== 'pair' || !row.source) return false;
  return row.changes.every((c) => BENIGN_KINDS.has(c.kind) || c.severity === 'none');
}

/** Most serious first; ties keep the report's order. */
export function sortChanges(changes: ReportChange[]): ReportChange[] {
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => SEVERITY_RANK[b.c.severity] - SEVERITY_RANK[a.c.severity] || a.i - b.i)
    .map((x) => x.c);
}

/** The text of some sentences: the exact body span when they are contiguous. */
export function textOf(body: string, sentences: Report['suspect']['sentences'], indexes: number[]): string {
  const picked = indexes.map((i) => sentences[i]).filter((s) => s !== undefined);
  if (picked.length === 0) return '';
  const contiguous = picked.every((s, k) => k === 0 || s.index === picked[k - 1].index + 1);
  if (contiguous) return body.slice(picked[0].start, picked[picked.length - 1].end);
  return picked.map((s) => s.text).join(' ');
}

/**
 * Cuts one side's text into segments, highlighting the words the diff marks as changed on
 * that side. Diff tokens are found in the text in order, so the exact original spacing and
 * punctuation survive whatever tokenisation the diff used.
 */
export function highlight(text: string, diff: DiffPart[] | undefined, side: 'suspect' | 'source'): Segment[] {
  if (!diff || diff.length === 0) return text ? [{ text, changed: false }] : [];
  const changedOp = side === 'suspect' ? 'added' : 'removed';
  const raw: Segment[] = [];
  let cursor = 0;
  for (const part of diff) {
    if (part.op !== 'same' && part.op !== changedOp) continue;
    const needle = part.text.trim();
    if (!needle) continue;
    const at = text.indexOf(needle, cursor);
    if (at < 0) continue;
    if (at > cursor) raw.push({ text: text.slice(cursor, at), changed: false });
    raw.push({ text: needle, changed: part.op === changedOp });
    cursor = at + needle.length;
  }
  if (cursor < text.length) raw.push({ text: text.slice(cursor), changed: false });

  // Whitespace between two changed words belongs to the change: "{+a b+}", not "{+a+} {+b+}".
  for (let i = 1; i < raw.length - 1; i++) {
    if (!raw[i].changed && /^\s+$/.test(raw[i].text) && raw[i - 1].changed && raw[i + 1].changed) raw[i].changed = true;
  }
  const merged: Segment[] = [];
  for (const s of raw) {
    const last = merged[merged.length - 1];
    if (last && last.changed === s.changed) last.text += s.text;
    else merged.push({ ...s });
  }
  return merged;
}

function overlaps(a: number[], b: number[]): boolean {
  return a.some((x) => b.includes(x));
}

/** Percent with no decimals, for headers. */
export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** "3 verbatim · 1 inserted" in catalogue order. */
export function countsLine(report: Report): string {
  const parts = Object.entries(report.summary.counts).map(([k, n]) => `${n} ${k}`);
  return parts.length > 0 ? parts.join(' · ') : 'none';
}

/** One-line source description: outlet, title, date, id. */
export function describeSource(s: ReportSource): string {
  const bits = [s.outlet, s.title ? `"${s.title}"` : null, s.published ? s.published.slice(0, 10) : null].filter(Boolean);
  return `${bits.join(', ') || '(untitled)'} [${s.id}]`;
}

/** First letter upper-cased, for reasons shown as a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One line on whether the copy credits its source (report `credit`), or null when no source
 * was found. Shared by the terminal, HTML and web views.
 */
export function creditLine(report: Report): string | null {
  const c = report.credit;
  if (!c) return null;
  if (c.credited) {
    const how = [
      c.outletNamed ? `names ${c.outletNamed}` : null,
      c.bylineKept ? 'keeps the byline' : null,
      c.linkBack ? `links back (${c.linkBack})` : null,
    ].filter(Boolean);
    return `Credit: the copy ${how.join(', ')}.`;
  }
  const share = `${Math.round(c.verbatimShare * 100)}% of its sentences word for word`;
  // The byline is named only when the corpus knows it.
  const byline = c.sourceByline ? ' nor its byline,' : '';
  return c.flag === 'verbatim-uncredited'
    ? `Credit: NONE. A verbatim copy (${share}) that names neither ${c.outlet ?? 'the source'}${byline} nor links to it.`
    : `Credit: none. The copy names neither ${c.outlet ?? 'the source'}${byline} nor links to it (${share}).`;
}

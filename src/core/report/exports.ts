/**
 * @module core/report/exports
 * A CSV of a report's changes, as a fact-checker files it: one row per change, both quotes,
 * kind, severity, the source's URL and a link to the finding. The ClaimReview JSON-LD is in
 * claim-review.ts.
 */
import { toCsv } from './csv.ts';
import { changeAnchor } from './claim-review.ts';
import type { Report } from '../types.ts';

export const CHANGES_CSV_HEADER = [
  'change',
  'kind',
  'severity',
  'confidence',
  'found',
  'suspect_quote',
  'source_quote',
  'suspect_words',
  'source_words',
  'reason',
  'rule',
  'suspect_sentences',
  'source_sentences',
  'source_id',
  'source_outlet',
  'source_title',
  'source_url',
  'article_url',
  'link',
];

/**
 * One row per change, in report order. `permalink` (the report's page) makes each row link
 * to its finding (`#change-n`).
 */
export function changesCsv(report: Report, options: { permalink?: string | null } = {}): string {
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const rows = report.changes.map((c, i) => {
    const src = c.sourceId ? sources.get(c.sourceId) : undefined;
    return [
      i + 1,
      c.kind,
      c.severity,
      Math.round(c.confidence * 100) / 100,
      c.scope === 'single-article' ? 'from the article alone' : 'against the source',
      c.suspectText,
      c.sourceText,
      c.evidence.suspect.join(' | '),
      c.evidence.source.join(' | '),
      c.evidence.reason,
      c.evidence.rule,
      c.suspectSentences.map((n) => n + 1).join(' '),
      c.sourceSentences.map((n) => n + 1).join(' '),
      c.sourceId,
      src?.outlet ?? null,
      src?.title ?? null,
      src?.url ?? null,
      report.suspect.url,
      options.permalink ? `${options.permalink}#${changeAnchor(i)}` : null,
    ];
  });
  return toCsv(CHANGES_CSV_HEADER, rows);
}


/**
 * @module core/report/restore-text
 * The pipeline compares a suspect's words after undoing look-alike letters and hidden
 * characters (core/text/confusables.ts); the report must still quote the suspect's own text.
 * The normalised body has the original's length, so sentence offsets carry over; this puts the
 * original characters back into every quoted suspect string.
 */
import type { ConfusableNormalisation } from '../text/confusables.ts';
import type { Report } from '../types.ts';

/** Rewrites the report's suspect quotes from `normalised` (what was analysed) to `original`. */
export function restoreSuspectText(report: Report, original: string, conf: ConfusableNormalisation): void {
  if (!conf.changed) return;
  const normalised = conf.text;
  const slice = (start: number, end: number) => original.slice(start, conf.originalEnd(end));
  report.suspect.text = original;
  report.suspect.sentences = report.suspect.sentences.map((s) => {
    const end = conf.originalEnd(s.end);
    return { ...s, end, text: original.slice(s.start, end) };
  });
  const find = (text: string, from: number): string => {
    let at = normalised.indexOf(text, from);
    if (at < 0) at = normalised.indexOf(text);
    return at < 0 ? text : slice(at, at + text.length);
  };
  for (const c of report.changes) {
    const from = c.suspectSentences.length ? (report.suspect.sentences[Math.min(...c.suspectSentences)]?.start ?? 0) : 0;
    if (c.suspectText !== null) c.suspectText = find(c.suspectText, from);
    c.evidence.suspect = c.evidence.suspect.map((w) => find(w, from));
  }
}

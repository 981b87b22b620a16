/**
 * @module adapters/ui/components/aligned-row
 * One row of the side-by-side view: suspect sentence(s), the link between them, source
 * sentence(s). Inserted and omitted passages get their own loud treatment so that a reader
 * skimming the page cannot miss them.
 */
import type { ReactNode } from 'react';
import { SEVERITY_RANK, type ReportRow, type Segment } from '../../../core/report/view-model.ts';
import { markEvidence } from '../evidence-marks.ts';
import { kindLabel } from '../kinds.ts';

/**
 * What the link between two sentences says. Word overlap alone would read "95%" for a copy
 * that only dropped a "not": when a change on the row alters the meaning, the link names that
 * change instead, and the word overlap moves to the tooltip.
 */
export function rowLink(row: ReportRow): { label: string; meaningChanged: boolean; title: string } {
  const similarity = row.group ? Math.round(row.group.similarity * 100) : 0;
  const serious = row.changes
    .filter((c) => SEVERITY_RANK[c.severity] >= SEVERITY_RANK.medium)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  if (serious.length === 0) return { label: `${similarity}%`, meaningChanged: false, title: `${similarity}% of the words are the same` };
  const kinds = [...new Set(serious.map((c) => kindLabel(c.kind)))];
  return {
    label: kinds[0] + (kinds.length > 1 ? ` +${kinds.length - 1}` : ''),
    meaningChanged: true,
    title: `The meaning changed (${kinds.join(', ')}), though ${similarity}% of the words are the same`,
  };
}

function Segments({ segments, side }: { segments: Segment[]; side: 'suspect' | 'source' }) {
  return (
    <>
      {segments.map((s, i) =>
        s.changed ? (
          <mark key={i} className={side === 'suspect' ? 'now' : 'was'}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export function AlignedRow(props: { row: ReportRow; single: boolean; multiSource: boolean; sourceIndex: number; children?: ReactNode }) {
  const { row } = props;
  const link = rowLink(row);
  if (props.single) {
    return (
      <article className="row single" data-row={row.kind}>
        <div className="side suspect">
          <Segments
            segments={markEvidence(
              row.suspectText,
              row.changes.flatMap((c) => c.evidence.suspect),
            )}
            side="suspect"
          />
        </div>
        {props.children}
      </article>
    );
  }
  return (
    <article className={`row row-${row.kind}`} data-row={row.kind}>
      <div className="side suspect">
        {row.kind === 'omitted' ? (
          <p className="gap">Left out of this article</p>
        ) : (
          <>
            {row.kind === 'inserted' && <span className="flag flag-inserted">Inserted: no source supports this</span>}
            <p>
              {/* An inserted sentence has no diff; its findings' own words are marked instead. */}
              <Segments
                segments={row.kind === 'inserted' ? markEvidence(row.suspectText, row.changes.flatMap((c) => c.evidence.suspect)) : row.suspectSegments}
                side="suspect"
              />
            </p>
          </>
        )}
      </div>
      <div className="connector" title={row.kind === 'pair' ? link.title : undefined}>
        {row.kind === 'pair' ? (
          <span className={'link' + (link.meaningChanged ? ' meaning' : '')} data-link={link.meaningChanged ? 'meaning-changed' : 'similar'}>
            {link.meaningChanged && <span className="link-note">meaning changed:</span>} {link.label}
          </span>
        ) : (
          <span className="link broken" aria-hidden="true">
            ✕
          </span>
        )}
      </div>
      <div className="side source">
        {row.kind === 'inserted' ? (
          <p className="gap">Nothing in the source</p>
        ) : (
          <>
            {row.kind === 'omitted' && <span className="flag flag-omitted">Omitted: in the source, not in this article</span>}
            {props.multiSource && props.sourceIndex >= 0 && <span className="source-tag">S{props.sourceIndex + 1}</span>}
            <p>
              <Segments segments={row.sourceSegments} side="source" />
            </p>
          </>
        )}
      </div>
      {props.children}
    </article>
  );
}

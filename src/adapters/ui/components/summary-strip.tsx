/**
 * @module adapters/ui/components/summary-strip
 * The report at a glance: reused share, sentences, serious changes, and a count per kind
 * (each count doubles as a filter).
 */
import type { Report } from '../../../core/types.ts';
import { kindHelp, kindLabel } from '../kinds.ts';

export function SummaryStrip(props: { report: Report; activeKinds: Set<string>; onToggle: (kind: string) => void }) {
  const s = props.report.summary;
  const reused = Math.round(s.reusedShare * 100);
  return (
    <section className="panel summary" aria-label="Summary">
      <div className="stat big">
        <span className="stat-value">{props.report.sources.length > 0 ? `${reused}%` : '–'}</span>
        <span className="stat-label">reused from the source</span>
        <span className="meter" aria-hidden="true">
          <span className="meter-fill" style={{ width: `${reused}%` }} />
        </span>
      </div>
      <div className="stat">
        <span className="stat-value">{s.suspectSentences}</span>
        <span className="stat-label">sentences</span>
      </div>
      <div className={'stat' + (s.serious > 0 ? ' alarm' : '')}>
        <span className="stat-value">{s.serious}</span>
        <span className="stat-label">changes that alter meaning</span>
      </div>
      <div className="counts" aria-label="Changes per kind">
        {Object.entries(s.counts).map(([kind, n]) => (
          <button
            type="button"
            key={kind}
            className={`count kind-${kind}` + (props.activeKinds.has(kind) ? ' on' : '')}
            aria-pressed={props.activeKinds.has(kind)}
            title={kindHelp(kind)}
            onClick={() => props.onToggle(kind)}
          >
            <strong>{n}</strong> {kindLabel(kind)}
          </button>
        ))}
        {Object.keys(s.counts).length === 0 && <span className="muted">No changes found.</span>}
      </div>
      {!props.report.corpus.searched && <p className="muted note">No corpus was searched: only the checks that need no source were run.</p>}
    </section>
  );
}

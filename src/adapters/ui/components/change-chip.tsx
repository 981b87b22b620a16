/**
 * @module adapters/ui/components/change-chip
 * A change as a chip (kind, severity) that opens its evidence and plain-language reason.
 */
import type { ReportChange } from '../../../core/report/view-model.ts';
import { kindHelp, kindLabel, SEVERITY_LABELS } from '../kinds.ts';

export function ChangeChip(props: { change: ReportChange; index: number; expanded: boolean; current: boolean; onToggle: (i: number) => void }) {
  const c = props.change;
  return (
    <button
      type="button"
      id={`change-${props.index}`}
      data-change={c.kind}
      className={`chip kind-${c.kind} sev-${c.severity}` + (props.current ? ' current' : '')}
      aria-expanded={props.expanded}
      aria-controls={`change-detail-${props.index}`}
      title={kindHelp(c.kind)}
      onClick={() => props.onToggle(props.index)}
    >
      <span className="chip-kind">{kindLabel(c.kind)}</span>
      <span className="chip-sev">{SEVERITY_LABELS[c.severity]}</span>
    </button>
  );
}

export function ChangeDetail({ change: c, index, open = true }: { change: ReportChange; index: number; open?: boolean }) {
  const ev = c.evidence;
  return (
    <div className={`change-detail sev-${c.severity}${open ? ' open' : ' closed'}`} id={`change-detail-${index}`} data-detail={c.kind}>
      <p className="reason">
        <span className="print-only detail-kind">
          {kindLabel(c.kind)} ({SEVERITY_LABELS[c.severity]}):{' '}
        </span>
        {ev.reason}
      </p>
      {(ev.source.length > 0 || ev.suspect.length > 0) && (
        <dl className="words">
          {ev.source.length > 0 && (
            <>
              <dt>Source says</dt>
              <dd>
                {ev.source.map((w, i) => (
                  <mark key={i} className="was">
                    {w}
                  </mark>
                ))}
              </dd>
            </>
          )}
          {ev.suspect.length > 0 && (
            <>
              <dt>This article says</dt>
              <dd>
                {ev.suspect.map((w, i) => (
                  <mark key={i} className="now">
                    {w}
                  </mark>
                ))}
              </dd>
            </>
          )}
        </dl>
      )}
      {c.suspectText && c.sourceText && c.suspectText !== c.sourceText && (
        <div className="quotes">
          <blockquote className="quote-source">
            <span className="quote-label">Source</span>
            {c.sourceText}
          </blockquote>
          <blockquote className="quote-suspect">
            <span className="quote-label">Rewrite</span>
            {c.suspectText}
          </blockquote>
        </div>
      )}
      <p className="muted small">
        {kindHelp(c.kind)} Check: <code>{ev.rule}</code> · confidence {Math.round(c.confidence * 100)}% ·{' '}
        {c.scope === 'single-article' ? 'found in this article alone' : 'found by comparing with the source'} ·{' '}
        <a className="finding-link" href={`${window.location.pathname}${window.location.search}#change-${index}`}>
          Link to this finding
        </a>
      </p>
    </div>
  );
}

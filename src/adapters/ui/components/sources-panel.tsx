/**
 * @module adapters/ui/components/sources-panel
 * The source(s) found, best first, with confidence and the reason each was picked.
 */
import type { Report } from '../../../core/types.ts';
import { creditLine } from '../../../core/report/view-model.ts';
import { safeHttpUrl } from '../safe-url.ts';

export function SourcesPanel({ report }: { report: Report }) {
  if (report.sources.length === 0) {
    return (
      <section className="panel sources">
        <h2>Source</h2>
        <p className="muted">
          {report.corpus.searched
            ? `None of the ${report.corpus.size.toLocaleString()} indexed articles is a likely source.`
            : 'No corpus was searched.'}
        </p>
      </section>
    );
  }
  const credit = creditLine(report);
  return (
    <section className="panel sources">
      <h2>{report.sources.length === 1 ? 'Source' : `Sources (${report.sources.length})`}</h2>
      <ol className="source-list">
        {report.sources.map((s, i) => {
          const href = safeHttpUrl(s.url);
          const conf = Math.round(s.confidence * 100);
          return (
            <li key={s.id} className="source">
              <div className="source-head">
                {report.sources.length > 1 && <span className="source-tag">S{i + 1}</span>}
                <span className="source-title">
                  {href ? (
                    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                      {s.title || s.url}
                    </a>
                  ) : (
                    s.title || '(untitled)'
                  )}
                </span>
                <span className="confidence" title="How likely this article is a source of the rewrite">
                  <span className="meter" aria-hidden="true">
                    <span className="meter-fill" style={{ width: `${conf}%` }} />
                  </span>
                  {conf}% confidence
                </span>
              </div>
              <p className="meta">
                {[s.outlet, s.published?.slice(0, 10), `id ${s.id}`].filter(Boolean).join(' · ')}
                {!href && s.url ? ` · ${s.url}` : ''}
              </p>
              <p className="why">{s.why}</p>
              {s.signals.sharedRare.length > 0 && (
                <p className="shared">
                  <span>Shared rare details:</span>
                  {s.signals.sharedRare.map((w, k) => (
                    <code key={k}>{w}</code>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {credit && <p className={report.credit?.flag === 'verbatim-uncredited' ? 'credit uncredited' : 'credit'}>{credit}</p>}
    </section>
  );
}

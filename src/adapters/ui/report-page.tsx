/**
 * @module adapters/ui/report-page
 * One report: where it came from, how much was reused, and every aligned pair side by side
 * with its changes. All article content is rendered as React text nodes, never as HTML.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ClaimReviewPanel } from './components/claim-review-panel.tsx';
import { buildView, isQuietRow, type ReportChange, type ReportRow } from '../../core/report/view-model.ts';
import type { Report } from '../../core/types.ts';
import { ApiError, getReport, type StoredReportResponse } from './api.ts';
import { kindHelp, kindLabel } from './kinds.ts';
import { Link } from './router.tsx';
import { safeHttpUrl } from './safe-url.ts';
import { ChangeChip, ChangeDetail } from './components/change-chip.tsx';
import { SourcesPanel } from './components/sources-panel.tsx';
import { SummaryStrip } from './components/summary-strip.tsx';
import { AlignedRow } from './components/aligned-row.tsx';
import { useChangeKeys } from './components/use-change-keys.ts';

export function ReportPage({ id }: { id: string }) {
  const [data, setData] = useState<StoredReportResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    getReport(id).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', 'Could not load this report.')),
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    document.title = data ? `${data.report.suspect.title ?? 'Report'} · unspun` : 'unspun';
  }, [data]);

  if (error) {
    return (
      <section className="panel">
        <h1>{error.status === 404 ? 'Report not found' : 'Could not load the report'}</h1>
        <p>{error.message}</p>
        <p>
          <Link to="/">Start a new trace</Link>
        </p>
      </section>
    );
  }
  if (!data) return <p className="loading">Loading report…</p>;
  return <ReportView stored={data} />;
}

function ReportView({ stored }: { stored: StoredReportResponse }) {
  const report: Report = stored.report;
  const view = useMemo(() => buildView(report), [report]);
  const changeIds = useMemo(() => new Map(report.changes.map((c, i) => [c as ReportChange, i])), [report]);
  // Filters live in the address (?kinds=number,negation&changed=1) so a shared link or a reload keeps them.
  const initial = useMemo(() => readViewState(window.location), []);
  const [activeKinds, setActiveKinds] = useState<Set<string>>(initial.kinds);
  const [hideQuiet, setHideQuiet] = useState(initial.changedOnly);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set(initial.change === null ? [] : [initial.change]));
  const [copied, setCopied] = useState(false);
  // Long reports are shown a page of rows at a time: thousands of rows at once hang a browser.
  // null: the page that holds a linked finding (#change-3), else the first.
  const [page, setPage] = useState<number | null>(null);
  const [showLd, setShowLd] = useState(false);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (activeKinds.size > 0) q.set('kinds', [...activeKinds].join(','));
    else q.delete('kinds');
    if (hideQuiet) q.set('changed', '1');
    else q.delete('changed');
    const search = q.toString();
    const next = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
    if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', next);
  }, [activeKinds, hideQuiet]);

  const toggleKind = useCallback((kind: string) => {
    setPage(0);
    setActiveKinds((prev) => {
      const next = new Set(prev);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  }, []);
  const toggleExpanded = useCallback((i: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  }, []);

  const showChange = useCallback((c: ReportChange) => activeKinds.size === 0 || activeKinds.has(c.kind), [activeKinds]);
  const rows = view.rows.filter((row) => {
    if (hideQuiet && (isQuietRow(row) || row.changes.every((c) => c.severity === 'none'))) return false;
    return activeKinds.size === 0 || row.changes.some(showChange);
  });
  const other = view.other.filter(showChange);
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const linkedRow = initial.change === null ? -1 : rows.findIndex((row) => row.changes.some((c) => changeIds.get(c) === initial.change));
  const shownPage = Math.min(page ?? Math.max(0, Math.floor(linkedRow / ROWS_PER_PAGE)), pages - 1);
  const pageRows = rows.slice(shownPage * ROWS_PER_PAGE, (shownPage + 1) * ROWS_PER_PAGE);
  const pager =
    pages > 1 ? (
      <RowPager page={shownPage} pages={pages} total={rows.length} onPage={(p) => {
        setPage(p);
        document.querySelector('.rows')?.scrollIntoView({ block: 'start' });
      }} />
    ) : null;
  const { current, move, jump } = useChangeKeys();

  // A link to one finding (/r/<id>#change-3) opens it and brings it into view once rendered.
  useEffect(() => {
    if (initial.change !== null) jump(`change-${initial.change}`);
  }, [initial, jump]);

  const single = report.sources.length === 0;
  const suspectUrl = safeHttpUrl(report.suspect.url);
  const permalink = `${window.location.origin}/r/${stored.id}`;

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(permalink);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="report">
      <section className="panel report-head">
        <p className="eyebrow">Report</p>
        <h1>{report.suspect.title || '(untitled article)'}</h1>
        <p className="meta">
          {[report.suspect.byline, report.suspect.published?.slice(0, 10)].filter(Boolean).join(' · ')}
          {suspectUrl ? (
            <>
              {' '}
              ·{' '}
              <a href={suspectUrl} rel="noopener noreferrer nofollow" target="_blank">
                {new URL(suspectUrl).hostname}
              </a>
            </>
          ) : report.suspect.url ? (
            <> · {report.suspect.url}</>
          ) : null}
        </p>
        <p className={'verdict ' + (report.verdict.found ? 'found' : 'not-found')}>
          <strong>{report.verdict.found ? 'Source found.' : 'No source found.'}</strong> {sentenceCase(report.verdict.reason)}
        </p>
        <div className="actions">
          <Link to={`/r/${stored.id}`} className="button permalink">
            Permalink
          </Link>
          <button type="button" onClick={() => void copyLink()}>
            {copied ? 'Link copied' : 'Copy link'}
          </button>
          <a className="button" href={`/api/reports/${stored.id}?download=1`} download={`unspun-report-${stored.id}.json`}>
            Export JSON
          </a>
          <a className="button" href={`/api/reports/${stored.id}/changes.csv`} download={`unspun-changes-${stored.id}.csv`}>
            Changes as CSV
          </a>
          <button type="button" aria-expanded={showLd} onClick={() => setShowLd((v) => !v)}>
            Fact-check JSON-LD
          </button>
          <button type="button" onClick={() => window.print()}>
            Print or PDF
          </button>
        </div>
        <p className="print-only print-meta">
          {permalink} · {report.generator.name} {report.generator.version} · traced {new Date(stored.createdAt).toLocaleString()}
        </p>
      </section>
      {showLd && <ClaimReviewPanel id={stored.id} />}

      <SummaryStrip report={report} activeKinds={activeKinds} onToggle={toggleKind} />
      <SourcesPanel report={report} />

      <section className="panel toolbar" aria-label="Filters and navigation">
        <div className="filters" role="group" aria-label="Filter by change kind">
          <span className="toolbar-label">Show:</span>
          <button type="button" className={'filter' + (activeKinds.size === 0 ? ' on' : '')} aria-pressed={activeKinds.size === 0} onClick={() => {
              setPage(0);
              setActiveKinds(new Set());
            }}>
            All
          </button>
          {Object.keys(report.summary.counts).map((kind) => (
            <button
              type="button"
              key={kind}
              className={`filter kind-${kind}` + (activeKinds.has(kind) ? ' on' : '')}
              aria-pressed={activeKinds.has(kind)}
              data-filter={kind}
              title={kindHelp(kind)}
              onClick={() => toggleKind(kind)}
            >
              {kindLabel(kind)}
            </button>
          ))}
        </div>
        <div className="nav-tools">
          <label className="check">
            <input type="checkbox" checked={hideQuiet} onChange={(e) => {
                setPage(0);
                setHideQuiet(e.target.checked);
              }} /> Only rows that changed
          </label>
          <button type="button" onClick={() => move(-1)} aria-label="Previous change (k or p)">
            ↑ Prev
          </button>
          <button type="button" onClick={() => move(1)} aria-label="Next change (j or n)">
            ↓ Next
          </button>
          <span className="muted keys">
            <kbd>j</kbd>/<kbd>k</kbd> next/previous change
          </span>
        </div>
      </section>

      <section className={'rows' + (single ? ' single' : '')} aria-label="Sentences, side by side">
        {!single && (
          <div className="row-headings" aria-hidden="true">
            <span>This article</span>
            <span />
            <span>Source</span>
          </div>
        )}
        {rows.length === 0 && <p className="panel muted">No sentence matches these filters.</p>}
        {pager}
        {pageRows.map((row, i) => (
          <AlignedRow
            key={rowKey(row, shownPage * ROWS_PER_PAGE + i)}
            row={row}
            single={single}
            multiSource={report.sources.length > 1}
            sourceIndex={row.source ? report.sources.indexOf(row.source) : -1}
          >
            <RowChanges
              changes={row.changes.filter(showChange)}
              changeIds={changeIds}
              expanded={expanded}
              current={current}
              onToggle={toggleExpanded}
            />
          </AlignedRow>
        ))}
        {pager}
      </section>

      {(other.length > 0 || report.suspect.removed.length > 0) && (
        <section className="panel other">
          <h2>Also found</h2>
          {other.length > 0 && (
            <RowChanges changes={other} changeIds={changeIds} expanded={expanded} current={current} onToggle={toggleExpanded} />
          )}
          {report.suspect.removed.length > 0 && (
            <>
              <h3>Cut from the page before comparing</h3>
              <ul className="removed">
                {report.suspect.removed.map((r, i) => (
                  <li key={i}>
                    <span className="reason">{r.reason}</span> <q>{r.text}</q>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}

/** Filters and the opened finding, as a shared link gives them. */
export function readViewState(location: { search: string; hash: string }): { kinds: Set<string>; changedOnly: boolean; change: number | null } {
  const q = new URLSearchParams(location.search);
  const kinds = new Set((q.get('kinds') ?? '').split(',').map((k) => k.trim()).filter((k) => /^[a-z-]{1,20}$/.test(k)));
  const m = /^#change-(\d{1,6})$/.exec(location.hash);
  return { kinds, changedOnly: q.get('changed') === '1', change: m ? Number(m[1]) : null };
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function rowKey(row: ReportRow, i: number): string {
  return `${row.kind}:${row.suspectSentences.join(',')}:${row.source?.id ?? ''}:${row.sourceSentences.join(',')}:${i}`;
}

function RowChanges(props: {
  changes: ReportChange[];
  changeIds: Map<ReportChange, number>;
  expanded: Set<number>;
  current: string | null;
  onToggle: (i: number) => void;
}) {
  if (props.changes.length === 0) return null;
  return (
    <div className="row-changes">
      <div className="chips">
        {props.changes.map((c) => {
          const i = props.changeIds.get(c) ?? -1;
          return <ChangeChip key={i} change={c} index={i} expanded={props.expanded.has(i)} current={props.current === `change-${i}`} onToggle={props.onToggle} />;
        })}
      </div>
      {/* Every detail is rendered; closed ones are hidden on screen and shown in print. */}
      {props.changes.map((c) => {
        const i = props.changeIds.get(c) ?? -1;
        return <ChangeDetail key={i} change={c} index={i} open={props.expanded.has(i)} />;
      })}
    </div>
  );
}


/** Rows per page of a long report (a 3,000-sentence report has ~3,000 rows). */
export const ROWS_PER_PAGE = 200;

function RowPager(props: { page: number; pages: number; total: number; onPage: (page: number) => void }) {
  const from = props.page * ROWS_PER_PAGE + 1;
  const to = Math.min(props.total, (props.page + 1) * ROWS_PER_PAGE);
  return (
    <nav className="panel pager" aria-label="Pages of rows">
      <button type="button" disabled={props.page === 0} onClick={() => props.onPage(props.page - 1)}>
        ← Previous rows
      </button>
      <span className="muted">
        Rows {from.toLocaleString('en')}–{to.toLocaleString('en')} of {props.total.toLocaleString('en')} (page {props.page + 1} of {props.pages})
      </span>
      <button type="button" disabled={props.page >= props.pages - 1} onClick={() => props.onPage(props.page + 1)}>
        Next rows →
      </button>
    </nav>
  );
}

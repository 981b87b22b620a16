/**
 * @module adapters/ui/sites-page
 * Who copies whom. "/sites": every suspect site in the report history with its copies, the
 * outlets it copies and the serious changes it makes. "/sites/<site>": one site's record, a
 * chart of its copies over time, the outlets it copies and how it alters each, and its traced
 * articles linking to their reports. Numbers come from GET /api/sites (core/sites).
 */
import { useEffect, useState } from 'react';
import type { SiteSummary, TimelinePoint, TracedArticle } from '../../core/sites/sites.ts';
import { ApiError, getSite, listSites } from './api.ts';
import { kindLabel } from './kinds.ts';
import { Link } from './router.tsx';
import { safeHttpUrl } from './safe-url.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const day = (iso: string) => (iso ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : '–');

function KindCounts({ kinds }: { kinds: Partial<Record<string, number>> }) {
  const entries = Object.entries(kinds).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <span className="kind-counts">
      {entries.map(([k, n]) => (
        <span key={k} className={`count kind-${k}`} data-kind={k}>
          <strong>{n}</strong> {kindLabel(k)}
        </span>
      ))}
    </span>
  );
}

export function SitesPage() {
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Sites · unspun';
    listSites().then(
      (r) => setSites(r.sites),
      (e: unknown) => setError(e instanceof ApiError ? e.message : 'Could not load the sites.'),
    );
  }, []);
  return (
    <div className="sites">
      <section className="panel">
        <h1>Sites</h1>
        <p className="lede">
          Every site with traced articles (from <code>unspun watch</code>, or a trace made here with the page&apos;s address): how
          many of its articles copy a source, how much of a copy is lifted, which outlets it copies and what it changes.
        </p>
        {sites && sites.length > 0 && (
          <p>
            <a className="button" href="/api/sites?format=csv" download="unspun-sites.csv">
              Download CSV
            </a>
          </p>
        )}
        {error && <p className="error">{error}</p>}
        {sites?.length === 0 && (
          <p className="muted">
            No traced articles with a page address yet. Run <code>unspun watch --suspect &lt;feed URL&gt;</code> on this database,
            or give &quot;where you found it&quot; when you trace an article.
          </p>
        )}
      </section>
      {sites && sites.length > 0 && (
        <section className="panel table-wrap">
          <table className="sites-table">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Traced</th>
                <th scope="col">Copies</th>
                <th scope="col">Reused</th>
                <th scope="col">Altered</th>
                <th scope="col">Copies from</th>
                <th scope="col">Serious changes</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.site} data-site={s.site}>
                  <th scope="row">
                    <Link to={`/sites/${encodeURIComponent(s.site)}`}>{s.site}</Link>
                  </th>
                  <td data-col="articles">{s.articles}</td>
                  <td data-col="copies">
                    {s.copies} <span className="muted">({pct(s.copiedShare)})</span>
                  </td>
                  <td data-col="reused">{s.copies ? pct(s.reusedShare) : '–'}</td>
                  <td data-col="altered">{s.alteredCopies}</td>
                  <td data-col="outlets">{s.outlets.map((o) => `${o.outlet} (${o.copies})`).join(', ') || <span className="muted">none</span>}</td>
                  <td data-col="kinds">
                    <KindCounts kinds={s.seriousByKind} />
                  </td>
                  <td>{day(s.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** Bars of articles traced per period, the copies among them filled. Plain SVG, no library. */
export function CopiesChart({ points }: { points: TimelinePoint[] }) {
  if (points.length === 0) return null;
  const width = 720;
  const height = 160;
  const pad = { left: 28, bottom: 22, top: 8 };
  const max = Math.max(1, ...points.map((p) => p.articles));
  const slot = (width - pad.left) / points.length;
  const bar = Math.max(2, Math.min(28, slot * 0.7));
  const y = (n: number) => pad.top + (height - pad.top - pad.bottom) * (1 - n / max);
  const labelEvery = Math.ceil(points.length / 8);
  const copies = points.reduce((s, p) => s + p.copies, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Copies over time: ${copies} copies in ${points.length} periods`}>
        <line x1={pad.left} x2={width} y1={y(0)} y2={y(0)} className="axis" />
        <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" className="tick">
          {max}
        </text>
        <text x={pad.left - 6} y={y(0) + 4} textAnchor="end" className="tick">
          0
        </text>
        {points.map((p, i) => {
          const x = pad.left + i * slot + (slot - bar) / 2;
          return (
            <g key={p.period} data-period={p.period} data-copies={p.copies}>
              <title>{`${p.period}: ${p.articles} traced, ${p.copies} copies`}</title>
              <rect x={x} width={bar} y={y(p.articles)} height={y(0) - y(p.articles)} className="bar-traced" />
              <rect x={x} width={bar} y={y(p.copies)} height={y(0) - y(p.copies)} className="bar-copies" />
              {i % labelEvery === 0 && (
                <text x={x + bar / 2} y={height - 6} textAnchor="middle" className="tick">
                  {p.period.length > 7 ? p.period.slice(5) : p.period}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        <span className="swatch bar-copies" /> copies (a source was found) <span className="swatch bar-traced" /> other traced articles · by
        publication date, else the day traced
      </figcaption>
    </figure>
  );
}

export function SitePage({ site }: { site: string }) {
  const [data, setData] = useState<{ site: SiteSummary; articles: TracedArticle[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    document.title = `${site} · unspun`;
    getSite(site).then(setData, (e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', 'Could not load this site.')));
  }, [site]);
  if (error) {
    return (
      <section className="panel">
        <h1>{error.status === 404 ? 'No traced articles from this site' : 'Could not load the site'}</h1>
        <p>{error.message}</p>
        <p>
          <Link to="/sites">All sites</Link>
        </p>
      </section>
    );
  }
  if (!data) return <p className="loading">Loading site…</p>;
  const s = data.site;
  return (
    <div className="site-page">
      <section className="panel">
        <p className="eyebrow">
          <Link to="/sites">Sites</Link>
        </p>
        <h1 data-site={s.site}>{s.site}</h1>
        <div className="summary site-stats">
          <div className="stat big">
            <span className="stat-value" data-stat="copies">
              {s.copies} of {s.articles}
            </span>
            <span className="stat-label">traced articles copy a source ({pct(s.copiedShare)})</span>
          </div>
          <div className="stat">
            <span className="stat-value">{s.copies ? pct(s.reusedShare) : '–'}</span>
            <span className="stat-label">of a copy reused, on average</span>
          </div>
          <div className={'stat' + (s.alteredCopies > 0 ? ' alarm' : '')}>
            <span className="stat-value">{s.alteredCopies}</span>
            <span className="stat-label">copies change the meaning</span>
          </div>
          <div className="stat">
            <span className="stat-value small-value">
              {day(s.firstSeen)} – {day(s.lastSeen)}
            </span>
            <span className="stat-label">first and last seen</span>
          </div>
        </div>
        <h2>Copies over time</h2>
        <CopiesChart points={s.timeline} />
      </section>
      <section className="panel">
        <h2>Outlets it copies</h2>
        {s.outlets.length === 0 ? (
          <p className="muted">No source was found for any of its articles.</p>
        ) : (
          <table className="outlets-table">
            <thead>
              <tr>
                <th scope="col">Outlet</th>
                <th scope="col">Copies</th>
                <th scope="col">Altered</th>
                <th scope="col">Serious changes by kind</th>
              </tr>
            </thead>
            <tbody>
              {s.outlets.map((o) => (
                <tr key={o.outlet} data-outlet={o.outlet}>
                  <th scope="row">{o.outlet}</th>
                  <td>{o.copies}</td>
                  <td>{o.altered}</td>
                  <td>
                    <KindCounts kinds={o.seriousByKind} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>Traced articles ({data.articles.length})</h2>
        <p>
          <a className="button" href={`/api/sites/${encodeURIComponent(s.site)}?format=csv`} download={`unspun-${s.site.replace(/[^\w.-]/g, '_')}.csv`}>
            Download CSV
          </a>
        </p>
        <ul className="recent-list site-articles">
          {[...data.articles].reverse().map((a) => {
            const href = safeHttpUrl(a.url);
            return (
              <li key={a.reportId} data-report={a.reportId}>
                <Link to={`/r/${a.reportId}`}>{a.title || '(untitled article)'}</Link>
                <span className="recent-meta">
                  {a.found && a.source ? `copies ${a.source.outlet ?? a.source.title ?? a.source.id} · ${pct(a.reusedShare)} reused` : 'no source found'}
                  {a.serious > 0 ? ` · ${a.serious} serious` : ''} · traced <time dateTime={a.tracedAt}>{day(a.tracedAt)}</time>
                  {href && (
                    <>
                      {' · '}
                      <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                        page
                      </a>
                    </>
                  )}
                </span>
                {Object.keys(a.seriousByKind).length > 0 && <KindCounts kinds={a.seriousByKind} />}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

/**
 * @module core/compare/render-html
 * A compare report as one self-contained HTML page, built the way the trace report page is
 * (core/report/render-html.ts): inline CSS, no script, the same Content-Security-Policy, and
 * every string from an article escaped. Layout: a summary strip, then per story the copies,
 * each copy's departures with the agreeing-copy counts, and the consensus slot by slot.
 */
import { escapeHtml as e, REPORT_CSP } from '../report/render-html.ts';
import type { Severity } from '../types.ts';
import type { CompareCluster, CompareCopy, CompareReport, ConsensusSlot, Departure } from './types.ts';

const SEVERITY_RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3 };

const CSS = `
:root{--ins:#d7f5dd;--ins-ink:#0b5d1e;--del:#fde2e1;--del-ink:#8a1c13;--line:#d9dce1;--muted:#5b6270;--bg:#fff;--ink:#1b1f24;--accent:#6a1b9a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:1.4rem;margin:16px 0 4px}
h2{font-size:1.2rem;margin:28px 0 6px;border-bottom:2px solid var(--line)}
h3{font-size:1rem;margin:18px 0 4px}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 12px}
.strip{display:flex;flex-wrap:wrap;gap:8px 24px;padding:12px 16px;border:1px solid var(--line);border-radius:8px;background:#f6f7f9}
.strip div{min-width:8rem}
.strip b{display:block;font-size:1.3rem}
.copies{padding-left:1.2rem}
.ok{color:var(--ins-ink);font-weight:600}.bad{color:var(--del-ink);font-weight:600}
.dep{border-left:6px solid var(--line);padding:6px 10px;margin:8px 0;background:#fafbfc;overflow-wrap:anywhere}
.dep.sev-high{border-color:#c62828;background:#fdecea}.dep.sev-medium{border-color:#e0a000;background:#fff8e1}
.k{font-weight:700;text-transform:uppercase;font-size:.75rem;margin-right:6px}
.why{color:var(--muted);font-size:.9rem}
ins{background:var(--ins);color:var(--ins-ink);text-decoration:none;border-radius:2px;padding:0 1px}
del{background:var(--del);color:var(--del-ink);border-radius:2px;padding:0 1px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
td,th{border-top:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{color:var(--muted);font-weight:600;white-space:nowrap}
td.n{white-space:nowrap;color:var(--muted)}
.odd{color:var(--del-ink)}
.alone{font-style:italic;color:#7a3e00}
footer{color:var(--muted);font-size:.8rem;padding:24px 16px}
@media (max-width:760px){.strip div{min-width:40%}}
`;

export function renderCompareHtml(report: CompareReport): string {
  const copies = new Map(report.copies.map((c) => [c.id, c]));
  const s = report.summary;
  const strip = [
    ['Copies', String(s.copies)],
    ['Stories', String(s.clusters)],
    ['Serious departures', String(s.serious)],
  ]
    .map(([k, v]) => `<div>${e(k)}<b>${e(v)}</b></div>`)
    .join('');
  const stories = report.clusters.map((c) => clusterHtml(c, report, copies)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="unspun ${e(report.generator.version)}">
<title>unspun compare: ${e(String(s.copies))} copies</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Copies compared</h1>
<div class="strip">${strip}</div>
<p class="meta">Each copy is read against the majority of the copies of its story. Highlights: <ins>this copy's words</ins> <del>the majority's words</del></p>
</header>
<main>
${stories}
</main>
<footer>unspun ${e(report.generator.version)} · compare schema ${e(report.schemaVersion)} · story threshold ${e(String(report.settings.clusterThreshold))}</footer>
</body>
</html>
`;
}

function clusterHtml(cluster: CompareCluster, report: CompareReport, copies: Map<string, CompareCopy>): string {
  const pivot = copies.get(cluster.pivot)!;
  const list = cluster.copies
    .map((id) => {
      const c = copies.get(id)!;
      const f = report.findings.find((x) => x.copy === id)!;
      const state = cluster.copies.length === 1 ? '' : f.serious > 0 ? ` · <span class="bad">${f.serious} serious</span>` : ' · <span class="ok">no serious departures</span>';
      return `<li><b>${e(id)}</b> ${e(c.name)}${c.title ? ` · ${e(c.title)}` : ''}${id === cluster.pivot ? ' · pivot' : ''}${state}</li>`;
    })
    .join('');
  const perCopy = cluster.copies.map((id) => copyHtml(copies.get(id)!, report)).join('\n');
  const slots = cluster.copies.length > 1 ? slotsHtml(cluster.slots, cluster.copies.length) : '<p class="meta">Only one copy of this story: nothing to compare it with.</p>';
  return `<section>
<h2>${e(cluster.id)}: ${e(pivot.title ?? '(no title)')}</h2>
<ol class="copies">${list}</ol>
${perCopy}
<h3>Consensus, slot by slot</h3>
${slots}
</section>`;
}

function copyHtml(c: CompareCopy, report: CompareReport): string {
  const f = report.findings.find((x) => x.copy === c.id)!;
  const deps = [...f.departures].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.slot - b.slot);
  const depsHtml = deps.map((d) => departureHtml(d, report)).join('');
  const alone = f.singleArticle
    .filter((x) => x.kind !== 'boilerplate')
    .map((x) => `<div class="dep sev-${e(x.severity)}"><span class="k">${e(x.kind)}</span>${e(x.severity)} <span class="alone">(from this copy alone)</span>: ${e(x.evidence.reason)}</div>`)
    .join('');
  const cut = c.removed.length > 0 ? `<p class="meta">Cut from the page: ${c.removed.map((r) => `${e(r.reason)} <q>${e(clip(r.text, 80))}</q>`).join('; ')}</p>` : '';
  const none = !depsHtml && !alone ? '<p class="meta">No departures.</p>' : '';
  return `<h3>${e(c.id)} · ${e(c.name)}</h3>${depsHtml}${alone}${cut}${none}`;
}

function departureHtml(d: Departure, report: CompareReport): string {
  const words = [...d.evidence.source.map((w) => `<del>${e(w)}</del>`), ...d.evidence.suspect.map((w) => `<ins>${e(w)}</ins>`)];
  const short = [...d.evidence.source, ...d.evidence.suspect].every((w) => w.length <= 80);
  const shared = d.sharedWith.length > 0 ? `<div class="why">Also in: ${d.sharedWith.map((id) => e(report.copies.find((c) => c.id === id)?.name ?? id)).join(', ')}</div>` : '';
  return (
    `<div class="dep sev-${e(d.severity)}"><span class="k">${e(d.kind)}</span>${e(d.severity)} · slot ${d.slot + 1}: ${e(d.summary)}` +
    `<div class="why">${e(d.evidence.reason)}${short && words.length > 0 ? ` ${words.join(' ')}` : ''}</div>${shared}</div>`
  );
}

function slotsHtml(slots: ConsensusSlot[], total: number): string {
  const rows = slots
    .map((s) => {
      const odd = s.readings.filter((r) => !r.agrees).map((r) => `<div class="odd">${e(r.copy)}: ${e(r.text)}</div>`).join('');
      const lacking = s.consensus && s.support < total ? ` <span class="why">(missing from ${total - s.support})</span>` : '';
      if (!s.consensus) {
        const holders = s.readings.map((r) => r.copy).join(', ');
        return `<tr><td class="n">${s.index + 1}</td><td class="n">${s.support} of ${total}</td><td><span class="odd">only in ${e(holders)}:</span> ${e(s.majority.text)}</td></tr>`;
      }
      return `<tr><td class="n">${s.index + 1}</td><td class="n">${s.agreeing} of ${total}</td><td>${e(s.majority.text)}${lacking}${odd}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>#</th><th>agree</th><th>majority reading (and copies that depart in meaning)</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

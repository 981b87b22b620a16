/**
 * @module core/report/render-html
 * The report as one self-contained HTML page: inline CSS, no external assets, no script, and
 * a Content-Security-Policy that forbids scripts and remote loads, so a page built from a
 * hostile article stays inert. Every string that comes from an article is escaped. Layout:
 * a summary strip, then aligned rows with the suspect on the left and the source on the
 * right (stacked on a phone), changed words highlighted, and a chip per change.
 */
import type { Report } from '../types.ts';
import { buildView, countsLine, creditLine, describeSource, percent, sentenceCase, type ReportChange, type ReportRow, type Segment } from './view-model.ts';

/** Blocks scripts, remote loads, forms and framing; only the inline stylesheet may apply. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root{--ins:#d7f5dd;--ins-ink:#0b5d1e;--del:#fde2e1;--del-ink:#8a1c13;--warn:#7a3e00;--line:#d9dce1;--muted:#5b6270;--bg:#fff;--ink:#1b1f24;--accent:#6a1b9a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:1.4rem;margin:16px 0 4px}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 12px}
.strip{display:flex;flex-wrap:wrap;gap:8px 24px;padding:12px 16px;border:1px solid var(--line);border-radius:8px;background:#f6f7f9}
.strip div{min-width:8rem}
.strip b{display:block;font-size:1.3rem}
.verdict{font-weight:600;padding:10px 14px;border-radius:8px;margin:12px 0}
.verdict.found{background:#e6f4ea}.verdict.none{background:#fff4e0}
.sources{margin:12px 0;padding-left:1.2rem}
.sources li{margin-bottom:6px}
.why{color:var(--muted);font-size:.9rem}
.row{display:grid;grid-template-columns:1fr 1fr;gap:0 16px;border-top:1px solid var(--line);padding:10px 0}
.row.solo{grid-template-columns:1fr}
.row .head{grid-column:1/-1;font-size:.8rem;color:var(--muted);margin-bottom:4px}
.side{overflow-wrap:anywhere}
.side .label{display:none;font-size:.75rem;color:var(--muted);text-transform:uppercase}
.colheads{display:grid;grid-template-columns:1fr 1fr;gap:16px;font-weight:600;color:var(--muted);padding:6px 0;position:sticky;top:0;background:var(--bg)}
ins{background:var(--ins);color:var(--ins-ink);text-decoration:none;border-radius:2px;padding:0 1px}
del{background:var(--del);color:var(--del-ink);border-radius:2px;padding:0 1px}
.row.inserted{background:repeating-linear-gradient(135deg,#f7ecfb,#f7ecfb 8px,#fff 8px,#fff 16px);border-left:6px solid var(--accent);padding-left:8px}
.row.omitted{background:repeating-linear-gradient(135deg,#fdeceb,#fdeceb 8px,#fff 8px,#fff 16px);border-left:6px solid var(--del-ink);padding-left:8px}
.flag{display:inline-block;font-weight:700;font-size:.8rem;letter-spacing:.03em;padding:2px 8px;border-radius:4px;color:#fff;background:var(--accent);margin-left:6px}
.row.omitted .flag{background:var(--del-ink)}
.empty{color:var(--muted);font-style:italic}
.chips{grid-column:1/-1;display:flex;flex-wrap:wrap;gap:6px;margin-top:6px;list-style:none;padding:0}
.chip{border:1px solid var(--line);border-radius:10px;padding:2px 10px;font-size:.85rem;background:#fff}
.chip .k{font-weight:700;text-transform:uppercase;font-size:.75rem;margin-right:4px}
.sev-high{border-color:#c62828;background:#fdecea}.sev-medium{border-color:#e0a000;background:#fff8e1}
.sev-low,.sev-none{color:var(--muted)}
.alone{font-style:italic;color:var(--warn)}
.credit{margin:8px 0}.credit.uncredited{font-weight:600;color:var(--warn)}
.removed{margin:16px 0;padding:8px 12px;border:1px dashed var(--line);border-radius:8px;font-size:.9rem}
.removed q{color:var(--muted)}
footer{color:var(--muted);font-size:.8rem;padding:24px 16px}
@media (max-width:760px){
 .row,.colheads{grid-template-columns:1fr}
 .colheads{display:none}
 .side .label{display:block;margin-top:6px}
 .strip div{min-width:40%}
}
`;

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderHtml(report: Report): string {
  const e = escapeHtml;
  const view = buildView(report);
  const s = report.suspect;
  const title = s.title ?? s.name;
  const verdictClass = report.verdict.found ? 'found' : 'none';
  const verdictHead = !report.corpus.searched ? 'No corpus searched' : report.verdict.found ? 'Source found' : 'No source found';

  const strip = [
    ['Source', report.sources.length > 0 ? `${report.sources.length} found` : 'none'],
    ['Top confidence', report.sources[0] ? report.sources[0].confidence.toFixed(2) : '–'],
    ['Reused', report.corpus.searched ? percent(report.summary.reusedShare) : '–'],
    ['Sentences', String(report.summary.suspectSentences)],
    ['Serious changes', String(report.summary.serious)],
  ]
    .map(([k, v]) => `<div>${e(k)}<b>${e(v)}</b></div>`)
    .join('');

  const sources = report.sources
    .map(
      (src) =>
        `<li><b>${e(describeSource(src))}</b>, confidence ${src.confidence.toFixed(2)}` +
        (src.url ? ` · <span>${e(src.url)}</span>` : '') +
        `<div class="why">${e(src.why)}</div></li>`,
    )
    .join('');

  const credit = creditLine(report);
  const creditHtml = credit ? `<p class="credit${report.credit?.flag === 'verbatim-uncredited' ? ' uncredited' : ''}">${e(credit)}</p>` : '';
  const removed =
    s.removed.length > 0
      ? `<section class="removed"><b>Cut from the page (${s.removed.length})</b><ul>${s.removed
          .map((r) => `<li>${e(r.reason)}: <q>${e(clip(r.text))}</q></li>`)
          .join('')}</ul></section>`
      : '';

  // Without a source every sentence is still shown, so the page reads as the whole article.
  const rows = view.rows.map((r) => rowHtml(r, report.sources.length === 0)).join('\n');
  const other =
    view.other.length > 0
      ? `<h2>Other findings</h2><ul class="chips">${view.other.map((c) => chip(c, true)).join('')}</ul>`
      : '';
  const colheads = report.sources.length > 0 ? '<div class="colheads"><div>Suspect</div><div>Source</div></div>' : '<h2>The article, with what it alone shows</h2>';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="unspun ${e(report.generator.version)}">
<title>unspun: ${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<p class="meta">${e([s.name, s.byline ? `by ${s.byline}` : null, s.published].filter(Boolean).join(' · '))}</p>
<div class="strip">${strip}</div>
<p class="verdict ${verdictClass}">${e(verdictHead)}: ${e(sentenceCase(report.verdict.reason))}</p>
${sources ? `<ol class="sources">${sources}</ol>` : ''}
${creditHtml}
<p class="meta">Changes: ${e(countsLine(report))}. Highlights: <ins>in the suspect only</ins> <del>in the source only</del></p>
${removed}
</header>
<main>
${colheads}
${rows}
${other}
</main>
<footer>unspun ${e(report.generator.version)} · report schema ${e(report.schemaVersion)}</footer>
</body>
</html>
`;
}

function rowHtml(row: ReportRow, solo: boolean): string {
  const e = escapeHtml;
  const where = [
    row.suspectSentences.length > 0 ? `suspect ${list(row.suspectSentences)}` : null,
    row.source ? `source ${list(row.sourceSentences)}` : null,
    row.group && row.source ? `similarity ${row.group.similarity.toFixed(2)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const flag =
    row.kind === 'inserted'
      ? '<span class="flag">INSERTED: no source support</span>'
      : row.kind === 'omitted'
        ? '<span class="flag">OMITTED from the suspect</span>'
        : '';
  const left =
    row.kind === 'omitted' ? '<span class="empty">(absent from the suspect)</span>' : segmentsHtml(row.suspectSegments, 'ins');
  const right = !row.source
    ? row.kind === 'inserted'
      ? '<span class="empty">(no counterpart in the source)</span>'
      : ''
    : row.kind === 'inserted'
      ? '<span class="empty">(no counterpart in the source)</span>'
      : segmentsHtml(row.sourceSegments, 'del');
  const chips = row.changes.length > 0 ? `<ul class="chips">${row.changes.map((c) => chip(c, false)).join('')}</ul>` : '';
  if (solo) {
    return `<section class="row solo"><div class="head">${e(where)}</div><div class="side">${left}</div>${chips}</section>`;
  }
  return (
    `<section class="row ${row.kind}"><div class="head">${e(where)}${flag}</div>` +
    `<div class="side"><span class="label">Suspect</span>${left}</div>` +
    `<div class="side"><span class="label">Source</span>${right}</div>${chips}</section>`
  );
}

function chip(c: ReportChange, quote: boolean): string {
  const e = escapeHtml;
  const alone = c.scope === 'single-article' ? ' <span class="alone">(from the article alone)</span>' : '';
  const short = [...c.evidence.source, ...c.evidence.suspect].every((w) => w.length <= 80);
  const words = short ? [...c.evidence.source.map((w) => `<del>${e(w)}</del>`), ...c.evidence.suspect.map((w) => `<ins>${e(w)}</ins>`)].join(' ') : '';
  const quoted = quote && (c.suspectText ?? c.sourceText) ? ` <q>${e(clip(c.suspectText ?? c.sourceText ?? ''))}</q>` : '';
  return (
    `<li class="chip sev-${e(c.severity)}" title="${e(c.evidence.rule)}"><span class="k">${e(c.kind)}</span>` +
    `${e(c.severity)}${alone}: ${e(c.evidence.reason)}${words ? ` ${words}` : ''}${quoted}</li>`
  );
}

function segmentsHtml(segments: Segment[], tag: 'ins' | 'del'): string {
  return segments.map((s) => (s.changed ? `<${tag}>${escapeHtml(s.text)}</${tag}>` : escapeHtml(s.text))).join('');
}

function list(indexes: number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  // Runs of neighbours as ranges, others joined with "+": [0, 1, 2] -> "#1–3", [0, 20] -> "#1+21".
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(i === j ? `${sorted[i] + 1}` : `${sorted[i] + 1}–${sorted[j] + 1}`);
    i = j + 1;
  }
  return `#${runs.join('+')}`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? flat.slice(0, 239) + '…' : flat;
}

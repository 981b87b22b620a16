/**
 * @module test/trace-credit
 * Credit and headline through the whole trace, on invented autoblog pages built around one
 * demo-corpus story (the Callerby flood, demo-001, Northfield Press Agency): a verbatim copy
 * that credits nobody is reported `uncredited`; the same copy naming the agency or linking back
 * is not. Real HTML extraction, real SQLite index of the demo corpus.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCorpusFiles, openDemoIndex } from '../src/adapters/cli/demo-index.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import type { Store } from '../src/core/store.ts';
import type { ReferenceArticle, Report } from '../src/core/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-credit-'));
let demo: Store;
const original = readFileSync(demoCorpusFiles()[0], 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ReferenceArticle)
  .find((a) => a.id === 'demo-001')!;
// An autoblog drops the agency's dateline and keeps every word after it.
const paragraphs = original.text.replace(/^[A-Z]+, \w+ \d+ \(NPA\) - /, '').split('\n\n');

/** An invented autoblog page around the copied paragraphs, with extra lines and links. */
function page(opts: { headline?: string; extra?: string; links?: string[] } = {}): string {
  const menu = ['/', '/weather', '/local'].map((h) => `<a href="${h}">${h === '/' ? 'Home' : h.slice(1)}</a>`).join(' ');
  const links = (opts.links ?? []).map((h) => `<p><a href="${h}">Read the original report</a></p>`).join('');
  return `<!doctype html><html><head><title>${opts.headline ?? original.title} - Daily Feed Hub</title></head><body>
<header><nav>${menu}</nav></header>
<main><article><h1>${opts.headline ?? original.title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
${opts.extra ?? ''}${links}
</article></main>
<footer><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer></body></html>`;
}

async function trace(content: string): Promise<Report> {
  const report = await traceArticle({ kind: 'html', content, name: 'autoblog.html', url: 'https://dailyfeedhub.example/2025/11/callerby-floods' }, demo);
  assert.equal(report.sources[0]?.id, 'demo-001', 'traced to the Callerby flood story');
  return report;
}

before(async () => {
  demo = (await openDemoIndex(join(dir, 'demo.db'), demoCorpusFiles())).store;
});
after(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a verbatim copy that names neither the agency nor links back is uncredited', async () => {
  const report = await trace(page());
  assert.equal(report.credit?.credited, false);
  assert.equal(report.credit?.flag, 'verbatim-uncredited');
  assert.ok((report.credit?.verbatimShare ?? 0) >= 0.6, `verbatim share ${report.credit?.verbatimShare}`);
  const uncredited = report.changes.filter((c) => c.kind === 'uncredited');
  assert.equal(uncredited.length, 1);
  assert.equal(uncredited[0].severity, 'low', 'a rights question, not a change in what a reader believes');
  assert.match(uncredited[0].evidence.reason, /Northfield Press Agency/);
  // The page's own menu links are no link back.
  assert.equal(report.credit?.linkBack, null);
});

test('the same copy naming the agency, or linking back to the story or its site, is credited', async () => {
  const named = await trace(page({ extra: '<p>This story was first published by Northfield Press Agency.</p>' }));
  assert.equal(named.credit?.outletNamed, 'Northfield Press Agency');
  assert.equal(named.changes.filter((c) => c.kind === 'uncredited').length, 0);

  const linked = await trace(page({ links: [original.url!] }));
  assert.equal(linked.credit?.linkBack, original.url);
  assert.equal(linked.credit?.credited, true);
  assert.equal(linked.changes.filter((c) => c.kind === 'uncredited').length, 0);

  const site = await trace(page({ links: ['https://example.org/npa/'] }));
  assert.equal(site.credit?.linkBack, 'https://example.org/npa/');
  assert.equal(site.changes.filter((c) => c.kind === 'uncredited').length, 0);
});

test('the headline: a shortened one is no finding; a figure changed only there is high, quoting the page headline', async () => {
  const shortened = await trace(page({ headline: 'Varden River bursts its banks in Callerby' }));
  assert.deepEqual(shortened.changes.filter((c) => c.part === 'title').map((c) => [c.kind, c.evidence.rule]), []);
  const swapped = await trace(page({ headline: 'Varden River bursts its banks in Callerby, 3,400 homes evacuated' }));
  const number = swapped.changes.find((c) => c.part === 'title' && c.kind === 'number');
  assert.ok(number, JSON.stringify(swapped.changes.filter((c) => c.part === 'title').map((c) => [c.kind, c.evidence.suspect])));
  assert.equal(number.severity, 'high', 'the body says 340: only the headline inflates it');
  assert.equal(number.suspectText, swapped.suspect.title);
  assert.equal(number.sourceText, original.title);
  assert.deepEqual(number.suspectSentences, []);
});

/**
 * @module test/classify-bad-input
 * Bad input through the whole trace (extract -> retrieve -> align -> classify -> report) with
 * the demo index: a run-on article, one with no sentence punctuation, all caps, mixed languages,
 * emoji, and HTML entities left in the text. Each must trace without crashing, quote only
 * words that are in the input, and still give the labels a reader needs (or say plainly that a
 * span could not be analysed).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCorpusFiles, EXAMPLES_DIR, openDemoIndex } from '../src/adapters/cli/demo-index.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import type { Store } from '../src/core/store.ts';
import type { Report } from '../src/core/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-bad-input-'));
let demo: Store;
const spun = readFileSync(join(EXAMPLES_DIR, 'suspects', 'spun-copy.txt'), 'utf8');
/** The spun copy's body paragraphs, without its title line and trailing comment form. */
const paragraphs = spun.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 80 && !/comment/i.test(p));

before(async () => {
  demo = (await openDemoIndex(join(dir, 'demo.db'), demoCorpusFiles())).store;
});
after(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

async function trace(name: string, content: string): Promise<Report> {
  const report = await traceArticle({ kind: 'text', content, name }, demo);
  // Every quoted suspect span is a slice of the extracted body, or for a headline change
  // (part 'title') the extracted headline itself; reasons are single lines.
  for (const c of report.changes) {
    if (c.part === 'title') {
      assert.equal(c.suspectText, report.suspect.title, `${name}: a headline ${c.kind} quotes the headline`);
      for (const w of c.evidence.suspect) assert.ok(report.suspect.title?.includes(w), `${name}: headline evidence "${w}" is in the headline`);
    } else if (c.suspectText !== null && c.kind !== 'boilerplate') assert.ok(report.suspect.text.includes(c.suspectText), `${name}: ${c.kind} quotes "${c.suspectText.slice(0, 60)}"`);
    assert.ok(c.evidence.reason.trim().length > 0 && !c.evidence.reason.includes('\n'), `${name}: ${c.kind} has a one-line reason`);
    assert.ok(c.confidence >= 0 && c.confidence <= 1, `${name}: confidence in range`);
  }
  return report;
}

const kinds = (r: Report) => new Set(r.changes.map((c) => c.kind));

test('sanity: the spun copy itself is traced and its tortured phrases found', async () => {
  const r = await trace('spun-copy.txt', spun);
  assert.equal(r.verdict.found, true);
  assert.ok(kinds(r).has('spinner'));
});

test('one very long sentence (the whole article joined by commas)', async () => {
  const runOn = paragraphs.map((p) => p.replace(/[.!?]+(\s|$)/g, ',$1')).join(' ').replace(/,\s*$/, '.');
  const r = await trace('run-on.txt', runOn);
  assert.equal(r.verdict.found, true, 'still traced to its source');
  assert.ok(kinds(r).has('spinner'), 'the tortured phrases are still found');
});

test('no sentence punctuation at all', async () => {
  const bare = paragraphs.map((p) => p.replace(/[.!?;:"“”]/g, '')).join('\n\n');
  const r = await trace('no-punctuation.txt', bare);
  assert.equal(r.verdict.found, true);
  assert.ok(r.changes.some((c) => c.kind === 'spinner' && /counterfeit consciousness/i.test(c.evidence.suspect.join(' '))));
});

test('all caps', async () => {
  const r = await trace('all-caps.txt', paragraphs.join('\n\n').toUpperCase());
  assert.equal(r.verdict.found, true);
  // Figures survive capitals; the aligned pairs are still labelled.
  assert.ok(r.changes.some((c) => c.kind === 'paraphrase' || c.kind === 'verbatim'));
  assert.ok(kinds(r).has('spinner'), 'tortured phrases are matched case-insensitively');
});

test('mixed languages: French and Russian sentences among the English ones', async () => {
  const mixed = [
    paragraphs[0],
    'Selon le syndicat, les suppressions de postes toucheront surtout le service client à Aldport.',
    paragraphs[1],
    'Профсоюз заявил, что будет добиваться переговоров с руководством компании.',
    ...paragraphs.slice(2),
  ].join('\n\n');
  const r = await trace('mixed-languages.txt', mixed);
  assert.equal(r.verdict.found, true);
  for (const marker of ['Selon le syndicat', 'Профсоюз заявил']) {
    const c = r.changes.find((x) => x.suspectText?.includes(marker) && (x.kind === 'inserted' || x.kind === 'paraphrase'));
    assert.ok(c, `the sentence starting "${marker}" is reported`);
    assert.match(c.evidence.reason, /could not be analysed/, `"${marker}" is marked as not analysed word by word`);
  }
  // The English sentences around them are analysed as usual.
  assert.ok(kinds(r).has('spinner'));
});

test('emoji and HTML entities left in the text', async () => {
  const noisy = paragraphs
    .map((p, i) => (i % 2 === 0 ? `${p} 😡🔥` : p))
    .join('\n\n')
    .replace(/ and /g, ' &amp; ')
    .replace(/'/g, '&#8217;')
    .replace(/, /, ',&nbsp;');
  const r = await trace('entities-emoji.txt', noisy);
  assert.equal(r.verdict.found, true);
  assert.ok(kinds(r).has('spinner'));
  // An entity like "&amp;" is not a name, a figure or a changed word.
  for (const c of r.changes) {
    for (const w of c.evidence.suspect) assert.ok(!/^&\w+;$|^#\d+$/.test(w), `${c.kind} should not quote a bare entity "${w}"`);
  }
});

/**
 * @module test/compare
 * `compareCopies` on the demo copies in examples/copies (four copies of demo-023, the Kessen
 * Valley wildfire, plus an unrelated story; answer key in examples/README.md): clustering,
 * the consensus, and where each copy departs, with and without the original.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { extractArticle } from '../src/core/extract/index.ts';
import { compareCopies } from '../src/core/compare/index.ts';
import type { CompareInput, CompareReport, Departure } from '../src/core/compare/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COPIES = join(ROOT, 'examples', 'copies');
const FILES = ['autoblog-copy.html', 'paraphrase-copy.txt', 'slanted-copy.txt', 'spun-copy.txt', 'unrelated-story.txt'];

function load(file: string): CompareInput {
  const content = readFileSync(join(COPIES, file), 'utf8');
  return { name: file, article: extractArticle({ kind: file.endsWith('.html') ? 'html' : 'text', content, name: file }) };
}

function original(): CompareInput {
  const line = readFileSync(join(ROOT, 'examples', 'corpus', 'demo-corpus.jsonl'), 'utf8').split('\n').find((l) => l.includes('"demo-023"'))!;
  const a = JSON.parse(line) as { title: string; text: string };
  return { name: 'demo-023', article: { title: a.title, byline: null, published: null, url: null, text: a.text, removed: [] } };
}

const idOf = (r: CompareReport, name: string): string => r.copies.find((c) => c.name === name)!.id;
const findingsOf = (r: CompareReport, name: string) => r.findings.find((f) => f.copy === idOf(r, name))!;
const departuresOf = (r: CompareReport, name: string): Departure[] => findingsOf(r, name).departures;

let withoutOriginal: CompareReport;
let withOriginal: CompareReport;
let shuffled: CompareReport;

before(() => {
  const inputs = FILES.map(load);
  withoutOriginal = compareCopies(inputs, { generatorVersion: 'test' });
  withOriginal = compareCopies([...inputs, original()], { generatorVersion: 'test' });
  shuffled = compareCopies([...inputs].reverse(), { generatorVersion: 'test' });
});

test('the four copies form one story and the unrelated article stands alone', () => {
  const r = withoutOriginal;
  assert.equal(r.clusters.length, 2);
  const story = r.clusters.find((c) => c.copies.length === 4)!;
  assert.deepEqual(story.copies.map((id) => r.copies.find((c) => c.id === id)!.name).sort(), FILES.slice(0, 4).sort());
  const alone = r.clusters.find((c) => c.copies.includes(idOf(r, 'unrelated-story.txt')))!;
  assert.equal(alone.copies.length, 1);
  // The unrelated story shares the town name (Kessen) but no statement.
  const u = r.copies.findIndex((c) => c.name === 'unrelated-story.txt');
  assert.ok(r.similarity[u].every((s, j) => j === u || s < r.settings.clusterThreshold), `similarities ${r.similarity[u]}`);
});

test('the slanted copy: hedge turned into certainty, with "3 of 4 copies" evidence', () => {
  const hedge = departuresOf(withoutOriginal, 'slanted-copy.txt').find((d) => d.kind === 'hedge');
  assert.ok(hedge, 'hedge departure found');
  assert.equal(hedge.severity, 'high');
  assert.equal(hedge.agreeing, 3);
  assert.equal(hedge.total, 4);
  assert.ok(hedge.evidence.source.includes('could'), JSON.stringify(hedge.evidence));
  assert.ok(hedge.evidence.suspect.includes('confirmed'), JSON.stringify(hedge.evidence));
  assert.match(hedge.summary, /^3 of 4 copies say "Forecasters said cooler air and light rain could arrive on Thursday\."; this copy says "Forecasters confirmed/);
  assert.deepEqual(hedge.sharedWith, []);
});

test('the slanted copy: the unsupported sentence is an insertion no other copy supports', () => {
  const inserted = departuresOf(withoutOriginal, 'slanted-copy.txt').filter((d) => d.kind === 'inserted' && d.evidence.rule === 'no-source-sentence');
  assert.equal(inserted.length, 1);
  assert.match(inserted[0].copyText ?? '', /^Critics said the Lowmere Fire and Rescue Service had cut its summer crews/);
  assert.equal(inserted[0].severity, 'high');
  assert.equal(inserted[0].agreeing, 3);
  assert.match(inserted[0].summary, /none of the other 3 copies say this/);
  assert.equal(inserted[0].majorityText, null);
});

test('the slanted copy: the loaded word is found', () => {
  const loaded = departuresOf(withoutOriginal, 'slanted-copy.txt').find((d) => d.kind === 'loaded');
  assert.ok(loaded);
  assert.deepEqual(loaded.evidence.suspect, ['devastating']);
});

test('the faithful copies show no serious departures', () => {
  for (const name of ['paraphrase-copy.txt', 'autoblog-copy.html']) {
    const f = findingsOf(withoutOriginal, name);
    assert.equal(f.serious, 0, `${name}: ${JSON.stringify(f.departures.map((d) => d.summary))}`);
  }
  // The autoblog copy's comment form is cut and reported, not compared.
  const autoblog = findingsOf(withoutOriginal, 'autoblog-copy.html');
  assert.ok(autoblog.singleArticle.some((c) => c.kind === 'boilerplate' && /Please enter your comment/.test(c.suspectText ?? '')));
});

test('the spun copy is caught by the single-article checks', () => {
  const spun = findingsOf(withoutOriginal, 'spun-copy.txt');
  assert.ok(spun.singleArticle.some((c) => c.kind === 'spinner' && c.evidence.suspect.includes('font line')));
  // Its hedged forecast keeps the hedge: it agrees with the majority there.
  assert.ok(!spun.departures.some((d) => d.kind === 'hedge'));
});

test('with the original among the copies, the same departures stand out, now "4 of 5"', () => {
  const hedge = departuresOf(withOriginal, 'slanted-copy.txt').find((d) => d.kind === 'hedge');
  assert.ok(hedge);
  assert.equal(hedge.agreeing, 4);
  assert.match(hedge.summary, /^4 of 5 copies say/);
  assert.equal(findingsOf(withOriginal, 'demo-023').serious, 0);
  assert.equal(findingsOf(withOriginal, 'paraphrase-copy.txt').serious, 0);
});

test('input order does not change who departs', () => {
  for (const name of FILES) {
    const a = findingsOf(withoutOriginal, name).departures.map((d) => `${d.kind}:${d.copyText}`).sort();
    const b = findingsOf(shuffled, name).departures.map((d) => `${d.kind}:${d.copyText}`).sort();
    assert.deepEqual(b, a, name);
  }
});

test('every quote is exact: copy words from the copy, majority words from the majority copy', () => {
  for (const r of [withoutOriginal, withOriginal]) {
    const text = new Map(r.copies.map((c) => [c.id, c.text]));
    for (const f of r.findings) {
      for (const d of f.departures) {
        if (d.copyText !== null) assert.ok(text.get(f.copy)!.includes(d.copyText), d.copyText);
        if (d.majorityText !== null) assert.ok(text.get(d.majorityCopy!)!.includes(d.majorityText), d.majorityText);
      }
    }
    for (const cluster of r.clusters) {
      for (const slot of cluster.slots) {
        assert.ok(slot.agreeing <= slot.support && slot.support <= cluster.copies.length);
        assert.ok(slot.readings.some((x) => x.copy === slot.majority.copy));
      }
    }
  }
});

test('two copies: what one adds is reported against "1 of 2"', () => {
  const r = compareCopies([load('paraphrase-copy.txt'), load('slanted-copy.txt')], { generatorVersion: 'test' });
  assert.equal(r.clusters.length, 1);
  const inserted = departuresOf(r, 'slanted-copy.txt').find((d) => d.evidence.rule === 'no-source-sentence');
  assert.ok(inserted);
  assert.match(inserted.summary, /the other copy does not say this/);
});

/**
 * @module test/compare-specimen
 * `compareCopies` on real text: the Karabakh specimen (../shared/specimens), two variants of it
 * made here that keep the other copies' hedge ("no confirmed reports of force") and lack the
 * added "was not forced" line (the field situation the specimen README describes, with the
 * original absent), the demo copies, and every same-region article of the real corpus as
 * decoys. The copies must form one story with no decoy in it, and the specimen must stand out.
 * Skipped when ../shared is absent, except in CI, where it must be present.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/core/extract/index.ts';
import { compareCopies } from '../src/core/compare/index.ts';
import type { CompareInput, CompareReport } from '../src/core/compare/index.ts';

const SHARED = new URL('../../shared/', import.meta.url);
const SPECIMEN = new URL('specimens/karabakh-spun-copy.txt', SHARED);
const CORPUS = new URL('corpus/', SHARED);
const FILES = ['bbc-news-2004-2005.jsonl.gz', 'guardian-capi-2022.jsonl.gz', 'cnn-lite-2026.jsonl.gz'];
const DECOY_RE = /Karabakh|Azerbaij|Armenia/;
const COPIES = new URL('../examples/copies/', import.meta.url);

const present = existsSync(SPECIMEN) && FILES.every((f) => existsSync(new URL(f, CORPUS)));
const skip = present ? false : process.env.CI ? false : '../shared is not beside the repository (specimen and corpus needed)';

// The specimen's certainty line, and the hedged wording the other copies carry (our words).
const CERTAIN = /Reports confirm that there was no coercion or violence employed against the civilian population\./;
const HEDGED = 'There were no confirmed reports of force being used against the civilian population.';
const ADDED = /However, the displacement of Karabakh Armenians was not forced\. /;

let report: CompareReport;
let decoys = 0;

before(() => {
  if (skip) return;
  assert.ok(present, 'CI must have ../shared/specimens and ../shared/corpus');
  const specimen = readFileSync(SPECIMEN, 'utf8');
  assert.match(specimen, CERTAIN, 'the specimen still holds its certainty line');
  assert.match(specimen, ADDED);
  const variant = specimen.replace(CERTAIN, HEDGED).replace(ADDED, '');
  const text = (name: string, content: string): CompareInput => ({ name, article: extractArticle({ kind: 'text', content, name }) });
  const inputs: CompareInput[] = [text('karabakh-specimen', specimen), text('karabakh-other-1', variant), text('karabakh-other-2', variant)];
  for (const f of readdirSync(COPIES).sort()) {
    const content = readFileSync(new URL(f, COPIES), 'utf8');
    inputs.push({ name: f, article: extractArticle({ kind: f.endsWith('.html') ? 'html' : 'text', content, name: f }) });
  }
  for (const f of FILES) {
    for (const line of gunzipSync(readFileSync(new URL(f, CORPUS))).toString('utf8').split('\n')) {
      if (!line || !DECOY_RE.test(line)) continue;
      const r = JSON.parse(line) as { id: string; title: string | null; text: string };
      inputs.push({ name: r.id, article: { title: r.title, byline: null, published: null, url: null, text: r.text, removed: [] } });
      decoys++;
    }
  }
  report = compareCopies(inputs, { generatorVersion: 'test' });
});

const idOf = (name: string): string => report.copies.find((c) => c.name === name)!.id;

test('the Karabakh copies form one story, apart from the same-region decoys and the demo story', { skip }, () => {
  assert.ok(decoys >= 10, `decoys: ${decoys}`);
  const story = report.clusters.find((c) => c.copies.includes(idOf('karabakh-specimen')))!;
  assert.deepEqual(story.copies.map((id) => report.copies.find((c) => c.id === id)!.name).sort(), ['karabakh-other-1', 'karabakh-other-2', 'karabakh-specimen']);
  const demo = report.clusters.find((c) => c.copies.includes(idOf('slanted-copy.txt')))!;
  assert.equal(demo.copies.length, 4);
});

test('the specimen stands out: hedge turned into certainty, "2 of 3 copies" say otherwise', { skip }, () => {
  const f = report.findings.find((x) => x.copy === idOf('karabakh-specimen'))!;
  const hedge = f.departures.find((d) => d.kind === 'hedge');
  assert.ok(hedge, JSON.stringify(f.departures.map((d) => d.summary)));
  assert.equal(hedge.agreeing, 2);
  assert.match(hedge.summary, /^2 of 3 copies say "There were no confirmed reports of force/);
  const inserted = f.departures.find((d) => d.evidence.rule === 'no-source-sentence');
  assert.ok(inserted);
  assert.match(inserted.copyText ?? '', /was not forced/);
  // The scraped comment form and the spinner swaps show from the copy alone.
  assert.ok(f.singleArticle.some((c) => c.kind === 'spinner'));
  for (const name of ['karabakh-other-1', 'karabakh-other-2']) {
    assert.equal(report.findings.find((x) => x.copy === idOf(name))!.serious, 0, name);
  }
});

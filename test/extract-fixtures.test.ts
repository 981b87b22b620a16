/**
 * Compares the extractor with every fixture under test/fixtures/extract/. After an intended
 * behaviour change, run `npx tsx test/fixtures/extract/update.ts` and review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '../src/core/extract/index.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import { listCases } from './fixtures/extract/update.ts';

const cases = listCases();

test('there are fixture cases to compare', () => {
  assert.ok(cases.length >= 6, `found ${cases.length} cases`);
});

for (const c of cases) {
  test(`fixture ${c.name} matches expected.json`, () => {
    const file = join(c.dir, 'expected.json');
    assert.ok(existsSync(file), `${file} is missing: run test/fixtures/extract/update.ts`);
    const expected = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(extractArticle(c.input), expected);
  });
}

// Properties every case must have, whatever expected.json says, so a bad regeneration is caught.
for (const c of cases) {
  test(`fixture ${c.name}: no furniture left in the body, offsets exact`, () => {
    const a = extractArticle(c.input);
    for (const phrase of [/please enter your/i, /\[ad_\d\]/i, /follow us on/i, /appeared first on/i, /source link/i, /leave a reply/i, /\{\{/, /\[insert/i, /i['’]m sorry, but/i]) {
      assert.doesNotMatch(a.text, phrase);
    }
    assert.doesNotMatch(a.text, /\n{3,}|[ \t]{2,}/, 'paragraphs are separated by exactly one blank line');
    for (const s of splitSentences(a.text)) assert.equal(a.text.slice(s.start, s.end), s.text);
  });
}

test('tagDiv page: body, metadata and the comment form', () => {
  const a = extractArticle(cases.find((c) => c.name === 'tagdiv-autoblog')!.input);
  assert.equal(a.title, 'Harbour Bridge Closed After Cargo Ship Strikes Pier');
  assert.equal(a.published, '2024-03-12T08:41:09.000Z');
  assert.equal(a.text.split('\n\n').length, 6);
  assert.match(a.text, /^A major road bridge/);
  assert.match(a.text, /several weeks, the department said\.$/);
  // Sidebar, related posts, newsletter box and footer never reach the body.
  assert.doesNotMatch(a.text, /Recent Posts|RELATED ARTICLES|newsletter|All rights reserved|Advertisement|Sponsored/);
  const reasons = new Set(a.removed.map((r) => r.reason));
  for (const r of ['ad-slot', 'social-follow', 'autoblog-marker', 'comment-form']) assert.ok(reasons.has(r), r);
});

test('a published LLM refusal leaves an empty body and is reported', () => {
  const a = extractArticle(cases.find((c) => c.name === 'llm-refusal-page')!.input);
  assert.equal(a.text, '');
  assert.equal(a.title, 'Central Bank Holds Rates Steady As Inflation Cools');
  assert.equal(a.removed.filter((r) => r.reason === 'llm-refusal').length, 2);
});

test('neutral class names: reader comments and the form are cut', () => {
  const a = extractArticle(cases.find((c) => c.name === 'neutral-comment-widget')!.input);
  assert.doesNotMatch(a.text, /says:|My family lost|Save my name|Notify me/);
  assert.match(a.text, /new water storage on smaller farms\.$/);
  assert.equal(a.byline, 'Priya Natarajan');
});

test('a content wrapper whose classes mention comments and social is kept; Jetpack furniture goes', () => {
  const a = extractArticle(cases.find((c) => c.name === 'wordpress-jetpack')!.input);
  assert.equal(a.text.split('\n\n').length, 5);
  assert.doesNotMatch(a.text, /Share this|Like this|Loading|Otters spotted|Ruth|Brilliant day/);
  // The reader comment thread is reported as comments, the form as a comment form.
  const reasons = a.removed.map((r) => r.reason);
  assert.ok(reasons.includes('comments') && reasons.includes('comment-form'), reasons.join());
});

test('Blogger page: <br><br> paragraphs, hAtom date, follow line with a long site name', () => {
  const a = extractArticle(cases.find((c) => c.name === 'blogger-br-paragraphs')!.input);
  assert.equal(a.text.split('\n\n').length, 5);
  assert.equal(a.published, '2023-06-08T03:44:00.000Z');
  assert.equal(a.byline, 'News Desk');
  assert.doesNotMatch(a.text, /Newer Post|Labels:|Share to|Subscribe to|Popular Posts|Also Read/);
});

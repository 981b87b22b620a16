/**
 * Single-article checks on a real spun article (../shared/specimens). Skips with a reason when
 * ../shared is absent, except under CI where the data must be there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitArticle } from '../src/core/text/sentences.ts';
import { singleArticleChecks } from '../src/core/classify/index.ts';

const SPECIMEN = join(import.meta.dirname, '..', '..', 'shared', 'specimens', 'karabakh-spun-copy.txt');
const missing = !existsSync(SPECIMEN);
if (missing && process.env.CI) throw new Error(`${SPECIMEN} is missing (required under CI)`);

test('karabakh specimen: spinner artefacts and the unattributed certainty are flagged, with few false alarms', { skip: missing && `${SPECIMEN} not found` }, () => {
  // The comment form at the end is the extractor's job; classify sees the body without it.
  const body = readFileSync(SPECIMEN, 'utf8').split('Please enter your comment!')[0];
  const split = splitArticle(body);
  const changes = singleArticleChecks(split, []);
  const spinner = changes.filter((c) => c.kind === 'spinner').map((c) => c.evidence.suspect[0]);
  for (const expected of ['font line', 'cisiveness', '500-suffered']) assert.ok(spinner.includes(expected), `missing spinner flag "${expected}" in ${JSON.stringify(spinner)}`);
  const unattributed = changes.filter((c) => c.kind === 'unattributed');
  assert.ok(unattributed.some((c) => c.suspectText!.startsWith('Reports confirm that there was no coercion')));
  // Every flag quotes a sentence of the body exactly.
  for (const c of changes) assert.equal(body.slice(split.sentences[c.suspectSentences[0]].start, split.sentences[c.suspectSentences[0]].end), c.suspectText);
  // With two fingerprints of a spinner, the phrase model's rare-for-common word pairs are added
  // as low-severity corroboration, each naming the expected phrase and both counts.
  const phrases = changes.filter((c) => c.evidence.rule.startsWith('spinner-phrase'));
  assert.ok(phrases.length > 0);
  for (const c of phrases) {
    assert.equal(c.severity, 'low');
    assert.ok(c.evidence.expected && c.evidence.counts && c.evidence.counts.expected > c.evidence.counts.written);
  }
  // Still bounded: the strong flags plus at most a couple of dozen corroborating pairs.
  assert.ok(spinner.length + unattributed.length - phrases.length <= 4 + 2, `too many flags: ${JSON.stringify([...spinner, ...unattributed.map((c) => c.evidence.suspect[0])])}`);
  assert.ok(phrases.length <= 25);
});

/**
 * The headline comparison (compareHeadlines): the copy's headline read against its source's with
 * the body's pair checks. Invented headlines in the shape of real ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArticle } from '../text/sentences.ts';
import { compareHeadlines } from './classify.ts';

const body = splitArticle('Thousands marched through the capital on Saturday. Police said the march was mostly peaceful.');
const source = (title: string) => ({ id: 'src-1', title, body });
const copy = (title: string) => ({ title, body });

test('a headline that turns protesters into rioters is reported, as a headline change quoting both headlines', () => {
  const out = compareHeadlines(copy('Rioters march through Dunmore as fuel prices rise'), source('Protesters march through Dunmore as fuel prices rise'));
  assert.ok(out.length > 0, 'a finding');
  const c = out.find((x) => x.evidence.suspect.some((w) => /rioters/i.test(w)));
  assert.ok(c, `a finding names the swapped word: ${JSON.stringify(out.map((x) => [x.kind, x.evidence.suspect]))}`);
  assert.equal(c.part, 'title');
  assert.equal(c.suspectText, 'Rioters march through Dunmore as fuel prices rise');
  assert.equal(c.sourceText, 'Protesters march through Dunmore as fuel prices rise');
  assert.deepEqual(c.suspectSentences, []);
  assert.match(c.evidence.reason, /^In the headline: /);
});

test('a changed figure in the headline is reported; the same headline is not', () => {
  const out = compareHeadlines(copy('Storm leaves 40,000 homes without power in Carrow'), source('Storm leaves 4,000 homes without power in Carrow'));
  assert.ok(out.some((c) => c.kind === 'number' && c.severity === 'high'));
  assert.deepEqual(compareHeadlines(copy('Storm leaves 4,000 homes without power in Carrow'), source('Storm leaves 4,000 homes without power in Carrow')), []);
});

test('a headline that adds a clause raises neither an insertion nor a reversal across clauses', () => {
  const out = compareHeadlines(copy('Council launches scheme to boost cycling as bus fares rise'), source('Ellery council launches citywide scheme to encourage cycling'));
  assert.ok(!out.some((c) => c.kind === 'inserted' || c.kind === 'omitted' || c.kind === 'reversal'), JSON.stringify(out.map((c) => [c.kind, c.evidence.rule])));
});

test('a headline written anew, or a missing one, is not compared', () => {
  assert.deepEqual(compareHeadlines(copy('You will not believe what happened in Dunmore'), source('Protesters march through Dunmore as fuel prices rise')), []);
  assert.deepEqual(compareHeadlines(copy(''), source('Protesters march through Dunmore')), []);
  assert.deepEqual(compareHeadlines({ title: null, body }, source('Protesters march through Dunmore')), []);
});

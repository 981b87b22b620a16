/**
 * The headline comparison (compareHeadlines): the copy's headline read against its source's with
 * the body's pair checks. Invented headlines in the shape of real ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArticle } from '../text/sentences.ts';
import { compareHeadlines, foldHeadlineRepeats } from './classify.ts';

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

test('a loaded word swapped into the headline is found, quoting the headline as written', () => {
  const out = compareHeadlines(copy('Regime forces retake Tarvel bridge after two-day battle'), source('Government forces retake Tarvel bridge after two-day battle'));
  const loaded = out.find((c) => c.kind === 'loaded');
  assert.ok(loaded, JSON.stringify(out.map((c) => [c.kind, c.evidence.suspect])));
  assert.deepEqual(loaded.evidence.suspect, ['Regime']);
  assert.equal(loaded.part, 'title');
});

test('a shortened headline is no finding: dropped words, names and clauses are not swaps or omissions', () => {
  const src = source('Government forces retake Tarvel bridge after two-day battle, army says');
  for (const short of ['Tarvel bridge retaken', 'Army retakes bridge', 'Government forces retake Tarvel bridge']) {
    assert.deepEqual(compareHeadlines(copy(short), src).map((c) => [c.kind, c.evidence.rule]), [], short);
  }
  const mayor = source('Former Brackenford mayor Ellen Ashdown found guilty of fraud over housing grants');
  assert.deepEqual(compareHeadlines(copy('Ashdown found guilty of fraud'), mayor), []);
});

test('a Title Case headline is read for names by the articles, not its capitals', () => {
  const srcBody = splitArticle('Monitors entered Dreswick on Monday after the Sarn ridge ceasefire. Residents returned to the town.');
  const copyBody = splitArticle('Monitors reached Dreswick on Monday. Families returned to a town scarred by shelling.');
  const out = compareHeadlines(
    { title: 'Monitors Reach Dreswick as Families Return to a Town Scarred by Shelling', body: copyBody },
    { id: 'src-1', title: 'Monitors enter Dreswick as residents return after Sarn ridge ceasefire', body: srcBody },
  );
  assert.ok(!out.some((c) => c.kind === 'entity'), `"Town Scarred" is no name: ${JSON.stringify(out.map((c) => [c.kind, c.evidence.suspect]))}`);
  assert.ok(out.every((c) => c.severity === 'low' || c.severity === 'none'), JSON.stringify(out.map((c) => [c.kind, c.severity])));
  // Evidence and reasons quote the headline as the page writes it.
  for (const c of out) {
    for (const w of c.evidence.suspect) assert.ok(c.suspectText?.includes(w), w);
    assert.doesNotMatch(c.evidence.reason, /"families"|"reach"/);
  }
  // A name swapped in a Title Case headline is still one.
  const ferry = compareHeadlines(
    { title: 'Ferry Calloway Sinks Off Harlow Coast', body: splitArticle('The ferry sank off the Harlow coast on Monday.') },
    { id: 'src-1', title: 'Ferry Marden sinks off Harlow coast', body: splitArticle('The ferry Marden sank off the Harlow coast on Monday.') },
  );
  assert.ok(ferry.some((c) => c.kind === 'entity' && c.severity === 'high' && c.evidence.suspect.includes('Ferry Calloway')), JSON.stringify(ferry.map((c) => [c.kind, c.severity, c.evidence.suspect])));
});

test('a headline change the body already reports is shown at low severity, counted serious once', () => {
  const out = compareHeadlines(copy('Ferry Calloway sinks off Harlow coast'), source('Ferry Marden sinks off Harlow coast'));
  const entity = out.find((c) => c.kind === 'entity');
  assert.ok(entity && entity.severity === 'high');
  const bodyChange = { ...entity, part: undefined, suspectText: 'The ferry Calloway sank.', sourceText: 'The ferry Marden sank.', evidence: { ...entity.evidence, suspect: ['Ferry Calloway'], source: ['Ferry Marden'] } };
  const folded = foldHeadlineRepeats(out, [bodyChange]);
  assert.equal(folded.find((c) => c.kind === 'entity')?.severity, 'low');
  assert.match(folded.find((c) => c.kind === 'entity')?.evidence.reason ?? '', /The body makes the same change/);
  // A different body change leaves the headline's alone.
  assert.equal(foldHeadlineRepeats(out, [{ ...bodyChange, evidence: { ...bodyChange.evidence, suspect: ['Harlow'] } }]).find((c) => c.kind === 'entity')?.severity, 'high');
});

/**
 * The credit check (checkCredit): does a copy name its source's outlet, keep its byline or link
 * back? Invented pages and sources in the shape of real wire copies and autoblogs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceArticle } from '../types.ts';
import { bylineSurnames, checkCredit, outletNames, type CreditCopy } from './credit.ts';

const SOURCE: ReferenceArticle = {
  id: 'src-1',
  outlet: 'The Associated Press (via Carrow Courier)',
  title: 'Harbour reopens after storm',
  byline: 'By Jane Mirelle and Tom Okafor',
  published: '2026-03-02',
  url: 'https://apnews.example/article/harbour-reopens-123',
  text: 'CARROW (AP) — The harbour reopened on Monday after the storm, officials said.\n\nFerries will run a reduced timetable, the port authority told The Associated Press.',
};
const copy = (over: Partial<CreditCopy>): CreditCopy => ({
  title: 'Harbour reopens after storm',
  byline: null,
  url: 'https://autoblog.example/harbour-reopens',
  text: 'The harbour reopened on Monday after the storm, officials said.\n\nFerries will run a reduced timetable, the port authority told The Associated Press.',
  removed: [],
  links: [],
  ...over,
});

test('outlet names: the outlet, without "The" and generic words, its initials, the reprinting outlet and the site', () => {
  const names = outletNames(SOURCE.outlet, SOURCE.url);
  for (const n of ['Associated Press', 'AP', 'Carrow Courier', 'apnews.example']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  assert.ok(outletNames('BBC News', null).includes('BBC'));
  assert.ok(outletNames('Agence France-Presse', null).includes('AFP'));
});

test('byline surnames: "By A and B in City" gives both surnames', () => {
  assert.deepEqual(bylineSurnames('By Jane Mirelle and Tom Okafor in Carrow'), ['Mirelle', 'Okafor']);
  assert.deepEqual(bylineSurnames(null), []);
});

test('a verbatim copy whose only mention of the outlet is copied from the source is flagged verbatim-uncredited', () => {
  const { credit, change } = checkCredit(copy({}), SOURCE, 2, 2);
  assert.equal(credit.outletNamed, null, 'the copied "told The Associated Press" credits nobody');
  assert.equal(credit.bylineKept, false);
  assert.equal(credit.linkBack, null);
  assert.equal(credit.credited, false);
  assert.equal(credit.verbatimShare, 1);
  assert.equal(credit.flag, 'verbatim-uncredited');
  assert.ok(change);
  assert.equal(change.kind, 'uncredited');
  assert.equal(change.evidence.rule, 'uncredited-verbatim');
  assert.equal(change.severity, 'low');
  assert.match(change.evidence.reason, /2 of the copy's 2 sentences repeat the source word for word/);
});

test('a reworded copy with no credit is uncredited, not verbatim-uncredited', () => {
  const { credit, change } = checkCredit(copy({}), SOURCE, 0, 2);
  assert.equal(credit.flag, 'uncredited');
  assert.equal(change?.evidence.rule, 'uncredited');
});

test('credit counts: a dateline naming the agency, a source line in the furniture, an added mention, the byline, a link back', () => {
  const dateline = checkCredit(copy({ text: `CARROW (AP) — ${copy({}).text}` }), SOURCE, 2, 2);
  assert.equal(dateline.credit.outletNamed, 'AP');
  assert.equal(dateline.change, null);
  const furniture = checkCredit(copy({ removed: [{ text: 'Source: Associated Press', reason: 'source-line' }] }), SOURCE, 2, 2);
  assert.equal(furniture.credit.outletNamed, 'Associated Press');
  const added = checkCredit(copy({ text: `${copy({}).text}\n\nAs first reported by the Carrow Courier.` }), SOURCE, 2, 3);
  assert.equal(added.credit.outletNamed, 'Carrow Courier');
  const byline = checkCredit(copy({ byline: 'Jane Mirelle' }), SOURCE, 2, 2);
  assert.equal(byline.credit.bylineKept, true);
  assert.equal(byline.credit.flag, null);
  const page = checkCredit(copy({ links: ['https://autoblog.example/', 'https://apnews.example/article/harbour-reopens-123/'] }), SOURCE, 2, 2);
  assert.equal(page.credit.linkBack, 'https://apnews.example/article/harbour-reopens-123/');
  const site = checkCredit(copy({ links: ['https://www.apnews.example/hub/storms'] }), SOURCE, 2, 2);
  assert.equal(site.credit.linkBack, 'https://www.apnews.example/hub/storms');
});

test('an outlet name written in lower case inside a word or a common noun is no credit', () => {
  const { credit } = checkCredit(copy({ text: `${copy({}).text}\n\nThe map was a rough guide, apt for the day.` }), { ...SOURCE, outlet: 'Guide Post', url: null }, 2, 3);
  assert.equal(credit.outletNamed, null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { classifyLine, removeBoilerplate } from './boilerplate.ts';
import { guardedFurnitureRules, isBareDateline, isCorrectionNote, leadingFurniture, trailingReadMore } from './furniture.ts';
import { isLabelLine, unalignedFurniture, cutParagraphs } from './unaligned.ts';
import { extractArticle } from './index.ts';
import { splitArticle } from '../text/sentences.ts';
import { lineKey } from '../site-lines.ts';
import type { AlignmentGroup } from '../types.ts';

// Every example below is written for these tests in the shapes news pages and autoblogs use.

test('photo credits, captions, crumbs, teasers, widgets and badges get their reason codes', () => {
  const cases: [string, string][] = [
    ['Image copyright Reuters', 'image-credit'],
    ['Picture copyright EPA/Getty Pictures', 'image-credit'],
    ['Image source, Getty Images', 'image-credit'],
    ['AFP / Getty Images', 'image-credit'],
    ['REUTERS/Ana Ferreira', 'image-credit'],
    ['Tomas Berg/AFP via Getty Images', 'image-credit'],
    ['Photograph: Lena Sorvik/Reuters', 'image-credit'],
    ['Photo credit: AP', 'image-credit'],
    ['Mayor Elin DahlPicture copyright', 'image-credit'],
    ['© Reuters', 'image-credit'],
    ['Firefighters hose down a warehouse in Port Elleth on Sunday. Photograph: Lena Sorvik/Reuters', 'caption'],
    ['Volunteers stack sandbags along the river. (Photo by Tomas Berg/AFP via Getty Images)', 'caption'],
    ['Traders work on the floor of the exchange in Vressa, March 3, 2024. REUTERS/Ana Ferreira', 'caption'],
    ['Image caption The bridge has been closed since the collision', 'caption'],
    ['Hide caption The harbour at dawn', 'caption'],
    ['3 of 12', 'caption'],
    ['FILE PHOTO: A cargo ship leaves the port of Kestrel Bay', 'caption'],
    ['IMG_20240312_0915.jpg', 'image-link'],
    ['https://cdn.example-news.net/uploads/2024/03/bridge-collapse-1200x800.webp', 'image-link'],
    ['Home > World > Europe', 'breadcrumb'],
    ['Home / Business / Markets', 'breadcrumb'],
    ['HomeWorld News', 'breadcrumb'],
    ['News » Politics » Elections', 'breadcrumb'],
    ['4 min read', 'reading-time'],
    ['Reading time: 6 minutes', 'reading-time'],
    ['Advertisment', 'ad-slot'],
    ['- Advertisement -', 'ad-slot'],
    ['ADVERTISEMENT - SCROLL TO CONTINUE', 'ad-slot'],
    ['Read more →', 'related-links'],
    ['Read more on examplenews.com', 'related-links'],
    ['Read the full story at Example Daily', 'related-links'],
    ['Also read | Harbour authority names new chief', 'related-links'],
    ['You may read: Five things to know about the vote', 'related-links'],
    ['You may also like', 'related-links'],
    ['Discover more from The Example Ledger', 'newsletter'],
    ['Subscribe to get the latest posts sent to your email.', 'newsletter'],
    ['Type your email…', 'newsletter'],
    ['Disclaimer: The views expressed here are the author’s own and not those of the site.', 'disclaimer'],
    ['Note: This article was published from a wire agency feed without modifications to the text.', 'disclaimer'],
    ['(Only the headline and picture of this report may have been reworked by the Example Times staff; the rest of the content is auto-generated from a syndicated feed.)', 'disclaimer'],
  ];
  for (const [line, reason] of cases) assert.equal(classifyLine(line), reason, line);
});

test('real sentences that mention photos, credits, homes, subscriptions or corrections stay', () => {
  const keep = [
    'The photograph, taken by a passer-by, shows the ship striking the pier.',
    'Police said the image had been shared more than 40,000 times by Sunday.',
    'Home prices rose 4% in March, the statistics office said.',
    'Home to 40,000 people, the town depends on its harbour.',
    'Reuters could not independently verify the footage.',
    'AFP and Getty Images declined to comment on the licensing dispute.',
    'The agency said credit card fraud had doubled since 2020.',
    'Readers who subscribe to the print edition will get the app for free.',
    'Corrections officers at the prison said they had not been paid for two months.',
    'An advertisement for the clinic appeared in three newspapers last week.',
    'Read the report carefully, the judge told the jury.',
    'He described the image: a man running from the burning warehouse.',
    'The minister said the correction in house prices was overdue.',
    'Tomas Berg, a photographer for the agency, was injured in the blast.',
    'She said: "Home is where we rebuild, not where we were born."',
    'Watch out for falling debris, the council warned residents on Monday.',
    'The update to the software fixed the flaw, the company said on Tuesday.',
  ];
  for (const line of keep) assert.equal(classifyLine(line), null, line);
});

test('a kicker or a glued photo credit is trimmed off a real paragraph, and a glued "Read more" off an excerpt', () => {
  assert.deepEqual(leadingFurniture('BREAKING NEWS – Kestrel Bay, Ruritania – The harbour master closed the port on Friday.'), {
    text: 'BREAKING NEWS –',
    reason: 'kicker',
    rest: 'Kestrel Bay, Ruritania – The harbour master closed the port on Friday.',
  });
  assert.equal(leadingFurniture('EXCLUSIVE: The minister knew of the leak in May, documents show.')?.text, 'EXCLUSIVE:');
  assert.deepEqual(leadingFurniture('Image copyright AFP/Getty Images Mayor Elin Dahl said the bridge would reopen in May.'), {
    text: 'Image copyright AFP/Getty Images',
    reason: 'image-credit',
    rest: 'Mayor Elin Dahl said the bridge would reopen in May.',
  });
  // A dateline is the story's own and stays: a changed city is a finding, not furniture.
  assert.equal(leadingFurniture('KESTREL BAY, March 3 (Reuters) - The harbour master closed the port.'), null);
  assert.equal(leadingFurniture('Breaking the deadlock took three weeks, officials said.'), null);
  assert.equal(leadingFurniture('Exclusive rights to the footage were sold for £2m.'), null);
  assert.deepEqual(trailingReadMore('The council voted to close the library after a long debate,… Read more →'), {
    text: '… Read more →',
    rest: 'The council voted to close the library after a long debate,',
  });
  assert.equal(trailingReadMore('There is more to come, he said…'), null);
  const { text, removed } = removeBoilerplate(
    'Image copyright Reuters Image caption Fishing boats wait at the quay in Port Elleth on Monday morning after the storm\n\nThe port reopened on Monday after a week of storms.',
  );
  assert.equal(text, 'The port reopened on Monday after a week of storms.');
  assert.deepEqual(removed.map((r) => r.reason), ['image-credit', 'caption']);
});

test('a dateline alone on a line at the top of a body is cut; a standfirst or a sentence is not', () => {
  for (const d of ['New Delhi', 'KESTREL BAY (Reuters) -', 'Port Elleth, Ruritania', 'LONDON:']) assert.ok(isBareDateline(d), d);
  for (const d of ['Ceasefire Talks Stall As Both Sides Trade Blame', 'The port reopened on Monday.', 'It rained.', 'By Jana Novak']) assert.ok(!isBareDateline(d), d);
  const a = extractArticle({
    kind: 'text',
    name: 't',
    content: 'Harbour reopens after storms\n\nPort Elleth\n\nThe port reopened on Monday after a week of storms, the harbour master said.\n\nFishing boats returned to the quay by noon.',
  });
  assert.equal(a.text, 'The port reopened on Monday after a week of storms, the harbour master said.\n\nFishing boats returned to the quay by noon.');
  assert.deepEqual(a.removed, [{ text: 'Port Elleth', reason: 'dateline' }]);
});

test('a headline repeated in the body is cut and listed, wherever it stands', () => {
  const a = extractArticle({
    kind: 'text',
    name: 't',
    content:
      'Harbour reopens after storms\n\nHome > World\n\nHarbour reopens after storms\n\nThe port reopened on Monday after a week of storms.\n\nHarbour reopens after storms.\n\nFishing boats returned to the quay by noon.',
  });
  assert.equal(a.text, 'The port reopened on Monday after a week of storms.\n\nFishing boats returned to the quay by noon.');
  assert.deepEqual(a.removed.map((r) => r.reason).sort(), ['breadcrumb', 'repeated-title', 'repeated-title']);
});

test('label lines and correction notes are recognised by shape', () => {
  for (const l of ['Mayor Elin Dahl', 'Market Reaction', 'In Pictures', 'Minister of State for Trade']) assert.ok(isLabelLine(l), l);
  for (const l of ['Ceasefire collapses', 'Five dead in blast', 'The port reopened.', 'Mayor Elin Dahl resigned', '"Never again"', 'Protests in 2024']) assert.ok(!isLabelLine(l), l);
  for (const n of [
    '(This story corrects the name of the harbour master in the third paragraph)',
    'Correction: An earlier version of this article misstated the cost of the repairs.',
    'This article has been updated to include a statement from the ministry.',
    '(Adds quote from mayor in paragraph 4)',
  ]) assert.ok(isCorrectionNote(n), n);
  for (const n of ['Corrections officers said they had not been paid.', 'The update was released on Tuesday.', 'He adds that the port will reopen.']) assert.ok(!isCorrectionNote(n), n);
});

const SOURCE_ID = 's';
function aligned(split: ReturnType<typeof splitArticle>, indexes: number[]): AlignmentGroup[] {
  return split.sentences.map((s) => ({ suspect: [s.index], source: indexes.includes(s.index) ? { id: SOURCE_ID, sentences: [0] } : null, similarity: 1 }));
}

test('unaligned furniture: labels, notes, repeats and site template lines are cut; aligned look-alikes stay', () => {
  const text = [
    'Mayor Elin Dahl',
    'The port reopened on Monday after a week of storms, the harbour master said.',
    'Market Reaction',
    '(This story corrects the date of the reopening in the first paragraph)',
    'Boats wait at the quay in Port Elleth on Monday.',
    'Boats wait at the quay in Port Elleth on Monday.',
    'Get the Ledger app for breaking news alerts.',
    'Fishing boats returned to the quay by noon.',
  ].join('\n\n');
  const split = splitArticle(text);
  // Sentences 1 and 2 ("Market Reaction" is also in the source) and 7 align.
  const groups = aligned(split, [1, 2, 7]);
  // The app promotion recurs on three other pages of the site.
  const cuts = unalignedFurniture(split, groups, new Map([[lineKey('Get the Ledger app for breaking news alerts.')!, 3]]));
  assert.deepEqual(
    cuts.map((c) => [split.text.slice(c.start, c.end), c.reason]),
    [
      ['Mayor Elin Dahl', 'label'],
      ['(This story corrects the date of the reopening in the first paragraph)', 'correction-note'],
      ['Boats wait at the quay in Port Elleth on Monday.', 'repeated-line'],
      ['Boats wait at the quay in Port Elleth on Monday.', 'repeated-line'],
      ['Get the Ledger app for breaking news alerts.', 'site-template'],
    ],
  );
  const article = { title: null, byline: null, published: null, url: null, text, removed: [] };
  const cut = cutParagraphs(article, cuts);
  assert.equal(
    cut.text,
    'The port reopened on Monday after a week of storms, the harbour master said.\n\nMarket Reaction\n\nFishing boats returned to the quay by noon.',
  );
  assert.equal(cut.removed.length, 5);
  // With no source at all, every paragraph is unsupported: only the shapes decide.
  assert.deepEqual(
    unalignedFurniture(split, null).map((c) => c.reason),
    ['label', 'label', 'correction-note', 'repeated-line', 'repeated-line'],
  );
});

test('numbered items that differ only in their figures are not a repeated line', () => {
  // Invented minutes: one short paragraph per item, the same words, different numbers.
  const text = ['Item 1 was approved on Monday after a short debate.', 'Item 2 was approved on Monday after a short debate.', 'Item 3 was approved on Monday after a short debate.'].join('\n\n');
  assert.deepEqual(unalignedFurniture(splitArticle(text), null), []);
  // The same words and figures twice is a repeat.
  const twice = `${text}\n\nItem 3 was approved on Monday after a short debate.`;
  assert.deepEqual(unalignedFurniture(splitArticle(twice), null).map((c) => c.reason), ['repeated-line', 'repeated-line']);
});

test('HTML: figure captions, credits, navigation and one-link teasers are cut; a sentence with a link stays', () => {
  const html = `<!DOCTYPE html><html><head><title>Harbour reopens after storms | The Example Ledger</title>
  <meta property="og:title" content="Harbour reopens after storms"></head><body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
  <article>
    <h1>Harbour reopens after storms</h1>
    <figure><img src="/img/quay.jpg" alt=""><figcaption>Boats wait at the quay on Monday. Photograph: Lena Sorvik/Example Agency</figcaption></figure>
    <p>The port of Port Elleth reopened on Monday after a week of storms that kept the fishing fleet in harbour and closed the coastal road, the harbour master said.</p>
    <p><a href="/news/ferry-timetable">Ferry timetable to change from June</a></p>
    <p>Engineers checked the <a href="/tags/sea-wall">sea wall</a> and the northern quay over the weekend and found no damage that would keep ships away.</p>
    <p>Fishing boats returned to the quay by noon, and the fish market opened an hour later than usual as traders set up their stalls again.</p>
    <span class="image-credit">Example Agency</span>
  </article></body></html>`;
  const a = extractArticle({ kind: 'html', content: html, name: 'harbour.html', url: 'https://www.ledger.example/news/harbour' });
  assert.deepEqual(a.text.split('\n\n').map((p) => p.slice(0, 30)), ['The port of Port Elleth reopen', 'Engineers checked the sea wall', 'Fishing boats returned to the ']);
  const reasons = a.removed.map((r) => `${r.reason}: ${r.text}`);
  assert.ok(reasons.includes('caption: Boats wait at the quay on Monday. Photograph: Lena Sorvik/Example Agency'), reasons.join(' | '));
  assert.ok(reasons.includes('related-links: Ferry timetable to change from June'), reasons.join(' | '));
  assert.ok(!a.text.includes('Business'));
});

// Lines of real news (with their agency names, bylines and "Photograph:" credits) where the
// shared corpus is beside the repository; the invented lines below cover every rule either way.
const CORPUS_FILE = new URL('../../../../shared/corpus/guardian-capi-2022.jsonl.gz', import.meta.url);

function corpusLines(articles: number): string[] {
  if (!existsSync(CORPUS_FILE)) return [];
  const rows = gunzipSync(readFileSync(CORPUS_FILE)).toString('utf8').split('\n').filter(Boolean).slice(0, articles);
  return rows.flatMap((row) => String((JSON.parse(row) as { text?: string }).text ?? '').split(/\n+/)).map((l) => l.trim()).filter(Boolean);
}

test('rules kept behind literal tests answer as the rules alone', () => {
  const invented = [
    'By Tomas Berg/AFP', 'Courtesy of Getty Images', 'Photo by Jana Novak for Reuters', 'By Jana Novak, staff reporter',
    'AFP / Getty Images', 'Issei Kato/Reuters', '(Tomas Berg/AFP via Getty Images)', 'Reuters could not verify the footage.',
    '© Reuters', '(c) AFP 2024', '© 2024 Jana Novak/Reuters.', '© The Example Times',
    'Firefighters hose down a warehouse on Sunday. Photograph: Lena Sorvik/Reuters', 'The view from the pier. Photo: Jana Novak/The Example Times',
    'Traders work on the floor of the exchange. REUTERS/Ana Ferreira', 'He said: "Photo: a man." REUTERS / nobody',
    'Volunteers stack sandbags. Picture credit: Getty Images', 'Picture source AFP',
    'Image copyright AFP/Getty Images Mayor Elin Dahl said the bridge would reopen.', 'Image copyright Reuters the rest is lower case.',
    'HomeWorld News', 'HomeUK Politics', 'Home prices rose 4% in March.', 'Homeowners were told to leave.',
    'Tomas Berg, a photographer for AFP, was injured in the blast.', 'AFP and Getty Images declined to comment on the licensing dispute.',
  ];
  const lines = [...invented, ...corpusLines(400)];
  const rules = guardedFurnitureRules();
  assert.ok(rules.length >= 8, 'the credit rules are guarded');
  for (const r of rules) {
    let matched = 0;
    for (const line of lines) {
      const alone = r.rule.test(line);
      assert.equal(r.test(line), alone, `/${r.rule.source.slice(0, 60)}.../ on ${JSON.stringify(line)}`);
      if (alone) matched++;
    }
    // A rule no line matches would make the check above say nothing about it.
    assert.ok(matched > 0, `/${r.rule.source.slice(0, 60)}.../ matches one of the lines`);
  }
});

/**
 * retrieveSources end to end against a real SQLite store in a temporary file (the adapter has
 * its own contract suite; here the point is the ranking and the decision), plus chooseSources
 * and the earliest-of-family tie-break.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../src/core/store.ts';
import type { ReferenceArticle } from '../src/core/types.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import {
  DEFAULT_RETRIEVE_OPTIONS,
  chooseSources,
  preferEarliestOfFamily,
  rankCandidates,
  resultFromRanking,
  retrieveSources,
  type RankedCandidate,
} from '../src/core/retrieve/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-retrieve-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let stores = 0;

const article = (id: string, text: string): ReferenceArticle => ({ id, outlet: 'Test Wire', title: null, byline: null, published: null, url: null, text });

const FERRY = article(
  'wire/ferry',
  'A passenger ferry ran aground off the island of Mull on Tuesday evening, and all 212 people on board were taken off safely. ' +
    'The Caledonian MacBrayne vessel Lord of the Isles struck rocks near Craignure shortly after leaving Oban. ' +
    'Coastguard officer Fiona Macleod said lifeboats from Tobermory and Oban reached the ship within forty minutes. ' +
    '"The crew did everything right and nobody was hurt," she said. ' +
    'The Marine Accident Investigation Branch has sent inspectors to examine the hull. ' +
    'Sailings between Oban and Craignure are cancelled until Friday.',
);
const BUDGET = article(
  'wire/budget',
  'The city council of Dundee approved a budget of 314 million pounds on Thursday after a four-hour debate. ' +
    'Council leader Graeme Ashworth said the plan protected libraries and swimming pools despite rising costs. ' +
    'Opposition councillors argued that the 4.9 per cent rise in council tax would hurt pensioners. ' +
    'The budget includes 12 million pounds for repairing roads damaged in the January floods. ' +
    'Unions welcomed the decision not to cut school support staff.',
);
const ORCHESTRA = article(
  'wire/orchestra',
  'The Royal Scottish National Orchestra will tour Japan next spring for the first time in two decades. ' +
    'Its music director, Thomas Sondergard, will conduct nine concerts in Tokyo, Osaka and Nagoya. ' +
    'The programme includes symphonies by Sibelius and a new work by the Glasgow composer Helen Grime. ' +
    'Tickets go on sale in October, the orchestra said.',
);
const HARBOUR = article(
  'wire/harbour',
  'Work to rebuild the harbour wall at Tobermory will begin in March, the local authority said. ' +
    'The wall was damaged by storms last winter and boats have been moored elsewhere since. ' +
    'Residents said the harbour is vital for tourism on the island.',
);

async function storeWith(articles: ReferenceArticle[]): Promise<Store> {
  const store = await openSqliteStore(join(dir, `s${++stores}.db`));
  if (articles.length) await store.put(articles.map(prepareIndexRecord));
  return store;
}

const suspect = (text: string, published: string | null = null) => ({ title: null, text, sentences: splitSentences(text), published });

// A rewrite of FERRY: reordered, many words swapped, one sentence added.
const FERRY_REWRITE =
  'All 212 passengers and crew were rescued unharmed after a CalMac ferry hit rocks off Mull on Tuesday night. ' +
  'The Lord of the Isles had just left Oban when it struck rocks close to Craignure. ' +
  'Lifeboats from Oban and Tobermory got to the stricken ship within forty minutes, coastguard Fiona Macleod told reporters. ' +
  '"Nobody was hurt and the crew did everything right," Macleod said. ' +
  'Islanders have long complained about the ageing ferry fleet. ' +
  'Crossings from Oban to Craignure will not run until Friday, and inspectors from the Marine Accident Investigation Branch are examining the hull.';

test('an empty index is not searched', async () => {
  const result = await retrieveSources(await storeWith([]), suspect(FERRY_REWRITE));
  assert.equal(result.searched, false);
  assert.equal(result.found, false);
  assert.equal(result.corpusSize, 0);
  assert.match(result.reason, /empty/);
});

test('a reworded, reordered rewrite is traced to its source with evidence', async () => {
  const store = await storeWith([BUDGET, FERRY, ORCHESTRA, HARBOUR]);
  const result = await retrieveSources(store, suspect(FERRY_REWRITE));
  assert.equal(result.searched, true);
  assert.equal(result.found, true, result.reason);
  assert.equal(result.sources[0].article.id, 'wire/ferry');
  const top = result.sources[0];
  assert.ok(top.confidence >= 0.5);
  assert.ok(top.signals.sentenceCoverage >= 0.6, `coverage ${top.signals.sentenceCoverage}`);
  assert.ok(top.signals.sharedRare.includes('Craignure'), top.signals.sharedRare.join(', '));
  assert.match(top.why, /^shares \d+ of \d+ sentences/);
  assert.ok(!result.sources.some((s) => s.article.id === 'wire/budget'));
});

test('an unrelated article gets no source, with a reason naming the threshold', async () => {
  const store = await storeWith([BUDGET, FERRY, ORCHESTRA, HARBOUR]);
  const text =
    'A new bakery opened on the high street in Perth on Saturday, selling sourdough and pastries. ' +
    'The owners trained in Lyon and moved back to Scotland last year. ' +
    'Queues formed before the doors opened at eight.';
  const result = await retrieveSources(store, suspect(text));
  assert.equal(result.searched, true);
  assert.equal(result.found, false);
  assert.equal(result.sources.length, 0);
  assert.match(result.reason, /threshold|no article/);
});

test('no source claimed, but an article sharing the rare names is named as the closest, never as a source', async () => {
  const store = await storeWith([BUDGET, FERRY, ORCHESTRA, HARBOUR]);
  // The same story told in wholly different words: the names survive, the sentences do not.
  const retold =
    'Every one of the travellers aboard the Lord of the Isles walked away without a scratch. ' +
    'Rescue crews reached the vessel near Craignure in well under an hour, said Fiona Macleod. ' +
    'Investigators will now pore over the damage.';
  const result = await retrieveSources(store, suspect(retold));
  assert.equal(result.found, false, result.reason);
  assert.equal(result.sources.length, 0);
  assert.equal(result.closest?.article.id, 'wire/ferry');
  assert.match(result.reason, /closest article is .*\[wire\/ferry\]/);
  // An unrelated text names no closest article.
  const bakery = await retrieveSources(store, suspect('A new bakery opened on the high street in Perth on Saturday. Queues formed before eight.'));
  assert.equal(bakery.closest, undefined);
});

test('a story merged from two sources returns both, the larger share first', async () => {
  const store = await storeWith([BUDGET, FERRY, ORCHESTRA, HARBOUR]);
  const merged =
    FERRY_REWRITE +
    ' In other news, the Royal Scottish National Orchestra is to tour Japan next spring, its first visit in twenty years. ' +
    'Thomas Sondergard, its music director, will lead nine concerts in Tokyo, Osaka and Nagoya. ' +
    'The programme features Sibelius symphonies and a new piece by Glasgow composer Helen Grime.';
  const result = await retrieveSources(store, suspect(merged));
  assert.equal(result.found, true, result.reason);
  assert.deepEqual(
    result.sources.map((s) => s.article.id),
    ['wire/ferry', 'wire/orchestra'],
  );
});

const fake = (id: string, confidence: number, covered: number[]): RankedCandidate => ({
  article: article(id, ''),
  confidence,
  bm25Rank: 1,
  termRank: 1,
  fingerprintRank: null,
  sharedBands: 0,
  features: {
    sentenceCoverage: covered.length / 10,
    softCoverage: 0,
    strongCoverage: 0,
    matchedSentences: covered.length,
    eligibleSentences: 10,
    covered,
    sharedRareCount: 0,
    sharedRare: [],
    sharedRareNames: 0,
    sharedRareNumbers: 0,
    shingleJaccard: 0,
    shingleContainment: 0,
    reportedShingleContainment: 0,
    termContainment: 0,
  },
});

test('further sources must clear the threshold and cover new sentences', () => {
  const opts = { threshold: 0.5, extraSourceMinNewSentences: 2, maxSources: 5 };
  const chosen = chooseSources(
    [
      fake('a', 0.9, [0, 1, 2, 3]),
      fake('b', 0.8, [0, 1, 2]), // another version of the same text: nothing new
      fake('c', 0.7, [3, 4, 5]), // two new sentences
      fake('d', 0.3, [6, 7, 8]), // new but below threshold
    ],
    opts,
  );
  assert.deepEqual(chosen.map((c) => c.article.id), ['a', 'c']);
  assert.deepEqual(chooseSources([fake('a', 0.4, [0, 1])], opts), []);
  assert.deepEqual(chooseSources([], opts), []);
});

test('the closest article needs both shared names and a minimum confidence', () => {
  const named = (confidence: number, names: number): RankedCandidate => {
    const c = fake('near', confidence, []);
    return { ...c, features: { ...c.features, sharedRareNames: names, sharedRareCount: names, sharedRare: ['Saenz', 'Holmby', 'Girard', 'Damien'].slice(0, names) } };
  };
  const closestOf = (c: RankedCandidate) => resultFromRanking({ corpusSize: 100, candidates: [c] }).closest?.article.id;
  assert.equal(closestOf(named(0.15, 4)), 'near', 'a retelling with the story\'s names');
  assert.equal(closestOf(named(0.04, 4)), undefined, 'region names in a long, unrelated text');
  assert.equal(closestOf(named(0.3, 1)), undefined, 'one shared name is not a story');
  assert.equal(resultFromRanking({ corpusSize: 100, candidates: [named(0.9, 4)] }).closest, undefined, 'a claimed source is not also "closest"');
});

test('the suspect\'s date is searched first; the search widens only when nothing there clears the threshold', async () => {
  const dated = (a: ReferenceArticle, published: string): ReferenceArticle => ({ ...a, published });
  const store = await storeWith([dated(BUDGET, '2024-01-10'), dated(FERRY, '2021-05-04'), dated(ORCHESTRA, '2024-01-11'), HARBOUR]);
  const near = await rankCandidates(store, suspect(FERRY_REWRITE, '2021-05-06'));
  assert.equal(near.candidates[0]?.article.id, 'wire/ferry');
  assert.ok(near.candidates[0].confidence >= 0.5);
  assert.deepEqual(near.window, { from: 18753 - 30, to: 18753 + 3, widened: false }, 'found in the window around 6 May 2021');
  // The same story retold in other words: its rare names find the ferry story by votes only,
  // outside the window, after widening (it never clears the threshold).
  const retold =
    'Every one of the travellers aboard the Lord of the Isles walked away without a scratch. ' +
    'Rescue crews reached the vessel near Craignure in well under an hour, said Fiona Macleod.';
  const far = await rankCandidates(store, suspect(retold, '2024-01-12'));
  assert.equal(far.window?.widened, true);
  assert.equal(far.candidates[0]?.article.id, 'wire/ferry');
});

test('among near-identical copies of one wire story the earliest published is preferred', async () => {
  // The same wire story as three outlets ran it, a day apart, and one undated copy.
  const copy = (id: string, published: string | null, tail = ''): ReferenceArticle => ({ ...FERRY, id, published, text: FERRY.text + tail });
  const store = await storeWith([
    copy('outlet-b', '2021-05-05T09:00:00Z'),
    copy('undated', null),
    copy('wire', '2021-05-04T18:30:00Z'),
    copy('outlet-c', '2021-05-06T07:00:00Z'),
    BUDGET,
  ]);
  // A near-copy, as a content farm makes: a few words swapped.
  const farmCopy = FERRY.text.replace('ran aground', 'ran onto rocks').replace('safely', 'without harm').replace('examine', 'inspect');
  const result = await retrieveSources(store, suspect(farmCopy));
  assert.deepEqual(result.sources.map((s) => s.article.id), ['wire']);
});

test('the family tie-break keeps a clearly better candidate, whatever its date', () => {
  const withDate = (c: RankedCandidate, published: string, shingle: number): RankedCandidate => ({
    ...c,
    article: { ...c.article, published },
    features: { ...c.features, shingleContainment: shingle },
  });
  const o = DEFAULT_RETRIEVE_OPTIONS;
  const best = withDate(fake('later-full-copy', 0.95, [0, 1, 2, 3, 4, 5, 6, 7]), '2024-02-02', 0.8);
  const earlierPartial = withDate(fake('earlier-partial', 0.9, [0, 1, 2, 3]), '2024-02-01', 0.4);
  assert.equal(preferEarliestOfFamily([best, earlierPartial], o)[0].article.id, 'later-full-copy', 'covers other sentences: not the same evidence');
  const earlierSame = withDate(fake('earlier-same', 0.93, [0, 1, 2, 3, 4, 5, 6, 7]), '2024-02-01', 0.78);
  assert.equal(preferEarliestOfFamily([best, earlierSame], o)[0].article.id, 'earlier-same');
  const earlierWeaker = withDate(fake('earlier-weaker', 0.7, [0, 1, 2, 3, 4, 5, 6, 7]), '2024-01-01', 0.78);
  assert.equal(preferEarliestOfFamily([best, earlierWeaker], o)[0].article.id, 'later-full-copy', 'beyond the confidence margin the evidence decides');
});

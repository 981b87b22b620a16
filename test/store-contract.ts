/**
 * @module test/store-contract
 * The one contract suite for the Store interface (core/store.ts). Every implementation runs it:
 * `runStoreContract('sqlite', (o) => openSqliteStore(tmpFile(), o))`. `makeStore` must return a
 * fresh, empty store on each call, made with the given postings cap when one is passed. An
 * implementation may skip a case only by passing its name in `skip` with a stated reason.
 * Cases for optional capabilities (FullTextSearch) run only on stores that have them; site
 * lines (core/site-lines.ts) are optional for a Store in general, but every store of unspun
 * keeps them, so their cases run on every store here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasFullText, hasPhraseStats, type Store, type IndexRecord } from '../src/core/store.ts';
import { phraseKey } from '../src/core/phrases/ngrams.ts';
import { hasSiteLines, lineKey, type SiteLineStore } from '../src/core/site-lines.ts';
import type { ReferenceArticle } from '../src/core/types.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { UnspunError } from '../src/core/errors.ts';

// Original news-style prose written for these tests.
const HARBOUR =
  'The harbour authority in Port Elleth said on Tuesday that it would close the northern quay for six weeks while ' +
  'engineers replace timber piles found to be rotting during a routine inspection.\n\n' +
  'Fishing boats that normally unload at the quay will move to the southern basin, where temporary cranes are being ' +
  'installed. Local traders said they feared lost business during the summer season, but the authority said the ' +
  'repairs could not wait because the piles had lost almost a third of their strength since the last survey.\n\n' +
  'The work is expected to cost about 2.4 million pounds, paid from a regional fund set up after last winter\'s storms.';

const CHESS =
  'A chess club in the mountain town of Vressa has won the national junior championship for the first time, beating ' +
  'the defending champions in a final round that lasted past midnight on Sunday.\n\n' +
  'The club, founded by a retired schoolteacher in a room above a bakery, now has more than eighty members and meets ' +
  'three evenings a week. Its coach said the players had studied endgames all winter.';

const ELECTION =
  'Voters in the coastal district of Marrow Bay re-elected their mayor by a narrow margin on Thursday, after a ' +
  'campaign dominated by arguments over housing, harbour fees and the closure of the town\'s only hospital ward.\n\n' +
  'Turnout was 61 percent, up from 48 percent four years earlier. The mayor promised to reopen the ward within a year ' +
  'and to review the fees charged to fishing crews.';

function article(id: string, text: string, extra: Partial<ReferenceArticle> = {}): ReferenceArticle {
  return { id, outlet: 'Test Outlet', title: null, byline: null, published: null, url: null, text, ...extra };
}

function rec(id: string, text: string, extra: Partial<ReferenceArticle> = {}): IndexRecord {
  return prepareIndexRecord(article(id, text, extra));
}

/** A rewrite that swaps a few words per sentence, the way an article spinner does. */
function spin(text: string): string {
  return text
    .replace(/\bsaid\b/g, 'stated')
    .replace(/\bclose\b/g, 'shut')
    .replace(/\bengineers\b/g, 'technicians')
    .replace(/\brotting\b/g, 'decaying')
    .replace(/\bfeared\b/g, 'worried about')
    .replace(/\bexpected\b/g, 'anticipated');
}

export interface MakeStoreOptions {
  postingsDfCap?: number;
}

async function withStore(makeStore: (o?: MakeStoreOptions) => Promise<Store>, fn: (s: Store) => Promise<void>, o?: MakeStoreOptions): Promise<void> {
  const store = await makeStore(o);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
const w = (...words: string[]) => words.map((word) => ({ word, weight: 1 }));

export function runStoreContract(
  name: string,
  makeStore: (o?: MakeStoreOptions) => Promise<Store>,
  skip: Record<string, string> = {},
): void {
  const it = (title: string, fn: (s: Store) => Promise<void>, o?: MakeStoreOptions) =>
    test(title, skip[title] ? { skip: skip[title] } : {}, () => withStore(makeStore, fn, o));
  const itFullText = (title: string, fn: (s: Store & { searchText: (w: string[], n: number) => Promise<{ id: string; score: number }[]> }) => Promise<void>) =>
    test(title, skip[title] ? { skip: skip[title] } : {}, () =>
      withStore(makeStore, async (s) => {
        if (!hasFullText(s)) return; // an optional capability: only stores that have it are held to it
        await fn(s);
      }),
    );

  describe(`Store contract: ${name}`, () => {
    it('starts empty and counts what is put', async (s) => {
      assert.equal(await s.count(), 0);
      const r = await s.put([rec('h', HARBOUR), rec('c', CHESS)]);
      assert.deepEqual(r, { added: 2, unchanged: 0, replaced: 0 });
      assert.equal(await s.count(), 2);
    });

    it('get returns every field as stored, null for an unknown id', async (s) => {
      const full = article('h', HARBOUR, {
        title: 'Quay to close for repairs',
        byline: 'A. Writer',
        published: '2024-03-05',
        url: 'https://example.test/quay',
        outlet: 'Elleth Gazette',
      });
      await s.put([prepareIndexRecord(full)]);
      assert.deepEqual(await s.get('h'), full);
      assert.equal(await s.get('nope'), null);
    });

    it('getMany keeps the order asked and skips unknown ids', async (s) => {
      await s.put([rec('a', HARBOUR), rec('b', CHESS), rec('c', ELECTION)]);
      const got = await s.getMany(['c', 'missing', 'a', 'b']);
      assert.deepEqual(got.map((a) => a.id), ['c', 'a', 'b']);
      assert.deepEqual(await s.getMany([]), []);
    });

    it('re-putting the same content is a no-op; new content under an id replaces it', async (s) => {
      await s.put([rec('a', HARBOUR), rec('b', CHESS)]);
      assert.deepEqual(await s.put([rec('a', HARBOUR), rec('b', CHESS)]), { added: 0, unchanged: 2, replaced: 0 });
      assert.deepEqual(await s.put([rec('a', ELECTION)]), { added: 0, unchanged: 0, replaced: 1 });
      assert.equal(await s.count(), 2);
      assert.equal((await s.get('a'))?.text, ELECTION);
      // The replaced text is gone from every index and from the counts.
      const hits = await s.searchTerms(w('quay', 'piles'), { limit: 10 });
      assert.ok(!hits.some((h) => h.id === 'a'), 'old text still matched by its terms');
      const fp = await s.searchFingerprint(rec('x', HARBOUR).bands, 10);
      assert.ok(!fp.some((h) => h.id === 'a'), 'old text still matched by fingerprint');
      assert.equal((await s.searchTerms(w('turnout'), { limit: 10 }))[0]?.id, 'a');
      const df = await s.documentFrequency(['quay', 'turnout']);
      assert.equal(df.get('quay'), 0, 'the old text no longer counts');
      assert.equal(df.get('turnout'), 1);
      if (hasFullText(s)) assert.ok(!(await s.searchText(['quay', 'piles'], 10)).some((h) => h.id === 'a'), 'old text still matched full-text search');
    });

    it('knownHashes returns only stored content hashes', async (s) => {
      const a = rec('a', HARBOUR);
      await s.put([a]);
      const known = await s.knownHashes([a.contentHash, rec('z', CHESS).contentHash]);
      assert.deepEqual([...known], [a.contentHash]);
      assert.equal((await s.knownHashes([])).size, 0);
    });

    it('a batch with an invalid record writes nothing at all', async (s) => {
      await s.put([rec('a', HARBOUR)]);
      const bad = { ...rec('bad', CHESS), article: { ...article('bad', CHESS), id: '' } };
      await assert.rejects(
        s.put([rec('b', ELECTION), rec('a', CHESS), bad]),
        (err: unknown) => err instanceof UnspunError && err.code === 'STORE_WRITE_FAILED',
      );
      assert.equal(await s.count(), 1);
      assert.equal(await s.get('b'), null);
      assert.equal((await s.get('a'))?.text, HARBOUR, 'the replacement in the failed batch must be rolled back');
      assert.deepEqual(await s.searchTerms(w('turnout'), { limit: 5 }), []);
      assert.equal((await s.documentFrequency(['turnout', 'quay'])).get('turnout'), 0);
      assert.equal((await s.documentFrequency(['quay'])).get('quay'), 1);
    });

    itFullText('searchText ranks the article about the query first, with descending scores', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS), rec('e', ELECTION)]);
      const hits = await s.searchText(['quay', 'timber', 'piles', 'harbour'], 10);
      assert.equal(hits[0]?.id, 'h');
      assert.ok(hits.some((h) => h.id === 'e'), '"harbour" also occurs in the election story');
      assert.ok(!hits.some((h) => h.id === 'c'));
      for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
      assert.ok(hits[0].score > 0, 'higher score is better and positive');
      // Stemming: an inflected query word still finds the article.
      assert.equal((await s.searchText(['championships'], 5))[0]?.id, 'c');
      assert.equal((await s.searchText(['championship', 'endgames'], 1)).length, 1);
    });

    itFullText('searchText treats query syntax characters as plain words', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS)]);
      const odd = ['"quay', 'NEAR(', 'OR', 'AND', 'NOT', '*', '-', 'col:umn', "winter's", '', '^x'];
      const hits = await s.searchText(odd, 10);
      assert.equal(hits[0]?.id, 'h');
      assert.deepEqual(await s.searchText([], 10), []);
      assert.deepEqual(await s.searchText(['(', '"'], 10), []);
    });

    it('documentFrequency counts articles per word, keyed by the input word, with stemming', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS), rec('e', ELECTION)]);
      const df = await s.documentFrequency(['harbour', 'Harbours', 'fishing', 'endgames', 'zebra', 'winter', 'percent']);
      assert.equal(df.get('harbour'), 2);
      assert.equal(df.get('Harbours'), 2);
      assert.equal(df.get('fishing'), 2);
      assert.equal(df.get('endgames'), 1);
      assert.equal(df.get('zebra'), 0);
      assert.equal(df.get('winter'), 2);
      assert.equal(df.get('percent'), 1);
      assert.equal(df.size, 7);
    });

    it('documentFrequency counts split forms, numbers and abbreviations as one word each', async (s) => {
      await s.put([
        rec('x', 'The U.K. navy sent 120,000 tonnes of aid in back-to-back convoys, Trump\'s office said; inflation was 3.5 percent.'),
        rec('y', 'UK officials said 120000 people waited; the Trump campaign denied it.'),
      ]);
      const df = await s.documentFrequency(['U.K.', 'UK', '120,000', '120000', 'back-to-back', "Trump's", 'trump', '3.5', 'the', 'convoy']);
      assert.equal(df.get('U.K.'), 2, '"U.K." and "UK" are one word');
      assert.equal(df.get('UK'), 2);
      assert.equal(df.get('120,000'), 2, 'thousands separators do not split a number');
      assert.equal(df.get('120000'), 2);
      assert.equal(df.get('back-to-back'), 1);
      assert.equal(df.get("Trump's"), 2, 'a possessive counts as its name');
      assert.equal(df.get('trump'), 2);
      assert.equal(df.get('3.5'), 1);
      assert.equal(df.get('the'), 0, 'function words are not counted');
      assert.equal(df.get('convoy'), 1);
    });

    it('searchTerms ranks by the summed weights of the words held, best first', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS), rec('e', ELECTION)]);
      const hits = await s.searchTerms(
        [
          { word: 'harbour', weight: 1 },
          { word: 'fishing', weight: 1 },
          { word: 'piles', weight: 3 },
          { word: 'turnout', weight: 0.5 },
        ],
        { limit: 10 },
      );
      assert.deepEqual(ids(hits), ['h', 'e']);
      assert.equal(hits[0].score, 5, 'harbour + fishing + piles');
      assert.equal(hits[1].score, 2.5, 'harbour + fishing + turnout');
      assert.deepEqual(ids(await s.searchTerms([{ word: 'harbours', weight: 1 }], { limit: 1 })), ['h'], 'stemmed, ties go to the earliest stored');
      assert.deepEqual(await s.searchTerms(w('zebra', 'the', '"('), { limit: 5 }), []);
      assert.deepEqual(await s.searchTerms([], { limit: 5 }), []);
    });

    it('searchTerms in a date window finds articles of those days and undated ones only', async (s) => {
      await s.put([
        rec('march', HARBOUR, { published: '2024-03-05' }),
        rec('june', HARBOUR.replace('Tuesday', 'Friday'), { published: '2024-06-20T08:00:00Z' }),
        rec('undated', HARBOUR.replace('Tuesday', 'Monday')),
      ]);
      const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
      const inMarch = await s.searchTerms(w('quay', 'piles'), { limit: 10, window: { from: day('2024-03-01'), to: day('2024-03-10') } });
      assert.deepEqual(ids(inMarch).sort(), ['march', 'undated']);
      const inJune = await s.searchTerms(w('quay'), { limit: 10, window: { from: day('2024-06-20'), to: day('2024-06-20') } });
      assert.deepEqual(ids(inJune).sort(), ['june', 'undated']);
      assert.equal((await s.searchTerms(w('quay'), { limit: 10 })).length, 3);
    });

    it('a word past the postings cap keeps its count but no longer matches', async (s) => {
      assert.equal(s.postingsDfCap, 2);
      await s.put([rec('h', HARBOUR), rec('e', ELECTION)]);
      assert.deepEqual(ids(await s.searchTerms(w('harbour'), { limit: 5 })), ['h', 'e'], 'at the cap: still posted');
      await s.put([rec('h2', HARBOUR.replace('Tuesday', 'Friday'))]);
      assert.equal((await s.documentFrequency(['harbour'])).get('harbour'), 3);
      assert.deepEqual(await s.searchTerms(w('harbour'), { limit: 5 }), [], 'past the cap: postings dropped');
      assert.deepEqual(ids(await s.searchTerms(w('harbour', 'turnout'), { limit: 5 })), ['e'], 'other words still match');
      assert.deepEqual(ids(await s.searchTerms(w('rotting'), { limit: 5 })), ['h', 'h2'], 'a word under the cap is unaffected');
    }, { postingsDfCap: 2 });

    it('searchFingerprint finds a near-copy first and ignores unrelated text', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS), rec('e', ELECTION)]);
      const hits = await s.searchFingerprint(rec('q', spin(HARBOUR)).bands, 5);
      assert.equal(hits[0]?.id, 'h');
      assert.ok(hits[0].sharedBands >= 1);
      assert.ok(!hits.some((h) => h.id === 'c'));
      const exact = await s.searchFingerprint(rec('q', HARBOUR).bands, 5);
      assert.equal(exact[0].sharedBands, rec('q', HARBOUR).bands.length);
      assert.deepEqual(await s.searchFingerprint([], 5), []);
    });

    // Phrase statistics are an optional capability (core/store.ts PhraseStats): a store that
    // offers phraseCounts must keep them exact and transactional with the articles.
    const counts = async (s: Store, phrases: string[]) => {
      assert.ok(hasPhraseStats(s), `${name} does not implement PhraseStats`);
      const got = await s.phraseCounts(phrases.map(phraseKey));
      return phrases.map((p) => got.get(phraseKey(p)) ?? 0);
    };

    it('phraseCounts counts the words and word pairs of the stored bodies', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS)]);
      // "authority said" and "fishing boats" once in HARBOUR, "first time" once in CHESS, "quay"
      // twice; nothing spans the sentence break "basin. Local" or the number in "about 2.4 million".
      assert.deepEqual(
        await counts(s, ['authority said', 'fishing boats', 'first time', 'quay', 'basin local', 'about million', 'zebra crossing']),
        [1, 1, 1, 2, 0, 0, 0],
      );
      // Trigrams are not kept: the checks never ask for them.
      assert.deepEqual(await counts(s, ['the first time']), [0]);
      assert.deepEqual(await counts(s, ['the']), [HARBOUR.match(/\bthe\b/gi)!.length + CHESS.match(/\bthe\b/gi)!.length]);
    });

    it('phraseCounts follows replacement and ignores an unchanged re-put', async (s) => {
      await s.put([rec('h', HARBOUR), rec('c', CHESS)]);
      await s.put([rec('h', HARBOUR)]);
      assert.deepEqual(await counts(s, ['northern quay', 'chess club']), [1, 1]);
      await s.put([rec('h', ELECTION)]);
      assert.deepEqual(await counts(s, ['northern quay', 'chess club', 'narrow margin']), [0, 1, 1]);
    });

    it('phraseCounts are untouched by a batch that fails', async (s) => {
      await s.put([rec('h', HARBOUR)]);
      const bad = { ...rec('x', CHESS), bands: ['not a number'] } as unknown as IndexRecord;
      await assert.rejects(s.put([rec('c', CHESS), bad]));
      assert.deepEqual(await counts(s, ['chess club', 'northern quay']), [0, 1]);
    });

    // The SiteLineStore capability (core/site-lines.ts): both stores (SQLite, PostgreSQL) have it.
    const itSite = (title: string, fn: (s: Store & SiteLineStore) => Promise<void>) =>
      test(title, skip[title] ? { skip: skip[title] } : {}, () =>
        withStore(makeStore, async (s) => {
          assert.ok(hasSiteLines(s), 'the store keeps site lines (core/site-lines.ts SiteLineStore)');
          await fn(s);
        }),
      );

    itSite('site lines: counts the distinct pages of a site carrying each line, except the page asked about', async (s) => {
      const menu = lineKey('Home | World | Business | Sport')!;
      const promo = lineKey('Discover more from The Example Ledger')!;
      const story = lineKey('The harbour authority said the quay would close for six weeks.')!;
      assert.equal(
        await s.recordSiteLines([
          { site: 'ledger.example', page: 'ledger.example/a', keys: [menu, promo, story] },
          { site: 'ledger.example', page: 'ledger.example/b', keys: [menu, promo] },
          { site: 'ledger.example', page: 'ledger.example/c', keys: [menu] },
          { site: 'other.example', page: 'other.example/a', keys: [menu, promo] },
        ]),
        true,
      );
      const counts = await s.siteLineCounts('ledger.example', [menu, promo, story, lineKey('never seen')!]);
      assert.deepEqual([...counts.entries()].sort(), [[menu, 3], [promo, 2], [story, 1]].sort());
      const others = await s.siteLineCounts('ledger.example', [menu, promo, story], 'ledger.example/a');
      assert.deepEqual([...others.entries()].sort(), [[menu, 2], [promo, 1]].sort());
      assert.deepEqual([...(await s.siteLineCounts('unknown.example', [menu])).entries()], []);
      assert.deepEqual([...(await s.siteLineCounts('ledger.example', [])).entries()], []);
    });

    itSite('site lines: recording a page again replaces its lines instead of counting it twice', async (s) => {
      const menu = lineKey('Home | World | Business | Sport')!;
      const old = lineKey('Subscribe to our morning briefing')!;
      await s.recordSiteLines([{ site: 'ledger.example', page: 'ledger.example/a', keys: [menu, old] }]);
      await s.recordSiteLines([{ site: 'ledger.example', page: 'ledger.example/a', keys: [menu] }]);
      const counts = await s.siteLineCounts('ledger.example', [menu, old]);
      assert.deepEqual([...counts.entries()], [[menu, 1]]);
    });

    itSite('site lines: put records an index record\'s site lines with the article, and a bad batch records nothing', async (s) => {
      const url = (p: string) => `https://www.ledger.example/${p}`;
      const footer = 'The Example Ledger is an independent newspaper.';
      const a = prepareIndexRecord(article('a', `${HARBOUR}\n\n${footer}`, { url: url('harbour') }));
      const b = prepareIndexRecord(article('b', `${CHESS}\n\n${footer}`, { url: url('chess') }));
      await s.put([a, b]);
      const key = lineKey(footer)!;
      assert.equal((await s.siteLineCounts('ledger.example', [key])).get(key), 2);
      const bad = prepareIndexRecord(article('e', `${ELECTION}\n\n${footer}`, { url: url('election') }));
      await assert.rejects(s.put([bad, { ...rec('x', CHESS), contentHash: '' }]));
      assert.equal((await s.siteLineCounts('ledger.example', [key])).get(key), 2);
      await assert.rejects(s.recordSiteLines([{ site: 'ledger.example', page: 'ledger.example/z', keys: [key] }, { site: '', page: 'x', keys: [] }]));
      assert.equal((await s.siteLineCounts('ledger.example', [key])).get(key), 2);
    });

    it('close releases the store; later calls fail', async (s) => {
      await s.put([rec('a', HARBOUR)]);
      await s.close();
      await assert.rejects(s.count());
      await s.close(); // closing twice is harmless
    });
  });
}

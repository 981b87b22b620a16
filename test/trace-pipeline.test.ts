/**
 * @module test/trace-pipeline
 * traceArticle's contract with its callers: no store, an empty store, a real index of the demo
 * corpus, and stopping after each stage. Real inputs (the demo suspects), real SQLite (and a
 * real PostgreSQL for the site-template case, which runs on both stores).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCorpusFiles, EXAMPLES_DIR, openDemoIndex, readJsonlArticles } from '../src/adapters/cli/demo-index.ts';
import { openPostgresStore } from '../src/adapters/store-postgres/index.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { isUnspunError } from '../src/core/errors.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import { NO_CORPUS_REASON } from '../src/core/report/build-report.ts';
import { paragraphKeys } from '../src/core/site-lines.ts';
import type { Store } from '../src/core/store.ts';
import type { RawInput } from '../src/core/types.ts';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-pipeline-'));
let demo: Store;
let empty: Store;

function suspect(file: string): RawInput {
  return { kind: 'text', content: readFileSync(join(EXAMPLES_DIR, 'suspects', file), 'utf8'), name: file };
}

before(async () => {
  demo = (await openDemoIndex(join(dir, 'demo.db'), demoCorpusFiles())).store;
  empty = await openSqliteStore(join(dir, 'empty.db'));
});
after(async () => {
  await demo.close();
  await empty.close();
  rmSync(dir, { recursive: true, force: true });
});

test('no store: single-article checks only, and the verdict says no corpus was searched', async () => {
  const report = await traceArticle(suspect('no-source.txt'), null, { generatorVersion: '1.2.3' });
  assert.deepEqual(report.corpus, { searched: false, size: 0 });
  assert.deepEqual(report.verdict, { found: false, reason: NO_CORPUS_REASON });
  assert.equal(report.generator.version, '1.2.3');
  assert.deepEqual(report.sources, []);
  assert.deepEqual(report.alignment, []);
  assert.ok(report.changes.length > 0, 'the article alone still shows something');
  assert.ok(report.changes.every((c) => c.scope === 'single-article' && c.sourceId === null));
  assert.ok(report.changes.some((c) => c.kind === 'unattributed'));
});

test('an empty store counts as no corpus searched', async () => {
  const report = await traceArticle(suspect('spun-copy.txt'), empty);
  assert.equal(report.corpus.searched, false);
  assert.equal(report.verdict.reason, NO_CORPUS_REASON);
  assert.ok(report.changes.some((c) => c.kind === 'boilerplate' && c.scope === 'single-article'), 'the comment form is still reported');
});

test('with the demo index: the spun copy is traced to its source, aligned and classified', async () => {
  const report = await traceArticle(suspect('spun-copy.txt'), demo);
  assert.equal(report.corpus.searched, true);
  assert.equal(report.corpus.size, 36);
  assert.equal(report.verdict.found, true);
  assert.equal(report.sources[0]?.id, 'demo-019');
  assert.ok(report.alignment.length >= report.suspect.sentences.length * 0.8);
  assert.ok(report.alignment.some((g) => g.diff && g.diff.some((p) => p.op !== 'same')), 'aligned pairs carry word diffs');
  assert.ok(report.summary.reusedShare > 0.8);
  assert.ok(report.changes.some((c) => c.kind === 'spinner'));
  // Furniture is reported once, as a single-article finding, not once per stage.
  const cut = report.changes.filter((c) => c.kind === 'boilerplate');
  assert.equal(cut.length, report.suspect.removed.length);
  assert.ok(cut.every((c) => c.scope === 'single-article'));
});

test('stopAfter leaves later stages empty and says where it stopped', async () => {
  const input = suspect('slanted-rewrite.txt');
  const extract = await traceArticle(input, demo, { stopAfter: 'extract' });
  assert.equal(extract.corpus.searched, false);
  assert.deepEqual([extract.sources, extract.alignment, extract.changes], [[], [], []]);
  assert.ok(extract.suspect.sentences.length > 5);
  assert.match(extract.verdict.reason, /Stopped after the extract stage/);

  const retrieve = await traceArticle(input, demo, { stopAfter: 'retrieve' });
  assert.equal(retrieve.sources[0]?.id, 'demo-022');
  assert.deepEqual([retrieve.alignment, retrieve.changes], [[], []]);

  const align = await traceArticle(input, demo, { stopAfter: 'align' });
  assert.ok(align.alignment.length > 0);
  assert.deepEqual(align.changes, []);
});

test('a page with no visible text is a fault naming the input, not a report', async () => {
  await assert.rejects(
    traceArticle({ kind: 'html', content: '<html><head><title>x</title></head><body> </body></html>', name: 'blank.html' }, demo),
    (err) => isUnspunError(err) && err.code === 'NO_ARTICLE' && err.subject === 'blank.html' && err.exitCode === 65,
  );
});

/** The demo index opened for writing, as the HTTP server opens its store: in SQLite, and in PostgreSQL. */
const writableDemo: [string, () => Promise<Store>, string | false][] = [
  [
    'SQLite',
    async () => {
      const path = join(dir, 'site-template.db');
      await (await openDemoIndex(path, demoCorpusFiles())).store.close();
      return openSqliteStore(path);
    },
    false,
  ],
  [
    'PostgreSQL',
    async () => {
      const store = await openPostgresStore(freshSchemaUrl('tp'));
      await store.put(demoCorpusFiles().flatMap(readJsonlArticles).map(prepareIndexRecord));
      return store;
    },
    pgSkipReason(),
  ],
];
after(dropMadeSchemas);

for (const [label, openWritable, skip] of writableDemo) {
  test(`a line that recurs on other traced pages of the copy's own site is cut as that site's template (${label})`, { skip }, async () => {
    // Invented site furniture, not matched by any line rule: only its recurrence gives it away.
    const promo = 'Get the Ledger app for breaking news alerts and the local weather every morning.';
    const body = (file: string) => `${readFileSync(join(EXAMPLES_DIR, 'suspects', file), 'utf8').trim()}\n\n${promo}`;
    const page = (file: string, path: string): RawInput => ({ kind: 'text', content: body(file), name: path, url: `https://www.ledger.example/${path}` });
    const writable = await openWritable();
    try {
      const first = await traceArticle(page('spun-copy.txt', 'first'), writable);
      assert.ok(first.changes.some((c) => c.kind === 'inserted' && c.suspectText?.includes('Get the Ledger app')), 'no history yet: an inserted sentence');
      for (const [file, p] of [['slanted-rewrite.txt', 'b'], ['merged-copies.txt', 'c'], ['no-source.txt', 'd']]) await traceArticle(page(file, p), writable);
      // Tracing the first page again does not count it twice; the three other pages do count.
      const again = await traceArticle(page('spun-copy.txt', 'first'), writable);
      assert.deepEqual(again.suspect.removed.filter((r) => r.reason === 'site-template').map((r) => r.text), [promo]);
      assert.ok(!again.suspect.text.includes('Get the Ledger app'));
      assert.ok(!again.changes.some((c) => c.kind === 'inserted' && c.suspectText?.includes('Get the Ledger app')));
      assert.ok(again.changes.some((c) => c.kind === 'boilerplate' && c.evidence.rule === 'boilerplate-site-template'));
      // Another site's page with the same line has no history: the line is not template there.
      const elsewhere = await traceArticle({ ...page('spun-copy.txt', 'x'), url: 'https://other.example/x' }, writable);
      assert.ok(!elsewhere.suspect.removed.some((r) => r.reason === 'site-template'));
    } finally {
      await writable.close();
    }
  });
}

test('a store opened read-only is searched but records no traced page', async () => {
  const path = join(dir, 'readonly.db');
  const { store } = await openDemoIndex(path, demoCorpusFiles());
  await store.close();
  const ro = await openSqliteStore(path, { readonly: true });
  try {
    const input: RawInput = { kind: 'text', content: readFileSync(join(EXAMPLES_DIR, 'suspects', 'spun-copy.txt'), 'utf8'), name: 'x', url: 'https://ro.example/a' };
    const report = await traceArticle(input, ro);
    assert.equal(report.verdict.found, true);
    const keys = paragraphKeys(report.suspect.text);
    assert.ok(keys.length > 0);
    assert.equal((await ro.siteLineCounts('ro.example', keys)).size, 0, 'nothing recorded for the traced page');
    assert.equal(await ro.recordSiteLines([{ site: 'ro.example', page: 'ro.example/a', keys: ['0000000000000000'] }]), false);
  } finally {
    await ro.close();
  }
});

test('a correction note the source lacks stays in the body, labelled boilerplate and never inserted', async () => {
  // Invented note, in the shape wire services append after correcting a story.
  const note = '(This story has been corrected to say the harbour reopens in June, not July, in the second paragraph)';
  const input = suspect('spun-copy.txt');
  const report = await traceArticle({ ...input, content: `${input.content.trim()}\n\n${note}` }, demo);
  assert.equal(report.verdict.found, true);
  assert.ok(report.suspect.text.includes(note), 'kept in the body, where a reader sees it beside the findings');
  const labelled = report.changes.filter((c) => c.evidence.rule === 'boilerplate-correction-note');
  assert.equal(labelled.length, 1);
  assert.equal(labelled[0].kind, 'boilerplate');
  assert.equal(labelled[0].severity, 'low');
  assert.equal(labelled[0].suspectText, note);
  assert.ok(labelled[0].suspectSentences.length > 0);
  assert.match(labelled[0].evidence.reason, /corrected version of the source/);
  assert.ok(!report.changes.some((c) => c.kind === 'inserted' && c.suspectText?.includes('has been corrected')));
});

test('the suspect\'s sentences and the align stage\'s comparisons are capped, and the refusal names both numbers', async () => {
  const input = suspect('slanted-rewrite.txt');
  await assert.rejects(traceArticle(input, demo, { limits: { maxSentences: 5 } }), (err: unknown) => {
    assert.ok(isUnspunError(err) && err.code === 'INPUT_OVER_LIMIT');
    assert.match(err.message, /^slanted-rewrite\.txt: is over a processing limit: \d+ sentences, limit 5$/);
    return true;
  });
  await assert.rejects(traceArticle(input, demo, { limits: { maxAlignPairs: 50 } }), (err: unknown) => {
    assert.ok(isUnspunError(err) && err.code === 'INPUT_OVER_LIMIT');
    assert.match(err.message, /\d{3,} sentence comparisons to align \d+ sentences with 1 source\(s\), limit 50$/);
    return true;
  });
  // At the defaults the same suspect is traced as before.
  assert.equal((await traceArticle(input, demo)).verdict.found, true);
});

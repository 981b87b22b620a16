/**
 * @module test/report
 * The report stage on a small hand-built case: buildReport's summary and verdict, the JSON
 * Schema (validated with ajv, and checked against the TypeScript type's required fields), and
 * both renderers (markers, inserted/omitted rows, single-article findings, HTML escaping).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildReport, NO_CORPUS_REASON, type ReportParts } from '../src/core/report/build-report.ts';
import { renderTerminal } from '../src/core/report/render-terminal.ts';
import { renderHtml } from '../src/core/report/render-html.ts';
import { buildView, highlight } from '../src/core/report/view-model.ts';
import { splitArticle } from '../src/core/text/sentences.ts';
import type { Change, DiffPart, Report, ReportAlignment, ReportSource, Sentence, SourceMatch } from '../src/core/types.ts';

const schema = JSON.parse(readFileSync(new URL('../docs/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

// Invented wire copy and a rewrite of it (original text written for this test).
const SOURCE_TEXT =
  'The Marrow Valley council approved a new footbridge on Tuesday. The bridge will cost 4.2 million pounds. ' +
  'Work is expected to start in March. Councillor Ada Brell said the vote was close.';
const SUSPECT_TEXT =
  'The Marrow Valley council approved a new footbridge on Tuesday. The bridge will cost 9 million pounds. ' +
  'Critics say the project is a scandal. Councillor Ada Brell said the vote was close.';

/** A naive word diff, enough for these tests (the align stage owns the real one). */
function naiveDiff(source: string, suspect: string): DiffPart[] {
  const a = source.split(' ');
  const b = suspect.split(' ');
  const parts: DiffPart[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) parts.push({ text: a[i], op: 'same' });
    else {
      if (a[i] !== undefined) parts.push({ text: a[i], op: 'removed' });
      if (b[i] !== undefined) parts.push({ text: b[i], op: 'added' });
    }
  }
  return parts;
}

function change(kind: Change['kind'], over: Partial<Change>): Change {
  return {
    kind,
    suspectText: null,
    sourceText: null,
    sourceId: 'wire-1',
    suspectSentences: [],
    sourceSentences: [],
    evidence: { reason: `${kind} found`, suspect: [], source: [], rule: `test-${kind}` },
    severity: 'none',
    confidence: 0.9,
    ...over,
  };
}

function makeParts(): ReportParts {
  const suspect = splitArticle(SUSPECT_TEXT);
  const source = splitArticle(SOURCE_TEXT);
  assert.equal(suspect.sentences.length, 4, 'fixture sentences');
  const match: SourceMatch = {
    article: { id: 'wire-1', outlet: 'Test Wire', title: 'Footbridge approved', byline: null, published: '2026-03-01', url: null, text: SOURCE_TEXT },
    confidence: 0.912345,
    why: 'shares 3 of 4 sentences and the rare name "Brell"',
    signals: { bm25Rank: 1, shingleJaccard: 0.6, sentenceCoverage: 0.75, sharedRare: ['Brell', 'Marrow'] },
  };
  const s = (i: number): Sentence => suspect.sentences[i];
  const o = (i: number): Sentence => source.sentences[i];
  return {
    generatorVersion: '9.9.9',
    name: 'suspect.txt',
    article: { title: 'Bridge scandal', byline: null, published: null, url: null, text: SUSPECT_TEXT, removed: [{ text: 'Please enter your comment!', reason: 'comment-form' }] },
    suspect,
    retrieval: { searched: true, corpusSize: 12, found: true, reason: 'One source found.', sources: [match] },
    sources: [{ match, split: source }],
    alignment: [
      { suspect: [0], source: { id: 'wire-1', sentences: [0] }, similarity: 1 },
      { suspect: [1], source: { id: 'wire-1', sentences: [1] }, similarity: 0.8 },
      { suspect: [2], source: null, similarity: 0 },
      { suspect: [], source: { id: 'wire-1', sentences: [2] }, similarity: 0 },
      { suspect: [3], source: { id: 'wire-1', sentences: [3] }, similarity: 1 },
    ],
    changes: [
      change('verbatim', { suspectText: s(0).text, sourceText: o(0).text, suspectSentences: [0], sourceSentences: [0] }),
      change('number', {
        suspectText: s(1).text, sourceText: o(1).text, suspectSentences: [1], sourceSentences: [1], severity: 'high',
        evidence: { reason: 'The cost changed from 4.2 million to 9 million.', suspect: ['9'], source: ['4.2'], rule: 'number-mismatch' },
      }),
      change('inserted', { suspectText: s(2).text, sourceId: null, suspectSentences: [2], severity: 'medium' }),
      change('omitted', { sourceText: o(2).text, sourceSentences: [2], severity: 'low' }),
      change('verbatim', { suspectText: s(3).text, sourceText: o(3).text, suspectSentences: [3], sourceSentences: [3] }),
    ],
    singleArticle: [
      change('unattributed', { suspectText: s(2).text, sourceId: null, suspectSentences: [2], severity: 'medium', evidence: { reason: 'A claim credited to unnamed critics.', suspect: ['Critics say'], source: [], rule: 'vague-attribution' } }),
      change('boilerplate', { suspectText: 'Please enter your comment!', sourceId: null, severity: 'none' }),
    ],
    wordDiff: naiveDiff,
  };
}

test('buildReport: summary, scope, verdict and self-contained sources', () => {
  const report = buildReport(makeParts());
  assert.equal(report.schemaVersion, '1.4.0');
  assert.deepEqual(report.generator, { name: 'unspun', version: '9.9.9' });
  assert.equal(report.summary.suspectSentences, 4);
  assert.equal(report.summary.reusedShare, 0.75, '3 of 4 suspect sentences are aligned to the source');
  assert.deepEqual(report.summary.counts, { verbatim: 2, inserted: 1, omitted: 1, number: 1, boilerplate: 1, unattributed: 1 });
  assert.deepEqual(Object.keys(report.summary.counts), ['verbatim', 'inserted', 'omitted', 'number', 'boilerplate', 'unattributed'], 'catalogue order');
  assert.equal(report.summary.serious, 3);
  assert.equal(report.sources[0].confidence, 0.9123);
  assert.equal(report.sources[0].text, SOURCE_TEXT);
  assert.equal(report.sources[0].sentences.length, 4);
  // The inserted claim (suspect sentence 2) is the least supported; "9 million" is not in the source.
  const consistency = report.sources[0].consistency;
  assert.ok(consistency);
  assert.equal(consistency.weakestSentence, 2);
  assert.deepEqual(consistency.unsupportedNumbers, ['9 million']);
  assert.ok(consistency.score > 0 && consistency.score < 0.5, String(consistency.score));
  assert.equal(report.verdict.found, true);
  assert.deepEqual(report.corpus, { searched: true, size: 12 });
  assert.deepEqual(report.changes.map((c) => c.scope), ['against-source', 'against-source', 'against-source', 'against-source', 'against-source', 'single-article', 'single-article']);
  const withDiff = report.alignment.filter((g) => g.diff);
  assert.deepEqual(withDiff.map((g) => g.suspect), [[0], [1], [3]], 'only paired groups get a diff');
  assert.ok(report.alignment[1].diff?.some((p) => p.op === 'removed' && p.text === '4.2'));
  assert.equal(validate(report), true, JSON.stringify(validate.errors));
});

test('buildReport: with no corpus the verdict says so', () => {
  const parts = makeParts();
  const report = buildReport({ ...parts, retrieval: null, sources: [], alignment: [], changes: [] });
  assert.deepEqual(report.corpus, { searched: false, size: 0 });
  assert.equal(report.verdict.found, false);
  assert.equal(report.verdict.reason, NO_CORPUS_REASON);
  assert.equal(report.summary.reusedShare, 0);
  assert.ok(report.changes.every((c) => c.scope === 'single-article'));
  assert.equal(validate(report), true, JSON.stringify(validate.errors));
  const text = renderTerminal(report, { color: false });
  assert.match(text, /NO CORPUS SEARCHED/);
  assert.match(text, /UNATTRIBUTED medium \(from the article alone\)/);
  assert.match(renderHtml(report), /No corpus searched/);
});

test('schema rejects a report that breaks the contract', () => {
  const report = buildReport(makeParts()) as unknown as Record<string, unknown>;
  assert.equal(validate({ ...report, changes: [{ ...(report.changes as object[])[0], kind: 'made-up' }] }), false);
  const { verdict: _omit, ...noVerdict } = report;
  assert.equal(validate(noVerdict), false);
  assert.equal(validate({ ...report, summary: { ...(report.summary as object), reusedShare: 1.5 } }), false);
});

// The TypeScript compiler checks these key lists against the types (a missing or extra key is a
// type error under `npm run typecheck`); the test checks them against the schema.
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Keys<T> = { required: Record<RequiredKeys<T>, true>; all: Record<keyof T, true> };
type ReportChange = Report['changes'][number];
const REPORT: Keys<Report> = {
  required: { schemaVersion: true, generator: true, suspect: true, corpus: true, verdict: true, sources: true, alignment: true, changes: true, summary: true },
  all: { schemaVersion: true, generator: true, suspect: true, corpus: true, verdict: true, sources: true, alignment: true, credit: true, changes: true, summary: true },
};
const SUSPECT_KEYS = { name: true, title: true, byline: true, published: true, url: true, text: true, removed: true, sentences: true } as const;
const SUSPECT: Keys<Report['suspect']> = { required: SUSPECT_KEYS, all: SUSPECT_KEYS };
const SOURCE_KEYS = { id: true, outlet: true, title: true, url: true, published: true, confidence: true, why: true, signals: true, text: true, sentences: true } as const;
const SOURCE: Keys<ReportSource> = { required: SOURCE_KEYS, all: { ...SOURCE_KEYS, consistency: true } };
const ALIGNMENT: Keys<ReportAlignment> = {
  required: { suspect: true, source: true, similarity: true },
  all: { suspect: true, source: true, similarity: true, diff: true },
};
const CHANGE_KEYS = { kind: true, suspectText: true, sourceText: true, sourceId: true, suspectSentences: true, sourceSentences: true, evidence: true, severity: true, confidence: true, scope: true } as const;
const CHANGE: Keys<ReportChange> = { required: CHANGE_KEYS, all: { ...CHANGE_KEYS, part: true } };
const SUMMARY_KEYS = { reusedShare: true, counts: true, suspectSentences: true, serious: true } as const;
const SUMMARY: Keys<Report['summary']> = { required: SUMMARY_KEYS, all: SUMMARY_KEYS };
const SENTENCE_KEYS = { index: true, text: true, start: true, end: true, paragraph: true } as const;
const SENTENCE: Keys<Sentence> = { required: SENTENCE_KEYS, all: SENTENCE_KEYS };
const EVIDENCE_KEYS = { reason: true, suspect: true, source: true, rule: true } as const;
const EVIDENCE: Keys<Change['evidence']> = { required: EVIDENCE_KEYS, all: { ...EVIDENCE_KEYS, expected: true, counts: true, characters: true } };

test('schema and TypeScript type agree on required and known fields', () => {
  const defs = schema.$defs;
  const cases: [string, { required?: string[]; properties: object }, Keys<unknown> | { required: object; all: object }][] = [
    ['Report', schema, REPORT],
    ['suspect', schema.properties.suspect, SUSPECT],
    ['summary', schema.properties.summary, SUMMARY],
    ['source', defs.source, SOURCE],
    ['alignmentGroup', defs.alignmentGroup, ALIGNMENT],
    ['change', defs.change, CHANGE],
    ['sentence', defs.sentence, SENTENCE],
    ['evidence', defs.evidence, EVIDENCE],
  ];
  for (const [name, node, keys] of cases) {
    assert.deepEqual([...(node.required ?? [])].sort(), Object.keys(keys.required).sort(), `${name}: required fields`);
    assert.deepEqual(Object.keys(node.properties).sort(), Object.keys(keys.all).sort(), `${name}: known fields`);
  }
  assert.deepEqual(defs.changeKind.enum, [
    'verbatim', 'paraphrase', 'inserted', 'omitted', 'number', 'date', 'entity', 'quote', 'negation', 'boilerplate',
    'spinner', 'unattributed', 'hedge', 'reversal', 'attribution', 'renaming', 'loaded', 'evasion', 'substitution', 'uncredited',
  ]);
});

test('view: rows in reading order, omitted passage placed after its neighbour', () => {
  const view = buildView(buildReport(makeParts()));
  assert.deepEqual(view.rows.map((r) => r.kind), ['pair', 'pair', 'omitted', 'inserted', 'pair']);
  const inserted = view.rows[3];
  assert.deepEqual(inserted.changes.map((c) => c.kind), ['inserted', 'unattributed']);
  assert.deepEqual(view.rows[2].changes.map((c) => c.kind), ['omitted']);
  assert.deepEqual(view.other.map((c) => c.kind), ['boilerplate']);
});

test('highlight keeps the exact text and marks only the changed side', () => {
  const diff: DiffPart[] = [
    { text: 'cost', op: 'same' },
    { text: '4.2', op: 'removed' },
    { text: '9', op: 'added' },
    { text: 'million,', op: 'same' },
  ];
  assert.deepEqual(highlight('It will cost 9 million, they said.', diff, 'suspect'), [
    { text: 'It will cost ', changed: false },
    { text: '9', changed: true },
    { text: ' million, they said.', changed: false },
  ]);
  assert.deepEqual(highlight('cost 4.2 million,', diff, 'source').filter((s) => s.changed), [{ text: '4.2', changed: true }]);
});

test('renderTerminal: markers, labels, stacked and side by side', () => {
  const report = buildReport(makeParts());
  const narrow = renderTerminal(report, { color: false, width: 80 });
  assert.match(narrow, /^SOURCE FOUND {2}One source found\./m);
  assert.match(narrow, /Source 1: Test Wire, "Footbridge approved", 2026-03-01 \[wire-1\], confidence 0\.91/);
  assert.match(narrow, /Reused: 75% of 4 suspect sentences/);
  assert.match(narrow, /cost \{\+9\+\} million pounds/);
  assert.match(narrow, /cost \[-4\.2-\] million pounds/);
  assert.match(narrow, /INSERTED: NO SOURCE SUPPORT/);
  assert.match(narrow, /OMITTED FROM THE SUSPECT/);
  assert.match(narrow, /NUMBER high: The cost changed from 4\.2 million to 9 million\. \[-4\.2 \+9\]/);
  assert.match(narrow, /UNATTRIBUTED medium \(from the article alone\)/);
  assert.match(narrow, /Cut from the page: 1 passage \(comment-form\)/);
  assert.ok(narrow.split('\n').every((l) => [...l].length <= 80), 'no line wider than the terminal');
  assert.doesNotMatch(narrow, /\x1b\[/, 'no ANSI without colour');

  const wide = renderTerminal(report, { color: false, width: 140 });
  assert.match(wide, /suspect +│ source/);
  assert.ok(wide.split('\n').every((l) => [...l].length <= 140));

  const colored = renderTerminal(report, { color: true, width: 100 });
  assert.match(colored, /\x1b\[1m\x1b\[32m9\x1b\[0m/, 'added words in bold green');
  assert.doesNotMatch(colored, /\{\+/);

  const compact = renderTerminal(report, { color: false, width: 100, compact: true });
  assert.match(compact, /2 faithfully reused sentence groups not shown|1 faithfully reused sentence group not shown/);
  assert.doesNotMatch(compact, /VERBATIM/);
});

test('renderHtml: self-contained, escaped, strict CSP', () => {
  const parts = makeParts();
  const hostile = 'The bridge will cost 9 million pounds. <script>alert(1)</script> <img src=x onerror=alert(2)>';
  const text = SUSPECT_TEXT.replace('Critics say the project is a scandal.', hostile.slice(39));
  const suspect = splitArticle(text);
  const report = buildReport({
    ...parts,
    article: { ...parts.article, title: '<b>Bridge</b> "scandal"', text },
    suspect,
    changes: [],
    singleArticle: [],
    alignment: suspect.sentences.map((s) => ({ suspect: [s.index], source: null, similarity: 0 })),
  });
  const html = renderHtml(report);
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /<title>unspun: &lt;b&gt;Bridge&lt;\/b&gt; &quot;scandal&quot;<\/title>/);
  assert.doesNotMatch(html, /(src|href)="https?:/, 'no external assets');

  const full = renderHtml(buildReport(parts));
  assert.match(full, /<del>4\.2<\/del>/);
  assert.match(full, /<ins>9<\/ins>/);
  assert.match(full, /class="row inserted"/);
  assert.match(full, /class="row omitted"/);
  assert.match(full, /\(from the article alone\)/);
  assert.match(full, /@media \(max-width:760px\)/);
});

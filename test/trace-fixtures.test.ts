/**
 * @module test/trace-fixtures
 * End to end: every case in test/fixtures/trace/ is traced against an index of the demo
 * corpus and must produce exactly its expected.json (after normalisation). When behaviour
 * changes on purpose, run `npm run fixtures:update` and review the diff.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Store } from '../src/core/store.ts';
import type { Report } from '../src/core/types.ts';
import { EXPECTED_FILE, ISSUE_2_LABELS, hasExpected, listCases, openFixtureIndex, traceCase } from './fixtures/trace/cases.ts';

const schema = JSON.parse(readFileSync(new URL('../docs/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
const cases = listCases();

let store: Store;
let dispose: () => Promise<void>;
before(async () => {
  ({ store, dispose } = await openFixtureIndex());
});
after(async () => {
  await dispose();
});

test('there are fixture cases, each with an expected report', () => {
  assert.ok(cases.length >= 4, `expected at least 4 cases, found ${cases.length}`);
  for (const c of cases) assert.ok(hasExpected(c), `${c.name} has no ${EXPECTED_FILE}; run npm run fixtures:update`);
});

for (const c of cases) {
  test(`fixture ${c.name}: report matches expected.json`, async () => {
    const actual = await traceCase(c, store);
    assert.equal(validate(actual), true, JSON.stringify(validate.errors?.slice(0, 3)));
    const expected = JSON.parse(readFileSync(join(c.dir, EXPECTED_FILE), 'utf8')) as Report;
    // Compare the parts a reader relies on first, so a failure says what moved.
    assert.deepEqual(actual.verdict, expected.verdict, 'verdict');
    assert.deepEqual(actual.sources.map((s) => s.id), expected.sources.map((s) => s.id), 'sources');
    assert.deepEqual(actual.summary, expected.summary, 'summary');
    assert.deepEqual(actual, expected, 'whole report (run npm run fixtures:update and review the diff if this change is intended)');
  });
}

test('the expected reports together cover every issue #2 label', () => {
  const seen = new Set<string>();
  for (const c of cases.filter(hasExpected)) {
    const report = JSON.parse(readFileSync(join(c.dir, EXPECTED_FILE), 'utf8')) as Report;
    for (const ch of report.changes) seen.add(ch.kind);
  }
  assert.deepEqual(ISSUE_2_LABELS.filter((k) => !seen.has(k)), [], 'labels no fixture shows');
});

test('every quoted change text is an exact quote from its side', () => {
  for (const c of cases.filter(hasExpected)) {
    const report = JSON.parse(readFileSync(join(c.dir, EXPECTED_FILE), 'utf8')) as Report;
    const sourceText = new Map(report.sources.map((s) => [s.id, s.text]));
    const sourceTitle = new Map(report.sources.map((s) => [s.id, s.title]));
    for (const ch of report.changes) {
      if (ch.part === 'title') {
        // A headline change quotes the two headlines whole.
        assert.equal(ch.suspectText, report.suspect.title, `${c.name}: headline ${ch.kind} quotes the copy's headline`);
        assert.equal(ch.sourceText, ch.sourceId === null ? undefined : sourceTitle.get(ch.sourceId), `${c.name}: headline ${ch.kind} quotes the source's headline`);
        continue;
      }
      if (ch.suspectText !== null && ch.kind !== 'boilerplate') {
        assert.ok(report.suspect.text.includes(ch.suspectText), `${c.name}: ${ch.kind} suspectText is not in the suspect: ${ch.suspectText.slice(0, 60)}`);
      }
      if (ch.sourceText !== null && ch.sourceId !== null) {
        assert.ok(sourceText.get(ch.sourceId)?.includes(ch.sourceText), `${c.name}: ${ch.kind} sourceText is not in source ${ch.sourceId}`);
      }
    }
  }
});

/**
 * @module test/classify-rules
 * The rule catalogue's fixtures: every rule of src/core/classify/catalogue.ts has a folder in
 * test/fixtures/classify/ named by its id, holding an invented sentence pair; the pair must
 * produce exactly the findings in its expected.json, and among them the folder's own rule.
 * When behaviour changes on purpose, run `npm run fixtures:update` and review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, type RuleRow } from '../src/core/classify/index.ts';
import { RULE_EXPECTED_FILE, isCaseRule, listRuleCases, runRuleCase, type RecordedFinding } from './fixtures/classify/cases.ts';

const cases = listRuleCases();

test('every rule of the catalogue has a fixture folder, and every folder names a rule', () => {
  const folders = new Set(cases.map((c) => c.rule));
  const rules = Object.entries(RULES as Record<string, RuleRow>);
  assert.deepEqual(rules.filter(([id, row]) => !row.fixture && !folders.has(id)).map(([id]) => id), [], 'rules without a fixture folder');
  assert.deepEqual([...folders].filter((f) => !(f in RULES)), [], 'folders that name no rule');
});

for (const c of cases) {
  test(`rule ${c.rule}: the pair gives its expected findings`, () => {
    const actual = runRuleCase(c);
    assert.ok(actual.some((f) => isCaseRule(c, f.rule)), `the pair does not trigger ${c.rule}: ${JSON.stringify(actual.map((f) => f.rule))}`);
    const file = join(c.dir, RULE_EXPECTED_FILE);
    assert.ok(existsSync(file), `${c.rule} has no ${RULE_EXPECTED_FILE}; run npm run fixtures:update`);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as RecordedFinding[];
    assert.deepEqual(actual, expected, 'run npm run fixtures:update and review the diff if this change is intended');
  });
}

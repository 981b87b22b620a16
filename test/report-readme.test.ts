/**
 * @module test/report-readme
 * The README's example report must be real output: it has to equal what the renderer prints
 * for the expected report of its fixture case. `npm run fixtures:update` rewrites both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/core/types.ts';
import { CASES_DIR, EXPECTED_FILE, README_EXAMPLE, README_PATH, currentReadmeExample, readmeExampleBlock } from './fixtures/trace/cases.ts';

test('README example equals the rendered fixture report', () => {
  const report = JSON.parse(readFileSync(join(CASES_DIR, README_EXAMPLE.caseName, EXPECTED_FILE), 'utf8')) as Report;
  const readme = readFileSync(README_PATH, 'utf8');
  assert.equal(currentReadmeExample(readme), readmeExampleBlock(report), 'run npm run fixtures:update');
  assert.match(readme, /npx unspun trace examples\/suspects\/slanted-rewrite\.txt --db unspun-demo\.db --compact/, 'the README names the command that prints it');
});

/**
 * @module core/config.test
 * The config barrel really exposes each stage's settings (a stage whose settings module is
 * renamed or emptied shows up here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as config from './config.ts';

test('config re-exports the settings of every stage', () => {
  for (const ns of ['extractSettings', 'indexSettings', 'retrieveSettings', 'alignSettings', 'classifySettings'] as const) {
    const values = Object.values(config[ns] as Record<string, unknown>);
    assert.ok(values.length > 0, `${ns} is empty`);
  }
  assert.equal(config.REPORT_SCHEMA_VERSION, '1.4.0');
  assert.equal(config.retrieveSettings.CONFIDENCE_THRESHOLD > 0 && config.retrieveSettings.CONFIDENCE_THRESHOLD < 1, true);
});

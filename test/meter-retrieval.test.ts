/**
 * METER source retrieval on the dev split (SLOW: about 30-60 s on an idle machine, longer when shared). Indexes the 772 PA wire
 * texts into a temporary SQLite store and traces every dev newspaper story. A top source is
 * correct when it belongs to the story's PA group (domain/date/catchline), i.e. its id is in
 * the story's source_ids. Floors sit a few points under the values measured on dev when the
 * confidence model was fitted (see src/core/retrieve/settings.ts); the test split is only
 * reported, by bench/retrieval.ts.
 *
 * Skips when ../shared is absent, except under CI, where missing data fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { retrieveSources } from '../src/core/retrieve/index.ts';
import { indexArticles, loadMeterRetrieval, meterReferenceArticles, sharedDir, suspectOf } from '../bench/retrieval.ts';

const METER = join(sharedDir(), 'datasets', 'meter');
const missing = !existsSync(join(METER, 'sources.jsonl'));
const skip = missing && !process.env.CI ? `METER not found at ${METER} (../shared is absent)` : false;

// Measured on METER dev with only the 772 PA texts indexed (weights as in settings.ts):
// wholly 171/198 = 86.4%, partially 147/269 = 54.6%, non-derived without a source 87/122 = 71.3%.
// Lower than with the full corpus indexed (93.4 / 69.9 / 61.5%): in a 772-text index of court and
// showbiz copy, shared rare terms and IDF weights carry less evidence.
const FLOOR_WHOLLY = 0.83;
const FLOOR_PARTIALLY = 0.5;
const FLOOR_NO_SOURCE = 0.65;

test('METER dev: derived stories are traced to their own PA copy (slow)', { skip, timeout: 300_000 }, async () => {
  const { sources, stories } = loadMeterRetrieval(METER);
  const dir = mkdtempSync(join(tmpdir(), 'unspun-meter-'));
  const store = await openSqliteStore(join(dir, 'meter.sqlite'));
  try {
    await indexArticles(store, meterReferenceArticles(sources));
    assert.equal(await store.count(), 772);
    const tally = { wholly_derived: [0, 0], partially_derived: [0, 0], non_derived: [0, 0] };
    for (const story of stories.filter((s) => s.split === 'dev')) {
      const result = await retrieveSources(store, suspectOf(story.text));
      assert.equal(result.searched, true);
      const top = result.sources[0]?.article.id ?? null;
      const t = tally[story.label];
      t[1]++;
      if (story.label === 'non_derived') {
        if (!result.found) t[0]++;
      } else if (top !== null && story.sourceIds.includes(top)) t[0]++;
      if (result.found) assert.ok(result.sources[0].confidence >= 0.5 && result.sources[0].why.length > 0);
      else assert.match(result.reason, /threshold|no article/);
    }
    const rate = (t: number[]) => t[0] / t[1];
    const msg = `wholly ${tally.wholly_derived.join('/')}, partially ${tally.partially_derived.join('/')}, non-derived without source ${tally.non_derived.join('/')}`;
    assert.equal(tally.wholly_derived[1] + tally.partially_derived[1] + tally.non_derived[1], 589);
    assert.ok(rate(tally.wholly_derived) >= FLOOR_WHOLLY, `recall@1 wholly below floor: ${msg}`);
    assert.ok(rate(tally.partially_derived) >= FLOOR_PARTIALLY, `recall@1 partially below floor: ${msg}`);
    assert.ok(rate(tally.non_derived) >= FLOOR_NO_SOURCE, `too many non-derived stories claimed a source: ${msg}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

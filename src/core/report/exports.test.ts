import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { changesCsv } from './exports.ts';
import { claimReviewScript, claimReviews } from './claim-review.ts';
import type { Report } from '../types.ts';

const report = JSON.parse(readFileSync(new URL('../../../test/fixtures/trace/demo-slanted-rewrite/expected.json', import.meta.url), 'utf8')) as Report;

test('changes CSV: one row per change, both quotes exact, the source URL, a link to each finding', () => {
  const rows = parse(changesCsv(report, { permalink: 'http://127.0.0.1:8390/r/abcdefghijklmnop' }), { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(rows.length, report.changes.length);
  report.changes.forEach((c, i) => {
    assert.equal(rows[i].kind, c.kind);
    assert.equal(rows[i].severity, c.severity);
    assert.equal(rows[i].suspect_quote, c.suspectText ?? '');
    assert.equal(rows[i].source_quote, c.sourceText?.replace(/^[=+\-@]/, "'$&") ?? '');
    assert.equal(rows[i].link, `http://127.0.0.1:8390/r/abcdefghijklmnop#change-${i}`);
  });
  const number = rows.find((r) => r.kind === 'number')!;
  assert.equal(number.source_url, 'https://example.net/meridian/world/2025-09-23-dreswick-monitors');
  assert.equal(number.source_outlet, 'Meridian Wire');
});

test('ClaimReview: one per medium/high change, most severe first, with rating, quotes and the source', () => {
  const reviews = claimReviews(report, { author: 'Desk', reviewUrl: 'https://factcheck.example/dreswick', datePublished: '2026-03-15' });
  const serious = report.changes.filter((c) => c.severity === 'high' || c.severity === 'medium');
  assert.equal(reviews.length, serious.length);
  assert.equal(reviews[0]['@type'], 'ClaimReview');
  assert.deepEqual((reviews[0].reviewRating as { ratingValue: number }).ratingValue, 1, 'high first');
  const number = reviews.find((r) => /340/.test(String(r.reviewBody)))!;
  assert.match(String(number.claimReviewed), /About 430/);
  assert.match(String(number.url), /^https:\/\/factcheck\.example\/dreswick#change-\d+$/);
  assert.deepEqual((number.itemReviewed as { isBasedOn: { publisher: unknown } }).isBasedOn.publisher, { '@type': 'Organization', name: 'Meridian Wire' });
  assert.ok(!JSON.stringify(reviews).includes('undefined'));
});

test('the JSON-LD script block cannot be closed early by a quote', () => {
  const block = claimReviewScript([{ '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: 'a </script><script>alert(1)</script>' }]);
  assert.equal(block.match(/<\/script>/g)?.length, 1);
  assert.ok(block.endsWith('</script>'));
  assert.equal((JSON.parse(block.slice(block.indexOf('\n') + 1, block.lastIndexOf('\n'))) as { claimReviewed: string }).claimReviewed, 'a </script><script>alert(1)</script>');
});

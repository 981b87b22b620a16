import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { sitesCsv } from './csv.ts';
import { summarizeSites, timelineOf, type TracedArticle } from './sites.ts';

function traced(over: Partial<TracedArticle>): TracedArticle {
  return {
    reportId: 'aaaaaaaaaaaaaaaa', tracedAt: '2026-03-10T10:00:00.000Z', site: 'buzz.example', url: 'https://buzz.example/a', title: 'A',
    published: null, found: false, reusedShare: 0, serious: 0, source: null, seriousByKind: {}, ...over,
  };
}

const wire = { id: 'w1', outlet: 'Wire', title: 'W', url: 'https://wire.example/1' };
const rows: TracedArticle[] = [
  traced({ found: true, reusedShare: 0.9, serious: 3, source: wire, seriousByKind: { number: 2, negation: 1 }, published: '2026-03-09' }),
  traced({ found: true, reusedShare: 0.5, serious: 0, source: { ...wire, id: 'w2' }, tracedAt: '2026-03-12T10:00:00.000Z' }),
  traced({ found: true, reusedShare: 1, serious: 1, source: { id: 'x', outlet: null, title: null, url: 'https://www.other.example/9' }, seriousByKind: { entity: 1 } }),
  traced({ tracedAt: '2026-03-11T10:00:00.000Z' }),
  traced({ site: 'quiet.example', tracedAt: '2026-03-01T00:00:00.000Z' }),
  traced({ site: null }),
];

test('summarizeSites: counts, shares, outlets copied and how, first and last seen', () => {
  const [buzz, quiet] = summarizeSites(rows);
  assert.equal(buzz.site, 'buzz.example');
  assert.deepEqual([buzz.articles, buzz.copies, buzz.alteredCopies], [4, 3, 2]);
  assert.equal(buzz.copiedShare, 0.75);
  assert.equal(buzz.reusedShare.toFixed(3), '0.800', 'the mean over copies only');
  assert.deepEqual(buzz.seriousByKind, { number: 2, negation: 1, entity: 1 });
  assert.deepEqual(buzz.outlets.map((o) => [o.outlet, o.copies, o.altered]), [['Wire', 2, 1], ['other.example', 1, 1]], 'an outlet without a name is its site');
  assert.equal(buzz.firstSeen, '2026-03-10T10:00:00.000Z');
  assert.equal(buzz.lastSeen, '2026-03-12T10:00:00.000Z');
  assert.deepEqual([quiet.site, quiet.copies], ['quiet.example', 0]);
});

test('timeline: by publication date when known, else traced date, empty days filled; months for long spans', () => {
  const t = timelineOf(rows.filter((r) => r.site === 'buzz.example'));
  assert.deepEqual(t, [
    { period: '2026-03-09', articles: 1, copies: 1 },
    { period: '2026-03-10', articles: 1, copies: 1 },
    { period: '2026-03-11', articles: 1, copies: 0 },
    { period: '2026-03-12', articles: 1, copies: 1 },
  ]);
  const long = timelineOf([traced({ tracedAt: '2025-11-20T00:00:00Z', found: true }), traced({ tracedAt: '2026-03-02T00:00:00Z' })]);
  assert.deepEqual(long.map((p) => p.period), ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  assert.equal(long[0].copies, 1);
});

test('sites CSV parses back, and a cell that would run as a formula is defused', () => {
  const csv = sitesCsv(summarizeSites([traced({ site: 'buzz.example', title: '=HYPERLINK("x")', found: true, source: { ...wire, outlet: '=cmd|calc' } })]));
  assert.ok(csv.startsWith('\uFEFF'));
  assert.ok(csv.includes('\r\n'));
  const [row] = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(row.site, 'buzz.example');
  assert.equal(row.outlets_copied, "'=cmd|calc (1)");
});

/**
 * @module test/compare-cli
 * `unspun compare` as a user runs it: spawned processes, real files, real exit codes, the JSON
 * validated against docs/compare.schema.json, and a hostile article kept inert in the HTML.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT, runCli, type CliRun } from './lib/cli.ts';

const COPIES = join(ROOT, 'examples', 'copies');
const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'compare.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);


const dir = mkdtempSync(join(tmpdir(), 'unspun-compare-'));
const files = {
  empty: join(dir, 'empty.txt'),
  binary: join(dir, 'photo.txt'),
  missing: join(dir, 'nope.txt'),
  emptyDir: join(dir, 'nothing-here'),
  hostileA: join(dir, 'hostile-a.html'),
  hostileB: join(dir, 'hostile-b.html'),
  html: join(dir, 'out.html'),
};
const runs: Record<string, CliRun> = {};

before(async () => {
  writeFileSync(files.empty, '');
  writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  mkdirSync(files.emptyDir);
  writeFileSync(join(files.emptyDir, 'notes.json'), '{}');
  const page = (extra: string) =>
    '<!doctype html><html><head><title>Harbour &lt;script&gt;alert(1)&lt;/script&gt; news</title><script>alert("page")</script></head><body><article>' +
    '<p>The harbour board in Aldport said on Monday that the &lt;script&gt; tag on its website had been removed after a complaint from residents about pop-ups.</p>' +
    '<p>Officials said the new ferry terminal would open in May and carry about 4,000 passengers a day between Aldport and Port Senna.</p>' +
    `<p onclick="alert(2)">${extra}</p></article></body></html>`;
  writeFileSync(files.hostileA, page('The board chair, Anna Lind, said the terminal had cost 80 million crowns.'));
  writeFileSync(files.hostileB, page('The board chair, Anna Lind, said the terminal had cost 95 million crowns &lt;img src=x onerror=alert(3)&gt;.'));
  const jobs: [string, string[]][] = [
    ['json', ['compare', COPIES, '--json']],
    ['text', ['compare', COPIES, '--width', '100']],
    ['missing', ['compare', join(COPIES, 'slanted-copy.txt'), files.missing]],
    ['empty', ['compare', join(COPIES, 'slanted-copy.txt'), files.empty]],
    ['binary', ['compare', files.binary, join(COPIES, 'slanted-copy.txt')]],
    ['emptyDir', ['compare', files.emptyDir, join(COPIES, 'slanted-copy.txt')]],
    ['one', ['compare', join(COPIES, 'slanted-copy.txt')]],
    ['threshold', ['compare', COPIES, '--threshold', '2']],
    ['hostile', ['compare', files.hostileA, files.hostileB, '--html', files.html]],
  ];
  const results = await Promise.all(jobs.map(([, args]) => runCli(args)));
  jobs.forEach(([name], k) => (runs[name] = results[k]));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('--json prints a report that validates against docs/compare.schema.json', () => {
  const r = runs.json;
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { summary: { copies: number; clusters: number } };
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  assert.equal(report.summary.copies, 5);
  assert.equal(report.summary.clusters, 2);
});

test('the schema rejects a report with a departure missing its evidence', () => {
  const report = JSON.parse(runs.json.stdout);
  const f = report.findings.find((x: { departures: unknown[] }) => x.departures.length > 0);
  delete f.departures[0].evidence;
  assert.equal(validate(report), false);
});

test('the terminal report shows the stories and the slanted copy with its agreeing-copy counts', () => {
  const r = runs.text;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^unspun compare: 5 copies, 2 stories/);
  assert.match(r.stdout, /slanted-copy\.txt: 2 serious departures/);
  assert.match(r.stdout, /HEDGE \(high\) slot \d+: 3 of 4 copies say "Forecasters said cooler air/);
  // The faithful paraphrase departs in nothing serious; the few words WordNet cannot link
  // ("driven" -> "fanned") are low findings a reader may check (issue #8: every swap accounted for).
  assert.match(r.stdout, /paraphrase-copy\.txt: no serious departures/);
  assert.ok(r.stdout.split('\n').every((l) => l.length <= 100), 'wrapped at --width');
});

test('bad inputs fail with one line naming the input and the catalog exit code', () => {
  const cases: [string, number, RegExp][] = [
    ['missing', 66, /nope\.txt: no such file or folder/],
    ['empty', 65, /empty\.txt: is empty/],
    ['binary', 65, /photo\.txt: looks like binary data/],
    ['emptyDir', 65, /nothing-here: is empty: the folder holds no \.html or \.txt article files/],
    ['one', 64, /give at least two copies/],
    ['threshold', 64, /--threshold: invalid arguments: expected a number above 0 and at most 1/],
  ];
  for (const [name, code, message] of cases) {
    const r = runs[name];
    assert.equal(r.code, code, `${name}: ${r.stderr}`);
    assert.match(r.stderr, message, name);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
    assert.equal(r.stdout, '', name);
  }
});

test('--html writes a self-contained page where article text stays inert', () => {
  const r = runs.hostile;
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(files.html, 'utf8');
  assert.match(html, /Content-Security-Policy/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /onclick/);
  assert.match(html, /&lt;script&gt;/);
  // The two pages are one story; the changed figure is reported.
  assert.match(html, /number/);
});

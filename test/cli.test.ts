/**
 * @module test/cli
 * The `unspun` command as a user runs it: spawned processes, real files, real exit codes.
 * The runs start together in `before` (each pays tsx's start-up once), then each test checks one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { demoCorpusFiles, demoSuspectFiles, openDemoIndex } from '../src/adapters/cli/demo-index.ts';
import { ROOT, runCli, type CliRun } from './lib/cli.ts';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'report.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };


const dir = mkdtempSync(join(tmpdir(), 'unspun-cli-'));
const db = join(dir, 'demo.db');
const files = {
  empty: join(dir, 'empty.txt'),
  blank: join(dir, 'blank.html'),
  binary: join(dir, 'photo.txt'),
  latin1: join(dir, 'latin1.txt'),
  hostile: join(dir, 'hostile.html'),
  html: join(dir, 'page.html'),
  missing: join(dir, 'nope.txt'),
  huge: join(dir, 'huge.html'),
};
const runs: Record<string, CliRun> = {};

before(async () => {
  writeFileSync(files.empty, '');
  writeFileSync(files.blank, '   \n\n  ');
  writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(files.latin1, Buffer.from('Caf\xe9 owners in Aldport said the new rules were unfair.\n', 'latin1'));
  // An article whose own text talks about script tags, plus a real script and an inline handler.
  writeFileSync(
    files.hostile,
    '<!doctype html><html><head><title>Harbour &lt;script&gt;alert(1)&lt;/script&gt; news</title><script>alert("page")</script></head><body><article>' +
      '<h1>Harbour &lt;script&gt;alert(1)&lt;/script&gt; news</h1>' +
      '<p>Port Senna officials said on Monday that the harbour would reopen next week after repairs to the north quay were finished ahead of schedule.</p>' +
      '<p>A spokesman wrote &lt;script&gt;alert(document.cookie)&lt;/script&gt; in a statement, which the harbour board later said was a typing error by a contractor.</p>' +
      '<p onclick="alert(2)">Shipping firms welcomed the news and said they expected traffic to return to normal levels within a month of the reopening.</p>' +
      '<p>Please enter your comment!</p></article></body></html>',
  );
  // Over the 20 MB input limit; sparse, so it costs no disk.
  writeFileSync(files.huge, '<html>');
  truncateSync(files.huge, 21 * 1024 * 1024);
  const [suspect, second] = demoSuspectFiles();
  // A folder to trace in one go: two demo suspects and one empty file.
  const batchDir = join(dir, 'batch');
  mkdirSync(batchDir);
  copyFileSync(suspect, join(batchDir, 'a-suspect' + suspect.slice(suspect.lastIndexOf('.'))));
  copyFileSync(second, join(batchDir, 'b-suspect' + second.slice(second.lastIndexOf('.'))));
  writeFileSync(join(batchDir, 'c-empty.txt'), '');
  const store = (await openDemoIndex(db, demoCorpusFiles())).store;
  await store.close();
  const html = join(dir, 'out.html');
  // Two runs load the whole pipeline; the failures stop before it, so they are cheap.
  const jobs: Record<string, string[]> = {
    version: ['--version'],
    json: ['trace', suspect, '--db', db, '--json', '--html', join(dir, 'found.html')],
    // From stdin: the kind (HTML) is sniffed from the content.
    nodb: ['trace', '-', '--html', html, '--width', '90'],
    // A --db given but absent (a typo) is an error, not a trace against no corpus.
    typoDb: ['trace', suspect, '--db', join(dir, 'absnet.db')],
    missing: ['trace', files.missing],
    empty: ['trace', files.empty],
    blank: ['trace', files.blank],
    binary: ['trace', files.binary],
    latin1: ['trace', files.latin1],
    usage: ['trace', suspect, '--no-such-flag'],
    batch: ['trace', join(dir, 'batch'), '--db', db],
    batchJson: ['trace', suspect, second, '--db', db, '--json'],
    batchHtml: ['trace', suspect, second, '--html', join(dir, 'nope.html')],
    batchStdin: ['trace', '-', suspect],
    huge: ['trace', files.huge],
    stage: ['trace', suspect, '--stop-after', 'nowhere'],
  };
  const stdin: Record<string, string> = { nodb: readFileSync(files.hostile, 'utf8') };
  const results = await Promise.all(Object.entries(jobs).map(async ([k, args]) => [k, await runCli(args, { cwd: dir, stdin: stdin[k] })] as const));
  for (const [k, r] of results) runs[k] = r;
  writeFileSync(files.html, existsSync(html) ? readFileSync(html) : '');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('--version prints the package version', () => {
  assert.equal(runs.version.code, 0);
  assert.equal(runs.version.stdout.trim(), pkg.version);
});

test('trace --json prints a report that validates against the schema', () => {
  assert.equal(runs.json.code, 0, runs.json.stderr);
  const report = JSON.parse(runs.json.stdout);
  assert.equal(validate(report), true, JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(report.generator.version, pkg.version);
  assert.equal(report.corpus.searched, true);
  assert.ok(report.corpus.size > 0);
});

test('trace --json prints a report that validates against the schema, and --html writes the page too', () => {
  const page = readFileSync(join(dir, 'found.html'), 'utf8');
  assert.match(page, /<del>/, 'changed words are highlighted');
  assert.match(page, /class="row /);
});

test('trace - (stdin) with no index prints a text report that says no corpus was searched', () => {
  assert.equal(runs.nodb.code, 0, runs.nodb.stderr);
  assert.match(runs.nodb.stdout, /^NO CORPUS SEARCHED /m);
  assert.match(runs.nodb.stdout, /^Changes: .*boilerplate/m, 'the comment form was cut from the sniffed HTML');
  assert.match(runs.nodb.stdout, /^input: -$/m);
  assert.match(runs.nodb.stderr, /no index at \.\/unspun\.db/);
  assert.doesNotMatch(runs.nodb.stdout, /\x1b\[/, 'no colour when NO_COLOR is set');
  assert.ok(runs.nodb.stdout.split('\n').every((l) => [...l].length <= 90), 'wrapped at --width');
});

test('trace --html writes a page with no script from the article', () => {
  const page = readFileSync(files.html, 'utf8');
  assert.match(page, /^<!doctype html>/);
  assert.match(page, /Content-Security-Policy/);
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /onclick=/i);
  assert.match(page, /&lt;script&gt;alert\(document\.cookie\)&lt;\/script&gt;/, 'the article text is shown, escaped');
  assert.match(runs.nodb.stderr, /wrote .*out\.html/);
});

const failures: [string, number, RegExp][] = [
  ['missing', 66, /^unspun: .*nope\.txt: no such file or folder$/],
  ['empty', 65, /^unspun: .*empty\.txt: is empty$/],
  ['blank', 65, /^unspun: .*blank\.html: is empty$/],
  ['binary', 65, /^unspun: .*photo\.txt: looks like binary data/],
  ['latin1', 65, /^unspun: .*latin1\.txt: is not valid UTF-8 text: invalid UTF-8 and no charset declared \(first at byte 3\)$/],
  ['huge', 65, /^unspun: .*huge\.html: is larger than the size limit: 21\.0 MB, limit 20\.0 MB \(raise it with --max-bytes\)$/],
  ['typoDb', 66, /^unspun: .*absnet\.db: no such file or folder: no index there/],
];
for (const [name, code, message] of failures) {
  test(`trace on a ${name} file: one-line error naming the file, exit ${code}`, () => {
    const r = runs[name];
    assert.equal(r.code, code, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], message);
  });
}

test('trace on a folder traces each article, reports a bad file on stderr and goes on, and exits non-zero', () => {
  const r = runs.batch;
  assert.equal(r.code, 65, r.stderr);
  assert.match(r.stderr, /^unspun: .*c-empty\.txt: is empty$/m);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3, r.stdout);
  assert.match(lines[0], /a-suspect\.\w+\t(SOURCE demo-\d+ .*reused \d+%|NO SOURCE)/);
  assert.match(lines[1], /b-suspect\.\w+\t/);
  assert.match(lines[2], /^3 traced: \d with a source, \d without, 1 failed$/);
});

test('trace on several files with --json prints one schema-valid report per line', () => {
  const r = runs.batchJson;
  assert.equal(r.code, 0, r.stderr);
  const reports = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(reports.length, 2);
  for (const report of reports) assert.equal(validate(report), true, JSON.stringify(validate.errors?.slice(0, 3)));
  assert.notEqual(reports[0].suspect.name, reports[1].suspect.name);
  assert.equal(runs.batchHtml.code, 64, 'one page cannot hold several reports');
  assert.match(runs.batchHtml.stderr, /--html/);
  assert.equal(runs.batchStdin.code, 64, 'stdin cannot be one of several suspects');
  assert.match(runs.batchStdin.stderr, /^unspun: -: .*stdin can only be traced on its own/m);
});

test('an unknown option or a bad choice is a usage error (exit 64)', () => {
  assert.equal(runs.usage.code, 64);
  assert.match(runs.usage.stderr, /unknown option '--no-such-flag'/);
  assert.equal(runs.stage.code, 64);
  assert.match(runs.stage.stderr, /--stop-after.*nowhere/);
});

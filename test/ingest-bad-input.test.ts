/**
 * Bad inputs, each made for real in a temp folder: the error code, a one-line message naming
 * the file, the exit code of `unspun index`, no half-written batches, and resuming.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ingestPaths, type IngestItem } from '../src/adapters/ingest/index.ts';
import { ioError } from '../src/adapters/input/bytes.ts';
import { Command } from 'commander';
import { registerIndexCommand, runIndex, type IndexRunOptions } from '../src/adapters/cli/index-command.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { UnspunError } from '../src/core/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-bad-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const sub = (name: string) => {
  const d = join(dir, `${++seq}-${name}`);
  mkdirSync(d);
  return d;
};

// Original prose: each generated article differs in its numbers and place names.
function articleText(i: number): string {
  return [
    `Council workers in the town of Brannick ${i} began resurfacing ${i + 3} streets on Monday, a job the council said would take ${(i % 9) + 2} weeks and cost ${i * 17 + 40} thousand pounds.`,
    `Residents of ward ${i} were told to expect diversions near the market square, and bus route ${100 + i} will stop short of the centre until the work is finished.`,
    `A council spokesperson said the streets had not been resurfaced for ${(i % 20) + 10} years and that complaints about potholes had risen by ${i % 50} percent since last spring.`,
  ].join('\n\n');
}
const jsonl = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => JSON.stringify({ id: `t-${from + k}`, outlet: 'Test', title: `Roadworks ${from + k}`, text: articleText(from + k) })).join('\n') + '\n';

async function errorsOf(path: string, maxBytes?: number): Promise<{ errors: UnspunError[]; ok: number }> {
  const errors: UnspunError[] = [];
  let ok = 0;
  for await (const item of ingestPaths([path], { maxBytes }) as AsyncIterable<IngestItem>) {
    if (item.ok) ok++;
    else errors.push(item.error);
  }
  return { errors, ok };
}

/** Asserts one error with `code`, on one line, naming `name`. */
function assertOneError(errors: UnspunError[], code: string, name: string): UnspunError {
  assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
  const [e] = errors;
  assert.equal(e.code, code, e.message);
  assert.ok(e.message.includes(name), `"${e.message}" should name ${name}`);
  assert.ok(!e.message.includes('\n'), 'one line');
  return e;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}
function quiet(opts: IndexRunOptions) {
  const stderr = new Sink();
  const stdout = new Sink();
  return runIndex({ stderr, stdout, ...opts }).then((s) => ({ ...s, err: stderr.text, out: stdout.text }));
}
async function countIn(db: string): Promise<number> {
  const s = await openSqliteStore(db, { readonly: true });
  try {
    return await s.count();
  } finally {
    await s.close();
  }
}

test('an empty file is INPUT_EMPTY (plain, gzipped, and blank-lines-only JSONL)', async () => {
  const d = sub('empty');
  writeFileSync(join(d, 'empty.html'), '');
  writeFileSync(join(d, 'empty.txt.gz'), gzipSync(''));
  writeFileSync(join(d, 'blank.jsonl'), '\n\n  \n');
  writeFileSync(join(d, 'spaces.txt'), '   \n\t\n');
  for (const name of ['empty.html', 'empty.txt.gz', 'blank.jsonl', 'spaces.txt']) {
    assertOneError((await errorsOf(join(d, name))).errors, 'INPUT_EMPTY', name);
  }
});

test('a binary file is INPUT_BINARY, whatever its extension says', async () => {
  const d = sub('binary');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array(200).fill(7)]);
  writeFileSync(join(d, 'photo.html'), png);
  writeFileSync(join(d, 'noise.txt'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41))));
  writeFileSync(join(d, 'packed.jsonl.gz'), gzipSync(png));
  assert.match(assertOneError((await errorsOf(join(d, 'photo.html'))).errors, 'INPUT_BINARY', 'photo.html').message, /NUL byte/);
  assert.match(assertOneError((await errorsOf(join(d, 'noise.txt'))).errors, 'INPUT_BINARY', 'noise.txt').message, /control characters/);
  assertOneError((await errorsOf(join(d, 'packed.jsonl.gz'))).errors, 'INPUT_BINARY', 'packed.jsonl.gz');
});

test('non-UTF-8 text without a declared charset is INPUT_ENCODING; JSONL reports the line', async () => {
  const d = sub('encoding');
  const latin = Buffer.from(`Caf\xe9 owners on the quay\n\n${articleText(1)}`, 'latin1');
  writeFileSync(join(d, 'latin.txt'), latin);
  writeFileSync(join(d, 'latin.html'), Buffer.concat([Buffer.from('<html><body><p>'), latin, Buffer.from('</p></body></html>')]));
  const e = assertOneError((await errorsOf(join(d, 'latin.txt'))).errors, 'INPUT_ENCODING', 'latin.txt');
  assert.match(e.message, /byte 3\b/);
  assertOneError((await errorsOf(join(d, 'latin.html'))).errors, 'INPUT_ENCODING', 'latin.html');
  const lines = Buffer.concat([Buffer.from(jsonl(0, 1)), Buffer.from('{"id":"x","text":"caf\xe9 society"}\n', 'latin1'), Buffer.from(jsonl(1, 2))]);
  writeFileSync(join(d, 'mixed.jsonl'), lines);
  const r = await errorsOf(join(d, 'mixed.jsonl'));
  assertOneError(r.errors, 'INPUT_ENCODING', 'mixed.jsonl:2');
  assert.equal(r.ok, 2);
});

test('a 50 MB HTML page is INPUT_TOO_LARGE; --max-bytes moves the limit, also for gzip bombs and JSONL lines', async () => {
  const d = sub('large');
  const para = `<p>${articleText(3)}</p>\n`;
  // An HTML start padded (sparsely) to 50 MB: refused on its size, before a byte is read
  // (reading it would report INPUT_BINARY for the NUL padding instead).
  writeFileSync(join(d, 'huge.html'), `<html><body>${para.repeat(100)}`);
  truncateSync(join(d, 'huge.html'), 50 * 1024 * 1024);
  const e = assertOneError((await errorsOf(join(d, 'huge.html'))).errors, 'INPUT_TOO_LARGE', 'huge.html');
  assert.match(e.message, /50\.\d MB, limit 20\.0 MB/);
  writeFileSync(join(d, 'small.html'), `<html><body>${para.repeat(3)}</body></html>`);
  assertOneError((await errorsOf(join(d, 'small.html'), 1000)).errors, 'INPUT_TOO_LARGE', 'small.html');
  assert.deepEqual((await errorsOf(join(d, 'small.html'), 100_000)).errors, []);
  writeFileSync(join(d, 'bomb.html.gz'), gzipSync(Buffer.alloc(5_000_000, 'a')));
  assert.match(assertOneError((await errorsOf(join(d, 'bomb.html.gz'), 1_000_000)).errors, 'INPUT_TOO_LARGE', 'bomb.html.gz').message, /after decompression/);
  writeFileSync(join(d, 'long.jsonl'), jsonl(0, 2) + JSON.stringify({ id: 'big', text: 'word '.repeat(5000) }) + '\n' + jsonl(2, 4));
  const r = await errorsOf(join(d, 'long.jsonl'), 10_000);
  assertOneError(r.errors, 'INPUT_TOO_LARGE', 'long.jsonl:3');
  assert.equal(r.ok, 4);
});

test('a truncated gzip is INPUT_TRUNCATED naming the file, and the records before the cut are indexed', async () => {
  const d = sub('truncated');
  const gz = gzipSync(jsonl(0, 300));
  writeFileSync(join(d, 'cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
  const r = await errorsOf(join(d, 'cut.jsonl.gz'));
  assertOneError(r.errors, 'INPUT_TRUNCATED', 'cut.jsonl.gz');
  assert.ok(r.ok > 50 && r.ok < 300, `read ${r.ok} records before the cut`);
  const db = join(d, 'x.db');
  const s = await quiet({ paths: [join(d, 'cut.jsonl.gz')], db, batch: 40 });
  assert.equal(s.exitCode, 65);
  assert.equal(s.added, r.ok);
  assert.equal(await countIn(db), r.ok);
  assert.match(s.err, /cut\.jsonl\.gz: is truncated or corrupt/);
  writeFileSync(join(d, 'cut.html.gz'), gzipSync(`<html><body><p>${articleText(5)}</p></body></html>`).subarray(0, 60));
  assertOneError((await errorsOf(join(d, 'cut.html.gz'))).errors, 'INPUT_TRUNCATED', 'cut.html.gz');
  writeFileSync(join(d, 'notgz.txt.gz'), articleText(6));
  assertOneError((await errorsOf(join(d, 'notgz.txt.gz'))).errors, 'INPUT_TRUNCATED', 'notgz.txt.gz');
});

test('a truncated .warc.gz keeps the records before the cut and reports INPUT_TRUNCATED; a non-WARC .warc is INPUT_MALFORMED', async () => {
  const d = sub('warc');
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < 6; i++) {
    const html = `<html><head><title>Roadworks ${i}</title></head><body><article><h1>Roadworks ${i}</h1><p>${articleText(i).replace(/\n\n/g, '</p><p>')}</p></article></body></html>`;
    const rec = WARCRecord.create(
      { url: `https://council.test/${i}`, type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' }, statusline: 'HTTP/1.1 200 OK' },
      (async function* () { yield enc.encode(html); })(),
    );
    parts.push(await WARCSerializer.serialize(rec, { gzip: true }));
  }
  const whole = Buffer.concat(parts);
  const cutAt = parts.slice(0, 4).reduce((n, p) => n + p.length, 0) + Math.floor(parts[4].length / 2);
  writeFileSync(join(d, 'cut.warc.gz'), whole.subarray(0, cutAt));
  const r = await errorsOf(join(d, 'cut.warc.gz'));
  assert.equal(r.ok, 4);
  assertOneError(r.errors, 'INPUT_TRUNCATED', 'cut.warc.gz');
  writeFileSync(join(d, 'notes.warc'), 'Meeting notes, not an archive.\nSecond line.\n');
  assertOneError((await errorsOf(join(d, 'notes.warc'))).errors, 'INPUT_MALFORMED', 'notes.warc');
});

test('malformed JSONL lines are reported as file:line and skipped; the rest is indexed', async () => {
  const d = sub('malformed');
  const body = [jsonl(0, 1).trim(), '{"id": "broken", "text": ', JSON.stringify({ id: 'no-text', title: 'x' }), '[1,2]', jsonl(1, 2).trim()].join('\n');
  writeFileSync(join(d, 'm.jsonl'), body);
  const r = await errorsOf(join(d, 'm.jsonl'));
  assert.equal(r.ok, 2);
  assert.deepEqual(r.errors.map((e) => e.code), ['INPUT_MALFORMED', 'INPUT_MALFORMED', 'INPUT_MALFORMED']);
  assert.match(r.errors[0].message, /m\.jsonl:2: is malformed: not valid JSON/);
  assert.match(r.errors[1].message, /m\.jsonl:3: is malformed: missing "text"/);
  assert.match(r.errors[2].message, /m\.jsonl:4: is malformed: not a JSON object/);
});

test('unreadable entries in a folder (dangling link, FIFO, unreadable subfolder) are reported and the rest indexed', async () => {
  const d = sub('unreadable');
  writeFileSync(join(d, 'good.jsonl'), jsonl(0, 3));
  symlinkSync(join(d, 'gone.html'), join(d, 'dangling.html'));
  execFileSync('mkfifo', [join(d, 'pipe.jsonl')]);
  symlinkSync(join(d, 'loop2'), join(d, 'loop1'));
  symlinkSync(join(d, 'loop1'), join(d, 'loop2'));
  const errs = (await errorsOf(d)).errors;
  const by = (name: string) => errs.find((e) => e.message.includes(name));
  assert.equal(by('dangling.html')?.code, 'INPUT_UNREADABLE');
  assert.match(by('dangling.html')!.message, /broken symbolic link/);
  assert.equal(by('pipe.jsonl')?.code, 'INPUT_UNREADABLE');
  assert.equal(by('loop1')?.code, 'INPUT_UNREADABLE');
  const db = join(d, 'x.db');
  const s = await quiet({ paths: [d], db });
  assert.equal(s.exitCode, 65);
  assert.equal(s.added, 3);
  assert.equal(s.errors, errs.length);
  assert.equal(s.failure?.code, 'INPUT_PARTIAL');
  for (const name of ['dangling.html', 'pipe.jsonl']) assert.ok(s.err.includes(name), s.err);
});

test('permission and other fs failures map to one-line catalog errors naming the file', () => {
  // Tests run as root, where chmod cannot make a file unreadable: check the mapping itself.
  const denied = ioError(Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: 'EACCES' }), 'in/x.html');
  assert.equal(denied.code, 'INPUT_UNREADABLE');
  assert.match(denied.message, /^in\/x\.html: cannot be read: permission denied \(EACCES\)$/);
  assert.equal(ioError(Object.assign(new Error('gone'), { code: 'ENOENT' }), 'y').code, 'INPUT_NOT_FOUND');
  assert.equal(ioError(Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR' }), 'z.gz').code, 'INPUT_TRUNCATED');
});

test('a batch that fails to write leaves nothing half-written, and a re-run resumes', async () => {
  const d = sub('atomic');
  writeFileSync(join(d, 'a.jsonl'), jsonl(0, 23));
  const db = join(d, 'x.db');
  // Poison the 13th article (second batch of 10) with a trigger, as a failing disk would.
  (await openSqliteStore(db)).close();
  const { default: Database } = await import('better-sqlite3');
  const raw = new Database(db);
  raw.exec("CREATE TRIGGER poison BEFORE INSERT ON articles WHEN NEW.id = 't-12' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  raw.close();
  const first = await quiet({ paths: [d], db, batch: 10 });
  assert.equal(first.exitCode, 74);
  assert.equal(first.failure?.code, 'STORE_WRITE_FAILED');
  assert.match(first.failure!.message, /disk on fire/);
  assert.equal(await countIn(db), 10, 'only the first, committed batch');
  const fix = new Database(db);
  fix.exec('DROP TRIGGER poison');
  fix.close();
  const second = await quiet({ paths: [d], db, batch: 10 });
  assert.equal(second.exitCode, 0);
  assert.deepEqual([second.added, second.unchanged], [13, 10]);
  assert.equal(await countIn(db), 23);
  assert.match(second.out, /^13 added, 10 unchanged, 0 replaced, 0 errors/);
});

/** Runs `unspun index ...` in-process through commander, capturing output and the exit code the CLI would use. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const program = new Command().exitOverride().configureOutput({ writeErr: (s) => stderr.write(s), writeOut: (s) => stdout.write(s) });
  registerIndexCommand(program, { stdout, stderr });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out: stdout.text, err: stderr.text };
  } catch (thrown) {
    // What main.ts does with a thrown UnspunError: print one line, exit with its code.
    if (!(thrown instanceof UnspunError)) throw thrown;
    return { code: thrown.exitCode, out: stdout.text, err: `${stderr.text}unspun: ${thrown.message}\n` };
  }
}

test('unspun index exit codes: 0 all indexed, 65 some inputs failed, 66 a path does not exist, 74 bad store', async () => {
  const d = sub('cli');
  writeFileSync(join(d, 'good.jsonl'), jsonl(0, 5));
  const db = join(d, 'x.db');
  const ok = await cli('index', join(d, 'good.jsonl'), '--db', db);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^5 added, 0 unchanged, 0 replaced, 0 errors/);
  const again = await cli('index', join(d, 'good.jsonl'), '--db', db);
  assert.match(again.out, /^0 added, 5 unchanged/);

  writeFileSync(join(d, 'bad.jsonl'), jsonl(5, 7) + '{oops\n');
  const partial = await cli('index', d, '--db', db, '--batch', '1');
  assert.equal(partial.code, 65, partial.err);
  assert.match(partial.err, /bad\.jsonl:3: is malformed/);
  assert.match(partial.out, /^2 added, 5 unchanged, 0 replaced, 1 errors/);
  assert.equal(await countIn(db), 7);

  const missing = await cli('index', join(d, 'good.jsonl'), join(d, 'nope.jsonl'), '--db', join(d, 'other.db'));
  assert.equal(missing.code, 66);
  assert.match(missing.err, /nope\.jsonl: no such file or folder/);
  assert.ok(!existsSync(join(d, 'other.db')), 'nothing is indexed when a path is missing');

  const dbDir = await cli('index', join(d, 'good.jsonl'), '--db', d);
  assert.equal(dbDir.code, 74);
  assert.match(dbDir.err, /it is a folder/);

  const usage = await cli('index', join(d, 'good.jsonl'), '--batch', 'zero').catch((x: unknown) => x);
  assert.ok(usage instanceof Error && /positive whole number/.test(usage.message));
});

// A separate process that is killed in the middle of its third batch (two committed, a third begun).
const CRASH = `
import { runIndex } from './src/adapters/cli/index-command.ts';
const [batch, input, db] = process.argv.slice(1);
await runIndex({ paths: [input], db, batch: Number(batch), onBatch: ({ batches, store }) => {
  if (batches < 2) return;
  store.database.exec('BEGIN');
  store.database.prepare("INSERT INTO articles (id, text, content_hash) VALUES ('half', 'half-written', 'h')").run();
  process.kill(process.pid, 'SIGKILL');
} });`;

test('killed mid-batch: only whole batches are stored, and a re-run resumes', async () => {
  const d = sub('kill');
  writeFileSync(join(d, 'k.jsonl'), jsonl(0, 47));
  const db = join(d, 'x.db');
  const crashed = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CRASH, '--', '10', join(d, 'k.jsonl'), db], {
    cwd: process.cwd(),
    encoding: 'utf8',
  });
  assert.equal(crashed.signal, 'SIGKILL', crashed.stderr);
  assert.equal(await countIn(db), 20);
  const s = await openSqliteStore(db, { readonly: true });
  assert.equal(await s.get('half'), null);
  await s.close();
  const resumed = await quiet({ paths: [join(d, 'k.jsonl')], db, batch: 10 });
  assert.equal(resumed.exitCode, 0, resumed.err);
  assert.match(resumed.out, /^27 added, 20 unchanged/);
  assert.equal(await countIn(db), 47);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { registerIndexCommand, runIndex, type IndexRunOptions } from '../src/adapters/cli/index-command.ts';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { DEFAULT_ARTICLES_PER_JOB } from '../src/adapters/queue/index.ts';
import { DEFAULT_BATCH, DEFAULT_MAX_BYTES } from '../src/core/index/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-index-cmd-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const sub = () => {
  const d = join(dir, String(++seq));
  mkdirSync(d);
  return d;
};

class Sink extends Writable {
  text = '';
  isTTY?: boolean;
  columns = 120;
  constructor(tty = false) {
    super();
    if (tty) this.isTTY = true;
  }
  override _write(chunk: Buffer, _e: string, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
  // cli-progress moves the cursor on a terminal.
  cursorTo(_x: number, _y?: number, cb?: () => void) {
    cb?.();
    return true;
  }
  clearLine(_d: number, cb?: () => void) {
    cb?.();
    return true;
  }
  moveCursor(_dx: number, _dy: number, cb?: () => void) {
    cb?.();
    return true;
  }
}

async function run(opts: Partial<IndexRunOptions> & { paths: string[]; db: string }, tty = false) {
  const stdout = new Sink();
  const stderr = new Sink(tty);
  const s = await runIndex({ stdout, stderr, ...opts });
  return { ...s, out: stdout.text, err: stderr.text };
}

// Original prose, varied by number.
const story = (i: number, twist = '') =>
  `The river ferry at Dunmore ${i} will stop running at night from next month${twist}, the operator said, because too few passengers use the late crossings.\n\n` +
  `Commuters said the change would add ${i + 20} minutes to their journeys, and the county council asked the operator to review the decision within ${i % 6 + 2} months.`;
const line = (id: string, text: string) => JSON.stringify({ id, outlet: 'Dunmore Post', title: `Ferry ${id}`, text });

test('registerIndexCommand adds `index <paths...>` with --db, --batch, --max-bytes and --queue', () => {
  const program = new Command();
  registerIndexCommand(program);
  const cmd = program.commands.find((c) => c.name() === 'index');
  assert.ok(cmd);
  const opt = (flag: string) => cmd.options.find((o) => o.long === flag);
  assert.equal(opt('--db')?.defaultValue, './unspun.db');
  assert.match(opt('--batch')?.description ?? '', new RegExp(`default ${DEFAULT_ARTICLES_PER_JOB}`), 'the default depends on --queue');
  assert.ok(opt('--queue'));
  assert.equal(opt('--max-bytes')?.defaultValue, DEFAULT_MAX_BYTES);
  assert.match(cmd.helpInformation(), /index \[options\] <paths\.\.\.>/);
});

test('same id with new text is replaced; repeated content in one run is stored once', async () => {
  const d = sub();
  const db = join(d, 'x.db');
  writeFileSync(join(d, 'a.jsonl'), [line('a', story(1)), line('b', story(2)), line('b-copy', story(2))].join('\n'));
  const first = await run({ paths: [join(d, 'a.jsonl')], db });
  assert.deepEqual([first.added, first.unchanged, first.replaced, first.errors, first.exitCode], [2, 1, 0, 0, 0]);
  writeFileSync(join(d, 'a.jsonl'), [line('a', story(1, ' and on Sundays'))].join('\n'));
  const second = await run({ paths: [join(d, 'a.jsonl')], db });
  assert.deepEqual([second.added, second.unchanged, second.replaced], [0, 0, 1]);
  assert.match(second.out, /^0 added, 0 unchanged, 1 replaced, 0 errors in [\d.]+ s \(\d+ articles\/s\); 2 articles in /);
  const store = await openSqliteStore(db, { readonly: true });
  assert.match((await store.get('a'))!.text, /and on Sundays/);
  assert.equal((await store.searchText(['sundays'], 5))[0]?.id, 'a');
  assert.equal((await store.documentFrequency(['ferry'])).get('ferry'), 2, 'word statistics were refreshed at the end');
  await store.close();
});

test('a mixed folder indexes every format, and indexing it again is a no-op', async () => {
  const d = sub();
  const db = join(d, 'x.db');
  const src = join(d, 'in');
  mkdirSync(join(src, 'pages'), { recursive: true });
  writeFileSync(join(src, 'wire.jsonl'), [line('w1', story(1)), line('w2', story(2))].join('\n'));
  writeFileSync(join(src, 'pages', 'p.html'), `<html><head><title>Ferry cuts</title></head><body><article><h1>Ferry cuts</h1><p>${story(3).replace('\n\n', '</p><p>')}</p></article></body></html>`);
  writeFileSync(join(src, 'pages', 'n.txt'), `Ferry cuts again\n\n${story(4)}`);
  const first = await run({ paths: [src], db, batch: 2 });
  assert.equal(first.exitCode, 0, first.err);
  assert.equal(first.added, 4);
  const again = await run({ paths: [src], db, batch: 2 });
  assert.match(again.out, /^0 added, 4 unchanged, 0 replaced, 0 errors/);
  assert.equal(again.total, 4);
});

test('progress: plain lines when stderr is not a terminal, a bar when it is', async () => {
  const d = sub();
  writeFileSync(join(d, 'a.jsonl'), Array.from({ length: 6 }, (_, i) => line(`p${i}`, story(i))).join('\n'));
  const plain = await run({ paths: [join(d, 'a.jsonl')], db: join(d, 'plain.db'), batch: 2, progressEveryMs: 0 });
  assert.match(plain.err, /^indexing: \d+ articles, \d+\/s, \d+% of input read \(.*a\.jsonl\)$/m);
  assert.ok(!plain.err.includes('\x1b['), 'no terminal escapes in plain output');
  const tty = await run({ paths: [join(d, 'a.jsonl')], db: join(d, 'tty.db'), batch: 2 }, true);
  // The bar redraws on a timer and clears itself when done; a short run shows its cursor control only.
  assert.ok(tty.err.includes('\x1b[?25l'), 'the terminal bar was started');
  assert.doesNotMatch(tty.err, /^indexing:/m);
  assert.match(tty.out, /^6 added/);
});

test('a folder with no readable input files is an error, not a silent success', async () => {
  const d = sub();
  writeFileSync(join(d, 'readme.md'), '# nothing to index');
  const s = await run({ paths: [d], db: join(d, 'x.db') });
  assert.equal(s.exitCode, 65);
  assert.equal(s.failure?.code, 'INPUT_EMPTY');
  assert.match(s.out, /1 files of unknown type skipped/);
});

test('an interrupt (Ctrl-C) stops after the current batch: whole batches stored, exit 130, and a re-run finishes', async () => {
  const d = sub();
  const db = join(d, 'x.db');
  writeFileSync(join(d, 'a.jsonl'), Array.from({ length: 9 }, (_, i) => line(`i${i}`, story(i))).join('\n'));
  const abort = new AbortController();
  const s = await run({ paths: [join(d, 'a.jsonl')], db, batch: 2, signal: abort.signal, onBatch: ({ batches }) => batches === 2 && abort.abort() });
  assert.equal(s.exitCode, 130);
  assert.ok(s.interrupted);
  assert.match(s.out, /^interrupted: /);
  assert.equal(s.total % 2, 0, `stored ${s.total}: whole batches only`);
  assert.ok(s.total >= 4 && s.total < 9);
  const again = await run({ paths: [join(d, 'a.jsonl')], db, batch: 2 });
  assert.deepEqual([again.added, again.unchanged, again.total], [9 - s.total, s.total, 9]);
});

test('worker threads: the same store as indexing in one thread, bad lines named, and a crash mid-run resumes without duplicates', async () => {
  const d = sub();
  const lines = Array.from({ length: 60 }, (_, i) => line(`w${i}`, story(i)));
  lines.splice(17, 0, '{"id": "broken", "text": ');
  lines.splice(33, 0, line('w3', story(3, ' and on Sundays'))); // same id, other text: reported, the first kept
  lines.splice(40, 0, line('w-copy', story(5))); // same text as w5 under another id: stored once
  writeFileSync(join(d, 'a.jsonl'), lines.join('\n') + '\n');
  const snapshot = async (db: string) => {
    const store = await openSqliteStore(db, { readonly: true });
    try {
      const q = (sql: string) => JSON.stringify(store.database.prepare(sql).all());
      return {
        articles: q('SELECT id, content_hash, day FROM articles ORDER BY id'),
        terms: q('SELECT term, df, capped FROM term_stats ORDER BY term'),
        postings: q('SELECT p.term, p.day, a.id FROM postings p JOIN articles a ON a.pk = p.article ORDER BY 1, 2, 3'),
        bands: q('SELECT b.key, a.id FROM bands b JOIN articles a ON a.pk = b.article ORDER BY 1, 2'),
        phrases: q('SELECT key, n FROM phrase_counts ORDER BY key'),
        count: await store.count(),
      };
    } finally {
      await store.close();
    }
  };
  const one = await run({ paths: [join(d, 'a.jsonl')], db: join(d, 'one.db'), batch: 5, workers: 0 });
  const threaded = await run({ paths: [join(d, 'a.jsonl')], db: join(d, 'threads.db'), batch: 5, workers: 2 });
  for (const s of [one, threaded]) {
    assert.deepEqual([s.added, s.unchanged, s.errors, s.total, s.exitCode], [60, 1, 2, 60, 65]);
    assert.match(s.err, /a\.jsonl:18: .*not valid JSON/);
    assert.match(s.err, /a\.jsonl:34: .*duplicate id "w3" .*first at .*a\.jsonl:4\)/);
  }
  assert.deepEqual(await snapshot(join(d, 'threads.db')), await snapshot(join(d, 'one.db')));

  // A crash after the third committed batch (the writer throws): whole batches only, then a re-run finishes.
  const crashDb = join(d, 'crash.db');
  const crashed = await run({
    paths: [join(d, 'a.jsonl')], db: crashDb, batch: 5, workers: 2,
    onBatch: ({ batches }) => {
      if (batches === 3) throw new Error('simulated crash');
    },
  });
  assert.notEqual(crashed.exitCode, 0);
  assert.ok(crashed.total > 0 && crashed.total < 60, `stored ${crashed.total}`);
  const resumed = await run({ paths: [join(d, 'a.jsonl')], db: crashDb, batch: 5, workers: 2 });
  assert.equal(resumed.added, 60 - crashed.total);
  assert.deepEqual(await snapshot(crashDb), await snapshot(join(d, 'one.db')));
});

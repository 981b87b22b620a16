/**
 * @module test/cli-postgres
 * `--db postgres://...` as a user runs it: `unspun index` into PostgreSQL, then `unspun trace`
 * against it, in spawned processes, with the demo corpus and suspects.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';
import { runCli } from './lib/cli.ts';

const skip = pgSkipReason();
after(dropMadeSchemas);

test('index and trace with --db postgres://', { skip }, async () => {
  const url = freshSchemaUrl('cli');
  const indexed = await runCli(['index', '--db', url, 'examples/corpus/demo-corpus.jsonl']);
  assert.equal(indexed.code, 0, indexed.stderr);
  assert.match(indexed.stdout, /^36 added, 0 unchanged, 0 replaced, 0 errors/);
  const again = await runCli(['index', '--db', url, 'examples/corpus/demo-corpus.jsonl']);
  assert.match(again.stdout, /^0 added, 36 unchanged/, 'indexing again is a no-op');

  const traced = await runCli(['trace', '--db', url, '--json', 'examples/suspects/slanted-rewrite.txt']);
  assert.equal(traced.code, 0, traced.stderr);
  const report = JSON.parse(traced.stdout);
  assert.equal(report.corpus.size, 36);
  assert.equal(report.sources[0]?.id, 'demo-022');

  const missing = await runCli(['trace', '--db', freshSchemaUrl('none'), 'examples/suspects/slanted-rewrite.txt']);
  assert.equal(missing.code, 74, 'a database with no store is an error, not an empty corpus');
  assert.match(missing.stderr, /no corpus tables/);
});

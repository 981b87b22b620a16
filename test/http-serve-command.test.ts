/**
 * `unspun serve` as a command: flag parsing, and a real start, request and clean stop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { UnspunError } from '../src/core/errors.ts';
import { parseDuration, parseSize, registerServeCommand } from '../src/adapters/cli/serve-command.ts';

test('--max-body and --timeout accept human units and refuse nonsense', () => {
  assert.equal(parseSize('10mb'), 10 * 1024 * 1024);
  assert.equal(parseSize('512KB'), 512 * 1024);
  assert.equal(parseSize('2048'), 2048);
  assert.equal(parseSize('1.5m'), 1.5 * 1024 * 1024);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('1500ms'), 1500);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('45'), 45_000);
  for (const bad of ['', 'ten', '10 parsecs', '-1mb']) assert.throws(() => parseSize(bad), (e: unknown) => e instanceof UnspunError && e.code === 'USAGE');
  for (const bad of ['', 'soon', '10h', '0s']) assert.throws(() => parseDuration(bad), (e: unknown) => e instanceof UnspunError && e.code === 'USAGE');
});

test('serve starts on a free port, answers, and stops cleanly on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspun-serve-'));
  const db = join(dir, 'serve.db');
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  let announced: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (announced = resolve));
  process.stderr.write = ((chunk: string | Uint8Array) => {
    const text = String(chunk);
    lines.push(text);
    const m = /unspun serve: (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
    if (m) announced(m[1]);
    return true;
  }) as typeof process.stderr.write;
  try {
    const program = new Command().exitOverride();
    registerServeCommand(program);
    const running = program.parseAsync(['node', 'unspun', 'serve', '--port', '0', '--db', db, '--create', '--max-body', '1kb', '--quiet', '--no-warm-up']);
    const base = await Promise.race([url, running.then(() => Promise.reject(new Error(`serve exited early: ${lines.join('')}`)))]);
    const health = await fetch(`${base}/api/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { corpus: { size: number } }).corpus.size, 0);
    const big = await fetch(`${base}/api/trace`, { method: 'POST', body: 'x'.repeat(2048), headers: { 'Content-Type': 'text/plain' } });
    assert.equal(big.status, 413, '--max-body is applied');
    assert.ok(existsSync(db), '--db is created');
    process.emit('SIGINT');
    await running;
    assert.ok(lines.some((l) => l.includes('stopping')));
    await assert.rejects(fetch(`${base}/api/health`), 'the port is closed after stopping');
  } finally {
    process.stderr.write = write;
    rmSync(dir, { recursive: true, force: true });
  }
});

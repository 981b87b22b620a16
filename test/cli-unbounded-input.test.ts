/**
 * Inputs that report no size (a device, a pipe) are counted while they are read, so
 * `unspun trace` stops at the byte limit instead of reading on (`trace /dev/zero` once read
 * 18 GB), and the refusal names the input and the limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { REPO_ROOT } from './http-helpers.ts';

const BIN = join(REPO_ROOT, 'bin/unspun.js');

function trace(args: string[], feed?: (stdin: Writable) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'trace', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {}); // the CLI stops reading at the limit; the rest of the feed is refused
    if (feed) feed(child.stdin);
    else child.stdin.end();
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('trace /dev/zero (a device of no size) stops at --max-bytes: exit 65, one line naming the device and the limit', async () => {
  const r = await trace(['/dev/zero', '--max-bytes', '1000000']);
  assert.equal(r.code, 65, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'unspun: /dev/zero: is larger than the size limit: more than the 976.6 KB limit (reading stopped there; raise it with --max-bytes)\n');
});

test('trace - on a pipe that never ends stops at --max-bytes: exit 65, naming stdin and the limit', async () => {
  const line = Buffer.from('The ferry ran late again on Tuesday, the harbour master said.\n');
  const r = await trace(['-', '--max-bytes', '200000'], (stdin) => {
    // Writes until the CLI closes the pipe: an endless input, as `yes | unspun trace -` is.
    const pump = () => {
      while (!stdin.destroyed && stdin.write(line));
      if (!stdin.destroyed) stdin.once('drain', pump);
    };
    pump();
  });
  assert.equal(r.code, 65, r.stderr);
  assert.match(r.stderr, /^unspun: stdin: is larger than the size limit: more than the 195\.3 KB limit \(reading stopped there; raise it with --max-bytes\)\n$/);
});

/**
 * The server under hostile input and load, with the real trace pool (worker threads running the
 * real pipeline over the demo corpus): a long trace does not delay /api/health, the time limit
 * stops the work and stores nothing, cross-origin and foreign-host requests are refused, and
 * request bodies go through the same input checks as files.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { DEMO_SUSPECTS, startTestServer, type TestServer } from './http-helpers.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A 2 MB pasted page within every limit but slow to trace (seconds): 2,400 paragraphs plus inline scripts. */
function bigPaste(): string {
  const paras = Array.from({ length: 2400 }, (_, i) => `<p>Council item ${i} passed on Monday after a long vote in the chamber, where members argued about costs.</p>`).join('');
  let html = `<html><head><title>Budget votes</title></head><body><article>${paras}</article>`;
  const pad = `<script>var x="${'a'.repeat(1000)}";</script>`;
  while (html.length < 2 * 1024 * 1024) html += pad;
  return `${html}</body></html>`;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** A raw HTTP request, so the Host header can be anything. */
function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('a long trace runs in a worker thread', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ uiDir: null, timeoutMs: 1000 });
    // Load the language models first, so the timing below is the trace's own.
    await server.pool.warmUp({ kind: 'text', content: 'Warm-up\n\nThe council met on Monday.', name: 'warm-up' });
  });
  after(() => server.stop());

  test('a 2 MB paste: /api/health answers within 1 s throughout, the 1 s limit answers 503 and stores nothing, and the next trace works', async () => {
    const before = (await (await fetch(`${server.url}/api/health`)).json()) as { reports: { count: number } };
    const tracing = timed(() => fetch(`${server.url}/api/trace`, { method: 'POST', body: bigPaste(), headers: { 'Content-Type': 'text/html' } }));
    const healthTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const h = await timed(() => fetch(`${server.url}/api/health`).then((r) => r.status));
      assert.equal(h.value, 200);
      healthTimes.push(h.ms);
    }
    const { value: res, ms } = await tracing;
    assert.equal(res.status, 503, await res.clone().text());
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'TIMEOUT');
    assert.match(body.error.message, /1 s limit/);
    assert.ok(ms < 4000, `answered at the limit, not when the work ended (${ms.toFixed(0)} ms)`);
    assert.ok(Math.max(...healthTimes) < 1000, `health stayed fast: ${healthTimes.map((t) => t.toFixed(0)).join(', ')} ms`);
    const afterCount = ((await (await fetch(`${server.url}/api/health`)).json()) as { reports: { count: number } }).reports.count;
    assert.equal(afterCount, before.reports.count, 'nothing stored');
    // The stopped worker was replaced (and loads the models first): a normal trace still works.
    await server.pool.whenIdle();
    const text = readFileSync(join(DEMO_SUSPECTS, 'slanted-rewrite.txt'), 'utf8');
    const report = await server.pool.trace({ kind: 'text', content: text, name: 'slanted-rewrite.txt' }, { signal: new AbortController().signal });
    assert.equal(report.verdict.found, true);
  });
});

describe('requests a web page could forge, and request bodies', () => {
  let server: TestServer;
  const text = readFileSync(join(DEMO_SUSPECTS, 'slanted-rewrite.txt'), 'utf8');
  before(async () => {
    server = await startTestServer({ uiDir: null });
  });
  after(() => server.stop());

  test('a cross-origin POST is refused, whatever its content type; same-origin and non-browser POSTs are not', async () => {
    for (const type of ['text/plain', 'application/json', 'text/html']) {
      const res = await fetch(`${server.url}/api/trace`, { method: 'POST', body: type === 'application/json' ? JSON.stringify({ text }) : text, headers: { 'Content-Type': type, Origin: 'https://news-site.example' } });
      assert.equal(res.status, 403, type);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'FORBIDDEN_ORIGIN');
    }
    const nullOrigin = await fetch(`${server.url}/api/articles`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Origin: 'null' } });
    assert.equal(nullOrigin.status, 403);
    const crossSite = await fetch(`${server.url}/api/trace`, { method: 'POST', body: text, headers: { 'Content-Type': 'text/plain', 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    const form = await fetch(`${server.url}/api/trace`, { method: 'POST', body: 'text=hello', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    const same = await fetch(`${server.url}/api/trace`, { method: 'POST', body: JSON.stringify({ text }), headers: { 'Content-Type': 'application/json', Origin: server.url, 'Sec-Fetch-Site': 'same-origin' } });
    assert.ok([200, 201].includes(same.status), String(same.status)); // 200: the history already holds this trace
    const curl = await fetch(`${server.url}/api/trace`, { method: 'POST', body: text, headers: { 'Content-Type': 'text/plain' } });
    assert.ok([200, 201].includes(curl.status), String(curl.status));
  });

  test('a Host the server does not answer to (DNS rebinding) is refused, reads included', async () => {
    const port = new URL(server.url).port;
    const evil = await rawRequest(`${server.url}/api/reports`, { headers: { Host: `rebind.attacker.example:${port}` } });
    assert.equal(evil.status, 421);
    const error = (JSON.parse(evil.body) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'FORBIDDEN_HOST');
    assert.match(error.message, /does not answer to the host "rebind\.attacker\.example"/);
    const local = await rawRequest(`${server.url}/api/health`, { headers: { Host: `localhost:${port}` } });
    assert.equal(local.status, 200);
  });

  test('binary inside a JSON string is refused after decoding; the Content-Type charset and UTF-16 are honoured', async () => {
    const binary = await fetch(`${server.url}/api/trace`, { method: 'POST', body: JSON.stringify({ text: `PNG\u0000\u0001\u0002${'\u0003'.repeat(50)}` }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(binary.status, 422);
    assert.match(((await binary.json()) as { error: { message: string } }).error.message, /request body field "text": looks like binary data/);
    const articles = await fetch(`${server.url}/api/articles`, { method: 'POST', body: JSON.stringify({ text: '\u0000\u0000\u0000 not text' }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(articles.status, 422);
    const latin1 = Buffer.from(`Caf\xe9 owners in Aldport\n\n${text}`, 'latin1');
    const a = await fetch(`${server.url}/api/trace`, { method: 'POST', body: latin1, headers: { 'Content-Type': 'text/plain; charset=ISO-8859-1' } });
    assert.ok([200, 201].includes(a.status), String(a.status));
    assert.equal(((await a.json()) as { report: { suspect: { title: string } } }).report.suspect.title, 'Café owners in Aldport');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const b = await fetch(`${server.url}/api/trace`, { method: 'POST', body: utf16, headers: { 'Content-Type': 'text/plain' } });
    assert.ok([200, 201].includes(b.status), String(b.status));
    const bad = await fetch(`${server.url}/api/trace`, { method: 'POST', body: Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' owners')]), headers: { 'Content-Type': 'text/plain' } });
    assert.equal(bad.status, 422);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /first at byte 3/);
  });

  test('an article id that is not valid percent-encoding is a 400, not a 500', async () => {
    for (const path of ['/api/articles/%E0%A4%A', '/api/sites/%E0%A4%A']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 400, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'USAGE');
    }
  });

  test('a report over the stored-report limit is refused with its size and nothing is stored', async () => {
    const small = await startTestServer({ uiDir: null, limits: { maxStoredReportBytes: 20_000 } });
    try {
      const res = await fetch(`${small.url}/api/trace`, { method: 'POST', body: text, headers: { 'Content-Type': 'text/plain' } });
      assert.equal(res.status, 413);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /its report would be [\d.]+ KB, limit 19\.5 KB for a stored report; nothing was stored/);
      assert.equal(((await (await fetch(`${small.url}/api/health`)).json()) as { reports: { count: number } }).reports.count, 0);
    } finally {
      await small.stop();
    }
  });
});

describe('hosts when bound beyond loopback, and clients that hang up', () => {
  test('bound to all addresses, only loopback names, the machine\'s addresses and --allowed-host names are answered', async () => {
    const { createApp } = await import('../src/adapters/http/app.ts');
    const { createMemoryReportStore } = await import('../src/adapters/http/report-store.ts');
    const { networkInterfaces } = await import('node:os');
    const app = createApp({
      store: {} as never,
      reports: createMemoryReportStore(),
      trace: async () => {
        throw new Error('unused');
      },
      ingest: async () => ({ added: 0, unchanged: 0, replaced: 0 }),
      uiDir: null,
      boundHost: '0.0.0.0',
      allowedHosts: ['newsroom.example'],
    });
    const status = async (host: string) => (await app.request('/api/reports', { headers: { Host: host } })).status;
    assert.equal(await status('newsroom.example:8390'), 200);
    assert.equal(await status('localhost:8390'), 200);
    const own = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4')!.address;
    assert.equal(await status(`${own}:8390`), 200);
    assert.equal(await status('elsewhere.example:8390'), 421);
    const pinned = createApp({ store: {} as never, reports: createMemoryReportStore(), trace: async () => { throw new Error('unused'); }, ingest: async () => ({ added: 0, unchanged: 0, replaced: 0 }), uiDir: null, boundHost: '192.0.2.7' });
    assert.equal((await pinned.request('/api/reports', { headers: { Host: '192.0.2.7:8390' } })).status, 200);
    assert.equal((await pinned.request('/api/reports', { headers: { Host: 'newsroom.example' } })).status, 421);
  });

  test('a client that hangs up mid-upload is logged as such, not as an internal error', async () => {
    const lines: string[] = [];
    const server = await startTestServer({ uiDir: null, corpus: false, log: (l) => lines.push(l) });
    try {
      await new Promise<void>((resolve) => {
        const u = new URL(`${server.url}/api/trace`);
        const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'Content-Type': 'text/plain', 'Content-Length': '100000' } });
        req.on('error', () => resolve());
        req.write('The council met on Monday and ');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200);
      });
      // The server notices the hang-up when it next reads; on a loaded machine that can take a while.
      for (let waited = 0; waited < 15_000 && !lines.some((l) => l.includes('client closed the connection')); waited += 100) await new Promise((r) => setTimeout(r, 100));
      assert.ok(!lines.some((l) => l.includes('INTERNAL')), lines.join('\n'));
      assert.ok(lines.some((l) => l.includes('client closed the connection')), lines.join('\n'));
    } finally {
      await server.stop();
    }
  });
});

/**
 * API tests against the real server (SQLite store, report table, pipeline) on a random
 * loopback port: every route, every error status, and the security headers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/core/types.ts';
import { DEMO_SUSPECTS, startTestServer, type TestServer } from './http-helpers.ts';

const LIMIT = 64 * 1024;
let server: TestServer;
let base: string;

interface ErrorBody {
  error: { code: string; message: string };
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(body)}`);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return body;
}

function post(path: string, body: BodyInit, type: string | null = 'application/json', init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
  return fetch(base + path, { method: 'POST', body, headers, ...init });
}

const slanted = readFileSync(join(DEMO_SUSPECTS, 'slanted-rewrite.txt'), 'utf8');

before(async () => {
  server = await startTestServer({ maxBodyBytes: LIMIT, uiDir: null });
  base = server.url;
});
after(async () => {
  await server?.stop();
});

describe('GET /api/health', () => {
  test('reports status, version and corpus size, with security headers', async () => {
    const res = await fetch(base + '/api/health');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; version: string; corpus: { size: number } };
    assert.equal(body.status, 'ok');
    assert.equal(body.version, 'test');
    assert.equal(body.corpus.size, 36);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });
});

describe('POST /api/trace and stored reports', () => {
  let traced: { id: string; permalink: string; report: Report };

  test('JSON {text} traces the slanted rewrite to its source and stores the report', async () => {
    const res = await post('/api/trace', JSON.stringify({ text: slanted, url: 'https://example.net/slanted' }));
    assert.equal(res.status, 201);
    traced = (await res.json()) as typeof traced;
    assert.match(traced.id, /^[a-z2-7]{16}$/);
    assert.equal(res.headers.get('location'), `/api/reports/${traced.id}`);
    assert.equal(traced.permalink, `/r/${traced.id}`);
    const r = traced.report;
    assert.equal(r.suspect.title, 'Monitors Reach Dreswick as Families Return to a Town Scarred by Shelling');
    assert.equal(r.suspect.url, 'https://example.net/slanted');
    assert.equal(r.corpus.searched, true);
    assert.equal(r.sources[0]?.id, 'demo-022');
    assert.ok(r.changes.length > 0);
  });

  test('GET /api/reports/:id returns the same report; ?download=1 the bare report as a file', async () => {
    const res = await fetch(`${base}/api/reports/${traced.id}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as typeof traced;
    assert.deepEqual(body.report, traced.report);
    const dl = await fetch(`${base}/api/reports/${traced.id}?download=1`);
    assert.equal(dl.status, 200);
    assert.match(dl.headers.get('content-disposition') ?? '', /attachment; filename="unspun-report-[a-z2-7]{16}\.json"/);
    assert.deepEqual(await dl.json(), traced.report);
  });

  test('raw text/plain and raw text/html bodies are accepted', async () => {
    const text = await post('/api/trace', slanted, 'text/plain; charset=utf-8');
    assert.equal(text.status, 201);
    const html = `<!doctype html><html><head><title>Dreswick copy</title></head><body><article><h1>Monitors reach Dreswick</h1>${slanted
      .split('\n\n')
      .slice(1)
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
    const res = await post('/api/trace', html, 'text/html');
    assert.equal(res.status, 201);
    const body = (await res.json()) as { report: Report };
    assert.ok(body.report.suspect.text.includes('International monitors reached the border town of Dreswick'));
    assert.ok(!body.report.suspect.text.includes('<p>'));
  });

  test('GET /api/reports pages newest first with a cursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await fetch(`${base}/api/reports?limit=1${q}`);
      assert.equal(res.status, 200);
      const page = (await res.json()) as { items: { id: string; createdAt: string; title: string | null }[]; nextCursor: string | null };
      assert.ok(page.items.length <= 1);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen).size, 3);
    assert.equal(seen[2], traced.id, 'the first report made is the last listed');
  });

  test('bad list parameters are 400', async () => {
    await expectError(await fetch(`${base}/api/reports?limit=0`), 400, 'USAGE');
    await expectError(await fetch(`${base}/api/reports?limit=abc`), 400, 'USAGE');
    await expectError(await fetch(`${base}/api/reports?cursor=not*a*cursor`), 400, 'USAGE');
  });

  test('an unknown or malformed report id is 404', async () => {
    await expectError(await fetch(`${base}/api/reports/aaaaaaaaaaaaaaaa`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${base}/api/reports/..%2F..%2Fetc`), 404, 'NOT_FOUND');
  });
});

describe('POST /api/trace errors', () => {
  test('malformed JSON is 400 INPUT_MALFORMED', async () => {
    const body = await expectError(await post('/api/trace', '{"text": "unterminated'), 400, 'INPUT_MALFORMED');
    assert.match(body.error.message, /JSON/);
  });
  test('JSON of the wrong shape is 400 and names the problem', async () => {
    const both = await expectError(await post('/api/trace', JSON.stringify({ text: 'a', html: '<p>b</p>' })), 400, 'INPUT_MALFORMED');
    assert.match(both.error.message, /exactly one of "html" or "text"/);
    const extra = await expectError(await post('/api/trace', JSON.stringify({ body: 'x' })), 400, 'INPUT_MALFORMED');
    assert.match(extra.error.message, /body/);
    await expectError(await post('/api/trace', JSON.stringify({ text: 42 })), 400, 'INPUT_MALFORMED');
  });
  test('an empty body is 422 INPUT_EMPTY', async () => {
    await expectError(await post('/api/trace', '', 'text/plain'), 422, 'INPUT_EMPTY');
    await expectError(await post('/api/trace', JSON.stringify({ text: '   ' })), 422, 'INPUT_EMPTY');
  });
  test('binary and non-UTF-8 bodies are 422', async () => {
    await expectError(await post('/api/trace', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1]), 'application/octet-stream'), 422, 'INPUT_BINARY');
    await expectError(await post('/api/trace', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]), 'text/plain'), 422, 'INPUT_ENCODING');
  });
  test('a page with no readable article is 422 NO_ARTICLE', async () => {
    const page = '<html><head><style>p { color: red }</style></head><body><script>var a = 1;</script></body></html>';
    const body = await expectError(await post('/api/trace', page, 'text/html'), 422, 'NO_ARTICLE');
    assert.match(body.error.message, /no readable article/);
  });
  test('a body over the limit is 413, with or without a Content-Length', async () => {
    const big = 'word '.repeat(LIMIT / 4);
    const body = await expectError(await post('/api/trace', big, 'text/plain'), 413, 'INPUT_TOO_LARGE');
    assert.match(body.error.message, /64 KB/);
    const chunk = new TextEncoder().encode('word '.repeat(4096));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    await expectError(await post('/api/trace', stream, 'text/plain', { duplex: 'half' } as RequestInit), 413, 'INPUT_TOO_LARGE');
  });
});

describe('corpus routes', () => {
  test('POST /api/articles adds one, many, or {articles}; the same again is unchanged', async () => {
    const one = { id: 'api-test/1', outlet: 'Test Wire', title: 'Glass bridge opens over the Pellam gorge', text: 'A glass footbridge over the Pellam gorge opened on Saturday after four years of building work, the county council said.' };
    const res = await post('/api/articles', JSON.stringify(one));
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { added: 1, unchanged: 0, replaced: 0, ids: ['api-test/1'] });
    const again = await post('/api/articles', JSON.stringify([one]));
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { unchanged: number }).unchanged, 1);
    const two = await post('/api/articles', JSON.stringify({ articles: [{ text: 'Ferry services to Orrin Island resumed on Monday after the storm.' }, { ...one, id: 'api-test/2' }] }));
    assert.equal(two.status, 201);
    const twoBody = (await two.json()) as { added: number; ids: string[] };
    assert.equal(twoBody.added, 2);
    assert.match(twoBody.ids[0], /^api-[0-9a-f]{16}$/);
  });
  test('GET /api/articles/:id returns an article (ids may contain slashes); unknown is 404', async () => {
    const res = await fetch(`${base}/api/articles/${encodeURIComponent('api-test/1')}`);
    assert.equal(res.status, 200);
    const a = (await res.json()) as { id: string; title: string; text: string };
    assert.equal(a.id, 'api-test/1');
    assert.equal(a.title, 'Glass bridge opens over the Pellam gorge');
    const demo = await fetch(`${base}/api/articles/demo-001`);
    assert.equal(demo.status, 200);
    await expectError(await fetch(`${base}/api/articles/no-such-article`), 404, 'NOT_FOUND');
  });
  test('bad article bodies are 400 or 415', async () => {
    const missing = await expectError(await post('/api/articles', JSON.stringify({ title: 'no text' })), 400, 'INPUT_MALFORMED');
    assert.match(missing.error.message, /^request body: .*text/);
    const nested = await expectError(await post('/api/articles', JSON.stringify([{ text: 'ok' }, { text: '' }])), 400, 'INPUT_MALFORMED');
    assert.match(nested.error.message, /1\.text/);
    await expectError(await post('/api/articles', '[{"text": '), 400, 'INPUT_MALFORMED');
    await expectError(await post('/api/articles', 'just text', 'text/plain'), 415, 'INPUT_UNSUPPORTED');
  });
  test('GET /api/search finds corpus articles by their words', async () => {
    const res = await fetch(`${base}/api/search?q=${encodeURIComponent('Pellam gorge footbridge')}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { results: { id: string; snippet: string; score: number }[] };
    assert.equal(body.results[0]?.id, 'api-test/1');
    assert.ok(body.results[0].snippet.startsWith('A glass footbridge'));
    const demo = (await (await fetch(`${base}/api/search?q=Dreswick+monitors&limit=3`)).json()) as { results: { id: string }[] };
    assert.ok(demo.results.length >= 1 && demo.results.length <= 3);
    assert.ok(demo.results.some((r) => r.id === 'demo-022'));
  });
  test('search without q, or with a bad limit, is 400', async () => {
    await expectError(await fetch(`${base}/api/search`), 400, 'USAGE');
    await expectError(await fetch(`${base}/api/search?q=x&limit=1000`), 400, 'USAGE');
  });
});

describe('other routes', () => {
  test('an unknown API route is a JSON 404', async () => {
    await expectError(await fetch(`${base}/api/nope`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${base}/api/health`, { method: 'DELETE' }), 404, 'NOT_FOUND');
  });
  test('page routes answer HTML under the same CSP, even without a built UI', async () => {
    for (const path of ['/', '/r/aaaaaaaaaaaaaaaa']) {
      const res = await fetch(base + path);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.doesNotMatch(await res.text(), /<script>/);
    }
    assert.equal((await fetch(base + '/assets/missing.js')).status, 404);
  });
});

describe('the built UI', () => {
  test('is served from memory: the shell for page routes, assets with long caching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unspun-ui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ui</title><script type="module" src="/assets/app-1a2b.js"></script>');
    writeFileSync(join(dir, 'assets/app-1a2b.js'), 'console.log(1);');
    const ui = await startTestServer({ corpus: false, uiDir: dir });
    try {
      for (const path of ['/', '/r/abcdefghijklmnop', '/anything']) {
        const res = await fetch(ui.url + path);
        assert.equal(res.status, 200);
        assert.match(await res.text(), /<title>ui<\/title>/);
        assert.equal(res.headers.get('cache-control'), 'no-cache');
      }
      const js = await fetch(ui.url + '/assets/app-1a2b.js');
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /text\/javascript/);
      assert.match(js.headers.get('cache-control') ?? '', /immutable/);
      assert.equal((await fetch(ui.url + '/assets/../index.html')).status, 200, 'normalised by the URL parser, still only known files');
      assert.equal((await fetch(ui.url + '/assets/%2e%2e%2fsecret')).status, 404);
      assert.equal((await fetch(ui.url + '/', { method: 'POST' })).status, 405);
    } finally {
      await ui.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('faults inside the server', () => {
  test('an unexpected error is a 500 with no stack trace or internal detail', async () => {
    const lines: string[] = [];
    const broken = await startTestServer({
      corpus: false,
      uiDir: null,
      log: (l) => lines.push(l),
      trace: async () => {
        throw new Error('secret detail at /srv/internal/path.ts:12');
      },
    });
    try {
      const res = await fetch(broken.url + '/api/trace', { method: 'POST', body: 'Some article text.', headers: { 'Content-Type': 'text/plain' } });
      const raw = await res.text();
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(raw), { error: { code: 'INTERNAL', message: 'internal error' } });
      assert.doesNotMatch(raw, /secret|\/srv|\.ts|at /);
      assert.ok(lines.some((l) => l.includes('secret detail')), 'the detail goes to the server log');
    } finally {
      await broken.stop();
    }
  });
  test('a request over the time limit is 503 TIMEOUT with Retry-After', async () => {
    let release: () => void = () => {};
    const slow = await startTestServer({
      corpus: false,
      uiDir: null,
      timeoutMs: 50,
      trace: () =>
        new Promise<Report>((_, reject) => {
          release = () => reject(new Error('released'));
        }),
    });
    try {
      const res = await fetch(slow.url + '/api/trace', { method: 'POST', body: 'Some article text.', headers: { 'Content-Type': 'text/plain' } });
      await expectError(res, 503, 'TIMEOUT');
      assert.equal(res.headers.get('retry-after'), '5');
      assert.equal((await (await fetch(slow.url + '/api/reports')).json() as { items: unknown[] }).items.length, 0, 'nothing is stored');
    } finally {
      release();
      await slow.stop();
    }
  });
});

describe('history, sites and exports routes', () => {
  test('the same article traced again answers 200 with the stored report; search, delete, sites, CSV and JSON-LD', async () => {
    const body = JSON.stringify({ text: slanted, url: 'https://www.copies.example/dreswick' });
    const first = await post('/api/trace', body);
    assert.equal(first.status, 201);
    const made = (await first.json()) as { id: string; duplicate: boolean };
    assert.equal(made.duplicate, false);
    const again = await post('/api/trace', body);
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { id: string; duplicate: boolean }).id, made.id);

    const found = (await (await fetch(`${base}/api/reports?q=${encodeURIComponent('dreswick copies.example')}`)).json()) as { items: { id: string; site: string }[] };
    assert.deepEqual(found.items.map((i) => [i.id, i.site]), [[made.id, 'copies.example']]);
    const sites = (await (await fetch(`${base}/api/sites`)).json()) as { sites: { site: string; copies: number; outlets: { outlet: string }[] }[] };
    const site = sites.sites.find((x) => x.site === 'copies.example')!;
    assert.equal(site.copies, 1);
    assert.equal(site.outlets[0].outlet, 'Meridian Wire');
    const one = await fetch(`${base}/api/sites/www.copies.example?format=csv`);
    assert.match(one.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(await one.text(), new RegExp(`/r/${made.id}`));
    await expectError(await fetch(`${base}/api/sites/nowhere.example`), 404, 'NOT_FOUND');
    await expectError(await fetch(`${base}/api/sites/${encodeURIComponent('<script>')}`), 400, 'USAGE');

    const csv = await fetch(`${base}/api/reports/${made.id}/changes.csv`);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="unspun-changes-[a-z2-7]{16}\.csv"/);
    const ld = await fetch(`${base}/api/reports/${made.id}/claim-review?author=Desk`);
    assert.match(ld.headers.get('content-type') ?? '', /^application\/ld\+json/);
    const reviews = (await ld.json()) as { '@type': string; author: { name: string } }[];
    assert.ok(reviews.length > 0 && reviews.every((r) => r['@type'] === 'ClaimReview' && r.author.name === 'Desk'));
    await expectError(await fetch(`${base}/api/reports/${made.id}/claim-review?url=javascript:alert(1)`), 400, 'USAGE');

    const gone = await fetch(`${base}/api/reports/${made.id}`, { method: 'DELETE' });
    assert.equal(gone.status, 204);
    await expectError(await fetch(`${base}/api/reports/${made.id}`, { method: 'DELETE' }), 404, 'NOT_FOUND');
    await expectError(await fetch(`${base}/api/reports/${made.id}/changes.csv`), 404, 'NOT_FOUND');
    const example = (await (await fetch(`${base}/api/example`)).json()) as { title: string; note: string | null };
    assert.match(example.title, /Dreswick/);
    assert.equal(example.note, null, 'the demo corpus holds its source');
  });
});

describe('docs/openapi.json', () => {
  test('documents every API route the app serves, and nothing else', async () => {
    const { createApp } = await import('../src/adapters/http/app.ts');
    const { createMemoryReportStore } = await import('../src/adapters/http/report-store.ts');
    const app = createApp({
      store: {} as never,
      reports: createMemoryReportStore(),
      trace: async () => {
        throw new Error('unused');
      },
      ingest: async () => ({ added: 0, unchanged: 0, replaced: 0 }),
      uiDir: null,
    });
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    const spec = JSON.parse(readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8')) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.match(spec.openapi, /^3\.1\./);
    const documented = new Set(Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    assert.deepEqual([...served].sort(), [...documented].sort());
  });
});

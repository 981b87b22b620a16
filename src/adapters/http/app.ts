/**
 * @module adapters/http/app
 * The HTTP API and web UI of `unspun serve`, as one hono app over the corpus store and a report
 * store. Routes (documented in docs/openapi.json):
 *
 *   POST /api/trace            trace a suspect (raw HTML, plain text, or JSON {html|text, url?}); stores the report
 *   GET  /api/reports          stored reports, newest first (?limit=&cursor=)
 *   GET  /api/reports/:id      one stored report (?download=1 for the bare report JSON as a file)
 *   GET  /api/reports/:id/changes.csv     the report's changes, one row per change (a download)
 *   GET  /api/reports/:id/claim-review    ClaimReview JSON-LD for its serious changes (?author=&url=)
 *   DELETE /api/reports/:id    delete a stored report
 *   GET  /api/sites            per suspect site: copies, outlets copied, serious changes (?format=csv)
 *   GET  /api/sites/:site      one site's record and traced articles (?format=csv)
 *   GET  /api/example          an example article to try (the demo's slanted rewrite)
 *   POST /api/articles         add one or many reference articles to the corpus
 *   GET  /api/articles/:id     one reference article
 *   GET  /api/search?q=        full-text search over the corpus
 *   GET  /api/health           liveness, versions and corpus size
 *   GET  /, /r/:id, ...        the web UI (static files built by vite)
 *
 * Every fault is JSON `{ error: { code, message } }` with the catalog's HTTP status; 5xx
 * bodies never carry internal detail (it goes to the server log instead).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createHash } from 'node:crypto';
import { ERROR_CATALOG, UnspunError, isUnspunError, type ErrorCode } from '../../core/errors.ts';
import { hasFullText, type Store, type TextHit } from '../../core/store.ts';
import type { RawInput, Report, ReferenceArticle } from '../../core/types.ts';
import type { PutResult } from '../../core/store.ts';
import { isContentWord, tokenize } from '../../core/text/tokens.ts';
import { bytesVersusLimit, resolveLimits, type Limits } from '../../core/limits.ts';
import { changesCsv } from '../../core/report/exports.ts';
import { claimReviews } from '../../core/report/claim-review.ts';
import { siteArticlesCsv, sitesCsv } from '../../core/sites/csv.ts';
import { summarizeSite, summarizeSites } from '../../core/sites/sites.ts';
import { articlesFromBody, traceInputFromBody } from './request-input.ts';
import { requestGuard } from './request-guard.ts';
import { readExample } from './example.ts';
import { REPORT_ID_RE, type ReportStore } from './report-store.ts';
import { UI_MISSING_PAGE, loadStaticUi, type StaticUi } from './static-ui.ts';

/** Traces one suspect against the corpus; `signal` aborts when the request times out. */
export type TraceFn = (input: RawInput, options: { signal: AbortSignal }) => Promise<Report>;
/** Adds reference articles to the corpus (hashing and fingerprinting them first). */
export type IngestFn = (articles: ReferenceArticle[], options: { signal: AbortSignal }) => Promise<PutResult>;

export interface AppDeps {
  store: Store;
  reports: ReportStore;
  trace: TraceFn;
  ingest: IngestFn;
  /** Request body limit in bytes (default 10 MB). */
  maxBodyBytes?: number;
  /** Per-request time limit in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Built UI folder; null serves the API only. Default: <repo>/ui-dist. */
  uiDir?: string | null;
  version?: string;
  /** One line per request and the detail of every 5xx. Default: silent. */
  log?: (line: string) => void;
  /** Input and work limits (core/limits.ts); the stored-report cap is applied here. */
  limits?: Partial<Limits>;
  /** The address the server is bound to and extra host names it answers to (request-guard.ts). */
  boundHost?: string;
  allowedHosts?: string[];
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
const SEARCH_DEFAULT = 10;
const SEARCH_MAX = 50;
const SNIPPET_CHARS = 240;

/**
 * Strict policy: scripts and styles only from this origin (the built bundle), nothing inline,
 * no plugins, no framing, no <base> tricks. Article text is rendered as text, so even a CSP
 * bypass would find no markup from articles to run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

type Env = { Variables: { signal: AbortSignal } };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

function jsonError(c: Context, status: number, code: string, message: string): Response {
  return c.json(errorBody(code, message), status as 400);
}

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'no-referrer');
  h.set('X-Frame-Options', 'DENY');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
};

function timeoutResponse(c: Context, ms: number): Response {
  const res = jsonError(c, 503, 'TIMEOUT', `the request took longer than the ${Math.round(ms / 1000)} s limit; try a shorter article or retry later`);
  res.headers.set('Retry-After', '5');
  return res;
}

/**
 * Races the handler against a timer; the handler sees the same deadline as an AbortSignal,
 * and work started with it (a trace in a worker thread) is stopped when it fires.
 */
function timeLimit(ms: number): MiddlewareHandler<Env> {
  return async (c, next) => {
    const controller = new AbortController();
    c.set('signal', controller.signal);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms);
    });
    try {
      const outcome = await Promise.race([next().then(() => 'done' as const), expired]);
      if (outcome === 'timeout') {
        controller.abort(new UnspunError('TIMEOUT', 'request', `took longer than ${ms} ms`));
        c.res = undefined as unknown as Response; // replace whatever the handler may still produce
        c.res = timeoutResponse(c, ms);
      }
    } finally {
      clearTimeout(timer);
    }
  };
}

function parseIntParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new HttpError(400, 'USAGE', `${name} must be a whole number from ${min} to ${max}`);
  const n = Number(value);
  if (n < min || n > max) throw new HttpError(400, 'USAGE', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** A percent-encoded path segment, or a 400 naming it when the encoding is broken (`%E0%A4%A`). */
function decodePathParam(value: string, what: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new HttpError(400, 'USAGE', `the ${what} is not valid percent-encoding (%XX with two hex digits, UTF-8)`);
  }
}

/** Stable id for an article posted without one. */
export function articleIdFor(text: string): string {
  return 'api-' + createHash('sha1').update(text).digest('hex').slice(0, 16);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : flat.slice(0, SNIPPET_CHARS).replace(/\s\S*$/, '') + '…';
}

/** The request's time limit and the client hanging up, as one signal for the work it starts. */
function workSignal(c: Context<Env>): AbortSignal {
  const client = c.req.raw.signal;
  return client ? AbortSignal.any([c.get('signal'), client]) : c.get('signal');
}

/** The client went away (closed the connection, aborted the upload): nobody reads an answer. */
function clientGone(c: Context<Env>, err: unknown): boolean {
  if (c.req.raw.signal?.aborted) return true;
  const e = err as NodeJS.ErrnoException | undefined;
  return e?.code === 'ECONNRESET' || e?.name === 'AbortError' || /^(aborted|terminated|The operation was aborted)/i.test(e?.message ?? '');
}

export function createApp(deps: AppDeps): Hono<Env> {
  const limits = resolveLimits(deps.limits);
  const maxBody = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = deps.log ?? (() => {});
  const ui: StaticUi = loadStaticUi(deps.uiDir === undefined ? undefined : deps.uiDir);
  const startedAt = Date.now();
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - t0).toFixed(0)}ms`);
  });
  app.use('*', securityHeaders);
  // A request refused before its body was read (too large, cross-site, a bad type) leaves the
  // rest of the body on the socket, so the connection cannot carry another request: say so,
  // or a keep-alive client sends its next request into a socket the server is closing.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status >= 400 && c.req.method !== 'GET' && c.req.method !== 'HEAD') c.res.headers.set('Connection', 'close');
  });
  app.use('*', requestGuard({ boundHost: deps.boundHost, allowedHosts: deps.allowedHosts }, (status, code, message) => new Response(JSON.stringify(errorBody(code, message)), { status, headers: { 'Content-Type': 'application/json' } })));
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', timeLimit(timeoutMs));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        jsonError(c, 413, 'INPUT_TOO_LARGE', `request body is larger than the ${formatBytes(maxBody)} limit`),
    }),
  );

  app.onError((err, c) => {
    if (err instanceof HttpError) return jsonError(c, err.status, err.code, err.message);
    if (isUnspunError(err) && err.code === 'TIMEOUT') return timeoutResponse(c, timeoutMs);
    if (!isUnspunError(err) && clientGone(c, err)) {
      log(`${c.req.method} ${c.req.path}: the client closed the connection before the answer`);
      return c.body(null, 499 as 400);
    }
    if (isUnspunError(err)) {
      const status = err.httpStatus;
      // 5xx messages may carry paths or SQL: keep them in the log, send the catalog line.
      if (status >= 500) {
        log(`error ${err.code}: ${err.stack ?? err.message}`);
        return jsonError(c, status, err.code, ERROR_CATALOG[err.code as ErrorCode].message);
      }
      return jsonError(c, status, err.code, err.message);
    }
    log(`error INTERNAL: ${(err as Error)?.stack ?? String(err)}`);
    return jsonError(c, 500, 'INTERNAL', 'internal error');
  });

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return jsonError(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return jsonError(c, 405, 'USAGE', 'method not allowed');
    const file = ui.files.get(c.req.path);
    if (file && c.req.path !== '/index.html') {
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': file.type,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    // A missing build asset is a plain 404, never the HTML shell served as a script.
    if (c.req.path.startsWith('/assets/')) return c.text('not found', 404);
    // Every other path is a page of the single-page UI (/, /r/<id>, ...); the UI routes it.
    if (ui.index) return c.body(ui.index.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': ui.index.type, 'Cache-Control': 'no-cache' });
    return c.html(UI_MISSING_PAGE, 200);
  });

  app.get('/api/health', async (c) => {
    const [corpusSize, reportCount] = await Promise.all([deps.store.count(), deps.reports.count()]);
    return c.json({
      status: 'ok',
      version: deps.version ?? '0.0.0',
      corpus: { size: corpusSize },
      reports: { count: reportCount },
      ui: ui.index !== null,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  app.post('/api/trace', async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const input = traceInputFromBody(bytes, c.req.header('content-type'));
    const signal = workSignal(c);
    const report = await deps.trace(input, { signal });
    // Out of time or abandoned: answered already (503), and nothing is stored.
    if (signal.aborted) return c.body(null, 503);
    const size = Buffer.byteLength(JSON.stringify(report));
    if (size > limits.maxStoredReportBytes) {
      throw new UnspunError('INPUT_OVER_LIMIT', input.name, `its report would be ${bytesVersusLimit(size, limits.maxStoredReportBytes)} for a stored report; nothing was stored`);
    }
    const stored = await deps.reports.save(report);
    c.header('Location', `/api/reports/${stored.id}`);
    // The same article traced the same way again: the stored report (200), not a new one.
    return c.json({ id: stored.id, createdAt: stored.createdAt, permalink: `/r/${stored.id}`, duplicate: stored.duplicate, report: stored.report }, stored.duplicate ? 200 : 201);
  });

  app.get('/api/reports', async (c) => {
    const limit = parseIntParam(c.req.query('limit'), 'limit', DEFAULT_PAGE, 1, MAX_PAGE);
    const cursor = c.req.query('cursor') || null;
    if (cursor !== null && !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new HttpError(400, 'USAGE', 'cursor is not one this server returned');
    const q = c.req.query('q')?.trim() || null;
    if (q && q.length > 500) throw new HttpError(400, 'USAGE', 'q is longer than 500 characters');
    const site = c.req.query('site')?.trim().toLowerCase() || null;
    return c.json(await deps.reports.list({ limit, cursor, q, site }));
  });

  const storedOr404 = async (c: Context, id: string) => {
    const stored = REPORT_ID_RE.test(id) ? await deps.reports.get(id) : null;
    if (!stored) throw new HttpError(404, 'NOT_FOUND', `no report with id "${id.slice(0, 64)}"`);
    return stored;
  };
  const origin = (c: Context) => new URL(c.req.url).origin;

  app.get('/api/reports/:id/changes.csv', async (c) => {
    const stored = await storedOr404(c, c.req.param('id'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="unspun-changes-${stored.id}.csv"`);
    return c.body(changesCsv(stored.report, { permalink: `${origin(c)}/r/${stored.id}` }));
  });

  app.get('/api/reports/:id/claim-review', async (c) => {
    const stored = await storedOr404(c, c.req.param('id'));
    const author = (c.req.query('author') ?? '').trim().slice(0, 200) || 'unspun';
    const reviewUrl = (c.req.query('url') ?? '').trim();
    if (reviewUrl && !/^https?:\/\/\S{1,2000}$/i.test(reviewUrl)) throw new HttpError(400, 'USAGE', 'url must be the http(s) address of your fact-check');
    const reviews = claimReviews(stored.report, {
      author,
      reviewUrl: reviewUrl || `${origin(c)}/r/${stored.id}`,
      datePublished: new Date().toISOString().slice(0, 10),
    });
    c.header('Content-Type', 'application/ld+json; charset=utf-8');
    return c.body(JSON.stringify(reviews, null, 2));
  });

  app.delete('/api/reports/:id', async (c) => {
    const id = c.req.param('id');
    if (!REPORT_ID_RE.test(id) || !(await deps.reports.delete(id))) return jsonError(c, 404, 'NOT_FOUND', `no report with id "${id.slice(0, 64)}"`);
    return c.body(null, 204);
  });

  app.get('/api/sites', async (c) => {
    const sites = summarizeSites(await deps.reports.tracedArticles(null));
    if (c.req.query('format') === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="unspun-sites.csv"');
      return c.body(sitesCsv(sites));
    }
    return c.json({ sites });
  });

  app.get('/api/sites/:site', async (c) => {
    const site = decodePathParam(c.req.param('site'), 'site').trim().toLowerCase().replace(/^www\./, '');
    if (!/^[\w.:\[\]-]{1,300}$/.test(site)) throw new HttpError(400, 'USAGE', 'site must be a host name, e.g. news.example.com');
    const articles = await deps.reports.tracedArticles(site);
    if (articles.length === 0) return jsonError(c, 404, 'NOT_FOUND', `no traced articles from "${site}"`);
    if (c.req.query('format') === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="unspun-${site.replace(/[^\w.-]/g, '_')}.csv"`);
      return c.body(siteArticlesCsv(articles, origin(c)));
    }
    return c.json({ site: summarizeSite(site, articles), articles });
  });

  app.get('/api/example', async (c) => {
    const example = readExample();
    const hasSource = (await deps.store.get(example.sourceId)) !== null;
    return c.json({
      title: example.title,
      text: example.text,
      note: hasSource
        ? null
        : 'This index does not hold the demo corpus, so no source will be found: the report shows the single-article checks. For the full example, run `npm run demo` and serve its index: `unspun serve --db unspun-demo.db`.',
    });
  });

  app.get('/api/reports/:id', async (c) => {
    const stored = await storedOr404(c, c.req.param('id'));
    if (c.req.query('download') !== undefined) {
      c.header('Content-Disposition', `attachment; filename="unspun-report-${stored.id}.json"`);
      return c.json(stored.report);
    }
    return c.json({ id: stored.id, createdAt: stored.createdAt, permalink: `/r/${stored.id}`, report: stored.report });
  });

  app.post('/api/articles', async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const articles = articlesFromBody(bytes, c.req.header('content-type'), articleIdFor);
    const result = await deps.ingest(articles, { signal: workSignal(c) });
    return c.json({ ...result, ids: articles.map((a) => a.id) }, result.added + result.replaced > 0 ? 201 : 200);
  });

  // Corpus ids may contain slashes (they come from file paths), so take the rest of the path.
  app.get('/api/articles/:id{.+}', async (c) => {
    const id = decodePathParam(c.req.param('id'), 'article id');
    const article = await deps.store.get(id);
    if (!article) return jsonError(c, 404, 'NOT_FOUND', `no article with id "${id.slice(0, 200)}"`);
    return c.json(article);
  });

  app.get('/api/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    if (!q) throw new HttpError(400, 'USAGE', 'q is required: the words to search for');
    if (q.length > 2000) throw new HttpError(400, 'USAGE', 'q is longer than 2000 characters');
    const limit = parseIntParam(c.req.query('limit'), 'limit', SEARCH_DEFAULT, 1, SEARCH_MAX);
    const all = tokenize(q).map((t) => t.norm);
    const content = all.filter(isContentWord);
    const words = [...new Set(content.length > 0 ? content : all)].slice(0, 32);
    if (words.length === 0) return c.json({ query: q, results: [] });
    const hits = await searchWords(deps.store, words, limit);
    const articles = await deps.store.getMany(hits.map((h) => h.id));
    const byId = new Map(articles.map((a) => [a.id, a]));
    const results = hits.flatMap((h) => {
      const a = byId.get(h.id);
      if (!a) return [];
      return [{ id: a.id, outlet: a.outlet, title: a.title, url: a.url, published: a.published, score: h.score, snippet: snippet(a.text) }];
    });
    return c.json({ query: q, results });
  });

  return app;
}

/**
 * BM25 where the store has full-text search; otherwise the candidate index's rare-term
 * postings, each word weighted by its IDF (words too common to be posted match nothing).
 */
async function searchWords(store: Store, words: string[], limit: number): Promise<TextHit[]> {
  if (hasFullText(store)) return store.searchText(words, limit);
  const [n, df] = await Promise.all([store.count(), store.documentFrequency(words)]);
  return store.searchTerms(
    words.map((word) => ({ word, weight: Math.log((n + 1) / ((df.get(word) ?? 0) + 0.5)) })),
    { limit },
  );
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

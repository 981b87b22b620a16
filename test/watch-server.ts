/**
 * @module test/watch-server
 * A fixture web site on 127.0.0.1 for the `unspun watch` tests: routes whose answer can change
 * between polls (new feed items, edited pages), ETag / Last-Modified with real 304s, and the
 * failure cases (slow answers, 4xx/5xx, redirect loops, wrong types, oversized bodies). Every
 * request is recorded with its headers and time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WATCH_FIXTURES = new URL('./fixtures/watch/', import.meta.url).pathname;

export interface Route {
  status?: number;
  type?: string;
  body?: string | Buffer;
  etag?: string;
  lastModified?: string;
  /** Wait this long before answering (a timeout case). */
  delayMs?: number;
  /** Send the body without Content-Length (chunked). */
  chunked?: boolean;
  location?: string;
  /** Lie about the length: Content-Length header value. */
  declaredLength?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
  body: string;
}

export class FixtureSite {
  readonly routes = new Map<string, Route | (() => Route)>();
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  set(path: string, route: Route | (() => Route)): void {
    this.routes.set(path, route);
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
    const found = this.routes.get(path);
    const route = typeof found === 'function' ? found() : found;
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    if (res.destroyed) return;
    const headers: Record<string, string | number> = {};
    if (route.etag) headers.ETag = route.etag;
    if (route.lastModified) headers['Last-Modified'] = route.lastModified;
    if (route.location) headers.Location = route.location;
    const fresh =
      (route.etag && req.headers['if-none-match'] === route.etag) ||
      (!route.etag && route.lastModified && req.headers['if-modified-since'] === route.lastModified);
    if (fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    const body = route.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body, 'utf8');
    headers['Content-Type'] = route.type ?? 'text/html; charset=utf-8';
    if (route.declaredLength !== undefined) headers['Content-Length'] = route.declaredLength;
    else if (!route.chunked) headers['Content-Length'] = body.length;
    res.writeHead(route.status ?? 200, headers);
    if (route.chunked) {
      for (let i = 0; i < body.length && !res.destroyed; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
      res.end();
    } else res.end(body);
  }
}

/** The headline and paragraphs of a fixture article (first line, then blank-line paragraphs). */
export function fixtureArticle(name: string): { title: string; paragraphs: string[] } {
  const [title, ...rest] = readFileSync(join(WATCH_FIXTURES, name), 'utf8').trim().split(/\n\s*\n/);
  return { title: title.trim(), paragraphs: rest.map((p) => p.trim()) };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A small news page around a fixture article, with the furniture a real page has. */
export function articlePage(name: string, opts: { published?: string; site?: string } = {}): string {
  const a = fixtureArticle(name);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${esc(opts.site ?? 'News')}</title>
${opts.published ? `<meta property="article:published_time" content="${opts.published}">` : ''}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${esc(a.title)}</h1>${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article>
<footer>Copyright ${esc(opts.site ?? 'News')}</footer></body></html>`;
}

export function rssFeed(title: string, items: { url: string; title: string; date: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>http://127.0.0.1/</link><description>${esc(title)}</description>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.url)}</link><guid>${esc(i.url)}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

export function atomFeed(title: string, items: { url: string; title: string; date: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:fixture</id><updated>2026-03-15T00:00:00Z</updated>
${items.map((i) => `<entry><title>${esc(i.title)}</title><link href="${esc(i.url)}"/><id>${esc(i.url)}</id><updated>${i.date}</updated></entry>`).join('\n')}
</feed>`;
}

export function sitemap(items: { url: string; lastmod?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${items.map((i) => `<url><loc>${esc(i.url)}</loc>${i.lastmod ? `<lastmod>${i.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>`;
}

export function sitemapIndex(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<sitemap><loc>${esc(u)}</loc></sitemap>`).join('\n')}
</sitemapindex>`;
}

/**
 * The outlet both watch scenarios poll: a robots.txt, an RSS feed of two source stories (a
 * ferry, a footbridge) and their pages.
 */
export function serveOutlet(outlet: FixtureSite): void {
  outlet.set('/robots.txt', { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' });
  outlet.set('/feed.xml', {
    type: 'application/rss+xml',
    etag: '"outlet-1"',
    body: rssFeed('Northfield Press Agency', [
      { url: `${outlet.url}/2026/03/12/ferry`, title: 'Orrin Island ferry resumes sailings', date: '2026-03-12T09:00:00Z' },
      { url: `${outlet.url}/2026/03/14/bridge`, title: 'Callerby opens new footbridge', date: '2026-03-14T09:00:00Z' },
    ]),
  });
  outlet.set('/2026/03/12/ferry', { body: articlePage('source-ferry.txt', { published: '2026-03-12T09:00:00Z', site: 'NPA' }) });
  outlet.set('/2026/03/14/bridge', { body: articlePage('source-bridge.txt', { published: '2026-03-14T09:00:00Z', site: 'NPA' }) });
}

/** The copier's Atom feed, its items dated `day` (YYYY-MM-DD): re-dating it makes a poll fetch the pages again. */
export function copierFeed(copier: FixtureSite, day: string, lastModified: string): Route {
  return {
    type: 'application/atom+xml; charset=utf-8',
    lastModified,
    body: atomFeed('Daily Buzz', [
      { url: `${copier.url}/news/ferry-chaos?utm_source=feed`, title: 'Island ferry back', date: `${day}T08:00:00Z` },
      { url: `${copier.url}/news/new-bridge`, title: 'New footbridge', date: `${day}T08:30:00Z` },
      { url: `${copier.url}/news/chess`, title: 'Chess club', date: `${day}T09:00:00Z` },
    ]),
  };
}

/**
 * The copier both watch scenarios poll: its feed (dated 15 March) and three pages: an altered
 * copy of the ferry story, a faithful copy of the footbridge story, an unrelated story.
 */
export function serveCopier(copier: FixtureSite): void {
  copier.set('/atom.xml', copierFeed(copier, '2026-03-15', 'Sun, 15 Mar 2026 10:00:00 GMT'));
  copier.set('/news/ferry-chaos', { body: articlePage('copy-ferry-altered.txt', { published: '2026-03-13T08:00:00Z', site: 'Daily Buzz' }) });
  copier.set('/news/new-bridge', { body: articlePage('copy-bridge-faithful.txt', { published: '2026-03-15T08:00:00Z', site: 'Daily Buzz' }) });
  copier.set('/news/chess', { body: articlePage('unrelated.txt', { site: 'Daily Buzz' }) });
}

/**
 * @module adapters/watch/fetcher
 * A polite HTTP client for `unspun watch`: one request at a time per host with a least delay
 * between them (raised by robots.txt Crawl-delay), robots.txt honoured (fetched once per host
 * and run), conditional GET (If-None-Match / If-Modified-Since), and every answer bounded:
 * a time limit on the whole exchange, a byte limit counted while reading, redirects followed
 * by hand up to a limit with loops detected, and the content type checked. Each failure is a
 * FetchFailure with a stable code from core/watch/policy.ts, naming the URL.
 */
import robotsParser from 'robots-parser';
import { FAILURE_CODES, type FailureCode } from '../../core/watch/policy.ts';
import { MAX_CRAWL_DELAY_MS } from '../../core/watch/settings.ts';

export class FetchFailure extends Error {
  constructor(
    readonly code: FailureCode,
    readonly url: string,
    readonly status: number | null,
    detail?: string,
  ) {
    super(`${url}: ${FAILURE_CODES[code].what}${detail ? ` (${detail})` : ''}`);
    this.name = 'FetchFailure';
  }
  get transient(): boolean {
    return FAILURE_CODES[this.code].transient;
  }
}

/** What a caller will accept: feeds (XML/JSON) or pages (HTML/text). */
export type Accept = 'feed' | 'page';

const ACCEPT_HEADER: Record<Accept, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1',
  page: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.1',
};

/** Media types each caller can read. A missing Content-Type is let through and sniffed later. */
export function acceptsType(accept: Accept, contentType: string | null): boolean {
  if (!contentType) return true;
  const t = contentType.split(';')[0].trim().toLowerCase();
  if (accept === 'feed') return /^(application|text)\/([\w.+-]+\+)?(xml|json)$/.test(t) || t === 'application/feed+json';
  return t === 'text/html' || t === 'application/xhtml+xml' || t === 'text/plain';
}

export interface FetchOptions {
  userAgent: string;
  /** Token matched against robots.txt user-agent lines. */
  robotsAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  hostDelayMs: number;
  /** Skip robots.txt (tests of the other limits); default false. */
  ignoreRobots?: boolean;
}

export interface Fetched {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: Uint8Array;
  ms: number;
}

export type FetchResult = { notModified: true; url: string; status: 304; ms: number } | ({ notModified: false } & Fetched);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads a body to the end, failing as soon as it passes `maxBytes`. */
async function readBounded(res: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new FetchFailure('too-large', url, res.status, `Content-Length ${declared} bytes, limit ${maxBytes}`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchFailure('too-large', url, res.status, `more than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface RobotsRules {
  allowed(url: string): boolean;
  crawlDelayMs: number;
}

export class PoliteFetcher {
  private readonly nextSlot = new Map<string, number>();
  private readonly robots = new Map<string, Promise<RobotsRules>>();
  private readonly hostDelay = new Map<string, number>();

  constructor(private readonly options: FetchOptions) {}

  /** Waits for this host's turn, keeping `hostDelayMs` (or the robots Crawl-delay) between requests. */
  private async turn(origin: string): Promise<void> {
    const delay = this.hostDelay.get(origin) ?? this.options.hostDelayMs;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(origin) ?? 0);
    this.nextSlot.set(origin, slot + delay);
    if (slot > now) await sleep(slot - now);
  }

  private rulesFor(origin: string): Promise<RobotsRules> {
    let rules = this.robots.get(origin);
    if (!rules) {
      rules = this.loadRobots(origin);
      this.robots.set(origin, rules);
    }
    return rules;
  }

  /**
   * robots.txt as RFC 9309 reads it: a 4xx (none) allows everything; a 5xx, timeout or network
   * failure disallows everything for this run, since the site may be down or overloaded.
   */
  private async loadRobots(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    const agent = this.options.robotsAgent;
    try {
      const res = await this.request(robotsUrl, 'robots', {});
      if (res.notModified || res.status >= 400) return { allowed: () => true, crawlDelayMs: 0 };
      const text = new TextDecoder('utf-8').decode(res.body.subarray(0, 512 * 1024));
      const parsed = robotsParser(robotsUrl, text);
      const delay = Math.min(MAX_CRAWL_DELAY_MS, (parsed.getCrawlDelay(agent) ?? 0) * 1000);
      if (delay > this.options.hostDelayMs) this.hostDelay.set(origin, delay);
      return { allowed: (url) => parsed.isAllowed(url, agent) !== false, crawlDelayMs: delay };
    } catch (err) {
      if (err instanceof FetchFailure && err.code === 'http-4xx') return { allowed: () => true, crawlDelayMs: 0 };
      return { allowed: () => false, crawlDelayMs: 0 };
    }
  }

  /** GET with redirects, limits and (unless `robots`) the robots.txt check on every hop. */
  async get(url: string, accept: Accept, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<FetchResult> {
    return this.request(url, accept, validators);
  }

  private async request(
    url: string,
    accept: Accept | 'robots',
    validators: { etag?: string | null; lastModified?: string | null },
  ): Promise<FetchResult> {
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const visited = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      let target: URL;
      try {
        target = new URL(current);
      } catch {
        throw new FetchFailure('bad-redirect', url, null, `not a URL: ${current.slice(0, 200)}`);
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FetchFailure('bad-redirect', url, null, current.slice(0, 200));
      if (accept !== 'robots' && !this.options.ignoreRobots) {
        const rules = await this.rulesFor(target.origin);
        if (!rules.allowed(target.href)) throw new FetchFailure('robots-disallow', target.href, null);
      }
      await this.turn(target.origin);
      const headers: Record<string, string> = {
        'User-Agent': this.options.userAgent,
        Accept: accept === 'robots' ? 'text/plain, */*;q=0.1' : ACCEPT_HEADER[accept],
        'Accept-Encoding': 'gzip, deflate, br',
      };
      // Validators belong to the URL they came from: only on the first hop.
      if (hop === 0 && validators.etag) headers['If-None-Match'] = validators.etag;
      if (hop === 0 && validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
      let res: Response;
      try {
        res = await fetch(target.href, { redirect: 'manual', headers, signal: deadline });
      } catch (err) {
        throw this.transportFailure(err, target.href, deadline);
      }
      const status = res.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        if (!location) throw new FetchFailure('http-4xx', target.href, status, 'a redirect without a Location');
        visited.add(target.href);
        const next = new URL(location, target.href).href;
        if (visited.has(next)) throw new FetchFailure('redirect-loop', url, status, `back to ${next}`);
        if (hop + 1 > this.options.maxRedirects) throw new FetchFailure('too-many-redirects', url, status, `more than ${this.options.maxRedirects}`);
        current = next;
        continue;
      }
      const ms = () => Math.round(performance.now() - started);
      if (status === 304) {
        await res.body?.cancel().catch(() => {});
        return { notModified: true, url: target.href, status: 304, ms: ms() };
      }
      if (status >= 400) {
        await res.body?.cancel().catch(() => {});
        const code: FailureCode = status === 429 ? 'http-429' : status >= 500 ? 'http-5xx' : status === 408 ? 'timeout' : 'http-4xx';
        throw new FetchFailure(code, target.href, status, `HTTP ${status}`);
      }
      const contentType = res.headers.get('content-type');
      if (accept !== 'robots' && !acceptsType(accept, contentType)) {
        await res.body?.cancel().catch(() => {});
        throw new FetchFailure('content-type', target.href, status, `${contentType}, expected ${accept === 'feed' ? 'a feed or sitemap (XML or JSON)' : 'HTML or plain text'}`);
      }
      let body: Uint8Array;
      try {
        body = await readBounded(res, target.href, this.options.maxBytes);
      } catch (err) {
        if (err instanceof FetchFailure) throw err;
        throw this.transportFailure(err, target.href, deadline);
      }
      return {
        notModified: false,
        status,
        url: target.href,
        contentType,
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        body,
        ms: ms(),
      };
    }
  }

  private transportFailure(err: unknown, url: string, deadline: AbortSignal): FetchFailure {
    if (deadline.aborted) return new FetchFailure('timeout', url, null, `over ${this.options.timeoutMs} ms`);
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return new FetchFailure('network', url, null, e.cause?.code ?? e.cause?.message ?? e.message);
  }
}

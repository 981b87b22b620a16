/**
 * @module adapters/watch/announce
 * Where announcements of new copies go: appended as one JSON line each to a log file (or
 * stdout), and POSTed as JSON to an optional webhook, retried with backoff. A webhook that
 * stays down is logged (with its URL) and never stops the watch.
 */
import { appendFileSync } from 'node:fs';
import { UnspunError } from '../../core/errors.ts';
import type { Announcement } from '../../core/watch/policy.ts';
import { WEBHOOK_ATTEMPTS } from '../../core/watch/settings.ts';

export interface AnnounceOptions {
  /** JSON Lines file to append to; '-' for stdout; null for none. */
  logPath: string | null;
  webhook: string | null;
  timeoutMs: number;
  retryBaseMs: number;
  userAgent: string;
  /** Delivery problems (the watch's log). */
  onProblem: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function makeAnnouncer(opts: AnnounceOptions): (a: Announcement) => Promise<void> {
  return async (a) => {
    const line = JSON.stringify(a) + '\n';
    if (opts.logPath === '-') process.stdout.write(line);
    else if (opts.logPath) {
      try {
        appendFileSync(opts.logPath, line);
      } catch (err) {
        throw new UnspunError('INPUT_UNREADABLE', opts.logPath, `cannot append the announcement: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
    }
    if (opts.webhook) await postWebhook(opts.webhook, line, opts);
  };
}

async function postWebhook(url: string, body: string, opts: AnnounceOptions): Promise<void> {
  for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
    let problem: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': opts.userAgent },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      await res.body?.cancel().catch(() => {});
      if (res.ok) return;
      problem = `HTTP ${res.status}`;
      // A 4xx other than 408/429 will not get better by retrying.
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        opts.onProblem(`failed ${url}: the webhook refused the announcement (${problem})`);
        return;
      }
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      problem = e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : (e.cause?.code ?? e.message);
    }
    if (attempt === WEBHOOK_ATTEMPTS) {
      opts.onProblem(`failed ${url}: the webhook did not accept the announcement after ${attempt} attempts (${problem})`);
      return;
    }
    await sleep(opts.retryBaseMs * 2 ** (attempt - 1));
  }
}

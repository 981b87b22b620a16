/**
 * @module adapters/watch/config
 * The settings of `unspun watch`, from a JSON config file and/or flags (flags win), checked
 * with zod so a typo names the field. Durations are written like "15m", "1s", "1500ms", "2h";
 * sizes like "5mb".
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UnspunError } from '../../core/errors.ts';
import {
  DEFAULT_ANNOUNCE_SEVERITY,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_BASE_MS,
  DEFAULT_BACKOFF_MAX_MS,
  DEFAULT_FETCH_MAX_BYTES,
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_HOST_CONCURRENCY,
  DEFAULT_HOST_DELAY_MS,
  DEFAULT_INTERVAL_MS,
  DEFAULT_MAX_ITEMS_PER_FEED,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_QUEUE_WAIT_MS,
  DEFAULT_RETRY_BASE_MS,
} from '../../core/watch/settings.ts';
import { normalizeItemUrl } from '../../core/watch/policy.ts';
import type { Severity } from '../../core/types.ts';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** "15m", "1500ms", "2h", "30" (seconds) -> milliseconds. */
export function parseDurationMs(value: string | number, field: string): number {
  if (typeof value === 'number' && value >= 0) return value * 1000;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(String(value));
  if (!m) throw new UnspunError('USAGE', field, `"${value}" is not a duration like 15m, 30s or 1500ms`);
  return Math.round(Number(m[1]) * DURATION_UNITS[(m[2] ?? 's').toLowerCase()]);
}

/** "5mb", "512kb", 1048576 -> bytes. */
export function parseSizeBytes(value: string | number, field: string): number {
  if (typeof value === 'number' && value > 0) return Math.round(value);
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(value));
  const unit = m ? SIZE_UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) throw new UnspunError('USAGE', field, `"${value}" is not a size like 5mb or 512kb`);
  return Math.round(Number(m[1]) * unit);
}

const Duration = z.union([z.string(), z.number().nonnegative()]);
const Size = z.union([z.string(), z.number().positive()]);

/** The config file: every field optional; unknown fields are an error (a typo would be ignored otherwise). */
export const WatchConfigFile = z
  .object({
    db: z.string().min(1),
    reference: z.array(z.string().min(1)),
    suspect: z.array(z.string().min(1)),
    interval: Duration,
    once: z.boolean(),
    announce: z.string().min(1).nullable(),
    webhook: z.string().url().nullable(),
    severity: z.enum(['low', 'medium', 'high']),
    permalinkBase: z.string().url().nullable(),
    hostDelay: Duration,
    timeout: Duration,
    maxBytes: Size,
    maxRedirects: z.number().int().min(0).max(20),
    maxItems: z.number().int().min(1).max(50_000),
    concurrency: z.number().int().min(1).max(64),
    attempts: z.number().int().min(1).max(10),
    retryDelay: Duration,
    backoff: Duration,
    userAgent: z.string().min(1).max(300),
    queue: z.boolean(),
    queueWait: Duration,
  })
  .partial()
  .strict();
export type WatchConfigFile = z.infer<typeof WatchConfigFile>;

export interface WatchConfig {
  db: string;
  reference: string[];
  suspect: string[];
  intervalMs: number;
  once: boolean;
  announce: string | null;
  webhook: string | null;
  severity: Severity;
  permalinkBase: string | null;
  hostDelayMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  maxItems: number;
  concurrency: number;
  attempts: number;
  retryBaseMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  userAgent: string | null;
  /** Hand indexing and tracing to `unspun worker`s through the job queue in the --db PostgreSQL. */
  queue: boolean;
  /** With the queue: how long a poll waits for its jobs. */
  queueWaitMs: number;
}

export function readConfigFile(path: string): WatchConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UnspunError(code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE', path, code === 'ENOENT' ? undefined : String(code ?? err));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UnspunError('INPUT_MALFORMED', path, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = WatchConfigFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'config';
    throw new UnspunError('INPUT_MALFORMED', path, `${where}: ${issue?.message ?? 'does not match the expected shape'}`);
  }
  return parsed.data;
}

function checkFeedUrls(urls: string[], field: string): string[] {
  return urls.map((u) => {
    const n = normalizeItemUrl(u);
    if (!n) throw new UnspunError('USAGE', field, `"${u}" is not an http(s) URL`);
    return u.trim();
  });
}

/** File settings overlaid by flags (flags given on the command line win), with defaults. */
export function resolveConfig(file: WatchConfigFile, flags: WatchConfigFile, defaultDb: string): WatchConfig {
  const pick = <K extends keyof WatchConfigFile>(k: K): WatchConfigFile[K] => (flags[k] !== undefined ? flags[k] : file[k]);
  const reference = checkFeedUrls([...(file.reference ?? []), ...(flags.reference ?? [])], '--reference');
  const suspect = checkFeedUrls([...(file.suspect ?? []), ...(flags.suspect ?? [])], '--suspect');
  if (reference.length + suspect.length === 0) {
    throw new UnspunError('USAGE', 'watch', 'nothing to watch: give --reference and/or --suspect feed URLs, or a --config file listing them');
  }
  const interval = pick('interval');
  const retry = pick('retryDelay');
  const backoff = pick('backoff');
  const intervalMs = interval === undefined ? DEFAULT_INTERVAL_MS : parseDurationMs(interval, '--interval');
  if (intervalMs < 1000) throw new UnspunError('USAGE', '--interval', 'must be at least 1s');
  return {
    db: pick('db') ?? defaultDb,
    reference,
    suspect,
    intervalMs,
    once: pick('once') ?? false,
    announce: pick('announce') ?? null,
    webhook: pick('webhook') ?? null,
    severity: pick('severity') ?? DEFAULT_ANNOUNCE_SEVERITY,
    permalinkBase: pick('permalinkBase') ?? null,
    hostDelayMs: pick('hostDelay') === undefined ? DEFAULT_HOST_DELAY_MS : parseDurationMs(pick('hostDelay')!, '--host-delay'),
    timeoutMs: pick('timeout') === undefined ? DEFAULT_FETCH_TIMEOUT_MS : parseDurationMs(pick('timeout')!, '--timeout'),
    maxBytes: pick('maxBytes') === undefined ? DEFAULT_FETCH_MAX_BYTES : parseSizeBytes(pick('maxBytes')!, '--max-bytes'),
    maxRedirects: pick('maxRedirects') ?? DEFAULT_MAX_REDIRECTS,
    maxItems: pick('maxItems') ?? DEFAULT_MAX_ITEMS_PER_FEED,
    concurrency: pick('concurrency') ?? DEFAULT_HOST_CONCURRENCY,
    attempts: pick('attempts') ?? DEFAULT_ATTEMPTS,
    retryBaseMs: retry === undefined ? DEFAULT_RETRY_BASE_MS : parseDurationMs(retry, 'retryDelay'),
    backoffBaseMs: backoff === undefined ? DEFAULT_BACKOFF_BASE_MS : parseDurationMs(backoff, 'backoff'),
    backoffMaxMs: DEFAULT_BACKOFF_MAX_MS,
    userAgent: pick('userAgent') ?? null,
    queue: pick('queue') ?? false,
    queueWaitMs: pick('queueWait') === undefined ? DEFAULT_QUEUE_WAIT_MS : parseDurationMs(pick('queueWait')!, '--queue-wait'),
  };
}

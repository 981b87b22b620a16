/**
 * @module adapters/ui/api
 * The UI's client for the JSON API. Every failure becomes an ApiError with the server's
 * plain-language message, which the UI shows as is.
 */
import type { Report } from '../../core/types.ts';
import type { ReportPage } from '../http/report-store.ts';
import type { SiteSummary, TracedArticle } from '../../core/sites/sites.ts';

export interface StoredReportResponse {
  id: string;
  createdAt: string;
  permalink: string;
  report: Report;
}

export interface HealthResponse {
  status: string;
  version: string;
  corpus: { size: number };
  reports: { count: number };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', 'The unspun server cannot be reached. Is `unspun serve` still running?');
  }
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? `The server answered ${res.status}.`);
  }
  return body as T;
}

export type TraceBody = { kind: 'html' | 'text'; content: string; url?: string };

export function traceArticle(body: TraceBody): Promise<StoredReportResponse> {
  const json = body.kind === 'html' ? { html: body.content, url: body.url || undefined } : { text: body.content, url: body.url || undefined };
  return call('/api/trace', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
}

export function getReport(id: string): Promise<StoredReportResponse> {
  return call(`/api/reports/${encodeURIComponent(id)}`);
}

export function listReports(limit: number, cursor: string | null, search = ''): Promise<ReportPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  if (search.trim()) q.set('q', search.trim());
  return call(`/api/reports?${q.toString()}`);
}

export async function deleteReport(id: string): Promise<void> {
  await call(`/api/reports/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function listSites(): Promise<{ sites: SiteSummary[] }> {
  return call('/api/sites');
}

export function getSite(site: string): Promise<{ site: SiteSummary; articles: TracedArticle[] }> {
  return call(`/api/sites/${encodeURIComponent(site)}`);
}

export function getExample(): Promise<{ title: string; text: string; note: string | null }> {
  return call('/api/example');
}

/** The ClaimReview JSON-LD of a report's serious changes, as the server builds it. */
export async function getClaimReview(id: string, author: string, url: string): Promise<unknown[]> {
  const q = new URLSearchParams();
  if (author.trim()) q.set('author', author.trim());
  if (url.trim()) q.set('url', url.trim());
  return call(`/api/reports/${encodeURIComponent(id)}/claim-review?${q.toString()}`);
}

export function getHealth(): Promise<HealthResponse> {
  return call('/api/health');
}

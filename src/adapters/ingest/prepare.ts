/**
 * @module adapters/ingest/prepare
 * What the indexer's worker threads do to a batch (and what it does itself for an input of one
 * batch or less): parse JSONL lines into articles, hash each text, skip what the store already
 * holds, and make the store's record of the rest (core/index prepareIndexRecord: fingerprint,
 * terms, phrase counts, site lines). Results come back in input order, errors as plain data
 * naming the input, so they cross a thread boundary (an Error's class does not).
 */
import { UnspunError, isUnspunError, type ErrorCode } from '../../core/errors.ts';
import { contentHash, indexRecordWithHash } from '../../core/index/index.ts';
import type { IndexRecord } from '../../core/store.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { jsonlRecord } from './jsonl.ts';

/** A JSONL line still to parse, or an article already read (HTML, WARC, feeds, JSON). */
export type PrepareInput =
  | { line: string; lineNo: number; display: string; rel: string }
  | { article: ReferenceArticle; where: string };

export interface PreparedError {
  ok: false;
  where: string;
  error: { code: ErrorCode; subject: string | null; message: string };
}

export interface PreparedArticle {
  ok: true;
  where: string;
  id: string;
  hash: string;
  /** null when the store already held this text when the batch was prepared. */
  record: IndexRecord | null;
}

export type Prepared = PreparedError | PreparedArticle;

/** The UnspunError a PreparedError stands for, with its original message. */
export function preparedError(p: PreparedError): UnspunError {
  const error = new UnspunError(p.error.code, p.error.subject);
  error.message = p.error.message;
  return error;
}

function plainError(err: unknown, where: string): PreparedError['error'] {
  if (isUnspunError(err)) return { code: err.code, subject: err.subject, message: err.message };
  const e = new UnspunError('INTERNAL', where, (err as Error)?.message ?? String(err));
  return { code: e.code, subject: e.subject, message: e.message };
}

/** Prepares a batch; `known` (optional) says which content hashes the store already holds. */
export async function prepareBatch(inputs: PrepareInput[], known?: (hashes: string[]) => Promise<Set<string>>): Promise<Prepared[]> {
  const parsed: ({ article: ReferenceArticle; where: string; hash: string } | PreparedError)[] = inputs.map((input) => {
    const where = 'line' in input ? `${input.display}:${input.lineNo}` : input.where;
    try {
      const article = 'line' in input ? jsonlRecord(input.line, { display: input.display, rel: input.rel }, input.lineNo) : input.article;
      if (article instanceof UnspunError) return { ok: false, where, error: plainError(article, where) };
      return { article, where, hash: contentHash(article.text) };
    } catch (err) {
      return { ok: false, where, error: plainError(err, where) };
    }
  });
  const hashes = [...new Set(parsed.flatMap((p) => ('hash' in p ? [p.hash] : [])))];
  const stored = known && hashes.length ? await known(hashes) : new Set<string>();
  return parsed.map((p): Prepared => {
    if (!('hash' in p)) return p;
    if (stored.has(p.hash)) return { ok: true, where: p.where, id: p.article.id, hash: p.hash, record: null };
    try {
      return { ok: true, where: p.where, id: p.article.id, hash: p.hash, record: indexRecordWithHash(p.article, p.hash) };
    } catch (err) {
      return { ok: false, where: p.where, error: plainError(err, p.where) };
    }
  });
}

/** Phrase counts as one flat Float64Array for the trip between threads (a copy of ~1,000 small arrays per article costs more). */
export function packRecords(prepared: Prepared[]): { prepared: Prepared[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  for (const p of prepared) {
    if (!p.ok || !p.record?.phrases) continue;
    const flat = new Float64Array(p.record.phrases.length * 2);
    p.record.phrases.forEach(([k, n], i) => {
      flat[2 * i] = k;
      flat[2 * i + 1] = n;
    });
    (p.record as unknown as { phrasesFlat: Float64Array }).phrasesFlat = flat;
    delete (p.record as { phrases?: unknown }).phrases;
    transfer.push(flat.buffer);
  }
  return { prepared, transfer };
}

export function unpackRecords(prepared: Prepared[]): Prepared[] {
  for (const p of prepared) {
    const rec = p.ok ? (p.record as (IndexRecord & { phrasesFlat?: Float64Array }) | null) : null;
    if (!rec?.phrasesFlat) continue;
    const flat = rec.phrasesFlat;
    const phrases: [number, number][] = new Array(flat.length / 2);
    for (let i = 0; i < phrases.length; i++) phrases[i] = [flat[2 * i], flat[2 * i + 1]];
    rec.phrases = phrases;
    delete rec.phrasesFlat;
  }
  return prepared;
}

/**
 * @module adapters/ingest/jsonl
 * JSON Lines corpora (the format of ../shared/corpus): one article object per line with `text`
 * and optional `id`, `outlet`, `title`, `byline`/`author`, `published`, `url`. Streams, so a
 * 100 MB .jsonl.gz never sits in memory; a bad line is reported as `file:line` and skipped.
 */
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { checkTextLimits, formatBytes } from '../../core/limits.ts';
import { contentHash } from '../../core/index/index.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { readAllBytes, streamChunks } from '../input/bytes.ts';
import { assertNotBinary, assertTextNotBinary, bomOf, decodeInput, firstInvalidUtf8, sniffWideEncoding } from '../input/decode.ts';
import type { IngestItem, InputFile } from './types.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return String(v);
  return null;
}

/** One parsed line to an article, or an error naming `file:line`. */
export function jsonlRecord(line: string, file: Pick<InputFile, 'display' | 'rel'>, lineNo: number): ReferenceArticle | UnspunError {
  const where = `${file.display}:${lineNo}`;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return new UnspunError('INPUT_MALFORMED', where, `not valid JSON (${(err as Error).message})`);
  }
  return articleFromJson(obj, where, file.rel);
}

/** One JSON value (a JSONL line, an element of a JSON array) to an article, or an error naming `where`. */
export function articleFromJson(obj: unknown, where: string, idPrefix: string): ReferenceArticle | UnspunError {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return new UnspunError('INPUT_MALFORMED', where, Array.isArray(obj) ? 'not a JSON object (an array)' : 'not a JSON object');
  }
  const o = obj as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text.trim() === '') {
    return new UnspunError('INPUT_MALFORMED', where, 'missing "text"');
  }
  const text = o.text.replace(/\r\n?/g, '\n');
  try {
    assertTextNotBinary(text, where);
    checkTextLimits(text, where);
  } catch (err) {
    if (isUnspunError(err)) return err;
    throw err;
  }
  const id = str(o.id) ?? `${idPrefix}#${contentHash(text).slice(0, 16)}`;
  return {
    id,
    outlet: str(o.outlet),
    title: str(o.title),
    byline: str(o.byline) ?? str(o.author),
    published: str(o.published),
    url: str(o.url),
    text,
  };
}

/**
 * Articles of a JSON file: an array of article objects, `{ "articles": [...] }`, or one
 * article object; each element is checked like a JSONL line and named `file[3]`. A file that
 * is JSON Lines under a .json name is read as JSON Lines.
 */
export async function* readJson(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<IngestItem> {
  let bytes: Buffer;
  try {
    bytes = await readAllBytes(file, maxBytes, onBytes);
  } catch (err) {
    if (isUnspunError(err) && err.code === 'INPUT_TOO_LARGE') {
      throw new UnspunError('INPUT_TOO_LARGE', file.display, `${err.message.replace(/^.*?: is larger than the size limit: /, '')}; a JSON file is read whole, so split it or convert it to JSON Lines (one article per line)`);
    }
    throw err;
  }
  const text = decodeInput(bytes, file.display);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
    if (/^\s*\{/.test(firstLine) && isJsonObject(firstLine)) {
      yield* readJsonl(file, maxBytes);
      return;
    }
    throw new UnspunError('INPUT_MALFORMED', file.display, `not valid JSON (${(err as Error).message})`);
  }
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object' && Array.isArray((value as { articles?: unknown }).articles)
      ? (value as { articles: unknown[] }).articles
      : null;
  if (list === null) {
    const one = articleFromJson(value, file.display, file.rel);
    yield one instanceof UnspunError ? { ok: false, file, error: one } : { ok: true, file, article: one, where: file.display };
    return;
  }
  if (list.length === 0) throw new UnspunError('INPUT_EMPTY', file.display, 'an empty JSON array');
  for (let i = 0; i < list.length; i++) {
    const where = `${file.display}[${i}]`;
    const a = articleFromJson(list[i], where, file.rel);
    yield a instanceof UnspunError ? { ok: false, file, error: a } : { ok: true, file, article: a, where };
  }
}

function isJsonObject(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Articles of a JSONL file, in order. Lines longer than `maxBytes` are reported and skipped. */
export async function* readJsonl(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<IngestItem> {
  for await (const item of readJsonlLines(file, maxBytes, onBytes)) {
    if (!item.ok) {
      yield item;
      continue;
    }
    const rec = jsonlRecord(item.line, file, item.lineNo);
    yield rec instanceof UnspunError ? { ok: false, file, error: rec } : { ok: true, file, article: rec, where: `${file.display}:${item.lineNo}` };
  }
}

/** One non-blank JSONL line, decoded but not yet parsed (the indexer parses it in a worker thread). */
export interface JsonlLine {
  ok: true;
  file: InputFile;
  line: string;
  lineNo: number;
}

/**
 * The non-blank lines of a JSONL file, decoded as UTF-8, in order; lines longer than
 * `maxBytes` or not UTF-8 are error items naming `file:line`. jsonlRecord parses each line.
 */
export async function* readJsonlLines(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<JsonlLine | Extract<IngestItem, { ok: false }>> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  let oversized = false;
  let sniffed = false;
  let records = 0;
  let errors = 0;

  const finishLine = (bytes: Buffer): JsonlLine | Extract<IngestItem, { ok: false }> | null => {
    lineNo++;
    if (oversized) {
      oversized = false;
      errors++;
      return { ok: false, file, error: new UnspunError('INPUT_TOO_LARGE', `${file.display}:${lineNo}`, `line longer than the ${formatBytes(maxBytes)} limit (raise it with --max-bytes)`) };
    }
    let line: string;
    try {
      line = UTF8.decode(bytes);
    } catch {
      errors++;
      return { ok: false, file, error: new UnspunError('INPUT_ENCODING', `${file.display}:${lineNo}`, `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)} of the line`) };
    }
    if (line.trim() === '') return null;
    records++;
    return { ok: true, file, line, lineNo };
  };

  const chunks = streamChunks(file, onBytes);
  for await (const chunk of chunks) {
    if (!sniffed) {
      sniffed = true;
      const wide = bomOf(chunk)?.encoding ?? sniffWideEncoding(chunk);
      if (wide && wide !== 'utf-8') {
        throw new UnspunError('INPUT_ENCODING', file.display, `JSON Lines must be UTF-8, and this file is ${wide.toUpperCase()}; convert it (iconv -f ${wide.toUpperCase()} -t UTF-8)`);
      }
      assertNotBinary(chunk, file.display);
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      let bytes: Buffer;
      if (pending.length) {
        pending.push(chunk.subarray(start, nl));
        bytes = oversized ? Buffer.alloc(0) : Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      } else {
        bytes = chunk.subarray(start, nl);
      }
      if (bytes.length > maxBytes) oversized = true;
      const item = finishLine(bytes);
      if (item) yield item;
      start = nl + 1;
    }
    if (start < chunk.length && !oversized) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxBytes) {
        // Stop buffering a runaway line; it is reported when its newline arrives.
        oversized = true;
        pending = [Buffer.alloc(0)];
        pendingBytes = 0;
      }
    }
  }
  if (pending.length || oversized) {
    const item = finishLine(Buffer.concat(pending));
    if (item) yield item;
  }
  if (!sniffed) throw new UnspunError('INPUT_EMPTY', file.display);
  if (records === 0 && errors === 0) throw new UnspunError('INPUT_EMPTY', file.display, 'no records, only blank lines');
}

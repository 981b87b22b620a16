/**
 * @module adapters/ingest/jsonl
 * JSON Lines corpora (the format of ../shared/corpus): one article object per line with `text`
 * and optional `id`, `outlet`, `title`, `byline`/`author`, `published`, `url`. Streams, so a
 * 100 MB .jsonl.gz never sits in memory; a bad line is reported as `file:line` and skipped.
 */
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { checkTextLimits } from '../../core/limits.ts';
import { contentHash } from '../../core/index/index.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { streamChunks } from './bytes.ts';
import { assertNotBinary } from './decode.ts';
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
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return new UnspunError('INPUT_MALFORMED', where, 'not a JSON object');
  }
  const o = obj as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text.trim() === '') {
    return new UnspunError('INPUT_MALFORMED', where, 'missing "text"');
  }
  const text = o.text.replace(/\r\n?/g, '\n');
  try {
    checkTextLimits(text, where);
  } catch (err) {
    if (isUnspunError(err)) return err;
    throw err;
  }
  const id = str(o.id) ?? `${file.rel}#${contentHash(text).slice(0, 16)}`;
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

/** Articles of a JSONL file, in order. Lines longer than `maxBytes` are reported and skipped. */
export async function* readJsonl(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<IngestItem> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  let oversized = false;
  let sniffed = false;
  let records = 0;
  let errors = 0;

  const finishLine = (bytes: Buffer): IngestItem | null => {
    lineNo++;
    if (oversized) {
      oversized = false;
      errors++;
      return { ok: false, file, error: new UnspunError('INPUT_TOO_LARGE', `${file.display}:${lineNo}`, `line longer than the ${maxBytes}-byte limit (raise it with --max-bytes)`) };
    }
    let line: string;
    try {
      line = UTF8.decode(bytes);
    } catch {
      errors++;
      return { ok: false, file, error: new UnspunError('INPUT_ENCODING', `${file.display}:${lineNo}`) };
    }
    if (line.trim() === '') return null;
    const rec = jsonlRecord(line, file, lineNo);
    if (rec instanceof UnspunError) {
      errors++;
      return { ok: false, file, error: rec };
    }
    records++;
    return { ok: true, file, article: rec };
  };

  const chunks = streamChunks(file, onBytes);
  for await (const chunk of chunks) {
    if (!sniffed) {
      sniffed = true;
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

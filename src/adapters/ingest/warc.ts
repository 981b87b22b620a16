/**
 * @module adapters/ingest/warc
 * Web archives (.warc, .warc.gz) via warcio: every `response` record with a 2xx HTML payload
 * and every HTML `resource` record becomes an article. The payload charset comes from the HTTP
 * Content-Type header, else the page's own meta tag, else UTF-8. A damaged record is reported
 * and the parser moves on where it can; a truncated .warc.gz is INPUT_TRUNCATED after the
 * records before the cut. (A truncated uncompressed .warc is not detected: warcio pads the
 * last record silently.)
 */
import { createReadStream } from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { ioError, streamChunks, tooLarge } from './bytes.ts';
import { charsetFromContentType, decodeText } from './decode.ts';
import { documentToArticle, hostOf } from './document.ts';
import type { IngestItem, InputFile } from './types.ts';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

async function* countBytes(path: string, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    onBytes?.((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

function htmlContentType(record: WARCRecord): string | null {
  if (record.warcType === 'response') {
    const status = Number(record.httpHeaders?.statusCode ?? 0);
    if (status < 200 || status >= 300) return null;
    const type = record.httpHeaders?.headers.get('content-type') ?? '';
    return HTML_TYPE.test(type) ? type : null;
  }
  if (record.warcType === 'resource') {
    const type = record.warcContentType ?? '';
    return HTML_TYPE.test(type) ? type : null;
  }
  return null;
}

export async function* readWarc(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<IngestItem> {
  // Node's zlib gunzips .warc.gz (multi-member) and, unlike warcio's pako path, reports a
  // truncated file as an error instead of ending quietly after the last whole record.
  const source = file.gzip ? streamChunks(file, onBytes) : countBytes(file.path, onBytes);
  const parser = new WARCParser(source);
  let n = 0;
  let records = 0;
  try {
    for await (const record of parser) {
      n++;
      records++;
      if (n === 1 && !/^WARC\/\d/.test(record.warcHeaders.statusline)) {
        throw new UnspunError('INPUT_MALFORMED', file.display, 'not a WARC file (it does not start with a WARC/1.x header)');
      }
      const type = htmlContentType(record);
      if (!type) continue;
      const uri = record.warcTargetURI ?? null;
      const subject = `${file.display} record ${n}${uri ? ` (${uri})` : ''}`;
      try {
        if (record.warcContentLength > maxBytes) throw tooLarge(subject, record.warcContentLength, maxBytes);
        const body = await record.readFully(true);
        const html = decodeText(body, subject, { headerCharset: charsetFromContentType(type), sniffDeclared: true });
        const article = documentToArticle({ kind: 'html', content: html, name: subject, url: uri }, `${file.rel}`, hostOf(uri));
        yield { ok: true, file, article };
      } catch (err) {
        if (!isUnspunError(err)) throw err;
        yield { ok: false, file, error: err };
      }
    }
  } catch (err) {
    if (isUnspunError(err)) throw err;
    const msg = (err as Error).message ?? String(err);
    if (/zlib|inflate|gzip|unexpected end|incorrect header/i.test(msg) || (err as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new UnspunError('INPUT_TRUNCATED', file.display, `after record ${n}: ${msg}`, { cause: err });
    }
    if ((err as NodeJS.ErrnoException).code) throw ioError(err, file.display);
    throw new UnspunError('INPUT_MALFORMED', file.display, `not a readable WARC after record ${n}: ${msg}`, { cause: err });
  }
  if (records === 0) throw new UnspunError('INPUT_MALFORMED', file.display, 'no WARC records found');
}

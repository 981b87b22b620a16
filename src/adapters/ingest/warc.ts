/**
 * @module adapters/ingest/warc
 * Web archives (.warc, .warc.gz): every `response` record with a 2xx HTML payload and every
 * HTML `resource` record becomes an article. Records are framed and checked by warc-frames.ts
 * (a truncated file, a Content-Length that runs into the next record or stops short of its
 * end: each reported with the record's number and byte offset, and the run exits non-zero),
 * then each whole record is parsed by warcio (HTTP headers, chunked and compressed payloads).
 * The payload charset comes from the HTTP Content-Type header, else the page's own meta tag,
 * else UTF-8.
 */
import { createReadStream } from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { formatCount } from '../../core/limits.ts';
import { ioError, streamChunks, tooLarge } from '../input/bytes.ts';
import { charsetFromContentType, decodeInput } from '../input/decode.ts';
import { documentToArticle, hostOf } from './document.ts';
import type { IngestItem, InputFile } from './types.ts';
import { warcFrames, type WarcFrame } from './warc-frames.ts';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;
const CRLF2 = Buffer.from('\r\n\r\n');

async function* countBytes(path: string, display: string, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      onBytes?.((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (err) {
    throw ioError(err, display);
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

/** warcio's record for one framed record (`content` may be just the head of an oversized one). */
async function parseFrame(frame: WarcFrame, content: Buffer): Promise<WARCRecord> {
  const parser = new WARCParser([Buffer.concat([frame.headerBytes, content, CRLF2])]);
  const record = await parser.parse();
  if (!record) throw new Error('no record');
  return record;
}

export async function* readWarc(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<IngestItem> {
  // Node's zlib gunzips .warc.gz (multi-member) and reports a truncated file as an error.
  const source = file.gzip ? streamChunks(file, onBytes) : countBytes(file.path, file.display, onBytes);
  let last = 0;
  let events = 0;
  try {
    for await (const event of warcFrames(source, file.display, maxBytes)) {
      events++;
      if (!event.ok) {
        yield { ok: false, file, error: event.error };
        continue;
      }
      const frame = event.frame;
      last = frame.index;
      const uri = frame.headers.get('warc-target-uri')?.replace(/^<(.*)>$/, '$1') ?? null;
      const subject = `${file.display} record ${frame.index} (at byte ${formatCount(frame.offset)}${uri ? `, ${uri}` : ''})`;
      try {
        let record: WARCRecord;
        try {
          record = await parseFrame(frame, frame.content ?? frame.head);
        } catch (err) {
          throw new UnspunError('INPUT_MALFORMED', subject, `unreadable record: ${(err as Error).message}`, { cause: err });
        }
        const type = htmlContentType(record);
        if (!type) continue;
        if (!frame.content) throw tooLarge(subject, frame.contentLength, maxBytes);
        const body = await record.readFully(true);
        const html = decodeInput(body, subject, { headerCharset: charsetFromContentType(type), sniffDeclared: true });
        const article = documentToArticle({ kind: 'html', content: html, name: subject, url: uri }, `${file.rel}`, hostOf(uri));
        yield { ok: true, file, article, where: subject };
      } catch (err) {
        if (!isUnspunError(err)) throw err;
        yield { ok: false, file, error: err };
      }
    }
  } catch (err) {
    if (isUnspunError(err)) {
      // A gzip stream cut short: say after which record.
      if (err.code === 'INPUT_TRUNCATED' && !/record \d/.test(err.message)) {
        throw new UnspunError('INPUT_TRUNCATED', file.display, `after record ${last}: ${err.message.replace(/^.*?: is truncated or corrupt: /, '')}`, { cause: err });
      }
      throw err;
    }
    throw new UnspunError('INPUT_MALFORMED', file.display, `not a readable WARC after record ${last}: ${(err as Error).message}`, { cause: err });
  }
  if (events === 0) throw new UnspunError('INPUT_MALFORMED', file.display, 'no whole WARC records found');
}

/**
 * @module adapters/ingest/warc-frames
 * Splits a (decompressed) WARC byte stream into records and checks each record's framing,
 * which warcio does not: it pads a truncated last record silently, and a record whose
 * Content-Length is too large swallows the next record, so one article held another's text.
 *
 * A record is a header block ("WARC/1.x", header lines, a blank line), a content block of
 * exactly Content-Length bytes, then CRLF CRLF. Every departure is an error event naming the
 * record's number and byte offset:
 *   - the stream ends inside a record: INPUT_TRUNCATED, and reading stops;
 *   - the content block holds the start of another record, or the record does not end where
 *     its Content-Length says: INPUT_MALFORMED, and reading resumes at the next "WARC/1."
 *     line, so the records after the damage are still read.
 */
import { UnspunError } from '../../core/errors.ts';
import { formatCount } from '../../core/limits.ts';

export interface WarcFrame {
  /** 1-based record number in the file. */
  index: number;
  /** Byte offset of the record's first byte (of the decompressed stream for .warc.gz). */
  offset: number;
  /** The header block, including its closing blank line. */
  headerBytes: Buffer;
  /** Header names in lower case. */
  headers: Map<string, string>;
  contentLength: number;
  /** The content block, or null when it is larger than the byte limit (then `head` holds its start). */
  content: Buffer | null;
  head: Buffer;
}

export type WarcFrameEvent = { ok: true; frame: WarcFrame } | { ok: false; error: UnspunError };

/** Longest header block accepted: real ones are under 2 KB. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Bytes of an oversized content block kept to read its HTTP headers. */
const HEAD_BYTES = 64 * 1024;
const RECORD_START = Buffer.from('WARC/1.');
const EMBEDDED_START = Buffer.from('\r\n\r\nWARC/1.');
const TRAILER = Buffer.from('\r\n\r\n');

/** A byte reader over async chunks with an absolute offset. */
class ByteWindow {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Absolute offset of buf[0]. */
  private base = 0;
  private done = false;
  private readonly it: AsyncIterator<Uint8Array>;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  get offset(): number {
    return this.base + this.pos;
  }

  available(): number {
    return this.buf.length - this.pos;
  }

  /** Reads until `n` bytes are available or the stream ends; returns what is available. */
  async fill(n: number): Promise<number> {
    if (this.available() >= n || this.done) return this.available();
    // Drop consumed bytes and join the new chunks once, so memory stays near one record.
    const parts: Buffer[] = [this.buf.subarray(this.pos)];
    let have = parts[0].length;
    while (have < n) {
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        break;
      }
      const chunk = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      parts.push(chunk);
      have += chunk.length;
    }
    this.base += this.pos;
    this.pos = 0;
    this.buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
    return this.available();
  }

  peek(n: number): Buffer {
    return this.buf.subarray(this.pos, this.pos + n);
  }

  take(n: number): Buffer {
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    this.pos += n;
  }

  /** Index (relative to the current position) of `needle` within the next `limit` bytes, reading as needed. */
  async find(needle: Buffer, limit: number, from = 0): Promise<number> {
    let searched = from;
    for (;;) {
      const have = this.available();
      const at = this.buf.subarray(this.pos, this.pos + Math.min(have, limit)).indexOf(needle, Math.max(from, searched - needle.length));
      if (at >= 0) return at;
      searched = have;
      if (have >= limit || this.done) return -1;
      await this.fill(have + 64 * 1024);
      if (this.available() === have) return -1;
    }
  }

  /** Skips `n` bytes without keeping them; returns how many could be skipped. */
  async discard(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.available() === 0 && (await this.fill(1)) === 0) break;
      const k = Math.min(left, this.available());
      this.pos += k;
      left -= k;
    }
    return n - left;
  }
}

function parseHeaders(block: string): { version: string; headers: Map<string, string> } {
  const lines = block.split(/\r?\n/);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { version: lines[0].trim(), headers };
}

/** The records of a WARC stream, in order, with framing errors as events (see the module comment). */
export async function* warcFrames(chunks: AsyncIterable<Uint8Array>, display: string, maxBytes: number): AsyncGenerator<WarcFrameEvent> {
  const w = new ByteWindow(chunks);
  let index = 0;
  const where = (n: number, offset: number) => `${display} record ${n} (at byte ${formatCount(offset)})`;

  /** After damage: move to the next line that starts a record, or the end. */
  const resync = async (): Promise<boolean> => {
    const needle = Buffer.from('\nWARC/1.');
    for (;;) {
      const before = w.available();
      const have = await w.fill(before + 64 * 1024);
      const at = w.peek(have).indexOf(needle);
      if (at >= 0) {
        w.skip(at + 1);
        return true;
      }
      if (have === before) {
        w.skip(have);
        return false;
      }
      w.skip(Math.max(0, have - needle.length));
    }
  };

  for (;;) {
    // Blank lines between records are tolerated.
    while ((await w.fill(1)) > 0 && (w.peek(1)[0] === 0x0d || w.peek(1)[0] === 0x0a)) w.skip(1);
    if (w.available() === 0) return;
    index++;
    const offset = w.offset;
    await w.fill(RECORD_START.length);
    if (!w.peek(RECORD_START.length).equals(RECORD_START)) {
      if (index === 1) throw new UnspunError('INPUT_MALFORMED', display, 'not a WARC file (it does not start with a WARC/1.x header)');
      yield { ok: false, error: new UnspunError('INPUT_MALFORMED', where(index, offset), 'expected a WARC/1.x header here; skipped to the next record') };
      if (!(await resync())) return;
      continue;
    }
    let end = await w.find(TRAILER, MAX_HEADER_BYTES);
    if (end < 0) {
      const truncated = w.available() < MAX_HEADER_BYTES;
      yield {
        ok: false,
        error: truncated
          ? new UnspunError('INPUT_TRUNCATED', where(index, offset), 'the file ends inside the record\'s header')
          : new UnspunError('INPUT_MALFORMED', where(index, offset), `header longer than ${formatCount(MAX_HEADER_BYTES)} bytes`),
      };
      if (truncated) return;
      w.skip(1);
      if (!(await resync())) return;
      continue;
    }
    end += TRAILER.length;
    const headerBytes = w.take(end);
    const { headers } = parseHeaders(headerBytes.toString('latin1'));
    const lengthText = headers.get('content-length') ?? '';
    if (!/^\d+$/.test(lengthText)) {
      yield { ok: false, error: new UnspunError('INPUT_MALFORMED', where(index, offset), `Content-Length "${lengthText.slice(0, 40)}" is not a byte count`) };
      if (!(await resync())) return;
      continue;
    }
    const contentLength = Number(lengthText);
    const contentStart = w.offset;
    let content: Buffer | null = null;
    let head: Buffer;
    if (contentLength <= maxBytes) {
      const have = await w.fill(contentLength);
      if (have < contentLength) {
        yield {
          ok: false,
          error: new UnspunError('INPUT_TRUNCATED', where(index, offset), `Content-Length says ${formatCount(contentLength)} bytes but the file ends after ${formatCount(have)}`),
        };
        return;
      }
      // A record that holds the start of another one has a Content-Length that is too large.
      const embedded = w.peek(contentLength).indexOf(EMBEDDED_START);
      if (embedded >= 0) {
        const nextAt = contentStart + embedded + 4;
        yield {
          ok: false,
          error: new UnspunError('INPUT_MALFORMED', where(index, offset), `its Content-Length (${formatCount(contentLength)}) runs into the next record, which starts at byte ${formatCount(nextAt)}; the record is skipped and reading goes on from there`),
        };
        w.skip(embedded + 4);
        continue;
      }
      content = w.take(contentLength);
      head = content.subarray(0, HEAD_BYTES);
    } else {
      await w.fill(HEAD_BYTES);
      head = Buffer.from(w.peek(HEAD_BYTES));
      const skipped = await w.discard(contentLength);
      if (skipped < contentLength) {
        yield {
          ok: false,
          error: new UnspunError('INPUT_TRUNCATED', where(index, offset), `Content-Length says ${formatCount(contentLength)} bytes but the file ends after ${formatCount(skipped)}`),
        };
        return;
      }
    }
    const trailerHave = await w.fill(TRAILER.length);
    const trailer = w.peek(TRAILER.length);
    if (trailer.equals(TRAILER)) {
      w.skip(TRAILER.length);
    } else if (trailerHave < TRAILER.length && TRAILER.subarray(0, trailerHave).equals(trailer)) {
      // The file ends right after the content: the record is whole, only its closing blank line is cut.
      w.skip(trailerHave);
      yield { ok: true, frame: { index, offset, headerBytes, headers, contentLength, content, head } };
      yield { ok: false, error: new UnspunError('INPUT_TRUNCATED', where(index, offset), 'the file ends before the record\'s closing blank line') };
      return;
    } else {
      yield {
        ok: false,
        error: new UnspunError('INPUT_MALFORMED', where(index, offset), `the record does not end where its Content-Length (${formatCount(contentLength)}) says; it is skipped and reading goes on at the next record`),
      };
      if (!(await resync())) return;
      continue;
    }
    yield { ok: true, frame: { index, offset, headerBytes, headers, contentLength, content, head } };
  }
}

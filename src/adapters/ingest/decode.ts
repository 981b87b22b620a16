/**
 * @module adapters/ingest/decode
 * Bytes to text for ingestion: binary sniffing, strict UTF-8, and declared charsets (HTML meta,
 * XML declaration, HTTP Content-Type) decoded with TextDecoder. Pure functions over buffers.
 */
import { UnspunError } from '../../core/errors.ts';
import { BINARY_CONTROL_RATIO, BINARY_SNIFF_BYTES } from '../../core/index/settings.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Throws INPUT_BINARY when the start of `buf` has a NUL byte or too many control characters. */
export function assertNotBinary(buf: Uint8Array, subject: string): void {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  // UTF-16 with a BOM has NULs but is text.
  if (n >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) throw new UnspunError('INPUT_BINARY', subject, `NUL byte at offset ${i}`);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (n > 0 && control / n > BINARY_CONTROL_RATIO) {
    throw new UnspunError('INPUT_BINARY', subject, `${Math.round((100 * control) / n)}% control characters`);
  }
}

/** The charset named in a Content-Type value (`text/html; charset=ISO-8859-1`), or null. */
export function charsetFromContentType(value: string | null | undefined): string | null {
  const m = value ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(value) : null;
  return m ? m[1].toLowerCase() : null;
}

/** The charset an HTML page (`<meta charset>`, http-equiv) or XML file (`<?xml encoding>`) declares in its first 4 KB. */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 4096)).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return meta ? meta[1].toLowerCase() : null;
}

function isUtf8Label(label: string): boolean {
  return /^(utf-?8|unicode-1-1-utf-8)$/i.test(label);
}

/**
 * Decodes `buf` as text. Valid UTF-8 (or a UTF-16 BOM) wins; otherwise a declared non-UTF-8
 * charset (HTTP header first, then the document's own declaration) is used. Anything else is
 * INPUT_ENCODING naming `subject`.
 */
export function decodeText(buf: Uint8Array, subject: string, opts: { headerCharset?: string | null; sniffDeclared?: boolean } = {}): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf);
  let utf8Error: unknown;
  try {
    return UTF8.decode(buf);
  } catch (err) {
    utf8Error = err;
  }
  const declared = opts.headerCharset ?? (opts.sniffDeclared ? declaredCharset(buf) : null);
  if (declared && !isUtf8Label(declared)) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(declared);
    } catch {
      throw new UnspunError('INPUT_ENCODING', subject, `declares unknown charset "${declared}"`);
    }
    return decoder.decode(buf);
  }
  const offset = firstInvalidUtf8(buf);
  const why = declared ? `declares ${declared} but has invalid bytes` : 'no charset declared and invalid UTF-8';
  throw new UnspunError('INPUT_ENCODING', subject, `${why} (first at byte ${offset})`, { cause: utf8Error });
}

/** Byte offset of the first invalid UTF-8 sequence (for the error message). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let lo = 0;
  let hi = buf.length;
  // Binary search on prefixes, allowing a cut multi-byte sequence at the end of a prefix.
  const ok = (n: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  // The longest good prefix may end in the lead bytes of the bad sequence: step back over them.
  for (let k = 0; k < 4 && lo - k >= 0; k++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, lo - k));
      return lo - k;
    } catch {
      // keep stepping back
    }
  }
  return lo;
}

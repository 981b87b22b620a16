/**
 * @module adapters/input/decode
 * Bytes to text, the same way for every input (a file or stdin for `unspun trace`, a request
 * body for the server, a file, JSONL line, WARC record or fetched page for ingestion):
 *
 * 1. A byte-order mark names the encoding (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
 * 2. Without one, the pattern of zero bytes recognises UTF-16 and UTF-32 text.
 * 3. Otherwise valid UTF-8 is UTF-8; a charset named by an authoritative header (an HTTP
 *    request's Content-Type) wins even over valid UTF-8, while one named by the document itself
 *    (`<meta charset>`, `<?xml encoding?>`) or by an archived response is used when the bytes
 *    are not valid UTF-8 (pages often mislabel UTF-8 as Latin-1).
 * 4. Anything else is INPUT_ENCODING with the byte offset of the first invalid sequence.
 * 5. The decoded text is then checked for binary content (NUL or too many control
 *    characters), so a binary file sent inside JSON or as UTF-16 is refused like any other.
 */
import { UnspunError } from '../../core/errors.ts';
import { BINARY_CONTROL_RATIO, BINARY_SNIFF_BYTES } from '../../core/limits.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface DecodeOptions {
  /** The charset of a Content-Type header (`charsetFromContentType`). */
  headerCharset?: string | null;
  /** The header is the sender's own statement (an API request), so it wins over valid UTF-8. */
  headerAuthoritative?: boolean;
  /** Look for `<meta charset>` / `<?xml encoding?>` in the first 4 KB. */
  sniffDeclared?: boolean;
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

/** The encoding a byte-order mark names, and the mark's length. */
export function bomOf(buf: Uint8Array): { encoding: Encoding; length: number } | null {
  const [a, b, c, d] = buf;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  // UTF-32 LE's mark starts like UTF-16 LE's: test it first.
  if (a === 0xff && b === 0xfe && c === 0 && d === 0 && buf.length >= 4) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 or UTF-32 without a mark, from where the zero bytes fall in the first
 * BINARY_SNIFF_BYTES: text in any Latin, Greek or Cyrillic script has a zero high byte in
 * nearly every code unit, and binary data has no such regular pattern.
 */
export function sniffWideEncoding(buf: Uint8Array): Encoding | null {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES) & ~3;
  if (n < 8) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (buf[i] === 0) zeros[i & 3]++;
  const q = n / 4;
  const mostly = (k: number) => zeros[k] >= 0.9 * q;
  const rarely = (k: number) => zeros[k] <= 0.05 * q;
  if (mostly(1) && mostly(2) && mostly(3) && rarely(0)) return 'utf-32le';
  if (mostly(0) && mostly(1) && mostly(2) && rarely(3)) return 'utf-32be';
  const even = zeros[0] + zeros[2];
  const odd = zeros[1] + zeros[3];
  if (odd >= 0.6 * (n / 2) && even <= 0.05 * (n / 2)) return 'utf-16le';
  if (even >= 0.6 * (n / 2) && odd <= 0.05 * (n / 2)) return 'utf-16be';
  return null;
}

function isUtf8Label(label: string): boolean {
  return /^(utf-?8|unicode-1-1-utf-8)$/i.test(label);
}

function wideLabel(label: string): Encoding | null {
  const l = label.toLowerCase().replace(/_/g, '-');
  if (l === 'utf-16' || l === 'utf-16le' || l === 'ucs-2' || l === 'unicode') return 'utf-16le';
  if (l === 'utf-16be') return 'utf-16be';
  if (l === 'utf-32' || l === 'utf-32le' || l === 'ucs-4') return 'utf-32le';
  if (l === 'utf-32be') return 'utf-32be';
  return null;
}

function decodeUtf16(buf: Uint8Array, encoding: 'utf-16le' | 'utf-16be', subject: string): string {
  if (buf.length % 2 !== 0) throw new UnspunError('INPUT_ENCODING', subject, `${encoding} text cut in the middle of a character (odd length ${buf.length} bytes)`);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch (err) {
    throw new UnspunError('INPUT_ENCODING', subject, `invalid ${encoding} (an unpaired surrogate)`, { cause: err });
  }
}

/** TextDecoder has no UTF-32: code points are read directly, invalid ones reported by offset. */
function decodeUtf32(buf: Uint8Array, encoding: 'utf-32le' | 'utf-32be', subject: string, base = 0): string {
  if (buf.length % 4 !== 0) throw new UnspunError('INPUT_ENCODING', subject, `${encoding} text cut in the middle of a character (length ${buf.length} bytes)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i < buf.length; i += 4) {
    const cp = view.getUint32(i, encoding === 'utf-32le');
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new UnspunError('INPUT_ENCODING', subject, `invalid ${encoding}: code point 0x${cp.toString(16)} at byte ${base + i}`);
    }
    chunk.push(cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk.length = 0;
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function decodeAs(buf: Uint8Array, encoding: Encoding, subject: string, base: number): string {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return decodeUtf16(buf, encoding, subject);
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(buf, encoding, subject, base);
  try {
    return UTF8.decode(buf);
  } catch (err) {
    throw new UnspunError('INPUT_ENCODING', subject, `invalid UTF-8 at byte ${base + firstInvalidUtf8(buf)}`, { cause: err });
  }
}

function legacyDecoder(label: string, subject: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    throw new UnspunError('INPUT_ENCODING', subject, `declares unknown charset "${label}"`);
  }
}

/**
 * Decodes `buf` as text (steps 1-4 of the module comment). Throws INPUT_ENCODING naming
 * `subject`, with the byte offset of the first invalid sequence when there is one.
 */
export function decodeText(buf: Uint8Array, subject: string, opts: DecodeOptions = {}): string {
  const bom = bomOf(buf);
  if (bom) return decodeAs(buf.subarray(bom.length), bom.encoding, subject, bom.length);
  const header = opts.headerCharset ?? null;
  const headerWide = header ? wideLabel(header) : null;
  if (headerWide) return decodeAs(buf, headerWide, subject, 0);
  const wide = sniffWideEncoding(buf);
  if (wide) return decodeAs(buf, wide, subject, 0);
  if (header && opts.headerAuthoritative && !isUtf8Label(header)) return legacyDecoder(header, subject).decode(buf);
  let utf8Error: unknown;
  try {
    return UTF8.decode(buf);
  } catch (err) {
    utf8Error = err;
  }
  const declared = header ?? (opts.sniffDeclared ? declaredCharset(buf) : null);
  if (declared && !isUtf8Label(declared)) {
    const declaredWide = wideLabel(declared);
    // A page that says UTF-16 in its own ASCII <meta> is not UTF-16; only a header can say so.
    if (!declaredWide) return legacyDecoder(declared, subject).decode(buf);
  }
  const offset = firstInvalidUtf8(buf);
  const why = declared ? `declares ${declared} but has invalid bytes` : 'invalid UTF-8 and no charset declared';
  throw new UnspunError('INPUT_ENCODING', subject, `${why} (first at byte ${offset})`, { cause: utf8Error });
}

/** Byte offset of the first invalid UTF-8 sequence (for the error message), in one pass. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return buf.length;
}

/**
 * Throws INPUT_BINARY when decoded text holds a NUL or too many control characters in its
 * first BINARY_SNIFF_BYTES characters: checked after decoding, so UTF-16 text passes and
 * binary inside JSON strings does not.
 */
export function assertTextNotBinary(text: string, subject: string): void {
  const n = Math.min(text.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new UnspunError('INPUT_BINARY', subject, `NUL character at position ${i}`);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) || c === 0xfffd) control++;
  }
  if (n > 0 && control / n > BINARY_CONTROL_RATIO) {
    throw new UnspunError('INPUT_BINARY', subject, `${Math.round((100 * control) / n)}% control characters`);
  }
}

/**
 * Throws INPUT_BINARY for bytes that are not text in any encoding we read: a NUL byte or too
 * many control bytes at the start, unless a byte-order mark or the zero pattern of UTF-16/32
 * says the zeros belong to the text.
 */
export function assertNotBinary(buf: Uint8Array, subject: string): void {
  if (bomOf(buf) || sniffWideEncoding(buf)) return;
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
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

/**
 * Bytes to text for any input: empty and whitespace-only inputs are INPUT_EMPTY, binary is
 * INPUT_BINARY (before and after decoding), bad encodings INPUT_ENCODING; a leading BOM is
 * dropped.
 */
export function decodeInput(buf: Uint8Array, subject: string, opts: DecodeOptions = {}): string {
  if (buf.length === 0) throw new UnspunError('INPUT_EMPTY', subject);
  assertNotBinary(buf, subject);
  const text = decodeText(buf, subject, opts).replace(/^\uFEFF/, '');
  assertTextNotBinary(text, subject);
  if (text.trim() === '') throw new UnspunError('INPUT_EMPTY', subject);
  return text;
}

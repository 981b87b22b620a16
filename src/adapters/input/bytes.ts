/**
 * @module adapters/input/bytes
 * Reads inputs as bytes, for every command: whole (a suspect, an HTML/text/feed file) or as a
 * stream of chunks (JSONL, WARC), gunzipping `.gz` on the fly. The size limit is enforced on
 * the bytes actually read (after decompression), never on the size a file reports: a device
 * or a pipe reports 0 (`unspun trace /dev/zero` once read 18 GB), and a gzip bomb is small on
 * disk. fs and zlib failures become one-line UnspunErrors naming the input.
 */
import { createReadStream } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { bytesVersusLimit, formatBytes } from '../../core/limits.ts';

export interface ByteSource {
  /** Absolute or as-given path to open. */
  path: string;
  /** The name to show in messages. */
  display: string;
  gzip: boolean;
}

/** Maps an fs or zlib failure to a catalog error naming the file. */
export function ioError(err: unknown, display: string): UnspunError {
  if (isUnspunError(err)) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  if (code.startsWith('Z_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED' || /unexpected end of file|incorrect header check|invalid (block|stored|distance|code)/i.test(e?.message ?? '')) {
    return new UnspunError('INPUT_TRUNCATED', display, `gzip: ${e.message}`, { cause: err });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UnspunError('INPUT_NOT_FOUND', display, undefined, { cause: err });
  if (code === 'ELOOP') return new UnspunError('INPUT_UNREADABLE', display, 'a loop of symbolic links (ELOOP)', { cause: err });
  if (code === 'EISDIR') return new UnspunError('INPUT_UNREADABLE', display, 'it is a folder; give one article file', { cause: err });
  if (code === 'EACCES' || code === 'EPERM') return new UnspunError('INPUT_UNREADABLE', display, `permission denied (${code})`, { cause: err });
  return new UnspunError('INPUT_UNREADABLE', display, `${code ? code + ': ' : ''}${e?.message ?? String(err)}`, { cause: err });
}

/** A raw read stream that reports bytes read from disk (for progress by file size). */
function openRaw(src: ByteSource, onBytes?: (n: number) => void): Readable {
  const raw = createReadStream(src.path, { highWaterMark: 256 * 1024 });
  if (onBytes) raw.on('data', (c) => onBytes((c as Buffer).length));
  return raw;
}

/**
 * Decompressed chunks of a file. A truncated or corrupt gzip throws INPUT_TRUNCATED after the
 * chunks before the damage have been yielded.
 */
export async function* streamChunks(src: ByteSource, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  const raw = openRaw(src, onBytes);
  let input: Readable = raw;
  if (src.gzip) {
    const gunzip = createGunzip();
    raw.on('error', (err) => gunzip.destroy(err));
    input = raw.pipe(gunzip);
  }
  try {
    for await (const chunk of input) yield chunk as Buffer;
  } catch (err) {
    throw ioError(err, src.display);
  } finally {
    raw.destroy();
    if (input !== raw) input.destroy();
  }
}

/**
 * All of an async byte stream, stopping as soon as more than `maxBytes` have arrived (the
 * source is then left unread). `known` is a size reported beforehand, used for the message.
 */
export async function collectBytes(chunks: AsyncIterable<Uint8Array | string>, display: string, maxBytes: number, opts: { gzip?: boolean; known?: number } = {}): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buf.length;
    if (total > maxBytes) throw tooLarge(display, opts.known && opts.known > maxBytes ? opts.known : total, maxBytes, !(opts.known && opts.known > maxBytes), opts.gzip);
    parts.push(buf);
  }
  return Buffer.concat(parts, total);
}

/**
 * The whole (decompressed) file, refusing more than `maxBytes` with INPUT_TOO_LARGE. A
 * regular file whose size is known to be over the limit is refused before reading; anything
 * else (devices, pipes, gzip) is counted while it is read.
 */
export async function readAllBytes(src: ByteSource, maxBytes: number, onBytes?: (n: number) => void): Promise<Buffer> {
  let known: number | undefined;
  try {
    const st = await stat(src.path);
    if (st.isDirectory()) throw new UnspunError('INPUT_UNREADABLE', src.display, 'it is a folder; give one article file');
    if (st.isFile()) known = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && (await lstat(src.path).catch(() => null))?.isSymbolicLink()) {
      throw new UnspunError('INPUT_UNREADABLE', src.display, 'a broken symbolic link', { cause: err });
    }
    throw ioError(err, src.display);
  }
  if (!src.gzip && known !== undefined && known > maxBytes) throw tooLarge(src.display, known, maxBytes);
  return collectBytes(streamChunks(src, onBytes), src.display, maxBytes, { gzip: src.gzip, known: src.gzip ? undefined : known });
}

/** Standard input, counted while read. */
export function readStdinBytes(maxBytes: number, stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  return collectBytes(stdin as AsyncIterable<Buffer>, 'stdin', maxBytes);
}

/**
 * INPUT_TOO_LARGE with honest numbers: "20.4 MB, limit 20.0 MB" when the size is known, and
 * "more than 20.0 MB (reading stopped at the limit)" when it is not (a pipe, a device, gzip).
 */
export function tooLarge(display: string, size: number, maxBytes: number, partial = false, gzip = false): UnspunError {
  const hint = 'raise it with --max-bytes';
  const detail = partial
    ? `more than the ${formatBytes(maxBytes)} limit${gzip ? ' after decompression' : ''} (reading stopped there; ${hint})`
    : `${bytesVersusLimit(size, maxBytes)} (${hint})`;
  return new UnspunError('INPUT_TOO_LARGE', display, detail);
}

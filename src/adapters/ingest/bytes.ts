/**
 * @module adapters/ingest/bytes
 * Reads input files as bytes: whole (for HTML, text, feeds) or as a stream of chunks (JSONL),
 * gunzipping `.gz` on the fly, enforcing the size limit on decompressed bytes (so a gzip bomb
 * stops early) and turning fs and zlib failures into one-line UnspunErrors naming the file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { UnspunError, isUnspunError } from '../../core/errors.ts';

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
  if (code === 'ENOENT') return new UnspunError('INPUT_NOT_FOUND', display, undefined, { cause: err });
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

/** The whole (decompressed) file, refusing more than `maxBytes` with INPUT_TOO_LARGE. */
export async function readAllBytes(src: ByteSource, maxBytes: number, onBytes?: (n: number) => void): Promise<Buffer> {
  if (!src.gzip) {
    let size: number;
    try {
      size = (await stat(src.path)).size;
    } catch (err) {
      throw ioError(err, src.display);
    }
    if (size > maxBytes) throw tooLarge(src.display, size, maxBytes);
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of streamChunks(src, onBytes)) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(src.display, total, maxBytes, src.gzip);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

export function tooLarge(display: string, size: number, maxBytes: number, partial = false): UnspunError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new UnspunError(
    'INPUT_TOO_LARGE',
    display,
    `${partial ? 'more than ' : ''}${mb(size)}${partial ? ' after decompression' : ''}, limit ${mb(maxBytes)} (raise it with --max-bytes)`,
  );
}

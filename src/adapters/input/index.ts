/**
 * @module adapters/input
 * The one input layer of the CLI, the HTTP server and ingestion: bytes read with the size
 * limit counted while reading (bytes.ts), decoded the same way whatever the source (decode.ts:
 * BOMs, UTF-16/32, charsets from headers and meta tags, invalid UTF-8 with its byte offset,
 * binary refused after decoding), and read as HTML or plain text by one rule (here). The
 * limits and their messages come from core/limits.ts.
 */
import { extname } from 'node:path';
import { UnspunError } from '../../core/errors.ts';
import { MAX_INPUT_BYTES } from '../../core/limits.ts';
import type { RawInput } from '../../core/types.ts';
import { readAllBytes, readStdinBytes } from './bytes.ts';
import { charsetFromContentType, decodeInput } from './decode.ts';

export { charsetFromContentType, decodeInput, decodeText, assertNotBinary, assertTextNotBinary } from './decode.ts';
export { collectBytes, ioError, readAllBytes, readStdinBytes, streamChunks, tooLarge, type ByteSource } from './bytes.ts';

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);

/** Markup at the start (after a BOM and whitespace), or a body/article/paragraph tag anywhere in the head. */
export function looksLikeHtml(head: string): boolean {
  const start = head.slice(0, 4096).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return /^<(!doctype|html|head|body|article|main|div|p|section|meta|title|!--)\b/.test(start) || /<(body|article|p)[\s>]/i.test(head.slice(0, 4096));
}

function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export interface TextInputOptions {
  /** A file name: its extension decides HTML or text when it is a known one. */
  fileName?: string;
  /** An HTTP Content-Type: its media type decides HTML or text, its charset the encoding. */
  contentType?: string | null;
  url?: string | null;
}

/**
 * Decoded bytes as a RawInput for the pipeline. HTML or text: a known extension, then a known
 * media type (text/html, text/plain), then what the text looks like.
 */
export function rawInputFromBytes(bytes: Uint8Array, name: string, opts: TextInputOptions = {}): RawInput {
  const type = mediaType(opts.contentType);
  const content = decodeInput(bytes, name, {
    headerCharset: charsetFromContentType(opts.contentType),
    headerAuthoritative: opts.contentType != null,
    sniffDeclared: true,
  });
  const ext = opts.fileName ? extname(opts.fileName).toLowerCase() : '';
  const kind: RawInput['kind'] = HTML_EXTENSIONS.has(ext)
    ? 'html'
    : TEXT_EXTENSIONS.has(ext)
      ? 'text'
      : type === 'text/html' || type === 'application/xhtml+xml'
        ? 'html'
        : type === 'text/plain'
          ? 'text'
          : looksLikeHtml(content)
            ? 'html'
            : 'text';
  return { kind, content, name, url: opts.url ?? null };
}

/**
 * The suspect of `unspun trace`: a file (regular, device or pipe) or "-" for stdin, read with
 * the byte limit counted while reading, decoded and sniffed by the rules above.
 */
export async function readSuspect(path: string, maxBytes = MAX_INPUT_BYTES): Promise<RawInput> {
  const name = path === '-' ? 'stdin' : path;
  const bytes = path === '-' ? await readStdinBytes(maxBytes) : await readAllBytes({ path, display: path, gzip: false }, maxBytes);
  if (bytes.length === 0) throw new UnspunError('INPUT_EMPTY', name);
  const input = rawInputFromBytes(bytes, name, { fileName: path === '-' ? undefined : path });
  return { ...input, name: path };
}

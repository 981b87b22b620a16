/**
 * @module adapters/cli/read-input
 * Reads the suspect for `unspun trace` from a file or stdin into a RawInput, turning every
 * way a file can be wrong (missing, a folder, empty, binary, not UTF-8, too large) into an
 * UnspunError that names the file. HTML pages that declare a legacy charset are decoded with
 * it; everything else must be UTF-8.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UnspunError } from '../../core/errors.ts';
import { BINARY_CONTROL_RATIO, BINARY_SNIFF_BYTES, DEFAULT_MAX_BYTES } from '../../core/index/settings.ts';
import type { RawInput } from '../../core/types.ts';

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);

export async function readSuspect(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<RawInput> {
  const name = path === '-' ? 'stdin' : path;
  const bytes = path === '-' ? await readStdin(maxBytes) : readFile(path, maxBytes);
  const ext = path === '-' ? '' : extname(path).toLowerCase();
  if (bytes.length === 0) throw new UnspunError('INPUT_EMPTY', name);
  if (looksBinary(bytes)) throw new UnspunError('INPUT_BINARY', name);
  const sniffedHtml = looksLikeHtml(bytes.subarray(0, 4096).toString('latin1'));
  const kind: RawInput['kind'] = HTML_EXTENSIONS.has(ext) ? 'html' : TEXT_EXTENSIONS.has(ext) ? 'text' : sniffedHtml ? 'html' : 'text';
  const content = decode(bytes, kind, name);
  if (content.trim().length === 0) throw new UnspunError('INPUT_EMPTY', name);
  return { kind, content, name: path };
}

function readFile(path: string, maxBytes: number): Buffer {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UnspunError('INPUT_UNREADABLE', path, 'it is a folder; give one article file');
    size = st.size;
  } catch (err) {
    if (err instanceof UnspunError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UnspunError('INPUT_NOT_FOUND', path);
    throw new UnspunError('INPUT_UNREADABLE', path, code ?? String(err));
  }
  if (size > maxBytes) throw new UnspunError('INPUT_TOO_LARGE', path, `${mb(size)} MB, limit ${mb(maxBytes)} MB`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UnspunError('INPUT_UNREADABLE', path, (err as NodeJS.ErrnoException).code ?? String(err));
  }
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buf.length;
    if (total > maxBytes) throw new UnspunError('INPUT_TOO_LARGE', 'stdin', `over ${mb(maxBytes)} MB`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** A NUL byte, or too many control characters, in the first bytes means binary (as git does). */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, BINARY_SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return head.length > 0 && control / head.length > BINARY_CONTROL_RATIO;
}

export function looksLikeHtml(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return /^<(!doctype|html|head|body|article|main|div|p|section|meta|title|!--)\b/.test(start) || /<(body|article|p)[\s>]/i.test(head);
}

function decode(bytes: Buffer, kind: RawInput['kind'], name: string): string {
  if (kind === 'html') {
    const declared = /<meta[^>]+charset=["']?\s*([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8') {
      try {
        return new TextDecoder(declared).decode(bytes);
      } catch {
        // Unknown label: fall through to strict UTF-8.
      }
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UnspunError('INPUT_ENCODING', name);
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** What a folder contributes: article files only (an answer key or README is not a copy). */
const ARTICLE_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.txt', '.text']);

/** Files named directly, plus the article files of each folder (recursively, sorted). */
export function expandInputs(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // Missing files are reported by readSuspect with the catalog's message.
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    const found = listArticles(p);
    if (found.length === 0) throw new UnspunError('INPUT_EMPTY', p, 'the folder holds no .html or .txt article files');
    out.push(...found);
  }
  return out;
}

function listArticles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listArticles(path));
    else if (ARTICLE_EXTENSIONS.has(extname(name).toLowerCase())) out.push(path);
  }
  return out;
}


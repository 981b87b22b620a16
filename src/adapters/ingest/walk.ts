/**
 * @module adapters/ingest/walk
 * Expands the paths a user gives into input files: folders recurse (following links, once per
 * real folder), the format comes from the extension (`.gz` stripped first), and anything that
 * cannot be read becomes an error item instead of stopping the walk.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { UnspunError } from '../../core/errors.ts';
import { ioError } from '../input/bytes.ts';
import type { InputFile, InputFormat } from './types.ts';

const EXTENSIONS: Record<string, InputFormat> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.shtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.warc': 'warc',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
};

/** Format and gzip flag from a file name, or null when the extension is not one we read. */
export function formatOf(name: string): { format: InputFormat; gzip: boolean } | null {
  const lower = name.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const dot = base.lastIndexOf('.');
  const format = dot >= 0 ? EXTENSIONS[base.slice(dot)] : undefined;
  return format ? { format, gzip } : null;
}

/** Guesses the format of a named file with an unknown extension from its first bytes. */
async function sniffFormat(path: string): Promise<InputFormat | null> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(1024), 0, 1024, 0);
    const head = buffer.subarray(0, bytesRead).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
    if (head.startsWith('WARC/')) return 'warc';
    // One object per line is JSON Lines; an array, or an object spread over lines, is JSON.
    if (head.startsWith('[')) return 'json';
    if (head.startsWith('{')) return /^\{[^\n]*\}\s*(\n|$)/.test(head) || !head.includes('\n') ? 'jsonl' : 'json';
    if (/^<\?xml[\s\S]*<(rss|feed|rdf:RDF)\b/i.test(head) || /^<(rss|feed)\b/i.test(head)) return 'feed';
    if (head.startsWith('<')) return 'html';
    return 'text';
  } finally {
    await fh.close();
  }
}

export interface WalkResult {
  files: InputFile[];
  /** Paths given that do not exist (the command exits 66 for these). */
  missing: UnspunError[];
  /** Files or folders inside the walk that could not be read. */
  errors: UnspunError[];
  /** Files skipped for an unknown extension inside folders. */
  skipped: string[];
}

/** Expands `paths` into input files, in a stable (sorted) order. */
export async function walkInputs(paths: string[]): Promise<WalkResult> {
  const out: WalkResult = { files: [], missing: [], errors: [], skipped: [] };
  const seenDirs = new Set<string>();

  const addFile = async (path: string, display: string, rel: string, size: number, explicit: boolean) => {
    let fmt = formatOf(path);
    if (!fmt && explicit) {
      try {
        const sniffed = await sniffFormat(path);
        fmt = sniffed ? { format: sniffed, gzip: false } : null;
      } catch (err) {
        out.errors.push(ioError(err, display));
        return;
      }
    }
    if (!fmt) {
      out.skipped.push(display);
      return;
    }
    out.files.push({ path, display, rel, size, ...fmt });
  };

  const walkDir = async (dir: string, display: string, root: string) => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (err) {
      out.errors.push(ioError(err, display));
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (err) {
      out.errors.push(ioError(err, display));
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const shown = join(display, name);
      let st;
      try {
        st = await stat(path);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        // A link whose target is gone: ENOENT on stat of a name readdir just listed.
        out.errors.push(
          e.code === 'ENOENT'
            ? new UnspunError('INPUT_UNREADABLE', shown, 'broken symbolic link', { cause: err })
            : ioError(err, shown),
        );
        continue;
      }
      if (st.isDirectory()) await walkDir(path, shown, root);
      else if (st.isFile()) await addFile(path, shown, relative(root, path).split(sep).join('/'), st.size, false);
      else if (formatOf(name)) out.errors.push(new UnspunError('INPUT_UNREADABLE', shown, 'not a regular file (a FIFO, socket or device)'));
      else out.skipped.push(shown);
    }
  };

  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      out.missing.push(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? new UnspunError('INPUT_NOT_FOUND', p) : ioError(err, p));
      continue;
    }
    if (st.isDirectory()) await walkDir(p, p, p);
    else if (st.isFile()) await addFile(p, p, basename(p), st.size, true);
    else out.errors.push(new UnspunError('INPUT_UNREADABLE', p, 'not a regular file (a FIFO, socket or device)'));
  }
  return out;
}

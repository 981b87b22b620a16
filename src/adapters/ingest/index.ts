/**
 * @module adapters/ingest
 * Reads reference articles from files and folders as one async stream:
 * JSONL (the corpus format), JSON arrays of articles, HTML, plain text, WARC and RSS/Atom
 * feeds, each optionally gzipped.
 * Every failure is an item (`{ ok: false, error }`) with a one-line message naming the file
 * (and line or record), so one bad input never stops or silently shortens a run.
 *
 *   walkInputs(paths)  -> InputFile[]        (walk.ts: folders, formats, unreadable entries)
 *   ingestFiles(files) -> IngestItem stream  (per format: jsonl.ts, document.ts, warc.ts, feed.ts)
 */
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { DEFAULT_MAX_BYTES } from '../../core/index/settings.ts';
import { readAllBytes } from '../input/bytes.ts';
import { decodeInput } from '../input/decode.ts';
import { documentToArticle } from './document.ts';
import { feedArticles } from './feed.ts';
import { readJson, readJsonl, readJsonlLines, type JsonlLine } from './jsonl.ts';
import type { IngestItem, IngestOptions, InputFile } from './types.ts';
import { walkInputs } from './walk.ts';
import { readWarc } from './warc.ts';

export type { IngestItem, IngestOptions, InputFile, InputFormat } from './types.ts';
export { walkInputs, formatOf, type WalkResult } from './walk.ts';
export { jsonlRecord, type JsonlLine } from './jsonl.ts';

/** Items of one whole-document file (HTML, text, feed). */
async function* readDocument(file: InputFile, maxBytes: number, onBytes?: (n: number) => void): AsyncGenerator<IngestItem> {
  const bytes = await readAllBytes(file, maxBytes, onBytes);
  const text = decodeInput(bytes, file.display, { sniffDeclared: file.format !== 'text' });
  if (file.format === 'feed') {
    for (const r of feedArticles(text, file.display, file.rel)) {
      yield r instanceof UnspunError ? { ok: false, file, error: r } : { ok: true, file, article: r };
    }
    return;
  }
  const kind = file.format === 'html' ? 'html' : 'text';
  yield { ok: true, file, article: documentToArticle({ kind, content: text, name: file.display }, file.rel) };
}

/** All articles of the given files, in order, with per-file and per-record errors as items. */
export function ingestFiles(files: InputFile[], opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  return readFiles(files, opts, false) as AsyncGenerator<IngestItem>;
}

/**
 * As ingestFiles, but a JSONL file yields its lines unparsed (jsonlRecord makes each an article
 * or an error), so the indexer can parse them in its worker threads.
 */
export function ingestFilesWithRawLines(files: InputFile[], opts: IngestOptions = {}): AsyncGenerator<IngestItem | JsonlLine> {
  return readFiles(files, opts, true);
}

async function* readFiles(files: InputFile[], opts: IngestOptions, rawLines: boolean): AsyncGenerator<IngestItem | JsonlLine> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const file of files) {
    if (file.size === 0) {
      yield { ok: false, file, error: new UnspunError('INPUT_EMPTY', file.display) };
      continue;
    }
    try {
      if (file.format === 'jsonl') yield* rawLines ? readJsonlLines(file, maxBytes, opts.onBytes) : readJsonl(file, maxBytes, opts.onBytes);
      else if (file.format === 'json') yield* readJson(file, maxBytes, opts.onBytes);
      else if (file.format === 'warc') yield* readWarc(file, maxBytes, opts.onBytes);
      else yield* readDocument(file, maxBytes, opts.onBytes);
    } catch (err) {
      const error = isUnspunError(err)
        ? err
        : new UnspunError('INTERNAL', file.display, (err as Error)?.message ?? String(err), { cause: err });
      yield { ok: false, file, error };
    }
  }
}

/**
 * Walks `paths` and streams their articles. Paths that do not exist and entries that cannot be
 * read come first, as error items; use walkInputs + ingestFiles to handle them separately.
 */
export async function* ingestPaths(paths: string[], opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const walk = await walkInputs(paths);
  for (const error of [...walk.missing, ...walk.errors]) yield { ok: false, file: null, error };
  yield* ingestFiles(walk.files, opts);
}

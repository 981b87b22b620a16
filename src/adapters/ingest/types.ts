/**
 * @module adapters/ingest/types
 * What ingestion yields: one item per article read, or per input that failed. A bad record
 * never stops the run; it becomes an error item naming the file (and line).
 */
import type { UnspunError } from '../../core/errors.ts';
import type { ReferenceArticle } from '../../core/types.ts';

export type InputFormat = 'jsonl' | 'json' | 'html' | 'text' | 'warc' | 'feed';

export interface InputFile {
  /** Path to open. */
  path: string;
  /** Path as the user would write it (the argument joined with the path inside a folder). */
  display: string;
  /** Path relative to the folder argument (the file name for a file argument), "/"-separated: the id prefix. */
  rel: string;
  format: InputFormat;
  /** `.gz` file, decompressed while reading (with Node's zlib, for every format). */
  gzip: boolean;
  /** Size on disk, for progress. */
  size: number;
}

export type IngestItem =
  | {
      ok: true;
      article: ReferenceArticle;
      file: InputFile;
      /** Where in the file it came from ("corpus.jsonl:12", "crawl.warc record 3 (at byte 1,024)"), for messages. */
      where?: string;
    }
  | { ok: false; error: UnspunError; file: InputFile | null };

export interface IngestOptions {
  /** Largest single document / JSONL line / WARC record, decompressed (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Called with the number of bytes read from disk, for progress. */
  onBytes?: (n: number) => void;
}

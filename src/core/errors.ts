/**
 * @module core/errors
 * One catalog of faults with stable codes. Expected "nothing found" outcomes are values,
 * never errors. Edges map `code` to a CLI exit code and an HTTP status.
 */

export const ERROR_CATALOG = {
  INPUT_NOT_FOUND: { exit: 66, http: 404, message: 'no such file or folder' },
  INPUT_UNREADABLE: { exit: 66, http: 400, message: 'cannot be read' },
  INPUT_EMPTY: { exit: 65, http: 422, message: 'is empty' },
  INPUT_BINARY: { exit: 65, http: 422, message: 'looks like binary data, not text or HTML' },
  INPUT_ENCODING: { exit: 65, http: 422, message: 'is not valid UTF-8 text' },
  INPUT_TOO_LARGE: { exit: 65, http: 413, message: 'is larger than the size limit' },
  INPUT_TRUNCATED: { exit: 65, http: 422, message: 'is truncated or corrupt' },
  INPUT_MALFORMED: { exit: 65, http: 400, message: 'is malformed' },
  /** A measured size other than bytes (sentences, words, elements, comparisons) over a limit of core/limits.ts. */
  INPUT_OVER_LIMIT: { exit: 65, http: 413, message: 'is over a processing limit' },
  /** A batch run (e.g. `unspun index`) finished but some of its inputs failed; the rest were processed. */
  INPUT_PARTIAL: { exit: 65, http: 422, message: 'some inputs could not be read' },
  INPUT_UNSUPPORTED: { exit: 64, http: 415, message: 'is of an unsupported type' },
  NO_ARTICLE: { exit: 65, http: 422, message: 'contains no readable article text' },
  STORE_OPEN_FAILED: { exit: 74, http: 500, message: 'the corpus store could not be opened' },
  STORE_SCHEMA: { exit: 74, http: 500, message: 'the corpus store has an unknown schema version' },
  STORE_WRITE_FAILED: { exit: 74, http: 500, message: 'writing to the corpus store failed' },
  NOT_FOUND: { exit: 66, http: 404, message: 'not found' },
  DATASET_MISSING: { exit: 66, http: 500, message: 'a benchmark dataset is missing' },
  DATASET_MALFORMED: { exit: 65, http: 500, message: 'a benchmark dataset is malformed' },
  USAGE: { exit: 64, http: 400, message: 'invalid arguments' },
  TIMEOUT: { exit: 75, http: 503, message: 'timed out' },
  INTERNAL: { exit: 70, http: 500, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/**
 * A fault with a stable code. `subject` names the input at fault (a path, a URL, "stdin",
 * "line 12 of corpus.jsonl") so that the one-line message says what and where.
 */
export class UnspunError extends Error {
  readonly code: ErrorCode;
  readonly subject: string | null;

  constructor(code: ErrorCode, subject: string | null, detail?: string, options?: { cause?: unknown }) {
    const base = ERROR_CATALOG[code].message;
    const text = [subject ? `${subject}: ${base}` : base, detail].filter(Boolean).join(': ');
    super(text, options);
    this.name = 'UnspunError';
    this.code = code;
    this.subject = subject;
  }

  get exitCode(): number {
    return ERROR_CATALOG[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CATALOG[this.code].http;
  }
}

export function isUnspunError(value: unknown): value is UnspunError {
  return value instanceof UnspunError;
}

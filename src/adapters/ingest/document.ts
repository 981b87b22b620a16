/**
 * @module adapters/ingest/document
 * Single documents (HTML pages, plain-text files, feed items, WARC payloads) through the
 * extract stage into ReferenceArticles. Ids are `<rel>#<first 16 hex of the content hash>`:
 * stable across runs and machines, and distinct for each version of a page.
 */
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { extractArticle } from '../../core/extract/index.ts';
import { contentHash } from '../../core/index/index.ts';
import type { RawInput, ReferenceArticle } from '../../core/types.ts';

/** Extracts an article from `input`; throws NO_ARTICLE (naming `input.name`) when no body text is left. */
export function documentToArticle(input: RawInput, idPrefix: string, outlet: string | null = null): ReferenceArticle {
  if (input.content.trim() === '') throw new UnspunError('INPUT_EMPTY', input.name);
  let extracted;
  try {
    extracted = extractArticle(input);
  } catch (err) {
    if (isUnspunError(err)) throw err;
    throw new UnspunError('INPUT_MALFORMED', input.name, `extraction failed: ${(err as Error).message}`, { cause: err });
  }
  const text = extracted.text.trim();
  if (text === '') throw new UnspunError('NO_ARTICLE', input.name);
  return {
    id: `${idPrefix}#${contentHash(text).slice(0, 16)}`,
    outlet,
    title: extracted.title,
    byline: extracted.byline,
    published: extracted.published,
    url: extracted.url ?? input.url ?? null,
    text,
  };
}

/** The host of a URL without "www.", as a stand-in outlet name; null when not a URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

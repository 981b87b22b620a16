/**
 * @module core/index
 * The index stage: turns a reference article into what the store keeps (content hash for
 * change detection, LSH band keys for near-copy search, term hashes for document frequencies
 * and rare-term postings, the publication day for date windows). Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { ReferenceArticle } from '../types.ts';
import type { IndexRecord } from '../store.ts';
import { normalizeForHash } from '../text/tokens.ts';
import { fingerprintBands } from './fingerprint.ts';
import { articleTerms, publishedDay } from './terms.ts';
import { articlePhraseCounts } from '../phrases/ngrams.ts';

export { fingerprintBands, minhashSignature, bandsFromSignature, estimateJaccard, shingleHashes } from './fingerprint.ts';
export { articleTerms, publishedDay, monthOfDay, termHash, wordTermHash, termOfNorm } from './terms.ts';

/** SHA-1 (hex) of the body after normalizeForHash: whitespace and quote styles do not count as changes. */
export function contentHash(text: string): string {
  return createHash('sha1').update(normalizeForHash(text)).digest('hex');
}

/** Hash, fingerprint and term-count an article for the store, with its n-gram counts for the phrase model. */
export function prepareIndexRecord(article: ReferenceArticle): IndexRecord {
  return indexRecordWithHash(article, contentHash(article.text));
}

/** prepareIndexRecord when the content hash is already known (the indexer hashes first to skip stored articles). */
export function indexRecordWithHash(article: ReferenceArticle, hash: string): IndexRecord {
  const { terms, postable } = articleTerms(article);
  return {
    article,
    contentHash: hash,
    bands: fingerprintBands(article.text),
    terms,
    postable,
    day: publishedDay(article.published),
    phrases: articlePhraseCounts(article.text),
  };
}

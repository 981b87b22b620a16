/**
 * @module core/index
 * The index stage: turns a reference article into what the store keeps (content hash for
 * change detection, LSH band keys for near-copy search). Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { ReferenceArticle } from '../types.ts';
import type { IndexRecord } from '../store.ts';
import { normalizeForHash } from '../text/tokens.ts';
import { fingerprintBands } from './fingerprint.ts';
import { articlePhraseCounts } from '../phrases/ngrams.ts';

export { fingerprintBands, minhashSignature, bandsFromSignature, estimateJaccard, shingleHashes } from './fingerprint.ts';

/** SHA-1 (hex) of the body after normalizeForHash: whitespace and quote styles do not count as changes. */
export function contentHash(text: string): string {
  return createHash('sha1').update(normalizeForHash(text)).digest('hex');
}

/** Hash and fingerprint an article for the store, with its n-gram counts for the phrase model. */
export function prepareIndexRecord(article: ReferenceArticle): IndexRecord {
  return { article, contentHash: contentHash(article.text), bands: fingerprintBands(article.text), phrases: articlePhraseCounts(article.text) };
}

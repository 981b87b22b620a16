/**
 * @module core/store
 * The corpus store interface. The core depends only on this; implementations live in
 * `src/adapters/store-*` and must all pass the one contract suite in
 * `test/store-contract.ts`. Methods are async so a networked store (PostgreSQL) fits the
 * same shape as the embedded SQLite one.
 */
import type { ReferenceArticle } from './types.ts';

/** What the index stage hands to the store for one article. Built by pure core code. */
export interface IndexRecord {
  article: ReferenceArticle;
  /** Hash of the normalised body; re-indexing the same content is a no-op. */
  contentHash: string;
  /** LSH band keys of the body's MinHash signature (see core/retrieve/fingerprint.ts). */
  bands: number[];
  /**
   * The body's word n-gram counts as [phrase key, count] pairs (core/phrases/ngrams.ts), for
   * stores that keep phrase statistics (PhraseStats); others ignore it.
   */
  phrases?: [number, number][];
}

export interface PutResult {
  added: number;
  /** Same id and same content hash already stored. */
  unchanged: number;
  /** Same id, new content: replaced. */
  replaced: number;
}

export interface TextHit {
  id: string;
  /** Higher is better (negated FTS5 bm25). */
  score: number;
}

export interface FingerprintHit {
  id: string;
  /** Number of LSH bands shared with the query. */
  sharedBands: number;
}

export interface Store {
  /** Number of reference articles stored. */
  count(): Promise<number>;
  /** Writes a batch in one transaction: either all of it is stored or none. */
  put(records: IndexRecord[]): Promise<PutResult>;
  /** Content hashes already stored, of those asked for (to skip work on re-index). */
  knownHashes(hashes: string[]): Promise<Set<string>>;
  get(id: string): Promise<ReferenceArticle | null>;
  /** In the order asked, skipping unknown ids. */
  getMany(ids: string[]): Promise<ReferenceArticle[]>;
  /** Ranked full-text search (BM25) for any of the given words. */
  searchText(words: string[], limit: number): Promise<TextHit[]>;
  /** In how many stored articles each word occurs (as the full-text index matches it). */
  documentFrequency(words: string[]): Promise<Map<string, number>>;
  /** Articles sharing LSH bands with the query, most shared first. */
  searchFingerprint(bands: number[], limit: number): Promise<FingerprintHit[]>;
  close(): Promise<void>;
}

/**
 * An optional capability of a store: how often each word n-gram (unigrams and bigrams, as
 * core/phrases/ngrams.ts articlePhraseCounts lists them, keyed by phraseKey) occurs in the stored articles, kept up to date by
 * put() in the same transaction as the articles (a replaced article's old counts are taken
 * away). The single-article checks read it as their phrase model. Implementations pass the
 * phrase-statistics cases of test/store-contract.ts.
 */
export interface PhraseStats {
  /** Count of each asked key; keys never seen may be left out of the map (they count 0). */
  phraseCounts(keys: number[]): Promise<Map<number, number>>;
}

export function hasPhraseStats(store: Store): store is Store & PhraseStats {
  return typeof (store as Partial<PhraseStats>).phraseCounts === 'function';
}

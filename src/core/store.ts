/**
 * @module core/store
 * The corpus store interfaces. The core depends only on these; implementations live in
 * `src/adapters/store-*` and must all pass the one contract suite in `test/store-contract.ts`.
 * Methods are async so a networked store (PostgreSQL) fits the same shape as the embedded
 * SQLite one.
 *
 * A store is two things written together by `put`:
 * - an {@link ArticleStore}: the reference articles by id, with content hashes;
 * - a {@link CandidateIndex}: what the retrieve stage looks up to find candidates without
 *   reading the corpus: per-term document frequencies, rare-term postings (capped, see
 *   core/index/terms.ts) and MinHash LSH band keys. Every lookup is bounded by the suspect,
 *   not by the number of articles.
 * Optional capabilities (full-text BM25, and those other features add) are separate small
 * interfaces with a type guard, so a store implements only what it can do well.
 */
import type { ReferenceArticle } from './types.ts';

/** What the index stage hands to the store for one article. Built by pure core code. */
export interface IndexRecord {
  article: ReferenceArticle;
  /** Hash of the normalised body; re-indexing the same content is a no-op. */
  contentHash: string;
  /** LSH band keys of the body's MinHash signature (see core/index/fingerprint.ts). */
  bands: number[];
  /** Distinct term hashes of title and body (core/index/terms.ts), for document frequencies. */
  terms: number[];
  /** The subset of `terms` that may be posted (and queried). */
  postable: number[];
  /** Publication day (days since 1970-01-01), null when undated: for date windows and partitions. */
  day: number | null;
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

/** A query word with the weight its match is worth (IDF times a boost). */
export interface WeightedWord {
  word: string;
  weight: number;
}

export interface TermHit {
  id: string;
  /** Sum of the weights of the query words the article holds. Higher is better. */
  score: number;
}

/** An inclusive range of publication days (core/index/terms.ts publishedDay). */
export interface DayWindow {
  from: number;
  to: number;
}

export interface TermSearchOptions {
  limit: number;
  /**
   * Only articles published in this window, plus undated ones (a copy appears within days of
   * its source). Absent: the whole corpus.
   */
  window?: DayWindow | null;
}

export interface ArticleStore {
  /** Number of reference articles stored. O(1): kept as a counter, never a scan. */
  count(): Promise<number>;
  /** Writes a batch in one transaction: either all of it is stored or none. */
  put(records: IndexRecord[]): Promise<PutResult>;
  /** Content hashes already stored, of those asked for (to skip work on re-index). */
  knownHashes(hashes: string[]): Promise<Set<string>>;
  get(id: string): Promise<ReferenceArticle | null>;
  /** In the order asked, skipping unknown ids. */
  getMany(ids: string[]): Promise<ReferenceArticle[]>;
  close(): Promise<void>;
}

export interface CandidateIndex {
  /**
   * A term's postings are kept while its document frequency is at or under this many
   * articles (core/index/settings POSTINGS_DF_CAP unless the store was made with another).
   */
  readonly postingsDfCap: number;
  /**
   * In how many stored articles each word occurs, keyed by the input word; words count as
   * their term (stemmed, core/index/terms.ts), so "Harbours" counts "harbour". Function words
   * count 0. Kept incrementally by put: a point lookup per word.
   */
  documentFrequency(words: string[]): Promise<Map<string, number>>;
  /**
   * Articles holding any of the words, by the summed weight of the words they hold, best
   * first (ties: earliest stored first). Only words whose document frequency is within the
   * postings cap have postings; others match nothing.
   */
  searchTerms(words: WeightedWord[], options: TermSearchOptions): Promise<TermHit[]>;
  /** Articles sharing LSH bands with the query, most shared first. */
  searchFingerprint(bands: number[], limit: number): Promise<FingerprintHit[]>;
}

/** The corpus store: articles and their candidate index, written together. */
export interface Store extends ArticleStore, CandidateIndex {}

/** Optional: ranked full-text search (BM25) over every word. The SQLite store has it (FTS5). */
export interface FullTextSearch {
  /** Ranked full-text search (BM25) for any of the given words. */
  searchText(words: string[], limit: number): Promise<TextHit[]>;
}

export function hasFullText<S extends object>(store: S): store is S & FullTextSearch {
  return typeof (store as Partial<FullTextSearch>).searchText === 'function';
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

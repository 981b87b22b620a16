/**
 * @module adapters/store-sqlite
 * The embedded corpus store: one SQLite file (WAL) holding articles, an external-content FTS5
 * index (porter + unicode61) for BM25 search, an fts5vocab view for document frequencies,
 * and LSH band keys for near-copy search. Implements core/store's Store and passes
 * test/store-contract.ts.
 *
 * Other adapters may keep their own tables in the same file: use `database` for the
 * better-sqlite3 handle and `getMeta`/`setMeta` for their own schema-version keys.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import type { FingerprintHit, IndexRecord, PhraseStats, PutResult, Store, TextHit } from '../../core/store.ts';
import { articlePhraseCounts, PHRASE_KEY_VERSION } from '../../core/phrases/ngrams.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { CREATE_PHRASE_COUNTS, GENERATION_KEY, PHRASE_STATS_KEY, TERM_DF_GENERATION_KEY, ensureSchema } from './schema.ts';

export { SCHEMA_VERSION, SCHEMA_VERSION_KEY } from './schema.ts';

export interface SqliteStoreOptions {
  /** Open an existing store for reading only (no schema creation, no writes). */
  readonly?: boolean;
  /** SQLite page cache in MB (default 64): bigger speeds up bulk indexing. */
  cacheMb?: number;
}

interface ArticleRow {
  pk: number;
  id: string;
  outlet: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  url: string | null;
  text: string;
}

const ARTICLE_COLUMNS = 'pk, id, outlet, title, byline, published, url, text';

function toArticle(r: ArticleRow): ReferenceArticle {
  return { id: r.id, outlet: r.outlet, title: r.title, byline: r.byline, published: r.published, url: r.url, text: r.text };
}

/** FTS5 phrase for one word: double-quoted with inner quotes doubled, so no word is read as syntax. */
function ftsPhrase(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** Words that can match anything in FTS5 (have a letter or digit), deduplicated. */
function searchableWords(words: string[]): string[] {
  return [...new Set(words.filter((w) => typeof w === 'string' && /[\p{L}\p{N}]/u.test(w)))];
}

function nullableString(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`${field} must be a string or null`);
  return v;
}

export class SqliteStore implements Store, PhraseStats {
  readonly path: string;
  readonly readonly: boolean;
  private db: Database.Database | null;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;

  constructor(db: Database.Database, path: string, readonly: boolean) {
    this.db = db;
    this.path = path;
    this.readonly = readonly;
    this.stmts = this.prepare(db);
  }

  private prepare(db: Database.Database) {
    return {
      count: db.prepare('SELECT count(*) AS n FROM articles'),
      byId: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`),
      byIds: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`),
      existing: db.prepare('SELECT pk, content_hash FROM articles WHERE id = ?'),
      textByPk: db.prepare('SELECT text FROM articles WHERE pk = ?'),
      known: db.prepare('SELECT DISTINCT content_hash AS h FROM articles WHERE content_hash IN (SELECT value FROM json_each(?))'),
      search: db.prepare(
        `SELECT a.id AS id, -f.rank AS score FROM
           (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) AS f
         JOIN articles a ON a.pk = f.rowid ORDER BY f.rank`,
      ),
      vocab: db.prepare('SELECT doc FROM articles_vocab WHERE term = ?'),
      phraseCount: db.prepare('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?'),
      fingerprint: db.prepare(
        `SELECT a.id AS id, s.shared AS sharedBands FROM
           (SELECT article, count(*) AS shared FROM bands WHERE key IN (SELECT value FROM json_each(?))
            GROUP BY article ORDER BY shared DESC, article LIMIT ?) AS s
         JOIN articles a ON a.pk = s.article ORDER BY s.shared DESC, s.article`,
      ),
    };
  }

  private writeStmts: {
    insert: Database.Statement;
    update: Database.Statement;
    delBands: Database.Statement;
    addBand: Database.Statement;
  } | null = null;

  /** Phrase counts (multi-term words cost a full-text query each), valid for one generation. */
  private phraseCache = new Map<string, number>();
  private phraseCacheGeneration = '';

  private probe: { clear: Database.Statement; add: Database.Statement; terms: Database.Statement } | null = null;

  /** The underlying better-sqlite3 handle, for adapters that keep their own tables in this file. */
  get database(): Database.Database {
    return this.open();
  }

  private open(): Database.Database {
    if (!this.db) throw new UnspunError('STORE_OPEN_FAILED', this.path, 'the store is closed');
    return this.db;
  }

  getMeta(key: string): string | null {
    const row = this.open().prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  setMeta(key: string, value: string): void {
    this.open().prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
  }

  async count(): Promise<number> {
    this.open();
    return (this.stmts.count.get() as { n: number }).n;
  }

  async put(records: IndexRecord[]): Promise<PutResult> {
    const db = this.open();
    if (this.readonly) throw new UnspunError('STORE_WRITE_FAILED', this.path, 'the store was opened read-only');
    this.writeStmts ??= {
      insert: db.prepare(
        `INSERT INTO articles (id, outlet, title, byline, published, url, text, content_hash)
         VALUES (@id, @outlet, @title, @byline, @published, @url, @text, @hash)`,
      ),
      update: db.prepare(
        `UPDATE articles SET outlet = @outlet, title = @title, byline = @byline, published = @published,
           url = @url, text = @text, content_hash = @hash WHERE pk = @pk`,
      ),
      delBands: db.prepare('DELETE FROM bands WHERE article = ?'),
      addBand: db.prepare('INSERT OR IGNORE INTO bands (key, article) VALUES (?, ?)'),
    };
    const w = this.writeStmts;
    const result: PutResult = { added: 0, unchanged: 0, replaced: 0 };
    const write = db.transaction((batch: IndexRecord[]) => {
      this.ensurePhraseCounts();
      const phraseDelta = new Map<number, number>();
      const addPhrases = (pairs: [number, number][], sign: number) => {
        for (const [k, n] of pairs) phraseDelta.set(k, (phraseDelta.get(k) ?? 0) + sign * n);
      };
      batch.forEach((rec, i) => {
        const label = `record ${i + 1} of ${batch.length}${typeof rec?.article?.id === 'string' ? ` (id ${JSON.stringify(rec.article.id)})` : ''}`;
        try {
          const a = rec.article;
          if (typeof a?.id !== 'string' || a.id.length === 0) throw new Error('id must be a non-empty string');
          if (typeof a.text !== 'string') throw new Error('text must be a string');
          if (typeof rec.contentHash !== 'string' || rec.contentHash.length === 0) throw new Error('contentHash is missing');
          if (!Array.isArray(rec.bands) || !rec.bands.every((k) => Number.isSafeInteger(k))) {
            throw new Error('bands must be integers');
          }
          if (rec.phrases !== undefined && (!Array.isArray(rec.phrases) || !rec.phrases.every((p) => Array.isArray(p) && Number.isSafeInteger(p[0]) && Number.isSafeInteger(p[1])))) {
            throw new Error('phrases must be [key, count] integer pairs');
          }
          const params = {
            id: a.id,
            outlet: nullableString(a.outlet, 'outlet'),
            title: nullableString(a.title, 'title'),
            byline: nullableString(a.byline, 'byline'),
            published: nullableString(a.published, 'published'),
            url: nullableString(a.url, 'url'),
            text: a.text,
            hash: rec.contentHash,
          };
          const old = this.stmts.existing.get(a.id) as { pk: number; content_hash: string } | undefined;
          let pk: number;
          if (old && old.content_hash === rec.contentHash) {
            result.unchanged++;
            return;
          } else if (old) {
            const oldText = (this.stmts.textByPk.get(old.pk) as { text: string }).text;
            addPhrases(articlePhraseCounts(oldText), -1);
            w.update.run({ ...params, pk: old.pk });
            w.delBands.run(old.pk);
            pk = old.pk;
            result.replaced++;
          } else {
            pk = Number(w.insert.run(params).lastInsertRowid);
            result.added++;
          }
          for (const key of rec.bands) w.addBand.run(key, pk);
          addPhrases(rec.phrases ?? articlePhraseCounts(a.text), 1);
        } catch (err) {
          throw new UnspunError('STORE_WRITE_FAILED', this.path, `${label}: ${(err as Error).message}; nothing in this batch was written`, {
            cause: err,
          });
        }
      });
      this.applyPhraseDelta(phraseDelta);
      if (result.added + result.replaced > 0) this.bumpGeneration();
    });
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout) instead of failing.
    write.immediate(records);
    return result;
  }

  /**
   * Creates the phrase-count table when missing and, for a store made before it existed (or
   * with keys of another version), counts the articles already stored. Runs inside put's
   * transaction, so the counts never disagree with the articles.
   */
  private ensurePhraseCounts(): void {
    const db = this.open();
    if (this.getMeta(PHRASE_STATS_KEY) === String(PHRASE_KEY_VERSION)) return;
    db.exec(CREATE_PHRASE_COUNTS);
    db.exec('DELETE FROM phrase_counts');
    const delta = new Map<number, number>();
    for (const row of db.prepare('SELECT text FROM articles').iterate() as IterableIterator<{ text: string }>) {
      for (const [k, n] of articlePhraseCounts(row.text)) delta.set(k, (delta.get(k) ?? 0) + n);
    }
    this.applyPhraseDelta(delta);
    this.setMeta(PHRASE_STATS_KEY, String(PHRASE_KEY_VERSION));
  }

  private applyPhraseDelta(delta: Map<number, number>): void {
    if (delta.size === 0) return;
    const db = this.open();
    const upsert = db.prepare('INSERT INTO phrase_counts (key, n) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET n = n + excluded.n');
    const drop = db.prepare('DELETE FROM phrase_counts WHERE key = ? AND n <= 0');
    for (const [k, n] of delta) {
      if (n === 0) continue;
      upsert.run(k, n);
      if (n < 0) drop.run(k);
    }
  }

  async phraseCounts(keys: number[]): Promise<Map<number, number>> {
    const db = this.open();
    const out = new Map<number, number>();
    const wanted = [...new Set(keys.filter((k) => Number.isSafeInteger(k)))];
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'phrase_counts'").get();
    if (!hasTable || wanted.length === 0 || this.getMeta(PHRASE_STATS_KEY) !== String(PHRASE_KEY_VERSION)) return out;
    const stmt = db.prepare('SELECT key, n FROM phrase_counts WHERE key IN (SELECT value FROM json_each(?))');
    for (let i = 0; i < wanted.length; i += 5000) {
      for (const r of stmt.all(JSON.stringify(wanted.slice(i, i + 5000))) as { key: number; n: number }[]) out.set(r.key, r.n);
    }
    return out;
  }

  /** Marks derived statistics (term_df) stale; runs inside put's transaction. */
  private bumpGeneration(): void {
    const db = this.open();
    db.prepare(
      `INSERT INTO meta(key, value) VALUES (?, '1')
       ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
    ).run(GENERATION_KEY);
  }

  /** True when term_df matches the current articles. */
  private termDfFresh(): boolean {
    const db = this.open();
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'term_df'").get();
    return Boolean(hasTable) && (this.getMeta(TERM_DF_GENERATION_KEY) ?? '') === (this.getMeta(GENERATION_KEY) ?? '0');
  }

  /**
   * Rebuilds the materialised document frequencies when articles changed since the last
   * build (~1.5 s at 65k articles). `unspun index` calls it at the end of a run; a writable
   * store also calls it lazily from documentFrequency. Returns whether it rebuilt.
   */
  async refreshStats(): Promise<boolean> {
    const db = this.open();
    if (this.readonly || this.termDfFresh()) return false;
    db.transaction(() => {
      db.exec('DELETE FROM term_df; INSERT INTO term_df (term, n) SELECT term, doc FROM articles_vocab;');
      this.setMeta(TERM_DF_GENERATION_KEY, this.getMeta(GENERATION_KEY) ?? '0');
    })();
    return true;
  }

  async knownHashes(hashes: string[]): Promise<Set<string>> {
    this.open();
    if (hashes.length === 0) return new Set();
    const rows = this.stmts.known.all(JSON.stringify(hashes)) as { h: string }[];
    return new Set(rows.map((r) => r.h));
  }

  async get(id: string): Promise<ReferenceArticle | null> {
    this.open();
    const row = this.stmts.byId.get(id) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  }

  async getMany(ids: string[]): Promise<ReferenceArticle[]> {
    this.open();
    if (ids.length === 0) return [];
    const rows = this.stmts.byIds.all(JSON.stringify(ids)) as ArticleRow[];
    const byId = new Map(rows.map((r) => [r.id, toArticle(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async searchText(words: string[], limit: number): Promise<TextHit[]> {
    this.open();
    const terms = searchableWords(words);
    if (terms.length === 0 || limit <= 0) return [];
    return this.stmts.search.all(terms.map(ftsPhrase).join(' OR '), limit) as TextHit[];
  }

  /**
   * Runs each word through FTS5's own tokenizer (a scratch FTS5 table in the connection's temp
   * schema, same tokenize options), so the counts use exactly the terms the index holds; npm's
   * Porter stemmer differs from FTS5's on some words. One-term words read the fts5vocab row
   * table (materialised in term_df, see refreshStats); words that tokenize to several terms
   * ("U.S.", "covid-19", "120,000") are counted as phrases.
   */
  async documentFrequency(words: string[]): Promise<Map<string, number>> {
    const db = this.open();
    const out = new Map<string, number>();
    const unique = [...new Set(words)];
    if (unique.length === 0) return out;
    if (!this.probe) {
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.df_probe USING fts5(w, tokenize='porter unicode61 remove_diacritics 2');
               CREATE VIRTUAL TABLE IF NOT EXISTS temp.df_probe_terms USING fts5vocab(temp, df_probe, instance);`);
      this.probe = {
        clear: db.prepare('DELETE FROM temp.df_probe'),
        add: db.prepare('INSERT INTO temp.df_probe(rowid, w) VALUES (?, ?)'),
        terms: db.prepare('SELECT doc, term FROM temp.df_probe_terms ORDER BY doc, offset'),
      };
    }
    const p = this.probe;
    const termsOf = new Map<number, string[]>();
    db.transaction(() => {
      p.clear.run();
      unique.forEach((w, i) => p.add.run(i + 1, typeof w === 'string' ? w : ''));
      for (const r of p.terms.all() as { doc: number; term: string }[]) {
        const list = termsOf.get(r.doc) ?? [];
        list.push(r.term);
        termsOf.set(r.doc, list);
      }
      p.clear.run();
    })();
    await this.refreshStats();
    const generation = this.getMeta(GENERATION_KEY) ?? '0';
    if (generation !== this.phraseCacheGeneration || this.phraseCache.size > 50_000) {
      this.phraseCache.clear();
      this.phraseCacheGeneration = generation;
    }
    // A read-only store with stale statistics reads fts5vocab directly: slower, same counts.
    const single = this.termDfFresh() ? db.prepare('SELECT n AS doc FROM term_df WHERE term = ?') : this.stmts.vocab;
    unique.forEach((w, i) => {
      const terms = termsOf.get(i + 1) ?? [];
      let n = 0;
      if (terms.length === 1) {
        n = (single.get(terms[0]) as { doc: number } | undefined)?.doc ?? 0;
      } else if (terms.length > 1) {
        const phrase = ftsPhrase(terms.join(' '));
        const cached = this.phraseCache.get(phrase);
        n = cached ?? (this.stmts.phraseCount.get(phrase) as { n: number }).n;
        if (cached === undefined) this.phraseCache.set(phrase, n);
      }
      out.set(w, n);
    });
    return out;
  }

  async searchFingerprint(bands: number[], limit: number): Promise<FingerprintHit[]> {
    this.open();
    const keys = [...new Set(bands.filter((k) => Number.isSafeInteger(k)))];
    if (keys.length === 0 || limit <= 0) return [];
    return this.stmts.fingerprint.all(JSON.stringify(keys), limit) as FingerprintHit[];
  }

  async close(): Promise<void> {
    if (!this.db) return;
    const db = this.db;
    this.db = null;
    if (!this.readonly) {
      try {
        db.pragma('optimize');
      } catch {
        // best effort
      }
    }
    db.close();
  }
}

/**
 * Opens (creating if needed, unless readonly) the store at `path`. Throws STORE_OPEN_FAILED
 * naming the path when it is a folder, not a SQLite file, or cannot be created; STORE_SCHEMA
 * when the file is an unknown version or not an unspun store.
 */
export async function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const readonly = opts.readonly ?? false;
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // missing is fine unless read-only; better-sqlite3 reports it
  }
  if (isDir) throw new UnspunError('STORE_OPEN_FAILED', path, 'it is a folder, not a database file');
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
    if (!readonly) db.pragma('journal_mode = WAL');
    // NORMAL is durable to application crashes in WAL mode; a power cut may lose the last commits only.
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${-1024 * (opts.cacheMb ?? 64)}`);
    db.pragma('busy_timeout = 5000');
    ensureSchema(db, path, readonly);
    return new SqliteStore(db, path, readonly);
  } catch (err) {
    db?.close();
    if (isUnspunError(err)) throw err;
    const msg = (err as Error).message;
    const detail = /not a database/i.test(msg) ? 'not a SQLite database file' : msg;
    throw new UnspunError('STORE_OPEN_FAILED', path, detail, { cause: err });
  }
}

/**
 * @module adapters/store-sqlite
 * The embedded corpus store: one SQLite file (WAL) holding articles, an external-content FTS5
 * index (porter + unicode61) for BM25 search on small corpora, and the candidate index of
 * core/store: per-term document frequencies and capped rare-term postings, both kept by put
 * (no rebuild after indexing), LSH band keys, and the article count in meta (count() reads one
 * row), and line keys per site page. Implements core/store's Store and FullTextSearch and
 * the SiteLineStore capability (core/site-lines.ts), and passes test/store-contract.ts.
 *
 * Other adapters may keep their own tables in the same file: use `database` for the
 * better-sqlite3 handle and `getMeta`/`setMeta` for their own schema-version keys.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UnspunError, isUnspunError } from '../../core/errors.ts';
import { checkSitePage, lineKeyNumber, type SiteLineStore, type SitePageLines } from '../../core/site-lines.ts';
import { articleTerms, wordTermHash } from '../../core/index/terms.ts';
import { POSTINGS_DF_CAP } from '../../core/index/settings.ts';
import { articlePhraseCounts, PHRASE_KEY_VERSION } from '../../core/phrases/ngrams.ts';
import type {
  FingerprintHit,
  FullTextSearch,
  IndexRecord,
  PhraseStats,
  PutResult,
  Store,
  TermHit,
  TermSearchOptions,
  TextHit,
  WeightedWord,
} from '../../core/store.ts';
import type { ReferenceArticle } from '../../core/types.ts';
import { KeyTally } from './key-tally.ts';
import { COUNT_KEY, CREATE_PHRASE_COUNTS, PHRASE_STATS_KEY, UNDATED_DAY, beginUpgrade, ensureSchema, finishUpgrade } from './schema.ts';

export { SCHEMA_VERSION, SCHEMA_VERSION_KEY } from './schema.ts';

export interface SqliteStoreOptions {
  /** Open an existing store for reading only (no schema creation, no writes). */
  readonly?: boolean;
  /** SQLite page cache in MB (default 64): bigger speeds up bulk indexing. */
  cacheMb?: number;
  /** Postings cap for a new store (default POSTINGS_DF_CAP); an existing store keeps its own. */
  postingsDfCap?: number;
  /** Called every few thousand articles while a schema-1 store is upgraded on open. */
  onUpgradeProgress?: (articles: number) => void;
}

interface ArticleRow extends ReferenceArticle {
  pk: number;
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

/** Term and weight pairs as JSON for json_each, dropping function words and merging repeats. */
function termQuery(words: WeightedWord[]): string {
  const byTerm = new Map<number, number>();
  for (const w of words) {
    if (typeof w?.word !== 'string' || !Number.isFinite(w.weight)) continue;
    const h = wordTermHash(w.word);
    if (h !== null) byTerm.set(h, Math.max(byTerm.get(h) ?? 0, w.weight));
  }
  return JSON.stringify([...byTerm]);
}

interface OldRow {
  pk: number;
  content_hash: string;
  title: string | null;
  text: string;
  day: number | null;
}

export class SqliteStore implements Store, FullTextSearch, PhraseStats, SiteLineStore {
  readonly path: string;
  readonly readonly: boolean;
  private db: Database.Database | null;
  private readonly stmts: ReturnType<SqliteStore['prepare']>;

  readonly postingsDfCap: number;

  constructor(db: Database.Database, path: string, readonly: boolean, postingsDfCap: number) {
    this.postingsDfCap = postingsDfCap;
    this.db = db;
    this.path = path;
    this.readonly = readonly;
    this.stmts = this.prepare(db);
  }

  private prepare(db: Database.Database) {
    return {
      count: db.prepare(`SELECT CAST(value AS INTEGER) AS n FROM meta WHERE key = '${COUNT_KEY}'`),
      byId: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`),
      byIds: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`),
      existing: db.prepare('SELECT pk, content_hash, title, text, day FROM articles WHERE id = ?'),
      known: db.prepare('SELECT DISTINCT content_hash AS h FROM articles WHERE content_hash IN (SELECT value FROM json_each(?))'),
      search: db.prepare(
        `SELECT a.id AS id, -f.rank AS score FROM
           (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) AS f
         JOIN articles a ON a.pk = f.rowid ORDER BY f.rank`,
      ),
      df: db.prepare('SELECT term, df FROM term_stats WHERE term IN (SELECT value FROM json_each(?))'),
      // Each query term is a range scan of its own postings (at most the cap), then one vote per article.
      terms: db.prepare(
        `SELECT a.id AS id, s.score AS score FROM
           (SELECT p.article AS article, sum(q.w) AS score
              FROM (SELECT json_extract(value, '$[0]') AS term, json_extract(value, '$[1]') AS w FROM json_each(?)) AS q
              JOIN postings p ON p.term = q.term AND (p.day BETWEEN ? AND ? OR p.day = ${UNDATED_DAY})
             GROUP BY p.article ORDER BY score DESC, p.article LIMIT ?) AS s
         JOIN articles a ON a.pk = s.article ORDER BY s.score DESC, s.article`,
      ),
      fingerprint: db.prepare(
        `SELECT a.id AS id, s.shared AS sharedBands FROM
           (SELECT article, count(*) AS shared FROM bands WHERE key IN (SELECT value FROM json_each(?))
            GROUP BY article ORDER BY shared DESC, article LIMIT ?) AS s
         JOIN articles a ON a.pk = s.article ORDER BY s.shared DESC, s.article`,
      ),
    };
  }

  private writeStmts: WriteStatements | null = null;

  private writes(): WriteStatements {
    this.writeStmts ??= prepareWrites(this.open());
    return this.writeStmts;
  }

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
    return (this.stmts.count.get() as { n: number } | undefined)?.n ?? 0;
  }

  async put(records: IndexRecord[]): Promise<PutResult> {
    const db = this.open();
    if (this.readonly) throw new UnspunError('STORE_WRITE_FAILED', this.path, 'the store was opened read-only');
    const w = this.writes();
    const result: PutResult = { added: 0, unchanged: 0, replaced: 0 };
    const write = db.transaction((batch: IndexRecord[]) => {
      const index = new TermIndexWriter(w, this.postingsDfCap);
      this.ensurePhraseCounts();
      const phraseDelta = new KeyTally(1 << 16);
      // Band keys are random: inserted together in key order after the batch (see applyPhraseDelta).
      const bands: [number, number][] = [];
      const addPhrases = (pairs: [number, number][], sign: number) => {
        for (let i = 0; i < pairs.length; i++) phraseDelta.add(pairs[i][0], sign * pairs[i][1]);
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
          if (!Array.isArray(rec.terms) || !Array.isArray(rec.postable) || !rec.terms.every(Number.isSafeInteger) || !rec.postable.every(Number.isSafeInteger)) {
            throw new Error('terms must be integer term hashes (core/index prepareIndexRecord)');
          }
          if (rec.day !== null && !Number.isSafeInteger(rec.day)) throw new Error('day must be an integer or null');
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
            day: rec.day,
          };
          const old = this.stmts.existing.get(a.id) as OldRow | undefined;
          let pk: number;
          if (old && old.content_hash === rec.contentHash) {
            result.unchanged++;
            return;
          } else if (old) {
            // The old text's terms come off the statistics and postings before the new ones go on.
            const was = articleTerms(old);
            index.remove(was.terms, was.postable, old.day, old.pk);
            addPhrases(articlePhraseCounts(old.text), -1);
            w.update.run({ ...params, pk: old.pk });
            w.delBands.run(old.pk);
            pk = old.pk;
            result.replaced++;
          } else {
            pk = Number(w.insert.run(params).lastInsertRowid);
            result.added++;
          }
          for (const key of rec.bands) bands.push([key, pk]);
          index.add(rec.terms, rec.postable, rec.day, pk);
          addPhrases(rec.phrases ?? articlePhraseCounts(a.text), 1);
          if (rec.siteLines) {
            checkSitePage(rec.siteLines);
            this.writeSitePage(rec.siteLines);
          }
        } catch (err) {
          throw new UnspunError('STORE_WRITE_FAILED', this.path, `${label}: ${(err as Error).message}; nothing in this batch was written`, {
            cause: err,
          });
        }
      });
      bands.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [key, pk] of bands) w.addBand.run(key, pk);
      index.flush();
      this.applyPhraseDelta(phraseDelta);
      if (result.added > 0) w.setCount.run(String(((this.stmts.count.get() as { n: number } | undefined)?.n ?? 0) + result.added));
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
    const delta = new KeyTally();
    for (const row of db.prepare('SELECT text FROM articles').iterate() as IterableIterator<{ text: string }>) {
      for (const [k, n] of articlePhraseCounts(row.text)) delta.add(k, n);
    }
    this.applyPhraseDelta(delta);
    this.setMeta(PHRASE_STATS_KEY, String(PHRASE_KEY_VERSION));
  }

  private phraseStmts: { upsert: Database.Statement; drop: Database.Statement } | null = null;

  private applyPhraseDelta(delta: KeyTally): void {
    if (delta.size === 0) return;
    const db = this.open();
    const { upsert, drop } = (this.phraseStmts ??= {
      upsert: db.prepare('INSERT INTO phrase_counts (key, n) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET n = n + excluded.n'),
      drop: db.prepare('DELETE FROM phrase_counts WHERE key = ? AND n <= 0'),
    });
    // In key order, so the B-tree is walked once left to right instead of at random.
    delta.forEachSorted((k, n) => {
      if (n === 0) return;
      upsert.run(k, n);
      if (n < 0) drop.run(k);
    });
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

  async documentFrequency(words: string[]): Promise<Map<string, number>> {
    this.open();
    const out = new Map<string, number>();
    const hashOf = new Map<string, number | null>();
    for (const w of new Set(words)) hashOf.set(w, typeof w === 'string' ? wordTermHash(w) : null);
    const hashes = [...new Set([...hashOf.values()].filter((h): h is number => h !== null))];
    const df = new Map<number, number>();
    if (hashes.length) for (const r of this.stmts.df.all(JSON.stringify(hashes)) as { term: number; df: number }[]) df.set(r.term, r.df);
    for (const [w, h] of hashOf) out.set(w, h === null ? 0 : (df.get(h) ?? 0));
    return out;
  }

  private siteStmts: {
    site: Database.Statement;
    addSite: Database.Statement;
    page: Database.Statement;
    addPage: Database.Statement;
    clear: Database.Statement;
    addLine: Database.Statement;
  } | null = null;

  /** Replaces the recorded lines of one page; runs inside the caller's transaction. */
  private writeSitePage(p: SitePageLines): void {
    const db = this.open();
    const st = (this.siteStmts ??= {
      site: db.prepare('SELECT pk FROM sites WHERE name = ?'),
      addSite: db.prepare('INSERT INTO sites (name) VALUES (?)'),
      page: db.prepare('SELECT pk FROM site_pages WHERE site = ? AND page = ?'),
      addPage: db.prepare('INSERT INTO site_pages (site, page) VALUES (?, ?)'),
      clear: db.prepare('DELETE FROM site_lines WHERE page = ?'),
      addLine: db.prepare('INSERT OR IGNORE INTO site_lines (site, key, page) VALUES (?, ?, ?)'),
    });
    const site = (st.site.get(p.site) as { pk: number } | undefined)?.pk ?? Number(st.addSite.run(p.site).lastInsertRowid);
    const existing = (st.page.get(site, p.page) as { pk: number } | undefined)?.pk;
    const page = existing ?? Number(st.addPage.run(site, p.page).lastInsertRowid);
    if (existing !== undefined) st.clear.run(page);
    for (const key of new Set(p.keys)) st.addLine.run(site, lineKeyNumber(key), page);
  }

  async recordSiteLines(pages: SitePageLines[]): Promise<boolean> {
    const db = this.open();
    if (this.readonly) return false;
    db.transaction((batch: SitePageLines[]) => {
      batch.forEach((p, i) => {
        try {
          checkSitePage(p);
          this.writeSitePage(p);
        } catch (err) {
          throw new UnspunError('STORE_WRITE_FAILED', this.path, `site page ${i + 1} of ${batch.length}${typeof p?.page === 'string' ? ` (${JSON.stringify(p.page)})` : ''}: ${(err as Error).message}; nothing in this batch was written`, { cause: err });
        }
      });
    }).immediate(pages);
    return true;
  }

  async siteLineCounts(site: string, keys: string[], exceptPage: string | null = null): Promise<Map<string, number>> {
    const db = this.open();
    const out = new Map<string, number>();
    if (keys.length === 0) return out;
    // A read-only store made before site lines existed has no tables: nothing is recorded.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'site_lines'").get()) return out;
    const siteRow = db.prepare('SELECT pk FROM sites WHERE name = ?').get(site) as { pk: number } | undefined;
    if (!siteRow) return out;
    const except = exceptPage === null ? undefined : (db.prepare('SELECT pk FROM site_pages WHERE site = ? AND page = ?').get(siteRow.pk, exceptPage) as { pk: number } | undefined);
    const byInt = new Map<number, string[]>();
    for (const k of new Set(keys)) {
      if (typeof k !== 'string' || !k) continue;
      const n = lineKeyNumber(k);
      byInt.set(n, [...(byInt.get(n) ?? []), k]);
    }
    const rows = db
      .prepare(
        `SELECT key, count(*) AS n FROM site_lines
         WHERE site = ? AND key IN (SELECT value FROM json_each(?)) AND page != ? GROUP BY key`,
      )
      .all(siteRow.pk, JSON.stringify([...byInt.keys()]), except?.pk ?? -1) as { key: number; n: number }[];
    for (const r of rows) for (const k of byInt.get(r.key) ?? []) out.set(k, r.n);
    return out;
  }

  async searchTerms(words: WeightedWord[], options: TermSearchOptions): Promise<TermHit[]> {
    this.open();
    const query = termQuery(words);
    if (query === '[]' || options.limit <= 0) return [];
    const from = options.window ? options.window.from : -2147483647;
    const to = options.window ? options.window.to : 2147483647;
    return this.stmts.terms.all(query, from, to, options.limit) as TermHit[];
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

function prepareWrites(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO articles (id, outlet, title, byline, published, url, text, content_hash, day)
       VALUES (@id, @outlet, @title, @byline, @published, @url, @text, @hash, @day)`,
    ),
    update: db.prepare(
      `UPDATE articles SET outlet = @outlet, title = @title, byline = @byline, published = @published,
         url = @url, text = @text, content_hash = @hash, day = @day WHERE pk = @pk`,
    ),
    delBands: db.prepare('DELETE FROM bands WHERE article = ?'),
    addBand: db.prepare('INSERT OR IGNORE INTO bands (key, article) VALUES (?, ?)'),
    // One statement per distinct term and batch: add the change, read back the new count.
    bumpTerm: db.prepare(
      `INSERT INTO term_stats (term, df, capped) VALUES (?, ?, 0)
       ON CONFLICT(term) DO UPDATE SET df = max(0, df + excluded.df) RETURNING df, capped`,
    ),
    capTerm: db.prepare('UPDATE term_stats SET capped = 1 WHERE term = ?'),
    termCapped: db.prepare('SELECT capped FROM term_stats WHERE term = ?'),
    dropPostings: db.prepare('DELETE FROM postings WHERE term = ?'),
    delPosting: db.prepare('DELETE FROM postings WHERE term = ? AND day = ? AND article = ?'),
    addPosting: db.prepare('INSERT OR IGNORE INTO postings (term, day, article) VALUES (?, ?, ?)'),
    setCount: db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('${COUNT_KEY}', ?)`),
  };
}
type WriteStatements = ReturnType<typeof prepareWrites>;

/** Articles read per step of a schema-1 upgrade (one term-index flush each). */
const UPGRADE_PAGE = 5000;

/**
 * Builds the schema-2 candidate index of a schema-1 store from its articles, in one
 * transaction with the table changes (a killed upgrade leaves schema 1 as it was). Schema 1
 * kept no publication day, so upgraded articles are undated until re-indexed.
 */
function upgradeFrom1(db: Database.Database, cap: number, onProgress?: (done: number) => void): void {
  db.transaction(() => {
    beginUpgrade(db);
    const index = new TermIndexWriter(prepareWrites(db), cap);
    // Read in pages by key, not through one open iterator: better-sqlite3 refuses writes on a
    // connection while a statement is still being stepped, and flush writes.
    const page = db.prepare('SELECT pk, title, text FROM articles WHERE pk > ? ORDER BY pk LIMIT ?');
    let n = 0;
    let last = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = page.all(last, UPGRADE_PAGE) as { pk: number; title: string | null; text: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const t = articleTerms(row);
        index.add(t.terms, t.postable, null, row.pk);
      }
      n += rows.length;
      last = rows[rows.length - 1].pk;
      index.flush();
      onProgress?.(n);
    }
    finishUpgrade(db, n, cap);
  })();
}

/**
 * Accumulates one transaction's term changes (document frequencies up and down, postings to
 * add and remove) and applies them term by term at flush: one read and one write per distinct
 * term, not per article. A term whose frequency passes the cap is marked capped for good and
 * its postings are dropped, so no posting list ever holds more than POSTINGS_DF_CAP articles.
 */
class TermIndexWriter {
  private delta = new KeyTally(1 << 14);

  constructor(
    private readonly w: WriteStatements,
    private readonly cap: number,
  ) {}

  add(terms: readonly number[], postable: readonly number[], day: number | null, pk: number): void {
    for (let i = 0; i < terms.length; i++) this.delta.add(terms[i], 1);
    const d = day ?? UNDATED_DAY;
    for (let i = 0; i < postable.length; i++) this.delta.post(postable[i], d, pk);
  }

  remove(terms: readonly number[], postable: readonly number[], day: number | null, pk: number): void {
    for (let i = 0; i < terms.length; i++) this.delta.add(terms[i], -1);
    const d = day ?? UNDATED_DAY;
    for (const t of postable) this.w.delPosting.run(t, d, pk);
  }

  flush(): void {
    // In term order, so each B-tree is walked once left to right instead of at random; a
    // term's postings right after its count, once it is known whether the term is capped.
    this.delta.forEachSorted((term, change, postings) => {
      let capped: boolean;
      if (change === 0) {
        if (postings.length === 0) return;
        capped = (this.w.termCapped.get(term) as { capped: number } | undefined)?.capped === 1;
      } else {
        const row = this.w.bumpTerm.get(term, change) as { df: number; capped: number };
        capped = row.capped === 1;
        if (!capped && row.df > this.cap) {
          capped = true;
          this.w.capTerm.run(term);
          this.w.dropPostings.run(term);
        }
      }
      if (!capped) for (const [day, pk] of postings) this.w.addPosting.run(term, day, pk);
    });
    this.delta = new KeyTally(1 << 14);
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
    // Several writer processes (the scale bench's ingest workers) take turns at the write lock; on
    // a loaded machine one 500-article batch held it longer than 5 s and the other writer failed.
    db.pragma('busy_timeout = 60000');
    const state = ensureSchema(db, path, readonly, opts.postingsDfCap ?? POSTINGS_DF_CAP);
    if (state.upgradeFrom === 1) upgradeFrom1(db, state.postingsDfCap, opts.onUpgradeProgress);
    return new SqliteStore(db, path, readonly, state.postingsDfCap);
  } catch (err) {
    db?.close();
    if (isUnspunError(err)) throw err;
    const msg = (err as Error).message;
    const detail = /not a database/i.test(msg) ? 'not a SQLite database file' : msg;
    throw new UnspunError('STORE_OPEN_FAILED', path, detail, { cause: err });
  }
}

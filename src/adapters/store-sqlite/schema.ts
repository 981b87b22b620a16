/**
 * @module adapters/store-sqlite/schema
 * The SQLite corpus schema and its version checks. Other tables may share the file (stored
 * reports add their own, see reports.ts): each owner records its own version key in `meta`.
 */
import type Database from 'better-sqlite3';
import { UnspunError } from '../../core/errors.ts';
import { FINGERPRINT_VERSION, POSTINGS_DF_CAP, TERMS_VERSION } from '../../core/index/settings.ts';

/**
 * Version of the corpus tables below. Bump on any incompatible change and migrate or refuse.
 * 1: articles, FTS5, bands, term_df rebuilt from fts5vocab. 2: article count in meta, per-term
 * document frequencies kept by put (term_stats), capped rare-term postings, publication day.
 */
export const SCHEMA_VERSION = 2;
export const SCHEMA_VERSION_KEY = 'schema_version';
export const FINGERPRINT_VERSION_KEY = 'fingerprint_version';
export const TERMS_VERSION_KEY = 'terms_version';
export const POSTINGS_CAP_KEY = 'postings_df_cap';
export const COUNT_KEY = 'article_count';

/** Postings of undated articles carry this day, so a date window can still include them. */
export const UNDATED_DAY = -2147483648;

const CREATE = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE articles (
  pk           INTEGER PRIMARY KEY,      -- stable rowid for the FTS index, bands and postings
  id           TEXT NOT NULL UNIQUE,
  outlet       TEXT,
  title        TEXT,
  byline       TEXT,
  published    TEXT,
  url          TEXT,
  text         TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  day          INTEGER                   -- publication day (days since 1970-01-01), NULL undated
);
CREATE INDEX articles_content_hash ON articles(content_hash);
-- External content: the text lives once, in articles; FTS5 keeps only its index.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
  DELETE FROM bands WHERE article = old.pk;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
-- LSH band keys (core/index/fingerprint.ts); clustered by key for lookups.
CREATE TABLE bands (
  key     INTEGER NOT NULL,
  article INTEGER NOT NULL,
  PRIMARY KEY (key, article)
) WITHOUT ROWID;
CREATE INDEX bands_article ON bands(article);
`;

/**
 * Candidate index (schema 2): document frequency per term hash (core/index/terms.ts), kept by
 * put; \`capped\` is set for good once df passes the postings cap, and the term's postings are
 * dropped. Postings are clustered by (term, day) so a date window is a range per term.
 */
const CREATE_CANDIDATE_INDEX = `
CREATE TABLE term_stats (
  term   INTEGER PRIMARY KEY,
  df     INTEGER NOT NULL,
  capped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE postings (
  term    INTEGER NOT NULL,
  day     INTEGER NOT NULL,
  article INTEGER NOT NULL,
  PRIMARY KEY (term, day, article)
) WITHOUT ROWID;
`;
/**
 * Word n-gram counts of the stored articles (core/store.ts PhraseStats), keyed by
 * core/phrases/ngrams.ts phraseKey and kept by put() in the articles' transaction. A store made
 * before this table existed gains it on its next write and counts the articles it already holds
 * then (PHRASE_STATS_KEY records the key version once they are counted).
 */
export const CREATE_PHRASE_COUNTS = `
CREATE TABLE IF NOT EXISTS phrase_counts (
  key INTEGER PRIMARY KEY,
  n   INTEGER NOT NULL
) WITHOUT ROWID;
`;
export const PHRASE_STATS_KEY = 'phrase_key_version';

const SIBLING_TABLES = ['reports', 'watch_feeds', 'watch_items', 'watch_log'];

function readMeta(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

/** What ensureSchema found: `upgrade` is set when a schema-1 store needs its candidate index built. */
export interface SchemaState {
  upgradeFrom: number | null;
  /** The postings cap this store was made with. */
  postingsDfCap: number;
}

function writeVersions(db: Database.Database, postingsDfCap: number): void {
  const set = db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
  set.run(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION));
  set.run(FINGERPRINT_VERSION_KEY, String(FINGERPRINT_VERSION));
  set.run(TERMS_VERSION_KEY, String(TERMS_VERSION));
  set.run(POSTINGS_CAP_KEY, String(postingsDfCap));
}

/**
 * Creates the schema in an empty database, or checks the versions of an existing one.
 * Throws STORE_SCHEMA for a newer/unknown version or a SQLite file that is not an unspun store.
 * A schema-1 store opened for writing gets the schema-2 tables here; the caller fills them
 * (SqliteStore.upgrade) because that needs the core's term extraction.
 */
export function ensureSchema(db: Database.Database, path: string, readonly: boolean, newCap: number = POSTINGS_DF_CAP): SchemaState {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((r) => (r as { name: string }).name);
  const hasArticles = tables.includes('articles');
  if (!hasArticles) {
    // Tables other unspun adapters keep in this file (reports.ts) do not make it foreign.
    const foreign = tables.filter((t) => t !== 'meta' && !SIBLING_TABLES.includes(t));
    if (foreign.length > 0 && !tables.includes('meta')) {
      throw new UnspunError('STORE_SCHEMA', path, `not an unspun store (it has tables ${foreign.slice(0, 3).join(', ')})`);
    }
    if (readonly) throw new UnspunError('STORE_SCHEMA', path, 'no corpus tables; run `unspun index` first');
    db.transaction(() => {
      db.exec(CREATE);
      db.exec(CREATE_CANDIDATE_INDEX);
      writeVersions(db, newCap);
      db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(COUNT_KEY, '0');
    })();
    return { upgradeFrom: null, postingsDfCap: newCap };
  }
  const version = tables.includes('meta') ? readMeta(db, SCHEMA_VERSION_KEY) : null;
  let upgradeFrom: number | null = null;
  if (version === '1') {
    if (readonly) {
      throw new UnspunError(
        'STORE_SCHEMA',
        path,
        'built by an older unspun (schema 1); open it once for writing (`unspun index --db <it> <files>` or `unspun serve --db <it>`) to upgrade it in place',
      );
    }
    upgradeFrom = 1;
  } else if (version !== String(SCHEMA_VERSION)) {
    throw new UnspunError(
      'STORE_SCHEMA',
      path,
      version === null ? 'no schema_version in meta' : `schema version ${version}, this build reads version ${SCHEMA_VERSION}`,
    );
  }
  const fp = readMeta(db, FINGERPRINT_VERSION_KEY);
  if (fp !== String(FINGERPRINT_VERSION)) {
    throw new UnspunError(
      'STORE_SCHEMA',
      path,
      `fingerprint version ${fp ?? 'missing'}, this build uses ${FINGERPRINT_VERSION}; re-index into a new store`,
    );
  }
  if (upgradeFrom !== null) return { upgradeFrom, postingsDfCap: newCap };
  const terms = readMeta(db, TERMS_VERSION_KEY);
  const cap = Number(readMeta(db, POSTINGS_CAP_KEY));
  if (terms !== String(TERMS_VERSION) || !Number.isSafeInteger(cap) || cap < 1) {
    throw new UnspunError('STORE_SCHEMA', path, `term index version ${terms ?? 'missing'}, this build uses ${TERMS_VERSION}; re-index into a new store`);
  }
  return { upgradeFrom: null, postingsDfCap: cap };
}

/**
 * The schema 1 -> 2 table changes. SqliteStore.upgrade runs them, fills the new tables and
 * calls finishUpgrade, all in one transaction, so a killed upgrade leaves schema 1 intact.
 */
export function beginUpgrade(db: Database.Database): void {
  db.exec('DROP TABLE IF EXISTS term_df; DROP TABLE IF EXISTS articles_vocab;');
  db.exec('ALTER TABLE articles ADD COLUMN day INTEGER');
  db.exec(CREATE_CANDIDATE_INDEX);
}

export function finishUpgrade(db: Database.Database, count: number, postingsDfCap: number): void {
  writeVersions(db, postingsDfCap);
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(COUNT_KEY, String(count));
}

/**
 * @module adapters/store-sqlite/schema
 * The SQLite corpus schema and its version checks. Other tables may share the file (stored
 * reports add their own, see reports.ts): each owner records its own version key in `meta`.
 */
import type Database from 'better-sqlite3';
import { UnspunError } from '../../core/errors.ts';
import { FINGERPRINT_VERSION } from '../../core/index/settings.ts';

/** Version of the corpus tables below. Bump on any incompatible change and migrate or refuse. */
export const SCHEMA_VERSION = 1;
export const SCHEMA_VERSION_KEY = 'schema_version';
export const FINGERPRINT_VERSION_KEY = 'fingerprint_version';

const CREATE = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE articles (
  pk           INTEGER PRIMARY KEY,      -- stable rowid for the FTS index and bands
  id           TEXT NOT NULL UNIQUE,
  outlet       TEXT,
  title        TEXT,
  byline       TEXT,
  published    TEXT,
  url          TEXT,
  text         TEXT NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
-- External content: the text lives once, in articles; FTS5 keeps only its index.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, row);
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
 * Document frequency per FTS5 term, materialised from articles_vocab (a full vocab scan takes
 * ~1.2 s at 65k articles, while reading a frequent term's count from fts5vocab takes 15-30 ms).
 * Valid when meta `term_df_generation` equals meta `generation` (bumped by every changing put).
 * Created on open when missing, so stores made before it existed gain it on their next write.
 */
export const CREATE_TERM_DF = `
CREATE TABLE IF NOT EXISTS term_df (
  term TEXT PRIMARY KEY,
  n    INTEGER NOT NULL
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
export const GENERATION_KEY = 'generation';
export const TERM_DF_GENERATION_KEY = 'term_df_generation';

const SIBLING_TABLES = ['reports', 'watch_feeds', 'watch_items', 'watch_log'];

function readMeta(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

/**
 * Creates the schema in an empty database, or checks the versions of an existing one.
 * Throws STORE_SCHEMA for a newer/unknown version or a SQLite file that is not an unspun store.
 */
export function ensureSchema(db: Database.Database, path: string, readonly: boolean): void {
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
      db.exec(CREATE_TERM_DF);
      const set = db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
      set.run(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION));
      set.run(FINGERPRINT_VERSION_KEY, String(FINGERPRINT_VERSION));
    })();
    return;
  }
  const version = tables.includes('meta') ? readMeta(db, SCHEMA_VERSION_KEY) : null;
  if (version !== String(SCHEMA_VERSION)) {
    throw new UnspunError(
      'STORE_SCHEMA',
      path,
      version === null ? 'no schema_version in meta' : `schema version ${version}, this build reads version ${SCHEMA_VERSION}`,
    );
  }
  if (!readonly) db.exec(CREATE_TERM_DF);
  const fp = readMeta(db, FINGERPRINT_VERSION_KEY);
  if (fp !== String(FINGERPRINT_VERSION)) {
    throw new UnspunError(
      'STORE_SCHEMA',
      path,
      `fingerprint version ${fp ?? 'missing'}, this build uses ${FINGERPRINT_VERSION}; re-index into a new store`,
    );
  }
}

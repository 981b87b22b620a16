/**
 * @module adapters/store-postgres/schema
 * The PostgreSQL corpus schema, in its own PostgreSQL schema (default `unspun`, or `?schema=`
 * in the URL) so one database can hold several stores, and its version checks.
 *
 * - `articles` is partitioned by publication month (yyyymm; 0 for undated): old months can be
 *   detached or moved to cheaper storage whole, bulk loads of one month touch one partition,
 *   and each partition's indexes stay small. Partitions are made on demand by put.
 * - `article_keys` is the directory from id to (month, pk): lookups by id never visit every
 *   partition, and it holds the content hashes for knownHashes.
 * - `term_stats`, `postings` and `bands` are the candidate index of core/store: per-term
 *   document frequencies, capped rare-term postings clustered by (term, day), LSH band keys.
 */
import { FINGERPRINT_VERSION, TERMS_VERSION } from '../../core/index/settings.ts';

/** Version of the tables below. Bump on any incompatible change and migrate or refuse. */
export const PG_SCHEMA_VERSION = 1;

/** Postings of undated articles carry this day, so a date window can still include them. */
export const UNDATED_DAY = -2147483648;

/** A PostgreSQL identifier we generate or accept from a URL: lower-case letters, digits, underscores. */
export const SCHEMA_NAME_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function createStatements(schema: string, postingsDfCap: number): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${schema};
SET LOCAL search_path TO ${schema};
CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
CREATE SEQUENCE article_pk;
CREATE TABLE article_keys (
  id           text PRIMARY KEY,
  pk           bigint NOT NULL UNIQUE,
  month        integer NOT NULL,
  content_hash text NOT NULL
);
CREATE INDEX article_keys_content_hash ON article_keys (content_hash);
CREATE TABLE articles (
  month     integer NOT NULL,
  pk        bigint NOT NULL,
  id        text NOT NULL,
  outlet    text,
  title     text,
  byline    text,
  published text,
  url       text,
  text      text NOT NULL,
  day       integer,
  PRIMARY KEY (month, pk)
) PARTITION BY RANGE (month);
CREATE TABLE term_stats (
  term   bigint PRIMARY KEY,
  df     integer NOT NULL,
  capped boolean NOT NULL DEFAULT false
);
CREATE TABLE postings (
  term    bigint NOT NULL,
  day     integer NOT NULL,
  article bigint NOT NULL,
  PRIMARY KEY (term, day, article)
);
CREATE TABLE bands (
  key     bigint NOT NULL,
  article bigint NOT NULL,
  PRIMARY KEY (key, article)
);
CREATE INDEX bands_article ON bands (article);
CREATE TABLE phrase_counts (
  key bigint PRIMARY KEY,
  n   bigint NOT NULL
);
INSERT INTO meta (key, value) VALUES
  ('schema_version', '${PG_SCHEMA_VERSION}'),
  ('fingerprint_version', '${FINGERPRINT_VERSION}'),
  ('terms_version', '${TERMS_VERSION}'),
  ('postings_df_cap', '${postingsDfCap}'),
  ('article_count', '0');
`;
}

/** Name of the partition holding a month (yyyymm, 0 = undated). */
export function partitionName(month: number): string {
  return month === 0 ? 'articles_undated' : `articles_m${month}`;
}

/** The DDL that makes a month's partition if it does not exist yet. */
export function partitionStatement(month: number): string {
  if (!Number.isSafeInteger(month) || month < 0) throw new RangeError(`bad month ${month}`);
  return `CREATE TABLE IF NOT EXISTS ${partitionName(month)} PARTITION OF articles FOR VALUES FROM (${month}) TO (${month + 1})`;
}

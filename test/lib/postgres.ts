/**
 * @module test/lib/postgres
 * Where tests find PostgreSQL: $UNSPUN_TEST_PG_URL (`.ci/run` starts a scratch cluster with
 * scripts/pg-scratch-cluster.sh and exports it). Under CI a missing URL fails the suite; on a
 * developer's machine the PostgreSQL tests are skipped with that reason.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.UNSPUN_TEST_PG_URL ?? '';

/** The skip reason for PostgreSQL tests, or false when they run. Throws under CI without a URL. */
export function pgSkipReason(): string | false {
  if (PG_URL) return false;
  if (process.env.CI) {
    throw new Error('UNSPUN_TEST_PG_URL is not set: CI must start PostgreSQL (scripts/pg-scratch-cluster.sh) and export its URL');
  }
  return 'no PostgreSQL: set UNSPUN_TEST_PG_URL (scripts/pg-scratch-cluster.sh start /tmp/unspun-pg prints one)';
}

const made: string[] = [];

/** A URL for a fresh, empty store: the test database with a schema of its own. */
export function freshSchemaUrl(prefix = 't'): string {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  made.push(schema);
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Drops the schemas this process made (call from an after() hook). */
export async function dropMadeSchemas(): Promise<void> {
  if (!PG_URL || made.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const s of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await client.end();
  }
}

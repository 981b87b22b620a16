/**
 * The PostgreSQL store against the one Store contract suite, plus what is PostgreSQL's own:
 * monthly partitions, URL errors, read-only opening, and no scan on the trace path.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openPostgresStore, parseStoreUrl, redactUrl } from '../src/adapters/store-postgres/index.ts';
import { UnspunError } from '../src/core/errors.ts';
import { prepareIndexRecord } from '../src/core/index/index.ts';
import { lineKey } from '../src/core/site-lines.ts';
import { SITE_LINE_COUNTS_SQL } from '../src/adapters/store-postgres/site-lines.ts';
import { runStoreContract } from './store-contract.ts';
import { PG_URL, dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';

const skip = pgSkipReason();
after(dropMadeSchemas);

if (skip) {
  test('PostgreSQL store', { skip }, () => {});
} else {
  runStoreContract('postgres', (o) => openPostgresStore(freshSchemaUrl(), o));

  const mk = (id: string, published: string | null, text: string) =>
    prepareIndexRecord({ id, outlet: 'Gazette', title: null, byline: null, published, url: null, text });

  describe('PostgreSQL store', () => {
    test('articles go to one partition per publication month, undated ones to their own', async () => {
      const url = freshSchemaUrl();
      const s = await openPostgresStore(url);
      try {
        await s.put([
          mk('a', '2024-03-05', 'The harbour authority closed the northern quay for repairs.'),
          mk('b', '2024-03-28T10:00:00Z', 'Fishing boats moved to the southern basin during the repairs.'),
          mk('c', '1987-10-19', 'Stocks fell sharply in heavy trading on Monday.'),
          mk('d', null, 'A chess club won the national junior championship.'),
        ]);
        const parts = await s.connections.query<{ name: string; n: string }>(
          `SELECT c.relname AS name, (SELECT count(*) FROM ${s.schema}.articles a WHERE a.tableoid = c.oid) AS n
             FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
             JOIN pg_namespace ns ON ns.oid = p.relnamespace
            WHERE p.relname = 'articles' AND ns.nspname = $1 ORDER BY c.relname`,
          [s.schema],
        );
        assert.deepEqual(parts.rows.map((r) => [r.name, Number(r.n)]), [['articles_m198710', 1], ['articles_m202403', 2], ['articles_undated', 1]]);
        // Replacing an article with a new date moves it to the new month's partition.
        await s.put([mk('c', '1987-11-02', 'Stocks recovered some of their losses in early trading.')]);
        assert.equal((await s.get('c'))?.published, '1987-11-02');
        assert.equal(await s.count(), 4);
      } finally {
        await s.close();
      }
    });

    test('the trace path reads by key: no statement scans articles, postings or bands', async () => {
      const s = await openPostgresStore(freshSchemaUrl());
      try {
        await s.put([mk('a', '2024-03-05', 'The harbour authority closed the northern quay for repairs.')]);
        const c = await s.connections.connect();
        try {
          await c.query('SET enable_seqscan = off'); // tiny tables: make the planner show the index it would use at scale
          const plans: [string, unknown[]][] = [
            ["SELECT value FROM meta WHERE key = 'article_count'", []],
            ['SELECT term, df FROM term_stats WHERE term = ANY($1::bigint[])', [[1, 2]]],
            ['SELECT article FROM postings WHERE term = ANY($1::bigint[]) AND day BETWEEN 1 AND 9', [[1, 2]]],
            ['SELECT article FROM bands WHERE key = ANY($1::bigint[])', [[1, 2]]],
            ['SELECT a.text FROM article_keys k JOIN articles a ON a.month = k.month AND a.pk = k.pk WHERE k.id = ANY($1::text[])', [['a']]],
            [SITE_LINE_COUNTS_SQL, ['ledger.example', [1, 2], 'ledger.example/a']],
          ];
          for (const [sql, args] of plans) {
            const plan = (await c.query(`EXPLAIN ${sql}`, args)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
            assert.ok(!/Seq Scan/.test(plan), `${sql}\n${plan}`);
          }
        } finally {
          c.release();
        }
      } finally {
        await s.close();
      }
    });

    test('a read-only open of a database with no store, a bad URL or an unreachable server fail clearly', async () => {
      await assert.rejects(openPostgresStore(freshSchemaUrl(), { readonly: true }), (e: unknown) => e instanceof UnspunError && e.code === 'STORE_SCHEMA');
      await assert.rejects(openPostgresStore('postgres://u:secret@127.0.0.1:1/x'), (e: unknown) => {
        assert.ok(e instanceof UnspunError && e.code === 'STORE_OPEN_FAILED');
        assert.ok(!e.message.includes('secret'), 'the password is never printed');
        assert.match(e.message, /127\.0\.0\.1:1/);
        return true;
      });
      assert.throws(() => parseStoreUrl(`${PG_URL}?schema=Bad-Name`), /schema/);
      assert.equal(redactUrl('postgres://me:pw@h/db'), 'postgres://me:***@h/db');
    });

    test('site lines: a store made before them is read as having none, and gains the tables on its next writable open', async () => {
      const url = freshSchemaUrl();
      const menu = lineKey('Home | World | Business | Sport')!;
      const made = await openPostgresStore(url);
      await made.connections.query(`DROP TABLE ${made.schema}.site_line_counts, ${made.schema}.site_lines, ${made.schema}.site_pages, ${made.schema}.sites`);
      await made.close();
      const old = await openPostgresStore(url, { readonly: true });
      try {
        assert.deepEqual([...(await old.siteLineCounts('ledger.example', [menu])).entries()], []);
        assert.equal(await old.recordSiteLines([{ site: 'ledger.example', page: 'ledger.example/a', keys: [menu] }]), false, 'a read-only store records nothing');
      } finally {
        await old.close();
      }
      const s = await openPostgresStore(url);
      try {
        await s.recordSiteLines([
          { site: 'ledger.example', page: 'ledger.example/a', keys: [menu] },
          { site: 'ledger.example', page: 'ledger.example/b', keys: [menu] },
        ]);
        assert.equal((await s.siteLineCounts('ledger.example', [menu])).get(menu), 2);
        // The kept count agrees with the lines themselves.
        const lines = await s.connections.query(`SELECT count(*) AS n FROM ${s.schema}.site_lines`);
        const counts = await s.connections.query(`SELECT sum(n) AS n FROM ${s.schema}.site_line_counts`);
        assert.equal(Number(lines.rows[0].n), Number(counts.rows[0].n));
      } finally {
        await s.close();
      }
    });

    test('two writers putting at once both land, with exact counts', async () => {
      const url = freshSchemaUrl();
      const [s1, s2] = [await openPostgresStore(url), await openPostgresStore(url)];
      try {
        const batch = (tag: string) =>
          Array.from({ length: 40 }, (_, i) => mk(`${tag}${i}`, '2024-05-01', `Report ${tag} number ${i}: the council of Vressa met on ${tag} day ${i}.`));
        await Promise.all([s1.put(batch('x')), s2.put(batch('y'))]);
        assert.equal(await s1.count(), 80);
        assert.equal((await s1.documentFrequency(['Vressa'])).get('Vressa'), 80, 'no increment lost between the writers');
        const raw = new pg.Client({ connectionString: parseStoreUrl(url).connectionString });
        await raw.connect();
        const n = await raw.query(`SELECT count(*) AS n FROM ${s1.schema}.article_keys`);
        await raw.end();
        assert.equal(Number(n.rows[0].n), 80);
      } finally {
        await s1.close();
        await s2.close();
      }
    });
  });
}

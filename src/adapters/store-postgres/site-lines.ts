/**
 * @module adapters/store-postgres/site-lines
 * The SiteLineStore capability (core/site-lines.ts) of the PostgreSQL store: how many pages of
 * a site carry a line. The same tables as the SQLite store (`sites`, `site_pages`,
 * `site_lines`: one row per line key per page) plus `site_line_counts`, the number of pages
 * per (site, key), kept by every write in the writer's transaction. So the trace-path read is
 * a primary-key lookup per line of the suspect, whatever the size of the site, where counting
 * `site_lines` rows would read every page of the site that carries a template line.
 *
 * Writes are set-based (a batch's sites, pages, removed and added lines and count changes are
 * a handful of statements, the new lines by COPY), inside the store's write transaction and
 * its advisory lock, so the counts never disagree with the lines.
 */
import type pg from 'pg';
import { lineKeyNumber, type SitePageLines } from '../../core/site-lines.ts';
import { copyInto } from './copy.ts';

/** The tables, made on a writable open when missing (stores made before site lines gain them). */
export function siteLineTablesDdl(schema: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${schema}.sites (
  pk   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ${schema}.site_pages (
  pk   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site integer NOT NULL,
  page text NOT NULL,
  UNIQUE (site, page)
);
CREATE TABLE IF NOT EXISTS ${schema}.site_lines (
  site integer NOT NULL,
  key  bigint NOT NULL,
  page bigint NOT NULL,
  PRIMARY KEY (site, key, page)
);
CREATE INDEX IF NOT EXISTS site_lines_page ON ${schema}.site_lines (page);
CREATE TABLE IF NOT EXISTS ${schema}.site_line_counts (
  site integer NOT NULL,
  key  bigint NOT NULL,
  n    integer NOT NULL,
  PRIMARY KEY (site, key)
);
`;
}

/** The table whose presence says a (read-only) store has site lines. */
export const SITE_LINE_COUNTS_TABLE = 'site_line_counts';

/**
 * Replaces the recorded lines of each page (the last entry wins when a batch names a page
 * twice). Runs in the caller's transaction, which holds the store's write lock; the pages
 * were checked (core/site-lines checkSitePage) before.
 */
export async function writeSitePages(client: pg.PoolClient, pages: readonly SitePageLines[]): Promise<void> {
  const byPage = new Map<string, SitePageLines>();
  for (const p of pages) byPage.set(`${p.site}\u0000${p.page}`, p);
  if (byPage.size === 0) return;
  const list = [...byPage.values()];
  const names = [...new Set(list.map((p) => p.site))].sort();
  await client.query('INSERT INTO sites (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [names]);
  const siteRows = await client.query<{ pk: number; name: string }>('SELECT pk, name FROM sites WHERE name = ANY($1::text[])', [names]);
  const sitePk = new Map(siteRows.rows.map((r) => [r.name, r.pk]));
  const sites = list.map((p) => sitePk.get(p.site)!);
  const paths = list.map((p) => p.page);
  await client.query('INSERT INTO site_pages (site, page) SELECT * FROM unnest($1::int[], $2::text[]) ON CONFLICT (site, page) DO NOTHING', [sites, paths]);
  const pageRows = await client.query<{ pk: string; site: number; page: string }>(
    'SELECT sp.pk, sp.site, sp.page FROM site_pages sp JOIN unnest($1::int[], $2::text[]) AS q(site, page) ON sp.site = q.site AND sp.page = q.page',
    [sites, paths],
  );
  const pagePk = new Map(pageRows.rows.map((r) => [`${r.site}\u0000${r.page}`, Number(r.pk)]));
  const pks = list.map((p, i) => pagePk.get(`${sites[i]}\u0000${p.page}`)!);

  // Count changes per (site, key): the page's old lines come off, its new lines go on.
  const delta = new Map<string, { site: number; key: number; d: number }>();
  const bump = (site: number, key: number, d: number) => {
    const k = `${site}:${key}`;
    const e = delta.get(k);
    if (e) e.d += d;
    else delta.set(k, { site, key, d });
  };
  const removed = await client.query<{ site: number; key: string }>('DELETE FROM site_lines WHERE page = ANY($1::bigint[]) RETURNING site, key', [pks]);
  for (const r of removed.rows) bump(r.site, Number(r.key), -1);
  const added: [number, number, number][] = [];
  list.forEach((p, i) => {
    for (const key of new Set(p.keys.map(lineKeyNumber))) {
      added.push([sites[i], key, pks[i]]);
      bump(sites[i], key, 1);
    }
  });
  await copyInto(client, 'site_lines', ['site', 'key', 'page'], added);
  // Sorted, so two writers (were the lock ever dropped) would take row locks in one order.
  const changed = [...delta.values()].filter((e) => e.d !== 0).sort((a, b) => a.site - b.site || a.key - b.key);
  if (changed.length === 0) return;
  await client.query(
    `INSERT INTO site_line_counts (site, key, n) SELECT * FROM unnest($1::int[], $2::bigint[], $3::int[])
     ON CONFLICT (site, key) DO UPDATE SET n = site_line_counts.n + excluded.n`,
    [changed.map((e) => e.site), changed.map((e) => e.key), changed.map((e) => e.d)],
  );
  const fewer = changed.filter((e) => e.d < 0);
  if (fewer.length) {
    await client.query(
      'DELETE FROM site_line_counts c USING unnest($1::int[], $2::bigint[]) AS d(site, key) WHERE c.site = d.site AND c.key = d.key AND c.n <= 0',
      [fewer.map((e) => e.site), fewer.map((e) => e.key)],
    );
  }
}

/**
 * The statement behind siteLineCounts: one count row per asked key (primary key), less one
 * when the excepted page carries it (a primary-key probe of site_lines). Exported for the
 * test that checks no statement on the trace path scans a table.
 */
export const SITE_LINE_COUNTS_SQL = `
SELECT c.key, c.n - CASE WHEN p.pk IS NOT NULL AND EXISTS (
         SELECT 1 FROM site_lines l WHERE l.site = c.site AND l.key = c.key AND l.page = p.pk) THEN 1 ELSE 0 END AS n
  FROM sites s
  JOIN site_line_counts c ON c.site = s.pk AND c.key = ANY($2::bigint[])
  LEFT JOIN site_pages p ON p.site = s.pk AND p.page = $3
 WHERE s.name = $1`;

/** For each key, the pages of `site` carrying it, not counting `exceptPage`; keys on none are absent. */
export async function countSiteLines(
  query: (sql: string, params: unknown[]) => Promise<{ key: string; n: number }[]>,
  site: string,
  keys: readonly string[],
  exceptPage: string | null,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byNumber = new Map<number, string[]>();
  for (const k of new Set(keys)) {
    if (typeof k !== 'string' || !k) continue;
    const n = lineKeyNumber(k);
    byNumber.set(n, [...(byNumber.get(n) ?? []), k]);
  }
  if (byNumber.size === 0 || typeof site !== 'string') return out;
  for (const r of await query(SITE_LINE_COUNTS_SQL, [site, [...byNumber.keys()], exceptPage])) {
    const n = Number(r.n);
    if (n > 0) for (const k of byNumber.get(Number(r.key)) ?? []) out.set(k, n);
  }
  return out;
}

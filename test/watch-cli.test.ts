/**
 * @module test/watch-cli
 * The "done when", as a user runs it: two fixture sites on 127.0.0.1 (an outlet's
 * RSS feed of sources, a suspect site's Atom feed of copies) and a second suspect site with a
 * sitemap. `unspun watch --once` indexes the sources and traces each copy once; a second run
 * adds nothing (the feeds answer 304 to the validators the first run stored); `unspun sites
 * --csv` prints a row per suspect site with its counts and the outlet it copies. The same
 * scenario runs with the index in a SQLite file and in PostgreSQL (`--db postgres://...`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FixtureSite, articlePage, serveCopier, serveOutlet, sitemap } from './watch-server.ts';
import { dropMadeSchemas, freshSchemaUrl, pgSkipReason } from './lib/postgres.ts';
import { runCli } from './lib/cli.ts';


function watchScenario(label: string, dbOf: (dir: string) => string, skip: string | false): void {
  if (skip) {
    describe(`watch and sites, index in ${label}`, { skip }, () => {});
    return;
  }
  describe(`watch and sites, index in ${label}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'unspun-watch-cli-'));
    const db = dbOf(dir);
    const announcements = join(dir, 'copies.jsonl');
    const outlet = new FixtureSite();
    const copier = new FixtureSite();
    const mirror = new FixtureSite();

    before(async () => {
      await Promise.all([outlet.start(), copier.start(), mirror.start()]);
      serveOutlet(outlet);
      serveCopier(copier);

      mirror.set('/sitemap.xml', {
        type: 'application/xml',
        etag: '"mirror-1"',
        body: sitemap([{ url: `${mirror.url}/2026/ferry-story`, lastmod: '2026-03-14' }]),
      });
      mirror.set('/2026/ferry-story', { body: articlePage('copy-ferry-altered.txt', { site: 'Mirror' }) });

      writeFileSync(
        join(dir, 'watch.json'),
        JSON.stringify({ db, reference: [`${outlet.url}/feed.xml`], suspect: [`${copier.url}/atom.xml`, `${mirror.url}/sitemap.xml`], hostDelay: '20ms', announce: announcements }),
      );
    });

    after(async () => {
      await Promise.all([outlet.stop(), copier.stop(), mirror.stop()]);
      rmSync(dir, { recursive: true, force: true });
    });

    test('watch --once indexes the sources, traces each copy once and announces the altered ones; a second run adds nothing; sites --csv has a row per site', async () => {
      const first = await runCli(['watch', '--once', '--config', join(dir, 'watch.json')], { cwd: dir });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stderr, /2 indexed, 4 traced, 2 announced/);
      // Each page was fetched once; robots.txt once per site.
      for (const path of ['/2026/03/12/ferry', '/2026/03/14/bridge']) assert.equal(outlet.requestsTo(path).length, 1);
      for (const path of ['/news/ferry-chaos', '/news/new-bridge', '/news/chess']) assert.equal(copier.requestsTo(path).length, 1);
      assert.equal(outlet.requestsTo('/robots.txt').length, 1);

      const lines = readFileSync(announcements, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 2, 'the altered ferry copy on each suspect site is announced; the faithful copy and the unrelated story are not');
      for (const a of lines) {
        assert.equal(a.type, 'copy-found');
        assert.equal(a.source.outlet, 'Northfield Press Agency');
        assert.ok(a.seriousByKind.number >= 1 && a.seriousByKind.negation >= 1, JSON.stringify(a.seriousByKind));
        assert.ok(a.findings.some((f: { kind: string; source: string }) => f.kind === 'number' && /240/.test(f.source)));
      }
      assert.deepEqual(lines.map((a) => a.url).sort(), [`${copier.url}/news/ferry-chaos`, `${mirror.url}/2026/ferry-story`].sort(), 'tracking parameters are dropped from the URL');

      const second = await runCli(['watch', '--once', '--config', join(dir, 'watch.json')], { cwd: dir });
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, /3 feeds polled \(3 not modified, 0 failed\); 0 items fetched: 0 indexed, 0 traced, 0 announced/);
      assert.equal(outlet.requestsTo('/feed.xml')[1].headers['if-none-match'], '"outlet-1"');
      assert.equal(copier.requestsTo('/atom.xml')[1].headers['if-modified-since'], 'Sun, 15 Mar 2026 10:00:00 GMT');
      assert.equal(copier.requestsTo('/news/ferry-chaos').length, 1, 'no page is fetched again');
      assert.equal(readFileSync(announcements, 'utf8').trim().split('\n').length, 2, 'nothing new is announced');

      const csv = await runCli(['sites', '--db', db, '--csv'], { cwd: dir });
      assert.equal(csv.code, 0, csv.stderr);
      const rows = parse(csv.stdout, { columns: true, bom: true }) as Record<string, string>[];
      const copierSite = copier.url.replace('http://', '');
      const mirrorSite = mirror.url.replace('http://', '');
      assert.deepEqual(rows.map((r) => r.site).sort(), [copierSite, mirrorSite].sort());
      const row = rows.find((r) => r.site === copierSite)!;
      assert.equal(row.articles, '3');
      assert.equal(row.copies, '2');
      assert.equal(row.copied_percent, '66.7');
      assert.equal(row.altered_copies, '1');
      assert.equal(row.outlets_copied, 'Northfield Press Agency (2)');
      assert.match(row.serious_by_kind, /number \d/);
      assert.match(row.serious_by_kind, /negation \d/);

      const one = await runCli(['sites', copierSite, '--db', db, '--json'], { cwd: dir });
      assert.equal(one.code, 0, one.stderr);
      const detail = JSON.parse(one.stdout) as { site: { articles: number }; articles: { url: string; reportId: string }[] };
      assert.equal(detail.site.articles, 3);
      assert.ok(detail.articles.every((a) => /^[a-z2-7]{16}$/.test(a.reportId)));
      if (!db.startsWith('postgres')) assert.ok(existsSync(db));
    });
  });
}

watchScenario('a SQLite file', (dir) => join(dir, 'watch.db'), false);
const pgSkip = pgSkipReason();
after(dropMadeSchemas);
watchScenario('PostgreSQL', () => (pgSkip ? '' : freshSchemaUrl('watch')), pgSkip);

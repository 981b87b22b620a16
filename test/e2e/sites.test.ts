/**
 * End-to-end tests of the Sites page and the report exports: fixture sites on 127.0.0.1 are
 * watched into the real server's database (the same Watcher `unspun watch` runs), then
 * Debian's Chromium (playwright-core) checks that the Sites page shows what `unspun sites`
 * prints, that a site's page links its traced articles to their reports, and that a report's
 * exports open as people use them: a CSV a spreadsheet parses, the ClaimReview JSON-LD, a
 * print preview (page.pdf() with the print stylesheet), a link to one finding with the filters
 * kept in the address. Also the history (search, delete) and the "Try an example" button.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { traceArticle } from '../../src/core/pipeline.ts';
import { sitesCsv } from '../../src/core/sites/csv.ts';
import { summarizeSites } from '../../src/core/sites/sites.ts';
import type { Report } from '../../src/core/types.ts';
import { openSqliteStore } from '../../src/adapters/store-sqlite/index.ts';
import { openSqliteReportStore } from '../../src/adapters/store-sqlite/reports.ts';
import { openSqliteWatchStore } from '../../src/adapters/store-sqlite/watch.ts';
import { PoliteFetcher } from '../../src/adapters/watch/fetcher.ts';
import { Watcher } from '../../src/adapters/watch/watcher.ts';
import { REPO_ROOT, startTestServer, type TestServer } from '../http-helpers.ts';
import { ensureUiBuilt } from './ui-build.ts';
import { FixtureSite, articlePage, atomFeed, rssFeed } from '../watch-server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const CI = Boolean(process.env.CI);
const SLOW = 90_000;
const skipReason = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

describe('Sites page and report exports in Chromium', { skip: CI ? false : skipReason }, () => {
  let server: TestServer;
  let context: BrowserContext;
  let profile: string;
  const outlet = new FixtureSite();
  const copier = new FixtureSite();
  const problems: string[] = [];
  let copierSite = '';

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureUiBuilt();
    server = await startTestServer();
    await Promise.all([outlet.start(), copier.start()]);
    copierSite = copier.url.replace('http://', '');
    outlet.set('/feed.xml', {
      type: 'application/rss+xml',
      body: rssFeed('Northfield Press Agency', [
        { url: `${outlet.url}/ferry`, title: 'Ferry', date: '2026-03-12T09:00:00Z' },
        { url: `${outlet.url}/bridge`, title: 'Bridge', date: '2026-03-14T09:00:00Z' },
      ]),
    });
    outlet.set('/ferry', { body: articlePage('source-ferry.txt', { published: '2026-03-12T09:00:00Z' }) });
    outlet.set('/bridge', { body: articlePage('source-bridge.txt', { published: '2026-03-14T09:00:00Z' }) });
    copier.set('/atom.xml', {
      type: 'application/atom+xml',
      body: atomFeed('Daily Buzz', [
        { url: `${copier.url}/news/ferry-chaos`, title: 'Ferry', date: '2026-03-13T08:00:00Z' },
        { url: `${copier.url}/news/new-bridge`, title: 'Bridge', date: '2026-03-15T08:00:00Z' },
        { url: `${copier.url}/news/chess`, title: 'Chess', date: '2026-03-15T09:00:00Z' },
      ]),
    });
    copier.set('/news/ferry-chaos', { body: articlePage('copy-ferry-altered.txt', { published: '2026-03-13T08:00:00Z' }) });
    copier.set('/news/new-bridge', { body: articlePage('copy-bridge-faithful.txt', { published: '2026-03-15T08:00:00Z' }) });
    copier.set('/news/chess', { body: articlePage('unrelated.txt', { published: '2026-03-15T09:00:00Z' }) });

    // One poll of `unspun watch`, into the server's own database file.
    const watchLog: string[] = [];
    const corpus = await openSqliteStore(join(server.dir, 'test.db'));
    try {
      const watcher = new Watcher(
        {
          reference: [`${outlet.url}/feed.xml`], suspect: [`${copier.url}/atom.xml`], maxItemsPerFeed: 50, hostConcurrency: 2, attempts: 3,
          retryBaseMs: 10, backoffBaseMs: 60_000, backoffMaxMs: 60_000, announceSeverity: 'medium', permalinkBase: server.url,
        },
        {
          corpus, reports: openSqliteReportStore(corpus.database), state: openSqliteWatchStore(corpus.database),
          fetcher: new PoliteFetcher({ userAgent: 'unspun-test', robotsAgent: 'unspun', timeoutMs: 5000, maxBytes: 1e6, maxRedirects: 3, hostDelayMs: 5 }),
          trace: (input) => traceArticle(input, corpus, { generatorVersion: 'test' }),
          announce: async () => {}, log: (l) => watchLog.push(l),
        },
      );
      const s = await watcher.poll();
      assert.deepEqual([s.indexed, s.traced], [2, 3], watchLog.join('\n'));
    } finally {
      await corpus.close();
    }

    profile = mkdtempSync(join(tmpdir(), 'unspun-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(SLOW);
  });

  after(async () => {
    await context?.close();
    await server?.stop();
    await Promise.all([outlet.stop(), copier.stop()]);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      problems.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    return page;
  }

  let ferryReport = '';

  test('the Sites page shows what `unspun sites --csv` prints; a site page charts its copies and links its reports', async () => {
    // What the CLI prints, from the same database.
    const reports = openSqliteReportStore(join(server.dir, 'test.db'));
    const csvRows = parse(sitesCsv(summarizeSites(await reports.tracedArticles())), { columns: true, bom: true }) as Record<string, string>[];
    await reports.close();
    const cli = csvRows.find((r) => r.site === copierSite)!;
    assert.deepEqual([cli.articles, cli.copies, cli.outlets_copied], ['3', '2', 'Northfield Press Agency (2)']);

    const page = await newPage();
    await page.goto(server.url + '/');
    await page.getByRole('link', { name: 'Sites', exact: true }).click();
    await page.waitForURL(/\/sites$/);
    const row = page.locator(`tr[data-site="${copierSite}"]`);
    await row.waitFor();
    assert.equal(await row.locator('[data-col="articles"]').innerText(), cli.articles);
    assert.match(await row.locator('[data-col="copies"]').innerText(), new RegExp(`^${cli.copies} \\(67%\\)`));
    assert.equal(await row.locator('[data-col="altered"]').innerText(), cli.altered_copies);
    assert.equal(await row.locator('[data-col="outlets"]').innerText(), cli.outlets_copied);
    const kinds = await row.locator('[data-col="kinds"] [data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    for (const k of cli.serious_by_kind.split('; ').map((p) => p.split(' ')[0])) assert.ok(kinds.includes(k), `kind ${k} is shown`);
    const csvHref = await page.locator('a', { hasText: 'Download CSV' }).getAttribute('href');
    const served = parse(await (await fetch(server.url + csvHref)).text(), { columns: true, bom: true }) as Record<string, string>[];
    assert.deepEqual(served.find((r) => r.site === copierSite), cli, 'the page downloads the same CSV the CLI prints');
    await page.screenshot({ path: join(ARTIFACTS, 'sites.png'), fullPage: true });

    await row.locator('th a').click();
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/sites/${copierSite}`);
    await page.locator('.chart svg').waitFor();
    const bars = await page.locator('.chart [data-period]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-period'), e.getAttribute('data-copies')]));
    assert.deepEqual(bars, [['2026-03-13', '1'], ['2026-03-14', '0'], ['2026-03-15', '1']], 'copies by publication day, gaps filled');
    assert.equal(await page.locator('[data-outlet="Northfield Press Agency"] td').first().innerText(), '2');
    const links = page.locator('.site-articles li[data-report] > a');
    assert.equal(await links.count(), 3);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.screenshot({ path: join(ARTIFACTS, 'site.png'), fullPage: true });
    await page.locator('.site-articles li', { hasText: 'copies Northfield Press Agency' }).filter({ hasText: 'serious' }).locator('> a').click();
    await page.waitForURL(/\/r\/[a-z2-7]{16}$/);
    await page.locator('.sources .source').first().waitFor();
    assert.match(await page.locator('.report-head h1').innerText(), /Island ferry back/);
    ferryReport = new URL(page.url()).pathname.slice(3);
    await page.close();
  });

  test('a row whose meaning flipped names the change instead of a high similarity', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/r/${ferryReport}`);
    await page.locator('.row-pair').first().waitFor();
    const negationRow = page.locator('.row-pair', { has: page.locator('[data-change="negation"]') });
    const link = negationRow.locator('.connector .link');
    assert.equal(await link.getAttribute('data-link'), 'meaning-changed');
    const text = await link.innerText();
    assert.doesNotMatch(text, /%/);
    assert.match(text, /Negation flipped/);
    assert.match((await negationRow.locator('.connector').getAttribute('title')) ?? '', /meaning changed.*\d+% of the words/i);
    // A faithful row still shows its word overlap.
    assert.match(await page.locator('.row-pair .connector .link[data-link="similar"]').first().innerText(), /^\s*\d+%$/);
    await page.close();
  });

  test('exports: the changes CSV parses, one row per change with both quotes; the JSON-LD is ClaimReview; the print preview is a PDF', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/r/${ferryReport}`);
    await page.locator('.sources .source').first().waitFor();
    const report = ((await (await fetch(`${server.url}/api/reports/${ferryReport}`)).json()) as { report: Report }).report;

    const href = await page.locator('a', { hasText: 'Changes as CSV' }).getAttribute('href');
    const res = await fetch(server.url + href);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const csv = await res.text();
    writeFileSync(join(ARTIFACTS, 'changes.csv'), csv);
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(rows.length, report.changes.length);
    const number = rows.find((r) => r.kind === 'number')!;
    assert.match(number.source_quote, /Around 240 passengers/);
    assert.match(number.suspect_quote, /Around 420 passengers/);
    assert.equal(number.severity, 'high');
    assert.equal(number.source_url, `${outlet.url}/ferry`);
    assert.match(number.link, new RegExp(`/r/${ferryReport}#change-\\d+$`));

    await page.getByRole('button', { name: 'Fact-check JSON-LD' }).click();
    await page.getByLabel('Your organisation').fill('Harbour Fact Desk');
    await page.locator('.ld-block').waitFor();
    await page.waitForFunction(() => document.querySelector('.ld-block')?.textContent?.includes('Harbour Fact Desk'));
    const block = await page.locator('.ld-block').innerText();
    assert.match(block, /^<script type="application\/ld\+json">/);
    const ld = JSON.parse(block.replace(/^<script[^>]*>/, '').replace(/<\/script>\s*$/, '')) as Record<string, unknown>[];
    assert.ok(Array.isArray(ld) && ld.length === report.changes.filter((c) => c.severity === 'high' || c.severity === 'medium').length);
    assert.equal(ld[0]['@type'], 'ClaimReview');
    assert.deepEqual(ld[0].author, { '@type': 'Organization', name: 'Harbour Fact Desk' });
    assert.equal((ld[0].reviewRating as { worstRating: number }).worstRating, 1);

    // Print preview: the print stylesheet hides the controls and writes out every finding.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.toolbar').isVisible(), false);
    assert.equal(await page.locator('.actions').isVisible(), false);
    const details = page.locator('.change-detail');
    const shown = await details.evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
    assert.equal(shown, await details.count(), 'every finding is written out on paper');
    assert.equal(await page.locator('.print-meta').isVisible(), true, 'the permalink is printed');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'report-print.pdf'), pdf);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 20_000, `a real document (${pdf.length} bytes)`);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  test('a link to one finding opens it; filters are kept in the address', async () => {
    const report = ((await (await fetch(`${server.url}/api/reports/${ferryReport}`)).json()) as { report: Report }).report;
    const n = report.changes.findIndex((c) => c.kind === 'negation');
    const page = await newPage();
    await page.goto(`${server.url}/r/${ferryReport}?kinds=negation,number#change-${n}`);
    const chip = page.locator(`#change-${n}`);
    await chip.waitFor();
    assert.equal(await chip.getAttribute('aria-expanded'), 'true');
    assert.match((await chip.getAttribute('class')) ?? '', /\bcurrent\b/);
    assert.equal(await page.locator(`#change-detail-${n}`).isVisible(), true);
    const kinds = await page.locator('[data-change]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-change')))].sort());
    assert.deepEqual(kinds, ['negation', 'number']);
    assert.equal(await page.locator('[data-filter="negation"]').getAttribute('aria-pressed'), 'true');
    // Changing a filter rewrites the address, and a reload keeps it.
    await page.locator('[data-filter="number"]').click();
    await page.getByLabel('Only rows that changed').check();
    assert.equal(new URL(page.url()).search, '?kinds=negation&changed=1');
    await page.reload();
    await page.locator('[data-change]').first().waitFor();
    assert.deepEqual(await page.locator('[data-change]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-change')))]), ['negation']);
    assert.equal(await page.getByLabel('Only rows that changed').isChecked(), true);
    // The finding's own link is the address to share.
    const own = await page.locator(`#change-detail-${n} .finding-link`).getAttribute('href');
    assert.equal(own, `/r/${ferryReport}?kinds=negation&changed=1#change-${n}`);
    await page.close();
  });

  test('history: search, delete; the example button traces the demo rewrite', async () => {
    const page = await newPage();
    await page.goto(server.url + '/');
    await page.getByLabel('Search reports').fill('chess');
    await page.waitForFunction(() => document.querySelectorAll('.recent-list li').length === 1);
    assert.match(await page.locator('.recent-list li').innerText(), /Tessaly chess club/);
    const id = await page.locator('.recent-list li').getAttribute('data-report');
    await page.locator('.recent-list li').getByRole('button', { name: /Delete/ }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.recent-list li').length === 0);
    assert.equal((await fetch(`${server.url}/api/reports/${id}`)).status, 404);

    await page.getByLabel('Search reports').fill('');
    await page.getByRole('button', { name: 'Try an example' }).click();
    await page.waitForURL(/\/r\/[a-z2-7]{16}$/, { timeout: SLOW });
    await page.locator('.sources .source').first().waitFor();
    assert.match(await page.locator('.sources').innerText(), /demo-022/);
    await page.locator('.chip.sev-high, .chip.sev-medium').first().click();
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'example-report.png'), fullPage: false });
    await page.close();
  });

  test('no page logged an error, opened a dialog or hit a CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});

/**
 * End-to-end tests of the web UI: the real server (demo corpus index) and Debian's Chromium
 * driven by playwright-core. Screenshots go to test-artifacts/ (gitignored).
 *
 * Without Chromium these tests skip locally, and fail under CI (process.env.CI), where
 * .ci/run installs it. The specimen test reads ../shared and likewise skips only outside CI.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_SUSPECTS, REPO_ROOT, SHARED, startTestServer, type TestServer } from '../http-helpers.ts';
import { ensureUiBuilt } from './ui-build.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const SPECIMEN = join(SHARED, 'specimens/karabakh-spun-copy.txt');
const CI = Boolean(process.env.CI);
const SLOW = 90_000;

const haveChromium = existsSync(CHROMIUM);
const skipReason = haveChromium ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
if (!haveChromium && CI) {
  test('Chromium is installed for the browser tests', () => {
    assert.fail(`${skipReason}: browser tests cannot be skipped under CI`);
  });
}

describe('web UI in Chromium', { skip: CI ? false : skipReason }, () => {
  let server: TestServer;
  let context: BrowserContext;
  let profile: string;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureUiBuilt();
    server = await startTestServer();
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
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  // Anything the page reports as a CSP violation or an uncaught error fails the run at the end.
  const pageProblems: string[] = [];

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      pageProblems.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) pageProblems.push(`console ${m.type()}: ${m.text()}`);
    });
    return page;
  }

  async function pasteAndTrace(page: Page, text: string): Promise<string> {
    await page.goto(server.url + '/');
    await page.getByLabel('Article text or HTML').fill(text);
    await page.getByRole('button', { name: 'Trace', exact: true }).click();
    await page.waitForURL(/\/r\/[a-z2-7]{16}$/, { timeout: SLOW });
    await page.locator('.report-head h1').waitFor();
    return new URL(page.url()).pathname;
  }

  test('the specimen: paste, report, expand a change, filter, j/k, permalink', async (t: TestContext) => {
    if (!existsSync(SPECIMEN)) {
      if (CI) assert.fail(`${SPECIMEN} is missing`);
      t.skip(`${SPECIMEN} not found (../shared is not beside the repository)`);
      return;
    }
    const page = await newPage();
    const path = await pasteAndTrace(page, readFileSync(SPECIMEN, 'utf8'));
    assert.match(await page.locator('.report-head h1').innerText(), /Nagorno-Karabakh/);
    // The comment form is cut and listed, and spinner phrasing is reported.
    assert.ok((await page.locator('.removed li').count()) > 0, 'the cut boilerplate is listed');
    assert.ok((await page.locator('[data-change="spinner"]').count()) > 0, 'spinner phrasing is flagged');
    await page.screenshot({ path: join(ARTIFACTS, 'specimen-report.png'), fullPage: true });

    // Expand a change: its plain-language reason appears.
    const chip = page.locator('[data-change]').first();
    await chip.click();
    assert.equal(await chip.getAttribute('aria-expanded'), 'true');
    const detail = page.locator('.change-detail').first();
    await detail.waitFor();
    assert.ok((await detail.locator('.reason').innerText()).length > 10);

    // Filter by kind: only that kind's chips remain.
    const kinds = await page.locator('[data-filter]').evaluateAll((els) => els.map((e) => e.getAttribute('data-filter')));
    assert.ok(kinds.includes('spinner'));
    await page.locator('[data-filter="spinner"]').click();
    const shown = await page.locator('[data-change]').evaluateAll((els) => els.map((e) => e.getAttribute('data-change')));
    assert.ok(shown.length > 0);
    assert.deepEqual([...new Set(shown)], ['spinner']);
    await page.screenshot({ path: join(ARTIFACTS, 'specimen-filtered.png'), fullPage: false });

    // Keyboard: j moves to the first change, j again to the next, k back.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    const first = await page.locator('.chip.current').getAttribute('id');
    await page.keyboard.press('j');
    const second = await page.locator('.chip.current').getAttribute('id');
    await page.keyboard.press('k');
    assert.equal(await page.locator('.chip.current').getAttribute('id'), first);
    if (shown.length > 1) assert.notEqual(first, second);

    // The permalink opens the same report in a fresh page.
    const href = await page.locator('a.permalink').getAttribute('href');
    assert.equal(href, path);
    const again = await newPage();
    await again.goto(server.url + href);
    await again.locator('.report-head h1').waitFor();
    assert.match(await again.locator('.report-head h1').innerText(), /Nagorno-Karabakh/);
    const exported = await again.locator('a', { hasText: 'Export JSON' }).getAttribute('href');
    const res = await fetch(server.url + exported);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { suspect: { title: string } }).suspect.title, await again.locator('.report-head h1').innerText());
    await again.close();
    await page.close();
  });

  test('a demo rewrite with a source: side by side, inserted passages flagged, phone layout', async () => {
    const page = await newPage();
    await pasteAndTrace(page, readFileSync(join(DEMO_SUSPECTS, 'slanted-rewrite.txt'), 'utf8'));
    await page.locator('.sources .source').first().waitFor();
    assert.match(await page.locator('.sources').innerText(), /demo-022/);
    assert.ok((await page.locator('.row-pair').count()) > 0, 'aligned pairs are shown');
    assert.ok((await page.locator('mark.now').count()) > 0, 'changed words are highlighted');
    const inserted = await page.locator('.row-inserted .flag-inserted').count();
    const omitted = await page.locator('.row-omitted .flag-omitted').count();
    assert.ok(inserted + omitted > 0, 'inserted or omitted passages are flagged');
    // The README's picture (docs/img/report.png is copied from this one): a serious change opened.
    await page.locator('.chip.sev-high, .chip.sev-medium').first().click();
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: false });
    await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    // Folding faithful rows away keeps every inserted and omitted passage.
    const allRows = await page.locator('[data-row]').count();
    await page.getByLabel('Only rows that changed').check();
    assert.ok((await page.locator('[data-row]').count()) < allRows);
    assert.equal(await page.locator('.row-inserted').count(), inserted);
    assert.equal(await page.locator('.row-omitted').count(), omitted);
    await page.close();
  });

  test('a long report (450 sentences) is shown 200 rows a page, and the pager moves through it', async () => {
    const text = `Council items\n\n${Array.from({ length: 450 }, (_, i) => `Council item ${i + 1} was approved on Monday after a short debate.`).join('\n\n')}`;
    const res = await fetch(`${server.url}/api/trace`, { method: 'POST', body: text, headers: { 'Content-Type': 'text/plain' } });
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    const page = await newPage();
    await page.goto(`${server.url}/r/${id}`);
    await page.locator('.pager').first().waitFor();
    assert.equal(await page.locator('[data-row]').count(), 200);
    assert.match(await page.locator('.pager').first().innerText(), /Rows 1–200 of 450 \(page 1 of 3\)/);
    await page.locator('.pager').first().getByRole('button', { name: 'Next rows →' }).click();
    assert.match(await page.locator('.pager').first().innerText(), /Rows 201–400 of 450/);
    assert.match(await page.locator('[data-row]').first().innerText(), /Council item 201 /);
    await page.locator('.pager').last().getByRole('button', { name: 'Next rows →' }).click();
    assert.equal(await page.locator('[data-row]').count(), 50);
    await page.close();
  });

  test('a hostile page is traced and nothing in it runs', async () => {
    const body = [
      'Harbour crane collapses in Port Senna, two workers hurt',
      'A container crane collapsed at the Port Senna docks on Tuesday morning, injuring two workers, the port authority said.',
      'The crane was lifting an empty container when one of its legs buckled, witnesses said. Both workers were taken to hospital.',
      'The authority said it had stopped all crane work on the east quay while engineers inspected the other cranes.',
    ];
    const hostile = `<!doctype html><html><head><title>Crane collapse</title>
<script>window.__pwned = 'head-script';</script>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='refresh'">
</head><body onload="window.__pwned='body-onload'"><article><h1>${body[0]}</h1>
<p>${body[1]} <img src="x" onerror="window.__pwned='img-onerror'"></p>
<p>${body[2]} <a href="javascript:window.__pwned='link'">Read more</a></p>
<script>window.__pwned = 'inline-script'; alert('pwned');</script>
<p>${body[3]} <svg onload="window.__pwned='svg'"><a href="javascript:alert(1)">x</a></svg> &lt;script&gt;window.__pwned='escaped'&lt;/script&gt;</p>
<iframe src="javascript:parent.__pwned='iframe'"></iframe>
<a href="JaVaScRiPt:window.__pwned='mixed-case'">More</a>
</article></body></html>`;

    // Through the API, with a javascript: URL as the article's address.
    const res = await fetch(server.url + '/api/trace', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ html: hostile, url: "javascript:window.__pwned='url'" }),
    });
    assert.equal(res.status, 201);
    const { permalink } = (await res.json()) as { permalink: string };
    const page = await newPage();
    await page.goto(server.url + permalink);
    await page.locator('.report-head h1').waitFor();
    await page.waitForLoadState('networkidle');
    await assertInert(page);
    assert.match(await page.locator('.report-head h1').innerText(), /crane/i);
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-report.png'), fullPage: true });

    // Through the file picker (the drop zone's path), as a saved .html page.
    await page.goto(server.url + '/');
    await page.locator('input[type=file]').setInputFiles({ name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(hostile) });
    await page.getByText('hostile.html').waitFor();
    await page.getByRole('button', { name: 'Trace', exact: true }).click();
    await page.waitForURL(/\/r\/[a-z2-7]{16}$/);
    await page.locator('.report-head h1').waitFor();
    await assertInert(page);
    await page.close();
  });

  test('hostile metadata on a corpus article (title, outlet, javascript: URL) is shown as text', async () => {
    const sentences = [
      'The Orrin Island ferry resumed sailings on Wednesday after a three-day suspension caused by gales, the operator said.',
      'Around 240 passengers had been stranded on the mainland since Sunday, when waves of up to six metres closed the harbour at Selby Point.',
      'The first crossing left at 7.15 a.m. with 96 people and 31 vehicles on board, and a second sailing was added in the afternoon.',
      'The operator, Orrin Sound Ferries, said it would refund tickets for the cancelled crossings and cover hotel costs for stranded islanders.',
      'Island councillor Petra Lund said the closure had shown the need for a second, larger vessel on the route.',
      'The harbour authority said it would inspect the Selby Point breakwater, which was damaged during the storm, next week.',
    ];
    const article = {
      id: 'hostile-source-1',
      outlet: '<img src=x onerror="window.__pwned=\'outlet\'">Evil Wire',
      title: '<script>window.__pwned="title"</script>Ferry sailings resume',
      url: "javascript:window.__pwned='source-url'",
      published: '2026-02-11',
      text: sentences.join(' '),
    };
    const added = await fetch(server.url + '/api/articles', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(article) });
    assert.equal(added.status, 201);
    const copy = `Ferry sailings resume after gales\n\n${sentences.join('\n\n')}`;
    const res = await fetch(server.url + '/api/trace', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: copy });
    assert.equal(res.status, 201);
    const { permalink, report } = (await res.json()) as { permalink: string; report: { sources: { id: string }[] } };
    assert.equal(report.sources[0]?.id, 'hostile-source-1', 'the verbatim copy is traced to the hostile article');
    const page = await newPage();
    await page.goto(server.url + permalink);
    await page.locator('.sources .source').first().waitFor();
    await page.waitForLoadState('networkidle');
    await assertInert(page);
    const sourceText = await page.locator('.sources').innerText();
    assert.ok(sourceText.includes('<script>window.__pwned="title"</script>Ferry sailings resume'), 'the title is shown as literal text');
    assert.ok(sourceText.includes('Evil Wire'));
    assert.equal(await page.locator('.sources a').count(), 0, 'a javascript: source URL is not a link');
    await page.close();
  });

  test('no page logged an error, opened a dialog or hit a CSP violation', () => {
    assert.deepEqual(pageProblems, []);
  });

  async function assertInert(page: Page): Promise<void> {
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      javascriptLinks: Array.from(document.querySelectorAll('a[href], area[href], iframe[src]')).filter((a) =>
        /^\s*javascript:/i.test(a.getAttribute('href') ?? a.getAttribute('src') ?? ''),
      ).length,
      handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
      foreignScripts: Array.from(document.scripts).filter((s) => !/^\/assets\/[\w.-]+\.js$/.test(s.getAttribute('src') ?? '')).length,
      iframes: document.querySelectorAll('iframe, object, embed').length,
    }));
    assert.equal(state.pwned, undefined, 'no script from the article ran');
    assert.equal(state.javascriptLinks, 0, 'no javascript: link is rendered');
    assert.equal(state.handlers, 0, 'no inline event handler is rendered');
    assert.equal(state.foreignScripts, 0, 'the only script is the built bundle');
    assert.equal(state.iframes, 0, 'no frames or embeds are rendered');
  }
});

// The first hour of a publishing town (issue 17) in Debian's headless Chromium:
//
//   node tests/browser/first_hour.mjs BASE_URL OUT_DIR      (FLOW in the environment)
//
// a person who does not exist yet signs up and registers the town by its AGS -> confirms
// the address with the link mailed over real SMTP (read back from the test's mailbox) ->
// signs in -> follows "Veröffentlichen" -> previews the repository served on loopback
// (read in the background, nothing stored) -> publishes it -> makes a publiccode.yml in
// the editor (first with a missing field, then complete) -> fixes the failing
// documentation check and sees the score rise -> publishes it -> finds both on the account
// page. Every new page is checked by axe-core and photographed at 1366 and 390 px.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [[1366, 900], [390, 844]];
const [base, outDir] = process.argv.slice(2);
const flow = JSON.parse(process.env.FLOW);
mkdirSync(outDir, { recursive: true });

// Contexts bypass the site's CSP only so that axe-core can be injected; the CSP itself is
// tested on every response in tests/functional/test_security.py.
async function audit(page, name) {
  const results = [];
  for (const [width, height] of WIDTHS) {
    await page.setViewportSize({ width, height });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })), passes: r.passes.length,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        wide: [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1
          && !e.closest('.table-scroll')).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id}`) };
    }, WCAG_TAGS);
    await page.screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
    results.push({ name, width, url: page.url(), ...result });
  }
  await page.setViewportSize({ width: WIDTHS[0][0], height: WIDTHS[0][1] });
  return results;
}

// Wait on a page that refreshes itself (meta refresh) until ``selector`` shows.
async function waitOnRefreshingPage(page, selector, seconds) {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    try {
      if (await page.locator(selector).count()) return (Date.now() - started) / 1000;
    } catch { /* the page is reloading itself */ }
    await page.waitForTimeout(500);
  }
  throw new Error(`${selector} did not appear on ${page.url()}: ${await page.textContent('main')}`);
}

async function score(page) {
  return Number(await page.getAttribute('[data-score]', 'data-score'));
}

const browser = await chromium.launch({ executablePath: process.env.REGISTRY_CHROMIUM,
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const report = { audits: [], steps: {} };
try {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 },
    bypassCSP: true });
  const page = await context.newPage();

  // 1. Sign up: search the AGS, find nothing, register the town with it.
  await page.goto(`${base}/signup?lang=de`);
  await page.fill('#signup-q', flow.ags);
  await Promise.all([page.waitForURL(/\/signup\?/), page.click('form[action="/signup"][method="get"] button')]);
  report.audits.push(...await audit(page, 'signup'));
  report.steps.identifierPrefilled = await page.inputValue('#org-identifier');
  await page.check('#join-new');
  await page.fill('#org-name', flow.town);
  await page.fill('#signup-email', flow.email);
  await page.fill('#signup-name', 'Erika Beispiel');
  await page.fill('#signup-password', flow.password);
  await Promise.all([page.waitForLoadState('load'), page.click('form[action="/signup"][method="post"] button[type="submit"]')]);
  report.steps.sentText = (await page.textContent('main'))?.trim() ?? '';

  // 2. The confirmation mail, as the SMTP server on loopback received it.
  let link = null;
  for (let i = 0; i < 40 && !link; i += 1) {
    const mail = await (await fetch(`${flow.mailbox}?to=${encodeURIComponent(flow.email)}`)).json();
    link = (mail.text || '').match(/https?:\/\/\S+\/signup\/confirm\?token=\S+/)?.[0] ?? null;
    if (!link) await page.waitForTimeout(250);
  }
  if (!link) throw new Error('no confirmation mail arrived');
  const confirm = new URL(link);
  await page.goto(`${base}${confirm.pathname}${confirm.search}&lang=de`);
  report.steps.confirmedText = (await page.textContent('main'))?.trim() ?? '';

  // 3. Sign in and follow the navigation to publishing.
  await page.goto(`${base}/login?lang=de`);
  await page.fill('#login-email', flow.email);
  await page.fill('#login-password', flow.password);
  await Promise.all([page.waitForURL(/\/account$/), page.click('form[action="/login"] button[type="submit"]')]);
  await Promise.all([page.waitForURL(/\/publish$/), page.click('nav a[href="/publish"]')]);
  report.audits.push(...await audit(page, 'publish'));

  // 4. Preview the repository: read in the background, judged, nothing stored.
  await page.fill('#repository_url', flow.repository);
  await Promise.all([page.waitForURL(/\/imports\/\d+/), page.click('button[value="preview"]')]);
  report.steps.previewSeconds = await waitOnRefreshingPage(page, '#preview-title, .import-problem', 150);
  report.steps.previewText = (await page.textContent('main'))?.trim() ?? '';
  report.steps.previewScore = await score(page);
  report.steps.previewFailing = await page.locator('tr[data-check]').count();
  report.audits.push(...await audit(page, 'preview'));
  report.steps.statusBeforePublish = (await fetch(`${base}/api/v1/solutions/${flow.repositoryName}`)).status;

  // 5. Publish what was previewed; the import page follows it to the new entry.
  await Promise.all([page.waitForURL(/\/imports\/\d+/), page.click('button[value="publish"]')]);
  await waitOnRefreshingPage(page, 'main a[href^="/solutions/"], .import-problem', 150);
  report.audits.push(...await audit(page, 'import-status'));
  report.steps.repositorySlug = (await page.getAttribute('main a[href^="/solutions/"]', 'href')).split('/')[2];

  // 6. The editor: a missing field is named at its field, in German.
  await page.goto(`${base}/publish/editor?lang=de`);
  report.audits.push(...await audit(page, 'editor'));
  await page.fill('#url', flow.editorUrl);
  await page.click('button[value="check"]');
  await page.waitForSelector('#editor-error-title');
  report.steps.editorErrors = await page.locator('.field-error').count();
  report.steps.editorErrorText = (await page.textContent('.notice-error'))?.trim() ?? '';
  report.audits.push(...await audit(page, 'editor-errors'));

  // 7. Complete it; the check shows the score and the failing documentation check.
  await page.fill('#name', flow.editorName);
  await page.selectOption('#development_status', 'beta');
  await page.selectOption('#software_type', 'standalone/web');
  await page.check('input[name="platforms"][value="web"]');
  await page.selectOption('#categories', ['data-collection']);
  await page.fill('#de_short', 'Abfuhrtermine der Gemeinde im Kalender');
  await page.fill('#de_long', flow.longText);
  await page.fill('#de_features', 'Termine je Straße\nErinnerung per E-Mail');
  await page.fill('#licence', 'EUPL-1.2');
  await page.selectOption('#maintenance_type', 'internal');
  await page.fill('#contact_name', 'Erika Beispiel');
  await page.fill('#available_languages', 'de');
  await page.click('button[value="check"]');
  await page.waitForSelector('#editor-score-title');
  report.steps.editorScoreBefore = await score(page);
  report.steps.docsFailingBefore = await page.locator('tr[data-check="D3"]').count();
  report.audits.push(...await audit(page, 'editor-valid'));

  // 8. Fix the failing check: the documentation's address. The score rises.
  await page.fill('#de_documentation', flow.documentation);
  await page.click('button[value="check"]');
  await page.waitForSelector('#editor-score-title');
  report.steps.editorScoreAfter = await score(page);
  report.steps.docsFailingAfter = await page.locator('tr[data-check="D3"]').count();

  // 9. Download the file, then publish it directly.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[value="download"]')]);
  const saved = join(outDir, 'publiccode.yml');
  await download.saveAs(saved);
  report.steps.downloaded = saved;
  await Promise.all([page.waitForURL(/\/imports\/\d+/), page.click('button[value="publish"]')]);
  await waitOnRefreshingPage(page, 'main a[href^="/solutions/"], .import-problem', 60);
  const href = await page.getAttribute('main a[href^="/solutions/"]', 'href');
  report.steps.editorSlug = href.split('/')[2];
  const entry = await (await fetch(`${base}/api/v1/solutions/${report.steps.editorSlug}`)).json();
  report.steps.editorEntryName = entry.name;

  // 10. The account page lists both solutions and the imports.
  await page.goto(`${base}/account?lang=de`);
  report.audits.push(...await audit(page, 'account'));
  report.steps.mySolutions = await page.locator('tr[data-solution]').evaluateAll((rows) => rows.map((r) => r.dataset.solution));
  report.steps.myImports = await page.locator('tr[data-import]').evaluateAll((rows) => rows.map((r) => r.dataset.status));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

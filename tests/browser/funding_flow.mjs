// A funder's journey of issue 18 in Debian's headless Chromium, over a running registry:
//
//   node tests/browser/funding_flow.mjs BASE_URL OUT_DIR      (FLOW and STEP in the environment)
//
// STEP=signup: a person who has no account signs up and registers the funder organisation.
// STEP=journey (LINK: the confirmation path from the mail): confirms, signs in, follows the
// account page's link to the reports, records a programme (an invalid try first) and two
// grants, opens the programme and a grant report, keeps the state, downloads PDF and CSV.
// axe-core and screenshots at 1366 and 390 px on every report page. Prints one JSON report.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const [base, outDir] = process.argv.slice(2);
const flow = JSON.parse(process.env.FLOW);
const step = process.env.STEP;
mkdirSync(outDir, { recursive: true });

// The context bypasses the CSP only so that axe-core can be injected.
async function audit(page, name) {
  const shots = {};
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })), passes: r.passes.length };
    }, WCAG_TAGS);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const path = join(outDir, `${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    shots[width] = { ...result, overflow, screenshot: path };
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  return { name, url: page.url(), lang: await page.getAttribute('html', 'lang'), shots,
    text: await page.textContent('main') };
}

async function download(page, selector, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(outDir, name);
  await file.saveAs(path);
  return { path, suggested: file.suggestedFilename() };
}

async function signUp(page, report) {
  await page.goto(`${base}/signup?lang=de`);
  await page.check('#join-new');
  await page.fill('#org-name', flow.organisation);
  await page.selectOption('#org-kind', 'federal');
  await page.fill('#signup-email', flow.email);
  await page.fill('#signup-name', flow.person);
  await page.fill('#signup-password', flow.password);
  const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/signup') && r.request().method() === 'POST'),
    page.click('form[action="/signup"][method="post"] button[type="submit"]')]);
  report.steps.signupStatus = answer.status();
  report.steps.signupText = await page.textContent('main');
}

async function journey(page, report) {
  await page.goto(`${base}${process.env.LINK}&lang=de`);
  report.steps.confirmText = await page.textContent('main');
  await page.goto(`${base}/login?lang=de`);
  await page.fill('#login-email', flow.email);
  await page.fill('#login-password', flow.password);
  await Promise.all([page.waitForURL(/\/account$/), page.click('form[action="/login"] button[type="submit"]')]);
  report.steps.landedOn = page.url();
  await Promise.all([page.waitForURL(/\/reports$/), page.click('main a[href="/reports"]')]);
  report.audits.push(await audit(page, 'reports'));

  // An invalid programme first: the page comes back in German with the field marked.
  await page.fill('#programme-starts', '1.1.2026');
  await page.fill('#programme-name', flow.programme);
  const [bad] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/reports/programmes')),
    page.click('form[action="/reports/programmes"] button[type="submit"]')]);
  report.steps.invalidStatus = bad.status();
  report.steps.invalidText = await page.textContent('[role="alert"]');
  report.steps.invalidMarked = await page.getAttribute('#programme-starts', 'aria-invalid');
  report.audits.push(await audit(page, 'programme-invalid'));
  await page.fill('#programme-starts', '2026-01-01');
  await page.fill('#programme-ends', '2027-12-31');
  await page.selectOption('#programme-profile', flow.profile);
  await Promise.all([page.waitForURL(/\/reports\/programmes\/\d+$/),
    page.click('form[action="/reports/programmes"] button[type="submit"]')]);
  const programmeUrl = page.url();

  for (const [slug, reference] of flow.grants) {
    await page.fill('#grant-solution', slug);
    await page.fill('#grant-reference', reference);
    await Promise.all([page.waitForURL(programmeUrl), page.click('form[action$="/grants"] button[type="submit"]')]);
  }
  await Promise.all([page.waitForURL(/since=\d+/), page.click('form[action$="/runs"] button[type="submit"]')]);
  report.audits.push(await audit(page, 'programme-report'));
  report.steps.programmePdf = await download(page, 'a[href$="/report.pdf"]', 'programme-report.pdf');
  report.steps.programmeCsv = await download(page, 'a[href$="/report.csv"]', 'programme-report.csv');

  await page.click(`main a:text-is("${flow.grants[1][1]}")`);
  await page.waitForURL(/\/grants\/\d+$/);
  report.audits.push(await audit(page, 'grant-report'));
  report.steps.grantPdf = await download(page, 'a[href*="/report.pdf?grant="]', 'grant-report.pdf');
  report.steps.grantCsv = await download(page, 'a[href*="/report.csv?grant="]', 'grant-report.csv');
}

const browser = await chromium.launch({ executablePath: process.env.REGISTRY_CHROMIUM,
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const report = { audits: [], steps: {} };
try {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 },
    bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  if (step === 'signup') await signUp(page, report);
  else await journey(page, report);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

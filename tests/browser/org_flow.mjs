// Issue 17, journeys (2) and (3) in Debian's headless Chromium, over a running demo registry:
//
//   node tests/browser/org_flow.mjs BASE_URL OUT_DIR      (FLOW in the environment)
//
// FLOW.step "signup": a provider's person who does not exist yet finds the provider by name
//   and asks to join it (the confirmation mail goes to a real SMTP server; pytest reads it).
// FLOW.step "join": the link is followed; the provider's admin approves on „Meine
//   Organisation“; the person now sees it; the demo town picks the provider in an offer,
//   which then shows on the provider's page; the demo's three sign-ins each land on their
//   own start page. Every new page is shot at 1366 and 390 px and checked by axe-core.
// It prints one JSON report; pytest judges it.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1366, 390];
const [base, outDir] = process.argv.slice(2);
const flow = JSON.parse(process.env.FLOW);
mkdirSync(outDir, { recursive: true });

// Contexts bypass the site's CSP only so that axe-core can be injected; the CSP itself is
// tested on every response in tests/functional/test_security.py.
async function audit(page, name, report) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })), passes: r.passes.length };
    }, WCAG_TAGS);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const shot = join(outDir, `${name}-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    report.audits.push({ name, width, url: page.url(), overflow, shot, ...result });
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
}

async function signIn(page, email, password) {
  await page.goto(`${base}/login?lang=de`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForURL(/\/account$/), page.click('form[action="/login"] button[type="submit"]')]);
}

async function signOut(page) {
  await page.goto(`${base}/account`);
  await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/logout"] button')]);
}

async function signUp(page, report) {
  await page.goto(`${base}/signup?lang=de`);
  await page.fill('#signup-q', flow.providerName);
  await Promise.all([page.waitForURL(/q=/), page.click('form[action="/signup"][method="get"] button')]);
  await audit(page, 'signup-found', report);
  await page.check(`#join-${flow.provider}`);
  await page.fill('#signup-email', flow.person);
  await page.fill('#signup-name', 'Neue Kollegin');
  await page.fill('#signup-password', flow.password);
  await Promise.all([page.waitForLoadState('load'), page.click('form[action="/signup"][method="post"] button[type="submit"]')]);
  report.steps.sentText = await page.textContent('main');
  await audit(page, 'signup-sent', report);
}

async function joinAndOffer(page, report) {
  await page.goto(`${base}${flow.link}&lang=de`);
  report.steps.confirmedText = await page.textContent('main');

  // Before the admin decides, the person belongs to no organisation.
  await signIn(page, flow.person, flow.password);
  await page.goto(`${base}/my-organisation?lang=de`);
  report.steps.beforeText = await page.textContent('main');
  await audit(page, 'my-organisations-none', report);
  await signOut(page);

  // The provider's admin approves on „Meine Organisation“ (reached through the navigation).
  await signIn(page, flow.admin, flow.password);
  await page.click('nav a[href="/my-organisation"]');
  await page.waitForURL(new RegExp(`/my-organisation/${flow.provider}`));
  report.steps.requestsText = await page.textContent('#requests ~ ul');
  await audit(page, 'my-organisation-requests', report);
  await Promise.all([page.waitForURL(new RegExp(`/my-organisation/${flow.provider}`)),
    page.click(`form[action$="/approve"] button`)]);
  report.steps.membersText = await page.textContent('main');
  await signOut(page);

  // The person is a member now: the account page links „Meine Organisation“.
  await signIn(page, flow.person, flow.password);
  report.steps.accountText = await page.textContent('main');
  await page.click('main a[href^="/my-organisation/"]');
  report.steps.memberUrl = page.url();
  await audit(page, 'my-organisation-member', report);
  await signOut(page);

  // The demo town picks the provider for an offer: a search first, then its slug.
  await page.goto(`${base}/login?lang=de`);
  await Promise.all([page.waitForURL(/\/publish/), page.click('button[data-demo="town"]')]);
  await page.goto(`${base}/solutions/${flow.solution}/edit?lang=de`);
  await page.fill('#organisation_q', flow.providerName);
  await Promise.all([page.waitForURL(/organisation_q=/), page.click('form[role="search"][action$="/edit"] button')]);
  report.steps.foundText = await page.textContent('#organisation-results');
  await audit(page, 'edit-search', report);
  await page.selectOption('#offers-0-kind', 'hosted-service');
  await page.fill('#offers-0-provider', flow.provider);
  await page.fill('#offers-0-until', '2027-12-31');
  await Promise.all([page.waitForURL(/saved=/),
    page.click('form[action$="/edit"][method="post"] button[type="submit"]')]);
  report.steps.savedText = await page.textContent('[role="status"]');
  await audit(page, 'solution-saved', report);
  await page.goto(`${base}/organisations/${flow.provider}?lang=de`);
  report.steps.providerText = await page.textContent('#operates ~ ul');
  await signOut(page);
}

async function demoSignIns(browser, report) {
  report.steps.demo = {};
  for (const key of ['town', 'provider', 'funder']) {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=de`);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.click(`button[data-demo="${key}"]`)]);
    const nav = await page.$$eval('nav[aria-label] ul.nav a', (as) => as.map((a) => a.getAttribute('href')));
    report.steps.demo[key] = { url: new URL(page.url()).pathname, nav };
    await page.screenshot({ path: join(outDir, `demo-${key}-1366.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: join(outDir, `demo-${key}-390.png`), fullPage: true });
    await context.close();
  }
}

const browser = await chromium.launch({ executablePath: process.env.REGISTRY_CHROMIUM,
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const report = { audits: [], steps: {} };
try {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  if (flow.step === 'signup') {
    await signUp(page, report);
  } else {
    await joinAndOffer(page, report);
    await demoSignIns(browser, report);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

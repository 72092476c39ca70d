// The publishing journey of issue 8 in Debian's headless Chromium, over a running registry:
//
//   node tests/browser/publish_flow.mjs BASE_URL OUT_DIR      (FLOW in the environment)
//
// member of town A signs in -> publishes a repository from the loopback git server ->
// watches the import finish -> edits the operating model -> a member of town B declares an
// adoption -> a funder signs in and prints a profile report (PDF). axe-core runs on the
// login, publish, edit and history pages. It prints one JSON report; pytest judges it.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const [base, outDir] = process.argv.slice(2);
const flow = JSON.parse(process.env.FLOW);
mkdirSync(outDir, { recursive: true });

// Contexts bypass the site's CSP only so that axe-core can be injected; the CSP itself is
// tested on every response in tests/functional/test_security.py.
async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })), passes: r.passes.length };
  }, WCAG_TAGS);
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  return { name, url: page.url(), ...result };
}

async function signIn(page, email, audits) {
  await page.goto(`${base}/login?lang=de`);
  if (audits) audits.push(await axe(page, 'login'));
  await page.fill('#login-email', email);
  await page.fill('#login-password', flow.password);
  await Promise.all([page.waitForURL(/\/account$/), page.click('form[action="/login"] button[type="submit"]')]);
}

async function signOut(page) {
  await page.goto(`${base}/account`);
  await Promise.all([page.waitForURL(`${base}/`), page.click('form[action="/logout"] button')]);
}

const browser = await chromium.launch({ executablePath: process.env.REGISTRY_CHROMIUM,
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const report = { audits: [], steps: {} };
try {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();

  // 1. Town A publishes its repository and watches the import.
  await signIn(page, flow.memberA, report.audits);
  await page.goto(`${base}/publish?lang=de`);
  report.audits.push(await axe(page, 'publish'));
  await page.selectOption('#organisation', flow.organisationA);
  await page.fill('#repository_url', flow.repository);
  await Promise.all([page.waitForURL(/\/imports\//), page.click('button[value="publish"]')]);
  report.steps.importPage = page.url();
  const started = Date.now();
  let solutionHref = null;
  while (Date.now() - started < 150000) {
    try {
      solutionHref = await page.getAttribute('main a[href^="/solutions/"]', 'href', { timeout: 1000 });
      if (solutionHref) break;
    } catch { /* still importing: the page refreshes itself */ }
    await page.waitForTimeout(1000);
  }
  report.steps.importSeconds = (Date.now() - started) / 1000;
  report.steps.importStatus = (await page.textContent('[role="status"]'))?.trim() ?? '';
  report.steps.solutionHref = solutionHref;
  await page.screenshot({ path: join(outDir, 'import-status.png'), fullPage: true });
  if (!solutionHref) throw new Error(`import did not finish: ${report.steps.importStatus}`);
  const slug = solutionHref.split('/')[2].split(/[?#]/)[0];
  report.steps.slug = slug;

  // 2. Town A edits the operating model.
  await page.goto(`${base}/solutions/${slug}/edit?lang=de`);
  report.audits.push(await axe(page, 'edit'));
  await page.selectOption('#offers-0-kind', 'hosted-service');
  await page.fill('#offers-0-provider', flow.provider);
  await page.selectOption('#governance', 'consortium');
  await Promise.all([page.waitForURL(new RegExp(`/solutions/${slug}(\\?saved=[a-z]+)?(#saved)?$`)),
    page.click('form[action$="/edit"][method="post"] button[type="submit"]')]);
  report.steps.offersText = (await page.textContent('#offers ~ *'))?.trim() ?? '';
  report.steps.solutionText = await page.textContent('main');
  await page.goto(`${base}/solutions/${slug}/history?lang=de`);
  report.audits.push(await axe(page, 'history'));
  report.steps.historyText = await page.textContent('main');
  await signOut(page);

  // 3. Town B declares that it operates the solution.
  await signIn(page, flow.memberB, null);
  await page.goto(`${base}/solutions/${slug}/adopt?lang=de`);
  report.audits.push(await axe(page, 'adopt'));
  await page.selectOption('#role', 'operates');
  await page.fill('#instance_url', 'https://ris.example-b.example');
  await Promise.all([page.waitForURL(new RegExp(`/solutions/${slug}`)),
    page.click('form[action$="/adopt"] button[type="submit"]')]);
  report.steps.adoptersText = await page.textContent('main');
  await signOut(page);

  // 4. A funder signs in and prints the profile report.
  await signIn(page, flow.funder, null);
  await page.goto(`${base}/api/v1/solutions/${slug}/profiles/${flow.profile}?format=html&lang=de`);
  report.steps.reportText = await page.textContent('body');
  const pdf = join(outDir, 'profile-report.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  report.steps.pdf = pdf;
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));

// Drives Debian's headless Chromium over a running registry and prints one JSON report.
//
//   node tests/browser/run.mjs BASE_URL OUT_DIR
//
// pytest (tests/browser/test_browser.py) starts the server, runs this once and asserts on
// the report: axe-core results per page and language, a keyboard-only search, and the
// reader's path search -> filter -> solution -> score -> language switch. Screenshots go
// to OUT_DIR for review. Nothing here decides pass or fail; the Python tests do.
import { mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const [base, outDir] = process.argv.slice(2);
const executablePath = process.env.REGISTRY_CHROMIUM || '/usr/bin/chromium';
const PAGES = JSON.parse(process.env.REGISTRY_BROWSER_PAGES || '[]');
mkdirSync(outDir, { recursive: true });

// Contexts bypass the site's CSP only so that axe-core can be injected; the CSP itself is
// tested on every response in tests/functional/test_security.py.
async function axeRun(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      violations: result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
      passes: result.passes.length,
      incomplete: result.incomplete.map((v) => v.id),
    };
  }, WCAG_TAGS);
}

async function auditLanguage(context, lang) {
  const page = await context.newPage();
  const results = [];
  for (const { name, path, status } of PAGES) {
    const url = `${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
    const response = await page.goto(url);
    const axe = await axeRun(page);
    // Whole pages in English for review; the German ones show the first screen.
    await page.screenshot({ path: join(outDir, `${name}-${lang}.png`), fullPage: lang === 'en' });
    results.push({
      name, lang, url, status: response.status(), expected: status,
      htmlLang: await page.getAttribute('html', 'lang'), ...axe,
    });
  }
  await page.close();
  return results;
}

// Both languages side by side: two tabs halve the wall-clock time.
async function audit(context) {
  const [de, en] = await Promise.all([auditLanguage(context, 'de'), auditLanguage(context, 'en')]);
  return [...de, ...en];
}

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : null;
    const box = el ? el.getBoundingClientRect() : null;
    return el && {
      tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
      text: (el.textContent || '').trim().slice(0, 60),
      outline: style.outlineStyle, outlineWidth: style.outlineWidth,
      visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0,
    };
  });
}

// Keyboard only, with JavaScript switched off: tab to the search box, type, submit.
async function keyboard(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const stops = [];
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    stops.push(stop);
    if (stop && stop.id === 'site-q') break;
  }
  await page.keyboard.type('Masterportal');
  await Promise.all([page.waitForURL(/\/solutions\?/), page.keyboard.press('Enter')]);
  const afterUrl = page.url();
  const resultLinks = await page.locator('main .card-title a').allTextContents();
  const status = await page.locator('#result-count').textContent();
  // The skip link moves focus into the main landmark.
  await page.goto(`${base}/`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const afterSkip = page.url();
  await page.screenshot({ path: join(outDir, 'keyboard-search.png') });
  await context.close();
  return { stops, afterUrl, resultLinks, status: status.trim(), afterSkip };
}

// The reader's path: search, filter, open a solution, read the score, switch language.
async function journey(browser, solutionName) {
  const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
  const page = await context.newPage();
  const steps = {};
  await page.goto(`${base}/solutions`);
  await page.getByLabel('Search terms', { exact: true }).first().fill('Ratsinfo');
  await Promise.all([page.waitForURL(/q=Ratsinfo/), page.getByRole('button', { name: 'Search', exact: true }).first().click()]);
  steps.searched = (await page.locator('#result-count').textContent()).trim();
  await page.getByRole('checkbox', { name: /Participation/ }).check();
  await Promise.all([page.waitForURL(/domain=participation/), page.getByRole('button', { name: 'Apply filters' }).first().click()]);
  steps.filteredUrl = page.url();
  steps.filtered = (await page.locator('#result-count').textContent()).trim();
  await Promise.all([page.waitForURL(/\/solutions\/[^?]+$/), page.getByRole('link', { name: solutionName }).click()]);
  steps.solutionUrl = page.url();
  steps.score = (await page.locator('.score-value').textContent()).trim();
  steps.silo = (await page.locator('section[aria-labelledby="score"] .badge').first().textContent()).trim();
  steps.siloReasons = await page.locator('ul.reasons > li').allInnerTexts();
  // The check-by-check table folds away below the summary; a reader opens it.
  await page.locator('details.checks-details > summary').click();
  steps.checkStatuses = await page.locator('table.checks .status').allInnerTexts();
  await page.screenshot({ path: join(outDir, 'journey-solution-en.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/solutions\/[^?]+$/), page.getByRole('link', { name: 'Deutsch' }).click()]);
  steps.switchedUrl = page.url();
  steps.switchedLang = await page.getAttribute('html', 'lang');
  steps.germanScoreHeading = (await page.locator('h2#score').textContent()).trim();
  await page.goto(`${base}/`);
  steps.rememberedLang = await page.getAttribute('html', 'lang');
  // Follow the feed and the CSV export as a harvester would, from the links on the page.
  steps.feedHref = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
  const follow = async (href) => {
    const response = await page.request.get(new URL(href, page.url()).href);
    return { href, status: response.status(), type: response.headers()['content-type'] || '',
             start: (await response.text()).slice(0, 200) };
  };
  steps.feed = await follow(steps.feedHref);
  steps.csv = await follow(await page.locator('footer a[type="text/csv"]').getAttribute('href'));
  await context.close();
  return steps;
}

// Every page type with the network closed beyond loopback: any request to another origin
// is blocked and recorded (GDPR: no CDN, no web fonts), and the API documentation at
// /schema must still render its operations from the registry's own files.
async function offline(browser) {
  const context = await browser.newContext({ locale: 'de-DE' });
  const blocked = [];
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    const local = ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
    if (local || protocol === 'data:' || protocol === 'blob:') return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  for (const { path } of PAGES) {
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  }
  await page.goto(`${base}/schema`, { waitUntil: 'networkidle' });
  await page.waitForSelector('.opblock', { timeout: 15000 }).catch(() => null);
  const schemaOperations = await page.locator('.opblock').count();
  await page.screenshot({ path: join(outDir, 'schema-offline.png') });
  await context.close();
  return { blocked, schemaOperations, pages: PAGES.length + 1 };
}

// Every page type in German on a 390 px phone and at 1366 px: how wide the page is (nothing may
// scroll sideways) and where "Auf einen Blick" sits on solution pages (within the first screen).
async function widths(browser) {
  const results = [];
  for (const [width, height] of [[390, 844], [1366, 768]]) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'de-DE', bypassCSP: true });
    const page = await context.newPage();
    for (const { name, path } of PAGES) {
      await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=de`);
      const measured = await page.evaluate(() => {
        const glance = document.querySelector('section[aria-labelledby="glance"]');
        const box = glance && glance.getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          glanceTop: box ? box.top + window.scrollY : null,
          glanceBottom: box ? box.bottom + window.scrollY : null,
          glanceText: glance ? glance.innerText : null,
        };
      });
      await page.screenshot({ path: join(outDir, `${name}-de-${width}.png`) });
      results.push({ name, width, height, ...measured });
    }
    await context.close();
  }
  return results;
}

// No background traffic: the machine's network is closed beyond loopback and the registries.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath, args: ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const timings = {};
  const timed = async (name, fn) => {
    const start = Date.now();
    const value = await fn();
    timings[name] = Date.now() - start;
    return value;
  };
  const report = {
    chromium: browser.version(),
    axeFound: existsSync(AXE),
    pages: await timed('pages', () => audit(context)),
    keyboard: await timed('keyboard', () => keyboard(browser)),
    journey: await timed('journey', () => journey(browser, process.env.REGISTRY_JOURNEY_SOLUTION || '')),
    offline: await timed('offline', () => offline(browser)),
    widths: await timed('widths', () => widths(browser)),
    timings,
  };
  await context.close();
  process.stdout.write(JSON.stringify(report));
} finally {
  await browser.close();
}

// A German reader on the search page (issue 21), in Debian's headless Chromium:
//
//   node tests/browser/search_cards.mjs BASE_URL OUT_DIR
//
// at 1366 and 390 px: searches "Schule", counts Tab presses from page load to the first
// result (with the skip link, and without it), ticks a domain facet and sees the results
// change without pressing the button (no page load, focus kept on the checkbox, the count
// announced), reads the cards, checks where results and filters stand, horizontal overflow
// and axe-core; then a search with no hits, and the form with JavaScript switched off.
// Prints one JSON report; screenshots go to OUT_DIR.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [[1366, 900], [390, 844]];
const [base, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });

// Contexts bypass the site's CSP only so that axe-core can be injected.
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, WCAG_TAGS);
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function isFirstResult(page) {
  return page.evaluate(() => {
    const first = document.querySelector('#results .card-title a');
    return first !== null && document.activeElement === first;
  });
}

// Tab presses from page load until the first result link has focus (Enter on the skip link
// when ``skip``); null when it is not reached within 120.
async function tabsToFirstResult(page, url, skip) {
  await page.goto(url);
  for (let tabs = 1; tabs <= 120; tabs += 1) {
    await page.keyboard.press('Tab');
    if (tabs === 1 && skip) {
      const label = await page.evaluate(() => document.activeElement.textContent.trim());
      if (label !== 'Zu den Ergebnissen') return { tabs: null, first: label };
      await page.keyboard.press('Enter');
      continue;
    }
    if (await isFirstResult(page)) return { tabs };
  }
  return { tabs: null };
}

async function reader(browser, width, height) {
  const context = await browser.newContext({ locale: 'de-DE', bypassCSP: true,
    viewport: { width, height } });
  const page = await context.newPage();
  const out = { width };
  await page.goto(`${base}/solutions`);
  await page.getByLabel('Suchbegriff', { exact: true }).fill('Schule');
  await Promise.all([page.waitForURL(/q=Schule/), page.getByRole('button', { name: 'Suchen', exact: true }).click()]);
  const searched = page.url();
  out.searchedUrl = searched;
  out.searched = (await page.locator('#result-count').textContent()).trim();
  out.skip = await tabsToFirstResult(page, searched, true);
  out.noSkip = await tabsToFirstResult(page, searched, false);
  await page.goto(searched);
  out.panelOpenAtLoad = await page.locator('#filter-panel').evaluate((d) => d.open);
  out.layout = await page.evaluate(() => {
    const top = (sel) => { const e = document.querySelector(sel);
      return e && e.checkVisibility() ? e.getBoundingClientRect().top + window.scrollY : null; };
    const left = (sel) => document.querySelector(sel).getBoundingClientRect().left;
    return { resultsTop: top('#results .card'), facetsTop: top('#filter-panel fieldset'),
      toggleTop: top('#filter-panel > summary'), resultsLeft: left('#results'),
      panelLeft: left('#filter-panel'), viewport: window.innerHeight };
  });
  if (!out.panelOpenAtLoad) await page.locator('#filter-panel > summary').click();
  await page.evaluate(() => { window.notReloaded = true; });
  const box = page.getByRole('checkbox', { name: /^Betrieb durch Dienstleister/ });
  await box.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /offer=hosted-service/.test(location.search)
    && document.getElementById('search-status').textContent.trim() !== '');
  out.afterFilter = await page.evaluate(() => ({
    url: location.href, notReloaded: window.notReloaded === true,
    status: document.getElementById('search-status').textContent.trim(),
    count: document.getElementById('result-count').textContent.trim(),
    toggle: document.getElementById('filters').textContent.trim(),
    focus: { name: document.activeElement.name, value: document.activeElement.value,
      checked: document.activeElement.checked },
    applyButtons: [...document.querySelectorAll('button')].filter((b) => b.textContent.trim() === 'Filter anwenden').length,
  }));
  out.cards = await page.locator('#results .card').evaluateAll((cards) => cards.map((c) => ({
    name: c.querySelector('.card-title').textContent.trim(),
    domains: c.querySelector('.card-domains')?.textContent.trim() ?? null,
    offers: c.querySelector('.card-offers')?.textContent.trim() ?? null,
    activity: c.querySelector('.card-activity')?.textContent.trim() ?? null,
    marked: [...c.querySelectorAll('mark')].map((m) => m.textContent),
  })));
  out.overflow = await overflow(page);
  out.axe = await axe(page);
  await page.screenshot({ path: join(outDir, `search-filtered-${width}.png`), fullPage: true });
  // Nothing found: a spelling from the catalogue, the closest domains.
  await page.goto(`${base}/solutions?q=Beteilgunq`);
  out.zero = await page.evaluate(() => ({
    didYouMean: document.getElementById('did-you-mean')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
    domains: [...document.querySelectorAll('[aria-labelledby="browse-domains"] a')].map((a) => a.textContent),
  }));
  out.zeroOverflow = await overflow(page);
  out.zeroAxe = await axe(page);
  await page.screenshot({ path: join(outDir, `search-zero-${width}.png`), fullPage: true });
  await context.close();
  return out;
}

// Without JavaScript the one button applies the filters.
async function withoutScript(browser) {
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/solutions?q=Schule`);
  await page.getByRole('checkbox', { name: /^Betrieb durch Dienstleister/ }).check();
  await Promise.all([page.waitForURL(/offer=hosted-service/),
    page.getByRole('button', { name: 'Filter anwenden' }).click()]);
  const result = { url: page.url(), count: (await page.locator('#result-count').textContent()).trim() };
  await context.close();
  return result;
}

const browser = await chromium.launch({ executablePath: process.env.REGISTRY_CHROMIUM,
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const readers = [];
  for (const [width, height] of WIDTHS) readers.push(await reader(browser, width, height));
  const noScript = await withoutScript(browser);
  process.stdout.write(JSON.stringify({ readers, noScript }));
} finally {
  await browser.close();
}

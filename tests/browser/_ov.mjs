import { chromium } from 'playwright-core';
const [,, url] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
await page.goto(url);
const r = await page.evaluate(() => {
  const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'hidden' || o === 'scroll') return true; } return false; };
  return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392 && !clipped(e)).map(e => e.tagName + '.' + e.className + ' in ' + (e.closest('section')?.getAttribute('aria-labelledby')) + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 30);
});
console.log(r.join('\n'));
console.log(await page.evaluate(() => document.documentElement.scrollWidth));
await browser.close();

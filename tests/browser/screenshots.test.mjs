// Screenshots of the example site as readers see it, for a human to look at, with every built-in
// theme: one page of each kind (home, story, article, outlet, search with results, 404) at
// phone, desktop and very wide widths, light and dark, the first screen and the whole page, and
// the home, story and article pages as printed (media print). Written to target/screenshots/
// as <theme>-<page>-<width>-<scheme>[-full].png and <theme>-<page>-print.png. Also checks they
// are real pictures of the page (non-trivial PNGs of the expected width).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { newContext, REPO, representativePages, SCREENSHOT_DIR, setup, teardown } from './lib.mjs';

const s = await setup();
after(teardown);
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
  const b = readFileSync(file);
  assert.equal(b.toString('ascii', 1, 4), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const SHOTS = [
  { width: 360, scheme: 'light' },
  { width: 1280, scheme: 'light' },
  { width: 360, scheme: 'dark' },
  { width: 1920, scheme: 'dark' },
];

/** Where to look at a page: the search page with results for "Valdai". */
const address = (p) => (p.kind === 'search' ? `${p.url}?q=Valdai` : p.url);

/** Waits for what the page shows once loaded (the search page's results). */
async function ready(page, p) {
  if (p.kind === 'search') await page.waitForFunction(() => /results? for/.test(document.querySelector('#search-status').textContent));
}

/**
 * Asserts a screenshot is a real picture `width` wide (at least, with `{ atLeast: true }`: a
 * printed page may run wider than the paper); returns its height.
 */
function check(file, width, { atLeast = false } = {}) {
  const size = pngSize(file);
  if (atLeast) assert.ok(size.width >= width, `${relative(REPO, file)} width ${size.width}`);
  else assert.equal(size.width, width, `${relative(REPO, file)} width`);
  assert.ok(statSync(file).size > 10_000, `${relative(REPO, file)} is suspiciously small`);
  return size.height;
}

for (const theme of s.themes) {
  const pages = representativePages(s.site('example', theme));
  const name = (p) => (p.kind === 'home' ? 'home' : p.kind);

  describe(`screenshots, ${theme} theme`, () => {
    for (const { width, scheme } of SHOTS) {
      test(`every page type, ${width}px, ${scheme}`, async (t) => {
        const ctx = await newContext(s.browser, { width, height: width < 600 ? 780 : 1000, scheme, deviceScaleFactor: 1 });
        try {
          const page = await ctx.newPage();
          for (const p of pages) {
            await page.goto(address(p));
            await ready(page, p);
            const top = join(SCREENSHOT_DIR, `${theme}-${name(p)}-${width}-${scheme}.png`);
            const full = join(SCREENSHOT_DIR, `${theme}-${name(p)}-${width}-${scheme}-full.png`);
            await page.screenshot({ path: top }); // the first screen, as a reader lands on it
            await page.screenshot({ path: full, fullPage: true });
            check(top, width);
            const height = check(full, width);
            if (p.kind === 'story') assert.ok(height > 2000, 'the full-page shot shows the whole story');
            t.diagnostic(`${relative(REPO, top)}, ${relative(REPO, full)}`);
          }
        } finally {
          await ctx.close();
        }
      });
    }

    test('home, story and article as printed', async (t) => {
      // An A4 page is about 794 CSS px wide.
      const ctx = await newContext(s.browser, { width: 794, height: 1123, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        await page.emulateMedia({ media: 'print' });
        for (const p of pages.filter((x) => ['home', 'story', 'article'].includes(x.kind))) {
          await page.goto(p.url);
          assert.ok(await page.evaluate(() => matchMedia('print').matches), 'print media emulated');
          const file = join(SCREENSHOT_DIR, `${theme}-${name(p)}-print.png`);
          await page.screenshot({ path: file, fullPage: true });
          // themes.test.mjs checks that the broadsheet's printed story stays on the paper.
          const { width } = pngSize(file);
          check(file, 794, { atLeast: true });
          t.diagnostic(`${relative(REPO, file)}${width > 794 ? ` (${width}px wide: wider than the paper)` : ''}`);
        }
      } finally {
        await ctx.close();
      }
    });
  });
}

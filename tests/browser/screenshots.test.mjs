// Screenshots of the example story page, and of the search page with results, as readers see
// them, at phone and desktop widths, in the light scheme and one dark, written to
// target/screenshots/ for a human to look at. Also checks they are real pictures of the page
// (non-trivial PNGs of the expected width).

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
];

describe('screenshots of the story page', () => {
  const story = representativePages(s.sites.example).find((p) => p.kind === 'story');
  for (const { width, scheme } of SHOTS) {
    test(`story, ${width}px, ${scheme}`, async (t) => {
      const ctx = await newContext(s.browser, { width, height: width < 600 ? 780 : 900, scheme, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        await page.goto(story.url);
        const top = join(SCREENSHOT_DIR, `story-${width}-${scheme}.png`);
        const full = join(SCREENSHOT_DIR, `story-${width}-${scheme}-full.png`);
        await page.screenshot({ path: top }); // the first screen, as a reader lands on it
        await page.screenshot({ path: full, fullPage: true });
        for (const f of [top, full]) {
          const size = pngSize(f);
          assert.equal(size.width, width, `${relative(REPO, f)} width`);
          assert.ok(statSync(f).size > 10_000, `${relative(REPO, f)} is suspiciously small`);
        }
        assert.ok(pngSize(full).height > 2000, 'the full-page shot shows the whole story');
        t.diagnostic(`screenshots: ${relative(REPO, top)} (first screen), ${relative(REPO, full)} (whole page)`);
      } finally {
        await ctx.close();
      }
    });
  }
});

describe('screenshots of the search page with results', () => {
  const search = representativePages(s.sites.example).find((p) => p.kind === 'search');
  for (const { width, scheme } of [
    { width: 390, scheme: 'light' },
    { width: 1280, scheme: 'light' },
    { width: 390, scheme: 'dark' },
  ]) {
    test(`search "Valdai", ${width}px, ${scheme}`, async (t) => {
      const ctx = await newContext(s.browser, { width, height: width < 600 ? 844 : 900, scheme, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        await page.goto(`${search.url}?q=Valdai`);
        await page.waitForFunction(() => /results? for/.test(document.querySelector('#search-status').textContent));
        const file = join(SCREENSHOT_DIR, `search-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.equal(pngSize(file).width, width);
        assert.ok(statSync(file).size > 10_000, `${relative(REPO, file)} is suspiciously small`);
        t.diagnostic(`screenshot: ${relative(REPO, file)}`);
      } finally {
        await ctx.close();
      }
    });
  }
});

// Accessibility: axe-core reports zero WCAG 2.2 A/AA violations on every page type (home, story,
// outlet-by-outlet, article, outlet, search, 404) of the example site and of a fresh `digest init`
// site, each built with every built-in theme, in light and dark colour schemes, at 360 px and
// 1280 px. Plus the states axe only sees when they are on
// screen (a targeted footnote entry, a focused backlink, a targeted footnote number; the search
// page's results, a focused result, the "more" button, no results) and reflow at 320 px
// (WCAG 1.4.10).

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { formatUnchecked, formatViolations, newContext, representativePages, runAxe, SCHEMES, setup, teardown, WIDTHS } from './lib.mjs';

const s = await setup({ ukrainian: true });
after(teardown);

// Two groups at a time: axe is CPU-bound in the renderer and the machines have 2 cores.
describe('axe-core, WCAG 2.2 A and AA', { concurrency: 2 }, () => {
  for (const site of s.sites) {
    const pages = representativePages(site);
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        describe(`${site.label}, ${scheme}, ${width}px`, { concurrency: 1 }, () => {
          let ctx;
          let page;
          for (const p of pages) {
            test(`${p.kind} (${p.path})`, async () => {
              if (!page) {
                ctx = await newContext(s.browser, { scheme, width });
                page = await ctx.newPage();
              }
              await page.goto(p.url, { waitUntil: 'load' });
              const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
              assert.equal(dark, scheme === 'dark', 'colour scheme emulation');
              assert.equal(await page.evaluate(() => innerWidth), width, 'viewport width');
              const { violations: v, unchecked } = await runAxe(page);
              assert.equal(v.length, 0, `${v.length} axe violation(s) on ${p.path}:\n${formatViolations(v)}`);
              assert.equal(unchecked.length, 0, `axe could not check the contrast of ${unchecked.length} element(s) on ${p.path}:\n${formatUnchecked(unchecked)}`);
            });
          }
          after(async () => ctx && (await ctx.close()));
        });
      }
    }
  }

  // The example in Ukrainian: its words are longer (a phone's line breaks elsewhere) and its
  // article text is marked English. Light at 360 px and dark at 1280 px.
  for (const [scheme, width] of [['light', 360], ['dark', 1280]]) {
    describe(`${s.uk.name} site, ${scheme}, ${width}px`, { concurrency: 1 }, () => {
      let ctx;
      let page;
      for (const p of representativePages(s.uk)) {
        test(`${p.kind} (${p.path})`, async () => {
          if (!page) {
            ctx = await newContext(s.browser, { scheme, width });
            page = await ctx.newPage();
          }
          await page.goto(p.url, { waitUntil: 'load' });
          // Every page is in the site's language, Ukrainian; an article page's headline and text
          // carry their own, English.
          const lang = await page.evaluate(() => [
            document.documentElement.lang,
            document.querySelector('#article-title')?.closest('[lang]').lang ?? null,
          ]);
          assert.deepEqual(lang, ['uk', p.kind === 'article' ? 'en' : null]);
          const { violations: v, unchecked } = await runAxe(page);
          assert.equal(v.length, 0, `${v.length} axe violation(s) on ${p.path}:\n${formatViolations(v)}`);
          assert.equal(unchecked.length, 0, `axe could not check the contrast of ${unchecked.length} element(s) on ${p.path}:\n${formatUnchecked(unchecked)}`);
        });
      }
      after(async () => ctx && (await ctx.close()));
    });
  }

  describe("states that appear on interaction (example story)", { concurrency: 1 }, () => {
    for (const theme of s.themes) {
      const story = representativePages(s.site('example', theme)).find((p) => p.kind === 'story');
      for (const scheme of SCHEMES) {
        test(`${theme} theme: targeted footnote entry, focused backlink, targeted footnote number: ${scheme}`, async () => {
          const ctx = await newContext(s.browser, { scheme, width: 1280 });
          try {
            const page = await ctx.newPage();
            await page.goto(story.url);
            const ref = page.locator('a[role="doc-noteref"]').first();
            const href = await ref.getAttribute('href');
            await ref.focus();
            await page.keyboard.press('Enter'); // the entry becomes :target (highlighted)
            await page.waitForFunction((h) => location.hash === h, href);
            await page.keyboard.press('Tab'); // its backlink, focused (:focus-visible ring)
            let { violations: v } = await runAxe(page, `${href}, ${href} *`);
            assert.equal(v.length, 0, `footnote entry ${href} targeted, backlink focused:\n${formatViolations(v)}`);
            await page.keyboard.press('Enter'); // back: the footnote number is :target and focused
            ({ violations: v } = await runAxe(page, 'sup.noteref, sup.noteref *'));
            assert.equal(v.length, 0, `footnote number targeted and focused:\n${formatViolations(v)}`);
          } finally {
            await ctx.close();
          }
        });
      }
    }
  });

  describe('the search page with results, a focused result and more to show (example site)', { concurrency: 1 }, () => {
    for (const theme of s.themes) {
      const search = representativePages(s.site('example', theme)).find((p) => p.kind === 'search');
      for (const scheme of SCHEMES) {
        for (const width of WIDTHS) {
          test(`${theme} theme, ${scheme}, ${width}px`, async () => {
            const ctx = await newContext(s.browser, { scheme, width });
            try {
              const page = await ctx.newPage();
              // "the" has more results than a page shows: the "Show more results" button is there too.
              await page.goto(`${search.url}?q=the`);
              await page.waitForSelector('.search-result');
              await page.locator('#search-input').focus();
              await page.keyboard.press('ArrowDown'); // the first result's link, focused
              assert.ok(await page.locator('.search-more').isVisible(), 'more results to show');
              let { violations: v, unchecked } = await runAxe(page);
              assert.equal(v.length, 0, `${v.length} axe violation(s) with results:\n${formatViolations(v)}`);
              assert.equal(unchecked.length, 0, `unchecked contrast:\n${formatUnchecked(unchecked)}`);
              await page.locator('#search-input').fill('zanzibar');
              await page.waitForFunction(() => /^No results/.test(document.querySelector('#search-status').textContent));
              ({ violations: v } = await runAxe(page));
              assert.equal(v.length, 0, `${v.length} axe violation(s) with no results:\n${formatViolations(v)}`);
            } finally {
              await ctx.close();
            }
          });
        }
      }
    }
  });

  describe("reflow: no horizontal scrolling at 320 px (WCAG 1.4.10)", { concurrency: 1 }, () => {
    for (const site of s.sites) {
      test(`${site.label}, every page type`, async () => {
        const ctx = await newContext(s.browser, { width: 320 });
        const wide = [];
        try {
          const page = await ctx.newPage();
          for (const p of representativePages(site)) {
            await page.goto(p.url);
            const w = await page.evaluate(() => document.documentElement.scrollWidth);
            if (w > 320) wide.push(`${p.path}: page is ${w}px wide`);
          }
        } finally {
          await ctx.close();
        }
        assert.deepEqual(wide, []);
      });
    }
  });
});

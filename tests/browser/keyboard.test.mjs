// Keyboard and screen-reader round trips, in real Chromium, on every site (the example and a
// `digest init` site, each with every built-in theme):
// - the skip link is the first stop and leads into <main>;
// - Tab reaches a footnote number, Enter jumps to its source entry, Tab lands on that entry's
//   backlink for this very citation, Enter comes back and focus is on the footnote number again,
//   for every citation on every story page;
// - an article's "Cited as" links open the story's source entry;
// - headings form a proper outline on every page;
// - the timeline is an ordered list whose events are reachable by heading (accessibility tree).

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { newContext, representativePages, setup, teardown } from './lib.mjs';

const s = await setup();
after(teardown);
const sites = s.sites;

/** Facts about the focused element, read in the page. */
async function active(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return { tag: 'body' };
    const r = a.getBoundingClientRect();
    const cs = getComputedStyle(a);
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      href: a.getAttribute('href'),
      role: a.getAttribute('role'),
      text: a.textContent.trim(),
      inMain: !!a.closest('main'),
      footnote: a.closest('li.footnote')?.id ?? null,
      inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.width > 0,
      outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
    };
  });
}

/** Is the element with this id on screen, and is it the :target? */
async function targetState(page, id) {
  return page.evaluate((id) => {
    const e = document.getElementById(id);
    if (!e) return { exists: false };
    const r = e.getBoundingClientRect();
    return { exists: true, isTarget: e.matches(':target'), inView: r.bottom > 0 && r.top < innerHeight };
  }, id);
}

/** One round trip: the URL's hash, the element `id` (:target? on screen?) and the focused element. */
async function state(page, id) {
  return page.evaluate((id) => {
    const e = document.getElementById(id);
    const r = e?.getBoundingClientRect();
    const a = document.activeElement;
    return {
      hash: location.hash,
      isTarget: !!e?.matches(':target'),
      inView: !!r && r.bottom > 0 && r.top < innerHeight,
      active: a && a !== document.body
        ? { id: a.id, href: a.getAttribute('href'), role: a.getAttribute('role'), footnote: a.closest('li.footnote')?.id ?? null }
        : { tag: 'body' },
    };
  }, id);
}

const waitHash = (page, hash) => page.waitForFunction((h) => location.hash === h, hash, { timeout: 5000 });

describe('skip link', () => {
  for (const site of sites) {
    test(`${site.label}: the first Tab shows the skip link, which leads into <main>`, async () => {
      const ctx = await newContext(s.browser, { width: 360 });
      try {
        const page = await ctx.newPage();
        for (const p of representativePages(site)) {
          await page.goto(p.url);
          await page.keyboard.press('Tab');
          const a = await active(page);
          assert.equal(a.href?.endsWith('#main'), true, `${p.path}: first Tab focused ${JSON.stringify(a)}`);
          assert.ok(a.inView, `${p.path}: the focused skip link is not on screen`);
          await page.keyboard.press('Enter');
          await waitHash(page, '#main');
          await page.keyboard.press('Tab');
          const b = await active(page);
          assert.ok(b.inMain, `${p.path}: after the skip link, Tab went to ${JSON.stringify(b)}, outside <main>`);
        }
      } finally {
        await ctx.close();
      }
    });
  }
});

describe('footnotes by keyboard', () => {
  for (const site of sites) {
    test(`${site.label}: Tab from the top of the story to its first footnote number and round trip`, async () => {
      const story = site.byKind.story[0];
      const ctx = await newContext(s.browser, { width: 1280 });
      try {
        const page = await ctx.newPage();
        await page.goto(story.url);
        const firstRef = await page.locator('a[role="doc-noteref"]').first().evaluate((a) => a.id);
        let a = { tag: 'body' };
        let presses = 0;
        while (a.id !== firstRef && presses < 150) {
          await page.keyboard.press('Tab');
          presses++;
          a = await active(page);
        }
        assert.equal(a.id, firstRef, `Tab never reached the first footnote number in ${presses} presses`);
        assert.ok(a.inView, 'the focused footnote number is on screen');
        assert.match(a.outline, /^solid [2-9]/, `focus ring on the footnote number: ${a.outline}`);
        const noteHref = a.href;

        await page.keyboard.press('Enter');
        await waitHash(page, noteHref);
        const entry = await targetState(page, noteHref.slice(1));
        assert.deepEqual(entry, { exists: true, isTarget: true, inView: true }, `source entry ${noteHref}`);

        await page.keyboard.press('Tab');
        const back = await active(page);
        assert.equal(back.role, 'doc-backlink', `Tab after the jump focused ${JSON.stringify(back)}`);
        assert.equal(back.footnote, noteHref.slice(1), 'the backlink belongs to the entry just opened');
        assert.equal(back.href, `#${firstRef}`, 'the backlink leads back to this citation');
        assert.match(back.outline, /^solid [2-9]/, `focus ring on the backlink: ${back.outline}`);

        await page.keyboard.press('Enter');
        await waitHash(page, `#${firstRef}`);
        const home = await active(page);
        assert.equal(home.id, firstRef, `focus after the backlink: ${JSON.stringify(home)}`);
        assert.ok(home.inView, 'the footnote number is on screen again');

        // Reading goes on from the citation: the next Tab is the next link after it.
        const expectedNext = await page.evaluate((id) => {
          const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
            .filter((e) => e.getClientRects().length > 0);
          const i = all.indexOf(document.getElementById(id));
          return all[i + 1]?.getAttribute('href') ?? null;
        }, firstRef);
        await page.keyboard.press('Tab');
        const next = await active(page);
        assert.equal(next.href, expectedNext, 'Tab after returning continues right after the citation');
      } finally {
        await ctx.close();
      }
    });

    test(`${site.label}: every footnote number round-trips to its own backlink and back`, async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      const problems = [];
      let checked = 0;
      try {
        const page = await ctx.newPage();
        for (const story of site.byKind.story) {
          await page.goto(story.url);
          const refs = await page.locator('a[role="doc-noteref"]').evaluateAll((as) => as.map((a) => ({ id: a.id, href: a.getAttribute('href') })));
          assert.ok(refs.length > 0, `${story.path} has no footnote numbers`);
          for (const ref of refs) {
            const note = ref.href.slice(1);
            await page.locator(`[id="${ref.id}"]`).focus();
            await page.keyboard.press('Enter');
            const entry = await state(page, note);
            if (entry.hash !== ref.href || !entry.isTarget || !entry.inView) {
              problems.push(`${story.path}: ${ref.id} -> ${ref.href}: ${JSON.stringify(entry)}`);
              continue;
            }
            // Tab through the entry's backlinks (a, b, c …) to the one for this citation.
            let back;
            for (let i = 0; i < 30; i++) {
              await page.keyboard.press('Tab');
              back = (await state(page, note)).active;
              if (back.role !== 'doc-backlink' || back.footnote !== note || back.href === `#${ref.id}`) break;
            }
            if (back.role !== 'doc-backlink' || back.href !== `#${ref.id}` || back.footnote !== note) {
              problems.push(`${story.path}: ${ref.id}: no backlink to it in ${ref.href} (stopped at ${JSON.stringify(back)})`);
              continue;
            }
            await page.keyboard.press('Enter');
            const home = await state(page, ref.id);
            if (home.hash !== `#${ref.id}` || home.active.id !== ref.id || !home.inView) {
              problems.push(`${story.path}: back from ${ref.href}: ${JSON.stringify(home)}`);
            }
            checked++;
          }
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
      assert.ok(checked > 0);
    });

    test(`${site.label}: an article's "Cited as" links open the story's source entry`, async () => {
      const ctx = await newContext(s.browser, { width: 360 });
      const problems = [];
      let checked = 0;
      try {
        const page = await ctx.newPage();
        for (const art of site.byKind.article) {
          await page.goto(art.url);
          const links = await page.locator('.cited-by a').evaluateAll((as) => as.map((a) => a.href));
          for (const href of links.slice(0, 1)) {
            await page.goto(art.url);
            const link = page.locator(`.cited-by a[href="${new URL(href).pathname + new URL(href).hash}"]`).first();
            await link.focus();
            await page.keyboard.press('Enter');
            await page.waitForURL(href);
            const id = new URL(href).hash.slice(1);
            const st = await targetState(page, id);
            if (!st.exists || !st.isTarget || !st.inView) problems.push(`${art.path} -> ${href}: ${JSON.stringify(st)}`);
            await page.keyboard.press('Tab');
            const a = await active(page);
            if (a.footnote !== id) problems.push(`${art.path} -> ${href}: Tab went to ${JSON.stringify(a)}, not into the entry`);
            checked++;
          }
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
      assert.ok(checked > 0, 'no "Cited as" links found on any article page');
    });
  }
});

describe('headings outline', () => {
  for (const site of sites) {
    test(`${site.label}: one h1 first, no skipped levels, no empty headings, on every page`, async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      const problems = [];
      try {
        const page = await ctx.newPage();
        for (const p of site.pages) {
          await page.goto(p.url);
          const hs = await page.evaluate(() =>
            [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].map((h) => ({
              level: Number(h.getAttribute('aria-level') || h.tagName.slice(1)),
              text: h.textContent.trim(),
              shown: h.getClientRects().length > 0,
            })),
          );
          if (hs.filter((h) => h.level === 1).length !== 1) problems.push(`${p.path}: ${hs.filter((h) => h.level === 1).length} h1 elements`);
          if (hs[0]?.level !== 1) problems.push(`${p.path}: the first heading is h${hs[0]?.level}`);
          for (let i = 1; i < hs.length; i++) {
            if (hs[i].level > hs[i - 1].level + 1) problems.push(`${p.path}: h${hs[i - 1].level} "${hs[i - 1].text}" is followed by h${hs[i].level} "${hs[i].text}"`);
          }
          for (const h of hs) {
            if (!h.text) problems.push(`${p.path}: empty h${h.level}`);
            if (!h.shown) problems.push(`${p.path}: h${h.level} "${h.text}" is not displayed`);
          }
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('timeline', () => {
  for (const site of sites) {
    test(`${site.label}: an ordered list of dated events, each reachable by its heading`, async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      try {
        const page = await ctx.newPage();
        let stories = 0;
        for (const story of site.byKind.story) {
          await page.goto(story.url);
          if ((await page.locator('#timeline').count()) === 0) continue;
          stories++;
          const events = await page.evaluate(() => {
            const ol = document.querySelector('#timeline ol');
            return {
              tag: ol?.tagName.toLowerCase(),
              items: [...(ol?.children ?? [])].map((li) => ({
                tag: li.tagName.toLowerCase(),
                headings: [...li.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName.slice(1)), text: h.textContent.trim() })),
                datetimes: [...li.querySelectorAll('time')].map((t) => t.getAttribute('datetime')),
              })),
            };
          });
          assert.equal(events.tag, 'ol', `${story.path}: the timeline is not an <ol>`);
          assert.ok(events.items.length > 0, `${story.path}: empty timeline`);
          for (const [i, ev] of events.items.entries()) {
            assert.equal(ev.tag, 'li');
            assert.equal(ev.headings.length, 1, `${story.path}: event ${i + 1} has ${ev.headings.length} headings`);
            assert.equal(ev.headings[0].level, 3, `${story.path}: event ${i + 1} heading level`);
            assert.ok(ev.datetimes.length >= 1, `${story.path}: event ${i + 1} has no <time>`);
            assert.match(ev.datetimes[0], /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, `${story.path}: event ${i + 1} datetime`);
          }
          // In date order (comparing the instants; a coarser date counts as its first moment).
          const when = events.items.map((e) => Date.parse(e.datetimes[0]));
          for (let i = 1; i < when.length; i++) {
            assert.ok(when[i] >= when[i - 1] - 14 * 3600 * 1000, `${story.path}: event ${i + 1} (${events.items[i].datetimes[0]}) is before event ${i} (${events.items[i - 1].datetimes[0]})`);
          }
          // What a screen reader gets: a list of list items, each with a level-3 heading, and each
          // heading found by name among the page's headings.
          const tree = await page.locator('#timeline').ariaSnapshot();
          assert.match(tree, /^\s*- list:$/m, `${story.path}: the timeline is not exposed as a list:\n${tree}`);
          const itemsInTree = (tree.match(/^\s*- listitem:?/gm) || []).length;
          assert.ok(itemsInTree >= events.items.length, `${story.path}: ${itemsInTree} list items exposed for ${events.items.length} events`);
          for (const ev of events.items) {
            const h = page.locator('#timeline').getByRole('heading', { level: 3, name: ev.headings[0].text, exact: true });
            assert.ok((await h.count()) >= 1, `${story.path}: no heading "${ev.headings[0].text}" in the accessibility tree`);
          }
        }
        assert.ok(stories > 0, 'no story with a timeline');
      } finally {
        await ctx.close();
      }
    });
  }
});

// Footnotes in place (themes/default/static/footnotes.js), in real Chromium, on the story pages
// of both sites:
// - hover opens a popover beside the number with the outlet, title and cited words of its own
//   entry, which stays open while the pointer moves into it and closes after it leaves;
// - Tab onto a number opens it, Tab goes on into its links, Escape closes it and focus is on the
//   number, focus moving elsewhere closes it;
// - touch: the first tap opens it without jumping, the second goes to the entry, a tap elsewhere
//   closes it;
// - at 320 px every popover of the annotation is inside the window;
// - at 1920 px the notes of the reading column sit in the margin as sidenotes that overlap
//   neither each other, nor the text column, nor the wide pieces (quotes, tables); hovering a
//   number highlights its sidenote instead of opening a popover;
// - axe (WCAG 2.2 A/AA) with a popover open, light and dark, and with the sidenotes shown;
// - print shows the source list and never a popover or a sidenote; reduced motion stills it;
// - with JavaScript off a number is a plain link that jumps to its entry;
// - no console error or warning anywhere here.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { formatUnchecked, formatViolations, newContext, runAxe, SCHEMES, setup, teardown, watchedPage } from './lib.mjs';

const s = await setup();
after(teardown);
const sites = s.sites;
const REF = 'a[role="doc-noteref"]';

/** The story page of a site with the most footnote numbers. */
function storyOf(site) {
  return site.byKind.story[0];
}

/** The open popover: its id, the number it belongs to, its text and box; null when none. */
function openPopover(page) {
  return page.evaluate(() => {
    const open = [...document.querySelectorAll('.fn-popover')].filter((p) => p.matches(':popover-open'));
    if (open.length === 0) return null;
    if (open.length > 1) return { error: `${open.length} popovers open` };
    const p = open[0];
    const r = p.getBoundingClientRect();
    return {
      id: p.id,
      ref: p.previousElementSibling?.id ?? null,
      text: p.textContent.replace(/\s+/g, ' ').trim(),
      box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
      vw: document.documentElement.clientWidth,
      vh: innerHeight,
    };
  });
}

/** The words of the entry a number links to, as the source list prints them. */
function entryWords(page, refId) {
  return page.evaluate((id) => {
    const ref = document.getElementById(id);
    const li = document.getElementById(ref.getAttribute('href').slice(1));
    const t = (sel) => li.querySelector(sel)?.textContent.replace(/\s+/g, ' ').trim() ?? '';
    return { outlet: t('.footnote-outlet'), title: t('.footnote-title'), excerpt: t('.footnote-excerpt'), date: t('time'), entry: li.id };
  }, refId);
}

/** Focused element: id, class and whether it is inside a popover. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return { id: a?.id ?? '', cls: a?.className ?? '', tag: a?.tagName.toLowerCase() ?? '', inPopover: !!a?.closest('.fn-popover'), popover: a?.closest('.fn-popover')?.id ?? null };
  });
}

async function firstRef(page) {
  return page.locator(`main ${REF}`).first().evaluate((a) => a.id);
}

describe('footnote popovers', () => {
  for (const site of sites) {
    test(`${site.label}: hover opens the right entry, stays open over the popover, closes after`, async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      try {
        const { page, log } = await watchedPage(ctx);
        await page.goto(storyOf(site).url);
        assert.equal(await openPopover(page), null, 'nothing open on arrival');
        // The numbers of the annotation and of the timeline, the first few of each.
        const ids = await page.locator(`#annotation ${REF}, #timeline ${REF}`).evaluateAll((as) => as.slice(0, 4).map((a) => a.id));
        assert.ok(ids.length > 0, 'no footnote numbers in the annotation or the timeline');
        for (const id of ids) {
          const ref = page.locator(`[id="${id}"]`);
          await ref.scrollIntoViewIfNeeded();
          await ref.hover();
          await page.waitForFunction((id) => document.getElementById(`${id}-popover`)?.matches(':popover-open'), id, { timeout: 3000 });
          const pop = await openPopover(page);
          const want = await entryWords(page, id);
          assert.equal(pop.ref, id, `the popover belongs to ${id}`);
          for (const k of ['outlet', 'title', 'excerpt', 'date']) assert.ok(pop.text.includes(want[k]), `popover of ${id} lacks its ${k} "${want[k]}": ${pop.text}`);
          assert.ok(want.outlet && want.title, `entry of ${id} has an outlet and a title`);
          // It names no other entry's words: its text is exactly the number and that entry's body.
          const body = await page.evaluate((e) => document.querySelector(`#${e} .footnote-body`).textContent.replace(/\s+/g, ' ').trim(), want.entry);
          assert.ok(pop.text.endsWith(body), `popover of ${id} is its entry: ${pop.text}`);
          // It sits next to the number: touching its line, above or below.
          const r = await ref.boundingBox();
          const near = Math.min(Math.abs(pop.box.top - (r.y + r.height)), Math.abs(pop.box.bottom - r.y));
          assert.ok(near < 16, `popover of ${id} is ${near}px from its number`);
        }
        // Into the popover: it stays open; away from both: it closes.
        const id = ids[0];
        const ref = page.locator(`[id="${id}"]`);
        await ref.scrollIntoViewIfNeeded();
        await ref.hover();
        await page.waitForFunction((id) => document.getElementById(`${id}-popover`)?.matches(':popover-open'), id);
        const pop = page.locator(`[id="${id}-popover"]`);
        const box = await pop.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
        await page.waitForTimeout(600);
        assert.equal((await openPopover(page))?.ref, id, 'the popover stays open while the pointer is in it');
        await page.mouse.move(5, 5, { steps: 4 });
        await page.waitForFunction(() => !document.querySelector('.fn-popover:popover-open'), null, { timeout: 3000 });
        // Escape dismisses it (WCAG 1.4.13), and it stays closed while the pointer rests there.
        await ref.hover();
        await page.waitForFunction((id) => document.getElementById(`${id}-popover`)?.matches(':popover-open'), id);
        await page.keyboard.press('Escape');
        assert.equal(await openPopover(page), null, 'Escape closed the hover popover');
        const rb = await ref.boundingBox();
        await page.mouse.move(rb.x + rb.width / 2 + 1, rb.y + rb.height / 2, { steps: 3 });
        await page.waitForTimeout(400);
        assert.equal(await openPopover(page), null, 'and it does not come back under the resting pointer');
        await page.mouse.move(5, 5, { steps: 2 });
        // A click on the number still follows the link, and closes the popover.
        await ref.hover();
        await ref.click();
        await page.waitForFunction((h) => location.hash === h, await ref.getAttribute('href'));
        assert.equal(await openPopover(page), null, 'clicking the number jumps to the entry and closes the popover');
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });

    test(`${site.label}: Tab opens it, Tab moves into its links, Escape closes it with focus on the number`, async () => {
      const ctx = await newContext(s.browser, { width: 1280 });
      try {
        const { page, log } = await watchedPage(ctx);
        await page.goto(storyOf(site).url);
        const id = await firstRef(page);
        // Tab onto the first number from the link just before it.
        await page.evaluate((id) => {
          const all = [...document.querySelectorAll('a[href], button, input, summary')].filter((e) => e.getClientRects().length > 0);
          all[all.indexOf(document.getElementById(id)) - 1].focus();
        }, id);
        await page.keyboard.press('Tab');
        assert.equal((await focused(page)).id, id, 'Tab reached the first number');
        const pop = await openPopover(page);
        assert.equal(pop?.ref, id, `Tab onto ${id} opened its popover: ${JSON.stringify(pop)}`);
        const described = await page.evaluate((id) => {
          const ref = document.getElementById(id);
          const d = document.getElementById(ref.getAttribute('aria-describedby'));
          return { inList: !!d?.closest('[role="doc-endnotes"]'), entry: d?.closest('li')?.id, href: ref.getAttribute('href'), expanded: ref.getAttribute('aria-expanded') };
        }, id);
        assert.deepEqual(described, { inList: true, entry: described.href.slice(1), href: described.href, expanded: null }, 'the number is described by its entry');

        // Tab: into the popover (its number, a link to the entry, then the entry's links).
        await page.keyboard.press('Tab');
        let f = await focused(page);
        assert.equal(f.popover, `${id}-popover`, `Tab after the number went into its popover: ${JSON.stringify(f)}`);
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), await page.locator(`[id="${id}"]`).getAttribute('href'));
        await page.keyboard.press('Tab');
        f = await focused(page);
        assert.ok(f.inPopover, `the second Tab is on the entry's links: ${JSON.stringify(f)}`);
        assert.equal((await openPopover(page))?.ref, id, 'still open while focus is inside');

        // Escape from inside: closed, focus back on the number, and it does not reopen.
        await page.keyboard.press('Escape');
        assert.equal(await openPopover(page), null, 'Escape closed it');
        assert.equal((await focused(page)).id, id, 'focus is on the number after Escape');
        await page.waitForTimeout(200);
        assert.equal(await openPopover(page), null, 'and it stays closed');

        // Escape with focus on the number: closed, focus stays.
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        assert.equal((await openPopover(page))?.ref, id, 'focusing the number again opens it again');
        await page.keyboard.press('Escape');
        assert.equal(await openPopover(page), null);
        assert.equal((await focused(page)).id, id, 'focus stays on the number');

        // Focus moving on past the popover closes it.
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        assert.equal((await openPopover(page))?.ref, id);
        for (let i = 0; i < 12; i++) {
          f = await focused(page);
          if (f.id !== id && !f.inPopover) break;
          await page.keyboard.press('Tab');
        }
        const now = await openPopover(page);
        assert.notEqual(now?.ref, id, `focus left (${JSON.stringify(f)}) and the popover of ${id} closed`);
        if (f.tag === 'a' && (await page.evaluate(() => document.activeElement.matches('a[role="doc-noteref"]')))) {
          assert.equal(now?.ref, f.id, 'the next number has its own popover open');
        }
        // Enter on a number still jumps to the entry (and the popover closes).
        const href = await page.locator(`[id="${id}"]`).getAttribute('href');
        await page.locator(`[id="${id}"]`).focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction((h) => location.hash === h, href);
        assert.equal(await openPopover(page), null, 'Enter follows the link and closes the popover');
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });

    test(`${site.label}: touch opens on the first tap, follows the link on the second, closes on a tap elsewhere`, async () => {
      const ctx = await newContext(s.browser, { width: 360, height: 740, hasTouch: true, isMobile: true });
      try {
        const { page, log } = await watchedPage(ctx);
        const story = storyOf(site);
        await page.goto(story.url);
        const id = await firstRef(page);
        const ref = page.locator(`[id="${id}"]`);
        const href = await ref.getAttribute('href');
        await ref.scrollIntoViewIfNeeded();
        await ref.tap();
        await page.waitForTimeout(150);
        assert.equal(new URL(page.url()).hash, '', 'the first tap does not jump');
        const pop = await openPopover(page);
        assert.equal(pop?.ref, id, `the first tap opened the popover: ${JSON.stringify(pop)}`);
        // A tap elsewhere closes it.
        await page.locator('#annotation-title, h1').first().tap();
        await page.waitForTimeout(100);
        assert.equal(await openPopover(page), null, 'a tap elsewhere closed it');
        // Again, and the second tap goes to the entry.
        await ref.tap();
        await page.waitForTimeout(100);
        assert.equal((await openPopover(page))?.ref, id);
        await ref.tap();
        await page.waitForFunction((h) => location.hash === h, href, { timeout: 3000 });
        assert.equal(await openPopover(page), null, 'the second tap jumped to the entry and closed the popover');
        const target = await page.evaluate((h) => document.querySelector(h).matches(':target'), href);
        assert.ok(target, 'the entry is the target');
        // The popover's own number is a link to the entry too.
        await page.goto(story.url);
        await ref.tap();
        await page.waitForTimeout(100);
        // (A tap at its place: Playwright's own check of what a locator tap would hit does not
        // see through the top layer, and reports the popover as covering its own link.)
        const nb = await page.locator(`[id="${id}-popover"] .fn-popover-number`).boundingBox();
        await page.touchscreen.tap(nb.x + nb.width / 2, nb.y + nb.height / 2);
        await page.waitForFunction((h) => location.hash === h, href, { timeout: 3000 });
        assert.equal(await openPopover(page), null);
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });

    test(`${site.label}: at 320 px every popover of the annotation stays inside the window`, async () => {
      const ctx = await newContext(s.browser, { width: 320, height: 568 });
      try {
        const { page, log } = await watchedPage(ctx);
        await page.goto(storyOf(site).url);
        const ids = await page.locator(`main ${REF}`).evaluateAll((as) => as.slice(0, 40).map((a) => a.id));
        const problems = [];
        for (const id of ids) {
          // Near the top and near the bottom of the window: it flips to stay inside.
          for (const where of ['start', 'end']) {
            // (Away first: an open popover stays with its line when the page scrolls.)
            await page.evaluate(([id, where]) => {
              document.activeElement?.blur();
              document.getElementById(id).scrollIntoView({ block: where });
              document.getElementById(id).focus();
            }, [id, where]);
            const pop = await openPopover(page);
            if (pop?.ref !== id) {
              problems.push(`${id}: no popover (${JSON.stringify(pop)})`);
              continue;
            }
            const b = pop.box;
            if (b.left < 0 || b.top < 0 || b.right > pop.vw || b.bottom > pop.vh) problems.push(`${id} (${where}): popover at ${JSON.stringify(b)}, window ${pop.vw}x${pop.vh}`);
          }
        }
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(scroll, 0, 'no horizontal scrolling with a popover open');
        assert.deepEqual(problems, []);
        assert.ok(ids.length > 0);
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });
  }
});

/** The sidenotes' boxes, and what they must not overlap (page coordinates). */
function sidenoteLayout(page) {
  return page.evaluate(() => {
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY };
    };
    const notes = [...document.querySelectorAll('.fn-sidenote')].filter((n) => n.getClientRects().length > 0);
    const column = box(document.querySelector('main .page-header'));
    // The text: every line of text in <main> (each text node's boxes).
    const text = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || n.parentElement.closest('.fn-popover, .visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0) text.push({ left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY });
    }
    // The wide pieces, and every box (borders, backgrounds) in <main>.
    const wide = [...document.querySelectorAll('main .quote, main .table-scroll, main table')].map(box);
    return {
      notes: notes.map((n) => ({ ...box(n), text: n.textContent.trim().slice(0, 40), hidden: n.closest('[aria-hidden="true"]') !== null })),
      column,
      text,
      wide,
      vw: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('sidenotes on wide screens', () => {
  for (const site of sites) {
    test(`${site.label}, 1920 px: the notes sit in the margin, overlapping nothing`, async () => {
      const ctx = await newContext(s.browser, { width: 1920, height: 1080 });
      try {
        const { page, log } = await watchedPage(ctx);
        await page.goto(storyOf(site).url);
        const l = await sidenoteLayout(page);
        assert.ok(l.notes.length > 0, 'sidenotes are shown');
        const problems = [];
        for (const [i, n] of l.notes.entries()) {
          if (!n.hidden) problems.push(`sidenote ${n.text} is not aria-hidden`);
          if (n.left < l.column.right) problems.push(`sidenote ${n.text} reaches into the text column (${n.left} < ${l.column.right})`);
          if (n.right > l.vw) problems.push(`sidenote ${n.text} runs off the window`);
          for (const m of l.notes.slice(i + 1)) if (overlap(n, m)) problems.push(`sidenotes overlap: ${n.text} / ${m.text}`);
          for (const t of l.text) if (overlap(n, t)) problems.push(`sidenote ${n.text} covers text at ${JSON.stringify(t)}`);
          for (const w of l.wide) if (overlap(n, w)) problems.push(`sidenote ${n.text} covers a wide piece at ${JSON.stringify(w)}`);
        }
        assert.deepEqual(problems.slice(0, 20), []);
        assert.equal(l.scrollWidth, l.vw, 'no horizontal scrolling');

        // Each sidenote is beside the line that cites it.
        const far = await page.evaluate(() => {
          const out = [];
          for (const n of document.querySelectorAll('.fn-sidenote')) {
            const num = n.querySelector('.fn-sidenote-number').getAttribute('href');
            const refs = [...document.querySelectorAll(`a[role="doc-noteref"][href="${num}"]`)];
            const top = n.getBoundingClientRect().top;
            const d = Math.min(...refs.map((r) => Math.abs(r.getBoundingClientRect().top - top)));
            if (d > 16 * 12) out.push(`${num}: ${d}px from its nearest number`);
          }
          return out;
        });
        assert.deepEqual(far, []);

        // The annotation's numbers have sidenotes; hovering and focusing one highlights its
        // sidenote and opens no popover.
        const id = await page.locator(`#annotation ${REF}`).first().evaluate((a) => a.id);
        const ref = page.locator(`[id="${id}"]`);
        const href = await ref.getAttribute('href');
        await ref.scrollIntoViewIfNeeded();
        await ref.hover();
        await page.waitForTimeout(400);
        const active = () => page.evaluate(() => [...document.querySelectorAll('.fn-sidenote.is-active .fn-sidenote-number')].map((a) => a.getAttribute('href')));
        assert.ok((await active()).includes(href), `hover on ${id} highlights its sidenote: ${await active()}`);
        assert.equal(await openPopover(page), null, 'and opens no popover');
        await page.mouse.move(5, 5);
        await page.waitForTimeout(500);
        assert.deepEqual(await active(), [], 'moving away takes the highlight off');
        await ref.focus();
        assert.ok((await active()).includes(href), 'focus highlights it too');
        assert.equal(await openPopover(page), null);
        await page.keyboard.press('Escape');
        assert.deepEqual(await active(), [], 'Escape takes it off');
        assert.equal((await focused(page)).id, id);
        // The sidenotes' links are out of the Tab order: Tab goes from number to number.
        const tabbable = await page.evaluate(() => [...document.querySelectorAll('.fn-sidenote a')].filter((a) => a.tabIndex >= 0).length);
        assert.equal(tabbable, 0, 'no sidenote link is in the Tab order');

        // Narrower, and the sidenotes give way to popovers.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.waitForFunction(() => document.querySelectorAll('.fn-sidenote').length === 0, null, { timeout: 3000 });
        await ref.scrollIntoViewIfNeeded();
        await page.mouse.move(0, 0);
        await ref.hover();
        await page.waitForFunction((id) => document.getElementById(`${id}-popover`)?.matches(':popover-open'), id, { timeout: 3000 });
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });
  }
});

describe('axe-core with a popover open, and with the sidenotes', { concurrency: 1 }, () => {
  for (const site of sites) {
    for (const scheme of SCHEMES) {
      // The page as a whole at the suite's widths (a11y.test.mjs); at 320 px the popover itself.
      for (const width of [320, 360, 1280]) {
        test(`${site.label}, ${scheme}, ${width}px: popover open`, async () => {
          const ctx = await newContext(s.browser, { scheme, width });
          try {
            const { page, log } = await watchedPage(ctx);
            await page.goto(storyOf(site).url);
            const id = await firstRef(page);
            await page.locator(`[id="${id}"]`).focus();
            assert.equal((await openPopover(page))?.ref, id);
            await page.keyboard.press('Tab'); // a focused link inside the popover, too
            const { violations: v, unchecked } = await runAxe(page, width === 320 ? '.fn-popover, .fn-popover *' : null);
            assert.equal(v.length, 0, `${v.length} axe violation(s) with the popover of ${id} open:\n${formatViolations(v)}`);
            const mine = unchecked.filter((n) => n.target.includes('fn-popover'));
            assert.equal(mine.length, 0, `axe could not check the contrast in the popover:\n${formatUnchecked(mine)}`);
            // It is drawn on the theme's own surface: dark in the dark scheme.
            const bg = await page.evaluate((id) => getComputedStyle(document.getElementById(`${id}-popover`)).backgroundColor, id);
            const [r, g, b] = bg.match(/\d+/g).map(Number);
            assert.equal(r + g + b < 200, scheme === 'dark', `popover background ${bg} in the ${scheme} scheme`);
            assert.deepEqual(log, []);
          } finally {
            await ctx.close();
          }
        });
      }
      test(`${site.label}, ${scheme}, 1920px: sidenotes shown, one highlighted`, async () => {
        const ctx = await newContext(s.browser, { scheme, width: 1920, height: 1080 });
        try {
          const { page, log } = await watchedPage(ctx);
          await page.goto(storyOf(site).url);
          await page.locator(`#annotation ${REF}`).first().focus();
          const { violations: v } = await runAxe(page);
          assert.equal(v.length, 0, `${v.length} axe violation(s) with the sidenotes:\n${formatViolations(v)}`);
          assert.deepEqual(log, []);
        } finally {
          await ctx.close();
        }
      });
    }
  }
});

describe('live reload', () => {
  const site = s.site("example", "default");
  for (const width of [1280, 1920]) {
    test(`${width}px: after \`digest serve\` swaps in a new <body> (digest:swapped), its numbers work`, async () => {
      const ctx = await newContext(s.browser, { width });
      try {
        const { page, log } = await watchedPage(ctx);
        const url = storyOf(site).url;
        await page.goto(url);
        const html = await (await page.request.get(url)).text();
        // What src/serve/reload.js does with the new version of the page.
        await page.evaluate((html) => {
          const next = new DOMParser().parseFromString(html, 'text/html');
          document.body.replaceWith(document.adoptNode(next.body));
          window.dispatchEvent(new CustomEvent('digest:swapped'));
        }, html);
        const id = await firstRef(page);
        await page.locator(`[id="${id}"]`).focus();
        const r = await page.evaluate((id) => ({
          popover: document.querySelector('.fn-popover:popover-open')?.previousElementSibling?.id ?? null,
          highlighted: document.querySelectorAll('.fn-sidenote.is-active').length,
          layers: document.querySelectorAll('.fn-sidenotes').length,
          notes: document.querySelectorAll('.fn-sidenote').length,
          described: !!document.getElementById(id).getAttribute('aria-describedby'),
        }), id);
        if (width >= 1440) assert.deepEqual({ ...r, notes: r.notes > 0 }, { popover: null, highlighted: 1, layers: 1, notes: true, described: true });
        else assert.deepEqual(r, { popover: id, highlighted: 0, layers: 0, notes: 0, described: true });
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });
  }
});

describe('print, motion, and JavaScript off', () => {
  const site = s.site("example", "default");
  test('print: the source list prints, popovers and sidenotes never do', async () => {
    for (const width of [1280, 1920]) {
      const ctx = await newContext(s.browser, { width });
      try {
        const { page, log } = await watchedPage(ctx);
        await page.goto(storyOf(site).url);
        await page.locator(`main ${REF}`).first().focus();
        await page.emulateMedia({ media: 'print' });
        const r = await page.evaluate(() => ({
          popovers: [...document.querySelectorAll('.fn-popover, .fn-sidenote')].filter((e) => e.getClientRects().length > 0).length,
          list: document.querySelector('[role="doc-endnotes"]').getClientRects().length > 0,
        }));
        assert.deepEqual(r, { popovers: 0, list: true }, `${width}px`);
        assert.ok(await page.pdf({ width: '210mm', height: '297mm' }).then((b) => b.length > 10_000), 'it prints');
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    }
  });

  test('motion: the popover fades in only for readers who have not asked for less motion', async () => {
    for (const reducedMotion of ['no-preference', 'reduce']) {
      const ctx = await s.browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion });
      try {
        const page = await ctx.newPage();
        await page.goto(storyOf(site).url);
        const id = await firstRef(page);
        await page.locator(`[id="${id}"]`).focus();
        const anim = await page.evaluate((id) => getComputedStyle(document.getElementById(`${id}-popover`)).animationName, id);
        assert.equal(anim === 'none', reducedMotion === 'reduce', `${reducedMotion}: animation ${anim}`);
      } finally {
        await ctx.close();
      }
    }
  });

  for (const s2 of sites) {
    test(`${s2.name} site, JavaScript off: a number is a plain link that jumps to its entry`, async () => {
      const ctx = await newContext(s.browser, { width: 1920, js: false });
      try {
        const page = await ctx.newPage();
        await page.goto(storyOf(s2).url);
        const id = await firstRef(page);
        const ref = page.locator(`[id="${id}"]`);
        const href = await ref.getAttribute('href');
        assert.match(href, /^#cite-note-\d+$/);
        const before = await page.evaluate(() => ({
          added: document.querySelectorAll('.fn-popover, .fn-sidenote, [aria-describedby]').length,
        }));
        assert.deepEqual(before, { added: 0 }, 'nothing added without the script');
        await ref.hover();
        await page.waitForTimeout(300);
        await ref.click();
        await page.waitForFunction((h) => location.hash === h, href, { timeout: 3000 });
        const st = await page.evaluate((h) => {
          const e = document.querySelector(h);
          const r = e.getBoundingClientRect();
          return { target: e.matches(':target'), inView: r.top >= 0 && r.top < innerHeight };
        }, href);
        assert.deepEqual(st, { target: true, inView: true });
      } finally {
        await ctx.close();
      }
    });
  }
});

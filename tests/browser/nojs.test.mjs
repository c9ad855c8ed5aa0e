// Works without JavaScript: with JavaScript disabled in Chromium, every page of every site (the
// example and a `digest init` site, each with every built-in theme) shows all of its content
// (what is folded in <details> opens natively), runs no script (the search page, whose search
// needs its script, says so and links the list of stories), and footnote links (number ->
// source entry -> backlink, and "local copy" -> the article's paragraph) land on their targets
// when clicked.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { newContext, setup, teardown, WIDTHS } from './lib.mjs';

const s = await setup();
after(teardown);
const sites = s.sites;

/** Facts about the page's content, read through the DevTools protocol (page scripts are off). */
function contentReport(kind) {
  // A page with footnotes loads footnotes.js, which only adds to the plain links (popovers,
  // sidenotes): without JavaScript it does not run, and the links work as they are (below).
  const notes = !!document.querySelector('[role="doc-endnotes"]');
  const scripts = [...document.querySelectorAll('script')]
    .filter((x) => !(notes && /\/footnotes\.js$/.test(x.getAttribute('src') ?? '')))
    .map((x) => x.type || 'text/javascript');
  const hidden = [];
  const main = document.querySelector('main');
  const walker = document.createTreeWalker(main ?? document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (!text) continue;
    const el = n.parentElement;
    if (el.closest('script, template')) continue;
    // The search page's form and buttons wait, hidden, for its script; its message shows instead.
    if (kind === 'search' && el.closest('[hidden]')) continue;
    // Decorative duplicates hidden from everyone on purpose: the timeline's lane headings,
    // shown only while the lanes are side by side (each event names its lane itself).
    if (el.closest('.lane-heads[aria-hidden="true"]')) continue;
    const cs = getComputedStyle(el);
    if (el.getClientRects().length === 0 || cs.visibility !== 'visible' || Number(cs.opacity) === 0) {
      hidden.push(`<${el.tagName.toLowerCase()} class="${el.className}">${text.slice(0, 60)}`);
    }
  }
  const message = document.querySelector('[data-search-nojs]');
  return {
    scripts,
    nojsMessage: !!message && message.getClientRects().length > 0 && !!message.querySelector('a[href]'),
    noscript: document.querySelectorAll('noscript').length,
    hasMain: !!main,
    h1: document.querySelector('h1')?.textContent.trim() ?? '',
    mainText: (main?.innerText ?? '').trim().length,
    hidden,
    details: document.querySelectorAll('details').length,
  };
}

describe('content without JavaScript', () => {
  for (const site of sites) {
    for (const width of WIDTHS) {
      test(`${site.label}, ${width}px: every page shows all its content, with no script`, async () => {
        const ctx = await newContext(s.browser, { width, js: false });
        const problems = [];
        try {
          const page = await ctx.newPage();
          assert.equal(await page.evaluate(() => 1 + 1), 2);
          for (const p of site.pages) {
            const res = await page.goto(p.url);
            const want = p.kind === '404' ? 404 : 200;
            if (res.status() !== want) problems.push(`${p.path}: HTTP ${res.status()}`);
            // Open every <details> the way a reader would, by clicking its summary (no script).
            const closed = page.locator('details:not([open]) > summary');
            for (let i = 0; i < 50 && (await closed.count()) > 0; i++) await closed.first().click();
            const r = await page.evaluate(contentReport, p.kind);
            // Only the search page has a script (which does not run here): it says it needs one.
            // The search page's script, and its labels as a JSON data block (never executed).
            const scriptless = p.kind === 'search' ? r.scripts.filter((t) => t !== 'module' && t !== 'application/json') : r.scripts;
            if (!scriptless.every((t) => t === 'application/ld+json')) problems.push(`${p.path}: executable script: ${r.scripts}`);
            if (p.kind === 'search' && !r.nojsMessage) problems.push(`${p.path}: no visible message with a link for readers without JavaScript`);
            if (r.noscript) problems.push(`${p.path}: <noscript> present (the theme needs none)`);
            if (!r.hasMain || !r.h1 || r.mainText < 40) problems.push(`${p.path}: no visible main content (${JSON.stringify(r)})`);
            for (const h of r.hidden) problems.push(`${p.path}: not displayed: ${h}`);
            if (r.details !== (await page.locator('details[open]').count())) problems.push(`${p.path}: a <details> did not open`);
          }
        } finally {
          await ctx.close();
        }
        assert.deepEqual(problems, []);
      });
    }
  }
});

describe('footnote links without JavaScript', () => {
  for (const site of sites) {
    test(`${site.label}: footnote numbers and backlinks all point at an entry, and clicked, land on it`, async () => {
      const ctx = await newContext(s.browser, { width: 360, js: false });
      const problems = [];
      let clicked = 0;
      try {
        const page = await ctx.newPage();
        const click = async (story, link, href) => {
          await link.click({ force: true }); // the elements are static: skip the wait for stability
          const st = await page.evaluate((id) => {
            const e = document.getElementById(id);
            const r = e?.getBoundingClientRect();
            return { hash: location.hash, target: !!e?.matches(':target'), inView: !!r && r.bottom > 0 && r.top < innerHeight };
          }, href.slice(1));
          if (st.hash !== href || !st.target || !st.inView) problems.push(`${story.path}: ${href}: ${JSON.stringify(st)}`);
          clicked++;
        };
        for (const story of site.byKind.story) {
          await page.goto(story.url);
          // Every number points at a source entry, every backlink at a number that points back.
          const links = await page.evaluate(() => {
            const bad = [];
            const refs = [...document.querySelectorAll('a[role="doc-noteref"]')];
            for (const a of refs) {
              const entry = document.getElementById(a.hash.slice(1));
              if (!entry?.matches('li.footnote')) bad.push(`${a.id} -> ${a.hash}: no source entry`);
            }
            for (const b of document.querySelectorAll('a[role="doc-backlink"]')) {
              const ref = document.getElementById(b.hash.slice(1));
              const entry = b.closest('li.footnote');
              if (!ref?.matches('a[role="doc-noteref"]') || ref.hash !== `#${entry?.id}`) bad.push(`backlink ${b.hash} in ${entry?.id}: not a citation of this entry`);
            }
            // The first citation of each entry (the keyboard test walks every citation).
            const seen = new Set();
            const firsts = refs.filter((a) => !seen.has(a.hash) && seen.add(a.hash)).map((a) => ({ id: a.id, href: a.getAttribute('href') }));
            return { bad, firsts, entries: document.querySelectorAll('li.footnote').length };
          });
          problems.push(...links.bad.map((b) => `${story.path}: ${b}`));
          assert.equal(links.firsts.length, links.entries, `${story.path}: ${links.entries} source entries but ${links.firsts.length} cited`);
          // Clicks, there and back, for an even sample of at most 16 entries (with the last).
          const step = Math.max(1, Math.ceil(links.firsts.length / 16));
          const sample = links.firsts.filter((_, i) => i % step === 0 || i === links.firsts.length - 1);
          for (const ref of sample) {
            await click(story, page.locator(`[id="${ref.id}"]`), ref.href);
            await click(story, page.locator(`[id="${ref.href.slice(1)}"] a[role="doc-backlink"][href="#${ref.id}"]`), `#${ref.id}`);
          }
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
      assert.ok(clicked > 0);
    });

    test(`${site.label}: "local copy" links open the article at the cited paragraph`, async () => {
      const ctx = await newContext(s.browser, { width: 1280, js: false });
      const problems = [];
      try {
        const page = await ctx.newPage();
        for (const story of site.byKind.story) {
          await page.goto(story.url);
          // One "local copy" link per article cited: each lands on a different page.
          const hrefs = await page.locator('.footnote-links a:not(.external)').evaluateAll((as) => {
            const seen = new Set();
            return as.map((a) => a.getAttribute('href')).filter((h) => {
              const path = h.split('#')[0];
              if (seen.has(path)) return false;
              seen.add(path);
              return true;
            });
          });
          assert.ok(hrefs.length > 0, `${story.path}: no local copy links`);
          for (const href of hrefs) {
            await page.goto(story.url);
            await page.locator(`.footnote-links a[href="${href}"]`).first().click();
            await page.waitForURL((u) => u.pathname + u.hash === href);
            // A citation of a passage links to its paragraph (#p4); one of a whole article, to the page.
            const id = href.split('#')[1];
            const st = await page.evaluate((id) => {
              const e = id ? document.getElementById(id) : document.querySelector('h1');
              const r = e?.getBoundingClientRect();
              return { target: id ? !!e?.matches(':target') : true, inView: !!r && r.bottom > 0 && r.top < innerHeight };
            }, id ?? null);
            if (!st.target || !st.inView) problems.push(`${story.path} -> ${href}: ${JSON.stringify(st)}`);
          }
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

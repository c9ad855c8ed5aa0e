// Readers in every script (issue 19), in real Chromium, on the multilingual test story
// (tests/fixtures/multilingual: outlets in English, Arabic, Hebrew, Chinese and French) built as
// an English site and as an Arabic one (`language: ar`), each with every built-in theme, and an
// Arabic site of six stories in pages of two (for previous/next):
// - on every page type, every element whose language is written right to left lays out right
//   to left, and on the Arabic site every element in a left-to-right language left to right;
// - quoted words of the other direction stay between their own quotation marks, with the
//   footnote number after the closing one (claims, the source list, quote cards), measured
//   from the boxes Chromium draws;
// - the Arabic site is mirrored: header, timeline, breadcrumbs, pagination, sidenotes, popovers;
// - axe (WCAG 2.2 A/AA) and the Nu HTML Checker find nothing, light and dark, 360 and 1280 px;
// - screenshots (target/screenshots/rtl-*.png) for a human to look at.
// Builds its own sites (not lib.mjs's setup(): the example sites are not needed here).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  buildAndServe,
  copyMultilingual,
  formatUnchecked,
  formatViolations,
  launch,
  newContext,
  REPO,
  representativePages,
  runAxe,
  SCHEMES,
  SCREENSHOT_DIR,
  THEMES,
  vnu,
  watchedPage,
  WIDTHS,
} from './lib.mjs';

const STORY = 'cyprus-earthquake';
const LANGUAGES = { en: 'English', ar: 'Arabic' };

const tmp = mkdtempSync(join(tmpdir(), 'digest-rtl-'));
/** Every site: { language, direction, ...buildAndServe's site }. */
const sites = [];
/** The Arabic site of six stories in pages of two, by theme. */
const paged = {};
for (const theme of THEMES) {
  for (const [language, name] of Object.entries(LANGUAGES)) {
    const root = join(tmp, `${language}-${theme}`);
    copyMultilingual(root, { language, theme });
    const site = await buildAndServe(name, theme, root, `${root}-public`);
    sites.push({ ...site, language, direction: language === 'ar' ? 'rtl' : 'ltr' });
  }
  const root = join(tmp, `ar-paged-${theme}`);
  copyMultilingual(root, { language: 'ar', theme, copies: 5, paginate: 2 });
  // One copy's timeline without lanes, for the rail.
  const timeline = join(root, 'content', 'stories', `${STORY}-2`, 'timeline.yaml');
  writeFileSync(timeline, readFileSync(timeline, 'utf8').replace(/^  group: .*\n/gm, ''));
  const site = await buildAndServe('Arabic (six stories)', theme, root, `${root}-public`);
  paged[theme] = { ...site, language: 'ar', direction: 'rtl' };
}
const browser = await launch();

after(async () => {
  await browser.close().catch(() => {});
  for (const site of [...sites, ...Object.values(paged)]) await new Promise((ok) => site.server.close(ok));
  if (!process.env.KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  else console.log(`# kept ${tmp}`);
});

const find = (language, theme) => sites.find((x) => x.language === language && x.theme === theme);
const pageAt = (site, rel) => {
  const p = site.pages.find((x) => x.rel === rel);
  if (!p) throw new Error(`${site.label} has no ${rel}`);
  return p;
};
const storyPage = (site) => pageAt(site, `stories/${STORY}/index.html`);
const articlePage = (site, outlet) => pageAt(site, `stories/${STORY}/${outlet}/index.html`);

/** Searches that find Arabic, Hebrew and English results (the search page's results are built by
 *  its script, in the page). */
const QUERIES = ['قبرص', 'צונאמי', 'Cyprus'];

/** Opens a page and waits until it shows what it is for (the search page: its results). */
async function open(page, p, query = null) {
  if (p.kind !== 'search') {
    await page.goto(p.url);
    return;
  }
  await page.goto(`${p.url}?q=${encodeURIComponent(query ?? QUERIES[0])}`);
  await page.waitForSelector('.search-result', { timeout: 5000 });
}

// ---------------------------------------------------------------------------- 1. direction

/**
 * Every element with a `lang` in the page's body, against the direction of its language's
 * script; and the root's language and direction. Runs in the page.
 */
function directions(page) {
  return page.evaluate(() => {
    // The languages written right to left by default (as unic-langid's character_direction
    // has them), and any language written in an RTL script.
    const RTL = ['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'sd', 'ckb', 'dv', 'ug', 'ks'];
    const isRtl = (l) => RTL.includes(l.toLowerCase().split('-')[0]) || /-(arab|hebr|thaa|syrc|nkoo|adlm)(-|$)/i.test(l);
    const out = { lang: document.documentElement.lang, root: getComputedStyle(document.documentElement).direction, rtl: 0, ltr: 0, wrong: [] };
    for (const e of document.querySelectorAll('body [lang]')) {
      if (!e.lang) continue; // lang="": unknown, so no direction to expect
      const want = isRtl(e.lang) ? 'rtl' : 'ltr';
      out[want]++;
      const got = getComputedStyle(e).direction;
      if (got !== want) {
        const where = e.id ? `#${e.id}` : e.className ? `.${String(e.className).split(' ')[0]}` : '';
        out.wrong.push(`<${e.localName}${where} lang=${e.lang}> is ${got}: ${e.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)}`);
      }
    }
    return out;
  });
}

describe('1. every element runs in the direction of its language', () => {
  for (const site of sites) {
    test(`${site.label}: every page type`, async () => {
      const ctx = await newContext(browser, { width: 1280 });
      const problems = [];
      const counts = { rtl: 0, ltr: 0 };
      const kinds = new Set();
      try {
        const { page, log } = await watchedPage(ctx);
        // The Arabic site's later home pages too: a page type of their own (pagination).
        const pages = [...site.pages, ...(site.language === 'ar' ? paged[site.theme].pages.filter((p) => p.rel.startsWith('page/')) : [])];
        for (const p of pages) {
          for (const query of p.kind === 'search' ? QUERIES : [null]) {
            await open(page, p, query);
            const d = await directions(page);
            kinds.add(p.kind);
            counts.rtl += d.rtl;
            counts.ltr += d.ltr;
            const where = `${p.path}${query ? `?q=${query}` : ''}`;
            if (d.lang !== site.language) problems.push(`${where}: <html lang=${d.lang}>`);
            if (d.root !== site.direction) problems.push(`${where}: the page is ${d.root}`);
            for (const w of d.wrong) problems.push(`${where}: ${w}`);
          }
        }
        assert.deepEqual(problems.slice(0, 30), [], `${problems.length} element(s) in the wrong direction`);
        for (const k of ['home', 'story', 'roundup', 'article', 'outlet', 'sources', 'tags', 'tag', 'archive', 'search', '404']) assert.ok(kinds.has(k), `no ${k} page`);
        assert.equal(site.byKind.article.length, 6, 'six article pages');
        // Text in both directions was there to check.
        assert.ok(counts.rtl > 100 && counts.ltr > 100, JSON.stringify(counts));
        assert.deepEqual(log, []);
      } finally {
        await ctx.close();
      }
    });
  }
});

// ---------------------------------------------------------------------------- 2. quotes and numbers

/**
 * The order of the pieces of each claim source, source-list entry and quote card on the story
 * page, from their boxes, for a page whose direction is `dir`: the quotation marks around the
 * quoted words, and what comes after the closing mark (the footnote number, the links) after it
 * on the same line (right of it in LTR, left in RTL) or on a later line. Returns the problems
 * and, per kind, how many quoted words of the other direction were measured.
 */
function quoteOrder(page) {
  return page.evaluate(() => {
    const pageRtl = getComputedStyle(document.documentElement).direction === 'rtl';
    const rects = (el) => [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const first = (el) => rects(el)[0];
    const last = (el) => rects(el).at(-1);
    /** The box of the last character of `el`'s text that is one of `chars` (a literal mark). */
    const markBox = (el, chars, { fromEnd = true } = {}) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      for (const n of fromEnd ? nodes.reverse() : nodes) {
        const t = n.textContent;
        const i = fromEnd ? Math.max(...[...chars].map((c) => t.lastIndexOf(c))) : Math.min(...[...chars].map((c) => (t.includes(c) ? t.indexOf(c) : Infinity)));
        if (i < 0 || i === Infinity) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        return range.getBoundingClientRect();
      }
      return null;
    };
    const r = (b) => `[${Math.round(b.left)}–${Math.round(b.right)} × ${Math.round(b.top)}–${Math.round(b.bottom)}]`;
    /** Whether box `b` comes after box `a` in the reading order of the page's lines. */
    const follows = (a, b) => {
      const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (overlap > 0.4 * Math.min(a.height, b.height)) return pageRtl ? b.right <= a.left + 1 : b.left >= a.right - 1;
      return b.top > a.top; // a later line
    };
    const problems = [];
    const measured = { claim: 0, entry: 0, card: 0 };
    const other = (lang) => ['ar', 'he'].includes(lang.split('-')[0]) !== pageRtl;
    const side = pageRtl ? 'left' : 'right';
    /** `<q><bdi>words</bdi></q>`: the closing mark after the words, the opening one before. */
    const quoted = (q, what) => {
      const bdi = q.querySelector('bdi');
      if (!bdi) return problems.push(`${what}: no <bdi> in the <q>`);
      if (!follows(last(bdi), last(q)) || (pageRtl ? last(q).left > last(bdi).left - 2 : last(q).right < last(bdi).right + 2)) {
        problems.push(`${what}: the closing mark is not ${side} of the quoted words (q ${r(last(q))}, words ${r(last(bdi))})`);
      }
      if (pageRtl ? first(q).right < first(bdi).right + 2 : first(q).left > first(bdi).left - 2) {
        problems.push(`${what}: the opening mark is not before the quoted words (q ${r(first(q))}, words ${r(first(bdi))})`);
      }
    };
    /** “<span lang>headline</span>”: literal marks around an isolated headline. */
    const titled = (el, what) => {
      const span = el.querySelector('[lang]');
      const open = markBox(el, '“«', { fromEnd: false });
      const close = markBox(el, '”»');
      if (!span || !open || !close) return problems.push(`${what}: no quoted headline in ${el.outerHTML.slice(0, 120)}`);
      if (!follows(last(span), close)) problems.push(`${what}: the closing mark ${r(close)} is not after the headline ${r(last(span))}`);
      if (!follows(open, first(span))) problems.push(`${what}: the opening mark ${r(open)} is not before the headline ${r(first(span))}`);
      return close;
    };

    for (const [i, li] of [...document.querySelectorAll('.claim-sources li')].entries()) {
      const q = li.querySelector('q');
      const sup = li.querySelector('sup.noteref');
      if (!q || !sup) continue;
      const what = `claim source ${i + 1} (${q.querySelector('bdi')?.lang}) ${sup.textContent.trim()}`;
      quoted(q, what);
      if (!follows(last(q), sup.getBoundingClientRect())) problems.push(`${what}: the number ${r(sup.getBoundingClientRect())} is not after the closing mark (q ${r(last(q))})`);
      if (other(q.querySelector('bdi')?.lang ?? '')) measured.claim++;
    }
    for (const li of document.querySelectorAll('li.footnote')) {
      const q = li.querySelector('q.footnote-excerpt');
      if (!q) continue;
      const what = `source-list entry ${li.id} (${q.querySelector('bdi')?.lang})`;
      // Its number is the list's marker, at the start of the entry's first line: the entry
      // runs in the page's direction, whatever the words it quotes.
      if (getComputedStyle(li).direction !== (pageRtl ? 'rtl' : 'ltr')) problems.push(`${what}: the entry runs ${getComputedStyle(li).direction}`);
      quoted(q, what);
      const links = li.querySelector('.footnote-links');
      if (links && !follows(last(q), first(links))) problems.push(`${what}: its links ${r(first(links))} are not after the closing mark (q ${r(last(q))})`);
      const back = li.querySelector('.backlinks');
      const outlet = li.querySelector('.footnote-outlet');
      if (back && outlet && !follows(last(back), first(outlet))) problems.push(`${what}: the "↑ a b" backlinks ${r(last(back))} are not before the outlet ${r(first(outlet))}`);
      titled(li.querySelector('.footnote-title'), `${what}, title`);
      if (other(q.querySelector('bdi')?.lang ?? '')) measured.entry++;
    }
    for (const [i, fig] of [...document.querySelectorAll('.variant')].entries()) {
      const quote = fig.querySelector('blockquote');
      const title = fig.querySelector('.variant-article');
      const sup = fig.querySelector('sup.noteref');
      const what = `quote card ${i + 1} (${quote.lang}) ${sup?.textContent.trim()}`;
      if (getComputedStyle(quote).direction !== (['ar', 'he'].includes(quote.lang) ? 'rtl' : 'ltr')) problems.push(`${what}: the quote runs ${getComputedStyle(quote).direction}`);
      if (getComputedStyle(fig.querySelector('figcaption')).direction !== (pageRtl ? 'rtl' : 'ltr')) problems.push(`${what}: its caption runs ${getComputedStyle(fig.querySelector('figcaption')).direction}`);
      if (title) titled(title, `${what}, headline`);
      // The number closes the card's links ("in context [n]"), which the themes set on a line
      // of their own beside the outlet's name.
      const context = fig.querySelector('.variant-links a');
      if (context && sup && !follows(last(context), sup.getBoundingClientRect())) problems.push(`${what}: the number ${r(sup.getBoundingClientRect())} is not after "${context.textContent.trim()}" ${r(last(context))}`);
      if (other(quote.lang)) measured.card++;
    }
    return { problems, measured };
  });
}

describe('2. quotation marks and footnote numbers around words of the other direction', () => {
  for (const site of sites) {
    for (const width of WIDTHS) {
      test(`${site.label}, ${width}px: claims, source list, quote cards`, async () => {
        const ctx = await newContext(browser, { width });
        try {
          const page = await ctx.newPage();
          await page.goto(storyPage(site).url);
          const { problems, measured } = await quoteOrder(page);
          assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problem(s)`);
          // Arabic and Hebrew words on the English site; English, French, Chinese on the Arabic.
          assert.ok(measured.claim >= 4 && measured.entry >= 8 && measured.card >= 2, JSON.stringify(measured));
        } finally {
          await ctx.close();
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------- 3. mirroring

/** Boxes (viewport coordinates) of the first element matching each selector; null if none shown. */
function boxes(page, selectors) {
  return page.evaluate((selectors) => {
    const out = {};
    for (const [k, sel] of Object.entries(selectors)) {
      const e = [...document.querySelectorAll(sel)].find((x) => x.getClientRects().length > 0);
      const b = e?.getBoundingClientRect();
      out[k] = b ? { left: b.left, right: b.right, top: b.top, bottom: b.bottom, x: (b.left + b.right) / 2 } : null;
    }
    return out;
  }, selectors);
}

/** Whether box `a` is to the start side of box `b` in a page of direction `dir` (left in LTR). */
const before = (a, b, dir) => (dir === 'rtl' ? a.x > b.x : a.x < b.x);

describe('3. the Arabic site is mirrored (and the English one is not)', () => {
  for (const theme of THEMES) {
    for (const site of [find('ar', theme), find('en', theme)]) {
      test(`${site.label}, 1280px: header, breadcrumbs, the timeline's lanes`, async () => {
        const ctx = await newContext(browser, { width: 1280 });
        try {
          const { page, log } = await watchedPage(ctx);
          await page.goto(storyPage(site).url);
          const b = await boxes(page, {
            title: '.site-header .site-title',
            nav: '.site-header .site-nav',
            crumbFirst: '.breadcrumbs li:first-child',
            crumbLast: '.breadcrumbs li:last-child',
          });
          for (const k of Object.keys(b)) assert.ok(b[k], `no ${k}`);
          assert.ok(before(b.title, b.nav, site.direction), `the site's title (x ${b.title.x}) is not at the ${site.direction === 'rtl' ? 'right' : 'left'} of the navigation (x ${b.nav.x})`);
          assert.ok(before(b.crumbFirst, b.crumbLast, site.direction), `breadcrumbs run ${site.direction === 'rtl' ? 'left to right' : 'right to left'}: ${JSON.stringify([b.crumbFirst, b.crumbLast])}`);
          // The timeline's lanes (its events' `group:`s), first lane first: from the right on
          // the Arabic site.
          const lanes = await page.evaluate(() => {
            const xs = {};
            for (const ev of document.querySelectorAll('#timeline .event[data-lane]')) {
              const r = ev.getBoundingClientRect();
              (xs[ev.dataset.lane] ||= []).push((r.left + r.right) / 2);
            }
            return Object.entries(xs).map(([lane, x]) => ({ lane: Number(lane), x: Math.min(...x), xMax: Math.max(...x) })).sort((a, b) => a.lane - b.lane);
          });
          assert.ok(lanes.length >= 3, `${lanes.length} lanes`);
          for (const [a, b] of lanes.slice(1).map((l, i) => [lanes[i], l])) {
            // Every event of a lane in one column, beside the one before it.
            assert.equal(a.x, a.xMax, `lane ${a.lane} is not one column`);
            assert.ok(before({ x: a.x }, { x: b.x }, site.direction), `lane ${a.lane} (x ${a.x}) is not ${site.direction === 'rtl' ? 'right' : 'left'} of lane ${b.lane} (x ${b.x})`);
          }
          assert.deepEqual(log, []);
        } finally {
          await ctx.close();
        }
      });
    }

    test(`${paged[theme].label}, 1280 and 360px: the timeline's rail and dots are on the right`, async () => {
      // A copy of the story whose timeline has no lanes (no `group:`): one rail down its side.
      const site = paged[theme];
      for (const width of WIDTHS) {
        const ctx = await newContext(browser, { width });
        try {
          const page = await ctx.newPage();
          await page.goto(pageAt(site, `stories/${STORY}-2/index.html`).url);
          const events = await page.evaluate(() =>
            [...document.querySelectorAll('#timeline .event')].map((ev) => {
              const m = ev.querySelector('.event-mark');
              const mark = m.getBoundingClientRect();
              const title = ev.querySelector('.event-title').getBoundingClientRect();
              // The rail and the dot are the mark's pseudo-elements: their boxes from their
              // used offsets (the mark is their containing block).
              const pseudo = (which) => {
                const st = getComputedStyle(m, which);
                if (st.content === 'none' || st.display === 'none') return null;
                const left = mark.left + parseFloat(st.left);
                return { left, right: left + parseFloat(st.width) };
              };
              return { id: ev.id, shown: getComputedStyle(m).display !== 'none', mark: mark.left, title: { left: title.left, right: title.right }, rail: pseudo('::before'), dot: pseudo('::after') };
            }),
          );
          assert.ok(events.length >= 5 && events.every((e) => e.shown && e.rail && e.dot), `${width}px: ${JSON.stringify(events.slice(0, 2))}`);
          for (const e of events) {
            assert.ok(e.mark >= e.title.right - 1, `${width}px ${e.id}: its mark (x ${e.mark}) is not right of its title ${JSON.stringify(e.title)}`);
            for (const k of ['rail', 'dot']) assert.ok(e[k].left >= e.title.right - 1, `${width}px ${e.id}: its ${k} ${JSON.stringify(e[k])} is not right of its title ${JSON.stringify(e.title)}`);
          }
        } finally {
          await ctx.close();
        }
      }
    });

    test(`${paged[theme].label}, 1280 and 360px: "previous" is on the right of "next"`, async () => {
      const site = paged[theme];
      for (const width of WIDTHS) {
        const ctx = await newContext(browser, { width });
        try {
          const page = await ctx.newPage();
          await page.goto(pageAt(site, 'page/2/index.html').url);
          const b = await boxes(page, { prev: '.pagination a[rel="prev"]', next: '.pagination a[rel="next"]', current: '.pagination [aria-current="page"]' });
          for (const k of Object.keys(b)) assert.ok(b[k], `${width}px: no ${k} link on page 2`);
          // On one line they read right to left; wrapped, "previous" comes first, on top.
          const sameLine = Math.abs(b.prev.top - b.next.top) < 4;
          if (sameLine) {
            assert.ok(b.prev.x > b.current.x && b.current.x > b.next.x, `${width}px: previous ${b.prev.x}, page 2 ${b.current.x}, next ${b.next.x} (x from the left)`);
          } else {
            assert.ok(b.prev.top < b.next.top, `${width}px: "previous" is below "next"`);
          }
          if (width === 1280) assert.ok(sameLine, 'at 1280 px the links share one line');
        } finally {
          await ctx.close();
        }
      }
    });

    for (const site of [find('ar', theme), find('en', theme)]) {
      test(`${site.label}, 1600px: the sidenotes sit in the ${site.direction === 'rtl' ? 'left' : 'right'} margin`, async () => {
        // Sidenotes from 90rem (1440 px; style.css sets --footnotes-sidenotes there).
        const ctx = await newContext(browser, { width: 1600, height: 1000 });
        try {
          const { page, log } = await watchedPage(ctx);
          await page.goto(storyPage(site).url);
          const l = await page.evaluate(() => {
            const col = document.querySelector('main .page-header').getBoundingClientRect();
            const notes = [...document.querySelectorAll('.fn-sidenote')].filter((n) => n.getClientRects().length > 0).map((n) => {
              const r = n.getBoundingClientRect();
              return { left: r.left, right: r.right, dir: getComputedStyle(n).direction, text: n.textContent.trim().slice(0, 30) };
            });
            return { col: { left: col.left, right: col.right }, notes, vw: document.documentElement.clientWidth };
          });
          assert.ok(l.notes.length >= 3, `${l.notes.length} sidenotes shown`);
          const wrong = l.notes.filter((n) => (site.direction === 'rtl' ? n.right > l.col.left || n.left < 0 : n.left < l.col.right || n.right > l.vw) || n.dir !== site.direction);
          assert.deepEqual(wrong, [], `text column ${JSON.stringify(l.col)}, window ${l.vw}px`);
          assert.deepEqual(log, []);
        } finally {
          await ctx.close();
        }
      });

      test(`${site.label}: a popover starts at its number's ${site.direction === 'rtl' ? 'right' : 'left'} edge and stays in the window`, async () => {
        const problems = [];
        let aligned = 0;
        for (const width of [360, 1280]) {
          const ctx = await newContext(browser, { width, height: 700 });
          try {
            const { page, log } = await watchedPage(ctx);
            await page.goto(storyPage(site).url);
            const ids = await page.locator('#annotation a[role="doc-noteref"]').evaluateAll((as) => as.slice(0, 12).map((a) => a.id));
            assert.ok(ids.length >= 6, `${ids.length} numbers in the annotation`);
            for (const id of ids) {
              const m = await page.evaluate((id) => {
                document.activeElement?.blur();
                const ref = document.getElementById(id);
                ref.scrollIntoView({ block: 'center' });
                ref.focus();
                const pop = document.getElementById(`${id}-popover`);
                if (!pop?.matches(':popover-open')) return null;
                const b = (e) => {
                  const r = e.getBoundingClientRect();
                  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
                };
                return { ref: b(ref), pop: b(pop), number: b(pop.querySelector('.fn-popover-number')), outlet: b(pop.querySelector('.footnote-outlet')), dir: getComputedStyle(pop).direction, vw: document.documentElement.clientWidth, vh: innerHeight };
              }, id);
              if (!m) {
                problems.push(`${width}px ${id}: no popover`);
                continue;
              }
              const where = `${width}px ${id}`;
              if (m.dir !== site.direction) problems.push(`${where}: the popover runs ${m.dir}`);
              if (m.pop.left < 0 || m.pop.right > m.vw || m.pop.top < 0 || m.pop.bottom > m.vh) problems.push(`${where}: popover ${JSON.stringify(m.pop)} outside the ${m.vw}x${m.vh} window`);
              // Where the window leaves room, its start edge is the number's: its right edge on
              // the Arabic site. (6 px: footnotes.js's gap to the window's edge.)
              const clamped = m.pop.left <= 6.5 || m.pop.right >= m.vw - 6.5;
              const edge = site.direction === 'rtl' ? Math.abs(m.pop.right - m.ref.right) : Math.abs(m.pop.left - m.ref.left);
              if (!clamped) {
                aligned++;
                if (edge > 1) problems.push(`${where}: the popover's ${site.direction === 'rtl' ? 'right' : 'left'} edge is ${edge}px from its number's (${JSON.stringify(m.pop)} / ${JSON.stringify(m.ref)})`);
              }
              // Its own number comes first, before the outlet's name.
              const first = site.direction === 'rtl' ? m.number.left >= m.outlet.right - 1 : m.number.right <= m.outlet.left + 1;
              if (!first && m.number.top === m.outlet.top) problems.push(`${where}: the popover's number ${JSON.stringify(m.number)} is not before the outlet ${JSON.stringify(m.outlet)}`);
            }
            assert.deepEqual(log, []);
          } finally {
            await ctx.close();
          }
        }
        assert.deepEqual(problems.slice(0, 20), []);
        assert.ok(aligned >= 3, `only ${aligned} popovers had room to align with their number`);
      });
    }
  }
});

// ---------------------------------------------------------------------------- 4. axe and vnu

/** The pages axe checks on a site: one of each kind, the Arabic and Hebrew outlets' article
 *  pages, and on the Arabic site a later home page (pagination). */
function axePages(site) {
  const pages = representativePages(site);
  for (const outlet of ['sawt', 'hamifrats']) {
    const p = articlePage(site, outlet);
    if (!pages.includes(p)) pages.push(p);
  }
  if (site.language === 'ar') pages.push(pageAt(paged[site.theme], 'page/2/index.html'));
  return pages;
}

/**
 * runAxe, and on a right-to-left page again with its scrolling tables scrolled to their other
 * (left) end: axe cannot bring a cell into view that overflows to the left of a scroll container
 * (it reports it unchecked, "shortTextContent" or "elmPartiallyObscured"), and checks it once it
 * is in view. A node is unchecked only if neither run checked it; a violation of either counts.
 */
async function axeBothEnds(page) {
  const first = await runAxe(page);
  const scrolled = await page.evaluate(() => {
    if (getComputedStyle(document.documentElement).direction !== 'rtl') return false;
    const wide = [...document.querySelectorAll('.table-scroll')].filter((t) => t.scrollWidth > t.clientWidth);
    for (const t of wide) t.scrollLeft = -t.scrollWidth;
    return wide.length > 0;
  });
  if (!scrolled || first.unchecked.length === 0) return first;
  const second = await runAxe(page);
  const checked = new Set(second.unchecked.map((n) => n.target));
  const ids = new Set(first.violations.map((v) => v.id));
  return {
    violations: [...first.violations, ...second.violations.filter((v) => !ids.has(v.id))],
    unchecked: first.unchecked.filter((n) => checked.has(n.target)),
  };
}

describe('4. axe-core (WCAG 2.2 A and AA) and the Nu HTML Checker', { concurrency: 2 }, () => {
  for (const site of sites) {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        // Every kind of page in two of the four combinations; the pages with the most text of
        // both directions in the other two (a run of the whole set takes minutes).
        const all = (scheme === 'light') === (width === 360);
        const pages = axePages(site).filter((p) => all || ['story', 'article', 'home', 'search'].includes(p.kind));
        describe(`${site.label}, ${scheme}, ${width}px`, { concurrency: 1 }, () => {
          let ctx;
          let page;
          after(async () => ctx && (await ctx.close()));
          for (const p of pages) {
            test(`${p.kind} (${p.path})`, async () => {
              if (!page) {
                ctx = await newContext(browser, { scheme, width });
                page = await ctx.newPage();
              }
              await open(page, p);
              const { violations: v, unchecked } = await axeBothEnds(page);
              assert.equal(v.length, 0, `${v.length} axe violation(s) on ${p.path}:\n${formatViolations(v)}`);
              assert.equal(unchecked.length, 0, `axe could not check the contrast of ${unchecked.length} element(s) on ${p.path}:\n${formatUnchecked(unchecked)}`);
            });
          }
        });
      }
    }
  }

  test('vnu: every page of every site is valid HTML', async () => {
    // A page that must fail, so a checker that silently checks nothing cannot pass.
    const canary = join(tmp, 'vnu-canary');
    mkdirSync(canary, { recursive: true });
    writeFileSync(join(canary, 'broken.html'), '<!doctype html><html lang="ar" dir="rtl"><head><title>x</title></head><body><p><div>bad nesting</p></body></html>\n');
    const all = [...sites, ...Object.values(paged)];
    const { out } = await vnu(['--skip-non-html', '--errors-only', '--format', 'gnu', ...all.map((x) => x.dir), canary]);
    const lines = out.split('\n').filter((l) => l.trim());
    assert.ok(lines.some((l) => l.includes('broken.html')), `vnu did not flag the canary page:\n${out}`);
    const real = lines.filter((l) => !l.includes(canary));
    assert.deepEqual(real, [], `vnu reported ${real.length} problem(s) in ${all.reduce((n, x) => n + x.html.length, 0)} pages`);
  });
});

// ---------------------------------------------------------------------------- 5. screenshots

describe('5. screenshots (target/screenshots/rtl-*.png)', () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const site of sites) {
    const shots = [
      ['story', storyPage(site)],
      ['article-ar', articlePage(site, 'sawt')],
      ['home', pageAt(site, 'index.html')],
      ['search', pageAt(site, 'search/index.html')],
    ];
    for (const scheme of SCHEMES) {
      test(`${site.label}, ${scheme}: story, Arabic article, home, search at 360 and 1280 px`, async (t) => {
        for (const width of WIDTHS) {
          const ctx = await newContext(browser, { width, height: width < 600 ? 780 : 1000, scheme, deviceScaleFactor: 1 });
          try {
            const page = await ctx.newPage();
            for (const [name, p] of shots) {
              await open(page, p, site.language === 'ar' ? 'Cyprus' : 'قبرص');
              const file = join(SCREENSHOT_DIR, `rtl-${site.language}-${site.theme}-${name}-${width}-${scheme}.png`);
              // The first 2400 px of long pages: the header, the start of the text and what sits
              // beside it, which is where a mirrored layout goes wrong.
              const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
              await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height } });
              const png = readFileSync(file);
              assert.equal(png.readUInt32BE(16), width, `${file} width`);
              assert.ok(png.length > 10_000, `${file} is suspiciously small`);
              t.diagnostic(relative(REPO, file));
            }
          } finally {
            await ctx.close();
          }
        }
      });
    }
  }
});

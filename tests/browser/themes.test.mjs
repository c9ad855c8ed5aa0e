// The built-in themes themselves (the other files run every check on the example built with each):
// - the themes compiled into digest are complete: a copy of the example with no themes/ folder
//   builds with each, and every file it writes is byte for byte the one the repository's
//   themes/ folder gives;
// - the broadsheet front page leads with the newest story and sets the others in
//   `front_page_columns` columns on wide screens (one on phones), keeps every piece of
//   information the default theme's home page gives, and passes axe-core, the Nu HTML Checker
//   and reflow at 320 px with five stories (the example has one);
// - the broadsheet story page: "On this page" is a rail beside the text on wide screens; no
//   text runs in CSS columns on screen; no line is absurdly long at 1920 px; print is black on
//   white, without the site's navigation, the annotation in two columns.

import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  buildAndServe,
  copyExample,
  digest,
  formatUnchecked,
  formatViolations,
  newContext,
  REPO,
  runAxe,
  SCHEMES,
  setup,
  teardown,
  vnu,
  walk,
} from './lib.mjs';

const s = await setup();
after(teardown);

const FIXTURE = join(REPO, 'tests', 'fixtures', 'search', 'valdai-in-bulgarian-and-russian');

/** Story folders for a five-story front page: the fixture story and three dated copies of it. */
function frontStories(tmp) {
  const made = [FIXTURE];
  for (const [slug, date, title] of [
    ['kremlin-reply', '2024-11-10', 'The Kremlin answers Trump’s call for talks'],
    ['peskov-briefing', '2024-11-09', 'Peskov: no arrangements yet for a call'],
    ['before-valdai', '2024-11-06', 'Before Valdai: what the outlets expected'],
  ]) {
    const dir = join(tmp, 'front-stories', slug);
    cpSync(FIXTURE, dir, { recursive: true });
    const md = readFileSync(join(FIXTURE, 'story.md'), 'utf8')
      .replace(/^title: .*$/m, `title: "${title}"`)
      .replace(/^date: .*$/m, `date: ${date}`);
    writeFileSync(join(dir, 'story.md'), md);
    made.push(dir);
  }
  return made;
}

/** The Nu HTML Checker's error lines for files or folders. */
async function vnuErrors(paths) {
  const { out } = await vnu(['--errors-only', '--format', 'gnu', ...paths]);
  return out.split('\n').filter((l) => l.trim());
}

const broadsheet = s.themes.includes('broadsheet');

// (Built before any test is declared: node's runner would end the file, and close the browser,
// while a top-level await is still pending.)
// Five stories with the broadsheet theme (3 columns, its default), the same with 2 and 4 columns,
// and the same with the default theme, to compare what the home page says.
const variants = {};
if (broadsheet) {
  const stories = frontStories(s.tmp);
  for (const [name, theme, columns] of [
    ['broadsheet', 'broadsheet', null],
    ['broadsheet-2', 'broadsheet', 2],
    ['broadsheet-4', 'broadsheet', 4],
    ['default', 'default', null],
  ]) {
    const root = join(s.tmp, `front-${name}`);
    copyExample(root, { theme, extraStories: stories });
    if (columns) writeFileSync(join(root, 'site.yaml'), `${readFileSync(join(root, 'site.yaml'), 'utf8')}theme_options:\n  front_page_columns: ${columns}\n`);
    variants[name] = await buildAndServe(`five-story (${name})`, theme, root, join(s.tmp, `front-${name}-public`));
  }
  after(async () => {
    for (const v of Object.values(variants)) await new Promise((ok) => v.server.close(ok));
  });
}

describe('the compiled-in themes are complete', () => {
  for (const theme of s.themes) {
    test(`${theme}: the example with no themes/ folder builds, byte for byte as with the repository's themes/`, () => {
      const withFolder = join(s.tmp, `complete-${theme}-folder`);
      const without = join(s.tmp, `complete-${theme}-builtin`);
      copyExample(withFolder, { theme });
      copyExample(without, { theme, themes: false });
      const out = (root) => {
        const dir = `${root}-public`;
        digest(['build', '--root', root, '--base-url', 'https://example.org/digest/', '--output-dir', dir]);
        return dir;
      };
      const a = out(withFolder);
      const b = out(without);
      // `.digest-build` marks the folder as digest's (with an id of the build): not part of the site.
      const files = walk(a).filter((f) => f !== '.digest-build');
      assert.deepEqual(walk(b).filter((f) => f !== '.digest-build'), files, 'the same files');
      assert.ok(files.includes('index.html') && files.includes('style.css'));
      if (theme === 'broadsheet') assert.ok(files.includes('broadsheet.css'));
      const differ = files.filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
      assert.deepEqual(differ, [], 'files that differ between the built-in theme and the themes/ folder (rebuild digest after editing themes/)');
      // And digest says every file came from the themes built into it.
      const listing = digest(['themes', theme, '--root', without]).stdout;
      const rows = listing.split('\n').filter((l) => /^\s+(templates|static)\//.test(l));
      assert.ok(rows.length > 10 && rows.every((l) => /\sbuilt-in (default|broadsheet)$/.test(l)), listing);
      assert.match(listing, new RegExp(`templates/index\\.html\\s+built-in ${theme}\n`), 'the theme has its own front page');
    });
  }
});

describe('broadsheet: the front page', { skip: !broadsheet && 'DIGEST_THEMES leaves out broadsheet' }, () => {
  if (!broadsheet) return;
  const home = (v) => variants[v].byKind.home[0].url;

  /** The front page as laid out: the stories in order, where each sits, the folio line. */
  const layout = (page) =>
    page.evaluate(() => {
      const ol = document.querySelector('main ol.front-stories');
      const items = [...(ol?.children ?? [])].map((li) => {
        const r = li.getBoundingClientRect();
        const h = li.querySelector('h2');
        return {
          tag: li.tagName.toLowerCase(),
          lead: li.classList.contains('front-lead'),
          title: h?.textContent.trim(),
          headingSize: h ? parseFloat(getComputedStyle(h).fontSize) : 0,
          datetime: li.querySelector('time')?.getAttribute('datetime'),
          left: Math.round(r.left),
          top: Math.round(r.top),
          width: Math.round(r.width),
        };
      });
      return {
        items,
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
        folio: document.querySelector('.front-folio')?.textContent.replace(/\s+/g, ' ').trim() ?? '',
        folioDate: document.querySelector('.front-folio time')?.getAttribute('datetime'),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });

  test('an <ol> of the stories newest first; the first is the lead, with the biggest headline', async () => {
    const ctx = await newContext(s.browser, { width: 1280 });
    try {
      const page = await ctx.newPage();
      await page.goto(home('broadsheet'));
      const l = await layout(page);
      assert.equal(l.items.length, 5);
      assert.ok(l.items.every((i) => i.tag === 'li'));
      const dates = l.items.map((i) => i.datetime);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      assert.deepEqual(l.items.map((i) => i.lead), [true, false, false, false, false]);
      assert.equal(l.items[0].title, 'The Kremlin answers Trump’s call for talks');
      assert.ok(l.items.slice(1).every((i) => i.headingSize * 1.5 < l.items[0].headingSize), `headline sizes ${l.items.map((i) => i.headingSize)}`);
      assert.deepEqual(l.h1, ['Digest — one event, many outlets'], 'the one <h1> names the site');
      // The folio line dates the edition by its newest story and counts what is in it.
      assert.equal(l.folioDate, '2024-11-10');
      // 5 + 4 × 2 articles; Defence Talks, Fakti, Kyiv Post, Newszop and the unnamed outlet of
      // each of the five stories.
      assert.equal(l.folio, 'Latest story 10 November 2024 5 stories 13 articles from 9 outlets');
    } finally {
      await ctx.close();
    }
  });

  for (const [variant, columns] of [['broadsheet', 3], ['broadsheet-2', 2], ['broadsheet-4', 4]]) {
    test(`front_page_columns ${columns}: the lead spans the page, the rest in ${columns} columns at 1280 px, 2 at 768 px, 1 at 360 px`, async () => {
      for (const [width, expected] of [[1280, columns], [768, Math.min(columns, 2)], [360, 1]]) {
        const ctx = await newContext(s.browser, { width });
        try {
          const page = await ctx.newPage();
          await page.goto(home(variant));
          const l = await layout(page);
          const [lead, ...rest] = l.items;
          const lefts = new Set(rest.map((i) => i.left));
          assert.equal(lefts.size, expected, `${width}px: columns at ${[...lefts]}`);
          assert.ok(rest.every((i) => i.top > lead.top + 100), `${width}px: the others come under the lead`);
          assert.ok(rest.every((i) => i.width * expected <= lead.width + 1), `${width}px: the lead is as wide as the columns together`);
          assert.equal(l.scrollWidth, width, `${width}px: no sideways scrolling`);
        } finally {
          await ctx.close();
        }
      }
    });
  }

  test('every story keeps what the default theme shows of it: title, link, date, summary, outlets, counts, open disputes', async () => {
    const ctx = await newContext(s.browser, { width: 1280 });
    try {
      const page = await ctx.newPage();
      const read = async (variant) => {
        await page.goto(home(variant));
        return page.evaluate(() =>
          [...document.querySelectorAll('main ol > li')].map((li) => ({
            links: [...li.querySelectorAll('a')].map((a) => `${a.getAttribute('href')} ${a.textContent.trim()}`).sort(),
            times: [...li.querySelectorAll('time')].map((t) => `${t.getAttribute('datetime')} ${t.textContent.trim()}`),
            text: li.textContent.replace(/\s+/g, ' ').trim(),
            blocks: [...li.querySelectorAll('h2, p, li')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
          })),
        );
      };
      const want = await read('default');
      const got = await read('broadsheet');
      assert.equal(got.length, want.length);
      for (const [i, w] of want.entries()) {
        assert.deepEqual(got[i].links, w.links, `story ${i + 1}: links`);
        assert.deepEqual(got[i].times, w.times, `story ${i + 1}: dates`);
        // Every line the default shows (its counts "5 articles · 9 quotes · …" one by one) is in
        // the broadsheet's text of the story.
        for (const piece of w.blocks.flatMap((b) => b.split(' · '))) {
          assert.ok(got[i].text.includes(piece), `story ${i + 1}: "${piece}" is missing from "${got[i].text}"`);
        }
      }
    } finally {
      await ctx.close();
    }
  });

  for (const scheme of SCHEMES) {
    for (const width of [360, 1280]) {
      test(`axe-core, WCAG 2.2 A and AA: ${scheme}, ${width}px`, async () => {
        const ctx = await newContext(s.browser, { scheme, width });
        try {
          const page = await ctx.newPage();
          await page.goto(home('broadsheet'));
          const { violations: v, unchecked } = await runAxe(page);
          assert.equal(v.length, 0, formatViolations(v));
          assert.equal(unchecked.length, 0, formatUnchecked(unchecked));
        } finally {
          await ctx.close();
        }
      });
    }
  }

  test('reflow at 320 px, 4 columns: no sideways scrolling', async () => {
    const ctx = await newContext(s.browser, { width: 320 });
    try {
      const page = await ctx.newPage();
      await page.goto(home('broadsheet-4'));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    } finally {
      await ctx.close();
    }
  });

  test('valid HTML (Nu HTML Checker), with 2, 3 and 4 columns', async () => {
    const files = ['broadsheet', 'broadsheet-2', 'broadsheet-4'].map((v) => join(variants[v].dir, 'index.html'));
    assert.deepEqual(await vnuErrors(files), []);
  });
});

describe('broadsheet: story page, wide screens and print', { skip: !broadsheet && 'DIGEST_THEMES leaves out broadsheet' }, () => {
  if (!broadsheet) return;
  const site = s.site('example', 'broadsheet');
  const story = site.byKind.story[0];

  test('"On this page" is a rail beside the text at 1280 px, above it at 360 px', async () => {
    for (const [width, beside] of [[1280, true], [360, false]]) {
      const ctx = await newContext(s.browser, { width });
      try {
        const page = await ctx.newPage();
        await page.goto(story.url);
        const r = await page.evaluate(() => {
          const toc = document.querySelector('.toc').getBoundingClientRect();
          const text = document.querySelector('#annotation').getBoundingClientRect();
          return { tocRight: toc.right, tocBottom: toc.bottom, textLeft: text.left, textTop: text.top };
        });
        if (beside) assert.ok(r.tocRight < r.textLeft, `${width}px: ${JSON.stringify(r)}`);
        else assert.ok(r.tocBottom <= r.textTop, `${width}px: ${JSON.stringify(r)}`);
      } finally {
        await ctx.close();
      }
    }
  });

  test('on screen no text runs in columns, and at 1920 px no line of text is longer than about 85 characters', async () => {
    const ctx = await newContext(s.browser, { width: 1920 });
    const problems = [];
    try {
      const page = await ctx.newPage();
      for (const p of [site.byKind.home[0], story, site.byKind.article[0], site.byKind.outlet[0]]) {
        await page.goto(p.url);
        const found = await page.evaluate(() => {
          const out = [];
          // Every element that holds a long run of text itself (not only in its children).
          const ownText = (el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
          for (const el of document.querySelectorAll('main *')) {
            const cs = getComputedStyle(el);
            if (el.closest('table') || ownText(el).length < 90) continue;
            // Characters a line holds: the box's width over the width of an average character.
            const perLine = el.getBoundingClientRect().width / (parseFloat(cs.fontSize) * 0.5);
            if (perLine > 95) out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> holds ~${Math.round(perLine)} characters a line`);
          }
          for (const el of document.querySelectorAll('.annotation, .article-text')) {
            if (getComputedStyle(el).columnCount !== 'auto') out.push(`.${el.className}: columns on screen`);
          }
          return out;
        });
        problems.push(...found.map((f) => `${p.path}: ${f}`));
      }
    } finally {
      await ctx.close();
    }
    assert.deepEqual(problems, []);
  });

  test('print: black on white, no site navigation, the annotation in two columns, nothing wider than the paper', async () => {
    const ctx = await newContext(s.browser, { width: 794 });
    try {
      const page = await ctx.newPage();
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      await page.goto(story.url);
      const r = await page.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        fg: getComputedStyle(document.body).color,
        title: getComputedStyle(document.querySelector('.site-title')).color,
        nav: [...document.querySelectorAll('.site-nav, .breadcrumbs, .toc, .skip-link')].map((e) => getComputedStyle(e).display),
        columns: getComputedStyle(document.querySelector('.annotation')).columnCount,
        // The coverage matrix is the widest thing on the page: on paper it cannot scroll.
        width: document.documentElement.scrollWidth,
      }));
      assert.deepEqual(r, { bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)', title: 'rgb(0, 0, 0)', nav: ['none', 'none', 'none', 'none'], columns: '2', width: 794 });
    } finally {
      await ctx.close();
    }
  });
});

describe('print: nothing wider than the paper', () => {
  for (const site of s.sites) {
    test(`${site.label}: the story, outlet and outlets pages fit an A4 page (794 px)`, async () => {
      const ctx = await newContext(s.browser, { width: 794 });
      const problems = [];
      try {
        const page = await ctx.newPage();
        await page.emulateMedia({ media: 'print' });
        const pages = [...(site.byKind.story || []).slice(0, 2), ...(site.byKind.outlet || []).slice(0, 1), ...(site.byKind.sources || [])];
        assert.ok(pages.length >= 2, 'no pages to print');
        for (const p of pages) {
          await page.goto(p.url);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 794) problems.push(`${p.path}: ${width}px wide`);
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

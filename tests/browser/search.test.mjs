// The search page in headless Chromium, with every built-in theme: by keyboard alone, "Valdai"
// is typed, a result chosen with the arrow keys and Enter lands on the article's paragraph
// (:target) that holds the word; the query is in the URL; words match in any case and without
// their accents, in Cyrillic too (on a copy of the example with the Bulgarian and Russian story
// of tests/fixtures/search/, served under a sub-path, /repo/, which every request and link must
// stay under); more results come a page at a time; with JavaScript off, or the script or index
// failing to load, the page says so and links the list of stories; the page with results is
// valid HTML (Nu HTML Checker); and under `digest serve` it keeps working after a save swaps the
// page in. On the multilingual test site (tests/fixtures/multilingual/), Arabic queries with and
// without ال and with harakat, Hebrew with a prefix, and Chinese find their paragraph, and each
// Arabic or Hebrew excerpt is laid out right to left. (axe-core checks the page with results in
// a11y.test.mjs; the CSP in csp.test.mjs.)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { buildAndServe, copyExample, copyFixture, DIGEST_BIN, HERE, REPO, digest, newContext, serve, setup, teardown } from './lib.mjs';
import { queryWords, terms } from '../../themes/default/static/search.js';

const s = await setup();
after(teardown);
const FIXTURE_STORY = 'valdai-in-bulgarian-and-russian';
const STATUS = '#search-status';

// For every theme: the example and the Cyrillic story, under /repo/ as on a GitHub Pages project site.
const multis = {};
for (const theme of s.themes) {
  const root = join(s.tmp, `search-site-${theme}`);
  copyExample(root, { theme, extraStories: [join(REPO, 'tests', 'fixtures', 'search', FIXTURE_STORY)] });
  const served = join(s.tmp, `search-public-${theme}`);
  const srv = await serve(served);
  digest(['build', '--root', root, '--base-url', `${srv.origin}/repo/`, '--output-dir', join(served, 'repo')]);
  after(() => new Promise((ok) => srv.server.close(ok)));
  multis[theme] = srv;
}

// For every theme: the multilingual test site (an English site whose outlets write in Arabic,
// Hebrew, Chinese and French).
const multilingual = {};
for (const theme of s.themes) {
  const root = join(s.tmp, `multilingual-${theme}`);
  copyFixture(root, 'multilingual', { theme });
  multilingual[theme] = await buildAndServe('multilingual', theme, root, join(s.tmp, `multilingual-${theme}-public`));
  after(() => new Promise((ok) => multilingual[theme].server.close(ok)));
}

const searchUrl = (site, q) => `${site}/search/${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`;

/** Waits until the status reports results (or none) for `q`, and returns it. */
async function waitForResults(page, q) {
  await page.waitForFunction(
    ([sel, q]) => {
      const t = document.querySelector(sel)?.textContent ?? '';
      return t.includes(`“${q}”`) && !t.startsWith('Searching');
    },
    [STATUS, q],
    { timeout: 10000 },
  );
  return page.locator(STATUS).textContent();
}

/** The results as the page lists them. */
function results(page) {
  return page.locator('.search-result').evaluateAll((lis) =>
    lis.map((li) => ({
      kind: li.dataset.kind,
      title: li.querySelector('h2').textContent,
      href: li.querySelector('a').getAttribute('href'),
      kindLabel: li.querySelector('.search-kind')?.textContent,
      snippet: li.querySelector('.search-result-snippet')?.textContent ?? '',
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      context: li.querySelector('.search-result-context')?.textContent ?? '',
    })),
  );
}

/** The focused element, and its result. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    const cs = a && getComputedStyle(a);
    return {
      id: a?.id ?? '',
      tag: a?.tagName.toLowerCase(),
      href: a?.getAttribute('href') ?? null,
      kind: a?.closest('.search-result')?.dataset.kind ?? null,
      outline: cs ? `${cs.outlineStyle} ${cs.outlineWidth}` : '',
    };
  });
}

/** Is the element of the URL's fragment the :target, on screen, and what does it say? */
function landing(page) {
  return page.evaluate(() => {
    const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const r = e?.getBoundingClientRect();
    return {
      path: location.pathname,
      hash: location.hash,
      tag: e?.tagName.toLowerCase() ?? null,
      target: !!e?.matches(':target'),
      inView: !!r && r.bottom > 0 && r.top < innerHeight,
      text: e?.textContent ?? '',
    };
  });
}

/** Presses Tab until the search field has the focus (from the top of the page). */
async function tabToField(page) {
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).id === 'search-input') return;
  }
  assert.fail('Tab never reached the search field');
}

test('the page folds words as digest does (the cases tests/search.rs shares)', () => {
  const cases = JSON.parse(readFileSync(join(REPO, 'tests', 'fixtures', 'search-terms.json'), 'utf8'));
  assert.ok(cases.length > 10);
  for (const [text, expected] of cases) assert.deepEqual(terms(text), expected, JSON.stringify(text));
  assert.deepEqual(queryWords('Valdai valdai  V'), [
    { term: 'valdai', forms: [{ term: 'valdai', prefix: true }] },
    { term: 'v', forms: [{ term: 'v', prefix: false }] },
  ]);
  // A word with prefixes matches its stems too; a stem of two letters only as a whole word.
  assert.deepEqual(queryWords('بالزلزال').map((w) => w.forms.map((f) => f.term)), [['بالزلزال', 'الزلزال', 'زلزال']]);
  assert.deepEqual(queryWords('הים')[0].forms, [{ term: 'הים', prefix: true }, { term: 'ים', prefix: false }]);
  // Chinese: each pair of letters is a word of the query; a single letter may begin one.
  assert.deepEqual(queryWords('地中海 震').map((w) => w.term), ['地中', '中海', '震']);
});

/** The results, with the language and computed direction of each one's excerpt. */
function excerpts(page) {
  return page.locator('.search-result').evaluateAll((lis) =>
    lis.map((li) => {
      const e = li.querySelector('.search-result-excerpt');
      return {
        href: li.querySelector('a').getAttribute('href'),
        text: e?.textContent ?? '',
        lang: e?.lang ?? '',
        dir: e?.dir ?? '',
        direction: e ? getComputedStyle(e).direction : '',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      };
    }),
  );
}

for (const theme of s.themes) {
  const site = multilingual[theme];
  describe(`${theme} theme, multilingual site`, () => {
    // Each query, the article it must find, and words its excerpt must hold.
    const cases = [
      ['زلزال', 'sawt', 'زلزال', 'ar'],
      ['الزلزال', 'sawt', 'زلزال', 'ar'],
      ['بالزلزال', 'sawt', 'زلزال', 'ar'],
      ['زِلْزَالٌ', 'sawt', 'زلزال', 'ar'],
      ['والمستشفيات', 'sawt', 'المستشفيات', 'ar'],
      ['ובחיפה', 'hamifrats', 'חיפה', 'he'],
      ['חיפה', 'hamifrats', 'בחיפה', 'he'],
      ['紧急情况', 'dongfang', '紧急情况', 'zh'],
      ['大使', 'dongfang', '大使', 'zh'],
      ['地震', 'dongfang', '地震', 'zh'],
    ];
    for (const [query, article, words, lang] of cases) {
      test(`"${query}" finds its passage in ${article}, laid out ${lang === 'zh' ? 'left to right' : 'right to left'}`, async () => {
        const ctx = await newContext(s.browser, { width: 1280 });
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(site.origin, query));
          await waitForResults(page, query);
          const found = (await excerpts(page)).filter((r) => r.href.includes(`/${article}/#p`));
          assert.ok(found.length > 0, `no paragraph of ${article}: ${JSON.stringify(await excerpts(page))}`);
          const r = found[0];
          assert.ok(r.text.includes(words), `${r.text} lacks ${words}`);
          assert.ok(r.marks.length > 0, 'the words found are marked');
          assert.equal(r.lang, lang);
          const dir = lang === 'zh' ? 'ltr' : 'rtl';
          assert.equal(r.dir, dir);
          assert.equal(r.direction, dir);
          // The paragraph linked to holds the words.
          const target = await page.evaluate(async (href) => {
            const html = await (await fetch(href.split('#')[0])).text();
            const doc = new DOMParser().parseFromString(html, 'text/html');
            return doc.getElementById(href.split('#')[1])?.textContent ?? '';
          }, r.href);
          assert.ok(target.includes(words), `${r.href} holds ${target}`);
        } finally {
          await ctx.close();
        }
      });
    }
  });
}

for (const theme of s.themes) {
  const example = s.site('example', theme);
  const multi = multis[theme];

  describe(`${theme} theme`, () => {
    describe('search by keyboard', () => {
      test('type "Valdai", arrow down to an article, Enter: the page opens at the paragraph that holds it', async () => {
        const ctx = await newContext(s.browser, { width: 1280 });
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(example.origin));
          await tabToField(page);
          await page.keyboard.type('Valdai', { delay: 20 });
          const status = await waitForResults(page, 'Valdai');
          assert.match(status, /^\d+ results? for “Valdai”$/);
          const found = await results(page);
          assert.ok(found.length >= 5, JSON.stringify(found));
          for (const r of found) {
            assert.ok(r.marks.length > 0 || /valdai/i.test(r.title), `nothing marked in ${JSON.stringify(r)}`);
            assert.ok(r.marks.every((m) => /^valdai$/i.test(m)), `marked ${r.marks}`);
          }
          assert.equal(found[0].kind, 'story', 'the story, whose title has the word, comes first');

          // Down from the field moves into the results, one link at a time; up from the first goes back.
          await page.keyboard.press('ArrowDown');
          let f = await focused(page);
          assert.equal(f.href, found[0].href);
          assert.notEqual(f.outline.split(' ')[0], 'none', 'focus is visible');
          await page.keyboard.press('ArrowUp');
          assert.equal((await focused(page)).id, 'search-input');
          await page.keyboard.press('ArrowDown');
          for (let i = 0; i < found.length && f.kind !== 'article'; i++) {
            await page.keyboard.press('ArrowDown');
            f = await focused(page);
          }
          assert.equal(f.kind, 'article', 'an article result was reached');
          assert.match(f.href, /^\/stories\/[^/]+\/[^/]+\/#p\d+$/);
          await page.keyboard.press('Enter');
          await page.waitForURL((u) => u.pathname + u.hash === f.href);
          const at = await landing(page);
          assert.equal(at.tag, 'p');
          assert.ok(at.target && at.inView, JSON.stringify(at));
          assert.match(at.text, /Valdai/);

          // Back: the search page shows the same results again (the query is in its URL).
          await page.goBack();
          assert.equal(new URL(page.url()).searchParams.get('q'), 'Valdai');
          await waitForResults(page, 'Valdai');
          assert.equal((await results(page)).length, found.length);
        } finally {
          await ctx.close();
        }
      });

      test('results come while typing; Enter searches at once; Tab goes through the results in order', async () => {
        const ctx = await newContext(s.browser, { width: 390 });
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(example.origin));
          await page.locator('#search-input').focus();
          await page.keyboard.type('soch', { delay: 20 });
          await waitForResults(page, 'soch');
          assert.equal(new URL(page.url()).searchParams.get('q'), 'soch', 'the URL follows the query');
          const first = await results(page);
          assert.ok(first.length > 0 && first.every((r) => r.marks.length === 0 || r.marks.every((m) => /^soch/i.test(m))));
          await page.keyboard.type('i kyiv');
          await page.keyboard.press('Enter');
          const status = await waitForResults(page, 'sochi kyiv');
          const both = await results(page);
          assert.ok(both.length > 0 && both.length < first.length, `${status}: ${both.length} of ${first.length}`);
          assert.equal((await focused(page)).id, 'search-input', 'Enter leaves the focus in the field');
          await page.keyboard.press('Tab'); // the Search button
          await page.keyboard.press('Tab');
          assert.equal((await focused(page)).href, both[0].href);
          await page.keyboard.press('Tab');
          if (both.length > 1) assert.equal((await focused(page)).href, both[1].href);
        } finally {
          await ctx.close();
        }
      });
    });

    describe('matching', () => {
      test('every word must match, in any case; a word with no match gives none', async () => {
        const ctx = await newContext(s.browser);
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(example.origin, 'BUTLER pennsylvania'));
          await waitForResults(page, 'BUTLER pennsylvania');
          const found = await results(page);
          assert.ok(found.length > 0);
          assert.ok(found.some((r) => r.kind === 'dispute'), 'the Butler dispute');
          await page.goto(searchUrl(example.origin, 'Valdai zanzibar'));
          assert.match(await waitForResults(page, 'Valdai zanzibar'), /^No results for “Valdai zanzibar”/);
          assert.equal(await page.locator('.search-result').count(), 0);
        } finally {
          await ctx.close();
        }
      });

      test('Cyrillic: "валдай" finds the Bulgarian and Russian articles, and every request stays under /repo/', async () => {
        const ctx = await newContext(s.browser, { width: 1280 });
        const requests = [];
        try {
          const page = await ctx.newPage();
          page.on('request', (r) => requests.push(new URL(r.url()).pathname));
          await page.goto(searchUrl(`${multi.origin}/repo`));
          await tabToField(page);
          await page.keyboard.type('валдай');
          await waitForResults(page, 'валдай');
          const found = await results(page);
          const articles = found.filter((r) => r.kind === 'article').map((r) => r.href);
          const prefix = `/repo/stories/${FIXTURE_STORY}/`;
          assert.ok(articles.some((h) => h.startsWith(`${prefix}fakti-bg/#p`)), `Bulgarian article in ${articles}`);
          assert.ok(articles.some((h) => h.startsWith(`${prefix}ru/#p`)), `Russian article in ${articles}`);
          assert.ok(found.every((r) => r.marks.every((m) => /^Валдай$/.test(m))), JSON.stringify(found.map((r) => r.marks)));
          assert.ok(found.every((r) => r.href.startsWith('/repo/')));
          assert.ok(found.some((r) => r.context.includes('The Valdai speech in Bulgarian and Russian')), 'a site of two stories says which');

          // The Bulgarian article, by keyboard: it opens at its paragraph.
          const href = articles.find((h) => h.includes('/fakti-bg/'));
          await page.keyboard.press('ArrowDown');
          for (let i = 0; i < found.length && (await focused(page)).href !== href; i++) await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Enter');
          await page.waitForURL((u) => u.pathname + u.hash === href);
          const at = await landing(page);
          assert.ok(at.target && at.inView && at.text.includes('Валдай'), JSON.stringify(at));
          assert.ok(requests.length > 3 && requests.every((p) => p.startsWith('/repo/')), requests.join('\n'));

          // Without its accent: "повел" finds "повёл", in the Russian article and in the quote.
          await page.goto(searchUrl(`${multi.origin}/repo`, 'повел мужественно'));
          await waitForResults(page, 'повел мужественно');
          const quote = (await results(page)).find((r) => r.kind === 'quote');
          assert.ok(quote, 'the quote');
          assert.equal(quote.href, `${prefix}#quote-real-man`);
          assert.match(quote.snippet, /повёл/);
          await page.goto(`${multi.origin}${quote.href}`);
          assert.ok((await landing(page)).target);
        } finally {
          await ctx.close();
        }
      });

      test('every result of a query links to an element of the site that is there', async () => {
        const ctx = await newContext(s.browser);
        const problems = [];
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(`${multi.origin}/repo`, 'putin'));
          await waitForResults(page, 'putin');
          const found = [];
          // Every page of results.
          for (;;) {
            found.push(...(await results(page)).slice(found.length));
            if (await page.locator('.search-more').isHidden()) break;
            await page.locator('.search-more button').click();
            await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, found.length);
          }
          assert.ok(found.length > 20, `${found.length} results`);
          assert.equal(new Set(found.map((r) => r.href + r.title)).size, found.length, 'no result twice');
          for (const r of found) {
            await page.goto(`${multi.origin}${r.href}`);
            const at = await landing(page);
            if (r.href.includes('#') && !(at.target && at.inView)) problems.push(`${r.href}: ${JSON.stringify(at)}`);
          }
        } finally {
          await ctx.close();
        }
        assert.deepEqual(problems, []);
      });
    });

    describe('more results', () => {
      test('a page at a time: the button shows the next results and the focus moves to the first of them', async () => {
        const ctx = await newContext(s.browser);
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(example.origin, 'the'));
          const status = await waitForResults(page, 'the');
          const m = /^20 of (\d+) results for “the”$/.exec(status);
          assert.ok(m, status);
          assert.equal(await page.locator('.search-result').count(), 20);
          // Down from the last result reaches the button.
          await page.locator('.search-result a').last().focus();
          await page.keyboard.press('ArrowDown');
          assert.equal(await page.evaluate(() => document.activeElement.className), 'search-more-button');
          await page.keyboard.press('Enter');
          await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 20);
          const f = await focused(page);
          const hrefs = await page.locator('.search-result a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          assert.equal(f.href, hrefs[20], 'the focus is on the first new result');
          assert.equal(hrefs.length, Math.min(40, Number(m[1])));
        } finally {
          await ctx.close();
        }
      });
    });

    describe('without the script', () => {
      const visible = (page, sel) => page.locator(sel).evaluate((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible');

      test('JavaScript off: the page says search needs it and links the list of stories; no form', async () => {
        const ctx = await newContext(s.browser, { js: false, width: 390 });
        try {
          const page = await ctx.newPage();
          await page.goto(searchUrl(`${multi.origin}/repo`, 'Valdai'));
          assert.ok(await visible(page, '[data-search-nojs]'));
          assert.match(await page.locator('[data-search-nojs]').textContent(), /needs JavaScript/);
          assert.equal(await page.locator('[data-search-nojs] a').getAttribute('href'), '/repo/');
          assert.equal(await visible(page, 'form[role="search"]'), false);
          await page.locator('[data-search-nojs] a').click();
          assert.equal(new URL(page.url()).pathname, '/repo/');
          assert.ok((await page.locator('.story-card').count()) === 2);
        } finally {
          await ctx.close();
        }
      });

      test('the script does not load: the same message; the index does not load: the status says so', async () => {
        const ctx = await newContext(s.browser);
        try {
          const page = await ctx.newPage();
          await page.route('**/search.js', (r) => r.abort());
          await page.goto(searchUrl(example.origin, 'Valdai'));
          assert.ok(await visible(page, '[data-search-nojs]'));
          assert.equal(await visible(page, 'form[role="search"]'), false);
          await page.unroute('**/search.js');
          await page.route('**/search-index.json', (r) => r.fulfill({ status: 404, body: 'gone' }));
          page.on('console', () => {}); // the failure is logged; it is what this test causes
          await page.goto(searchUrl(example.origin, 'Valdai'));
          await page.waitForFunction(() => /could not load/.test(document.querySelector('#search-status').textContent));
          assert.equal(await visible(page, '[data-search-nojs]'), false);
        } finally {
          await ctx.close();
        }
      });
    });

    test('the page with its results is valid HTML (Nu HTML Checker)', async () => {
      const ctx = await newContext(s.browser);
      const dir = join(s.tmp, `search-rendered-${theme}`);
      mkdirSync(dir, { recursive: true });
      try {
        const page = await ctx.newPage();
        for (const [name, url, q] of [
          ['example', example.origin, 'Valdai'],
          ['cyrillic', `${multi.origin}/repo`, 'валдай'],
        ]) {
          await page.goto(searchUrl(url, q));
          await waitForResults(page, q);
          assert.ok((await page.locator('.search-result').count()) > 0);
          writeFileSync(join(dir, `${name}.html`), `<!doctype html>\n${await page.evaluate(() => document.documentElement.outerHTML)}\n`);
        }
      } finally {
        await ctx.close();
      }
      const vnu = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
      const out = await new Promise((ok, fail) => {
        const p = spawn('java', ['-jar', vnu, '--errors-only', '--format', 'gnu', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        p.stdout.on('data', (d) => (text += d));
        p.stderr.on('data', (d) => (text += d));
        p.on('error', fail);
        p.on('close', (code) => ok({ code, text }));
      });
      assert.equal(out.text.trim(), '', out.text);
      assert.equal(out.code, 0);
    });

    test('under digest serve: the page searches, and still does after a save swaps in the new version', async () => {
      const root = join(s.tmp, `serve-site-${theme}`, 'site');
      copyExample(root, { theme });
      const child = spawn(DIGEST_BIN, ['serve', '--root', root, '--port', '0', '--interface', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      const url = await new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`digest serve printed no URL:\n${stderr}`)), 20000);
        child.stderr.setEncoding('utf8').on('data', (d) => {
          stderr += d;
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/\S*)\s+\(Ctrl-C stops\)/.exec(stderr);
          if (m) {
            clearTimeout(timer);
            ok(m[1]);
          }
        });
        child.once('exit', (code) => fail(new Error(`digest serve exited (${code}):\n${stderr}`)));
      });
      const ctx = await newContext(s.browser);
      try {
        const page = await ctx.newPage();
        const violations = [];
        await ctx.exposeBinding('__cspViolation', (_, v) => violations.push(v));
        await ctx.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
          window.addEventListener('digest:live', (e) => (window.__live = [...(window.__live ?? []), e.detail]));
          window.addEventListener('digest:swapped', () => (window.__swapped = (window.__swapped ?? 0) + 1));
        });
        await page.goto(`${url.replace(/\/$/, '')}/search/?q=Valdai`);
        await waitForResults(page, 'Valdai');
        await page.waitForFunction(() => window.__live?.includes('hello'), null, { timeout: 10000 });
        appendFileSync(join(root, 'content', 'stories', 'putin-congratulates-trump-valdai', 'articles', 'fakti.md'), '\nA zanzibarian paragraph added while the page was open.\n');
        await page.waitForFunction(() => window.__swapped > 0, null, { timeout: 10000 });
        // The swapped-in page is searchable again: the query from its URL, then a new word.
        await waitForResults(page, 'Valdai');
        await page.locator('#search-input').fill('zanzibarian');
        await waitForResults(page, 'zanzibarian');
        const found = await results(page);
        assert.equal(found.length, 1, JSON.stringify(found));
        assert.match(found[0].href, /\/fakti\/#p\d+$/);
        assert.deepEqual(violations, []);
      } finally {
        await ctx.close();
        child.kill('SIGINT');
        await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      }
    });
  });
}

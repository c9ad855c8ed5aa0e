// Content-Security-Policy: the default theme declares a strict policy in a <meta http-equiv>
// (no script at all but the site's own files: the search page's, and footnotes.js on the pages
// that have footnotes; styles, fonts and images only from the site, plus data: images), and no
// page of any site (the example and a `digest init` site, each with every built-in theme) breaks
// it, nor the search page while it searches, nor a story page while it shows a footnote's
// popover: Chromium fires no `securitypolicyviolation` event and logs no console error, and
// every subresource loads.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { newContext, setup, teardown, watchedPage } from './lib.mjs';

const s = await setup();
after(teardown);
const sites = s.sites;

/** The policy as a map of directive -> sources. */
function parseCsp(text) {
  const out = {};
  for (const part of text.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

// Collects violations from the first moment of every document. DevTools-protocol init scripts are
// not governed by the page's CSP (script-src 'none'), so the listener runs on every page.
const LISTENER = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
  });
`;

describe('Content-Security-Policy', () => {
  for (const site of sites) {
    test(`${site.label}: every page declares the policy before anything it governs`, async () => {
      const ctx = await newContext(s.browser);
      const problems = [];
      try {
        const page = await ctx.newPage();
        for (const p of site.pages) {
          await page.goto(p.url);
          const r = await page.evaluate(() => {
            const metas = [...document.querySelectorAll('meta[http-equiv]')].filter((m) => m.httpEquiv.toLowerCase() === 'content-security-policy');
            const first = metas[0];
            // Everything the policy governs must come after it in <head>.
            const before = first ? [...document.head.children].slice(0, [...document.head.children].indexOf(first)).map((e) => e.tagName.toLowerCase()) : [];
            const notes = !!document.querySelector('[role="doc-endnotes"] li');
            return { count: metas.length, content: first?.content ?? '', before, notes };
          });
          if (r.count !== 1) {
            problems.push(`${p.path}: ${r.count} CSP meta elements`);
            continue;
          }
          const csp = parseCsp(r.content);
          // The search page alone fetches (its index) and submits; it runs a script (the site's
          // own), and so does a page with footnotes (footnotes.js), and no other.
          const own = p.kind === 'search' ? ["'self'"] : ["'none'"];
          const scripts = p.kind === 'search' || r.notes ? ["'self'"] : ["'none'"];
          if (p.kind === 'story' && !r.notes && site.name === 'example') problems.push(`${p.path}: the example story has no source list`);
          const expect = {
            'default-src': ["'self'"],
            'script-src': scripts,
            'connect-src': own,
            'style-src': ["'self'"],
            'object-src': ["'none'"],
            'base-uri': ["'self'"],
            'form-action': own,
          };
          for (const [k, v] of Object.entries(expect)) {
            if (JSON.stringify(csp[k]) !== JSON.stringify(v)) problems.push(`${p.path}: ${k} is ${JSON.stringify(csp[k])}, expected ${JSON.stringify(v)}`);
          }
          for (const [k, v] of Object.entries(csp)) {
            if (v.some((x) => /unsafe-|^\*$|^https?:$/.test(x))) problems.push(`${p.path}: ${k} allows ${v.join(' ')}`);
          }
          if (r.before.some((t) => t !== 'meta')) problems.push(`${p.path}: ${r.before.join(', ')} come before the CSP meta`);
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
    });

    test(`${site.label}: no page breaks its policy (no violation, no console error, every resource loads)`, async () => {
      const ctx = await newContext(s.browser);
      await ctx.addInitScript(LISTENER);
      const problems = [];
      try {
        const { page, log } = await watchedPage(ctx);
        for (const p of site.pages) {
          log.length = 0;
          await page.goto(p.url, { waitUntil: 'load' });
          const v = await page.evaluate(() => window.__cspViolations);
          for (const x of v) problems.push(`${p.path}: CSP violation: ${x}`);
          for (const x of log) problems.push(`${p.path}: ${x}`);
          // The one <script> is a JSON-LD data block, which the policy need not (and does not)
          // allow; but on the search page, whose script is the site's own file, and on a page with
          // footnotes, which loads the theme's footnotes.js (deferred).
          const { scripts, notes, base } = await page.evaluate(() => ({
            scripts: [...document.scripts].map((x) => `${x.type} ${x.getAttribute('src') ?? ''}${x.defer ? ' defer' : ''}`.trim()),
            notes: !!document.querySelector('[role="doc-endnotes"] li'),
            base: document.querySelector('link[rel="stylesheet"]').getAttribute('href').replace(/style\.css$/, ''),
          }));
          const allowed = (t) =>
            t === 'application/ld+json' ||
            (p.kind === 'search' && (t === `module ${base}search.js` || t === 'application/json')) ||
            (notes && t === `${base}footnotes.js defer`);
          if (!scripts.every(allowed)) problems.push(`${p.path}: scripts ${scripts}`);
          if (notes !== scripts.includes(`${base}footnotes.js defer`)) problems.push(`${p.path}: footnotes.js ${notes ? 'missing on a page with' : 'on a page without'} footnotes`);
          if (notes) {
            // It ran within the policy: focusing a footnote number opens its popover.
            await page.locator('main a[role="doc-noteref"]').first().focus();
            const open = await page.evaluate(() => !!document.querySelector('.fn-popover:popover-open, .fn-sidenote.is-active'));
            if (!open) problems.push(`${p.path}: footnotes.js did not run (no popover on focus)`);
            const v2 = await page.evaluate(() => window.__cspViolations);
            for (const x of v2) problems.push(`${p.path}: CSP violation with a popover open: ${x}`);
          }
          if (p.kind === 'search') {
            // It ran within the policy: the form is shown, and a search fetches the index.
            await page.locator('#search-input').fill('valdai');
            await page.waitForFunction(() => /results? for/.test(document.querySelector('#search-status').textContent));
            const v2 = await page.evaluate(() => window.__cspViolations);
            for (const x of v2) problems.push(`${p.path}: CSP violation while searching: ${x}`);
          }
        }
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
    });
  }

  test('the checks see a violation when there is one (canary)', async () => {
    const ctx = await newContext(s.browser);
    await ctx.addInitScript(LISTENER);
    try {
      const { page, log } = await watchedPage(ctx);
      await page.goto(s.sites[0].byKind.home[0].url);
      await page.evaluate(() => {
        const st = document.createElement('style'); // inline style: blocked by style-src 'self'
        st.textContent = 'body { outline: 1px solid red }';
        document.head.append(st);
      });
      await page.waitForFunction(() => window.__cspViolations.length > 0, null, { timeout: 5000 });
      const v = await page.evaluate(() => window.__cspViolations);
      assert.ok(v.some((x) => x.startsWith('style-src')), `expected a style-src violation, got ${JSON.stringify(v)}`);
      assert.ok(log.some((x) => /Content Security Policy/i.test(x)), `expected a console error, got ${JSON.stringify(log)}`);
    } finally {
      await ctx.close();
    }
  });
});

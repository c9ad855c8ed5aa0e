// Shared helpers for the browser and web-standards suite (run with `node --test` in this folder).
//
// - builds, once per built-in theme (THEMES: `default` and `broadsheet`), a copy of the
//   repository's example site with `theme:` set to it and a fresh `digest init --theme` site,
//   with the already-built binary (env DIGEST_BIN, default <repo>/target/debug/digest), into a
//   temporary folder;
// - serves each on 127.0.0.1 with a tiny static file server (folder -> index.html, missing ->
//   404.html with status 404, real content types);
// - launches Debian's Chromium through playwright-core (never a downloaded browser).
//
// Every test file awaits `setup()` at its top (so it can name its tests after the sites and pages
// it finds), loops over `s.sites` (or `s.themes`) and registers `after(teardown)`; a file reuses
// one browser and one server per site for all its tests. KEEP_TMP=1 keeps the built sites;
// DIGEST_THEMES=broadsheet (a comma-separated list) runs the suite on fewer themes.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '..', '..');
export const DIGEST_BIN = process.env.DIGEST_BIN
  ? resolve(process.env.DIGEST_BIN)
  : join(REPO, 'target', 'debug', 'digest');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO, 'target', 'screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** WCAG 2.2 A and AA (axe tags are cumulative per version: 2.0, 2.1 and 2.2 rules). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export const WIDTHS = [360, 1280];

/** The built-in themes; each must pass every check. */
export const ALL_THEMES = ['default', 'broadsheet'];

/** The themes this run covers: all of them, or those DIGEST_THEMES names. */
export const THEMES = process.env.DIGEST_THEMES
  ? process.env.DIGEST_THEMES.split(',').map((t) => t.trim()).filter(Boolean)
  : ALL_THEMES;
for (const t of THEMES) {
  if (!ALL_THEMES.includes(t)) throw new Error(`DIGEST_THEMES names \`${t}\`, which is not a built-in theme (${ALL_THEMES.join(', ')})`);
}
export const SCHEMES = ['light', 'dark'];

/** Where the 404 page is tested: an address with nothing there (the server answers with 404.html). */
export const MISSING_PATH = '/no-such-page/';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentType(file) {
  const base = file.split(sep).pop();
  if (base === 'atom.xml') return 'application/atom+xml; charset=utf-8';
  return CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Runs the digest binary; throws with its output when it fails. */
export function digest(args, opts = {}) {
  if (!existsSync(DIGEST_BIN)) {
    throw new Error(`digest binary not found at ${DIGEST_BIN}: run \`cargo build\` first or set DIGEST_BIN`);
  }
  const r = spawnSync(DIGEST_BIN, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    throw new Error(`digest ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

/** A static file server for `root` on 127.0.0.1 and a free port. */
export async function serve(root) {
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const file = resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let target = null;
    let st = null;
    try {
      st = statSync(file);
    } catch {
      st = null;
    }
    if (st && st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: pathname + '/' }).end();
        return;
      }
      if (existsSync(join(file, 'index.html'))) target = join(file, 'index.html');
    } else if (st && st.isFile()) {
      target = file;
    }
    let status = 200;
    if (!target) {
      status = 404;
      target = join(root, '404.html');
      if (!existsSync(target)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
    }
    res.writeHead(status, {
      'Content-Type': contentType(target),
      'Content-Length': statSync(target).size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(target).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return { server, port, origin: `http://127.0.0.1:${port}` };
}

/** All files under `dir` (relative paths with `/`), sorted. */
export function walk(dir) {
  const out = [];
  const rec = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) rec(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  rec(dir);
  return out.sort();
}

/** The kind of page a built HTML file is, from its path. */
export function pageKind(rel) {
  if (rel === 'index.html' || /^page\/\d+\/index\.html$/.test(rel)) return 'home';
  if (rel === 'tags/index.html') return 'tags';
  if (/^tags\/[^/]+\/(page\/\d+\/)?index\.html$/.test(rel)) return 'tag';
  if (rel === 'archive/index.html') return 'archive';
  if (rel === 'sources/index.html') return 'sources';
  if (rel === '404.html') return '404';
  if (/^stories\/[^/]+\/index\.html$/.test(rel)) return 'story';
  if (/^stories\/[^/]+\/outlets\/index\.html$/.test(rel)) return 'roundup';
  if (/^stories\/[^/]+\/[^/]+\/index\.html$/.test(rel)) return 'article';
  if (/^sources\/[^/]+\/index\.html$/.test(rel)) return 'outlet';
  if (rel === 'search/index.html') return 'search';
  return 'other';
}

/** URL path of a built HTML file (`stories/x/index.html` -> `/stories/x/`). */
export function urlPath(rel) {
  if (rel.endsWith('index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

/** site.yaml's text with its `theme:` line set to `theme`. */
export function withTheme(yaml, theme) {
  return /^theme:.*$/m.test(yaml) ? yaml.replace(/^theme:.*$/m, `theme: ${theme}`) : `${yaml.replace(/\n?$/, '\n')}theme: ${theme}\n`;
}

/**
 * A copy of the example site in `root`: site.yaml (with `theme:` set to `theme`), content/ and,
 * unless `themes: false`, the repository's themes/ folder (as building the repository itself
 * uses it); `extraStories` are story folders copied into content/stories/.
 */
export function copyExample(root, { theme = 'default', themes = true, extraStories = [] } = {}) {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'site.yaml'), withTheme(readFileSync(join(REPO, 'site.yaml'), 'utf8'), theme));
  cpSync(join(REPO, 'content'), join(root, 'content'), { recursive: true });
  if (themes) cpSync(join(REPO, 'themes'), join(root, 'themes'), { recursive: true });
  for (const dir of extraStories) cpSync(dir, join(root, 'content', 'stories', dir.split(sep).pop()), { recursive: true });
}

/**
 * A copy in `root` of the test site `tests/fixtures/<name>/` (with `theme:` set to `theme`) and,
 * unless `themes: false`, the repository's themes/ folder.
 */
export function copyFixture(root, name, { theme = 'default', themes = true } = {}) {
  cpSync(join(REPO, 'tests', 'fixtures', name), root, { recursive: true });
  writeFileSync(join(root, 'site.yaml'), withTheme(readFileSync(join(root, 'site.yaml'), 'utf8'), theme));
  if (themes) cpSync(join(REPO, 'themes'), join(root, 'themes'), { recursive: true });
}

/**
 * A site that has grown, in `root`: five stories under three topics, split into pages of two
 * (`paginate: 2`), two outlets, a resolved dispute and a correction, so that every list page
 * has later pages and every story card its topics.
 */
export function writeGrownSite(root, theme) {
  const stories = join(root, 'content', 'stories');
  mkdirSync(stories, { recursive: true });
  writeFileSync(join(root, 'site.yaml'), `title: A grown digest\nbase_url: https://example.org/\nlanguage: en\ntheme: ${theme}\ndescription: Five stories, three topics, pages of two.\npaginate: 2\ntags:\n  talks: {label: Peace talks, description: "Who met whom, and what each side says was agreed."}\n  energy: {label: Energy}\n  border:\n`);
  writeFileSync(join(root, 'content', 'sources.yaml'), 'wire:\n  name: The Wire\n  url: https://wire.example.org/\n  kind: wire\n  country: Ukraine\n  language: en\npaper:\n  name: The Daily Paper\n  kind: newspaper\n  language: en\n');
  const tags = [['talks', 'energy'], ['border'], ['talks'], ['energy', 'border'], ['talks']];
  for (let i = 0; i < 5; i++) {
    const dir = join(stories, `round-${i + 1}`);
    mkdirSync(join(dir, 'articles'), { recursive: true });
    const date = `2024-0${i + 3}-1${i}`;
    writeFileSync(join(dir, 'articles', 'wire.md'), `---\nsource: wire\ntitle: Round ${i + 1} of the talks ends\npublished: ${date}\n---\nThe delegations met for a day and a night and ended the round on Monday, the wire's reporter said.\n`);
    writeFileSync(join(dir, 'articles', 'paper.md'), `---\nsource: paper\ntitle: Talks end without a statement\npublished: ${date}\n---\nThe talks ended on Tuesday after the delegations failed to agree on a joint statement.\n`);
    const correction = i === 3 ? `updates:\n  - date: 2024-06-20\n    kind: correction\n    note: >-\n      An earlier version said the round ended on Tuesday; the wire's reporter was there on Monday [@wire, "ended the round on Monday"].\n  - date: 2024-06-15\n    note: Added the paper's account.\n` : '';
    writeFileSync(join(dir, 'story.md'), `---\ntitle: Round ${i + 1} of the talks\ndate: ${date}\nsummary: Two outlets on round ${i + 1} of the talks, and the day it ended.\ntags: [${tags[i].join(', ')}]\n${correction}---\nThe wire says the round ended on Monday [@wire, "ended the round on Monday"]; the paper says Tuesday [@paper, "The talks ended on Tuesday"].\n`);
    if (i === 0) writeFileSync(join(dir, 'timeline.yaml'), '- when: 2024-03-10\n  title: The delegations meet\n  sources: [wire, paper]\n- when: [2024-03-11, 2024-03-12]\n  title: The round ends\n  text: Monday, says the wire [@wire, "ended the round on Monday"].\n');
    if (i === 0) writeFileSync(join(dir, 'disputes.yaml'), '- id: day\n  question: Which day did the round end?\n  status: resolved\n  verdict: Monday, as the wire says.\n  note: The wire\'s reporter was there [@wire, "the wire\'s reporter said"].\n  claims:\n    - says: Monday\n      sources: [{source: wire, quote: "ended the round on Monday"}]\n      upheld: true\n    - says: Tuesday\n      sources: [{source: paper, quote: "The talks ended on Tuesday"}]\n      upheld: false\n');
  }
}

/**
 * Builds one site into `outDir` and serves it. `root` is the site's folder (with site.yaml).
 * The server starts first so the site can be built with its real base URL.
 */
export async function buildAndServe(name, theme, root, outDir) {
  const srv = await serve(outDir);
  digest(['build', '--root', root, '--base-url', srv.origin + '/', '--output-dir', outDir]);
  const files = walk(outDir);
  const html = files.filter((f) => f.endsWith('.html'));
  const label = `${name} site, ${theme} theme`;
  const pages = html.map((rel) => ({ site: label, rel, kind: pageKind(rel), path: urlPath(rel), url: srv.origin + urlPath(rel) }));
  // The 404 page is what a reader sees at a missing address: test it there.
  for (const p of pages) if (p.kind === '404') p.url = srv.origin + MISSING_PATH;
  const byKind = {};
  for (const p of pages) (byKind[p.kind] ||= []).push(p);
  return { name, theme, label, root, dir: outDir, files, html, pages, byKind, ...srv };
}

let state = null;

/**
 * Builds and serves, for every theme of THEMES, the example site, a fresh `digest init` site and
 * a grown site (`writeGrownSite`: pages of a paginated list, topics, a correction);
 * launches Chromium unless `{ browser: false }`. With `{ ukrainian: true }` also the example in
 * Ukrainian (default theme) as `uk`, not in `sites` (which every suite loops over), for the
 * checks where other words and lengths matter. Returns { tmp, themes, sites, site(name, theme),
 * uk, browser }: `sites` lists them all (theme by theme, the example first), `site('example',
 * 'broadsheet')` finds one.
 */
export async function setup({ browser = true, ukrainian = false } = {}) {
  if (state) return state;
  const tmp = mkdtempSync(join(tmpdir(), 'digest-browser-'));
  const sites = [];
  for (const theme of THEMES) {
    const exampleRoot = join(tmp, `example-${theme}`);
    copyExample(exampleRoot, { theme });
    sites.push(await buildAndServe('example', theme, exampleRoot, join(tmp, `example-${theme}-public`)));
    const initRoot = join(tmp, `init-${theme}`);
    digest(['init', initRoot, '--theme', theme]);
    sites.push(await buildAndServe('init', theme, initRoot, join(tmp, `init-${theme}-public`)));
    const grownRoot = join(tmp, `grown-${theme}`);
    writeGrownSite(grownRoot, theme);
    sites.push(await buildAndServe('grown', theme, grownRoot, join(tmp, `grown-${theme}-public`)));
  }
  let uk = null;
  if (ukrainian) {
    const ukRoot = join(tmp, 'uk-site');
    copyExample(ukRoot, { theme: 'default' });
    const config = readFileSync(join(ukRoot, 'site.yaml'), 'utf8');
    if (!/^language: en$/m.test(config)) throw new Error('site.yaml has no `language: en` line');
    writeFileSync(join(ukRoot, 'site.yaml'), config.replace(/^language: en$/m, 'language: uk'));
    uk = await buildAndServe('example (uk)', 'default', ukRoot, join(tmp, 'uk-public'));
  }
  let br = null;
  if (browser) br = await launch();
  const site = (name, theme) => {
    const found = sites.find((x) => x.name === name && x.theme === theme);
    if (!found) throw new Error(`no ${name} site with the ${theme} theme in this run (THEMES: ${THEMES.join(', ')})`);
    return found;
  };
  state = { tmp, themes: THEMES, sites, site, uk, browser: br };
  return state;
}

export async function teardown() {
  if (!state) return;
  const s = state;
  state = null;
  if (s.browser) await s.browser.close().catch(() => {});
  for (const site of [...s.sites, s.uk].filter(Boolean)) await new Promise((ok) => site.server.close(ok));
  if (!process.env.KEEP_TMP) rmSync(s.tmp, { recursive: true, force: true });
  else console.log(`# kept ${s.tmp}`);
}

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_BIN)`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A browser context: `scheme` light|dark, `width` in CSS px, `js` on/off, extra options. */
export async function newContext(browser, { scheme = 'light', width = 1280, height = 900, js = true, ...rest } = {}) {
  return browser.newContext({
    viewport: { width, height },
    colorScheme: scheme,
    reducedMotion: 'reduce', // no smooth scrolling: positions are final when we read them
    javaScriptEnabled: js,
    ...rest,
  });
}

/**
 * A new page of `ctx` that records what must not happen on any page: console errors and
 * warnings, uncaught page errors, failed requests and subresources answered with an error
 * status (but the icon fetch Chromium aborts when a test moves on). The 404 page's own
 * status (at MISSING_PATH), which Chromium logs as an error, is the point of that page and is
 * not recorded. Resolves to `{ page, log }`.
 */
export async function watchedPage(ctx) {
  const page = await ctx.newPage();
  const log = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    if (/status of 404/.test(m.text()) && m.location().url === page.url() && new URL(page.url()).pathname === MISSING_PATH) return;
    log.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => log.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Chromium fetches a page's icon in the background and aborts that fetch when the test
    // moves on to the next page: not the site's failure. (An icon that is not there is a 404
    // below, a broken link for `digest check`, and a missing file in tests/example_site.rs.)
    const icon = new URL(r.url()).pathname.endsWith('/favicon.svg');
    if (icon && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    log.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    // The document's own status is the test's to check (the 404 page has 404); a stylesheet,
    // script, font or image must load.
    if (r.status() >= 400 && r.request().resourceType() !== 'document') log.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, log };
}

/** The W3C Nu HTML Checker's jar (from the vnu-jar package), run with the machine's Java. */
const VNU = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** Runs the Nu HTML Checker with `args`; resolves to `{ code, out }` (its exit code, and its stdout and stderr together). */
export function vnu(args) {
  return new Promise((ok, fail) => {
    const p = spawn('java', ['-jar', VNU, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', fail);
    p.on('close', (code) => ok({ code, out }));
  });
}

/** The axe-core source, evaluated in pages by runAxe. */
export const AXE_SOURCE = readFileSync(join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe on the loaded page (or on the elements matching `include`) for WCAG 2.2 A/AA. Returns
 * the violations, and the text whose colour contrast axe could not determine ("needs review"
 * because of a background image, a pseudo-element, overlapping boxes …): a zero-violation result
 * means little if the text went unchecked. Text of symbols only (↑, ✓, —) is left out of that.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern; reusing
 * one page across navigations keeps that cheap (V8 caches the code).
 */
export async function runAxe(page, include = null) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(
    async ([tags, include]) => {
      const context = include ? { include: [...document.querySelectorAll(include)] } : document;
      // eslint-disable-next-line no-undef
      const r = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
      const nodes = (v) => v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200) }));
      const contrast = r.incomplete.find((v) => v.id === 'color-contrast');
      const unchecked = (contrast?.nodes ?? [])
        .map((n) => ({ target: n.target.join(' '), reason: n.any[0]?.data?.messageKey ?? n.any[0]?.message ?? '?' }))
        .filter((n) => n.reason !== 'nonBmp');
      return {
        violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: nodes(v) })),
        unchecked,
      };
    },
    [WCAG_TAGS, include],
  );
}

/** Human-readable list of axe violations for an assertion message. */
export function formatViolations(violations) {
  return violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n'))
    .join('\n');
}

/** Human-readable list of text whose contrast axe could not check. */
export function formatUnchecked(unchecked) {
  return unchecked.slice(0, 10).map((n) => `  ${n.target}: ${n.reason}`).join('\n') + (unchecked.length > 10 ? `\n  … and ${unchecked.length - 10} more` : '');
}

/**
 * One page of each kind for a site: the largest file of its kind (the one with the most
 * features: citations, marked passages, removed lines, records).
 */
export function representativePages(site) {
  const kinds = ['home', 'story', 'roundup', 'article', 'outlet', 'search', 'tag', 'tags', 'archive', 'sources', '404'];
  const size = (p) => statSync(join(site.dir, p.rel)).size;
  return kinds
    .filter((k) => site.byKind[k]?.length)
    .map((k) => [...site.byKind[k]].sort((a, b) => size(b) - size(a) || a.rel.localeCompare(b.rel))[0]);
}

/** The test story in several scripts (issue 19): outlets in English, Arabic, Hebrew, Chinese, French. */
export const MULTILINGUAL = join(REPO, 'tests', 'fixtures', 'multilingual');

/**
 * A copy of the multilingual test site in `root` with `language:` and `theme:` set and, unless
 * `themes: false`, the repository's themes/ folder. `copies` more copies of its story (under
 * `<slug>-2`, `<slug>-3` …) and `paginate:` give its lists several pages.
 */
export function copyMultilingual(root, { language = 'en', theme = 'default', themes = true, copies = 0, paginate = null } = {}) {
  cpSync(MULTILINGUAL, root, { recursive: true });
  const config = readFileSync(join(root, 'site.yaml'), 'utf8');
  if (!/^language: en$/m.test(config)) throw new Error('the multilingual site.yaml has no `language: en` line');
  let yaml = withTheme(config.replace(/^language: en$/m, `language: ${language}`), theme);
  if (paginate) yaml += `paginate: ${paginate}\n`;
  writeFileSync(join(root, 'site.yaml'), yaml);
  if (themes) cpSync(join(REPO, 'themes'), join(root, 'themes'), { recursive: true });
  const stories = join(root, 'content', 'stories');
  for (const slug of readdirSync(stories)) {
    for (let i = 2; i <= copies + 1; i++) cpSync(join(stories, slug), join(stories, `${slug}-${i}`), { recursive: true });
  }
}

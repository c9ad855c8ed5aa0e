// Valid HTML and CSS: the W3C Nu HTML Checker (vnu-jar, run with the machine's Java) reports zero
// errors for every page of the example site and of a fresh `digest init` site, each built with
// every built-in theme, and for their CSS (the broadsheet theme's broadsheet.css too).

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setup, teardown, vnu } from './lib.mjs';

// The Ukrainian build too: other words, other lengths, `lang` on every article's text.
const s = await setup({ browser: false, ukrainian: true });
const sites = [...s.sites, s.uk];
after(teardown);

// A page that must fail, so a checker that silently checks nothing cannot pass the gate.
const canaryDir = join(s.tmp, 'vnu-canary');
mkdirSync(canaryDir, { recursive: true });
writeFileSync(join(canaryDir, 'broken.html'), '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>bad nesting</p></body></html>\n');
writeFileSync(join(canaryDir, 'broken.css'), 'p { colr: red; }\n');

// Both JVMs start at once (one HTML run over every page, one CSS run): about 7 s on 2 cores.
const htmlRun = vnu(['--skip-non-html', '--errors-only', '--format', 'gnu', ...sites.map((x) => x.dir), canaryDir]);
const cssFiles = sites.flatMap((x) => x.files.filter((f) => f.endsWith('.css')).map((f) => join(x.dir, f)));
const cssRun = vnu(['--css', '--errors-only', '--format', 'gnu', ...cssFiles, join(canaryDir, 'broken.css')]);

function split(out) {
  const lines = out.split('\n').filter((l) => l.trim());
  const canary = lines.filter((l) => l.includes(canaryDir));
  const real = lines.filter((l) => !l.includes(canaryDir));
  return { canary, real };
}

test('vnu checks HTML: the deliberately broken canary page is reported', async () => {
  const { canary } = split((await htmlRun).out);
  assert.ok(canary.some((l) => l.includes('broken.html') && l.includes('error')), `vnu did not flag the canary page; is it checking anything?\n${(await htmlRun).out}`);
});

test(`every HTML page of every site is valid (${sites.map((x) => `${x.label}: ${x.html.length} pages`).join('; ')})`, async () => {
  assert.ok(sites.every((x) => x.html.length > 0), 'a site has no HTML pages');
  const { real } = split((await htmlRun).out);
  assert.deepEqual(real, [], `vnu reported ${real.length} problem(s):\n${real.join('\n')}`);
});

test('vnu checks CSS: the deliberately broken canary stylesheet is reported', async () => {
  const { canary } = split((await cssRun).out);
  assert.ok(canary.some((l) => l.includes('broken.css')), `vnu --css did not flag the canary stylesheet\n${(await cssRun).out}`);
});

test(`every stylesheet of every site is valid CSS (${cssFiles.length} files)`, async () => {
  assert.ok(cssFiles.length >= 2 * sites.length, 'expected style.css and syntax.css in each site');
  for (const x of sites.filter((x) => x.theme === 'broadsheet')) assert.ok(x.files.includes('broadsheet.css'), `${x.label} has no broadsheet.css`);
  const { real } = split((await cssRun).out);
  assert.deepEqual(real, [], `vnu --css reported ${real.length} problem(s):\n${real.join('\n')}`);
});

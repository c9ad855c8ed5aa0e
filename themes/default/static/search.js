// The search page of the default theme (templates/search.html): the site's own script, with no
// framework and no service behind it. It reads three kinds of file that `digest build` writes
// (see src/render/search.rs):
//
//   search-index.json            each story's search file, newest first, and the table of
//                                term chunks by prefix;
//   search/t-<hash>.json         a chunk of the term table: each folded word with the stories
//                                that use it, and those that use it in a heading;
//   stories/<slug>/search.json   a story's text, with the links results go to.
//
// A query fetches the index, the chunk of each of its words, and then only the stories that
// contain every word, newest and heading matches first, a few at a time; it finds the exact
// paragraph, quote or dispute there. Words are folded as digest folds them (`terms`, tested
// against the same cases as the Rust side).
//
// It is a module so that the tests can import `terms` and `search`; it starts itself only in a
// page that has the search form.

const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const NOT_TERM = /[^\p{Alphabetic}\p{N}]+/u;

// Letters of the scripts written without spaces between words: Han (and its iteration marks),
// Hiragana, Katakana (and half-width Katakana), Thai, Lao, Myanmar, Khmer. The same ranges as
// digest's, rather than \p{Script=…}, so that both sides agree on every character.
const UNSPACED = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3005-\u3007\u3021-\u3029\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{3FFFF}]/u;
const UNSPACED_RUN = new RegExp(`${UNSPACED.source}+`, 'gu');

// Letters written more than one way that a reader types one way (as digest's `fold_char`):
// Arabic's tatweel is dropped; alef wasla as alef, alef maksura and Persian yeh as yeh, teh
// marbuta as heh, keheh as kaf, Arabic-Indic digits as ASCII. Hamza forms lose their hamza
// as a combining mark.
const FOLDS = { 'ς': 'σ', '\u0640': '', '\u0671': '\u0627', '\u0649': '\u064A', '\u06CC': '\u064A', '\u0629': '\u0647', '\u06A9': '\u0643' };
const FOLDED = /[ς\u0640\u0671\u0649\u06CC\u0629\u06A9\u0660-\u0669\u06F0-\u06F9]/g;
function foldChar(c) {
  if (c in FOLDS) return FOLDS[c];
  const code = c.charCodeAt(0);
  return String(code - (code >= 0x6f0 ? 0x6f0 : 0x660));
}

// Attached prefixes, alone and combined, and how many letters a stem must keep (as digest's
// ARABIC_PREFIXES and HEBREW_PREFIXES): Arabic و ف, then ب ك ل, then ال (لل after ل); Hebrew ו,
// then ש or כש, then ב ל כ מ, then ה.
const ARABIC = {
  letters: /^[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]+$/u,
  shortest: 3,
  prefixes: ['ب', 'ك', 'ل', 'و', 'ف', 'ال', 'لل', 'وب', 'وك', 'ول', 'فب', 'فك', 'فل', 'بال', 'كال', 'وال', 'ولل', 'فال', 'فلل', 'وبال', 'وكال', 'فبال', 'فكال'],
};
const HEBREW = {
  letters: /^[\u05D0-\u05EA]+$/u,
  shortest: 2,
  prefixes: ['ה', 'ב', 'ל', 'כ', 'מ', 'ש', 'ו', 'מה', 'שה', 'שב', 'של', 'שכ', 'שמ', 'וה', 'וב', 'ול', 'וכ', 'ומ', 'וש', 'כש', 'שמה', 'ומה', 'ושה', 'ושב', 'ושל', 'ושכ', 'ושמ', 'וכש', 'כשה', 'ושמה', 'וכשה'],
};

/** What is left of an Arabic or Hebrew term without each prefix it starts with, shortest first. */
function stems(term) {
  const lang = ARABIC.letters.test(term) ? ARABIC : HEBREW.letters.test(term) ? HEBREW : null;
  if (!lang) return [];
  const letters = [...term].length;
  return lang.prefixes
    .filter((p) => term.startsWith(p) && letters - p.length >= lang.shortest)
    .map((p) => term.slice(p.length));
}

/** A word (or a part of one) lower-cased, decomposed, without marks, its letters folded. */
function foldText(word) {
  return word.toLowerCase().normalize('NFKD').replace(MARKS, '').replace(FOLDED, foldChar);
}

/** The folded terms of a word (usually one; a decomposition such as ½ -> 1⁄2 splits it), each followed by its stems. */
function foldTerms(word) {
  return foldText(word)
    .split(NOT_TERM)
    .filter(Boolean)
    .flatMap((t) => [t, ...stems(t)]);
}

let segmenter = null;

/**
 * The terms of a word: as `foldTerms`, but a word in a script written without spaces is split
 * into the words the browser's dictionaries find (as digest does with the same ICU data), and
 * followed by each pair of neighbouring letters of those scripts and the last letter of a run:
 * a word typed alone is not always split as in a sentence, the pairs always are alike.
 */
function fold(word) {
  if (!UNSPACED.test(word)) return foldTerms(word);
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const out = [];
  for (const { segment } of segmenter.segment(word)) out.push(...foldTerms(segment));
  out.push(...pairs(foldText(word)));
  return out;
}

/** Each pair of neighbouring letters of the unspaced runs of folded `text`, and each run's last letter. */
function pairs(text) {
  const out = [];
  for (const [run] of text.matchAll(UNSPACED_RUN)) {
    const c = [...run];
    for (let i = 0; i < c.length; i++) out.push(c.slice(i, i + 2).join(''));
  }
  return out;
}

/** The terms of a text, in order: as `search::for_each_term` in digest. */
export function terms(text) {
  const out = [];
  for (const [word] of text.matchAll(WORD)) out.push(...fold(word));
  return out;
}

/**
 * A query's words, each once, as the forms any of which it matches. A form of one character
 * must be a whole word; a longer one may begin a word, so that results come while the reader
 * types ("vald" finds Valdai); a stem without its prefixes (found with them, and they without)
 * may begin a word from three letters on. In a script written without spaces, each pair of
 * neighbouring letters is a word of the query (a single letter may begin a pair): the words a
 * dictionary finds are not required, since a query alone is not always split as in a text.
 */
export function queryWords(query) {
  const seen = new Set();
  const words = [];
  const add = (forms) => {
    const key = forms.map((f) => f.term).join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    words.push({ term: forms[0].term, forms });
  };
  for (const [word] of query.matchAll(WORD)) {
    if (UNSPACED.test(word)) {
      const folded = foldText(word);
      for (const part of folded.split(UNSPACED_RUN).flatMap((t) => t.split(NOT_TERM)).filter(Boolean)) {
        add([{ term: part, prefix: [...part].length > 1 }]);
      }
      for (const [run] of folded.matchAll(UNSPACED_RUN)) {
        const c = [...run];
        if (c.length === 1) add([{ term: run, prefix: true, run }]);
        for (let i = 0; i + 1 < c.length; i++) add([{ term: c[i] + c[i + 1], prefix: false, run }]);
      }
      continue;
    }
    for (const t of foldText(word).split(NOT_TERM).filter(Boolean)) {
      add([{ term: t, prefix: [...t].length > 1 }, ...stems(t).map((s) => ({ term: s, prefix: [...s].length > 2 }))]);
    }
  }
  return words;
}

function formMatches(form, term) {
  return form.prefix ? term.startsWith(form.term) : term === form.term;
}

function matches(word, term) {
  return word.forms.some((f) => formMatches(f, term));
}

// ------------------------------------------------------------------------------------------
// The files

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response.json();
}

/** A set of story positions as the index writes it: a list of differences, or a base64 bitset. */
function decodeSet(encoded, into) {
  if (typeof encoded === 'string') {
    const bytes = atob(encoded);
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes.charCodeAt(i);
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) into.add(i * 8 + bit);
    }
  } else {
    let n = 0;
    for (const d of encoded) into.add((n += d));
  }
  return into;
}

/** The site's search files, each fetched once. */
export class SearchIndex {
  constructor(url) {
    this.url = new URL(url, location.href);
    this.manifest = null;
    this.files = new Map();
  }

  file(path) {
    if (!this.files.has(path)) {
      const p = fetchJson(new URL(path, this.url));
      p.catch(() => this.files.delete(path)); // a failed fetch is tried again next time
      this.files.set(path, p);
    }
    return this.files.get(path);
  }

  async load() {
    this.manifest ??= await fetchJson(this.url);
    if (this.manifest.v !== 1) throw new Error(`search index version ${this.manifest.v}`);
    return this.manifest;
  }

  get storyCount() {
    return this.manifest.s.length;
  }

  /** The chunks of the term table that can hold terms matching a form of `word`. */
  chunksFor(word) {
    const paths = new Set();
    for (const form of word.forms) {
      let longest = null;
      for (const [prefix, path] of this.manifest.t) {
        if (form.term.startsWith(prefix) && (!longest || prefix.length > longest[0].length)) longest = [prefix, path];
        else if (form.prefix && prefix.length > form.term.length && prefix.startsWith(form.term)) paths.add(path);
      }
      if (longest) paths.add(longest[1]);
    }
    return [...paths];
  }

  /** The stories that use a term matching `word`, and those that use one in a heading. */
  async storiesWith(word) {
    const all = new Set();
    const headings = new Set();
    const chunks = await Promise.all(this.chunksFor(word).map((p) => this.file(p)));
    for (const chunk of chunks) {
      for (const term in chunk) {
        if (!matches(word, term)) continue;
        const [stories, heads] = chunk[term];
        decodeSet(stories, all);
        if (heads) decodeSet(heads, headings);
      }
    }
    return { all, headings };
  }

  /**
   * The stories that use every word, in the order to search them: those with more of the words
   * in a heading first, then newest first.
   */
  async candidates(words) {
    await this.load();
    const sets = await Promise.all(words.map((w) => this.storiesWith(w)));
    sets.sort((a, b) => a.all.size - b.all.size);
    const found = [...sets[0].all].filter((s) => sets.every((x) => x.all.has(s)));
    const inHeadings = (s) => sets.filter((x) => x.headings.has(s)).length;
    return found
      .map((s) => ({ s, h: inHeadings(s) }))
      .sort((a, b) => b.h - a.h || a.s - b.s)
      .map((x) => x.s);
  }

  story(position) {
    return this.file(this.manifest.s[position]);
  }
}

// ------------------------------------------------------------------------------------------
// Matching within a story

// How much a word found in each field counts: a title above a heading above body text.
const WEIGHT = { title: 10, heading: 6, summary: 4, outlet: 3, claim: 2, quote: 2, body: 1 };
// Kinds in the order they are listed when their scores tie.
const KINDS = ['story', 'article', 'quote', 'dispute', 'event'];

/** A text with its terms, folded once per loaded story. */
function field(kind, text) {
  return { kind, text: text ?? '', terms: terms(text ?? '') };
}

/** The documents of a story's search file: the story, its articles, quotes, disputes, events. */
function documents(file, position) {
  const docs = [];
  const story = { position, title: file.t, url: file.u };
  docs.push({
    kind: 'story', story, title: file.t, url: file.u, date: file.d,
    fields: [field('title', file.t), field('summary', file.s), field('body', file.x)],
  });
  for (const a of file.a) {
    docs.push({
      kind: 'article', story, title: a.t, url: a.u, date: a.d, outlet: a.o, lang: a.l,
      titleLang: a.tl ?? a.l,
      fields: [field('title', a.t), field('outlet', a.o)],
      paragraphs: a.p.map(([anchor, text]) => ({ anchor, ...field('body', text) })),
    });
  }
  for (const q of file.q ?? []) {
    const variants = q.v.map((v) => {
      const article = file.a[v[0]];
      const text = v.length === 4 ? article.p[v[1]][1].slice(v[2], v[3]) : v[1];
      return { outlet: article.o, lang: article.l, ...field('quote', text) };
    });
    docs.push({
      kind: 'quote', story, title: q.c ? `${q.t}: ${q.c}` : q.t, url: q.u,
      fields: [field('heading', q.t), field('heading', q.c)],
      variants,
    });
  }
  for (const d of file.k ?? []) {
    docs.push({
      kind: 'dispute', story, title: d.t, url: d.u, resolved: !!d.r,
      fields: [field('title', d.t), ...d.c.map((c) => field('claim', c)), field('claim', d.v)],
      claims: d.c, verdict: d.v,
    });
  }
  for (const e of file.e ?? []) {
    docs.push({
      kind: 'event', story, title: e.t, url: e.u, date: e.d,
      fields: [field('heading', e.t), field('body', e.x)],
    });
  }
  return docs;
}

/** How well `f` matches each word: 0, or its weight (a whole word counts a little more). */
function fieldScores(f, words) {
  return words.map((w) => {
    let best = 0;
    for (const t of f.terms) {
      if (t === w.term) return WEIGHT[f.kind] * 1.25;
      if (!best && matches(w, t)) best = WEIGHT[f.kind];
    }
    return best;
  });
}

/**
 * A result for `doc` if it has every word, else null: its score, where it links to, and the
 * text of its snippet (with the language of that text).
 */
function match(doc, words) {
  const best = words.map(() => 0);
  const take = (scores) => scores.forEach((s, i) => (best[i] = Math.max(best[i], s)));
  for (const f of doc.fields) take(fieldScores(f, words));
  let url = doc.url;
  let snippet = null;
  let meta = [];
  let titleLang = null;
  // The part that holds the most words is what the result shows and where it links.
  const richest = (parts) => {
    let top = null;
    for (const p of parts) {
      const scores = fieldScores(p, words);
      take(scores);
      const n = scores.filter(Boolean).length;
      if (n && (!top || n > top.n)) top = { p, n };
    }
    return top?.p ?? null;
  };
  if (doc.kind === 'article') {
    const p = richest(doc.paragraphs);
    if (p) url = `${doc.url}#${p.anchor}`;
    snippet = { text: (p ?? doc.paragraphs[0])?.text ?? '', lang: doc.lang };
    titleLang = doc.titleLang;
    meta = [doc.outlet, doc.date];
  } else if (doc.kind === 'quote') {
    const v = richest(doc.variants) ?? doc.variants[0];
    // The quotation marks are the site's, outside the quoted words' own direction.
    const quoted = { open: labels.text('quote_open'), close: labels.text('quote_close') };
    snippet = v ? { text: v.text, lang: v.lang, label: v.outlet, ...quoted } : null;
    meta = v ? [v.outlet] : [];
  } else if (doc.kind === 'dispute') {
    const claims = doc.claims.join(' · ');
    snippet = { text: doc.verdict ? labels.text('search_verdict', { claims, verdict: doc.verdict }) : claims };
    meta = [labels.text(doc.resolved ? 'badge_resolved' : 'badge_open')];
  } else {
    const body = doc.fields.slice(1);
    const f = body.find((x) => fieldScores(x, words).some(Boolean)) ?? body.find((x) => x.text);
    snippet = f ? { text: f.text } : null;
    meta = [doc.date];
  }
  if (best.some((s) => s === 0)) return null;
  return {
    kind: doc.kind,
    title: doc.title,
    titleLang,
    url,
    meta: meta.filter(Boolean),
    snippet,
    story: doc.story,
    score: best.reduce((a, b) => a + b, 0),
  };
}

function compareResults(a, b) {
  return b.score - a.score || a.story.position - b.story.position || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind);
}

// Each story's documents, with their text folded, once: every query after the first (a search
// runs as the reader types) reuses them.
const folded = new WeakMap();

/** The results of a query in one story's search file, best first. */
export function searchStory(file, position, words) {
  if (!folded.has(file)) folded.set(file, documents(file, position));
  return folded
    .get(file)
    .map((d) => match(d, words))
    .filter(Boolean)
    .sort(compareResults);
}

/** The part of `text` around its first match, at most about `length` characters. */
export function excerpt(text, words, length = 240) {
  if (text.length <= length) return text;
  let first = 0;
  for (const m of text.matchAll(WORD)) {
    if (fold(m[0]).some((t) => words.some((w) => matches(w, t)))) {
      first = m.index;
      break;
    }
  }
  let start = Math.max(0, first - Math.round(length / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
}

/** The query's runs of letters of scripts written without spaces, folded. */
function unspacedRuns(words) {
  return [...new Set(words.flatMap((w) => w.forms.map((f) => f.run)).filter(Boolean))];
}

/**
 * Where the runs occur in `word` (of a script written without spaces), as [start, end] in
 * UTF-16 units: a dictionary's words would mark too much or too little of a query that is not
 * one of them, so the query's own letters are found, each compared folded.
 */
function runHits(word, runs) {
  const letters = [];
  let i = 0;
  for (const ch of word) {
    const f = foldText(ch);
    // A mark (a Thai tone mark, a dakuten) goes with the letter before it.
    if (f) letters.push({ f, start: i, end: i + ch.length });
    else if (letters.length) letters[letters.length - 1].end = i + ch.length;
    i += ch.length;
  }
  const hits = [];
  for (let k = 0; k < letters.length; k++) {
    for (const run of runs) {
      const c = [...run];
      if (!c.every((x, j) => letters[k + j]?.f === x)) continue;
      const end = letters[k + c.length - 1].end;
      const previous = hits[hits.length - 1];
      if (previous && previous[1] >= letters[k].start) previous[1] = Math.max(previous[1], end);
      else hits.push([letters[k].start, end]);
    }
  }
  return hits;
}

/** `text` as nodes, with every word that matches the query in a <mark>. */
function marked(text, words) {
  const out = document.createDocumentFragment();
  const runs = unspacedRuns(words);
  let last = 0;
  const mark = (start, end) => {
    if (start > last) out.append(text.slice(last, start));
    const m = document.createElement('mark');
    m.className = 'search-hit';
    m.textContent = text.slice(start, end);
    out.append(m);
    last = end;
  };
  for (const m of text.matchAll(WORD)) {
    if (UNSPACED.test(m[0])) {
      for (const [start, end] of runHits(m[0], runs)) mark(m.index + start, m.index + end);
    } else if (fold(m[0]).some((t) => words.some((w) => matches(w, t)))) {
      mark(m.index, m.index + m[0].length);
    }
  }
  if (last < text.length) out.append(text.slice(last));
  return out;
}

// ------------------------------------------------------------------------------------------
// The page

// Stories fetched at a time, and results shown at a time.
const BATCH = 8;
const PAGE = 20;
const DEBOUNCE_MS = 180;

/** `{name}` in `text` replaced by `values[name]` (other braces are kept). */
function fill(text, values) {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

/**
 * The page's words, from the theme's translation files in the site's language: search.html
 * hands them over as JSON (`{"language": "uk", "labels": {...}}`). Labels with a count have
 * one text per CLDR plural form, chosen with the browser's rules for the language.
 */
class Labels {
  constructor({ language = 'en', labels = {} } = {}) {
    this.language = language;
    this.labels = labels;
    try {
      this.rules = new Intl.PluralRules(language);
    } catch {
      this.rules = new Intl.PluralRules('en');
    }
  }

  static fromPage() {
    const data = document.getElementById('search-labels');
    try {
      return new Labels(data ? JSON.parse(data.textContent) : {});
    } catch {
      return new Labels();
    }
  }

  text(key, values = {}) {
    const label = this.labels[key];
    const text = typeof label === 'string' ? label : (label?.other ?? key);
    return fill(text, values);
  }

  count(key, n, values = {}) {
    const forms = this.labels[key];
    if (!forms || typeof forms !== 'object') return this.text(key, { count: n, ...values });
    const form = forms[this.rules.select(n)] ?? forms.other ?? Object.values(forms)[0];
    return fill(form, { count: n.toLocaleString(this.language), ...values });
  }
}

// Set when the page starts (the tests run `search` without a page: the labels' keys then).
let labels = new Labels();

function el(tag, className, ...children) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  e.append(...children);
  return e;
}

// Scripts written right to left, for a browser whose Intl.Locale has no text info.
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Mend', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa', 'Yezi']);
const directions = new Map();

/** The direction of a language's script, 'rtl' or 'ltr' (as digest's `direction` filter). */
export function direction(lang) {
  if (!directions.has(lang)) {
    let dir = 'ltr';
    try {
      const locale = new Intl.Locale(lang);
      const info = locale.textInfo ?? locale.getTextInfo?.();
      dir = info?.direction ?? (RTL_SCRIPTS.has(locale.maximize().script) ? 'rtl' : 'ltr');
    } catch {
      // Not a language tag: the text keeps the page's direction.
    }
    directions.set(lang, dir);
  }
  return directions.get(lang);
}

/** Gives `e` the language of its text and that language's direction. */
function setLanguage(e, lang) {
  if (!lang) return e;
  e.lang = lang;
  e.dir = direction(lang);
  return e;
}

function renderResult(result, words, { inStory }) {
  const link = setLanguage(el('a', 'search-result-link', result.title), result.titleLang);
  // The links come from the site's own index; anything but a path on this site is dropped.
  if (result.url.startsWith('/')) link.href = result.url;
  const kind = el('span', 'search-kind', labels.text(`search_kind_${result.kind}`));
  const meta = el('p', 'search-result-meta', kind);
  // An outlet's name may be in a script of the other direction: isolated, the separators stay put.
  for (const m of result.meta) meta.append(el('span', 'search-result-sep', ' · '), el('bdi', null, m));
  const li = el('li', 'search-result', el('h2', 'search-result-title', link), meta);
  li.dataset.kind = result.kind;
  if (result.snippet?.text) {
    const { lang, label, open = '', close = '' } = result.snippet;
    // The excerpt is laid out in its own language's direction (a `dir` isolates it too).
    const text = setLanguage(el('span', 'search-result-excerpt', marked(excerpt(result.snippet.text, words), words)), lang);
    const snippet = el('p', 'search-result-snippet');
    if (label) snippet.append(el('span', 'search-result-label', el('bdi', null, label), ': '));
    snippet.append(open, text, close);
    li.append(snippet);
  }
  // On a site of several stories, which one a result belongs to.
  if (inStory && result.kind !== 'story') {
    // "In the story {story}": the title, in a <cite>, where the label puts it.
    const [before, after = ''] = labels.text('search_in_story').split('{story}');
    li.append(el('p', 'search-result-context', before, el('cite', null, result.story.title), after));
  }
  return li;
}

class SearchPage {
  constructor(form) {
    this.form = form;
    this.input = form.querySelector('input[type="search"]');
    this.status = document.getElementById('search-status');
    this.list = document.getElementById('search-results');
    this.more = document.querySelector('.search-more');
    this.moreButton = this.more.querySelector('button');
    this.index = new SearchIndex(form.dataset.index);
    this.baseTitle = document.title;
    this.run = null;
    this.timer = 0;

    for (const e of document.querySelectorAll('[data-search-nojs]')) e.hidden = true;
    form.hidden = false;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(this.timer);
      this.search(this.input.value, { force: true });
    });
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(this.input.value), DEBOUNCE_MS);
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' && this.links().length) {
        e.preventDefault();
        this.links()[0].focus();
      }
    });
    this.list.addEventListener('keydown', (e) => this.onListKey(e));
    this.moreButton.addEventListener('click', () => this.showMore());

    const q = new URLSearchParams(location.search).get('q') ?? '';
    this.input.value = q;
    if (q.trim()) this.search(q, { force: true });
  }

  links() {
    return [...this.list.querySelectorAll('a.search-result-link')];
  }

  // Up and down move between the results' links, and up from the first back to the field.
  onListKey(e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') return;
    const links = this.links();
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'Escape' || (e.key === 'ArrowUp' && i === 0)) this.input.focus();
    else if (e.key === 'ArrowUp') links[i - 1].focus();
    else if (i + 1 < links.length) links[i + 1].focus();
    else if (!this.more.hidden) this.moreButton.focus();
  }

  say(text) {
    this.status.textContent = text;
  }

  remember(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
    document.title = query ? labels.text('search_page_title', { query, title: this.baseTitle }) : this.baseTitle;
  }

  async search(raw, { force = false } = {}) {
    const query = raw.trim().replace(/\s+/g, ' ');
    if (!force && this.run && this.run.query === query) return;
    this.remember(query);
    const words = queryWords(query);
    const run = { query, words, candidates: [], next: 0, found: [], shown: 0 };
    this.run = run;
    this.list.replaceChildren();
    this.more.hidden = true;
    if (!words.length) {
      this.say(query ? labels.text('search_no_letters', { query }) : '');
      return;
    }
    // Said only when the files take a while to come: a quick search announces its results alone.
    const slow = setTimeout(() => this.run === run && this.say(labels.text('search_searching')), 400);
    try {
      run.candidates = await this.index.candidates(words);
      if (this.run !== run) return;
      await this.fill(run);
    } catch (err) {
      if (this.run !== run) return;
      this.say(labels.text('search_failed'));
      console.error('search:', err);
    } finally {
      clearTimeout(slow);
    }
  }

  /** Searches more stories until a page of results beyond those shown is found, or none is left. */
  async fill(run) {
    while (run.found.length < run.shown + PAGE && run.next < run.candidates.length) {
      const batch = run.candidates.slice(run.next, run.next + BATCH);
      run.next += batch.length;
      const files = await Promise.all(batch.map((s) => this.index.story(s)));
      if (this.run !== run) return;
      // Results already shown keep their places; the others are ranked again with the new ones.
      const fresh = files.flatMap((f, i) => searchStory(f, batch[i], run.words));
      const waiting = run.found.splice(run.shown).concat(fresh).sort(compareResults);
      run.found.push(...waiting);
    }
    this.show(run);
  }

  show(run) {
    const start = run.shown;
    const page = run.found.slice(start, start + PAGE);
    this.list.append(...page.map((r) => renderResult(r, run.words, { inStory: this.index.storyCount > 1 })));
    run.shown += page.length;
    const more = run.shown < run.found.length || run.next < run.candidates.length;
    this.more.hidden = !more;
    const query = run.query;
    const left = run.candidates.length - run.next;
    const results = (n) => labels.count('search_count_results', n);
    if (!run.found.length) this.say(labels.text('search_none', { query }));
    else if (!more) this.say(labels.text('search_found', { results: results(run.found.length), query }));
    else if (!left) {
      const shown = run.shown.toLocaleString(labels.language);
      this.say(labels.count('search_found_part', run.found.length, { shown, query }));
    } else {
      const stories = labels.count('search_count_stories', left);
      this.say(labels.text('search_found_so_far', { results: results(run.shown), query, stories }));
    }
  }

  async showMore() {
    const run = this.run;
    if (!run) return;
    const before = this.links().length;
    this.moreButton.disabled = true;
    try {
      await this.fill(run);
    } finally {
      this.moreButton.disabled = false;
    }
    if (this.run === run) (this.links()[before] ?? (this.more.hidden ? this.input : this.moreButton)).focus();
  }
}

function start() {
  const form = document.querySelector('form.search-form[data-index]');
  if (!form) return;
  labels = Labels.fromPage();
  new SearchPage(form);
}

if (typeof document !== 'undefined') {
  start();
  // Under `digest serve`, a rebuilt page is swapped in without reloading: start on the new one.
  window.addEventListener('digest:swapped', start);
}

//! The data behind the search page, in three kinds of file, so that a search downloads a small
//! part of a large site rather than every article's text:
//!
//! - `search-index.json`, which the page loads first: each story's search file, newest first,
//!   and the table of the term chunks, by the prefix of the terms each holds;
//! - `search/t-<hash>.json`, the chunks: each term (a folded word) with the stories that use
//!   it and those that use it in a heading (a title, a speaker, a question), so that the page
//!   knows which stories to fetch, and which first;
//! - `stories/<slug>/search.json`, one per story: its title, summary and annotation, timeline
//!   events, quotes, disputes and the articles' paragraphs, with the links results go to. The
//!   page fetches it only when every word of a query is in the story, and finds the exact
//!   paragraph there.
//!
//! Words are folded the same way here and in the theme's `search.js` (`terms` there), and the
//! two are tested against the same cases (`tests/fixtures/search-terms.json`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::primitives::calendar;
use unicode_normalization::char::is_combining_mark;

use super::data::{StoryData, plain_text};
use super::{Scope, article_path, story_path, urls};
use crate::load::Story;
use crate::load::i18n::{Label, Translations};
use crate::verify::Cite;

/// The largest chunk of the term table, in bytes, unless a single term's entry is larger. A
/// query fetches the chunk of each of its words' prefixes: about 10 kB each once gzipped.
const CHUNK_BYTES: usize = 48 * 1024;

/// Calls `each` with every term of `text`: its words (runs of letters, digits and combining
/// marks) in lower case, decomposed for compatibility (`ﬁ` -> `fi`, `²` -> `2`), without their
/// combining marks (`é` -> `e`, `й` -> `и`, Arabic harakat, Hebrew niqqud), with final sigma as
/// sigma, split again where the decomposition made something that is not a letter or digit
/// (`½` -> `1`, `2`). Arabic letters are folded further (`fold_char`); an Arabic or Hebrew
/// word is followed by each stem left when its attached prefixes are taken off
/// (`ARABIC_PREFIXES`, `HEBREW_PREFIXES`); a word in a script written without spaces
/// (Chinese, Japanese, Thai …) is split into the words a dictionary finds in it, followed by
/// each pair of neighbouring letters of those scripts and the last letter of each run.
pub fn for_each_term(text: &str, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut scratch = Scratch::default();
    let mut i = 0;
    // Words are found byte by byte while they are ASCII (nearly every word of an English
    // site, which no decomposition changes), char by char where they are not.
    while i < bytes.len() {
        let start = i;
        let mut ascii = true;
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                if !bytes[i].is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                if !is_word_char(c) {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        if i == start {
            // Not a word character: skip it.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let word = &text[start..i];
        if ascii && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            each(word);
            continue;
        }
        if ascii {
            scratch.folded.clear();
            scratch.folded.push_str(word);
            scratch.folded.make_ascii_lowercase();
            each(&scratch.folded);
            continue;
        }
        word_terms(word, &mut scratch, &mut each);
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

/// Buffers reused from word to word.
#[derive(Default)]
struct Scratch {
    folded: String,
    pair: String,
}

/// The terms of a word that is not all ASCII.
fn word_terms(word: &str, scratch: &mut Scratch, each: &mut impl FnMut(&str)) {
    if !word.chars().any(is_unspaced) {
        fold(word, &mut scratch.folded);
        split_terms(&scratch.folded, each);
        return;
    }
    // The dictionaries are those of ICU, which browsers' `Intl.Segmenter` uses too; but a
    // word typed alone is not always split as it is in a sentence (and browsers' data may be
    // older or newer), so the pairs of letters, which every split gives alike, are what a query
    // must match; the dictionary's words rank and mark whole words.
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut start = 0;
    for end in segmenter.segment_str(word).skip(1) {
        fold(&word[start..end], &mut scratch.folded);
        split_terms(&scratch.folded, each);
        start = end;
    }
    fold(word, &mut scratch.folded);
    let mut chars = scratch.folded.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_unspaced(c) {
            continue;
        }
        scratch.pair.clear();
        scratch.pair.push(c);
        if let Some(&next) = chars.peek().filter(|n| is_unspaced(**n)) {
            scratch.pair.push(next);
        }
        each(&scratch.pair);
    }
}

/// `word` lower-cased, decomposed, without combining marks, each char folded by [`fold_char`].
fn fold(word: &str, out: &mut String) {
    out.clear();
    // The whole word is lower-cased before it is decomposed, as in JavaScript: a final sigma
    // depends on what follows it, and `İ` lower-cases to `i` and a combining dot.
    for c in word.to_lowercase().nfkd() {
        if !is_combining_mark(c) {
            out.extend(fold_char(c));
        }
    }
}

/// The terms of a folded word (split where it is not a letter or digit), each followed by its
/// stems without prefixes.
fn split_terms(folded: &str, each: &mut impl FnMut(&str)) {
    for term in folded.split(|c: char| !(c.is_alphabetic() || c.is_numeric())) {
        if !term.is_empty() {
            each(term);
            for_each_stem(term, each);
        }
    }
}

/// Letters written more than one way that a reader types one way: final sigma; Arabic's
/// tatweel (a stretch, not a letter), alef wasla, alef maksura and Persian yeh as yeh, teh
/// marbuta as heh, Persian keheh as kaf; Arabic-Indic digits as ASCII digits, so `٦` is found
/// by `6`. (The hamza forms `أ إ آ ؤ ئ` are a letter and a combining hamza or madda after the
/// decomposition, and lose the mark like any other.)
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'ς' => 'σ',
        '\u{640}' => return None,
        '\u{671}' => '\u{627}',
        '\u{649}' | '\u{6cc}' => '\u{64a}',
        '\u{629}' => '\u{647}',
        '\u{6a9}' => '\u{643}',
        _ => calendar::ascii_digit(c).unwrap_or(c),
    })
}

/// Arabic's attached prefixes, alone and as they combine: a conjunction (و "and", ف "so"),
/// then a preposition (ب "in", ك "as", ل "for") and the article ال, which after ل is written
/// لل. A stem must keep three letters (most Arabic roots have three).
const ARABIC_PREFIXES: [&str; 23] = [
    "ب", "ك", "ل", "و", "ف", "ال", "لل", "وب", "وك", "ول", "فب", "فك", "فل", "بال", "كال", "وال",
    "ولل", "فال", "فلل", "وبال", "وكال", "فبال", "فكال",
];

/// Hebrew's one-letter prefixes, alone and as they combine: ו "and", then ש "that" (or כש
/// "when"), then a preposition (ב, ל, כ, מ), then the article ה (which is not written after
/// ב, ל or כ). A stem must keep two letters.
const HEBREW_PREFIXES: [&str; 31] = [
    "ה", "ב", "ל", "כ", "מ", "ש", "ו", "מה", "שה", "שב", "של", "שכ", "שמ", "וה", "וב", "ול", "וכ",
    "ומ", "וש", "כש", "שמה", "ומה", "ושה", "ושב", "ושל", "ושכ", "ושמ", "וכש", "כשה", "ושמה",
    "וכשה",
];

/// Calls `each` with what is left of an Arabic or Hebrew `term` without each of the prefixes it
/// starts with, shortest prefix first, where enough is left to be a word.
fn for_each_stem(term: &str, each: &mut impl FnMut(&str)) {
    let Some(first) = term.chars().next() else {
        return;
    };
    let (prefixes, shortest): (&[&str], usize) = match first {
        '\u{620}'..='\u{6ff}' if term.chars().all(is_arabic_letter) => (&ARABIC_PREFIXES, 3),
        '\u{5d0}'..='\u{5ea}' if term.chars().all(is_hebrew_letter) => (&HEBREW_PREFIXES, 2),
        _ => return,
    };
    let letters = term.chars().count();
    for prefix in prefixes {
        if let Some(stem) = term.strip_prefix(prefix)
            && letters - prefix.chars().count() >= shortest
        {
            each(stem);
        }
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{620}'..='\u{64a}' | '\u{66e}'..='\u{6d3}' | '\u{6fa}'..='\u{6ff}')
}

fn is_hebrew_letter(c: char) -> bool {
    matches!(c, '\u{5d0}'..='\u{5ea}')
}

/// Whether `c` is a letter of a script written without spaces between words: Han (and its
/// iteration marks), Hiragana, Katakana (and half-width Katakana), Thai, Lao, Myanmar, Khmer.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{e00}'..='\u{eff}'
        | '\u{1000}'..='\u{109f}'
        | '\u{1780}'..='\u{17ff}'
        | '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'
        | '\u{20000}'..='\u{3ffff}')
}

/// Maps keyed by term. Every word of a story is looked up once: with the default hash
/// (SipHash), or xxh3 through `Hasher`, the lookups cost more than finding the words. This is
/// the multiply-rotate hash of rustc's FxHash, a few instructions per 8 bytes; the keys are
/// the site's own words, not an attacker's.
type TermMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The terms of `text`, in order, repeated as they occur.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |t| out.push(t.to_string()));
    out
}

// ---------------------------------------------------------------------------------------------
// A story's search file. Short keys: the page reads them, nobody else does.

#[derive(Serialize)]
struct StoryFile<'a> {
    /// Title, link, date as shown, summary.
    t: &'a str,
    u: String,
    d: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    s: &'a str,
    /// The annotation as plain text.
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
    a: Vec<ArticleEntry<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    q: Vec<SearchQuote<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    k: Vec<SearchDispute<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    e: Vec<EventEntry<'a>>,
}

#[derive(Serialize)]
struct ArticleEntry<'a> {
    t: &'a str,
    u: String,
    /// Outlet, language of the text (when known), date as shown (when known).
    o: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<String>,
    /// The language of `t` when it is not `l`'s: an editor's title in the site's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    tl: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    /// Each paragraph's anchor and text.
    p: Vec<(String, &'a str)>,
}

#[derive(Serialize)]
struct SearchQuote<'a> {
    u: String,
    /// Speaker and context.
    t: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<&'a str>,
    v: Vec<SearchVariant<'a>>,
}

/// A quote variant is words of one of the story's articles: it is given as where they are
/// (article, paragraph, start and end in UTF-16 code units, as JavaScript slices strings)
/// rather than a second copy of them.
#[derive(Serialize)]
#[serde(untagged)]
enum SearchVariant<'a> {
    Passage(usize, usize, usize, usize),
    /// A variant whose words the verifier did not place (kept as the editor wrote them).
    Text(usize, &'a str),
}

#[derive(Serialize)]
struct SearchDispute<'a> {
    u: String,
    /// Question, what each claim says, verdict, and 1 when resolved.
    t: &'a str,
    c: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    v: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    r: bool,
}

#[derive(Serialize)]
struct EventEntry<'a> {
    u: String,
    t: &'a str,
    d: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The labels the search page's script shows, for `<script type="application/json">`: the
/// site's language (for its plural rules) and every `search_` label, the dispute badges and
/// the quotation marks.
/// `<` is written `\u003c`, so no label can close the script element.
pub(crate) fn labels_json(t: &Translations) -> String {
    let labels: std::collections::BTreeMap<&str, &Label> = t
        .labels()
        .iter()
        .filter(|(k, _)| {
            k.starts_with("search_")
                || ["badge_open", "badge_resolved", "quote_open", "quote_close"]
                    .contains(&k.as_str())
        })
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let json = serde_json::json!({ "language": t.language, "labels": labels });
    json.to_string().replace('<', "\\u003c")
}

/// A story's search file (`stories/<slug>/search.json`), and its entry for the index: the
/// story's order on the site, its file, and its terms (see [`SearchIndexWriter::add`]).
pub(crate) fn story_search(r: &Scope, s: &StoryData) -> (String, String) {
    let story = s.story;
    let story_url = r.url(&story_path(story));
    let file = StoryFile {
        t: &story.title,
        u: story_url.clone(),
        d: r.t.date(&story.date),
        s: &story.summary,
        x: plain_text(&s.ctx.annotation_html),
        a: article_entries(r, s),
        q: quote_entries(s, &story_url),
        k: dispute_entries(s, &story_url),
        e: event_entries(s, &story_url),
    };
    let entry = index_entry(story, story_terms(&file, s));
    // Serialising these structs cannot fail: every key is a string.
    let json = serde_json::to_string(&file).unwrap_or_default() + "\n";
    (json, entry)
}

fn article_entries<'a>(r: &Scope, s: &StoryData<'a>) -> Vec<ArticleEntry<'a>> {
    let story = s.story;
    story
        .articles
        .iter()
        .enumerate()
        .map(|(i, article)| ArticleEntry {
            t: &article.title,
            u: r.url(&article_path(story, article)),
            o: r.outlet_label(s.verified, i).name,
            l: Some(r.article_language(story, s.verified, i)).filter(|l| !l.is_empty()),
            tl: Some(r.title_language(story, s.verified, i))
                .filter(|tl| *tl != r.article_language(story, s.verified, i)),
            d: article.published.as_ref().map(|w| r.t.date(w)),
            p: article
                .paragraphs
                .iter()
                .map(|p| (urls::paragraph_anchor(p.number), p.text.as_str()))
                .collect(),
        })
        .collect()
}

fn quote_entries<'a>(s: &StoryData<'a>, story_url: &str) -> Vec<SearchQuote<'a>> {
    s.verified
        .quotes
        .iter()
        .map(|q| SearchQuote {
            u: format!("{story_url}#{}", urls::quote_anchor(&q.id)),
            t: &q.speaker,
            c: q.context.as_deref(),
            v: q.variants
                .iter()
                .map(|(text, cite)| variant(s.story, text, cite))
                .collect(),
        })
        .collect()
}

/// Where a quote variant's words are in its article, or the words themselves when the
/// verifier did not place them.
fn variant<'a>(story: &Story, text: &'a str, cite: &Cite) -> SearchVariant<'a> {
    let placed = cite.passage.as_ref().and_then(|p| {
        // Words of a headline are found in the variant's own text.
        let paragraph = p.paragraph()?;
        let text = p.text_in(&story.articles[cite.article])?;
        let start = utf16_len(text.get(..p.range.start)?);
        let len = utf16_len(text.get(p.range.clone())?);
        Some(SearchVariant::Passage(
            cite.article,
            paragraph,
            start,
            start + len,
        ))
    });
    placed.unwrap_or(SearchVariant::Text(cite.article, text))
}

fn dispute_entries<'a>(s: &StoryData<'a>, story_url: &str) -> Vec<SearchDispute<'a>> {
    s.verified
        .disputes
        .iter()
        .map(|d| SearchDispute {
            u: format!("{story_url}#{}", urls::dispute_anchor(&d.id)),
            t: &d.question,
            c: d.claims.iter().map(|c| c.says.as_str()).collect(),
            v: d.verdict.as_deref(),
            r: d.resolved,
        })
        .collect()
}

fn event_entries<'a>(s: &StoryData<'a>, story_url: &str) -> Vec<EventEntry<'a>> {
    s.verified
        .timeline
        .iter()
        .zip(&s.ctx.timeline)
        .map(|(event, ctx)| EventEntry {
            u: format!("{story_url}#{}", ctx.id),
            t: &event.title,
            d: ctx.when.display.clone(),
            x: plain_text(&ctx.text_html),
        })
        .collect()
}

/// The terms of the story, and whether each is in a heading (these stories are fetched first).
fn story_terms(file: &StoryFile, s: &StoryData) -> TermMap<bool> {
    let mut heading: TermMap<bool> = TermMap::default();
    let mut add = |text: &str, in_heading: bool| {
        for_each_term(text, |t| match heading.get_mut(t) {
            Some(h) => *h |= in_heading,
            None => {
                heading.insert(t.to_string(), in_heading);
            }
        })
    };
    add(file.t, true);
    add(file.s, false);
    add(&file.x, false);
    for (a, article) in file.a.iter().zip(&s.story.articles) {
        add(a.t, true);
        add(&a.o, true);
        for p in &article.paragraphs {
            add(&p.text, false);
        }
    }
    for (q, quote) in file.q.iter().zip(&s.verified.quotes) {
        add(q.t, true);
        add(q.c.unwrap_or_default(), true);
        // Placed variants are words of the articles, already added.
        for (text, cite) in &quote.variants {
            if cite.passage.is_none() {
                add(text, false);
            }
        }
    }
    for d in &file.k {
        add(d.t, true);
        for c in &d.c {
            add(c, false);
        }
        add(d.v.unwrap_or_default(), false);
    }
    for e in &file.e {
        add(e.t, true);
        add(&e.x, false);
    }
    heading
}

/// The story's entry for [`SearchIndexWriter::add`]: its slug, date key and search file on
/// the first line, then one line per term, marked as in a heading or not.
fn index_entry(story: &Story, terms: TermMap<bool>) -> String {
    let (seconds, rank) = story.date.sort_key();
    let path = urls::search_story(&story.slug);
    let mut entry = serde_json::to_string(&(&story.slug, seconds, rank, &path)).unwrap_or_default();
    // In the map's order, which the same text always gives (the hash has no random seed); the
    // index sorts the terms it writes.
    for (term, in_heading) in terms {
        entry.push('\n');
        entry.push(if in_heading { HEADING } else { BODY });
        entry.push_str(&term);
    }
    entry
}

/// How a story's entry marks each of its terms (neither is a letter or digit).
const HEADING: char = '^';
const BODY: char = '.';

// ---------------------------------------------------------------------------------------------
// The index

/// Builds `search-index.json` and its term chunks from the stories' entries, one story at a
/// time: an entry is a few kilobytes of terms, while the stories' text stays in their own files.
#[derive(Default)]
pub struct SearchIndexWriter {
    /// Slug, date key and search file of each story, in the order they were added.
    stories: Vec<(String, (i64, u8), String)>,
    /// Each term: the stories (in the order added) that use it, and those that use it in a
    /// heading.
    terms: TermMap<(Vec<u32>, Vec<u32>)>,
}

impl SearchIndexWriter {
    /// An index of no story yet.
    pub fn new() -> SearchIndexWriter {
        SearchIndexWriter::default()
    }

    /// Adds one story's entry ([`StoryListing::search_documents`](super::StoryListing)).
    pub fn add(&mut self, entry: &str) -> std::io::Result<()> {
        let mut lines = entry.lines();
        let Some(header) = lines.next().filter(|h| !h.is_empty()) else {
            return Ok(());
        };
        let (slug, seconds, rank, path): (String, i64, u8, String) =
            serde_json::from_str(header)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let index = u32::try_from(self.stories.len()).unwrap_or(u32::MAX);
        self.stories.push((slug, (seconds, rank), path));
        for line in lines {
            let mut chars = line.chars();
            let in_heading = match chars.next() {
                Some(HEADING) => true,
                Some(BODY) => false,
                _ => continue,
            };
            let term = chars.as_str();
            let postings = match self.terms.get_mut(term) {
                Some(p) => p,
                None => self.terms.entry(term.to_string()).or_default(),
            };
            postings.0.push(index);
            if in_heading {
                postings.1.push(index);
            }
        }
        Ok(())
    }

    /// Adds the stories of `later`, as if each had been added here after those already in.
    /// Several threads can then read the entries of a large site, each into its own index.
    pub fn append(&mut self, later: SearchIndexWriter) {
        let offset = u32::try_from(self.stories.len()).unwrap_or(u32::MAX);
        self.stories.extend(later.stories);
        for (term, (all, heads)) in later.terms {
            let postings = self.terms.entry(term).or_default();
            postings.0.extend(all.into_iter().map(|i| i + offset));
            postings.1.extend(heads.into_iter().map(|i| i + offset));
        }
    }

    /// The index and its chunks: (output path, contents).
    pub fn finish(self) -> Vec<(String, Vec<u8>)> {
        // Newest first, as on the home page: the page fetches stories in this order.
        let mut order: Vec<usize> = (0..self.stories.len()).collect();
        order.sort_by(|&a, &b| {
            let (sa, ka, _) = &self.stories[a];
            let (sb, kb, _) = &self.stories[b];
            kb.cmp(ka).then_with(|| sa.cmp(sb))
        });
        let mut position = vec![0u32; order.len()];
        for (pos, &i) in order.iter().enumerate() {
            position[i] = u32::try_from(pos).unwrap_or(u32::MAX);
        }
        let mut entries: Vec<(String, String)> = self
            .terms
            .into_iter()
            .map(|(term, (all, heads))| {
                let all = encode_set(&all, &position);
                let value = if heads.is_empty() {
                    format!("[{all}]")
                } else {
                    format!("[{all},{}]", encode_set(&heads, &position))
                };
                let key = serde_json::to_string(&term).unwrap_or_default();
                let entry = format!("{key}:{value}");
                (term, entry)
            })
            .collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));

        let mut chunks = Vec::new();
        split_chunks(&entries, &mut chunks);
        chunks.sort_by(|a, b| a.0.cmp(&b.0));
        let mut files = Vec::new();
        let mut table = Vec::new();
        for (prefix, members) in chunks {
            let mut json = String::from("{");
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(&entries[*m].1);
            }
            json.push_str("}\n");
            let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(json.as_bytes()));
            let path = urls::search_terms(&hash);
            table.push((prefix, path.clone()));
            files.push((path, json.into_bytes()));
        }
        let stories: Vec<&str> = order.iter().map(|&i| self.stories[i].2.as_str()).collect();
        let index = serde_json::json!({ "v": 1, "s": stories, "t": table });
        files.push((
            urls::SEARCH_INDEX.to_string(),
            format!("{index}\n").into_bytes(),
        ));
        files
    }
}

/// A set of stories (positions on the site), as the smaller of a list of differences from the
/// previous one (`[3,1,4]` is 3, 4, 8) and a base64 bitset (bit `i % 8` of byte `i / 8` is
/// story `i`): a word of nearly every story costs a bit per story, a rare one a number.
fn encode_set(stories: &[u32], position: &[u32]) -> String {
    let mut set: Vec<u32> = stories.iter().map(|&i| position[i as usize]).collect();
    set.sort_unstable();
    let mut list = String::from("[");
    let mut previous = 0;
    for (i, &s) in set.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        list.push_str(&(s - previous).to_string());
        previous = s;
    }
    list.push(']');
    let Some(&last) = set.last() else {
        return list;
    };
    let mut bits = vec![0u8; last as usize / 8 + 1];
    for &s in &set {
        bits[s as usize / 8] |= 1 << (s % 8);
    }
    let bitset = format!("\"{}\"", base64(&bits));
    if bitset.len() < list.len() {
        bitset
    } else {
        list
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Splits `entries` (sorted terms) into chunks of at most [`CHUNK_BYTES`], each named by a
/// prefix: a chunk holds the terms that start with its prefix and with no longer prefix of
/// another chunk. So the terms that start with a query word are in the chunk of the longest
/// prefix of the word, and in the chunks whose prefixes start with the word.
fn split_chunks(entries: &[(String, String)], out: &mut Vec<(String, Vec<usize>)>) {
    split_range(entries, 0..entries.len(), "", out);
}

fn split_range(
    entries: &[(String, String)],
    range: std::ops::Range<usize>,
    prefix: &str,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    let size = |r: &std::ops::Range<usize>| entries[r.clone()].iter().map(|e| e.1.len() + 1).sum();
    if size(&range) <= CHUNK_BYTES {
        out.push((prefix.to_string(), range.collect()));
        return;
    }
    // The terms are sorted by bytes, which is the order of their characters: those that go on
    // with the same character are next to each other. The prefix itself, as a term, comes first.
    let mut rest: Vec<usize> = Vec::new();
    let mut small: Vec<(String, std::ops::Range<usize>, usize)> = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let term = &entries[i].0;
        let Some(next) = term[prefix.len()..].chars().next() else {
            rest.push(i);
            i += 1;
            continue;
        };
        let longer = format!("{prefix}{next}");
        let mut j = i + 1;
        while j < range.end && entries[j].0.starts_with(&longer) {
            j += 1;
        }
        let group = i..j;
        let group_size = size(&group);
        if group_size > CHUNK_BYTES {
            split_range(entries, group, &longer, out);
        } else {
            small.push((longer, group, group_size));
        }
        i = j;
    }
    // What is left stays under this prefix, but for the largest groups while it is too large.
    small.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let mut left: usize = rest.iter().map(|&i| entries[i].1.len() + 1).sum::<usize>()
        + small.iter().map(|g| g.2).sum::<usize>();
    for (longer, group, group_size) in small {
        if left > CHUNK_BYTES {
            left -= group_size;
            out.push((longer, group.collect()));
        } else {
            rest.extend(group);
        }
    }
    if !rest.is_empty() {
        rest.sort_unstable();
        out.push((prefix.to_string(), rest));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases `search.js` is tested against too (tests/browser/search.test.mjs).
    #[test]
    fn terms_match_the_shared_cases() {
        let cases: Vec<(String, Vec<String>)> =
            serde_json::from_str(include_str!("../../tests/fixtures/search-terms.json")).unwrap();
        assert!(cases.len() > 10);
        for (text, expected) in cases {
            assert_eq!(terms(&text), expected, "{text:?}");
        }
    }

    /// The rule, written plainly: split into words, and every word the way a word that is
    /// not all ASCII is.
    fn terms_plainly(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for w in text
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
        {
            word_terms(w, &mut scratch, &mut |t: &str| out.push(t.to_string()));
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config())]
        #[test]
        fn the_ascii_fast_path_gives_the_plain_rule(
            s in "([ -~\t\n\u{a0}\u{2019}É\u{301}ﬁ½²ΣςİЙё中ـوال]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(terms(&s), terms_plainly(&s));
        }
    }

    /// Whether a query word's forms (the word and its stems) share a term with a text's.
    fn found(query: &str, text: &str) -> bool {
        let text = terms(text);
        terms(query).iter().any(|q| text.contains(q))
    }

    #[test]
    fn arabic_words_are_found_with_and_without_prefixes_and_harakat() {
        for text in [
            "زلزال",
            "الزلزال",
            "بالزلزال",
            "والزلزال",
            "وبالزلزال",
            "زِلْزَالٌ",
            "الزلـزال",
        ] {
            for query in ["زلزال", "الزلزال", "بالزلزال", "زِلزال"] {
                assert!(found(query, text), "{query} in {text}");
            }
        }
        // ل before the article is written لل; hamza forms are alef; ى is ي, ة is ه.
        assert!(found("البحث", "للبحث"));
        assert!(found("اكد", "أكّد"));
        assert!(found("الى", "إلي"));
        assert!(found("مدينه", "المدينة"));
        assert_eq!(terms("٦٫٢"), ["6", "2"]);
        // A stem keeps three letters: ولد (a boy) is not و and لد.
        assert_eq!(terms("ولد"), ["ولد"]);
    }

    #[test]
    fn hebrew_words_are_found_with_and_without_prefixes_and_niqqud() {
        for text in ["חיפה", "בחיפה", "ובחיפה", "וּבְחֵיפָה", "שבחיפה"]
        {
            for query in ["חיפה", "ובחיפה", "לחיפה", "חֵיפָה"] {
                assert!(found(query, text), "{query} in {text}");
            }
        }
        assert_eq!(terms("של"), ["של"]);
        assert_eq!(terms("הים"), ["הים", "ים"]);
    }

    #[test]
    fn every_short_word_of_a_chinese_article_is_found_by_its_pairs_of_letters() {
        let article = include_str!(
            "../../tests/fixtures/multilingual/content/stories/cyprus-earthquake/articles/dongfang.md"
        );
        let body = article.split("---").nth(2).unwrap();
        for paragraph in body.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let indexed = terms(paragraph);
            let han: Vec<char> = paragraph.chars().collect();
            // Every two to four letters of the paragraph, as a reader might type them.
            for n in 2..=4 {
                for window in han.windows(n).filter(|w| w.iter().all(|c| is_unspaced(*c))) {
                    let query: String = window.iter().collect();
                    for pair in window.windows(2) {
                        let pair: String = pair.iter().collect();
                        assert!(indexed.contains(&pair), "{pair} of {query}");
                    }
                }
            }
        }
        // The dictionary's words are terms too.
        assert!(terms("地中海东部").contains(&"地中海".to_string()));
    }

    #[test]
    fn sets_are_lists_or_bitsets_whichever_is_shorter() {
        let identity: Vec<u32> = (0..64).collect();
        assert_eq!(encode_set(&[3, 40, 41], &identity), "[3,37,1]");
        assert_eq!(encode_set(&[3, 4, 8], &identity), "\"GAE=\"");
        let all: Vec<u32> = (0..64).collect();
        assert_eq!(encode_set(&all, &identity), "\"//////////8=\"");
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn chunks_cover_every_term_once_and_are_found_by_prefix() {
        // Enough terms that the table must be split, with long runs under one prefix.
        let mut entries: Vec<(String, String)> = (0..6000)
            .map(|i| {
                let term = match i % 3 {
                    0 => format!("s{i}"),
                    1 => format!("st{i}"),
                    _ => format!("в{i}"),
                };
                let entry = format!("\"{term}\":[[{i}]]");
                (term, entry)
            })
            .collect();
        entries.push(("s".into(), "\"s\":[[0]]".into()));
        entries.sort();
        let mut chunks = Vec::new();
        split_chunks(&entries, &mut chunks);
        assert!(chunks.len() > 2, "{} chunks", chunks.len());
        let mut seen = vec![0; entries.len()];
        for (prefix, members) in &chunks {
            let bytes: usize = members.iter().map(|&m| entries[m].1.len() + 1).sum();
            assert!(bytes <= CHUNK_BYTES, "chunk {prefix:?} has {bytes} bytes");
            for &m in members {
                seen[m] += 1;
                // Each term is in the chunk of its longest prefix among the chunks'.
                let longest = chunks
                    .iter()
                    .map(|c| &c.0)
                    .filter(|p| entries[m].0.starts_with(p.as_str()))
                    .max_by_key(|p| p.len())
                    .unwrap();
                assert_eq!(longest, prefix, "{}", entries[m].0);
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
    }

    #[test]
    fn the_index_orders_stories_newest_first() {
        let mut w = SearchIndexWriter::new();
        w.add("[\"old\",100,3,\"stories/old/search.json\"]\n^valdai\n.putin")
            .unwrap();
        w.add("[\"new\",200,3,\"stories/new/search.json\"]\n.valdai")
            .unwrap();
        w.add("").unwrap();
        let files = w.finish();
        let (path, index) = files.last().unwrap();
        assert_eq!(path, urls::SEARCH_INDEX);
        let index: serde_json::Value = serde_json::from_slice(index).unwrap();
        assert_eq!(
            index["s"],
            serde_json::json!(["stories/new/search.json", "stories/old/search.json"])
        );
        assert_eq!(index["t"][0][0], "");
        let chunk: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
        assert_eq!(chunk["valdai"], serde_json::json!([[0, 1], [1]]));
        assert_eq!(chunk["putin"], serde_json::json!([[1]]));
        assert!(SearchIndexWriter::new().add("not json\n.x").is_err());
    }

    #[test]
    fn an_index_appended_in_parts_is_the_index_built_in_one() {
        let entries = [
            "[\"a\",300,3,\"stories/a/search.json\"]\n^valdai\n.putin\n.sochi",
            "[\"b\",100,3,\"stories/b/search.json\"]\n.valdai\n^trump",
            "",
            "[\"c\",200,1,\"stories/c/search.json\"]\n.putin\n^sochi\n.москва",
            "[\"d\",200,3,\"stories/d/search.json\"]\n^trump\n.valdai",
        ];
        let mut whole = SearchIndexWriter::new();
        for entry in entries {
            whole.add(entry).unwrap();
        }
        let whole = whole.finish();
        for split in 0..=entries.len() {
            let mut first = SearchIndexWriter::new();
            let mut second = SearchIndexWriter::new();
            for (i, entry) in entries.iter().enumerate() {
                let part = if i < split { &mut first } else { &mut second };
                part.add(entry).unwrap();
            }
            first.append(second);
            assert_eq!(first.finish(), whole, "split at {split}");
        }
    }
}

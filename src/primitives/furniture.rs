//! The page furniture digest recognises by itself, in every language it has phrase lists for:
//! social-media embeds, share and follow buttons, "read more" links, bylines, live-page time
//! stamps, photo credits, counters, the outlet's own name, prompts (apps, cookies,
//! newsletters, donations) and navigation (breadcrumbs, section names, topic tags).
//!
//! A line is judged by its shape first and its words second: a URL alone, a handle, a line made
//! only of times, dates and counts; then a line that is short, reads as no sentence and starts
//! with (or consists of) a known phrase ([`classify`]). Some lines are furniture only by where
//! they stand, which [`apply_context`] decides from their neighbours: an embedded post's text
//! above its attribution, a headline under a bare "Read more", names beside a time stamp,
//! short labels above the article's first sentence or below its last. The phrase lists are data
//! (`furniture/<language>.txt`), so a language is added without code. Removing a sentence of
//! the article is worse than keeping a share button, so every rule that rests on a phrase gives
//! way to a line that reads as reporting: long, ending like a sentence, or quoting someone.

use serde::Serialize;

use super::boilerplate::normalize_line;
use super::byline;
use phrases::{FurniturePhrases, fold, is_caseless_letter, phrases};

pub(crate) mod phrases;

/// Why a line is furniture: which built-in rule recognised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FurnitureKind {
    /// An embedded post and its frame: "pic.twitter.com/…", "— Name (@handle) 8 September
    /// 2017", "View this post on Instagram", "[Video] …", a URL or handles alone.
    Social,
    /// Share and follow buttons: "Share this article", "Facebook Twitter WhatsApp".
    Share,
    /// A link to another story: "Read more: …", "Читайте також: …".
    Related,
    /// "By Doug G. Ware and Danielle Haynes", "Автор: …", names alone beside a time stamp, a
    /// newsroom's signature ("Redaktion"); the names become the author.
    Byline,
    /// A live page's or a date line's time stamp: "Posted at 10:45", "Updated 3 hours ago".
    Stamp,
    /// A photo caption's credit: "Photo: Reuters", "(AP Photo/…)", "Getty Images".
    Caption,
    /// View, comment and share counters: "1,234 views", "Коментарі (12)".
    Counter,
    /// An outlet's name on a line by itself.
    Outlet,
    /// Subscribe, donate, newsletter, app, cookie and copyright prompts.
    Prompt,
    /// Breadcrumbs, section names and topic tags: "Головна › Новини › Львів", "Теги: …", a
    /// section's name alone above the headline or below the last sentence.
    Nav,
}

impl FurnitureKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [FurnitureKind; 10] = [
        FurnitureKind::Social,
        FurnitureKind::Share,
        FurnitureKind::Related,
        FurnitureKind::Byline,
        FurnitureKind::Stamp,
        FurnitureKind::Caption,
        FurnitureKind::Counter,
        FurnitureKind::Outlet,
        FurnitureKind::Prompt,
        FurnitureKind::Nav,
    ];

    /// The rule's name, as the article page and the docs show it (and as theme labels
    /// `furniture_<name>` translate it).
    pub fn name(self) -> &'static str {
        match self {
            FurnitureKind::Social => "social",
            FurnitureKind::Share => "share",
            FurnitureKind::Related => "related",
            FurnitureKind::Byline => "byline",
            FurnitureKind::Stamp => "stamp",
            FurnitureKind::Caption => "caption",
            FurnitureKind::Counter => "counter",
            FurnitureKind::Outlet => "outlet",
            FurnitureKind::Prompt => "prompt",
            FurnitureKind::Nav => "nav",
        }
    }
}

/// What the recogniser knows about the site beyond its phrase lists.
#[derive(Debug, Clone, Default)]
pub struct FurnitureContext {
    /// The outlets' names and ids (from sources.yaml), normalised: a line that is only one of
    /// them is the page's masthead or footer.
    pub outlet_names: Vec<String>,
}

impl FurnitureContext {
    /// A context knowing these outlet names (as written; they are normalised here).
    pub fn new<'a>(outlet_names: impl IntoIterator<Item = &'a str>) -> FurnitureContext {
        let mut names: Vec<String> = outlet_names
            .into_iter()
            .map(fold)
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        FurnitureContext {
            outlet_names: names,
        }
    }
}

/// Quotation marks of the languages digest knows. A line that quotes someone is reporting.
fn is_quote_mark(c: char) -> bool {
    // A match rather than a list: every char of every line is tried, and a list of chars is
    // searched one by one (a tenth of reading a large site's articles).
    matches!(
        c,
        '"' | '\u{201c}'
            ..='\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{300c}' | '\u{300d}' | '\u{2039}' | '\u{203a}'
    )
}

/// Characters that end a sentence, in the scripts digest knows.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '\u{2026}', '\u{61f}', '\u{6d4}', '\u{3002}'];

/// Separators that follow a lead phrase ("Read more: …", "Фото — …").
const LEAD_SEPARATORS: &[char] = &[
    ':', '|', '-', '\u{2013}', '\u{2014}', '\u{203a}', '\u{bb}', '>', '\u{2192}', '/', '\u{b7}',
    '\u{2022}', '\u{25b8}', '\u{25ba}', '\u{25b6}',
];

/// No rule but the social-embed one removes a longer line: captions, prompts and cookie
/// notices are the longest furniture, and none runs to this many words.
const MAX_FURNITURE_WORDS: usize = 40;

/// Words in a line, as the recogniser counts them (whitespace-separated).
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether a line quotes someone. A quotation mark alone is not enough: "Watch: "Title"" is a
/// link, so the marks must hold at least three words between them.
fn quotes_someone(line: &str) -> bool {
    // The text after each opening mark, up to its closing one (or to the end of the line when
    // it has none), holds the words.
    let mut open: Option<usize> = None;
    for (start, end) in quote_marks(line) {
        match open.take() {
            None => open = Some(end),
            Some(after) if has_words(&line[after..start], 3) => return true,
            Some(_) => {}
        }
    }
    open.is_some_and(|after| has_words(&line[after..], 3))
}

/// Where each quotation mark of `line` starts and ends. Every mark begins with one of four
/// bytes, and most lines of an article hold none: those are answered without decoding a char
/// (deciding char by char was a seventieth of a build). 0xC2, 0xE2 and 0xE3 only ever start
/// a UTF-8 char, so each is a char boundary.
fn quote_marks(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    line.bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b'"' | 0xC2 | 0xE2 | 0xE3))
        .filter_map(|(i, _)| {
            let c = line[i..].chars().next()?;
            is_quote_mark(c).then_some((i, i + c.len_utf8()))
        })
}

/// Whether a line reads as a sentence of reporting: it ends like one and has the words of one.
fn reads_as_sentence(line: &str, min_words: usize) -> bool {
    let end = line.trim_end_matches(|c: char| is_quote_mark(c) || c == ')');
    end.ends_with(SENTENCE_ENDS) && !end.ends_with("...") && has_words(line, min_words)
}

/// Whether `s` has at least `n` words: counted only as far as `n`, since the lines asked about
/// are mostly an article's long ones.
fn has_words(s: &str, n: usize) -> bool {
    n == 0 || s.split_whitespace().nth(n - 1).is_some()
}

/// The rest of `norm` after `phrase`, when `norm` starts with `phrase` as whole words.
fn after_phrase<'a>(norm: &'a str, phrase: &str) -> Option<&'a str> {
    let rest = norm.strip_prefix(phrase)?;
    let next = rest.chars().next();
    let phrase_ends_word = phrase.ends_with(|c: char| !c.is_alphanumeric());
    match next {
        None => Some(rest),
        Some(c) if phrase_ends_word || !c.is_alphanumeric() => Some(rest),
        _ => None,
    }
}

/// The longest of `phrases` that `norm` starts with, and what follows it.
fn lead<'a>(norm: &'a str, phrases: &[String]) -> Option<&'a str> {
    starting_alike(norm, phrases).find_map(|p| after_phrase(norm, p))
}

/// The phrases that start with the same byte as `norm`: every line is tried against every
/// phrase of a list, and comparing the first byte first spares most of them the whole
/// comparison.
fn starting_alike<'p>(norm: &str, phrases: &'p [String]) -> impl Iterator<Item = &'p String> {
    let first = norm.as_bytes().first().copied();
    phrases
        .iter()
        .filter(move |p| first.is_some() && p.as_bytes().first().copied() == first)
}

/// As [`lead`], with whether the phrase itself ends in a full stop ("fot.", "godz."), which
/// separates it from what follows as a colon would.
fn lead_with_stop<'a>(norm: &'a str, phrases: &[String]) -> Option<(&'a str, bool)> {
    starting_alike(norm, phrases)
        .find_map(|p| after_phrase(norm, p).map(|rest| (rest, p.ends_with('.'))))
}

/// What follows a lead phrase, without the separator: `Some(text, had_separator)`.
fn strip_separator(rest: &str) -> (&str, bool) {
    let trimmed = rest.trim_start();
    match trimmed.strip_prefix(LEAD_SEPARATORS) {
        Some(after) => (after.trim_start(), true),
        None => (trimmed, false),
    }
}

/// Whether a token is a URL (with or without its scheme).
fn is_url(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | ','));
    let lower = t.to_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || [
            "t.co/",
            "pic.twitter.com/",
            "bit.ly/",
            "youtu.be/",
            "instagram.com/",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// Whether a token is a social-media handle (`@name`) or a hashtag (`#name`).
fn is_handle_or_tag(token: &str) -> bool {
    let t = token.trim_end_matches([',', '.', ':', ';', ')']);
    let t = t.trim_start_matches('(');
    let mut chars = t.chars();
    matches!(chars.next(), Some('@' | '#'))
        && t.chars().count() > 1
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `(@handle)` anywhere: the signature of an embedded post's attribution line.
fn has_attribution_handle(line: &str) -> bool {
    line.split_whitespace().any(|t| {
        let t = t.trim_end_matches([',', '.', ':']);
        t.starts_with("(@") && t.ends_with(')') && is_handle_or_tag(&t[1..t.len() - 1])
    })
}

/// Social embeds: the strongest signals, which hold even for a line that quotes (an embedded
/// tweet is quoted speech, but not the article's).
fn social(line: &str, norm: &str, p: &FurniturePhrases) -> bool {
    if norm.contains("pic.twitter.com/") {
        return true;
    }
    if line
        .split_whitespace()
        .all(|t| is_url(t) || is_handle_or_tag(t))
    {
        return true;
    }
    // "— Name (@handle) 8 września 2017": a dash, a handle in brackets, a date.
    if line.contains("(@") && has_attribution_handle(line) && word_count(line) <= 16 {
        return true;
    }
    if line.starts_with(['\u{2014}', '\u{2013}', '\u{2015}'])
        && line.split_whitespace().any(is_handle_or_tag)
        && word_count(line) <= 16
    {
        return true;
    }
    if let Some(rest) = lead(norm, &p.social) {
        return word_count(rest) <= 16 && !reads_as_sentence(line, 8);
    }
    // "[Video] …", "[Фото] …": a media label in square brackets at the start.
    if let Some(inner) = norm.strip_prefix('[').and_then(|r| r.split_once(']')) {
        return p.media.contains(inner.0.trim());
    }
    false
}

/// A token of a time-stamp or counter line, by what it can be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StampToken {
    /// A plain number ("106", "1,234").
    Number,
    /// A time, a date or a number with a unit ("10:45", "08.09.2017", "3h").
    TimeOrDate,
    /// A month, weekday, zone or stamp word ("Updated", "ago", "GMT").
    Word,
    /// A counter word ("views", "коментарів").
    Counter,
    /// Punctuation or a symbol (an eye or speech-bubble icon).
    Symbol,
}

fn stamp_token(token: &str, p: &FurniturePhrases) -> Option<StampToken> {
    // "p.m.", "a.m.", "godz.": stamp words with their own full stops.
    if p.stamp.contains(token) {
        return Some(StampToken::Word);
    }
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '('
                | ')'
                | '['
                | ']'
                | '|'
                | '\u{b7}'
                | '\u{2022}'
                | '/'
                | '\u{60c}'
                | '\u{61b}'
        )
    });
    if t.is_empty() || !t.chars().any(char::is_alphanumeric) {
        return Some(StampToken::Symbol);
    }
    let digits = t.chars().filter(|c| c.is_numeric()).count();
    if digits > 0 {
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.is_empty() {
            return Some(
                if t.chars().all(|c| c.is_numeric() || c == ',' || c == '.') {
                    StampToken::Number
                } else {
                    StampToken::TimeOrDate
                },
            );
        }
        // "3h", "10am", "12к", "1.2k", "8th": a number with a short unit.
        let word: String = letters.iter().collect();
        if letters.len() <= 3 && t.starts_with(|c: char| c.is_numeric()) {
            return Some(if p.counter.contains(&word) {
                StampToken::Counter
            } else {
                StampToken::TimeOrDate
            });
        }
        // "GMT+1", "UTC-05:00": a zone with its offset.
        if let Some((zone, offset)) = t.split_once(['+', '-', '\u{2212}'])
            && p.stamp.contains(zone)
            && !offset.is_empty()
            && offset.chars().all(|c| c.is_ascii_digit() || c == ':')
        {
            return Some(StampToken::Word);
        }
        // "Nolan22" is no stamp: letters and digits run together mean something else.
        return None;
    }
    if p.counter.contains(t) {
        return Some(StampToken::Counter);
    }
    if p.stamp.contains(t) || is_month(t, p) {
        return Some(StampToken::Word);
    }
    None
}

/// Whether `word` is a month's name in any grammatical case ("вересня", "września", "sept.").
fn is_month(word: &str, p: &FurniturePhrases) -> bool {
    let len = word.chars().count();
    p.month.iter().any(|stem| {
        let stem_len = stem.chars().count();
        word.starts_with(stem.as_str()) && len <= stem_len + 6
    })
}

/// A line made only of times, dates, stamp words, numbers and counter words.
fn stamp_or_counter(norm: &str, p: &FurniturePhrases) -> Option<FurnitureKind> {
    let words: Vec<&str> = norm.split(' ').collect();
    if words.len() > 14 {
        return None;
    }
    let mut kinds = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        // Stamp phrases of several words: "mis à jour", "il y a", "min read" (whose "read" alone
        // would be a counter's word). Tried only where such a phrase can start: joining words
        // is the costly part of this loop.
        let phrase = p
            .stamp_phrase_starts
            .contains(words[i])
            .then(|| {
                (2..=3).rev().find(|&n| {
                    i + n <= words.len() && {
                        let phrase = words[i..i + n].join(" ");
                        p.stamp.contains(phrase.trim_end_matches([':', ',']))
                    }
                })
            })
            .flatten();
        if let Some(n) = phrase {
            kinds.push(StampToken::Word);
            i += n;
            continue;
        }
        kinds.push(stamp_token(words[i], p)?);
        i += 1;
    }
    let has = |k: StampToken| kinds.contains(&k);
    let has_figure = has(StampToken::Number) || has(StampToken::TimeOrDate);
    if has(StampToken::Counter) && has_figure {
        return Some(FurnitureKind::Counter);
    }
    if has(StampToken::TimeOrDate) || (has(StampToken::Number) && has(StampToken::Word)) {
        return Some(FurnitureKind::Stamp);
    }
    if has(StampToken::Number) {
        return Some(FurnitureKind::Counter);
    }
    None
}

/// A credit alone or ending a caption: "Photo: Reuters", "(AP Photo/Eduardo Verdugo)",
/// "Фото: УНІАН", "Getty Images", "© AFP".
fn caption(line: &str, norm: &str, p: &FurniturePhrases) -> bool {
    let bare = norm.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '.' | ' '));
    if bare.starts_with('\u{a9}') || bare.starts_with("(c)") {
        return word_count(bare) <= 12;
    }
    let is_agencies = |s: &str| {
        let parts: Vec<&str> = s
            .split(['/', ',', '|', ';'])
            .map(|x| x.trim().trim_start_matches("via ").trim())
            .filter(|x| !x.is_empty())
            .collect();
        !parts.is_empty() && parts.iter().all(|x| p.agency.contains(*x))
    };
    if is_agencies(bare) {
        return true;
    }
    if let Some((rest, stop)) = lead_with_stop(bare, &p.caption) {
        let (credit, separated) = strip_separator(rest);
        // "Image source, Getty Images": some pages put a comma after the label.
        let (credit, comma) = match credit.strip_prefix(',') {
            Some(after) => (after.trim_start(), true),
            None => (credit, false),
        };
        let separated = separated || stop || comma;
        // "Photo: Reuters", "Фото: Іван Петренко / УНІАН", but not "Photo exhibitions open…".
        if separated && word_count(credit) <= 8 && !reads_as_sentence(credit, 3) {
            return true;
        }
        if credit.is_empty() {
            return true;
        }
    }
    if ends_with_credit(line, p) {
        return true;
    }
    // A credit in brackets ending a caption: "… in Juchitán. (AP Photo/Luis Alberto Cruz)",
    // "Soccorritori al lavoro ad Adria (foto Ansa)", or a dateline's: "روما - (أ ف ب)".
    if let Some(open) = line.rfind('(')
        && line.trim_end().ends_with(')')
    {
        let inside = fold(&line[open + 1..line.trim_end().len() - 1]);
        let before = word_count(&line[..open]);
        let names_agency = |a: &str| p.agency.iter().any(|x| after_phrase(a, x).is_some());
        let credit = lead(&inside, &p.caption).is_some_and(|rest| word_count(rest) <= 4)
            || (inside.contains('/')
                && inside
                    .split('/')
                    .next()
                    .is_some_and(|a| names_agency(a.trim())));
        // An agency alone in brackets also ends reports ("… on Monday (Reuters)"): only after a
        // place name is it a dateline rather than the end of a sentence.
        let dateline = before <= 3 && is_agencies(&inside);
        if (credit && word_count(&inside) <= 8) || dateline {
            return true;
        }
    }
    false
}

/// A caption whose last words are its credit: "Smoke rises over the hills on Tuesday. Photo:
/// Reuters", "… le 22 juillet. © Emre Yilmaz / AFP". A sentence of reporting never ends so.
fn ends_with_credit(line: &str, p: &FurniturePhrases) -> bool {
    // A credit is at most the last six words, after a word that ends a sentence or a
    // separator: only the last seven words are split off (a paragraph of reporting has
    // hundreds, and every line is asked).
    let mut tokens: Vec<&str> = line.split_whitespace().rev().take(7).collect();
    tokens.reverse();
    let n = tokens.len();
    (1..n).rev().any(|i| {
        let before = tokens[i - 1];
        if !before.ends_with(['.', ',', ';'])
            && !matches!(before, "|" | "-" | "\u{2013}" | "\u{2014}")
        {
            return false;
        }
        let tail = fold(&tokens[i..].join(" "));
        if tail.starts_with('\u{a9}') {
            return true;
        }
        lead(&tail, &p.caption).is_some_and(|rest| {
            let (credit, separated) = strip_separator(rest);
            separated && !credit.is_empty() && word_count(credit) <= 5
        })
    })
}

/// A line made only of share and follow buttons: "Share", "Facebook Twitter WhatsApp Email".
fn share(norm: &str, p: &FurniturePhrases) -> bool {
    if p.share.contains(norm.trim_end_matches([':', '.', '!'])) {
        return true;
    }
    let words: Vec<&str> = norm
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '\u{b7}' | '\u{2022}' | '/'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && words
            .iter()
            .all(|w| p.share.contains(*w) || w.chars().all(|c| c.is_numeric()))
}

/// "Read more: …", "Читайте також …": a lead phrase, then another story's headline.
fn related(line: &str, norm: &str, p: &FurniturePhrases) -> bool {
    let Some(rest) = lead(norm, &p.related) else {
        return false;
    };
    let (headline, separated) = strip_separator(rest);
    if headline.is_empty() {
        return true;
    }
    if reads_as_sentence(line, 6) || word_count(headline) > 25 {
        return false;
    }
    if separated {
        return true;
    }
    // Without a separator the headline must look like one: it starts with a capital (or is in a
    // script without capitals) and is short, so that "Related developments were…" stays.
    let original_rest = line
        .trim()
        .chars()
        .skip(norm.chars().count() - rest.chars().count())
        .collect::<String>();
    let first = original_rest.trim_start().chars().next();
    word_count(headline) <= 14
        && first.is_some_and(|c| c.is_uppercase() || is_caseless_letter(c) || c.is_numeric())
}

/// Subscribe, donate, app, cookie and copyright prompts: a lead phrase, and not too long. These
/// are often whole sentences ("We use cookies to improve your experience."), so the sentence
/// test is looser than for the other rules.
fn prompt(line: &str, norm: &str, p: &FurniturePhrases) -> bool {
    // "Підписуйтесь на нас, закликав мер, …": a sentence with a clause after the prompt's
    // words reports someone's appeal.
    if reads_as_sentence(line, 6) && line.contains(',') {
        return false;
    }
    if lead(norm, &p.prompt).is_some() && word_count(norm) <= 30 {
        return true;
    }
    // "© 2017 El Heraldo. All rights reserved.": a copyright notice, wherever its words stand.
    word_count(norm) <= 20 && p.notice.iter().any(|n| norm.contains(n.as_str()))
}

/// Whether the line is only the name of an outlet of the site.
fn outlet(norm: &str, context: &FurnitureContext) -> bool {
    let bare = norm.trim_matches(|c: char| !c.is_alphanumeric());
    !bare.is_empty() && context.outlet_names.iter().any(|n| n == bare || n == norm)
}

/// Whether `line` (one line of an article's text, trimmed) is page furniture, and which kind.
/// `None` keeps it: when in doubt, a line is the article's.
pub fn classify(line: &str, context: &FurnitureContext) -> Option<FurnitureKind> {
    classify_normalized(line, &normalize_line(line), context)
}

/// [`classify`], for a line whose [`normalize_line`] is at hand (the editor's patterns needed
/// it first): a line of an article is folded once.
pub fn classify_normalized(
    line: &str,
    normalized: &str,
    context: &FurnitureContext,
) -> Option<FurnitureKind> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let p = phrases();
    let norm = phrases::fold_normalized(normalized);
    if social(line, &norm, p) {
        return Some(FurnitureKind::Social);
    }
    // Every other rule is for short lines: a long one is the article's, and most lines of an
    // article are long, so this spares them the phrase lists.
    if has_words(line, MAX_FURNITURE_WORDS + 1) {
        return None;
    }
    if reads_as_sentence(line, 8) {
        // Of the rules, only prompts ("We use cookies to …") and a caption's closing credit
        // take whole sentences; the others refuse them, so they are not tried.
        if quotes_someone(line) {
            return None;
        }
        if prompt(line, &norm, p) {
            return Some(FurnitureKind::Prompt);
        }
        return ends_with_credit(line, p).then_some(FurnitureKind::Caption);
    }
    if quotes_someone(line) {
        return None;
    }
    if outlet(&norm, context) {
        return Some(FurnitureKind::Outlet);
    }
    if let Some(kind) = stamp_or_counter(&norm, p) {
        return Some(kind);
    }
    if byline::names(line).is_some() || p.desk.contains(norm.trim_end_matches(['.', ':'])) {
        return Some(FurnitureKind::Byline);
    }
    if prompt(line, &norm, p) {
        return Some(FurnitureKind::Prompt);
    }
    if caption(line, &norm, p) {
        return Some(FurnitureKind::Caption);
    }
    if share(&norm, p) {
        return Some(FurnitureKind::Share);
    }
    if related(line, &norm, p) {
        return Some(FurnitureKind::Related);
    }
    if nav(line, &norm, p) {
        return Some(FurnitureKind::Nav);
    }
    None
}

/// Separators of breadcrumbs ("Home › News › World", "الرئيسية / دولي").
const CRUMB_SEPARATORS: &[char] = &['\u{203a}', '\u{bb}', '>', '/', '|', '\u{2192}', '\u{b7}'];

/// Breadcrumbs, tag lines ("Теги: Львів, ДТП") and a section's name alone ("Новини").
fn nav(line: &str, norm: &str, p: &FurniturePhrases) -> bool {
    if p.nav_word.contains(norm.trim_end_matches([':', '.'])) {
        return true;
    }
    if let Some(rest) = lead(norm, &p.nav) {
        let (tags, separated) = strip_separator(rest);
        if tags.is_empty() || (separated && !reads_as_sentence(line, 4) && word_count(tags) <= 15) {
            return true;
        }
    }
    let crumbs: Vec<&str> = norm.split(CRUMB_SEPARATORS).map(str::trim).collect();
    crumbs.len() >= 2
        && crumbs
            .iter()
            .all(|c| (1..=3).contains(&word_count(c)) && !c.chars().any(char::is_numeric))
        && word_count(norm) <= 10
        && !reads_as_sentence(line, 1)
}

/// A line as the context rules see it: its text, the built-in kind it was given alone, and
/// whether the rules may still change it (not when the editor kept it or a pattern removed it).
#[derive(Debug, Clone, Copy)]
pub struct LineVerdict<'a> {
    /// The line, trimmed.
    pub text: &'a str,
    /// The kind [`classify`] gave it, or a context rule.
    pub kind: Option<FurnitureKind>,
    /// False when the editor's `keep:` or pattern decided the line.
    pub open: bool,
}

impl LineVerdict<'_> {
    /// Kept so far, and still the rules' to decide.
    fn undecided(&self) -> bool {
        self.open && self.kind.is_none()
    }
}

/// Whether a kept line reads as a sentence of the article: what the furniture around an
/// article (above its first sentence, below its last) is told from.
pub fn is_sentence(line: &str) -> bool {
    reads_as_sentence(line, 5) || quotes_someone(line)
}

/// A short line that is no sentence: a section name or tag, above the first sentence or below
/// the last ("Internacional", "Ukraine", "Reuse this content").
fn is_short_label(line: &str) -> bool {
    (1..=3).contains(&word_count(line))
        && !line.chars().any(char::is_numeric)
        && !line.trim_end().ends_with(SENTENCE_ENDS)
        && !line.contains(is_quote_mark)
}

/// The rules that need a line's neighbours, applied to the verdicts [`classify`] gave each line
/// alone:
///
/// - the text of an embedded post, just above its attribution line ("— Name (@handle) date"),
///   when it carries a link, a handle or a hashtag;
/// - the headline on the line after a "read more" phrase that stands alone;
/// - a line of names next to a time stamp (a byline without "By": "Oksana Bilyk in Lviv");
/// - short labels (section names, topic tags) above the article's first sentence or below its
///   last.
///
/// Lines the editor decided are left as they are.
pub fn apply_context(lines: &mut [LineVerdict]) {
    let p = phrases();
    for i in 0..lines.len() {
        let Some(kind) = lines[i].kind else {
            continue;
        };
        if kind == FurnitureKind::Social
            && is_post_attribution(lines[i].text)
            && i > 0
            && lines[i - 1].undecided()
            && looks_like_post(lines[i - 1].text)
        {
            lines[i - 1].kind = Some(FurnitureKind::Social);
        }
        if kind == FurnitureKind::Related
            && lead(&fold(lines[i].text), &p.related)
                .is_some_and(|rest| strip_separator(rest).0.is_empty())
            && lines.get(i + 1).is_some_and(|next| {
                next.undecided()
                    && !reads_as_sentence(next.text, 1)
                    && !quotes_someone(next.text)
                    && word_count(next.text) <= 14
            })
        {
            lines[i + 1].kind = Some(FurnitureKind::Related);
        }
    }
    let sentences: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind.is_none() && is_sentence(lines[i].text))
        .collect();
    let (Some(&first), Some(&last)) = (sentences.first(), sentences.last()) else {
        // Without a sentence there is no article to tell the labels from.
        return;
    };
    let is_stamp =
        |l: Option<&LineVerdict>| l.is_some_and(|l| matches!(l.kind, Some(FurnitureKind::Stamp)));
    for i in 0..lines.len() {
        if !lines[i].undecided() {
            continue;
        }
        let outside = i < first || i > last;
        // Names first: "Ana López" above the first sentence is also a short label, but next to
        // a time stamp it is the byline, and it names the author.
        if i < first
            && (is_stamp(i.checked_sub(1).and_then(|j| lines.get(j))) || is_stamp(lines.get(i + 1)))
            && byline::bare_names(lines[i].text).is_some()
        {
            lines[i].kind = Some(FurnitureKind::Byline);
        } else if outside && is_short_label(lines[i].text) {
            lines[i].kind = Some(FurnitureKind::Nav);
        }
    }
}

/// Whether a line holds an embedded post's text: a URL, a handle or a hashtag. Such a line just
/// before an embed's attribution line ("— Name (@handle) date") is the post itself.
pub fn looks_like_post(line: &str) -> bool {
    line.split_whitespace()
        .any(|t| is_url(t) || is_handle_or_tag(t))
}

/// Whether a line is the attribution line that closes an embedded post.
pub fn is_post_attribution(line: &str) -> bool {
    let line = line.trim();
    has_attribution_handle(line)
        || (line.starts_with(['\u{2014}', '\u{2013}', '\u{2015}'])
            && line.split_whitespace().any(is_handle_or_tag))
}

#[cfg(test)]
mod tests;

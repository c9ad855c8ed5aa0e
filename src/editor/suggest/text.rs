//! Words, sentences and the word-level comparisons the quote and dispute finders share.
//!
//! Everything here works on byte ranges of a paragraph as the article spells it, so that what
//! is finally proposed can be cut out of the article verbatim and verifies unchanged.

use std::ops::Range;

/// One word of a text: where it is, and the forms the comparisons use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// Lower case, curly apostrophes made straight.
    pub lower: String,
    /// [`stem`] of `lower`: `calling` and `call`, `elected` and `election` compare equal.
    pub stem: String,
    /// Not a function word: what two renderings of one sentence must share to be the same.
    pub content: bool,
    /// Starts with a capital letter (names, places; or the first word of a sentence).
    pub capital: bool,
}

/// English function words. Translations of one sentence share its content words in order,
/// while any two sentences share these, so they count for little in a comparison. Kept by hand
/// rather than taken from a list: news English reports speech (`said`, `says`) in every
/// paragraph, and the general lists count words such as `new` or `million` as function words.
const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "himself", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "my", "no", "nor",
    "not", "now", "of", "on", "or", "our", "out", "over", "she", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says", "say",
    "s", "t", "don't", "i'm", "it's", "that's", "there's", "wasn't", "wouldn't", "won't", "didn't",
    "doesn't", "isn't", "aren't", "can't", "we'll", "i'll", "they'll", "he's", "let's",
];

/// Ukrainian function words the stopwords-iso list (73 words) lacks: negation, the one-letter
/// prepositions and conjunctions, and the commonest pronoun forms.
const UKRAINIAN_STOPWORDS: &[&str] = &[
    "а",
    "і",
    "в",
    "у",
    "на",
    "за",
    "по",
    "не",
    "ні",
    "ж",
    "же",
    "його",
    "бо",
    "тому",
    "вже",
    "ще",
    "ці",
    "ця",
    "той",
    "ту",
    "має",
    "мають",
    "буде",
    "будуть",
    "цього",
    "цієї",
    "яка",
    "які",
    "яких",
    "щоб",
    "після",
    "через",
    "сказав",
    "сказала",
    "заявив",
    "заявила",
];

/// How the words of one language are compared: its function words and its stemmer. Chosen by
/// the article's language tag ([`WordRules::for_language`]); an empty or unknown tag gets
/// rules that assume nothing about the language (no function words, a light stem) rather
/// than English ones.
pub struct WordRules {
    /// The primary subtag, lower case (`pt` for `pt-BR`); empty when unknown.
    pub language: String,
    stopwords: std::collections::HashSet<&'static str>,
    stemmer: Stemming,
}

enum Stemming {
    /// The few English suffixes [`words`] has always stripped (`calling`/`call`,
    /// `elected`/`election`): what the dispute finder's English comparisons were measured with.
    EnglishSuffixes,
    /// Snowball's algorithm for the language.
    Snowball(rust_stemmers::Stemmer),
    /// Hebrew writes `and`, `the`, `in`, `to`, `from`, `that` and `as` as one-letter prefixes.
    HebrewPrefixes,
    /// No stemmer for the language: the first letters of a word, which is where the
    /// inflecting languages Snowball lacks (Ukrainian, Polish, Bulgarian, Czech …) keep its
    /// meaning, and a harmless approximation elsewhere.
    Prefix,
}

/// Letters of a word kept by the [`Stemming::Prefix`] fallback: long enough to tell `strajk`
/// from `straż`, short enough that `strajku` and `strajkujący` meet.
const PREFIX_STEM_LETTERS: usize = 5;

impl WordRules {
    /// The rules for a BCP 47 tag (`en`, `pt-BR`, `uk`); the empty tag when nothing says.
    pub fn for_language(tag: &str) -> WordRules {
        use rust_stemmers::{Algorithm, Stemmer};
        let language = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let algorithm = match language.as_str() {
            "ar" => Some(Algorithm::Arabic),
            "da" => Some(Algorithm::Danish),
            "nl" => Some(Algorithm::Dutch),
            "en" => Some(Algorithm::English),
            "fi" => Some(Algorithm::Finnish),
            "fr" => Some(Algorithm::French),
            "de" => Some(Algorithm::German),
            "el" => Some(Algorithm::Greek),
            "hu" => Some(Algorithm::Hungarian),
            "it" => Some(Algorithm::Italian),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "pt" => Some(Algorithm::Portuguese),
            "ro" => Some(Algorithm::Romanian),
            "ru" => Some(Algorithm::Russian),
            "es" => Some(Algorithm::Spanish),
            "sv" => Some(Algorithm::Swedish),
            "ta" => Some(Algorithm::Tamil),
            "tr" => Some(Algorithm::Turkish),
            _ => None,
        };
        let stemmer = match (algorithm, language.as_str()) {
            (Some(a), _) => Stemming::Snowball(Stemmer::create(a)),
            (None, "he" | "iw") => Stemming::HebrewPrefixes,
            (None, _) => Stemming::Prefix,
        };
        let stopwords = match language.as_str() {
            "en" => ENGLISH_STOPWORDS.iter().copied().collect(),
            "" => Default::default(),
            code => stop_words::lookup(code)
                .unwrap_or_default()
                .iter()
                .chain(if code == "uk" {
                    UKRAINIAN_STOPWORDS
                } else {
                    &[]
                })
                .copied()
                // A figure is what a claim is about, never a function word.
                .filter(|w| !w.chars().any(|c| c.is_numeric()))
                .collect(),
        };
        WordRules {
            language,
            stopwords,
            stemmer,
        }
    }

    /// English function words and [`Stemming::EnglishSuffixes`]: what [`words`] uses.
    pub fn english() -> WordRules {
        WordRules {
            stemmer: Stemming::EnglishSuffixes,
            ..WordRules::for_language("en")
        }
    }

    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    /// French, Italian and Catalan elide articles and pronouns into the next word
    /// (`l'accord`, `qu'il`, `dell'Unione`): the part before the apostrophe is a function word.
    fn elides(&self) -> bool {
        matches!(self.language.as_str(), "fr" | "it" | "ca")
    }

    pub fn stem(&self, lower: &str) -> String {
        match &self.stemmer {
            Stemming::Snowball(s) => s.stem(lower).into_owned(),
            Stemming::EnglishSuffixes => english_suffixes(lower),
            Stemming::HebrewPrefixes => hebrew_stem(lower),
            Stemming::Prefix => lower.chars().take(PREFIX_STEM_LETTERS).collect(),
        }
    }
}

fn english_suffixes(lower: &str) -> String {
    const SUFFIXES: &[&str] = &["ingly", "ions", "ion", "ing", "ly", "ed", "es", "s"];
    for suffix in SUFFIXES {
        if let Some(base) = lower.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return base.to_string();
        }
    }
    lower.to_string()
}

/// `והשביתה` (`and the strike`) as `שביתה`: only `and` and `the` are stripped, the prefixes no
/// word is likely to start with on its own account (`ב`, `ל`, `מ`, `ש` start many).
fn hebrew_stem(lower: &str) -> String {
    let mut rest = lower;
    for prefix in ['ו', 'ה'] {
        if let Some(after) = rest.strip_prefix(prefix)
            && after.chars().count() >= 3
        {
            rest = after;
        }
    }
    rest.to_string()
}

/// Languages [`guess_language`] tells apart: those digest's outlets are known to write in
/// that have a list of function words.
const GUESSABLE: &[&str] = &[
    "en", "uk", "ru", "bg", "pl", "cs", "de", "fr", "es", "it", "pt", "nl", "tr", "ar", "he", "el",
    "ro", "hu", "sv", "da", "fi", "no",
];

/// The language of a text its function words show, when one language's make up at least a
/// sixth of its words (a text of names and figures shows none).
pub fn guess_language(text: &str) -> Option<String> {
    let plain = WordRules::for_language("");
    let words: Vec<String> = words_in(text, &plain)
        .into_iter()
        .map(|w| w.lower)
        .filter(|w| !w.chars().all(|c| c.is_numeric()))
        .collect();
    if words.len() < 12 {
        return None;
    }
    GUESSABLE
        .iter()
        .map(|code| {
            let rules = WordRules::for_language(code);
            let hits = words.iter().filter(|w| rules.is_stopword(w)).count();
            (hits, *code)
        })
        .max()
        .filter(|&(hits, _)| hits * 6 >= words.len())
        .map(|(_, code)| code.to_string())
}

/// A char that continues a word: letters, digits, and an apostrophe between letters
/// (`don't`, `Putin’s`), which is why apostrophes are never taken for quotation marks.
fn apostrophe_inside(text: &str, at: usize, c: char) -> bool {
    if c != '\'' && c != '’' {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphabetic)
}

/// The words of `text`, compared by English rules (see [`words_in`]).
pub fn words(text: &str) -> Vec<Word> {
    words_in(text, &WordRules::english())
}

/// The words of `text`, their function words and stems those of `rules`' language. Hyphens
/// split words (`Moscow-based` is `Moscow` and `based`), so a name inside a compound is still
/// found; an elided article (`l'accord`) is a word of its own.
pub fn words_in(text: &str, rules: &WordRules) -> Vec<Word> {
    let mut ranges = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric()
            || is_combining(c)
            || (start.is_some() && apostrophe_inside(text, i, c));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                ranges.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        ranges.push(s..text.len());
    }
    let mut out = Vec::new();
    for range in ranges {
        if rules.elides()
            && let Some(split) = elision(&text[range.clone()])
        {
            out.push(word(text, range.start..range.start + split.0, rules));
            out.push(word(text, range.start + split.1..range.end, rules));
        } else {
            out.push(word(text, range, rules));
        }
    }
    out
}

/// Marks that belong to the letter before them (Arabic vowel signs, Hebrew points, Devanagari
/// vowels): a word does not end at them.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}')
}

/// Where an elided article ends and its word starts (`l'` and `accord`): at most three letters
/// and an apostrophe.
fn elision(raw: &str) -> Option<(usize, usize)> {
    let at = raw.find(['\'', '’'])?;
    let apostrophe = raw[at..].chars().next()?.len_utf8();
    let before = raw[..at].chars().count();
    (1..=3)
        .contains(&before)
        .then_some((at, at + apostrophe))
        .filter(|&(_, after)| after < raw.len())
}

fn word(text: &str, range: Range<usize>, rules: &WordRules) -> Word {
    let raw = &text[range.clone()];
    let lower = strip_marks(&raw.to_lowercase().replace('’', "'"));
    let stem = rules.stem(&lower);
    Word {
        content: !rules.is_stopword(&lower),
        capital: raw.chars().next().is_some_and(char::is_uppercase),
        range,
        lower,
        stem,
    }
}

/// `lower` without Arabic and Hebrew vowel points and tatweel, which outlets write or leave out
/// as they please (`مضيفةً` and `مضيفة` are one word).
fn strip_marks(lower: &str) -> String {
    lower
        .chars()
        .filter(|&c| {
            !matches!(c, '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}'
                | '\u{0670}' | '\u{0640}')
        })
        .collect()
}

/// Sentence ranges of `text`: a sentence ends at `.`, `!`, `?` or `…` (and any closing quotes
/// or brackets after it) followed by white space and a capital, a digit or an opening quote.
/// Abbreviations such as `U.S.` end no sentence because no space follows their inner dots.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = k + 1;
            while j < chars.len()
                && matches!(chars[j].1, '.' | '”' | '’' | '"' | '\'' | ')' | '»' | '“')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(i, _)| i);
            let mut n = j;
            let mut spaced = false;
            while n < chars.len() && chars[n].1.is_whitespace() {
                spaced = true;
                n += 1;
            }
            let next_starts = chars.get(n).is_some_and(|&(_, c)| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '«' | '„' | '‘')
            });
            if spaced && next_starts {
                push_trimmed(text, start..end, &mut out);
                start = chars[n].0;
                k = n;
                continue;
            }
        }
        k += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

/// How much a word counts in a comparison: content words carry the meaning, function words
/// only the shape.
pub fn weight(w: &Word) -> f64 {
    if w.content { 1.0 } else { 0.25 }
}

/// The weighted longest common subsequence of two word lists (by stem): the words two
/// renderings share in the same order. Returns its weight and the shared content words, in
/// the order of `a`.
pub fn common_in_order(a: &[Word], b: &[Word]) -> (f64, Vec<String>) {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i].stem == b[j].stem {
                table[i + 1][j + 1] + weight(&a[i])
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let mut shared = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i].stem == b[j].stem {
            if a[i].content {
                shared.push(a[i].lower.clone());
            }
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (table[0][0], shared)
}

pub fn total_weight(words: &[Word]) -> f64 {
    words.iter().map(weight).sum()
}

/// `text[range]` without trailing commas, colons, semicolons or dashes: the words of a quote
/// cut at `,” he said` should not end in the comma.
pub fn trim_trailing_punctuation(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '—' | '-')
    });
    range.start..range.start + trimmed.len()
}

/// A name as it sounds, in the few Latin consonants every script writes it with, so that one
/// person's name compares equal in the outlets' scripts: `Зеленський`, `Zełenski`, `Zelensky`,
/// `زيلينسكي` and `זלנסקי` all give `slnsk`. Vowels go (Arabic and Hebrew do not write most of
/// them), and so do the sounds each script spells its own way (`p`/`b`, `v`/`f`, `g`/`k`/`q`/`c`,
/// `z`/`s`). `None` for a word with fewer than three such consonants: too short to tell
/// names apart.
pub fn name_key(word: &str) -> Option<String> {
    let key = name_sounds(word);
    (key.len() >= 3).then_some(key)
}

/// The [`name_key`] of a person's whole name (`Giulia Ferraro`, `جوليا فيرارو`), each word's
/// consonants in turn: for a surname too short to tell people apart by itself (`Ferraro`
/// keeps only `fr`). `None` for a single word, or when the whole name has fewer than four.
pub fn full_name_key(name: &str) -> Option<String> {
    let parts: Vec<String> = name
        .split_whitespace()
        .map(name_sounds)
        .filter(|k| !k.is_empty())
        .collect();
    let key = parts.concat();
    (parts.len() >= 2 && key.len() >= 4).then_some(key)
}

/// A word's consonants as [`name_key`] compares them, however few.
fn name_sounds(word: &str) -> String {
    // `Trump's`, `Trump’ın`, `Trumpa`: the case ending after an apostrophe is not the name.
    let word = match word.find(['\'', '’']) {
        Some(at) if word[..at].chars().count() >= 3 => &word[..at],
        _ => word,
    };
    // Hebrew and Arabic write vowels with vav/waw, yod/ya, alef and ayin, which transliterate
    // as consonants; Hebrew writes j as gimel with a geresh.
    let word: String = word
        .replace("ג'", "j")
        .replace("ג׳", "j")
        .chars()
        .filter(|c| {
            !matches!(
                c,
                'ו' | 'י'
                    | 'א'
                    | 'ע'
                    | '׳'
                    | '״'
                    | 'و'
                    | 'ي'
                    | 'ى'
                    | 'ا'
                    | 'أ'
                    | 'إ'
                    | 'آ'
                    | 'ع'
            )
        })
        .collect();
    let latin = deunicode::deunicode(&word).to_lowercase();
    let letters: String = latin.chars().filter(char::is_ascii_alphabetic).collect();
    let mut spelled = letters;
    for (from, to) in [
        ("dzh", "k"),
        ("sch", "s"),
        ("kh", "k"),
        ("ch", "s"),
        ("sh", "s"),
        ("zh", "s"),
        ("ts", "s"),
        ("tz", "s"),
        ("th", "t"),
        ("dh", "d"),
        ("ph", "f"),
        ("ck", "k"),
        ("qu", "k"),
    ] {
        spelled = spelled.replace(from, to);
    }
    let mut key = String::new();
    for c in spelled.chars() {
        let sound = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' => continue,
            'c' | 'g' | 'q' | 'j' | 'x' => 'k',
            'p' => 'b',
            // Polish and German w is a v, and English w is written в in Cyrillic.
            'v' | 'w' => 'f',
            'z' => 's',
            other => other,
        };
        if !key.ends_with(sound) {
            key.push(sound);
        }
    }
    key
}

/// Whether two [`name_key`]s are one name: equal, one the other with a case ending (`trmb` and
/// `trmbm`, Polish `Trumpem`) once both have four consonants or more, or with the h sound
/// other scripts write at its start.
pub fn same_name(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // An h at the start, silent in the key, is a г in Ukrainian and a х in Russian (Hoffmann,
    // Гоффман, Хоффман).
    let h_sound = long.strip_prefix('k') == Some(short) && short.len() >= 3;
    short == long
        || h_sound
        || (short.len() >= 3
            && long.starts_with(short)
            && long.len() - short.len() <= 1
            && long.len() >= 4)
}

/// Whether `word`'s script has no capital letters (Arabic, Hebrew, Chinese …): there any word
/// may be a name.
pub fn caseless(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| !c.is_uppercase() && !c.is_lowercase())
}

/// The figures written in digits in `text`, the same whatever the notation: Arabic-Indic and
/// Persian digits as ASCII, a separator followed by three digits as a thousands separator
/// (`1,200`, `1.200`, `1 200` are `1200`), any other as a decimal point (`8,2`, `8.2` and `٨٫٢`
/// are `8.2`).
pub fn figures(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if ascii_digit(chars[k]).is_none() {
            k += 1;
            continue;
        }
        // `COVID19`, `F16`: part of a name, not a figure.
        if k > 0 && chars[k - 1].is_alphabetic() {
            while k < chars.len() && (ascii_digit(chars[k]).is_some() || chars[k].is_alphanumeric())
            {
                k += 1;
            }
            continue;
        }
        let mut whole = String::new();
        let mut fraction = String::new();
        // Digits since the last separator: a thousands group follows at most three.
        let mut run = 0;
        while k < chars.len() {
            if let Some(d) = ascii_digit(chars[k]) {
                run += 1;
                if fraction.is_empty() {
                    whole.push(d);
                } else {
                    fraction.push(d);
                }
                k += 1;
                continue;
            }
            let separator = matches!(
                chars[k],
                ',' | '.' | '٫' | '٬' | ' ' | '\u{a0}' | '\u{202f}' | '\''
            );
            let digits_after = chars[k + 1..]
                .iter()
                .take_while(|&&c| ascii_digit(c).is_some())
                .count();
            if !separator || digits_after == 0 || !fraction.is_empty() {
                break;
            }
            let thousands = digits_after == 3 && run <= 3 && chars[k] != '٫';
            run = 0;
            if thousands {
                k += 1;
            } else if matches!(chars[k], ',' | '.' | '٫') {
                fraction.push('.');
                k += 1;
            } else {
                break;
            }
        }
        let fraction = fraction.trim_start_matches('.').trim_end_matches('0');
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        out.push(if fraction.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{fraction}")
        });
    }
    out
}

/// A decimal digit in any of the scripts news is written in, as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    crate::primitives::calendar::ascii_digit(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_name_keys_a_surname_too_short_to_key_alone() {
        assert_eq!(name_key("Ferraro"), None);
        let latin = full_name_key("Giulia Ferraro");
        assert!(latin.is_some());
        assert_eq!(full_name_key("Джулія Ферраро"), latin);
        assert_eq!(full_name_key("جوليا فيرارو"), latin);
        assert_eq!(full_name_key("Ferraro"), None, "one word is no whole name");
        assert_ne!(
            full_name_key("Giulia Ferri"),
            full_name_key("Marco Ferraro")
        );
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        let w: Vec<String> = words("Putin’s point: don't")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["putin's", "point", "don't"]);
    }

    #[test]
    fn hyphens_split_compounds() {
        let w: Vec<String> = words("Moscow-based club")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["moscow", "based", "club"]);
    }

    #[test]
    fn sentences_end_before_a_capital() {
        let text = "He came. Then he left the U.S. army! “Why?” she asked. ok.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "He came.",
                "Then he left the U.S. army!",
                "“Why?” she asked. ok."
            ]
        );
    }

    #[test]
    fn stems_meet() {
        for en in [WordRules::english(), WordRules::for_language("en-GB")] {
            assert_eq!(en.stem("calling"), en.stem("call"));
            assert_eq!(en.stem("elected"), en.stem("election"));
            assert_eq!(en.stem("weeks"), "week");
        }
        let en = WordRules::for_language("en");
        assert_eq!(en.stem("calling"), en.stem("call"));
        assert_eq!(en.stem("elected"), en.stem("election"));
        assert_eq!(en.stem("weeks"), "week");
        let de = WordRules::for_language("de-AT");
        assert_eq!(de.stem("streiks"), de.stem("streik"));
        let es = WordRules::for_language("es");
        assert_eq!(es.stem("huelgas"), es.stem("huelga"));
        let ar = WordRules::for_language("ar");
        assert_eq!(ar.stem("الإضراب"), ar.stem("إضراب"));
    }

    #[test]
    fn languages_without_a_stemmer_keep_the_start_of_a_word() {
        let uk = WordRules::for_language("uk");
        assert_eq!(uk.stem("страйку"), uk.stem("страйкуючі"));
        let pl = WordRules::for_language("pl");
        assert_eq!(pl.stem("strajkujący"), pl.stem("strajku"));
        assert_ne!(pl.stem("strajk"), pl.stem("straż"));
        let he = WordRules::for_language("he");
        assert_eq!(he.stem("והשביתה"), he.stem("שביתה"));
    }

    #[test]
    fn function_words_are_the_articles_language() {
        let words_of = |text: &str, tag: &str| -> Vec<(String, bool)> {
            words_in(text, &WordRules::for_language(tag))
                .into_iter()
                .map(|w| (w.lower, w.content))
                .collect()
        };
        assert_eq!(
            words_of("Die Regierung und der Streik", "de"),
            [
                ("die".into(), false),
                ("regierung".into(), true),
                ("und".into(), false),
                ("der".into(), false),
                ("streik".into(), true)
            ]
        );
        assert!(
            words_of("strajk się nie skończy", "pl")[1..3]
                .iter()
                .all(|w| !w.1)
        );
        assert!(!words_of("страйк не закінчиться", "uk")[1].1);
        // English function words are no Spanish ones, and no language's are figures.
        assert!(words_of("the huelga", "es")[0].1);
        assert!(words_of("2 dos", "es")[0].1);
        // An unknown language has no function words rather than English ones.
        assert!(words_of("the", "").iter().all(|w| w.1));
        // An elided article is a word of its own.
        assert_eq!(
            words_of("l'accord", "fr"),
            [("l".into(), false), ("accord".into(), true)]
        );
        // Arabic vowel signs are part of the word, and do not change it.
        assert_eq!(words_of("مضيفةً", "ar")[0].0, "مضيفة");
    }

    #[test]
    fn one_name_in_every_script() {
        let keys: Vec<Option<String>> = [
            "Зеленський",
            "Zełenski",
            "Zelensky",
            "زيلينسكي",
            "זלנסקי",
            "Zełenskiego",
        ]
        .iter()
        .map(|w| name_key(w))
        .collect();
        assert!(keys.iter().all(|k| k == &keys[0]), "{keys:?}");
        for group in [
            &["Trump", "Трамп", "ترامب", "טראמפ", "Trump's", "Trump’ın"][..],
            &["Macron", "Макрон", "ماكرون", "מקרון"],
            &["Scholz", "Шольц", "شولتس"],
            &["Johnson", "جونسون", "ג'ונסון"],
            &["Hoffmann", "Гоффман", "Хоффман", "هوفمان"],
            &["Erdoğan", "أردوغان", "Эрдоган"],
            &["Gdańsk", "Гданськ", "غدانسك"],
        ] {
            let first = name_key(group[0]).unwrap();
            for w in group {
                assert!(same_name(&first, &name_key(w).unwrap()), "{w}");
            }
        }
        assert!(same_name(
            &name_key("Tusk").unwrap(),
            &name_key("Tuskiem").unwrap()
        ));
        assert!(same_name(
            &name_key("Trump").unwrap(),
            &name_key("Trumpem").unwrap()
        ));
        assert!(!same_name(
            &name_key("Macron").unwrap(),
            &name_key("Merkel").unwrap()
        ));
        assert_eq!(name_key("Ali"), None);
        assert_eq!(name_key("Wrona"), name_key("Врона"));
        assert_eq!(name_key("Warsaw"), name_key("Варшава"));
    }

    #[test]
    fn a_text_says_its_language() {
        let guess = |t: &str| guess_language(t);
        assert_eq!(guess("Związkowcy zapowiedzieli, że strajk nie skończy się przed końcem tygodnia, a rząd nie chce z nimi rozmawiać o podwyżkach.").as_deref(), Some("pl"));
        assert_eq!(guess("Die Gewerkschaft hat angekündigt, dass der Streik bis zum Ende der Woche dauern wird, und die Regierung will nicht verhandeln.").as_deref(), Some("de"));
        assert_eq!(guess("Профспілка заявила, що страйк не закінчиться до кінця тижня, а уряд не хоче з нею говорити про зарплати.").as_deref(), Some("uk"));
        assert_eq!(guess("وقالت النقابة إن الإضراب لن ينتهي قبل نهاية الأسبوع، وإن الحكومة لا تريد التفاوض معها على الأجور.").as_deref(), Some("ar"));
        assert_eq!(guess("Trump Biden Macron 2024 50"), None);
    }

    #[test]
    fn figures_in_any_notation() {
        assert_eq!(figures("8,2 and 8.2 and ٨٫٢"), ["8.2", "8.2", "8.2"]);
        assert_eq!(
            figures("1,200 or 1.200 or 1 200 or ۱۲۰۰"),
            ["1200", "1200", "1200", "1200"]
        );
        assert_eq!(
            figures("1,200,000 people in 2024, 50%"),
            ["1200000", "2024", "50"]
        );
        assert_eq!(figures("in 2024 500 came; COVID19 aside"), ["2024", "500"]);
        assert_eq!(figures("12.500,5 €; 3.50 $"), ["12500.5", "3.5"]);
    }

    #[test]
    fn order_matters() {
        let a = words("He turned out to be a courageous person");
        let b = words("He turned out to be a very brave man");
        let (w, shared) = common_in_order(&a, &b);
        assert_eq!(shared, ["turned"]);
        assert!((w - 2.25).abs() < 1e-9, "{w}");
    }
}

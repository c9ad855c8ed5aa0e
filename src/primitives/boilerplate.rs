//! Patterns for page-furniture lines ("JOIN US ON TELEGRAM", "Send Push", view counters) that
//! web copies of articles carry and that must not be read, numbered or cited as reporting.

use std::fmt;

use regex::{Regex, RegexBuilder};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// A hostile or careless pattern must not make a build take gigabytes; real furniture patterns
/// compile to a few kilobytes.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// One boilerplate pattern, as written in `site.yaml` or `sources.yaml`.
#[derive(Clone)]
pub enum Pattern {
    /// A whole line, compared after normalisation (see [`normalize_line`]): the pattern as
    /// written, and normalised once here rather than for every line it is tried on.
    Line {
        /// As the editor wrote it, for the article page's list of removed lines.
        written: String,
        /// [`normalize_line`] of `written`.
        normalized: String,
    },
    /// `/.../`: a regular expression searched in the trimmed line.
    Regex(Regex),
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Line { written, .. } => f.debug_tuple("Line").field(written).finish(),
            Pattern::Regex(r) => f.debug_tuple("Regex").field(&r.as_str()).finish(),
        }
    }
}

/// Two patterns are equal when they are written the same way.
impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Pattern::Line { written: a, .. }, Pattern::Line { written: b, .. }) => a == b,
            (Pattern::Regex(a), Pattern::Regex(b)) => a.as_str() == b.as_str(),
            _ => false,
        }
    }
}

impl Eq for Pattern {}

/// Normalises a line for comparison: Unicode compatibility form (so a no-break space is a
/// space), whitespace trimmed and collapsed, lower case, and typographic quotes, dashes and
/// ellipses folded to ASCII, because editors type patterns and titles on keyboards while web
/// pages use typographic characters.
pub fn normalize_line(s: &str) -> String {
    // Most lines are already in NFKC (typographic quotes and dashes are): the quick check
    // spares them the decomposition, which dominated the loading of large sites.
    if s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        fold(s)
    } else {
        fold(&s.nfkc().collect::<String>())
    }
}

/// Lower-cases `s`, collapses its whitespace and folds its typography. In one pass, byte by
/// byte while the text is ASCII (most of an article is), char by char through Unicode's case
/// tables only where it is not: splitting into words first, and the case tables, dominated
/// the loading of large sites.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        fold_ascii(&rest[..ascii], &mut out, &mut space);
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase().map(fold_typography));
    }
    out
}

/// [`fold`] of a run of ASCII text, appended to `out`; `space`: whether whitespace came last
/// (and is owed a space before the next word), before and after the run.
fn fold_ascii(run: &str, out: &mut String, space: &mut bool) {
    let bytes = run.as_bytes();
    let mut append_word = |word: &str, space: &mut bool| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        let at = out.len();
        out.push_str(word);
        out[at..].make_ascii_lowercase();
    };
    // Nearly every run of an article is words between single spaces: it is copied whole.
    let single_spaced =
        !bytes.iter().any(|&b| b < b' ') && memchr::memmem::find(bytes, b"  ").is_none();
    if single_spaced {
        *space |= run.starts_with(' ');
        let words = run.trim_matches(' ');
        if !words.is_empty() {
            append_word(words, space);
        }
        *space |= run.ends_with(' ');
        return;
    }
    let is_space = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) {
            *space = true;
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_space(bytes[i]) {
            i += 1;
        }
        append_word(&run[start..i], space);
    }
}

/// Typographic quotes and dashes as their ASCII counterparts. (NFKC has already turned `…`
/// into `...`.)
fn fold_typography(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// A line of an article, normalised at most once however many patterns it is tried on.
pub struct Line<'a> {
    text: &'a str,
    normalized: std::cell::OnceCell<String>,
}

impl<'a> Line<'a> {
    /// The line `text`, not normalised until a line pattern needs it (a regex does not).
    pub fn new(text: &'a str) -> Line<'a> {
        Line {
            text,
            normalized: std::cell::OnceCell::new(),
        }
    }

    /// [`normalize_line`] of the line.
    pub fn normalized(&self) -> &str {
        self.normalized.get_or_init(|| normalize_line(self.text))
    }
}

/// Parses a pattern: `/regex/` or a plain line.
pub fn parse_pattern(s: &str) -> Result<Pattern, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty boilerplate pattern: write the furniture line, or /regex/".to_string());
    }
    let Some(inner) = t.strip_prefix('/') else {
        return Ok(Pattern::Line {
            written: s.to_string(),
            normalized: normalize_line(s),
        });
    };
    let Some(regex) = inner.strip_suffix('/') else {
        return Err(format!(
            "boilerplate pattern {t:?} starts with `/` but does not end with one: write /regex/ \
             for a regular expression (a line that starts with a slash is matched by /^\\/.../)"
        ));
    };
    if regex.is_empty() {
        return Err(format!(
            "boilerplate pattern {t:?} is an empty regular expression, which would match every line"
        ));
    }
    RegexBuilder::new(regex)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map(Pattern::Regex)
        .map_err(|e| format!("boilerplate pattern {t:?} is not a valid regular expression: {e}"))
}

impl Pattern {
    /// Whether `line` is furniture according to this pattern.
    pub fn matches(&self, line: &str) -> bool {
        self.matches_line(&Line::new(line))
    }

    /// As [`Pattern::matches`], for a line tried against many patterns.
    pub fn matches_line(&self, line: &Line) -> bool {
        match self {
            Pattern::Line { normalized, .. } => {
                !normalized.is_empty() && line.normalized() == normalized
            }
            Pattern::Regex(r) => r.is_match(line.text.trim()),
        }
    }

    /// The pattern as written (regexes with their slashes), for listing removed lines.
    pub fn source(&self) -> String {
        match self {
            Pattern::Line { written, .. } => written.clone(),
            Pattern::Regex(r) => format!("/{}/", r.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_collapses_every_whitespace_and_lowercases_every_script() {
        assert_eq!(
            fold("  Read\u{a0}MORE:\t“Київ” —\u{b}ÉTÉ\u{3000}İstanbul  \r\n"),
            "read more: \"київ\" - été i\u{307}stanbul"
        );
        assert_eq!(fold("\u{2003}\u{2003}"), "");
        assert_eq!(fold("ΣΟΦΊΑ's"), "σοφία's");
    }

    /// The rule `fold` implements, word by word.
    fn fold_plainly(s: &str) -> String {
        s.split_whitespace()
            .map(|w| w.chars().flat_map(char::to_lowercase).map(fold_typography))
            .map(String::from_iter)
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest::proptest! {
        #[test]
        fn folding_is_the_word_by_word_rule(
            s in "[a-zA-Z0-9 ,.\t\n\r\u{b}\u{c}\u{1}\u{7f}É\u{a0}\u{2019}\u{3000}]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_plainly(&s));
        }
    }

    fn pat(s: &str) -> Pattern {
        parse_pattern(s).unwrap()
    }

    #[test]
    fn plain_line_from_kyiv_post() {
        let p = pat("JOIN US ON TELEGRAM");
        assert!(matches!(p, Pattern::Line { .. }));
        assert!(p.matches("JOIN US ON TELEGRAM"));
        assert!(p.matches("  join us  on\ttelegram \r"));
        assert!(p.matches("Join\u{a0}Us On Telegram"));
        assert!(!p.matches("JOIN US ON TELEGRAM today"));
        assert!(!p.matches("Please JOIN US ON TELEGRAM"));
    }

    #[test]
    fn plain_line_is_not_a_substring_match() {
        let p = pat("Send Push");
        assert!(p.matches("Send Push"));
        assert!(!p.matches("Send Push notifications to Putin"));
        assert!(!p.matches(""));
    }

    #[test]
    fn plain_line_folds_typography() {
        let p = pat("Loving Newspoint? Download the app now");
        assert!(p.matches("Loving Newspoint? Download the app now"));
        let p = pat("Putin's remarks - 1");
        assert!(p.matches("Putin\u{2019}s remarks \u{2013} 1"));
        let p = pat("Read more...");
        assert!(p.matches("Read more\u{2026}"));
    }

    #[test]
    fn see_also_regex_with_no_break_space() {
        let p = pat(r"/^See also\s/");
        assert!(matches!(p, Pattern::Regex(_)));
        assert!(p.matches("See also\u{a0} North Korean forces' role in Russia's Ukraine conflict"));
        assert!(p.matches("  See also the rest"));
        assert!(!p.matches("Seen also here"));
        assert!(!p.matches("We See also"));
    }

    #[test]
    fn date_and_view_counter_regex() {
        let p = pat(r"/^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{2}:\d{2}( \d+)?$/");
        assert!(p.matches("Nov 7, 2024 22:50 106"));
        assert!(p.matches("Nov 7, 2024 22:50"));
        assert!(!p.matches("Putin said on Nov 7, 2024 22:50 106 things"));
    }

    #[test]
    fn regex_is_matched_against_trimmed_line() {
        let p = pat("/^Follow our coverage.*@Kyivpost_official\\.$/");
        assert!(p.matches("  Follow our coverage of the war on the @Kyivpost_official.  "));
    }

    #[test]
    fn regex_is_case_sensitive_unless_asked() {
        assert!(!pat("/^send push$/").matches("Send Push"));
        assert!(pat("/(?i)^send push$/").matches("Send Push"));
    }

    #[test]
    fn source_as_written() {
        assert_eq!(pat("JOIN US ON TELEGRAM").source(), "JOIN US ON TELEGRAM");
        assert_eq!(pat(r"/^See also\s/").source(), r"/^See also\s/");
        assert_eq!(pat(r"  /^See also\s/ ").source(), r"/^See also\s/");
    }

    #[test]
    fn bad_patterns() {
        for s in ["/", "//", " // ", "/^Follow", "", "   "] {
            assert!(parse_pattern(s).is_err(), "{s:?}");
        }
        let e = parse_pattern("/(unclosed/").unwrap_err();
        assert!(e.contains("not a valid regular expression"), "{e}");
        assert!(e.contains("unclosed group"), "{e}");
    }

    #[test]
    fn huge_regex_is_refused() {
        let e = parse_pattern(r"/\w{1000}\w{1000}\w{1000}/").unwrap_err();
        assert!(e.contains("size limit"), "{e}");
    }

    #[test]
    fn equality_and_debug() {
        assert_eq!(pat("/a/"), pat("/a/"));
        assert_ne!(pat("/a/"), pat("a"));
        assert_eq!(format!("{:?}", pat("/a+/")), "Regex(\"a+\")");
        assert_eq!(format!("{:?}", pat("x")), "Line(\"x\")");
    }

    /// `normalize_line` as it was before it went word by word: that must not change a single
    /// result.
    fn normalize_line_reference(s: &str) -> String {
        let lowered: Vec<char> = if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
            s.chars().flat_map(char::to_lowercase).collect()
        } else {
            s.nfkc().flat_map(char::to_lowercase).collect()
        };
        let mut out = String::new();
        let mut pending_space = false;
        for c in lowered {
            if c.is_whitespace() {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
                | '\u{bb}' => out.push('"'),
                '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
                _ => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config())]
        #[test]
        fn normalize_line_is_unchanged_by_going_word_by_word(
            s in "([ -~\t\n\u{a0}\u{2018}-\u{2026}\u{2212}İẞΣÉé\u{301}\u{323}ﬁ㍱Ꮳ]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(normalize_line(&s), normalize_line_reference(&s));
        }
    }

    #[test]
    fn normalize() {
        assert_eq!(normalize_line("  A\u{a0}\u{a0}b\n C  "), "a b c");
        assert_eq!(
            normalize_line("\u{201c}Ready\u{201d}\u{2026}"),
            "\"ready\"..."
        );
        assert_eq!(normalize_line(""), "");
        assert_eq!(normalize_line(" \t "), "");
    }
}

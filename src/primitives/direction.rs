//! Which way a language's text runs, from its script: the one answer every page, feed and
//! search result asks before it lays out an outlet's words.
//!
//! The answer comes from the language tag, as `unic-langid` reads it: a script subtag decides
//! (`az-Arab`, `pa-Arab`, `ku-Arab` are right to left, `uz-Latn` left to right), and without one
//! the language's usual script does (Arabic, Hebrew, Persian, Urdu, Pashto, Yiddish, Sindhi,
//! Central Kurdish, Dhivehi …). A list of two languages would miss most of them.

use std::borrow::Cow;

use unic_langid::{CharacterDirection, LanguageIdentifier};
use unicode_bidi::{BidiClass, bidi_class};

/// Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: what `<bdi>` is in plain text.
pub const FSI: char = '\u{2068}';
/// Ends what [`FSI`] begins.
pub const PDI: char = '\u{2069}';
/// Unicode's LEFT-TO-RIGHT ISOLATE and RIGHT-TO-LEFT ISOLATE, which [`PDI`] ends too.
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';

/// The direction of a text, as HTML's `dir` attribute names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (`ltr`).
    Ltr,
    /// Right to left (`rtl`).
    Rtl,
    /// Not known: the browser decides from the text's first strong letter (`auto`).
    Auto,
}

impl Direction {
    /// The direction of text in the language `tag` (`ar`, `he-IL`, `az-Arab`); [`Direction::Auto`]
    /// for an empty or malformed tag. Vertical scripts (Mongolian in its own script) are laid
    /// out left to right on the web, their lines' own direction being a matter of CSS.
    pub fn of(tag: &str) -> Direction {
        let tag = tag.trim();
        if tag.is_empty() {
            return Direction::Auto;
        }
        let Ok(mut id) = tag.parse::<LanguageIdentifier>() else {
            return Direction::Auto;
        };
        // Hebrew and Yiddish under their withdrawn ISO 639 codes, which old pages and feeds
        // still give; the tables know them by today's.
        let current = match id.language.as_str() {
            "iw" => Some("he"),
            "ji" => Some("yi"),
            _ => None,
        };
        if let Some(code) = current.and_then(|c| c.parse().ok()) {
            id.language = code;
        }
        let direction = match id.script.as_ref().map(|s| s.as_str()) {
            // Right-to-left scripts the tables leave out (they list the scripts of CLDR's
            // locales): Hebrew, Syriac, Thaana, Samaritan, Mandaic, Yezidi.
            Some("Hebr" | "Syrc" | "Thaa" | "Samr" | "Mand" | "Yezi") => CharacterDirection::RTL,
            _ => id.character_direction(),
        };
        match direction {
            CharacterDirection::RTL => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    /// `ltr`, `rtl` or `auto`, for a `dir` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
            Direction::Auto => "auto",
        }
    }

    /// Unicode's first-strong isolate (FSI) and pop directional isolate (PDI) around `text`,
    /// for plain text that has no markup to carry a `dir` (a page's `<title>`, a feed's titles):
    /// `text`, in this direction, is laid out on its own, and punctuation around it stays where
    /// the surrounding text puts it. Text of the `surrounding` direction needs none.
    pub fn isolate(self, text: &str, surrounding: Direction) -> String {
        if self == surrounding && self != Direction::Auto {
            text.to_string()
        } else {
            format!("{FSI}{text}{PDI}")
        }
    }

    /// The direction of strong characters of this class, if it is a strong one.
    fn of_class(class: BidiClass) -> Option<Direction> {
        match class {
            BidiClass::L => Some(Direction::Ltr),
            BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
            _ => None,
        }
    }
}

/// Every run of words in the other direction than `base` isolated ([`FSI`] … [`PDI`]), so that
/// punctuation, quotation marks, numbers and footnote markers around it stay where a reader of
/// the surrounding text expects them: `Okaz: “بقوة 8.2 درجة” [9]` keeps its closing quote and
/// its `[9]` on the right. A run goes from its first strong letter to its last before a letter
/// of `base`'s direction, with the figures that follow it (`درجة 8.2`); the spaces and
/// punctuation around it stay outside. `breaks(c)` marks characters that end a run and are
/// never inside one (the placeholders of a page's own markup). Text without a run is returned
/// as it is; `base` [`Direction::Auto`] isolates nothing.
pub fn isolate_runs(text: &str, base: Direction, breaks: impl Fn(char) -> bool) -> Cow<'_, str> {
    let opposite = match base {
        // ASCII has no right-to-left letter: most of an English site's text is done here.
        Direction::Ltr if text.is_ascii() => return Cow::Borrowed(text),
        Direction::Ltr => Direction::Rtl,
        Direction::Rtl => Direction::Ltr,
        Direction::Auto => return Cow::Borrowed(text),
    };
    let strong = |c: char| {
        if breaks(c) {
            return Some(base);
        }
        match bidi_class(c) {
            // Arabic-Indic figures (`٦٫٢`) are written only inside Arabic text: in a run of it
            // they belong to the run, even at its start.
            BidiClass::AN if opposite == Direction::Rtl => Some(Direction::Rtl),
            class => Direction::of_class(class),
        }
    };
    // Most text has no run of the other direction: one pass tells.
    if !text.chars().any(|c| strong(c) == Some(opposite)) {
        return Cow::Borrowed(text);
    }
    // Each character with its strong direction; what is already isolated (an outlet's name
    // isolated on its own before it was put in a list) counts as neutral, as the bidi algorithm
    // sees it from outside.
    let mut depth = 0usize;
    let classes: Vec<(usize, char, Option<Direction>)> = text
        .char_indices()
        .map(|(i, c)| {
            let class = match c {
                FSI | LRI | RLI => {
                    depth += 1;
                    None
                }
                PDI => {
                    depth = depth.saturating_sub(1);
                    None
                }
                _ if depth > 0 => None,
                _ => strong(c),
            };
            (i, c, class)
        })
        .collect();
    let mut out = String::with_capacity(text.len() + 12);
    let mut copied = 0;
    let mut k = 0;
    while let Some(first) = classes[k..]
        .iter()
        .position(|(_, _, d)| *d == Some(opposite))
    {
        let start = classes[k + first].0;
        // The end of the last letter of the run before a letter of the base direction.
        let mut end = start;
        for &(i, c, d) in &classes[k + first..] {
            match d {
                Some(d) if d == opposite => end = i + c.len_utf8(),
                Some(_) => break,
                None => {}
            }
        }
        end += trailing_figures(&text[end..]);
        out.push_str(&text[copied..start]);
        out.push(FSI);
        out.push_str(&text[start..end]);
        out.push(PDI);
        copied = end;
        k = classes.partition_point(|(i, _, _)| *i < end);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The direction of every strong letter of `text` when they all have one (`ignore`d characters
/// aside); `None` for text with letters of both directions, or none.
pub fn sole_direction(text: &str, ignore: impl Fn(char) -> bool) -> Option<Direction> {
    let mut letters = text
        .chars()
        .filter(|c| !ignore(*c))
        .filter_map(|c| Direction::of_class(bidi_class(c)));
    let first = letters.next()?;
    letters.all(|d| d == first).then_some(first)
}

/// The direction of most of the strong letters of `text` (`ignore`d characters aside): the
/// direction whose letters are at least `share` of them (0.5 to 1); `None` when neither is,
/// or for text without letters.
pub fn dominant_direction(
    text: &str,
    share: f64,
    ignore: impl Fn(char) -> bool,
) -> Option<Direction> {
    let (mut ltr, mut rtl) = (0usize, 0usize);
    for c in text.chars().filter(|c| !ignore(*c)) {
        match Direction::of_class(bidi_class(c)) {
            Some(Direction::Ltr) => ltr += 1,
            Some(Direction::Rtl) => rtl += 1,
            _ => {}
        }
    }
    let all = (ltr + rtl) as f64;
    if all == 0.0 {
        None
    } else if ltr as f64 >= share * all {
        Some(Direction::Ltr)
    } else if rtl as f64 >= share * all {
        Some(Direction::Rtl)
    } else {
        None
    }
}

/// A short text of the editor's (a claim, a question, a title) isolated for a page in the
/// direction `base`: whole, with its punctuation, when every letter of it is of the other
/// direction (`How strong was the quake?` on an Arabic page keeps its question mark at its
/// end), else run by run as [`isolate_runs`] does.
pub fn isolate_text(text: &str, base: Direction) -> Cow<'_, str> {
    let opposite = match base {
        // Most texts of a left-to-right site have no right-to-left letter at all, and ruling
        // them out by code point spares each char a lookup of its bidirectional class.
        Direction::Ltr if !text.chars().any(may_be_right_to_left) => return Cow::Borrowed(text),
        Direction::Ltr => Direction::Rtl,
        Direction::Rtl => Direction::Ltr,
        Direction::Auto => return Cow::Borrowed(text),
    };
    let all_opposite = sole_direction(text, |_| false) == Some(opposite);
    if !all_opposite || text.contains([FSI, PDI, LRI, RLI]) {
        return isolate_runs(text, base, |_| false);
    }
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    Cow::Owned(format!(
        "{}{FSI}{}{PDI}{}",
        &text[..start],
        &text[start..end],
        &text[end..]
    ))
}

/// Whether `c` may be of a right-to-left bidirectional class (R, AL, or an explicit RTL mark,
/// embedding, override or isolate): the blocks of the right-to-left scripts and the marks. A
/// char outside them is never right to left.
fn may_be_right_to_left(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08ff}'
            | '\u{200f}'
            | '\u{202b}'
            | '\u{202e}'
            | '\u{2067}'
            | '\u{fb1d}'..='\u{fdff}'
            | '\u{fe70}'..='\u{feff}'
            | '\u{10800}'..='\u{10fff}'
            | '\u{1e800}'..='\u{1efff}'
    )
}

/// The length of the figures right after a run (`8.2` of `درجة 8.2`, `15%`, `٨٫٢`): spaces,
/// then digits with the separators between them; 0 when something else comes first.
fn trailing_figures(after: &str) -> usize {
    let digits_start = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
    let mut end = 0;
    let mut chars = after[digits_start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match bidi_class(c) {
            BidiClass::EN | BidiClass::AN => end = digits_start + i + c.len_utf8(),
            // A separator or a sign counts only between figures or right after them (`8.2`,
            // `1,000`, `15%`), never as the run's last character on its own.
            BidiClass::CS | BidiClass::ES
                if chars.peek().is_some_and(|(_, n)| {
                    matches!(bidi_class(*n), BidiClass::EN | BidiClass::AN)
                }) => {}
            BidiClass::ET if end > 0 => end = digits_start + i + c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// The attributes the templates' `lang_dir` filter prints for an element holding text in
/// `language` on a site of direction `site`, appended to `out`: ` lang="ar" dir="rtl"`, and
/// with `isolate` always a `dir` (`auto` for no language).
pub(crate) fn lang_dir_into(out: &mut String, language: &str, isolate: bool, site: Direction) {
    let language = language.trim();
    let direction = Direction::of(language);
    if !language.is_empty() {
        out.push_str(" lang=\"");
        crate::primitives::html::escape_into(out, language);
        out.push('"');
    }
    let differs = !language.is_empty() && direction != site;
    if isolate || differs {
        out.push_str(" dir=\"");
        out.push_str(direction.attribute());
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_right_to_left_char_is_in_the_blocks_ruled_in() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if matches!(
                bidi_class(c),
                BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
            ) {
                assert!(may_be_right_to_left(c), "{c:?} U+{:04X}", c as u32);
            }
        }
        assert_eq!(
            isolate_text("“Zürich” — 8,2 °C", Direction::Ltr),
            "“Zürich” — 8,2 °C"
        );
    }

    #[test]
    fn the_script_decides() {
        for rtl in [
            "ar", "ar-EG", "he", "iw", "fa", "ur", "ps", "yi", "sd", "ckb", "dv", "ug", "az-Arab",
            "pa-Arab", "ku-Arab", "lad-Hebr", "syr",
        ] {
            assert_eq!(Direction::of(rtl), Direction::Rtl, "{rtl}");
        }
        for ltr in [
            "en", "uk", "pl", "nl", "zh", "ja", "th", "el", "ru", "tr", "az", "ku", "uz-Latn",
            "sr-Cyrl", "ha", "ms", "pa", "uz", "bm", "ff",
        ] {
            assert_eq!(Direction::of(ltr), Direction::Ltr, "{ltr}");
        }
        assert_eq!(Direction::of(""), Direction::Auto);
        assert_eq!(Direction::of("not a language!"), Direction::Auto);
        assert_eq!(Direction::Rtl.attribute(), "rtl");
    }

    #[test]
    fn a_text_wholly_in_the_other_direction_is_isolated_with_its_punctuation() {
        assert_eq!(
            isolate_text("How strong was the quake?", Direction::Rtl),
            format!("{FSI}How strong was the quake?{PDI}")
        );
        // Mixed: run by run, the page's own punctuation outside.
        assert_eq!(
            isolate_text("Okaz: بقوة 8.2 درجة.", Direction::Ltr),
            format!("Okaz: {FSI}بقوة 8.2 درجة{PDI}.")
        );
        assert_eq!(isolate_text("Sochi", Direction::Ltr), "Sochi");
        assert_eq!(isolate_text("6.4", Direction::Rtl), "6.4");
    }

    #[test]
    fn arabic_figures_belong_to_the_arabic_run() {
        assert_eq!(
            isolate_runs("gives “٦٫٢ درجة” [1]", Direction::Ltr, |_| false),
            format!("gives “{FSI}٦٫٢ درجة{PDI}” [1]")
        );
    }

    #[test]
    fn what_is_isolated_already_is_left_as_it_is() {
        let names = format!("{FSI}صوت المتوسط{PDI}, {FSI}המפרץ{PDI} and Meridian");
        assert_eq!(isolate_runs(&names, Direction::Ltr, |_| false), names);
        let mixed = format!("{FSI}صوت{PDI} says بقوة 8.2");
        assert_eq!(
            isolate_runs(&mixed, Direction::Ltr, |_| false),
            format!("{FSI}صوت{PDI} says {FSI}بقوة 8.2{PDI}")
        );
    }

    fn runs(text: &str, base: Direction) -> String {
        isolate_runs(text, base, |c| c == '\u{E000}')
            .replace(FSI, "⁅")
            .replace(PDI, "⁆")
    }

    #[test]
    fn runs_of_the_other_direction_are_isolated_without_their_punctuation() {
        assert_eq!(
            runs("Okaz: “بقوة 8.2 درجة”", Direction::Ltr),
            "Okaz: “⁅بقوة 8.2 درجة⁆”"
        );
        assert_eq!(runs("قال «عكاظ» أمس.", Direction::Ltr), "⁅قال «عكاظ» أمس⁆.");
        // The figures after a run are the run's: an Arabic reader reads them after the words.
        assert_eq!(runs("بقوة 8.2, then", Direction::Ltr), "⁅بقوة 8.2⁆, then");
        assert_eq!(runs("بنسبة 15% and", Direction::Ltr), "⁅بنسبة 15%⁆ and");
        assert_eq!(runs("بقوة ٨٫٢.", Direction::Ltr), "⁅بقوة ٨٫٢⁆.");
        // Two runs, each on its own; Hebrew too.
        assert_eq!(
            runs("ynet: „בלילה” and Okaz: عكاظ", Direction::Ltr),
            "ynet: „⁅בלילה⁆” and Okaz: ⁅عكاظ⁆"
        );
        // In a right-to-left site, English names are the runs.
        assert_eq!(
            runs("قالت Kyiv Post إن", Direction::Rtl),
            "قالت ⁅Kyiv Post⁆ إن"
        );
        // A placeholder ends a run and is never in one.
        assert_eq!(runs("بقوة\u{E000}", Direction::Ltr), "⁅بقوة⁆\u{E000}");
        assert_eq!(runs("بقوة\u{E000}", Direction::Rtl), "بقوة\u{E000}");
        // Nothing to do: the same text, not a copy.
        assert!(matches!(
            isolate_runs("Plain English, 8.2.", Direction::Ltr, |_| false),
            Cow::Borrowed(_)
        ));
        assert_eq!(runs("عكاظ", Direction::Auto), "عكاظ");
    }

    #[test]
    fn plain_text_is_isolated_where_its_direction_differs() {
        let isolate = |text, language, surrounding| {
            Direction::of(language).isolate(text, Direction::of(surrounding))
        };
        assert_eq!(isolate("بقوة 8.2", "ar", "en"), "\u{2068}بقوة 8.2\u{2069}");
        assert_eq!(isolate("Okaz", "en", "en"), "Okaz");
        assert_eq!(isolate("خبر", "ar", "fa"), "خبر");
        // Unknown: the reader's software decides, on its own.
        assert_eq!(isolate("x", "", "en"), "\u{2068}x\u{2069}");
    }
}

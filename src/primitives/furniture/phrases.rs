//! The phrase lists of the built-in furniture rules, read from `<language>.txt` beside this
//! file (see `README.txt`), and the character tests the rules and bylines share.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::primitives::boilerplate::normalize_line;

/// The phrase lists, one file per language (see `furniture/README.txt`).
pub(crate) const LISTS: &[&str] = &[
    include_str!("common.txt"),
    include_str!("en.txt"),
    include_str!("uk.txt"),
    include_str!("ru.txt"),
    include_str!("bg.txt"),
    include_str!("pl.txt"),
    include_str!("de.txt"),
    include_str!("fr.txt"),
    include_str!("es.txt"),
    include_str!("it.txt"),
    include_str!("pt.txt"),
    include_str!("nl.txt"),
    include_str!("tr.txt"),
    include_str!("ar.txt"),
    include_str!("he.txt"),
];

/// Every language's phrases, merged by section: a copy may mix languages (an English share bar
/// on a Polish article), and an article's language is not always known.
#[derive(Debug, Default)]
pub struct FurniturePhrases {
    pub related: Vec<String>,
    pub share: HashSet<String>,
    pub prompt: Vec<String>,
    pub notice: Vec<String>,
    pub desk: HashSet<String>,
    pub nav: Vec<String>,
    pub nav_word: HashSet<String>,
    /// The first word of every stamp phrase of several words ("il" of "il y a").
    pub stamp_phrase_starts: HashSet<String>,
    /// The first word of every byline lead, to reject most lines at once.
    pub byline_first_words: HashSet<String>,
    pub social: Vec<String>,
    pub media: HashSet<String>,
    pub byline: Vec<String>,
    pub caption: Vec<String>,
    pub stamp: HashSet<String>,
    pub month: Vec<String>,
    pub counter: HashSet<String>,
    pub and: HashSet<String>,
    pub particle: HashSet<String>,
    pub agency: HashSet<String>,
}

/// The merged phrase lists, read once.
pub fn phrases() -> &'static FurniturePhrases {
    static PHRASES: OnceLock<FurniturePhrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut p = FurniturePhrases::default();
        for list in LISTS {
            parse_list(list, &mut p);
        }
        // Longest first, so that "read more" is tried before "read" and the rest after the
        // phrase is measured from the longest match.
        for v in [
            &mut p.related,
            &mut p.prompt,
            &mut p.social,
            &mut p.byline,
            &mut p.caption,
            &mut p.month,
            &mut p.nav,
        ] {
            v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
            v.dedup();
        }
        p.stamp_phrase_starts = p
            .stamp
            .iter()
            .filter_map(|phrase| phrase.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        p.byline_first_words = p
            .byline
            .iter()
            .filter_map(|lead| lead.split(' ').next())
            .map(str::to_string)
            .collect();
        p
    })
}

fn parse_list(text: &str, p: &mut FurniturePhrases) {
    let mut section = "";
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let phrase = fold(line);
        match section {
            "related" => p.related.push(phrase),
            "share" => drop(p.share.insert(phrase)),
            "prompt" => p.prompt.push(phrase),
            "notice" => p.notice.push(phrase),
            "desk" => drop(p.desk.insert(phrase)),
            "nav" => p.nav.push(phrase),
            "navword" => drop(p.nav_word.insert(phrase)),
            "social" => p.social.push(phrase),
            "media" => drop(p.media.insert(phrase)),
            "byline" => p.byline.push(phrase),
            "caption" => p.caption.push(phrase),
            "stamp" => drop(p.stamp.insert(phrase)),
            "month" => p.month.push(phrase),
            "counter" => drop(p.counter.insert(phrase)),
            "and" => drop(p.and.insert(phrase)),
            "particle" => drop(p.particle.insert(phrase)),
            "agency" => drop(p.agency.insert(phrase)),
            // The lists are compiled in and covered by a test; an unknown section is a typo
            // there, not something an editor can meet.
            other => debug_assert!(false, "unknown furniture section [{other}]"),
        }
    }
}

/// A line as the phrase lists are compared with it: as editors' patterns are
/// ([`normalize_line`]), and with the dot that lower-casing leaves on Turkish `İ` ("i̇lginizi")
/// dropped, so that "İlginizi çekebilir" is the list's "ilginizi çekebilir".
pub fn fold(line: &str) -> String {
    fold_normalized(&normalize_line(line)).into_owned()
}

/// [`fold`] of a line already put through [`normalize_line`].
pub fn fold_normalized(normalized: &str) -> std::borrow::Cow<'_, str> {
    if normalized.contains('\u{307}') {
        normalized.replace("i\u{307}", "i").into()
    } else {
        normalized.into()
    }
}

/// Whether `c` is written in a script without letter case (Arabic, Hebrew …): there, a name
/// cannot be told by its capital.
pub fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

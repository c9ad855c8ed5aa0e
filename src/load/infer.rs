//! Infers the title, date and outlet of a raw `.txt` article copied from the web without front
//! matter, and says in plain sentences what it inferred and why, for `digest check`.

use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::{Captures, Regex};

use crate::primitives::when::{When, parse_when};

/// Dates and headlines sit at the top of a copied page; further down, a date is more likely to
/// be one the article talks about than the one it was published on.
const SCAN_LINES: usize = 15;
const MIN_HEADLINE_WORDS: usize = 3;
const MAX_HEADLINE_WORDS: usize = 25;
const MAX_HEADLINE_CHARS: usize = 200;
/// A sentence of this many words ending in a full stop is reporting, not furniture; once the
/// article text has begun, a later short line is a subheading or another story's headline.
const MIN_BODY_SENTENCE_WORDS: usize = 10;

/// What could be inferred; `usize` is the 1-based line the value came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inferred {
    /// The first line near the top that reads as a headline.
    pub title: Option<(String, usize)>,
    /// The first date (and time, when it has one) near the top, in the site's time zone unless
    /// it states an offset.
    pub published: Option<(When, usize)>,
    /// The outlet id the file is named after (see [`source_from_file_stem`]).
    pub source: Option<String>,
    /// Human sentences describing what was inferred and why (or why not).
    pub notes: Vec<String>,
}

const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const TIME: &str =
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<min>\d{2})\b(?:\s*(?P<ampm>[ap])\.?m\b\.?)?)?";

// The patterns are constants; `None` (which the tests rule out) would only disable inference.
static ISO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?P<offset>\s?(?:z|utc|[+-]\d{2}:?\d{2})\b)?)?",
    )
    .ok()
});
static MONTH_DAY_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b,?\s+(?P<year>\d{{4}})\b{TIME}"
    ))
    .ok()
});
static DAY_MONTH_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?P<year>\d{{4}})\b{TIME}"
    ))
    .ok()
});
/// A label that may precede a date at the start of a line, as in 002's ` date 2024-11-07 …`.
static DATE_LABEL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:date|published|posted|updated)(?:\s+on)?\s*:?\s*").ok());

/// A date found in a line, with its byte range.
struct Found {
    start: usize,
    end: usize,
    when: When,
    /// A time was given without an offset, so the site's default was assumed.
    default_offset: bool,
}

fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = months.iter().position(|m| *m == prefix)?;
    u32::try_from(index + 1).ok()
}

fn english_date(caps: &Captures<'_>, default_offset: FixedOffset) -> Option<Found> {
    let whole = caps.get(0)?;
    let month = month_number(caps.name("mon")?.as_str())?;
    let day: u32 = caps.name("day")?.as_str().parse().ok()?;
    let year: i32 = caps.name("year")?.as_str().parse().ok()?;
    if year < 1 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let (when, default, end) = match (caps.name("hour"), caps.name("min")) {
        (Some(h), Some(m)) => {
            let hour: Option<u32> = h.as_str().parse().ok();
            let hour = match caps.name("ampm") {
                Some(ampm) => hour.filter(|h| (1..=12).contains(h)).map(|h| {
                    let pm = if ampm.as_str().eq_ignore_ascii_case("p") {
                        12
                    } else {
                        0
                    };
                    h % 12 + pm
                }),
                None => hour,
            };
            let minute: Option<u32> = m.as_str().parse().ok();
            let time = hour
                .zip(minute)
                .and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
            let dt = time.and_then(|time| {
                default_offset
                    .from_local_datetime(&NaiveDateTime::new(date, time))
                    .single()
            });
            match dt {
                Some(dt) => (When::DateTime(dt), true, whole.end()),
                // "25:50" is not a time, but the date before it still stands.
                None => (When::Day(date), false, caps.name("year")?.end()),
            }
        }
        _ => (When::Day(date), false, whole.end()),
    };
    Some(Found {
        start: whole.start(),
        end,
        when,
        default_offset: default,
    })
}

/// All dates in `line`, leftmost first.
fn find_dates(line: &str, default_offset: FixedOffset) -> Vec<Found> {
    let mut found = Vec::new();
    if let Some(re) = ISO.as_ref() {
        for caps in re.captures_iter(line) {
            let Some(whole) = caps.get(0) else { continue };
            // "2024-11-071" is not a date followed by a digit.
            if line
                .get(whole.end()..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            if let Ok(when) = parse_when(whole.as_str(), default_offset) {
                found.push(Found {
                    start: whole.start(),
                    end: whole.end(),
                    when,
                    default_offset: matches!(when, When::DateTime(_))
                        && caps.name("offset").is_none(),
                });
            }
        }
    }
    for re in [MONTH_DAY_YEAR.as_ref(), DAY_MONTH_YEAR.as_ref()]
        .into_iter()
        .flatten()
    {
        found.extend(
            re.captures_iter(line)
                .filter_map(|caps| english_date(&caps, default_offset)),
        );
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The outlet a file is named after: `fakti.txt`, `fakti-2.txt` or `fakti_2024.txt` is Fakti's.
/// Exposed so that a caller can pick the outlet's boilerplate patterns before calling [`infer`].
pub fn source_from_file_stem<'a>(file_stem: &str, outlet_ids: &[&'a str]) -> Option<&'a str> {
    if let Some(id) = outlet_ids
        .iter()
        .find(|id| !id.is_empty() && id.eq_ignore_ascii_case(file_stem))
    {
        return Some(id);
    }
    outlet_ids
        .iter()
        .filter(|id| {
            !id.is_empty()
                && file_stem
                    .get(..id.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(id))
                && matches!(file_stem.as_bytes().get(id.len()), Some(b'-' | b'_'))
        })
        .max_by_key(|id| id.len())
        .copied()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The last character that carries meaning: closing quotes and brackets do not end a sentence.
fn last_meaningful_char(s: &str) -> Option<char> {
    s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}'
            )
    })
    .chars()
    .next_back()
}

fn ends_like_sentence(s: &str) -> bool {
    matches!(
        last_meaningful_char(s),
        Some('.' | ':' | ';' | ',' | '\u{2026}')
    )
}

/// Whether `candidate` reads as a headline: a few words, no closing full stop, not a date.
fn reads_as_headline(candidate: &str, default_offset: FixedOffset) -> bool {
    let words = word_count(candidate);
    if !(MIN_HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&words)
        || candidate.chars().count() > MAX_HEADLINE_CHARS
        || ends_like_sentence(candidate)
    {
        return false;
    }
    // "Nov 7, 2024 22:50 106" or "Updated: 7 November 2024" is a dateline, not a headline.
    let mut without_dates = String::new();
    let mut from = 0;
    for f in find_dates(candidate, default_offset) {
        if f.start >= from {
            without_dates.push_str(candidate.get(from..f.start).unwrap_or(""));
            without_dates.push(' ');
            from = f.end;
        }
    }
    without_dates.push_str(candidate.get(from..).unwrap_or(""));
    let letter_words = without_dates
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    letter_words >= MIN_HEADLINE_WORDS
}

fn reads_as_body(candidate: &str) -> bool {
    let words = word_count(candidate);
    words > MAX_HEADLINE_WORDS
        || (words >= MIN_BODY_SENTENCE_WORDS
            && matches!(last_meaningful_char(candidate), Some('.')))
}

/// The part of a line that could be a headline: a line that starts with a date (` date
/// 2024-11-07 The Russian leader …`) is judged by what follows the date.
fn headline_candidate(line: &str, dates: &[Found]) -> String {
    let label_len = DATE_LABEL
        .as_ref()
        .and_then(|re| re.find(line))
        .map_or(0, |m| m.end());
    if let Some(first) = dates.first()
        && (first.start == 0 || first.start == label_len)
    {
        let rest = line.get(first.end..).unwrap_or("");
        return rest
            .trim_start_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '|' | '-' | ':' | ',' | '\u{2013}' | '\u{2014}' | '\u{b7}' | '\u{2022}'
                    )
            })
            .trim_end()
            .to_string();
    }
    line.to_string()
}

fn quote(s: &str) -> String {
    // Long enough for any headline (see `MAX_HEADLINE_CHARS`); cuts only pasted oddities.
    const MAX: usize = 200;
    if s.chars().count() > MAX {
        let head: String = s.chars().take(MAX).collect();
        format!("\"{head}…\"")
    } else {
        format!("\"{s}\"")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn offset_text(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let abs = secs.unsigned_abs();
    let sign = if secs < 0 { '-' } else { '+' };
    format!("UTC{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

/// Infers metadata for a raw article `text` (a whole `.txt` file without front matter).
///
/// `is_boilerplate` tells page furniture ("Last news in Fakti") from a headline; pass the
/// site's and, if known (see [`source_from_file_stem`]), the outlet's patterns.
pub fn infer(
    text: &str,
    file_stem: &str,
    outlet_ids: &[&str],
    default_offset: FixedOffset,
    is_boilerplate: &dyn Fn(&str) -> bool,
) -> Inferred {
    let mut out = Inferred::default();
    infer_source(&mut out, file_stem, outlet_ids);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .take(SCAN_LINES);
    let mut title = TitleSearch {
        looking: true,
        furniture_skipped: 0,
        body_starts: None,
    };
    for (line_no, line) in lines {
        let dates = find_dates(line, default_offset);
        if out.published.is_none()
            && let Some(first) = dates.first()
        {
            out.notes
                .push(published_note(line, line_no, first, default_offset));
            out.published = Some((first.when, line_no));
        }
        if title.looking {
            let is_furniture = is_boilerplate(line);
            title.consider(
                &mut out,
                line,
                line_no,
                is_furniture,
                &dates,
                default_offset,
            );
        }
        if !title.looking && out.published.is_some() {
            break;
        }
    }
    note_what_was_not_found(&mut out, title.body_starts);
    out
}

/// The outlet, from the file's name.
fn infer_source(out: &mut Inferred, file_stem: &str, outlet_ids: &[&str]) {
    match source_from_file_stem(file_stem, outlet_ids) {
        Some(id) => {
            out.notes.push(format!(
                "source {} from the file name {}",
                quote(id),
                quote(file_stem)
            ));
            out.source = Some(id.to_string());
        }
        None => out.notes.push(format!(
            "no outlet id matches the file name {}; name the file after an outlet (like \
             <outlet>.txt or <outlet>-2.txt) or add front matter with `source:`",
            quote(file_stem)
        )),
    }
}

/// Where the publication date came from, and the offset assumed when the text gives none.
fn published_note(
    line: &str,
    line_no: usize,
    first: &Found,
    default_offset: FixedOffset,
) -> String {
    let written = line.get(first.start..first.end).unwrap_or("").trim();
    let assumed = if first.default_offset {
        format!(
            "; the text gives no UTC offset, so the site's {} is assumed",
            offset_text(default_offset)
        )
    } else {
        String::new()
    };
    format!(
        "published {} from line {line_no} ({}{assumed})",
        first.when.datetime_attr(),
        quote(written)
    )
}

/// The search for the headline among a copy's first lines: page furniture is skipped, and the
/// search ends at the first line that reads as a headline, or as article text.
struct TitleSearch {
    looking: bool,
    furniture_skipped: usize,
    /// The line that already reads as article text, when no headline came before it.
    body_starts: Option<usize>,
}

impl TitleSearch {
    fn consider(
        &mut self,
        out: &mut Inferred,
        line: &str,
        line_no: usize,
        is_furniture: bool,
        dates: &[Found],
        default_offset: FixedOffset,
    ) {
        if is_furniture {
            self.furniture_skipped += 1;
            return;
        }
        let candidate = headline_candidate(line, dates);
        if reads_as_headline(&candidate, default_offset) {
            let skipped = if self.furniture_skipped > 0 {
                format!(
                    "; {} of page furniture before it skipped",
                    plural(self.furniture_skipped, "line", "lines")
                )
            } else {
                String::new()
            };
            out.notes.push(format!(
                "title {} from line {line_no} (first line that reads as a headline{skipped})",
                quote(&candidate)
            ));
            out.title = Some((candidate, line_no));
            self.looking = false;
        } else if reads_as_body(&candidate) {
            self.body_starts = Some(line_no);
            self.looking = false;
        }
    }
}

/// Notes for the title and date that the text did not give.
fn note_what_was_not_found(out: &mut Inferred, body_starts: Option<usize>) {
    if out.title.is_none() {
        let why = match body_starts {
            Some(n) => format!(
                " (line {n} already reads as article text, so the copy seems to start below \
                 the headline)"
            ),
            None => String::new(),
        };
        out.notes.push(format!(
            "no line reads as a headline; the title is taken from the file name{why}"
        ));
    }
    if out.published.is_none() {
        out.notes.push(format!(
            "no date found in the first {SCAN_LINES} lines; add front matter with `published:`"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLETS: &[&str] = &[
        "kyivpost",
        "defencetalks",
        "aljazeera",
        "newszop",
        "fakti",
        "fakti-bg",
    ];

    fn plus2() -> FixedOffset {
        FixedOffset::east_opt(2 * 3600).unwrap()
    }

    fn none(_: &str) -> bool {
        false
    }

    fn run(text: &str, stem: &str, furniture: &[&str]) -> Inferred {
        let furniture: Vec<String> = furniture.iter().map(|s| s.to_string()).collect();
        let is_bp = move |l: &str| furniture.iter().any(|f| f == l);
        infer(text, stem, OUTLETS, plus2(), &is_bp)
    }

    const KYIV_POST: &str = "Russian leader Vladimir Putin on Thursday publicly congratulated Donald Trump on his presidential election victory and said he would welcome a phone call any time from the American leader to discuss a conclusion to the war in Ukraine.\n\
        Speaking at a forum at Moscow-based think Valdai Discussion Club, Putin explained that he had not yet called Trump himself because, after all, he insisted that the West stopped speaking to Russia, not the other way around.\n\
        JOIN US ON TELEGRAM\n\
        Follow our coverage of the war on the @Kyivpost_official.\n\
        \u{201c}I don\u{2019}t think it would be inappropriate for me to call him,\u{201d} Putin said.\n\
        \u{2018}We Expect Clear, Fast Step\u{2019}\u{2019} \u{2013} Ukrainian PM Believes in Continued US Support After Trump\u{2019}s Victory\n";

    const DEFENCE_TALKS: &str = "Putin extends his congratulations to Trump on his presidential victory and expresses his readiness for dialogue\n\
        \n\
        Russian President Vladimir Putin extended his congratulations to Donald Trump on his electoral victory on Thursday, expressing his openness to engage in dialogue with the president-elect.\n\
        \n\
        When asked about his willingness to communicate with Trump, Putin affirmed, \u{201c}Yes, we are ready.\u{201d}\n";

    const AL_JAZEERA: &str = " date 2024-11-07 The Russian leader congratulates Trump on winning the US election, saying he was ready for talks with the Republican president-elect.\n\
        \n\
        Russia\u{2019}s President Vladimir Putin has congratulated Donald Trump on winning the United States election, saying Moscow was ready for dialogue with the Republican president-elect.\n\
        \n\
        In his first public remarks since Trump\u{2019}s win, Putin on Thursday praised the US leader\u{2019}s courage during an assassination attempt at a campaign rally in Butler, Pennsylvania, on July 14.\n";

    const NEWSZOP: &str = "World\n\
        Next Story\n\
        Newszop\n\
        \n\
        Putin open to discuss Ukraine with Trump while upholding Russia's demands: Kremlin\n\
        \n\
        Send Push\n\
        Russian President Vladimir Putin on Friday said that he is ready to discuss Ukraine with Donald Trump, the US president-elect, whilst maintaining Moscow's established position and objectives regarding Ukraine, according to a Kremlin statement.\n";

    const FAKTI: &str = "Last news in Fakti\n\
        \n\
        Putin congratulated Trump on the victory: Russia is ready to resume relations with the US\n\
        \n\
        The Russian president expressed readiness for dialogue with the new American leader, but stressed that the future of relations depends on the actions of Washington.\n\
        \n\
        Nov 7, 2024 22:50 106\n\
        \n\
        Putin congratulated Trump on the victory: Russia is ready to resume relations with the US  - 1\n";

    #[test]
    fn patterns_compile() {
        assert!(ISO.is_some());
        assert!(MONTH_DAY_YEAR.is_some());
        assert!(DAY_MONTH_YEAR.is_some());
        assert!(DATE_LABEL.is_some());
    }

    #[test]
    fn kyiv_post_starts_mid_article() {
        let i = run(KYIV_POST, "kyivpost", &["JOIN US ON TELEGRAM"]);
        assert_eq!(i.source.as_deref(), Some("kyivpost"));
        // The headline of another story further down must not become this article's title.
        assert_eq!(i.title, None);
        assert_eq!(i.published, None);
        assert!(i.notes.iter().any(|n| {
            n.starts_with("no line reads as a headline; the title is taken from the file name")
        }));
        assert!(
            i.notes
                .iter()
                .any(|n| n.contains("line 1 already reads as article text"))
        );
        assert!(i.notes.iter().any(|n| n.starts_with("no date found")));
    }

    #[test]
    fn defence_talks_starts_with_headline() {
        let i = run(DEFENCE_TALKS, "001_9210c51ff1205f29", &[]);
        assert_eq!(
            i.title,
            Some((
                "Putin extends his congratulations to Trump on his presidential victory and expresses his readiness for dialogue".to_string(),
                1
            ))
        );
        assert_eq!(i.source, None);
        assert!(i.notes.iter().any(|n| n.starts_with(
            "title \"Putin extends his congratulations to Trump on his presidential victory and expresses his readiness"
        ) && n.ends_with("from line 1 (first line that reads as a headline)")));
        assert!(
            i.notes
                .iter()
                .any(|n| n.starts_with("no outlet id matches the file name"))
        );
    }

    #[test]
    fn al_jazeera_date_marker_and_no_headline() {
        let i = run(AL_JAZEERA, "aljazeera", &[]);
        let date = NaiveDate::from_ymd_opt(2024, 11, 7).unwrap();
        assert_eq!(i.published, Some((When::Day(date), 1)));
        assert_eq!(i.title, None);
        assert_eq!(i.source.as_deref(), Some("aljazeera"));
        assert!(
            i.notes
                .contains(&"published 2024-11-07 from line 1 (\"2024-11-07\")".to_string()),
            "{:?}",
            i.notes
        );
        assert!(
            i.notes
                .iter()
                .any(|n| n.starts_with("no line reads as a headline"))
        );
    }

    #[test]
    fn newszop_skips_short_furniture() {
        let i = run(NEWSZOP, "newszop-1", &[]);
        assert_eq!(
            i.title,
            Some((
                "Putin open to discuss Ukraine with Trump while upholding Russia's demands: Kremlin"
                    .to_string(),
                5
            ))
        );
        assert_eq!(i.source.as_deref(), Some("newszop"));
        assert_eq!(i.published, None);
    }

    #[test]
    fn fakti_with_furniture_and_dateline() {
        let i = run(FAKTI, "fakti", &["Last news in Fakti"]);
        assert_eq!(
            i.title,
            Some((
                "Putin congratulated Trump on the victory: Russia is ready to resume relations with the US"
                    .to_string(),
                3
            ))
        );
        let expected = NaiveDate::from_ymd_opt(2024, 11, 7)
            .unwrap()
            .and_hms_opt(22, 50, 0)
            .unwrap()
            .and_local_timezone(plus2())
            .unwrap();
        assert_eq!(i.published, Some((When::DateTime(expected), 7)));
        assert!(
            i.notes
                .iter()
                .any(|n| n.contains("1 line of page furniture before it skipped"))
        );
        assert!(i.notes.iter().any(|n| n
            == "published 2024-11-07T22:50+02:00 from line 7 (\"Nov 7, 2024 22:50\"; the text gives no UTC offset, so the site's UTC+02:00 is assumed)"));
    }

    #[test]
    fn fakti_without_boilerplate_takes_furniture_as_title() {
        // Documents why callers should pass the outlet's patterns.
        let i = infer(FAKTI, "fakti", OUTLETS, plus2(), &none);
        assert_eq!(i.title, Some(("Last news in Fakti".to_string(), 1)));
    }

    #[test]
    fn source_from_stem() {
        assert_eq!(source_from_file_stem("fakti", OUTLETS), Some("fakti"));
        assert_eq!(source_from_file_stem("Fakti", OUTLETS), Some("fakti"));
        assert_eq!(source_from_file_stem("fakti-2024", OUTLETS), Some("fakti"));
        assert_eq!(source_from_file_stem("fakti_2024", OUTLETS), Some("fakti"));
        assert_eq!(source_from_file_stem("fakti-bg", OUTLETS), Some("fakti-bg"));
        assert_eq!(
            source_from_file_stem("fakti-bg-2", OUTLETS),
            Some("fakti-bg")
        );
        assert_eq!(source_from_file_stem("faktibg", OUTLETS), None);
        assert_eq!(source_from_file_stem("fakt", OUTLETS), None);
        assert_eq!(source_from_file_stem("", OUTLETS), None);
        assert_eq!(source_from_file_stem("-x", &["", "x"]), None);
        assert_eq!(source_from_file_stem("ф-1", &["ф", "фа"]), Some("ф"));
        assert_eq!(source_from_file_stem("фakti", &["ф"]), None);
    }

    #[test]
    fn date_forms() {
        let d = |y, m, dd| When::Day(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        let dt = |s: &str| parse_when(s, plus2()).unwrap();
        let cases: &[(&str, When)] = &[
            ("November 7, 2024", d(2024, 11, 7)),
            ("Published on 7 November 2024", d(2024, 11, 7)),
            ("7th of November, 2024", d(2024, 11, 7)),
            ("Sept. 3, 2024", d(2024, 9, 3)),
            ("Nov 7, 2024 22:50 106", dt("2024-11-07T22:50")),
            ("Nov. 7, 2024, at 10:50 p.m.", dt("2024-11-07T22:50")),
            ("7 Nov 2024 12:05 am", dt("2024-11-07T00:05")),
            (
                "Updated 2024-11-07T15:30+03:00 by staff",
                dt("2024-11-07T15:30+03:00"),
            ),
            ("2024-11-07 15:30 UTC", dt("2024-11-07T15:30Z")),
            ("DATE: 2024-11-07", d(2024, 11, 7)),
            ("x 2024-11-07, then November 8, 2024", d(2024, 11, 7)),
            ("November 8, 2024, after 2024-11-07", d(2024, 11, 8)),
        ];
        for (line, want) in cases {
            let i = infer(line, "x", &[], plus2(), &none);
            assert_eq!(i.published, Some((*want, 1)), "{line}");
        }
    }

    #[test]
    fn not_dates() {
        for line in [
            "in 2022",
            "on July 14.",
            "Novak 7, 2024",
            "February 30, 2024",
            "2024-13-01",
            "2024-11-071",
            "Nov 7, 2024 25:50 is odd",
            "May we all agree on 7",
            "12024-11-07",
        ] {
            let i = infer(line, "x", &[], plus2(), &none);
            if line == "Nov 7, 2024 25:50 is odd" {
                // The date stands; only the impossible time is ignored.
                let day = NaiveDate::from_ymd_opt(2024, 11, 7).unwrap();
                assert_eq!(i.published, Some((When::Day(day), 1)));
            } else {
                assert_eq!(i.published, None, "{line}");
            }
        }
    }

    #[test]
    fn date_only_in_first_fifteen_non_empty_lines() {
        let mut text = String::new();
        for _ in 0..15 {
            text.push_str("A line of reporting that goes on for a while, then stops.\n\n");
        }
        text.push_str("November 7, 2024\n");
        assert_eq!(infer(&text, "x", &[], plus2(), &none).published, None);
    }

    #[test]
    fn headline_after_leading_date() {
        let i = infer(
            "Nov 7, 2024 | Putin congratulates Trump at Valdai\nBody.",
            "x",
            &[],
            plus2(),
            &none,
        );
        assert_eq!(
            i.title,
            Some(("Putin congratulates Trump at Valdai".to_string(), 1))
        );
        assert!(i.published.is_some());
    }

    #[test]
    fn dateline_is_not_a_headline() {
        for line in [
            "Nov 7, 2024 22:50 106",
            "Updated: 7 November 2024",
            "Last updated 2024-11-07",
        ] {
            let i = infer(line, "x", &[], plus2(), &none);
            assert_eq!(i.title, None, "{line}");
        }
    }

    #[test]
    fn headline_shapes() {
        let yes = [
            "Will Putin call Trump?",
            "Putin to Trump: \u{201c}Ready\u{201d}!",
            "Putin congratulates Trump on winning the election",
            "\u{2018}We Expect Clear, Fast Step\u{2019} \u{2013} Ukrainian PM",
            "Trump wins on 5 November 2024",
        ];
        for line in yes {
            assert!(reads_as_headline(line, plus2()), "{line}");
        }
        let no = [
            "World",
            "Next Story",
            "Putin said this.",
            "Putin said \u{201c}this.\u{201d}",
            "Putin said the following:",
            "Read more\u{2026}",
            "one; two; three;",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "– – –",
        ];
        for line in no {
            assert!(!reads_as_headline(line, plus2()), "{line}");
        }
        let long = format!("{} end", "Supercalifragilistic ".repeat(11));
        assert!(!reads_as_headline(&long, plus2()));
    }

    #[test]
    fn crlf_and_bom() {
        let i = infer(
            "\u{feff}Putin congratulates Trump at Valdai\r\n\r\nNov 7, 2024\r\n",
            "fakti",
            OUTLETS,
            plus2(),
            &none,
        );
        assert_eq!(
            i.title,
            Some(("Putin congratulates Trump at Valdai".to_string(), 1))
        );
        assert_eq!(i.published.map(|p| p.1), Some(3));
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for text in [
            "",
            "\n\n",
            "\u{feff}",
            "date",
            "date 2024-",
            "Nov 99, 2024",
            "\u{0}\u{7f}\r",
            "ß 2024-11-07ß",
        ] {
            let i = infer(text, "", &[""], plus2(), &none);
            assert!(i.title.as_ref().is_none_or(|t| !t.0.is_empty()));
            assert!(!i.notes.is_empty());
        }
    }

    #[test]
    fn notes_quote_long_values_briefly() {
        let stem = "x".repeat(500);
        let i = infer("", &stem, OUTLETS, plus2(), &none);
        assert!(i.notes.iter().all(|n| n.len() < 500));
    }
}

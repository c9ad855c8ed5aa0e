//! Infers the title, date and outlet of a raw `.txt` article copied from the web without front
//! matter, and says in plain sentences what it inferred and why, for `digest check`.

use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::Regex;

use crate::primitives::calendar::{self, DigitFolded};
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

impl Inferred {
    /// Leaves out the notes about the outlet, the headline or the date, for the fields front
    /// matter gives: that value is the editor's, and a note about another would mislead. The
    /// notes are told apart by how [`infer`] words them, here beside it.
    pub fn leave_out_notes_about(&mut self, source: bool, title: bool, published: bool) {
        let overruled: Vec<&str> = [
            (source, ["source ", "no outlet id"]),
            (title, ["title ", "no line reads as a headline"]),
            (published, ["published ", "no publication date"]),
        ]
        .into_iter()
        .filter(|(given, _)| *given)
        .flat_map(|(_, prefixes)| prefixes)
        .collect();
        self.notes
            .retain(|note| !overruled.iter().any(|p| note.starts_with(p)));
    }
}

/// Words that say the date after them is when the copy was published, as outlets label it.
/// Compared folded (see [`calendar::fold_word`]), word by word.
const PUBLISHED_LABELS: &[&str] = &[
    "date",
    "published",
    "posted",
    "publication",
    "publié",
    "publie le",
    "publicado",
    "publicada",
    "fecha",
    "pubblicato",
    "pubblicata",
    "data",
    "veröffentlicht",
    "datum",
    "gepubliceerd",
    "geplaatst",
    "opublikowano",
    "publikacja",
    "опубліковано",
    "дата",
    "опубликовано",
    "публикувано",
    "публикация",
    "yayınlanma",
    "yayınlandı",
    "yayın tarihi",
    "tarih",
    "giriş",
    "giriş tarihi",
    "yayın",
    "نشر",
    "نشرت",
    "تاريخ النشر",
    "بتاريخ",
    "פורסם",
    "פורסמה",
    "תאריך",
];
/// Words that say the date after them is a later revision: taken only when no other date is.
const UPDATED_LABELS: &[&str] = &[
    "updated",
    "last updated",
    "stand",
    "modifié",
    "modifié le",
    "modified",
    "mis à jour",
    "mise à jour",
    "actualizado",
    "actualizada",
    "actualización",
    "aggiornato",
    "aggiornata",
    "aktualisiert",
    "bijgewerkt",
    "gewijzigd",
    "zaktualizowano",
    "aktualizacja",
    "оновлено",
    "обновлено",
    "обновено",
    "актуализирано",
    "güncellendi",
    "güncelleme",
    "son güncelleme",
    "atualizado",
    "atualizada",
    "تحديث",
    "آخر تحديث",
    "تم التحديث",
    "עודכן",
    "עדכון",
];
/// Words that join a date to its time of day ("at 10:50", "à 14h30", "o godz. 9.15", "в 14:30",
/// "saat 14.30", "الساعة 10:00") or follow a year ("2017 г.", "2017 r.", "2017 року").
const TIME_CONNECTORS: &[&str] = &[
    "at",
    "à",
    "a",
    "las",
    "la",
    "alle",
    "ore",
    "às",
    "as",
    "om",
    "um",
    "в",
    "о",
    "o",
    "godz",
    "g",
    "saat",
    "في",
    "الساعة",
    "بتوقيت",
    "בשעה",
    "ב",
    "г",
    "года",
    "року",
    "р",
    "r",
    "roku",
    "yılı",
    "kl",
    "de",
    "del",
    "em",
    "on",
];
/// Words between a day and its month or its year ("7 de septiembre de 2017", "7th of November").
const DATE_JOINERS: &[&str] = &["de", "del", "of"];
/// Ordinal endings written after a day ("7th", "1er", "1º").
const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "eme", "ème", "go", "го"];
/// Zone abbreviations that name one offset all year; "CST" and "IST" name several and are
/// left to the site's default. Minutes east of UTC.
const ZONES: &[(&str, i32)] = &[
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("est", -300),
    ("edt", -240),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
];

// The patterns are constants; `None` (which the tests rule out) would only disable inference.
static ISO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?P<offset>\s?(?:z|utc|[+-]\d{2}:?\d{2})\b)?)?",
    )
    .ok()
});
/// `2017-09`: a month, as editors and some pages write a date known only to the month.
static ISO_MONTH: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\b\d{4}-\d{2}\b").ok());
/// `2017年9月8日`, `2017년 9월 8일`.
static CJK_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]",
    )
    .ok()
});
/// "a.m.", "pm", "P.M." after a time.
static AM_PM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?P<ap>[ap])\.?\s?m\b\.?").ok());
/// A time of day just before a date ("14:30, 8 вересня 2017", "22:50 | 07.11.2024").
static TIME_BEFORE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d:.])(?P<hour>\d{1,2})[:h](?P<min>\d{2})\s*[,|·•–—-]?\s*$").ok()
});
/// A date found in a line, with its byte range.
struct Found {
    start: usize,
    end: usize,
    when: When,
    /// A time was given without an offset, so the site's default was assumed.
    default_offset: bool,
}

/// A position in a line being read as a date; copies of itself try alternatives.
#[derive(Clone, Copy)]
struct DateCursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> DateCursor<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or("")
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn char_of(&mut self, options: &[char]) -> bool {
        match self.rest().chars().next() {
            Some(c) if options.contains(&c) => {
                self.at += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// Between `min` and `max` ASCII digits, and no more.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(min..=max).contains(&len) {
            return None;
        }
        let value = rest.get(..len)?.parse().ok()?;
        self.at += len;
        Some(value)
    }

    /// One of `words` (compared folded), as a whole word.
    fn word(&mut self, words: &[&str]) -> bool {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || is_mark(c)))
            .unwrap_or(rest.len());
        let folded = calendar::fold_word(rest.get(..len).unwrap_or(""));
        if len > 0 && words.iter().any(|w| calendar::fold_word(w) == folded) {
            self.at += len;
            true
        } else {
            false
        }
    }

    /// A month name, or two of the same month joined by a slash, as Arab outlets write the two
    /// series ("أيلول/سبتمبر").
    fn month(&mut self) -> Option<u32> {
        if let Some((month, len)) = calendar::month_at(self.rest()) {
            self.at += len;
            return Some(month);
        }
        self.spaces();
        let rest = self.rest();
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (a, b) = rest.get(..len)?.split_once('/')?;
        let month = calendar::month_of(a)?;
        (calendar::month_of(b) == Some(month)).then(|| {
            self.at += len - (b.len() - b.trim_end_matches([',', ';', ')']).len());
            month
        })
    }
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// A day, month and year, day first: "8 września 2017", "7 de septiembre de 2017",
/// "7. September 2017", "7th of November, 2024", "٨ سبتمبر ٢٠١٧" (digits folded).
fn day_first(c: &mut DateCursor<'_>) -> Option<(i32, u32, u32)> {
    let day = c.number(1, 2)?;
    c.word(ORDINALS);
    c.char_of(&['.', 'º', 'ª']);
    c.spaces();
    c.word(DATE_JOINERS);
    let month = c.month()?;
    c.char_of(&[',']);
    c.spaces();
    c.word(DATE_JOINERS);
    c.spaces();
    let year = c.number(4, 4)?;
    Some((i32::try_from(year).ok()?, month, day))
}

/// Month first: "Nov 7, 2024", "September 8th 2017".
fn month_first(c: &mut DateCursor<'_>) -> Option<(i32, u32, u32)> {
    let month = c.month()?;
    c.spaces();
    let day = c.number(1, 2)?;
    c.word(ORDINALS);
    c.char_of(&[',']);
    c.spaces();
    let year = c.number(4, 4)?;
    Some((i32::try_from(year).ok()?, month, day))
}

/// Whether "08/09/2017" is the 8th of September or August the 9th: outlets in the United States
/// write the month first, nearly all others the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashOrder {
    /// Day, month, year.
    DayFirst,
    /// Month, day, year (the United States).
    MonthFirst,
    /// The outlet is not known: such a date is read only when one number cannot be a month.
    Unknown,
}

impl SlashOrder {
    /// The order an outlet writing `language` (a BCP 47 tag) in `country` uses.
    pub fn of(language: &str, country: &str) -> SlashOrder {
        let language = language.to_ascii_lowercase();
        let us = country.eq_ignore_ascii_case("us") || language == "en-us";
        if language.is_empty() && country.is_empty() {
            SlashOrder::Unknown
        } else if us {
            SlashOrder::MonthFirst
        } else if language == "en" && country.is_empty() {
            // English without a country could be either side of the Atlantic.
            SlashOrder::Unknown
        } else {
            SlashOrder::DayFirst
        }
    }
}

/// Digits only: "08.09.2017" (day first wherever dots are used), and "8/9/2017" in the order the
/// outlet writes (see [`SlashOrder`]).
fn numeric(c: &mut DateCursor<'_>, slashes: SlashOrder) -> Option<(i32, u32, u32)> {
    let first = c.number(1, 2)?;
    let separator = c.rest().chars().next().filter(|s| matches!(s, '.' | '/'))?;
    c.at += 1;
    let second = c.number(1, 2)?;
    if !c.char_of(&[separator]) {
        return None;
    }
    let year = c.number(4, 4)?;
    // "1.2.2017.5" is a version or an address, not a date.
    if c.rest().starts_with(separator)
        && c.rest().chars().nth(1).is_some_and(|d| d.is_ascii_digit())
    {
        return None;
    }
    let (day, month) = match separator {
        '.' => (first, second),
        _ if first > 12 => (first, second),
        _ if second > 12 => (second, first),
        _ => match slashes {
            SlashOrder::DayFirst => (first, second),
            SlashOrder::MonthFirst => (second, first),
            SlashOrder::Unknown => return None,
        },
    };
    Some((i32::try_from(year).ok()?, month, day))
}

/// A time of day and its zone after a date: ", 14:30", " à 14h30", " o godz. 9.15 CEST",
/// " 10:50 p.m. EDT", " saat 14.30". The hour and minute, the offset if stated, and the end.
fn time_after(mut c: DateCursor<'_>) -> Option<(u32, u32, Option<FixedOffset>, usize)> {
    for _ in 0..4 {
        c.spaces();
        let before = c.at;
        if !c.char_of(&[',', '|', '·', '•', '–', '—', '-', '/', '(']) && c.word(TIME_CONNECTORS)
        {
            c.char_of(&['.']);
        }
        if c.at == before {
            break;
        }
    }
    c.spaces();
    let mut hour = c.number(1, 2)?;
    if !c.char_of(&[':', 'h', 'H', '.']) {
        return None;
    }
    let minute = c.number(2, 2)?;
    if c.rest().starts_with(':') {
        let mut seconds = c;
        seconds.at += 1;
        if seconds.number(2, 2).is_some() {
            c = seconds;
        }
    }
    if let Some(caps) = AM_PM.as_ref().and_then(|re| re.captures(c.rest()))
        && let Some(whole) = caps.get(0)
    {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = caps
            .name("ap")
            .is_some_and(|ap| ap.as_str().eq_ignore_ascii_case("p"));
        hour = hour % 12 + if pm { 12 } else { 0 };
        c.at += whole.end();
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let time_end = c.at;
    let (offset, end) = zone(c).map_or((None, time_end), |(o, end)| (Some(o), end));
    Some((hour, minute, offset, end))
}

/// A zone after a time: "GMT+3", "UTC+02:00", "+0300", "CEST", "(MSK)".
fn zone(mut c: DateCursor<'_>) -> Option<(FixedOffset, usize)> {
    c.spaces();
    c.char_of(&['(']);
    let rest = c.rest();
    let len = rest
        .find(|ch: char| !ch.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let name = rest.get(..len)?.to_ascii_lowercase();
    let named = ZONES.iter().find(|(z, _)| *z == name).map(|(_, m)| *m);
    if named.is_some() {
        c.at += len;
    }
    let explicit = signed_offset(&mut c);
    let minutes = match (named, explicit) {
        (Some(0), Some(m)) => m,
        (Some(m), _) => m,
        (None, Some(m)) => m,
        (None, None) => return None,
    };
    c.char_of(&[')']);
    Some((FixedOffset::east_opt(minutes * 60)?, c.at))
}

/// "+3", "+03", "+03:00", "-0430": minutes east of UTC.
fn signed_offset(c: &mut DateCursor<'_>) -> Option<i32> {
    let mut probe = *c;
    let sign = match probe.rest().chars().next()? {
        '+' => 1,
        '-' | '\u{2212}' => -1,
        _ => return None,
    };
    probe.at += probe.rest().chars().next()?.len_utf8();
    let digits = probe.rest().bytes().take_while(u8::is_ascii_digit).count();
    let (hours, minutes) = match digits {
        1 | 2 => {
            let h = probe.number(1, 2)?;
            let m = if probe.char_of(&[':']) {
                probe.number(2, 2)?
            } else {
                0
            };
            (h, m)
        }
        4 => {
            let hm = probe.number(4, 4)?;
            (hm / 100, hm % 100)
        }
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    *c = probe;
    Some(sign * i32::try_from(hours * 60 + minutes).ok()?)
}

/// The date a reading at `c` (which has read the date) makes, with its time if one follows or
/// comes just before it.
fn dated(
    line: &str,
    start: usize,
    c: DateCursor<'_>,
    (year, month, day): (i32, u32, u32),
    default_offset: FixedOffset,
) -> Option<Found> {
    if year < 1 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = time_after(c)
        .map(|(h, m, o, end)| (h, m, o, start, end))
        .or_else(|| {
            let before = line.get(..start)?;
            let caps = TIME_BEFORE.as_ref()?.captures(before)?;
            let hour: u32 = caps.name("hour")?.as_str().parse().ok()?;
            let minute: u32 = caps.name("min")?.as_str().parse().ok()?;
            (hour < 24 && minute < 60).then_some((
                hour,
                minute,
                None,
                caps.name("hour")?.start(),
                c.at,
            ))
        });
    let with_time = time.and_then(|(h, m, offset, from, end)| {
        let naive = NaiveDateTime::new(date, NaiveTime::from_hms_opt(h, m, 0)?);
        let dt = offset
            .unwrap_or(default_offset)
            .from_local_datetime(&naive)
            .single()?;
        Some(Found {
            start: from,
            end,
            when: When::DateTime(dt),
            default_offset: offset.is_none(),
        })
    });
    Some(with_time.unwrap_or(Found {
        start,
        end: c.at,
        when: When::Day(date),
        default_offset: false,
    }))
}

/// The dates written with words or day-first digits in `line` (already digit-folded).
fn worded_dates(line: &str, default_offset: FixedOffset, slashes: SlashOrder) -> Vec<Found> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    for (at, ch) in line.char_indices() {
        let starts_word = previous.is_none_or(|p| !p.is_alphanumeric() && !is_mark(p));
        let after_digit = previous.is_some_and(|p| p.is_ascii_digit());
        previous = Some(ch);
        if !starts_word || after_digit || found.last().is_some_and(|f: &Found| f.end > at) {
            continue;
        }
        let start = DateCursor { text: line, at };
        // Day first, then digits only; or month first.
        let mut readings = Vec::new();
        if ch.is_ascii_digit() {
            let mut c = start;
            readings.push((day_first(&mut c), c));
            let mut c = start;
            readings.push((numeric(&mut c, slashes), c));
        } else if ch.is_alphabetic() {
            let mut c = start;
            readings.push((month_first(&mut c), c));
        }
        if let Some(f) = readings
            .into_iter()
            .find_map(|(ymd, c)| ymd.and_then(|ymd| dated(line, at, c, ymd, default_offset)))
        {
            found.push(f);
        }
    }
    found
}

/// All dates in `line`, leftmost first, with byte ranges in `line`; a date written with
/// slashes only when its order is plain.
fn find_dates(line: &str, default_offset: FixedOffset) -> Vec<Found> {
    find_dates_in(line, default_offset, SlashOrder::Unknown)
}

/// As [`find_dates`], reading slashed dates in the outlet's order.
fn find_dates_in(line: &str, default_offset: FixedOffset, slashes: SlashOrder) -> Vec<Found> {
    let folded: DigitFolded = calendar::fold_digits(line);
    let text = folded.text.as_str();
    let mut found = Vec::new();
    let followed_by_digit = |end: usize| {
        text.get(end..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_ascii_digit())
    };
    if let Some(re) = ISO.as_ref() {
        for caps in re.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            // "2024-11-071" is not a date followed by a digit.
            if followed_by_digit(whole.end()) {
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
    if let Some(re) = ISO_MONTH.as_ref() {
        for m in re.find_iter(text) {
            let after = text.get(m.end()..).unwrap_or("");
            let before = text.get(..m.start()).unwrap_or("");
            // Part of a full date, a range ("2016-2017-18") or a longer number.
            if after.starts_with('-') || before.ends_with('-') || followed_by_digit(m.end()) {
                continue;
            }
            if let Ok(when) = parse_when(m.as_str(), default_offset) {
                found.push(Found {
                    start: m.start(),
                    end: m.end(),
                    when,
                    default_offset: false,
                });
            }
        }
    }
    if let Some(re) = CJK_DATE.as_ref() {
        for caps in re.captures_iter(text) {
            let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let (Some(whole), Some(year), Some(month), Some(day)) =
                (caps.get(0), number("year"), number("month"), number("day"))
            else {
                continue;
            };
            let c = DateCursor {
                text,
                at: whole.end(),
            };
            if let Some(f) = i32::try_from(year)
                .ok()
                .and_then(|y| dated(text, whole.start(), c, (y, month, day), default_offset))
            {
                found.push(f);
            }
        }
    }
    found.extend(worded_dates(text, default_offset, slashes));
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if kept.last().is_none_or(|k| f.start >= k.end) {
            kept.push(f);
        }
    }
    for f in &mut kept {
        let range = folded.original_range(f.start..f.end);
        f.start = range.start;
        f.end = range.end;
    }
    kept
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
                '"' | '\''
                    | ')'
                    | ']'
                    | '\u{201d}'
                    | '\u{201c}'
                    | '\u{2019}'
                    | '\u{bb}'
                    | '\u{ab}'
                    | '\u{203a}'
                    | '\u{2039}'
                    | '\u{5f4}'
                    | '\u{300d}'
                    | '\u{300f}'
            )
    })
    .chars()
    .next_back()
}

fn ends_like_sentence(s: &str) -> bool {
    matches!(
        last_meaningful_char(s),
        // Arabic and Persian write their own comma and semicolon; CJK its own full stop.
        Some('.' | ':' | ';' | ',' | '\u{2026}' | '\u{60c}' | '\u{61b}' | '\u{6d4}' | '\u{3002}')
    )
}

/// A site's path to the page ("Inicio › Andalucía › Málaga", "الرئيسية / عربي ودولي"): short
/// parts between arrows or slashes.
fn is_breadcrumb(line: &str) -> bool {
    let parts: Vec<&str> = line
        .split(['›', '»', '>', '/', '\u{2192}'])
        .map(str::trim)
        .collect();
    parts.len() >= 2 && parts.iter().all(|p| word_count(p) <= 3)
}

/// Whether `candidate` reads as a headline: a few words, no closing full stop, not a date.
fn reads_as_headline(candidate: &str, default_offset: FixedOffset) -> bool {
    let words = word_count(candidate);
    if !(MIN_HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&words)
        || candidate.chars().count() > MAX_HEADLINE_CHARS
        || ends_like_sentence(candidate)
        || is_breadcrumb(candidate)
    {
        return false;
    }
    // "Nov 7, 2024 22:50 106" or "Updated: 7 November 2024" is a dateline, not a headline.
    let without_dates = without_dates(candidate, &find_dates(candidate, default_offset));
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
    if let Some(first) = dates.first()
        && lead_words(line.get(..first.start).unwrap_or("")).is_empty()
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

/// An outlet of sources.yaml, as a copy may name it in a line of its own.
#[derive(Debug, Clone, Copy)]
pub struct KnownOutlet<'a> {
    /// Its id in sources.yaml.
    pub id: &'a str,
    /// Its `name:`.
    pub name: &'a str,
    /// How it writes dates in digits and slashes, from its `language:` and `country:`.
    pub slashes: SlashOrder,
}

/// How surely a date in a copy's first lines is its publication date, surest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateRole {
    /// Labelled as the publication ("Published", "Opublikowano", "نشر").
    Labelled,
    /// A dateline: the date starts its line, or stands in a short line of its own.
    Dateline,
    /// Labelled as a later revision ("Updated", "Оновлено").
    Updated,
    /// Inside a sentence of the article: the date of what it reports, not of the report.
    InText,
}

/// Infers metadata for a raw article `text` (a whole `.txt` file without front matter).
///
/// `is_boilerplate` tells page furniture ("Last news in Fakti") from a headline; pass the
/// site's and, if known (see [`source_from_file_stem`]), the outlet's patterns.
pub fn infer(
    text: &str,
    file_stem: &str,
    outlets: &[KnownOutlet<'_>],
    default_offset: FixedOffset,
    is_boilerplate: &dyn Fn(&str) -> bool,
) -> Inferred {
    let mut out = Inferred::default();
    let ids: Vec<&str> = outlets.iter().map(|o| o.id).collect();
    let from_file = source_from_file_stem(file_stem, &ids);
    if let Some(id) = from_file {
        out.notes.push(format!(
            "source {} from the file name {}",
            quote(id),
            quote(file_stem)
        ));
        out.source = Some(id.to_string());
    }
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
    let mut best: Option<(DateRole, String)> = None;
    let mut in_text: Option<String> = None;
    for (line_no, line) in lines {
        let slashes = out
            .source
            .as_deref()
            .and_then(|id| outlets.iter().find(|o| o.id == id))
            .map_or(SlashOrder::Unknown, |o| o.slashes);
        let dates = find_dates_in(line, default_offset, slashes);
        for (i, found) in dates.iter().enumerate() {
            let after_previous = i
                .checked_sub(1)
                .and_then(|p| dates.get(p))
                .map_or(0, |p| p.end);
            let role = date_role(line, found, after_previous, &dates);
            let note = published_note(line, line_no, found, role, default_offset);
            if role == DateRole::InText {
                in_text.get_or_insert(note);
            } else if best.as_ref().is_none_or(|(r, _)| role < *r) {
                out.published = Some((found.when, line_no));
                best = Some((role, note));
            }
        }
        let outlet = outlet_named_by(line, &dates, outlets);
        if let Some(outlet) = outlet
            && out.source.is_none()
        {
            out.notes.push(format!(
                "source {} from line {line_no} ({}), the name of `{}` in sources.yaml",
                quote(outlet.id),
                quote(line),
                outlet.id
            ));
            out.source = Some(outlet.id.to_string());
        }
        if title.looking {
            let is_furniture = outlet.is_some() || is_boilerplate(line);
            title.consider(
                &mut out,
                line,
                line_no,
                is_furniture,
                &dates,
                default_offset,
            );
        }
    }
    if let Some((_, note)) = best {
        out.notes.push(note);
    }
    if out.source.is_none() {
        out.notes.push(format!(
            "no outlet id matches the file name {} and no line names an outlet; name the file \
             after an outlet (like <outlet>.txt or <outlet>-2.txt) or add front matter with \
             `source:`",
            quote(file_stem)
        ));
    }
    note_what_was_not_found(&mut out, title.body_starts, in_text);
    out
}

/// Folded words of `s` (letters and digits), for comparing labels and names.
fn folded_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| !w.is_empty())
        .map(calendar::fold_word)
        .collect()
}

/// Whether `words` ends with one of `labels` (each one or more words), perhaps followed by a
/// word such as "on", "le", "am" or a weekday.
fn ends_with_label(words: &[String], labels: &[&str]) -> bool {
    let tail = words.len().saturating_sub(4);
    let joined = format!(" {} ", words.get(tail..).unwrap_or_default().join(" "));
    labels
        .iter()
        .any(|label| joined.contains(&format!(" {} ", calendar::fold_word(label))))
}

/// Small words that may stand between a label and its date ("Published on", "Publié le",
/// "Veröffentlicht am", "dnia").
const LEAD_FILLERS: &[&str] = &[
    "on", "le", "am", "el", "il", "dnia", "op", "em", "в", "от", "на", "uhr", "h", "ч", "hs", "ص",
    "م",
];

/// The words before a date on its line that say something: labels, weekdays and fillers left
/// out.
fn lead_words(before: &str) -> Vec<String> {
    let fillers: Vec<String> = LEAD_FILLERS
        .iter()
        .map(|w| calendar::fold_word(w))
        .collect();
    let labels: Vec<String> = PUBLISHED_LABELS
        .iter()
        .chain(UPDATED_LABELS)
        .flat_map(|l| folded_words(l))
        .collect();
    folded_words(before)
        .into_iter()
        .filter(|w| {
            calendar::weekday_of(w).is_none() && !fillers.contains(w) && !labels.contains(w)
        })
        .collect()
}

/// What a date's place in its line says about it (see [`DateRole`]).
fn date_role(line: &str, found: &Found, after_previous: usize, dates: &[Found]) -> DateRole {
    let before = line.get(after_previous..found.start).unwrap_or("");
    let words_before = folded_words(before);
    if ends_with_label(&words_before, UPDATED_LABELS) {
        return DateRole::Updated;
    }
    if ends_with_label(&words_before, PUBLISHED_LABELS) {
        return DateRole::Labelled;
    }
    let line_before = line.get(..found.start).unwrap_or("");
    let lead = lead_words(line_before);
    let words_outside_dates = word_count(&without_dates(line, dates));
    let short = words_outside_dates < MIN_BODY_SENTENCE_WORDS && !ends_like_sentence(line);
    // "Friday, 8 September 2017" heads a page; "On Friday, 8 September 2017, an earthquake …"
    // is reporting.
    if lead.is_empty() && (short || folded_words(line_before).is_empty()) {
        return DateRole::Dateline;
    }
    if short {
        return DateRole::Dateline;
    }
    // A wire dateline: "MEXICO CITY, Sept. 8, 2017 (Reuters) - A powerful …".
    let after = line.get(found.end..).unwrap_or("").trim_start();
    let after = match after.strip_prefix('(') {
        Some(rest) => rest.split_once(')').map_or("", |(_, r)| r).trim_start(),
        None => after,
    };
    if lead.len() <= 4 && after.starts_with(['-', '\u{2013}', '\u{2014}']) {
        return DateRole::Dateline;
    }
    DateRole::InText
}

/// Whether a copy's line says nothing but when it was published or updated ("Opublikowano: 14
/// marca 2023, 09:12", " date 2017-09", "Giriş: 21.07.2025 14:32 | Güncelleme: 21.07.2025
/// 18:05"): page furniture, which the reading text and the description can do without.
pub fn is_dateline(line: &str, default_offset: FixedOffset) -> bool {
    let dates = find_dates(line, default_offset);
    !dates.is_empty() && lead_words(&without_dates(line, &dates)).is_empty()
}

/// The line with its dates taken out.
fn without_dates(line: &str, dates: &[Found]) -> String {
    let mut out = String::new();
    let mut from = 0;
    for f in dates {
        if f.start >= from {
            out.push_str(line.get(from..f.start).unwrap_or(""));
            out.push(' ');
            from = f.end;
        }
    }
    out.push_str(line.get(from..).unwrap_or(""));
    out
}

/// The outlet a short line names ("Al Jazeera", "© Reuters 2017", "Source: Kyiv Post"): its
/// name with at most one other word, dates and numbers aside.
fn outlet_named_by<'o>(
    line: &str,
    dates: &[Found],
    outlets: &[KnownOutlet<'o>],
) -> Option<KnownOutlet<'o>> {
    let words: Vec<String> = folded_words(&without_dates(line, dates))
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    outlets
        .iter()
        .filter_map(|o| {
            let name = folded_words(o.name);
            let fits = !name.is_empty()
                && words.len() <= name.len() + 1
                && words.windows(name.len()).any(|w| w == name.as_slice());
            fits.then_some((name.len(), *o))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, o)| o)
}

/// Where the publication date came from, and the offset assumed when the text gives none.
fn published_note(
    line: &str,
    line_no: usize,
    found: &Found,
    role: DateRole,
    default_offset: FixedOffset,
) -> String {
    let written = line.get(found.start..found.end).unwrap_or("").trim();
    let assumed = if found.default_offset {
        format!(
            "; the text gives no UTC offset, so the site's {} is assumed",
            offset_text(default_offset)
        )
    } else {
        String::new()
    };
    let how = match role {
        DateRole::Updated => "; the copy labels it an update and states no earlier date",
        _ => "",
    };
    format!(
        "published {} from line {line_no} ({}{assumed}{how})",
        found.when.datetime_attr(),
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
fn note_what_was_not_found(
    out: &mut Inferred,
    body_starts: Option<usize>,
    date_in_text: Option<String>,
) {
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
        let mentioned = date_in_text
            .and_then(|note| note.strip_prefix("published ").map(str::to_string))
            .map(|rest| {
                format!(
                    "; {rest} is inside a sentence of the article, so it is taken for the date \
                     of the events, not of the copy"
                )
            })
            .unwrap_or_default();
        out.notes.push(format!(
            "no publication date found in the first {SCAN_LINES} lines{mentioned}; add front \
             matter with `published:` (like `published: 2017-09-08`)"
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

    /// The outlets, each named after its id.
    fn known(ids: &[&'static str]) -> Vec<KnownOutlet<'static>> {
        ids.iter()
            .map(|id| KnownOutlet {
                id,
                name: id,
                slashes: SlashOrder::Unknown,
            })
            .collect()
    }

    fn run(text: &str, stem: &str, furniture: &[&str]) -> Inferred {
        let furniture: Vec<String> = furniture.iter().map(|s| s.to_string()).collect();
        let is_bp = move |l: &str| furniture.iter().any(|f| f == l);
        infer(text, stem, &known(OUTLETS), plus2(), &is_bp)
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
        assert!(ISO_MONTH.is_some());
        assert!(CJK_DATE.is_some());
        assert!(AM_PM.is_some());
        assert!(TIME_BEFORE.is_some());
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
        assert!(
            i.notes
                .iter()
                .any(|n| n.starts_with("no publication date found"))
        );
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
        let i = infer(FAKTI, "fakti", &known(OUTLETS), plus2(), &none);
        assert_eq!(i.title, Some(("Last news in Fakti".to_string(), 1)));
    }

    #[test]
    fn notes_about_what_front_matter_gives_are_left_out() {
        let mut i = run(
            "Frana a Santa Lucia, undici morti\n14 marzo 2026 | 12:30\nUna frana ha travolto la parte alta del paese nella notte, dicono i soccorritori.\n",
            "x",
            &[],
        );
        assert!(
            i.notes.iter().any(|n| n.starts_with("published ")),
            "{:?}",
            i.notes
        );
        i.leave_out_notes_about(false, false, true);
        assert!(
            !i.notes.iter().any(|n| n.starts_with("published ")),
            "{:?}",
            i.notes
        );
        assert!(
            i.notes.iter().any(|n| n.starts_with("title ")),
            "{:?}",
            i.notes
        );
        assert!(
            i.notes.iter().any(|n| n.starts_with("no outlet id")),
            "{:?}",
            i.notes
        );
        i.leave_out_notes_about(true, true, false);
        assert!(i.notes.is_empty(), "{:?}", i.notes);
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
            "Inicio › Andalucía › Málaga",
            "الرئيسية / عربي ودولي",
            "Home » World » Americas",
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
            &known(OUTLETS),
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
            let i = infer(text, "", &known(&[""]), plus2(), &none);
            assert!(i.title.as_ref().is_none_or(|t| !t.0.is_empty()));
            assert!(!i.notes.is_empty());
        }
    }

    #[test]
    fn notes_quote_long_values_briefly() {
        let stem = "x".repeat(500);
        let i = infer("", &stem, &known(OUTLETS), plus2(), &none);
        assert!(i.notes.iter().all(|n| n.len() < 500));
    }

    fn day(y: i32, m: u32, d: u32) -> When {
        When::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn at(s: &str) -> When {
        parse_when(s, plus2()).unwrap()
    }

    #[test]
    fn dates_in_every_language() {
        let cases: &[(&str, When)] = &[
            (" date 2017-09", When::Month(2017, 9)),
            ("8 września 2017", day(2017, 9, 8)),
            (
                "Opublikowano: 8 września 2017, 06:12",
                at("2017-09-08T06:12"),
            ),
            ("7 de septiembre de 2017", day(2017, 9, 7)),
            (
                "Publicado el 7 de septiembre de 2017 a las 23:49",
                at("2017-09-07T23:49"),
            ),
            ("7. September 2017", day(2017, 9, 7)),
            (
                "Veröffentlicht am 7. September 2017 um 08:15 Uhr",
                at("2017-09-07T08:15"),
            ),
            ("7 сентября 2017 г., 14:30", at("2017-09-07T14:30")),
            ("8 вересня 2017, 09:05", at("2017-09-08T09:05")),
            ("14:30, 8 вересня 2017", at("2017-09-08T14:30")),
            ("8 септември 2017", day(2017, 9, 8)),
            ("8 Eylül 2017 Cuma", day(2017, 9, 8)),
            ("08.09.2017 saat 14.30", at("2017-09-08T14:30")),
            ("٨ سبتمبر ٢٠١٧", day(2017, 9, 8)),
            ("الجمعة ٨ أيلول/سبتمبر ٢٠١٧", day(2017, 9, 8)),
            ("8 בספטמבר 2017", day(2017, 9, 8)),
            ("Publié le 8 septembre 2017 à 10h32", at("2017-09-08T10:32")),
            ("8 settembre 2017 alle 10:32", at("2017-09-08T10:32")),
            ("08 de setembro de 2017", day(2017, 9, 8)),
            ("8 september 2017 om 10:32", at("2017-09-08T10:32")),
            ("Sept. 8, 2017 10:50 p.m. EDT", at("2017-09-08T22:50-04:00")),
            ("8 September 2017 10:32 GMT+3", at("2017-09-08T10:32+03:00")),
            ("2017年9月8日", day(2017, 9, 8)),
            ("Friday 13/9/2017", day(2017, 9, 13)),
            ("8 września 2017 r., godz. 14:30", at("2017-09-08T14:30")),
            ("7 сентября 2017 года в 23:49 (МСК)", at("2017-09-07T23:49")),
            ("8 вересня 2017 року о 09:15", at("2017-09-08T09:15")),
            ("08.09.2017 13:40 GMT+2", at("2017-09-08T13:40+02:00")),
            ("8 أيلول ٢٠١٧ الساعة ١٠:٣٠", at("2017-09-08T10:30")),
        ];
        for (line, want) in cases {
            let i = infer(line, "x", &[], plus2(), &none);
            assert_eq!(i.published, Some((*want, 1)), "{line}: {:?}", i.notes);
        }
    }

    #[test]
    fn ambiguous_or_impossible_dates_are_not_read() {
        for line in [
            "8/9/2017",
            "31 września 2017",
            "1.2.2017.5",
            "7 sierpa 2017",
        ] {
            let i = infer(line, "x", &[], plus2(), &none);
            assert_eq!(i.published, None, "{line}");
        }
    }

    #[test]
    fn a_date_in_the_article_text_does_not_beat_the_dateline() {
        let text = "Sismo de magnitud 8,2 sacude el sur de México\n\
            El 7 de septiembre de 2017, poco antes de la medianoche, un sismo de magnitud 8,2 sacudió Chiapas y Oaxaca, según el Servicio Sismológico Nacional.\n\
            Actualizado: 9 de septiembre de 2017\n\
            Publicado: 8 de septiembre de 2017 - 06:10\n";
        let i = infer(text, "x", &[], plus2(), &none);
        assert_eq!(
            i.published,
            Some((at("2017-09-08T06:10"), 4)),
            "{:?}",
            i.notes
        );
        assert!(
            i.notes
                .iter()
                .any(|n| n.starts_with("published 2017-09-08T06:10+02:00 from line 4"))
        );
    }

    #[test]
    fn an_update_counts_only_without_another_date() {
        let text = "Землетрус у Мексиці: загинули 90 людей\nОновлено 09.09.2017, 11:20\n";
        let i = infer(text, "x", &[], plus2(), &none);
        assert_eq!(i.published, Some((at("2017-09-09T11:20"), 2)));
        assert!(i.notes.iter().any(|n| n.contains("labels it an update")));
    }

    #[test]
    fn a_date_only_in_the_text_is_named_but_not_taken() {
        let text = "Землетрясение в Мексике\nВ пятницу, 8 сентября 2017 года, землетрясение магнитудой 8,2 произошло у побережья штата Чьяпас, сообщила геологическая служба США.\n";
        let i = infer(text, "x", &[], plus2(), &none);
        assert_eq!(i.published, None);
        assert!(
            i.notes.iter().any(|n| n.contains("2017-09-08 from line 2")
                && n.contains("inside a sentence of the article")),
            "{:?}",
            i.notes
        );
    }

    #[test]
    fn wire_dateline_counts() {
        let text = "MEXICO CITY, Sept. 8, 2017 (Reuters) - A powerful earthquake struck off the southern coast of Mexico late on Thursday, killing at least 32 people.";
        let i = infer(text, "x", &[], plus2(), &none);
        assert_eq!(i.published, Some((day(2017, 9, 8), 1)));
    }

    #[test]
    fn headlines_in_other_scripts_and_without_capitals() {
        for (text, want) in [
            (
                "زلزال بقوة 8.2 درجات يضرب جنوب المكسيك\nقال مسؤولون إن الزلزال ضرب قبالة سواحل ولاية تشياباس.",
                "زلزال بقوة 8.2 درجات يضرب جنوب المكسيك",
            ),
            (
                "רעידת אדמה חזקה במקסיקו: לפחות 32 הרוגים\n",
                "רעידת אדמה חזקה במקסיקו: לפחות 32 הרוגים",
            ),
            (
                "землетрус магнітудою 8,1 стався біля узбережжя мексики\n",
                "землетрус магнітудою 8,1 стався біля узбережжя мексики",
            ),
            (
                "8 Eylül 2017 | Meksika'da 8,2 büyüklüğünde deprem\n",
                "Meksika'da 8,2 büyüklüğünde deprem",
            ),
        ] {
            let i = infer(text, "x", &[], plus2(), &none);
            assert_eq!(i.title.map(|t| t.0).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn outlet_from_a_line_naming_it() {
        let outlets = [
            KnownOutlet {
                id: "nos",
                name: "NOS Nieuws",
                slashes: SlashOrder::DayFirst,
            },
            KnownOutlet {
                id: "rzeczpospolita",
                name: "Rzeczpospolita",
                slashes: SlashOrder::DayFirst,
            },
        ];
        let text = "NOS Nieuws\nZware aardbeving voor de kust van Mexico\n8 september 2017 07:15\n";
        let i = infer(text, "copy-1", &outlets, plus2(), &none);
        assert_eq!(i.source.as_deref(), Some("nos"));
        assert_eq!(
            i.title.map(|t| t.0).as_deref(),
            Some("Zware aardbeving voor de kust van Mexico")
        );
        assert!(
            i.notes
                .iter()
                .any(|n| n.starts_with("source \"nos\" from line 1"))
        );
        // A headline that mentions the outlet is still a headline.
        let text = "Rzeczpospolita ujawnia kulisy negocjacji w sprawie ustawy\n";
        let i = infer(text, "copy-2", &outlets, plus2(), &none);
        assert_eq!(i.source, None);
        assert!(i.title.is_some());
    }

    #[test]
    fn datelines_are_lines_of_dates_and_labels_only() {
        for line in [
            " date 2017-09",
            "Opublikowano: 14 marca 2023, 09:12",
            "Giriş: 21.07.2025 14:32 | Güncelleme: 21.07.2025 18:05",
            "Publié le 4 avril 2024 à 18h52, modifié le 4 avril 2024 à 21h10",
            "الخميس ١٢ أيلول/سبتمبر ٢٠٢٤ - ١٠:٣٠",
            "Published: Sat 14 Sep 2024 at 11:05 BST",
            "Stand: 11.03.2024, 06:05 Uhr",
        ] {
            assert!(is_dateline(line, plus2()), "{line}");
        }
        for line in [
            "date 2017-09 The Russian leader congratulates Trump",
            "Ferry runs aground off Kerrera",
            "Málaga, 19 de octubre de 2024 - 08:45 h",
            "12:45",
        ] {
            assert!(!is_dateline(line, plus2()), "{line}");
        }
    }

    #[test]
    fn slashed_dates_in_the_outlets_order() {
        let outlet = |slashes| KnownOutlet {
            id: "jornal",
            name: "Jornal",
            slashes,
        };
        let line = "Publicado em 08/09/2017 às 10h32";
        let read = |slashes| infer(line, "jornal", &[outlet(slashes)], plus2(), &none).published;
        assert_eq!(
            read(SlashOrder::DayFirst),
            Some((at("2017-09-08T10:32"), 1))
        );
        assert_eq!(
            read(SlashOrder::MonthFirst),
            Some((at("2017-08-09T10:32"), 1))
        );
        assert_eq!(read(SlashOrder::Unknown), None);
        assert_eq!(SlashOrder::of("pt", "PT"), SlashOrder::DayFirst);
        assert_eq!(SlashOrder::of("en", "US"), SlashOrder::MonthFirst);
        assert_eq!(SlashOrder::of("en-US", ""), SlashOrder::MonthFirst);
        assert_eq!(SlashOrder::of("en", ""), SlashOrder::Unknown);
        assert_eq!(SlashOrder::of("en", "GB"), SlashOrder::DayFirst);
        assert_eq!(SlashOrder::of("", ""), SlashOrder::Unknown);
    }
}

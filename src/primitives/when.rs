//! Dates as editors write them (`2024`, `2024-11`, `2024-11-07`, `2024-11-07T15:30+03:00`), with
//! their precision kept, so that "sometime in November" is never shown as "1 November 00:00".

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// A point in time known to a year, a month, a day or a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum When {
    /// `2024`.
    Year(i32),
    /// `2024-11`: the year, and the month from 1 to 12.
    Month(i32, u32),
    /// `2024-11-07`.
    Day(NaiveDate),
    /// `2024-11-07T15:30+03:00`; a time written without an offset is in the site's time zone.
    DateTime(DateTime<FixedOffset>),
}

const ACCEPTED: &str = "expected 2024, 2024-11, 2024-11-07 or 2024-11-07T15:30+03:00";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English name of a month (1-12); a fallback keeps this total for any input.
pub fn month_name(month: u32) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

/// Quotes the input for an error message; fuzzed or pasted input can be huge or contain
/// control characters, which must not garble the terminal.
fn quoted(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX {
        let head: String = s.chars().take(MAX).collect();
        format!("{:?}", format!("{head}…"))
    } else {
        format!("{s:?}")
    }
}

fn shape_error(s: &str) -> String {
    match written_as_iso(s) {
        Some(iso) => format!(
            "{} is not a date: write it as {iso:?} ({ACCEPTED})",
            quoted(s)
        ),
        None => format!("{} is not a date: {ACCEPTED}", quoted(s)),
    }
}

/// The ISO form of a date written the way people write dates by hand: `2017-9-8`,
/// `2017/09/08`, `2017.9.8`, day first with dots or dashes (`8.9.2017`, `08-09-2017`), with
/// Arabic-Indic or Persian digits, and an optional `HH:MM` after it. Slashes with the day first
/// are read only when the day is above 12, because `09/08/2017` is the 8th of September in the
/// United States and the 9th of August elsewhere. `None` unless the result is a real date.
fn written_as_iso(s: &str) -> Option<String> {
    let ascii: String = s.chars().map(ascii_digit).collect();
    let (date, time) = match ascii.split_once(['T', ' ']) {
        Some((d, t)) => (d.trim(), Some(t.trim())),
        None => (ascii.trim(), None),
    };
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, c] = parts[..] else { return None };
    let number = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        let (first, second) = (number(a)?, number(b)?);
        if separator == '/' && first <= 12 {
            return None;
        }
        (number(c)?, second, first)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    if let Some(time) = time.filter(|t| !t.is_empty()) {
        let (hour, minute) = time.split_once(':')?;
        let (hour, minute): (u32, u32) = (number(hour)?, number(minute.get(..2)?)?);
        NaiveTime::from_hms_opt(hour, minute, 0)?;
        let offset = minute_rest(time)?.trim();
        if !offset.is_empty() {
            parse_offset(offset).ok()?;
        }
        iso.push_str(&format!("T{hour:02}:{minute:02}{offset}"));
    }
    (iso != s.trim()).then_some(iso)
}

/// What follows `HH:MM` in a hand-written time (an offset, kept as written).
fn minute_rest(time: &str) -> Option<&str> {
    let (_, after_colon) = time.split_once(':')?;
    after_colon.get(2..)
}

/// Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII; anything else unchanged.
fn ascii_digit(c: char) -> char {
    super::calendar::ascii_digit(c).unwrap_or(c)
}

fn value_error(s: &str, why: &str) -> String {
    format!("{} is not a date: {why} ({ACCEPTED})", quoted(s))
}

/// Parses exactly `n` ASCII digits at the start of `s`.
fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let head = s.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, s.get(n..)?))
}

fn check_year(s: &str, year: u32) -> Result<i32, String> {
    if year == 0 {
        return Err(value_error(s, "years start at 0001"));
    }
    i32::try_from(year).map_err(|_| shape_error(s))
}

fn check_month(s: &str, year: i32, month: u32) -> Result<(), String> {
    if (1..=12).contains(&month) && NaiveDate::from_ymd_opt(year, month, 1).is_some() {
        Ok(())
    } else {
        Err(value_error(s, &format!("there is no month {month}")))
    }
}

fn make_day(s: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    check_month(s, year, month)?;
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| value_error(s, &format!("{} {year} has no day {day}", month_name(month))))
}

/// Parses a date as an editor writes it. Times without an offset take `default_offset` (the
/// site's time zone).
pub fn parse_when(s: &str, default_offset: FixedOffset) -> Result<When, String> {
    let s = s.trim();
    let (year, rest) = digits(s, 4).ok_or_else(|| shape_error(s))?;
    let year = check_year(s, year)?;
    if rest.is_empty() {
        return Ok(When::Year(year));
    }
    let rest = rest.strip_prefix('-').ok_or_else(|| shape_error(s))?;
    let (month, rest) = digits(rest, 2).ok_or_else(|| shape_error(s))?;
    if rest.is_empty() {
        check_month(s, year, month)?;
        return Ok(When::Month(year, month));
    }
    let rest = rest.strip_prefix('-').ok_or_else(|| shape_error(s))?;
    let (day, rest) = digits(rest, 2).ok_or_else(|| shape_error(s))?;
    if rest.is_empty() {
        return Ok(When::Day(make_day(s, year, month, day)?));
    }

    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .ok_or_else(|| shape_error(s))?
        .trim_start();
    let (hour, rest) = digits(rest, 2).ok_or_else(|| shape_error(s))?;
    let rest = rest.strip_prefix(':').ok_or_else(|| shape_error(s))?;
    let (minute, mut rest) = digits(rest, 2).ok_or_else(|| shape_error(s))?;
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        let (sec, after) = digits(after, 2).ok_or_else(|| shape_error(s))?;
        second = sec;
        rest = after;
        // Timestamps pasted from JavaScript or databases carry milliseconds; news times are
        // never that precise, so the fraction is accepted and dropped.
        if let Some(fraction) = rest.strip_prefix('.') {
            let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return Err(shape_error(s));
            }
            rest = fraction.get(len..).ok_or_else(|| shape_error(s))?;
        }
    }
    let date = make_day(s, year, month, day)?;
    let time = NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(|| {
        value_error(
            s,
            &format!("{hour:02}:{minute:02}:{second:02} is not a time of day"),
        )
    })?;

    let rest = rest.trim_start();
    let offset = if rest.is_empty() {
        default_offset
    } else {
        parse_offset(rest).map_err(|_| {
            value_error(
                s,
                &format!(
                    "{} is not a UTC offset like +03:00, -05:00 or Z",
                    quoted(rest)
                ),
            )
        })?
    };
    NaiveDateTime::new(date, time)
        .and_local_timezone(offset)
        .single()
        .map(When::DateTime)
        .ok_or_else(|| value_error(s, "the time is out of range"))
}

/// Parses a UTC offset: `+03:00`, `-05:00`, `+0530`, `+03`, `Z`, `UTC`, `GMT`.
pub fn parse_offset(s: &str) -> Result<FixedOffset, String> {
    let t = s.trim();
    let err = || {
        format!(
            "{} is not a UTC offset: expected +03:00, -05:00, +0530, Z or UTC",
            quoted(s)
        )
    };
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("gmt")
    {
        return FixedOffset::east_opt(0).ok_or_else(err);
    }
    // "UTC+03:00" is how offsets are displayed; accept it back.
    let t = ["UTC", "utc", "GMT", "gmt"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    let (sign, rest) = if let Some(r) = t.strip_prefix('+') {
        (1, r)
    } else if let Some(r) = t.strip_prefix(['-', '\u{2212}']) {
        (-1, r)
    } else {
        return Err(err());
    };
    let (hours, rest) = digits(rest, 2).ok_or_else(err)?;
    let minutes = if rest.is_empty() {
        0
    } else {
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let (minutes, rest) = digits(rest, 2).ok_or_else(err)?;
        if !rest.is_empty() {
            return Err(err());
        }
        minutes
    };
    if hours > 23 || minutes > 59 {
        return Err(err());
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).map_err(|_| err())?;
    FixedOffset::east_opt(sign * seconds).ok_or_else(err)
}

/// `+03:00`, or `Z`-less `+00:00`, as both HTML and RFC 3339 accept.
fn offset_string(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

fn start_of_day_utc(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp()
}

impl When {
    /// `"year"`, `"month"`, `"day"` or `"datetime"`.
    pub fn precision(&self) -> &'static str {
        match self {
            When::Year(_) => "year",
            When::Month(..) => "month",
            When::Day(_) => "day",
            When::DateTime(_) => "datetime",
        }
    }

    fn rank(&self) -> u8 {
        match self {
            When::Year(_) => 0,
            When::Month(..) => 1,
            When::Day(_) => 2,
            When::DateTime(_) => 3,
        }
    }

    /// First day of the period; `None` only for values no parser produces.
    fn start_date(&self) -> Option<NaiveDate> {
        match *self {
            When::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            When::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            When::Day(d) => Some(d),
            When::DateTime(dt) => Some(dt.date_naive()),
        }
    }

    /// Value for an HTML `<time datetime>` attribute, at the precision the editor gave.
    pub fn datetime_attr(&self) -> String {
        match *self {
            When::Year(y) => format!("{y:04}"),
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Day(d) => {
                let mut out = String::with_capacity(10);
                push_date(&mut out, d);
                out
            }
            When::DateTime(dt) => {
                let mut out = String::with_capacity(25);
                push_date(&mut out, dt.date_naive());
                out.push('T');
                push_digits(&mut out, dt.hour(), 2);
                out.push(':');
                push_digits(&mut out, dt.minute(), 2);
                if dt.second() != 0 {
                    out.push(':');
                    push_digits(&mut out, dt.second(), 2);
                }
                out.push_str(&offset_string(*dt.offset()));
                out
            }
        }
    }

    /// Human-readable English form: `7 November 2024, 15:30 (UTC+03:00)`.
    pub fn display(&self) -> String {
        match *self {
            When::Year(y) => y.to_string(),
            When::Month(y, m) => format!("{} {y}", month_name(m)),
            When::Day(d) => format!("{} {} {}", d.day(), month_name(d.month()), d.year()),
            When::DateTime(dt) => {
                let seconds = if dt.second() == 0 {
                    String::new()
                } else {
                    format!(":{:02}", dt.second())
                };
                let zone = if dt.offset().local_minus_utc() == 0 {
                    "UTC".to_string()
                } else {
                    format!("UTC{}", offset_string(*dt.offset()))
                };
                format!(
                    "{} {} {}, {:02}:{:02}{seconds} ({zone})",
                    dt.day(),
                    month_name(dt.month()),
                    dt.year(),
                    dt.hour(),
                    dt.minute()
                )
            }
        }
    }

    /// Chronological key: the start of the period in UTC seconds, then the precision, so that
    /// a year sorts before the days in it and a day before the times in it.
    pub fn sort_key(&self) -> (i64, u8) {
        let seconds = match self {
            When::DateTime(dt) => dt.timestamp(),
            other => other.start_date().map_or(i64::MIN, start_of_day_utc),
        };
        (seconds, self.rank())
    }

    /// The end of the period (exclusive) in UTC seconds, as [`When::sort_key`] gives its start:
    /// a day ends at the next midnight, a time is a point and ends where it starts.
    pub fn end_seconds(&self) -> i64 {
        let next = match *self {
            When::DateTime(dt) => return dt.timestamp(),
            When::Year(y) => NaiveDate::from_ymd_opt(y + 1, 1, 1),
            When::Month(y, 12) => NaiveDate::from_ymd_opt(y + 1, 1, 1),
            When::Month(y, m) => NaiveDate::from_ymd_opt(y, m + 1, 1),
            When::Day(d) => d.succ_opt(),
        };
        next.map_or(i64::MAX, start_of_day_utc)
    }

    /// Full RFC 3339 timestamp for feeds; partial dates give the start of the period at UTC.
    pub fn rfc3339(&self) -> String {
        let mut out = String::with_capacity(25);
        match self {
            When::DateTime(dt) => {
                push_date(&mut out, dt.date_naive());
                out.push('T');
                for (i, part) in [dt.hour(), dt.minute(), dt.second()]
                    .into_iter()
                    .enumerate()
                {
                    if i > 0 {
                        out.push(':');
                    }
                    push_digits(&mut out, part, 2);
                }
                out.push_str(&offset_string(*dt.offset()));
            }
            other => match other.start_date() {
                Some(d) => {
                    push_date(&mut out, d);
                    out.push_str("T00:00:00+00:00");
                }
                None => out.push_str("0001-01-01T00:00:00+00:00"),
            },
        }
        out
    }
}

/// `2024-11-07`, as chrono's `%Y-%m-%d` writes it, without parsing a format string: a build
/// writes a date tens of thousands of times (every `<time>`, feed entry and JSON-LD date).
fn push_date(out: &mut String, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(year) if year <= 9999 => {
            push_digits(out, year, 4);
            out.push('-');
            push_digits(out, d.month(), 2);
            out.push('-');
            push_digits(out, d.day(), 2);
        }
        // chrono signs a year outside 0–9999.
        _ => out.push_str(&d.format("%Y-%m-%d").to_string()),
    }
}

/// `n` in decimal, padded with zeros to `width` digits (at most 4).
fn push_digits(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [b'0'; 4];
    for digit in digits[..width].iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
    digits[..width]
        .iter()
        .for_each(|&b| out.push(char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config())]

        /// The dates written by hand are those chrono's format strings wrote.
        #[test]
        fn dates_are_written_as_chrono_writes_them(
            days in -1_000_000i32..4_000_000,
            seconds in 0u32..86_400,
            offset_minutes in -(14 * 60)..=(14 * 60),
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
            let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap();
            let dt = date.and_time(time).and_local_timezone(offset).single().unwrap();
            let day = When::Day(date);
            let at = When::DateTime(dt);
            proptest::prop_assert_eq!(day.datetime_attr(), date.format("%Y-%m-%d").to_string());
            proptest::prop_assert_eq!(
                day.rfc3339(),
                format!("{}T00:00:00+00:00", date.format("%Y-%m-%d"))
            );
            let seconds = if dt.second() == 0 { String::new() } else { format!(":{:02}", dt.second()) };
            proptest::prop_assert_eq!(
                at.datetime_attr(),
                format!(
                    "{}T{:02}:{:02}{seconds}{}",
                    dt.format("%Y-%m-%d"),
                    dt.hour(),
                    dt.minute(),
                    offset_string(offset)
                )
            );
            proptest::prop_assert_eq!(
                at.rfc3339(),
                format!("{}{}", dt.format("%Y-%m-%dT%H:%M:%S"), offset_string(offset))
            );
        }
    }

    #[test]
    fn a_date_written_by_hand_is_answered_with_its_iso_form() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let said = |s: &str| parse_when(s, utc).unwrap_err();
        assert!(
            said("2017-9-08").contains("write it as \"2017-09-08\""),
            "{}",
            said("2017-9-08")
        );
        assert!(said("2017/09/08").contains("\"2017-09-08\""));
        assert!(said("8.9.2017").contains("\"2017-09-08\""));
        assert!(said("08-09-2017").contains("\"2017-09-08\""));
        assert!(said("21/09/2017").contains("\"2017-09-21\""));
        assert!(said("٢٠١٧-٠٩-٠٨").contains("\"2017-09-08\""));
        assert!(said("2017-9-8 9:30").contains("\"2017-09-08T09:30\""));
        assert!(said("2017-9-8 14:05+02:00").contains("\"2017-09-08T14:05+02:00\""));
        // Ambiguous (US or European order) or not a date at all: no guess.
        assert!(!said("09/08/2017").contains("write it as"));
        assert!(!said("2017-2-30").contains("write it as"));
        assert!(!said("yesterday").contains("write it as"));
        assert!(!said("2017-13-01").contains("write it as"));
    }

    #[test]
    fn periods_end_where_the_next_begins() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let end = |s: &str| parse_when(s, utc).unwrap().end_seconds();
        let start = |s: &str| parse_when(s, utc).unwrap().sort_key().0;
        assert_eq!(end("2024-11-07"), start("2024-11-08"));
        assert_eq!(end("2024-12"), start("2025-01"));
        assert_eq!(end("2024-02"), start("2024-03-01"));
        assert_eq!(end("2024"), start("2025"));
        assert_eq!(
            end("2024-11-07T15:30+03:00"),
            start("2024-11-07T15:30+03:00")
        );
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn plus(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    fn p(s: &str) -> When {
        parse_when(s, plus(2)).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year() {
        assert_eq!(p("2024"), When::Year(2024));
        assert_eq!(p(" 2024 "), When::Year(2024));
        assert_eq!(p("0001"), When::Year(1));
        assert_eq!(p("9999"), When::Year(9999));
    }

    #[test]
    fn month() {
        assert_eq!(p("2024-11"), When::Month(2024, 11));
        assert_eq!(p("2024-01"), When::Month(2024, 1));
    }

    #[test]
    fn day_form() {
        assert_eq!(p("2024-11-07"), When::Day(day(2024, 11, 7)));
        assert_eq!(p("2024-02-29"), When::Day(day(2024, 2, 29)));
    }

    #[test]
    fn datetime_with_offset() {
        let w = p("2024-11-07T15:30+03:00");
        let When::DateTime(dt) = w else {
            panic!("{w:?}")
        };
        assert_eq!(dt.offset(), &plus(3));
        assert_eq!(dt.hour(), 15);
        assert_eq!(dt.minute(), 30);
        assert_eq!(dt.date_naive(), day(2024, 11, 7));
    }

    #[test]
    fn datetime_with_z_and_seconds() {
        let When::DateTime(dt) = p("2024-11-07T15:30:45Z") else {
            panic!()
        };
        assert_eq!(dt.offset(), &utc());
        assert_eq!(dt.second(), 45);
    }

    #[test]
    fn datetime_without_offset_takes_default() {
        let When::DateTime(dt) = p("2024-11-07T15:30") else {
            panic!()
        };
        assert_eq!(dt.offset(), &plus(2));
        assert_eq!(dt.hour(), 15);
    }

    #[test]
    fn datetime_with_space() {
        assert_eq!(p("2024-11-07 15:30"), p("2024-11-07T15:30"));
        assert_eq!(p("2024-11-07 15:30 +03:00"), p("2024-11-07T15:30+03:00"));
        assert_eq!(p("2024-11-07t15:30z"), p("2024-11-07T15:30Z"));
    }

    #[test]
    fn fractional_seconds_dropped() {
        assert_eq!(p("2024-11-07T15:30:45.123Z"), p("2024-11-07T15:30:45Z"));
        assert!(parse_when("2024-11-07T15:30:45.Z", utc()).is_err());
    }

    #[test]
    fn compact_offset() {
        assert_eq!(
            p("2024-11-07T15:30+0530").datetime_attr(),
            "2024-11-07T15:30+05:30"
        );
    }

    #[test]
    fn invalid_dates() {
        for s in [
            "2024-02-30",
            "2023-02-29",
            "2024-13",
            "2024-13-01",
            "2024-00",
            "2024-11-00",
            "2024-11-31",
            "Nov 7",
            "",
            "24",
            "20245",
            "0000",
            "2024-1-7",
            "2024/11/07",
            "2024-11-07T",
            "2024-11-07T25:00",
            "2024-11-07T15:60",
            "2024-11-07T15:30:61",
            "2024-11-07T15:30+24:00",
            "2024-11-07T15:30 Moscow",
            "2024-11-07T1530",
            "-2024",
            "+2024",
            "２０２４",
        ] {
            let e = parse_when(s, utc()).unwrap_err();
            assert!(e.contains("is not a date"), "{s}: {e}");
            assert!(
                e.contains("expected 2024, 2024-11, 2024-11-07 or 2024-11-07T15:30+03:00"),
                "{s}: {e}"
            );
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            parse_when("Nov 7", utc()).unwrap_err(),
            "\"Nov 7\" is not a date: expected 2024, 2024-11, 2024-11-07 or 2024-11-07T15:30+03:00"
        );
        assert!(
            parse_when("2024-13-01", utc())
                .unwrap_err()
                .starts_with("\"2024-13-01\" is not a date: there is no month 13")
        );
        assert!(
            parse_when("2024-02-30", utc())
                .unwrap_err()
                .contains("February 2024 has no day 30")
        );
    }

    #[test]
    fn long_input_is_truncated_in_error() {
        let long = "x".repeat(10_000);
        assert!(parse_when(&long, utc()).unwrap_err().len() < 300);
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+03:00"), Ok(plus(3)));
        assert_eq!(parse_offset("-05:00"), Ok(plus(-5)));
        assert_eq!(
            parse_offset("+0530"),
            Ok(FixedOffset::east_opt(5 * 3600 + 1800).unwrap())
        );
        assert_eq!(parse_offset("Z"), Ok(utc()));
        assert_eq!(parse_offset("z"), Ok(utc()));
        assert_eq!(parse_offset("UTC"), Ok(utc()));
        assert_eq!(parse_offset("GMT"), Ok(utc()));
        assert_eq!(parse_offset("+00:00"), Ok(utc()));
        assert_eq!(parse_offset("-00:00"), Ok(utc()));
        assert_eq!(parse_offset("+03"), Ok(plus(3)));
        assert_eq!(parse_offset(" UTC+03:00 "), Ok(plus(3)));
        assert_eq!(parse_offset("\u{2212}05:00"), Ok(plus(-5)));
    }

    #[test]
    fn bad_offsets() {
        for s in [
            "",
            "03:00",
            "+3:00",
            "+24:00",
            "+03:60",
            "+03:00:00",
            "EST",
            "+",
            "+0",
            "+03:0",
            "Europe/Sofia",
            "+٣",
        ] {
            let e = parse_offset(s).unwrap_err();
            assert!(e.contains("is not a UTC offset"), "{s}: {e}");
        }
    }

    #[test]
    fn precision() {
        assert_eq!(p("2024").precision(), "year");
        assert_eq!(p("2024-11").precision(), "month");
        assert_eq!(p("2024-11-07").precision(), "day");
        assert_eq!(p("2024-11-07T15:30").precision(), "datetime");
    }

    #[test]
    fn datetime_attr() {
        assert_eq!(p("2024").datetime_attr(), "2024");
        assert_eq!(p("0800").datetime_attr(), "0800");
        assert_eq!(p("2024-11").datetime_attr(), "2024-11");
        assert_eq!(p("2024-11-07").datetime_attr(), "2024-11-07");
        assert_eq!(
            p("2024-11-07T15:30+03:00").datetime_attr(),
            "2024-11-07T15:30+03:00"
        );
        assert_eq!(
            p("2024-11-07T15:30:00Z").datetime_attr(),
            "2024-11-07T15:30+00:00"
        );
        assert_eq!(
            p("2024-11-07T15:30:09-05:00").datetime_attr(),
            "2024-11-07T15:30:09-05:00"
        );
    }

    #[test]
    fn display() {
        assert_eq!(p("2024").display(), "2024");
        assert_eq!(p("2024-11").display(), "November 2024");
        assert_eq!(p("2024-11-07").display(), "7 November 2024");
        assert_eq!(
            p("2024-11-07T15:30+03:00").display(),
            "7 November 2024, 15:30 (UTC+03:00)"
        );
        assert_eq!(
            p("2024-11-07T15:30:05-05:30").display(),
            "7 November 2024, 15:30:05 (UTC-05:30)"
        );
        assert_eq!(
            p("2024-11-07T15:30Z").display(),
            "7 November 2024, 15:30 (UTC)"
        );
    }

    #[test]
    fn rfc3339() {
        assert_eq!(p("2024").rfc3339(), "2024-01-01T00:00:00+00:00");
        assert_eq!(p("2024-11").rfc3339(), "2024-11-01T00:00:00+00:00");
        assert_eq!(p("2024-11-07").rfc3339(), "2024-11-07T00:00:00+00:00");
        assert_eq!(
            p("2024-11-07T15:30+03:00").rfc3339(),
            "2024-11-07T15:30:00+03:00"
        );
        assert_eq!(
            p("2024-11-07T15:30Z").rfc3339(),
            "2024-11-07T15:30:00+00:00"
        );
        assert!(DateTime::parse_from_rfc3339(&p("0042-03").rfc3339()).is_ok());
    }

    #[test]
    fn ordering() {
        let mut items = [
            p("2024-11-07T15:30+03:00"),
            p("2024-11-07"),
            p("2025"),
            p("2024-11"),
            p("2024"),
            p("2024-11-07T01:00+03:00"),
            p("2023-12-31T23:59Z"),
            p("2024-11-08"),
        ];
        items.sort_by_key(When::sort_key);
        let got: Vec<String> = items.iter().map(When::datetime_attr).collect();
        assert_eq!(
            got,
            [
                "2023-12-31T23:59+00:00",
                "2024",
                "2024-11",
                "2024-11-07T01:00+03:00", // 2024-11-06T22:00Z: before the day starts in UTC
                "2024-11-07",
                "2024-11-07T15:30+03:00",
                "2024-11-08",
                "2025",
            ]
        );
    }

    #[test]
    fn sort_key_values() {
        assert_eq!(p("1970").sort_key(), (0, 0));
        assert_eq!(p("1970-01").sort_key(), (0, 1));
        assert_eq!(p("1970-01-01").sort_key(), (0, 2));
        assert_eq!(p("1970-01-01T00:00Z").sort_key(), (0, 3));
        assert_eq!(p("1970-01-01T03:00+03:00").sort_key(), (0, 3));
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1), "January");
        assert_eq!(month_name(12), "December");
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
    }

    #[test]
    fn hand_built_values_do_not_panic() {
        for w in [When::Month(2024, 13), When::Year(i32::MAX), When::Year(-5)] {
            let _ = (w.display(), w.datetime_attr(), w.sort_key(), w.rfc3339());
        }
    }
}

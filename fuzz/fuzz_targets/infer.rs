//! Metadata inference for raw `.txt` articles, with the date and boilerplate parsers it uses.
//!
//! Input: first line = file stem (also tried as a date and a UTC offset), second line =
//! boilerplate pattern (`/regex/` or a plain line), the rest = the article text. The first
//! byte also picks the site's default UTC offset.
#![no_main]

use chrono::FixedOffset;
use digest::primitives::boilerplate::{normalize_line, parse_pattern};
use digest::load::infer::{KnownOutlet, SlashOrder, infer, source_from_file_stem};
use digest::primitives::when::{When, parse_offset, parse_when};
use libfuzzer_sys::fuzz_target;

const OUTLETS: &[&str] = &["fakti", "fakti-bg", "kyivpost", "tass", "a", "Ж", ""];

fn exercise(when: When) {
    assert!(!when.datetime_attr().is_empty());
    assert!(!when.display().is_empty());
    assert!(!when.rfc3339().is_empty());
    let _ = when.sort_key();
    let _ = when.precision();
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // Offsets from -23:58 to +23:58, in steps of 11 minutes 14 seconds.
    let seconds = (i32::from(data.first().copied().unwrap_or(128)) - 128) * 674;
    let Some(offset) = FixedOffset::east_opt(seconds) else {
        return;
    };
    let (stem, rest) = s.split_once('\n').unwrap_or((s, ""));
    let (pattern, text) = rest.split_once('\n').unwrap_or((rest, ""));

    if let Ok(when) = parse_when(stem, offset) {
        exercise(when);
    }
    let _ = parse_offset(stem);
    let _ = source_from_file_stem(stem, OUTLETS);

    let pattern = parse_pattern(pattern).ok();
    let is_boilerplate = |line: &str| {
        let _ = normalize_line(line);
        pattern.as_ref().is_some_and(|p| p.matches(line))
    };
    // Each outlet named after its id, so that a line naming one is exercised too; the first
    // byte's parity picks how slashed dates are read.
    let slashes = if seconds % 2 == 0 {
        SlashOrder::DayFirst
    } else {
        SlashOrder::MonthFirst
    };
    let outlets: Vec<KnownOutlet<'_>> = OUTLETS
        .iter()
        .map(|id| KnownOutlet {
            id,
            name: id,
            slashes,
        })
        .collect();
    let inferred = infer(text, stem, &outlets, offset, &is_boilerplate);
    if let Some(p) = &pattern {
        assert!(!p.source().is_empty());
    }

    assert!(!inferred.notes.is_empty());
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    if let Some((title, line)) = &inferred.title {
        assert!(!title.trim().is_empty());
        let source_line = lines.get(line - 1).expect("title line exists");
        assert!(
            source_line.contains(title.as_str()),
            "{title:?} not in {source_line:?}"
        );
    }
    if let Some((when, line)) = inferred.published {
        assert!(lines.get(line - 1).is_some(), "date line exists");
        exercise(when);
    }
    if let Some(source) = &inferred.source {
        assert!(OUTLETS.contains(&source.as_str()));
    }
});

//! `parse_citations` never panics and every range it reports slices out what it describes.
#![no_main]

use digest::verify::citations::{line_col, parse_citations};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    let (groups, errors) = parse_citations(md);
    let mut last_end = 0;
    for g in &groups {
        let text = md.get(g.range.clone()).expect("group range is a slice");
        assert!(text.starts_with('[') && text.ends_with(']'), "{text:?}");
        assert!(
            g.range.start >= last_end,
            "groups overlap or are out of order"
        );
        last_end = g.range.end;
        assert!(!g.items.is_empty());
        for item in &g.items {
            assert_eq!(md.get(item.id_range.clone()), Some(item.id.as_str()));
            assert!(!item.id.is_empty());
            assert!(g.range.start < item.id_range.start && item.id_range.end < g.range.end);
            assert_eq!(item.passage.is_some(), item.passage_range.is_some());
            if let (Some(p), Some(r)) = (&item.passage, &item.passage_range) {
                assert_eq!(md.get(r.clone()), Some(p.as_str()));
                assert!(!p.trim().is_empty());
                assert!(item.id_range.end < r.start && r.end < g.range.end);
            }
        }
        let (line, col) = line_col(md, g.range.start);
        assert!(line >= 1 && col >= 1);
    }
    for e in &errors {
        let text = md.get(e.range.clone()).expect("error range is a slice");
        assert!(text.starts_with('['), "{text:?}");
        assert!(!e.message.is_empty());
        let _ = line_col(md, e.range.end);
    }
});

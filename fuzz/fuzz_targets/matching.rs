//! Quote normalisation and matching: no panics, ranges on char boundaries, normalisation
//! idempotent, and a found passage normalises to the needle.
//!
//! The input is split into haystack and needle at the first NUL, or else half-way.
#![no_main]

use digest::verify::matching::{closest_passage, find_all, find_passage, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (hay, needle) = match s.split_once('\0') {
        Some(parts) => parts,
        None => {
            let mut mid = s.len() / 2;
            while !s.is_char_boundary(mid) {
                mid -= 1;
            }
            s.split_at(mid)
        }
    };

    let norm_hay = normalize(hay);
    assert_eq!(
        normalize(&norm_hay),
        norm_hay,
        "normalize is not idempotent"
    );
    let norm_needle = normalize(needle);
    assert_eq!(
        normalize(&norm_needle),
        norm_needle,
        "normalize is not idempotent"
    );

    let found = find_passage(hay, needle);
    if let Some(r) = &found {
        let slice = hay.get(r.clone()).expect("range on char boundaries");
        assert!(!slice.is_empty() && slice.trim() == slice, "{slice:?}");
        let norm_slice = normalize(slice);
        // Equal, unless the only occurrence starts or ends inside one char's expansion
        // (`ine` in `ﬁne`), in which case the whole char is reported.
        assert!(
            norm_slice == norm_needle || norm_slice.contains(&norm_needle),
            "{norm_slice:?} for {norm_needle:?}"
        );
        assert!(norm_hay.contains(&norm_needle));
    }
    let all = find_all(hay, needle);
    assert_eq!(all.is_empty(), found.is_none());
    for pair in all.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlapping {all:?}");
    }
    for r in &all {
        assert!(hay.get(r.clone()).is_some());
    }

    if let Some(c) = closest_passage(hay, needle) {
        assert!(
            hay.get(c.range.clone()).is_some(),
            "range on char boundaries"
        );
        assert!((0.0..=1.0).contains(&c.similarity), "{}", c.similarity);
        if let Some(r) = &found {
            assert_eq!(c.range, *r);
            assert_eq!(c.similarity, 1.0);
        }
    } else {
        assert!(found.is_none(), "found but no closest passage");
    }
});

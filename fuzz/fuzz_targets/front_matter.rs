//! `split_front_matter` never panics, returns slices of its input, and counts lines right.
#![no_main]

use digest::load::front_matter::split_front_matter;
use libfuzzer_sys::fuzz_target;

/// Byte offset of `part` inside `whole`, which it must be a slice of.
fn offset_in(whole: &str, part: &str) -> usize {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    assert!(
        start + part.len() <= whole.len(),
        "not a slice of the input"
    );
    assert!(whole.is_char_boundary(start) && whole.is_char_boundary(start + part.len()));
    start
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let without_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    match split_front_matter(text) {
        Ok(split) => {
            let body_at = offset_in(without_bom, split.body);
            match split.yaml {
                None => {
                    assert_eq!(split.body, without_bom);
                    assert_eq!(split.body_first_line, 1);
                }
                Some(yaml) => {
                    let yaml_at = offset_in(without_bom, yaml);
                    assert_eq!(split.yaml_first_line, 2);
                    // The YAML starts right after the opening `---` line ...
                    assert_eq!(without_bom[..yaml_at].matches('\n').count(), 1);
                    assert!(without_bom.starts_with("---"));
                    // ... and the body after the closing line, at the line counted.
                    assert!(body_at >= yaml_at + yaml.len());
                    let closing = &without_bom[yaml_at + yaml.len()..body_at];
                    let fence = closing.trim_end_matches(['\n', '\r', ' ', '\t']);
                    assert!(fence == "---" || fence == "...", "closing line {closing:?}");
                    assert!(!yaml.contains("\n---\n"), "an earlier fence was missed");
                    let lines_before = without_bom[..body_at].matches('\n').count();
                    if closing.ends_with('\n') {
                        assert_eq!(split.body_first_line, lines_before + 1);
                    } else {
                        // The closing fence is the last line, without a newline.
                        assert!(split.body.is_empty());
                        assert_eq!(split.body_first_line, lines_before + 2);
                    }
                }
            }
        }
        Err(e) => {
            assert_eq!(e.line, 1);
            assert!(!e.to_string().is_empty());
        }
    }
});

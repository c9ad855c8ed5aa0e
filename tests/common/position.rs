//! Where a passage stands in a site's source file, to check that a diagnostic points at it.

use std::path::Path;

/// The 1-based line and column (in characters) where `needle` first starts in `file`.
pub fn position_of(file: &Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(file).unwrap();
    for (i, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (i + 1, line[..byte].chars().count() + 1);
        }
    }
    panic!("{needle:?} is not in {}", file.display());
}

/// The 1-based number of the first line of `file` that contains `needle`.
pub fn line_of(file: &Path, needle: &str) -> usize {
    position_of(file, needle).0
}

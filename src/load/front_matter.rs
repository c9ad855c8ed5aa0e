//! Splits an article or story file into its YAML front matter and its body, keeping the line
//! numbers of both so that diagnostics can point into the original file.

use std::fmt;

/// A file cut into front matter and body. Both are slices of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, without them; `None` when the file has no front matter.
    pub yaml: Option<&'a str>,
    /// 1-based line of the file on which `yaml` starts (add `yaml_first_line - 1` to the line
    /// numbers a YAML parser reports).
    pub yaml_first_line: usize,
    /// Everything after the closing `---` line (or the whole text without front matter).
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_first_line: usize,
}

/// Front matter that was opened but never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The 1-based line of the opening `---`.
    pub line: usize,
    /// What is wrong, for a diagnostic on that line.
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FrontMatterError {}

/// Editors' files come from many editors and tools: a BOM, CRLF line endings and trailing
/// spaces after the `---` must not turn front matter into body text.
fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line = line.trim_end_matches([' ', '\t', '\r']);
    line == "---" || (closing && line == "...")
}

/// Splits `text` into front matter and body.
///
/// The front matter starts with a first line `---` and ends at the next line that is `---` or
/// `...` (YAML's own document markers). A file without an opening `---` is all body.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, FrontMatterError> {
    // A BOM is invisible in editors; it must neither hide the opening fence nor reach the body.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    let (first, mut rest) = match text.split_once('\n') {
        Some((first, rest)) => (first, Some(rest)),
        None => (text, None),
    };
    if !is_fence(first, false) {
        return Ok(Split {
            yaml: None,
            yaml_first_line: 1,
            body: text,
            body_first_line: 1,
        });
    }

    let unclosed = || FrontMatterError {
        line: 1,
        message: "front matter starts with `---` on line 1 but has no closing `---` line"
            .to_string(),
    };

    let yaml_start = text.len() - rest.map_or(0, str::len);
    let mut line_no = 1;
    while let Some(remaining) = rest {
        line_no += 1;
        let line_start = text.len() - remaining.len();
        let (line, after) = match remaining.split_once('\n') {
            Some((line, after)) => (line, Some(after)),
            None => (remaining, None),
        };
        if is_fence(line, true) {
            let yaml = text.get(yaml_start..line_start).ok_or_else(unclosed)?;
            return Ok(Split {
                yaml: Some(yaml),
                yaml_first_line: 2,
                // An empty body at the end of the text, not a `""` from elsewhere: callers may
                // locate `body` in the file by its address.
                body: after.unwrap_or(&text[text.len()..]),
                body_first_line: line_no + 1,
            });
        }
        rest = after;
    }
    Err(unclosed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split_front_matter("Putin extends his congratulations\n\nBody.\n").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "Putin extends his congratulations\n\nBody.\n");
        assert_eq!(s.body_first_line, 1);
        assert_eq!(s.yaml_first_line, 1);
    }

    #[test]
    fn empty_text() {
        let s = split_front_matter("").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "");
        assert_eq!(s.body_first_line, 1);
    }

    #[test]
    fn ordinary_front_matter() {
        let text = "---\nsource: fakti\ntitle: Putin\n---\nFirst paragraph.\n\nSecond.\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.yaml, Some("source: fakti\ntitle: Putin\n"));
        assert_eq!(s.yaml_first_line, 2);
        assert_eq!(s.body, "First paragraph.\n\nSecond.\n");
        assert_eq!(s.body_first_line, 5);
    }

    #[test]
    fn dots_close_front_matter() {
        let s = split_front_matter("---\na: 1\n...\nbody").unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "body");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn dots_do_not_open_front_matter() {
        let s = split_front_matter("...\na: 1\n...\n").unwrap();
        assert_eq!(s.yaml, None);
    }

    #[test]
    fn crlf_line_endings() {
        let text = "---\r\nsource: fakti\r\n---\r\nBody line\r\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.yaml, Some("source: fakti\r\n"));
        assert_eq!(s.body, "Body line\r\n");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn bom_before_opening_fence() {
        let text = "\u{feff}---\ntitle: x\n---\nbody";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.yaml, Some("title: x\n"));
        assert_eq!(s.body, "body");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn bom_without_front_matter_is_dropped_from_body() {
        let s = split_front_matter("\u{feff}Headline\nText").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "Headline\nText");
    }

    #[test]
    fn trailing_spaces_after_fences() {
        let s = split_front_matter("---  \na: 1\n--- \t\nbody").unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn leading_space_or_longer_rule_is_not_a_fence() {
        assert_eq!(split_front_matter(" ---\na\n---\n").unwrap().yaml, None);
        assert_eq!(split_front_matter("----\na\n----\n").unwrap().yaml, None);
    }

    #[test]
    fn empty_front_matter() {
        let s = split_front_matter("---\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, Some(""));
        assert_eq!(s.yaml_first_line, 2);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_first_line, 3);
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let s = split_front_matter("---\na: 1\n---").unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "");
        assert_eq!(s.body_first_line, 4);
    }

    #[test]
    fn empty_body_is_still_a_slice_of_the_text() {
        // Found by the `front_matter` fuzz target: the body was a `""` from elsewhere.
        let text = "---\n!ti-R\n---";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.body, "");
        assert_eq!(s.body.as_ptr(), text[text.len()..].as_ptr());
    }

    #[test]
    fn later_rule_in_body_stays_in_body() {
        let text = "---\na: 1\n---\nPara one\n\n---\n\nPara two\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "Para one\n\n---\n\nPara two\n");
    }

    #[test]
    fn rule_later_without_opening_is_body() {
        let text = "Headline\n---\nmore\n---\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, text);
    }

    #[test]
    fn only_an_opening_fence_is_an_error() {
        for text in ["---", "---\n", "---\r\n", "---\nsource: fakti\ntitle: x\n"] {
            let e = split_front_matter(text).unwrap_err();
            assert_eq!(e.line, 1);
            assert_eq!(
                e.message,
                "front matter starts with `---` on line 1 but has no closing `---` line"
            );
        }
    }

    #[test]
    fn error_displays_line() {
        let e = split_front_matter("---\n").unwrap_err();
        assert!(e.to_string().starts_with("line 1: front matter"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "\u{feff}",
            "\n",
            "\r",
            "---\r",
            "---\n\u{feff}---",
            "—\n---",
            "---\n…\n",
        ] {
            let _ = split_front_matter(text);
        }
    }
}

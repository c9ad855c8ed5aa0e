//! Cuts an article body into numbered paragraphs, setting aside page furniture, so that each
//! kept paragraph has a stable anchor (`#p1`, `#p2` …) for citations.

use serde::Serialize;

use crate::primitives::boilerplate::{Line, Pattern, normalize_line};

/// A paragraph of reporting that is kept, read and citable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// 1-based among the kept paragraphs; the anchor is `#p{number}`.
    pub number: usize,
    /// The line as written, without the blank padding around it.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// A line set aside as furniture, listed on the article page so that nothing is hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// The line as written, without the blank padding around it.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
    /// Source of the pattern that matched, or `"title"` for a repeated headline.
    pub pattern: String,
}

/// An article's text, cut.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Body {
    /// The kept paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The lines set aside, in order.
    pub removed: Vec<Removed>,
}

/// Web pages pad with invisible characters that `str::trim` keeps; a line holding only those is
/// blank to a reader and must not become an empty paragraph.
fn is_padding(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// Splits `body` (which starts on line `first_line` of its file) into paragraphs.
///
/// Every non-blank line is a paragraph: web copies separate paragraphs by blank lines or by
/// single line breaks, and an editor cannot tell which a page used. A line matching one of
/// `patterns` is removed; so is the first line that would otherwise be kept if it repeats
/// `title` (copies usually start with the headline, which the page already shows).
pub fn split_body(
    body: &str,
    first_line: usize,
    title: Option<&str>,
    patterns: &[&Pattern],
) -> Body {
    let title = title.map(normalize_line).filter(|t| !t.is_empty());
    let mut out = Body::default();
    let mut title_checked = false;
    for (index, raw) in body.split('\n').enumerate() {
        let text = raw.trim_matches(is_padding);
        if text.is_empty() {
            continue;
        }
        let line = first_line.saturating_add(index);
        let normalized = Line::new(text);
        if let Some(pattern) = patterns.iter().find(|p| p.matches_line(&normalized)) {
            out.removed.push(Removed {
                text: text.to_string(),
                line,
                pattern: pattern.source(),
            });
            continue;
        }
        if !title_checked {
            title_checked = true;
            if title.as_deref() == Some(normalized.normalized()) {
                out.removed.push(Removed {
                    text: text.to_string(),
                    line,
                    pattern: "title".to_string(),
                });
                continue;
            }
        }
        out.paragraphs.push(Paragraph {
            number: out.paragraphs.len() + 1,
            text: text.to_string(),
            line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::boilerplate::parse_pattern;

    fn texts(b: &Body) -> Vec<(usize, &str, usize)> {
        b.paragraphs
            .iter()
            .map(|p| (p.number, p.text.as_str(), p.line))
            .collect()
    }

    #[test]
    fn blank_line_separated_like_defence_talks() {
        let body = "Putin extends his congratulations to Trump on his presidential victory and expresses his readiness for dialogue\n\
                    \n\
                    Russian President Vladimir Putin extended his congratulations to Donald Trump on his electoral victory on Thursday.\n\
                    \n\
                    When asked about his willingness to communicate with Trump, Putin affirmed, \u{201c}Yes, we are ready.\u{201d}\n";
        let b = split_body(body, 1, None, &[]);
        assert_eq!(b.paragraphs.len(), 3);
        assert_eq!(b.paragraphs[0].line, 1);
        assert_eq!(b.paragraphs[1].line, 3);
        assert_eq!(b.paragraphs[2].line, 5);
        assert_eq!(b.paragraphs[2].number, 3);
        assert!(b.removed.is_empty());
    }

    #[test]
    fn single_line_separated_like_kyiv_post() {
        let body = "Russian leader Vladimir Putin on Thursday publicly congratulated Donald Trump.\n\
                    Speaking at a forum at Moscow-based think Valdai Discussion Club, Putin explained.\n\
                    JOIN US ON TELEGRAM\n\
                    Follow our coverage of the war on the @Kyivpost_official.\n\
                    \u{201c}I don\u{2019}t think it would be inappropriate for me to call him,\u{201d} Putin said.\n\
                    You can also highlight the text and press Ctrl + Enter";
        let join = parse_pattern("JOIN US ON TELEGRAM").unwrap();
        let follow = parse_pattern("/^Follow our coverage/").unwrap();
        let ctrl = parse_pattern("You can also highlight the text and press Ctrl + Enter").unwrap();
        let b = split_body(body, 1, None, &[&join, &follow, &ctrl]);
        assert_eq!(
            texts(&b),
            vec![
                (
                    1,
                    "Russian leader Vladimir Putin on Thursday publicly congratulated Donald Trump.",
                    1
                ),
                (
                    2,
                    "Speaking at a forum at Moscow-based think Valdai Discussion Club, Putin explained.",
                    2
                ),
                (
                    3,
                    "\u{201c}I don\u{2019}t think it would be inappropriate for me to call him,\u{201d} Putin said.",
                    5
                ),
            ]
        );
        let removed: Vec<(&str, usize, &str)> = b
            .removed
            .iter()
            .map(|r| (r.text.as_str(), r.line, r.pattern.as_str()))
            .collect();
        assert_eq!(
            removed,
            vec![
                ("JOIN US ON TELEGRAM", 3, "JOIN US ON TELEGRAM"),
                (
                    "Follow our coverage of the war on the @Kyivpost_official.",
                    4,
                    "/^Follow our coverage/"
                ),
                (
                    "You can also highlight the text and press Ctrl + Enter",
                    6,
                    "You can also highlight the text and press Ctrl + Enter"
                ),
            ]
        );
    }

    #[test]
    fn crlf_and_offset_first_line() {
        let body = "First para\r\n\r\n  Second para  \r\nThird\r\n";
        let b = split_body(body, 5, None, &[]);
        assert_eq!(
            texts(&b),
            vec![(1, "First para", 5), (2, "Second para", 7), (3, "Third", 8)]
        );
    }

    #[test]
    fn title_removed_after_furniture_like_newszop() {
        let body = "World\nNext Story\nNewszop\n\n\
                    Putin open to discuss Ukraine with Trump while upholding Russia's demands: Kremlin\n\n\
                    Send Push\n\
                    Russian President Vladimir Putin on Friday said that he is ready to discuss Ukraine.\n\n\
                    Putin open to discuss Ukraine with Trump while upholding Russia's demands: Kremlin\n";
        let pats: Vec<Pattern> = ["World", "Next Story", "Newszop", "Send Push"]
            .iter()
            .map(|s| parse_pattern(s).unwrap())
            .collect();
        let refs: Vec<&Pattern> = pats.iter().collect();
        let title = "Putin open to discuss Ukraine with Trump while upholding Russia\u{2019}s demands:  Kremlin";
        let b = split_body(body, 4, Some(title), &refs);
        assert_eq!(b.paragraphs.len(), 2);
        assert_eq!(b.paragraphs[0].number, 1);
        assert_eq!(b.paragraphs[0].line, 11);
        // Only the first kept line is compared with the title.
        assert_eq!(b.paragraphs[1].number, 2);
        assert_eq!(b.paragraphs[1].line, 13);
        let sources: Vec<(&str, usize)> = b
            .removed
            .iter()
            .map(|r| (r.pattern.as_str(), r.line))
            .collect();
        assert_eq!(
            sources,
            vec![
                ("World", 4),
                ("Next Story", 5),
                ("Newszop", 6),
                ("title", 8),
                ("Send Push", 10)
            ]
        );
    }

    #[test]
    fn title_not_removed_when_first_line_differs() {
        let body = "Last news in Fakti\n\nPutin congratulated Trump on the victory";
        let b = split_body(
            body,
            1,
            Some("Putin congratulated Trump on the victory"),
            &[],
        );
        assert_eq!(b.paragraphs.len(), 2);
        assert!(b.removed.is_empty());
    }

    #[test]
    fn title_is_compared_case_and_space_insensitively() {
        let body = "  PUTIN   congratulated trump \nText.";
        let b = split_body(body, 1, Some("Putin congratulated Trump"), &[]);
        assert_eq!(texts(&b), vec![(1, "Text.", 2)]);
        assert_eq!(b.removed[0].pattern, "title");
        assert_eq!(b.removed[0].text, "PUTIN   congratulated trump");
    }

    #[test]
    fn empty_title_removes_nothing() {
        let b = split_body("a\nb", 1, Some("  "), &[]);
        assert_eq!(b.paragraphs.len(), 2);
    }

    #[test]
    fn first_matching_pattern_is_reported() {
        let a = parse_pattern("/^Nov/").unwrap();
        let b_ = parse_pattern("/\\d+$/").unwrap();
        let b = split_body("Nov 7, 2024 22:50 106", 1, None, &[&a, &b_]);
        assert_eq!(b.removed[0].pattern, "/^Nov/");
        assert!(b.paragraphs.is_empty());
    }

    #[test]
    fn numbering_is_stable_and_consecutive() {
        let pat = parse_pattern("Send Push").unwrap();
        let body = "one\nSend Push\ntwo\n\n\nthree";
        let b = split_body(body, 1, None, &[&pat]);
        let numbers: Vec<usize> = b.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(b, split_body(body, 1, None, &[&pat]));
    }

    #[test]
    fn invisible_padding_lines_are_blank() {
        let b = split_body("a\n\u{200b}\u{a0}\n\u{feff}b\u{200b}\n\t\n", 1, None, &[]);
        assert_eq!(texts(&b), vec![(1, "a", 1), (2, "b", 3)]);
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert_eq!(split_body("", 1, None, &[]), Body::default());
        assert_eq!(split_body("\n\r\n \n", 1, Some(""), &[]), Body::default());
        let b = split_body("x\ny", usize::MAX, Some("x"), &[]);
        assert_eq!(b.paragraphs[0].line, usize::MAX);
        let b = split_body("a\rb", 1, None, &[]);
        assert_eq!(b.paragraphs[0].text, "a\rb");
    }

    #[test]
    fn serializes() {
        let b = split_body("Hello", 3, None, &[]);
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(
            json,
            r#"{"paragraphs":[{"number":1,"text":"Hello","line":3}],"removed":[]}"#
        );
    }
}

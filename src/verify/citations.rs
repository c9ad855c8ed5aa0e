//! Parses Pandoc-style citations (`[@id]`, `[@id, "words"]`, `[@a; @b, "words"]`) out of
//! Markdown, with byte ranges for every part so that problems can be reported at a line and
//! column.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// One `[...]` of citations: rendered as one footnote group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationGroup {
    /// The whole `[...]`, brackets included.
    pub range: Range<usize>,
    /// Its `@id`s in the order written; never empty.
    pub items: Vec<CitationItem>,
}

/// One `@id` with its optional quoted passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationItem {
    /// The cited article's id, without the `@`.
    pub id: String,
    /// Range of the id, `@` excluded.
    pub id_range: Range<usize>,
    /// The quoted words, without their quotes, exactly as written.
    pub passage: Option<String>,
    /// Range of the passage, quotes excluded.
    pub passage_range: Option<Range<usize>>,
}

/// A `[@` that starts a citation but does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationError {
    /// From the opening `[` to the offending character (included).
    pub range: Range<usize>,
    /// What was expected there, for a diagnostic.
    pub message: String,
}

const EXPECT_AFTER_ID: &str =
    "expected \",\" followed by a quoted passage, or \";\" followed by another @id, or \"]\"";
const EXPECT_AFTER_PASSAGE: &str = "expected \";\" followed by another @id, or \"]\"";
const EXPECT_ID: &str = "expected a source id after \"@\" (a letter or digit, then letters, digits, \"_\", \".\", \":\" or \"-\")";
const EXPECT_AT: &str = "expected another @id after \";\"";
const EXPECT_QUOTE: &str = "expected a quoted passage (\"...\" or “...”) after \",\"";

/// Finds every citation group in `markdown`, in source order, and every `[@` that looks like
/// the start of one but does not parse.
///
/// Not parsed: `\[@` (escaped), anything inside code spans, fenced or indented code blocks,
/// HTML comments and link reference definitions, and `[@...]` that Markdown already reads as a
/// link (`[@handle](https://...)`). Whitespace, newlines included, may surround the items; a
/// quoted passage may not run past a blank line.
pub fn parse_citations(markdown: &str) -> (Vec<CitationGroup>, Vec<CitationError>) {
    let skipped = Skipped::new(markdown);
    let bytes = markdown.as_bytes();
    let mut groups = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    while let Some(off) = markdown.get(pos..).and_then(|rest| rest.find('[')) {
        let start = pos + off;
        pos = start + 1;
        let at = skip_inline_space(markdown, start + 1);
        if bytes.get(at) != Some(&b'@') || is_escaped(bytes, start) || skipped.contains(start) {
            continue;
        }
        match parse_group(markdown, start, at) {
            Ok(group) => {
                pos = group.range.end;
                groups.push(group);
            }
            // Scanning resumes right after the `[`, so that a citation swallowed by an
            // unclosed one is still found.
            Err(error) => errors.push(error),
        }
    }
    (groups, errors)
}

/// 1-based line and 1-based column (counted in chars) of a byte offset. Offsets past the end
/// or inside a char are moved back to the nearest char boundary.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let before = &text[..b];
    let line = before.bytes().filter(|&c| c == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Where citations are not looked for, from a Markdown parse.
struct Skipped {
    /// Sorted, non-overlapping.
    ranges: Vec<Range<usize>>,
    /// Sorted positions of `[` that open a link or image.
    link_starts: Vec<usize>,
}

impl Skipped {
    fn new(markdown: &str) -> Self {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        let mut ranges = Vec::new();
        let mut link_starts = Vec::new();
        let mut events = Parser::new_ext(markdown, options).into_offset_iter();
        for (event, range) in events.by_ref() {
            match event {
                Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => ranges.push(range),
                Event::InlineHtml(html) if html.starts_with("<!--") => ranges.push(range),
                Event::Start(Tag::HtmlBlock)
                    if markdown
                        .get(range.clone())
                        .is_some_and(|s| s.trim_start().starts_with("<!--")) =>
                {
                    ranges.push(range)
                }
                Event::Start(Tag::Link { .. }) => link_starts.push(range.start),
                // The range starts at the `!`.
                Event::Start(Tag::Image { .. }) => link_starts.push(range.start + 1),
                _ => {}
            }
        }
        ranges.extend(
            events
                .reference_definitions()
                .iter()
                .map(|(_, def)| def.span.clone()),
        );
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        link_starts.sort_unstable();
        Skipped {
            ranges: merged,
            link_starts,
        }
    }

    fn contains(&self, pos: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.end <= pos);
        let in_range = self.ranges.get(i).is_some_and(|r| r.start <= pos);
        in_range || self.link_starts.binary_search(&pos).is_ok()
    }
}

fn is_escaped(bytes: &[u8], pos: usize) -> bool {
    let backslashes = bytes[..pos]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

fn skip_inline_space(s: &str, mut pos: usize) -> usize {
    while matches!(s.as_bytes().get(pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    pos
}

fn skip_space(s: &str, pos: usize) -> usize {
    match s.get(pos..) {
        Some(rest) => pos + (rest.len() - rest.trim_start().len()),
        None => pos,
    }
}

fn is_id_start(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_id_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-')
}

/// `start` is the `[`, `at` the first `@`.
fn parse_group(s: &str, start: usize, at: usize) -> Result<CitationGroup, CitationError> {
    let bytes = s.as_bytes();
    let fail = |pos: usize, message: &str| {
        let (end, message) = match s.get(pos..).and_then(|rest| rest.chars().next()) {
            Some(c) => (pos + c.len_utf8(), message.to_string()),
            None => (pos, format!("unclosed citation: {message}")),
        };
        CitationError {
            range: start..end,
            message,
        }
    };

    let mut items = Vec::new();
    let mut pos = at;
    loop {
        if bytes.get(pos) != Some(&b'@') {
            return Err(fail(pos, EXPECT_AT));
        }
        let id_start = pos + 1;
        if !bytes.get(id_start).copied().is_some_and(is_id_start) {
            return Err(fail(id_start, EXPECT_ID));
        }
        let mut id_end = id_start + 1;
        while bytes.get(id_end).copied().is_some_and(is_id_char) {
            id_end += 1;
        }
        // `[@a.]` or `@a:` end a sentence or introduce something; they are not part of the id.
        while matches!(bytes[id_end - 1], b'.' | b':') {
            id_end -= 1;
        }
        let mut item = CitationItem {
            id: s[id_start..id_end].to_string(),
            id_range: id_start..id_end,
            passage: None,
            passage_range: None,
        };

        pos = skip_space(s, id_end);
        if bytes.get(pos) == Some(&b',') {
            pos = skip_space(s, pos + 1);
            let (passage, after) = parse_passage(s, pos).map_err(|(p, message)| {
                // Already says what is unclosed, if anything.
                let end = s
                    .get(p..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(p, |c| p + c.len_utf8());
                CitationError {
                    range: start..end,
                    message,
                }
            })?;
            item.passage = Some(s[passage.clone()].to_string());
            item.passage_range = Some(passage);
            items.push(item);
            pos = skip_space(s, after);
            match bytes.get(pos) {
                Some(b';') => pos = skip_space(s, pos + 1),
                Some(b']') => break,
                _ => return Err(fail(pos, EXPECT_AFTER_PASSAGE)),
            }
        } else {
            items.push(item);
            match bytes.get(pos) {
                Some(b';') => pos = skip_space(s, pos + 1),
                Some(b']') => break,
                _ => return Err(fail(pos, EXPECT_AFTER_ID)),
            }
        }
    }
    Ok(CitationGroup {
        range: start..pos + 1,
        items,
    })
}

/// Parses `"..."` or `“...”` at `pos`; returns the range inside the quotes and the position
/// after the closing quote, or where and why it failed.
fn parse_passage(s: &str, pos: usize) -> Result<(Range<usize>, usize), (usize, String)> {
    let rest = s.get(pos..).unwrap_or("");
    let (open, close) = match rest.chars().next() {
        Some('"') => ('"', '"'),
        Some('“') => ('“', '”'),
        _ => return Err((pos, EXPECT_QUOTE.to_string())),
    };
    let inner_start = pos + open.len_utf8();
    let inner = &s[inner_start..];
    let unclosed = |at: usize| {
        (
            at,
            format!(
                "unclosed quoted passage: expected a closing {close} before the end of the paragraph"
            ),
        )
    };
    for (i, c) in inner.char_indices() {
        if c == close {
            let range = inner_start..inner_start + i;
            if s[range.clone()].trim().is_empty() {
                return Err((
                    pos,
                    "empty quoted passage: expected the words to look for between the quotes"
                        .to_string(),
                ));
            }
            return Ok((range, inner_start + i + c.len_utf8()));
        }
        if c == '\n' {
            let after = &inner[i + 1..];
            let blank = after.trim_start_matches([' ', '\t', '\r']);
            if blank.starts_with('\n') || blank.is_empty() {
                return Err(unclosed(inner_start + i));
            }
        }
    }
    Err(unclosed(s.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(md: &str) -> Vec<CitationGroup> {
        let (groups, errors) = parse_citations(md);
        assert!(errors.is_empty(), "unexpected errors {errors:?} in {md:?}");
        groups
    }

    fn ids(group: &CitationGroup) -> Vec<&str> {
        group.items.iter().map(|i| i.id.as_str()).collect()
    }

    fn passages(group: &CitationGroup) -> Vec<Option<&str>> {
        group.items.iter().map(|i| i.passage.as_deref()).collect()
    }

    fn one_error(md: &str) -> CitationError {
        let (groups, errors) = parse_citations(md);
        assert!(groups.is_empty(), "unexpected groups {groups:?}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].clone()
    }

    #[test]
    fn single_id() {
        let md = "Putin spoke [@aljazeera] today.";
        let g = parse_ok(md);
        assert_eq!(g.len(), 1);
        assert_eq!(&md[g[0].range.clone()], "[@aljazeera]");
        assert_eq!(
            g[0].items,
            vec![CitationItem {
                id: "aljazeera".into(),
                id_range: 14..23,
                passage: None,
                passage_range: None,
            }]
        );
    }

    #[test]
    fn id_with_passage() {
        let md = r#"He said so [@aljazeera, "like a real man"]."#;
        let g = parse_ok(md);
        assert_eq!(
            &md[g[0].range.clone()],
            r#"[@aljazeera, "like a real man"]"#
        );
        let item = &g[0].items[0];
        assert_eq!(item.id, "aljazeera");
        assert_eq!(&md[item.id_range.clone()], "aljazeera");
        assert_eq!(item.passage.as_deref(), Some("like a real man"));
        assert_eq!(&md[item.passage_range.clone().unwrap()], "like a real man");
    }

    #[test]
    fn several_sources() {
        let md = r#"[@kyivpost; @fakti, "bravely, like a man"]"#;
        let g = parse_ok(md);
        assert_eq!(ids(&g[0]), ["kyivpost", "fakti"]);
        assert_eq!(passages(&g[0]), [None, Some("bravely, like a man")]);
        assert_eq!(g[0].range, 0..md.len());

        let md = r#"[@a, "one"; @b, "two"; @c]"#;
        let g = parse_ok(md);
        assert_eq!(ids(&g[0]), ["a", "b", "c"]);
        assert_eq!(passages(&g[0]), [Some("one"), Some("two"), None]);
    }

    #[test]
    fn whitespace_around_items() {
        let md = "see [ @a ;\n  @b ,\n \"words\"  ] and [@c\t]";
        let g = parse_ok(md);
        assert_eq!(g.len(), 2);
        assert_eq!(ids(&g[0]), ["a", "b"]);
        assert_eq!(passages(&g[0]), [None, Some("words")]);
        assert_eq!(ids(&g[1]), ["c"]);
        assert!(md[g[0].range.clone()].starts_with("[ @a"));
    }

    #[test]
    fn id_characters_and_trailing_punctuation() {
        let g = parse_ok("[@bbc-news_2.v1:ru]");
        assert_eq!(ids(&g[0]), ["bbc-news_2.v1:ru"]);
        let g = parse_ok("[@9news]");
        assert_eq!(ids(&g[0]), ["9news"]);
        let e = one_error("[@a.]");
        assert_eq!(e.message, EXPECT_AFTER_ID);
        assert_eq!(e.range, 0..4);
        let e = one_error("[@_a]");
        assert_eq!(e.message, EXPECT_ID);
    }

    #[test]
    fn curly_quotes_and_mixed_quotes() {
        let md = "[@a, “He said \"no\" and it’s done”]";
        let g = parse_ok(md);
        assert_eq!(passages(&g[0]), [Some("He said \"no\" and it’s done")]);
        let r = g[0].items[0].passage_range.clone().unwrap();
        assert_eq!(&md[r], "He said \"no\" and it’s done");
        assert_eq!(g[0].range, 0..md.len());

        let md = r#"[@a, "the “real” man's words"]"#;
        let g = parse_ok(md);
        assert_eq!(passages(&g[0]), [Some("the “real” man's words")]);
    }

    #[test]
    fn cyrillic_passage() {
        let md = "Он сказал [@tass, \"как настоящий мужчина\"].";
        let g = parse_ok(md);
        let item = &g[0].items[0];
        assert_eq!(item.passage.as_deref(), Some("как настоящий мужчина"));
        assert_eq!(
            &md[item.passage_range.clone().unwrap()],
            "как настоящий мужчина"
        );
        assert_eq!(
            &md[g[0].range.clone()],
            "[@tass, \"как настоящий мужчина\"]"
        );
    }

    #[test]
    fn multiple_groups_and_end_of_text() {
        let md = "One [@a], two [@b, \"x\"]; three[@c]\nnext line [@d]";
        let g = parse_ok(md);
        let all: Vec<Vec<&str>> = g.iter().map(ids).collect();
        assert_eq!(all, [["a"], ["b"], ["c"], ["d"]]);
        assert_eq!(g.last().unwrap().range.end, md.len());
        assert!(g.windows(2).all(|w| w[0].range.end <= w[1].range.start));
    }

    #[test]
    fn escaped_bracket_is_literal() {
        let (g, e) = parse_citations(r"write \[@a] literally, or \[@a, oops");
        assert!(g.is_empty() && e.is_empty());
        // An escaped backslash does not escape the bracket.
        let g = parse_ok(r"path\\[@a]");
        assert_eq!(ids(&g[0]), ["a"]);
    }

    #[test]
    fn code_is_skipped() {
        let md = "Use `[@id]` or ``[@a, \"x`` like this [@real].\n\n```\n[@fenced]\n[@broken\n```\n\n    [@indented]\n\n~~~md\n[@tilde]\n~~~\n";
        let g = parse_ok(md);
        assert_eq!(g.len(), 1);
        assert_eq!(ids(&g[0]), ["real"]);
    }

    #[test]
    fn html_comments_and_reference_definitions_are_skipped() {
        let md = "Text <!-- [@hidden] --> more.\n\n<!--\n[@also, \"hidden\n-->\n\n[@shown]";
        let g = parse_ok(md);
        assert_eq!(g.len(), 1);
        assert_eq!(ids(&g[0]), ["shown"]);
    }

    #[test]
    fn links_emails_and_handles_untouched() {
        let md = "Mail me@example.com or [me@example.com], see [link](https://x.org/@a) \
                  and [@handle](https://twitter.com/handle), ![@img](a.png), [x]: done";
        let (g, e) = parse_citations(md);
        assert!(g.is_empty(), "{g:?}");
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn citation_inside_link_text_is_parsed() {
        let g = parse_ok("[see [@a]](https://example.org)");
        assert_eq!(ids(&g[0]), ["a"]);
    }

    #[test]
    fn errors_say_what_was_expected() {
        let e = one_error("[@a;]");
        assert_eq!(e.message, EXPECT_AT);
        assert_eq!(e.range, 0..5);

        let e = one_error("x [@a, \"unclosed");
        assert!(
            e.message.starts_with("unclosed quoted passage"),
            "{}",
            e.message
        );
        assert_eq!(e.range.start, 2);

        let e = one_error("[@a, “curly\" never closed]\n\nNext paragraph.");
        assert!(e.message.contains('”'), "{}", e.message);

        let e = one_error("[@a p. 4]");
        assert_eq!(e.message, EXPECT_AFTER_ID);
        assert_eq!(e.range, 0..5);

        let e = one_error("[@]");
        assert_eq!(e.message, EXPECT_ID);

        let e = one_error("[@a, words]");
        assert_eq!(e.message, EXPECT_QUOTE);

        let e = one_error("[@a, \"x\" extra]");
        assert_eq!(e.message, EXPECT_AFTER_PASSAGE);

        let e = one_error("[@a, \"  \"]");
        assert!(e.message.starts_with("empty quoted passage"));

        let e = one_error("end [@a");
        assert_eq!(e.message, format!("unclosed citation: {EXPECT_AFTER_ID}"));
        assert_eq!(e.range, 4..7);
    }

    #[test]
    fn passage_stops_at_blank_line_and_later_citations_survive() {
        let md = "[@a, \"runs on\nacross a line\n\n[@b] in the next paragraph";
        let (g, e) = parse_citations(md);
        assert_eq!(e.len(), 1);
        assert!(e[0].message.starts_with("unclosed quoted passage"));
        assert_eq!(g.len(), 1);
        assert_eq!(ids(&g[0]), ["b"]);

        let g = parse_ok("[@a, \"wraps\nonto the next line\"]");
        assert_eq!(passages(&g[0]), [Some("wraps\nonto the next line")]);
    }

    #[test]
    fn line_col_counts_chars() {
        let text = "ab\nПутин [@x]\n\nz";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        let at = text.find('[').unwrap();
        assert_eq!(line_col(text, at), (2, 7));
        assert_eq!(line_col(text, text.len()), (4, 2));
        assert_eq!(line_col(text, text.len() + 10), (4, 2));
        // Inside a multibyte char: the char's own position.
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col("", 0), (1, 1));
        let (g, _) = parse_citations(text);
        assert_eq!(line_col(text, g[0].range.start), (2, 7));
    }

    #[test]
    fn no_panics_on_odd_input() {
        let odd = [
            "[",
            "[@",
            "[@a",
            "[@a,",
            "[@a, \"",
            "[@a, “",
            "[@a;",
            "[ @",
            "\\",
            "[@a, \"x\";",
            "[@a, \"x\"",
            "[@a, “x",
            "`[@a",
            "[@é]",
            "[@a,\u{a0}\"x\"]",
            "[@a\n\n]",
            "[@a, \"x\n\n",
            "[@a, \"x\n",
        ];
        for s in odd {
            let (groups, errors) = parse_citations(s);
            for g in &groups {
                assert!(s.get(g.range.clone()).is_some());
            }
            for e in &errors {
                assert!(s.get(e.range.clone()).is_some(), "{s:?} {e:?}");
                assert!(!e.message.is_empty());
            }
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::test_support::proptest_config as config;
    use proptest::prelude::*;

    /// Markdown made of the pieces citations, code, comments and links are made of.
    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => proptest::sample::select(vec![
                "[", "]", "[@", "[ @", "@", "@a", "@b-c.d", "@9:x.", "@é", ",", ", ", ";", "; ",
                "\"", "“", "”", "’", "words", " said ", "Путин", " ", "\t", "\n", "\n\n", "\r\n",
                "`", "``", "```\n", "~~~\n", "    ", "\\", "\\\\", "<!--", "-->", "(https://x.org)",
                "![", "[x]: /url\n", "*", "_", "> ", "- ", "1. ", "|", "<b>", "\u{a0}", "\u{feff}",
                "\u{301}", "\0",
            ])
            .prop_map(str::to_string),
            1 => any::<String>(),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    /// A citation group as an editor writes it, with the ids and passages it holds.
    fn group() -> impl Strategy<Value = (String, Vec<(String, Option<String>)>)> {
        let id = "[a-z0-9][a-z0-9_.:-]{0,8}[a-z0-9_-]|[a-z0-9]";
        let passage = prop_oneof![
            Just(None),
            "[a-zA-Zа-я0-9 ’'.,;:!?-]{0,20}[a-zA-Zа-я0-9][a-zA-Zа-я0-9 ’'.,;:!?-]{0,20}"
                .prop_map(Some),
        ];
        let curly = any::<bool>();
        let space = proptest::sample::select(vec!["", " ", "\n", "  ", "\t"]);
        proptest::collection::vec((id, passage, curly, space), 1..5).prop_map(|items| {
            let mut md = String::from("[");
            let mut expected = Vec::new();
            for (i, (id, passage, curly, space)) in items.into_iter().enumerate() {
                if i > 0 {
                    md.push_str(&format!("{space};{space}"));
                }
                md.push('@');
                md.push_str(&id);
                if let Some(p) = &passage {
                    let (open, close) = if curly { ('“', '”') } else { ('"', '"') };
                    md.push_str(&format!("{space},{space}{open}{p}{close}"));
                }
                expected.push((id, passage));
            }
            md.push(']');
            (md, expected)
        })
    }

    proptest! {
        #![proptest_config(config())]

        /// Whatever the input, groups are `[...]` slices in order and every item's ranges
        /// slice out exactly its id and passage; errors are slices starting at a `[`.
        #[test]
        fn ranges_slice_what_they_describe(md in markdown()) {
            let (groups, errors) = parse_citations(&md);
            let mut last_end = 0;
            for g in &groups {
                let text = md.get(g.range.clone());
                prop_assert!(text.is_some(), "{:?}", g);
                let text = text.unwrap_or_default();
                prop_assert!(text.starts_with('[') && text.ends_with(']'), "{:?}", text);
                prop_assert!(g.range.start >= last_end);
                last_end = g.range.end;
                prop_assert!(!g.items.is_empty());
                for item in &g.items {
                    prop_assert_eq!(md.get(item.id_range.clone()), Some(item.id.as_str()));
                    prop_assert!(g.range.start < item.id_range.start);
                    prop_assert!(item.id_range.end < g.range.end);
                    prop_assert_eq!(item.passage.is_some(), item.passage_range.is_some());
                    if let (Some(p), Some(r)) = (&item.passage, &item.passage_range) {
                        prop_assert_eq!(md.get(r.clone()), Some(p.as_str()));
                        prop_assert!(!p.trim().is_empty());
                        prop_assert!(item.id_range.end < r.start && r.end < g.range.end);
                    }
                }
            }
            for e in &errors {
                let text = md.get(e.range.clone());
                prop_assert!(text.is_some(), "{:?}", e);
                prop_assert!(text.unwrap_or_default().starts_with('['));
                prop_assert!(!e.message.is_empty());
            }
        }

        /// A well-formed group in ordinary text parses back to the ids and passages written.
        #[test]
        fn written_group_parses_back(
            (group, expected) in group(),
            before in "([A-Za-z][A-Za-z ]{0,9})?",
            after in "[A-Za-z .]{0,10}",
        ) {
            let md = format!("{before} {group}{after}");
            let (groups, errors) = parse_citations(&md);
            prop_assert!(errors.is_empty(), "{:?} in {:?}", errors, md);
            prop_assert_eq!(groups.len(), 1, "{:?}", md);
            prop_assert_eq!(&md[groups[0].range.clone()], group.as_str());
            let got: Vec<(String, Option<String>)> = groups[0]
                .items
                .iter()
                .map(|i| (i.id.clone(), i.passage.clone()))
                .collect();
            prop_assert_eq!(got, expected);
        }
    }
}

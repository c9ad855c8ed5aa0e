//! Cuts an article body into numbered paragraphs, setting aside page furniture, so that each
//! kept paragraph has a stable anchor (`#p1`, `#p2` …) for citations.

use serde::Serialize;

use crate::primitives::boilerplate::{Line, Pattern, normalize_line};
use crate::primitives::byline;
use crate::primitives::furniture::{self, FurnitureContext, FurnitureKind, LineVerdict};

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

/// Why a line was set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", content = "rule", rename_all = "lowercase")]
pub enum RemovedBy {
    /// It repeats the article's headline (copies start with it; the page shows it already).
    Title,
    /// An editor's pattern (site.yaml or sources.yaml), as written.
    Pattern(String),
    /// One of digest's built-in furniture rules.
    Furniture(FurnitureKind),
}

impl RemovedBy {
    /// Why, in words for a message: "pattern `Send Push`", "the built-in `byline` rule".
    pub fn describe(&self) -> String {
        match self {
            RemovedBy::Title => "it repeats the headline".to_string(),
            RemovedBy::Pattern(p) => format!("pattern {p}"),
            RemovedBy::Furniture(kind) => format!("digest's built-in `{}` rule", kind.name()),
        }
    }

    /// `title`, `pattern`, or the built-in rule's name (`byline`), for templates.
    pub fn rule(&self) -> &'static str {
        match self {
            RemovedBy::Title => "title",
            RemovedBy::Pattern(_) => "pattern",
            RemovedBy::Furniture(kind) => kind.name(),
        }
    }

    /// The pattern as written, `title`, or the built-in rule's name: one word for lists.
    pub fn label(&self) -> &str {
        match self {
            RemovedBy::Pattern(p) => p,
            other => other.rule(),
        }
    }
}

/// A line set aside as furniture, listed on the article page so that nothing is hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// The line as written, without the blank padding around it.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
    /// Which rule or pattern removed it.
    pub by: RemovedBy,
}

/// What decides that a line is furniture.
#[derive(Debug, Clone, Copy, Default)]
pub struct FurnitureRules<'a> {
    /// The editor's patterns: the site's, then the outlet's.
    pub patterns: &'a [&'a Pattern],
    /// digest's own recogniser, with what it knows of the site; `None` when the editor turned
    /// it off (`furniture: false` in site.yaml or for the outlet).
    pub builtin: Option<&'a FurnitureContext>,
    /// Lines the editor keeps whatever the rules say (front matter `keep:`), normalised as
    /// patterns are.
    pub keep: &'a [String],
}

/// An article's text, cut.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Body {
    /// The kept paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The lines set aside, in order.
    pub removed: Vec<Removed>,
    /// Indexes into [`FurnitureRules::keep`] of the entries that matched no line: the editor
    /// mistyped them, or the text changed.
    #[serde(skip)]
    pub unmatched_keep: Vec<usize>,
}

impl Body {
    /// The names of the first byline removed, as the article's author ("Doug G. Ware,
    /// Danielle Haynes").
    pub fn byline_author(&self) -> Option<(String, usize)> {
        self.removed
            .iter()
            .filter(|r| r.by == RemovedBy::Furniture(FurnitureKind::Byline))
            .find_map(|r| {
                let names = byline::names(&r.text).or_else(|| byline::bare_names(&r.text))?;
                Some((names.join(", "), r.line))
            })
    }
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
/// single line breaks, and an editor cannot tell which a page used. A line the editor keeps is
/// kept; otherwise a line matching one of the editor's patterns, or recognised by the built-in
/// rules (alone, then among its neighbours), is removed; so is the first line above the
/// article's first sentence that repeats `title` (copies usually start with the headline, which
/// the page already shows, sometimes under a breadcrumb).
pub fn split_body(
    body: &str,
    first_line: usize,
    title: Option<&str>,
    rules: &FurnitureRules,
) -> Body {
    let title = title.map(normalize_line).filter(|t| !t.is_empty());
    let mut keep_used = vec![false; rules.keep.len()];
    let mut lines: Vec<(usize, Option<RemovedBy>)> = Vec::new();
    let mut verdicts: Vec<LineVerdict> = Vec::new();
    for (index, raw) in body.split('\n').enumerate() {
        let text = raw.trim_matches(is_padding);
        if text.is_empty() {
            continue;
        }
        let normalized = Line::new(text);
        let kept_by_editor = rules.keep.iter().position(|k| k == normalized.normalized());
        let by = match kept_by_editor {
            Some(i) => {
                keep_used[i] = true;
                None
            }
            None => removed_by(text, &normalized, rules),
        };
        verdicts.push(LineVerdict {
            text,
            kind: match &by {
                Some(RemovedBy::Furniture(kind)) => Some(*kind),
                _ => None,
            },
            open: kept_by_editor.is_none() && by.is_none(),
        });
        lines.push((first_line.saturating_add(index), by));
    }
    if rules.builtin.is_some() {
        furniture::apply_context(&mut verdicts);
    }
    let first_sentence = verdicts
        .iter()
        .position(|v| v.kind.is_none() && furniture::is_sentence(v.text))
        .unwrap_or(verdicts.len());
    let mut title_found = title.is_none();
    let mut out = Body::default();
    for (i, (verdict, (line, by))) in verdicts.iter().zip(lines).enumerate() {
        let by = by.or_else(|| verdict.kind.map(RemovedBy::Furniture));
        let by = match by {
            None if verdict.open && !title_found && i <= first_sentence => {
                let is_title = title.as_deref() == Some(normalize_line(verdict.text).as_str());
                title_found = is_title;
                is_title.then_some(RemovedBy::Title)
            }
            other => other,
        };
        let text = verdict.text.to_string();
        match by {
            Some(by) => out.removed.push(Removed { text, line, by }),
            None => out.paragraphs.push(Paragraph {
                number: out.paragraphs.len() + 1,
                text,
                line,
            }),
        }
    }
    out.unmatched_keep = keep_used
        .iter()
        .enumerate()
        .filter(|(_, used)| !**used)
        .map(|(i, _)| i)
        .collect();
    out
}

/// Which pattern or rule removes a line, if any: the editor's patterns first, so that the page
/// names the editor's own words when both apply.
fn removed_by(text: &str, line: &Line, rules: &FurnitureRules) -> Option<RemovedBy> {
    if let Some(pattern) = rules.patterns.iter().find(|p| p.matches_line(line)) {
        return Some(RemovedBy::Pattern(pattern.source()));
    }
    let context = rules.builtin?;
    furniture::classify_normalized(text, line.normalized(), context).map(RemovedBy::Furniture)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::boilerplate::parse_pattern;

    /// The editor's patterns alone, as before digest knew furniture by itself.
    fn only<'a>(patterns: &'a [&'a Pattern]) -> FurnitureRules<'a> {
        FurnitureRules {
            patterns,
            ..FurnitureRules::default()
        }
    }

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
        let b = split_body(body, 1, None, &only(&[]));
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
        let b = split_body(body, 1, None, &only(&[&join, &follow, &ctrl]));
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
            .map(|r| (r.text.as_str(), r.line, r.by.label()))
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
        let b = split_body(body, 5, None, &only(&[]));
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
        let b = split_body(body, 4, Some(title), &only(&refs));
        assert_eq!(b.paragraphs.len(), 2);
        assert_eq!(b.paragraphs[0].number, 1);
        assert_eq!(b.paragraphs[0].line, 11);
        // Only the first kept line is compared with the title.
        assert_eq!(b.paragraphs[1].number, 2);
        assert_eq!(b.paragraphs[1].line, 13);
        let sources: Vec<(&str, usize)> =
            b.removed.iter().map(|r| (r.by.label(), r.line)).collect();
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
    fn title_is_found_below_a_label_and_not_after_the_first_sentence() {
        let title = Some("Putin congratulated Trump on the victory");
        let body = "Last news in Fakti\n\nPutin congratulated Trump on the victory\nHe spoke on Thursday evening in Sochi.";
        let b = split_body(body, 1, title, &only(&[]));
        assert_eq!(b.paragraphs.len(), 2);
        assert_eq!(b.removed[0].by, RemovedBy::Title);
        assert_eq!(b.removed[0].line, 3);
        let body =
            "He spoke on Thursday evening in Sochi.\nPutin congratulated Trump on the victory";
        let b = split_body(body, 1, title, &only(&[]));
        assert_eq!(b.paragraphs.len(), 2);
        assert!(b.removed.is_empty());
    }

    #[test]
    fn title_is_compared_case_and_space_insensitively() {
        let body = "  PUTIN   congratulated trump \nText.";
        let b = split_body(body, 1, Some("Putin congratulated Trump"), &only(&[]));
        assert_eq!(texts(&b), vec![(1, "Text.", 2)]);
        assert_eq!(b.removed[0].by.label(), "title");
        assert_eq!(b.removed[0].text, "PUTIN   congratulated trump");
    }

    #[test]
    fn empty_title_removes_nothing() {
        let b = split_body("a\nb", 1, Some("  "), &only(&[]));
        assert_eq!(b.paragraphs.len(), 2);
    }

    #[test]
    fn first_matching_pattern_is_reported() {
        let a = parse_pattern("/^Nov/").unwrap();
        let b_ = parse_pattern("/\\d+$/").unwrap();
        let b = split_body("Nov 7, 2024 22:50 106", 1, None, &only(&[&a, &b_]));
        assert_eq!(b.removed[0].by.label(), "/^Nov/");
        assert!(b.paragraphs.is_empty());
    }

    #[test]
    fn numbering_is_stable_and_consecutive() {
        let pat = parse_pattern("Send Push").unwrap();
        let body = "one\nSend Push\ntwo\n\n\nthree";
        let b = split_body(body, 1, None, &only(&[&pat]));
        let numbers: Vec<usize> = b.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(b, split_body(body, 1, None, &only(&[&pat])));
    }

    #[test]
    fn invisible_padding_lines_are_blank() {
        let b = split_body(
            "a\n\u{200b}\u{a0}\n\u{feff}b\u{200b}\n\t\n",
            1,
            None,
            &only(&[]),
        );
        assert_eq!(texts(&b), vec![(1, "a", 1), (2, "b", 3)]);
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert_eq!(split_body("", 1, None, &only(&[])), Body::default());
        assert_eq!(
            split_body("\n\r\n \n", 1, Some(""), &only(&[])),
            Body::default()
        );
        let b = split_body("x\ny", usize::MAX, Some("x"), &only(&[]));
        assert_eq!(b.paragraphs[0].line, usize::MAX);
        let b = split_body("a\rb", 1, None, &only(&[]));
        assert_eq!(b.paragraphs[0].text, "a\rb");
    }

    /// The built-in rules on, knowing one outlet's name, with the editor's `keep:` lines.
    fn builtin<'a>(context: &'a FurnitureContext, keep: &'a [String]) -> FurnitureRules<'a> {
        FurnitureRules {
            patterns: &[],
            builtin: Some(context),
            keep,
        }
    }

    fn removed(b: &Body) -> Vec<(&str, &str)> {
        b.removed
            .iter()
            .map(|r| (r.text.as_str(), r.by.label()))
            .collect()
    }

    #[test]
    fn built_in_furniture_among_its_neighbours() {
        let context = FurnitureContext::new(["Diario del Sur"]);
        let body = "Internacional\n\
                    Sismo de 8,2 en Chiapas\n\
                    Ana López\n\
                    08/09/2017 10:45\n\
                    Un sismo de magnitud 8,2 sacudió el sur de México la noche del jueves.\n\
                    Tiembla fuerte en Oaxaca #sismo https://t.co/xyz\n\
                    \u{2014} Protección Civil (@PcSegob) 8 de septiembre de 2017\n\
                    Lee también\n\
                    Cómo prepararse para un sismo\n\
                    Las clases se suspendieron en once estados, informó la SEP.\n\
                    México\n\
                    Diario del Sur";
        let b = split_body(
            body,
            1,
            Some("Sismo de 8,2 en Chiapas"),
            &builtin(&context, &[]),
        );
        assert_eq!(
            removed(&b),
            vec![
                ("Internacional", "nav"),
                ("Sismo de 8,2 en Chiapas", "title"),
                ("Ana López", "byline"),
                ("08/09/2017 10:45", "stamp"),
                ("Tiembla fuerte en Oaxaca #sismo https://t.co/xyz", "social"),
                (
                    "\u{2014} Protección Civil (@PcSegob) 8 de septiembre de 2017",
                    "social"
                ),
                ("Lee también", "related"),
                ("Cómo prepararse para un sismo", "related"),
                ("México", "nav"),
                ("Diario del Sur", "outlet"),
            ]
        );
        assert_eq!(
            texts(&b),
            vec![
                (
                    1,
                    "Un sismo de magnitud 8,2 sacudió el sur de México la noche del jueves.",
                    5
                ),
                (
                    2,
                    "Las clases se suspendieron en once estados, informó la SEP.",
                    10
                ),
            ]
        );
        assert_eq!(
            b.byline_author().map(|(names, _)| names).as_deref(),
            Some("Ana López")
        );
    }

    #[test]
    fn the_editor_keeps_a_line_and_unused_keeps_are_reported() {
        let context = FurnitureContext::new(["Kyiv Post"]);
        let body = "Share\nKyiv Post\nThe Kyiv Post reported the attack on Friday morning.";
        let keep = vec![normalize_line("KYIV POST"), normalize_line("not a line")];
        let b = split_body(body, 1, None, &builtin(&context, &keep));
        assert_eq!(removed(&b), vec![("Share", "share")]);
        assert_eq!(b.paragraphs[0].text, "Kyiv Post");
        assert_eq!(b.unmatched_keep, vec![1]);
        // Off, the rules remove nothing.
        let off = FurnitureRules::default();
        assert!(split_body(body, 1, None, &off).removed.is_empty());
    }

    #[test]
    fn an_article_of_short_lines_keeps_them() {
        // Without a sentence there is no article to tell labels from: nothing short is taken.
        let context = FurnitureContext::default();
        let b = split_body("Kharkiv\nOdesa\nLviv", 1, None, &builtin(&context, &[]));
        assert_eq!(b.paragraphs.len(), 3);
    }

    #[test]
    fn serializes() {
        let b = split_body("Hello", 3, None, &only(&[]));
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(
            json,
            r#"{"paragraphs":[{"number":1,"text":"Hello","line":3}],"removed":[]}"#
        );
    }
}

//! Editor's Markdown to HTML: our own pass over pulldown-cmark's events, because citations must
//! become numbered references into the page's one source list, code blocks are highlighted with
//! CSS classes, and editors' headings sit below the page's own. Raw HTML in the Markdown is
//! cleaned with an allow-list (ammonia) before our own markup is put in, so an editor can write
//! `<abbr>` or `<q>` but nothing that runs, loads or restyles the page.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use super::footnotes::Footnotes;
use super::highlight::Highlighter;
use crate::primitives::direction::{Direction, dominant_direction, isolate_runs};
use crate::verify::CitedMarkdown;

/// Placeholders for our own markup, in characters that pulldown-cmark and the sanitiser pass
/// through as text (Unicode private use): `\u{E000}3\u{E001}` is citation group 3,
/// `\u{E002}1\u{E003}` is code block 1.
const CITE_OPEN: char = '\u{E000}';
const CITE_CLOSE: char = '\u{E001}';
const CODE_OPEN: char = '\u{E002}';
const CODE_CLOSE: char = '\u{E003}';
/// Put between a straight quote and the citation right after it, and taken out again: smart
/// punctuation takes the placeholder (a private-use character) for a letter, and so the quote
/// for an opening one ("man“[5]"); before punctuation it is a closing one. A punctuation mark
/// without a meaning in Markdown (U+2E31 WORD SEPARATOR MIDDLE DOT).
const QUOTE_GUARD: char = '\u{2E31}';

/// Tags an editor may write as raw HTML, and what each may carry. No `id`, `class` or `style`
/// (they could collide with or imitate the page's own), no media, no forms, no scripts.
const EDITOR_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(EDITOR_TAGS.iter().copied().collect())
            .generic_attributes(HashSet::from(["lang", "dir", "title"]))
            .add_tag_attributes("a", ["href", "hreflang"])
            .add_tag_attributes("blockquote", ["cite"])
            .add_tag_attributes("q", ["cite"])
            .add_tag_attributes("time", ["datetime"])
            .add_tag_attributes("ol", ["start", "reversed"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true);
        b
    })
}

pub struct MarkdownRenderer<'a> {
    pub highlighter: &'a Highlighter,
    /// The heading level an editor's `#`/`##` becomes.
    pub top_heading: u8,
    /// The site's direction: runs of words in the other one are isolated where they stand.
    pub direction: Direction,
}

impl MarkdownRenderer<'_> {
    /// Renders `md`, registering its citations in `footnotes` in reading order.
    pub fn render(&self, md: &CitedMarkdown, footnotes: &mut Footnotes) -> String {
        if md.text.trim().is_empty() {
            return String::new();
        }
        let text = with_placeholders(md);
        let (events, code_blocks) = self.events(&text);
        let mut raw = String::new();
        html::push_html(&mut raw, events.into_iter());
        let clean = sanitizer().clean(&raw).to_string();
        self.fill_placeholders(&clean, md, &code_blocks, footnotes)
    }

    /// pulldown-cmark's events for `text` as the page gets them, and the highlighted code
    /// blocks, each of which the events hold a placeholder for.
    fn events<'t>(&self, text: &'t str) -> (Vec<Event<'t>>, Vec<String>) {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION;
        let mut events: Vec<Event> = Vec::new();
        let mut code_blocks: Vec<String> = Vec::new();
        let mut code: Option<(String, String)> = None;
        // For each link or image still open: whether its end goes too (it was unsafe).
        let mut skip_link_end = Vec::new();
        for event in Parser::new_ext(text, options) {
            if let Some((lang, buf)) = &mut code {
                match event {
                    Event::Text(t) => buf.push_str(&strip_markers(&t)),
                    Event::End(TagEnd::CodeBlock) => {
                        code_blocks.push(self.highlighter.code_block(lang, buf));
                        let marker = format!("{CODE_OPEN}{}{CODE_CLOSE}", code_blocks.len() - 1);
                        events.push(Event::Html(marker.into()));
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                other => match self.rewrite(other, &mut skip_link_end) {
                    // Smart punctuation cuts a text in pieces (`Egypt`, `’`, `s`): put them
                    // back together, so that a run of words is isolated whole.
                    Some(Event::Text(more)) => match events.last_mut() {
                        Some(Event::Text(text)) => *text = format!("{text}{more}").into(),
                        _ => events.push(Event::Text(more)),
                    },
                    Some(event) => events.push(event),
                    None => {}
                },
            }
        }
        // Words of the other direction than the site's (an Arabic phrase in English prose) are
        // isolated, so that the quotation marks, figures and footnote numbers around them stay
        // in place; a placeholder of our own markup ends a run.
        let breaks = |c: char| matches!(c, CITE_OPEN | CITE_CLOSE | CODE_OPEN | CODE_CLOSE);
        let own = self.blocks_in_their_own_direction(&mut events, breaks);
        for (i, event) in events.iter_mut().enumerate() {
            let base = own
                .iter()
                .rev()
                .find(|(r, _)| r.contains(&i))
                .map_or(self.direction, |(_, d)| *d);
            if let Event::Text(text) = event
                && let std::borrow::Cow::Owned(isolated) = isolate_runs(text, base, breaks)
            {
                *text = isolated.into();
            }
        }
        (events, code_blocks)
    }

    /// Gives each paragraph, list item and heading written mostly in the other direction than
    /// the site's its own (`<p dir="ltr">` for an English paragraph on an Arabic site, `<p
    /// dir="rtl">` for an Arabic one on an English site), so that it reads as a paragraph of
    /// that direction, punctuation and footnote numbers included; words of the page's
    /// direction inside it are then isolated in turn. "Mostly" is four letters in five: an
    /// English paragraph quoting a few Arabic words stays English. Returns the events each
    /// such block holds, with its direction.
    fn blocks_in_their_own_direction(
        &self,
        events: &mut [Event],
        placeholder: impl Fn(char) -> bool + Copy,
    ) -> Vec<(std::ops::Range<usize>, Direction)> {
        let mut own: Vec<(std::ops::Range<usize>, Direction)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for i in 0..events.len() {
            match &events[i] {
                Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. }) => open.push(i),
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                    let Some(start) = open.pop() else { continue };
                    let text: String = events[start + 1..i]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let Some(direction) = dominant_direction(&text, 0.8, placeholder) else {
                        continue;
                    };
                    if direction == self.direction || self.direction == Direction::Auto {
                        continue;
                    }
                    let tag = match &events[start] {
                        Event::Start(Tag::Paragraph) => "p".to_string(),
                        Event::Start(Tag::Item) => "li".to_string(),
                        // Editors' headings have no id, class or attributes of their own.
                        Event::Start(Tag::Heading {
                            level,
                            id: None,
                            classes,
                            attrs,
                        }) if classes.is_empty() && attrs.is_empty() => level.to_string(),
                        _ => continue,
                    };
                    events[start] =
                        Event::Html(format!("<{tag} dir=\"{}\">", direction.attribute()).into());
                    own.push((start..i, direction));
                }
                _ => {}
            }
        }
        own
    }

    /// An event outside code blocks as the page gets it, or `None` when it goes.
    fn rewrite<'t>(&self, event: Event<'t>, skip_link_end: &mut Vec<bool>) -> Option<Event<'t>> {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: self.shift(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                Some(Event::End(TagEnd::Heading(self.shift(level))))
            }
            // An unsafe link keeps its text and loses the link. Images become links to the
            // image: no third-party request when a reader opens the page (and none for the
            // Content-Security-Policy to block).
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => {
                let safe = is_safe_url(&dest_url);
                skip_link_end.push(!safe);
                safe.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let skip = skip_link_end.pop().unwrap_or(false);
                (!skip).then_some(Event::End(TagEnd::Link))
            }
            other => Some(other),
        }
    }

    /// Puts our own markup where the placeholders stand, numbering citations in reading order.
    fn fill_placeholders(
        &self,
        html: &str,
        md: &CitedMarkdown,
        code_blocks: &[String],
        footnotes: &mut Footnotes,
    ) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(start) = rest.find([CITE_OPEN, CODE_OPEN]) {
            out.push_str(&rest[..start]);
            let open = rest[start..].chars().next().unwrap_or(CITE_OPEN);
            let close = if open == CITE_OPEN {
                CITE_CLOSE
            } else {
                CODE_CLOSE
            };
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else {
                rest = after;
                continue;
            };
            let index = after[..end].parse::<usize>().ok();
            if open == CITE_OPEN {
                if let Some((range, cites)) = index.and_then(|i| md.groups.get(i)) {
                    if quoted_before(md, range) && out.ends_with(QUOTE_GUARD) {
                        out.truncate(out.len() - QUOTE_GUARD.len_utf8());
                    }
                    out.push_str(&footnotes.group(cites));
                }
            } else if let Some(block) = index.and_then(|i| code_blocks.get(i)) {
                // The block stood alone in its own paragraph once sanitised; unwrap it.
                if out.ends_with("<p>") && after[end + close.len_utf8()..].starts_with("</p>") {
                    out.truncate(out.len() - 3);
                    out.push_str(block);
                    rest = &after[end + close.len_utf8() + 4..];
                    continue;
                }
                out.push_str(block);
            }
            rest = &after[end + close.len_utf8()..];
        }
        out.push_str(rest);
        out
    }

    /// `#` and `##` both become the top level (editors use either for sections), deeper
    /// levels follow below it.
    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        let n = ((level as u8).max(2) - 2 + self.top_heading).min(6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    }
}

/// The editor's text with a placeholder for each citation group, which Markdown leaves alone.
fn with_placeholders(md: &CitedMarkdown) -> String {
    let mut text = String::with_capacity(md.text.len());
    let mut last = 0;
    for (i, (range, _)) in md.groups.iter().enumerate() {
        // Like Pandoc, the space before a citation goes, so a line never starts with "[3]"; so
        // does a line break (a citation on a line of its own), but not a blank line.
        text.push_str(before_citation(&strip_markers(&md.text[last..range.start])));
        if quoted_before(md, range) {
            text.push(QUOTE_GUARD);
        }
        text.push(CITE_OPEN);
        text.push_str(&i.to_string());
        text.push(CITE_CLOSE);
        last = range.end;
    }
    text.push_str(&strip_markers(&md.text[last..]));
    text
}

/// The text before a citation without the spaces, tabs and single line break between them.
fn before_citation(text: &str) -> &str {
    let trimmed = text.trim_end_matches([' ', '\t']);
    let Some(line) = trimmed
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
    else {
        return trimmed;
    };
    let above = line.trim_end_matches([' ', '\t']);
    if above.ends_with('\n') || above.is_empty() {
        trimmed
    } else {
        above
    }
}

/// Whether the editor's text closes a straight-quoted quotation right before this citation.
fn quoted_before(md: &CitedMarkdown, range: &std::ops::Range<usize>) -> bool {
    before_citation(&md.text[..range.start]).ends_with(['"', '\''])
}

fn strip_markers(s: &str) -> String {
    s.replace([CITE_OPEN, CITE_CLOSE, CODE_OPEN, CODE_CLOSE], "")
}

/// Links may go to the web, to mail, or within the site; `javascript:` and `data:` may not.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Cite;

    fn render(text: &str, groups: Vec<(std::ops::Range<usize>, Vec<Cite>)>) -> (String, Footnotes) {
        let highlighter = Highlighter::new();
        let r = MarkdownRenderer {
            highlighter: &highlighter,
            top_heading: 3,
            direction: Direction::Ltr,
        };
        let mut f = Footnotes::default();
        let html = r.render(
            &CitedMarkdown {
                text: text.into(),
                groups,
            },
            &mut f,
        );
        (html, f)
    }

    /// A citation of a whole article.
    fn whole(article: usize) -> Cite {
        Cite {
            article,
            passage: None,
        }
    }

    #[test]
    fn a_citation_on_a_line_of_its_own_follows_the_word_before_it() {
        let text = "hit Mexico\n[@a]. Then";
        let g = text.find("[@a]").unwrap();
        let (html, _) = render(text, vec![(g..g + 4, vec![whole(0)])]);
        assert!(html.contains("Mexico<sup"), "{html}");
        // A blank line is a paragraph break: the citation starts a paragraph of its own.
        let text = "hit Mexico\n\n[@a]";
        let g = text.find("[@a]").unwrap();
        let (html, _) = render(text, vec![(g..g + 4, vec![whole(0)])]);
        assert!(html.contains("Mexico</p>"), "{html}");
    }

    #[test]
    fn a_paragraph_wholly_in_the_other_direction_is_laid_out_in_its_own() {
        let highlighter = Highlighter::new();
        let r = MarkdownRenderer {
            highlighter: &highlighter,
            top_heading: 3,
            direction: Direction::Rtl,
        };
        let text = "The quake struck at 1.38 [@a]. It was felt in *Cairo*.\n\nقال «Reuters» إن\n\n- Paphos\n- بيروت\n";
        let g = text.find("[@a]").unwrap();
        let md = CitedMarkdown {
            text: text.into(),
            groups: vec![(g..g + 4, vec![whole(0)])],
        };
        let html = r.render(&md, &mut Footnotes::default());
        assert!(
            html.contains("<p dir=\"ltr\">The quake struck at 1.38<sup"),
            "{html}"
        );
        assert!(!html.contains("\u{2068}The quake"), "{html}");
        // Mixed paragraphs keep the page's direction, with their runs isolated.
        assert!(
            html.contains("<p>قال «\u{2068}Reuters\u{2069}» إن</p>"),
            "{html}"
        );
        assert!(html.contains("<li dir=\"ltr\">Paphos</li>"), "{html}");
        assert!(html.contains("<li>بيروت</li>"), "{html}");
        // Mostly English, with a few Arabic words: English, the Arabic words isolated; and a
        // heading too.
        let md = CitedMarkdown {
            text: "## How strong, and where\n\nThe Arabic site speaks of «أربعة قتلى» and counts only Lebanon's dead.".into(),
            groups: Vec::new(),
        };
        let html = r.render(&md, &mut Footnotes::default());
        assert!(
            html.contains("<h3 dir=\"ltr\">How strong, and where</h3>"),
            "{html}"
        );
        assert!(
            html.contains("<p dir=\"ltr\">The Arabic site speaks of «\u{2068}أربعة قتلى\u{2069}»"),
            "{html}"
        );
    }

    #[test]
    fn a_run_is_isolated_whole_across_smart_punctuation() {
        let highlighter = Highlighter::new();
        let r = MarkdownRenderer {
            highlighter: &highlighter,
            top_heading: 3,
            direction: Direction::Rtl,
        };
        let md = CitedMarkdown {
            text: "قال Egypt's institute إن".into(),
            groups: Vec::new(),
        };
        let html = r.render(&md, &mut Footnotes::default());
        assert!(html.contains("\u{2068}Egypt’s institute\u{2069}"), "{html}");
    }

    #[test]
    fn words_of_the_other_direction_are_isolated_with_their_figures() {
        let text = "Okaz wrote \"بقوة 8.2 درجة\" [@a] and ynet וב-2017.";
        let g = text.find("[@a]").unwrap();
        let (html, _) = render(text, vec![(g..g + 4, vec![whole(0)])]);
        assert!(
            html.contains("Okaz wrote “\u{2068}بقوة 8.2 درجة\u{2069}”<sup"),
            "{html}"
        );
        // "ב-2017" is Hebrew for "in 2017": the figure belongs to the Hebrew run.
        assert!(html.contains("ynet \u{2068}וב-2017\u{2069}."), "{html}");
    }

    #[test]
    fn a_quote_closed_right_before_a_citation_is_a_closing_quote() {
        for (text, want) in [
            (
                "as \"like a real man\" [@a], then",
                "as “like a real man”<sup",
            ),
            ("as 'a real man' [@a].", "as ‘a real man’<sup"),
            ("as \"a real man\"[@a].", "as “a real man”<sup"),
        ] {
            let g = text.find("[@a]").unwrap();
            let (html, _) = render(text, vec![(g..g + 4, vec![whole(0)])]);
            assert!(html.contains(want), "{text} -> {html}");
        }
    }

    #[test]
    fn citations_become_numbered_references() {
        let text = "Putin spoke [@a] and *again* [@b; @a].";
        let g1 = text.find("[@a]").unwrap();
        let g2 = text.find("[@b; @a]").unwrap();
        let (a, b) = (whole(0), whole(1));
        let (html, f) = render(
            text,
            vec![(g1..g1 + 4, vec![a.clone()]), (g2..g2 + 8, vec![b, a])],
        );
        assert!(
            html.contains("Putin spoke<sup class=\"noteref\"><a id=\"cite-ref-1-a\""),
            "{html}"
        );
        assert!(
            html.contains("cite-ref-2-a") && html.contains("cite-ref-1-b"),
            "{html}"
        );
        assert!(!html.contains("[@"), "{html}");
        assert_eq!(f.entries().len(), 2);
    }

    #[test]
    fn raw_html_is_cleaned_with_an_allow_list() {
        let (html, _) = render(
            "<script>alert(1)</script>\n\nA [link](javascript:alert(1)), <b onclick=\"x()\">bold</b>, \
             <abbr title=\"North Atlantic\">NATO</abbr>, <img src=x onerror=alert(2)>, \
             <a href=\"javascript:alert(3)\">a</a> <span id=\"cite-note-1\" class=\"noteref\" style=\"color:red\">s</span>\n\n\
             <iframe src=\"https://evil.example\"></iframe><style>body{}</style>",
            vec![],
        );
        assert!(
            !html.contains("<script") && !html.contains("alert(1)"),
            "{html}"
        );
        assert!(
            !html.contains("javascript:") && !html.contains("onclick") && !html.contains("onerror"),
            "{html}"
        );
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(
            html.contains("<abbr title=\"North Atlantic\">NATO</abbr>"),
            "{html}"
        );
        assert!(
            !html.contains("<img") && !html.contains("<iframe") && !html.contains("<style"),
            "{html}"
        );
        assert!(
            !html.contains("id=") && !html.contains("class=") && !html.contains("style="),
            "{html}"
        );
    }

    #[test]
    fn citations_and_code_survive_the_sanitiser_in_reading_order() {
        let text = "A <q>quoted [@a]</q> claim [@b].\n\n```rust\nlet x = \"<b>\";\n```\n";
        let g1 = text.find("[@a]").unwrap();
        let g2 = text.find("[@b]").unwrap();
        let (a, b) = (whole(0), whole(1));
        let (html, f) = render(text, vec![(g1..g1 + 4, vec![a]), (g2..g2 + 4, vec![b])]);
        assert!(
            html.contains("<q>quoted<sup class=\"noteref\"><a id=\"cite-ref-1-a\""),
            "{html}"
        );
        assert!(html.contains("Source </span>[2]</a>"), "{html}");
        assert!(
            html.contains("<pre class=\"code\"><code class=\"language-rust\">"),
            "{html}"
        );
        assert!(!html.contains("<p><pre"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert_eq!(f.entries().len(), 2);
    }

    #[test]
    fn images_become_links_to_the_image() {
        let (html, _) = render("![A chart](https://example.org/c.png)", vec![]);
        assert!(
            html.contains("<a href=\"https://example.org/c.png\""),
            "{html}"
        );
        assert!(
            html.contains(">A chart</a>") && !html.contains("<img"),
            "{html}"
        );
    }

    #[test]
    fn headings_are_shifted_below_the_page_heading() {
        let (html, _) = render("# Top\n\n## Section\n\n### Sub", vec![]);
        assert!(
            html.contains("<h3>Top</h3>") && html.contains("<h3>Section</h3>"),
            "{html}"
        );
        assert!(html.contains("<h4>Sub</h4>"), "{html}");
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes() {
        let (html, _) = render("```yaml\nkey: value\n```\n", vec![]);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn url_safety() {
        assert!(is_safe_url("https://example.org/a:b"));
        assert!(is_safe_url("../fakti/#p3"));
        assert!(is_safe_url("mailto:x@y.z"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScRiPt:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
    }
}

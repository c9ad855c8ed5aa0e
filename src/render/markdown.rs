//! Editor's Markdown to HTML: our own pass over pulldown-cmark's events, because citations must
//! become numbered references into the page's one source list, code blocks are highlighted with
//! CSS classes, editors' headings sit below the page's own, and raw HTML must not pass through.

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::footnotes::Footnotes;
use super::highlight::Highlighter;
use crate::verify::CitedMarkdown;

/// Marks where a citation group stood, in text pulldown-cmark passes through untouched
/// (Unicode private-use characters).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

pub struct MarkdownRenderer<'a> {
    pub highlighter: &'a Highlighter,
    /// The lowest heading level editors' headings may take (`#` becomes this level).
    pub top_heading: u8,
}

impl MarkdownRenderer<'_> {
    /// Renders `md`, registering its citations in `footnotes` in reading order.
    pub fn render(&self, md: &CitedMarkdown, footnotes: &mut Footnotes) -> String {
        if md.text.trim().is_empty() {
            return String::new();
        }
        let mut text = String::with_capacity(md.text.len());
        let mut last = 0;
        for (i, (range, _)) in md.groups.iter().enumerate() {
            // Like Pandoc, the space before a citation goes, so a line never starts with "[3]".
            text.push_str(strip_markers(&md.text[last..range.start]).trim_end_matches([' ', '\t']));
            text.push(OPEN);
            text.push_str(&i.to_string());
            text.push(CLOSE);
            last = range.end;
        }
        text.push_str(&strip_markers(&md.text[last..]));

        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION;
        let mut events: Vec<Event> = Vec::new();
        let mut code: Option<(String, String)> = None;
        let mut skip_link_end = Vec::new();
        let mut skip_image_end = Vec::new();
        for event in Parser::new_ext(&text, options) {
            if let Some((lang, buf)) = &mut code {
                match event {
                    Event::Text(t) => buf.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let html = self.highlighter.code_block(lang, buf);
                        events.push(Event::Html(html.into()));
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
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    events.push(Event::Start(Tag::Heading {
                        level: self.shift(level),
                        id,
                        classes,
                        attrs,
                    }));
                }
                Event::End(TagEnd::Heading(level)) => {
                    events.push(Event::End(TagEnd::Heading(self.shift(level))))
                }
                // Editors' raw HTML is shown as text: article furniture pasted by mistake must
                // not become markup (and cannot smuggle scripts).
                Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let safe = is_safe_url(&dest_url);
                    skip_link_end.push(!safe);
                    if safe {
                        events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                }
                Event::End(TagEnd::Link) => {
                    if !skip_link_end.pop().unwrap_or(false) {
                        events.push(Event::End(TagEnd::Link));
                    }
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let safe = is_safe_url(&dest_url);
                    skip_image_end.push(!safe);
                    if safe {
                        events.push(Event::Start(Tag::Image {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                }
                Event::End(TagEnd::Image) => {
                    if !skip_image_end.pop().unwrap_or(false) {
                        events.push(Event::End(TagEnd::Image));
                    }
                }
                Event::Text(t) if t.contains(OPEN) => {
                    self.replace_markers(&t, md, footnotes, &mut events)
                }
                other => events.push(other),
            }
        }
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        out
    }

    /// `#` and `##` both become the top level (editors use either for sections), deeper
    /// levels follow below it.
    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        let n = ((level as u8).max(2) - 2 + self.top_heading).min(6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    }

    fn replace_markers<'e>(
        &self,
        text: &str,
        md: &CitedMarkdown,
        footnotes: &mut Footnotes,
        events: &mut Vec<Event<'e>>,
    ) {
        let mut rest = text;
        while let Some(start) = rest.find(OPEN) {
            events.push(Event::Text(CowStr::from(rest[..start].to_string())));
            let after = &rest[start + OPEN.len_utf8()..];
            let Some(end) = after.find(CLOSE) else {
                rest = after;
                continue;
            };
            if let Some((_, cites)) = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| md.groups.get(i))
            {
                events.push(Event::InlineHtml(CowStr::from(footnotes.group(cites))));
            }
            rest = &after[end + CLOSE.len_utf8()..];
        }
        if !rest.is_empty() {
            events.push(Event::Text(CowStr::from(rest.to_string())));
        }
    }
}

fn strip_markers(s: &str) -> String {
    s.replace([OPEN, CLOSE], "")
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

    #[test]
    fn citations_become_numbered_references() {
        let text = "Putin spoke [@a] and *again* [@b; @a].";
        let g1 = text.find("[@a]").unwrap();
        let g2 = text.find("[@b; @a]").unwrap();
        let a = Cite {
            article: 0,
            passage: None,
        };
        let b = Cite {
            article: 1,
            passage: None,
        };
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
    fn raw_html_and_script_links_are_neutralised() {
        let (html, _) = render(
            "<script>alert(1)</script>\n\nA [link](javascript:alert(1)) and <b>bold</b>.",
            vec![],
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;b&gt;bold"), "{html}");
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

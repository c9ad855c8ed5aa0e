//! An article page's kept text, as `partials/article-text.html` of the default theme prints it.

use crate::load::i18n::Translations;
use crate::primitives::direction::{Direction, isolate_text, lang_dir_into};
use crate::primitives::html::{self, escape_into};
use crate::render::context::{CitedBy, ParagraphCtx};

/// What `partials/article-text.html` prints for an article's `paragraphs` in `language`, with
/// the labels `t` of a site written in a language of direction `site`.
pub fn article_text(
    paragraphs: &[ParagraphCtx],
    language: &str,
    t: &Translations,
    site: Direction,
) -> String {
    let size: usize = paragraphs.iter().map(|p| p.html.len() + 256).sum();
    let mut out = String::with_capacity(size + 128);
    // Labels (not among `DIGEST_KEYS`: only a theme whose partial prints them gets here).
    let label = |key: &str| html::escape(t.text(key));
    out.push_str("<div class=\"article-text\">\n    ");
    if paragraphs.is_empty() {
        out.push_str("\n    <p class=\"empty\">");
        out.push_str(&label("article_no_text"));
        out.push_str("</p>\n    ");
    }
    // The same for every paragraph of the article.
    let mut lang_dir = String::new();
    lang_dir_into(&mut lang_dir, language, false, site);
    let (paragraph, cited_as, comma) = (label("paragraph"), label("cited_as"), label("list_comma"));
    for p in paragraphs {
        out.push_str("\n    <div class=\"para");
        if !p.cited_by.is_empty() {
            out.push_str(" para-cited");
        }
        out.push_str("\">\n      <p id=\"");
        escape_into(&mut out, &p.id);
        out.push('"');
        out.push_str(&lang_dir);
        out.push_str("><a class=\"pnum\" href=\"#");
        escape_into(&mut out, &p.id);
        out.push_str("\"><span aria-hidden=\"true\">¶</span><span class=\"visually-hidden\">");
        out.push_str(&paragraph);
        out.push_str(" </span>");
        out.push_str(itoa::Buffer::new().format(p.number));
        out.push_str("</a> ");
        out.push_str(&p.html);
        out.push_str("</p>\n      ");
        if !p.cited_by.is_empty() {
            out.push_str("<p class=\"cited-by\">");
            out.push_str(&cited_as);
            out.push(' ');
            cited_by(&mut out, &p.cited_by, &comma, site);
            out.push_str("</p>");
        }
        out.push_str("\n    </div>\n    ");
    }
    out.push_str("\n  </div>\n");
    out
}

/// The links to the sources that cite a paragraph, `comma` between them.
fn cited_by(out: &mut String, cited_by: &[CitedBy], comma: &str, site: Direction) {
    for (i, c) in cited_by.iter().enumerate() {
        if i > 0 {
            out.push_str(comma);
        }
        out.push_str("<a href=\"");
        escape_into(out, &c.url);
        out.push_str("\">");
        escape_into(out, &isolate_text(&c.label, site));
        out.push_str("</a>");
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tera::Context;

    use super::*;
    use crate::render::native::{ARTICLE_TEXT, NativePartials, builtin_text};
    use crate::render::templates::Templates;
    use crate::test_support::proptest_config;
    use crate::test_support::theme::theme_with;

    /// The built-in partial under another name, so that Tera renders it as written.
    fn tera_text(paragraphs: &[ParagraphCtx], language: &str, site: &str) -> String {
        let theme = theme_with(&[
            ("page.html", "{% include \"tera/article-text.html\" %}"),
            (
                "tera/article-text.html",
                builtin_text(ARTICLE_TEXT).unwrap(),
            ),
        ]);
        let templates = Templates::compile(&theme, Direction::of(site)).unwrap();
        assert_eq!(templates.native(), NativePartials::default());
        let mut context = Context::new();
        context.insert("t", &Translations::built_in(site).unwrap());
        context.insert(
            "article",
            &serde_json::json!({ "paragraphs": paragraphs, "language": language }),
        );
        String::from_utf8(templates.render("page.html", &context).unwrap()).unwrap()
    }

    fn native_text(paragraphs: &[ParagraphCtx], language: &str, site: &str) -> String {
        let t = Translations::built_in(site).unwrap();
        article_text(paragraphs, language, &t, Direction::of(site))
    }

    fn paragraph(number: usize, html: &str, cited: &[&str]) -> ParagraphCtx {
        ParagraphCtx {
            number,
            id: format!("p{number}"),
            html: html.into(),
            cited_by: cited
                .iter()
                .map(|label| CitedBy {
                    label: label.to_string(),
                    url: format!("/s/x/?a=1&b=2#cite-note-{number}"),
                })
                .collect(),
        }
    }

    #[test]
    fn prints_what_the_template_prints_in_every_built_in_language() {
        let paragraphs = [
            paragraph(
                1,
                "Путін привітав <mark id=\"c1\" class=\"cited\">Трампа</mark>.",
                &[],
            ),
            paragraph(2, "قال بوتين &quot;مستعد&quot;", &["Source 3", "المصدر 4"]),
            paragraph(3, "普京祝贺特朗普", &["Source 5"]),
        ];
        for site in ["en", "ar", "he", "uk", "ru", "fa", "bg"] {
            for language in ["", "uk", "ar", "zh"] {
                assert_eq!(
                    native_text(&paragraphs, language, site),
                    tera_text(&paragraphs, language, site),
                    "site {site}, article {language}"
                );
            }
            assert_eq!(native_text(&[], "en", site), tera_text(&[], "en", site));
        }
    }

    fn label() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "Source",
                " ",
                "3",
                "المصدر",
                "מקור",
                "&",
                "<",
                "\"",
                "'",
            ]),
            0..4,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(proptest_config())]

        #[test]
        fn prints_what_the_template_prints_for_any_paragraphs(
            cited in prop::collection::vec(prop::collection::vec(label(), 0..3), 0..4),
            language in prop::sample::select(vec!["", "en", "ar", "he", "zh", "xx"]),
            site in prop::sample::select(vec!["en", "ar", "he"]),
        ) {
            let paragraphs: Vec<ParagraphCtx> = cited
                .iter()
                .enumerate()
                .map(|(i, labels)| {
                    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                    paragraph(i + 1, "text &amp; <mark>words</mark>", &labels)
                })
                .collect();
            prop_assert_eq!(
                native_text(&paragraphs, language, site),
                tera_text(&paragraphs, language, site)
            );
        }
    }
}

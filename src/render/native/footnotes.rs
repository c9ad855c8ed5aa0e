//! The story page's numbered source list, as `partials/footnotes.html` of the default theme
//! prints it (with `partials/outlet-name.html` for each outlet).

use crate::load::i18n::{Translations, fill_into};
use crate::primitives::direction::{Direction, isolate_text, lang_dir_into};
use crate::primitives::html::{self, escape_into};
use crate::render::context::{Backlink, FootnoteCtx, OutletLabel};

/// What `partials/footnotes.html` prints for a story's `footnotes`, with the labels `t` of a
/// site written in a language of direction `site`.
pub fn footnotes(footnotes: &[FootnoteCtx], t: &Translations, site: Direction) -> String {
    let labels = Labels::escaped(t);
    let mut out = String::with_capacity(1024 * footnotes.len() + 256);
    out.push_str("<section id=\"sources\" class=\"story-section\" role=\"doc-endnotes\" aria-labelledby=\"sources-title\">\n  <h2 id=\"sources-title\">");
    out.push_str(&labels.sources);
    out.push_str("</h2>\n  <ol class=\"footnotes\">\n    ");
    for f in footnotes {
        footnote(&mut out, f, &labels, site);
    }
    out.push_str("\n  </ol>\n</section>\n");
    out
}

/// The labels the source list prints, escaped once per story rather than once per entry. Not
/// among [`crate::load::i18n::DIGEST_KEYS`], which every theme must have: only a theme whose
/// partial prints them gets here.
struct Labels {
    sources: String,
    back_to_citation: String,
    quote_open: String,
    quote_close: String,
    local_copy: String,
    original: String,
    of_source: String,
}

impl Labels {
    fn escaped(t: &Translations) -> Labels {
        let label = |key: &str| html::escape(t.text(key));
        Labels {
            sources: label("sources"),
            back_to_citation: label("back_to_citation"),
            quote_open: label("quote_open"),
            quote_close: label("quote_close"),
            local_copy: label("local_copy"),
            original: label("original"),
            of_source: label("of_source"),
        }
    }
}

fn footnote(out: &mut String, f: &FootnoteCtx, labels: &Labels, site: Direction) {
    let number = f.number.to_string();
    out.push_str("\n    <li id=\"");
    escape_into(out, &f.id);
    out.push_str("\" value=\"");
    out.push_str(&number);
    out.push_str("\" class=\"footnote\">\n      <span class=\"backlinks\">");
    backlinks(out, &f.backlinks, &number, labels);
    out.push_str(
        "</span>\n      <span class=\"footnote-body\">\n        <span class=\"footnote-outlet\">",
    );
    outlet_name(out, &f.outlet, site);
    out.push_str("</span>,\n        <cite class=\"footnote-title\">");
    out.push_str(&labels.quote_open);
    out.push_str("<span");
    lang_dir_into(out, &f.title_language, true, site);
    out.push('>');
    escape_into(out, &f.article_title);
    out.push_str("</span>");
    out.push_str(&labels.quote_close);
    out.push_str("</cite>");
    if let Some(date) = &f.date {
        out.push_str(", <time datetime=\"");
        escape_into(out, &date.datetime);
        out.push_str("\">");
        escape_into(out, &date.display);
        out.push_str("</time>");
    }
    out.push_str(".\n        ");
    if !f.excerpt.is_empty() {
        out.push_str("<q class=\"footnote-excerpt\"><bdi");
        lang_dir_into(out, &f.language, false, site);
        out.push('>');
        escape_into(out, &f.excerpt);
        out.push_str("</bdi></q>");
    }
    out.push_str("\n        <span class=\"footnote-links\">");
    let link = (f.local_url.as_str(), labels.local_copy.as_str());
    source_link(out, "<a href=\"", link, &number, labels);
    if !f.original_url.is_empty() {
        let link = (f.original_url.as_str(), labels.original.as_str());
        source_link(
            out,
            " · <a class=\"external\" href=\"",
            link,
            &number,
            labels,
        );
    }
    out.push_str("</span>\n      </span>\n    </li>\n    ");
}

/// The arrows back to where the entry is cited: one, or one per place lettered `a`, `b` …
fn backlinks(out: &mut String, backlinks: &[Backlink], number: &str, labels: &Labels) {
    let link = |out: &mut String, b: &Backlink, citation: &str, text: &str| {
        out.push_str("<a href=\"");
        escape_into(out, &b.href);
        out.push_str("\" role=\"doc-backlink\" aria-label=\"");
        filled_into(out, &labels.back_to_citation, citation);
        out.push_str("\">");
        escape_into(out, text);
        out.push_str("</a>");
    };
    if let [b] = backlinks {
        link(out, b, number, "↑");
        return;
    }
    out.push_str("<span aria-hidden=\"true\">↑</span>");
    for b in backlinks {
        out.push(' ');
        link(out, b, &format!("{number}{}", b.label), &b.label);
    }
}

/// A link (`href`, `text`) to the source's copy here or to its original, which tells screen
/// readers the source's number; `opening` is the markup up to the `href` value.
fn source_link(
    out: &mut String,
    opening: &str,
    (href, text): (&str, &str),
    number: &str,
    labels: &Labels,
) {
    out.push_str(opening);
    escape_into(out, href);
    out.push_str("\">");
    out.push_str(text);
    out.push_str("<span class=\"visually-hidden\"> ");
    filled_into(out, &labels.of_source, number);
    out.push_str("</span></a>");
}

/// What `partials/outlet-name.html` prints for the outlet `o`.
fn outlet_name(out: &mut String, o: &OutletLabel, site: Direction) {
    if o.url.is_empty() {
        out.push_str("<span class=\"outlet-name");
        if o.unnamed {
            out.push_str(" outlet-unnamed");
        }
        out.push_str("\">");
    } else {
        out.push_str("<a class=\"outlet-name\" href=\"");
        escape_into(out, &o.url);
        out.push_str("\">");
    }
    escape_into(out, &isolate_text(&o.name, site));
    out.push_str(if o.url.is_empty() { "</span>" } else { "</a>" });
}

/// What the `fill` filter prints for an escaped label with a `{number}`: the number escaped in
/// its place.
fn filled_into(out: &mut String, escaped_label: &str, number: &str) {
    let mut value = String::new();
    escape_into(&mut value, number);
    fill_into(out, escaped_label, &[("number", &value)]);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tera::Context;

    use super::*;
    use crate::render::context::DateCtx;
    use crate::render::native::{FOOTNOTES, NativePartials, OUTLET_NAME, builtin_text};
    use crate::render::templates::Templates;
    use crate::test_support::proptest_config;
    use crate::test_support::theme::theme_with;

    /// The built-in partials under other names, so that Tera renders them as written.
    fn tera_footnotes(footnotes: &[FootnoteCtx], language: &str) -> String {
        let text = |name| builtin_text(name).unwrap();
        let theme = theme_with(&[
            ("page.html", "{% include \"tera/footnotes.html\" %}"),
            (
                "tera/footnotes.html",
                &text(FOOTNOTES).replace(OUTLET_NAME, "tera/outlet-name.html"),
            ),
            ("tera/outlet-name.html", text(OUTLET_NAME)),
        ]);
        let t = Translations::built_in(language).unwrap();
        let templates = Templates::compile(&theme, Direction::of(language)).unwrap();
        assert_eq!(templates.native(), NativePartials::default());
        let mut context = Context::new();
        context.insert("t", &t);
        context.insert("story", &serde_json::json!({ "footnotes": footnotes }));
        String::from_utf8(templates.render("page.html", &context).unwrap()).unwrap()
    }

    fn native_footnotes(list: &[FootnoteCtx], language: &str) -> String {
        let t = Translations::built_in(language).unwrap();
        footnotes(list, &t, Direction::of(language))
    }

    fn entry(number: usize, backlinks: usize) -> FootnoteCtx {
        FootnoteCtx {
            number,
            id: format!("cite-note-{number}"),
            outlet: OutletLabel {
                id: "fakti".into(),
                name: "Fakti & <Co>".into(),
                url: "/sources/fakti/".into(),
                unnamed: false,
            },
            article_title: "«Ha'aretz» says \"yes\"".into(),
            title_language: "en".into(),
            language: "en".into(),
            date: Some(DateCtx {
                datetime: "2024-11-07".into(),
                display: "7 November 2024".into(),
                precision: "day".into(),
            }),
            excerpt: "the Butler shooting, 13 July".into(),
            local_url: format!("../a/#p-{number}"),
            original_url: "https://example.com/a?x=1&y=\"2\"#:~:text=Butler".into(),
            backlinks: (0..backlinks)
                .map(|i| Backlink {
                    label: if backlinks == 1 {
                        String::new()
                    } else {
                        char::from(b'a' + i as u8).to_string()
                    },
                    href: format!("#cite-ref-{number}-{}", char::from(b'a' + i as u8)),
                })
                .collect(),
        }
    }

    #[test]
    fn prints_what_the_template_prints_in_every_built_in_language() {
        let mut list = vec![entry(1, 1), entry(2, 3), entry(3, 0)];
        list[1].outlet = OutletLabel {
            id: "x".into(),
            name: "وكالة الأنباء".into(),
            url: String::new(),
            unnamed: true,
        };
        list[1].article_title = "بوتين يهنئ ترامب".into();
        list[1].title_language = "ar".into();
        list[1].language = "ar".into();
        list[1].excerpt = "\"بقوة 8.2 درجة\"".into();
        list[1].date = None;
        list[1].original_url = String::new();
        list[2].title_language = "he".into();
        list[2].article_title = "פוטין בירך את טראמפ".into();
        list[2].language = "zh".into();
        list[2].excerpt = "普京祝贺特朗普".into();
        list[2].outlet.url = String::new();
        for language in ["en", "ar", "he", "uk", "ru", "fa", "bg"] {
            assert_eq!(
                native_footnotes(&list, language),
                tera_footnotes(&list, language),
                "{language}"
            );
        }
        assert!(tera_footnotes(&list, "en").contains("aria-label=\"Back to citation 2b\""));
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "Ж", "ب", "ש", "中", " ", "&", "<", ">", "\"", "'", "{number}", "«", "8,2",
                "\u{200f}", "\u{a0}",
            ]),
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    fn footnote_strategy() -> impl Strategy<Value = FootnoteCtx> {
        let language = prop::sample::select(vec!["", "en", "ar", "he", "zh", "uk", "xx-Latn"]);
        (
            (1usize..40, 0usize..4, text(), text(), any::<bool>()),
            (language.clone(), language, text(), any::<bool>(), text()),
        )
            .prop_map(
                |((number, backlinks, name, title, linked), (tl, l, excerpt, dated, url))| {
                    let mut f = entry(number, backlinks);
                    f.outlet.name = name;
                    f.outlet.unnamed = !linked;
                    if !linked {
                        f.outlet.url = String::new();
                    }
                    f.article_title = title;
                    f.title_language = tl.into();
                    f.language = l.into();
                    f.excerpt = excerpt;
                    f.date = f.date.filter(|_| dated);
                    f.original_url = url;
                    f
                },
            )
    }

    proptest! {
        #![proptest_config(proptest_config())]

        #[test]
        fn prints_what_the_template_prints_for_any_list(
            list in prop::collection::vec(footnote_strategy(), 0..4),
            language in prop::sample::select(vec!["en", "ar", "he"]),
        ) {
            prop_assert_eq!(native_footnotes(&list, language), tera_footnotes(&list, language));
        }
    }
}

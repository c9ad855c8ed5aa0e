//! The theme's labels in the site's language: the example site built with `language: uk`,
//! `ru` and `bg` shows its headings, dates and counts in that language and no English label is
//! left; every piece of article text carries the article's `lang`; a language without a
//! translation file, and a broken site translation file, are errors that say where and how to
//! fix them.

mod common;

use std::fs;

use common::*;
use digest::load::i18n::{Label, Translations};
use scraper::{ElementRef, Html, Node};

/// A copy of the example site in `language`, built.
fn built_in(language: &str) -> Site {
    let site = Site::example();
    site.edit(
        &site.path("site.yaml"),
        "language: en",
        &format!("language: {language}"),
    );
    assert_success(&site.build());
    site
}

/// The language an element's text is in: its own `lang`, or its nearest ancestor's.
fn lang_of(el: ElementRef) -> Option<String> {
    std::iter::successors(Some(el), |e| e.parent().and_then(ElementRef::wrap))
        .find_map(|e| e.value().attr("lang"))
        .map(str::to_string)
}

/// The text of a page that is in `language` (text nodes and `aria-label`/`title` attributes
/// whose element is in it), scripts left out.
fn text_in(html: &Html, language: &str) -> String {
    let mut out = String::new();
    for node in html.tree.nodes() {
        let Some(el) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if matches!(el.value().name(), "script" | "style") {
            continue;
        }
        if lang_of(el).as_deref() != Some(language) {
            continue;
        }
        if let Node::Text(text) = node.value() {
            out.push_str(text);
            out.push('\n');
        }
    }
    for el in html.tree.nodes().filter_map(ElementRef::wrap) {
        if lang_of(el).as_deref() == Some(language) {
            for attr in ["aria-label", "title"] {
                if let Some(v) = el.value().attr(attr) {
                    out.push_str(v);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Every text the example's own content has (so that an English word there is not taken for
/// a label left untranslated).
fn content_text() -> String {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = fs::read_to_string(repo.join("site.yaml")).unwrap();
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        text.push_str(&fs::read_to_string(entry.path()).unwrap_or_default());
    }
    text
}

/// The fixed parts of the English labels: each label's text cut at its placeholders, the
/// pieces long enough to be telling, except where the language writes the same.
fn english_fragments(other: &Translations) -> Vec<(String, String)> {
    let en = Translations::built_in("en").unwrap();
    let mut fragments = Vec::new();
    for (key, label) in en.labels() {
        let texts: Vec<&str> = match label {
            Label::Text(t) => vec![t.as_str()],
            Label::Plural(forms) => forms.values().map(String::as_str).collect(),
        };
        for text in texts {
            if other.text(key) == en.text(key) {
                continue;
            }
            for piece in text.split(['{', '}']).step_by(2) {
                let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
                if piece.chars().count() >= 6 {
                    fragments.push((key.clone(), piece.to_string()));
                }
            }
        }
    }
    fragments
}

#[test]
fn the_example_in_ukrainian_russian_and_bulgarian() {
    let cases = [
        (
            "uk",
            "7 листопада 2024 р.",
            "5 статей",
            "13 липня або 14 липня 2024 р.",
        ),
        (
            "ru",
            "7 ноября 2024 г.",
            "5 статей",
            "13 июля или 14 июля 2024 г.",
        ),
        (
            "bg",
            "7 ноември 2024 г.",
            "5 статии",
            "13 юли или 14 юли 2024 г.",
        ),
    ];
    let content = content_text();
    for (language, date, articles, uncertain) in cases {
        let t = Translations::built_in(language).unwrap();
        let site = built_in(language);
        let story = site.story_page();
        let root = story.select(&sel("html")).next().unwrap();
        assert_eq!(root.value().attr("lang"), Some(language));
        let headings: Vec<String> = story.select(&sel("h2")).map(text_of).collect();
        for key in [
            "timeline",
            "key_quotes",
            "disputed_details",
            "coverage",
            "articles",
            "sources",
        ] {
            assert!(
                headings.iter().any(|h| h == t.text(key)),
                "{language}: no heading {:?} in {headings:?}",
                t.text(key)
            );
        }
        let kicker = text_of(
            story
                .select(&sel(".story-header .kicker time"))
                .next()
                .unwrap(),
        );
        assert_eq!(kicker, date, "{language}");
        // An uncertain date is drawn as a range, each candidate its own <time>.
        let when: Vec<String> = story
            .select(&sel(".event-when .when-range"))
            .map(text_of)
            .collect();
        assert!(when.iter().any(|w| w == uncertain), "{language}: {when:?}");
        let home = site.html("index.html");
        let counts = text_of(home.select(&sel(".story-card-counts")).next().unwrap());
        assert!(
            counts.starts_with(&format!("{articles} · ")),
            "{language}: {counts}"
        );

        // No English label is left on any page (the articles are English: their text, marked
        // lang="en", is not the site's).
        let fragments = english_fragments(&t);
        assert!(fragments.len() > 100, "{}", fragments.len());
        for page in site.pages() {
            let text = text_in(&site.html(&page), language);
            for (key, fragment) in &fragments {
                if content.contains(fragment.as_str()) {
                    continue;
                }
                assert!(
                    !text.contains(fragment.as_str()),
                    "{language}: {page} still says {fragment:?} (label `{key}`)"
                );
            }
        }
        // The feeds and the search page's script speak the language too.
        let feed = site.read(&format!("public/stories/{STORY}/atom.xml"));
        assert!(
            feed.contains(&format!(
                "<title>{}",
                t.fill("feed_dispute", &[("question", "")])
            )),
            "{language}"
        );
        let search = site.read("public/search/index.html");
        assert!(
            search.contains(&format!("\"language\":\"{language}\"")),
            "{language}"
        );
    }
}

#[test]
fn article_text_carries_the_articles_language() {
    let site = built_in("uk");
    // The example's articles are English.
    let titles: Vec<String> = site
        .pages()
        .iter()
        .filter(|p| {
            p.starts_with(&format!("stories/{STORY}/"))
                && p.matches('/').count() == 3
                && !p.contains("/outlets/")
        })
        .map(|p| {
            text_of(
                site.html(p)
                    .select(&sel("h1#article-title"))
                    .next()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(titles.len(), 5, "{titles:?}");
    let mut checked = 0;
    for page in site.pages() {
        let html = site.html(&page);
        // Wherever an article's title is printed, it is marked as English.
        for node in html.tree.nodes() {
            let (Node::Text(text), Some(el)) =
                (node.value(), node.parent().and_then(ElementRef::wrap))
            else {
                continue;
            };
            if titles.iter().any(|title| text.trim() == title) {
                assert_eq!(
                    lang_of(el).as_deref(),
                    Some("en"),
                    "{page}: {:?} in <{}>",
                    &text[..],
                    el.value().name()
                );
                checked += 1;
            }
        }
        // And so are the outlets' words: quote variants, cited passages, paragraphs.
        for selector in [
            ".variant blockquote",
            ".footnote-excerpt bdi",
            ".claim-sources q bdi",
            ".article-text p[id]",
            ".removed-text",
        ] {
            for el in html.select(&sel(selector)) {
                assert_eq!(lang_of(el).as_deref(), Some("en"), "{page}: {selector}");
                checked += 1;
            }
        }
        // The theme's own words around them are Ukrainian.
        if let Some(h2) = html.select(&sel("main h2")).next() {
            assert_eq!(lang_of(h2).as_deref(), Some("uk"), "{page}");
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn a_language_without_labels_is_an_error_on_site_yaml() {
    let site = Site::example();
    site.edit(&site.path("site.yaml"), "language: en", "language: de");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    let line = site
        .read("site.yaml")
        .lines()
        .position(|l| l.starts_with("language:"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("site.yaml:{line}:11")), "{err}");
    assert!(
        err.contains("`ar`, `bg`, `en`, `fa`, `he`, `ru`, `uk`"),
        "{err}"
    );
    assert!(err.contains("i18n/de.yaml"), "{err}");
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn a_sites_own_labels_win_and_a_broken_file_names_file_line_and_key() {
    let site = Site::example();
    fs::create_dir_all(site.path("i18n")).unwrap();
    fs::write(site.path("i18n/en.yaml"), "# ours\ntimeline: Chronology\n").unwrap();
    assert_success(&site.build());
    let story = site.story_page();
    let headings: Vec<String> = story.select(&sel("h2")).map(text_of).collect();
    assert!(headings.contains(&"Chronology".to_string()), "{headings:?}");
    assert!(headings.contains(&"Sources".to_string()), "{headings:?}");

    fs::write(site.path("i18n/en.yaml"), "# ours\ntimelime: Chronology\n").unwrap();
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("i18n/en.yaml:2:1"), "{err}");
    assert!(err.contains("unknown label `timelime`"), "{err}");
    assert!(err.contains("did you mean `timeline`?"), "{err}");

    // A language the theme lacks needs a complete file: a missing label is named.
    fs::remove_file(site.path("i18n/en.yaml")).unwrap();
    let en = fs::read_to_string(site.path("themes/default/i18n/en.yaml")).unwrap();
    let de = en
        .replace("sources: Sources\n", "")
        .replace("timeline: Timeline", "timeline: Zeitleiste");
    fs::write(site.path("i18n/de.yaml"), de).unwrap();
    site.edit(&site.path("site.yaml"), "language: en", "language: de");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("i18n/de.yaml"), "{err}");
    assert!(err.contains("the label `sources` is missing"), "{err}");
    fs::write(
        site.path("i18n/de.yaml"),
        en.replace("timeline: Timeline", "timeline: Zeitleiste"),
    )
    .unwrap();
    assert_success(&site.build());
    let story = site.story_page();
    assert!(
        story
            .select(&sel("h2"))
            .map(text_of)
            .any(|h| h == "Zeitleiste")
    );
}

#[test]
fn an_edited_translation_file_rebuilds_the_pages() {
    let site = Site::example();
    assert_success(&site.build());
    site.edit(
        &site.path("themes/default/i18n/en.yaml"),
        "key_quotes: Key quotes",
        "key_quotes: What they said",
    );
    assert_success(&site.build());
    let story = site.story_page();
    assert!(
        story
            .select(&sel("h2"))
            .map(text_of)
            .any(|h| h == "What they said")
    );
    fs::create_dir_all(site.path("i18n")).unwrap();
    fs::write(site.path("i18n/en.yaml"), "key_quotes: Their words\n").unwrap();
    assert_success(&site.build());
    let story = site.story_page();
    assert!(
        story
            .select(&sel("h2"))
            .map(text_of)
            .any(|h| h == "Their words")
    );
}

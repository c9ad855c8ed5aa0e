//! Untrusted text never becomes markup: an XSS payload is put into every field an editor or an
//! outlet's text controls, the site is built, and no page may contain a script, an event
//! handler, an embedded object or a `javascript:` link that the theme did not put there.

mod common;

use std::fs;

use common::*;
use scraper::Html;

const PAYLOAD: &str =
    r#"<script>alert(1)</script><img src=x onerror=alert(2)>"'><svg onload=alert(3)>"#;

/// The base fixture with the payload in every free-text field.
fn poisoned_site() -> Site {
    let site = Site::base();
    let root = &site.root;
    // Single-quoted YAML: the payload's double quotes need no escaping, its ' is doubled.
    let y = PAYLOAD.replace('\'', "''");
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    fs::write(
        root.join("site.yaml"),
        format!(
            "title: {t}\nbase_url: https://example.org/\ndescription: {t}\nlanguage: en\n",
            t = q(PAYLOAD)
        ),
    )
    .unwrap();
    fs::write(
        root.join("content/sources.yaml"),
        format!(
            "wire:\n  name: '{y} Wire'\n  url: 'https://wire.example.org/\"><script>alert(4)</script>'\n  country: '{y}'\n  language: '{y}'\n  kind: wire\n  note: '{y}'\npaper:\n  name: The Paper\n"
        ),
    )
    .unwrap();
    let s = root.join("content/stories/s");
    fs::write(
        s.join("articles/wire.md"),
        format!(
            "---\nsource: wire\ntitle: '{y}'\nurl: 'https://wire.example.org/a?q=\"><script>alert(5)</script>'\nauthor: '{y}'\ntranslated_from: '{y}'\nnote: '{y} [x](javascript:alert(6))'\n---\nThe meeting took place on Monday {PAYLOAD} in the capital.\n\n\"We agreed on everything,\" the minister said.\n"
        ),
    )
    .unwrap();
    fs::write(
        s.join("story.md"),
        format!(
            "---\ntitle: '{y}'\ndate: 2025-01-07\nsummary: '{y}'\ntags: ['{y}']\nupdates:\n  - date: 2025-01-08\n    kind: correction\n    note: '{y} [@wire]'\n---\n{PAYLOAD}\n\nThe wire says [@wire, “on Monday {PAYLOAD}”], the paper [@paper, \"on Tuesday\"]. [link](javascript:alert(7)) ![img](javascript:alert(8)) <a href=\"javascript:alert(9)\">a</a>\n\n```html\n{PAYLOAD}\n```\n"
        ),
    )
    .unwrap();
    fs::write(
        s.join("timeline.yaml"),
        format!("- when: 2025-01-06\n  title: '{y}'\n  text: '{y}'\n  group: '{y}'\n  sources: [wire, paper]\n"),
    )
    .unwrap();
    fs::write(
        s.join("quotes.yaml"),
        format!(
            "- id: agreed\n  speaker: '{y}'\n  language: '{y}'\n  context: '{y}'\n  note: '{y}'\n  variants:\n    - source: wire\n      text: 'on Monday {y}'\n    - source: paper\n      text: \"We agreed on almost everything\"\n"
        ),
    )
    .unwrap();
    fs::write(
        s.join("disputes.yaml"),
        format!(
            "- id: day\n  question: '{y}'\n  claims:\n    - says: '{y}'\n      sources: [{{source: wire, quote: 'Monday {y}'}}]\n      note: '{y}'\n      upheld: true\n    - says: Tuesday\n      sources: [{{source: paper, quote: \"on Tuesday\"}}]\n      upheld: false\n  status: resolved\n  verdict: '{y}'\n  note: '{y} [@wire]'\n"
        ),
    )
    .unwrap();
    site
}

#[test]
fn no_payload_reaches_the_output_as_markup() {
    let site = poisoned_site();
    let root = &site.root;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_success(&out);
    let mut pages = 0;
    let mut shown = 0;
    for entry in walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let name = path.display().to_string();
        if path.extension().is_some_and(|e| e == "xml") {
            let xml = fs::read_to_string(path).unwrap();
            assert!(
                !xml.contains("<script") && !xml.contains("<img") && !xml.contains("<svg"),
                "{name}"
            );
            continue;
        }
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = fs::read_to_string(path).unwrap();
        let doc = Html::parse_document(&html);
        // The search page is the theme's own form and script, and a page with footnotes loads
        // the theme's footnotes.js; nothing else may bring either.
        let search_page = path.ends_with("search/index.html");
        let notes_page = html.contains("doc-endnotes");
        let own = |el: &scraper::ElementRef| {
            let v = el.value();
            match v.name() {
                "form" => {
                    search_page
                        && v.attr("role") == Some("search")
                        && v.attr("action") == Some("/search/")
                }
                "script" => {
                    (search_page
                        && v.attr("type") == Some("module")
                        && v.attr("src") == Some("/search.js"))
                        || (notes_page
                            && v.attr("type").is_none()
                            && v.attr("src") == Some("/footnotes.js"))
                }
                _ => false,
            }
        };
        for el in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            let tag = el.value().name();
            if own(&el) {
                continue;
            }
            assert!(
                !matches!(tag, "img" | "svg" | "iframe" | "object" | "embed" | "form"),
                "{name}: <{tag}> in the output"
            );
            if tag == "script" {
                // Data blocks only: JSON-LD, and on the search page its script's labels.
                let labels = search_page && el.value().id() == Some("search-labels");
                let data = if labels {
                    "application/json"
                } else {
                    "application/ld+json"
                };
                assert_eq!(
                    el.value().attr("type"),
                    Some(data),
                    "{name}: an executable script"
                );
                assert!(
                    !el.inner_html().contains('<'),
                    "{name}: markup inside a JSON data block"
                );
            }
            for (attr, value) in el.value().attrs() {
                assert!(
                    !attr.starts_with("on"),
                    "{name}: event handler {attr}={value}"
                );
                let v = value.trim().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{name}: {attr}={value}");
            }
        }
        if doc
            .root_element()
            .text()
            .collect::<String>()
            .contains("<script>alert(1)</script>")
        {
            shown += 1;
        }
    }
    assert_eq!(
        pages, 13,
        "home, story, two articles, the outlet-by-outlet page, two outlets, the outlets, the archive, the topics, the topic, 404, search"
    );
    assert!(shown >= 6, "the payload is shown as text on {shown} pages");
}

//! Footnotes in place: a story page that cites loads the theme's footnotes.js (deferred) and its
//! Content-Security-Policy allows scripts from the site, nothing more; every other page, and a
//! story that cites nothing, keeps `script-src 'none'` and loads no script. The markup the
//! script reads (the source list's entries) is there, and the numbers stay plain links. The
//! behaviour in a browser is tested in tests/browser/footnotes.test.mjs.

mod common;

use std::fs;

use common::page::csp;
use common::*;
use scraper::Html;

/// The `src` and `defer` of every script with a `src`.
fn scripts(doc: &Html) -> Vec<(String, bool)> {
    doc.select(&sel("script[src]"))
        .map(|s| {
            (
                s.value().attr("src").unwrap().to_string(),
                s.value().attr("defer").is_some(),
            )
        })
        .collect()
}

#[test]
fn a_story_that_cites_loads_footnotes_js_and_only_its_policy_allows_it() {
    let site = Site::example();
    assert_success(&site.build());
    let story = site.story_page();
    let policy = csp(&story);
    assert_eq!(policy["script-src"], "'self'");
    assert_eq!(
        policy["connect-src"], "'none'",
        "the script fetches nothing"
    );
    assert_eq!(policy["form-action"], "'none'");
    assert_eq!(policy["default-src"], "'self'");
    assert_eq!(scripts(&story), [("/footnotes.js".to_string(), true)]);
    // The policy comes first in <head>: the script is governed by it.
    let head: Vec<_> = story
        .select(&sel("head > *"))
        .map(|e| e.value().name().to_string())
        .collect();
    let meta = head.iter().position(|n| n == "meta").unwrap();
    let script = story
        .select(&sel("head > *"))
        .position(|e| e.value().attr("src") == Some("/footnotes.js"))
        .expect("the script is in <head>");
    assert!(
        meta < script,
        "{head:?}: the CSP meta must precede the script"
    );
    assert_eq!(
        site.read("public/footnotes.js"),
        site.read("themes/default/static/footnotes.js"),
        "the script is the theme's own file, as is"
    );

    // Every other page keeps the strict policy and runs nothing.
    let mut others = 0;
    for (path, bytes) in site.snapshot("public") {
        if !path.ends_with(".html")
            || path == format!("stories/{STORY}/index.html")
            || path == "search/index.html"
        {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        assert_eq!(csp(&doc)["script-src"], "'none'", "{path}");
        assert_eq!(scripts(&doc), [], "{path}");
        others += 1;
    }
    assert!(others >= 8, "{others} other pages checked");
}

#[test]
fn a_story_that_cites_nothing_runs_no_script() {
    let site = Site::example();
    let dir = site.path("content/stories/quiet-day");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("story.md"),
        "---\ntitle: A quiet day\ndate: 2024-11-09\n---\nNothing has been reported yet.\n",
    )
    .unwrap();
    assert_success(&site.build());
    let doc = site.html("stories/quiet-day/index.html");
    assert!(doc.select(&sel("[role=doc-endnotes]")).next().is_none());
    assert_eq!(csp(&doc)["script-src"], "'none'");
    assert_eq!(scripts(&doc), []);
}

/// What footnotes.js reads, and what readers without it get: each number a plain link to an
/// entry of the source list, which holds the outlet, the title and the cited words.
#[test]
fn the_numbers_are_plain_links_to_entries_the_script_can_read() {
    let site = Site::example();
    assert_success(&site.build());
    let doc = site.story_page();
    let refs: Vec<_> = doc.select(&sel("a[role=doc-noteref]")).collect();
    assert!(refs.len() > 20);
    let mut excerpts = 0;
    for r in refs {
        let v = r.value();
        // Nothing but the link itself: the script adds the rest.
        let mut attrs: Vec<_> = v.attrs().map(|(k, _)| k).collect();
        attrs.sort_unstable();
        assert_eq!(attrs, ["href", "id", "role"]);
        let href = v.attr("href").unwrap();
        let entry = doc
            .select(&sel(&format!(
                "[role=doc-endnotes] li[id='{}']",
                &href[1..]
            )))
            .next()
            .unwrap_or_else(|| panic!("{href}: no entry"));
        let body = entry
            .select(&sel(".footnote-body"))
            .next()
            .expect("an entry body");
        for part in [".footnote-outlet", ".footnote-title"] {
            assert!(
                body.select(&sel(part)).next().is_some(),
                "{href}: no {part}"
            );
        }
        excerpts += body.select(&sel(".footnote-excerpt")).count();
    }
    assert!(excerpts > 20, "the cited words are in the entries");
}

//! Updates and corrections: a story's `updates:` are shown at the top of its page (a
//! correction in words, "Correction, 8 November 2024: …"), and the story's `dateModified`,
//! sitemap `lastmod` and feed entries follow them; a badly dated update fails with its file and
//! line.

mod common;

use common::feeds::check_feed;
use common::page::json_ld;
use common::*;
use serde_json::Value;

/// The story's own `NewsArticle` in the page's JSON-LD.
fn story_json_ld(site: &Site) -> Value {
    json_ld(&site.story_page())["@graph"][0].clone()
}

/// The example with its correction, and a later update, dated after every article.
fn example_with_an_update() -> Site {
    let site = Site::example();
    site.edit(
        &site.story_file("story.md"),
        "updates:\n",
        "updates:\n  - date: 2025-01-15\n    note: Added the Kremlin's reading of the call [@fakti].\n",
    );
    site
}

#[test]
fn the_example_correction_is_on_the_page_in_json_ld_and_in_the_feeds() {
    let site = Site::example();
    assert_success(&site.build());
    let page = site.story_page();
    let correction = page
        .select(&sel("#updates li.update-correction"))
        .next()
        .expect("the correction at the top of the story");
    let text = normalize(&text_of(correction));
    assert!(
        text.starts_with("correction, 8 november 2024: an earlier version of this digest"),
        "{text}"
    );
    // Before the annotation, and its citation numbered first.
    let order: Vec<&str> = page
        .select(&sel("#updates, #annotation"))
        .map(|e| e.value().id().unwrap())
        .collect();
    assert_eq!(order, ["updates", "annotation"]);
    assert!(
        correction
            .select(&sel("sup a[href=\"#cite-note-1\"]"))
            .next()
            .is_some(),
        "the correction cites its source as footnote 1"
    );
    // The header says when the story last changed.
    let updated = page
        .select(&sel(".story-header .story-updated time"))
        .next()
        .expect("Updated … in the header");
    assert_eq!(updated.value().attr("datetime"), Some("2024-11-08"));

    let ld = story_json_ld(&site);
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(ld["correction"][0]["datePublished"], "2024-11-08");
    assert!(
        ld["correction"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("An earlier version of this digest followed the Kyiv Post")
    );

    let Some(entries) = check_feed(
        &site,
        &format!("stories/{STORY}/atom.xml"),
        "Putin congratulates Trump at the Valdai forum — Digest — one event, many outlets",
    ) else {
        return;
    };
    let entry = entries
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .unwrap()
                .starts_with("Correction, 8 November 2024")
        })
        .expect("the correction's entry in the story's feed");
    assert_eq!(entry["link"], format!("{BASE}stories/{STORY}/#update-1"));
    assert!(entry["summary"].as_str().unwrap().contains("held in Sochi"));
    let site_feed = check_feed(&site, "atom.xml", "Digest — one event, many outlets").unwrap();
    assert!(
        site_feed[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Correction, 8 November 2024: An earlier version"),
        "{}",
        site_feed[0]["summary"]
    );
}

#[test]
fn date_modified_lastmod_and_feeds_follow_the_latest_update() {
    let site = example_with_an_update();
    assert_success(&site.build());
    let ld = story_json_ld(&site);
    assert_eq!(ld["datePublished"], "2024-11-07T00:00:00+00:00");
    assert_eq!(ld["dateModified"], "2025-01-15T00:00:00+00:00");
    // An update is not a correction.
    assert_eq!(ld["correction"].as_array().unwrap().len(), 1);
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains(&format!(
            "<loc>{BASE}stories/{STORY}/</loc><lastmod>2025-01-15T00:00:00+00:00</lastmod>"
        )),
        "{sitemap}"
    );
    let page = site.story_page();
    let updates: Vec<String> = page
        .select(&sel("#updates li.update"))
        .map(|li| {
            format!(
                "{} {}",
                li.value().attr("id").unwrap(),
                li.value().attr("class").unwrap()
            )
        })
        .collect();
    assert_eq!(
        updates,
        [
            "update-2 update update-update",
            "update-1 update update-correction"
        ],
        "newest first"
    );
    let header: String = page
        .select(&sel(".story-header .story-updated"))
        .map(text_of)
        .collect();
    assert!(header.contains("Updated 15 January 2025"), "{header}");
    let home = site.html("index.html");
    let card: String = home
        .select(&sel(".story-card .kicker"))
        .map(text_of)
        .collect();
    assert!(
        card.contains("Corrected") && card.contains("Updated 15 January 2025"),
        "{card}"
    );

    let Some(entries) = check_feed(&site, "atom.xml", "Digest — one event, many outlets") else {
        return;
    };
    assert_eq!(entries[0]["updated"], "2025-01-15T00:00:00Z");
    let story = check_feed(
        &site,
        &format!("stories/{STORY}/atom.xml"),
        "Putin congratulates Trump at the Valdai forum — Digest — one event, many outlets",
    )
    .unwrap();
    assert!(
        story[0]["title"]
            .as_str()
            .unwrap()
            .starts_with("Update, 15 January 2025"),
        "the newest entry first: {}",
        story[0]["title"]
    );
}

/// Builds the example with `updates` replacing its own, and returns stderr of the failure.
fn fails_with(updates: &str) -> (String, usize) {
    let site = Site::example();
    assert_success(&site.build());
    let before = site.snapshot("public");
    let file = site.story_file("story.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("updates:\n").unwrap();
    let end = start + text[start..].find("\n---\n").unwrap() + 1;
    std::fs::write(
        &file,
        format!("{}{updates}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let out = site.build();
    let err = stderr(&out);
    assert!(!out.status.success(), "the build should fail:\n{err}");
    assert_eq!(before, site.snapshot("public"), "public/ changed: {err}");
    let line = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("  - date: "))
        .unwrap()
        + 1;
    (err, line)
}

#[test]
fn an_update_before_the_story_fails_with_file_and_line() {
    let (err, line) = fails_with("updates:\n  - date: 2024-11-06\n    note: Too early.\n");
    assert!(
        err.contains(&format!("content/stories/{STORY}/story.md:{line}:"))
            && err.contains("the update is dated 2024-11-06, before the story itself (2024-11-07)"),
        "{err}"
    );
}

#[test]
fn an_update_in_the_future_fails_with_file_and_line() {
    let (err, line) = fails_with("updates:\n  - date: 2999-01-01\n    note: Not yet.\n");
    assert!(
        err.contains(&format!("content/stories/{STORY}/story.md:{line}:"))
            && err.contains("the update is dated 2999-01-01, in the future"),
        "{err}"
    );
}

#[test]
fn an_update_must_say_which_day() {
    let (err, line) = fails_with("updates:\n  - date: 2024-12\n    note: Some time.\n");
    assert!(
        err.contains(&format!("content/stories/{STORY}/story.md:{line}:"))
            && err.contains("does not say which day"),
        "{err}"
    );
}

#[test]
fn a_correction_without_a_note_fails() {
    let (err, line) = fails_with("updates:\n  - date: 2024-11-08\n    kind: correction\n");
    assert!(
        err.contains(&format!("content/stories/{STORY}/story.md:{line}:"))
            && err.contains("this correction has no note"),
        "{err}"
    );
}

#[test]
fn an_unknown_kind_names_the_nearest() {
    let (err, _) = fails_with("updates:\n  - date: 2024-11-08\n    kind: corection\n    note: x\n");
    assert!(
        err.contains("unknown kind of update `corection`")
            && err.contains("did you mean `correction`?"),
        "{err}"
    );
}

#[test]
fn a_note_cites_like_the_annotation_and_is_checked_like_it() {
    let (err, _) = fails_with(
        "updates:\n  - date: 2024-11-08\n    note: 'Fakti says [@fakti, \"words no article has\"].'\n",
    );
    assert!(err.contains("words no article has"), "{err}");
    let (err, _) = fails_with("updates:\n  - date: 2024-11-08\n    note: 'See [@fatki].'\n");
    assert!(err.contains("did you mean `fakti`?"), "{err}");
}

//! The feeds and the sitemap, read by clients nobody on this team wrote: Python's `feedparser`
//! for `atom.xml` (the site's and each story's) and `xmllint` with the sitemaps.org schema for
//! `sitemap.xml`. Both are installed by scripts/test (see `common::tools`).

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::feeds::check_feed;
use common::*;

/// How many elements of the story page have an id with this prefix (and, optionally, class).
fn count_on_story_page(site: &Site, selector: &str) -> usize {
    site.story_page().select(&sel(selector)).count()
}

#[test]
fn site_and_story_feeds_parse_with_feedparser() {
    let site = Site::example();
    assert_success(&site.build());
    let Some(entries) = check_feed(&site, "atom.xml", "Digest — one event, many outlets") else {
        return;
    };
    assert_eq!(entries.len(), 1, "one entry per story");
    assert_eq!(entries[0]["link"], format!("{BASE}stories/{STORY}/"));
    assert_eq!(
        entries[0]["title"],
        "Putin congratulates Trump at the Valdai forum"
    );

    let story_feed = format!("stories/{STORY}/atom.xml");
    let entries = check_feed(
        &site,
        &story_feed,
        "Putin congratulates Trump at the Valdai forum — Digest — one event, many outlets",
    )
    .unwrap();
    let events = count_on_story_page(&site, "li.event[id^=\"event-\"]");
    let quotes = count_on_story_page(&site, "article[id^=\"quote-\"]");
    let disputes = count_on_story_page(&site, "article[id^=\"dispute-\"]");
    let verdicts = count_on_story_page(&site, "article.dispute-resolved .verdict-line");
    let updates = count_on_story_page(&site, "li.update[id^=\"update-\"]");
    assert!(events >= 5 && quotes >= 5 && disputes >= 4 && verdicts >= 3 && updates >= 1);
    assert_eq!(
        entries.len(),
        1 + updates + events + quotes + disputes + verdicts,
        "the story, and an entry per update, event, quote, dispute and verdict"
    );
    let titled = |prefix: &str| {
        entries
            .iter()
            .filter(|e| e["title"].as_str().unwrap().starts_with(prefix))
            .count()
    };
    assert_eq!(titled("Timeline, "), events);
    assert_eq!(titled("Quote: "), quotes);
    assert_eq!(titled("Disputed: "), disputes);
    assert_eq!(titled("Verdict: "), verdicts);
    // Newest first.
    let times: Vec<&str> = entries
        .iter()
        .map(|e| e["updated"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    // The story page says where to follow it.
    let page = site.story_page();
    let alternate = page
        .select(&sel(
            "head link[rel=alternate][type=\"application/atom+xml\"][title$=updates]",
        ))
        .next()
        .expect("the story feed's <link rel=alternate>");
    assert_eq!(
        alternate.attr("href"),
        Some(format!("/stories/{STORY}/atom.xml").as_str())
    );
    let follow = page
        .select(&sel(".story-follow a"))
        .next()
        .expect("a visible link");
    assert_eq!(follow.attr("href"), alternate.attr("href"));
}

fn story_feed_ids(site: &Site) -> Option<BTreeSet<String>> {
    let entries = check_feed(
        site,
        &format!("stories/{STORY}/atom.xml"),
        "Putin congratulates Trump at the Valdai forum — Digest — one event, many outlets",
    )?;
    Some(
        entries
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect(),
    )
}

#[test]
fn a_verdict_added_or_changed_is_a_new_entry_and_nothing_else_moves() {
    let site = Site::example();
    let disputes = site.story_file("disputes.yaml");
    let resolved = "  status: resolved\n  verdict: July 13, 2024\n";
    // Start with the Butler dispute still open.
    site.edit(&disputes, resolved, "  status: open\n");
    assert_success(&site.build());
    let Some(open) = story_feed_ids(&site) else {
        return;
    };

    site.edit(&disputes, "  status: open\n", resolved);
    assert_success(&site.build());
    let decided = story_feed_ids(&site).unwrap();
    assert_eq!(decided.len(), open.len() + 1, "the verdict is an entry");
    assert!(open.is_subset(&decided), "the other entries keep their ids");

    site.edit(
        &disputes,
        "  verdict: July 13, 2024\n",
        "  verdict: 13 July 2024 (local time)\n",
    );
    assert_success(&site.build());
    let changed = story_feed_ids(&site).unwrap();
    assert_eq!(changed.len(), decided.len());
    let new: Vec<_> = changed.difference(&decided).collect();
    assert_eq!(new.len(), 1, "a changed verdict is one new entry: {new:?}");
    let page = site.read(&format!("public/stories/{STORY}/atom.xml"));
    assert!(page.contains("<title>Verdict: When was the assassination attempt on Trump in Butler, Pennsylvania? 13 July 2024 (local time)</title>"), "{page}");
}

#[test]
fn an_unchanged_site_gives_byte_identical_feeds_and_sitemap() {
    let site = Site::example();
    assert_success(&site.build());
    let files = ["atom.xml", "sitemap.xml"];
    let story_feed = format!("stories/{STORY}/atom.xml");
    let before: Vec<String> = files
        .iter()
        .chain([&story_feed.as_str()])
        .map(|f| site.read(&format!("public/{f}")))
        .collect();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    std::fs::remove_dir_all(site.path(".digest-cache")).ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_success(&site.build());
    let after: Vec<String> = files
        .iter()
        .chain([&story_feed.as_str()])
        .map(|f| site.read(&format!("public/{f}")))
        .collect();
    assert_eq!(before, after, "a feed must not depend on when it was built");
}

#[test]
fn sitemap_is_valid_against_the_sitemaps_org_schema_with_lastmod_from_the_content() {
    let site = Site::example();
    assert_success(&site.build());
    let Some(xmllint) = tools::find("xmllint", "apt-get install libxml2-utils") else {
        return;
    };
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/sitemap-0.9.xsd");
    let out = Command::new(xmllint)
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(site.path("public/sitemap.xml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let sitemap = site.read("public/sitemap.xml");
    let urls: Vec<&str> = sitemap.lines().filter(|l| l.contains("<url>")).collect();
    assert!(urls.len() >= 10, "{sitemap}");
    for line in &urls {
        let loc = line
            .split("<loc>")
            .nth(1)
            .unwrap()
            .split("</loc>")
            .next()
            .unwrap();
        site.assert_resolves(loc);
        let lastmod = line
            .split("<lastmod>")
            .nth(1)
            .unwrap_or_else(|| panic!("no lastmod: {line}"))
            .split("</lastmod>")
            .next()
            .unwrap();
        // The newest date the story rests on: an article published on 8 November.
        assert_eq!(lastmod, "2024-11-08T00:00:00+00:00", "{line}");
    }
    assert!(!sitemap.contains("404"), "the 404 page is not indexed");
    let robots = site.read("public/robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn adding_an_article_changes_no_entry_id() {
    let site = Site::example();
    assert_success(&site.build());
    let Some(before) = story_feed_ids(&site) else {
        return;
    };
    // Sorts before every other article, so every article's position moves by one.
    std::fs::write(
        site.story_file("articles/aaa-wire.md"),
        "---\nsource: fakti\ntitle: A wire copy\n---\nPutin spoke at the Valdai forum in Sochi.\n",
    )
    .unwrap();
    assert_success(&site.build());
    assert_eq!(story_feed_ids(&site).unwrap(), before);
}

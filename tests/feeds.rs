//! The feeds and the sitemap, read by clients nobody on this team wrote: Python's `feedparser`
//! for `atom.xml` (the site's and each story's) and `xmllint` with the sitemaps.org schema for
//! `sitemap.xml`. Both are installed by scripts/test (see `common::tools`).

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;
use serde_json::Value;

/// Parses a feed with feedparser and returns what it understood, as JSON.
fn parse_feed(site: &Site, rel: &str) -> Option<Value> {
    let python = tools::python_with("feedparser")?;
    let script = r#"
import json, sys, time, feedparser
d = feedparser.parse(sys.argv[1])
stamp = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None
print(json.dumps({
    'bozo': d.bozo, 'bozo_exception': str(d.get('bozo_exception', '')), 'version': d.version,
    'title': d.feed.get('title'), 'id': d.feed.get('id'), 'updated': stamp(d.feed.get('updated_parsed')),
    'links': [(l.get('rel'), l.get('href')) for l in d.feed.get('links', [])],
    'entries': [{'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'),
                 'updated': stamp(e.get('updated_parsed')), 'updated_raw': e.get('updated'),
                 'summary': e.get('summary')} for e in d.entries],
}))
"#;
    let out = Command::new(python)
        .args(["-c", script])
        .arg(site.path(&format!("public/{rel}")))
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("feedparser's JSON"))
}

/// Checks what every feed of ours must satisfy, and returns its entries.
fn check_feed(site: &Site, rel: &str, title: &str) -> Option<Vec<Value>> {
    let feed = parse_feed(site, rel)?;
    assert_eq!(feed["bozo"], false, "{rel}: {}", feed["bozo_exception"]);
    assert_eq!(feed["version"], "atom10", "{rel}");
    assert_eq!(feed["title"], title, "{rel}");
    assert!(feed["updated"].is_string(), "{rel}: no feed-level updated");
    let links = feed["links"].as_array().unwrap();
    let self_link = links.iter().find(|l| l[0] == "self").expect("rel=self");
    assert_eq!(self_link[1], format!("{BASE}{rel}"), "{rel}");
    let entries = feed["entries"].as_array().unwrap().clone();
    let mut ids = BTreeSet::new();
    for e in &entries {
        for key in ["id", "title", "link", "updated", "summary"] {
            assert!(
                e[key].as_str().is_some_and(|v| !v.is_empty()),
                "{rel}: entry without {key}: {e}"
            );
        }
        assert!(
            ids.insert(e["id"].as_str().unwrap().to_string()),
            "{rel}: duplicate id {e}"
        );
        let raw = e["updated_raw"].as_str().unwrap();
        let offset = &raw[raw.len() - 6..];
        assert!(
            chrono::DateTime::parse_from_rfc3339(raw).is_ok()
                && (offset.starts_with('+') || offset.starts_with('-'))
                && &offset[3..4] == ":",
            "{rel}: `updated` is not RFC 3339 with an offset: {raw}"
        );
        site.assert_resolves(e["link"].as_str().unwrap());
    }
    Some(entries)
}

/// How many elements of the story page have an id with this prefix (and, optionally, class).
fn count_on_story_page(site: &Site, selector: &str) -> usize {
    site.html(&format!("stories/{STORY}/index.html"))
        .select(&sel(selector))
        .count()
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
    assert!(events >= 5 && quotes >= 5 && disputes >= 4 && verdicts >= 3);
    assert_eq!(
        entries.len(),
        1 + events + quotes + disputes + verdicts,
        "the story, and an entry per event, quote, dispute and verdict"
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
    let page = site.html(&format!("stories/{STORY}/index.html"));
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

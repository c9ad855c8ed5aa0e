//! A digest that grows: topic pages, pagination, the archive and the list of outlets, on a
//! generated site of 60 stories under 5 topics with `paginate: 10`, and on the example.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::feeds::check_feed;
use common::grown::{self, GrownStory, OUTLETS, TAGS};
use common::*;

/// The story links of a list page, in order.
fn listed(site: &Site, file: &str) -> Vec<String> {
    site.html(file)
        .select(&sel("ol.story-list .story-card-title a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

fn attr_of(doc: &scraper::Html, selector: &str, attr: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(attr))
        .map(str::to_string)
}

/// `http://127.0.0.1:8000/tags/x/page/2/` -> `tags/x/page/2/index.html`
fn file_of(url: &str) -> String {
    let rel = url
        .strip_prefix(BASE)
        .or_else(|| url.strip_prefix('/'))
        .unwrap_or_else(|| panic!("{url} is not a page of the site"));
    format!("{rel}index.html")
}

/// Walks a paginated list from its first page by its `rel="next"` links, checking each step's
/// way back (`rel="prev"`, in `<head>` and in the page's links) and its page numbers, and
/// returns the stories in the order the pages list them.
fn walk_list(site: &Site, first: &str, pages: usize) -> Vec<String> {
    let mut stories = Vec::new();
    let mut url = format!("/{first}");
    let mut previous: Option<String> = None;
    for number in 1..=pages {
        let file = file_of(&url);
        let doc = site.html(&file);
        assert_eq!(
            attr_of(&doc, "head link[rel=prev]", "href"),
            previous.clone(),
            "{file}: rel=prev"
        );
        assert_eq!(
            attr_of(&doc, "nav.pagination a[rel=prev]", "href"),
            previous.clone(),
            "{file}: the Previous link"
        );
        let numbers: Vec<String> = doc
            .select(&sel("nav.pagination .pagination-links a[aria-label]"))
            .map(text_of)
            .collect();
        let expected: Vec<String> = (1..=pages).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "{file}: page numbers");
        assert_eq!(
            doc.select(&sel("nav.pagination a[aria-current=page]"))
                .map(text_of)
                .collect::<Vec<_>>(),
            [number.to_string()],
            "{file}: the current page"
        );
        for a in doc.select(&sel("nav.pagination a")) {
            site.assert_resolves(&absolute(a.value().attr("href").unwrap()));
        }
        stories.extend(listed(site, &file));
        let next = attr_of(&doc, "head link[rel=next]", "href");
        assert_eq!(
            next,
            attr_of(&doc, "nav.pagination a[rel=next]", "href"),
            "{file}: rel=next in <head> and in the page"
        );
        previous = Some(url.clone());
        match next {
            Some(n) => {
                assert!(number < pages, "{file}: a next page after the last");
                url = n;
            }
            None => assert_eq!(number, pages, "{file}: no next page before the last"),
        }
    }
    stories
}

/// A link of a page (`/stories/x/`) as the absolute URL it is under [`BASE`].
fn absolute(href: &str) -> String {
    format!("{BASE}{}", href.trim_start_matches('/'))
}

fn story_url(s: &GrownStory) -> String {
    format!("/stories/{}/", s.slug)
}

fn built_grown() -> (Site, Vec<GrownStory>) {
    let (site, stories) = grown::site(60, "paginate: 10\n");
    assert_success(&site.build());
    (site, stories)
}

#[test]
fn home_and_topic_pages_list_exactly_their_stories_in_order_across_pages() {
    let (site, stories) = built_grown();
    let newest = grown::newest_first(&stories);

    // The home page: 60 stories in 6 pages, page 1 at the root.
    let home = walk_list(&site, "", 6);
    assert_eq!(home, newest.iter().map(story_url).collect::<Vec<_>>());
    assert!(!site.path("public/page/1/index.html").exists());
    assert!(!site.path("public/page/7/index.html").exists());
    // The folder order breaks the tie of stories 10 and 11 (same day).
    let ten = home.iter().position(|u| u.contains("story-10")).unwrap();
    assert_eq!(home[ten + 1], "/stories/story-11/");
    // Later pages number their list on from the earlier ones.
    let page2 = site.html("page/2/index.html");
    assert_eq!(
        attr_of(&page2, "ol.story-list", "start").as_deref(),
        Some("11")
    );
    assert_eq!(
        page2.select(&sel("title")).map(text_of).collect::<String>(),
        "Page 2 — Grown digest"
    );

    for tag in TAGS {
        let mine: Vec<String> = newest
            .iter()
            .filter(|s| s.tags.contains(&tag))
            .map(story_url)
            .collect();
        assert!(mine.len() > 10, "{tag}: a topic that needs two pages");
        let pages = mine.len().div_ceil(10);
        let walked = walk_list(&site, &format!("tags/{tag}/"), pages);
        assert_eq!(walked, mine, "tags/{tag}/");
        let doc = site.html(&format!("tags/{tag}/index.html"));
        assert_eq!(doc.select(&sel("h1")).map(text_of).collect::<String>(), tag);
        assert!(
            site.path(&format!("public/tags/{tag}/page/{pages}/index.html"))
                .exists()
        );
        assert!(
            !site
                .path(&format!("public/tags/{tag}/page/{}/index.html", pages + 1))
                .exists()
        );
    }
}

#[test]
fn the_topics_page_counts_each_topic_and_every_story_links_its_topics() {
    let (site, stories) = built_grown();
    let doc = site.html("tags/index.html");
    let listed: BTreeMap<String, String> = doc
        .select(&sel(".topic"))
        .map(|li| {
            let a = li.select(&sel(".topic-name a")).next().unwrap();
            let count = li.select(&sel(".topic-count")).map(text_of).collect();
            site.assert_resolves(&absolute(a.value().attr("href").unwrap()));
            (text_of(a), count)
        })
        .collect();
    let expected: BTreeMap<String, String> = TAGS
        .iter()
        .map(|tag| {
            let n = stories.iter().filter(|s| s.tags.contains(tag)).count();
            (tag.to_string(), format!("{n} stories"))
        })
        .collect();
    assert_eq!(listed, expected);
    // Every story page links each of its topics, and only those.
    for s in &stories {
        let page = site.html(&format!("stories/{}/index.html", s.slug));
        let links: Vec<String> = page
            .select(&sel(".story-header .tags a.tag"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        let expected: Vec<String> = s.tags.iter().map(|t| format!("/tags/{t}/")).collect();
        assert_eq!(links, expected, "{}", s.slug);
    }
}

#[test]
fn topic_feeds_parse_with_one_entry_per_story() {
    let (site, stories) = built_grown();
    for tag in TAGS {
        let Some(entries) = check_feed(
            &site,
            &format!("tags/{tag}/atom.xml"),
            &format!("{}: {tag}", grown::TITLE),
        ) else {
            return;
        };
        let links: Vec<String> = entries
            .iter()
            .map(|e| e["link"].as_str().unwrap().to_string())
            .collect();
        let expected: Vec<String> = grown::newest_first(&stories)
            .iter()
            .filter(|s| s.tags.contains(&tag))
            .map(|s| absolute(&story_url(s)))
            .collect();
        assert_eq!(links, expected, "{tag}: one entry per story, newest first");
    }
    // The topic page names its feed.
    let doc = site.html("tags/energy/index.html");
    assert_eq!(
        attr_of(&doc, "head link[rel=alternate][title$=energy]", "href").as_deref(),
        Some("/tags/energy/atom.xml")
    );
}

#[test]
fn the_archive_counts_add_up_and_list_every_story_once() {
    let (site, stories) = built_grown();
    let doc = site.html("archive/index.html");
    let count = |el: scraper::ElementRef, selector: &str| -> usize {
        let text: String = el.select(&sel(selector)).map(text_of).collect();
        text.split_whitespace().next().unwrap().parse().unwrap()
    };
    let mut total = 0;
    let mut seen = BTreeSet::new();
    let mut years = Vec::new();
    for year in doc.select(&sel("section.archive-year")) {
        let year_count = count(year, ":scope > h2 .archive-count");
        let label: String = year
            .select(&sel(":scope > h2"))
            .next()
            .unwrap()
            .text()
            .next()
            .unwrap()
            .trim()
            .to_string();
        years.push(label.clone());
        let mut in_months = 0;
        for month in year.select(&sel("section.archive-month")) {
            let n = count(month, "h3 .archive-count");
            let links: Vec<String> = month
                .select(&sel(".archive-stories a"))
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            assert_eq!(n, links.len(), "{label}: a month's count is its stories");
            let time = month
                .select(&sel("h3 time"))
                .next()
                .unwrap()
                .value()
                .attr("datetime")
                .unwrap()
                .to_string();
            for link in links {
                let slug = link
                    .trim_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string();
                let s = stories.iter().find(|s| s.slug == slug).unwrap();
                assert_eq!(s.date.format("%Y-%m").to_string(), time, "{slug}");
                assert!(seen.insert(slug), "listed twice");
            }
            in_months += n;
        }
        assert_eq!(
            year_count, in_months,
            "{label}: the year's count is its months'"
        );
        total += year_count;
    }
    assert_eq!(years, ["2025", "2024", "2023"]);
    assert_eq!(total, stories.len());
    assert_eq!(seen.len(), stories.len());
    assert_eq!(count(doc.root_element(), ".page-header .story-stats"), 60);
}

#[test]
fn the_outlets_page_counts_articles_and_the_record() {
    let (site, stories) = built_grown();
    let doc = site.html("sources/index.html");
    let rows: Vec<Vec<String>> = doc
        .select(&sel(".outlet-table tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| text_of(c).trim().to_string())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), OUTLETS.len());
    for (i, id) in OUTLETS.iter().enumerate() {
        let row = rows
            .iter()
            .find(|r| r[0] == format!("The {id}"))
            .unwrap_or_else(|| panic!("{id}: {rows:?}"));
        let articles = stories.iter().filter(|s| s.outlets.contains(&i)).count();
        let upheld = stories
            .iter()
            .filter(|s| s.dispute && s.outlets[0] == i)
            .count();
        let rejected = stories
            .iter()
            .filter(|s| s.dispute && s.outlets[1] == i)
            .count();
        assert_eq!(row[1], "Newspaper");
        assert_eq!(row[4], articles.to_string(), "{id}: articles");
        assert_eq!(row[5], articles.to_string(), "{id}: stories");
        assert_eq!(row[6], upheld.to_string(), "{id}: upheld");
        assert_eq!(row[7], rejected.to_string(), "{id}: rejected");
    }
    for a in doc.select(&sel(".outlet-table a")) {
        site.assert_resolves(&absolute(a.value().attr("href").unwrap()));
    }
}

#[test]
fn every_list_page_is_in_the_sitemap_and_every_link_resolves() {
    let (site, _) = built_grown();
    let sitemap = site.read("public/sitemap.xml");
    for path in [
        "",
        "page/2/",
        "page/6/",
        "tags/",
        "tags/nato/",
        "tags/nato/page/2/",
        "archive/",
        "sources/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{BASE}{path}</loc>")),
            "{path} is not in the sitemap"
        );
    }
    let out = site.run(&["check"]);
    assert_success(&out);
    assert!(!stderr(&out).contains("broken link"), "{}", stderr(&out));
}

#[test]
fn without_paginate_every_story_is_on_one_page() {
    let (site, stories) = grown::site(12, "");
    assert_success(&site.build());
    assert_eq!(listed(&site, "index.html").len(), stories.len());
    assert!(!site.path("public/page").exists());
    let doc = site.html("index.html");
    assert!(doc.select(&sel("nav.pagination")).next().is_none());
    assert!(doc.select(&sel("link[rel=next]")).next().is_none());
}

#[test]
fn a_vocabulary_gives_labels_and_a_misspelt_tag_names_the_nearest() {
    let vocabulary = "tags:\n  ukraine: {label: Ukraine, description: The war and the talks.}\n  us-election: {label: US election}\n  energy:\n  nato: {label: NATO}\n  sanctions:\n";
    let (site, _) = grown::site(10, vocabulary);
    assert_success(&site.build());
    let doc = site.html("tags/ukraine/index.html");
    assert_eq!(
        doc.select(&sel("h1")).map(text_of).collect::<String>(),
        "Ukraine"
    );
    assert_eq!(
        doc.select(&sel(".page-header .lede"))
            .map(text_of)
            .collect::<String>(),
        "The war and the talks."
    );
    let tags = site.html("tags/index.html");
    let names: Vec<String> = tags.select(&sel(".topic-name a")).map(text_of).collect();
    assert_eq!(
        names,
        ["energy", "NATO", "sanctions", "Ukraine", "US election"]
    );

    let story = site.path("content/stories/story-03/story.md");
    site.edit(&story, "tags: [nato]", "tags: [energy, natto]");
    let out = site.build();
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("content/stories/story-03/story.md:5:") && err.contains("unknown tag `natto`"),
        "{err}"
    );
    assert!(err.contains("did you mean `nato`?"), "{err}");
    assert!(
        err.contains("site.yaml"),
        "the hint says where tags are listed: {err}"
    );
}

#[test]
fn tags_in_any_script_get_readable_stable_addresses() {
    let (site, _) = grown::site(3, "");
    let story = site.path("content/stories/story-01/story.md");
    site.edit(
        &story,
        "tags: [us-election]",
        "tags: [Україна, Ελλάδα, US Election]",
    );
    let other = site.path("content/stories/story-02/story.md");
    site.edit(&other, "tags: [energy]", "tags: [us-election]");
    assert_success(&site.build());
    let doc = site.html("tags/ukrayina/index.html");
    assert_eq!(
        doc.select(&sel("h1")).map(text_of).collect::<String>(),
        "Україна"
    );
    assert!(site.path("public/tags/ellada/index.html").exists());
    // `US Election` and `us-election` are one topic.
    assert_eq!(listed(&site, "tags/us-election/index.html").len(), 2);
}

#[test]
fn the_example_files_its_story_under_three_topics_linked_from_every_page() {
    let site = Site::example();
    assert_success(&site.build());
    let story = format!("/stories/{STORY}/");
    for (tag, label) in [
        ("us-election-2024", "US election 2024"),
        ("russia-us", "Russia and the US"),
        ("valdai", "Valdai Discussion Club"),
    ] {
        let file = format!("tags/{tag}/index.html");
        assert_eq!(listed(&site, &file), vec![story.as_str()], "{file}");
        let doc = site.html(&file);
        assert_eq!(
            doc.select(&sel("h1")).map(text_of).collect::<String>(),
            label
        );
    }
    // The navigation of every page leads to the archive, the topics and the outlets.
    let mut pages = 0;
    for rel in site.pages() {
        pages += 1;
        let doc = site.html(&rel);
        let nav: Vec<String> = doc
            .select(&sel("header nav.site-nav a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        for path in ["archive/", "tags/", "sources/"] {
            assert!(
                nav.contains(&format!("/{path}")),
                "{rel}: no link to {path} in {nav:?}"
            );
        }
    }
    assert!(pages >= 12, "{pages}");
    let archive = site.html("archive/index.html");
    assert_eq!(
        archive
            .select(&sel(".archive-stories a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect::<Vec<_>>(),
        [format!("/stories/{STORY}/")]
    );
}

#[test]
fn a_long_list_shows_the_first_the_last_and_the_neighbouring_pages() {
    let (site, _) = grown::site(12, "paginate: 1\n");
    assert_success(&site.build());
    let doc = site.html("page/6/index.html");
    let shown: Vec<String> = doc
        .select(&sel(
            "nav.pagination .pagination-links li:not(.pagination-prev):not(.pagination-next)",
        ))
        .map(|li| text_of(li).trim().to_string())
        .collect();
    assert_eq!(shown, ["1", "…", "4", "5", "6", "7", "8", "…", "12"]);
    for a in doc.select(&sel("nav.pagination a")) {
        site.assert_resolves(&absolute(a.value().attr("href").unwrap()));
    }
    // Every page is still reachable: by next links from the first.
    assert_eq!(walk_pages(&site, 12), 12);
}

/// Follows `rel="next"` from the home page to the last page; returns how many pages it saw.
fn walk_pages(site: &Site, limit: usize) -> usize {
    let mut seen = 1;
    let mut doc = site.html("index.html");
    while let Some(next) = attr_of(&doc, "head link[rel=next]", "href") {
        seen += 1;
        assert!(seen <= limit, "more pages than {limit}");
        doc = site.html(&file_of(&next));
    }
    seen
}

/// Not a check but a way to get the site these tests build:
/// `DIGEST_WRITE_GROWN=DIR cargo test --test lists -- --ignored write_the_grown_site` writes it
/// into DIR, for `scripts/compare-output` to build with two versions of digest.
#[test]
#[ignore = "writes the grown site for scripts/compare-output"]
fn write_the_grown_site() {
    let dir = std::env::var_os("DIGEST_WRITE_GROWN").expect("DIGEST_WRITE_GROWN=DIR");
    let (site, _) = grown::site(60, "paginate: 10\n");
    copy_dir(&site.root, std::path::Path::new(&dir));
}

//! `digest new story SLUG`: a story folder that builds at once, an existing folder never
//! touched, and a bad name or a folder without a site reported with a hint.

mod common;

use common::*;

fn new_story(site: &Site, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new", "story"];
    all.extend_from_slice(args);
    site.run(&all)
}

#[test]
fn a_new_story_builds_at_once_and_is_on_the_site() {
    let site = Site::example();
    let out = new_story(
        &site,
        &[
            "valdai-2025",
            "--title",
            "Putin at Valdai: \"a real man\" again",
        ],
    );
    assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for file in [
        "story.md",
        "timeline.yaml",
        "quotes.yaml",
        "disputes.yaml",
        "articles/",
    ] {
        assert!(
            stdout.contains(&format!("content/stories/valdai-2025/{file}")),
            "{stdout}"
        );
        assert!(
            site.path(&format!("content/stories/valdai-2025/{file}"))
                .exists()
        );
    }
    let out = site.build();
    assert_success(&out);
    let err = stderr(&out);
    assert!(err.contains("(0 errors, 0 warnings)"), "{err}");
    let page = site.html("stories/valdai-2025/index.html");
    assert_eq!(
        page.select(&sel("h1")).map(text_of).collect::<String>(),
        "Putin at Valdai: \"a real man\" again"
    );
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        page.select(&sel(".story-header time"))
            .next()
            .unwrap()
            .value()
            .attr("datetime"),
        Some(today.as_str()),
        "dated today (the example's time zone is UTC)"
    );
    let home = site.html("index.html");
    assert!(
        home.select(&sel(".story-card-title a"))
            .any(|a| a.value().attr("href") == Some("/stories/valdai-2025/"))
    );
}

#[test]
fn the_title_defaults_to_the_slug_in_words_and_the_sidecars_show_their_shape() {
    let site = Site::example();
    assert_success(&new_story(&site, &["kremlin-reply"]));
    let story = site.read("content/stories/kremlin-reply/story.md");
    assert!(
        story.starts_with("---\ntitle: \"Kremlin Reply\"\n"),
        "{story}"
    );
    // The example's site.yaml lists its topics: the story says which it may use.
    assert!(
        story.contains("from site.yaml's list: russia-us, us-election-2024, valdai"),
        "{story}"
    );
    let quotes = site.read("content/stories/kremlin-reply/quotes.yaml");
    assert!(quotes.lines().all(|l| l.starts_with('#')), "{quotes}");
    assert_success(&site.build());
}

#[test]
fn an_existing_story_is_never_touched() {
    let site = Site::example();
    let before = site.snapshot("content");
    let out = new_story(&site, &[STORY, "--title", "Replaced"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("content/stories/{STORY} already exists")),
        "{err}"
    );
    assert_eq!(before, site.snapshot("content"));
}

#[test]
fn a_bad_name_gets_a_valid_one_suggested() {
    let site = Site::example();
    let before = site.snapshot("content");
    let out = new_story(&site, &["Valdai forum 2025!"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("may only contain letters, digits"), "{err}");
    assert!(err.contains("`valdai-forum-2025`"), "{err}");
    assert_eq!(before, site.snapshot("content"));
}

#[test]
fn outside_a_site_it_says_where_sites_begin() {
    let site = Site::empty();
    std::fs::create_dir_all(&site.root).unwrap();
    let out = new_story(&site, &["x"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("has no site.yaml") && err.contains("digest init"),
        "{err}"
    );
    assert!(!site.path("content").exists());
}

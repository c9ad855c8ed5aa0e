//! A site that has grown: many stories, each filed under one or two of five topics, with two
//! articles from three outlets and, in every sixth story, a resolved dispute. The tests know
//! what every list page must show from [`GrownStory`].

use std::fs;

use chrono::{Duration, NaiveDate};

use super::Site;

pub const TAGS: [&str; 5] = ["ukraine", "us-election", "energy", "nato", "sanctions"];
pub const OUTLETS: [&str; 3] = ["wire", "paper", "radio"];
pub const TITLE: &str = "Grown digest";

/// What the generator wrote for one story.
#[derive(Debug, Clone)]
pub struct GrownStory {
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    pub tags: Vec<&'static str>,
    /// The outlets of its two articles (indices into [`OUTLETS`]).
    pub outlets: [usize; 2],
    /// Whether it has a resolved dispute, upholding its first article's claim.
    pub dispute: bool,
}

/// Story `i`'s facts: every 11 days from 1 June 2023 (three calendar years for 60 stories),
/// except that stories 10 and 11 share a day (so the folder order breaks the tie).
pub fn story(i: usize) -> GrownStory {
    let day = if i == 11 { 10 } else { i };
    let date = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap() + Duration::days(11 * day as i64);
    let mut tags = vec![TAGS[i % 5]];
    if i.is_multiple_of(4) && TAGS[(i + 2) % 5] != tags[0] {
        tags.push(TAGS[(i + 2) % 5]);
    }
    GrownStory {
        slug: format!("story-{i:02}"),
        title: format!("Story number {i}"),
        date,
        tags,
        outlets: [i % 3, (i + 1) % 3],
        dispute: i.is_multiple_of(6),
    }
}

/// `count` generated stories; `site_extra` is appended to site.yaml (`paginate: 10`, a `tags:`
/// vocabulary …).
pub fn site(count: usize, site_extra: &str) -> (Site, Vec<GrownStory>) {
    let site = Site::empty();
    let root = &site.root;
    fs::create_dir_all(root.join("content/stories")).unwrap();
    fs::write(
        root.join("site.yaml"),
        format!("title: {TITLE}\nbase_url: https://example.org/grown/\nlanguage: en\n{site_extra}"),
    )
    .unwrap();
    let mut sources = String::new();
    for id in OUTLETS {
        sources.push_str(&format!(
            "{id}:\n  name: The {id}\n  url: https://{id}.example.org/\n  kind: newspaper\n"
        ));
    }
    fs::write(root.join("content/sources.yaml"), sources).unwrap();
    let stories: Vec<GrownStory> = (0..count).map(story).collect();
    for s in &stories {
        let dir = root.join("content/stories").join(&s.slug);
        fs::create_dir_all(dir.join("articles")).unwrap();
        for (n, outlet) in s.outlets.iter().enumerate() {
            let day = if n == 0 { "Monday" } else { "Tuesday" };
            fs::write(
                dir.join(format!("articles/report-{n}.md")),
                format!(
                    "---\nsource: {}\ntitle: Report {n} on {}\npublished: {}\n---\nThe talks in story {} ended on {day}, officials said.\n",
                    OUTLETS[*outlet], s.title, s.date, s.slug
                ),
            )
            .unwrap();
        }
        let tags: Vec<String> = s.tags.iter().map(|t| t.to_string()).collect();
        fs::write(
            dir.join("story.md"),
            format!(
                "---\ntitle: {}\ndate: {}\nsummary: What happened in {}.\ntags: [{}]\n---\nOne says Monday [@report-0, \"ended on Monday\"], the other Tuesday [@report-1, \"ended on Tuesday\"].\n",
                s.title,
                s.date,
                s.slug,
                tags.join(", ")
            ),
        )
        .unwrap();
        if s.dispute {
            fs::write(
                dir.join("disputes.yaml"),
                "- id: day\n  question: Which day did the talks end?\n  status: resolved\n  verdict: Monday\n  claims:\n    - says: Monday\n      sources: [{source: report-0, quote: \"ended on Monday\"}]\n      upheld: true\n    - says: Tuesday\n      sources: [{source: report-1, quote: \"ended on Tuesday\"}]\n      upheld: false\n",
            )
            .unwrap();
        }
    }
    (site, stories)
}

/// The stories newest first, as every list shows them (the same day: folder order).
pub fn newest_first(stories: &[GrownStory]) -> Vec<GrownStory> {
    let mut sorted = stories.to_vec();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    sorted
}

//! `digest import`: ten real saved news pages (Mozilla Readability's test pages, in
//! tests/fixtures/web-pages/) imported into a copy of the example site, measured against the
//! article text and metadata Readability.js expects; then the command's promises: the imported
//! article builds and can be cited, a page's scripts come out as text, nothing is overwritten
//! without --force, and bad input is reported like a build reports it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

const PAGES: [&str; 10] = [
    "aktualne",
    "ars-1",
    "bbc-1",
    "cnn",
    "heise",
    "herald-sun-1",
    "lemonde-1",
    "nytimes-1",
    "telegraph",
    "wapo-1",
];

fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/web-pages/{name}"))
}

fn articles_dir(site: &Site) -> PathBuf {
    site.path(&format!("content/stories/{STORY}/articles"))
}

fn import(site: &Site, file: &Path, extra: &[&str]) -> std::process::Output {
    let file = file.to_string_lossy().to_string();
    let mut args = vec!["import", file.as_str()];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// The canonical host of a fixture, as an outlet would list it (the importer matches the page's
/// host against these).
fn add_outlets(site: &Site) {
    let outlets = [
        ("aktualne", "Aktuálně.cz", "https://aktualne.cz/"),
        ("ars", "Ars Technica", "https://arstechnica.com/"),
        ("bbc", "BBC News", "https://www.bbc.com/"),
        ("cnn", "CNN Money", "https://money.cnn.com/"),
        ("heise", "heise online", "https://www.heise.de/"),
        ("heraldsun", "Herald Sun", "https://www.heraldsun.com.au/"),
        ("lemonde", "Le Monde", "https://www.lemonde.fr/"),
        ("nytimes", "The New York Times", "https://www.nytimes.com/"),
        ("telegraph", "The Telegraph", "https://www.telegraph.co.uk/"),
        (
            "wapo",
            "The Washington Post",
            "https://www.washingtonpost.com/",
        ),
    ];
    let mut yaml = site.read("content/sources.yaml");
    for (id, name, url) in outlets {
        yaml.push_str(&format!("\n{id}:\n  name: \"{name}\"\n  url: {url}\n"));
    }
    fs::write(site.path("content/sources.yaml"), yaml).unwrap();
}

/// Whitespace-free text: block boundaries and inline tags then cannot make equal text differ.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The block texts (p, h2-h6, li, blockquote) of expected.html, and all of its text.
fn expected_text(name: &str) -> (Vec<String>, String) {
    let html = fs::read_to_string(page(name).join("expected.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let blocks = doc
        .select(&sel("p, h2, h3, h4, h5, h6, li, blockquote"))
        .map(|e| e.text().collect::<String>())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    let all = doc.root_element().text().collect::<String>();
    (blocks, squash(&all))
}

/// The front matter (as YAML) and the paragraphs of an imported file.
fn split(text: &str) -> (serde_json::Value, Vec<String>) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (yaml, body) = rest.split_once("\n---\n").expect("end of front matter");
    let front: serde_json::Value = serde_saphyr::from_str(yaml).expect("front matter is YAML");
    let paragraphs = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    (front, paragraphs)
}

fn same_instant_and_offset(a: &str, b: &str) -> bool {
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z"))
            .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%z"))
            .ok()
    };
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => a == b && a.offset() == b.offset(),
        _ => false,
    }
}

#[test]
fn fixtures_import_with_their_title_date_language_and_text() {
    let site = Site::example();
    add_outlets(&site);
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for name in PAGES {
        let out = import(&site, &page(name).join("source.html"), &[]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let written = stdout(&out)
            .lines()
            .next()
            .and_then(|l| l.split(" as ").nth(1))
            .map(|p| p.trim_end_matches(':').to_string())
            .expect("the path written");
        let text = site.read(&written);
        let (front, paragraphs) = split(&text);
        let expected: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(page(name).join("expected-metadata.json")).unwrap(),
        )
        .unwrap();

        let title_ok = front["headline"] == expected["title"];
        let published_ok = match expected["publishedTime"].as_str() {
            Some(want) => front["published"]
                .as_str()
                .is_some_and(|got| same_instant_and_offset(got, want)),
            None => true,
        };
        let language_ok = match expected["lang"].as_str() {
            Some(want) => front["language"].as_str().is_some_and(|got| {
                got.eq_ignore_ascii_case(want) || got.split('-').next() == want.split('-').next()
            }),
            None => true,
        };
        let (blocks, expected_all) = expected_text(name);
        let imported_all = squash(&paragraphs.join(" "));
        let found = blocks
            .iter()
            .filter(|b| imported_all.contains(&squash(b)))
            .count();
        let inside = paragraphs
            .iter()
            .filter(|p| expected_all.contains(&squash(p)))
            .count();
        let recall = 100.0 * found as f64 / blocks.len().max(1) as f64;
        let precision = 100.0 * inside as f64 / paragraphs.len().max(1) as f64;
        rows.push(format!(
            "| {name:<13} | {:<8} | {:<12} | {:<8} | {recall:>6.1}% | {precision:>9.1}% | {:>3} / {:<3} |",
            if title_ok { "ok" } else { "WRONG" },
            match (expected["publishedTime"].is_string(), published_ok) {
                (false, _) => format!("({})", front["published"].as_str().map_or("none", |_| "found")),
                (true, true) => "ok".to_string(),
                (true, false) => "WRONG".to_string(),
            },
            if language_ok { front["language"].as_str().unwrap_or("-") } else { "WRONG" },
            inside,
            paragraphs.len(),
        ));
        if !title_ok {
            failures.push(format!(
                "{name}: title {} != {}",
                front["headline"], expected["title"]
            ));
        }
        if !published_ok {
            failures.push(format!(
                "{name}: published {} != {}",
                front["published"], expected["publishedTime"]
            ));
        }
        if !language_ok {
            failures.push(format!(
                "{name}: language {} != {}",
                front["language"], expected["lang"]
            ));
        }
        if recall < 95.0 {
            let missing: Vec<&String> = blocks
                .iter()
                .filter(|b| !imported_all.contains(&squash(b)))
                .take(3)
                .collect();
            failures.push(format!(
                "{name}: recall {recall:.1}% < 95%, e.g. {missing:?}"
            ));
        }
        if precision < 95.0 {
            let outside: Vec<&String> = paragraphs
                .iter()
                .filter(|p| !expected_all.contains(&squash(p)))
                .take(3)
                .collect();
            failures.push(format!(
                "{name}: precision {precision:.1}% < 95%, e.g. {outside:?}"
            ));
        }
    }
    println!(
        "| page          | title    | published    | language | recall  | precision  | inside / all |"
    );
    println!(
        "|---------------|----------|--------------|----------|---------|------------|--------------|"
    );
    for row in &rows {
        println!("{row}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_imported_article_builds_and_can_be_cited() {
    let site = Site::example();
    let out = import(
        &site,
        &page("bbc-1").join("source.html"),
        &["--source", "fakti", "--id", "bbc"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    for said in [
        "headline from JSON-LD headline",
        "published from JSON-LD datePublished",
        "url from <link rel=canonical>",
        "language from <html lang>",
    ] {
        assert!(printed.contains(said), "{printed}");
    }
    let (_, paragraphs) = split(&fs::read_to_string(articles_dir(&site).join("bbc.md")).unwrap());
    let words: String = paragraphs[0]
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let story = site.story_file("story.md");
    let text = fs::read_to_string(&story).unwrap();
    fs::write(
        &story,
        format!("{text}\nThe BBC interview [@bbc, \"{words}\"].\n"),
    )
    .unwrap();
    let build = site.build();
    assert!(build.status.success(), "{}", stderr(&build));
    let page = site.read(&format!("public/stories/{STORY}/bbc/index.html"));
    assert!(
        page.contains("biggest frustration"),
        "the article page has the title"
    );
    let story_page = site.read(&format!("public/stories/{STORY}/index.html"));
    assert!(
        story_page.contains(&format!("{STORY}/bbc/#p")),
        "the citation links the article"
    );
}

#[test]
fn a_pages_scripts_and_handlers_come_out_as_text_only() {
    let site = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.html");
    let paragraph = "The minister said the talks would resume on Monday, after a week in which both sides accused each other of bad faith and the mediators left the capital.";
    let body: String = (1..=6)
        .map(|i| format!("<p onclick=\"alert({i})\">{paragraph} Paragraph {i}.<img src=x onerror=alert({i})></p>\n"))
        .collect();
    fs::write(
        &file,
        format!(
            r#"<!doctype html><html lang="en"><head>
<title>Talks: "resume" on Monday</title>
<meta property="og:title" content="Talks: &quot;resume&quot; on 'Monday' #1">
<script>document.write('<p>injected</p>')</script></head>
<body onload="alert(0)"><nav><a href="javascript:alert(1)">Home</a></nav>
<article><h1>Talks: "resume" on 'Monday' #1</h1>{body}<script>alert('inline')</script>
<svg onload="alert(9)"><text>svg text</text></svg></article></body></html>"#
        ),
    )
    .unwrap();
    let out = import(&site, &file, &["--source", "fakti", "--id", "hostile"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(articles_dir(&site).join("hostile.md")).unwrap();
    for bad in [
        "<script",
        "onerror=",
        "onclick=",
        "onload=",
        "javascript:",
        "<img",
        "<svg",
    ] {
        assert!(!text.to_lowercase().contains(bad), "{bad} in:\n{text}");
    }
    let (front, paragraphs) = split(&text);
    assert_eq!(
        front["headline"], "Talks: \"resume\" on 'Monday' #1",
        "a title with `: `, quotes and `#` round-trips"
    );
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("The minister said"))
    );
    assert!(printed_none(&stdout(&out), "author"), "{}", stdout(&out));
}

fn printed_none(printed: &str, field: &str) -> bool {
    printed.contains(&format!("no {field} stated on the page: left out"))
}

#[test]
fn an_existing_article_is_replaced_only_with_force() {
    let site = Site::example();
    let source = page("wapo-1").join("source.html");
    let before = site.snapshot("content");
    let out = import(&site, &source, &["--source", "fakti", "--id", "kyivpost"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(site.snapshot("content"), before, "nothing was written");

    // Without --id, the outlet's id is taken, so the next free one is used.
    let out = import(&site, &source, &["--source", "fakti"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(articles_dir(&site).join("fakti-2.md").is_file());
    let after = site.snapshot("content");
    assert_eq!(
        after.len(),
        before.len() + 1,
        "only the new file is written"
    );

    let out = import(
        &site,
        &source,
        &["--source", "fakti", "--id", "kyivpost", "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.read(&format!("content/stories/{STORY}/articles/kyivpost.md"))
            .contains("Tunisia")
    );
}

#[test]
fn unknown_hosts_outlets_and_stories_are_errors_that_name_the_fix() {
    let site = Site::example();
    let before = site.snapshot("content");
    let out = import(&site, &page("lemonde-1").join("source.html"), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("lemonde.fr"), "{err}");
    for outlet in ["kyivpost", "fakti", "defencetalks"] {
        assert!(err.contains(outlet), "lists the outlets: {err}");
    }
    assert!(
        err.contains("url: http://www.lemonde.fr/"),
        "shows the line to add: {err}"
    );

    let out = import(
        &site,
        &page("lemonde-1").join("source.html"),
        &["--source", "fatki"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("did you mean `fakti`?"),
        "{}",
        stderr(&out)
    );

    let out = import(
        &site,
        &page("lemonde-1").join("source.html"),
        &["--source", "fakti", "--story", "putin-congratulates-trump"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("did you mean `{STORY}`?")),
        "{}",
        stderr(&out)
    );

    let out = import(
        &site,
        &page("lemonde-1").join("source.html"),
        &["--source", "fakti", "--id", "a b"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("cannot be an article id"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.snapshot("content"), before);
}

#[test]
fn bad_input_is_reported_with_the_file_and_a_hint() {
    let site = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.html");
    let out = import(&site, &missing, &["--source", "fakti"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("missing.html") && err.contains("cannot read") && err.contains("hint:"),
        "{err}"
    );

    let png = dir.path().join("photo.html");
    fs::write(&png, "just some words, no markup at all").unwrap();
    let out = import(&site, &png, &["--source", "fakti"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not an HTML page") && stderr(&out).contains("hint:"),
        "{}",
        stderr(&out)
    );

    let empty = dir.path().join("empty.html");
    fs::write(
        &empty,
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .unwrap();
    let out = import(&site, &empty, &["--source", "fakti"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no article text"), "{}", stderr(&out));
}

#[test]
fn a_text_copy_is_copied_as_is_and_what_is_inferred_is_printed() {
    let site = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copied.txt");
    let text = "Putin speaks at Valdai about the American election\n date 2024-11-07\n\nThe Russian president spoke in Sochi on Thursday evening, answering questions for four hours.\n";
    fs::write(&file, text).unwrap();
    let out = import(&site, &file, &["--source", "kyivpost"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = articles_dir(&site).join("kyivpost-2.txt");
    assert_eq!(fs::read_to_string(&written).unwrap(), text);
    let printed = stdout(&out);
    assert!(printed.contains("from the file name"), "{printed}");
    assert!(
        printed.contains("2024-11-07") || printed.contains("7 November 2024"),
        "{printed}"
    );
    assert!(site.run(&["check"]).status.success());
}

#[test]
fn a_text_copy_keeps_its_outlet_or_is_refused() {
    let site = Site::example();
    let before = site.snapshot("content");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copied.txt");
    fs::write(
        &file,
        "A headline about the forum\n\nThe president spoke in Sochi.\n",
    )
    .unwrap();
    // `valdai-copy.txt` would be read with no outlet: refused, with the ids that work.
    let out = import(
        &site,
        &file,
        &["--source", "kyivpost", "--id", "valdai-copy"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("takes its outlet from its file name") && err.contains("--id kyivpost-2"),
        "{err}"
    );
    assert_eq!(before, site.snapshot("content"));
    // An id that starts with the outlet's keeps it.
    let out = import(
        &site,
        &file,
        &["--source", "kyivpost", "--id", "kyivpost-forum"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(articles_dir(&site).join("kyivpost-forum.txt").is_file());
}

#[test]
fn a_text_copy_with_front_matter_is_read_as_written() {
    let site = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fakti.txt");
    let text = "---\ntitle: \"As written: a title\"\n---\nThe Russian president spoke in Sochi on Thursday evening.\n";
    fs::write(&file, text).unwrap();
    let out = import(&site, &file, &["--id", "fakti-copy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(articles_dir(&site).join("fakti-copy.txt")).unwrap(),
        text
    );
    assert!(stdout(&out).contains("read as written"), "{}", stdout(&out));
}

#[test]
fn with_several_stories_the_story_must_be_named() {
    let site = Site::example();
    let other = site.path("content/stories/another-story");
    fs::create_dir_all(&other).unwrap();
    fs::copy(site.story_file("story.md"), other.join("story.md")).unwrap();
    let source = page("heise").join("source.html");
    let out = import(&site, &source, &["--source", "fakti"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--story") && err.contains("another-story") && err.contains(STORY),
        "{err}"
    );
    let out = import(
        &site,
        &source,
        &["--source", "fakti", "--story", "another-story"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(other.join("articles/fakti.md").is_file());
}

/// Words that show markup (an article about a `<script>` tag) are the article's words: they stay
/// words in the file, and the built page escapes them like any article text.
#[test]
fn markup_shown_as_words_stays_words_and_is_escaped_in_the_site() {
    let site = Site::example();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("security.html");
    let paragraph = "Researchers said the attack worked because the forum printed user names without escaping them, for months, on every page of the site.";
    let body: String = (1..=5)
        .map(|i| format!("<p>{paragraph} Finding {i}.</p>\n"))
        .collect();
    fs::write(
        &file,
        format!(
            "<html lang=en><head><title>Forum flaw</title></head><body><article>{body}\
             <p>A name such as &lt;script&gt;alert(1)&lt;/script&gt; ran in every reader's browser, the researchers said.</p>\
             </article></body></html>"
        ),
    )
    .unwrap();
    let out = import(&site, &file, &["--source", "fakti", "--id", "security"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(articles_dir(&site).join("security.md")).unwrap();
    assert!(
        text.contains("A name such as <script>alert(1)</script> ran"),
        "{text}"
    );
    let build = site.build();
    assert!(build.status.success(), "{}", stderr(&build));
    let page = site.html(&format!("stories/{STORY}/security/index.html"));
    let scripts: Vec<String> = page
        .select(&sel("script"))
        .map(|s| s.inner_html())
        .filter(|s| s.contains("alert"))
        .collect();
    assert!(scripts.is_empty(), "{scripts:?}");
    assert!(
        page.root_element()
            .text()
            .collect::<String>()
            .contains("<script>alert(1)</script>"),
        "shown as words"
    );
}

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

/// Test material of our own: copies and saved pages of invented stories in several languages
/// (tests/fixtures/metadata/README.md).
fn metadata_fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/metadata/{rel}"))
}

/// The example site with the material's outlets, in a time zone of +01:00.
fn metadata_site() -> Site {
    let site = Site::example();
    let mut yaml = site.read("content/sources.yaml");
    yaml.push('\n');
    yaml.push_str(&fs::read_to_string(metadata_fixture("sources.yaml")).unwrap());
    fs::write(site.path("content/sources.yaml"), yaml).unwrap();
    let config = site.read("site.yaml");
    assert!(config.contains("timezone: \"+00:00\""));
    fs::write(
        site.path("site.yaml"),
        config.replace("timezone: \"+00:00\"", "timezone: \"+01:00\""),
    )
    .unwrap();
    site
}

fn expected(name: &str) -> Vec<(String, serde_json::Value)> {
    let text = fs::read_to_string(metadata_fixture(name)).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.into_iter().collect()
}

/// The value a note of `digest import` gives a field: `title "…" from line 3` → `…`.
fn noted(printed: &str, field: &str) -> Option<String> {
    printed.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix("- ")?
            .strip_prefix(field)?
            .strip_prefix(' ')?;
        let value = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split_once("\" from ")?.0,
            None => rest.split_once(" from ")?.0,
        };
        Some(value.to_string())
    })
}

/// Whether the material states `field` (an author of `null` is not checked).
fn is_checked(want: &serde_json::Value, field: &str) -> bool {
    !(field == "author" && want[field].is_null())
}

/// Compares what was read with what the material states, field by field; the mismatches.
fn mismatches(file: &str, want: &serde_json::Value, got: &[(&str, Option<String>)]) -> Vec<String> {
    got.iter()
        .filter(|(field, _)| is_checked(want, field))
        .filter(|(field, value)| value.as_deref() != want[field].as_str())
        .map(|(field, value)| format!("{file}: {field} {value:?}, expected {}", want[field]))
        .collect()
}

#[test]
fn copies_in_many_languages_say_their_headline_date_and_outlet() {
    let site = metadata_site();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (file, want) in expected("expected-copies.json") {
        let path = metadata_fixture(&file);
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let out = import(&site, &path, &["--id", &stem]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let printed = stdout(&out);
        let got = [
            ("source", noted(&printed, "source")),
            ("headline", noted(&printed, "title")),
            ("published", noted(&printed, "published")),
        ];
        let wrong = mismatches(&file, &want, &got);
        report.push(format!("{file}: {} of 3", 3 - wrong.len()));
        failures.extend(wrong);
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{failures:#?}");
    // The copies are articles the site builds, with what was inferred.
    assert_success(&site.run(&["check"]));
}

#[test]
fn saved_pages_in_many_languages_say_their_headline_date_and_author() {
    let site = metadata_site();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (file, want) in expected("expected-pages.json") {
        let path = metadata_fixture(&file);
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let out = import(&site, &path, &["--id", &stem]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let (front, paragraphs) =
            split(&site.read(&format!("content/stories/{STORY}/articles/{stem}.md")));
        let field = |name: &str| front[name].as_str().map(str::to_string);
        let got = [
            ("source", field("source")),
            ("headline", field("headline")),
            ("published", field("published")),
            ("author", field("author")),
        ];
        let wrong = mismatches(&file, &want, &got);
        let checked = got.iter().filter(|(f, _)| is_checked(&want, f)).count();
        report.push(format!(
            "{file}: {} of {checked}, {} paragraphs",
            checked - wrong.len(),
            paragraphs.len()
        ));
        failures.extend(wrong);
        assert!(paragraphs.len() >= 3, "{file}: {paragraphs:?}");
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{failures:#?}");
    assert_success(&site.run(&["check"]));
}

#[test]
fn given_values_win_and_a_bad_date_is_refused_before_anything_is_written() {
    let site = metadata_site();
    let page = metadata_fixture("tuning/ru-nozone.html");
    let before = site.snapshot("content");
    let out = import(&site, &page, &["--published", "2024-2-07"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--published") && err.contains("\"2024-2-07\" is not a date"),
        "{err}"
    );
    assert!(
        err.contains("2017-09-08T14:30"),
        "the error shows how to write it: {err}"
    );
    assert_eq!(site.snapshot("content"), before, "nothing was written");

    let out = import(
        &site,
        &page,
        &[
            "--published",
            "2024-02-07T16:20+03:00",
            "--headline",
            "Кровля склада обрушилась на Кожевенной линии",
            "--author",
            "Д. Соколов",
            "--title",
            "Warehouse roof collapses in St Petersburg",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains("published from --published (the page's"),
        "{printed}"
    );
    let (front, _) = split(&site.read(&format!("content/stories/{STORY}/articles/nevved.md")));
    assert_eq!(front["published"], "2024-02-07T16:20+03:00");
    assert_eq!(
        front["headline"],
        "Кровля склада обрушилась на Кожевенной линии"
    );
    assert_eq!(front["author"], "Д. Соколов");
    assert_eq!(front["title"], "Warehouse roof collapses in St Petersburg");

    // A bare copy gets front matter with the given values and what it says about itself.
    let copy = metadata_fixture("held-out/jornalnorte.txt");
    let out = import(
        &site,
        &copy,
        &["--published", "2024-06-03", "--author", "Redação"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written = site.read(&format!("content/stories/{STORY}/articles/jornalnorte.txt"));
    let (front, _) = split(&written);
    assert_eq!(front["source"], "jornalnorte");
    assert_eq!(front["published"], "2024-06-03");
    assert_eq!(front["author"], "Redação");
    assert_eq!(
        front["headline"],
        "greve dos maquinistas deixa porto sem comboios urbanos"
    );
    assert!(
        written.ends_with(&fs::read_to_string(&copy).unwrap()),
        "the copy follows as it was"
    );
    assert_success(&site.run(&["check"]));
}

#[test]
fn a_deeply_nested_page_is_refused_quickly_and_a_nested_one_within_bounds_imports() {
    let site = metadata_site();
    let dir = tempfile::tempdir().unwrap();
    let text = "The council met on Tuesday to discuss the harbour, and the mayor said the work would start in spring once the last permits had been granted.";
    let page = |depth: usize| {
        format!(
            "<html><head><link rel=canonical href=\"https://www.harbourtimes.example/x\"></head><body><article><h1>Harbour works to start in spring</h1>{}{}</article></body></html>",
            "<div>".repeat(depth),
            format!("<p>{text}</p>").repeat(3)
        )
    };
    let deep = dir.path().join("deep.html");
    fs::write(&deep, page(50_000)).unwrap();
    let started = std::time::Instant::now();
    let out = import(&site, &deep, &[]);
    let took = started.elapsed();
    assert!(!out.status.success());
    let err = stderr(&out);
    // The page's <article>, the 50,000 <div>s in it and a <p> in them.
    assert!(
        err.contains("nested 50002 deep") && err.contains(".txt"),
        "{err}"
    );
    assert!(took.as_secs() < 10, "refused in {took:?}");

    let nested = dir.path().join("nested.html");
    fs::write(&nested, page(400)).unwrap();
    let out = import(&site, &nested, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

//! The search page and its files, from the real `digest build` of the example site (plus, for
//! text in Cyrillic, the story in `tests/fixtures/search/`): the page and its policy, where every
//! result can link to, what the index holds and how small it is, and `search: false`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::page::{self, csp};
use common::*;
use digest::render::search::terms;
use scraper::Html;
use serde_json::Value;

const FIXTURE_STORY: &str = "valdai-in-bulgarian-and-russian";

fn built(site: &Site) -> BTreeMap<String, Vec<u8>> {
    assert_success(&site.build());
    site.snapshot("public")
}

/// The example with the fixture's story in Bulgarian and Russian beside it.
fn with_cyrillic_story() -> Site {
    let site = Site::example();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/search")
        .join(FIXTURE_STORY);
    copy_dir(
        &fixture,
        &site.path(&format!("content/stories/{FIXTURE_STORY}")),
    );
    site
}

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn html(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Html {
    Html::parse_document(&String::from_utf8_lossy(&files[path]))
}

/// The scripts a page other than the search page may run: the theme's footnotes.js on a page
/// with a source list (tests/footnotes.rs), none elsewhere. As (script-src, script URLs).
fn own_scripts(doc: &Html) -> (&'static str, Vec<&'static str>) {
    if doc
        .select(&sel("[role='doc-endnotes'] li"))
        .next()
        .is_some()
    {
        ("'self'", vec!["/footnotes.js"])
    } else {
        ("'none'", vec![])
    }
}

/// The output file of a site-absolute link (`/stories/x/#p4` -> `stories/x/index.html`), and
/// its fragment.
fn target(link: &str, base_path: &str) -> (String, Option<String>) {
    let rel = link
        .strip_prefix(base_path)
        .unwrap_or_else(|| panic!("{link} is not under {base_path}"));
    page::target(rel)
}

#[test]
fn the_search_page_alone_may_fetch_and_submit_and_every_page_links_to_it() {
    let site = Site::example();
    let files = built(&site);
    let page = html(&files, "search/index.html");
    let policy = csp(&page);
    assert_eq!(policy["script-src"], "'self'");
    assert_eq!(policy["connect-src"], "'self'");
    assert_eq!(policy["form-action"], "'self'");
    assert_eq!(policy["default-src"], "'self'");
    assert_eq!(policy["object-src"], "'none'");
    // Data blocks (JSON-LD, the script's labels) are never executed.
    let scripts: Vec<_> = page
        .select(&sel(
            "script:not([type='application/ld+json']):not([type='application/json'])",
        ))
        .map(|s| s.value().attr("src").expect("no inline script").to_string())
        .collect();
    assert_eq!(scripts, ["/search.js"]);
    let labels = page
        .select(&sel("script#search-labels[type='application/json']"))
        .next()
        .expect("the script's labels");
    let labels: Value = serde_json::from_str(&text_of(labels)).unwrap();
    assert_eq!(labels["language"], "en");
    assert_eq!(
        labels["labels"]["search_none"],
        "No results for “{query}”. Try fewer words, or the start of a word."
    );
    assert!(
        files.contains_key("search.js"),
        "the script is the site's own file"
    );
    let form = page
        .select(&sel("form[role='search'][action='/search/']"))
        .next()
        .expect("a search form that submits to the page");
    // GET, the default (which minification leaves out).
    assert!(form.value().attr("method").is_none_or(|m| m == "get"));
    assert_eq!(form.value().attr("data-index"), Some("/search-index.json"));
    assert!(form.value().attr("hidden").is_some(), "shown by the script");
    let input = page
        .select(&sel("input[type='search'][name='q']"))
        .next()
        .unwrap();
    let id = input.value().attr("id").unwrap();
    assert!(
        page.select(&sel(&format!("label[for='{id}']")))
            .next()
            .is_some(),
        "the field has a label"
    );
    assert!(page.select(&sel("[role='status']")).next().is_some());
    let message = page
        .select(&sel("[data-search-nojs]"))
        .next()
        .expect("a message for readers without JavaScript");
    assert!(message.value().attr("hidden").is_none());
    assert!(
        message.select(&sel("a[href='/']")).next().is_some(),
        "it links the list of stories"
    );

    let mut pages = 0;
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let doc = html(&files, path);
        let nav: Vec<_> = doc.select(&sel("header nav a[href='/search/']")).collect();
        assert_eq!(nav.len(), 1, "{path}: one link to the search page");
        assert_eq!(
            nav[0].value().attr("aria-current").is_some(),
            path == "search/index.html",
            "{path}"
        );
        if path == "search/index.html" {
            continue;
        }
        let policy = csp(&doc);
        let (script_src, scripts) = own_scripts(&doc);
        assert_eq!(policy["script-src"], script_src, "{path}");
        assert_eq!(policy["connect-src"], "'none'", "{path}");
        assert_eq!(policy["form-action"], "'none'", "{path}");
        let loaded: Vec<_> = doc
            .select(&sel("script[src]"))
            .map(|s| s.value().attr("src").unwrap())
            .collect();
        assert_eq!(loaded, scripts, "{path}: no script but its own");
        pages += 1;
    }
    assert!(pages > 10, "{pages} pages checked");
}

/// Every place a result can link to, from the story files the index lists: the story, each
/// article paragraph, quote, dispute and event. Each must be a file of the site with that
/// anchor, and hold the text the search shows for it.
#[test]
fn every_result_links_to_an_element_that_exists_and_holds_its_text() {
    let site = with_cyrillic_story();
    let files = built(&site);
    let index = json(&files, "search-index.json");
    assert_eq!(index["v"], 1);
    let stories = index["s"].as_array().unwrap();
    assert_eq!(
        stories,
        &[
            format!("stories/{FIXTURE_STORY}/search.json"),
            format!("stories/{STORY}/search.json")
        ],
        "newest first"
    );
    let mut links = 0;
    let mut check = |link: &str, expect: Option<&str>| {
        let (file, fragment) = target(link, "/");
        assert!(files.contains_key(&file), "{link}: no {file}");
        if let Some(id) = fragment {
            let doc = html(&files, &file);
            let el = doc
                .select(&sel(&format!("[id='{id}']")))
                .next()
                .unwrap_or_else(|| panic!("{link}: no #{id} in {file}"));
            if let Some(text) = expect {
                assert!(
                    normalize(&text_of(el)).contains(&normalize(text)),
                    "{link}: #{id} does not hold {text:?}"
                );
            }
        }
        links += 1;
    };
    for path in stories {
        let story = json(&files, path.as_str().unwrap());
        check(story["u"].as_str().unwrap(), None);
        let articles = story["a"].as_array().unwrap();
        for a in articles {
            check(a["u"].as_str().unwrap(), None);
            for p in a["p"].as_array().unwrap() {
                let anchor = p[0].as_str().unwrap();
                let url = format!("{}#{anchor}", a["u"].as_str().unwrap());
                check(&url, Some(p[1].as_str().unwrap()));
            }
        }
        for q in story["q"].as_array().unwrap() {
            // Each variant is words of an article, by position: they are in the quote's box.
            for v in q["v"].as_array().unwrap() {
                let v = v.as_array().unwrap();
                assert_eq!(v.len(), 4, "every example variant is placed: {v:?}");
                let n = |i: usize| v[i].as_u64().unwrap() as usize;
                let paragraph = articles[n(0)]["p"][n(1)][1].as_str().unwrap();
                let utf16: Vec<u16> = paragraph.encode_utf16().collect();
                let words = String::from_utf16(&utf16[n(2)..n(3)]).unwrap();
                check(q["u"].as_str().unwrap(), Some(&words));
            }
        }
        for d in story["k"].as_array().unwrap_or(&vec![]) {
            check(d["u"].as_str().unwrap(), Some(d["t"].as_str().unwrap()));
        }
        for e in story["e"].as_array().unwrap_or(&vec![]) {
            check(e["u"].as_str().unwrap(), Some(e["t"].as_str().unwrap()));
        }
    }
    assert!(links > 100, "only {links} links checked");
}

/// The index says which stories hold which words: every term of a story's text is listed with
/// that story, in the chunk the page would fetch for it, and nothing else is.
#[test]
fn the_term_table_lists_every_word_of_every_story_in_the_chunk_for_its_prefix() {
    let site = with_cyrillic_story();
    let files = built(&site);
    let index = json(&files, "search-index.json");
    let chunks: Vec<(String, Value)> = index["t"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c[0].as_str().unwrap().to_string(),
                json(&files, c[1].as_str().unwrap()),
            )
        })
        .collect();
    let chunk_for = |term: &str| {
        &chunks
            .iter()
            .filter(|(prefix, _)| term.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .unwrap()
            .1
    };
    // Decodes a set as search.js does.
    let decode = |v: &Value| -> BTreeSet<u64> {
        match v {
            Value::Array(deltas) => deltas
                .iter()
                .scan(0, |n, d| {
                    *n += d.as_u64().unwrap();
                    Some(*n)
                })
                .collect(),
            Value::String(_) => panic!("a bitset in a two-story site"),
            _ => panic!("{v}"),
        }
    };
    let mut expected: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for (i, path) in index["s"].as_array().unwrap().iter().enumerate() {
        let story = json(&files, path.as_str().unwrap());
        let mut text = vec![
            story["t"].as_str().unwrap().to_string(),
            story["x"].as_str().unwrap_or_default().to_string(),
        ];
        for a in story["a"].as_array().unwrap() {
            text.push(a["t"].as_str().unwrap().into());
            for p in a["p"].as_array().unwrap() {
                text.push(p[1].as_str().unwrap().into());
            }
        }
        for term in text.iter().flat_map(|t| terms(t)) {
            expected.entry(term).or_default().insert(i as u64);
        }
    }
    for (term, stories) in &expected {
        let entry = &chunk_for(term)[term];
        assert!(
            decode(&entry[0]).is_superset(stories),
            "{term}: {entry} lacks {stories:?}"
        );
    }
    let listed: usize = chunks
        .iter()
        .map(|(_, c)| c.as_object().unwrap().len())
        .sum();
    assert!(listed >= expected.len());

    // Cyrillic words, folded: й is и, ё is е; the Latin Valdai is another word.
    let story = |term: &str| decode(&chunk_for(term)[term][0]);
    assert_eq!(story("валдаи"), BTreeSet::from([0]));
    assert_eq!(story("повел"), BTreeSet::from([0]));
    assert_eq!(story("valdai"), BTreeSet::from([0, 1]));
    // In a heading (a title): the Bulgarian article's title names Valdai.
    assert_eq!(
        decode(&chunk_for("валдаи")["валдаи"][1]),
        BTreeSet::from([0])
    );
    assert!(
        chunk_for("telegram").get("telegram").is_none(),
        "removed page furniture (JOIN US ON TELEGRAM) is not indexed"
    );
}

/// The example with a story of the multilingual fixture's Arabic, Hebrew and Chinese articles
/// (their text, under a plain front matter): words with prefixes, with harakat and niqqud, and
/// words of a script written without spaces are found in the term table.
#[test]
fn arabic_hebrew_and_chinese_words_are_indexed_as_readers_type_them() {
    let site = Site::example();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/multilingual/content/stories/cyprus-earthquake/articles");
    let story = site.path("content/stories/quake-in-three-scripts");
    fs::create_dir_all(story.join("articles")).unwrap();
    fs::write(
        story.join("story.md"),
        "---\ntitle: A quake in three scripts\ndate: 2026-11-05\n---\nThree outlets.\n",
    )
    .unwrap();
    for (name, language) in [("sawt", "ar"), ("hamifrats", "he"), ("dongfang", "zh")] {
        let text = fs::read_to_string(fixture.join(format!("{name}.md"))).unwrap();
        let body = text.splitn(3, "---").nth(2).unwrap();
        fs::write(
            story.join(format!("articles/{name}.md")),
            format!("---\ntitle: {name}\nlanguage: {language}\n---{body}"),
        )
        .unwrap();
    }
    let files = built(&site);
    let index = json(&files, "search-index.json");
    let position = index["s"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p == "stories/quake-in-three-scripts/search.json")
        .unwrap() as u64;
    let mut table: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for chunk in index["t"].as_array().unwrap() {
        let chunk = json(&files, chunk[1].as_str().unwrap());
        for (term, entry) in chunk.as_object().unwrap() {
            let stories = entry[0]
                .as_array()
                .unwrap()
                .iter()
                .scan(0, |n, d| {
                    *n += d.as_u64().unwrap();
                    Some(*n)
                })
                .collect();
            table.insert(term.clone(), stories);
        }
    }
    let has = |term: &str| table.get(term).is_some_and(|s| s.contains(&position));
    // The text has الزلزال, بالزلزال and زلزال; والساحات; حصيلة (teh marbuta, folded to heh).
    for term in ["زلزال", "الزلزال", "بالزلزال", "ساحات", "الساحات", "حصيله"]
    {
        assert!(has(term), "{term}");
    }
    // בחיפה is there as חיפה; הרעידה as רעידה.
    for term in ["בחיפה", "חיפה", "רעידה"] {
        assert!(has(term), "{term}");
    }
    // 地中海 and 塞浦路斯 as the dictionary's words, and every pair of letters.
    for term in ["地中海", "塞浦路斯", "地中", "中海", "紧急", "情况", "大使"] {
        assert!(has(term), "{term}");
    }
    let file = json(&files, "stories/quake-in-three-scripts/search.json");
    let languages: Vec<&str> = file["a"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["l"].as_str().unwrap())
        .collect();
    assert_eq!(
        BTreeSet::from_iter(languages),
        BTreeSet::from(["ar", "he", "zh"])
    );
}

/// What the search files hold for the example, and how big they are: the page fetches the
/// index and a chunk before it knows which story to fetch.
#[test]
fn the_index_is_small_and_story_files_hold_the_cleaned_text() {
    let site = Site::example();
    let files = built(&site);
    let index = &files["search-index.json"];
    assert!(
        index.len() < 1024,
        "search-index.json is {} bytes",
        index.len()
    );
    let chunks: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("search/t-"))
        .collect();
    assert_eq!(chunks.len(), 1, "one story: one chunk");
    assert!(files[chunks[0]].len() < 48 * 1024);
    let story = json(&files, &format!("stories/{STORY}/search.json"));
    let fakti = story["a"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["o"] == "Fakti")
        .unwrap();
    assert!(
        fakti["p"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p[1].as_str().unwrap().contains("bravely, like a man"))
    );
    let text = String::from_utf8_lossy(&files[&format!("stories/{STORY}/search.json")]).to_string();
    assert!(
        !text.contains("JOIN US ON TELEGRAM"),
        "removed furniture is not indexed"
    );
    assert!(!text.contains("<sup"), "the annotation is plain text");
    let page = html(&files, &format!("stories/{STORY}/index.html"));
    for (key, selector) in [
        ("q", "article.quote"),
        ("k", "article.dispute"),
        ("e", "li.event"),
    ] {
        assert_eq!(
            story[key].as_array().unwrap().len(),
            page.select(&sel(selector)).count(),
            "one entry per {selector}"
        );
    }
}

#[test]
fn links_and_files_respect_the_base_path() {
    let site = Site::example();
    assert_success(&site.run(&["build", "--base-url", "https://user.github.io/repo/"]));
    let files = site.snapshot("public");
    let page = html(&files, "search/index.html");
    let form = page.select(&sel("form[role='search']")).next().unwrap();
    assert_eq!(form.value().attr("action"), Some("/repo/search/"));
    assert_eq!(
        form.value().attr("data-index"),
        Some("/repo/search-index.json")
    );
    assert!(
        page.select(&sel("script[src='/repo/search.js']"))
            .next()
            .is_some()
    );
    let home = html(&files, "index.html");
    assert!(
        home.select(&sel("header a[href='/repo/search/']"))
            .next()
            .is_some()
    );
    let story =
        String::from_utf8_lossy(&files[&format!("stories/{STORY}/search.json")]).to_string();
    let story: Value = serde_json::from_str(&story).unwrap();
    let mut urls = vec![story["u"].as_str().unwrap().to_string()];
    urls.extend(
        story["a"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["u"].as_str().unwrap().into()),
    );
    for kind in ["q", "k", "e"] {
        urls.extend(
            story[kind]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["u"].as_str().unwrap().into()),
        );
    }
    for url in &urls {
        let (file, _) = target(url, "/repo/");
        assert!(files.contains_key(&file), "{url}");
    }
    // The index's paths are relative to it, so they are under the base path too.
    let index = json(&files, "search-index.json");
    for path in index["s"]
        .as_array()
        .unwrap()
        .iter()
        .chain(index["t"].as_array().unwrap().iter().map(|c| &c[1]))
    {
        let path = path.as_str().unwrap();
        assert!(!path.starts_with('/') && files.contains_key(path), "{path}");
    }
}

#[test]
fn search_false_leaves_out_the_page_the_index_and_the_link() {
    let site = Site::example();
    let yaml = site.read("site.yaml");
    fs::write(site.path("site.yaml"), format!("{yaml}search: false\n")).unwrap();
    let files = built(&site);
    // (The theme's search.js is one of its static files, copied as they all are.)
    let search_files: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("search") || p.ends_with("/search.json"))
        .filter(|p| *p != "search.js")
        .collect();
    assert_eq!(search_files, Vec::<&String>::new());
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let doc = html(&files, path);
        assert!(
            doc.select(&sel("a[href$='/search/']")).next().is_none(),
            "{path}"
        );
        assert_eq!(csp(&doc)["script-src"], own_scripts(&doc).0, "{path}");
    }

    // And back: the next build (with its cache) adds them again.
    fs::write(site.path("site.yaml"), &yaml).unwrap();
    let files = built(&site);
    assert!(files.contains_key("search/index.html") && files.contains_key("search-index.json"));
}

#[test]
fn a_theme_without_a_search_page_still_builds_and_links_none() {
    let site = Site::example();
    fs::remove_file(site.path("themes/default/templates/search.html")).unwrap();
    let files = built(&site);
    assert!(!files.contains_key("search/index.html"));
    assert!(
        files.contains_key("search-index.json"),
        "the index is the site's, not the theme's"
    );
    let home = html(&files, "index.html");
    assert!(home.select(&sel("a[href$='/search/']")).next().is_none());
}

//! Runs the real `digest build` on the repository's example story (five outlets reporting Putin's
//! Valdai remarks) and checks the HTML it writes with an HTML parser.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::page::json_ld;
use common::*;
use scraper::{ElementRef, Html};

fn built() -> Site {
    let site = Site::example();
    let out = site.build();
    assert_success(&out);
    site
}

#[test]
fn the_example_builds_every_page_kind() {
    let site = built();
    for page in [
        "index.html".to_string(),
        "404.html".into(),
        format!("stories/{STORY}/index.html"),
        format!("stories/{STORY}/fakti/index.html"),
        format!("stories/{STORY}/unnamed/index.html"),
        "sources/kyivpost/index.html".into(),
        "atom.xml".into(),
        "sitemap.xml".into(),
        "robots.txt".into(),
        "style.css".into(),
        "syntax.css".into(),
        "footnotes.js".into(),
        "favicon.svg".into(),
    ] {
        assert!(site.path("public").join(&page).is_file(), "missing {page}");
    }
}

#[test]
fn every_footnote_reference_resolves_and_every_backlink_returns() {
    let site = built();
    let doc = site.story_page();
    let ids: BTreeMap<String, ElementRef> = doc
        .select(&sel("[id]"))
        .map(|e| (e.value().attr("id").unwrap().to_string(), e))
        .collect();
    let endnotes = doc
        .select(&sel("[role=doc-endnotes]"))
        .next()
        .expect("a doc-endnotes section");
    let entries: BTreeSet<String> = endnotes
        .select(&sel("li[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    let refs: Vec<ElementRef> = doc.select(&sel("a[role=doc-noteref]")).collect();
    assert!(
        refs.len() > 50,
        "the example cites a lot; found only {}",
        refs.len()
    );
    for r in &refs {
        let target = r.value().attr("href").unwrap().trim_start_matches('#');
        assert!(
            entries.contains(target),
            "reference {} points to {target}, which is not a source entry",
            text_of(*r)
        );
        let number: String = text_of(*r).chars().filter(char::is_ascii_digit).collect();
        assert_eq!(
            target,
            format!("cite-note-{number}"),
            "the visible number matches the entry"
        );
    }
    let backlinks: Vec<ElementRef> = endnotes.select(&sel("a[role=doc-backlink]")).collect();
    assert_eq!(backlinks.len(), refs.len(), "one backlink per citation");
    for b in backlinks {
        let target = b.value().attr("href").unwrap().trim_start_matches('#');
        let noteref = ids
            .get(target)
            .unwrap_or_else(|| panic!("backlink to missing {target}"));
        assert_eq!(noteref.value().attr("role"), Some("doc-noteref"));
        // The backlink sits in the entry the reference points to: the round trip closes.
        let entry = b
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "li")
            .unwrap();
        assert_eq!(
            noteref
                .value()
                .attr("href")
                .unwrap()
                .trim_start_matches('#'),
            entry.value().attr("id").unwrap()
        );
    }
    // Numbers run 1..n in order of first appearance.
    let mut first_seen = Vec::new();
    for r in &refs {
        let n: usize = text_of(*r)
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap();
        if !first_seen.contains(&n) {
            first_seen.push(n);
        }
    }
    assert_eq!(first_seen, (1..=first_seen.len()).collect::<Vec<_>>());
    assert_eq!(entries.len(), first_seen.len());
}

#[test]
fn repeated_citations_reuse_one_entry_with_lettered_backlinks() {
    let site = built();
    let doc = site.story_page();
    let reused = doc
        .select(&sel("[role=doc-endnotes] li"))
        .find(|li| li.select(&sel("a[role=doc-backlink]")).count() >= 2)
        .expect("some source is cited more than once");
    let labels: Vec<String> = reused
        .select(&sel("a[role=doc-backlink]"))
        .map(text_of)
        .collect();
    assert!(
        labels.contains(&"a".to_string()) && labels.contains(&"b".to_string()),
        "{labels:?}"
    );
}

#[test]
fn each_quote_variant_is_on_the_story_page_and_marked_in_its_article() {
    let site = built();
    let doc = site.story_page();
    let quotes: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(site.story_file("quotes.yaml")).unwrap())
            .unwrap();
    let page_text = normalize(&doc.root_element().text().collect::<String>());
    let mut checked = 0;
    for quote in quotes.as_array().unwrap() {
        let id = quote["id"].as_str().unwrap();
        let section = doc
            .select(&sel(&format!("#quote-{id}")))
            .next()
            .unwrap_or_else(|| panic!("no #quote-{id}"));
        for variant in quote["variants"].as_array().unwrap() {
            let words = normalize(variant["text"].as_str().unwrap());
            let source = variant["source"].as_str().unwrap();
            assert!(
                normalize(&text_of(section)).contains(&words),
                "quote {id}: variant from {source} not shown"
            );
            assert!(page_text.contains(&words));
            let article = site.html(&format!("stories/{STORY}/{source}/index.html"));
            let marked: Vec<String> = article
                .select(&sel("mark.cited"))
                .map(|m| normalize(&text_of(m)))
                .collect();
            let all_marked = marked.join(" ");
            assert!(
                marked
                    .iter()
                    .any(|m| m.contains(&words) || words.contains(m.as_str()))
                    && all_marked.contains(&words[..words.len().min(20)]),
                "quote {id}: the {source} article does not mark {words:?}; marks: {marked:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "checked only {checked} variants");
}

#[test]
fn differing_words_are_marked_between_variants() {
    let site = built();
    let doc = site.story_page();
    let section = doc.select(&sel("#quote-like-a-man")).next().unwrap();
    let diffs: Vec<String> = section
        .select(&sel("mark.diff"))
        .map(|m| normalize(&text_of(m)))
        .collect();
    assert!(
        diffs.iter().any(|d| d.contains("real")),
        "\"real\" differs: {diffs:?}"
    );
    assert!(
        diffs.iter().any(|d| d.contains("bravely")),
        "\"bravely\" differs: {diffs:?}"
    );
}

#[test]
fn the_butler_date_dispute_shows_both_claims_with_their_outlets() {
    let site = built();
    let doc = site.story_page();
    let dispute = doc
        .select(&sel("#dispute-butler-date"))
        .next()
        .expect("the Butler dispute");
    let text = text_of(dispute);
    assert!(text.contains("Resolved"), "{text}");
    let claims: Vec<String> = dispute
        .select(&sel("li.claim, .claim"))
        .map(text_of)
        .collect();
    let july13 = claims
        .iter()
        .find(|c| c.contains("July 13"))
        .expect("a July 13 claim");
    let july14 = claims
        .iter()
        .find(|c| c.contains("July 14"))
        .expect("a July 14 claim");
    assert!(july13.contains("Fakti"), "{july13}");
    assert!(
        july14.contains("Unnamed outlet") && july14.contains("Newszop"),
        "{july14}"
    );
    assert!(text.contains("Verdict"), "{text}");
    assert!(
        dispute.select(&sel("a[role=doc-noteref]")).count() >= 3,
        "the claims and the verdict cite their evidence"
    );
}

#[test]
fn no_raw_citation_survives_in_any_page() {
    let site = built();
    for (path, bytes) in site.snapshot("public") {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
            let text: String = doc.root_element().text().collect();
            assert!(!text.contains("[@"), "{path} still contains a raw citation");
        }
    }
}

/// Every `href` and `src` on the site points to a file that exists, and every `#fragment` to an
/// element with that id.
#[test]
fn no_link_points_to_a_missing_file_or_anchor() {
    let site = built();
    let public = site.path("public");
    let files = site.snapshot("public");
    let ids_of = |path: &str| -> BTreeSet<String> {
        let doc = Html::parse_document(&String::from_utf8_lossy(&files[path]));
        doc.select(&sel("[id]"))
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect()
    };
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        for el in doc.select(&sel("[href], [src]")) {
            let link = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if (link.starts_with("http") && !link.starts_with(BASE))
                || link.starts_with("data:")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let local = link.strip_prefix("http://127.0.0.1:8000").unwrap_or(link);
            let (file_part, fragment) = local
                .split_once('#')
                .map_or((local, None), |(f, frag)| (f, Some(frag)));
            let target = if file_part.is_empty() {
                path.clone()
            } else {
                assert!(
                    file_part.starts_with('/'),
                    "{path}: link {link} is not site-absolute"
                );
                let rel = file_part.trim_start_matches('/');
                if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                }
            };
            assert!(
                Path::new(&public).join(&target).is_file(),
                "{path}: {link} points to missing {target}"
            );
            if let Some(fragment) = fragment.filter(|f| !f.starts_with(":~:") && !f.is_empty()) {
                assert!(
                    ids_of(&target).contains(fragment),
                    "{path}: {link} points to a missing anchor"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

#[test]
fn article_pages_list_removed_furniture_and_number_paragraphs() {
    let site = built();
    let doc = site.html(&format!("stories/{STORY}/kyivpost/index.html"));
    let paragraphs: Vec<ElementRef> = doc.select(&sel("p[id^=p]")).collect();
    for (i, p) in paragraphs.iter().enumerate() {
        assert_eq!(p.value().attr("id").unwrap(), format!("p{}", i + 1));
        assert!(!text_of(*p).contains("JOIN US ON TELEGRAM"));
    }
    assert!(paragraphs.len() > 20);
    let removed = doc.select(&sel("details")).map(text_of).collect::<String>();
    assert!(
        removed.contains("JOIN US ON TELEGRAM"),
        "removed lines are listed"
    );
    assert!(removed.contains("Ctrl + Enter"));
    // A cited paragraph links back to the footnote on the story page.
    let back = doc.select(&sel("a[href*='#cite-note-']")).count();
    assert!(
        back > 5,
        "cited passages link back to the story page ({back})"
    );
}

#[test]
fn timeline_is_an_ordered_list_of_dated_events() {
    let site = built();
    let doc = site.story_page();
    let items: Vec<ElementRef> = doc.select(&sel("ol.timeline > li")).collect();
    assert!(items.len() >= 7);
    let mut last = String::new();
    for item in &items {
        let time = item
            .select(&sel("time[datetime]"))
            .next()
            .expect("each event has a <time datetime>");
        let dt = time.value().attr("datetime").unwrap().to_string();
        assert!(dt >= last, "events are in date order: {dt} after {last}");
        last = dt;
        assert!(
            item.select(&sel("h3")).next().is_some(),
            "each event is reachable by heading"
        );
    }
    let butler = items
        .iter()
        .find(|i| text_of(**i).contains("Butler"))
        .unwrap();
    assert!(
        text_of(*butler).contains("13") && text_of(*butler).contains("14"),
        "the uncertain date shows both days"
    );
}

#[test]
fn coverage_matrix_has_a_column_per_article_and_a_cell_per_detail() {
    let site = built();
    let doc = site.story_page();
    let table = doc.select(&sel("table")).next().expect("coverage table");
    let columns = table.select(&sel("thead th[scope=col] a")).count();
    assert_eq!(columns, 5, "one column per article");
    for row in table
        .select(&sel("tbody tr"))
        .filter(|r| r.select(&sel("th[scope=row]")).next().is_some())
    {
        assert_eq!(row.select(&sel("td")).count(), 5, "{}", text_of(row));
    }
    let butler_row = table
        .select(&sel("tr"))
        .find(|r| text_of(*r).contains("Butler, Pennsylvania?"))
        .unwrap();
    let text = text_of(butler_row);
    assert!(
        text.contains("July 13") && text.contains("July 14"),
        "{text}"
    );
}

#[test]
fn outlet_pages_show_how_claims_fared() {
    let site = built();
    let doc = site.html("sources/fakti/index.html");
    let text = text_of(doc.root_element());
    assert!(text.contains("Fakti"));
    assert!(
        text.contains("July 13"),
        "Fakti's upheld Butler date is in its record"
    );
    let newszop = text_of(site.html("sources/newszop/index.html").root_element());
    assert!(
        newszop.contains("July 14"),
        "Newszop's rejected Butler date is in its record"
    );
}

#[test]
fn pages_are_minified_and_machine_files_are_well_formed() {
    let site = built();
    let html = site.read(&format!("public/stories/{STORY}/index.html"));
    if cfg!(feature = "minify") {
        assert!(!html.contains("\n\n"), "HTML is minified");
    }
    let atom = site.read("public/atom.xml");
    assert!(
        atom.starts_with("<?xml")
            && atom.contains("<entry>")
            && atom.contains(&format!("{BASE}stories/{STORY}/"))
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{BASE}stories/{STORY}/fakti/</loc>")));
    assert!(!sitemap.contains("404"));
    let value = json_ld(&site.story_page());
    let types: Vec<&str> = value["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["@type"].as_str().unwrap())
        .collect();
    assert!(
        types.contains(&"NewsArticle") && types.contains(&"ClaimReview"),
        "{types:?}"
    );
}

#[test]
fn the_base_url_path_prefixes_every_link() {
    let site = Site::example();
    assert_success(&site.run(&["build", "--base-url", "https://user.github.io/repo"]));
    let doc = site.html("index.html");
    for a in doc.select(&sel("a[href^='/']")) {
        assert!(
            a.value().attr("href").unwrap().starts_with("/repo/"),
            "{:?}",
            a.value().attr("href")
        );
    }
    assert!(
        site.read("public/atom.xml")
            .contains("https://user.github.io/repo/stories/")
    );
}

#[test]
fn building_never_touches_content() {
    let site = Site::example();
    let before = site.snapshot("content");
    assert_success(&site.build());
    assert_success(&site.build());
    assert_eq!(before, site.snapshot("content"));
}

#[test]
fn article_text_is_escaped_not_injected() {
    let site = Site::example();
    site.edit(
        &site.story_file("articles/fakti.md"),
        "Last news in Fakti",
        "Last news in Fakti\n\n<script>alert('x')</script> <img src=x onerror=alert(1)>",
    );
    assert_success(&site.build());
    let doc = site.html(&format!("stories/{STORY}/fakti/index.html"));
    assert_eq!(doc.select(&sel("main script, main img")).count(), 0);
    assert!(
        text_of(doc.root_element()).contains("<script>alert('x')</script>"),
        "shown as text"
    );
}

#[test]
fn data_files_describe_the_timeline_and_every_cited_passage() {
    let site = built();
    let dir = format!("public/stories/{STORY}");
    let timeline: serde_json::Value =
        serde_json::from_str(&site.read(&format!("{dir}/timeline.json"))).unwrap();
    let events = timeline["events"].as_array().unwrap();
    let doc = site.story_page();
    assert_eq!(
        events.len(),
        doc.select(&sel("ol.timeline > li")).count(),
        "one TimelineJS event per timeline entry"
    );
    let butler = events
        .iter()
        .find(|e| e["text"]["headline"].as_str().unwrap().contains("Butler"))
        .unwrap();
    assert_eq!(butler["start_date"]["year"], 2024);
    assert_eq!(butler["start_date"]["display_date"], "13 or 14 July 2024");

    let annotations: serde_json::Value =
        serde_json::from_str(&site.read(&format!("{dir}/annotations.jsonld"))).unwrap();
    assert_eq!(annotations["type"], "AnnotationCollection");
    let items = annotations["first"]["items"].as_array().unwrap();
    assert_eq!(annotations["total"].as_u64().unwrap() as usize, items.len());
    assert!(items.len() > 50);
    for item in items {
        let target = &item["target"][0];
        let local = target["source"]
            .as_str()
            .unwrap()
            .strip_prefix(BASE)
            .unwrap();
        let (page, anchor) = local.split_once('#').unwrap();
        let article = site.html(&format!("{page}index.html"));
        let paragraph = article
            .select(&sel(&format!("p#{anchor}")))
            .next()
            .unwrap_or_else(|| panic!("{local}"));
        let exact = target["selector"]["exact"].as_str().unwrap();
        assert!(
            text_of(paragraph).contains(exact),
            "{exact:?} is in {local}"
        );
        let note = item["body"]["source"]
            .as_str()
            .unwrap()
            .split_once('#')
            .unwrap()
            .1;
        assert!(
            doc.select(&sel(&format!("#{note}"))).next().is_some(),
            "the annotation links to {note}"
        );
    }
    // The search files are checked in tests/search.rs.
}

#[test]
fn a_quotation_closed_before_its_citation_ends_with_a_closing_quote() {
    let site = Site::example();
    assert_success(&site.build());
    let html = site.read(&format!("public/stories/{STORY}/index.html"));
    // The annotation writes `"courageously, like a real man" [@unnamed, …]`.
    assert!(
        html.contains("“courageously, like a real man”<sup"),
        "the quote before the footnote number must close"
    );
    for opening in ["“<sup", "‘<sup"] {
        assert!(
            !html.contains(opening),
            "an opening quote before a footnote: {opening}"
        );
    }
}

#[test]
fn a_key_quote_one_outlet_carries_is_allowed_and_shown_as_a_single_quote() {
    let site = Site::example();
    let quotes = site.story_file("quotes.yaml");
    let mut text = std::fs::read_to_string(&quotes).unwrap();
    text.push_str(
        "\n- id: only-fakti\n  speaker: Vladimir Putin\n  variants:\n    - source: fakti\n      text: \"He turned out to be a very brave man.\"\n",
    );
    std::fs::write(&quotes, text).unwrap();
    let out = site.build();
    assert_success(&out);
    let err = stderr(&out);
    assert!(
        !err.contains("only-fakti"),
        "a single-outlet quote is reported:\n{err}"
    );
    let doc = site.story_page();
    let quote = doc
        .select(&sel("#quote-only-fakti"))
        .next()
        .expect("the single-outlet quote is shown");
    assert_eq!(quote.select(&sel(".variant")).count(), 1);
    let meta = normalize(&text_of(quote.select(&sel(".meta")).next().unwrap()));
    assert!(
        meta.contains("only one outlet carries these words"),
        "{meta}"
    );
    assert!(!meta.contains("1 version"), "{meta}");
}

#[test]
fn an_online_only_outlet_has_a_kind() {
    let site = Site::example();
    let sources = site.path("content/sources.yaml");
    site.edit(&sources, "  kind: blog\n", "  kind: online\n");
    let out = site.build();
    assert_success(&out);
    assert!(!stderr(&out).contains("kind"), "{}", stderr(&out));
    let page = site.html("sources/defencetalks/index.html");
    let facts = normalize(&text_of(page.select(&sel("dl")).next().unwrap()));
    assert!(facts.contains("online news outlet"), "{facts}");
}

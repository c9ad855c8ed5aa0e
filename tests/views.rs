//! The story's two views of the same reporting, on the example site: the timeline drawn as
//! lanes (one `<ol>` in date order, each event placed in its group's column), uncertain dates
//! as ranges, every event linked to the disputes and quotes that involve it (and back); and the
//! outlet-by-outlet page, one card per article with its headline, lede and the side it takes
//! in each dispute, then each quote's versions in the same columns.

mod common;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use common::*;
use scraper::{ElementRef, Html};
use serde_json::Value;

static SITE: LazyLock<Site> = LazyLock::new(|| {
    let site = Site::example();
    assert_success(&site.build());
    site
});

fn roundup_page() -> Html {
    SITE.html(&format!("stories/{STORY}/outlets/index.html"))
}

fn sidecar(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(SITE.story_file(name)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn events(doc: &Html) -> Vec<ElementRef<'_>> {
    doc.select(&sel("#timeline ol.timeline > li")).collect()
}

fn title_of(event: ElementRef) -> String {
    text_of(event.select(&sel("h3")).next().expect("an event heading"))
}

fn trimmed(el: ElementRef) -> String {
    text_of(el).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The example's groups in the order they first appear in date order.
fn expected_lanes() -> Vec<String> {
    let mut dated: Vec<(String, String)> = sidecar("timeline.yaml")
        .iter()
        .map(|e| {
            let when = match &e["when"] {
                Value::Array(list) => list[0].as_str().unwrap().to_string(),
                v => v.as_str().map_or_else(|| v.to_string(), str::to_string),
            };
            (when, e["group"].as_str().unwrap_or("Other").to_string())
        })
        .collect();
    dated.sort_by(|a, b| a.0.cmp(&b.0));
    let mut lanes: Vec<String> = Vec::new();
    for (_, g) in dated {
        if !lanes.contains(&g) {
            lanes.push(g);
        }
    }
    lanes
}

#[test]
fn each_event_sits_in_the_lane_of_its_group_and_the_list_stays_in_date_order() {
    let doc = SITE.story_page();
    let lanes: Vec<String> = doc
        .select(&sel("#timeline .lane-heads .lane-head"))
        .map(trimmed)
        .collect();
    assert_eq!(lanes, expected_lanes());
    assert_eq!(lanes, ["Campaign", "Reactions", "Valdai forum", "War"]);
    let heads = doc.select(&sel(".lane-heads")).next().unwrap();
    assert_eq!(heads.value().attr("aria-hidden"), Some("true"));
    let ol = doc.select(&sel("#timeline ol.timeline")).next().unwrap();
    assert!(
        ol.value().classes().any(|c| c == "timeline-lanes")
            && ol.value().classes().any(|c| c == "lanes-4"),
        "the list says it is drawn as 4 lanes: {:?}",
        ol.value().attr("class")
    );
    let items = events(&doc);
    assert_eq!(items.len(), sidecar("timeline.yaml").len());
    let mut last = String::new();
    let mut per_lane = vec![0; lanes.len()];
    for item in &items {
        let lane: usize = item
            .value()
            .attr("data-lane")
            .expect("each event has a lane")
            .parse()
            .unwrap();
        assert!(
            item.value().classes().any(|c| c == format!("lane-{lane}")),
            "the class that places it matches data-lane"
        );
        let group = trimmed(item.select(&sel(".when-lane .lane")).next().unwrap());
        assert_eq!(
            group,
            format!("Lane: {}", lanes[lane - 1]),
            "{}: its lane column is its group",
            title_of(*item)
        );
        per_lane[lane - 1] += 1;
        let dt = item
            .select(&sel("time[datetime]"))
            .next()
            .unwrap()
            .value()
            .attr("datetime")
            .unwrap()
            .to_string();
        assert!(dt >= last, "the <ol> is in date order: {dt} after {last}");
        last = dt;
    }
    assert_eq!(per_lane, [2, 5, 1, 2]);
    // The stylesheet places every lane the page can have.
    let css = SITE.read("public/style.css");
    for n in 1..=6 {
        assert!(
            css.contains(&format!("> .lane-{n} {{ grid-column: {n}; }}")),
            "style.css places lane {n}"
        );
    }
}

#[test]
fn an_uncertain_date_is_a_range_of_its_candidates_linked_to_its_dispute() {
    let doc = SITE.story_page();
    let items = events(&doc);
    let butler = items
        .iter()
        .find(|e| title_of(**e).contains("Butler"))
        .unwrap();
    let range = butler
        .select(&sel(".when-range"))
        .next()
        .expect("a range mark");
    let times: Vec<(String, String)> = range
        .select(&sel("time[datetime]"))
        .map(|t| (t.value().attr("datetime").unwrap().to_string(), trimmed(t)))
        .collect();
    assert_eq!(
        times,
        [
            ("2024-07-13".to_string(), "13 July".to_string()),
            ("2024-07-14".to_string(), "14 July 2024".to_string())
        ]
    );
    assert_eq!(trimmed(range), "13 July or 14 July 2024");
    assert!(trimmed(*butler).contains("outlets disagree"));
    let dispute = butler.select(&sel("a.when-dispute")).next().unwrap();
    assert_eq!(dispute.value().attr("href"), Some("#dispute-butler-date"));
    assert!(
        doc.select(&sel("#dispute-butler-date")).next().is_some(),
        "the dispute is on the page"
    );

    let approximate = items
        .iter()
        .find(|e| title_of(**e).contains("Zaporizhzhia"))
        .unwrap();
    assert!(approximate.select(&sel(".when-range")).next().is_none());
    let time = approximate
        .select(&sel("time.when-approximate[datetime]"))
        .next()
        .expect("an approximate date is drawn as one");
    assert_eq!(time.value().attr("datetime"), Some("2024-11-07"));
    assert_eq!(trimmed(time), "c. 7 November 2024");
    assert!(trimmed(*approximate).contains("approximate"));
}

/// For each event (by title): the `#…` targets of its dispute and quote links.
fn event_links(doc: &Html) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let hrefs = |e: ElementRef, list: &str| -> Vec<String> {
        e.select(&sel(&format!(
            "ul.event-links[aria-labelledby$='-{list}'] a"
        )))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
    };
    events(doc)
        .into_iter()
        .map(|e| (title_of(e), (hrefs(e, "disputes"), hrefs(e, "quotes"))))
        .collect()
}

#[test]
fn events_link_to_the_disputes_and_quotes_that_involve_them_and_back() {
    let doc = SITE.story_page();
    let links = event_links(&doc);
    let all_quotes: Vec<String> = sidecar("quotes.yaml")
        .iter()
        .map(|q| format!("#quote-{}", q["id"].as_str().unwrap()))
        .collect();
    let none: (Vec<String>, Vec<String>) = (vec![], vec![]);
    for (title, got) in &links {
        let expected: (Vec<&str>, Vec<String>) = match title.as_str() {
            // Its dispute's claims cite the words the event cites.
            "Assassination attempt on Trump at a rally in Butler, Pennsylvania" => {
                (vec!["#dispute-butler-date"], vec![])
            }
            // forum-location names it (events: [valdai]); day-of-remarks cites its words; every
            // quote was spoken that day and every outlet that carries one reports the event.
            "Putin congratulates Trump at the Valdai forum in Sochi" => (
                vec!["#dispute-forum-location", "#dispute-day-of-remarks"],
                all_quotes.clone(),
            ),
            // Newszop's Friday item, the claim the verdict rejects.
            "Kremlin says Putin is open to discussing Ukraine with Trump" => {
                (vec!["#dispute-day-of-remarks"], vec![])
            }
            _ => {
                assert_eq!(got, &none, "{title} involves no dispute or quote");
                continue;
            }
        };
        let expected = (
            expected.0.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            expected.1,
        );
        assert_eq!(got, &expected, "{title}");
    }
    // Every link lands on the page, and the quotes' and disputes' own links lead back.
    let ids: Vec<&str> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().id().unwrap())
        .collect();
    for (disputes, quotes) in links.values() {
        for href in disputes.iter().chain(quotes) {
            assert!(ids.contains(&&href[1..]), "{href} is on the page");
        }
    }
    let event_id = |title: &str| -> String {
        let e = events(&doc)
            .into_iter()
            .find(|e| title_of(*e) == title)
            .unwrap();
        format!("#{}", e.value().id().unwrap())
    };
    let back = |of: &str, class: &str| -> Vec<String> {
        doc.select(&sel(&format!("{of} .{class} a")))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert_eq!(
        back("#dispute-butler-date", "dispute-events"),
        [event_id(
            "Assassination attempt on Trump at a rally in Butler, Pennsylvania"
        )]
    );
    let valdai = event_id("Putin congratulates Trump at the Valdai forum in Sochi");
    assert_eq!(
        back("#dispute-day-of-remarks", "dispute-events"),
        [
            valdai.clone(),
            event_id("Kremlin says Putin is open to discussing Ukraine with Trump")
        ]
    );
    assert_eq!(
        back("#dispute-peace-timeframe", "dispute-events"),
        Vec::<String>::new()
    );
    for q in &all_quotes {
        assert_eq!(
            back(q, "quote-events"),
            std::slice::from_ref(&valdai),
            "{q}"
        );
    }
}

#[test]
fn an_unknown_event_id_is_an_error_that_names_the_nearest() {
    let site = Site::example();
    site.edit(
        &site.story_file("disputes.yaml"),
        "events: [valdai]",
        "events: [valdia]",
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "content/stories/{STORY}/disputes.yaml:27:12: no timeline event with the id `valdia`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `valdai`?"), "{err}");
}

/// The article files' front matter, by article id.
fn articles() -> BTreeMap<String, Value> {
    let dir = SITE.story_file("articles");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let front = text.split("---\n").nth(1).unwrap();
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        out.insert(id, serde_saphyr::from_str(front).unwrap());
    }
    out
}

#[test]
fn the_outlet_page_has_a_card_per_article_with_its_headline_and_the_sides_it_takes() {
    let doc = roundup_page();
    let cards: Vec<ElementRef> = doc.select(&sel("ul.roundup-cards > li")).collect();
    let articles = articles();
    assert_eq!(cards.len(), articles.len(), "one card per article");
    let sources: Value =
        serde_saphyr::from_str(&SITE.read("content/sources.yaml")).expect("sources.yaml");
    let disputes = sidecar("disputes.yaml");
    for (id, front) in &articles {
        let card = cards
            .iter()
            .find(|c| c.value().id() == Some(format!("outlet-{id}").as_str()))
            .unwrap_or_else(|| panic!("no card for {id}"));
        let headline = card.select(&sel(".roundup-headline a")).next().unwrap();
        assert_eq!(
            text_of(headline),
            front
                .get("headline")
                .or(front.get("title"))
                .and_then(Value::as_str)
                .unwrap(),
            "{id}: the headline exactly as the article has it"
        );
        assert_eq!(headline.value().attr("lang"), front["language"].as_str());
        assert_eq!(
            headline.value().attr("href"),
            Some(format!("/stories/{STORY}/{id}/").as_str()),
            "{id}: the headline links to the article"
        );
        let outlet = trimmed(card.select(&sel(".roundup-outlet")).next().unwrap());
        let expected_outlet = front["source"]
            .as_str()
            .map_or("Unnamed outlet", |s| sources[s]["name"].as_str().unwrap());
        assert_eq!(outlet, expected_outlet);
        assert!(
            card.select(&sel("blockquote.roundup-lede p"))
                .next()
                .is_some(),
            "{id}: a lede"
        );
        // Every claim the article backs is on its card, under its question.
        let sides: Vec<(String, String)> = card
            .select(&sel(".roundup-side"))
            .flat_map(|side| {
                let q = trimmed(side.select(&sel(".roundup-question")).next().unwrap());
                side.select(&sel(".roundup-claim strong"))
                    .map(move |s| (q.clone(), trimmed(s)))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut expected = Vec::new();
        for d in &disputes {
            for c in d["claims"].as_array().unwrap() {
                let backs = c["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s.as_str().or_else(|| s["source"].as_str()) == Some(id.as_str()));
                if backs {
                    expected.push((
                        d["question"].as_str().unwrap().to_string(),
                        c["says"].as_str().unwrap().to_string(),
                    ));
                }
            }
        }
        assert_eq!(sides, expected, "{id}: the sides it takes");
        assert!(!expected.is_empty(), "{id} takes some side");
    }
    // Newszop backs both days of the remarks: both are on its card, each with its standing.
    let newszop = cards
        .iter()
        .find(|c| c.value().id() == Some("outlet-newszop"))
        .unwrap();
    let day = newszop
        .select(&sel(".roundup-side"))
        .find(|s| trimmed(*s).contains("On which day"))
        .unwrap();
    let claims: Vec<String> = day.select(&sel(".roundup-claim")).map(trimmed).collect();
    assert_eq!(
        claims,
        [
            "Says: Thursday, 7 November Upheld ✓",
            "Says: Friday, 8 November Rejected ✗"
        ]
    );
}

#[test]
fn the_outlet_page_aligns_each_quotes_versions_under_the_outlets() {
    let doc = roundup_page();
    let card_outlets: Vec<String> = doc
        .select(&sel("ul.roundup-cards > li .roundup-outlet"))
        .map(trimmed)
        .collect();
    let quotes = sidecar("quotes.yaml");
    let ids = articles().keys().cloned().collect::<Vec<_>>();
    for q in &quotes {
        let id = q["id"].as_str().unwrap();
        let row = doc
            .select(&sel(&format!("#quote-{id}")))
            .next()
            .unwrap_or_else(|| panic!("no row for {id}"));
        assert!(trimmed(row).contains("spoken in Russian"), "{id}");
        let cells: Vec<ElementRef> = row.select(&sel(".roundup-variants > *")).collect();
        assert_eq!(cells.len(), card_outlets.len(), "{id}: a cell per outlet");
        for (i, cell) in cells.iter().enumerate() {
            let variant = q["variants"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["source"].as_str() == Some(ids[i].as_str()));
            let outlet = trimmed(cell.select(&sel(".variant-outlet")).next().unwrap());
            assert_eq!(
                outlet, card_outlets[i],
                "{id}: cell {i} is under its outlet"
            );
            match variant {
                Some(v) => {
                    let text = cell.select(&sel("blockquote p")).next().unwrap();
                    assert_eq!(
                        normalize(&text_of(text)),
                        normalize(v["text"].as_str().unwrap())
                    );
                }
                None => assert!(trimmed(*cell).ends_with("does not carry this quote.")),
            }
        }
    }
    // The word-level marks are the story page's.
    let story = SITE.story_page();
    let marks = |doc: &Html, q: &str| -> Vec<String> {
        doc.select(&sel(&format!("#quote-{q} mark.diff")))
            .map(trimmed)
            .collect()
    };
    assert!(!marks(&doc, "like-a-man").is_empty());
    let mut on_story = marks(&story, "like-a-man");
    let mut here = marks(&doc, "like-a-man");
    on_story.sort();
    here.sort();
    assert_eq!(here, on_story);
}

#[test]
fn the_outlet_page_is_linked_from_the_story_and_every_article_and_in_the_sitemap() {
    let url = format!("/stories/{STORY}/outlets/");
    let story = SITE.story_page();
    let link = story.select(&sel(".story-roundup a")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some(url.as_str()));
    for id in articles().keys() {
        let page = SITE.html(&format!("stories/{STORY}/{id}/index.html"));
        let link = page.select(&sel(".article-roundup a")).next().unwrap();
        let href = format!("{url}#outlet-{id}");
        assert_eq!(link.value().attr("href"), Some(href.as_str()));
        SITE.assert_resolves(&format!("{}{}", BASE.trim_end_matches('/'), href));
    }
    let sitemap = SITE.read("public/sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{}stories/{STORY}/outlets/</loc>", BASE)));
    // Every link of the page lands somewhere that exists.
    let doc = roundup_page();
    for a in doc.select(&sel("main a[href]")) {
        let href = a.value().attr("href").unwrap();
        if href.starts_with("http") && !href.starts_with(BASE) {
            continue;
        }
        let absolute = if let Some(fragment) = href.strip_prefix('#') {
            format!("{BASE}stories/{STORY}/outlets/#{fragment}")
        } else {
            format!("{}{}", BASE.trim_end_matches('/'), href)
        };
        SITE.assert_resolves(&absolute);
    }
}

#[test]
fn a_theme_without_the_outlet_page_still_builds_without_it() {
    let site = Site::example();
    std::fs::remove_file(site.path("themes/default/templates/roundup.html")).unwrap();
    assert_success(&site.build());
    assert!(
        !site
            .path(&format!("public/stories/{STORY}/outlets/index.html"))
            .exists()
    );
    let story = site.story_page();
    assert!(story.select(&sel(".story-roundup")).next().is_none());
    let article = site.html(&format!("stories/{STORY}/fakti/index.html"));
    assert!(article.select(&sel(".article-roundup")).next().is_none());
}

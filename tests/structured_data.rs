//! What search engines and social sites read: the JSON-LD of story and article pages
//! (`NewsArticle`, `Quotation`, `ClaimReview`), the OpenGraph and Twitter card tags and the
//! canonical link of every page. Each property is checked against what the page itself shows.

mod common;

use common::page::json_ld;
use common::*;
use serde_json::Value;

fn date(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{v} is not an RFC 3339 date-time: {e}"))
}

fn of_type<'a>(graph: &'a [Value], t: &str) -> Vec<&'a Value> {
    graph.iter().filter(|v| v["@type"] == t).collect()
}

#[test]
fn story_page_json_ld_describes_the_digest_its_quotes_and_its_verdicts() {
    let site = Site::example();
    assert_success(&site.build());
    let doc = site.story_page();
    let value = json_ld(&doc);
    assert_eq!(value["@context"], "https://schema.org");
    let graph = value["@graph"].as_array().unwrap();

    let digest = of_type(graph, "NewsArticle");
    assert_eq!(digest.len(), 1, "one NewsArticle: the digest");
    let digest = digest[0];
    let url = format!("{BASE}stories/{STORY}/");
    assert_eq!(digest["url"], url);
    assert_eq!(digest["@id"], url);
    assert_eq!(
        digest["headline"],
        text_of(doc.select(&sel("h1")).next().unwrap()).trim()
    );
    assert!(digest["headline"].as_str().unwrap().chars().count() <= 110);
    assert!(date(&digest["dateModified"]) >= date(&digest["datePublished"]));
    for who in ["author", "publisher"] {
        assert!(
            digest[who]["name"].as_str().is_some_and(|n| !n.is_empty()),
            "{who}"
        );
    }
    let articles = doc.select(&sel("#articles li")).count();
    let citations = digest["citation"].as_array().unwrap();
    assert!(articles >= 5);
    assert_eq!(citations.len(), articles, "every article is cited");
    for c in citations {
        assert_eq!(c["@type"], "NewsArticle");
        assert!(c["headline"].is_string());
        site.assert_resolves(c["url"].as_str().unwrap());
    }
    let based_on: Vec<&Value> = digest["isBasedOn"]
        .as_array()
        .expect("isBasedOn")
        .iter()
        .collect();
    let cited: Vec<&Value> = citations.iter().map(|c| &c["url"]).collect();
    assert_eq!(based_on, cited, "based on the articles it cites");

    let quotations = of_type(graph, "Quotation");
    let variants: Vec<String> = doc
        .select(&sel("figure.variant blockquote"))
        .map(|b| normalize(&text_of(b)))
        .collect();
    assert_eq!(
        quotations.len(),
        variants.len(),
        "a Quotation per variant shown"
    );
    for q in &quotations {
        let text = normalize(q["text"].as_str().unwrap());
        assert!(
            variants.iter().any(|v| v.contains(&text)),
            "{text} is shown"
        );
        assert_eq!(q["spokenByCharacter"]["@type"], "Person");
        assert!(q["spokenByCharacter"]["name"].is_string());
        site.assert_resolves(q["url"].as_str().unwrap());
        site.assert_resolves(q["isBasedOn"].as_str().unwrap());
        assert!(
            q["isBasedOn"].as_str().unwrap().contains("/#p"),
            "the paragraph: {q}"
        );
        assert_eq!(q["isPartOf"]["@id"], url);
    }

    let reviews = of_type(graph, "ClaimReview");
    let resolved: Vec<scraper::ElementRef> = doc.select(&sel("article.dispute-resolved")).collect();
    assert_eq!(
        reviews.len(),
        resolved.len(),
        "a ClaimReview per resolved dispute"
    );
    for (review, shown) in reviews.iter().zip(&resolved) {
        let question = text_of(shown.select(&sel(".dispute-question")).next().unwrap());
        assert_eq!(review["claimReviewed"], question.trim());
        let verdict = text_of(shown.select(&sel(".verdict-line")).next().unwrap());
        let verdict = verdict.trim().strip_prefix("Verdict:").unwrap().trim();
        assert_eq!(review["reviewRating"]["@type"], "Rating");
        assert_eq!(review["reviewRating"]["alternateName"], verdict);
        assert_eq!(
            review["url"],
            format!("{url}#{}", shown.value().attr("id").unwrap())
        );
        assert!(review["author"]["name"].is_string());
        date(&review["datePublished"]);
        let appearances = review["itemReviewed"]["appearance"].as_array().unwrap();
        assert!(!appearances.is_empty());
        for a in appearances {
            site.assert_resolves(a["url"].as_str().unwrap());
        }
    }
}

#[test]
fn article_pages_json_ld_is_based_on_the_original() {
    let site = Site::example();
    site.edit(
        &site.story_file("articles/kyivpost.md"),
        "language: en\n",
        "language: en\nurl: https://www.kyivpost.com/post/41466\n",
    );
    assert_success(&site.build());
    let doc = site.html(&format!("stories/{STORY}/kyivpost/index.html"));
    let v = json_ld(&doc);
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(v["url"], format!("{BASE}stories/{STORY}/kyivpost/"));
    assert_eq!(v["isPartOf"]["url"], format!("{BASE}stories/{STORY}/"));
    assert_eq!(v["publisher"]["name"], "Kyiv Post");
    assert_eq!(v["isBasedOn"], "https://www.kyivpost.com/post/41466", "{v}");
    let story = json_ld(&site.story_page());
    let cited = story["@graph"][0]["citation"].as_array().unwrap();
    let kyivpost = cited.iter().find(|c| c["url"] == v["url"]).unwrap();
    assert_eq!(
        kyivpost["isBasedOn"], v["isBasedOn"],
        "the citation names the original too"
    );
}

#[test]
fn every_page_has_a_canonical_link_and_social_preview_tags() {
    let site = Site::example();
    assert_success(&site.run(&["build", "--base-url", "https://user.github.io/repo/"]));
    let mut pages = 0;
    for rel in site.pages() {
        pages += 1;
        let doc = site.html(&rel);
        let meta = |selector: &str| {
            doc.select(&sel(selector))
                .next()
                .and_then(|m| m.value().attr("content").or(m.value().attr("href")))
                .map(str::to_string)
                .unwrap_or_else(|| panic!("{rel}: no {selector}"))
        };
        let canonical = meta("link[rel=canonical]");
        let expected = format!(
            "https://user.github.io/repo/{}",
            rel.strip_suffix("index.html").unwrap_or(&rel)
        );
        assert_eq!(canonical, expected, "{rel}");
        assert_eq!(meta("meta[property='og:url']"), canonical, "{rel}");
        let title = text_of(doc.select(&sel("title")).next().unwrap());
        let og_title = meta("meta[property='og:title']");
        assert!(
            !og_title.is_empty() && title.contains(&og_title),
            "{rel}: {og_title} / {title}"
        );
        assert_eq!(meta("meta[name='twitter:title']"), og_title, "{rel}");
        assert_eq!(meta("meta[name='twitter:card']"), "summary", "{rel}");
        assert_eq!(
            meta("meta[property='og:description']"),
            meta("meta[name=description]"),
            "{rel}"
        );
        assert!(!meta("meta[property='og:site_name']").is_empty());
        let kind = meta("meta[property='og:type']");
        let is_article = rel.starts_with("stories/");
        assert_eq!(
            kind,
            if is_article { "article" } else { "website" },
            "{rel}"
        );
    }
    assert!(pages >= 10, "{pages} pages");
}

#[test]
fn data_files_have_the_properties_their_formats_require() {
    let site = Site::example();
    assert_success(&site.build());
    let dir = format!("public/stories/{STORY}");
    let read =
        |f: &str| -> Value { serde_json::from_str(&site.read(&format!("{dir}/{f}"))).unwrap() };

    // TimelineJS: a title slide, and events with start_date.year, text.headline and a
    // unique_id that is the event's anchor on the story page.
    let timeline = read("timeline.json");
    assert!(
        timeline["title"]["text"]["headline"].is_string(),
        "{}",
        timeline["title"]
    );
    let page = site.story_page();
    for event in timeline["events"].as_array().unwrap() {
        let year = event["start_date"]["year"]
            .as_i64()
            .expect("start_date.year");
        assert!((1900..2100).contains(&year), "{event}");
        if let Some(month) = event["start_date"]["month"].as_i64() {
            assert!((1..=12).contains(&month), "{event}");
        }
        assert!(
            event["text"]["headline"]
                .as_str()
                .is_some_and(|h| !h.is_empty())
        );
        let id = event["unique_id"].as_str().unwrap();
        assert!(
            page.select(&sel(&format!("li#{id}"))).next().is_some(),
            "{id}"
        );
    }

    // W3C Web Annotation: a collection with its context, total, and annotations whose ids,
    // motivation, body and TextQuoteSelector targets are all there.
    let annotations = read("annotations.jsonld");
    assert_eq!(annotations["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(annotations["type"], "AnnotationCollection");
    assert_eq!(
        annotations["id"],
        format!("{BASE}stories/{STORY}/annotations.jsonld")
    );
    assert!(annotations["label"].is_string());
    let items = annotations["first"]["items"].as_array().unwrap();
    assert_eq!(annotations["total"].as_u64(), Some(items.len() as u64));
    let mut ids = std::collections::BTreeSet::new();
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["motivation"], "linking");
        assert!(
            ids.insert(item["id"].as_str().unwrap().to_string()),
            "unique ids"
        );
        site.assert_resolves(item["body"]["source"].as_str().unwrap());
        for target in item["target"].as_array().unwrap() {
            assert_eq!(target["selector"]["type"], "TextQuoteSelector");
            assert!(
                target["selector"]["exact"]
                    .as_str()
                    .is_some_and(|e| !e.is_empty())
            );
            site.assert_resolves(target["source"].as_str().unwrap());
        }
    }
}

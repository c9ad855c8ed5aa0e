//! A story whose outlets write in English, Arabic, Hebrew, Chinese and French
//! (`tests/fixtures/multilingual/`), built as an English site and as an Arabic one, in both
//! built-in themes: every page is in the site's language and direction, every text in another
//! language carries its own, words of the other direction inside a sentence are isolated, and a
//! headline can be cited.

mod common;

use common::{Site, assert_success, sel, text_of};
use scraper::{ElementRef, Html};

const STORY: &str = "cyprus-earthquake";
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The multilingual site built with `language:` and `theme:` set.
fn built(language: &str, theme: &str) -> Site {
    let site = Site::multilingual();
    site.edit(
        &site.path("site.yaml"),
        "language: en",
        &format!("language: {language}\ntheme: {theme}"),
    );
    assert_success(&site.build());
    site
}

fn story_page(site: &Site) -> Html {
    site.html(&format!("stories/{STORY}/index.html"))
}

/// The `dir` an element gets from itself or its nearest ancestor that says.
fn dir_of(el: ElementRef) -> Option<String> {
    std::iter::successors(Some(el), |e| e.parent().and_then(ElementRef::wrap))
        .find_map(|e| e.value().attr("dir"))
        .map(str::to_string)
}

fn lang_of(el: ElementRef) -> Option<String> {
    std::iter::successors(Some(el), |e| e.parent().and_then(ElementRef::wrap))
        .find_map(|e| e.value().attr("lang"))
        .map(str::to_string)
}

fn is_rtl_language(lang: &str) -> bool {
    matches!(lang.split('-').next(), Some("ar" | "he"))
}

#[test]
fn every_element_runs_in_the_direction_of_its_language() {
    for (language, site_dir) in [("en", "ltr"), ("ar", "rtl")] {
        for theme in ["default", "broadsheet"] {
            let site = built(language, theme);
            let mut rtl = 0;
            let mut ltr = 0;
            for page in site.pages() {
                let html = site.html(&page);
                let root = html.root_element();
                assert_eq!(root.value().attr("lang"), Some(language), "{page}");
                assert_eq!(root.value().attr("dir"), Some(site_dir), "{page}");
                for el in html.select(&sel("body [lang]")) {
                    let lang = el.value().attr("lang").unwrap();
                    let want = if is_rtl_language(lang) { "rtl" } else { "ltr" };
                    assert_eq!(
                        dir_of(el).as_deref(),
                        Some(want),
                        "{language}/{theme} {page}: <{} lang={lang}> {:?}",
                        el.value().name(),
                        text_of(el).chars().take(60).collect::<String>()
                    );
                    if want == "rtl" { rtl += 1 } else { ltr += 1 }
                }
            }
            // Arabic and Hebrew text on every page that shows articles, and the others too.
            assert!(
                rtl > 50 && ltr > 50,
                "{language}/{theme}: {rtl} rtl, {ltr} ltr"
            );
        }
    }
}

#[test]
fn the_theme_speaks_the_sites_language_around_the_outlets_words() {
    let site = built("ar", "default");
    let story = story_page(&site);
    let h2: Vec<String> = story.select(&sel("main h2")).map(text_of).collect();
    assert!(h2.iter().any(|h| h == "التسلسل الزمني"), "{h2:?}");
    // The editor wrote this story in English: on the Arabic site its paragraphs and headings
    // are laid out left to right, Arabic words inside them isolated.
    let annotation = story.select(&sel(".annotation p")).next();
    let first = annotation.expect("the annotation's first paragraph");
    assert_eq!(first.value().attr("dir"), Some("ltr"), "{}", first.html());
    // Lists are separated the Arabic way.
    let html = site.read(&format!("public/stories/{STORY}/index.html"));
    assert!(
        html.contains("</a>، <a class=\"outlet-name\""),
        "Arabic comma"
    );
    assert!(
        !html.contains("</a>, <a class=\"outlet-name\""),
        "Latin comma"
    );
    // An English outlet's paragraphs on the Arabic site: English, left to right.
    let article = site.html(&format!("stories/{STORY}/meridian/index.html"));
    let p = article.select(&sel(".article-text p[id]")).next().unwrap();
    assert_eq!(p.value().attr("lang"), Some("en"));
    assert_eq!(p.value().attr("dir"), Some("ltr"));
    // An Arabic outlet's: Arabic, and the page's direction already.
    let article = site.html(&format!("stories/{STORY}/sawt/index.html"));
    let p = article.select(&sel(".article-text p[id]")).next().unwrap();
    assert_eq!(p.value().attr("lang"), Some("ar"));
    assert_eq!(p.value().attr("dir"), None);
}

#[test]
fn quoted_words_are_isolated_with_the_marks_and_numbers_outside() {
    let site = built("en", "default");
    let story = story_page(&site);
    // A claim's source: `Outlet: “words” [n]`, the words isolated inside the quotation marks,
    // the footnote number after them.
    let mut checked = 0;
    for li in story.select(&sel(".claim-sources li")) {
        let Some(q) = li.select(&sel("q")).next() else {
            continue;
        };
        let bdi = q.select(&sel("bdi")).next().expect("words in a <bdi>");
        let lang = bdi.value().attr("lang").unwrap();
        if is_rtl_language(lang) {
            assert_eq!(bdi.value().attr("dir"), Some("rtl"));
            checked += 1;
        }
        assert_eq!(q.value().attr("lang"), None, "the marks are the page's");
        let html = li.html();
        assert!(
            html.find("</q>").unwrap() < html.find("noteref").unwrap(),
            "{html}"
        );
    }
    assert!(checked >= 8, "{checked}");
    // The source list: the headline isolated between the page's quotation marks, the cited
    // words in a <bdi> inside the <q>.
    for entry in story.select(&sel("li.footnote")) {
        let title = entry.select(&sel(".footnote-title span")).next().unwrap();
        assert!(title.value().attr("dir").is_some(), "{}", entry.html());
        if let Some(q) = entry.select(&sel("q.footnote-excerpt")).next() {
            assert!(q.select(&sel("bdi[lang]")).next().is_some(), "{}", q.html());
        }
    }
    // Quote cards: each variant's headline isolated.
    for title in story.select(&sel(".variant-article span")) {
        assert!(title.value().attr("dir").is_some(), "{}", title.html());
    }
    // An Arabic or Hebrew outlet's name inside an English list is isolated on its own.
    let text = story.root_element().html();
    for name in ["صوت المتوسط", "המפרץ"] {
        assert!(text.contains(&format!("{FSI}{name}{PDI}")), "{name}");
    }
    // The editor's Arabic words in an English annotation are isolated, figures and all.
    assert!(
        text.contains(&format!("“{FSI}٦٫٢ درجة على مقياس ريختر{PDI}”")),
        "annotation"
    );
}

#[test]
fn a_citation_on_its_own_line_follows_the_word_before_it() {
    let site = built("en", "default");
    let html = site.read(&format!("public/stories/{STORY}/index.html"));
    // story.md puts `[@meridian, …]` on the line after "agencies".
    assert!(
        html.contains("two other agencies<sup"),
        "a space before the number"
    );
}

#[test]
fn a_figure_only_in_a_headline_is_cited_and_leads_to_the_headline() {
    let site = built("en", "default");
    let story = story_page(&site);
    let claim = story
        .select(&sel(".claim"))
        .find(|c| text_of(*c).contains("Magnitude 6.5"))
        .expect("the 6.5 claim");
    let link = claim.select(&sel(".claim-sources a")).next().unwrap();
    let href = link.value().attr("href").unwrap();
    assert!(
        href.ends_with(&format!("/stories/{STORY}/dongfang/#article-title")),
        "{href}"
    );
    let note = claim.select(&sel("a[role=doc-noteref]")).next().unwrap();
    let note_id = note.value().attr("href").unwrap().trim_start_matches('#');
    let entry = story
        .select(&sel(&format!("[id=\"{note_id}\"]")))
        .next()
        .unwrap();
    let local = entry.select(&sel(".footnote-links a")).next().unwrap();
    assert!(
        local
            .value()
            .attr("href")
            .unwrap()
            .ends_with("#article-title"),
        "{}",
        entry.html()
    );
    assert_eq!(
        text_of(entry.select(&sel(".footnote-excerpt")).next().unwrap()),
        "发生6.5级地震"
    );
    // On the article page the headline carries the mark and says where it is cited.
    let article = site.html(&format!("stories/{STORY}/dongfang/index.html"));
    let h1 = article.select(&sel("h1#article-title")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), Some("zh"));
    let mark = h1.select(&sel("mark.cited")).next().expect("marked");
    assert_eq!(text_of(mark), "发生6.5级地震");
    assert!(article.select(&sel("header .cited-by a")).next().is_some());
}

#[test]
fn a_headline_and_the_editors_title_each_carry_their_language() {
    let site = Site::multilingual();
    // An Arabic copy that had no headline, titled by the editor in English with `title:`.
    site.edit(
        &site.story_file_of(STORY, "articles/sawt.md"),
        "title: \"زلزال بقوة ٦٫٢ درجة قبالة قبرص يهز لبنان ومصر ويوقع قتلى في طرابلس\"",
        "title: \"Quake kills four in Tripoli\"",
    );
    assert_success(&site.build());
    let sawt = site.html(&format!("stories/{STORY}/sawt/index.html"));
    let h1 = sawt.select(&sel("h1#article-title")).next().unwrap();
    assert_eq!(text_of(h1), "Quake kills four in Tripoli");
    assert_eq!(lang_of(h1).as_deref(), Some("en"));
    // Its paragraphs are still Arabic.
    let p = sawt.select(&sel(".article-text p[id]")).next().unwrap();
    assert_eq!(p.value().attr("lang"), Some("ar"));

    // `headline:` (the outlet's, Chinese) and `title:` (the editor's, English).
    let dongfang = site.html(&format!("stories/{STORY}/dongfang/index.html"));
    let h1 = dongfang.select(&sel("h1#article-title")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), Some("zh"));
    let gloss = dongfang.select(&sel(".article-gloss")).next().unwrap();
    assert_eq!(
        text_of(gloss),
        "Magnitude 6.5 earthquake in the sea near Cyprus"
    );
    assert_eq!(lang_of(gloss).as_deref(), Some("en"));
    let data = common::page::json_ld(&dongfang);
    assert_eq!(data["headline"], "塞浦路斯附近海域发生6.5级地震");
    assert_eq!(
        data["alternativeHeadline"],
        "Magnitude 6.5 earthquake in the sea near Cyprus"
    );
    // The page's <title> cannot hold markup: a Hebrew headline is isolated by characters.
    let hamifrats = site.read(&format!("public/stories/{STORY}/hamifrats/index.html"));
    assert!(
        hamifrats.contains(&format!("<title>{FSI}רעידת אדמה")),
        "{}",
        &hamifrats[..hamifrats.find("</title>").unwrap()]
    );
    assert!(
        hamifrats.contains("<meta name=\"description\" content=\"The Haifa daily"),
        "the editor's description describes the page"
    );
    let sawt = site.read(&format!("public/stories/{STORY}/sawt/index.html"));
    assert!(
        sawt.contains(&format!(
            "<meta name=\"description\" content=\"{FSI}ضرب زلزال"
        )),
        "the outlet's first words, isolated"
    );
    // And `description:` is the editor's, under the headline.
    let hamifrats = site.html(&format!("stories/{STORY}/hamifrats/index.html"));
    let lede = hamifrats
        .select(&sel(".article-header .lede"))
        .next()
        .unwrap();
    assert!(text_of(lede).starts_with("The Haifa daily"));
    assert_eq!(lang_of(lede).as_deref(), Some("en"));
}

#[test]
fn the_story_counts_citations_and_articles_in_every_language() {
    let site = built("en", "default");
    let stats = text_of(
        story_page(&site)
            .select(&sel(".story-stats"))
            .next()
            .unwrap(),
    );
    let footnotes = story_page(&site).select(&sel("li.footnote")).count();
    assert!(stats.contains(&format!("{footnotes} citations")), "{stats}");
    assert!(!stats.contains("sources cited"), "{stats}");
    // One article nobody cites: the count says how many are.
    let site = Site::multilingual();
    std::fs::write(
        site.story_file_of(STORY, "articles/extra.md"),
        "---\nsource: meridian\nheadline: Aftershocks expected\nlanguage: en\n---\nAftershocks may follow for days.\n",
    )
    .unwrap();
    site.edit(&site.path("site.yaml"), "language: en", "language: ar");
    assert_success(&site.build());
    let stats = text_of(
        story_page(&site)
            .select(&sel(".story-stats"))
            .next()
            .unwrap(),
    );
    assert!(stats.contains("من 6 مقالات"), "{stats}");
}

#[test]
fn feed_titles_isolate_words_of_the_other_direction() {
    let site = built("en", "default");
    let feed = site.read("public/atom.xml");
    assert!(
        feed.contains(&format!("{FSI}صوت المتوسط{PDI}")),
        "site feed"
    );
    let story_feed = site.read(&format!("public/stories/{STORY}/atom.xml"));
    assert!(story_feed.contains(FSI), "story feed");
    // Nothing is isolated on a site whose direction is the text's.
    let site = built("ar", "default");
    let feed = site.read("public/atom.xml");
    assert!(!feed.contains(&format!("{FSI}صوت المتوسط{PDI}")), "{feed}");
}

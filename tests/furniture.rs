//! Page furniture that digest recognises by itself, in the languages outlets write, on copies
//! made the way editors make them (`tests/fixtures/furniture/`): five invented stories, each
//! article's furniture lines listed in `expected/<story>/<id>.txt`.
//!
//! `port-fire` (Ukrainian, Polish, Arabic, Hebrew, Spanish, German, English) is the material the
//! rules were written against. Each of the next three was written before the rules ran on it and
//! held out for that first run, then studied, so they now count as tuned: `izmir-fire`
//! (Turkish, French, Italian, Portuguese, Dutch, Russian, Bulgarian, English: 49 of 60 furniture
//! lines removed on its first run), `tram-crash` (Ukrainian, Russian, Arabic, Hebrew, Spanish,
//! German, Polish, English: 45 of 63) and `po-flood` (Italian, Portuguese, Dutch, Turkish,
//! Bulgarian, Arabic, Hebrew, French, an English live page: 63 of 77); none lost an article
//! line. On these four, every line of an article must stay and the furniture left is pinned.
//! `grid-outage` (Ukrainian, Russian, Polish, German, Spanish, Arabic, Hebrew, English) was
//! written last and is held out: no line of an article may be lost there, and how much
//! furniture goes is printed (`cargo test --test furniture -- --nocapture`).

mod common;

use std::path::Path;

use common::{Site, assert_success, copy_dir, sel, stderr, text_of};

const TUNED: &str = "port-fire";
const HELD_OUT: &str = "grid-outage";

/// The stories studied after their held-out run, and the furniture lines the rules still keep.
const STUDIED: &[(&str, &[&str])] = &[
    // A sentence pointing at a video reads as reporting, so it stays.
    (
        "izmir-fire",
        &["herald: Watch the video above to see the scale of the fire."],
    ),
    // A page's own button text, in the middle of the article, that no list has.
    ("tram-crash", &["guardian: View image in fullscreen"]),
    // A byline with a role and no "By", next to no time stamp.
    ("po-flood", &["live: Anna Conti, Rome correspondent"]),
];

/// A copy of `tests/fixtures/furniture/` with the repository's themes.
fn fixture() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("tests/fixtures/furniture"), &site.root);
    copy_dir(&repo.join("themes"), &site.root.join("themes"));
    site
}

/// What an article page shows: its kept paragraphs, its removed lines, and why each went.
struct ArticlePage {
    kept: Vec<String>,
    removed: Vec<String>,
    reasons: Vec<String>,
    whole: String,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn article_page(site: &Site, story: &str, id: &str) -> ArticlePage {
    let doc = site.html(&format!("stories/{story}/{id}/index.html"));
    let texts = |selector: &str| -> Vec<String> {
        doc.select(&sel(selector))
            .map(|e| squash(&text_of(e)))
            .collect()
    };
    ArticlePage {
        kept: doc
            .select(&sel(".article-text p[id]"))
            .map(paragraph_text)
            .collect(),
        removed: texts(".removed-text"),
        reasons: texts(".removed-pattern"),
        whole: squash(&text_of(doc.root_element())),
    }
}

/// A kept paragraph's text, without its number link.
fn paragraph_text(p: scraper::ElementRef) -> String {
    let text: String = p
        .children()
        .filter(|child| {
            scraper::ElementRef::wrap(*child)
                .is_none_or(|e| e.value().attr("class") != Some("pnum"))
        })
        .map(|child| match scraper::ElementRef::wrap(child) {
            Some(e) => text_of(e),
            None => child
                .value()
                .as_text()
                .map(|t| t.to_string())
                .unwrap_or_default(),
        })
        .collect();
    squash(&text)
}

/// The furniture lines of an article, as listed in `expected/`.
fn expected(story: &str, id: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/furniture/expected")
        .join(story)
        .join(format!("{id}.txt"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(squash)
        .collect()
}

fn article_ids(story: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/furniture/expected")
        .join(story);
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".txt").to_string()
        })
        .collect();
    ids.sort();
    ids
}

/// Furniture removed, furniture in all, article lines lost, article lines in all; and the
/// lines missed and lost, for the message.
struct Tally {
    removed: usize,
    furniture: usize,
    lost: usize,
    article: usize,
    missed_lines: Vec<String>,
    lost_lines: Vec<String>,
}

fn tally(site: &Site, story: &str) -> Tally {
    let mut t = Tally {
        removed: 0,
        furniture: 0,
        lost: 0,
        article: 0,
        missed_lines: Vec::new(),
        lost_lines: Vec::new(),
    };
    for id in article_ids(story) {
        let page = article_page(site, story, &id);
        let furniture = expected(story, &id);
        for line in &furniture {
            if page.removed.contains(line) {
                t.removed += 1;
            } else {
                t.missed_lines.push(format!("{id}: {line}"));
            }
        }
        t.furniture += furniture.len();
        let missed = furniture.iter().filter(|l| page.kept.contains(l)).count();
        let lost: Vec<&String> = page
            .removed
            .iter()
            .filter(|r| !furniture.contains(r))
            .collect();
        t.lost += lost.len();
        t.lost_lines
            .extend(lost.iter().map(|l| format!("{id}: {l}")));
        t.article += lost.len() + page.kept.len() - missed;
    }
    t
}

fn built() -> (Site, String) {
    let site = fixture();
    let out = site.build();
    assert_success(&out);
    let err = stderr(&out);
    (site, err)
}

#[test]
fn every_furniture_line_of_the_tuned_story_goes_and_every_sentence_stays() {
    let (site, _) = built();
    let t = tally(&site, TUNED);
    println!(
        "{TUNED}: furniture removed {}/{}, article lines lost {}/{}",
        t.removed, t.furniture, t.lost, t.article
    );
    assert!(
        t.lost_lines.is_empty(),
        "article lines lost: {:#?}",
        t.lost_lines
    );
    assert!(
        t.missed_lines.is_empty(),
        "furniture kept: {:#?}",
        t.missed_lines
    );
}
#[test]
fn the_studied_stories_keep_every_sentence_and_lose_their_furniture() {
    let (site, _) = built();
    for (story, left) in STUDIED {
        let t = tally(&site, story);
        println!(
            "{story}: furniture removed {}/{}, article lines lost {}/{}",
            t.removed, t.furniture, t.lost, t.article
        );
        assert!(
            t.lost_lines.is_empty(),
            "{story}: article lines lost: {:#?}",
            t.lost_lines
        );
        assert_eq!(t.missed_lines, *left, "{story}: furniture kept");
    }
}

#[test]
fn no_sentence_of_the_held_out_story_is_lost() {
    let (site, _) = built();
    let t = tally(&site, HELD_OUT);
    println!(
        "{HELD_OUT} (held out): furniture removed {}/{}, article lines lost {}/{}",
        t.removed, t.furniture, t.lost, t.article
    );
    for line in &t.missed_lines {
        println!("  kept furniture  {line}");
    }
    assert!(
        t.lost_lines.is_empty(),
        "article lines lost: {:#?}",
        t.lost_lines
    );
    assert!(t.article >= 25, "{} article lines", t.article);
    // This story removed 58 of its 65 furniture lines when first run; the figure is printed above.
    assert!(
        t.removed * 100 >= t.furniture * 85,
        "{}/{}",
        t.removed,
        t.furniture
    );
}

#[test]
fn the_page_lists_each_removed_line_with_its_rule() {
    let (site, _) = built();
    let page = article_page(&site, TUNED, "wire");
    let pairs: Vec<(String, String)> = page
        .removed
        .iter()
        .cloned()
        .zip(page.reasons.iter().cloned())
        .collect();
    let reason = |line: &str| {
        pairs
            .iter()
            .find(|(l, _)| l == line)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("{line} not listed: {pairs:#?}"))
    };
    assert_eq!(
        reason("Fire on grain ship in Romanian port injures 14, halts loading"),
        "the article’s title"
    );
    assert_eq!(
        reason("By Doug G. Ware and Danielle Haynes"),
        "byline (recognised by digest)"
    );
    assert_eq!(
        reason("Updated 3 hours ago"),
        "time stamp (recognised by digest)"
    );
    assert_eq!(
        reason("Share this article"),
        "share or follow button (recognised by digest)"
    );
    assert_eq!(
        reason("— Constanța Port Authority (@PortConstanta) March 14, 2026"),
        "social-media embed (recognised by digest)"
    );
    assert_eq!(reason("1,204 views"), "counter (recognised by digest)");
    assert_eq!(
        reason("Read more: Black Sea grain exports hit a three-year high"),
        "link to another story (recognised by digest)"
    );
    // The editor learns, on the page, how to keep a line.
    assert!(page.whole.contains("keep:"), "{}", page.whole);
    // An outlet's own pattern is still named as the editor wrote it.
    let page = article_page(&site, TUNED, "tagblatt");
    let at = page
        .removed
        .iter()
        .position(|l| l == "Mehr aus der Region")
        .unwrap();
    assert_eq!(page.reasons[at], "matched Mehr aus der Region");
}

#[test]
fn a_byline_names_the_author_unless_the_front_matter_does() {
    let (site, _) = built();
    let by = |id: &str| article_page(&site, TUNED, id).whole;
    assert!(by("wire").contains("by Doug G. Ware, Danielle Haynes"));
    assert!(by("visnyk").contains("by Ірина Коваль"));
    assert!(by("alyawm").contains("محمد علي"));
    assert!(by("haboker").contains("by דני כהן"));
    assert!(by("diario").contains("by María José de la Fuente"));
    // Front matter's `author:` wins over the byline in the text.
    let tagblatt = by("tagblatt");
    assert!(tagblatt.contains("by Redaktion Tagblatt"));
    assert!(!tagblatt.contains("by Anna Schmidt"));
}

#[test]
fn an_editor_keeps_a_line_and_hears_of_a_keep_that_matches_nothing() {
    let (site, err) = built();
    let page = article_page(&site, TUNED, "diario");
    let kept = "Foto: el Marlin Star, remolcado al muelle 80";
    assert!(page.kept.iter().any(|p| p == kept), "{:#?}", page.kept);
    assert!(!page.removed.iter().any(|r| r == kept));
    assert!(
        err.contains("content/stories/port-fire/articles/diario.md:7:5")
            && err.contains("`keep:` lists \"Lee también: esto no es una línea del texto\""),
        "{err}"
    );
    assert!(err.contains("Removed as page furniture"), "{err}");
    // Without `keep:`, the built-in rules take the line as a photo credit.
    site.edit(
        &site.path("content/stories/port-fire/articles/diario.md"),
        "  - \"Foto: el Marlin Star, remolcado al muelle 80\"\n",
        "",
    );
    assert_success(&site.build());
    let page = article_page(&site, TUNED, "diario");
    assert!(page.removed.iter().any(|r| r == kept));
}

#[test]
fn the_built_in_rules_can_be_turned_off_for_an_outlet_or_the_site() {
    let (site, _) = built();
    // `kanal` has `furniture: false`: its share word stays, its own pattern still applies.
    let page = article_page(&site, TUNED, "kanal");
    assert!(
        page.kept.iter().any(|p| p == "Поділитися"),
        "{:#?}",
        page.kept
    );
    assert_eq!(page.removed, ["Дивіться нас на YouTube"]);
    site.edit(
        &site.path("site.yaml"),
        "language: en",
        "language: en\nfurniture: false",
    );
    assert_success(&site.build());
    let page = article_page(&site, TUNED, "wire");
    assert_eq!(
        page.removed,
        ["Fire on grain ship in Romanian port injures 14, halts loading"],
        "only the repeated headline goes"
    );
    assert!(page.kept.iter().any(|p| p == "Share this article"));
}

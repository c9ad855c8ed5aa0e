//! `digest check` follows every internal link and `#anchor` of the rendered site, and names the
//! page that holds a broken one, whether the theme, digest or the editor's Markdown made it,
//! also when the story that breaks it is the only one checked again (the others come from the
//! check's cache).

mod common;

use common::*;

fn check(site: &Site) -> (bool, String) {
    let out = site.run(&["check"]);
    (out.status.success(), stderr(&out))
}

#[test]
fn the_example_has_no_broken_link() {
    let site = Site::example();
    let (ok, err) = check(&site);
    assert!(ok, "{err}");
    assert!(!err.contains("broken link"), "{err}");
}

#[test]
fn a_template_link_to_nowhere_is_reported_with_its_page() {
    let site = Site::example();
    site.edit(
        &site.path("themes/default/templates/outlet.html"),
        "{% block main %}",
        "{% block main %}<p><a href=\"{{ site.base_path }}no-such-page/\">x</a> <a href=\"#no-such-id\">y</a> <a href=\"/elsewhere/\">z</a></p>",
    );
    let (ok, err) = check(&site);
    assert!(!ok, "check must fail:\n{err}");
    // The outlet pages are rendered from one template: a link to a missing page is reported
    // once, on the first of them, with the number of the others.
    for (page, what, why) in [
        (
            "defencetalks",
            "/digest/no-such-page/",
            "the site has no file `no-such-page/index.html` (3 other pages have the same link)",
        ),
        (
            "fakti",
            "#no-such-id",
            "`sources/fakti/index.html` has no element with id `no-such-id`",
        ),
        (
            "fakti",
            "/elsewhere/",
            "it leaves the site: the site lives under `/digest/`",
        ),
    ] {
        let line = format!("error: sources/{page}/index.html: broken link to `{what}`: {why}");
        assert!(err.contains(&line), "missing {line:?} in:\n{err}");
    }
    assert!(
        err.contains("= hint: if the link is in your Markdown"),
        "{err}"
    );
}

#[test]
fn a_markdown_link_between_stories_is_followed_through_the_cache() {
    let site = Site::example();
    // A second story, and a link from the first to one of its quotes.
    let first = site.path(&format!("content/stories/{STORY}"));
    let second = site.path("content/stories/second-story");
    copy_dir(&first, &second);
    site.edit(
        &first.join("story.md"),
        "## Dates and places",
        "See also [the other story's quote](/digest/stories/second-story/#quote-call-him).\n\n## Dates and places",
    );
    let (ok, err) = check(&site);
    assert!(ok, "{err}");

    // Only the second story changes: its quote gets another id. The first comes from the
    // cache, and its link now points at an id that is gone.
    site.edit(
        &second.join("quotes.yaml"),
        "id: call-him",
        "id: phone-call",
    );
    let (ok, err) = check(&site);
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "error: stories/{STORY}/index.html: broken link to `/digest/stories/second-story/#quote-call-him`: `stories/second-story/index.html` has no element with id `quote-call-him`"
        )),
        "{err}"
    );
    assert!(err.contains("Check failed (1 error,"), "{err}");

    // Fixed in the second story again: the cached first story's link resolves.
    site.edit(
        &second.join("quotes.yaml"),
        "id: phone-call",
        "id: call-him",
    );
    let (ok, err) = check(&site);
    assert!(ok, "{err}");
}

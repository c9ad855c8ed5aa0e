//! Bad input: each kind of mistake an editor makes fails the build with a non-zero status, a
//! message naming the file and line, a hint, and the previous `public/` left exactly as it was.

mod common;

use std::fs;

use common::position::line_of;
use common::*;

/// Builds the good example (so `public/` exists), applies `break_it`, builds again, and checks
/// the second build fails without touching `public/`. Returns stderr.
fn fails(break_it: impl FnOnce(&Site)) -> String {
    let site = Site::example();
    assert_success(&site.build());
    let before = site.snapshot("public");
    break_it(&site);
    let content_broken = site.snapshot("content");
    let out = site.build();
    let err = stderr(&out);
    assert!(!out.status.success(), "the build should fail:\n{err}");
    assert!(err.contains("Build failed"), "{err}");
    assert_eq!(
        before,
        site.snapshot("public"),
        "public/ changed after a failed build:\n{err}"
    );
    assert_eq!(
        content_broken,
        site.snapshot("content"),
        "the build modified content/"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn malformed_yaml_names_the_file_and_the_parsers_position() {
    let mut expected = String::new();
    let err = fails(|site| {
        let file = site.story_file("quotes.yaml");
        site.edit(
            &file,
            "  speaker: Vladimir Putin\n",
            "  speaker: [Vladimir Putin\n",
        );
        expected = format!("content/stories/{STORY}/quotes.yaml:");
    });
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("error: "), "{err}");
}

#[test]
fn unknown_outlet_id_suggests_the_nearest() {
    let mut expected = String::new();
    let err = fails(|site| {
        let file = site.story_file("articles/fakti.md");
        site.edit(&file, "source: fakti", "source: fakty");
        expected = format!(
            "content/stories/{STORY}/articles/fakti.md:{}:9",
            line_of(&file, "source: fakty")
        );
    });
    assert!(
        err.contains(&format!("{expected}: unknown outlet `fakty`")),
        "{err}"
    );
    assert!(err.contains("did you mean `fakti`?"), "{err}");
}

#[test]
fn a_quote_that_is_not_in_its_article_shows_the_closest_passage() {
    let mut expected = String::new();
    let err = fails(|site| {
        let file = site.story_file("quotes.yaml");
        site.edit(&file, "bravely, like a man", "bravely, like a real man");
        expected = format!(
            "content/stories/{STORY}/quotes.yaml:{}:",
            line_of(&file, "bravely, like a real man")
        );
    });
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains("the quoted words are not in the article `fakti`"),
        "{err}"
    );
    assert!(
        err.contains("the closest passage in `fakti`") && err.contains("% similar"),
        "{err}"
    );
    assert!(
        err.contains("bravely, like a man"),
        "the hint quotes the real words: {err}"
    );
}

#[test]
fn a_citation_of_a_missing_article_points_into_story_md() {
    let mut expected = String::new();
    let err = fails(|site| {
        let file = site.story_file("story.md");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(
            &file,
            format!("{text}\nAs the Guardian reported [@guardian].\n"),
        )
        .unwrap();
        expected = format!(
            "content/stories/{STORY}/story.md:{}:",
            line_of(&file, "[@guardian]")
        );
    });
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("no article `guardian`"), "{err}");
}

#[test]
fn a_misspelt_citation_id_suggests_the_article() {
    let err = fails(|site| {
        let file = site.story_file("story.md");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, format!("{text}\nSee [@kyivpots].\n")).unwrap();
    });
    assert!(err.contains("did you mean `kyivpost`?"), "{err}");
}

#[test]
fn an_unknown_site_yaml_key_names_the_nearest_known_key() {
    let err = fails(|site| {
        let file = site.path("site.yaml");
        site.edit(&file, "theme: default", "thme: default");
    });
    assert!(err.contains("site.yaml:"), "{err}");
    assert!(err.contains("thme"), "{err}");
    assert!(err.contains("did you mean `theme`?"), "{err}");
}

#[test]
fn a_broken_template_names_the_template_and_line() {
    let mut expected = String::new();
    let err = fails(|site| {
        let file = site.path("themes/default/templates/story.html");
        let text = fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.len() / 2;
        let mut broken: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        broken.insert(at, "{% if %}".into());
        fs::write(&file, broken.join("\n")).unwrap();
        expected = format!("themes/default/templates/story.html:{}:", at + 1);
    });
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("template syntax error"), "{err}");
}

#[test]
fn a_template_that_uses_a_missing_variable_names_the_line() {
    let err = fails(|site| {
        let file = site.path("themes/default/templates/404.html");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, format!("{text}\n{{{{ page.no_such_field }}}}\n")).unwrap();
    });
    assert!(err.contains("themes/default/templates/404.html:"), "{err}");
}

#[test]
fn a_missing_template_is_named() {
    let err =
        fails(|site| fs::remove_file(site.path("themes/default/templates/outlet.html")).unwrap());
    assert!(
        err.contains("themes/default/templates/outlet.html"),
        "{err}"
    );
    assert!(err.contains("has no template `outlet.html`"), "{err}");
}

#[test]
fn duplicate_quote_ids_point_at_the_second() {
    let mut expected = String::new();
    let err = fails(|site| {
        let file = site.story_file("quotes.yaml");
        site.edit(&file, "- id: courageous-person", "- id: congratulation");
        let text = fs::read_to_string(&file).unwrap();
        let second = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("- id: congratulation"))
            .nth(1)
            .unwrap()
            .0
            + 1;
        expected = format!("content/stories/{STORY}/quotes.yaml:{second}:");
    });
    assert!(
        err.contains(&format!("{expected}7: duplicate quote id `congratulation`")),
        "{err}"
    );
    assert!(err.contains("already used on line"), "{err}");
}

#[test]
fn an_article_that_is_not_utf8_is_named_with_its_line() {
    let err = fails(|site| {
        let file = site.story_file("articles/newszop.md");
        let mut bytes = fs::read(&file).unwrap();
        bytes.extend_from_slice(b"\nCaf\xe9 society\n");
        fs::write(&file, bytes).unwrap();
    });
    assert!(
        err.contains(&format!("content/stories/{STORY}/articles/newszop.md:")),
        "{err}"
    );
    assert!(err.contains("not UTF-8"), "{err}");
}

#[test]
fn an_empty_article_is_an_error() {
    let err = fails(|site| {
        fs::write(
            site.story_file("articles/defencetalks.md"),
            "---\nsource: defencetalks\n---\n\n",
        )
        .unwrap()
    });
    assert!(
        err.contains("articles/defencetalks.md") && err.contains("has no text"),
        "{err}"
    );
}

#[test]
fn several_problems_are_reported_in_one_run() {
    let err = fails(|site| {
        site.edit(
            &site.story_file("articles/fakti.md"),
            "source: fakti",
            "source: fakty",
        );
        site.edit(
            &site.story_file("quotes.yaml"),
            "bravely, like a man",
            "bravely, like a real man",
        );
        site.edit(
            &site.story_file("disputes.yaml"),
            "status: resolved",
            "status: closed",
        );
    });
    assert!(err.contains("unknown outlet `fakty`"), "{err}");
    assert!(err.contains("not in the article `fakti`"), "{err}");
    assert!(err.contains("unknown status `closed`"), "{err}");
    assert!(err.contains("3 errors") || err.contains("errors,"), "{err}");
}

#[test]
fn a_malformed_citation_is_explained() {
    let err = fails(|site| {
        let file = site.story_file("story.md");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(
            &file,
            format!("{text}\nBroken [@fakti, \"unclosed words].\n"),
        )
        .unwrap();
    });
    assert!(err.contains("malformed citation"), "{err}");
}

#[test]
fn strict_turns_warnings_into_errors() {
    let site = Site::example();
    let extra = site.story_file("articles/extra.md");
    fs::write(
        &extra,
        "---\nsource: fakti\ntitle: Uncited\n---\nA text nobody cites.\n",
    )
    .unwrap();
    let lenient = site.build();
    assert_success(&lenient);
    assert!(
        stderr(&lenient).contains("warning: ")
            && stderr(&lenient).contains("no one cites the article `extra`")
    );
    let strict = site.run(&["build", "--strict"]);
    assert!(!strict.status.success(), "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("error: content/stories/"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn check_verifies_everything_and_writes_nothing() {
    let site = Site::example();
    let out = site.run(&["check"]);
    assert_success(&out);
    assert!(!site.path("public").exists(), "check wrote output");
    site.edit(
        &site.story_file("articles/fakti.md"),
        "source: fakti",
        "source: fakty",
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unknown outlet `fakty`"));
    assert!(!site.path("public").exists());
}

#[test]
fn a_missing_site_yaml_says_how_to_start() {
    let site = Site::empty();
    fs::create_dir_all(&site.root).unwrap();
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("site.yaml") && stderr(&out).contains("digest init"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(&format!("digest init {}", site.root.display())),
        "the hint names the folder: {}",
        stderr(&out)
    );
}

#[test]
fn output_inside_content_is_refused() {
    let site = Site::example();
    let out = site.run(&[
        "build",
        "--output-dir",
        site.path("content/out").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(!site.path("content/out").exists());
}

#[test]
fn a_timeline_that_does_not_parse_comes_first_with_what_follows_from_it_folded_under_it() {
    let err = fails(|site| {
        let file = site.story_file("timeline.yaml");
        let text = fs::read_to_string(&file).unwrap();
        let broken = text.replacen("- when:", "- when: [", 1);
        fs::write(&file, broken).unwrap();
    });
    let timeline = format!("content/stories/{STORY}/timeline.yaml:");
    let first_error = err.lines().find(|l| l.starts_with("error: ")).unwrap();
    assert!(first_error.contains(&timeline), "{err}");
    assert!(
        !err.lines()
            .any(|l| l.starts_with("error: ") && l.contains("disputes.yaml")),
        "references into the broken timeline are reported as errors of their own:\n{err}"
    );
    assert!(err.contains("follows from it"), "{err}");
    assert!(
        err.contains(&format!("content/stories/{STORY}/disputes.yaml:")),
        "{err}"
    );
    assert!(
        !err.contains("no one cites the article"),
        "articles cited only in the broken timeline read as uncited:\n{err}"
    );
    assert!(err.contains("(1 error"), "{err}");
}

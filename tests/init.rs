//! `digest init` creates a site that builds at once, including a raw `.txt` article whose
//! metadata is inferred and reported by `digest check`.

mod common;

use std::fs;

use common::*;

/// A new site made by `digest init` in an empty temp folder.
#[test]
fn init_then_build_succeeds() {
    let site = Site::initialised();
    assert!(site.path("site.yaml").is_file());
    assert!(
        !site.path("themes").exists(),
        "the theme is built in, not copied: the site overrides single files of it"
    );
    assert!(site.read("site.yaml").contains("\ntheme: default\n"));
    let out = site.run(&["build"]);
    assert_success(&out);
    assert!(
        !stderr(&out).contains("warning:"),
        "the sample builds cleanly: {}",
        stderr(&out)
    );
    let doc = site.html("stories/sample-bridge-opening/index.html");
    assert!(doc.select(&sel("[role=doc-endnotes] li")).count() >= 3);
    // The article with an original URL gets a text-fragment link to the cited words.
    let originals: Vec<String> = doc
        .select(&sel(
            "[role=doc-endnotes] a[href^='https://daily.example.org/']",
        ))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(
        originals.iter().any(|h| h.contains("#:~:text=on%20Friday")),
        "{originals:?}"
    );
}

#[test]
fn check_reports_what_was_inferred_from_a_txt_article() {
    let site = Site::initialised();
    let out = site.run(&["check"]);
    assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("example-wire.txt: inferred"), "{stdout}");
    assert!(
        stdout.contains("Mayor opens Riverside footbridge"),
        "{stdout}"
    );
    // A second check takes the story from its cache, and still says what was inferred.
    let again = site.run(&["check"]);
    assert_success(&again);
    assert_eq!(String::from_utf8_lossy(&again.stdout), stdout);
    let ignored = std::fs::read_to_string(site.path(".gitignore")).unwrap();
    assert!(
        ignored.contains("/public/") && ignored.contains("/.digest-cache/"),
        "{ignored}"
    );
    let site_html = {
        assert_success(&site.run(&["build"]));
        site.html("stories/sample-bridge-opening/example-wire/index.html")
    };
    let text = text_of(site_html.root_element());
    assert!(
        text.contains("13 March 2025"),
        "the inferred date is shown: {text}"
    );
    assert!(
        text.contains("Example Wire"),
        "the outlet inferred from the file name is shown"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::empty();
    fs::create_dir_all(&site.root).unwrap();
    fs::write(site.path("notes.txt"), "mine").unwrap();
    let out = site.init();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("notes.txt"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(site.path("notes.txt")).unwrap(), "mine");
}

#[test]
fn init_accepts_a_fresh_clone_and_leaves_its_git_folder_alone() {
    let site = Site::empty();
    fs::create_dir_all(site.path(".git")).unwrap();
    fs::write(site.path(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let out = site.init();
    assert_success(&out);
    assert_eq!(
        fs::read_to_string(site.path(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    assert!(site.path(".github/workflows/pages.yml").is_file());
    assert_success(&site.build());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::initialised();
    site.edit(
        &site.path("content/stories/sample-bridge-opening/story.md"),
        "date: 2025-03-14",
        "date: 2025-03-14\ndraft: true",
    );
    assert_success(&site.run(&["build"]));
    assert!(
        !site
            .path("public/stories/sample-bridge-opening/index.html")
            .exists()
    );
    assert!(
        !site.read("public/index.html").contains("Riverside"),
        "the home page does not list drafts"
    );
    assert_success(&site.run(&["build", "--drafts"]));
    assert!(
        site.path("public/stories/sample-bridge-opening/index.html")
            .exists()
    );
}

#[test]
fn init_takes_a_built_in_theme_by_name_and_refuses_an_unknown_one() {
    let site = Site::empty();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["init", "--theme", "broadsheet"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert_success(&out);
    assert!(site.read("site.yaml").contains("\ntheme: broadsheet\n"));
    assert_success(&site.run(&["build"]));
    assert!(site.read("public/index.html").contains("broadsheet.css"));

    let other = Site::empty();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["init", "--theme", "broadshet"])
        .arg(&other.root)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("there is no built-in theme `broadshet`; did you mean `broadsheet`?"),
        "{err}"
    );
    assert!(!other.root.exists(), "nothing written");
}

#[test]
fn check_notices_the_sample_title_and_story_still_on_the_site() {
    let site = Site::initialised();
    let out = site.run(&["check"]);
    assert_success(&out);
    let err = stderr(&out);
    assert!(
        err.contains("warning: site.yaml:1:1: the site is still called \"My digest\""),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: content/stories/sample-bridge-opening/story.md: the sample story `sample-bridge-opening` from `digest init` is still on the site"
        ),
        "{err}"
    );
    // `--strict` makes them errors, like every warning.
    assert!(!site.run(&["check", "--strict"]).status.success());
    // A build is not a review: it stays quiet about them.
    assert!(!stderr(&site.run(&["build"])).contains("digest init"));

    site.edit(
        &site.path("site.yaml"),
        "title: My digest",
        "title: \"Riverside Reports\"",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(!err.contains("still called"), "{err}");
    assert!(err.contains("sample story"), "{err}");
    fs::remove_dir_all(site.path("content/stories/sample-bridge-opening")).unwrap();
    let err = stderr(&site.run(&["check"]));
    assert!(!err.contains("digest init"), "{err}");
}

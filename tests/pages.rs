//! Publishing on GitHub Pages: `.nojekyll` is written and the site's `static/` folder is
//! published.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::process::Command;

use common::*;

// ------------------------------------------------------------------------ .nojekyll, static/

#[test]
fn every_build_writes_nojekyll_and_publishes_the_sites_static_folder() {
    let site = Site::example();
    fs::create_dir_all(site.path("static/.well-known")).unwrap();
    fs::create_dir_all(site.path("static/img")).unwrap();
    fs::write(site.path("static/CNAME"), "news.example.org\n").unwrap();
    fs::write(site.path("static/.well-known/security.txt"), "Contact: x\n").unwrap();
    fs::write(
        site.path("static/img/logo.png"),
        [0x89, b'P', b'N', b'G', 0, 0xff],
    )
    .unwrap();
    fs::write(site.path("static/style.css"), "/* the site's own */\n").unwrap();
    assert_success(&site.build());
    assert_eq!(site.read("public/.nojekyll"), "");
    assert_eq!(site.read("public/CNAME"), "news.example.org\n");
    assert_eq!(site.read("public/.well-known/security.txt"), "Contact: x\n");
    assert_eq!(
        fs::read(site.path("public/img/logo.png")).unwrap(),
        [0x89, b'P', b'N', b'G', 0, 0xff],
        "bytes, copied as they are"
    );
    assert_eq!(
        site.read("public/style.css"),
        "/* the site's own */\n",
        "the site's file replaces the theme's of the same name"
    );

    // The next build (from the cache) sees a changed and a deleted static file.
    fs::write(site.path("static/CNAME"), "digest.example.org\n").unwrap();
    fs::remove_file(site.path("static/style.css")).unwrap();
    assert_success(&site.build());
    assert_eq!(site.read("public/CNAME"), "digest.example.org\n");
    assert_eq!(
        site.read("public/style.css"),
        site.read("themes/default/static/style.css"),
        "the theme's stylesheet is back"
    );
    assert_eq!(site.read("public/.nojekyll"), "");

    // digest check runs the same checks, and writes nothing.
    assert_success(&site.run(&["check"]));
}

#[test]
fn a_static_file_where_digest_writes_a_page_is_an_error_and_nothing_is_written() {
    let site = Site::example();
    assert_success(&site.build());
    let before = site.snapshot("public");
    fs::create_dir_all(site.path("static/stories")).unwrap();
    fs::write(
        site.path("static/robots.txt"),
        "User-agent: *\nDisallow: /\n",
    )
    .unwrap();
    fs::write(site.path("static/stories/photo.jpg"), "jpeg").unwrap();
    fs::write(site.path("static/.nojekyll"), "").unwrap();
    let out = site.build();
    assert!(!out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "error: static/robots.txt: this file cannot be published: digest writes its own file at robots.txt",
        "error: static/stories/photo.jpg: this file cannot be published",
        "hint: digest writes every file under stories/ itself",
        "error: static/.nojekyll: this file cannot be published",
    ] {
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
    }
    assert_eq!(
        site.snapshot("public"),
        before,
        "the previous site is intact"
    );
    let check = site.run(&["check"]);
    assert!(!check.status.success());
    assert!(stderr(&check).contains("static/robots.txt"));
}

#[test]
fn the_output_folder_cannot_be_inside_static() {
    let site = Site::example();
    let out = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output-dir")
        .arg(site.path("static/site"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("inside content/, static/ or themes/"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("static").exists());
}

/// Every file a build writes is a theme's or the site's static file, or one that
/// `urls::is_generated` names: a page digest starts writing must be reserved there too, or a
/// site's static file could silently replace it.
#[test]
fn every_file_digest_writes_is_reserved_from_static_files() {
    let site = Site::example();
    assert_success(&site.build());
    let theme: BTreeSet<String> = site.snapshot("themes/default/static").into_keys().collect();
    for path in site.snapshot("public").keys() {
        assert!(
            theme.contains(path)
                || digest::render::urls::is_generated(path)
                || path == digest::output::MARKER,
            "{path} is written by digest but not reserved in urls::is_generated"
        );
    }
}

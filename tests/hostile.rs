//! The corpus of broken sites in `tests/fixtures/broken/`. Each case is an overlay on the small
//! valid site in `tests/fixtures/base/` (plus the repository's default theme):
//!
//! - `site/` holds the files the case adds or replaces,
//! - `delete` (optional) lists files to remove, one path per line,
//! - `expect` lists lines that must all appear in the failed build's error output.
//!
//! Every case must fail cleanly: non-zero exit, no panic, within the time and memory limits, the
//! expected file:line:column and message, and the previous `public/` untouched.
//!
//! The resource-limit cases (a 50 MB article, a 100,000-event timeline, a symlink loop) are
//! generated here rather than stored.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, copy_dir, files};

const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Address-space limit for the build, in KiB: running out is a failure, not a swap storm.
const MEMORY_LIMIT_KIB: u64 = 4 * 1024 * 1024;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `digest build` and kills it if it outlives the time limit (a hang is a failure).
fn build_with_limit(root: &Path) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" build --root \"$1\""
        ))
        .arg(env!("CARGO_BIN_EXE_digest"))
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status.code(), reader.join().unwrap(), started.elapsed());
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return (
                None,
                format!("killed after {TIME_LIMIT:?}: {}", reader.join().unwrap()),
                started.elapsed(),
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_base_fixture_builds_cleanly() {
    let site = Site::base();
    let root = &site.root;
    let (code, stderr, _) = build_with_limit(root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !stderr.contains("warning:"),
        "the base must be clean so each case shows one problem: {stderr}"
    );
}

#[test]
fn every_broken_site_fails_cleanly_with_its_message() {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures().join("broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let site = Site::base();
        let root = &site.root;
        if case.join("site").is_dir() {
            copy_dir(&case.join("site"), root);
        }
        if let Ok(list) = fs::read_to_string(case.join("delete")) {
            for rel in list.lines().filter(|l| !l.trim().is_empty()) {
                fs::remove_file(root.join(rel.trim()))
                    .unwrap_or_else(|e| panic!("{name}: cannot delete {rel}: {e}"));
            }
        }
        let public = root.join("public");
        fs::create_dir_all(&public).unwrap();
        fs::write(public.join("index.html"), "previous site").unwrap();
        // As a build leaves it: a folder digest may replace.
        fs::write(public.join(digest::output::MARKER), "build: previous\n").unwrap();
        let content_before = files(&root.join("content"));

        let (code, stderr, took) = build_with_limit(root);
        let mut problems = Vec::new();
        match code {
            Some(0) => problems.push("the build succeeded".to_string()),
            None => problems.push(format!("no exit status (hang or signal) after {took:?}")),
            Some(_) => {}
        }
        if stderr.contains("panicked") {
            problems.push("panicked".into());
        }
        let expect = fs::read_to_string(case.join("expect"))
            .unwrap_or_else(|_| panic!("{name} has no expect file"));
        for line in expect
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            if !stderr.contains(line) {
                problems.push(format!("missing {line:?}"));
            }
        }
        let mut left: Vec<String> = fs::read_dir(&public)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        if left != [digest::output::MARKER, "index.html"]
            || fs::read_to_string(public.join("index.html")).unwrap() != "previous site"
        {
            problems.push(format!("public/ changed: {left:?}"));
        }
        let siblings = fs::read_dir(root)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("staging")
            })
            .count();
        if siblings > 0 {
            problems.push("a staging folder was left behind".into());
        }
        if files(&root.join("content")) != content_before {
            problems.push("content/ was modified".into());
        }
        if !problems.is_empty() {
            failures.push(format!("== {name}: {}\n{stderr}", problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Runs a generated case and checks it ended in bounded time with a clean error or success.
fn bounded(root: &Path) -> (Option<i32>, String) {
    let (code, stderr, took) = build_with_limit(root);
    assert!(code.is_some(), "no exit status after {took:?}: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation"),
        "{stderr}"
    );
    (code, stderr)
}

#[test]
fn a_50_mb_article_is_refused_quickly() {
    let site = Site::base();
    let root = &site.root;
    let line = "The meeting took place on Monday in the capital, the wire reported at length. ";
    let body = line.repeat(50_000_000 / line.len());
    fs::write(
        root.join("content/stories/s/articles/wire.md"),
        format!("---\nsource: wire\n---\n{body}\n"),
    )
    .unwrap();
    let (code, stderr) = bounded(root);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("content/stories/s/articles/wire.md: the file is 50.0 MB"),
        "{stderr}"
    );
}

#[test]
fn a_100000_event_timeline_is_refused_quickly() {
    let site = Site::base();
    let root = &site.root;
    let event = "- when: 2025-01-06\n  title: The meeting\n  sources: [wire, paper]\n";
    fs::write(
        root.join("content/stories/s/timeline.yaml"),
        event.repeat(100_000),
    )
    .unwrap();
    let (code, stderr) = bounded(root);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("content/stories/s/timeline.yaml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("safety limit") || stderr.contains("a story can show at most"),
        "{stderr}"
    );
}

#[test]
fn a_symlink_loop_under_content_does_not_hang() {
    let site = Site::base();
    let root = &site.root;
    let stories = root.join("content/stories");
    std::os::unix::fs::symlink(&stories, stories.join("s/articles/loop")).unwrap();
    std::os::unix::fs::symlink(&stories, stories.join("loop")).unwrap();
    std::os::unix::fs::symlink(
        root.join("themes"),
        root.join("themes/default/templates/loop"),
    )
    .unwrap();
    let (code, stderr) = bounded(root);
    // A folder named `loop` under stories/ without story.md is an error that names it; nothing
    // is followed round and round.
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("content/stories/loop: this story folder has no story.md"),
        "{stderr}"
    );
}

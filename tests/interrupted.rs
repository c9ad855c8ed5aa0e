//! Builds that were killed (a power cut, Ctrl-C twice, out of memory) leave their staging
//! folder beside the output, or the previous output moved aside; the next build clears the
//! first and puts the second back, so that nothing piles up and nothing is lost.

mod common;

use std::fs;

use common::{Site, assert_success};

/// The id of a process that has ended, as a killed build's is.
fn gone_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    child.wait().unwrap();
    child.id()
}

#[test]
fn the_next_build_removes_what_killed_builds_left_behind() {
    let site = Site::example();
    assert_success(&site.build());
    let built = site.snapshot("public");
    let dead = gone_pid();
    let staging = site.path(&format!(".public.staging-{dead}"));
    fs::create_dir_all(staging.join("stories")).unwrap();
    fs::write(staging.join("stories/index.html"), vec![b'x'; 1 << 20]).unwrap();

    let again = site.build();
    assert_success(&again);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(!staging.exists(), "{stderr}");
    assert!(
        stderr.contains("left by a build that was interrupted"),
        "{stderr}"
    );
    assert_eq!(site.snapshot("public"), built);
}

#[test]
fn a_site_moved_aside_by_a_killed_build_is_put_back() {
    let site = Site::example();
    assert_success(&site.build());
    let built = site.snapshot("public");
    // Killed between its two renames: the previous site aside, the new one not yet in place.
    let dead = gone_pid();
    let aside = site.path(&format!(".public.old-{dead}"));
    fs::rename(site.path("public"), &aside).unwrap();
    fs::create_dir_all(site.path(&format!(".public.staging-{dead}"))).unwrap();

    let again = site.build();
    assert_success(&again);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("Put the previous site back"), "{stderr}");
    assert!(!aside.exists());
    assert_eq!(site.snapshot("public"), built);
    let leftovers: Vec<String> = fs::read_dir(&site.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| name.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

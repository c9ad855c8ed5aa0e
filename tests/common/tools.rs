//! External checkers that nobody on this team wrote (feedparser, xmllint, actionlint): the
//! tests hand them our output and trust their verdict.
//!
//! `scripts/test` installs them and sets `DIGEST_REQUIRE_TOOLS=1`, so that in CI a missing tool
//! fails the test. A developer running plain `cargo test` without them gets a loud skip instead.

use std::path::PathBuf;
use std::process::Command;

/// The program `name` if it runs (`name --version` or `name --help` succeeds), else `None`; with
/// `DIGEST_REQUIRE_TOOLS=1` a missing tool panics with how to install it.
pub fn find(name: &str, install: &str) -> Option<PathBuf> {
    let runs = |arg: &str| {
        Command::new(name)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if runs("--version") || runs("--help") {
        return Some(PathBuf::from(name));
    }
    if std::env::var_os("DIGEST_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!(
            "`{name}` is needed for this test and is missing: {install} (scripts/test does this)"
        );
    }
    eprintln!("SKIPPED: `{name}` is not installed ({install}); scripts/test installs it");
    None
}

/// Python 3 with `module` importable, else `None` (or a panic under `DIGEST_REQUIRE_TOOLS=1`).
pub fn python_with(module: &str) -> Option<PathBuf> {
    let python = std::env::var("DIGEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(PathBuf::from(python));
    }
    let install = format!("pip install {module}");
    if std::env::var_os("DIGEST_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!(
            "Python module `{module}` is needed for this test and is missing: {install} (scripts/test does this)"
        );
    }
    eprintln!(
        "SKIPPED: Python module `{module}` is not installed ({install}); scripts/test installs it"
    );
    None
}

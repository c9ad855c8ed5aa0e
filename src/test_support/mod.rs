//! Shared by the unit tests: the proptest settings every property test runs with, (in
//! [`story`]) a story built from strings by the real load stage, and (in [`theme`]) a theme of
//! a few templates. Apart, so that the tests of the stages below load can use the first without
//! importing load.

pub(crate) mod story;
pub(crate) mod theme;

use proptest::test_runner::Config as ProptestConfig;

/// 256 cases keep `cargo test` fast; `PROPTEST_CASES=100000 cargo test --lib properties`
/// searches deeper. Failures are kept as plain unit tests instead of `proptest-regressions/`
/// files.
pub(crate) fn proptest_config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

/// Fails unless the committed file `page` (a path from the repository's root) is `generated`,
/// byte for byte; with `DIGEST_BLESS=1` in the environment it writes it first. `source` says
/// what the page is generated from and `bless` which tests write it, for the message.
pub(crate) fn assert_generated(page: &str, generated: &[u8], source: &str, bless: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
    if std::env::var_os("DIGEST_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{page} is not what {source} says: run `DIGEST_BLESS=1 cargo test {bless}` and review the diff"
    );
}

//! Shared by the unit tests: the proptest settings every property test runs with, and (in
//! [`story`]) a story built from strings by the real load stage. Apart, so that the tests of
//! the stages below load can use the first without importing load.

pub(crate) mod story;

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

//! `digest suggest`'s quote groups across languages, measured on invented stories against each
//! story's own quotes.yaml, the groups an editor would write:
//!
//! - used while building the grouping: `rail-strike` (French, Spanish, English, Arabic,
//!   Hebrew) and `press-conference` (German, Polish, Ukrainian, Turkish, English: one speaker
//!   saying five things, each with its own names and figures);
//! - `court-ruling` (German, Polish, Ukrainian, Turkish, English): meant as held out, but it was
//!   run once early, found nothing, and the grouping changed after (not tuned to its text, but
//!   not blind either);
//! - `ash-cloud` (Italian, Portuguese, Dutch, Russian, Bulgarian): held out, run only after the
//!   last change to the grouping.
//!
//! `cargo test --test suggest_quotes -- --nocapture` prints the figures.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Quote {
    id: String,
    variants: Vec<Variant>,
}

#[derive(Debug, Deserialize)]
struct Variant {
    source: String,
    text: String,
}

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest-quotes")
}

fn article(story: &str, source: &str) -> String {
    std::fs::read_to_string(site().join(format!("content/stories/{story}/articles/{source}.md")))
        .expect("article")
}

/// Two variants of one article that share words of it.
fn overlaps(story: &str, a: &Variant, b: &Variant) -> bool {
    if a.source != b.source {
        return false;
    }
    let file = article(story, &a.source);
    let find = |t: &str| digest::verify::matching::find_passage(&file, t);
    match (find(&a.text), find(&b.text)) {
        (Some(x), Some(y)) => x.start < y.end && y.start < x.end,
        _ => false,
    }
}

/// (known groups found with two or more of their outlets, known groups, proposed, noise).
fn measure(story: &str) -> (usize, usize, usize, usize) {
    let out = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["suggest", "--root"])
        .arg(site())
        .arg(story)
        .output()
        .expect("run digest");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let (quotes, _) = stdout.split_once("\n---\n").expect("two documents");
    let proposed: Vec<Quote> = serde_saphyr::from_str(quotes).expect("proposed quotes parse");
    let known: Vec<Quote> = serde_saphyr::from_str(
        &std::fs::read_to_string(site().join(format!("content/stories/{story}/quotes.yaml")))
            .expect("answer key"),
    )
    .expect("answer key parses");
    for q in &proposed {
        assert!(q.variants.len() >= 2, "{} has one variant", q.id);
        for v in &q.variants {
            assert!(
                digest::verify::matching::find_passage(&article(story, &v.source), &v.text)
                    .is_some(),
                "{v:?} is not in its article"
            );
        }
    }
    let matches = |q: &Quote, k: &Quote| {
        k.variants
            .iter()
            .filter(|kv| q.variants.iter().any(|v| overlaps(story, v, kv)))
            .count()
            >= 2
    };
    let found: Vec<&str> = known
        .iter()
        .filter(|k| proposed.iter().any(|q| matches(q, k)))
        .map(|k| k.id.as_str())
        .collect();
    let noise: Vec<&str> = proposed
        .iter()
        .filter(|q| !known.iter().any(|k| matches(q, k)))
        .map(|q| q.id.as_str())
        .collect();
    eprintln!(
        "{story}: {} of {} known groups proposed with two or more of their outlets {found:?}; \
         {} proposed groups, {} noise {noise:?}",
        found.len(),
        known.len(),
        proposed.len(),
        noise.len()
    );
    (found.len(), known.len(), proposed.len(), noise.len())
}

/// The story the grouping was built on: its three quotes that carry names or figures (the
/// minister's losses, the union's 3% by 2026, the strike until 15 May in Marseille and Lille)
/// must be found across the five languages. The fourth (the minister will meet the unions on
/// Monday) has no name or figure a translation keeps: the speaker alone is all the evidence
/// there is across languages, and grouping on so little would cost editors noise.
#[test]
fn groups_quotes_across_five_languages_and_scripts() {
    let (found, _, proposed, noise) = measure("rail-strike");
    assert!(found >= 3, "found {found}");
    assert!(noise * 3 <= proposed, "noise {noise} of {proposed}");
}

/// One speaker, five statements, five languages: each statement its own group, none mixed.
#[test]
fn tells_one_speakers_statements_apart() {
    let (found, known, proposed, noise) = measure("press-conference");
    assert!(found >= 4, "found {found} of {known}");
    assert!(noise * 3 <= proposed, "noise {noise} of {proposed}");
}

/// The held-out stories: noise is what must not happen (at most one proposal in three, as the
/// issue asks of disputes); what it finds is printed, not tuned for.
#[test]
fn held_out_stories_propose_little_noise() {
    for story in ["court-ruling", "ash-cloud"] {
        let (_, _, proposed, noise) = measure(story);
        assert!(
            noise * 3 <= proposed,
            "{story}: noise {noise} of {proposed}"
        );
    }
}

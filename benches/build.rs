//! Build speed, stage by stage: `cargo bench --bench build`.
//!
//! Builds the example site, then synthetic sites made of 10 and 50 copies of the example story
//! (5 articles, 10 events, 9 quotes, 5 disputes and ~90 footnotes each), and prints the time of
//! each pipeline stage, pages per second, and how the time grows with the number of stories.

use std::path::Path;
use std::time::{Duration, Instant};

use digest::{load, output, render, verify};

const RUNS: usize = 5;

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A site with `copies` copies of the example story.
fn site_with(copies: usize) -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    copy_dir(&repo.join("themes"), &root.join("themes"));
    std::fs::create_dir_all(root.join("content/stories")).unwrap();
    std::fs::copy(
        repo.join("content/sources.yaml"),
        root.join("content/sources.yaml"),
    )
    .unwrap();
    let story = repo.join("content/stories/putin-congratulates-trump-valdai");
    for i in 0..copies {
        copy_dir(&story, &root.join(format!("content/stories/story-{i:03}")));
    }
    dir
}

#[derive(Default, Clone, Copy)]
struct Times {
    load: Duration,
    verify: Duration,
    render: Duration,
    minify: Duration,
    write: Duration,
    pages: usize,
}

fn build_once(root: &Path, out: &Path) -> Times {
    let mut t = Times::default();
    let start = Instant::now();
    let (site, _, diagnostics) = load::load(root);
    t.load = start.elapsed();
    assert!(!diagnostics.has_errors(), "the benchmark site must build");
    let start = Instant::now();
    let (verified, diagnostics) = verify::verify(site.unwrap());
    t.verify = start.elapsed();
    assert!(!diagnostics.has_errors());
    let start = Instant::now();
    let (mut pages, diagnostics) = render::render(&verified, render::RenderOptions::default());
    t.render = start.elapsed();
    assert!(!diagnostics.has_errors());
    let start = Instant::now();
    output::minify(&mut pages);
    t.minify = start.elapsed();
    let start = Instant::now();
    output::write(&pages, out).unwrap();
    t.write = start.elapsed();
    t.pages = pages.files.keys().filter(|p| p.ends_with(".html")).count();
    t
}

/// The median of `RUNS` builds, stage by stage.
fn measure(root: &Path) -> Times {
    let out = tempfile::tempdir().unwrap();
    let runs: Vec<Times> = (0..RUNS)
        .map(|_| build_once(root, &out.path().join("public")))
        .collect();
    let median = |f: fn(&Times) -> Duration| {
        let mut v: Vec<Duration> = runs.iter().map(f).collect();
        v.sort();
        v[v.len() / 2]
    };
    Times {
        load: median(|t| t.load),
        verify: median(|t| t.verify),
        render: median(|t| t.render),
        minify: median(|t| t.minify),
        write: median(|t| t.write),
        pages: runs[0].pages,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    println!(
        "digest build, median of {RUNS} runs per site (minify feature: {})",
        cfg!(feature = "minify")
    );
    println!(
        "{:<22} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>10}",
        "site", "pages", "load", "verify", "render", "minify", "write", "total ms", "pages/s"
    );
    let mut baseline: Option<(usize, f64)> = None;
    for (label, copies) in [
        ("example (1 story)", 1),
        ("10 stories", 10),
        ("50 stories", 50),
    ] {
        let site = site_with(copies);
        let t = measure(site.path());
        let total = ms(t.load) + ms(t.verify) + ms(t.render) + ms(t.minify) + ms(t.write);
        println!(
            "{label:<22} {:>6} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>9.1} {:>10.0}",
            t.pages,
            ms(t.load),
            ms(t.verify),
            ms(t.render),
            ms(t.minify),
            ms(t.write),
            total,
            t.pages as f64 / (total / 1000.0)
        );
        match baseline {
            None => baseline = Some((copies, total)),
            Some((base_copies, base_total)) => println!(
                "{:<22} {copies}x the stories -> {:.1}x the time (linear would be {:.0}x)",
                "",
                total / base_total,
                copies as f64 / base_copies as f64
            ),
        }
    }
}

//! `digest serve`'s rebuild speed: `cargo bench --bench build` (add `-- --stories N` for another
//! size of generated site; `--quick` for fewer runs). `digest build` itself, against Hugo, is
//! `cargo bench --bench scale`.
//!
//! For the example site and for a generated site of N stories × 5 articles (default 1,000,
//! made by `scale/generate.rs` from the seed texts), through the library calls `digest serve`
//! makes ([`digest::pipeline::Project`]):
//!
//! - the whole site built in memory (`Project::open`), and its pages written with
//!   `output::write`;
//! - what `digest serve` does after a save (with its options: no minification): one story's
//!   annotation edited, one article edited, a story template edited, the stylesheet edited,
//!   nothing changed;
//!
//! each the median of several runs, with the ratio of each rebuild to the build in memory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use digest::output;
use digest::pipeline::{BuildOptions, Change, Project};

#[path = "scale/generate.rs"]
mod generate;

const SLUG: &str = "putin-congratulates-trump-valdai";

/// The example site (`None`), or a site of `n` generated stories × 5 articles (`Some(n)`), in
/// a temporary folder.
fn site_with(stories: Option<usize>) -> (tempfile::TempDir, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = match stories {
        Some(n) => generate::generate(repo, dir.path(), n, 5).digest,
        None => {
            let root = dir.path().join("example");
            std::fs::create_dir_all(root.join("content/stories")).unwrap();
            std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
            for file in ["content/sources.yaml", "content/index.md"] {
                std::fs::copy(repo.join(file), root.join(file)).unwrap();
            }
            generate::copy_dir(&repo.join("themes"), &root.join("themes"));
            let story = Path::new("content/stories").join(SLUG);
            generate::copy_dir(&repo.join(&story), &root.join(&story));
            root
        }
    };
    (dir, root)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

struct Row {
    what: &'static str,
    time: Duration,
    detail: String,
}

fn measure(label: &str, stories: Option<usize>, runs: usize) {
    let (_dir, root) = site_with(stories);
    let root = root.as_path();
    let out = root.join("public");
    let options = BuildOptions::default();
    let mut rows = Vec::new();

    let mut builds = Vec::new();
    let mut writes = Vec::new();
    let mut files = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let p = Project::open(root, options.clone());
        let site = p.output().expect("the benchmark site must build");
        builds.push(start.elapsed());
        let pages = site.to_pages();
        files = pages.files.len();
        let start = Instant::now();
        output::write(&pages, &out).unwrap();
        writes.push(start.elapsed());
    }
    let full = median(builds);
    rows.push(Row {
        what: "whole site in memory",
        time: full,
        detail: format!("{files} files"),
    });
    rows.push(Row {
        what: "writing it to public/",
        time: median(writes),
        detail: String::new(),
    });
    let serve_options = BuildOptions {
        minify: Some(false),
        ..BuildOptions::default()
    };
    let start = Instant::now();
    let mut project = Project::open(root, serve_options);
    rows.push(Row {
        what: "serve's first build (no minify)",
        time: start.elapsed(),
        detail: String::new(),
    });

    let slug = project.stories().next().unwrap().slug.clone();
    let story_dir = root.join("content/stories").join(&slug);
    let theme_file = root.join("themes/default/templates/partials/timeline.html");
    let article = std::fs::read_dir(story_dir.join("articles"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .min()
        .unwrap();
    let stylesheet = root.join("themes/default/static/style.css");
    let edits: [(&'static str, std::path::PathBuf, Change); 4] = [
        (
            "one story edited (story.md)",
            story_dir.join("story.md"),
            Change::Story(slug.clone()),
        ),
        ("one article edited", article, Change::Story(slug.clone())),
        ("a story template edited", theme_file, Change::Theme),
        ("the stylesheet edited", stylesheet, Change::Theme),
    ];
    for (what, file, change) in edits {
        let original = std::fs::read_to_string(&file).unwrap();
        let mut times = Vec::new();
        let mut detail = String::new();
        for run in 0..runs.max(5) {
            // Alternate between two contents, so every run is a real change.
            let text = if run % 2 == 0 {
                format!("{original}\n/* edit {run} */\n")
            } else {
                original.clone()
            };
            std::fs::write(&file, text).unwrap();
            let start = Instant::now();
            let rebuilt = project.update(&BTreeSet::from([change.clone()]));
            let site = project.output().expect("still builds");
            times.push(start.elapsed());
            detail = format!(
                "{} stories, site parts {:?}{}",
                rebuilt.stories.len(),
                rebuilt.site_parts,
                if rebuilt.theme { ", theme" } else { "" }
            );
            assert!(!site.is_empty());
        }
        std::fs::write(&file, original).unwrap();
        project.update(&BTreeSet::from([change]));
        rows.push(Row {
            what,
            time: median(times),
            detail,
        });
    }
    let mut times = Vec::new();
    for _ in 0..runs.max(5) {
        let start = Instant::now();
        project.update(&BTreeSet::from([Change::Story(slug.clone())]));
        times.push(start.elapsed());
    }
    rows.push(Row {
        what: "save with nothing changed",
        time: median(times),
        detail: String::new(),
    });

    println!("\n{label}");
    println!("  {:<30} {:>11} {:>14}", "", "median", "vs in memory");
    for row in rows {
        println!(
            "  {:<30} {:>11} {:>13.3}x  {}",
            row.what,
            ms(row.time),
            row.time.as_secs_f64() / full.as_secs_f64(),
            row.detail
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let stories = args
        .iter()
        .position(|a| a == "--stories")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    println!(
        "digest serve's build and rebuild times ({} runs each; release build; the sites' own \
         minify setting: on for the example, off (the default) for the generated site)",
        if quick { 3 } else { 5 }
    );
    measure(
        "Example site (1 story, 5 articles)",
        None,
        if quick { 3 } else { 5 },
    );
    measure(
        &format!("Generated site ({stories} stories × 5 articles)"),
        Some(stories),
        3,
    );
}

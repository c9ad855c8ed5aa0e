//! The per-story rebuild `digest serve` makes after a save gives exactly what a clean build of
//! the edited site gives: the same files, byte for byte, and the same diagnostics. Random
//! sequences of the edits an editor makes (an article, a sidecar, a story, a template, the
//! outlets, the settings; a story added, copied, broken, deleted) are applied to a copy of the
//! example site, each followed by `Project::update` with the changes a file watcher reports,
//! and compared with `Project::open` of the same folder.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::edits::Edit;
use common::{STORY, Site, copy_dir};
use digest::pipeline::{BuildOptions, Change, Project, SitePaths};
use proptest::prelude::*;

fn changes(project: &Project, paths: &[PathBuf]) -> BTreeSet<Change> {
    SitePaths::new(project.root(), &project.theme_chain()).changes(paths)
}

/// The files of a build that succeeded, by path.
type Files = Vec<(String, Vec<u8>)>;

/// Everything a build produces that a reader or an editor sees, and what it rendered on the way
/// (also while errors keep it from being published).
fn observable(project: &Project) -> (Option<Files>, Vec<String>) {
    let pages = Some(project.rendered().files.into_iter().collect());
    assert_eq!(
        project.output().map(|o| o.to_pages()),
        (!project.diagnostics().has_errors()).then(|| project.rendered()),
        "what is published is what was rendered, when there are no errors"
    );
    let diagnostics = project
        .diagnostics()
        .sorted()
        .into_iter()
        .map(|d| project.render_diagnostic(d))
        .collect();
    (pages, diagnostics)
}

fn assert_same(incremental: &Project, root: &Path, options: &BuildOptions, after: &[Edit]) {
    let clean = Project::open(root, options.clone());
    let (inc_pages, inc_diags) = observable(incremental);
    let (clean_pages, clean_diags) = observable(&clean);
    assert_eq!(
        inc_diags, clean_diags,
        "diagnostics differ after edits {after:?}"
    );
    match (inc_pages, clean_pages) {
        (Some(a), Some(b)) => {
            let paths_a: Vec<&String> = a.iter().map(|(p, _)| p).collect();
            let paths_b: Vec<&String> = b.iter().map(|(p, _)| p).collect();
            assert_eq!(paths_a, paths_b, "files differ after edits {after:?}");
            for ((path, x), (_, y)) in a.iter().zip(&b) {
                assert!(x == y, "{path} differs after edits {after:?}");
            }
        }
        (None, None) => {}
        (a, b) => panic!(
            "after edits {after:?}: incremental built: {}, clean built: {}",
            a.is_some(),
            b.is_some()
        ),
    }
}

fn run_sequence(edits: &[Edit], options: BuildOptions) {
    let bursts: Vec<Vec<Edit>> = edits.iter().map(|&e| vec![e]).collect();
    run_bursts(&bursts, options);
}

/// Each burst's edits are all made before one update, as a `git checkout` makes them.
fn run_bursts(bursts: &[Vec<Edit>], options: BuildOptions) {
    let site = Site::example();
    let mut project = Project::open(&site.root, options.clone());
    assert!(project.output().is_some(), "the example builds");
    let mut step = 0;
    let mut done = Vec::new();
    for burst in bursts {
        let mut paths = Vec::new();
        for &edit in burst {
            paths.extend(edit.apply(&site, step));
            step += 1;
            done.push(edit);
        }
        let changes = changes(&project, &paths);
        project.update(&changes);
        assert_same(&project, &site.root, &options, &done);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn per_story_rebuilds_equal_clean_builds(edits in proptest::collection::vec(Edit::any(), 1..7)) {
        run_sequence(&edits, BuildOptions::default());
    }

    #[test]
    fn rebuilds_after_bursts_of_edits_equal_clean_builds(
        bursts in proptest::collection::vec(proptest::collection::vec(Edit::any(), 1..4), 1..4)
    ) {
        run_bursts(&bursts, BuildOptions::default());
    }
}

/// Every edit at least once, in order; again with drafts and strict mode on; and with the
/// options `digest serve` builds with.
#[test]
fn every_edit_in_turn() {
    run_sequence(Edit::ALL, BuildOptions::default());
    run_sequence(
        Edit::ALL,
        BuildOptions {
            drafts: true,
            strict: true,
            ..BuildOptions::default()
        },
    );
    run_sequence(
        Edit::ALL,
        BuildOptions {
            minify: Some(false),
            local_origin: Some("http://127.0.0.1:1111".into()),
            render: digest::render::RenderOptions {
                live_reload: true,
                ..Default::default()
            },
            ..BuildOptions::default()
        },
    );
}

/// A story edit re-renders that story and only the site-wide files its change affects.
#[test]
fn an_article_edit_rebuilds_one_story_and_its_search_entries() {
    let site = Site::example();
    let copy = site.root.join("content/stories/second");
    copy_dir(&site.root.join(format!("content/stories/{STORY}")), &copy);
    let mut project = Project::open(&site.root, BuildOptions::default());
    let paths = Edit::ArticleGainsAParagraph.apply(&site, 0);
    let rebuilt = project.update(&changes(&project, &paths));
    assert_eq!(rebuilt.stories, [STORY]);
    assert!(!rebuilt.theme && !rebuilt.everything);
    assert_eq!(
        rebuilt.site_parts,
        [digest::render::SitePart::SearchIndex],
        "an added paragraph changes the search index only"
    );
    // Saving the same bytes again rebuilds nothing.
    let rebuilt = project.update(&changes(&project, &paths));
    assert!(rebuilt.is_empty(), "{rebuilt:?}");
}

/// A file of the site's `static/` folder re-renders the static files alone.
#[test]
fn a_static_file_edit_renders_only_the_fixed_files() {
    let site = Site::example();
    let mut project = Project::open(&site.root, BuildOptions::default());
    assert!(!project.rendered().files.contains_key("CNAME"));
    let paths = Edit::StaticFilesAdded.apply(&site, 0);
    let rebuilt = project.update(&changes(&project, &paths));
    assert!(rebuilt.stories.is_empty() && !rebuilt.theme && !rebuilt.everything);
    assert_eq!(rebuilt.site_parts, [digest::render::SitePart::Fixed]);
    assert_eq!(project.rendered().files["CNAME"], b"news0.example.org\n");
    // The same bytes again rebuild nothing.
    assert!(project.update(&changes(&project, &paths)).is_empty());
}

#[test]
fn editor_temp_files_and_the_output_folder_are_not_changes() {
    let site = Site::example();
    let project = Project::open(&site.root, BuildOptions::default());
    let root = &site.root;
    let site = SitePaths::new(root, &["broadsheet".to_string(), "default".to_string()]);
    let of = |rel: &str| site.change(&root.join(rel));
    assert_eq!(of("site.yaml"), Some(Change::Config));
    assert_eq!(of("content/sources.yaml"), Some(Change::Sources));
    assert_eq!(
        of(&format!("content/stories/{STORY}/quotes.yaml")),
        Some(Change::Story(STORY.into()))
    );
    assert_eq!(of("themes/default/static/style.css"), Some(Change::Theme));
    assert_eq!(
        of("themes/broadsheet/templates/index.html"),
        Some(Change::Theme),
        "a theme the active one extends is part of it"
    );
    assert_eq!(of("templates/story.html"), Some(Change::Theme));
    assert_eq!(of("templates"), Some(Change::Theme));
    assert_eq!(of("themes/other/static/style.css"), None);
    assert_eq!(of("static"), Some(Change::Static));
    assert_eq!(of("static/img/logo.png"), Some(Change::Static));
    assert_eq!(of("public/index.html"), None);
    assert_eq!(of(".digest-cache/x"), None);
    for temp in [
        ".story.md.swp",
        "story.md~",
        "4913",
        ".#story.md",
        "#story.md#",
        "story.md.tmp",
    ] {
        assert_eq!(
            of(&format!("content/stories/{STORY}/{temp}")),
            None,
            "{temp}"
        );
    }
    // A link is the story of its own folder, wherever it points.
    let second = root.join("content/stories/second");
    copy_dir(&root.join(format!("content/stories/{STORY}")), &second);
    let link = second.join("articles/linked.md");
    std::os::unix::fs::symlink(
        root.join(format!("content/stories/{STORY}/articles/fakti.md")),
        &link,
    )
    .unwrap();
    assert_eq!(site.change(&link), Some(Change::Story("second".into())));
    assert!(project.output().is_some());
}

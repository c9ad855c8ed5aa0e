//! The edits an editor makes, for the tests that compare rebuilds with clean builds
//! (`tests/rebuild.rs` in memory, `tests/incremental.rs` on disk).

use std::fs;
use std::path::{Path, PathBuf};

use super::{STORY, Site, copy_dir};

/// One edit: what it does to the site, and the paths a watcher would report.
pub fn apply(site: &Site, edit: usize, step: usize) -> Vec<PathBuf> {
    let root = &site.root;
    let story = |slug: &str, rel: &str| root.join(format!("content/stories/{slug}/{rel}"));
    // Edits of a file whose story an earlier step deleted change nothing.
    let append = |path: &Path, text: &str| {
        if !path.parent().is_some_and(Path::exists) {
            return vec![];
        }
        let mut s = fs::read_to_string(path).unwrap_or_default();
        s.push_str(text);
        fs::write(path, s).unwrap();
        vec![path.to_path_buf()]
    };
    let replace = |path: &Path, from: &str, to: &str| {
        let Ok(s) = fs::read_to_string(path) else {
            return vec![];
        };
        fs::write(path, s.replacen(from, to, 1)).unwrap();
        vec![path.to_path_buf()]
    };
    let copy = format!("copy-{step}");
    match edit {
        // An article gains a paragraph.
        0 => append(
            &story(STORY, "articles/fakti.md"),
            &format!("\nA paragraph added in step {step}.\n"),
        ),
        // A quoted passage disappears from its article: quotes and citations break.
        1 => replace(
            &story(STORY, "articles/fakti.md"),
            "bravely, like a man",
            "bravely",
        ),
        // The story's annotation gains a citation, then one to an unknown article.
        2 => append(
            &story(STORY, "story.md"),
            &format!("\nStep {step} [@kyivpost].\n"),
        ),
        3 => append(&story(STORY, "story.md"), "\nA typo [@kyivpots].\n"),
        // A sidecar changes: a quote's wording, then malformed YAML.
        4 => replace(
            &story(STORY, "quotes.yaml"),
            "He turned out to be a courageous person",
            "He turned out to be a courageous",
        ),
        5 => append(&story(STORY, "disputes.yaml"), "\n- id: [unclosed\n"),
        // The title changes (home page, feed, outlet pages).
        6 => replace(
            &story(STORY, "story.md"),
            "title: Putin congratulates",
            &format!("title: Step {step}, Putin congratulates"),
        ),
        // A template changes, then breaks.
        7 => append(
            &root.join("themes/default/templates/partials/timeline.html"),
            &format!("\n<p>step {step}</p>\n"),
        ),
        8 => append(
            &root.join("themes/default/templates/partials/quotes.html"),
            "\n{% if %}\n",
        ),
        // A new story: a copy of the example (maybe a draft).
        9 | 10 => {
            let from = root.join(format!("content/stories/{STORY}"));
            if from.exists() {
                copy_dir(&from, &root.join(format!("content/stories/{copy}")));
                if edit == 10 {
                    replace(
                        &story(&copy, "story.md"),
                        "date: 2024-11-07",
                        "date: 2024-11-08\ndraft: true",
                    );
                }
            }
            vec![root.join(format!("content/stories/{copy}"))]
        }
        // A story is deleted (the example, or the newest copy).
        11 => {
            let victim = fs::read_dir(root.join("content/stories"))
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .max();
            match victim {
                Some(dir) => {
                    fs::remove_dir_all(&dir).unwrap();
                    vec![dir]
                }
                None => vec![],
            }
        }
        // The outlets change.
        12 => replace(
            &root.join("content/sources.yaml"),
            "name: Kyiv Post",
            &format!("name: Kyiv Post {step}"),
        ),
        // The settings change.
        13 => replace(
            &root.join("site.yaml"),
            "title: \"Digest",
            &format!("title: \"Digest {step}"),
        ),
        // The front page gains an introduction, then it goes.
        14 => append(
            &root.join("content/index.md"),
            &format!("Introduction, step {step}.\n"),
        ),
        15 => {
            let path = root.join("content/index.md");
            let _ = fs::remove_file(&path);
            vec![path]
        }
        // A sidecar is deleted.
        16 => {
            let path = story(STORY, "timeline.yaml");
            let _ = fs::remove_file(&path);
            vec![path]
        }
        // An article's front matter names an unknown outlet.
        17 => replace(
            &story(STORY, "articles/newszop.md"),
            "source: newszop",
            "source: newzsop",
        ),
        // The theme's other parts: a stylesheet, the base template, the home and outlet
        // templates, the code highlighting.
        18 => append(
            &root.join("themes/default/static/style.css"),
            &format!("\n/* step {step} */\n"),
        ),
        19 => replace(
            &root.join("themes/default/templates/base.html"),
            "</footer>",
            &format!("<p>step {step}</p></footer>"),
        ),
        20 => replace(
            &root.join("themes/default/templates/index.html"),
            "{% endblock main %}",
            &format!("{{# step {step} #}}<!-- step {step} -->\n{{% endblock main %}}"),
        ),
        21 => replace(
            &root.join("themes/default/templates/outlet.html"),
            "{% endblock main %}",
            &format!("<!-- step {step} -->\n{{% endblock main %}}"),
        ),
        22 => replace(
            &root.join("themes/default/theme.yaml"),
            "highlight_theme: InspiredGitHub",
            "highlight_theme: Solarized (light)",
        ),
        // The site's static/ folder: a file is added (a custom domain's CNAME), one replaces
        // the theme's stylesheet, the folder goes, a file would replace a page (an error).
        23 => {
            let dir = root.join("static/img");
            fs::create_dir_all(&dir).unwrap();
            fs::write(
                root.join("static/CNAME"),
                format!("news{step}.example.org\n"),
            )
            .unwrap();
            fs::write(dir.join("logo.svg"), format!("<svg><!-- {step} --></svg>")).unwrap();
            vec![root.join("static/CNAME"), dir.join("logo.svg")]
        }
        24 => {
            fs::create_dir_all(root.join("static")).unwrap();
            let path = root.join("static/style.css");
            fs::write(&path, format!("/* the site's own, step {step} */\n")).unwrap();
            vec![path]
        }
        25 => {
            let dir = root.join("static");
            let _ = fs::remove_dir_all(&dir);
            vec![dir]
        }
        26 => {
            fs::create_dir_all(root.join("static")).unwrap();
            let path = root.join("static/robots.txt");
            fs::write(&path, "User-agent: *\n").unwrap();
            vec![path]
        }
        // Labels: the theme's translation file changes; the site overrides one label in its
        // own i18n/ folder, then names a label that does not exist (an error).
        27 => replace(
            &root.join("themes/default/i18n/en.yaml"),
            "timeline: Timeline",
            &format!("timeline: Timeline {step}"),
        ),
        28 | 29 => {
            fs::create_dir_all(root.join("i18n")).unwrap();
            let path = root.join("i18n/en.yaml");
            let key = if edit == 28 { "sources" } else { "sourcez" };
            fs::write(&path, format!("{key}: Sources, step {step}\n")).unwrap();
            vec![path]
        }
        // The story's topics change, then one is misspelt (an error against site.yaml's list).
        30 => replace(
            &story(STORY, "story.md"),
            "tags: [us-election-2024, russia-us, valdai]",
            "tags: [valdai]",
        ),
        31 => replace(&story(STORY, "story.md"), "russia-us,", "russia-usa,"),
        // The story gains an update (the date of its last change moves).
        32 => replace(
            &story(STORY, "story.md"),
            "updates:\n",
            &format!(
                "updates:\n  - date: 2024-11-{:02}\n    note: Step {step}.\n",
                9 + step % 20
            ),
        ),
        // The home and topic pages are split into pages of one story, then are not.
        33 => {
            let path = root.join("site.yaml");
            let s = fs::read_to_string(&path).unwrap();
            let toggled = match s.strip_suffix("paginate: 1\n") {
                Some(before) => before.to_string(),
                None => format!("{s}paginate: 1\n"),
            };
            fs::write(&path, toggled).unwrap();
            vec![path]
        }
        // Undo: the example story and the theme as the repository has them, and no static
        // or i18n folder, so that a sequence goes back to a site that builds and its pages are
        // compared again.
        _ => {
            let static_dir = root.join("static");
            let _ = fs::remove_dir_all(&static_dir);
            let i18n_dir = root.join("i18n");
            let _ = fs::remove_dir_all(&i18n_dir);
            let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
            let story_dir = root.join(format!("content/stories/{STORY}"));
            let _ = fs::remove_dir_all(&story_dir);
            copy_dir(&repo.join(format!("content/stories/{STORY}")), &story_dir);
            let theme_dir = root.join("themes/default");
            let _ = fs::remove_dir_all(&theme_dir);
            copy_dir(&repo.join("themes/default"), &theme_dir);
            vec![story_dir, theme_dir, static_dir, i18n_dir]
        }
    }
}

/// How many kinds of edit [`apply`] knows.
pub const EDITS: usize = 35;

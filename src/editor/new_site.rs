//! `digest init`: a new site with a small sample story that builds at once and a GitHub Actions
//! workflow that publishes it on GitHub Pages. Both are compiled into the binary, so `init`
//! works anywhere. The theme is not copied: the built-in themes are compiled in too, and a site
//! overrides single files of its theme from its own `templates/` and `static/`.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics, Position, nearest};
use crate::layout::{CACHE_DIR, CONFIG_FILE, CONTENT_DIR, OUTPUT_DIR, WORKFLOW_FILE};
use crate::load::builtin;

static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/editor/new_site/sample");

/// A new site's workflow (written to [`WORKFLOW_FILE`]): it installs digest, checks pull
/// requests and deploys the default branch to GitHub Pages. The repository's own
/// `.github/workflows/pages.yml` is the same file but for how digest is installed
/// (`tests/pages.rs` keeps the two together).
pub const WORKFLOW: &str = include_str!("new_site/pages.yml");

/// What `digest init` put in a site that is still there, unchanged, as warnings: the sample
/// site title and the sample story would otherwise be published with the editor's stories.
pub fn sample_leftovers(root: &Path) -> Diagnostics {
    let mut found = Diagnostics::new();
    let sample_title = SAMPLE
        .get_file(CONFIG_FILE)
        .and_then(|f| f.contents_utf8())
        .and_then(title_line);
    let site_title = fs::read_to_string(root.join(CONFIG_FILE))
        .ok()
        .and_then(|text| title_line(&text).map(|(line, title)| (line, title.to_string())));
    if let (Some((_, sample)), Some((line, title))) = (sample_title, site_title)
        && title == sample
    {
        found.push(
            Diagnostic::warning(
                CONFIG_FILE,
                Some(Position::new(line, 1, "title".len())),
                format!("the site is still called {title:?}, the title `digest init` gave it"),
            )
            .with_hint("write your digest's name after `title:`: readers see it on every page and in the feed"),
        );
    }
    for story in sample_stories() {
        let story_md = format!("{CONTENT_DIR}/stories/{story}/story.md");
        if root.join(&story_md).is_file() {
            found.push(
                Diagnostic::warning(
                    &story_md,
                    None,
                    format!("the sample story `{story}` from `digest init` is still on the site"),
                )
                .with_hint(format!(
                    "once your first story is in, delete the folder {CONTENT_DIR}/stories/{story}/ \
                     (and the sample outlets in {CONTENT_DIR}/sources.yaml that no story uses)"
                )),
            );
        }
    }
    found
}

/// The 1-based line of `title:` in a site.yaml, and its value unquoted.
fn title_line(text: &str) -> Option<(usize, &str)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value.split(" #").next().unwrap_or(value).trim();
        Some((i + 1, value.trim_matches(['"', '\''])))
    })
}

/// The folder names of the sample's stories.
fn sample_stories() -> Vec<&'static str> {
    SAMPLE
        .get_dir(format!("{CONTENT_DIR}/stories"))
        .map(|stories| {
            stories
                .dirs()
                .filter_map(|d| d.path().file_name()?.to_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Creates the site in `dir`, which must be empty (but for `.git`) or not exist, with the
/// built-in theme `theme`: `init` never overwrites.
pub fn create(dir: &Path, theme: &str) -> Result<(), String> {
    let themes = builtin::names();
    if !themes.contains(&theme) {
        let hint = match nearest(theme, themes.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? "),
            None => String::new(),
        };
        return Err(format!(
            "there is no built-in theme `{theme}`; {hint}the built-in themes are {} (`digest themes` describes them)",
            themes.join(", ")
        ));
    }
    if dir.exists() {
        let entries =
            fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        // A fresh clone of an empty repository (only `.git`) counts as empty: that is where a
        // site that GitHub Pages publishes begins.
        let mut others = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name() != ".git");
        if let Some(entry) = others.next() {
            return Err(format!(
                "{} is not empty (it has {}); `digest init` only creates new sites, in a new folder or a fresh clone (e.g. `digest init my-site`)",
                dir.display(),
                entry.file_name().to_string_lossy()
            ));
        }
    }
    extract(&SAMPLE, dir)?;
    if theme != "default" {
        let config = dir.join(CONFIG_FILE);
        let text = fs::read_to_string(&config)
            .map_err(|e| format!("cannot read {}: {e}", config.display()))?;
        let text = text.replace("\ntheme: default\n", &format!("\ntheme: {theme}\n"));
        write(&config, text.as_bytes())?;
    }
    write(&dir.join(WORKFLOW_FILE), WORKFLOW.as_bytes())?;
    // The output and the build cache are made again by every build.
    fs::write(
        dir.join(".gitignore"),
        format!("/{OUTPUT_DIR}/\n/{CACHE_DIR}/\n"),
    )
    .map_err(|e| format!("cannot write .gitignore: {e}"))?;
    Ok(())
}

fn extract(source: &Dir<'_>, target: &Path) -> Result<(), String> {
    for file in source.files() {
        write(&target.join(file.path()), file.contents())?;
    }
    for sub in source.dirs() {
        extract(sub, target)?;
    }
    Ok(())
}

fn write(path: &Path, contents: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

//! `digest init`: a new site with a small sample story that builds at once and a GitHub Actions
//! workflow that publishes it on GitHub Pages. Both are compiled into the binary, so `init`
//! works anywhere. The theme is not copied: the built-in themes are compiled in too, and a site
//! overrides single files of its theme from its own `templates/` and `static/`.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostics::nearest;
use crate::layout::{CACHE_DIR, CONFIG_FILE, OUTPUT_DIR, WORKFLOW_FILE};
use crate::load::builtin;

static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/editor/new_site/sample");

/// A new site's workflow (written to [`WORKFLOW_FILE`]): it installs digest, checks pull
/// requests and deploys the default branch to GitHub Pages. The repository's own
/// `.github/workflows/pages.yml` is the same file but for how digest is installed
/// (`tests/pages.rs` keeps the two together).
pub const WORKFLOW: &str = include_str!("new_site/pages.yml");

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

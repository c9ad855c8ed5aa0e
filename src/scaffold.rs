//! `digest init`: a new site with the default theme, a small sample story that builds at once
//! and a GitHub Actions workflow that publishes it on GitHub Pages. All are compiled into the
//! binary, so `init` works anywhere.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/sample");
static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a new site's workflow goes, and what it is: it installs digest, checks pull requests
/// and deploys the default branch to GitHub Pages. The repository's own
/// `.github/workflows/pages.yml` is the same file but for how digest is installed
/// (`tests/pages.rs` keeps the two together).
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";
pub const WORKFLOW: &str = include_str!("scaffold/pages.yml");

/// Creates the site in `dir`, which must be empty (but for `.git`) or not exist: `init`
/// never overwrites.
pub fn init(dir: &Path) -> Result<(), String> {
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
    extract(&DEFAULT_THEME, &dir.join("themes/default"))?;
    write(&dir.join(WORKFLOW_PATH), WORKFLOW.as_bytes())?;
    // The output and the build cache are made again by every build.
    fs::write(dir.join(".gitignore"), "/public/\n/.digest-cache/\n")
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

//! Write stage: puts the rendered pages on disk without ever leaving a half-written site.
//! Everything is written to a staging folder beside the output folder, then swapped in with two
//! renames; if anything fails before the swap, the previous output is exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::Pages;

/// Minifies HTML pages (when the `minify` feature is built in).
pub fn minify(pages: &mut Pages) {
    #[cfg(feature = "minify")]
    {
        let cfg = minify_html::Cfg {
            // Scripts are left alone: JS minification is known to break them.
            minify_js: false,
            minify_css: true,
            keep_closing_tags: true,
            keep_html_and_head_opening_tags: true,
            ..minify_html::Cfg::default()
        };
        for (path, bytes) in pages.files.iter_mut() {
            if path.ends_with(".html") {
                *bytes = minify_html::minify(bytes, &cfg);
            }
        }
    }
    #[cfg(not(feature = "minify"))]
    let _ = pages;
}

/// Refuses output folders whose replacement would destroy the editor's work.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), String> {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let output_abs = absolute(output);
    let content = root.join("content");
    let themes = root.join("themes");
    if output_abs == root || root.starts_with(&output_abs) {
        return Err(format!(
            "the output folder {} contains the site itself; choose a folder such as public/",
            output.display()
        ));
    }
    if output_abs.starts_with(&content) || output_abs.starts_with(&themes) {
        return Err(format!(
            "the output folder {} is inside content/ or themes/, which a build never writes",
            output.display()
        ));
    }
    if output_abs.parent().is_none() {
        return Err("the output folder cannot be the file system root".into());
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Canonicalise the deepest existing ancestor so `..` and symlinks cannot hide the real place.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
    let mut out = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    out.extend(rest.iter().rev());
    out
}

/// Writes `pages` into `output`, replacing what was there only once everything is written.
pub fn write(pages: &Pages, output: &Path) -> io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.staging-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    let result = write_all(pages, &staging).and_then(|()| swap(&staging, output, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(pages: &Pages, dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for (path, bytes) in &pages.files {
        let target = dir.join(path);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(&target, bytes)?;
    }
    Ok(())
}

fn swap(staging: &Path, output: &Path, old: &Path) -> io::Result<()> {
    if output.exists() {
        fs::rename(output, old)?;
        if let Err(err) = fs::rename(staging, output) {
            // Put the previous site back before reporting.
            let _ = fs::rename(old, output);
            return Err(err);
        }
        fs::remove_dir_all(old)
    } else {
        fs::rename(staging, output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("stale")).unwrap();
        fs::write(out.join("stale/old.html"), "old").unwrap();
        let mut pages = Pages::default();
        pages.files.insert("index.html".into(), b"<p>new".to_vec());
        pages
            .files
            .insert("stories/a/index.html".into(), b"a".to_vec());
        write(&pages, &out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "<p>new"
        );
        assert!(out.join("stories/a/index.html").exists());
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "previous").unwrap();
        let mut pages = Pages::default();
        // A path that cannot be created (a file and a folder of the same name).
        pages.files.insert("a".into(), b"file".to_vec());
        pages.files.insert("a/b.html".into(), b"x".to_vec());
        assert!(write(&pages, &out).is_err());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
    }

    #[test]
    fn refuses_to_overwrite_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content/out")).is_err());
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }
}

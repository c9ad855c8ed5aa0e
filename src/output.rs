//! Write stage: puts the rendered pages on disk without ever leaving a half-written site, and
//! only in a folder that is the build's own ([`MARKER`]).
//!
//! A full build streams its files into a staging folder beside the output folder
//! ([`Staging`]), then swaps it in with two renames; if anything fails before the swap, the
//! previous output is exactly as it was. A build that changes a few files of a site it built
//! before replaces just those, each atomically ([`update_in_place`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::layout::{CONTENT_DIR, OUTPUT_DIR, STATIC_DIR, THEMES_DIR};
use crate::render::Pages;

/// Minifies the HTML pages digest wrote (when the `minify` feature is built in); the theme's and
/// the site's static files are published as they are.
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
            if path.ends_with(".html") && crate::render::urls::is_generated(path) {
                *bytes = minify_html::minify(bytes, &cfg);
            }
        }
    }
    #[cfg(not(feature = "minify"))]
    let _ = pages;
}

/// The file that marks a folder as written by `digest build`: a build replaces only a folder
/// that has it, or an empty one, so that `--output-dir ~/Documents` cannot wipe a user's files.
/// It also names the build that wrote the folder, which the build cache checks before it
/// trusts the files there.
pub const MARKER: &str = crate::layout::OUTPUT_MARKER;

/// The marker of a folder while a build changes it in place: a build interrupted then is not
/// trusted by the next one, which writes everything again.
const IN_PROGRESS: &str = "in-progress";

/// Refuses output folders whose replacement would destroy the editor's work, and folders
/// that a build did not write (unless `force`).
pub fn check_output_dir(root: &Path, output: &Path, force: bool) -> Result<(), String> {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let output_abs = absolute(output);
    let content = root.join(CONTENT_DIR);
    let themes = root.join(THEMES_DIR);
    let statics = root.join(STATIC_DIR);
    if output_abs == root || root.starts_with(&output_abs) {
        return Err(format!(
            "the output folder {} contains the site itself; choose a folder such as public/",
            output.display()
        ));
    }
    if [&content, &themes, &statics]
        .iter()
        .any(|folder| output_abs.starts_with(folder))
    {
        return Err(format!(
            "the output folder {} is inside content/, static/ or themes/, which a build never writes",
            output.display()
        ));
    }
    if output_abs.parent().is_none() {
        return Err("the output folder cannot be the file system root".into());
    }
    if force {
        return Ok(());
    }
    match fs::read_dir(output) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::NotADirectory || output.is_file() => Err(format!(
            "the output folder {} is a file; choose another --output-dir",
            output.display()
        )),
        Err(err) => Err(format!(
            "cannot read the output folder {}: {err}",
            output.display()
        )),
        Ok(entries) => {
            if output.join(MARKER).is_file() {
                return Ok(());
            }
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect();
            if names.is_empty() {
                return Ok(());
            }
            names.sort();
            let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
            Err(format!(
                "the output folder {} was not written by digest and is not empty (it holds {}{}); \
                 a build replaces the whole folder, so these files would be lost. Choose another \
                 --output-dir, empty this one, or pass --force to replace it",
                output.display(),
                shown.join(", "),
                if names.len() > shown.len() {
                    format!(" and {} more", names.len() - shown.len())
                } else {
                    String::new()
                }
            ))
        }
    }
}

/// The build that wrote `output`, from its marker; `None` when there is none, or when a build
/// was interrupted while changing it.
pub fn build_id(output: &Path) -> Option<String> {
    let text = fs::read_to_string(output.join(MARKER)).ok()?;
    let id = text.lines().find_map(|l| l.strip_prefix("build: "))?.trim();
    (id != IN_PROGRESS && !id.is_empty()).then(|| id.to_string())
}

fn marker_text(build: &str) -> String {
    format!(
        "Written by digest build: digest replaces this folder when it builds the site, so do not \
         keep files of your own here.\nbuild: {build}\n"
    )
}

/// `path` made absolute, with symbolic links and `..` resolved as far as it exists.
pub fn absolute(path: &Path) -> PathBuf {
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

/// What a build knows of a file it wrote: enough to tell, at the next build, whether someone
/// changed or replaced it since (size and modification time, as `make` and cargo do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u128,
}

impl Stamp {
    /// The stamp of the file at `path` now (of a symbolic link itself, not of its target).
    pub fn of(path: &Path) -> io::Result<Stamp> {
        Stamp::of_metadata(&fs::symlink_metadata(path)?)
    }

    fn of_metadata(meta: &fs::Metadata) -> io::Result<Stamp> {
        let modified = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Ok(Stamp {
            len: meta.len(),
            modified,
        })
    }
}

/// A new output folder being filled beside the old one (`.public.staging-<pid>`), swapped in
/// by [`Staging::commit`] with two renames. Until then the previous output is untouched; a
/// staging folder that is dropped uncommitted is removed.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

/// A folder of this process beside the output: `.public.staging-<pid>` while a full build
/// writes the new site, `.public.old-<pid>` while the previous one is swapped out.
fn sibling(output: &Path, what: &str) -> io::Result<PathBuf> {
    let parent = parent_of(output);
    fs::create_dir_all(&parent)?;
    Ok(parent.join(format!(
        ".{}.{what}-{}",
        name_of(output),
        std::process::id()
    )))
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn name_of(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| OUTPUT_DIR.into())
}

/// What builds that were killed (a power cut, Ctrl-C twice, out of memory) left beside
/// `output`, found by [`clear_leftovers`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Leftovers {
    /// Staging folders removed.
    pub removed: Vec<PathBuf>,
    /// A previous output that a killed build had moved aside, put back in place.
    pub restored: Option<PathBuf>,
}

/// Clears what killed builds left beside `output` (see [`sibling`]): their staging folders
/// are removed, and a previous output moved aside but not replaced is put back (or removed
/// when a newer output is in place). Only folders of processes that are gone are touched: a
/// build running at the same time keeps its own.
pub fn clear_leftovers(output: &Path) -> Leftovers {
    let mut found = Leftovers::default();
    let prefix = format!(".{}.", name_of(output));
    let Ok(entries) = fs::read_dir(parent_of(output)) else {
        return found;
    };
    let mut old: Vec<PathBuf> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((what, pid)) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.rsplit_once('-'))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || process_is_running(pid) {
            continue;
        }
        match what {
            "staging" if fs::remove_dir_all(entry.path()).is_ok() => {
                found.removed.push(entry.path());
            }
            "old" => old.push(entry.path()),
            _ => {}
        }
    }
    for previous in old {
        if !output.exists() && fs::rename(&previous, output).is_ok() {
            found.restored = Some(previous);
        } else if fs::remove_dir_all(&previous).is_ok() {
            found.removed.push(previous);
        }
    }
    found
}

/// Whether a process of this id is running. Where that cannot be told, it is taken to be, so
/// that nothing of a running build is removed.
fn process_is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // Signal 0 only asks whether the process exists: ESRCH means it does not (EPERM
        // means it does, under another user).
        // SAFETY: kill with signal 0 sends nothing and touches no memory of ours.
        let answer = unsafe { libc::kill(pid, 0) };
        answer == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

impl Staging {
    /// Starts a new output for `output` in an empty staging folder beside it (a folder of the
    /// same name, left by an earlier build with this process id, is removed first).
    pub fn new(output: &Path) -> io::Result<Staging> {
        let dir = sibling(output, "staging")?;
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Where a file of the new output is being written.
    pub fn path(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }

    /// Writes one file (its folders created as needed). Safe to call from several threads.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<Stamp> {
        let target = self.dir.join(path);
        // Most files go into a folder an earlier file made: the folders are made only when the
        // file cannot be, and the stamp is read from the open file, sparing two lookups of the
        // path for each of a large site's files.
        let mut file = match fs::File::create(&target) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                if let Some(p) = target.parent() {
                    fs::create_dir_all(p)?;
                }
                fs::File::create(&target)?
            }
            opened => opened?,
        };
        io::Write::write_all(&mut file, bytes)?;
        Stamp::of_metadata(&file.metadata()?)
    }

    /// Takes a file of the previous output as it is, without rewriting it: a hard link (the
    /// same file, its time unchanged), or a copy where links are not possible.
    pub fn keep(&self, path: &str) -> io::Result<()> {
        let target = self.dir.join(path);
        let from = self.output.join(path);
        // As in `write`: the folders only when the link cannot be made.
        if fs::hard_link(&from, &target).is_ok() {
            return Ok(());
        }
        if let Some(p) = target.parent() {
            fs::create_dir_all(p)?;
        }
        fs::hard_link(&from, &target).or_else(|_| fs::copy(&from, &target).map(|_| ()))
    }

    /// Marks the folder as written by the build `build` and puts it in place of the output.
    pub fn commit(mut self, build: &str) -> io::Result<()> {
        fs::write(self.dir.join(MARKER), marker_text(build))?;
        let old = sibling(&self.output, "old")?;
        if self.output.exists() {
            fs::rename(&self.output, &old)?;
            if let Err(err) = fs::rename(&self.dir, &self.output) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&old, &self.output);
                return Err(err);
            }
            self.committed = true;
            fs::remove_dir_all(&old)
        } else {
            fs::rename(&self.dir, &self.output)?;
            self.committed = true;
            Ok(())
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `pages` into `output`, replacing what was there only once everything is written.
pub fn write(pages: &Pages, output: &Path) -> io::Result<()> {
    let staging = Staging::new(output)?;
    for (path, bytes) in &pages.files {
        staging.write(path, bytes)?;
    }
    staging.commit(&format!("{:016x}", std::process::id()))
}

/// Changes a folder a previous build wrote, in place: writes `changed` files (each to a
/// temporary name first, then renamed over the old one, so no reader ever sees half a file)
/// and removes `removed` ones, then marks the folder as the build `build`'s. Used when a build
/// changes a few files of a large site, where copying the rest into a new folder would cost
/// more than the change. The marker says `in-progress` meanwhile, so an interrupted update is
/// written again in full by the next build. Returns the stamps of the written files.
pub fn update_in_place(
    output: &Path,
    changed: &[(&str, &[u8])],
    removed: &[&str],
    build: &str,
) -> io::Result<Vec<Stamp>> {
    fs::write(output.join(MARKER), marker_text(IN_PROGRESS))?;
    let mut stamps = Vec::with_capacity(changed.len());
    for (path, bytes) in changed {
        let target = output.join(path);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p)?;
        }
        let temporary = output.join(format!("{path}.digest-tmp"));
        fs::write(&temporary, bytes)?;
        fs::rename(&temporary, &target)?;
        stamps.push(Stamp::of(&target)?);
    }
    for path in removed {
        let target = output.join(path);
        match fs::remove_file(&target) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
            _ => {}
        }
        // Folders left empty go too (a story's article folders).
        let mut dir = target.parent();
        while let Some(d) = dir.filter(|d| *d != output) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    fs::write(output.join(MARKER), marker_text(build))?;
    Ok(stamps)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id of a process that has ended.
    fn gone_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        child.id()
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleared_and_the_previous_site_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let dead = gone_pid();
        let staging = tmp.path().join(format!(".public.staging-{dead}"));
        let old = tmp.path().join(format!(".public.old-{dead}"));
        // A build of another site beside it, and a running build of this one, are left alone.
        let other = tmp.path().join(format!(".site.staging-{dead}"));
        let running = tmp.path().join(".public.staging-1");
        for dir in [&staging, &old, &other, &running] {
            fs::create_dir_all(dir).unwrap();
            fs::write(dir.join("index.html"), "x").unwrap();
        }
        let found = clear_leftovers(&out);
        assert_eq!(found.removed, vec![staging.clone()]);
        assert_eq!(found.restored, Some(old.clone()));
        assert!(!staging.exists() && !old.exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "x");
        assert!(other.exists() && running.exists());

        // With an output in place, a folder moved aside is only old.
        fs::create_dir_all(&old).unwrap();
        let found = clear_leftovers(&out);
        assert_eq!(found.removed, vec![old.clone()]);
        assert!(!old.exists() && out.join("index.html").exists());
        assert_eq!(clear_leftovers(&out), Leftovers::default());
    }

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
        assert!(check_output_dir(root, root, false).is_err());
        assert!(check_output_dir(root, root, true).is_err());
        assert!(check_output_dir(root, &root.join("content/out"), true).is_err());
        assert!(check_output_dir(root, &root.join("static/out"), true).is_err());
        assert!(check_output_dir(root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn replaces_only_folders_it_wrote_or_empty_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let mine = tmp.path().join("documents");
        fs::create_dir_all(&mine).unwrap();
        fs::write(mine.join("thesis.docx"), "years of work").unwrap();
        let e = check_output_dir(&root, &mine, false).unwrap_err();
        assert!(e.contains("was not written by digest"), "{e}");
        assert!(e.contains("thesis.docx") && e.contains("--force"), "{e}");
        assert!(check_output_dir(&root, &mine, true).is_ok());

        let empty = tmp.path().join("empty");
        fs::create_dir_all(&empty).unwrap();
        assert!(check_output_dir(&root, &empty, false).is_ok());
        let a_file = tmp.path().join("file");
        fs::write(&a_file, "x").unwrap();
        assert!(
            check_output_dir(&root, &a_file, false)
                .unwrap_err()
                .contains("is a file")
        );

        let built = tmp.path().join("public");
        write(&Pages::default(), &built).unwrap();
        assert!(check_output_dir(&root, &built, false).is_ok());
        assert!(build_id(&built).is_some());
    }

    #[test]
    fn an_update_in_place_changes_only_what_it_names() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut pages = Pages::default();
        for (path, text) in [
            ("index.html", "home"),
            ("stories/a/index.html", "a"),
            ("stories/a/x/index.html", "x"),
        ] {
            pages.files.insert(path.into(), text.into());
        }
        write(&pages, &out).unwrap();
        let kept = Stamp::of(&out.join("index.html")).unwrap();
        update_in_place(
            &out,
            &[("stories/b/index.html", b"b")],
            &["stories/a/x/index.html"],
            "next",
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join("stories/b/index.html")).unwrap(),
            "b"
        );
        assert!(!out.join("stories/a/x").exists(), "emptied folders go too");
        assert!(out.join("stories/a/index.html").exists());
        assert_eq!(Stamp::of(&out.join("index.html")).unwrap(), kept);
        assert_eq!(build_id(&out).as_deref(), Some("next"));
    }
}

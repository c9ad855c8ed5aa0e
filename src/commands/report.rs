//! Everything the commands print, in one place: problems with the lines they point at, the
//! one-line outcomes, the machine formats of `digest check`, and the preview server's log.
//!
//! The convention: what a command produces (the YAML of `suggest`, the notes of `check`, the
//! text of `themes`) goes to stdout, so that it can be piped; problems and progress go to
//! stderr. Writes to a closed pipe are ignored: the command's outcome is its exit status.

use std::io::Write as _;
use std::path::{Component, Path};

use super::Error;
use crate::cli::ReportFormat;
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::output;
use crate::pipeline::disk;
use crate::serve::ServeEvent;

/// A command's failure, as its last line on stderr.
pub fn failure(error: &Error) {
    status(&error.to_string());
}

/// One line of progress or outcome, on stderr.
pub fn status(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// What the command produced, on stdout, exactly as given.
pub fn output(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Every problem, sorted by file and line, each with the line it points at (from `source`,
/// which gives a file's text by its path) and a blank line after it.
pub fn diagnostics<'a>(all: &Diagnostics, source: impl Fn(&str) -> Option<&'a str>) {
    let mut err = std::io::stderr().lock();
    for d in all.sorted() {
        let _ = writeln!(err, "{}", diagnostics::render(d, source(&d.file)));
    }
}

/// One problem, as [`diagnostics`] prints each.
pub fn diagnostic(problem: &Diagnostic, source: Option<&str>) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        diagnostics::render(problem, source)
    );
}

/// "2 errors, 1 warning".
pub fn summary(diagnostics: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(diagnostics.error_count(), "error"),
        plural(diagnostics.warning_count(), "warning")
    )
}

/// The problems a build or check found, and a cache it could not save.
pub fn build_report(report: &disk::Report) {
    diagnostics(&report.diagnostics, |file| report.source_text(file));
    if let Some(problem) = &report.cache_problem {
        status(&format!(
            "warning: the build cache could not be saved ({problem}); the next build will redo everything"
        ));
    }
}

/// What killed builds had left beside the output, and what became of it.
pub fn leftovers(found: &output::Leftovers, output: &Path) {
    for folder in &found.removed {
        status(&format!(
            "Removed {}, left by a build that was interrupted.",
            folder.display()
        ));
    }
    if let Some(folder) = &found.restored {
        status(&format!(
            "Put the previous site back into {} from {}, where a build that was interrupted had moved it.",
            output.display(),
            folder.display()
        ));
    }
}

/// What `check` inferred for `.txt` articles, on stdout, one block per file.
pub fn inferred(report: &disk::Report) {
    let mut text = String::new();
    for (file, notes) in &report.inferred {
        text.push_str(&format!("{file}: inferred from the text:\n"));
        for note in notes {
            text.push_str(&format!("  - {note}\n"));
        }
    }
    output(&text);
}

/// `check --format github|json`: every diagnostic, and what was inferred for `.txt` articles,
/// one per line on stdout, with paths from the current folder (`root` is the site's).
pub fn machine_report(report: &disk::Report, format: ReportFormat, root: &Path) {
    let from_repo = |file: &str| repository_path(root, file);
    let mut lines = String::new();
    for (file, notes) in &report.inferred {
        for note in notes {
            let message = format!("inferred from the text: {note}");
            let line = match format {
                ReportFormat::Json => serde_json::json!({
                    "severity": "note",
                    "file": from_repo(file),
                    "message": message,
                    "hint": null,
                })
                .to_string(),
                _ => diagnostics::github_notice(&from_repo(file), &message),
            };
            lines.push_str(&line);
            lines.push('\n');
        }
    }
    for d in report.diagnostics.sorted() {
        let line = match format {
            ReportFormat::Json => diagnostics::json_line(d, &from_repo(&d.file)),
            _ => diagnostics::github_command(d, &from_repo(&d.file)),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    output(&lines);
    if let Some(problem) = &report.cache_problem {
        status(&format!(
            "warning: the check cache could not be saved ({problem})"
        ));
    }
}

/// A site file's path from the folder digest runs in (a site in `site/` of a repository gives
/// `site/content/…`, which is what GitHub needs to put an annotation on the right file).
fn repository_path(root: &Path, file: &str) -> String {
    let joined = root.join(file);
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| joined.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(joined);
    relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What `digest serve` tells the terminal as it goes.
pub fn serve_event(event: &ServeEvent<'_>) {
    match event {
        ServeEvent::PortTaken { default, port } => status(&format!(
            "Port {default} is in use by another program; serving on port {port} instead (choose one with --port)."
        )),
        ServeEvent::Exposed { interface } => status(&format!(
            "warning: serving on {interface}, which other machines can reach: anyone on the network can read this preview, drafts included. Use --interface 127.0.0.1 to keep it on this machine."
        )),
        ServeEvent::Built {
            project,
            rebuilt,
            elapsed,
            serving_last_good,
        } => {
            let found = project.diagnostics();
            diagnostics(&found, |file| project.source_text(file));
            let what = match rebuilt {
                None => "Built the site".to_string(),
                Some(r) if r.everything => "Rebuilt everything".to_string(),
                Some(r) if r.theme => "Re-rendered every page with the changed theme".to_string(),
                Some(r) if r.stories.is_empty() => "Rebuilt the site-wide pages".to_string(),
                Some(r) => format!("Rebuilt {}", r.stories.join(", ")),
            };
            let ms = elapsed.as_secs_f64() * 1000.0;
            let summary = summary(&found);
            if found.has_errors() {
                let serving = if *serving_last_good {
                    "still serving the last good version"
                } else {
                    "nothing to serve until it builds"
                };
                status(&format!(
                    "{what} in {ms:.0} ms: the build fails ({summary}); {serving}."
                ));
            } else {
                status(&format!("{what} in {ms:.0} ms ({summary})."));
            }
        }
        ServeEvent::Serving { root, url } => status(&format!(
            "Serving {} at {url}  (Ctrl-C stops)",
            root.display()
        )),
        ServeEvent::BrowserNotOpened { opener, url } => status(&format!(
            "Could not open a browser ({opener} failed); open {url} yourself."
        )),
        ServeEvent::Stopped => status("Stopped."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_in_words() {
        let mut found = Diagnostics::new();
        assert_eq!(summary(&found), "0 errors, 0 warnings");
        found.push(Diagnostic::error("a", None, "x"));
        found.push(Diagnostic::warning("a", None, "y"));
        assert_eq!(summary(&found), "1 error, 1 warning");
    }

    #[test]
    fn errors_read_as_before() {
        assert_eq!(
            Error::Cannot("the port is taken".into()).to_string(),
            "error: the port is taken"
        );
        assert_eq!(
            Error::Failed("Check failed (1 error, 0 warnings).".into()).to_string(),
            "Check failed (1 error, 0 warnings)."
        );
    }

    #[test]
    fn repository_paths_start_where_digest_runs() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            repository_path(&cwd.join("site"), "content/x.md"),
            "site/content/x.md"
        );
        assert_eq!(repository_path(Path::new("."), "site.yaml"), "site.yaml");
    }
}

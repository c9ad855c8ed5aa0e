//! `digest serve`: builds the site in memory, serves it over HTTP, and after every save
//! rebuilds only what the change can affect and tells every open tab to reload.
//!
//! Three threads: the HTTP server ([`http`]) answers requests from the latest good site; the
//! watcher ([`watch`]) collects bursts of file changes; this module's loop turns each burst
//! into [`Change`]s, updates the [`Project`] (the same pipeline `digest build` runs) and
//! publishes the result. A build that fails is reported in the terminal and in every open tab
//! (an overlay over the last good version, which goes on being served). Nothing is written to
//! disk: `public/` is left as `digest build` made it.

pub mod http;
pub mod watch;

use std::io::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::pipeline::{BuildOptions, Change, Project, Rebuilt, SiteOutput, SitePaths};
use crate::render::RenderOptions;
use http::{ErrorReport, Live, PortChoice, Server, Snapshot};

/// The port `digest serve` listens on unless told otherwise (another one is picked when it is
/// taken).
pub const DEFAULT_PORT: u16 = 1111;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// `None`: [`DEFAULT_PORT`], or any free port if that one is taken.
    pub port: Option<u16>,
    pub interface: IpAddr,
    pub drafts: bool,
    /// Replaces the site's base URL; by default the site's own path (`/repo/` of
    /// `https://user.github.io/repo/`) is served at this server's address.
    pub base_url: Option<String>,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// Serves until Ctrl-C (or until the watcher fails). Errors are for the terminal.
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let port = match options.port {
        Some(port) => PortChoice::Exactly(port),
        None => PortChoice::PreferDefault(DEFAULT_PORT),
    };
    let server = Arc::new(Server::bind(options.interface, port)?);
    let address = server.local_addr();
    if server.fell_back() {
        eprintln!(
            "Port {DEFAULT_PORT} is in use by another program; serving on port {} instead (choose one with --port).",
            address.port()
        );
    }
    if !options.interface.is_loopback() {
        eprintln!(
            "warning: serving on {}, which other machines can reach: anyone on the network can read this preview, drafts included. Use --interface 127.0.0.1 to keep it on this machine.",
            options.interface
        );
    }
    let host = match address.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let build_options = BuildOptions {
        drafts: options.drafts,
        strict: false,
        base_url: options.base_url.clone(),
        minify: Some(false),
        local_origin: options
            .base_url
            .is_none()
            .then(|| format!("http://{host}:{}", address.port())),
        render: RenderOptions { live_reload: true },
    };

    // Watching starts before the first build reads anything, so that no save is missed between
    // the two (changes made during the build are the first burst).
    let mut watcher = watch::Watcher::new(&options.root)?;
    let started = Instant::now();
    let project = Project::open(&options.root, build_options);
    let mut preview = Preview {
        last_good: None,
        project,
    };
    let snapshot = preview.snapshot();
    preview.report(started, None);
    let base_path = snapshot.base_path.clone();
    let live = Live::new(snapshot);

    let url = format!("http://{host}:{}{base_path}", address.port());
    eprintln!(
        "Serving {} at {url}  (Ctrl-C stops)",
        options.root.display()
    );
    let _ = std::io::stderr().flush();

    {
        let server = Arc::clone(&server);
        ctrlc::set_handler(move || server.shutdown())
            .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    }
    let http_thread = {
        let server = Arc::clone(&server);
        let live = Arc::clone(&live);
        std::thread::spawn(move || server.run(live))
    };
    if options.open {
        open_in_browser(&url);
    }

    let rebuild_thread = std::thread::spawn(move || {
        while let Some(burst) = watcher.next_burst() {
            if preview.apply(&burst, &live) {
                // A folder may have been created (content/, static/, themes/): watch it too.
                let _ = watcher.watch_folders();
            }
        }
    });
    let result = http_thread.join();
    drop(rebuild_thread);
    eprintln!("Stopped.");
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(format!("the server stopped: {err}")),
        Err(_) => Err("the server stopped unexpectedly".into()),
    }
}

/// The project and the last site that built, which is served while the current one is broken.
struct Preview {
    project: Project,
    last_good: Option<SiteOutput>,
}

impl Preview {
    /// Rebuilds after a burst of changes and publishes the result; true when the site's
    /// folders may have changed.
    fn apply(&mut self, burst: &watch::Burst, live: &Live) -> bool {
        let started = Instant::now();
        let paths = SitePaths::new(self.project.root(), &self.project.theme_chain());
        let changes = paths.changes(&burst.paths);
        // A folder that was created empty changes nothing yet, but must be watched from now on.
        let folders_changed = [
            Change::Stories,
            Change::Config,
            Change::Static,
            Change::Theme,
            Change::Translations,
        ]
        .iter()
        .any(|c| changes.contains(c));
        let rebuilt = if burst.lost_events {
            self.project = Project::open(self.project.root(), self.project.options().clone());
            Rebuilt {
                everything: true,
                ..Rebuilt::default()
            }
        } else if changes.is_empty() {
            return false;
        } else {
            self.project.update(&changes)
        };
        if rebuilt.is_empty() {
            return folders_changed;
        }
        let had_errors = !live.snapshot().errors.is_empty();
        let snapshot = self.snapshot();
        let change = if !snapshot.errors.is_empty() {
            http::Change::Errors
        } else if !had_errors && let Some(styles) = stylesheets_only(&paths, &burst.paths) {
            http::Change::Styles(styles)
        } else {
            http::Change::Reload
        };
        self.report(started, Some(&rebuilt));
        live.publish(snapshot, change);
        folders_changed
    }

    /// What to serve now: the site if it builds, else the last good one with the errors.
    fn snapshot(&mut self) -> Snapshot {
        let diagnostics = self.project.diagnostics();
        let errors = if diagnostics.has_errors() {
            self.error_reports(&diagnostics)
        } else {
            Vec::new()
        };
        if let Some(output) = self.project.output() {
            self.last_good = Some(output);
        }
        Snapshot {
            files: self
                .last_good
                .clone()
                .unwrap_or_else(|| SiteOutput::from_pages(Default::default())),
            base_path: self
                .project
                .config()
                .map_or_else(|| "/".to_string(), |c| c.base_path.clone()),
            errors,
            generation: 0,
        }
    }

    fn error_reports(&self, diagnostics: &Diagnostics) -> Vec<ErrorReport> {
        diagnostics
            .sorted()
            .into_iter()
            .map(|d| ErrorReport {
                severity: d.severity,
                file: d.file.clone(),
                line: d.position.map(|p| p.line),
                column: d.position.map(|p| p.column),
                message: d.message.clone(),
                hint: d.hint.clone(),
                excerpt: source_excerpt(&self.project.render_diagnostic(d)),
            })
            .collect()
    }

    /// Prints what was rebuilt and every diagnostic, as `digest build` does.
    fn report(&self, started: Instant, rebuilt: Option<&Rebuilt>) {
        let diagnostics = self.project.diagnostics();
        crate::cli::print_diagnostics(&self.project, &diagnostics);
        let what = match rebuilt {
            None => "Built the site".to_string(),
            Some(r) if r.everything => "Rebuilt everything".to_string(),
            Some(r) if r.theme => "Re-rendered every page with the changed theme".to_string(),
            Some(r) if r.stories.is_empty() => "Rebuilt the site-wide pages".to_string(),
            Some(r) => format!("Rebuilt {}", r.stories.join(", ")),
        };
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        let summary = crate::cli::summary(&diagnostics);
        if diagnostics.has_errors() {
            let serving = if self.last_good.is_some() {
                "still serving the last good version"
            } else {
                "nothing to serve until it builds"
            };
            eprintln!("{what} in {elapsed:.0} ms: the build fails ({summary}); {serving}.");
        } else {
            eprintln!("{what} in {elapsed:.0} ms ({summary}).");
        }
    }
}

/// The quoted source lines of a rendered diagnostic: the overlay shows its location, message
/// and hint on their own, so the terminal's first line and hint line are left out.
fn source_excerpt(rendered: &str) -> String {
    let lines: Vec<&str> = rendered
        .lines()
        .skip(1)
        .filter(|l| !l.trim_start().starts_with("= hint:"))
        .collect();
    if lines
        .iter()
        .all(|l| l.trim().trim_matches('|').trim().is_empty())
    {
        return String::new();
    }
    lines.join("\n")
}

/// When every changed file is a stylesheet of the theme or the site, the stylesheets' output paths (tabs
/// swap them without reloading; the server turns them into URLs under the base path).
fn stylesheets_only(site: &SitePaths, paths: &[PathBuf]) -> Option<Vec<String>> {
    let styles: Option<Vec<String>> = paths.iter().map(|p| site.stylesheet(p)).collect();
    styles.filter(|s| !s.is_empty())
}

fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("Could not open a browser ({opener} failed); open {url} yourself.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_excerpt_is_the_quoted_source_only() {
        let rendered = "error: f.yaml:2:3: bad\n  |\n2 | a: [b\n  |   ^\n  = hint: close it\n";
        assert_eq!(source_excerpt(rendered), "  |\n2 | a: [b\n  |   ^");
        assert_eq!(source_excerpt("error: f.yaml: bad\n  = hint: x\n"), "");
    }

    #[test]
    fn only_theme_and_site_stylesheets_are_swapped_in_place() {
        let site = SitePaths::new(std::path::Path::new("/site"), &["default".to_string()]);
        let css = PathBuf::from("/site/themes/default/static/css/print.css");
        let page = PathBuf::from("/site/themes/default/templates/base.html");
        assert_eq!(
            stylesheets_only(&site, std::slice::from_ref(&css)),
            Some(vec!["css/print.css".to_string()])
        );
        assert_eq!(
            stylesheets_only(&site, &[PathBuf::from("/site/static/extra.css")]),
            Some(vec!["extra.css".to_string()])
        );
        assert_eq!(stylesheets_only(&site, &[css, page]), None);
        assert_eq!(
            stylesheets_only(&site, &[PathBuf::from("/site/static/CNAME")]),
            None
        );
        for other in [
            "/site/content/static/x.css",
            "/site/themes/other/static/x.css",
            "/themes/default/static/x.css",
        ] {
            assert_eq!(
                stylesheets_only(&site, &[PathBuf::from(other)]),
                None,
                "{other}"
            );
        }
    }
}

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

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::pipeline::{BuildOptions, Change, Project, Rebuilt, SiteOutput, SitePaths};
use crate::render::RenderOptions;
use http::{ErrorReport, Live, PortChoice, Server, Snapshot};

/// The port `digest serve` listens on unless told otherwise (another one is picked when it is
/// taken).
pub const DEFAULT_PORT: u16 = 1111;

/// How to serve a site (`digest serve`'s options).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder (the one with site.yaml).
    pub root: PathBuf,
    /// `None`: [`DEFAULT_PORT`], or any free port if that one is taken.
    pub port: Option<u16>,
    /// The address to listen on; anything but a loopback address exposes the preview to the
    /// network (which [`ServeEvent::Exposed`] warns of).
    pub interface: IpAddr,
    /// Include stories marked `draft: true`.
    pub drafts: bool,
    /// Replaces the site's base URL; by default the site's own path (`/repo/` of
    /// `https://user.github.io/repo/`) is served at this server's address.
    pub base_url: Option<String>,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// What the preview tells its user as it goes; the command prints it (see
/// `commands::report::serve_event`).
pub enum ServeEvent<'a> {
    /// The default port was taken by another program; `port` is served instead.
    PortTaken {
        /// The port asked for by default ([`DEFAULT_PORT`]).
        default: u16,
        /// The free port taken instead.
        port: u16,
    },
    /// The preview listens on an interface that other machines can reach.
    Exposed {
        /// The address listened on.
        interface: IpAddr,
    },
    /// The site was built (`rebuilt` is `None` the first time) or rebuilt after a save.
    Built {
        /// The site as built, with its problems and the texts they quote.
        project: &'a Project,
        /// What the save made rebuild; `None` for the first build.
        rebuilt: Option<&'a Rebuilt>,
        /// How long the build took.
        elapsed: Duration,
        /// Whether a good version is being served while this one has errors.
        serving_last_good: bool,
    },
    /// The site is served from now on at `url`.
    Serving {
        /// The site's folder, as given.
        root: &'a Path,
        /// The address of its home page (under the site's base path).
        url: &'a str,
    },
    /// `--open` could not start a browser with `opener`.
    BrowserNotOpened {
        /// The program that could not be started (`xdg-open`, `open`).
        opener: &'a str,
        /// The address to open by hand.
        url: &'a str,
    },
    /// The server stopped (Ctrl-C).
    Stopped,
}

/// Serves until Ctrl-C (or until the watcher fails), telling `tell` what happens. Errors are
/// for the terminal.
pub fn run(
    options: &ServeOptions,
    tell: impl Fn(&ServeEvent<'_>) + Send + Sync + 'static,
) -> Result<(), String> {
    let tell = Arc::new(tell);
    let port = match options.port {
        Some(port) => PortChoice::Exactly(port),
        None => PortChoice::PreferDefault(DEFAULT_PORT),
    };
    let server = Arc::new(Server::bind(options.interface, port)?);
    let address = server.local_addr();
    if server.fell_back() {
        tell(&ServeEvent::PortTaken {
            default: DEFAULT_PORT,
            port: address.port(),
        });
    }
    if !options.interface.is_loopback() {
        tell(&ServeEvent::Exposed {
            interface: options.interface,
        });
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
        render: RenderOptions {
            live_reload: true,
            pages_only: false,
        },
    };

    // Watching starts before the first build reads anything, so that no save is missed between
    // the two (changes made during the build are the first burst).
    let mut watcher = watch::Watcher::new(&options.root)?;
    let started = Instant::now();
    let project = Project::open(&options.root, build_options);
    let mut preview = Preview {
        last_good: None,
        project,
        tell: Arc::clone(&tell),
    };
    let snapshot = preview.snapshot();
    preview.report(started, None);
    let base_path = snapshot.base_path.clone();
    let live = Live::new(snapshot);

    let url = format!("http://{host}:{}{base_path}", address.port());
    tell(&ServeEvent::Serving {
        root: &options.root,
        url: &url,
    });

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
    if options.open
        && let Err(opener) = open_in_browser(&url)
    {
        tell(&ServeEvent::BrowserNotOpened { opener, url: &url });
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
    tell(&ServeEvent::Stopped);
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(format!("the server stopped: {err}")),
        Err(_) => Err("the server stopped unexpectedly".into()),
    }
}

/// The project and the last site that built, which is served while the current one is broken.
struct Preview<T> {
    project: Project,
    last_good: Option<SiteOutput>,
    tell: Arc<T>,
}

impl<T: Fn(&ServeEvent<'_>)> Preview<T> {
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
            http::TabUpdate::Errors
        } else if !had_errors && let Some(styles) = stylesheets_only(&paths, &burst.paths) {
            http::TabUpdate::Styles(styles)
        } else {
            http::TabUpdate::Reload
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

    /// Tells what was rebuilt, with every diagnostic.
    fn report(&self, started: Instant, rebuilt: Option<&Rebuilt>) {
        (self.tell)(&ServeEvent::Built {
            project: &self.project,
            rebuilt,
            elapsed: started.elapsed(),
            serving_last_good: self.last_good.is_some(),
        });
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

/// Opens `url` in the default browser; `Err` names the program that could not be started.
fn open_in_browser(url: &str) -> Result<(), &'static str> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|_| opener)
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

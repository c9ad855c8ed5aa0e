//! `digest serve` as an editor uses it: the real binary on a temporary copy of the example site,
//! over real HTTP on 127.0.0.1. A save rebuilds the page; a broken save keeps the last good site
//! and reports the errors (terminal and event stream); the repair recovers; nothing outside the
//! built site can be requested; Ctrl-C stops it; nothing it adds ends up in `digest build`.

mod common;

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::http::{self, EventStream, Response};
use common::{STORY, Site, assert_success, stderr};

const WAIT: Duration = Duration::from_secs(20);

/// A running `digest serve`, stopped with Ctrl-C when dropped.
struct Served {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Served {
    fn start(root: &Path, extra: &[&str]) -> Served {
        let mut args = vec!["--port", "0"];
        args.extend_from_slice(extra);
        Served::start_with(root, &args)
    }

    fn start_with(root: &Path, args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_digest"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start digest serve");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split(" at http://127.0.0.1:").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
                let mut log = shared.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let port = rx
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("serve did not start:\n{}", log.lock().unwrap()));
        Served { child, port, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// `METHOD path`, which must be answered.
    fn request(&self, method: &str, path: &str) -> Response {
        http::request(self.addr(), method, path.as_bytes(), WAIT)
            .unwrap_or_else(|| panic!("no answer to {method} {path}"))
    }

    fn get(&self, path: &str) -> Response {
        http::get(self.addr(), path, WAIT)
    }

    /// The data of the `hello` event a tab gets when it connects: the current errors.
    fn hello(&self) -> String {
        EventStream::open(self.addr(), WAIT).event("hello")
    }

    /// Polls until `check` holds (the rebuild runs after the watcher's quiet period).
    fn wait_for(&self, what: &str, check: impl Fn() -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if check() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; serve's log:\n{}", self.log());
    }

    /// Ctrl-C; the exit status and how long it took.
    fn interrupt(&mut self) -> (Option<i32>, Duration) {
        let start = Instant::now();
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status.code(), start.elapsed());
            }
            assert!(start.elapsed() < WAIT, "serve did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn story_url() -> String {
    format!("/digest/stories/{STORY}/")
}

const TITLE: &str = "title: Putin congratulates Trump at the Valdai forum";

#[test]
fn a_save_rebuilds_the_page_and_a_broken_save_keeps_the_last_good_site() {
    let site = Site::example();
    let served = Served::start(&site.root, &[]);
    let page = served.get(&story_url());
    assert_eq!(page.status, 200, "{:.300}", page.text());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8"),
        "{}",
        page.head
    );
    assert!(
        page.text()
            .contains("Putin congratulates Trump at the Valdai forum")
    );
    assert_eq!(served.hello(), r#"{"generation":0,"errors":[]}"#);

    // A good save: the page changes.
    site.edit(&site.story_file("story.md"), TITLE, "title: Edited once");
    served.wait_for("the edited title", || {
        served.get(&story_url()).text().contains("Edited once")
    });
    assert!(
        served.get("/digest/").text().contains("Edited once"),
        "home too"
    );

    // A broken save: the errors are reported, the last good page is still served.
    let quotes = site.story_file("quotes.yaml");
    let good_quotes = std::fs::read_to_string(&quotes).unwrap();
    std::fs::write(&quotes, format!("{good_quotes}\n- id: [unclosed\n")).unwrap();
    served.wait_for("the errors in the event stream", || {
        served.hello().contains("quotes.yaml")
    });
    let hello = served.hello();
    assert!(
        hello.contains(&format!(
            r#""file":"content/stories/{STORY}/quotes.yaml","line":"#
        )),
        "{hello}"
    );
    let log = served.log();
    assert!(
        log.contains(&format!("error: content/stories/{STORY}/quotes.yaml:")),
        "{log}"
    );
    assert!(log.contains("still serving the last good version"), "{log}");
    let page = served.get(&story_url());
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Edited once"), "the last good page");

    // The repair: the errors go, the page follows the latest save.
    std::fs::write(&quotes, &good_quotes).unwrap();
    site.edit(
        &site.story_file("story.md"),
        "title: Edited once",
        "title: Edited twice",
    );
    served.wait_for("recovery", || {
        served.hello().contains(r#""errors":[]"#)
            && served.get(&story_url()).text().contains("Edited twice")
    });
    assert!(
        !site.path("public").exists(),
        "serve writes nothing to disk"
    );
}

#[test]
fn the_sites_static_folder_is_served_and_watched_once_it_is_created() {
    let site = Site::example();
    let served = Served::start(&site.root, &[]);
    assert_eq!(served.get("/digest/CNAME").status, 404);
    // An empty folder first (its burst of events over before a file comes): the watcher must
    // start watching it all the same, though nothing was rebuilt.
    std::fs::create_dir_all(site.path("static/img")).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    served.wait_for("the new static folder to be watched", || {
        std::fs::write(site.path("static/CNAME"), "news.example.org\n").unwrap();
        served.get("/digest/CNAME").text() == "news.example.org\n"
    });
    std::fs::write(site.path("static/img/logo.svg"), "<svg></svg>").unwrap();
    served.wait_for("a file in a folder of the new folder", || {
        served.get("/digest/img/logo.svg").status == 200
    });
    std::fs::write(site.path("static/CNAME"), "digest.example.org\n").unwrap();
    served.wait_for("the changed file", || {
        served
            .get("/digest/CNAME")
            .text()
            .ends_with("digest.example.org\n")
    });
}

#[test]
fn a_site_without_a_themes_folder_picks_up_a_template_override_and_its_removal() {
    let site = Site::example();
    std::fs::remove_dir_all(site.path("themes")).unwrap();
    site.edit(
        &site.path("site.yaml"),
        "theme: default",
        "theme: broadsheet",
    );
    let served = Served::start(&site.root, &[]);
    let page = served.get("/digest/404.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("broadsheet.css"), "the built-in theme");
    // The site's own templates/ folder does not exist yet: it is watched once it is created.
    std::fs::create_dir_all(site.path("templates")).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let ours = "{% extends \"base.html\" %}{% block main %}<h1>Not here</h1>{% endblock main %}";
    served.wait_for("the override to be served", || {
        std::fs::write(site.path("templates/404.html"), ours).unwrap();
        served
            .get("/digest/404.html")
            .text()
            .contains("<h1>Not here</h1>")
    });
    std::fs::remove_file(site.path("templates/404.html")).unwrap();
    served.wait_for("the theme's template again", || {
        let page = served.get("/digest/404.html").text();
        !page.contains("Not here") && page.contains("broadsheet.css")
    });
}

#[test]
fn the_site_is_served_under_its_base_path_with_real_http() {
    let site = Site::example();
    let served = Served::start(&site.root, &[]);
    let response = served.get("/");
    assert_eq!(response.status, 302);
    assert_eq!(
        response.header("location"),
        Some("/digest/"),
        "{}",
        response.head
    );
    let response = served.get(&format!("/digest/stories/{STORY}?x=1"));
    assert_eq!(response.status, 301);
    assert_eq!(
        response.header("location"),
        Some(format!("/digest/stories/{STORY}/?x=1").as_str()),
        "{}",
        response.head
    );
    let page = served.get("/digest/no-such-page/");
    assert_eq!(page.status, 404);
    assert!(
        page.text().contains("Page not found"),
        "the site's own 404 page"
    );
    for (path, content_type) in [
        ("/digest/style.css", "text/css; charset=utf-8"),
        ("/digest/syntax.css", "text/css; charset=utf-8"),
        ("/digest/footnotes.js", "text/javascript; charset=utf-8"),
        ("/digest/atom.xml", "application/atom+xml"),
        ("/digest/sitemap.xml", "application/xml"),
        ("/digest/robots.txt", "text/plain; charset=utf-8"),
        ("/digest/search-index.json", "application/json"),
        (
            &format!("/digest/stories/{STORY}/timeline.json"),
            "application/json",
        ),
        (
            &format!("/digest/stories/{STORY}/annotations.jsonld"),
            "application/ld+json",
        ),
        ("/__digest/reload.js", "text/javascript"),
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert!(
            response
                .header("content-type")
                .is_some_and(|value| value.starts_with(content_type)),
            "{path}: {}",
            response.head
        );
    }
    // Links in pages point at the preview, under the same path as when published.
    let page = served.get(&story_url()).text();
    assert!(
        page.contains(&format!("http://127.0.0.1:{}/digest/", served.port)),
        "canonical URLs use the preview's address"
    );
    let head = served.request("HEAD", "/digest/");
    assert_eq!(head.status, 200);
    let length: usize = head
        .header("content-length")
        .and_then(|n| n.parse().ok())
        .expect("HEAD has a Content-Length");
    assert!(length > 1000);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(served.request("POST", "/digest/").status, 405);
    // Several requests at once.
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let addr = served.addr();
            std::thread::spawn(move || {
                http::request(addr, "GET", b"/digest/", WAIT)
                    .is_some_and(|r| r.head.starts_with("HTTP/1.1 200"))
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap(), "every concurrent request is answered");
    }
}

#[test]
fn no_request_reads_anything_but_the_built_site() {
    let site = Site::example();
    let served = Served::start(&site.root, &[]);
    let secrets = [
        "base_url: https://example.github.io/digest/", // site.yaml
        "root:x:0:0",                                  // /etc/passwd
        "[package]",                                   // a Cargo.toml
        "kind: newspaper",                             // content/sources.yaml
    ];
    let targets = [
        "/../site.yaml",
        "/digest/../site.yaml",
        "/digest/../../../../etc/passwd",
        "/digest/..%2f..%2fsite.yaml",
        "/digest/%2e%2e/%2e%2e/etc/passwd",
        "/digest/%2E%2e/site.yaml",
        "/digest/.%2e/site.yaml",
        "/digest/stories/../../Cargo.toml",
        "/digest/..\\..\\site.yaml",
        "/digest/%5c..%5c..%5csite.yaml",
        "/C:\\Windows\\win.ini",
        "//etc/passwd",
        "/digest//etc/passwd",
        "/digest/%00",
        "/digest/index.html%00.txt",
        "/digest/content/sources.yaml",
        "/digest/site.yaml",
        "/etc/passwd",
        "http://127.0.0.1/etc/passwd",
        "*",
        "/digest/%zz",
        "/digest/%c0%ae%c0%ae/site.yaml",
    ];
    for target in targets {
        let response = served.get(target);
        let status = response.status;
        assert!(
            [400, 404].contains(&status) || (status == 302 && target == "/../site.yaml"),
            "{target}: {status}"
        );
        for secret in secrets {
            assert!(
                !response.head.contains(secret) && !response.text().contains(secret),
                "{target} leaked {secret}"
            );
        }
    }
    let long = format!("/digest/{}", "a".repeat(5000));
    assert_eq!(served.get(&long).status, 400);
    // Left unanswered (or refused): a NUL in the request line.
    let response = http::exchange(
        served.addr(),
        b"GET /digest/\0 HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(2),
    );
    assert!(
        response.as_ref().is_none_or(|r| r.status == 400),
        "{:?}",
        response.map(|r| r.head)
    );
}

#[test]
fn ctrl_c_stops_it_cleanly_and_a_taken_port_is_an_error() {
    let site = Site::example();
    let mut served = Served::start(&site.root, &[]);
    // An explicit port that is taken: an error naming it, and no fallback.
    let out = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["serve", "--root"])
        .arg(&site.root)
        .args(["--port", &served.port.to_string()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("port {}", served.port)),
        "{}",
        stderr(&out)
    );
    let (code, took) = served.interrupt();
    assert_eq!(code, Some(0), "{}", served.log());
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(served.log().contains("Stopped."));
    assert!(
        TcpStream::connect(("127.0.0.1", served.port)).is_err(),
        "the port is closed"
    );
}

#[test]
fn a_build_contains_nothing_that_serve_adds() {
    let site = Site::example();
    assert_success(&site.build());
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__digest"), "{path} mentions serve's files");
        // The search page runs a script, the theme's own (tests/search.rs), and so does a page
        // with footnotes, footnotes.js (tests/footnotes.rs); no other page.
        if path.ends_with(".html") && path != "search/index.html" {
            let own = text.contains("doc-endnotes");
            assert_eq!(
                text.contains("script-src 'none'"),
                !own,
                "{path}: strict CSP"
            );
            assert_eq!(text.contains("script-src 'self'"), own, "{path}");
        }
    }
    // And under serve, pages load the reload script with a policy that allows it.
    let served = Served::start(&site.root, &[]);
    let page = served.get(&story_url()).text();
    assert!(
        page.contains("src=/__digest/reload.js") || page.contains("src=\"/__digest/reload.js\"")
    );
    assert!(page.contains("script-src 'self'"));
    // The search page keeps its own script and form beside the reload script.
    let search = served.get("/digest/search/").text();
    assert!(search.contains("/__digest/reload.js") && search.contains("/digest/search.js"));
    assert!(search.contains("form-action 'self'") && search.contains("connect-src 'self'"));
}

#[test]
fn links_out_of_the_site_are_refused_in_build_and_serve() {
    let site = Site::example();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\nsource: fakti\n---\nSECRET TEXT\n").unwrap();
    let link = site.story_file("articles/leak.md");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "error: content/stories/{STORY}/articles/leak.md: refused: this is a symbolic link to"
        )),
        "{err}"
    );
    assert!(!site.path("public").exists());
    let served = Served::start(&site.root, &[]);
    assert!(served.hello().contains("leak.md"));
    assert!(!served.get(&story_url()).text().contains("SECRET TEXT"));
    // A link that stays inside the site is followed as before.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(site.story_file("articles/fakti.md"), &link).unwrap();
    served.wait_for("the link inside the site to be accepted", || {
        !served.hello().contains("refused")
    });
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let site = Site::example();
    let served = Served::start(&site.root, &[]);
    let rebuilds = |log: &str| log.lines().filter(|l| l.starts_with("Rebuilt")).count();
    assert_eq!(rebuilds(&served.log()), 0);
    // What `git checkout` of another branch does: many files at once, new folders among them.
    // Everything is read first, so the writes follow each other as fast as git's do.
    let story = site.path(&format!("content/stories/{STORY}"));
    let mut writes: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(&story)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&story).unwrap();
            let bytes = std::fs::read(entry.path()).unwrap();
            for i in 0..3 {
                writes.push((
                    site.path(&format!("content/stories/branch-{i}")).join(rel),
                    bytes.clone(),
                ));
            }
            if rel.starts_with("articles") {
                let mut edited = bytes.clone();
                edited.extend_from_slice(b"\nOne more paragraph.\n");
                writes.push((entry.path().to_path_buf(), edited));
            }
        }
    }
    for (path, bytes) in writes {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    served.wait_for("the new stories", || {
        served.get("/digest/stories/branch-2/").status == 200
    });
    std::thread::sleep(Duration::from_millis(500));
    let log = served.log();
    assert_eq!(rebuilds(&log), 1, "one rebuild for the whole burst:\n{log}");
    assert!(
        log.contains("Rebuilt branch-0, branch-1, branch-2, putin-congratulates-trump-valdai in"),
        "{log}"
    );
}

#[test]
fn exposing_the_preview_to_the_network_is_warned_about() {
    let site = Site::example();
    // Bound on every interface, but only ever spoken to on loopback.
    let served = Served::start(&site.root, &["--interface", "0.0.0.0"]);
    let log = served.log();
    assert!(
        log.contains("warning: serving on 0.0.0.0, which other machines can reach"),
        "{log}"
    );
    assert_eq!(served.get("/digest/").status, 200);
    let quiet = Served::start(&site.root, &[]);
    assert!(!quiet.log().contains("warning:"), "{}", quiet.log());
}

#[test]
fn a_taken_default_port_is_replaced_by_a_free_one_and_said_so() {
    let site = Site::example();
    // Hold the default port (if another program already does, the outcome is the same).
    let _holder = std::net::TcpListener::bind(("127.0.0.1", digest::serve::DEFAULT_PORT));
    let served = Served::start_with(&site.root, &[]);
    assert_ne!(served.port, digest::serve::DEFAULT_PORT);
    let log = served.log();
    assert!(
        log.contains(&format!(
            "Port {} is in use by another program; serving on port {} instead",
            digest::serve::DEFAULT_PORT,
            served.port
        )),
        "{log}"
    );
    assert_eq!(served.get("/digest/").status, 200);
}

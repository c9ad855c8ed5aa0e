//! The preview server over real loopback sockets, with raw HTTP/1.1 written
//! by hand: a client library would normalise the very targets under test.

mod common;

use std::collections::BTreeMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use common::http::{self, EventStream, Response};
use digest::diagnostics::Severity;
use digest::pipeline::SiteOutput;
use digest::render::Pages;
use digest::serve::http::{
    ErrorReport, Live, MAX_EVENT_STREAMS, PortChoice, Server, Snapshot, TabUpdate,
};

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
const TIMEOUT: Duration = Duration::from_secs(5);
const BIG_LEN: usize = 40_000;

fn snapshot() -> Snapshot {
    let mut files = BTreeMap::new();
    for (path, text) in [
        ("index.html", "<h1>home</h1>"),
        ("stories/x/index.html", "<h1>story x</h1>"),
        ("style.css", "body{}"),
        ("404.html", "<h1>lost</h1>"),
    ] {
        files.insert(path.to_owned(), text.as_bytes().to_vec());
    }
    files.insert("big.bin".to_owned(), vec![7; BIG_LEN]);
    Snapshot {
        files: SiteOutput::from_pages(Pages { files }),
        base_path: "/".to_owned(),
        errors: Vec::new(),
        generation: 0,
    }
}

/// A server running on its own thread; shut down when dropped.
struct Running {
    server: Arc<Server>,
    live: Arc<Live>,
    addr: SocketAddr,
    finished: Receiver<io::Result<()>>,
}

fn start(snapshot: Snapshot) -> Running {
    let server = Arc::new(Server::bind(LOOPBACK, PortChoice::Exactly(0)).unwrap());
    let live = Live::new(snapshot);
    let (done, finished) = mpsc::channel();
    let (runner, shared) = (Arc::clone(&server), Arc::clone(&live));
    thread::spawn(move || {
        let _ = done.send(runner.run(shared));
    });
    Running {
        addr: server.local_addr(),
        server,
        live,
        finished,
    }
}

impl Running {
    fn get(&self, target: &str) -> Response {
        http::get(self.addr, target, TIMEOUT)
    }

    /// `None` if the server closed the connection without answering.
    fn request(&self, method: &str, target: &[u8]) -> Option<Response> {
        http::request(self.addr, method, target, TIMEOUT)
    }

    fn events(&self) -> EventStream {
        EventStream::open(self.addr, TIMEOUT)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.server.shutdown();
    }
}

#[test]
fn serves_pages_head_404s_and_redirects() {
    let running = start(snapshot());
    let home = running.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.text(), "<h1>home</h1>");
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(home.header("Cache-Control"), Some("no-cache"));

    let story = running.get("/stories/x/");
    assert_eq!(
        (story.status, story.text().as_str()),
        (200, "<h1>story x</h1>")
    );

    let big = running.get("/big.bin");
    assert_eq!(big.body.len(), BIG_LEN);
    assert_eq!(big.header("Content-Length"), Some("40000"));
    let head = running.request("HEAD", b"/big.bin").unwrap();
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Length"), Some("40000"));
    assert_eq!(
        head.header("Content-Type"),
        Some("application/octet-stream")
    );
    assert_eq!(head.header("Transfer-Encoding"), None);
    assert!(head.body.is_empty());

    let missing = running.get("/nope");
    assert_eq!(
        (missing.status, missing.text().as_str()),
        (404, "<h1>lost</h1>")
    );

    let redirect = running.get("/stories/x?a=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/stories/x/?a=1"));

    let post = running.request("POST", b"/").unwrap();
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));

    let script = running.get("/__digest/reload.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("new EventSource(EVENTS_URL)"));
}

#[test]
fn no_target_reads_outside_the_map() {
    let running = start(snapshot());
    let long = format!("/{}", "a".repeat(3000));
    let targets: Vec<&[u8]> = vec![
        b"/..%2f..%2fetc/passwd",
        b"/%2e%2e/%2e%2e/etc/passwd",
        b"/%2E%2e/%2E%2e/etc/passwd",
        b"/.%2e/.%2e/etc/passwd",
        b"/../../etc/passwd",
        b"/stories/../../Cargo.toml",
        b"/C:\\Windows",
        b"//etc/passwd",
        b"/\\..\\..\\etc\\passwd",
        b"/..%5c..%5cCargo.toml",
        b"/etc/passwd%00",
        b"/etc/passwd\0",
        b"/%zz",
        b"/%ff",
        b"*",
        b"http://127.0.0.1/etc/passwd",
        b"etc/passwd",
        long.as_bytes(),
    ];
    for target in targets {
        let shown = String::from_utf8_lossy(target);
        let response = running
            .request("GET", target)
            .unwrap_or_else(|| panic!("no answer to {shown:?}"));
        assert!(
            matches!(response.status, 400 | 404),
            "{shown:?} got {}",
            response.status
        );
        let body = response.text();
        assert!(
            body == "Bad request.\n" || body == "<h1>lost</h1>",
            "{shown:?}: {body:?}"
        );
    }
    // tiny_http drops a request line that is not ASCII without answering.
    let non_ascii = running.request("GET", "/caf\u{e9}/../../etc/passwd".as_bytes());
    assert!(non_ascii.is_none_or(|response| response.status == 400));
}

#[test]
fn event_clients_get_hello_then_each_publish() {
    let running = start(snapshot());
    // One after the other: see `event_streams_beyond_the_cap_get_503`.
    let mut first = running.events();
    first.expect("HTTP/1.1 ");
    let mut second = running.events();
    for client in [&mut first, &mut second] {
        assert_eq!(
            client.expect("Content-Type:"),
            "Content-Type: text/event-stream\r"
        );
        assert!(client.seen.starts_with("HTTP/1.1 200 OK\r\n"));
        client.expect("Cache-Control: no-cache");
        assert_eq!(client.expect("event: "), "event: hello");
        assert_eq!(
            client.expect("data: "),
            r#"data: {"generation":0,"errors":[]}"#
        );
    }

    running.live.publish(snapshot(), TabUpdate::Reload);
    for client in [&mut first, &mut second] {
        assert_eq!(client.expect("event: "), "event: reload");
        assert_eq!(client.expect("data: "), "data: 1");
    }

    running
        .live
        .publish(snapshot(), TabUpdate::Styles(vec!["style.css".to_owned()]));
    assert_eq!(first.expect("event: "), "event: styles");
    assert_eq!(first.expect("data: "), r#"data: ["/style.css"]"#);

    let mut broken = snapshot();
    broken.errors = vec![ErrorReport {
        severity: Severity::Error,
        file: "content/stories/x/quotes.yaml".to_owned(),
        line: Some(41),
        column: Some(3),
        message: "expected a list".to_owned(),
        hint: None,
        excerpt: String::new(),
    }];
    running.live.publish(broken, TabUpdate::Errors);
    assert_eq!(first.expect("event: "), "event: errors");
    let data = first.expect("data: ");
    let errors: serde_json::Value = serde_json::from_str(&data["data: ".len()..]).unwrap();
    assert_eq!(errors[0]["file"], "content/stories/x/quotes.yaml");
    assert_eq!(errors[0]["line"], 41);
    assert_eq!(errors[0]["column"], 3);
    assert_eq!(errors[0]["message"], "expected a list");
    assert_eq!(errors[0]["hint"], serde_json::Value::Null);

    // A tab that reconnects learns what it missed from its hello.
    let mut late = running.events();
    late.expect("event: hello");
    let hello = late.expect("data: ");
    assert!(
        hello.starts_with(r#"data: {"generation":3,"errors":[{"#),
        "{hello}"
    );
}

#[test]
fn event_streams_beyond_the_cap_get_503() {
    let running = start(snapshot());
    // Opened one after the other: tiny_http 0.12 can leave a connection
    // accepted in a burst queued until another connection ends, and these
    // never end.
    let _open: Vec<EventStream> = (0..MAX_EVENT_STREAMS)
        .map(|_| {
            let mut client = running.events();
            client.expect("event: hello");
            client
        })
        .collect();
    let refused = running.get("/__digest/events");
    assert_eq!(refused.status, 503);
    // Pages are still served meanwhile.
    assert_eq!(running.get("/").status, 200);
}

#[test]
fn a_taken_default_port_falls_back_to_a_free_one() {
    let taken = TcpListener::bind((LOOPBACK, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::bind(LOOPBACK, PortChoice::PreferDefault(port)).unwrap();
    assert!(server.fell_back());
    assert_ne!(server.local_addr().port(), port);
    assert_ne!(server.local_addr().port(), 0);

    let free = Server::bind(LOOPBACK, PortChoice::PreferDefault(0)).unwrap();
    assert!(!free.fell_back());
}

#[test]
fn a_taken_exact_port_is_an_error_naming_it() {
    let taken = TcpListener::bind((LOOPBACK, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let error = match Server::bind(LOOPBACK, PortChoice::Exactly(port)) {
        Ok(_) => panic!("bound a taken port"),
        Err(error) => error,
    };
    assert!(error.contains(&format!("port {port}")), "{error}");
    assert!(error.contains("already in use"), "{error}");
    assert!(error.contains("choose another with --port N"), "{error}");
}

#[test]
fn shutdown_ends_run_promptly_with_a_stream_open() {
    let running = start(snapshot());
    let mut client = running.events();
    client.expect("event: hello");

    let asked = Instant::now();
    running.server.shutdown();
    let result = running
        .finished
        .recv_timeout(Duration::from_secs(2))
        .expect("run returned within 2 s");
    assert!(result.is_ok());
    assert!(asked.elapsed() < Duration::from_secs(2));
    // The stream ends cleanly with the last chunk.
    client.expect("0\r\n\r\n");
}

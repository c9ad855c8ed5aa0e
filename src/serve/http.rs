//! The HTTP side of `digest serve`: serves the site of the latest good build
//! from memory and tells open tabs to reload through Server-Sent Events.
//!
//! Why it is built the way it is:
//!
//! - The site is served from the map of output paths the build produced, never
//!   from the disk, so no request can read a file the build did not make. On
//!   top of that, request targets are parsed strictly ([`respond`] answers 400
//!   to anything ambiguous) so that a path never means two things.
//! - [`respond`] is a pure function from a snapshot and a request line to an
//!   answer, so every routing rule is unit-tested without sockets; the
//!   [`Server`] only moves bytes.
//! - tiny_http reads requests on a thread per connection but hands them out
//!   through a single queue. Each request is answered on its own thread so an
//!   event stream, which stays open for as long as its tab, never holds up a
//!   page load.
//! - Answers are written straight to the connection, not through tiny_http's
//!   `Response`: an event stream must be flushed event by event (a `Response`
//!   is only flushed at its end), and every answer says `Connection: close`
//!   (which `Response` cannot) so that no connection holds one of tiny_http's
//!   threads for longer than one request (see `send` for why that matters).

use std::borrow::Cow;
use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use serde::Serialize;

use crate::pipeline::SiteOutput;

/// Where pages load the live-reload script from. Pages are served exactly as
/// built: the theme adds the script when the render stage says so
/// (`site.live_reload`), which names this same path.
pub const RELOAD_SCRIPT_PATH: &str = crate::render::LIVE_RELOAD_SCRIPT;

/// Where the live-reload script loads the error overlay's styles from.
pub const OVERLAY_STYLES_PATH: &str = "/__digest/overlay.css";

/// The Server-Sent Events stream that the live-reload script listens to.
pub const EVENTS_PATH: &str = "/__digest/events";

/// The shared worker that holds one event stream for all of a browser's tabs.
pub const EVENTS_WORKER_PATH: &str = "/__digest/events-worker.js";

/// Paths under this prefix belong to the server, at the root of the host
/// whatever the site's base path, and are never looked up in the site.
const RESERVED_PREFIX: &str = "/__digest/";

/// How many event streams may be open at once. Each holds a thread and a
/// socket; beyond this the server answers 503 rather than run out of either.
pub const MAX_EVENT_STREAMS: usize = 64;

/// How long an event stream may stay silent before a comment line is sent.
/// Writing is the only way to notice that a tab went away, and a silent
/// stream may also be cut by the browser or an idle timeout on the way.
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(15);

/// How long [`Server::run`] waits, once stopped, for event streams to write
/// their last chunk, so browsers see a clean end rather than a reset.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// Longest request target accepted. Real site paths are far shorter; a longer
/// target is a mistake or a probe, and answering it early bounds the work.
const MAX_TARGET_LEN: usize = 2048;

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");
const EVENTS_WORKER_JS: &str = include_str!("events-worker.js");

const HTML: &str = "text/html; charset=utf-8";
const PLAIN_TEXT: &str = "text/plain; charset=utf-8";

/// One problem of the latest build attempt, as the overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    /// `"error"` or `"warning"`.
    pub severity: String,
    /// The source file, e.g. `content/stories/x/quotes.yaml`.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The terminal rendering (`file:line:col: message`, then the source line
    /// and a caret line), shown as preformatted text; may be empty.
    pub excerpt: String,
}

/// What is being served right now.
pub struct Snapshot {
    /// The site of the last build that succeeded, by output path (`/`
    /// separators, no leading slash); empty if no build has succeeded yet.
    pub files: SiteOutput,
    /// The path the site is served under: `"/"` or e.g. `"/repo/"`; always
    /// starts and ends with `/`.
    pub base_path: String,
    /// The problems of the latest build attempt; empty when it succeeded.
    pub errors: Vec<ErrorReport>,
    /// Tells tabs whether they missed a publish while disconnected. The value
    /// given to [`Live::new`] is kept; [`Live::publish`] sets it to the
    /// previous one plus one.
    pub generation: u64,
}

/// What a publish changed, which decides what open tabs do about it.
#[derive(Debug, Clone)]
pub enum Change {
    /// Pages changed: tabs reload.
    Reload,
    /// Only these stylesheets changed (output paths of `.css` files): tabs
    /// swap them in place and keep their scroll position and state.
    Styles(Vec<String>),
    /// Only the errors changed: tabs show them over the last good version.
    Errors,
}

/// The snapshot being served and the event streams to tell about the next
/// one; shared by the rebuild thread and the request threads.
pub struct Live {
    state: Mutex<LiveState>,
}

struct LiveState {
    snapshot: Arc<Snapshot>,
    /// One per event stream that was open at the last publish or opened
    /// since; the ones whose stream has ended are dropped at the next publish.
    listeners: Vec<Sender<StreamMessage>>,
}

/// What an event-stream thread is woken up for.
enum StreamMessage {
    /// Text to send as is: one or more complete events.
    Event(Arc<str>),
    /// The server is stopping: end the stream.
    Stop,
}

impl Live {
    pub fn new(initial: Snapshot) -> Arc<Live> {
        Arc::new(Live {
            state: Mutex::new(LiveState {
                snapshot: Arc::new(initial),
                listeners: Vec::new(),
            }),
        })
    }

    /// Makes `snapshot` the one served, then tells every open event stream
    /// about `change`. Both happen under one lock, so a stream that is
    /// opening sees either the old snapshot and then the event, or the new
    /// snapshot in its `hello`: never neither.
    pub fn publish(&self, mut snapshot: Snapshot, change: Change) {
        let mut state = lock(&self.state);
        snapshot.generation = state.snapshot.generation.wrapping_add(1);
        let event: Arc<str> = change_event(&snapshot, &change).into();
        state.snapshot = Arc::new(snapshot);
        state.listeners.retain(|listener| {
            listener
                .send(StreamMessage::Event(Arc::clone(&event)))
                .is_ok()
        });
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&lock(&self.state).snapshot)
    }

    /// Registers an event stream for later publishes and returns the
    /// snapshot its `hello` must describe.
    fn subscribe(&self, listener: Sender<StreamMessage>) -> Arc<Snapshot> {
        let mut state = lock(&self.state);
        state.listeners.push(listener);
        Arc::clone(&state.snapshot)
    }
}

/// Locks a mutex even if a thread panicked while holding it: every value
/// guarded here is replaced whole, so it is never left half-updated.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Which port to listen on.
#[derive(Debug, Clone, Copy)]
pub enum PortChoice {
    /// The user asked for this port: fail if it is taken.
    Exactly(u16),
    /// The default port: if it is taken, any free port will do.
    PreferDefault(u16),
}

/// The preview's HTTP server.
pub struct Server {
    http: tiny_http::Server,
    local_addr: SocketAddr,
    fell_back: bool,
    streams: Arc<StreamRegistry>,
}

impl Server {
    /// Listens on `interface`. With [`PortChoice::Exactly`] a taken port is an
    /// error that names it and says how to fix it; with
    /// [`PortChoice::PreferDefault`] a free port is taken instead and
    /// [`Server::fell_back`] tells so.
    pub fn bind(interface: IpAddr, port: PortChoice) -> Result<Server, String> {
        let (listener, fell_back) = match port {
            PortChoice::Exactly(port) => match TcpListener::bind((interface, port)) {
                Ok(listener) => (listener, false),
                Err(error) if error.kind() == io::ErrorKind::AddrInUse => {
                    return Err(format!(
                        "port {port} on {interface} is already in use by another program; \
                         stop that program, or choose another with --port N (--port 0 picks \
                         any free one)"
                    ));
                }
                Err(error) => return Err(cannot_listen(interface, port, &error)),
            },
            PortChoice::PreferDefault(port) => match TcpListener::bind((interface, port)) {
                Ok(listener) => (listener, false),
                Err(error) if error.kind() == io::ErrorKind::AddrInUse => {
                    let listener = TcpListener::bind((interface, 0))
                        .map_err(|error| cannot_listen(interface, 0, &error))?;
                    (listener, true)
                }
                Err(error) => return Err(cannot_listen(interface, port, &error)),
            },
        };
        let local_addr = listener
            .local_addr()
            .map_err(|error| format!("cannot tell which port was bound: {error}"))?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|error| format!("cannot serve on {local_addr}: {error}"))?;
        Ok(Server {
            http,
            local_addr,
            fell_back,
            streams: Arc::new(StreamRegistry::default()),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Whether the default port was taken and another one was bound.
    pub fn fell_back(&self) -> bool {
        self.fell_back
    }

    /// Answers requests, each on its own thread, until [`Server::shutdown`]
    /// is called from another thread; meant to be called once. Returns an
    /// error if the listening socket fails (tiny_http then stops accepting
    /// connections for good). Drop the server afterwards to close the socket.
    pub fn run(&self, live: Arc<Live>) -> io::Result<()> {
        let result = loop {
            let request = match self.http.recv() {
                Ok(request) => request,
                Err(_) if self.streams.is_stopping() => break Ok(()),
                Err(error) => break Err(error),
            };
            let live = Arc::clone(&live);
            let streams = Arc::clone(&self.streams);
            // If no thread can be had, the request is dropped with the
            // closure, and tiny_http answers it with a 500.
            let _ = thread::Builder::new()
                .name("digest-http".to_owned())
                .spawn(move || handle(request, &live, &streams));
        };
        self.streams.stop();
        self.streams.wait_until_closed(SHUTDOWN_GRACE);
        result
    }

    /// Makes [`Server::run`] return: ends the event streams and stops taking
    /// requests. Requests already read are still answered.
    pub fn shutdown(&self) {
        self.streams.stop();
        self.http.unblock();
    }
}

fn cannot_listen(interface: IpAddr, port: u16, error: &io::Error) -> String {
    format!("cannot listen on port {port} of {interface}: {error}")
}

/// The open event streams, so that shutdown can end them and the number of
/// them can be capped.
#[derive(Default)]
struct StreamRegistry {
    state: Mutex<StreamsState>,
    /// Signalled whenever a stream ends.
    closed: Condvar,
}

#[derive(Default)]
struct StreamsState {
    stopping: bool,
    next_id: u64,
    open: Vec<(u64, Sender<StreamMessage>)>,
}

/// An open event stream's place in the registry; gives it back when dropped.
struct StreamSlot {
    registry: Arc<StreamRegistry>,
    id: u64,
}

impl StreamRegistry {
    /// Takes a slot for a new stream, or says why there is none.
    fn open(self: &Arc<Self>, listener: Sender<StreamMessage>) -> Result<StreamSlot, &'static str> {
        let mut state = lock(&self.state);
        if state.stopping {
            return Err("The server is shutting down.\n");
        }
        if state.open.len() >= MAX_EVENT_STREAMS {
            return Err("Too many live-reload connections are open; close some tabs.\n");
        }
        let id = state.next_id;
        state.next_id += 1;
        state.open.push((id, listener));
        Ok(StreamSlot {
            registry: Arc::clone(self),
            id,
        })
    }

    fn is_stopping(&self) -> bool {
        lock(&self.state).stopping
    }

    /// Tells every open stream to end, and refuses new ones from now on.
    fn stop(&self) {
        let mut state = lock(&self.state);
        state.stopping = true;
        for (_, listener) in &state.open {
            // A stream whose thread already ended needs no telling.
            let _ = listener.send(StreamMessage::Stop);
        }
    }

    fn wait_until_closed(&self, timeout: Duration) {
        let state = lock(&self.state);
        let _ = self
            .closed
            .wait_timeout_while(state, timeout, |state| !state.open.is_empty())
            .unwrap_or_else(PoisonError::into_inner);
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        lock(&self.registry.state)
            .open
            .retain(|(id, _)| *id != self.id);
        self.registry.closed.notify_all();
    }
}

fn handle(request: tiny_http::Request, live: &Live, streams: &Arc<StreamRegistry>) {
    let reply = respond(&live.snapshot(), request.method().as_str(), request.url());
    if matches!(reply.body, Body::Events) {
        stream_events(request, &reply.headers, live, streams);
    } else {
        send(request, &reply);
    }
}

/// Writes the answer straight to the connection rather than through a
/// tiny_http `Response`, so that it can say `Connection: close`, which
/// tiny_http refuses to send. Each connection then carries one request and
/// gives its tiny_http thread back as soon as the browser closes it: tiny_http
/// 0.12 can leave a newly accepted connection queued until some other
/// connection ends, and a kept-alive connection only ends when the browser
/// tires of it, minutes later.
fn send(request: tiny_http::Request, reply: &Reply) {
    let mut out = request.into_writer();
    // A client that went away before its answer is nobody's problem.
    let _ = write_head(&mut out, reply.status, &reply.headers, "")
        .and_then(|()| out.write_all(reply.body.as_ref()))
        .and_then(|()| out.flush());
}

/// The status line and headers of a reply, with `Connection: close` and
/// `framing` (empty, or the `Transfer-Encoding` line) after them.
fn write_head<W: Write>(
    out: &mut W,
    status: u16,
    headers: &[(&'static str, String)],
    framing: &str,
) -> io::Result<()> {
    let reason = tiny_http::StatusCode(status).default_reason_phrase();
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    // HTTP/1.1 asks a server with a clock to date its answers.
    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
    head.push_str(&format!("Date: {date}\r\n"));
    head.push_str("Connection: close\r\n");
    head.push_str(framing);
    head.push_str("\r\n");
    out.write_all(head.as_bytes())
}

fn stream_events(
    request: tiny_http::Request,
    headers: &[(&'static str, String)],
    live: &Live,
    streams: &Arc<StreamRegistry>,
) {
    let (listener, messages) = mpsc::channel();
    let _slot = match streams.open(listener.clone()) {
        Ok(slot) => slot,
        Err(why) => return send(request, &Reply::text(503, why)),
    };
    let hello = hello_event(&live.subscribe(listener));
    // HTTP/1.0 has no chunks: there the stream ends when tiny_http closes
    // the connection, once this writer is dropped.
    let chunked = *request.http_version() >= (1, 1);
    let Ok(mut stream) = EventStream::start(request.into_writer(), headers, chunked) else {
        return;
    };
    if pump(&mut stream, &hello, &messages, KEEPALIVE_INTERVAL).is_ok() {
        // The browser reconnects on its own; nothing to do if it is gone.
        let _ = stream.finish();
    }
}

/// The body of an event stream, written and flushed event by event.
struct EventStream<W: Write> {
    out: W,
    chunked: bool,
}

impl<W: Write> EventStream<W> {
    /// Writes the response head. On HTTP/1.1 the body is chunked, so that
    /// it can end cleanly: the connection itself is tiny_http's to close.
    fn start(mut out: W, headers: &[(&'static str, String)], chunked: bool) -> io::Result<Self> {
        let framing = if chunked {
            "Transfer-Encoding: chunked\r\n"
        } else {
            ""
        };
        write_head(&mut out, 200, headers, framing)?;
        out.flush()?;
        Ok(EventStream { out, chunked })
    }

    fn send(&mut self, text: &str) -> io::Result<()> {
        if self.chunked {
            write!(self.out, "{:x}\r\n{text}\r\n", text.len())?;
        } else {
            self.out.write_all(text.as_bytes())?;
        }
        self.out.flush()
    }

    fn finish(mut self) -> io::Result<()> {
        if self.chunked {
            self.out.write_all(b"0\r\n\r\n")?;
        }
        self.out.flush()
    }
}

/// Sends `hello`, then each published event, and a keepalive comment after
/// every `keepalive` of silence, until the server stops. A write error means
/// the client is gone and ends the stream too.
fn pump<W: Write>(
    stream: &mut EventStream<W>,
    hello: &str,
    messages: &Receiver<StreamMessage>,
    keepalive: Duration,
) -> io::Result<()> {
    stream.send(hello)?;
    loop {
        match messages.recv_timeout(keepalive) {
            Ok(StreamMessage::Event(text)) => stream.send(&text)?,
            Err(RecvTimeoutError::Timeout) => stream.send(": keepalive\n\n")?,
            Ok(StreamMessage::Stop) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// The first event of every stream: where the build stands. `retry` makes a
/// tab reconnect one second after the server goes away instead of three.
fn hello_event(snapshot: &Snapshot) -> String {
    #[derive(Serialize)]
    struct Hello<'a> {
        generation: u64,
        errors: &'a [ErrorReport],
    }
    let hello = Hello {
        generation: snapshot.generation,
        errors: &snapshot.errors,
    };
    format!("retry: 1000\n{}", event("hello", &to_json(&hello)))
}

fn change_event(snapshot: &Snapshot, change: &Change) -> String {
    match change {
        Change::Reload => event("reload", &snapshot.generation.to_string()),
        Change::Styles(paths) => {
            let urls: Vec<String> = paths
                .iter()
                .map(|path| format!("{}{}", snapshot.base_path, encode_path(path)))
                .collect();
            event("styles", &to_json(&urls))
        }
        Change::Errors => event("errors", &to_json(&snapshot.errors)),
    }
}

/// One event; `data` must be a single line, which compact JSON always is.
fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("strings, numbers and lists always serialize to JSON")
}

/// Percent-encodes what a browser encodes in a URL path (controls, space,
/// `"#<>?` and backtick, braces, non-ASCII), and `%` itself, so the script
/// can compare the result with the pathname of a `<link>`.
fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte <= b' ' || byte >= 0x7f || b"\"#%<>?`{}".contains(&byte) {
            encoded.push_str(&format!("%{byte:02X}"));
        } else {
            encoded.push(char::from(byte));
        }
    }
    encoded
}

/// The answer to one request, as [`respond`] decides it.
pub struct Reply {
    pub status: u16,
    /// In the order they are sent. Every reply but the event stream carries
    /// its `Content-Length`, HEAD answers included.
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

/// What follows the headers of a [`Reply`].
pub enum Body {
    /// A file of the site, shared with the snapshot instead of copied.
    Site { files: SiteOutput, path: String },
    /// A page or asset of the server itself, or nothing.
    Builtin(Cow<'static, [u8]>),
    /// The live-reload event stream, open until the server stops.
    Events,
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Site { files, path } => files.get(path).unwrap_or_default(),
            Body::Builtin(bytes) => bytes,
            Body::Events => &[],
        }
    }
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Body) -> Reply {
        let mut headers = vec![("Content-Type", content_type.to_owned())];
        if !matches!(body, Body::Events) {
            headers.push(("Content-Length", body.as_ref().len().to_string()));
        }
        // The preview is rebuilt under the browser's feet: never let it
        // reuse an old copy, nor guess a type other than the one given.
        headers.push(("X-Content-Type-Options", "nosniff".to_owned()));
        headers.push(("Cache-Control", "no-cache".to_owned()));
        Reply {
            status,
            headers,
            body,
        }
    }

    fn text(status: u16, text: &'static str) -> Reply {
        Reply::new(status, PLAIN_TEXT, Body::Builtin(text.as_bytes().into()))
    }

    fn html(status: u16, html: String) -> Reply {
        Reply::new(status, HTML, Body::Builtin(html.into_bytes().into()))
    }

    fn redirect(status: u16, location: String) -> Reply {
        Reply::new(status, PLAIN_TEXT, Body::Builtin(Cow::Borrowed(b"")))
            .with_header("Location", location)
    }

    fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// The answer to one request. `target` is the request target exactly as
/// sent, query included. Site paths are looked up in `snapshot.files` and
/// nowhere else; the event stream is only named ([`Body::Events`]), since
/// streaming it is the server's job.
pub fn respond(snapshot: &Snapshot, method: &str, target: &str) -> Reply {
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return Reply::text(405, "Method not allowed: use GET or HEAD.\n")
                .with_header("Allow", "GET, HEAD".to_owned());
        }
    };
    let mut reply = match Target::parse(target) {
        Some(target) => route(snapshot, &target),
        None => Reply::text(400, "Bad request.\n"),
    };
    if head {
        // Same status and headers, Content-Length included: only the body goes.
        reply.body = Body::Builtin(Cow::Borrowed(b""));
    }
    reply
}

/// A request target that passed every check.
struct Target<'a> {
    /// The path as sent, still percent-encoded: safe to echo in `Location`.
    raw_path: &'a str,
    query: Option<&'a str>,
    /// The path percent-decoded once: what is looked up.
    path: String,
}

impl<'a> Target<'a> {
    /// Accepts only an origin-form target (`/path?query`) that means one
    /// thing whoever reads it: no control characters or spaces (which could
    /// also split a `Location` header), no backslash, no doubled slash, no
    /// `.` or `..` segment, no encoded slash or NUL, valid `%` escapes and
    /// UTF-8 once decoded.
    fn parse(target: &'a str) -> Option<Target<'a>> {
        if target.len() > MAX_TARGET_LEN
            || !target.starts_with('/')
            || !target.bytes().all(|byte| byte.is_ascii_graphic())
        {
            return None;
        }
        let (raw_path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (target, None),
        };
        if raw_path.contains('\\') || raw_path.contains("//") {
            return None;
        }
        let path = percent_decode(raw_path)?;
        if path
            .split('/')
            .any(|segment| segment == "." || segment == "..")
        {
            return None;
        }
        Some(Target {
            raw_path,
            query,
            path,
        })
    }

    /// `path` with this target's query string, if it had one.
    fn keeping_query(&self, path: &str) -> String {
        match self.query {
            Some(query) => format!("{path}?{query}"),
            None => path.to_owned(),
        }
    }
}

/// Decodes `%XX` escapes once. Refuses a malformed escape, and escapes of NUL,
/// `/` and `\`, which would make one path look like another.
fn percent_decode(raw: &str) -> Option<String> {
    fn hex(digit: u8) -> Option<u8> {
        char::from(digit)
            .to_digit(16)
            .and_then(|value| u8::try_from(value).ok())
    }
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let high = hex(*bytes.get(at + 1)?)?;
            let low = hex(*bytes.get(at + 2)?)?;
            let byte = high << 4 | low;
            if matches!(byte, 0 | b'/' | b'\\') {
                return None;
            }
            decoded.push(byte);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

fn route(snapshot: &Snapshot, target: &Target<'_>) -> Reply {
    if target.path.starts_with(RESERVED_PREFIX) {
        return match target.path.as_str() {
            RELOAD_SCRIPT_PATH => Reply::new(
                200,
                "text/javascript; charset=utf-8",
                Body::Builtin(RELOAD_JS.as_bytes().into()),
            ),
            OVERLAY_STYLES_PATH => Reply::new(
                200,
                "text/css; charset=utf-8",
                Body::Builtin(OVERLAY_CSS.as_bytes().into()),
            ),
            EVENTS_WORKER_PATH => Reply::new(
                200,
                "text/javascript; charset=utf-8",
                Body::Builtin(EVENTS_WORKER_JS.as_bytes().into()),
            ),
            EVENTS_PATH => Reply::new(200, "text/event-stream", Body::Events),
            _ => Reply::text(404, "Not found.\n"),
        };
    }
    let base = snapshot.base_path.as_str();
    debug_assert!(base.starts_with('/') && base.ends_with('/'));
    let Some(relative) = target.path.strip_prefix(base) else {
        // The root and the base path without its slash lead to the site;
        // nothing else outside it exists.
        if target.path == "/" {
            return Reply::redirect(302, target.keeping_query(base));
        }
        if base.strip_suffix('/') == Some(target.path.as_str()) {
            return Reply::redirect(301, target.keeping_query(base));
        }
        return not_found(snapshot);
    };
    if snapshot.files.is_empty() {
        return if looks_like_page(relative) {
            build_failed_page(snapshot)
        } else {
            not_found(snapshot)
        };
    }
    if relative.is_empty() || relative.ends_with('/') {
        return site_file(snapshot, &format!("{relative}index.html"), 200)
            .unwrap_or_else(|| not_found(snapshot));
    }
    if let Some(reply) = site_file(snapshot, relative, 200) {
        return reply;
    }
    if snapshot
        .files
        .get(&format!("{relative}/index.html"))
        .is_some()
    {
        // Relative links in the page resolve against the directory only
        // with the slash.
        let location = target.keeping_query(&format!("{}/", target.raw_path));
        return Reply::redirect(301, location);
    }
    not_found(snapshot)
}

fn site_file(snapshot: &Snapshot, path: &str, status: u16) -> Option<Reply> {
    snapshot.files.get(path).is_some().then(|| {
        Reply::new(
            status,
            content_type(path),
            Body::Site {
                files: snapshot.files.clone(),
                path: path.to_owned(),
            },
        )
    })
}

/// The site's own `404.html`, or a plain page if it has none.
fn not_found(snapshot: &Snapshot) -> Reply {
    site_file(snapshot, "404.html", 404).unwrap_or_else(|| Reply::text(404, "Not found.\n"))
}

/// Whether a path under the base path would be a page of the site: a
/// directory, a name without extension, or an HTML file.
fn looks_like_page(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    match name.rsplit_once('.') {
        None => true,
        Some((_, extension)) => {
            extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
        }
    }
}

fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "jsonld" => "application/ld+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" => PLAIN_TEXT,
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// What every page gets while no build has succeeded yet: the errors of the
/// latest attempt (500), or word that the first build is still running (503).
/// The live-reload script replaces it with the site after the next good build.
fn build_failed_page(snapshot: &Snapshot) -> Reply {
    let (status, title, lead) = if snapshot.errors.is_empty() {
        (
            503,
            "The site is not built yet",
            "The first build is still running. This page loads the site by itself when it is done.",
        )
    } else {
        (
            500,
            "The site could not be built",
            "No build has succeeded yet. Fix the problems below and save: this page loads the site by itself once it builds.",
        )
    };
    let mut items = String::new();
    for report in &snapshot.errors {
        items.push_str(&report_html(report));
    }
    let html = format!(
        "<!doctype html>\n\
         <html lang=\"en\" data-digest-error-page>\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title} · digest</title>\n\
         <link rel=\"stylesheet\" href=\"{OVERLAY_STYLES_PATH}\">\n\
         </head>\n\
         <body class=\"digest-page\">\n\
         <main class=\"digest-page__main\">\n\
         <h1 class=\"digest-page__title\">{title}</h1>\n\
         <p class=\"digest-page__lead\">{lead}</p>\n\
         <ol class=\"digest-report-list\">\n{items}</ol>\n\
         </main>\n\
         <script src=\"{RELOAD_SCRIPT_PATH}\"></script>\n\
         </body>\n\
         </html>\n"
    );
    Reply::html(status, html)
}

/// One report as the error page lists it; the same markup as the overlay's,
/// so one stylesheet serves both.
fn report_html(report: &ErrorReport) -> String {
    let severity = if report.severity == "warning" {
        "warning"
    } else {
        "error"
    };
    let mut place = report.file.clone();
    if let Some(line) = report.line {
        place.push_str(&format!(":{line}"));
        if let Some(column) = report.column {
            place.push_str(&format!(":{column}"));
        }
    }
    let mut html = format!(
        "<li class=\"digest-report digest-report--{severity}\">\n\
         <p class=\"digest-report__where\"><span class=\"digest-report__severity\">{severity}</span> \
         <code class=\"digest-report__file\">{}</code></p>\n\
         <p class=\"digest-report__message\">{}</p>\n",
        escape_html(&place),
        escape_html(&report.message),
    );
    if let Some(hint) = &report.hint {
        html.push_str(&format!(
            "<p class=\"digest-report__hint\">Hint: {}</p>\n",
            escape_html(hint)
        ));
    }
    if !report.excerpt.is_empty() {
        html.push_str(&format!(
            "<pre class=\"digest-report__excerpt\">{}</pre>\n",
            escape_html(&report.excerpt)
        ));
    }
    html.push_str("</li>\n");
    html
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(character),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Pages;

    fn site(base_path: &str, files: &[(&str, &str)]) -> Snapshot {
        Snapshot {
            files: SiteOutput::from_pages(Pages {
                files: files
                    .iter()
                    .map(|(path, text)| ((*path).to_owned(), text.as_bytes().to_vec()))
                    .collect(),
            }),
            base_path: base_path.to_owned(),
            errors: Vec::new(),
            generation: 0,
        }
    }

    fn sample(base_path: &str) -> Snapshot {
        site(
            base_path,
            &[
                ("index.html", "<h1>home</h1>"),
                ("stories/x/index.html", "<h1>story x</h1>"),
                ("style.css", "body{}"),
                ("atom.xml", "<feed/>"),
                ("404.html", "<h1>lost</h1>"),
            ],
        )
    }

    fn report(message: &str) -> ErrorReport {
        ErrorReport {
            severity: "error".to_owned(),
            file: "content/stories/x/quotes.yaml".to_owned(),
            line: Some(41),
            column: Some(3),
            message: message.to_owned(),
            hint: Some("close the <quote> with \"".to_owned()),
            excerpt: "content/stories/x/quotes.yaml:41:3: bad\n  41 | <b>\n     |   ^^^".to_owned(),
        }
    }

    fn get(snapshot: &Snapshot, target: &str) -> Reply {
        respond(snapshot, "GET", target)
    }

    fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
        reply
            .headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn body(reply: &Reply) -> &str {
        std::str::from_utf8(reply.body.as_ref()).unwrap()
    }

    #[test]
    fn serves_pages_from_the_map() {
        let snapshot = sample("/");
        let reply = get(&snapshot, "/");
        assert_eq!(reply.status, 200);
        assert_eq!(body(&reply), "<h1>home</h1>");
        assert_eq!(header(&reply, "Content-Type"), Some(HTML));
        assert_eq!(header(&reply, "Content-Length"), Some("13"));

        let reply = get(&snapshot, "/stories/x/");
        assert_eq!((reply.status, body(&reply)), (200, "<h1>story x</h1>"));
        let reply = get(&snapshot, "/stories/x/index.html");
        assert_eq!((reply.status, body(&reply)), (200, "<h1>story x</h1>"));
    }

    #[test]
    fn every_reply_forbids_sniffing_and_caching() {
        let snapshot = sample("/repo/");
        for (method, target) in [
            ("GET", "/repo/"),
            ("GET", "/repo/missing"),
            ("GET", "/"),
            ("GET", "/repo/stories/x"),
            ("GET", "/../x"),
            ("POST", "/repo/"),
            ("GET", "/__digest/reload.js"),
            ("GET", "/__digest/events"),
            ("GET", "/__digest/nope"),
        ] {
            let reply = respond(&snapshot, method, target);
            assert_eq!(
                header(&reply, "X-Content-Type-Options"),
                Some("nosniff"),
                "{target}"
            );
            assert_eq!(
                header(&reply, "Cache-Control"),
                Some("no-cache"),
                "{target}"
            );
        }
    }

    #[test]
    fn head_has_the_headers_of_get_and_no_body() {
        let snapshot = sample("/");
        for target in ["/", "/style.css", "/missing", "/stories/x", "/%2e%2e/"] {
            let with_body = get(&snapshot, target);
            let without = respond(&snapshot, "HEAD", target);
            assert_eq!(without.status, with_body.status, "{target}");
            assert_eq!(without.headers, with_body.headers, "{target}");
            assert!(without.body.as_ref().is_empty(), "{target}");
        }
        let head = respond(&snapshot, "HEAD", "/");
        assert_eq!(header(&head, "Content-Length"), Some("13"));
    }

    #[test]
    fn other_methods_get_405_with_allow() {
        let snapshot = sample("/");
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "BREW"] {
            let reply = respond(&snapshot, method, "/");
            assert_eq!(reply.status, 405, "{method}");
            assert_eq!(header(&reply, "Allow"), Some("GET, HEAD"));
        }
    }

    #[test]
    fn missing_files_get_the_sites_404_page() {
        let snapshot = sample("/");
        for target in ["/nope", "/nope/", "/stories/y/", "/style.css/"] {
            let reply = get(&snapshot, target);
            assert_eq!(reply.status, 404, "{target}");
            assert_eq!(body(&reply), "<h1>lost</h1>");
            assert_eq!(header(&reply, "Content-Type"), Some(HTML));
        }
    }

    #[test]
    fn missing_files_get_a_plain_404_without_a_404_page() {
        let snapshot = site("/", &[("index.html", "home")]);
        let reply = get(&snapshot, "/nope");
        assert_eq!(reply.status, 404);
        assert_eq!(header(&reply, "Content-Type"), Some(PLAIN_TEXT));
        assert_eq!(body(&reply), "Not found.\n");
    }

    #[test]
    fn directories_without_slash_redirect_keeping_the_query() {
        let snapshot = sample("/");
        let reply = get(&snapshot, "/stories/x");
        assert_eq!(reply.status, 301);
        assert_eq!(header(&reply, "Location"), Some("/stories/x/"));
        assert!(reply.body.as_ref().is_empty());

        let reply = get(&snapshot, "/stories/x?tab=2&b");
        assert_eq!(header(&reply, "Location"), Some("/stories/x/?tab=2&b"));

        let snapshot = site("/", &[("caf\u{e9}/index.html", "x")]);
        let reply = get(&snapshot, "/caf%C3%A9?a");
        assert_eq!(reply.status, 301);
        assert_eq!(header(&reply, "Location"), Some("/caf%C3%A9/?a"));
    }

    #[test]
    fn the_query_is_ignored_for_lookup() {
        let snapshot = sample("/");
        let reply = get(&snapshot, "/style.css?v=123");
        assert_eq!((reply.status, body(&reply)), (200, "body{}"));
        let reply = get(&snapshot, "/stories/x/?a=1");
        assert_eq!(reply.status, 200);
        let reply = get(&snapshot, "/?../../etc/passwd");
        assert_eq!((reply.status, body(&reply)), (200, "<h1>home</h1>"));
    }

    #[test]
    fn percent_escapes_are_decoded_once() {
        let snapshot = site("/", &[("a b/caf\u{e9}.txt", "x"), ("%2e%2e", "literal")]);
        let reply = get(&snapshot, "/a%20b/caf%c3%a9.txt");
        assert_eq!((reply.status, body(&reply)), (200, "x"));
        // Decoding twice would turn this into "..": once gives the literal name.
        let reply = get(&snapshot, "/%252e%252e");
        assert_eq!((reply.status, body(&reply)), (200, "literal"));
    }

    #[test]
    fn the_site_lives_under_its_base_path() {
        let snapshot = sample("/repo/");
        let reply = get(&snapshot, "/repo/stories/x/");
        assert_eq!((reply.status, body(&reply)), (200, "<h1>story x</h1>"));
        let reply = get(&snapshot, "/repo/");
        assert_eq!((reply.status, body(&reply)), (200, "<h1>home</h1>"));

        let reply = get(&snapshot, "/");
        assert_eq!(reply.status, 302);
        assert_eq!(header(&reply, "Location"), Some("/repo/"));
        let reply = get(&snapshot, "/repo?x=1");
        assert_eq!(reply.status, 301);
        assert_eq!(header(&reply, "Location"), Some("/repo/?x=1"));

        for target in [
            "/stories/x/",
            "/style.css",
            "/index.html",
            "/repository/",
            "/rep",
        ] {
            let reply = get(&snapshot, target);
            assert_eq!(reply.status, 404, "{target}");
            assert_eq!(body(&reply), "<h1>lost</h1>", "{target}");
        }
        let reply = get(&snapshot, "/repo/stories/x?q");
        assert_eq!(header(&reply, "Location"), Some("/repo/stories/x/?q"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        let expected = [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.jsonld", "application/ld+json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("stories/atom.xml", "application/atom+xml; charset=utf-8"),
            ("feed.atom", "application/atom+xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.JPEG", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.webp", "image/webp"),
            ("a.avif", "image/avif"),
            ("favicon.ico", "image/x-icon"),
            ("a.woff", "font/woff"),
            ("a.woff2", "font/woff2"),
            ("a.ttf", "font/ttf"),
            ("a.otf", "font/otf"),
            ("a.pdf", "application/pdf"),
            ("a.mp4", "video/mp4"),
            ("a.webm", "video/webm"),
            ("a.wasm", "application/wasm"),
            ("a.bin", "application/octet-stream"),
            ("LICENSE", "application/octet-stream"),
            ("dir.css/file", "application/octet-stream"),
        ];
        for (path, content_type) in expected {
            let snapshot = site("/", &[(path, "x")]);
            let reply = get(&snapshot, &format!("/{path}"));
            assert_eq!(reply.status, 200, "{path}");
            assert_eq!(header(&reply, "Content-Type"), Some(content_type), "{path}");
        }
    }

    #[test]
    fn unsafe_targets_get_400_and_never_a_file() {
        let snapshot = site(
            "/",
            &[
                ("index.html", "home"),
                ("etc/passwd", "SECRET"),
                ("stories/x/index.html", "x"),
            ],
        );
        let long = format!("/{}", "a".repeat(MAX_TARGET_LEN));
        let targets = [
            "/..%2f..%2fetc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2e/etc/passwd",
            "/.%2e/etc/passwd",
            "/%2e/etc/passwd",
            "/stories/../../Cargo.toml",
            "/stories/x/../index.html",
            "/./index.html",
            "/..",
            "/.",
            "/stories/..",
            "/C:\\Windows",
            "/\\..\\..\\etc\\passwd",
            "/etc%5cpasswd",
            "/etc%5Cpasswd",
            "/etc%2fpasswd",
            "/etc%2Fpasswd",
            "//etc/passwd",
            "/stories//x/",
            "/index.html%00",
            "/index.html\0",
            "/a%",
            "/a%2",
            "/a%zz",
            "/a%g0",
            "/%ff",
            "/%c3%28",
            "*",
            "http://127.0.0.1/etc/passwd",
            "etc/passwd",
            "",
            "/a b",
            "/a\tb",
            "/a\r\nSet-Cookie: x",
            "/caf\u{e9}",
            long.as_str(),
        ];
        for target in targets {
            let reply = get(&snapshot, target);
            assert_eq!(reply.status, 400, "{target:?}");
            assert_eq!(body(&reply), "Bad request.\n", "{target:?}");
            assert_eq!(header(&reply, "Location"), None, "{target:?}");
        }
        let longest = format!("/{}", "a".repeat(MAX_TARGET_LEN - 1));
        assert_eq!(get(&snapshot, &longest).status, 404);
    }

    #[test]
    fn reserved_paths_are_served_at_the_root_whatever_the_base() {
        let snapshot = site(
            "/repo/",
            &[("__digest/reload.js", "SITE"), ("index.html", "x")],
        );
        let script = get(&snapshot, RELOAD_SCRIPT_PATH);
        assert_eq!(script.status, 200);
        assert_eq!(
            header(&script, "Content-Type"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(body(&script), RELOAD_JS);

        let worker = get(&snapshot, EVENTS_WORKER_PATH);
        assert_eq!(worker.status, 200);
        assert_eq!(body(&worker), EVENTS_WORKER_JS);
        let styles = get(&snapshot, OVERLAY_STYLES_PATH);
        assert_eq!(styles.status, 200);
        assert_eq!(
            header(&styles, "Content-Type"),
            Some("text/css; charset=utf-8")
        );
        assert_eq!(body(&styles), OVERLAY_CSS);

        let events = get(&snapshot, "/__digest/events?x=1");
        assert_eq!(events.status, 200);
        assert!(matches!(events.body, Body::Events));
        assert_eq!(header(&events, "Content-Type"), Some("text/event-stream"));
        assert_eq!(header(&events, "Content-Length"), None);

        for target in [
            "/__digest/",
            "/__digest/nope",
            "/__digest/reload.js/",
            "/repo/__digest/x",
        ] {
            assert_eq!(get(&snapshot, target).status, 404, "{target}");
        }
        // Under the base path the prefix means nothing special: it is the site's.
        let site_file = get(&snapshot, "/repo/__digest/reload.js");
        assert_eq!((site_file.status, body(&site_file)), (200, "SITE"));

        let root = site("/", &[("__digest/reload.js", "SITE")]);
        assert_eq!(body(&get(&root, RELOAD_SCRIPT_PATH)), RELOAD_JS);
    }

    #[test]
    fn without_a_good_build_pages_list_the_errors() {
        let mut snapshot = site("/repo/", &[]);
        snapshot.errors = vec![report("unexpected <script>alert('x')</script> & more")];
        for target in [
            "/repo/",
            "/repo/stories/x/",
            "/repo/stories/x",
            "/repo/a.html",
        ] {
            let reply = get(&snapshot, target);
            assert_eq!(reply.status, 500, "{target}");
            assert_eq!(header(&reply, "Content-Type"), Some(HTML));
            let page = body(&reply);
            assert!(page.contains("<script src=\"/__digest/reload.js\"></script>"));
            assert!(page.contains("<link rel=\"stylesheet\" href=\"/__digest/overlay.css\">"));
            assert!(
                page.contains(
                    "unexpected &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"
                )
            );
            assert!(!page.contains("<script>"));
            assert!(page.contains("content/stories/x/quotes.yaml:41:3"));
            assert!(page.contains("Hint: close the &lt;quote&gt; with &quot;"));
            assert!(page.contains("  41 | &lt;b&gt;\n     |   ^^^</pre>"));
        }
        // Assets are not pages: they are simply missing.
        let reply = get(&snapshot, "/repo/style.css");
        assert_eq!((reply.status, body(&reply)), (404, "Not found.\n"));
        // The reserved paths still work, so the page can recover.
        assert_eq!(get(&snapshot, RELOAD_SCRIPT_PATH).status, 200);
    }

    #[test]
    fn before_the_first_build_pages_say_so() {
        let snapshot = site("/", &[]);
        let reply = get(&snapshot, "/");
        assert_eq!(reply.status, 503);
        assert!(body(&reply).contains("The site is not built yet"));
        assert!(body(&reply).contains("<script src=\"/__digest/reload.js\"></script>"));
    }

    #[test]
    fn reports_without_position_hint_or_excerpt() {
        let html = report_html(&ErrorReport {
            severity: "warning".to_owned(),
            file: "digest.toml".to_owned(),
            line: None,
            column: Some(4),
            message: "m".to_owned(),
            hint: None,
            excerpt: String::new(),
        });
        assert!(html.contains("digest-report--warning"));
        assert!(html.contains("<code class=\"digest-report__file\">digest.toml</code>"));
        assert!(!html.contains("Hint"));
        assert!(!html.contains("<pre"));
    }

    #[test]
    fn events_are_framed_as_server_sent_events() {
        let mut snapshot = sample("/repo/");
        snapshot.generation = 7;
        snapshot.errors = vec![report("boom")];
        let hello = hello_event(&snapshot);
        assert!(
            hello.starts_with("retry: 1000\nevent: hello\ndata: {\"generation\":7,\"errors\":[{")
        );
        assert!(hello.ends_with("}]}\n\n"));
        assert_eq!(hello.matches('\n').count(), 4);

        assert_eq!(
            change_event(&snapshot, &Change::Reload),
            "event: reload\ndata: 7\n\n"
        );
        let styles = Change::Styles(vec!["style.css".to_owned(), "a b/c#d%.css".to_owned()]);
        assert_eq!(
            change_event(&snapshot, &styles),
            "event: styles\ndata: [\"/repo/style.css\",\"/repo/a%20b/c%23d%25.css\"]\n\n"
        );
        let errors = change_event(&snapshot, &Change::Errors);
        let data = errors
            .strip_prefix("event: errors\ndata: ")
            .and_then(|rest| rest.strip_suffix("\n\n"))
            .unwrap();
        let parsed: serde_json::Value = serde_json::from_str(data).unwrap();
        assert_eq!(parsed[0]["message"], "boom");
        assert_eq!(parsed[0]["line"], 41);
        assert_eq!(parsed[0]["severity"], "error");
    }

    #[test]
    fn publish_swaps_the_snapshot_and_counts_generations() {
        let mut initial = sample("/");
        initial.generation = 40;
        let live = Live::new(initial);
        let (listener, messages) = mpsc::channel();
        assert_eq!(live.subscribe(listener).generation, 40);

        let mut next = site("/", &[("index.html", "new")]);
        next.generation = 0;
        live.publish(next, Change::Reload);
        let snapshot = live.snapshot();
        assert_eq!(snapshot.generation, 41);
        assert_eq!(body(&get(&snapshot, "/")), "new");
        match messages.try_recv() {
            Ok(StreamMessage::Event(text)) => assert_eq!(&*text, "event: reload\ndata: 41\n\n"),
            _ => panic!("no reload event"),
        }

        // A listener whose stream ended is forgotten at the next publish.
        drop(messages);
        live.publish(sample("/"), Change::Errors);
        assert!(lock(&live.state).listeners.is_empty());
    }

    fn stream_headers() -> Vec<(&'static str, String)> {
        vec![("Content-Type", "text/event-stream".to_owned())]
    }

    /// The answer without its `Date:` line, which must be there and be an HTTP date.
    fn undated(answer: Vec<u8>) -> String {
        let text = String::from_utf8(answer).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("Date: "))
            .expect("a Date header");
        let date = line.trim_start_matches("Date: ");
        assert!(httpdate::parse_http_date(date).is_ok(), "{date}");
        text.replacen(&format!("{line}\r\n"), "", 1)
    }

    #[test]
    fn streams_are_chunked_on_http_1_1() {
        let (listener, messages) = mpsc::channel();
        let reload = "event: reload\ndata: 1\n\n";
        listener.send(StreamMessage::Event(reload.into())).unwrap();
        listener.send(StreamMessage::Stop).unwrap();
        let mut out = Vec::new();
        let mut stream = EventStream::start(&mut out, &stream_headers(), true).unwrap();
        pump(&mut stream, "hi\n\n", &messages, Duration::from_secs(60)).unwrap();
        stream.finish().unwrap();
        assert_eq!(
            undated(out),
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
             Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n\
             4\r\nhi\n\n\r\n\
             17\r\nevent: reload\ndata: 1\n\n\r\n\
             0\r\n\r\n"
        );
    }

    #[test]
    fn streams_end_with_the_connection_on_http_1_0() {
        let (listener, messages) = mpsc::channel();
        listener.send(StreamMessage::Stop).unwrap();
        let mut out = Vec::new();
        let mut stream = EventStream::start(&mut out, &stream_headers(), false).unwrap();
        pump(&mut stream, "hi\n\n", &messages, Duration::from_secs(60)).unwrap();
        stream.finish().unwrap();
        assert_eq!(
            undated(out),
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
             Connection: close\r\n\r\nhi\n\n"
        );
    }

    #[test]
    fn silent_streams_get_keepalive_comments() {
        let (listener, messages) = mpsc::channel();
        let stopper = thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            listener.send(StreamMessage::Stop).unwrap();
        });
        let mut out = Vec::new();
        let mut stream = EventStream::start(&mut out, &stream_headers(), false).unwrap();
        pump(&mut stream, "", &messages, Duration::from_millis(10)).unwrap();
        stopper.join().unwrap();
        let written = String::from_utf8(out).unwrap();
        assert!(written.matches(": keepalive\n\n").count() >= 2, "{written}");
    }

    /// A client that went away: the first write after the head fails.
    struct Gone {
        writes: usize,
    }

    impl Write for Gone {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.writes += 1;
            if self.writes > 1 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn streams_to_a_gone_client_end_at_the_next_keepalive() {
        let (_listener, messages) = mpsc::channel();
        let mut stream = EventStream::start(Gone { writes: 0 }, &stream_headers(), false).unwrap();
        let ended = pump(&mut stream, "", &messages, Duration::from_millis(10));
        assert_eq!(ended.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn the_registry_caps_streams_and_refuses_them_when_stopping() {
        let registry = Arc::new(StreamRegistry::default());
        let (listener, messages) = mpsc::channel();
        let slots: Vec<StreamSlot> = (0..MAX_EVENT_STREAMS)
            .map(|_| registry.open(listener.clone()).unwrap())
            .collect();
        assert!(registry.open(listener.clone()).is_err());
        drop(slots);
        let slot = registry.open(listener.clone()).unwrap();
        registry.stop();
        assert!(matches!(
            messages.try_iter().last(),
            Some(StreamMessage::Stop)
        ));
        assert_eq!(
            registry.open(listener).err(),
            Some("The server is shutting down.\n")
        );
        drop(slot);
        registry.wait_until_closed(Duration::from_secs(5));
        assert!(lock(&registry.state).open.is_empty());
    }
}

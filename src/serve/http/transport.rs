//! How answers go out on tiny_http's connections: the head of every answer, plain answers,
//! and the live-reload event streams (Server-Sent Events) with their framing, keepalive and
//! cap. Every byte of it is unit-tested on in-memory writers.
//!
//! Why by hand on tiny_http rather than a framework's Server-Sent Events (axum's `Sse`, tried
//! and measured when this module was split out): axum brings an async runtime and hyper, ~21
//! more crates and a larger binary, for ~100 fewer lines; and hyper reads the request line
//! itself, answering a target it dislikes (a NUL, a space) with its own empty 400 or turning
//! an absolute URL into a path before [`respond`] could refuse it, and sends header names in
//! lower case, so what browsers and the tests see would change.
//!
//! - Answers are written straight to the connection, not through tiny_http's `Response`: an
//!   event stream must be flushed event by event (a `Response` is only flushed at its end),
//!   and every answer says `Connection: close` (which `Response` cannot) so that no
//!   connection holds one of tiny_http's threads for longer than one request (see [`send`]
//!   for why that matters).
//! - Each stream runs on its own thread (the server's, one per request) and is woken by a
//!   channel: by a publish ([`super::Live::publish`]), by shutdown, or by its keepalive
//!   timeout.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use super::live::{Live, StreamMessage, hello_event};
use super::lock;
use super::route::{Reply, ReplyBody, respond};

/// How many event streams may be open at once. Each holds a thread and a
/// socket; beyond this the server answers 503 rather than run out of either.
pub const MAX_EVENT_STREAMS: usize = 64;

/// How long an event stream may stay silent before a comment line is sent.
/// Writing is the only way to notice that a tab went away, and a silent
/// stream may also be cut by the browser or an idle timeout on the way.
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(15);

/// The open event streams, so that shutdown can end them and the number of
/// them can be capped.
#[derive(Default)]
pub(super) struct StreamRegistry {
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

    pub(super) fn is_stopping(&self) -> bool {
        lock(&self.state).stopping
    }

    /// Tells every open stream to end, and refuses new ones from now on.
    pub(super) fn stop(&self) {
        let mut state = lock(&self.state);
        state.stopping = true;
        for (_, listener) in &state.open {
            // A stream whose thread already ended needs no telling.
            let _ = listener.send(StreamMessage::Stop);
        }
    }

    pub(super) fn wait_until_closed(&self, timeout: Duration) {
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

/// Answers one request on the calling thread; an event stream keeps it until
/// the stream ends.
pub(super) fn answer(request: tiny_http::Request, live: &Live, streams: &Arc<StreamRegistry>) {
    let reply = respond(&live.snapshot(), request.method().as_str(), request.url());
    if matches!(reply.body, ReplyBody::Events) {
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
    // A client that went away before its answer is nobody's problem.
    let _ = write_reply(request.into_writer(), reply);
}

/// A whole plain answer: head, then body.
fn write_reply<W: Write>(mut out: W, reply: &Reply) -> io::Result<()> {
    write_head(&mut out, reply.status, &reply.headers, "")?;
    out.write_all(reply.body.as_ref())?;
    out.flush()
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

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;
    use crate::serve::http::testing::sample;

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
    fn plain_answers_are_a_head_then_the_body() {
        let snapshot = sample("/");
        let mut out = Vec::new();
        write_reply(&mut out, &respond(&snapshot, "GET", "/style.css")).unwrap();
        assert_eq!(
            undated(out),
            "HTTP/1.1 200 OK\r\nContent-Type: text/css; charset=utf-8\r\n\
             Content-Length: 6\r\nX-Content-Type-Options: nosniff\r\n\
             Cache-Control: no-cache\r\nConnection: close\r\n\r\nbody{}"
        );
        let mut out = Vec::new();
        write_reply(&mut out, &respond(&snapshot, "HEAD", "/nope")).unwrap();
        assert_eq!(
            undated(out),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\
             Content-Length: 13\r\nX-Content-Type-Options: nosniff\r\n\
             Cache-Control: no-cache\r\nConnection: close\r\n\r\n"
        );
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

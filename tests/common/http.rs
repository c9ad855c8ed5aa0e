//! A raw HTTP/1.1 client for the preview server's tests (`tests/http.rs` on the library's
//! server, `tests/serve.rs` on `digest serve`). The requests are written by hand and sent as
//! bytes: a client library would normalise the very targets the path-safety tests send.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// One answer, as it came off the socket.
pub struct Response {
    pub status: u16,
    /// The status line and the header lines, without the blank line that ends them.
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    /// The value of the first header called `name` (names compare case-insensitively, as
    /// HTTP says).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads until the server closes or `wait` passes without a byte;
/// `None` if no status line came back. An answer cut off before its blank line keeps its status
/// (all it has is its head), so that a test expecting "no answer or 400" cannot take a cut-off
/// 200 for no answer.
pub fn exchange(addr: SocketAddr, request: &[u8], wait: Duration) -> Option<Response> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.write_all(request).unwrap();
    let mut raw = Vec::new();
    // A reset after the answer still leaves the answer in `raw`.
    let _ = stream.read_to_end(&mut raw);
    let (head, body) = match raw.windows(4).position(|window| window == b"\r\n\r\n") {
        Some(split) => (&raw[..split], &raw[split + 4..]),
        None => (&raw[..], &[][..]),
    };
    let head = String::from_utf8_lossy(head).into_owned();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some(Response {
        status,
        head,
        body: body.to_vec(),
    })
}

/// `METHOD target` on a connection the server closes after answering.
pub fn request(addr: SocketAddr, method: &str, target: &[u8], wait: Duration) -> Option<Response> {
    let mut raw = format!("{method} ").into_bytes();
    raw.extend_from_slice(target);
    raw.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    exchange(addr, &raw, wait)
}

/// `GET target`, which must be answered.
pub fn get(addr: SocketAddr, target: &str, wait: Duration) -> Response {
    request(addr, "GET", target.as_bytes(), wait)
        .unwrap_or_else(|| panic!("no answer to GET {target}"))
}

/// An open `/__digest/events` stream, read as raw text (status line, headers, chunk sizes and
/// events alike).
pub struct EventStream {
    stream: TcpStream,
    /// Everything read so far.
    pub seen: String,
    read_up_to: usize,
    wait: Duration,
}

impl EventStream {
    /// Connects and asks for the stream; `wait` bounds each [`EventStream::expect`].
    pub fn open(addr: SocketAddr, wait: Duration) -> EventStream {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(wait)).unwrap();
        stream
            .write_all(b"GET /__digest/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        EventStream {
            stream,
            seen: String::new(),
            read_up_to: 0,
            wait,
        }
    }

    /// Reads until `needle` shows up after what earlier calls consumed, and its line has ended;
    /// returns the text from `needle` to the end of that line (without the `\n`). Panics if it
    /// does not come in time.
    pub fn expect(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + self.wait;
        loop {
            // A line still being sent is not read yet: a test would compare half an event.
            let start = self.seen[self.read_up_to..]
                .find(needle)
                .map(|at| self.read_up_to + at);
            if let Some(start) = start
                && let Some(line_end) = self.seen[start..].find('\n')
            {
                let end = start + line_end;
                self.read_up_to = end;
                return self.seen[start..end].to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in {:?}",
                self.seen
            );
            let mut buffer = [0; 4096];
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("stream closed before {needle:?}: {:?}", self.seen),
                Ok(read) => self
                    .seen
                    .push_str(&String::from_utf8_lossy(&buffer[..read])),
                Err(error) => panic!("reading the stream: {error}; saw {:?}", self.seen),
            }
        }
    }

    /// The data of the next event called `name` (`event: name`, then `data: …`).
    pub fn event(&mut self, name: &str) -> String {
        self.expect(&format!("event: {name}"));
        self.expect("data: ")["data: ".len()..].to_owned()
    }
}

//! The HTTP side of `digest serve`: serves the site of the latest good build
//! from memory and tells open tabs to reload through Server-Sent Events.
//!
//! One job per file, in `http/`:
//!
//! - `route.rs`: what to answer, as a pure function ([`respond`]) from a snapshot and a
//!   request line, with the path safety rules;
//! - `live.rs`: what is served ([`Snapshot`], [`Live`]) and the text of the events that tell
//!   tabs about a new one;
//! - `transport.rs`: how answers and event streams are written on the connections, and why
//!   that is done by hand on tiny_http;
//! - `error_page.rs`: the page served while no build has succeeded;
//! - this file: the [`Server`], which listens and hands each request to a thread.
//!
//! tiny_http reads requests on a thread per connection but hands them out through a single
//! queue. Each request is answered on its own thread so an event stream, which stays open for
//! as long as its tab, never holds up a page load.

mod error_page;
mod live;
mod route;
#[cfg(test)]
mod testing;
mod transport;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

pub use live::{ErrorReport, Live, Snapshot, TabUpdate};
pub use route::{Reply, ReplyBody, respond};
pub use transport::MAX_EVENT_STREAMS;
use transport::StreamRegistry;

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
pub(super) const RESERVED_PREFIX: &str = "/__digest/";

/// How long [`Server::run`] waits, once stopped, for event streams to write
/// their last chunk, so browsers see a clean end rather than a reset.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

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

    /// The address and port actually bound.
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
                .spawn(move || transport::answer(request, &live, &streams));
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

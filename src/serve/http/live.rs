//! What the preview serves and what its open tabs are told: the [`Snapshot`] of the latest
//! good build (with the problems of the latest attempt), swapped whole by [`Live::publish`]
//! under the same lock that registers event streams, and the text of the events that tell
//! tabs about it (`hello`, `reload`, `styles`, `errors`).
//!
//! The events are written out here once per publish, as text, and handed to every stream as
//! it is: the transport ([`super::transport`]) only frames and flushes them.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::{Serialize, Serializer};

use super::lock;
use crate::diagnostics::Severity;
use crate::pipeline::SiteOutput;

/// What an event-stream thread is woken up for.
pub(super) enum StreamMessage {
    /// Text to send as is: one or more complete events.
    Event(Arc<str>),
    /// The server is stopping: end the stream.
    Stop,
}

/// One problem of the latest build attempt, as the overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    /// Sent to the overlay as `"error"` or `"warning"` ([`Severity::label`]).
    #[serde(serialize_with = "severity_label")]
    pub severity: Severity,
    /// The source file, e.g. `content/stories/x/quotes.yaml`.
    pub file: String,
    /// The 1-based line, when the problem has a position.
    pub line: Option<usize>,
    /// The 1-based column, when the problem has a position.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when digest knows.
    pub hint: Option<String>,
    /// The terminal rendering (`file:line:col: message`, then the source line
    /// and a caret line), shown as preformatted text; may be empty.
    pub excerpt: String,
}

/// `Severity`'s own serialisation (`"Error"`) is the cache's, in postcard; the
/// overlay reads the word every output format spells.
fn severity_label<S: Serializer>(severity: &Severity, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(severity.label())
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
pub enum TabUpdate {
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

impl Live {
    /// Starts serving `initial`, with no event stream open yet.
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
    pub fn publish(&self, mut snapshot: Snapshot, change: TabUpdate) {
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

    /// The snapshot being served now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&lock(&self.state).snapshot)
    }

    /// Registers an event stream for later publishes and returns the
    /// snapshot its `hello` must describe.
    pub(super) fn subscribe(&self, listener: Sender<StreamMessage>) -> Arc<Snapshot> {
        let mut state = lock(&self.state);
        state.listeners.push(listener);
        Arc::clone(&state.snapshot)
    }
}

/// The first event of every stream: where the build stands. `retry` makes a
/// tab reconnect one second after the server goes away instead of three.
pub(super) fn hello_event(snapshot: &Snapshot) -> String {
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

fn change_event(snapshot: &Snapshot, change: &TabUpdate) -> String {
    match change {
        TabUpdate::Reload => event("reload", &snapshot.generation.to_string()),
        TabUpdate::Styles(paths) => {
            let urls: Vec<String> = paths
                .iter()
                .map(|path| format!("{}{}", snapshot.base_path, encode_path(path)))
                .collect();
            event("styles", &to_json(&urls))
        }
        TabUpdate::Errors => event("errors", &to_json(&snapshot.errors)),
    }
}

/// One event; `data` must be a single line, which compact JSON always is.
fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("strings, numbers and lists always serialize to JSON")
}

/// What a browser percent-encodes in a URL path (controls, space, `"#<>?`,
/// backtick, braces, and every non-ASCII byte), and `%` itself, so the script
/// can compare the result with the pathname of a `<link>`.
const PATH_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_ESCAPES).to_string()
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::serve::http::testing::{body, get, report, sample, site};

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
            change_event(&snapshot, &TabUpdate::Reload),
            "event: reload\ndata: 7\n\n"
        );
        let styles = TabUpdate::Styles(vec!["style.css".to_owned(), "a b/c#d%.css".to_owned()]);
        assert_eq!(
            change_event(&snapshot, &styles),
            "event: styles\ndata: [\"/repo/style.css\",\"/repo/a%20b/c%23d%25.css\"]\n\n"
        );
        assert_eq!(
            encode_path("caf\u{e9}/{x}\u{7f}`?<\">\t~!$&'()*+,;=:@[]^|.css"),
            "caf%C3%A9/%7Bx%7D%7F%60%3F%3C%22%3E%09~!$&'()*+,;=:@[]^|.css"
        );
        let errors = change_event(&snapshot, &TabUpdate::Errors);
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
        live.publish(next, TabUpdate::Reload);
        let snapshot = live.snapshot();
        assert_eq!(snapshot.generation, 41);
        assert_eq!(body(&get(&snapshot, "/")), "new");
        match messages.try_recv() {
            Ok(StreamMessage::Event(text)) => assert_eq!(&*text, "event: reload\ndata: 41\n\n"),
            _ => panic!("no reload event"),
        }

        // A listener whose stream ended is forgotten at the next publish.
        drop(messages);
        live.publish(sample("/"), TabUpdate::Errors);
        assert!(lock(&live.state).listeners.is_empty());
    }
}

//! What the preview server answers to one request: a pure function from the snapshot being
//! served and a request line to a [`Reply`], so that every routing rule is unit-tested
//! without sockets; the server around it only moves bytes.
//!
//! The site is served from the map of output paths the build produced, never from the disk,
//! so no request can read a file the build did not make. On top of that, request targets are
//! parsed strictly ([`respond`] answers 400 to anything ambiguous) so that a path never means
//! two things.

use std::borrow::Cow;

use percent_encoding::percent_decode;

use super::error_page;
use super::live::Snapshot;
use super::{
    EVENTS_PATH, EVENTS_WORKER_PATH, OVERLAY_STYLES_PATH, RELOAD_SCRIPT_PATH, RESERVED_PREFIX,
};
use crate::pipeline::SiteOutput;

/// Longest request target accepted. Real site paths are far shorter; a longer
/// target is a mistake or a probe, and answering it early bounds the work.
const MAX_TARGET_LEN: usize = 2048;

const RELOAD_JS: &str = include_str!("../reload.js");
const OVERLAY_CSS: &str = include_str!("../overlay.css");
const EVENTS_WORKER_JS: &str = include_str!("../events-worker.js");

const HTML: &str = "text/html; charset=utf-8";
const PLAIN_TEXT: &str = "text/plain; charset=utf-8";

/// The answer to one request, as [`respond`] decides it.
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// In the order they are sent. Every reply but the event stream carries
    /// its `Content-Length`, HEAD answers included.
    pub headers: Vec<(&'static str, String)>,
    /// What follows the headers.
    pub body: ReplyBody,
}

/// What follows the headers of a [`Reply`].
pub enum ReplyBody {
    /// A file of the site, shared with the snapshot instead of copied.
    Site {
        /// The snapshot's files.
        files: SiteOutput,
        /// The file's output path, which `files` has.
        path: String,
    },
    /// A page or asset of the server itself, or nothing.
    Builtin(Cow<'static, [u8]>),
    /// The live-reload event stream, open until the server stops.
    Events,
}

impl AsRef<[u8]> for ReplyBody {
    fn as_ref(&self) -> &[u8] {
        match self {
            ReplyBody::Site { files, path } => files.get(path).unwrap_or_default(),
            ReplyBody::Builtin(bytes) => bytes,
            ReplyBody::Events => &[],
        }
    }
}

impl Reply {
    fn new(status: u16, content_type: &str, body: ReplyBody) -> Reply {
        let mut headers = vec![("Content-Type", content_type.to_owned())];
        if !matches!(body, ReplyBody::Events) {
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

    pub(super) fn text(status: u16, text: &'static str) -> Reply {
        Reply::new(
            status,
            PLAIN_TEXT,
            ReplyBody::Builtin(text.as_bytes().into()),
        )
    }

    fn html(status: u16, html: String) -> Reply {
        Reply::new(status, HTML, ReplyBody::Builtin(html.into_bytes().into()))
    }

    fn redirect(status: u16, location: String) -> Reply {
        Reply::new(status, PLAIN_TEXT, ReplyBody::Builtin(Cow::Borrowed(b"")))
            .with_header("Location", location)
    }

    fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// The answer to one request. `target` is the request target exactly as
/// sent, query included. Site paths are looked up in `snapshot.files` and
/// nowhere else; the event stream is only named ([`ReplyBody::Events`]), since
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
    let mut reply = match RequestTarget::parse(target) {
        Some(target) => route(snapshot, &target),
        None => Reply::text(400, "Bad request.\n"),
    };
    if head {
        // Same status and headers, Content-Length included: only the body goes.
        reply.body = ReplyBody::Builtin(Cow::Borrowed(b""));
    }
    reply
}

/// A request target that passed every check.
struct RequestTarget<'a> {
    /// The path as sent, still percent-encoded: safe to echo in `Location`.
    raw_path: &'a str,
    query: Option<&'a str>,
    /// The path percent-decoded once: what is looked up.
    path: String,
}

impl<'a> RequestTarget<'a> {
    /// Accepts only an origin-form target (`/path?query`) that means one
    /// thing whoever reads it: no control characters or spaces (which could
    /// also split a `Location` header), no backslash, no doubled slash, no
    /// `.` or `..` segment, no encoded slash or NUL, valid `%` escapes and
    /// UTF-8 once decoded.
    fn parse(target: &'a str) -> Option<RequestTarget<'a>> {
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
        let path = decode_path(raw_path)?;
        if path
            .split('/')
            .any(|segment| segment == "." || segment == "..")
        {
            return None;
        }
        Some(RequestTarget {
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

/// Decodes `%XX` escapes once, with the `percent-encoding` crate as the link
/// checker does, after refusing what would make one path look like another or
/// could never be looked up: a malformed escape (`%zz`, `%2`), an escape of
/// NUL, `/` or `\`, and bytes that are not UTF-8 once decoded.
fn decode_path(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    for (at, _) in raw.match_indices('%') {
        let escape = bytes.get(at..at + 3)?;
        if !escape[1..].iter().all(u8::is_ascii_hexdigit)
            || matches!(percent_decode(escape).next(), Some(0 | b'/' | b'\\'))
        {
            return None;
        }
    }
    percent_decode(bytes)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

fn route(snapshot: &Snapshot, target: &RequestTarget<'_>) -> Reply {
    if target.path.starts_with(RESERVED_PREFIX) {
        return match target.path.as_str() {
            RELOAD_SCRIPT_PATH => Reply::new(
                200,
                "text/javascript; charset=utf-8",
                ReplyBody::Builtin(RELOAD_JS.as_bytes().into()),
            ),
            OVERLAY_STYLES_PATH => Reply::new(
                200,
                "text/css; charset=utf-8",
                ReplyBody::Builtin(OVERLAY_CSS.as_bytes().into()),
            ),
            EVENTS_WORKER_PATH => Reply::new(
                200,
                "text/javascript; charset=utf-8",
                ReplyBody::Builtin(EVENTS_WORKER_JS.as_bytes().into()),
            ),
            EVENTS_PATH => Reply::new(200, "text/event-stream", ReplyBody::Events),
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
            ReplyBody::Site {
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
    let status = if snapshot.errors.is_empty() { 503 } else { 500 };
    Reply::html(status, error_page::render(&snapshot.errors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::http::testing::{body, get, header, report, sample, site};

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
        assert!(matches!(events.body, ReplyBody::Events));
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
    fn escapes_are_decoded_once_or_refused() {
        assert_eq!(
            decode_path("/a%20b/caf%C3%a9").as_deref(),
            Some("/a b/café")
        );
        assert_eq!(decode_path("/%252e").as_deref(), Some("/%2e"));
        assert_eq!(decode_path("/plain").as_deref(), Some("/plain"));
        for refused in [
            "/%", "/%2", "/a%zz", "/%+1", "/%-1", "/% 1", "/%00", "/%2f", "/%2F", "/%5c", "/%5C",
            "/%ff", "/%c3%28", "/%c3",
        ] {
            assert_eq!(decode_path(refused), None, "{refused}");
        }
    }
}

//! Snapshots, reports and reply readers shared by the unit tests of the server's modules, so
//! that routing, the error page and the event texts are tested against the same sample site.

use super::{ErrorReport, Reply, Snapshot, respond};
use crate::diagnostics::Severity;
use crate::pipeline::SiteOutput;
use crate::render::Pages;

/// A snapshot of these files, served under `base_path`, with no errors.
pub fn site(base_path: &str, files: &[(&str, &str)]) -> Snapshot {
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

/// A small site with a home page, a story, a stylesheet, a feed and a 404 page.
pub fn sample(base_path: &str) -> Snapshot {
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

/// An error with a position, a hint and an excerpt, all with markup to escape.
pub fn report(message: &str) -> ErrorReport {
    ErrorReport {
        severity: Severity::Error,
        file: "content/stories/x/quotes.yaml".to_owned(),
        line: Some(41),
        column: Some(3),
        message: message.to_owned(),
        hint: Some("close the <quote> with \"".to_owned()),
        excerpt: "content/stories/x/quotes.yaml:41:3: bad\n  41 | <b>\n     |   ^^^".to_owned(),
    }
}

/// The answer to a GET of `target`.
pub fn get(snapshot: &Snapshot, target: &str) -> Reply {
    respond(snapshot, "GET", target)
}

/// The value of the reply's header `name`, whatever its case.
pub fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
    reply
        .headers
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// The reply's body as text.
pub fn body(reply: &Reply) -> &str {
    std::str::from_utf8(reply.body.as_ref()).unwrap()
}

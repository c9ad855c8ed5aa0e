//! What a built site's pages say, read as a browser or a crawler reads them: the example story's
//! page, every page of the output, a page's Content-Security-Policy and JSON-LD, and the file a
//! link of the site lands on.

use std::collections::BTreeMap;

use scraper::Html;
use serde_json::Value;

use super::{STORY, Site, sel, text_of};

impl Site {
    /// The example story's page, as the last build wrote it.
    pub fn story_page(&self) -> Html {
        self.html(&format!("stories/{STORY}/index.html"))
    }

    /// The path below `public/` of every HTML page the last build wrote, in file-name order.
    pub fn pages(&self) -> Vec<String> {
        let public = self.path("public");
        let mut pages = Vec::new();
        for entry in walkdir::WalkDir::new(&public).sort_by_file_name() {
            let entry = entry.unwrap();
            let rel = entry
                .path()
                .strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .to_string();
            if entry.file_type().is_file() && rel.ends_with(".html") {
                pages.push(rel);
            }
        }
        pages
    }
}

/// The page's Content-Security-Policy (its one `<meta http-equiv>`), directive -> sources.
pub fn csp(doc: &Html) -> BTreeMap<String, String> {
    let metas: Vec<_> = doc
        .select(&sel("meta[http-equiv='Content-Security-Policy']"))
        .collect();
    assert_eq!(metas.len(), 1, "one policy per page");
    metas[0]
        .value()
        .attr("content")
        .unwrap()
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            Some((
                words.next()?.to_string(),
                words.collect::<Vec<_>>().join(" "),
            ))
        })
        .collect()
}

/// The page's first JSON-LD block, parsed.
pub fn json_ld(doc: &Html) -> Value {
    let text = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .map(text_of)
        .expect("a JSON-LD block");
    serde_json::from_str(&text).expect("JSON-LD is JSON")
}

/// The output file a path below the site's address names (`stories/x/#p4` ->
/// `stories/x/index.html`), and its fragment if it has one.
pub fn target(path: &str) -> (String, Option<String>) {
    let (path, fragment) = path
        .split_once('#')
        .map_or((path, None), |(p, f)| (p, Some(f.to_string())));
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    (file, fragment)
}

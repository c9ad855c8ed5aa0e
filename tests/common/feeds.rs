//! Feeds read by a client nobody on this team wrote: Python's `feedparser` (installed by
//! scripts/test; see [`super::tools`]).

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

use super::{BASE, Site, tools};

/// Parses a feed with feedparser and returns what it understood, as JSON.
pub fn parse_feed(site: &Site, rel: &str) -> Option<Value> {
    let python = tools::python_with("feedparser")?;
    let script = r#"
import json, sys, time, feedparser
d = feedparser.parse(sys.argv[1])
stamp = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None
print(json.dumps({
    'bozo': d.bozo, 'bozo_exception': str(d.get('bozo_exception', '')), 'version': d.version,
    'title': d.feed.get('title'), 'id': d.feed.get('id'), 'updated': stamp(d.feed.get('updated_parsed')),
    'links': [(l.get('rel'), l.get('href')) for l in d.feed.get('links', [])],
    'entries': [{'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'),
                 'updated': stamp(e.get('updated_parsed')), 'updated_raw': e.get('updated'),
                 'summary': e.get('summary')} for e in d.entries],
}))
"#;
    let out = Command::new(python)
        .args(["-c", script])
        .arg(site.path(&format!("public/{rel}")))
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("feedparser's JSON"))
}

/// Checks what every feed of ours must satisfy, and returns its entries.
pub fn check_feed(site: &Site, rel: &str, title: &str) -> Option<Vec<Value>> {
    let feed = parse_feed(site, rel)?;
    assert_eq!(feed["bozo"], false, "{rel}: {}", feed["bozo_exception"]);
    assert_eq!(feed["version"], "atom10", "{rel}");
    assert_eq!(feed["title"], title, "{rel}");
    assert!(feed["updated"].is_string(), "{rel}: no feed-level updated");
    let links = feed["links"].as_array().unwrap();
    let self_link = links.iter().find(|l| l[0] == "self").expect("rel=self");
    assert_eq!(self_link[1], format!("{BASE}{rel}"), "{rel}");
    let entries = feed["entries"].as_array().unwrap().clone();
    let mut ids = BTreeSet::new();
    for e in &entries {
        for key in ["id", "title", "link", "updated", "summary"] {
            assert!(
                e[key].as_str().is_some_and(|v| !v.is_empty()),
                "{rel}: entry without {key}: {e}"
            );
        }
        assert!(
            ids.insert(e["id"].as_str().unwrap().to_string()),
            "{rel}: duplicate id {e}"
        );
        let raw = e["updated_raw"].as_str().unwrap();
        let offset = &raw[raw.len() - 6..];
        assert!(
            chrono::DateTime::parse_from_rfc3339(raw).is_ok()
                && (offset.starts_with('+') || offset.starts_with('-'))
                && &offset[3..4] == ":",
            "{rel}: `updated` is not RFC 3339 with an offset: {raw}"
        );
        site.assert_resolves(e["link"].as_str().unwrap());
    }
    Some(entries)
}

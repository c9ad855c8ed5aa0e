//! `digest check`'s last look at the rendered site: every internal link (`href`, `src`,
//! `srcset`, `action`) of every page leads to a file the build writes, and every `#anchor` to an
//! element with that id on that page.
//!
//! Links are checked where they can be: those within one story (footnotes to the article
//! paragraphs, backlinks) as soon as the story is rendered; the ones that leave it (to the home
//! page, an outlet's page, the stylesheet, another story) are kept, with the ids of the story's
//! pages, in [`LinkFacts`], so that a check that reuses a story from its cache can still
//! resolve the links that point into it or out of it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

// SipHash's defence against chosen keys is not needed for a page's own ids, and hashing them
// with it cost more than finding them.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

/// The ids a page has and the links it holds, as written in its HTML (borrowed from it unless
/// a character reference had to be decoded).
#[derive(Debug, Default, PartialEq)]
pub struct PageLinks<'a> {
    /// Every `id` attribute, in page order.
    pub ids: Vec<Cow<'a, str>>,
    /// Every `href`, `src` and `action`, as written (relative, absolute, or with a scheme).
    pub links: Vec<Cow<'a, str>>,
}

impl PageLinks<'_> {
    fn into_owned(self) -> PageLinks<'static> {
        let own = |v: Vec<Cow<str>>| v.into_iter().map(|s| Cow::Owned(s.into_owned())).collect();
        PageLinks {
            ids: own(self.ids),
            links: own(self.links),
        }
    }
}

/// What a group of pages (one story's) needs from the rest of the site, and offers it.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkFacts {
    /// The ids of each HTML page, by output file, separated by spaces (an id has none): one
    /// string per page, because a story page has a thousand ids and a check of 10,000 stories
    /// keeps them all.
    pub anchors: BTreeMap<String, String>,
    /// The links that leave the group, each target once (with the first page that has it).
    pub outbound: Vec<PageLink>,
}

fn has_id(ids: &str, id: &str) -> bool {
    ids.split(' ').any(|i| i == id)
}

/// A link, resolved to the output file it points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PageLink {
    /// The output file that holds it (`stories/x/index.html`).
    pub page: String,
    /// The link as written.
    pub href: String,
    /// The output file it points at (`stories/x/index.html`).
    pub file: String,
    /// The id it points at on that page, percent-decoded; empty for the page itself.
    pub fragment: String,
    /// How many other pages of the group have a link to the same target.
    pub elsewhere: usize,
}

/// Where the site lives, to tell internal links from others.
#[derive(Debug, Clone, Copy)]
pub struct SiteAddress<'a> {
    /// `https://user.github.io/repo/`
    pub base_url: &'a str,
    /// `/repo/`
    pub base_path: &'a str,
}

/// Checks the links among `pages` (output path and contents; only `.html` files are read) and
/// returns the broken ones as diagnostics, and what the rest of the site must resolve.
/// `owns` says whether an output file belongs to this group.
pub fn check_group<'a>(
    site: SiteAddress,
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    owns: impl Fn(&str) -> bool,
) -> (Vec<Diagnostic>, LinkFacts) {
    let mut facts = LinkFacts::default();
    let mut files: BTreeSet<&str> = BTreeSet::new();
    // Looked up once per link: a story page has a thousand ids and as many links.
    let mut page_ids: HashMap<&str, HashSet<Cow<str>>> = HashMap::new();
    let mut links: Vec<PageLink> = Vec::new();
    let mut problems = Vec::new();
    for (path, bytes) in pages {
        files.insert(path);
        if !path.ends_with(".html") {
            continue;
        }
        // Pages are digest's own UTF-8: the strict check is the fast one.
        let scanned = match std::str::from_utf8(bytes) {
            Ok(html) => scan(html),
            Err(_) => scan(&String::from_utf8_lossy(bytes)).into_owned(),
        };
        facts
            .anchors
            .insert(path.to_string(), scanned.ids.join(" "));
        let mut ids: HashSet<Cow<str>> = HashSet::with_capacity(scanned.ids.len());
        ids.extend(scanned.ids);
        let mut seen: HashSet<&str> = HashSet::with_capacity(scanned.links.len());
        for href in &scanned.links {
            if !seen.insert(href) {
                continue;
            }
            // Most links are footnotes and backlinks on the same page: no allocation for them.
            if let Some(fragment) = href.strip_prefix('#')
                && !fragment.contains('%')
            {
                let id = fragment.split(":~:").next().unwrap_or_default();
                if id.is_empty() || ids.contains(id) {
                    continue;
                }
            }
            match resolve(site, path, href) {
                LinkTarget::Internal { file, fragment } => links.push(PageLink {
                    page: path.to_string(),
                    href: href.to_string(),
                    file,
                    fragment,
                    elsewhere: 0,
                }),
                LinkTarget::Escapes => problems.push(broken_link(
                    path,
                    href,
                    format!(
                        "it leaves the site: the site lives under `{}`",
                        site.base_path
                    ),
                )),
                LinkTarget::External => {}
            }
        }
        page_ids.insert(path, ids);
    }
    let mut outbound: Vec<PageLink> = Vec::new();
    let mut targets: BTreeMap<(String, String), usize> = BTreeMap::new();
    for link in links {
        if owns(&link.file) || files.contains(link.file.as_str()) {
            let has = |file: &str, id: &str| page_ids.get(file).is_some_and(|ids| ids.contains(id));
            if let Some(problem) = check_link(&link, |f| files.contains(f), has) {
                problems.push(problem);
            }
        } else {
            match targets.entry((link.file.clone(), link.fragment.clone())) {
                std::collections::btree_map::Entry::Occupied(seen) => {
                    outbound[*seen.get()].elsewhere += 1;
                }
                std::collections::btree_map::Entry::Vacant(new) => {
                    new.insert(outbound.len());
                    outbound.push(link);
                }
            }
        }
    }
    facts.outbound = outbound;
    (problems, facts)
}

/// Resolves the links that left their groups against the whole site: `files` is every output
/// file, `groups` every group's facts (the site-wide pages' too).
pub fn check_site(files: &BTreeSet<&str>, groups: &[&LinkFacts]) -> Vec<Diagnostic> {
    let anchors: BTreeMap<&str, &str> = groups
        .iter()
        .flat_map(|g| g.anchors.iter().map(|(f, ids)| (f.as_str(), ids.as_str())))
        .collect();
    groups
        .iter()
        .flat_map(|g| &g.outbound)
        .filter_map(|link| {
            let has = |file: &str, id: &str| anchors.get(file).is_some_and(|ids| has_id(ids, id));
            check_link(link, |f| files.contains(f), has)
        })
        .collect()
}

fn check_link(
    link: &PageLink,
    exists: impl Fn(&str) -> bool,
    has_id: impl Fn(&str, &str) -> bool,
) -> Option<Diagnostic> {
    // A folder's page may be linked without its trailing slash: static hosts redirect.
    let folder = format!("{}/index.html", link.file);
    let file = if exists(&link.file) {
        link.file.as_str()
    } else if exists(&folder) {
        folder.as_str()
    } else {
        return Some(broken(
            link,
            format!("the site has no file `{}`", link.file),
        ));
    };
    if link.fragment.is_empty() || !file.ends_with(".html") {
        return None;
    }
    if has_id(file, &link.fragment) {
        None
    } else {
        Some(broken(
            link,
            format!("`{file}` has no element with id `{}`", link.fragment),
        ))
    }
}

/// A broken link that left its group, with how many pages share it.
fn broken(link: &PageLink, why: String) -> Diagnostic {
    let elsewhere = match link.elsewhere {
        0 => String::new(),
        1 => " (one other page has the same link)".to_string(),
        n => format!(" ({n} other pages have the same link)"),
    };
    broken_link(&link.page, &link.href, format!("{why}{elsewhere}"))
}

fn broken_link(page: &str, href: &str, why: String) -> Diagnostic {
    Diagnostic::error(
        page.to_string(),
        None,
        format!("broken link to `{href}`: {why}"),
    )
    .with_hint(
        "if the link is in your Markdown (story.md, a note or text in a sidecar, index.md), fix it \
         there; otherwise digest or the theme's templates made it: that is a bug, please report \
         it with this message",
    )
}

#[derive(Debug, PartialEq)]
enum LinkTarget {
    /// An output file of this site, and an id on it (empty for none).
    Internal { file: String, fragment: String },
    /// A path on the same host but outside the site's base path.
    Escapes,
    /// Another site, `mailto:`, `data:` and the like.
    External,
}

/// What a link on the page `page` (an output file) points at.
fn resolve(site: SiteAddress, page: &str, href: &str) -> LinkTarget {
    let href = href.trim();
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    // `#:~:text=…` is a text directive, not an id; `#p4:~:text=…` is an id and a directive.
    let fragment = fragment.split(":~:").next().unwrap_or_default();
    let path = path.split('?').next().unwrap_or_default();
    let site_relative = if let Some(rest) = path.strip_prefix(site.base_url) {
        rest.to_string()
    } else if path.starts_with("//") || has_scheme(path) {
        return LinkTarget::External;
    } else if path.starts_with('/') {
        match path.strip_prefix(site.base_path) {
            Some(rest) => rest.to_string(),
            // `/repo` for `/repo/`.
            None if site.base_path.strip_suffix('/') == Some(path) => String::new(),
            None => return LinkTarget::Escapes,
        }
    } else if path.is_empty() {
        // `#id` alone: this page.
        return LinkTarget::Internal {
            file: page.to_string(),
            fragment: percent_decode(fragment),
        };
    } else {
        match join_relative(page, path) {
            Some(p) => p,
            None => return LinkTarget::Escapes,
        }
    };
    let decoded = percent_decode(&site_relative);
    let file = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    };
    LinkTarget::Internal {
        file,
        fragment: percent_decode(fragment),
    }
}

fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// `../x/` on the page `stories/s/index.html` -> `stories/x/`; `None` if it climbs out.
fn join_relative(page: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    let trailing = relative.ends_with('/');
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// Decodes `%XX` escapes as a browser resolving the link would: a malformed escape stays as
/// written, and bytes that are not UTF-8 become U+FFFD (such a path matches no output file).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The ids and links of a page. Tolerant of what a minifier leaves (unquoted attributes,
/// omitted end tags); the text of `<script>` and `<style>`, and comments, are skipped. Read
/// byte by byte: every delimiter of a tag is ASCII, and the whitespace between attributes is
/// ASCII whitespace in HTML.
pub fn scan(html: &str) -> PageLinks<'_> {
    let bytes = html.as_bytes();
    let mut found = PageLinks::default();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        i += lt + 1;
        if bytes[i..].starts_with(b"!--") {
            let end = memchr::memmem::find(&bytes[i + 3..], b"-->");
            i = end.map_or(bytes.len(), |end| i + 3 + end + 3);
            continue;
        }
        let name_len = bytes[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .unwrap_or(bytes.len() - i);
        if name_len == 0 {
            // `</p>`, `<!doctype>` and a stray `<`.
            continue;
        }
        let name = &bytes[i..i + name_len];
        let raw_text = [b"script".as_slice(), b"style"]
            .into_iter()
            .find(|t| name.eq_ignore_ascii_case(t));
        i = attributes(html, i + name_len, &mut found);
        if let Some(tag) = raw_text {
            i = closing_tag(bytes, i, tag);
        }
    }
    found
}

/// Where `</tag` (in any case) starts, from `from` on; the end if nowhere.
fn closing_tag(bytes: &[u8], from: usize, tag: &[u8]) -> usize {
    let mut i = from;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + lt;
        let rest = &bytes[at + 1..];
        if rest.len() > tag.len()
            && rest[0] == b'/'
            && rest[1..=tag.len()].eq_ignore_ascii_case(tag)
        {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}

/// Reads a tag's attributes from `i` up to its `>`, and returns where what follows starts.
fn attributes<'a>(html: &'a str, mut i: usize, found: &mut PageLinks<'a>) -> usize {
    let bytes = html.as_bytes();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let ends_name = |b: &u8| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/');
    loop {
        i = skip_space(i);
        match bytes.get(i) {
            None => return i,
            Some(b'>') => return i + 1,
            Some(b'/') => {
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        // A stray `=` is a name of its own.
        let start = i;
        i += 1;
        while bytes.get(i).is_some_and(|b| !ends_name(b)) {
            i += 1;
        }
        let name = &bytes[start..i];
        i = skip_space(i);
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_space(i + 1);
        let value = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = i + 1;
                let end = memchr::memchr(quote, &bytes[inner..]).map_or(bytes.len(), |e| inner + e);
                i = (end + 1).min(bytes.len());
                &html[inner..end]
            }
            _ => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| !(b.is_ascii_whitespace() || *b == b'>'))
                {
                    i += 1;
                }
                &html[start..i]
            }
        };
        keep_attribute(name, value, found);
    }
}

/// Most attributes are classes and ARIA: only ids and links are decoded and kept.
fn keep_attribute<'a>(name: &[u8], value: &'a str, found: &mut PageLinks<'a>) {
    let is = |wanted: &str| name.eq_ignore_ascii_case(wanted.as_bytes());
    if is("id") {
        found.ids.push(decode_entities(value));
    } else if is("href") || is("src") || is("action") {
        found.links.push(decode_entities(value));
    } else if is("srcset") {
        match decode_entities(value) {
            Cow::Borrowed(list) => found.links.extend(srcset_urls(list).map(Cow::Borrowed)),
            Cow::Owned(list) => {
                let urls = srcset_urls(&list).map(|url| Cow::Owned(url.to_string()));
                found.links.extend(urls);
            }
        }
    }
}

/// The URLs of a `srcset`: each candidate is a URL and what it is for (`2x`, `640w`).
fn srcset_urls(list: &str) -> impl Iterator<Item = &str> {
    list.split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

/// The character references an attribute value may hold (`&amp;`, `&#39;`, `&#x2F;` …).
fn decode_entities(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|i| *i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: SiteAddress = SiteAddress {
        base_url: "https://user.github.io/repo/",
        base_path: "/repo/",
    };

    #[test]
    fn scan_reads_quoted_unquoted_and_escaped_attributes_but_not_scripts() {
        let html = r#"<!doctype html><a href="/repo/a/?x=1&amp;y=2#p4" id=top>x</a>
            <img src=/repo/i.png srcset="/repo/i-2.png 2x, /repo/i-3.png 3x">
            <!-- <a href="/repo/commented/"> -->
            <script type="application/ld+json">{"url": "<a href='/repo/in-script/'>"}</script>
            <form action='/repo/search/'><p id="caf&#233;">"#;
        let found = scan(html);
        assert_eq!(found.ids, ["top", "café"]);
        assert_eq!(
            found.links,
            [
                "/repo/a/?x=1&y=2#p4",
                "/repo/i.png",
                "/repo/i-2.png",
                "/repo/i-3.png",
                "/repo/search/"
            ]
        );
    }

    #[test]
    fn scan_reads_any_case_any_ascii_space_and_any_script_in_values() {
        let html = "<DIV\tID='обзор'\n\rclass=x><A\u{c}HREF=\"/repo/ar/#\u{627}\u{644}\">\u{633}</a>\
            <SCRIPT>if (a<b) { x = '<a href=\"/in-script/\">' }</Script><p id=\"z\"\
            hidden data-x= = id=after-stray><style>a[href=\"/in-style/\"]{}</STYLE>\
            <img alt=\"\u{00a0}\" src=/repo/i.png/><br/ id=br><!-- <a href=/c/>\
            <a href=\"/unterminated";
        let found = scan(html);
        assert_eq!(found.ids, ["обзор", "z", "after-stray", "br"]);
        assert_eq!(found.links, ["/repo/ar/#\u{627}\u{644}", "/repo/i.png/"]);
        let cut = scan("<a href=\"/repo/x/\" id=\"unterminated");
        assert_eq!(cut.links, ["/repo/x/"]);
        assert_eq!(cut.ids, ["unterminated"]);
        assert_eq!(scan("<script>never closed <a href=/x/>").links.len(), 0);
        assert_eq!(scan("a < b and <").ids.len(), 0);
    }

    #[test]
    fn links_resolve_to_output_files_and_ids() {
        let page = "stories/s/index.html";
        let internal = |file: &str, fragment: &str| LinkTarget::Internal {
            file: file.into(),
            fragment: fragment.into(),
        };
        assert_eq!(resolve(SITE, page, "/repo/"), internal("index.html", ""));
        assert_eq!(resolve(SITE, page, "/repo"), internal("index.html", ""));
        assert_eq!(
            resolve(SITE, page, "/repo/stories/s/fakti/#p4:~:text=on%20July"),
            internal("stories/s/fakti/index.html", "p4")
        );
        assert_eq!(
            resolve(SITE, page, "https://user.github.io/repo/atom.xml"),
            internal("atom.xml", "")
        );
        assert_eq!(
            resolve(SITE, page, "#cite-note-1"),
            internal(page, "cite-note-1")
        );
        assert_eq!(
            resolve(SITE, page, "../t/"),
            internal("stories/t/", "").with_index()
        );
        assert_eq!(resolve(SITE, page, "/other/"), LinkTarget::Escapes);
        assert_eq!(resolve(SITE, page, "../../../x"), LinkTarget::Escapes);
        for external in [
            "https://kyivpost.com/x",
            "mailto:a@b.c",
            "data:image/svg+xml,x",
            "//cdn.example/x",
        ] {
            assert_eq!(
                resolve(SITE, page, external),
                LinkTarget::External,
                "{external}"
            );
        }
    }

    #[test]
    fn links_are_percent_decoded_once_and_leniently() {
        let page = "stories/s/index.html";
        let internal = |file: &str, fragment: &str| LinkTarget::Internal {
            file: file.into(),
            fragment: fragment.into(),
        };
        assert_eq!(
            resolve(SITE, page, "/repo/caf%C3%A9/a%20b.txt#r%c3%a9f"),
            internal("caf\u{e9}/a b.txt", "r\u{e9}f")
        );
        assert_eq!(
            resolve(SITE, page, "/repo/%2525/"),
            internal("%25/index.html", "")
        );
        for (href, file) in [
            ("/repo/100%", "100%"),
            ("/repo/a%2", "a%2"),
            ("/repo/a%zzb", "a%zzb"),
            ("/repo/%ff.png", "\u{fffd}.png"),
            ("/repo/a%2Fb", "a/b"),
        ] {
            assert_eq!(resolve(SITE, page, href), internal(file, ""), "{href}");
        }
    }

    impl LinkTarget {
        fn with_index(self) -> LinkTarget {
            match self {
                LinkTarget::Internal { file, fragment } => LinkTarget::Internal {
                    file: format!("{file}index.html"),
                    fragment,
                },
                other => other,
            }
        }
    }

    #[test]
    fn a_group_resolves_its_own_links_and_hands_on_the_others() {
        let story = [
            (
                "stories/s/index.html",
                &br#"<a href="/repo/stories/s/a/#p2">a</a><a href="/repo/stories/s/a/#p9">b</a>
                    <a href="/repo/sources/x/">outlet</a><a href="/repo/style.css">css</a>"#[..],
            ),
            ("stories/s/a/index.html", &br#"<p id="p1"><p id="p2">"#[..]),
        ];
        let (problems, facts) = check_group(SITE, story, |f| f.starts_with("stories/s/"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("no element with id `p9`"));
        assert_eq!(problems[0].file, "stories/s/index.html");
        let outbound: Vec<&str> = facts.outbound.iter().map(|l| l.file.as_str()).collect();
        assert_eq!(outbound, ["sources/x/index.html", "style.css"]);

        let site_pages = [(
            "sources/x/index.html",
            &br#"<a href="/repo/stories/s/#gone">"#[..],
        )];
        let (problems, site_facts) = check_group(SITE, site_pages, |_| false);
        assert!(problems.is_empty());
        let files: BTreeSet<&str> = [
            "stories/s/index.html",
            "stories/s/a/index.html",
            "sources/x/index.html",
        ]
        .into_iter()
        .collect();
        let problems = check_site(&files, &[&facts, &site_facts]);
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "broken link to `/repo/style.css`: the site has no file `style.css`",
                "broken link to `/repo/stories/s/#gone`: `stories/s/index.html` has no element with id `gone`",
            ]
        );
    }
}

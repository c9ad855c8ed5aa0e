//! `digest import`: turns a web page as a browser saves it into an article file of a story
//! (`content/stories/<story>/articles/<id>.md`), or copies a raw `.txt` copy there.
//!
//! The front matter comes only from what the page itself states (its `<meta>`, Open Graph,
//! JSON-LD, `<time>`, `<html lang>` and canonical link): a value the page does not state is left
//! out and said so, never guessed, because editors cite these files as the record. The text is
//! found by a reader-view extractor (`dom_smoothie`, a port of Readability.js) rather than by
//! heuristics of our own, and written as plain paragraphs, so nothing of the page's markup, let
//! alone its scripts, reaches the site. Nothing under `content/` but the new file is written.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use dom_query::{Document, NodeRef};

use super::yaml_string;
use crate::diagnostics::{Diagnostic, Severity, unknown_id_hint};
use crate::layout::{ARTICLES_DIR, CONFIG_FILE, SOURCES_FILE, story_dir};
use crate::load::{self, Outlet, infer, valid_id};
use crate::pipeline::{self, BuildOptions};
use crate::primitives::boilerplate;

/// Less text than this (a short paragraph) is a page's navigation or a paywall's teaser, not
/// an article: the reader view always returns its best guess, even on a page with no article.
const MIN_ARTICLE_CHARS: usize = 140;

/// What `digest import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The site's folder.
    pub root: PathBuf,
    /// The saved page (`.html`, `.htm`) or raw text (`.txt`).
    pub file: PathBuf,
    /// The story folder to add it to (`--story`); `None`: the site's only story.
    pub story: Option<String>,
    /// The outlet's id in sources.yaml (`--source`); `None`: the outlet whose `url:` has the
    /// page's host.
    pub source: Option<String>,
    /// The article's id, its file name (`--id`); `None`: the outlet's id, then `<outlet>-2`,
    /// `-3` … when taken.
    pub id: Option<String>,
    /// Replace an existing article file of the same id and kind.
    pub force: bool,
}

/// What was written, and what was inferred, one sentence per field, for the editor to check.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new file, relative to the site's root.
    pub written: String,
    /// One sentence per field: where it came from ("title from og:title"), or that the page
    /// does not state it and it was left out.
    pub notes: Vec<String>,
}

/// A value the page states, and where on the page it stands ("og:title").
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stated {
    value: String,
    from: String,
}

impl Stated {
    fn new(value: impl Into<String>, from: impl Into<String>) -> Stated {
        Stated {
            value: value.into(),
            from: from.into(),
        }
    }
}

/// The article metadata a page states about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PageMetadata {
    /// As stated, before the site's name is taken off (see [`strip_site_name`]).
    title: Option<Stated>,
    /// Absolute http(s) only.
    url: Option<Stated>,
    /// `2024-11-07T22:50+02:00` when the page gives an offset; only the date when it does not.
    published: Option<Stated>,
    author: Option<Stated>,
    language: Option<Stated>,
    /// Names the page gives its site (og:site_name, the JSON-LD publisher), to recognise a
    /// title that ends with it.
    site_names: Vec<String>,
}

/// Runs the command: checks the request against the site, reads the file, writes the article.
pub fn import(request: &ImportRequest) -> Result<Imported, Box<Diagnostic>> {
    let input = request.file.display().to_string();
    let (site, slugs) = load_site(&request.root)?;
    let story = pipeline::pick_story(&slugs, request.story.as_deref(), "with --story SLUG")?;
    if let Some(id) = &request.source
        && !site.outlets.iter().any(|o| &o.id == id)
    {
        return Err(Box::new(
            Diagnostic::error(
                SOURCES_FILE,
                None,
                format!("there is no outlet `{id}` in content/sources.yaml"),
            )
            .with_hint(unknown_id_hint(
                id,
                site.outlets.iter().map(|o| o.id.as_str()),
                "outlet",
            )),
        ));
    }
    let bytes = std::fs::read(&request.file).map_err(|err| {
        Box::new(
            Diagnostic::error(&input, None, format!("cannot read the file: {err}"))
                .with_hint("give the path of a page saved from the browser (File → Save Page As…, \"Web page, HTML only\") or of a .txt copy"),
        )
    })?;
    let ext = request
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let text = String::from_utf8(bytes).map_err(|_| {
        Box::new(
            Diagnostic::error(&input, None, "the file is not UTF-8 text").with_hint(
                "save the page again as UTF-8, or convert it (`iconv -f windows-1252 -t utf-8`)",
            ),
        )
    })?;
    if ext == "txt" {
        import_text(request, &site, &story, &text)
    } else {
        import_html(request, &site, &story, &text)
    }
}

/// The site's settings and outlets, loaded as a build loads them; a broken site.yaml or
/// sources.yaml stops the import, since the outlet and the boilerplate come from them. Also
/// the names of its story folders.
fn load_site(root: &Path) -> Result<(load::Site, Vec<String>), Box<Diagnostic>> {
    let loaded = pipeline::load_site(root, &BuildOptions::default());
    if let Some(first) = loaded.diagnostics.sorted().into_iter().find(|d| {
        d.severity == Severity::Error && (d.file == SOURCES_FILE || d.file == CONFIG_FILE)
    }) {
        let mut d = first.clone();
        d.hint = Some(format!(
            "{}fix it (`digest check` lists every problem), then import again",
            d.hint.map(|h| format!("{h}; ")).unwrap_or_default()
        ));
        return Err(Box::new(d));
    }
    let slugs = loaded.slugs().to_vec();
    loaded.site.map(|site| (site, slugs)).ok_or_else(|| {
        Box::new(
            Diagnostic::error(CONFIG_FILE, None, "cannot read site.yaml")
                .with_hint("run `digest import` inside a site folder, or pass --root DIR"),
        )
    })
}

fn import_html(
    request: &ImportRequest,
    site: &load::Site,
    story: &str,
    html: &str,
) -> Result<Imported, Box<Diagnostic>> {
    let input = request.file.display().to_string();
    if !looks_like_html(html) {
        return Err(Box::new(
            Diagnostic::error(&input, None, "this is not an HTML page (no <html>, <body> or <p> in it)")
                .with_hint("import a page saved from the browser (File → Save Page As…), or a .txt copy of its text"),
        ));
    }
    let doc = Document::from(html);
    let meta = page_metadata(&doc);
    let mut notes = Vec::new();
    let outlet = page_outlet(request, site, &meta, &mut notes)?;
    let url = meta.url.clone().map(|u| u.value);
    let article = extract(html, url.as_deref()).ok_or_else(|| {
        Box::new(
            Diagnostic::error(&input, None, "no article text found on this page")
                .with_hint("save the article's own page (not a front page or a list), with its text loaded; or copy its text into a .txt file and import that"),
        )
    })?;
    let title = page_title(&meta, outlet);
    let author = page_author(&meta, &article, &doc);
    let fields = [
        // The page's headline is the outlet's words: `headline:`, in the article's language.
        ("headline", &title),
        ("url", &meta.url),
        ("published", &meta.published),
        ("author", &author),
        ("language", &meta.language),
    ];
    for (field, value) in fields {
        notes.push(match value {
            Some(s) => format!("{field} from {}", s.from),
            None => format!("no {field} stated on the page: left out"),
        });
    }
    let kept = article_text(site, outlet, &article, &input, &mut notes)?;
    let outlet_id = outlet.map(|o| o.id.as_str());
    let mut out = String::from("---\n");
    if let Some(id) = outlet_id {
        out.push_str(&format!("source: {id}\n"));
    }
    for (key, value) in fields {
        if let Some(s) = value {
            out.push_str(&format!("{key}: {}\n", yaml_string(&s.value)));
        }
    }
    out.push_str("---\n");
    out.push_str(&kept.join("\n\n"));
    out.push('\n');
    let written = write_article(request, story, outlet_id, "md", &out)?;
    Ok(Imported { written, notes })
}

/// The page's outlet: the one `--source` names, or the one whose address has the page's host.
fn page_outlet<'s>(
    request: &ImportRequest,
    site: &'s load::Site,
    meta: &PageMetadata,
    notes: &mut Vec<String>,
) -> Result<Option<&'s Outlet>, Box<Diagnostic>> {
    if let Some(id) = &request.source {
        notes.push(format!("source `{id}` from --source"));
        return Ok(site.outlets.iter().find(|o| &o.id == id));
    }
    let input = request.file.display().to_string();
    let outlet = outlet_by_host(&site.outlets, meta, &input)?;
    notes.push(format!(
        "source `{}` from the page's host {} ({}), the url of `{}` in sources.yaml",
        outlet.id,
        meta.url
            .as_ref()
            .and_then(|u| host_of(&u.value))
            .unwrap_or_default(),
        meta.url.as_ref().map_or("", |u| u.from.as_str()),
        outlet.id
    ));
    Ok(Some(outlet))
}

/// The title the page states, without the site's name it may end with.
fn page_title(meta: &PageMetadata, outlet: Option<&Outlet>) -> Option<Stated> {
    let mut names = meta.site_names.clone();
    if let Some(o) = outlet {
        names.push(o.name.clone());
    }
    meta.title
        .clone()
        .map(|t| match strip_site_name(&t.value, &names) {
            Some((short, tail)) => Stated::new(
                short,
                format!("{}, without the site's name \"{tail}\"", t.from),
            ),
            None => t,
        })
}

/// The author the page states, or else its byline as the reader view finds it.
fn page_author(meta: &PageMetadata, article: &Extracted, doc: &Document) -> Option<Stated> {
    meta.author.clone().or_else(|| {
        article
            .byline
            .as_deref()
            .map(clean)
            .map(|b| b.strip_prefix("By ").unwrap_or(&b).trim().to_string())
            .filter(|b| !b.is_empty() && b.chars().count() <= 200)
            // The reader view also reads bylines from <meta> tags, some of which name someone
            // else (see `page_metadata`): a byline only those tags state is not the page's.
            .filter(|b| !meta_contents(doc).any(|c| clean(&c) == *b))
            .map(|b| Stated::new(b, "the byline on the page (reader view)"))
    })
}

/// The reader view's paragraphs without the site's and the outlet's furniture; too little
/// text is not an article.
fn article_text(
    site: &load::Site,
    outlet: Option<&Outlet>,
    article: &Extracted,
    input: &str,
    notes: &mut Vec<String>,
) -> Result<Vec<String>, Box<Diagnostic>> {
    let patterns = load::boilerplate_for(site, outlet.map(|o| o.id.as_str()));
    let all = paragraphs_of(&article.content);
    let kept: Vec<String> = all
        .iter()
        .filter(|p| {
            let line = boilerplate::Line::new(p);
            !patterns.iter().any(|pat| pat.matches_line(&line))
        })
        .cloned()
        .collect();
    let chars: usize = kept.iter().map(|p| p.chars().count()).sum();
    if chars < MIN_ARTICLE_CHARS {
        return Err(Box::new(
            Diagnostic::error(input, None, format!("no article text found on this page (the reader view found {chars} characters of text)"))
                .with_hint("save the article's own page with its text loaded; or copy the text into a .txt file and import that"),
        ));
    }
    notes.push(format!(
        "{} paragraphs of text from the page's reader view{}",
        kept.len(),
        match all.len() - kept.len() {
            0 => String::new(),
            n => format!(" ({n} more were boilerplate lines of the site or the outlet)"),
        }
    ));
    Ok(kept)
}

fn import_text(
    request: &ImportRequest,
    site: &load::Site,
    story: &str,
    text: &str,
) -> Result<Imported, Box<Diagnostic>> {
    let ids: Vec<&str> = site.outlets.iter().map(|o| o.id.as_str()).collect();
    // As the loader does: the outlet of a .txt is named by its file name.
    let stem = request
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let outlet_id = request
        .source
        .clone()
        .or_else(|| infer::source_from_file_stem(&stem, &ids).map(str::to_string));
    let has_front_matter =
        load::front_matter::split_front_matter(text).is_ok_and(|split| split.yaml.is_some());
    // A bare copy has no `source:`: the loader names its outlet from the file name, so an id
    // that does not start with the outlet's would lose it.
    if let (false, Some(source), Some(id)) = (has_front_matter, &request.source, &request.id)
        && infer::source_from_file_stem(id, &ids) != Some(source.as_str())
    {
        return Err(Box::new(
            Diagnostic::error(
                request.file.display().to_string(),
                None,
                format!(
                    "a .txt article takes its outlet from its file name, and `{id}.txt` would not be read as `{source}`'s"
                ),
            )
            .with_hint(format!(
                "leave out --id (it becomes `{source}`), or pass --id {source}-2 or another id that starts with `{source}-`"
            )),
        ));
    }
    let written = write_article(request, story, outlet_id.as_deref(), "txt", text)?;
    let id = Path::new(&written)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // A copy with front matter is read as written; only a bare copy is inferred.
    if has_front_matter {
        return Ok(Imported {
            written,
            notes: vec![
                "the file has front matter: it is read as written, nothing inferred".into(),
            ],
        });
    }
    // What the loader will infer from the copy, exactly as `digest check` prints it.
    let inferred = load::infer_from_text(site, &id, text);
    Ok(Imported {
        written,
        notes: inferred.notes,
    })
}

/// Picks the article id and writes the file, refusing to replace one unless `--force`.
fn write_article(
    request: &ImportRequest,
    story: &str,
    outlet: Option<&str>,
    ext: &str,
    contents: &str,
) -> Result<String, Box<Diagnostic>> {
    let dir_rel = format!("{}/{ARTICLES_DIR}", story_dir(story));
    let dir = request.root.join(&dir_rel);
    let taken = |id: &str| {
        ["md", "txt"]
            .iter()
            .any(|e| dir.join(format!("{id}.{e}")).exists())
    };
    let id = match (&request.id, outlet) {
        (Some(id), _) => {
            if !valid_id(id) {
                return Err(Box::new(
                    Diagnostic::error(&dir_rel, None, format!("`{id}` cannot be an article id"))
                        .with_hint("ids appear in URLs and citations: letters, digits, `-` and `_`, starting with a letter or digit (like `kyivpost-2`)"),
                ));
            }
            id.clone()
        }
        (None, Some(outlet)) => {
            if request.force || !taken(outlet) {
                outlet.to_string()
            } else {
                (2..)
                    .map(|n| format!("{outlet}-{n}"))
                    .find(|id| !taken(id))
                    .unwrap_or_default()
            }
        }
        (None, None) => {
            return Err(Box::new(
                Diagnostic::error(
                    request.file.display().to_string(),
                    None,
                    "no outlet for this file, so no id for the article",
                )
                .with_hint("pass --source ID (an outlet of content/sources.yaml) or --id ID"),
            ));
        }
    };
    let rel = format!("{dir_rel}/{id}.{ext}");
    let other = if ext == "md" { "txt" } else { "md" };
    if dir.join(format!("{id}.{other}")).exists() {
        return Err(Box::new(
            Diagnostic::error(
                format!("{dir_rel}/{id}.{other}"),
                None,
                format!("the story already has an article `{id}`"),
            )
            .with_hint("pass another --id, or delete that file first"),
        ));
    }
    let path = request.root.join(&rel);
    if path.exists() && !request.force {
        return Err(Box::new(
            Diagnostic::error(&rel, None, format!("the article `{id}` already exists"))
                .with_hint("nothing was written; pass --force to replace it, or --id to import under another id"),
        ));
    }
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, contents))
        .map_err(|err| {
            Box::new(Diagnostic::error(
                &rel,
                None,
                format!("cannot write the article: {err}"),
            ))
        })?;
    Ok(rel)
}

/// A saved page has one of these near its start; a text file or an image does not.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(200_000)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<html", "<body", "<p>", "<p ", "<article"]
        .iter()
        .any(|tag| head.contains(tag))
}

/// The outlet whose `url:` host is the page's (`www.` ignored; a subdomain such as
/// `sport.aktualne.cz` belongs to `aktualne.cz`).
fn outlet_by_host<'a>(
    outlets: &'a [Outlet],
    meta: &PageMetadata,
    input: &str,
) -> Result<&'a Outlet, Box<Diagnostic>> {
    let url = meta.url.as_ref();
    let known = || {
        let list: Vec<String> = outlets
            .iter()
            .map(|o| match o.url.as_deref().and_then(host_of) {
                Some(h) => format!("`{}` ({h})", o.id),
                None => format!("`{}` (no url)", o.id),
            })
            .collect();
        if list.is_empty() {
            "content/sources.yaml lists no outlets yet".to_string()
        } else {
            format!("the known outlets are {}", list.join(", "))
        }
    };
    let Some(url) = url else {
        return Err(Box::new(
            Diagnostic::error(input, None, "the page states no URL (no canonical link, og:url or JSON-LD url), so its outlet is unknown")
                .with_hint(format!("pass --source ID; {}", known())),
        ));
    };
    let host = host_of(&url.value).unwrap_or_default();
    let outlet_host = |o: &Outlet| o.url.as_deref().and_then(host_of);
    let found = outlets
        .iter()
        .find(|o| outlet_host(o).as_deref() == Some(host.as_str()))
        .or_else(|| {
            outlets
                .iter()
                .find(|o| outlet_host(o).is_some_and(|h| host.ends_with(&format!(".{h}"))))
        });
    found.ok_or_else(|| {
        let id: String = host
            .split('.')
            .rev()
            .nth(1)
            .unwrap_or(&host)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let origin = url.value.split('/').take(3).collect::<Vec<_>>().join("/");
        Box::new(
            Diagnostic::error(input, None, format!("no outlet in content/sources.yaml has the page's host {host}"))
                .with_hint(format!(
                    "{}; pass --source ID, or add the outlet to content/sources.yaml:\n    {id}:\n      name: {}\n      url: {origin}/",
                    known(),
                    meta.site_names.first().map_or("…".to_string(), |n| yaml_string(n))
                )),
        )
    })
}

/// The host of an http(s) URL, lower case, without `www.` and port.
fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The reader view of the page: its content HTML and byline.
struct Extracted {
    content: String,
    byline: Option<String>,
}

fn extract(html: &str, url: Option<&str>) -> Option<Extracted> {
    let config = dom_smoothie::Config::default();
    let mut reader = dom_smoothie::Readability::new(html, url, Some(config)).ok()?;
    let article = reader.parse().ok()?;
    Some(Extracted {
        content: article.content.to_string(),
        byline: article.byline,
    })
}

/// Elements whose text stands apart from what comes before and after it.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "address",
    "details",
    "summary",
    "hr",
    "br",
    "body",
    "html",
    "nav",
];
/// Elements with no reading text (or only a program's): their contents are dropped.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "button", "form", "input",
    "select", "textarea", "object", "embed", "video", "audio", "canvas", "head", "title", "meta",
    "link",
];

/// The plain-text paragraphs of an HTML fragment: each block element's own text, whitespace
/// normalised; a block inside a block (a `<p>` in a `<li>`) is a paragraph of its own.
fn paragraphs_of(html: &str) -> Vec<String> {
    let doc = Document::fragment(html);
    let mut out = Vec::new();
    let mut buf = String::new();
    walk(&doc.root(), &mut buf, &mut out);
    flush(&mut buf, &mut out);
    out
}

fn walk(node: &NodeRef, buf: &mut String, out: &mut Vec<String>) {
    for child in node.children() {
        if child.is_text() {
            buf.push_str(&child.text());
        } else if child.is_element() {
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if SKIPPED.contains(&name.as_str()) {
                continue;
            }
            let block = BLOCKS.contains(&name.as_str());
            if block {
                flush(buf, out);
            }
            walk(&child, buf, out);
            if block {
                flush(buf, out);
            }
        }
    }
}

fn flush(buf: &mut String, out: &mut Vec<String>) {
    let text = clean(buf);
    if !text.is_empty() {
        out.push(text);
    }
    buf.clear();
}

/// Whitespace collapsed to single spaces, control and invisible formatting characters dropped
/// (a YAML value or a paragraph must stay on one line).
fn clean(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{2028}' || c == '\u{2029}')
        .filter(|w| !w.is_empty())
        .map(|w| w.replace(['\u{200b}', '\u{feff}', '\u{ad}'], ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The title without a trailing " | Site name" (or ` - `, ` – `, ` — `, ` :: `, ` · `) when the
/// tail is a name the page or sources.yaml gives the site; the shortened title and the tail.
fn strip_site_name(title: &str, site_names: &[String]) -> Option<(String, String)> {
    let norm = |s: &str| boilerplate::normalize_line(s);
    let names: Vec<String> = site_names
        .iter()
        .map(|n| norm(n))
        .filter(|n| !n.is_empty())
        .collect();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let t = norm(tail);
            let is_site = !t.is_empty()
                && names.iter().any(|n| {
                    *n == t
                        || n.starts_with(&format!("{t} "))
                        || t.starts_with(&format!("{n} "))
                        || n.starts_with(&t) && t.contains('.')
                });
            if is_site && !head.trim().is_empty() {
                return Some((
                    head.trim().to_string(),
                    format!("{}{}", sep.trim_start(), tail.trim()),
                ));
            }
        }
    }
    None
}

/// Reads the metadata the page states about itself (see [`PageMetadata`]).
fn page_metadata(doc: &Document) -> PageMetadata {
    let page = Statements {
        doc,
        json_ld: json_ld_articles(doc),
    };
    let meta_tag = |attr: &str, name: &str| page.meta_tag(attr, name);
    PageMetadata {
        title: page.title(),
        url: page.url(),
        published: published(doc, &page.json_ld, &meta_tag),
        author: page.author(),
        language: page.language(),
        site_names: page.site_names(),
    }
}

/// Where a page states things about itself: its `<meta>` tags and its JSON-LD articles.
struct Statements<'d> {
    doc: &'d Document,
    json_ld: Vec<serde_json::Value>,
}

impl Statements<'_> {
    /// A string the page's JSON-LD article states under `key`.
    fn ld_str(&self, key: &str) -> Option<String> {
        self.json_ld
            .iter()
            .find_map(|a| a.get(key).and_then(|v| v.as_str()).map(clean))
            .filter(|v| !v.is_empty())
    }

    /// The content of `<meta attr="name">` (the name in any case).
    fn meta_tag(&self, attr: &str, name: &str) -> Option<String> {
        self.doc
            .select(&format!("meta[{attr}]"))
            .iter()
            .find(|m| m.attr(attr).is_some_and(|a| a.eq_ignore_ascii_case(name)))
            .and_then(|m| m.attr("content"))
            .map(|c| clean(&c))
            .filter(|c| !c.is_empty())
    }

    /// The article's own headline first; Open Graph and the rest often add the site.
    fn title(&self) -> Option<Stated> {
        let tag = |attr: &str, name: &str, from: &str| {
            self.meta_tag(attr, name).map(|v| Stated::new(v, from))
        };
        self.ld_str("headline")
            .map(|v| Stated::new(v, "JSON-LD headline"))
            .or_else(|| tag("property", "og:title", "og:title"))
            .or_else(|| tag("name", "twitter:title", "twitter:title"))
            .or_else(|| tag("property", "twitter:title", "twitter:title"))
            .or_else(|| tag("name", "dc.title", "<meta name=DC.title>"))
            .or_else(|| tag("name", "title", "<meta name=title>"))
            .or_else(|| {
                let t = clean(&self.doc.select("title").first().text());
                (!t.is_empty()).then(|| Stated::new(t, "the page's <title>"))
            })
    }

    /// The canonical address, absolute http(s) only.
    fn url(&self) -> Option<Stated> {
        let absolute =
            |v: String| (v.starts_with("https://") || v.starts_with("http://")).then_some(v);
        self.doc
            .select("link[rel][href]")
            .iter()
            .find(|l| {
                l.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.attr("href"))
            .map(|h| clean(&h))
            .and_then(absolute)
            .map(|v| Stated::new(v, "<link rel=canonical>"))
            .or_else(|| {
                self.meta_tag("property", "og:url")
                    .and_then(absolute)
                    .map(|v| Stated::new(v, "og:url"))
            })
            .or_else(|| {
                self.ld_str("url")
                    .and_then(absolute)
                    .map(|v| Stated::new(v, "JSON-LD url"))
            })
    }

    fn author(&self) -> Option<Stated> {
        self.json_ld
            .iter()
            .find_map(|a| a.get("author").and_then(author_names))
            .map(|v| Stated::new(v, "JSON-LD author"))
            .or_else(|| {
                self.meta_tag("name", "author")
                    .map(|v| Stated::new(v, "<meta name=author>"))
            })
            // Open Graph's `property` only: some pages put another writer's name in a
            // `<meta name="article:author">` (the Herald Sun page names a columnist of a sidebar).
            .or_else(|| {
                self.meta_tag("property", "article:author")
                    .filter(|v| !v.starts_with("http"))
                    .map(|v| Stated::new(v, "article:author"))
            })
    }

    /// A language tag (`en`, `pt-BR`, `zh_Hant` as `zh-Hant`), from the first place that
    /// states a well-formed one.
    fn language(&self) -> Option<Stated> {
        let tag = |v: String| -> Option<String> {
            let v = v.replace('_', "-");
            let mut parts = v.split('-');
            let first = parts.next()?;
            let ok = (2..=3).contains(&first.len())
                && first.chars().all(|c| c.is_ascii_alphabetic())
                && parts.all(|p| {
                    (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
                });
            ok.then_some(v)
        };
        self.ld_str("inLanguage")
            .and_then(tag)
            .map(|v| Stated::new(v, "JSON-LD inLanguage"))
            .or_else(|| {
                self.doc
                    .select("html")
                    .first()
                    .attr("lang")
                    .map(|l| clean(&l))
                    .and_then(tag)
                    .map(|v| Stated::new(v, "<html lang>"))
            })
            .or_else(|| {
                self.meta_tag("http-equiv", "content-language")
                    .and_then(tag)
                    .map(|v| Stated::new(v, "<meta http-equiv=content-language>"))
            })
            .or_else(|| {
                self.meta_tag("property", "og:locale")
                    .and_then(tag)
                    .map(|v| Stated::new(v, "og:locale"))
            })
    }

    /// The names the page gives its site.
    fn site_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .meta_tag("property", "og:site_name")
            .into_iter()
            .collect();
        names.extend(self.json_ld.iter().filter_map(|a| {
            a.get("publisher")
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .map(clean)
        }));
        names.extend(self.meta_tag("name", "application-name"));
        names
    }
}

/// Every `<meta content>` of the page.
fn meta_contents(doc: &Document) -> impl Iterator<Item = String> {
    doc.select("meta[content]")
        .iter()
        .filter_map(|m| m.attr("content").map(|c| c.to_string()))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The page's JSON-LD objects that describe an article (`NewsArticle`, `Article`,
/// `ReportageNewsArticle`, `BlogPosting` …), also inside `@graph` and arrays. Unreadable
/// JSON-LD is skipped: it states nothing.
fn json_ld_articles(doc: &Document) -> Vec<serde_json::Value> {
    fn collect(value: serde_json::Value, out: &mut Vec<serde_json::Value>) {
        match value {
            serde_json::Value::Array(items) => items.into_iter().for_each(|v| collect(v, out)),
            serde_json::Value::Object(mut map) => {
                if let Some(graph) = map.remove("@graph") {
                    collect(graph, out);
                }
                let is_article = |t: &serde_json::Value| {
                    t.as_str()
                        .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting")
                };
                let article = match map.get("@type") {
                    Some(serde_json::Value::Array(types)) => types.iter().any(is_article),
                    Some(t) => is_article(t),
                    None => false,
                };
                if article {
                    out.push(serde_json::Value::Object(map));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for script in doc.select("script[type]").iter() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if is_ld && let Ok(value) = serde_json::from_str(script.text().trim()) {
            collect(value, &mut out);
        }
    }
    out
}

/// `"Jane Doe"`, `{"name": "Jane Doe"}` or a list of those, as "Jane Doe, John Roe".
fn author_names(value: &serde_json::Value) -> Option<String> {
    let one = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(clean(s)),
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(clean),
        _ => None,
    };
    let names: Vec<String> = match value {
        serde_json::Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !n.starts_with("http"))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The published time: from the first place that states it with an offset, in the order of
/// how surely it means this article's publication; when no place gives an offset, only the
/// date of the first one, since the time of day without an offset would be a guess.
fn published(
    doc: &Document,
    json_ld: &[serde_json::Value],
    meta_tag: &dyn Fn(&str, &str) -> Option<String>,
) -> Option<Stated> {
    let mut stated: Vec<(String, String)> = Vec::new();
    if let Some(v) = json_ld
        .iter()
        .find_map(|a| a.get("datePublished").and_then(|v| v.as_str()))
    {
        stated.push((v.to_string(), "JSON-LD datePublished".into()));
    }
    for (attr, name, from) in [
        (
            "property",
            "article:published_time",
            "article:published_time",
        ),
        ("name", "article:published_time", "article:published_time"),
        ("itemprop", "datePublished", "<meta itemprop=datePublished>"),
    ] {
        if let Some(v) = meta_tag(attr, name) {
            stated.push((v, from.into()));
        }
    }
    for time in doc.select("time[datetime]").iter() {
        let itemprop = time
            .attr("itemprop")
            .is_some_and(|p| p.as_ref() == "datePublished");
        if itemprop || time.has_attr("pubdate") {
            if let Some(v) = time.attr("datetime") {
                stated.push((v.to_string(), "<time datetime> (datePublished)".into()));
            }
            break;
        }
    }
    for name in [
        "date",
        "dc.date.issued",
        "dcterms.created",
        "pubdate",
        "publishdate",
    ] {
        if let Some(v) = meta_tag("name", name) {
            stated.push((v, format!("<meta name={name}>")));
        }
    }
    if let Some(v) = doc.select("time[datetime]").first().attr("datetime") {
        stated.push((v.to_string(), "the page's first <time datetime>".into()));
    }
    let parsed: Vec<(Published, String, String)> = stated
        .into_iter()
        .filter_map(|(raw, from)| Some((parse_published(&raw)?, raw, from)))
        .collect();
    if let Some((Published::WithOffset(t), _, from)) = parsed
        .iter()
        .find(|(p, _, _)| matches!(p, Published::WithOffset(_)))
    {
        return Some(Stated::new(format_time(t), from.clone()));
    }
    parsed.first().map(|(p, raw, from)| {
        let date = match p {
            Published::WithOffset(t) => t.date_naive(),
            Published::Local(d) => *d,
        };
        Stated::new(
            date.format("%Y-%m-%d").to_string(),
            format!("{from} (\"{raw}\" states no UTC offset, so only the date is kept)"),
        )
    })
}

enum Published {
    WithOffset(DateTime<FixedOffset>),
    /// A date, or a date and time of day without an offset (its date).
    Local(NaiveDate),
}

fn parse_published(raw: &str) -> Option<Published> {
    let s = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(Published::WithOffset(t));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(Published::WithOffset(t));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Published::Local(t.date()));
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(Published::Local)
}

/// As front matter writes a date-time (`2024-11-07T22:50+02:00`; seconds when there are).
fn format_time(t: &DateTime<FixedOffset>) -> String {
    if t.second() == 0 {
        t.format("%Y-%m-%dT%H:%M%:z").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(head: &str) -> PageMetadata {
        page_metadata(&Document::from(format!(
            "<!doctype html><html><head>{head}</head><body><p>x</p></body></html>"
        )))
    }

    #[test]
    fn plain_meta_tags() {
        let m = meta(
            r#"<title>Page title</title><meta name="author" content="Jane Doe">
               <meta name="title" content="Meta title">"#,
        );
        assert_eq!(
            m.title,
            Some(Stated::new("Meta title", "<meta name=title>"))
        );
        assert_eq!(
            m.author,
            Some(Stated::new("Jane Doe", "<meta name=author>"))
        );
        assert_eq!(m.url, None);
        assert_eq!(m.published, None);
        assert_eq!(m.language, None);
        let m = meta("<title> Only  the title </title>");
        assert_eq!(m.title.unwrap().value, "Only the title");
    }

    #[test]
    fn open_graph_and_article_tags() {
        let m = meta(
            r#"<meta property="og:title" content="OG title">
               <meta property="og:url" content="https://www.example.com/a">
               <meta property="og:site_name" content="Example News">
               <meta property="article:published_time" content="2021-11-01T10:52:50+01:00">
               <meta property="article:author" content="https://example.com/by/jane">
               <meta property="og:locale" content="fr_FR">"#,
        );
        assert_eq!(m.title, Some(Stated::new("OG title", "og:title")));
        assert_eq!(
            m.url,
            Some(Stated::new("https://www.example.com/a", "og:url"))
        );
        assert_eq!(
            m.published,
            Some(Stated::new(
                "2021-11-01T10:52:50+01:00",
                "article:published_time"
            ))
        );
        // An author given as a profile URL names no one.
        assert_eq!(m.author, None);
        assert_eq!(m.language, Some(Stated::new("fr-FR", "og:locale")));
        assert_eq!(m.site_names, vec!["Example News".to_string()]);
    }

    #[test]
    fn json_ld_news_article() {
        let m = meta(
            r#"<meta property="og:title" content="Headline - Example">
               <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
                 {"@type":"WebSite","name":"Example","url":"https://example.com/"},
                 {"@type":"NewsArticle","headline":"The \"headline\": said","datePublished":"2015-07-24T05:36:09+01:00",
                  "author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
                  "url":"https://example.com/story","inLanguage":"de",
                  "publisher":{"name":"Example"}}]}</script>
               <script type="application/ld+json">{ not json</script>"#,
        );
        assert_eq!(
            m.title,
            Some(Stated::new("The \"headline\": said", "JSON-LD headline"))
        );
        assert_eq!(
            m.published,
            Some(Stated::new(
                "2015-07-24T05:36:09+01:00",
                "JSON-LD datePublished"
            ))
        );
        assert_eq!(
            m.author,
            Some(Stated::new("Jane Doe, John Roe", "JSON-LD author"))
        );
        assert_eq!(
            m.url,
            Some(Stated::new("https://example.com/story", "JSON-LD url"))
        );
        assert_eq!(m.language, Some(Stated::new("de", "JSON-LD inLanguage")));
        assert_eq!(m.site_names, vec!["Example".to_string()]);
    }

    #[test]
    fn time_element_html_lang_and_canonical() {
        let doc = Document::from(
            r#"<html lang="cs"><head><link rel="canonical" href="https://example.cz/x">
               <meta name="date" content="2016-02-01 01:28:49"></head>
               <body><time datetime="2015-05-04T13:36:31+02:00" itemprop="datePublished">4 May</time></body></html>"#,
        );
        let m = page_metadata(&doc);
        assert_eq!(m.language, Some(Stated::new("cs", "<html lang>")));
        assert_eq!(
            m.url,
            Some(Stated::new("https://example.cz/x", "<link rel=canonical>"))
        );
        assert_eq!(
            m.published,
            Some(Stated::new(
                "2015-05-04T13:36:31+02:00",
                "<time datetime> (datePublished)"
            ))
        );
    }

    #[test]
    fn a_time_without_offset_keeps_only_its_date() {
        let m = meta(r#"<meta name="date" content="2016-02-01 01:28:49">"#);
        let p = m.published.unwrap();
        assert_eq!(p.value, "2016-02-01");
        assert!(p.from.contains("no UTC offset"), "{}", p.from);
        // "+0000" offsets are read too, and written as front matter writes them.
        let m = meta(r#"<meta itemprop="datePublished" content="2017-11-16T14:15+0000">"#);
        assert_eq!(m.published.unwrap().value, "2017-11-16T14:15+00:00");
    }

    #[test]
    fn published_values_read_back_as_dates() {
        for v in [
            "2017-11-16T14:15+00:00",
            "2021-11-01T10:52:50+01:00",
            "2016-02-01",
        ] {
            crate::primitives::when::parse_when(v, FixedOffset::east_opt(0).unwrap())
                .unwrap_or_else(|e| panic!("{v}: {e}"));
        }
    }

    #[test]
    fn yaml_values_round_trip() {
        for value in [
            "Zimbabwe coup: Mugabe 'insisting', as \"priest\" steps in",
            "- a list? # not a comment",
            "yes",
            "2024",
            "@handle & *alias {x} [y] | > %",
            "back\\slash and tab\there",
            "Čeština, Ελληνικά, 中文",
        ] {
            let text = format!("title: {}\n", yaml_string(value));
            let read: load::sidecars::ArticleFrontMatter =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(read.title.as_deref(), Some(value), "{text}");
        }
    }

    #[test]
    fn site_names_are_taken_off_titles() {
        let names = vec!["Aktuálně.cz - Víte, co se právě děje".to_string()];
        assert_eq!(
            strip_site_name("West Ham hrozí | Aktuálně.cz", &names),
            Some(("West Ham hrozí".into(), "| Aktuálně.cz".into()))
        );
        let names = vec!["BBC News".to_string()];
        assert_eq!(
            strip_site_name("Obama admits - BBC News", &names).map(|t| t.0),
            Some("Obama admits".into())
        );
        // A dash that is part of the headline stays.
        assert_eq!(strip_site_name("Trump - the return", &names), None);
    }

    #[test]
    fn paragraphs_are_blocks_as_plain_text() {
        let p = paragraphs_of(
            "<div><h2>Sub  head</h2><p>One <b>bold</b>\n word.</p><ul><li><p>Item</p></li><li>Two</li></ul>\
             <blockquote>Quoted<script>alert(1)</script></blockquote><p>a<br>b</p><img src=x onerror=alert(1)></div>",
        );
        assert_eq!(
            p,
            [
                "Sub head",
                "One bold word.",
                "Item",
                "Two",
                "Quoted",
                "a",
                "b"
            ]
        );
    }

    #[test]
    fn hosts_ignore_www_and_ports() {
        assert_eq!(
            host_of("https://www.BBC.com:443/news?x").as_deref(),
            Some("bbc.com")
        );
        assert_eq!(host_of("ftp://x.com/"), None);
    }
}

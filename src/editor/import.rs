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

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use dom_query::{Document, NodeRef};

use super::yaml_string;
use crate::diagnostics::{Diagnostic, Position, Severity, unknown_id_hint};
use crate::layout::{ARTICLES_DIR, CONFIG_FILE, SOURCES_FILE, story_dir};
use crate::load::{self, Outlet, infer, valid_id};
use crate::pipeline::{self, BuildOptions};
use crate::primitives::boilerplate;
use crate::primitives::when::parse_when;

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
    /// What the editor states for what the copy does not say; it wins over what is read.
    pub given: GivenMetadata,
}

/// Front matter the editor gives on the command line (`--title`, `--headline`, `--published`,
/// `--author`), for what a copy does not say or says wrongly.
#[derive(Debug, Clone, Default)]
pub struct GivenMetadata {
    /// The editor's title, in the site's language (`title:`).
    pub title: Option<String>,
    /// The outlet's own headline (`headline:`).
    pub headline: Option<String>,
    /// When the outlet published it, as front matter writes it (`2017-09-08`,
    /// `2017-09-08T14:30`, `2017-09-08T14:30+02:00`).
    pub published: Option<String>,
    /// Who wrote it (`author:`).
    pub author: Option<String>,
}

impl GivenMetadata {
    fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.headline.is_none()
            && self.published.is_none()
            && self.author.is_none()
    }
}

/// The given values, checked: none empty or on several lines, the date a date. The date comes
/// back as front matter writes it, with the site's offset when the editor gave none.
fn check_given(given: &GivenMetadata, site: &load::Site) -> Result<GivenMetadata, Box<Diagnostic>> {
    let mut checked = GivenMetadata::default();
    for (option, value, slot) in [
        ("--title", &given.title, &mut checked.title),
        ("--headline", &given.headline, &mut checked.headline),
        ("--author", &given.author, &mut checked.author),
    ] {
        if let Some(v) = value {
            let one_line = clean(v);
            if one_line.is_empty() {
                return Err(Box::new(
                    Diagnostic::error(
                        format!("digest import {option}"),
                        None,
                        format!("{option} is empty"),
                    )
                    .with_hint(format!(
                        "give the text after {option} in quotes, or leave {option} out"
                    )),
                ));
            }
            *slot = Some(one_line);
        }
    }
    if let Some(raw) = &given.published {
        let when = parse_when(raw.trim(), site.config.default_offset).map_err(|message| {
            Box::new(
                Diagnostic::error("digest import --published", None, message).with_hint(
                    "write the date as front matter does: --published 2017-09-08, or with the time \
                     --published 2017-09-08T14:30 (the site's time zone) or \
                     --published 2017-09-08T14:30+02:00",
                ),
            )
        })?;
        checked.published = Some(when.datetime_attr());
    }
    Ok(checked)
}

/// The editor's value when given (the option named in the note, with what the page said),
/// or else what the page states.
fn given_or(given: &Option<String>, option: &str, stated: Option<Stated>) -> Option<Stated> {
    match (given, stated) {
        (Some(v), Some(page)) if page.value != *v => Some(Stated::new(
            v.clone(),
            format!(
                "{option} (the page's, from {}, was \"{}\")",
                page.from, page.value
            ),
        )),
        (Some(v), _) => Some(Stated::new(v.clone(), option)),
        (None, stated) => stated,
    }
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
    let given = check_given(&request.given, &site)?;
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
        import_text(request, &given, &site, &story, &text)
    } else {
        import_html(request, &given, &site, &story, &text)
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
    given: &GivenMetadata,
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
    refuse_deep_nesting(html, &input)?;
    let doc = Document::from(html);
    let meta = page_metadata(&doc, site.config.default_offset);
    let mut notes = Vec::new();
    let outlet = page_outlet(request, site, &meta, &mut notes)?;
    let url = meta.url.clone().map(|u| u.value);
    let article = extract(html, url.as_deref()).ok_or_else(|| {
        Box::new(
            Diagnostic::error(&input, None, "no article text found on this page")
                .with_hint("save the article's own page (not a front page or a list), with its text loaded; or copy its text into a .txt file and import that"),
        )
    })?;
    let headline = given_or(&given.headline, "--headline", page_title(&meta, outlet));
    let author = given_or(
        &given.author,
        "--author",
        page_author(&meta, &article, &doc),
    );
    let published = given_or(&given.published, "--published", meta.published.clone());
    let title = given.title.clone().map(|t| Stated::new(t, "--title"));
    let fields = [
        ("title", &title),
        // The page's headline is the outlet's words: `headline:`, in the article's language.
        ("headline", &headline),
        ("url", &meta.url),
        ("published", &published),
        ("author", &author),
        ("language", &meta.language),
    ];
    for (field, value) in fields {
        notes.push(match value {
            Some(s) => format!("{field} from {}", s.from),
            // The editor's own title is theirs to add; the page never states it.
            None if field == "title" => continue,
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

/// How deep a page's elements may nest. News pages nest a few dozen deep; the HTML parser's
/// work grows with the square of the depth (each new element looks through the open ones), so
/// a page nested 200,000 deep would never finish: such a page is refused before it is parsed.
const MAX_NESTING: usize = 1_000;

/// Elements that hold nothing (`<br>`, `<img>` …), or that the parser places itself: they never
/// make a page deeper.
const NEVER_NEST: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "html", "head", "body",
];
/// Elements whose contents are text to the parser, not elements.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
/// Block elements whose start ends an open paragraph, as `<p>` itself does.
const ENDS_PARAGRAPH: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "figure",
    "form",
    "pre",
    "address",
    "details",
    "fieldset",
    "hr",
];
/// How far down the open elements a start tag looks for the sibling it ends: real pages open a
/// few inline elements inside a paragraph or an item, and a bound keeps the pass linear.
const SIBLING_LOOKBACK: usize = 64;

/// The elements a start tag of `name` ends when one is open (`<li>` ends the open `<li>`, `<div>`
/// the open `<p>`), and those it does not look past (a list item inside a nested list is not
/// the outer list's sibling).
fn ends_siblings(name: &str) -> (&'static [&'static str], &'static [&'static str]) {
    const P_SCOPE: &[&str] = &[
        "table", "td", "th", "caption", "button", "object", "template",
    ];
    match name {
        "li" => (&["li", "p"], &["ul", "ol", "menu", "table", "td", "th"]),
        "dt" | "dd" => (&["dt", "dd", "p"], &["dl", "table", "td", "th"]),
        "tr" => (&["tr", "td", "th"], &["table", "thead", "tbody", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot", "tr", "td", "th"], &["table"]),
        "option" => (&["option"], &["select", "datalist", "optgroup"]),
        "optgroup" => (&["optgroup", "option"], &["select"]),
        "rb" | "rt" | "rp" | "rtc" => (&["rb", "rt", "rp", "rtc"], &["ruby"]),
        n if ENDS_PARAGRAPH.contains(&n) => (&["p"], P_SCOPE),
        _ => (&[], &[]),
    }
}

/// The open elements as the HTML parser keeps them, closely enough to know the page's depth.
#[derive(Default)]
struct OpenElements {
    names: Vec<String>,
    /// How many of each name are open: an end tag with none open is ignored, found at once.
    counts: std::collections::HashMap<String, usize>,
    /// Open `<svg>` and `<math>`, inside which `/>` closes an element.
    foreign: usize,
}

impl OpenElements {
    fn push(&mut self, name: String) {
        if matches!(name.as_str(), "svg" | "math") {
            self.foreign += 1;
        }
        *self.counts.entry(name.clone()).or_default() += 1;
        self.names.push(name);
    }

    /// Closes the elements from the top down to and including the one at `index`.
    fn close_to(&mut self, index: usize) {
        while self.names.len() > index {
            let Some(top) = self.names.pop() else { break };
            if let Some(n) = self.counts.get_mut(&top) {
                *n = n.saturating_sub(1);
            }
            if matches!(top.as_str(), "svg" | "math") {
                self.foreign = self.foreign.saturating_sub(1);
            }
        }
    }

    /// An end tag closes its element and those opened inside it; one without an open element
    /// of its name is ignored, as the parser ignores it.
    fn end(&mut self, name: &str) {
        if self.counts.get(name).is_some_and(|n| *n > 0)
            && let Some(index) = self.names.iter().rposition(|n| n == name)
        {
            self.close_to(index);
        }
    }

    /// A start tag first ends the open sibling it replaces (see [`ends_siblings`]).
    fn start(&mut self, name: String) {
        let (ends, stops_at) = ends_siblings(&name);
        if !ends.is_empty()
            && ends
                .iter()
                .any(|e| self.counts.get(*e).is_some_and(|n| *n > 0))
        {
            let found = self
                .names
                .iter()
                .enumerate()
                .rev()
                .take(SIBLING_LOOKBACK)
                .take_while(|(_, n)| !stops_at.contains(&n.as_str()))
                .filter(|(_, n)| ends.contains(&n.as_str()))
                .map(|(i, _)| i)
                .last();
            if let Some(index) = found {
                self.close_to(index);
            }
        }
        self.push(name);
    }
}

/// The deepest nesting of the page's elements as the HTML parser will build them, and the
/// byte offset where it is reached; one pass, in time proportional to the page's length.
fn nesting_depth(html: &str) -> (usize, usize) {
    let bytes = html.as_bytes();
    let mut open = OpenElements::default();
    let (mut deepest, mut deepest_at) = (0, 0);
    let mut at = 0;
    while let Some(found) = memchr_lt(bytes, at) {
        at = found + 1;
        let rest = html.get(at..).unwrap_or("");
        if rest.starts_with("!--") {
            at = rest.find("-->").map_or(bytes.len(), |end| at + end + 3);
            continue;
        }
        if rest.starts_with(['!', '?']) {
            at = rest.find('>').map_or(bytes.len(), |end| at + end + 1);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_from = at + usize::from(closing);
        let name_len = html
            .get(name_from..)
            .unwrap_or("")
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(bytes.len() - name_from);
        let name = html
            .get(name_from..name_from + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (tag_end, self_closing) = end_of_tag(bytes, name_from + name_len);
        at = tag_end;
        if closing {
            open.end(&name);
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            at = raw_text_end(bytes, at, name.as_bytes());
            continue;
        }
        // `<div/>` is an open `<div>` in HTML; only inside SVG and MathML does `/>` close.
        if NEVER_NEST.contains(&name.as_str()) || (self_closing && open.foreign > 0) {
            if name == "hr" {
                open.start(name);
                open.close_to(open.names.len() - 1);
            }
            continue;
        }
        open.start(name);
        if open.names.len() > deepest {
            (deepest, deepest_at) = (open.names.len(), found);
        }
    }
    (deepest, deepest_at)
}

/// Where the text of a `<script>` (or another raw-text element) named `name` ends: at its
/// `</name`, in any case, found without copying the rest of the page.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(open) = memchr_lt(bytes, at) {
        let after = open + 2;
        let closes = bytes.get(open + 1) == Some(&b'/')
            && bytes
                .get(after..after + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if closes {
            return open;
        }
        at = open + 1;
    }
    bytes.len()
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == b'<')
        .map(|i| from + i)
}

/// Where a tag that started before `from` ends (after its `>`, quoted attribute values
/// skipped), and whether it ends with `/>`.
fn end_of_tag(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut quote: Option<u8> = None;
    let mut at = from;
    while let Some(&b) = bytes.get(at) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                let self_closing = at > from && bytes.get(at - 1) == Some(&b'/');
                return (at + 1, self_closing);
            }
            (None, _) => {}
        }
        at += 1;
    }
    (bytes.len(), false)
}

/// Refuses a page nested deeper than [`MAX_NESTING`], saying where.
fn refuse_deep_nesting(html: &str, input: &str) -> Result<(), Box<Diagnostic>> {
    let (depth, at) = nesting_depth(html);
    if depth <= MAX_NESTING {
        return Ok(());
    }
    let position = Position::of_byte(html, at, 0);
    let line = position.line;
    Err(Box::new(
        Diagnostic::error(
            input,
            Some(position),
            format!(
                "the page's elements are nested {depth} deep (here, at line {line}); digest \
                 reads pages nested up to {MAX_NESTING} deep (news pages nest a few dozen), \
                 because reading deeper ones takes minutes"
            ),
        )
        .with_hint(
            "this is not a page as a browser saves it: save the article's page again (File → \
             Save Page As…, \"Web page, HTML only\"), or copy its text into a .txt file and \
             import that",
        ),
    ))
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
            .and_then(|b| clean_byline(&b))
            .filter(|b| b.chars().count() <= 200)
            // The reader view also reads bylines from <meta> tags, some of which name someone
            // else (see `page_metadata`): a byline only those tags state is not the page's.
            .filter(|b| !meta_contents(doc).any(|c| clean(&c) == *b))
            .map(|b| Stated::new(b, "the byline on the page (reader view)"))
    })
}

/// What introduces a byline in the outlets' languages ("By", "Por", "Von", "Автор:").
const BYLINE_PREFIXES: &[&str] = &[
    "by",
    "por",
    "par",
    "von",
    "di",
    "door",
    "od",
    "autor",
    "autorka",
    "автор",
    "авторка",
    "від",
    "от",
    "yazar",
    "written by",
    "texte",
    "text",
    "bron",
    "כתב",
    "מאת",
    "بقلم",
    "كتب",
];

/// A byline as the reader view reads it, without what runs into it on the page: the "By",
/// then a date, a time or a comment counter glued to the name ("by Lucas Nolan22 Dec 2016651"
/// is "Lucas Nolan"), or a separator and what follows it.
fn clean_byline(byline: &str) -> Option<String> {
    let mut rest = byline.trim();
    for _ in 0..2 {
        let lower = rest.to_lowercase();
        let Some(prefix) = BYLINE_PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && lower[p.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
        }) else {
            break;
        };
        rest = rest
            .get(prefix.len()..)
            .unwrap_or("")
            .trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    }
    if BYLINE_PREFIXES.contains(&rest.to_lowercase().as_str()) {
        return None;
    }
    let cut = rest
        .find(|c: char| c.is_numeric() || matches!(c, '|' | '•' | '·' | '\u{2014}' | '\u{2013}'))
        .unwrap_or(rest.len());
    let name = rest
        .get(..cut)
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | ':' | '/' | '('))
        .trim();
    // A month's name left after the date's digits are cut ("Jane Doe, Dec" of "Jane Doe, Dec
    // 22"); only after a comma, since "Theresa May" ends with a month too.
    let name = match name.rsplit_once(", ") {
        Some((head, last))
            if cut < rest.len() && crate::primitives::calendar::month_of(last).is_some() =>
        {
            head.trim()
        }
        _ => name,
    };
    // What follows a comma in lower case is a label or a role, not a name ("Claire Dubois,
    // publié le", "Jane Doe, staff writer"); scripts without case keep theirs.
    let mut name = name;
    while let Some((head, tail)) = name.rsplit_once(", ") {
        let lower_only =
            tail.chars().any(char::is_lowercase) && !tail.chars().any(char::is_uppercase);
        if !lower_only {
            break;
        }
        name = head.trim();
    }
    (name.chars().any(char::is_alphabetic)).then(|| name.to_string())
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
    given: &GivenMetadata,
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
    if has_front_matter && !given.is_empty() {
        return Err(Box::new(
            Diagnostic::error(
                request.file.display().to_string(),
                Some(Position::new(1, 1, 3)),
                "the file has front matter, so --title, --headline, --published and --author have nowhere to go",
            )
            .with_hint("write the values into its front matter (title:, headline:, published:, author:) and import it without them"),
        ));
    }
    if !has_front_matter && !given.is_empty() {
        return import_text_with_front_matter(request, given, site, story, text, outlet_id);
    }
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

/// A bare copy with values the editor gave: front matter with those values and, for the rest,
/// what the copy says about itself (which front matter would otherwise turn off), then the copy
/// as it is.
fn import_text_with_front_matter(
    request: &ImportRequest,
    given: &GivenMetadata,
    site: &load::Site,
    story: &str,
    text: &str,
    outlet_id: Option<String>,
) -> Result<Imported, Box<Diagnostic>> {
    let stem = outlet_id.clone().unwrap_or_default();
    let inferred = load::infer_from_text(site, &stem, text);
    let source = outlet_id.or_else(|| inferred.source.clone());
    let mut notes = Vec::new();
    let mut front = String::from("---\n");
    if let Some(id) = &source {
        front.push_str(&format!("source: {id}\n"));
        notes.push(format!("source `{id}`, written into the front matter"));
    }
    let inferred_headline = inferred.title.as_ref().map(|(t, _)| t.clone());
    let inferred_published = inferred.published.map(|(w, _)| w.datetime_attr());
    let fields = [
        ("title", &given.title, "--title", None),
        ("headline", &given.headline, "--headline", inferred_headline),
        (
            "published",
            &given.published,
            "--published",
            inferred_published,
        ),
        ("author", &given.author, "--author", None),
    ];
    for (field, value, option, read) in fields {
        let (value, from) = match (value, read) {
            (Some(v), _) => (v.clone(), option.to_string()),
            (None, Some(r)) => (r, "the copy (see below)".to_string()),
            (None, None) => continue,
        };
        front.push_str(&format!("{field}: {}\n", yaml_string(&value)));
        notes.push(format!("{field} {} from {from}", yaml_string(&value)));
    }
    front.push_str("---\n");
    front.push_str(text);
    let written = write_article(request, story, source.as_deref(), "txt", &front)?;
    notes.extend(
        inferred
            .notes
            .into_iter()
            .filter(|n| !n.starts_with("no outlet id matches"))
            .map(|n| format!("read from the copy: {n}")),
    );
    Ok(Imported { written, notes })
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
fn page_metadata(doc: &Document, site_offset: FixedOffset) -> PageMetadata {
    let page = Statements {
        doc,
        json_ld: json_ld_articles(doc),
    };
    let meta_tag = |attr: &str, name: &str| page.meta_tag(attr, name);
    PageMetadata {
        title: page.title(),
        url: page.url(),
        published: published(doc, &page.json_ld, &meta_tag, site_offset),
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
            .or_else(|| self.shown_headline())
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

    /// The headline the page shows its reader: the article's `<h1>`, or the page's only one.
    /// Social titles (`og:title`) are often rewritten for sharing ("You won't believe …"),
    /// while the `<h1>` is what the outlet printed. A one-word `<h1>` is a section or a logo.
    fn shown_headline(&self) -> Option<Stated> {
        let in_article = self
            .doc
            .select("article h1, main h1, h1[itemprop~=headline]");
        let all = self.doc.select("h1");
        let (h1, from) = if in_article.exists() {
            (in_article.first(), "the article's <h1>")
        } else if all.length() == 1 {
            (all.first(), "the page's <h1>")
        } else {
            return None;
        };
        let text = clean(&h1.text());
        let words = text.split_whitespace().count();
        let names: Vec<String> = self.site_names().iter().map(|n| n.to_lowercase()).collect();
        let is_site_name = names.contains(&text.to_lowercase());
        let differs = self
            .meta_tag("property", "og:title")
            .filter(|og| *og != text)
            .map(|og| format!(" (og:title says \"{og}\")"))
            .unwrap_or_default();
        (words >= 2 && text.chars().count() <= 300 && !is_site_name)
            .then(|| Stated::new(text, format!("{from}{differs}")))
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
                    t.as_str().is_some_and(|t| {
                        t.ends_with("Article")
                            || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
                    })
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
        if is_ld && let Some(value) = lenient_json(&script.text()) {
            collect(value, &mut out);
        }
    }
    out
}

/// JSON-LD as CMSes write it: also wrapped in a comment or CDATA, or with raw line breaks and
/// tabs inside its strings, which JSON does not allow but browsers and search engines accept.
fn lenient_json(text: &str) -> Option<serde_json::Value> {
    let trimmed = text.trim();
    if let Ok(value) = serde_json::from_str(trimmed) {
        return Some(value);
    }
    let unwrapped = trimmed
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim();
    let spaced: String = unwrapped
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A trailing comma before a closing brace or bracket, another common slip.
    let mut cleaned = String::with_capacity(spaced.len());
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in spaced.char_indices() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_string = true;
        } else if c == ','
            && spaced
                .get(i + 1..)
                .and_then(|rest| rest.trim_start().chars().next())
                .is_some_and(|next| matches!(next, '}' | ']'))
        {
            continue;
        }
        cleaned.push(c);
    }
    serde_json::from_str(&cleaned).ok()
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

/// Names of `<meta name=…>` (or `property=…`) that CMSes give the publication time, surest
/// first.
const PUBLISHED_META: &[(&str, &str)] = &[
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("property", "og:published_time"),
    ("name", "published_at"),
    ("property", "published_at"),
    ("name", "publish-date"),
    ("name", "publish_date"),
    ("name", "publication_date"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("itemprop", "datePublished"),
];

/// The published time: from the first place that states it with an offset, in the order of
/// how surely it means this article's publication; when no place gives an offset, the first
/// time stated, in the site's offset (the note says so), or the first date.
fn published(
    doc: &Document,
    json_ld: &[serde_json::Value],
    meta_tag: &dyn Fn(&str, &str) -> Option<String>,
    site_offset: FixedOffset,
) -> Option<Stated> {
    choose_published(published_statements(doc, json_ld, meta_tag), site_offset)
}

/// Every value the page gives its publication time, surest place first, each with where it
/// stands.
fn published_statements(
    doc: &Document,
    json_ld: &[serde_json::Value],
    meta_tag: &dyn Fn(&str, &str) -> Option<String>,
) -> Vec<(String, String)> {
    let mut stated: Vec<(String, String)> = Vec::new();
    if let Some(v) = json_ld
        .iter()
        .find_map(|a| a.get("datePublished").and_then(|v| v.as_str()))
    {
        stated.push((v.to_string(), "JSON-LD datePublished".into()));
    }
    for (attr, name) in PUBLISHED_META {
        if let Some(v) = meta_tag(attr, name) {
            // Open Graph's names are known by themselves.
            let from = if *attr == "property" {
                (*name).to_string()
            } else {
                format!("<meta {attr}={name}>")
            };
            stated.push((v, from));
        }
    }
    // Microdata on any element: `<time itemprop=datePublished datetime=…>`,
    // `<span itemprop=datePublished content=…>`.
    for element in doc.select("[itemprop]").nodes() {
        let is_published = element
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "datePublished"));
        if !is_published {
            continue;
        }
        if let Some(v) = element.attr("datetime").or_else(|| element.attr("content")) {
            let tag = element
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            stated.push((v.to_string(), format!("<{tag} itemprop=datePublished>")));
            break;
        }
    }
    if let Some(v) = doc
        .select("time[pubdate][datetime]")
        .first()
        .attr("datetime")
    {
        stated.push((v.to_string(), "<time pubdate>".into()));
    }
    for name in [
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "dcterms.date",
        "pubdate",
        "publishdate",
    ] {
        if let Some(v) = meta_tag("name", name) {
            stated.push((v, format!("<meta name={name}>")));
        }
    }
    // The article's own header before the page's first: a top bar may show today's date.
    for (selector, from) in [
        (
            "article header time[datetime]",
            "the <time datetime> in the article's header",
        ),
        (
            "article time[datetime]",
            "the article's first <time datetime>",
        ),
        (
            "header time[datetime]",
            "the <time datetime> in the page's header",
        ),
        ("time[datetime]", "the page's first <time datetime>"),
    ] {
        if let Some(v) = doc.select(selector).first().attr("datetime") {
            stated.push((v.to_string(), from.into()));
            break;
        }
    }
    stated
}

/// The first stated time with an offset; else the first time, in the site's offset; else the
/// first date.
fn choose_published(stated: Vec<(String, String)>, site_offset: FixedOffset) -> Option<Stated> {
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
    if let Some((Published::LocalTime(t), raw, from)) = parsed
        .iter()
        .find(|(p, _, _)| matches!(p, Published::LocalTime(_)))
        && let Some(t) = site_offset.from_local_datetime(t).single()
    {
        return Some(Stated::new(
            format_time(&t),
            format!(
                "{from} (\"{raw}\" states no UTC offset, so the site's {} is assumed; check it, \
                 or give --published)",
                format_offset(site_offset)
            ),
        ));
    }
    parsed.first().map(|(p, raw, from)| {
        let date = match p {
            Published::WithOffset(t) => t.date_naive(),
            Published::LocalTime(t) => t.date(),
            Published::Date(d) => *d,
        };
        Stated::new(
            date.format("%Y-%m-%d").to_string(),
            format!("{from} (\"{raw}\")"),
        )
    })
}

fn format_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

enum Published {
    WithOffset(DateTime<FixedOffset>),
    /// A date and time of day without an offset.
    LocalTime(NaiveDateTime),
    Date(NaiveDate),
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
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%.f%#z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(Published::WithOffset(t));
        }
    }
    // "2017-11-03T03:01:00Z" is RFC 3339; "2017-11-03 03:01:00 UTC" and "… GMT" are not.
    for suffix in [" UTC", " GMT", "Z", " Z"] {
        if let Some(head) = s.strip_suffix(suffix)
            && let Some(Published::LocalTime(t)) = parse_published(head)
        {
            return Some(Published::WithOffset(t.and_utc().fixed_offset()));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Published::LocalTime(t));
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(Published::Date)
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
        page_metadata(
            &Document::from(format!(
                "<!doctype html><html><head>{head}</head><body><p>x</p></body></html>"
            )),
            FixedOffset::east_opt(0).unwrap(),
        )
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
        let m = page_metadata(&doc, FixedOffset::east_opt(0).unwrap());
        assert_eq!(m.language, Some(Stated::new("cs", "<html lang>")));
        assert_eq!(
            m.url,
            Some(Stated::new("https://example.cz/x", "<link rel=canonical>"))
        );
        assert_eq!(
            m.published,
            Some(Stated::new(
                "2015-05-04T13:36:31+02:00",
                "<time itemprop=datePublished>"
            ))
        );
    }

    #[test]
    fn a_time_without_offset_takes_the_sites_and_says_so() {
        let m = meta(r#"<meta name="date" content="2016-02-01 01:28:49">"#);
        let p = m.published.unwrap();
        assert_eq!(p.value, "2016-02-01T01:28:49+00:00");
        assert!(
            p.from.contains("the site's UTC+00:00 is assumed"),
            "{}",
            p.from
        );
        // "+0000" offsets are read too, and written as front matter writes them.
        let m = meta(r#"<meta itemprop="datePublished" content="2017-11-16T14:15+0000">"#);
        assert_eq!(m.published.unwrap().value, "2017-11-16T14:15+00:00");
    }

    #[test]
    fn a_stated_offset_anywhere_beats_a_time_without_one() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-11-03 03:01:00.000000"}</script>
            <meta name="published_at" content="2017-11-03T03:01:00-04:00">"#,
        );
        let p = m.published.unwrap();
        assert_eq!(p.value, "2017-11-03T03:01-04:00");
        assert_eq!(p.from, "<meta name=published_at>");
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-11-03 03:01:00.000000"}</script>"#,
        );
        let p = m.published.unwrap();
        assert_eq!(p.value, "2017-11-03T03:01+00:00");
        assert!(
            p.from.starts_with(
                "JSON-LD datePublished (\"2017-11-03 03:01:00.000000\" states no UTC offset"
            ),
            "{}",
            p.from
        );
    }

    #[test]
    fn microdata_and_the_articles_time() {
        let doc = Document::from(
            r#"<html><body><header><time datetime="2030-01-01">today</time></header>
            <article><header><h1>Zware aardbeving voor de kust van Mexico</h1>
            <time datetime="2017-09-08T07:15:00+02:00">8 september</time></header><p>x</p></article></body></html>"#,
        );
        let m = page_metadata(&doc, FixedOffset::east_opt(0).unwrap());
        let p = m.published.unwrap();
        assert_eq!(p.value, "2017-09-08T07:15+02:00");
        assert_eq!(p.from, "the <time datetime> in the article's header");
        let m = meta(
            r#"</head><body><span itemprop="datePublished" content="2017-09-08T09:00:00+03:00"></span>"#,
        );
        assert_eq!(m.published.unwrap().value, "2017-09-08T09:00+03:00");
    }

    #[test]
    fn the_shown_headline_beats_a_social_title() {
        let doc = Document::from(
            r#"<html><head><meta property="og:title" content="Ce que l'on sait du séisme qui a frappé le Mexique">
            <meta property="og:site_name" content="Le Quotidien"></head>
            <body><h1>Le Quotidien</h1><article><h1>Séisme de magnitude 8,2 au large du Chiapas</h1><p>x</p></article></body></html>"#,
        );
        let t = page_metadata(&doc, FixedOffset::east_opt(0).unwrap())
            .title
            .unwrap();
        assert_eq!(t.value, "Séisme de magnitude 8,2 au large du Chiapas");
        assert!(
            t.from.starts_with("the article's <h1> (og:title says"),
            "{}",
            t.from
        );
        // A page whose only <h1> is its logo keeps the social title.
        let doc = Document::from(
            r#"<html><head><meta property="og:title" content="Deprem: 61 ölü"><meta property="og:site_name" content="Haber Günlüğü"></head>
            <body><h1>Haber Günlüğü</h1><p>x</p></body></html>"#,
        );
        let t = page_metadata(&doc, FixedOffset::east_opt(0).unwrap())
            .title
            .unwrap();
        assert_eq!(t.value, "Deprem: 61 ölü");
    }

    #[test]
    fn json_ld_as_cmses_write_it() {
        let m = meta(
            "<script type=\"application/ld+json\">//<![CDATA[\n{\"@type\": \"NewsArticle\", \"headline\": \"Trzęsienie ziemi\nw Meksyku\", \"datePublished\": \"2017-09-08T06:12:00+02:00\",}\n//]]></script>",
        );
        assert_eq!(m.title.unwrap().value, "Trzęsienie ziemi w Meksyku");
        assert_eq!(m.published.unwrap().value, "2017-09-08T06:12+02:00");
    }

    #[test]
    fn bylines_lose_what_runs_into_them() {
        for (byline, name) in [
            ("by Lucas Nolan22 Dec 2016651", Some("Lucas Nolan")),
            (
                "By Doug G. Ware and Danielle Haynes",
                Some("Doug G. Ware and Danielle Haynes"),
            ),
            (
                "Por María José Pérez | 8 de septiembre de 2017",
                Some("María José Pérez"),
            ),
            (
                "Автор: Олена Коваленко, 08.09.2017 14:30",
                Some("Олена Коваленко"),
            ),
            ("Von Jan Müller – 7. September 2017", Some("Jan Müller")),
            ("Jane Doe, Dec 22, 2016", Some("Jane Doe")),
            ("By Theresa May", Some("Theresa May")),
            (
                "Par Claire Dubois, publié le 4 avril 2024",
                Some("Claire Dubois"),
            ),
            ("Jane Doe, Reuters", Some("Jane Doe, Reuters")),
            ("بقلم أحمد حسن", Some("أحمد حسن")),
            ("22 Dec 2016", None),
            ("By", None),
        ] {
            assert_eq!(clean_byline(byline).as_deref(), name, "{byline}");
        }
    }

    #[test]
    fn nesting_is_measured_as_the_parser_builds_it() {
        let deep = format!("<html><body>{}<p>x</p></body></html>", "<div>".repeat(3000));
        assert_eq!(nesting_depth(&deep).0, 3001);
        let closed = "<div><p>a</div>".repeat(5000);
        assert_eq!(nesting_depth(&closed).0, 2);
        // Unclosed paragraphs and list items are siblings, not a nest.
        let paragraphs = "<p>a<li>b<br><img src=x>".repeat(5000);
        assert_eq!(nesting_depth(&paragraphs).0, 2);
        let old_page = "<p><font face=arial>text</p><p><font>more<p><b>and <i>more".repeat(5000);
        assert!(nesting_depth(&old_page).0 <= 3);
        let cells = "<table><tr><td>a<td>b<tr><td>c</table>".repeat(100);
        assert_eq!(nesting_depth(&cells).0, 3);
        // A list inside an item is deeper, not a sibling.
        assert_eq!(nesting_depth("<ul><li>a<ul><li>b<ul><li>c").0, 6);
        // `<div/>` opens a div in HTML; inside SVG, `/>` closes.
        assert_eq!(nesting_depth(&"<div/>".repeat(10)).0, 10);
        assert_eq!(
            nesting_depth(&format!("<svg>{}</svg>", "<path d='a>b'/>".repeat(10))).0,
            1
        );
        // Stray end tags close nothing; script text is not markup.
        assert_eq!(nesting_depth(&"<b></i>".repeat(7)).0, 7);
        assert_eq!(
            nesting_depth("<script>if (a<b) { '<div>' }</script><!-- <div> -->").0,
            0
        );
        assert_eq!(nesting_depth("<SCRIPT>'<div>'</Script><div>").0, 1);
        assert_eq!(nesting_depth("<style>p { }").0, 0);
        // Many scripts in a long page stay one pass over it.
        let scripts = "<script>x</script><p>y</p>".repeat(50_000);
        let started = std::time::Instant::now();
        assert_eq!(nesting_depth(&scripts).0, 1);
        assert!(started.elapsed().as_secs() < 5);
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

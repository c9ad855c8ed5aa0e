//! `site.yaml`: the site's settings, checked and normalised (base URL with a trailing slash,
//! time zone as an offset, boilerplate patterns compiled).

use std::collections::BTreeMap;

use chrono::FixedOffset;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::CONFIG_FILE;
use crate::primitives::boilerplate::{Pattern, parse_pattern};
use crate::primitives::slug::slugify;
use crate::primitives::when::parse_offset;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    base_url: Spanned<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    theme_options: BTreeMap<String, Spanned<serde_json::Value>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    boilerplate: Vec<Spanned<String>>,
    #[serde(default)]
    furniture: Option<bool>,
    #[serde(default)]
    minify: Option<bool>,
    #[serde(default)]
    feeds: Option<bool>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    strict: Option<bool>,
    #[serde(default)]
    paginate: Option<Spanned<i64>>,
    #[serde(default)]
    tags: Option<Spanned<BTreeMap<TagName, Option<RawTag>>>>,
}

/// A tag's name as a map key, with its position (compared by its text alone).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
struct TagName(Spanned<String>);

impl PartialEq for TagName {
    fn eq(&self, other: &Self) -> bool {
        self.0.value == other.0.value
    }
}
impl Eq for TagName {}
impl PartialOrd for TagName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TagName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.value.cmp(&other.0.value)
    }
}

/// A tag in `site.yaml`'s vocabulary: `ukraine: {label: Ukraine, description: …}`, or just
/// `ukraine:` for a tag whose label is its name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTag {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

/// A tag the site knows, from `site.yaml`'s `tags:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagDefinition {
    /// As written in site.yaml: how stories name it.
    pub name: String,
    /// How pages show it; the name when site.yaml gives no label.
    pub label: String,
    /// Shown on the topic's page; empty when site.yaml gives none.
    pub description: String,
}

/// The settings every later stage reads.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// `title:`, trimmed; never empty (an empty title is an error).
    pub title: String,
    /// Always ends in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/`.
    pub base_path: String,
    /// `language:` (`en` when not given): of the site's own text and of the theme's labels.
    pub language: String,
    /// Offset for times written without one.
    pub default_offset: FixedOffset,
    /// `theme:`, a built-in theme or a folder under `themes/` (`default` when not given).
    pub theme: String,
    /// The values site.yaml gives the theme's options, checked against the theme when it is
    /// compiled (see [`super::theme::resolve_options`]).
    pub theme_options: BTreeMap<String, Spanned<serde_json::Value>>,
    /// `description:`, one sentence for the home page, meta tags and the feed; may be empty.
    pub description: String,
    /// `boilerplate:`, line patterns stripped from every article (an outlet's own come on top).
    pub boilerplate: Vec<Pattern>,
    /// `furniture:`: remove the page furniture digest recognises by itself (on unless turned
    /// off; an outlet can turn it off for its own articles).
    pub furniture: bool,
    /// `minify:` the HTML (off unless asked).
    pub minify: bool,
    /// `feeds:`: write the Atom feeds (on unless turned off).
    pub feeds: bool,
    /// The search page, its index and the link to it on every page.
    pub search: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Stories per page of the home and tag pages; `None`: all on one page.
    pub paginate: Option<usize>,
    /// The tags stories may use, by slug, when site.yaml lists them; `None`: any tag.
    pub tags: Option<BTreeMap<String, TagDefinition>>,
}

impl SiteConfig {
    /// Settings to keep checking a site whose site.yaml has errors (already reported).
    pub fn fallback() -> SiteConfig {
        SiteConfig {
            title: String::new(),
            base_url: "http://localhost/".into(),
            base_path: "/".into(),
            language: "en".into(),
            default_offset: FixedOffset::east_opt(0).expect("zero offset is valid"),
            theme: "default".into(),
            theme_options: BTreeMap::new(),
            description: String::new(),
            boilerplate: Vec::new(),
            furniture: true,
            minify: false,
            feeds: true,
            search: true,
            strict: false,
            paginate: None,
            tags: None,
        }
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = split_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }
}

/// Parses `site.yaml`. All problems are reported; `None` when the file cannot be used at all.
pub fn parse(text: &str, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let raw: RawConfig = match yaml::parse(CONFIG_FILE, text, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    // Every setting is checked, so that an editor sees all of site.yaml's problems at once;
    // any of them makes the settings unusable.
    let errors_before = diagnostics.error_count();
    let (base_url, base_path) = base_url(&raw.base_url, diagnostics);
    let default_offset = default_offset(raw.timezone.as_ref(), diagnostics);
    let boilerplate = boilerplate(&raw.boilerplate, diagnostics);
    let paginate = raw.paginate.as_ref().and_then(|n| paginate(n, diagnostics));
    let tags = raw.tags.as_ref().map(|tags| vocabulary(tags, diagnostics));
    if raw.title.value.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            CONFIG_FILE,
            yaml::position_of(&raw.title, 1),
            "the site title is empty",
        ));
    }
    (diagnostics.error_count() == errors_before).then(|| SiteConfig {
        title: raw.title.value.trim().to_string(),
        base_url,
        base_path,
        language: raw.language.unwrap_or_else(|| "en".into()),
        default_offset,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        theme_options: raw.theme_options,
        description: raw.description.unwrap_or_default(),
        boilerplate,
        furniture: raw.furniture.unwrap_or(true),
        // Off unless asked, as in Hugo and Zola: it saves about 4% of a page once gzipped (as
        // every static host serves it) and nearly doubled a full build's time.
        minify: raw.minify.unwrap_or(false),
        feeds: raw.feeds.unwrap_or(true),
        search: raw.search.unwrap_or(true),
        strict: raw.strict.unwrap_or(false),
        paginate,
        tags,
    })
}

/// `base_url:` as (the URL with its trailing slash, its path).
fn base_url(written: &Spanned<String>, diagnostics: &mut Diagnostics) -> (String, String) {
    split_base_url(&written.value).unwrap_or_else(|message| {
        diagnostics.push(
            Diagnostic::error(CONFIG_FILE, yaml::position_of(written, 1), message).with_hint(
                "write the address the site will be served from, e.g. https://user.github.io/repo/",
            ),
        );
        (String::new(), String::from("/"))
    })
}

/// `timezone:`, the offset of times written without one (UTC when not given).
fn default_offset(written: Option<&Spanned<String>>, diagnostics: &mut Diagnostics) -> FixedOffset {
    let utc = FixedOffset::east_opt(0).expect("zero offset is valid");
    let Some(tz) = written else {
        return utc;
    };
    parse_offset(&tz.value).unwrap_or_else(|message| {
        diagnostics.push(
            Diagnostic::error(CONFIG_FILE, yaml::position_of(tz, 1), message)
                .with_hint("write a UTC offset such as \"+03:00\", \"-05:00\" or \"UTC\""),
        );
        utc
    })
}

/// `boilerplate:`, the site-wide furniture patterns, each compiled.
fn boilerplate(written: &[Spanned<String>], diagnostics: &mut Diagnostics) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    for pattern in written {
        match parse_pattern(&pattern.value) {
            Ok(p) => patterns.push(p),
            Err(message) => diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                yaml::position_of(pattern, 1),
                message,
            )),
        }
    }
    patterns
}

/// `paginate:`, stories per list page: a whole number of at least 1.
fn paginate(written: &Spanned<i64>, diagnostics: &mut Diagnostics) -> Option<usize> {
    match usize::try_from(written.value) {
        Ok(n) if n > 0 => Some(n),
        _ => {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    yaml::position_of(written, 1),
                    format!("`paginate: {}` is not a number of stories per page", written.value),
                )
                .with_hint("write a whole number of at least 1, e.g. `paginate: 10`, or remove the line to list every story on one page"),
            );
            None
        }
    }
}

/// `tags:`, the vocabulary of topics, by slug; every tag must have an address of its own.
fn vocabulary(
    tags: &Spanned<BTreeMap<TagName, Option<RawTag>>>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, TagDefinition> {
    let mut known: BTreeMap<String, TagDefinition> = BTreeMap::new();
    if tags.value.is_empty() {
        diagnostics.push(
            Diagnostic::error(CONFIG_FILE, yaml::position_of(tags, 1), "`tags:` lists no tags")
                .with_hint("list the tags stories may use (`ukraine:` on its own line, or `ukraine: {label: Ukraine}`), or remove `tags:` to allow any tag"),
        );
    }
    // In the file's order, so that of two spellings the later one is reported.
    let mut entries: Vec<_> = tags.value.iter().collect();
    entries.sort_by_key(|(TagName(name), _)| (name.referenced.line(), name.referenced.column()));
    for (TagName(name), entry) in entries {
        let slug = slugify(&name.value);
        let position = yaml::position_of(name, 1);
        if slug.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    position,
                    format!(
                        "the tag `{}` has no letter or digit to make its address from",
                        name.value
                    ),
                )
                .with_hint("name the tag with a word, e.g. `ukraine`"),
            );
            continue;
        }
        if let Some(other) = known.get(&slug) {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    position,
                    format!(
                        "the tags `{}` and `{}` are one tag: both have the address tags/{slug}/",
                        other.name, name.value
                    ),
                )
                .with_hint("keep one of them; a story may write either spelling"),
            );
            continue;
        }
        let (label, description) = entry
            .as_ref()
            .map_or((None, None), |e| (e.label.clone(), e.description.clone()));
        known.insert(
            slug,
            TagDefinition {
                name: name.value.trim().to_string(),
                label: label
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| name.value.trim().to_string()),
                description: description.unwrap_or_default().trim().to_string(),
            },
        );
    }
    known
}

/// `https://user.github.io/repo` -> (`https://user.github.io/repo/`, `/repo/`).
fn split_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must start with https:// or http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("base_url `{url}` has no valid host name"));
    }
    if path.contains(['?', '#', ' ']) {
        return Err(format!(
            "base_url `{url}` may not contain a query, a fragment or spaces"
        ));
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let scheme_len = url.len() - rest.len();
    Ok((
        format!("{}{host}{base_path}", &url[..scheme_len]),
        base_path,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash_and_a_path() {
        assert_eq!(
            split_base_url("https://user.github.io/repo").unwrap(),
            ("https://user.github.io/repo/".into(), "/repo/".into())
        );
        assert_eq!(split_base_url("http://127.0.0.1:8000").unwrap().1, "/");
        assert!(split_base_url("ftp://x/").is_err());
        assert!(split_base_url("javascript:alert(1)").is_err());
    }

    #[test]
    fn unknown_key_is_an_error_naming_the_nearest_key() {
        let mut ds = Diagnostics::new();
        let cfg = parse(
            "title: T\nbase_url: https://x.org/\nthme: default\n",
            &mut ds,
        );
        assert!(cfg.is_none());
        let d = ds.iter().next().unwrap();
        assert_eq!(d.position.unwrap().line, 3);
        assert_eq!(d.hint.as_deref(), Some("did you mean `theme`?"));
    }

    #[test]
    fn paginate_must_be_a_positive_number() {
        let mut ds = Diagnostics::new();
        let cfg = parse(
            "title: T\nbase_url: https://x.org/\npaginate: 10\n",
            &mut ds,
        )
        .unwrap();
        assert_eq!(cfg.paginate, Some(10));
        for bad in ["0", "-3"] {
            let mut ds = Diagnostics::new();
            let text = format!("title: T\nbase_url: https://x.org/\npaginate: {bad}\n");
            assert!(parse(&text, &mut ds).is_none());
            let d = ds.iter().next().unwrap();
            assert_eq!(d.position.unwrap().line, 3, "{d:?}");
        }
    }

    #[test]
    fn tag_vocabulary_is_keyed_by_slug() {
        let mut ds = Diagnostics::new();
        let text = "title: T\nbase_url: https://x.org/\ntags:\n  ukraine: {label: Ukraine, description: The war}\n  US Election:\n  Україна:\n";
        let cfg = parse(text, &mut ds).unwrap();
        let tags = cfg.tags.unwrap();
        assert_eq!(
            tags.keys().collect::<Vec<_>>(),
            ["ukraine", "ukrayina", "us-election"]
        );
        assert_eq!(tags["ukraine"].label, "Ukraine");
        assert_eq!(tags["ukraine"].description, "The war");
        assert_eq!(tags["us-election"].label, "US Election");
    }

    #[test]
    fn two_spellings_of_one_tag_are_an_error() {
        let mut ds = Diagnostics::new();
        let text = "title: T\nbase_url: https://x.org/\ntags:\n  us-election:\n  US Election:\n";
        assert!(parse(text, &mut ds).is_none());
        let d = ds.iter().next().unwrap();
        assert!(d.message.contains("tags/us-election/"), "{}", d.message);
        assert_eq!(d.position.unwrap().line, 5);
    }

    #[test]
    fn defaults_apply() {
        let mut ds = Diagnostics::new();
        let cfg = parse("title: T\nbase_url: https://x.org/a\n", &mut ds).unwrap();
        assert_eq!(cfg.base_path, "/a/");
        assert!(!cfg.minify && cfg.feeds && cfg.search && !cfg.strict);
        assert_eq!(cfg.theme, "default");
    }
}

//! `site.yaml`: the site's settings, checked and normalised (base URL with a trailing slash,
//! time zone as an offset, boilerplate patterns compiled).

use std::collections::BTreeMap;

use chrono::FixedOffset;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::primitives::boilerplate::{Pattern, parse_pattern};
use crate::primitives::when::parse_offset;

pub const FILE: &str = "site.yaml";

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
    minify: Option<bool>,
    #[serde(default)]
    feeds: Option<bool>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    strict: Option<bool>,
}

/// The settings every later stage reads.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Always ends in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/`.
    pub base_path: String,
    pub language: String,
    /// Offset for times written without one.
    pub default_offset: FixedOffset,
    pub theme: String,
    /// The values site.yaml gives the theme's options, checked against the theme when it is
    /// compiled (see [`super::theme::resolve_options`]).
    pub theme_options: BTreeMap<String, Spanned<serde_json::Value>>,
    pub description: String,
    pub boilerplate: Vec<Pattern>,
    pub minify: bool,
    pub feeds: bool,
    /// The search page, its index and the link to it on every page.
    pub search: bool,
    /// Treat warnings as errors.
    pub strict: bool,
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
            minify: false,
            feeds: true,
            search: true,
            strict: false,
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
    let raw: RawConfig = match yaml::parse(FILE, text, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut ok = true;
    let (base_url, base_path) = match split_base_url(&raw.base_url.value) {
        Ok(parts) => parts,
        Err(message) => {
            diagnostics.push(
                Diagnostic::error(FILE, yaml::position_of(&raw.base_url, 1), message)
                    .with_hint("write the address the site will be served from, e.g. https://user.github.io/repo/"),
            );
            ok = false;
            (String::new(), String::from("/"))
        }
    };
    let default_offset = match &raw.timezone {
        None => FixedOffset::east_opt(0).expect("zero offset is valid"),
        Some(tz) => match parse_offset(&tz.value) {
            Ok(offset) => offset,
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error(FILE, yaml::position_of(tz, 1), message)
                        .with_hint("write a UTC offset such as \"+03:00\", \"-05:00\" or \"UTC\""),
                );
                ok = false;
                FixedOffset::east_opt(0).expect("zero offset is valid")
            }
        },
    };
    let mut boilerplate = Vec::new();
    for pattern in &raw.boilerplate {
        match parse_pattern(&pattern.value) {
            Ok(p) => boilerplate.push(p),
            Err(message) => {
                diagnostics.push(Diagnostic::error(
                    FILE,
                    yaml::position_of(pattern, 1),
                    message,
                ));
                ok = false;
            }
        }
    }
    if raw.title.value.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            FILE,
            yaml::position_of(&raw.title, 1),
            "the site title is empty",
        ));
        ok = false;
    }
    ok.then(|| SiteConfig {
        title: raw.title.value.trim().to_string(),
        base_url,
        base_path,
        language: raw.language.unwrap_or_else(|| "en".into()),
        default_offset,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        theme_options: raw.theme_options,
        description: raw.description.unwrap_or_default(),
        boilerplate,
        // Off unless asked, as in Hugo and Zola: it saves about 4% of a page once gzipped (as
        // every static host serves it) and nearly doubled a full build's time.
        minify: raw.minify.unwrap_or(false),
        feeds: raw.feeds.unwrap_or(true),
        search: raw.search.unwrap_or(true),
        strict: raw.strict.unwrap_or(false),
    })
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
    fn defaults_apply() {
        let mut ds = Diagnostics::new();
        let cfg = parse("title: T\nbase_url: https://x.org/a\n", &mut ds).unwrap();
        assert_eq!(cfg.base_path, "/a/");
        assert!(!cfg.minify && cfg.feeds && cfg.search && !cfg.strict);
        assert_eq!(cfg.theme, "default");
    }
}

//! A theme: `themes/<name>/theme.yaml`, `templates/` (Tera) and `static/` (copied as is),
//! parsed from the files [`super::read::read_theme`] read.

use serde::Deserialize;

use super::read::ThemeFiles;
use super::{file_text, yaml};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Templates every theme must provide: one per kind of page.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "story.html",
    "article.html",
    "outlet.html",
    "404.html",
];

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    /// `themes/<name>`, relative to the site root.
    pub dir: String,
    pub templates: Vec<Template>,
    /// Path below `static/` (with `/`) and contents.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// syntect theme names for code blocks, light and dark.
    pub highlight_theme: String,
    pub highlight_theme_dark: String,
}

#[derive(Debug, Clone)]
pub struct Template {
    /// Name as templates refer to it: path below `templates/` (`partials/footnotes.html`).
    pub name: String,
    /// File path relative to the site root, for diagnostics.
    pub file: String,
    pub text: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThemeYaml {
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    highlight_theme: Option<String>,
    #[serde(default)]
    highlight_theme_dark: Option<String>,
}

/// Parses a theme read by [`super::read::read_theme`]. `None` when it cannot render a site (missing
/// folder or required templates; reported).
pub fn parse(files: &ThemeFiles, diagnostics: &mut Diagnostics) -> Option<Theme> {
    let name = &files.name;
    let rel_dir = &files.dir;
    if let Some(target) = &files.refused {
        diagnostics.push(
            Diagnostic::error(
                rel_dir,
                None,
                format!(
                    "refused: the theme folder is a symbolic link to {}, outside the site's folder",
                    target.display()
                ),
            )
            .with_hint("copy the theme into the site's themes/ folder instead of linking to it"),
        );
        return None;
    }
    if !files.found {
        diagnostics.push(
            Diagnostic::error("site.yaml", None, format!("theme `{name}` not found: there is no folder {rel_dir}"))
                .with_hint("set `theme:` in site.yaml to a folder under themes/, or copy the default theme with `digest init`"),
        );
        return None;
    }
    let config: ThemeYaml = match &files.config {
        Some(file) => match file_text(file, diagnostics) {
            Some(text) => yaml::parse(&file.path, text, 1).unwrap_or_else(|d| {
                diagnostics.push(d);
                ThemeYaml::default()
            }),
            None => ThemeYaml::default(),
        },
        None => ThemeYaml::default(),
    };
    let mut templates = Vec::new();
    for (template_name, file) in &files.templates {
        if let Some(text) = file_text(file, diagnostics) {
            templates.push(Template {
                name: template_name.clone(),
                file: file.path.clone(),
                text: text.to_string(),
            });
        }
    }
    let mut missing = false;
    for required in REQUIRED_TEMPLATES {
        if !templates.iter().any(|t| t.name == *required) {
            diagnostics.push(
                Diagnostic::error(format!("{rel_dir}/templates/{required}"), None, format!("theme `{name}` has no template `{required}`"))
                    .with_hint("every theme needs index.html, story.html, article.html, outlet.html and 404.html; copy the missing one from the default theme"),
            );
            missing = true;
        }
    }
    let mut static_files = Vec::new();
    for (path, file) in &files.static_files {
        match &file.content {
            Ok(bytes) => static_files.push((path.clone(), bytes.clone())),
            // Static files are bytes, not text: only why they could not be read matters.
            Err(_) => {
                file_text(file, diagnostics);
            }
        }
    }
    if missing {
        return None;
    }
    Some(Theme {
        name: name.to_string(),
        dir: rel_dir.clone(),
        templates,
        static_files,
        highlight_theme: config
            .highlight_theme
            .unwrap_or_else(|| "InspiredGitHub".into()),
        highlight_theme_dark: config
            .highlight_theme_dark
            .unwrap_or_else(|| "base16-ocean.dark".into()),
    })
}

//! A theme on disk: `themes/<name>/theme.yaml`, `templates/` (Tera) and `static/` (copied as
//! is), read into memory by the load stage.

use std::path::Path;

use serde::Deserialize;
use walkdir::WalkDir;

use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFiles, display_path};

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

pub fn load(
    root: &Path,
    name: &str,
    files: &mut SourceFiles,
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
    let dir = root.join("themes").join(name);
    let rel_dir = display_path(root, &dir);
    if !dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("site.yaml", None, format!("theme `{name}` not found: there is no folder {rel_dir}"))
                .with_hint("set `theme:` in site.yaml to a folder under themes/, or copy the default theme with `digest init`"),
        );
        return None;
    }
    let config_file = format!("{rel_dir}/theme.yaml");
    let config: ThemeYaml = match std::fs::read_to_string(dir.join("theme.yaml")) {
        Ok(text) => {
            files.insert(&config_file, text.clone());
            match yaml::parse(&config_file, &text, 1) {
                Ok(c) => c,
                Err(d) => {
                    diagnostics.push(d);
                    ThemeYaml::default()
                }
            }
        }
        Err(_) => ThemeYaml::default(),
    };
    let mut templates = Vec::new();
    let templates_dir = dir.join("templates");
    for entry in WalkDir::new(&templates_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let file = display_path(root, entry.path());
        let template_name = display_path(&templates_dir, entry.path());
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => {
                files.insert(&file, text.clone());
                templates.push(Template {
                    name: template_name,
                    file,
                    text,
                });
            }
            Err(err) => diagnostics.push(Diagnostic::error(
                &file,
                None,
                format!("cannot read the template: {err}"),
            )),
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
    let static_dir = dir.join("static");
    for entry in WalkDir::new(&static_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => static_files.push((display_path(&static_dir, entry.path()), bytes)),
            Err(err) => diagnostics.push(Diagnostic::error(
                display_path(root, entry.path()),
                None,
                format!("cannot read the file: {err}"),
            )),
        }
    }
    if missing {
        return None;
    }
    Some(Theme {
        name: name.to_string(),
        dir: rel_dir,
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

//! A theme: `theme.yaml` (name, description, licence, the digest it needs, the theme it
//! extends, options), `templates/` (Tera) and `static/` (copied as is), parsed from the layers
//! [`super::read::read_theme`] read. A file is taken from the first layer that has it: the
//! site's own `templates/`, then the theme, then the theme it extends.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::files::{ThemeFiles, ThemeLayer, ThemeProblem};
use super::{builtin, file_text, yaml};
use crate::diagnostics::{Diagnostic, Diagnostics, nearest};
use crate::layout::CONFIG_FILE;

/// Templates every theme must provide: one per kind of page.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "story.html",
    "article.html",
    "outlet.html",
    "404.html",
];

/// A theme ready to render a site: its layers merged, its templates and options resolved.
#[derive(Debug, Clone)]
pub struct Theme {
    /// The name site.yaml's `theme:` gives (a built-in theme or a folder under `themes/`).
    pub name: String,
    /// Its theme.yaml's `description:` (not inherited); empty when it has none.
    pub description: String,
    /// `licence:` (or `license:`) of the theme, else of the nearest theme it extends that has
    /// one; empty when none does.
    pub licence: String,
    /// The theme's own folder (`themes/<name>`, or where a built-in theme appears to be), for
    /// diagnostics about the theme as a whole.
    pub dir: String,
    /// The themes this one builds on, nearest first (`["default"]` for broadsheet).
    pub extends: Vec<String>,
    /// Every template of every layer, the first layer's winning for a name they share, sorted
    /// by name.
    pub templates: Vec<Template>,
    /// Path below `static/` (with `/`) and contents.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// The theme's options (its own and those of the themes it extends), by name.
    pub options: BTreeMap<String, ThemeOption>,
    /// Stylesheets every page links, as paths below `static/`: those of the theme it extends
    /// first, then its own (so that a theme that extends another only adds its differences).
    pub stylesheets: Vec<String>,
    /// The syntect theme for code blocks (`highlight_theme:`, `InspiredGitHub` unless a layer
    /// says).
    pub highlight_theme: String,
    /// The syntect theme for code blocks in dark mode (`highlight_theme_dark:`,
    /// `base16-ocean.dark` unless a layer says).
    pub highlight_theme_dark: String,
}

/// One Tera template, from whichever layer has it first.
#[derive(Debug, Clone)]
pub struct Template {
    /// Name as templates refer to it: path below `templates/` (`partials/footnotes.html`).
    pub name: String,
    /// File path relative to the site root, for diagnostics.
    pub file: String,
    /// The template's source.
    pub text: String,
}

/// A setting the theme offers the site (`theme_options:` in site.yaml).
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeOption {
    /// The value when site.yaml does not set it; the site's value must be of the same kind.
    pub default: serde_json::Value,
    /// One line for `digest themes NAME`; empty when theme.yaml gives none.
    pub description: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThemeYaml {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, alias = "license")]
    licence: Option<String>,
    /// The versions of digest the theme works with, as a Cargo version requirement (`>=0.1`).
    #[serde(default)]
    digest: Option<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)] // read ahead by `read::read_theme`; declared so that it is a known key
    extends: Option<String>,
    #[serde(default)]
    options: BTreeMap<String, OptionYaml>,
    #[serde(default)]
    stylesheets: Vec<Spanned<String>>,
    #[serde(default)]
    highlight_theme: Option<String>,
    #[serde(default)]
    highlight_theme_dark: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionYaml {
    default: serde_json::Value,
    #[serde(default)]
    description: String,
}

/// Parses a theme read by [`super::read::read_theme`]. `None` when it cannot render a site (a
/// missing layer or required template, a digest too old for it; reported).
pub fn parse(files: &ThemeFiles, diagnostics: &mut Diagnostics) -> Option<Theme> {
    if let Some(problem) = &files.problem {
        diagnostics.push(problem_diagnostic(problem));
        return None;
    }
    let themes = &files.layers[1..];
    let top = themes.first()?;
    let configs: Vec<ThemeYaml> = themes
        .iter()
        .map(|layer| config_of(layer, diagnostics))
        .collect();
    let mut usable = true;
    for (layer, config) in themes.iter().zip(&configs) {
        usable &= supports_this_digest(layer, config, diagnostics);
    }
    let (templates, static_files) = layered_files(files, diagnostics);
    warn_of_overrides_that_override_nothing(files, &templates, diagnostics);
    usable &= has_required_templates(top, &templates, diagnostics);
    let stylesheets = stylesheets(themes, &configs, &static_files, diagnostics);
    let (Some(stylesheets), true) = (stylesheets, usable) else {
        return None;
    };
    let first = |get: fn(&ThemeYaml) -> Option<&String>| configs.iter().find_map(get).cloned();
    Some(Theme {
        name: top.name.clone(),
        description: configs[0].description.clone().unwrap_or_default(),
        licence: first(|c| c.licence.as_ref()).unwrap_or_default(),
        dir: top.dir.clone(),
        extends: themes[1..].iter().map(|l| l.name.clone()).collect(),
        templates,
        static_files,
        options: options(&configs),
        stylesheets,
        highlight_theme: first(|c| c.highlight_theme.as_ref())
            .unwrap_or_else(|| "InspiredGitHub".into()),
        highlight_theme_dark: first(|c| c.highlight_theme_dark.as_ref())
            .unwrap_or_else(|| "base16-ocean.dark".into()),
    })
}

/// The templates and static files of every layer, the first layer's winning for a name they
/// share, each sorted by name.
fn layered_files(
    files: &ThemeFiles,
    diagnostics: &mut Diagnostics,
) -> (Vec<Template>, Vec<(String, Vec<u8>)>) {
    let mut templates: Vec<Template> = Vec::new();
    let mut static_files: Vec<(String, Vec<u8>)> = Vec::new();
    for layer in &files.layers {
        for (name, file) in &layer.templates {
            if templates.iter().any(|t| &t.name == name) {
                continue;
            }
            if let Some(text) = file_text(file, diagnostics) {
                templates.push(Template {
                    name: name.clone(),
                    file: file.path.clone(),
                    text: text.to_string(),
                });
            }
        }
        for (path, file) in &layer.static_files {
            if static_files.iter().any(|(p, _)| p == path) {
                continue;
            }
            match &file.content {
                Ok(bytes) => static_files.push((path.clone(), bytes.clone())),
                // Static files are bytes, not text: only why they could not be read matters.
                Err(_) => {
                    file_text(file, diagnostics);
                }
            }
        }
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    static_files.sort_by(|a, b| a.0.cmp(&b.0));
    (templates, static_files)
}

/// Whether the theme has every template a site needs (each missing one reported).
fn has_required_templates(
    top: &ThemeLayer,
    templates: &[Template],
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut complete = true;
    for required in REQUIRED_TEMPLATES {
        if !templates.iter().any(|t| t.name == *required) {
            diagnostics.push(
                Diagnostic::error(format!("{}/templates/{required}", top.dir), None, format!("theme `{}` has no template `{required}`", top.name))
                    .with_hint("every theme needs index.html, story.html, article.html, outlet.html and 404.html; add `extends: default` to its theme.yaml to take the missing ones from the default theme"),
            );
            complete = false;
        }
    }
    complete
}

/// The stylesheets every page links, the base theme's first; `None` when one of them is not
/// among the static files (reported).
fn stylesheets(
    themes: &[ThemeLayer],
    configs: &[ThemeYaml],
    static_files: &[(String, Vec<u8>)],
    diagnostics: &mut Diagnostics,
) -> Option<Vec<String>> {
    let mut stylesheets: Vec<String> = Vec::new();
    let mut found = true;
    for (layer, config) in themes.iter().zip(configs).rev() {
        for sheet in &config.stylesheets {
            let path = sheet.value.trim().trim_start_matches('/').to_string();
            if !static_files.iter().any(|(p, _)| *p == path) {
                let file = layer
                    .config
                    .as_ref()
                    .map_or(layer.dir.clone(), |f| f.path.clone());
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        yaml::position_of(sheet, 1),
                        format!("stylesheet `{path}` is not in the theme's static/ folder"),
                    )
                    .with_hint(format!(
                        "add static/{path} to the theme, or remove it from `stylesheets:`"
                    )),
                );
                found = false;
            } else if !stylesheets.contains(&path) {
                stylesheets.push(path);
            }
        }
    }
    found.then_some(stylesheets)
}

/// The theme's options: the nearest theme that states one wins, as for files.
fn options(configs: &[ThemeYaml]) -> BTreeMap<String, ThemeOption> {
    let mut options = BTreeMap::new();
    for config in configs.iter().rev() {
        for (name, option) in &config.options {
            options.insert(
                name.clone(),
                ThemeOption {
                    default: option.default.clone(),
                    description: option.description.clone(),
                },
            );
        }
    }
    options
}

/// A template in the site's own templates/ that the theme does not have, and that no template
/// includes, changes nothing: most likely a misspelt name.
fn warn_of_overrides_that_override_nothing(
    files: &ThemeFiles,
    templates: &[Template],
    diagnostics: &mut Diagnostics,
) {
    let theirs: Vec<&str> = files.layers[1..]
        .iter()
        .flat_map(|l| l.templates.iter().map(|(name, _)| name.as_str()))
        .collect();
    for (name, file) in &files.layers[0].templates {
        let used = templates
            .iter()
            .any(|t| t.text.contains(&format!("\"{name}\"")));
        if theirs.contains(&name.as_str()) || used {
            continue;
        }
        let hint = match nearest(name, theirs.iter().copied()) {
            Some(near) => format!(
                "did you mean templates/{near}? (`digest themes {}` lists the theme's templates)",
                files.name
            ),
            None => format!(
                "`digest themes {}` lists the templates a site can override",
                files.name
            ),
        };
        diagnostics.push(
            Diagnostic::warning(&file.path, None, format!("the theme has no template `{name}` and no template uses it, so it changes nothing"))
                .with_hint(hint),
        );
    }
}

fn config_of(layer: &ThemeLayer, diagnostics: &mut Diagnostics) -> ThemeYaml {
    let Some(file) = &layer.config else {
        return ThemeYaml::default();
    };
    let Some(text) = file_text(file, diagnostics) else {
        return ThemeYaml::default();
    };
    let config: ThemeYaml = yaml::parse(&file.path, text, 1).unwrap_or_else(|d| {
        diagnostics.push(d);
        ThemeYaml::default()
    });
    if let Some(name) = &config.name
        && name != &layer.name
    {
        diagnostics.push(
            Diagnostic::warning(
                &file.path,
                None,
                format!(
                    "theme.yaml says the theme is called `{name}`, but its folder is `{}`; sites name a theme by its folder",
                    layer.name
                ),
            )
            .with_hint(format!("set `name: {}` or rename the folder", layer.name)),
        );
    }
    config
}

/// Whether this digest is one the theme says it works with (`digest: ">=0.2"`).
fn supports_this_digest(
    layer: &ThemeLayer,
    config: &ThemeYaml,
    diagnostics: &mut Diagnostics,
) -> bool {
    let (Some(wanted), Some(file)) = (&config.digest, &layer.config) else {
        return true;
    };
    let position = yaml::position_of(wanted, 1);
    let this =
        semver::Version::parse(env!("CARGO_PKG_VERSION")).expect("Cargo.toml's version is semver");
    match semver::VersionReq::parse(wanted.value.trim()) {
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(&file.path, position, format!("`digest: {}` is not a version requirement: {e}", wanted.value))
                    .with_hint("write the versions of digest the theme works with as Cargo does, e.g. `digest: \">=0.1\"` or `digest: \"0.1\"`"),
            );
            false
        }
        Ok(req) if !req.matches(&this) => {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    position,
                    format!(
                        "theme `{}` needs digest {}, and this is digest {this}",
                        layer.name,
                        wanted.value.trim()
                    ),
                )
                .with_hint("update digest, or use a version of the theme made for this one"),
            );
            false
        }
        Ok(_) => true,
    }
}

fn problem_diagnostic(problem: &ThemeProblem) -> Diagnostic {
    let built_in = builtin::names();
    match problem {
        ThemeProblem::NotFound { name, wanted_by } => {
            let (file, what) = match wanted_by {
                None => (CONFIG_FILE.to_string(), format!("theme `{name}` not found")),
                Some(by) => (
                    format!("themes/{by}/theme.yaml"),
                    format!("theme `{by}` extends `{name}`, which is not found"),
                ),
            };
            let hint = match nearest(name, built_in.iter().copied()) {
                Some(near) => format!(
                    "did you mean `{near}`? The built-in themes are {}",
                    built_in.join(", ")
                ),
                None => format!(
                    "use a built-in theme ({}; `digest themes` describes them) or a folder themes/{name}/ with templates/ and static/",
                    built_in.join(", ")
                ),
            };
            Diagnostic::error(
                file,
                None,
                format!("{what}: it is not built into digest and there is no folder themes/{name}"),
            )
            .with_hint(hint)
        }
        ThemeProblem::Refused { dir, target } => Diagnostic::error(
            dir,
            None,
            format!(
                "refused: the theme folder is a symbolic link to {}, outside the site's folder",
                target.display()
            ),
        )
        .with_hint("copy the theme into the site's themes/ folder instead of linking to it"),
        ThemeProblem::Circle(chain) => Diagnostic::error(
            format!("themes/{}/theme.yaml", chain[chain.len() - 2]),
            None,
            format!(
                "themes extend each other in a circle (or too deeply): {}",
                chain.join(" -> ")
            ),
        )
        .with_hint("remove `extends:` from one of them"),
    }
}

/// Checks site.yaml's `theme_options` against the theme's and gives every option its value:
/// the site's, or the theme's default. Templates see them as `theme.options`.
pub fn resolve_options(
    theme: &Theme,
    site_options: &BTreeMap<String, Spanned<serde_json::Value>>,
    diagnostics: &mut Diagnostics,
) -> serde_json::Map<String, serde_json::Value> {
    let mut values: serde_json::Map<String, serde_json::Value> = theme
        .options
        .iter()
        .map(|(name, option)| (name.clone(), option.default.clone()))
        .collect();
    for (name, value) in site_options {
        let position = yaml::position_of(value, 1);
        let Some(option) = theme.options.get(name) else {
            let hint = match nearest(name, theme.options.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if theme.options.is_empty() => {
                    format!("theme `{}` has no options", theme.name)
                }
                None => format!(
                    "theme `{}` has the options {} (`digest themes {}` describes them)",
                    theme.name,
                    theme
                        .options
                        .keys()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    theme.name
                ),
            };
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    position,
                    format!("theme `{}` has no option `{name}`", theme.name),
                )
                .with_hint(hint),
            );
            continue;
        };
        if kind(&value.value) != kind(&option.default) {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    position,
                    format!(
                        "theme option `{name}` is {}, and it must be {} like its default `{}`",
                        kind(&value.value),
                        kind(&option.default),
                        option.default
                    ),
                )
                .with_hint_opt(
                    (!option.description.is_empty())
                        .then(|| format!("`{name}`: {}", option.description)),
                ),
            );
            continue;
        }
        values.insert(name.clone(), value.value.clone());
    }
    values
}

fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "empty",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a map",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::files::{File, LayerOrigin};

    fn layer(
        name: &str,
        origin: LayerOrigin,
        config: Option<&str>,
        templates: &[(&str, &str)],
    ) -> ThemeLayer {
        let dir = match origin {
            LayerOrigin::Site => ".".to_string(),
            _ => format!("themes/{name}"),
        };
        let prefix = if origin == LayerOrigin::Site {
            String::new()
        } else {
            format!("{dir}/")
        };
        ThemeLayer {
            name: name.into(),
            origin,
            config: config.map(|c| File::from_text(format!("{dir}/theme.yaml"), c)),
            templates: templates
                .iter()
                .map(|(n, t)| {
                    (
                        n.to_string(),
                        File::from_text(format!("{prefix}templates/{n}"), *t),
                    )
                })
                .collect(),
            static_files: vec![(
                "style.css".into(),
                File::from_text(format!("{dir}/static/style.css"), name),
            )],
            translations: vec![],
            dir,
        }
    }

    fn files(layers: Vec<ThemeLayer>) -> ThemeFiles {
        ThemeFiles {
            name: layers[1].name.clone(),
            layers,
            problem: None,
        }
    }

    const ALL: [(&str, &str); 5] = [
        ("index.html", "base index"),
        ("story.html", "base story"),
        ("article.html", "a"),
        ("outlet.html", "o"),
        ("404.html", "n"),
    ];

    #[test]
    fn a_file_comes_from_the_first_layer_that_has_it() {
        let site = layer(
            "child",
            LayerOrigin::Site,
            None,
            &[("story.html", "site story")],
        );
        let child = layer(
            "child",
            LayerOrigin::Disk,
            Some(
                "description: Child\nextends: base\nstylesheets: [style.css]\noptions:\n  columns: {default: 3, description: How many}\n",
            ),
            &[("index.html", "child index")],
        );
        let base = layer(
            "base",
            LayerOrigin::BuiltIn,
            Some(
                "description: Base\nlicence: MIT\nstylesheets: [style.css]\noptions:\n  columns: {default: 1}\n  dark: {default: true}\n",
            ),
            &ALL,
        );
        let mut diagnostics = Diagnostics::new();
        let theme = parse(&files(vec![site, child, base]), &mut diagnostics).unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let text = |name: &str| {
            theme
                .templates
                .iter()
                .find(|t| t.name == name)
                .map(|t| (t.text.as_str(), t.file.as_str()))
        };
        assert_eq!(
            text("story.html"),
            Some(("site story", "templates/story.html"))
        );
        assert_eq!(
            text("index.html"),
            Some(("child index", "themes/child/templates/index.html"))
        );
        assert_eq!(
            text("404.html"),
            Some(("n", "themes/base/templates/404.html"))
        );
        assert_eq!(
            theme.static_files,
            vec![("style.css".to_string(), b"child".to_vec())]
        );
        assert_eq!(theme.description, "Child");
        assert_eq!(
            theme.licence, "MIT",
            "inherited when the child does not say"
        );
        assert_eq!(theme.extends, ["base"]);
        assert_eq!(theme.options["columns"].default, serde_json::json!(3));
        assert_eq!(theme.options["columns"].description, "How many");
        assert_eq!(theme.options["dark"].default, serde_json::json!(true));
        assert_eq!(
            theme.stylesheets,
            ["style.css"],
            "each stylesheet once, the base's first"
        );
    }

    #[test]
    fn a_site_template_that_overrides_nothing_is_warned_about() {
        let site = layer(
            "t",
            LayerOrigin::Site,
            None,
            &[
                ("stroy.html", "x"),
                ("partials/mine.html", "m"),
                ("index.html", "{% include \"partials/mine.html\" %}"),
            ],
        );
        let t = layer("t", LayerOrigin::Disk, None, &ALL);
        let mut diagnostics = Diagnostics::new();
        assert!(parse(&files(vec![site, t]), &mut diagnostics).is_some());
        let found: Vec<(&str, Option<&str>)> = diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.hint.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(
                "templates/stroy.html",
                Some(
                    "did you mean templates/story.html? (`digest themes t` lists the theme's templates)"
                )
            )],
            "a new partial that an override includes is fine"
        );
    }

    #[test]
    fn a_theme_without_a_required_template_says_how_to_extend_the_default() {
        let site = layer("t", LayerOrigin::Site, None, &[]);
        let t = layer("t", LayerOrigin::Disk, None, &[("index.html", "x")]);
        let mut diagnostics = Diagnostics::new();
        assert!(parse(&files(vec![site, t]), &mut diagnostics).is_none());
        let d = diagnostics
            .iter()
            .find(|d| d.file == "themes/t/templates/story.html")
            .unwrap();
        assert!(
            d.hint.as_deref().unwrap().contains("extends: default"),
            "{d:?}"
        );
    }

    #[test]
    fn a_theme_for_another_digest_is_refused_at_its_line() {
        let site = layer("t", LayerOrigin::Site, None, &[]);
        let t = layer(
            "t",
            LayerOrigin::Disk,
            Some("name: t\ndigest: \">=99\"\n"),
            &ALL,
        );
        let mut diagnostics = Diagnostics::new();
        assert!(parse(&files(vec![site.clone(), t]), &mut diagnostics).is_none());
        let d = diagnostics.iter().next().unwrap();
        assert_eq!(
            (d.file.as_str(), d.position.map(|p| p.line)),
            ("themes/t/theme.yaml", Some(2))
        );
        assert!(d.message.contains("needs digest >=99"), "{d:?}");
        let ok = layer(
            "t",
            LayerOrigin::Disk,
            Some(&format!("digest: \"{}\"\n", env!("CARGO_PKG_VERSION"))),
            &ALL,
        );
        let mut diagnostics = Diagnostics::new();
        assert!(
            parse(&files(vec![site.clone(), ok]), &mut diagnostics).is_some(),
            "{diagnostics:?}"
        );
        let bad = layer("t", LayerOrigin::Disk, Some("digest: soon\n"), &ALL);
        let mut diagnostics = Diagnostics::new();
        assert!(parse(&files(vec![site, bad]), &mut diagnostics).is_none());
        assert!(
            diagnostics
                .iter()
                .next()
                .unwrap()
                .message
                .contains("is not a version requirement")
        );
    }

    #[test]
    fn a_missing_theme_names_the_nearest_built_in_one() {
        let mut diagnostics = Diagnostics::new();
        let missing = ThemeFiles {
            name: "defualt".into(),
            layers: vec![layer("defualt", LayerOrigin::Site, None, &[])],
            problem: Some(ThemeProblem::NotFound {
                name: "defualt".into(),
                wanted_by: None,
            }),
        };
        assert!(parse(&missing, &mut diagnostics).is_none());
        let d = diagnostics.iter().next().unwrap();
        assert_eq!(d.file, "site.yaml");
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `default`?"),
            "{d:?}"
        );
    }

    #[test]
    fn site_options_are_checked_against_the_theme() {
        let site = layer("t", LayerOrigin::Site, None, &[]);
        let t = layer(
            "t",
            LayerOrigin::Disk,
            Some(
                "options:\n  columns: {default: 3}\n  dateline: {default: true, description: Show the date}\n",
            ),
            &ALL,
        );
        let theme = parse(&files(vec![site, t]), &mut Diagnostics::new()).unwrap();
        let config = "title: x\nbase_url: https://e.org/\ntheme_options:\n  columns: 2\n  colums: 4\n  dateline: \"yes\"\n";
        let config = crate::load::config::parse(config, &mut Diagnostics::new()).unwrap();
        let mut diagnostics = Diagnostics::new();
        let values = resolve_options(&theme, &config.theme_options, &mut diagnostics);
        assert_eq!(values["columns"], serde_json::json!(2));
        assert_eq!(
            values["dateline"],
            serde_json::json!(true),
            "a wrong value keeps the default"
        );
        let found: Vec<(Option<usize>, &str, Option<&str>)> = diagnostics
            .iter()
            .map(|d| {
                (
                    d.position.map(|p| p.line),
                    d.message.as_str(),
                    d.hint.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(5),
                    "theme `t` has no option `colums`",
                    Some("did you mean `columns`?")
                ),
                (
                    Some(6),
                    "theme option `dateline` is text, and it must be true or false like its default `true`",
                    Some("`dateline`: Show the date")
                ),
            ]
        );
    }
}

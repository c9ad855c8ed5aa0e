//! `digest themes`: which themes there are, what each offers (description, licence, options,
//! files), and copying one of a theme's files into the site to override it.

use super::{Error, report};
use crate::cli::ThemesArgs;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::diagnostics::{Diagnostics, nearest};
use crate::layout::{STATIC_DIR, TEMPLATES_DIR, THEMES_DIR};
use crate::load::files::LayerOrigin;
use crate::load::read;
use crate::load::{builtin, theme};

/// Lists the themes, describes one, or copies one of its files into the site.
pub fn run(args: &ThemesArgs) -> Result<(), Error> {
    let root = &args.root.dir;
    // The theme the site in --root uses, to mark it; none when there is no readable site.yaml.
    let in_use = read::read_config(root)
        .text()
        .and_then(|text| crate::load::config::parse(text, &mut Diagnostics::new()))
        .map(|config| config.theme);
    let text = match (&args.name, &args.copy) {
        (None, _) => list(root, in_use.as_deref()),
        (Some(name), None) => describe(root, name).map_err(Error::Cannot)?,
        (Some(name), Some(path)) => {
            let written = copy(root, name, path).map_err(Error::Cannot)?;
            format!(
                "Copied {path} of the theme `{name}` to {written}: edit it there; delete it to use the theme's again.\n"
            )
        }
    };
    report::output(&text);
    Ok(())
}

/// The built-in themes, and the site's own theme folders when `root` has any: one line each
/// with its description.
fn list(root: &Path, in_use: Option<&str>) -> String {
    let mut out = String::from("Built-in themes:\n");
    for name in builtin::names() {
        out.push_str(&entry(root, name, in_use));
    }
    let mut local: Vec<String> = fs::read_dir(root.join(THEMES_DIR))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    local.sort();
    if !local.is_empty() {
        out.push_str(
            "\nThis site's themes/ folder (a folder wins over a built-in theme of its name):\n",
        );
        for name in &local {
            out.push_str(&entry(root, name, in_use));
        }
    }
    out.push_str(
        "\nUse one with `theme: NAME` in site.yaml (or `digest init --theme NAME`); `digest themes NAME` \
         shows its options and files.\n",
    );
    out
}

fn entry(root: &Path, name: &str, in_use: Option<&str>) -> String {
    let mut diagnostics = Diagnostics::new();
    let files = read::read_theme(root, name);
    let description = match theme::parse(&files, &mut diagnostics) {
        Some(theme) => theme.description,
        None => "(cannot be used: `digest check` says why)".to_string(),
    };
    let mark = if in_use == Some(name) {
        " (in use)"
    } else {
        ""
    };
    format!("  {name}{mark}\n{}\n", indent(&description, 6))
}

/// Everything about the theme `name` as the site at `root` would use it: where it comes from,
/// what it extends, its options with their defaults, and each file with the layer it is taken
/// from. `Err` when it cannot be used.
fn describe(root: &Path, name: &str) -> Result<String, String> {
    let files = read::read_theme(root, name);
    let mut diagnostics = Diagnostics::new();
    let Some(theme) = theme::parse(&files, &mut diagnostics) else {
        return Err(why_unusable(&diagnostics));
    };
    let mut out = String::new();
    let origin = match files.layers[1].origin {
        LayerOrigin::BuiltIn => "built into digest".to_string(),
        _ => format!("the folder {}", files.layers[1].dir),
    };
    let _ = writeln!(out, "{name}: {origin}");
    let _ = writeln!(out, "{}", indent(&theme.description, 2));
    if !theme.licence.is_empty() {
        let _ = writeln!(out, "  Licence: {}", theme.licence);
    }
    if !theme.extends.is_empty() {
        let _ = writeln!(
            out,
            "  Extends: {} (takes every file it does not have from it)",
            theme.extends.join(" -> ")
        );
    }
    if theme.options.is_empty() {
        let _ = writeln!(out, "\nOptions: none");
    } else {
        let _ = writeln!(
            out,
            "\nOptions (set them in site.yaml under `theme_options:`):"
        );
        for (option, spec) in &theme.options {
            let _ = writeln!(out, "  {option}: {} (default)", spec.default);
            if !spec.description.is_empty() {
                let _ = writeln!(out, "{}", indent(&spec.description, 6));
            }
        }
    }
    let _ = writeln!(
        out,
        "\nFiles (a file in the site's own templates/ or static/ takes the place of the theme's):"
    );
    let mut seen: Vec<String> = Vec::new();
    for layer in &files.layers {
        let kinds = [
            (TEMPLATES_DIR, &layer.templates),
            (STATIC_DIR, &layer.static_files),
        ];
        for (folder, entries) in kinds {
            for (below, _) in entries {
                let path = format!("{folder}/{below}");
                if seen.contains(&path) {
                    continue;
                }
                let site_copy = folder == STATIC_DIR && root.join(STATIC_DIR).join(below).is_file();
                let from = match layer.origin {
                    _ if site_copy => "the site's own static/".to_string(),
                    LayerOrigin::Site => "the site's own templates/".to_string(),
                    LayerOrigin::Disk => layer.dir.clone(),
                    LayerOrigin::BuiltIn => format!("built-in {}", layer.name),
                };
                let _ = writeln!(out, "  {path:<40} {from}");
                seen.push(path);
            }
        }
    }
    let _ = writeln!(
        out,
        "\nCopy one into the site to change it: digest themes {name} --copy templates/story.html"
    );
    Ok(out)
}

/// Copies the file `path` (`templates/story.html`, `static/style.css`) of the theme `name`
/// into the site at `root`, where it overrides the theme's; never overwrites. Returns the path
/// written.
fn copy(root: &Path, name: &str, path: &str) -> Result<String, String> {
    let files = read::read_theme(root, name);
    if files.problem.is_some() {
        let mut diagnostics = Diagnostics::new();
        theme::parse(&files, &mut diagnostics);
        return Err(why_unusable(&diagnostics));
    }
    let path = path.trim_start_matches("./").replace('\\', "/");
    let (folder, below) = path.split_once('/').unwrap_or(("", &path));
    let themes = &files.layers[1..];
    let found = themes.iter().find_map(|layer| {
        let entries = match folder {
            TEMPLATES_DIR => &layer.templates,
            STATIC_DIR => &layer.static_files,
            _ => return None,
        };
        entries.iter().find(|(b, _)| b == below).map(|(_, f)| f)
    });
    let Some(file) = found else {
        let all: Vec<String> = themes
            .iter()
            .flat_map(|l| {
                l.templates
                    .iter()
                    .map(|(b, _)| format!("{TEMPLATES_DIR}/{b}"))
                    .chain(
                        l.static_files
                            .iter()
                            .map(|(b, _)| format!("{STATIC_DIR}/{b}")),
                    )
            })
            .collect();
        let hint = nearest(&path, all.iter().map(String::as_str))
            .map(|n| format!(" Did you mean `{n}`?"))
            .unwrap_or_default();
        return Err(format!(
            "theme `{name}` has no file `{path}`.{hint} `digest themes {name}` lists its files."
        ));
    };
    let target_rel = match folder {
        TEMPLATES_DIR => format!("{TEMPLATES_DIR}/{below}"),
        _ => format!("{}/{below}", STATIC_DIR),
    };
    let target = root.join(&target_rel);
    if target.exists() {
        return Err(format!(
            "{target_rel} already exists; digest never overwrites it (delete it first to start again from the theme's)"
        ));
    }
    let bytes = file
        .content
        .as_ref()
        .map_err(|e| format!("cannot read {}: {e:?}", file.path))?;
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(&target, bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(target_rel)
}

/// The problems that make a theme unusable, each with its hint.
fn why_unusable(diagnostics: &Diagnostics) -> String {
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| match &d.hint {
            Some(hint) => format!("{}: {}\n  hint: {hint}", d.location(), d.message),
            None => format!("{}: {}", d.location(), d.message),
        })
        .collect();
    lines.join("\n")
}

fn indent(text: &str, by: usize) -> String {
    let width = 96usize.saturating_sub(by);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let pad = " ".repeat(by);
    lines
        .iter()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

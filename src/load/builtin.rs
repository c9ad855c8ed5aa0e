//! The themes compiled into digest: every folder of the repository's `themes/`. A site needs no
//! `themes/` folder of its own; a folder `themes/<name>/` it does have takes the place of the
//! built-in theme of that name.

use include_dir::{Dir, include_dir};

use super::files::{File, LayerOrigin, ThemeLayer};
use crate::layout::{I18N_DIR, STATIC_DIR, TEMPLATES_DIR, THEME_FILE};

static THEMES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// Where the built-in themes' files appear to be, in diagnostics and `digest themes`: not a
/// path of the site, so that nobody looks for it there.
pub const DIR_PREFIX: &str = "(built-in)/themes";

/// The names of the built-in themes, sorted.
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&str> = THEMES
        .dirs()
        .filter_map(|d| d.path().file_name()?.to_str())
        .collect();
    names.sort_unstable();
    names
}

/// The built-in theme `name` as a layer, or `None` when there is none of that name.
pub fn layer(name: &str) -> Option<ThemeLayer> {
    let theme = THEMES.get_dir(name)?;
    let dir = format!("{DIR_PREFIX}/{name}");
    let file = |path: &str, contents: &[u8]| File {
        path: format!("{dir}/{path}"),
        content: Ok(contents.to_vec()),
    };
    let tree = |folder: &str| -> Vec<(String, File)> {
        let mut files = Vec::new();
        if let Some(sub) = theme.get_dir(format!("{name}/{folder}")) {
            collect(sub, &mut files);
        }
        let prefix = format!("{name}/{folder}/");
        let mut entries: Vec<(String, File)> = files
            .into_iter()
            .map(|(path, contents)| {
                let below = path.strip_prefix(&prefix).unwrap_or(&path).to_string();
                let entry = file(&format!("{folder}/{below}"), contents);
                (below, entry)
            })
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    };
    Some(ThemeLayer {
        name: name.to_string(),
        origin: LayerOrigin::BuiltIn,
        config: theme
            .get_file(format!("{name}/{THEME_FILE}"))
            .map(|f| file(THEME_FILE, f.contents())),
        templates: tree(TEMPLATES_DIR),
        static_files: tree(STATIC_DIR),
        translations: tree(I18N_DIR),
        dir,
    })
}

/// The text of the built-in theme `theme`'s template `name` (`partials/footnotes.html`).
pub fn template_text(theme: &str, name: &str) -> Option<&'static str> {
    THEMES
        .get_file(format!("{theme}/{TEMPLATES_DIR}/{name}"))?
        .contents_utf8()
}

/// Every file below `dir`, by its path from the themes' root (`default/templates/base.html`).
fn collect(dir: &'static Dir<'static>, files: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        files.push((
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents(),
        ));
    }
    for sub in dir.dirs() {
        collect(sub, files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_has_its_templates_and_stylesheet() {
        let names = names();
        assert!(names.contains(&"default"), "{names:?}");
        for name in names {
            let layer = layer(name).unwrap();
            assert!(layer.config.is_some(), "{name} has no theme.yaml");
            assert!(
                layer.templates.iter().any(|(n, _)| n == "base.html") || name != "default",
                "{name}"
            );
            for (below, file) in layer.templates.iter().chain(&layer.static_files) {
                assert!(!below.contains('\\') && !below.starts_with('/'), "{below}");
                assert!(file.path.starts_with(DIR_PREFIX), "{}", file.path);
            }
        }
        let default = layer("default").unwrap();
        assert!(
            default
                .templates
                .iter()
                .any(|(n, f)| n == "partials/footnotes.html"
                    && f.path == "(built-in)/themes/default/templates/partials/footnotes.html")
        );
        assert!(default.static_files.iter().any(|(n, _)| n == "style.css"));
        assert!(layer("nope").is_none());
    }
}

//! The site folder: every path digest reads or writes in it, named once.
//!
//! ```text
//! site.yaml                         the settings (CONFIG_FILE)
//! content/sources.yaml              the outlets (SOURCES_FILE)
//! content/index.md                  the home page's introduction (INTRO_FILE)
//! content/stories/<slug>/story.md   a story (STORIES_DIR, STORY_FILE)
//!                       timeline.yaml, quotes.yaml, disputes.yaml   its sidecars (Sidecar)
//!                       articles/<id>.md|.txt                       its articles (ARTICLES_DIR)
//! static/                           the site's own files, copied as they are (STATIC_DIR)
//! templates/                        the site's own templates, over the theme's (TEMPLATES_DIR)
//! i18n/<language>.yaml              the site's own labels, over the theme's (I18N_DIR)
//! themes/<name>/theme.yaml …        themes of the site's own (THEMES_DIR, THEME_FILE)
//! public/                           the built site (OUTPUT_DIR), marked as the build's
//!                                   (OUTPUT_MARKER)
//! .digest-cache/                    what the last build found (CACHE_DIR)
//! ```
//!
//! Paths are relative to the site's folder and written with `/`, as diagnostics show them.
//! Every stage, the watcher and the editors' tools take their paths from here, so that the
//! layout can be read (and changed) in one place.

/// The settings.
pub const CONFIG_FILE: &str = "site.yaml";
/// The folder of what editors write.
pub const CONTENT_DIR: &str = "content";
/// The outlets, by id.
pub const SOURCES_FILE: &str = "content/sources.yaml";
/// The home page's introduction.
pub const INTRO_FILE: &str = "content/index.md";
/// One folder per story, named by its slug.
pub const STORIES_DIR: &str = "content/stories";
/// A story's front matter and annotation, in its folder.
pub const STORY_FILE: &str = "story.md";
/// A story's articles, in its folder.
pub const ARTICLES_DIR: &str = "articles";
/// The site's own files, copied as they are to the output root (`static/CNAME` -> `CNAME`).
pub const STATIC_DIR: &str = "static";
/// The site's own templates, which win over the theme's (`templates/story.html`); a theme's
/// templates are in a folder of this name too.
pub const TEMPLATES_DIR: &str = "templates";
/// Translation files (`i18n/uk.yaml`), the site's own and a theme's.
pub const I18N_DIR: &str = "i18n";
/// The site's own themes, one folder each (`themes/<name>/`).
pub const THEMES_DIR: &str = "themes";
/// A theme's settings, in its folder.
pub const THEME_FILE: &str = "theme.yaml";
/// Where `digest build` writes the site unless told otherwise.
pub const OUTPUT_DIR: &str = "public";
/// Where `digest build` and `digest check` keep what they found, to redo only what changed.
pub const CACHE_DIR: &str = ".digest-cache";
/// The file that marks an output folder as written by `digest build` (see
/// `output::check_output_dir`).
pub const OUTPUT_MARKER: &str = ".digest-build";
/// A story's outlet-by-outlet page, `stories/<slug>/outlets/`, is beside its article pages
/// (`stories/<slug>/<article-id>/`): no article may take its name.
pub const ROUNDUP_DIR: &str = "outlets";
/// The GitHub Actions workflow `digest init` writes, which publishes the site on GitHub Pages.
pub const WORKFLOW_FILE: &str = ".github/workflows/pages.yml";

/// A story's sidecar files: what the editor writes beside the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sidecar {
    /// The events, in any order.
    Timeline,
    /// The key quotes, each as every outlet renders it.
    Quotes,
    /// The details the outlets disagree on.
    Disputes,
}

impl Sidecar {
    /// Every sidecar, in the order the story page shows them.
    pub const ALL: [Sidecar; 3] = [Sidecar::Timeline, Sidecar::Quotes, Sidecar::Disputes];

    /// The file's name in a story folder (`quotes.yaml`).
    pub fn file_name(self) -> &'static str {
        match self {
            Sidecar::Timeline => "timeline.yaml",
            Sidecar::Quotes => "quotes.yaml",
            Sidecar::Disputes => "disputes.yaml",
        }
    }

    /// Where `digest suggest --write` puts its proposals for this sidecar: beside it, under a
    /// name the build does not read (`quotes.suggested.yaml`).
    pub fn suggested_file_name(self) -> &'static str {
        match self {
            Sidecar::Timeline => "timeline.suggested.yaml",
            Sidecar::Quotes => "quotes.suggested.yaml",
            Sidecar::Disputes => "disputes.suggested.yaml",
        }
    }
}

/// A story's folder: `content/stories/<slug>`.
pub fn story_dir(slug: &str) -> String {
    format!("{STORIES_DIR}/{slug}")
}

/// A theme's folder of the site: `themes/<name>`.
pub fn theme_dir(name: &str) -> String {
    format!("{THEMES_DIR}/{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_of_content_are_below_content() {
        for path in [SOURCES_FILE, INTRO_FILE, STORIES_DIR] {
            assert!(path.starts_with(&format!("{CONTENT_DIR}/")), "{path}");
        }
        assert_eq!(story_dir("a-b"), "content/stories/a-b");
        let names: Vec<&str> = Sidecar::ALL.iter().map(|s| s.file_name()).collect();
        assert_eq!(names, ["timeline.yaml", "quotes.yaml", "disputes.yaml"]);
        for sidecar in Sidecar::ALL {
            assert_ne!(sidecar.file_name(), sidecar.suggested_file_name());
        }
    }
}

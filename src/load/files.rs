//! What the read step produces: the files of a site, of its stories and of its theme, as bytes
//! (or the reason there are none), by their paths in the site's layout ([`crate::layout`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::layout::{CONFIG_FILE, I18N_DIR, INTRO_FILE, SOURCES_FILE, STORIES_DIR, Sidecar};

/// One file: its path relative to the site root (with `/`) and its bytes, or why there are none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// From the site's root, with `/` (`content/stories/<slug>/story.md`): how messages name it.
    pub path: String,
    /// The bytes as read, or why they could not be; each stage that needs the file reports it.
    pub content: Result<Vec<u8>, ReadError>,
}

/// Why a file that exists has no contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than [`MAX_FILE_BYTES`]; the size in bytes.
    TooLarge(u64),
    /// The operating system's message.
    Io(String),
    /// A symbolic link (this file, or the folder it is in) that resolves outside the site's
    /// folder: publishing it would publish whatever it points at.
    OutsideSite(PathBuf),
}

impl File {
    /// A file given as text, for building sites in memory.
    pub fn from_text(path: impl Into<String>, text: impl Into<String>) -> File {
        File {
            path: path.into(),
            content: Ok(text.into().into_bytes()),
        }
    }

    /// The contents as UTF-8, when they were read and are valid.
    pub fn text(&self) -> Option<&str> {
        self.content
            .as_ref()
            .ok()
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// `site.yaml` and everything under `content/` that a build reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFiles {
    /// The site's folder, as given; file paths are relative to it.
    pub root: PathBuf,
    /// `site.yaml` (an `Io` error when it does not exist).
    pub config: File,
    /// `content/sources.yaml`; `None` when it does not exist (a site may cite no outlet).
    pub sources: Option<File>,
    /// `content/index.md`, the front page's introduction; `None` when it does not exist.
    pub intro: Option<File>,
    /// Story folders by folder name; `None` when there is no `content/stories` folder.
    pub stories: Option<BTreeMap<String, StoryFiles>>,
    /// Every file below `static/` by its path there (`CNAME`, `img/logo.png`), sorted; empty
    /// when there is no such folder.
    pub static_files: Vec<(String, File)>,
    /// The site's own translation files, `i18n/<language>.yaml`, by name (`uk.yaml`), sorted.
    pub translations: Vec<(String, File)>,
}

/// The files of one story folder, `content/stories/<slug>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFiles {
    /// The folder name.
    pub slug: String,
    /// `content/stories/<slug>`
    pub dir: String,
    /// When the folder itself is a link out of the site, nothing in it is read.
    pub refused: Option<PathBuf>,
    /// `story.md`; `None` when it does not exist (reported: a story needs one).
    pub story: Option<File>,
    /// One per [`Sidecar`], in the order of [`Sidecar::ALL`]; `None` where the file does not
    /// exist (see [`StoryFiles::sidecar`]).
    pub sidecars: [Option<File>; 3],
    /// `.md` and `.txt` files of `articles/`, sorted; `None` when there is no such folder.
    pub articles: Option<Vec<File>>,
    /// Other files in `articles/` (reported, not read).
    pub ignored: Vec<String>,
}

/// Where a layer of a theme comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerOrigin {
    /// The site's own `templates/` folder: single files that win over the theme's.
    Site,
    /// A folder `themes/<name>/` of the site.
    Disk,
    /// A theme compiled into digest (see [`super::builtin`]).
    BuiltIn,
}

/// One layer of a theme: the site's own overrides, a theme folder, or a built-in theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeLayer {
    /// The theme's name (for the site's overrides: the theme they override).
    pub name: String,
    /// Where the layer was read from.
    pub origin: LayerOrigin,
    /// `themes/<name>`, `(built-in)/themes/<name>`, or `.` for the site's own folders; file
    /// paths of the layer start with it.
    pub dir: String,
    /// Its `theme.yaml`; `None` for the site's layer, which has none, and for a theme folder
    /// without one.
    pub config: Option<File>,
    /// Name below `templates/` (`partials/footnotes.html`) and the file, sorted by name.
    pub templates: Vec<(String, File)>,
    /// Path below `static/` and the file, sorted (empty for the site's layer: the site's
    /// `static/` folder is [`SiteFiles::static_files`]).
    pub static_files: Vec<(String, File)>,
    /// The translation files of `i18n/` by name (`uk.yaml`), sorted (see [`super::i18n`]).
    pub translations: Vec<(String, File)>,
}

/// Why a theme could not be read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeProblem {
    /// Neither a folder `themes/<name>` nor built in; `wanted_by` is the theme whose
    /// `extends:` names it (`None`: site.yaml's `theme:`).
    NotFound {
        /// The theme that was asked for.
        name: String,
        /// The theme that asked for it, or `None` for site.yaml.
        wanted_by: Option<String>,
    },
    /// `themes/<name>` is a symbolic link out of the site.
    Refused {
        /// `themes/<name>`.
        dir: String,
        /// Where the link points.
        target: PathBuf,
    },
    /// Themes that extend each other in a circle, in order.
    Circle(Vec<String>),
}

/// A theme as read: its layers, the first of which wins for a file they both have. The site's
/// own overrides come first, then the theme, then the theme it extends, and so on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFiles {
    /// The theme site.yaml names.
    pub name: String,
    /// The site's overrides first, then the theme and the themes it extends, in order.
    pub layers: Vec<ThemeLayer>,
    /// Set when a layer is missing; the layers read so far are kept.
    pub problem: Option<ThemeProblem>,
}

impl SiteFiles {
    /// The site-wide files read: site.yaml, sources.yaml and index.md.
    pub fn files(&self) -> impl Iterator<Item = &File> {
        std::iter::once(&self.config)
            .chain(&self.sources)
            .chain(&self.intro)
    }

    /// The text of a file, for quoting its lines in diagnostics.
    pub fn text(&self, path: &str) -> Option<&str> {
        let file = match path {
            CONFIG_FILE => Some(&self.config),
            SOURCES_FILE => self.sources.as_ref(),
            INTRO_FILE => self.intro.as_ref(),
            _ if path
                .strip_prefix(I18N_DIR)
                .is_some_and(|p| p.starts_with('/')) =>
            {
                self.translations
                    .iter()
                    .map(|(_, f)| f)
                    .find(|f| f.path == path)
            }
            _ => {
                let rest = path.strip_prefix(STORIES_DIR)?.strip_prefix('/')?;
                let (slug, _) = rest.split_once('/')?;
                self.stories.as_ref()?.get(slug)?.file(path)
            }
        };
        file?.text()
    }
}

impl StoryFiles {
    /// The sidecar file `which`, when the folder has it.
    pub fn sidecar(&self, which: Sidecar) -> Option<&File> {
        let index = Sidecar::ALL.iter().position(|s| *s == which)?;
        self.sidecars[index].as_ref()
    }

    fn file(&self, path: &str) -> Option<&File> {
        self.files().find(|f| f.path == path)
    }

    /// Every file read from the folder.
    pub fn files(&self) -> impl Iterator<Item = &File> {
        self.story
            .iter()
            .chain(self.sidecars.iter().flatten())
            .chain(self.articles.iter().flatten())
    }
}

impl ThemeFiles {
    /// The text of a theme file by its path, for quoting its lines in diagnostics.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.sources().find(|f| f.path == path)?.text()
    }

    /// Every theme.yaml, template and translation file of every layer.
    pub fn sources(&self) -> impl Iterator<Item = &File> {
        self.layers.iter().flat_map(|layer| {
            layer
                .config
                .iter()
                .chain(layer.templates.iter().map(|(_, f)| f))
                .chain(layer.translations.iter().map(|(_, f)| f))
        })
    }

    /// Every static file of every layer.
    pub fn static_files(&self) -> impl Iterator<Item = &File> {
        self.layers
            .iter()
            .flat_map(|layer| layer.static_files.iter().map(|(_, f)| f))
    }

    /// Whether `themes/<name>` on disk is one of the theme's layers (so an edit there
    /// changes the theme).
    pub fn uses_folder(&self, name: &str) -> bool {
        self.layers
            .iter()
            .any(|l| l.origin == LayerOrigin::Disk && l.name == name)
    }
}

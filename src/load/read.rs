//! The read half of the load stage: the files a build uses, read from disk once, in the site's
//! layout, as bytes. Everything after this (parsing included) works from memory, so one story
//! can be re-read and re-parsed after an edit while the others stay as they are, and tests can
//! build a site from strings.
//!
//! Reading never fails: a file that cannot be used is kept with the reason ([`ReadError`]), and
//! the parse step reports it with the file's name, next to every other problem of the site.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::builtin;
use super::files::{
    File, LayerOrigin, ReadError, SiteFiles, StoryFiles, ThemeFiles, ThemeLayer, ThemeProblem,
};
use crate::diagnostics::display_path;
use crate::layout::{
    ARTICLES_DIR, CONFIG_FILE, I18N_DIR, INTRO_FILE, SOURCES_FILE, STATIC_DIR, STORIES_DIR,
    STORY_FILE, Sidecar, TEMPLATES_DIR, THEME_FILE,
};

/// Content files larger than this are refused rather than slowing every build to a crawl.
pub const MAX_FILE_BYTES: u64 = 8_000_000;
/// Files of the site's `static/` folder (images, PDFs) may be larger: they are copied, not
/// parsed. GitHub refuses files over 100 MB in a repository, so a site cannot publish one.
pub const MAX_STATIC_BYTES: u64 = 100_000_000;

/// Themes may build on each other this deep; more is a mistake, not a design.
const MAX_THEME_DEPTH: usize = 8;

/// Reads `site.yaml` and `content/` under `root`.
pub fn read_site(root: &Path) -> SiteFiles {
    let reader = Reader::new(root);
    let config = reader.optional(CONFIG_FILE).unwrap_or_else(|| File {
        path: CONFIG_FILE.into(),
        content: Err(ReadError::Io("No such file or directory".into())),
    });
    SiteFiles {
        root: root.to_path_buf(),
        config,
        sources: reader.optional(SOURCES_FILE),
        intro: reader.optional(INTRO_FILE),
        stories: reader.stories(),
        static_files: reader.static_files(),
        translations: reader.translations(),
    }
}

/// `site.yaml`, `sources.yaml` and `index.md`, and the names of the story folders without
/// reading them (a streaming build reads one story at a time): `stories` is then an empty map,
/// or `None` when there is no `content/stories` folder.
pub fn read_settings(root: &Path) -> (SiteFiles, Option<std::collections::BTreeSet<String>>) {
    let reader = Reader::new(root);
    let slugs = list_stories(root);
    let files = SiteFiles {
        root: root.to_path_buf(),
        config: read_config(root),
        sources: reader.optional(SOURCES_FILE),
        intro: reader.optional(INTRO_FILE),
        stories: slugs.as_ref().map(|_| BTreeMap::new()),
        static_files: reader.static_files(),
        translations: reader.translations(),
    };
    (files, slugs)
}

/// Reads the site's `static/` folder again (after an edit).
pub fn read_static(root: &Path) -> Vec<(String, File)> {
    Reader::new(root).static_files()
}

/// Reads the site's `i18n/` folder again (after an edit).
pub fn read_translations(root: &Path) -> Vec<(String, File)> {
    Reader::new(root).translations()
}

/// Reads `site.yaml` again (after an edit).
pub fn read_config(root: &Path) -> File {
    read_site_file(root, CONFIG_FILE).unwrap_or_else(|| File {
        path: CONFIG_FILE.into(),
        content: Err(ReadError::Io("No such file or directory".into())),
    })
}

/// Reads one of the site-wide files again (`sources.yaml`, `index.md`); `None` when it does not
/// exist.
pub fn read_site_file(root: &Path, rel: &str) -> Option<File> {
    Reader::new(root).optional(rel)
}

/// The names of the story folders, without reading them; `None` when there is no
/// `content/stories` folder.
pub fn list_stories(root: &Path) -> Option<std::collections::BTreeSet<String>> {
    let entries = fs::read_dir(root.join(STORIES_DIR)).ok()?;
    Some(
        entries
            .filter_map(Result::ok)
            .filter(|e| followed_type(e).is_some_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect(),
    )
}

/// Reads one story folder again (after an edit); `None` when it is no longer a folder.
pub fn read_story(root: &Path, slug: &str) -> Option<StoryFiles> {
    let reader = Reader::new(root);
    let dir = root.join(STORIES_DIR).join(slug);
    dir.is_dir().then(|| reader.story_below_links(&dir))
}

/// Reads the theme `name` and every theme it extends, each from `themes/<name>/` when the site
/// has that folder and from digest's built-in themes otherwise, under the site's own
/// `templates/`.
pub fn read_theme(root: &Path, name: &str) -> ThemeFiles {
    let reader = Reader::new(root);
    let mut theme = ThemeFiles {
        name: name.to_string(),
        layers: vec![reader.site_layer(name)],
        problem: None,
    };
    let mut next = Some(name.to_string());
    let mut wanted_by = None;
    while let Some(name) = next.take() {
        let mut chain: Vec<String> = theme.layers[1..].iter().map(|l| l.name.clone()).collect();
        if chain.contains(&name) || chain.len() >= MAX_THEME_DEPTH {
            chain.push(name);
            theme.problem = Some(ThemeProblem::Circle(chain));
            break;
        }
        let layer = match reader.theme_folder(&name) {
            Err(problem) => {
                theme.problem = Some(problem);
                break;
            }
            Ok(Some(layer)) => layer,
            Ok(None) => match builtin::layer(&name) {
                Some(layer) => layer,
                None => {
                    theme.problem = Some(ThemeProblem::NotFound { name, wanted_by });
                    break;
                }
            },
        };
        next = layer.config.as_ref().and_then(extends);
        wanted_by = Some(layer.name.clone());
        theme.layers.push(layer);
    }
    theme
}

/// The `extends:` of a theme.yaml, read ahead of parsing it (which reports its mistakes).
fn extends(config: &File) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Extends {
        extends: Option<String>,
    }
    let parsed: Extends = serde_saphyr::from_str(config.text()?).ok()?;
    parsed.extends.filter(|name| !name.trim().is_empty())
}

struct Reader {
    root: PathBuf,
    /// The real path of the root, to tell whether a link leads out of the site.
    real_root: PathBuf,
    /// Where `content` or `content/stories` leads when either is a link out of the site:
    /// looked up once for all the stories below them.
    stories_outside: std::cell::OnceCell<Option<PathBuf>>,
}

/// The bytes of the file at `path`, read into a buffer of its size (`size`, when the caller
/// knows it). Through `take`, because a `File`'s own `read_to_end` asks the kernel for the
/// size again (and where it stands in the file) before it reads.
fn read_bytes(path: &Path, size: Option<u64>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = fs::File::open(path)?;
    let capacity = size.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a folder's entry is, or what it links to: the folder's listing says what each plain
/// entry is, so only links are looked up.
fn followed_type(entry: &fs::DirEntry) -> Option<fs::FileType> {
    match entry.file_type() {
        Ok(t) if t.is_symlink() => fs::metadata(entry.path()).ok().map(|m| m.file_type()),
        t => t.ok(),
    }
}

impl Reader {
    fn new(root: &Path) -> Reader {
        Reader {
            root: root.to_path_buf(),
            real_root: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            stories_outside: std::cell::OnceCell::new(),
        }
    }

    fn rel(&self, path: &Path) -> String {
        display_path(&self.root, path)
    }

    /// Where a symbolic link at `path` leads, when that is outside the site. Only links are
    /// resolved: the folders above were checked on the way down, so a plain entry inside them
    /// is inside the site.
    fn outside(&self, path: &Path) -> Option<PathBuf> {
        let meta = fs::symlink_metadata(path).ok()?;
        if !meta.file_type().is_symlink() {
            return None;
        }
        let target = fs::canonicalize(path).ok()?;
        (!target.starts_with(&self.real_root)).then_some(target)
    }

    /// The site folders every story lies below (`content`, `content/stories`): a link out of
    /// the site there refuses all stories.
    fn outside_on_the_way(&self, rel_dir: &str) -> Option<PathBuf> {
        let mut path = self.root.clone();
        for part in rel_dir.split('/') {
            path.push(part);
            if let Some(target) = self.outside(&path) {
                return Some(target);
            }
        }
        None
    }

    fn read(&self, path: &Path) -> File {
        self.read_up_to(path, MAX_FILE_BYTES)
    }

    fn read_up_to(&self, path: &Path, limit: u64) -> File {
        match fs::symlink_metadata(path) {
            Ok(meta) => self.read_found(path, &meta, limit),
            Err(e) => File {
                path: self.rel(path),
                content: Err(ReadError::Io(e.to_string())),
            },
        }
    }

    /// The file at `path`, or `None` when there is none (a link that leads nowhere is none).
    fn read_if_there(&self, path: &Path) -> Option<File> {
        let meta = fs::symlink_metadata(path).ok()?;
        if meta.file_type().is_symlink() && !path.exists() {
            return None;
        }
        Some(self.read_found(path, &meta, MAX_FILE_BYTES))
    }

    /// Reads the file at `path`, whose `lstat` is `meta`. A site has thousands of files and
    /// every build reads them all to see what changed: the one `lstat` says whether the file is
    /// a link to check and how large it is, where four calls to the kernel used to (an
    /// `exists`, the link check, the size, and `fs::read`'s own).
    fn read_found(&self, path: &Path, meta: &fs::Metadata, limit: u64) -> File {
        let rel = self.rel(path);
        let size = if meta.file_type().is_symlink() {
            if let Some(target) = self.outside(path) {
                return File {
                    path: rel,
                    content: Err(ReadError::OutsideSite(target)),
                };
            }
            fs::metadata(path).ok().map(|m| m.len())
        } else {
            Some(meta.len())
        };
        let content = match size {
            Some(len) if len > limit => Err(ReadError::TooLarge(len)),
            _ => read_bytes(path, size).map_err(|e| ReadError::Io(e.to_string())),
        };
        File { path: rel, content }
    }

    /// A file that may be missing (a missing file is `None`, not an error).
    fn optional(&self, rel: &str) -> Option<File> {
        let path = self.root.join(rel);
        if let Some(parent) = rel.rsplit_once('/').map(|(dir, _)| dir)
            && let Some(target) = self.outside_on_the_way(parent)
        {
            return Some(File {
                path: rel.into(),
                content: Err(ReadError::OutsideSite(target)),
            });
        }
        self.read_if_there(&path)
    }

    fn stories(&self) -> Option<BTreeMap<String, StoryFiles>> {
        let dir = self.root.join(STORIES_DIR);
        let entries = fs::read_dir(&dir).ok()?;
        let mut stories = BTreeMap::new();
        for entry in entries.filter_map(Result::ok) {
            if followed_type(&entry).is_some_and(|t| t.is_dir()) {
                let path = entry.path();
                let story = self.story_below_links(&path);
                stories.insert(story.slug.clone(), story);
            }
        }
        Some(stories)
    }

    /// A story folder, refused whole when `content` or `content/stories` is a link out of the
    /// site.
    fn story_below_links(&self, dir: &Path) -> StoryFiles {
        let outside = self
            .stories_outside
            .get_or_init(|| self.outside_on_the_way(STORIES_DIR));
        match outside {
            // Nothing is read from a folder that is out of the site.
            Some(target) => StoryFiles {
                refused: Some(target.clone()),
                ..empty_story(
                    &dir.file_name().unwrap_or_default().to_string_lossy(),
                    self.rel(dir),
                )
            },
            None => self.story(dir),
        }
    }

    fn story(&self, dir: &Path) -> StoryFiles {
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let rel_dir = self.rel(dir);
        if let Some(target) = self.outside(dir) {
            return StoryFiles {
                refused: Some(target),
                ..empty_story(&slug, rel_dir)
            };
        }
        let existing = |name: &str| self.read_if_there(&dir.join(name));
        let mut story = StoryFiles {
            story: existing(STORY_FILE),
            sidecars: Sidecar::ALL.map(|s| existing(s.file_name())),
            ..empty_story(&slug, rel_dir)
        };
        let articles_dir = dir.join(ARTICLES_DIR);
        if let Some(target) = self.outside(&articles_dir) {
            story.articles = Some(vec![File {
                path: self.rel(&articles_dir),
                content: Err(ReadError::OutsideSite(target)),
            }]);
            return story;
        }
        if let Ok(entries) = fs::read_dir(&articles_dir) {
            let mut paths: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| followed_type(e).is_some_and(|t| t.is_file()))
                .map(|e| e.path())
                .collect();
            paths.sort();
            let mut articles = Vec::new();
            for path in paths {
                match path.extension().and_then(|e| e.to_str()) {
                    Some("md" | "txt") => articles.push(self.read(&path)),
                    _ => story.ignored.push(self.rel(&path)),
                }
            }
            story.articles = Some(articles);
        }
        story
    }

    /// `themes/<name>/`; `Ok(None)` when the site has no such folder.
    fn theme_folder(&self, name: &str) -> Result<Option<ThemeLayer>, ThemeProblem> {
        let rel = crate::layout::theme_dir(name);
        if let Some(target) = self.outside_on_the_way(&rel) {
            return Err(ThemeProblem::Refused { dir: rel, target });
        }
        let dir = self.root.join(&rel);
        if !dir.is_dir() {
            return Ok(None);
        }
        let config = dir.join(THEME_FILE);
        Ok(Some(ThemeLayer {
            name: name.to_string(),
            origin: LayerOrigin::Disk,
            dir: self.rel(&dir),
            config: self.read_if_there(&config),
            templates: self.tree(&dir.join(TEMPLATES_DIR)),
            static_files: self.tree(&dir.join(STATIC_DIR)),
            translations: self.tree(&dir.join(I18N_DIR)),
        }))
    }

    /// The site's own `templates/`, over the theme `name`.
    fn site_layer(&self, name: &str) -> ThemeLayer {
        ThemeLayer {
            name: name.to_string(),
            origin: LayerOrigin::Site,
            dir: ".".into(),
            config: None,
            templates: self.tree(&self.root.join(TEMPLATES_DIR)),
            static_files: Vec::new(),
            translations: Vec::new(),
        }
    }

    /// The site's `i18n/` folder.
    fn translations(&self) -> Vec<(String, File)> {
        self.tree(&self.root.join(I18N_DIR))
    }

    /// The site's `static/` folder (a link out of the site, the folder itself included, is a
    /// refused entry).
    fn static_files(&self) -> Vec<(String, File)> {
        self.tree_up_to(&self.root.join(STATIC_DIR), MAX_STATIC_BYTES)
    }

    /// Every file below `dir`, by its path below `dir`; links out of the site are kept as
    /// refused entries (a folder link as one entry), loops are not followed.
    fn tree(&self, dir: &Path) -> Vec<(String, File)> {
        self.tree_up_to(dir, MAX_FILE_BYTES)
    }

    fn tree_up_to(&self, dir: &Path, limit: u64) -> Vec<(String, File)> {
        let mut files = Vec::new();
        let mut walk = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let Ok(entry) = entry else { continue };
            let name = display_path(dir, entry.path());
            if entry.path_is_symlink()
                && let Some(target) = self.outside(entry.path())
            {
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                let path = self.rel(entry.path());
                files.push((
                    name,
                    File {
                        path,
                        content: Err(ReadError::OutsideSite(target)),
                    },
                ));
                continue;
            }
            if entry.file_type().is_file() {
                files.push((name, self.read_up_to(entry.path(), limit)));
            }
        }
        files
    }
}

fn empty_story(slug: &str, dir: String) -> StoryFiles {
    StoryFiles {
        slug: slug.to_string(),
        dir,
        refused: None,
        story: None,
        sidecars: [None, None, None],
        articles: None,
        ignored: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("site.yaml"), "title: t\n").unwrap();
        fs::create_dir_all(root.join("content/stories/s/articles")).unwrap();
        fs::write(root.join("content/stories/s/story.md"), "---\n").unwrap();
        fs::write(root.join("content/stories/s/quotes.yaml"), "[]").unwrap();
        fs::write(root.join("content/stories/s/articles/a.md"), "a").unwrap();
        fs::write(root.join("content/stories/s/articles/b.pdf"), "b").unwrap();
        fs::create_dir_all(root.join("themes/t/templates/partials")).unwrap();
        fs::write(root.join("themes/t/templates/partials/x.html"), "x").unwrap();
        dir
    }

    #[test]
    fn reads_the_layout() {
        let dir = site();
        let files = read_site(dir.path());
        assert_eq!(files.config.text(), Some("title: t\n"));
        assert!(files.sources.is_none());
        let story = &files.stories.as_ref().unwrap()["s"];
        assert_eq!(story.dir, "content/stories/s");
        assert!(story.sidecars[0].is_none());
        assert_eq!(story.sidecars[1].as_ref().unwrap().text(), Some("[]"));
        let articles = story.articles.as_ref().unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].path, "content/stories/s/articles/a.md");
        assert_eq!(story.ignored, ["content/stories/s/articles/b.pdf"]);
        assert_eq!(
            files.text("content/stories/s/articles/a.md"),
            Some("a"),
            "diagnostics find the text of any file"
        );
        let theme = read_theme(dir.path(), "t");
        assert_eq!(theme.problem, None);
        assert_eq!(theme.layers[1].origin, LayerOrigin::Disk);
        assert_eq!(theme.layers[1].templates[0].0, "partials/x.html");
        assert!(matches!(
            read_theme(dir.path(), "nope").problem,
            Some(ThemeProblem::NotFound {
                wanted_by: None,
                ..
            })
        ));
        assert_eq!(read_story(dir.path(), "s").as_ref(), Some(story));
        assert_eq!(read_story(dir.path(), "gone"), None);
    }

    #[test]
    fn reads_the_sites_static_folder_with_its_own_size_limit() {
        let dir = site();
        let root = dir.path();
        assert!(
            read_site(root).static_files.is_empty(),
            "no folder, no files"
        );
        fs::create_dir_all(root.join("static/img")).unwrap();
        fs::write(root.join("static/CNAME"), "news.example.org\n").unwrap();
        fs::write(root.join("static/img/logo.png"), [0x89, b'P', b'N', b'G']).unwrap();
        let big = fs::File::create(root.join("static/big.bin")).unwrap();
        big.set_len(MAX_FILE_BYTES + 1).unwrap();
        let files = read_site(root);
        let names: Vec<&str> = files.static_files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["CNAME", "big.bin", "img/logo.png"]);
        assert_eq!(files.static_files[0].1.path, "static/CNAME");
        assert_eq!(
            files.static_files[2].1.content.as_deref(),
            Ok(&[0x89, b'P', b'N', b'G'][..])
        );
        assert!(
            files.static_files[1].1.content.is_ok(),
            "larger than a content file may be, but copied all the same"
        );
        assert_eq!(read_settings(root).0.static_files, files.static_files);
        assert_eq!(read_static(root), files.static_files);
    }

    #[test]
    fn a_static_folder_that_links_out_of_the_site_is_refused() {
        let dir = site();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("id_rsa"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("static")).unwrap();
        let files = read_static(dir.path());
        assert_eq!(files.len(), 1);
        assert!(matches!(files[0].1.content, Err(ReadError::OutsideSite(_))));
    }

    #[test]
    fn missing_config_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let files = read_site(dir.path());
        assert!(matches!(files.config.content, Err(ReadError::Io(_))));
        assert!(files.stories.is_none());
    }

    #[test]
    fn links_out_of_the_site_are_refused_and_links_inside_are_followed() {
        let dir = site();
        let root = dir.path();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let articles = root.join("content/stories/s/articles");
        std::os::unix::fs::symlink(outside.path().join("secret.md"), articles.join("leak.md"))
            .unwrap();
        std::os::unix::fs::symlink(articles.join("a.md"), articles.join("inside.md")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/stories/away")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("themes/t/static")).unwrap();
        let files = read_site(root);
        let stories = files.stories.as_ref().unwrap();
        let s = stories["s"].articles.as_ref().unwrap();
        let leak = s.iter().find(|f| f.path.ends_with("leak.md")).unwrap();
        assert!(matches!(&leak.content, Err(ReadError::OutsideSite(_))));
        let inside = s.iter().find(|f| f.path.ends_with("inside.md")).unwrap();
        assert_eq!(inside.text(), Some("a"));
        assert!(stories["away"].refused.is_some());
        assert!(stories["away"].story.is_none(), "nothing in it is read");
        let theme = read_theme(root, "t");
        let statics: Vec<&File> = theme.static_files().collect();
        assert_eq!(statics.len(), 1);
        assert!(matches!(statics[0].content, Err(ReadError::OutsideSite(_))));
    }

    #[test]
    fn a_link_that_leads_nowhere_is_no_file_and_a_linked_story_folder_is_read() {
        let dir = site();
        let root = dir.path();
        let story = root.join("content/stories/s");
        std::os::unix::fs::symlink(story.join("gone.yaml"), story.join("timeline.yaml")).unwrap();
        std::os::unix::fs::symlink(&story, root.join("content/stories/again")).unwrap();
        fs::create_dir(story.join("articles/folder.md")).unwrap();
        let files = read_site(root);
        let stories = files.stories.as_ref().unwrap();
        let timeline = Sidecar::ALL
            .iter()
            .position(|s| s.file_name() == "timeline.yaml")
            .unwrap();
        assert!(stories["s"].sidecars[timeline].is_none());
        let again = stories["again"].articles.as_ref().unwrap();
        assert_eq!(
            again.len(),
            1,
            "the folder named like an article is not one"
        );
        assert_eq!(again[0].text(), Some("a"));
    }

    #[test]
    fn a_theme_is_read_with_the_sites_templates_over_it_and_the_themes_it_extends_below() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("templates/partials")).unwrap();
        fs::write(root.join("templates/partials/x.html"), "mine").unwrap();
        fs::create_dir_all(root.join("themes/mine/templates")).unwrap();
        fs::write(root.join("themes/mine/theme.yaml"), "extends: broadsheet\n").unwrap();
        let theme = read_theme(root, "mine");
        let layers: Vec<(&str, LayerOrigin, &str)> = theme
            .layers
            .iter()
            .map(|l| (l.name.as_str(), l.origin, l.dir.as_str()))
            .collect();
        assert_eq!(
            layers,
            [
                ("mine", LayerOrigin::Site, "."),
                ("mine", LayerOrigin::Disk, "themes/mine"),
                (
                    "broadsheet",
                    LayerOrigin::BuiltIn,
                    "(built-in)/themes/broadsheet"
                ),
                ("default", LayerOrigin::BuiltIn, "(built-in)/themes/default"),
            ]
        );
        assert_eq!(theme.problem, None);
        assert_eq!(
            theme.layers[0].templates[0].1.path,
            "templates/partials/x.html"
        );
        assert!(theme.uses_folder("mine") && !theme.uses_folder("default"));

        // A folder of a built-in theme's name takes its place whole.
        fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        let theme = read_theme(root, "default");
        assert_eq!(theme.layers.len(), 2);
        assert_eq!(theme.layers[1].origin, LayerOrigin::Disk);
        assert!(
            theme.layers[1].static_files.is_empty(),
            "nothing taken from the built-in one"
        );

        fs::write(root.join("themes/mine/theme.yaml"), "extends: nope\n").unwrap();
        assert_eq!(
            read_theme(root, "mine").problem,
            Some(ThemeProblem::NotFound {
                name: "nope".into(),
                wanted_by: Some("mine".into())
            })
        );
        fs::create_dir_all(root.join("themes/other")).unwrap();
        fs::write(root.join("themes/other/theme.yaml"), "extends: mine\n").unwrap();
        fs::write(root.join("themes/mine/theme.yaml"), "extends: other\n").unwrap();
        assert_eq!(
            read_theme(root, "mine").problem,
            Some(ThemeProblem::Circle(vec![
                "mine".into(),
                "other".into(),
                "mine".into()
            ]))
        );
    }

    #[test]
    fn a_content_folder_out_of_the_site_refuses_every_story_and_reads_none() {
        let outside = site();
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.yaml"), "title: t\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("content"), dir.path().join("content"))
            .unwrap();
        let files = read_site(dir.path());
        let story = &files.stories.as_ref().unwrap()["s"];
        assert!(story.refused.is_some());
        assert!(story.story.is_none() && story.articles.is_none());
        assert_eq!(read_story(dir.path(), "s").as_ref(), Some(story));
        assert!(matches!(
            files.sources.map(|f| f.content),
            None | Some(Err(ReadError::OutsideSite(_)))
        ));
    }
}

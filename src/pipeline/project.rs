//! A site kept in memory and rebuilt piece by piece: what `digest serve` previews.
//!
//! A [`Project`] is a site kept in memory, stage by stage: the files read ([`load::read`]), the
//! site-wide settings and outlets, and for each story its parsed model, its verification and
//! its rendered output. [`Project::open`] builds everything once; [`Project::update`] takes the
//! paths that changed on disk and re-runs only what they can affect: one story's files re-read,
//! re-parse, re-verify and re-render that story and the site-wide files its output feeds;
//! `site.yaml` or `sources.yaml` rebuild everything; a template change re-renders the pages
//! that use the template from what is already verified, and a stylesheet is copied alone. The
//! result is the same as a clean build of the edited site, pages and diagnostics alike (tested
//! in `tests/rebuild.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::site::{LoadedSite, load_site};
use super::{BuildOptions, stages};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{
    CONFIG_FILE, CONTENT_DIR, I18N_DIR, INTRO_FILE, SOURCES_FILE, STATIC_DIR, STORIES_DIR,
    TEMPLATES_DIR, THEMES_DIR,
};
use crate::load::config::SiteConfig;
use crate::load::files::{SiteFiles, ThemeFiles};
use crate::load::read;
use crate::load::theme::Theme;
use crate::load::{Site, Story};
use crate::render::context::PageKind;
use crate::render::{Pages, Renderer, SitePart, StoryListing, StoryOutput, templates, urls};
use crate::verify::VerifiedStory;

/// A change on disk, in terms of what it can affect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// `site.yaml`: everything may change, the theme included.
    Config,
    /// `content/sources.yaml`: every story is parsed and checked against the outlets.
    Sources,
    /// `content/index.md`: the home page only.
    Intro,
    /// Anything under `content/stories/<slug>/` (the folder itself too).
    Story(String),
    /// The list of story folders (`content/stories` itself).
    Stories,
    /// Anything under the folder of the active theme or of a theme it extends, or under the
    /// site's own `templates/`.
    Theme,
    /// Anything under the site's `static/` folder (the folder itself too): the static files
    /// only.
    Static,
    /// The site's own translation files (`i18n/`): every page's labels.
    Translations,
}

/// Where changed paths are in a site, for a burst of them: the root as given and as the file
/// system resolves it (watchers report resolved paths), worked out once.
pub struct SitePaths {
    given: PathBuf,
    real: PathBuf,
    /// The active theme and the themes it extends.
    themes: Vec<String>,
}

impl SitePaths {
    /// The site at `root` (absolute, or relative to the working directory) with the theme
    /// `themes[0]`, which extends the rest.
    pub fn new(root: &Path, themes: &[String]) -> SitePaths {
        let given = if root.is_absolute() {
            root.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(root)
        };
        SitePaths {
            real: std::fs::canonicalize(&given).unwrap_or_else(|_| given.clone()),
            given,
            themes: themes.to_vec(),
        }
    }

    /// What a changed path means for the site; `None` for paths a build does not read (the
    /// output folder, editors' backup and swap files, other themes). The path itself is not
    /// resolved: a link's own name says which story it belongs to, not its target's.
    pub fn change(&self, path: &Path) -> Option<Change> {
        let rel = self.relative(path)?;
        let parts: Vec<&str> = rel.iter().map(String::as_str).collect();
        if parts.last().is_some_and(|name| is_editor_temp_file(name)) {
            return None;
        }
        let joined = parts.join("/");
        match joined.as_str() {
            CONFIG_FILE => return Some(Change::Config),
            SOURCES_FILE => return Some(Change::Sources),
            INTRO_FILE => return Some(Change::Intro),
            CONTENT_DIR | STORIES_DIR => return Some(Change::Stories),
            _ => {}
        }
        if let Some(below) = joined
            .strip_prefix(STORIES_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            let slug = below.split('/').next().unwrap_or(below);
            return Some(Change::Story(slug.to_string()));
        }
        match parts.as_slice() {
            [STATIC_DIR, ..] => Some(Change::Static),
            [I18N_DIR, ..] => Some(Change::Translations),
            [THEMES_DIR] => Some(Change::Theme),
            [THEMES_DIR, name, ..] if self.themes.iter().any(|t| t == name) => Some(Change::Theme),
            [TEMPLATES_DIR, ..] => Some(Change::Theme),
            _ => None,
        }
    }

    /// The changes a burst of paths means.
    pub fn changes<'a>(&self, paths: impl IntoIterator<Item = &'a PathBuf>) -> BTreeSet<Change> {
        paths.into_iter().filter_map(|p| self.change(p)).collect()
    }

    /// The output path of a changed file that is one of the theme's or the site's
    /// stylesheets (`themes/<theme>/static/style.css` or `static/style.css` -> `style.css`).
    pub fn stylesheet(&self, path: &Path) -> Option<String> {
        let rel = self.relative(path)?;
        let below = match rel.as_slice() {
            [themes, theme, static_dir, below @ ..]
                if themes == THEMES_DIR
                    && self.themes.contains(theme)
                    && static_dir == STATIC_DIR =>
            {
                below
            }
            [static_dir, below @ ..] if static_dir == STATIC_DIR => below,
            _ => return None,
        };
        below
            .last()
            .is_some_and(|n| n.ends_with(".css"))
            .then(|| below.join("/"))
    }

    /// `path` below the root, as its components; `None` outside it.
    fn relative(&self, path: &Path) -> Option<Vec<String>> {
        let rel = path
            .strip_prefix(&self.real)
            .or_else(|_| path.strip_prefix(&self.given))
            .ok()?;
        rel.components()
            .map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().to_string()),
                _ => None,
            })
            .collect()
    }
}

/// Editors write these beside the file being saved (vim's `.swp`, `4913` and `~` backups,
/// emacs's `#file#` and `.#file` locks, JetBrains' `___jb_tmp___`, `.DS_Store`); reacting to
/// them would rebuild twice per save, or forever.
fn is_editor_temp_file(name: &str) -> bool {
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
        || name == ".DS_Store"
}

/// One story at every stage. A stage that could not run (errors earlier) is `None`.
struct StoryState {
    story: Option<Story>,
    verified: Option<VerifiedStory>,
    /// Parsing and verification problems.
    diagnostics: Diagnostics,
    /// Rendered when the story is on the site (not a left-out draft) and has no errors.
    output: Option<Arc<StoryOutput>>,
}

/// Parses and verifies one story (not yet rendered).
fn parse_and_verify(site: &Site, files: &crate::load::files::StoryFiles) -> StoryState {
    let (story, verified, diagnostics) = stages::parse_and_verify(site, files);
    StoryState {
        story,
        verified,
        diagnostics,
        output: None,
    }
}

/// A site in memory, kept up to date by [`Project::update`].
pub struct Project {
    root: PathBuf,
    options: BuildOptions,
    files: SiteFiles,
    theme_files: Option<ThemeFiles>,
    /// `None` when site.yaml could not be read.
    site: Option<Site>,
    /// site.yaml, sources.yaml, index.md and `--base-url` problems.
    site_diagnostics: Diagnostics,
    /// The theme the renderer was compiled from (to tell which pages a theme edit affects).
    theme: Option<Theme>,
    renderer: Option<Renderer>,
    /// Theme and template problems.
    theme_diagnostics: Diagnostics,
    stories: BTreeMap<String, StoryState>,
    site_pages: BTreeMap<SitePart, (Arc<Pages>, Diagnostics)>,
}

/// What [`Project::update`] did, for the server's log and its choice of reload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Stories parsed, verified and rendered again.
    pub stories: Vec<String>,
    /// Whether the theme was compiled again (the pages that use a changed template, and the
    /// static files, rendered again).
    pub theme: bool,
    /// Whether everything was read and built again.
    pub everything: bool,
    /// Site-wide groups of files rendered again.
    pub site_parts: Vec<SitePart>,
}

impl Rebuilt {
    /// True when the change affected nothing that is built.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty() && !self.theme && !self.everything && self.site_parts.is_empty()
    }
}

impl Project {
    /// Reads the site at `root` and builds it.
    pub fn open(root: &Path, options: BuildOptions) -> Project {
        let LoadedSite {
            mut files,
            slugs,
            site,
            diagnostics,
            ..
        } = load_site(root, &options);
        // A preview keeps every story's files, to re-read only the ones that change.
        files.stories = slugs.map(|slugs| {
            slugs
                .iter()
                .filter_map(|slug| Some((slug.clone(), read::read_story(root, slug)?)))
                .collect()
        });
        let mut project = Project {
            root: files.root.clone(),
            options,
            files,
            theme_files: None,
            theme: None,
            site,
            site_diagnostics: diagnostics,
            renderer: None,
            theme_diagnostics: Diagnostics::new(),
            stories: BTreeMap::new(),
            site_pages: BTreeMap::new(),
        };
        if let Some(site) = &project.site {
            project.theme_files = Some(read::read_theme(root, &site.config.theme));
        }
        project.compile_theme();
        let slugs: Vec<String> = project
            .files
            .stories
            .iter()
            .flat_map(|s| s.keys().cloned())
            .collect();
        project.build_stories(&slugs);
        project.render_site_parts(&SitePart::ALL);
        project
    }

    /// The site's folder, as given to [`Project::open`].
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// The settings in force (`None` when site.yaml could not be read).
    pub fn config(&self) -> Option<&SiteConfig> {
        self.site.as_ref().map(|s| &s.config)
    }

    /// The active theme's name.
    pub fn theme_name(&self) -> Option<&str> {
        self.config().map(|c| c.theme.as_str())
    }

    /// The active theme and the themes it extends, as far as they were found (the default
    /// theme when site.yaml could not be read).
    pub fn theme_chain(&self) -> Vec<String> {
        let read: Vec<String> = self
            .theme_files
            .iter()
            .flat_map(|t| t.layers.iter().skip(1).map(|l| l.name.clone()))
            .collect();
        if read.is_empty() {
            vec![self.theme_name().unwrap_or("default").to_string()]
        } else {
            read
        }
    }

    /// The parsed stories, in folder order (those that could be parsed).
    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.stories.values().filter_map(|s| s.story.as_ref())
    }

    /// Whether the story is on the site (drafts only with `--drafts`).
    fn published(&self, story: &Story) -> bool {
        self.options.drafts || !story.draft
    }

    fn strict(&self) -> bool {
        self.options.warnings_are_errors(self.config())
    }

    /// Every problem of the site, in the order a clean build finds them (`sorted()` for
    /// printing); with `--strict`, warnings are errors.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.site_diagnostics.clone();
        all.extend(self.theme_diagnostics.clone());
        for state in self.stories.values() {
            all.extend(state.diagnostics.clone());
            if let Some(output) = &state.output {
                all.extend(output.diagnostics.clone());
            }
        }
        for (_, problems) in self.site_pages.values() {
            all.extend(problems.clone());
        }
        if self.strict() {
            all.promote_warnings();
        }
        all
    }

    /// The text of a site file, for quoting its lines in diagnostics.
    pub fn source_text(&self, file: &str) -> Option<&str> {
        self.files
            .text(file)
            .or_else(|| self.theme_files.as_ref()?.text(file))
    }

    /// Renders a diagnostic with the line it points at.
    pub fn render_diagnostic(&self, diagnostic: &Diagnostic) -> String {
        crate::diagnostics::render(diagnostic, self.source_text(&diagnostic.file))
    }

    /// The site as it would be written: every story's files and the site-wide ones. `None`
    /// when the site has errors (nothing must be published then).
    pub fn output(&self) -> Option<SiteOutput> {
        if self.diagnostics().has_errors() || self.site.is_none() || self.renderer.is_none() {
            return None;
        }
        Some(self.assemble())
    }

    /// What is rendered, errors or not.
    fn assemble(&self) -> SiteOutput {
        SiteOutput(Arc::new(Built {
            site: self.site_pages.values().map(|(p, _)| p.clone()).collect(),
            stories: self
                .stories
                .iter()
                .filter_map(|(slug, s)| Some((slug.clone(), s.output.clone()?)))
                .collect(),
        }))
    }

    /// Every file rendered so far, errors or not: the pages of the stories without errors and
    /// the site-wide files made from them. For tests and tools that compare builds; what may
    /// be published is [`Project::output`], which is `None` while there are errors.
    pub fn rendered(&self) -> Pages {
        self.assemble().to_pages()
    }

    /// Applies changes on disk: re-reads what they name, then rebuilds what that can affect.
    /// Changes come in bursts (a `git checkout` touches the settings, a template and stories
    /// at once), so everything is read before anything is rebuilt.
    pub fn update(&mut self, changes: &BTreeSet<Change>) -> Rebuilt {
        if changes.contains(&Change::Config) && read::read_config(&self.root) != self.files.config {
            *self = Project::open(&self.root.clone(), self.options.clone());
            return Rebuilt {
                everything: true,
                site_parts: SitePart::ALL.to_vec(),
                ..Rebuilt::default()
            };
        }
        let mut rebuilt = Rebuilt::default();
        let mut site_changed = false;
        let mut sources_changed = false;
        if changes.contains(&Change::Sources) || changes.contains(&Change::Intro) {
            let sources = read::read_site_file(&self.root, SOURCES_FILE);
            let intro = read::read_site_file(&self.root, INTRO_FILE);
            sources_changed = sources != self.files.sources;
            site_changed = sources_changed || intro != self.files.intro;
            self.files.sources = sources;
            self.files.intro = intro;
        }
        let mut theme_changed = false;
        if changes.contains(&Change::Theme)
            && let Some(name) = self.theme_name().map(str::to_string)
        {
            let fresh = read::read_theme(&self.root, &name);
            theme_changed = self.theme_files.as_ref() != Some(&fresh);
            self.theme_files = Some(fresh);
        }
        if changes.contains(&Change::Translations) {
            let fresh = read::read_translations(&self.root);
            // Labels are the theme's business: compiled again with it (every page).
            theme_changed |= fresh != self.files.translations;
            self.files.translations = fresh;
        }
        let (changed_stories, stories_folder_changed) = self.read_changed_stories(changes);
        site_changed |= stories_folder_changed;
        let mut static_changed = false;
        if changes.contains(&Change::Static) {
            let fresh = read::read_static(&self.root);
            static_changed = fresh != self.files.static_files;
            self.files.static_files = fresh;
        }

        if site_changed || static_changed {
            // The static files are part of the site (`Site::static_files`).
            self.parse_site();
        }
        let mut pages_changed = ThemeEffect::default();
        if theme_changed {
            pages_changed = self.recompile_theme();
            rebuilt.theme = true;
        }
        if sources_changed || pages_changed.stories {
            // Every story is parsed against the outlets; every story uses the story and
            // article templates.
            let known: Vec<String> = self.stories.keys().cloned().collect();
            let (to_build, to_render): (Vec<String>, Vec<String>) = known
                .into_iter()
                .partition(|slug| sources_changed || changed_stories.contains(slug));
            let new = changed_stories.iter().filter(|s| !to_build.contains(s));
            let to_build: Vec<String> = to_build.iter().chain(new).cloned().collect();
            self.build_stories(&to_build);
            self.render_stories(&to_render);
            rebuilt.everything = sources_changed;
            rebuilt.stories = if sources_changed {
                Vec::new()
            } else {
                changed_stories
            };
            rebuilt.site_parts = SitePart::ALL.to_vec();
            self.render_site_parts(&SitePart::ALL);
            return rebuilt;
        }
        let mut parts: BTreeSet<SitePart> = BTreeSet::new();
        let before: Vec<Option<Arc<StoryOutput>>> = changed_stories
            .iter()
            .map(|slug| self.stories.get(slug).and_then(|s| s.output.clone()))
            .collect();
        self.build_stories(&changed_stories);
        for (slug, before) in changed_stories.into_iter().zip(before) {
            let after = self.stories.get(&slug).and_then(|s| s.output.clone());
            parts.extend(SitePart::affected_by(
                before.as_deref().map(|o| &o.listing),
                after.as_deref().map(|o| &o.listing),
            ));
            rebuilt.stories.push(slug);
        }
        if site_changed {
            parts.insert(SitePart::Home);
        }
        if static_changed {
            parts.insert(SitePart::Fixed);
        }
        parts.extend(pages_changed.site_parts);
        let parts: Vec<SitePart> = parts.into_iter().collect();
        self.render_site_parts(&parts);
        rebuilt.site_parts = parts;
        rebuilt
    }

    /// Re-reads the story folders the changes name (and, when the list of folders may have
    /// changed, the ones that came or went) into memory; returns the folders whose files
    /// differ, and whether `content/stories` itself came or went.
    fn read_changed_stories(&mut self, changes: &BTreeSet<Change>) -> (Vec<String>, bool) {
        let mut slugs: BTreeSet<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Story(slug) => Some(slug.clone()),
                _ => None,
            })
            .collect();
        let mut folder_changed = false;
        if changes.contains(&Change::Stories) {
            let listed = read::list_stories(&self.root);
            if listed.is_some() != self.files.stories.is_some() {
                // The folder itself came or went (a warning of the site's comes or goes).
                self.files.stories = listed.as_ref().map(|_| BTreeMap::new());
                folder_changed = true;
            }
            let listed = listed.unwrap_or_default();
            let known: BTreeSet<String> = self.stories.keys().cloned().collect();
            slugs.extend(listed.symmetric_difference(&known).cloned());
        }
        let mut changed = Vec::new();
        for slug in slugs {
            let fresh = read::read_story(&self.root, &slug);
            let known = self.files.stories.as_ref().and_then(|s| s.get(&slug));
            if fresh.as_ref() == known {
                continue;
            }
            match fresh {
                Some(files) => {
                    self.files
                        .stories
                        .get_or_insert_with(BTreeMap::new)
                        .insert(slug.clone(), files);
                }
                None => {
                    if let Some(stories) = &mut self.files.stories {
                        stories.remove(&slug);
                    }
                }
            }
            changed.push(slug);
        }
        (changed, folder_changed)
    }

    fn parse_site(&mut self) {
        (self.site, self.site_diagnostics) = stages::parse_site(&self.files, &self.options);
    }

    /// Compiles the theme again after an edit and tells which pages it can change: only the
    /// pages whose templates (or the templates they use) changed; the 404 page, the static
    /// files and the code stylesheet always. Any doubt (a theme that did not compile before or
    /// does not now) means every page.
    fn recompile_theme(&mut self) -> ThemeEffect {
        let before = self.theme.take().filter(|_| self.renderer.is_some());
        let labels_before = self.renderer.as_ref().map(|r| r.translations().clone());
        self.compile_theme();
        let everything = ThemeEffect {
            stories: true,
            site_parts: SitePart::ALL.to_vec(),
        };
        let (Some(old), Some(new), Some(renderer)) = (&before, &self.theme, &self.renderer) else {
            return everything;
        };
        // A label can be on any page, the feeds and the search files included.
        if labels_before.as_ref() != Some(renderer.translations()) {
            return everything;
        }
        let affected = templates::affected_pages(
            old,
            new,
            &[
                PageKind::Story.template(),
                PageKind::Article.template(),
                PageKind::Index.template(),
                PageKind::Outlet.template(),
            ],
        );
        let uses = |kind: PageKind| affected.contains(&kind.template());
        let mut site_parts = vec![SitePart::Fixed];
        if uses(PageKind::Index) {
            site_parts.push(SitePart::Home);
        }
        if uses(PageKind::Outlet) {
            site_parts.push(SitePart::Outlets);
        }
        ThemeEffect {
            stories: uses(PageKind::Story) || uses(PageKind::Article),
            site_parts,
        }
    }

    fn compile_theme(&mut self) {
        let compiled = stages::compile_theme(
            self.theme_files.as_ref(),
            self.site.as_ref().map(|site| (site, &self.files)),
            self.options.render,
        );
        (self.theme, self.renderer, self.theme_diagnostics) = compiled;
    }

    /// Parses, verifies and renders stories from the files in memory, on every core: a story
    /// needs only the site-wide settings and outlets, never another story. A story whose files
    /// are gone is dropped.
    fn build_stories(&mut self, slugs: &[String]) {
        let build = |slug: &String| {
            let state = match (
                &self.site,
                self.files.stories.as_ref().and_then(|s| s.get(slug)),
            ) {
                (Some(site), Some(files)) => {
                    let mut state = parse_and_verify(site, files);
                    state.output = self.rendered_output(&state);
                    Some(state)
                }
                _ => None,
            };
            (slug.clone(), state)
        };
        let built = stages::each_story(slugs, build);
        for (slug, state) in built {
            match state {
                Some(state) => self.stories.insert(slug, state),
                None => self.stories.remove(&slug),
            };
        }
    }

    /// Renders stories again from what is already verified (after a theme edit), on every core.
    fn render_stories(&mut self, slugs: &[String]) {
        let outputs = stages::each_story(slugs, |slug| {
            let state = self.stories.get(slug)?;
            Some((slug.clone(), self.rendered_output(state)))
        });
        for (slug, output) in outputs.into_iter().flatten() {
            if let Some(state) = self.stories.get_mut(&slug) {
                state.output = output;
            }
        }
    }

    /// A story's rendered files, when it belongs on the site and is sound.
    fn rendered_output(&self, state: &StoryState) -> Option<Arc<StoryOutput>> {
        let (site, renderer, story, verified) = (
            self.site.as_ref()?,
            self.renderer.as_ref()?,
            state.story.as_ref()?,
            state.verified.as_ref()?,
        );
        let sound = !state.diagnostics.has_errors() && self.published(story);
        sound.then(|| {
            Arc::new(stages::render_story(
                site,
                renderer,
                story,
                verified,
                &self.options,
            ))
        })
    }

    fn render_site_parts(&mut self, parts: &[SitePart]) {
        let (Some(site), Some(renderer)) = (&self.site, &self.renderer) else {
            self.site_pages.clear();
            return;
        };
        let stories: Vec<&StoryListing> = self
            .stories
            .values()
            .filter_map(|s| Some(&s.output.as_deref()?.listing))
            .collect();
        for &part in parts {
            let (pages, diagnostics) =
                stages::render_site_part(site, renderer, &stories, part, &self.options);
            self.site_pages.insert(part, (Arc::new(pages), diagnostics));
        }
    }
}

/// What a theme edit can change.
#[derive(Debug, Default)]
struct ThemeEffect {
    /// The story and article pages.
    stories: bool,
    site_parts: Vec<SitePart>,
}

/// A built site: the site-wide files and each story's, shared with the project that made
/// them. Cloning it is cheap (the server hands one to every request), and so is making one
/// after a rebuild: no file is copied.
#[derive(Debug, Clone)]
pub struct SiteOutput(Arc<Built>);

#[derive(Debug)]
struct Built {
    /// The site-wide files, by part.
    site: Vec<Arc<Pages>>,
    stories: BTreeMap<String, Arc<StoryOutput>>,
}

impl SiteOutput {
    /// A site made of these files alone (for serving files that no project built).
    pub fn from_pages(pages: Pages) -> SiteOutput {
        SiteOutput(Arc::new(Built {
            site: vec![Arc::new(pages)],
            stories: BTreeMap::new(),
        }))
    }

    /// The file at an output path (`stories/x/index.html`).
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        if let Some(slug) = urls::story_of(path)
            && let Some(bytes) = self
                .0
                .stories
                .get(slug)
                .and_then(|s| s.pages.files.get(path))
        {
            return Some(bytes);
        }
        self.0
            .site
            .iter()
            .find_map(|pages| pages.files.get(path))
            .map(Vec::as_slice)
    }

    /// Every set of files: the site-wide parts, then the stories.
    fn all(&self) -> impl Iterator<Item = &Pages> {
        let stories = self.0.stories.values().map(|s| &s.pages);
        self.0.site.iter().map(|p| p.as_ref()).chain(stories)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.all().map(|p| p.files.len()).sum()
    }

    /// True when the site has no file to serve.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of stories on the site.
    pub fn story_count(&self) -> usize {
        self.0.stories.len()
    }

    /// Every file, by output path.
    pub fn to_pages(&self) -> Pages {
        let mut pages = Pages::default();
        for part in self.all() {
            pages
                .files
                .extend(part.files.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        pages
    }
}

//! Render stage: turns verified stories into pages (output path -> bytes) with the theme's
//! templates. Nothing here reads a file: everything comes from the parsed and verified model.
//!
//! The unit is a story: [`Renderer::render_story`] renders one story's pages and keeps what the
//! site-wide pages need from it ([`StoryOutput`]); [`Renderer::render_site`] renders the home
//! page, outlet pages, feed, sitemap and search index from those outputs. The [`Renderer`]
//! lives as long as the theme does: templates are compiled and syntaxes loaded once.

pub mod context;
#[cfg(test)]
mod context_docs;
mod coverage;
mod data;
mod diff;
mod feed;
mod footnotes;
mod highlight;
mod json_ld;
mod links;
mod lists;
mod markdown;
mod native;
mod pages;
mod roundup;
pub mod search;
mod sitemap;
mod story;
pub(crate) mod templates;
pub mod text_fragment;
pub mod urls;

pub use search::SearchIndexWriter;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::i18n::Translations;
use crate::load::theme::Theme;
use crate::load::{Article, Site, Story, TitleWords};
use crate::primitives::direction::Direction;
use crate::primitives::when::When;
use crate::verify::{Cite, Place, VerifiedStory};
use context::*;
use footnotes::Footnotes;
use highlight::Highlighter;
use markdown::MarkdownRenderer;
use templates::Templates;

/// Rendered files in memory: output path (with `/`, no leading slash) -> contents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pages {
    /// Every file by its output path (`stories/<slug>/index.html`), sorted.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Pages {
    fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// Settings of a render that are not the site's: how it will be viewed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Set by `digest serve` only: pages load its live-reload script (`site.live_reload` in the
    /// templates). Never set in what `digest build` writes.
    pub live_reload: bool,
    /// Set by `digest check` only: a story's pages, where a template or a link can be wrong,
    /// without the contents of its data files (search.json, atom.xml, timeline.json,
    /// annotations.jsonld), which are made from data the check has verified already and would
    /// only be thrown away; their paths stay, for the links to them.
    pub pages_only: bool,
}

/// Where the live-reload script is served from by `digest serve` (never part of a built site).
pub const LIVE_RELOAD_SCRIPT: &str = "/__digest/reload.js";

/// One story, rendered: its own files, and what the site-wide pages need from it.
#[derive(Debug, Clone)]
pub struct StoryOutput {
    /// The story page, its article pages and its data files.
    pub pages: Pages,
    /// Template errors, if any (the pages are then incomplete).
    pub diagnostics: Diagnostics,
    /// What the site-wide pages need from the story, kept once its pages are written.
    pub listing: StoryListing,
}

/// What the site-wide pages (home, outlets, feed, sitemap, search index) need from one story:
/// all of it, so that they can be rendered from listings alone, kept after the story's pages
/// are written (and in `digest build`'s cache) while the pages themselves are not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryListing {
    /// The story's folder name.
    pub slug: String,
    date: When,
    /// The newest date the story's content rests on (see `feed::feed_items`).
    modified: When,
    summary: StorySummary,
    feed_entry: String,
    /// The story's entry in the search index: its order, its search file and its terms
    /// ([`SearchIndexWriter::add`]); empty when the site has no search.
    search_documents: String,
    outlet_articles: ByOutlet<OutletArticle>,
    outlet_record: ByOutlet<RecordEntry>,
    /// Its topics, for the tag pages.
    tags: Vec<crate::load::Tag>,
    /// The output paths of the story's files.
    paths: Vec<String>,
}

/// Entries for the outlet pages, each with the index of its outlet in the site's outlets.
type ByOutlet<T> = Vec<(usize, T)>;

/// The compiled theme: templates, syntax sets, static files and the code stylesheet.
pub struct Renderer {
    templates: Templates,
    highlighter: Highlighter,
    static_files: Vec<(String, Vec<u8>)>,
    syntax_css: String,
    options: RenderOptions,
    /// The theme as templates see it ([`ThemeCtx`]), converted once rather than for every page.
    theme_value: tera::Value,
    /// The optional kinds of page the theme has templates for ([`PageKind::OPTIONAL`]): a
    /// theme made before one of them existed still builds, without it.
    optional_pages: Vec<PageKind>,
    /// The labels in the site's language, and the same as templates see them (`t`).
    translations: Translations,
    labels: tera::Value,
}

impl Renderer {
    /// Compiles the theme's templates and stylesheet; the diagnostics say what is wrong.
    /// `theme_options` are the values of the theme's options (see
    /// [`crate::load::theme::resolve_options`]); `translations` the labels in the site's
    /// language.
    pub fn new(
        theme: &Theme,
        theme_options: serde_json::Map<String, serde_json::Value>,
        translations: Translations,
        options: RenderOptions,
    ) -> Result<Renderer, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let site_direction = Direction::of(&translations.language);
        let templates = Templates::compile(theme, site_direction).map_err(|d| diagnostics.push(d));
        let syntax_css = highlight::stylesheet(&theme.highlight_theme, &theme.highlight_theme_dark)
            .map_err(|message| {
                diagnostics.push(Diagnostic::error(
                    format!("{}/theme.yaml", theme.dir),
                    None,
                    message,
                ))
            });
        let theme_ctx = ThemeCtx {
            name: theme.name.clone(),
            options: theme_options,
            stylesheets: theme.stylesheets.clone(),
        };
        match (templates, syntax_css) {
            (Ok(templates), Ok(syntax_css)) => Ok(Renderer {
                templates,
                highlighter: Highlighter::new(),
                static_files: theme.static_files.clone(),
                syntax_css,
                options,
                theme_value: tera::Value::from_serializable(&theme_ctx),
                optional_pages: PageKind::OPTIONAL
                    .into_iter()
                    .filter(|kind| theme.templates.iter().any(|t| t.name == kind.template()))
                    .collect(),
                labels: tera::Value::from_serializable(&translations),
                translations,
            }),
            _ => Err(diagnostics),
        }
    }

    /// The labels the pages are rendered with.
    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    fn scope<'a>(&'a self, site: &'a Site) -> Scope<'a> {
        let site_ctx = self.site_ctx(site);
        Scope {
            site,
            templates: &self.templates,
            highlighter: &self.highlighter,
            theme_value: &self.theme_value,
            optional_pages: &self.optional_pages,
            t: &self.translations,
            labels: &self.labels,
            site_value: tera::Value::from_serializable(&site_ctx),
            site_ctx,
            dates: Default::default(),
        }
    }

    fn site_ctx(&self, site: &Site) -> SiteCtx {
        let c = &site.config;
        SiteCtx {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            dir: Direction::of(&c.language).attribute().to_string(),
            base_url: c.base_url.clone(),
            base_path: c.base_path.clone(),
            generator: format!("digest {}", env!("CARGO_PKG_VERSION")),
            feed_url: format!("{}{}", c.base_path, urls::FEED),
            live_reload: if self.options.live_reload {
                LIVE_RELOAD_SCRIPT.to_string()
            } else {
                String::new()
            },
            search_url: if c.search {
                self.optional_url(PageKind::Search, c, urls::SEARCH)
            } else {
                String::new()
            },
            archive_url: self.optional_url(PageKind::Archive, c, urls::ARCHIVE),
            tags_url: self.optional_url(PageKind::Tags, c, urls::TAGS),
            sources_url: self.optional_url(PageKind::Sources, c, urls::SOURCES),
        }
    }

    /// The address of an optional page, empty when the theme does not have it.
    fn optional_url(
        &self,
        kind: PageKind,
        c: &crate::load::config::SiteConfig,
        path: &str,
    ) -> String {
        if self.optional_pages.contains(&kind) {
            format!("{}{path}", c.base_path)
        } else {
            String::new()
        }
    }

    /// Renders one story's pages and data files.
    pub fn render_story(&self, site: &Site, story: &Story, vs: &VerifiedStory) -> StoryOutput {
        let scope = self.scope(site);
        let mut pages = Pages::default();
        let mut diagnostics = Diagnostics::new();
        let mut footnotes = Footnotes::new(scope.t.text("source_number"));
        let ctx = scope.story_ctx(story, vs, &mut footnotes);
        let feed = feed::feed_items(&scope, story, vs, &ctx);
        let modified = feed::last_modified(story, &feed);
        scope.story_page_html(
            &mut pages,
            &mut diagnostics,
            scope.story_page(story, vs, &ctx, modified),
            &ctx,
        );
        if scope.has_page(PageKind::Roundup) {
            scope.roundup_page(story, vs, &ctx, &mut pages, &mut diagnostics);
        }
        scope.article_pages(story, vs, &footnotes, &mut pages, &mut diagnostics);
        let data = data::StoryData {
            story,
            verified: vs,
            ctx: &ctx,
            footnotes: &footnotes,
        };
        let mut search_documents = String::new();
        if self.options.pages_only {
            // The pages link to these files: they are there, empty, for the links to be checked.
            for path in data::story_file_paths(&story.slug)
                .into_iter()
                .chain(site.config.feeds.then(|| urls::story_feed(&story.slug)))
                .chain(site.config.search.then(|| urls::search_story(&story.slug)))
            {
                pages.insert(path, Vec::new());
            }
        } else {
            data::add_story_files(&scope, &data, &mut pages);
            if site.config.feeds {
                pages.insert(
                    urls::story_feed(&story.slug),
                    feed::story_feed(&scope, story, &feed),
                );
            }
            if site.config.search {
                let (file, entry) = search::story_search(&scope, &data);
                pages.insert(urls::search_story(&story.slug), file);
                search_documents = entry;
            }
        }
        let (outlet_articles, outlet_record) = scope.outlet_entries(story, vs);
        let listing = StoryListing {
            slug: story.slug.clone(),
            date: story.date,
            modified,
            summary: scope.summary(story, vs),
            feed_entry: feed::feed_entry(&scope, story, &ctx, &feed),
            search_documents,
            outlet_articles,
            outlet_record,
            tags: story.tags.clone(),
            paths: pages.files.keys().cloned().collect(),
        };
        StoryOutput {
            pages,
            diagnostics,
            listing,
        }
    }

    /// Renders every site-wide file from the stories' outputs (given in folder-name order).
    pub fn render_site(&self, site: &Site, stories: &[&StoryListing]) -> (Pages, Diagnostics) {
        let mut pages = Pages::default();
        let mut diagnostics = Diagnostics::new();
        for part in SitePart::ALL {
            let (more, problems) = self.render_site_part(site, stories, part);
            pages.files.extend(more.files);
            diagnostics.extend(problems);
        }
        (pages, diagnostics)
    }

    /// Renders one group of site-wide files. The sitemap lists every page, so it needs the
    /// other parts' paths: it is rendered from `stories` plus the fixed set of site pages.
    pub fn render_site_part(
        &self,
        site: &Site,
        stories: &[&StoryListing],
        part: SitePart,
    ) -> (Pages, Diagnostics) {
        let scope = self.scope(site);
        let mut pages = Pages::default();
        let mut diagnostics = Diagnostics::new();
        match part {
            SitePart::Home => scope.home_pages(stories, &mut pages, &mut diagnostics),
            SitePart::Tags => scope.tag_pages(stories, &mut pages, &mut diagnostics),
            SitePart::Archive => scope.archive_page(stories, &mut pages, &mut diagnostics),
            SitePart::Outlets => {
                scope.sources_page(stories, &mut pages, &mut diagnostics);
                scope.outlet_pages(stories, &mut pages, &mut diagnostics);
            }
            SitePart::Fixed => self.fixed_files(&scope, &mut pages, &mut diagnostics),
            SitePart::Feed => feed::add_feed(&scope, stories, &mut pages),
            SitePart::Sitemap => {
                let paths = scope.site_page_paths(stories);
                sitemap::add_sitemap(&scope, stories, &paths, &mut pages);
            }
            SitePart::SearchIndex if site.config.search => {
                let mut index = SearchIndexWriter::new();
                for s in stories {
                    // The entries are this build's own: they parse.
                    let _ = index.add(&s.search_documents);
                }
                pages.files.extend(index.finish());
            }
            SitePart::SearchIndex => {}
        }
        (pages, diagnostics)
    }
    /// What no story changes: the 404 and search pages, the theme's and the site's static
    /// files, the code stylesheet, `.nojekyll` and robots.txt.
    fn fixed_files(&self, scope: &Scope, pages: &mut Pages, diagnostics: &mut Diagnostics) {
        let not_found = scope.page_ctx(PageSpec::new(
            PageKind::NotFound,
            urls::NOT_FOUND,
            scope.t.text("not_found_title"),
        ));
        scope.page(pages, diagnostics, not_found, &());
        if !scope.site_ctx.search_url.is_empty() {
            let search = scope.page_ctx(PageSpec {
                description: &scope
                    .t
                    .fill("search_description", &[("site", &scope.site.config.title)]),
                ..PageSpec::new(PageKind::Search, urls::SEARCH, scope.t.text("search"))
            });
            let ctx = SearchCtx {
                index_url: scope.url(urls::SEARCH_INDEX),
                labels_json: search::labels_json(scope.t),
            };
            scope.page(pages, diagnostics, search, &ctx);
        }
        for (path, bytes) in &self.static_files {
            pages.insert(path.clone(), bytes.clone());
        }
        // The site's own files replace the theme's of the same name, never a page.
        for (path, bytes) in &scope.site.static_files {
            if urls::is_generated(path) {
                diagnostics.push(static_conflict(path));
            } else {
                pages.insert(path.clone(), bytes.clone());
            }
        }
        pages.insert(urls::SYNTAX_CSS, self.syntax_css.clone());
        pages.insert(urls::NOJEKYLL, "");
        sitemap::add_robots(scope, pages);
    }
}

impl StoryListing {
    /// Newest first; stories of the same date in folder order: the order of every list of
    /// stories (the home page, a topic's pages, the archive, the feeds). Here, beside the
    /// listing, because the list pages and the feeds both need it and neither imports the other
    /// back.
    fn newest_first<'a>(stories: &[&'a StoryListing]) -> Vec<&'a StoryListing> {
        let mut sorted = stories.to_vec();
        sorted.sort_by(|a, b| {
            b.date
                .sort_key()
                .cmp(&a.date.sort_key())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        sorted
    }

    /// The story's entry in the search index, for [`SearchIndexWriter::add`].
    pub fn search_documents(&self) -> &str {
        &self.search_documents
    }

    /// Takes the search entry out, for a build that writes the index from elsewhere and
    /// should not hold every story's entry until the end.
    pub fn take_search_documents(&mut self) -> String {
        std::mem::take(&mut self.search_documents)
    }
}

/// The groups of site-wide files, each rendered from what it alone needs, so that after one
/// story changes only the groups whose inputs changed are rendered again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SitePart {
    /// `index.html` and its later pages: the stories' summaries and the introduction.
    Home,
    /// `tags/`: the topics, each topic's pages and feed.
    Tags,
    /// `archive/`: every story by year and month.
    Archive,
    /// `sources/` and `sources/<outlet>/`: the outlets' articles and records.
    Outlets,
    /// What no story changes: the 404 and search pages, the theme's and the site's static
    /// files, `syntax.css`, `.nojekyll`, robots.txt.
    Fixed,
    /// `atom.xml`
    Feed,
    /// `sitemap.xml`: every page's address.
    Sitemap,
    /// `search-index.json` and its term chunks.
    SearchIndex,
}

impl SitePart {
    /// Every part: what a build renders when everything changed.
    pub const ALL: [SitePart; 8] = [
        SitePart::Home,
        SitePart::Tags,
        SitePart::Archive,
        SitePart::Outlets,
        SitePart::Fixed,
        SitePart::Feed,
        SitePart::Sitemap,
        SitePart::SearchIndex,
    ];

    /// The parts that a story's output going from `old` to `new` changes (`None`: the story is
    /// not on the site, being new, deleted, a draft or broken).
    pub fn affected_by(old: Option<&StoryListing>, new: Option<&StoryListing>) -> Vec<SitePart> {
        let changed = |part: SitePart| match (old, new) {
            (Some(a), Some(b)) => match part {
                SitePart::Home => a.summary != b.summary || a.date != b.date,
                SitePart::Tags => {
                    (!a.tags.is_empty() || !b.tags.is_empty())
                        && (a.tags != b.tags
                            || a.summary != b.summary
                            || a.date != b.date
                            || a.feed_entry != b.feed_entry
                            || a.modified != b.modified)
                }
                SitePart::Archive => a.summary != b.summary || a.date != b.date,
                SitePart::Outlets => {
                    a.outlet_articles != b.outlet_articles || a.outlet_record != b.outlet_record
                }
                SitePart::Fixed => false,
                SitePart::Feed => a.feed_entry != b.feed_entry || a.modified != b.modified,
                SitePart::Sitemap => {
                    a.paths != b.paths || a.modified != b.modified || a.tags != b.tags
                }
                SitePart::SearchIndex => a.search_documents != b.search_documents,
            },
            (None, None) => false,
            _ => part != SitePart::Fixed,
        };
        SitePart::ALL
            .into_iter()
            .filter(|&part| changed(part))
            .collect()
    }
}

/// What one page says about itself, for [`Scope::page_ctx`]. A page names only what it sets
/// and takes the rest from [`PageSpec::new`]: the site's description and language, no
/// breadcrumbs past the home page's, no JSON-LD.
struct PageSpec<'a> {
    kind: PageKind,
    /// The output path (`stories/x/`), from which the page's addresses come.
    path: &'a str,
    title: &'a str,
    /// Empty: the site's description.
    description: &'a str,
    /// The links after the home page's.
    breadcrumbs: Vec<Link>,
    /// The language of `title` when it is an outlet's words in another language than the
    /// site's (an article's headline); `None`: the site's.
    title_language: Option<String>,
    /// Already serialised; empty when the page has none.
    json_ld: String,
}

impl<'a> PageSpec<'a> {
    /// A page with its kind, output path and title, and nothing of its own besides.
    fn new(kind: PageKind, path: &'a str, title: &'a str) -> PageSpec<'a> {
        PageSpec {
            kind,
            path,
            title,
            description: "",
            breadcrumbs: Vec::new(),
            title_language: None,
            json_ld: String::new(),
        }
    }
}

/// What rendering one site needs at hand: its settings and outlets, the compiled theme, and
/// the `site` variable every template sees.
pub(crate) struct Scope<'a> {
    pub site: &'a Site,
    templates: &'a Templates,
    highlighter: &'a Highlighter,
    /// The optional kinds of page the theme has ([`Renderer::optional_pages`]).
    optional_pages: &'a [PageKind],
    /// The labels in the site's language.
    pub t: &'a Translations,
    labels: &'a tera::Value,
    pub site_ctx: SiteCtx,
    /// `site_ctx` and the theme as templates see them, converted once for all the pages.
    site_value: tera::Value,
    theme_value: &'a tera::Value,
    /// Each date as the pages show it, worked out once: a story's pages show an article's date
    /// in its footnotes, its entry, its page and its search entry.
    dates: std::cell::RefCell<std::collections::HashMap<When, DateCtx>>,
}

pub(crate) fn story_path(story: &Story) -> String {
    urls::story(&story.slug)
}

pub(crate) fn article_path(story: &Story, article: &Article) -> String {
    urls::article(&story.slug, &article.id)
}

pub(crate) fn date_ctx(t: &Translations, when: &When) -> DateCtx {
    DateCtx {
        datetime: when.datetime_attr(),
        display: t.date(when),
        precision: when.precision().to_string(),
    }
}

impl Scope<'_> {
    /// The site's direction: its language's.
    pub fn direction(&self) -> Direction {
        Direction::of(&self.site.config.language)
    }

    /// Whether the theme has the template of an optional kind of page.
    fn has_page(&self, kind: PageKind) -> bool {
        self.optional_pages.contains(&kind)
    }

    /// [`date_ctx`] of `when`, in the site's language.
    pub fn date(&self, when: &When) -> DateCtx {
        self.dates
            .borrow_mut()
            .entry(*when)
            .or_insert_with(|| date_ctx(self.t, when))
            .clone()
    }

    /// Site-absolute URL path for an output path (`stories/x/` -> `/repo/stories/x/`).
    pub fn url(&self, path: &str) -> String {
        [self.site_ctx.base_path.as_str(), path].concat()
    }

    pub fn absolute_url(&self, path: &str) -> String {
        [self.site_ctx.base_url.as_str(), path].concat()
    }

    fn markdown(&self, top_heading: u8) -> MarkdownRenderer<'_> {
        MarkdownRenderer {
            highlighter: self.highlighter,
            top_heading,
            direction: self.direction(),
        }
    }

    /// The `page` variable of a page: what `spec` says, and the site's where it says nothing.
    fn page_ctx(&self, spec: PageSpec) -> PageCtx {
        let PageSpec {
            kind,
            path,
            title,
            description,
            breadcrumbs,
            title_language,
            json_ld,
        } = spec;
        let mut crumbs = vec![Link {
            text: self.t.text("home").to_string(),
            url: self.url(""),
        }];
        crumbs.extend(breadcrumbs);
        PageCtx {
            kind,
            title: title.to_string(),
            description: if description.is_empty() {
                self.site_ctx.description.clone()
            } else {
                description.to_string()
            },
            canonical_url: self.absolute_url(path),
            path: self.url(path),
            output: path.to_string(),
            language: self.site.config.language.clone(),
            dir: self.site_ctx.dir.clone(),
            title_language: title_language.unwrap_or_else(|| self.site.config.language.clone()),
            breadcrumbs: if kind == PageKind::Index && path == urls::HOME {
                vec![]
            } else {
                crumbs
            },
            json_ld,
            has_footnotes: false,
            prev_url: String::new(),
            next_url: String::new(),
        }
    }

    fn story_page(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        ctx: &StoryCtx,
        modified: When,
    ) -> PageCtx {
        PageCtx {
            has_footnotes: !ctx.footnotes.is_empty(),
            ..self.page_ctx(PageSpec {
                description: &story.summary,
                json_ld: json_ld::story_json_ld(self, story, vs, ctx, modified),
                ..PageSpec::new(PageKind::Story, &story_path(story), &story.title)
            })
        }
    }

    /// Renders `page` with its template into the page's file; `value` is the page's own data.
    fn page<T: serde::Serialize>(
        &self,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
        page: PageCtx,
        value: &T,
    ) {
        let context = self.context(&page, value);
        self.render_page(pages, diagnostics, &page, &context);
    }

    /// What the template of `page` sees; `value` is the page's own data.
    fn context<T: serde::Serialize>(&self, page: &PageCtx, value: &T) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.site_value.clone());
        context.insert_value("theme", self.theme_value.clone());
        context.insert_value("t", self.labels.clone());
        if let Some(variable) = page.kind.variable() {
            context.insert(variable, value);
        }
        context.insert("page", page);
        context
    }

    fn render_page(
        &self,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
        page: &PageCtx,
        context: &Context,
    ) {
        match self.templates.render(page.kind.template(), context) {
            Ok(html) => pages.insert(urls::file(&page.output), html),
            Err(d) => diagnostics.push(d),
        }
    }

    /// Renders the story page; its source list by [`native::footnotes`] when the theme uses
    /// the built-in partial unchanged.
    fn story_page_html(
        &self,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
        page: PageCtx,
        ctx: &StoryCtx,
    ) {
        let mut context = self.context(&page, ctx);
        if self.templates.native().footnotes && !ctx.footnotes.is_empty() {
            let direction = self.templates.site_direction();
            let html = native::footnotes::footnotes(&ctx.footnotes, self.t, direction);
            context.insert(native::FOOTNOTES_VARIABLE, &html);
        }
        self.render_page(pages, diagnostics, &page, &context);
    }

    /// Renders an article page; its text by [`native::article_text`] when the theme uses the
    /// built-in partial unchanged.
    fn article_page_html(
        &self,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
        page: PageCtx,
        ctx: &ArticleCtx,
    ) {
        let mut context = self.context(&page, ctx);
        if self.templates.native().article_text {
            let direction = self.templates.site_direction();
            let html = native::article_text::article_text(
                &ctx.paragraphs,
                &ctx.language,
                self.t,
                direction,
            );
            context.insert(native::ARTICLE_TEXT_VARIABLE, &html);
        }
        self.render_page(pages, diagnostics, &page, &context);
    }

    pub fn outlet_label(&self, vs: &VerifiedStory, article: usize) -> OutletLabel {
        match vs
            .outlets
            .get(article)
            .copied()
            .flatten()
            .map(|i| &self.site.outlets[i])
        {
            Some(o) => OutletLabel {
                id: o.id.clone(),
                name: o.name.clone(),
                url: self.url(&urls::outlet(&o.id)),
                unnamed: false,
            },
            None => OutletLabel {
                id: String::new(),
                name: self.t.text("unnamed_outlet").to_string(),
                url: String::new(),
                unnamed: true,
            },
        }
    }

    /// The address of the cited words on the article's page (of the article, when the whole
    /// article is cited).
    fn cite_url(&self, story: &Story, cite: &Cite) -> String {
        let a = &story.articles[cite.article];
        let path = article_path(story, a);
        let base = self.site_ctx.base_path.as_str();
        match &cite.passage {
            Some(p) => [base, &path, "#", &place_anchor(a, p.place)].concat(),
            None => [base, &path].concat(),
        }
    }

    /// The language of what pages call an article ([`Article::title`]): the article's for the
    /// outlet's headline, the site's for the editor's title, empty for its file name.
    pub fn title_language(&self, story: &Story, vs: &VerifiedStory, article: usize) -> String {
        match story.articles[article].title_words {
            TitleWords::Outlet => self.article_language(story, vs, article),
            TitleWords::Editor => self.site.config.language.clone(),
            TitleWords::FileName => String::new(),
        }
    }

    /// The language of an article's text: its own `language:`, else its outlet's; empty when
    /// neither says.
    pub fn article_language(&self, story: &Story, vs: &VerifiedStory, article: usize) -> String {
        story.articles[article]
            .language
            .clone()
            .or_else(|| {
                let outlet = vs.outlets.get(article).copied().flatten()?;
                self.site.outlets.get(outlet)?.language.clone()
            })
            .unwrap_or_default()
    }

    fn summary(&self, story: &Story, vs: &VerifiedStory) -> StorySummary {
        let mut outlets: Vec<OutletLabel> = Vec::new();
        for i in 0..story.articles.len() {
            let label = self.outlet_label(vs, i);
            if !outlets.iter().any(|o| o.name == label.name) {
                outlets.push(label);
            }
        }
        StorySummary {
            title: story.title.clone(),
            url: self.url(&story_path(story)),
            date: self.date(&story.date),
            summary: story.summary.clone(),
            outlets,
            article_count: story.articles.len(),
            quote_count: vs.quotes.len(),
            event_count: vs.timeline.len(),
            dispute_count: vs.disputes.len(),
            open_disputes: vs
                .disputes
                .iter()
                .filter(|d| !d.resolved)
                .map(|d| Link {
                    text: d.question.clone(),
                    url: format!(
                        "{}#{}",
                        self.url(&story_path(story)),
                        urls::dispute_anchor(&d.id)
                    ),
                })
                .collect(),
            tags: self.tag_links(&story.tags),
            updated: story.updates.first().map(|u| self.date(&u.date)),
            corrected: story
                .updates
                .iter()
                .any(|u| u.kind == crate::load::UpdateKind::Correction),
        }
    }

    /// A story's tags as links to their pages (without an address when the theme has no
    /// `tag.html`).
    fn tag_links(&self, tags: &[crate::load::Tag]) -> Vec<Link> {
        tags.iter()
            .map(|tag| Link {
                text: tag.label.clone(),
                url: if self.has_page(PageKind::Tag) {
                    self.url(&urls::tag(&tag.slug))
                } else {
                    String::new()
                },
            })
            .collect()
    }
}

/// A file of the site's `static/` folder at a path digest writes itself.
fn static_conflict(path: &str) -> Diagnostic {
    let hint = match path.split_once('/') {
        _ if path == urls::NOJEKYLL => {
            "digest writes .nojekyll into every build itself; delete this copy".to_string()
        }
        Some((folder, _)) => format!(
            "digest writes every file under {folder}/ itself; put the file elsewhere in static/ (e.g. static/files/) and link to it there"
        ),
        None => format!("digest writes {path} itself; rename or delete this file"),
    };
    Diagnostic::error(
        format!("{}/{path}", crate::layout::STATIC_DIR),
        None,
        format!("this file cannot be published: digest writes its own file at {path}"),
    )
    .with_hint(hint)
}

/// The anchor on an article's page of the headline or of a paragraph (by its index).
fn place_anchor(article: &Article, place: Place) -> String {
    match place {
        Place::Headline => urls::HEADLINE_ANCHOR.to_string(),
        Place::Paragraph(i) => {
            urls::paragraph_anchor(article.paragraphs.get(i).map_or(1, |p| p.number))
        }
    }
}

/// The cited words exactly as the article prints them (empty for a whole-article citation).
pub(crate) fn cite_excerpt(story: &Story, cite: &Cite) -> String {
    cite.passage
        .as_ref()
        .and_then(|p| p.words(&story.articles[cite.article]))
        .unwrap_or_default()
        .to_string()
}

fn strip_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(u, _)| u)
}

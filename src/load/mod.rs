//! Load stage: the site's files ([`read`], from disk, once) parsed into typed values with
//! source positions: the site-wide [`Site`], each [`Story`], and the [`theme::Theme`]. Parsing
//! works from the bytes in memory only. Problems are collected, not thrown: one run shows the
//! editor every malformed file at once.

pub mod builtin;
pub mod config;
pub mod files;
pub mod front_matter;
pub mod i18n;
pub mod infer;
pub mod paragraphs;
pub mod read;
pub mod sidecars;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, unknown_id_hint};
use crate::layout::Sidecar;
use crate::primitives::boilerplate::{self, Pattern, normalize_line, parse_pattern};
use crate::primitives::furniture::{self, FurnitureContext};
use crate::primitives::script;
use crate::primitives::slug::slugify;
use crate::primitives::when::{When, parse_when};
use config::SiteConfig;
use files::{File, ReadError, SiteFiles, StoryFiles};
use paragraphs::{FurnitureRules, Paragraph, Removed};
use sidecars::{ArticleFrontMatter, OUTLET_KINDS, OutletEntry, Scalar, StoryFrontMatter};

/// A sidecar may hold at most this many entries: one story page shows them all.
pub const MAX_SIDECAR_ENTRIES: usize = 2_000;

/// An outlet of `content/sources.yaml`, checked: the id is valid, the URL http(s), the
/// patterns compile.
#[derive(Debug, Clone)]
pub struct Outlet {
    /// Its key in sources.yaml (`kyivpost`): what articles' `source:` names, and its page's
    /// address, `sources/<id>/`.
    pub id: String,
    /// As pages show it (`Kyiv Post`), trimmed.
    pub name: String,
    /// Its home page (http or https).
    pub url: Option<String>,
    /// As written (`UA`).
    pub country: Option<String>,
    /// The language it publishes in, the default for its articles'.
    pub language: Option<String>,
    /// One of `newspaper`, `wire`, `broadcaster`, `state-media`, `online`, `blog`, `aggregator` (an
    /// unknown kind is reported, and kept as written).
    pub kind: Option<String>,
    /// One plain sentence about the outlet.
    pub note: Option<String>,
    /// Its lines of page furniture, removed from its articles as well as site.yaml's.
    pub boilerplate: Vec<Pattern>,
    /// Whether digest's built-in furniture rules apply to its articles (`furniture:`, on unless
    /// turned off).
    pub furniture: bool,
}

/// Markdown written by the editor, and where it starts, so citation problems can be located.
#[derive(Debug, Clone)]
pub struct Markdown {
    /// As the editor wrote it, citations and all; empty when there is none.
    pub text: String,
    /// The file it is in, from the site's root (`content/stories/<slug>/story.md`).
    pub file: String,
    /// Where in that file it starts.
    pub origin: Origin,
}

/// Where a [`Markdown`] text starts in its file.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    /// The body of a Markdown file.
    Body {
        /// The 1-based line of the file the text's first line is on.
        first_line: usize,
    },
    /// A YAML scalar at this position (its inner offsets are not tracked).
    Scalar(Option<Position>),
}

impl Markdown {
    /// The position in the file of a byte range of `text`.
    pub fn position_of(&self, range: std::ops::Range<usize>) -> Option<Position> {
        match self.origin {
            Origin::Body { first_line } => {
                let p = Position::of_byte(&self.text, range.start, range.len());
                Some(Position::new(p.line + first_line - 1, p.column, p.len))
            }
            Origin::Scalar(position) => position,
        }
    }
}

/// One story: its `story.md`, articles and sidecars, parsed but not yet checked against each
/// other (that is [`crate::verify`]).
#[derive(Debug)]
pub struct Story {
    /// Folder name; the story's URL is `stories/<slug>/`.
    pub slug: String,
    /// `content/stories/<slug>`
    pub dir: String,
    /// Front matter's `title:`, trimmed.
    pub title: String,
    /// Front matter's `date:`, with the precision it was written with.
    pub date: When,
    /// Front matter's `summary:`, trimmed; empty when there is none.
    pub summary: String,
    /// Front matter's `draft:`: left out of the site unless drafts are asked for.
    pub draft: bool,
    /// The body of `story.md`, below the front matter.
    pub annotation: Markdown,
    /// Sorted by file name.
    pub articles: Vec<Article>,
    /// Ids of article files that exist but could not be loaded (already reported), so
    /// citations of them are not reported a second time.
    pub unreadable_articles: Vec<String>,
    /// `timeline.yaml`, in the order written (the page sorts by date).
    pub timeline: SidecarFile<sidecars::TimelineEntry>,
    /// `quotes.yaml`, in the order written.
    pub quotes: SidecarFile<sidecars::QuoteEntry>,
    /// `disputes.yaml`, in the order written.
    pub disputes: SidecarFile<sidecars::DisputeEntry>,
    /// Its topics, each once, in the order the editor wrote them.
    pub tags: Vec<Tag>,
    /// What changed since it was published, newest first.
    pub updates: Vec<Update>,
}

/// A story's topic.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    /// The tag's address: `tags/<slug>/` (see [`crate::primitives::slug::slugify`]).
    pub slug: String,
    /// How pages show it: site.yaml's label, else the tag as the story writes it.
    pub label: String,
}

/// A change to a story after it was published.
#[derive(Debug, Clone)]
pub struct Update {
    /// Known at least to the day, never before the story's date nor after the build.
    pub date: When,
    /// `kind:`; an update when not given.
    pub kind: UpdateKind,
    /// What changed; empty for an update that says nothing more (never for a correction).
    pub note: Markdown,
}

/// An update's `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UpdateKind {
    /// Something was added or changed: news since, a new source.
    Update,
    /// Something the story said was wrong; the page says so in a box, and the story gets a
    /// "Corrected" badge and a JSON-LD `correction`.
    Correction,
}

/// The entries of one optional sidecar file (empty when the file does not exist).
#[derive(Debug)]
pub struct SidecarFile<T> {
    /// Its path from the site's root (`content/stories/<slug>/quotes.yaml`), whether or not
    /// it exists: messages name it.
    pub file: String,
    /// In the order written; empty when the file is missing, blank, does not parse, or has
    /// more than [`MAX_SIDECAR_ENTRIES`] (each of the last two is reported).
    pub entries: Vec<T>,
    /// The file is there but could not be read (it does not parse, or is too long): what
    /// other files say about its entries cannot be checked, and is not reported as wrong.
    pub unreadable: bool,
}

/// Whose words an article's title is: that decides the language it is tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleWords {
    /// The outlet's headline, in the article's language.
    Outlet,
    /// The editor's title, in the site's language.
    Editor,
    /// No title was given or found: the title is the article's id.
    FileName,
}

/// What an article's front matter (or its inferred headline) says it is called, sorted into the
/// outlet's words and the editor's. `title:` alone is what sites wrote before `headline:`
/// existed, and meant the outlet's headline; it is still read so, unless its letters are in the
/// site language's script and not in the article's (an English title the editor gave an Arabic
/// copy that had no headline).
fn sort_titles(
    headline: Option<String>,
    title: Option<String>,
    article_language: &str,
    site_language: &str,
) -> (Option<String>, Option<String>) {
    if headline.is_some() {
        return (headline, title);
    }
    let Some(title) = title else {
        return (None, None);
    };
    let differs = !article_language.is_empty() && article_language != site_language;
    let editors = differs
        && script::reads_as_script_of(&title, site_language) == Some(true)
        && script::reads_as_script_of(&title, article_language) == Some(false);
    if editors {
        (None, Some(title))
    } else {
        (Some(title), None)
    }
}

/// What kind of file an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `articles/<id>.md`: front matter, then the text (read as plain paragraphs, not
    /// rendered as Markdown).
    Markdown,
    /// `articles/<id>.txt`: a raw copy from the web; without front matter its outlet, title
    /// and date are inferred from the text.
    Text,
}

/// One outlet's article in a story, its text cut into paragraphs.
#[derive(Debug)]
pub struct Article {
    /// File stem: how the editor cites it.
    pub id: String,
    /// Its path from the site's root (`content/stories/<slug>/articles/<id>.md`).
    pub file: String,
    /// `.md` or `.txt`.
    pub format: Format,
    /// Outlet id as written (or inferred), with its position; resolved by the verify stage.
    pub source: Option<(String, Option<Position>)>,
    /// What pages call the article: its headline, else the editor's title, else the id.
    pub title: String,
    /// Whose words `title` is, and so its language.
    pub title_words: TitleWords,
    /// The outlet's headline (front matter's `headline:`, a `title:` read as one, or the
    /// headline inferred from a copy), in the article's language; citable.
    pub headline: Option<String>,
    /// The editor's own title, in the site's language, when there is one beside the headline
    /// (shown under it) or instead of it (then it is `title`).
    pub editor_title: Option<String>,
    /// Front matter's `description:`, the editor's words about the article.
    pub description: Option<String>,
    /// The original's address (http or https) and where it is written.
    pub url: Option<(String, Option<Position>)>,
    /// When the outlet published it, with the precision it was written (or inferred) with.
    pub published: Option<When>,
    /// Front matter's `author:`.
    pub author: Option<String>,
    /// Front matter's `language:`; when `None`, the outlet's applies.
    pub language: Option<String>,
    /// Front matter's `translated_from:`: the language of the original, when this is a
    /// translation.
    pub translated_from: Option<String>,
    /// Front matter's `note:`, the editor's remarks on this copy (Markdown).
    pub note: Option<String>,
    /// For `.txt` files: what was inferred, as sentences for `digest check` and the article page.
    pub inferred: Vec<String>,
    /// The kept text, numbered: what citations point into. Never empty (an article with no
    /// text is reported and not loaded).
    pub paragraphs: Vec<Paragraph>,
    /// The lines set aside as boilerplate (or as a repeated title), listed on the article page.
    pub removed: Vec<Removed>,
}

/// The site-wide part of a site: settings, outlets and the front page's introduction. Stories
/// are parsed one by one against it ([`parse_story`]), so an edit to one story re-parses only
/// that story.
#[derive(Debug)]
pub struct Site {
    /// The site's folder, as given (`--root`, `.` by default).
    pub root: PathBuf,
    /// `site.yaml`, or default settings when it has errors (already reported).
    pub config: SiteConfig,
    /// Sorted by id.
    pub outlets: Vec<Outlet>,
    /// False when sources.yaml exists but could not be parsed (already reported): unknown
    /// outlet ids are then not worth reporting again.
    pub outlets_complete: bool,
    /// `content/index.md`, the front page's introduction.
    pub intro: Option<Markdown>,
    /// What the built-in furniture rules know of the site: its outlets' names.
    pub furniture: FurnitureContext,
    /// The files of the site's `static/` folder that could be read: path below `static/` (the
    /// output path) and contents.
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// Parses `site.yaml`. `None` only when it could not be read (reported); a site.yaml with
/// errors gives default settings, so the rest of the site is still checked in the same run.
pub fn parse_config(files: &SiteFiles, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let mut loader = Loader { diagnostics };
    let text = match &files.config.content {
        Err(ReadError::Io(err)) => {
            loader.diagnostics.push(
                Diagnostic::error(crate::layout::CONFIG_FILE, None, format!("cannot read site.yaml: {err}"))
                    .with_hint(format!(
                        "run `digest` inside a site folder, pass --root DIR, or create one with `digest init {}`",
                        files.root.display()
                    )),
            );
            return None;
        }
        _ => loader.text(&files.config)?,
    };
    Some(config::parse(text, loader.diagnostics).unwrap_or_else(SiteConfig::fallback))
}

/// Parses the site-wide content (outlets, introduction) with the given settings.
pub fn parse_site(files: &SiteFiles, config: SiteConfig, diagnostics: &mut Diagnostics) -> Site {
    let mut loader = Loader { diagnostics };
    let errors_before = loader.diagnostics.error_count();
    let outlets = files
        .sources
        .as_ref()
        .map_or_else(Vec::new, |f| loader.load_outlets(f));
    let outlets_complete = loader.diagnostics.error_count() == errors_before;
    let intro = files.intro.as_ref().and_then(|f| {
        Some(Markdown {
            text: loader.text(f)?.to_string(),
            file: f.path.clone(),
            origin: Origin::Body { first_line: 1 },
        })
    });
    if files.stories.is_none() {
        loader.diagnostics.push(
            Diagnostic::warning(
                crate::layout::STORIES_DIR,
                None,
                "there is no content/stories folder, so the site has no stories",
            )
            .with_hint("start a story with `digest new story SLUG` (or create content/stories/<story>/story.md), or a whole site with `digest init`"),
        );
    }
    let static_files = files
        .static_files
        .iter()
        .filter_map(|(path, file)| Some((path.clone(), static_bytes(file, loader.diagnostics)?)))
        .collect();
    let furniture = FurnitureContext::new(
        outlets
            .iter()
            .flat_map(|o| [o.name.as_str(), o.id.as_str()]),
    );
    Site {
        root: files.root.clone(),
        config,
        furniture,
        outlets,
        outlets_complete,
        intro,
        static_files,
    }
}

/// A file of the site's `static/` folder: bytes, copied as they are; only why it could not be
/// read is worth reporting.
fn static_bytes(file: &File, diagnostics: &mut Diagnostics) -> Option<Vec<u8>> {
    match &file.content {
        Ok(bytes) => Some(bytes.clone()),
        Err(ReadError::TooLarge(len)) => {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    None,
                    format!(
                        "the file is {:.1} MB; digest copies static files of up to {} MB",
                        *len as f64 / 1_000_000.0,
                        read::MAX_STATIC_BYTES / 1_000_000
                    ),
                )
                .with_hint("GitHub refuses files this large; publish it elsewhere and link to it"),
            );
            None
        }
        Err(_) => {
            file_text(file, diagnostics);
            None
        }
    }
}

/// Parses one story folder. `None` when the folder cannot be a story (reported).
pub fn parse_story(
    site: &Site,
    files: &StoryFiles,
    diagnostics: &mut Diagnostics,
) -> Option<Story> {
    Loader { diagnostics }.load_story(site, files)
}

struct Loader<'d> {
    diagnostics: &'d mut Diagnostics,
}

impl Loader<'_> {
    fn text<'f>(&mut self, file: &'f File) -> Option<&'f str> {
        file_text(file, self.diagnostics)
    }

    fn load_outlets(&mut self, file: &File) -> Vec<Outlet> {
        const FILE: &str = crate::layout::SOURCES_FILE;
        let Some(text) = self.text(file) else {
            return Vec::new();
        };
        let entries: std::collections::BTreeMap<String, OutletEntry> =
            match yaml::parse(FILE, text, 1) {
                Ok(entries) => entries,
                Err(d) => {
                    self.diagnostics.push(d);
                    return Vec::new();
                }
            };
        let mut outlets = Vec::new();
        for (id, entry) in entries {
            let at = yaml::position_of(&entry.name, 1);
            if !valid_id(&id) {
                self.diagnostics.push(
                    Diagnostic::error(FILE, at, format!("outlet id `{id}` may only contain letters, digits, `-` and `_`"))
                        .with_hint("ids appear in URLs and citations; use something like `kyivpost` or `the-guardian`"),
                );
                continue;
            }
            let kind = entry.kind.as_ref().map(|k| k.value.clone());
            if let Some(k) = &entry.kind
                && !OUTLET_KINDS.contains(&k.value.as_str())
            {
                self.diagnostics.push(
                    Diagnostic::error(
                        FILE,
                        yaml::position_of(k, 1),
                        format!("unknown outlet kind `{}`", k.value),
                    )
                    .with_hint(crate::diagnostics::unknown_id_hint(
                        &k.value,
                        OUTLET_KINDS.iter().copied(),
                        "kind",
                    )),
                );
            }
            let url = entry.url.as_ref().and_then(|u| self.check_url(FILE, u, 1));
            let boilerplate = self.patterns(FILE, &entry.boilerplate);
            outlets.push(Outlet {
                id,
                name: entry.name.value.trim().to_string(),
                url,
                country: entry.country,
                language: entry.language,
                kind,
                note: entry.note,
                boilerplate,
                furniture: entry.furniture.unwrap_or(true),
            });
        }
        outlets
    }

    fn patterns(&mut self, file: &str, raw: &[Spanned<String>]) -> Vec<Pattern> {
        let mut patterns = Vec::new();
        for p in raw {
            match parse_pattern(&p.value) {
                Ok(pattern) => patterns.push(pattern),
                Err(message) => {
                    self.diagnostics
                        .push(Diagnostic::error(file, yaml::position_of(p, 1), message))
                }
            }
        }
        patterns
    }

    /// Only http(s) URLs are allowed: a `javascript:` URL in an outlet's page would run.
    fn check_url(
        &mut self,
        file: &str,
        url: &Spanned<String>,
        first_line: usize,
    ) -> Option<String> {
        let value = url.value.trim();
        let lower = value.to_ascii_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && !value.contains(char::is_whitespace)
        {
            Some(value.to_string())
        } else {
            self.diagnostics.push(
                Diagnostic::error(
                    file,
                    yaml::position_of(url, first_line),
                    format!("`{value}` is not an http(s) URL"),
                )
                .with_hint("write the full address, starting with https://"),
            );
            None
        }
    }

    fn load_story(&mut self, site: &Site, files: &StoryFiles) -> Option<Story> {
        let slug = files.slug.clone();
        let dir = files.dir.clone();
        if let Some(target) = &files.refused {
            self.diagnostics.push(refused_link(&dir, target));
            return None;
        }
        if !valid_id(&slug) {
            self.diagnostics.push(
                Diagnostic::error(
                    &dir,
                    None,
                    format!(
                        "story folder name `{slug}` may only contain letters, digits, `-` and `_`"
                    ),
                )
                .with_hint(
                    "the folder name becomes the story's URL; rename it, e.g. `valdai-2024`",
                ),
            );
            return None;
        }
        let offset = site.config.default_offset;
        let story_file = format!("{dir}/story.md");
        let Some(file) = &files.story else {
            self.diagnostics.push(
                Diagnostic::error(&dir, None, "this story folder has no story.md")
                    .with_hint("add story.md with front matter (title, date) and the annotation"),
            );
            return None;
        };
        let text = self.text(file)?;
        let split = match front_matter::split_front_matter(text) {
            Ok(split) => split,
            Err(e) => {
                self.diagnostics.push(Diagnostic::error(
                    &story_file,
                    Some(Position::new(e.line, 1, 3)),
                    e.message,
                ));
                return None;
            }
        };
        let Some(yaml_text) = split.yaml else {
            self.diagnostics.push(
                Diagnostic::error(
                    &story_file,
                    Some(Position::new(1, 1, 1)),
                    "story.md needs front matter with at least `title` and `date`",
                )
                .with_hint(
                    "start the file with:\n---\ntitle: What happened\ndate: 2024-11-07\n---",
                ),
            );
            return None;
        };
        let meta: StoryFrontMatter =
            match yaml::parse(&story_file, yaml_text, split.yaml_first_line) {
                Ok(meta) => meta,
                Err(d) => {
                    self.diagnostics.push(d);
                    return None;
                }
            };
        let date = self.when(&story_file, &meta.date, split.yaml_first_line, offset)?;
        let annotation = Markdown {
            text: split.body.to_string(),
            file: story_file.clone(),
            origin: Origin::Body {
                first_line: split.body_first_line,
            },
        };
        let tags = self.tags(site, &story_file, &meta.tags, split.yaml_first_line);
        let updates = self.updates(
            &story_file,
            meta.updates,
            date,
            split.yaml_first_line,
            offset,
        );
        let (articles, unreadable_articles) = self.load_articles(site, files);
        Some(Story {
            tags,
            updates,
            slug,
            title: meta.title.value.trim().to_string(),
            date,
            summary: meta.summary.unwrap_or_default().trim().to_string(),
            draft: meta.draft,
            annotation,
            articles,
            unreadable_articles,
            timeline: self.sidecar(&dir, files, Sidecar::Timeline),
            quotes: self.sidecar(&dir, files, Sidecar::Quotes),
            disputes: self.sidecar(&dir, files, Sidecar::Disputes),
            dir,
        })
    }

    /// A story's tags, each checked against site.yaml's vocabulary when it has one.
    fn tags(
        &mut self,
        site: &Site,
        file: &str,
        written: &[Spanned<String>],
        first_line: usize,
    ) -> Vec<Tag> {
        let mut tags: Vec<Tag> = Vec::new();
        for tag in written {
            let position = yaml::position_of(tag, first_line);
            let name = tag.value.trim();
            let slug = slugify(name);
            if slug.is_empty() {
                self.diagnostics.push(
                    Diagnostic::error(
                        file,
                        position,
                        format!("the tag `{name}` has no letter or digit to make its address from"),
                    )
                    .with_hint("name the tag with a word, e.g. `ukraine`"),
                );
                continue;
            }
            let label = match &site.config.tags {
                None => name.to_string(),
                Some(known) => match known.get(&slug) {
                    Some(definition) => definition.label.clone(),
                    None => {
                        let names = known.values().map(|d| d.name.as_str());
                        let known = unknown_id_hint(name, names, "tag");
                        let stop = if known.ends_with('?') { "" } else { "." };
                        self.diagnostics.push(
                            Diagnostic::error(file, position, format!("unknown tag `{name}`"))
                                .with_hint(format!(
                                    "{known}{stop} To start a new topic, add `{name}:` under `tags:` in site.yaml"
                                )),
                        );
                        continue;
                    }
                },
            };
            if tags.iter().any(|t| t.slug == slug) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        file,
                        position,
                        format!("the tag `{name}` is listed twice"),
                    )
                    .with_hint("remove the repeated tag"),
                );
                continue;
            }
            tags.push(Tag { slug, label });
        }
        tags
    }

    /// A story's updates, newest first: each dated to the day or closer, between the story's
    /// date and now; a correction says what was wrong.
    fn updates(
        &mut self,
        file: &str,
        written: Vec<sidecars::UpdateEntry>,
        story_date: When,
        first_line: usize,
        offset: FixedOffset,
    ) -> Vec<Update> {
        let mut updates: Vec<Update> = written
            .into_iter()
            .filter_map(|entry| self.update(file, entry, story_date, first_line, offset))
            .collect();
        // Newest first; of the same time, in the editor's order.
        updates.sort_by_key(|u| std::cmp::Reverse(u.date.sort_key()));
        updates
    }

    /// One update; `None` when it has a problem (reported).
    fn update(
        &mut self,
        file: &str,
        entry: sidecars::UpdateEntry,
        story_date: When,
        first_line: usize,
        offset: FixedOffset,
    ) -> Option<Update> {
        let date = self.when(file, &entry.date, first_line, offset)?;
        // Every field is checked, so that all of an entry's problems are reported at once.
        let date_ok = self.check_update_date(file, &entry, date, story_date, first_line);
        let kind = self.update_kind(file, entry.kind.as_ref(), first_line);
        let note_text = entry.note.as_ref().map_or("", |n| n.value.trim());
        let mut note_ok = true;
        if kind == Some(UpdateKind::Correction) && note_text.is_empty() {
            let position = match &entry.note {
                Some(note) => yaml::position_of(note, first_line),
                None => yaml::position_of(&entry.date, first_line),
            };
            self.diagnostics.push(
                Diagnostic::error(file, position, "this correction has no note")
                    .with_hint("say what was wrong and what is right, e.g. `note: An earlier version dated the shooting July 14; it was July 13.`"),
            );
            note_ok = false;
        }
        let kind = kind.filter(|_| date_ok && note_ok)?;
        Some(Update {
            date,
            kind,
            note: Markdown {
                text: note_text.to_string(),
                file: file.to_string(),
                origin: Origin::Scalar(
                    entry
                        .note
                        .as_ref()
                        .and_then(|n| yaml::position_of(n, first_line)),
                ),
            },
        })
    }

    /// Whether an update's date names a day between the story's date and now (reported when
    /// it does not).
    fn check_update_date(
        &mut self,
        file: &str,
        entry: &sidecars::UpdateEntry,
        date: When,
        story_date: When,
        first_line: usize,
    ) -> bool {
        let written_date = entry.date.value.as_text();
        let (message, hint) = if matches!(date, When::Year(_) | When::Month(..)) {
            (
                format!("the update's date `{written_date}` does not say which day"),
                "date an update to the day it was made, e.g. `2024-11-08`",
            )
        } else if date.end_seconds() <= story_date.sort_key().0 {
            (
                format!(
                    "the update is dated {written_date}, before the story itself ({})",
                    story_date.datetime_attr()
                ),
                "an update comes after the story: check the year and month, or the story's `date:`",
            )
        } else if date.sort_key().0 > chrono::Utc::now().timestamp() {
            (
                format!("the update is dated {written_date}, in the future"),
                "date the update on the day it was made (today or earlier)",
            )
        } else {
            return true;
        };
        self.diagnostics.push(
            Diagnostic::error(file, yaml::position_of(&entry.date, first_line), message)
                .with_hint(hint),
        );
        false
    }

    /// An update's `kind:` (an update when not given); `None` when it is unknown (reported).
    fn update_kind(
        &mut self,
        file: &str,
        kind: Option<&Spanned<String>>,
        first_line: usize,
    ) -> Option<UpdateKind> {
        let Some(kind) = kind else {
            return Some(UpdateKind::Update);
        };
        match kind.value.trim() {
            "update" => Some(UpdateKind::Update),
            "correction" => Some(UpdateKind::Correction),
            other => {
                self.diagnostics.push(
                    Diagnostic::error(
                        file,
                        yaml::position_of(kind, first_line),
                        format!("unknown kind of update `{other}`"),
                    )
                    .with_hint(format!(
                        "{} (an update adds to the story; a correction says what it got wrong)",
                        unknown_id_hint(other, sidecars::UPDATE_KINDS.iter().copied(), "kind")
                    )),
                );
                None
            }
        }
    }

    fn when(
        &mut self,
        file: &str,
        value: &Spanned<Scalar>,
        first_line: usize,
        offset: FixedOffset,
    ) -> Option<When> {
        match parse_when(&value.value.as_text(), offset) {
            Ok(when) => Some(when),
            Err(message) => {
                self.diagnostics.push(Diagnostic::error(
                    file,
                    yaml::position_of(value, first_line),
                    message,
                ));
                None
            }
        }
    }

    fn sidecar<T: serde::de::DeserializeOwned>(
        &mut self,
        dir: &str,
        files: &StoryFiles,
        which: Sidecar,
    ) -> SidecarFile<T> {
        let name = which.file_name();
        let file = format!("{dir}/{name}");
        let errors_before = self.diagnostics.error_count();
        let entries = match files.sidecar(which).and_then(|f| self.text(f)) {
            None => Vec::new(),
            Some(text) if text.trim().is_empty() => Vec::new(),
            Some(text) => yaml::parse::<Vec<T>>(&file, text, 1).unwrap_or_else(|d| {
                self.diagnostics.push(d);
                Vec::new()
            }),
        };
        let unreadable = self.diagnostics.error_count() > errors_before;
        if entries.len() > MAX_SIDECAR_ENTRIES {
            self.diagnostics.push(
                Diagnostic::error(
                    &file,
                    None,
                    format!(
                        "{name} has {} entries; a story can show at most {MAX_SIDECAR_ENTRIES}",
                        entries.len()
                    ),
                )
                .with_hint(
                    "keep the entries that matter to this story, or split it into several stories",
                ),
            );
            return SidecarFile {
                file,
                entries: Vec::new(),
                unreadable: true,
            };
        }
        SidecarFile {
            file,
            entries,
            unreadable,
        }
    }

    fn load_articles(&mut self, site: &Site, files: &StoryFiles) -> (Vec<Article>, Vec<String>) {
        for rel in &files.ignored {
            self.diagnostics.push(
                Diagnostic::warning(rel, None, "ignored: articles must be .md or .txt files")
                    .with_hint("rename the file, or move it out of the articles folder"),
            );
        }
        let Some(article_files) = &files.articles else {
            self.diagnostics.push(
                Diagnostic::warning(
                    format!("{}/articles", files.dir),
                    None,
                    "this story has no articles folder",
                )
                .with_hint("put each outlet's article in articles/<id>.md or articles/<id>.txt"),
            );
            return (Vec::new(), Vec::new());
        };
        let mut articles: Vec<Article> = Vec::new();
        let mut unreadable = Vec::new();
        for file in article_files {
            let rel = file.path.clone();
            let (stem, extension) = rel
                .rsplit('/')
                .next()
                .and_then(|name| name.rsplit_once('.'))
                .unwrap_or((rel.as_str(), ""));
            let format = if extension == "txt" {
                Format::Text
            } else {
                Format::Markdown
            };
            let id = stem.to_string();
            if !valid_id(&id) {
                self.diagnostics.push(
                    Diagnostic::error(
                        &rel,
                        None,
                        format!(
                            "article file name `{id}` may only contain letters, digits, `-` and `_`"
                        ),
                    )
                    .with_hint("the file name is the id editors cite as [@id]; rename the file"),
                );
                continue;
            }
            if let Some(other) = articles.iter().find(|a| a.id == id) {
                self.diagnostics.push(
                    Diagnostic::error(
                        &rel,
                        None,
                        format!(
                            "duplicate article id `{id}`: {} has the same name",
                            other.file
                        ),
                    )
                    .with_hint(
                        "keep one of the two files; the id is the file name without its extension",
                    ),
                );
                continue;
            }
            let Some(text) = self.text(file) else {
                unreadable.push(id);
                continue;
            };
            match self.parse_article(site, &rel, id.clone(), format, text) {
                Some(article) => articles.push(article),
                None => unreadable.push(id),
            }
        }
        (articles, unreadable)
    }

    fn parse_article(
        &mut self,
        site: &Site,
        file: &str,
        id: String,
        format: Format,
        text: &str,
    ) -> Option<Article> {
        let (split, meta) = self.article_front_matter(file, text)?;
        let first_line = split.yaml_first_line;
        let mut source = meta
            .source
            .as_ref()
            .map(|s| (s.value.trim().to_string(), yaml::position_of(s, first_line)));
        let trimmed = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
        let mut headline = meta.headline.as_ref().and_then(|h| trimmed(&h.value));
        let title = meta.title.as_deref().and_then(trimmed);
        let mut published = match &meta.published {
            Some(p) => Some(self.when(file, p, first_line, site.config.default_offset)?),
            None => None,
        };
        let mut inferred_notes = Vec::new();
        if let Some(inferred) = what_the_copy_says(site, &id, format, &split, &meta) {
            inferred_notes = inferred.notes;
            source = source.or(inferred.source.map(|s| (s, None)));
            if headline.is_none() && title.is_none() {
                headline = inferred.title.map(|(t, _)| t);
            }
            published = published.or(inferred.published.map(|(w, _)| w));
        }
        let url = meta.url.as_ref().and_then(|u| {
            let checked = self.check_url(file, u, first_line)?;
            Some((checked, yaml::position_of(u, first_line)))
        });
        let outlet_id = source.as_ref().map(|(s, _)| s.as_str());
        let article_language = meta
            .language
            .clone()
            .or_else(|| {
                let outlet = site
                    .outlets
                    .iter()
                    .find(|o| Some(o.id.as_str()) == outlet_id)?;
                outlet.language.clone()
            })
            .unwrap_or_default();
        let (headline, editor_title) =
            sort_titles(headline, title, &article_language, &site.config.language);
        let (body, author, byline_line) = self.article_body(
            site,
            file,
            &split,
            &meta,
            outlet_id,
            headline.as_deref().or(editor_title.as_deref()),
        )?;
        if format == Format::Text
            && let (Some(line), Some(author)) = (byline_line, &author)
        {
            inferred_notes.push(format!("author {author:?} from line {line} (a byline)"));
        }
        let (title, title_words) = match (&headline, &editor_title) {
            (Some(h), _) => (h.clone(), TitleWords::Outlet),
            (None, Some(t)) => (t.clone(), TitleWords::Editor),
            (None, None) => (id.clone(), TitleWords::FileName),
        };
        Some(Article {
            title,
            title_words,
            headline,
            editor_title,
            description: meta
                .description
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
            id,
            file: file.to_string(),
            format,
            source,
            url,
            published,
            author,
            language: meta.language,
            translated_from: meta.translated_from,
            note: meta.note,
            inferred: inferred_notes,
            paragraphs: body.paragraphs,
            removed: body.removed,
        })
    }

    /// An article's text cut into paragraphs and furniture, and its author: front matter's,
    /// else the byline's (with the byline's line). Reports `keep:` entries that match no line, and a text with nothing
    /// left.
    fn article_body(
        &mut self,
        site: &Site,
        file: &str,
        split: &front_matter::Split,
        meta: &ArticleFrontMatter,
        outlet_id: Option<&str>,
        title: Option<&str>,
    ) -> Option<(paragraphs::Body, Option<String>, Option<usize>)> {
        let patterns = boilerplate_for(site, outlet_id);
        let keep: Vec<String> = meta.keep.iter().map(|k| normalize_line(&k.value)).collect();
        let rules = FurnitureRules {
            patterns: &patterns,
            builtin: builtin_furniture(site, outlet_id),
            keep: &keep,
        };
        let body = paragraphs::split_body(split.body, split.body_first_line, title, &rules);
        for &unmatched in &body.unmatched_keep {
            let entry = &meta.keep[unmatched];
            self.diagnostics.push(
                Diagnostic::warning(
                    file,
                    yaml::position_of(entry, split.yaml_first_line),
                    format!("`keep:` lists {:?}, which is no line of the text", entry.value.trim()),
                )
                .with_hint("copy the line as the article page lists it under \"Removed as page furniture\" (case and spacing do not matter), or delete this entry"),
            );
        }
        if body.paragraphs.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(file, None, "the article has no text (every line is empty or removed as page furniture)")
                    .with_hint("paste the article's text below the front matter; a line removed by mistake can be listed under `keep:` in the front matter, or check the boilerplate patterns in sources.yaml"),
            );
            return None;
        }
        // A byline in the text names the author when the front matter does not.
        let (author, byline_line) = match meta.author.clone().filter(|a| !a.trim().is_empty()) {
            Some(author) => (Some(author), None),
            None => match body.byline_author() {
                Some((names, line)) => (Some(names), Some(line)),
                None => (None, None),
            },
        };
        Some((body, author, byline_line))
    }

    /// An article's front matter (empty when it has none) and the split of its text.
    fn article_front_matter<'t>(
        &mut self,
        file: &str,
        text: &'t str,
    ) -> Option<(front_matter::Split<'t>, ArticleFrontMatter)> {
        let split = match front_matter::split_front_matter(text) {
            Ok(split) => split,
            Err(e) => {
                self.diagnostics.push(Diagnostic::error(
                    file,
                    Some(Position::new(e.line, 1, 3)),
                    e.message,
                ));
                return None;
            }
        };
        let meta = match split.yaml {
            Some(yaml_text) => match yaml::parse(file, yaml_text, split.yaml_first_line) {
                Ok(meta) => meta,
                Err(d) => {
                    self.diagnostics.push(d);
                    return None;
                }
            },
            None => ArticleFrontMatter::default(),
        };
        Some((split, meta))
    }
}

/// The furniture patterns that apply to an outlet's articles: the site's, then the outlet's.
pub fn boilerplate_for<'s>(site: &'s Site, source: Option<&str>) -> Vec<&'s Pattern> {
    let outlet = source.and_then(|s| site.outlets.iter().find(|o| o.id == s));
    site.config
        .boilerplate
        .iter()
        .chain(outlet.into_iter().flat_map(|o| o.boilerplate.iter()))
        .collect()
}

/// The built-in furniture rules for an outlet's articles, unless site.yaml or the outlet turned
/// them off.
pub fn builtin_furniture<'s>(site: &'s Site, source: Option<&str>) -> Option<&'s FurnitureContext> {
    let outlet = source.and_then(|s| site.outlets.iter().find(|o| o.id == s));
    let on = site.config.furniture && outlet.is_none_or(|o| o.furniture);
    on.then_some(&site.furniture)
}

/// What a `.txt` copy says about itself ([`infer::infer`]), when its front matter leaves a
/// field to it. Front matter added to a copy (to `keep:` a line, or to correct a date)
/// overrules what the copy says field by field, rather than silencing it.
fn what_the_copy_says(
    site: &Site,
    id: &str,
    format: Format,
    split: &front_matter::Split,
    meta: &ArticleFrontMatter,
) -> Option<infer::Inferred> {
    let leaves_a_field = meta.source.is_none()
        || meta.headline.is_none() && meta.title.is_none()
        || meta.published.is_none();
    if format != Format::Text || !leaves_a_field {
        return None;
    }
    // Blank lines in place of the front matter keep the notes' line numbers the file's.
    let body = format!(
        "{}{}",
        "\n".repeat(split.body_first_line.saturating_sub(1)),
        split.body
    );
    let mut inferred = infer_from_text(site, id, &body);
    inferred.leave_out_notes_about(
        meta.source.is_some(),
        meta.headline.is_some() || meta.title.is_some(),
        meta.published.is_some(),
    );
    Some(inferred)
}

/// What a raw `.txt` copy without front matter says about itself (see [`infer::infer`]).
pub fn infer_from_text(site: &Site, id: &str, body: &str) -> infer::Inferred {
    let ids: Vec<&str> = site.outlets.iter().map(|o| o.id.as_str()).collect();
    // Boilerplate depends on the outlet, which is itself inferred from the file name.
    let guess = infer::source_from_file_stem(id, &ids);
    let patterns = boilerplate_for(site, guess);
    let builtin = builtin_furniture(site, guess);
    // Furniture is no headline: "Share this article" above the title must not become it.
    let is_boilerplate = |line: &str| {
        let normalized = boilerplate::Line::new(line);
        patterns.iter().any(|p| p.matches_line(&normalized))
            || builtin.is_some_and(|context| furniture::classify(line, context).is_some())
    };
    let outlets: Vec<infer::KnownOutlet<'_>> = site
        .outlets
        .iter()
        .map(|o| infer::KnownOutlet {
            id: &o.id,
            name: &o.name,
            slashes: infer::SlashOrder::of(
                o.language.as_deref().unwrap_or(""),
                o.country.as_deref().unwrap_or(""),
            ),
        })
        .collect();
    infer::infer(
        body,
        id,
        &outlets,
        site.config.default_offset,
        &is_boilerplate,
    )
}

/// The file's text, reporting why there is none (unreadable, too large, a link out of the site,
/// not UTF-8).
pub(crate) fn file_text<'f>(file: &'f File, diagnostics: &mut Diagnostics) -> Option<&'f str> {
    let rel = file.path.as_str();
    let bytes = match &file.content {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(len)) => {
            diagnostics.push(
                    Diagnostic::error(
                        rel,
                        None,
                        format!(
                            "the file is {:.1} MB; digest reads content files of up to {} MB",
                            *len as f64 / 1_000_000.0,
                            read::MAX_FILE_BYTES / 1_000_000
                        ),
                    )
                    .with_hint("a news article is rarely over 1 MB: check that this is one article's text, and split or trim it"),
                );
            return None;
        }
        Err(ReadError::Io(err)) => {
            diagnostics.push(Diagnostic::error(
                rel,
                None,
                format!("cannot read the file: {err}"),
            ));
            return None;
        }
        Err(ReadError::OutsideSite(target)) => {
            diagnostics.push(refused_link(rel, target));
            return None;
        }
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
            let position = Position::of_byte(valid, valid.len(), 0);
            diagnostics.push(
                    Diagnostic::error(
                        rel,
                        Some(Position::new(position.line, position.column, 1)),
                        format!("the file is not UTF-8 text (invalid byte at line {}, column {})", position.line, position.column),
                    )
                    .with_hint("save the file as UTF-8 (most editors offer this under \"Save with encoding\"); `iconv -f windows-1252 -t utf-8` converts old files"),
                );
            None
        }
    }
}

/// A symbolic link that leads out of the site: digest publishes only what is inside it.
fn refused_link(rel: &str, target: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        None,
        format!(
            "refused: this is a symbolic link to {}, outside the site's folder",
            target.display()
        ),
    )
    .with_hint("digest publishes only files inside the site; copy the file into the site instead of linking to it")
}

/// Ids become URL path segments and citation keys, so they stay plain.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe() {
        assert!(valid_id("kyivpost"));
        assert!(valid_id("the-guardian_2"));
        assert!(!valid_id("-x"));
        assert!(!valid_id("a b"));
        assert!(!valid_id("ü"));
        assert!(!valid_id(""));
    }
}

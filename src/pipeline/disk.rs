//! `digest build` and `digest check`: the site streamed story by story from `content/` to the
//! output folder, on every core, with a cache of what the last build found.
//!
//! Every build reads every story's files and hashes them (cheap next to parsing). A story
//! whose hash is the one in the cache, and whose output files are as the last build left them,
//! is not parsed, verified or rendered again: its diagnostics and listing come from the cache.
//! The others go through the [stages](super::stages) one at a time, and what is written
//! depends on what the output folder holds:
//!
//! - **No output a cache describes** (a first build, a changed setting or template, a new
//!   binary): a full build. Each story's pages are written into a staging folder as soon as
//!   they are rendered and then dropped, so memory holds only the stories' listings; the
//!   staging folder replaces the output at the end, or is removed if anything failed.
//! - **An output the cache describes**: only the files whose contents changed are written,
//!   in place, each atomically, and files no longer produced are removed. A build with
//!   nothing changed writes nothing.
//!
//! Either way a build with errors writes nothing, and the output is byte for byte what a clean
//! build of the same site produces (tested in `tests/incremental.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::{self, Cache, CacheDir, CachedPart, CachedStory, FileRecord, Hasher, hash};
use super::site::{LoadedSite, load_site};
use super::{BuildOptions, stages};
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::linkcheck::{self, LinkFacts, SiteAddress};
use crate::load::files::{File, SiteFiles, StoryFiles, ThemeFiles};
use crate::load::read;
use crate::load::{Format, Site, Story};
use crate::output::{self, Staging, Stamp};
use crate::render::{Pages, Renderer, SitePart, StoryListing, StoryOutput, urls};

mod site_wide;
use site_wide::{SiteRecords, SiteWide};

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct DiskBuild {
    /// The site's folder (the one with site.yaml).
    pub root: PathBuf,
    /// Drafts, strictness and the overrides of site.yaml.
    pub options: BuildOptions,
    /// Where to write the site; `None` for `digest check`, which writes nothing.
    pub output: Option<PathBuf>,
    /// Where the cache is kept (`<root>/.digest-cache`); `None`: no cache, everything is built.
    pub cache: Option<PathBuf>,
}

/// What a build did and found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in the order a clean build finds them (warnings promoted with strict).
    pub diagnostics: Diagnostics,
    /// What was inferred for `.txt` articles without front matter: (file, notes).
    pub inferred: Vec<(String, Vec<String>)>,
    /// Stories on the site.
    pub stories: usize,
    /// Stories parsed, verified and rendered by this build (the others were unchanged).
    pub rebuilt: usize,
    /// Files in the output.
    pub files: usize,
    /// Files this build wrote; with a cache, only those whose contents changed.
    pub written: usize,
    /// Files of the previous output this build removed, as no longer produced.
    pub removed: usize,
    /// Why the cache could not be saved, if it could not (the build itself succeeded).
    pub cache_problem: Option<String>,
    /// What builds that were killed had left beside the output, cleared before this one.
    pub leftovers: output::Leftovers,
    /// Warnings are errors (`--strict` or site.yaml's `strict: true`), for problems a command
    /// adds to the report after the build.
    pub strict: bool,
    /// The text of the files the diagnostics point at, for quoting their lines.
    sources: BTreeMap<String, String>,
}

impl Report {
    /// The text of a file a diagnostic points at, for quoting its line.
    pub fn source_text(&self, file: &str) -> Option<&str> {
        self.sources.get(file).map(String::as_str)
    }

    /// A diagnostic with the line it points at.
    pub fn render_diagnostic(&self, diagnostic: &Diagnostic) -> String {
        diagnostics::render(diagnostic, self.source_text(&diagnostic.file))
    }

    /// True when the site has errors (after `--strict`): nothing was written.
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// The site-wide inputs, read and parsed once for all stories.
struct Settings {
    site: Site,
    /// Warnings are errors (see [`BuildOptions::warnings_are_errors`]).
    strict: bool,
    renderer: Renderer,
    /// Hash of what every page depends on.
    key: u64,
    /// Hash of what only the site-wide files depend on besides the listings.
    site_inputs: u64,
}

/// Why a build could not write its output.
#[derive(Debug)]
pub struct WriteError {
    /// What the operating system said.
    pub error: io::Error,
    /// Whether the previous output is exactly as it was: a full build writes into a folder of
    /// its own first, but an update in place may have replaced some files (each whole) before
    /// it failed; the next build then writes the folder again in full.
    pub previous_intact: bool,
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> WriteError {
        WriteError {
            error,
            previous_intact: true,
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

/// Builds (or checks) the site. `Err` only when the output cannot be written; problems in
/// the site are in the report's diagnostics, and then nothing was written.
pub fn run(build: &DiskBuild) -> Result<Report, WriteError> {
    let mut report = Report::default();
    if let Some(output) = &build.output {
        report.leftovers = output::clear_leftovers(output);
    }
    let LoadedSite {
        files,
        slugs,
        site,
        diagnostics: site_diagnostics,
        strict,
    } = load_site(&build.root, &build.options);
    let slugs = slugs.unwrap_or_default();
    let theme_files = site
        .as_ref()
        .map(|site| read::read_theme(&build.root, &site.config.theme));
    let (_, renderer, theme_diagnostics) = stages::compile_theme(
        theme_files.as_ref(),
        site.as_ref().map(|site| (site, &files)),
        build.options.render,
    );
    report.diagnostics.extend(site_diagnostics);
    report.diagnostics.extend(theme_diagnostics);
    keep_sources(&mut report, files.files());
    keep_sources(&mut report, files.translations.iter().map(|(_, f)| f));
    if let Some(theme) = &theme_files {
        keep_sources(&mut report, theme.sources());
    }
    report.strict = strict;
    if strict {
        // The site's problems came promoted; every later problem is promoted where it is
        // gathered (see `DiskBuilder::run`).
        report.diagnostics.promote_warnings();
    }
    let (Some(site), Some(renderer)) = (site, renderer) else {
        return Ok(report);
    };
    let settings = Settings {
        strict,
        key: key(&files, theme_files.as_ref(), &build.options),
        site_inputs: site_inputs(&files, theme_files.as_ref()),
        site,
        renderer,
    };
    DiskBuilder::new(build, settings).run(report, &slugs)
}

fn keep_sources<'a>(report: &mut Report, files: impl Iterator<Item = &'a File>) {
    for file in files {
        if let Some(text) = file.text() {
            report.sources.insert(file.path.clone(), text.to_string());
        }
    }
}

/// The identity of this binary: a cache written by another build of digest is not trusted,
/// even of the same version (its templates' context or its checks may differ).
fn binary_fingerprint() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|path| Stamp::of(&path).ok());
    format!("digest {} {exe:?}", env!("CARGO_PKG_VERSION"))
}

fn file_part(hasher: &mut Hasher, file: &File) {
    match &file.content {
        Ok(bytes) => hasher.part(&file.path, bytes),
        Err(err) => hasher.part(&file.path, format!("{err:?}").as_bytes()),
    };
}

/// Hash of everything every page depends on.
fn key(files: &SiteFiles, theme: Option<&ThemeFiles>, options: &BuildOptions) -> u64 {
    let mut hasher = Hasher::new();
    hasher.part("binary", binary_fingerprint().as_bytes());
    hasher.part("options", format!("{options:?}").as_bytes());
    file_part(&mut hasher, &files.config);
    if let Some(sources) = &files.sources {
        file_part(&mut hasher, sources);
    }
    hasher.part("stories folder", &[u8::from(files.stories.is_some())]);
    for (_, file) in &files.translations {
        file_part(&mut hasher, file);
    }
    if let Some(theme) = theme {
        hasher.part(
            "theme",
            format!("{:?} {:?}", theme.name, theme.problem).as_bytes(),
        );
        for file in theme.sources() {
            file_part(&mut hasher, file);
        }
    }
    hasher.finish()
}

/// Hash of what only the site-wide files depend on besides the stories' listings: the
/// introduction and the static files (the theme's and the site's).
fn site_inputs(files: &SiteFiles, theme: Option<&ThemeFiles>) -> u64 {
    let mut hasher = Hasher::new();
    if let Some(intro) = &files.intro {
        file_part(&mut hasher, intro);
    }
    for file in theme.iter().flat_map(|t| t.static_files()) {
        file_part(&mut hasher, file);
    }
    for (_, file) in &files.static_files {
        file_part(&mut hasher, file);
    }
    hasher.finish()
}

fn story_inputs(files: &StoryFiles) -> u64 {
    let mut hasher = Hasher::new();
    hasher.part("refused", format!("{:?}", files.refused).as_bytes());
    hasher.part("ignored", files.ignored.join("\n").as_bytes());
    hasher.part("articles folder", &[u8::from(files.articles.is_some())]);
    for file in files.files() {
        file_part(&mut hasher, file);
    }
    hasher.finish()
}

/// How this build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `digest check`: nothing.
    Check,
    /// Everything, into a staging folder that replaces the output.
    Full,
    /// The files that changed, in an output folder the cache describes.
    InPlace,
}

/// One story after this build: as cached, or built again.
struct StoryResult {
    slug: String,
    cached: CachedStory,
    /// Its listing, when it is on the site and was built again (a reused one is in the cache).
    listing: Option<StoryListing>,
    rebuilt: bool,
    /// In place: files to write, and files of the last build to remove.
    changed: Vec<(String, Vec<u8>)>,
    removed: Vec<String>,
    /// Text of its files that diagnostics point at.
    sources: Vec<(String, String)>,
    /// In place: its search documents, when built again (a full build keeps them in the
    /// staging folder, see [`SEARCH_FRAGMENTS`], and a reused story's are in the cache).
    search: Option<String>,
}

impl StoryResult {
    /// A story as cached, reused (`rebuilt: false`) or about to be filled in by this build.
    fn new(slug: &str, cached: CachedStory, rebuilt: bool) -> StoryResult {
        StoryResult {
            slug: slug.to_string(),
            cached,
            listing: None,
            rebuilt,
            changed: Vec::new(),
            removed: Vec::new(),
            sources: Vec::new(),
            search: None,
        }
    }
}

/// Where a full build keeps each story's search documents until the index is written, so that
/// memory does not hold them all (inside the staging folder, removed before it is swapped in).
const SEARCH_FRAGMENTS: &str = ".digest-search";

struct DiskBuilder<'a> {
    build: &'a DiskBuild,
    settings: Settings,
    mode: Mode,
    cache_dir: Option<CacheDir>,
    /// The last build's cache, when its results can be reused (same key, same output).
    previous: Option<Cache>,
    /// The last build's cache when they cannot (another key) but it still describes the
    /// output's files: a full build then keeps the files whose contents did not change.
    known: Option<Cache>,
    staging: Option<Staging>,
}

impl<'a> DiskBuilder<'a> {
    fn new(build: &'a DiskBuild, settings: Settings) -> DiskBuilder<'a> {
        let kind = if build.output.is_some() {
            "build"
        } else {
            "check"
        };
        let cache_dir = build.cache.as_ref().map(|dir| CacheDir::new(dir, kind));
        let output = build.output.as_deref().map(output::absolute);
        let describes_output = |cache: &Cache| match &output {
            None => true,
            Some(out) => {
                cache.output.as_ref() == Some(out)
                    && cache.build.is_some()
                    && cache.build == output::build_id(out)
            }
        };
        let loaded = cache_dir
            .as_ref()
            .and_then(CacheDir::load)
            .filter(describes_output);
        let (previous, known) = match loaded {
            Some(cache) if cache.key == settings.key => (Some(cache), None),
            other => (None, other.filter(|_| output.is_some())),
        };
        let mode = match (&build.output, &previous) {
            (None, _) => Mode::Check,
            (Some(_), None) => Mode::Full,
            (Some(_), Some(_)) => Mode::InPlace,
        };
        DiskBuilder {
            build,
            settings,
            mode,
            cache_dir,
            previous,
            known,
            staging: None,
        }
    }

    fn output(&self) -> &Path {
        self.build.output.as_deref().unwrap_or(Path::new("."))
    }

    fn run(mut self, mut report: Report, slugs: &[String]) -> Result<Report, WriteError> {
        if self.mode == Mode::Full {
            self.staging = Some(Staging::new(self.output())?);
        }
        let timer = Timer::new();
        let results: Vec<StoryResult> = slugs
            .par_iter()
            .map(|slug| self.story(slug))
            .collect::<io::Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        timer.lap("stories");

        for result in &results {
            report.diagnostics.extend(result.cached.diagnostics.clone());
            report
                .inferred
                .extend(result.cached.inferred.iter().cloned());
            report.sources.extend(result.sources.iter().cloned());
            report.rebuilt += usize::from(result.rebuilt);
            report.stories += usize::from(result.cached.listed);
        }
        self.read_cached_sources(&mut report, &results);

        let parts = self.parts_to_render(&results);
        let mut site = match parts.is_empty() {
            true => None,
            false => Some(self.render_site(&results, &parts)?),
        };
        if self.mode == Mode::Check
            && let Some(site) = &mut site
        {
            site.links = self.check_links(&results, site);
        }
        timer.lap("site-wide pages");
        report
            .diagnostics
            .extend(self.site_diagnostics(site.as_ref()));
        if self.settings.strict {
            report.diagnostics.promote_warnings();
        }
        if report.failed() {
            // The staging folder is removed when dropped; the output was not touched.
            if self.mode == Mode::Check {
                let records = self.site_records(site.as_ref())?;
                let saved = self.save_with(&results, site.as_ref(), records.parts, None);
                report.cache_problem = saved.err().map(|e| e.to_string());
            }
            return Ok(report);
        }
        self.write(&mut report, results, site)?;
        timer.lap("writing and the cache");
        Ok(report)
    }

    fn address(&self) -> SiteAddress<'_> {
        let config = &self.settings.site.config;
        SiteAddress {
            base_url: &config.base_url,
            base_path: &config.base_path,
        }
    }

    /// Whether a file of the previous output is still as that build wrote it.
    fn unchanged(&self, path: &str, record: &FileRecord) -> bool {
        record.stamp.is_some() && Stamp::of(&self.output().join(path)).ok() == record.stamp
    }

    /// One story: reused from the cache, or parsed, verified and rendered (and, in a full
    /// build, written). `None` when the folder is gone.
    fn story(&self, slug: &String) -> io::Result<Option<StoryResult>> {
        let Some(files) = read::read_story(&self.build.root, slug) else {
            return Ok(None);
        };
        let inputs = story_inputs(&files);
        let previous = self.previous.as_ref().and_then(|p| p.stories.get(slug));
        if let Some(cached) = previous
            && cached.inputs == inputs
            && self.output_intact(cached)
        {
            return Ok(Some(StoryResult::new(slug, cached.clone(), false)));
        }
        let (story, mut diagnostics, rendered) = self.parse_and_render(&files);
        let cached = CachedStory {
            inputs,
            diagnostics: Diagnostics::new(),
            inferred: story.as_ref().map(inferred_notes).unwrap_or_default(),
            listed: rendered.is_some(),
            files: BTreeMap::new(),
            links: LinkFacts::default(),
        };
        let mut result = StoryResult::new(slug, cached, true);
        if let Some(output) = rendered {
            self.keep_output(&mut result, output, previous, &mut diagnostics)?;
        }
        if let Some(before) = previous {
            result.removed = before
                .files
                .keys()
                .filter(|path| !result.cached.files.contains_key(*path))
                .cloned()
                .collect();
        }
        let named: BTreeSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
        result.sources = files
            .files()
            .filter(|f| named.contains(f.path.as_str()))
            .filter_map(|f| Some((f.path.clone(), f.text()?.to_string())))
            .collect();
        result.cached.diagnostics = diagnostics;
        Ok(Some(result))
    }

    /// In place, whether the files a cached story wrote are still as it wrote them (a story
    /// whose output files were changed by hand is written again in full).
    fn output_intact(&self, cached: &CachedStory) -> bool {
        self.mode != Mode::InPlace
            || cached
                .files
                .iter()
                .all(|(path, record)| self.unchanged(path, record))
    }

    /// What becomes of a story's rendered output: its links checked (`check`), its pages
    /// written or kept to write, its listing and search documents kept for the site-wide pages.
    fn keep_output(
        &self,
        result: &mut StoryResult,
        mut output: StoryOutput,
        previous: Option<&CachedStory>,
        diagnostics: &mut Diagnostics,
    ) -> io::Result<()> {
        let slug = result.slug.clone();
        diagnostics.extend(std::mem::take(&mut output.diagnostics));
        if self.mode == Mode::Check {
            let pages = output.pages.files.iter();
            let (broken, facts) = linkcheck::check_group(
                self.address(),
                pages.map(|(path, bytes)| (path.as_str(), bytes.as_slice())),
                |file| urls::story_of(file) == Some(slug.as_str()),
            );
            diagnostics.extend(broken.into_iter().collect());
            result.cached.links = facts;
        }
        let before = match self.mode {
            Mode::InPlace => previous.filter(|c| self.output_intact(c)).map(|c| &c.files),
            _ => self
                .known
                .as_ref()
                .and_then(|k| k.stories.get(&slug))
                .map(|c| &c.files),
        };
        self.store(result, output.pages, before)?;
        let search = output.listing.take_search_documents();
        let mut saved = false;
        if let Some(dir) = &self.cache_dir {
            let version = cache::listing_version(self.settings.key, result.cached.inputs);
            // Only a cache, like the manifest: a listing that cannot be saved is rebuilt.
            saved = dir.save_listing(&output.listing, &search, version).is_ok();
        }
        match (&self.staging, self.mode) {
            // A full build reads the documents back when it writes the index: from the
            // cache, or from the staging folder.
            (_, Mode::Full) if saved => {}
            (Some(staging), Mode::Full) => {
                staging.write(&fragment(&slug), search.as_bytes())?;
            }
            (_, Mode::InPlace) => result.search = Some(search),
            _ => {}
        }
        result.listing = Some(output.listing);
        Ok(())
    }

    /// Parses, verifies and, when it is on the site and sound, renders a story.
    fn parse_and_render(
        &self,
        files: &StoryFiles,
    ) -> (Option<Story>, Diagnostics, Option<StoryOutput>) {
        let (story, verified, diagnostics) = stages::parse_and_verify(&self.settings.site, files);
        let publish = story
            .as_ref()
            .is_some_and(|s| self.build.options.drafts || !s.draft);
        let rendered = match (&story, &verified) {
            (Some(story), Some(verified)) if publish && !diagnostics.has_errors() => {
                Some(stages::render_story(
                    &self.settings.site,
                    &self.settings.renderer,
                    story,
                    verified,
                    &self.build.options,
                ))
            }
            _ => None,
        };
        (story, diagnostics, rendered)
    }

    /// Records a story's (or the site's) files, and writes them as the mode says: into the
    /// staging folder now (a full build), or later, in place, if they changed.
    fn store(
        &self,
        result: &mut StoryResult,
        pages: Pages,
        before: Option<&BTreeMap<String, FileRecord>>,
    ) -> io::Result<()> {
        for (path, bytes) in pages.files {
            let hash = hash(&bytes);
            let mut record = FileRecord { hash, stamp: None };
            match self.mode {
                Mode::Check => {}
                Mode::Full => record.stamp = self.stage(&path, &bytes, hash, before)?,
                Mode::InPlace => match before.and_then(|b| b.get(&path)) {
                    Some(old) if old.hash == hash => record.stamp = old.stamp,
                    _ => result.changed.push((path.clone(), bytes)),
                },
            }
            result.cached.files.insert(path, record);
        }
        Ok(())
    }

    /// Puts a file into the staging folder of a full build: the previous output's file when it
    /// has these contents and is as that build left it (not rewritten), else written anew.
    fn stage(
        &self,
        path: &str,
        bytes: &[u8],
        hash: u64,
        before: Option<&BTreeMap<String, FileRecord>>,
    ) -> io::Result<Option<Stamp>> {
        let Some(staging) = &self.staging else {
            return Ok(None);
        };
        match before.and_then(|b| b.get(path)) {
            Some(old) if old.hash == hash && self.unchanged(path, old) => {
                staging.keep(path)?;
                Ok(old.stamp)
            }
            _ => staging.write(path, bytes).map(Some),
        }
    }

    /// Diagnostics of reused stories point at files this build did not keep: read them to
    /// quote their lines (they are unchanged: their hash is the one recorded).
    fn read_cached_sources(&self, report: &mut Report, results: &[StoryResult]) {
        for result in results.iter().filter(|r| !r.rebuilt) {
            for d in result.cached.diagnostics.iter() {
                if !report.sources.contains_key(&d.file)
                    && let Ok(text) = std::fs::read_to_string(self.build.root.join(&d.file))
                {
                    report.sources.insert(d.file.clone(), text);
                }
            }
        }
    }

    /// Writes what changed and the cache that describes it.
    fn write(
        mut self,
        report: &mut Report,
        mut results: Vec<StoryResult>,
        site: Option<SiteWide>,
    ) -> Result<(), WriteError> {
        let build_id = new_build_id();
        let SiteRecords {
            parts: mut site_parts,
            mut changed,
            mut removed,
        } = self.site_records(site.as_ref())?;
        removed.extend(self.files_of_gone_stories(&results));
        for result in &mut results {
            changed.append(&mut result.changed);
            removed.append(&mut result.removed);
        }
        // A path may move from one story to another, or to the site: never remove what is
        // written.
        let written: BTreeSet<&str> = changed.iter().map(|(p, _)| p.as_str()).collect();
        let kept: BTreeSet<&str> = results
            .iter()
            .flat_map(|r| r.cached.files.keys())
            .chain(site_parts.values().flat_map(|part| part.files.keys()))
            .map(String::as_str)
            .collect();
        removed.retain(|p| !written.contains(p.as_str()) && !kept.contains(p.as_str()));

        report.files = site_parts.values().map(|p| p.files.len()).sum::<usize>()
            + results.iter().map(|r| r.cached.files.len()).sum::<usize>();
        let build = match self.mode {
            Mode::Check => None,
            Mode::Full => {
                report.written = report.files;
                if let Some(dir) = &self.cache_dir {
                    // The old cache describes an output that is about to be replaced.
                    dir.clear();
                }
                if let Some(staging) = self.staging.take() {
                    staging.commit(&build_id)?;
                }
                Some(build_id)
            }
            Mode::InPlace if changed.is_empty() && removed.is_empty() => {
                // Nothing to write: the output stays the previous build's.
                self.previous.as_ref().and_then(|p| p.build.clone())
            }
            Mode::InPlace => {
                let stamped = results
                    .iter_mut()
                    .flat_map(|r| r.cached.files.iter_mut())
                    .chain(site_parts.values_mut().flat_map(|p| p.files.iter_mut()));
                self.write_in_place(&changed, &removed, stamped, &build_id)?;
                report.written = changed.len();
                report.removed = removed.len();
                Some(build_id)
            }
        };
        // The site is built; a cache that cannot be saved only makes the next build slower.
        let saved = self.save_with(&results, site.as_ref(), site_parts, build);
        report.cache_problem = saved.err().map(|e| e.to_string());
        Ok(())
    }

    /// The files of the last build's stories that are gone.
    fn files_of_gone_stories(&self, results: &[StoryResult]) -> Vec<String> {
        let Some(previous) = &self.previous else {
            return Vec::new();
        };
        let present: BTreeSet<&str> = results.iter().map(|r| r.slug.as_str()).collect();
        previous
            .stories
            .iter()
            .filter(|(slug, _)| !present.contains(slug.as_str()))
            .flat_map(|(_, story)| story.files.keys().cloned())
            .collect()
    }

    /// Writes the changed files and removes the gone ones in the output, each atomically, and
    /// records the new files' stamps in `records` (every file's record, by path).
    fn write_in_place<'r>(
        &self,
        changed: &[(String, Vec<u8>)],
        removed: &[String],
        records: impl Iterator<Item = (&'r String, &'r mut FileRecord)>,
        build_id: &str,
    ) -> Result<(), WriteError> {
        if let Some(dir) = &self.cache_dir {
            dir.clear();
        }
        let files: Vec<(&str, &[u8])> = changed
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let gone: Vec<&str> = removed.iter().map(String::as_str).collect();
        let stamps =
            output::update_in_place(self.output(), &files, &gone, build_id).map_err(|error| {
                WriteError {
                    error,
                    previous_intact: false,
                }
            })?;
        let stamp_of: BTreeMap<&str, Stamp> = files.iter().map(|(p, _)| *p).zip(stamps).collect();
        for (path, record) in records {
            if let Some(stamp) = stamp_of.get(path.as_str()) {
                record.stamp = Some(*stamp);
            }
        }
        Ok(())
    }

    fn save_with(
        &self,
        results: &[StoryResult],
        site: Option<&SiteWide>,
        mut site_parts: BTreeMap<SitePart, CachedPart>,
        build: Option<String>,
    ) -> io::Result<()> {
        let Some(dir) = &self.cache_dir else {
            return Ok(());
        };
        if self.mode == Mode::Check {
            // A check writes no files: only the parts' problems are worth keeping.
            for part in site_parts.values_mut() {
                part.files.clear();
            }
        }
        let site_links = match site {
            Some(site) => site.links.clone(),
            None => self
                .previous
                .as_ref()
                .map(|p| p.site_links.clone())
                .unwrap_or_default(),
        };
        dir.save(&Cache {
            format: cache::FORMAT,
            key: self.settings.key,
            build,
            output: self.build.output.as_deref().map(output::absolute),
            site_inputs: self.settings.site_inputs,
            site_parts,
            site_links,
            stories: results
                .iter()
                .map(|r| (r.slug.clone(), r.cached.clone()))
                .collect(),
        })
    }
}

/// With `DIGEST_TIMINGS=1` in the environment, how long each phase of a build took (on
/// stderr): what a profile of a large site needs first.
struct Timer {
    start: Option<std::time::Instant>,
    last: std::cell::Cell<Option<std::time::Instant>>,
}

impl Timer {
    fn new() -> Timer {
        let now = std::env::var_os("DIGEST_TIMINGS").map(|_| std::time::Instant::now());
        Timer {
            start: now,
            last: std::cell::Cell::new(now),
        }
    }

    fn lap(&self, what: &str) {
        if let (Some(start), Some(last)) = (self.start, self.last.get()) {
            let now = std::time::Instant::now();
            eprintln!(
                "timing: {what}: {} ms (at {} ms)",
                (now - last).as_millis(),
                (now - start).as_millis()
            );
            self.last.set(Some(now));
        }
    }
}

fn fragment(slug: &str) -> String {
    format!("{SEARCH_FRAGMENTS}/{slug}")
}

/// What was inferred for a story's `.txt` articles.
fn inferred_notes(story: &Story) -> Vec<(String, Vec<String>)> {
    story
        .articles
        .iter()
        .filter(|a| a.format == Format::Text && !a.inferred.is_empty())
        .map(|a| (a.file.clone(), a.inferred.clone()))
        .collect()
}

/// A new id for each build that writes: the time and the process.
fn new_build_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{:016x}",
        hash(format!("{nanos} {}", std::process::id()).as_bytes())
    )
}

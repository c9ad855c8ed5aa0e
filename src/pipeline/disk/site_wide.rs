//! The site-wide files of a disk build (the home, topic, archive and outlet pages, the feed,
//! the sitemap, the search index, the fixed files): which [parts](SitePart) to render again,
//! rendering them from the stories' listings, and recording which part wrote which file.
//!
//! A clean build renders every part. In place, a part is rendered again only when a story's
//! change affects it ([`SitePart::affected_by`], the rule `digest serve` follows too), when a
//! file it wrote was changed by hand, or when what every part depends on changed (a story
//! gone, the introduction, the static files). The others keep the last build's files and
//! problems, from the cache.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io;

use rayon::prelude::*;

use super::{DiskBuilder, Mode, SEARCH_FRAGMENTS, StoryResult, WriteError, fragment};
use crate::diagnostics::Diagnostics;
use crate::linkcheck::{self, LinkFacts};
use crate::load::read;
use crate::pipeline::cache::{self, CachedPart, FileRecord, hash};
use crate::pipeline::stages;
use crate::render::{Pages, SearchIndexWriter, SitePart, StoryListing, urls};

/// The parts a build rendered, and (`digest check`) the broken links between the site's
/// pages and its stories.
#[derive(Default)]
pub(super) struct SiteWide {
    pub parts: BTreeMap<SitePart, (Pages, Diagnostics)>,
    pub links: Diagnostics,
}

/// Every part's records after a build (rendered now, or kept from the last build), and, in
/// place, the files to write and those to remove.
pub(super) struct SiteRecords {
    pub parts: BTreeMap<SitePart, CachedPart>,
    pub changed: Vec<(String, Vec<u8>)>,
    pub removed: Vec<String>,
}

impl DiskBuilder<'_> {
    /// The parts this build renders: all of them in a clean build; in place, those the
    /// changes affect; for `digest check`, all of them when anything changed (its links are
    /// checked across the whole site).
    pub(super) fn parts_to_render(&self, results: &[StoryResult]) -> Vec<SitePart> {
        let Some(previous) = &self.previous else {
            return SitePart::ALL.to_vec();
        };
        let story_changed = results.iter().any(|r| r.rebuilt || !r.removed.is_empty());
        let present: BTreeSet<&str> = results.iter().map(|r| r.slug.as_str()).collect();
        let everything = previous.site_inputs != self.settings.site_inputs
            || previous
                .stories
                .keys()
                .any(|s| !present.contains(s.as_str()))
            || SitePart::ALL
                .iter()
                .any(|part| !previous.site_parts.contains_key(part))
            || (self.mode == Mode::Check && story_changed);
        if everything {
            return SitePart::ALL.to_vec();
        }
        let mut parts: BTreeSet<SitePart> = previous
            .site_parts
            .iter()
            .filter(|(_, part)| part.files.iter().any(|(p, r)| !self.unchanged(p, r)))
            .map(|(&part, _)| part)
            .collect();
        for result in results.iter().filter(|r| r.rebuilt) {
            match self.listing_change(result) {
                Some(affected) => parts.extend(affected),
                None => return SitePart::ALL.to_vec(),
            }
        }
        parts.into_iter().collect()
    }

    /// The parts a rebuilt story's change affects, from its listing and search entry against
    /// those the last build cached; `None` when those are lost.
    fn listing_change(&self, result: &StoryResult) -> Option<Vec<SitePart>> {
        let before = self.previous.as_ref()?.stories.get(&result.slug);
        let old = match before.filter(|c| c.listed) {
            None => None,
            Some(cached) => {
                let dir = self.cache_dir.as_ref()?;
                let version = cache::listing_version(self.settings.key, cached.inputs);
                Some(dir.load_entry(&result.slug, version)?)
            }
        };
        let new = result.listing.as_ref();
        let mut parts = SitePart::affected_by(old.as_ref().map(|(listing, _)| listing), new);
        if let (Some((_, search)), Some(_)) = (&old, new)
            && result.search.as_deref() != Some(search.as_str())
        {
            parts.push(SitePart::SearchIndex);
        }
        Some(parts)
    }

    /// The given parts, from every listed story's listing (from this build or the cache).
    pub(super) fn render_site(
        &self,
        results: &[StoryResult],
        parts: &[SitePart],
    ) -> io::Result<SiteWide> {
        let pages: Vec<SitePart> = parts
            .iter()
            .copied()
            .filter(|&part| part != SitePart::SearchIndex)
            .collect();
        // The listings come without their search documents (see `search_index`).
        let cached: Vec<StoryListing> = results
            .par_iter()
            .filter(|r| !pages.is_empty() && r.cached.listed && r.listing.is_none())
            .map(|r| self.cached_listing(&r.slug, r.cached.inputs))
            .collect::<io::Result<_>>()?;
        let mut listings: Vec<&StoryListing> = results
            .iter()
            .filter_map(|r| r.listing.as_ref())
            .chain(&cached)
            .collect();
        listings.sort_by(|a, b| a.slug.cmp(&b.slug));
        let render_pages = || -> Vec<(SitePart, (Pages, Diagnostics))> {
            pages
                .par_iter()
                .map(|&part| {
                    let rendered = stages::render_site_part(
                        &self.settings.site,
                        &self.settings.renderer,
                        &listings,
                        part,
                        &self.build.options,
                    );
                    (part, rendered)
                })
                .collect()
        };
        let index = parts.contains(&SitePart::SearchIndex);
        let search = index && self.mode != Mode::Check && self.settings.site.config.search;
        // The index is the longest part of a large site: it is made beside the pages.
        let (rendered, search) = rayon::join(render_pages, || {
            search.then(|| self.search_index(results)).transpose()
        });
        let mut site = SiteWide::default();
        site.parts.extend(rendered);
        if index {
            let files = search?.unwrap_or_default().into_iter().collect();
            site.parts
                .insert(SitePart::SearchIndex, (Pages { files }, Diagnostics::new()));
        }
        if let Some(staging) = &self.staging {
            let _ = std::fs::remove_dir_all(staging.path(SEARCH_FRAGMENTS));
        }
        Ok(site)
    }

    /// `search-index.json` and its chunks, from every listed story's entry: from this build (in
    /// memory, or in the staging folder) or from the cache. Each thread reads a run of stories,
    /// one at a time, into an index of its own, and the runs are joined in order.
    fn search_index(&self, results: &[StoryResult]) -> io::Result<Vec<(String, Vec<u8>)>> {
        let listed: Vec<&StoryResult> = results.iter().filter(|r| r.cached.listed).collect();
        let run = listed.len().div_ceil(rayon::current_num_threads()).max(1);
        let runs: Vec<SearchIndexWriter> = listed
            .par_chunks(run)
            .map(|stories| {
                let mut index = SearchIndexWriter::new();
                for result in stories {
                    index.add(&self.search_entry(result)?)?;
                }
                Ok(index)
            })
            .collect::<io::Result<_>>()?;
        let mut index = SearchIndexWriter::new();
        for later in runs {
            index.append(later);
        }
        Ok(index.finish())
    }

    /// One listed story's entry in the search index.
    fn search_entry<'r>(&self, result: &'r StoryResult) -> io::Result<Cow<'r, str>> {
        if let Some(search) = &result.search {
            return Ok(Cow::Borrowed(search));
        }
        let staged = self
            .staging
            .as_ref()
            .map(|s| s.path(&fragment(&result.slug)))
            .filter(|path| result.rebuilt && path.exists());
        match staged {
            Some(staged) => std::fs::read_to_string(staged).map(Cow::Owned),
            None => self
                .cached_search(&result.slug, result.cached.inputs)
                .map(Cow::Owned),
        }
    }

    /// The listing (without search documents) of a story reused from the cache.
    fn cached_listing(&self, slug: &str, inputs: u64) -> io::Result<StoryListing> {
        let version = cache::listing_version(self.settings.key, inputs);
        match self
            .cache_dir
            .as_ref()
            .and_then(|dir| dir.load_listing(slug, version))
        {
            Some(listing) => Ok(listing),
            None => self
                .remake_listing(slug, version)
                .map(|(listing, _)| listing),
        }
    }

    /// The search documents of a story reused from the cache.
    fn cached_search(&self, slug: &str, inputs: u64) -> io::Result<String> {
        let version = cache::listing_version(self.settings.key, inputs);
        match self
            .cache_dir
            .as_ref()
            .and_then(|dir| dir.load_search(slug, version))
        {
            Some(search) => Ok(search),
            None => self.remake_listing(slug, version).map(|(_, search)| search),
        }
    }

    /// A listing (and search documents) the cache lost, made again from the story's files
    /// (its pages are not written again: they are unchanged), and saved again.
    fn remake_listing(&self, slug: &str, version: u64) -> io::Result<(StoryListing, String)> {
        let lost = || {
            io::Error::other(format!(
                "story `{slug}` changed during the build; build again"
            ))
        };
        let files = read::read_story(&self.build.root, slug).ok_or_else(lost)?;
        let (_, _, rendered) = self.parse_and_render(&files);
        let mut listing = rendered.ok_or_else(lost)?.listing;
        let search = listing.take_search_documents();
        if let Some(dir) = &self.cache_dir {
            let _ = dir.save_listing(&listing, &search, version);
        }
        Ok((listing, search))
    }

    /// `digest check`: the links of the site-wide pages, and the links between stories and the
    /// rest of the site (those within a story were checked with it).
    pub(super) fn check_links(&self, results: &[StoryResult], site: &SiteWide) -> Diagnostics {
        let site_pages = || site.parts.values().flat_map(|(pages, _)| &pages.files);
        let (mut broken, site_facts) = linkcheck::check_group(
            self.address(),
            site_pages().map(|(path, bytes)| (path.as_str(), bytes.as_slice())),
            |_| false,
        );
        let files: BTreeSet<&str> = results
            .iter()
            .flat_map(|r| r.cached.files.keys())
            .chain(site_pages().map(|(path, _)| path))
            .map(String::as_str)
            // Not rendered by a check (it only feeds the search page's script).
            .chain(
                self.settings
                    .site
                    .config
                    .search
                    .then_some(urls::SEARCH_INDEX),
            )
            .collect();
        let groups: Vec<&LinkFacts> = results
            .iter()
            .map(|r| &r.cached.links)
            .chain([&site_facts])
            .collect();
        broken.extend(linkcheck::check_site(&files, &groups));
        broken.into_iter().collect()
    }

    /// The problems of every part (rendered now, or as the last build found them) and of the
    /// links between them and the stories (`digest check`), in the order a clean build finds
    /// them.
    pub(super) fn site_diagnostics(&self, site: Option<&SiteWide>) -> Diagnostics {
        let previous = self.previous.as_ref();
        let mut all = Diagnostics::new();
        for part in SitePart::ALL {
            match site.and_then(|s| s.parts.get(&part)) {
                Some((_, problems)) => all.extend(problems.clone()),
                None => {
                    let kept = previous.and_then(|p| p.site_parts.get(&part));
                    all.extend(kept.map(|p| p.diagnostics.clone()).unwrap_or_default());
                }
            }
        }
        match site {
            Some(site) => all.extend(site.links.clone()),
            None => all.extend(previous.map(|p| p.site_links.clone()).unwrap_or_default()),
        }
        all
    }

    /// Every part's records: a rendered part's files hashed, and staged (a full build) or
    /// compared with the last build's (in place: those that changed are to write, those it no
    /// longer has to remove); a part not rendered is as the last build left it.
    pub(super) fn site_records(&self, site: Option<&SiteWide>) -> Result<SiteRecords, WriteError> {
        let previous = self.previous.as_ref();
        let mut records = SiteRecords {
            parts: previous.map(|p| p.site_parts.clone()).unwrap_or_default(),
            changed: Vec::new(),
            removed: Vec::new(),
        };
        let Some(site) = site else {
            return Ok(records);
        };
        let known: Option<BTreeMap<String, FileRecord>> = self
            .known
            .as_ref()
            .map(|k| k.site_files().map(|(p, r)| (p.clone(), *r)).collect());
        for (&part, (pages, diagnostics)) in &site.parts {
            let before = records.parts.remove(&part).unwrap_or_default().files;
            let mut files = BTreeMap::new();
            for (path, bytes) in &pages.files {
                let hash = hash(bytes);
                let mut record = FileRecord { hash, stamp: None };
                match (self.mode, before.get(path)) {
                    (Mode::Full, _) => {
                        record.stamp = self.stage(path, bytes, hash, known.as_ref())?
                    }
                    (Mode::InPlace, Some(old)) if old.hash == hash && self.unchanged(path, old) => {
                        record.stamp = old.stamp;
                    }
                    (Mode::InPlace, _) => records.changed.push((path.clone(), bytes.clone())),
                    (Mode::Check, _) => {}
                }
                files.insert(path.clone(), record);
            }
            let gone = before.keys().filter(|p| !files.contains_key(*p));
            records.removed.extend(gone.cloned());
            let diagnostics = diagnostics.clone();
            records
                .parts
                .insert(part, CachedPart { files, diagnostics });
        }
        Ok(records)
    }
}

//! The build cache (`.digest-cache/`): what the last build found for each story, keyed by
//! content hashes, so that the next one re-reads every file but parses, verifies and renders
//! only the stories whose inputs changed.
//!
//! A cache is valid for one [key](Cache::key): a hash of everything every page depends on
//! (this binary, site.yaml, sources.yaml, the theme's templates, the build options). Within
//! it, a story is reused when the hash of its files is the one recorded and its output files
//! are still the ones the build wrote (same size and modification time). The manifest is small
//! and read by every build; a story's listing (what the site-wide pages need from it, the
//! search documents included) is in a file of its own, read only when the site-wide pages are
//! rendered again. Both are postcard (a compact binary serde format): the listings of 10,000
//! stories would take over a hundred megabytes as JSON.
//!
//! A cache that cannot be read, or was written by another version, is ignored: the build is
//! then a clean one, and writes a new cache.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::diagnostics::Diagnostics;
use crate::output::Stamp;
use crate::render::{SitePart, StoryListing};

/// Bumped when the layout of the cache changes (the binary's own fingerprint is in every key
/// anyway; this keeps an old file from even being decoded).
pub(crate) const FORMAT: u32 = 3;

/// What a build knew of the site and of every story in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    pub format: u32,
    pub key: u64,
    /// The build whose output these files are ([`crate::output::MARKER`]); `None` for
    /// `digest check`, which writes nothing.
    pub build: Option<String>,
    /// The output folder, absolute.
    pub output: Option<PathBuf>,
    /// Hash of what only the site-wide files depend on besides the listings (`index.md`, the
    /// theme's and the site's static files).
    pub site_inputs: u64,
    /// The site-wide files, by the part that wrote them, so that a story's change renders
    /// again only the parts it affects ([`SitePart::affected_by`]).
    pub site_parts: BTreeMap<SitePart, CachedPart>,
    /// `digest check` only: the broken links between the site's pages and its stories.
    pub site_links: Diagnostics,
    pub stories: BTreeMap<String, CachedStory>,
}

impl Cache {
    /// Every site-wide file the last build wrote.
    pub fn site_files(&self) -> impl Iterator<Item = (&String, &FileRecord)> {
        self.site_parts.values().flat_map(|part| &part.files)
    }
}

/// One part of the site-wide files as the last build rendered it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct CachedPart {
    pub files: BTreeMap<String, FileRecord>,
    /// Its problems.
    pub diagnostics: Diagnostics,
}

/// One story as the last build found it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CachedStory {
    /// Hash of the story's files (names and contents).
    pub inputs: u64,
    pub diagnostics: Diagnostics,
    /// What was inferred for its `.txt` articles: (file, notes).
    pub inferred: Vec<(String, Vec<String>)>,
    /// Whether it is on the site (its listing is then in `listings/<slug>.<version>`, its
    /// search documents in `search/<slug>.<version>`).
    pub listed: bool,
    pub files: BTreeMap<String, FileRecord>,
    /// `digest check` only: the ids of its pages and its links to the rest of the site.
    pub links: crate::linkcheck::LinkFacts,
}

/// A file a build wrote: a hash of its contents, and its stamp on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    pub hash: u64,
    pub stamp: Option<Stamp>,
}

/// A hash of some bytes (xxh3: a few gigabytes a second, so hashing every input of a large
/// site costs less than reading it).
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Hashes a sequence of named parts; a part's name and length are hashed with it, so that
/// moving bytes from one part to the next changes the hash.
#[derive(Default)]
pub(crate) struct Hasher(Xxh3);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher::default()
    }

    pub fn part(&mut self, name: &str, bytes: &[u8]) -> &mut Hasher {
        self.0.update(&(name.len() as u64).to_le_bytes());
        self.0.update(name.as_bytes());
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// Where one kind of build keeps its cache: `<dir>/<kind>/`.
pub(crate) struct CacheDir {
    dir: PathBuf,
}

impl CacheDir {
    pub fn new(dir: &Path, kind: &str) -> CacheDir {
        CacheDir {
            dir: dir.join(kind),
        }
    }

    fn manifest(&self) -> PathBuf {
        self.dir.join("manifest")
    }

    /// A listing's file is named by its story and by the key and inputs it was made from, so
    /// that a listing written by a build that then failed is never taken for the one the
    /// manifest describes.
    fn listing(&self, slug: &str, version: u64) -> PathBuf {
        self.dir.join("listings").join(listing_name(slug, version))
    }

    /// The cache, when there is one this version can read.
    pub fn load(&self) -> Option<Cache> {
        let bytes = fs::read(self.manifest()).ok()?;
        let cache: Cache = postcard::from_bytes(&bytes).ok()?;
        (cache.format == FORMAT).then_some(cache)
    }

    pub fn load_listing(&self, slug: &str, version: u64) -> Option<StoryListing> {
        let listing: StoryListing =
            postcard::from_bytes(&fs::read(self.listing(slug, version)).ok()?).ok()?;
        (listing.slug == slug).then_some(listing)
    }

    /// Saves a story's listing, without its search documents, and the documents beside it
    /// (`search/`, as the JSON they are): the site-wide pages but the search index need only
    /// the listings, and the index only the documents, which it copies as they are.
    /// `version`: [`listing_version`] of the build's key and the story's inputs. Called as
    /// each story is rendered, from any thread.
    pub fn save_listing(
        &self,
        listing: &StoryListing,
        search: &str,
        version: u64,
    ) -> io::Result<()> {
        let name = listing_name(&listing.slug, version);
        for sub in ["listings", "search"] {
            fs::create_dir_all(self.dir.join(sub))?;
        }
        // Written in place, without a temporary file (10,000 more files to create at 10,000
        // stories): a listing cut short does not decode, or names another story, and is then
        // made again; the documents are written first, and trusted only with their listing.
        fs::write(self.dir.join("search").join(&name), search)?;
        fs::write(
            self.dir.join("listings").join(&name),
            postcard::to_stdvec(listing).map_err(io::Error::other)?,
        )
    }

    /// A story's search documents, saved with its listing.
    pub fn load_search(&self, slug: &str, version: u64) -> Option<String> {
        self.load_entry(slug, version).map(|(_, search)| search)
    }

    /// A story's listing and search documents (trusted only together, see `save_listing`).
    pub fn load_entry(&self, slug: &str, version: u64) -> Option<(StoryListing, String)> {
        let listing = self.load_listing(slug, version)?;
        let search =
            fs::read_to_string(self.dir.join("search").join(listing_name(slug, version))).ok()?;
        Some((listing, search))
    }

    /// Writes the manifest, and removes the listings of stories it no longer has.
    pub fn save(&self, cache: &Cache) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        write_atomically(
            &self.manifest(),
            &postcard::to_stdvec(cache).map_err(io::Error::other)?,
        )?;
        let current: std::collections::HashSet<String> = cache
            .stories
            .iter()
            .filter(|(_, s)| s.listed)
            .map(|(slug, s)| listing_name(slug, listing_version(cache.key, s.inputs)))
            .collect();
        for sub in ["listings", "search"] {
            for entry in fs::read_dir(self.dir.join(sub))
                .into_iter()
                .flatten()
                .flatten()
            {
                if !current.contains(entry.file_name().to_string_lossy().as_ref()) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }

    /// Forgets everything (before a build that will not save a cache matching the output).
    pub fn clear(&self) {
        let _ = fs::remove_file(self.manifest());
    }
}

/// What a listing was made from: the build's key and the story's inputs.
pub(crate) fn listing_version(key: u64, inputs: u64) -> u64 {
    Hasher::new()
        .part("key", &key.to_le_bytes())
        .part("inputs", &inputs.to_le_bytes())
        .finish()
}

fn listing_name(slug: &str, version: u64) -> String {
    format!("{slug}.{version:016x}")
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}

//! The build pipeline as a library: `digest build`, `digest check`, `digest serve` and the
//! benchmarks all run the same stages ([`stages`]: parse, verify, render, one story at a time),
//! in one of two shapes:
//!
//! - [`disk`]: `digest build` and `digest check`. Stories are streamed: each is read, checked,
//!   rendered and written on its own, and only what the site-wide pages need from it is kept,
//!   so memory does not grow with the site. A cache of content hashes (`.digest-cache/`) lets
//!   a build skip every story whose inputs did not change and leave unchanged files alone.
//! - [`Project`]: `digest serve`. The whole site is kept in memory, stage by stage, and an edit
//!   re-runs only what it affects.
//!
//! Both give the same pages and the same diagnostics as each other for the same site (tested
//! in `tests/rebuild.rs` and `tests/incremental.rs`).

mod cache;
pub mod disk;
mod project;
mod site;
mod stages;

pub use project::{Change, Project, Rebuilt, SiteOutput, SitePaths};
pub use site::{LoadedSite, LoadedStory, load_site, load_story, pick_story};

use crate::render::RenderOptions;

/// How to build, beyond what `site.yaml` says (warnings as errors or not: see
/// [`BuildOptions::warnings_are_errors`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Render stories marked `draft: true` too.
    pub drafts: bool,
    /// Treat warnings as errors (also `strict: true` in site.yaml).
    pub strict: bool,
    /// Replaces site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Minify HTML or not, whatever site.yaml says (`None`: as it says). `digest serve` does
    /// not: it halves the time of a rebuild, and a preview gains nothing from smaller files.
    pub minify: Option<bool>,
    /// Keeps the base URL's path but replaces its scheme and host (`http://127.0.0.1:1111`):
    /// how `digest serve` previews a site under the path it will have when published.
    pub local_origin: Option<String>,
    /// How the pages will be viewed (live reload under `digest serve`).
    pub render: RenderOptions,
}

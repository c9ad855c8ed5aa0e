//! `digest` turns a folder of articles from several outlets, plus an editor's sidecars
//! (timeline, quotes, disputes) and annotations, into a static site with cross-source footnotes.
//!
//! A build is a one-way pipeline; each stage is a module with a small typed interface, and the
//! unit of work is a story:
//!
//! ```text
//! load::read      site.yaml + content/ + theme   ->  SiteFiles, ThemeFiles  (path -> bytes, read once)
//! load::parse_*   files                          ->  Site, Story, Theme     (typed, with source positions)
//! verify          Site + Story                   ->  VerifiedStory          (ids resolved, quotes located)
//! render          Renderer + VerifiedStory       ->  StoryOutput            (one story's pages, in memory)
//!                 Renderer + StoryListings       ->  site-wide Pages        (home, outlets, feed, sitemap, search)
//! output::write   Pages                          ->  public/                (staged, then swapped in)
//! ```
//!
//! [`pipeline::Project`] runs the stages and keeps their results, so `digest serve` re-runs only
//! what a saved file can affect; `digest build`, `digest check` and the benchmark run it once.
//! [`editor`] holds the editors' tools (`digest new story`, …), which write into content/ on
//! request and are never part of a build. [`primitives`] holds what every stage shares and
//! imports no stage. Every stage reports
//! problems as [`diagnostics::Diagnostic`] values instead of failing at the first one, so an
//! editor sees all the problems of a site in one run.

pub mod cli;
pub mod diagnostics;
pub mod editor;
pub mod linkcheck;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod primitives;
pub mod render;
pub mod scaffold;
pub mod serve;
#[cfg(test)]
mod test_support;
pub mod themes;
pub mod verify;

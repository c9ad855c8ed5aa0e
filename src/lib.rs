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
//! [`pipeline`] runs the stages: streamed story by story to disk for `digest build` and
//! `check` ([`pipeline::disk`]), or kept in memory for `digest serve` ([`pipeline::Project`]),
//! which re-runs only what a saved file can affect; [`pipeline::load_site`] is the one way in
//! for every command. [`layout`] names every path of a site's folder. [`editor`] holds the
//! editors' tools (`digest init`, `new story`, `import`, `suggest`), which write into a site on
//! request and are never part of a build; [`serve`] is the preview server. [`primitives`] holds
//! what every stage shares and imports no stage. Every stage reports problems as
//! [`diagnostics::Diagnostic`] values instead of failing at the first one, so an editor sees
//! all the problems of a site in one run.
//!
//! Around the library, [`cli`] declares the command line and [`commands`] runs each command
//! and prints what it found: the only layer that prints, and one that nothing else imports.

#![deny(missing_docs)]

pub mod cli;
pub mod commands;
pub mod diagnostics;
pub mod editor;
pub mod layout;
pub mod linkcheck;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod primitives;
pub mod render;
pub mod serve;
#[cfg(test)]
mod test_support;
pub mod verify;

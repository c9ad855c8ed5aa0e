//! `digest` turns a folder of articles from several outlets, plus an editor's sidecars
//! (timeline, quotes, disputes) and annotations, into a static site with cross-source footnotes.
//!
//! A build is a one-way pipeline; each stage is a module with one entry point:
//!
//! ```text
//! content::load   site.yaml + content/ + theme  ->  Site      (typed, with source positions)
//! verify::verify  Site                          ->  Verified  (ids resolved, quotes located)
//! render::render  Verified                      ->  Pages     (path -> bytes, in memory)
//! output::write   Pages                         ->  public/   (staged, then swapped in)
//! ```
//!
//! Every stage reports problems as [`diagnostics::Diagnostic`] values instead of failing at the
//! first one, so an editor sees all the problems of a site in one run.

pub mod build;
pub mod cli;
pub mod diagnostics;
pub mod load;
pub mod output;
pub mod primitives;
pub mod render;
pub mod scaffold;
pub mod serve;
#[cfg(test)]
mod test_support;
pub mod verify;

//! The commands: one file each, with what `digest <command>` does from its parsed arguments
//! ([`crate::cli`]) to what it prints ([`report`]). Each returns `Result<(), Error>`, and
//! `main` turns that into the exit status in one place.
//!
//! This is the only layer that prints or knows about exit statuses: the pipeline, the server
//! and the editors' tools return values (diagnostics, reports, events), and nothing outside
//! this module imports it.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod report;
pub mod serve;
pub mod suggest;
pub mod themes;

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command, NewCommand, SiteArgs};
use crate::layout::CACHE_DIR;
use crate::pipeline::BuildOptions;
use crate::render::RenderOptions;

/// Why a command failed. What went wrong in the site's files has been reported one problem
/// at a time by then; the error is the last word.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// What could not be done, and why, in a sentence: `error: port 1111 is in use …`.
    Cannot(String),
    /// The problems reported before it meant this outcome: "Build failed (2 errors, 0
    /// warnings). Nothing was written; public is unchanged."
    Failed(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Cannot(message) => write!(f, "error: {message}"),
            Error::Failed(outcome) => f.write_str(outcome),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The process's exit status for this error. Every failure is 1 today: CI and scripts
    /// tell "the site has problems" from "digest could not run" by the message, not the code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::FAILURE
    }
}

/// Runs the command the line asked for.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(args),
        Command::Init(args) => init::run(&args),
        Command::Themes(args) => themes::run(&args),
        Command::New(NewCommand::Story(args)) => new::story(&args),
        Command::Import(args) => import::run(args),
        Command::Suggest(args) => suggest::run(&args),
    }
}

/// The build's options from the command line (`build` and `check`).
fn build_options(site: &SiteArgs, base_url: Option<&str>) -> BuildOptions {
    BuildOptions {
        drafts: site.drafts,
        strict: site.strict,
        base_url: base_url.map(str::to_string),
        minify: None,
        local_origin: None,
        render: RenderOptions::default(),
    }
}

/// Where `digest build` and `check` keep what they found, to redo only what changed.
fn cache_dir(site: &SiteArgs) -> Option<PathBuf> {
    (!site.no_cache).then(|| site.root.dir.join(CACHE_DIR))
}

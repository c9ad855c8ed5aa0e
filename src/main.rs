//! The `digest` command; everything it does lives in the library (see `digest::cli`).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    digest::cli::run(digest::cli::Cli::parse())
}

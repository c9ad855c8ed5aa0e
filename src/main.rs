//! The `digest` command; everything it does lives in the library (see `digest::cli`).

use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees millions of small strings on every core; glibc's allocator spent
// a quarter of a build's time in malloc and free, mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    digest::cli::run(digest::cli::Cli::parse())
}

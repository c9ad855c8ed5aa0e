//! The `digest` command: parses the line, runs the command, and turns its outcome into the
//! exit status. Everything it does lives in the library (see `digest::commands`).

use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees millions of small strings on every core; glibc's allocator spent
// a quarter of a build's time in malloc and free, mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match digest::commands::run(digest::cli::Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            digest::commands::report::failure(&error);
            error.exit_code()
        }
    }
}

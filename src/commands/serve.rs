//! `digest serve`: the live preview, with what it does told on the terminal.

use super::{Error, report};
use crate::cli::ServeArgs;
use crate::serve::{self, ServeOptions};

/// Serves the site until Ctrl-C.
pub fn run(args: ServeArgs) -> Result<(), Error> {
    let options = ServeOptions {
        root: args.root.dir,
        port: args.port,
        interface: args.interface,
        drafts: args.drafts,
        base_url: args.base_url,
        open: args.open,
    };
    serve::run(&options, report::serve_event).map_err(Error::Cannot)
}

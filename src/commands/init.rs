//! `digest init`: a new site with a sample story, and how to preview, build and publish it.

use super::{Error, report};
use crate::cli::InitArgs;
use crate::editor::new_site;
use crate::layout::WORKFLOW_FILE;

/// Creates the site, or fails without touching a folder that is not empty.
pub fn run(args: &InitArgs) -> Result<(), Error> {
    new_site::create(&args.dir, &args.theme).map_err(Error::Cannot)?;
    let dir = args.dir.display();
    report::output(&format!(
        "Created a new digest site in {dir} with the theme `{}`\n\
         Preview it with:  digest serve --root {dir}\n\
         Build it with:    digest build --root {dir}\n\
         Publish it on GitHub Pages: push it to GitHub and choose Settings -> Pages -> Source: \
         GitHub Actions ({WORKFLOW_FILE} does the rest)\n",
        args.theme
    ));
    Ok(())
}

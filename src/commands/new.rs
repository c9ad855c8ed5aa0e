//! `digest new story SLUG`: a story folder that builds at once.

use super::{Error, report};
use crate::cli::NewStoryArgs;
use crate::editor::new_story;
use crate::layout::{ARTICLES_DIR, STORY_FILE};

/// Creates the story's folder, or fails without touching an existing one.
pub fn story(args: &NewStoryArgs) -> Result<(), Error> {
    let created = new_story::create(&args.root.dir, &args.slug, args.title.as_deref())
        .map_err(Error::Cannot)?;
    let mut text = format!("Created the story `{}`:\n", args.slug);
    for file in &created.files {
        text.push_str(&format!("  {file}\n"));
    }
    text.push_str(&format!(
        "Next: put the outlets' articles into {}/{ARTICLES_DIR}/ (a saved page: `digest import page.html --story {}`; or a copied .txt), cite them in {STORY_FILE}, and preview with `digest serve`.\n",
        created.dir.display(),
        args.slug
    ));
    report::output(&text);
    Ok(())
}

//! `digest import FILE`: a saved page or a text copy becomes an article of a story.

use super::{Error, report};
use crate::cli::ImportArgs;
use crate::editor::import::{self, GivenMetadata, ImportRequest};

/// Imports the file, saying what was written and inferred; a problem writes nothing.
pub fn run(args: ImportArgs) -> Result<(), Error> {
    let request = ImportRequest {
        root: args.root.dir,
        file: args.file,
        story: args.story,
        source: args.source,
        id: args.id,
        force: args.force,
        given: GivenMetadata {
            title: args.title,
            headline: args.headline,
            published: args.published,
            author: args.author,
        },
    };
    match import::import(&request) {
        Ok(imported) => {
            let mut text = format!(
                "Imported {} as {}:\n",
                request.file.display(),
                imported.written
            );
            for note in &imported.notes {
                text.push_str(&format!("  - {note}\n"));
            }
            report::output(&text);
            Ok(())
        }
        Err(problem) => {
            report::diagnostic(&problem, None);
            Err(Error::Failed("Import failed: nothing was written.".into()))
        }
    }
}

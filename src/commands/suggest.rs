//! `digest suggest [STORY]`: proposed quote groups and disputes, printed or written beside
//! the sidecars.

use super::{Error, report};
use crate::cli::SuggestArgs;
use crate::diagnostics::Diagnostics;
use crate::editor::suggest;
use crate::layout::Sidecar;
use crate::pipeline::{self, BuildOptions, LoadedStory};

/// Suggests for the story; a story with errors gets none (they would be made from texts the
/// build does not accept), and its problems are reported as `digest build` reports them.
pub fn run(args: &SuggestArgs) -> Result<(), Error> {
    let root = &args.root.dir;
    let site = pipeline::load_site(root, &BuildOptions::default());
    let mut problems = Diagnostics::new();
    let loaded = match pipeline::pick_story(
        site.slugs(),
        args.story.as_deref(),
        "as `digest suggest SLUG`",
    ) {
        Err(problem) => {
            problems.push(*problem);
            None
        }
        Ok(slug) => {
            problems.extend(site.diagnostics.clone());
            pipeline::load_story(root, &site, &slug)
        }
    };
    let (story_files, story) = match loaded {
        Some(LoadedStory {
            files,
            story,
            diagnostics,
            ..
        }) => {
            problems.extend(diagnostics);
            (Some(files), story)
        }
        None => (None, None),
    };
    report::diagnostics(&problems, |file| {
        site.files.text(file).or_else(|| {
            let files = story_files.as_ref()?;
            files.files().find(|f| f.path == file)?.text()
        })
    });
    let Some(story) = story.filter(|_| !problems.has_errors()) else {
        return Err(Error::Failed(format!(
            "Suggest failed ({}); nothing was written.",
            report::summary(&problems)
        )));
    };
    let suggestions = suggest::suggest(&story, site.site.as_ref());
    let (quotes_yaml, disputes_yaml) = suggest::render(&story, &suggestions);
    let quotes_file = Sidecar::Quotes.suggested_file_name();
    let disputes_file = Sidecar::Disputes.suggested_file_name();
    if !args.write {
        report::output(&format!(
            "# {quotes_file}\n{quotes_yaml}---\n# {disputes_file}\n{disputes_yaml}"
        ));
        return Ok(());
    }
    let dir = root.join(&story.dir);
    for (name, text) in [(quotes_file, &quotes_yaml), (disputes_file, &disputes_yaml)] {
        std::fs::write(dir.join(name), text)
            .map_err(|e| Error::Cannot(format!("cannot write {}/{name}: {e}", story.dir)))?;
    }
    report::status(&format!(
        "Wrote {} quote groups to {}/{quotes_file} and {} disputes to {}/{disputes_file}.",
        suggestions.quotes.len(),
        story.dir,
        suggestions.disputes.len(),
        story.dir
    ));
    Ok(())
}

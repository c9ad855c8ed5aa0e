//! `digest build`: checks the site and writes it into the output folder, or writes nothing.

use std::time::Instant;

use super::{Error, build_options, cache_dir, report};
use crate::cli::BuildArgs;
use crate::layout::OUTPUT_DIR;
use crate::output;
use crate::pipeline::disk;

/// Builds the site; a site with errors writes nothing and fails.
pub fn run(args: &BuildArgs) -> Result<(), Error> {
    let started = Instant::now();
    let root = &args.site.root.dir;
    let output_dir = args
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join(OUTPUT_DIR));
    output::check_output_dir(root, &output_dir, args.force).map_err(Error::Cannot)?;
    let build = disk::DiskBuild {
        root: root.clone(),
        options: build_options(&args.site, args.base_url.as_deref()),
        output: Some(output_dir.clone()),
        cache: cache_dir(&args.site),
    };
    let built = disk::run(&build).map_err(|err| {
        let state = if err.previous_intact {
            "The previous site there is unchanged."
        } else {
            "Some of its files were already replaced by new ones; the next `digest build` writes \
             the whole folder again."
        };
        Error::Cannot(format!(
            "cannot write {}: {err}. {state}",
            output_dir.display()
        ))
    })?;
    report::leftovers(&built.leftovers, &output_dir);
    report::build_report(&built);
    let problems = report::summary(&built.diagnostics);
    if built.failed() {
        return Err(Error::Failed(format!(
            "Build failed ({problems}). Nothing was written; {} is unchanged.",
            output_dir.display()
        )));
    }
    let ms = started.elapsed().as_millis();
    let out = output_dir.display();
    report::status(&if built.written == 0 && built.removed == 0 {
        format!(
            "{out} is up to date: {} files ({} stories), nothing changed ({ms} ms, {problems}).",
            built.files, built.stories,
        )
    } else if built.rebuilt == built.stories && built.written == built.files {
        format!(
            "Built {} files ({} stories) into {out} in {ms} ms ({problems}).",
            built.files, built.stories,
        )
    } else {
        format!(
            "Updated {out}: {} of {} stories rebuilt, {} files written, {} removed, {} unchanged, in {ms} ms ({problems}).",
            built.rebuilt,
            built.stories,
            built.written,
            built.removed,
            built.files - built.written,
        )
    });
    Ok(())
}

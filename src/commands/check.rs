//! `digest check`: every check a build runs, and every internal link followed; nothing written.

use super::{Error, build_options, cache_dir, report};
use crate::cli::{CheckArgs, ReportFormat};
use crate::editor::new_site;
use crate::pipeline::disk;

/// Checks the site; fails when it has errors (or warnings, with `--strict`).
pub fn run(args: &CheckArgs) -> Result<(), Error> {
    // Drafts are rendered too: their templates are part of the check. Nothing is written, and
    // minifying cannot fail, nor can the data files made from verified data: they would only
    // cost time.
    let mut options = build_options(&args.site, None);
    options.drafts = true;
    options.minify = Some(false);
    options.render.pages_only = true;
    let build = disk::DiskBuild {
        root: args.site.root.dir.clone(),
        options,
        output: None,
        cache: cache_dir(&args.site),
    };
    let mut checked = disk::run(&build).map_err(|err| Error::Cannot(err.to_string()))?;
    let mut leftovers = new_site::sample_leftovers(&args.site.root.dir);
    if checked.strict {
        leftovers.promote_warnings();
    }
    checked.diagnostics.extend(leftovers);
    match args.format {
        ReportFormat::Human => {
            report::inferred(&checked);
            report::build_report(&checked);
        }
        ReportFormat::Github | ReportFormat::Json => {
            report::machine_report(&checked, args.format, &args.site.root.dir);
        }
    }
    let problems = report::summary(&checked.diagnostics);
    if checked.failed() {
        return Err(Error::Failed(format!("Check failed ({problems}).")));
    }
    report::status(&format!("Check passed ({problems})."));
    Ok(())
}

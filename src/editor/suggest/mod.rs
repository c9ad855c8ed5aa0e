//! `digest suggest [STORY] [--write]`: proposes quote variants and disputed details for a
//! story, from its articles alone, as YAML ready to paste into its sidecars.
//!
//! The story is loaded and checked as a build loads and checks it, and a story with errors is
//! reported the same way and gets no suggestions: they would be made from texts the build
//! does not accept. The suggestions go to stdout, or with `--write` into
//! `quotes.suggested.yaml` and `disputes.suggested.yaml` beside the sidecars; the editor's own
//! files are never written (the load stage reads sidecars by their exact names, so the
//! `.suggested` files are not part of the site).

pub mod disputes;
pub mod quotes;
pub mod scan;
pub mod text;
pub mod yaml;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::load::{self, Story, read};

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The story's folder name under content/stories/ (may be left out when there is one).
    pub story: Option<String>,
    /// Write quotes.suggested.yaml and disputes.suggested.yaml into the story's folder
    /// instead of printing them (the editor's quotes.yaml and disputes.yaml are never written).
    #[arg(long)]
    pub write: bool,
    /// The site's folder (the one with site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

pub const QUOTES_FILE: &str = "quotes.suggested.yaml";
pub const DISPUTES_FILE: &str = "disputes.suggested.yaml";

/// What `suggest` proposes for one story.
pub struct Suggestions {
    pub quotes: Vec<quotes::Group>,
    pub disputes: Vec<disputes::Dispute>,
}

/// The suggestions for a loaded story.
pub fn suggest(story: &Story) -> Suggestions {
    let segments = quotes::segments(&story.articles);
    let mut groups = quotes::group(&story.articles, &segments);
    quotes::mark_known(&mut groups, &quotes::known_variants(story));
    let sentences = disputes::sentences(&story.articles);
    let disputes = disputes::find(&story.articles, &sentences);
    Suggestions {
        quotes: groups,
        disputes,
    }
}

/// The two files' texts: (quotes, disputes).
pub fn render(story: &Story, suggestions: &Suggestions) -> (String, String) {
    let quote_ids: Vec<String> = story
        .quotes
        .entries
        .iter()
        .map(|q| q.id.value.clone())
        .collect();
    let dispute_ids: Vec<String> = story
        .disputes
        .entries
        .iter()
        .map(|d| d.id.value.clone())
        .collect();
    (
        yaml::quotes(&story.slug, &suggestions.quotes, &quote_ids),
        yaml::disputes(&story.slug, &suggestions.disputes, &dispute_ids),
    )
}

pub fn run(args: &SuggestArgs) -> ExitCode {
    let files = read::read_site(&args.root);
    let (story, problems) = load_story(&files, args.story.as_deref());
    let mut err = std::io::stderr().lock();
    for d in problems.sorted() {
        let _ = writeln!(err, "{}", diagnostics::render(d, files.text(&d.file)));
    }
    let Some(story) = story.filter(|_| !problems.has_errors()) else {
        let _ = writeln!(
            err,
            "Suggest failed ({}); nothing was written.",
            crate::cli::summary(&problems)
        );
        return ExitCode::FAILURE;
    };
    let suggestions = suggest(&story);
    let (quotes_yaml, disputes_yaml) = render(&story, &suggestions);
    if !args.write {
        let mut out = std::io::stdout().lock();
        let _ = write!(
            out,
            "# {QUOTES_FILE}\n{quotes_yaml}---\n# {DISPUTES_FILE}\n{disputes_yaml}"
        );
        return ExitCode::SUCCESS;
    }
    let dir = args.root.join(&story.dir);
    for (name, text) in [(QUOTES_FILE, &quotes_yaml), (DISPUTES_FILE, &disputes_yaml)] {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            let _ = writeln!(err, "error: cannot write {}/{name}: {e}", story.dir);
            return ExitCode::FAILURE;
        }
    }
    let _ = writeln!(
        err,
        "Wrote {} quote groups to {}/{QUOTES_FILE} and {} disputes to {}/{DISPUTES_FILE}.",
        suggestions.quotes.len(),
        story.dir,
        suggestions.disputes.len(),
        story.dir
    );
    ExitCode::SUCCESS
}

/// Loads and checks the story as a build does: the settings, the outlets and the story's
/// files, its ids, citations and quotes. `slug` may be `None` when the site has one story.
fn load_story(files: &read::SiteFiles, slug: Option<&str>) -> (Option<Story>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let stories = files.stories.as_ref();
    let slugs: Vec<&str> = stories
        .into_iter()
        .flat_map(|s| s.keys().map(String::as_str))
        .collect();
    let chosen = match slug {
        Some(s) => s.trim_end_matches('/').rsplit('/').next().unwrap_or(s),
        None if slugs.len() == 1 => slugs[0],
        None => {
            let message = if slugs.is_empty() {
                "the site has no stories to suggest for".to_string()
            } else {
                format!("the site has {} stories: say which one", slugs.len())
            };
            problems.push(
                Diagnostic::error(read::STORIES_DIR, None, message).with_hint(
                    diagnostics::unknown_id_hint("", slugs.iter().copied(), "story folder"),
                ),
            );
            return (None, problems);
        }
    };
    let Some(story_files) = stories.and_then(|s| s.get(chosen)) else {
        problems.push(
            Diagnostic::error(
                read::STORIES_DIR,
                None,
                format!("there is no story `{chosen}`"),
            )
            .with_hint(diagnostics::unknown_id_hint(
                chosen,
                slugs.iter().copied(),
                "story folder",
            )),
        );
        return (None, problems);
    };
    let Some(config) = load::parse_config(files, &mut problems) else {
        return (None, problems);
    };
    let site = load::parse_site(files, config, &mut problems);
    problems.extend(crate::verify::verify_site(&site));
    let story = load::parse_story(&site, story_files, &mut problems);
    if let Some(story) = &story {
        problems.extend(crate::verify::verify_story(&site, story).1);
    }
    if site.config.strict {
        problems.promote_warnings();
    }
    (story, problems)
}

/// An article with these paragraphs, loaded by the real load stage (for the unit tests).
#[cfg(test)]
pub(crate) fn test_article(id: &str, paragraphs: &[&str]) -> crate::load::Article {
    let (_, story, _) = crate::test_support::story_from(
        "",
        &[
            ("story.md", "---\ntitle: T\ndate: 2024-01-01\n---\n"),
            (&format!("articles/{id}.md"), "---\ntitle: T\n---\nx"),
        ],
    );
    let mut article = story.expect("story").articles.remove(0);
    article.paragraphs = paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| crate::load::paragraphs::Paragraph {
            number: i + 1,
            text: t.to_string(),
            line: i + 1,
        })
        .collect();
    article
}

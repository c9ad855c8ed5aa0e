//! Loading a site, or one of its stories, as a build does: the one way in for `digest build`,
//! `check` and `serve` and for the editors' tools (`suggest`, `import`), so that a tool never
//! accepts a site the build would refuse, nor reports its problems differently.

use std::path::Path;

use super::{BuildOptions, stages};
use crate::diagnostics::{Diagnostic, Diagnostics, nearest};
use crate::layout::STORIES_DIR;
use crate::load::config::SiteConfig;
use crate::load::files::{SiteFiles, StoryFiles};
use crate::load::{Site, Story, read};
use crate::verify::VerifiedStory;

/// A site's settings and outlets, read and checked; its stories listed, not yet read.
#[derive(Debug)]
pub struct LoadedSite {
    /// site.yaml, sources.yaml, index.md, the site's static and translation files
    /// (`stories` is an empty map: stories are read one at a time, see [`load_story`]).
    pub files: SiteFiles,
    /// The story folders' names, sorted; `None` when there is no `content/stories` folder.
    pub slugs: Option<Vec<String>>,
    /// `None` when site.yaml could not be read.
    pub site: Option<Site>,
    /// The problems of site.yaml, sources.yaml, index.md and `--base-url`; warnings are
    /// errors when [`BuildOptions::warnings_are_errors`] says so.
    pub diagnostics: Diagnostics,
    /// Whether warnings are errors for this site (see [`BuildOptions::warnings_are_errors`]).
    pub strict: bool,
}

impl LoadedSite {
    /// The story folders' names (none when there is no `content/stories` folder).
    pub fn slugs(&self) -> &[String] {
        self.slugs.as_deref().unwrap_or_default()
    }
}

/// One story of a loaded site, parsed and verified. A stage that could not run (errors
/// earlier) is `None`.
#[derive(Debug)]
pub struct LoadedStory {
    /// The files read from its folder, for quoting their lines in diagnostics.
    pub files: StoryFiles,
    /// The story as parsed; `None` when it could not be (no readable story.md, bad front
    /// matter, an invalid folder name: reported).
    pub story: Option<Story>,
    /// The story verified, even with errors (they are in `diagnostics`); `None` exactly when
    /// `story` is.
    pub verified: Option<VerifiedStory>,
    /// Parsing and verification problems (warnings promoted as for the site).
    pub diagnostics: Diagnostics,
}

impl BuildOptions {
    /// Whether warnings are errors: `--strict`, or `strict: true` in site.yaml. The one place
    /// that says so, for every command.
    pub fn warnings_are_errors(&self, config: Option<&SiteConfig>) -> bool {
        self.strict || config.is_some_and(|c| c.strict)
    }
}

/// Reads and checks the site at `root`: its settings (with the options' overrides), outlets
/// and introduction, and the names of its story folders.
pub fn load_site(root: &Path, options: &BuildOptions) -> LoadedSite {
    let (files, slugs) = read::read_settings(root);
    let (site, mut diagnostics) = stages::parse_site(&files, options);
    let strict = options.warnings_are_errors(site.as_ref().map(|s| &s.config));
    if strict {
        diagnostics.promote_warnings();
    }
    LoadedSite {
        files,
        slugs: slugs.map(|s| s.into_iter().collect()),
        site,
        diagnostics,
        strict,
    }
}

/// Reads, parses and verifies the story `slug` of a loaded site; `None` when the site has no
/// settings to check it against or the folder is gone.
pub fn load_story(root: &Path, loaded: &LoadedSite, slug: &str) -> Option<LoadedStory> {
    let site = loaded.site.as_ref()?;
    let files = read::read_story(root, slug)?;
    let (story, verified, mut diagnostics) = stages::parse_and_verify(site, &files);
    if loaded.strict {
        diagnostics.promote_warnings();
    }
    Some(LoadedStory {
        files,
        story,
        verified,
        diagnostics,
    })
}

/// The story a command is about: the one named (a folder name, or its path such as
/// `content/stories/<slug>/`), or the site's only story when none is named. `how_to_name` says
/// how to name one on this command's line ("with --story SLUG").
pub fn pick_story(
    slugs: &[String],
    wanted: Option<&str>,
    how_to_name: &str,
) -> Result<String, Box<Diagnostic>> {
    let listed = || {
        let shown: Vec<String> = slugs.iter().take(12).map(|s| format!("`{s}`")).collect();
        let more = if slugs.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        format!("the stories are {}{more}", shown.join(", "))
    };
    let no_stories = || {
        Diagnostic::error(STORIES_DIR, None, "the site has no stories yet")
            .with_hint("start one with `digest new story SLUG`")
    };
    let chosen = match wanted {
        Some(path) => {
            let trimmed = path.trim_end_matches('/');
            trimmed.rsplit('/').next().unwrap_or(trimmed)
        }
        None => match slugs {
            [only] => return Ok(only.clone()),
            [] => return Err(Box::new(no_stories())),
            _ => {
                return Err(Box::new(
                    Diagnostic::error(
                        STORIES_DIR,
                        None,
                        format!(
                            "the site has {} stories: say which one {how_to_name}",
                            slugs.len()
                        ),
                    )
                    .with_hint(listed()),
                ));
            }
        },
    };
    if slugs.iter().any(|s| s == chosen) {
        return Ok(chosen.to_string());
    }
    if slugs.is_empty() {
        return Err(Box::new(no_stories()));
    }
    Err(Box::new(
        Diagnostic::error(STORIES_DIR, None, format!("there is no story `{chosen}`")).with_hint(
            match nearest(chosen, slugs.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => listed(),
            },
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_only_story_need_not_be_named() {
        assert_eq!(pick_story(&slugs(&["a"]), None, "").unwrap(), "a");
        let none = pick_story(&[], None, "").unwrap_err();
        assert_eq!(none.message, "the site has no stories yet");
        let two = pick_story(&slugs(&["a", "b"]), None, "with --story SLUG").unwrap_err();
        assert_eq!(
            two.message,
            "the site has 2 stories: say which one with --story SLUG"
        );
        assert_eq!(two.hint.as_deref(), Some("the stories are `a`, `b`"));
    }

    #[test]
    fn a_story_is_named_by_its_folder_or_its_path() {
        let known = slugs(&["valdai-2024", "other"]);
        for named in [
            "valdai-2024",
            "valdai-2024/",
            "content/stories/valdai-2024/",
        ] {
            assert_eq!(pick_story(&known, Some(named), "").unwrap(), "valdai-2024");
        }
        let typo = pick_story(&known, Some("valdai-2042"), "").unwrap_err();
        assert_eq!(typo.message, "there is no story `valdai-2042`");
        assert_eq!(typo.hint.as_deref(), Some("did you mean `valdai-2024`?"));
        let far = pick_story(&known, Some("zzzzzzzzzz"), "").unwrap_err();
        assert_eq!(
            far.hint.as_deref(),
            Some("the stories are `valdai-2024`, `other`")
        );
    }
}

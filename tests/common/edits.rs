//! The edits an editor makes, for the tests that compare rebuilds with clean builds
//! (`tests/rebuild.rs` in memory, `tests/incremental.rs` on disk).
//!
//! Between them they touch every kind of input a rebuild must follow (an article, the
//! annotation, a sidecar, a story added or removed, the outlets, the settings, the front page,
//! the theme's templates, stylesheet and labels, the site's `static/` and `i18n/` folders,
//! topics, updates, pagination), so that no way a change reaches the output goes untested.
//! Some break the site on purpose (those marked "an error"): a rebuild must then report what a
//! clean build reports and publish nothing. [`Edit::Undo`] brings the site back to one that
//! builds, so that a sequence goes on comparing pages after a breaking edit.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::strategy::Strategy;

use super::{STORY, Site, copy_dir};

/// One edit of a copy of the example site. The doc comment of each says what it changes and,
/// where that is not the whole reason, what a rebuild must get right about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// An article gains a paragraph: one story and its search entries change.
    ArticleGainsAParagraph,
    /// A quoted passage disappears from its article: the quotes and citations of it break (an
    /// error).
    QuotedPassageRemoved,
    /// The story's annotation gains a citation.
    AnnotationGainsACitation,
    /// The annotation cites an article that does not exist (an error).
    AnnotationCitesAnUnknownArticle,
    /// A quote's wording changes in its sidecar (quotes.yaml).
    QuoteReworded,
    /// A sidecar (disputes.yaml) becomes malformed YAML (an error).
    DisputesMalformed,
    /// The story's title changes: besides the story, the home page, the feeds and the outlet
    /// pages show it.
    TitleChanged,
    /// A partial template (the timeline's) changes.
    TimelineTemplateChanged,
    /// A partial template (the quotes') no longer parses (an error).
    QuotesTemplateBroken,
    /// A new story: a copy of the example's.
    StoryCopied,
    /// A new story that is a draft: left out unless drafts are built.
    DraftStoryCopied,
    /// A story is deleted: the example, or the newest copy.
    NewestStoryDeleted,
    /// An outlet's name changes in sources.yaml.
    OutletRenamed,
    /// The site's title changes in site.yaml: every page shows it.
    SiteTitleChanged,
    /// The front page gains an introduction (content/index.md).
    IntroductionAdded,
    /// The front page's introduction goes.
    IntroductionRemoved,
    /// A sidecar (timeline.yaml) is deleted.
    TimelineDeleted,
    /// An article's front matter names an outlet that does not exist (an error).
    ArticleNamesUnknownOutlet,
    /// The theme's stylesheet changes: no page, only a static file.
    ThemeStylesheetChanged,
    /// The base template, which every page extends, changes.
    BaseTemplateChanged,
    /// The home page's template changes, with a template comment beside the HTML one.
    HomeTemplateChanged,
    /// The outlet page's template changes.
    OutletTemplateChanged,
    /// The theme's code highlighting (theme.yaml) changes: the syntax stylesheet follows.
    HighlightThemeChanged,
    /// The site's static/ folder is created with a custom domain's CNAME and an image in a
    /// folder of its own.
    StaticFilesAdded,
    /// A file of static/ replaces the theme's stylesheet.
    StaticStylesheetReplacesThemes,
    /// The static/ folder goes: what it replaced comes back.
    StaticFolderRemoved,
    /// A file of static/ would replace a file the build writes (robots.txt; an error).
    StaticFileReplacesAPage,
    /// A label changes in the theme's translation file.
    ThemeLabelChanged,
    /// The site overrides one label in its own i18n/ folder.
    SiteLabelOverridden,
    /// The site's i18n/ folder names a label that does not exist (an error).
    SiteLabelUnknown,
    /// The story's topics change: topic pages appear and go.
    TopicsChanged,
    /// A topic is misspelt (an error against site.yaml's list of topics).
    TopicMisspelt,
    /// The story gains an update: the date of its last change moves.
    UpdateAdded,
    /// The home and topic pages are split into pages of one story, or no longer are.
    PaginationToggled,
    /// Undo: the example story and the theme as the repository has them, and no static/ or
    /// i18n/ folder, so that a sequence goes back to a site that builds and its pages are
    /// compared again.
    Undo,
}

impl Edit {
    /// Every edit, in the order the tests that make each in turn apply them (a breaking edit
    /// early, its repair by `Undo` last).
    pub const ALL: &'static [Edit] = &[
        Edit::ArticleGainsAParagraph,
        Edit::QuotedPassageRemoved,
        Edit::AnnotationGainsACitation,
        Edit::AnnotationCitesAnUnknownArticle,
        Edit::QuoteReworded,
        Edit::DisputesMalformed,
        Edit::TitleChanged,
        Edit::TimelineTemplateChanged,
        Edit::QuotesTemplateBroken,
        Edit::StoryCopied,
        Edit::DraftStoryCopied,
        Edit::NewestStoryDeleted,
        Edit::OutletRenamed,
        Edit::SiteTitleChanged,
        Edit::IntroductionAdded,
        Edit::IntroductionRemoved,
        Edit::TimelineDeleted,
        Edit::ArticleNamesUnknownOutlet,
        Edit::ThemeStylesheetChanged,
        Edit::BaseTemplateChanged,
        Edit::HomeTemplateChanged,
        Edit::OutletTemplateChanged,
        Edit::HighlightThemeChanged,
        Edit::StaticFilesAdded,
        Edit::StaticStylesheetReplacesThemes,
        Edit::StaticFolderRemoved,
        Edit::StaticFileReplacesAPage,
        Edit::ThemeLabelChanged,
        Edit::SiteLabelOverridden,
        Edit::SiteLabelUnknown,
        Edit::TopicsChanged,
        Edit::TopicMisspelt,
        Edit::UpdateAdded,
        Edit::PaginationToggled,
        Edit::Undo,
    ];

    /// Any one edit, for proptest; it shrinks towards the start of [`Edit::ALL`].
    pub fn any() -> impl Strategy<Value = Edit> {
        proptest::sample::select(Edit::ALL)
    }

    /// Makes the edit in `site`; returns the paths a file watcher would report. `step`, the
    /// number of edits made before, goes into what the edit writes, so that making the same
    /// edit again still changes something.
    pub fn apply(self, site: &Site, step: usize) -> Vec<PathBuf> {
        let root = &site.root;
        let story = |slug: &str, rel: &str| root.join(format!("content/stories/{slug}/{rel}"));
        // Edits of a file whose story an earlier step deleted change nothing.
        let append = |path: &Path, text: &str| {
            if !path.parent().is_some_and(Path::exists) {
                return vec![];
            }
            let mut s = fs::read_to_string(path).unwrap_or_default();
            s.push_str(text);
            fs::write(path, s).unwrap();
            vec![path.to_path_buf()]
        };
        let replace = |path: &Path, from: &str, to: &str| {
            let Ok(s) = fs::read_to_string(path) else {
                return vec![];
            };
            fs::write(path, s.replacen(from, to, 1)).unwrap();
            vec![path.to_path_buf()]
        };
        match self {
            Edit::ArticleGainsAParagraph => append(
                &story(STORY, "articles/fakti.md"),
                &format!("\nA paragraph added in step {step}.\n"),
            ),
            Edit::QuotedPassageRemoved => replace(
                &story(STORY, "articles/fakti.md"),
                "bravely, like a man",
                "bravely",
            ),
            Edit::AnnotationGainsACitation => append(
                &story(STORY, "story.md"),
                &format!("\nStep {step} [@kyivpost].\n"),
            ),
            Edit::AnnotationCitesAnUnknownArticle => {
                append(&story(STORY, "story.md"), "\nA typo [@kyivpots].\n")
            }
            Edit::QuoteReworded => replace(
                &story(STORY, "quotes.yaml"),
                "He turned out to be a courageous person",
                "He turned out to be a courageous",
            ),
            Edit::DisputesMalformed => {
                append(&story(STORY, "disputes.yaml"), "\n- id: [unclosed\n")
            }
            Edit::TitleChanged => replace(
                &story(STORY, "story.md"),
                "title: Putin congratulates",
                &format!("title: Step {step}, Putin congratulates"),
            ),
            Edit::TimelineTemplateChanged => append(
                &root.join("themes/default/templates/partials/timeline.html"),
                &format!("\n<p>step {step}</p>\n"),
            ),
            Edit::QuotesTemplateBroken => append(
                &root.join("themes/default/templates/partials/quotes.html"),
                "\n{% if %}\n",
            ),
            Edit::StoryCopied | Edit::DraftStoryCopied => {
                let copy = format!("copy-{step}");
                let from = root.join(format!("content/stories/{STORY}"));
                if from.exists() {
                    copy_dir(&from, &root.join(format!("content/stories/{copy}")));
                    if self == Edit::DraftStoryCopied {
                        replace(
                            &story(&copy, "story.md"),
                            "date: 2024-11-07",
                            "date: 2024-11-08\ndraft: true",
                        );
                    }
                }
                vec![root.join(format!("content/stories/{copy}"))]
            }
            Edit::NewestStoryDeleted => {
                let victim = fs::read_dir(root.join("content/stories"))
                    .unwrap()
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .max();
                match victim {
                    Some(dir) => {
                        fs::remove_dir_all(&dir).unwrap();
                        vec![dir]
                    }
                    None => vec![],
                }
            }
            Edit::OutletRenamed => replace(
                &root.join("content/sources.yaml"),
                "name: Kyiv Post",
                &format!("name: Kyiv Post {step}"),
            ),
            Edit::SiteTitleChanged => replace(
                &root.join("site.yaml"),
                "title: \"Digest",
                &format!("title: \"Digest {step}"),
            ),
            Edit::IntroductionAdded => append(
                &root.join("content/index.md"),
                &format!("Introduction, step {step}.\n"),
            ),
            Edit::IntroductionRemoved => {
                let path = root.join("content/index.md");
                let _ = fs::remove_file(&path);
                vec![path]
            }
            Edit::TimelineDeleted => {
                let path = story(STORY, "timeline.yaml");
                let _ = fs::remove_file(&path);
                vec![path]
            }
            Edit::ArticleNamesUnknownOutlet => replace(
                &story(STORY, "articles/newszop.md"),
                "source: newszop",
                "source: newzsop",
            ),
            Edit::ThemeStylesheetChanged => append(
                &root.join("themes/default/static/style.css"),
                &format!("\n/* step {step} */\n"),
            ),
            Edit::BaseTemplateChanged => replace(
                &root.join("themes/default/templates/base.html"),
                "</footer>",
                &format!("<p>step {step}</p></footer>"),
            ),
            Edit::HomeTemplateChanged => replace(
                &root.join("themes/default/templates/index.html"),
                "{% endblock main %}",
                &format!("{{# step {step} #}}<!-- step {step} -->\n{{% endblock main %}}"),
            ),
            Edit::OutletTemplateChanged => replace(
                &root.join("themes/default/templates/outlet.html"),
                "{% endblock main %}",
                &format!("<!-- step {step} -->\n{{% endblock main %}}"),
            ),
            Edit::HighlightThemeChanged => replace(
                &root.join("themes/default/theme.yaml"),
                "highlight_theme: InspiredGitHub",
                "highlight_theme: Solarized (light)",
            ),
            Edit::StaticFilesAdded => {
                let dir = root.join("static/img");
                fs::create_dir_all(&dir).unwrap();
                fs::write(
                    root.join("static/CNAME"),
                    format!("news{step}.example.org\n"),
                )
                .unwrap();
                fs::write(dir.join("logo.svg"), format!("<svg><!-- {step} --></svg>")).unwrap();
                vec![root.join("static/CNAME"), dir.join("logo.svg")]
            }
            Edit::StaticStylesheetReplacesThemes => {
                fs::create_dir_all(root.join("static")).unwrap();
                let path = root.join("static/style.css");
                fs::write(&path, format!("/* the site's own, step {step} */\n")).unwrap();
                vec![path]
            }
            Edit::StaticFolderRemoved => {
                let dir = root.join("static");
                let _ = fs::remove_dir_all(&dir);
                vec![dir]
            }
            Edit::StaticFileReplacesAPage => {
                fs::create_dir_all(root.join("static")).unwrap();
                let path = root.join("static/robots.txt");
                fs::write(&path, "User-agent: *\n").unwrap();
                vec![path]
            }
            Edit::ThemeLabelChanged => replace(
                &root.join("themes/default/i18n/en.yaml"),
                "timeline: Timeline",
                &format!("timeline: Timeline {step}"),
            ),
            Edit::SiteLabelOverridden | Edit::SiteLabelUnknown => {
                fs::create_dir_all(root.join("i18n")).unwrap();
                let path = root.join("i18n/en.yaml");
                let key = if self == Edit::SiteLabelOverridden {
                    "sources"
                } else {
                    "sourcez"
                };
                fs::write(&path, format!("{key}: Sources, step {step}\n")).unwrap();
                vec![path]
            }
            Edit::TopicsChanged => replace(
                &story(STORY, "story.md"),
                "tags: [us-election-2024, russia-us, valdai]",
                "tags: [valdai]",
            ),
            Edit::TopicMisspelt => replace(&story(STORY, "story.md"), "russia-us,", "russia-usa,"),
            Edit::UpdateAdded => replace(
                &story(STORY, "story.md"),
                "updates:\n",
                &format!(
                    "updates:\n  - date: 2024-11-{:02}\n    note: Step {step}.\n",
                    9 + step % 20
                ),
            ),
            Edit::PaginationToggled => {
                let path = root.join("site.yaml");
                let s = fs::read_to_string(&path).unwrap();
                let toggled = match s.strip_suffix("paginate: 1\n") {
                    Some(before) => before.to_string(),
                    None => format!("{s}paginate: 1\n"),
                };
                fs::write(&path, toggled).unwrap();
                vec![path]
            }
            Edit::Undo => {
                let static_dir = root.join("static");
                let _ = fs::remove_dir_all(&static_dir);
                let i18n_dir = root.join("i18n");
                let _ = fs::remove_dir_all(&i18n_dir);
                let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
                let story_dir = root.join(format!("content/stories/{STORY}"));
                let _ = fs::remove_dir_all(&story_dir);
                copy_dir(&repo.join(format!("content/stories/{STORY}")), &story_dir);
                let theme_dir = root.join("themes/default");
                let _ = fs::remove_dir_all(&theme_dir);
                copy_dir(&repo.join("themes/default"), &theme_dir);
                vec![story_dir, theme_dir, static_dir, i18n_dir]
            }
        }
    }
}

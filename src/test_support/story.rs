//! A one-story site built from strings by the real load stage, for the tests of the stages
//! after it.

/// A one-story site built from strings, parsed with the real load stage: `files` are paths
/// below the story folder (`story.md`, `quotes.yaml`, `articles/a.md`, …) and their text.
/// Returns the site, the story (if it parsed) and every problem of loading it.
pub(crate) fn story_from(
    sources_yaml: &str,
    files: &[(&str, &str)],
) -> (
    crate::load::Site,
    Option<crate::load::Story>,
    crate::diagnostics::Diagnostics,
) {
    use crate::layout::Sidecar;
    use crate::load::files::{File, SiteFiles, StoryFiles};
    let dir = "content/stories/s";
    let file = |name: &str| {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| File::from_text(format!("{dir}/{n}"), *text))
    };
    // Sorted by path, as the reader lists them.
    let mut articles: Vec<File> = files
        .iter()
        .filter(|(n, _)| n.starts_with("articles/"))
        .map(|(n, text)| File::from_text(format!("{dir}/{n}"), *text))
        .collect();
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    let story = StoryFiles {
        slug: "s".into(),
        dir: dir.into(),
        refused: None,
        story: file("story.md"),
        sidecars: Sidecar::ALL.map(|s| file(s.file_name())),
        articles: Some(articles),
        ignored: Vec::new(),
    };
    let site_files = SiteFiles {
        root: "/site".into(),
        config: File::from_text("site.yaml", "title: T\nbase_url: https://example.org/\n"),
        sources: Some(File::from_text("content/sources.yaml", sources_yaml)),
        intro: None,
        stories: Some([("s".to_string(), story.clone())].into()),
        static_files: Vec::new(),
        translations: Vec::new(),
    };
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let config =
        crate::load::parse_config(&site_files, &mut diagnostics).expect("site.yaml parses");
    let site = crate::load::parse_site(&site_files, config, &mut diagnostics);
    let story = crate::load::parse_story(&site, &story, &mut diagnostics);
    (site, story, diagnostics)
}

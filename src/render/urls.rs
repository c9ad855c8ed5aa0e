//! Every output path and anchor of a site, built in one place so that a link and the page or
//! element it points at can never disagree. Paths are relative to the site's base path, with
//! `/`, no leading slash; a folder path ends in `/` and is written as `<path>index.html`.

/// The home page.
pub const HOME: &str = "";
/// The page a static host shows for any missing path.
pub const NOT_FOUND: &str = "404.html";

/// The site-wide files other programs read: the site's Atom feed, every story newest first.
pub const FEED: &str = "atom.xml";
/// Every page's address with its `lastmod`, for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// Lets every crawler in, and points it at the sitemap.
pub const ROBOTS: &str = "robots.txt";
/// The search page's index: the stories' search files and the table of term chunks.
pub const SEARCH_INDEX: &str = "search-index.json";
/// The search page.
pub const SEARCH: &str = "search/";
/// The code blocks' stylesheet, generated from the theme's syntect themes.
pub const SYNTAX_CSS: &str = "syntax.css";
/// An empty file that tells GitHub Pages not to run Jekyll on the site: Jekyll would leave out
/// every file and folder whose name starts with `_`.
pub const NOJEKYLL: &str = ".nojekyll";

/// The list of topics; each topic's page is [`tag`].
pub const TAGS: &str = "tags/";
/// Every story by year and month.
pub const ARCHIVE: &str = "archive/";
/// The list of outlets; each outlet's page is [`outlet`].
pub const SOURCES: &str = "sources/";
/// Every story's folder: its page, articles and data files ([`story`]).
const STORIES: &str = "stories/";
/// The folder of the home page's later pages ([`list_page`]).
const PAGES: &str = "page/";

/// The folders whose every file digest writes itself (see [`story`] and [`outlet`]).
const GENERATED_FOLDERS: [&str; 6] = [STORIES, SOURCES, SEARCH, TAGS, ARCHIVE, PAGES];

/// Whether digest itself writes the file at `path`, or may: the pages and data files, its
/// marker and its temporary files. A file of the site's `static/` folder may not take its
/// place. Every file a build writes that is not a theme's or a site's static file must be
/// named here (`tests/pages.rs` checks it for the example site).
pub fn is_generated(path: &str) -> bool {
    let top_level = [
        file(HOME).as_str(),
        NOT_FOUND,
        FEED,
        SITEMAP,
        ROBOTS,
        SEARCH_INDEX,
        SYNTAX_CSS,
        NOJEKYLL,
    ]
    .contains(&path);
    let name = path.rsplit('/').next().unwrap_or(path);
    top_level
        || GENERATED_FOLDERS.iter().any(|f| path.starts_with(f))
        // The build's marker (`.digest-build`), its staging files and its temporary names.
        || path.starts_with(".digest-")
        || name.ends_with(".digest-tmp")
}

/// `stories/<slug>/`
pub fn story(slug: &str) -> String {
    [STORIES, slug, "/"].concat()
}

/// The story an output path belongs to (`stories/<slug>/…` -> `<slug>`).
pub fn story_of(path: &str) -> Option<&str> {
    let (slug, _) = path.strip_prefix(STORIES)?.split_once('/')?;
    Some(slug)
}

/// `stories/<slug>/<article>/`: the outlet's article as digest keeps it.
pub fn article(slug: &str, article: &str) -> String {
    [STORIES, slug, "/", article, "/"].concat()
}

/// The folder of a story's outlet-by-outlet page; an article may not take this id.
pub use crate::layout::ROUNDUP_DIR;

/// `stories/<slug>/outlets/`: the story's outlets side by side, as a newsroom roundup.
pub fn roundup(slug: &str) -> String {
    story(slug) + ROUNDUP_DIR + "/"
}

/// `sources/<outlet>/`
pub fn outlet(id: &str) -> String {
    [SOURCES, id, "/"].concat()
}

/// `tags/<slug>/`: a topic's stories.
pub fn tag(slug: &str) -> String {
    [TAGS, slug, "/"].concat()
}

/// `tags/<slug>/atom.xml`: a topic's stories as a feed.
pub fn tag_feed(slug: &str) -> String {
    format!("{}atom.xml", tag(slug))
}

/// Page `number` (from 1) of a list that starts at `first` (the home page `""`, or a tag
/// page): the first page is `first` itself, the others `<first>page/<n>/`.
pub fn list_page(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}{PAGES}{number}/")
    }
}

/// The file written for an output path (`stories/x/` -> `stories/x/index.html`).
pub fn file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        [path, "index.html"].concat()
    } else {
        path.to_string()
    }
}

/// A story's machine-readable files, beside its page.
pub fn timeline_json(slug: &str) -> String {
    story(slug) + "timeline.json"
}

/// A story's own Atom feed: an entry per event, quote, dispute and verdict.
pub fn story_feed(slug: &str) -> String {
    story(slug) + "atom.xml"
}

/// A story's cited passages as a W3C Web Annotation collection, for annotation tools.
pub fn annotations_jsonld(slug: &str) -> String {
    story(slug) + "annotations.jsonld"
}

/// A story's searchable text, fetched by the search page when the index says it may match.
pub fn search_story(slug: &str) -> String {
    story(slug) + "search.json"
}

/// One chunk of the search index's term table, named by its contents' hash (so that a
/// browser holding an old chunk can never mix it with a new index).
pub fn search_terms(hash: &str) -> String {
    format!("{SEARCH}t-{hash}.json")
}

/// Anchor of an article page's headline (its `<h1>`), where citations of the headline's words
/// lead.
pub const HEADLINE_ANCHOR: &str = "article-title";

/// Anchor of a paragraph on an article page, by the paragraph's number (`p4`).
pub fn paragraph_anchor(number: usize) -> String {
    numbered("p", number)
}

/// Anchor of a timeline event on the story page, by its position (0-based) in the timeline.
pub fn event_anchor(index: usize) -> String {
    numbered("event-", index + 1)
}

/// Anchor of a key quote on the story page, by its `id:` (`quote-like-a-man`).
pub fn quote_anchor(id: &str) -> String {
    ["quote-", id].concat()
}

/// Anchor of a disputed detail on the story page, by its `id:` (`dispute-butler-date`).
pub fn dispute_anchor(id: &str) -> String {
    ["dispute-", id].concat()
}

/// An update or correction on the story page, by its position from the oldest (`update-1`).
pub fn update_anchor(number: usize) -> String {
    numbered("update-", number)
}

/// A numbered entry of the story page's source list.
pub fn note_anchor(number: usize) -> String {
    numbered("cite-note-", number)
}

/// One citation of source `number` in the text (`label` is `a`, `b`, … for repeated uses).
pub fn ref_anchor(number: usize, label: &str) -> String {
    let mut digits = itoa::Buffer::new();
    ["cite-ref-", digits.format(number), "-", label].concat()
}

/// The first marked passage of source `number` on an article page.
pub fn passage_anchor(number: usize) -> String {
    numbered("passage-", number)
}

/// `prefix`, then `number` in decimal. The paths and anchors above are made tens of
/// thousands of times in a build (every link to a paragraph, source and event), and `format!`
/// cost several times the copying: strings are joined with `concat`, numbers written by `itoa`.
fn numbered(prefix: &str, number: usize) -> String {
    let mut digits = itoa::Buffer::new();
    [prefix, digits.format(number)].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_paths_join_their_parts() {
        assert_eq!(paragraph_anchor(4), "p4");
        assert_eq!(event_anchor(9), "event-10");
        assert_eq!(note_anchor(120), "cite-note-120");
        assert_eq!(ref_anchor(3, "b"), "cite-ref-3-b");
        assert_eq!(passage_anchor(0), "passage-0");
        assert_eq!(update_anchor(usize::MAX), format!("update-{}", usize::MAX));
        assert_eq!(quote_anchor("like-a-man"), "quote-like-a-man");
        assert_eq!(article("valdai", "fakti"), "stories/valdai/fakti/");
        assert_eq!(roundup("valdai"), "stories/valdai/outlets/");
        assert_eq!(search_story("valdai"), "stories/valdai/search.json");
        assert_eq!(outlet("kyivpost"), "sources/kyivpost/");
    }

    #[test]
    fn folder_paths_are_written_as_index_files() {
        assert_eq!(file(HOME), "index.html");
        assert_eq!(file(&story("s")), "stories/s/index.html");
        assert_eq!(file(&article("s", "a")), "stories/s/a/index.html");
        assert_eq!(file(&outlet("o")), "sources/o/index.html");
        assert_eq!(file(NOT_FOUND), "404.html");
        assert_eq!(timeline_json("s"), "stories/s/timeline.json");
        assert_eq!(file(SEARCH), "search/index.html");
        assert_eq!(search_story("s"), "stories/s/search.json");
        assert_eq!(story_of(&file(&article("s", "a"))), Some("s"));
        assert_eq!(story_of("sources/o/index.html"), None);
        assert_eq!(file(&list_page(HOME, 1)), "index.html");
        assert_eq!(file(&list_page(HOME, 2)), "page/2/index.html");
        assert_eq!(file(&list_page(&tag("x"), 3)), "tags/x/page/3/index.html");
        assert_eq!(tag_feed("x"), "tags/x/atom.xml");
        assert_eq!(file(SOURCES), "sources/index.html");
    }

    #[test]
    fn generated_paths_are_digests_own() {
        for path in [
            "index.html",
            "404.html",
            "atom.xml",
            "robots.txt",
            ".nojekyll",
            crate::layout::OUTPUT_MARKER,
            "stories/s/photo.jpg",
            "sources/o/logo.png",
            "img/x.png.digest-tmp",
            "tags/x/index.html",
            "archive/index.html",
            "page/2/index.html",
        ] {
            assert!(is_generated(path), "{path}");
        }
        for path in [
            "CNAME",
            "img/logo.png",
            "style.css",
            "about/index.html",
            "stories",
        ] {
            assert!(!is_generated(path), "{path}");
        }
    }
}

//! The sitemap and robots.txt: every page a search engine may index, with when its content
//! last changed, and where the sitemap is. Their formats are fixed by their standards, so they
//! are built here rather than in the theme.

use std::collections::BTreeMap;

use super::{Pages, Scope, StoryListing, urls};
use crate::primitives::html::escape as xml_escape;
use crate::primitives::when::When;

/// `robots.txt`: everything may be crawled, and the sitemap says what there is.
pub(crate) fn add_robots(r: &Scope, pages: &mut Pages) {
    pages.insert(
        urls::ROBOTS,
        format!(
            "User-agent: *\nAllow: {}\n\nSitemap: {}\n",
            r.site_ctx.base_path,
            r.absolute_url(urls::SITEMAP)
        ),
    );
}

/// The sitemap: every page of the site (`site_pages`, the site-wide ones with their newest
/// story's date, and the stories' pages with the story's), with `lastmod` from the content.
/// The 404 page is not a page to index.
pub(crate) fn add_sitemap(
    r: &Scope,
    stories: &[&StoryListing],
    site_pages: &[(String, Option<When>)],
    pages: &mut Pages,
) {
    let mut entries: BTreeMap<&str, Option<When>> = site_pages
        .iter()
        .map(|(path, modified)| (path.as_str(), *modified))
        .collect();
    for story in stories {
        for path in &story.paths {
            entries.insert(path, Some(story.modified));
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, modified) in entries {
        if path == urls::NOT_FOUND || !path.ends_with(".html") {
            continue;
        }
        let dir = path.strip_suffix("index.html").unwrap_or(path);
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&r.absolute_url(dir))
        ));
        if let Some(modified) = modified {
            xml.push_str(&format!("<lastmod>{}</lastmod>", modified.rfc3339()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    pages.insert(urls::SITEMAP, xml);
}

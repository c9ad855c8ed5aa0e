//! Machine-readable output: the Atom feed, the sitemap, robots.txt and the JSON-LD embedded in
//! pages (`NewsArticle` for articles and stories, `ClaimReview` for resolved disputes). These
//! formats are fixed by their standards, so they are built here rather than in the theme.

use serde_json::{Value, json};

use std::collections::BTreeSet;

use super::context::{DisputeStatus, StoryCtx};
use super::{Pages, Scope, StoryListing, article_path, story_path, urls};
use crate::load::Story;
use crate::verify::VerifiedStory;

pub(crate) fn add_robots(r: &Scope, pages: &mut Pages) {
    pages.insert(
        urls::ROBOTS,
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            r.absolute_url(urls::SITEMAP)
        ),
    );
}

/// The sitemap: every page of the site (`site_pages`, the site-wide ones, and the stories').
pub(crate) fn add_sitemap(
    r: &Scope,
    stories: &[&StoryListing],
    site_pages: &[String],
    pages: &mut Pages,
) {
    let paths: BTreeSet<&str> = site_pages
        .iter()
        .chain(stories.iter().flat_map(|s| &s.paths))
        .map(String::as_str)
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        if path == urls::NOT_FOUND || !path.ends_with(".html") {
            continue;
        }
        let dir = path.strip_suffix("index.html").unwrap_or(path);
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&r.absolute_url(dir))
        ));
    }
    xml.push_str("</urlset>\n");
    pages.insert(urls::SITEMAP, xml);
}

pub(crate) fn add_feed(r: &Scope, stories: &[&StoryListing], pages: &mut Pages) {
    if r.site.config.feeds {
        pages.insert(urls::FEED, atom(r, stories));
    }
}

/// A story's entry in the Atom feed.
pub(crate) fn feed_entry(r: &Scope, story: &Story, ctx: &StoryCtx) -> String {
    let url = r.absolute_url(&story_path(story));
    let outlets: Vec<&str> = ctx
        .articles
        .iter()
        .map(|a| a.outlet.name.as_str())
        .collect();
    let summary = format!("{} Sources: {}.", story.summary, outlets.join(", "));
    format!(
        "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
        xml_escape(&story.title),
        xml_escape(&url),
        xml_escape(&url),
        story.date.rfc3339(),
        xml_escape(&r.site.config.title),
        xml_escape(summary.trim()),
    )
}

/// The feed: the stories' entries, newest first (stories of the same date in folder order).
fn atom(r: &Scope, stories: &[&StoryListing]) -> String {
    let config = &r.site.config;
    let mut entries: Vec<&StoryListing> = stories.to_vec();
    entries.sort_by_key(|s| std::cmp::Reverse(s.date.sort_key()));
    let updated = entries.first().map_or_else(
        || "1970-01-01T00:00:00+00:00".to_string(),
        |s| s.date.rfc3339(),
    );
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <generator>digest</generator>\n",
        xml_escape(&config.language),
        xml_escape(&config.title),
        xml_escape(&config.description),
        xml_escape(&config.base_url),
        xml_escape(&r.absolute_url(urls::FEED)),
        xml_escape(&config.base_url),
    );
    for story in entries {
        xml.push_str(&story.feed_entry);
    }
    xml.push_str("</feed>\n");
    xml
}

/// JSON-LD for a story page: the editor's piece as a `NewsArticle` citing the outlets'
/// articles, plus a `ClaimReview` for each resolved dispute.
pub(crate) fn story_json_ld(r: &Scope, story: &Story, ctx: &StoryCtx) -> String {
    let url = r.absolute_url(&story_path(story));
    let citations: Vec<Value> = ctx
        .articles
        .iter()
        .map(|a| {
            let mut v = json!({"@type": "NewsArticle", "headline": a.title, "url": r.absolute_url(a.url.trim_start_matches(&r.site_ctx.base_path))});
            if !a.outlet.unnamed {
                v["publisher"] = json!({"@type": "Organization", "name": a.outlet.name});
            }
            v
        })
        .collect();
    let mut graph = vec![json!({
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.summary,
        "datePublished": story.date.datetime_attr(),
        "url": url,
        "publisher": {"@type": "Organization", "name": r.site_ctx.title},
        "citation": citations,
    })];
    for d in ctx
        .disputes
        .iter()
        .filter(|d| d.status == DisputeStatus::Resolved)
    {
        let appearances: Vec<Value> = d
            .claims
            .iter()
            .flat_map(|c| &c.sources)
            .map(|s| json!({"@type": "NewsArticle", "url": r.absolute_url(s.article_url.trim_start_matches(&r.site_ctx.base_path)), "publisher": {"@type": "Organization", "name": s.outlet.name}}))
            .collect();
        graph.push(json!({
            "@type": "ClaimReview",
            "url": format!("{url}#{}", d.id),
            "claimReviewed": d.question,
            "reviewRating": {"@type": "Rating", "alternateName": d.verdict},
            "itemReviewed": {"@type": "Claim", "appearance": appearances},
            "author": {"@type": "Organization", "name": r.site_ctx.title},
        }));
    }
    script_safe(&json!({"@context": "https://schema.org", "@graph": graph}))
}

/// JSON-LD for an outlet's article as digest keeps it: a `NewsArticle` based on the original.
pub(crate) fn article_json_ld(
    r: &Scope,
    story: &Story,
    vs: &VerifiedStory,
    index: usize,
) -> String {
    let article = &story.articles[index];
    let outlet = r.outlet_label(vs, index);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": r.absolute_url(&article_path(story, article)),
        "isPartOf": {"@type": "WebPage", "url": r.absolute_url(&story_path(story))},
    });
    if !outlet.unnamed {
        v["publisher"] = json!({"@type": "Organization", "name": outlet.name});
    }
    if let Some(p) = &article.published {
        v["datePublished"] = json!(p.datetime_attr());
    }
    if let Some((u, _)) = &article.url {
        v["isBasedOn"] = json!(u);
    }
    if let Some(a) = &article.author {
        v["author"] = json!({"@type": "Person", "name": a});
    }
    script_safe(&v)
}

/// JSON inside `<script>` must not contain `</script>` or `<!--`: escape every `<`.
fn script_safe(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

use crate::primitives::html::escape as xml_escape;

//! `digest suggest [STORY] [--write]`: proposes quote variants and disputed details for a
//! story, from its articles alone, as YAML ready to paste into its sidecars.
//!
//! The story is loaded and checked as a build loads and checks it, and a story with errors is
//! reported the same way and gets no suggestions: they would be made from texts the build
//! does not accept. The suggestions go to stdout, or with `--write` into
//! `quotes.suggested.yaml` and `disputes.suggested.yaml` beside the sidecars; the editor's own
//! files are never written (the load stage reads sidecars by their exact names, so the
//! `.suggested` files are not part of the site).

pub(crate) mod disputes;
pub(crate) mod figures;
pub(crate) mod quotes;
mod scan;
mod text;
mod yaml;

use crate::load::{Site, Story};

/// What `suggest` proposes for one story.
pub struct Suggestions {
    pub(crate) quotes: Vec<quotes::Group>,
    pub(crate) disputes: Vec<disputes::SuggestedDispute>,
}

/// The suggestions for a loaded story (`site` says its outlets' languages, when it loaded).
pub fn suggest(story: &Story, site: Option<&Site>) -> Suggestions {
    let segments = quotes::segments(&story.articles);
    let mut groups = quotes::group(&story.articles, &segments);
    quotes::mark_known(&mut groups, &quotes::known_variants(story));
    let languages = article_languages(story, site);
    let sentences = disputes::sentences(&story.articles, &languages);
    let mut disputes = disputes::find(&story.articles, &sentences);
    disputes::mark_known(
        &story.articles,
        &mut disputes,
        &disputes::known_claims(story),
    );
    Suggestions {
        quotes: groups,
        disputes,
    }
}

/// Each article's language: its own `language:`, else its outlet's, else the site's (how
/// figures are read depends on it: `1.200` is twelve hundred in German).
pub fn article_languages(story: &Story, site: Option<&Site>) -> Vec<String> {
    story
        .articles
        .iter()
        .map(|article| {
            article
                .language
                .clone()
                .or_else(|| {
                    let site = site?;
                    let outlet = article.source.as_ref()?;
                    site.outlets
                        .iter()
                        .find(|o| o.id == outlet.0)?
                        .language
                        .clone()
                })
                .or_else(|| site.map(|s| s.config.language.clone()))
                .unwrap_or_default()
        })
        .collect()
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

/// An article with these paragraphs, loaded by the real load stage (for the unit tests).
#[cfg(test)]
pub(crate) fn test_article(id: &str, paragraphs: &[&str]) -> crate::load::Article {
    let (_, story, _) = crate::test_support::story::story_from(
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

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
mod speaker;
mod text;
mod yaml;

use crate::load::{Article, Site, Story};
use text::WordRules;

/// What `suggest` proposes for one story.
pub struct Suggestions {
    pub(crate) quotes: Vec<quotes::Group>,
    pub(crate) disputes: Vec<disputes::SuggestedDispute>,
}

/// The suggestions for a loaded story of `site` (`None` when site.yaml could not be read).
pub fn suggest(story: &Story, site: Option<&Site>) -> Suggestions {
    let languages = article_languages(story, site);
    let rules: Vec<WordRules> = languages
        .iter()
        .map(|l| WordRules::for_language(l))
        .collect();
    let segments = quotes::segments(&story.articles, &rules);
    let mut groups = quotes::group(&story.articles, &segments);
    quotes::mark_known(&mut groups, &quotes::known_variants(story));
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

/// The language each article is read and compared in (how figures are read depends on it:
/// `1.200` is twelve hundred in German): its front matter's, else its outlet's; else the one
/// its function words show (a copy pasted as `.txt` often says nothing, and an outlet in
/// Polish on an English site is not English); else the site's; empty when nothing tells.
pub fn article_languages(story: &Story, site: Option<&Site>) -> Vec<String> {
    story
        .articles
        .iter()
        .map(|article| article_language(article, site))
        .collect()
}

fn article_language(article: &Article, site: Option<&Site>) -> String {
    let declared = article.language.clone().or_else(|| {
        let (id, _) = article.source.as_ref()?;
        let outlet = site?.outlets.iter().find(|o| &o.id == id)?;
        outlet.language.clone()
    });
    declared
        .filter(|l| !l.trim().is_empty())
        .or_else(|| text::guess_language(&article_text(article)))
        .or_else(|| site.map(|s| s.config.language.clone()))
        .unwrap_or_default()
}

/// The first paragraphs of an article, enough to tell its language.
fn article_text(article: &Article) -> String {
    let mut out = String::new();
    for p in &article.paragraphs {
        if out.len() > 4000 {
            break;
        }
        out.push_str(&p.text);
        out.push('\n');
    }
    out
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
            (
                &format!("articles/{id}.md"),
                "---\ntitle: T\n---\nThe article reports what happened in a sentence.\n",
            ),
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

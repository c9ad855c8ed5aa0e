//! The JSON-LD embedded in pages: `NewsArticle` for articles and stories, `Quotation` for the
//! outlets' renderings of key quotes, `ClaimReview` for resolved disputes. The vocabulary is
//! schema.org's, so it is built here rather than in the theme.

use serde_json::{Value, json};

use super::context::{DisputeCtx, DisputeStatus, QuoteCtx, StoryCtx};
use super::{Scope, article_path, data, story_path};
use crate::load::{Story, UpdateKind};
use crate::primitives::when::When;
use crate::verify::{Quote, VerifiedStory};

/// JSON-LD for a story page: the editor's piece as a `NewsArticle` citing the outlets'
/// articles (and based on their originals), a `Quotation` for each outlet's rendering of each
/// key quote, and a `ClaimReview` for each resolved dispute.
pub(crate) fn story_json_ld(
    r: &Scope,
    story: &Story,
    vs: &VerifiedStory,
    ctx: &StoryCtx,
    modified: When,
) -> String {
    let page = StoryGraph {
        r,
        story,
        vs,
        url: r.absolute_url(&story_path(story)),
    };
    let mut graph = vec![page.digest(ctx, modified)];
    for (quote, qctx) in vs.quotes.iter().zip(&ctx.quotes) {
        graph.extend(page.quotations(quote, qctx));
    }
    for d in ctx
        .disputes
        .iter()
        .filter(|d| d.status == DisputeStatus::Resolved)
    {
        graph.push(page.claim_review(d, modified));
    }
    script_safe(&json!({"@context": "https://schema.org", "@graph": graph}))
}

/// One story page's JSON-LD being built: what its nodes need at hand.
struct StoryGraph<'a> {
    r: &'a Scope<'a>,
    story: &'a Story,
    vs: &'a VerifiedStory,
    /// The story page's absolute address, the `@id` of the editor's piece.
    url: String,
}

impl StoryGraph<'_> {
    /// The editor's piece, with its corrections.
    fn digest(&self, ctx: &StoryCtx, modified: When) -> Value {
        let (r, story, url) = (self.r, self.story, &self.url);
        let citations: Vec<Value> = (0..story.articles.len())
            .map(|i| self.article_ref(i))
            .collect();
        // Based on the articles as digest keeps them (their originals, when the editor gave
        // their addresses, are each copy's own `isBasedOn`).
        let based_on: Vec<String> = story
            .articles
            .iter()
            .map(|a| r.absolute_url(&article_path(story, a)))
            .collect();
        let mut digest = json!({
            "@type": "NewsArticle",
            "@id": url,
            "headline": story.title,
            "description": story.summary,
            "datePublished": story.date.rfc3339(),
            "dateModified": modified.rfc3339(),
            "inLanguage": r.site.config.language,
            "url": url,
            "mainEntityOfPage": url,
            "author": publisher(&r.site_ctx.title),
            "publisher": publisher(&r.site_ctx.title),
            "citation": citations,
            "isBasedOn": based_on,
        });
        let corrections: Vec<Value> = ctx
            .updates
            .iter()
            .filter(|u| u.kind == UpdateKind::Correction)
            .map(|u| {
                json!({
                    "@type": "CorrectionComment",
                    "text": data::plain_text(&u.note_html).trim(),
                    "datePublished": u.date.datetime,
                    "url": format!("{url}#{}", u.id),
                })
            })
            .collect();
        if !corrections.is_empty() {
            digest["correction"] = json!(corrections);
        }
        digest
    }

    /// A `Quotation` for each outlet's version of a key quote.
    fn quotations(&self, quote: &Quote, qctx: &QuoteCtx) -> Vec<Value> {
        let url = &self.url;
        quote
            .variants
            .iter()
            .zip(&qctx.variants)
            .map(|((text, cite), vctx)| {
                let mut v = json!({
                    "@type": "Quotation",
                    "text": text,
                    "spokenByCharacter": {"@type": "Person", "name": quote.speaker},
                    "url": format!("{url}#{}", qctx.id),
                    "isPartOf": {"@id": url},
                    "citation": self.article_ref(cite.article),
                    "isBasedOn": self.local(&vctx.article_url),
                });
                if let Some(language) = &self.story.articles[cite.article].language {
                    v["inLanguage"] = json!(language);
                }
                if let Some(date) = quote.date {
                    v["dateCreated"] = json!(date.datetime_attr());
                }
                v
            })
            .collect()
    }

    /// A resolved dispute's verdict, on the articles that made its claims.
    fn claim_review(&self, d: &DisputeCtx, modified: When) -> Value {
        let appearances: Vec<Value> = d
            .claims
            .iter()
            .flat_map(|c| &c.sources)
            .map(|s| json!({"@type": "NewsArticle", "url": self.local(&s.article_url), "publisher": publisher(&s.outlet.name)}))
            .collect();
        json!({
            "@type": "ClaimReview",
            "url": format!("{}#{}", self.url, d.id),
            "claimReviewed": d.question,
            "datePublished": modified.rfc3339(),
            "reviewRating": {"@type": "Rating", "alternateName": d.verdict},
            "itemReviewed": {"@type": "Claim", "appearance": appearances},
            "author": publisher(&self.r.site_ctx.title),
        })
    }

    /// An outlet's article as digest keeps it, based on its original.
    fn article_ref(&self, index: usize) -> Value {
        let (r, story) = (self.r, self.story);
        let a = &story.articles[index];
        let outlet = r.outlet_label(self.vs, index);
        let mut v = json!({"@type": "NewsArticle", "headline": a.title, "url": r.absolute_url(&article_path(story, a))});
        if !outlet.unnamed {
            v["publisher"] = publisher(&outlet.name);
        }
        if let Some((original, _)) = &a.url {
            v["isBasedOn"] = json!(original);
        }
        if let Some(language) = &a.language {
            v["inLanguage"] = json!(language);
        }
        v
    }

    /// The absolute address of a page of the site, from the path the templates get.
    fn local(&self, site_path: &str) -> String {
        let r = self.r;
        r.absolute_url(site_path.trim_start_matches(&r.site_ctx.base_path))
    }
}

fn publisher(name: &str) -> Value {
    json!({"@type": "Organization", "name": name})
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
    // The editor's words about the article: a translation of its headline, a description.
    if let Some(title) = article
        .editor_title
        .as_ref()
        .filter(|_| article.headline.is_some())
    {
        v["alternativeHeadline"] = json!(title);
    }
    if let Some(description) = &article.description {
        v["description"] = json!(description);
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
    let json = v.to_string();
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}

//! The outlet-by-outlet page of a story (`stories/<story>/outlets/`): one card per article,
//! side by side as in a newsroom roundup (the outlet, its headline, lede and date, the events
//! it reports, the side it takes in each dispute, the quotes it carries), then each quote's
//! variants aligned by outlet with the differing words marked as on the story page.

use super::context::*;
use super::links::{Links, event_cites, quote_label};
use super::story::when_ctx;
use super::urls;
use super::{PageSpec, Pages, Scope, article_path, cite_excerpt, story_path};
use crate::diagnostics::Diagnostics;
use crate::load::Story;
use crate::verify::{Cite, Quote, VerifiedStory};

/// Anchor of an article's card on the outlet-by-outlet page (`outlet-fakti`).
pub(crate) fn card_anchor(article_id: &str) -> String {
    format!("outlet-{article_id}")
}

impl Scope<'_> {
    /// The story's outlet-by-outlet page; `ctx` is the story page's.
    pub(super) fn roundup_page(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        ctx: &StoryCtx,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        let rctx = self.roundup_ctx(story, vs, ctx);
        let page = self.page_ctx(PageSpec {
            description: &self
                .t
                .fill("roundup_description", &[("summary", &story.summary)]),
            breadcrumbs: vec![Link {
                text: story.title.clone(),
                url: self.url(&story_path(story)),
            }],
            ..PageSpec::new(
                PageKind::Roundup,
                &urls::roundup(&story.slug),
                &self
                    .t
                    .fill("roundup_page_title", &[("story", &story.title)]),
            )
        });
        self.page(pages, diagnostics, page, &rctx);
    }

    /// The page's data; `ctx` is the story page's, whose quote variants are already marked.
    fn roundup_ctx(&self, story: &Story, vs: &VerifiedStory, ctx: &StoryCtx) -> RoundupCtx {
        let page = RoundupPage {
            r: self,
            story,
            vs,
            story_url: self.url(&story_path(story)),
            event_cites: vs.timeline.iter().map(event_cites).collect(),
        };
        let links = Links::of(vs);
        let cards = (0..story.articles.len()).map(|i| page.card(i)).collect();
        let quotes = vs
            .quotes
            .iter()
            .zip(&ctx.quotes)
            .zip(&links.quote_events)
            .map(|((q, qctx), events)| page.quote(q, qctx, events))
            .collect();
        RoundupCtx {
            story_title: story.title.clone(),
            story_url: page.story_url,
            date: self.date(&story.date),
            summary: story.summary.clone(),
            cards,
            quotes,
            event_count: vs.timeline.len(),
            dispute_count: vs.disputes.len(),
        }
    }
}

/// One story's roundup page being built: what its cards and quotes need at hand.
struct RoundupPage<'a> {
    r: &'a Scope<'a>,
    story: &'a Story,
    vs: &'a VerifiedStory,
    story_url: String,
    /// Everything each timeline event cites.
    event_cites: Vec<Vec<&'a Cite>>,
}

impl RoundupPage<'_> {
    /// Article `i`'s card: the article, and what it reports, claims and quotes.
    fn card(&self, i: usize) -> RoundupCard {
        let (r, vs) = (self.r, self.vs);
        let a = &self.story.articles[i];
        let outlet = vs.outlets[i].map(|o| &r.site.outlets[o]);
        let article_url = r.url(&article_path(self.story, a));
        let (sides, silent_on) = self.sides(i);
        RoundupCard {
            id: card_anchor(&a.id),
            outlet: r.outlet_label(vs, i),
            outlet_language: outlet.and_then(|o| o.language.clone()).unwrap_or_default(),
            outlet_kind: outlet.and_then(|o| o.kind.clone()).unwrap_or_default(),
            headline: a.title.clone(),
            title_language: r.title_language(self.story, vs, i),
            language: r.article_language(self.story, vs, i),
            translated_from: a.translated_from.clone().unwrap_or_default(),
            lede: a
                .paragraphs
                .first()
                .map(|p| p.text.trim().to_string())
                .unwrap_or_default(),
            date: a.published.as_ref().map(|d| r.date(d)),
            lede_url: a.paragraphs.first().map_or_else(
                || article_url.clone(),
                |p| format!("{article_url}#{}", urls::paragraph_anchor(p.number)),
            ),
            article_url,
            original_url: a.url.as_ref().map(|(u, _)| u.clone()).unwrap_or_default(),
            events: self.events(i),
            sides,
            silent_on,
            quotes: vs
                .quotes
                .iter()
                .filter(|q| q.variants.iter().any(|(_, c)| c.article == i))
                .map(|q| Link {
                    text: quote_label(q),
                    url: format!("#{}", urls::quote_anchor(&q.id)),
                })
                .collect(),
        }
    }

    /// The timeline events article `i` is cited for.
    fn events(&self, i: usize) -> Vec<RoundupEvent> {
        self.vs
            .timeline
            .iter()
            .enumerate()
            .filter(|(e, _)| self.event_cites[*e].iter().any(|c| c.article == i))
            .map(|(e, event)| RoundupEvent {
                title: event.title.clone(),
                url: format!("{}#{}", self.story_url, urls::event_anchor(e)),
                when: when_ctx(self.r.t, &event.dates, event.approximate),
            })
            .collect()
    }

    /// The disputes where article `i` backs a claim (with those claims), and those where it
    /// backs none.
    fn sides(&self, i: usize) -> (Vec<RoundupSide>, Vec<Link>) {
        let mut sides = Vec::new();
        let mut silent_on = Vec::new();
        for d in &self.vs.disputes {
            let url = format!("{}#{}", self.story_url, urls::dispute_anchor(&d.id));
            let claims: Vec<RoundupClaim> = d
                .claims
                .iter()
                .filter_map(|c| {
                    let cite = c.sources.iter().find(|s| s.article == i)?;
                    Some(RoundupClaim {
                        says: c.says.clone(),
                        standing: Standing::of(c.upheld),
                        quote: cite_excerpt(self.story, cite),
                        article_url: self.r.cite_url(self.story, cite),
                    })
                })
                .collect();
            if claims.is_empty() {
                silent_on.push(Link {
                    text: d.question.clone(),
                    url,
                });
            } else {
                sides.push(RoundupSide {
                    question: d.question.clone(),
                    url,
                    status: if d.resolved {
                        DisputeStatus::Resolved
                    } else {
                        DisputeStatus::Open
                    },
                    verdict: d.verdict.clone().unwrap_or_default(),
                    claims,
                });
            }
        }
        (sides, silent_on)
    }

    /// A key quote's row: each article's variant (as the story page marked it), or a gap.
    fn quote(&self, q: &Quote, qctx: &QuoteCtx, events: &[usize]) -> RoundupQuote {
        let (r, story) = (self.r, self.story);
        RoundupQuote {
            id: urls::quote_anchor(&q.id),
            speaker: q.speaker.clone(),
            context: q.context.clone().unwrap_or_default(),
            date: q.date.as_ref().map(|d| r.date(d)),
            language: q.language.clone().unwrap_or_default(),
            story_url: format!("{}#{}", self.story_url, urls::quote_anchor(&q.id)),
            cells: (0..story.articles.len())
                .map(|i| {
                    let outlet = r.outlet_label(self.vs, i);
                    match q.variants.iter().position(|(_, c)| c.article == i) {
                        Some(v) => RoundupVariant {
                            outlet,
                            present: true,
                            text_html: qctx.variants[v].text_html.clone(),
                            article_url: qctx.variants[v].article_url.clone(),
                            language: story.articles[i].language.clone().unwrap_or_default(),
                        },
                        None => RoundupVariant {
                            outlet,
                            present: false,
                            text_html: String::new(),
                            article_url: String::new(),
                            language: String::new(),
                        },
                    }
                })
                .collect(),
            events: events
                .iter()
                .map(|&e| Link {
                    text: self.vs.timeline[e].title.clone(),
                    url: format!("{}#{}", self.story_url, urls::event_anchor(e)),
                })
                .collect(),
        }
    }
}

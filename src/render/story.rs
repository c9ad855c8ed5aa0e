//! The story page: the annotation, timeline, quotes, disputes and coverage matrix, with every
//! citation numbered into the page's one source list in reading order.

use super::context::*;
use super::footnotes::{FootnoteEntry, Footnotes, backlink_label};
use super::links::{Links, event_cites, quote_label};
use super::markdown::MarkdownRenderer;
use super::urls::{self, note_anchor, ref_anchor};
use super::{
    Scope, article_path, cite_excerpt, date_ctx, diff, story_path, strip_fragment, text_fragment,
};
use crate::load::Story;
use crate::load::i18n::Translations;
use crate::primitives::html::escape;
use crate::primitives::when::When;
use crate::verify::{Claim, Dispute, Event, Quote, VerifiedStory};

impl Scope<'_> {
    /// The story page's data, section by section; `footnotes` is the page's source list,
    /// which it fills.
    pub(super) fn story_ctx(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        footnotes: &mut Footnotes,
    ) -> StoryCtx {
        let page = StoryPage {
            scope: self,
            story,
            vs,
            md: self.markdown(3),
            links: Links::of(vs),
        };
        let lanes = timeline_lanes(&vs.timeline);
        // A citation gets its number in the source list when it is first rendered, and readers
        // expect the numbers to count up down the page: so the sections that cite are rendered
        // here in the order the story page shows them (updates, annotation, timeline, quotes,
        // disputes). Reordering these lines renumbers every story's sources.
        let updates = page.updates(footnotes);
        let annotation_html = page.md.render(&vs.annotation, footnotes);
        let timeline = page.timeline(&lanes, footnotes);
        let quotes = page.quotes(footnotes);
        let disputes = page.disputes(footnotes);
        // What follows cites nothing: it reads the finished list.
        let coverage = self.coverage(story, vs, &timeline, &quotes, &disputes);
        let footnote_list = page.footnote_list(footnotes);
        let articles = page.articles(footnotes);
        StoryCtx {
            slug: story.slug.clone(),
            title: story.title.clone(),
            url: self.url(&story_path(story)),
            feed_url: if self.site.config.feeds {
                self.url(&urls::story_feed(&story.slug))
            } else {
                String::new()
            },
            date: self.date(&story.date),
            updated: updates.first().map(|u| u.date.clone()),
            updates,
            tags: self.tag_links(&story.tags),
            summary: story.summary.clone(),
            annotation_html,
            timeline,
            timeline_groups: timeline_groups(&vs.timeline),
            timeline_lanes: lanes,
            roundup_url: if self.has_page(PageKind::Roundup) {
                self.url(&urls::roundup(&story.slug))
            } else {
                String::new()
            },
            quotes,
            disputes,
            coverage,
            cited_article_count: articles.iter().filter(|a| a.citation_count > 0).count(),
            articles,
            footnotes: footnote_list,
        }
    }
}

/// One story page being built: what its sections need at hand.
struct StoryPage<'a> {
    scope: &'a Scope<'a>,
    story: &'a Story,
    vs: &'a VerifiedStory,
    /// The editor's Markdown, with `#` as the page's third heading level.
    md: MarkdownRenderer<'a>,
    links: Links,
}

impl StoryPage<'_> {
    /// The updates and corrections, newest first as the editor lists them.
    fn updates(&self, footnotes: &mut Footnotes) -> Vec<UpdateCtx> {
        let updates = &self.vs.updates;
        updates
            .iter()
            .enumerate()
            .map(|(i, u)| UpdateCtx {
                id: urls::update_anchor(updates.len() - i),
                kind: u.kind,
                date: self.scope.date(&u.date),
                note_html: self.md.render(&u.note, footnotes),
            })
            .collect()
    }

    fn timeline(&self, lanes: &[String], footnotes: &mut Footnotes) -> Vec<EventCtx> {
        self.vs
            .timeline
            .iter()
            .enumerate()
            .map(|(i, e)| self.event(i, e, lanes, footnotes))
            .collect()
    }

    /// A timeline event: its text's citations, then its `sources:`.
    fn event(&self, i: usize, e: &Event, lanes: &[String], footnotes: &mut Footnotes) -> EventCtx {
        let r = self.scope;
        let text_html = self.md.render(&e.text, footnotes);
        let mut outlets: Vec<OutletLabel> = Vec::new();
        for c in event_cites(e) {
            let label = r.outlet_label(self.vs, c.article);
            if !outlets.iter().any(|o| o.name == label.name) {
                outlets.push(label);
            }
        }
        EventCtx {
            id: urls::event_anchor(i),
            when: when_ctx(r.t, &e.dates, e.approximate),
            title: e.title.clone(),
            text_html,
            group: e.group.clone().unwrap_or_default(),
            lane: lane_of(lanes, e),
            quotes: self
                .links
                .event_quotes(i)
                .into_iter()
                .map(|q| self.quote_link(q))
                .collect(),
            disputes: self
                .links
                .event_disputes(i)
                .into_iter()
                .map(|d| self.dispute_link(d))
                .collect(),
            refs_html: footnotes.group(&e.sources),
            outlets,
        }
    }

    fn quotes(&self, footnotes: &mut Footnotes) -> Vec<QuoteCtx> {
        self.vs
            .quotes
            .iter()
            .zip(&self.links.quote_events)
            .map(|(q, events)| self.quote(q, events, footnotes))
            .collect()
    }

    /// A key quote: its note's citations, then each variant's.
    fn quote(&self, q: &Quote, events: &[usize], footnotes: &mut Footnotes) -> QuoteCtx {
        let r = self.scope;
        let note_html = self.md.render(&q.note, footnotes);
        let texts: Vec<&str> = q.variants.iter().map(|(t, _)| t.as_str()).collect();
        let marked = diff::mark_differences(&texts);
        let variants = q
            .variants
            .iter()
            .zip(marked)
            .map(|((_, cite), segments)| VariantCtx {
                outlet: r.outlet_label(self.vs, cite.article),
                article_title: self.story.articles[cite.article].title.clone(),
                title_language: r.title_language(self.story, self.vs, cite.article),
                language: r.article_language(self.story, self.vs, cite.article),
                text_html: marked_html(&segments),
                article_url: r.cite_url(self.story, cite),
                ref_html: footnotes.group(std::slice::from_ref(cite)),
            })
            .collect();
        QuoteCtx {
            id: urls::quote_anchor(&q.id),
            speaker: q.speaker.clone(),
            date: q.date.as_ref().map(|d| r.date(d)),
            language: q.language.clone().unwrap_or_default(),
            context: q.context.clone().unwrap_or_default(),
            note_html,
            variants,
            events: events.iter().map(|&e| self.event_link(e)).collect(),
        }
    }

    fn disputes(&self, footnotes: &mut Footnotes) -> Vec<DisputeCtx> {
        self.vs
            .disputes
            .iter()
            .zip(&self.links.dispute_events)
            .map(|(d, events)| self.dispute(d, events, footnotes))
            .collect()
    }

    /// A disputed detail: each claim's citations, then the verdict's note's.
    fn dispute(&self, d: &Dispute, events: &[usize], footnotes: &mut Footnotes) -> DisputeCtx {
        let claims = d.claims.iter().map(|c| self.claim(c, footnotes)).collect();
        DisputeCtx {
            id: urls::dispute_anchor(&d.id),
            question: d.question.clone(),
            status: if d.resolved {
                DisputeStatus::Resolved
            } else {
                DisputeStatus::Open
            },
            verdict: d.verdict.clone().unwrap_or_default(),
            note_html: self.md.render(&d.note, footnotes),
            claims,
            events: events.iter().map(|&e| self.event_link(e)).collect(),
        }
    }

    /// One claim of a dispute: its note's citations, then its sources'.
    fn claim(&self, c: &Claim, footnotes: &mut Footnotes) -> ClaimCtx {
        let r = self.scope;
        ClaimCtx {
            says: c.says.clone(),
            standing: Standing::of(c.upheld),
            note_html: self.md.render(&c.note, footnotes),
            sources: c
                .sources
                .iter()
                .map(|cite| ClaimSourceCtx {
                    outlet: r.outlet_label(self.vs, cite.article),
                    quote: cite_excerpt(self.story, cite),
                    language: r.article_language(self.story, self.vs, cite.article),
                    article_url: r.cite_url(self.story, cite),
                    ref_html: footnotes.group(std::slice::from_ref(cite)),
                })
                .collect(),
        }
    }

    /// The source list, once every section has cited what it cites.
    fn footnote_list(&self, footnotes: &Footnotes) -> Vec<FootnoteCtx> {
        footnotes
            .entries()
            .iter()
            .map(|entry| self.footnote(entry))
            .collect()
    }

    /// One source: the cited words, where they are here and in the original (with a text
    /// fragment that scrolls to them), and a backlink to each place that cites them.
    fn footnote(&self, entry: &FootnoteEntry) -> FootnoteCtx {
        let r = self.scope;
        let article = &self.story.articles[entry.cite.article];
        let excerpt = cite_excerpt(self.story, &entry.cite);
        FootnoteCtx {
            number: entry.number,
            id: note_anchor(entry.number),
            outlet: r.outlet_label(self.vs, entry.cite.article),
            article_title: article.title.clone(),
            title_language: r.title_language(self.story, self.vs, entry.cite.article),
            language: r.article_language(self.story, self.vs, entry.cite.article),
            date: article.published.as_ref().map(|d| r.date(d)),
            local_url: r.cite_url(self.story, &entry.cite),
            original_url: article.url.as_ref().map_or_else(String::new, |(u, _)| {
                if excerpt.is_empty() {
                    u.clone()
                } else {
                    format!(
                        "{}{}",
                        strip_fragment(u),
                        text_fragment::text_fragment(&excerpt)
                    )
                }
            }),
            excerpt,
            backlinks: (0..entry.uses)
                .map(|k| {
                    let label = backlink_label(k);
                    Backlink {
                        href: format!("#{}", ref_anchor(entry.number, &label)),
                        label,
                    }
                })
                .collect(),
        }
    }

    /// The story's articles, each with how often the page cites it.
    fn articles(&self, footnotes: &Footnotes) -> Vec<ArticleSummary> {
        let (r, story) = (self.scope, self.story);
        story
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| ArticleSummary {
                id: a.id.clone(),
                title: a.title.clone(),
                title_language: r.title_language(story, self.vs, i),
                language: r.article_language(story, self.vs, i),
                url: r.url(&article_path(story, a)),
                outlet: r.outlet_label(self.vs, i),
                date: a.published.as_ref().map(|d| r.date(d)),
                original_url: a.url.as_ref().map(|(u, _)| u.clone()).unwrap_or_default(),
                citation_count: footnotes
                    .entries()
                    .iter()
                    .filter(|e| e.cite.article == i)
                    .map(|e| e.uses)
                    .sum(),
            })
            .collect()
    }

    fn quote_link(&self, q: usize) -> Link {
        let q = &self.vs.quotes[q];
        Link {
            text: quote_label(q),
            url: format!("#{}", urls::quote_anchor(&q.id)),
        }
    }

    fn dispute_link(&self, d: usize) -> Link {
        let d = &self.vs.disputes[d];
        Link {
            text: d.question.clone(),
            url: format!("#{}", urls::dispute_anchor(&d.id)),
        }
    }

    fn event_link(&self, e: usize) -> Link {
        Link {
            text: self.vs.timeline[e].title.clone(),
            url: format!("#{}", urls::event_anchor(e)),
        }
    }
}

/// A quote variant's words, escaped, with those that differ from the other variants marked.
fn marked_html(segments: &[diff::Segment]) -> String {
    segments
        .iter()
        .map(|s| {
            if s.differs {
                format!("<mark class=\"diff\">{}</mark>", escape(&s.text))
            } else {
                escape(&s.text)
            }
        })
        .collect()
}

/// The events' groups (`group:`), in order of first appearance.
fn timeline_groups(events: &[Event]) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for e in events {
        if let Some(g) = &e.group
            && !groups.contains(g)
        {
            groups.push(g.clone());
        }
    }
    groups
}

/// The lane that events without a `group:` share, when others have one.
const OTHER_LANE: &str = "Other";

/// The timeline's lanes: its groups in order of first appearance, then [`OTHER_LANE`] for the
/// events without one (in the group of that name, if the editor has one). Fewer than two
/// lanes, or more than fit side by side, is no lanes: one column.
fn timeline_lanes(events: &[Event]) -> Vec<String> {
    let mut lanes = timeline_groups(events);
    if !lanes.is_empty()
        && events.iter().any(|e| e.group.is_none())
        && !lanes.iter().any(|l| l == OTHER_LANE)
    {
        lanes.push(OTHER_LANE.to_string());
    }
    if (2..=MAX_LANES).contains(&lanes.len()) {
        lanes
    } else {
        Vec::new()
    }
}

/// An event's column in `lanes` (1-based), 0 when there are none.
fn lane_of(lanes: &[String], e: &Event) -> usize {
    let name = e.group.as_deref().unwrap_or(OTHER_LANE);
    lanes.iter().position(|l| l == name).map_or(0, |i| i + 1)
}

pub(super) fn when_ctx(t: &Translations, dates: &[When], approximate: bool) -> WhenCtx {
    let primary = dates.first().map(|d| date_ctx(t, d)).unwrap_or(DateCtx {
        datetime: String::new(),
        display: String::new(),
        precision: "day".to_string(),
    });
    let alternatives: Vec<DateCtx> = if dates.len() > 1 {
        dates.iter().map(|d| date_ctx(t, d)).collect()
    } else {
        vec![]
    };
    let mut display = if alternatives.is_empty() {
        primary.display.clone()
    } else {
        alternatives_display(t, dates)
    };
    if approximate {
        display = t.fill("date_approximate", &[("date", &display)]);
    }
    WhenCtx {
        primary,
        labels: if alternatives.is_empty() {
            vec![]
        } else {
            range_labels(t, dates)
        },
        alternatives,
        display,
        approximate,
    }
}

/// Each candidate date in full, but for the year (and month) that the next candidate repeats:
/// "13 July", "14 July 2024"; "30 June", "1 July 2024"; "31 December 2023", "1 January 2024".
fn range_labels(t: &Translations, dates: &[When]) -> Vec<String> {
    use chrono::Datelike;
    dates
        .iter()
        .enumerate()
        .map(|(i, d)| match (d, dates.get(i + 1)) {
            (When::Day(a), Some(When::Day(b))) if a.year() == b.year() => t.day_month(*a),
            _ => t.date(d),
        })
        .collect()
}

/// "13 or 14 July 2024" when the candidates are days of one month, else each date in full
/// (in the site's language: "13 або 14 липня 2024 р.").
fn alternatives_display(t: &Translations, dates: &[When]) -> String {
    use chrono::Datelike;
    let days: Option<Vec<chrono::NaiveDate>> = dates
        .iter()
        .map(|d| {
            if let When::Day(day) = d {
                Some(*day)
            } else {
                None
            }
        })
        .collect();
    let parts: Vec<String> = match days {
        Some(days)
            if days
                .windows(2)
                .all(|w| (w[0].year(), w[0].month()) == (w[1].year(), w[1].month())) =>
        {
            let mut parts: Vec<String> = days.iter().map(|d| d.day().to_string()).collect();
            if let Some(last) = parts.last_mut() {
                *last = dates.last().map_or_else(String::new, |d| t.date(d));
            }
            parts
        }
        _ => dates.iter().map(|d| t.date(d)).collect(),
    };
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => t.fill(
            "date_or",
            &[("first", &rest.join(t.text("list_comma"))), ("last", last)],
        ),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncertain_dates_read_naturally() {
        let en = Translations::built_in("en").unwrap();
        let d1 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 13).unwrap());
        let d2 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 14).unwrap());
        let ctx = when_ctx(&en, &[d1, d2], false);
        assert_eq!(ctx.display, "13 or 14 July 2024");
        assert_eq!(ctx.primary.datetime, "2024-07-13");
        let d3 = When::Month(2024, 8);
        assert_eq!(
            when_ctx(&en, &[d1, d3], true).display,
            "c. 13 July 2024 or August 2024"
        );
        assert_eq!(ctx.labels, ["13 July", "14 July 2024"]);
        assert_eq!(
            when_ctx(&en, &[d1, d3], false).labels,
            ["13 July 2024", "August 2024"]
        );
        let d0 = When::Day(chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
        let d4 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        assert_eq!(
            when_ctx(&en, &[d0, d4], false).labels,
            ["31 December 2023", "1 January 2024"]
        );
        assert!(when_ctx(&en, &[d1], false).labels.is_empty());
    }

    #[test]
    fn uncertain_dates_in_other_languages() {
        let d1 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 13).unwrap());
        let d2 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 14).unwrap());
        let nov = When::Month(2024, 11);
        let cases = [
            ("uk", "13 або 14 липня 2024 р.", "прибл. листопад 2024 р."),
            ("ru", "13 или 14 июля 2024 г.", "прибл. ноябрь 2024 г."),
            ("bg", "13 или 14 юли 2024 г.", "около ноември 2024 г."),
        ];
        for (language, or, approximate) in cases {
            let t = Translations::built_in(language).unwrap();
            assert_eq!(when_ctx(&t, &[d1, d2], false).display, or);
            assert_eq!(when_ctx(&t, &[nov], true).display, approximate);
        }
    }
}

//! Which timeline events each quote and each dispute involves, so that an event can link to
//! them and they back to it. The sidecars have no required link fields, so the links are
//! inferred from what the editor already wrote, by rules a reader can check, and the editor
//! may state them instead (`events: [id, …]` on a quote or dispute):
//!
//! 1. **The editor's word.** A quote or dispute with `events:` involves exactly those events
//!    (`events: []`: none); nothing is inferred for it.
//! 2. **The same words.** A quote or dispute involves the events that cite the same words of
//!    the same article: one of the quote's variants, or one of the passages a dispute's claims
//!    cite, overlaps a passage that the event cites (in its `sources:` or its `text:`).
//!    Overlap, not whole paragraphs: a paragraph often reports several events.
//! 3. **The same day, the same outlets** (quotes only, when rule 2 finds nothing). A quote
//!    with a date to the day involves the events of that day (any candidate date of an
//!    uncertain one) that every article carrying the quote also reports: the speech an event
//!    describes, quoted in its reports. A dispute has no date, so it has no third rule.

use chrono::NaiveDate;

use crate::primitives::when::When;
use crate::verify::{Cite, Event, Quote, VerifiedStory};

/// The links of one story, each list in timeline order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// For each quote (in `VerifiedStory::quotes` order): the events it involves.
    pub quote_events: Vec<Vec<usize>>,
    /// For each dispute: the events it is about.
    pub dispute_events: Vec<Vec<usize>>,
}

impl Links {
    pub fn of(vs: &VerifiedStory) -> Links {
        let cites: Vec<Vec<&Cite>> = vs.timeline.iter().map(event_cites).collect();
        let sharing = |words: &[&Cite]| -> Vec<usize> {
            (0..vs.timeline.len())
                .filter(|&e| {
                    cites[e]
                        .iter()
                        .any(|c| words.iter().any(|w| same_words(c, w)))
                })
                .collect()
        };
        let quote_events = vs
            .quotes
            .iter()
            .map(|q| {
                if let Some(events) = &q.events {
                    return sorted(events);
                }
                let words: Vec<&Cite> = q.variants.iter().map(|(_, c)| c).collect();
                let shared = sharing(&words);
                if !shared.is_empty() {
                    return shared;
                }
                let Some(day) = q.date.as_ref().and_then(day_of) else {
                    return vec![];
                };
                (0..vs.timeline.len())
                    .filter(|&e| {
                        let event = &vs.timeline[e];
                        event.dates.iter().filter_map(day_of).any(|d| d == day)
                            && words
                                .iter()
                                .all(|w| cites[e].iter().any(|c| c.article == w.article))
                    })
                    .collect()
            })
            .collect();
        let dispute_events = vs
            .disputes
            .iter()
            .map(|d| {
                if let Some(events) = &d.events {
                    return sorted(events);
                }
                let words: Vec<&Cite> = d.claims.iter().flat_map(|c| &c.sources).collect();
                sharing(&words)
            })
            .collect();
        Links {
            quote_events,
            dispute_events,
        }
    }

    /// The quotes that involve event `event`, in quote order.
    pub fn event_quotes(&self, event: usize) -> Vec<usize> {
        involving(&self.quote_events, event)
    }

    /// The disputes about event `event`, in dispute order.
    pub fn event_disputes(&self, event: usize) -> Vec<usize> {
        involving(&self.dispute_events, event)
    }
}

fn involving(lists: &[Vec<usize>], event: usize) -> Vec<usize> {
    lists
        .iter()
        .enumerate()
        .filter(|(_, events)| events.contains(&event))
        .map(|(i, _)| i)
        .collect()
}

fn sorted(events: &[usize]) -> Vec<usize> {
    let mut events = events.to_vec();
    events.sort_unstable();
    events.dedup();
    events
}

/// How a link names a quote: its first version's opening words, in quotation marks, so that
/// two quotes with the same context read apart ("“He turned out to be a courageous person”").
pub fn quote_label(q: &Quote) -> String {
    const WORDS: usize = 10;
    let Some((text, _)) = q.variants.first() else {
        return q.context.clone().unwrap_or_else(|| q.speaker.clone());
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut shown = words[..words.len().min(WORDS)].join(" ");
    if words.len() > WORDS {
        let trimmed = shown.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        shown.truncate(trimmed);
        shown.push('…');
    }
    format!("“{shown}”")
}

/// Everything an event cites: its `sources:`, then the citations in its text.
pub fn event_cites(e: &Event) -> Vec<&Cite> {
    e.sources
        .iter()
        .chain(e.text.groups.iter().flat_map(|(_, cs)| cs))
        .collect()
}

/// Whether two citations quote overlapping words of the same paragraph of the same article
/// (a whole-article citation shares no words with anything).
fn same_words(a: &Cite, b: &Cite) -> bool {
    match (&a.passage, &b.passage) {
        (Some(p), Some(q)) => {
            a.article == b.article
                && p.place == q.place
                && p.range.start < q.range.end
                && q.range.start < p.range.end
        }
        _ => false,
    }
}

/// The calendar day of a date given to the day or to the minute (in its own offset).
fn day_of(when: &When) -> Option<NaiveDate> {
    match when {
        When::Day(d) => Some(*d),
        When::DateTime(t) => Some(t.date_naive()),
        When::Year(_) | When::Month(..) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::{CitedMarkdown, Claim, Dispute, Passage, Place};

    fn cite(article: usize, paragraph: usize, range: std::ops::Range<usize>) -> Cite {
        Cite {
            article,
            passage: Some(Passage {
                place: Place::Paragraph(paragraph),
                range,
            }),
        }
    }

    fn day(d: u32) -> When {
        When::Day(NaiveDate::from_ymd_opt(2024, 11, d).unwrap())
    }

    fn event(dates: Vec<When>, sources: Vec<Cite>) -> Event {
        Event {
            id: None,
            dates,
            approximate: false,
            title: "An event".into(),
            text: CitedMarkdown::default(),
            sources,
            group: None,
        }
    }

    fn quote(date: Option<When>, variants: Vec<Cite>, events: Option<Vec<usize>>) -> Quote {
        Quote {
            id: "q".into(),
            speaker: "Someone".into(),
            date,
            language: None,
            context: None,
            note: CitedMarkdown::default(),
            variants: variants.into_iter().map(|c| (String::new(), c)).collect(),
            events,
        }
    }

    fn dispute(sources: Vec<Cite>, events: Option<Vec<usize>>) -> Dispute {
        Dispute {
            id: "d".into(),
            question: "?".into(),
            resolved: false,
            verdict: None,
            note: CitedMarkdown::default(),
            claims: vec![Claim {
                says: "x".into(),
                sources,
                note: CitedMarkdown::default(),
                upheld: None,
            }],
            events,
        }
    }

    fn story(timeline: Vec<Event>, quotes: Vec<Quote>, disputes: Vec<Dispute>) -> VerifiedStory {
        VerifiedStory {
            outlets: vec![None, None, None],
            annotation: CitedMarkdown::default(),
            updates: vec![],
            timeline,
            quotes,
            disputes,
        }
    }

    #[test]
    fn overlapping_words_link_but_neighbouring_words_do_not() {
        let vs = story(
            vec![
                event(vec![day(7)], vec![cite(0, 2, 10..30)]),
                event(vec![day(7)], vec![cite(0, 2, 30..40)]),
            ],
            vec![],
            vec![
                dispute(vec![cite(0, 2, 25..35)], None),
                dispute(vec![cite(0, 2, 0..10), cite(1, 2, 10..30)], None),
            ],
        );
        let links = Links::of(&vs);
        assert_eq!(links.dispute_events, [vec![0, 1], vec![]]);
        assert_eq!(links.event_disputes(0), [0]);
        assert_eq!(links.event_disputes(1), [0]);
    }

    #[test]
    fn a_dated_quote_joins_the_events_of_its_day_that_all_its_outlets_report() {
        let vs = story(
            vec![
                // Reported by articles 0, 1 and 2 (2 as a whole): the speech.
                event(
                    vec![day(7)],
                    vec![
                        cite(0, 0, 0..5),
                        cite(1, 0, 0..5),
                        Cite {
                            article: 2,
                            passage: None,
                        },
                    ],
                ),
                // Reported by article 0 only, the same day.
                event(vec![day(7)], vec![cite(0, 4, 0..5)]),
                // All three, but the next day.
                event(
                    vec![day(8)],
                    vec![cite(0, 6, 0..5), cite(1, 6, 0..5), cite(2, 6, 0..5)],
                ),
            ],
            vec![
                quote(Some(day(7)), vec![cite(0, 1, 0..9), cite(2, 3, 0..9)], None),
                quote(None, vec![cite(0, 1, 0..9)], None),
                // Shared words win over the day: only the event that cites them.
                quote(Some(day(7)), vec![cite(0, 4, 2..9)], None),
            ],
            vec![],
        );
        let links = Links::of(&vs);
        assert_eq!(links.quote_events, [vec![0], vec![], vec![1]]);
        assert_eq!(links.event_quotes(0), [0]);
        assert_eq!(links.event_quotes(2), Vec::<usize>::new());
    }

    #[test]
    fn quotes_are_named_by_their_opening_words() {
        let mut q = quote(None, vec![cite(0, 0, 0..5)], None);
        q.variants[0].0 = "I don't know what will happen now. I have no idea.".into();
        assert_eq!(
            quote_label(&q),
            "“I don't know what will happen now. I have no…”"
        );
        q.variants[0].0 = "He turned out to be a courageous person".into();
        assert_eq!(quote_label(&q), "“He turned out to be a courageous person”");
        q.variants.clear();
        q.context = Some("On Trump".into());
        assert_eq!(quote_label(&q), "On Trump");
    }

    #[test]
    fn the_editors_events_replace_the_inferred_ones() {
        let vs = story(
            vec![
                event(vec![day(7)], vec![cite(0, 0, 0..5)]),
                event(vec![day(8)], vec![cite(1, 0, 0..5)]),
            ],
            vec![quote(Some(day(7)), vec![cite(0, 0, 0..5)], Some(vec![]))],
            vec![dispute(vec![cite(0, 0, 0..5)], Some(vec![1]))],
        );
        let links = Links::of(&vs);
        assert_eq!(links.quote_events, [Vec::<usize>::new()]);
        assert_eq!(links.dispute_events, [vec![1]]);
    }
}

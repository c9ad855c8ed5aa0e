//! Data files for other tools: per story a TimelineJS `timeline.json` and a W3C Web Annotation
//! collection `annotations.jsonld` (every cited passage, anchored by the words themselves).
//! (The search page's files are in `search.rs`.)

use crate::load::i18n::Translations;
use serde::Serialize;

use super::context::{EventCtx, StoryCtx};
use super::footnotes::Footnotes;
use super::urls::{self, note_anchor};
use super::{Pages, Scope, article_path, story_path};
use crate::load::Story;
use crate::primitives::when::When;
use crate::verify::VerifiedStory;

/// How many characters of context a `TextQuoteSelector` carries on each side.
const SELECTOR_CONTEXT: usize = 32;

pub(crate) struct StoryData<'a> {
    pub story: &'a Story,
    pub verified: &'a VerifiedStory,
    pub ctx: &'a StoryCtx,
    pub footnotes: &'a Footnotes,
}

/// Where a story's data files go (what [`add_story_files`] adds).
pub(crate) fn story_file_paths(slug: &str) -> [String; 2] {
    [urls::timeline_json(slug), urls::annotations_jsonld(slug)]
}

/// A story's `timeline.json` and `annotations.jsonld`.
pub(crate) fn add_story_files(r: &Scope, s: &StoryData, pages: &mut Pages) {
    pages.insert(
        urls::timeline_json(&s.story.slug),
        compact(&timeline_js(r.t, s)),
    );
    pages.insert(
        urls::annotations_jsonld(&s.story.slug),
        compact(&annotations(r, s)),
    );
}

/// Without indentation: the files are read by programs (TimelineJS, annotation clients), and
/// the indentation was three tenths of their bytes. `jq .` shows them indented.
fn compact(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default() + "\n"
}

// The data files are serialised from the typed structs below rather than from
// `serde_json::Value` trees, whose every key and value is an allocation: building and dropping
// them took most of the time of these files. A `Value` object sorts its keys and the files have
// always been written so: each struct declares its fields in that order (by byte, `@context`
// first), and optional keys are left out where the trees never had them.

/// TimelineJS `timeline.json`.
#[derive(Serialize)]
struct Timeline<'a> {
    events: Vec<TimelineEvent<'a>>,
    title: TimelineTitle<'a>,
}

#[derive(Serialize)]
struct TimelineTitle<'a> {
    text: TimelineText<'a>,
}

#[derive(Serialize)]
struct TimelineText<'a> {
    headline: &'a str,
    text: String,
}

#[derive(Serialize)]
struct TimelineEvent<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    /// `null` for an event without a date (unless it has a display text).
    start_date: Option<TimelineDate>,
    text: TimelineText<'a>,
    unique_id: &'a str,
}

/// TimelineJS date object: only the parts the editor gave.
#[derive(Debug, Default, PartialEq, Serialize)]
struct TimelineDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
}

fn timeline_date(labels: &Translations, when: &When) -> TimelineDate {
    use chrono::{Datelike, Timelike};
    let date = |y, m, d| TimelineDate {
        year: Some(y),
        month: m,
        day: d,
        ..TimelineDate::default()
    };
    match when {
        When::Year(y) => date(*y, None, None),
        When::Month(y, m) => date(*y, Some(*m), None),
        When::Day(d) => date(d.year(), Some(d.month()), Some(d.day())),
        When::DateTime(t) => TimelineDate {
            hour: Some(t.hour()),
            minute: Some(t.minute()),
            display_date: Some(labels.date(when)),
            ..date(t.year(), Some(t.month()), Some(t.day()))
        },
    }
}

fn timeline_js<'a>(t: &Translations, s: &StoryData<'a>) -> Timeline<'a> {
    let events = s
        .verified
        .timeline
        .iter()
        .zip(&s.ctx.timeline)
        .map(|(event, ctx): (_, &'a EventCtx)| {
            let outlets: Vec<&str> = ctx.outlets.iter().map(|o| o.name.as_str()).collect();
            let text = format!(
                "{} {}",
                plain_text(&ctx.text_html),
                t.fill("timeline_reported_by", &[("outlets", &outlets.join(", "))])
            );
            let mut start_date = event.dates.first().map(|d| timeline_date(t, d));
            if event.dates.len() > 1 || event.approximate {
                // The page's text for the date, uncertainty ("13 or 14 July", "c.") included.
                start_date.get_or_insert_default().display_date = Some(ctx.when.display.clone());
            }
            TimelineEvent {
                group: event.group.as_deref(),
                start_date,
                text: TimelineText {
                    headline: &event.title,
                    text: text.trim().to_string(),
                },
                unique_id: &ctx.id,
            }
        })
        .collect();
    Timeline {
        events,
        title: TimelineTitle {
            text: TimelineText {
                headline: &s.story.title,
                text: s.story.summary.clone(),
            },
        },
    }
}

/// A W3C Web Annotation collection: `annotations.jsonld`.
#[derive(Serialize)]
struct AnnotationCollection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    first: AnnotationPage<'a>,
    id: String,
    label: String,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct AnnotationPage<'a> {
    id: String,
    items: Vec<Annotation<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    body: AnnotationBody,
    id: String,
    motivation: &'static str,
    target: Vec<SpecificResource<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct AnnotationBody {
    purpose: &'static str,
    source: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct SpecificResource<'a> {
    selector: TextQuoteSelector<'a>,
    source: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct TextQuoteSelector<'a> {
    exact: &'a str,
    /// The context is given for the local copy only, whose text is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
}

impl<'a> SpecificResource<'a> {
    fn new(source: String, selector: TextQuoteSelector<'a>) -> SpecificResource<'a> {
        SpecificResource {
            selector,
            source,
            kind: "SpecificResource",
        }
    }
}

impl<'a> TextQuoteSelector<'a> {
    fn new(exact: &'a str) -> TextQuoteSelector<'a> {
        TextQuoteSelector {
            exact,
            prefix: None,
            suffix: None,
            kind: "TextQuoteSelector",
        }
    }
}

/// Each cited passage as a Web Annotation linking the words in the article to the footnote
/// that cites them; the target is the local copy, selected by quote (robust to reflowing).
fn annotations<'a>(r: &Scope, s: &StoryData<'a>) -> AnnotationCollection<'a> {
    let collection = r.absolute_url(&urls::annotations_jsonld(&s.story.slug));
    let story_url = r.absolute_url(&story_path(s.story));
    let mut items = Vec::new();
    for entry in s.footnotes.entries() {
        let Some(passage) = &entry.cite.passage else {
            continue;
        };
        let article = &s.story.articles[entry.cite.article];
        let Some(text) = passage.text_in(article) else {
            continue;
        };
        let Some(exact) = text.get(passage.range.clone()) else {
            continue;
        };
        let prefix: String = text[..passage.range.start]
            .chars()
            .rev()
            .take(SELECTOR_CONTEXT)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let suffix: String = text[passage.range.end..]
            .chars()
            .take(SELECTOR_CONTEXT)
            .collect();
        let mut target = vec![SpecificResource::new(
            format!(
                "{}#{}",
                r.absolute_url(&article_path(s.story, article)),
                super::place_anchor(article, passage.place)
            ),
            TextQuoteSelector {
                prefix: Some(prefix),
                suffix: Some(suffix),
                ..TextQuoteSelector::new(exact)
            },
        )];
        if let Some((original, _)) = &article.url {
            target.push(SpecificResource::new(
                original.clone(),
                TextQuoteSelector::new(exact),
            ));
        }
        items.push(Annotation {
            body: AnnotationBody {
                purpose: "linking",
                source: format!("{story_url}#{}", note_anchor(entry.number)),
                kind: "SpecificResource",
            },
            id: format!("{collection}#{}", note_anchor(entry.number)),
            motivation: "linking",
            target,
            kind: "Annotation",
        });
    }
    let items_len = items.len();
    AnnotationCollection {
        context: "http://www.w3.org/ns/anno.jsonld",
        first: AnnotationPage {
            id: format!("{collection}#page-1"),
            kind: "AnnotationPage",
            items,
        },
        label: format!("Passages cited in “{}”", s.story.title),
        total: items_len,
        id: collection,
        kind: "AnnotationCollection",
    }
}

/// The text of an HTML fragment we built ourselves (tags dropped, entities decoded), without
/// the footnote numbers.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_noteref = 0usize;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                if tag.starts_with("sup class=\"noteref\"") {
                    in_noteref += 1;
                } else if tag == "/sup" && in_noteref > 0 {
                    in_noteref -= 1;
                }
            }
            _ if in_tag => tag.push(c),
            _ if in_noteref > 0 => {}
            _ => out.push(c),
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_text_drops_tags_and_footnote_numbers() {
        let html = "<p>Putin spoke<sup class=\"noteref\"><a href=\"#cite-note-1\">[1]</a></sup> &amp; left.</p>\n<p>Next</p>";
        assert_eq!(plain_text(html), "Putin spoke & left. Next");
    }

    #[test]
    fn timeline_dates_keep_their_precision() {
        let en = Translations::built_in("en").unwrap();
        assert_eq!(
            serde_json::to_value(timeline_date(&en, &When::Month(2024, 11))).unwrap(),
            json!({"year": 2024, "month": 11})
        );
        let d = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 13).unwrap());
        assert_eq!(
            serde_json::to_value(timeline_date(&en, &d)).unwrap(),
            json!({"year": 2024, "month": 7, "day": 13})
        );
    }
}

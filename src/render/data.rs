//! Data files for other tools: per story a TimelineJS `timeline.json` and a W3C Web Annotation
//! collection `annotations.jsonld` (every cited passage, anchored by the words themselves), and
//! for the whole site a `search-index.json`.

use serde_json::{Value, json};

use super::context::{EventCtx, StoryCtx};
use super::footnotes::Footnotes;
use super::urls::{self, note_anchor};
use super::{Pages, Scope, StoryListing, article_path, story_path};
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

/// A story's `timeline.json` and `annotations.jsonld`.
pub(crate) fn add_story_files(r: &Scope, s: &StoryData, pages: &mut Pages) {
    pages.insert(urls::timeline_json(&s.story.slug), pretty(&timeline_js(s)));
    pages.insert(
        urls::annotations_jsonld(&s.story.slug),
        pretty(&annotations(r, s)),
    );
}

/// `search-index.json`: the stories' documents, in folder order.
pub(crate) fn add_search_index(stories: &[&StoryListing], pages: &mut Pages) {
    let mut json = Vec::new();
    let mut index = SearchIndexWriter::new(&mut json).expect("writing to memory");
    for s in stories {
        index.add(&s.search_documents).expect("writing to memory");
    }
    index.finish().expect("writing to memory");
    pages.insert(urls::SEARCH_INDEX, json);
}

/// Writes `search-index.json` one story at a time, so that a large site's index (a hundred
/// megabytes at 10,000 stories) can go straight to its file. Each story's documents are
/// serialised once, when the story is rendered; the index only joins them, so a rebuild after
/// one edit does not serialise every article again.
pub struct SearchIndexWriter<W: std::io::Write> {
    out: W,
    first: bool,
}

impl<W: std::io::Write> SearchIndexWriter<W> {
    pub fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"{\"documents\":[")?;
        Ok(SearchIndexWriter { out, first: true })
    }

    /// Adds one story's documents ([`StoryListing::search_documents`]).
    pub fn add(&mut self, documents: &str) -> std::io::Result<()> {
        if documents.is_empty() {
            return Ok(());
        }
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(documents.as_bytes())
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(b"]}\n")?;
        Ok(self.out)
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// TimelineJS date object: only the parts the editor gave.
fn timeline_date(when: &When) -> Value {
    use chrono::{Datelike, Timelike};
    match when {
        When::Year(y) => json!({"year": y}),
        When::Month(y, m) => json!({"year": y, "month": m}),
        When::Day(d) => json!({"year": d.year(), "month": d.month(), "day": d.day()}),
        When::DateTime(t) => json!({
            "year": t.year(), "month": t.month(), "day": t.day(), "hour": t.hour(), "minute": t.minute(),
            "display_date": when.display(),
        }),
    }
}

fn timeline_js(s: &StoryData) -> Value {
    let events: Vec<Value> = s
        .verified
        .timeline
        .iter()
        .zip(&s.ctx.timeline)
        .map(|(event, ctx): (_, &EventCtx)| {
            let outlets: Vec<&str> = ctx.outlets.iter().map(|o| o.name.as_str()).collect();
            let mut item = json!({
                "unique_id": ctx.id,
                "start_date": event.dates.first().map(timeline_date).unwrap_or(Value::Null),
                "text": {
                    "headline": event.title,
                    "text": format!("{} Reported by {}.", plain_text(&ctx.text_html), outlets.join(", ")).trim().to_string(),
                },
            });
            if let Some(mut display) = Some(ctx.when.display.clone()).filter(|_| event.dates.len() > 1 || event.approximate) {
                if event.approximate && !display.starts_with("c.") {
                    display = format!("c. {display}");
                }
                item["start_date"]["display_date"] = json!(display);
            }
            if let Some(group) = &event.group {
                item["group"] = json!(group);
            }
            item
        })
        .collect();
    json!({
        "title": {"text": {"headline": s.story.title, "text": s.story.summary}},
        "events": events,
    })
}

/// Each cited passage as a Web Annotation linking the words in the article to the footnote
/// that cites them; the target is the local copy, selected by quote (robust to reflowing).
fn annotations(r: &Scope, s: &StoryData) -> Value {
    let collection = r.absolute_url(&urls::annotations_jsonld(&s.story.slug));
    let story_url = r.absolute_url(&story_path(s.story));
    let mut items = Vec::new();
    for entry in s.footnotes.entries() {
        let Some(passage) = &entry.cite.passage else {
            continue;
        };
        let article = &s.story.articles[entry.cite.article];
        let Some(paragraph) = article.paragraphs.get(passage.paragraph) else {
            continue;
        };
        let Some(exact) = paragraph.text.get(passage.range.clone()) else {
            continue;
        };
        let prefix: String = paragraph.text[..passage.range.start]
            .chars()
            .rev()
            .take(SELECTOR_CONTEXT)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let suffix: String = paragraph.text[passage.range.end..]
            .chars()
            .take(SELECTOR_CONTEXT)
            .collect();
        let mut sources = vec![json!({
            "type": "SpecificResource",
            "source": format!("{}#{}", r.absolute_url(&article_path(s.story, article)), urls::paragraph_anchor(paragraph.number)),
            "selector": {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        })];
        if let Some((original, _)) = &article.url {
            sources.push(json!({
                "type": "SpecificResource",
                "source": original,
                "selector": {"type": "TextQuoteSelector", "exact": exact},
            }));
        }
        items.push(json!({
            "id": format!("{collection}#{}", note_anchor(entry.number)),
            "type": "Annotation",
            "motivation": "linking",
            "body": {
                "type": "SpecificResource",
                "source": format!("{story_url}#{}", note_anchor(entry.number)),
                "purpose": "linking",
            },
            "target": sources,
        }));
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection,
        "type": "AnnotationCollection",
        "label": format!("Passages cited in “{}”", s.story.title),
        "total": items.len(),
        "first": {
            "id": format!("{collection}#page-1"),
            "type": "AnnotationPage",
            "items": items,
        },
    })
}

/// The story and its articles with their text, for a client-side search.
pub(crate) fn search_documents(r: &Scope, s: &StoryData) -> String {
    let mut docs = vec![json!({
        "kind": "story",
        "title": s.story.title,
        "url": r.url(&story_path(s.story)),
        "date": s.story.date.datetime_attr(),
        "text": format!("{} {}", s.story.summary, plain_text(&s.ctx.annotation_html)).trim().to_string(),
    })];
    for (i, article) in s.story.articles.iter().enumerate() {
        docs.push(json!({
            "kind": "article",
            "title": article.title,
            "url": r.url(&article_path(s.story, article)),
            "story": s.story.title,
            "outlet": r.outlet_label(s.verified, i).name,
            "date": article.published.as_ref().map(When::datetime_attr),
            "text": article.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n"),
        }));
    }
    docs.iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The text of an HTML fragment we built ourselves (tags dropped, entities decoded), without
/// the footnote numbers.
fn plain_text(html: &str) -> String {
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

    #[test]
    fn plain_text_drops_tags_and_footnote_numbers() {
        let html = "<p>Putin spoke<sup class=\"noteref\"><a href=\"#cite-note-1\">[1]</a></sup> &amp; left.</p>\n<p>Next</p>";
        assert_eq!(plain_text(html), "Putin spoke & left. Next");
    }

    #[test]
    fn timeline_dates_keep_their_precision() {
        assert_eq!(
            timeline_date(&When::Month(2024, 11)),
            json!({"year": 2024, "month": 11})
        );
        let d = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 13).unwrap());
        assert_eq!(
            timeline_date(&d),
            json!({"year": 2024, "month": 7, "day": 13})
        );
    }
}

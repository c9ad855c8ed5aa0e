//! Article and outlet pages: an outlet's text with the cited passages marked and linked back,
//! and an outlet's articles with how its claims fared.

use super::context::*;
use super::footnotes::{FootnoteEntry, Footnotes};
use super::urls::{self, note_anchor, passage_anchor};
use super::{ByOutlet, PageSpec, Pages, Scope, StoryListing, article_path, json_ld, story_path};
use crate::diagnostics::Diagnostics;
use crate::load::{Article, Format, Outlet, Story, TitleWords};
use crate::primitives::direction::Direction;
use crate::primitives::html::escape;
use crate::verify::{CitedMarkdown, Place, VerifiedStory};

impl Scope<'_> {
    /// The pages of the story's articles; `footnotes` is the story page's source list.
    pub(super) fn article_pages(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        footnotes: &Footnotes,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        for (i, article) in story.articles.iter().enumerate() {
            let actx = self.article_ctx(story, vs, i, footnotes);
            // The editor's description, else the outlet's first words, kept apart from the
            // page's own direction when theirs differs (a <meta> holds no markup).
            let description = article.description.clone().unwrap_or_else(|| {
                Direction::of(&self.article_language(story, vs, i))
                    .isolate(&first_words(article), self.direction())
            });
            let page = self.page_ctx(PageSpec {
                description: &description,
                breadcrumbs: vec![Link {
                    text: story.title.clone(),
                    url: self.url(&story_path(story)),
                }],
                title_language: Some(self.title_language(story, vs, i)).filter(|l| !l.is_empty()),
                json_ld: json_ld::article_json_ld(self, story, vs, i),
                ..PageSpec::new(
                    PageKind::Article,
                    &article_path(story, article),
                    &article.title,
                )
            });
            self.article_page_html(pages, diagnostics, page, &actx);
        }
    }

    /// An article's page: the outlet's text with the passages the story page cites marked
    /// with their numbers in its source list (`footnotes`, already filled).
    fn article_ctx(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        index: usize,
        footnotes: &Footnotes,
    ) -> ArticleCtx {
        let article = &story.articles[index];
        let story_url = self.url(&story_path(story));
        let entries: Vec<&FootnoteEntry> = footnotes
            .entries()
            .iter()
            .filter(|e| e.cite.article == index)
            .collect();
        let cited_as = |numbers: &str| self.t.fill("cited_as_sources", &[("numbers", numbers)]);
        let title_marks = match article.title_words {
            TitleWords::Outlet => marks_in(&entries, Place::Headline),
            TitleWords::Editor | TitleWords::FileName => Vec::new(),
        };
        ArticleCtx {
            id: article.id.clone(),
            title: article.title.clone(),
            title_html: mark_passages(&article.title, &title_marks, &cited_as),
            title_cited_by: title_marks
                .iter()
                .map(|(_, n)| self.cited_by(*n, &story_url))
                .collect(),
            title_language: self.title_language(story, vs, index),
            editor_title: match article.title_words {
                TitleWords::Outlet => article.editor_title.clone().unwrap_or_default(),
                TitleWords::Editor | TitleWords::FileName => String::new(),
            },
            description: article.description.clone().unwrap_or_default(),
            outlet: self.outlet_label(vs, index),
            story_title: story.title.clone(),
            date: article.published.as_ref().map(|d| self.date(d)),
            author: article.author.clone().unwrap_or_default(),
            language: self.article_language(story, vs, index),
            translated_from: article.translated_from.clone().unwrap_or_default(),
            original_url: article
                .url
                .as_ref()
                .map(|(u, _)| u.clone())
                .unwrap_or_default(),
            note_html: self.article_note(article),
            format: if article.format == Format::Text {
                "txt"
            } else {
                "md"
            },
            inferred: article.inferred.clone(),
            paragraphs: self.article_paragraphs(article, &entries, &story_url),
            removed: article
                .removed
                .iter()
                .map(|r| RemovedCtx {
                    line: r.line,
                    text: r.text.clone(),
                    pattern: r.by.label().to_string(),
                    rule: r.by.rule().to_string(),
                })
                .collect(),
            cited_whole: entries
                .iter()
                .filter(|e| e.cite.passage.is_none())
                .map(|e| self.cited_by(e.number, &story_url))
                .collect(),
            roundup_url: if self.has_page(PageKind::Roundup) {
                format!(
                    "{}#{}",
                    self.url(&urls::roundup(&story.slug)),
                    super::roundup::card_anchor(&article.id)
                )
            } else {
                String::new()
            },
            story_url,
        }
    }

    /// The article's paragraphs, each with the passages of it that `entries` cite marked.
    fn article_paragraphs(
        &self,
        article: &Article,
        entries: &[&FootnoteEntry],
        story_url: &str,
    ) -> Vec<ParagraphCtx> {
        // "Cited as source {numbers}", for the marks' tooltips.
        let cited_as = |numbers: &str| self.t.fill("cited_as_sources", &[("numbers", numbers)]);
        article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                let marks = marks_in(entries, Place::Paragraph(pi));
                ParagraphCtx {
                    number: p.number,
                    id: urls::paragraph_anchor(p.number),
                    html: mark_passages(&p.text, &marks, &cited_as),
                    cited_by: marks
                        .iter()
                        .map(|(_, n)| self.cited_by(*n, story_url))
                        .collect(),
                }
            })
            .collect()
    }

    /// The link from an article's page back to source `number` of the story page.
    fn cited_by(&self, number: usize, story_url: &str) -> CitedBy {
        CitedBy {
            label: self
                .t
                .fill("source_number", &[("number", &number.to_string())]),
            url: format!("{story_url}#{}", note_anchor(number)),
        }
    }

    /// The editor's note on the article, which cites nothing.
    fn article_note(&self, article: &Article) -> String {
        article.note.as_ref().map_or_else(String::new, |n| {
            self.markdown(3).render(
                &CitedMarkdown {
                    text: n.clone(),
                    groups: vec![],
                },
                &mut Footnotes::default(),
            )
        })
    }

    /// This story's entries for the outlet pages: each article under its outlet, and each claim
    /// of a resolved dispute under the outlets whose articles back it.
    pub(super) fn outlet_entries(
        &self,
        story: &Story,
        vs: &VerifiedStory,
    ) -> (ByOutlet<OutletArticle>, ByOutlet<RecordEntry>) {
        let story_url = self.url(&story_path(story));
        let mut articles = Vec::new();
        let mut record = Vec::new();
        for index in 0..self.site.outlets.len() {
            let mine: Vec<usize> = (0..story.articles.len())
                .filter(|&i| vs.outlets[i] == Some(index))
                .collect();
            for &i in &mine {
                let a = &story.articles[i];
                articles.push((
                    index,
                    OutletArticle {
                        title: a.title.clone(),
                        title_language: self.title_language(story, vs, i),
                        language: self.article_language(story, vs, i),
                        url: self.url(&article_path(story, a)),
                        date: a.published.as_ref().map(|d| self.date(d)),
                        story_title: story.title.clone(),
                        story_url: story_url.clone(),
                    },
                ));
            }
            for d in vs.disputes.iter().filter(|d| d.resolved) {
                for c in &d.claims {
                    if c.sources.iter().any(|s| mine.contains(&s.article)) {
                        record.push((
                            index,
                            RecordEntry {
                                story_title: story.title.clone(),
                                question: d.question.clone(),
                                url: format!("{story_url}#{}", urls::dispute_anchor(&d.id)),
                                says: c.says.clone(),
                                verdict: d.verdict.clone().unwrap_or_default(),
                                standing: Standing::of(c.upheld),
                            },
                        ));
                    }
                }
            }
        }
        (articles, record)
    }

    /// Each outlet's page, under the list of outlets when the theme has one.
    pub(super) fn outlet_pages(
        &self,
        stories: &[&StoryListing],
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        let crumbs: Vec<Link> = if self.has_page(PageKind::Sources) {
            vec![Link {
                text: self.t.text("outlets").to_string(),
                url: self.url(urls::SOURCES),
            }]
        } else {
            vec![]
        };
        for (i, outlet) in self.site.outlets.iter().enumerate() {
            let octx = self.outlet_ctx(i, outlet, stories);
            let page = self.page_ctx(PageSpec {
                description: &self
                    .t
                    .fill("outlet_description", &[("outlet", &outlet.name)]),
                breadcrumbs: crumbs.clone(),
                ..PageSpec::new(PageKind::Outlet, &urls::outlet(&outlet.id), &outlet.name)
            });
            self.page(pages, diagnostics, page, &octx);
        }
    }

    fn outlet_ctx(&self, index: usize, outlet: &Outlet, stories: &[&StoryListing]) -> OutletCtx {
        let articles: Vec<OutletArticle> = stories
            .iter()
            .flat_map(|s| &s.outlet_articles)
            .filter(|(i, _)| *i == index)
            .map(|(_, a)| a.clone())
            .collect();
        let record: Vec<RecordEntry> = stories
            .iter()
            .flat_map(|s| &s.outlet_record)
            .filter(|(i, _)| *i == index)
            .map(|(_, r)| r.clone())
            .collect();
        OutletCtx {
            id: outlet.id.clone(),
            name: outlet.name.clone(),
            url: outlet.url.clone().unwrap_or_default(),
            country: outlet.country.clone().unwrap_or_default(),
            language: outlet.language.clone().unwrap_or_default(),
            kind: outlet.kind.clone().unwrap_or_default(),
            note: outlet.note.clone().unwrap_or_default(),
            upheld_count: record
                .iter()
                .filter(|r| r.standing == Standing::Upheld)
                .count(),
            rejected_count: record
                .iter()
                .filter(|r| r.standing == Standing::Rejected)
                .count(),
            articles,
            record,
        }
    }
}

/// An article's description: its first 160 characters.
fn first_words(article: &Article) -> String {
    let text = article.paragraphs.first().map_or("", |p| p.text.as_str());
    let mut out: String = text.chars().take(160).collect();
    if text.chars().count() > 160 {
        out.push('…');
    }
    out
}

/// The words of `place` that `entries` cite, each with its footnote's number.
fn marks_in(entries: &[&FootnoteEntry], place: Place) -> Vec<(std::ops::Range<usize>, usize)> {
    entries
        .iter()
        .filter_map(|e| {
            let passage = e.cite.passage.as_ref().filter(|p| p.place == place)?;
            Some((passage.range.clone(), e.number))
        })
        .collect()
}

/// Escapes a paragraph and wraps the cited ranges in `<mark>`; overlapping passages are split
/// into pieces so the marks nest correctly. `cited_as` gives a mark's tooltip from its source
/// numbers ("Cited as source 3, 5").
fn mark_passages(
    text: &str,
    marks: &[(std::ops::Range<usize>, usize)],
    cited_as: &dyn Fn(&str) -> String,
) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in marks {
        cuts.push(r.start.min(text.len()));
        cuts.push(r.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() + 64);
    let mut started: Vec<usize> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let covering: Vec<usize> = marks
            .iter()
            .filter(|(r, _)| r.start <= a && b <= r.end)
            .map(|(_, n)| *n)
            .collect();
        if covering.is_empty() {
            out.push_str(&escape(piece));
            continue;
        }
        let mut id_attr = String::new();
        for n in &covering {
            if !started.contains(n) {
                started.push(*n);
                if id_attr.is_empty() {
                    id_attr = format!(" id=\"{}\"", passage_anchor(*n));
                }
            }
        }
        let sources: Vec<String> = covering.iter().map(|n| n.to_string()).collect();
        out.push_str(&format!(
            "<mark class=\"cited\"{id_attr} title=\"{}\">{}</mark>",
            escape(&cited_as(&sources.join(", "))),
            escape(piece)
        ));
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_are_marked_and_escaped() {
        let text = "a <b> like a man & more";
        let start = text.find("like").unwrap();
        let html = mark_passages(text, &[(start..start + 10, 3)], &|n| {
            format!("Cited as source {n}")
        });
        assert_eq!(
            html,
            "a &lt;b&gt; <mark class=\"cited\" id=\"passage-3\" title=\"Cited as source 3\">like a man</mark> &amp; more"
        );
    }

    #[test]
    fn overlapping_passages_split_without_losing_text() {
        let text = "one two three four";
        let html = mark_passages(text, &[(0..7, 1), (4..13, 2)], &|n| n.to_string());
        assert!(html.contains("id=\"passage-1\""), "{html}");
        assert!(html.contains("id=\"passage-2\""), "{html}");
        let stripped: String = html
            .split('<')
            .map(|s| s.split_once('>').map_or(s, |x| x.1))
            .collect();
        assert_eq!(stripped, text);
    }
}

//! Render stage: turns a [`Verified`] site into [`Pages`] (output path -> bytes) with the theme's
//! templates. Nothing here reads a file: everything comes from the verified model.

pub mod context;
pub mod diff;
pub mod footnotes;
pub mod highlight;
pub mod machine;
pub mod markdown;
pub mod templates;
pub mod text_fragment;

use std::collections::BTreeMap;

use tera::Context;

use crate::content::when::When;
use crate::content::{Article, Format, Outlet, Story};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::verify::{Cite, CitedMarkdown, Verified, VerifiedStory};
use context::*;
use footnotes::{Footnotes, backlink_label, note_id, ref_id};
use highlight::{Highlighter, escape};
use markdown::MarkdownRenderer;
use templates::Templates;

/// The finished site in memory: output path (with `/`, no leading slash) -> contents.
#[derive(Debug, Default)]
pub struct Pages {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Pages {
    fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Include stories marked `draft: true`.
    pub drafts: bool,
}

/// Renders every page. On a template error the diagnostics say where, and the pages are
/// incomplete: the caller must not write them.
pub fn render(verified: &Verified, options: RenderOptions) -> (Pages, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut pages = Pages::default();
    let site = &verified.site;
    let Some(theme) = &site.theme else {
        diagnostics.push(Diagnostic::error(
            "site.yaml",
            None,
            "the site cannot be rendered without a theme",
        ));
        return (pages, diagnostics);
    };
    let templates = match Templates::compile(theme) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            return (pages, diagnostics);
        }
    };
    let highlighter = Highlighter::new();
    let renderer = Renderer {
        verified,
        templates,
        highlighter: &highlighter,
        site_ctx: site_ctx(verified),
    };

    let stories: Vec<(&Story, &VerifiedStory)> = site
        .stories
        .iter()
        .zip(&verified.stories)
        .filter(|(s, _)| options.drafts || !s.draft)
        .collect();
    let mut story_pages = Vec::new();
    for (story, vs) in &stories {
        let mut footnotes = Footnotes::default();
        let ctx = renderer.story_ctx(story, vs, &mut footnotes);
        renderer.page(
            &mut pages,
            &mut diagnostics,
            &format!("stories/{}/index.html", story.slug),
            renderer.story_page(story, &ctx),
            "story",
            &ctx,
        );
        for (i, article) in story.articles.iter().enumerate() {
            let actx = renderer.article_ctx(story, vs, i, &footnotes);
            let page = renderer.page_ctx(
                "article",
                &article.title,
                &first_words(article),
                &article_path(story, article),
                vec![Link {
                    text: story.title.clone(),
                    url: renderer.url(&story_path(story)),
                }],
                article
                    .language
                    .clone()
                    .unwrap_or_else(|| site.config.language.clone()),
                machine::article_json_ld(&renderer, story, vs, i),
            );
            renderer.page(
                &mut pages,
                &mut diagnostics,
                &format!("{}index.html", article_path(story, article)),
                page,
                "article",
                &actx,
            );
        }
        story_pages.push(ctx);
    }
    let index = IndexCtx {
        intro_html: site.intro.as_ref().map_or_else(String::new, |md| {
            let plain = CitedMarkdown {
                text: md.text.clone(),
                groups: vec![],
            };
            renderer
                .markdown(2)
                .render(&plain, &mut Footnotes::default())
        }),
        stories: renderer.summaries(&stories),
    };
    let home = renderer.page_ctx(
        "index",
        &site.config.title,
        &site.config.description,
        "",
        vec![],
        site.config.language.clone(),
        String::new(),
    );
    renderer.page(
        &mut pages,
        &mut diagnostics,
        "index.html",
        home,
        "index",
        &index,
    );
    for (i, outlet) in site.outlets.iter().enumerate() {
        let octx = renderer.outlet_ctx(i, outlet, &stories);
        let page = renderer.page_ctx(
            "outlet",
            &outlet.name,
            &format!("Articles by {} and how its claims fared", outlet.name),
            &format!("sources/{}/", outlet.id),
            vec![],
            site.config.language.clone(),
            String::new(),
        );
        renderer.page(
            &mut pages,
            &mut diagnostics,
            &format!("sources/{}/index.html", outlet.id),
            page,
            "outlet",
            &octx,
        );
    }
    let not_found = renderer.page_ctx(
        "404",
        "Page not found",
        "",
        "404.html",
        vec![],
        site.config.language.clone(),
        String::new(),
    );
    renderer.page(&mut pages, &mut diagnostics, "404.html", not_found, "", &());

    for (path, bytes) in &theme.static_files {
        pages.insert(path.clone(), bytes.clone());
    }
    match highlight::stylesheet(&theme.highlight_theme, &theme.highlight_theme_dark) {
        Ok(css) => pages.insert("syntax.css", css),
        Err(message) => diagnostics.push(Diagnostic::error(
            format!("{}/theme.yaml", theme.dir),
            None,
            message,
        )),
    }
    machine::add_machine_files(&renderer, &stories, &story_pages, &mut pages);
    (pages, diagnostics)
}

pub(crate) struct Renderer<'a> {
    pub verified: &'a Verified,
    templates: Templates,
    highlighter: &'a Highlighter,
    pub site_ctx: SiteCtx,
}

fn site_ctx(verified: &Verified) -> SiteCtx {
    let c = &verified.site.config;
    SiteCtx {
        title: c.title.clone(),
        description: c.description.clone(),
        language: c.language.clone(),
        base_url: c.base_url.clone(),
        base_path: c.base_path.clone(),
        generator: format!("digest {}", env!("CARGO_PKG_VERSION")),
        feed_url: format!("{}atom.xml", c.base_path),
    }
}

pub(crate) fn story_path(story: &Story) -> String {
    format!("stories/{}/", story.slug)
}

pub(crate) fn article_path(story: &Story, article: &Article) -> String {
    format!("stories/{}/{}/", story.slug, article.id)
}

fn first_words(article: &Article) -> String {
    let text = article.paragraphs.first().map_or("", |p| p.text.as_str());
    let mut out: String = text.chars().take(160).collect();
    if text.chars().count() > 160 {
        out.push('…');
    }
    out
}

pub(crate) fn date_ctx(when: &When) -> DateCtx {
    DateCtx {
        datetime: when.datetime_attr(),
        display: when.display(),
        precision: when.precision(),
    }
}

impl<'a> Renderer<'a> {
    /// Site-absolute URL path for an output path (`stories/x/` -> `/repo/stories/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.site_ctx.base_path, path)
    }

    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.site_ctx.base_url, path)
    }

    fn markdown(&self, top_heading: u8) -> MarkdownRenderer<'_> {
        MarkdownRenderer {
            highlighter: self.highlighter,
            top_heading,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn page_ctx(
        &self,
        kind: &'static str,
        title: &str,
        description: &str,
        path: &str,
        breadcrumbs: Vec<Link>,
        language: String,
        json_ld: String,
    ) -> PageCtx {
        let mut crumbs = vec![Link {
            text: "Home".into(),
            url: self.url(""),
        }];
        crumbs.extend(breadcrumbs);
        PageCtx {
            kind,
            title: title.to_string(),
            description: if description.is_empty() {
                self.site_ctx.description.clone()
            } else {
                description.to_string()
            },
            canonical_url: self.absolute_url(path),
            path: self.url(path),
            language,
            breadcrumbs: if kind == "index" { vec![] } else { crumbs },
            json_ld,
        }
    }

    fn story_page(&self, story: &Story, ctx: &StoryCtx) -> PageCtx {
        self.page_ctx(
            "story",
            &story.title,
            &story.summary,
            &story_path(story),
            vec![],
            self.verified.site.config.language.clone(),
            machine::story_json_ld(self, story, ctx),
        )
    }

    fn page<T: serde::Serialize>(
        &self,
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
        out: &str,
        page: PageCtx,
        key: &str,
        value: &T,
    ) {
        let template = match page.kind {
            "index" => "index.html",
            "story" => "story.html",
            "article" => "article.html",
            "outlet" => "outlet.html",
            _ => "404.html",
        };
        let mut context = Context::new();
        context.insert("site", &self.site_ctx);
        context.insert("page", &page);
        if !key.is_empty() {
            context.insert(key.to_string(), value);
        }
        match self.templates.render(template, &context) {
            Ok(html) => pages.insert(out, html),
            Err(d) => diagnostics.push(d),
        }
    }

    pub fn outlet_label(&self, vs: &VerifiedStory, article: usize) -> OutletLabel {
        match vs
            .outlets
            .get(article)
            .copied()
            .flatten()
            .map(|i| &self.verified.site.outlets[i])
        {
            Some(o) => OutletLabel {
                id: o.id.clone(),
                name: o.name.clone(),
                url: self.url(&format!("sources/{}/", o.id)),
                unnamed: false,
            },
            None => OutletLabel {
                id: String::new(),
                name: "Unnamed outlet".into(),
                url: String::new(),
                unnamed: true,
            },
        }
    }

    fn summaries(&self, stories: &[(&Story, &VerifiedStory)]) -> Vec<StorySummary> {
        let mut list: Vec<(&Story, StorySummary)> = stories
            .iter()
            .map(|(story, vs)| {
                let mut outlets: Vec<OutletLabel> = Vec::new();
                for i in 0..story.articles.len() {
                    let label = self.outlet_label(vs, i);
                    if !outlets.iter().any(|o| o.name == label.name) {
                        outlets.push(label);
                    }
                }
                let summary = StorySummary {
                    title: story.title.clone(),
                    url: self.url(&story_path(story)),
                    date: date_ctx(&story.date),
                    summary: story.summary.clone(),
                    outlets,
                    article_count: story.articles.len(),
                    quote_count: vs.quotes.len(),
                    event_count: vs.timeline.len(),
                    dispute_count: vs.disputes.len(),
                    open_disputes: vs
                        .disputes
                        .iter()
                        .filter(|d| !d.resolved)
                        .map(|d| Link {
                            text: d.question.clone(),
                            url: format!("{}#dispute-{}", self.url(&story_path(story)), d.id),
                        })
                        .collect(),
                };
                (*story, summary)
            })
            .collect();
        list.sort_by(|a, b| {
            b.0.date
                .sort_key()
                .cmp(&a.0.date.sort_key())
                .then_with(|| a.0.slug.cmp(&b.0.slug))
        });
        list.into_iter().map(|(_, s)| s).collect()
    }

    fn story_ctx(&self, story: &Story, vs: &VerifiedStory, footnotes: &mut Footnotes) -> StoryCtx {
        let story_url = self.url(&story_path(story));
        let article_url = |cite: &Cite| {
            let a = &story.articles[cite.article];
            let anchor = cite
                .passage
                .as_ref()
                .map(|p| format!("#{}", paragraph_anchor(a, p.paragraph)))
                .unwrap_or_default();
            format!("{}{anchor}", self.url(&article_path(story, a)))
        };
        // Page order decides footnote numbers: annotation, timeline, quotes, disputes.
        let md = self.markdown(3);
        let annotation_html = md.render(&vs.annotation, footnotes);
        let mut groups: Vec<String> = Vec::new();
        let timeline: Vec<EventCtx> = vs
            .timeline
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let text_html = md.render(&e.text, footnotes);
                if let Some(g) = &e.group
                    && !groups.contains(g)
                {
                    groups.push(g.clone());
                }
                let mut outlets: Vec<OutletLabel> = Vec::new();
                for c in e
                    .sources
                    .iter()
                    .chain(e.text.groups.iter().flat_map(|(_, cs)| cs))
                {
                    let label = self.outlet_label(vs, c.article);
                    if !outlets.iter().any(|o| o.name == label.name) {
                        outlets.push(label);
                    }
                }
                EventCtx {
                    id: format!("event-{}", i + 1),
                    when: when_ctx(&e.dates, e.approximate),
                    title: e.title.clone(),
                    text_html,
                    group: e.group.clone().unwrap_or_default(),
                    refs_html: footnotes.group(&e.sources),
                    outlets,
                }
            })
            .collect();
        let quotes: Vec<QuoteCtx> = vs
            .quotes
            .iter()
            .map(|q| {
                let note_html = md.render(&q.note, footnotes);
                let texts: Vec<&str> = q.variants.iter().map(|(t, _)| t.as_str()).collect();
                let marked = diff::mark_differences(&texts);
                let variants = q
                    .variants
                    .iter()
                    .zip(marked)
                    .map(|((_, cite), segments)| VariantCtx {
                        outlet: self.outlet_label(vs, cite.article),
                        article_title: story.articles[cite.article].title.clone(),
                        text_html: segments
                            .iter()
                            .map(|s| {
                                if s.differs {
                                    format!("<mark class=\"diff\">{}</mark>", escape(&s.text))
                                } else {
                                    escape(&s.text)
                                }
                            })
                            .collect(),
                        article_url: article_url(cite),
                        ref_html: footnotes.group(std::slice::from_ref(cite)),
                    })
                    .collect();
                QuoteCtx {
                    id: format!("quote-{}", q.id),
                    speaker: q.speaker.clone(),
                    date: q.date.as_ref().map(date_ctx),
                    language: q.language.clone().unwrap_or_default(),
                    context: q.context.clone().unwrap_or_default(),
                    note_html,
                    variants,
                }
            })
            .collect();
        let disputes: Vec<DisputeCtx> = vs
            .disputes
            .iter()
            .map(|d| {
                let claims = d
                    .claims
                    .iter()
                    .map(|c| ClaimCtx {
                        says: c.says.clone(),
                        standing: standing(c.upheld),
                        note_html: md.render(&c.note, footnotes),
                        sources: c
                            .sources
                            .iter()
                            .map(|cite| ClaimSourceCtx {
                                outlet: self.outlet_label(vs, cite.article),
                                quote: cite_excerpt(story, cite),
                                article_url: article_url(cite),
                                ref_html: footnotes.group(std::slice::from_ref(cite)),
                            })
                            .collect(),
                    })
                    .collect();
                DisputeCtx {
                    id: format!("dispute-{}", d.id),
                    question: d.question.clone(),
                    status: if d.resolved { "resolved" } else { "open" },
                    verdict: d.verdict.clone().unwrap_or_default(),
                    note_html: md.render(&d.note, footnotes),
                    claims,
                }
            })
            .collect();
        let coverage = self.coverage(story, vs, &timeline, &quotes, &disputes);
        let footnote_ctx: Vec<FootnoteCtx> = footnotes
            .entries()
            .iter()
            .map(|entry| {
                let article = &story.articles[entry.cite.article];
                let excerpt = cite_excerpt(story, &entry.cite);
                FootnoteCtx {
                    number: entry.number,
                    id: note_id(entry.number),
                    outlet: self.outlet_label(vs, entry.cite.article),
                    article_title: article.title.clone(),
                    date: article.published.as_ref().map(date_ctx),
                    local_url: article_url(&entry.cite),
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
                                href: format!("#{}", ref_id(entry.number, &label)),
                                label,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let articles = story
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| ArticleSummary {
                id: a.id.clone(),
                title: a.title.clone(),
                url: self.url(&article_path(story, a)),
                outlet: self.outlet_label(vs, i),
                date: a.published.as_ref().map(date_ctx),
                original_url: a.url.as_ref().map(|(u, _)| u.clone()).unwrap_or_default(),
                citation_count: footnotes
                    .entries()
                    .iter()
                    .filter(|e| e.cite.article == i)
                    .map(|e| e.uses)
                    .sum(),
            })
            .collect();
        StoryCtx {
            slug: story.slug.clone(),
            title: story.title.clone(),
            url: story_url,
            date: date_ctx(&story.date),
            summary: story.summary.clone(),
            annotation_html,
            timeline,
            timeline_groups: groups,
            quotes,
            disputes,
            coverage,
            articles,
            footnotes: footnote_ctx,
        }
    }

    fn coverage(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        timeline: &[EventCtx],
        quotes: &[QuoteCtx],
        disputes: &[DisputeCtx],
    ) -> CoverageCtx {
        let columns: Vec<CoverageColumn> = story
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| CoverageColumn {
                outlet: self.outlet_label(vs, i),
                article_url: self.url(&article_path(story, a)),
            })
            .collect();
        let names: Vec<String> = columns.iter().map(|c| c.outlet.name.clone()).collect();
        let reports = |row: &str, present: &dyn Fn(usize) -> bool| -> Vec<CoverageCell> {
            names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    if present(i) {
                        CoverageCell {
                            state: "reports",
                            text: "✓".into(),
                            label: format!("{name} reports {row}"),
                            standing: "",
                        }
                    } else {
                        CoverageCell {
                            state: "absent",
                            text: "—".into(),
                            label: format!("{name} does not report {row}"),
                            standing: "",
                        }
                    }
                })
                .collect()
        };
        let mut sections = Vec::new();
        let rows: Vec<CoverageRow> = vs
            .timeline
            .iter()
            .zip(timeline)
            .map(|(e, ctx)| {
                let cites: Vec<usize> = e
                    .sources
                    .iter()
                    .chain(e.text.groups.iter().flat_map(|(_, c)| c))
                    .map(|c| c.article)
                    .collect();
                CoverageRow {
                    label: e.title.clone(),
                    url: format!("#{}", ctx.id),
                    cells: reports("this event", &|i| cites.contains(&i)),
                }
            })
            .collect();
        if !rows.is_empty() {
            sections.push(CoverageSection {
                heading: "Timeline".into(),
                rows,
            });
        }
        let rows: Vec<CoverageRow> = vs
            .quotes
            .iter()
            .zip(quotes)
            .map(|(q, ctx)| {
                let label = format!(
                    "{}: {}",
                    q.speaker,
                    q.context.clone().unwrap_or_else(|| q.id.clone())
                );
                CoverageRow {
                    label,
                    url: format!("#{}", ctx.id),
                    cells: reports("this quote", &|i| {
                        q.variants.iter().any(|(_, c)| c.article == i)
                    }),
                }
            })
            .collect();
        if !rows.is_empty() {
            sections.push(CoverageSection {
                heading: "Key quotes".into(),
                rows,
            });
        }
        let rows: Vec<CoverageRow> = vs
            .disputes
            .iter()
            .zip(disputes)
            .map(|(d, ctx)| {
                let cells = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let backed: Vec<_> = d
                            .claims
                            .iter()
                            .filter(|c| c.sources.iter().any(|s| s.article == i))
                            .collect();
                        if backed.is_empty() {
                            CoverageCell {
                                state: "absent",
                                text: "—".into(),
                                label: format!("{name} does not address this"),
                                standing: "",
                            }
                        } else {
                            let text = backed
                                .iter()
                                .map(|c| c.says.as_str())
                                .collect::<Vec<_>>()
                                .join(" / ");
                            let standing = if backed.len() == 1 {
                                standing(backed[0].upheld)
                            } else {
                                "unjudged"
                            };
                            let judged = match standing {
                                "upheld" => " (upheld)",
                                "rejected" => " (rejected)",
                                _ => "",
                            };
                            CoverageCell {
                                state: "claim",
                                label: format!("{name}: {text}{judged}"),
                                text,
                                standing,
                            }
                        }
                    })
                    .collect();
                CoverageRow {
                    label: d.question.clone(),
                    url: format!("#{}", ctx.id),
                    cells,
                }
            })
            .collect();
        if !rows.is_empty() {
            sections.push(CoverageSection {
                heading: "Disputed details".into(),
                rows,
            });
        }
        CoverageCtx { columns, sections }
    }

    fn article_ctx(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        index: usize,
        footnotes: &Footnotes,
    ) -> ArticleCtx {
        let article = &story.articles[index];
        let story_url = self.url(&story_path(story));
        let entries: Vec<_> = footnotes
            .entries()
            .iter()
            .filter(|e| e.cite.article == index)
            .collect();
        let paragraphs = article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                let marks: Vec<(std::ops::Range<usize>, usize)> = entries
                    .iter()
                    .filter_map(|e| {
                        e.cite
                            .passage
                            .as_ref()
                            .filter(|pa| pa.paragraph == pi)
                            .map(|pa| (pa.range.clone(), e.number))
                    })
                    .collect();
                ParagraphCtx {
                    number: p.number,
                    id: format!("p{}", p.number),
                    html: mark_passages(&p.text, &marks),
                    cited_by: marks
                        .iter()
                        .map(|(_, n)| CitedBy {
                            label: format!("Source {n}"),
                            url: format!("{story_url}#{}", note_id(*n)),
                        })
                        .collect(),
                }
            })
            .collect();
        let note_html = article.note.as_ref().map_or_else(String::new, |n| {
            self.markdown(3).render(
                &CitedMarkdown {
                    text: n.clone(),
                    groups: vec![],
                },
                &mut Footnotes::default(),
            )
        });
        ArticleCtx {
            id: article.id.clone(),
            title: article.title.clone(),
            outlet: self.outlet_label(vs, index),
            story_title: story.title.clone(),
            story_url,
            date: article.published.as_ref().map(date_ctx),
            author: article.author.clone().unwrap_or_default(),
            language: article.language.clone().unwrap_or_default(),
            translated_from: article.translated_from.clone().unwrap_or_default(),
            original_url: article
                .url
                .as_ref()
                .map(|(u, _)| u.clone())
                .unwrap_or_default(),
            note_html,
            format: if article.format == Format::Text {
                "txt"
            } else {
                "md"
            },
            inferred: article.inferred.clone(),
            paragraphs,
            removed: article
                .removed
                .iter()
                .map(|r| RemovedCtx {
                    line: r.line,
                    text: r.text.clone(),
                    pattern: r.pattern.clone(),
                })
                .collect(),
            cited_whole: entries
                .iter()
                .filter(|e| e.cite.passage.is_none())
                .map(|e| CitedBy {
                    label: format!("Source {}", e.number),
                    url: format!("{}#{}", self.url(&story_path(story)), note_id(e.number)),
                })
                .collect(),
        }
    }

    fn outlet_ctx(
        &self,
        index: usize,
        outlet: &Outlet,
        stories: &[(&Story, &VerifiedStory)],
    ) -> OutletCtx {
        let mut articles = Vec::new();
        let mut record = Vec::new();
        for (story, vs) in stories {
            let mine: Vec<usize> = (0..story.articles.len())
                .filter(|&i| vs.outlets[i] == Some(index))
                .collect();
            for &i in &mine {
                let a = &story.articles[i];
                articles.push(OutletArticle {
                    title: a.title.clone(),
                    url: self.url(&article_path(story, a)),
                    date: a.published.as_ref().map(date_ctx),
                    story_title: story.title.clone(),
                    story_url: self.url(&story_path(story)),
                });
            }
            for d in vs.disputes.iter().filter(|d| d.resolved) {
                for c in &d.claims {
                    if c.sources.iter().any(|s| mine.contains(&s.article)) {
                        record.push(RecordEntry {
                            story_title: story.title.clone(),
                            question: d.question.clone(),
                            url: format!("{}#dispute-{}", self.url(&story_path(story)), d.id),
                            says: c.says.clone(),
                            verdict: d.verdict.clone().unwrap_or_default(),
                            standing: standing(c.upheld),
                        });
                    }
                }
            }
        }
        OutletCtx {
            id: outlet.id.clone(),
            name: outlet.name.clone(),
            url: outlet.url.clone().unwrap_or_default(),
            country: outlet.country.clone().unwrap_or_default(),
            language: outlet.language.clone().unwrap_or_default(),
            kind: outlet.kind.clone().unwrap_or_default(),
            note: outlet.note.clone().unwrap_or_default(),
            upheld_count: record.iter().filter(|r| r.standing == "upheld").count(),
            rejected_count: record.iter().filter(|r| r.standing == "rejected").count(),
            articles,
            record,
        }
    }
}

fn standing(upheld: Option<bool>) -> &'static str {
    match upheld {
        Some(true) => "upheld",
        Some(false) => "rejected",
        None => "unjudged",
    }
}

fn paragraph_anchor(article: &Article, paragraph: usize) -> String {
    format!(
        "p{}",
        article.paragraphs.get(paragraph).map_or(1, |p| p.number)
    )
}

/// The cited words exactly as the article prints them (empty for a whole-article citation).
pub(crate) fn cite_excerpt(story: &Story, cite: &Cite) -> String {
    cite.passage
        .as_ref()
        .and_then(|p| {
            story.articles[cite.article]
                .paragraphs
                .get(p.paragraph)?
                .text
                .get(p.range.clone())
        })
        .unwrap_or_default()
        .to_string()
}

fn strip_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(u, _)| u)
}

fn when_ctx(dates: &[When], approximate: bool) -> WhenCtx {
    let primary = dates.first().map(date_ctx).unwrap_or(DateCtx {
        datetime: String::new(),
        display: String::new(),
        precision: "day",
    });
    let alternatives: Vec<DateCtx> = if dates.len() > 1 {
        dates.iter().map(date_ctx).collect()
    } else {
        vec![]
    };
    let mut display = if alternatives.is_empty() {
        primary.display.clone()
    } else {
        alternatives_display(dates)
    };
    if approximate {
        display = format!("c. {display}");
    }
    WhenCtx {
        primary,
        alternatives,
        display,
        approximate,
    }
}

/// "13 or 14 July 2024" when the candidates are days of one month, else each date in full.
fn alternatives_display(dates: &[When]) -> String {
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
                *last = dates.last().map_or_else(String::new, When::display);
            }
            parts
        }
        _ => dates.iter().map(When::display).collect(),
    };
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Escapes a paragraph and wraps the cited ranges in `<mark>`; overlapping passages are split
/// into pieces so the marks nest correctly.
fn mark_passages(text: &str, marks: &[(std::ops::Range<usize>, usize)]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in marks {
        cuts.push(r.start.min(text.len()));
        cuts.push(r.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
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
                    id_attr = format!(" id=\"passage-{n}\"");
                }
            }
        }
        let sources: Vec<String> = covering.iter().map(|n| n.to_string()).collect();
        out.push_str(&format!(
            "<mark class=\"cited\"{id_attr} title=\"Cited as source {}\">{}</mark>",
            sources.join(", "),
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
        let html = mark_passages(text, &[(start..start + 10, 3)]);
        assert_eq!(
            html,
            "a &lt;b&gt; <mark class=\"cited\" id=\"passage-3\" title=\"Cited as source 3\">like a man</mark> &amp; more"
        );
    }

    #[test]
    fn overlapping_passages_split_without_losing_text() {
        let text = "one two three four";
        let html = mark_passages(text, &[(0..7, 1), (4..13, 2)]);
        assert!(html.contains("id=\"passage-1\""), "{html}");
        assert!(html.contains("id=\"passage-2\""), "{html}");
        let stripped: String = html
            .split('<')
            .map(|s| s.split_once('>').map_or(s, |x| x.1))
            .collect();
        assert_eq!(stripped, text);
    }

    #[test]
    fn uncertain_dates_read_naturally() {
        let d1 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 13).unwrap());
        let d2 = When::Day(chrono::NaiveDate::from_ymd_opt(2024, 7, 14).unwrap());
        let ctx = when_ctx(&[d1, d2], false);
        assert_eq!(ctx.display, "13 or 14 July 2024");
        let d3 = When::Month(2024, 8);
        assert_eq!(
            when_ctx(&[d1, d3], true).display,
            "c. 13 July 2024 or August 2024"
        );
        assert_eq!(ctx.primary.datetime, "2024-07-13");
    }
}

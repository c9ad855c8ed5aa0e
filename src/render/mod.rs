//! Render stage: turns a [`Verified`] site into [`Pages`] (output path -> bytes) with the theme's
//! templates. Nothing here reads a file: everything comes from the verified model.

pub mod context;
mod data;
pub mod diff;
pub mod footnotes;
pub mod highlight;
pub mod machine;
pub mod markdown;
mod pages;
mod story;
pub mod templates;
pub mod text_fragment;

use std::collections::BTreeMap;

use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Article, Story};
use crate::primitives::when::When;
use crate::verify::{Cite, CitedMarkdown, Verified, VerifiedStory};
use context::*;
use footnotes::Footnotes;
use highlight::Highlighter;
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
    let mut story_footnotes = Vec::new();
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
        story_footnotes.push(footnotes);
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
    let data: Vec<data::StoryData> = stories
        .iter()
        .zip(story_pages.iter().zip(&story_footnotes))
        .map(|((story, verified), (ctx, footnotes))| data::StoryData {
            story,
            verified,
            ctx,
            footnotes,
        })
        .collect();
    data::add_data_files(&renderer, &data, &mut pages);
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

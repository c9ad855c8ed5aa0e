//! The pages that list stories, rendered from the stories' listings alone: the home page and
//! each topic's page (split into pages of site.yaml's `paginate:` stories), the list of
//! topics and each topic's feed, the archive by year and month, and the list of outlets.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::context::*;
use super::footnotes::Footnotes;
use super::{PageSpec, Pages, Scope, StoryListing, feed, urls};
use crate::diagnostics::Diagnostics;
use crate::load::{Site, Tag};
use crate::primitives::when::When;
use crate::verify::CitedMarkdown;

/// The newest change among some stories: a list page's `lastmod`.
fn newest_change<'a>(stories: impl IntoIterator<Item = &'a &'a StoryListing>) -> Option<When> {
    stories
        .into_iter()
        .map(|s| s.modified)
        .max_by_key(When::sort_key)
}

/// One page of a list: its output path, its stories and where it is in the list.
struct ListPage<'s, 'a> {
    path: String,
    stories: &'s [&'a StoryListing],
    pagination: PaginationCtx,
}

/// Splits `stories` (already in order) into pages of site.yaml's `paginate:`, the first at
/// `first`. An empty list is one empty page.
fn paginate<'s, 'a>(
    scope: &Scope,
    first: &str,
    stories: &'s [&'a StoryListing],
) -> Vec<ListPage<'s, 'a>> {
    let size = scope.site.config.paginate.unwrap_or(usize::MAX).max(1);
    let chunks: Vec<&'s [&'a StoryListing]> = if stories.is_empty() {
        vec![stories]
    } else {
        stories.chunks(size).collect()
    };
    let count = chunks.len();
    let url = |n: usize| scope.url(&urls::list_page(first, n));
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let number = i + 1;
            let before = i.saturating_mul(size);
            ListPage {
                path: urls::list_page(first, number),
                stories: chunk,
                pagination: PaginationCtx {
                    number,
                    count,
                    prev_url: if number > 1 {
                        url(number - 1)
                    } else {
                        String::new()
                    },
                    next_url: if number < count {
                        url(number + 1)
                    } else {
                        String::new()
                    },
                    pages: page_window(number, count)
                        .into_iter()
                        .map(|n| match n {
                            Some(n) => PageNumber {
                                number: n,
                                url: url(n),
                                current: n == number,
                            },
                            None => PageNumber {
                                number: 0,
                                url: String::new(),
                                current: false,
                            },
                        })
                        .collect(),
                    first: if chunk.is_empty() { 0 } else { before + 1 },
                    last: before + chunk.len(),
                    total: stories.len(),
                },
            }
        })
        .collect()
}

/// The page numbers to show around page `number` of `count`: the first, the last, and two on
/// each side of the current one, with `None` for each gap ("1 … 4 5 6 7 8 … 40"); every page
/// when there are at most nine. A gap of one page shows that page instead.
fn page_window(number: usize, count: usize) -> Vec<Option<usize>> {
    if count <= 9 {
        return (1..=count).map(Some).collect();
    }
    let low = number.saturating_sub(2).max(1);
    let high = (number + 2).min(count);
    let mut shown: Vec<usize> = vec![1];
    shown.extend(low..=high);
    shown.push(count);
    shown.sort_unstable();
    shown.dedup();
    let mut window = Vec::new();
    for (i, &n) in shown.iter().enumerate() {
        if let Some(&previous) = i.checked_sub(1).and_then(|j| shown.get(j)) {
            match n - previous {
                1 => {}
                2 => window.push(Some(previous + 1)),
                _ => window.push(None),
            }
        }
        window.push(Some(n));
    }
    window
}

/// A topic as the site shows it, with its stories newest first.
struct SiteTag<'a> {
    slug: String,
    label: String,
    description: String,
    stories: Vec<&'a StoryListing>,
}

/// Every tag some story has, by label. Without a vocabulary in site.yaml, a tag written in
/// several ways (`US election`, `us-election`) is one tag, shown as most of its stories
/// write it.
fn site_tags<'a>(site: &Site, stories: &[&'a StoryListing]) -> Vec<SiteTag<'a>> {
    let mut by_slug: BTreeMap<&str, (Vec<&'a StoryListing>, BTreeMap<&str, usize>)> =
        BTreeMap::new();
    for story in StoryListing::newest_first(stories) {
        for Tag { slug, label } in &story.tags {
            let (list, labels) = by_slug.entry(slug).or_default();
            list.push(story);
            *labels.entry(label).or_default() += 1;
        }
    }
    let mut tags: Vec<SiteTag> = by_slug
        .into_iter()
        .map(|(slug, (stories, labels))| {
            let label = labels
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map_or(slug, |(label, _)| label);
            let description = site
                .config
                .tags
                .as_ref()
                .and_then(|known| known.get(slug))
                .map(|d| d.description.clone())
                .unwrap_or_default();
            SiteTag {
                slug: slug.to_string(),
                label: label.to_string(),
                description,
                stories,
            }
        })
        .collect();
    tags.sort_by(|a, b| {
        a.label
            .to_lowercase()
            .cmp(&b.label.to_lowercase())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    tags
}

impl Scope<'_> {
    /// The home page, and its later pages when site.yaml sets `paginate:`.
    pub(super) fn home_pages(
        &self,
        stories: &[&StoryListing],
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        let site = self.site;
        let sorted = StoryListing::newest_first(stories);
        // An unnamed outlet counts once for each story it is in: nothing tells two apart.
        let mut outlets: Vec<(&str, &str)> = sorted
            .iter()
            .flat_map(|s| {
                s.summary.outlets.iter().map(|o| {
                    if o.unnamed {
                        (s.slug.as_str(), "")
                    } else {
                        ("", o.id.as_str())
                    }
                })
            })
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        for list in paginate(self, urls::HOME, &sorted) {
            let first = list.pagination.number == 1;
            let index = IndexCtx {
                intro_html: match (&site.intro, first) {
                    (Some(md), true) => {
                        let plain = CitedMarkdown {
                            text: md.text.clone(),
                            groups: vec![],
                        };
                        self.markdown(2).render(&plain, &mut Footnotes::default())
                    }
                    _ => String::new(),
                },
                stories: list.stories.iter().map(|s| s.summary.clone()).collect(),
                story_count: sorted.len(),
                article_count: sorted.iter().map(|s| s.summary.article_count).sum(),
                outlet_count: outlets.len(),
                pagination: list.pagination,
            };
            let title = if first {
                site.config.title.clone()
            } else {
                self.t.fill(
                    "page_number",
                    &[("number", &index.pagination.number.to_string())],
                )
            };
            let page = self.list_page_ctx(
                PageSpec::new(PageKind::Index, &list.path, &title),
                &index.pagination,
            );
            self.page(pages, diagnostics, page, &index);
        }
    }

    /// Each topic's pages and feed, and the list of topics.
    pub(super) fn tag_pages(
        &self,
        stories: &[&StoryListing],
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        let tags = site_tags(self.site, stories);
        if self.has_page(PageKind::Tag) {
            for tag in &tags {
                self.tag_list_pages(tag, pages, diagnostics);
                if self.site.config.feeds {
                    self.tag_feed(tag, pages);
                }
            }
        }
        if self.has_page(PageKind::Tags) {
            self.tags_page(&tags, pages, diagnostics);
        }
    }

    /// A topic's pages: its stories, split into pages as site.yaml says.
    fn tag_list_pages(&self, tag: &SiteTag, pages: &mut Pages, diagnostics: &mut Diagnostics) {
        let topics = Link {
            text: self.t.text("topics").to_string(),
            url: self.url(urls::TAGS),
        };
        let first = urls::tag(&tag.slug);
        let feed_url = if self.site.config.feeds {
            self.url(&urls::tag_feed(&tag.slug))
        } else {
            String::new()
        };
        let description = self.tag_description(tag);
        for list in paginate(self, &first, &tag.stories) {
            let number = list.pagination.number;
            // Page 2 on: "Ukraine, page 2", under Topics › Ukraine.
            let mut crumbs = vec![topics.clone()];
            let title = if number == 1 {
                tag.label.clone()
            } else {
                crumbs.push(Link {
                    text: tag.label.clone(),
                    url: self.url(&first),
                });
                self.t.fill(
                    "list_page_title",
                    &[("title", &tag.label), ("number", &number.to_string())],
                )
            };
            let page = self.list_page_ctx(
                PageSpec {
                    description: &description,
                    breadcrumbs: crumbs,
                    ..PageSpec::new(PageKind::Tag, &list.path, &title)
                },
                &list.pagination,
            );
            let ctx = TagCtx {
                slug: tag.slug.clone(),
                label: tag.label.clone(),
                description: tag.description.clone(),
                url: self.url(&first),
                feed_url: feed_url.clone(),
                stories: list.stories.iter().map(|s| s.summary.clone()).collect(),
                pagination: list.pagination,
            };
            self.page(pages, diagnostics, page, &ctx);
        }
    }

    /// A topic's feed, `tags/<tag>/atom.xml`.
    fn tag_feed(&self, tag: &SiteTag, pages: &mut Pages) {
        let title = self.t.fill(
            "tag_feed_title",
            &[("site", &self.site.config.title), ("tag", &tag.label)],
        );
        pages.insert(
            urls::tag_feed(&tag.slug),
            feed::list_feed(
                self,
                &feed::ListFeed {
                    title: &title,
                    subtitle: &self.tag_description(tag),
                    id: &self.absolute_url(&urls::tag_feed(&tag.slug)),
                    self_path: &urls::tag_feed(&tag.slug),
                    alternate_path: &urls::tag(&tag.slug),
                },
                &tag.stories,
            ),
        );
    }

    /// A topic's description in site.yaml's vocabulary, else one made from its label.
    fn tag_description(&self, tag: &SiteTag) -> String {
        if tag.description.is_empty() {
            self.t.fill(
                "tag_description",
                &[("tag", &tag.label), ("site", &self.site.config.title)],
            )
        } else {
            tag.description.clone()
        }
    }

    /// The list of topics.
    fn tags_page(&self, tags: &[SiteTag], pages: &mut Pages, diagnostics: &mut Diagnostics) {
        let ctx = TagsCtx {
            tags: tags
                .iter()
                .map(|tag| TagEntry {
                    label: tag.label.clone(),
                    description: tag.description.clone(),
                    url: if self.has_page(PageKind::Tag) {
                        self.url(&urls::tag(&tag.slug))
                    } else {
                        String::new()
                    },
                    story_count: tag.stories.len(),
                    newest: self.date(&tag.stories[0].date),
                })
                .collect(),
        };
        let page = self.page_ctx(PageSpec {
            description: &self
                .t
                .fill("topics_description", &[("site", &self.site.config.title)]),
            ..PageSpec::new(PageKind::Tags, urls::TAGS, self.t.text("topics"))
        });
        self.page(pages, diagnostics, page, &ctx);
    }

    /// Every story by year and month, newest first.
    pub(super) fn archive_page(
        &self,
        stories: &[&StoryListing],
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        if !self.has_page(PageKind::Archive) {
            return;
        }
        let mut years: Vec<ArchiveYear> = Vec::new();
        for story in StoryListing::newest_first(stories) {
            // A time is filed under its own day, in the offset the editor wrote it in.
            let (year, month) = match story.date {
                When::Year(y) => (y, None),
                When::Month(y, m) => (y, Some(m)),
                When::Day(d) => (d.year(), Some(d.month())),
                When::DateTime(dt) => (dt.year(), Some(dt.month())),
            };
            if years.last().is_none_or(|y| y.year != year) {
                years.push(ArchiveYear {
                    year,
                    id: format!("y{year:04}"),
                    story_count: 0,
                    months: Vec::new(),
                });
            }
            let y = years.last_mut().expect("pushed above");
            y.story_count += 1;
            let (when, id) = match month {
                Some(m) => (When::Month(year, m), format!("m{year:04}-{m:02}")),
                None => (When::Year(year), format!("y{year:04}-undated")),
            };
            if y.months.last().is_none_or(|m| m.id != id) {
                y.months.push(ArchiveMonth {
                    date: self.date(&when),
                    id,
                    stories: Vec::new(),
                });
            }
            let m = y.months.last_mut().expect("pushed above");
            m.stories.push(ArchiveStory {
                title: story.summary.title.clone(),
                url: story.summary.url.clone(),
                date: story.summary.date.clone(),
                article_count: story.summary.article_count,
                updated: story.summary.updated.clone(),
            });
        }
        let ctx = ArchiveCtx {
            story_count: stories.len(),
            years,
        };
        let page = self.page_ctx(PageSpec {
            description: &self
                .t
                .fill("archive_description", &[("site", &self.site.config.title)]),
            ..PageSpec::new(PageKind::Archive, urls::ARCHIVE, self.t.text("archive"))
        });
        self.page(pages, diagnostics, page, &ctx);
    }

    /// Every outlet, with its articles and its record in resolved disputes.
    pub(super) fn sources_page(
        &self,
        stories: &[&StoryListing],
        pages: &mut Pages,
        diagnostics: &mut Diagnostics,
    ) {
        if !self.has_page(PageKind::Sources) {
            return;
        }
        let mut outlets: Vec<SourceEntry> = self
            .site
            .outlets
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mine = |s: &&&StoryListing| s.outlet_articles.iter().any(|(j, _)| *j == i);
                let record = stories
                    .iter()
                    .flat_map(|s| &s.outlet_record)
                    .filter(|(j, _)| *j == i);
                SourceEntry {
                    name: o.name.clone(),
                    url: self.url(&urls::outlet(&o.id)),
                    kind: o.kind.clone().unwrap_or_default(),
                    country: o.country.clone().unwrap_or_default(),
                    language: o.language.clone().unwrap_or_default(),
                    article_count: stories
                        .iter()
                        .flat_map(|s| &s.outlet_articles)
                        .filter(|(j, _)| *j == i)
                        .count(),
                    story_count: stories.iter().filter(mine).count(),
                    upheld_count: record
                        .clone()
                        .filter(|(_, r)| r.standing == Standing::Upheld)
                        .count(),
                    rejected_count: record
                        .filter(|(_, r)| r.standing == Standing::Rejected)
                        .count(),
                }
            })
            .collect();
        outlets.sort_by_key(|o| o.name.to_lowercase());
        let ctx = SourcesCtx {
            article_count: outlets.iter().map(|o| o.article_count).sum(),
            outlets,
        };
        let page = self.page_ctx(PageSpec {
            description: &self
                .t
                .fill("outlets_description", &[("site", &self.site.config.title)]),
            ..PageSpec::new(PageKind::Sources, urls::SOURCES, self.t.text("outlets"))
        });
        self.page(pages, diagnostics, page, &ctx);
    }

    /// A page of a paginated list, with its `rel="prev"` and `rel="next"`.
    fn list_page_ctx(&self, spec: PageSpec, pagination: &PaginationCtx) -> PageCtx {
        PageCtx {
            prev_url: pagination.prev_url.clone(),
            next_url: pagination.next_url.clone(),
            ..self.page_ctx(spec)
        }
    }

    /// The site-wide pages' paths with their `lastmod` (a page changed when the newest story
    /// it lists did), for the sitemap: every page of the home page and of each topic, the list
    /// of topics, the archive, the list of outlets and each outlet's page.
    pub(super) fn site_page_paths(&self, stories: &[&StoryListing]) -> Vec<(String, Option<When>)> {
        let sorted = StoryListing::newest_first(stories);
        let mut paths: Vec<(String, Option<When>)> = paginate(self, urls::HOME, &sorted)
            .into_iter()
            .map(|list| (urls::file(&list.path), newest_change(list.stories)))
            .collect();
        let tags = site_tags(self.site, stories);
        if self.has_page(PageKind::Tag) {
            for tag in &tags {
                for list in paginate(self, &urls::tag(&tag.slug), &tag.stories) {
                    paths.push((urls::file(&list.path), newest_change(list.stories)));
                }
            }
        }
        if self.has_page(PageKind::Tags) {
            let tagged: Vec<&StoryListing> = sorted
                .iter()
                .copied()
                .filter(|s| !s.tags.is_empty())
                .collect();
            paths.push((urls::file(urls::TAGS), newest_change(&tagged)));
        }
        if self.has_page(PageKind::Archive) {
            paths.push((urls::file(urls::ARCHIVE), newest_change(&sorted)));
        }
        if self.has_page(PageKind::Sources) {
            paths.push((urls::file(urls::SOURCES), newest_change(&sorted)));
        }
        for (i, outlet) in self.site.outlets.iter().enumerate() {
            let with_outlet: Vec<&StoryListing> = sorted
                .iter()
                .copied()
                .filter(|s| s.outlet_articles.iter().any(|(j, _)| *j == i))
                .collect();
            paths.push((
                urls::file(&urls::outlet(&outlet.id)),
                newest_change(&with_outlet),
            ));
        }
        paths
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    fn shown(number: usize, count: usize) -> String {
        page_window(number, count)
            .iter()
            .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_short_list_shows_every_page() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(3, 6), "1 2 3 4 5 6");
        assert_eq!(shown(9, 9), "1 2 3 4 5 6 7 8 9");
    }

    #[test]
    fn a_long_list_shows_the_ends_and_the_neighbours() {
        assert_eq!(shown(1, 40), "1 2 3 … 40");
        assert_eq!(shown(6, 40), "1 … 4 5 6 7 8 … 40");
        assert_eq!(shown(40, 40), "1 … 38 39 40");
        // A gap of one page shows the page.
        assert_eq!(shown(4, 40), "1 2 3 4 5 6 … 40");
        assert_eq!(shown(5, 12), "1 2 3 4 5 6 7 … 12");
    }
}

//! The Atom feeds: the site's, each topic's (both lists of stories' entries) and each story's
//! own, whose entries are the story's events, quotes, disputes and verdicts. The format is
//! fixed by its standard, so it is built here rather than in the theme.

use super::context::{DisputeCtx, EventCtx, QuoteCtx, StoryCtx, UpdateCtx};
use super::{Pages, Scope, StoryListing, data, story_path, urls};
use crate::load::{Story, UpdateKind};
use crate::primitives::direction::{Direction, isolate_text};
use crate::primitives::html::escape as xml_escape;
use crate::primitives::when::When;
use crate::verify::{Cite, CitedMarkdown, Dispute, Event, Quote, VerifiedStory, VerifiedUpdate};

/// The site's feed, `atom.xml`, when site.yaml has `feeds:` on.
pub(crate) fn add_feed(r: &Scope, stories: &[&StoryListing], pages: &mut Pages) {
    let config = &r.site.config;
    if config.feeds {
        let feed = ListFeed {
            title: &config.title,
            subtitle: &config.description,
            id: &config.base_url,
            self_path: urls::FEED,
            alternate_path: urls::HOME,
        };
        pages.insert(urls::FEED, list_feed(r, &feed, stories));
    }
}

/// A story's entry in the site's Atom feed: published on the story's date, updated when its
/// content last changed (see [`feed_items`]).
pub(crate) fn feed_entry(r: &Scope, story: &Story, ctx: &StoryCtx, items: &[FeedItem]) -> String {
    let url = r.absolute_url(&story_path(story));
    // Each name on its own: two Arabic names in a row must not read as one Arabic phrase.
    let outlets: Vec<String> = ctx
        .articles
        .iter()
        .map(|a| isolate_text(&a.outlet.name, r.direction()).into_owned())
        .collect();
    // A correction is news to everyone who read the story: the entry says it, newest first.
    let mut parts: Vec<String> = ctx
        .updates
        .iter()
        .filter(|u| u.kind == UpdateKind::Correction)
        .map(|u| update_sentence(r, u))
        .collect();
    parts.push(story.summary.clone());
    parts.push(r.t.fill(
        "feed_sources",
        &[("outlets", &outlets.join(r.t.text("list_comma")))],
    ));
    let summary = join_sentences(&parts);
    entry(
        &FeedItem {
            id: url.clone(),
            title: story.title.clone(),
            link: url,
            updated: last_modified(story, items),
            summary,
        },
        Some((story.date, &r.site.config.title)),
        r.direction(),
    )
}

/// An Atom `<entry>`; `published` adds the publication date and an author (the site feed's
/// entries carry their own; a story feed names its author once, for all).
///
/// Atom has no `dir`: a run of words in the other direction than the site's (an Arabic outlet's
/// name or words on an English site) is kept apart with Unicode's isolate characters, which
/// browsers and most feed readers honour and the others show as nothing.
fn entry(item: &FeedItem, published: Option<(When, &str)>, direction: Direction) -> String {
    let isolated = |text: &str| isolate_text(text, direction).into_owned();
    let mut xml = format!(
        "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&isolated(&item.title)),
        xml_escape(&item.id),
        xml_escape(&item.link),
    );
    if let Some((date, _)) = published {
        xml.push_str(&format!("    <published>{}</published>\n", date.rfc3339()));
    }
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        item.updated.rfc3339()
    ));
    if let Some((_, author)) = published {
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(author)
        ));
    }
    xml.push_str(&format!(
        "    <summary>{}</summary>\n  </entry>\n",
        xml_escape(&isolated(item.summary.trim()))
    ));
    xml
}

/// An Atom feed's opening, up to its first entry.
struct FeedHead<'a> {
    title: &'a str,
    subtitle: &'a str,
    id: &'a str,
    self_url: &'a str,
    alternate: &'a str,
    updated: &'a str,
    /// The feed-level author, when the entries do not name theirs.
    author: Option<&'a str>,
}

fn feed_head(r: &Scope, head: &FeedHead) -> String {
    let author = head.author.map_or_else(String::new, |a| {
        format!("  <author><name>{}</name></author>\n", xml_escape(a))
    });
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}</updated>\n{author}  <generator>digest</generator>\n",
        xml_escape(&r.site.config.language),
        xml_escape(&isolate_text(head.title, r.direction())),
        xml_escape(&isolate_text(head.subtitle, r.direction())),
        xml_escape(head.id),
        xml_escape(head.self_url),
        xml_escape(head.alternate),
        head.updated,
    )
}

/// A feed of stories (the site's, a topic's): what it is and where.
pub(crate) struct ListFeed<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// The feed's permanent id (the site's is its base URL, as it always was).
    pub id: &'a str,
    pub self_path: &'a str,
    /// The page the feed follows.
    pub alternate_path: &'a str,
}

/// A feed of the stories' entries, newest first (stories of the same date in folder order).
pub(crate) fn list_feed(r: &Scope, feed: &ListFeed, stories: &[&StoryListing]) -> String {
    let entries = StoryListing::newest_first(stories);
    // An empty site has no date to give: the feed's then says the epoch, never the build time.
    let updated = entries
        .iter()
        .map(|s| s.modified)
        .max_by_key(When::sort_key)
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |m| m.rfc3339());
    let mut xml = feed_head(
        r,
        &FeedHead {
            title: feed.title,
            subtitle: feed.subtitle,
            id: feed.id,
            self_url: &r.absolute_url(feed.self_path),
            alternate: &r.absolute_url(feed.alternate_path),
            updated: &updated,
            author: None,
        },
    );
    for story in entries {
        xml.push_str(&story.feed_entry);
    }
    xml.push_str("</feed>\n");
    xml
}

/// One entry of a story's own feed: the story, a timeline event, a quote, a dispute or a
/// verdict.
pub(crate) struct FeedItem {
    id: String,
    title: String,
    link: String,
    updated: When,
    summary: String,
}

/// What a story's own feed holds: one entry for the story and one for each timeline event,
/// quote, dispute and verdict, newest first.
///
/// digest keeps no history, so everything comes from the content: an item's id is a hash of
/// what the editor wrote for it (an added or reworded event, or a changed verdict, is a new
/// entry that feed readers show as new; an unchanged site gives the same feed, byte for byte),
/// and its `updated` time is the newest date it rests on: the story's date, its own dates, and
/// the publication times of the articles it cites.
pub(crate) fn feed_items(
    r: &Scope,
    story: &Story,
    vs: &VerifiedStory,
    ctx: &StoryCtx,
) -> Vec<FeedItem> {
    let feed = StoryFeed {
        r,
        story,
        url: r.absolute_url(&story_path(story)),
    };
    let mut items = vec![FeedItem {
        id: feed.url.clone(),
        title: story.title.clone(),
        link: feed.url.clone(),
        updated: story.date,
        summary: story.summary.clone(),
    }];
    for (update, uctx) in vs.updates.iter().zip(&ctx.updates) {
        items.push(feed.update(update, uctx));
    }
    for (i, (event, ectx)) in vs.timeline.iter().zip(&ctx.timeline).enumerate() {
        items.push(feed.event(i, event, ectx));
    }
    for (quote, qctx) in vs.quotes.iter().zip(&ctx.quotes) {
        items.push(feed.quote(quote, qctx));
    }
    for (dispute, dctx) in vs.disputes.iter().zip(&ctx.disputes) {
        items.push(feed.dispute(dispute, dctx));
        items.extend(feed.verdict(dispute, dctx));
    }
    // Newest first; items of the same time keep the page's order.
    items.sort_by_key(|item| std::cmp::Reverse(item.updated.sort_key()));
    items
}

/// One story's feed being built: what its items need at hand.
struct StoryFeed<'a> {
    r: &'a Scope<'a>,
    story: &'a Story,
    /// The story page's absolute address, which every item links into.
    url: String,
}

impl StoryFeed<'_> {
    fn update(&self, update: &VerifiedUpdate, uctx: &UpdateCtx) -> FeedItem {
        let (r, story) = (self.r, self.story);
        let label = update_label(r, uctx);
        FeedItem {
            id: self.item_id(
                "update",
                &format!(
                    "{:?}\u{0}{}\u{0}{}",
                    update.kind,
                    update.date.datetime_attr(),
                    update.note.text
                ),
            ),
            title: r.t.fill(
                "feed_update",
                &[("update", &label), ("story", &story.title)],
            ),
            link: format!("{}#{}", self.url, uctx.id),
            updated: self.newest(vec![update.date]),
            summary: data::plain_text(&uctx.note_html),
        }
    }

    /// Timeline event `i`: updated by its own dates as well as its sources'.
    fn event(&self, i: usize, event: &Event, ectx: &EventCtx) -> FeedItem {
        let r = self.r;
        let cites = event.sources.iter().chain(cites_of(&event.text));
        let mut dates = self.published(cites);
        dates.extend(event.dates.iter().copied());
        let content: Vec<String> = event.dates.iter().map(When::datetime_attr).collect();
        FeedItem {
            id: self.item_id(
                "event",
                &format!(
                    "{}\u{0}{}\u{0}{}",
                    content.join(" "),
                    event.title,
                    event.text.text
                ),
            ),
            title: r.t.fill(
                "feed_event",
                &[("date", &ectx.when.display), ("title", &event.title)],
            ),
            link: format!("{}#{}", self.url, urls::event_anchor(i)),
            updated: self.newest(dates),
            summary: join_sentences(&[
                data::plain_text(&ectx.text_html),
                sources_sentence(
                    r,
                    &outlet_names(ectx.outlets.iter().map(|o| o.name.as_str())),
                ),
            ]),
        }
    }

    /// A key quote, summarised as each outlet's version of it.
    fn quote(&self, quote: &Quote, qctx: &QuoteCtx) -> FeedItem {
        let r = self.r;
        let cites = quote
            .variants
            .iter()
            .map(|(_, c)| c)
            .chain(cites_of(&quote.note));
        let mut dates = self.published(cites);
        dates.extend(quote.date);
        let variants: Vec<String> = quote
            .variants
            .iter()
            .map(|(text, c)| format!("{}\u{1}{text}", self.article_id(c)))
            .collect();
        let renderings: Vec<String> = qctx
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{}: {}",
                    v.outlet.name,
                    quoted(r, &data::plain_text(&v.text_html))
                )
            })
            .collect();
        FeedItem {
            id: self.item_id(
                "quote",
                &format!(
                    "{}\u{0}{}\u{0}{}",
                    quote.id,
                    quote.speaker,
                    variants.join("\u{0}")
                ),
            ),
            title: if qctx.context.is_empty() {
                r.t.fill("feed_quote", &[("speaker", &quote.speaker)])
            } else {
                r.t.fill(
                    "feed_quote_context",
                    &[("speaker", &quote.speaker), ("context", &qctx.context)],
                )
            },
            link: format!("{}#{}", self.url, urls::quote_anchor(&quote.id)),
            updated: self.newest(dates),
            summary: renderings.join(" · "),
        }
    }

    /// A disputed detail, summarised as its claims and who makes each.
    fn dispute(&self, dispute: &Dispute, dctx: &DisputeCtx) -> FeedItem {
        let r = self.r;
        let claims: Vec<String> = dispute
            .claims
            .iter()
            .map(|c| {
                let sources: Vec<String> = c.sources.iter().map(|s| self.article_id(s)).collect();
                format!("{}\u{1}{}\u{1}{}", c.says, sources.join(" "), c.note.text)
            })
            .collect();
        let said: Vec<String> = dctx
            .claims
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    quoted(r, &c.says),
                    outlet_names(c.sources.iter().map(|s| s.outlet.name.as_str()))
                )
            })
            .collect();
        FeedItem {
            id: self.item_id(
                "dispute",
                &format!(
                    "{}\u{0}{}\u{0}{}",
                    dispute.id,
                    dispute.question,
                    claims.join("\u{0}")
                ),
            ),
            title: r.t.fill("feed_dispute", &[("question", &dispute.question)]),
            link: self.dispute_link(dispute),
            updated: self.newest(self.published(claim_cites(dispute))),
            summary: r.t.fill(
                "feed_dispute_summary",
                &[("claims", &said.join(&format!(" {} ", r.t.text("feed_or"))))],
            ),
        }
    }

    /// A dispute's verdict, once it is resolved: an entry of its own, which readers who saw
    /// the open dispute see as new.
    fn verdict(&self, dispute: &Dispute, dctx: &DisputeCtx) -> Option<FeedItem> {
        let r = self.r;
        let (true, Some(verdict)) = (dispute.resolved, &dispute.verdict) else {
            return None;
        };
        let upheld: Vec<String> = dispute
            .claims
            .iter()
            .map(|c| format!("{:?}", c.upheld))
            .collect();
        Some(FeedItem {
            id: self.item_id(
                "verdict",
                &format!(
                    "{}\u{0}{verdict}\u{0}{}\u{0}{}",
                    dispute.id,
                    dispute.note.text,
                    upheld.join(" ")
                ),
            ),
            title: r.t.fill(
                "feed_verdict_title",
                &[("question", &dispute.question), ("verdict", verdict)],
            ),
            link: self.dispute_link(dispute),
            updated: self
                .newest(self.published(claim_cites(dispute).chain(cites_of(&dispute.note)))),
            summary: join_sentences(&[
                r.t.fill("feed_verdict", &[("verdict", verdict)]),
                data::plain_text(&dctx.note_html),
            ]),
        })
    }

    fn dispute_link(&self, dispute: &Dispute) -> String {
        format!("{}#{}", self.url, urls::dispute_anchor(&dispute.id))
    }

    /// The publication times (where known) of the articles `cites` cite.
    fn published<'c>(&self, cites: impl Iterator<Item = &'c Cite>) -> Vec<When> {
        cites
            .filter_map(|c| self.story.articles.get(c.article)?.published)
            .collect()
    }

    /// The newest of `dates` and the story's date (the first of equals).
    fn newest(&self, dates: Vec<When>) -> When {
        dates.into_iter().fold(self.story.date, |a, b| {
            if b.sort_key() > a.sort_key() { b } else { a }
        })
    }

    /// A cited article by its id, not its position: adding an article must not change the
    /// ids of other items.
    fn article_id(&self, c: &Cite) -> String {
        self.story.articles[c.article].id.clone()
    }

    /// An item's id: a hash of the story, the kind of item and what the editor wrote for it.
    fn item_id(&self, kind: &str, content: &str) -> String {
        urn_uuid(&format!("{}\u{0}{kind}\u{0}{content}", self.story.slug))
    }
}

/// Everything a dispute's claims cite: their sources and their notes' citations.
fn claim_cites(dispute: &Dispute) -> impl Iterator<Item = &Cite> {
    dispute
        .claims
        .iter()
        .flat_map(|c| c.sources.iter().chain(cites_of(&c.note)))
}

/// Outlets' names, each once, in order: "Fakti, RFE/RL".
fn outlet_names<'n>(names: impl Iterator<Item = &'n str>) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique.join(", ")
}

/// When a story last changed, as far as its content says: the newest of its feed items' times
/// (its sitemap `lastmod`).
pub(crate) fn last_modified(story: &Story, items: &[FeedItem]) -> When {
    items.first().map_or(story.date, |item| item.updated)
}

/// A story's own feed, `stories/<slug>/atom.xml`, for readers following an unfolding story.
pub(crate) fn story_feed(r: &Scope, story: &Story, items: &[FeedItem]) -> String {
    let story_url = r.absolute_url(&story_path(story));
    let config = &r.site.config;
    let feed_url = r.absolute_url(&urls::story_feed(&story.slug));
    let mut xml = feed_head(
        r,
        &FeedHead {
            title: &format!("{} — {}", story.title, config.title),
            subtitle: &story.summary,
            id: &feed_url,
            self_url: &feed_url,
            alternate: &story_url,
            updated: &last_modified(story, items).rfc3339(),
            author: Some(&config.title),
        },
    );
    for item in items {
        xml.push_str(&entry(item, None, r.direction()));
    }
    xml.push_str("</feed>\n");
    xml
}

/// "Correction, 8 November 2024" (or "Update, …").
pub(crate) fn update_label(r: &Scope, update: &UpdateCtx) -> String {
    let key = match update.kind {
        UpdateKind::Update => "update_label",
        UpdateKind::Correction => "correction_label",
    };
    r.t.fill(key, &[("date", &update.date.display)])
}

/// "Correction, 8 November 2024: The story said … ."
fn update_sentence(r: &Scope, update: &UpdateCtx) -> String {
    let note = data::plain_text(&update.note_html);
    let label = update_label(r, update);
    if note.is_empty() {
        label
    } else {
        r.t.fill(
            "update_sentence",
            &[("update", &label), ("note", note.trim())],
        )
    }
}

/// The citations in a piece of the editor's Markdown.
fn cites_of(md: &CitedMarkdown) -> impl Iterator<Item = &Cite> + Clone {
    md.groups.iter().flat_map(|(_, cites)| cites)
}

/// Words in the site's language's quotation marks: “…”, «…», „…“.
fn quoted(r: &Scope, words: &str) -> String {
    format!(
        "{}{words}{}",
        r.t.text("quote_open"),
        r.t.text("quote_close")
    )
}

fn sources_sentence(r: &Scope, outlets: &str) -> String {
    if outlets.is_empty() {
        String::new()
    } else {
        r.t.fill("feed_sources", &[("outlets", outlets)])
    }
}

fn join_sentences(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `urn:uuid:` (RFC 9562 version 8: an application's own hash) of `content`, for feed
/// entry ids that stay the same as long as what they identify does.
fn urn_uuid(content: &str) -> String {
    let mut bytes = xxhash_rust::xxh3::xxh3_128(content.as_bytes()).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

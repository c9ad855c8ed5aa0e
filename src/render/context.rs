//! The data every template sees, as typed structs serialised once per page.
//!
//! This file is the contract between the Rust side and the theme: each page template gets the
//! variables `site`, `theme`, `page` and `t` (the theme's labels in the site's language, from
//! its `i18n/` files: see `load/i18n.rs`), plus exactly one of `index`, `story`, `article`,
//! `outlet`, `roundup`, `search`, `tag`, `tags`, `archive`, `sources` (the 404 page gets only those four). Fields that end in `_html` are markup
//! that `digest` built and escaped itself (Markdown output, footnote references, marked
//! passages); templates print them with `| safe`. Every other string is plain text and is autoescaped by Tera.
//! All URLs are absolute paths that already include the site's base path (`/repo/stories/x/`).
//!
//! Besides Tera's own, templates have these filters. For the labels: `fill` (`{{ t.by_author |
//! fill(author=a) }}` fills `{author}`), `plural` (`{{ t.count_articles | plural(count=n) }}`,
//! the form the site's language uses for `n`) and `link` (a value made a link inside a label). For
//! text in every direction: `lang_dir` (`<p{{ article.language | lang_dir }}>` gives ` lang="ar"
//! dir="rtl"` on an English site, and `lang_dir(isolate=true)` always gives `dir`, for a run inside
//! a sentence), `direction` (`ltr`, `rtl` or `auto` for a language) and `isolate` (`{{ c.says |
//! isolate }}` keeps runs of the other direction apart with Unicode's isolate characters, for text
//! printed without markup; `isolate(lang=x)` isolates the whole text when `x`'s direction is not
//! the site's).

use serde::{Deserialize, Serialize};

use crate::load::UpdateKind;

/// Site-wide settings, the same on every page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteCtx {
    /// The site's title (site.yaml `title`).
    pub title: String,
    /// The site's one-line description (site.yaml `description`); may be empty.
    pub description: String,
    /// The language of the site's own text and of the theme's labels (`t`).
    pub language: String,
    /// The direction of the site's language, `ltr` or `rtl` (Arabic, Hebrew, Persian …): every
    /// page's `<html dir>`.
    pub dir: String,
    /// Full base URL, ending in `/` (`https://user.github.io/repo/`).
    pub base_url: String,
    /// Path part of the base URL, ending in `/` (`/repo/`); prefix of every link.
    pub base_path: String,
    /// `digest <version>`, for `<meta name="generator">`.
    pub generator: String,
    /// URL of the Atom feed.
    pub feed_url: String,
    /// Under `digest serve` only: the URL of the live-reload script, which the base template
    /// loads (and allows in its Content-Security-Policy). Empty in every built site.
    pub live_reload: String,
    /// URL of the search page, for a link on every page; empty when the site has none
    /// (`search: false` in site.yaml, or a theme without `search.html`).
    pub search_url: String,
    /// URL of the archive (every story by year and month); empty when the theme has no
    /// `archive.html`.
    pub archive_url: String,
    /// URL of the list of topics; empty when no story has a tag or the theme has no
    /// `tags.html`.
    pub tags_url: String,
    /// URL of the list of outlets; empty when the site has none or the theme has no
    /// `sources.html`.
    pub sources_url: String,
}

/// The theme the site is rendered with, the same on every page (the variable `theme`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeCtx {
    /// The theme site.yaml names (`default`, `broadsheet`).
    pub name: String,
    /// Every option the theme declares in its theme.yaml (and those of the themes it
    /// extends), with site.yaml's `theme_options` value or else the theme's default.
    pub options: serde_json::Map<String, serde_json::Value>,
    /// The stylesheets every page links, below the site's base path (`style.css`,
    /// `broadsheet.css`), the theme it extends first.
    pub stylesheets: Vec<String>,
}

/// The kinds of page a theme renders; each has its own template. Templates see the kind as the
/// string `index` | `story` | `article` | `outlet` | `roundup` | `search` | `tag` | `tags` |
/// `archive` | `sources` | `404`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// The home page (`index.html`), and each further page of it under `paginate:`.
    Index,
    /// A story's page (`story.html`).
    Story,
    /// An article's copy on the site (`article.html`).
    Article,
    /// An outlet's page (`outlet.html`).
    Outlet,
    /// A story's outlets side by side (`stories/<story>/outlets/`), when the theme has
    /// `roundup.html`.
    Roundup,
    /// The search page (`search/`), when the theme has `search.html` and site.yaml does not
    /// say `search: false`.
    Search,
    /// One topic's stories (`tags/<tag>/`), when the theme has `tag.html`.
    Tag,
    /// Every topic (`tags/`), when the theme has `tags.html`.
    Tags,
    /// Every story by year and month (`archive/`), when the theme has `archive.html`.
    Archive,
    /// Every outlet (`sources/`), when the theme has `sources.html`.
    Sources,
    /// The page a host shows for an address the site does not have (`404.html`).
    #[serde(rename = "404")]
    NotFound,
}

impl PageKind {
    /// The kinds of page a theme may leave out (a theme made before they existed still
    /// builds, without them and without links to them).
    pub const OPTIONAL: [PageKind; 6] = [
        PageKind::Roundup,
        PageKind::Search,
        PageKind::Tag,
        PageKind::Tags,
        PageKind::Archive,
        PageKind::Sources,
    ];

    /// The theme's template for this kind of page.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Index => "index.html",
            PageKind::Story => "story.html",
            PageKind::Article => "article.html",
            PageKind::Outlet => "outlet.html",
            PageKind::Roundup => "roundup.html",
            PageKind::Search => "search.html",
            PageKind::Tag => "tag.html",
            PageKind::Tags => "tags.html",
            PageKind::Archive => "archive.html",
            PageKind::Sources => "sources.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// The variable that holds the page's own data (the 404 page has none).
    pub fn variable(self) -> Option<&'static str> {
        match self {
            PageKind::Index => Some("index"),
            PageKind::Story => Some("story"),
            PageKind::Article => Some("article"),
            PageKind::Outlet => Some("outlet"),
            PageKind::Roundup => Some("roundup"),
            PageKind::Search => Some("search"),
            PageKind::Tag => Some("tag"),
            PageKind::Tags => Some("tags"),
            PageKind::Archive => Some("archive"),
            PageKind::Sources => Some("sources"),
            PageKind::NotFound => None,
        }
    }
}

/// Whether a dispute has a verdict. Templates see `open` | `resolved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DisputeStatus {
    /// No verdict yet.
    Open,
    /// The editor gave a verdict (`status: resolved`).
    Resolved,
}

/// How a claim fared. Templates see `upheld` | `rejected` | `unjudged` (an open dispute, or
/// the editor did not say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// The verdict agrees with the claim (`upheld: true`).
    Upheld,
    /// The verdict contradicts it (`upheld: false`).
    Rejected,
    /// Not judged.
    Unjudged,
}

impl Standing {
    /// From a claim's `upheld:`, which the verify stage already cleared on open disputes.
    pub(crate) fn of(upheld: Option<bool>) -> Standing {
        match upheld {
            Some(true) => Standing::Upheld,
            Some(false) => Standing::Rejected,
            None => Standing::Unjudged,
        }
    }
}

/// What a coverage cell says about an outlet. Templates see `reports` | `claim` | `absent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    /// The outlet reports the event or quote.
    Reports,
    /// The outlet backs the claim in the cell's `text`.
    Claim,
    /// Not in this outlet's article.
    Absent,
}

/// What kind of page is being rendered and where it lives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageCtx {
    /// Which kind of page this is (see PageKind).
    pub kind: PageKind,
    /// Text for `<title>` (without the site title).
    pub title: String,
    /// Text for `<meta name="description">`; empty: use the site's.
    pub description: String,
    /// Absolute URL of this page (for `<link rel="canonical">`).
    pub canonical_url: String,
    /// Path of this page (`/repo/stories/x/`).
    pub path: String,
    /// The output path the page is written to (not seen by templates).
    #[serde(skip)]
    pub output: String,
    /// The page's language: the site's (`en`, `ar` …), on every page. Text in another language
    /// (an outlet's words) carries its own `lang` and `dir` where it stands.
    pub language: String,
    /// The page's direction: the site's (`ltr` or `rtl`).
    pub dir: String,
    /// The language of `title`: on an article page it is the outlet's headline, in the
    /// article's language; on every other page, the site's.
    pub title_language: String,
    /// Breadcrumbs from the home page to this page's parent.
    pub breadcrumbs: Vec<Link>,
    /// JSON-LD for this page, already serialised; print inside
    /// `<script type="application/ld+json">` with `| safe`. Empty when there is none.
    pub json_ld: String,
    /// The page has footnote references and a source list (a story page that cites): the
    /// default theme then loads its `footnotes.js` (popovers, sidenotes) and allows it, and
    /// only it, in the page's Content-Security-Policy.
    pub has_footnotes: bool,
    /// The previous page of a list split by `paginate:` (for `<link rel="prev">`); empty on
    /// its first page and on every other kind of page.
    pub prev_url: String,
    /// The next page of a list split by `paginate:` (`<link rel="next">`); empty on its last.
    pub next_url: String,
}

/// A link and its text: breadcrumbs, topics, and the links between events, quotes and
/// disputes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The link's text.
    pub text: String,
    /// Where it goes (an absolute path with the base path).
    pub url: String,
}

/// A date with the precision the editor gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateCtx {
    /// Machine-readable value for `<time datetime="...">`.
    pub datetime: String,
    /// Human-readable text ("7 November 2024", "November 2024").
    pub display: String,
    /// `year` | `month` | `day` | `datetime`
    pub precision: String,
}

/// When a timeline event happened: one date, or one of several the outlets disagree on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhenCtx {
    /// The first (or only) date; use it for `<time datetime>`.
    pub primary: DateCtx,
    /// All candidate dates when the editor wrote `when: [a, b]` (empty otherwise).
    pub alternatives: Vec<DateCtx>,
    /// A short label per candidate, in the same order, for drawing them as a range: the year
    /// (and month) only where the next candidate does not repeat it ("13 July", "14 July 2024").
    pub labels: Vec<String>,
    /// Human text for the whole value: "13 or 14 July 2024", "c. November 2024".
    pub display: String,
    /// True when the editor wrote `approximate: true`.
    pub approximate: bool,
}

/// An outlet as a short label with a link to its page (`url` empty for an unnamed outlet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletLabel {
    /// The outlet's id in sources.yaml.
    pub id: String,
    /// The outlet's name as readers know it.
    pub name: String,
    /// The outlet's page on this site (`/sources/<id>/`).
    pub url: String,
    /// True when the article's text does not name its outlet.
    pub unnamed: bool,
}

// ---------------------------------------------------------------------------------------------
// Home page

/// The home page (`index`), and each further page of it when site.yaml sets `paginate:`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexCtx {
    /// `content/index.md`, rendered; empty when there is none. Shown on the first page only
    /// (empty on the others).
    pub intro_html: String,
    /// This page's stories, newest first (all of them unless site.yaml sets `paginate:`).
    pub stories: Vec<StorySummary>,
    /// Where this page is in the list, and the links to the others.
    pub pagination: PaginationCtx,
    /// How many stories the site has, on every page.
    pub story_count: usize,
    /// How many articles they collect.
    pub article_count: usize,
    /// How many outlets published them (an unnamed outlet once for each story it is in:
    /// nothing tells two apart).
    pub outlet_count: usize,
}

/// Where a page is in a list split by site.yaml's `paginate:` (the home page, a tag page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaginationCtx {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has (1 when it is not split).
    pub count: usize,
    /// The previous page; empty on the first.
    pub prev_url: String,
    /// The next page; empty on the last.
    pub next_url: String,
    /// The page numbers to show: every page of a list of up to nine, else the first, the
    /// last and two on each side of this one, with a gap (`number` 0) between ("1 … 4 5 6 7
    /// 8 … 40"). One entry when the list is not split.
    pub pages: Vec<PageNumber>,
    /// The position (from 1) in the whole list of this page's first story.
    pub first: usize,
    /// The position of its last story.
    pub last: usize,
    /// How many stories the whole list has.
    pub total: usize,
}

/// One page of a paginated list, or a gap between the numbers shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageNumber {
    /// Its number, from 1; 0 for a gap ("…").
    pub number: usize,
    /// Its address; empty for a gap.
    pub url: String,
    /// True for the page being rendered.
    pub current: bool,
}

/// A story as a card on the home page and on a topic's page (`index.stories`, `tag.stories`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    /// The story's title.
    pub title: String,
    /// The story page.
    pub url: String,
    /// The story's date.
    pub date: DateCtx,
    /// The story's one-paragraph summary (front matter); may be empty.
    pub summary: String,
    /// The outlets whose articles the story collects, in article order.
    pub outlets: Vec<OutletLabel>,
    /// How many articles the story collects.
    pub article_count: usize,
    /// How many key quotes it compares.
    pub quote_count: usize,
    /// How many timeline events it has.
    pub event_count: usize,
    /// How many disputed details it has.
    pub dispute_count: usize,
    /// Questions of the disputes still open, each linking to the dispute on the story page.
    pub open_disputes: Vec<Link>,
    /// Its topics, each linking to its tag page (or empty links when the theme has no
    /// `tag.html`).
    pub tags: Vec<Link>,
    /// The date of its latest update or correction; absent when it has none.
    pub updated: Option<DateCtx>,
    /// True when one of its updates is a correction.
    pub corrected: bool,
}

/// A change to a story after it was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateCtx {
    /// Anchor id on the story page (`update-1` is the oldest).
    pub id: String,
    /// `update` | `correction`
    pub kind: UpdateKind,
    /// When it was made.
    pub date: DateCtx,
    /// The editor's note, rendered, with footnote references; may be empty for an update.
    pub note_html: String,
}

// ---------------------------------------------------------------------------------------------
// Tag pages, the archive and the outlets

/// One topic's page (`tags/<tag>/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagCtx {
    /// The tag's address part (`us-election`).
    pub slug: String,
    /// How it is shown: site.yaml's label, or the tag as stories write it.
    pub label: String,
    /// site.yaml's description of the tag; may be empty.
    pub description: String,
    /// The tag's first page.
    pub url: String,
    /// The tag's Atom feed; empty when `feeds: false`.
    pub feed_url: String,
    /// This page's stories, newest first.
    pub stories: Vec<StorySummary>,
    /// Where this page is in the tag's list.
    pub pagination: PaginationCtx,
}

/// The list of topics (`tags/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagsCtx {
    /// Every tag some story has, by label.
    pub tags: Vec<TagEntry>,
}

/// A topic in the list of topics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagEntry {
    /// How it is shown.
    pub label: String,
    /// site.yaml's description; may be empty.
    pub description: String,
    /// Its page.
    pub url: String,
    /// How many stories have it.
    pub story_count: usize,
    /// The date of its newest story.
    pub newest: DateCtx,
}

/// Every story by year and month (`archive/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveCtx {
    /// How many stories there are in all.
    pub story_count: usize,
    /// Newest year first.
    pub years: Vec<ArchiveYear>,
}

/// One year of the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveYear {
    /// The year (`2024`).
    pub year: i32,
    /// Anchor id on the archive page (`y2024`).
    pub id: String,
    /// How many stories it has.
    pub story_count: usize,
    /// Newest month first; stories dated only to the year come last.
    pub months: Vec<ArchiveMonth>,
}

/// One month of the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveMonth {
    /// The month as a date ("November 2024"), or the year alone for stories dated only to it.
    pub date: DateCtx,
    /// Anchor id on the archive page (`m2024-11`; `y2024-undated`).
    pub id: String,
    /// Its stories, newest first.
    pub stories: Vec<ArchiveStory>,
}

/// A story in the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchiveStory {
    /// The story's title.
    pub title: String,
    /// The story page.
    pub url: String,
    /// The story's date.
    pub date: DateCtx,
    /// How many articles it collects.
    pub article_count: usize,
    /// The date of its latest update or correction; absent when it has none.
    pub updated: Option<DateCtx>,
}

/// Every outlet (`sources/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcesCtx {
    /// The outlets of sources.yaml, by name.
    pub outlets: Vec<SourceEntry>,
    /// How many articles they have in all.
    pub article_count: usize,
}

/// An outlet in the list of outlets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    /// The outlet's name.
    pub name: String,
    /// Its page on this site.
    pub url: String,
    /// `newspaper` | `wire` | `broadcaster` | `state-media` | `online` | `blog` | `aggregator` | empty
    pub kind: String,
    /// Where it is based; may be empty.
    pub country: String,
    /// The language it publishes in; may be empty.
    pub language: String,
    /// How many of its articles the site keeps.
    pub article_count: usize,
    /// In how many stories.
    pub story_count: usize,
    /// How many of its claims a verdict upheld, in resolved disputes.
    pub upheld_count: usize,
    /// How many a verdict rejected.
    pub rejected_count: usize,
}

// ---------------------------------------------------------------------------------------------
// Story page

/// A story's page (`story`): the annotation, timeline, quotes, disputes, coverage matrix,
/// articles and source list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryCtx {
    /// The story's folder name.
    pub slug: String,
    /// The story's title.
    pub title: String,
    /// The story page.
    pub url: String,
    /// The story's own Atom feed (an entry per event, quote, dispute and verdict); empty when
    /// `feeds: false`.
    pub feed_url: String,
    /// The story's date.
    pub date: DateCtx,
    /// The date of its latest update or correction; absent when it has none.
    pub updated: Option<DateCtx>,
    /// Its updates and corrections, newest first.
    pub updates: Vec<UpdateCtx>,
    /// Its topics, each linking to its tag page.
    pub tags: Vec<Link>,
    /// The story's one-paragraph summary; may be empty.
    pub summary: String,
    /// The editor's annotation (`story.md`), with footnote references.
    pub annotation_html: String,
    /// The timeline's events, in date order.
    pub timeline: Vec<EventCtx>,
    /// Lanes (`group:`) in order of first appearance; empty when no event has a group.
    pub timeline_groups: Vec<String>,
    /// The timeline's columns when it is drawn as lanes side by side: the groups in order of
    /// first appearance, then "Other" for the events without one. Empty (one column) when
    /// there are fewer than two lanes or more than [`MAX_LANES`].
    pub timeline_lanes: Vec<String>,
    /// The story's outlet-by-outlet page; empty when the theme has no `roundup.html`.
    pub roundup_url: String,
    /// The key quotes, in quotes.yaml's order.
    pub quotes: Vec<QuoteCtx>,
    /// The disputed details, in disputes.yaml's order.
    pub disputes: Vec<DisputeCtx>,
    /// The coverage matrix: which outlet reports which event, quote and claim.
    pub coverage: CoverageCtx,
    /// The story's articles, in the order the editor's files sort.
    pub articles: Vec<ArticleSummary>,
    /// The numbered source list (`role="doc-endnotes"`), in order of first citation.
    pub footnotes: Vec<FootnoteCtx>,
    /// How many of `articles` the source list cites ("89 citations of 6 articles").
    pub cited_article_count: usize,
}

/// One event of the story's timeline (`story.timeline`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCtx {
    /// Anchor id on the story page (`event-3`).
    pub id: String,
    /// When it happened, with the precision the editor gave.
    pub when: WhenCtx,
    /// The event in one line.
    pub title: String,
    /// The editor's Markdown about it, rendered, with footnote references; may be empty.
    pub text_html: String,
    /// Lane name, or empty.
    pub group: String,
    /// The event's column (1-based) in `story.timeline_lanes`; 0 when there are no lanes.
    pub lane: usize,
    /// The quotes that involve the event, linking to them on the story page (see
    /// `render::links` for how they are found).
    pub quotes: Vec<Link>,
    /// The disputes about the event, linking to them on the story page.
    pub disputes: Vec<Link>,
    /// Footnote references for the event's `sources:` (markup; may be empty).
    pub refs_html: String,
    /// The outlets that report it.
    pub outlets: Vec<OutletLabel>,
}

/// A key quote on the story page (`story.quotes`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteCtx {
    /// Anchor id on the story page (`quote-like-a-man`).
    pub id: String,
    /// Who said it.
    pub speaker: String,
    /// May be absent.
    pub date: Option<DateCtx>,
    /// Language actually spoken, e.g. `ru`; empty when unknown.
    pub language: String,
    /// What it was said about; may be empty.
    pub context: String,
    /// The editor's note, rendered; may be empty.
    pub note_html: String,
    /// Each outlet's rendering of the words, with the words that differ marked.
    pub variants: Vec<VariantCtx>,
    /// The timeline events the quote belongs to, linking to them on the story page.
    pub events: Vec<Link>,
}

/// One outlet's rendering of a quote (`quote.variants`), in quotes.yaml's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantCtx {
    /// The outlet of the article the variant is from.
    pub outlet: OutletLabel,
    /// That article's headline (or the editor's title for it).
    pub article_title: String,
    /// Language of `article_title`: the article's for a headline, the site's for an editor's
    /// title; empty for none.
    pub title_language: String,
    /// Language of the article, so of the variant's words (`en`); empty when unknown.
    pub language: String,
    /// The variant's words, escaped, with `<mark class="diff">` around words that differ from
    /// the other variants.
    pub text_html: String,
    /// Local copy of the article at the passage (`/repo/stories/x/fakti/#p5`).
    pub article_url: String,
    /// Footnote reference markup for this variant.
    pub ref_html: String,
}

/// A disputed detail on the story page (`story.disputes`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisputeCtx {
    /// Anchor id on the story page (`dispute-butler-date`).
    pub id: String,
    /// What the outlets disagree on, as a question.
    pub question: String,
    /// Whether the dispute has a verdict.
    pub status: DisputeStatus,
    /// Empty when the dispute is open and has no verdict.
    pub verdict: String,
    /// The editor's note on the verdict, rendered; may be empty.
    pub note_html: String,
    /// What each side says, with its outlets.
    pub claims: Vec<ClaimCtx>,
    /// The timeline events the dispute is about, linking to them on the story page.
    pub events: Vec<Link>,
}

/// One answer the outlets give to a dispute's question (`dispute.claims`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCtx {
    /// The claim ("July 13").
    pub says: String,
    /// How it fared against the verdict.
    pub standing: Standing,
    /// The editor's note on this claim, rendered; may be empty.
    pub note_html: String,
    /// The outlets that make the claim, each with its words.
    pub sources: Vec<ClaimSourceCtx>,
}

/// An article that makes a claim (`claim.sources`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimSourceCtx {
    /// The outlet.
    pub outlet: OutletLabel,
    /// The words the outlet used, when the editor quoted them; else empty.
    pub quote: String,
    /// Language of the article the words are from; empty when unknown.
    pub language: String,
    /// Its article page, at the cited paragraph when there is one.
    pub article_url: String,
    /// The footnote reference to the article, as markup.
    pub ref_html: String,
}

/// Details × outlets: which outlet reports which event, quote or claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageCtx {
    /// One column per article of the story.
    pub columns: Vec<CoverageColumn>,
    /// Rows grouped by what they are (events, quotes, claims).
    pub sections: Vec<CoverageSection>,
}

/// A column of the coverage matrix (`story.coverage.columns`): one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageColumn {
    /// The outlet of this column.
    pub outlet: OutletLabel,
    /// Its article page.
    pub article_url: String,
}

/// A group of rows of the coverage matrix (`story.coverage.sections`): the events, the quotes,
/// the disputes, in that order; a group without rows is left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageSection {
    /// "Timeline", "Quotes", "Disputed details"
    pub heading: String,
    /// One row per event, quote or dispute.
    pub rows: Vec<CoverageRow>,
}

/// A row of the coverage matrix (`section.rows`): one event, quote or dispute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    /// What the row is about.
    pub label: String,
    /// Anchor of the row's subject on the story page (`#event-3`).
    pub url: String,
    /// One per column, in column order.
    pub cells: Vec<CoverageCell>,
}

/// Where a row meets a column of the coverage matrix (`row.cells`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageCell {
    /// What the cell says about its outlet.
    pub state: CellState,
    /// Short visible text: "✓", the claim's `says`, or "—".
    pub text: String,
    /// Full sentence for screen readers and tooltips: "Fakti: July 13".
    pub label: String,
    /// Whether the backed claim was upheld; absent (`null`) when the cell is not a claim.
    pub standing: Option<Standing>,
}

/// An article in the story page's list of articles (`story.articles`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// The article's id (its file name without extension).
    pub id: String,
    /// The article's headline (or the editor's title for it).
    pub title: String,
    /// Language of `title`: the article's for a headline, the site's for an editor's title.
    pub title_language: String,
    /// Language of the article; empty when unknown.
    pub language: String,
    /// The article page (its cleaned text on this site).
    pub url: String,
    /// The outlet that published it.
    pub outlet: OutletLabel,
    /// When it was published; null when unknown.
    pub date: Option<DateCtx>,
    /// Link to the original on the outlet's site; empty when unknown.
    pub original_url: String,
    /// Number of footnotes that cite this article.
    pub citation_count: usize,
}

/// One entry of the numbered source list: one (article, passage) pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FootnoteCtx {
    /// The footnote's number in the text.
    pub number: usize,
    /// Anchor id of the entry (`cite-note-3`).
    pub id: String,
    /// The cited article's outlet.
    pub outlet: OutletLabel,
    /// The cited article's headline (or the editor's title for it).
    pub article_title: String,
    /// Language of `article_title`: the article's for a headline, the site's for an editor's
    /// title.
    pub title_language: String,
    /// Language of the article (the cited words); empty when unknown.
    pub language: String,
    /// When the cited article was published; null when unknown.
    pub date: Option<DateCtx>,
    /// The cited words as the article prints them; empty when the whole article is cited.
    pub excerpt: String,
    /// Local copy, at the paragraph when a passage is cited.
    pub local_url: String,
    /// The original with a `#:~:text=` fragment; empty when the article has no `url`.
    pub original_url: String,
    /// One per place the entry is cited, in order: label `a`, `b`, ... and the anchor to return to.
    pub backlinks: Vec<Backlink>,
}

/// A link from a source-list entry back to one place that cites it (`footnote.backlinks`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backlink {
    /// `a`, `b`, ... (empty when the entry is cited once).
    pub label: String,
    /// `#cite-ref-3-a`
    pub href: String,
}

// ---------------------------------------------------------------------------------------------
// Article page

/// An article's page (`article`): its kept text with the passages the story cites marked, and
/// the lines set aside listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleCtx {
    /// The article's id (its file name without extension).
    pub id: String,
    /// The article's headline, else the editor's title for it, else its id.
    pub title: String,
    /// `title` escaped, with the cited words of a headline wrapped in `<mark class="cited">`.
    pub title_html: String,
    /// Where the headline's words are cited on the story page.
    pub title_cited_by: Vec<CitedBy>,
    /// Language of `title`: the article's for a headline, the site's for an editor's title.
    pub title_language: String,
    /// The editor's title (front matter's `title:`), in the site's language, when the article
    /// also has a headline (then `title`); else empty.
    pub editor_title: String,
    /// The editor's description of the article (front matter's `description:`); may be empty.
    pub description: String,
    /// The outlet that published it.
    pub outlet: OutletLabel,
    /// The title of the story that collects it.
    pub story_title: String,
    /// That story's page.
    pub story_url: String,
    /// When it was published; null when unknown.
    pub date: Option<DateCtx>,
    /// Its byline; may be empty.
    pub author: String,
    /// Language of the text: the article's `language:`, else its outlet's; empty when unknown.
    pub language: String,
    /// The language it was translated from, when the outlet says so; may be empty.
    pub translated_from: String,
    /// The article on the outlet's site; may be empty.
    pub original_url: String,
    /// Editor's note from the front matter, rendered; may be empty.
    pub note_html: String,
    /// `md` or `txt`.
    pub format: &'static str,
    /// What was inferred for a `.txt` article (human sentences); empty for `.md`.
    pub inferred: Vec<String>,
    /// Its cleaned text, paragraph by paragraph.
    pub paragraphs: Vec<ParagraphCtx>,
    /// Lines removed as page furniture, in file order.
    pub removed: Vec<RemovedCtx>,
    /// Footnotes on the story page that cite the whole article rather than a passage.
    pub cited_whole: Vec<CitedBy>,
    /// The story's outlet-by-outlet page, at this article's card; empty when there is none.
    pub roundup_url: String,
}

/// One kept paragraph of an article (`article.paragraphs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphCtx {
    /// 1, 2, ...: the paragraph's number in the article.
    pub number: usize,
    /// `p3`
    pub id: String,
    /// Escaped text with cited passages wrapped in `<mark id="..." class="cited">`.
    pub html: String,
    /// Where this paragraph is cited on the story page.
    pub cited_by: Vec<CitedBy>,
}

/// A footnote of the story page that cites an article (`paragraph.cited_by`,
/// `article.cited_whole`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedBy {
    /// "Source 3" — the footnote number on the story page.
    pub label: String,
    /// `/repo/stories/x/#cite-note-3`
    pub url: String,
}

/// A line taken out of an article as page furniture (`article.removed`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedCtx {
    /// The line of the article's file it was on.
    pub line: usize,
    /// The removed text.
    pub text: String,
    /// The editor's pattern that matched (`"JOIN US ON TELEGRAM"`, `/^See also/`), `title`, or
    /// the built-in rule's name (as `rule`), so that themes written before `rule` still work.
    pub pattern: String,
    /// Why: `pattern` (an editor's), `title` (it repeats the headline), or digest's built-in
    /// rule (`social`, `share`, `related`, `byline`, `stamp`, `caption`, `counter`, `outlet`,
    /// `prompt`, `nav`; the theme label `furniture_<rule>` names it).
    pub rule: String,
}

// ---------------------------------------------------------------------------------------------
// Outlet page

/// An outlet's page (`outlet`): what sources.yaml says about it, its articles in every story,
/// and how its claims fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletCtx {
    /// The outlet's id in sources.yaml.
    pub id: String,
    /// The outlet's name.
    pub name: String,
    /// The outlet's home page; empty when unknown.
    pub url: String,
    /// Where it is based (sources.yaml); may be empty.
    pub country: String,
    /// The language it publishes in; may be empty.
    pub language: String,
    /// `newspaper` | `wire` | `broadcaster` | `state-media` | `online` | `blog` | `aggregator` | empty
    pub kind: String,
    /// The editor's note about the outlet; may be empty.
    pub note: String,
    /// Its articles on this site, across stories, newest first.
    pub articles: Vec<OutletArticle>,
    /// How the outlet's claims fared in resolved disputes.
    pub record: Vec<RecordEntry>,
    /// How many of its claims a verdict upheld.
    pub upheld_count: usize,
    /// How many of its claims a verdict rejected.
    pub rejected_count: usize,
}

/// One of an outlet's articles (`outlet.articles`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletArticle {
    /// The article's headline (or the editor's title for it).
    pub title: String,
    /// Language of `title`: the article's for a headline, the site's for an editor's title.
    #[serde(default)]
    pub title_language: String,
    /// Language of the article; empty when unknown.
    pub language: String,
    /// The article page.
    pub url: String,
    /// When it was published; null when unknown.
    pub date: Option<DateCtx>,
    /// The title of the story that collects it.
    pub story_title: String,
    /// That story's page.
    pub story_url: String,
}

/// How one of an outlet's claims fared in a resolved dispute (`outlet.record`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordEntry {
    /// The story the dispute is in.
    pub story_title: String,
    /// The dispute's question.
    pub question: String,
    /// Link to the dispute on the story page.
    pub url: String,
    /// What this outlet said.
    pub says: String,
    /// The verdict.
    pub verdict: String,
    /// Whether the verdict upheld or rejected what this outlet said.
    pub standing: Standing,
}

// ---------------------------------------------------------------------------------------------
// Outlet-by-outlet page (a story's roundup)

/// At most this many lanes are drawn side by side; a timeline with more is one column.
pub const MAX_LANES: usize = 6;

/// One story's articles side by side, as a newsroom roundup: each outlet's headline, lede and
/// the details it reports, then each quote's variants aligned by outlet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupCtx {
    /// The story's title.
    pub story_title: String,
    /// The story page.
    pub story_url: String,
    /// The story's date.
    pub date: DateCtx,
    /// The story's one-paragraph summary; may be empty.
    pub summary: String,
    /// One card per article, in the order the editor's files sort (the coverage matrix's).
    pub cards: Vec<RoundupCard>,
    /// Every key quote, with one cell per card, in card order.
    pub quotes: Vec<RoundupQuote>,
    /// How many timeline events the story has (for "reports 3 of 10 events").
    pub event_count: usize,
    /// How many disputed details the story has.
    pub dispute_count: usize,
}

/// One article's card on the outlet-by-outlet page (`roundup.cards`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupCard {
    /// Anchor id of the card (`outlet-fakti`, after the article's id).
    pub id: String,
    /// The outlet that published the article.
    pub outlet: OutletLabel,
    /// The outlet's language from sources.yaml; empty when not given.
    pub outlet_language: String,
    /// The outlet's kind, as in sources.yaml (`newspaper` | `wire` | `broadcaster` |
    /// `state-media` | `online` | `blog` | `aggregator`); empty when not given. The theme names it in the
    /// site's language (`kind_state_media`).
    pub outlet_kind: String,
    /// The article's headline (or the editor's title for it).
    pub headline: String,
    /// Language of `headline`: the article's for a headline, the site's for an editor's title.
    pub title_language: String,
    /// The article's language, for `lang` on its lede.
    pub language: String,
    /// The language it was translated from, when the outlet says so; may be empty.
    pub translated_from: String,
    /// The article's first kept paragraph, as plain text.
    pub lede: String,
    /// When it was published; null when unknown.
    pub date: Option<DateCtx>,
    /// The article's local copy.
    pub article_url: String,
    /// The article's first paragraph in its local copy.
    pub lede_url: String,
    /// The original on the outlet's site; empty when unknown.
    pub original_url: String,
    /// The timeline events this article reports (cites), in timeline order.
    pub events: Vec<RoundupEvent>,
    /// The disputes in which this article backs a claim, in dispute order.
    pub sides: Vec<RoundupSide>,
    /// The disputes in which it backs no claim.
    pub silent_on: Vec<Link>,
    /// The key quotes it carries, linking to their row on this page.
    pub quotes: Vec<Link>,
}

/// A timeline event an article reports (`card.events`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupEvent {
    /// The event in one line.
    pub title: String,
    /// The event on the story page.
    pub url: String,
    /// When it happened.
    pub when: WhenCtx,
}

/// The side an article takes in a dispute (`card.sides`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupSide {
    /// The dispute's question.
    pub question: String,
    /// The dispute on the story page.
    pub url: String,
    /// Whether the dispute has a verdict.
    pub status: DisputeStatus,
    /// Empty while the dispute is open.
    pub verdict: String,
    /// The claims the article backs (usually one).
    pub claims: Vec<RoundupClaim>,
}

/// A claim the article backs in a dispute (`side.claims`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupClaim {
    /// The claim.
    pub says: String,
    /// How it fared against the verdict.
    pub standing: Standing,
    /// The article's own words for it, when the editor quoted them; else empty.
    pub quote: String,
    /// The passage in the local copy of the article.
    pub article_url: String,
}

/// A key quote as a row of the outlet-by-outlet page (`roundup.quotes`), one cell per card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupQuote {
    /// Anchor id of the quote's row on this page (`quote-like-a-man`).
    pub id: String,
    /// Who said it.
    pub speaker: String,
    /// What it was said about; may be empty.
    pub context: String,
    /// When it was said; null when not given.
    pub date: Option<DateCtx>,
    /// Language actually spoken (`ru`); empty when unknown.
    pub language: String,
    /// The quote on the story page.
    pub story_url: String,
    /// One per card, in card order.
    pub cells: Vec<RoundupVariant>,
    /// The timeline events the quote belongs to, on the story page.
    pub events: Vec<Link>,
}

/// One card's cell of a quote's row (`quote.cells`): the article's version of the words, if it
/// has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundupVariant {
    /// The outlet of this card.
    pub outlet: OutletLabel,
    /// Whether this card's article carries the quote; when not, the other fields are empty.
    pub present: bool,
    /// As on the story page: escaped, with `<mark class="diff">` around the words that differ
    /// from the other variants.
    pub text_html: String,
    /// The passage in the local copy of the article.
    pub article_url: String,
    /// The article's language, for `lang` on the words.
    pub language: String,
}

// ---------------------------------------------------------------------------------------------
// Search page

/// The search page is filled in by the theme's script, from the index (see `render/search.rs`
/// for its files); the page itself needs only where the index is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchCtx {
    /// URL of `search-index.json`.
    pub index_url: String,
    /// The labels the script shows (the `search_` ones, and the plural rules' language), as
    /// JSON safe to print inside `<script type="application/json">` with `| safe`.
    pub labels_json: String,
}

//! The data every template sees, as typed structs serialised once per page.
//!
//! This file is the contract between the Rust side and the theme: each page template gets the
//! variables `site` and `page`, plus exactly one of `index`, `story`, `article`, `outlet`,
//! `search` (the 404 page gets only `site` and `page`). Fields that end in `_html` are markup
//! that `digest` built and escaped itself (Markdown output, footnote references, marked
//! passages); templates print them with `| safe`. Every other string is plain text and is autoescaped by Tera.
//! All URLs are absolute paths that already include the site's base path (`/repo/stories/x/`).

use serde::{Deserialize, Serialize};

/// Site-wide settings, the same on every page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    pub language: String,
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
}

/// The kinds of page a theme renders; each has its own template. Templates see the kind as the
/// string `index` | `story` | `article` | `outlet` | `search` | `404`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Index,
    Story,
    Article,
    Outlet,
    Search,
    #[serde(rename = "404")]
    NotFound,
}

impl PageKind {
    /// The theme's template for this kind of page.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Index => "index.html",
            PageKind::Story => "story.html",
            PageKind::Article => "article.html",
            PageKind::Outlet => "outlet.html",
            PageKind::Search => "search.html",
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
            PageKind::Search => Some("search"),
            PageKind::NotFound => None,
        }
    }
}

/// Whether a dispute has a verdict. Templates see `open` | `resolved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DisputeStatus {
    Open,
    Resolved,
}

/// How a claim fared. Templates see `upheld` | `rejected` | `unjudged` (an open dispute, or
/// the editor did not say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    Upheld,
    Rejected,
    Unjudged,
}

impl Standing {
    pub fn of(upheld: Option<bool>) -> Standing {
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
    pub kind: PageKind,
    /// Text for `<title>` (without the site title).
    pub title: String,
    pub description: String,
    /// Absolute URL of this page (for `<link rel="canonical">`).
    pub canonical_url: String,
    /// Path of this page (`/repo/stories/x/`).
    pub path: String,
    /// The output path the page is written to (not seen by templates).
    #[serde(skip)]
    pub output: String,
    /// Language of the page's main text (`en`, `ru`, ...).
    pub language: String,
    /// Breadcrumbs from the home page to this page's parent.
    pub breadcrumbs: Vec<Link>,
    /// JSON-LD for this page, already serialised; print inside
    /// `<script type="application/ld+json">` with `| safe`. Empty when there is none.
    pub json_ld: String,
    /// The page has footnote references and a source list (a story page that cites): the
    /// default theme then loads its `footnotes.js` (popovers, sidenotes) and allows it, and
    /// only it, in the page's Content-Security-Policy.
    pub has_footnotes: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub text: String,
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
    /// Human text for the whole value: "13 or 14 July 2024", "c. November 2024".
    pub display: String,
    pub approximate: bool,
}

/// An outlet as a short label with a link to its page (`url` empty for an unnamed outlet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletLabel {
    pub id: String,
    pub name: String,
    pub url: String,
    /// True when the article's text does not name its outlet.
    pub unnamed: bool,
}

// ---------------------------------------------------------------------------------------------
// Home page

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexCtx {
    /// `content/index.md`, rendered; empty when there is none.
    pub intro_html: String,
    /// Newest first.
    pub stories: Vec<StorySummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    pub title: String,
    pub url: String,
    pub date: DateCtx,
    pub summary: String,
    pub outlets: Vec<OutletLabel>,
    pub article_count: usize,
    pub quote_count: usize,
    pub event_count: usize,
    pub dispute_count: usize,
    /// Questions of the disputes still open, each linking to the dispute on the story page.
    pub open_disputes: Vec<Link>,
}

// ---------------------------------------------------------------------------------------------
// Story page

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryCtx {
    pub slug: String,
    pub title: String,
    pub url: String,
    /// The story's own Atom feed (an entry per event, quote, dispute and verdict); empty when
    /// `feeds: false`.
    pub feed_url: String,
    pub date: DateCtx,
    pub summary: String,
    /// The editor's annotation (`story.md`), with footnote references.
    pub annotation_html: String,
    pub timeline: Vec<EventCtx>,
    /// Lanes (`group:`) in order of first appearance; empty when no event has a group.
    pub timeline_groups: Vec<String>,
    pub quotes: Vec<QuoteCtx>,
    pub disputes: Vec<DisputeCtx>,
    pub coverage: CoverageCtx,
    /// The story's articles, in the order the editor's files sort.
    pub articles: Vec<ArticleSummary>,
    /// The numbered source list (`role="doc-endnotes"`), in order of first citation.
    pub footnotes: Vec<FootnoteCtx>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCtx {
    /// Anchor id on the story page (`event-3`).
    pub id: String,
    pub when: WhenCtx,
    pub title: String,
    pub text_html: String,
    /// Lane name, or empty.
    pub group: String,
    /// Footnote references for the event's `sources:` (markup; may be empty).
    pub refs_html: String,
    pub outlets: Vec<OutletLabel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteCtx {
    /// Anchor id on the story page (`quote-like-a-man`).
    pub id: String,
    pub speaker: String,
    /// May be absent.
    pub date: Option<DateCtx>,
    /// Language actually spoken, e.g. `ru`; empty when unknown.
    pub language: String,
    pub context: String,
    pub note_html: String,
    pub variants: Vec<VariantCtx>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantCtx {
    pub outlet: OutletLabel,
    pub article_title: String,
    /// The variant's words, escaped, with `<mark class="diff">` around words that differ from
    /// the other variants.
    pub text_html: String,
    /// Local copy of the article at the passage (`/repo/stories/x/fakti/#p5`).
    pub article_url: String,
    /// Footnote reference markup for this variant.
    pub ref_html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisputeCtx {
    /// Anchor id on the story page (`dispute-butler-date`).
    pub id: String,
    pub question: String,
    pub status: DisputeStatus,
    /// Empty when the dispute is open and has no verdict.
    pub verdict: String,
    pub note_html: String,
    pub claims: Vec<ClaimCtx>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCtx {
    pub says: String,
    pub standing: Standing,
    pub note_html: String,
    pub sources: Vec<ClaimSourceCtx>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimSourceCtx {
    pub outlet: OutletLabel,
    /// The words the outlet used, when the editor quoted them; else empty.
    pub quote: String,
    pub article_url: String,
    pub ref_html: String,
}

/// Details × outlets: which outlet reports which event, quote or claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageCtx {
    /// One column per article of the story.
    pub columns: Vec<CoverageColumn>,
    pub sections: Vec<CoverageSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageColumn {
    pub outlet: OutletLabel,
    pub article_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageSection {
    /// "Timeline", "Quotes", "Disputed details"
    pub heading: String,
    pub rows: Vec<CoverageRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub label: String,
    /// Anchor of the row's subject on the story page (`#event-3`).
    pub url: String,
    /// One per column, in column order.
    pub cells: Vec<CoverageCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageCell {
    pub state: CellState,
    /// Short visible text: "✓", the claim's `says`, or "—".
    pub text: String,
    /// Full sentence for screen readers and tooltips: "Fakti: July 13".
    pub label: String,
    /// Whether the backed claim was upheld; absent (`null`) when the cell is not a claim.
    pub standing: Option<Standing>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub url: String,
    pub outlet: OutletLabel,
    pub date: Option<DateCtx>,
    /// Link to the original on the outlet's site; empty when unknown.
    pub original_url: String,
    /// Number of footnotes that cite this article.
    pub citation_count: usize,
}

/// One entry of the numbered source list: one (article, passage) pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FootnoteCtx {
    pub number: usize,
    /// Anchor id of the entry (`cite-note-3`).
    pub id: String,
    pub outlet: OutletLabel,
    pub article_title: String,
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backlink {
    pub label: String,
    /// `#cite-ref-3-a`
    pub href: String,
}

// ---------------------------------------------------------------------------------------------
// Article page

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleCtx {
    pub id: String,
    pub title: String,
    pub outlet: OutletLabel,
    pub story_title: String,
    pub story_url: String,
    pub date: Option<DateCtx>,
    pub author: String,
    pub language: String,
    pub translated_from: String,
    pub original_url: String,
    /// Editor's note from the front matter, rendered; may be empty.
    pub note_html: String,
    /// `md` or `txt`.
    pub format: &'static str,
    /// What was inferred for a `.txt` article (human sentences); empty for `.md`.
    pub inferred: Vec<String>,
    pub paragraphs: Vec<ParagraphCtx>,
    /// Lines removed as page furniture, in file order.
    pub removed: Vec<RemovedCtx>,
    /// Footnotes on the story page that cite the whole article rather than a passage.
    pub cited_whole: Vec<CitedBy>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphCtx {
    pub number: usize,
    /// `p3`
    pub id: String,
    /// Escaped text with cited passages wrapped in `<mark id="..." class="cited">`.
    pub html: String,
    /// Where this paragraph is cited on the story page.
    pub cited_by: Vec<CitedBy>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedBy {
    /// "Source 3" — the footnote number on the story page.
    pub label: String,
    /// `/repo/stories/x/#cite-note-3`
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedCtx {
    pub line: usize,
    pub text: String,
    /// The pattern that matched (`"JOIN US ON TELEGRAM"`, `/^See also/`) or `title`.
    pub pattern: String,
}

// ---------------------------------------------------------------------------------------------
// Outlet page

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletCtx {
    pub id: String,
    pub name: String,
    /// The outlet's home page; empty when unknown.
    pub url: String,
    pub country: String,
    pub language: String,
    /// `newspaper` | `wire` | `broadcaster` | `state-media` | `blog` | `aggregator` | empty
    pub kind: String,
    pub note: String,
    pub articles: Vec<OutletArticle>,
    /// How the outlet's claims fared in resolved disputes.
    pub record: Vec<RecordEntry>,
    pub upheld_count: usize,
    pub rejected_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletArticle {
    pub title: String,
    pub url: String,
    pub date: Option<DateCtx>,
    pub story_title: String,
    pub story_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordEntry {
    pub story_title: String,
    pub question: String,
    /// Link to the dispute on the story page.
    pub url: String,
    /// What this outlet said.
    pub says: String,
    pub verdict: String,
    pub standing: Standing,
}

// ---------------------------------------------------------------------------------------------
// Search page

/// The search page is filled in by the theme's script, from the index (see `render/search.rs`
/// for its files); the page itself needs only where the index is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchCtx {
    /// URL of `search-index.json`.
    pub index_url: String,
}

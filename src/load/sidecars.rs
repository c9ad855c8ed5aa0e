//! The YAML an editor writes, exactly as written: `sources.yaml`, article front matter and the
//! story sidecars (`timeline.yaml`, `quotes.yaml`, `disputes.yaml`). Values keep their positions
//! ([`Spanned`]) so the verify stage can point at the line of a bad id or a missing quote.
//! Unknown keys are errors everywhere: a misspelt key would otherwise be silently ignored.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One outlet in `content/sources.yaml` (keyed by its id).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    /// `name:`, as pages show the outlet (`Kyiv Post`); required.
    pub name: Spanned<String>,
    /// `url:`, the outlet's home page; checked to be http(s). `digest import` finds an outlet
    /// by its host.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// `country:`, as written (`UA`); shown on the outlets page.
    #[serde(default)]
    pub country: Option<String>,
    /// `language:`, the language it publishes in (`en`); an article without its own
    /// `language:` takes this one.
    #[serde(default)]
    pub language: Option<String>,
    /// `kind:`, one of `newspaper`, `wire`, `broadcaster`, `state-media`, `online`, `blog`,
    /// `aggregator` (checked when parsed).
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// `boilerplate:`, line patterns of page furniture to strip from its articles: plain text,
    /// or `/regex/`.
    #[serde(default)]
    pub boilerplate: Vec<Spanned<String>>,
    /// `furniture: false` turns digest's built-in furniture rules off for this outlet's
    /// articles (its `boilerplate:` patterns still apply).
    #[serde(default)]
    pub furniture: Option<bool>,
    /// `note:`, one plain sentence about the outlet.
    #[serde(default)]
    pub note: Option<String>,
}

/// The values `kind:` may take in `sources.yaml`.
pub(crate) const OUTLET_KINDS: &[&str] = &[
    "newspaper",
    "wire",
    "broadcaster",
    "state-media",
    "online",
    "blog",
    "aggregator",
];

/// Front matter of `story.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryFrontMatter {
    /// `title:`; required.
    pub title: Spanned<String>,
    /// `date:`, the story's date: `2024`, `2024-11`, `2024-11-07` or a date-time; required.
    /// A time without an offset is in site.yaml's `timezone:`.
    pub date: Spanned<Scalar>,
    /// `summary:`, one paragraph for the home page and the feed.
    #[serde(default)]
    pub summary: Option<String>,
    /// `draft: true`: checked, but published only by `--drafts` (and `digest serve --drafts`).
    #[serde(default)]
    pub draft: bool,
    /// Topics: `tags: [ukraine, us-election]`.
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// What changed after the story was published, oldest or newest first.
    #[serde(default)]
    pub updates: Vec<UpdateEntry>,
}

/// One entry of a story's `updates:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateEntry {
    /// `date:`, to the day or a date-time; required.
    pub date: Spanned<Scalar>,
    /// `update` (the default) or `correction`.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// Markdown; it may cite the story's articles like the annotation.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

/// The values an update's `kind:` may take.
pub(crate) const UPDATE_KINDS: &[&str] = &["update", "correction"];

/// Front matter of an article (`articles/<id>.md`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    /// `source:`, an outlet id of `sources.yaml`; absent when the text names none (the page then
    /// says "Unnamed outlet": digest never guesses one).
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    /// `headline:`, the headline as the outlet published it, in the article's language; words
    /// of it can be cited like the text's.
    #[serde(default)]
    pub headline: Option<Spanned<String>>,
    /// `title:`, what the editor calls the article, in the site's language. Alone (without
    /// `headline:`), as sites wrote it before `headline:` existed, it is the outlet's headline
    /// unless it is written in the site's script and not the article's (see
    /// [`crate::load::TitleWords`]).
    #[serde(default)]
    pub title: Option<String>,
    /// `description:`, the editor's words about the article, in the site's language.
    #[serde(default)]
    pub description: Option<String>,
    /// `url:`, the original, when known; checked to be http(s).
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// `published:`, `2024`, `2024-11`, `2024-11-07` or a date-time.
    #[serde(default)]
    pub published: Option<Spanned<Scalar>>,
    /// `author:`, as written.
    #[serde(default)]
    pub author: Option<String>,
    /// `language:` of this copy's text (`en`); else the outlet's.
    #[serde(default)]
    pub language: Option<String>,
    /// `translated_from:`, the language the outlet's original was in, when this is a
    /// translation.
    #[serde(default)]
    pub translated_from: Option<String>,
    /// The editor's note about this copy (where it came from, what is uncertain).
    #[serde(default)]
    pub note: Option<String>,
    /// `keep:`, lines of the text that digest removed as furniture and the editor keeps, each
    /// written as the article page lists it.
    #[serde(default)]
    pub keep: Vec<Spanned<String>>,
}

/// A YAML scalar that may be read as a number (`2024`) or a string (`2024-11-07`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// Written without quotes and read by YAML as a number: a year (`2024`).
    Int(i64),
    /// Anything else: `2024-11-07`, `"2024"`, a date-time.
    Str(String),
}

impl Scalar {
    /// The value as the editor wrote it, for the date parser and for messages.
    pub(crate) fn as_text(&self) -> String {
        match self {
            Scalar::Int(i) => i.to_string(),
            Scalar::Str(s) => s.clone(),
        }
    }
}

/// `when:` is one date, or a list of dates the outlets disagree on.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum WhenValue {
    /// `when: 2024-11-07`.
    One(Scalar),
    /// `when: [2024-07-13, 2024-07-14]`: the outlets disagree, and the page shows every
    /// candidate.
    OneOf(Vec<Scalar>),
}

/// An entry of a `sources:` list: an article id, or an id with the words it uses.
#[derive(Debug, Clone)]
pub enum SourceRef {
    /// `fakti`: the whole article.
    Id(String),
    /// `{source: fakti, quote: "on July 13"}`: words the article uses.
    Passage(SourcePassage),
}

/// `{source: id, quote: "…"}` in a `sources:` list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcePassage {
    /// `source:`, the id of one of the story's articles (its file stem).
    pub source: Spanned<String>,
    /// `quote:`, words that must occur in that article's kept text; without it the whole
    /// article is cited.
    #[serde(default)]
    pub quote: Option<Spanned<String>>,
}

/// By hand rather than `#[serde(untagged)]`: an untagged enum buffers its input, which loses
/// the positions of the passage's fields, and an editor's unknown id or misquote inside
/// `{source: …, quote: …}` should be pointed at exactly.
impl<'de> Deserialize<'de> for SourceRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefVisitor;
        impl<'de> serde::de::Visitor<'de> for RefVisitor {
            type Value = SourceRef;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an article id, or {source: id, quote: \"the words it uses\"}")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<SourceRef, E> {
                Ok(SourceRef::Id(id.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SourceRef, A::Error> {
                SourcePassage::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(SourceRef::Passage)
            }
        }
        deserializer.deserialize_any(RefVisitor)
    }
}

impl SourceRef {
    /// The cited article's id, as written.
    pub(crate) fn id(&self) -> &str {
        match self {
            SourceRef::Id(id) => id,
            SourceRef::Passage(p) => &p.source.value,
        }
    }

    /// The cited words, if it cites words rather than the whole article.
    pub(crate) fn quote(&self) -> Option<&str> {
        match self {
            SourceRef::Id(_) => None,
            SourceRef::Passage(p) => p.quote.as_ref().map(|q| q.value.as_str()),
        }
    }
}

/// One event of `timeline.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    /// Optional name by which quotes and disputes refer to the event (`events: [valdai]`).
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    /// `when:`, one date or the dates the outlets disagree on; required. Its precision (year,
    /// month, day, time) is kept.
    pub when: Spanned<WhenValue>,
    /// `approximate: true`: the date itself is uncertain (drawn dashed, and labelled).
    #[serde(default)]
    pub approximate: bool,
    /// `title:`, one line saying what happened; required.
    pub title: Spanned<String>,
    /// `text:`, Markdown that may cite the story's articles.
    #[serde(default)]
    pub text: Option<Spanned<String>>,
    /// `sources:`, the articles that report the event; one source alone is a warning.
    #[serde(default)]
    pub sources: Vec<Spanned<SourceRef>>,
    /// `group:`, the lane the event is drawn in on wide screens; events without one go into a
    /// last lane, "Other".
    #[serde(default)]
    pub group: Option<String>,
}

/// One quote of `quotes.yaml`: what someone said, as each outlet renders it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteEntry {
    /// `id:`, unique in the story: the quote's anchor on the story page is `#quote-<id>`.
    pub id: Spanned<String>,
    /// `speaker:`, who said it, as pages show it.
    pub speaker: String,
    /// `when:`, when it was said: `2024`, `2024-11`, `2024-11-07` or a date-time.
    #[serde(default)]
    pub when: Option<Spanned<Scalar>>,
    /// `language:` of the words actually spoken (`ru`), which may differ from every variant's.
    #[serde(default)]
    pub language: Option<String>,
    /// `context:`, one plain line on the occasion.
    #[serde(default)]
    pub context: Option<String>,
    /// `note:`, the editor's Markdown, with citations.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// `variants:`, each outlet's rendering; each must occur in its article.
    pub variants: Vec<VariantEntry>,
    /// The timeline events the quote belongs to, by their `id:`; replaces the inferred links
    /// (`events: []` says it belongs to none).
    #[serde(default)]
    pub events: Option<Vec<Spanned<String>>>,
}

/// One outlet's rendering of a quote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantEntry {
    /// `source:`, the id of the article that carries it.
    pub source: Spanned<String>,
    /// `text:`, the words as that article prints them; they must occur in its kept text.
    pub text: Spanned<String>,
}

/// One disputed detail of `disputes.yaml`: a question the outlets answer differently.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeEntry {
    /// `id:`, unique in the story: the dispute's anchor on the story page is `#dispute-<id>`.
    pub id: Spanned<String>,
    /// `question:`, what the outlets disagree on, as a question.
    pub question: String,
    /// `claims:`, one per answer the outlets give.
    pub claims: Vec<ClaimEntry>,
    /// `status:`, `open` or `resolved`; anything else is reported by the verify stage.
    pub status: Spanned<String>,
    /// `verdict:`, the answer; required when resolved.
    #[serde(default)]
    pub verdict: Option<String>,
    /// `note:`, Markdown explaining the verdict, with citations.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// The timeline events the dispute is about, by their `id:`; replaces the inferred links.
    #[serde(default)]
    pub events: Option<Vec<Spanned<String>>>,
}

/// One answer to a dispute's question, and the outlets that give it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    /// `says:`, the answer in a few words (`July 13`).
    pub says: Spanned<String>,
    /// `sources:`, the articles that give this answer, best with the words they use.
    pub sources: Vec<Spanned<SourceRef>>,
    /// `note:`, Markdown with citations.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// Whether the verdict upholds this claim (resolved disputes only).
    #[serde(default)]
    pub upheld: Option<bool>,
}

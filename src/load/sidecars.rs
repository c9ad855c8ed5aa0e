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
    pub name: Spanned<String>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub boilerplate: Vec<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

pub const OUTLET_KINDS: &[&str] = &[
    "newspaper",
    "wire",
    "broadcaster",
    "state-media",
    "blog",
    "aggregator",
];

/// Front matter of `story.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryFrontMatter {
    pub title: Spanned<String>,
    pub date: Spanned<Scalar>,
    #[serde(default)]
    pub summary: Option<String>,
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
    pub date: Spanned<Scalar>,
    /// `update` (the default) or `correction`.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// Markdown; it may cite the story's articles like the annotation.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

pub const UPDATE_KINDS: &[&str] = &["update", "correction"];

/// Front matter of an article (`articles/<id>.md`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub published: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub translated_from: Option<String>,
    /// The editor's note about this copy (where it came from, what is uncertain).
    #[serde(default)]
    pub note: Option<String>,
}

/// A YAML scalar that may be read as a number (`2024`) or a string (`2024-11-07`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Str(String),
}

impl Scalar {
    pub fn as_text(&self) -> String {
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
    One(Scalar),
    OneOf(Vec<Scalar>),
}

/// An entry of a `sources:` list: an article id, or an id with the words it uses.
#[derive(Debug, Clone)]
pub enum SourceRef {
    Id(String),
    Passage(SourcePassage),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcePassage {
    pub source: Spanned<String>,
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
    pub fn id(&self) -> &str {
        match self {
            SourceRef::Id(id) => id,
            SourceRef::Passage(p) => &p.source.value,
        }
    }

    pub fn quote(&self) -> Option<&str> {
        match self {
            SourceRef::Id(_) => None,
            SourceRef::Passage(p) => p.quote.as_ref().map(|q| q.value.as_str()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    /// Optional name by which quotes and disputes refer to the event (`events: [valdai]`).
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    pub when: Spanned<WhenValue>,
    #[serde(default)]
    pub approximate: bool,
    pub title: Spanned<String>,
    #[serde(default)]
    pub text: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<SourceRef>>,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteEntry {
    pub id: Spanned<String>,
    pub speaker: String,
    #[serde(default)]
    pub when: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    pub variants: Vec<VariantEntry>,
    /// The timeline events the quote belongs to, by their `id:`; replaces the inferred links
    /// (`events: []` says it belongs to none).
    #[serde(default)]
    pub events: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantEntry {
    pub source: Spanned<String>,
    pub text: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeEntry {
    pub id: Spanned<String>,
    pub question: String,
    pub claims: Vec<ClaimEntry>,
    pub status: Spanned<String>,
    #[serde(default)]
    pub verdict: Option<String>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// The timeline events the dispute is about, by their `id:`; replaces the inferred links.
    #[serde(default)]
    pub events: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    pub says: Spanned<String>,
    pub sources: Vec<Spanned<SourceRef>>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// Whether the verdict upholds this claim (resolved disputes only).
    #[serde(default)]
    pub upheld: Option<bool>,
}

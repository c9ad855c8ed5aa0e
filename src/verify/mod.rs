//! Verify stage: resolves every id (outlets, articles, quotes, disputes), parses the citations
//! in the editor's Markdown and locates every quoted passage in its article. The result, a
//! [`VerifiedStory`], is all the render stage needs: it never parses or searches again. The unit
//! is a story: each is checked against the site-wide outlets alone.

pub mod citations;
pub mod matching;

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, unknown_id_hint};
use crate::load::sidecars::{self, Scalar, SourceRef, WhenValue};
use crate::load::yaml;
use crate::load::{Article, Markdown, Origin, Site, Story, UpdateKind};
use crate::primitives::normalize::NormalizedText;
use crate::primitives::when::{When, parse_when};

/// A story whose ids are resolved and quoted words located: what the render stage reads beside
/// the [`Story`] itself. Entries with errors are left out (the errors are reported).
#[derive(Debug)]
pub struct VerifiedStory {
    /// For each article of the story (same order): the index of its outlet in `site.outlets`.
    pub outlets: Vec<Option<usize>>,
    /// The body of `story.md`, its citations resolved.
    pub annotation: CitedMarkdown,
    /// The story's updates and corrections, newest first, their notes' citations resolved.
    pub updates: Vec<VerifiedUpdate>,
    /// `timeline.yaml`'s events, by date (the editor's order for events on the same date).
    pub timeline: Vec<Event>,
    /// `quotes.yaml`'s quotes, in the order written.
    pub quotes: Vec<Quote>,
    /// `disputes.yaml`'s disputes, in the order written.
    pub disputes: Vec<Dispute>,
}

/// A reference to an article of the story, and to one passage in it when words were quoted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cite {
    /// Index into the story's `articles`.
    pub article: usize,
    /// The cited words; `None` when the whole article is cited.
    pub passage: Option<Passage>,
}

/// Where quoted words are in an article: a byte range of its headline or of one kept
/// paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Passage {
    /// The headline or the paragraph the words are in.
    pub place: Place,
    /// Byte range of the words in that text, on `char` boundaries.
    pub range: Range<usize>,
}

/// The text of an article that cited words are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// The outlet's headline (`headline:`): a figure an outlet gives only there is cited like
    /// any other.
    Headline,
    /// A kept paragraph, by its index into the article's `paragraphs`.
    Paragraph(usize),
}

impl Passage {
    /// The whole text the words are in (the headline, or the paragraph's text).
    pub fn text_in<'a>(&self, article: &'a Article) -> Option<&'a str> {
        match self.place {
            Place::Headline => article.headline.as_deref(),
            Place::Paragraph(i) => article.paragraphs.get(i).map(|p| p.text.as_str()),
        }
    }

    /// The cited words themselves.
    pub fn words<'a>(&self, article: &'a Article) -> Option<&'a str> {
        self.text_in(article)?.get(self.range.clone())
    }

    /// The index of the paragraph the words are in; `None` for the headline.
    pub fn paragraph(&self) -> Option<usize> {
        match self.place {
            Place::Headline => None,
            Place::Paragraph(i) => Some(i),
        }
    }
}

/// Editor's Markdown with its citations parsed and resolved; `groups` are in source order and
/// their ranges index `text`.
#[derive(Debug, Clone, Default)]
pub struct CitedMarkdown {
    /// The Markdown as written, citations included.
    pub text: String,
    /// Each citation (`[@a; @b, "words"]`): its byte range in `text` and what it cites, one
    /// [`Cite`] per source.
    pub groups: Vec<(Range<usize>, Vec<Cite>)>,
}

/// An update or correction of the story, its note's citations resolved.
#[derive(Debug)]
pub struct VerifiedUpdate {
    /// When it was made (to the day at least).
    pub date: When,
    /// An update or a correction.
    pub kind: UpdateKind,
    /// What changed; empty for an update that says nothing more.
    pub note: CitedMarkdown,
}

/// A timeline event, checked.
#[derive(Debug)]
pub struct Event {
    /// The editor's name for the event (`id:`), by which quotes and disputes may name it.
    pub id: Option<String>,
    /// One date, or the candidates when outlets disagree (`when: [a, b]`).
    pub dates: Vec<When>,
    /// `approximate: true`: the date itself is uncertain.
    pub approximate: bool,
    /// What happened, trimmed.
    pub title: String,
    /// `text:`, empty when there is none.
    pub text: CitedMarkdown,
    /// `sources:`, the articles (and words) that report it.
    pub sources: Vec<Cite>,
    /// The lane it is drawn in (`group:`, trimmed); `None` when not given or blank.
    pub group: Option<String>,
}

/// A key quote, checked: each variant located in its article.
#[derive(Debug)]
pub struct Quote {
    /// `id:`, unique in the story.
    pub id: String,
    /// Who said it, trimmed.
    pub speaker: String,
    /// When it was said; `None` when not given (or not a date: reported).
    pub date: Option<When>,
    /// The language the words were spoken in.
    pub language: Option<String>,
    /// One plain line on the occasion.
    pub context: Option<String>,
    /// The editor's note; empty when there is none.
    pub note: CitedMarkdown,
    /// Each variant's words (as the editor wrote them, trimmed) and where they are in the
    /// article; a variant whose words were not found is left out (and reported).
    pub variants: Vec<(String, Cite)>,
    /// The events the editor says the quote belongs to (indices into `timeline`); `None` when
    /// the editor wrote no `events:` and the links are inferred (see `render::links`).
    pub events: Option<Vec<usize>>,
}

/// A disputed detail, checked.
#[derive(Debug)]
pub struct Dispute {
    /// `id:`, unique in the story.
    pub id: String,
    /// What the outlets disagree on.
    pub question: String,
    /// `status: resolved` (an unknown status is reported, and counts as open).
    pub resolved: bool,
    /// The answer; required once resolved (its absence is reported).
    pub verdict: Option<String>,
    /// The editor's explanation of the verdict; empty when there is none.
    pub note: CitedMarkdown,
    /// The answers the outlets give, in the order written.
    pub claims: Vec<Claim>,
    /// The events the editor says the dispute is about (indices into `timeline`), as for
    /// [`Quote::events`].
    pub events: Option<Vec<usize>>,
}

/// One answer to a dispute's question.
#[derive(Debug)]
pub struct Claim {
    /// The answer in a few words, trimmed.
    pub says: String,
    /// The articles (and their words) that give it.
    pub sources: Vec<Cite>,
    /// The editor's note on the claim; empty when there is none.
    pub note: CitedMarkdown,
    /// Whether the verdict upholds it; always `None` while the dispute is open.
    pub upheld: Option<bool>,
}

/// Checks the site-wide content (the front page's introduction, which may not cite).
pub fn verify_site(site: &Site) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    if let Some(intro) = &site.intro {
        for err in citations::parse_citations(&intro.text).0 {
            diagnostics.push(
                Diagnostic::error(
                    &intro.file,
                    intro.position_of(err.range),
                    "citations are not possible on the front page",
                )
                .with_hint(
                    "cite sources in a story's story.md, where the articles they refer to live",
                ),
            );
        }
    }
    diagnostics
}

struct StoryChecker<'a> {
    site: &'a Site,
    story: &'a Story,
    diagnostics: &'a mut Diagnostics,
    cited: BTreeSet<usize>,
    /// Each article's paragraphs normalised for matching, when first needed: once per
    /// paragraph, however many quotes are looked up in it.
    normalized: Vec<Vec<OnceCell<NormalizedText>>>,
    /// The timeline events' `id:`s, by index into the sorted timeline, once it is checked.
    event_ids: Vec<Option<String>>,
}

/// Checks one story against the site's outlets. Every problem found is in the returned
/// diagnostics; the `VerifiedStory` is complete only when there are no errors among them.
pub fn verify_story(site: &Site, story: &Story) -> (VerifiedStory, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut checker = StoryChecker {
        site,
        story,
        diagnostics: &mut diagnostics,
        cited: BTreeSet::new(),
        normalized: story
            .articles
            .iter()
            .map(|a| a.paragraphs.iter().map(|_| OnceCell::new()).collect())
            .collect(),
        event_ids: Vec::new(),
    };
    let outlets = story
        .articles
        .iter()
        .map(|a| checker.resolve_outlet(a))
        .collect();
    let annotation = checker.markdown(&story.annotation);
    let updates = story
        .updates
        .iter()
        .map(|u| VerifiedUpdate {
            date: u.date,
            kind: u.kind,
            note: checker.markdown(&u.note),
        })
        .collect();
    let timeline = checker.timeline();
    checker.event_ids = timeline.iter().map(|e| e.id.clone()).collect();
    let quotes = checker.quotes();
    let disputes = checker.disputes();
    for article in &story.articles {
        if article.id == crate::layout::ROUNDUP_DIR {
            checker.diagnostics.push(
                Diagnostic::error(
                    &article.file,
                    None,
                    format!(
                        "the article id `{}` is taken by the story's outlet-by-outlet page (stories/{}/{}/)",
                        article.id,
                        story.slug,
                        crate::layout::ROUNDUP_DIR
                    ),
                )
                .with_hint(format!(
                    "rename the file, e.g. to `{}-1{}`, and cite it by that id",
                    article.id,
                    article
                        .file
                        .rsplit_once('.')
                        .map_or(String::new(), |(_, ext)| format!(".{ext}"))
                )),
            );
        }
    }
    // Citations in a sidecar that does not parse are not seen: the articles they cite would
    // read as uncited.
    let unread_sidecar = [
        &story.timeline.file,
        &story.quotes.file,
        &story.disputes.file,
    ]
    .into_iter()
    .zip([
        story.timeline.unreadable,
        story.quotes.unreadable,
        story.disputes.unreadable,
    ])
    .find_map(|(file, unreadable)| unreadable.then_some(file));
    for (i, article) in story.articles.iter().enumerate() {
        if !checker.cited.contains(&i) {
            let mut uncited = Diagnostic::warning(
                &article.file,
                None,
                format!("no one cites the article `{}`", article.id),
            )
            .with_hint(format!(
                "cite it in story.md as [@{}] or list it in a sidecar's sources, or remove it",
                article.id
            ));
            if let Some(file) = unread_sidecar {
                uncited = uncited.following_from(file);
            }
            checker.diagnostics.push(uncited);
        }
    }
    let verified = VerifiedStory {
        outlets,
        annotation,
        updates,
        timeline,
        quotes,
        disputes,
    };
    (verified, diagnostics)
}

impl StoryChecker<'_> {
    fn resolve_outlet(&mut self, article: &Article) -> Option<usize> {
        let (id, position) = article.source.as_ref()?;
        if !self.site.outlets_complete {
            return self.site.outlets.iter().position(|o| &o.id == id);
        }
        match self.site.outlets.iter().position(|o| &o.id == id) {
            Some(i) => Some(i),
            None => {
                let known = self.site.outlets.iter().map(|o| o.id.as_str());
                self.diagnostics.push(
                    Diagnostic::error(&article.file, *position, format!("unknown outlet `{id}`"))
                        .with_hint(format!(
                            "{} (outlets are defined in content/sources.yaml)",
                            unknown_id_hint(id, known, "outlet")
                        )),
                );
                None
            }
        }
    }

    fn article_index(&mut self, id: &str, file: &str, position: Option<Position>) -> Option<usize> {
        if let Some(i) = self.story.articles.iter().position(|a| a.id == id) {
            self.cited.insert(i);
            return Some(i);
        }
        if self.story.unreadable_articles.iter().any(|a| a == id) {
            return None;
        }
        let known = self.story.articles.iter().map(|a| a.id.as_str());
        let mut hint = unknown_id_hint(id, known, "article");
        if self.site.outlets.iter().any(|o| o.id == id) {
            hint = format!(
                "`{id}` is an outlet, but this story has no article file `{id}.md` or `{id}.txt`; {hint}"
            );
        }
        self.diagnostics.push(
            Diagnostic::error(
                file,
                position,
                format!("no article `{id}` in story `{}`", self.story.slug),
            )
            .with_hint(format!(
                "{hint} (article ids are the file names in {}/articles/)",
                self.story.dir
            )),
        );
        None
    }

    /// Finds `words` in the article, or reports where the closest match is.
    fn locate(
        &mut self,
        article: usize,
        words: &str,
        file: &str,
        position: Option<Position>,
    ) -> Option<Passage> {
        let art = &self.story.articles[article];
        if words.trim().is_empty() {
            self.diagnostics.push(Diagnostic::error(
                file,
                position,
                "the quoted passage is empty",
            ));
            return None;
        }
        let needle = matching::Needle::new(words);
        for (i, p) in art.paragraphs.iter().enumerate() {
            let hay =
                self.normalized[article][i].get_or_init(|| matching::normalize_mapped(&p.text));
            if let Some(range) = matching::find_normalized(hay, &p.text, &needle) {
                return Some(Passage {
                    place: Place::Paragraph(i),
                    range,
                });
            }
        }
        if let Some(range) = art
            .headline
            .as_deref()
            .and_then(|headline| matching::find_passage(headline, words))
        {
            return Some(Passage {
                place: Place::Headline,
                range,
            });
        }
        let hint = if let Some(removed) = art
            .removed
            .iter()
            .find(|r| matching::find_passage(&r.text, words).is_some())
        {
            format!(
                "these words are on line {} of {}, which is removed as page furniture ({}); quote the article's own text, or list the line under `keep:` in the article's front matter if it is the article's",
                removed.line,
                art.file,
                removed.by.describe()
            )
        } else {
            let best = art
                .paragraphs
                .iter()
                .filter_map(|p| matching::closest_passage(&p.text, words).map(|c| (p, c)))
                .max_by(|a, b| a.1.similarity.total_cmp(&b.1.similarity));
            match best {
                Some((p, c)) if c.similarity >= 0.5 => format!(
                    "the closest passage in `{}` (paragraph {}, line {}, {:.0}% similar) is \"{}\"",
                    art.id,
                    p.number,
                    p.line,
                    c.similarity * 100.0,
                    &p.text[c.range]
                ),
                _ => format!(
                    "nothing in `{}` comes close; check that you cite the right article",
                    art.id
                ),
            }
        };
        self.diagnostics.push(
            Diagnostic::error(
                file,
                position,
                format!("the quoted words are not in the article `{}`", art.id),
            )
            .with_hint(format!(
                "{hint} (case, quote marks, dashes, spaces and … are ignored when matching)"
            )),
        );
        None
    }

    fn cite(
        &mut self,
        id: &str,
        words: Option<&str>,
        file: &str,
        position: Option<Position>,
        words_position: Option<Position>,
    ) -> Option<Cite> {
        let article = self.article_index(id, file, position)?;
        let passage = match words {
            Some(w) => Some(self.locate(article, w, file, words_position)?),
            None => None,
        };
        Some(Cite { article, passage })
    }

    fn source_refs(&mut self, refs: &[Spanned<SourceRef>], file: &str) -> Vec<Cite> {
        let mut seen = Vec::new();
        for r in refs {
            let position = yaml::position_of(r, 1);
            // Inside `{source: …, quote: …}`, point at the id, or at the words.
            let (id_position, words_position) = match &r.value {
                SourceRef::Id(_) => (position, position),
                SourceRef::Passage(p) => (
                    yaml::position_of(&p.source, 1).or(position),
                    p.quote
                        .as_ref()
                        .and_then(|q| yaml::position_of(q, 1))
                        .or(position),
                ),
            };
            let words = r.value.quote();
            if let Some(cite) = self.cite(
                r.value.id().trim(),
                words,
                file,
                id_position,
                words_position,
            ) {
                if seen.contains(&cite) {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            file,
                            position,
                            format!("`{}` is listed twice here", r.value.id()),
                        )
                        .with_hint("remove the repeated entry"),
                    );
                } else {
                    seen.push(cite);
                }
            }
        }
        seen
    }

    fn markdown(&mut self, md: &Markdown) -> CitedMarkdown {
        let (groups, errors) = citations::parse_citations(&md.text);
        for err in errors {
            self.diagnostics.push(
                Diagnostic::error(&md.file, md.position_of(err.range), format!("malformed citation: {}", err.message))
                    .with_hint("citations look like [@fakti], [@fakti, \"exact words\"] or [@kyivpost; @fakti, \"words\"]; write \\[@ for a literal bracket"),
            );
        }
        let mut resolved = Vec::new();
        for group in groups {
            let mut cites = Vec::new();
            for item in &group.items {
                let position = md.position_of(item.id_range.clone());
                let passage_position = item
                    .passage_range
                    .clone()
                    .and_then(|r| md.position_of(r))
                    .or(position);
                let Some(article) = self.article_index(&item.id, &md.file, position) else {
                    continue;
                };
                let passage = match &item.passage {
                    Some(words) => match self.locate(article, words, &md.file, passage_position) {
                        Some(p) => Some(p),
                        None => continue,
                    },
                    None => None,
                };
                cites.push(Cite { article, passage });
            }
            if !cites.is_empty() {
                resolved.push((group.range, cites));
            }
        }
        CitedMarkdown {
            text: md.text.clone(),
            groups: resolved,
        }
    }

    /// Markdown from a YAML scalar (`text:`, `note:`), located at the scalar.
    fn scalar_markdown(&mut self, value: &Option<Spanned<String>>, file: &str) -> CitedMarkdown {
        match value {
            None => CitedMarkdown::default(),
            Some(v) => self.markdown(&Markdown {
                text: v.value.clone(),
                file: file.to_string(),
                origin: Origin::Scalar(yaml::position_of(v, 1)),
            }),
        }
    }

    fn date(&mut self, value: &Scalar, file: &str, position: Option<Position>) -> Option<When> {
        match parse_when(&value.as_text(), self.site.config.default_offset) {
            Ok(w) => Some(w),
            Err(message) => {
                self.diagnostics
                    .push(Diagnostic::error(file, position, message));
                None
            }
        }
    }

    fn timeline(&mut self) -> Vec<Event> {
        let file = self.story.timeline.file.clone();
        let mut events = Vec::new();
        let mut seen_ids = HashMap::new();
        for raw in &self.story.timeline.entries {
            let id = raw
                .id
                .as_ref()
                .filter(|id| self.check_unique_id(&mut seen_ids, id, &file, "event"))
                .map(|id| id.value.clone());
            let when_position = yaml::position_of(&raw.when, 1);
            let scalars: Vec<&Scalar> = match &raw.when.value {
                WhenValue::One(s) => vec![s],
                WhenValue::OneOf(list) => list.iter().collect(),
            };
            if scalars.is_empty() {
                self.diagnostics.push(Diagnostic::error(&file, when_position, "`when` is an empty list").with_hint("give one date, or the dates outlets disagree on: when: [2024-07-13, 2024-07-14]"));
                continue;
            }
            let dates: Vec<When> = scalars
                .iter()
                .filter_map(|s| self.date(s, &file, when_position))
                .collect();
            if dates.len() != scalars.len() {
                continue;
            }
            if raw.title.value.trim().is_empty() {
                self.diagnostics.push(Diagnostic::error(
                    &file,
                    yaml::position_of(&raw.title, 1),
                    "the event has an empty title",
                ));
            }
            let text = self.scalar_markdown(&raw.text, &file);
            let sources = self.source_refs(&raw.sources, &file);
            let title_position = yaml::position_of(&raw.title, 1);
            if raw.sources.is_empty() && text.groups.is_empty() {
                self.diagnostics.push(
                    Diagnostic::warning(
                        &file,
                        title_position,
                        format!("no source backs the event \"{}\"", raw.title.value),
                    )
                    .with_hint("list the articles that report it under `sources:`"),
                );
            } else if raw.sources.len() == 1 && text.groups.is_empty() {
                self.diagnostics.push(
                    Diagnostic::warning(&file, title_position, format!("only one outlet reports the event \"{}\"", raw.title.value))
                        .with_hint("a single-source detail is worth a second look; add the other outlets that report it, if any"),
                );
            }
            events.push(Event {
                id,
                dates,
                approximate: raw.approximate,
                title: raw.title.value.trim().to_string(),
                text,
                sources,
                group: raw
                    .group
                    .clone()
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty()),
            });
        }
        // Chronological, keeping the editor's order for events on the same date.
        events.sort_by_key(|e| e.dates.first().map(When::sort_key));
        events
    }

    fn check_unique_id(
        &mut self,
        seen: &mut HashMap<String, Option<Position>>,
        id: &Spanned<String>,
        file: &str,
        what: &str,
    ) -> bool {
        let position = yaml::position_of(id, 1);
        if !crate::load::valid_id(&id.value) {
            self.diagnostics.push(
                Diagnostic::error(
                    file,
                    position,
                    format!(
                        "{what} id `{}` may only contain letters, digits, `-` and `_`",
                        id.value
                    ),
                )
                .with_hint("ids become anchors in the page's URL, e.g. `like-a-man`"),
            );
            return false;
        }
        if let Some(first) = seen.get(&id.value) {
            let line = first
                .map(|p| format!(" on line {}", p.line))
                .unwrap_or_default();
            self.diagnostics.push(
                Diagnostic::error(
                    file,
                    position,
                    format!("duplicate {what} id `{}`", id.value),
                )
                .with_hint(format!(
                    "the same id is already used{line}; give each {what} its own id"
                )),
            );
            return false;
        }
        seen.insert(id.value.clone(), position);
        true
    }

    /// Resolves an `events:` list of a quote or dispute to indices into the timeline.
    fn event_refs(
        &mut self,
        refs: &Option<Vec<Spanned<String>>>,
        file: &str,
    ) -> Option<Vec<usize>> {
        let refs = refs.as_ref()?;
        let mut found = Vec::new();
        for r in refs {
            let id = r.value.trim();
            let position = yaml::position_of(r, 1);
            match self.event_ids.iter().position(|e| e.as_deref() == Some(id)) {
                Some(i) if found.contains(&i) => self.diagnostics.push(
                    Diagnostic::warning(
                        file,
                        position,
                        format!("the event `{id}` is listed twice here"),
                    )
                    .with_hint("remove the repeated entry"),
                ),
                Some(i) => found.push(i),
                None if self.story.timeline.unreadable => self.diagnostics.push(
                    Diagnostic::error(
                        file,
                        position,
                        format!("the timeline event `{id}` cannot be looked up"),
                    )
                    .following_from(&self.story.timeline.file),
                ),
                None => {
                    let known: Vec<&str> = self
                        .event_ids
                        .iter()
                        .flatten()
                        .map(String::as_str)
                        .collect();
                    let hint = if known.is_empty() {
                        format!(
                            "no event in {} has an `id:` yet; add `id: {id}` to the event you mean",
                            self.story.timeline.file
                        )
                    } else {
                        format!(
                            "{} (an event is named by its `id:` in {})",
                            unknown_id_hint(id, known.iter().copied(), "event"),
                            self.story.timeline.file
                        )
                    };
                    self.diagnostics.push(
                        Diagnostic::error(
                            file,
                            position,
                            format!("no timeline event with the id `{id}`"),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        Some(found)
    }

    fn quotes(&mut self) -> Vec<Quote> {
        let file = self.story.quotes.file.clone();
        let mut seen = HashMap::new();
        let mut quotes = Vec::new();
        for raw in &self.story.quotes.entries {
            if !self.check_unique_id(&mut seen, &raw.id, &file, "quote") {
                continue;
            }
            let date = raw
                .when
                .as_ref()
                .and_then(|w| self.date(&w.value, &file, yaml::position_of(w, 1)));
            let mut variants = Vec::new();
            for v in &raw.variants {
                let position = yaml::position_of(&v.text, 1);
                let source_position = yaml::position_of(&v.source, 1);
                let Some(article) =
                    self.article_index(v.source.value.trim(), &file, source_position)
                else {
                    continue;
                };
                if variants
                    .iter()
                    .any(|(_, c): &(String, Cite)| c.article == article)
                {
                    self.diagnostics.push(
                        Diagnostic::error(
                            &file,
                            source_position,
                            format!(
                                "quote `{}` has two variants from `{}`",
                                raw.id.value, v.source.value
                            ),
                        )
                        .with_hint("give one variant per article"),
                    );
                    continue;
                }
                if let Some(passage) = self.locate(article, &v.text.value, &file, position) {
                    variants.push((
                        v.text.value.trim().to_string(),
                        Cite {
                            article,
                            passage: Some(passage),
                        },
                    ));
                }
            }
            if raw.variants.is_empty() {
                self.diagnostics.push(
                    Diagnostic::error(&file, yaml::position_of(&raw.id, 1), format!("quote `{}` has no variants", raw.id.value))
                        .with_hint("add each outlet's rendering under `variants:` as {source: id, text: \"words\"}"),
                );
            }
            quotes.push(Quote {
                id: raw.id.value.clone(),
                speaker: raw.speaker.trim().to_string(),
                date,
                language: raw.language.clone(),
                context: raw.context.clone(),
                note: self.scalar_markdown(&raw.note, &file),
                variants,
                events: self.event_refs(&raw.events, &file),
            });
        }
        quotes
    }

    fn disputes(&mut self) -> Vec<Dispute> {
        let file = self.story.disputes.file.clone();
        let mut seen = HashMap::new();
        let mut disputes = Vec::new();
        for raw in &self.story.disputes.entries {
            if self.check_unique_id(&mut seen, &raw.id, &file, "dispute") {
                disputes.push(self.dispute(raw, &file));
            }
        }
        disputes
    }

    /// One dispute: its status and verdict, its claims, and the evidence for the verdict.
    fn dispute(&mut self, raw: &sidecars::DisputeEntry, file: &str) -> Dispute {
        let id_position = yaml::position_of(&raw.id, 1);
        let status_position = yaml::position_of(&raw.status, 1);
        let resolved = self.dispute_resolved(&raw.status, file);
        let verdict = raw
            .verdict
            .clone()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        if resolved && verdict.is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    file,
                    status_position,
                    format!("dispute `{}` is resolved but has no verdict", raw.id.value),
                )
                .with_hint("add `verdict:` with what the evidence shows, or set `status: open`"),
            );
        }
        if raw.claims.len() < 2 {
            self.diagnostics.push(
                Diagnostic::warning(
                    file,
                    id_position,
                    format!(
                        "dispute `{}` has {} claim(s); a dispute compares at least two",
                        raw.id.value,
                        raw.claims.len()
                    ),
                )
                .with_hint("add the competing claims under `claims:`"),
            );
        }
        let claims: Vec<Claim> = raw
            .claims
            .iter()
            .map(|c| self.claim(c, file, resolved))
            .collect();
        if resolved && claims.iter().all(|c| c.upheld.is_none()) {
            self.diagnostics.push(
                Diagnostic::warning(file, status_position, format!("resolved dispute `{}` does not say which claims the verdict upholds", raw.id.value))
                    .with_hint("add `upheld: true` or `upheld: false` to its claims, so outlet pages can show how each fared"),
            );
        }
        let note = self.scalar_markdown(&raw.note, file);
        if resolved && note.groups.is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(file, id_position, format!("the verdict of `{}` cites no evidence", raw.id.value))
                    .with_hint("explain the verdict in `note:` with citations such as [@fakti, \"on July 13\"]"),
            );
        }
        Dispute {
            id: raw.id.value.clone(),
            question: raw.question.trim().to_string(),
            resolved,
            verdict,
            note,
            claims,
            events: self.event_refs(&raw.events, file),
        }
    }

    /// Whether a dispute's `status:` is `resolved` (an unknown status is reported, and open).
    fn dispute_resolved(&mut self, status: &Spanned<String>, file: &str) -> bool {
        match status.value.trim() {
            "resolved" => true,
            "open" => false,
            other => {
                self.diagnostics.push(
                    Diagnostic::error(
                        file,
                        yaml::position_of(status, 1),
                        format!("unknown status `{other}`"),
                    )
                    .with_hint(unknown_id_hint(
                        other,
                        ["open", "resolved"],
                        "status",
                    )),
                );
                false
            }
        }
    }

    /// One claim of a dispute; `upheld` counts only once the dispute is resolved.
    fn claim(&mut self, c: &sidecars::ClaimEntry, file: &str, resolved: bool) -> Claim {
        if c.sources.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(file, yaml::position_of(&c.says, 1), format!("the claim \"{}\" has no sources", c.says.value))
                    .with_hint("list the articles that make this claim, ideally with their words: {source: fakti, quote: \"on July 13\"}"),
            );
        }
        if c.upheld.is_some() && !resolved {
            self.diagnostics.push(
                Diagnostic::warning(
                    file,
                    yaml::position_of(&c.says, 1),
                    "`upheld` is set on a claim of an open dispute",
                )
                .with_hint("judge claims only once the dispute is resolved"),
            );
        }
        Claim {
            says: c.says.value.trim().to_string(),
            sources: self.source_refs(&c.sources, file),
            note: self.scalar_markdown(&c.note, file),
            upheld: if resolved { c.upheld } else { None },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::test_support::story::story_from;

    const SOURCES: &str = "wire:\n  name: The Wire\npaper:\n  name: The Paper\n";
    const WIRE: &str = "---\nsource: wire\ntitle: Wire copy\n---\nThe minister said the bridge would open on Monday.\n\nCrowds gathered at dawn.\n";
    const PAPER: &str = "---\nsource: paper\ntitle: Paper story\n---\nThe bridge opens on Tuesday, the minister said.\n";

    /// Verifies a story made of `story.md` (after its front matter) and extra files, and returns
    /// the result with every message, load and verify alike, as `file:line: message`, and the
    /// hints.
    fn check(
        body: &str,
        extra: &[(&str, &str)],
    ) -> (Option<VerifiedStory>, Vec<String>, Vec<String>) {
        let story_md = format!("---\ntitle: Bridge\ndate: 2024-11-07\n---\n{body}");
        let mut files = vec![
            ("story.md", story_md.as_str()),
            ("articles/wire.md", WIRE),
            ("articles/paper.md", PAPER),
        ];
        files.extend_from_slice(extra);
        let (site, story, mut diagnostics) = story_from(SOURCES, &files);
        let verified = story.map(|story| {
            let (verified, more) = verify_story(&site, &story);
            diagnostics.extend(more);
            verified
        });
        let sorted = diagnostics.sorted();
        let messages = sorted
            .iter()
            .map(|d| {
                let kind = if d.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                format!("{kind}: {}: {}", d.location(), d.message)
            })
            .collect();
        let hints = sorted.iter().filter_map(|d| d.hint.clone()).collect();
        (verified, messages, hints)
    }

    #[test]
    fn citations_resolve_to_articles_and_passages() {
        let (verified, messages, _) = check(
            "It opens on Monday [@wire, \"open on Monday\"] or Tuesday [@paper].\n",
            &[],
        );
        assert!(messages.is_empty(), "{messages:?}");
        let verified = verified.unwrap();
        let cites: Vec<&Cite> = verified
            .annotation
            .groups
            .iter()
            .flat_map(|(_, c)| c)
            .collect();
        assert_eq!(cites.len(), 2);
        // Articles sort by file name: paper, wire.
        assert_eq!(cites[0].article, 1);
        let passage = cites[0].passage.as_ref().unwrap();
        assert_eq!(passage.place, Place::Paragraph(0));
        assert_eq!(
            &WIRE.split("---\n").nth(2).unwrap()[passage.range.clone()],
            "open on Monday"
        );
        assert_eq!(cites[1].article, 0);
        assert!(cites[1].passage.is_none());
        assert_eq!(
            verified.outlets,
            [Some(0), Some(1)],
            "outlets sort by id: paper, wire"
        );
    }

    #[test]
    fn a_quote_not_in_its_article_names_the_closest_passage() {
        let (_, messages, hints) = check(
            "See [@wire, \"the bridge will open on Monday\"]; also [@paper].\n",
            &[],
        );
        assert_eq!(
            messages,
            [
                "error: content/stories/s/story.md:5:14: the quoted words are not in the article `wire`"
            ]
        );
        assert!(
            hints[0].starts_with("the closest passage in `wire` (paragraph 1, line 5, ")
                && hints[0].contains("% similar) is \"the bridge would open on Monday\""),
            "{hints:?}"
        );
    }

    #[test]
    fn unknown_articles_and_outlets_are_errors_with_the_nearest_id() {
        let (_, messages, hints) = check(
            "A typo [@wrie] and [@paper].\n",
            &[("articles/extra.md", "---\nsource: wirre\n---\nText.\n")],
        );
        assert!(
            messages.contains(
                &"error: content/stories/s/articles/extra.md:2:9: unknown outlet `wirre`"
                    .to_string()
            ),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("error: content/stories/s/story.md:5:")
                    && m.ends_with("no article `wrie` in story `s`")),
            "{messages:?}"
        );
        assert!(
            messages.contains(
                &"warning: content/stories/s/articles/wire.md: no one cites the article `wire`"
                    .to_string()
            ),
            "{messages:?}"
        );
        assert!(
            hints.iter().any(|h| h.contains("did you mean `wire`?")),
            "{hints:?}"
        );
    }

    #[test]
    fn sidecars_are_checked_against_the_articles() {
        let quotes = "- id: opening\n  speaker: The minister\n  variants:\n    - {source: wire, text: \"the bridge would open on Monday\"}\n    - {source: paper, text: \"The bridge opens on Friday\"}\n";
        let disputes = "- id: day\n  question: Which day?\n  status: resolved\n  verdict: Monday\n  claims:\n    - says: Monday\n      sources: [{source: wire, quote: \"on Monday\"}]\n      upheld: true\n    - says: Tuesday\n      sources: [paper]\n      upheld: false\n";
        let (verified, messages, _) = check(
            "[@wire] [@paper]\n",
            &[("quotes.yaml", quotes), ("disputes.yaml", disputes)],
        );
        assert_eq!(
            messages,
            [
                "warning: content/stories/s/disputes.yaml:1:7: the verdict of `day` cites no evidence",
                "error: content/stories/s/quotes.yaml:5:29: the quoted words are not in the article `paper`",
            ]
        );
        let verified = verified.unwrap();
        assert_eq!(
            verified.quotes[0].variants.len(),
            1,
            "the broken variant is left out"
        );
        assert!(verified.disputes[0].resolved);
        assert_eq!(verified.disputes[0].claims[0].upheld, Some(true));
    }

    #[test]
    fn quotes_and_disputes_name_timeline_events_by_id() {
        let timeline = "- id: opening\n  when: 2024-11-08\n  title: The bridge opens\n  sources: [wire, paper]\n- id: vote\n  when: 2024-11-07\n  title: The council votes\n  sources: [wire, paper]\n- id: vote\n  when: 2024-11-09\n  title: A second vote\n  sources: [wire, paper]\n";
        let quotes = "- id: q\n  speaker: The minister\n  events: [openning]\n  variants:\n    - {source: wire, text: \"the bridge would open\"}\n    - {source: paper, text: \"The bridge opens\"}\n";
        let disputes = "- id: day\n  question: Which day?\n  status: open\n  events: [vote, opening, vote]\n  claims:\n    - says: Monday\n      sources: [wire]\n    - says: Tuesday\n      sources: [paper]\n";
        let (verified, messages, hints) = check(
            "[@wire] [@paper]\n",
            &[
                ("timeline.yaml", timeline),
                ("quotes.yaml", quotes),
                ("disputes.yaml", disputes),
            ],
        );
        assert_eq!(
            messages,
            [
                "warning: content/stories/s/disputes.yaml:4:27: the event `vote` is listed twice here",
                "error: content/stories/s/quotes.yaml:3:12: no timeline event with the id `openning`",
                "error: content/stories/s/timeline.yaml:9:7: duplicate event id `vote`",
            ]
        );
        assert!(
            hints.contains(&"did you mean `opening`? (an event is named by its `id:` in content/stories/s/timeline.yaml)".to_string()),
            "{hints:?}"
        );
        assert!(
            hints.iter().any(|h| h.contains("already used on line 5")),
            "{hints:?}"
        );
        let verified = verified.unwrap();
        // Sorted by date: the vote (7th), the opening (8th), the second vote (9th, no id).
        assert_eq!(verified.timeline[0].id.as_deref(), Some("vote"));
        assert_eq!(verified.timeline[2].id, None);
        assert_eq!(verified.disputes[0].events, Some(vec![0, 1]));
        assert_eq!(verified.quotes[0].events, Some(vec![]));
    }

    #[test]
    fn an_article_may_not_take_the_outlet_pages_folder() {
        let (_, messages, hints) = check(
            "[@wire] [@paper] [@outlets]\n",
            &[("articles/outlets.md", "---\nsource: wire\n---\nText.\n")],
        );
        assert_eq!(
            messages,
            [
                "error: content/stories/s/articles/outlets.md: the article id `outlets` is taken by the story's outlet-by-outlet page (stories/s/outlets/)"
            ]
        );
        assert_eq!(
            hints,
            ["rename the file, e.g. to `outlets-1.md`, and cite it by that id"]
        );
    }

    #[test]
    fn the_front_page_may_not_cite() {
        let (site, _, _) = story_from(SOURCES, &[]);
        let mut site = site;
        site.intro = Some(Markdown {
            text: "Welcome [@wire].".into(),
            file: "content/index.md".into(),
            origin: Origin::Body { first_line: 1 },
        });
        let messages: Vec<String> = verify_site(&site)
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(messages, ["citations are not possible on the front page"]);
    }
}

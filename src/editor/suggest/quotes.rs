//! Quote variants: the quotations of a story's articles, grouped across outlets when they
//! render the same utterance.
//!
//! Translations of one sentence differ in wording, so passages are compared by the content
//! words they share in the same order ([`text::common_in_order`]), sentence by sentence: an
//! outlet may quote in one passage what another splits in two or quotes only in part. Groups
//! grow greedily from the most similar pair of sentences, and a group may take from each
//! article only neighbouring sentences of one passage, so that what it proposes for that
//! article is one verbatim stretch of it.

use std::collections::BTreeMap;
use std::ops::Range;

use std::collections::BTreeSet;

use super::scan;
use super::speaker::{self, Speaker};
use super::text::{self, Word, WordRules};
use crate::load::{Article, Story};
use crate::verify::matching::find_passage;

/// Two sentences are taken for renderings of one utterance from this similarity up.
pub const THRESHOLD: f64 = 0.5;
/// A sentence next to one already matched (in the same quotation) needs only this much to
/// join the match: the outlets render the same passage, and this is its next sentence.
pub const NEIGHBOUR_THRESHOLD: f64 = 0.3;
/// Sentences with fewer content words say too little to be recognised in a translation.
const MIN_CONTENT_WORDS: usize = 2;

/// One sentence of a quotation.
#[derive(Debug, Clone)]
pub struct QuoteSegment {
    pub article: usize,
    pub paragraph: usize,
    /// Which quotation of the article (in reading order).
    pub passage: usize,
    /// Which sentence of that quotation.
    pub index: usize,
    /// In the paragraph's text.
    pub range: Range<usize>,
    pub words: Vec<Word>,
    /// The article's language (primary subtag; empty when unknown).
    pub language: String,
    pub speaker: Option<Speaker>,
    /// What a translation keeps: the names ([`text::name_key`]) and figures
    /// ([`text::figures`]) in the sentence, the speaker's own name aside.
    pub anchors: Vec<Anchor>,
    /// Speech the article reports without quotation marks (`X said that …`).
    pub reported: bool,
    /// What one speaker says in one paragraph: its quotations, however the outlet cuts them
    /// with attributions (`“…,” she said. “…”`), or one reported clause. Across languages,
    /// units are compared, not sentences: a translation keeps the names and figures of a
    /// statement, not where its sentences end.
    pub unit: usize,
}

/// A name or a figure of a quote, as its article writes it and as it is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub written: String,
    pub key: String,
    pub figure: bool,
}

/// A proposed quote: one variant per article, verbatim.
#[derive(Debug, Clone)]
pub struct Group {
    pub variants: Vec<SuggestedVariant>,
    pub speaker: Option<String>,
    /// The mean similarity of the links that made the group.
    pub confidence: f64,
    /// The content words its links share, the strongest link's first, in order.
    pub shared: Vec<String>,
    /// The id of the editor's quote this group overlaps, if any.
    pub known: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SuggestedVariant {
    /// The article's id (what quotes.yaml calls `source`).
    pub source: String,
    pub paragraph: usize,
    pub text: String,
    /// In the paragraph's text.
    pub range: Range<usize>,
    pub speaker: Option<Speaker>,
}

/// The sentences of every quotation in the story's articles (top-level quotations only: a
/// quotation inside a quotation is the speaker's, part of the outer one), and the speech they
/// report without marks; each article's words compared by its language's `rules`.
pub fn segments(articles: &[Article], rules: &[WordRules]) -> Vec<QuoteSegment> {
    let names = speaker::story_names(articles, rules);
    let mut out = Vec::new();
    let mut units = 0;
    for (a, (article, rules)) in articles.iter().zip(rules).enumerate() {
        let mut passage = 0;
        // The speaker the article last named, and in which paragraph: `“…,” he added` in the
        // next paragraph or the one after is still theirs.
        let mut last_named: Option<(Speaker, usize)> = None;
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            let para = &paragraph.text;
            let quoted = scan::quotations(para)
                .into_iter()
                .filter(|q| q.depth == 0)
                .map(|q| (q.range, false));
            let reported = speaker::reported(para, rules, &names)
                .into_iter()
                .map(|r| (r, true));
            // The units of this paragraph: its speakers' quotations, and each reported clause.
            let mut paragraph_units: Vec<(Option<Speaker>, usize)> = Vec::new();
            for (quote, reported) in quoted.chain(reported) {
                let named = speaker::speaker(article, rules, &names, p, quote.start);
                let speaker = match named {
                    Some(s) => {
                        last_named = Some((s.clone(), p));
                        Some(s)
                    }
                    None if !reported && speaker::reports_speech(para, rules) => last_named
                        .as_ref()
                        .filter(|(_, at)| p - at <= 2)
                        .map(|(s, _)| s.clone()),
                    None => None,
                };
                if reported && speaker.is_none() {
                    continue;
                }
                let unit = match paragraph_units
                    .iter()
                    .find(|(s, _)| !reported && *s == speaker)
                {
                    Some(&(_, unit)) => unit,
                    None => {
                        units += 1;
                        if !reported {
                            paragraph_units.push((speaker.clone(), units));
                        }
                        units
                    }
                };
                let inner = &para[quote.clone()];
                for (index, s) in text::sentences(inner).into_iter().enumerate() {
                    let range = quote.start + s.start..quote.start + s.end;
                    let range = text::trim_trailing_punctuation(para, range);
                    let words = text::words_in(&para[range.clone()], rules);
                    if words.iter().filter(|w| w.content).count() < MIN_CONTENT_WORDS {
                        continue;
                    }
                    let anchors = anchors(&para[range.clone()], &words, speaker.as_ref(), &names);
                    out.push(QuoteSegment {
                        article: a,
                        paragraph: p,
                        passage,
                        index,
                        range,
                        words,
                        language: rules.language.clone(),
                        speaker: speaker.clone(),
                        anchors,
                        reported,
                        unit,
                    });
                }
                passage += 1;
            }
        }
    }
    out
}

/// The names and figures of a sentence, each once: the capitalised words not at its start
/// (or at its start when another outlet names them too), the words of a script without
/// capitals that other outlets write as names, and the figures, the speaker's name aside.
fn anchors(
    sentence: &str,
    words: &[Word],
    speaker: Option<&Speaker>,
    names: &BTreeSet<String>,
) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    for w in words {
        if !speaker::is_name(w, names) {
            continue;
        }
        let Some(key) = text::name_key(&w.lower) else {
            continue;
        };
        // A name another language writes too: German capitalises every noun.
        if !speaker::is_story_name(&key, names)
            || speaker
                .and_then(|s| s.key.as_deref())
                .is_some_and(|s| text::same_name(s, &key))
        {
            continue;
        }
        if !out
            .iter()
            .any(|a| !a.figure && text::same_name(&a.key, &key))
        {
            out.push(Anchor {
                written: sentence[w.range.clone()].to_string(),
                key,
                figure: false,
            });
        }
    }
    for figure in text::figures(sentence) {
        if !out.iter().any(|a| a.figure && a.key == figure) {
            out.push(Anchor {
                written: figure.clone(),
                key: figure,
                figure: true,
            });
        }
    }
    out
}

/// How alike two sentences are, 0 to 1, and the content words they share in order: the
/// shared weight over the shorter sentence's (one outlet may quote only part of a sentence),
/// averaged with the same over the longer's (so that two words shared with a long sentence
/// are not a match).
pub fn similarity(a: &[Word], b: &[Word]) -> (f64, Vec<String>) {
    let (common, shared) = text::common_in_order(a, b);
    // One content word in common is enough only inside a longer run of the same words (`He
    // turned out to be a courageous person` and `He turned out to be a very brave man`).
    let mut shared = shared;
    if shared.len() < MIN_CONTENT_WORDS {
        let run = longest_run(a, b);
        if run.len() < MIN_RUN {
            return (0.0, shared);
        }
        // Say why: the run is the evidence.
        shared = vec![format!("\"{}\"", run.join(" "))];
    }
    let (wa, wb) = (text::total_weight(a), text::total_weight(b));
    let (short, long) = (wa.min(wb), wa.max(wb));
    if short == 0.0 {
        return (0.0, shared);
    }
    (0.75 * common / short + 0.25 * common / long, shared)
}

/// How alike two segments are: by their words in one language ([`similarity`]), by their
/// speaker, names and figures across two ([`across_languages`]). Two passages that are both
/// reported speech are never a pair: a group needs one outlet's quotation marks. Segments in
/// different languages are compared as whole units ([`unit_pairs`]).
pub fn segment_similarity(a: &QuoteSegment, b: &QuoteSegment) -> (f64, Vec<String>) {
    if a.reported && b.reported {
        return (0.0, Vec::new());
    }
    if a.language == b.language {
        similarity(&a.words, &b.words)
    } else {
        (0.0, Vec::new())
    }
}

/// Names and figures two renderings of a sentence in different languages must share, beside
/// their speaker, to be taken for one utterance.
const MIN_SHARED_ANCHORS: usize = 2;
/// …and the share of either sentence's names and figures they must have in common.
const MIN_ANCHOR_COVERAGE: f64 = 0.5;
/// Without a speaker named on both sides, the evidence must be stronger still.
const MIN_SHARED_ANCHORS_UNNAMED: usize = 3;
const MIN_ANCHOR_COVERAGE_UNNAMED: f64 = 0.6;

/// How alike two sentences in different languages are. A translation shares almost no words
/// with its original, but it keeps who speaks and the names and figures it mentions
/// (`Trump`, `2024`, `50`): two sentences are one utterance when the same speaker is named
/// for both and they share at least [`MIN_SHARED_ANCHORS`] of their names and figures, most of
/// them. Two different speakers never match; sentences with a speaker named on one side only
/// need more in common. Weaker evidence (the same speaker and one name or figure) scores
/// below [`THRESHOLD`]: it lets a sentence join a group beside its neighbour, never start one.
pub fn across_languages(a: &Unit, b: &Unit) -> (f64, Vec<String>) {
    if a.reported && b.reported {
        return (0.0, Vec::new());
    }
    let same_speaker = match (
        a.speaker.as_ref().and_then(|s| s.key.as_deref()),
        b.speaker.as_ref().and_then(|s| s.key.as_deref()),
    ) {
        (Some(x), Some(y)) if text::same_name(x, y) => Some(true),
        (Some(_), Some(_)) => return (0.0, Vec::new()),
        _ => None,
    };
    let mut shared: Vec<String> = Vec::new();
    for x in &a.anchors {
        let found = b.anchors.iter().any(|y| {
            x.figure == y.figure
                && if x.figure {
                    x.key == y.key
                } else {
                    text::same_name(&x.key, &y.key)
                }
        });
        if found {
            shared.push(x.written.clone());
        }
    }
    let most = a.anchors.len().max(b.anchors.len()).max(1);
    let coverage = shared.len() as f64 / most as f64;
    let (min_shared, min_coverage) = if same_speaker == Some(true) {
        (MIN_SHARED_ANCHORS, MIN_ANCHOR_COVERAGE)
    } else {
        (MIN_SHARED_ANCHORS_UNNAMED, MIN_ANCHOR_COVERAGE_UNNAMED)
    };
    if shared.len() >= min_shared && coverage >= min_coverage {
        let certainty = if same_speaker == Some(true) { 1.0 } else { 0.8 };
        (THRESHOLD + (1.0 - THRESHOLD) * coverage * certainty, shared)
    } else {
        (0.0, shared)
    }
}

/// What one speaker says in one paragraph of an article ([`QuoteSegment::unit`]), as
/// compared across languages.
#[derive(Debug, Clone)]
pub struct Unit {
    pub article: usize,
    pub language: String,
    pub speaker: Option<Speaker>,
    pub anchors: Vec<Anchor>,
    pub reported: bool,
    /// Its segments, indices into the story's.
    pub segments: Vec<usize>,
    /// Several quotations of one paragraph together, rather than one.
    pub whole_paragraph: bool,
}

/// The units of the segments: each quotation on its own, and, where one speaker's words in a
/// paragraph are cut into several quotations, all of them together
/// ([`QuoteSegment::unit`]).
pub fn units(segments: &[QuoteSegment]) -> Vec<Unit> {
    let mut passages: BTreeMap<(usize, usize), Unit> = BTreeMap::new();
    let mut paragraphs: BTreeMap<usize, Unit> = BTreeMap::new();
    for (i, s) in segments.iter().enumerate() {
        for unit in [
            passages
                .entry((s.article, s.passage))
                .or_insert_with(|| Unit::of(s)),
            paragraphs.entry(s.unit).or_insert_with(|| Unit::of(s)),
        ] {
            unit.segments.push(i);
            for a in &s.anchors {
                if !unit.anchors.contains(a) {
                    unit.anchors.push(a.clone());
                }
            }
        }
    }
    let mut out: Vec<Unit> = passages.into_values().collect();
    out.extend(paragraphs.into_values().filter_map(|mut u| {
        let first = segments[u.segments[0]].passage;
        u.whole_paragraph = u.segments.iter().any(|&m| segments[m].passage != first);
        u.whole_paragraph.then_some(u)
    }));
    out
}

impl Unit {
    fn of(s: &QuoteSegment) -> Unit {
        Unit {
            article: s.article,
            language: s.language.clone(),
            speaker: s.speaker.clone(),
            anchors: Vec::new(),
            reported: s.reported,
            segments: Vec::new(),
            whole_paragraph: false,
        }
    }
}

/// A pair of units that joins a paragraph's quotations together scores this much of what it
/// would alone: a quotation that matches on its own is matched first.
const WHOLE_PARAGRAPH_DISCOUNT: f64 = 0.95;

/// Units of different languages that say the same ([`across_languages`]), as pairs of their
/// first segments; joining them joins their units whole.
fn unit_pairs(segments: &[QuoteSegment]) -> Vec<Pair> {
    let units = units(segments);
    let sole = sole_statements(segments);
    let mut pairs = Vec::new();
    for (i, a) in units.iter().enumerate() {
        for b in &units[i + 1..] {
            if a.article == b.article || a.language == b.language {
                continue;
            }
            let (mut score, mut shared) = across_languages(a, b);
            let whole = a.whole_paragraph || b.whole_paragraph;
            if whole {
                score *= WHOLE_PARAGRAPH_DISCOUNT;
            }
            if score < THRESHOLD && sole_statement_of_one_speaker(segments, &sole, a, b) {
                score = SOLE_STATEMENT_SCORE;
                shared = a
                    .speaker
                    .iter()
                    .map(|s| s.name.clone())
                    .chain(std::mem::take(&mut shared))
                    .collect();
            }
            if score >= THRESHOLD {
                pairs.push(Pair {
                    score,
                    first: a.segments[0],
                    second: b.segments[0],
                    shared,
                    units: Some(UnitPair {
                        first: a.segments.clone(),
                        second: b.segments.clone(),
                        first_whole: a.whole_paragraph,
                        second_whole: b.whole_paragraph,
                    }),
                });
            }
        }
    }
    pairs
}

/// How sure a pair of sole statements ([`sole_statement_of_one_speaker`]) is: enough to start a
/// group, and below any pair that shares names and figures, so those are joined first.
const SOLE_STATEMENT_SCORE: f64 = THRESHOLD + 0.02;
/// Two renderings of one statement differ in length by less than this factor, in characters.
const MAX_LENGTH_RATIO: f64 = 3.0;

/// For each article and named speaker whose quotations in it all stand in one paragraph, the
/// segments of that paragraph's quotations (reported speech aside).
fn sole_statements(segments: &[QuoteSegment]) -> BTreeMap<(usize, String), Vec<usize>> {
    let mut by_speaker: BTreeMap<(usize, String), (BTreeSet<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, s) in segments.iter().enumerate() {
        let Some(key) = s.speaker.as_ref().and_then(|sp| sp.key.clone()) else {
            continue;
        };
        if s.reported {
            continue;
        }
        let entry = by_speaker.entry((s.article, key)).or_default();
        entry.0.insert(s.paragraph);
        entry.1.push(i);
    }
    by_speaker
        .into_iter()
        .filter(|(_, (paragraphs, _))| paragraphs.len() == 1)
        .map(|(key, (_, members))| (key, members))
        .collect()
}

/// Whether `a` and `b` are all that two articles quote of one named speaker. A translation of
/// words without a name or a figure in them ("we have lost friends, neighbours, entire
/// families") keeps nothing [`across_languages`] can compare; but when two outlets each quote
/// a speaker once, in one paragraph, they most likely quote the same statement. Unless the two
/// differ in length beyond what translation does, or each names things the other does not.
fn sole_statement_of_one_speaker(
    segments: &[QuoteSegment],
    sole: &BTreeMap<(usize, String), Vec<usize>>,
    a: &Unit,
    b: &Unit,
) -> bool {
    let (Some(x), Some(y)) = (
        a.speaker.as_ref().and_then(|s| s.key.as_deref()),
        b.speaker.as_ref().and_then(|s| s.key.as_deref()),
    ) else {
        return false;
    };
    if a.reported || b.reported || !text::same_name(x, y) {
        return false;
    }
    let whole = |u: &Unit, key: &str| {
        sole.get(&(u.article, key.to_string()))
            .is_some_and(|members| *members == u.segments)
    };
    if !whole(a, x) || !whole(b, y) {
        return false;
    }
    let length = |u: &Unit| -> f64 {
        u.segments
            .iter()
            .map(|&i| segments[i].range.len())
            .sum::<usize>()
            .max(1) as f64
    };
    let ratio = length(a).max(length(b)) / length(a).min(length(b));
    let unrelated = !a.anchors.is_empty()
        && !b.anchors.is_empty()
        && !a.anchors.iter().any(|p| {
            b.anchors.iter().any(|q| {
                p.figure == q.figure
                    && if p.figure {
                        p.key == q.key
                    } else {
                        text::same_name(&p.key, &q.key)
                    }
            })
        });
    ratio <= MAX_LENGTH_RATIO && !unrelated
}

/// The segments of two units a [`Pair`] joins, and which unit is a paragraph's quotations
/// together.
#[derive(Debug, Clone)]
struct UnitPair {
    first: Vec<usize>,
    second: Vec<usize>,
    first_whole: bool,
    second_whole: bool,
}

/// Words in a row two sentences share that make up for a second content word.
const MIN_RUN: usize = 5;

/// The longest run of consecutive words (by stem) that both sentences have, as `a` writes
/// them in lower case.
fn longest_run(a: &[Word], b: &[Word]) -> Vec<String> {
    let (mut best, mut best_end) = (0, 0);
    let mut row = vec![0usize; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        let mut next = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x.stem == y.stem {
                next[j + 1] = row[j] + 1;
                if next[j + 1] > best {
                    (best, best_end) = (next[j + 1], i + 1);
                }
            }
        }
        row = next;
    }
    a[best_end - best..best_end]
        .iter()
        .map(|w| w.lower.clone())
        .collect()
}

/// A group being built: its segments and the links that joined them.
struct Cluster {
    members: Vec<usize>,
    links: Vec<(f64, Vec<String>)>,
}

/// Whether the segments may form one group: from each article, sentences of one passage with
/// at most one unmatched sentence between two matched ones.
fn compatible(segments: &[QuoteSegment], members: &[usize]) -> bool {
    let mut by_article: BTreeMap<usize, Vec<&QuoteSegment>> = BTreeMap::new();
    for &m in members {
        by_article
            .entry(segments[m].article)
            .or_default()
            .push(&segments[m]);
    }
    by_article.values_mut().all(|segs| {
        segs.sort_by_key(|s| (s.passage, s.index));
        let one_passage = segs
            .windows(2)
            .all(|w| w[0].passage == w[1].passage && w[1].index - w[0].index <= 2);
        one_passage || segs.windows(2).all(|w| w[0].unit == w[1].unit)
    })
}

/// Groups the segments of different articles that render the same utterance.
pub fn group(articles: &[Article], segments: &[QuoteSegment]) -> Vec<Group> {
    let pairs = similar_pairs(segments);
    let mut clustering = Clustering::new(segments);
    // First the sentences that match on their own, most similar first; then the weaker
    // matches of a sentence next to one already matched.
    for pair in pairs.iter().filter(|p| p.score >= THRESHOLD) {
        clustering.join_strong(pair);
    }
    for pair in pairs.iter().filter(|p| p.score < THRESHOLD) {
        clustering.join_weak(pair);
    }
    clustering.join_continuations();
    let mut groups: Vec<Group> = clustering
        .clusters
        .into_iter()
        .filter(|c| !c.links.is_empty())
        .map(|c| to_group(articles, segments, c))
        .collect();
    groups.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    groups
}

/// Two segments of different articles that are alike enough to be neighbours in a group.
struct Pair {
    score: f64,
    /// Indices into the segments, `first < second`.
    first: usize,
    second: usize,
    /// The words they share.
    shared: Vec<String>,
    /// For units of different languages: the segments of each, which join together.
    units: Option<UnitPair>,
}

/// Every pair of similar segments, most similar first (ties in segment order).
fn similar_pairs(segments: &[QuoteSegment]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for i in 0..segments.len() {
        for j in i + 1..segments.len() {
            if segments[i].article == segments[j].article {
                continue;
            }
            let (score, shared) = segment_similarity(&segments[i], &segments[j]);
            if score >= NEIGHBOUR_THRESHOLD {
                pairs.push(Pair {
                    score,
                    first: i,
                    second: j,
                    shared,
                    units: None,
                });
            }
        }
    }
    pairs.extend(unit_pairs(segments));
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.first, a.second).cmp(&(b.first, b.second)))
    });
    pairs
}

/// Segments gathered into clusters, each segment in one (at first, its own).
struct Clustering<'s> {
    segments: &'s [QuoteSegment],
    clusters: Vec<Cluster>,
    /// The cluster of each segment.
    cluster_of: Vec<usize>,
}

impl<'s> Clustering<'s> {
    fn new(segments: &'s [QuoteSegment]) -> Clustering<'s> {
        Clustering {
            segments,
            cluster_of: (0..segments.len()).collect(),
            clusters: (0..segments.len())
                .map(|i| Cluster {
                    members: vec![i],
                    links: Vec::new(),
                })
                .collect(),
        }
    }

    fn compatible(&self, members: &[&[usize]]) -> bool {
        compatible(self.segments, &members.concat())
    }

    fn size(&self, segment: usize) -> usize {
        self.clusters[self.cluster_of[segment]].members.len()
    }

    /// A pair that matches on its own joins its two clusters, if they can be one group; a pair
    /// of units joins every cluster their segments are in.
    fn join_strong(&mut self, pair: &Pair) {
        if let Some(units) = &pair.units {
            // A paragraph's quotations join together only while none of them has joined a
            // group on its own (they may be two utterances, each with its own group), or once
            // they have joined one together.
            let grouped = |segments: &[usize]| {
                let together = segments
                    .iter()
                    .all(|&m| self.cluster_of[m] == self.cluster_of[segments[0]]);
                !together && segments.iter().any(|&m| self.size(m) > 1)
            };
            if (units.first_whole && grouped(&units.first))
                || (units.second_whole && grouped(&units.second))
            {
                return;
            }
            let (a, b) = (&units.first, &units.second);
            let mut clusters: Vec<usize> = a.iter().chain(b).map(|&m| self.cluster_of[m]).collect();
            clusters.sort_unstable();
            clusters.dedup();
            let members: Vec<&[usize]> = clusters
                .iter()
                .map(|&c| self.clusters[c].members.as_slice())
                .collect();
            if clusters.len() > 1 && self.compatible(&members) {
                let into = self.cluster_of[pair.first];
                let mut link = Some(pair);
                for c in clusters.into_iter().filter(|&c| c != into) {
                    self.merge(into, c, link.take());
                }
            }
            return;
        }
        let (ci, cj) = (self.cluster_of[pair.first], self.cluster_of[pair.second]);
        if ci != cj && self.compatible(&[&self.clusters[ci].members, &self.clusters[cj].members]) {
            self.merge(ci, cj, Some(pair));
        }
    }

    /// A weak match counts only beside a group: a lone segment next to a sentence of a group
    /// joins it; two lone segments each next to the same group's sentence join it together.
    fn join_weak(&mut self, pair: &Pair) {
        for (lone, other) in [(pair.first, pair.second), (pair.second, pair.first)] {
            let (cl, co) = (self.cluster_of[lone], self.cluster_of[other]);
            if cl == co || self.size(lone) != 1 || self.size(other) < 2 {
                continue;
            }
            let beside = self.clusters[co]
                .members
                .iter()
                .any(|&m| adjacent(&self.segments[m], &self.segments[lone]));
            if beside && self.compatible(&[&self.clusters[co].members, &[lone]]) {
                self.merge(co, cl, Some(pair));
                break;
            }
        }
        self.join_passage_that_goes_on(pair);
    }

    /// Two lone sentences that match each other weakly, each next to a sentence of the same
    /// group in its own article: the group's passage goes on in both (`…president of the
    /// United States. I have already stated that…`).
    fn join_passage_that_goes_on(&mut self, pair: &Pair) {
        let (i, j) = (pair.first, pair.second);
        let (ci, cj) = (self.cluster_of[i], self.cluster_of[j]);
        if ci == cj || self.size(i) != 1 || self.size(j) != 1 {
            return;
        }
        let beside = |lone: usize| -> Vec<usize> {
            self.segments
                .iter()
                .enumerate()
                .filter(|(m, s)| adjacent(s, &self.segments[lone]) && self.size(*m) > 1)
                .map(|(m, _)| self.cluster_of[m])
                .collect()
        };
        let (near_i, near_j) = (beside(i), beside(j));
        let Some(&group) = near_i.iter().find(|g| near_j.contains(g)) else {
            return;
        };
        if self.compatible(&[&self.clusters[group].members, &[i, j]]) {
            self.merge(group, ci, Some(pair));
            self.merge(group, cj, None);
        }
    }

    /// Two groups of the same outlets that continue each other in every one of them are one
    /// longer utterance (`…then suddenly stopped.` and `Well, if they don't want to…`).
    fn join_continuations(&mut self) {
        loop {
            let live: Vec<usize> = (0..self.clusters.len())
                .filter(|&c| self.clusters[c].members.len() > 1)
                .collect();
            let continued = live
                .iter()
                .flat_map(|&a| live.iter().map(move |&b| (a, b)))
                .find(|&(a, b)| {
                    a < b
                        && continues(
                            self.segments,
                            &self.clusters[a].members,
                            &self.clusters[b].members,
                        )
                });
            let Some((a, b)) = continued else { break };
            self.merge(a, b, None);
        }
    }

    /// Moves cluster `from` into `into`, recording the pair that joined them (none when one
    /// continues the other).
    fn merge(&mut self, into: usize, from: usize, link: Option<&Pair>) {
        let moved = std::mem::replace(
            &mut self.clusters[from],
            Cluster {
                members: Vec::new(),
                links: Vec::new(),
            },
        );
        for &m in &moved.members {
            self.cluster_of[m] = into;
        }
        let cluster = &mut self.clusters[into];
        cluster.members.extend(moved.members);
        cluster.links.extend(moved.links);
        cluster
            .links
            .extend(link.map(|p| (p.score, p.shared.clone())));
    }
}

/// Neighbouring sentences of one quotation.
fn adjacent(a: &QuoteSegment, b: &QuoteSegment) -> bool {
    a.article == b.article && a.passage == b.passage && a.index.abs_diff(b.index) == 1
}

/// Whether group `b` continues group `a` (or `a` continues `b`): the same articles, and in
/// each of them neighbouring sentences of one quotation.
fn continues(segments: &[QuoteSegment], a: &[usize], b: &[usize]) -> bool {
    let articles = |m: &[usize]| -> std::collections::BTreeSet<usize> {
        m.iter().map(|&i| segments[i].article).collect()
    };
    if articles(a) != articles(b) || !compatible(segments, &[a, b].concat()) {
        return false;
    }
    articles(a).into_iter().all(|art| {
        a.iter().any(|&i| {
            b.iter()
                .any(|&j| segments[i].article == art && adjacent(&segments[i], &segments[j]))
        })
    })
}

fn to_group(articles: &[Article], segments: &[QuoteSegment], cluster: Cluster) -> Group {
    let mut by_article: BTreeMap<usize, Vec<&QuoteSegment>> = BTreeMap::new();
    for &m in &cluster.members {
        by_article
            .entry(segments[m].article)
            .or_default()
            .push(&segments[m]);
    }
    let variants: Vec<SuggestedVariant> = by_article
        .into_iter()
        .map(|(a, segs)| {
            let article = &articles[a];
            let paragraph = segs[0].paragraph;
            let text = &article.paragraphs[paragraph].text;
            let start = segs.iter().map(|s| s.range.start).min().unwrap_or(0);
            let end = segs.iter().map(|s| s.range.end).max().unwrap_or(0);
            SuggestedVariant {
                source: article.id.clone(),
                paragraph,
                text: text[start..end].to_string(),
                range: start..end,
                speaker: segs.iter().find_map(|s| s.speaker.clone()),
            }
        })
        .collect();
    let confidence = cluster.links.iter().map(|l| l.0).sum::<f64>() / cluster.links.len() as f64;
    // The shared words of every link, the strongest link's first.
    let mut links: Vec<&(f64, Vec<String>)> = cluster.links.iter().collect();
    links.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut shared: Vec<String> = Vec::new();
    // A name shared across languages is said once (`Ukraine`, not also `Україні`).
    let same = |a: &str, b: &str| {
        a == b
            || match (text::name_key(a), text::name_key(b)) {
                (Some(x), Some(y)) => text::same_name(&x, &y) && !a.chars().any(char::is_numeric),
                _ => false,
            }
    };
    for word in links.iter().flat_map(|l| &l.1) {
        if !shared.iter().any(|s| same(s, word)) {
            shared.push(word.clone());
        }
    }
    let speaker = speaker_of(&variants);
    Group {
        variants,
        speaker,
        confidence,
        shared,
        known: None,
    }
}

/// The speaker most variants name (the same person in any script), as most of them write
/// the name (the fullest spelling on a tie).
fn speaker_of(variants: &[SuggestedVariant]) -> Option<String> {
    let named: Vec<&Speaker> = variants.iter().filter_map(|v| v.speaker.as_ref()).collect();
    let same = |a: &Speaker, b: &Speaker| match (&a.key, &b.key) {
        (Some(x), Some(y)) => text::same_name(x, y),
        _ => a.name == b.name,
    };
    let person = named
        .iter()
        .max_by_key(|s| named.iter().filter(|o| same(s, o)).count())?;
    let mut spellings: BTreeMap<&str, usize> = BTreeMap::new();
    for s in named.iter().filter(|o| same(person, o)) {
        *spellings.entry(&s.name).or_default() += 1;
    }
    spellings
        .into_iter()
        .max_by_key(|&(name, n)| (n, name.split_whitespace().count(), std::cmp::Reverse(name)))
        .map(|(name, _)| name.to_string())
}

/// Where the editor's quotes are: (article, paragraph, range) of each variant, with its quote's
/// id.
pub fn known_variants(story: &Story) -> Vec<(String, usize, Range<usize>, String)> {
    let mut out = Vec::new();
    for quote in &story.quotes.entries {
        for variant in &quote.variants {
            let Some(article) = story
                .articles
                .iter()
                .find(|a| a.id == variant.source.value.trim())
            else {
                continue;
            };
            for (p, paragraph) in article.paragraphs.iter().enumerate() {
                if let Some(range) = find_passage(&paragraph.text, &variant.text.value) {
                    out.push((article.id.clone(), p, range, quote.id.value.clone()));
                    break;
                }
            }
        }
    }
    out
}

/// Marks the groups that overlap one of the editor's quotes in some article.
pub fn mark_known(groups: &mut [Group], known: &[(String, usize, Range<usize>, String)]) {
    for g in groups {
        g.known = g.variants.iter().find_map(|v| {
            known
                .iter()
                .find(|(source, p, range, _)| {
                    *source == v.source
                        && *p == v.paragraph
                        && range.start < v.range.end
                        && v.range.start < range.end
                })
                .map(|(_, _, _, id)| id.clone())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::suggest::test_article as article;

    fn english(articles: &[Article]) -> Vec<WordRules> {
        articles
            .iter()
            .map(|_| WordRules::for_language("en"))
            .collect()
    }

    fn texts(groups: &[Group]) -> Vec<Vec<(String, String)>> {
        groups
            .iter()
            .map(|g| {
                g.variants
                    .iter()
                    .map(|v| (v.source.clone(), v.text.clone()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn translations_of_one_sentence_group_and_others_do_not() {
        let articles = [
            article(
                "a",
                &[
                    "“He behaved, in my opinion, in a very correct way – courageously, like a real man,” Putin said.",
                    "“We need sufficient weapons, not support in talks,” Zelensky said.",
                ],
            ),
            article(
                "b",
                &[
                    "Putin said: \"He behaved, in my opinion, in a very correct way - bravely, like a man\".",
                ],
            ),
        ];
        let groups = group(&articles, &segments(&articles, &english(&articles)));
        assert_eq!(
            texts(&groups),
            [[
                ("a".to_string(), "He behaved, in my opinion, in a very correct way – courageously, like a real man".to_string()),
                ("b".to_string(), "He behaved, in my opinion, in a very correct way - bravely, like a man".to_string()),
            ]]
        );
        assert_eq!(groups[0].speaker.as_deref(), Some("Putin"));
        assert!(groups[0].confidence > 0.8, "{}", groups[0].confidence);
        assert!(groups[0].shared.contains(&"behaved".to_string()));
    }

    #[test]
    fn one_outlets_passage_splits_across_anothers_two() {
        // `b` quotes in one passage what `a` splits around "Putin said": each of `a`'s passages
        // gets its own group, with the matching sentence of `b`.
        let articles = [
            article(
                "a",
                &[
                    "“I don’t think it would be inappropriate for me to call him,” Putin said, “but Western leaders used to call me almost weekly, then suddenly stopped.”",
                ],
            ),
            article(
                "b",
                &[
                    "Putin replied: \"I don't think there's anything shameful about me calling him. At one point, the Western leaders started calling me every week. Then suddenly they stopped.\"",
                ],
            ),
        ];
        let groups = group(&articles, &segments(&articles, &english(&articles)));
        let got = texts(&groups);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got.iter().any(|g| g[0].1.starts_with("I don’t think")
            && g[1].1 == "I don't think there's anything shameful about me calling him."));
        assert!(got.iter().any(|g| g[0].1.starts_with("but Western")
            && g[1].1.starts_with("At one point")
            && g[1].1.ends_with("Then suddenly they stopped.")));
    }

    #[test]
    fn a_long_run_of_the_same_words_makes_up_for_a_second_content_word() {
        let (score, shared) = similarity(
            &text::words("He turned out to be a courageous person"),
            &text::words("He turned out to be a very brave man."),
        );
        assert!(score >= THRESHOLD, "{score}");
        assert_eq!(shared, ["\"he turned out to be a\""]);
        // One content word and a short run: nothing in common worth a match.
        let (score, _) = similarity(
            &text::words("He is a brave man"),
            &text::words("She is a strong woman"),
        );
        assert_eq!(score, 0.0);
    }

    #[test]
    fn a_passage_goes_on_in_both_outlets() {
        // The second sentences match only weakly, but each follows a matched sentence.
        let articles = [
            article(
                "a",
                &[
                    "“Taking this opportunity, I would like to congratulate him on being elected president of the United States. I have already stated that we will work with any head of state entrusted by the American people.”",
                ],
            ),
            article(
                "b",
                &[
                    "“I would like to take this opportunity to congratulate Donald Trump on his election as the president of the United States. I have previously stated that we are prepared to work with any leader chosen by the American populace.”",
                ],
            ),
        ];
        let groups = group(&articles, &segments(&articles, &english(&articles)));
        assert_eq!(groups.len(), 1);
        assert!(
            groups[0]
                .variants
                .iter()
                .all(|v| v.text.ends_with("American people.")
                    || v.text.ends_with("American populace.")),
            "{:#?}",
            groups[0].variants
        );
    }

    #[test]
    fn the_same_article_never_gives_two_variants() {
        let articles = [
            article(
                "a",
                &[
                    "“We are ready to resume contacts,” he said. Later: “We are ready to resume contacts and talks.”",
                ],
            ),
            article("b", &["“We are ready to resume contacts,” Putin said."]),
        ];
        let groups = group(&articles, &segments(&articles, &english(&articles)));
        for g in &groups {
            let mut sources: Vec<&str> = g.variants.iter().map(|v| v.source.as_str()).collect();
            sources.dedup();
            assert_eq!(sources.len(), g.variants.len());
        }
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn a_speaker_each_outlet_quotes_once_is_one_statement_without_names_or_figures() {
        let articles = [
            article(
                "en",
                &[
                    "“We have lost friends, neighbours, entire families,” Mayor Giulia Ferraro told reporters.",
                ],
            ),
            article(
                "it",
                &[
                    "«Abbiamo perso amici, vicini, famiglie intere», ha detto la sindaca Giulia Ferraro.",
                ],
            ),
            article(
                "uk",
                &["«Ми втратили друзів, сусідів, цілі родини», — заявила мерка Джулія Ферраро."],
            ),
            // Quoted in two paragraphs: which of them is the statement the others quote is
            // not known, so neither joins.
            article(
                "de",
                &[
                    "„Wir haben Freunde, Nachbarn, ganze Familien verloren“, sagte Giulia Ferraro.",
                    "„Der Wiederaufbau wird Jahre dauern und viel Geld kosten“, sagte Giulia Ferraro.",
                ],
            ),
        ];
        let rules: Vec<WordRules> = ["en", "it", "uk", "de"]
            .iter()
            .map(|l| WordRules::for_language(l))
            .collect();
        let groups = group(&articles, &segments(&articles, &rules));
        let got = texts(&groups);
        assert_eq!(got.len(), 1, "{got:#?}");
        let sources: Vec<&str> = got[0].iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sources, ["en", "it", "uk"]);
        assert_eq!(groups[0].speaker.as_deref(), Some("Giulia Ferraro"));
    }

    #[test]
    fn translations_group_by_speaker_names_and_figures() {
        let articles = [
            article(
                "en",
                &[
                    "“Trump promised 50 percent tariffs by 2024,” Minister Anna Berg said.",
                    "“The harvest was poor this year,” Anna Berg added.",
                ],
            ),
            article(
                "pl",
                &[
                    "„Trump obiecał cła w wysokości 50 procent do 2024 roku” – powiedziała minister Anna Berg.",
                ],
            ),
            article(
                "ar",
                &["وقالت الوزيرة بيرغ: «وعد ترامب برسوم جمركية بنسبة ٥٠ في المئة بحلول عام ٢٠٢٤»."],
            ),
            // Another speaker with the same figures is another utterance.
            article(
                "de",
                &[
                    "„Trump hat 50 Prozent Zölle bis 2024 versprochen“, sagte Oppositionschef Jan Kowalczyk. Jan Kowalczyk und Anna Berg.",
                ],
            ),
        ];
        let rules: Vec<WordRules> = ["en", "pl", "ar", "de"]
            .iter()
            .map(|l| WordRules::for_language(l))
            .collect();
        let groups = group(&articles, &segments(&articles, &rules));
        let got = texts(&groups);
        assert_eq!(got.len(), 1, "{got:#?}");
        let sources: Vec<&str> = got[0].iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sources, ["en", "pl", "ar"]);
        assert_eq!(groups[0].speaker.as_deref(), Some("Anna Berg"));
        assert!(groups[0].shared.contains(&"Trump".to_string()));
        assert!(groups[0].shared.contains(&"2024".to_string()));
    }

    #[test]
    fn he_added_is_the_speaker_last_named() {
        let articles = [
            article(
                "en",
                &[
                    "Minister Anna Berg spoke on Monday. “We hired 40 nurses,” Berg said.",
                    "“Kraków and Gdańsk will get 120 more by 2032,” she added.",
                ],
            ),
            article(
                "pl",
                &[
                    "„Kraków i Gdańsk dostaną do 2032 roku kolejnych 120” – dodała minister Anna Berg.",
                ],
            ),
        ];
        let rules = [WordRules::for_language("en"), WordRules::for_language("pl")];
        let segs = segments(&articles, &rules);
        let added = segs.iter().find(|s| s.paragraph == 1).unwrap();
        assert_eq!(
            added.speaker.as_ref().map(|s| s.name.as_str()),
            Some("Anna Berg")
        );
        assert_eq!(group(&articles, &segs).len(), 1);
    }

    #[test]
    fn one_shared_figure_is_not_enough_across_languages() {
        let articles = [
            article(
                "en",
                &[
                    "“We lost 120 million euros,” Anna Berg said. Berg.",
                    // She is quoted twice, so that her being quoted at all is no evidence.
                    "“The airline will recover,” Anna Berg added.",
                ],
            ),
            article(
                "fr",
                &["« Nous avons embauché 120 personnes », a dit Anna Berg."],
            ),
        ];
        let rules: Vec<WordRules> = ["en", "fr"]
            .iter()
            .map(|l| WordRules::for_language(l))
            .collect();
        assert!(group(&articles, &segments(&articles, &rules)).is_empty());
    }

    #[test]
    fn known_groups_are_marked() {
        let articles = [
            article(
                "a",
                &["“I don’t know what will happen now. I have no idea,” Putin said."],
            ),
            article(
                "b",
                &["“I don't know what will happen now. I have no idea,” he said."],
            ),
        ];
        let mut groups = group(&articles, &segments(&articles, &english(&articles)));
        mark_known(&mut groups, &[("b".into(), 0, 3..20, "no-idea".into())]);
        assert_eq!(groups[0].known.as_deref(), Some("no-idea"));
    }
}

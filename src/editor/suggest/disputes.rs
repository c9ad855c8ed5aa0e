//! Disputed details: what different outlets report about the same thing with a different
//! date, weekday, figure or place.
//!
//! Figures are compared by what they count or measure ([`figures::Quantity`]), in any language
//! and notation: each outlet's values of a quantity are matched with the other outlets' values
//! of it that are close (same scale) and said in a shared context (names, other numbers, the
//! same words), an outlet at most once per dispute, so the magnitude of the main shock and of
//! its strongest aftershock stay two disputes. Dates, weekdays and places are found by shape
//! (`July 13`, `Thursday`, a capitalised name after `in`/`at` or before `-based`); two
//! sentences from different articles with enough words in common and no value of a kind in
//! common are a disagreement, and disagreements that share a sentence are one dispute.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::figures::{self, Figure, Quantity};
use super::text::{self, Word};
use crate::load::sidecars::SourceRef;
use crate::load::{Article, Story};
use crate::primitives::calendar;
use crate::verify::matching::find_passage;

/// Two sentences report the same thing from this much shared context up (see [`context`]).
pub const THRESHOLD: f64 = 0.3;
/// An outlet sides with a claim from this much context shared with one of its sentences: it
/// gives the same value, so the bar is lower than for a disagreement.
pub const SIDING_THRESHOLD: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Date,
    Weekday,
    Number,
    Place,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::Weekday => "weekday",
            Kind::Number => "number",
            Kind::Place => "place",
        }
    }
}

/// A value found in a sentence: its kind, how it compares (`July 13` for `13 July` too), and
/// where it is in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub kind: Kind,
    pub key: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub article: usize,
    pub paragraph: usize,
    pub words: Vec<Word>,
    pub values: Vec<Value>,
    /// The figures it states that are claims (see [`figures::figures`]).
    pub figures: Vec<Figure>,
    /// Its article's language (`pl`, `en-GB`; empty when unknown).
    pub language: String,
    /// See [`bag`]: worked out once, as every sentence is compared with every other.
    pub bag: Bag,
    /// See [`anchors`]: each as compared, and as the sentence writes it.
    pub anchors: BTreeMap<String, String>,
}

/// A proposed dispute: one claim per value.
#[derive(Debug, Clone)]
pub struct SuggestedDispute {
    pub kind: Kind,
    /// What the figures count or measure, for a dispute about figures.
    pub quantity: Option<Quantity>,
    /// The id of the editor's dispute in disputes.yaml that cites the same words, if any.
    pub known: Option<String>,
    pub claims: Vec<SuggestedClaim>,
    pub confidence: f64,
    /// The context words the strongest disagreement shares.
    pub shared: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SuggestedClaim {
    /// The value as the first outlet writes it.
    pub says: String,
    /// (article id, the outlet's words around the value, verbatim).
    pub sources: Vec<(String, String)>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const LOCATIVES: &[&str] = &["in", "at", "near", "from"];
/// `the … city of Sochi`: nouns after which `of` introduces a place.
const PLACE_NOUNS: &[&str] = &[
    "city", "resort", "town", "village", "region", "province", "capital", "port",
];

/// The month (0 to 11) a word names, in any of the outlets' languages (see
/// [`calendar::month_of`]); the English words that are also months count only capitalised.
fn month(w: &Word) -> Option<usize> {
    if !w.capital && matches!(w.lower.as_str(), "may" | "march" | "mar" | "sie" | "out") {
        return None;
    }
    let m = calendar::month_of(&w.lower)?;
    usize::try_from(m).ok()?.checked_sub(1)
}

/// The weekday (0 for Monday) a word names, in any of the outlets' languages.
fn weekday(w: &Word) -> Option<usize> {
    calendar::weekday_of(&w.lower).map(|d| d.num_days_from_monday() as usize)
}

/// Words between a day and its month: `14 de octubre`, `3 di settembre`.
const DAY_MONTH_JOINERS: &[&str] = &["de", "di", "del", "do", "da"];

/// The values of one sentence (`words` are its words, ranges in `para`).
pub fn values(para: &str, words: &[Word]) -> Vec<Value> {
    let mut out = Vec::new();
    let day = |w: &Word| {
        let digits = calendar::fold_digits(&w.lower).text;
        digits
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d) && digits.len() <= 2)
    };
    for k in 0..words.len() {
        let w = &words[k];
        // July 13 / 13 July / 13 de julio / 13 липня: keyed in English, as the claim says it.
        if let Some(m) = month(w) {
            let before = k.checked_sub(1).and_then(|p| {
                if DAY_MONTH_JOINERS.contains(&words[p].lower.as_str()) {
                    p.checked_sub(1)
                } else {
                    Some(p)
                }
            });
            if let Some(d) = words.get(k + 1).and_then(day) {
                out.push(Value {
                    kind: Kind::Date,
                    key: format!("{} {d}", cap(MONTHS[m])),
                    range: w.range.start..words[k + 1].range.end,
                });
            } else if let Some((p, d)) = before.and_then(|p| Some((p, day(&words[p])?))) {
                out.push(Value {
                    kind: Kind::Date,
                    key: format!("{} {d}", cap(MONTHS[m])),
                    range: words[p].range.start..w.range.end,
                });
            }
        }
        // English weekdays are written capitalised; a lower-case `sunday` is something else.
        let english = WEEKDAYS.contains(&w.lower.as_str());
        if let Some(d) = weekday(w).filter(|_| w.capital || !english) {
            out.push(Value {
                kind: Kind::Weekday,
                key: cap(WEEKDAYS[d]),
                range: w.range.clone(),
            });
        }
    }
    for k in 0..words.len() {
        let w = &words[k];
        if !w.capital || month(w).is_some() || weekday(w).is_some() {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| &words[p]);
        let after_locative = prev.is_some_and(|p| {
            LOCATIVES.contains(&p.lower.as_str()) && para[p.range.end..w.range.start] == *" "
        });
        let after_place_noun = k >= 2
            && words[k - 1].lower == "of"
            && PLACE_NOUNS.contains(&words[k - 2].lower.as_str());
        let based = words
            .get(k + 1)
            .is_some_and(|n| n.lower == "based" && para[w.range.end..n.range.start] == *"-");
        if after_locative || after_place_noun || based {
            // A name of several words: `Black Sea`, `New York`.
            let mut end = k;
            while !based
                && words
                    .get(end + 1)
                    .is_some_and(|n| n.capital && para[words[end].range.end..n.range.start] == *" ")
            {
                end += 1;
            }
            let range = w.range.start..words[end].range.end;
            out.push(Value {
                kind: Kind::Place,
                key: para[range.clone()].to_string(),
                range,
            });
        }
    }
    out
}

fn cap(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Every sentence of the story's articles, with its words and values; `languages` are the
/// articles' languages, in order (empty when unknown).
pub fn sentences(articles: &[Article], languages: &[String]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        let language = languages.get(a).cloned().unwrap_or_default();
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            let para = &paragraph.text;
            for range in text::sentences(para) {
                let words: Vec<Word> = text::words(&para[range.clone()])
                    .into_iter()
                    .map(|mut w| {
                        w.range = w.range.start + range.start..w.range.end + range.start;
                        w
                    })
                    .collect();
                let values = values(para, &words);
                let figures: Vec<Figure> = figures::figures(para, range.clone(), &language)
                    .into_iter()
                    .filter(|f| !f.threshold)
                    .collect();
                let bag = bag(&words, &values, &figures);
                let anchors = anchors(para, &words, &figures);
                out.push(Sentence {
                    article: a,
                    paragraph: p,
                    words,
                    values,
                    figures,
                    language: language.clone(),
                    bag,
                    anchors,
                });
            }
        }
    }
    out
}

/// A sentence's content words other than its dates, weekdays and figures, by stem, with their
/// weight in [`context`] and their spelling (for the comment that says why). Place names stay:
/// two sentences about Butler are about the same thing, and two that name different places
/// simply do not share them.
fn bag(words: &[Word], values: &[Value], figures: &[Figure]) -> Bag {
    words
        .iter()
        .filter(|w| {
            w.content
                && !values.iter().any(|v| {
                    v.kind != Kind::Place
                        && v.range.start <= w.range.start
                        && w.range.end <= v.range.end
                })
                && !inside_figure(w, figures)
        })
        .filter(|w| !w.lower.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            (
                w.stem.clone(),
                (if w.capital { 2.0 } else { 1.0 }, w.lower.clone()),
            )
        })
        .collect()
}

pub type Bag = BTreeMap<String, (f64, String)>;

fn inside_figure(w: &Word, figures: &[Figure]) -> bool {
    figures
        .iter()
        .any(|f| f.range.start <= w.range.start && w.range.end <= f.range.end)
}

/// What a sentence shares with sentences in other languages and scripts: its names (a
/// capitalised word inside the sentence, transliterated, by its first four letters, which
/// survive most declensions: `Chiapas`, `Chiapasie`, `Чіапас`) and its numbers of two digits
/// or more other than its figures (a year, a date, a count said in passing), in any digits.
fn anchors(para: &str, words: &[Word], figures: &[Figure]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, w) in words.iter().enumerate() {
        if inside_figure(w, figures) {
            continue;
        }
        let lower = &w.lower;
        let folded = fold_name(lower);
        if !folded.is_empty() && folded.chars().all(|c| c.is_ascii_digit()) {
            if folded.len() >= 2 {
                out.insert(format!("#{folded}"), folded);
            }
            continue;
        }
        // An elided article or preposition is part of the word (`d'Arequipa`, `dell'Italia`).
        let raw = &para[w.range.clone()];
        let (name, capital) = match raw.rsplit_once(['\'', '’']) {
            Some((_, rest)) => (
                rest.to_lowercase(),
                rest.chars().next().is_some_and(char::is_uppercase),
            ),
            None => (lower.clone(), w.capital && i > 0),
        };
        let folded = fold_name(&name);
        if capital && name.chars().count() >= 4 && folded.len() >= 4 {
            out.insert(folded.chars().take(4).collect(), name);
        }
    }
    out
}

/// A name as the Latin alphabet spells it, with the letters that transliterations of one name
/// disagree on made one (`Arequipa`, `Арекипа` → `arekipa`; `Zelensky`, `Зеленський`).
fn fold_name(word: &str) -> String {
    let ascii: String = deunicode::deunicode(word)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let mut out = String::new();
    for c in ascii.replace("ph", "f").replace("qu", "k").chars() {
        let c = match c {
            'q' | 'c' => 'k',
            'w' => 'v',
            'y' | 'j' => 'i',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// How much two sentences share besides their values, 0 to 1: the content words (by stem)
/// both use, names counting double (they pin down what a sentence is about), over the smaller
/// sentence's, averaged with the same over the larger's.
pub fn context(a: &Sentence, b: &Sentence) -> (f64, Vec<String>) {
    let (ba, bb) = (&a.bag, &b.bag);
    let total = |m: &BTreeMap<String, (f64, String)>| m.values().map(|v| v.0).sum::<f64>();
    let (wa, wb) = (total(ba), total(bb));
    let mut shared_weight = 0.0;
    let mut shared = Vec::new();
    for (stem, (weight, lower)) in ba {
        if let Some((other, _)) = bb.get(stem) {
            shared_weight += weight.max(*other);
            shared.push(lower.clone());
        }
    }
    let (short, long) = (wa.min(wb), wa.max(wb));
    if shared.len() < 3 || short == 0.0 {
        return (0.0, shared);
    }
    let score = (0.5 * shared_weight / short + 0.5 * shared_weight / long).min(1.0);
    (score, shared)
}

/// The disputes of a story, most confident first.
pub fn find(articles: &[Article], sentences: &[Sentence]) -> Vec<SuggestedDispute> {
    // (kind, sentence) nodes joined when two sentences disagree on a value of that kind.
    let mut edges: Vec<Edge> = Vec::new();
    for i in 0..sentences.len() {
        for j in i + 1..sentences.len() {
            let (a, b) = (&sentences[i], &sentences[j]);
            if a.article == b.article || a.values.is_empty() || b.values.is_empty() {
                continue;
            }
            let kinds: BTreeSet<Kind> = a.values.iter().map(|v| v.kind).collect();
            let disagreeing: Vec<Kind> = kinds
                .into_iter()
                .filter(|&k| {
                    let keys = |s: &Sentence| -> BTreeSet<String> {
                        s.values
                            .iter()
                            .filter(|v| v.kind == k)
                            .map(|v| v.key.to_lowercase())
                            .collect()
                    };
                    let (ka, kb) = (keys(a), keys(b));
                    !kb.is_empty() && ka.is_disjoint(&kb)
                })
                .collect();
            if disagreeing.is_empty() {
                continue;
            }
            let (score, shared) = if a.language == b.language {
                context(a, b)
            } else {
                names_in_common(a, b)
            };
            if score < THRESHOLD {
                continue;
            }
            for k in disagreeing {
                edges.push((score, k, i, j, shared.clone()));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Union-find over (kind, sentence).
    let mut parent: BTreeMap<(Kind, usize), (Kind, usize)> = BTreeMap::new();
    fn root(
        parent: &mut BTreeMap<(Kind, usize), (Kind, usize)>,
        x: (Kind, usize),
    ) -> (Kind, usize) {
        let p = *parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let r = root(parent, p);
        parent.insert(x, r);
        r
    }
    for (_, k, i, j, _) in &edges {
        let (ri, rj) = (root(&mut parent, (*k, *i)), root(&mut parent, (*k, *j)));
        if ri != rj {
            parent.insert(rj, ri);
        }
    }
    let mut components: BTreeMap<(Kind, usize), Vec<usize>> = BTreeMap::new();
    let nodes: Vec<(Kind, usize)> = parent.keys().copied().collect();
    for node in nodes {
        let r = root(&mut parent, node);
        components.entry(r).or_default().push(node.1);
    }
    let mut disputes = Vec::new();
    for ((kind, _), mut members) in components {
        members.sort_unstable();
        let in_component = |e: &&Edge| e.1 == kind && members.contains(&e.2);
        let component_edges: Vec<&Edge> = edges.iter().filter(in_component).collect();
        if let Some(d) = dispute(articles, sentences, kind, &members, &component_edges) {
            disputes.push(d);
        }
    }
    disputes.extend(figure_disputes(articles, sentences));
    disputes.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    disputes
}

/// A disagreement: its context score, the kind of value, the two sentences, the shared words.
type Edge = (f64, Kind, usize, usize, Vec<String>);

fn keys_of(s: &Sentence, kind: Kind) -> Vec<&Value> {
    s.values.iter().filter(|v| v.kind == kind).collect()
}

/// The dispute a group of disagreeing sentences makes: its claims, each with the outlets
/// behind it, and how confident the suggestion is; `None` when fewer than two claims remain.
fn dispute(
    articles: &[Article],
    sentences: &[Sentence],
    kind: Kind,
    members: &[usize],
    edges: &[&Edge],
) -> Option<SuggestedDispute> {
    let common = common_values(sentences, kind, members);
    let (mut claims, mut placed) =
        disagreeing_claims(articles, sentences, kind, members, edges, &common);
    let disagreeing = placed.len();
    add_siding_outlets(articles, sentences, kind, members, &mut claims, &mut placed);
    if claims.len() < 2 {
        return None;
    }
    let best = edges.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
    // More outlets disagreeing make a disagreement likelier to be real than a coincidence
    // (those that only side with a claim say nothing about that).
    let confidence = (best.0 * (1.0 + 0.05 * (disagreeing as f64 - 2.0))).min(1.0);
    claims.sort_by_key(|(_, c)| std::cmp::Reverse(c.sources.len()));
    Some(SuggestedDispute {
        kind,
        quantity: None,
        known: None,
        claims: claims.into_iter().map(|(_, c)| c).collect(),
        confidence,
        shared: best.4.clone(),
    })
}

/// The values of the kind that every sentence gives (in lower case): they are not in dispute.
fn common_values(sentences: &[Sentence], kind: Kind, members: &[usize]) -> BTreeSet<String> {
    members
        .iter()
        .map(|&m| {
            keys_of(&sentences[m], kind)
                .iter()
                .map(|v| v.key.to_lowercase())
                .collect::<BTreeSet<_>>()
        })
        .reduce(|a, b| a.intersection(&b).cloned().collect())
        .unwrap_or_default()
}

/// The claims, by value in lower case, of the outlets whose sentences disagree, and those
/// outlets (by article). One side per outlet: each article's sentence that disagrees most
/// clearly (an outlet that also mentions another Wednesday elsewhere does not claim it), and
/// each sentence's claim is its first value of the kind that is not `common`.
fn disagreeing_claims(
    articles: &[Article],
    sentences: &[Sentence],
    kind: Kind,
    members: &[usize],
    edges: &[&Edge],
    common: &BTreeSet<String>,
) -> (Vec<(String, SuggestedClaim)>, BTreeSet<usize>) {
    let best_edge = |m: usize| {
        edges
            .iter()
            .filter(|e| e.2 == m || e.3 == m)
            .map(|e| e.0)
            .fold(0.0, f64::max)
    };
    let mut ordered: Vec<usize> = members.to_vec();
    ordered.sort_by(|&a, &b| best_edge(b).total_cmp(&best_edge(a)).then(a.cmp(&b)));
    let mut placed: BTreeSet<usize> = BTreeSet::new();
    let mut claims: Vec<(String, SuggestedClaim)> = Vec::new();
    for m in ordered {
        let s = &sentences[m];
        if !placed.insert(s.article) {
            continue;
        }
        let Some(value) = keys_of(s, kind)
            .into_iter()
            .find(|v| !common.contains(&v.key.to_lowercase()))
        else {
            continue;
        };
        let article = &articles[s.article];
        let para = &article.paragraphs[s.paragraph].text;
        let words = quote_around(para, s, &value.range);
        let key = value.key.to_lowercase();
        match claims.iter_mut().find(|(k, _)| *k == key) {
            Some((_, claim)) => claim.sources.push((article.id.clone(), words)),
            None => claims.push((
                key,
                SuggestedClaim {
                    says: value.key.clone(),
                    sources: vec![(article.id.clone(), words)],
                },
            )),
        }
    }
    (claims, placed)
}

/// The outlets that side with a claim without disagreeing with any one sentence of the others
/// strongly enough: a sentence with the claim's value and the context of one of its sentences
/// (the fifth outlet that also says Sochi) joins that claim's sources.
fn add_siding_outlets(
    articles: &[Article],
    sentences: &[Sentence],
    kind: Kind,
    members: &[usize],
    claims: &mut [(String, SuggestedClaim)],
    placed: &mut BTreeSet<usize>,
) {
    let claimed: Vec<(String, usize)> = members
        .iter()
        .filter(|&&m| placed.contains(&sentences[m].article))
        .flat_map(|&m| {
            keys_of(&sentences[m], kind)
                .into_iter()
                .map(move |v| (v.key.to_lowercase(), m))
        })
        .filter(|(key, _)| claims.iter().any(|(k, _)| k == key))
        .collect();
    for (n, s) in sentences.iter().enumerate() {
        if placed.contains(&s.article) || members.contains(&n) {
            continue;
        }
        let agrees = keys_of(s, kind).into_iter().find_map(|v| {
            let key = v.key.to_lowercase();
            claimed
                .iter()
                .any(|(k, m)| *k == key && context(s, &sentences[*m]).0 >= SIDING_THRESHOLD)
                .then_some((key, v))
        });
        let Some((key, value)) = agrees else { continue };
        placed.insert(s.article);
        let article = &articles[s.article];
        let words = quote_around(&article.paragraphs[s.paragraph].text, s, &value.range);
        if let Some((_, claim)) = claims.iter_mut().find(|(k, _)| *k == key) {
            claim.sources.push((article.id.clone(), words));
        }
    }
}

/// One outlet's value of a quantity, with every sentence of the article that states it.
#[derive(Debug, Clone)]
struct OutletValue {
    article: usize,
    quantity: Quantity,
    /// (sentence, figure of that sentence), in the article's order.
    mentions: Vec<(usize, usize)>,
    /// Whether it is the article's first value of this quantity: leads state the headline
    /// figure, so two first values are likelier to be about the same thing.
    first: bool,
}

/// An affinity between two values of different outlets, from 0 to 1 and a bit.
#[derive(Debug, Clone)]
struct ValueLink {
    affinity: f64,
    a: usize,
    b: usize,
    shared: Vec<String>,
}

/// Two values of a quantity this close or closer may be one thing reported differently: the
/// magnitudes 8.1 and 8.4, the tolls 58 and 61, 277 and 279 votes; the magnitudes of a main
/// shock and its aftershock, or 90 people and 50 million, are not.
fn closeness(a: &Figure, b: &Figure) -> f64 {
    if a.same_value(b) {
        return 1.0;
    }
    let hours = |f: &Figure| {
        let per = match f.unit.as_str() {
            "minutes" => 1.0 / 60.0,
            "days" => 24.0,
            "weeks" => 168.0,
            "months" => 730.0,
            "years" => 8766.0,
            _ => 1.0,
        };
        f.value * per
    };
    let (x, y) = if a.quantity == Quantity::Duration {
        (hours(a), hours(b))
    } else {
        (a.value, b.value)
    };
    if a.quantity == Quantity::Money && a.unit != b.unit {
        return 0.0;
    }
    if a.quantity == Quantity::Magnitude {
        return 1.0 - (x - y).abs() / 1.5;
    }
    // Small counts differ by a few without being about different things (three dead and
    // five), so differences are measured against ten at least.
    let relative = (x - y).abs() / x.abs().max(y.abs()).max(10.0);
    1.0 - relative / 0.6
}

/// How much two sentences in different languages share, when their words cannot be
/// compared: their names, and less their numbers (two outlets' sentences about the army's 800
/// troops may date different things).
fn names_in_common(a: &Sentence, b: &Sentence) -> (f64, Vec<String>) {
    let mut score = 0.0;
    let mut shared = Vec::new();
    for (key, written) in &a.anchors {
        if b.anchors.contains_key(key) {
            score += if key.starts_with('#') { 0.075 } else { 0.15 };
            shared.push(written.clone());
        }
    }
    (f64::min(score, 1.0), shared)
}

/// How much two sentences share besides their figures, 0 to 1: their words when they are in
/// one language, their names and other numbers in any.
fn shared_context(a: &Sentence, b: &Sentence) -> (f64, Vec<String>) {
    let (words, mut shared) = if a.language == b.language {
        context(a, b)
    } else {
        (0.0, Vec::new())
    };
    let anchors: Vec<&String> = a
        .anchors
        .iter()
        .filter(|(key, _)| b.anchors.contains_key(*key))
        .map(|(_, written)| written)
        .collect();
    let score = (words / THRESHOLD).max(anchors.len() as f64 / 2.0).min(1.0);
    for written in anchors {
        if !shared.contains(written) {
            shared.push(written.clone());
        }
    }
    (score, shared)
}

/// Below this affinity two values are not taken to be about one thing.
pub const FIGURE_THRESHOLD: f64 = 0.4;

/// Each outlet's values of each quantity.
fn stated_values(sentences: &[Sentence]) -> Vec<OutletValue> {
    let mut out: Vec<OutletValue> = Vec::new();
    for (n, s) in sentences.iter().enumerate() {
        for (f, figure) in s.figures.iter().enumerate() {
            let same = out.iter_mut().find(|v| {
                let (vs, vf) = v.mentions[0];
                v.article == s.article
                    && v.quantity == figure.quantity
                    && sentences[vs].figures[vf].same_value(figure)
            });
            match same {
                Some(v) => v.mentions.push((n, f)),
                None => {
                    let first = !out
                        .iter()
                        .any(|v| v.article == s.article && v.quantity == figure.quantity);
                    out.push(OutletValue {
                        article: s.article,
                        quantity: figure.quantity,
                        mentions: vec![(n, f)],
                        first,
                    });
                }
            }
        }
    }
    out
}

fn link(sentences: &[Sentence], values: &[OutletValue], a: usize, b: usize) -> Option<ValueLink> {
    let (va, vb) = (&values[a], &values[b]);
    if va.article == vb.article || va.quantity != vb.quantity {
        return None;
    }
    let figure = |&(s, f): &(usize, usize)| &sentences[s].figures[f];
    let close = closeness(figure(&va.mentions[0]), figure(&vb.mentions[0]));
    if close <= 0.0 {
        return None;
    }
    let mut best = (0.0, Vec::new());
    for ma in &va.mentions {
        for mb in &vb.mentions {
            let c = shared_context(&sentences[ma.0], &sentences[mb.0]);
            if c.0 > best.0 {
                best = c;
            }
        }
    }
    let (context, shared) = best;
    // A duration or a sum of money could be anything's: the words around it must agree.
    if !va.quantity.specific() && context < 0.5 {
        return None;
    }
    let lead = if va.first && vb.first { 0.15 } else { 0.0 };
    Some(ValueLink {
        affinity: close * (0.6 + 0.4 * context) + lead,
        a,
        b,
        shared,
    })
}

/// Whether two values may be claims of one dispute: values of different outlets, or an
/// outlet's magnitudes in one paragraph, which are the readings of several agencies (`the USGS
/// put it at 8.1, Mexico's seismological service at 8.2`). An outlet's other values of one
/// quantity are about something else (an aftershock's magnitude, the dead of one town).
fn may_share_a_dispute(sentences: &[Sentence], a: &OutletValue, b: &OutletValue) -> bool {
    let paragraph = |v: &OutletValue| {
        let s = &sentences[v.mentions[0].0];
        (s.article, s.paragraph)
    };
    a.article != b.article || (a.quantity == Quantity::Magnitude && paragraph(a) == paragraph(b))
}

/// The disputes about figures: values linked most strongly first, an outlet at most once in a
/// group, and each group with two values or more a dispute.
fn figure_disputes(articles: &[Article], sentences: &[Sentence]) -> Vec<SuggestedDispute> {
    let values = stated_values(sentences);
    let mut links: Vec<ValueLink> = Vec::new();
    for a in 0..values.len() {
        for b in a + 1..values.len() {
            if let Some(l) = link(sentences, &values, a, b) {
                links.push(l);
            }
        }
    }
    links.sort_by(|x, y| y.affinity.total_cmp(&x.affinity));
    let mut group: Vec<usize> = (0..values.len()).collect();
    for l in links.iter().filter(|l| l.affinity >= FIGURE_THRESHOLD) {
        let (ga, gb) = (group[l.a], group[l.b]);
        if ga == gb {
            continue;
        }
        let members =
            |g: usize| -> Vec<usize> { (0..values.len()).filter(|&v| group[v] == g).collect() };
        let (ma, mb) = (members(ga), members(gb));
        if ma.iter().all(|&x| {
            mb.iter()
                .all(|&y| may_share_a_dispute(sentences, &values[x], &values[y]))
        }) {
            for g in group.iter_mut().filter(|g| **g == gb) {
                *g = ga;
            }
        }
    }
    let mut out = Vec::new();
    let groups: BTreeSet<usize> = group.iter().copied().collect();
    for g in groups {
        let members: Vec<usize> = (0..values.len()).filter(|&v| group[v] == g).collect();
        if let Some(d) = figure_dispute(articles, sentences, &values, &members, &links) {
            out.push(d);
        }
    }
    out
}

fn figure_dispute(
    articles: &[Article],
    sentences: &[Sentence],
    values: &[OutletValue],
    members: &[usize],
    links: &[ValueLink],
) -> Option<SuggestedDispute> {
    let figure = |v: usize| {
        let (s, f) = values[v].mentions[0];
        &sentences[s].figures[f]
    };
    // Claims: the members by value, in the order the outlets are linked.
    let mut claims: Vec<(Vec<usize>, SuggestedClaim)> = Vec::new();
    for &v in members {
        let (s, f) = values[v].mentions[0];
        let sentence = &sentences[s];
        let article = &articles[sentence.article];
        let para = &article.paragraphs[sentence.paragraph].text;
        let fig = &sentence.figures[f];
        // The quote shows what is counted as well as the figure (`3.500 Menschen wurden in
        // der Nacht evakuiert`), unless that is far from it.
        let cited = match &fig.counted {
            Some(c) if c.end <= fig.range.start + 60 && fig.range.end <= c.start + 60 => {
                fig.range.start.min(c.start)..fig.range.end.max(c.end)
            }
            _ => fig.range.clone(),
        };
        let source = (article.id.clone(), quote_around(para, sentence, &cited));
        match claims
            .iter_mut()
            .find(|(vs, _)| figure(vs[0]).same_value(fig))
        {
            Some((vs, claim)) => {
                vs.push(v);
                claim.sources.push(source);
            }
            None => {
                let says = match fig.quantity {
                    Quantity::Duration | Quantity::Age => para[fig.range.clone()].to_lowercase(),
                    _ => fig.says(),
                };
                claims.push((
                    vec![v],
                    SuggestedClaim {
                        says,
                        sources: vec![source],
                    },
                ));
            }
        }
    }
    if claims.len() < 2 {
        return None;
    }
    // A claim says its value as an outlet wrote it in the base unit where one did (`180 mm`
    // rather than the `177.8 mm` of `7 inches`).
    for (vs, claim) in &mut claims {
        if let Some(&v) = vs.iter().find(|&&v| !figure(v).converted)
            && !matches!(figure(v).quantity, Quantity::Duration | Quantity::Age)
        {
            claim.says = figure(v).says();
        }
    }
    let claim_of = |v: usize| claims.iter().position(|(vs, _)| vs.contains(&v));
    let best = links
        .iter()
        .filter(|l| members.contains(&l.a) && members.contains(&l.b))
        .filter(|l| claim_of(l.a) != claim_of(l.b))
        .max_by(|x, y| x.affinity.total_cmp(&y.affinity))?;
    let outlets = members
        .iter()
        .map(|&v| values[v].article)
        .collect::<BTreeSet<_>>()
        .len() as f64;
    let confidence = (best.affinity * (1.0 + 0.05 * (outlets - 2.0))).min(1.0);
    claims.sort_by_key(|(vs, _)| std::cmp::Reverse(vs.len()));
    Some(SuggestedDispute {
        kind: Kind::Number,
        quantity: Some(values[members[0]].quantity),
        known: None,
        claims: claims.into_iter().map(|(_, c)| c).collect(),
        confidence,
        shared: best.shared.clone(),
    })
}

/// Where the editor's disputes.yaml cites words: (article id, paragraph, range, dispute id).
pub fn known_claims(story: &Story) -> Vec<(String, usize, Range<usize>, String)> {
    let mut out = Vec::new();
    for dispute in &story.disputes.entries {
        for claim in &dispute.claims {
            for source in &claim.sources {
                let SourceRef::Passage(passage) = &source.value else {
                    continue;
                };
                let Some(quote) = &passage.quote else {
                    continue;
                };
                let id = passage.source.value.trim();
                let Some(article) = story.articles.iter().find(|a| a.id == id) else {
                    continue;
                };
                for (p, paragraph) in article.paragraphs.iter().enumerate() {
                    if let Some(range) = find_passage(&paragraph.text, &quote.value) {
                        out.push((article.id.clone(), p, range, dispute.id.value.clone()));
                        break;
                    }
                }
            }
        }
    }
    out
}

/// Marks the proposals one of whose sources cites words the editor's dispute cites in the
/// same paragraph: the editor has it already.
pub fn mark_known(
    articles: &[Article],
    disputes: &mut [SuggestedDispute],
    known: &[(String, usize, Range<usize>, String)],
) {
    for d in disputes {
        d.known = d
            .claims
            .iter()
            .flat_map(|c| &c.sources)
            .find_map(|(id, words)| {
                let article = articles.iter().find(|a| a.id == *id)?;
                known.iter().find_map(|(source, p, range, dispute)| {
                    let text = &article.paragraphs.get(*p)?.text;
                    let at = find_passage(text, words)?;
                    (source == id && at.start < range.end && range.start < at.end)
                        .then(|| dispute.clone())
                })
            });
    }
}

/// The outlet's words around a value: up to four words before it and two after in the same
/// clause, within its sentence, verbatim (what the claim's `quote:` cites).
fn quote_around(para: &str, s: &Sentence, value: &Range<usize>) -> String {
    let first = s
        .words
        .iter()
        .position(|w| w.range.end > value.start)
        .unwrap_or(0);
    let last = s
        .words
        .iter()
        .rposition(|w| w.range.start < value.end)
        .unwrap_or(first);
    let from = first.saturating_sub(4);
    // After the value, only words of the same clause: `on Thursday, expressing his` cites
    // more than the claim.
    let mut to = last;
    while to < last + 2
        && s.words.get(to + 1).is_some_and(|n| {
            let gap = &para[s.words[to].range.end..n.range.start];
            gap == "-" || gap.chars().all(char::is_whitespace)
        })
    {
        to += 1;
    }
    let start = s.words[from].range.start;
    let end = s.words[to].range.end;
    para[start..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::suggest::test_article as article;

    fn claims(d: &SuggestedDispute) -> Vec<(String, Vec<String>)> {
        d.claims
            .iter()
            .map(|c| {
                (
                    c.says.clone(),
                    c.sources.iter().map(|(id, _)| id.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn one_claim_per_value_each_with_its_outlets_words() {
        let articles = [
            article(
                "a",
                &[
                    "Putin praised Trump for his courage in the assassination attempt at a campaign rally in Butler, Pennsylvania, on July 13.",
                ],
            ),
            article(
                "b",
                &[
                    "Putin on Thursday praised the US leader’s courage during an assassination attempt at a campaign rally in Butler, Pennsylvania, on July 14.",
                ],
            ),
            article(
                "c",
                &[
                    "Trump's conduct after a gunman fired shots at him during a campaign rally in Butler, Pennsylvania on 14 July, Putin praised his courage.",
                ],
            ),
            article(
                "d",
                &["The weather in Sochi was mild on Tuesday, and the market rose by 3 percent."],
            ),
        ];
        let found = find(&articles, &sentences(&articles, &[]));
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.kind, Kind::Date);
        assert_eq!(
            claims(d),
            [
                (
                    "July 14".to_string(),
                    vec!["b".to_string(), "c".to_string()]
                ),
                ("July 13".to_string(), vec!["a".to_string()]),
            ]
        );
        assert_eq!(
            d.claims[1].sources[0].1,
            "in Butler, Pennsylvania, on July 13"
        );
        assert_eq!(
            d.claims[0].sources[1].1,
            "in Butler, Pennsylvania on 14 July"
        );
        assert!(d.shared.contains(&"butler".to_string()));
    }

    #[test]
    fn dates_and_weekdays_compare_across_languages() {
        let articles = [
            article(
                "a",
                &[
                    "The earthquake struck Chiapas and Oaxaca late on Thursday, September 7, the agency said.",
                ],
            ),
            article(
                "b",
                &[
                    "Trzęsienie ziemi nawiedziło Chiapas i Oaxaca w piątek 8 września, podała agencja.",
                ],
            ),
        ];
        let languages = ["en".to_string(), "pl".to_string()];
        let found = find(&articles, &sentences(&articles, &languages));
        let mut kinds: Vec<(Kind, Vec<String>)> = found
            .iter()
            .map(|d| (d.kind, d.claims.iter().map(|c| c.says.clone()).collect()))
            .collect();
        kinds.sort();
        assert_eq!(
            kinds,
            [
                (Kind::Date, vec!["September 7".into(), "September 8".into()]),
                (Kind::Weekday, vec!["Thursday".into(), "Friday".into()])
            ]
        );
    }

    #[test]
    fn numbers_alone_do_not_tie_dates_across_languages() {
        let articles = [
            article(
                "a",
                &[
                    "The army deployed 800 troops and 40 boats, and the minister visited on Thursday.",
                ],
            ),
            article(
                "b",
                &[
                    "El ejército desplegó 800 efectivos y 40 embarcaciones, y el Gobierno aprobará el martes las ayudas.",
                ],
            ),
        ];
        let languages = ["en".to_string(), "es".to_string()];
        assert!(find(&articles, &sentences(&articles, &languages)).is_empty());
    }

    fn figure_claims(articles: &[Article], languages: &[&str]) -> Vec<Vec<String>> {
        let languages: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
        find(articles, &sentences(articles, &languages))
            .iter()
            .filter(|d| d.kind == Kind::Number)
            .map(|d| d.claims.iter().map(|c| c.says.clone()).collect())
            .collect()
    }

    #[test]
    fn figures_of_different_things_or_scales_are_no_dispute() {
        // The noise the English-only finder proposed on a real story: distances to two
        // different places, a toll against a population, a result against a threshold.
        let articles = [
            article(
                "a",
                &[
                    "The quake struck 102 miles southwest of Tres Picos and killed 90 people. Trump won 279 electoral votes.",
                ],
            ),
            article(
                "b",
                &[
                    "The quake struck 630 miles from Mexico City, where 50 million people felt it. 270 electoral votes are needed to win.",
                ],
            ),
        ];
        assert!(figure_claims(&articles, &["en", "en"]).is_empty());
    }

    #[test]
    fn one_figure_in_four_languages_and_notations() {
        let articles = [
            article(
                "en",
                &["The magnitude 8.1 earthquake killed 61 people in Chiapas."],
            ),
            article(
                "pl",
                &["W trzęsieniu ziemi o magnitudzie 8,2 zginęło 61 osób."],
            ),
            article(
                "ar",
                &["وبلغت قوة الزلزال ٨٫٢ درجة على مقياس ريختر، وقتل ٥٨ شخصا."],
            ),
            article(
                "nl",
                &["De aardbeving had een kracht van 8,4 en eiste 58 levens."],
            ),
        ];
        let mut claims = figure_claims(&articles, &["en", "pl", "ar", "nl"]);
        for c in &mut claims {
            c.sort();
        }
        claims.sort();
        assert_eq!(
            claims,
            [
                vec!["58".to_string(), "61".to_string()],
                vec!["8.1".to_string(), "8.2".to_string(), "8.4".to_string()],
            ]
        );
    }

    #[test]
    fn the_same_value_is_no_dispute() {
        let articles = [
            article(
                "a",
                &["Putin spoke at the Valdai Discussion Club forum in Sochi on Thursday."],
            ),
            article(
                "b",
                &["On Thursday Putin addressed the Valdai Discussion Club forum in Sochi."],
            ),
        ];
        assert!(find(&articles, &sentences(&articles, &[])).is_empty());
    }

    fn vals(s: &str) -> Vec<(Kind, String)> {
        values(s, &text::words(s))
            .into_iter()
            .map(|v| (v.kind, v.key))
            .collect()
    }

    #[test]
    fn finds_each_kind_of_value() {
        assert_eq!(
            vals("a rally in Butler, Pennsylvania, on July 13."),
            [
                (Kind::Date, "July 13".into()),
                (Kind::Place, "Butler".into())
            ]
        );
        assert_eq!(vals("on 14 July"), [(Kind::Date, "July 14".into())]);
        assert_eq!(
            vals("Putin on Thursday said"),
            [(Kind::Weekday, "Thursday".into())]
        );
        assert_eq!(
            vals("a forum at Moscow-based think tank"),
            [(Kind::Place, "Moscow".into())]
        );
        assert_eq!(
            vals("the Russian Black Sea city of Sochi"),
            [(Kind::Place, "Sochi".into())]
        );
        assert_eq!(vals("Moscow is ready"), []);
    }
}

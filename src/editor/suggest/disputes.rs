//! Disputed details: sentences of different outlets that report the same thing (they share
//! names and content words) but give it a different date, weekday, number or place.
//!
//! Each sentence's values are found by shape (`July 13`, `Thursday`, `24 hours`, a capitalised
//! name after `in`/`at` or before `-based`); two sentences from different articles with enough
//! context in common and no value of a kind in common are a disagreement. Disagreements that
//! share a sentence are one dispute, with a claim per value.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::text::{self, Word};
use crate::load::Article;

/// Two sentences report the same thing from this much shared context up (see [`context`]).
pub const THRESHOLD: f64 = 0.3;

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
    pub range: Range<usize>,
    pub words: Vec<Word>,
    pub values: Vec<Value>,
}

/// A proposed dispute: one claim per value.
#[derive(Debug, Clone)]
pub struct Dispute {
    pub kind: Kind,
    pub claims: Vec<Claim>,
    pub confidence: f64,
    /// The context words the strongest disagreement shares.
    pub shared: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Claim {
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
const NUMBER_WORDS: [&str; 13] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty",
];
/// What a number written as a word must count for it to be a figure: `one day` is, `one of
/// them` is not.
const UNITS: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "people",
    "civilians",
    "children",
    "soldiers",
    "dead",
    "killed",
    "injured",
    "wounded",
    "times",
    "percent",
    "billion",
    "million",
];
const LOCATIVES: &[&str] = &["in", "at", "near", "from"];
/// `the … city of Sochi`: nouns after which `of` introduces a place.
const PLACE_NOUNS: &[&str] = &[
    "city", "resort", "town", "village", "region", "province", "capital", "port",
];

fn month(lower: &str) -> Option<usize> {
    MONTHS.iter().position(|m| *m == lower)
}

/// The values of one sentence (`words` are its words, ranges in `para`).
pub fn values(para: &str, words: &[Word]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut used = BTreeSet::new();
    let day = |w: &Word| {
        w.lower
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d) && w.lower.len() <= 2)
    };
    for k in 0..words.len() {
        let w = &words[k];
        // July 13 / 13 July
        if let Some(m) = month(&w.lower).filter(|_| w.capital) {
            if let Some(d) = words.get(k + 1).and_then(day) {
                out.push(Value {
                    kind: Kind::Date,
                    key: format!("{} {d}", cap(MONTHS[m])),
                    range: w.range.start..words[k + 1].range.end,
                });
                used.extend([k, k + 1]);
            } else if let Some(d) = k.checked_sub(1).and_then(|p| day(&words[p])) {
                out.push(Value {
                    kind: Kind::Date,
                    key: format!("{} {d}", cap(MONTHS[m])),
                    range: words[k - 1].range.start..w.range.end,
                });
                used.extend([k - 1, k]);
            }
        }
        if WEEKDAYS.contains(&w.lower.as_str()) && w.capital {
            out.push(Value {
                kind: Kind::Weekday,
                key: cap(&w.lower),
                range: w.range.clone(),
            });
        }
    }
    for k in 0..words.len() {
        if used.contains(&k) {
            continue;
        }
        let w = &words[k];
        let digits = w.lower.chars().next().is_some_and(|c| c.is_ascii_digit());
        let next_unit = words
            .get(k + 1)
            .filter(|n| UNITS.contains(&n.lower.as_str()));
        if digits || (NUMBER_WORDS.contains(&w.lower.as_str()) && next_unit.is_some()) {
            let end = next_unit.map_or(w.range.end, |n| n.range.end);
            let key = para[w.range.start..end].to_lowercase();
            out.push(Value {
                kind: Kind::Number,
                key,
                range: w.range.start..end,
            });
        }
    }
    for k in 0..words.len() {
        let w = &words[k];
        if !w.capital || month(&w.lower).is_some() || WEEKDAYS.contains(&w.lower.as_str()) {
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

/// Every sentence of the story's articles, with its words and values.
pub fn sentences(articles: &[Article]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (a, article) in articles.iter().enumerate() {
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
                out.push(Sentence {
                    article: a,
                    paragraph: p,
                    range,
                    words,
                    values,
                });
            }
        }
    }
    out
}

/// How much two sentences share besides their values, 0 to 1: the content words (by stem)
/// both use, names counting double (they pin down what a sentence is about), over the smaller
/// sentence's, averaged with the same over the larger's.
pub fn context(a: &Sentence, b: &Sentence) -> (f64, Vec<String>) {
    let bag = |s: &Sentence| -> BTreeMap<String, (f64, String)> {
        s.words
            .iter()
            .filter(|w| {
                w.content
                    && !s
                        .values
                        .iter()
                        .any(|v| v.range.start <= w.range.start && w.range.end <= v.range.end)
            })
            .filter(|w| !w.lower.chars().all(|c| c.is_ascii_digit()))
            .map(|w| {
                (
                    w.stem.clone(),
                    (if w.capital { 2.0 } else { 1.0 }, w.lower.clone()),
                )
            })
            .collect()
    };
    let (ba, bb) = (bag(a), bag(b));
    let total = |m: &BTreeMap<String, (f64, String)>| m.values().map(|v| v.0).sum::<f64>();
    let (wa, wb) = (total(&ba), total(&bb));
    let mut shared_weight = 0.0;
    let mut shared = Vec::new();
    for (stem, (weight, lower)) in &ba {
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
pub fn find(articles: &[Article], sentences: &[Sentence]) -> Vec<Dispute> {
    // (kind, sentence) nodes joined when two sentences disagree on a value of that kind.
    let mut edges: Vec<(f64, Kind, usize, usize, Vec<String>)> = Vec::new();
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
            let (score, shared) = context(a, b);
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
        let in_component =
            |e: &&(f64, Kind, usize, usize, Vec<String>)| e.1 == kind && members.contains(&e.2);
        let component_edges: Vec<&(f64, Kind, usize, usize, Vec<String>)> =
            edges.iter().filter(in_component).collect();
        if let Some(d) = dispute(articles, sentences, kind, &members, &component_edges) {
            disputes.push(d);
        }
    }
    disputes.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    disputes
}

type Edge = (f64, Kind, usize, usize, Vec<String>);

fn keys_of(s: &Sentence, kind: Kind) -> Vec<&Value> {
    s.values.iter().filter(|v| v.kind == kind).collect()
}

fn dispute(
    articles: &[Article],
    sentences: &[Sentence],
    kind: Kind,
    members: &[usize],
    edges: &[&Edge],
) -> Option<Dispute> {
    // A value every sentence gives is not in dispute; each sentence's claim is its first other
    // value of the kind.
    let common: BTreeSet<String> = members
        .iter()
        .map(|&m| {
            keys_of(&sentences[m], kind)
                .iter()
                .map(|v| v.key.to_lowercase())
                .collect::<BTreeSet<_>>()
        })
        .reduce(|a, b| a.intersection(&b).cloned().collect())
        .unwrap_or_default();
    let mut claims: Vec<(String, Claim)> = Vec::new();
    for &m in members {
        let s = &sentences[m];
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
            Some((_, claim)) => {
                if !claim.sources.iter().any(|(id, _)| *id == article.id) {
                    claim.sources.push((article.id.clone(), words));
                }
            }
            None => claims.push((
                key,
                Claim {
                    says: value.key.clone(),
                    sources: vec![(article.id.clone(), words)],
                },
            )),
        }
    }
    let outlets: BTreeSet<&str> = claims
        .iter()
        .flat_map(|(_, c)| c.sources.iter().map(|(id, _)| id.as_str()))
        .collect();
    if claims.len() < 2 || outlets.len() < 2 {
        return None;
    }
    let best = edges.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
    // More outlets on each side make a disagreement likelier to be real than a coincidence.
    let confidence = (best.0 * (1.0 + 0.05 * (outlets.len() as f64 - 2.0))).min(1.0);
    claims.sort_by_key(|(_, c)| std::cmp::Reverse(c.sources.len()));
    Some(Dispute {
        kind,
        claims: claims.into_iter().map(|(_, c)| c).collect(),
        confidence,
        shared: best.4.clone(),
    })
}

/// The outlet's words around a value: up to four words before it and two after, within its
/// sentence, verbatim (what the claim's `quote:` cites).
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
    let to = (last + 2).min(s.words.len() - 1);
    let start = s.words[from].range.start;
    let end = s.words[to].range.end;
    para[start..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            vals("peace in one day, or within 24 hours; one of them"),
            [
                (Kind::Number, "one day".into()),
                (Kind::Number, "24 hours".into())
            ]
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

//! The suggestions as YAML in the shapes quotes.yaml and disputes.yaml accept, with the
//! reasons as comments: pasted as they are, they parse and verify.

use std::fmt::Write as _;

use super::disputes::{Kind, SuggestedDispute};
use super::figures::Quantity;
use super::quotes::Group;
use crate::editor::yaml_string;
use crate::primitives::slug::slugify;
use crate::verify::matching::normalize;

fn label(confidence: f64) -> &'static str {
    if confidence >= 0.8 {
        "high"
    } else if confidence >= 0.6 {
        "medium"
    } else {
        "low"
    }
}

/// An id made of the first content words, unique among `taken`.
fn unique_id(base: &str, taken: &mut Vec<String>) -> String {
    let base = if base.is_empty() {
        "suggested".to_string()
    } else {
        base.to_string()
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

fn words_id(words: &[String], max: usize) -> String {
    let text: Vec<&str> = words.iter().map(String::as_str).take(max).collect();
    slugify(&text.join(" "))
}

pub fn quotes(story: &str, groups: &[Group], taken: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Quote groups digest suggests for the story `{story}`, most confident first."
    );
    let _ = writeln!(
        out,
        "# Each variant is cut verbatim from its article, so it verifies as it is; check that"
    );
    let _ = writeln!(
        out,
        "# the passages are one utterance, fill in the speaker where none is named, and paste"
    );
    let _ = writeln!(
        out,
        "# what you keep into quotes.yaml (digest never writes that file)."
    );
    if groups.is_empty() {
        out.push_str("[]\n");
        return out;
    }
    let mut ids: Vec<String> = taken.to_vec();
    for g in groups {
        out.push('\n');
        let _ = writeln!(
            out,
            "# confidence: {:.2} ({}): {} outlets share, in order: {}",
            g.confidence,
            label(g.confidence),
            g.variants.len(),
            g.shared.join(", ")
        );
        if let Some(known) = &g.known {
            let _ = writeln!(out, "# known: already in quotes.yaml as `{known}`");
        }
        let id = unique_id(&words_id(&g.shared, 4), &mut ids);
        let _ = writeln!(out, "- id: {id}");
        match &g.speaker {
            Some(s) => {
                let _ = writeln!(out, "  speaker: {}", yaml_string(s));
            }
            None => {
                let _ = writeln!(
                    out,
                    "  speaker: \"\"   # no sentence names the speaker: fill in"
                );
            }
        }
        out.push_str("  variants:\n");
        for v in &g.variants {
            let _ = writeln!(out, "    - source: {}", v.source);
            let _ = writeln!(out, "      text: {}", yaml_string(&v.text));
        }
    }
    out
}

fn question(kind: Kind, quantity: Option<Quantity>, values: &[&str]) -> String {
    let list = values.join(" or ");
    if let Some(q) = quantity {
        return format!("{}: {list}?", q.question());
    }
    match kind {
        Kind::Date => format!("On which date: {list}?"),
        Kind::Weekday => format!("On which day: {list}?"),
        Kind::Number => format!("Which figure: {list}?"),
        Kind::Place => format!("Where: {list}?"),
    }
}

pub fn disputes(story: &str, disputes: &[SuggestedDispute], taken: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Disputed details digest suggests for the story `{story}`, most confident first:"
    );
    let _ = writeln!(
        out,
        "# sentences of different outlets with the same context and a different value. Each"
    );
    let _ = writeln!(
        out,
        "# claim cites its outlets' exact words. Reword the question, judge the claims, and"
    );
    let _ = writeln!(
        out,
        "# paste what you keep into disputes.yaml (digest never writes that file)."
    );
    if disputes.is_empty() {
        out.push_str("[]\n");
        return out;
    }
    let mut ids: Vec<String> = taken.to_vec();
    for d in disputes {
        out.push('\n');
        let values: Vec<&str> = d.claims.iter().map(|c| c.says.as_str()).collect();
        let what = d.quantity.map_or(d.kind.name(), Quantity::name);
        let _ = writeln!(
            out,
            "# confidence: {:.2} ({}): the {what} differs ({}); shared context: {}",
            d.confidence,
            label(d.confidence),
            values.join(" vs "),
            if d.shared.is_empty() {
                "none besides what is counted".to_string()
            } else {
                d.shared.join(", ")
            }
        );
        if let Some(known) = &d.known {
            let _ = writeln!(out, "# known: already in disputes.yaml as `{known}`");
        }
        let normalized: Vec<String> = values.iter().map(|v| normalize(v)).collect();
        let id = unique_id(
            &slugify(&format!("{what} {}", normalized.join(" or "))),
            &mut ids,
        );
        let _ = writeln!(out, "- id: {id}");
        let _ = writeln!(
            out,
            "  question: {}",
            yaml_string(&question(d.kind, d.quantity, &values))
        );
        out.push_str("  status: open\n  claims:\n");
        for c in &d.claims {
            let _ = writeln!(out, "    - says: {}", yaml_string(&c.says));
            out.push_str("      sources:\n");
            for (source, words) in &c.sources {
                let _ = writeln!(
                    out,
                    "        - {{source: {source}, quote: {}}}",
                    yaml_string(words)
                );
            }
        }
    }
    out
}

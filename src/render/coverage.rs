//! The story page's coverage matrix: one column per article, and a row for each timeline event
//! (does the outlet report it?), each key quote (does it carry it?) and each disputed detail
//! (which claim does it back?).

use super::context::*;
use super::links::event_cites;
use super::{Scope, article_path};
use crate::load::Story;
use crate::load::i18n::Translations;
use crate::verify::{Dispute, VerifiedStory};

impl Scope<'_> {
    /// The matrix; the sections' contexts give the rows' anchors.
    pub(super) fn coverage(
        &self,
        story: &Story,
        vs: &VerifiedStory,
        timeline: &[EventCtx],
        quotes: &[QuoteCtx],
        disputes: &[DisputeCtx],
    ) -> CoverageCtx {
        let columns: Vec<CoverageColumn> = story
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| CoverageColumn {
                outlet: self.outlet_label(vs, i),
                article_url: self.url(&article_path(story, a)),
            })
            .collect();
        let names: Vec<String> = columns.iter().map(|c| c.outlet.name.clone()).collect();
        let t = self.t;
        let mut sections = Vec::new();
        // A section without rows is left out.
        let mut add = |heading: &str, rows: Vec<CoverageRow>| {
            if !rows.is_empty() {
                sections.push(CoverageSection {
                    heading: heading.to_string(),
                    rows,
                });
            }
        };
        add(t.text("timeline"), event_rows(t, &names, vs, timeline));
        add(t.text("key_quotes"), quote_rows(t, &names, vs, quotes));
        add(
            t.text("disputed_details"),
            dispute_rows(t, &names, vs, disputes),
        );
        CoverageCtx { columns, sections }
    }
}

/// A row for each event: which outlets' articles it cites.
fn event_rows(
    t: &Translations,
    names: &[String],
    vs: &VerifiedStory,
    timeline: &[EventCtx],
) -> Vec<CoverageRow> {
    vs.timeline
        .iter()
        .zip(timeline)
        .map(|(e, ctx)| {
            let cites: Vec<usize> = event_cites(e).iter().map(|c| c.article).collect();
            CoverageRow {
                label: e.title.clone(),
                url: format!("#{}", ctx.id),
                cells: presence_cells(
                    t,
                    names,
                    ["coverage_reports_event", "coverage_absent_event"],
                    |i| cites.contains(&i),
                ),
            }
        })
        .collect()
}

/// A row for each key quote: which outlets carry a version of it.
fn quote_rows(
    t: &Translations,
    names: &[String],
    vs: &VerifiedStory,
    quotes: &[QuoteCtx],
) -> Vec<CoverageRow> {
    vs.quotes
        .iter()
        .zip(quotes)
        .map(|(q, ctx)| {
            let label = format!(
                "{}: {}",
                q.speaker,
                q.context.clone().unwrap_or_else(|| q.id.clone())
            );
            CoverageRow {
                label,
                url: format!("#{}", ctx.id),
                cells: presence_cells(
                    t,
                    names,
                    ["coverage_reports_quote", "coverage_absent_quote"],
                    |i| q.variants.iter().any(|(_, c)| c.article == i),
                ),
            }
        })
        .collect()
}

/// A row for each disputed detail: the claims each outlet backs.
fn dispute_rows(
    t: &Translations,
    names: &[String],
    vs: &VerifiedStory,
    disputes: &[DisputeCtx],
) -> Vec<CoverageRow> {
    vs.disputes
        .iter()
        .zip(disputes)
        .map(|(d, ctx)| CoverageRow {
            label: d.question.clone(),
            url: format!("#{}", ctx.id),
            cells: names
                .iter()
                .enumerate()
                .map(|(i, name)| dispute_cell(t, d, i, name))
                .collect(),
        })
        .collect()
}

/// What article `article` (of outlet `name`) says in a dispute: the claims it backs, with
/// how they fared when it backs just one.
fn dispute_cell(t: &Translations, d: &Dispute, article: usize, name: &str) -> CoverageCell {
    let backed: Vec<_> = d
        .claims
        .iter()
        .filter(|c| c.sources.iter().any(|s| s.article == article))
        .collect();
    if backed.is_empty() {
        return absent(t, "coverage_absent_dispute", name);
    }
    let text = backed
        .iter()
        .map(|c| c.says.as_str())
        .collect::<Vec<_>>()
        .join(" / ");
    let standing = if backed.len() == 1 {
        Standing::of(backed[0].upheld)
    } else {
        Standing::Unjudged
    };
    let mut label = t.fill("coverage_claim", &[("outlet", name), ("claims", &text)]);
    let judged = match standing {
        Standing::Upheld => Some("coverage_upheld"),
        Standing::Rejected => Some("coverage_rejected"),
        Standing::Unjudged => None,
    };
    if let Some(key) = judged {
        label = format!("{label} {}", t.text(key));
    }
    CoverageCell {
        state: CellState::Claim,
        label,
        text,
        standing: Some(standing),
    }
}

/// A row's cells, `✓` where `present` says the outlet's article has it and `—` where not;
/// `labels` are the keys of the cells' labels, for each of the two.
fn presence_cells(
    t: &Translations,
    names: &[String],
    labels: [&str; 2],
    present: impl Fn(usize) -> bool,
) -> Vec<CoverageCell> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if present(i) {
                CoverageCell {
                    state: CellState::Reports,
                    text: "✓".into(),
                    label: t.fill(labels[0], &[("outlet", name)]),
                    standing: None,
                }
            } else {
                absent(t, labels[1], name)
            }
        })
        .collect()
}

/// A cell of an outlet that does not have what the row is about.
fn absent(t: &Translations, label: &str, name: &str) -> CoverageCell {
    CoverageCell {
        state: CellState::Absent,
        text: "—".into(),
        label: t.fill(label, &[("outlet", name)]),
        standing: None,
    }
}

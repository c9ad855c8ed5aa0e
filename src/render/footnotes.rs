//! The numbered source list of one page: one entry per (article, passage), numbered in order of
//! first citation and reused when cited again, with one backlink (a, b, c …) per citation.
//! Ids are per page (`cite-note-3`, `cite-ref-3-b`) because a page has exactly one list.

use std::collections::HashMap;

use super::urls;
use crate::primitives::html::escape;
use crate::verify::Cite;

#[derive(Debug, Default)]
pub struct Footnotes {
    entries: Vec<FootnoteEntry>,
    by_cite: HashMap<Cite, usize>,
    /// What screen readers hear around a reference's number, escaped (the site's
    /// "Source {number}" label cut at the number); `None`: "Source " before it.
    spoken: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct FootnoteEntry {
    pub number: usize,
    pub cite: Cite,
    /// How many times the entry has been cited so far (one backlink each).
    pub uses: usize,
}

impl Footnotes {
    /// A source list whose references are announced with `label` ("Source {number}",
    /// "Джерело {number}").
    pub fn new(label: &str) -> Footnotes {
        let (before, after) = label.split_once("{number}").unwrap_or((label, ""));
        Footnotes {
            spoken: Some((escape(before), escape(after))),
            ..Footnotes::default()
        }
    }

    /// Registers one citation and returns the reference markup (`<a …>[3]</a>`).
    pub fn reference(&mut self, cite: &Cite) -> String {
        let index = match self.by_cite.get(cite) {
            Some(&i) => i,
            None => {
                self.entries.push(FootnoteEntry {
                    number: self.entries.len() + 1,
                    cite: cite.clone(),
                    uses: 0,
                });
                self.by_cite.insert(cite.clone(), self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        let entry = &mut self.entries[index];
        entry.uses += 1;
        let n = entry.number;
        let label = backlink_label(entry.uses - 1);
        // Screen readers announce "Source 3" rather than "left bracket 3".
        let (before, after) = self
            .spoken
            .as_ref()
            .map_or(("Source ", ""), |(b, a)| (b.as_str(), a.as_str()));
        let after = if after.is_empty() {
            String::new()
        } else {
            format!("<span class=\"visually-hidden\">{after}</span>")
        };
        format!(
            "<a id=\"{}\" href=\"#{}\" role=\"doc-noteref\"><span class=\"visually-hidden\">{before}</span>[{n}]{after}</a>",
            urls::ref_anchor(n, &label),
            urls::note_anchor(n)
        )
    }

    /// A group of citations, as one superscript.
    pub fn group(&mut self, cites: &[Cite]) -> String {
        if cites.is_empty() {
            return String::new();
        }
        let refs: String = cites.iter().map(|c| self.reference(c)).collect();
        format!("<sup class=\"noteref\">{refs}</sup>")
    }

    pub fn entries(&self) -> &[FootnoteEntry] {
        &self.entries
    }
}

/// `a`, `b`, … `z`, `aa`, `ab`, … as Wikipedia labels repeated citations.
pub fn backlink_label(mut index: usize) -> String {
    let mut label = Vec::new();
    loop {
        label.push(b'a' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    label.reverse();
    String::from_utf8(label).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::{Passage, Place};

    fn cite(article: usize, passage: Option<(usize, usize)>) -> Cite {
        Cite {
            article,
            passage: passage.map(|(p, s)| Passage {
                place: Place::Paragraph(p),
                range: s..s + 3,
            }),
        }
    }

    #[test]
    fn entries_are_numbered_by_first_use_and_reused() {
        let mut f = Footnotes::default();
        assert!(f.reference(&cite(2, None)).contains("[1]"));
        assert!(f.reference(&cite(0, Some((1, 4)))).contains("[2]"));
        let again = f.reference(&cite(2, None));
        assert!(
            again.contains("[1]") && again.contains("cite-ref-1-b"),
            "{again}"
        );
        assert_eq!(f.entries().len(), 2);
        assert_eq!(f.entries()[0].uses, 2);
    }

    #[test]
    fn same_article_different_passages_are_different_entries() {
        let mut f = Footnotes::default();
        f.reference(&cite(0, Some((1, 4))));
        f.reference(&cite(0, Some((2, 4))));
        f.reference(&cite(0, None));
        assert_eq!(f.entries().len(), 3);
    }

    #[test]
    fn labels_continue_past_z() {
        assert_eq!(backlink_label(0), "a");
        assert_eq!(backlink_label(25), "z");
        assert_eq!(backlink_label(26), "aa");
        assert_eq!(backlink_label(27), "ab");
        assert_eq!(backlink_label(26 + 26 * 26), "aaa");
    }
}

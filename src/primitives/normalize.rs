//! Text normalisation for comparing an editor's words with an article's: case, curly vs
//! straight quotes, dashes, whitespace, `...` vs `…` and Unicode composition are ignored, and
//! every normalised character maps back to the bytes of the original it came from.

use std::ops::Range;

use unicode_normalization::char::{
    canonical_combining_class, decompose_compatible, is_combining_mark,
};

/// Normalises text for comparison; see [`normalize_mapped`] for the rules.
///
/// Idempotent: `normalize(&normalize(x)) == normalize(x)`.
pub fn normalize(s: &str) -> String {
    normalize_mapped(s).text
}

/// Normalised text that remembers, for every byte, where in the original it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    /// The normalised text, which quoted words are searched in.
    pub text: String,
    /// Sorted, contiguous cover of `text`. Kept as runs rather than per byte so that a large
    /// article costs a few bytes per run of plain text, not 16 bytes per byte.
    pub(crate) spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) norm: Range<usize>,
    pub(crate) orig: Range<usize>,
    /// Byte `norm.start + k` comes from byte `orig.start + k`: every char in the run became
    /// exactly one char of the same UTF-8 length. Otherwise the whole `norm` range comes from the
    /// whole `orig` range (an expansion such as `…` -> `...`, or a collapsed whitespace run).
    linear: bool,
}

impl NormalizedText {
    /// The byte range of the original text that produced `normalized` (a range of `self.text`),
    /// widened to whole original chars. `None` for an empty or out-of-bounds range.
    pub fn original_range(&self, normalized: Range<usize>) -> Option<Range<usize>> {
        let Range { start, end } = normalized;
        if start >= end || end > self.text.len() {
            return None;
        }
        let first = self.spans.partition_point(|s| s.norm.end <= start);
        let mut lo = usize::MAX;
        let mut hi = 0;
        for span in self.spans[first..]
            .iter()
            .take_while(|s| s.norm.start < end)
        {
            // Reordered combining marks can make spans non-monotonic in the original, hence
            // min/max rather than first/last.
            let (s, e) = if span.linear {
                let s = span.orig.start + (start.max(span.norm.start) - span.norm.start);
                let e = span.orig.start + (end.min(span.norm.end) - span.norm.start);
                (s, e)
            } else {
                (span.orig.start, span.orig.end)
            };
            lo = lo.min(s);
            hi = hi.max(e);
        }
        (lo < hi).then_some(lo..hi)
    }

    /// Whether byte `pos` of `text` lies between the output of two original chars rather than
    /// inside what one char expanded to.
    pub(crate) fn is_boundary(&self, pos: usize) -> bool {
        if pos == 0 || pos >= self.text.len() {
            return true;
        }
        let i = self.spans.partition_point(|s| s.norm.end <= pos);
        self.spans
            .get(i)
            .is_none_or(|s| s.norm.start == pos || s.linear)
    }
}

/// Normalises `s` and records where each byte of the result came from.
///
/// Per char: quotes and dashes are unified first (some of them, like `´` and `″`, would otherwise
/// be decomposed into something else), then Unicode NFKD (so `é` and `e` + U+0301 agree and `…`
/// becomes `...`), full lowercase (Cyrillic and Greek too; final `ς` becomes `σ`), and a second
/// NFKD + lowercase round because a few compatibility characters decompose to capitals
/// (U+1D2C `ᴬ` -> `A`). Soft hyphens, zero-width spaces, word joiners and BOMs are dropped, as web
/// copies sprinkle them invisibly. Every whitespace run becomes one space; the result is trimmed.
/// Combining marks are put in canonical order so that differently ordered accents still agree.
pub fn normalize_mapped(s: &str) -> NormalizedText {
    let mut b = Builder {
        out: NormalizedText {
            text: String::with_capacity(s.len()),
            spans: Vec::new(),
        },
        cluster: Vec::new(),
        pending_ws: None,
    };
    let mut scratch = Vec::new();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        // Most of an article is runs of ASCII letters, digits and punctuation: each such run
        // becomes its lower-case copy in one piece, as it would char by char.
        let run = ascii_run_len(&s.as_bytes()[i..]);
        if run > 0 {
            b.push_ascii_run(&s[i..i + run], i);
            i += run;
            continue;
        }
        push_char(&mut b, c, i, &mut scratch);
        i += c.len_utf8();
    }
    b.flush_cluster();
    b.out
}

/// The char at byte `i` of the original, normalised char by char.
fn push_char(b: &mut Builder, c: char, i: usize, scratch: &mut Vec<char>) {
    let end = i + c.len_utf8();
    if c.is_ascii() {
        b.push(fold_ascii(c), i..end, true);
        return;
    }
    expand(c, scratch);
    let one_to_one = scratch.len() == 1 && scratch[0].len_utf8() == c.len_utf8();
    for &e in scratch.iter() {
        b.push(e, i..end, one_to_one);
    }
}

/// An ASCII char normalised: lower case, and a backtick is an apostrophe.
fn fold_ascii(c: char) -> char {
    if c == '`' {
        '\''
    } else {
        c.to_ascii_lowercase()
    }
}

/// Length of the run of ASCII chars other than whitespace at the start of `bytes`.
fn ascii_run_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !b.is_ascii() || char::from(b).is_whitespace())
        .unwrap_or(bytes.len())
}

fn map_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}'
        // Modifier apostrophe (Ukrainian orthography) and single guillemets.
        | '\u{02BC}' | '\u{2039}' | '\u{203A}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        'ς' => 'σ',
        _ => c,
    }
}

fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// True for chars that belong to a word: letters, digits and the combining marks that may
/// follow them.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The per-char part of normalisation for non-ASCII chars; whitespace collapsing and mark
/// reordering come later.
pub(crate) fn expand(c: char, out: &mut Vec<char>) {
    out.clear();
    let mapped = map_punct(c);
    if mapped != c {
        out.push(mapped);
        return;
    }
    if is_ignorable(c) {
        return;
    }
    decompose_compatible(c, |d| {
        for l in d.to_lowercase() {
            decompose_compatible(l, |e| {
                for f in e.to_lowercase() {
                    let f = map_punct(f);
                    if !is_ignorable(f) {
                        out.push(f);
                    }
                }
            });
        }
    });
}

struct Builder {
    out: NormalizedText,
    /// Combining marks after the last starter, held back for canonical reordering.
    cluster: Vec<(char, Range<usize>, bool)>,
    pending_ws: Option<Range<usize>>,
}

impl Builder {
    fn push(&mut self, c: char, orig: Range<usize>, one_to_one: bool) {
        if c.is_whitespace() {
            self.flush_cluster();
            self.pending_ws = Some(match self.pending_ws.take() {
                Some(r) => r.start.min(orig.start)..r.end.max(orig.end),
                None => orig,
            });
            return;
        }
        let starter = c.is_ascii() || canonical_combining_class(c) == 0;
        if starter || self.pending_ws.is_some() {
            self.flush_cluster();
            if let Some(ws) = self.pending_ws.take() {
                // Leading whitespace is dropped; trailing whitespace never gets here.
                if !self.out.text.is_empty() {
                    let linear = ws.len() == 1;
                    self.emit(' ', ws, linear);
                }
            }
        }
        // Only the marks after a starter are reordered; the starter itself stays first.
        if starter {
            self.emit(c, orig, one_to_one);
        } else {
            self.cluster.push((c, orig, one_to_one));
        }
    }

    /// `run` (ASCII, no whitespace), which starts at byte `start` of the original: the same
    /// as pushing its chars one by one (each is a starter that maps to one byte), in one go.
    fn push_ascii_run(&mut self, run: &str, start: usize) {
        self.flush_cluster();
        if let Some(ws) = self.pending_ws.take()
            && !self.out.text.is_empty()
        {
            let linear = ws.len() == 1;
            self.emit(' ', ws, linear);
        }
        let from = self.out.text.len();
        self.out.text.extend(run.chars().map(fold_ascii));
        let to = self.out.text.len();
        self.record(from..to, start..start + run.len(), true);
    }

    fn flush_cluster(&mut self) {
        if self.cluster.is_empty() {
            return;
        }
        if self.cluster.len() > 1 {
            // Stable, as canonical ordering requires for marks of the same class.
            self.cluster
                .sort_by_key(|(c, _, _)| canonical_combining_class(*c));
        }
        // Taken and put back to keep its allocation: this runs once per char.
        let mut cluster = std::mem::take(&mut self.cluster);
        for (c, orig, one_to_one) in cluster.drain(..) {
            self.emit(c, orig, one_to_one);
        }
        self.cluster = cluster;
    }

    fn emit(&mut self, c: char, orig: Range<usize>, linear: bool) {
        let start = self.out.text.len();
        self.out.text.push(c);
        let end = self.out.text.len();
        self.record(start..end, orig, linear);
    }

    /// Records that `norm`, just appended to the text, comes from `orig`, extending the last
    /// span when it continues it.
    fn record(&mut self, norm: Range<usize>, orig: Range<usize>, linear: bool) {
        if let Some(last) = self.out.spans.last_mut() {
            if linear && last.linear && last.orig.end == orig.start {
                last.norm.end = norm.end;
                last.orig.end = orig.end;
                return;
            }
            if !linear && !last.linear && last.orig == orig {
                last.norm.end = norm.end;
                return;
            }
        }
        self.out.spans.push(Span { norm, orig, linear });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `normalize_mapped` without its ASCII-run fast path: every char pushed on its own.
    fn char_by_char(s: &str) -> NormalizedText {
        let mut b = Builder {
            out: NormalizedText {
                text: String::new(),
                spans: Vec::new(),
            },
            cluster: Vec::new(),
            pending_ws: None,
        };
        let mut scratch = Vec::new();
        for (i, c) in s.char_indices() {
            push_char(&mut b, c, i, &mut scratch);
        }
        b.flush_cluster();
        b.out
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config())]
        #[test]
        fn ascii_runs_map_as_char_by_char(
            s in "([ -~\t\n\r\u{b}\u{c}\u{a0}\u{2019}\u{2026}É\u{301}\u{323}ﬁ]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(normalize_mapped(&s), char_by_char(&s));
        }
    }

    #[test]
    fn ascii_run_spans() {
        let n = normalize_mapped("Ab  C`d\u{2026}x");
        assert_eq!(n.text, "ab c'd...x");
        assert_eq!(n, char_by_char("Ab  C`d\u{2026}x"));
    }
}

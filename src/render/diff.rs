//! Marks the words of each variant of a quote that the other variants do not share, so that a
//! reader comparing outlets side by side sees at once where their renderings part ways.

use std::ops::Range;

use serde::Serialize;

use crate::primitives::normalize::{is_word_char, normalize};

/// A run of a variant's text, either shared with every other variant or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub differs: bool,
}

/// Beyond this many words in any variant, the word alignment (quadratic) is skipped and
/// nothing is marked.
const MAX_WORDS: usize = 2_000;

/// For each variant, its text cut into segments whose concatenation is the variant exactly.
///
/// Words are compared after [`normalize`], with punctuation at their edges set aside (it goes
/// to the separators), so case, quote style, dashes and punctuation never count as differences.
/// A word is common when the word-level longest-common-subsequence alignment matches it with
/// every other variant. A separator differs only between two differing words. Adjacent
/// segments with the same flag are merged.
pub fn mark_differences(variants: &[&str]) -> Vec<Vec<Segment>> {
    let tokenized: Vec<Vec<Piece>> = variants.iter().map(|v| tokenize(v)).collect();
    let keys: Vec<Vec<String>> = variants
        .iter()
        .zip(&tokenized)
        .map(|(v, pieces)| {
            pieces
                .iter()
                .filter(|p| p.word)
                .map(|p| normalize(&v[p.range.clone()]))
                .collect()
        })
        .collect();

    let too_long = keys.iter().any(|k| k.len() > MAX_WORDS);
    let mut common: Vec<Vec<bool>> = keys.iter().map(|k| vec![true; k.len()]).collect();
    if !too_long {
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                let (in_i, in_j) = lcs_matches(&keys[i], &keys[j]);
                for (c, m) in common[i].iter_mut().zip(in_i) {
                    *c &= m;
                }
                for (c, m) in common[j].iter_mut().zip(in_j) {
                    *c &= m;
                }
            }
        }
    }

    variants
        .iter()
        .zip(&tokenized)
        .zip(&common)
        .map(|((v, pieces), common)| segments(v, pieces, common))
        .collect()
}

/// A word, or the whitespace and punctuation between words.
#[derive(Debug)]
struct Piece {
    range: Range<usize>,
    word: bool,
}

/// Alternating separators and words covering `s`; each word starts and ends with a letter,
/// digit or combining mark.
fn tokenize(s: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |range: Range<usize>, word: bool| {
        if range.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(last) if !word && !last.word => last.range.end = range.end,
            _ => pieces.push(Piece { range, word }),
        }
    };
    let mut pos = 0;
    while pos < s.len() {
        let rest = &s[pos..];
        let ws = rest.len() - rest.trim_start().len();
        push(pos..pos + ws, false);
        pos += ws;
        let rest = &s[pos..];
        let token_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..token_len];
        match token.find(is_word_char) {
            Some(lead) => {
                let core = token[lead..].trim_end_matches(|c| !is_word_char(c));
                push(pos..pos + lead, false);
                push(pos + lead..pos + lead + core.len(), true);
                push(pos + lead + core.len()..pos + token_len, false);
            }
            None => push(pos..pos + token_len, false),
        }
        pos += token_len;
    }
    pieces
}

/// Which items of `a` and of `b` a longest common subsequence of the two matches.
fn lcs_matches(a: &[String], b: &[String]) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.len(), b.len());
    let mut in_a = vec![false; n];
    let mut in_b = vec![false; m];
    // table[i * (m + 1) + j] = LCS length of a[i..] and b[j..]; u16 suffices below MAX_WORDS.
    let width = m + 1;
    let mut table = vec![0u16; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * width + j] = if a[i] == b[j] {
                table[(i + 1) * width + j + 1].saturating_add(1)
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            in_a[i] = true;
            in_b[j] = true;
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (in_a, in_b)
}

fn segments(text: &str, pieces: &[Piece], common: &[bool]) -> Vec<Segment> {
    // Whether each word differs, in order, then each piece's flag.
    let mut word_differs = common.iter().map(|c| !c);
    let mut flags: Vec<Option<bool>> = pieces
        .iter()
        .map(|p| if p.word { word_differs.next() } else { None })
        .collect();
    for k in 0..flags.len() {
        if flags[k].is_none() {
            let before = k.checked_sub(1).and_then(|b| flags[b]);
            let after = flags.get(k + 1).copied().flatten();
            flags[k] = Some(before == Some(true) && after == Some(true));
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (piece, flag) in pieces.iter().zip(flags) {
        let differs = flag.unwrap_or(false);
        let piece_text = &text[piece.range.clone()];
        match out.last_mut() {
            Some(last) if last.differs == differs => last.text.push_str(piece_text),
            _ => out.push(Segment {
                text: piece_text.to_string(),
                differs,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn differing(segments: &[Segment]) -> Vec<&str> {
        segments
            .iter()
            .filter(|s| s.differs)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn joined(segments: &[Segment]) -> String {
        segments.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn example_from_the_spec() {
        let a = "courageously, like a real man";
        let b = "bravely, like a man";
        let out = mark_differences(&[a, b]);
        assert_eq!(differing(&out[0]), ["courageously", "real"]);
        assert_eq!(differing(&out[1]), ["bravely"]);
        assert_eq!(
            out[0],
            vec![
                Segment {
                    text: "courageously".into(),
                    differs: true
                },
                Segment {
                    text: ", like a ".into(),
                    differs: false
                },
                Segment {
                    text: "real".into(),
                    differs: true
                },
                Segment {
                    text: " man".into(),
                    differs: false
                },
            ]
        );
    }

    #[test]
    fn full_quotes_from_the_spec() {
        let a = "He behaved, in my opinion, in a very correct way – courageously, like a real man";
        let b = "He behaved, in my opinion, in a very correct way - bravely, like a man";
        let out = mark_differences(&[a, b]);
        assert_eq!(differing(&out[0]), ["courageously", "real"]);
        assert_eq!(differing(&out[1]), ["bravely"]);
        assert_eq!(joined(&out[0]), a);
        assert_eq!(joined(&out[1]), b);
    }

    #[test]
    fn identical_and_single_variants() {
        let a = "Exactly the same words.";
        let out = mark_differences(&[a, a]);
        assert!(out.iter().all(|v| differing(v).is_empty()));
        assert_eq!(
            out[0],
            vec![Segment {
                text: a.into(),
                differs: false
            }]
        );

        let out = mark_differences(&["Only one, lonely variant"]);
        assert_eq!(out.len(), 1);
        assert!(differing(&out[0]).is_empty());

        assert!(mark_differences(&[]).is_empty());
        assert_eq!(mark_differences(&["", ""]), vec![Vec::new(), Vec::new()]);
    }

    #[test]
    fn punctuation_case_and_quotes_do_not_count() {
        let a = "“He’s READY,” she said — finally.";
        let b = "\"he's ready\" she said - finally";
        let out = mark_differences(&[a, b]);
        assert!(differing(&out[0]).is_empty(), "{:?}", out[0]);
        assert!(differing(&out[1]).is_empty(), "{:?}", out[1]);
    }

    #[test]
    fn three_variants() {
        let a = "he acted like a real man";
        let b = "he acted like a man";
        let c = "he behaved like a real man";
        let out = mark_differences(&[a, b, c]);
        // "real" is missing from b; "acted" from c.
        assert_eq!(differing(&out[0]), ["acted", "real"]);
        assert_eq!(differing(&out[1]), ["acted"]);
        assert_eq!(differing(&out[2]), ["behaved", "real"]);
    }

    #[test]
    fn separators_between_differing_words_join_the_run() {
        let out = mark_differences(&["we must act now, together", "we should wait"]);
        assert_eq!(differing(&out[0]), ["must act now, together"]);
        assert_eq!(differing(&out[1]), ["should wait"]);
    }

    #[test]
    fn concatenation_reproduces_each_variant() {
        let variants = [
            "  Leading and trailing  ",
            "— only punctuation —",
            "Путин сказал: «как настоящий мужчина»",
            "cafe\u{301}\tand\ncafé",
            "",
            "!!!",
            "a",
        ];
        let out = mark_differences(&variants);
        for (v, segs) in variants.iter().zip(&out) {
            assert_eq!(&joined(segs), v);
            assert!(segs.iter().all(|s| !s.text.is_empty()));
            assert!(segs.windows(2).all(|w| w[0].differs != w[1].differs));
        }
    }

    #[test]
    fn accents_in_either_form_match() {
        let out = mark_differences(&["the café opened", "the cafe\u{301} opened"]);
        assert!(out.iter().all(|v| differing(v).is_empty()));
    }

    #[test]
    fn very_long_variants_mark_nothing() {
        let long = "word ".repeat(MAX_WORDS + 1);
        let out = mark_differences(&[&long, "something else entirely"]);
        assert!(out.iter().all(|v| differing(v).is_empty()));
        assert_eq!(joined(&out[0]), long);
    }

    #[test]
    fn tokenize_keeps_inner_punctuation() {
        let s = "(don't) co-operate U.S.";
        let words: Vec<&str> = tokenize(s)
            .into_iter()
            .filter(|p| p.word)
            .map(|p| &s[p.range])
            .collect();
        assert_eq!(words, ["don't", "co-operate", "U.S"]);
    }
}

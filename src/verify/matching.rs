//! Normalised passage matching: finds an editor's quoted words in an article even when the two
//! differ in case, curly vs straight quotes, dashes, whitespace, `...` vs `…` or Unicode
//! composition, and maps the match back to a byte range of the article as written.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::ops::Range;

use crate::primitives::normalize::is_word_char;
pub use crate::primitives::normalize::{NormalizedText, normalize, normalize_mapped};
use unicode_normalization::char::is_combining_mark;

/// A passage to look for, normalised, with its searcher built once: a story's quotes are
/// looked for in paragraph after paragraph, and building a searcher for a long passage cost as
/// much as most of the searches.
pub struct Needle {
    finder: memchr::memmem::Finder<'static>,
}

impl Needle {
    /// `words` normalised as the paragraphs are ([`normalize`]).
    pub fn new(words: &str) -> Needle {
        Needle::normalized(normalize(words))
    }

    fn normalized(text: String) -> Needle {
        Needle {
            finder: memchr::memmem::Finder::new(text.as_bytes()).into_owned(),
        }
    }

    fn len(&self) -> usize {
        self.finder.needle().len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Each occurrence of `needle` in `hay` at or after `from`, overlapping ones too, that does not
/// end inside a character's accents: `cafe` must not match the `cafe` of `café` (stored as
/// `cafe` + U+0301). (Both are UTF-8, so a match of the needle's bytes starts on a char.)
fn occurrences<'h>(
    hay: &'h NormalizedText,
    needle: &'h Needle,
    mut from: usize,
) -> impl Iterator<Item = usize> + 'h {
    let text = &hay.text;
    std::iter::from_fn(move || {
        while let Some(found) = text
            .as_bytes()
            .get(from..)
            .and_then(|rest| needle.finder.find(rest))
        {
            let at = from + found;
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            let splits_cluster = text
                .get(at + needle.len()..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_combining_mark);
            if !splits_cluster {
                return Some(at);
            }
        }
        None
    })
}

/// Whether the occurrence at `at` starts and ends between original chars, not inside what one
/// char expanded to (the `i` of `ﬁ`, the `2` of `½` -> `1⁄2`).
fn lines_up(hay: &NormalizedText, at: usize, len: usize) -> bool {
    hay.is_boundary(at) && hay.is_boundary(at + len)
}

/// The next of [`occurrences`] from `from`; with `aligned`, the next that [`lines_up`].
fn next_match(hay: &NormalizedText, needle: &Needle, from: usize, aligned: bool) -> Option<usize> {
    occurrences(hay, needle, from).find(|&at| !aligned || lines_up(hay, at, needle.len()))
}

/// The first occurrence that lines up with the original chars, or else the first one inside an
/// expansion (which [`NormalizedText::original_range`] widens to the whole char): a quoted `fi`
/// is the later `fi`, not the `ﬁ` before it, but `ine` is still found in `ﬁne`. In one scan:
/// most paragraphs tried do not hold the passage at all, and scanning those twice doubled the
/// time spent looking passages up.
fn first_match(hay: &NormalizedText, needle: &Needle) -> Option<usize> {
    let mut unaligned = None;
    for at in occurrences(hay, needle, 0) {
        if lines_up(hay, at, needle.len()) {
            return Some(at);
        }
        unaligned.get_or_insert(at);
    }
    unaligned
}

fn trim_original(original: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = original.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start < end { start..end } else { range }
}

/// Byte range in `haystack` of the first occurrence of `needle`, both normalised.
///
/// The range covers whole original chars and no leading or trailing whitespace, so
/// `&haystack[range]` is the passage as the article spells it. `None` if `needle` is empty or
/// whitespace, or does not occur.
pub fn find_passage(haystack: &str, needle: &str) -> Option<Range<usize>> {
    find_normalized(&normalize_mapped(haystack), haystack, &Needle::new(needle))
}

/// [`find_passage`] for a haystack and needle normalised already (`hay` is
/// `normalize_mapped(haystack)`): a story's quotes are all looked up in the same paragraphs,
/// which are normalised once.
pub fn find_normalized(
    hay: &NormalizedText,
    haystack: &str,
    needle: &Needle,
) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let at = first_match(hay, needle)?;
    hay.original_range(at..at + needle.len())
        .map(|r| trim_original(haystack, r))
}

/// Every non-overlapping occurrence, in order, as [`find_passage`] reports the first.
pub fn find_all(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = Needle::new(needle);
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let hay = normalize_mapped(haystack);
    // As in `first_match`: occurrences inside expansions only when there is no other.
    let aligned = next_match(&hay, &needle, 0, true).is_some();
    let mut from = 0;
    while let Some(at) = next_match(&hay, &needle, from, aligned) {
        let end = at + needle.len();
        if let Some(r) = hay.original_range(at..end) {
            let r = trim_original(haystack, r);
            // Occurrences inside one char's expansion (the three `'` of `‴`) all widen to that
            // char: report it once.
            if found
                .last()
                .is_none_or(|last: &Range<usize>| last.end <= r.start)
            {
                found.push(r);
            }
        }
        from = end;
    }
    found
}

/// The passage of an article most like a quote that was not found verbatim.
#[derive(Debug, Clone, PartialEq)]
pub struct Closest {
    /// Byte range in the haystack as written.
    pub range: Range<usize>,
    /// `strsim::normalized_levenshtein` of the normalised texts, in `0.0..=1.0`.
    pub similarity: f64,
}

/// Rough count of Levenshtein cells (chars x chars) one search may spend: a couple of hundred
/// milliseconds at worst, whatever the size of the article.
const LEVENSHTEIN_BUDGET: u128 = 30_000_000;
/// Most windows compared in one search, whatever their size (each costs an allocation).
const MAX_WINDOWS: usize = 100_000;

/// Finds the run of the haystack's words most similar to `needle`, for hints such as
/// `closest passage "…" (87% similar)`.
///
/// Windows of the needle's word count, one less and one more are compared with
/// `strsim::normalized_levenshtein` after normalisation, ignoring punctuation at the window's
/// and the needle's edges (a trailing comma is not a difference worth reporting). An exact
/// occurrence is returned with similarity 1.0.
///
/// Bounded: when comparing every window would exceed a fixed budget (long articles, long
/// quotes), only the windows sharing the most words with the needle are compared, and windows
/// sharing none are not considered; `None` if there are none, or if the needle alone is too long
/// to compare (about 5,000 chars).
pub fn closest_passage(haystack: &str, needle: &str) -> Option<Closest> {
    let needle = normalize(needle);
    if needle.is_empty() {
        return None;
    }
    let hay = normalize_mapped(haystack);
    let to_original = |r: Range<usize>| hay.original_range(r).map(|r| trim_original(haystack, r));
    if let Some(at) = first_match(&hay, &Needle::normalized(needle.clone())) {
        return Some(Closest {
            range: to_original(at..at + needle.len())?,
            similarity: 1.0,
        });
    }

    let needle_cmp = {
        let r = strip_edges(&needle);
        if r.is_empty() {
            &needle[..]
        } else {
            &needle[r]
        }
    };
    let needle_chars = needle_cmp.chars().count() as u128;
    if needle_chars * needle_chars > LEVENSHTEIN_BUDGET {
        return None;
    }

    let words = word_ranges(&hay.text);
    if words.is_empty() {
        return None;
    }
    let k = needle.split(' ').count();
    let mut lens: Vec<usize> = [k, k.saturating_sub(1), k + 1]
        .into_iter()
        .filter(|&l| l >= 1)
        .map(|l| l.min(words.len()))
        .collect();
    lens.dedup();
    lens.sort_unstable();
    lens.dedup();

    let avg_word = (hay.text.len() / words.len()).max(1) as u128;
    let window_cost = |len: usize| len as u128 * avg_word * needle_chars.max(1);
    let window_count: usize = lens.iter().map(|&l| words.len() - l + 1).sum();
    let exhaustive_cost: u128 = lens
        .iter()
        .map(|&l| (words.len() - l + 1) as u128 * window_cost(l))
        .sum();

    let mut best: Option<(f64, Range<usize>)> = None;
    let mut consider = |start: usize, l: usize| {
        let window = words[start].start..words[start + l - 1].end;
        let inner = strip_edges(&hay.text[window.clone()]);
        let window = if inner.is_empty() {
            window
        } else {
            window.start + inner.start..window.start + inner.end
        };
        let text = &hay.text[window.clone()];
        // The length difference alone bounds the similarity; skip hopeless windows cheaply.
        let chars = text.chars().count() as u128;
        let longest = chars.max(needle_chars).max(1);
        let bound = 1.0 - chars.abs_diff(needle_chars) as f64 / longest as f64;
        if best.as_ref().is_some_and(|(b, _)| bound <= *b) {
            return;
        }
        let sim = strsim::normalized_levenshtein(text, needle_cmp);
        if best.as_ref().is_none_or(|(b, _)| sim > *b) {
            best = Some((sim, window));
        }
    };
    if exhaustive_cost <= LEVENSHTEIN_BUDGET && window_count <= MAX_WINDOWS {
        for start in 0..words.len() {
            for &l in &lens {
                if start + l <= words.len() {
                    consider(start, l);
                }
            }
        }
    } else {
        let max_len = lens.iter().copied().max().unwrap_or(1);
        let budget_windows = LEVENSHTEIN_BUDGET / window_cost(max_len).max(1);
        let limit = usize::try_from(budget_windows)
            .unwrap_or(usize::MAX)
            .clamp(1, MAX_WINDOWS);
        for (start, l) in shared_word_windows(&hay.text, &words, &needle, &lens, limit) {
            consider(start, l);
        }
    }
    let (similarity, window) = best?;
    Some(Closest {
        range: to_original(window)?,
        similarity: similarity.clamp(0.0, 1.0),
    })
}

/// Byte ranges of the space-separated words of a normalised text.
fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = 0;
    for part in text.split(' ') {
        if !part.is_empty() {
            words.push(start..start + part.len());
        }
        start += part.len() + 1;
    }
    words
}

/// The sub-range of `s` without leading and trailing punctuation.
fn strip_edges(s: &str) -> Range<usize> {
    let trimmed_start = s.trim_start_matches(|c| !is_word_char(c));
    let start = s.len() - trimmed_start.len();
    let end = start + trimmed_start.trim_end_matches(|c| !is_word_char(c)).len();
    start..end
}

/// Up to `limit` windows `(first word, word count)` ranked by how many of their words occur in
/// the needle, best first; windows sharing no word are left out.
fn shared_word_windows(
    text: &str,
    words: &[Range<usize>],
    needle: &str,
    lens: &[usize],
    limit: usize,
) -> Vec<(usize, usize)> {
    let key = |w: &str| -> String {
        let r = strip_edges(w);
        w[r].to_string()
    };
    let needle_words: HashSet<String> = needle
        .split(' ')
        .map(key)
        .filter(|w| !w.is_empty())
        .collect();
    // prefix[i] = how many of the first i haystack words occur in the needle.
    let mut prefix = Vec::with_capacity(words.len() + 1);
    prefix.push(0usize);
    let mut count = 0;
    for w in words {
        let k = strip_edges(&text[w.clone()]);
        let w = &text[w.start + k.start..w.start + k.end];
        if !w.is_empty() && needle_words.contains(w) {
            count += 1;
        }
        prefix.push(count);
    }
    // Best `limit` windows by (most shared words, earliest, shortest), kept in a bounded
    // max-heap whose top is the worst kept, so memory stays O(limit) on huge articles.
    let mut kept: BinaryHeap<(Reverse<usize>, usize, usize)> = BinaryHeap::new();
    for start in 0..words.len() {
        for &l in lens {
            if start + l > words.len() {
                continue;
            }
            let shared = prefix[start + l] - prefix[start];
            if shared == 0 {
                continue;
            }
            let entry = (Reverse(shared), start, l);
            if kept.len() < limit {
                kept.push(entry);
            } else if kept.peek().is_some_and(|worst| entry < *worst) {
                kept.pop();
                kept.push(entry);
            }
        }
    }
    let mut windows: Vec<(usize, usize)> = kept.into_iter().map(|(_, s, l)| (s, l)).collect();
    // Back into document order so that ties in similarity go to the earliest window.
    windows.sort_unstable();
    windows
}

#[cfg(test)]
// One-element lists of ranges are what these assertions mean.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn found<'a>(hay: &'a str, needle: &str) -> Option<&'a str> {
        find_passage(hay, needle).map(|r| &hay[r])
    }

    #[test]
    fn normalize_basics() {
        assert_eq!(normalize("  Hello,\u{a0}\n\tWorld  "), "hello, world");
        assert_eq!(
            normalize("“Quote” ‘single’ „low‟ «guill»"),
            "\"quote\" 'single' \"low\" \"guill\""
        );
        assert_eq!(normalize("a–b—c‐d−e﹘f﹣g－h"), "a-b-c-d-e-f-g-h");
        assert_eq!(normalize("wait…"), "wait...");
        assert_eq!(normalize("it`s it´s it′s"), "it's it's it's");
        assert_eq!(normalize("6″ tall"), "6\" tall");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n\u{a0} "), "");
        assert_eq!(
            normalize("soft\u{ad}hyphen zero\u{200b}width"),
            "softhyphen zerowidth"
        );
    }

    #[test]
    fn normalize_unicode_case_and_composition() {
        assert_eq!(normalize("ПУТИН  сказал"), normalize("Путин сказал"));
        assert_eq!(normalize("ΟΔΥΣΣΕΥΣ"), normalize("οδυσσευς"));
        assert_eq!(normalize("Café"), normalize("cafe\u{301}"));
        assert_eq!(normalize("cafe\u{301}"), "cafe\u{301}");
        // Accents given in a different order are canonically equivalent.
        assert_eq!(normalize("q\u{301}\u{323}"), normalize("q\u{323}\u{301}"));
        assert_eq!(normalize("ﬁne"), "fine");
    }

    #[test]
    fn normalize_is_idempotent_on_tricky_inputs() {
        let inputs = [
            "“Hello” — it’s «ΣΊΣΥΦΟΣ» … \u{a0}\n done",
            "İstanbul ﬃ ᴬ ℡ Ω ẞ",
            "q\u{301}\u{323} \u{301}start ´ \u{1ffd}x \u{1ffd}",
            " \u{ad} \u{feff}lead and trail \u{2003} ",
            "e\u{301}\u{301}\u{327}\u{301}",
            "‴ ⁗ ﹏ ﹉ ",
        ];
        for s in inputs {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "input {s:?}");
        }
    }

    #[test]
    fn normalize_is_idempotent_for_every_char() {
        let mut failures = Vec::new();
        // Every block with decompositions or case mappings; CJK ideographs and the private
        // use areas are skipped to keep the test fast.
        let blocks = [
            0..0x3400,
            0xA000..0x1_0000,
            0x1_0000..0x2_0000,
            0x2_F800..0x2_FA20,
        ];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            let once = normalize(&s);
            if normalize(&once) != once {
                failures.push(c);
            }
        }
        assert!(failures.is_empty(), "not idempotent for {failures:?}");
    }

    #[test]
    fn mapping_covers_every_byte() {
        let s = "  Ünïcode…  “quotes”\u{a0}and\n\nﬁne ПУТИН e\u{301}";
        let n = normalize_mapped(s);
        let mut expected = 0;
        for span in &n.spans {
            assert_eq!(span.norm.start, expected);
            expected = span.norm.end;
            assert!(s.is_char_boundary(span.orig.start) && s.is_char_boundary(span.orig.end));
        }
        assert_eq!(expected, n.text.len());
        for (i, c) in n.text.char_indices() {
            let r = n.original_range(i..i + c.len_utf8()).expect("maps");
            assert!(s.get(r).is_some());
        }
        assert_eq!(n.original_range(3..3), None);
        assert_eq!(n.original_range(0..n.text.len() + 1), None);
    }

    #[test]
    fn quotes_dashes_ellipsis() {
        let hay = "He said: “It’s a very correct way – courageously, like a real man…”";
        assert_eq!(
            found(hay, "it's a very correct way"),
            Some("It’s a very correct way")
        );
        assert_eq!(found(hay, "way - courageously"), Some("way – courageously"));
        assert_eq!(found(hay, "like a real man..."), Some("like a real man…"));
        assert_eq!(found(hay, "\"It's a very"), Some("“It’s a very"));
        let hay2 = "straight \"quotes\" and it's -- no";
        assert_eq!(found(hay2, "“quotes”"), Some("\"quotes\""));
        assert_eq!(found(hay2, "it’s"), Some("it's"));
        assert_eq!(found("one — two", "one - two"), Some("one — two"));
        assert_eq!(found("so... then", "so… then"), Some("so... then"));
    }

    #[test]
    fn whitespace_and_case() {
        let hay = "The President\u{a0}said\nthat  he was\r\n  READY.";
        assert_eq!(
            found(hay, "president said that he"),
            Some("President\u{a0}said\nthat  he")
        );
        assert_eq!(found(hay, "he was ready"), Some("he was\r\n  READY"));
        assert_eq!(found(hay, "  was ready.  "), Some("was\r\n  READY."));
        assert_eq!(found(hay, "absent"), None);
    }

    #[test]
    fn cyrillic_and_greek() {
        let hay = "Вчера ПУТИН  сказал, что…";
        assert_eq!(found(hay, "Путин сказал"), Some("ПУТИН  сказал"));
        let greek = "Ο ΟΔΥΣΣΕΥΣ ήρθε";
        assert_eq!(found(greek, "οδυσσευς"), Some("ΟΔΥΣΣΕΥΣ"));
        assert_eq!(found("ο οδυσσευς", "ΟΔΥΣΣΕΥΣ"), Some("οδυσσευς"));
    }

    #[test]
    fn combining_accents_both_ways() {
        let precomposed = "Le café est ouvert";
        let decomposed = "Le cafe\u{301} est ouvert";
        assert_eq!(found(precomposed, "cafe\u{301} est"), Some("café est"));
        assert_eq!(found(decomposed, "café est"), Some("cafe\u{301} est"));
        assert_eq!(found(precomposed, "CAFÉ"), Some("café"));
        // A bare letter does not match the same letter carrying an accent.
        assert_eq!(found(precomposed, "cafe"), None);
        assert_eq!(found(decomposed, "cafe"), None);
        assert_eq!(found("cafe café", "cafe"), Some("cafe"));
    }

    #[test]
    fn ranges_are_exact_original_slices() {
        let hay = "Intro. “Ünïcode…” – ﬁne\u{a0}words\tend";
        let r = find_passage(hay, "\"ünïcode...\" - fine words").expect("found");
        assert_eq!(&hay[r.clone()], "“Ünïcode…” – ﬁne\u{a0}words");
        assert_eq!(r.start, "Intro. ".len());
        // A match that begins inside an expansion widens to the whole original char.
        assert_eq!(found(hay, "fine"), Some("ﬁne"));
        assert_eq!(found(hay, "ine"), Some("ﬁne"));
        assert_eq!(found("wait…", "."), Some("…"));
    }

    #[test]
    fn prefers_matches_that_line_up_with_original_chars() {
        // Found by `properties::passage_cut_from_article_is_found`: the `s` of `ﬅ` (`st`) was
        // reported, widened to the whole ligature, although a plain `s` follows.
        let hay = "ﬅsz";
        assert_eq!(find_passage(hay, "s"), Some(3..4));
        let hay = "up ½ million, then 2 million";
        let r = find_passage(hay, "2 million").expect("found");
        assert_eq!(r.start, hay.rfind('2').expect("a 2"));
        assert_eq!(&hay[r.clone()], "2 million");
        assert_eq!(closest_passage(hay, "2 million").map(|c| c.range), Some(r));
        let hay = "ﬁ fi";
        assert_eq!(find_all(hay, "i"), [5..6]);
        // Without a plain occurrence, one inside an expansion is still found.
        assert_eq!(found("ﬁne", "ine"), Some("ﬁne"));
        assert_eq!(find_all("ﬁ ﬁ", "i").len(), 2);
    }

    #[test]
    fn find_all_reports_an_expansion_once() {
        // Found by the `matching` fuzz target: `‴` normalises to three `'`, and each of them
        // was reported as an occurrence of `‹`, widened to the same range.
        assert_eq!(find_all("X0‴\u{1}", "‹"), [2..5]);
        assert_eq!(find_all("ﬃ ﬃ", "f"), [0..3, 4..7]);
    }

    #[test]
    fn needle_edge_cases() {
        assert_eq!(
            find_passage("short", "a much longer needle than this"),
            None
        );
        assert_eq!(find_passage("", "x"), None);
        assert_eq!(find_passage("text", ""), None);
        assert_eq!(find_passage("text", " \n\u{a0}"), None);
        assert_eq!(find_passage("", ""), None);
        assert_eq!(found("exact", "exact"), Some("exact"));
        assert!(find_all("x", "").is_empty());
        assert!(closest_passage("text", "  ").is_none());
        assert!(closest_passage("", "text").is_none());
    }

    #[test]
    fn find_all_is_non_overlapping() {
        let hay = "Aa aa AA aaa";
        let all: Vec<&str> = find_all(hay, "aa").into_iter().map(|r| &hay[r]).collect();
        assert_eq!(all, ["Aa", "aa", "AA", "aa"]);
        let hay = "“yes”, \"yes\" and YES";
        assert_eq!(find_all(hay, "yes").len(), 3);
        assert_eq!(find_all(hay, "“yes”").len(), 2);
        assert!(find_all(hay, "no").is_empty());
    }

    #[test]
    fn closest_passage_off_by_one_word() {
        let hay = "He behaved, in my opinion, in a very correct way – courageously, like a real \
                   man. Then he left the stage.";
        let c = closest_passage(hay, "courageously, like a man").expect("some");
        // Levenshtein prefers dropping "man" (4 edits) to adding "real " (5 edits).
        assert_eq!(&hay[c.range.clone()], "courageously, like a real");
        assert!(c.similarity > 0.7 && c.similarity < 1.0, "{}", c.similarity);

        let hay = "The speaker said he behaved like a man and left.";
        let c = closest_passage(hay, "like a real man").expect("some");
        assert_eq!(&hay[c.range.clone()], "like a man");
        assert!(c.similarity > 0.6, "{}", c.similarity);
    }

    #[test]
    fn closest_passage_exact_and_small() {
        let hay = "Путин сказал: «хорошо»";
        let c = closest_passage(hay, "ПУТИН СКАЗАЛ").expect("some");
        assert_eq!(c.similarity, 1.0);
        assert_eq!(&hay[c.range], "Путин сказал");
        // Needle longer than the whole haystack still gets a (poor) answer.
        let c = closest_passage("one two", "one two three four five six").expect("some");
        assert_eq!(&"one two"[c.range], "one two");
        assert!(c.similarity < 0.5);
        // Only punctuation differs at the edge.
        let hay = "and he said: like a man, then";
        let c = closest_passage(hay, "like a man.").expect("some");
        assert_eq!(&hay[c.range], "like a man");
        assert_eq!(c.similarity, 1.0);
    }

    #[test]
    fn closest_passage_is_bounded_on_large_haystacks() {
        let filler = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do ";
        let mut hay = filler.repeat(10_000); // 100,000 words
        let at = hay.len();
        hay.push_str("the minister insisted that the agreement was signed in good faith ");
        hay.push_str(&filler.repeat(100));
        let start = std::time::Instant::now();
        let c = closest_passage(
            &hay,
            "the minister insisted the agreement had been signed in good faith",
        )
        .expect("some");
        assert!(c.range.start >= at, "{:?}", c.range);
        assert!(hay[c.range.clone()].contains("minister"));
        assert!(c.similarity > 0.8);
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
        // Nothing in common and too large to compare exhaustively.
        assert!(closest_passage(&hay, "zzz qqq").is_none());
        // A needle too long to compare at all.
        assert!(closest_passage("a b", &"word ".repeat(3_000)).is_none());
    }

    #[test]
    fn no_panics_on_odd_input() {
        let odd = [
            "\u{301}",
            "\u{301}\u{301} \u{301}",
            "\u{1ffd}",
            "a\u{ad}",
            "\0\u{fffd}\u{10ffff}",
            "\u{feff}",
            "…",
            "ﬃ",
        ];
        for h in odd {
            for n in odd {
                let _ = find_passage(h, n);
                let _ = find_all(h, n);
                if let Some(c) = closest_passage(h, n) {
                    assert!(h.get(c.range).is_some());
                }
            }
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::primitives::normalize::expand;
    use crate::test_support::proptest_config as config;
    use proptest::prelude::*;

    /// Characters that normalisation treats specially, plus a few that decompose or case-map in
    /// surprising ways.
    const TRICKY: &[char] = &[
        ' ', ' ', '\n', '\t', '\r', '\u{a0}', '\u{2003}', '\u{3000}', '“', '”', '‘', '’', '‚', '„',
        '‟', '«', '»', '‹', '›', '′', '″', '´', '`', '\'', '"', '\u{2bc}', '-', '–', '—', '‐', '−',
        '﹘', '－', '…', '.', ',', '!', 'Σ', 'ς', 'σ', 'Ο', 'ΐ', 'ͅ', 'İ', 'ı', 'ẞ', 'ß', 'ﬁ', 'ﬃ',
        'ﬅ', '½', '²', '№', 'é', 'É', 'e', 'q', 'ǅ', 'K', 'Ω', 'ᴬ', '℡', '\u{ad}', '\u{200b}',
        '\u{2060}', '\u{feff}', '\u{1ffd}', '\u{1fed}', '\u{301}', '\u{323}', '\u{327}', 'Й', 'й',
        'Ё', '\0',
    ];

    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            6 => proptest::sample::select(TRICKY),
            4 => proptest::char::range('a', 'z'),
            1 => proptest::char::range('A', 'Z'),
            2 => proptest::char::range('\u{300}', '\u{36f}'),
            2 => proptest::char::range('\u{391}', '\u{3c9}'),
            2 => proptest::char::range('\u{400}', '\u{44f}'),
            1 => any::<char>(),
        ]
    }

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop_oneof![
            4 => proptest::collection::vec(tricky_char(), 0..max)
                .prop_map(|v| v.into_iter().collect::<String>()),
            1 => any::<String>(),
        ]
    }

    /// An article and a char-boundary cut `start..end` of it.
    fn article_and_cut() -> impl Strategy<Value = (String, usize, usize)> {
        text(60).prop_flat_map(|article| {
            let len = article.len();
            (Just(article), 0..=len, 0..=len)
        })
    }

    fn floor_boundary(s: &str, mut i: usize) -> usize {
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// Whether the first char of `s` that normalisation keeps starts with a combining mark.
    fn starts_with_mark(s: &str) -> bool {
        let mut scratch = Vec::new();
        for c in s.chars() {
            if c.is_ascii() {
                return false;
            }
            expand(c, &mut scratch);
            if let Some(&first) = scratch.first() {
                return is_combining_mark(first);
            }
        }
        false
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            max_global_rejects: 1 << 20,
            ..config()
        })]

        #[test]
        fn normalize_is_idempotent(s in text(80)) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn normalize_mapped_covers_the_text(s in text(80)) {
            let n = normalize_mapped(&s);
            let mut expected = 0;
            for span in &n.spans {
                prop_assert_eq!(span.norm.start, expected);
                expected = span.norm.end;
                prop_assert!(s.get(span.orig.clone()).is_some());
            }
            prop_assert_eq!(expected, n.text.len());
        }

        /// A passage cut from an article is found in it, and the range found normalises to
        /// the same words. Cuts that split a character from its accents (`e` of `é` written
        /// `e` + U+0301) are deliberately not matched, so they are left out.
        #[test]
        fn passage_cut_from_article_is_found((article, a, b) in article_and_cut()) {
            let (start, end) = (a.min(b), a.max(b));
            let (start, end) = (floor_boundary(&article, start), floor_boundary(&article, end));
            let passage = article[start..end].trim();
            prop_assume!(passage.chars().any(char::is_alphanumeric));
            prop_assume!(!starts_with_mark(passage));
            prop_assume!(!starts_with_mark(&article[end..]));
            let range = find_passage(&article, passage);
            prop_assert!(range.is_some(), "{:?} not found in {:?}", passage, article);
            let range = range.unwrap_or_default();
            prop_assert!(article.get(range.clone()).is_some());
            prop_assert_eq!(normalize(&article[range.clone()]), normalize(passage));
            let closest = closest_passage(&article, passage);
            prop_assert_eq!(closest.map(|c| (c.range, c.similarity)), Some((range, 1.0)));
        }

        /// Whatever the inputs, ranges are slices of the haystack and similarities are in 0..=1.
        #[test]
        fn search_results_are_valid_slices(hay in text(60), needle in text(20)) {
            if let Some(r) = find_passage(&hay, &needle) {
                prop_assert!(hay.get(r.clone()).is_some());
                prop_assert!(!r.is_empty());
            }
            let all = find_all(&hay, &needle);
            for r in &all {
                prop_assert!(hay.get(r.clone()).is_some());
            }
            for pair in all.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{:?}", all);
            }
            if let Some(c) = closest_passage(&hay, &needle) {
                prop_assert!(hay.get(c.range.clone()).is_some());
                prop_assert!((0.0..=1.0).contains(&c.similarity));
            }
        }
    }
}

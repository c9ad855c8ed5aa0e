//! Words, sentences and the word-level comparisons the quote and dispute finders share.
//!
//! Everything here works on byte ranges of a paragraph as the article spells it, so that what
//! is finally proposed can be cut out of the article verbatim and verifies unchanged.

use std::ops::Range;

/// One word of a text: where it is, and the forms the comparisons use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// Lower case, curly apostrophes made straight.
    pub lower: String,
    /// [`stem`] of `lower`: `calling` and `call`, `elected` and `election` compare equal.
    pub stem: String,
    /// Not a function word: what two renderings of one sentence must share to be the same.
    pub content: bool,
    /// Starts with a capital letter (names, places; or the first word of a sentence).
    pub capital: bool,
}

/// English function words. Translations of one sentence share its content words in order,
/// while any two sentences share these, so they count for little in a comparison.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "himself", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "my", "no", "nor",
    "not", "now", "of", "on", "or", "our", "out", "over", "she", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says", "say",
    "s", "t", "don't", "i'm", "it's", "that's", "there's", "wasn't", "wouldn't", "won't", "didn't",
    "doesn't", "isn't", "aren't", "can't", "we'll", "i'll", "they'll", "he's", "let's",
];

pub fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(&lower)
}

/// A crude English stemmer: enough for `calling`/`call`, `elected`/`election`,
/// `courageously`/`courageous`, `weeks`/`week`. A real stemmer would be a dependency for
/// little gain: the comparisons only need the common inflections to meet.
pub fn stem(lower: &str) -> String {
    const SUFFIXES: &[&str] = &["ingly", "ions", "ion", "ing", "ly", "ed", "es", "s"];
    for suffix in SUFFIXES {
        if let Some(base) = lower.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return base.to_string();
        }
    }
    lower.to_string()
}

/// A char that continues a word: letters, digits, and an apostrophe between letters
/// (`don't`, `Putin’s`), which is why apostrophes are never taken for quotation marks.
fn apostrophe_inside(text: &str, at: usize, c: char) -> bool {
    if c != '\'' && c != '’' {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphabetic)
}

/// The words of `text`. Hyphens split words (`Moscow-based` is `Moscow` and `based`), so a name
/// inside a compound is still found.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || (start.is_some() && apostrophe_inside(text, i, c));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(text, s..i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(text, s..text.len()));
    }
    out
}

fn word(text: &str, range: Range<usize>) -> Word {
    let raw = &text[range.clone()];
    let lower = raw.to_lowercase().replace('’', "'");
    let stem = stem(&lower);
    Word {
        content: !is_stopword(&lower),
        capital: raw.chars().next().is_some_and(char::is_uppercase),
        range,
        lower,
        stem,
    }
}

/// Sentence ranges of `text`: a sentence ends at `.`, `!`, `?` or `…` (and any closing quotes
/// or brackets after it) followed by white space and a capital, a digit or an opening quote.
/// Abbreviations such as `U.S.` end no sentence because no space follows their inner dots.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = k + 1;
            while j < chars.len()
                && matches!(chars[j].1, '.' | '”' | '’' | '"' | '\'' | ')' | '»' | '“')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(i, _)| i);
            let mut n = j;
            let mut spaced = false;
            while n < chars.len() && chars[n].1.is_whitespace() {
                spaced = true;
                n += 1;
            }
            let next_starts = chars.get(n).is_some_and(|&(_, c)| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '«' | '„' | '‘')
            });
            if spaced && next_starts {
                push_trimmed(text, start..end, &mut out);
                start = chars[n].0;
                k = n;
                continue;
            }
        }
        k += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

/// How much a word counts in a comparison: content words carry the meaning, function words
/// only the shape.
pub fn weight(w: &Word) -> f64 {
    if w.content { 1.0 } else { 0.25 }
}

/// The weighted longest common subsequence of two word lists (by stem): the words two
/// renderings share in the same order. Returns its weight and the shared content words, in
/// the order of `a`.
pub fn common_in_order(a: &[Word], b: &[Word]) -> (f64, Vec<String>) {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i].stem == b[j].stem {
                table[i + 1][j + 1] + weight(&a[i])
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let mut shared = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i].stem == b[j].stem {
            if a[i].content {
                shared.push(a[i].lower.clone());
            }
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (table[0][0], shared)
}

pub fn total_weight(words: &[Word]) -> f64 {
    words.iter().map(weight).sum()
}

/// `text[range]` without trailing commas, colons, semicolons or dashes: the words of a quote
/// cut at `,” he said` should not end in the comma.
pub fn trim_trailing_punctuation(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '—' | '-')
    });
    range.start..range.start + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_stay_inside_words() {
        let w: Vec<String> = words("Putin’s point: don't")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["putin's", "point", "don't"]);
    }

    #[test]
    fn hyphens_split_compounds() {
        let w: Vec<String> = words("Moscow-based club")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["moscow", "based", "club"]);
    }

    #[test]
    fn sentences_end_before_a_capital() {
        let text = "He came. Then he left the U.S. army! “Why?” she asked. ok.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "He came.",
                "Then he left the U.S. army!",
                "“Why?” she asked. ok."
            ]
        );
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("calling"), stem("call"));
        assert_eq!(stem("elected"), stem("election"));
        assert_eq!(stem("weeks"), "week");
    }

    #[test]
    fn order_matters() {
        let a = words("He turned out to be a courageous person");
        let b = words("He turned out to be a very brave man");
        let (w, shared) = common_in_order(&a, &b);
        assert_eq!(shared, ["turned"]);
        assert!((w - 2.25).abs() < 1e-9, "{w}");
    }
}

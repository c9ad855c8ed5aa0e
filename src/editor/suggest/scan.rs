//! The quotation scanner: where a paragraph puts words in quotation marks, in the conventions
//! of any script: “…” and ‘…’ (English), „…“ and ‚…‘ (German, Bulgarian, Ukrainian), „…”
//! (Polish, Hungarian, Romanian), «…» and »…« (French, Russian, Arabic; Danish, German), ‹…›
//! (Swiss), 「…」 and 『…』 (Japanese, Chinese), ״…״ (Hebrew, which also writes "…"), straight
//! "…" and '…', and a paragraph that is a Markdown block quote (`> …`).

use std::ops::Range;

/// A passage in quotation marks: the words between the marks, trimmed of white space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    pub range: Range<usize>,
    /// How many other quotations enclose this one (0: the outlet quotes it; 1: the speaker
    /// quotes someone).
    pub depth: usize,
}

/// An opening mark waiting for its close.
struct Open {
    mark: char,
    /// Where the words start (just after the mark).
    inner: usize,
}

/// The closing marks an opening mark may be closed by.
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”'],
        // Outlets that type „ on a keyboard often close with a straight mark.
        '„' => &['“', '”', '"'],
        '‘' => &['’'],
        '‚' => &['‘', '’'],
        '«' => &['»'],
        '»' => &['«'],
        '‹' => &['›'],
        '›' => &['‹'],
        '「' => &['」'],
        '『' => &['』'],
        '"' => &['"'],
        '״' => &['״'],
        '\'' => &['\''],
        _ => &[],
    }
}

fn is_open_context(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
            || is_mark(p)
    })
}

pub fn is_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
            | '"'
            | '״'
            | '\''
    )
}

/// Every quotation of `text`, in order of where it starts. An opening mark never closed, and a
/// closing mark never opened, quote nothing (and do not swallow the quotations after them);
/// an apostrophe between letters (`don't`, `Putin’s`) is no mark at all.
pub fn quotations(text: &str) -> Vec<Quotation> {
    if let Some(block) = block_quote(text) {
        return vec![Quotation {
            range: block,
            depth: 0,
        }];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut stack: Vec<Open> = Vec::new();
    let mut found: Vec<Range<usize>> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_mark(c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let after = i + c.len_utf8();
        // An apostrophe: `don't`, `Putin’s`, `rock 'n' roll` aside.
        if matches!(c, '\'' | '’')
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphabetic)
        {
            continue;
        }
        // Guillemets are unambiguous, and French sets them off with spaces (`« oui »`);
        // the other marks close only after a word and open only before one.
        let guillemet = matches!(c, '«' | '»' | '‹' | '›' | '「' | '」' | '『' | '』');
        // A Chinese or Japanese closing bracket is followed by the next word without a space.
        let can_close = matches!(c, '」' | '』')
            || ((guillemet || prev.is_some_and(|p| !p.is_whitespace()))
                && next.is_none_or(|n| !n.is_alphanumeric()));
        // Close the innermost quotation this mark can close, dropping unclosed ones inside it.
        if can_close && let Some(at) = stack.iter().rposition(|o| closers(o.mark).contains(&c)) {
            let open = &stack[at];
            push_trimmed(text, open.inner..i, &mut found);
            stack.truncate(at);
            continue;
        }
        let opens = matches!(
            c,
            '“' | '„' | '‘' | '‚' | '«' | '‹' | '「' | '『' | '"' | '״' | '\''
        ) || (c == '»' && !stack.iter().any(|o| o.mark == '«'))
            || (c == '›' && !stack.iter().any(|o| o.mark == '‹'));
        // Chinese and Japanese set their brackets right after a word, with no space.
        let bracket = matches!(c, '「' | '『');
        if opens
            && (bracket || is_open_context(prev))
            && (guillemet || next.is_some_and(|n| !n.is_whitespace()))
        {
            stack.push(Open {
                mark: c,
                inner: after,
            });
        }
        // Anything else (a closing mark with nothing to close, a `’` ending a plural
        // possessive) is left alone.
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    found
        .iter()
        .map(|r| Quotation {
            range: r.clone(),
            depth: found
                .iter()
                .filter(|o| *o != r && o.start <= r.start && r.end <= o.end)
                .count(),
        })
        .collect()
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

/// A paragraph that is a Markdown block quote: its words after the `>`, up to the first line
/// break (a later line starts with its own `>`, which is not the article's text).
fn block_quote(text: &str) -> Option<Range<usize>> {
    let rest = text.strip_prefix('>')?;
    let start = text.len() - rest.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let mut out = Vec::new();
    push_trimmed(text, start..end, &mut out);
    out.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<(&str, usize)> {
        quotations(text)
            .into_iter()
            .map(|q| (&text[q.range], q.depth))
            .collect()
    }

    #[test]
    fn every_style() {
        assert_eq!(
            quoted("He said “we are ready” today."),
            [("we are ready", 0)]
        );
        assert_eq!(
            quoted("He said \"we are ready\" today."),
            [("we are ready", 0)]
        );
        assert_eq!(
            quoted("Il a dit « nous sommes prêts » hier."),
            [("nous sommes prêts", 0)]
        );
        assert_eq!(quoted("Он сказал «мы готовы»."), [("мы готовы", 0)]);
        assert_eq!(
            quoted("Er sagte „wir sind bereit“ heute."),
            [("wir sind bereit", 0)]
        );
        assert_eq!(
            quoted("Powiedział „jesteśmy gotowi” wczoraj."),
            [("jesteśmy gotowi", 0)]
        );
        assert_eq!(
            quoted("Er sagte »wir sind bereit« heute."),
            [("wir sind bereit", 0)]
        );
        assert_eq!(
            quoted("He said ‘we are ready’ today."),
            [("we are ready", 0)]
        );
        assert_eq!(
            quoted("He said 'we are ready' today."),
            [("we are ready", 0)]
        );
        assert_eq!(quoted("Er sagte ‚bereit‘ heute."), [("bereit", 0)]);
        assert_eq!(
            quoted("Il a dit ‹ nous sommes prêts › hier."),
            [("nous sommes prêts", 0)]
        );
        assert_eq!(quoted("他说：「我们准备好了」。"), [("我们准备好了", 0)]);
        assert_eq!(
            quoted("彼は『準備はできた』と述べた。"),
            [("準備はできた", 0)]
        );
        assert_eq!(
            quoted("وقال الوزير: «نحن مستعدون للحوار»."),
            [("نحن مستعدون للحوار", 0)]
        );
        assert_eq!(
            quoted("אמר השר: ״אנחנו מוכנים לדבר״ אתמול."),
            [("אנחנו מוכנים לדבר", 0)]
        );
        assert_eq!(
            quoted("אמר השר: \"אנחנו מוכנים\" אתמול."),
            [("אנחנו מוכנים", 0)]
        );
        // Gershayim in an acronym (צה״ל, ארה"ב) is no quotation mark.
        assert!(quoted("דובר צה״ל ונציג ארה\"ב הגיעו.").is_empty());
        // „ closed by a straight mark, as a keyboard types it.
        assert_eq!(
            quoted("Powiedział „jesteśmy gotowi\" wczoraj."),
            [("jesteśmy gotowi", 0)]
        );
    }

    #[test]
    fn block_quotes() {
        assert_eq!(
            quoted("> We are ready to talk.\n> More."),
            [("We are ready to talk.", 0)]
        );
    }

    #[test]
    fn nested_quotes() {
        let text =
            "“If he were to call and say, ‘Vladimir, let’s meet,’ I would not hesitate,” he added.";
        assert_eq!(
            quoted(text),
            [
                (
                    "If he were to call and say, ‘Vladimir, let’s meet,’ I would not hesitate,",
                    0
                ),
                ("Vladimir, let’s meet,", 1)
            ]
        );
        assert_eq!(
            quoted("Он сказал: «Это „мир“ сегодня»."),
            [("Это „мир“ сегодня", 0), ("мир", 1)]
        );
        assert_eq!(
            quoted("Вона сказала: «„Ні“ означає ні»."),
            [("„Ні“ означає ні", 0), ("Ні", 1)]
        );
        assert_eq!(
            quoted("Elle a dit : « Il m’a répondu “jamais” hier »."),
            [("Il m’a répondu “jamais” hier", 0), ("jamais", 1)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("I don't think Putin's words matter.").is_empty());
        assert!(quoted("I don’t think Putin’s words matter, nor the leaders’ views.").is_empty());
        assert_eq!(
            quoted("“I don’t know what will happen now,” Putin’s aide said."),
            [("I don’t know what will happen now,", 0)]
        );
    }

    #[test]
    fn unbalanced_marks_quote_nothing() {
        assert!(quoted("He said “we are ready and left.").is_empty());
        assert_eq!(
            quoted("He said ” and then “we are ready”."),
            [("we are ready", 0)]
        );
        // An opening mark left open does not swallow the quotation after it.
        assert_eq!(
            quoted("A “stray mark, then “a real quote” here."),
            [("a real quote", 0)]
        );
    }

    #[test]
    fn quotes_split_by_attribution() {
        let text = "“I don’t think so,” Putin said, “but I’m not doing it.”";
        assert_eq!(
            quoted(text),
            [("I don’t think so,", 0), ("but I’m not doing it.", 0)]
        );
    }
}

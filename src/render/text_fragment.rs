//! Builds URL text fragments (`#:~:text=…`, WICG Scroll To Text Fragment) so that a link to the
//! original article scrolls to and highlights the cited passage.
//!
//! Grammar: `#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`; only `textStart` and `textEnd`
//! are produced. <https://wicg.github.io/scroll-to-text-fragment/>

/// Passages longer than this many words are linked as `textStart,textEnd`.
const MAX_WORDS_WHOLE: usize = 8;
/// Words kept at each end of a long passage.
const EDGE_WORDS: usize = 4;

/// Percent-encodes one directive component (UTF-8, upper-case hex).
///
/// Left as is: ASCII letters and digits and `. _ ~ ! $ ' ( ) * + ; = : @ / ?` — the spec's
/// explicit characters. Everything else is encoded, notably `-`, `,` and `&`, which delimit the
/// directive, space, `#`, `%` and all non-ASCII.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            // By hand rather than `write!`: in Arabic, Cyrillic or Chinese words every byte is
            // escaped, and the formatting machinery cost more than the rest of the fragment.
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'.' | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
        )
}

/// Reverses [`encode_component`] (accepting lower-case hex and unencoded characters too);
/// `None` for a `%` not followed by two hex digits or bytes that are not UTF-8.
pub fn decode_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The fragment (starting `#:~:text=`) that highlights `passage`.
///
/// Whitespace runs become single spaces. A passage of more than 8 words is linked by its first
/// and last 4 words (`textStart,textEnd`), which keeps the URL short and still selects the whole
/// passage. An empty passage gives an empty string, since an empty directive is invalid.
///
/// Browsers match the text as the page shows it (case-insensitively, but not across curly vs
/// straight quotes), so pass the words as the article spells them, not as the editor quoted them.
pub fn text_fragment(passage: &str) -> String {
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    let mut out = String::from("#:~:text=");
    if words.len() > MAX_WORDS_WHOLE {
        out.push_str(&encode_component(&words[..EDGE_WORDS].join(" ")));
        out.push(',');
        out.push_str(&encode_component(
            &words[words.len() - EDGE_WORDS..].join(" "),
        ));
    } else {
        out.push_str(&encode_component(&words.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        assert_eq!(
            text_fragment("an example text fragment"),
            "#:~:text=an%20example%20text%20fragment"
        );
        // From the spec: a dash inside the text must be encoded so it is not read as a
        // prefix/suffix marker.
        assert_eq!(encode_component("text-start"), "text%2Dstart");
        assert_eq!(encode_component("a,b&c"), "a%2Cb%26c");
        assert_eq!(
            text_fragment("The Wrong-Way, & back"),
            "#:~:text=The%20Wrong%2DWay%2C%20%26%20back"
        );
    }

    #[test]
    fn unreserved_characters_stay() {
        let kept = "azAZ09._~!$'()*+;=:@/?";
        assert_eq!(encode_component(kept), kept);
        assert_eq!(
            encode_component("#%\"<>[]{}|\\^`"),
            "%23%25%22%3C%3E%5B%5D%7B%7D%7C%5C%5E%60"
        );
        assert_eq!(encode_component("a\tb\nc"), "a%09b%0Ac");
    }

    #[test]
    fn non_ascii() {
        assert_eq!(encode_component("it’s"), "it%E2%80%99s");
        assert_eq!(encode_component("Путин"), "%D0%9F%D1%83%D1%82%D0%B8%D0%BD");
        assert_eq!(
            text_fragment("Путин  сказал"),
            "#:~:text=%D0%9F%D1%83%D1%82%D0%B8%D0%BD%20%D1%81%D0%BA%D0%B0%D0%B7%D0%B0%D0%BB"
        );
        assert_eq!(encode_component("–"), "%E2%80%93");
    }

    #[test]
    fn whitespace_collapsed_and_trimmed() {
        assert_eq!(
            text_fragment("  like a\u{a0}\n real   man "),
            "#:~:text=like%20a%20real%20man"
        );
        assert_eq!(text_fragment(""), "");
        assert_eq!(text_fragment(" \n "), "");
    }

    #[test]
    fn long_passage_uses_start_and_end() {
        let eight = "one two three four five six seven eight";
        assert_eq!(
            text_fragment(eight),
            format!("#:~:text={}", encode_component(eight))
        );
        let p = "He behaved, in my opinion, in a very correct way – courageously, like a real man";
        assert_eq!(
            text_fragment(p),
            "#:~:text=He%20behaved%2C%20in%20my,like%20a%20real%20man"
        );
        let nine = "one two three four five six seven eight nine";
        assert_eq!(
            text_fragment(nine),
            "#:~:text=one%20two%20three%20four,six%20seven%20eight%20nine"
        );
    }

    #[test]
    fn round_trip() {
        let samples = [
            "",
            "plain",
            "a-b,c&d e#f%g",
            "it’s «Путин» — ΟΔΥΣΣΕΥΣ 😀",
            "%41 already encoded?",
            "\0\u{7f}\u{10ffff}",
        ];
        for s in samples {
            let enc = encode_component(s);
            assert!(!enc.contains(['-', ',', '&', ' ', '#']), "{enc}");
            assert_eq!(decode_component(&enc).as_deref(), Some(s));
        }
    }

    #[test]
    fn decode_rejects_malformed() {
        assert_eq!(decode_component("%"), None);
        assert_eq!(decode_component("%4"), None);
        assert_eq!(decode_component("%zz"), None);
        assert_eq!(decode_component("%+1"), None);
        assert_eq!(decode_component("%FF"), None);
        assert_eq!(decode_component("%e2%80%99"), Some("’".into()));
        assert_eq!(decode_component("a%2Db"), Some("a-b".into()));
        assert_eq!(decode_component("%D0%9Fé"), Some("Пé".into()));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::test_support::proptest_config as config;
    use proptest::prelude::*;

    /// Text rich in the characters the directive syntax and percent-encoding care about.
    fn text() -> impl Strategy<Value = String> {
        let tricky = proptest::sample::select(vec![
            ' ',
            ' ',
            '\n',
            '\t',
            '\u{a0}',
            '\u{2003}',
            '-',
            ',',
            '&',
            '#',
            '%',
            '=',
            ':',
            '~',
            '!',
            '\'',
            '"',
            '“',
            '’',
            '–',
            '…',
            '%',
            '+',
            '/',
            '?',
            '\0',
            '\u{7f}',
            '\u{10ffff}',
            'é',
            'Ж',
            'Σ',
            '😀',
        ]);
        let c = prop_oneof![
            4 => tricky,
            4 => proptest::char::range('a', 'z'),
            1 => proptest::char::range('0', '9'),
            1 => any::<char>(),
        ];
        prop_oneof![
            4 => proptest::collection::vec(c, 0..60).prop_map(|v| v.into_iter().collect()),
            1 => any::<String>(),
        ]
    }

    /// Parses a fragment back into its decoded `textStart` and optional `textEnd`.
    fn parse(fragment: &str) -> Option<Vec<String>> {
        let directive = fragment.strip_prefix("#:~:text=")?;
        directive.split(',').map(decode_component).collect()
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn encoded_component_decodes_to_itself(s in text()) {
            let enc = encode_component(&s);
            prop_assert!(enc.is_ascii());
            prop_assert!(!enc.contains(['-', ',', '&', ' ', '#']), "{}", enc);
            prop_assert!(!enc.chars().any(|c| c.is_ascii_control() || c.is_whitespace()));
            prop_assert_eq!(decode_component(&enc), Some(s));
        }

        #[test]
        fn decoding_never_panics(s in text()) {
            if let Some(d) = decode_component(&s) {
                // Decoding only ever shortens.
                prop_assert!(d.len() <= s.len());
            }
        }

        #[test]
        fn fragment_decodes_to_the_words(s in text()) {
            let words: Vec<&str> = s.split_whitespace().collect();
            let fragment = text_fragment(&s);
            if words.is_empty() {
                prop_assert_eq!(fragment, "");
                return Ok(());
            }
            let parts = parse(&fragment);
            prop_assert!(parts.is_some(), "{} does not parse", fragment);
            let parts = parts.unwrap_or_default();
            if words.len() <= MAX_WORDS_WHOLE {
                prop_assert_eq!(parts, vec![words.join(" ")]);
            } else {
                let start = words[..EDGE_WORDS].join(" ");
                let end = words[words.len() - EDGE_WORDS..].join(" ");
                prop_assert_eq!(parts, vec![start, end]);
            }
        }
    }
}

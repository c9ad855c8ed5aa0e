//! Percent-encoding round-trips, and a text fragment decodes back to the words it encodes.
#![no_main]

use digest::render::text_fragment::{decode_component, encode_component, text_fragment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Decoding arbitrary (even invalid) input must not panic; a successful decode re-encodes
    // to something that decodes to the same text.
    let raw = String::from_utf8_lossy(data);
    if let Some(decoded) = decode_component(&raw) {
        assert_eq!(decode_component(&encode_component(&decoded)), Some(decoded));
    }

    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let enc = encode_component(s);
    assert!(enc.is_ascii(), "{enc}");
    assert!(!enc.contains(['-', ',', '&', ' ', '#']), "{enc}");
    assert_eq!(decode_component(&enc).as_deref(), Some(s));

    let words: Vec<&str> = s.split_whitespace().collect();
    let fragment = text_fragment(s);
    if words.is_empty() {
        assert_eq!(fragment, "");
        return;
    }
    let directive = fragment
        .strip_prefix("#:~:text=")
        .expect("fragment starts with #:~:text=");
    let parts: Vec<String> = directive
        .split(',')
        .map(|p| decode_component(p).expect("each part decodes"))
        .collect();
    match parts.as_slice() {
        [whole] => assert_eq!(*whole, words.join(" ")),
        [start, end] => {
            assert!(words.len() > 2);
            let start_words: Vec<&str> = start.split(' ').collect();
            let end_words: Vec<&str> = end.split(' ').collect();
            assert_eq!(start_words, words[..start_words.len()]);
            assert_eq!(end_words, words[words.len() - end_words.len()..]);
            assert!(start_words.len() + end_words.len() < words.len());
        }
        _ => panic!("{} parts in {fragment}", parts.len()),
    }
});

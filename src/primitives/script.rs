//! Which writing system a text is in, and whether that is the one a language is usually written
//! in: how a title the editor wrote in English is told from an Arabic outlet's headline when
//! front matter does not say.

use unic_langid::LanguageIdentifier;
use unicode_script::{Script, UnicodeScript};

/// The script most of the letters of `text` are in, as ISO 15924 names it (`Latn`, `Arab`,
/// `Cyrl`, `Hani`); `None` when it has no letters (figures and punctuation are in every script).
pub fn dominant_script(text: &str) -> Option<&'static str> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in text.chars() {
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(script, _)| script.short_name())
}

/// The script the language `tag` is usually written in (`en` → `Latn`, `uk` → `Cyrl`, `zh` →
/// `Hans`), or the one its tag names (`sr-Latn`); `None` for a tag that cannot be read.
pub fn usual_script(tag: &str) -> Option<String> {
    let mut id: LanguageIdentifier = tag.trim().parse().ok()?;
    id.maximize();
    id.script.map(|s| s.as_str().to_string())
}

/// Whether letters in `script` (from [`dominant_script`]) are how a language whose usual
/// script is `usual` is written: Chinese, Japanese and Korean tags name a script (`Hans`,
/// `Jpan`, `Kore`) that mixes Han characters with others.
pub fn is_written_in(usual: &str, script: &str) -> bool {
    usual == script
        || match usual {
            "Hans" | "Hant" => script == "Hani" || script == "Bopo",
            "Jpan" => matches!(script, "Hani" | "Hira" | "Kana"),
            "Kore" => matches!(script, "Hani" | "Hang"),
            _ => false,
        }
}

/// Whether `text` reads as written in the language `tag`'s usual script rather than another's:
/// `None` when either cannot be told (no letters, an unreadable tag).
pub fn reads_as_script_of(text: &str, tag: &str) -> Option<bool> {
    let script = dominant_script(text)?;
    let usual = usual_script(tag)?;
    Some(is_written_in(&usual, script))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_of_most_letters_wins() {
        assert_eq!(dominant_script("زلزال بقوة 6.2 درجة"), Some("Arab"));
        assert_eq!(dominant_script("Quake of 6.2 hits Cyprus"), Some("Latn"));
        assert_eq!(dominant_script("Землетрус у Кіпрі (BBC)"), Some("Cyrl"));
        assert_eq!(dominant_script("塞浦路斯附近发生6.2级地震"), Some("Hani"));
        assert_eq!(dominant_script("2024 — 6,2"), None);
    }

    #[test]
    fn languages_have_their_usual_scripts() {
        assert_eq!(usual_script("en").as_deref(), Some("Latn"));
        assert_eq!(usual_script("ar").as_deref(), Some("Arab"));
        assert_eq!(usual_script("he").as_deref(), Some("Hebr"));
        assert_eq!(usual_script("uk").as_deref(), Some("Cyrl"));
        assert_eq!(usual_script("sr-Latn").as_deref(), Some("Latn"));
        assert_eq!(usual_script(""), None);
    }

    #[test]
    fn text_is_matched_to_a_language_by_script() {
        assert_eq!(reads_as_script_of("Quake hits Cyprus", "en"), Some(true));
        assert_eq!(reads_as_script_of("Quake hits Cyprus", "ar"), Some(false));
        assert_eq!(reads_as_script_of("塞浦路斯附近发生地震", "zh"), Some(true));
        assert_eq!(reads_as_script_of("キプロス沖で地震", "ja"), Some(true));
        assert_eq!(
            reads_as_script_of("Séisme au large de Chypre", "en"),
            Some(true)
        );
        assert_eq!(reads_as_script_of("6.2", "en"), None);
    }
}

//! Tag slugs: the part of a tag page's address made from the tag an editor writes. Any script
//! gives a readable, stable, ASCII address (`Україна` -> `ukrayina`, `Ελλάδα` -> `ellada`):
//! plain ASCII needs no percent-encoding in links, feeds and sitemaps, and cannot differ
//! between file systems that store accented names in different Unicode forms (macOS's NFD,
//! Linux's as-written), which would make one tag two folders.

/// The slug of a tag: transliterated to ASCII, lower case, every run of other characters a
/// single `-`, none at either end. Empty when the tag has no letter or digit in any script.
pub fn slugify(tag: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(tag, "-");
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' {
            // Transliteration's soft and hard signs (`Зеленський` -> `Zelens'kii`) are
            // inside a word, not between words.
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_tags_become_lowercase_words_joined_by_hyphens() {
        assert_eq!(slugify("us-election"), "us-election");
        assert_eq!(slugify("US Election"), "us-election");
        assert_eq!(slugify("  Russia / Ukraine  war "), "russia-ukraine-war");
        assert_eq!(slugify("Élysée"), "elysee");
        assert_eq!(slugify("G7_summit"), "g7-summit");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(slugify("Україна"), "ukrayina");
        assert_eq!(slugify("выборы в США"), "vybory-v-ssha");
        assert_eq!(slugify("България"), "blgariia");
        assert_eq!(slugify("Зеленський"), "zelenskii");
        assert_eq!(slugify("Trump's win"), "trumps-win");
        assert_eq!(slugify("Ελλάδα"), "ellada");
    }

    #[test]
    fn a_tag_without_letters_or_digits_has_no_slug() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify(" -- / "), "");
    }

    #[test]
    fn slugs_are_stable_and_safe() {
        for tag in ["Україна", "a\u{0301}", "../../etc", "x<script>", "日本"] {
            let slug = slugify(tag);
            assert_eq!(slugify(&slug), slug, "{tag}");
            assert!(
                slug.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{tag} -> {slug}"
            );
        }
        assert_eq!(slugify("../../etc"), "etc");
    }
}

//! Editors' tools: what `digest init`, `new story`, `import` and `suggest` write into a site
//! on request (never a build).

pub mod import;
pub mod new_site;
pub mod new_story;
pub mod suggest;

/// A YAML scalar that reads back as exactly `text`, whatever it holds (`: `, `#`, quotes, a
/// leading `-` or `@`, `yes`, digits, line breaks): double-quoted, with JSON's escapes, which
/// YAML's double-quoted style shares.
pub fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

#[cfg(test)]
mod tests {
    use super::yaml_string;

    #[test]
    fn yaml_strings_read_back_as_written() {
        for text in [
            "Putin: \"a real man\"",
            "# not a comment",
            "a: b # c",
            "- dash",
            "@handle",
            "yes",
            "2024-11-07",
            "back\\slash",
            "Trump's win",
            "‘Vladimir, let’s meet,’",
            "two\nlines\tand a tab",
        ] {
            let yaml = format!("text: {}\n", yaml_string(text));
            let parsed: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(parsed["text"], text, "{yaml}");
        }
    }
}

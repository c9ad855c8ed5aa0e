//! YAML parsing with positions: turns serde-saphyr's errors into [`Diagnostic`]s that point at
//! the file, line and column, with a hint for the mistakes editors make most (a misspelt key).

use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};

use crate::diagnostics::{Diagnostic, Position, nearest};

/// Parses `text` (the contents of `file`, whose first line is line `first_line` of the real
/// file — front matter starts below its `---`) into `T`.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(text).map_err(|err| error_to_diagnostic(file, first_line, &err))
}

fn error_to_diagnostic(file: &str, first_line: usize, err: &serde_saphyr::Error) -> Diagnostic {
    let bare = err.without_snippet();
    let position = bare.location().and_then(|loc| position(&loc, first_line));
    let message = clean_message(&bare.to_string());
    let hint = unknown_field_hint(&message).or_else(|| syntax_hint(&message));
    Diagnostic::error(file, position, message).with_hint_opt(hint)
}

/// The position of a value the parser kept a [`Spanned`] location for.
pub fn position_of<T>(spanned: &Spanned<T>, first_line: usize) -> Option<Position> {
    position(&spanned.referenced, first_line)
}

fn position(loc: &Location, first_line: usize) -> Option<Position> {
    let line = usize::try_from(loc.line()).ok()?;
    let column = usize::try_from(loc.column()).ok()?;
    if line == 0 {
        return None;
    }
    let len = usize::try_from(loc.span().len()).unwrap_or(1).max(1);
    Some(Position::new(line + first_line - 1, column.max(1), len))
}

/// serde-saphyr appends " at line X column Y" to its messages; we print the position ourselves.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let cut = strip_position_suffix(first);
    if let Some(detail) = cut.strip_prefix("budget breached: ") {
        let detail = detail.split(" at line ").next().unwrap_or(detail);
        return format!("the YAML exceeds a safety limit of the parser ({detail})");
    }
    // The parser speaks of scalars and sequences; editors write text and lists.
    let plain = [
        (
            "expected string scalar",
            "expected text here, not a list or a set of keys",
        ),
        (
            "expected sequence start",
            "expected a list here (`- item` lines, or [a, b])",
        ),
        (
            "expected mapping start",
            "expected `key: value` entries here",
        ),
        ("invalid boolean", "expected true or false"),
        (
            "recursive references require weak recursion types",
            "an alias (*name) refers to the value that contains it",
        ),
    ];
    for (parser, editor) in plain {
        if let Some(rest) = cut.strip_prefix(parser) {
            return format!("{editor}{rest}");
        }
    }
    // Advice addressed to programmers using the parser, not to editors.
    let cut = cut.split(", set DuplicateKeyPolicy").next().unwrap_or(cut);
    // Editors write "keys", not serde's "fields".
    cut.trim_end_matches('.')
        .replacen("unknown field", "unknown key", 1)
}

/// Drops a trailing " at line 3, column 7" (only at the very end: other mentions of a line,
/// such as "(defined at line 3 column 16)", are part of the message).
fn strip_position_suffix(message: &str) -> &str {
    if let Some(i) = message.rfind(" at line ") {
        let tail = &message[i + " at line ".len()..];
        if tail.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ',' | ' ' | 'c' | 'o' | 'l' | 'u' | 'm' | 'n')
        }) {
            return &message[..i];
        }
    }
    message
}

/// "unknown field `titel`, expected one of title, url" -> "did you mean `title`?"
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown key `")?;
    let (wanted, expected) = rest.split_once('`')?;
    let expected = expected
        .trim_start_matches(", expected ")
        .trim_start_matches("one of ");
    let known: Vec<&str> = expected
        .split(", ")
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    if known.is_empty() {
        return Some("this entry takes no keys".into());
    }
    Some(match nearest(wanted, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "the keys allowed here are {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

fn syntax_hint(message: &str) -> Option<String> {
    let lower = message.to_lowercase();
    if lower.contains("mapping values are not allowed")
        || lower.contains("did not find expected key")
    {
        Some("a value that contains `: ` or starts with a quote must be written in quotes, e.g. title: \"Kremlin: no talks\"".into())
    } else if lower.contains("duplicate mapping key") {
        Some("each key may appear once here; remove or rename the second one".into())
    } else if lower.contains("budget")
        || lower.contains("limit")
        || lower.contains("too deep")
        || lower.contains("nesting")
    {
        Some("the YAML is too large, too deeply nested or uses too many aliases (&anchor/*alias); digest limits these so a hostile file cannot stall the build".into())
    } else if lower.contains("invalid type") {
        Some("check the value's type against the format described in docs/format.md".into())
    } else if lower.contains("missing field") {
        Some("add the field; see docs/format.md for what each entry needs".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Cfg {
        title: String,
        #[serde(default)]
        url: Option<String>,
    }

    #[test]
    fn unknown_key_names_the_nearest_known_key_and_its_line() {
        let err = parse::<Cfg>("site.yaml", "title: x\ntitel: y\n", 1).unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(2), "{err:?}");
        assert!(err.message.contains("titel"), "{err:?}");
        assert_eq!(err.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn malformed_yaml_reports_the_parser_position_shifted_by_front_matter() {
        let err = parse::<Cfg>("a.md", "title: [unclosed\n", 2).unwrap_err();
        let p = err.position.expect("position");
        assert!(p.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }

    #[test]
    fn spanned_values_keep_their_position() {
        #[derive(Deserialize)]
        struct S {
            name: Spanned<String>,
        }
        let s: S = parse("f", "\n\nname: Kyiv Post\n", 1).unwrap();
        assert_eq!(position_of(&s.name, 1), Some(Position::new(3, 7, 9)));
    }
}

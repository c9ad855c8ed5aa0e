//! `digest check --format github|json`: what a pull request's checks and editors' tools read.
//! Each line of a broken example's output is checked against the file it points at.

mod common;

use std::process::{Command, Output};

use common::position::position_of;
use common::*;

/// The example with three mistakes: a misquoted variant in quotes.yaml, a misquoted passage
/// and a typo'd article id inside `{source: …, quote: …}` entries of disputes.yaml and
/// timeline.yaml.
fn broken_example() -> Site {
    let site = Site::example();
    site.edit(
        &site.story_file("quotes.yaml"),
        "I would like to congratulate him",
        "I want to congratulate him",
    );
    site.edit(
        &site.story_file("disputes.yaml"),
        "{source: kyivpost, quote: \"Moscow-based think Valdai Discussion Club\"}",
        "{source: kyivpost, quote: \"Moscow-based Valdai Discussion Club\"}",
    );
    site.edit(
        &site.story_file("timeline.yaml"),
        "{source: fakti, quote: \"Butler, Pennsylvania, on July 13\"}",
        "{source: faktii, quote: \"Butler, Pennsylvania, on July 13\"}",
    );
    site
}

/// `digest check --root site --format FORMAT`, run from the site's parent folder, as a workflow
/// runs it from the repository's root.
fn check(site: &Site, format: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .current_dir(site.root.parent().unwrap())
        .args(["check", "--root", "site", "--format", format, "--no-cache"])
        .output()
        .expect("run digest")
}

struct Command_ {
    kind: String,
    properties: Vec<(String, String)>,
    message: String,
}

/// Parses `::kind key=value,key=value::message`, undoing GitHub's escapes.
fn parse_command(line: &str) -> Command_ {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a command: {line}"));
    let (head, message) = rest.split_once("::").expect("a message after ::");
    let (kind, properties) = head.split_once(' ').unwrap_or((head, ""));
    let unescape = |s: &str| {
        s.replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    assert!(!message.contains('\n') && !message.contains('\r'), "{line}");
    Command_ {
        kind: kind.to_string(),
        properties: properties
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p
                    .split_once('=')
                    .unwrap_or_else(|| panic!("bad property {p}"));
                assert!(!v.contains(':'), "unescaped ':' in {line}");
                (k.to_string(), unescape(v))
            })
            .collect(),
        message: unescape(message),
    }
}

#[test]
fn github_format_annotates_each_problem_on_its_line() {
    let site = broken_example();
    let out = check(&site, "github");
    assert!(!out.status.success(), "check must fail");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("::notice"))
        .collect();
    assert_eq!(lines.len(), 3, "one command per problem:\n{stdout}");

    let story = format!("site/content/stories/{STORY}");
    let expected = [
        (
            format!("{story}/disputes.yaml"),
            "\"Moscow-based Valdai",
            "the quoted words are not in the article `kyivpost`",
            "hint: the closest passage in `kyivpost`",
        ),
        (
            format!("{story}/quotes.yaml"),
            "\"Taking this opportunity, I want",
            "the quoted words are not in the article `kyivpost`",
            "hint: the closest passage in `kyivpost`",
        ),
        (
            format!("{story}/timeline.yaml"),
            "faktii",
            "no article `faktii`",
            "hint: did you mean `fakti`?",
        ),
    ];
    for (line, (file, at, message, hint)) in lines.iter().zip(&expected) {
        let command = parse_command(line);
        assert_eq!(command.kind, "error", "{line}");
        let get = |k: &str| {
            command
                .properties
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {k} in {line}"))
        };
        assert_eq!(&get("file"), file, "{line}");
        let path = site.root.parent().unwrap().join(file);
        assert!(path.is_file(), "the annotated file exists: {line}");
        let (want_line, want_col) = position_of(&path, at);
        assert_eq!(get("line"), want_line.to_string(), "{line}");
        let col: usize = get("col").parse().unwrap();
        let end: usize = get("endColumn").parse().unwrap();
        assert_eq!(
            col, want_col,
            "the annotation starts at the mistake: {line}"
        );
        assert!(end > col, "{line}");
        assert!(get("title").starts_with("digest: content/"), "{line}");
        let (first, rest) = command.message.split_once('\n').expect("message and hint");
        assert!(first.contains(message), "{line}");
        assert!(rest.starts_with(hint), "{line}");
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Check failed (3 errors"), "{err}");
}

#[test]
fn json_format_gives_one_object_per_problem() {
    let site = broken_example();
    let out = check(&site, "json");
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let values: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .filter(|v: &serde_json::Value| v["severity"] != "note")
        .collect();
    assert_eq!(values.len(), 3, "{stdout}");
    for v in &values {
        assert_eq!(v["severity"], "error");
        let file = v["file"].as_str().unwrap();
        assert!(file.starts_with("site/content/stories/"), "{v}");
        assert!(site.root.parent().unwrap().join(file).is_file(), "{v}");
        assert!(v["line"].as_u64().unwrap() > 0 && v["column"].as_u64().unwrap() > 0);
        assert!(v["end_column"].as_u64() > v["column"].as_u64(), "{v}");
        assert!(v["hint"].as_str().is_some_and(|h| !h.is_empty()), "{v}");
    }
    assert!(
        values[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("disputes.yaml")
    );
    assert!(values[1]["message"].as_str().unwrap().contains("kyivpost"));
}

#[test]
fn machine_formats_print_nothing_for_a_sound_site_and_human_stays_the_default() {
    let site = Site::example();
    for format in ["github", "json"] {
        let out = check(&site, format);
        assert_success(&out);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout
                .lines()
                .all(|l| l.starts_with("::notice ") || l.contains("\"note\"")),
            "only notes on a sound site:\n{stdout}"
        );
    }
    let broken = broken_example();
    let out = broken.run(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("error: content/stories/"), "{err}");
    assert!(err.contains(" = hint: "), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("::error"));
}

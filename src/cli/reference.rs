//! Generates the command reference, `docs/commands.md`, and the man page, `docs/digest.1`, from
//! the arguments as clap knows them ([`crate::cli::Cli`] through [`clap::CommandFactory`]), so
//! that both follow whatever the arguments become. The tests fail when a committed file differs
//! from what the code says; `DIGEST_BLESS=1 cargo test reference` writes both again.

use std::fmt::Write as _;

use clap::{Arg, Command};

/// Where the Markdown reference lives, from the repository's root.
pub const MARKDOWN_PAGE: &str = "docs/commands.md";

/// Where the man page lives, from the repository's root.
pub const MAN_PAGE: &str = "docs/digest.1";

/// The command line as `digest` parses it, with every subcommand's name and usage resolved
/// (`digest new story`, not `story`), and without clap's `help` subcommand, which needs no page.
pub fn command() -> Command {
    let mut cmd =
        <crate::cli::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// `docs/commands.md`: every command, its description, usage, arguments and options with their
/// help, defaults and accepted values.
pub fn markdown(root: &Command) -> String {
    let mut out = String::new();
    out.push_str("# Command reference\n\n");
    out.push_str("<!-- Generated from the arguments in src/cli/ by `DIGEST_BLESS=1 cargo test reference`; do not edit. -->\n\n");
    out.push_str(&paragraphs(&description(root)));
    out.push_str(
        "Every command also takes `-h` (a summary) and `--help` (all of it); `digest --version` \
         prints the version. The same reference is the man page `docs/digest.1` \
         (`man ./docs/digest.1`).\n\n",
    );
    out.push_str("| command | what it does |\n|---|---|\n");
    for (path, cmd) in leaves(root) {
        let _ = writeln!(
            out,
            "| [`{path}`](#{}) | {} |",
            path.replace(' ', "-"),
            escape(first_paragraph(cmd).trim_end_matches('.')).replace('|', "\\|")
        );
    }
    out.push('\n');
    // Every block below ends with a blank line, so each starts right away.
    for (path, cmd) in leaves(root) {
        let _ = writeln!(out, "## `{path}`\n");
        out.push_str(&paragraphs(&description(cmd)));
        let usage = cmd.clone().render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let _ = writeln!(out, "```text\n{usage}\n```\n");
        let (positionals, options): (Vec<&Arg>, Vec<&Arg>) = documented_args(cmd)
            .into_iter()
            .partition(|a| a.is_positional());
        for (title, args) in [("Arguments", positionals), ("Options", options)] {
            if args.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{title}:\n");
            for arg in args {
                let _ = writeln!(out, "- {}", argument(arg));
            }
            out.push('\n');
        }
    }
    // One newline at the end, as an editor saves a file.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// `docs/digest.1`: clap_mangen's page for `digest`, then a COMMANDS section with each command's
/// synopsis, description and options, so that one page holds everything (clap_mangen alone
/// writes a page per subcommand and only names them on the main one).
/// A value's help inside a sentence: "Each problem …" as "each problem …", without its full
/// stop.
fn lowercase_first(help: &str) -> String {
    let help = help.trim().trim_end_matches('.');
    let mut chars = help.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `docs/digest.1`: the same reference as a man page. Only the test that checks the committed
/// page calls it, which keeps `clap_mangen` a dev-dependency.
#[cfg(test)]
fn man_page(root: &Command) -> String {
    use clap_mangen::Man;

    type Section = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;
    fn render(man: &Man, section: Section) -> String {
        let mut roff = Vec::new();
        section(man, &mut roff).expect("writing to memory");
        let roff = String::from_utf8(roff).expect("clap_mangen writes text");
        // Each section rendered on its own repeats roff's preamble, which defines the
        // apostrophe; the page has it once, at the top.
        roff.replace(PREAMBLE, "")
    }
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

    let man = Man::new(root.clone());
    let mut page = String::from(PREAMBLE);
    let sections: [Section; 5] = [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    for section in sections {
        page.push_str(&render(&man, section));
    }
    page.push_str(".SH COMMANDS\n");
    for (path, cmd) in leaves(root) {
        let _ = writeln!(page, ".SS \"{path}\"");
        let sub = Man::new(cmd.clone());
        let sections: [Section; 3] = [
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
        ];
        for section in sections {
            // Inside the command's `.SS`, a new paragraph takes the place of each section's
            // own `.SH` heading.
            for line in render(&sub, section).lines() {
                let line = if line.starts_with(".SH ") {
                    ".PP"
                } else {
                    line
                };
                let _ = writeln!(page, "{line}");
            }
        }
    }
    if let Some(version) = root.get_version() {
        let _ = writeln!(page, ".SH VERSION\nv{version}");
    }
    page
}

/// Every command that does something, with its full name (`digest new story`), in the order
/// `digest --help` lists them; a group such as `digest new` is represented by its subcommands.
fn leaves(root: &Command) -> Vec<(String, &Command)> {
    fn walk<'a>(cmd: &'a Command, path: &str, out: &mut Vec<(String, &'a Command)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let path = format!("{path} {}", sub.get_name());
            if sub.has_subcommands() {
                walk(sub, &path, out);
            } else {
                out.push((path, sub));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root.get_name(), &mut out);
    out
}

/// The arguments worth a line: clap's own `--help` and `--version` are said once at the top.
fn documented_args(cmd: &Command) -> Vec<&Arg> {
    cmd.get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .collect()
}

/// A command's whole description: the long one when it has one (it starts with the short one).
fn description(cmd: &Command) -> String {
    cmd.get_long_about()
        .or_else(|| cmd.get_about())
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn first_paragraph(cmd: &Command) -> String {
    let about = cmd
        .get_about()
        .map(|s| s.to_string())
        .unwrap_or_else(|| description(cmd));
    about.split("\n\n").next().unwrap_or("").to_string()
}

/// Help text as Markdown paragraphs, each followed by a blank line.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = write!(out, "{}\n\n", escape(&sentence(paragraph)));
    }
    out
}

/// clap drops the full stop of a one-paragraph help text; in running prose it is put back.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// One argument as a list item: how it is written, its help, its default and accepted values.
fn argument(arg: &Arg) -> String {
    let value_names: Vec<String> = arg
        .get_value_names()
        .map(|names| names.iter().map(|n| n.to_string()).collect())
        .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let spelling = if arg.is_positional() {
        let names = value_names.join(" ");
        if arg.is_required_set() {
            format!("<{names}>")
        } else {
            format!("[{names}]")
        }
    } else {
        let mut flags = Vec::new();
        if let Some(short) = arg.get_short() {
            flags.push(format!("-{short}"));
        }
        if let Some(long) = arg.get_long() {
            flags.push(format!("--{long}"));
        }
        let mut spelling = flags.join(", ");
        if takes_value {
            for name in &value_names {
                let _ = write!(spelling, " <{name}>");
            }
        }
        spelling
    };
    let mut item = format!("`{spelling}`");
    let help = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    if !help.is_empty() {
        let _ = write!(item, ": {}", escape(&sentence(&help.replace("\n\n", " "))));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_help() {
            Some(help) => format!(
                "`{}` ({})",
                v.get_name(),
                lowercase_first(&help.to_string())
            ),
            None => format!("`{}`", v.get_name()),
        })
        .collect();
    if takes_value && !values.is_empty() {
        let _ = write!(item, " One of {}.", values.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !arg.is_hide_default_value_set() && !defaults.is_empty() {
        let _ = write!(item, " Default: `{}`.", defaults.join(","));
    }
    item
}

/// Help text is plain text: outside its `code spans`, the characters Markdown would read as
/// markup (`<story>` as an HTML tag, `*` as emphasis) are escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let chars: Vec<char> = part.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            // `_` inside a word (base_url) is no emphasis in CommonMark, and stays as written.
            let in_word = |k: Option<usize>| {
                k.and_then(|k| chars.get(k))
                    .is_some_and(|c| c.is_alphanumeric())
            };
            let intraword = c == '_' && in_word(j.checked_sub(1)) && in_word(Some(j + 1));
            if matches!(c, '<' | '>' | '*' | '_' | '\\') && !intraword {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(page: &str, expected: &[u8]) {
        crate::test_support::assert_generated(page, expected, "src/cli/", "reference");
    }

    #[test]
    fn docs_commands_md_is_what_the_arguments_say() {
        check(MARKDOWN_PAGE, markdown(&command()).as_bytes());
    }

    #[test]
    fn docs_digest_1_is_what_the_arguments_say() {
        check(MAN_PAGE, man_page(&command()).as_bytes());
    }

    #[test]
    fn every_command_and_every_argument_has_help() {
        let root = command();
        let commands = leaves(&root);
        assert!(
            commands.len() >= 8,
            "{:?}",
            commands.iter().map(|c| &c.0).collect::<Vec<_>>()
        );
        for (path, cmd) in commands {
            assert!(
                !first_paragraph(cmd).is_empty(),
                "`{path}` has no about text"
            );
            for arg in documented_args(cmd) {
                assert!(
                    arg.get_help().is_some(),
                    "`{path}`: {} has no /// comment (editors read it in docs/commands.md)",
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn markdown_outside_code_is_escaped() {
        assert_eq!(escape("a <story> and `<id>`"), "a \\<story\\> and `<id>`");
        assert_eq!(escape("stories/SLUG/*"), "stories/SLUG/\\*");
        assert_eq!(
            escape("site.yaml's base_url, _not_ this"),
            "site.yaml's base_url, \\_not\\_ this"
        );
    }
}

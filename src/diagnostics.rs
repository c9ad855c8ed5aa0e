//! Problems found in a site, as values: every stage collects them instead of stopping at the
//! first, and the CLI prints them all as `file:line:column: message`, the offending line, a caret
//! and a hint.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// How serious a problem is. Ordered: a warning is less than an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// Worth fixing, but the site is still built; an error under `--strict` or site.yaml's
    /// `strict: true`.
    Warning,
    /// The build (or `digest check`) fails: the site would show something wrong or nothing.
    Error,
}

impl Severity {
    /// `error` or `warning`, as every output format spells it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A position in a file: 1-based line, 1-based column counted in characters, and how many
/// characters to underline (at least one is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (not bytes).
    pub column: usize,
    /// Characters to underline; 0 shows one caret.
    pub len: usize,
}

impl Position {
    /// A position from its 1-based line and column and its length in characters.
    pub fn new(line: usize, column: usize, len: usize) -> Self {
        Position { line, column, len }
    }

    /// The position of a byte offset in `text` (which the caller read from the file).
    pub fn of_byte(text: &str, byte: usize, len_bytes: usize) -> Self {
        let byte = floor_char_boundary(text, byte.min(text.len()));
        let before = &text[..byte];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let end = floor_char_boundary(text, (byte + len_bytes).min(text.len()));
        let len = text[byte..end].chars().take_while(|c| *c != '\n').count();
        Position { line, column, len }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in one file of a site, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Whether it fails the build.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators (`content/sources.yaml`).
    pub file: String,
    /// Where in the file; `None` for a problem with the whole file (or with no file: a missing
    /// folder) or when the position is not known.
    pub position: Option<Position>,
    /// What is wrong: one line, lowercase, as a compiler words it.
    pub message: String,
    /// How to fix it, in the editor's terms.
    pub hint: Option<String>,
    /// How it relates to problems in other files (boxed: most diagnostics have none, and a
    /// diagnostic travels in every `Result` of the loading stages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<Box<Related>>,
}

/// A diagnostic's place among the problems of other files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The file whose own error makes this one follow (a reference into a sidecar that does not
    /// parse): when that file has an error, this one is folded under it rather than shown as a
    /// problem of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows_from: Option<String>,
    /// What was folded under this one, one line each (`file:line:column: message`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folded: Vec<String>,
}

impl Diagnostic {
    /// An error in `file` (relative to the site root), without a hint.
    pub fn error(
        file: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            position,
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    /// A warning in `file` (relative to the site root), without a hint.
    pub fn warning(
        file: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, position, message)
        }
    }

    /// The same diagnostic with a hint: how to fix it, in the editor's terms.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic, marked as a consequence of an error in `file` (see
    /// [`Diagnostics::fold_consequences`]).
    pub fn following_from(mut self, file: impl Into<String>) -> Self {
        self.related.get_or_insert_default().follows_from = Some(file.into());
        self
    }

    /// The file whose error this one follows from, if any.
    pub fn follows_from(&self) -> Option<&str> {
        self.related.as_ref()?.follows_from.as_deref()
    }

    /// The consequences folded under this one.
    pub fn folded(&self) -> &[String] {
        self.related.as_ref().map_or(&[], |r| &r.folded)
    }

    /// The same diagnostic with this hint, or none (replacing any hint it had).
    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// `file:line:column` (or just `file` when the position is unknown).
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

/// A list of diagnostics, in the order they were found.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a problem after the others.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds another stage's (or story's) problems after these.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// In the order they were found; [`Diagnostics::sorted`] for the order they are shown in.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// True when nothing was found, not even a warning.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many, errors and warnings, duplicates included.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// How many are errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// How many are warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when the build must fail (after [`Diagnostics::promote_warnings`] under `--strict`).
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// `--strict`: every warning becomes an error.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Folds each diagnostic that follows from an error in another file under that file's
    /// first error, so that the cause is read first and its consequences (eight unknown event
    /// ids because timeline.yaml did not parse) do not read as problems of their own. A
    /// consequence whose cause file has no error stays as it is.
    pub fn fold_consequences(&mut self) {
        if self.items.iter().all(|d| d.follows_from().is_none()) {
            return;
        }
        let failed: BTreeSet<String> = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error && d.follows_from().is_none())
            .map(|d| d.file.clone())
            .collect();
        let (consequences, mut kept): (Vec<Diagnostic>, Vec<Diagnostic>) =
            std::mem::take(&mut self.items)
                .into_iter()
                .partition(|d| d.follows_from().is_some_and(|f| failed.contains(f)));
        for d in consequences {
            let cause = d.follows_from().unwrap_or_default();
            if let Some(first) = kept
                .iter_mut()
                .filter(|k| k.file == cause && k.severity == Severity::Error)
                .min_by_key(|k| k.position)
            {
                first.related.get_or_insert_default().folded.push(format!(
                    "{}: {}",
                    d.location(),
                    d.message
                ));
            }
        }
        self.items = kept;
    }

    /// Sorted by file and position so a long report reads top to bottom, file by file;
    /// duplicates (the same problem found twice) are dropped.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.file, a.position, b.severity, &a.message)
                .cmp(&(&b.file, b.position, a.severity, &b.message))
        });
        items.dedup_by(|a, b| a == b);
        items
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Renders one diagnostic the way a compiler would:
///
/// ```text
/// error: content/stories/x/quotes.yaml:14:13: passage not found in article `fakti`
///    |
/// 14 |       text: "bravely like a real man"
///    |             ^^^^^^^^^^^^^^^^^^^^^^^^^
///    = hint: the closest passage in `fakti` (¶5, 91% similar) is "bravely, like a man"
/// ```
/// `source` is the text of the diagnostic's file, when there is one to quote.
pub fn render(diagnostic: &Diagnostic, source: Option<&str>) -> String {
    let label = diagnostic.severity.label();
    let mut out = format!(
        "{label}: {}: {}\n",
        diagnostic.location(),
        diagnostic.message
    );
    let line_text = diagnostic
        .position
        .and_then(|p| source?.lines().nth(p.line.checked_sub(1)?).map(|l| (p, l)));
    let gutter = diagnostic.position.map_or(1, |p| p.line.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some((p, text)) = line_text {
        let (shown, column) = visible_window(text.trim_end_matches('\r'), p.column);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", p.line, shown);
        let available = shown.chars().count().saturating_sub(column - 1).max(1);
        let carets = "^".repeat(p.len.clamp(1, available.min(WINDOW)));
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(column.saturating_sub(1)),
            carets
        );
    }
    if let Some(hint) = &diagnostic.hint {
        let _ = writeln!(out, "{pad} = hint: {hint}");
    }
    render_folded(&mut out, &pad, diagnostic.folded());
    out
}

/// How many folded consequences are listed under their cause; the rest are counted.
const FOLDED_SHOWN: usize = 5;

fn render_folded(out: &mut String, pad: &str, folded: &[String]) {
    if folded.is_empty() {
        return;
    }
    let what = if folded.len() == 1 {
        "this problem follows from it and goes away with it".to_string()
    } else {
        format!(
            "these {} problems follow from it and go away with it",
            folded.len()
        )
    };
    let _ = writeln!(out, "{pad} = note: {what}:");
    for line in folded.iter().take(FOLDED_SHOWN) {
        let _ = writeln!(out, "{pad}     {line}");
    }
    if folded.len() > FOLDED_SHOWN {
        let _ = writeln!(out, "{pad}     … and {} more", folded.len() - FOLDED_SHOWN);
    }
}

/// A diagnostic as a GitHub Actions workflow command (`::error file=…,line=…,col=…::…`), so that
/// it shows on the line of a pull request. `file` is the path from the repository's root (the
/// diagnostic's own path is relative to the site's root, which may be a subfolder).
pub fn github_command(diagnostic: &Diagnostic, file: &str) -> String {
    let command = diagnostic.severity.label();
    let mut properties = vec![format!("file={}", github_property(file))];
    if let Some(p) = diagnostic.position {
        properties.push(format!("line={}", p.line));
        properties.push(format!("col={}", p.column));
        properties.push(format!("endColumn={}", p.column + p.len.max(1)));
    }
    properties.push(format!(
        "title={}",
        github_property(&format!("digest: {}", diagnostic.location()))
    ));
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    if !diagnostic.folded().is_empty() {
        message.push_str("\nfollows from it: ");
        message.push_str(&diagnostic.folded().join("; "));
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        github_data(&message)
    )
}

/// A note (not a problem) on a file, as a workflow command.
pub fn github_notice(file: &str, message: &str) -> String {
    format!(
        "::notice file={}::{}",
        github_property(file),
        github_data(message)
    )
}

/// A workflow command's message: `%`, CR and LF are escaped (GitHub's runner unescapes them).
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`, which end it.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A diagnostic as one line of JSON, for editors' tools: `severity`, `file` (as given: the path
/// from where digest runs), `line`, `column`, `end_column` (absent when the position is
/// unknown), `message`, `hint` (or null).
pub fn json_line(diagnostic: &Diagnostic, file: &str) -> String {
    let severity = diagnostic.severity.label();
    let mut value = serde_json::json!({
        "severity": severity,
        "file": file,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    });
    if !diagnostic.folded().is_empty() {
        value["folded"] = diagnostic.folded().into();
    }
    if let Some(p) = diagnostic.position {
        value["line"] = p.line.into();
        value["column"] = p.column.into();
        value["end_column"] = (p.column + p.len.max(1)).into();
    }
    value.to_string()
}

/// How many characters of a long line are shown around the problem.
const WINDOW: usize = 100;

/// The part of a line worth showing (a minified or hostile file can have a line of megabytes):
/// at most [`WINDOW`] characters around `column`, with `…` where it was cut. Returns the text and
/// the column of the problem within it.
fn visible_window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    if chars.len() <= WINDOW + 20 {
        return (chars.into_iter().collect(), column);
    }
    let start = column
        .saturating_sub(1)
        .saturating_sub(WINDOW / 3)
        .min(chars.len().saturating_sub(WINDOW));
    let end = (start + WINDOW).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column - start + usize::from(start > 0))
}

/// A file path relative to the site root, with forward slashes, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The candidate closest to `wanted`, if it is close enough to be a likely typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" hint text listing the nearest id, or the known ids when there is none.
pub fn unknown_id_hint<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    match nearest(wanted, known.clone()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => {
            let all: Vec<&str> = known.into_iter().collect();
            if all.is_empty() {
                format!("there are no {} yet", plural(what))
            } else {
                let shown: Vec<String> = all.iter().take(12).map(|k| format!("`{k}`")).collect();
                let more = if all.len() > 12 { ", …" } else { "" };
                format!("known {}: {}{more}", plural(what), shown.join(", "))
            }
        }
    }
}

fn plural(word: &str) -> String {
    if word.ends_with('s') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consequences_fold_under_their_causes_first_error_and_only_when_it_failed() {
        let cause = Diagnostic::error("t.yaml", Some(Position::new(3, 4, 1)), "does not parse");
        let later = Diagnostic::error("t.yaml", Some(Position::new(9, 1, 1)), "also wrong");
        let follows = |line| {
            Diagnostic::error(
                "d.yaml",
                Some(Position::new(line, 2, 1)),
                "event `x` not found",
            )
            .following_from("t.yaml")
        };
        let orphan = Diagnostic::warning("a.md", None, "uncited").following_from("q.yaml");
        let mut all: Diagnostics = [follows(7), later.clone(), cause.clone(), follows(8), orphan]
            .into_iter()
            .collect();
        all.fold_consequences();
        let shown = all.sorted();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert_eq!(all.error_count(), 2);
        let first = shown
            .iter()
            .find(|d| d.message == "does not parse")
            .unwrap();
        assert_eq!(
            first.folded(),
            [
                "d.yaml:7:2: event `x` not found".to_string(),
                "d.yaml:8:2: event `x` not found".to_string()
            ]
        );
        // A consequence of a file with no error is shown as itself.
        assert!(shown.iter().any(|d| d.message == "uncited"));
        let rendered = render(first, None);
        assert!(
            rendered.contains("these 2 problems follow from it"),
            "{rendered}"
        );
        assert!(
            rendered.contains("d.yaml:8:2: event `x` not found"),
            "{rendered}"
        );
    }

    #[test]
    fn position_of_byte_counts_chars_not_bytes() {
        let text = "a: 1\nquote: “Путин” here\n";
        let byte = text.find("here").unwrap();
        let p = Position::of_byte(text, byte, 4);
        assert_eq!(p, Position::new(2, 16, 4));
    }

    #[test]
    fn render_shows_location_line_caret_and_hint() {
        let source = "kyivpost:\n  name: Kyiv Post\n";
        let d = Diagnostic::error(
            "content/sources.yaml",
            Some(Position::new(2, 9, 9)),
            "bad name",
        )
        .with_hint("write it differently");
        let text = render(&d, Some(source));
        assert_eq!(
            text,
            "error: content/sources.yaml:2:9: bad name\n  |\n2 |   name: Kyiv Post\n  |         ^^^^^^^^^\n  = hint: write it differently\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_problem() {
        let line = format!("{}BAD{}", "x".repeat(5000), "y".repeat(5000));
        let d = Diagnostic::error("f", Some(Position::new(1, 5001, 3)), "bad");
        let text = render(&d, Some(&line));
        assert!(text.len() < 400, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let char_col = |l: &str, i: usize| l[..i].chars().count();
        let col = char_col(lines[2], lines[2].find("BAD").unwrap());
        assert_eq!(
            char_col(lines[3], lines[3].find('^').unwrap()),
            col,
            "{text}"
        );
    }

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let ids = ["kyivpost", "fakti", "newszop"];
        assert_eq!(nearest("kyivpots", ids), Some("kyivpost"));
        assert_eq!(nearest("fakty", ids), Some("fakti"));
        assert_eq!(nearest("guardian", ids), None);
        assert!(unknown_id_hint("guardian", ids, "outlet").contains("`fakti`"));
    }

    #[test]
    fn github_commands_escape_what_ends_a_property_or_a_line() {
        let d = Diagnostic::error(
            "content/stories/x/quotes.yaml",
            Some(Position::new(14, 13, 5)),
            "passage not found: 100% sure, really",
        )
        .with_hint("the closest passage is \"a, b: c\"");
        assert_eq!(
            github_command(&d, "site/content/stories/x/quotes.yaml"),
            "::error file=site/content/stories/x/quotes.yaml,line=14,col=13,endColumn=18,\
             title=digest%3A content/stories/x/quotes.yaml%3A14%3A13::passage not found: 100%25 \
             sure, really%0Ahint: the closest passage is \"a, b: c\""
        );
        let w = Diagnostic::warning("content/a,b.md", None, "line one\nline two");
        assert_eq!(
            github_command(&w, "content/a,b.md"),
            "::warning file=content/a%2Cb.md,title=digest%3A content/a%2Cb.md::line one%0Aline two"
        );
    }

    #[test]
    fn json_lines_carry_every_field() {
        let d = Diagnostic::warning("site.yaml", Some(Position::new(3, 1, 4)), "unknown key")
            .with_hint("did you mean `title`?");
        let v: serde_json::Value = serde_json::from_str(&json_line(&d, &d.file)).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["file"], "site.yaml");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(3), Some(1))
        );
        assert_eq!(v["end_column"], 5);
        assert_eq!(v["hint"], "did you mean `title`?");
        let none = json_line(&Diagnostic::error("x", None, "m"), "x");
        assert!(
            !none.contains('\n') && none.contains("\"hint\":null"),
            "{none}"
        );
    }

    #[test]
    fn strict_promotes_warnings() {
        let mut ds: Diagnostics = [Diagnostic::warning("a", None, "w")].into_iter().collect();
        assert!(!ds.has_errors());
        ds.promote_warnings();
        assert!(ds.has_errors());
    }
}

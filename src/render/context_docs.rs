//! Generates `docs/templates.md`, the reference of every variable a template can use, from the
//! source of [`super::context`]: its module comment, its structs' and fields' doc comments and
//! their types. The test fails when the committed page differs from what the code says, so the
//! page cannot drift; `DIGEST_BLESS=1 cargo test context_docs` writes it again.

use std::fmt::Write as _;

use super::context::PageKind;

/// The variables templates get, with the struct each one is and the pages that have it.
const VARIABLES: &[(&str, &str, &str)] = &[
    ("site", "SiteCtx", "every page"),
    ("theme", "ThemeCtx", "every page"),
    ("page", "PageCtx", "every page"),
    ("index", "IndexCtx", "the home page (`index.html`)"),
    ("story", "StoryCtx", "a story page (`story.html`)"),
    ("article", "ArticleCtx", "an article page (`article.html`)"),
    ("outlet", "OutletCtx", "an outlet page (`outlet.html`)"),
    (
        "roundup",
        "RoundupCtx",
        "a story's outlet-by-outlet page (`roundup.html`, optional)",
    ),
    (
        "search",
        "SearchCtx",
        "the search page (`search.html`, optional)",
    ),
    ("tag", "TagCtx", "a topic's page (`tag.html`, optional)"),
    (
        "tags",
        "TagsCtx",
        "the list of topics (`tags.html`, optional)",
    ),
    (
        "archive",
        "ArchiveCtx",
        "the archive (`archive.html`, optional)",
    ),
    (
        "sources",
        "SourcesCtx",
        "the list of outlets (`sources.html`, optional)",
    ),
];

struct Item {
    name: String,
    doc: String,
    /// Fields (name, type, doc) of a struct; empty for an enum.
    fields: Vec<(String, String, String)>,
    is_enum: bool,
}

/// The structs and enums of `source` with their doc comments, in source order.
fn items(source: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut skip_next = false;
    let mut current: Option<Item> = None;
    for line in source.lines() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim().to_string());
            continue;
        }
        if line.starts_with("#[serde(skip") {
            skip_next = true;
            continue;
        }
        if line.starts_with("#[") || line.starts_with("//") {
            continue;
        }
        let taken = std::mem::take(&mut doc).join(" ");
        if let Some(rest) = line
            .strip_prefix("pub struct ")
            .or_else(|| line.strip_prefix("pub enum "))
        {
            let name = rest.split([' ', '{', '<']).next().unwrap_or("").to_string();
            current = Some(Item {
                name,
                doc: taken,
                fields: Vec::new(),
                is_enum: line.starts_with("pub enum "),
            });
            continue;
        }
        if line == "}" {
            if let Some(item) = current.take() {
                items.push(item);
            }
            continue;
        }
        if let (Some(item), Some(field)) = (current.as_mut(), line.strip_prefix("pub ")) {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            if let Some((name, ty)) = field.split_once(':') {
                let ty = ty.trim().trim_end_matches(',').to_string();
                item.fields.push((name.trim().to_string(), ty, taken));
            }
        }
    }
    items
}

/// A field's type in a template's terms, linking to the struct it is.
fn describe(ty: &str, known: &[String]) -> String {
    let ty = ty.replace(' ', "");
    if let Some(inner) = ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        return format!("list of {}", describe(inner, known));
    }
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return format!("{} or null", describe(inner, known));
    }
    match ty.as_str() {
        "String" | "&'staticstr" => "text".into(),
        "bool" => "true / false".into(),
        "usize" | "u32" | "u64" | "i64" | "f64" => "number".into(),
        t if t.starts_with("serde_json::Map<") || t.starts_with("BTreeMap<") => "map".into(),
        t if known.iter().any(|k| k == t) => format!("[{t}](#{})", t.to_lowercase()),
        t => format!("`{t}`"),
    }
}

/// The whole page.
pub fn generate(source: &str) -> String {
    let items = items(source);
    let known: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
    let module_doc: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let mut out = String::new();
    out.push_str("# Template context\n\n");
    out.push_str("<!-- Generated from src/render/context.rs by `DIGEST_BLESS=1 cargo test context_docs`; do not edit. -->\n\n");
    let _ = writeln!(out, "{}\n", module_doc.join(" ").replace("  ", "\n\n"));
    out.push_str("A theme's `theme.yaml` declares options; the site sets them in site.yaml under `theme_options:`, and templates read them as `theme.options.<name>` (see `digest themes NAME`).\n\n");
    out.push_str("## Variables\n\n| variable | type | on |\n|---|---|---|\n");
    for (variable, ty, on) in VARIABLES {
        let _ = writeln!(out, "| `{variable}` | {} | {on} |", describe(ty, &known));
    }
    out.push_str("\n## Types\n");
    for item in &items {
        let _ = writeln!(out, "\n### {}\n", item.name);
        if !item.doc.is_empty() {
            let _ = writeln!(out, "{}\n", item.doc);
        }
        if item.is_enum {
            continue;
        }
        out.push_str("| field | type | meaning |\n|---|---|---|\n");
        for (name, ty, doc) in &item.fields {
            let _ = writeln!(
                out,
                "| `{name}` | {} | {} |",
                describe(ty, &known),
                doc.replace('|', "\\|")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = include_str!("context.rs");
    const PAGE: &str = "docs/templates.md";

    #[test]
    fn docs_templates_md_is_what_the_code_says() {
        crate::test_support::assert_generated(
            PAGE,
            generate(SOURCE).as_bytes(),
            "src/render/context.rs",
            "context_docs",
        );
    }

    #[test]
    fn every_page_variable_and_every_field_is_documented() {
        let items = items(SOURCE);
        let kinds = [
            PageKind::Index,
            PageKind::Story,
            PageKind::Article,
            PageKind::Outlet,
            PageKind::Roundup,
            PageKind::Search,
            PageKind::NotFound,
        ];
        for kind in kinds {
            if let Some(variable) = kind.variable() {
                assert!(
                    VARIABLES.iter().any(|(v, _, _)| *v == variable),
                    "{variable}"
                );
            }
        }
        for (_, ty, _) in VARIABLES {
            assert!(items.iter().any(|i| i.name == *ty), "{ty}");
        }
        let undocumented: Vec<String> = items
            .iter()
            .flat_map(|i| {
                i.fields
                    .iter()
                    .filter(|(_, _, doc)| doc.is_empty())
                    .map(move |(f, _, _)| format!("{}.{f}", i.name))
            })
            .collect();
        assert!(
            undocumented.is_empty(),
            "fields without a /// comment (templates authors read it in docs/templates.md): {undocumented:?}"
        );
    }
}

//! The theme's Tera templates, compiled once per build, and Tera's errors turned into
//! diagnostics that name the template file, line and column.

use std::collections::HashMap;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Position};
use crate::load::theme::Theme;

pub struct Templates {
    tera: Tera,
    /// Each template's file (from the site's own `templates/`, the theme, or a theme it
    /// extends), by template name: an error names the file that has it.
    files: HashMap<String, String>,
    /// Where a template that is not there would go.
    theme_dir: String,
}

impl Templates {
    pub fn compile(theme: &Theme) -> Result<Templates, Diagnostic> {
        let files: HashMap<String, String> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.file.clone()))
            .collect();
        let mut tera = Tera::new();
        let sources = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.as_str()));
        tera.add_raw_templates(sources)
            .map_err(|e| to_diagnostic(&files, &theme.dir, &e))?;
        Ok(Templates {
            tera,
            files,
            theme_dir: theme.dir.clone(),
        })
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| to_diagnostic(&self.files, &self.theme_dir, &e))
    }
}

fn to_diagnostic(
    files: &HashMap<String, String>,
    theme_dir: &str,
    err: &tera::Error,
) -> Diagnostic {
    let file_of = |name: &str| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("{theme_dir}/templates/{name}"))
    };
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let len = if span.start_line == span.end_line { span.end_col.saturating_sub(span.start_col).max(1) } else { 1 };
            let what = if matches!(err.kind(), ErrorKind::SyntaxError(_)) { "template syntax error" } else { "template error" };
            Diagnostic::error(
                file_of(report.filename()),
                Some(Position::new(span.start_line, span.start_col + 1, len)),
                format!("{what}: {}", report.message()),
            )
            .with_hint("fix the template (see the Tera documentation for its syntax and docs/templates.md for the variables), or delete the site's copy in templates/ to use the theme's own")
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            file_of(current),
            None,
            format!("template `{current}` extends `{parent}`, which does not exist"),
        )
        .with_hint(format!("add {} or fix the name in the `extends` tag", file_of(parent))),
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(file_of(name), None, format!("template `{name}` not found"))
            .with_hint("every template that is included or extended must exist in the site's templates/ folder or in the theme"),
        ErrorKind::CircularExtend { tpl, inheritance_chain } => Diagnostic::error(
            file_of(tpl),
            None,
            format!("templates extend each other in a circle: {}", inheritance_chain.join(" -> ")),
        ),
        ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
            file_of(tpl),
            None,
            format!("templates include each other in a circle: {}", include_chain.join(" -> ")),
        ),
        _ => Diagnostic::error(theme_dir, None, format!("template error: {err}")),
    }
}

/// The templates each template uses (`extends`, `include`, `import`, `from … import`), read
/// from the tags' quoted names. A name that is built at render time cannot be read, so a
/// template with such a tag counts as using every template.
fn uses(text: &str) -> Option<Vec<&str>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "extends" | "include" | "import" | "from") {
            let quoted: Vec<&str> = tag.split('"').skip(1).step_by(2).collect();
            if quoted.is_empty() {
                return None;
            }
            names.extend(quoted);
        }
        rest = &after[end + 2..];
    }
    Some(names)
}

/// Which of `pages` (template names) may render differently after the theme went from `old`
/// to `new`: those whose template, or any template it uses, directly or not, changed.
pub fn affected_pages<'p>(old: &Theme, new: &Theme, pages: &[&'p str]) -> Vec<&'p str> {
    fn text<'t>(theme: &'t Theme, name: &str) -> Option<&'t str> {
        theme
            .templates
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.text.as_str())
    }
    let changed = |name: &str| text(old, name) != text(new, name);
    pages
        .iter()
        .copied()
        .filter(|page| {
            let mut seen: Vec<String> = Vec::new();
            let mut todo: Vec<String> = vec![page.to_string()];
            while let Some(name) = todo.pop() {
                if seen.contains(&name) {
                    continue;
                }
                if changed(&name) {
                    return true;
                }
                let (Some(a), Some(b)) = (text(old, &name).map(uses), text(new, &name).map(uses))
                else {
                    seen.push(name);
                    continue;
                };
                match (a, b) {
                    (Some(a), Some(b)) => todo.extend(a.into_iter().chain(b).map(str::to_string)),
                    _ => return true,
                }
                seen.push(name);
            }
            false
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::theme::Template;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        Theme {
            name: "t".into(),
            description: String::new(),
            licence: String::new(),
            dir: "themes/t".into(),
            extends: vec![],
            options: Default::default(),
            stylesheets: vec![],
            templates: templates
                .iter()
                .map(|(n, t)| Template {
                    name: n.to_string(),
                    file: format!("themes/t/templates/{n}"),
                    text: t.to_string(),
                })
                .collect(),
            static_files: vec![],
            highlight_theme: String::new(),
            highlight_theme_dark: String::new(),
        }
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let err = Templates::compile(&theme(&[("index.html", "<p>\n{% if x %}\n</p>")]))
            .err()
            .unwrap();
        assert_eq!(err.file, "themes/t/templates/index.html");
        assert!(err.position.is_some(), "{err:?}");
        assert!(err.message.starts_with("template syntax error"), "{err:?}");
    }

    #[test]
    fn render_errors_name_the_template_and_line() {
        let t =
            Templates::compile(&theme(&[("index.html", "<p>\n{{ missing.field }}</p>")])).unwrap();
        let err = t.render("index.html", &Context::new()).unwrap_err();
        assert_eq!(err.file, "themes/t/templates/index.html");
        assert_eq!(err.position.map(|p| p.line), Some(2), "{err:?}");
    }

    #[test]
    fn a_template_change_affects_the_pages_that_use_it() {
        let old = theme(&[
            (
                "base.html",
                "<html>{% block main %}{% endblock main %}</html>",
            ),
            (
                "story.html",
                "{% extends \"base.html\" %}{%- include \"partials/q.html\" -%}",
            ),
            ("index.html", "{% extends \"base.html\" %}"),
            ("partials/q.html", "q"),
        ]);
        let pages = ["story.html", "index.html"];
        assert!(affected_pages(&old, &old, &pages).is_empty());
        let mut partial = old.clone();
        partial.templates[3].text = "q2".into();
        assert_eq!(affected_pages(&old, &partial, &pages), ["story.html"]);
        let mut base = old.clone();
        base.templates[0].text = "<html></html>".into();
        assert_eq!(affected_pages(&old, &base, &pages), pages);
        let mut dynamic = old.clone();
        dynamic.templates[2].text = "{% include name %}".into();
        assert_eq!(affected_pages(&old, &dynamic, &pages), ["index.html"]);
        let mut unknown = dynamic.clone();
        unknown.templates[3].text = "q3".into();
        assert_eq!(
            affected_pages(&dynamic, &unknown, &pages),
            pages,
            "a name read at render time may be any template"
        );
    }

    #[test]
    fn output_is_autoescaped() {
        let t = Templates::compile(&theme(&[("index.html", "{{ x }}")])).unwrap();
        let mut c = Context::new();
        c.insert("x", "<script>");
        assert_eq!(t.render("index.html", &c).unwrap(), "&lt;script&gt;");
    }
}

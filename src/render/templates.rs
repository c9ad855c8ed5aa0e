//! The theme's Tera templates, compiled once per build, and Tera's errors turned into
//! diagnostics that name the template file, line and column.

use std::collections::HashMap;

use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult, Value};

use super::native::NativePartials;
use crate::diagnostics::{Diagnostic, Position};
use crate::load::i18n::fill_with;
use crate::load::theme::Theme;
use crate::primitives::direction::{self, Direction, isolate_text};
use crate::primitives::html;

pub struct Templates {
    tera: Tera,
    /// Each template's file (from the site's own `templates/`, the theme, or a theme it
    /// extends), by template name: an error names the file that has it.
    files: HashMap<String, String>,
    /// Where a template that is not there would go.
    theme_dir: String,
    /// The built-in partials the theme uses unchanged, which digest renders itself.
    native: NativePartials,
    site_direction: Direction,
}

/// What a page's buffer starts with: most pages of a story fit, so few are copied as they grow.
const PAGE_CAPACITY: usize = 32 * 1024;

impl Templates {
    /// Compiles the theme's templates for a site written in `site_direction` (the direction of
    /// its language), which the direction filters lay text out against.
    pub fn compile(theme: &Theme, site_direction: Direction) -> Result<Templates, Diagnostic> {
        let files: HashMap<String, String> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.file.clone()))
            .collect();
        let mut tera = Tera::new();
        register_label_filters(&mut tera);
        register_direction_filters(&mut tera, site_direction);
        let native = NativePartials::unchanged_in(theme);
        let sources = theme.templates.iter().map(|t| {
            let text = native.stand_in(&t.name).unwrap_or(&t.text);
            (t.name.as_str(), text)
        });
        tera.add_raw_templates(sources)
            .map_err(|e| to_diagnostic(&files, &theme.dir, &e))?;
        Ok(Templates {
            tera,
            files,
            theme_dir: theme.dir.clone(),
            native,
            site_direction,
        })
    }

    /// The built-in partials this theme uses unchanged ([`NativePartials`]).
    pub fn native(&self) -> NativePartials {
        self.native
    }

    /// The direction of the site's language, which the direction filters lay text out against.
    pub fn site_direction(&self) -> Direction {
        self.site_direction
    }

    /// The page `name` renders to with `context`, as the bytes to write: Tera's `render` would
    /// check the whole page is UTF-8 again to make a `String` of it (its parts already are),
    /// and grow its buffer from nothing.
    pub fn render(&self, name: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut page = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(name, context, &mut page)
            .map_err(|e| to_diagnostic(&self.files, &self.theme_dir, &e))?;
        Ok(page)
    }
}

/// The filters that turn the labels (`t`) into text: `fill` for placeholders, `plural` for a
/// label with a count, `link` to make a value a link inside a label.
fn register_label_filters(tera: &mut Tera) {
    tera.register_filter("fill", fill_filter);
    tera.register_filter("plural", plural_filter);
    tera.register_filter("link", link_filter);
}

/// The filters that lay out text in its own direction: `direction` names a language's, for a
/// `dir` attribute; `isolate` keeps runs of the other direction in plain text apart. The site's
/// direction is the same on every page, so the filters hold it rather than look up `site.dir`
/// on each call (which cost a fortieth of a build).
fn register_direction_filters(tera: &mut Tera, site: Direction) {
    tera.register_filter("direction", direction_filter);
    tera.register_filter("isolate", move |text: &str, kwargs: Kwargs, _: &State| {
        isolate_filter(text, kwargs, site)
    });
    tera.register_filter(
        "lang_dir",
        move |language: &str, kwargs: Kwargs, state: &State| {
            lang_dir_filter(language, kwargs, state, site)
        },
    );
}

/// `<p{{ article.language | lang_dir }}>`: the attributes that give an element holding text in
/// that language its language and direction: ` lang="ar" dir="rtl"` on an English site,
/// ` lang="ar"` on an Arabic one (the direction is inherited), nothing for no language.
/// `lang_dir(isolate=true)`, for a run inside a sentence (an outlet's name, a headline, quoted
/// words), always gives `dir` (`auto` for no language), which isolates the run: the quotation
/// marks, commas and footnote numbers around it stay where a reader of the sentence expects.
fn lang_dir_filter(
    language: &str,
    kwargs: Kwargs,
    _: &State,
    site: Direction,
) -> TeraResult<Value> {
    let isolate = kwargs.get::<bool>("isolate")?.unwrap_or(false);
    let mut attributes = String::new();
    direction::lang_dir_into(&mut attributes, language, isolate, site);
    Ok(Value::safe_string(&attributes))
}

/// `{{ v.language | direction }}`: `rtl` for a right-to-left language (Arabic, Hebrew, Persian,
/// Urdu …, by the language's script), `ltr` for the others, `auto` for an empty or unknown one
/// (the browser then decides from the text itself).
fn direction_filter(language: &str, _: Kwargs, _: &State) -> String {
    Direction::of(language).attribute().to_string()
}

/// `{{ c.says | isolate }}`: the editor's text with each run of words in the other direction
/// than the site's isolated (Unicode's first-strong isolate), so that quotation marks and
/// numbers around `“بقوة 8.2 درجة”` stay where an English reader expects them; a text wholly
/// in the other direction is isolated whole, its punctuation with it.
/// `{{ page.title | isolate(lang=page.title_language) }}`: a whole text in that language, isolated
/// when its direction is not the site's (for plain text without markup: `<title>`, `<meta>`).
fn isolate_filter(text: &str, kwargs: Kwargs, site: Direction) -> TeraResult<String> {
    Ok(match kwargs.get::<&str>("lang")? {
        Some(language) if !language.is_empty() => Direction::of(language).isolate(text, site),
        _ => isolate_text(text, site).into_owned(),
    })
}

/// The label with each `{name}` replaced by the keyword argument of that name. The label and
/// each value are escaped, except values already marked safe (a `link`, a `plural`); the result
/// is marked safe. Written straight into one string: a story page fills a label three times per
/// source, and building the pairs, the escaped copies and the filled text apart cost a
/// seventieth of a build.
fn filled(label: &str, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    if let Some((key, _)) = kwargs.iter().find(|(_, v)| v.is_undefined()) {
        let key = key.as_str().unwrap_or_default();
        return Err(tera::Error::message(format!(
            "`{key}=` is given a variable that does not exist here (is its name misspelt?), \
             so the label's `{{{key}}}` cannot be filled"
        )));
    }
    let escape = state.autoescaping_enabled();
    let push_text = |out: &mut String, text: &str| {
        if escape {
            html::escape_into(out, text);
        } else {
            out.push_str(text);
        }
    };
    let mut out = String::with_capacity(label.len() + 32);
    fill_with(&mut out, label, push_text, |out, name| {
        let Some((_, value)) = kwargs.iter().find(|(k, _)| k.as_str() == Some(name)) else {
            return false;
        };
        let owned;
        let text = match value.as_str() {
            Some(text) => text,
            None => {
                owned = value.to_string();
                &owned
            }
        };
        if value.is_safe() {
            out.push_str(text);
        } else {
            push_text(out, text);
        }
        true
    });
    Ok(Value::safe_string(&out))
}

/// `{{ t.in_the_story | fill(story=…) }}`
fn fill_filter(label: &str, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    filled(label, &kwargs, state)
}

/// `{{ t.count_articles | plural(count=n) }}`: the form the site's language uses for `n`
/// (CLDR rules: "1 стаття", "2 статті", "5 статей"), with `{count}` and any other keyword
/// argument filled as [`fill_filter`] does.
fn plural_filter(forms: Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let count = kwargs.must_get::<Value>("count")?;
    let n = count
        .as_i128()
        .and_then(|n| u64::try_from(n).ok())
        .ok_or_else(|| {
            tera::Error::message(format!(
                "`plural` needs a whole number as `count`, not {count}"
            ))
        })?;
    let language = state
        .get::<Value>("site")?
        .and_then(|site| {
            site.get_from_path("language")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_else(|| crate::load::i18n::REFERENCE.to_string());
    let text = match forms.as_map() {
        Some(map) => {
            let category = crate::load::i18n::plural_category(&language, n);
            let form = map
                .get(&tera::value::Key::Str(category))
                .or_else(|| map.get(&tera::value::Key::Str("other")))
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    tera::Error::message(format!("the plural label has no `{category}` form"))
                })?;
            form.to_string()
        }
        None => forms
            .as_str()
            .ok_or_else(|| {
                tera::Error::message("`plural` is for a label of the translation files (`t.…`)")
            })?
            .to_string(),
    };
    filled(&text, &kwargs, state)
}

/// `{{ a.story_title | link(href=a.story_url) }}`: a safe `<a href>` around the (escaped) text,
/// to put into a label with `fill`; `class=` adds a class, `lang=` the text's language (and its
/// direction, which also isolates it from the label around it).
fn link_filter(text: Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
    let href = kwargs.must_get::<&str>("href")?;
    let mut attributes = format!(" href=\"{}\"", state.escape(href)?);
    for name in ["class", "lang"] {
        if let Some(value) = kwargs.get::<&str>(name)?
            && !value.is_empty()
        {
            attributes.push_str(&format!(" {name}=\"{}\"", state.escape(value)?));
            if name == "lang" {
                attributes.push_str(&format!(" dir=\"{}\"", Direction::of(value).attribute()));
            }
        }
    }
    let inner = state.escape_if_needed(&text)?;
    Ok(Value::safe_string(&format!("<a{attributes}>{inner}</a>")))
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
    use crate::test_support::theme::theme_with as theme;

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let err = Templates::compile(
            &theme(&[("index.html", "<p>\n{% if x %}\n</p>")]),
            Direction::Ltr,
        )
        .err()
        .unwrap();
        assert_eq!(err.file, "themes/t/templates/index.html");
        assert!(err.position.is_some(), "{err:?}");
        assert!(err.message.starts_with("template syntax error"), "{err:?}");
    }

    #[test]
    fn render_errors_name_the_template_and_line() {
        let t = Templates::compile(
            &theme(&[("index.html", "<p>\n{{ missing.field }}</p>")]),
            Direction::Ltr,
        )
        .unwrap();
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

    fn render(template: &str, context: &Context) -> String {
        let page = Templates::compile(&theme(&[("index.html", template)]), Direction::Ltr)
            .unwrap()
            .render("index.html", context)
            .unwrap();
        String::from_utf8(page).unwrap()
    }

    fn labels(language: &str) -> Context {
        let mut c = Context::new();
        let t = crate::load::i18n::Translations::built_in(language).unwrap();
        c.insert("t", &t);
        c.insert("site", &serde_json::json!({ "language": language }));
        c
    }

    #[test]
    fn plural_picks_the_languages_form() {
        let template =
            "{% for n in [1, 2, 5, 21] %}{{ t.count_articles | plural(count=n) }};{% endfor %}";
        assert_eq!(
            render(template, &labels("uk")),
            "1 стаття;2 статті;5 статей;21 стаття;"
        );
        assert_eq!(
            render(template, &labels("ru")),
            "1 статья;2 статьи;5 статей;21 статья;"
        );
        assert_eq!(
            render(template, &labels("bg")),
            "1 статия;2 статии;5 статии;21 статии;"
        );
        assert_eq!(
            render(template, &labels("en")),
            "1 article;2 articles;5 articles;21 articles;"
        );
    }

    #[test]
    fn filled_labels_stay_escaped() {
        let mut c = labels("en");
        c.insert("name", "<b>Fakti & co</b>");
        c.insert("url", "/x?a=1&b=\"2\"");
        let html = render("{{ t.no_outlet_articles | fill(outlet=name) }}", &c);
        assert_eq!(
            html,
            "No articles from &lt;b&gt;Fakti &amp; co&lt;/b&gt; yet."
        );
        let html = render(
            "{{ t.in_the_story | fill(story=name | link(href=url, lang=\"ru\")) }}",
            &c,
        );
        assert_eq!(
            html,
            "in the story <a href=\"/x?a=1&amp;b=&quot;2&quot;\" lang=\"ru\" dir=\"ltr\">&lt;b&gt;Fakti &amp; co&lt;/b&gt;</a>"
        );
        c.insert("n", &3);
        let html = render("{{ t.record_rejected | plural(count=n, outlet=name) }}", &c);
        assert_eq!(html, "3 that were rejected");
    }

    #[test]
    fn fill_escapes_the_label_and_keeps_unknown_placeholders() {
        let mut c = Context::new();
        c.insert("label", "«{who}» & {n}/{n} <{missing}> {unclosed");
        c.insert("who", "Ha'aretz");
        c.insert("n", &7);
        assert_eq!(
            render("{{ label | fill(who=who, n=n) }}", &c),
            "«Ha&#39;aretz» &amp; 7/7 &lt;{missing}&gt; {unclosed"
        );
        assert_eq!(
            render("{{ label | fill(who=who | safe, n=\"<i>\") }}", &c),
            "«Ha'aretz» &amp; &lt;i&gt;/&lt;i&gt; &lt;{missing}&gt; {unclosed"
        );
        let t = Templates::compile(
            &theme(&[("index.html", "{{ label | fill(who=nothing) }}")]),
            Direction::Ltr,
        )
        .unwrap();
        let err = t.render("index.html", &c).unwrap_err();
        assert!(err.message.contains("`who=`"), "{}", err.message);
        assert!(err.message.contains("misspelt"), "{}", err.message);
    }

    #[test]
    fn output_is_autoescaped() {
        let t = Templates::compile(&theme(&[("index.html", "{{ x }}")]), Direction::Ltr).unwrap();
        let mut c = Context::new();
        c.insert("x", "<script>");
        assert_eq!(t.render("index.html", &c).unwrap(), b"&lt;script&gt;");
    }
}

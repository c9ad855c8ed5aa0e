//! Built-in partials that digest renders itself, without Tera, when the site's theme uses them
//! unchanged.
//!
//! A story's numbered source list is the largest part of its page (about half of its bytes,
//! one entry per citation), and Tera, which looks every variable up by name through each
//! enclosing loop and include, spent a twelfth of a build's instructions on it; an article
//! page's paragraphs, a twenty-fifth. When the theme's `partials/footnotes.html` and the
//! `partials/outlet-name.html` it includes are the default theme's, byte for byte, Tera
//! compiles a stand-in that prints the list rendered by [`footnotes::footnotes`] instead; the
//! same for `partials/article-text.html` and [`article_text::article_text`]. A theme that
//! changes one of these files (or a site that puts its own copy in `templates/`) gets its own
//! template, rendered by Tera as before: what a theme can override stays the same.
//!
//! Each renderer prints exactly what its template prints. Its tests render both ways, on
//! entries in several languages and scripts, and compare the bytes; `tests/themes.rs` builds
//! the fixture sites with and without the stand-in and compares every file.

pub mod article_text;
pub mod footnotes;

use crate::load::builtin;
use crate::load::theme::Theme;

/// The built-in theme whose partials are rendered here.
const THEME: &str = "default";
const FOOTNOTES: &str = "partials/footnotes.html";
const OUTLET_NAME: &str = "partials/outlet-name.html";
const ARTICLE_TEXT: &str = "partials/article-text.html";

/// The variable the stand-in for `partials/footnotes.html` prints: the story page's source
/// list. Not a variable themes see: a theme that used it would have changed the partial, so it
/// would never be set for that theme.
pub const FOOTNOTES_VARIABLE: &str = "native_footnotes_html";
/// The same for `partials/article-text.html`: an article page's text.
pub const ARTICLE_TEXT_VARIABLE: &str = "native_article_text_html";

/// Which of the partials digest can render itself the theme uses unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NativePartials {
    /// `partials/footnotes.html` with the `partials/outlet-name.html` it includes.
    pub footnotes: bool,
    /// `partials/article-text.html`.
    pub article_text: bool,
}

impl NativePartials {
    pub fn unchanged_in(theme: &Theme) -> NativePartials {
        let unchanged = |name: &str| {
            let built_in = builtin_text(name);
            theme
                .templates
                .iter()
                .find(|t| t.name == name)
                .is_some_and(|t| Some(t.text.as_str()) == built_in)
        };
        NativePartials {
            footnotes: unchanged(FOOTNOTES) && unchanged(OUTLET_NAME),
            article_text: unchanged(ARTICLE_TEXT),
        }
    }

    /// The template Tera compiles in place of the theme's template `name`, if digest renders
    /// that one itself.
    pub fn stand_in(&self, name: &str) -> Option<&'static str> {
        match name {
            FOOTNOTES if self.footnotes => Some("{{ native_footnotes_html | safe }}"),
            ARTICLE_TEXT if self.article_text => Some("{{ native_article_text_html | safe }}"),
            _ => None,
        }
    }
}

fn builtin_text(name: &str) -> Option<&'static str> {
    builtin::template_text(THEME, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::theme::theme_with;

    #[test]
    fn only_a_theme_with_the_built_in_partials_gets_the_stand_in() {
        let text = |name| builtin_text(name).unwrap();
        let both = [
            (FOOTNOTES, text(FOOTNOTES)),
            (OUTLET_NAME, text(OUTLET_NAME)),
        ];
        let native =
            |templates: &[(&str, &str)]| NativePartials::unchanged_in(&theme_with(templates));
        assert!(native(&both).footnotes);
        assert!(
            native(&both)
                .stand_in(FOOTNOTES)
                .unwrap()
                .contains(FOOTNOTES_VARIABLE)
        );
        assert_eq!(native(&both).stand_in(OUTLET_NAME), None);
        let own_outlet = format!("{}{{# the site's own #}}", text(OUTLET_NAME));
        assert!(!native(&[both[0], (OUTLET_NAME, &own_outlet)]).footnotes);
        assert!(!native(&[both[0]]).footnotes);
        let own_list = text(FOOTNOTES).replace("footnote-body", "source-body");
        assert!(!native(&[(FOOTNOTES, &own_list), both[1]]).footnotes);
        assert_eq!(
            native(&[(FOOTNOTES, &own_list), both[1]]).stand_in(FOOTNOTES),
            None
        );
    }
}

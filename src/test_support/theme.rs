//! A theme made of a few templates, for the tests of compiling and rendering them.

/// A theme of just these templates (name, text), as if read from `themes/t/templates/`.
pub(crate) fn theme_with(templates: &[(&str, &str)]) -> crate::load::theme::Theme {
    crate::load::theme::Theme {
        name: "t".into(),
        description: String::new(),
        licence: String::new(),
        dir: "themes/t".into(),
        extends: vec![],
        options: Default::default(),
        stylesheets: vec![],
        templates: templates
            .iter()
            .map(|(n, t)| crate::load::theme::Template {
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

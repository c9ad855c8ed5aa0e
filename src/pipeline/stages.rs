//! The stages every build runs, as functions of what earlier stages produced: settings and
//! outlets from the site's files, a compiled theme, and per story its model, its verification
//! and its rendered output; the site-wide pages from the stories' listings.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::BuildOptions;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{CONFIG_FILE, I18N_DIR};
use crate::load::builtin;
use crate::load::files::{SiteFiles, StoryFiles, ThemeFiles};
use crate::load::i18n::{self, Translations};
use crate::load::theme::{self, Theme};
use crate::load::{self, Site, Story};
use crate::output;
use crate::render::{Pages, RenderOptions, Renderer, SitePart, StoryListing, StoryOutput};
use crate::verify::{self, VerifiedStory};

/// `work` for each story, on every core when there are several. One story (the usual save) is
/// done on this thread: handing it to the pool made it twice as slow, the pool's threads
/// starting with cold caches.
pub(crate) fn each_story<T: Send>(
    slugs: &[String],
    work: impl Fn(&String) -> T + Sync + Send,
) -> Vec<T> {
    if slugs.len() > 1 {
        slugs.par_iter().map(work).collect()
    } else {
        slugs.iter().map(work).collect()
    }
}

/// The settings (with the command line's overrides) and outlets, and their problems.
pub(crate) fn parse_site(files: &SiteFiles, options: &BuildOptions) -> (Option<Site>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let site = load::parse_config(files, &mut diagnostics).map(|mut config| {
        if let Some(url) = &options.base_url
            && let Err(message) = config.set_base_url(url)
        {
            diagnostics.push(Diagnostic::error("--base-url", None, message));
        }
        if let Some(origin) = &options.local_origin {
            let url = format!("{}{}", origin.trim_end_matches('/'), config.base_path);
            if let Err(message) = config.set_base_url(&url) {
                diagnostics.push(Diagnostic::error("--base-url", None, message));
            }
        }
        load::parse_site(files, config, &mut diagnostics)
    });
    if let Some(site) = &site {
        diagnostics.extend(verify::verify_site(site));
    }
    (site, diagnostics)
}

/// The theme and its compiled templates, with the site's `theme_options` and the labels in the
/// site's language; `site` is `None` when site.yaml could not be read (that error says enough:
/// a missing theme is not worth its own).
pub(crate) fn compile_theme(
    files: Option<&ThemeFiles>,
    site: Option<(&Site, &SiteFiles)>,
    options: RenderOptions,
) -> (Option<Theme>, Option<Renderer>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let theme = files.and_then(|files| theme::parse(files, &mut diagnostics));
    let translations = match (files, site, &theme) {
        (Some(files), Some((site, site_files)), Some(_)) => {
            translations(files, site, site_files, &mut diagnostics)
        }
        _ => None,
    };
    let renderer = match (&theme, translations) {
        (Some(theme), Some(translations)) => {
            let no_options = BTreeMap::new();
            let site_options = site.map_or(&no_options, |(site, _)| &site.config.theme_options);
            let values = theme::resolve_options(theme, site_options, &mut diagnostics);
            Renderer::new(theme, values, translations, options)
                .map_err(|problems| diagnostics.extend(problems))
                .ok()
        }
        _ => None,
    };
    if site.is_some() && renderer.is_none() && !diagnostics.has_errors() {
        diagnostics.push(Diagnostic::error(
            CONFIG_FILE,
            None,
            "the site cannot be rendered without a theme",
        ));
    }
    (theme, renderer, diagnostics)
}

/// The labels in the site's language: the site's own `i18n/` files over the theme's (a theme
/// without any gets digest's built-in ones, the default theme's).
fn translations(
    theme: &ThemeFiles,
    site: &Site,
    site_files: &SiteFiles,
    diagnostics: &mut Diagnostics,
) -> Option<Translations> {
    // The site's own i18n/ first, then each theme of the chain that has translation files
    // (broadsheet has none: its labels are the default theme's).
    let dirs: Vec<String> = theme
        .layers
        .iter()
        .map(|l| format!("{}/{I18N_DIR}", l.dir))
        .collect();
    let mut layers = vec![i18n::Layer {
        dir: I18N_DIR,
        files: &site_files.translations,
    }];
    for (layer, dir) in theme.layers.iter().zip(&dirs) {
        if !layer.translations.is_empty() {
            layers.push(i18n::Layer {
                dir,
                files: &layer.translations,
            });
        }
    }
    // A theme made before there were translation files gets the default theme's.
    let built_in;
    if layers.len() == 1 {
        built_in = i18n::built_in(&format!("{}/default/{I18N_DIR}", builtin::DIR_PREFIX));
        layers.push(i18n::Layer {
            dir: "(built-in)/themes/default/i18n",
            files: &built_in,
        });
    }
    i18n::resolve(
        i18n::LanguageSetting {
            language: &site.config.language,
            config_text: site_files.config.text(),
        },
        &layers,
        diagnostics,
    )
}

/// Parses and verifies one story; a stage that could not run (errors earlier) is `None`.
pub(crate) fn parse_and_verify(
    site: &Site,
    files: &StoryFiles,
) -> (Option<Story>, Option<VerifiedStory>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let story = load::parse_story(site, files, &mut diagnostics);
    let verified = story.as_ref().map(|story| {
        let (verified, problems) = verify::verify_story(site, story);
        diagnostics.extend(problems);
        verified
    });
    diagnostics.fold_consequences();
    (story, verified, diagnostics)
}

fn minifies(site: &Site, options: &BuildOptions) -> bool {
    options.minify.unwrap_or(site.config.minify)
}

/// One story's pages, minified when the site or the options say so.
pub(crate) fn render_story(
    site: &Site,
    renderer: &Renderer,
    story: &Story,
    verified: &VerifiedStory,
    options: &BuildOptions,
) -> StoryOutput {
    let mut output = renderer.render_story(site, story, verified);
    if minifies(site, options) {
        output::minify(&mut output.pages);
    }
    output
}

/// One group of site-wide files, from the listings of the stories on the site.
pub(crate) fn render_site_part(
    site: &Site,
    renderer: &Renderer,
    stories: &[&StoryListing],
    part: SitePart,
    options: &BuildOptions,
) -> (Pages, Diagnostics) {
    let (mut pages, diagnostics) = renderer.render_site_part(site, stories, part);
    if minifies(site, options) {
        output::minify(&mut pages);
    }
    (pages, diagnostics)
}

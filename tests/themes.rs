//! Themes as a site uses them: compiled into digest (a site needs no themes/ folder), a theme
//! that extends another, single templates and stylesheets overridden from the site's own
//! folders, theme options from site.yaml, and `digest themes`.

mod common;

use std::fs;

use common::position::line_of;
use common::*;

const THEMES: [&str; 2] = ["default", "broadsheet"];

/// The example site without its themes/ folder, set to the built-in theme `theme`.
fn example_in(theme: &str) -> Site {
    let site = Site::example();
    fs::remove_dir_all(site.path("themes")).unwrap();
    site.edit(
        &site.path("site.yaml"),
        "theme: default",
        &format!("theme: {theme}"),
    );
    site
}

/// The templates of a theme as `digest themes NAME` lists them.
fn templates_of(site: &Site, theme: &str) -> Vec<String> {
    let out = site.run(&["themes", theme]);
    assert_success(&out);
    stdout(&out)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("templates/"))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn a_site_without_a_themes_folder_builds_in_every_built_in_theme() {
    for theme in THEMES {
        let site = example_in(theme);
        let out = site.build();
        assert_success(&out);
        let home = site.read("public/index.html");
        assert!(home.contains("style.css"), "{theme}");
        assert_eq!(
            home.contains("broadsheet.css"),
            theme == "broadsheet",
            "{theme}"
        );
        let story = site.story_page();
        for section in [
            "#timeline",
            "#quotes",
            "#disputes",
            "#coverage",
            "#articles",
            "#sources",
        ] {
            assert!(
                story.select(&sel(section)).next().is_some(),
                "{theme}: {section}"
            );
        }
        // Every stylesheet a page links is written.
        for sheet in ["style.css", "syntax.css"] {
            assert!(
                site.path(&format!("public/{sheet}")).is_file(),
                "{theme}: {sheet}"
            );
        }
        if theme == "broadsheet" {
            let css = site.read("public/broadsheet.css");
            assert!(
                css.len() > 5000,
                "broadsheet's own stylesheet: {} bytes",
                css.len()
            );
        }
    }
}

/// Every template of both themes is rendered by a build of the example: each one, copied into
/// the site's templates/ with a marker, leaves its marker in some page.
#[test]
fn every_template_of_every_theme_is_rendered_and_can_be_overridden() {
    for theme in THEMES {
        let site = example_in(theme);
        let templates = templates_of(&site, theme);
        assert!(templates.len() >= 10, "{theme}: {templates:?}");
        for name in &templates {
            let copied = site.run(&["themes", theme, "--copy", &format!("templates/{name}")]);
            assert_success(&copied);
            let path = site.path(&format!("templates/{name}"));
            let text = fs::read_to_string(&path).unwrap();
            let marker = format!("<b hidden data-rendered=\"{name}\"></b>");
            let marked = if text.contains("{% extends") {
                let block = text
                    .find("{% block main %}")
                    .unwrap_or_else(|| panic!("{theme}: {name} extends but has no main block"));
                let at = block + "{% block main %}".len();
                format!("{}{marker}{}", &text[..at], &text[at..])
            } else if let Some(body) = text.find("<body") {
                let at = body + text[body..].find('>').unwrap() + 1;
                format!("{}{marker}{}", &text[..at], &text[at..])
            } else {
                format!("{marker}{text}")
            };
            fs::write(&path, marked).unwrap();
        }
        let out = site.build();
        assert_success(&out);
        let mut pages = String::new();
        for page in site.pages() {
            pages.push_str(&site.read(&format!("public/{page}")));
        }
        for name in &templates {
            // Minified pages drop the quotes around attribute values.
            let rendered = pages.contains(&format!("data-rendered=\"{name}\""))
                || pages.contains(&format!("data-rendered={name}"));
            assert!(
                rendered,
                "{theme}: template {name} is rendered by no page of the example"
            );
        }
    }
}

#[test]
fn one_template_and_one_stylesheet_overridden_the_rest_from_the_compiled_in_theme() {
    let site = example_in("broadsheet");
    fs::create_dir_all(site.path("templates/partials")).unwrap();
    fs::create_dir_all(site.path("static")).unwrap();
    let copied = site.run(&[
        "themes",
        "broadsheet",
        "--copy",
        "templates/partials/timeline.html",
    ]);
    assert_success(&copied);
    assert!(
        stdout(&copied).contains("to templates/partials/timeline.html"),
        "{}",
        stdout(&copied)
    );
    site.edit(
        &site.path("templates/partials/timeline.html"),
        "<section id=\"timeline\"",
        "<section data-ours=\"timeline\" id=\"timeline\"",
    );
    fs::write(
        site.path("static/broadsheet.css"),
        "body { color: #111; }\n",
    )
    .unwrap();
    let out = site.build();
    assert_success(&out);
    let story = site.story_page();
    assert!(
        story
            .select(&sel("#timeline[data-ours=timeline] li"))
            .count()
            >= 10,
        "the override renders the timeline"
    );
    assert!(
        story.select(&sel("#quotes")).next().is_some(),
        "the rest of the story page is the theme's"
    );
    assert_eq!(
        site.read("public/broadsheet.css"),
        "body { color: #111; }\n"
    );
    let builtin_css = site.read("public/style.css");
    assert!(
        builtin_css.len() > 5000,
        "the default theme's stylesheet, which broadsheet extends"
    );

    // `--copy` never overwrites the site's copy.
    let again = site.run(&[
        "themes",
        "broadsheet",
        "--copy",
        "templates/partials/timeline.html",
    ]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("templates/partials/timeline.html already exists"),
        "{}",
        stderr(&again)
    );
    let typo = site.run(&["themes", "broadsheet", "--copy", "templates/stroy.html"]);
    assert!(
        stderr(&typo).contains("Did you mean `templates/story.html`?"),
        "{}",
        stderr(&typo)
    );

    // A mistake in the override is reported in the site's file, not the theme's.
    site.edit(
        &site.path("templates/partials/timeline.html"),
        "{% for e in story.timeline %}",
        "{% for e in story.timeline %}{{ e.nope.deeper }}",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("templates/partials/timeline.html:"), "{err}");
    assert!(!err.contains("(built-in)"), "{err}");
}

/// digest renders the story page's source list and an article page's text itself when the
/// theme's partials for them (`partials/footnotes.html` with the `partials/outlet-name.html` it
/// includes, `partials/article-text.html`) are the built-in ones; a site's own copy of a
/// partial is rendered by Tera. Copies that differ only by a comment must give the same bytes,
/// in every language of the fixtures; a copy that changes the markup must show the change.
#[test]
fn pages_are_the_same_rendered_by_digest_or_by_the_themes_partials() {
    let sites = [
        Site::example(),
        Site::multilingual(),
        Site::fixture("unseen/landslide"),
        Site::fixture("furniture"),
    ];
    let partials = [
        (
            "partials/footnotes.html",
            "doc-endnotes",
            "class=\"footnote-body\"",
        ),
        (
            "partials/article-text.html",
            "article-text",
            "class=\"pnum\"",
        ),
    ];
    for site in sites {
        assert_success(&site.build());
        let built_in = site.snapshot("public");
        let showing = |needle: &str| -> String {
            let (name, _) = built_in
                .iter()
                .find(|(name, page)| {
                    name.starts_with("stories/") && String::from_utf8_lossy(page).contains(needle)
                })
                .unwrap_or_else(|| panic!("{}: no page with {needle}", site.root.display()));
            name.clone()
        };
        let pages: Vec<String> = partials
            .iter()
            .map(|(_, needle, _)| showing(needle))
            .collect();

        fs::create_dir_all(site.path("templates/partials")).unwrap();
        for (partial, _, _) in partials {
            let text =
                fs::read_to_string(site.path(&format!("themes/default/templates/{partial}")))
                    .unwrap();
            let copy = site.path(&format!("templates/{partial}"));
            fs::write(&copy, format!("{text}{{# the site's own copy #}}")).unwrap();
        }
        fs::remove_dir_all(site.path("public")).unwrap();
        fs::remove_dir_all(site.path(".digest-cache")).unwrap();
        assert_success(&site.build());
        let by_tera = site.snapshot("public");
        assert_eq!(built_in.len(), by_tera.len());
        // `.digest-build` names the build, which differs with the templates.
        for (name, page) in built_in.iter().filter(|(name, _)| !name.starts_with('.')) {
            assert!(
                by_tera.get(name) == Some(page),
                "{}: {name} differs when Tera renders the partials",
                site.root.display()
            );
        }

        for ((partial, _, markup), page) in partials.iter().zip(&pages) {
            let copy = site.path(&format!("templates/{partial}"));
            site.edit(&copy, markup, &format!("{markup} data-ours"));
            assert_success(&site.build());
            assert!(
                site.read(&format!("public/{page}")).contains("data-ours"),
                "{partial}: {page}"
            );
            site.edit(&copy, &format!("{markup} data-ours"), markup);
        }
    }
}

#[test]
fn a_theme_folder_extends_a_built_in_theme_and_adds_only_its_differences() {
    let site = example_in("mine");
    fs::create_dir_all(site.path("themes/mine/templates")).unwrap();
    fs::create_dir_all(site.path("themes/mine/static")).unwrap();
    fs::write(
        site.path("themes/mine/theme.yaml"),
        "name: mine\ndescription: Ours.\nextends: broadsheet\nstylesheets: [mine.css]\noptions:\n  motto: {default: Facts first, description: Under the masthead}\n",
    )
    .unwrap();
    fs::write(
        site.path("themes/mine/static/mine.css"),
        "h1 { letter-spacing: 0; }\n",
    )
    .unwrap();
    fs::write(
        site.path("themes/mine/templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1><p class=motto>{{ theme.options.motto }} / {{ theme.options.front_page_columns }}</p>{% endblock main %}",
    )
    .unwrap();
    assert_success(&site.build());
    let home = site.read("public/index.html");
    let order: Vec<usize> = ["style.css", "broadsheet.css", "mine.css"]
        .iter()
        .map(|s| home.find(s).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "stylesheets base first: {order:?}"
    );
    assert!(site.read("public/404.html").contains("Facts first / 3"));

    site.edit(
        &site.path("site.yaml"),
        "theme: mine",
        "theme: mine\ntheme_options:\n  motto: Check everything\n  front_page_columns: 2",
    );
    assert_success(&site.build());
    assert!(
        site.read("public/404.html")
            .contains("Check everything / 2")
    );

    let list = stdout(&site.run(&["themes"]));
    assert!(
        list.contains("Built-in themes:\n  broadsheet\n") && list.contains("  default\n"),
        "{list}"
    );
    assert!(list.contains("  mine (in use)\n      Ours.\n"), "{list}");
    let about = stdout(&site.run(&["themes", "mine"]));
    assert!(about.contains("Extends: broadsheet -> default"), "{about}");
    assert!(
        about.contains("  motto: \"Facts first\" (default)\n      Under the masthead"),
        "{about}"
    );
    assert!(about.contains("front_page_columns: 3 (default)"), "{about}");
    assert!(
        about.contains("templates/404.html                       themes/mine"),
        "{about}"
    );
    assert!(
        about.contains("templates/story.html                     built-in default"),
        "{about}"
    );
}

#[test]
fn theme_mistakes_are_reported_with_their_file_and_line() {
    let site = example_in("broadsheet");
    site.edit(
        &site.path("site.yaml"),
        "theme: broadsheet",
        "theme: broadsheet\ntheme_options:\n  front_page_colums: 2\n  front_page_columns: two",
    );
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let line = line_of(&site.path("site.yaml"), "front_page_colums:");
    assert!(
        err.contains(&format!(
            "site.yaml:{line}:22: theme `broadsheet` has no option `front_page_colums`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `front_page_columns`?"), "{err}");
    assert!(err.contains("theme option `front_page_columns` is text, and it must be a number like its default `3`"), "{err}");

    let site = example_in("broadshet");
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("theme `broadshet` not found"), "{err}");
    assert!(err.contains("did you mean `broadsheet`?"), "{err}");

    let site = example_in("old");
    fs::create_dir_all(site.path("themes/old")).unwrap();
    fs::write(
        site.path("themes/old/theme.yaml"),
        "extends: default\ndigest: \"<0.1\"\n",
    )
    .unwrap();
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("themes/old/theme.yaml:2:"), "{err}");
    assert!(
        err.contains("theme `old` needs digest <0.1, and this is digest"),
        "{err}"
    );
}

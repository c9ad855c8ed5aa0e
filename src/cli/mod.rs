//! The command line: `digest build`, `check`, `serve`, `init`, `themes`, `new`, `import` and `suggest`, their options, how
//! diagnostics are printed and which exit status each outcome gets.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::diagnostics::{self, Diagnostics};
use crate::pipeline::{BuildOptions, Project, disk};
use crate::render::RenderOptions;
use crate::{output, scaffold};
pub mod reference;

#[derive(Debug, Parser)]
#[command(
    name = "digest",
    version,
    about = "Build annotated news digests: many outlets, one event, every claim footnoted.",
    long_about = "digest reads articles that several outlets published about one event, plus an editor's \
timeline, key quotes, disputed details and annotations, checks every quote and citation against \
the article texts, and renders a static site with cross-source footnotes.\n\n\
Start with `digest init my-site`, preview it with `digest serve --root my-site`, and publish \
with `digest build --root my-site`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the site and render it into the output folder (public/ by default).
    ///
    /// A build with errors writes nothing, so the previous site stays as it was. A first build
    /// writes into a new folder that replaces the output at the end; later builds rebuild only
    /// the stories whose files changed (the cache is in .digest-cache/) and rewrite only the
    /// files whose contents changed. The output folder is the build's own: a folder that digest
    /// did not write is refused unless --force.
    Build(BuildArgs),
    /// Run every check `build` runs (ids, citations, quotes, templates), follow every internal
    /// link and #anchor of the rendered pages, and write no pages.
    ///
    /// Also prints what was inferred for raw .txt articles (title, date, outlet). Like build,
    /// it keeps a cache in .digest-cache/ and re-checks only the stories that changed.
    /// `--format github` annotates a pull request's lines; `--format json` is for tools.
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it, and rebuild and reload on every save.
    ///
    /// Serves on 127.0.0.1 port 1111 (another free port if that one is taken). After a save,
    /// only what the change affects is rebuilt; every open tab reloads by itself, and a save
    /// that breaks the build shows its errors over the last good version. Writes nothing.
    Serve(ServeArgs),
    /// Create a new site with a small sample story that builds at once.
    ///
    /// Also writes .github/workflows/pages.yml, which publishes the site on GitHub Pages from
    /// GitHub Actions and checks every pull request. The theme is not copied: it is built into
    /// digest, and the site overrides single files of it (see `digest themes`).
    Init(InitArgs),
    /// List the themes (built in, and the site's own themes/ folders), or describe one.
    ///
    /// `digest themes NAME` shows its description, licence, the theme it extends, its options
    /// (set in site.yaml under `theme_options:`) and its files with where each comes from.
    /// `--copy templates/story.html` copies one of its files into the site's own templates/
    /// or static/ folder, where it takes the place of the theme's.
    Themes(ThemesArgs),
    /// Start something new in the site: `digest new story SLUG`.
    #[command(subcommand)]
    New(NewCommand),
    /// Import an article: a page saved from the browser (.html) or a raw text copy (.txt).
    ///
    /// A page becomes content/stories/<story>/articles/<id>.md: its text as paragraphs (found
    /// by a reader view, without the page's furniture), and front matter from what the page
    /// states about itself (title, URL, published time, author, language). What the page does
    /// not state is left out and said so. A .txt file is copied as it is. Never overwrites an
    /// article unless --force; writes nothing else.
    Import(ImportArgs),
    /// Propose quote variants and disputed details for a story, as YAML ready to paste.
    ///
    /// Finds the passages in quotation marks that several outlets render, and sentences whose
    /// outlets disagree on a date, a weekday, a number or a place, most confident first, with
    /// the reasons as comments. Prints them, or with --write puts them into
    /// quotes.suggested.yaml and disputes.suggested.yaml beside the sidecars; never writes
    /// the editor's own quotes.yaml or disputes.yaml.
    Suggest(crate::editor::suggest::SuggestArgs),
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A story folder, content/stories/SLUG/, with story.md, empty sidecars and an articles/
    /// folder: it builds at once. An existing folder is never touched.
    Story(NewStoryArgs),
}

#[derive(Debug, Args)]
pub struct NewStoryArgs {
    /// The story's folder name, which becomes its address (stories/SLUG/): letters, digits,
    /// `-` and `_`.
    pub slug: String,
    /// The story's title [default: the slug in words].
    #[arg(long, short = 't', value_name = "TITLE")]
    pub title: Option<String>,
    /// The site's folder (the one with site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The saved page (.html, .htm) or text copy (.txt).
    pub file: PathBuf,
    /// The story folder to add it to [default: the site's only story].
    #[arg(long, value_name = "SLUG")]
    pub story: Option<String>,
    /// The outlet (an id of content/sources.yaml) [default: the one whose url has the page's host].
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
    /// The article's id [default: the outlet's id, or <outlet>-2, -3 … when taken].
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Replace the article if it exists.
    #[arg(long)]
    pub force: bool,
    /// The site's folder (the one with site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ThemesArgs {
    /// The theme to describe.
    pub name: Option<String>,
    /// Copy this file of the theme (`templates/story.html`, `static/style.css`) into the site,
    /// to change it there; never overwrites.
    #[arg(long, value_name = "FILE", requires = "name")]
    pub copy: Option<String>,
    /// The site's folder (the one with site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on; it is an error if it is taken [default: 1111, or a free one].
    #[arg(long, short = 'p', value_name = "N")]
    pub port: Option<u16>,
    /// Address to listen on. Anything but a loopback address exposes the preview to the
    /// network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include stories marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Serve with this base URL instead of the site's own path at this server's address.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's folder (the one with site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include stories marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings as errors (also `strict: true` in site.yaml).
    #[arg(long)]
    pub strict: bool,
    /// Ignore the cache of earlier builds (.digest-cache/) and build everything.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Override site.yaml's base_url, e.g. https://user.github.io/repo/ for a fork.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Where to write the site [default: <root>/public].
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Replace the output folder even if digest did not write it (its files are lost).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the problems: `human` (the line and a caret, on stderr), `github`
    /// (workflow commands that annotate a pull request's lines) or `json` (one object per
    /// line); github and json go to stdout, with paths from the current folder.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Github,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (must be empty or not exist yet).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The built-in theme to use (`digest themes` lists them).
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub theme: String,
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Serve(args) => {
            let options = crate::serve::ServeOptions {
                root: args.root,
                port: args.port,
                interface: args.interface,
                drafts: args.drafts,
                base_url: args.base_url,
                open: args.open,
            };
            match crate::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Themes(args) => themes(&args),
        Command::New(NewCommand::Story(args)) => new_story(&args),
        Command::Import(args) => import(args),
        Command::Suggest(args) => crate::editor::suggest::run(&args),
        Command::Init(args) => match scaffold::init(&args.dir, &args.theme) {
            Ok(()) => {
                println!(
                    "Created a new digest site in {} with the theme `{}`",
                    args.dir.display(),
                    args.theme
                );
                println!(
                    "Preview it with:  digest serve --root {}",
                    args.dir.display()
                );
                println!(
                    "Build it with:    digest build --root {}",
                    args.dir.display()
                );
                println!(
                    "Publish it on GitHub Pages: push it to GitHub and choose Settings -> Pages -> \
                     Source: GitHub Actions ({} does the rest)",
                    scaffold::WORKFLOW_PATH
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

fn new_story(args: &NewStoryArgs) -> ExitCode {
    match crate::editor::new_story::create(&args.root, &args.slug, args.title.as_deref()) {
        Ok(created) => {
            println!("Created the story `{}`:", args.slug);
            for file in &created.files {
                println!("  {file}");
            }
            println!(
                "Next: put the outlets' articles into {}/articles/ (a saved page: `digest import page.html --story {}`; or a copied .txt), cite them in story.md, and preview with `digest serve`.",
                created.dir.display(),
                args.slug
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `digest import`: what was written and inferred on stdout; a problem as `build` reports one.
fn import(args: ImportArgs) -> ExitCode {
    let request = crate::editor::import::ImportRequest {
        root: args.root,
        file: args.file,
        story: args.story,
        source: args.source,
        id: args.id,
        force: args.force,
    };
    match crate::editor::import::import(&request) {
        Ok(imported) => {
            println!(
                "Imported {} as {}:",
                request.file.display(),
                imported.written
            );
            for note in &imported.notes {
                println!("  - {note}");
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprint!("{}", diagnostics::render(&problem, None));
            eprintln!("Import failed: nothing was written.");
            ExitCode::FAILURE
        }
    }
}

fn themes(args: &ThemesArgs) -> ExitCode {
    // The theme the site in --root uses, to mark it; none when there is no readable site.yaml.
    let in_use = crate::load::read::read_config(&args.root)
        .text()
        .and_then(|text| crate::load::config::parse(text, &mut Diagnostics::new()))
        .map(|config| config.theme);
    let result = match (&args.name, &args.copy) {
        (None, _) => Ok(crate::themes::list(&args.root, in_use.as_deref())),
        (Some(name), None) => crate::themes::describe(&args.root, name),
        (Some(name), Some(path)) => crate::themes::copy(&args.root, name, path).map(|written| {
            format!("Copied {path} of the theme `{name}` to {written}: edit it there; delete it to use the theme's again.\n")
        }),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn build_options(site: &SiteArgs, base_url: Option<&str>) -> BuildOptions {
    BuildOptions {
        drafts: site.drafts,
        strict: site.strict,
        base_url: base_url.map(str::to_string),
        minify: None,
        local_origin: None,
        render: RenderOptions::default(),
    }
}

pub(crate) fn print_diagnostics(project: &Project, diagnostics: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics.sorted() {
        let _ = writeln!(err, "{}", project.render_diagnostic(d));
    }
}

pub(crate) fn summary(diagnostics: &Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(diagnostics.error_count(), "error"),
        plural(diagnostics.warning_count(), "warning")
    )
}

/// Where `digest build` and `check` keep what they found, to redo only what changed.
fn cache_dir(site: &SiteArgs) -> Option<PathBuf> {
    (!site.no_cache).then(|| site.root.join(".digest-cache"))
}

fn print_report(report: &disk::Report) {
    let mut err = std::io::stderr().lock();
    for d in report.diagnostics.sorted() {
        let _ = writeln!(err, "{}", report.render_diagnostic(d));
    }
    if let Some(problem) = &report.cache_problem {
        let _ = writeln!(
            err,
            "warning: the build cache could not be saved ({problem}); the next build will redo everything"
        );
    }
}

/// `check --format github|json`: every diagnostic, and what was inferred for `.txt` articles,
/// one per line on stdout (the summary stays on stderr).
fn print_machine_report(report: &disk::Report, args: &CheckArgs) {
    let mut out = std::io::stdout().lock();
    let from_repo = |file: &str| repository_path(&args.site.root, file);
    for (file, notes) in &report.inferred {
        for note in notes {
            let line = match args.format {
                Format::Json => serde_json::json!({
                    "severity": "note",
                    "file": from_repo(file),
                    "message": format!("inferred from the text: {note}"),
                    "hint": null,
                })
                .to_string(),
                _ => diagnostics::github_notice(
                    &from_repo(file),
                    &format!("inferred from the text: {note}"),
                ),
            };
            let _ = writeln!(out, "{line}");
        }
    }
    for d in report.diagnostics.sorted() {
        let line = match args.format {
            Format::Json => diagnostics::json_line(d, &from_repo(&d.file)),
            _ => diagnostics::github_command(d, &from_repo(&d.file)),
        };
        let _ = writeln!(out, "{line}");
    }
    if let Some(problem) = &report.cache_problem {
        eprintln!("warning: the check cache could not be saved ({problem})");
    }
}

/// A site file's path from the folder digest runs in (a site in `site/` of a repository gives
/// `site/content/…`, which is what GitHub needs to put an annotation on the right file).
fn repository_path(root: &std::path::Path, file: &str) -> String {
    let joined = root.join(file);
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            joined
                .strip_prefix(cwd)
                .ok()
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or(joined);
    relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let output_dir = args
        .output_dir
        .clone()
        .unwrap_or_else(|| args.site.root.join("public"));
    if let Err(message) = output::check_output_dir(&args.site.root, &output_dir, args.force) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let build = disk::DiskBuild {
        root: args.site.root.clone(),
        options: build_options(&args.site, args.base_url.as_deref()),
        output: Some(output_dir.clone()),
        cache: cache_dir(&args.site),
    };
    let report = match disk::run(&build) {
        Ok(report) => report,
        Err(err) if err.previous_intact => {
            eprintln!(
                "error: cannot write {}: {err}. The previous site there is unchanged.",
                output_dir.display()
            );
            return ExitCode::FAILURE;
        }
        Err(err) => {
            eprintln!(
                "error: cannot write {}: {err}. Some of its files were already replaced by new \
                 ones; the next `digest build` writes the whole folder again.",
                output_dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    print_report(&report);
    if report.failed() {
        eprintln!(
            "Build failed ({}). Nothing was written; {} is unchanged.",
            summary(&report.diagnostics),
            output_dir.display()
        );
        return ExitCode::FAILURE;
    }
    let ms = started.elapsed().as_millis();
    let problems = summary(&report.diagnostics);
    if report.written == 0 && report.removed == 0 {
        eprintln!(
            "{} is up to date: {} files ({} stories), nothing changed ({ms} ms, {problems}).",
            output_dir.display(),
            report.files,
            report.stories,
        );
    } else if report.rebuilt == report.stories && report.written == report.files {
        eprintln!(
            "Built {} files ({} stories) into {} in {ms} ms ({problems}).",
            report.files,
            report.stories,
            output_dir.display(),
        );
    } else {
        eprintln!(
            "Updated {}: {} of {} stories rebuilt, {} files written, {} removed, {} unchanged, in {ms} ms ({problems}).",
            output_dir.display(),
            report.rebuilt,
            report.stories,
            report.written,
            report.removed,
            report.files - report.written,
        );
    }
    ExitCode::SUCCESS
}

fn check(args: &CheckArgs) -> ExitCode {
    // Drafts are rendered too: their templates are part of the check. Nothing is written, and
    // minifying cannot fail: it would only cost time.
    let mut options = build_options(&args.site, None);
    options.drafts = true;
    options.minify = Some(false);
    let build = disk::DiskBuild {
        root: args.site.root.clone(),
        options,
        output: None,
        cache: cache_dir(&args.site),
    };
    let report = match disk::run(&build) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    match args.format {
        Format::Human => {
            for (file, notes) in &report.inferred {
                println!("{file}: inferred from the text:");
                for note in notes {
                    println!("  - {note}");
                }
            }
            print_report(&report);
        }
        Format::Github | Format::Json => print_machine_report(&report, args),
    }
    if report.failed() {
        eprintln!("Check failed ({}).", summary(&report.diagnostics));
        ExitCode::FAILURE
    } else {
        eprintln!("Check passed ({}).", summary(&report.diagnostics));
        ExitCode::SUCCESS
    }
}

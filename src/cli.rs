//! The command line: `digest build`, `check`, `serve` and `init`, their options, how
//! diagnostics are printed and which exit status each outcome gets.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::build::{BuildOptions, Project};
use crate::diagnostics::Diagnostics;
use crate::load::Format;
use crate::render::RenderOptions;
use crate::{output, scaffold};

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
    /// The site is rendered completely in memory first; the output folder is replaced only
    /// when everything succeeded, so a failed build leaves the previous site as it was.
    Build(BuildArgs),
    /// Run every check `build` runs (ids, citations, quotes, templates) and write nothing.
    ///
    /// Also prints what was inferred for raw .txt articles (title, date, outlet).
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it, and rebuild and reload on every save.
    ///
    /// Serves on 127.0.0.1 port 1111 (another free port if that one is taken). After a save,
    /// only what the change affects is rebuilt; every open tab reloads by itself, and a save
    /// that breaks the build shows its errors over the last good version. Writes nothing.
    Serve(ServeArgs),
    /// Create a new site with the default theme and a small sample story that builds at once.
    Init(InitArgs),
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
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (must be empty or not exist yet).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
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
        Command::Init(args) => match scaffold::init(&args.dir) {
            Ok(()) => {
                println!("Created a new digest site in {}", args.dir.display());
                println!(
                    "Preview it with:  digest serve --root {}",
                    args.dir.display()
                );
                println!(
                    "Build it with:    digest build --root {}",
                    args.dir.display()
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

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let output_dir = args
        .output_dir
        .clone()
        .unwrap_or_else(|| args.site.root.join("public"));
    if let Err(message) = output::check_output_dir(&args.site.root, &output_dir) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let project = Project::open(
        &args.site.root,
        build_options(&args.site, args.base_url.as_deref()),
    );
    let diagnostics = project.diagnostics();
    print_diagnostics(&project, &diagnostics);
    let Some(site) = project.output() else {
        eprintln!(
            "Build failed ({}). Nothing was written; {} is unchanged.",
            summary(&diagnostics),
            output_dir.display()
        );
        return ExitCode::FAILURE;
    };
    let pages = site.to_pages();
    if let Err(err) = output::write(&pages, &output_dir) {
        eprintln!(
            "error: cannot write {}: {err}. The previous site there is unchanged.",
            output_dir.display()
        );
        return ExitCode::FAILURE;
    }
    eprintln!(
        "Built {} files ({} stories) into {} in {} ms ({}).",
        pages.files.len(),
        site.story_count(),
        output_dir.display(),
        started.elapsed().as_millis(),
        summary(&diagnostics)
    );
    ExitCode::SUCCESS
}

fn check(args: &CheckArgs) -> ExitCode {
    // Drafts are rendered too: their templates are part of the check.
    let mut options = build_options(&args.site, None);
    options.drafts = true;
    // Nothing is written, and minifying cannot fail: it would only cost time.
    options.minify = Some(false);
    let project = Project::open(&args.site.root, options);
    report_inferred(&project);
    let diagnostics = project.diagnostics();
    print_diagnostics(&project, &diagnostics);
    if diagnostics.has_errors() {
        eprintln!("Check failed ({}).", summary(&diagnostics));
        ExitCode::FAILURE
    } else {
        eprintln!("Check passed ({}).", summary(&diagnostics));
        ExitCode::SUCCESS
    }
}

fn report_inferred(project: &Project) {
    for story in project.stories() {
        for article in story
            .articles
            .iter()
            .filter(|a| a.format == Format::Text && !a.inferred.is_empty())
        {
            println!("{}: inferred from the text:", article.file);
            for note in &article.inferred {
                println!("  - {note}");
            }
        }
    }
}

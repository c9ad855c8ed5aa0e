//! The command line's grammar: `digest build`, `check`, `serve`, `init`, `themes`, `new`,
//! `import` and `suggest`, their arguments and their help, declared with clap and nothing else.
//! What each command does is in [`crate::commands`]; options that several commands share
//! (`--root`, the build's options) are declared once here and flattened into each.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
/// The whole command line: `digest <command> [options]`.
pub struct Cli {
    /// The command to run; `digest` alone prints the help.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands, each with its arguments; [`crate::commands::run`] runs one.
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
    /// not state is left out and said so. A .txt file is copied as it is; `digest check` then
    /// prints what was read from it (headline, date, outlet, each with its line). --title,
    /// --headline, --published and --author give what the copy does not say, and win over what
    /// it says; a .txt imported with them gets front matter with them and with what was read.
    /// Never overwrites an article unless --force; writes nothing else.
    Import(ImportArgs),
    /// Propose quote variants and disputed details for a story, as YAML ready to paste.
    ///
    /// Finds the passages in quotation marks that several outlets render, and sentences whose
    /// outlets disagree on a date, a weekday, a number or a place, most confident first, with
    /// the reasons as comments. Prints them, or with --write puts them into
    /// quotes.suggested.yaml and disputes.suggested.yaml beside the sidecars; never writes
    /// the editor's own quotes.yaml or disputes.yaml.
    Suggest(SuggestArgs),
}

/// The site a command works on.
#[derive(Debug, Args)]
pub struct Root {
    /// The site's folder (the one with site.yaml).
    #[arg(long = "root", value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// What `digest new` can start.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A story folder, content/stories/SLUG/, with story.md, empty sidecars and an articles/
    /// folder: it builds at once. An existing folder is never touched.
    Story(NewStoryArgs),
}

/// `digest new story`'s arguments.
#[derive(Debug, Args)]
pub struct NewStoryArgs {
    /// The story's folder name, which becomes its address (stories/SLUG/): letters, digits,
    /// `-` and `_`.
    pub slug: String,
    /// The story's title [default: the slug in words].
    #[arg(long, short = 't', value_name = "TITLE")]
    pub title: Option<String>,
    /// The site to add the story to.
    #[command(flatten)]
    pub root: Root,
}

/// `digest import`'s arguments.
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
    /// The editor's title for it, in the site's language (front matter `title:`).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The outlet's headline, when the copy has none or the wrong one [default: the page's, or
    /// the first line of a .txt that reads as a headline].
    #[arg(long, value_name = "TEXT")]
    pub headline: Option<String>,
    /// When the outlet published it, as front matter writes it: 2017-09-08, 2017-09-08T14:30
    /// (the site's time zone) or 2017-09-08T14:30+02:00 [default: the date the copy states].
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Who wrote it [default: the author or byline the page states].
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// The site to import into.
    #[command(flatten)]
    pub root: Root,
}

/// `digest themes`' arguments.
#[derive(Debug, Args)]
pub struct ThemesArgs {
    /// The theme to describe.
    pub name: Option<String>,
    /// Copy this file of the theme (`templates/story.html`, `static/style.css`) into the site,
    /// to change it there; never overwrites.
    #[arg(long, value_name = "FILE", requires = "name")]
    pub copy: Option<String>,
    /// The site whose own themes are listed beside the built-in ones.
    #[command(flatten)]
    pub root: Root,
}

/// `digest serve`'s arguments.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site to serve.
    #[command(flatten)]
    pub root: Root,
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

/// What `build` and `check` share: which site, and how strictly to build it.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site to build or check.
    #[command(flatten)]
    pub root: Root,
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

/// `digest build`'s arguments.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site, drafts, strictness and cache.
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

/// `digest check`'s arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site, drafts, strictness and cache.
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the problems (github and json go to stdout, with paths from the current
    /// folder).
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// How `digest check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Each problem with its line and a caret, on stderr.
    Human,
    /// Workflow commands that annotate a pull request's lines on GitHub.
    Github,
    /// One JSON object per problem and line, for tools.
    Json,
}

/// `digest init`'s arguments.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (must be empty or not exist yet).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The built-in theme to use (`digest themes` lists them).
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub theme: String,
}

/// `digest suggest`'s arguments.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The story's folder name under content/stories/ (may be left out when there is one).
    pub story: Option<String>,
    /// Write quotes.suggested.yaml and disputes.suggested.yaml into the story's folder
    /// instead of printing them (the editor's quotes.yaml and disputes.yaml are never written).
    #[arg(long)]
    pub write: bool,
    /// The site the story is in.
    #[command(flatten)]
    pub root: Root,
}

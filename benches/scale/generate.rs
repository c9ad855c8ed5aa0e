//! Generates a digest site of N stories × K articles for benchmarks, and the same articles as a
//! plain Hugo site and a plain Zola site, so that the generators are timed on the same text.
//!
//! The articles are made from the paragraphs of the example story's five articles (the seed
//! texts), shuffled deterministically per story, so every story has its own text. Every story
//! has a `story.md` citing passages, a timeline whose events cite several outlets, quotes with
//! variants from two outlets and a resolved dispute: all of it valid, so the site builds with
//! every quote verified.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The example story, whose articles are the seed texts.
const EXAMPLE_STORY: &str = "content/stories/putin-congratulates-trump-valdai";

/// Paragraphs per generated article (the seed articles have 20 to 40 lines, furniture included).
const PARAGRAPHS_PER_ARTICLE: usize = 14;

/// Where a generated site is. (The rebuild bench, which shares this file, reads only `digest`.)
#[allow(dead_code)]
pub struct Generated {
    /// The digest site (the folder with site.yaml).
    pub digest: PathBuf,
    /// The same articles as a plain Hugo site (for Hugo 0.111 and 0.168 alike).
    pub hugo: PathBuf,
    /// The same articles as a plain Zola site.
    pub zola: PathBuf,
    pub stories: usize,
    pub articles: usize,
}

/// The seed paragraphs: every paragraph of the example's articles long enough not to be page
/// furniture (furniture is stripped by outlet, and a generated article mixes outlets).
fn seed_paragraphs(repo: &Path) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(repo.join(EXAMPLE_STORY).join("articles"))
        .expect("the example story's articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
        paragraphs.extend(
            body.lines()
                .map(str::trim)
                .filter(|line| line.split_whitespace().count() >= 20)
                .map(str::to_string),
        );
    }
    paragraphs
}

/// The outlets of the example, in `content/sources.yaml` order.
const OUTLETS: [&str; 5] = ["kyivpost", "defencetalks", "unnamed", "newszop", "fakti"];

/// A small deterministic generator (xorshift), so a given N always gives the same site.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One generated article: its id, outlet and paragraphs.
struct Article {
    id: String,
    outlet: &'static str,
    title: String,
    paragraphs: Vec<String>,
}

impl Article {
    /// Words `start..start + len` of paragraph `p`, verbatim: a passage to cite. Words with
    /// characters that citation syntax or YAML treat specially are avoided by the caller's
    /// choice of window.
    fn passage(&self, p: usize, start: usize, len: usize) -> String {
        let words: Vec<&str> = self.paragraphs[p % self.paragraphs.len()]
            .split_whitespace()
            .collect();
        // Find a window of plain words (no quotes, brackets, @ or ;) near `start`.
        let plain = |w: &&str| -> bool {
            !w.chars()
                .any(|c| matches!(c, '"' | '[' | ']' | '@' | ';' | '\\' | '“' | '”'))
        };
        let len = len.min(words.len());
        for offset in 0..words.len() {
            let from = (start + offset) % (words.len() - len + 1);
            let window = &words[from..from + len];
            if window.iter().all(plain) {
                return window.join(" ");
            }
        }
        // Every window has a special character: a single plain word will do.
        words
            .iter()
            .find(|w| plain(w))
            .unwrap_or(&"the")
            .to_string()
    }
}

fn articles_for(story: usize, count: usize, pool: &[String]) -> Vec<Article> {
    let mut rng = Rng::new(story as u64 + 1);
    (0..count)
        .map(|k| {
            let outlet = OUTLETS[k % OUTLETS.len()];
            let id = if k < OUTLETS.len() {
                outlet.to_string()
            } else {
                format!("{outlet}-{}", k / OUTLETS.len() + 1)
            };
            let mut paragraphs = vec![format!(
                "Report {k} on generated story {story}, as {outlet} published it: the opening \
                 paragraph names the story so that no two articles of the site are the same text."
            )];
            while paragraphs.len() < PARAGRAPHS_PER_ARTICLE {
                let p = &pool[rng.below(pool.len())];
                if !paragraphs.contains(p) {
                    paragraphs.push(p.clone());
                }
            }
            Article {
                id,
                outlet,
                title: format!("Generated story {story}: report {k} by {outlet}"),
                paragraphs,
            }
        })
        .collect()
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn date_of(story: usize) -> String {
    // One story a day from 2020-01-01 on: 10,000 stories end in 2047.
    let day =
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(story as i64);
    day.format("%Y-%m-%d").to_string()
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn write_story(dir: &Path, story: usize, articles: &[Article]) {
    let date = date_of(story);
    for (k, article) in articles.iter().enumerate() {
        // The example's `unnamed` article names no outlet, and so does its copy here.
        let source = match article.outlet {
            "unnamed" => String::new(),
            outlet => format!("source: {outlet}\n"),
        };
        let mut text = format!(
            "---\n{source}title: {}\nurl: https://example.com/{}/story-{story}/\n\
             published: {date}T{:02}:30+02:00\nlanguage: en\n---\n",
            quoted(&article.title),
            article.outlet,
            8 + k % 12,
        );
        text.push_str(&article.paragraphs.join("\n\n"));
        text.push('\n');
        write(
            &dir.join("articles").join(format!("{}.md", article.id)),
            &text,
        );
    }
    let a = |k: usize| &articles[k % articles.len()];
    let cite = |k: usize, p: usize| format!("[@{}, \"{}\"]", a(k).id, a(k).passage(p, 3, 6));

    let mut story_md = format!(
        "---\ntitle: \"Generated story {story}\"\ndate: {date}\nsummary: \"Story {story} of the \
         benchmark site: {n} outlets, a timeline, quotes and a dispute.\"\n---\n\n",
        n = articles.len()
    );
    for section in 0..3 {
        let _ = writeln!(
            story_md,
            "## Section {section}\n\nThe outlets agree on the outline {} and add details of \
             their own {}. One of them frames it differently {}.\n",
            cite(section, 1),
            cite(section + 1, 2),
            cite(section + 2, 3),
        );
    }
    write(&dir.join("story.md"), &story_md);

    let mut timeline = String::new();
    for event in 0..3 {
        let _ = writeln!(
            timeline,
            "- when: {date}T{:02}:00+03:00\n  title: \"Event {event} of story {story}\"\n  \
             text: >-\n    Reported by several outlets {}.\n  sources:\n    - {{source: {}, \
             quote: {}}}\n    - {{source: {}, quote: {}}}\n    - {}\n  group: {}\n",
            9 + event,
            cite(event, 4),
            a(event).id,
            quoted(&a(event).passage(5, 1, 5)),
            a(event + 1).id,
            quoted(&a(event + 1).passage(6, 2, 5)),
            a(event + 2).id,
            if event % 2 == 0 { "Forum" } else { "Reactions" },
        );
    }
    write(&dir.join("timeline.yaml"), &timeline);

    let mut quotes = String::new();
    for q in 0..2 {
        let _ = writeln!(
            quotes,
            "- id: quote-{q}\n  speaker: A speaker\n  when: {date}\n  language: ru\n  context: \
             What was said, as two outlets render it\n  variants:\n    - source: {}\n      \
             text: {}\n    - source: {}\n      text: {}\n",
            a(q).id,
            quoted(&a(q).passage(7, 0, 9)),
            a(q + 1).id,
            quoted(&a(q + 1).passage(8, 0, 9)),
        );
    }
    write(&dir.join("quotes.yaml"), &quotes);

    let disputes = format!(
        "- id: detail\n  question: Which detail is right?\n  claims:\n    - says: One \
         version\n      sources:\n        - {{source: {}, quote: {}}}\n      upheld: true\n    \
         - says: Another version\n      sources:\n        - {{source: {}, quote: {}}}\n      \
         upheld: false\n  status: resolved\n  verdict: The first version\n  note: >-\n    The \
         first outlet has it right {}.\n",
        a(0).id,
        quoted(&a(0).passage(9, 0, 5)),
        a(1).id,
        quoted(&a(1).passage(10, 0, 5)),
        cite(0, 9),
    );
    write(&dir.join("disputes.yaml"), &disputes);
}

fn write_hugo_articles(dir: &Path, story: usize, articles: &[Article]) {
    write_articles(dir, story, articles, |title, date| {
        format!("---\ntitle: {title}\ndate: {date}\n---\n")
    });
}

/// Each article as `<id>.md`: the front matter `front` makes of its title (a quoted string,
/// which YAML and TOML read alike) and date, then its paragraphs.
fn write_articles(
    dir: &Path,
    story: usize,
    articles: &[Article],
    front: impl Fn(&str, &str) -> String,
) {
    let day = date_of(story);
    for (k, article) in articles.iter().enumerate() {
        let date = format!("{day}T{:02}:30:00+02:00", 8 + k % 12);
        let mut text = front(&quoted(&article.title), &date);
        text.push_str(&article.paragraphs.join("\n\n"));
        text.push('\n');
        write(&dir.join(format!("{}.md", article.id)), &text);
    }
}

/// `buildFuture`: stories are dated a day apart from 2020 on, so at 10,000 stories most are
/// after today, and Hugo leaves out future pages by default (it built 12,637 of 50,000).
/// One config for Hugo 0.111 and 0.168, which both read it without a warning: no
/// `languageCode`, which 0.168 reports as deprecated (for `locale`, unknown to 0.111) and which
/// these layouts do not use.
const HUGO_CONFIG: &str = "baseURL = 'https://example.com/'\n\
title = 'Benchmark'\nbuildFuture = true\n\
disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n";

/// A minimal layout: title, date, body.
const HUGO_SINGLE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>\
<time datetime=\"{{ .Date.Format \"2006-01-02T15:04:05Z07:00\" }}\">{{ .Date.Format \"2 January 2006\" }}</time>\
{{ .Content }}</main></body></html>\n";

const HUGO_LIST: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1><ul>\
{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}\
</ul></main></body></html>\n";

/// The articles of a story as Zola pages, in a section of their own (`_index.md`) that is
/// `transparent`: its pages are also listed by `stories/`, as Hugo's `stories/` lists every
/// article. Zola renders pages dated in the future (it leaves out only `draft = true` ones).
fn write_zola_story(dir: &Path, story: usize, articles: &[Article]) {
    write(
        &dir.join("_index.md"),
        &format!(
            "+++\ntitle = \"Generated story {story}\"\nsort_by = \"date\"\ntransparent = true\n+++\n"
        ),
    );
    // A JSON string is a TOML basic string (same escapes); the date a TOML offset datetime.
    write_articles(dir, story, articles, |title, date| {
        format!("+++\ntitle = {title}\ndate = {date}\n+++\n")
    });
}

/// Zola's settings: the defaults (no taxonomies, feeds, search index, highlighting or
/// minification) but for the sitemap and robots.txt, which Zola writes unless told not to and
/// Hugo is told not to. Zola always writes a 404.html.
const ZOLA_CONFIG: &str = "base_url = \"https://example.com/\"\ntitle = \"Benchmark\"\n\
generate_feeds = false\ngenerate_sitemap = false\ngenerate_robots_txt = false\n\
build_search_index = false\n";

/// The layouts of Hugo's, in Tera: an article, a section's pages, the home page's sections.
const ZOLA_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>\
<time datetime=\"{{ page.date | date(format=\"%Y-%m-%dT%H:%M:%S%:z\") }}\">{{ page.date | date(format=\"%-d %B %Y\") }}</time>\
{{ page.content | safe }}</main></body></html>\n";

const ZOLA_SECTION: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{{ section.title }}</title></head><body><main><h1>{{ section.title }}</h1><ul>\
{% for page in section.pages %}<li><a href=\"{{ page.path | safe }}\">{{ page.title }}</a></li>{% endfor %}\
</ul></main></body></html>\n";

const ZOLA_INDEX: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{{ config.title }}</title></head><body><main><h1>{{ config.title }}</h1><ul>\
{% for path in section.subsections %}{% set sub = get_section(path=path, metadata_only=true) %}\
<li><a href=\"{{ sub.path | safe }}\">{{ sub.title }}</a></li>{% endfor %}\
</ul></main></body></html>\n";

/// The generated site's settings: the defaults (no minification, as in Hugo).
pub const SITE_YAML: &str = "title: Benchmark digest\nbase_url: https://example.com/digest/\n\
language: en\ntimezone: \"+00:00\"\ntheme: default\n";

/// Writes the three sites under `out` (`out/digest`, `out/hugo`, `out/zola`), replacing what
/// was there.
pub fn generate(repo: &Path, out: &Path, stories: usize, articles: usize) -> Generated {
    let digest = out.join("digest");
    let hugo = out.join("hugo");
    let zola = out.join("zola");
    let _ = fs::remove_dir_all(&digest);
    let _ = fs::remove_dir_all(&hugo);
    let _ = fs::remove_dir_all(&zola);
    let pool = seed_paragraphs(repo);

    write(&digest.join("site.yaml"), SITE_YAML);
    fs::create_dir_all(digest.join("content")).unwrap();
    fs::copy(
        repo.join("content/sources.yaml"),
        digest.join("content/sources.yaml"),
    )
    .unwrap();
    copy_dir(&repo.join("themes/default"), &digest.join("themes/default"));

    write(&hugo.join("hugo.toml"), HUGO_CONFIG);
    write(&hugo.join("layouts/_default/single.html"), HUGO_SINGLE);
    write(&hugo.join("layouts/_default/list.html"), HUGO_LIST);

    write(&zola.join("config.toml"), ZOLA_CONFIG);
    write(&zola.join("templates/page.html"), ZOLA_PAGE);
    write(&zola.join("templates/section.html"), ZOLA_SECTION);
    write(&zola.join("templates/index.html"), ZOLA_INDEX);
    write(
        &zola.join("content/_index.md"),
        "+++\ntitle = \"Benchmark\"\n+++\n",
    );
    write(
        &zola.join("content/stories/_index.md"),
        "+++\ntitle = \"Stories\"\nsort_by = \"date\"\n+++\n",
    );

    for story in 0..stories {
        let slug = format!("story-{story:05}");
        let story_articles = articles_for(story, articles, &pool);
        write_story(
            &digest.join("content/stories").join(&slug),
            story,
            &story_articles,
        );
        write_hugo_articles(
            &hugo.join("content/stories").join(&slug),
            story,
            &story_articles,
        );
        write_zola_story(
            &zola.join("content/stories").join(&slug),
            story,
            &story_articles,
        );
    }
    Generated {
        digest,
        hugo,
        zola,
        stories,
        articles,
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

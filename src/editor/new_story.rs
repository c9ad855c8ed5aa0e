//! `digest new story SLUG`: a story folder that builds at once, with its front matter filled
//! in and empty sidecars that show, in comments, what goes in them. An existing folder is never
//! touched.

use std::fs;
use std::path::{Path, PathBuf};

use super::yaml_string;
use crate::diagnostics::Diagnostics;
use crate::layout::{self, ARTICLES_DIR, STORY_FILE, Sidecar};
use crate::load::{config, read, valid_id};

/// What `new story` wrote.
#[derive(Debug)]
pub struct Created {
    /// The story's folder.
    pub dir: PathBuf,
    /// Its files, relative to the site's folder, in the order written.
    pub files: Vec<String>,
}

/// Creates `content/stories/<slug>/` in the site at `root`, titled `title` (by default the
/// slug in words) and dated `today` (in the site's time zone: an editor starting a story late
/// in the evening east of Greenwich means that evening's date).
pub fn create(root: &Path, slug: &str, title: Option<&str>) -> Result<Created, String> {
    let config_text = read::read_config(root);
    let Some(text) = config_text.text() else {
        return Err(format!(
            "{} has no site.yaml: run `digest new story` in a site's folder, or pass --root (`digest init my-site` makes a new site)",
            root.display()
        ));
    };
    let mut diagnostics = Diagnostics::new();
    let Some(site) = config::parse(text, &mut diagnostics) else {
        return Err(format!(
            "{} has errors (`digest check` shows them): fix it first",
            layout::CONFIG_FILE
        ));
    };
    if !valid_id(slug) {
        return Err(format!(
            "the story name `{slug}` may only contain letters, digits, `-` and `_`: it becomes the story's address (stories/{slug}/); try e.g. `{}`",
            suggest_slug(slug)
        ));
    }
    let story_dir = layout::story_dir(slug);
    let dir = root.join(&story_dir);
    if dir.exists() {
        return Err(format!(
            "{story_dir} already exists: `digest new story` never changes a story; pick another name, or edit that story's files"
        ));
    }
    let title = match title.map(str::trim) {
        Some("") => return Err("the title is empty: give one with --title \"…\"".to_string()),
        Some(t) => t.to_string(),
        None => title_of(slug),
    };
    let today = chrono::Utc::now()
        .with_timezone(&site.default_offset)
        .date_naive();
    let tags = match &site.tags {
        Some(known) => {
            let names: Vec<&str> = known.values().map(|d| d.name.as_str()).collect();
            format!(
                "# tags: []            # its topics, from site.yaml's list: {}\n",
                names.join(", ")
            )
        }
        None => "# tags: []            # its topics, e.g. [ukraine, us-election]\n".to_string(),
    };
    let story = format!(
        "---\ntitle: {}\ndate: {today}\nsummary: \"\"            # one paragraph for the home page and the feeds\n{tags}---\n\nWhat happened, and where the outlets part ways. Cite an article of articles/ as\n`[@its-id]` or, with its exact words, `[@its-id, \"the words\"]` (without the backquotes).\n",
        yaml_string(&title)
    );
    let files: [(&str, String); 4] = [
        (STORY_FILE, story),
        (
            Sidecar::Timeline.file_name(),
            "# The timeline: one entry per event, in any order (digest sorts them by date).\n#\n# - when: 2024-11-07            # or [2024-07-13, 2024-07-14] when the outlets disagree\n#   title: What happened\n#   text: The editor's words, with citations [@its-id].\n#   sources: [its-id]\n".to_string(),
        ),
        (
            Sidecar::Quotes.file_name(),
            "# The key quotes: the same words as each outlet renders them.\n#\n# - id: short-name\n#   speaker: Who said it\n#   variants:\n#     - source: its-id\n#       text: \"the words exactly as this outlet prints them\"\n".to_string(),
        ),
        (
            Sidecar::Disputes.file_name(),
            "# The disputed details: one claim per version, each with the outlets that make it.\n#\n# - id: short-name\n#   question: What do the outlets disagree on?\n#   claims:\n#     - says: One version\n#       sources: [{source: its-id, quote: \"their words\"}]\n#     - says: The other\n#       sources: [{source: other-id, quote: \"their words\"}]\n".to_string(),
        ),
    ];
    // Every file is written into a folder that did not exist: a failure leaves no half story
    // behind.
    let write_all = || -> std::io::Result<Vec<String>> {
        fs::create_dir_all(dir.join(ARTICLES_DIR))?;
        let mut written = Vec::new();
        for (name, text) in &files {
            fs::write(dir.join(name), text)?;
            written.push(format!("{story_dir}/{name}"));
        }
        written.push(format!("{story_dir}/{ARTICLES_DIR}/"));
        Ok(written)
    };
    match write_all() {
        Ok(files) => Ok(Created { dir, files }),
        Err(e) => {
            let _ = fs::remove_dir_all(&dir);
            Err(format!("cannot write {story_dir}: {e}"))
        }
    }
}

/// `valdai-2024` -> `Valdai 2024`: a title to start from.
fn title_of(slug: &str) -> String {
    let words: Vec<String> = slug
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    words.join(" ")
}

/// A valid name close to what was typed: `Valdai forum 2024!` -> `valdai-forum-2024`.
fn suggest_slug(slug: &str) -> String {
    let s = crate::primitives::slug::slugify(slug);
    if s.is_empty() {
        "my-story".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_reads_as_a_title() {
        assert_eq!(title_of("valdai-2024"), "Valdai 2024");
        assert_eq!(
            title_of("putin_congratulates-trump"),
            "Putin Congratulates Trump"
        );
        assert_eq!(title_of("україна-сша"), "Україна Сша");
    }

    #[test]
    fn a_bad_slug_gets_a_valid_suggestion() {
        assert_eq!(suggest_slug("Valdai forum 2024!"), "valdai-forum-2024");
        assert!(valid_id(&suggest_slug("Valdai forum 2024!")));
        assert_eq!(suggest_slug("!!!"), "my-story");
    }
}

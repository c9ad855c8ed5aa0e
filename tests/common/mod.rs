//! Shared helpers for the integration tests: a throwaway copy of the example site, running the
//! real `digest` binary on it, and reading the HTML it wrote. Each test file has its own copy
//! of this module (`mod common;`), so what one file does not use is not dead.

#![allow(dead_code)]

pub mod edits;
pub mod feeds;
pub mod grown;
pub mod http;
pub mod page;
pub mod position;
pub mod tools;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const STORY: &str = "putin-congratulates-trump-valdai";
pub const BASE: &str = "http://127.0.0.1:8000/";

pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    /// A copy of the repository's example site (site.yaml, content/, themes/).
    pub fn example() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &root.join("content"));
        copy_dir(&repo.join("themes"), &root.join("themes"));
        fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
        Site { _dir: dir, root }
    }

    /// A copy of the small valid site of `tests/fixtures/base/`, with the repository's themes/.
    pub fn base() -> Site {
        Site::fixture("base")
    }

    /// A copy of `tests/fixtures/multilingual/`: one story whose outlets write in English,
    /// Arabic, Hebrew, Chinese and French, with the repository's themes/.
    pub fn multilingual() -> Site {
        Site::fixture("multilingual")
    }

    /// A copy of the site `tests/fixtures/<name>/`, with the repository's themes/.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("tests/fixtures").join(name), &root);
        copy_dir(&repo.join("themes"), &root.join("themes"));
        Site { _dir: dir, root }
    }

    /// An empty folder for `digest init`.
    pub fn empty() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("new-site");
        Site { _dir: dir, root }
    }

    /// `digest init` into this site's folder.
    pub fn init(&self) -> Output {
        Command::new(env!("CARGO_BIN_EXE_digest"))
            .arg("init")
            .arg(&self.root)
            .output()
            .expect("run digest init")
    }

    /// A fresh site that `digest init` wrote (and said so).
    pub fn initialised() -> Site {
        let site = Site::empty();
        assert_success(&site.init());
        site
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn story_file(&self, name: &str) -> PathBuf {
        self.root.join(format!("content/stories/{STORY}/{name}"))
    }

    /// A file of another story than the example's.
    pub fn story_file_of(&self, story: &str, name: &str) -> PathBuf {
        self.root.join(format!("content/stories/{story}/{name}"))
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Replaces the first occurrence of `from` in a file (panics if absent: a test that
    /// silently changes nothing could not fail).
    pub fn edit(&self, file: &Path, from: &str, to: &str) {
        let text = fs::read_to_string(file).expect("read file to edit");
        assert!(
            text.contains(from),
            "{} does not contain {from:?}",
            file.display()
        );
        fs::write(file, text.replacen(from, to, 1)).expect("write edited file");
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_digest"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .expect("run digest")
    }

    pub fn build(&self) -> Output {
        self.run(&["build", "--base-url", BASE])
    }

    /// Every file under `rel` with its contents, to prove a folder did not change.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        files(&self.root.join(rel))
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(&format!("public/{rel}")))
    }

    /// Panics unless the absolute URL `url` (under [`BASE`]) names a file of `public/` and its
    /// `#fragment`, if any, an element with that id on that page.
    pub fn assert_resolves(&self, url: &str) {
        let rel = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
        let (file, fragment) = page::target(rel);
        assert!(
            self.path(&format!("public/{file}")).is_file(),
            "{url}: no {file}"
        );
        if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
            let found = self
                .html(&file)
                .select(&sel(&format!("[id=\"{fragment}\"]")))
                .next()
                .is_some();
            assert!(found, "{url}: {file} has no element with id {fragment}");
        }
    }
}

/// Every file under `dir` (its path below `dir`) with its contents; nothing if `dir` does not
/// exist.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().to_string(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
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

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

pub fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "digest failed:\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

pub fn text_of(el: scraper::ElementRef) -> String {
    el.text().collect::<String>()
}

/// Lowercase, straight quotes, plain dashes and single spaces: how the build compares passages.
pub fn normalize(s: &str) -> String {
    digest::primitives::normalize::normalize(s)
}

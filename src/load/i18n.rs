//! Translations: the fixed labels of a theme ("Timeline", "Sources", "3 articles") and the
//! names of months, in the site's language, from `i18n/<language>.yaml` files.
//!
//! A theme ships one file per language in its `i18n/` folder; `en.yaml` is the reference that
//! says which labels exist. A site may add its own `i18n/<language>.yaml` at its root to change
//! single labels, or to add a language its theme lacks. Files are given as layers in
//! precedence order ([`resolve`]): for the site's language, the lowest layer with a file for it
//! is the base and must have every label of the reference; each file above it is partial and
//! its labels win. Every file is checked: an unknown label (with the nearest known one as a
//! hint), a missing one, a plural without a form the language needs, a placeholder the
//! reference does not have.
//!
//! Labels with a count have one form per CLDR plural category the language uses for whole
//! numbers (English `one`/`other`; Ukrainian and Russian `one`/`few`/`many`), chosen by
//! [`plural_category`]. Dates are written with the file's month names and patterns
//! ([`Translations::date`]), so a new language needs only a file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::files::File;
use super::{file_text, yaml};
use crate::diagnostics::{Diagnostic, Diagnostics, Position, nearest};
use crate::layout::I18N_DIR;
use crate::primitives::when::When;

/// The language whose file lists every label.
pub const REFERENCE: &str = "en";

/// The labels digest itself writes (breadcrumbs, feed entries, coverage cells, dates), which
/// every theme's reference file must have; the templates use the others.
pub const DIGEST_KEYS: &[&str] = &[
    "months",
    "months_genitive",
    "date_year",
    "date_month",
    "date_day",
    "date_day_month",
    "date_time",
    "date_or",
    "date_approximate",
    "home",
    "list_comma",
    "search",
    "roundup_page_title",
    "roundup_description",
    "not_found_title",
    "search_description",
    "outlet_description",
    "unnamed_outlet",
    "timeline",
    "key_quotes",
    "disputed_details",
    "coverage_reports_event",
    "coverage_absent_event",
    "coverage_reports_quote",
    "coverage_absent_quote",
    "coverage_absent_dispute",
    "coverage_claim",
    "coverage_upheld",
    "coverage_rejected",
    "source_number",
    "cited_as_sources",
    "feed_event",
    "feed_quote",
    "feed_quote_context",
    "feed_dispute",
    "feed_dispute_summary",
    "feed_or",
    "feed_verdict_title",
    "feed_verdict",
    "feed_sources",
    "timeline_reported_by",
    "quote_open",
    "quote_close",
    "page_number",
    "list_page_title",
    "topics",
    "topics_description",
    "tag_description",
    "tag_feed_title",
    "archive",
    "archive_description",
    "outlets",
    "outlets_description",
    "update_label",
    "correction_label",
    "update_sentence",
    "feed_update",
];

/// Labels that are lists of the twelve months.
const MONTH_KEYS: [&str; 2] = ["months", "months_genitive"];

/// The default theme's translation files as digest carries them (see [`super::builtin`]), as
/// files of a folder named `dir`: a theme without an `i18n/` folder (made before there was one)
/// gets these.
pub fn built_in(dir: &str) -> Vec<(String, File)> {
    let theme = super::builtin::layer("default").expect("digest carries the default theme");
    theme
        .translations
        .into_iter()
        .map(|(name, file)| {
            let path = format!("{dir}/{name}");
            (name, File { path, ..file })
        })
        .collect()
}

impl Translations {
    /// digest's built-in labels (the default theme's) for `language`; `None` when it has none.
    pub fn built_in(language: &str) -> Option<Translations> {
        let files = built_in("themes/default/i18n");
        let layers = [Layer {
            dir: "themes/default/i18n",
            files: &files,
        }];
        let setting = LanguageSetting {
            language,
            config_text: None,
        };
        resolve(setting, &layers, &mut Diagnostics::new())
    }
}

/// One label: a text, or one text per plural form (`one`, `few`, `many`, `other` …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Label {
    /// `timeline: Timeline`; `{name}` placeholders are filled in where it is used.
    Text(String),
    /// `count_articles: {one: "{count} article", other: "{count} articles"}`: one text per
    /// CLDR plural form of the language, by form name.
    Plural(BTreeMap<String, String>),
}

/// The labels of one language, ready for the templates (`t` in every template) and for
/// digest's own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translations {
    /// The site's language (`uk`, `en-GB`), whose plural rules pick the forms.
    pub language: String,
    labels: BTreeMap<String, Label>,
    months: Vec<String>,
    months_genitive: Vec<String>,
}

impl Serialize for Translations {
    /// The labels (not the month lists), as templates see them: `t.timeline`, `t.count_articles`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.labels.serialize(serializer)
    }
}

/// A layer of translation files: the files of one `i18n/` folder, by file name (`uk.yaml`).
#[derive(Debug, Clone, Copy)]
pub struct Layer<'a> {
    /// The folder, relative to the site root (`themes/default/i18n`, `i18n`).
    pub dir: &'a str,
    /// The folder's files by name (`uk.yaml`), as read.
    pub files: &'a [(String, File)],
}

/// Where `language:` is in site.yaml, for a diagnostic about it.
#[derive(Debug, Clone, Copy, Default)]
pub struct LanguageSetting<'a> {
    /// site.yaml's `language:` (`uk`, `en-GB`).
    pub language: &'a str,
    /// The text of site.yaml, when it could be read.
    pub config_text: Option<&'a str>,
}

/// The translations for `setting.language` from `layers`, highest precedence first (the site's
/// own folder, then the theme's). The reference file (`en.yaml`) is the lowest layer's.
/// `None` when there is no usable file for the language or the files have errors (reported).
pub fn resolve(
    setting: LanguageSetting,
    layers: &[Layer],
    diagnostics: &mut Diagnostics,
) -> Option<Translations> {
    let errors_before = diagnostics.error_count();
    let language = setting.language;
    let base_layer = layers.last()?;
    let Some(reference_file) = find(base_layer.files, REFERENCE) else {
        diagnostics.push(
            Diagnostic::error(
                format!("{}/{REFERENCE}.yaml", base_layer.dir),
                None,
                "the theme has translation files but no en.yaml, which lists every label",
            )
            .with_hint("add en.yaml with every label the theme's templates use, or `extends: default` in its theme.yaml to build on the default theme's translation files"),
        );
        return None;
    };
    let reference = parse_file(reference_file, diagnostics)?;
    check_reference(&reference, diagnostics);
    check_forms(&reference, REFERENCE, diagnostics);

    // The files for the language, lowest precedence first.
    let files: Vec<&File> = layers
        .iter()
        .rev()
        .filter_map(|layer| find(layer.files, language))
        .collect();
    if files.is_empty() {
        diagnostics.push(missing_language(setting, layers));
        return None;
    }
    let mut labels: BTreeMap<String, Label> = BTreeMap::new();
    let mut lists: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        let parsed = if std::ptr::eq(*file, reference_file) {
            reference.clone()
        } else {
            let Some(parsed) = parse_file(file, diagnostics) else {
                continue;
            };
            check_against(&parsed, &reference, i == 0, diagnostics);
            check_forms(&parsed, language, diagnostics);
            parsed
        };
        for (key, entry) in parsed.entries {
            match entry.list {
                Some(list) => {
                    lists.insert(key, list);
                }
                None => {
                    labels.insert(key, entry.label);
                }
            }
        }
    }
    if diagnostics.error_count() > errors_before {
        return None;
    }
    Some(Translations {
        language: language.to_string(),
        labels,
        months: lists.remove("months").unwrap_or_default(),
        months_genitive: lists.remove("months_genitive").unwrap_or_default(),
    })
}

/// The file for `language` in a folder: `uk.yaml`, or for `en-GB` `en-GB.yaml`, else `en.yaml`
/// (names compared without regard to case).
fn find<'f>(files: &'f [(String, File)], language: &str) -> Option<&'f File> {
    let named = |code: &str| {
        files
            .iter()
            .find(|(name, _)| {
                name.strip_suffix(".yaml")
                    .is_some_and(|stem| stem.eq_ignore_ascii_case(code))
            })
            .map(|(_, f)| f)
    };
    named(language).or_else(|| named(primary_subtag(language)))
}

fn primary_subtag(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// The languages a folder has files for, sorted.
fn languages(files: &[(String, File)]) -> Vec<String> {
    let mut codes: Vec<String> = files
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".yaml"))
        .filter(|stem| !stem.contains('/'))
        .map(str::to_string)
        .collect();
    codes.sort();
    codes
}

fn missing_language(setting: LanguageSetting, layers: &[Layer]) -> Diagnostic {
    let language = setting.language;
    let position = setting.config_text.and_then(language_position);
    let mut available: BTreeSet<String> = BTreeSet::new();
    for layer in layers {
        available.extend(languages(layer.files));
    }
    let list = available
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let theme_dir = layers.last().map_or(I18N_DIR, |l| l.dir);
    Diagnostic::error(
        crate::layout::CONFIG_FILE,
        position,
        format!("there are no labels in the language `{language}`: the theme has translation files for {list}"),
    )
    .with_hint(format!(
        "set `language:` to one of {list}, or add the language: copy {theme_dir}/en.yaml to {I18N_DIR}/{language}.yaml in the site's folder (or to {theme_dir}/{language}.yaml) and translate every label"
    ))
}

/// Where the `language:` value is in site.yaml (a top-level key).
fn language_position(text: &str) -> Option<Position> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("language:") {
            let value = rest.trim();
            let value = value.split(" #").next().unwrap_or(value).trim_end();
            let start = offset + "language:".len() + (rest.len() - rest.trim_start().len());
            return Some(Position::of_byte(text, start, value.len().max(1)));
        }
        offset += line.len();
    }
    None
}

// ---------------------------------------------------------------------------------------------
// One file

/// A file as written: each label with where it is.
#[derive(Debug, Clone)]
struct ParsedFile {
    path: String,
    entries: BTreeMap<String, LabelEntry>,
}

#[derive(Debug, Clone)]
struct LabelEntry {
    label: Label,
    /// Where the key is (its line), for diagnostics.
    position: Option<Position>,
    /// The month names, for the two labels that are lists (`label` is then empty).
    list: Option<Vec<String>>,
}

/// A value as YAML gives it: text, a list of texts, or a map of texts.
enum RawValue {
    Text(String),
    List(Vec<String>),
    Map(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, a list of month names, or plural forms (`one: …`, `other: …`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
                Ok(RawValue::Text(v))
            }
            // A number written bare (`date_year: 2024`?) is text too.
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(RawValue::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut forms = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    forms.insert(k, v);
                }
                Ok(RawValue::Map(forms))
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn parse_file(file: &File, diagnostics: &mut Diagnostics) -> Option<ParsedFile> {
    let text = file_text(file, diagnostics)?;
    let raw: BTreeMap<String, Spanned<RawValue>> = if text.trim().is_empty() {
        BTreeMap::new()
    } else {
        match yaml::parse(&file.path, text, 1) {
            Ok(raw) => raw,
            Err(d) => {
                diagnostics.push(d.with_hint(
                    "a translation file is `key: text` lines; quote a text that contains `: ` or starts with `{`, e.g. generated_by: \"Generated by {generator}\"",
                ));
                return None;
            }
        }
    };
    let mut entries = BTreeMap::new();
    let positions = key_positions(text);
    for (key, value) in raw {
        let position = positions
            .get(key.as_str())
            .copied()
            .or_else(|| yaml::position_of(&value, 1));
        let (label, list) = match value.value {
            RawValue::Text(s) => (Label::Text(s), None),
            RawValue::Map(forms) => (Label::Plural(forms), None),
            RawValue::List(items) => {
                if !MONTH_KEYS.contains(&key.as_str()) {
                    diagnostics.push(
                        Diagnostic::error(&file.path, position, format!("`{key}` is a list, but this label is a text"))
                            .with_hint("only `months` and `months_genitive` are lists; write the label as `key: text`"),
                    );
                    continue;
                }
                (Label::Text(String::new()), Some(items))
            }
        };
        entries.insert(
            key,
            LabelEntry {
                label,
                position,
                list,
            },
        );
    }
    Some(ParsedFile {
        path: file.path.clone(),
        entries,
    })
}

/// Where each top-level `key:` of a file is (the first line that names it), in one pass over
/// its lines: a label file has hundreds of keys, and looking each up line by line made the
/// labels 7% of the build of a 100-story site.
fn key_positions(text: &str) -> HashMap<&str, Position> {
    let mut positions = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let quote = line.chars().next().filter(|c| matches!(c, '"' | '\''));
        let key = match quote {
            Some(q) => line[1..]
                .split_once(q)
                .filter(|(_, rest)| rest.starts_with(':'))
                .map(|(key, _)| key),
            None => line
                .split_once(':')
                .map(|(key, _)| key)
                .filter(|key| !key.is_empty() && !key.starts_with([' ', '\t', '#', '-'])),
        };
        if let Some(key) = key {
            let len = key.chars().count() + if quote.is_some() { 2 } else { 0 };
            positions.entry(key).or_insert(Position {
                line: index + 1,
                column: 1,
                len,
            });
        }
    }
    positions
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                names.insert(&after[..end]);
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

fn label_placeholders(label: &Label) -> BTreeSet<&str> {
    match label {
        Label::Text(t) => placeholders(t),
        Label::Plural(forms) => forms.values().flat_map(|t| placeholders(t)).collect(),
    }
}

/// The reference must have every label digest writes itself.
fn check_reference(reference: &ParsedFile, diagnostics: &mut Diagnostics) {
    for key in DIGEST_KEYS {
        if !reference.entries.contains_key(*key) {
            diagnostics.push(
                Diagnostic::error(&reference.path, None, format!("the reference translation file has no label `{key}`, which digest itself uses"))
                    .with_hint(format!("add `{key}:` (see en.yaml of digest's default theme for its meaning)")),
            );
        }
    }
    check_months(reference, diagnostics);
}

fn check_months(file: &ParsedFile, diagnostics: &mut Diagnostics) {
    for key in MONTH_KEYS {
        if let Some(entry) = file.entries.get(key) {
            match entry.list.as_ref().map(Vec::len) {
                Some(12) => {}
                Some(n) => diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        entry.position,
                        format!("`{key}` has {n} names; a year has 12 months"),
                    )
                    .with_hint("list the months from January to December: [January, February, …]"),
                ),
                None => diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        entry.position,
                        format!("`{key}` must be a list of the 12 months"),
                    )
                    .with_hint("write it as [January, February, …, December]"),
                ),
            }
        }
    }
}

/// Checks a language file against the reference: every key known, of the same kind, with the
/// reference's placeholders; with `complete`, every key of the reference present.
fn check_against(
    file: &ParsedFile,
    reference: &ParsedFile,
    complete: bool,
    diagnostics: &mut Diagnostics,
) {
    let reference_name = reference.path.rsplit('/').next().unwrap_or(&reference.path);
    for (key, entry) in &file.entries {
        let Some(known) = reference.entries.get(key) else {
            let hint = match nearest(key, reference.entries.keys().map(String::as_str)) {
                Some(near) => {
                    format!("did you mean `{near}`? The labels are those of {reference_name}")
                }
                None => format!("remove it: the labels are those of {reference_name}"),
            };
            diagnostics.push(
                Diagnostic::error(&file.path, entry.position, format!("unknown label `{key}`"))
                    .with_hint(hint),
            );
            continue;
        };
        match (&known.label, &entry.label) {
            (Label::Text(_), Label::Plural(_)) => {
                diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        entry.position,
                        format!(
                            "`{key}` has plural forms, but it is a single text in {reference_name}"
                        ),
                    )
                    .with_hint(format!("write it as `{key}: text`")),
                );
                continue;
            }
            (Label::Plural(_), Label::Text(_)) => {
                diagnostics.push(
                    Diagnostic::error(&file.path, entry.position, format!("`{key}` takes a count and needs plural forms"))
                        .with_hint(format!("write it as `{key}:` followed by indented `one: …`, `other: …` lines (the forms the language needs)")),
                );
                continue;
            }
            _ => {}
        }
        let wanted = label_placeholders(&known.label);
        let given = label_placeholders(&entry.label);
        for unknown in given.difference(&wanted) {
            let hint = if wanted.is_empty() {
                "this label takes no placeholder: write the text without {…}".to_string()
            } else {
                format!(
                    "the placeholders of `{key}` are {}",
                    wanted
                        .iter()
                        .map(|w| format!("{{{w}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    entry.position,
                    format!("`{key}` has a placeholder {{{unknown}}} that digest does not fill"),
                )
                .with_hint(hint),
            );
        }
        for missing in wanted.difference(&given) {
            diagnostics.push(
                Diagnostic::warning(&file.path, entry.position, format!("`{key}` leaves out the placeholder {{{missing}}}, so readers will not see it"))
                    .with_hint(format!("put {{{missing}}} where the language wants it, e.g. {:?}", text_of(&known.label))),
            );
        }
    }
    check_months(file, diagnostics);
    if complete {
        for (key, known) in &reference.entries {
            if !file.entries.contains_key(key) {
                diagnostics.push(
                    Diagnostic::error(
                        &file.path,
                        None,
                        format!("the label `{key}` is missing (in {reference_name}: {:?})", text_of(&known.label)),
                    )
                    .with_hint(format!("add `{key}:` with its translation; every language file needs every label of {reference_name}")),
                );
            }
        }
    }
}

fn text_of(label: &Label) -> String {
    match label {
        Label::Text(t) => t.clone(),
        Label::Plural(forms) => forms
            .get("other")
            .or_else(|| forms.values().next())
            .cloned()
            .unwrap_or_default(),
    }
}

/// Every plural label has exactly the forms `language` uses for whole numbers.
fn check_forms(file: &ParsedFile, language: &str, diagnostics: &mut Diagnostics) {
    let needed = needed_forms(language);
    let needed_list = needed
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    for (key, entry) in &file.entries {
        let Label::Plural(forms) = &entry.label else {
            continue;
        };
        for form in needed.iter().filter(|f| !forms.contains_key(**f)) {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    entry.position,
                    format!("`{key}` has no `{form}` form, which the language `{language}` needs"),
                )
                .with_hint(format!(
                    "give `{key}` the forms {needed_list} ({})",
                    examples(language)
                )),
            );
        }
        for form in forms.keys().filter(|f| !needed.contains(&f.as_str())) {
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    entry.position,
                    format!(
                        "`{key}` has a `{form}` form, which the language `{language}` does not use"
                    ),
                )
                .with_hint(format!(
                    "the forms of `{language}` are {needed_list} ({}); remove `{form}`",
                    examples(language)
                )),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Plural rules

fn rules(language: &str) -> Option<PluralRules> {
    let create = |code: &str| {
        let id: unic_langid::LanguageIdentifier = code.parse().ok()?;
        PluralRules::create(id, PluralRuleType::CARDINAL).ok()
    };
    create(language).or_else(|| create(primary_subtag(language)))
}

fn category_name(category: &PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The CLDR plural category of the whole number `n` in `language`: `one`, `few`, `many`,
/// `other` … (a language CLDR does not know counts like English).
pub fn plural_category(language: &str, n: u64) -> &'static str {
    match rules(language).or_else(|| rules(REFERENCE)) {
        Some(rules) => rules.select(n).map_or("other", |c| category_name(&c)),
        None if n == 1 => "one",
        None => "other",
    }
}

/// Whole numbers that show every category a language uses (the rules look at the last digits,
/// and a few languages at millions).
fn samples() -> impl Iterator<Item = u64> {
    (0..=1000).chain([1_000_000, 2_000_000, 1_000_001])
}

/// The plural forms `language` uses for whole numbers, in CLDR order.
pub fn needed_forms(language: &str) -> Vec<&'static str> {
    let used: BTreeSet<&str> = samples().map(|n| plural_category(language, n)).collect();
    ["zero", "one", "two", "few", "many", "other"]
        .into_iter()
        .filter(|f| used.contains(f))
        .collect()
}

/// "one: 1, 21, 31; few: 2, 3, 4; many: 0, 5, 6" for hints.
fn examples(language: &str) -> String {
    needed_forms(language)
        .iter()
        .map(|form| {
            let shown: Vec<String> = samples()
                .filter(|n| plural_category(language, *n) == *form)
                .take(3)
                .map(|n| n.to_string())
                .collect();
            format!("{form}: {}", shown.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Replaces each `{name}` of `text` with its value; other braces are kept as written.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    fill_into(&mut out, text, values);
    out
}

/// [`fill`], appended to `out`.
pub fn fill_into(out: &mut String, text: &str, values: &[(&str, &str)]) {
    fill_with(out, text, String::push_str, |out, name| {
        let Some((_, value)) = values.iter().find(|(k, _)| *k == name) else {
            return false;
        };
        out.push_str(value);
        true
    });
}

/// The scan behind [`fill`], for callers that write the text and the values their own way
/// (the templates' `fill` filter escapes them): each run of `text` goes to `out` through
/// `push_text`; each `{name}` through `push_value`, which answers `false`, having written
/// nothing, for a name it does not know (its braces are then kept as written).
pub fn fill_with(
    out: &mut String,
    text: &str,
    mut push_text: impl FnMut(&mut String, &str),
    mut push_value: impl FnMut(&mut String, &str) -> bool,
) {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        push_text(out, &rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if push_value(out, &after[..end]) => rest = &after[end + 1..],
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    push_text(out, rest);
}

// ---------------------------------------------------------------------------------------------
// Using the labels

impl Translations {
    /// A label's text (its `other` form for a plural); the key itself for a label no file has
    /// (never, for the keys digest uses: the reference is checked for them).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.labels.get(key) {
            Some(Label::Text(t)) => t,
            Some(Label::Plural(forms)) => forms.get("other").map_or(key, String::as_str),
            None => key,
        }
    }

    /// Every label (not the month names), by key.
    pub fn labels(&self) -> &BTreeMap<String, Label> {
        &self.labels
    }

    /// A label with its placeholders filled (plain text: the caller escapes it for HTML).
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    /// The form of a plural label for `count`, with `{count}` and the other placeholders filled.
    pub fn plural(&self, key: &str, count: usize, values: &[(&str, &str)]) -> String {
        let n = count.to_string();
        let mut all: Vec<(&str, &str)> = vec![("count", n.as_str())];
        all.extend_from_slice(values);
        match self.labels.get(key) {
            Some(Label::Plural(forms)) => {
                let form = plural_category(&self.language, count as u64);
                let text = forms
                    .get(form)
                    .or_else(|| forms.get("other"))
                    .map_or(key, String::as_str);
                fill(text, &all)
            }
            _ => self.fill(key, &all),
        }
    }

    fn month(&self, month: u32, genitive: bool) -> String {
        let list = if genitive {
            &self.months_genitive
        } else {
            &self.months
        };
        usize::try_from(month)
            .ok()
            .and_then(|m| m.checked_sub(1))
            .and_then(|i| list.get(i))
            .cloned()
            .unwrap_or_else(|| crate::primitives::when::month_name(month).to_string())
    }

    /// A day without its year ("13 July", "13 липня"), for a range whose last date gives it.
    pub fn day_month(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.fill(
            "date_day_month",
            &[
                ("day", &d.day().to_string()),
                ("month", &self.month(d.month(), true)),
            ],
        )
    }

    /// A date as readers of the language write it, at the precision the editor gave:
    /// "7 листопада 2024 р.", "листопад 2024 р.", "7 November 2024, 15:30 (UTC+03:00)".
    pub fn date(&self, when: &When) -> String {
        use chrono::{Datelike, Timelike};
        let day = |d: chrono::NaiveDate| {
            self.fill(
                "date_day",
                &[
                    ("day", &d.day().to_string()),
                    ("month", &self.month(d.month(), true)),
                    ("year", &d.year().to_string()),
                ],
            )
        };
        match *when {
            When::Year(y) => self.fill("date_year", &[("year", &y.to_string())]),
            When::Month(y, m) => self.fill(
                "date_month",
                &[("month", &self.month(m, false)), ("year", &y.to_string())],
            ),
            When::Day(d) => day(d),
            When::DateTime(dt) => {
                let seconds = if dt.second() == 0 {
                    String::new()
                } else {
                    format!(":{:02}", dt.second())
                };
                let offset = dt.offset().local_minus_utc();
                let zone = if offset == 0 {
                    "UTC".to_string()
                } else {
                    let sign = if offset < 0 { '-' } else { '+' };
                    let abs = offset.unsigned_abs();
                    format!("UTC{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
                };
                let time = format!("{:02}:{:02}{seconds}", dt.hour(), dt.minute());
                self.fill(
                    "date_time",
                    &[
                        ("date", &day(dt.date_naive())),
                        ("time", &time),
                        ("zone", &zone),
                    ],
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn theme_files() -> Vec<(String, File)> {
        built_in("themes/default/i18n")
    }

    fn resolve_with(
        language: &str,
        site: &[(String, File)],
        theme: &[(String, File)],
    ) -> (Option<Translations>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let layers = [
            Layer {
                dir: "i18n",
                files: site,
            },
            Layer {
                dir: "themes/default/i18n",
                files: theme,
            },
        ];
        let t = resolve(
            LanguageSetting {
                language,
                config_text: Some("title: x\nlanguage: xx\n"),
            },
            &layers,
            &mut diagnostics,
        );
        (t, diagnostics)
    }

    fn load(language: &str) -> Translations {
        let (t, d) = resolve_with(language, &[], &theme_files());
        assert!(d.is_empty(), "{d:?}");
        t.unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> When {
        When::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn every_shipped_language_has_exactly_the_reference_labels_and_its_plural_forms() {
        let files = theme_files();
        let mut diagnostics = Diagnostics::new();
        let reference = parse_file(find(&files, REFERENCE).unwrap(), &mut diagnostics).unwrap();
        check_reference(&reference, &mut diagnostics);
        for (name, file) in &files {
            let language = name.strip_suffix(".yaml").unwrap();
            let parsed = parse_file(file, &mut diagnostics).unwrap();
            let keys: Vec<&String> = parsed.entries.keys().collect();
            let wanted: Vec<&String> = reference.entries.keys().collect();
            assert_eq!(keys, wanted, "{name} has other labels than en.yaml");
            check_against(&parsed, &reference, true, &mut diagnostics);
            check_forms(&parsed, language, &mut diagnostics);
            for (key, entry) in &parsed.entries {
                if let Label::Plural(forms) = &entry.label {
                    let forms: Vec<&str> = forms.keys().map(String::as_str).collect();
                    let mut needed = needed_forms(language);
                    needed.sort_unstable();
                    assert_eq!(forms, needed, "{name}: {key}");
                }
            }
        }
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(needed_forms("uk"), ["one", "few", "many"]);
        assert_eq!(needed_forms("ru"), ["one", "few", "many"]);
        assert_eq!(needed_forms("bg"), ["one", "other"]);
        assert_eq!(needed_forms("en"), ["one", "other"]);
    }

    /// Every label of en.yaml is used (by a template, the search script or digest itself), and
    /// every label a template or the script names exists: a template's fixed words all come
    /// from the translation files.
    #[test]
    fn every_label_is_used_and_every_used_label_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let t = Translations::built_in("en").unwrap();
        let mut used: BTreeSet<String> = DIGEST_KEYS.iter().map(|k| k.to_string()).collect();
        let label = regex::Regex::new(r"\bt\.([a-z0-9_]+)").unwrap();
        // Every built-in theme's templates: broadsheet has no labels of its own, it uses these.
        let themes = root.parent().unwrap();
        let template_dirs = builtin_template_dirs(themes);
        for entry in template_dirs.iter().flat_map(walkdir::WalkDir::new) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for key in label.captures_iter(&text).map(|c| c[1].to_string()) {
                assert!(
                    t.labels().contains_key(&key),
                    "{}: no label `{key}`",
                    entry.path().display()
                );
                used.insert(key);
            }
            // Labels looked up by a prefix and a value: `"language_" ~ code`, `"kind_" ~ kind`,
            // `"furniture_" ~ r.rule`.
            for prefix in ["language_", "kind_", "furniture_"] {
                if text.contains(&format!("\"{prefix}\" ~")) {
                    used.extend(t.labels().keys().filter(|k| k.starts_with(prefix)).cloned());
                }
            }
        }
        let script = std::fs::read_to_string(root.join("static/search.js")).unwrap();
        let call = regex::Regex::new(r"labels\.(?:text|count)\('([a-z0-9_]+)'").unwrap();
        for key in call.captures_iter(&script).map(|c| c[1].to_string()) {
            assert!(t.labels().contains_key(&key), "search.js: no label `{key}`");
            used.insert(key);
        }
        assert!(script.contains("`search_kind_${result.kind}`"));
        used.extend(
            t.labels()
                .keys()
                .filter(|k| k.starts_with("search_kind_"))
                .cloned(),
        );
        // What digest writes itself must be among the labels every theme's reference has.
        let rust =
            regex::Regex::new(r#"(?:text|fill|plural)\(\s*"([a-z0-9_]+)"|"(coverage_[a-z_]+)""#)
                .unwrap();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let text = std::fs::read_to_string(path).unwrap();
            for c in rust.captures_iter(&text) {
                let key = c.get(1).or_else(|| c.get(2)).unwrap().as_str();
                assert!(
                    DIGEST_KEYS.contains(&key),
                    "{}: `{key}` is not in DIGEST_KEYS",
                    path.display()
                );
            }
        }
        let unused: Vec<&String> = t.labels().keys().filter(|k| !used.contains(*k)).collect();
        assert!(unused.is_empty(), "labels nothing uses: {unused:?}");
    }

    /// No template writes words of its own: what is left of a template without its tags,
    /// expressions and comments has no letters, nor have its attributes readers meet.
    /// The `templates/` folder of every theme in the repository's themes/ (the built-in ones).
    fn builtin_template_dirs(themes: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(themes)
            .unwrap()
            .map(|e| e.unwrap().path().join("templates"))
            .filter(|d| d.is_dir())
            .collect();
        dirs.sort();
        dirs
    }

    #[test]
    fn templates_have_no_words_of_their_own() {
        let themes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        let code = regex::Regex::new(r"(?s)\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}").unwrap();
        let tag = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
        let attribute =
            regex::Regex::new(r#"(?:aria-label|title|alt|placeholder)="([^"]*)""#).unwrap();
        for entry in builtin_template_dirs(&themes)
            .iter()
            .flat_map(walkdir::WalkDir::new)
        {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let bare = code.replace_all(&text, " ");
            for value in attribute.captures_iter(&bare) {
                assert!(
                    !value[1].chars().any(char::is_alphabetic),
                    "{}: attribute {:?}",
                    entry.path().display(),
                    &value[0]
                );
            }
            // `&nbsp;` is markup, not a word.
            let words = tag.replace_all(&bare, " ").replace("&nbsp;", " ");
            let left: String = words
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect::<Vec<_>>()
                .join(" ");
            assert!(left.is_empty(), "{}: {left:?}", entry.path().display());
        }
    }

    /// A translation that is the English text is a label someone forgot, unless the label is
    /// nothing but placeholders and punctuation.
    #[test]
    fn translations_differ_from_english() {
        let en = Translations::built_in("en").unwrap();
        let letters = |text: &str| {
            fill(text, &[])
                .split(['{', '}'])
                .step_by(2)
                .any(|p| p.chars().any(char::is_alphabetic))
        };
        for language in ["uk", "ru", "bg", "ar", "he", "fa"] {
            let t = Translations::built_in(language).unwrap();
            for (key, label) in en.labels() {
                if let Label::Text(text) = label
                    && letters(text)
                {
                    assert_ne!(t.text(key), text, "{language}: `{key}` is English");
                }
            }
        }
    }

    #[test]
    fn a_missing_or_unknown_label_names_the_file_line_and_key() {
        let mut theme = theme_files();
        let uk = theme.iter_mut().find(|(n, _)| n == "uk.yaml").unwrap();
        let text =
            uk.1.text()
                .unwrap()
                .replace("timeline: Хронологія\n", "timelime: Хронологія\n");
        uk.1 = File::from_text("themes/default/i18n/uk.yaml", text.clone());
        let (t, d) = resolve_with("uk", &[], &theme);
        assert!(t.is_none());
        let unknown = d
            .iter()
            .find(|d| d.message.contains("`timelime`"))
            .expect("unknown key");
        assert_eq!(unknown.file, "themes/default/i18n/uk.yaml");
        let line = text
            .lines()
            .position(|l| l.starts_with("timelime:"))
            .unwrap()
            + 1;
        assert_eq!(unknown.position.map(|p| p.line), Some(line));
        assert!(
            unknown.hint.as_deref().unwrap().contains("`timeline`"),
            "{unknown:?}"
        );
        let missing = d
            .iter()
            .find(|d| d.message.contains("`timeline` is missing"))
            .expect("missing key");
        assert_eq!(missing.file, "themes/default/i18n/uk.yaml");
    }

    #[test]
    fn plural_forms_follow_the_language() {
        let mut theme = theme_files();
        let ru = theme.iter_mut().find(|(n, _)| n == "ru.yaml").unwrap();
        let text = ru.1.text().unwrap().replace(
            "  few: \"{count} статьи\"\n",
            "  other: \"{count} статьи\"\n",
        );
        ru.1 = File::from_text("themes/default/i18n/ru.yaml", text);
        let (_, d) = resolve_with("ru", &[], &theme);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`count_articles` has no `few` form")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`count_articles` has a `other` form")),
            "{messages:?}"
        );
    }

    #[test]
    fn counts_take_the_cldr_form() {
        let uk = load("uk");
        let counts: Vec<String> = [1, 2, 5, 11, 21, 22, 25, 0]
            .iter()
            .map(|n| uk.plural("count_articles", *n, &[]))
            .collect();
        assert_eq!(
            counts,
            [
                "1 стаття",
                "2 статті",
                "5 статей",
                "11 статей",
                "21 стаття",
                "22 статті",
                "25 статей",
                "0 статей"
            ]
        );
        let ru = load("ru");
        assert_eq!(ru.plural("count_articles", 1, &[]), "1 статья");
        assert_eq!(ru.plural("count_articles", 2, &[]), "2 статьи");
        assert_eq!(ru.plural("count_articles", 5, &[]), "5 статей");
        let bg = load("bg");
        assert_eq!(bg.plural("count_articles", 1, &[]), "1 статия");
        assert_eq!(bg.plural("count_articles", 3, &[]), "3 статии");
        let en = load("en");
        assert_eq!(en.plural("count_articles", 1, &[]), "1 article");
        assert_eq!(en.plural("count_articles", 0, &[]), "0 articles");
    }

    #[test]
    fn dates_are_written_in_the_language() {
        let nov7 = day(2024, 11, 7);
        let nov = When::Month(2024, 11);
        let cases = [
            ("en", "7 November 2024", "November 2024", "2024"),
            ("uk", "7 листопада 2024 р.", "листопад 2024 р.", "2024 р."),
            ("ru", "7 ноября 2024 г.", "ноябрь 2024 г.", "2024 г."),
            ("bg", "7 ноември 2024 г.", "ноември 2024 г.", "2024 г."),
        ];
        for (language, d, m, y) in cases {
            let t = load(language);
            assert_eq!(t.date(&nov7), d);
            assert_eq!(t.date(&nov), m);
            assert_eq!(t.date(&When::Year(2024)), y);
        }
        let en = load("en");
        let dt = crate::primitives::when::parse_when(
            "2024-11-07T15:30+03:00",
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap();
        assert_eq!(en.date(&dt), "7 November 2024, 15:30 (UTC+03:00)");
        assert_eq!(en.date(&dt), dt.display(), "English dates are digest's own");
        assert_eq!(
            load("uk").date(&dt),
            "7 листопада 2024 р., 15:30 (UTC+03:00)"
        );
    }

    #[test]
    fn a_site_file_overrides_single_labels() {
        let site = vec![(
            "uk.yaml".to_string(),
            File::from_text("i18n/uk.yaml", "timeline: Перебіг подій\n"),
        )];
        let (t, d) = resolve_with("uk", &site, &theme_files());
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.text("timeline"), "Перебіг подій");
        assert_eq!(t.text("sources"), "Джерела");
    }

    #[test]
    fn a_site_file_with_an_unknown_label_fails_with_file_and_key() {
        let site = vec![(
            "uk.yaml".to_string(),
            File::from_text("i18n/uk.yaml", "sources: Джерела\ntimelin: Перебіг подій\n"),
        )];
        let (t, d) = resolve_with("uk", &site, &theme_files());
        assert!(t.is_none());
        let e = d.iter().next().unwrap();
        assert_eq!(e.file, "i18n/uk.yaml");
        assert_eq!(e.position.map(|p| p.line), Some(2));
        assert!(e.message.contains("`timelin`"), "{e:?}");
    }

    #[test]
    fn a_site_may_add_a_language_with_a_complete_file() {
        let de = theme_files()
            .into_iter()
            .find(|(n, _)| n == "en.yaml")
            .unwrap()
            .1
            .text()
            .unwrap()
            .replace("timeline: Timeline", "timeline: Zeitleiste");
        let site = vec![(
            "de.yaml".to_string(),
            File::from_text("i18n/de.yaml", de.clone()),
        )];
        let (t, d) = resolve_with("de", &site, &theme_files());
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.unwrap().text("timeline"), "Zeitleiste");
        // Without one of the labels, the file (the only one for German) is incomplete.
        let partial = de.replace("timeline: Zeitleiste\n", "");
        let site = vec![(
            "de.yaml".to_string(),
            File::from_text("i18n/de.yaml", partial),
        )];
        let (t, d) = resolve_with("de", &site, &theme_files());
        assert!(t.is_none());
        let e = d
            .iter()
            .find(|d| d.message.contains("`timeline` is missing"))
            .unwrap();
        assert_eq!(e.file, "i18n/de.yaml");
    }

    #[test]
    fn a_language_without_a_file_points_at_site_yaml() {
        let (t, d) = resolve_with("xx", &[], &theme_files());
        assert!(t.is_none());
        let e = d.iter().next().unwrap();
        assert_eq!(e.file, "site.yaml");
        assert_eq!(e.position, Some(Position::new(2, 11, 2)));
        assert!(
            e.message
                .contains("`ar`, `bg`, `en`, `fa`, `he`, `ru`, `uk`"),
            "{e:?}"
        );
        assert!(e.hint.as_deref().unwrap().contains("i18n/xx.yaml"), "{e:?}");
    }

    #[test]
    fn a_regional_language_uses_its_language_file() {
        let (t, d) = resolve_with("en-GB", &[], &theme_files());
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.text("timeline"), "Timeline");
        assert_eq!(t.plural("count_articles", 2, &[]), "2 articles");
    }

    #[test]
    fn malformed_yaml_reports_its_position() {
        let site = vec![(
            "uk.yaml".to_string(),
            File::from_text("i18n/uk.yaml", "timeline: [unclosed\n"),
        )];
        let (_, d) = resolve_with("uk", &site, &theme_files());
        let e = d.iter().next().unwrap();
        assert_eq!(e.file, "i18n/uk.yaml");
        assert!(e.position.is_some(), "{e:?}");
    }

    #[test]
    fn placeholders_are_filled_and_checked() {
        assert_eq!(
            fill("{a} and {b} {c", &[("a", "1"), ("b", "<2>")]),
            "1 and <2> {c"
        );
        let site = vec![(
            "uk.yaml".to_string(),
            File::from_text("i18n/uk.yaml", "generated_by: \"Створено {generatr}\"\n"),
        )];
        let (t, d) = resolve_with("uk", &site, &theme_files());
        assert!(t.is_none());
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("{generatr}")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("leaves out the placeholder {generator}")),
            "{messages:?}"
        );
    }
}

//! Who says a quotation, and speech an outlet reports without quotation marks: the name next to
//! a verb of saying, in the languages outlets write (`said Putin`, `sagte Scholz`, `powiedział
//! Tusk`, `заявив Зеленський`, `قال ماكرون`, `אמר נתניהו`, `según Sánchez`).
//!
//! A name is a capitalised word; in scripts without capitals (Arabic, Hebrew) it is a word that
//! another outlet of the story writes with a capital ([`story_names`]), compared across
//! scripts by [`text::name_key`].

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Bound, Range};

use super::scan;
use super::text::{self, Word, WordRules};
use crate::load::Article;

/// Who says something, as the article names them in full, and their name compared across
/// scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub key: Option<String>,
}

/// Verbs (and the prepositions of `according to X`) that report speech, in the outlets'
/// languages, lower case. One list for every language: a form of saying in one language is
/// seldom an ordinary word in another.
const SPEECH_VERBS: &[&str] = &[
    // English
    "said",
    "says",
    "added",
    "told",
    "remarked",
    "declared",
    "stated",
    "replied",
    "affirmed",
    "noted",
    "asked",
    "wrote",
    "explained",
    "insisted",
    "emphasised",
    "emphasized",
    "summarized",
    "summarised",
    "acknowledged",
    "commended",
    "warned",
    "stressed",
    "continued",
    "concluded",
    "announced",
    "argued",
    "claimed",
    "according",
    "recalled",
    "reminded",
    "pointed",
    // French
    "dit",
    "déclaré",
    "déclare",
    "affirmé",
    "affirme",
    "ajouté",
    "ajoute",
    "estimé",
    "estime",
    "expliqué",
    "explique",
    "souligné",
    "souligne",
    "assuré",
    "assure",
    "indiqué",
    "indique",
    "annoncé",
    "répondu",
    "prévenu",
    "martelé",
    "lancé",
    "selon",
    "déplore",
    "déploré",
    "rappelé",
    "précisé",
    "insisté",
    "reconnu",
    // Spanish, Portuguese, Italian
    "dijo",
    "afirmó",
    "declaró",
    "añadió",
    "aseguró",
    "señaló",
    "explicó",
    "indicó",
    "advirtió",
    "subrayó",
    "sostuvo",
    "manifestó",
    "según",
    "recordó",
    "precisó",
    "reconoció",
    "disse",
    "afirmou",
    "declarou",
    "acrescentou",
    "explicou",
    "segundo",
    "sublinhou",
    "garantiu",
    "lembrou",
    "referiu",
    "adiantou",
    "detto",
    "dichiarato",
    "ricordato",
    "avvertito",
    "precisato",
    "affermato",
    "aggiunto",
    "spiegato",
    "sottolineato",
    "secondo",
    "dichiara",
    // German, Dutch
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "warnte",
    "meinte",
    "laut",
    "zufolge",
    "zei",
    "zegt",
    "verklaarde",
    "aldus",
    "volgens",
    "benadrukte",
    "erinnerte",
    "kritisierte",
    "forderte",
    "kündigte",
    "versicherte",
    "waarschuwde",
    "stelde",
    // Polish
    "powiedział",
    "powiedziała",
    "stwierdził",
    "stwierdziła",
    "oświadczył",
    "oświadczyła",
    "dodał",
    "dodała",
    "podkreślił",
    "podkreśliła",
    "zaznaczył",
    "zaznaczyła",
    "według",
    "zdaniem",
    "mówił",
    "mówiła",
    "ocenił",
    "oceniła",
    "przekonywał",
    "przekonywała",
    "przypomniał",
    "przypomniała",
    "zapowiedział",
    "zapowiedziała",
    "poinformował",
    "poinformowała",
    "ostrzegł",
    "ostrzegła",
    "przyznał",
    "przyznała",
    // Ukrainian, Russian, Bulgarian
    "заявив",
    "заявила",
    "сказав",
    "сказала",
    "додав",
    "додала",
    "наголосив",
    "наголосила",
    "зазначив",
    "зазначила",
    "повідомив",
    "повідомила",
    "словами",
    "заявил",
    "сказал",
    "добавил",
    "добавила",
    "отметил",
    "отметила",
    "подчеркнул",
    "подчеркнула",
    "сообщил",
    "сообщила",
    "словам",
    "каза",
    "заяви",
    "добави",
    "подчерта",
    "посочи",
    "според",
    "нагадав",
    "нагадала",
    "пояснив",
    "пояснила",
    "напомнил",
    "напомнила",
    "пояснил",
    "обяви",
    "припомни",
    // Turkish
    "dedi",
    "söyledi",
    "açıkladı",
    "belirtti",
    "vurguladı",
    "göre",
    "hatırlattı",
    "kaydetti",
    "bildirdi",
    "ekledi",
    "uyardı",
    // Arabic (also with the conjunction و written onto it)
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "أضاف",
    "أضافت",
    "صرح",
    "صرحت",
    "أعلن",
    "أعلنت",
    "حسب",
    "بحسب",
    "وفق",
    "وفقا",
    "يقول",
    "تقول",
    "أوضح",
    "أوضحت",
    "مضيفا",
    "مضيفة",
    // Hebrew (also with the conjunction ו written onto it)
    "אמר",
    "אמרה",
    "הוסיף",
    "הוסיפה",
    "הצהיר",
    "הצהירה",
    "לדברי",
    "מסר",
    "מסרה",
    "טען",
    "טענה",
    "הדגיש",
    "הדגישה",
    "ציין",
    "ציינה",
];

/// Attributions whose name follows and whose words are the rest of the sentence, not a clause
/// after `that` (`según X, …`, `according to X, …`, `по словам X, …`).
const PREPOSITIONS: &[&str] = &[
    "according",
    "selon",
    "según",
    "segundo",
    "secondo",
    "laut",
    "zufolge",
    "volgens",
    "aldus",
    "według",
    "zdaniem",
    "словами",
    "словам",
    "според",
    "göre",
    "حسب",
    "بحسب",
    "وفق",
    "وفقا",
    "לדברי",
];

/// Words that introduce what was said (`that`, `que`, `що`, `że`, `dass`, `أن`, `כי`).
const COMPLEMENTIZERS: &[&str] = &[
    "that", "que", "qu", "що", "что", "że", "iż", "dass", "dat", "che", "ki", "أن", "إن", "بأن",
    "כי",
];

/// Titles and nationalities that stand capitalised before a name (`President Macron`,
/// `Minister Berg`): the name is the word after them.
const TITLES: &[&str] = &[
    "president",
    "minister",
    "prime",
    "leader",
    "chancellor",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "judge",
    "russian",
    "american",
    "ukrainian",
    "general",
    "mayor",
    "governor",
    "senator",
    "premier",
    "prezydent",
    "ministra",
    "präsident",
    "ministerin",
    "bundeskanzler",
    "kanzler",
    "président",
    "ministre",
    "presidente",
    "ministro",
    "ministra",
    "sędzia",
    "bakan",
    "bakanı",
    "cumhurbaşkanı",
    "hakim",
    "президент",
    "міністр",
    "министр",
    "прем",
    "суддя",
    "судья",
];

fn is_speech_verb(lower: &str) -> bool {
    let bare = without_conjunction(lower);
    SPEECH_VERBS.contains(&lower) || SPEECH_VERBS.contains(&bare)
}

/// Arabic and Hebrew write `and` onto the next word (`وقال`, `ואמר`).
fn without_conjunction(lower: &str) -> &str {
    lower
        .strip_prefix('و')
        .or_else(|| lower.strip_prefix('ו'))
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(lower)
}

/// The names of a story: the [`text::name_key`]s of words written as names in two of its
/// languages (capitalised and not at the start of a sentence; in a script without capitals,
/// any word, though an international word only Arabic and Hebrew share is none), or, in a story in one
/// language, in two of its articles. What lets a word of an
/// Arabic or Hebrew article be taken for a name, and a name be told from the capitalised nouns
/// around it (German capitalises every noun; `la ministre des Transports, Élise Marchand`).
pub fn story_names(articles: &[Article], rules: &[WordRules]) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, NameUse> = BTreeMap::new();
    for (a, (article, rules)) in articles.iter().zip(rules).enumerate() {
        for p in &article.paragraphs {
            for s in text::sentences(&p.text) {
                let words = text::words_in(&p.text[s.clone()], rules);
                for (k, w) in words.iter().enumerate() {
                    let caseless = text::caseless(&w.lower);
                    let capitalised = w.capital && w.content && !TITLES.contains(&w.lower.as_str());
                    if !(capitalised || caseless && w.content) {
                        continue;
                    }
                    let Some(key) = text::name_key(&w.lower) else {
                        continue;
                    };
                    // The first word of a sentence is capitalised whatever it is: it counts
                    // only where another language writes the same name.
                    let used = seen.entry(key).or_default();
                    used.languages.insert(rules.language.as_str());
                    used.capitalised |= capitalised;
                    if k > 0 || caseless {
                        used.articles.insert(a);
                    }
                }
            }
        }
    }
    let languages: BTreeSet<&str> = rules.iter().map(|r| r.language.as_str()).collect();
    let wanted = articles.len().min(2);
    // One name may have keys that differ by a case ending or an h (`Hoffmann`, `Гоффман`):
    // each key counts the languages and articles of all the keys it is the same name as.
    let mut out = BTreeSet::new();
    for key in seen.keys() {
        let mut in_languages: BTreeSet<&str> = BTreeSet::new();
        let mut found_in: BTreeSet<usize> = BTreeSet::new();
        let mut capital = false;
        for (_, used) in same_names(key, &seen) {
            in_languages.extend(used.languages.iter().copied());
            found_in.extend(used.articles.iter().copied());
            capital |= used.capitalised;
        }
        let is_name = if languages.len() > 1 {
            // Words only scripts without capitals share may be international words they
            // both borrowed (`مليون`, `מיליון`) rather than names.
            in_languages.len() >= 2 && (capital || !borrowed(key))
        } else {
            found_in.len() >= wanted
        };
        if is_name {
            out.insert(key.clone());
        }
    }
    out
}

/// Where a story writes one name key.
#[derive(Default)]
struct NameUse<'a> {
    /// The languages that write it as a name.
    languages: BTreeSet<&'a str>,
    /// The articles that write it capitalised and not first in a sentence (or in a script
    /// without capitals).
    articles: BTreeSet<usize>,
    /// Whether any article writes it with a capital.
    capitalised: bool,
}

/// Whether `key` is the [`text::name_key`] of a word every language borrows (`million`,
/// `dollar`, `president`) that Arabic and Hebrew write alike.
fn borrowed(key: &str) -> bool {
    const INTERNATIONAL: &[&str] = &[
        "million",
        "milliard",
        "billion",
        "trillion",
        "dollar",
        "euro",
        "percent",
        "kilometer",
        "meter",
        "president",
        "minister",
        "parliament",
        "police",
        "internet",
        "telefon",
        "democrat",
        "television",
        "radio",
        "technology",
        "program",
        "system",
        "strategy",
    ];
    INTERNATIONAL
        .iter()
        .filter_map(|w| text::name_key(w))
        .any(|k| text::same_name(&k, key))
}

/// Whether `w` is a name: capitalised and no function word nor title, or, in a script without
/// capitals, one of the story's names.
pub fn is_name(w: &Word, names: &BTreeSet<String>) -> bool {
    if TITLES.contains(&w.lower.as_str()) || is_speech_verb(&w.lower) {
        return false;
    }
    if text::caseless(&w.lower) {
        return w.content && text::name_key(&w.lower).is_some_and(|k| is_story_name(&k, names));
    }
    w.capital && w.content
}

pub fn is_story_name(key: &str, names: &BTreeSet<String>) -> bool {
    let exact = near_keys(key).iter().any(|k| names.contains(k));
    exact
        || names
            .range::<str, _>((Bound::Excluded(key), Bound::Unbounded))
            .take_while(|k| k.starts_with(key))
            .any(|k| text::same_name(key, k))
}

/// The keys [`text::same_name`] may take for one name besides a longer one: the key itself,
/// one letter shorter at the end, and with or without a leading `k`. Looking these up (and the
/// keys that start with `key`) finds a name's other keys without comparing every key.
fn near_keys(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string(), format!("k{key}")];
    if key.len() > 1 {
        out.push(key[..key.len() - 1].to_string());
    }
    if let Some(rest) = key.strip_prefix('k') {
        out.push(rest.to_string());
    }
    out.retain(|k| text::same_name(key, k));
    out
}

/// The entries of `map` whose key is the same name as `key`.
fn same_names<'m, V>(
    key: &str,
    map: &'m BTreeMap<String, V>,
) -> impl Iterator<Item = (&'m String, &'m V)> {
    let near: Vec<(&String, &V)> = near_keys(key)
        .iter()
        .filter_map(|k| map.get_key_value(k.as_str()))
        .collect();
    let longer = map
        .range::<str, _>((Bound::Excluded(key), Bound::Unbounded))
        .take_while(move |(k, _)| k.starts_with(key))
        .filter(move |(k, _)| text::same_name(key, k));
    near.into_iter().chain(longer)
}

/// The words of a paragraph outside its quotations, with their rules.
fn unquoted_words(text: &str, rules: &WordRules) -> Vec<Word> {
    let quoted: Vec<Range<usize>> = scan::quotations(text)
        .into_iter()
        .map(|q| q.range)
        .collect();
    text::words_in(text, rules)
        .into_iter()
        .filter(|w| {
            !quoted
                .iter()
                .any(|q| q.start <= w.range.start && w.range.end <= q.end)
        })
        .collect()
}

/// The name a speech verb at `verb` in `words` (of `text`) points to: the word just before it
/// (`Putin said`) unless punctuation parts them (`…, sagte Berg`) or a person named in full
/// stands earlier in the clause; else a name among the six words after it, a first name and
/// surname first, then a name other outlets write (`said Labour Minister Anna Berg`). The index
/// of that word (the surname).
fn name_at(text: &str, words: &[Word], verb: usize, names: &BTreeSet<String>) -> Option<usize> {
    let joined = |a: usize, b: usize| {
        text[words[a].range.end..words[b].range.start]
            .chars()
            .all(char::is_whitespace)
    };
    let before = verb
        .checked_sub(1)
        .filter(|&b| joined(b, verb) && is_name(&words[b], names));
    if let Some(b) = before {
        // `Міра Гоффман під час візиту до Варшави заявила`: the place just before the verb is
        // not who speaks when a person named in full stands earlier in the clause.
        let is_person = b > 0 && joined(b - 1, b) && is_name(&words[b - 1], names);
        if !is_person {
            let person = (verb.saturating_sub(10)..b).rev().find(|&k| {
                k > 0
                    && joined(k - 1, k)
                    && is_name(&words[k - 1], names)
                    && is_name(&words[k], names)
                    && text::name_key(&words[k].lower).is_some_and(|key| is_story_name(&key, names))
                    && !text[words[k].range.end..words[verb].range.start]
                        .contains(['.', ',', ';', ':', '،', '«', '»', '"', '“', '”', '„'])
            });
            if let Some(person) = person {
                return Some(person);
            }
        }
        return before;
    }
    // `Der Leiter des Zivilschutzes, Marco Bellini, sagte, der Hang sei …`: a name set off by
    // commas just before a verb that a comma follows is its subject; the capitalised noun
    // after the verb is not a person (German capitalises every noun).
    let apposition = verb.checked_sub(1).filter(|&b| {
        text[words[b].range.end..words[verb].range.start].trim() == ","
            && text[words[verb].range.end..].trim_start().starts_with(',')
            && is_name(&words[b], names)
            && text::name_key(&words[b].lower).is_some_and(|key| is_story_name(&key, names))
    });
    if apposition.is_some() {
        return apposition;
    }
    // French and Spanish put a long title between the verb and the name (`a déclaré la
    // ministre des Transports, Élise Marchand`).
    let after: Vec<usize> = (verb + 1..words.len().min(verb + 7))
        .filter(|&k| is_name(&words[k], names))
        .collect();
    let story_name =
        |k: &usize| text::name_key(&words[*k].lower).is_some_and(|key| is_story_name(&key, names));
    // A run of names is a person in full (`Anna Berg`): its last word is the surname.
    let run_end = |mut k: usize| {
        while k + 1 < words.len()
            && is_name(&words[k + 1], names)
            && text[words[k].range.end..words[k + 1].range.start] == *" "
        {
            k += 1;
        }
        k
    };
    // A person is named with a first name, a company or a place alone (`said the chief
    // executive of AeroAlpi, Lorenzo Ferri`): a run of two names first, then any name other
    // outlets write, then the first name.
    let chosen = after
        .iter()
        .copied()
        .find(|&k| run_end(k) > k && story_name(&run_end(k)))
        .or_else(|| after.iter().copied().find(story_name))
        .or_else(|| after.first().copied())?;
    let chosen = run_end(chosen);
    Some(chosen)
}

/// The speaker of the quotation at `at` in a paragraph: the name next to a speech verb nearest
/// to it (`Putin said`, `said Putin`, `sagte Scholz`, `قال ماكرون`), as the article names
/// them in full elsewhere (`Vladimir Putin`). A pronoun (`he added`) names no one; when the
/// verb stands far from the name (Turkish puts it last), the story's name nearest to the
/// quotation in the paragraph is taken.
pub fn speaker(
    article: &Article,
    rules: &WordRules,
    names: &BTreeSet<String>,
    paragraph: usize,
    at: usize,
) -> Option<Speaker> {
    let text = &article.paragraphs[paragraph].text;
    let words = unquoted_words(text, rules);
    let mut best: Option<(usize, usize)> = None;
    let mut any_verb = false;
    for (k, w) in words.iter().enumerate() {
        if !is_speech_verb(&w.lower) {
            continue;
        }
        any_verb = true;
        if let Some(n) = name_at(text, &words, k, names) {
            let distance = w.range.start.abs_diff(at);
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, n));
            }
        }
    }
    if best.is_none() && any_verb {
        best = words
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                is_name(w, names)
                    && text::name_key(&w.lower).is_some_and(|k| is_story_name(&k, names))
            })
            .map(|(k, w)| (w.range.start.abs_diff(at), k))
            .min();
    }
    if best.is_none() && !any_verb && introduced_by_colon(text, at) {
        best = words
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                w.range.end <= at
                    && is_name(w, names)
                    && text::name_key(&w.lower).is_some_and(|k| is_story_name(&k, names))
            })
            .map(|(k, w)| (at - w.range.end, k))
            .min();
    }
    let (_, n) = best?;
    let surname = &text[words[n].range.clone()];
    let name = full_name(article, rules, surname);
    let key = text::name_key(&words[n].lower).or_else(|| text::full_name_key(&name));
    Some(Speaker { name, key })
}

/// Whether a paragraph reports speech outside its quotations (`“…,” he added.`): when it
/// names no one, the speaker is the one the article last named.
pub fn reports_speech(text: &str, rules: &WordRules) -> bool {
    unquoted_words(text, rules)
        .iter()
        .any(|w| is_speech_verb(&w.lower))
}

/// Whether the quotation at `at` follows a colon (`Richterin Vogel begründete das Urteil: „…“`):
/// the name before it is then the speaker, whatever the verb.
fn introduced_by_colon(text: &str, at: usize) -> bool {
    text[..at]
        .trim_end_matches(|c: char| c.is_whitespace() || scan::is_mark(c))
        .ends_with([':', '：'])
}

/// `Putin` as the article names him in full: the most frequent capitalised word just before
/// it (`Vladimir Putin`), or the surname alone.
fn full_name(article: &Article, rules: &WordRules, surname: &str) -> String {
    let mut firsts: BTreeMap<String, usize> = BTreeMap::new();
    for p in &article.paragraphs {
        let words = text::words_in(&p.text, rules);
        for w in words.windows(2) {
            if &p.text[w[1].range.clone()] == surname
                && w[0].capital
                && p.text[w[0].range.end..w[1].range.start] == *" "
                && w[0].content
                && !TITLES.contains(&w[0].lower.as_str())
            {
                *firsts
                    .entry(p.text[w[0].range.clone()].to_string())
                    .or_default() += 1;
            }
        }
    }
    match firsts
        .into_iter()
        .max_by_key(|(name, n)| (*n, std::cmp::Reverse(name.clone())))
    {
        Some((first, _)) => format!("{first} {surname}"),
        None => surname.to_string(),
    }
}

/// Speech a sentence reports without quotation marks, with a named speaker: the clause after
/// `that` (`Berg said that the strike would end`, `قال ماكرون إن …`), the rest of a sentence
/// that starts `according to X,` or the part before `, said X` (`…, sagte Scholz.`). Ranges
/// in the paragraph's text; sentences with a quotation are left to the quotation.
pub fn reported(text: &str, rules: &WordRules, names: &BTreeSet<String>) -> Vec<Range<usize>> {
    let quoted = scan::quotations(text);
    let mut out = Vec::new();
    for s in text::sentences(text) {
        if quoted
            .iter()
            .any(|q| q.range.start < s.end && s.start < q.range.end)
        {
            continue;
        }
        let sentence = &text[s.clone()];
        let words = text::words_in(sentence, rules);
        let Some(verb) = words.iter().position(|w| is_speech_verb(&w.lower)) else {
            continue;
        };
        let Some(name) = name_at(sentence, &words, verb, names) else {
            if let Some(clause) = verb_last_clause(sentence, &words, verb, names) {
                push_clause(text, s.start, clause, &mut out);
            }
            continue;
        };
        let after_name = words[name.max(verb)].range.end;
        let clause = if let Some(c) = (verb + 1..words.len().min(verb + 9))
            .find(|&k| COMPLEMENTIZERS.contains(&without_conjunction(&words[k].lower)))
        {
            words.get(c + 1).map(|w| w.range.start..sentence.len())
        } else if let Some(rest) = comma_after(sentence, words[name.max(verb)].range.end)
            && words[verb].range.start < sentence.len() / 2
        {
            // `Wrona sagte, Polen habe …`: German and Dutch report speech without `dass`.
            Some(rest..sentence.len())
        } else if PREPOSITIONS.contains(&without_conjunction(&words[verb].lower))
            && words[verb].range.start < sentence.len() / 2
        {
            sentence[after_name..]
                .find([',', '،'])
                .map(|comma| after_name + comma + 1..sentence.len())
        } else {
            let first = words[verb].range.start.min(words[name].range.start);
            sentence[..first]
                .rfind([',', '،'])
                .filter(|_| first > sentence.len() / 2)
                .map(|comma| 0..comma)
        };
        if let Some(clause) = clause {
            push_clause(text, s.start, clause, &mut out);
        }
    }
    out
}

/// Just after a comma that follows `at` with nothing but spaces between.
fn comma_after(sentence: &str, at: usize) -> Option<usize> {
    let rest = &sentence[at..];
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    trimmed.starts_with(',').then_some(at + skipped + 1)
}

/// A clause of the sentence starting at `offset` in `text`, trimmed, as a range of `text`.
fn push_clause(text: &str, offset: usize, clause: Range<usize>, out: &mut Vec<Range<usize>>) {
    let range = text::trim_trailing_punctuation(text, offset + clause.start..offset + clause.end);
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    if start < range.end {
        out.push(start..range.end);
    }
}

/// Languages that put the verb last (Turkish: `Bakan Yılmaz, grevin cuma günü biteceğini
/// söyledi`) name the speaker first, often set off by a comma: what was said is between the
/// name (or that comma) and the verb.
fn verb_last_clause(
    sentence: &str,
    words: &[Word],
    verb: usize,
    names: &BTreeSet<String>,
) -> Option<Range<usize>> {
    if verb + 1 < words.len() {
        return None;
    }
    let name = words[..verb].iter().position(|w| {
        is_name(w, names) && text::name_key(&w.lower).is_some_and(|k| is_story_name(&k, names))
    })?;
    let mut name_end = name;
    while name_end + 1 < verb && is_name(&words[name_end + 1], names) {
        name_end += 1;
    }
    let after = words[name_end].range.end;
    let start = match sentence[after..words[verb].range.start].find([',', '،']) {
        Some(comma) => after + comma + 1,
        None => after,
    };
    (start < words[verb].range.start).then_some(start..words[verb].range.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::suggest::test_article as article;

    fn name(
        a: &Article,
        rules: &WordRules,
        names: &BTreeSet<String>,
        p: usize,
        at: usize,
    ) -> Option<String> {
        speaker(a, rules, names, p, at).map(|s| s.name)
    }

    #[test]
    fn the_speaker_is_the_name_next_to_a_speech_verb_in_full() {
        let a = article(
            "a",
            &[
                "Russian leader Vladimir Putin spoke on Thursday.",
                "“We are ready,” said Putin.",
                "Trump told Reuters: “We will see.”",
                "“Nothing more,” he added.",
            ],
        );
        let en = WordRules::for_language("en");
        let names = story_names(std::slice::from_ref(&a), std::slice::from_ref(&en));
        assert_eq!(
            name(&a, &en, &names, 1, 1).as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(name(&a, &en, &names, 2, 22).as_deref(), Some("Trump"));
        assert_eq!(name(&a, &en, &names, 3, 1), None);
    }

    #[test]
    fn speakers_in_other_languages_and_scripts() {
        let story = [
            article(
                "de",
                &[
                    "„Der Streik ist vorbei“, sagte Ministerin Anna Berg am Abend.",
                    "Anna Berg kam.",
                ],
            ),
            article(
                "pl",
                &["„Strajk się skończył” – powiedziała minister Anna Berg."],
            ),
            article("ar", &["وقالت الوزيرة بيرغ: «انتهى الإضراب»."]),
            article("he", &["״השביתה הסתיימה״, אמרה השרה ברג."]),
            article("fr", &["Selon Anna Berg, « la grève est finie »."]),
        ];
        let rules: Vec<WordRules> = ["de", "pl", "ar", "he", "fr"]
            .iter()
            .map(|l| WordRules::for_language(l))
            .collect();
        let names = story_names(&story, &rules);
        let berg = text::name_key("Berg");
        for (a, r) in story.iter().zip(&rules) {
            let s = speaker(a, r, &names, 0, 3).unwrap_or_else(|| panic!("{}", a.id));
            assert_eq!(s.key, berg, "{}: {s:?}", a.id);
        }
        assert_eq!(
            name(&story[0], &rules[0], &names, 0, 1).as_deref(),
            Some("Anna Berg")
        );
    }

    #[test]
    fn a_name_set_off_by_commas_before_the_verb_speaks() {
        let story = [
            article(
                "de",
                &[
                    "Der Leiter des Zivilschutzes, Marco Bellini, sagte, der Hang sei „seit 2019 überwacht“ worden.",
                ],
            ),
            article(
                "it",
                &["Lo ha spiegato Marco Bellini, capo della Protezione civile."],
            ),
        ];
        let rules = [WordRules::for_language("de"), WordRules::for_language("it")];
        let names = story_names(&story, &rules);
        let at = story[0].paragraphs[0].text.find('„').unwrap();
        let s = speaker(&story[0], &rules[0], &names, 0, at).unwrap();
        assert_eq!(s.name, "Marco Bellini");
    }

    #[test]
    fn the_person_rather_than_their_company() {
        let story = [
            article(
                "bg",
                &["„Отменихме 40 полета“, каза директорът на AeroAlpi Лоренцо Фери."],
            ),
            article("en", &["AeroAlpi chief Lorenzo Ferri spoke."]),
        ];
        let rules = [WordRules::for_language("bg"), WordRules::for_language("en")];
        let names = story_names(&story, &rules);
        let s = speaker(&story[0], &rules[0], &names, 0, 3).unwrap();
        // Ferri alone is too short to key; the whole name keys it.
        assert_eq!(s.key, text::full_name_key("Lorenzo Ferri"));
        assert_eq!(s.name, "Лоренцо Фери");
    }

    #[test]
    fn a_person_named_in_full_before_the_place() {
        let story = [
            article(
                "uk",
                &["Міра Гоффман у Варшаві заявила, що Німеччина передасть 12 систем."],
            ),
            article("en", &["Mira Hoffmann came to Warsaw."]),
        ];
        let rules = [WordRules::for_language("uk"), WordRules::for_language("en")];
        let names = story_names(&story, &rules);
        let s = speaker(&story[0], &rules[0], &names, 0, 40).unwrap();
        let hoffmann = text::name_key("Hoffmann").unwrap();
        assert!(
            text::same_name(s.key.as_deref().unwrap(), &hoffmann),
            "{s:?}"
        );
    }

    #[test]
    fn words_arabic_and_hebrew_both_borrow_are_no_names() {
        let story = [
            article("ar", &["خسرت الشركة ١٢٠ مليون يورو، قال نتنياهو."]),
            article("he", &["החברה הפסידה 120 מיליון יורו, אמר נתניהו."]),
        ];
        let rules = [WordRules::for_language("ar"), WordRules::for_language("he")];
        let names = story_names(&story, &rules);
        assert!(!is_story_name(&text::name_key("מיליון").unwrap(), &names));
        assert!(is_story_name(&text::name_key("نتنياهو").unwrap(), &names));
    }

    #[test]
    fn speech_reported_without_marks() {
        let en = WordRules::for_language("en");
        let names: BTreeSet<String> = ["Berg"].iter().filter_map(|n| text::name_key(n)).collect();
        let cut = |t: &str, r: &WordRules| -> Vec<String> {
            reported(t, r, &names)
                .into_iter()
                .map(|x| t[x].to_string())
                .collect()
        };
        assert_eq!(
            cut(
                "Minister Anna Berg said that the strike would end on Friday.",
                &en
            ),
            ["the strike would end on Friday."]
        );
        let es = WordRules::for_language("es");
        assert_eq!(
            cut(
                "Según la ministra Berg, la huelga terminará el viernes.",
                &es
            ),
            ["la huelga terminará el viernes."]
        );
        let de = WordRules::for_language("de");
        assert_eq!(
            cut("Der Streik ende am Freitag, sagte Ministerin Berg.", &de),
            ["Der Streik ende am Freitag"]
        );
        let ar = WordRules::for_language("ar");
        assert_eq!(
            cut("وقالت الوزيرة بيرغ إن الإضراب سينتهي يوم الجمعة.", &ar),
            ["الإضراب سينتهي يوم الجمعة."]
        );
        let tr = WordRules::for_language("tr");
        assert_eq!(
            cut("Bakan Berg, grevin cuma günü biteceğini söyledi.", &tr),
            ["grevin cuma günü biteceğini"]
        );
        assert_eq!(
            cut("Berg ise grevin cuma günü biteceğini söyledi.", &tr),
            ["ise grevin cuma günü biteceğini"]
        );
        assert_eq!(
            cut("Berg sagte, der Streik ende am Freitag.", &de),
            ["der Streik ende am Freitag."]
        );
        // No name, or a quotation in the sentence: nothing reported here.
        assert!(cut("He said that the strike would end on Friday.", &en).is_empty());
        assert!(cut("Berg said that “the strike would end”.", &en).is_empty());
    }
}

//! Month and weekday names as outlets write them, in the languages digest's editors work in,
//! and the folding of Arabic-Indic and Persian digits to ASCII.
//!
//! Lookup forgives what copying a page changes or a writer varies: letter case, accents and
//! other marks ("wrzesnia" for "września", "Marz" for "März", "ابريل" for "أبريل"), a full stop
//! after an abbreviation, a Turkish suffix after an apostrophe ("Eylül'de"), and the
//! one-letter words Arabic and Hebrew attach in front ("وسبتمبر", "בספטמבר").
//!
//! Abbreviations include short words that are also ordinary words ("mar", "out", "sie", "may"):
//! a caller reading dates out of text should accept a month only next to a day or a year.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::Weekday;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Each language's months, January first; a month's forms (names, inflections, abbreviations)
/// are separated by `|`. Forms are written as outlets print them and folded when the table is
/// built, so the table stays readable.
const MONTH_FORMS: &[[&str; 12]] = &[
    // English
    [
        "january|jan",
        "february|feb",
        "march|mar",
        "april|apr",
        "may",
        "june|jun",
        "july|jul",
        "august|aug",
        "september|sep|sept",
        "october|oct",
        "november|nov",
        "december|dec",
    ],
    // Ukrainian: nominative, genitive ("8 вересня"), locative ("у вересні"), abbreviations.
    [
        "січень|січня|січні|січ",
        "лютий|лютого|лютому|лют",
        "березень|березня|березні|бер",
        "квітень|квітня|квітні|квіт|кві",
        "травень|травня|травні|трав|тра",
        "червень|червня|червні|черв|чер",
        "липень|липня|липні|лип",
        "серпень|серпня|серпні|серп|сер",
        "вересень|вересня|вересні|вер",
        "жовтень|жовтня|жовтні|жовт|жов",
        "листопад|листопада|листопаді|лист|лис",
        "грудень|грудня|грудні|груд|гру",
    ],
    // Russian: nominative, genitive ("7 сентября"), prepositional ("в сентябре"), abbreviations.
    [
        "январь|января|январе|янв",
        "февраль|февраля|феврале|фев|февр",
        "март|марта|марте|мар",
        "апрель|апреля|апреле|апр",
        "май|мая|мае",
        "июнь|июня|июне|июн",
        "июль|июля|июле|июл",
        "август|августа|августе|авг",
        "сентябрь|сентября|сентябре|сен|сент",
        "октябрь|октября|октябре|окт",
        "ноябрь|ноября|ноябре|ноя|нояб",
        "декабрь|декабря|декабре|дек",
    ],
    // Bulgarian (no case endings on months).
    [
        "януари|ян|яну",
        "февруари|февр",
        "март",
        "април",
        "май",
        "юни",
        "юли",
        "август",
        "септември|септ",
        "октомври",
        "ноември|ное",
        "декември",
    ],
    // Polish: nominative, genitive ("8 września"), locative ("we wrześniu"), abbreviations.
    [
        "styczeń|stycznia|styczniu|sty",
        "luty|lutego|lutym|lut",
        "marzec|marca|marcu",
        "kwiecień|kwietnia|kwietniu|kwi",
        "maj|maja|maju",
        "czerwiec|czerwca|czerwcu|cze",
        "lipiec|lipca|lipcu|lip",
        "sierpień|sierpnia|sierpniu|sie",
        "wrzesień|września|wrześniu|wrz",
        "październik|października|październiku|paź",
        "listopad|listopada|listopadzie|lis",
        "grudzień|grudnia|grudniu|gru",
    ],
    // German, with the Austrian "Jänner" and "Feber".
    [
        "januar|jänner|jän",
        "februar|feber",
        "märz|maerz|mrz|mär",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober|okt",
        "november",
        "dezember|dez",
    ],
    // French
    [
        "janvier|janv",
        "février|févr|fév",
        "mars",
        "avril|avr",
        "mai",
        "juin",
        "juillet|juil",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre|déc",
    ],
    // Spanish, with the Latin American "setiembre".
    [
        "enero|ene",
        "febrero",
        "marzo",
        "abril|abr",
        "mayo",
        "junio",
        "julio",
        "agosto|ago",
        "septiembre|setiembre|set",
        "octubre",
        "noviembre",
        "diciembre|dic",
    ],
    // Italian
    [
        "gennaio|gen",
        "febbraio",
        "marzo",
        "aprile",
        "maggio|mag",
        "giugno|giu",
        "luglio|lug",
        "agosto",
        "settembre|sett",
        "ottobre|ott",
        "novembre",
        "dicembre",
    ],
    // Portuguese
    [
        "janeiro",
        "fevereiro|fev",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro|out",
        "novembro",
        "dezembro|dez",
    ],
    // Dutch
    [
        "januari",
        "februari",
        "maart|mrt",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    // Turkish
    [
        "ocak|oca",
        "şubat|şub",
        "mart",
        "nisan|nis",
        "mayıs",
        "haziran|haz",
        "temmuz|tem",
        "ağustos|ağu",
        "eylül|eyl",
        "ekim|eki",
        "kasım|kas",
        "aralık|ara",
    ],
    // Arabic as written in Egypt and the Gulf, in the Maghreb (Morocco; Algeria and Tunisia),
    // with the spellings outlets mix.
    [
        "يناير|جانفي",
        "فبراير|فيفري",
        "مارس",
        "أبريل|إبريل|ابريل|أفريل|افريل",
        "مايو|ماي",
        "يونيو|يونيه|جوان",
        "يوليو|يوليه|يوليوز|جويلية",
        "أغسطس|اغسطس|غشت|أوت",
        "سبتمبر|شتنبر",
        "أكتوبر|اكتوبر",
        "نوفمبر|نونبر",
        "ديسمبر|دجنبر",
    ],
    // Arabic as written in the Levant and Iraq; January, October, November and December take
    // two words (see `TWO_WORD_MONTHS`).
    [
        "",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "",
        "",
        "",
    ],
    // Hebrew
    [
        "ינואר",
        "פברואר",
        "מרץ|מרס",
        "אפריל",
        "מאי",
        "יוני",
        "יולי",
        "אוגוסט",
        "ספטמבר",
        "אוקטובר",
        "נובמבר",
        "דצמבר",
    ],
];

/// The Levantine months written as two words: the first word, the second, the month.
const TWO_WORD_MONTHS: &[(&str, &str, u32)] = &[
    ("كانون", "الثاني", 1),
    ("تشرين", "الأول", 10),
    ("تشرين", "الثاني", 11),
    ("كانون", "الأول", 12),
];

/// Each language's weekdays, Monday first, forms separated by `|` as in `MONTH_FORMS`.
const WEEKDAY_FORMS: &[[&str; 7]] = &[
    // English
    [
        "monday|mon",
        "tuesday|tue|tues",
        "wednesday|wed",
        "thursday|thu|thur|thurs",
        "friday|fri",
        "saturday|sat",
        "sunday|sun",
    ],
    // Ukrainian, with the accusative of "у п'ятницю".
    [
        "понеділок|понеділка",
        "вівторок|вівторка",
        "середа|середу|середи",
        "четвер|четверга",
        "п'ятниця|п'ятницю|п'ятниці",
        "субота|суботу|суботи",
        "неділя|неділю|неділі",
    ],
    // Russian
    [
        "понедельник|понедельника",
        "вторник|вторника",
        "среда|среду|среды",
        "четверг|четверга",
        "пятница|пятницу|пятницы",
        "суббота|субботу|субботы",
        "воскресенье|воскресенья",
    ],
    // Bulgarian
    [
        "понеделник",
        "вторник",
        "сряда",
        "четвъртък",
        "петък",
        "събота",
        "неделя",
    ],
    // Polish, with the accusative and genitive.
    [
        "poniedziałek|poniedziałku",
        "wtorek|wtorku",
        "środa|środę|środy",
        "czwartek|czwartku",
        "piątek|piątku",
        "sobota|sobotę|soboty",
        "niedziela|niedzielę|niedzieli",
    ],
    // German
    [
        "montag|montags",
        "dienstag|dienstags",
        "mittwoch|mittwochs",
        "donnerstag|donnerstags",
        "freitag|freitags",
        "samstag|samstags|sonnabend",
        "sonntag|sonntags",
    ],
    // French
    [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    // Spanish
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    // Italian
    [
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ],
    // Portuguese: the bare "segunda" or "quinta" is also an ordinal, so only the full name.
    [
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
    ],
    // Dutch
    [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ],
    // Turkish
    [
        "pazartesi",
        "salı",
        "çarşamba",
        "perşembe",
        "cuma",
        "cumartesi",
        "pazar",
    ],
    // Arabic, with the article: without it "أحد" is "someone" and "جمعة" a name.
    [
        "الاثنين|الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ],
    // Hebrew: only Saturday is one word; the others are "יום" and an ordinal (see
    // `HEBREW_WEEKDAY_ORDINALS`).
    ["", "", "", "", "", "שבת", ""],
];

/// "יום שני" is Monday, but "שני" alone is "second": these count only after "יום".
const HEBREW_WEEKDAY_ORDINALS: &[(&str, Weekday)] = &[
    ("ראשון", Weekday::Sun),
    ("שני", Weekday::Mon),
    ("שלישי", Weekday::Tue),
    ("רביעי", Weekday::Wed),
    ("חמישי", Weekday::Thu),
    ("שישי", Weekday::Fri),
];

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// One-letter words Arabic writes joined to the next: "and", "then" first, then "in", "for",
/// "as". At most one of each group, in this order ("وب" + "سبتمبر").
const ARABIC_CONJUNCTIONS: &[char] = &['و', 'ف'];
const ARABIC_PREPOSITIONS: &[char] = &['ب', 'ل', 'ك'];
/// Hebrew's joined prefixes ("and", "in", "to", "from", "the", "that", "as"); up to two of them.
const HEBREW_PREFIXES: &[char] = &['ו', 'ב', 'ל', 'מ', 'ה', 'ש', 'כ'];

/// Folds a word for lookup: lower case, marks removed, and letters without a decomposition
/// that writers interchange made one ("ł" and "l", the Turkish "ı" and "i", Arabic hamza seats
/// and final forms, every apostrophe).
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' => out.push('d'),
            // Hamza seats decompose into a bare alif and a mark; alif wasla does not.
            'ٱ' => out.push('ا'),
            'ى' | 'ی' => out.push('ي'),
            'ة' => out.push('ه'),
            'ک' => out.push('ك'),
            // Tatweel stretches a word for layout and means nothing.
            'ـ' => {}
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{b4}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn build_table<const N: usize, T: Copy>(
    forms: &[[&str; N]],
    values: impl Fn(usize) -> T,
) -> HashMap<String, T> {
    let mut table = HashMap::new();
    for language in forms {
        for (index, names) in language.iter().enumerate() {
            for name in names.split('|').filter(|n| !n.is_empty()) {
                table.insert(fold_word(name), values(index));
            }
        }
    }
    table
}

static MONTHS: LazyLock<HashMap<String, u32>> =
    LazyLock::new(|| build_table(MONTH_FORMS, |i| u32::try_from(i + 1).unwrap_or(0)));
static WEEKDAY_TABLE: LazyLock<HashMap<String, Weekday>> =
    LazyLock::new(|| build_table(WEEKDAY_FORMS, |i| WEEKDAYS[i % 7]));

/// Punctuation that sticks to a word in running text but is no part of it.
fn is_sticky_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '"'
            | '«'
            | '»'
            | '„'
            | '“'
            | '”'
            | '،'
            | '؛'
            | '־'
            | '׳'
            | '״'
    )
}

/// The word without the punctuation around it; a full stop goes too ("Sept." is "Sept").
fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(is_sticky_punctuation)
}

/// The folded forms a word may be: as written, without the joined prefixes of Arabic or Hebrew,
/// and without a Turkish suffix after an apostrophe.
fn candidates(word: &str) -> Vec<String> {
    let folded = fold_word(trim_punctuation(word));
    let mut out = vec![folded.clone()];
    if let Some((stem, _suffix)) = folded.split_once('\'')
        && !stem.is_empty()
    {
        out.push(stem.to_string());
    }
    let mut arabic = folded.as_str();
    if let Some(rest) = arabic.strip_prefix(ARABIC_CONJUNCTIONS) {
        arabic = rest;
        out.push(arabic.to_string());
    }
    if let Some(rest) = arabic.strip_prefix(ARABIC_PREPOSITIONS) {
        out.push(rest.to_string());
        // "لل" is "ل" joined to the article "ال", whose alif is dropped.
        if folded.contains("لل")
            && let Some(after) = rest.strip_prefix('ل')
        {
            out.push(format!("ال{after}"));
        }
    }
    let mut hebrew = folded.as_str();
    for _ in 0..2 {
        match hebrew.strip_prefix(HEBREW_PREFIXES) {
            Some(rest) if rest.chars().count() >= 2 => {
                hebrew = rest;
                out.push(hebrew.to_string());
            }
            _ => break,
        }
    }
    out
}

/// The month (1-12) a single word names, in any of the languages above.
pub fn month_of(word: &str) -> Option<u32> {
    candidates(word)
        .iter()
        .find_map(|c| MONTHS.get(c.as_str()).copied())
}

/// The weekday a single word names ("jeudi", "четвер", "Perşembe'de", "الخميس", "בשבת").
pub fn weekday_of(word: &str) -> Option<Weekday> {
    candidates(word)
        .iter()
        .find_map(|c| WEEKDAY_TABLE.get(c.as_str()).copied())
}

/// The first word of `text` and where it ends, with the whitespace before it skipped.
fn first_word(text: &str) -> Option<(&str, usize)> {
    let start = text.len() - text.trim_start().len();
    let rest = text.get(start..)?;
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    if len == 0 {
        return None;
    }
    Some((rest.get(..len)?, start + len))
}

/// The byte length of `word` without trailing punctuation other than a full stop, which an
/// abbreviation keeps ("Sept.").
fn kept_len(word: &str) -> usize {
    word.trim_end_matches(|c: char| c != '.' && is_sticky_punctuation(c))
        .len()
}

/// A month name at the start of `text` (after any whitespace), one word or the two of a
/// Levantine month ("تشرين الأول"), with the number of bytes it takes.
pub fn month_at(text: &str) -> Option<(u32, usize)> {
    let (word, end) = first_word(text)?;
    let word_start = end - word.len();
    if let Some(month) = month_of(word) {
        return Some((month, word_start + kept_len(word)));
    }
    let firsts = candidates(word);
    let (second, second_end) = first_word(text.get(end..)?)?;
    let second_folded = fold_word(trim_punctuation(second));
    TWO_WORD_MONTHS.iter().find_map(|(a, b, month)| {
        (firsts.contains(&fold_word(a)) && second_folded == fold_word(b)).then(|| {
            let second_start = end + second_end - second.len();
            (*month, second_start + kept_len(second))
        })
    })
}

/// A weekday at the start of `text`, one word or Hebrew's two ("יום שני", "ביום חמישי"), with
/// the number of bytes it takes.
pub fn weekday_at(text: &str) -> Option<(Weekday, usize)> {
    let (word, end) = first_word(text)?;
    let word_start = end - word.len();
    if let Some(day) = weekday_of(word) {
        return Some((day, word_start + kept_len(word)));
    }
    if !candidates(word).iter().any(|c| c == "יום") {
        return None;
    }
    let (second, second_end) = first_word(text.get(end..)?)?;
    let second_folded = fold_word(trim_punctuation(second));
    HEBREW_WEEKDAY_ORDINALS
        .iter()
        .find(|(name, _)| fold_word(name) == second_folded)
        .map(|(_, day)| {
            let second_start = end + second_end - second.len();
            (*day, second_start + kept_len(second))
        })
}

/// Text with Arabic-Indic and Persian digits (and the Arabic decimal and thousands separators)
/// made ASCII, so that one number parser reads every outlet; positions in it map back to the
/// original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitFolded {
    /// The text with its digits in ASCII.
    pub text: String,
    /// After each replaced character: its end in `text` and its end in the original.
    shifts: Vec<(usize, usize)>,
}

/// The ASCII digit a digit stands for, in any of the scripts outlets write digits in: `0`–`9`,
/// Arabic-Indic `٠`–`٩` and Persian `۰`–`۹`; `None` for anything else.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{660}'..='\u{669}' => char::from_digit(u32::from(c) - 0x660, 10),
        '\u{6f0}'..='\u{6f9}' => char::from_digit(u32::from(c) - 0x6f0, 10),
        _ => None,
    }
}

/// What [`fold_digits`] replaces a character with, if it replaces it.
fn ascii_for(c: char) -> Option<char> {
    match c {
        // Arabic decimal separator, thousands separator.
        '\u{66b}' => Some('.'),
        '\u{66c}' => Some(','),
        _ if c.is_ascii() => None,
        _ => ascii_digit(c),
    }
}

/// Folds the digits of `text` (see [`DigitFolded`]).
pub fn fold_digits(text: &str) -> DigitFolded {
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    for (at, c) in text.char_indices() {
        match ascii_for(c) {
            Some(ascii) => {
                out.push(ascii);
                shifts.push((out.len(), at + c.len_utf8()));
            }
            None => out.push(c),
        }
    }
    DigitFolded { text: out, shifts }
}

impl DigitFolded {
    /// Where byte `at` of the folded text is in the original text.
    pub fn original_offset(&self, at: usize) -> usize {
        let index = self.shifts.partition_point(|(folded, _)| *folded <= at);
        match index.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            Some((folded, original)) => original + (at - folded),
            None => at,
        }
    }

    /// The original bytes of a range of the folded text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.original_offset(range.start)..self.original_offset(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(words: &[&str], month: u32) {
        for word in words {
            assert_eq!(month_of(word), Some(month), "{word}");
        }
    }

    #[test]
    fn english() {
        months(&["September", "SEPT.", "sep", "Sept,"], 9);
        months(&["May"], 5);
        months(&["Nov."], 11);
        assert_eq!(weekday_of("Thursday"), Some(Weekday::Thu));
        assert_eq!(weekday_of("Thurs."), Some(Weekday::Thu));
    }

    #[test]
    fn ukrainian() {
        months(&["вересень", "вересня", "вересні", "Вер."], 9);
        months(&["листопада"], 11);
        assert_eq!(weekday_of("п'ятницю"), Some(Weekday::Fri));
        assert_eq!(weekday_of("п’ятниця"), Some(Weekday::Fri));
        assert_eq!(weekday_of("четвер"), Some(Weekday::Thu));
    }

    #[test]
    fn russian() {
        months(&["сентября", "Сентябрь", "сентябре", "сент."], 9);
        months(&["мая", "май"], 5);
        assert_eq!(weekday_of("четверг"), Some(Weekday::Thu));
        assert_eq!(weekday_of("пятницу"), Some(Weekday::Fri));
        assert_eq!(weekday_of("воскресенье"), Some(Weekday::Sun));
    }

    #[test]
    fn bulgarian() {
        months(&["септември", "Септември"], 9);
        months(&["октомври"], 10);
        assert_eq!(weekday_of("четвъртък"), Some(Weekday::Thu));
        assert_eq!(weekday_of("петък"), Some(Weekday::Fri));
    }

    #[test]
    fn polish() {
        months(
            &["wrzesień", "września", "wrzesnia", "WRZEŚNIA", "wrześniu"],
            9,
        );
        months(&["października", "paź"], 10);
        months(&["lutego", "luty"], 2);
        assert_eq!(weekday_of("czwartek"), Some(Weekday::Thu));
        assert_eq!(weekday_of("środę"), Some(Weekday::Wed));
        assert_eq!(weekday_of("piątek"), Some(Weekday::Fri));
    }

    #[test]
    fn german() {
        months(&["September"], 9);
        months(&["März", "Marz", "Maerz", "MÄRZ"], 3);
        months(&["Jänner", "Januar"], 1);
        assert_eq!(weekday_of("Donnerstag"), Some(Weekday::Thu));
        assert_eq!(weekday_of("Sonnabend"), Some(Weekday::Sat));
    }

    #[test]
    fn french() {
        months(&["septembre"], 9);
        months(&["août", "aout", "AOÛT"], 8);
        months(&["février", "fevrier", "févr."], 2);
        assert_eq!(weekday_of("jeudi"), Some(Weekday::Thu));
        assert_eq!(weekday_of("Vendredi"), Some(Weekday::Fri));
    }

    #[test]
    fn spanish() {
        months(&["septiembre", "setiembre", "Septiembre"], 9);
        months(&["dic."], 12);
        assert_eq!(weekday_of("miércoles"), Some(Weekday::Wed));
        assert_eq!(weekday_of("miercoles"), Some(Weekday::Wed));
        assert_eq!(weekday_of("sábado"), Some(Weekday::Sat));
    }

    #[test]
    fn italian() {
        months(&["settembre", "sett."], 9);
        months(&["giugno"], 6);
        assert_eq!(weekday_of("giovedì"), Some(Weekday::Thu));
        assert_eq!(weekday_of("giovedi"), Some(Weekday::Thu));
    }

    #[test]
    fn portuguese() {
        months(&["setembro"], 9);
        months(&["março", "marco"], 3);
        assert_eq!(weekday_of("quinta-feira"), Some(Weekday::Thu));
        assert_eq!(weekday_of("quinta"), None);
    }

    #[test]
    fn dutch() {
        months(&["september"], 9);
        months(&["maart", "mrt"], 3);
        months(&["mei"], 5);
        assert_eq!(weekday_of("donderdag"), Some(Weekday::Thu));
        assert_eq!(weekday_of("Vrijdag"), Some(Weekday::Fri));
    }

    #[test]
    fn turkish() {
        months(&["Eylül", "eylul", "EYLÜL", "Eylül'de", "Eylül’ün"], 9);
        months(&["Şubat", "subat"], 2);
        months(&["Aralık", "aralik", "ARALIK"], 12);
        assert_eq!(weekday_of("Perşembe"), Some(Weekday::Thu));
        assert_eq!(weekday_of("Cuma"), Some(Weekday::Fri));
        assert_eq!(weekday_of("Salı"), Some(Weekday::Tue));
    }

    #[test]
    fn arabic_both_series_and_prefixes() {
        months(
            &[
                "سبتمبر",
                "وسبتمبر",
                "بسبتمبر",
                "وبسبتمبر",
                "أيلول",
                "ايلول",
                "لأيلول",
            ],
            9,
        );
        months(&["أغسطس", "اغسطس", "آب", "وآب"], 8);
        months(&["فبراير", "شباط"], 2);
        months(&["يونيه", "يونيو", "حزيران"], 6);
        assert_eq!(month_at("تشرين الأول 2017"), Some((10, "تشرين الأول".len())));
        assert_eq!(month_at("وتشرين الثاني"), Some((11, "وتشرين الثاني".len())));
        assert_eq!(month_at("كانون الثاني"), Some((1, "كانون الثاني".len())));
        assert_eq!(month_at("كانون الاول"), Some((12, "كانون الاول".len())));
        assert_eq!(month_of("كانون"), None);
        assert_eq!(weekday_of("الخميس"), Some(Weekday::Thu));
        assert_eq!(weekday_of("والخميس"), Some(Weekday::Thu));
        assert_eq!(weekday_of("الجمعة"), Some(Weekday::Fri));
        assert_eq!(weekday_of("للجمعة"), Some(Weekday::Fri));
        assert_eq!(weekday_of("أحد"), None);
    }

    #[test]
    fn hebrew_with_prefixes() {
        months(&["ספטמבר", "בספטמבר", "ובספטמבר", "לספטמבר"], 9);
        months(&["מאי", "במאי"], 5);
        months(&["מרץ", "מרס", "במרץ"], 3);
        assert_eq!(
            weekday_at("יום חמישי"),
            Some((Weekday::Thu, "יום חמישי".len()))
        );
        assert_eq!(
            weekday_at("ביום שני,"),
            Some((Weekday::Mon, "ביום שני".len()))
        );
        assert_eq!(weekday_of("שני"), None);
        assert_eq!(weekday_of("בשבת"), Some(Weekday::Sat));
    }

    #[test]
    fn no_form_names_two_months_or_two_days() {
        for language in MONTH_FORMS {
            for (index, names) in language.iter().enumerate() {
                for name in names.split('|').filter(|n| !n.is_empty()) {
                    assert_eq!(month_of(name), u32::try_from(index + 1).ok(), "{name}");
                }
            }
        }
        for language in WEEKDAY_FORMS {
            for (index, names) in language.iter().enumerate() {
                for name in names.split('|').filter(|n| !n.is_empty()) {
                    assert_eq!(weekday_of(name), Some(WEEKDAYS[index]), "{name}");
                }
            }
        }
    }

    #[test]
    fn not_names() {
        for word in ["", "-", "november2017", "septembers", "Novak", "מ", "و"] {
            assert_eq!(month_of(word), None, "{word:?}");
        }
        for word in ["", "day", "Thursdays", "сентября"] {
            assert_eq!(weekday_of(word), None, "{word:?}");
        }
    }

    #[test]
    fn month_at_keeps_the_full_stop_and_not_the_comma() {
        assert_eq!(month_at("Sept. 7, 2017"), Some((9, 5)));
        assert_eq!(month_at("  Nov, 7"), Some((11, 5)));
        assert_eq!(month_at("septiembre de 2017"), Some((9, 10)));
        assert_eq!(month_at("sieć"), None);
        assert_eq!(month_at(""), None);
        assert_eq!(weekday_at("Thursday, 7 Sept."), Some((Weekday::Thu, 8)));
    }

    #[test]
    fn digits_fold_and_map_back() {
        let text = "٨ سبتمبر ٢٠١٧ و۸٫۲ 33";
        let folded = fold_digits(text);
        assert_eq!(folded.text, "8 سبتمبر 2017 و8.2 33");
        let year = folded.text.find("2017").unwrap();
        let range = folded.original_range(year..year + 4);
        assert_eq!(&text[range], "٢٠١٧");
        let magnitude = folded.text.find("8.2").unwrap();
        let range = folded.original_range(magnitude..magnitude + 3);
        assert_eq!(&text[range], "۸٫۲");
        let tail = folded.text.find("33").unwrap();
        assert_eq!(&text[folded.original_range(tail..tail + 2)], "33");
        assert_eq!(folded.original_offset(0), 0);
        assert_eq!(folded.original_offset(folded.text.len()), text.len());
        let plain = fold_digits("no digits to fold");
        assert_eq!(plain.text, "no digits to fold");
        assert_eq!(plain.original_range(3..9), 3..9);
    }
}

//! Bylines: "By Doug G. Ware and Danielle Haynes", "Автор: Ірина Коваль", "Par Jean Dupont",
//! "بقلم محمد علي", "מאת דני כהן". A byline is a known lead word followed by names and little
//! else; a line where the lead word starts a sentence ("By the time rescuers arrived…", "Par
//! ailleurs…", "Von Anfang an…") is not one.

use super::furniture::phrases::{fold, is_caseless_letter, phrases};

/// At most this many words after the lead word: a byline names people, it does not report.
const MAX_WORDS: usize = 14;

/// Words allowed after the names ("in Mexico City", "for UPI", "BBC News, Kyiv").
const MAX_TRAILING_WORDS: usize = 4;

/// The people a byline names, in order, when `line` is a byline; `None` when it is not.
///
/// Dates, counters and credits run into the byline are left out ("by Lucas Nolan22 Dec
/// 2016651" names Lucas Nolan), and so is a place after a comma ("Von Anna Schmidt, Berlin").
pub fn names(line: &str) -> Option<Vec<String>> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let rest = after_lead(&tokens)?;
    let rest = before_extras(rest);
    if rest.is_empty() || rest.len() > MAX_WORDS {
        return None;
    }
    let last = rest.last()?;
    if last.ends_with(['.', '!', '?']) && !is_initial(last) && rest.len() > 4 {
        return None;
    }
    let names = split_names(&rest)?;
    (!names.is_empty() && names.len() <= 6).then_some(names)
}

/// The people a line names when it is nothing but names ("Oksana Bilyk in Lviv", "דני לוי"):
/// a byline without its "By", which only its place tells from a heading, so the caller checks
/// that (next to a time stamp, above the first sentence).
pub fn bare_names(line: &str) -> Option<Vec<String>> {
    let tokens = before_extras(line.split_whitespace().collect());
    if tokens.is_empty() || tokens.len() > 6 || line.trim_end().ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let names = split_names(&tokens)?;
    let p = phrases();
    // A name has two or three words ("Ware", "Zelensky Arrives In Washington" are no names):
    // particles aside ("Jan van der Berg").
    let plausible = |name: &String| {
        let words = name
            .split(' ')
            .filter(|w| !p.particle.contains(&fold(w)))
            .count();
        (2..=3).contains(&words)
    };
    (!names.is_empty() && names.len() <= 3 && names.iter().all(plausible)).then_some(names)
}

/// The tokens after the byline's lead word ("By", "Автор:", "Written by"), when there is one.
fn after_lead<'a>(tokens: &[&'a str]) -> Option<Vec<&'a str>> {
    // Leads have at most a few words: fold those tokens once, not once per lead tried.
    let folded: Vec<String> = tokens.iter().take(3).map(|t| fold(t)).collect();
    let p = phrases();
    let first = folded.first()?.trim_end_matches([':', '-', '\u{2014}']);
    if !p.byline_first_words.contains(first) {
        return None;
    }
    for lead in &p.byline {
        let words: Vec<&str> = lead.split(' ').collect();
        if tokens.len() <= words.len() || words.len() > folded.len() {
            continue;
        }
        let matches = words.iter().enumerate().all(|(i, w)| {
            let token = folded[i].as_str();
            let token = if i + 1 == words.len() {
                token.trim_end_matches([':', '-', '\u{2014}'])
            } else {
                token
            };
            token == *w
        });
        if matches {
            let mut rest: Vec<&str> = tokens[words.len()..].to_vec();
            // "Автор : Ірина" and "By — Jane" put the colon or dash on its own.
            if rest
                .first()
                .is_some_and(|t| matches!(*t, ":" | "-" | "\u{2014}" | "\u{2013}"))
            {
                rest.remove(0);
            }
            return Some(rest);
        }
    }
    None
}

/// The tokens before the first separator, date or counter: bylines are often copied with the
/// date and comment count on the same line ("Lucas Nolan22 Dec 2016651", "Jane Doe | 10:45").
fn before_extras(tokens: Vec<&str>) -> Vec<&str> {
    let mut out = Vec::new();
    for t in tokens {
        if matches!(
            t,
            "|" | "-" | "\u{2014}" | "\u{2013}" | "\u{2022}" | "\u{b7}" | "/"
        ) {
            break;
        }
        if let Some(at) = t.find(|c: char| c.is_numeric()) {
            let head = t[..at].trim_end_matches([',', '|']);
            if !head.is_empty() {
                out.push(head);
            }
            break;
        }
        out.push(t);
    }
    out
}

/// Whether `word` reads as part of a name: a capital first letter ("Ware", "G.", "O'Brien",
/// "AP") or a script without capitals.
fn is_name_word(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_uppercase() || is_caseless_letter(c))
}

/// "G." and "J.-P.": an initial, whose full stop ends no sentence.
fn is_initial(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 2 && word.ends_with('.')
}

/// The prefix letter that means "and" in a script that writes it joined to the next word
/// (Hebrew ו, Arabic و).
fn joined_and(word: &str) -> Option<&str> {
    let rest = word
        .strip_prefix('\u{5d5}')
        .or_else(|| word.strip_prefix('\u{648}'))?;
    (rest.chars().count() >= 2).then_some(rest)
}

/// Splits the words after the lead into names at commas and words for "and"; `None` when they
/// read as a sentence rather than names.
fn split_names(tokens: &[&str]) -> Option<Vec<String>> {
    let p = phrases();
    let mut names: Vec<(Vec<String>, bool)> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    // Whether `current` was started by a comma (a place may follow one) or by "and".
    let mut after_comma = false;
    let mut push = |current: &mut Vec<String>, after_comma: bool| {
        if !current.is_empty() {
            names.push((std::mem::take(current), after_comma));
        }
    };
    for (i, raw) in tokens.iter().enumerate() {
        let ends_segment = raw.ends_with([',', ';']);
        let word = raw.trim_end_matches([',', ';', ':']);
        let folded = fold(word);
        if word.is_empty() {
            push(&mut current, after_comma);
            after_comma = true;
            continue;
        }
        if p.and.contains(&folded) {
            push(&mut current, after_comma);
            after_comma = false;
            continue;
        }
        if current.len() >= 2
            && let Some(rest) = joined_and(word)
        {
            push(&mut current, after_comma);
            after_comma = false;
            current.push(rest.to_string());
        } else if is_name_word(word) || p.particle.contains(&folded) {
            current.push(word.to_string());
        } else {
            // A lower-case word: the names have ended. What follows must be short ("in Kyiv",
            // "for UPI"), or this was a sentence that started with the lead word.
            if tokens.len() - i > MAX_TRAILING_WORDS {
                return None;
            }
            break;
        }
        if current.len() > 5 {
            return None;
        }
        if ends_segment {
            push(&mut current, after_comma);
            after_comma = true;
        }
    }
    push(&mut current, after_comma);
    let with_capital = |n: &Vec<String>| n.iter().any(|w| is_name_word(w));
    if names.iter().any(|(n, _)| !with_capital(n)) {
        return None;
    }
    let several_words = names.first().is_some_and(|(n, _)| n.len() >= 2);
    let is_agency = |n: &[String]| p.agency.contains(&fold(&n.join(" ")));
    let people: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|(i, (n, after_comma))| {
            // "Anna Schmidt, Berlin" and "Jane Doe, Reuters": after a full name, one word
            // following a comma is a place or an agency.
            let place = several_words && *after_comma && n.len() == 1;
            *i == 0 || !(place || is_agency(n))
        })
        .map(|(_, (n, _))| n.join(" "))
        .collect();
    Some(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(line: &str) -> Option<Vec<String>> {
        names(line)
    }

    fn v(names: &[&str]) -> Option<Vec<String>> {
        Some(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn english_bylines() {
        assert_eq!(
            n("By Doug G. Ware and Danielle Haynes"),
            v(&["Doug G. Ware", "Danielle Haynes"])
        );
        assert_eq!(n("by Lucas Nolan22 Dec 2016651"), v(&["Lucas Nolan"]));
        assert_eq!(n("By Jane Doe, Reuters"), v(&["Jane Doe"]));
        assert_eq!(n("BY REUTERS"), v(&["REUTERS"]));
        assert_eq!(
            n("Written by Mary O'Brien in Mexico City"),
            v(&["Mary O'Brien"])
        );
        assert_eq!(n("By Jane Doe | 10:45 GMT"), v(&["Jane Doe"]));
    }

    #[test]
    fn bylines_in_other_languages() {
        assert_eq!(n("Автор: Ірина Коваль"), v(&["Ірина Коваль"]));
        assert_eq!(
            n("Автор: Ирина Ковальчук и Пётр Смирнов"),
            v(&["Ирина Ковальчук", "Пётр Смирнов"])
        );
        assert_eq!(n("Автор: Мария Петрова"), v(&["Мария Петрова"]));
        assert_eq!(n("Autor: Anna Kowalska"), v(&["Anna Kowalska"]));
        assert_eq!(n("Von Anna Schmidt, Berlin"), v(&["Anna Schmidt"]));
        assert_eq!(
            n("Par Jean-Pierre Dupont et Marie Leroy"),
            v(&["Jean-Pierre Dupont", "Marie Leroy"])
        );
        assert_eq!(
            n("Por María José de la Fuente"),
            v(&["María José de la Fuente"])
        );
        assert_eq!(n("Di Marco Rossi"), v(&["Marco Rossi"]));
        assert_eq!(
            n("Por João Silva e Ana Costa"),
            v(&["João Silva", "Ana Costa"])
        );
        assert_eq!(n("Door Jan van der Berg"), v(&["Jan van der Berg"]));
        assert_eq!(n("Yazan: Ayşe Yılmaz"), v(&["Ayşe Yılmaz"]));
        assert_eq!(n("بقلم: محمد علي"), v(&["محمد علي"]));
        assert_eq!(n("מאת דני כהן ויעל לוי"), v(&["דני כהן", "יעל לוי"]));
    }

    #[test]
    fn names_without_a_lead_word() {
        assert_eq!(bare_names("Oksana Bilyk in Lviv"), v(&["Oksana Bilyk"]));
        assert_eq!(bare_names("דני לוי"), v(&["דני לוי"]));
        assert_eq!(
            bare_names("Anna Nowak i Jan Kowalski"),
            v(&["Anna Nowak", "Jan Kowalski"])
        );
        for line in [
            "Zelensky Arrives In Washington",
            "Ukraine",
            "The mayor said:",
            "Rescue work continues in the city centre",
        ] {
            assert_eq!(bare_names(line), None, "{line}");
        }
    }

    #[test]
    fn sentences_that_start_with_a_lead_word_are_not_bylines() {
        for line in [
            "By the time rescuers arrived, the building had collapsed.",
            "By 2030 the country plans to close every coal plant.",
            "Par ailleurs, le ministre a annoncé une enquête.",
            "Por su parte, el alcalde pidió calma a los vecinos.",
            "Von Anfang an war klar, dass die Brücke nicht halten würde.",
            "Di fronte alla crisi, il governo ha convocato una riunione.",
            "Door de aardbeving zijn honderden huizen ingestort.",
            "Автор законопроекту заявив, що документ буде доопрацьовано.",
            "By",
            "By:",
        ] {
            assert_eq!(n(line), None, "{line}");
        }
    }
}

//! Figures as outlets write them, in any of their languages: what number a sentence states,
//! in which unit, and what it counts or measures.
//!
//! Outlets disagree about figures in their own notations: `8,2` and `8.2`, `1.200` (German)
//! and `1,200` (English), `٦٫٢` in Arabic-Indic digits, `sześćdziesiąt jeden`, `two dozen`,
//! `102 miles` against `164 km`. Two figures are only worth comparing when they are about the
//! same thing, so each figure is given a [`Quantity`] from its unit and from the words next to
//! it (`zginęło 61 osób`, `61 people died`, `قتل ٦١ شخصا` are all [`Quantity::Dead`]); a figure
//! next to none of them is not a claim anyone could dispute and is left out, and so is a
//! threshold (`226 votes are needed`), which is a rule, not a claim.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::primitives::calendar;

/// What a figure counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quantity {
    Magnitude,
    Dead,
    Injured,
    Missing,
    Evacuated,
    Homeless,
    Buildings,
    Depth,
    Length,
    Rainfall,
    /// Earth, water or rock moved or released, in cubic metres.
    Volume,
    VotesFor,
    VotesAgainst,
    Abstentions,
    /// Members present or registered for a vote.
    Present,
    Seats,
    Percent,
    Money,
    Cost,
    Damage,
    Duration,
    Age,
}

impl Quantity {
    /// What the quantity is called in the suggestions' comments and ids.
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Magnitude => "magnitude",
            Quantity::Dead => "number of dead",
            Quantity::Injured => "number of injured",
            Quantity::Missing => "number of missing",
            Quantity::Evacuated => "number of evacuated",
            Quantity::Homeless => "number of homeless",
            Quantity::Buildings => "number of buildings",
            Quantity::Depth => "depth",
            Quantity::Length => "distance",
            Quantity::Rainfall => "rainfall",
            Quantity::Volume => "volume",
            Quantity::VotesFor => "votes for",
            Quantity::VotesAgainst => "votes against",
            Quantity::Abstentions => "abstentions",
            Quantity::Present => "number present",
            Quantity::Seats => "number of seats",
            Quantity::Percent => "percentage",
            Quantity::Money => "sum",
            Quantity::Cost => "cost",
            Quantity::Damage => "damage",
            Quantity::Duration => "duration",
            Quantity::Age => "age",
        }
    }

    /// How a question about it starts, for the editor to reword.
    pub fn question(self) -> &'static str {
        match self {
            Quantity::Magnitude => "What magnitude",
            Quantity::Dead => "How many dead",
            Quantity::Injured => "How many injured",
            Quantity::Missing => "How many missing",
            Quantity::Evacuated => "How many evacuated",
            Quantity::Homeless => "How many left homeless",
            Quantity::Buildings => "How many buildings",
            Quantity::Depth => "How deep",
            Quantity::Length => "How far",
            Quantity::Rainfall => "How much rain",
            Quantity::Volume => "What volume",
            Quantity::VotesFor => "How many votes for",
            Quantity::VotesAgainst => "How many votes against",
            Quantity::Abstentions => "How many abstentions",
            Quantity::Present => "How many members present",
            Quantity::Seats => "How many seats",
            Quantity::Percent => "What share",
            Quantity::Money => "How much money",
            Quantity::Cost => "What cost",
            Quantity::Damage => "How much damage",
            Quantity::Duration => "How long",
            Quantity::Age => "How old",
        }
    }

    /// Whether the quantity alone says what is counted. A duration or a sum of money can be
    /// anything's, so such figures need more shared context to be compared.
    pub fn specific(self) -> bool {
        !matches!(
            self,
            Quantity::Length | Quantity::Percent | Quantity::Money | Quantity::Duration
        )
    }
}

/// A figure found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The numeral (or number words) and its unit, in the paragraph.
    pub range: Range<usize>,
    /// In the quantity's base unit: metres, millimetres of rain, hours; counts as counted.
    pub value: f64,
    pub quantity: Quantity,
    /// The base unit's name as the claim should say it (`km`, `%`, `EUR`), or the unit as
    /// written for durations, which are compared as written (`24 hours` and `one day` are two
    /// renderings an editor wants to see side by side).
    pub unit: String,
    /// Written in another unit than the base one: converted, so a rounding is no disagreement.
    pub converted: bool,
    /// Said as a condition or a rule (`226 votes are needed`), not as a claim.
    pub threshold: bool,
    /// The word that says what the figure counts (`evakuiert`, `morts`), when it is not its
    /// unit: a claim cites it with the figure.
    pub counted: Option<Range<usize>>,
}

impl Figure {
    /// The value as a claim says it: `8.2`, `61`, `33 km`, `52%`.
    pub fn says(&self) -> String {
        let number = |v: f64| {
            let rounded = (v * 100.0).round() / 100.0;
            if rounded.fract() == 0.0 {
                format!("{}", rounded as i64)
            } else {
                format!("{rounded}")
            }
        };
        match self.quantity {
            Quantity::Depth | Quantity::Length => {
                if self.value >= 1000.0 {
                    format!("{} km", number(self.value / 1000.0))
                } else {
                    format!("{} m", number(self.value))
                }
            }
            Quantity::Rainfall => format!("{} mm", number(self.value)),
            Quantity::Volume => {
                if self.value >= 1e6 {
                    format!("{} million m³", number(self.value / 1e6))
                } else {
                    format!("{} m³", number(self.value))
                }
            }
            Quantity::Percent => format!("{}%", number(self.value)),
            Quantity::Money | Quantity::Cost | Quantity::Damage => {
                let (scaled, word) = if self.value >= 1e9 {
                    (self.value / 1e9, " billion")
                } else if self.value >= 1e6 {
                    (self.value / 1e6, " million")
                } else {
                    (self.value, "")
                };
                format!("{}{word} {}", number(scaled), self.unit)
            }
            Quantity::Duration => format!("{} {}", number(self.value), self.unit),
            _ => number(self.value),
        }
    }

    /// Whether two figures of one quantity state the same value: equal as written, or equal
    /// within rounding when one was converted (`102 miles` and `164 km`).
    pub fn same_value(&self, other: &Figure) -> bool {
        if self.unit != other.unit && self.quantity == Quantity::Duration {
            return false;
        }
        let (a, b) = (self.value, other.value);
        let scale = a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
        let tolerance = if self.converted != other.converted || self.unit != other.unit {
            0.02
        } else {
            1e-9
        };
        (a - b).abs() / scale <= tolerance
    }
}

/// A word, a numeral or a punctuation mark of a sentence.
#[derive(Debug, Clone, PartialEq)]
enum FigureToken {
    /// Lower case, apostrophes straight.
    Word(String),
    /// ASCII digits with their separators as written (`1.200`, `8,2`, `6.2` for `٦٫٢`).
    Digits(String),
    Mark(char),
}

#[derive(Debug, Clone)]
struct FigureTok {
    range: Range<usize>,
    token: FigureToken,
}

impl FigureTok {
    fn word(&self) -> Option<&str> {
        match &self.token {
            FigureToken::Word(w) => Some(w),
            _ => None,
        }
    }
}

/// The value of a digit in any of the scripts outlets write digits in.
fn digit(c: char) -> Option<char> {
    calendar::ascii_digit(c)
}

/// Letters, and the marks that vowel Arabic and Hebrew words; the Hebrew gershayim and an
/// apostrophe between letters stay inside a word (`ק"מ`, `п'ять`, `don't`).
fn word_char(c: char) -> bool {
    (c.is_alphabetic() && digit(c).is_none())
        || matches!(c, '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}' | '\u{591}'..='\u{5c7}')
        || c == '\u{301}'
}

fn inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '"' | '״')
}

/// Separators inside a numeral: decimal marks and the ways digits are grouped.
fn numeral_separator(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '\u{66b}' | '\u{66c}' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''
    )
}

fn tokens(para: &str, range: Range<usize>) -> Vec<FigureTok> {
    let text = &para[range.clone()];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if let Some(d) = digit(c) {
            let mut raw = String::from(d);
            let mut j = k + 1;
            loop {
                match chars.get(j).map(|&(_, c)| c) {
                    Some(c) if digit(c).is_some() => {
                        raw.push(digit(c).unwrap_or('0'));
                        j += 1;
                    }
                    // `1 200`: a plain space groups only a run of exactly three digits.
                    Some(' ')
                        if raw.chars().rev().take_while(char::is_ascii_digit).count() <= 3
                            && (1..=3).all(|n| {
                                chars.get(j + n).is_some_and(|&(_, c)| digit(c).is_some())
                            })
                            && chars
                                .get(j + 4)
                                .is_none_or(|&(_, c)| digit(c).is_none() && !word_char(c)) =>
                    {
                        raw.push('\u{a0}');
                        j += 1;
                    }
                    Some(s)
                        if numeral_separator(s)
                            && chars.get(j + 1).is_some_and(|&(_, c)| digit(c).is_some()) =>
                    {
                        raw.push(s);
                        j += 1;
                    }
                    _ => break,
                }
            }
            out.push(FigureTok {
                range: range.start + start..range.start + at(j),
                token: FigureToken::Digits(raw),
            });
            k = j;
        } else if word_char(c) {
            let mut j = k + 1;
            while let Some(&(_, n)) = chars.get(j) {
                let joined = inner_joiner(n)
                    && chars.get(j + 1).is_some_and(|&(_, m)| word_char(m))
                    && word_char(chars[j - 1].1);
                if word_char(n) || joined {
                    j += 1;
                } else {
                    break;
                }
            }
            // Short vowels and other marks are written in some texts and not others.
            let lower = text[start..at(j)]
                .chars()
                .filter(|c| !matches!(c, '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}' | '\u{591}'..='\u{5c7}'))
                .collect::<String>()
                .to_lowercase()
                .replace(['’', 'ʼ'], "'")
                .replace('״', "\"");
            out.push(FigureTok {
                range: range.start + start..range.start + at(j),
                token: FigureToken::Word(lower),
            });
            k = j;
        } else {
            if !c.is_whitespace() {
                out.push(FigureTok {
                    range: range.start + start..range.start + at(k + 1),
                    token: FigureToken::Mark(c),
                });
            }
            k += 1;
        }
    }
    out
}

/// The two-letter code of a language tag (`en-GB` is `en`).
fn base_language(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Languages that write `8,2` for eight point two and group thousands with dots or spaces.
const DECIMAL_COMMA: &[&str] = &[
    "de", "fr", "es", "it", "pt", "nl", "pl", "uk", "ru", "bg", "tr", "cs", "sk", "ro", "hu", "el",
    "sv", "da", "no", "nb", "fi", "hr", "sr", "sl", "ca", "lt", "lv", "et", "be", "kk", "az",
];

/// The value of a numeral written with ASCII digits and its separators. A single `,` or `.`
/// before exactly three digits groups thousands in the languages that do not use it as their
/// decimal mark (`1,200` in English, `1.200` in German), and is a decimal mark otherwise.
fn numeral_value(raw: &str, decimal_comma: bool) -> Option<f64> {
    let arabic_decimal = raw.contains('\u{66b}');
    let separators: Vec<(usize, char)> = raw
        .char_indices()
        .filter(|&(_, c)| !c.is_ascii_digit())
        .collect();
    let decimal_at: Option<usize> = if arabic_decimal {
        separators
            .iter()
            .find(|&&(_, c)| c == '\u{66b}')
            .map(|&(i, _)| i)
    } else {
        let points: Vec<&(usize, char)> = separators
            .iter()
            .filter(|(_, c)| matches!(c, '.' | ','))
            .collect();
        let kinds: Vec<char> = {
            let mut k: Vec<char> = points.iter().map(|(_, c)| *c).collect();
            k.dedup();
            k.sort_unstable();
            k.dedup();
            k
        };
        match (kinds.len(), points.last()) {
            (0, _) | (_, None) => None,
            // Both marks: the last is the decimal one (`1,234.5`, `1.234,5`).
            (2, Some(&&(i, _))) => Some(i),
            (_, Some(&&(i, c))) => {
                let after = raw[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                let lead_zero = raw.starts_with("0") && !raw[1..].starts_with(char::is_numeric);
                if points.len() > 1 {
                    None
                } else if after != 3 || lead_zero || (c == ',') == decimal_comma {
                    Some(i)
                } else {
                    None
                }
            }
        }
    };
    let mut plain = String::new();
    for (i, c) in raw.char_indices() {
        if c.is_ascii_digit() {
            plain.push(c);
        } else if Some(i) == decimal_at {
            plain.push('.');
        }
    }
    plain.parse().ok()
}

/// How a number word combines with the words before it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberWordRole {
    /// Added: `sixty`, `one`, `двісті`.
    Add(f64),
    /// Multiplies what came before: `hundred`, `dozen`.
    Times(f64),
    /// Closes a group: `thousand`, `million`.
    Scale(f64),
}

/// Number words by language: `word=value` adds, `word*n` multiplies, `word^n` scales.
fn number_words(language: &str) -> &'static str {
    match language {
        "en" => {
            "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90 hundred*100 dozen*12 dozens*12 score*20 thousand^1000 thousands^1000 million^1000000 millions^1000000 billion^1000000000"
        }
        "de" => {
            "null=0 ein=1 eins=1 eine=1 einen=1 einer=1 zwei=2 drei=3 vier=4 fünf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10 elf=11 zwölf=12 dreizehn=13 vierzehn=14 fünfzehn=15 sechzehn=16 siebzehn=17 achtzehn=18 neunzehn=19 zwanzig=20 dreißig=30 dreissig=30 vierzig=40 fünfzig=50 sechzig=60 siebzig=70 achtzig=80 neunzig=90 hundert*100 einhundert=100 dutzend*12 tausend^1000 million^1000000 millionen^1000000 milliarde^1000000000 milliarden^1000000000"
        }
        "fr" => {
            "zéro=0 un=1 une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12 treize=13 quatorze=14 quinze=15 seize=16 vingt=20 vingts=20 trente=30 quarante=40 cinquante=50 soixante=60 cent*100 cents*100 douzaine*12 douzaines*12 mille^1000 million^1000000 millions^1000000 milliard^1000000000 milliards^1000000000"
        }
        "es" => {
            "cero=0 un=1 uno=1 una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 once=11 doce=12 trece=13 catorce=14 quince=15 dieciséis=16 diecisiete=17 dieciocho=18 diecinueve=19 veinte=20 treinta=30 cuarenta=40 cincuenta=50 sesenta=60 setenta=70 ochenta=80 noventa=90 cien=100 ciento=100 doscientos=200 doscientas=200 trescientos=300 trescientas=300 cuatrocientos=400 quinientos=500 seiscientos=600 setecientos=700 ochocientos=800 novecientos=900 docena*12 decenas*10 centenares*100 mil^1000 millón^1000000 millones^1000000"
        }
        "pt" => {
            "zero=0 um=1 uma=1 dois=2 duas=2 três=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10 onze=11 doze=12 treze=13 catorze=14 quatorze=14 quinze=15 dezesseis=16 dezasseis=16 dezessete=17 dezassete=17 dezoito=18 dezenove=19 dezanove=19 vinte=20 trinta=30 quarenta=40 cinquenta=50 sessenta=60 setenta=70 oitenta=80 noventa=90 cem=100 cento=100 duzentos=200 duzentas=200 trezentos=300 quatrocentos=400 quinhentos=500 seiscentos=600 setecentos=700 oitocentos=800 novecentos=900 dúzia*12 dezenas*10 centenas*100 mil^1000 milhão^1000000 milhões^1000000"
        }
        "it" => {
            "zero=0 un=1 uno=1 una=1 due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10 undici=11 dodici=12 tredici=13 quattordici=14 quindici=15 sedici=16 diciassette=17 diciotto=18 diciannove=19 venti=20 trenta=30 quaranta=40 cinquanta=50 sessanta=60 settanta=70 ottanta=80 novanta=90 cento=100 duecento=200 trecento=300 dozzina*12 decine*10 centinaia*100 mille^1000 mila^1000 milione^1000000 milioni^1000000"
        }
        "nl" => {
            "nul=0 een=1 één=1 twee=2 drie=3 vier=4 vijf=5 zes=6 zeven=7 acht=8 negen=9 tien=10 elf=11 twaalf=12 dertien=13 veertien=14 vijftien=15 zestien=16 zeventien=17 achttien=18 negentien=19 twintig=20 dertig=30 veertig=40 vijftig=50 zestig=60 zeventig=70 tachtig=80 negentig=90 honderd*100 dozijn*12 tientallen*10 duizend^1000 miljoen^1000000 miljard^1000000000"
        }
        "pl" => {
            "zero=0 jeden=1 jedna=1 jedno=1 dwa=2 dwie=2 dwóch=2 trzy=3 trzech=3 cztery=4 czterech=4 pięć=5 pięciu=5 sześć=6 sześciu=6 siedem=7 siedmiu=7 osiem=8 ośmiu=8 dziewięć=9 dziewięciu=9 dziesięć=10 dziesięciu=10 jedenaście=11 dwanaście=12 trzynaście=13 czternaście=14 piętnaście=15 szesnaście=16 siedemnaście=17 osiemnaście=18 dziewiętnaście=19 dwadzieścia=20 dwudziestu=20 trzydzieści=30 trzydziestu=30 czterdzieści=40 czterdziestu=40 pięćdziesiąt=50 pięćdziesięciu=50 sześćdziesiąt=60 sześćdziesięciu=60 siedemdziesiąt=70 siedemdziesięciu=70 osiemdziesiąt=80 osiemdziesięciu=80 dziewięćdziesiąt=90 dziewięćdziesięciu=90 sto=100 stu=100 dwieście=200 trzysta=300 czterysta=400 pięćset=500 sześćset=600 siedemset=700 osiemset=800 dziewięćset=900 tuzin*12 tysiąc^1000 tysiące^1000 tysięcy^1000 milion^1000000 miliony^1000000 milionów^1000000 miliard^1000000000 miliardy^1000000000 miliardów^1000000000"
        }
        "uk" => {
            "нуль=0 один=1 одна=1 одне=1 одного=1 два=2 дві=2 двох=2 три=3 трьох=3 чотири=4 чотирьох=4 п'ять=5 п'ятьох=5 шість=6 шістьох=6 сім=7 вісім=8 дев'ять=9 десять=10 одинадцять=11 дванадцять=12 тринадцять=13 чотирнадцять=14 п'ятнадцять=15 шістнадцять=16 сімнадцять=17 вісімнадцять=18 дев'ятнадцять=19 двадцять=20 тридцять=30 сорок=40 п'ятдесят=50 шістдесят=60 сімдесят=70 вісімдесят=80 дев'яносто=90 сто=100 двісті=200 триста=300 чотириста=400 п'ятсот=500 шістсот=600 сімсот=700 вісімсот=800 дев'ятсот=900 десяток*10 десятки*10 тисяча^1000 тисячі^1000 тисяч^1000 мільйон^1000000 мільйони^1000000 мільйонів^1000000 мільярд^1000000000 мільярди^1000000000 мільярдів^1000000000"
        }
        "ru" => {
            "ноль=0 один=1 одна=1 одно=1 одного=1 два=2 две=2 двух=2 три=3 трёх=3 трех=3 четыре=4 четырёх=4 пять=5 пяти=5 шесть=6 шести=6 семь=7 семи=7 восемь=8 восьми=8 девять=9 девяти=9 десять=10 десяти=10 одиннадцать=11 двенадцать=12 тринадцать=13 четырнадцать=14 пятнадцать=15 шестнадцать=16 семнадцать=17 восемнадцать=18 девятнадцать=19 двадцать=20 двадцати=20 тридцать=30 тридцати=30 сорок=40 сорока=40 пятьдесят=50 шестьдесят=60 семьдесят=70 восемьдесят=80 девяносто=90 сто=100 двести=200 триста=300 четыреста=400 пятьсот=500 шестьсот=600 семьсот=700 восемьсот=800 девятьсот=900 десяток*10 десятки*10 тысяча^1000 тысячи^1000 тысяч^1000 миллион^1000000 миллиона^1000000 миллионов^1000000 миллиард^1000000000 миллиарда^1000000000 миллиардов^1000000000"
        }
        "bg" => {
            "нула=0 един=1 една=1 едно=1 два=2 две=2 двама=2 три=3 трима=3 четири=4 четирима=4 пет=5 петима=5 шест=6 шестима=6 седем=7 осем=8 девет=9 десет=10 единадесет=11 дванадесет=12 тринадесет=13 четиринадесет=14 петнадесет=15 шестнадесет=16 седемнадесет=17 осемнадесет=18 деветнадесет=19 двадесет=20 тридесет=30 четиридесет=40 петдесет=50 шестдесет=60 седемдесет=70 осемдесет=80 деветдесет=90 сто=100 двеста=200 триста=300 четиристотин=400 петстотин=500 хиляда^1000 хиляди^1000 милион^1000000 милиона^1000000 милиард^1000000000"
        }
        "tr" => {
            "sıfır=0 bir=1 iki=2 üç=3 dört=4 beş=5 altı=6 yedi=7 sekiz=8 dokuz=9 on=10 yirmi=20 otuz=30 kırk=40 elli=50 altmış=60 yetmiş=70 seksen=80 doksan=90 yüz*100 düzine*12 bin^1000 milyon^1000000 milyar^1000000000"
        }
        "ar" => {
            "صفر=0 واحد=1 واحدة=1 اثنان=2 اثنين=2 اثنتان=2 اثنتين=2 ثلاثة=3 ثلاث=3 أربعة=4 أربع=4 اربعة=4 اربع=4 خمسة=5 خمس=5 ستة=6 ست=6 سبعة=7 سبع=7 ثمانية=8 ثماني=8 ثمان=8 تسعة=9 تسع=9 عشرة=10 عشر=10 عشرون=20 عشرين=20 ثلاثون=30 ثلاثين=30 أربعون=40 أربعين=40 اربعين=40 خمسون=50 خمسين=50 ستون=60 ستين=60 سبعون=70 سبعين=70 ثمانون=80 ثمانين=80 تسعون=90 تسعين=90 مائة=100 مئة=100 مئتان=200 مئتين=200 مائتين=200 ثلاثمائة=300 ثلاثمئة=300 أربعمائة=400 خمسمائة=500 عشرات*10 مئات*100 ألف^1000 آلاف^1000 الف^1000 ألفا^1000 مليون^1000000 ملايين^1000000 مليار^1000000000"
        }
        "he" => {
            "אפס=0 אחד=1 אחת=1 שניים=2 שתיים=2 שני=2 שתי=2 שלושה=3 שלוש=3 שלושת=3 ארבעה=4 ארבע=4 ארבעת=4 חמישה=5 חמש=5 חמשת=5 שישה=6 שש=6 ששת=6 שבעה=7 שבע=7 שבעת=7 שמונה=8 שמונת=8 תשעה=9 תשע=9 תשעת=9 עשרה=10 עשר=10 עשרת=10 עשרים=20 שלושים=30 ארבעים=40 חמישים=50 שישים=60 שבעים=70 שמונים=80 תשעים=90 מאה=100 מאתיים=200 מאות*100 עשרות*10 אלף^1000 אלפים^1000 אלפי^1000 מיליון^1000000 מיליארד^1000000000"
        }
        "el" => {
            "μηδέν=0 ένα=1 ένας=1 μία=1 μια=1 δύο=2 δυο=2 τρία=3 τρεις=3 τέσσερα=4 τέσσερις=4 πέντε=5 έξι=6 επτά=7 εφτά=7 οκτώ=8 οχτώ=8 εννέα=9 εννιά=9 δέκα=10 έντεκα=11 δώδεκα=12 είκοσι=20 τριάντα=30 σαράντα=40 πενήντα=50 εξήντα=60 εβδομήντα=70 ογδόντα=80 ενενήντα=90 εκατό=100 εκατόν=100 διακόσια=200 διακόσιοι=200 τριακόσια=300 τριακόσιοι=300 τετρακόσια=400 πεντακόσια=500 χίλια=1000 χιλιάδες^1000 εκατομμύριο^1000000 εκατομμύρια^1000000 δισεκατομμύριο^1000000000 δισεκατομμύρια^1000000000"
        }
        _ => "",
    }
}

type NumberWords = HashMap<&'static str, NumberWordRole>;

fn table(language: &str) -> &'static NumberWords {
    static TABLES: OnceLock<HashMap<&'static str, NumberWords>> = OnceLock::new();
    static EMPTY: OnceLock<NumberWords> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        [
            "en", "de", "fr", "es", "pt", "it", "nl", "pl", "uk", "ru", "bg", "tr", "ar", "he",
            "el",
        ]
        .into_iter()
        .map(|l| (l, parse_table(number_words(l))))
        .collect()
    });
    tables
        .get(language)
        .unwrap_or_else(|| EMPTY.get_or_init(HashMap::new))
}

fn parse_table(spec: &'static str) -> NumberWords {
    spec.split_whitespace()
        .filter_map(|entry| {
            let at = entry.find(['=', '*', '^'])?;
            let value: f64 = entry[at + 1..].parse().ok()?;
            let role = match &entry[at..=at] {
                "=" => NumberWordRole::Add(value),
                "*" => NumberWordRole::Times(value),
                _ => NumberWordRole::Scale(value),
            };
            Some((&entry[..at], role))
        })
        .collect()
}

/// One-letter words Arabic and Hebrew write joined to the next word (`and`, `in`, `the` …):
/// the forms of a word to look up, the word itself first.
fn forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut current = word.to_string();
    for _ in 0..2 {
        let Some(first) = current.chars().next() else {
            break;
        };
        let rest = &current[first.len_utf8()..];
        if rest.chars().count() < 2 {
            break;
        }
        if matches!(
            first,
            'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ו' | 'ב' | 'ל' | 'מ' | 'ה' | 'ש' | 'כ'
        ) {
            current = rest.to_string();
            out.push(current.clone());
        } else {
            break;
        }
    }
    for f in out.clone() {
        if let Some(rest) = f.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
            out.push(rest.to_string());
        }
    }
    out
}

/// A number word of the language, or one of the compounds languages write as one word:
/// `einundsechzig`, `eenenzestig`, `sessantuno`, `veintitrés`.
fn number_word(word: &str, words: &NumberWords) -> Option<NumberWordRole> {
    for form in forms(word) {
        if let Some(r) = words.get(form.as_str()) {
            return Some(*r);
        }
    }
    // Compounds carry an accent their parts do not (`ventitré`, `veintitrés`).
    let add = |w: &str| {
        let plain: String = w
            .chars()
            .map(|c| match c {
                'é' | 'è' => 'e',
                'á' => 'a',
                'ó' => 'o',
                'í' => 'i',
                'ú' => 'u',
                c => c,
            })
            .collect();
        match words.get(w).or_else(|| words.get(plain.as_str())) {
            Some(NumberWordRole::Add(v)) => Some(*v),
            _ => None,
        }
    };
    // A tens word as it is elided before a unit (`sessant-uno`, `veinti-trés`).
    let tens = |w: &str| {
        add(w).or_else(|| {
            ["a", "e", "i", "o"].iter().find_map(|v| {
                add(&format!("{w}{v}")).or_else(|| add(&format!("{}{v}", w.strip_suffix('i')?)))
            })
        })
    };
    for (i, _) in word.char_indices().skip(2) {
        let (a, rest) = word.split_at(i);
        for joiner in ["und", "ën", "en", "y", ""] {
            let Some(b) = rest.strip_prefix(joiner) else {
                continue;
            };
            if b.is_empty() {
                continue;
            }
            let pair = if joiner == "und" || joiner == "en" || joiner == "ën" {
                add(a).zip(add(b)).map(|(u, t)| (t, u))
            } else {
                tens(a).zip(add(b))
            };
            if let Some((t, u)) = pair
                && t >= 20.0
                && t % 10.0 == 0.0
                && t < 100.0
                && (1.0..10.0).contains(&u)
            {
                return Some(NumberWordRole::Add(t + u));
            }
        }
    }
    None
}

/// Words that join number words into one number: `sixty-one`, `vingt et un`, `cuarenta y tres`.
const NUMBER_JOINERS: &[&str] = &["and", "et", "y", "e", "und", "en", "i", "و", "ו"];

/// A number written in words from token `k`: its value and the token after it.
fn words_number(toks: &[FigureTok], k: usize, words: &NumberWords) -> Option<(f64, usize)> {
    let (mut total, mut current, mut seen, mut end) = (0.0, 0.0, 0usize, k);
    let mut j = k;
    while let Some(t) = toks.get(j) {
        let role = match &t.token {
            FigureToken::Word(w) => number_word(w, words),
            _ => None,
        };
        match role {
            Some(NumberWordRole::Add(v)) => current += v,
            Some(NumberWordRole::Times(v)) => current = current.max(1.0) * v,
            Some(NumberWordRole::Scale(v)) => {
                total += current.max(1.0) * v;
                current = 0.0;
            }
            None => {
                // A joiner or hyphen continues the number only if a number word follows it.
                let joins = match &t.token {
                    FigureToken::Word(w) => NUMBER_JOINERS.contains(&w.as_str()),
                    FigureToken::Mark(c) => matches!(c, '-' | '‑'),
                    FigureToken::Digits(_) => false,
                };
                let next_is_number = toks
                    .get(j + 1)
                    .is_some_and(|n| n.word().is_some_and(|w| number_word(w, words).is_some()));
                if seen > 0 && joins && next_is_number {
                    j += 1;
                    continue;
                }
                break;
            }
        }
        seen += 1;
        j += 1;
        end = j;
    }
    (seen > 0).then_some((total + current, end))
}

/// A unit as written after (or, for currencies and `yüzde`, before) a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum UnitKind {
    /// Metres per unit.
    Length(f64),
    /// Millimetres of rain per unit.
    Rain(f64),
    /// Hours per unit, and the unit's English name.
    Time(&'static str),
    Percent,
    Money(&'static str),
    Magnitude,
    /// Cubic metres per unit.
    Volume(f64),
}

/// Units: exact words, or stems ending in `*`.
const UNITS: &[(&str, UnitKind)] = &[
    ("km", UnitKind::Length(1000.0)),
    ("kms", UnitKind::Length(1000.0)),
    ("kilomet*", UnitKind::Length(1000.0)),
    ("chilometr*", UnitKind::Length(1000.0)),
    ("kilomèt*", UnitKind::Length(1000.0)),
    ("kilómet*", UnitKind::Length(1000.0)),
    ("quilómet*", UnitKind::Length(1000.0)),
    ("quilômet*", UnitKind::Length(1000.0)),
    ("км", UnitKind::Length(1000.0)),
    ("кілометр*", UnitKind::Length(1000.0)),
    ("километр*", UnitKind::Length(1000.0)),
    ("كم", UnitKind::Length(1000.0)),
    ("كلم", UnitKind::Length(1000.0)),
    ("كيلومتر*", UnitKind::Length(1000.0)),
    ("كيلو", UnitKind::Length(1000.0)),
    ("ק\"מ", UnitKind::Length(1000.0)),
    ("קילומטר*", UnitKind::Length(1000.0)),
    ("mile", UnitKind::Length(1609.344)),
    ("miles", UnitKind::Length(1609.344)),
    ("mi", UnitKind::Length(1609.344)),
    ("meile*", UnitKind::Length(1609.344)),
    ("mille", UnitKind::Length(1609.344)),
    ("milles", UnitKind::Length(1609.344)),
    ("milla", UnitKind::Length(1609.344)),
    ("millas", UnitKind::Length(1609.344)),
    ("milha", UnitKind::Length(1609.344)),
    ("milhas", UnitKind::Length(1609.344)),
    ("miglia", UnitKind::Length(1609.344)),
    ("mijl", UnitKind::Length(1609.344)),
    ("mijlen", UnitKind::Length(1609.344)),
    ("mil", UnitKind::Length(1609.344)),
    ("mile'lik", UnitKind::Length(1609.344)),
    ("миль", UnitKind::Length(1609.344)),
    ("милі", UnitKind::Length(1609.344)),
    ("мили", UnitKind::Length(1609.344)),
    ("ميل", UnitKind::Length(1609.344)),
    ("أميال", UnitKind::Length(1609.344)),
    ("מייל", UnitKind::Length(1609.344)),
    ("מיילים", UnitKind::Length(1609.344)),
    ("m", UnitKind::Length(1.0)),
    ("м", UnitKind::Length(1.0)),
    ("metre*", UnitKind::Length(1.0)),
    ("meter*", UnitKind::Length(1.0)),
    ("mètre*", UnitKind::Length(1.0)),
    ("metro", UnitKind::Length(1.0)),
    ("metros", UnitKind::Length(1.0)),
    ("metri", UnitKind::Length(1.0)),
    ("metrów", UnitKind::Length(1.0)),
    ("metra", UnitKind::Length(1.0)),
    ("metry", UnitKind::Length(1.0)),
    ("метр*", UnitKind::Length(1.0)),
    ("متر*", UnitKind::Length(1.0)),
    ("أمتار", UnitKind::Length(1.0)),
    ("امتار", UnitKind::Length(1.0)),
    ("מטר*", UnitKind::Length(1.0)),
    ("ft", UnitKind::Length(0.3048)),
    ("feet", UnitKind::Length(0.3048)),
    ("foot", UnitKind::Length(0.3048)),
    ("fuß", UnitKind::Length(0.3048)),
    ("fuss", UnitKind::Length(0.3048)),
    ("pieds", UnitKind::Length(0.3048)),
    ("pies", UnitKind::Length(0.3048)),
    ("pés", UnitKind::Length(0.3048)),
    ("piedi", UnitKind::Length(0.3048)),
    ("voet", UnitKind::Length(0.3048)),
    ("stóp", UnitKind::Length(0.3048)),
    ("футів", UnitKind::Length(0.3048)),
    ("футов", UnitKind::Length(0.3048)),
    ("фута", UnitKind::Length(0.3048)),
    ("قدم", UnitKind::Length(0.3048)),
    ("أقدام", UnitKind::Length(0.3048)),
    ("רגל", UnitKind::Length(0.3048)),
    ("cm", UnitKind::Length(0.01)),
    ("см", UnitKind::Length(0.01)),
    ("centimet*", UnitKind::Length(0.01)),
    ("centímet*", UnitKind::Length(0.01)),
    ("сантиметр*", UnitKind::Length(0.01)),
    ("سم", UnitKind::Length(0.01)),
    ("ס\"מ", UnitKind::Length(0.01)),
    ("m³", UnitKind::Volume(1.0)),
    ("m3", UnitKind::Volume(1.0)),
    ("kubikmeter*", UnitKind::Volume(1.0)),
    ("кубометр*", UnitKind::Volume(1.0)),
    ("кубометр", UnitKind::Volume(1.0)),
    ("metreküp", UnitKind::Volume(1.0)),
    ("mm", UnitKind::Rain(1.0)),
    ("мм", UnitKind::Rain(1.0)),
    ("millimet*", UnitKind::Rain(1.0)),
    ("milímet*", UnitKind::Rain(1.0)),
    ("milimet*", UnitKind::Rain(1.0)),
    ("millimèt*", UnitKind::Rain(1.0)),
    ("міліметр*", UnitKind::Rain(1.0)),
    ("миллиметр*", UnitKind::Rain(1.0)),
    ("ملم", UnitKind::Rain(1.0)),
    ("مم", UnitKind::Rain(1.0)),
    ("מ\"מ", UnitKind::Rain(1.0)),
    ("inches", UnitKind::Rain(25.4)),
    ("inch", UnitKind::Rain(25.4)),
    ("litros", UnitKind::Rain(1.0)),
    ("litres", UnitKind::Rain(1.0)),
    ("liter", UnitKind::Rain(1.0)),
    ("litrów", UnitKind::Rain(1.0)),
    ("hour", UnitKind::Time("hours")),
    ("hours", UnitKind::Time("hours")),
    ("stunde*", UnitKind::Time("hours")),
    ("heure*", UnitKind::Time("hours")),
    ("hora", UnitKind::Time("hours")),
    ("horas", UnitKind::Time("hours")),
    ("ore", UnitKind::Time("hours")),
    ("uur", UnitKind::Time("hours")),
    ("godzin*", UnitKind::Time("hours")),
    ("годин*", UnitKind::Time("hours")),
    ("часов", UnitKind::Time("hours")),
    ("часа", UnitKind::Time("hours")),
    ("saat", UnitKind::Time("hours")),
    ("ساعة", UnitKind::Time("hours")),
    ("ساعات", UnitKind::Time("hours")),
    ("שעות", UnitKind::Time("hours")),
    ("day", UnitKind::Time("days")),
    ("days", UnitKind::Time("days")),
    ("tag", UnitKind::Time("days")),
    ("tage", UnitKind::Time("days")),
    ("tagen", UnitKind::Time("days")),
    ("jours", UnitKind::Time("days")),
    ("jour", UnitKind::Time("days")),
    ("días", UnitKind::Time("days")),
    ("día", UnitKind::Time("days")),
    ("dias", UnitKind::Time("days")),
    ("dia", UnitKind::Time("days")),
    ("giorni", UnitKind::Time("days")),
    ("dagen", UnitKind::Time("days")),
    ("dni", UnitKind::Time("days")),
    ("dzień", UnitKind::Time("days")),
    ("днів", UnitKind::Time("days")),
    ("дні", UnitKind::Time("days")),
    ("дней", UnitKind::Time("days")),
    ("дня", UnitKind::Time("days")),
    ("gün", UnitKind::Time("days")),
    ("أيام", UnitKind::Time("days")),
    ("يوم", UnitKind::Time("days")),
    ("ימים", UnitKind::Time("days")),
    ("week", UnitKind::Time("weeks")),
    ("weeks", UnitKind::Time("weeks")),
    ("minute", UnitKind::Time("minutes")),
    ("minutes", UnitKind::Time("minutes")),
    ("minuten", UnitKind::Time("minutes")),
    ("minutos", UnitKind::Time("minutes")),
    ("minut", UnitKind::Time("minutes")),
    ("хвилин", UnitKind::Time("minutes")),
    ("минут", UnitKind::Time("minutes")),
    ("dakika", UnitKind::Time("minutes")),
    ("دقيقة", UnitKind::Time("minutes")),
    ("דקות", UnitKind::Time("minutes")),
    ("month", UnitKind::Time("months")),
    ("months", UnitKind::Time("months")),
    ("year", UnitKind::Time("years")),
    ("years", UnitKind::Time("years")),
    ("jahre", UnitKind::Time("years")),
    ("jahren", UnitKind::Time("years")),
    ("ans", UnitKind::Time("years")),
    ("años", UnitKind::Time("years")),
    ("anos", UnitKind::Time("years")),
    ("anni", UnitKind::Time("years")),
    ("jaar", UnitKind::Time("years")),
    ("lat", UnitKind::Time("years")),
    ("років", UnitKind::Time("years")),
    ("роки", UnitKind::Time("years")),
    ("лет", UnitKind::Time("years")),
    ("години", UnitKind::Time("years")),
    ("yaşında*", UnitKind::Time("years")),
    ("yıl", UnitKind::Time("years")),
    ("عاما", UnitKind::Time("years")),
    ("عامًا", UnitKind::Time("years")),
    ("سنة", UnitKind::Time("years")),
    ("שנים", UnitKind::Time("years")),
    ("percent", UnitKind::Percent),
    ("per", UnitKind::Percent),
    ("prozent", UnitKind::Percent),
    ("procent", UnitKind::Percent),
    ("proc", UnitKind::Percent),
    ("pourcent", UnitKind::Percent),
    ("pour", UnitKind::Percent),
    ("por", UnitKind::Percent),
    ("cento", UnitKind::Percent),
    ("відсот*", UnitKind::Percent),
    ("процент*", UnitKind::Percent),
    ("yüzde", UnitKind::Percent),
    ("بالمئة", UnitKind::Percent),
    ("بالمائة", UnitKind::Percent),
    ("المئة", UnitKind::Percent),
    ("אחוז", UnitKind::Percent),
    ("אחוזים", UnitKind::Percent),
    ("euro", UnitKind::Money("EUR")),
    ("euros", UnitKind::Money("EUR")),
    ("avro", UnitKind::Money("EUR")),
    ("eur", UnitKind::Money("EUR")),
    ("євро", UnitKind::Money("EUR")),
    ("евро", UnitKind::Money("EUR")),
    ("يورو", UnitKind::Money("EUR")),
    ("אירו", UnitKind::Money("EUR")),
    ("dollar*", UnitKind::Money("USD")),
    ("dólar*", UnitKind::Money("USD")),
    ("usd", UnitKind::Money("USD")),
    ("долар*", UnitKind::Money("USD")),
    ("доллар*", UnitKind::Money("USD")),
    ("دولار", UnitKind::Money("USD")),
    ("دولارا", UnitKind::Money("USD")),
    ("דולר", UnitKind::Money("USD")),
    ("pound", UnitKind::Money("GBP")),
    ("pounds", UnitKind::Money("GBP")),
    ("гривень", UnitKind::Money("UAH")),
    ("гривні", UnitKind::Money("UAH")),
    ("грн", UnitKind::Money("UAH")),
    ("złotych", UnitKind::Money("PLN")),
    ("zł", UnitKind::Money("PLN")),
    ("zl", UnitKind::Money("PLN")),
    ("lira", UnitKind::Money("TRY")),
    ("tl", UnitKind::Money("TRY")),
    ("рублей", UnitKind::Money("RUB")),
    ("шекел*", UnitKind::Money("ILS")),
    ("shekel*", UnitKind::Money("ILS")),
    ("ש\"ח", UnitKind::Money("ILS")),
    ("שקל*", UnitKind::Money("ILS")),
    ("χιλιόμετρ*", UnitKind::Length(1000.0)),
    ("χιλιομέτρ*", UnitKind::Length(1000.0)),
    ("χλμ", UnitKind::Length(1000.0)),
    ("μέτρα", UnitKind::Length(1.0)),
    ("μέτρων", UnitKind::Length(1.0)),
    ("μίλια", UnitKind::Length(1609.344)),
    ("χιλιοστά", UnitKind::Rain(1.0)),
    ("ώρες", UnitKind::Time("hours")),
    ("ωρών", UnitKind::Time("hours")),
    ("ημέρες", UnitKind::Time("days")),
    ("μέρες", UnitKind::Time("days")),
    ("ετών", UnitKind::Time("years")),
    ("χρόνια", UnitKind::Time("years")),
    ("τοις", UnitKind::Percent),
    ("ευρώ", UnitKind::Money("EUR")),
    ("δολάρια", UnitKind::Money("USD")),
    ("magnitude", UnitKind::Magnitude),
];

fn currency_sign(c: char) -> Option<&'static str> {
    match c {
        '€' => Some("EUR"),
        '$' => Some("USD"),
        '£' => Some("GBP"),
        '₴' => Some("UAH"),
        '₽' => Some("RUB"),
        '₺' => Some("TRY"),
        '₪' => Some("ILS"),
        _ => None,
    }
}

/// Whether `word` is `entry` (or begins with it, for an entry ending in `*`), in any of its
/// [`forms`].
fn matches_entry(word: &str, entry: &str) -> bool {
    let stem = entry.strip_suffix('*');
    forms(word).iter().any(|f| match stem {
        Some(stem) => f.starts_with(stem),
        None => f == entry,
    })
}

fn unit_of(word: &str, language: &str) -> Option<UnitKind> {
    // `mil` is a thousand in Spanish and Portuguese and a mile elsewhere; `per`, `pour` and
    // `por` are only the first word of a percentage (`per cent`, `pour cent`, `por ciento`).
    if word == "mil" && matches!(language, "es" | "pt") {
        return None;
    }
    UNITS
        .iter()
        .find(|(entry, _)| matches_entry(word, entry))
        .map(|(_, u)| *u)
}

/// What the words near a figure say it counts or measures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FigureCue {
    Counts(Quantity),
    Magnitude,
    /// An earthquake named near a figure between 1 and 10 with a decimal: its magnitude.
    Quake,
    Depth,
    /// Votes or the people who cast them (`votes`, `deputies`, `głosów`), for or against as
    /// the nearest [`FigureCue::Polarity`] says.
    Vote,
    Polarity(Quantity),
    /// What a sum of money is: a cost, a damage.
    Spending(Quantity),
    Threshold,
}

/// The words near a figure that say what it is, in the outlets' languages: exact words, or
/// stems ending in `*` (Arabic and Hebrew words are also looked up without the one-letter
/// words joined in front of them).
const CUES: &[(&str, FigureCue)] = &[
    // The dead.
    ("kill*", FigureCue::Counts(Quantity::Dead)),
    ("dead", FigureCue::Counts(Quantity::Dead)),
    ("died", FigureCue::Counts(Quantity::Dead)),
    ("deaths", FigureCue::Counts(Quantity::Dead)),
    ("death", FigureCue::Counts(Quantity::Dead)),
    ("toll", FigureCue::Counts(Quantity::Dead)),
    ("fatalities", FigureCue::Counts(Quantity::Dead)),
    ("lives", FigureCue::Counts(Quantity::Dead)),
    ("bodies", FigureCue::Counts(Quantity::Dead)),
    ("muert*", FigureCue::Counts(Quantity::Dead)),
    ("fallec*", FigureCue::Counts(Quantity::Dead)),
    ("murieron", FigureCue::Counts(Quantity::Dead)),
    ("mortos", FigureCue::Counts(Quantity::Dead)),
    ("mortes", FigureCue::Counts(Quantity::Dead)),
    ("morreram", FigureCue::Counts(Quantity::Dead)),
    ("morts", FigureCue::Counts(Quantity::Dead)),
    ("mort", FigureCue::Counts(Quantity::Dead)),
    ("morti", FigureCue::Counts(Quantity::Dead)),
    ("óbitos", FigureCue::Counts(Quantity::Dead)),
    ("faleci*", FigureCue::Counts(Quantity::Dead)),
    ("tués", FigureCue::Counts(Quantity::Dead)),
    ("tuées", FigureCue::Counts(Quantity::Dead)),
    ("décès", FigureCue::Counts(Quantity::Dead)),
    ("décédé*", FigureCue::Counts(Quantity::Dead)),
    ("tote", FigureCue::Counts(Quantity::Dead)),
    ("toten", FigureCue::Counts(Quantity::Dead)),
    ("todesopfer", FigureCue::Counts(Quantity::Dead)),
    ("getötet", FigureCue::Counts(Quantity::Dead)),
    ("starben", FigureCue::Counts(Quantity::Dead)),
    ("leben", FigureCue::Counts(Quantity::Dead)),
    ("vittime", FigureCue::Counts(Quantity::Dead)),
    ("decedut*", FigureCue::Counts(Quantity::Dead)),
    ("uccis*", FigureCue::Counts(Quantity::Dead)),
    ("doden", FigureCue::Counts(Quantity::Dead)),
    ("dode", FigureCue::Counts(Quantity::Dead)),
    ("dodental", FigureCue::Counts(Quantity::Dead)),
    ("omgekomen", FigureCue::Counts(Quantity::Dead)),
    ("leven", FigureCue::Counts(Quantity::Dead)),
    ("zgin*", FigureCue::Counts(Quantity::Dead)),
    // `nie żyje 11 osób`, `nie żyją`: "are no longer alive", how Polish reports a toll.
    ("żyje", FigureCue::Counts(Quantity::Dead)),
    ("żyją", FigureCue::Counts(Quantity::Dead)),
    ("zabit*", FigureCue::Counts(Quantity::Dead)),
    ("ofiar*", FigureCue::Counts(Quantity::Dead)),
    ("zmarł*", FigureCue::Counts(Quantity::Dead)),
    ("śmiertel*", FigureCue::Counts(Quantity::Dead)),
    ("загин*", FigureCue::Counts(Quantity::Dead)),
    ("загибл*", FigureCue::Counts(Quantity::Dead)),
    ("жертв*", FigureCue::Counts(Quantity::Dead)),
    ("помер*", FigureCue::Counts(Quantity::Dead)),
    ("загина*", FigureCue::Counts(Quantity::Dead)),
    ("погиб*", FigureCue::Counts(Quantity::Dead)),
    ("убит*", FigureCue::Counts(Quantity::Dead)),
    ("вбит*", FigureCue::Counts(Quantity::Dead)),
    ("умер*", FigureCue::Counts(Quantity::Dead)),
    ("починал*", FigureCue::Counts(Quantity::Dead)),
    ("öldü*", FigureCue::Counts(Quantity::Dead)),
    ("ölü*", FigureCue::Counts(Quantity::Dead)),
    ("hayatını", FigureCue::Counts(Quantity::Dead)),
    ("قتيل*", FigureCue::Counts(Quantity::Dead)),
    ("قتلى", FigureCue::Counts(Quantity::Dead)),
    ("قتل", FigureCue::Counts(Quantity::Dead)),
    ("مقتل", FigureCue::Counts(Quantity::Dead)),
    ("وفاة", FigureCue::Counts(Quantity::Dead)),
    ("وفيات", FigureCue::Counts(Quantity::Dead)),
    ("ضحايا", FigureCue::Counts(Quantity::Dead)),
    ("حتفهم", FigureCue::Counts(Quantity::Dead)),
    ("مصرع", FigureCue::Counts(Quantity::Dead)),
    ("توفي*", FigureCue::Counts(Quantity::Dead)),
    ("הרוג*", FigureCue::Counts(Quantity::Dead)),
    ("נהרג*", FigureCue::Counts(Quantity::Dead)),
    ("נספ*", FigureCue::Counts(Quantity::Dead)),
    ("מתו", FigureCue::Counts(Quantity::Dead)),
    ("קורבנות", FigureCue::Counts(Quantity::Dead)),
    // The injured.
    ("injured", FigureCue::Counts(Quantity::Injured)),
    ("wounded", FigureCue::Counts(Quantity::Injured)),
    ("hurt", FigureCue::Counts(Quantity::Injured)),
    ("injuries", FigureCue::Counts(Quantity::Injured)),
    ("herid*", FigureCue::Counts(Quantity::Injured)),
    ("ferid*", FigureCue::Counts(Quantity::Injured)),
    ("ferit*", FigureCue::Counts(Quantity::Injured)),
    ("blessé*", FigureCue::Counts(Quantity::Injured)),
    ("verletzt*", FigureCue::Counts(Quantity::Injured)),
    ("gewond*", FigureCue::Counts(Quantity::Injured)),
    ("rann*", FigureCue::Counts(Quantity::Injured)),
    ("поранен*", FigureCue::Counts(Quantity::Injured)),
    ("травмован*", FigureCue::Counts(Quantity::Injured)),
    ("ранен*", FigureCue::Counts(Quantity::Injured)),
    ("пострада*", FigureCue::Counts(Quantity::Injured)),
    ("yaralan*", FigureCue::Counts(Quantity::Injured)),
    ("yaralı*", FigureCue::Counts(Quantity::Injured)),
    ("جريح*", FigureCue::Counts(Quantity::Injured)),
    ("جرحى", FigureCue::Counts(Quantity::Injured)),
    ("إصاب*", FigureCue::Counts(Quantity::Injured)),
    ("أصيب*", FigureCue::Counts(Quantity::Injured)),
    ("اصيب*", FigureCue::Counts(Quantity::Injured)),
    ("اصاب*", FigureCue::Counts(Quantity::Injured)),
    ("مصاب*", FigureCue::Counts(Quantity::Injured)),
    ("פצוע*", FigureCue::Counts(Quantity::Injured)),
    ("נפצע*", FigureCue::Counts(Quantity::Injured)),
    // The missing.
    ("missing", FigureCue::Counts(Quantity::Missing)),
    ("desaparecid*", FigureCue::Counts(Quantity::Missing)),
    ("disparu*", FigureCue::Counts(Quantity::Missing)),
    ("vermisst*", FigureCue::Counts(Quantity::Missing)),
    ("dispers*", FigureCue::Counts(Quantity::Missing)),
    ("vermist*", FigureCue::Counts(Quantity::Missing)),
    ("zagin*", FigureCue::Counts(Quantity::Missing)),
    ("безвіст*", FigureCue::Counts(Quantity::Missing)),
    ("зникл*", FigureCue::Counts(Quantity::Missing)),
    ("пропав*", FigureCue::Counts(Quantity::Missing)),
    ("изчезна*", FigureCue::Counts(Quantity::Missing)),
    ("kayıp", FigureCue::Counts(Quantity::Missing)),
    ("مفقود*", FigureCue::Counts(Quantity::Missing)),
    ("נעדר*", FigureCue::Counts(Quantity::Missing)),
    // The evacuated.
    ("evacuat*", FigureCue::Counts(Quantity::Evacuated)),
    ("flee", FigureCue::Counts(Quantity::Evacuated)),
    ("fled", FigureCue::Counts(Quantity::Evacuated)),
    ("evacuad*", FigureCue::Counts(Quantity::Evacuated)),
    ("évacué*", FigureCue::Counts(Quantity::Evacuated)),
    ("evakuiert*", FigureCue::Counts(Quantity::Evacuated)),
    ("evacuati", FigureCue::Counts(Quantity::Evacuated)),
    ("geëvacueerd", FigureCue::Counts(Quantity::Evacuated)),
    ("ewakuow*", FigureCue::Counts(Quantity::Evacuated)),
    ("евакуйов*", FigureCue::Counts(Quantity::Evacuated)),
    ("евакуюва*", FigureCue::Counts(Quantity::Evacuated)),
    ("евакуа*", FigureCue::Counts(Quantity::Evacuated)),
    ("эвакуир*", FigureCue::Counts(Quantity::Evacuated)),
    ("евакуира*", FigureCue::Counts(Quantity::Evacuated)),
    ("tahliye*", FigureCue::Counts(Quantity::Evacuated)),
    ("إجلاء", FigureCue::Counts(Quantity::Evacuated)),
    ("أجلي*", FigureCue::Counts(Quantity::Evacuated)),
    ("اجلي*", FigureCue::Counts(Quantity::Evacuated)),
    ("اجلاء", FigureCue::Counts(Quantity::Evacuated)),
    ("פונו", FigureCue::Counts(Quantity::Evacuated)),
    ("פינוי", FigureCue::Counts(Quantity::Evacuated)),
    // The homeless.
    ("homeless", FigureCue::Counts(Quantity::Homeless)),
    ("displaced", FigureCue::Counts(Quantity::Homeless)),
    ("damnificad*", FigureCue::Counts(Quantity::Homeless)),
    ("desabrigad*", FigureCue::Counts(Quantity::Homeless)),
    ("desalojad*", FigureCue::Counts(Quantity::Homeless)),
    ("obdachlos*", FigureCue::Counts(Quantity::Homeless)),
    ("sinistrés", FigureCue::Counts(Quantity::Homeless)),
    ("sfollat*", FigureCue::Counts(Quantity::Homeless)),
    ("dakloos", FigureCue::Counts(Quantity::Homeless)),
    ("bezdomn*", FigureCue::Counts(Quantity::Homeless)),
    ("evsiz*", FigureCue::Counts(Quantity::Homeless)),
    ("مشرد*", FigureCue::Counts(Quantity::Homeless)),
    ("نازح*", FigureCue::Counts(Quantity::Homeless)),
    ("עקור*", FigureCue::Counts(Quantity::Homeless)),
    // Buildings damaged or destroyed.
    ("buildings", FigureCue::Counts(Quantity::Buildings)),
    ("houses", FigureCue::Counts(Quantity::Buildings)),
    ("homes", FigureCue::Counts(Quantity::Buildings)),
    ("viviendas", FigureCue::Counts(Quantity::Buildings)),
    ("casas", FigureCue::Counts(Quantity::Buildings)),
    ("edificios", FigureCue::Counts(Quantity::Buildings)),
    ("edifícios", FigureCue::Counts(Quantity::Buildings)),
    ("residências", FigureCue::Counts(Quantity::Buildings)),
    ("häuser", FigureCue::Counts(Quantity::Buildings)),
    ("gebäude", FigureCue::Counts(Quantity::Buildings)),
    ("wohnhäuser", FigureCue::Counts(Quantity::Buildings)),
    ("maisons", FigureCue::Counts(Quantity::Buildings)),
    ("bâtiments", FigureCue::Counts(Quantity::Buildings)),
    ("edifici", FigureCue::Counts(Quantity::Buildings)),
    ("huizen", FigureCue::Counts(Quantity::Buildings)),
    ("woningen", FigureCue::Counts(Quantity::Buildings)),
    ("gebouwen", FigureCue::Counts(Quantity::Buildings)),
    ("budynk*", FigureCue::Counts(Quantity::Buildings)),
    ("domów", FigureCue::Counts(Quantity::Buildings)),
    ("будинк*", FigureCue::Counts(Quantity::Buildings)),
    ("домов", FigureCue::Counts(Quantity::Buildings)),
    ("зданий", FigureCue::Counts(Quantity::Buildings)),
    ("сгради", FigureCue::Counts(Quantity::Buildings)),
    ("bina*", FigureCue::Counts(Quantity::Buildings)),
    ("ev", FigureCue::Counts(Quantity::Buildings)),
    ("منزل*", FigureCue::Counts(Quantity::Buildings)),
    ("مبان*", FigureCue::Counts(Quantity::Buildings)),
    ("مبنى", FigureCue::Counts(Quantity::Buildings)),
    ("בתים", FigureCue::Counts(Quantity::Buildings)),
    ("בניינים", FigureCue::Counts(Quantity::Buildings)),
    // Magnitude.
    ("magnitud*", FigureCue::Magnitude),
    ("magnitude", FigureCue::Magnitude),
    ("магнітуд*", FigureCue::Magnitude),
    ("магнитуд*", FigureCue::Magnitude),
    ("richter*", FigureCue::Magnitude),
    ("ріхтер*", FigureCue::Magnitude),
    ("рихтер*", FigureCue::Magnitude),
    ("ريختر", FigureCue::Magnitude),
    ("ריכטר", FigureCue::Magnitude),
    ("stärke", FigureCue::Magnitude),
    ("kracht", FigureCue::Magnitude),
    ("büyüklüğ*", FigureCue::Magnitude),
    ("şiddetinde", FigureCue::Magnitude),
    ("درجة", FigureCue::Magnitude),
    ("درجات", FigureCue::Magnitude),
    ("قوة", FigureCue::Magnitude),
    ("بقوة", FigureCue::Magnitude),
    ("עוצמה", FigureCue::Magnitude),
    ("עוצמת", FigureCue::Magnitude),
    ("מגניטודה", FigureCue::Magnitude),
    ("earthquake", FigureCue::Quake),
    ("quake", FigureCue::Quake),
    ("tremor", FigureCue::Quake),
    ("sismo", FigureCue::Quake),
    ("terremoto", FigureCue::Quake),
    ("séisme", FigureCue::Quake),
    ("erdbeben", FigureCue::Quake),
    ("aardbeving", FigureCue::Quake),
    ("trzęsienie", FigureCue::Quake),
    ("землетрус*", FigureCue::Quake),
    ("землетрясени*", FigureCue::Quake),
    ("земетресени*", FigureCue::Quake),
    ("deprem*", FigureCue::Quake),
    ("زلزال", FigureCue::Quake),
    ("רעידת", FigureCue::Quake),
    ("רעידה", FigureCue::Quake),
    // Depth.
    ("depth", FigureCue::Depth),
    ("deep", FigureCue::Depth),
    ("profundidad", FigureCue::Depth),
    ("profundidade", FigureCue::Depth),
    ("profondeur", FigureCue::Depth),
    ("profondità", FigureCue::Depth),
    ("tiefe", FigureCue::Depth),
    ("diepte", FigureCue::Depth),
    ("głębokoś*", FigureCue::Depth),
    ("глибин*", FigureCue::Depth),
    ("глубин*", FigureCue::Depth),
    ("дълбочина", FigureCue::Depth),
    ("derinli*", FigureCue::Depth),
    ("عمق", FigureCue::Depth),
    ("עומק", FigureCue::Depth),
    // Votes, and those who cast them.
    ("votes", FigureCue::Vote),
    ("vote", FigureCue::Vote),
    ("voted", FigureCue::Vote),
    ("lawmakers", FigureCue::Vote),
    ("deputies", FigureCue::Vote),
    ("deputowan*", FigureCue::Vote),
    ("mps", FigureCue::Vote),
    ("legislators", FigureCue::Vote),
    ("senators", FigureCue::Vote),
    ("votos", FigureCue::Vote),
    ("votaron", FigureCue::Vote),
    ("votaram", FigureCue::Vote),
    ("diputados", FigureCue::Vote),
    ("deputados", FigureCue::Vote),
    ("voix", FigureCue::Vote),
    ("députés", FigureCue::Vote),
    ("stimmen", FigureCue::Vote),
    ("abgeordnete*", FigureCue::Vote),
    ("voti", FigureCue::Vote),
    ("deputati", FigureCue::Vote),
    ("stemmen", FigureCue::Vote),
    ("kamerleden", FigureCue::Vote),
    ("głos*", FigureCue::Vote),
    ("posł*", FigureCue::Vote),
    ("голос*", FigureCue::Vote),
    ("проголосува*", FigureCue::Vote),
    ("проголосова*", FigureCue::Vote),
    ("депутат*", FigureCue::Vote),
    ("нардеп*", FigureCue::Vote),
    ("гласа", FigureCue::Vote),
    ("гласува*", FigureCue::Vote),
    ("oy", FigureCue::Vote),
    ("oyla", FigureCue::Vote),
    ("oyu", FigureCue::Vote),
    ("oyuyla", FigureCue::Vote),
    ("milletvekil*", FigureCue::Vote),
    ("صوت*", FigureCue::Vote),
    ("أصوات", FigureCue::Vote),
    ("نائب*", FigureCue::Vote),
    ("نواب", FigureCue::Vote),
    ("קולות", FigureCue::Vote),
    ("הצביעו", FigureCue::Vote),
    ("ח\"כ*", FigureCue::Vote),
    ("favour", FigureCue::Polarity(Quantity::VotesFor)),
    ("favor", FigureCue::Polarity(Quantity::VotesFor)),
    ("dafür", FigureCue::Polarity(Quantity::VotesFor)),
    ("pour", FigureCue::Polarity(Quantity::VotesFor)),
    ("voor", FigureCue::Polarity(Quantity::VotesFor)),
    ("favorevoli", FigureCue::Polarity(Quantity::VotesFor)),
    ("za", FigureCue::Polarity(Quantity::VotesFor)),
    ("за", FigureCue::Polarity(Quantity::VotesFor)),
    ("lehte", FigureCue::Polarity(Quantity::VotesFor)),
    ("evet", FigureCue::Polarity(Quantity::VotesFor)),
    ("kabul", FigureCue::Polarity(Quantity::VotesFor)),
    ("בעד", FigureCue::Polarity(Quantity::VotesFor)),
    ("مؤيد*", FigureCue::Polarity(Quantity::VotesFor)),
    ("لصالح", FigureCue::Polarity(Quantity::VotesFor)),
    ("against", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("opposed", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("contra", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("dagegen", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("contre", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("tegen", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("contrari", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("przeciw*", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("проти", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("против", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("aleyhte", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("ret", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("ضد", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("معارض*", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("נגד", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("abstain*", FigureCue::Polarity(Quantity::Abstentions)),
    ("abstention*", FigureCue::Polarity(Quantity::Abstentions)),
    ("abstuv*", FigureCue::Polarity(Quantity::Abstentions)),
    ("abstenç*", FigureCue::Polarity(Quantity::Abstentions)),
    ("abstiv*", FigureCue::Polarity(Quantity::Abstentions)),
    ("abstenu*", FigureCue::Polarity(Quantity::Abstentions)),
    ("enthalt*", FigureCue::Polarity(Quantity::Abstentions)),
    ("enthielt*", FigureCue::Polarity(Quantity::Abstentions)),
    ("astenut*", FigureCue::Polarity(Quantity::Abstentions)),
    ("onthoud*", FigureCue::Polarity(Quantity::Abstentions)),
    ("onthield*", FigureCue::Polarity(Quantity::Abstentions)),
    ("wstrzyma*", FigureCue::Polarity(Quantity::Abstentions)),
    ("утрима*", FigureCue::Polarity(Quantity::Abstentions)),
    ("воздерж*", FigureCue::Polarity(Quantity::Abstentions)),
    ("въздърж*", FigureCue::Polarity(Quantity::Abstentions)),
    ("çekimser", FigureCue::Polarity(Quantity::Abstentions)),
    ("امتنع*", FigureCue::Polarity(Quantity::Abstentions)),
    ("נמנע*", FigureCue::Polarity(Quantity::Abstentions)),
    // Seats and members present: counts of deputies that are not votes.
    ("seat*", FigureCue::Counts(Quantity::Seats)),
    ("sandalye*", FigureCue::Counts(Quantity::Seats)),
    ("місць", FigureCue::Counts(Quantity::Seats)),
    ("мест", FigureCue::Counts(Quantity::Seats)),
    ("mandat*", FigureCue::Counts(Quantity::Seats)),
    ("osobow*", FigureCue::Counts(Quantity::Seats)),
    ("מושב*", FigureCue::Counts(Quantity::Seats)),
    ("مقعد*", FigureCue::Counts(Quantity::Seats)),
    ("sièges", FigureCue::Counts(Quantity::Seats)),
    ("sitze", FigureCue::Counts(Quantity::Seats)),
    ("escaños", FigureCue::Counts(Quantity::Seats)),
    ("assentos", FigureCue::Counts(Quantity::Seats)),
    ("seggi", FigureCue::Counts(Quantity::Seats)),
    ("zetels", FigureCue::Counts(Quantity::Seats)),
    ("registered", FigureCue::Counts(Quantity::Present)),
    ("present", FigureCue::Counts(Quantity::Present)),
    ("зареєструвал*", FigureCue::Counts(Quantity::Present)),
    ("зарегистрирова*", FigureCue::Counts(Quantity::Present)),
    ("присутн*", FigureCue::Counts(Quantity::Present)),
    ("присъства*", FigureCue::Counts(Quantity::Present)),
    ("obecn*", FigureCue::Counts(Quantity::Present)),
    ("anwesend*", FigureCue::Counts(Quantity::Present)),
    ("présents", FigureCue::Counts(Quantity::Present)),
    ("presentes", FigureCue::Counts(Quantity::Present)),
    ("presenti", FigureCue::Counts(Quantity::Present)),
    ("aanwezig*", FigureCue::Counts(Quantity::Present)),
    ("נוכח*", FigureCue::Counts(Quantity::Present)),
    ("حاضر*", FigureCue::Counts(Quantity::Present)),
    // What a sum of money is.
    ("cost*", FigureCue::Spending(Quantity::Cost)),
    ("worth", FigureCue::Spending(Quantity::Cost)),
    ("budget*", FigureCue::Spending(Quantity::Cost)),
    ("вартіст*", FigureCue::Spending(Quantity::Cost)),
    ("коштуват*", FigureCue::Spending(Quantity::Cost)),
    ("стоимост*", FigureCue::Spending(Quantity::Cost)),
    ("бюджет*", FigureCue::Spending(Quantity::Cost)),
    ("koszt*", FigureCue::Spending(Quantity::Cost)),
    ("maliyet*", FigureCue::Spending(Quantity::Cost)),
    ("עלות", FigureCue::Spending(Quantity::Cost)),
    ("תקציב*", FigureCue::Spending(Quantity::Cost)),
    ("تكلف*", FigureCue::Spending(Quantity::Cost)),
    ("ميزاني*", FigureCue::Spending(Quantity::Cost)),
    ("coût*", FigureCue::Spending(Quantity::Cost)),
    ("kosten", FigureCue::Spending(Quantity::Cost)),
    ("coste", FigureCue::Spending(Quantity::Cost)),
    ("costo", FigureCue::Spending(Quantity::Cost)),
    ("custo*", FigureCue::Spending(Quantity::Cost)),
    ("damage*", FigureCue::Spending(Quantity::Damage)),
    ("losses", FigureCue::Spending(Quantity::Damage)),
    ("daños", FigureCue::Spending(Quantity::Damage)),
    ("danos", FigureCue::Spending(Quantity::Damage)),
    ("prejuízo*", FigureCue::Spending(Quantity::Damage)),
    ("schäden", FigureCue::Spending(Quantity::Damage)),
    ("schaden", FigureCue::Spending(Quantity::Damage)),
    ("dégâts", FigureCue::Spending(Quantity::Damage)),
    ("danni", FigureCue::Spending(Quantity::Damage)),
    ("schade", FigureCue::Spending(Quantity::Damage)),
    ("szkod*", FigureCue::Spending(Quantity::Damage)),
    ("szkód", FigureCue::Spending(Quantity::Damage)),
    ("збит*", FigureCue::Spending(Quantity::Damage)),
    ("ущерб*", FigureCue::Spending(Quantity::Damage)),
    ("щети", FigureCue::Spending(Quantity::Damage)),
    ("hasar*", FigureCue::Spending(Quantity::Damage)),
    ("أضرار", FigureCue::Spending(Quantity::Damage)),
    ("خسائر", FigureCue::Spending(Quantity::Damage)),
    ("נזק*", FigureCue::Spending(Quantity::Damage)),
    // Greek.
    ("νεκρ*", FigureCue::Counts(Quantity::Dead)),
    ("σκοτώθηκ*", FigureCue::Counts(Quantity::Dead)),
    ("έχασαν", FigureCue::Counts(Quantity::Dead)),
    ("πέθαναν", FigureCue::Counts(Quantity::Dead)),
    ("θύματα", FigureCue::Counts(Quantity::Dead)),
    ("θανάτ*", FigureCue::Counts(Quantity::Dead)),
    ("τραυματ*", FigureCue::Counts(Quantity::Injured)),
    ("αγνοούμεν*", FigureCue::Counts(Quantity::Missing)),
    ("αγνοούνται", FigureCue::Counts(Quantity::Missing)),
    ("εκκενώθηκ*", FigureCue::Counts(Quantity::Evacuated)),
    ("απομακρύνθηκ*", FigureCue::Counts(Quantity::Evacuated)),
    ("άστεγ*", FigureCue::Counts(Quantity::Homeless)),
    ("σπίτια", FigureCue::Counts(Quantity::Buildings)),
    ("κτίρια", FigureCue::Counts(Quantity::Buildings)),
    ("ρίχτερ", FigureCue::Magnitude),
    ("μεγέθους", FigureCue::Magnitude),
    ("μέγεθος", FigureCue::Magnitude),
    ("σεισμ*", FigureCue::Quake),
    ("βάθος", FigureCue::Depth),
    ("ψήφ*", FigureCue::Vote),
    ("βουλευτ*", FigureCue::Vote),
    ("υπερψήφισ*", FigureCue::Polarity(Quantity::VotesFor)),
    ("υπέρ", FigureCue::Polarity(Quantity::VotesFor)),
    ("καταψήφισ*", FigureCue::Polarity(Quantity::VotesAgainst)),
    ("απείχαν", FigureCue::Polarity(Quantity::Abstentions)),
    ("αποχή", FigureCue::Polarity(Quantity::Abstentions)),
    ("παρόντες", FigureCue::Counts(Quantity::Present)),
    ("έδρ*", FigureCue::Counts(Quantity::Seats)),
    ("κόστος", FigureCue::Spending(Quantity::Cost)),
    ("κοστίζ*", FigureCue::Spending(Quantity::Cost)),
    ("ζημι*", FigureCue::Spending(Quantity::Damage)),
    ("απαιτούν*", FigureCue::Threshold),
    ("χρειάζον*", FigureCue::Threshold),
    ("απαραίτητ*", FigureCue::Threshold),
    // Thresholds and conditions: what is needed is a rule, not anyone's claim.
    ("needed", FigureCue::Threshold),
    ("need", FigureCue::Threshold),
    ("needs", FigureCue::Threshold),
    ("required", FigureCue::Threshold),
    ("requires", FigureCue::Threshold),
    ("necessary", FigureCue::Threshold),
    ("threshold", FigureCue::Threshold),
    ("minimum", FigureCue::Threshold),
    ("necesari*", FigureCue::Threshold),
    ("necesita*", FigureCue::Threshold),
    ("requerid*", FigureCue::Threshold),
    ("umbral", FigureCue::Threshold),
    ("mínimo", FigureCue::Threshold),
    ("necessári*", FigureCue::Threshold),
    ("precisa*", FigureCue::Threshold),
    ("exigid*", FigureCue::Threshold),
    ("nécessaire*", FigureCue::Threshold),
    ("requis", FigureCue::Threshold),
    ("seuil", FigureCue::Threshold),
    ("faut", FigureCue::Threshold),
    ("benötigt", FigureCue::Threshold),
    ("erforderlich*", FigureCue::Threshold),
    ("nötig", FigureCue::Threshold),
    ("notwendig", FigureCue::Threshold),
    ("schwelle", FigureCue::Threshold),
    ("necessari", FigureCue::Threshold),
    ("servono", FigureCue::Threshold),
    ("soglia", FigureCue::Threshold),
    ("nodig", FigureCue::Threshold),
    ("vereist", FigureCue::Threshold),
    ("drempel", FigureCue::Threshold),
    ("potrzeb*", FigureCue::Threshold),
    ("wymaga*", FigureCue::Threshold),
    ("niezbędn*", FigureCue::Threshold),
    ("próg", FigureCue::Threshold),
    ("потрібн*", FigureCue::Threshold),
    ("необхідн*", FigureCue::Threshold),
    ("поріг", FigureCue::Threshold),
    ("нужн*", FigureCue::Threshold),
    ("необходим*", FigureCue::Threshold),
    ("требует*", FigureCue::Threshold),
    ("порог", FigureCue::Threshold),
    ("необходими", FigureCue::Threshold),
    ("gerek*", FigureCue::Threshold),
    ("eşiğ*", FigureCue::Threshold),
    ("eşik", FigureCue::Threshold),
    ("اللازم*", FigureCue::Threshold),
    ("يلزم", FigureCue::Threshold),
    ("المطلوب*", FigureCue::Threshold),
    ("مطلوب*", FigureCue::Threshold),
    ("يتطلب", FigureCue::Threshold),
    ("נדרש*", FigureCue::Threshold),
    ("דרוש*", FigureCue::Threshold),
    ("הדרוש*", FigureCue::Threshold),
    ("רף", FigureCue::Threshold),
];

fn cue_of(word: &str) -> Option<FigureCue> {
    CUES.iter()
        .find(|(entry, _)| matches_entry(word, entry))
        .map(|(_, c)| *c)
}

/// Words for the people a figure counts, in the outlets' languages: they say nothing about
/// what happened to them, so they do not put the word that does further away.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "residents",
    "inhabitants",
    "tourists",
    "holidaymakers",
    "villagers",
    "children",
    "passengers",
    "locals",
    "civilians",
    "personas",
    "vecinos",
    "habitantes",
    "turistas",
    "pessoas",
    "moradores",
    "personnes",
    "habitants",
    "vacanciers",
    "touristes",
    "menschen",
    "personen",
    "einwohner",
    "touristen",
    "urlauber",
    "bewohner",
    "persone",
    "abitanti",
    "turisti",
    "mensen",
    "inwoners",
    "bewoners",
    "toeristen",
    "osób",
    "osoby",
    "ludzi",
    "mieszkańców",
    "turystów",
    "людей",
    "людини",
    "осіб",
    "мешканців",
    "жителів",
    "жителей",
    "человек",
    "души",
    "хора",
    "жители",
    "kişi",
    "kişinin",
    "kişiyi",
    "sakin",
    "turist",
    "شخص",
    "شخصا",
    "أشخاص",
    "مواطن",
    "مواطنا",
    "سكان",
    "אנשים",
    "תושבים",
    "תיירים",
    "άνθρωποι",
    "ανθρώπους",
    "ανθρώπων",
    "κάτοικοι",
    "κατοίκους",
    "τουρίστες",
];

/// Words after a number that say it is a time of day or a year, not an amount.
const CLOCK: &[&str] = &[
    "am", "pm", "h", "uhr", "gmt", "utc", "cet", "cest", "hs", "hrs",
];
/// Words before a number that say it is a time of day.
const CLOCK_BEFORE: &[&str] = &[
    "godz",
    "godzinie",
    "saat",
    "الساعة",
    "בשעה",
    "o",
    "à",
    "um",
    "las",
    "às",
    "alle",
    "om",
];

/// A number in a sentence, before it is given a quantity: its value, its tokens and the
/// unit after it.
#[derive(Debug, Clone)]
struct NumberSpan {
    value: f64,
    first: usize,
    /// The token after the number (and its unit).
    end: usize,
    unit: Option<(UnitKind, String)>,
    decimal: bool,
    /// Made of words only (`sixty-one`), not digits.
    in_words: bool,
}

/// The figures of one sentence (`range` in `para`), read in `language` (a tag such as `pl` or
/// `en-GB`; empty when unknown).
pub fn figures(para: &str, range: Range<usize>, language: &str) -> Vec<Figure> {
    let language = base_language(language);
    let decimal_comma = if language.is_empty() {
        // Unknown: the text says, when it writes a decimal comma anywhere (`8,2`).
        has_decimal_comma(para)
    } else {
        DECIMAL_COMMA.contains(&language.as_str())
    };
    let words = table(if language.is_empty() { "en" } else { &language });
    let toks = tokens(para, range);
    let numbers = numbers(&toks, words, decimal_comma, &language);
    let found: Vec<Option<Figure>> = numbers
        .iter()
        .enumerate()
        .map(|(n, number)| {
            let before = n.checked_sub(1).map_or(0, |p| numbers[p].end);
            let after = numbers.get(n + 1).map_or(toks.len(), |x| x.first);
            figure(&toks, number, before..after)
        })
        .collect();
    // Agencies' readings listed after the first (`the EMSC put its magnitude at 6.2, and
    // Israel's survey at 6.1`): a bare number with a decimal between 1 and 10 after a
    // magnitude in the same sentence is another magnitude.
    let mut magnitude_before = false;
    let mut out = Vec::new();
    for (number, figure) in numbers.iter().zip(found) {
        match figure {
            Some(f) => {
                magnitude_before |= f.quantity == Quantity::Magnitude;
                out.push(f);
            }
            None if magnitude_before
                && number.decimal
                && number.unit.is_none()
                && !number.in_words
                && (1.0..10.0).contains(&number.value) =>
            {
                out.push(Figure {
                    range: toks[number.first].range.start..toks[number.end - 1].range.end,
                    value: number.value,
                    quantity: Quantity::Magnitude,
                    unit: String::new(),
                    converted: false,
                    threshold: false,
                    counted: None,
                });
            }
            None => {}
        }
    }
    out
}

fn has_decimal_comma(para: &str) -> bool {
    let chars: Vec<char> = para.chars().collect();
    chars.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == ',' && w[2].is_ascii_digit() && !w[3].is_ascii_digit()
    })
}

fn numbers(
    toks: &[FigureTok],
    words: &NumberWords,
    decimal_comma: bool,
    language: &str,
) -> Vec<NumberSpan> {
    let mut out: Vec<NumberSpan> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let found = match &toks[k].token {
            FigureToken::Digits(raw) => numeral_value(raw, decimal_comma).map(|v| {
                let decimal = v.fract() != 0.0 || raw.contains(['.', ',', '\u{66b}']) && v < 100.0;
                (v, k + 1, decimal, false)
            }),
            FigureToken::Word(_) => {
                words_number(toks, k, words).map(|(v, end)| (v, end, false, true))
            }
            FigureToken::Mark(_) => None,
        };
        let Some((mut value, mut end, decimal, in_words)) = found else {
            k += 1;
            continue;
        };
        if is_clock(toks, k, end, value, language) {
            k = end + 2;
            continue;
        }
        if !in_words && next_to_month(toks, k, end) {
            k = end;
            continue;
        }
        // A scale word after digits: `50 million`, `1,2 млн`, `3 тис.`.
        if !in_words
            && let Some(w) = toks.get(end).and_then(FigureTok::word)
            && let Some(scale) = scale_word(w, words, language)
        {
            value *= scale;
            end += 1;
            if matches!(
                toks.get(end).map(|t| &t.token),
                Some(FigureToken::Mark('.'))
            ) && w.chars().count() <= 4
            {
                end += 1;
            }
        }
        // A number of one in words (`one`, `un`, `bir`, `een`) is the article in most
        // languages: it is a figure only with a unit or a scale (`one day`, `bir milyon`).
        let unit = unit_after(toks, end, language).or_else(|| unit_before(toks, k));
        if in_words && value <= 1.0 && unit.is_none() {
            k = end;
            continue;
        }
        let unit_end = match &unit {
            Some((_, _, e)) => (*e).max(end),
            None => end,
        };
        out.push(NumberSpan {
            value,
            first: k,
            end: unit_end,
            unit: unit.map(|(u, written, _)| (u, written)),
            decimal,
            in_words,
        });
        k = unit_end;
    }
    out
}

/// Whether the number of tokens `k..end` is a clock time (`01:38`, `1.38am`, `0 h 38`,
/// `godz. 14`), which is no amount.
fn is_clock(toks: &[FigureTok], k: usize, end: usize, value: f64, language: &str) -> bool {
    let token = |at: usize| toks.get(at).map(|t| &t.token);
    let colon = matches!(token(end), Some(FigureToken::Mark(':')))
        && matches!(token(end + 1), Some(FigureToken::Digits(_)));
    let after = toks
        .get(end)
        .and_then(FigureTok::word)
        .is_some_and(|w| CLOCK.contains(&w));
    let before = k
        .checked_sub(1)
        .and_then(|p| toks[p].word())
        .is_some_and(|w| CLOCK_BEFORE.contains(&w))
        && value < 25.0
        && unit_after(toks, end, language).is_none();
    colon || after || before
}

/// Whether the number of tokens `k..end` is the day or year of a date (`14 de octubre`,
/// `8 września 2017`, `12. November`), which is no amount.
fn next_to_month(toks: &[FigureTok], k: usize, end: usize) -> bool {
    let month_near = |at: Option<usize>, step: isize| {
        let mut at = at?;
        for _ in 0..2 {
            match &toks.get(at)?.token {
                FigureToken::Word(w) if calendar::month_of(w).is_some() => return Some(()),
                FigureToken::Word(w) if matches!(w.as_str(), "de" | "di" | "del") => {}
                FigureToken::Mark('.' | ',') => {}
                _ => return None,
            }
            at = at.checked_add_signed(step)?;
        }
        None
    };
    month_near(Some(end), 1).is_some() || month_near(k.checked_sub(1), -1).is_some()
}

fn scale_word(word: &str, words: &NumberWords, language: &str) -> Option<f64> {
    if let Some(NumberWordRole::Scale(v)) = number_word(word, words) {
        return Some(v);
    }
    if language == "tr" && word == "bin" {
        return Some(1000.0);
    }
    const ABBREVIATED: &[(&str, f64)] = &[
        ("thousand", 1e3),
        ("тис", 1e3),
        ("тыс", 1e3),
        ("хил", 1e3),
        ("tys", 1e3),
        ("tsd", 1e3),
        ("mln", 1e6),
        ("εκατ", 1e6),
        ("δισ", 1e9),
        ("χιλ", 1e3),
        ("млн", 1e6),
        ("mio", 1e6),
        ("million", 1e6),
        ("millions", 1e6),
        ("mn", 1e6),
        ("mld", 1e9),
        ("mrd", 1e9),
        ("млрд", 1e9),
        ("bn", 1e9),
        ("billion", 1e9),
        ("مليون", 1e6),
        ("مليار", 1e9),
        ("ألف", 1e3),
        ("آلاف", 1e3),
        ("מיליון", 1e6),
        ("אלף", 1e3),
    ];
    ABBREVIATED
        .iter()
        .find(|(w, _)| forms(word).iter().any(|f| f == w))
        .map(|(_, v)| *v)
}

/// The unit after a number (token `at`), possibly after a hyphen (`8.1-magnitude`), and the
/// token after it: `(kind, as written, end)`.
fn unit_after(toks: &[FigureTok], at: usize, language: &str) -> Option<(UnitKind, String, usize)> {
    let mut k = at;
    if matches!(
        toks.get(k).map(|t| &t.token),
        Some(FigureToken::Mark('-' | '‑'))
    ) {
        k += 1;
    }
    match toks.get(k).map(|t| &t.token) {
        Some(FigureToken::Mark('%' | '٪')) => return Some((UnitKind::Percent, "%".into(), k + 1)),
        Some(FigureToken::Mark(c)) => {
            return currency_sign(*c).map(|cur| (UnitKind::Money(cur), cur.to_string(), k + 1));
        }
        _ => {}
    }
    // `1,2 milioni di metri cubi`, `1,5 millones de metros cúbicos`: a volume after `di`/`de`.
    if let Some(w) = toks.get(k).and_then(FigureTok::word)
        && matches!(w, "di" | "de" | "of" | "van")
        && let Some(volume) = volume_after(toks, k + 1, language)
    {
        return Some(volume);
    }
    if let Some(volume) = volume_after(toks, k, language) {
        return Some(volume);
    }
    let word = toks.get(k)?.word()?;
    let unit = unit_of(word, language)?;
    let mut end = k + 1;
    // `per cent`, `pour cent`, `por ciento`, `per cento`, `τοις εκατό`: two words.
    if matches!(word, "per" | "pour" | "por" | "τοις") {
        let next = toks.get(end)?.word()?;
        if !matches!(next, "cent" | "ciento" | "cento" | "εκατό") {
            return None;
        }
        end += 1;
    }
    // `71-year-old`: an age.
    if let UnitKind::Time("years") = unit
        && toks.get(end + 1).and_then(FigureTok::word) == Some("old")
    {
        return Some((UnitKind::Time("years-old"), "years".into(), end + 2));
    }
    let written = match unit {
        UnitKind::Time(name) => name.to_string(),
        _ => word.to_string(),
    };
    Some((unit, written, end))
}

/// Words that make a metre cubic, before it (`cubic metres`, `кубічних метрів`, `kubieke
/// meter`) or after it (`metri cubi`, `metros cúbicos`, `mètres cubes`, `metrów sześciennych`,
/// `متر مكعب`, `מטר מעוקב`).
const CUBIC: &[&str] = &[
    "cubic",
    "cubi",
    "cubo",
    "cúbicos",
    "cubicos",
    "cúbico",
    "cubes",
    "cube",
    "sześciennych",
    "sześcienny",
    "кубічних",
    "кубічні",
    "кубических",
    "кубични",
    "kubieke",
    "küp",
    "مكعب",
    "مكعبة",
    "מעוקב",
    "מעוקבים",
    "κυβικά",
    "κυβικών",
];

/// A volume written in two words, a metre and the word that makes it cubic, from `at`.
fn volume_after(
    toks: &[FigureTok],
    at: usize,
    language: &str,
) -> Option<(UnitKind, String, usize)> {
    let first = toks.get(at)?.word()?;
    if let Some(w) = toks.get(at + 1).and_then(FigureTok::word) {
        let metre =
            |word: &str| matches!(unit_of(word, language), Some(UnitKind::Length(m)) if m == 1.0);
        let cubic = |word: &str| CUBIC.contains(&word);
        if (cubic(first) && metre(w)) || (metre(first) && cubic(w)) {
            return Some((UnitKind::Volume(1.0), "m³".to_string(), at + 2));
        }
    }
    match unit_of(first, language) {
        Some(UnitKind::Volume(m3)) => Some((UnitKind::Volume(m3), "m³".to_string(), at + 1)),
        _ => None,
    }
}

/// A currency sign or `yüzde` just before a number (`€120`, `$5`, `yüzde 52`).
fn unit_before(toks: &[FigureTok], at: usize) -> Option<(UnitKind, String, usize)> {
    let before = toks.get(at.checked_sub(1)?)?;
    match &before.token {
        FigureToken::Mark(c) => {
            currency_sign(*c).map(|cur| (UnitKind::Money(cur), cur.to_string(), at))
        }
        FigureToken::Word(w) if w == "yüzde" => Some((UnitKind::Percent, "%".into(), at)),
        _ => None,
    }
}

/// The number as a figure, when its unit or the words around it (between the numbers before
/// and after it, `window`) say what it counts.
fn figure(toks: &[FigureTok], number: &NumberSpan, window: Range<usize>) -> Option<Figure> {
    let range = toks[number.first].range.start..toks[number.end - 1].range.end;
    let cues = nearby_cues(toks, number, window.clone(), false);
    let nearest = |wanted: &dyn Fn(FigureCue) -> bool| nearest_of(&cues, wanted);
    // A condition is said in the figure's own clause (`226 votes are needed`); a `needed`
    // before a semicolon is another figure's.
    let clause = nearby_cues(toks, number, window, true);
    let threshold =
        nearest_of(&clause, &|c| c == FigureCue::Threshold).is_some_and(|(_, d)| d <= 4.0);
    let (quantity, value, unit, converted) = match &number.unit {
        Some((UnitKind::Length(metres), _)) => {
            let depth = nearest(&|c| c == FigureCue::Depth).is_some();
            let quantity = if depth {
                Quantity::Depth
            } else {
                Quantity::Length
            };
            // Kilometres and metres are the base unit written at another scale, exact;
            // miles and feet are converted, and rounded by whoever wrote them.
            let converted = *metres != 1000.0 && *metres != 1.0;
            (quantity, number.value * metres, "m".to_string(), converted)
        }
        Some((UnitKind::Volume(m3), _)) => (
            Quantity::Volume,
            number.value * m3,
            "m³".to_string(),
            *m3 != 1.0,
        ),
        Some((UnitKind::Rain(mm), _)) => (
            Quantity::Rainfall,
            number.value * mm,
            "mm".to_string(),
            *mm != 1.0,
        ),
        Some((UnitKind::Time("years-old"), _)) => {
            (Quantity::Age, number.value, "years".to_string(), false)
        }
        Some((UnitKind::Time(name), _)) => {
            (Quantity::Duration, number.value, name.to_string(), false)
        }
        Some((UnitKind::Percent, _)) => (Quantity::Percent, number.value, "%".to_string(), false),
        Some((UnitKind::Money(currency), _)) => {
            let spending = nearest(&|c| matches!(c, FigureCue::Spending(_)));
            let quantity = match spending {
                Some((FigureCue::Spending(q), d)) if d <= 6.0 => q,
                _ => Quantity::Money,
            };
            (quantity, number.value, currency.to_string(), false)
        }
        Some((UnitKind::Magnitude, _)) => (Quantity::Magnitude, number.value, String::new(), false),
        None => {
            let votes = toks
                .iter()
                .any(|t| t.word().and_then(cue_of) == Some(FigureCue::Vote));
            // German and Dutch may put what happened at the end of a long clause (`1.800
            // Einwohner mussten die Orte Vatera und Vrisa verlassen und wurden evakuiert`):
            // the one count named in the figure's clause, however far.
            let in_clause = || match nearest_of(&clause, &|c| matches!(c, FigureCue::Counts(_))) {
                Some((FigureCue::Counts(q), _)) if number.value.fract() == 0.0 => Some(q),
                _ => None,
            };
            let quantity = counted(number, &cues, votes).or_else(in_clause)?;
            (quantity, number.value, String::new(), false)
        }
    };
    if quantity == Quantity::Magnitude && !(1.0..10.0).contains(&value) {
        return None;
    }
    let counted = cues
        .iter()
        .filter(|&&(c, _, _)| explains(c, quantity))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|&(_, _, k)| toks[k].range.clone());
    Some(Figure {
        range,
        value,
        quantity,
        unit,
        converted,
        threshold,
        counted,
    })
}

/// Whether a cue is the word that says a figure is of `quantity`.
fn explains(cue: FigureCue, quantity: Quantity) -> bool {
    match cue {
        FigureCue::Counts(q) | FigureCue::Spending(q) | FigureCue::Polarity(q) => q == quantity,
        FigureCue::Magnitude | FigureCue::Quake => quantity == Quantity::Magnitude,
        FigureCue::Depth => quantity == Quantity::Depth,
        FigureCue::Vote => matches!(
            quantity,
            Quantity::VotesFor | Quantity::VotesAgainst | Quantity::Abstentions
        ),
        FigureCue::Threshold => false,
    }
}

/// What a number without a unit counts: the nearest cue that names a count. A vote's side
/// may be all there is next to it (`проти — 41`, `19 утрималися`) when the sentence names the
/// votes elsewhere.
fn counted(number: &NumberSpan, cues: &[(FigureCue, f64, usize)], votes: bool) -> Option<Quantity> {
    let nearest = |wanted: &dyn Fn(FigureCue) -> bool| nearest_of(cues, wanted);
    let whole = number.value.fract() == 0.0;
    let polarity = nearest(&|c| matches!(c, FigureCue::Polarity(_)));
    let side = |max: f64| match polarity {
        Some((FigureCue::Polarity(q), d)) if d <= max => Some(q),
        _ => None,
    };
    let found = nearest(&|c| {
        matches!(
            c,
            FigureCue::Counts(_) | FigureCue::Magnitude | FigureCue::Vote
        ) || (c == FigureCue::Quake && number.decimal)
    });
    match found {
        // Six words: German and Dutch put the participle last (`3.500 Menschen wurden in der
        // Nacht evakuiert`).
        Some((FigureCue::Counts(q), d)) if d <= 6.0 && whole => Some(q),
        Some((FigureCue::Magnitude | FigureCue::Quake, d))
            if d <= 4.0 && (1.0..10.0).contains(&number.value) && !number.in_words =>
        {
            Some(Quantity::Magnitude)
        }
        Some((FigureCue::Vote, d)) if whole && d <= 4.0 => {
            Some(side(5.0).unwrap_or(Quantity::VotesFor))
        }
        _ if whole && votes => side(2.5),
        _ => None,
    }
}

/// The nearest of the cues that are `wanted`, with its distance.
fn nearest_of(
    cues: &[(FigureCue, f64, usize)],
    wanted: &dyn Fn(FigureCue) -> bool,
) -> Option<(FigureCue, f64)> {
    cues.iter()
        .filter(|(c, _, _)| wanted(*c))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|&(c, d, _)| (c, d))
}

/// The cues within the words around a number (not past the numbers before and after it), each
/// with its distance in words and its token; a comma or other clause mark counts as more distance.
fn nearby_cues(
    toks: &[FigureTok],
    number: &NumberSpan,
    window: Range<usize>,
    clause_only: bool,
) -> Vec<(FigureCue, f64, usize)> {
    let mut out = Vec::new();
    let mut walk = |indices: &mut dyn Iterator<Item = usize>| {
        let mut distance = 0.0;
        for k in indices {
            match &toks[k].token {
                FigureToken::Word(w) => {
                    // `1 500 habitants et vacanciers ont dû être évacués`: who is counted
                    // stands between the figure and what happened to them.
                    if !PEOPLE.contains(&w.as_str()) {
                        distance += 1.0;
                    }
                    if distance > if clause_only { 12.0 } else { 6.0 } {
                        break;
                    }
                    if let Some(c) = cue_of(w) {
                        out.push((c, distance, k));
                    }
                }
                FigureToken::Mark(',' | ';' | ':' | '–' | '—' | '(' | ')') if !clause_only => {
                    distance += 1.5
                }
                FigureToken::Mark(',' | ';' | ':' | '–' | '—' | '(' | ')') => break,
                FigureToken::Mark('.' | '!' | '?') => break,
                _ => {}
            }
        }
    };
    walk(&mut (number.end..window.end.max(number.end)));
    walk(&mut (window.start.min(number.first)..number.first).rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, language: &str) -> Vec<(Quantity, f64, bool)> {
        figures(text, 0..text.len(), language)
            .into_iter()
            .map(|f| (f.quantity, (f.value * 100.0).round() / 100.0, f.threshold))
            .collect()
    }

    #[test]
    fn decimal_marks_follow_the_language_and_the_digit_groups() {
        assert_eq!(numeral_value("8,2", true), Some(8.2));
        assert_eq!(numeral_value("8.2", true), Some(8.2));
        assert_eq!(numeral_value("1.200", true), Some(1200.0));
        assert_eq!(numeral_value("1,200", false), Some(1200.0));
        assert_eq!(numeral_value("1.200", false), Some(1.2));
        assert_eq!(numeral_value("1,234.5", false), Some(1234.5));
        assert_eq!(numeral_value("1.234,5", true), Some(1234.5));
        assert_eq!(numeral_value("12\u{a0}500", true), Some(12500.0));
        assert_eq!(numeral_value("6\u{66b}2", false), Some(6.2));
        assert_eq!(numeral_value("1,250,000", false), Some(1_250_000.0));
    }

    #[test]
    fn one_quantity_in_every_language() {
        assert_eq!(
            found("W wyniku trzęsienia zginęło 61 osób.", "pl"),
            [(Quantity::Dead, 61.0, false)]
        );
        assert_eq!(
            found("Nie żyje jedenaście osób, trzy są ciężko ranne.", "pl"),
            [
                (Quantity::Dead, 11.0, false),
                (Quantity::Injured, 3.0, false)
            ]
        );
        assert_eq!(
            found("Понад 400 мешканців евакуювали.", "uk"),
            [(Quantity::Evacuated, 400.0, false)]
        );
        // Volumes, in one word or two, after a scale word and `di`.
        for (text, language) in [
            ("a mass estimated at 1.2 million cubic metres", "en"),
            (
                "si sono mossi circa 1,2 milioni di metri cubi di fango",
                "it",
            ),
            ("зрушило близько 1,2 млн кубометрів ґрунту", "uk"),
            ("se desplazaron 1,2 millones de metros cúbicos", "es"),
            ("Rund 1,2 Millionen Kubikmeter Schlamm", "de"),
            ("1,2 mln metrów sześciennych ziemi", "pl"),
        ] {
            assert_eq!(
                found(text, language),
                [(Quantity::Volume, 1_200_000.0, false)],
                "{text}"
            );
        }
        assert_eq!(
            found("At least 61 people died in Chiapas.", "en"),
            [(Quantity::Dead, 61.0, false)]
        );
        assert_eq!(
            found("وقتل ٦١ شخصا في الزلزال", "ar"),
            [(Quantity::Dead, 61.0, false)]
        );
        assert_eq!(
            found("Zginęło sześćdziesiąt jeden osób.", "pl"),
            [(Quantity::Dead, 61.0, false)]
        );
        assert_eq!(
            found("Внаслідок повені загинули двадцять чотири людини.", "uk"),
            [(Quantity::Dead, 24.0, false)]
        );
        assert_eq!(
            found("two dozen people were injured", "en"),
            [(Quantity::Injured, 24.0, false)]
        );
        assert_eq!(
            found("Es kamen einundsechzig Menschen ums Leben.", "de"),
            [(Quantity::Dead, 61.0, false)]
        );
        assert_eq!(
            found("Sono ventitré le vittime del terremoto", "it"),
            [(Quantity::Dead, 23.0, false)]
        );
        assert_eq!(
            found("murieron cuarenta y tres personas", "es"),
            [(Quantity::Dead, 43.0, false)]
        );
        assert_eq!(
            found("נהרגו שלושה בני אדם", "he"),
            [(Quantity::Dead, 3.0, false)]
        );
    }

    #[test]
    fn magnitudes_depths_and_distances_in_any_notation() {
        assert_eq!(
            found("un sismo de magnitud 8,2", "es"),
            [(Quantity::Magnitude, 8.2, false)]
        );
        assert_eq!(
            found("an 8.1-magnitude earthquake", "en"),
            [(Quantity::Magnitude, 8.1, false)]
        );
        assert_eq!(
            found("زلزال بقوة ٦٫٢ درجة", "ar"),
            [(Quantity::Magnitude, 6.2, false)]
        );
        assert_eq!(
            found("на глибині 33 км", "uk"),
            [(Quantity::Depth, 33000.0, false)]
        );
        assert_eq!(
            found("at a depth of 20 miles", "en"),
            [(Quantity::Depth, 32186.88, false)]
        );
        let miles = &figures("102 miles", 0..9, "en")[0];
        let km = &figures("164 km", 0..6, "en")[0];
        assert!(miles.same_value(km));
        let a = &figures("33 km", 0..5, "en")[0];
        let b = &figures("35 km", 0..5, "en")[0];
        assert!(!a.same_value(b));
    }

    #[test]
    fn votes_for_against_and_thresholds() {
        assert_eq!(
            found(
                "За законопроект проголосували 277 депутатів, проти — 41.",
                "uk"
            ),
            [
                (Quantity::VotesFor, 277.0, false),
                (Quantity::VotesAgainst, 41.0, false)
            ]
        );
        assert_eq!(
            found("Для ухвалення потрібно щонайменше 226 голосів.", "uk"),
            [(Quantity::VotesFor, 226.0, true)]
        );
        assert_eq!(
            found(
                "The bill passed with 279 votes; 270 are needed to win.",
                "en"
            ),
            [
                (Quantity::VotesFor, 279.0, false),
                (Quantity::VotesFor, 270.0, true)
            ]
        );
    }

    #[test]
    fn every_side_of_a_vote_in_one_sentence() {
        assert_eq!(
            found(
                "It won the backing of 279 lawmakers in the 450-seat chamber, above the 226 votes needed; 44 voted against and 17 abstained.",
                "en"
            ),
            [
                (Quantity::VotesFor, 279.0, false),
                (Quantity::Seats, 450.0, false),
                (Quantity::VotesFor, 226.0, true),
                (Quantity::VotesAgainst, 44.0, false),
                (Quantity::Abstentions, 17.0, false)
            ]
        );
        assert_eq!(
            found(
                "Za głosowało 250 deputowanych, przeciw było 12, a 3 wstrzymało się od głosu.",
                "pl"
            ),
            [
                (Quantity::VotesFor, 250.0, false),
                (Quantity::VotesAgainst, 12.0, false),
                (Quantity::Abstentions, 3.0, false)
            ]
        );
    }

    #[test]
    fn odd_text_is_read_without_panic() {
        for text in [
            "1.",
            "1,",
            "٫٢",
            "12\u{a0}",
            "0,5 km/h",
            "1 2 3 4 5 6",
            "x٦٫y",
            "€",
            "€5",
            "-3",
            "5-",
            "1'000'000",
            "ק\"מ 5",
            "5 ק\"מ",
            "👍 5 dead 👍",
            "e\u{301}5",
            "2,5,6",
            "1.2.3",
            "sixty-",
            "-one",
            "dozen",
            "one hundred and",
            "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣ killed",
        ] {
            for language in ["", "en", "de", "ar", "he", "el", "xx"] {
                let _ = figures(text, 0..text.len(), language);
            }
        }
    }

    #[test]
    fn several_agencies_magnitudes_in_one_sentence() {
        assert_eq!(
            found(
                "The EMSC put its magnitude at 6.2, and Israel's survey at 6.1.",
                "en"
            ),
            [
                (Quantity::Magnitude, 6.2, false),
                (Quantity::Magnitude, 6.1, false)
            ]
        );
    }

    #[test]
    fn greek_figures() {
        assert_eq!(
            found(
                "Υπερψήφισαν 279 βουλευτές, ενώ απαιτούνται 226 ψήφοι.",
                "el"
            ),
            [
                (Quantity::VotesFor, 279.0, false),
                (Quantity::VotesFor, 226.0, true)
            ]
        );
        assert_eq!(
            found("σεισμός μεγέθους 6,2 Ρίχτερ σε βάθος 10 χιλιομέτρων", "el"),
            [
                (Quantity::Magnitude, 6.2, false),
                (Quantity::Depth, 10000.0, false)
            ]
        );
        assert_eq!(
            found("Τρεις άνθρωποι έχασαν τη ζωή τους.", "el"),
            [(Quantity::Dead, 3.0, false)]
        );
    }

    #[test]
    fn the_days_and_years_of_dates_are_no_figures() {
        assert_eq!(
            found("7 września zginęło 61 osób.", "pl"),
            [(Quantity::Dead, 61.0, false)]
        );
        assert_eq!(
            found("El 14 de octubre murieron 43 personas.", "es"),
            [(Quantity::Dead, 43.0, false)]
        );
    }

    #[test]
    fn times_dates_and_bare_numbers_are_no_figures() {
        assert!(found("The quake hit at 23:38 GMT, at 1.38am on Thursday.", "en").is_empty());
        assert!(found("In 2017 the city had 90 schools.", "en").is_empty());
        assert!(found("one of them said so", "en").is_empty());
    }

    #[test]
    fn scales_and_money() {
        assert_eq!(found("50 million people felt it", "en"), []);
        assert_eq!(
            found("damage of €120 million", "en"),
            [(Quantity::Damage, 120e6, false)]
        );
        assert_eq!(
            found("she paid $120 million", "en"),
            [(Quantity::Money, 120e6, false)]
        );
        assert_eq!(
            found("Фонду відновлення мереж вартістю 2,1 млрд євро", "uk"),
            [(Quantity::Cost, 2.1e9, false)]
        );
        assert_eq!(
            found("1,2 млн гривень", "uk"),
            [(Quantity::Money, 1.2e6, false)]
        );
        assert_eq!(
            found("yüzde 52 oyla", "tr"),
            [(Quantity::Percent, 52.0, false)]
        );
    }
}

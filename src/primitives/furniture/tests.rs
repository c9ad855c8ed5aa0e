use super::phrases::LISTS;
use super::*;

fn context() -> FurnitureContext {
    FurnitureContext::new(["Kyiv Independent", "kyivindependent", "El Heraldo", "NU.nl"])
}

fn kind(line: &str) -> Option<FurnitureKind> {
    classify(line, &context())
}

/// Every line is recognised as `expected`, with the line in the message when it is not.
fn all(expected: FurnitureKind, lines: &[&str]) {
    let wrong: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            let got = kind(l);
            (got != Some(expected)).then(|| format!("{l:?} → {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "not {expected:?}:\n{}", wrong.join("\n"));
}

#[test]
fn every_list_parses_into_known_sections() {
    for list in LISTS {
        let mut section = "";
        for line in list.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                assert!(
                    [
                        "related", "share", "prompt", "notice", "desk", "nav", "navword", "social",
                        "media", "byline", "caption", "stamp", "month", "counter", "and",
                        "particle", "agency"
                    ]
                    .contains(&section),
                    "[{section}]"
                );
            } else if !line.is_empty() && !line.starts_with('#') {
                assert!(!section.is_empty(), "{line:?} is outside any section");
            }
        }
    }
    let p = phrases();
    assert!(p.related.len() > 100 && p.byline.len() > 20 && p.month.len() > 150);
}

#[test]
fn social_embeds_in_every_language() {
    all(
        FurnitureKind::Social,
        &[
            "\u{2014} Juan Pérez (@juanperez) 8 de septiembre de 2017",
            "\u{2014} Anna Nowak (@annanowak) 8 września 2017",
            "\u{2014} Олена Шевчук (@olena_sh) 8 вересня 2017 р.",
            "\u{2014} Иван Петров (@ivanpetrov) 8 сентября 2017 г.",
            "\u{2014} Иван Петров (@ivan_bg) 8 септември 2017 г.",
            "\u{2014} Jan de Vries (@jandevries) 8 september 2017",
            "\u{2014} Hans Müller (@hmueller) 8. September 2017",
            "\u{2014} Marie Dubois (@mariedubois) 8 septembre 2017",
            "\u{2014} Marco Bianchi (@mbianchi) 8 settembre 2017",
            "\u{2014} Ana Souza (@anasouza) 8 de setembro de 2017",
            "\u{2014} Ayşe Kaya (@aysekaya) 8 Eylül 2017",
            "\u{2014} محمد علي (@m_ali) 8 سبتمبر 2017",
            "\u{2014} דני כהן (@danicohen) 8 בספטמבר 2017",
            "Sismo de 8.2 en Chiapas #sismo pic.twitter.com/AbC123xYz",
            "https://twitter.com/SSNMX/status/906342112345",
            "t.co/xyz123",
            "@SSNMX @CNPC_MX",
            "#sismo #Chiapas #Oaxaca",
            "A post shared by Nasa (@nasa) on Sep 8, 2017 at 12:01am PDT",
            "View this post on Instagram",
            "Переглянути цей допис в Instagram",
            "Посмотреть эту публикацию в Instagram",
            "Zobacz ten post na Instagramie",
            "Diesen Beitrag auf Instagram ansehen",
            "Voir cette publication sur Instagram",
            "Ver esta publicación en Instagram",
            "Visualizza questo post su Instagram",
            "Ver essa foto no Instagram",
            "Dit bericht op Instagram bekijken",
            "Bu gönderiyi Instagram'da gör",
            "عرض هذا المنشور على Instagram",
            "הצגת פוסט זה באינסטגרם",
            "Une publication partagée par Le Monde (@lemondefr)",
            "[Video] Rescuers pull a girl from the rubble in Juchitán",
            "[Відео] Рятувальники розбирають завали",
            "[Видео] Спасатели разбирают завалы",
            "[Wideo] Ratownicy przeszukują gruzy",
            "[فيديو] لحظة وقوع الزلزال",
        ],
    );
}

#[test]
fn share_and_follow_buttons() {
    all(
        FurnitureKind::Share,
        &[
            "Share this article",
            "Share",
            "Facebook Twitter WhatsApp Email",
            "Facebook | Twitter | Telegram",
            "Поділитися",
            "Поделиться",
            "Сподели",
            "Udostępnij",
            "Teilen",
            "Partager",
            "Compartir",
            "Condividi",
            "Compartilhar",
            "Delen",
            "Paylaş",
            "شارك",
            "שתפו",
            "Tweet",
            "Copy link",
            "Advertisement",
            "Реклама",
        ],
    );
}

#[test]
fn related_story_links() {
    all(
        FurnitureKind::Related,
        &[
            "Read more: Mexico's strongest earthquake in a century kills dozens",
            "READ MORE: Hurricane Katia makes landfall",
            "Related: How earthquakes are measured",
            "See also: Tsunami warning lifted",
            "Читайте також: Рятувальники знайшли ще трьох загиблих",
            "Читайте также: В Мехико прошли учения",
            "Прочетете още: Силно земетресение в Мексико",
            "Czytaj też: Trzęsienie ziemi w Meksyku. Są ofiary",
            "Lesen Sie auch: Erdbeben in Mexiko fordert Dutzende Tote",
            "À lire aussi : Séisme au Mexique, le bilan s'alourdit",
            "Lee también: El sismo más fuerte en un siglo",
            "Leggi anche: Terremoto in Messico, decine di morti",
            "Leia também: Terremoto no México deixa mortos",
            "Lees ook: Zware aardbeving voor kust Mexico",
            "Ayrıca okuyun: Meksika'da 8,1 büyüklüğünde deprem",
            "اقرأ أيضا: زلزال بقوة 8.1 درجات يضرب المكسيك",
            "קראו גם: רעידת אדמה חזקה במקסיקו",
            "Read more",
            "Most read",
        ],
    );
}

#[test]
fn bylines() {
    all(
        FurnitureKind::Byline,
        &[
            "By Doug G. Ware and Danielle Haynes",
            "Автор: Ірина Коваль",
            "Автор: Ирина Ковальчук",
            "Автор: Мария Петрова",
            "Autor: Anna Kowalska",
            "Von Anna Schmidt, Berlin",
            "Par Jean Dupont",
            "Por María José de la Fuente",
            "Di Marco Rossi",
            "Por João Silva e Ana Costa",
            "Door Jan van der Berg",
            "Yazan: Ayşe Yılmaz",
            "بقلم: محمد علي",
            "מאת דני כהן",
        ],
    );
}

#[test]
fn live_page_time_stamps_and_date_lines() {
    all(
        FurnitureKind::Stamp,
        &[
            "Posted at 10:45",
            "10:45 GMT",
            "Updated 3 hours ago",
            "Last updated: 8 September 2017, 06:12 BST",
            "Sep 8, 2017 10:45 AM",
            "March 14, 2026 11:52 AM GMT+1",
            "date 2017-09-08 10:45",
            "Datum: 08.09.2017",
            "8 Sep 2017, 10:45 UTC-05:00",
            "08.09.2017 10:45",
            "Оновлено 10:45",
            "8 вересня 2017, 10:45",
            "Опубликовано 8 сентября 2017 в 10:45",
            "Обновено преди 3 часа",
            "Aktualizacja: 8 września 2017, 10:45",
            "Aktualisiert am 8. September 2017 um 10:45 Uhr",
            "Mis à jour le 8 septembre 2017 à 10h45",
            "Actualizado a las 10:45",
            "8 de septiembre de 2017",
            "Aggiornato alle 10:45",
            "Atualizado há 3 horas",
            "Bijgewerkt om 10:45",
            "Güncelleme: 08.09.2017 10:45",
            "منذ 3 ساعات",
            "تحديث 10:45 بتوقيت غرينتش",
            "עודכן לפני 3 שעות",
            "פורסם 08.09.17 10:45",
        ],
    );
}

#[test]
fn photo_credits() {
    all(
        FurnitureKind::Caption,
        &[
            "Photo: Reuters",
            "(AP Photo/Eduardo Verdugo)",
            "Rescuers search the rubble in Juchitán, Oaxaca. (AP Photo/Luis Alberto Cruz)",
            "Getty Images",
            "AFP/Getty Images",
            "Фото: УНІАН",
            "Фото: Reuters",
            "Снимка: БТА",
            "Fot. PAP/Jacek Turczyk",
            "Foto: dpa",
            "Crédit photo : AFP",
            "Foto: EFE",
            "Foto: ANSA",
            "Foto: ANP",
            "Fotoğraf: AA",
            "صورة: رويترز",
            "צילום: רויטרס",
            "\u{a9} Reuters",
        ],
    );
}

#[test]
fn counters() {
    all(
        FurnitureKind::Counter,
        &[
            "1,234 views",
            "12 comments",
            "Comments (12)",
            "106",
            "Переглядів: 1234",
            "1234 просмотров",
            "Коментарі 12",
            "12 komentarzy",
            "12 Kommentare",
            "12 commentaires",
            "12 comentarios",
            "12 commenti",
            "12 comentários",
            "12 reacties",
            "12 yorum",
            "١٢ تعليقات",
            "12 תגובות",
        ],
    );
}

#[test]
fn the_outlets_own_name() {
    all(
        FurnitureKind::Outlet,
        &["Kyiv Independent", "EL HERALDO", "NU.nl", "kyivindependent"],
    );
}

#[test]
fn prompts() {
    all(
        FurnitureKind::Prompt,
        &[
            "Subscribe to our newsletter",
            "Follow us on Telegram",
            "Download the app",
            "We use cookies to improve your experience on our site.",
            "Support independent journalism",
            "Підписуйтесь на наш Telegram-канал",
            "Подписывайтесь на наш канал в Telegram",
            "Абонирайте се за нашия бюлетин",
            "Obserwuj nas na Facebooku",
            "Folgen Sie uns auf Twitter",
            "Abonnez-vous à notre newsletter",
            "Síguenos en Twitter",
            "Iscriviti alla newsletter",
            "Siga-nos no Twitter",
            "Volg ons op Facebook",
            "Bizi takip edin",
            "تابعونا على تويتر",
            "הירשמו לניוזלטר שלנו",
            "\u{a9} 2017 El Heraldo. All rights reserved.",
        ],
    );
}

/// Lines of reporting that start with a furniture word, name an outlet, or hold figures:
/// none of them may be removed.
#[test]
fn reporting_is_kept() {
    for line in [
        "Read the full report, the minister said, and you will see the damage is worse.",
        "Read more than 100 pages of the report and one figure stands out: 8.2.",
        "Related developments were reported in Guatemala, where two people died.",
        "Share prices fell 3% in Mexico City after the quake.",
        "By the time rescuers arrived, the building had collapsed.",
        "By 2030 the country plans to retrofit every school.",
        "Par ailleurs, le ministre a annoncé une enquête.",
        "Por su parte, el alcalde pidió calma a los vecinos.",
        "Von Anfang an war klar, dass die Brücke nicht halten würde.",
        "Di fronte alla crisi, il governo ha convocato una riunione.",
        "Door de aardbeving zijn honderden huizen ingestort.",
        "Photo exhibitions in Oaxaca were cancelled after the quake.",
        "\u{201c}We felt it for more than a minute,\u{201d} said Ana López, 54.",
        "\u{201e}Das war das stärkste Beben seit 1985\u{201c}, sagte Müller.",
        "\u{ab}Мы почувствовали толчки в 23:49\u{bb}, сказал он.",
        "The Kyiv Independent reported that 12 people were killed.",
        "Kyiv Independent reporters saw the damage on Friday.",
        "The quake struck at 11:49 pm local time on Thursday, 8 September.",
        "Zelensky wrote on Telegram:",
        "Підписуйтесь на нас, закликав мер, але спершу евакуюйтеся.",
        "Follow-up shocks of magnitude 5.7 and 6.1 were recorded.",
        "At least 61 people died, 45 of them in Oaxaca.",
        "The magnitude was 8.1, according to the National Seismological Service.",
        "Trzęsienie ziemi o magnitudzie 8,2 nawiedziło Meksyk w nocy z czwartku na piątek.",
        "Землетрус магнітудою 8,1 стався 8 вересня о 06:49 за київським часом.",
        "ضرب زلزال بقوة 8.1 درجات سواحل المكسيك الجنوبية ليل الخميس.",
        "רעידת אדמה בעוצמה 8.1 פקדה את דרום מקסיקו.",
        "8,1",
        "Watch as the walls begin to sway.",
        "Updates will follow as rescuers reach the coast.",
        "Fotoğraflar, yıkılan okulun enkazını gösteriyor.",
    ] {
        // "8,1" alone on a line holds no sentence: it may go, as a counter; the others stay.
        if line == "8,1" {
            continue;
        }
        assert_eq!(kind(line), None, "{line}");
    }
}

#[test]
fn post_text_and_attribution() {
    assert!(is_post_attribution(
        "\u{2014} Juan Pérez (@juanperez) 8 de septiembre de 2017"
    ));
    assert!(!is_post_attribution("\u{2014} and then the walls fell"));
    assert!(looks_like_post("Tiembla en CDMX #sismo"));
    assert!(!looks_like_post("The ground shook for a minute."));
}

/// The article page names each rule with the theme label `furniture_<name>`: every language
/// file of the default theme has one for every rule.
#[test]
fn every_rule_has_a_label_in_every_language() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for kind in FurnitureKind::ALL {
            assert!(
                text.contains(&format!("\nfurniture_{}: ", kind.name())),
                "{}: no label furniture_{}",
                path.display(),
                kind.name()
            );
        }
    }
}

#[test]
fn turkish_capital_i_is_folded_before_phrases_are_compared() {
    assert_eq!(
        kind("İlginizi çekebilir: Muğla'da da yangın çıktı"),
        Some(FurnitureKind::Related)
    );
    assert_eq!(kind("İLGİLİ HABERLER"), Some(FurnitureKind::Related));
}

#[test]
fn a_caption_ending_with_its_credit() {
    all(
        FurnitureKind::Caption,
        &[
            "Smoke rises over Menderes on Tuesday. Photo: Reuters",
            "Un hélicoptère largue de l'eau près de Menderes, le 22 juillet. \u{a9} Emre Yilmaz / AFP",
            "Рятувальники на місці пожежі. Фото: ДСНС",
            "Image source, Getty Images",
        ],
    );
    // A sentence that only mentions a photo or a source keeps its place.
    for line in [
        "The photo, taken on Tuesday, shows smoke over the hills.",
        "He declined to name the source, Reuters reported.",
    ] {
        assert_eq!(kind(line), None, "{line}");
    }
}

#[test]
fn newsroom_signatures_and_reading_times() {
    all(
        FurnitureKind::Byline,
        &["Haber Merkezi", "Redaktion", "Редакція", "Staff reporter"],
    );
    all(
        FurnitureKind::Stamp,
        &[
            "Temps de lecture : 2 min",
            "5 min read",
            "Lesezeit: 3 Minuten",
            "Час читання: 2 хв",
            "July 22, 2026 at 4:05 p.m. EDT",
            "22.07.2026 - 14:35 | Son Güncelleme: 22.07.2026 - 16:02",
            "22 jul 2026 om 16:50 Update: 2 uur geleden",
        ],
    );
}

#[test]
fn credits_in_brackets_and_datelines() {
    all(
        FurnitureKind::Caption,
        &[
            "Soccorritori al lavoro ad Adria (foto Ansa)",
            "روما - (أ ف ب)",
            "KYIV (Reuters)",
            "صورة أرشيفية",
            "Foto de archivo",
        ],
    );
    assert_eq!(
        kind("الخميس، 12 نوفمبر 2026 09:30 ص"),
        Some(FurnitureKind::Stamp)
    );
    // An agency closing a sentence is the sentence's.
    for line in [
        "Officials said the port will reopen on Monday (Reuters)",
        "Le port rouvrira lundi, selon les autorités (AFP)",
    ] {
        assert_eq!(kind(line), None, "{line}");
    }
}

/// The rule `quotes_someone` implements: every other part of the line split at its quotation
/// marks lies between an opening mark and its closing one (or the line's end).
fn quotes_someone_plainly(line: &str) -> bool {
    let mut parts = line.split(is_quote_mark);
    parts.next();
    parts.step_by(2).any(|inside| has_words(inside, 3))
}

proptest::proptest! {
    #![proptest_config(crate::test_support::proptest_config())]
    #[test]
    fn quotes_are_found_as_the_split_rule_finds_them(
        s in "[ab .\"\u{201c}-\u{201f}\u{ab}\u{bb}\u{300c}\u{300d}\u{2039}\u{203a}\u{2018}\u{2020}\u{a0}\u{c0}\u{3000}\u{e9}]{0,24}"
    ) {
        proptest::prop_assert_eq!(quotes_someone(&s), quotes_someone_plainly(&s));
    }
}

#[test]
fn a_quote_needs_three_words_between_its_marks() {
    assert!(quotes_someone(
        "He said \u{201e}we will not give up\u{201c} on Monday."
    ));
    assert!(quotes_someone(
        "\u{ab}\u{41c}\u{44b} \u{43d}\u{435} \u{441}\u{434}\u{430}\u{434}\u{438}\u{43c}\u{441}\u{44f}\u{bb}, \u{441}\u{43a}\u{430}\u{437}\u{430}\u{43b} \u{43e}\u{43d}."
    ));
    assert!(quotes_someone(
        "\u{300c}\u{6211}\u{4eec} \u{4e0d} \u{4f1a}\u{300d}"
    ));
    assert!(quotes_someone("She told reporters: \"this is not over"));
    assert!(!quotes_someone("Watch: \"Title\" and more"));
    assert!(!quotes_someone("No marks here at all, only words."));
    assert!(!quotes_someone(
        "\u{2014} a dash \u{2013} and an \u{e9}t\u{e9}"
    ));
}

//! A table of real words: what each spelling normalizes to, and which spellings must
//! find each other.

use askaf_text::{analyze, normalize, normalize_mixed, sentences, stem, tokenize, Language};

use Language::{Dari, English, Pashto};

/// (language, input, expected `normalize` output, what the row checks)
const TABLE: &[(Language, &str, &str, &str)] = &[
    // Arabic keyboard vs Persian keyboard.
    (Dari, "علي", "علی", "Arabic yeh → Persian yeh"),
    (Dari, "علی", "علی", "Persian yeh unchanged"),
    (Dari, "كابل", "کابل", "Arabic kaf → keheh"),
    (Dari, "يك", "یک", "Arabic yeh and kaf"),
    (Dari, "كشور", "کشور", "Arabic kaf"),
    (Dari, "ولايت", "ولایت", "medial Arabic yeh"),
    (Dari, "اسلامي", "اسلامی", "final Arabic yeh"),
    (Dari, "مصطفى", "مصطفی", "alef maksura → yeh"),
    (Dari, "كرزي", "کرزی", "kaf and yeh"),
    (Pashto, "سړي", "سړی", "Pashto typed with Arabic yeh"),
    (
        Pashto,
        "افغانستان كې",
        "افغانستان کې",
        "Pashto typed with Arabic kaf",
    ),
    // Heh, alef, waw and yeh with hamza.
    (Dari, "مدرسة", "مدرسه", "teh marbuta → heh"),
    (Dari, "خانۀ", "خانه", "heh with yeh above → heh"),
    (
        Dari,
        "خانه\u{0654}",
        "خانه",
        "heh + hamza above (Persian keyboard) → heh",
    ),
    (Dari, "أفغانستان", "افغانستان", "alef with hamza above"),
    (Dari, "إسلام", "اسلام", "alef with hamza below"),
    (Dari, "آمریکا", "امریکا", "alef with madda folded"),
    (Dari, "مؤسسه", "موسسه", "waw with hamza"),
    (Dari, "پائین", "پایین", "Dari: yeh with hamza → yeh"),
    (Dari, "اجزاء", "اجزا", "lone hamza dropped"),
    (Pashto, "وئیل", "وئیل", "Pashto keeps ئ"),
    // Diacritics and tatweel.
    (Dari, "مُحَمَّد", "محمد", "harakat and shadda"),
    (Dari, "قُرْآن", "قران", "sukun, madda"),
    (Dari, "کـــابل", "کابل", "tatweel"),
    (Dari, "هـرات", "هرات", "tatweel"),
    (Pashto, "پـښـتـو", "پښتو", "tatweel in Pashto"),
    // Digits.
    (Dari, "۱۴۰۲", "1402", "Persian digits"),
    (Dari, "١٤٠٢", "1402", "Arabic-Indic digits"),
    (Dari, "1402", "1402", "ASCII digits"),
    (Pashto, "۳٫۵ سلنه", "3.5 سلنه", "Arabic decimal separator"),
    // ZWNJ and separate affixes.
    (Dari, "می\u{200C}خواهم", "میخواهم", "ZWNJ removed"),
    (Dari, "میخواهم", "میخواهم", "joined form"),
    (Dari, "می خواهم", "میخواهم", "space after می joined"),
    (Dari, "نمی\u{200C}دانم", "نمیدانم", "ZWNJ after نمی"),
    (Dari, "نمی دانم", "نمیدانم", "space after نمی joined"),
    (Dari, "کتاب\u{200C}ها", "کتابها", "ZWNJ before ها"),
    (Dari, "کتابها", "کتابها", "joined plural"),
    (Dari, "کتاب ها", "کتابها", "space before ها joined"),
    (Dari, "بزرگ\u{200C}ترین", "بزرگترین", "ZWNJ before ترین"),
    (
        Dari,
        "خانه\u{200C}ای",
        "خانهای",
        "ZWNJ before indefinite ای",
    ),
    (
        Dari,
        "\u{200F}کابل\u{200D}\u{200B}\u{FEFF}",
        "کابل",
        "other invisible characters",
    ),
    // Pashto letters kept.
    (Pashto, "ښځې", "ښځې", "ښ ځ ې kept"),
    (Pashto, "ټولنه", "ټولنه", "ټ kept"),
    (Pashto, "ډېر", "ډېر", "ډ ې kept"),
    (Pashto, "ړوند", "ړوند", "ړ kept"),
    (Pashto, "ږمنځ", "ږمنځ", "ږ ځ kept"),
    (Pashto, "ځای", "ځای", "ځ kept"),
    (Pashto, "څه", "څه", "څ kept"),
    (Pashto, "ګټه", "ګټه", "Pashto gaf kept"),
    (Pashto, "گټه", "ګټه", "Persian gaf → Pashto gaf in Pashto"),
    (Pashto, "نجلۍ", "نجلۍ", "ۍ kept"),
    (Pashto, "ښوونځی", "ښوونځی", "school"),
    (Dari, "گروه", "گروه", "Persian gaf kept in Dari"),
    (Dari, "ګروه", "گروه", "Pashto gaf → Persian gaf in Dari"),
    // English.
    (English, "Russia’s", "russia's", "curly apostrophe"),
    (English, "Russia's", "russia's", "straight apostrophe"),
    (
        English,
        "Russiaʼs",
        "russia's",
        "modifier letter apostrophe",
    ),
    (English, "“Taliban”", "\"taliban\"", "curly double quotes"),
    (English, "«Taliban»", "\"taliban\"", "guillemets"),
    (English, "KĀBUL", "kabul", "case and macron"),
    (English, "Mazār-i-Sharīf", "mazar-i-sharif", "diacritics"),
    (English, "ﬁnal", "final", "ligature"),
    // Mixed scripts in one string.
    (
        Dari,
        "Kabul كابل کابل",
        "kabul کابل کابل",
        "Latin and both keyboards",
    ),
    (
        Dari,
        "ISAF در ولايت هلمند",
        "isaf در ولایت هلمند",
        "Latin acronym in Dari",
    ),
    (
        English,
        "The word “كتاب” (book)",
        "the word \"کتاب\" (book)",
        "Arabic in English",
    ),
    (
        Pashto,
        "UN په كابل كې",
        "un په کابل کې",
        "Latin acronym in Pashto",
    ),
];

#[test]
fn table_of_real_words() {
    assert!(TABLE.len() >= 40);
    let failures: Vec<String> = TABLE
        .iter()
        .filter_map(|&(lang, input, expected, what)| {
            let got = normalize(input, lang);
            (got != expected)
                .then(|| format!("{what}: {input:?} ({lang}) → {got:?}, want {expected:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn table_is_idempotent() {
    for &(lang, input, _, _) in TABLE {
        let once = normalize(input, lang);
        assert_eq!(normalize(&once, lang), once, "{input}");
    }
}

fn terms(text: &str, lang: Language) -> Vec<String> {
    tokenize(text, lang).into_iter().map(|t| t.term).collect()
}

/// Spellings that must give the same search terms.
const SAME: &[(Language, &[&str])] = &[
    (
        Dari,
        &[
            "می\u{200C}خواهم",
            "میخواهم",
            "می خواهم",
            "مي خواهم",
            "مى\u{200C}خواهم",
        ],
    ),
    (Dari, &["کتاب\u{200C}ها", "کتابها", "کتاب ها", "كتاب‌ها"]),
    (Dari, &["علي", "علی", "عَلِی"]),
    (Dari, &["كابل", "کابل", "کـــابل", "ﻛﺎﺑﻞ"]),
    (Dari, &["يك", "یک"]),
    (Dari, &["۱۴۰۲", "١٤٠٢", "1402"]),
    (Pashto, &["۱۴۰۲", "١٤٠٢", "1402"]),
    (Pashto, &["ګټه", "گټه"]),
    (Pashto, &["کې", "كې"]),
    (English, &["Russia’s", "Russia's", "RUSSIA’S", "russiaʼs"]),
];

#[test]
fn spellings_find_each_other() {
    for (lang, group) in SAME {
        let first = terms(group[0], *lang);
        assert_eq!(first.len(), 1, "{}", group[0]);
        for other in &group[1..] {
            assert_eq!(terms(other, *lang), first, "{} vs {other}", group[0]);
        }
    }
}

#[test]
fn pashto_yeh_variants_meet_at_the_stem() {
    // normalize keeps ې and ۍ apart from ی; the stem (the index key) does not.
    assert_ne!(normalize("ډېر", Pashto), normalize("ډیر", Pashto));
    let key = |w| {
        analyze(w, Pashto)
            .into_iter()
            .map(|t| t.term)
            .collect::<Vec<_>>()
    };
    assert_eq!(key("ډېر"), key("ډیر"));
    assert_eq!(key("ښځې"), key("ښځي"));
    assert_eq!(key("ښځې"), key("ښځی"));
}

#[test]
fn english_stemming_as_it_really_is() {
    let s = |w| stem(w, English);
    assert_eq!(s("recognition"), "recognit");
    assert_eq!(s("recognize"), "recognis");
    assert_eq!(s("recognised"), "recognis");
    assert_eq!(s("recognized"), "recognis");
    // Snowball does not handle irregular plurals.
    assert_eq!(s("women"), "women");
    assert_eq!(s("woman"), "woman");
    assert_eq!(s("provinces"), "provinc");
    assert_eq!(s("province"), "provinc");
    assert_eq!(s("universities"), "univers");
    assert_eq!(s("kabul's"), "kabul");
}

#[test]
fn dari_stemming() {
    let s = |w| stem(&normalize(w, Dari), Dari);
    assert_eq!(s("کتاب‌ها"), "کتاب");
    assert_eq!(s("کتاب ها"), "کتاب");
    assert_eq!(s("کتاب‌هایشان"), "کتاب");
    assert_eq!(s("بزرگ‌ترین"), "بزرگ");
    assert_eq!(s("بزرگ‌تر"), "بزرگ");
    assert_eq!(s("دختر"), "دختر");
    assert_eq!(s("طالبان"), "طالبان");
}

#[test]
fn highlight_ranges_point_into_the_original() {
    let text = "د كابل ښار کې ۱۴۰۲ کال";
    let tokens = tokenize(text, Pashto);
    let spans: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    assert_eq!(spans, ["د", "كابل", "ښار", "کې", "۱۴۰۲", "کال"]);
    assert_eq!(tokens[1].term, "کابل");
    assert_eq!(tokens[4].term, "1402");

    let text = "Russia’s “war” in Afghanistan";
    let tokens = tokenize(text, English);
    let spans: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
    assert_eq!(spans, ["Russia’s", "war", "in", "Afghanistan"]);
}

#[test]
fn mixed_variant_guesses_each_run() {
    assert_eq!(
        normalize_mixed("Pashto ګټه and Dari گروه; Pashto again: گټه ښه", English),
        "pashto ګټه and dari گروه; pashto again: ګټه ښه"
    );
}

#[test]
fn sentences_of_real_text() {
    let text = "د افغانستان پلازمېنه کابل ده. دا ښار څومره لوی دی؟ ډېر لوی!";
    let got: Vec<&str> = sentences(text, Pashto)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        [
            "د افغانستان پلازمېنه کابل ده.",
            "دا ښار څومره لوی دی؟",
            "ډېر لوی!"
        ]
    );

    let text = "کابل در سال ۱۳۷۵ سقوط کرد. جمعیت آن ۴.۵ میلیون است؟ بلی.";
    let got: Vec<&str> = sentences(text, Dari)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        [
            "کابل در سال ۱۳۷۵ سقوط کرد.",
            "جمعیت آن ۴.۵ میلیون است؟",
            "بلی."
        ]
    );

    let text = "The U.S. and NATO left Kabul on Aug. 30, 2021. Mr. Ghani had fled. The Taliban said 3.5 million were displaced.";
    let got: Vec<&str> = sentences(text, English)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(
        got,
        [
            "The U.S. and NATO left Kabul on Aug. 30, 2021.",
            "Mr. Ghani had fled.",
            "The Taliban said 3.5 million were displaced."
        ]
    );
}

//! Answer cues read off a question and a sentence: whether the question
//! asks for a number, an ordinal or a kind of thing, and whether a
//! sentence counts something or is negated.

use askaf_content::Lang;

use crate::language;

/// Whether a question (normalized) asks for a quantity or a date, so its answer holds a number.
pub(super) fn asks_for_number(q: &str, lang: Lang) -> bool {
    let cues: &[&str] = match lang {
        Lang::En => &[
            "how many",
            "how much",
            "when",
            "what year",
            "which year",
            "how long",
            "how old",
            "what percentage",
            "how far",
            "how large",
            "how big",
            "how high",
            "how tall",
            "what age",
            "what date",
            "what century",
            "how often",
        ],
        Lang::Fa | Lang::Ps => &[
            "چند",
            "چه سال",
            "کدام سال",
            "چه زمان",
            "چه تاریخ",
            "چقدر",
            "چه مقدار",
            "چه تعداد",
            "چه قرن",
            "کدام قرن",
            "چه ماه",
            "څو",
            "کوم کال",
            "کله",
        ],
    };
    let padded = format!(" {q} ");
    cues.iter().any(|c| padded.contains(&format!(" {c}")))
}

/// The kind of thing a question asks for, as the stem of the word after
/// "which" ("which province" → "provinc"), "کدام" (Dari) or "کوم" (Pashto):
/// a sentence that answers it names one. `None` when no such word follows
/// (or only a stop word: "What is …").
pub(super) fn kind_asked(question: &str, lang: Lang) -> Option<String> {
    let language = language(lang);
    let cues: &[&str] = match lang {
        Lang::En => &["which", "what"],
        Lang::Fa => &["کدام", "کدامین"],
        Lang::Ps => &["کوم", "کومه", "کومې", "کومو"],
    };
    let cues: Vec<String> = cues
        .iter()
        .map(|c| askaf_text::normalize(c, language))
        .collect();
    let tokens = askaf_text::tokenize(question, language);
    tokens.windows(2).find_map(|w| {
        (cues.contains(&w[0].term) && !askaf_text::is_stop_word(&w[1].term, language))
            .then(|| askaf_text::stem(&w[1].term, language))
    })
}

/// Whether a Dari or Pashto question (normalized: typed on an Arabic keyboard
/// it is "چندمين") asks for an ordinal: "چندمین رئیس‌جمهور", "چندم" ("the
/// how-manieth"), answered by a sentence holding one ("شانزدهمین").
pub(super) fn asks_for_ordinal(q: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => false,
        Lang::Fa | Lang::Ps => q
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == "چندمین" || w == "چندم"),
    }
}

/// Whether a normalized Dari word is an ordinal: "اولین", "نخستین", "آخرین",
/// or a number (in digits or in words) with the ordinal ending "م" or "مین":
/// "دوم", "سومین", "پنجمین", "شانزدهم", "بیستمین", "۱۶مین".
pub(super) fn is_ordinal(word: &str) -> bool {
    // Normalized: alef madda is folded to alef ("آخرین" → "اخرین").
    const WORDS: [&str; 5] = ["اول", "اولین", "نخست", "نخستین", "اخرین"];
    // Cardinals as they stand before the ending; "one" is "یک" ("یکم"), "three" "سو" ("سوم").
    const NUMBERS: [&str; 36] = [
        "یک",
        "دو",
        "سو",
        "چهار",
        "پنج",
        "شش",
        "هفت",
        "هشت",
        "نه",
        "ده",
        "یازده",
        "دوازده",
        "سیزده",
        "چهارده",
        "پانزده",
        "شانزده",
        "هفده",
        "هجده",
        "هیجده",
        "نوزده",
        "بیست",
        "سی",
        "چهل",
        "پنجاه",
        "شصت",
        "هفتاد",
        "هشتاد",
        "نود",
        "صد",
        "دویست",
        "سیصد",
        "پانصد",
        "هزار",
        "میلیون",
        "میلیارد",
        "چهارصد",
    ];
    if WORDS.contains(&word) {
        return true;
    }
    let Some(number) = word.strip_suffix("مین").or_else(|| word.strip_suffix('م')) else {
        return false;
    };
    !number.is_empty() && (number.chars().all(char::is_numeric) || NUMBERS.contains(&number))
}

/// Whether a term is a number that can count things: digits, but not a year
/// ("the 2025 earthquake" counts no earthquakes). Thousands are written with a
/// separator ("2,205 people"), which the tokenizer splits, so a bare four-digit
/// number from 1000 to 2100 (or a solar-hijri ۱۳۰۰–۱۵۰۰, normalized to ASCII) is
/// read as a year.
pub(super) fn is_count(term: &str) -> bool {
    if term.is_empty() || !term.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    !(term.len() == 4
        && term
            .parse::<u32>()
            .is_ok_and(|n| (1000..=2100).contains(&n)))
}

/// Negation cues in English, Dari and Pashto, for telling "which X cannot…" from "which X can…".
pub(super) fn has_negation(text: &str) -> bool {
    const EN: [&str; 5] = ["not", "never", "no", "without", "cannot"];
    // Negated verb stems of Dari (ن + verb) and Pashto (نه / نشي), and "without".
    const ARABIC_SCRIPT_PREFIXES: [&str; 12] = [
        "نمی",
        "نمي",
        "نیست",
        "نيست",
        "نبود",
        "ندار",
        "نکرد",
        "نكرد",
        "نشد",
        "نخواه",
        "نتوان",
        "نشي",
    ];
    const ARABIC_SCRIPT_WORDS: [&str; 3] = ["نه", "بدون", "هیچ"];
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '\u{200c}'))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.trim_matches('\u{200c}');
            EN.contains(&w)
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || ARABIC_SCRIPT_WORDS.contains(&w)
                || ARABIC_SCRIPT_PREFIXES.iter().any(|p| w.starts_with(p))
        })
}

/// Whether a sentence asks a question: it ends with a question mark
/// (Latin or Arabic). One that ends in a quotation mark or a bracket
/// reports a question or a remark (`Thesis 86, which asks: "Why …?"`,
/// `[citation needed]`) and may well answer one.
pub(super) fn asks(sentence: &str) -> bool {
    sentence.trim_end().ends_with(['?', '؟'])
}

/// Whether a sentence opens with a word that points back to the one
/// before it ("He lives in Kandahar…", "او در قندهار…", "It was later
/// called…"): quoted alone, it does not say whom or what it is about.
/// Read on the sentence's first word, in the passage's language; a
/// determiner counts ("This policy…", "این کشور…"), as it points back too.
pub(super) fn refers_back(sentence: &str, lang: Lang) -> bool {
    let first = sentence
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\u{200C}');
    let words: &[&str] = match lang {
        Lang::En => &[
            "he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "those",
            "such",
        ],
        // Dari: he, she (two registers), they, this, that; Pashto's too, as
        // a page's text may be either.
        Lang::Fa | Lang::Ps => &[
            "او",
            "وی",
            "آنها",
            "آن‌ها",
            "آنان",
            "ایشان",
            "این",
            "آن",
            "اینها",
            "این‌ها",
            "هغه",
            "هغوی",
            "دوی",
            "دا",
            "دغه",
        ],
    };
    let first = first.to_lowercase();
    words.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use askaf_text::Language;

    use super::*;

    #[test]
    fn a_sentence_that_opens_with_a_word_pointing_back_refers_back() {
        assert!(refers_back("He lives in Kandahar.", Lang::En));
        assert!(refers_back(
            "\"It was later called the first oil shock\".",
            Lang::En
        ));
        assert!(refers_back("These applications all requested…", Lang::En));
        assert!(!refers_back(
            "Hibatullah Akhundzada lives in Kandahar.",
            Lang::En
        ));
        // "Its" within a word is not "it".
        assert!(!refers_back("Italy recognised it.", Lang::En));
        assert!(refers_back("او در قندهار به سر می‌برد.", Lang::Fa));
        assert!(refers_back("«آن‌ها» بازگشتند.", Lang::Fa));
        assert!(!refers_back("اوضاع بهتر شد.", Lang::Fa));
        assert!(refers_back("هغه په کندهار کې اوسېږي.", Lang::Ps));
        assert!(!refers_back("", Lang::Ps));
    }

    #[test]
    fn a_sentence_that_ends_in_a_question_mark_asks() {
        assert!(asks("Why is Kabul the capital?"));
        assert!(asks("در قدم نخست باید فهمید که هدف از علم چیست ؟ "));
        assert!(!asks("Kabul is the capital."));
        // A question reported, or a remark in brackets, is not asked.
        assert!(!asks("Thesis 86 asks: \"Why does the pope build it?\""));
        assert!(!asks("They gathered in the streets.[original research?]"));
    }

    #[test]
    fn negation_cues() {
        assert!(has_negation("Which animals cannot live here?"));
        assert!(has_negation("It isn't the capital."));
        assert!(!has_negation("Kabul is the capital."));
        assert!(has_negation("قطب نما با چه چیزی جهت را نشان نمی‌دهد؟"));
        assert!(has_negation("این شهر پایتخت نیست."));
        assert!(!has_negation(
            "نام پایتخت افغانستان کابل است و نیز بزرگترین شهر آن."
        ));
    }

    /// The cues as `answer` asks them: of the normalized question.
    fn asks_for_number(question: &str, lang: Lang) -> bool {
        super::asks_for_number(&askaf_text::normalize(question, language(lang)), lang)
    }

    fn asks_for_ordinal(question: &str, lang: Lang) -> bool {
        super::asks_for_ordinal(&askaf_text::normalize(question, language(lang)), lang)
    }

    #[test]
    fn the_kind_a_question_asks_for() {
        for (q, lang, kind) in [
            (
                "Which province was hit hardest?",
                Lang::En,
                Some("province"),
            ),
            ("What languages are spoken?", Lang::En, Some("languages")),
            ("What is the capital?", Lang::En, None),
            ("Who governs Afghanistan?", Lang::En, None),
            ("کدام ولایت بیشتر آسیب دید؟", Lang::Fa, Some("ولایت")),
            ("کوم ولایت ډېر زیان ولید؟", Lang::Ps, Some("ولایت")),
        ] {
            let stem = kind.map(|w| askaf_text::stem(w, language(lang)));
            assert_eq!(kind_asked(q, lang), stem, "{q}");
        }
    }

    #[test]
    fn number_questions() {
        assert!(asks_for_number("How many provinces are there?", Lang::En));
        assert!(asks_for_number("When did the Soviets leave?", Lang::En));
        assert!(!asks_for_number("Who governs Afghanistan?", Lang::En));
        assert!(asks_for_number("افغانستان چند ولایت دارد؟", Lang::Fa));
        assert!(asks_for_number("در چه سالی استقلال یافت؟", Lang::Fa));
        assert!(!asks_for_number("پایتخت افغانستان کجاست؟", Lang::Fa));
    }

    #[test]
    fn years_count_nothing() {
        for t in ["34", "205", "6", "400", "12000"] {
            assert!(is_count(t), "{t}");
        }
        for t in ["2025", "1919", "1404", "1000", "", "34a"] {
            assert!(!is_count(t), "{t}");
        }
    }

    #[test]
    fn ordinals() {
        assert!(asks_for_ordinal(
            "لینکلن چندمین رئیس جمهور آمریکا بود؟",
            Lang::Fa
        ));
        assert!(asks_for_ordinal("این تیم در جام چندم شد؟", Lang::Fa));
        // As typed on an Arabic keyboard (Arabic yeh) and with a ZWNJ-less spelling.
        assert!(asks_for_ordinal(
            "لينكلن چندمين رئيس جمهور آمريكا بود؟",
            Lang::Fa
        ));
        assert!(!asks_for_ordinal("افغانستان چند ولایت دارد؟", Lang::Fa));
        assert!(!asks_for_ordinal("Which was the first?", Lang::En));
        let ordinal = |w: &str| {
            askaf_text::tokenize(w, Language::Dari)
                .iter()
                .any(|t| is_ordinal(&t.term))
        };
        for w in [
            "شانزدهمین",
            "پنجمین",
            "دوم",
            "سومین",
            "نخستین",
            "آخرین",
            "بیستم",
            "۱۶مین",
        ] {
            assert!(ordinal(w), "{w}");
        }
        for w in ["زمین", "سرزمین", "تامین", "همین", "مردم", "کابل", "چند"]
        {
            assert!(!ordinal(w), "{w}");
        }
    }
}

//! Properties over arbitrary and realistic text.

use askaf_text::{
    analyze, is_stop_word, normalize, normalize_mixed, sentences, stem, tokenize, tokenize_mixed,
    Language, Token,
};
use proptest::prelude::*;

/// Pieces of realistic trilingual text: words, affixes, every letter variant the
/// normalizer folds, marks, invisible characters, digits of three kinds, punctuation.
const PIECES: &[&str] = &[
    "می",
    "نمی",
    "ها",
    "های",
    "هایی",
    "ترین",
    "اند",
    "تر",
    "کتاب",
    "خواهم",
    "کابل",
    "ي",
    "ی",
    "ى",
    "ك",
    "ک",
    "ة",
    "ۀ",
    "ه",
    "أ",
    "إ",
    "آ",
    "ا",
    "ؤ",
    "و",
    "ئ",
    "ء",
    "گ",
    "ګ",
    "ټ",
    "ډ",
    "ښ",
    "ې",
    "ۍ",
    "ځ",
    "ـ",
    "\u{064E}",
    "\u{0651}",
    "\u{0654}",
    "\u{0653}",
    "\u{0670}",
    "\u{200C}",
    "\u{200B}",
    "\u{200D}",
    "\u{200F}",
    "\u{FEFF}",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    ".",
    ",",
    "،",
    "؛",
    "؟",
    "۔",
    "!",
    "?",
    "«",
    "»",
    "’",
    "'",
    "\"",
    "“",
    "”",
    "`",
    "´",
    "-",
    "(",
    ")",
    "۱",
    "۴",
    "١",
    "1",
    "2",
    "٫",
    "٬",
    "a",
    "B",
    "é",
    "e\u{0301}",
    "Russia",
    "U.S.",
    "Dr",
    "ß",
    "İ",
    "ﻻ",
    "ﻛ",
    "½",
    "™",
    "ﬁ",
    "Ａ",
    "\u{00A0}",
    "ښځې",
    "ټولنه",
    "\u{FE70}",
];

fn realistic() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..16).prop_map(|v| v.concat())
}

/// Characters from the blocks where Unicode normalization and case mapping are
/// most intricate: Latin extensions, combining marks, Greek, Cyrillic, the whole
/// Arabic script with its presentation forms, letterlike symbols, number forms,
/// enclosed alphanumerics, CJK compatibility, full-width forms.
fn tricky() -> impl Strategy<Value = String> {
    const RANGES: &[std::ops::RangeInclusive<char>] = &[
        '\u{0000}'..='\u{007F}',
        '\u{00A0}'..='\u{024F}',
        '\u{0250}'..='\u{036F}',
        '\u{0370}'..='\u{04FF}',
        '\u{0600}'..='\u{06FF}',
        '\u{0750}'..='\u{077F}',
        '\u{08A0}'..='\u{08FF}',
        '\u{1AB0}'..='\u{1EFF}',
        '\u{2000}'..='\u{218F}',
        '\u{2460}'..='\u{24FF}',
        '\u{2C60}'..='\u{2C7F}',
        '\u{3200}'..='\u{33FF}',
        '\u{A720}'..='\u{A7FF}',
        '\u{AB30}'..='\u{AB6F}',
        '\u{FB00}'..='\u{FDFF}',
        '\u{FE20}'..='\u{FEFF}',
        '\u{FF00}'..='\u{FFEF}',
        '\u{1D400}'..='\u{1D7FF}',
        '\u{1EE00}'..='\u{1EEFF}',
    ];
    prop::collection::vec(prop::char::ranges(RANGES.into()), 0..12)
        .prop_map(|v| v.into_iter().collect())
}

fn any_language() -> impl Strategy<Value = Language> {
    prop::sample::select(Language::ALL.to_vec())
}

/// `dense`: positions are 0, 1, 2, … (tokenize); otherwise only increasing (analyze
/// drops stop words but keeps positions).
fn check_tokens(text: &str, tokens: &[Token], dense: bool) -> Result<(), TestCaseError> {
    let mut previous_start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if dense {
            prop_assert_eq!(t.position, i);
        } else if i > 0 {
            prop_assert!(t.position > tokens[i - 1].position);
        }
        prop_assert!(!t.term.is_empty());
        prop_assert!(t.range.start < t.range.end, "empty range {:?}", t.range);
        prop_assert!(t.range.end <= text.len());
        prop_assert!(text.is_char_boundary(t.range.start));
        prop_assert!(text.is_char_boundary(t.range.end));
        prop_assert!(t.range.start >= previous_start, "ranges out of order");
        previous_start = t.range.start;
    }
    Ok(())
}

fn check_sentences(text: &str, lang: Language) -> Result<(), TestCaseError> {
    let ranges = sentences(text, lang);
    let mut covered = vec![false; text.len()];
    let mut previous_end = 0;
    for r in &ranges {
        prop_assert!(r.start < r.end);
        prop_assert!(r.start >= previous_end, "overlap or disorder: {:?}", ranges);
        prop_assert!(r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        prop_assert_eq!(s.trim(), s, "not trimmed");
        covered[r.clone()].fill(true);
        previous_end = r.end;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            prop_assert!(covered[i], "{:?} at {} not in any sentence", c, i);
        }
    }
    Ok(())
}

/// 2000 cases per property; set `PROPTEST_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn terms(text: &str, lang: Language) -> Vec<String> {
    tokenize(text, lang).into_iter().map(|t| t.term).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn normalize_is_idempotent(text in realistic(), lang in any_language()) {
        let once = normalize(&text, lang);
        prop_assert_eq!(normalize(&once, lang), once.clone());
        let mixed = normalize_mixed(&text, lang);
        prop_assert_eq!(normalize_mixed(&mixed, lang), mixed);
    }

    #[test]
    fn normalize_is_idempotent_on_any_string(text in any::<String>(), lang in any_language()) {
        let once = normalize(&text, lang);
        prop_assert_eq!(normalize(&once, lang), once.clone());
        let mixed = normalize_mixed(&text, lang);
        prop_assert_eq!(normalize_mixed(&mixed, lang), mixed);
    }

    #[test]
    fn normalize_is_idempotent_on_tricky_unicode(text in tricky(), lang in any_language()) {
        let once = normalize(&text, lang);
        prop_assert_eq!(normalize(&once, lang), once.clone());
        let mixed = normalize_mixed(&text, lang);
        prop_assert_eq!(normalize_mixed(&mixed, lang), mixed);
    }

    #[test]
    fn tricky_tokens_and_sentences_are_valid(text in tricky(), lang in any_language()) {
        check_tokens(&text, &tokenize(&text, lang), true)?;
        check_tokens(&text, &analyze(&text, lang), false)?;
        check_sentences(&text, lang)?;
    }

    #[test]
    fn tokenizing_normalized_text_gives_the_same_terms(text in realistic(), lang in any_language()) {
        let normalized = normalize(&text, lang);
        prop_assert_eq!(terms(&normalized, lang), terms(&text, lang));
    }

    #[test]
    fn tricky_normalized_text_gives_the_same_terms(text in tricky(), lang in any_language()) {
        let normalized = normalize(&text, lang);
        prop_assert_eq!(terms(&normalized, lang), terms(&text, lang));
    }

    #[test]
    fn tokens_are_normalized(text in realistic(), lang in any_language()) {
        for t in tokenize(&text, lang) {
            prop_assert_eq!(normalize(&t.term, lang), t.term.clone());
        }
    }

    #[test]
    fn normalized_text_has_nothing_to_fold(text in realistic(), lang in any_language()) {
        let n = normalize(&text, lang);
        for c in n.chars() {
            prop_assert!(!matches!(c,
                '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{0640}' | '\u{064B}'..='\u{065F}'
                | '\u{0670}' | 'ي' | 'ى' | 'ك' | 'ة' | 'ۀ' | 'أ' | 'إ' | 'آ' | 'ؤ' | 'ء'
                | '’' | '“' | '”' | '«' | '»' | '۰'..='۹' | '٠'..='٩'), "{:?} in {:?}", c, n);
            prop_assert!(!c.is_uppercase());
        }
        prop_assert_eq!(n.trim(), n.as_str());
        prop_assert!(!n.contains("  "));
    }

    #[test]
    fn tokenize_never_panics_and_ranges_are_valid(text in any::<String>(), lang in any_language()) {
        check_tokens(&text, &tokenize(&text, lang), true)?;
        check_tokens(&text, &tokenize_mixed(&text, lang), true)?;
        check_tokens(&text, &analyze(&text, lang), false)?;
    }

    #[test]
    fn realistic_tokens_are_valid(text in realistic(), lang in any_language()) {
        let tokens = tokenize(&text, lang);
        check_tokens(&text, &tokens, true)?;
        for t in &tokens {
            let _ = is_stop_word(&t.term, lang);
            prop_assert!(!stem(&t.term, lang).is_empty());
        }
    }

    #[test]
    fn sentences_cover_the_text(text in any::<String>(), lang in any_language()) {
        check_sentences(&text, lang)?;
    }

    #[test]
    fn sentences_cover_realistic_text(text in realistic(), lang in any_language()) {
        check_sentences(&text, lang)?;
    }
}

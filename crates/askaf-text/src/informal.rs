//! Informal Dari spellings that the articles never use: the morphology only.
//!
//! Readers type questions the way they speak and on keyboards without an easy
//! ZWNJ, so a question holds `بین المللی` where the articles write `بین‌المللی`,
//! and `ایرانه` ("it's Iran") where they write `ایران است`. Neither can be fixed
//! by normalization alone: `بین` and `المللی` are each words, and `ه` ends
//! thousands of words (`خانه`, `دره`, `کوه`), so stripping it everywhere would
//! wreck them. What these functions give is only the *candidate* reading; the
//! search engine keeps it when the articles' own vocabulary confirms it, which
//! is the one judge of spelling that knows the words this site actually uses.
//!
//! Compounds and enclitics are Dari's only: Pashto writes its compounds joined
//! and ends many of its own words (`ښځه`, `ونه`, `ټولنه`) in the very letters
//! Dari's enclitics are made of. A space left out where it would not show
//! ([`unseen_spaces`]) is a matter of the script, so it is read in both.

use crate::chars::{letter_script, Profile, Script};
use crate::{stem, Language};

/// Where an enclitic can stand: after a vowel letter (`ا`, `و`, `ی`), after a
/// consonant, or after the silent `ه` of `خانه`. Persian spells most
/// enclitics differently after each (`سالی` but `غذایی` and `خانه‌ای`), so a
/// suffix in the wrong place is part of the word: `شکست` is not `شک` + `ست`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    Vowel,
    Consonant,
    /// A consonant or `ی`: `رنگیه` is `رنگی` + `ه`, `زندگیش` is `زندگی` + `ش`.
    ConsonantOrYeh,
    SilentHeh,
}

impl After {
    fn admits(self, host: &str) -> bool {
        let Some(last) = host.chars().next_back() else {
            return false;
        };
        match self {
            After::Vowel => matches!(last, 'ا' | 'و' | 'ی'),
            After::Consonant => !matches!(last, 'ا' | 'و' | 'ی' | 'ه'),
            After::ConsonantOrYeh => !matches!(last, 'ا' | 'و' | 'ه'),
            After::SilentHeh => last == 'ه',
        }
    }
}

/// The Persian copula joined to its word, as speech has it: `ه` after a
/// consonant (`ایرانه` = `ایران است`), `ست` and `یه` after a vowel (`دنیاست`,
/// `بازییه`).
const COPULAS: &[(&str, After)] = &[
    ("ست", After::Vowel),
    ("یه", After::Vowel),
    ("ه", After::ConsonantOrYeh),
];

/// Enclitics that sit between a word and the copula: the indefinite or relative
/// `ی` (`چه جانورانی`, `سالی که`), and the third-person possessives a question
/// about someone uses (`سالش`, `اسمشون`). The first and second persons are left
/// out: questions about articles rarely say "my" or "your", and `م`, `ت` end
/// too many words (`مردم`, `سلامت`) to guess at.
const INNER: &[(&str, After)] = &[
    ("ی", After::Consonant),
    ("یی", After::Vowel),
    ("ای", After::SilentHeh),
    ("ش", After::ConsonantOrYeh),
    ("یش", After::Vowel),
    ("اش", After::SilentHeh),
    ("شان", After::ConsonantOrYeh),
    ("شون", After::ConsonantOrYeh),
];

/// A host of fewer letters is more often a word of its own, ending in what
/// looks like an enclitic, than a root with one: `دره` "valley", `بره` "lamb",
/// `راه` "way", `دوست` "friend".
const MIN_HOST: usize = 3;

fn arabic_script_dari(term: &str, lang: Language) -> bool {
    lang.profile() == Profile::Dari
        && !term.is_empty()
        && term
            .chars()
            .all(|c| c.is_alphabetic() && letter_script(c) == Script::Arabic)
}

fn strip<'a>(word: &'a str, &(suffix, after): &(&str, After)) -> Option<&'a str> {
    let host = word.strip_suffix(suffix)?;
    (host.chars().count() >= MIN_HOST && after.admits(host)).then_some(host)
}

/// The stems a normalized Dari term may be, read as a word with enclitics
/// joined: at most one copula, with at most one indefinite `ی` or possessive
/// before it. Fewest letters removed first, since the least change that the
/// articles know is the likeliest reading (`رنگیه`: `رنگی` before `رنگ`).
///
/// Meant for words the articles never use: many words ending in `ه` or `ی`
/// have readings here, and only the corpus can say which is real. Empty for
/// Pashto and for anything not wholly Arabic-script letters.
///
/// ```
/// use askaf_text::{enclitic_hosts, Language};
///
/// assert_eq!(enclitic_hosts("ایرانه", Language::Dari), ["ایران"]);
/// assert!(enclitic_hosts("ښځه", Language::Pashto).is_empty());
/// ```
pub fn enclitic_hosts(term: &str, lang: Language) -> Vec<String> {
    if !arabic_script_dari(term, lang) {
        return Vec::new();
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    let outer = COPULAS.iter().filter_map(|c| strip(term, c));
    for host in std::iter::once(term).chain(outer) {
        if host != term {
            found.push((host.len(), stem(host, lang)));
        }
        for root in INNER.iter().filter_map(|i| strip(host, i)) {
            found.push((root.len(), stem(root, lang)));
        }
    }
    // Longest host first (fewest letters removed); the sort is stable.
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut hosts: Vec<String> = Vec::new();
    for (_, h) in found {
        if h != term && !hosts.contains(&h) {
            hosts.push(h);
        }
    }
    hosts
}

/// Words that only end the way a plural does, each with a word on the
/// other side that the corpus may well hold: `گروگان` (hostage) is not
/// `گروه` (group) pluralized, nor `جریان` (current) `جری` (bold).
const NOT_PLURALS: &[&str] = &[
    "گروگان",
    "رایگان",
    "بازرگان",
    "سمنگان",
    "سامانگان",
    "جریان",
    "بنیان",
    "پایان",
    "نمایان",
    "شایان",
    "گریان",
    "کیان",
];

/// The other number of a Dari noun whose plural the stemmer leaves alone:
/// `ماهی` (fish) and `ماهیان`, `پرنده` (bird) and `پرندگان`. The plural
/// `ان` is not stripped from every word (`طالبان`, `زبان`), but after a
/// final `ی`, or as `گان` for a final `ه`, it is the plural in all but a
/// few words; still only candidates, for the corpus to confirm. Empty for
/// Pashto and for anything not wholly Arabic-script letters.
///
/// ```
/// use askaf_text::{other_number, Language};
///
/// assert_eq!(other_number("ماهی", Language::Dari), ["ماهیان"]);
/// assert_eq!(other_number("پرندگان", Language::Dari), ["پرنده"]);
/// assert!(other_number("کتاب", Language::Dari).is_empty());
/// assert!(other_number("گروگان", Language::Dari).is_empty());
/// assert!(other_number("ماهی", Language::Pashto).is_empty());
/// ```
pub fn other_number(term: &str, lang: Language) -> Vec<String> {
    if !arabic_script_dari(term, lang) || NOT_PLURALS.contains(&term) {
        return Vec::new();
    }
    let letters = term.chars().count();
    let mut forms = Vec::new();
    if let Some(stem) = term.strip_suffix("یان").filter(|_| letters >= 5) {
        forms.push(format!("{stem}ی"));
    } else if let Some(stem) = term.strip_suffix("گان").filter(|_| letters >= 5) {
        forms.push(format!("{stem}ه"));
    } else if term.ends_with('ی') && letters >= 3 {
        forms.push(format!("{term}ان"));
    } else if let Some(stem) = term.strip_suffix('ه').filter(|_| letters >= 3) {
        forms.push(format!("{stem}گان"));
    }
    forms
}

/// The stem of two adjacent Dari words written as one, the way the articles
/// write a compound with a ZWNJ (`بین` `المللی` → `بینالمللی`, as
/// [`normalize`](crate::normalize) makes `بین‌المللی`). Both must be normalized terms, as
/// [`tokenize`](crate::tokenize) gives them: normalization drops the ZWNJ and
/// changes nothing else at the seam, so the two are simply put together, which
/// matters on a path every question takes. `None` for Pashto and for anything
/// but two Arabic-script words. Whether the reader meant the compound is for
/// the caller to judge: `از` `این` spell `ازاین` too.
///
/// ```
/// use askaf_text::{compound, Language};
///
/// assert_eq!(compound("قطب", "نما", Language::Dari).as_deref(), Some("قطبنما"));
/// assert_eq!(compound("قطب", "نما", Language::Pashto), None);
/// ```
pub fn compound(first: &str, second: &str, lang: Language) -> Option<String> {
    if !arabic_script_dari(first, lang) || !arabic_script_dari(second, lang) {
        return None;
    }
    Some(stem(&format!("{first}{second}"), lang))
}

/// Letters that never join the letter after them. After one of these a
/// missing space does not show: `درطول` looks like `در طول` ("during"),
/// `شترچیست` like `شتر چیست` ("what is a camel"), the Pashto `دافغانستان`
/// like `د افغانستان`, so readers leave it out without seeing it.
const NON_JOINING: &[char] = &[
    'ا', 'آ', 'أ', 'إ', 'د', 'ذ', 'ر', 'ز', 'ژ', 'و', 'ؤ', 'ۀ', 'ډ', 'ړ', 'ږ', 'ۇ',
];

/// The ways a normalized Dari or Pashto term may be two words run
/// together where the space would not show: split after a letter that
/// never joins the next (ا د ذ ر ز ژ و, and Pashto's ډ ړ ږ), right-most seam first. Only
/// candidates: most words have such letters inside (`افغانستان` is not
/// `افغا` + `نستان`), and only the articles' vocabulary can say that both
/// halves are words it uses. Empty for anything not wholly Arabic-script
/// letters.
///
/// ```
/// use askaf_text::{unseen_spaces, Language};
///
/// assert!(unseen_spaces("درطول", Language::Dari).contains(&("در", "طول")));
/// assert!(unseen_spaces("kabul", Language::Dari).is_empty());
/// ```
pub fn unseen_spaces(term: &str, lang: Language) -> Vec<(&str, &str)> {
    let arabic = !term.is_empty()
        && term
            .chars()
            .all(|c| c.is_alphabetic() && letter_script(c) == Script::Arabic);
    if !arabic || lang == Language::English {
        return Vec::new();
    }
    let mut seams: Vec<(&str, &str)> = term
        .char_indices()
        .filter(|(_, c)| NON_JOINING.contains(c))
        .map(|(i, c)| term.split_at(i + c.len_utf8()))
        .filter(|(_, right)| !right.is_empty())
        .collect();
    seams.reverse();
    seams
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    /// The reading the engine takes: the first host the articles know.
    fn read(word: &str, known: &[&str]) -> Option<String> {
        enclitic_hosts(word, Language::Dari)
            .into_iter()
            .find(|h| known.contains(&h.as_str()))
    }

    /// What a small encyclopedia would know, with the near misses a careless
    /// rule would land on (`شک` for `شکست`, `مرد` for `مردم`).
    const KNOWN: &[&str] = &[
        "ایران",
        "کشور",
        "شرکت",
        "فعال",
        "دنیا",
        "بازی",
        "سال",
        "جانوران",
        "اسم",
        "غذا",
        "رنگ",
        "رنگی",
        "کتاب",
        "خانه",
        "زندگی",
        "شک",
        "مرد",
        "سلام",
        "ارز",
        "دو",
        "در",
    ];

    #[test]
    fn copulas_and_enclitics_come_off() {
        // (as readers type it, the reading the articles would use)
        for (word, host) in [
            ("ایرانه", "ایران"),
            ("کشوره", "کشور"),
            ("شرکته", "شرکت"),
            ("فعاله", "فعال"),
            ("دنیاست", "دنیا"),
            ("بازییه", "بازی"),
            ("سالی", "سال"),
            ("جانورانی", "جانوران"),
            ("سالش", "سال"),
            ("سالشه", "سال"),
            ("اسمشون", "اسم"),
            ("زندگیش", "زندگی"),
            ("غذایی", "غذا"),
            ("خانهای", "خانه"),
            ("رنگیه", "رنگی"),
            // Hosts are stems: a plural under the copula goes too.
            ("کتابهاست", "کتاب"),
        ] {
            assert_eq!(read(word, KNOWN).as_deref(), Some(host), "{word}");
        }
        assert!(enclitic_hosts("رنگیه", Language::Dari).contains(&"رنگ".to_string()));
    }

    #[test]
    fn word_endings_that_are_not_enclitics_stay() {
        for w in [
            // Too short to be a root with an enclitic: "valley", "lamb", "way".
            "دره",
            "بره",
            "راه",
            "ه",
            // `ست` only follows a vowel; `م` and `ت` are never taken off.
            "شکست",
            "دوست",
            "مردم",
            "سلامت",
            // A consonant's indefinite is `ی`, not `یی`.
            "ارزیی",
        ] {
            assert_eq!(read(w, KNOWN), None, "{w}");
        }
        for w in ["kabule", "1402ه", "کابل2", ""] {
            assert!(enclitic_hosts(w, Language::Dari).is_empty(), "{w}");
        }
    }

    #[test]
    fn pashto_keeps_its_endings() {
        for w in ["ښځه", "ټولنه", "کورونه", "ایرانه", "لیکوالی"] {
            assert!(enclitic_hosts(w, Language::Pashto).is_empty(), "{w}");
        }
    }

    #[test]
    fn compounds_join_like_a_zwnj() {
        for (a, b, joined) in [
            ("بین", "المللی", "بینالمللی"),
            ("راه", "اندازی", "راهاندازی"),
            ("قطب", "نما", "قطبنما"),
            ("به", "وجود", "بهوجود"),
            ("رییس", "جمهور", "رییسجمهور"),
        ] {
            assert_eq!(
                compound(a, b, Language::Dari).as_deref(),
                Some(joined),
                "{a} {b}"
            );
            let zwnj = normalize(&format!("{a}\u{200C}{b}"), Language::Dari);
            assert_eq!(
                compound(a, b, Language::Dari),
                Some(stem(&zwnj, Language::Dari))
            );
        }
        // The joined form is stemmed like any term.
        assert_eq!(
            compound("بزرگ", "شهرها", Language::Dari).as_deref(),
            Some("بزرگشهر")
        );
        assert_eq!(compound("قطب", "نما", Language::Pashto), None);
        assert_eq!(compound("kabul", "city", Language::Dari), None);
        assert_eq!(compound("سال", "1402", Language::Dari), None);
    }

    #[test]
    fn unseen_spaces_split_only_after_letters_that_do_not_join() {
        assert_eq!(
            unseen_spaces("شترچیست", Language::Dari),
            vec![("شتر", "چیست")]
        );
        assert_eq!(
            unseen_spaces("دافغانستان", Language::Pashto),
            vec![
                ("دافغانستا", "ن"),
                ("دافغا", "نستان"),
                ("دا", "فغانستان"),
                ("د", "افغانستان")
            ]
        );
        // `ب` joins the next letter: `بکابل` may hide no space after it.
        assert_eq!(unseen_spaces("بکابل", Language::Dari), vec![("بکا", "بل")]);
        assert!(unseen_spaces("بکش", Language::Dari).is_empty());
        assert!(unseen_spaces("kabul", Language::Dari).is_empty());
        assert!(unseen_spaces("۱۴۰۲", Language::Dari).is_empty());
        assert!(unseen_spaces("درطول", Language::English).is_empty());
    }
}

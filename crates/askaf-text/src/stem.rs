//! Stop words and stemming: from tokens to index terms.
//!
//! Both dispatch on the term's script, not only on the language: a Latin word in a
//! Dari article is an English word, and an Arabic-script word is Dari or Pashto
//! according to the language (English text counts as Dari here, as in
//! normalization). Terms must already be normalized, as [`tokenize`]
//! returns them.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::chars::{letter_script, Profile, Script};
use crate::{tokenize, Language, Token};

/// English stop words: articles, pronouns, auxiliaries, prepositions, conjunctions
/// and question words. Question words are here because a question's `when` or `who`
/// is not in the sentence that answers it. Negations (`no`, `not`, `never`) are not:
/// they change a sentence's meaning.
const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "become",
    "becomes",
    "became",
    "becoming",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Dari stop words, in normalized form (ی, ک, and آ written ا: `ان` is `آن`).
const DARI: &[&str] = &[
    "و",
    "در",
    "به",
    "از",
    "که",
    "این",
    "ان",
    "را",
    "با",
    "است",
    "برای",
    "تا",
    "هم",
    "یا",
    "بر",
    "اما",
    "اگر",
    "نیز",
    "هر",
    "شد",
    "شده",
    "شود",
    "بود",
    "بودند",
    "خود",
    "من",
    "تو",
    "ما",
    "شما",
    "او",
    "وی",
    "ایشان",
    "انها",
    "اینها",
    "دیگر",
    "یک",
    "چه",
    "چون",
    "پس",
    "نه",
    "همین",
    "همان",
    "همه",
    "هیچ",
    "باید",
    "ولی",
    "بلکه",
    "زیرا",
    "مگر",
    "اینکه",
    "انکه",
    "انچه",
    "هست",
    "هستند",
    "نیست",
    "کی",
    "کجا",
    "چرا",
    "چگونه",
    "چطور",
    "چند",
    "کدام",
    "می",
    "نمی",
    "ها",
    "های",
    "اند",
    // Question words and their colloquial forms: readers type questions the
    // way they speak ("چیه" for "چیست", "کدوم" for "کدام"), articles never do.
    "چیست",
    "چیه",
    "چی",
    "کیست",
    "کیه",
    "کجاست",
    "کدوم",
    "کدامند",
    "کدامین",
    "چجوری",
    "چطوری",
    "رو",
    "کسی",
    "کسانی",
    "چیزی",
    "چقدر",
    "چقدره",
    "کجایی",
    "کجاییه",
    // "How many", "how many times", "the how-manieth": the answer holds a number or
    // an ordinal instead (`asks_for_number` and `asks_for_ordinal` in the search
    // engine read the normalized question, not these terms). "سالی" is the "year"
    // of "چه سالی", which the answer names by its number; elsewhere ("سالی که") it
    // is no more than "a year".
    "چندتا",
    "چندبار",
    "چندم",
    "چندمین",
    "سالی",
    // "About": formal "راجع به" and the spelling speech gives it.
    "راجع",
    "راجب",
    // Light verbs that carry little meaning of their own.
    "دارد",
    "داره",
    "دارند",
    "باشد",
    "باشند",
    "میشود",
    "میشه",
    "شه",
    "کند",
    "کنه",
    "کنند",
    "کرد",
    "کردند",
    "بوده",
    "بودن",
    "میباشد",
    // Spoken forms of the verbs above (`ن` for the plural `ند`). Only theirs:
    // `میکنه` is `میکند`, a term like any other verb, and the search engine's
    // typo tolerance already finds it one letter away.
    "کنن",
    "دارن",
    "هستن",
    "نیستن",
];

/// Pashto stop words, in normalized form (گ written ګ). Compared yeh-blind, like the
/// Pashto stemmer: `کې`, `کی` and `کي` are all the postposition.
const PASHTO: &[&str] = &[
    "د",
    "په",
    "او",
    "له",
    "چې",
    "دا",
    "هم",
    "یو",
    "کې",
    "ته",
    "نه",
    "پر",
    "تر",
    "دی",
    "ده",
    "دې",
    "هغه",
    "دغه",
    "لپاره",
    "سره",
    "څخه",
    "نو",
    "خو",
    "یا",
    "شو",
    "شوی",
    "وه",
    "وو",
    "زه",
    "موږ",
    "مونږ",
    "تاسو",
    "هغوی",
    "دوی",
    "یې",
    "مې",
    "به",
    "هر",
    "ځینې",
    "کوم",
    "چا",
    "ولې",
    "کله",
    "چیرته",
    "څنګه",
    "باندې",
    "ورته",
    "بیا",
    // Question words.
    "څه",
    "څوک",
    "چېرته",
    "څومره",
    "څو",
    "کومه",
];

/// The stop-word list of a language (Latin-script terms always use the English one).
pub fn stop_words(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::English => ENGLISH,
        Language::Dari => DARI,
        Language::Pashto => PASHTO,
    }
}

fn set(lang: Language) -> &'static HashSet<String> {
    static SETS: OnceLock<[HashSet<String>; 3]> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        [
            ENGLISH.iter().map(|w| w.to_string()).collect(),
            DARI.iter().map(|w| w.to_string()).collect(),
            PASHTO.iter().map(|w| fold_pashto_yeh(w)).collect(),
        ]
    });
    &sets[match lang {
        Language::English => 0,
        Language::Dari => 1,
        Language::Pashto => 2,
    }]
}

fn first_letter_script(term: &str) -> Option<Script> {
    term.chars().find(|c| c.is_alphabetic()).map(letter_script)
}

/// Whether a normalized term is a stop word: too common to be worth indexing.
///
/// Latin terms are checked against the English list; Arabic-script terms against
/// Pashto's for [`Language::Pashto`] and Dari's otherwise. Numbers are never stop words.
pub fn is_stop_word(term: &str, lang: Language) -> bool {
    match first_letter_script(term) {
        Some(Script::Latin) => set(Language::English).contains(term),
        Some(Script::Arabic) => match lang.profile() {
            Profile::Pashto => set(Language::Pashto).contains(&fold_pashto_yeh(term)),
            Profile::Dari => set(Language::Dari).contains(term),
        },
        _ => false,
    }
}

/// Whether a normalized Dari word, before the next, is the noun of "there
/// is": `وجود` before a form of `داشتن` (`وجود دارد`, `وجود ندارد`, `وجود
/// داشت`). A question's "چند ولایت وجود دارد؟" (how many provinces are
/// there?) asks no more of existence than English "there are", whose words
/// are stop words; on a site of a few Dari articles `وجود` is rare enough to
/// outweigh `ولایت` and choose "آمار قابل اعتمادی وجود ندارد." (there are no
/// reliable figures). Elsewhere it is a word like any other: `به وجود آمد`
/// ("came to be") is the articles' `به‌وجود`.
///
/// ```
/// use askaf_text::{is_there_is, Language};
///
/// assert!(is_there_is("وجود", "دارد", Language::Dari));
/// assert!(!is_there_is("وجود", "امد", Language::Dari));
/// assert!(!is_there_is("وجود", "دارد", Language::Pashto));
/// ```
pub fn is_there_is(word: &str, next: &str, lang: Language) -> bool {
    const HAVE: [&str; 12] = [
        "دارد",
        "ندارد",
        "دارند",
        "ندارند",
        "داره",
        "نداره",
        "دارن",
        "ندارن",
        "داشت",
        "نداشت",
        "داشتند",
        "نداشتند",
    ];
    lang.profile() == Profile::Dari && word == "وجود" && HAVE.contains(&next)
}

/// Whether a normalized English word of a question, with the next one
/// (`None` at the question's end), asks for a description and nothing of
/// its own: "look" before "like" ("What does the flag look like?"), and
/// that "like", or a question's last word "like" ("What is the climate
/// like?"). On the built-in site "look" and "like" each stood in no
/// paragraph on the flag, so the question lacked two of its three words
/// and was turned away, where "flag" alone finds the answer. `before` is
/// the word before, for the "like" of "look like".
///
/// ```
/// use askaf_text::{is_description_frame, Language};
///
/// let en = Language::English;
/// assert!(is_description_frame(None, "look", Some("like"), en));
/// assert!(is_description_frame(Some("look"), "like", Some("in"), en));
/// assert!(is_description_frame(Some("climate"), "like", None, en));
/// assert!(!is_description_frame(None, "look", Some("at"), en));
/// assert!(!is_description_frame(Some("people"), "like", Some("tea"), en));
/// assert!(!is_description_frame(None, "look", Some("like"), Language::Dari));
/// ```
pub fn is_description_frame(
    before: Option<&str>,
    word: &str,
    next: Option<&str>,
    lang: Language,
) -> bool {
    let look = |w: &str| matches!(w, "look" | "looks" | "looked" | "looking");
    lang == Language::English
        && ((look(word) && next == Some("like"))
            || (word == "like" && (before.is_some_and(look) || next.is_none())))
}

/// Whether a normalized word of a question names the sort of answer it
/// wants and nothing of its own: English "kind", "type" or "sort" between
/// "what" or "which" and "of" ("What kind of government does Afghanistan
/// have?" asks about its government), Dari "نوع" or "قسم" after "چه" or
/// "کدام" ("چه نوع حکومتی…"), Pashto "ډول" after "څه" or "کوم". An answer
/// names the thing ("…call their government the Islamic Emirate…"), rarely
/// its kind: on the built-in site "kind" stood in no paragraph on who
/// governs, weighed 0.77 of that question and turned it away, and the
/// Dari question was turned away too. Only the frame is dropped: "kind"
/// elsewhere ("a kind man", "the two kinds of visa") stays a word.
///
/// ```
/// use askaf_text::{is_category_frame, Language};
///
/// let en = Language::English;
/// assert!(is_category_frame(Some("what"), "kind", Some("of"), en));
/// assert!(is_category_frame(Some("which"), "types", Some("of"), en));
/// assert!(!is_category_frame(Some("two"), "kinds", Some("of"), en));
/// assert!(!is_category_frame(Some("what"), "kind", Some("man"), en));
/// assert!(is_category_frame(Some("چه"), "نوع", Some("حکومتی"), Language::Dari));
/// assert!(!is_category_frame(Some("این"), "نوع", Some("حکومت"), Language::Dari));
/// assert!(is_category_frame(Some("څه"), "ډول", Some("حکومت"), Language::Pashto));
/// assert!(!is_category_frame(Some("what"), "kind", Some("of"), Language::Dari));
/// ```
pub fn is_category_frame(
    before: Option<&str>,
    word: &str,
    next: Option<&str>,
    lang: Language,
) -> bool {
    let Some(before) = before else {
        return false;
    };
    match lang {
        Language::English => {
            matches!(word, "kind" | "kinds" | "type" | "types" | "sort" | "sorts")
                && next == Some("of")
                && matches!(before, "what" | "which")
        }
        Language::Dari => matches!(word, "نوع" | "قسم") && matches!(before, "چه" | "کدام" | "کدوم"),
        Language::Pashto => matches!(word, "ډول") && matches!(before, "څه" | "کوم"),
    }
}

/// Whether a normalized word of a question is English "get" in one of its
/// forms, which asks for nothing of its own: "How do I get a visa?" asks
/// about visas. On a site of a few articles "get" is rare enough to outweigh
/// the question's subject, and it chose "If you get into trouble, your
/// government may be able to do very little." over the paragraph on visas.
/// Only questions drop it: an article's "get" stays indexed, to be quoted.
/// Other light verbs (make, take, give, go, put, keep, let) were measured
/// with it and not kept: on the SQuAD half they cost Recall@1 and
/// off-corpus abstention, where "get" alone moved every figure a little up
/// (README, "A verb that asks for nothing").
///
/// ```
/// use askaf_text::{is_empty_verb, Language};
///
/// assert!(is_empty_verb("get", Language::English));
/// assert!(is_empty_verb("got", Language::English));
/// assert!(!is_empty_verb("visa", Language::English));
/// assert!(!is_empty_verb("get", Language::Dari));
/// ```
pub fn is_empty_verb(word: &str, lang: Language) -> bool {
    lang == Language::English && matches!(word, "get" | "gets" | "getting" | "got" | "gotten")
}

/// Reduce a normalized term to its stem, so inflected forms meet.
///
/// * Latin script: Snowball (Porter 2) English, after spelling `-ize`/`-ization`/`-yze`
///   the British way (`-ise`), since the site's sources use both. Snowball itself
///   keeps `recognition` (`recognit`) apart from `recognise` (`recognis`), and leaves
///   irregular plurals such as `women` alone.
/// * Dari: a light stripper. At most one plural ending (`ها`, `های`, `هایی`, `هایم` …
///   `هایشان`), then `ترین` or `تر`, then the ezafe `ی` after a final alef, each only
///   if two letters remain and the word is not in a short exception list (`تنها`,
///   `نهایت`, `دختر`, `دفتر`, `کامپیوتر`, …): `کتابهایشان` → `کتاب`, `بزرگترین` → `بزرگ`,
///   `صدای` → `صدا`. The plural `ان` and the ezafe or indefinite `ی` after a consonant
///   are left, because `طالبان`, `افغانستان`, `زبان`, `علی`, `زندگی` would be wrecked.
/// * Pashto: lighter still. All yeh letters (ی ي ې ۍ ئ) become ی, because writers mix
///   them and a Persian keyboard cannot type ې or ۍ (`ډېر` = `ډیر`), and the plural
///   `ونه`/`ونو` is removed if three letters remain (`کورونه` → `کور`).
/// * Terms with digits, and other scripts, are returned unchanged.
pub fn stem(term: &str, lang: Language) -> String {
    if term.chars().any(char::is_numeric) {
        return term.to_string();
    }
    match first_letter_script(term) {
        Some(Script::Latin) => stem_english(term),
        Some(Script::Arabic) => match lang.profile() {
            Profile::Pashto => stem_pashto(term),
            Profile::Dari => stem_dari(term),
        },
        _ => term.to_string(),
    }
}

/// Tokenize, drop stop words and stem: the terms to index, or to search for.
/// Positions are those of [`tokenize`], so they keep the gaps left by stop words.
///
/// ```
/// use askaf_text::{analyze, Language};
///
/// let terms: Vec<(String, usize)> = analyze("The elections in Kabul", Language::English)
///     .into_iter()
///     .map(|t| (t.term, t.position))
///     .collect();
/// assert_eq!(terms, [("elect".to_string(), 1), ("kabul".to_string(), 3)]);
/// ```
pub fn analyze(text: &str, lang: Language) -> Vec<Token> {
    analyze_words(&tokenize(text, lang), lang)
}

/// [`analyze`] of words [`tokenize`] already split, for a caller that needs
/// the words too (a stemmed term is a new string either way).
pub fn analyze_words(words: &[Token], lang: Language) -> Vec<Token> {
    words
        .iter()
        .filter(|t| !is_stop_word(&t.term, lang))
        .map(|t| Token {
            term: stem(&t.term, lang),
            range: t.range.clone(),
            position: t.position,
        })
        .collect()
}

fn english_stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// American `-ize` spellings to British `-ise`, when at least three letters come
/// before. Folding this way round leaves `-ise` words that are not the suffix
/// (`revise`, `exercise`, `televise`) untouched, so Snowball still joins `revise`
/// and `revision`; `size`, `prize` and `seize` are too short to be touched.
fn british_spelling(term: &str) -> std::borrow::Cow<'_, str> {
    const ENDINGS: &[(&str, &str)] = &[
        ("izations", "isations"),
        ("ization", "isation"),
        ("izing", "ising"),
        ("izers", "isers"),
        ("izer", "iser"),
        ("ized", "ised"),
        ("izes", "ises"),
        ("ize", "ise"),
        ("yzing", "ysing"),
        ("yzed", "ysed"),
        ("yzes", "yses"),
        ("yze", "yse"),
    ];
    for (american, british) in ENDINGS {
        if let Some(stem) = term.strip_suffix(american) {
            if stem.chars().count() >= 3 {
                return format!("{stem}{british}").into();
            }
            break;
        }
    }
    term.into()
}

/// English irregular past forms, and past participles, with their verb:
/// Snowball leaves "won" apart from "win", and a question asks "When did
/// the Broncos win?" of a passage that says "the Broncos won". Forms that
/// are words of their own too are left out ("found", "left", "saw",
/// "rose", "ground", "wound", "bore", "lay", "born"). Sorted, for a binary
/// search.
const ENGLISH_IRREGULAR: &[(&str, &str)] = &[
    ("arisen", "arise"),
    ("arose", "arise"),
    ("ate", "eat"),
    ("beaten", "beat"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bitten", "bite"),
    ("bled", "bleed"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("bought", "buy"),
    ("bred", "breed"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("clung", "cling"),
    ("crept", "creep"),
    ("dealt", "deal"),
    ("drawn", "draw"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("dug", "dig"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("flung", "fling"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("foresaw", "foresee"),
    ("foreseen", "foresee"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("forsaken", "forsake"),
    ("forsook", "forsake"),
    ("fought", "fight"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("gone", "go"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("hung", "hang"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("led", "lead"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("mistaken", "mistake"),
    ("mistook", "mistake"),
    ("outgrew", "outgrow"),
    ("overcame", "overcome"),
    ("overran", "overrun"),
    ("overtaken", "overtake"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("overtook", "overtake"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rang", "ring"),
    ("rebuilt", "rebuild"),
    ("redrew", "redraw"),
    ("retaken", "retake"),
    ("retook", "retake"),
    ("rewritten", "rewrite"),
    ("rewrote", "rewrite"),
    ("ridden", "ride"),
    ("rode", "ride"),
    ("rung", "ring"),
    ("said", "say"),
    ("sang", "sing"),
    ("sank", "sink"),
    ("sat", "sit"),
    ("seen", "see"),
    ("sent", "send"),
    ("shaken", "shake"),
    ("shone", "shine"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("shrank", "shrink"),
    ("slept", "sleep"),
    ("slid", "slide"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("sped", "speed"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("sprang", "spring"),
    ("spun", "spin"),
    ("stank", "stink"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("striven", "strive"),
    ("strove", "strive"),
    ("struck", "strike"),
    ("stuck", "stick"),
    ("stunk", "stink"),
    ("sung", "sing"),
    ("sunk", "sink"),
    ("swam", "swim"),
    ("swept", "sweep"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("undergone", "undergo"),
    ("understood", "understand"),
    ("undertaken", "undertake"),
    ("undertook", "undertake"),
    ("underwent", "undergo"),
    ("upheld", "uphold"),
    ("went", "go"),
    ("wept", "weep"),
    ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"),
    ("withheld", "withhold"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("won", "win"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("wove", "weave"),
    ("woven", "weave"),
    ("written", "write"),
    ("wrote", "write"),
];

fn stem_english(term: &str) -> String {
    let term = match ENGLISH_IRREGULAR.binary_search_by(|(form, _)| form.cmp(&term)) {
        Ok(i) => ENGLISH_IRREGULAR[i].1,
        Err(_) => term,
    };
    english_stemmer().stem(&british_spelling(term)).into_owned()
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Dari plural endings, longest first: `ها` and `های` with the possessive and
/// indefinite endings. (The ZWNJ before them is gone after normalization.)
const DARI_PLURALS: &[&str] = &[
    "هایشان",
    "هایتان",
    "هایمان",
    "هایش",
    "هایت",
    "هایم",
    "هایی",
    "های",
    "ها",
];

/// Words that end like a Dari suffix but are not inflected: `تنها` "alone",
/// `نهایت` "end", `دختر` "girl", `کامپیوتر`, the `-متر` units, `دکترین` "doctrine".
const DARI_KEEP: &[&str] = &[
    "تنها",
    "تنهایی",
    "انتها",
    "اشتها",
    "نهایت",
    "بینهایت",
    "دختر",
    "دفتر",
    "دکتر",
    "کبوتر",
    "کفتر",
    "انگشتر",
    "بستر",
    "اختر",
    "خاکستر",
    "استر",
    "مستر",
    "پیتر",
    "کامپیوتر",
    "کمپیوتر",
    "فیلتر",
    "متر",
    "کیلومتر",
    "سانتیمتر",
    "میلیمتر",
    "پارامتر",
    "لیتر",
    "تیاتر",
    "هلیکوپتر",
    "پوستر",
    "کاراکتر",
    "رجستر",
    "دکترین",
];

/// A light, conservative Dari stemmer. At most one of each, in order:
///
/// 1. the plural `ها`/`های` with possessive or indefinite endings
///    (`کتابهایشان` → `کتاب`), leaving at least two letters;
/// 2. the superlative `ترین` or comparative `تر` (`بزرگترین`, `بزرگتر` → `بزرگ`),
///    leaving at least two letters;
/// 3. the ezafe `ی` after a final alef (`صدای` → `صدا`).
///
/// Words in a short exception list (`تنها`, `نهایت`, `دختر`, `دفتر`, `کامپیوتر`, …) are
/// left alone. Deliberately not stripped: the plural `ان` (`طالبان` → `طالب`,
/// `افغانستان`, `زبان`, `ایران` would be wrecked), `گان`, and the indefinite or ezafe
/// `ی` after a consonant (`علی`, `زندگی`, `بازی`). One ambiguity stays: without the
/// ZWNJ, `خانه‌ای` ("a house") and `خان‌های` ("khans of") are both `خانهای`, and
/// stem to `خان`.
fn stem_dari(term: &str) -> String {
    if DARI_KEEP.contains(&term) {
        return term.to_string();
    }
    let mut word = term;
    for suffix in DARI_PLURALS {
        if let Some(rest) = word.strip_suffix(suffix) {
            if char_count(rest) >= 2 {
                word = rest;
            }
            break;
        }
    }
    if !DARI_KEEP.contains(&word) {
        for suffix in ["ترین", "تر"] {
            if let Some(rest) = word.strip_suffix(suffix) {
                if char_count(rest) >= 2 {
                    word = rest;
                }
                break;
            }
        }
    }
    if let Some(rest) = word.strip_suffix('ی') {
        if rest.ends_with('ا') && char_count(rest) >= 2 {
            word = rest;
        }
    }
    word.to_string()
}

/// The yeh letters of Pashto, all written as ی.
fn fold_pashto_yeh(term: &str) -> String {
    term.chars()
        .map(|c| match c {
            'ي' | 'ې' | 'ۍ' | 'ئ' | 'ى' => 'ی',
            other => other,
        })
        .collect()
}

/// A very light Pashto stemmer.
///
/// 1. Every yeh, ی ي ې ۍ ئ, becomes ی. [`normalize`](crate::normalize) keeps them apart,
///    but writers use them interchangeably (`ډېر`/`ډیر`, `ښځې`/`ښځی`), and on a Persian
///    keyboard ې and ۍ cannot be typed at all. The stem is a search key, not a word.
/// 2. The plural `ونه` and its oblique `ونو` are removed when three letters remain
///    (`کورونه`, `کورونو` → `کور`; `ونه` "tree" and `نمونه` "sample" stay).
///
/// Nothing else: Pashto's feminine and oblique endings (ه، ې، و، ان) are too
/// often part of the word itself.
fn stem_pashto(term: &str) -> String {
    let folded = fold_pashto_yeh(term);
    for suffix in ["ونه", "ونو"] {
        if let Some(rest) = folded.strip_suffix(suffix) {
            if char_count(rest) >= 3 {
                return rest.to_string();
            }
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    #[test]
    fn stop_word_lists_are_normalized() {
        for lang in Language::ALL {
            for w in stop_words(lang) {
                assert_eq!(&normalize(w, lang), w, "{lang}: {w}");
            }
        }
        for w in DARI_KEEP.iter().chain(DARI_PLURALS) {
            assert_eq!(&normalize(w, Language::Dari), w);
        }
    }

    #[test]
    fn stop_word_membership() {
        for w in ["the", "and", "of", "it's", "when"] {
            assert!(is_stop_word(w, Language::English), "{w}");
        }
        for w in ["not", "kabul", "taliban", "1402"] {
            assert!(!is_stop_word(w, Language::English), "{w}");
        }
        for w in ["و", "در", "به", "از", "که", "این", "ان", "را", "با", "است"]
        {
            assert!(is_stop_word(w, Language::Dari), "{w}");
        }
        assert!(!is_stop_word("کابل", Language::Dari));
        // Question words and light verbs as readers speak them.
        for w in [
            "چیه",
            "کیه",
            "چقدره",
            "کجاییه",
            "چندتا",
            "چندبار",
            "چندمین",
            "سالی",
            "راجب",
            "کنن",
            "دارن",
            "هستن",
            "نیستن",
        ] {
            assert!(is_stop_word(w, Language::Dari), "{w}");
        }
        // The content words they come near stay.
        for w in ["سال", "چندین", "راجستان", "کنار", "میکنه", "میکند"]
        {
            assert!(!is_stop_word(w, Language::Dari), "{w}");
        }
        // Dari's question words are not on Pashto's list.
        assert!(!is_stop_word("چندمین", Language::Pashto));
        for w in ["د", "په", "او", "له", "چې", "دا", "هم", "یو", "کې", "ته"] {
            assert!(is_stop_word(w, Language::Pashto), "{w}");
        }
        // Yeh-blind for Pashto: Persian-keyboard spellings.
        assert!(is_stop_word("چی", Language::Pashto));
        assert!(is_stop_word("کی", Language::Pashto));
        assert!(!is_stop_word("کابل", Language::Pashto));
        // Latin words use the English list whatever the language.
        assert!(is_stop_word("the", Language::Pashto));
        // Arabic-script words in English text use the Dari list.
        assert!(is_stop_word("و", Language::English));
    }

    #[test]
    fn english_stems() {
        let s = |w| stem(w, Language::English);
        assert_eq!(s("running"), "run");
        assert_eq!(s("elections"), "elect");
        assert_eq!(s("election"), "elect");
        assert_eq!(s("afghans"), "afghan");
        assert_eq!(s("russia's"), "russia");
        assert_eq!(s("recognize"), s("recognise"));
        assert_eq!(s("recognized"), s("recognised"));
        assert_eq!(s("organization"), s("organisation"));
        assert_eq!(s("analyzed"), s("analysed"));
        assert_eq!(s("revise"), s("revision"));
        assert_eq!(s("size"), "size");
        assert_eq!(s("3.5"), "3.5");
    }

    #[test]
    fn irregular_english_verbs_meet_their_base_form() {
        let s = |w| stem(w, Language::English);
        for (form, verb) in [
            ("won", "win"),
            ("took", "take"),
            ("taken", "take"),
            ("fought", "fight"),
            ("written", "write"),
            ("underwent", "undergo"),
        ] {
            assert_eq!(s(form), s(verb), "{form}");
        }
        // Forms that are words of their own stay apart.
        assert_ne!(s("found"), s("find"));
        assert_ne!(s("left"), s("leave"));
        // The table is searched by halves: it must stay sorted.
        assert!(ENGLISH_IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn dari_stems() {
        let s = |w| stem(w, Language::Dari);
        assert_eq!(s("کتابها"), "کتاب");
        assert_eq!(s("کتابهای"), "کتاب");
        assert_eq!(s("کتابهایشان"), "کتاب");
        assert_eq!(s("خانهها"), "خانه");
        assert_eq!(s("بزرگترین"), "بزرگ");
        assert_eq!(s("بزرگتر"), "بزرگ");
        assert_eq!(s("بزرگترها"), "بزرگ");
        assert_eq!(s("صدای"), "صدا");
        assert_eq!(s("صداهای"), "صدا");
        // Left alone.
        for w in [
            "تنها",
            "نهایت",
            "دختر",
            "دفتر",
            "کامپیوتر",
            "کیلومتر",
            "طالبان",
            "افغانستان",
            "علی",
            "زندگی",
            "ها",
            "رها",
            "تر",
        ] {
            assert_eq!(s(w), w);
        }
        assert_eq!(s("دخترها"), "دختر");
    }

    #[test]
    fn pashto_stems() {
        let s = |w| stem(w, Language::Pashto);
        assert_eq!(s("ډېر"), s("ډیر"));
        assert_eq!(s("ښځې"), s("ښځی"));
        assert_eq!(s("کورونه"), "کور");
        assert_eq!(s("کورونو"), "کور");
        assert_eq!(s("ونه"), "ونه");
        assert_eq!(s("نمونه"), "نمونه");
        assert_eq!(s("ټولنه"), "ټولنه");
    }

    #[test]
    fn latin_words_stem_as_english_in_any_language() {
        assert_eq!(stem("elections", Language::Dari), "elect");
        assert_eq!(stem("elections", Language::Pashto), "elect");
    }

    #[test]
    fn analyze_drops_stop_words_and_keeps_positions() {
        let tokens = analyze("The elections in Kabul", Language::English);
        let got: Vec<(&str, usize)> = tokens
            .iter()
            .map(|t| (t.term.as_str(), t.position))
            .collect();
        assert_eq!(got, [("elect", 1), ("kabul", 3)]);
        let tokens = analyze("کتاب‌های من در کابل", Language::Dari);
        let got: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(got, ["کتاب", "کابل"]);
    }
}

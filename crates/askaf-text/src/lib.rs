//! Text analysis for searching AskAfghanistan's articles in English, Dari and Pashto.
//!
//! Pure functions, no I/O: the search index (paragraphs, BM25) and the answer
//! extractor call them on both sides, the articles and the reader's question, so
//! every rule here is about making two spellings of one word into one term.
//!
//! * [`normalize`] folds a text for search: NFKC, lowercase, no Latin accents,
//!   straight quotes, and in Arabic script one code point per letter whatever the
//!   keyboard (ي/ی, ك/ک), no diacritics or tatweel, ASCII digits, no ZWNJ, and Dari
//!   prefixes and suffixes joined to their word whether written with a ZWNJ, a space
//!   or nothing. Pashto's own letters are kept. It is idempotent.
//! * [`tokenize`] cuts a text into normalized terms, each with its byte range in the
//!   *original* text, for highlighting. It agrees with [`normalize`]: tokenizing a
//!   text and tokenizing its normalized form give the same terms.
//! * [`is_stop_word`], [`stem()`] and [`analyze`] turn tokens into index terms:
//!   Snowball English, and deliberately light suffix stripping for Dari and Pashto.
//! * [`compound`] and [`enclitic_hosts`] offer the readings of informal Dari that
//!   no rule can apply blindly (`بین المللی` for `بین‌المللی`, `ایرانه` for
//!   `ایران است`), and [`unseen_spaces`] those of two Dari or Pashto words run
//!   together where the space would not show (`درطول`): the search engine takes
//!   one only where the articles confirm it.
//! * [`sentences`] finds sentence boundaries in the original text, for answer
//!   extraction.
//!
//! The rules work character by character and by script, so mixed text is safe: a
//! Latin word in a Dari paragraph is lowercased and stemmed as English, and an Arabic
//! word in an English one is folded with the Arabic-script rules. The [`Language`]
//! only chooses *which* Arabic-script rules apply (Dari's or Pashto's; English uses
//! Dari's, the more common keyboard). [`normalize_mixed`] and [`tokenize_mixed`]
//! instead choose them per run of Arabic-script words, by looking for Pashto letters.
//!
//! Index and query must go through the same function with the same language.

mod analysis;
mod chars;
mod informal;
mod sentence;
mod stem;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use analysis::{analyse, Mode};
use chars::Profile;

pub use chars::{ascii_digits, is_invisible, persian_digits};
pub use informal::{compound, enclitic_hosts, other_number, unseen_spaces};
pub use sentence::sentences;
pub use stem::{
    analyze, analyze_words, is_category_frame, is_description_frame, is_empty_verb, is_stop_word,
    is_there_is, stem, stop_words,
};

/// A language of the site's text.
///
/// Kept separate from the content crate's own language type so this crate depends on
/// nothing of the site's; convert with [`Language::from_code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    English,
    /// Dari, tagged `fa`.
    Dari,
    /// Pashto, tagged `ps`.
    Pashto,
}

impl Language {
    /// Every language, in the site's order.
    pub const ALL: [Language; 3] = [Language::English, Language::Dari, Language::Pashto];

    /// The language for the site's code: `en`, `fa` (Dari) or `ps`.
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::English),
            "fa" => Some(Language::Dari),
            "ps" => Some(Language::Pashto),
            _ => None,
        }
    }

    /// The site's code for the language.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Dari => "fa",
            Language::Pashto => "ps",
        }
    }

    /// The Arabic-script rules for this language. English text quotes Afghan names
    /// typed on Persian keyboards more often than on Pashto ones.
    pub(crate) fn profile(self) -> Profile {
        match self {
            Language::Pashto => Profile::Pashto,
            Language::English | Language::Dari => Profile::Dari,
        }
    }

    fn fixed(self) -> Mode {
        Mode::Fixed(self.profile())
    }

    fn guessing(self) -> Mode {
        match self {
            Language::English => Mode::Guess(Profile::Dari),
            _ => self.fixed(),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The reason a language code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language `{}` (expected en, fa or ps)", self.0)
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_code(s).ok_or_else(|| UnknownLanguage(s.to_string()))
    }
}

/// A term and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalized term (after [`analyze`], the stem).
    pub term: String,
    /// Byte range of the word in the original text, on `char` boundaries, to
    /// highlight it. A Dari affix written apart (`می خواهم`) makes one token whose
    /// range covers both parts and the space between.
    pub range: Range<usize>,
    /// The token's index among all tokens of the text. [`analyze`] drops stop words
    /// but keeps the positions, so phrase queries still see the gaps.
    pub position: usize,
}

/// The language a question's letters say it is written in, when they are
/// all of one script: Latin letters are English, Arabic-script ones Pashto
/// if any letter only Pashto uses (ټ ډ ړ ښ ږ ځ څ ګ ڼ ې ۍ) is among them, else
/// Dari. `None` for no letters or both scripts (a Dari question naming
/// "COVID"): the reader's language then stands.
///
/// ```
/// use askaf_text::{written_in, Language};
///
/// assert_eq!(written_in("Where is Kabul?"), Some(Language::English));
/// assert_eq!(written_in("کابل کجاست؟"), Some(Language::Dari));
/// assert_eq!(written_in("پلازمېنه چېرته ده؟"), Some(Language::Pashto));
/// assert_eq!(written_in("واکسین COVID چیست؟"), None);
/// assert_eq!(written_in("2021?"), None);
/// ```
pub fn written_in(text: &str) -> Option<Language> {
    let (mut latin, mut arabic, mut pashto) = (false, false, false);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match chars::letter_script(c) {
            chars::Script::Latin => latin = true,
            chars::Script::Arabic => {
                arabic = true;
                pashto |= chars::is_pashto_only_letter(c);
            }
            chars::Script::Other => return None,
        }
    }
    match (latin, arabic) {
        (true, false) => Some(Language::English),
        (false, true) if pashto => Some(Language::Pashto),
        (false, true) => Some(Language::Dari),
        _ => None,
    }
}

/// The way a paragraph a reader wrote reads: left to right or right to left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The direction of a paragraph from its words, for text whose language no
/// one declared (a reader's comment). A browser's `dir="auto"` takes the
/// first letter's, so a Dari sentence that opens with `UNHCR` is laid out
/// left to right and reads back to front; here each word counts, by its
/// first letter, and the paragraph is right to left when more than 40% of
/// its words are (the estimate Google's Closure library makes, a right-to-
/// left text being the one more often sprinkled with Latin names).
/// Addresses (`https://…`, `www.…`, `name@host`) are left out, being Latin
/// whatever the language around them. `None` when no word has a letter
/// (`2025`, `👍`).
///
/// ```
/// use askaf_text::{direction, Direction};
///
/// assert_eq!(direction("UNHCR گزارش داده است که ۲٫۹ میلیون بازگشتند."), Some(Direction::Rtl));
/// assert_eq!(direction("I read it in کابل last week."), Some(Direction::Ltr));
/// assert_eq!(direction("ببینید: https://www.unhcr.org/en/countries/afghanistan"), Some(Direction::Rtl));
/// assert_eq!(direction("2025 …"), None);
/// ```
pub fn direction(text: &str) -> Option<Direction> {
    let (mut rtl, mut words) = (0usize, 0usize);
    for word in text.split_whitespace() {
        let lower = word.to_lowercase();
        if lower.contains("://") || lower.starts_with("www.") || lower.contains('@') {
            continue;
        }
        let Some(first) = word.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        words += 1;
        if chars::is_right_to_left(first) {
            rtl += 1;
        }
    }
    match words {
        0 => None,
        _ if rtl * 10 > words * 4 => Some(Direction::Rtl),
        _ => Some(Direction::Ltr),
    }
}

/// Normalize `text` for search.
///
/// * Unicode NFKC (Arabic presentation forms, ligatures, full-width letters),
///   lowercase, Latin diacritics removed (`Kābul` → `kabul`).
/// * Curly apostrophes `’ ‘ ʼ ʻ ´ \`` → `'` and quotes `“ ” „ « »` → `"`.
/// * Arabic script, both Dari and Pashto: ي ى → ی, ك → ک, ة ۀ ھ → ه, أ إ آ ٱ → ا,
///   ؤ → و; harakat, superscript alef, tatweel and the lone hamza ء removed; Persian
///   and Arabic-Indic digits → ASCII.
/// * ZWNJ, ZWJ, ZWSP, LRM, RLM, BOM and the other invisible format characters
///   removed. Removing ZWNJ joins the parts it separated: `می‌خواهم` → `میخواهم`.
/// * Dari rules (for [`Language::Dari`] and [`Language::English`]): the prefixes
///   `می`, `نمی` and the suffixes `ها`, `های`, `هایی`, `هایم` … `هایشان`, `ترین`, `اند`
///   written as separate words are joined to their word, so `می خواهم`, `می‌خواهم`
///   and `میخواهم` all become `میخواهم`, and `کتاب ها` becomes `کتابها`. ئ → ی,
///   Pashto ګ → گ.
/// * Pashto rules: its letters ټ ډ ړ ښ ږ ځ څ ګ ڼ ې ۍ ئ are kept; Persian گ → ګ so
///   text typed on a Persian keyboard matches. No affix joining.
/// * Whitespace runs → one space, trimmed; a space is put where a word in one
///   script runs straight into a word in another (`Kabulکابل` → `kabul کابل`).
///   Other punctuation is kept.
///
/// `normalize(&normalize(x, l), l) == normalize(x, l)`.
///
/// ```
/// use askaf_text::{normalize, Language};
///
/// let dari = Language::Dari;
/// assert_eq!(normalize("می‌خواهم", dari), "میخواهم");
/// assert_eq!(normalize("می خواهم", dari), "میخواهم");
/// assert_eq!(normalize("كابل ۱۴۰۲", dari), "کابل 1402");
/// assert_eq!(normalize("گټه", Language::Pashto), "ګټه");
/// assert_eq!(normalize("Russia’s", Language::English), "russia's");
/// ```
pub fn normalize(text: &str, lang: Language) -> String {
    analyse(text, lang.fixed()).normalized()
}

/// Like [`normalize`], but choosing the Arabic-script rules run by run.
///
/// For [`Language::English`], each run of Arabic-script words (up to the next Latin
/// word) is treated as Pashto if it contains a letter only Pashto uses
/// (ټ ډ ړ ښ ږ ځ څ ګ ڼ ې ۍ), and as Dari otherwise; Latin runs are English either way.
/// For Dari and Pashto it is the same as [`normalize`]: in an article of known
/// language, the language is a better guess than a letter count.
pub fn normalize_mixed(text: &str, lang: Language) -> String {
    analyse(text, lang.guessing()).normalized()
}

/// Cut `text` into normalized terms with their byte ranges in `text`.
///
/// Words split at whitespace, at punctuation of both scripts (`، ؛ ؟ « » ۔`, …),
/// and where a Latin word runs straight into an Arabic-script one. Inside a word an
/// apostrophe between Latin letters is kept (`russia's`), and `.`/`,` between digits
/// (`3.5`, `1,000`; Arabic `٫` becomes `.`). ZWNJ, tatweel and diacritics never
/// split. Numbers are kept as terms. Each term is what [`normalize`] makes of it,
/// so `tokenize(&normalize(x, l), l)` has the same terms as `tokenize(x, l)`.
///
/// ```
/// use askaf_text::{tokenize, Language};
///
/// let text = "«کـــابل» می خواهد";
/// let tokens = tokenize(text, Language::Dari);
/// assert_eq!(tokens[0].term, "کابل");
/// assert_eq!(&text[tokens[0].range.clone()], "کـــابل");
/// assert_eq!(tokens[1].term, "میخواهد");
/// assert_eq!(&text[tokens[1].range.clone()], "می خواهد");
/// ```
pub fn tokenize(text: &str, lang: Language) -> Vec<Token> {
    to_tokens(analyse(text, lang.fixed()).tokens())
}

/// [`tokenize`] with the run-by-run rules of [`normalize_mixed`].
pub fn tokenize_mixed(text: &str, lang: Language) -> Vec<Token> {
    to_tokens(analyse(text, lang.guessing()).tokens())
}

fn to_tokens(terms: Vec<(String, Range<usize>)>) -> Vec<Token> {
    terms
        .into_iter()
        .enumerate()
        .map(|(position, (term, range))| Token {
            term,
            range,
            position,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Language) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Language::ALL {
            assert_eq!(Language::from_code(lang.code()), Some(lang));
            assert_eq!(lang.to_string().parse::<Language>(), Ok(lang));
        }
        assert_eq!(Language::from_code("prs"), None);
        assert!("de".parse::<Language>().is_err());
        assert_eq!(
            "xx".parse::<Language>().unwrap_err().to_string(),
            "unknown language `xx` (expected en, fa or ps)"
        );
    }

    #[test]
    fn english_basics() {
        assert_eq!(
            normalize("  The  Taliban’s “return”\tto KĀBUL  ", Language::English),
            "the taliban's \"return\" to kabul"
        );
        assert_eq!(normalize("ﬁnance ＡＢＣ", Language::English), "finance abc");
        assert_eq!(normalize("Kabulکابل", Language::English), "kabul کابل");
        assert_eq!(normalize("a㏠", Language::English), "a1 日");
    }

    #[test]
    fn zwnj_space_and_joined_forms_meet() {
        let a = normalize("می‌خواهم", Language::Dari);
        assert_eq!(a, "میخواهم");
        assert_eq!(normalize("میخواهم", Language::Dari), a);
        assert_eq!(normalize("می خواهم", Language::Dari), a);
        assert_eq!(normalize("مي  خواهم", Language::Dari), a);
        assert_eq!(normalize("نمی خواهم", Language::Dari), "نمیخواهم");
        assert_eq!(normalize("کتاب ها", Language::Dari), "کتابها");
        assert_eq!(normalize("کتاب‌های من", Language::Dari), "کتابهای من");
        assert_eq!(normalize("بزرگ ترین شهر", Language::Dari), "بزرگترین شهر");
        assert_eq!(normalize("رفته اند", Language::Dari), "رفتهاند");
    }

    #[test]
    fn joining_needs_a_plain_space_and_arabic_neighbours() {
        // Punctuation between: not joined.
        assert_eq!(normalize("می، خواهم", Language::Dari), "می، خواهم");
        // A number is not a word to join to.
        assert_eq!(normalize("۲۰ ها", Language::Dari), "20 ها");
        assert_eq!(normalize("می 20", Language::Dari), "می 20");
        // Pashto has no such affixes: a Pashto `می` is left alone.
        assert_eq!(normalize("می خواهم", Language::Pashto), "می خواهم");
    }

    #[test]
    fn joined_tokens_cover_both_parts() {
        let text = "او می خواهد";
        let tokens = tokenize(text, Language::Dari);
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[1].term, "میخواهد");
        assert_eq!(&text[tokens[1].range.clone()], "می خواهد");
        assert_eq!(tokens[1].position, 1);
    }

    #[test]
    fn tokens_keep_original_ranges() {
        let text = "«کـــابل» و Russia’s ۱۴۰۲!";
        let tokens = tokenize(text, Language::Dari);
        let got: Vec<(&str, &str)> = tokens
            .iter()
            .map(|t| (t.term.as_str(), &text[t.range.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("کابل", "کـــابل"),
                ("و", "و"),
                ("russia's", "Russia’s"),
                ("1402", "۱۴۰۲")
            ]
        );
    }

    #[test]
    fn numbers_are_terms() {
        assert_eq!(
            terms("3.5 million, 1,000 and ۳٫۵", Language::English),
            ["3.5", "million", "1,000", "and", "3.5"]
        );
    }

    #[test]
    fn compatibility_characters_can_make_several_terms() {
        let tokens = tokenize("x ½ y", Language::English);
        let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["x", "1", "2", "y"]);
        assert_eq!(tokens[1].range, tokens[2].range);
    }

    #[test]
    fn mixed_guesses_pashto_runs() {
        let text = "Gaf: ګډون and گروه";
        // English fixed rules read every Arabic word as Dari.
        assert_eq!(normalize(text, Language::English), "gaf: گډون and گروه");
        // Mixed reads the first run as Pashto (it has ډ and ګ).
        assert_eq!(
            normalize_mixed(text, Language::English),
            "gaf: ګډون and گروه"
        );
        assert_eq!(
            normalize_mixed("ښه ګټه او گټه", Language::English),
            "ښه ګټه او ګټه"
        );
        assert_eq!(
            normalize_mixed(text, Language::Dari),
            normalize(text, Language::Dari)
        );
        let t: Vec<String> = tokenize_mixed(text, Language::English)
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(t, ["gaf", "ګډون", "and", "گروه"]);
    }

    #[test]
    fn empty_and_blank() {
        for lang in Language::ALL {
            assert_eq!(normalize("", lang), "");
            assert_eq!(normalize(" \u{200C}\u{200F} \n", lang), "");
            assert!(tokenize("", lang).is_empty());
            assert!(tokenize(" ،؛ … ", lang).is_empty());
        }
    }
}

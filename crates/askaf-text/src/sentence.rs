//! Sentence boundaries, for picking the sentence that answers a question.

use std::ops::Range;

use crate::chars::{letter_script, Script};
use crate::Language;

/// Titles and other abbreviations that are followed by a name, never by a new sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "maj", "capt",
    "cpt", "sgt", "cmdr", "adm", "gov", "sen", "rep", "pres", "hon", "rev", "amb", "vs", "cf",
    "approx",
];

/// Abbreviations that are followed by a number: `No. 5`, `Jan. 12`, `p. 3`.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "p", "pp", "fig", "art", "sec", "ch", "para", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Characters that end a sentence. `.` needs care; the others do not.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{061F}' // ؟ Arabic question mark
            | '\u{06D4}' // ۔ Arabic full stop
            | '\u{2026}' // …
            | '\u{203C}'
            | '\u{2047}'..='\u{2049}' | '\u{FF01}' | '\u{FF0E}' | '\u{FF1F}' | '\u{3002}'
    )
}

/// Terminators that never occur inside a word or number.
fn is_arabic_terminator(c: char) -> bool {
    matches!(c, '\u{061F}' | '\u{06D4}')
}

/// What may follow a terminator and still belong to the sentence: closing quotes
/// and brackets.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{2019}'
            | '\u{201D}'
            | '\u{00BB}'
            | '\u{203A}'
            | ')'
            | ']'
            | '}'
            | '\u{300D}'
            | '\u{300F}'
    )
}

fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic() && letter_script(c) == Script::Arabic
}

fn is_latin_lowercase(c: char) -> bool {
    c.is_lowercase() && letter_script(c) == Script::Latin
}

/// Split `text` into sentences, returned as byte ranges of `text`.
///
/// Each range is trimmed of whitespace; the ranges are in order, do not overlap,
/// and together hold every non-whitespace character. A sentence ends at `.`, `!`,
/// `?`, `…`, the Arabic question mark `؟` or the Arabic full stop `۔` (with any
/// closing quotes or brackets after it), and at a blank line. A `.` does not end a
/// sentence:
/// * inside a number or word (`3.5`, `۱۴۰۲.۵`, `U.S.`, `e.g.`, `example.com`);
/// * after an initial (`J. K. Rowling`, `ع. احمدی`) or a dotted abbreviation (`U.S.`,
///   `e.g.`, `a.m.`), or a title (`Dr.`, `Gen.`, `Mr.`);
/// * after `No.`, `Jan.`, `p.` and the like when a number follows;
/// * when the next word starts with a lowercase Latin letter (`etc. and`,
///   `"Why?" he asked`).
///
/// Dari and Pashto writers sometimes leave out the space after a full stop, so a `.`
/// between two Arabic-script letters ends a sentence unless the word before it is a
/// single letter (an abbreviation such as `ق.م`). `؟` and `۔` always end one.
///
/// The rules are chosen by script, so a Dari article quoting English, or an English
/// one quoting Dari, splits correctly; `lang` is accepted so language-specific rules
/// can be added without changing callers.
///
/// ```
/// use askaf_text::{sentences, Language};
///
/// let text = "Dr. Abdullah spoke in Kabul. کابل ۳.۵ میلیون نفر دارد؟ بلی.";
/// let found: Vec<&str> = sentences(text, Language::English)
///     .into_iter()
///     .map(|r| &text[r])
///     .collect();
/// assert_eq!(found, ["Dr. Abdullah spoke in Kabul.", "کابل ۳.۵ میلیون نفر دارد؟", "بلی."]);
/// ```
pub fn sentences(text: &str, lang: Language) -> Vec<Range<usize>> {
    let _ = lang;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut push = |start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            if end > s {
                out.push(s..end);
            }
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            let mut newlines = 0;
            while j < chars.len() && chars[j].1.is_whitespace() {
                if chars[j].1 == '\n' {
                    newlines += 1;
                }
                j += 1;
            }
            if newlines >= 2 {
                push(&mut start, last_end);
            }
            i = j;
            continue;
        }
        if start.is_none() {
            start = Some(b);
        }
        if is_terminator(c) {
            let mut j = i + 1;
            while j < chars.len() && (is_terminator(chars[j].1) || is_closer(chars[j].1)) {
                j += 1;
            }
            last_end = byte_at(j);
            if ends_sentence(&chars, i, j) {
                push(&mut start, last_end);
            }
            i = j;
            continue;
        }
        last_end = b + c.len_utf8();
        i += 1;
    }
    push(&mut start, last_end);
    out
}

/// Whether the terminators and closers in `chars[i..j]` end the sentence.
fn ends_sentence(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let cluster = &chars[i..j];
    let terminators: Vec<char> = cluster
        .iter()
        .map(|&(_, c)| c)
        .filter(|&c| is_terminator(c))
        .collect();
    let Some(&(_, next)) = chars.get(j) else {
        return true;
    };
    let only_dot = terminators == ['.'];
    let prev = i.checked_sub(1).map(|k| chars[k].1);
    if !next.is_whitespace() {
        if terminators.iter().any(|&c| is_arabic_terminator(c)) {
            return true;
        }
        // `کرد.او`: a missing space after a full stop in Arabic script.
        return only_dot
            && j == i + 1
            && prev.is_some_and(is_arabic_letter)
            && is_arabic_letter(next)
            && word_before(chars, i).chars().count() > 1;
    }
    let Some(&(_, following)) = chars[j..].iter().find(|&&(_, c)| !c.is_whitespace()) else {
        return true;
    };
    if chars[j..]
        .iter()
        .take_while(|&&(_, c)| c.is_whitespace())
        .filter(|&&(_, c)| c == '\n')
        .count()
        >= 2
    {
        return true;
    }
    if is_latin_lowercase(following) {
        return false;
    }
    if !only_dot || j != i + 1 {
        return true;
    }
    // A single `.` after a word: is the word an abbreviation?
    let word = word_before(chars, i);
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let letters = word.chars().count();
    if word.contains('.') && word.chars().any(char::is_alphabetic) {
        return false;
    }
    if letters == 1 && word.chars().all(char::is_alphabetic) && word != "I" {
        return false;
    }
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if BEFORE_NUMBER.contains(&lower.as_str()) && following.is_numeric() {
        return false;
    }
    true
}

/// The letters, digits and dots just before `chars[i]`.
fn word_before(chars: &[(usize, char)], i: usize) -> String {
    let mut k = i;
    while k > 0 && (chars[k - 1].1.is_alphanumeric() || chars[k - 1].1 == '.') {
        k -= 1;
    }
    chars[k..i].iter().map(|&(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Language::English)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("Kabul is the capital. It is old! Is it big?  Yes."),
            ["Kabul is the capital.", "It is old!", "Is it big?", "Yes."]
        );
    }

    #[test]
    fn no_terminator_and_blank_input() {
        assert_eq!(
            split("No full stop at the end"),
            ["No full stop at the end"]
        );
        assert!(split("").is_empty());
        assert!(split("  \n\t ").is_empty());
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split("The U.S. Army left in 2021. Dr. Abdullah spoke. J. K. Rowling wrote."),
            [
                "The U.S. Army left in 2021.",
                "Dr. Abdullah spoke.",
                "J. K. Rowling wrote."
            ]
        );
        assert_eq!(
            split("Fruit, e.g. apples, etc. are sold. Gen. Dostum came."),
            ["Fruit, e.g. apples, etc. are sold.", "Gen. Dostum came."]
        );
        assert_eq!(
            split("See No. 5 and Jan. 12 on p. 3. Then stop."),
            ["See No. 5 and Jan. 12 on p. 3.", "Then stop."]
        );
        assert_eq!(split("It was No. The end."), ["It was No.", "The end."]);
    }

    #[test]
    fn numbers_are_never_split() {
        assert_eq!(
            split("Inflation was 3.5 percent. Prices rose 1,234.56 afghanis."),
            [
                "Inflation was 3.5 percent.",
                "Prices rose 1,234.56 afghanis."
            ]
        );
        assert_eq!(
            split("نرخ ۳.۵ درصد بود. خوب است."),
            ["نرخ ۳.۵ درصد بود.", "خوب است."]
        );
        assert_eq!(split("سال ۱۴۰۲.۵ بود"), ["سال ۱۴۰۲.۵ بود"]);
    }

    #[test]
    fn quotes_and_lowercase_continuations() {
        assert_eq!(
            split("\"Why?\" he asked. \"Because.\" She left."),
            ["\"Why?\" he asked.", "\"Because.\"", "She left."]
        );
        assert_eq!(split("Wait... what? No!"), ["Wait... what?", "No!"]);
        assert_eq!(
            split("He said (quietly.) Then left."),
            ["He said (quietly.)", "Then left."]
        );
    }

    #[test]
    fn arabic_script() {
        assert_eq!(
            split("کابل پایتخت است. آیا بزرگ است؟ بلی!"),
            ["کابل پایتخت است.", "آیا بزرگ است؟", "بلی!"]
        );
        assert_eq!(split("چطور؟او گفت۔ ښه"), ["چطور؟", "او گفت۔", "ښه"]);
        assert_eq!(split("او کار وکړ.بیا لاړ"), ["او کار وکړ.", "بیا لاړ"]);
        assert_eq!(split("سال ۵۰۰ ق.م بود."), ["سال ۵۰۰ ق.م بود."]);
        assert_eq!(split("«ولې؟» هغه وپوښتل."), ["«ولې؟»", "هغه وپوښتل."]);
    }

    #[test]
    fn mixed_scripts() {
        assert_eq!(
            split("The U.N. said «صلح». Kabul, کابل. Done"),
            ["The U.N. said «صلح».", "Kabul, کابل.", "Done"]
        );
    }

    #[test]
    fn blank_lines_end_sentences() {
        assert_eq!(
            split("A heading\n\nBody text here.\nStill body"),
            ["A heading", "Body text here.", "Still body"]
        );
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_original() {
        let text = "  اول.  دوم؟ ";
        let ranges = sentences(text, Language::Dari);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "اول.");
        assert_eq!(&text[ranges[1].clone()], "دوم؟");
    }
}

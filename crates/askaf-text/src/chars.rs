//! Character-level rules: what each character folds to, and what kind of character it is.
//!
//! Everything here works one character at a time, so the rest of the crate can keep
//! byte offsets into the original text. The two halves must agree: [`classify`]
//! says what a character of the *original* text will be once [`fold`] has mapped it,
//! so tokenizing a text and tokenizing its normalized form give the same terms.

use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};

/// Which set of Arabic-script rules applies. Only the Arabic-script letters differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// Persian-keyboard conventions: Persian gaf گ, Pashto ګ folded to it, ئ folded to ی.
    Dari,
    /// Pashto's own letters kept; Persian gaf گ folded to Pashto ګ; ئ kept.
    Pashto,
}

/// The writing system of a letter. Digits and marks have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Arabic,
    Other,
}

/// What a word character is, once folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    Letter(Script),
    Digit,
    /// A combining mark that survives folding (not Arabic, not a Latin diacritic).
    Mark,
}

/// The role a character of the original text plays in tokenization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Part of a word.
    Word(WordKind),
    /// Folds to nothing (ZWNJ and other format characters, tatweel, hamza, diacritics):
    /// inside a word it is part of the word, elsewhere it is ignored. It never splits.
    Transparent,
    /// An apostrophe: inside a word only between two Latin letters (`Russia's`).
    Apostrophe,
    /// `.` or `,`: inside a word only between two digits (`3.5`, `1,000`).
    NumberSeparator,
    /// Whitespace.
    Space,
    /// Any other punctuation or symbol.
    Separator,
}

/// Invisible format characters, removed everywhere.
///
/// ZWNJ (U+200C) is here: Dari writes `می‌خواهم` with it, but as often without it
/// (`میخواهم`), so removing it makes both spellings one term. ZWJ, ZWSP, the
/// direction marks, BOM, soft hyphen, word joiner and the bidi embeddings and
/// isolates carry no meaning for search and are often pasted in by accident.
pub(crate) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Characters that show nothing: `is_format`'s, and the Hangul fillers
/// and the combining grapheme joiner, which render as nothing too. A
/// title, a question or a commenter's name made of these (and spaces)
/// alone is empty, whatever keyboard or paste put them there; inside a
/// Dari word a ZWNJ is still part of its spelling.
pub fn is_invisible(c: char) -> bool {
    is_format(c)
        || matches!(
            c,
            '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
        )
}

/// The Arabic script's Unicode blocks, including presentation forms.
pub(crate) fn is_arabic_block(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{0870}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFE}'
    )
}

/// A letter of a script written right to left: Hebrew, Arabic (with its
/// presentation forms), Syriac, Thaana and N'Ko.
pub(crate) fn is_right_to_left(c: char) -> bool {
    is_arabic_block(c) || matches!(c, '\u{0590}'..='\u{07FF}' | '\u{FB1D}'..='\u{FB4F}')
}

/// Blocks of combining diacritics used over Latin (and Greek, Cyrillic) letters.
fn is_diacritic_block(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Characters that fold to nothing.
///
/// Besides the format characters: tatweel (U+0640, the stretching stroke in
/// `کـــابل`), the lone hamza ء (written or left out at whim: `اجزاء`/`اجزا`), every
/// Arabic-script combining mark (harakat U+064B–U+065F, superscript alef U+0670,
/// Quranic annotation signs) and the Latin combining diacritics (so `Kābul` and
/// `café` are found by `kabul` and `cafe`).
pub(crate) fn is_deleted(c: char) -> bool {
    is_format(c)
        || c == '\u{0640}'
        || c == '\u{0621}'
        || (is_combining_mark(c) && (is_arabic_block(c) || is_diacritic_block(c)))
}

/// Quotes and apostrophes folded to ASCII, and the Arabic decimal, thousands and
/// percent signs to theirs, so `Russia’s` and `Russia's` are one term and `۳٫۵` is `3.5`.
pub(crate) fn fold_quote(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}'
        | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{066B}' => '.',
        '\u{066C}' => ',',
        '\u{066A}' => '%',
        other => other,
    }
}

/// The step before Unicode compatibility normalization: drop format characters and
/// fold quotes. Quotes must fold first because NFKC turns `´` into a space and a
/// combining accent.
pub(crate) fn premap(c: char) -> Option<char> {
    if is_format(c) {
        None
    } else {
        Some(fold_quote(c))
    }
}

/// Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits to ASCII.
pub(crate) fn fold_digit(c: char) -> Option<char> {
    let base = match c {
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0660}'..='\u{0669}' => 0x0660,
        _ => return None,
    };
    char::from_u32(u32::from(c) - base + u32::from('0'))
}

/// `text` with its Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits as ASCII,
/// everything else as it was: a number a Dari or Pashto reader typed (a
/// date, a page number) read as the same number in Latin digits.
pub fn ascii_digits(text: &str) -> String {
    text.chars().map(|c| fold_digit(c).unwrap_or(c)).collect()
}

/// `text` with its ASCII digits as Persian ones (U+06F0–U+06F9), as Dari
/// and Pashto write numbers; [`ascii_digits`] reads them back.
pub fn persian_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// The script of a (folded) letter.
pub(crate) fn letter_script(c: char) -> Script {
    if c.is_ascii_alphabetic()
        || matches!(
            c,
            '\u{00C0}'..='\u{024F}'
                | '\u{0250}'..='\u{02FF}'
                | '\u{1D00}'..='\u{1DBF}'
                | '\u{1E00}'..='\u{1EFF}'
                | '\u{2C60}'..='\u{2C7F}'
                | '\u{A720}'..='\u{A7FF}'
                | '\u{AB30}'..='\u{AB6F}'
                | '\u{FF21}'..='\u{FF3A}'
                | '\u{FF41}'..='\u{FF5A}'
        )
    {
        Script::Latin
    } else if is_arabic_block(c) {
        Script::Arabic
    } else {
        Script::Other
    }
}

fn word_kind(c: char) -> Option<WordKind> {
    // Fast path for the letters of Dari and Pashto: `is_alphabetic` takes a
    // slow table lookup for every non-ASCII character, and these are most of them.
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}') {
        return Some(WordKind::Letter(letter_script(c)));
    }
    if c.is_alphabetic() {
        // Judge the letter as folding will leave it: lowercase.
        let lower = c.to_lowercase().next().unwrap_or(c);
        Some(WordKind::Letter(letter_script(lower)))
    } else if c.is_numeric() {
        Some(WordKind::Digit)
    } else if is_combining_mark(c) {
        Some(WordKind::Mark)
    } else {
        None
    }
}

/// The class of a character of the original text, judged by what it folds to:
/// `™` is a word (it becomes `tm`), U+FE70 (an isolated fathatan) is a space followed
/// by a mark, so a space.
pub(crate) fn classify(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Word(WordKind::Letter(Script::Latin)),
            '0'..='9' => Class::Word(WordKind::Digit),
            '\'' | '`' => Class::Apostrophe,
            '.' | ',' => Class::NumberSeparator,
            c if c.is_ascii_whitespace() || c == '\u{0B}' => Class::Space,
            _ => Class::Separator,
        };
    }
    let Some(p) = premap(c) else {
        return Class::Transparent;
    };
    if is_deleted(p) {
        return Class::Transparent;
    }
    let mut first: Option<char> = None;
    let mut count = 0usize;
    let mut any_word: Option<WordKind> = None;
    decompose_compatible(p, |d| {
        let d = fold_quote(d);
        if is_deleted(d) {
            return;
        }
        count += 1;
        if first.is_none() {
            first = Some(d);
        }
        if any_word.is_none() {
            any_word = word_kind(d);
        }
    });
    let Some(first) = first else {
        return Class::Transparent;
    };
    if let Some(kind) = word_kind(first) {
        return Class::Word(kind);
    }
    if let Some(kind) = any_word {
        return Class::Word(kind);
    }
    if first.is_whitespace() {
        return Class::Space;
    }
    if count == 1 {
        match first {
            '\'' => return Class::Apostrophe,
            '.' | ',' => return Class::NumberSeparator,
            _ => {}
        }
    }
    Class::Separator
}

/// The kinds of the first and last characters that `c` folds to (`None` for a
/// character that is not part of a word). `㎌` folds to `μf`: it starts with a Greek
/// letter and ends with a Latin one, which matters next to an apostrophe.
pub(crate) fn edge_kinds(c: char) -> (Option<WordKind>, Option<WordKind>) {
    if c.is_ascii() {
        let kind = match classify(c) {
            Class::Word(kind) => Some(kind),
            _ => None,
        };
        return (kind, kind);
    }
    let Some(p) = premap(c) else {
        return (None, None);
    };
    let mut first: Option<Option<WordKind>> = None;
    let mut last: Option<WordKind> = None;
    decompose_compatible(p, |d| {
        let d = fold_quote(d);
        if is_deleted(d) {
            return;
        }
        let kind = word_kind(d);
        if first.is_none() {
            first = Some(kind);
        }
        last = kind;
    });
    (first.flatten(), last)
}

/// Pashto letters that Dari does not use; their presence marks a text as Pashto.
///
/// ټ ډ ړ ښ ږ ځ څ ګ ڼ ې ۍ. (ئ is not here: Dari writes it too, in `مسئله`, `پائین`.)
pub(crate) fn is_pashto_only_letter(c: char) -> bool {
    matches!(
        c,
        '\u{067C}'
            | '\u{0689}'
            | '\u{0693}'
            | '\u{069A}'
            | '\u{0696}'
            | '\u{0681}'
            | '\u{0685}'
            | '\u{06AB}'
            | '\u{06BC}'
            | '\u{06D0}'
            | '\u{06CD}'
    )
}

/// Arabic-script folding for search. Called on characters already in NFKC, so
/// presentation forms have become plain letters. `None` means "drop".
///
/// Both profiles:
/// * Arabic yeh ي and alef maksura ى → Persian yeh ی; Arabic kaf ك and swash kaf ڪ → keheh ک
///   (an Arabic keyboard and a Persian one give different code points for the same letter).
/// * teh marbuta ة, heh with yeh above ۀ, heh doachashmee ھ, heh goal ہ ۂ, ae ە → heh ه.
///   `ۀ` is dropped to plain `ه` rather than `ه` + `ی`: it marks the ezafe, which
///   most writers leave unwritten (`خانۀ`, `خانه`), so the bare word is what to match.
/// * alef with hamza أ إ, alef with madda آ, wasla ٱ and the wavy-hamza alefs → ا.
///   آ is folded too: Afghan writers spell `آمریکا` and `امریکا` both ways, and words
///   told apart only by the madda are rare.
/// * waw with hamza ؤ → و.
///
/// Profile-specific:
/// * Dari: yeh with hamza ئ → ی (`پائین` = `پایین`); Pashto gaf ګ → Persian gaf گ.
/// * Pashto: ئ kept (a distinct ending); Persian gaf گ → ګ, so Pashto typed on a
///   Persian keyboard matches. The other Pashto letters are never folded.
pub(crate) fn fold_arabic(c: char, profile: Profile) -> Option<char> {
    if let Some(d) = fold_digit(c) {
        return Some(d);
    }
    if is_deleted(c) {
        return None;
    }
    Some(match c {
        '\u{064A}' | '\u{0649}' => '\u{06CC}',
        '\u{0643}' | '\u{06AA}' => '\u{06A9}',
        '\u{0629}' | '\u{06C0}' | '\u{06BE}' | '\u{06C1}' | '\u{06C2}' | '\u{06C3}'
        | '\u{06D5}' => '\u{0647}',
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}'
        | '\u{0675}' => '\u{0627}',
        '\u{0624}' | '\u{0676}' => '\u{0648}',
        '\u{0626}' if profile == Profile::Dari => '\u{06CC}',
        '\u{06AB}' if profile == Profile::Dari => '\u{06AF}',
        '\u{06AF}' if profile == Profile::Pashto => '\u{06AB}',
        other => other,
    })
}

/// Fold one character that is already in NFKC, appending the result to `out`.
pub(crate) fn fold(c: char, profile: Profile, out: &mut String) {
    let c = fold_quote(c);
    if is_deleted(c) {
        return;
    }
    if c.is_ascii() {
        out.push(if c.is_ascii_whitespace() || c == '\u{0B}' {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    if c.is_whitespace() {
        out.push(' ');
        return;
    }
    if is_arabic_block(c) {
        if let Some(m) = fold_arabic(c, profile) {
            out.push(m);
        }
        return;
    }
    for lower in c.to_lowercase() {
        strip_diacritics(lower, out);
    }
}

/// `é` → `e`: if the canonical decomposition has a Latin diacritic, keep the rest.
fn strip_diacritics(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    let mut parts = [' '; 8];
    let mut n = 0usize;
    let mut has_diacritic = false;
    decompose_canonical(c, |d| {
        if is_deleted(d) {
            has_diacritic = true;
        } else if n < parts.len() {
            parts[n] = d;
            n += 1;
        }
    });
    if has_diacritic {
        out.extend(&parts[..n]);
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_fold_to_ascii() {
        assert_eq!(fold_digit('۰'), Some('0'));
        assert_eq!(persian_digits("1405-09-16"), "۱۴۰۵-۰۹-۱۶");
        assert_eq!(ascii_digits(&persian_digits("2026 ab")), "2026 ab");
        assert_eq!(fold_digit('۹'), Some('9'));
        assert_eq!(fold_digit('٠'), Some('0'));
        assert_eq!(fold_digit('٩'), Some('9'));
        assert_eq!(fold_digit('5'), None);
        assert_eq!(ascii_digits("۱۴۰۴/٢/3 ب"), "1404/2/3 ب");
    }

    #[test]
    fn classes() {
        assert_eq!(classify('a'), Class::Word(WordKind::Letter(Script::Latin)));
        assert_eq!(classify('é'), Class::Word(WordKind::Letter(Script::Latin)));
        assert_eq!(classify('ک'), Class::Word(WordKind::Letter(Script::Arabic)));
        assert_eq!(classify('ﻻ'), Class::Word(WordKind::Letter(Script::Arabic)));
        assert_eq!(classify('۴'), Class::Word(WordKind::Digit));
        assert_eq!(classify('\u{200C}'), Class::Transparent);
        assert_eq!(classify('\u{0640}'), Class::Transparent);
        assert_eq!(classify('\u{064E}'), Class::Transparent);
        assert_eq!(classify('’'), Class::Apostrophe);
        assert_eq!(classify('٫'), Class::NumberSeparator);
        assert_eq!(classify('،'), Class::Separator);
        assert_eq!(classify('؟'), Class::Separator);
        assert_eq!(classify('«'), Class::Separator);
        assert_eq!(classify('\u{00A0}'), Class::Space);
        assert_eq!(classify('™'), Class::Word(WordKind::Letter(Script::Latin)));
        assert_eq!(classify('\u{FE70}'), Class::Space);
        assert_eq!(classify('Ж'), Class::Word(WordKind::Letter(Script::Other)));
    }

    #[test]
    fn arabic_folding_by_profile() {
        assert_eq!(fold_arabic('ي', Profile::Dari), Some('ی'));
        assert_eq!(fold_arabic('ى', Profile::Pashto), Some('ی'));
        assert_eq!(fold_arabic('ك', Profile::Pashto), Some('ک'));
        assert_eq!(fold_arabic('ئ', Profile::Dari), Some('ی'));
        assert_eq!(fold_arabic('ئ', Profile::Pashto), Some('ئ'));
        assert_eq!(fold_arabic('گ', Profile::Pashto), Some('ګ'));
        assert_eq!(fold_arabic('ګ', Profile::Dari), Some('گ'));
        assert_eq!(fold_arabic('گ', Profile::Dari), Some('گ'));
        assert_eq!(fold_arabic('ـ', Profile::Dari), None);
        for c in "ټډړښږځڅګڼېۍ".chars() {
            assert!(is_pashto_only_letter(c));
            if c != 'ګ' {
                assert_eq!(fold_arabic(c, Profile::Dari), Some(c));
            }
            assert_eq!(fold_arabic(c, Profile::Pashto), Some(c));
        }
    }

    #[test]
    fn latin_diacritics_and_case() {
        let mut s = String::new();
        for c in "ÉÅñŁ".chars() {
            fold(c, Profile::Dari, &mut s);
        }
        assert_eq!(s, "eanł");
    }
}

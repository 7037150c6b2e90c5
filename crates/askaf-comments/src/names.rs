//! Names a reader may not sign a comment with: the site's own, and those its
//! staff sign their replies with. A reply from a signed-in moderator is
//! marked as the site's; without this, anyone could sign "AskAfghanistan"
//! and look as official as the mark.
//!
//! Names are compared by what they look like, not by their bytes: case,
//! spaces, punctuation, invisible characters, Arabic letter variants and
//! the Cyrillic and Greek letters that pass for Latin ones (`АskAfghanistan`
//! with a Cyrillic `А`) are folded away first.

use askaf_text::{normalize, Language};

/// The name `name` passes for, if any: one of `site` (the site's name in
/// each language) anywhere in it (`AskAfghanistan team`, `Ask-Afghanistan`),
/// or one of `staff` as the whole of it (`ANA` for a staff member signing
/// `Ana`; `Anahita` is another name). The reserved name is returned as given.
pub fn taken_name<'a>(name: &str, site: &[&'a str], staff: &'a [String]) -> Option<&'a str> {
    let key = fold(name);
    if key.is_empty() {
        return None;
    }
    site.iter()
        .copied()
        .find(|s| {
            let s = fold(s);
            !s.is_empty() && key.contains(&s)
        })
        .or_else(|| staff.iter().map(String::as_str).find(|s| fold(s) == key))
}

/// What a name looks like: the site's normalization (NFKC, lowercase,
/// diacritics, Arabic variants and invisible characters), lookalike letters
/// as the Latin ones, and only letters and digits kept.
fn fold(name: &str) -> String {
    normalize(name, Language::English)
        .chars()
        .map(lookalike)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A letter that is drawn as a Latin one (lowercase, as [`normalize`]
/// leaves them), as that letter; digits drawn as letters too.
fn lookalike(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'ғ' => 'f',
        'һ' | 'н' => 'h',
        'і' | 'ι' | 'ı' | 'l' | '1' | '|' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | '0' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' | '5' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ц' => 'u',
        'ν' => 'v',
        'ш' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'з' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &[&str] = &["AskAfghanistan"];

    fn staff() -> Vec<String> {
        vec!["Ana".into(), "مریم".into()]
    }

    #[test]
    fn the_sites_name_in_any_dress_is_taken() {
        let staff = staff();
        for name in [
            "AskAfghanistan",
            "askafghanistan",
            "Ask Afghanistan",
            "Ask-Afghanistan team",
            "The AskAfghanistan editors",
            "Ask\u{200b}Afghanistan",
            "АskАfghanistan",
            "ＡｓｋＡｆｇｈａｎｉｓｔａｎ",
            "AskAfghan1stan",
        ] {
            assert_eq!(
                taken_name(name, SITE, &staff),
                Some("AskAfghanistan"),
                "{name}"
            );
        }
    }

    #[test]
    fn a_staff_name_is_taken_whole_and_other_names_are_free() {
        let staff = staff();
        assert_eq!(taken_name("ana", SITE, &staff), Some("Ana"));
        assert_eq!(taken_name(" A.N.A ", SITE, &staff), Some("Ana"));
        assert_eq!(taken_name("مريم", SITE, &staff), Some("مریم"), "Arabic yeh");
        for free in ["Anahita", "Ana Karimi", "Afghan reader", "احمد", "Kabul"] {
            assert_eq!(taken_name(free, SITE, &staff), None, "{free}");
        }
    }

    #[test]
    fn a_name_of_punctuation_alone_matches_nothing() {
        let staff = vec!["…".to_string()];
        assert_eq!(taken_name("!!", SITE, &staff), None);
    }
}

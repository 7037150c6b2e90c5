//! The engine behind [`normalize`](crate::normalize) and [`tokenize`](crate::tokenize).
//!
//! 1. The original text is cut into *spans* (maximal runs of word characters, see
//!    [`Class`]) without changing it, so every span keeps its byte range.
//! 2. Each span is normalized on its own: format characters dropped, quotes folded,
//!    NFKC, then [`fold`] (case, diacritics, Arabic-script letters, digits). A span
//!    rarely yields more than one term, but a compatibility character can (`½`, `ﷺ`).
//! 3. Dari affixes written as separate words (`می خواهم`, `کتاب ها`) are joined to
//!    their word, so all spellings of a word give one term.
//!
//! `normalize` stitches the normalized spans back together with the (folded)
//! separators between them; `tokenize` returns the terms with the original ranges.
//! Because both come from the same spans, tokenizing a normalized text gives the
//! same terms as tokenizing the original.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::chars::{
    classify, edge_kinds, fold, is_pashto_only_letter, letter_script, premap, Class, Profile,
    Script, WordKind,
};

/// Dari verb prefixes that are written joined, with a ZWNJ, or with a space.
pub(crate) const DARI_PREFIXES: &[&str] = &["می", "نمی"];

/// Dari suffixes that are written joined, with a ZWNJ, or with a space: the plural
/// (with the possessives and the indefinite), the superlative, and the verb ending
/// `اند`. None of them is a word on its own. `تر` is left out because `تر` ("wet")
/// is a word, and `ای` because it is also the vocative "O".
pub(crate) const DARI_SUFFIXES: &[&str] = &[
    "ها",
    "های",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "هایمان",
    "هایتان",
    "هایشان",
    "ترین",
    "اند",
];

/// How to choose the Arabic-script rules for each span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The same profile everywhere.
    Fixed(Profile),
    /// Each run of Arabic-script words (not interrupted by a word in another
    /// script) is Pashto if it has a Pashto-only letter, otherwise this profile.
    Guess(Profile),
}

/// A run of word characters in the original text.
#[derive(Debug, Clone)]
pub(crate) struct RawSpan {
    pub range: Range<usize>,
    /// The script of the first letter, `None` if it has none (a number).
    pub script: Option<Script>,
    pub has_pashto_letter: bool,
}

/// A span with its normalization.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub range: Range<usize>,
    pub profile: Profile,
    /// The span normalized, as it appears in `normalize`'s output.
    pub normalized: String,
    /// The terms the normalized span splits into (usually exactly one).
    pub terms: Vec<String>,
}

/// The analysed text.
#[derive(Debug)]
pub(crate) struct Analysis<'a> {
    pub text: &'a str,
    pub spans: Vec<Span>,
    /// `joined[i]`: span `i` is joined to span `i + 1` (the gap between them dropped).
    pub joined: Vec<bool>,
}

struct Open {
    start: usize,
    end: usize,
    script: Option<Script>,
    /// What the last character folds to ends with.
    last: Option<WordKind>,
    has_pashto_letter: bool,
}

/// What the next non-transparent character folds to starts with.
fn next_solid(classes: &[(usize, char, Class)], from: usize) -> Option<WordKind> {
    classes[from..]
        .iter()
        .find(|&&(_, _, class)| class != Class::Transparent)
        .and_then(|&(_, c, _)| edge_kinds(c).0)
}

fn has_pashto_letter(c: char) -> bool {
    if is_pashto_only_letter(c) {
        return true;
    }
    let mut found = false;
    unicode_normalization::char::decompose_compatible(c, |d| {
        found |= is_pashto_only_letter(d);
    });
    found
}

/// Cut `text` into spans of word characters.
pub(crate) fn raw_spans(text: &str) -> Vec<RawSpan> {
    let classes: Vec<(usize, char, Class)> = text
        .char_indices()
        .map(|(i, c)| (i, c, classify(c)))
        .collect();
    let mut spans = Vec::new();
    let mut open: Option<Open> = None;
    let close = |open: &mut Option<Open>, spans: &mut Vec<RawSpan>| {
        if let Some(o) = open.take() {
            spans.push(RawSpan {
                range: o.start..o.end,
                script: o.script,
                has_pashto_letter: o.has_pashto_letter,
            });
        }
    };
    for (k, &(i, c, class)) in classes.iter().enumerate() {
        let end = i + c.len_utf8();
        match class {
            Class::Word(kind) => {
                let script = match kind {
                    WordKind::Letter(s) => Some(s),
                    _ => None,
                };
                if let (Some(o), Some(s)) = (&open, script) {
                    if o.script.is_some_and(|os| os != s) {
                        close(&mut open, &mut spans);
                    }
                }
                match &mut open {
                    Some(o) => {
                        o.end = end;
                        o.last = edge_kinds(c).1;
                        if o.script.is_none() {
                            o.script = script;
                        }
                        o.has_pashto_letter |= has_pashto_letter(c);
                    }
                    None => {
                        open = Some(Open {
                            start: i,
                            end,
                            script,
                            last: edge_kinds(c).1,
                            has_pashto_letter: has_pashto_letter(c),
                        })
                    }
                }
            }
            Class::Transparent => {
                if let Some(o) = &mut open {
                    o.end = end;
                }
            }
            Class::Apostrophe | Class::NumberSeparator => {
                let wanted = if class == Class::Apostrophe {
                    WordKind::Letter(Script::Latin)
                } else {
                    WordKind::Digit
                };
                let inside = open.as_ref().is_some_and(|o| o.last == Some(wanted))
                    && next_solid(&classes, k + 1) == Some(wanted);
                if inside {
                    if let Some(o) = &mut open {
                        o.end = end;
                    }
                } else {
                    close(&mut open, &mut spans);
                }
            }
            Class::Space | Class::Separator => close(&mut open, &mut spans),
        }
    }
    close(&mut open, &mut spans);
    spans
}

/// Normalize one span (or any short text) with one profile. The result is
/// stable: normalizing it again changes nothing.
pub(crate) fn normalize_span(s: &str, profile: Profile) -> String {
    if s.is_ascii() {
        // NFKC does not change ASCII.
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            fold(c, profile, &mut out);
        }
        return out;
    }
    let pre: String = s.chars().filter_map(premap).collect();
    let mut out = String::with_capacity(pre.len());
    for c in pre.nfkc() {
        fold(c, profile, &mut out);
    }
    // Folding can, in rare cases, produce a string that NFKC would change again
    // (a lowercase letter with a compatibility form). Repeat until stable.
    for _ in 0..4 {
        if unicode_normalization::is_nfkc(&out) {
            break;
        }
        let mut again = String::with_capacity(out.len());
        for c in out.nfkc() {
            fold(c, profile, &mut again);
        }
        out = again;
    }
    out
}

/// Split an already normalized span into its terms, and put a space between terms
/// that touch (a compatibility character can turn into a change of script: `㏠` is
/// `1日`), so the normalized text splits the same way when it is read again.
fn split_terms(normalized: String) -> (String, Vec<String>) {
    let spans = raw_spans(&normalized);
    let terms: Vec<String> = spans
        .iter()
        .map(|s| normalized[s.range.clone()].to_string())
        .collect();
    if spans.windows(2).all(|w| w[0].range.end < w[1].range.start) {
        return (normalized, terms);
    }
    let mut spaced = String::with_capacity(normalized.len() + spans.len());
    let mut pos = 0;
    for (i, s) in spans.iter().enumerate() {
        if i > 0 && pos == s.range.start {
            spaced.push(' ');
        }
        spaced.push_str(&normalized[pos..s.range.end]);
        pos = s.range.end;
    }
    spaced.push_str(&normalized[pos..]);
    (spaced, terms)
}

fn assign_profiles(raw: &[RawSpan], mode: Mode) -> Vec<Profile> {
    match mode {
        Mode::Fixed(p) => vec![p; raw.len()],
        Mode::Guess(default) => {
            let mut profiles = vec![default; raw.len()];
            let mut i = 0;
            while i < raw.len() {
                let breaks = |s: &RawSpan| matches!(s.script, Some(Script::Latin | Script::Other));
                if breaks(&raw[i]) {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < raw.len() && !breaks(&raw[j]) {
                    j += 1;
                }
                if raw[i..j].iter().any(|s| s.has_pashto_letter) {
                    profiles[i..j].fill(Profile::Pashto);
                }
                i = j;
            }
            profiles
        }
    }
}

fn starts_with_arabic_letter(term: &str) -> bool {
    term.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && letter_script(c) == Script::Arabic)
}

fn ends_with_arabic_letter(term: &str) -> bool {
    term.chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() && letter_script(c) == Script::Arabic)
}

/// Whether the gap between two spans is only whitespace (and ignorable characters).
fn gap_is_space(gap: &str) -> bool {
    gap.chars()
        .all(|c| matches!(classify(c), Class::Space | Class::Transparent))
}

/// Analyse `text`: spans, their normalization, and which are joined.
pub(crate) fn analyse(text: &str, mode: Mode) -> Analysis<'_> {
    let raw = raw_spans(text);
    let profiles = assign_profiles(&raw, mode);
    let spans: Vec<Span> = raw
        .into_iter()
        .zip(profiles)
        .map(|(r, profile)| {
            let (normalized, terms) = split_terms(normalize_span(&text[r.range.clone()], profile));
            Span {
                range: r.range,
                profile,
                normalized,
                terms,
            }
        })
        .collect();
    let mut joined = vec![false; spans.len()];
    for i in 0..spans.len().saturating_sub(1) {
        let (a, b) = (&spans[i], &spans[i + 1]);
        if a.profile != Profile::Dari || b.profile != Profile::Dari {
            continue;
        }
        let (Some(last), Some(first)) = (a.terms.last(), b.terms.first()) else {
            continue;
        };
        if !gap_is_space(&text[a.range.end..b.range.start]) {
            continue;
        }
        let prefix = DARI_PREFIXES.contains(&last.as_str()) && starts_with_arabic_letter(first);
        let suffix = DARI_SUFFIXES.contains(&first.as_str()) && ends_with_arabic_letter(last);
        joined[i] = prefix || suffix;
    }
    Analysis {
        text,
        spans,
        joined,
    }
}

/// Fold the characters between spans (punctuation and spaces).
fn push_gap(gap: &str, profile: Profile, out: &mut String) {
    for c in gap.chars().filter_map(premap) {
        for d in std::iter::once(c).nfkc() {
            fold(d, profile, out);
        }
    }
}

/// Collapse runs of spaces to one and trim the ends.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Analysis<'_> {
    /// The normalized text.
    pub(crate) fn normalized(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut pos = 0;
        let mut gap_profile = Profile::Dari;
        for (i, span) in self.spans.iter().enumerate() {
            if i > 0 && pos == span.range.start {
                // Two words with no gap: a change of script (`Kabulکابل`). A space
                // keeps them apart even if a compatibility character changed the
                // script at the edge (`a½می` → `a1⁄2 می`, not `a1⁄2می`).
                out.push(' ');
            } else if i == 0 || !self.joined[i - 1] {
                push_gap(&self.text[pos..span.range.start], gap_profile, &mut out);
            }
            out.push_str(&span.normalized);
            pos = span.range.end;
            gap_profile = span.profile;
        }
        push_gap(&self.text[pos..], gap_profile, &mut out);
        collapse_spaces(&out)
    }

    /// The terms with the original byte ranges; joined spans become one term.
    pub(crate) fn tokens(&self) -> Vec<(String, Range<usize>)> {
        let mut out: Vec<(String, Range<usize>)> = Vec::new();
        let mut continuing = false;
        for (i, span) in self.spans.iter().enumerate() {
            for (k, term) in span.terms.iter().enumerate() {
                if continuing && k == 0 {
                    if let Some(last) = out.last_mut() {
                        last.0.push_str(term);
                        last.1.end = span.range.end;
                        continue;
                    }
                }
                out.push((term.clone(), span.range.clone()));
            }
            continuing = self.joined[i] && !span.terms.is_empty();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        raw_spans(text)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn spans_split_on_space_and_punctuation() {
        assert_eq!(spans("Hello, world!"), ["Hello", "world"]);
        assert_eq!(spans("کابل، هرات؛ مزار؟"), ["کابل", "هرات", "مزار"]);
        assert_eq!(spans("«کابل»"), ["کابل"]);
    }

    #[test]
    fn apostrophes_inside_latin_words_only() {
        assert_eq!(spans("Russia's"), ["Russia's"]);
        assert_eq!(spans("Russia’s"), ["Russia’s"]);
        assert_eq!(spans("'quoted'"), ["quoted"]);
        assert_eq!(spans("students' books"), ["students", "books"]);
    }

    #[test]
    fn number_separators_inside_numbers_only() {
        assert_eq!(spans("3.5 and 1,000."), ["3.5", "and", "1,000"]);
        assert_eq!(spans("۳٫۵"), ["۳٫۵"]);
        assert_eq!(spans("end.Next"), ["end", "Next"]);
    }

    #[test]
    fn script_change_splits() {
        assert_eq!(spans("Kabulکابل"), ["Kabul", "کابل"]);
        assert_eq!(spans("COVID19"), ["COVID19"]);
        assert_eq!(spans("۱۴۰۲ش"), ["۱۴۰۲ش"]);
    }

    #[test]
    fn zwnj_and_tatweel_stay_inside_words() {
        assert_eq!(spans("می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        assert_eq!(spans("کـــابل"), ["کـــابل"]);
        // Leading ignorable characters are not part of the word's range.
        assert_eq!(spans(" \u{200F}کابل"), ["کابل"]);
    }

    #[test]
    fn guess_mode_marks_pashto_runs() {
        let text = "The word ښځه and کتاب";
        let raw = raw_spans(text);
        let profiles = assign_profiles(&raw, Mode::Guess(Profile::Dari));
        assert_eq!(profiles[2], Profile::Pashto);
        assert_eq!(profiles[4], Profile::Dari);
    }
}

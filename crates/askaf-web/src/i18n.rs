//! Interface text in English, Dari and Pashto, from Fluent files in `locales/`.
//!
//! Plurals follow each language's rules through Fluent's selectors, with an
//! explicit zero case so the count reads "No Comments" as the site always has.

use std::borrow::Cow;
use std::collections::HashMap;

use askaf_content::Lang;
use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around placeables would end up inside attributes and
        // copied citations; the templates set `dir` on the elements instead.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn langid(lang: Lang) -> LanguageIdentifier {
    // The codes are fixed ASCII tags, so parsing cannot fail.
    lang.code().parse().unwrap_or_default()
}

/// One interface string, with its arguments.
pub fn text(lang: Lang, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let id = langid(lang);
    if args.is_empty() {
        return LOCALES.lookup(&id, key);
    }
    let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_string()), v.clone()))
        .collect();
    LOCALES.lookup_with_args(&id, key, &map)
}

/// A topic's display name, or its slug where the locale files have none.
pub fn tag_name(lang: Lang, tag: &str) -> String {
    LOCALES
        .try_lookup(&langid(lang), &format!("tag-{tag}"))
        .unwrap_or_else(|| tag.to_string())
}

/// A count as its language writes it, with the plural form Fluent chooses.
pub fn count_text(lang: Lang, key: &str, count: u64) -> String {
    text(
        lang,
        key,
        &[
            ("count", FluentValue::from(count)),
            ("n", FluentValue::from(digits(lang, &count.to_string()))),
        ],
    )
}

/// Dari and Pashto write numbers with Eastern Arabic (Persian) digits.
pub fn digits(lang: Lang, s: &str) -> String {
    if !lang.is_rtl() {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            c => c,
        })
        .collect()
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
// The Gregorian month names as written in Afghanistan.
const FA_MONTHS: [&str; 12] = [
    "جنوری",
    "فبروری",
    "مارچ",
    "اپریل",
    "می",
    "جون",
    "جولای",
    "اگست",
    "سپتمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
];
const PS_MONTHS: [&str; 12] = [
    "جنوري",
    "فبروري",
    "مارچ",
    "اپرېل",
    "مې",
    "جون",
    "جولای",
    "اګست",
    "سپتمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
];

/// A date as a reader of `lang` expects it: `25 November 2026`, `۲۵ نومبر ۲۰۲۶`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let months = match lang {
        Lang::En => &EN_MONTHS,
        Lang::Fa => &FA_MONTHS,
        Lang::Ps => &PS_MONTHS,
    };
    let month = months[d.month0() as usize];
    digits(lang, &format!("{} {} {}", d.day(), month, d.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_counts_follow_the_seed_and_each_language() {
        assert_eq!(count_text(Lang::En, "comments", 0), "No Comments");
        assert_eq!(count_text(Lang::En, "comments", 1), "1 Comment");
        assert_eq!(count_text(Lang::En, "comments", 5), "5 Comments");
        assert_eq!(count_text(Lang::Fa, "comments", 0), "بدون نظر");
        assert_eq!(count_text(Lang::Fa, "comments", 1), "۱ نظر");
        assert_eq!(count_text(Lang::Fa, "comments", 12), "۱۲ نظر");
        assert_eq!(count_text(Lang::Ps, "comments", 0), "هیڅ تبصره نشته");
        assert_eq!(count_text(Lang::Ps, "comments", 1), "۱ تبصره");
        assert_eq!(count_text(Lang::Ps, "comments", 3), "۳ تبصرې");
    }

    #[test]
    fn dates_and_digits_are_localised() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(date(Lang::En, d), "25 November 2026");
        assert_eq!(date(Lang::Fa, d), "۲۵ نومبر ۲۰۲۶");
        assert_eq!(date(Lang::Ps, d), "۲۵ نومبر ۲۰۲۶");
    }

    #[test]
    fn tags_have_names_in_each_language_or_fall_back_to_the_slug() {
        assert_eq!(tag_name(Lang::En, "human-rights"), "Human rights");
        assert_eq!(tag_name(Lang::Fa, "diplomacy"), "دیپلوماسی");
        assert_eq!(tag_name(Lang::Ps, "women"), "ښځې");
        assert_eq!(tag_name(Lang::Fa, "no-such-tag"), "no-such-tag");
    }

    #[test]
    fn every_language_has_every_key() {
        let en = include_str!("../locales/en/main.ftl");
        for (lang, file) in [
            (Lang::Fa, include_str!("../locales/fa/main.ftl")),
            (Lang::Ps, include_str!("../locales/ps/main.ftl")),
        ] {
            for line in en.lines() {
                if let Some((key, _)) = line.split_once(" = ") {
                    if !key.starts_with(' ') {
                        assert!(
                            file.lines().any(|l| l.starts_with(&format!("{key} = "))),
                            "{lang}: missing `{key}`"
                        );
                    }
                }
            }
        }
    }
}

//! Interface text in English, Dari and Pashto, from Fluent files in `locales/`.
//!
//! Plurals follow each language's rules through Fluent's selectors, with an
//! explicit zero case so the count reads "No Comments" as the site always has.

use std::borrow::Cow;
use std::collections::HashMap;

use askaf_content::{Lang, SolarDate};
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

/// `key` with `args` from `lang`'s own file, not falling back to English:
/// `None` when the file lacks it or a value it uses is not given.
#[cfg(test)]
pub(crate) fn own_text(
    lang: Lang,
    key: &str,
    args: &[(&str, FluentValue<'static>)],
) -> Option<String> {
    let map: HashMap<&str, FluentValue<'static>> = args.iter().cloned().collect();
    LOCALES
        .lookup_single_language(&langid(lang), key, Some(&map))
        .ok()
}

/// Topics' names editors set at `/admin/tags` (the store's `tag_labels`),
/// by topic and language. They belong to the site's dictionary as the
/// Fluent files do, and like them are one per process: set at start and
/// after each save ([`set_tag_labels`]), read by every page that names a
/// topic, so no view needs them handed down.
#[derive(Debug, Default)]
struct TagLabels {
    names: HashMap<(String, Lang), String>,
    /// Names the set, for the page cache (see [`tag_labels_fingerprint`]).
    fingerprint: String,
}

static TAG_LABELS: std::sync::LazyLock<std::sync::RwLock<std::sync::Arc<TagLabels>>> =
    std::sync::LazyLock::new(Default::default);

fn tag_labels() -> std::sync::Arc<TagLabels> {
    // A poisoned lock held a whole `Arc` swapped in one step: still sound.
    TAG_LABELS
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// Replaces the topics' names editors set with `labels` (topic, language,
/// name), as the store holds them; gives the topics whose names changed,
/// whose pages are then to be made again.
pub fn set_tag_labels(labels: impl IntoIterator<Item = (String, Lang, String)>) -> Vec<String> {
    let names: HashMap<(String, Lang), String> = labels
        .into_iter()
        .map(|(tag, lang, label)| ((tag, lang), label))
        .collect();
    let fingerprint = names_fingerprint(names.iter());
    let labels = std::sync::Arc::new(TagLabels { names, fingerprint });
    let before = std::mem::replace(
        &mut *TAG_LABELS
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
        labels.clone(),
    );
    let mut changed: Vec<String> = before
        .names
        .iter()
        .filter(|(k, v)| labels.names.get(*k) != Some(*v))
        .chain(
            labels
                .names
                .iter()
                .filter(|(k, v)| before.names.get(*k) != Some(*v)),
        )
        .map(|((tag, _), _)| tag.clone())
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// A few characters that name a set of topics' names (empty for none).
fn names_fingerprint<'a>(names: impl Iterator<Item = (&'a (String, Lang), &'a String)>) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<_> = names.collect();
    if sorted.is_empty() {
        return String::new();
    }
    sorted.sort();
    let mut hash = Sha256::new();
    for ((tag, lang), label) in sorted {
        hash.update(format!("{tag}\t{lang}\t{label}\n").as_bytes());
    }
    hex::encode(&hash.finalize()[..8])
}

/// What the topics' names editors set are, in a few characters (empty
/// while there are none): part of what every page that lists topics
/// (a language's listings and topic pages) was made from.
pub fn tag_labels_fingerprint() -> String {
    tag_labels().fingerprint.clone()
}

/// The same for the names of `tags` alone: part of what an article's page
/// (which names its own topics) was made from, so that naming one topic
/// makes again only the articles that carry it.
pub fn tag_labels_fingerprint_of<'a>(tags: impl IntoIterator<Item = &'a str>) -> String {
    let set = tag_labels();
    if set.names.is_empty() {
        return String::new();
    }
    let tags: std::collections::HashSet<&str> = tags.into_iter().collect();
    names_fingerprint(
        set.names
            .iter()
            .filter(|((tag, _), _)| tags.contains(tag.as_str())),
    )
}

/// The name `tags.ftl` gives a topic in `lang` itself, not falling back.
pub fn builtin_tag_name(lang: Lang, tag: &str) -> Option<String> {
    LOCALES
        .lookup_single_language::<&str>(&langid(lang), &format!("tag-{tag}"), None)
        .ok()
}

/// A topic's display name in `lang`: the name an editor set in it, else
/// [`tag_fallback`].
pub fn tag_name(lang: Lang, tag: &str) -> String {
    saved_tag_name(lang, tag).unwrap_or_else(|| tag_fallback(lang, tag))
}

/// What a page in `lang` names a topic by when no editor set its name in
/// `lang`: the built-in one (`tags.ftl`), else the English name, set or
/// built in, else the topic's slug. `/admin/tags` shows it as the hint of
/// an empty field.
pub fn tag_fallback(lang: Lang, tag: &str) -> String {
    builtin_tag_name(lang, tag)
        .or_else(|| {
            (lang != Lang::En)
                .then(|| saved_tag_name(Lang::En, tag))
                .flatten()
        })
        .or_else(|| builtin_tag_name(Lang::En, tag))
        .unwrap_or_else(|| tag.to_string())
}

/// The name an editor set for `tag` in `lang`.
fn saved_tag_name(lang: Lang, tag: &str) -> Option<String> {
    tag_labels().names.get(&(tag.to_string(), lang)).cloned()
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

/// A wait as a reader is told it (the exact seconds go in `Retry-After`):
/// whole minutes under an hour, rounded up, so a second is `1 minute`,
/// never `0`; from an hour on, hours to the nearest, so 61 minutes is
/// `1 hour`. What it says is never longer than the wait by a whole unit of
/// what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    Minutes(u64),
    Hours(u64),
}

impl Wait {
    pub fn of(seconds: u64) -> Wait {
        let minutes = seconds.div_ceil(60).max(1);
        if minutes < 60 {
            Wait::Minutes(minutes)
        } else {
            Wait::Hours((minutes + 30) / 60)
        }
    }
}

/// `seconds` to wait, as `lang` says it ([`Wait::of`]): `3 minutes`,
/// `1 hour`, `۱ ساعت`; a message that tells a reader to come back later
/// takes it as `$wait`.
pub fn wait(lang: Lang, seconds: u64) -> String {
    match Wait::of(seconds) {
        Wait::Minutes(n) => count_text(lang, "wait-minutes", n),
        Wait::Hours(n) => count_text(lang, "wait-hours", n),
    }
}

/// How long ago something was, as an editor is told it: whole minutes
/// under an hour (at least one), whole hours under a day, whole days
/// under two weeks, then whole weeks, each rounded down, so that 50 hours
/// is `2 days`, never `50 hours`, and never more than it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Minutes(u64),
    Hours(u64),
    Days(u64),
    Weeks(u64),
}

impl Age {
    pub fn of(seconds: u64) -> Age {
        const HOUR: u64 = 3_600;
        const DAY: u64 = 24 * HOUR;
        const WEEK: u64 = 7 * DAY;
        match seconds {
            s if s < HOUR => Age::Minutes((s / 60).max(1)),
            s if s < DAY => Age::Hours(s / HOUR),
            s if s < 2 * WEEK => Age::Days(s / DAY),
            s => Age::Weeks(s / WEEK),
        }
    }
}

/// `seconds` ago, as `lang` says it ([`Age::of`]): `2 days`, `۳ هفته`,
/// `۲ ورځې`, each with its language's plural; a message that says when
/// something was takes it as `$ago`.
pub fn ago(lang: Lang, seconds: u64) -> String {
    match Age::of(seconds) {
        Age::Minutes(n) => count_text(lang, "wait-minutes", n),
        Age::Hours(n) => count_text(lang, "wait-hours", n),
        Age::Days(n) => count_text(lang, "duration-days", n),
        Age::Weeks(n) => count_text(lang, "duration-weeks", n),
    }
}

/// The comma between the parts of a date line or a citation: Dari and
/// Pashto write the Arabic comma.
pub fn comma(lang: Lang) -> &'static str {
    if lang.is_rtl() {
        "،"
    } else {
        ","
    }
}

/// A number for a message's argument, in the digits of `lang` (Fluent
/// would write `5000` on a Dari page that says `۵۰۰۰` everywhere else).
/// A message that chooses a plural by a number takes it as another
/// argument (`count`), as the editorial pages' do.
pub fn number(lang: Lang, n: impl ToString) -> FluentValue<'static> {
    FluentValue::from(digits(lang, &n.to_string()))
}

/// Dari and Pashto write numbers with Eastern Arabic (Persian) digits.
pub fn digits(lang: Lang, s: &str) -> String {
    if !lang.is_rtl() {
        return s.to_string();
    }
    askaf_text::persian_digits(s)
}

/// The Solar Hijri month `month` (1–12) by the name a reader of `lang`
/// knows: the Afghan names in Dari and Pashto (not Iran's), the Latin
/// transliteration in English. `None` for a number outside the year, which
/// an error about a mistyped month may well carry.
pub fn solar_month_name(lang: Lang, month: u32) -> Option<&'static str> {
    use askaf_content::calendar;
    let index = (month as usize).checked_sub(1)?;
    match solar_months(lang) {
        Some(names) => names.get(index).copied(),
        None => (index < 12).then(|| calendar::month_name(month)),
    }
}

/// The Gregorian month names of `lang`, January first, as [`date`] and
/// [`date_with_gregorian`] write them.
pub fn gregorian_months(lang: Lang) -> &'static [&'static str; 12] {
    match lang {
        Lang::En => &askaf_content::calendar::GREGORIAN_MONTHS_ENGLISH,
        Lang::Fa => &askaf_content::calendar::GREGORIAN_MONTHS_DARI,
        Lang::Ps => &askaf_content::calendar::GREGORIAN_MONTHS_PASHTO,
    }
}

/// The Solar Hijri month names [`date`] writes in `lang`, Hamal first:
/// Afghanistan's, in Dari and Pashto; `None` in English, whose dates are
/// Gregorian.
pub fn solar_months(lang: Lang) -> Option<&'static [&'static str; 12]> {
    use askaf_content::calendar;
    match lang {
        Lang::En => None,
        Lang::Fa => Some(&calendar::MONTHS_DARI),
        Lang::Ps => Some(&calendar::MONTHS_PASHTO),
    }
}

/// A date as a reader of `lang` expects it: `26 November 2026` in English;
/// in Dari and Pashto the Solar Hijri date, Afghanistan's calendar, with its
/// Afghan month name: `۵ قوس ۱۴۰۵`, `۵ لیندۍ ۱۴۰۵`. A date outside the
/// years the calendar converts (before 622 CE) stays Gregorian.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    if lang == Lang::En {
        return gregorian(lang, d);
    }
    match SolarDate::from_gregorian(d) {
        Some(s) => digits(
            lang,
            &format!(
                "{} {} {}",
                s.day(),
                solar_month_name(lang, s.month()).unwrap_or_default(),
                s.year()
            ),
        ),
        None => gregorian(lang, d),
    }
}

/// [`date`] with the Gregorian date beside it in Dari and Pashto, where a
/// reader may need to match it with other sources (an article's dates, when
/// a source was read, a citation): `۵ قوس ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)`. English
/// has the Gregorian date alone.
pub fn date_with_gregorian(lang: Lang, d: NaiveDate) -> String {
    let solar = date(lang, d);
    let gregorian = gregorian(lang, d);
    if solar == gregorian {
        solar
    } else {
        format!("{solar} ({gregorian})")
    }
}

/// The Gregorian date with the month names of `lang`: `26 November 2026`, `۲۶ نومبر ۲۰۲۶`.
fn gregorian(lang: Lang, d: NaiveDate) -> String {
    let month = gregorian_months(lang)[d.month0() as usize];
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

    /// A topic page's count: Pashto says one question in the singular
    /// («۱ پوښتنه», not «۱ پوښتنې»); Dari counts with the singular noun.
    #[test]
    fn a_topics_count_takes_each_languages_plural() {
        for (lang, n, said) in [
            (Lang::En, 1, "1 question on this topic."),
            (Lang::En, 4, "4 questions on this topic."),
            (Lang::Fa, 1, "۱ پرسش در این موضوع."),
            (Lang::Ps, 1, "په دې موضوع کې ۱ پوښتنه."),
            (Lang::Ps, 4, "په دې موضوع کې ۴ پوښتنې."),
        ] {
            assert_eq!(count_text(lang, "tag-intro", n), said, "{lang}, {n}");
        }
    }

    #[test]
    fn a_limit_in_a_message_is_in_the_pages_digits() {
        let said = |lang| {
            text(
                lang,
                "comment-body-too-long",
                &[("max", number(lang, 5000))],
            )
        };
        assert!(said(Lang::Fa).contains("۵۰۰۰"), "{}", said(Lang::Fa));
        assert!(said(Lang::Ps).contains("۵۰۰۰"), "{}", said(Lang::Ps));
        assert!(said(Lang::En).contains("5000"), "{}", said(Lang::En));
        let wait = text(
            Lang::Fa,
            "too-many-requests-body",
            &[("seconds", number(Lang::Fa, 59))],
        );
        assert!(wait.contains("۵۹"), "{wait}");
    }

    #[test]
    fn a_wait_is_said_in_minutes_under_an_hour_then_in_hours() {
        use Wait::{Hours, Minutes};
        for (seconds, said) in [
            (0, Minutes(1)),
            (1, Minutes(1)),
            (60, Minutes(1)),
            (61, Minutes(2)),
            (3_540, Minutes(59)),
            (3_541, Hours(1)),
            (3_600, Hours(1)),
            (3_601, Hours(1)),
            (5_340, Hours(1)),
            (5_341, Hours(2)),
            (7_200, Hours(2)),
        ] {
            assert_eq!(Wait::of(seconds), said, "{seconds} s");
        }
        // Never longer than the wait by a whole unit; never 60 minutes.
        for seconds in 1..=3 * 86_400 {
            let (said, unit) = match Wait::of(seconds) {
                Minutes(n) => {
                    assert!(n < 60, "{seconds} s is {n} minutes");
                    (n * 60, 60)
                }
                Hours(n) => (n * 3_600, 3_600),
            };
            assert!(said < seconds + unit, "{seconds} s said as {said} s");
        }
    }

    #[test]
    fn a_wait_reads_naturally_in_each_language() {
        for (lang, seconds, said) in [
            (Lang::En, 30, "1 minute"),
            (Lang::En, 125, "3 minutes"),
            (Lang::En, 3_601, "1 hour"),
            (Lang::En, 7_200, "2 hours"),
            (Lang::Fa, 125, "۳ دقیقه"),
            (Lang::Fa, 3_601, "۱ ساعت"),
            (Lang::Fa, 7_200, "۲ ساعت"),
            (Lang::Ps, 30, "۱ دقیقه"),
            (Lang::Ps, 125, "۳ دقیقې"),
            (Lang::Ps, 3_601, "۱ ساعت"),
            (Lang::Ps, 7_200, "۲ ساعته"),
        ] {
            assert_eq!(wait(lang, seconds), said, "{lang}, {seconds} s");
        }
        // In the sentences that say it.
        let told =
            |lang, key: &str, seconds| text(lang, key, &[("wait", wait(lang, seconds).into())]);
        for (lang, key, seconds, end) in [
            (
                Lang::En,
                "comment-refused-rate-limit-ip",
                3_601,
                "Please send it again in 1 hour.",
            ),
            (
                Lang::En,
                "comment-refused-rate-limit-email",
                125,
                "Please send it again in 3 minutes.",
            ),
            (
                Lang::En,
                "admin-error-login-throttled",
                30,
                "Try again in 1 minute.",
            ),
            (
                Lang::Fa,
                "comment-refused-rate-limit-refused",
                3_601,
                "لطفاً ۱ ساعت دیگر دوباره بفرستید.",
            ),
            (
                Lang::Fa,
                "admin-error-login-throttled",
                125,
                "۳ دقیقه دیگر دوباره کوشش کنید.",
            ),
            (
                Lang::Ps,
                "comment-refused-rate-limit-ip",
                3_601,
                "۱ ساعت وروسته یې بیا ولېږئ.",
            ),
            (
                Lang::Ps,
                "admin-error-login-throttled",
                125,
                "۳ دقیقې وروسته بیا هڅه وکړئ.",
            ),
        ] {
            let said = told(lang, key, seconds);
            assert!(said.ends_with(end), "{lang} {key}: {said}");
        }
    }

    /// An editor reads how long ago a server recorded what it did not
    /// apply: until 7 December in hours for ever ("50 hours ago").
    #[test]
    fn an_age_is_said_in_days_then_weeks_with_each_languages_plural() {
        let (hour, day) = (3_600, 86_400);
        for (lang, seconds, said) in [
            (Lang::En, 20, "1 minute"),
            (Lang::En, 59 * 60 + 59, "59 minutes"),
            (Lang::En, hour, "1 hour"),
            (Lang::En, 23 * hour + 59 * 60, "23 hours"),
            (Lang::En, day, "1 day"),
            (Lang::En, 50 * hour, "2 days"),
            (Lang::En, 13 * day + 23 * hour, "13 days"),
            (Lang::En, 14 * day, "2 weeks"),
            (Lang::En, 60 * day, "8 weeks"),
            (Lang::Fa, day + hour, "۱ روز"),
            (Lang::Fa, 50 * hour, "۲ روز"),
            (Lang::Fa, 21 * day, "۳ هفته"),
            (Lang::Ps, day + hour, "۱ ورځ"),
            (Lang::Ps, 50 * hour, "۲ ورځې"),
            (Lang::Ps, 21 * day, "۳ اونۍ"),
            (Lang::Ps, 2 * hour, "۲ ساعته"),
        ] {
            assert_eq!(ago(lang, seconds), said, "{lang}, {seconds} s");
        }
        // Never more than it was, and never less by a whole unit of what
        // it says.
        for seconds in (60..=10 * 7 * day).step_by(337) {
            let (n, unit) = match Age::of(seconds) {
                Age::Minutes(n) => (n, 60),
                Age::Hours(n) => (n, hour),
                Age::Days(n) => (n, day),
                Age::Weeks(n) => (n, 7 * day),
            };
            assert!(
                n * unit <= seconds && seconds < (n + 1) * unit,
                "{seconds} s"
            );
        }
    }

    #[test]
    fn dates_and_digits_are_localised() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(date(Lang::En, d), "26 November 2026");
        assert_eq!(date(Lang::Fa, d), "۵ قوس ۱۴۰۵");
        assert_eq!(date(Lang::Ps, d), "۵ لیندۍ ۱۴۰۵");
        assert_eq!(date_with_gregorian(Lang::En, d), "26 November 2026");
        assert_eq!(
            date_with_gregorian(Lang::Fa, d),
            "۵ قوس ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)"
        );
        assert_eq!(
            date_with_gregorian(Lang::Ps, d),
            "۵ لیندۍ ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)"
        );
    }

    #[test]
    fn every_afghan_month_is_named_and_the_year_turns_at_nowruz() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // 1 Hamal 1404 is 21 March 2025; the day before is 30 Hut 1403, a leap year.
        assert_eq!(date(Lang::Fa, d(2025, 3, 20)), "۳۰ حوت ۱۴۰۳");
        assert_eq!(date(Lang::Fa, d(2025, 3, 21)), "۱ حمل ۱۴۰۴");
        assert_eq!(date(Lang::Ps, d(2025, 3, 21)), "۱ وری ۱۴۰۴");
        // The first day of each month of 1405.
        let starts = [
            (d(2026, 3, 21), "حمل", "وری"),
            (d(2026, 4, 21), "ثور", "غویی"),
            (d(2026, 5, 22), "جوزا", "غبرګولی"),
            (d(2026, 6, 22), "سرطان", "چنګاښ"),
            (d(2026, 7, 23), "اسد", "زمری"),
            (d(2026, 8, 23), "سنبله", "وږی"),
            (d(2026, 9, 23), "میزان", "تله"),
            (d(2026, 10, 23), "عقرب", "لړم"),
            (d(2026, 11, 22), "قوس", "لیندۍ"),
            (d(2026, 12, 22), "جدی", "مرغومی"),
            (d(2027, 1, 21), "دلو", "سلواغه"),
            (d(2027, 2, 20), "حوت", "کب"),
        ];
        for (day, fa, ps) in starts {
            assert_eq!(date(Lang::Fa, day), format!("۱ {fa} ۱۴۰۵"));
            assert_eq!(date(Lang::Ps, day), format!("۱ {ps} ۱۴۰۵"));
        }
        // Before the calendar's first year, the Gregorian date.
        assert_eq!(date(Lang::Fa, d(600, 1, 2)), "۲ جنوری ۶۰۰");
        assert_eq!(date_with_gregorian(Lang::Fa, d(600, 1, 2)), "۲ جنوری ۶۰۰");
    }

    #[test]
    fn tags_have_names_in_each_language_or_fall_back_to_the_slug() {
        assert_eq!(tag_name(Lang::En, "human-rights"), "Human rights");
        assert_eq!(tag_name(Lang::Fa, "diplomacy"), "دیپلوماسی");
        assert_eq!(tag_name(Lang::Ps, "women"), "ښځې");
        assert_eq!(tag_name(Lang::Fa, "no-such-tag"), "no-such-tag");
    }

    #[test]
    fn editorial_counts_take_each_languages_plural() {
        let one = count_text(Lang::En, "admin-error-problems-preview", 1);
        assert_eq!(
            one,
            "1 problem to fix before saving (shown next to its field)."
        );
        let two = count_text(Lang::En, "admin-error-problems-not-saved", 2);
        assert_eq!(
            two,
            "Not saved: 2 problems (shown next to their fields). Your text is kept below."
        );
        assert!(count_text(Lang::Fa, "admin-error-problems-preview", 3).starts_with("۳ مشکل"));
        assert!(count_text(Lang::Ps, "admin-error-problems-preview", 1).starts_with("۱ ستونزه "));
        assert!(count_text(Lang::Ps, "admin-error-problems-preview", 4).starts_with("۴ ستونزې "));
    }

    #[test]
    fn every_language_has_every_key() {
        for (en, lang, file) in [
            (
                include_str!("../locales/en/main.ftl"),
                Lang::Fa,
                include_str!("../locales/fa/main.ftl"),
            ),
            (
                include_str!("../locales/en/main.ftl"),
                Lang::Ps,
                include_str!("../locales/ps/main.ftl"),
            ),
            (
                include_str!("../locales/en/admin.ftl"),
                Lang::Fa,
                include_str!("../locales/fa/admin.ftl"),
            ),
            (
                include_str!("../locales/en/admin.ftl"),
                Lang::Ps,
                include_str!("../locales/ps/admin.ftl"),
            ),
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

    /// Every message of the reader's pages (`main.ftl`) is said somewhere:
    /// named in the code or a template, or made there from a prefix and a
    /// code (`comment-refused-` and a refusal's). A message no page says is
    /// one more to translate and keep for nothing: `print-note` ("Printed
    /// from AskAfghanistan") was written with the first pages and never
    /// shown, since the printed page carries the site's name in its header
    /// and the article's address under its citation.
    #[test]
    fn every_message_of_the_readers_pages_is_said_somewhere() {
        const MADE_FROM: &[&str] = &["comment-refused-"];
        fn read_all(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    read_all(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push_str(&text);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = String::new();
        for dir in ["src", "templates", "static"] {
            read_all(&root.join(dir), &mut code);
        }
        let unsaid: Vec<&str> = include_str!("../locales/en/main.ftl")
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
            .filter(|key| !key.starts_with([' ', '#']))
            .filter(|key| !MADE_FROM.iter().any(|p| key.starts_with(p)))
            .filter(|key| {
                !code.contains(&format!("\"{key}\"")) && !code.contains(&format!("'{key}'"))
            })
            .collect();
        assert!(unsaid.is_empty(), "messages no page says: {unsaid:?}");
    }

    /// A Dari or Pashto translation holds no Latin letters outside its
    /// placeables: a word that stays English in its sentence (a format's
    /// name, a code, an address) is an argument, which the code marks as
    /// English (`reasons::english_html`), so that a screen reader reads it
    /// with an English voice (the rule in `templates`' module doc).
    /// Allowed: the brand, in every message that says it, and the footer's
    /// link `nav-api`, which is the one word: the templates put both
    /// through `|runs(lang)`, which marks them.
    #[test]
    fn dari_and_pashto_translations_hold_no_latin_letters() {
        const ALLOWED: &[&str] = &["AskAfghanistan"];
        const ALLOWED_KEYS: &[&str] = &["nav-api"];
        let mut found = Vec::new();
        for (name, file) in [
            ("fa/main.ftl", include_str!("../locales/fa/main.ftl")),
            ("fa/admin.ftl", include_str!("../locales/fa/admin.ftl")),
            ("fa/tags.ftl", include_str!("../locales/fa/tags.ftl")),
            ("ps/main.ftl", include_str!("../locales/ps/main.ftl")),
            ("ps/admin.ftl", include_str!("../locales/ps/admin.ftl")),
            ("ps/tags.ftl", include_str!("../locales/ps/tags.ftl")),
        ] {
            let mut key = "";
            for (n, line) in file.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let value = match line.split_once(" = ") {
                    Some((k, v)) if !line.starts_with(' ') => {
                        key = k;
                        v
                    }
                    _ => line.trim_start(),
                };
                // A variant's key (`[one]`, `*[other]`) is code, not words.
                let value = match value.trim_start_matches('*').strip_prefix('[') {
                    Some(rest) => rest.split_once(']').map_or("", |(_, v)| v),
                    None => value,
                };
                let mut depth = 0_u32;
                let mut words = String::new();
                for c in value.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth = depth.saturating_sub(1),
                        c if depth == 0 => words.push(c),
                        _ => {}
                    }
                }
                let latin: Vec<&str> = words
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                    .filter(|w| !ALLOWED.contains(w))
                    .collect();
                if !latin.is_empty() && !ALLOWED_KEYS.contains(&key) {
                    found.push(format!("{name}:{} {key}: {}", n + 1, latin.join(" ")));
                }
            }
        }
        assert!(
            found.is_empty(),
            "Latin letters in a translation:\n{}",
            found.join("\n")
        );
    }
}

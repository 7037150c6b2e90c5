//! The site's clock. The editors work in Kabul, so every time the editorial
//! pages show (a comment's, a decision's, a revision's, an upload's, a
//! schedule's) is Kabul's, written one way by [`when`] and [`stamp`], the
//! zone said once, by the time itself, in the editor's language
//! (`26 November 2026, 14:00 (Kabul time)`); and "today" is Kabul's day
//! ([`today`]). The public pages date a comment by its day in Kabul too
//! ([`day`]), so a reader and the moderators see the same day. A page that
//! gives a machine-readable `<time datetime>` keeps it in UTC, as stored.

use askaf_content::Lang;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fluent_templates::fluent_bundle::FluentValue;

use crate::i18n;

/// Kabul's time: UTC+4:30 all year (no summer time since 1945).
pub(crate) fn kabul() -> FixedOffset {
    const KABUL: FixedOffset = match FixedOffset::east_opt(4 * 3600 + 30 * 60) {
        Some(offset) => offset,
        None => panic!("UTC+4:30 is an offset"),
    };
    KABUL
}

/// A moment (seconds since 1970) in Kabul, as the schedule's date and time
/// fields take it (1970's first moment for one out of range).
pub(crate) fn kabul_time(unix: i64) -> DateTime<FixedOffset> {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&kabul())
}

/// A moment (seconds since 1970) as the editorial pages show it in `lang`
/// (see [`moment`]).
pub(crate) fn when(lang: Lang, unix: i64) -> String {
    DateTime::from_timestamp(unix, 0)
        .map(|t| moment(lang, t))
        .unwrap_or_default()
}

/// A time the store keeps as text (RFC 3339, or a bare date) as the
/// editorial pages show it in `lang` (see [`moment`]; a bare date, a day
/// with no time, as the public pages write it). Text that is neither is
/// shown as it is.
pub(crate) fn stamp(lang: Lang, text: &str) -> String {
    match stored(text) {
        Some(Stored::Moment(t)) => moment(lang, t),
        Some(Stored::Day(d)) => i18n::date_with_gregorian(lang, d),
        None => text.to_string(),
    }
}

/// A time as the store keeps it as text.
enum Stored {
    /// RFC 3339: a moment.
    Moment(DateTime<Utc>),
    /// A bare date (or the date that begins other text): a day, with no
    /// time to move.
    Day(NaiveDate),
}

fn stored(text: &str) -> Option<Stored> {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) => Some(Stored::Moment(t.with_timezone(&Utc))),
        Err(_) => text.get(..10)?.parse().ok().map(Stored::Day),
    }
}

/// The day in Kabul of a time the store keeps as text (see [`stamp`]),
/// written as `lang`'s public pages write a day (Solar Hijri in Dari and
/// Pashto, without the Gregorian): a comment's day on its article's page,
/// and in the moderation queue beside its time in Kabul, so that the
/// three agree from 19:30 UTC to midnight. Text that is no time is shown
/// as it is.
pub(crate) fn day(lang: Lang, text: &str) -> String {
    match stored(text) {
        Some(Stored::Moment(t)) => i18n::date(lang, day_at(t)),
        Some(Stored::Day(d)) => i18n::date(lang, d),
        None => text.to_string(),
    }
}

/// A moment in Kabul, from `admin-moment`: `26 November 2026, 14:00 (Kabul
/// time)` in English, as the public pages write a day; in Dari and Pashto
/// the Solar Hijri day with the Gregorian beside it
/// ([`i18n::date_with_gregorian`]) and the time in Persian digits,
/// `۵ قوس ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)، ۱۴:۰۰ (به وقت کابل)`.
fn moment(lang: Lang, t: DateTime<Utc>) -> String {
    let t = t.with_timezone(&kabul());
    let time = i18n::digits(lang, &t.format("%H:%M").to_string());
    i18n::text(
        lang,
        "admin-moment",
        &[
            (
                "day",
                FluentValue::from(i18n::date_with_gregorian(lang, t.date_naive())),
            ),
            ("time", FluentValue::from(time)),
        ],
    )
}

/// Today's date as a new article's dates and an empty source row are
/// prefilled with: Kabul's, as the editorial pages' times are, written as
/// the editor writes an article's dates in `lang`
/// ([`askaf_content::form_day`]: `۱۴۰۵-۰۹-۱۶` in Dari and Pashto).
pub(crate) fn today(lang: Lang) -> String {
    askaf_content::form_day(lang, kabul_today())
}

/// The day it is in Kabul now.
pub(crate) fn kabul_today() -> NaiveDate {
    day_at(Utc::now())
}

/// The day it is in Kabul at `now` (from 19:30 UTC, the next day's).
fn day_at(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&kabul()).date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;

    /// Kabul's day begins at 19:30 UTC the evening before: an editor
    /// writing there just after midnight is dated today, not yesterday.
    #[test]
    fn the_editors_today_is_kabuls() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 5, h, m, 0).unwrap();
        assert_eq!(day_at(at(19, 29)), day(5), "23:59 in Kabul");
        assert_eq!(day_at(at(19, 30)), day(6), "midnight in Kabul");
        assert_eq!(day_at(at(20, 0)), day(6), "00:30 in Kabul");
        assert_eq!(day_at(at(0, 0)), day(5), "04:30 in Kabul");
    }

    /// A comment's day, as its article's readers date it, is Kabul's:
    /// the day of the time beside it.
    #[test]
    fn a_stored_times_day_is_kabuls() {
        assert_eq!(day(Lang::Fa, "2026-12-05T19:29:00Z"), "۱۴ قوس ۱۴۰۵");
        assert_eq!(day(Lang::Fa, "2026-12-05T20:15:00Z"), "۱۵ قوس ۱۴۰۵");
        assert_eq!(day(Lang::Ps, "2026-12-05T23:59:00Z"), "۱۵ لیندۍ ۱۴۰۵");
        assert_eq!(day(Lang::En, "2026-12-05T20:15:00Z"), "6 December 2026");
        assert_eq!(day(Lang::Fa, "2026-12-05"), "۱۴ قوس ۱۴۰۵");
        assert_eq!(day(Lang::Fa, "not a time"), "not a time");
    }

    #[test]
    fn editorial_times_are_kabuls_and_solar_hijri_in_dari_and_pashto() {
        assert_eq!(
            stamp(Lang::En, "2026-11-26T09:30:00Z"),
            "26 November 2026, 14:00 (Kabul time)"
        );
        assert_eq!(
            stamp(Lang::Fa, "2026-11-26T09:30:00Z"),
            "۵ قوس ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)، ۱۴:۰۰ (به وقت کابل)"
        );
        // An offset other than UTC's is the same moment.
        assert_eq!(
            stamp(Lang::En, "2026-11-26T10:30:00+01:00"),
            "26 November 2026, 14:00 (Kabul time)"
        );
        // A day alone has no time to move.
        assert_eq!(
            stamp(Lang::Ps, "2026-11-26"),
            "۵ لیندۍ ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)"
        );
        assert_eq!(stamp(Lang::En, "2026-11-26"), "26 November 2026");
        assert_eq!(stamp(Lang::Fa, "not a time"), "not a time");
        let unix = 1_795_685_400; // 2026-11-26 09:30 UTC
        assert_eq!(when(Lang::En, unix), "26 November 2026, 14:00 (Kabul time)");
        assert_eq!(
            when(Lang::Ps, unix),
            "۵ لیندۍ ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)، ۱۴:۰۰ (د کابل وخت)"
        );
        // 20:00 UTC is half past midnight in Kabul: the next day.
        assert_eq!(
            when(Lang::En, unix + 10 * 3600 + 30 * 60),
            "27 November 2026, 00:30 (Kabul time)"
        );
    }
}

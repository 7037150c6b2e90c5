//! The Solar Hijri calendar, Afghanistan's official calendar, and its
//! conversion to and from the Gregorian dates the rest of the site keeps.
//!
//! The calendar is Iran's too: a year begins on Nowruz, the day of the March
//! equinox (as computed for the meridian 52.5° E: an equinox after noon
//! there starts the year on the next day); months 1–6 have 31 days, 7–11
//! have 30, and month 12 has 29, or 30 in a leap year. Afghanistan names
//! the months after the signs of the zodiac (حمل، ثور، جوزا … in Dari,
//! وری، غویی، غبرګولی … in Pashto); Iran has its own names (Farvardin,
//! Ordibehesht …), which editors who learnt them may type as well.
//!
//! Because the year follows the sun rather than a rule, no leap-year rule is
//! exact forever. We use the arithmetic of K. M. Borkowski, “The Persian
//! calendar for 3000 years” (Earth, Moon and Planets 74, 1996), which most
//! libraries use (jalaali-js and its ports among them): leap years follow
//! the 33-year cycle (one every four years, eight in 33), restarted at the
//! years (`BREAKS`) where Borkowski's astronomical computation of the
//! equinoxes shows the cycle slipping. His table covers years −61 to 3177;
//! the tests check the arithmetic against the leap years and Nowruz dates
//! that Iran's calendar authority publishes for 1206 to 1498 (1827 to 2119
//! CE), where it agrees on every year. We accept years
//! [`FIRST_YEAR`] to [`LAST_YEAR`]; a Gregorian date outside them has no
//! Solar Hijri date here, and callers show it as Gregorian.
//!
//! A typed date ([`parse_typed_date`]) may be in either calendar: the year
//! tells which (below 1700 it is Solar Hijri, since no article is dated
//! 1700 CE or earlier and no Solar Hijri date will reach 1700 before 2321 CE).

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};

/// The first Solar Hijri year converted: 1 (622–623 CE).
pub const FIRST_YEAR: i32 = 1;
/// The last Solar Hijri year converted: 3176 (3797–3798 CE), the last whose
/// following Nowruz, and so whose length, Borkowski's table gives.
pub const LAST_YEAR: i32 = 3176;

/// A typed year below this is a Solar Hijri year, at or above it a Gregorian one.
pub const SOLAR_YEARS_BELOW: i32 = 1700;

/// The years at which Borkowski's table restarts the 33-year cycle: between
/// two of them, leap years come every fourth year but once every 33 years,
/// when there are five; the last entry ends the table.
const BREAKS: [i32; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// Days from the start of the year to the start of the second half, whose
/// months have 30 days.
const FIRST_HALF: u32 = 6 * 31;

/// The day in March of the Gregorian year `year + 621` on which Solar Hijri
/// `year` begins: 20 or 21 in our time.
///
/// Counts the leap days of each calendar since a common origin: the Solar
/// Hijri ones run by run of the 33-year cycle, the Gregorian ones by the
/// rule of 4, 100 and 400. Nowruz falls on March 20 plus the difference.
/// `year` must lie in `BREAKS[0]..BREAKS[19]`; every quotient is of
/// non-negative numbers there, so Rust's truncating division is the floor.
fn nowruz_in_march(year: i32) -> i32 {
    // The count starts at -14 so that the difference below comes out as the
    // day of March.
    let mut solar_leaps = -14;
    let mut run_start = BREAKS[0];
    let mut run_length = 0;
    for &next in &BREAKS[1..] {
        run_length = next - run_start;
        if year < next {
            break;
        }
        solar_leaps += run_length / 33 * 8 + run_length % 33 / 4;
        run_start = next;
    }
    let into_run = year - run_start;
    solar_leaps += into_run / 33 * 8 + (into_run % 33 + 3) / 4;
    // A run of 33k + 4 years ends on a leap year that the count above, which
    // puts leap years at 4, 8, … 32 years into each cycle, leaves out.
    if run_length % 33 == 4 && run_length - into_run == 4 {
        solar_leaps += 1;
    }
    let gregorian_year = year + 621;
    let gregorian_leaps = gregorian_year / 4 - (gregorian_year / 100 + 1) * 3 / 4 - 150;
    20 + solar_leaps - gregorian_leaps
}

/// The Gregorian date of 1 Hamal (1 Farvardin), the first day of `year`.
fn nowruz(year: i32) -> Option<NaiveDate> {
    if !(BREAKS[0]..BREAKS[BREAKS.len() - 1]).contains(&year) {
        return None;
    }
    let day = u32::try_from(nowruz_in_march(year)).ok()?;
    NaiveDate::from_ymd_opt(year + 621, 3, day)
}

/// Whether `year` has 366 days, its twelfth month 30; `None` outside
/// [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn is_leap_year(year: i32) -> Option<bool> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return None;
    }
    let length = nowruz(year + 1)?.signed_duration_since(nowruz(year)?);
    Some(length.num_days() == 366)
}

/// The number of days of `month` (1 to 12) in `year`; `None` for a month
/// or year out of range.
pub fn month_length(year: i32, month: u32) -> Option<u32> {
    match month {
        1..=6 => Some(31),
        7..=11 => Some(30),
        12 => Some(if is_leap_year(year)? { 30 } else { 29 }),
        _ => None,
    }
}

/// The English spelling of each month's Afghan name, for messages to editors.
const MONTHS_LATIN: [&str; 12] = [
    "Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula", "Mizan", "Aqrab", "Qaws", "Jadi",
    "Dalw", "Hut",
];

/// The months as Afghanistan names them in Dari, after the signs of the zodiac.
pub const MONTHS_DARI: [&str; 12] = [
    "حمل",
    "ثور",
    "جوزا",
    "سرطان",
    "اسد",
    "سنبله",
    "میزان",
    "عقرب",
    "قوس",
    "جدی",
    "دلو",
    "حوت",
];

/// The months as Afghanistan names them in Pashto.
pub const MONTHS_PASHTO: [&str; 12] = [
    "وری",
    "غویی",
    "غبرګولی",
    "چنګاښ",
    "زمری",
    "وږی",
    "تله",
    "لړم",
    "لیندۍ",
    "مرغومی",
    "سلواغه",
    "کب",
];

/// Iran's names for the same months, which some Dari writers use.
const MONTHS_IRANIAN: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// The Gregorian months as Afghanistan writes them in Dari, as Dari pages
/// date a day beside its Solar Hijri one (`۲۶ نومبر ۲۰۲۶`).
pub const GREGORIAN_MONTHS_DARI: [&str; 12] = [
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

/// The Gregorian months as Pashto writes them, as Pashto pages date a day.
pub const GREGORIAN_MONTHS_PASHTO: [&str; 12] = [
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

/// The Gregorian months as Iran names them, which Dari sources from Iran
/// (and many Dari writers) use: `۷ دسامبر ۲۰۲۶`. `ژوئن`, `ژوئیه` fold to
/// their spellings with `ی` ([`fold_name`]).
const GREGORIAN_MONTHS_IRANIAN: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// Other spellings of a Gregorian month, each with its number: August as
/// Iranian writers also spell it, beside the official `اوت`.
const GREGORIAN_MONTHS_OTHER: [(&str, u32); 1] = [("آگوست", 8)];

/// What Dari, Pashto and English writers put after a year to say its
/// calendar, folded ([`fold_era`]), each with whether it is the Solar
/// Hijri one: `۱۴۰۵ هـ ش` (هجری شمسی), Pashto's `۱۴۰۵ ل` (لمریز), `۲۰۲۶
/// م` (میلادی), `ع` (عیسوی), Pashto's `ز` (زېږدیز), `SH`, `AP`, `AD`,
/// `CE`.
const ERAS: [(&str, bool); 23] = [
    ("هش", true),
    ("ش", true),
    ("شمسی", true),
    ("خورشیدی", true),
    ("هجریشمسی", true),
    ("هجریخورشیدی", true),
    ("ل", true),
    ("هل", true),
    ("لمریز", true),
    ("لمریزه", true),
    ("هجریلمریز", true),
    ("لمریزهجری", true),
    ("sh", true),
    ("ap", true),
    ("م", false),
    ("میلادی", false),
    ("ع", false),
    ("عیسوی", false),
    ("ز", false),
    ("زیږدیز", false),
    ("زیږدیزه", false),
    ("ad", false),
    ("ce", false),
];

/// An era as typed, folded as month names are, without the spaces, dots
/// and tatweels writers put between its letters (`هـ.ش`, `هـ ش`, `S.H.`).
fn fold_era(era: &str) -> String {
    fold_name(era)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '\u{200D}'))
        .collect()
}

/// The calendar the words after a date's last digit name, if they name
/// one: `(the date without them, solar)`. `None` when nothing follows the
/// last digit or what follows names no calendar.
fn era_marked(text: &str) -> Option<(&str, bool)> {
    let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
    let era = fold_era(&text[end..]);
    let solar = ERAS.iter().find(|(e, _)| *e == era)?.1;
    Some((&text[..end], solar))
}

/// The Gregorian months in English, for `26 November 2026`, as English
/// pages and messages write them (read in any case).
pub const GREGORIAN_MONTHS_ENGLISH: [&str; 12] = [
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

/// A month name as typed, folded so that keyboard variants match: Arabic
/// yeh and kaf as Persian, Pashto ګ and the Pashto yehs (ۍ ې ي ى) as their
/// Persian letters, no zero-width non-joiner or tatweel, Latin lowercase.
fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '\u{200C}' | '\u{0640}'))
        .map(|c| match c {
            'ي' | 'ى' | 'ۍ' | 'ې' | 'ئ' => 'ی',
            'ك' => 'ک',
            'ګ' => 'گ',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Which month `name` is: `(month, solar)`, solar for the Afghan and Iranian
/// names, Gregorian for English ones (full or their first three letters)
/// and for the Dari and Pashto names of the Gregorian months, which Dari and
/// Pashto pages write beside every Solar Hijri day (until 7 December a day
/// copied from one, `۷ دسمبر ۲۰۲۶`, was refused). No name is in both sets.
fn month_named(name: &str) -> Option<(u32, bool)> {
    let folded = fold_name(name);
    // `آذرماه`: Iranian writers join ماه ("month") to its name.
    if let Some(month) = folded.strip_suffix("ماه").filter(|m| !m.is_empty()) {
        return month_named(month);
    }
    let find = |names: &[&str; 12]| names.iter().position(|n| fold_name(n) == folded);
    let solar = find(&MONTHS_DARI)
        .or_else(|| find(&MONTHS_PASHTO))
        .or_else(|| find(&MONTHS_IRANIAN))
        .or_else(|| find(&MONTHS_LATIN));
    if let Some(i) = solar {
        return Some((i as u32 + 1, true));
    }
    GREGORIAN_MONTHS_ENGLISH
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| m == folded || (folded.len() == 3 && m.starts_with(&folded)))
        .or_else(|| find(&GREGORIAN_MONTHS_DARI))
        .or_else(|| find(&GREGORIAN_MONTHS_PASHTO))
        .or_else(|| find(&GREGORIAN_MONTHS_IRANIAN))
        .map(|i| i as u32 + 1)
        .or_else(|| {
            GREGORIAN_MONTHS_OTHER
                .iter()
                .find(|(n, _)| fold_name(n) == folded)
                .map(|&(_, m)| m)
        })
        .map(|m| (m, false))
}

/// A Solar Hijri month's Latin name (1 = Hamal … 12 = Hut), as English
/// messages name it.
pub fn month_name(month: u32) -> &'static str {
    (month as usize)
        .checked_sub(1)
        .and_then(|i| MONTHS_LATIN.get(i))
        .copied()
        .unwrap_or("no such month")
}

/// A date of the Solar Hijri calendar that exists: made by [`SolarDate::new`]
/// or [`SolarDate::from_gregorian`], never out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SolarDate {
    year: i32,
    month: u32,
    day: u32,
}

/// Why a year, month and day are not a Solar Hijri date we can convert.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SolarDateError {
    #[error("the year {0} is outside the years converted ({FIRST_YEAR} to {LAST_YEAR})")]
    Year(i32),
    #[error("there is no month {0}: the year has 12 months")]
    Month(u32),
    #[error("month {month} ({name}) of {year} has {length} days, not {day}", name = month_name(*month))]
    Day {
        year: i32,
        month: u32,
        day: u32,
        length: u32,
    },
}

impl SolarDate {
    /// The date `day` of `month` (1 = Hamal … 12 = Hut) of `year`, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Result<SolarDate, SolarDateError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(SolarDateError::Year(year));
        }
        let length = month_length(year, month).ok_or(SolarDateError::Month(month))?;
        if !(1..=length).contains(&day) {
            return Err(SolarDateError::Day {
                year,
                month,
                day,
                length,
            });
        }
        Ok(SolarDate { year, month, day })
    }

    /// The Solar Hijri date of a Gregorian one; `None` outside the years
    /// converted (before 622 CE or after 3798 CE).
    pub fn from_gregorian(date: NaiveDate) -> Option<SolarDate> {
        let mut year = date.year().checked_sub(621)?;
        let mut start = nowruz(year)?;
        if date < start {
            year -= 1;
            start = nowruz(year)?;
        }
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        let day_of_year = u32::try_from(date.signed_duration_since(start).num_days()).ok()?;
        let (month, day) = if day_of_year < FIRST_HALF {
            (day_of_year / 31 + 1, day_of_year % 31 + 1)
        } else {
            let rest = day_of_year - FIRST_HALF;
            (rest / 30 + 7, rest % 30 + 1)
        };
        Some(SolarDate { year, month, day })
    }

    /// The same day in the Gregorian calendar.
    pub fn to_gregorian(self) -> NaiveDate {
        let before = if self.month <= 6 {
            (self.month - 1) * 31
        } else {
            FIRST_HALF + (self.month - 7) * 30
        };
        // `new` and `from_gregorian` only make dates of years whose Nowruz
        // the table gives, and no Solar Hijri year ends past the range of
        // `NaiveDate` (262,143 CE), so neither fallback is ever taken.
        nowruz(self.year)
            .and_then(|n| n.checked_add_days(Days::new(u64::from(before + self.day - 1))))
            .unwrap_or(NaiveDate::MIN)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 (Hamal) to 12 (Hut).
    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }
}

/// `1405-09-05`, as it is typed.
impl fmt::Display for SolarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a typed date was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypedDateError {
    /// Not three numbers `YYYY-MM-DD`, or a Gregorian date that does not
    /// exist. The message names every form a date is read in, Solar Hijri
    /// and by the month's name too, not `YYYY-MM-DD` alone, which told an
    /// editor the others were refused.
    #[error("not a date: write it as YYYY-MM-DD (Gregorian, or Solar Hijri such as 1405-09-05), or as day, month and year (26 November 2026, 5 Qaws 1405)")]
    Form,
    /// A Solar Hijri year with a month or day it does not have.
    #[error("not a Solar Hijri date: {0}")]
    Solar(#[from] SolarDateError),
    /// A Gregorian month with no such day (`2026-02-30`), said as a Solar
    /// Hijri one is: until 7 December it was [`TypedDateError::Form`], which
    /// asked for `YYYY-MM-DD` from an editor who had typed just that.
    #[error("not a date: {} {year} has {length} days, not {day}", gregorian_month_name(*month))]
    Gregorian {
        year: i32,
        month: u32,
        day: u32,
        length: u32,
    },
    /// A Gregorian year with a month it does not have (`2026-13-01`, or
    /// `12/25/2026`, a month and day in the American order, which a year
    /// written last is not read in), said as a Solar Hijri one is.
    #[error("not a date: there is no month {0}: the year has 12 months")]
    GregorianMonth(u32),
    /// Three numbers none of which is a year of four digits at either end
    /// (`7.12.26`): which is the year, and so in what order the day and
    /// the month come, cannot be told.
    #[error("not a date: the year must be written in four digits, first (year/month/day: 1405/9/16, 2026.12.07) or last (day/month/year: 16/9/1405, 7.12.2026)")]
    Ambiguous,
}

/// A Gregorian month's English name (1 = January), as English messages
/// name it.
pub fn gregorian_month_name(month: u32) -> &'static str {
    (month as usize)
        .checked_sub(1)
        .and_then(|i| GREGORIAN_MONTHS_ENGLISH.get(i))
        .copied()
        .unwrap_or("no such month")
}

/// Reads a date as an editor types it: `YYYY-MM-DD`, `YYYY/MM/DD` or
/// `YYYY.MM.DD`, the month and the day of one digit or two (`۱۴۰۵/۹/۵`, as
/// Afghans commonly write a date; until 7 December two were asked for), or
/// the same the other way round, the year last (`DD/MM/YYYY`, `۵/۹/۱۴۰۵`,
/// `7.12.2026`: day first, never the American month first; until 7
/// December refused), or
/// the day, the month's name and the year as dates are written (`۵ قوس
/// ۱۴۰۵`, `5 Qaws 1405`, `۵ لیندۍ ۱۴۰۵`, `26 November 2026`, `۲۶ نومبر
/// ۲۰۲۶`), in ASCII,
/// Persian (۱۴۰۵) or Arabic-Indic (١٤٠٥) digits, surrounding spaces
/// ignored. A year below [`SOLAR_YEARS_BELOW`] is Solar Hijri (`1405-09-05`
/// is 26 November 2026), any other Gregorian; a month's name must be of the
/// same calendar as its year.
pub fn parse_typed_date(text: &str) -> Result<NaiveDate, TypedDateError> {
    let ascii = askaf_text::ascii_digits(text.trim());
    let Some((date, solar)) = era_marked(&ascii) else {
        return parse_unmarked_date(&ascii);
    };
    // The date's year is its one number of four digits.
    let year = date
        .split(|c: char| !c.is_ascii_digit())
        .find(|n| n.len() == 4)
        .and_then(|n| n.parse::<i32>().ok());
    if year.is_some_and(|y| (y < SOLAR_YEARS_BELOW) != solar) {
        return Err(TypedDateError::Form);
    }
    parse_unmarked_date(date.trim())
}

/// [`parse_typed_date`] of a date in ASCII digits with no calendar named
/// after it: three numbers apart by `-`, `/`, `.` or the Arabic decimal
/// point `٫` (what a Dari or Pashto keyboard types for a dot), the year of
/// four digits first (year, month, day) or last (day, month, year). Three
/// short numbers ([`TypedDateError::Ambiguous`]) say no order.
fn parse_unmarked_date(ascii: &str) -> Result<NaiveDate, TypedDateError> {
    if ascii.chars().any(char::is_alphabetic) {
        return parse_named_date(ascii);
    }
    let parts: Vec<&str> = ascii.split(['-', '/', '.', '\u{066B}']).collect();
    let [a, b, c] = parts[..] else {
        return Err(TypedDateError::Form);
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(TypedDateError::Form);
    }
    let short = |p: &str| p.len() <= 2;
    // Of four digits or fewer: each fits a u32, and the year an i32.
    let n = |p: &str| p.parse::<u32>().map_err(|_| TypedDateError::Form);
    let (year, month, day) = match (a.len(), c.len()) {
        (4, _) if short(b) && short(c) => (n(a)?, n(b)?, n(c)?),
        (_, 4) if short(a) && short(b) => (n(c)?, n(b)?, n(a)?),
        _ if short(a) && short(b) && short(c) => return Err(TypedDateError::Ambiguous),
        _ => return Err(TypedDateError::Form),
    };
    date_of(year as i32, month, day)
}

/// `۵ قوس ۱۴۰۵`, `Qaws 5, 1405`: a day of one or two digits, a month's
/// name and a year of four, in any order, commas (`,` `،`) ignored.
fn parse_named_date(text: &str) -> Result<NaiveDate, TypedDateError> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '،')
        // `آذر ماه`: ماه ("month") after a month's name, apart.
        .filter(|w| !w.is_empty() && fold_name(w) != "ماه")
        .collect();
    let [a, b, c] = words[..] else {
        return Err(TypedDateError::Form);
    };
    let (mut day, mut year, mut month) = (None, None, None);
    for w in [a, b, c] {
        if w.bytes().all(|b| b.is_ascii_digit()) {
            let slot = match w.len() {
                1 | 2 => &mut day,
                4 => &mut year,
                _ => return Err(TypedDateError::Form),
            };
            if slot
                .replace(w.parse::<u32>().map_err(|_| TypedDateError::Form)?)
                .is_some()
            {
                return Err(TypedDateError::Form);
            }
        } else if month
            .replace(month_named(w).ok_or(TypedDateError::Form)?)
            .is_some()
        {
            return Err(TypedDateError::Form);
        }
    }
    let (Some(day), Some(year), Some((month, solar))) = (day, year, month) else {
        return Err(TypedDateError::Form);
    };
    let year = year as i32;
    if solar != (year < SOLAR_YEARS_BELOW) {
        return Err(TypedDateError::Form);
    }
    date_of(year, month, day)
}

/// The Gregorian date of a year, month and day of either calendar, the year
/// telling which (see [`parse_typed_date`]).
pub fn date_of(year: i32, month: u32, day: u32) -> Result<NaiveDate, TypedDateError> {
    if year < SOLAR_YEARS_BELOW {
        Ok(SolarDate::new(year, month, day)?.to_gregorian())
    } else {
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            // The month's length: the day before the next month's first.
            let next = match month {
                12 => NaiveDate::from_ymd_opt(year + 1, 1, 1),
                _ => NaiveDate::from_ymd_opt(year, month + 1, 1),
            };
            match next.and_then(|n| n.pred_opt()) {
                Some(last) if day > last.day() => TypedDateError::Gregorian {
                    year,
                    month,
                    day,
                    length: last.day(),
                },
                _ if !(1..=12).contains(&month) => TypedDateError::GregorianMonth(month),
                _ => TypedDateError::Form,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The Gregorian date of 1 Farvardin (1 Hamal) of each year from 1206 to
    /// 1498 AP, and which of those years are leap years, as published by
    /// Iran's calendar authority, the Calendar Center of the Institute of
    /// Geophysics, University of Tehran, in its table of leap years
    /// (https://calendar.ut.ac.ir/Fa/News/Data/Doc/KabiseShamsi1206-1498-new.pdf),
    /// here in the public-domain plain-text transcription `kabise.txt` of
    /// github.com/roozbehp/persiancalendar. Afghanistan's calendar is the same
    /// astronomical calendar.
    const CALENDAR_CENTER: &str = include_str!("../testdata/solar-hijri-1206-1498.txt");

    /// (year, whether it is leap, its first day) for each line of the table.
    fn table() -> Vec<(i32, bool, NaiveDate)> {
        CALENDAR_CENTER
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (year, date) = l.split_once(' ').unwrap();
                let leap = year.ends_with('*');
                let year = year.trim_end_matches('*').parse().unwrap();
                (year, leap, date.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn nowruz_and_leap_years_match_the_calendar_center_1206_to_1498() {
        let rows = table();
        assert_eq!(rows.len(), 1498 - 1206 + 1);
        for (i, &(year, leap, first)) in rows.iter().enumerate() {
            let hamal_1 = SolarDate::new(year, 1, 1).unwrap();
            assert_eq!(hamal_1.to_gregorian(), first, "1 Hamal {year}");
            assert_eq!(SolarDate::from_gregorian(first), Some(hamal_1));
            assert_eq!(is_leap_year(year), Some(leap), "{year} leap");
            // The last day of Hut is the eve of the next year's Nowruz.
            let last = SolarDate::new(year, 12, if leap { 30 } else { 29 }).unwrap();
            if let Some(&(_, _, next)) = rows.get(i + 1) {
                assert_eq!(
                    last.to_gregorian().succ_opt(),
                    Some(next),
                    "30/29 Hut {year}"
                );
            }
        }
    }

    #[test]
    fn nowruz_1395_to_1410() {
        // The same source, written out for the years a reader of today meets.
        let expected = [
            (1395, ymd(2016, 3, 20)),
            (1396, ymd(2017, 3, 21)),
            (1397, ymd(2018, 3, 21)),
            (1398, ymd(2019, 3, 21)),
            (1399, ymd(2020, 3, 20)),
            (1400, ymd(2021, 3, 21)),
            (1401, ymd(2022, 3, 21)),
            (1402, ymd(2023, 3, 21)),
            (1403, ymd(2024, 3, 20)),
            (1404, ymd(2025, 3, 21)),
            (1405, ymd(2026, 3, 21)),
            (1406, ymd(2027, 3, 21)),
            (1407, ymd(2028, 3, 20)),
            (1408, ymd(2029, 3, 20)),
            (1409, ymd(2030, 3, 21)),
            (1410, ymd(2031, 3, 21)),
        ];
        for (year, first) in expected {
            assert_eq!(
                SolarDate::new(year, 1, 1).unwrap().to_gregorian(),
                first,
                "{year}"
            );
        }
    }

    #[test]
    fn the_months_of_1405_start_where_the_calendar_says() {
        let starts = [
            ymd(2026, 3, 21),
            ymd(2026, 4, 21),
            ymd(2026, 5, 22),
            ymd(2026, 6, 22),
            ymd(2026, 7, 23),
            ymd(2026, 8, 23),
            ymd(2026, 9, 23),
            ymd(2026, 10, 23),
            ymd(2026, 11, 22),
            ymd(2026, 12, 22),
            ymd(2027, 1, 21),
            ymd(2027, 2, 20),
        ];
        for (month, start) in (1..=12).zip(starts) {
            assert_eq!(
                SolarDate::new(1405, month, 1).unwrap().to_gregorian(),
                start
            );
        }
        // 1405 is common: Hut has 29 days, and 1406 follows.
        assert_eq!(
            SolarDate::new(1405, 12, 29).unwrap().to_gregorian(),
            ymd(2027, 3, 20)
        );
        assert!(SolarDate::new(1405, 12, 30).is_err());
        assert_eq!(
            SolarDate::from_gregorian(ymd(2026, 11, 26)),
            SolarDate::new(1405, 9, 5).ok()
        );
    }

    #[test]
    fn the_last_day_of_a_leap_year() {
        // 1403 is leap: 30 Hut 1403 is 20 March 2025, and 1404 starts the next day.
        let last = SolarDate::new(1403, 12, 30).unwrap();
        assert_eq!(last.to_gregorian(), ymd(2025, 3, 20));
        assert_eq!(SolarDate::from_gregorian(ymd(2025, 3, 20)), Some(last));
        assert_eq!(
            SolarDate::from_gregorian(ymd(2025, 3, 21)),
            SolarDate::new(1404, 1, 1).ok()
        );
        // 1 Jadi 1403 (Yalda's morning) and 1 Mizan 1403.
        assert_eq!(
            SolarDate::new(1403, 10, 1).unwrap().to_gregorian(),
            ymd(2024, 12, 21)
        );
        assert_eq!(
            SolarDate::new(1403, 7, 1).unwrap().to_gregorian(),
            ymd(2024, 9, 22)
        );
        assert_eq!(is_leap_year(1404), Some(false));
        assert!(SolarDate::new(1404, 12, 30).is_err());
    }

    #[test]
    fn every_day_from_1300_to_1500_goes_there_and_back() {
        let mut day = SolarDate::new(1300, 1, 1).unwrap().to_gregorian();
        let end = SolarDate::new(1501, 1, 1).unwrap().to_gregorian();
        let mut previous: Option<SolarDate> = None;
        let mut days = 0;
        while day < end {
            let solar = SolarDate::from_gregorian(day).unwrap();
            assert_eq!(solar.to_gregorian(), day, "{solar}");
            assert_eq!(
                SolarDate::new(solar.year, solar.month, solar.day),
                Ok(solar)
            );
            if let Some(p) = previous {
                // The next day is the next day of the month, or the first of the next.
                let next = if p.day < month_length(p.year, p.month).unwrap() {
                    SolarDate::new(p.year, p.month, p.day + 1)
                } else if p.month < 12 {
                    SolarDate::new(p.year, p.month + 1, 1)
                } else {
                    SolarDate::new(p.year + 1, 1, 1)
                };
                assert_eq!(next, Ok(solar));
            }
            previous = Some(solar);
            day = day.succ_opt().unwrap();
            days += 1;
        }
        let years: i64 = (1300..=1500)
            .map(|y| if is_leap_year(y).unwrap() { 366 } else { 365 })
            .sum();
        assert_eq!(days, years, "every day of the 201 years");
        assert_eq!(years, 73_414);
    }

    #[test]
    fn every_year_converted_starts_near_the_equinox_and_ends_where_the_next_begins() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let first = SolarDate::new(year, 1, 1).unwrap();
            let start = first.to_gregorian();
            assert_eq!(SolarDate::from_gregorian(start), Some(first));
            // Borkowski's Nowruz stays within March 16 to 24 over the whole
            // table, in the proleptic Gregorian calendar.
            assert!(
                start.month() == 3 && (16..=24).contains(&start.day()),
                "{year}: {start}"
            );
            let length = if is_leap_year(year).unwrap() { 30 } else { 29 };
            let last = SolarDate::new(year, 12, length).unwrap();
            assert_eq!(SolarDate::from_gregorian(last.to_gregorian()), Some(last));
            if year < LAST_YEAR {
                assert_eq!(
                    last.to_gregorian().succ_opt(),
                    Some(SolarDate::new(year + 1, 1, 1).unwrap().to_gregorian())
                );
            }
        }
        assert_eq!(SolarDate::from_gregorian(ymd(600, 1, 1)), None);
        assert_eq!(SolarDate::from_gregorian(ymd(9999, 1, 1)), None);
        assert_eq!(SolarDate::new(0, 1, 1), Err(SolarDateError::Year(0)));
    }

    #[test]
    fn typed_dates_in_either_calendar_and_any_digits() {
        let nov_26 = ymd(2026, 11, 26);
        for typed in [
            "1405-09-05",
            "1405/09/05",
            " ۱۴۰۵-۰۹-۰۵ ",
            "۱۴۰۵/۰۹/۰۵",
            "١٤٠٥-٠٩-٠٥",
            "2026-11-26",
            "۲۰۲۶-۱۱-۲۶",
            // Month and day of one digit, as commonly written.
            "1405-9-5",
            "۱۴۰۵/۹/۵",
            "2026-11-26",
            "2026/11/26",
            // With dots, and the year last (day, month, year).
            "1405.9.5",
            "۱۴۰۵٫۹٫۵",
            "2026.11.26",
            "5/9/1405",
            "۵/۹/۱۴۰۵",
            "05-09-1405",
            "26.11.2026",
            "26/11/2026",
            "۲۶/۱۱/۲۰۲۶",
        ] {
            assert_eq!(parse_typed_date(typed), Ok(nov_26), "{typed}");
        }
        // The forms the editors asked for, 7 December 2026 (1 Qaws 1405 is
        // 22 November).
        let dec_7 = ymd(2026, 12, 7);
        for typed in [
            "2026.12.07",
            "7.12.2026",
            "۱۶/۹/۱۴۰۵",
            "1405.9.16",
            "1405/9/16",
        ] {
            assert_eq!(parse_typed_date(typed), Ok(dec_7), "{typed}");
        }
        assert_eq!(parse_typed_date("۱/۹/۱۴۰۵"), Ok(ymd(2026, 11, 22)));
        assert_eq!(parse_typed_date("1405/9/1"), Ok(ymd(2026, 11, 22)));
        // Marked with its calendar, the year last too.
        assert_eq!(parse_typed_date("۱۶/۹/۱۴۰۵ هـ ش"), Ok(dec_7));
        // 31 Hamal (months 1–6 have 31 days) is 20 April, though April 31 is not a date.
        assert_eq!(parse_typed_date("1405-01-31"), Ok(ymd(2026, 4, 20)));
        assert_eq!(parse_typed_date("1403-12-30"), Ok(ymd(2025, 3, 20)));
    }

    #[test]
    fn typed_dates_that_do_not_exist_say_why() {
        let message = |typed: &str| parse_typed_date(typed).unwrap_err().to_string();
        assert_eq!(
            message("1405-13-01"),
            "not a Solar Hijri date: there is no month 13: the year has 12 months"
        );
        assert_eq!(
            message("1405-07-31"),
            "not a Solar Hijri date: month 7 (Mizan) of 1405 has 30 days, not 31"
        );
        assert_eq!(
            message("1404-12-30"),
            "not a Solar Hijri date: month 12 (Hut) of 1404 has 29 days, not 30"
        );
        assert_eq!(
            message("1405-00-10"),
            "not a Solar Hijri date: there is no month 0: the year has 12 months"
        );
        assert_eq!(
            message("0000-01-01"),
            "not a Solar Hijri date: the year 0 is outside the years converted (1 to 3176)"
        );
        // A Gregorian day its month lacks says the month's length.
        assert_eq!(
            message("2026-02-31"),
            "not a date: February 2026 has 28 days, not 31"
        );
        assert_eq!(
            message("۳۱ نومبر ۲۰۲۶"),
            "not a date: November 2026 has 30 days, not 31"
        );
        assert_eq!(
            message("2028-02-30"),
            "not a date: February 2028 has 29 days, not 30"
        );
        // A month the Gregorian year lacks, as a Solar Hijri one says it;
        // `12/25/2026` is no American date: the year last is day/month/year.
        for typed in ["2026-13-01", "12/25/2026", "2026.00.10"] {
            assert_eq!(
                message(typed),
                format!(
                    "not a date: there is no month {}: the year has 12 months",
                    if typed.contains("25") {
                        25
                    } else if typed.contains("13") {
                        13
                    } else {
                        0
                    }
                ),
                "{typed}"
            );
        }
        assert_eq!(
            message("31.9.1405"),
            "not a Solar Hijri date: month 9 (Qaws) of 1405 has 30 days, not 31"
        );
        // No four-digit year at either end: no order can be told.
        for typed in ["7.12.26", "26/11/26", "۱/۹/۰۵", "12-07-26"] {
            assert_eq!(
                parse_typed_date(typed),
                Err(TypedDateError::Ambiguous),
                "{typed}"
            );
        }
        for bad in [
            "2026-02-00",
            "1405/9/1405",
            "7.12.",
            "7..2026",
            "1405.9.5.1",
            "026.12.07",
            "1405-009-05",
            "1405-9-",
            "1405-09",
            "1405-09-05-01",
            "",
            // Names: no such month, a month of the other calendar, a part
            // twice or missing, a day of three digits.
            "۵ قوسس ۱۴۰۵",
            "5 November 1405",
            "5 Qaws 2026",
            "5 Qaws Qaws 1405",
            "5 1405",
            "5 5 Qaws",
            "005 Qaws 1405",
            "5 Qaws 1405 1",
        ] {
            assert_eq!(parse_typed_date(bad), Err(TypedDateError::Form), "{bad}");
        }
        assert_eq!(
            message("31 Mizan 1405"),
            "not a Solar Hijri date: month 7 (Mizan) of 1405 has 30 days, not 31"
        );
    }

    #[test]
    fn typed_dates_marked_with_their_calendar_or_named_as_iran_names_months() {
        let dec_7 = ymd(2026, 12, 7);
        for typed in [
            "۱۶ قوس ۱۴۰۵ هـ ش",
            "۱۶ قوس ۱۴۰۵ هـ.ش",
            "۱۶ قوس ۱۴۰۵ ه‍.ش",
            "۱۶ قوس ۱۴۰۵ هجری شمسی",
            "۱۴۰۵/۹/۱۶ ش",
            "۱۶ لیندۍ ۱۴۰۵ ل",
            "۱۶ لیندۍ ۱۴۰۵ لمریز",
            "1405-09-16 S.H.",
            "16 Qaws 1405 AP",
            "۱۶ آذرماه ۱۴۰۵",
            "۱۶ آذر ماه ۱۴۰۵",
            "۷ دسمبر ۲۰۲۶ م",
            "۷ دسمبر ۲۰۲۶ میلادی",
            "۷ دسمبر ۲۰۲۶ ع",
            "۷ دسمبر ۲۰۲۶ زېږدیز",
            "۷ دسامبر ۲۰۲۶",
            "2026-12-07 CE",
            "7 December 2026 AD",
        ] {
            assert_eq!(parse_typed_date(typed), Ok(dec_7), "{typed}");
        }
        // Every Gregorian month's Iranian name is read as its number.
        for (i, name) in GREGORIAN_MONTHS_IRANIAN.iter().enumerate() {
            let want = ymd(2026, i as u32 + 1, 1);
            assert_eq!(
                parse_typed_date(&format!("۱ {name} ۲۰۲۶")),
                Ok(want),
                "{name}"
            );
        }
        assert_eq!(parse_typed_date("۱ آگوست ۲۰۲۶"), Ok(ymd(2026, 8, 1)));
        // A calendar named that is not its year's; words that name none.
        for typed in [
            "۷ دسمبر ۲۰۲۶ هـ ش",
            "2026-12-07 SH",
            "۱۴۰۵-۰۹-۱۶ م",
            "۱۶ قوس ۱۴۰۵ ز",
            "۱۶ قوس ۱۴۰۵ دیروز",
            "۱۶ ماه ۱۴۰۵",
        ] {
            assert_eq!(
                parse_typed_date(typed),
                Err(TypedDateError::Form),
                "{typed}"
            );
        }
    }

    #[test]
    fn typed_dates_with_the_month_named() {
        let nov_26 = ymd(2026, 11, 26);
        for typed in [
            "۵ قوس ۱۴۰۵",
            "۱۴۰۵ قوس ۵",
            "5 Qaws 1405",
            "qaws 5, 1405",
            "۵ لیندۍ ۱۴۰۵",
            // The Arabic-keyboard yeh, and ی for ۍ, as phones type them.
            "۵ لیندي ۱۴۰۵",
            "۵ لیندی ۱۴۰۵",
            "٥ آذر ١٤٠٥",
            "26 November 2026",
            "26 nov 2026",
            "November 26, 2026",
            // As Dari and Pashto pages write the Gregorian day.
            "۲۶ نومبر ۲۰۲۶",
            "نومبر ۲۶، ۲۰۲۶",
        ] {
            assert_eq!(parse_typed_date(typed), Ok(nov_26), "{typed}");
        }
        // Every Gregorian month's Dari and Pashto name, as the pages write
        // it, is read as its number, and as Gregorian: none is a Solar one.
        for (i, (fa, ps)) in GREGORIAN_MONTHS_DARI
            .iter()
            .zip(GREGORIAN_MONTHS_PASHTO)
            .enumerate()
        {
            let want = ymd(2026, i as u32 + 1, 1);
            for name in [*fa, ps] {
                assert_eq!(month_named(name), Some((i as u32 + 1, false)), "{name}");
                assert_eq!(
                    parse_typed_date(&format!("۱ {name} ۲۰۲۶")),
                    Ok(want),
                    "{name}"
                );
                assert_eq!(
                    parse_typed_date(&format!("1 {name} 1405")),
                    Err(TypedDateError::Form),
                    "{name} is no Solar Hijri month"
                );
            }
        }
        // Every month's name in each language is read as its number.
        for (i, (fa, ps)) in MONTHS_DARI.iter().zip(MONTHS_PASHTO).enumerate() {
            let month = i as u32 + 1;
            let want = SolarDate::new(1405, month, 1).unwrap().to_gregorian();
            for name in [*fa, ps, MONTHS_LATIN[i], MONTHS_IRANIAN[i]] {
                assert_eq!(
                    parse_typed_date(&format!("1 {name} 1405")),
                    Ok(want),
                    "{name}"
                );
            }
        }
    }
}

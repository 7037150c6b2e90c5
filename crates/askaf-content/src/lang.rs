//! Languages and slugs: parsed once, so the rest of the code cannot hold an invalid one.

use std::fmt;
use std::str::FromStr;

/// A language the site publishes in.
///
/// Dari is tagged `fa` (its ISO 639-1 code is shared with Persian, and that is
/// how browsers, screen readers and search engines know it); Pashto is `ps`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fa,
    Ps,
}

impl Lang {
    /// Every language, in the order the site lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fa, Lang::Ps];

    /// The language's place in [`Lang::ALL`], for tables held per language.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fa => "fa",
            Lang::Ps => "ps",
        }
    }

    /// A BCP 47 tag with the region, for `og:locale` and JSON-LD's
    /// `inLanguage`: Dari as spoken in Afghanistan. `hreflang` takes
    /// [`Lang::code`], as every other mark of a page's language does.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fa => "fa-AF",
            Lang::Ps => "ps-AF",
        }
    }

    pub fn is_rtl(self) -> bool {
        !matches!(self, Lang::En)
    }

    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The site's language a BCP 47 tag names, as browsers, links and
    /// programs write them: `fa-AF`, `prs`, `prs-AF`, `ps-Arab-AF`,
    /// `en-GB`, `EN_us`. The primary subtag decides (ISO 639-1 or -3: Dari
    /// is `prs` and Persian `fa`/`fas`/`per`, which Dari readers' browsers
    /// send; Pashto is `ps`/`pus` and its varieties `pbt`, `pbu`, `pst`);
    /// the script, region and variants after it (each 1 to 8 letters or
    /// digits) are read past. `None` for another language or what is no tag.
    ///
    /// Content files keep the strict codes ([`Lang::from_str`]): a file says
    /// `lang = "fa"`, and one that says `fa-AF` is told so.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let mut subtags = tag.split(['-', '_']);
        let primary = subtags.next()?.to_ascii_lowercase();
        let well_formed = subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !well_formed {
            return None;
        }
        match primary.as_str() {
            "en" | "eng" => Some(Lang::En),
            "fa" | "fas" | "per" | "prs" => Some(Lang::Fa),
            "ps" | "pus" | "pbt" | "pbu" | "pst" => Some(Lang::Ps),
            _ => None,
        }
    }

    /// [`Lang::from_tag`], with the words that refuse another language or
    /// what is no tag: the same wherever a tag is taken (the API's `lang=`
    /// and article addresses, `askaf ask --lang`).
    pub fn parse_tag(tag: &str) -> Result<Lang, NotALanguage> {
        Lang::from_tag(tag).ok_or_else(|| NotALanguage(tag.chars().take(40).collect()))
    }

    /// The language's name in itself, for language switchers.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fa => "دری",
            Lang::Ps => "پښتو",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language tag that names none of the site's languages (its first 40
/// characters): said with the codes the site takes and that the tags
/// browsers write for them (`fa-AF`, `prs`) name the same.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a language of this site: use en, fa (Dari) or ps (Pashto); \
     a BCP 47 tag such as fa-AF, prs or ps-AF names the same"
)]
pub struct NotALanguage(pub String);

/// The reason a language code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}` (expected one of: en, fa, ps)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Lang::En),
            "fa" => Ok(Lang::Fa),
            "ps" => Ok(Lang::Ps),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

/// The last segment of an article's address: `/en/{slug}`.
///
/// Kept to lowercase ASCII letters, digits and single hyphens so that a slug
/// is the same in every language's URL, needs no percent-encoding, and cannot
/// smuggle path segments or markup.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl TryFrom<String> for Slug {
    type Error = InvalidSlug;
    fn try_from(s: String) -> Result<Slug, InvalidSlug> {
        Slug::parse(&s)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

/// The reason a slug was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid slug `{value}`: {reason}")]
pub struct InvalidSlug {
    pub value: String,
    pub reason: SlugRule,
}

/// The rule of [`Slug`] a refused slug breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SlugRule {
    #[error("it is empty")]
    Empty,
    #[error("it is longer than {} characters", Slug::MAX_LEN)]
    TooLong,
    #[error("use only lowercase ASCII letters, digits and hyphens")]
    Characters,
    #[error("hyphens may not lead, trail or repeat")]
    Hyphens,
}

impl Slug {
    pub const MAX_LEN: usize = 120;

    pub fn parse(s: &str) -> Result<Slug, InvalidSlug> {
        match Self::problem(s) {
            Some(reason) => Err(InvalidSlug {
                value: s.chars().take(Self::MAX_LEN).collect(),
                reason,
            }),
            None => Ok(Slug(s.to_string())),
        }
    }

    /// Whether `s` is a slug, without making one: for a request's path.
    pub fn is_valid(s: &str) -> bool {
        Self::problem(s).is_none()
    }

    /// Why `s` is not a slug, if it is not.
    fn problem(s: &str) -> Option<SlugRule> {
        if s.is_empty() {
            return Some(SlugRule::Empty);
        }
        if s.len() > Self::MAX_LEN {
            return Some(SlugRule::TooLong);
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Some(SlugRule::Characters);
        }
        if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Some(SlugRule::Hyphens);
        }
        None
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_with_a_region_or_script_names_the_sites_language() {
        for (tag, lang) in [
            ("en", Lang::En),
            ("en-GB", Lang::En),
            ("EN_us", Lang::En),
            ("fa", Lang::Fa),
            ("fa-AF", Lang::Fa),
            ("fa-Arab-AF", Lang::Fa),
            ("prs", Lang::Fa),
            ("prs-AF", Lang::Fa),
            ("ps", Lang::Ps),
            ("ps-AF", Lang::Ps),
            ("pbt-PK", Lang::Ps),
        ] {
            assert_eq!(Lang::from_tag(tag), Some(lang), "{tag}");
        }
        for tag in [
            "",
            "de",
            "de-AF",
            "f",
            "english",
            "fa-",
            "fa-AF-",
            "fa-toolongsubtag",
            "fa AF",
            "*",
        ] {
            assert_eq!(Lang::from_tag(tag), None, "{tag:?}");
        }
        // Files keep the strict codes.
        assert!("fa-AF".parse::<Lang>().is_err());
    }

    #[test]
    fn languages_round_trip_and_know_their_direction() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>().unwrap(), lang);
        }
        assert_eq!(Lang::En.dir(), "ltr");
        assert_eq!(Lang::Fa.dir(), "rtl");
        assert_eq!(Lang::Ps.dir(), "rtl");
        assert!("de".parse::<Lang>().is_err());
        assert!("EN".parse::<Lang>().is_err());
    }

    #[test]
    fn slugs_are_strict() {
        assert!(Slug::parse("who-governs-afghanistan").is_ok());
        assert!(Slug::parse("provinces-34").is_ok());
        for bad in [
            "", "Upper", "a b", "a/b", "../x", "-a", "a-", "a--b", "کابل", "a.txt",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Slug::parse(&"a".repeat(121)).is_err());
    }
}

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::calendar::TypedDateError;
use crate::lang::{InvalidSlug, Lang, Slug, UnknownLang};

/// One problem in one content file, located well enough for an editor to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line; the front matter's opening `+++` when the problem is a missing field.
    pub line: usize,
    /// Which rule the file breaks, with the values it names.
    pub kind: ProblemKind,
}

impl Problem {
    pub fn new(file: &Path, line: usize, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line,
            kind,
        }
    }

    /// The problem in `askaf check`'s (English) words, without file and line.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.kind)
    }
}

/// Every rule `askaf check` holds an article file to, with the values the
/// message names. `Display` gives `askaf check`'s English words; the web
/// crate says the same in the editor's language from the variant and its
/// values, so this crate needs no translations.
///
/// `field` is a front matter key (`title`, `published`, …); `n` a source's
/// number, counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("the file must start with a `+++` line that opens the TOML front matter")]
    NoOpeningFence,
    #[error("the front matter opened here is never closed: add a `+++` line after it")]
    UnclosedFrontMatter,
    /// TOML refused the front matter; `detail` is its parser's own (English) words.
    #[error("front matter: {detail}{}", quote_hint(.unquoted_date.as_ref()))]
    FrontMatterSyntax {
        detail: String,
        /// The line holds a Solar Hijri date TOML cannot read unquoted.
        unquoted_date: Option<UnquotedDate>,
        /// What `detail` says, when it is one of the common mistakes, for
        /// saying it in other words than the parser's English (boxed: a
        /// problem is passed around by value, and rarely is this one).
        mistake: Option<Box<TomlMistake>>,
    },
    /// A value TOML cannot read that reads in quotes (`title = What is
    /// Kabul?`): `fixed` is its line as it should be written, each word of
    /// a list quoted (`tags = ["kabul", "cities"]`), offered only where
    /// the file then has no problem on that line. `table` is the key's
    /// table when it is not the front matter's own (`sources`), as in
    /// [`TomlMistake`].
    #[error("front matter: the value of `{key}` must be quoted: {fixed}")]
    UnquotedValue {
        key: String,
        fixed: String,
        table: Option<String>,
    },
    #[error("missing field `{field}`")]
    MissingField { field: &'static str },
    #[error("field `{field}` is empty")]
    EmptyField { field: &'static str },
    #[error("field `{field}` is longer than {max} characters")]
    FieldTooLong { field: &'static str, max: usize },
    #[error("field `{field}` contains a control character")]
    ControlCharacter { field: &'static str },
    #[error(
        "field `slug`: `{slug}` is an address of the site itself in every language (/en/{slug}, /fa/{slug}, /ps/{slug}): choose another"
    )]
    ReservedSlug { slug: Slug },
    #[error("field `slug`: {0}")]
    InvalidSlug(InvalidSlug),
    #[error("field `lang`: {0}")]
    UnknownLang(UnknownLang),
    #[error(
        "field `lang`: `{lang}`, but the file is in the folder of `{folder}`: move it to {lang}/, or write lang = \"{folder}\""
    )]
    LangNotFolder { lang: Lang, folder: Lang },
    #[error("tag `{tag}` is listed twice")]
    DuplicateTag { tag: Slug },
    #[error("tag: {0}")]
    InvalidTag(InvalidSlug),
    /// A tag typed as a topic's name, in letters an address has not (a
    /// Dari or Pashto word, `آب`): the address is ASCII, and the names in
    /// each language are set apart, on the topics' page.
    #[error("tag `{tag}` is a name, not an address: a tag is written in lowercase ASCII letters, digits and hyphens, and a topic's names in English, Dari and Pashto are set on the topics' names page, /admin/tags")]
    TagIsAName { tag: String },
    #[error("field `{field}`: {problem}")]
    InvalidDate {
        field: &'static str,
        problem: DateProblem,
    },
    #[error("`updated` ({updated}) is earlier than `published` ({published})")]
    UpdatedBeforePublished {
        updated: NaiveDate,
        published: NaiveDate,
    },
    #[error("translations: {0}")]
    TranslationUnknownLang(UnknownLang),
    #[error("translations: `{lang}` is this article's own language")]
    TranslationToOwnLang { lang: Lang },
    #[error("translations.{lang}: {error}")]
    TranslationInvalidSlug { lang: Lang, error: InvalidSlug },
    #[error("translated_from: missing `lang`, the language of the original")]
    OriginalLangMissing,
    #[error("translated_from: {0}")]
    OriginalUnknownLang(UnknownLang),
    #[error("translated_from: `{lang}` is this article's own language")]
    OriginalIsOwnLang { lang: Lang },
    #[error(
        "translated_from: no `{lang}` entry in `translations` names the original: add its slug there"
    )]
    OriginalNotInTranslations { lang: Lang },
    #[error(
        "translated_from: missing `revision`, the original's revision the translation was made from"
    )]
    OriginalRevisionMissing,
    #[error(
        "translated_from: `revision` must be an article's revision, 32 hexadecimal digits, not `{value}`"
    )]
    OriginalRevisionInvalid { value: String },
    #[error("missing `[[sources]]`: every article cites at least one source")]
    NoSources,
    #[error("`sources` is empty: cite at least one")]
    EmptySources,
    #[error("source {n}: missing `title`")]
    SourceTitleMissing { n: usize },
    #[error("source {n}: `url` must be an http(s) address without spaces, not `{url}`")]
    SourceUrlInvalid { n: usize, url: String },
    #[error("source {n}: missing `url`")]
    SourceUrlMissing { n: usize },
    #[error("source {n}: `accessed`: {problem}")]
    SourceAccessedInvalid { n: usize, problem: DateProblem },
    #[error("source {n}: missing `accessed` date")]
    SourceAccessedMissing { n: usize },
    /// Cannot happen: every missing field is reported before.
    #[error("incomplete front matter")]
    IncompleteFrontMatter,
    #[error("raw HTML is not allowed in articles: write it in Markdown")]
    RawHtml,
    /// A link the page could not keep (the sanitizer drops it): a script
    /// (`javascript:`), a `data:` address, a scheme no reader's browser
    /// opens from an article.
    #[error(
        "the link `{url}` cannot be kept: link to http(s), mailto or tel addresses, pages of this site, or #anchors"
    )]
    LinkNotAllowed { url: String },
    #[error(
        "the image `{url}` is not an upload: upload it at /admin/media and use the address it gives (/media/…)"
    )]
    ImageNotUploaded { url: String },
    /// An upload's address that names no image the site keeps: mistyped,
    /// or copied from another site's `/media/`. Known only with the store
    /// at hand (the editor, the content watch, a start, `askaf check
    /// --data`): see [`crate::Uploads`].
    #[error(
        "the image `{url}` is not among the uploads: upload it at /admin/media, or correct its address"
    )]
    ImageNotKept { url: String },
    #[error(
        "the image needs alt text, saying what it shows for readers who cannot see it: ![what it shows](/media/…)"
    )]
    ImageAltMissing,
    #[error(
        "the image's alt text is not in the article's language ({}): write it as the article's readers read",
        .lang.native_name()
    )]
    ImageAltLanguage { lang: Lang },
    #[error("the article has no body")]
    NoBody,
    /// `fence` is the code fence as typed (```` ``` ````): see
    /// `Rendered::unclosed_fence`.
    #[error("the code block opened here with {fence} is never closed, so the rest of the article shows as code: close it with {fence} on a line of its own")]
    UnclosedCodeFence { fence: String },
    /// `other` is the file that has the slug already.
    #[error("duplicate slug `{slug}` in language `{lang}`: {} has it too", .other.display())]
    DuplicateSlug {
        slug: String,
        lang: Lang,
        other: PathBuf,
    },
    #[error("translation `{lang}` points to /{lang}/{slug}, which is not an article")]
    TranslationNotAnArticle { lang: Lang, slug: Slug },
    #[error("translation `{lang}` points to /{lang}/{slug}, which is still a draft")]
    TranslationIsDraft { lang: Lang, slug: Slug },
    /// `error` is the system's (English) words.
    #[error("cannot be read: {error}")]
    Unreadable { error: String },
    #[error(
        "the file is larger than {} MB: an article is a few kilobytes; split it or remove what is not an article",
        .limit >> 20
    )]
    FileTooLarge {
        /// In bytes.
        limit: u64,
    },
    #[error("the file is not valid UTF-8")]
    NotUtf8,
    #[error(
        "the language and slug of /{lang}/{slug} cannot be changed in the editor yet: make a new article"
    )]
    AddressChanged { lang: Lang, slug: String },
}

impl ProblemKind {
    /// The editor's form field the problem belongs to, when the rule names
    /// one: a front matter key, `tags`, `translations`, `translated_from`,
    /// `sources` or `body`.
    pub fn field(&self) -> Option<&'static str> {
        use ProblemKind as K;
        Some(match self {
            K::MissingField { field }
            | K::EmptyField { field }
            | K::FieldTooLong { field, .. }
            | K::ControlCharacter { field }
            | K::InvalidDate { field, .. } => *field,
            K::ReservedSlug { .. } | K::InvalidSlug(_) | K::DuplicateSlug { .. } => "slug",
            K::UnknownLang(_) | K::LangNotFolder { .. } => "lang",
            K::DuplicateTag { .. } | K::InvalidTag(_) | K::TagIsAName { .. } => "tags",
            K::UpdatedBeforePublished { .. } => "updated",
            K::TranslationUnknownLang(_)
            | K::TranslationToOwnLang { .. }
            | K::TranslationInvalidSlug { .. }
            | K::TranslationNotAnArticle { .. }
            | K::TranslationIsDraft { .. } => "translations",
            K::OriginalLangMissing
            | K::OriginalUnknownLang(_)
            | K::OriginalIsOwnLang { .. }
            | K::OriginalNotInTranslations { .. }
            | K::OriginalRevisionMissing
            | K::OriginalRevisionInvalid { .. } => "translated_from",
            K::NoSources
            | K::EmptySources
            | K::SourceTitleMissing { .. }
            | K::SourceUrlInvalid { .. }
            | K::SourceUrlMissing { .. }
            | K::SourceAccessedInvalid { .. }
            | K::SourceAccessedMissing { .. } => "sources",
            K::RawHtml
            | K::LinkNotAllowed { .. }
            | K::ImageNotUploaded { .. }
            | K::ImageNotKept { .. }
            | K::ImageAltMissing
            | K::ImageAltLanguage { .. }
            | K::UnclosedCodeFence { .. }
            | K::NoBody => "body",
            K::NoOpeningFence
            | K::UnclosedFrontMatter
            | K::FrontMatterSyntax { .. }
            | K::UnquotedValue { .. }
            | K::IncompleteFrontMatter
            | K::Unreadable { .. }
            | K::FileTooLarge { .. }
            | K::NotUtf8
            | K::AddressChanged { .. } => return None,
        })
    }
}

/// One of the mistakes TOML refuses a front matter for most often, read
/// from its parser's message (which is English, and names the key in
/// backticks) so that the editorial pages can say it in Dari and Pashto,
/// naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlMistake {
    pub kind: TomlMistakeKind,
    /// The key it is about: the field unknown or missing, or the one whose
    /// value is not what it takes.
    pub key: String,
    /// The table the key is in when it is not the front matter's own
    /// (`sources` for a `[[sources]]` entry's, `translated_from` for one
    /// in its inline table): such a `title` is not the article's title.
    pub table: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlMistakeKind {
    /// A key no article has (`tagz = …`).
    UnknownField,
    /// A key its table must have.
    MissingField,
    /// A value of another kind than the key takes (`tags = "water"`).
    WrongType { expected: TomlType },
    /// A date that is no day of the calendar (`published = 2026-02-31`).
    BadDate,
}

/// What kind of value a key takes, as TOML says it expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlType {
    /// Text in quotes.
    Text,
    /// A list in brackets.
    List,
    /// `true` or `false`.
    TrueFalse,
    /// A table (`{ lang = "en", … }`).
    Table,
    Other,
}

/// A front matter line `key = value` whose value is a Solar Hijri date
/// TOML cannot read without quotes (`1405-02-31`, `۱۴۰۴-۱۰-۱۵`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnquotedDate {
    pub key: String,
    pub value: String,
}

fn quote_hint(date: Option<&UnquotedDate>) -> String {
    date.map(|d| {
        format!(
            "; a Solar Hijri date goes in quotes: `{} = \"{}\"`",
            d.key, d.value
        )
    })
    .unwrap_or_default()
}

/// Why a front matter value is not a date; `typed` is the value as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateProblem {
    /// A TOML date that is no day of the calendar (2026-02-30).
    #[error("`{typed}` is not a real date")]
    NotReal { typed: String },
    #[error("`{typed}` is {error}")]
    Typed {
        typed: String,
        error: TypedDateError,
    },
    /// A TOML date with a time of day, or a time alone.
    #[error("`{typed}` should be a date alone, like 2026-11-20")]
    NotDateAlone { typed: String },
    /// Neither a date nor a string; `found` is TOML's name of what it is.
    #[error("expected a date like 2026-11-20, found a {found}")]
    NotADate { found: &'static str },
}

/// Everything wrong with a content directory.
///
/// Loading collects every problem rather than stopping at the first, so an
/// editor fixes a batch in one pass; a site with any problem is never served.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
}

impl Error {
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(p) => p,
            Error::Io { .. } => &[],
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out = format!(
        "{} problem{} in the content:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::SolarDateError;

    /// The words `askaf check` printed when problems were strings, kept:
    /// scripts and editors read them.
    #[test]
    fn kinds_say_what_askaf_check_said_before() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            (
                ProblemKind::MissingField { field: "title" },
                "missing field `title`",
            ),
            (
                ProblemKind::FieldTooLong {
                    field: "summary",
                    max: 1200,
                },
                "field `summary` is longer than 1200 characters",
            ),
            (
                ProblemKind::ReservedSlug {
                    slug: Slug::parse("about").unwrap(),
                },
                "field `slug`: `about` is an address of the site itself in every language (/en/about, /fa/about, /ps/about): choose another",
            ),
            (
                ProblemKind::InvalidSlug(Slug::parse("a--b").unwrap_err()),
                "field `slug`: invalid slug `a--b`: hyphens may not lead, trail or repeat",
            ),
            (
                ProblemKind::InvalidTag(Slug::parse("").unwrap_err()),
                "tag: invalid slug ``: it is empty",
            ),
            (
                ProblemKind::UnknownLang("de".parse::<Lang>().unwrap_err()),
                "field `lang`: unknown language `de` (expected one of: en, fa, ps)",
            ),
            (
                ProblemKind::UpdatedBeforePublished {
                    updated: ymd(2025, 12, 1),
                    published: ymd(2026, 1, 5),
                },
                "`updated` (2025-12-01) is earlier than `published` (2026-01-05)",
            ),
            (
                ProblemKind::FrontMatterSyntax {
                    detail: "invalid date".into(),
                    unquoted_date: Some(UnquotedDate {
                        key: "published".into(),
                        value: "1404-02-31".into(),
                    }),
                    mistake: None,
                },
                "front matter: invalid date; a Solar Hijri date goes in quotes: `published = \"1404-02-31\"`",
            ),
            (
                ProblemKind::FrontMatterSyntax {
                    detail: "invalid date".into(),
                    unquoted_date: None,
                    mistake: None,
                },
                "front matter: invalid date",
            ),
            (
                ProblemKind::SourceAccessedInvalid {
                    n: 1,
                    problem: DateProblem::Typed {
                        typed: "1404-12-30".into(),
                        error: TypedDateError::Solar(SolarDateError::Day {
                            year: 1404,
                            month: 12,
                            day: 30,
                            length: 29,
                        }),
                    },
                },
                "source 1: `accessed`: `1404-12-30` is not a Solar Hijri date: month 12 (Hut) of 1404 has 29 days, not 30",
            ),
            (
                ProblemKind::InvalidDate {
                    field: "updated",
                    problem: DateProblem::NotADate { found: "integer" },
                },
                "field `updated`: expected a date like 2026-11-20, found a integer",
            ),
            (
                ProblemKind::ImageAltLanguage { lang: Lang::Fa },
                "the image's alt text is not in the article's language (دری): write it as the article's readers read",
            ),
            (
                ProblemKind::DuplicateSlug {
                    slug: "water".into(),
                    lang: Lang::Ps,
                    other: PathBuf::from("ps/water.md"),
                },
                "duplicate slug `water` in language `ps`: ps/water.md has it too",
            ),
            (
                ProblemKind::FileTooLarge {
                    limit: crate::MAX_FILE_BYTES,
                },
                "the file is larger than 2 MB: an article is a few kilobytes; split it or remove what is not an article",
            ),
        ];
        for (kind, words) in cases {
            assert_eq!(kind.to_string(), words);
        }
        let p = Problem::new(
            Path::new("en/x.md"),
            3,
            ProblemKind::MissingField { field: "title" },
        );
        assert_eq!(p.to_string(), "en/x.md:3: missing field `title`");
        assert_eq!(p.message(), "missing field `title`");
    }

    #[test]
    fn a_kind_names_the_field_of_the_editor_it_belongs_to() {
        for (kind, field) in [
            (ProblemKind::MissingField { field: "title" }, Some("title")),
            (ProblemKind::NoSources, Some("sources")),
            (
                ProblemKind::OriginalRevisionMissing,
                Some("translated_from"),
            ),
            (ProblemKind::RawHtml, Some("body")),
            (ProblemKind::NotUtf8, None),
        ] {
            assert_eq!(kind.field(), field, "{kind:?}");
            if let Some(f) = field {
                assert!(crate::FIELDS.contains(&f), "{f}");
            }
        }
    }
}

//! `askaf check`'s problems in the editor's language (issue 12): each
//! [`ProblemKind`] is one message of `locales/*/admin.ftl` (`admin-check-…`),
//! whose English text for a content file is the kind's own `Display`, word
//! for word, so the editor and `askaf check` never disagree on a rule (they
//! name fields differently, below); Dari and Pashto say the same
//! rule, naming the field by the form's name for it and writing numbers and
//! dates as those pages do.
//!
//! A value as someone typed it (a slug, a topic, an address, a date) is an
//! argument the front end writes: in the plain text ([`problem_text`]), in
//! backticks in English, as `askaf check` does, and quoted as the language
//! quotes in Dari and Pashto, whose readers never see Markdown; quoted, and
//! in a `<bdi>` of its own, on the editor's page ([`problem_html`]), so that
//! it keeps its order in a Dari or Pashto sentence. The words are the same
//! message either way.
//!
//! Dari and Pashto name a language in words. A code or a front matter key
//! (`fa`, `title`, `+++`) appears only in a problem from a content file,
//! where it is what the file's writer types: quoted as the language quotes
//! or in parentheses, and isolated left to right, never in backticks.
//!
//! A field is named as whoever meets the problem knows it ([`Origin`]): by
//! its front matter key (`title`, `[[sources]]`) for someone writing the
//! content file, where the key is what they type; by the form's name for
//! it alone in the browser's editor, where the key means nothing. One
//! message says both, told where the problem came from (`$origin`).

use askaf_content::calendar::{self, SolarDateError, TypedDateError};
use askaf_content::{
    DateProblem, InvalidSlug, Lang, ProblemKind, SlugRule, TomlMistake, TomlMistakeKind, TomlType,
    UnknownLang,
};
use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;

use super::reasons::{bdi, english_html, placeholder, with_values};
use crate::i18n;
use crate::markup::escape;

type Args = Vec<(&'static str, FluentValue<'static>)>;

/// Where a problem came from, which says how its fields are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// A content file (`askaf check`, the content watch's refusal): a
    /// field by the form's name and its front matter key (in English, the
    /// key alone), as `askaf check` writes it: the dashboard's list of
    /// refused files says them so, in English word for word what `askaf
    /// check` and the watch's log print (the tests hold it to that).
    File,
    /// The browser's editor: a field by the form's name for it alone.
    Editor,
}

impl Origin {
    /// The `$origin` every problem's message is given.
    fn as_str(self) -> &'static str {
        match self {
            Origin::File => "file",
            Origin::Editor => "editor",
        }
    }
}

/// `kind` in `lang`'s words, as plain text: what was typed in backticks
/// in English, as `askaf check` writes it, and quoted as the language
/// quotes in Dari and Pashto.
pub(super) fn problem_text(lang: Lang, kind: &ProblemKind, origin: Origin) -> String {
    let mut typed = Typed::Text;
    let (id, args) = message(lang, kind, origin, &mut typed);
    i18n::text(lang, id, &args)
}

/// `kind` in `lang`'s words, as HTML: escaped, what was typed quoted and
/// in a `<bdi>` of its own.
pub(super) fn problem_html(lang: Lang, kind: &ProblemKind, origin: Origin) -> String {
    let mut typed = Typed::Html(Vec::new());
    let (id, args) = message(lang, kind, origin, &mut typed);
    let sentence = escape(&i18n::text(lang, id, &args));
    match typed {
        Typed::Html(given) => with_values(&sentence, &given),
        Typed::Text => sentence,
    }
}

/// How the values someone typed are written into a problem's sentence.
enum Typed {
    /// In backticks in English, as `askaf check` writes them; in Dari
    /// and Pashto quoted as the language quotes (`admin-check-quoted`).
    Text,
    /// Placeholders, each replaced, once the sentence is escaped, by its
    /// value's HTML (in order).
    Html(Vec<String>),
}

impl Typed {
    /// The argument `name`: `value` as typed, written as `self` writes it.
    fn value(
        &mut self,
        lang: Lang,
        name: &'static str,
        value: impl ToString,
    ) -> (&'static str, FluentValue<'static>) {
        let value = value.to_string();
        let said = match self {
            Typed::Text if lang == Lang::En => format!("`{value}`"),
            Typed::Text => i18n::text(
                lang,
                "admin-check-quoted",
                &[("value", FluentValue::from(value))],
            ),
            Typed::Html(given) => {
                let quoted = i18n::text(
                    lang,
                    "admin-check-quoted",
                    &[("value", FluentValue::from(placeholder(0)))],
                );
                given.push(escape(&quoted).replace(&placeholder(0), &bdi(&value)));
                placeholder(given.len() - 1)
            }
        };
        (name, FluentValue::from(said))
    }

    /// The argument `name`: `value`, which every language keeps in
    /// English (what a content file's writer types, a front matter key or
    /// a language's code; an error as the system words it), as it is in
    /// English, whose messages write it as `askaf check` does; in Dari and
    /// Pashto marked as English ([`Typed::english`]), as their files hold
    /// no Latin letters and no direction marks of their own.
    fn kept_english(
        &mut self,
        lang: Lang,
        name: &'static str,
        value: &str,
    ) -> (&'static str, FluentValue<'static>) {
        match lang {
            Lang::En => text(name, value),
            Lang::Fa | Lang::Ps => self.english(name, value),
        }
    }

    /// The argument `name`: `value`, words in English (a parser's), in
    /// a sentence of another language: marked as English, left to right
    /// (isolated, in plain text).
    fn english(&mut self, name: &'static str, value: &str) -> (&'static str, FluentValue<'static>) {
        let said = match self {
            Typed::Text => format!("\u{2066}{value}\u{2069}"),
            Typed::Html(given) => {
                given.push(english_html(value));
                placeholder(given.len() - 1)
            }
        };
        (name, FluentValue::from(said))
    }
}

/// The Fluent message that says `kind`, and its arguments in `lang`: the
/// values the problem names (what was typed written as `typed` says), the
/// field as `origin` names it (`$field`), the nested parts (why a slug, a
/// language or a date was refused) already said in `lang` (`$problem`),
/// and `$origin`.
fn message(
    lang: Lang,
    kind: &ProblemKind,
    origin: Origin,
    typed: &mut Typed,
) -> (&'static str, Args) {
    let (id, mut args) = said(lang, kind, origin, typed);
    args.push(("origin", FluentValue::from(origin.as_str())));
    (id, args)
}

/// [`message`] without `$origin`.
fn said(lang: Lang, kind: &ProblemKind, origin: Origin, typed: &mut Typed) -> (&'static str, Args) {
    use ProblemKind as K;
    let n = |n: &usize| vec![("n", num(lang, n))];
    match kind {
        K::NoOpeningFence => (
            "admin-check-no-opening-fence",
            front_matter_term(lang, "TOML front matter", typed),
        ),
        K::UnclosedFrontMatter => (
            "admin-check-unclosed-front-matter",
            front_matter_term(lang, "front matter", typed),
        ),
        K::FrontMatterSyntax {
            detail,
            unquoted_date: None,
            mistake,
        } => {
            let mut args = front_matter_term(lang, "front matter", typed);
            args.push(toml_detail(lang, detail, mistake.as_deref(), origin, typed));
            ("admin-check-front-matter-syntax", args)
        }
        K::FrontMatterSyntax {
            detail,
            unquoted_date: Some(date),
            mistake,
        } => {
            let mut args = front_matter_term(lang, "front matter", typed);
            args.extend([
                toml_detail(lang, detail, mistake.as_deref(), origin, typed),
                text("key", &date.key),
                text("value", &date.value),
            ]);
            let line = format!("{} = \"{}\"", date.key, date.value);
            args.extend(english_words(lang, typed, &[("line", &line)]));
            ("admin-check-front-matter-syntax-date", args)
        }
        K::UnquotedValue { key, fixed, table } => {
            let mut args = front_matter_term(lang, "front matter", typed);
            args.push(key_field(lang, key, table.as_deref(), origin, typed));
            args.push(typed.kept_english(lang, "line", fixed));
            ("admin-check-unquoted-value", args)
        }
        K::MissingField { field: f } => (
            "admin-check-missing-field",
            field_args(lang, f, origin, typed),
        ),
        K::EmptyField { field: f } => (
            "admin-check-empty-field",
            field_args(lang, f, origin, typed),
        ),
        K::FieldTooLong { field: f, max } => {
            let mut args = field_args(lang, f, origin, typed);
            args.push(("max", num(lang, max)));
            ("admin-check-field-too-long", args)
        }
        K::ControlCharacter { field: f } => (
            "admin-check-control-character",
            field_args(lang, f, origin, typed),
        ),
        K::ReservedSlug { slug } => {
            let mut args = field_args(lang, "slug", origin, typed);
            args.extend([text("slug", slug), typed.value(lang, "quoted", slug)]);
            args.extend(english_words(
                lang,
                typed,
                &[
                    ("path_fa", &format!("/fa/{slug}")),
                    ("path_ps", &format!("/ps/{slug}")),
                    ("path_en", &format!("/en/{slug}")),
                ],
            ));
            ("admin-check-reserved-slug", args)
        }
        K::InvalidSlug(e) => {
            let mut args = field_args(lang, "slug", origin, typed);
            args.push(slug_problem(lang, e, origin, typed));
            ("admin-check-invalid-slug", args)
        }
        K::UnknownLang(e) => {
            let mut args = field_args(lang, "lang", origin, typed);
            args.push(lang_problem(lang, e, typed));
            ("admin-check-unknown-lang", args)
        }
        K::LangNotFolder { lang: of, folder } => {
            let mut args = field_args(lang, "lang", origin, typed);
            args.extend(lang_args(lang, *of, typed));
            args.push(("folder", FluentValue::from(folder.code())));
            args.push((
                "folder_language",
                FluentValue::from(super::lang_name(lang, *folder)),
            ));
            let line = format!("lang = \"{}\"", folder.code());
            let to_folder = format!("{}/", of.code());
            args.extend(english_words(
                lang,
                typed,
                &[("line", &line), ("to_folder", &to_folder)],
            ));
            ("admin-check-lang-not-folder", args)
        }
        K::DuplicateTag { tag } => (
            "admin-check-duplicate-tag",
            vec![typed.value(lang, "tag", tag)],
        ),
        K::InvalidTag(e) => (
            "admin-check-invalid-tag",
            vec![slug_problem(lang, e, origin, typed)],
        ),
        K::TagIsAName { tag } => {
            let mut args = vec![typed.value(lang, "tag", tag)];
            let words = [("ascii", "ASCII"), ("tags_page", "/admin/tags")];
            args.extend(english_words(lang, typed, &words));
            ("admin-check-tag-is-a-name", args)
        }
        K::InvalidDate { field: f, problem } => {
            let mut args = field_args(lang, f, origin, typed);
            args.push(date_problem(lang, problem, typed));
            ("admin-check-invalid-date", args)
        }
        K::UpdatedBeforePublished { updated, published } => (
            "admin-check-updated-before-published",
            vec![
                ("updated", day(lang, *updated)),
                ("published", day(lang, *published)),
                ("updated_field", field_name(lang, "updated", origin, typed)),
                (
                    "published_field",
                    field_name(lang, "published", origin, typed),
                ),
            ],
        ),
        K::TranslationUnknownLang(e) => (
            "admin-check-translation-unknown-lang",
            vec![lang_problem(lang, e, typed)],
        ),
        K::TranslationToOwnLang { lang: of } => (
            "admin-check-translation-to-own-lang",
            lang_args(lang, *of, typed),
        ),
        K::TranslationInvalidSlug { lang: of, error } => {
            let mut args = lang_args(lang, *of, typed);
            args.push(slug_problem(lang, error, origin, typed));
            ("admin-check-translation-invalid-slug", args)
        }
        K::OriginalLangMissing => (
            "admin-check-original-lang-missing",
            english_words(lang, typed, &[("key", "lang")]),
        ),
        K::OriginalUnknownLang(e) => (
            "admin-check-original-unknown-lang",
            vec![lang_problem(lang, e, typed)],
        ),
        K::OriginalIsOwnLang { lang: of } => (
            "admin-check-original-is-own-lang",
            lang_args(lang, *of, typed),
        ),
        K::OriginalNotInTranslations { lang: of } => (
            "admin-check-original-not-in-translations",
            lang_args(lang, *of, typed),
        ),
        K::OriginalRevisionMissing => (
            "admin-check-original-revision-missing",
            english_words(lang, typed, &[("key", "revision")]),
        ),
        K::OriginalRevisionInvalid { value } => {
            let mut args = vec![typed.value(lang, "value", value)];
            args.extend(english_words(
                lang,
                typed,
                &[("hexadecimal", "hexadecimal")],
            ));
            ("admin-check-original-revision-invalid", args)
        }
        K::NoSources => (
            "admin-check-no-sources",
            english_words(lang, typed, &[("table", "[[sources]]")]),
        ),
        K::EmptySources => ("admin-check-empty-sources", vec![]),
        K::SourceTitleMissing { n: i } => ("admin-check-source-title-missing", n(i)),
        K::SourceUrlInvalid { n: i, url } => {
            let mut args = n(i);
            args.push(typed.value(lang, "url", url));
            args.extend(english_words(
                lang,
                typed,
                &[("url_word", "URL"), ("http", "http(s)")],
            ));
            ("admin-check-source-url-invalid", args)
        }
        K::SourceUrlMissing { n: i } => {
            let mut args = n(i);
            args.extend(english_words(lang, typed, &[("url_word", "URL")]));
            ("admin-check-source-url-missing", args)
        }
        K::SourceAccessedInvalid { n: i, problem } => {
            let mut args = n(i);
            args.push(date_problem(lang, problem, typed));
            ("admin-check-source-accessed-invalid", args)
        }
        K::SourceAccessedMissing { n: i } => ("admin-check-source-accessed-missing", n(i)),
        K::IncompleteFrontMatter => (
            "admin-check-incomplete-front-matter",
            front_matter_term(lang, "front matter", typed),
        ),
        K::RawHtml => (
            "admin-check-raw-html",
            english_words(lang, typed, &[("html", "HTML"), ("markdown", "Markdown")]),
        ),
        K::LinkNotAllowed { url } => {
            let mut args = vec![typed.value(lang, "url", url)];
            let schemes = [("http", "http(s)"), ("mailto", "mailto"), ("tel", "tel")];
            args.extend(english_words(lang, typed, &schemes));
            ("admin-check-link-not-allowed", args)
        }
        K::ImageNotUploaded { url } => {
            let mut args = vec![typed.value(lang, "url", url)];
            let pages = [("media_page", "/admin/media"), ("media_path", "/media/…")];
            args.extend(english_words(lang, typed, &pages));
            ("admin-check-image-not-uploaded", args)
        }
        K::ImageNotKept { url } => {
            let mut args = vec![typed.value(lang, "url", url)];
            args.extend(english_words(
                lang,
                typed,
                &[("media_page", "/admin/media")],
            ));
            ("admin-check-image-not-kept", args)
        }
        K::ImageAltMissing => (
            "admin-check-image-alt-missing",
            english_words(lang, typed, &[("alt", "alt"), ("media_path", "/media/…")]),
        ),
        K::ImageAltLanguage { lang: of } => (
            "admin-check-image-alt-language",
            lang_args(lang, *of, typed),
        ),
        K::NoBody => ("admin-check-no-body", vec![]),
        K::UnclosedCodeFence { fence } => {
            let fence = typed.kept_english(lang, "fence", fence);
            ("admin-check-unclosed-code-fence", vec![fence])
        }
        // The other article by its address, which the editor knows it
        // by; not by its path (`editor:fa/x.md`, the store's name for an
        // article with no file, or a file in a directory the browser never
        // sees), which `askaf check` names for whoever keeps the files.
        K::DuplicateSlug { slug, lang: of, .. } => {
            let mut args = address_args(lang, *of, slug, typed);
            args.push(typed.value(lang, "quoted", slug));
            ("admin-check-duplicate-slug", args)
        }
        K::TranslationNotAnArticle { lang: of, slug } => (
            "admin-check-translation-not-an-article",
            address_args(lang, *of, slug, typed),
        ),
        K::TranslationIsDraft { lang: of, slug } => (
            "admin-check-translation-is-draft",
            address_args(lang, *of, slug, typed),
        ),
        K::Unreadable { error } => (
            "admin-check-unreadable",
            vec![typed.kept_english(lang, "error", error)],
        ),
        K::FileTooLarge { limit } => (
            "admin-check-file-too-large",
            vec![("mb", num(lang, limit >> 20))],
        ),
        K::NotUtf8 => (
            "admin-check-not-utf8",
            english_words(lang, typed, &[("utf8", "UTF-8")]),
        ),
        K::AddressChanged { lang: of, slug } => (
            "admin-check-address-changed",
            address_args(lang, *of, slug, typed),
        ),
    }
}

/// The English name of the part of a content file a problem is in
/// (`front matter`), as `$term`: Dari and Pashto say it in their words and
/// give it after them, in parentheses, for whoever meets it in the
/// documentation; marked as English, left to right (it stood unmarked
/// in the Dari and Pashto sentences before). English says it itself.
fn front_matter_term(lang: Lang, term: &str, typed: &mut Typed) -> Args {
    english_words(lang, typed, &[("term", term)])
}

/// The words a message names that stay English in Dari and Pashto (a
/// format's name, a key of the front matter, an address), each the
/// argument `name`, marked as English ([`Typed::english`]); the English
/// message writes them itself, so none in English.
fn english_words(lang: Lang, typed: &mut Typed, words: &[(&'static str, &str)]) -> Args {
    if lang == Lang::En {
        return vec![];
    }
    words
        .iter()
        .map(|(name, word)| typed.english(name, word))
        .collect()
}

/// TOML's refusal of a front matter, as `$detail`: in English its own
/// words, as `askaf check` prints them; in Dari and Pashto the common
/// mistakes ([`TomlMistake`]) said in the language, naming the field,
/// with TOML's words after them, which only they hold in English, marked as
/// English and left to right (until 7 December "unknown field `tagz`,
/// expected one of …" stood unmarked in the Dari sentence).
fn toml_detail(
    lang: Lang,
    detail: &str,
    mistake: Option<&TomlMistake>,
    origin: Origin,
    typed: &mut Typed,
) -> (&'static str, FluentValue<'static>) {
    if lang == Lang::En {
        return text("detail", detail);
    }
    let english = typed.english("detail", detail);
    let Some(m) = mistake else {
        return english;
    };
    let field = key_field(lang, &m.key, m.table.as_deref(), origin, typed);
    let (id, args) = match m.kind {
        TomlMistakeKind::UnknownField => ("admin-check-toml-unknown-field", vec![field]),
        TomlMistakeKind::MissingField => ("admin-check-toml-missing-field", vec![field]),
        TomlMistakeKind::BadDate => ("admin-check-toml-bad-date", vec![field]),
        TomlMistakeKind::WrongType { expected } => {
            let expected = match expected {
                TomlType::Text => "text",
                TomlType::List => "list",
                TomlType::TrueFalse => "true-false",
                TomlType::Table => "table",
                TomlType::Other => "other",
            };
            let mut args = vec![field, ("expected", FluentValue::from(expected))];
            args.extend(english_words(
                lang,
                typed,
                &[("true", "true"), ("false", "false")],
            ));
            ("admin-check-toml-wrong-type", args)
        }
    };
    let said = i18n::text(lang, id, &args);
    let both = i18n::text(
        lang,
        "admin-check-toml-said",
        &[("said", FluentValue::from(said)), english],
    );
    ("detail", FluentValue::from(both))
}

fn text(name: &'static str, value: impl ToString) -> (&'static str, FluentValue<'static>) {
    (name, FluentValue::from(value.to_string()))
}

/// A number in `lang`'s digits.
fn num(lang: Lang, n: impl ToString) -> FluentValue<'static> {
    FluentValue::from(i18n::digits(lang, &n.to_string()))
}

/// A day as `askaf check` writes it (`2026-02-01`), or in Dari and Pashto
/// as their pages do, in the Solar Hijri calendar.
fn day(lang: Lang, d: NaiveDate) -> FluentValue<'static> {
    match lang {
        Lang::En => FluentValue::from(d.to_string()),
        Lang::Fa | Lang::Ps => FluentValue::from(i18n::date(lang, d)),
    }
}

/// The argument `$field` for the front matter key `key` in `table` (none:
/// the front matter's own): a key of the front matter's own by the form's
/// name for it (`admin-check-key-…`); any other (unknown, or a source's)
/// as typed.
fn key_field(
    lang: Lang,
    key: &str,
    table: Option<&str>,
    origin: Origin,
    typed: &mut Typed,
) -> (&'static str, FluentValue<'static>) {
    let own = askaf_content::FIELDS
        .iter()
        .filter(|f| !matches!(**f, "body" | "general"))
        .find(|f| table.is_none() && **f == key);
    match own {
        Some(f) => ("field", field_name(lang, f, origin, typed)),
        None => typed.value(lang, "field", key),
    }
}

/// A field a problem names (`$field`), as `origin` names it: see [`field_name`].
fn field_args(lang: Lang, field: &'static str, origin: Origin, typed: &mut Typed) -> Args {
    vec![("field", field_name(lang, field, origin, typed))]
}

/// The front matter key `field` as a problem from `origin` names it in
/// `lang`: by the form's name for it, and, for a content file, its key
/// ([`Typed::kept_english`]).
fn field_name(
    lang: Lang,
    field: &'static str,
    origin: Origin,
    typed: &mut Typed,
) -> FluentValue<'static> {
    let name = i18n::text(lang, &format!("admin-check-key-{field}"), &[]);
    FluentValue::from(i18n::text(
        lang,
        "admin-check-field",
        &[
            typed.kept_english(lang, "key", field),
            ("name", FluentValue::from(name)),
            ("origin", FluentValue::from(origin.as_str())),
        ],
    ))
}

/// A language a problem names: its code (`$lang`, [`Typed::kept_english`]), its
/// name in `lang` (`$language`) and in itself (`$native`, as English
/// messages name it).
fn lang_args(lang: Lang, of: Lang, typed: &mut Typed) -> Args {
    vec![
        typed.kept_english(lang, "lang", of.code()),
        ("language", FluentValue::from(super::lang_name(lang, of))),
        ("native", FluentValue::from(of.native_name())),
    ]
}

/// An article another names, by its language ([`lang_args`]) and its
/// address: in English `/{ $lang }/{ $slug }`, in Dari and Pashto
/// `$address`, marked as English ([`english_words`]).
fn address_args(lang: Lang, of: Lang, slug: impl std::fmt::Display, typed: &mut Typed) -> Args {
    let address = format!("/{}/{slug}", of.code());
    let mut args = lang_args(lang, of, typed);
    args.push(text("slug", slug));
    args.extend(english_words(lang, typed, &[("address", &address)]));
    args
}

/// Why a slug was refused, as `$problem`: in English a content file's
/// problem in `askaf check`'s words ("invalid slug"), the editor's by the
/// form's name for it, a web address.
fn slug_problem(
    lang: Lang,
    e: &InvalidSlug,
    origin: Origin,
    typed: &mut Typed,
) -> (&'static str, FluentValue<'static>) {
    let reason = match e.reason {
        SlugRule::Empty => i18n::text(lang, "admin-check-slug-empty", &[]),
        SlugRule::TooLong => i18n::text(
            lang,
            "admin-check-slug-too-long",
            &[("max", num(lang, askaf_content::Slug::MAX_LEN))],
        ),
        SlugRule::Characters => i18n::text(
            lang,
            "admin-check-slug-characters",
            &english_words(lang, typed, &[("ascii", "ASCII")]),
        ),
        SlugRule::Hyphens => i18n::text(lang, "admin-check-slug-hyphens", &[]),
    };
    let said = i18n::text(
        lang,
        "admin-check-slug",
        &[
            typed.value(lang, "value", &e.value),
            ("reason", reason.into()),
            ("origin", FluentValue::from(origin.as_str())),
        ],
    );
    ("problem", said.into())
}

/// Why a language code was refused, as `$problem`.
fn lang_problem(
    lang: Lang,
    e: &UnknownLang,
    typed: &mut Typed,
) -> (&'static str, FluentValue<'static>) {
    let mut args = vec![typed.value(lang, "value", &e.0)];
    args.extend(english_words(
        lang,
        typed,
        &[("en", "en"), ("fa", "fa"), ("ps", "ps")],
    ));
    let said = i18n::text(lang, "admin-check-unknown-language", &args);
    ("problem", said.into())
}

/// Why a front matter value is not a date, as `$problem`.
fn date_problem(
    lang: Lang,
    p: &DateProblem,
    written: &mut Typed,
) -> (&'static str, FluentValue<'static>) {
    let said = match p {
        DateProblem::NotReal { typed } => i18n::text(
            lang,
            "admin-check-date-not-real",
            &[written.value(lang, "typed", typed)],
        ),
        DateProblem::Typed { typed, error } => {
            let problem = match error {
                TypedDateError::Form => i18n::text(
                    lang,
                    "admin-check-date-form",
                    &english_words(lang, written, &[("form", "YYYY-MM-DD")]),
                ),
                TypedDateError::Solar(e) => i18n::text(
                    lang,
                    "admin-check-date-solar",
                    &[("problem", solar_problem(lang, e).into())],
                ),
                TypedDateError::Gregorian {
                    year,
                    month,
                    day,
                    length,
                } => i18n::text(
                    lang,
                    "admin-check-date-gregorian",
                    &[(
                        "problem",
                        gregorian_problem(lang, *year, *month, *day, *length).into(),
                    )],
                ),
                TypedDateError::GregorianMonth(month) => i18n::text(
                    lang,
                    "admin-check-date-gregorian",
                    &[("problem", no_such_month(lang, *month).into())],
                ),
                TypedDateError::Ambiguous => i18n::text(lang, "admin-check-date-ambiguous", &[]),
            };
            i18n::text(
                lang,
                "admin-check-date-typed",
                &[
                    written.value(lang, "typed", typed),
                    ("problem", problem.into()),
                ],
            )
        }
        DateProblem::NotDateAlone { typed } => i18n::text(
            lang,
            "admin-check-date-not-alone",
            &[written.value(lang, "typed", typed)],
        ),
        DateProblem::NotADate { found } => {
            i18n::text(lang, "admin-check-not-a-date", &[text("found", found)])
        }
    };
    ("problem", said.into())
}

/// A Gregorian month's length, for a day it lacks (`February 2026 has 28
/// days, not 30`: [`TypedDateError::Gregorian`]'s fields), in `lang`, the
/// month by the name the pages write. The editor's schedule says it too.
pub(super) fn gregorian_problem(
    lang: Lang,
    year: i32,
    month: u32,
    day: u32,
    length: u32,
) -> String {
    let name = (month as usize)
        .checked_sub(1)
        .and_then(|i| i18n::gregorian_months(lang).get(i))
        .copied()
        .unwrap_or_default();
    i18n::text(
        lang,
        "admin-check-gregorian-day",
        &[
            ("name", FluentValue::from(name)),
            ("year", num(lang, year)),
            ("day", num(lang, day)),
            ("length", num(lang, length)),
        ],
    )
}

/// A month no year has (`there is no month 13: the year has 12 months`),
/// in `lang`: said alike of both calendars.
pub(super) fn no_such_month(lang: Lang, month: u32) -> String {
    i18n::text(
        lang,
        "admin-check-solar-month",
        &[("month", num(lang, month))],
    )
}

/// Why a year, month and day are no Solar Hijri date, the month by its
/// Latin name in English and its Afghan name in Dari and Pashto.
fn solar_problem(lang: Lang, e: &SolarDateError) -> String {
    match e {
        SolarDateError::Year(year) => i18n::text(
            lang,
            "admin-check-solar-year",
            &[
                ("year", num(lang, year)),
                ("first", num(lang, calendar::FIRST_YEAR)),
                ("last", num(lang, calendar::LAST_YEAR)),
            ],
        ),
        SolarDateError::Month(month) => no_such_month(lang, *month),
        SolarDateError::Day {
            year,
            month,
            day,
            length,
        } => {
            let name = i18n::solar_month_name(lang, *month);
            i18n::text(
                lang,
                "admin-check-solar-day",
                &[
                    ("month", num(lang, month)),
                    ("name", FluentValue::from(name.unwrap_or_default())),
                    ("year", num(lang, year)),
                    ("day", num(lang, day)),
                    ("length", num(lang, length)),
                ],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use askaf_content::{Slug, UnquotedDate};

    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    fn bad_slug(s: &str) -> InvalidSlug {
        Slug::parse(s).unwrap_err()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn mistake(kind: TomlMistakeKind, key: &str, table: Option<&str>) -> Box<TomlMistake> {
        Box::new(TomlMistake {
            kind,
            key: key.into(),
            table: table.map(str::to_string),
        })
    }

    /// TOML's refusal of `tagz = …`, a field no article has.
    fn unknown_field() -> ProblemKind {
        ProblemKind::FrontMatterSyntax {
            detail: "unknown field `tagz`, expected one of `slug`, `lang`".into(),
            unquoted_date: None,
            mistake: Some(mistake(TomlMistakeKind::UnknownField, "tagz", None)),
        }
    }

    /// TOML's refusal of `tags = "water"`, not a list.
    fn not_a_list() -> ProblemKind {
        ProblemKind::FrontMatterSyntax {
            detail: "field `tags`: invalid type: string \"water\", expected a sequence".into(),
            unquoted_date: None,
            mistake: Some(mistake(
                TomlMistakeKind::WrongType {
                    expected: TomlType::List,
                },
                "tags",
                None,
            )),
        }
    }

    /// TOML's common refusals are said in Dari and Pashto, naming the
    /// field (by its name in the form, and its key for a file's writer),
    /// TOML's English words after them marked as English: until 7 December
    /// "unknown field `tagz`, expected one of …" stood in the Dari
    /// sentence as it was, unmarked. English keeps TOML's words alone.
    #[test]
    fn tomls_words_are_said_in_dari_and_pashto_and_marked_as_english() {
        let unknown = unknown_field();
        assert_eq!(
            problem_html(Lang::Fa, &unknown, FILE),
            "بخش آغازین (<span lang=\"en\" dir=\"ltr\">front matter</span>) خوانده نشد: \
             خانه‌ای به نام «<bdi>tagz</bdi>» در مقاله نیست: \
             نام آن را درست بنویسید یا خط آن را بردارید \
             (<span lang=\"en\" dir=\"ltr\">unknown field `tagz`, expected one of `slug`, `lang`</span>)"
        );
        let list = not_a_list();
        assert_eq!(
            problem_text(Lang::Ps, &list, FILE),
            "سرېزه (\u{2066}front matter\u{2069}) ونه لوستل شوه: «موضوعګانې» (\u{2066}tags\u{2069}) باید لړلیک وي \
             (\u{2066}field `tags`: invalid type: string \"water\", expected a sequence\u{2069})"
        );
        // A source's `title` is not the article's: named as typed.
        let source = ProblemKind::FrontMatterSyntax {
            detail: "field `title`: invalid type: integer `5`, expected a string".into(),
            unquoted_date: None,
            mistake: Some(mistake(
                TomlMistakeKind::WrongType {
                    expected: TomlType::Text,
                },
                "title",
                Some("sources"),
            )),
        };
        assert!(problem_text(Lang::Fa, &source, FILE)
            .contains("خوانده نشد: «title» باید متنی میان نشانه‌های نقل قول باشد"));
        // A refusal of another kind: TOML's words alone, marked.
        let other = ProblemKind::FrontMatterSyntax {
            detail: "field `lang`: string values must be quoted".into(),
            unquoted_date: None,
            mistake: None,
        };
        assert_eq!(
            problem_html(Lang::Fa, &other, FILE),
            "بخش آغازین (<span lang=\"en\" dir=\"ltr\">front matter</span>) خوانده نشد: \
             <span lang=\"en\" dir=\"ltr\">field `lang`: string values must be quoted</span>"
        );
        for kind in [&unknown, &list, &other] {
            assert_eq!(problem_text(Lang::En, kind, FILE), kind.to_string());
        }
    }

    /// The English name of the front matter, in a Dari or Pashto problem
    /// after the language's own, is marked as English, left to right (until
    /// 6 December "(front matter)" stood unmarked there); and the editor
    /// calls a slug as its form does, a web address, in English too, where
    /// `askaf check`'s "invalid slug" stays a file's.
    #[test]
    fn english_words_are_marked_and_a_slug_is_the_editors_web_address() {
        let english = |html: &str| {
            html.split("<span lang=\"en\" dir=\"ltr\">")
                .skip(1)
                .filter(|s| {
                    s.split("</span>")
                        .next()
                        .is_some_and(|s| s.ends_with("front matter"))
                })
                .count()
        };
        for kind in samples() {
            for lang in [Lang::Fa, Lang::Ps] {
                for origin in [FILE, EDITOR] {
                    let html = problem_html(lang, &kind, origin);
                    assert_eq!(
                        html.matches("front matter").count(),
                        english(&html),
                        "{lang}: {html}"
                    );
                    let text = problem_text(lang, &kind, origin);
                    assert_eq!(
                        text.matches("front matter").count(),
                        text.matches("front matter\u{2069}").count(),
                        "{lang}: {text}"
                    );
                }
            }
            // TOML's own words (`expected one of `slug`, …`) excepted.
            let editor = problem_text(Lang::En, &kind, EDITOR);
            if !matches!(kind, ProblemKind::FrontMatterSyntax { .. }) {
                assert!(!editor.contains("slug"), "{editor}");
            }
        }
        let bad = ProblemKind::InvalidSlug(bad_slug("Kabul"));
        assert_eq!(
            problem_text(Lang::En, &bad, EDITOR),
            "`Kabul` cannot be a web address: \
             use only lowercase ASCII letters, digits and hyphens"
        );
        assert_eq!(
            problem_text(Lang::En, &bad, FILE),
            "field `slug`: invalid slug `Kabul`: use only lowercase ASCII letters, digits and hyphens"
        );
        assert_eq!(
            problem_text(Lang::Fa, &ProblemKind::IncompleteFrontMatter, FILE),
            "بخش آغازین (\u{2066}front matter\u{2069}) کامل نیست"
        );
    }

    /// A slug refused names its field once, by its label ("web address"
    /// in English): until 7 December Dari and Pashto put the label before
    /// a problem that names it too (`نشانی کوتاه: نشانی کوتاه «Kabul» درست
    /// نیست`), and the English editor said "field “Web address”: … cannot
    /// be a web address". English from a file is `askaf check`'s words,
    /// held to them by `english_says_exactly_what_askaf_check_says`.
    #[test]
    fn a_refused_slug_names_its_field_once() {
        let long = "a".repeat(121);
        for bad in ["", "Kabul", "a--b", long.as_str()] {
            let kind = ProblemKind::InvalidSlug(bad_slug(bad));
            for lang in Lang::ALL {
                let label = i18n::text(lang, "admin-check-key-slug", &[]).to_lowercase();
                for origin in [FILE, EDITOR] {
                    if (lang, origin) == (Lang::En, FILE) {
                        continue;
                    }
                    let said = problem_text(lang, &kind, origin).to_lowercase();
                    assert_eq!(
                        said.matches(&label).count(),
                        1,
                        "{lang}, {origin:?}: {said}"
                    );
                }
            }
        }
        let kabul = ProblemKind::InvalidSlug(bad_slug("Kabul"));
        assert_eq!(
            problem_text(Lang::Fa, &kabul, EDITOR),
            "نشانی کوتاه «Kabul» درست نیست: تنها حرف‌های کوچک لاتین (\u{2066}ASCII\u{2069})، \
             رقم‌ها و خط تیره به کار ببرید"
        );
        assert_eq!(
            problem_text(Lang::Ps, &kabul, EDITOR),
            "لنډه پته «Kabul» سمه نه ده: یوازې کوچني لاتین (\u{2066}ASCII\u{2069}) توري، \
             عددونه او لنډې کرښې وکاروئ"
        );
    }

    fn updated_before_published() -> ProblemKind {
        ProblemKind::UpdatedBeforePublished {
            updated: ymd(2025, 12, 1),
            published: ymd(2026, 1, 5),
        }
    }

    /// At least one problem of every kind, and of every nested reason.
    fn samples() -> Vec<ProblemKind> {
        use ProblemKind as K;
        let typed = |typed: &str, error: TypedDateError| DateProblem::Typed {
            typed: typed.into(),
            error,
        };
        vec![
            K::NoOpeningFence,
            K::UnclosedFrontMatter,
            unknown_field(),
            K::FrontMatterSyntax {
                detail: "field `published`: invalid date, expected day between 01 and 29".into(),
                unquoted_date: Some(UnquotedDate {
                    key: "published".into(),
                    value: "1404-02-31".into(),
                }),
                mistake: Some(mistake(TomlMistakeKind::BadDate, "published", None)),
            },
            K::FrontMatterSyntax {
                detail: "field `lang`: string values must be quoted, expected literal string"
                    .into(),
                unquoted_date: None,
                mistake: None,
            },
            K::UnquotedValue {
                key: "title".into(),
                fixed: "title = \"What is Kabul?\"".into(),
                table: None,
            },
            K::UnquotedValue {
                key: "url".into(),
                fixed: "url = \"https://example.org/\"".into(),
                table: Some("sources".into()),
            },
            K::FrontMatterSyntax {
                detail: "missing field `url`".into(),
                unquoted_date: None,
                mistake: Some(mistake(
                    TomlMistakeKind::MissingField,
                    "url",
                    Some("sources"),
                )),
            },
            not_a_list(),
            K::MissingField { field: "title" },
            K::MissingField { field: "lang" },
            K::EmptyField { field: "question" },
            K::FieldTooLong {
                field: "summary",
                max: 1200,
            },
            K::ControlCharacter { field: "slug" },
            K::ReservedSlug {
                slug: slug("about"),
            },
            K::InvalidSlug(bad_slug("")),
            K::InvalidSlug(bad_slug(&"a".repeat(121))),
            K::InvalidSlug(bad_slug("Kabul")),
            K::InvalidSlug(bad_slug("a--b")),
            K::UnknownLang(UnknownLang("de".into())),
            K::LangNotFolder {
                lang: Lang::En,
                folder: Lang::Fa,
            },
            K::DuplicateTag { tag: slug("water") },
            K::InvalidTag(bad_slug("Water")),
            K::TagIsAName { tag: "آب".into() },
            K::InvalidDate {
                field: "published",
                problem: DateProblem::NotReal {
                    typed: "2026-02-30".into(),
                },
            },
            K::InvalidDate {
                field: "updated",
                problem: typed("2026-02-31", TypedDateError::Form),
            },
            K::InvalidDate {
                field: "updated",
                problem: typed(
                    "2026-02-30",
                    TypedDateError::Gregorian {
                        year: 2026,
                        month: 2,
                        day: 30,
                        length: 28,
                    },
                ),
            },
            K::InvalidDate {
                field: "published",
                problem: typed(
                    "1404-07-31",
                    TypedDateError::Solar(SolarDateError::Day {
                        year: 1404,
                        month: 7,
                        day: 31,
                        length: 30,
                    }),
                ),
            },
            K::InvalidDate {
                field: "updated",
                problem: typed(
                    "1404-13-01",
                    TypedDateError::Solar(SolarDateError::Month(13)),
                ),
            },
            K::InvalidDate {
                field: "published",
                problem: typed("0000-01-01", TypedDateError::Solar(SolarDateError::Year(0))),
            },
            K::InvalidDate {
                field: "published",
                problem: typed("12/25/2026", TypedDateError::GregorianMonth(25)),
            },
            K::InvalidDate {
                field: "updated",
                problem: typed("7.12.26", TypedDateError::Ambiguous),
            },
            K::InvalidDate {
                field: "published",
                problem: DateProblem::NotDateAlone {
                    typed: "2026-01-01T10:00:00".into(),
                },
            },
            K::InvalidDate {
                field: "updated",
                problem: DateProblem::NotADate { found: "integer" },
            },
            updated_before_published(),
            K::TranslationUnknownLang(UnknownLang("de".into())),
            K::TranslationToOwnLang { lang: Lang::En },
            K::TranslationInvalidSlug {
                lang: Lang::Fa,
                error: bad_slug("آب"),
            },
            K::OriginalLangMissing,
            K::OriginalUnknownLang(UnknownLang("xx".into())),
            K::OriginalIsOwnLang { lang: Lang::Fa },
            K::OriginalNotInTranslations { lang: Lang::Ps },
            K::OriginalRevisionMissing,
            K::OriginalRevisionInvalid {
                value: "ABC".into(),
            },
            K::NoSources,
            K::EmptySources,
            K::SourceTitleMissing { n: 1 },
            K::SourceUrlInvalid {
                n: 2,
                url: "javascript:alert(1)".into(),
            },
            K::SourceUrlMissing { n: 3 },
            K::SourceAccessedInvalid {
                n: 12,
                problem: typed("1404-12-30", TypedDateError::Form),
            },
            K::SourceAccessedMissing { n: 1 },
            K::IncompleteFrontMatter,
            K::RawHtml,
            K::LinkNotAllowed {
                url: "javascript:alert(1)".into(),
            },
            K::ImageNotUploaded {
                url: "https://example.org/x.png".into(),
            },
            K::ImageNotKept {
                url: "/media/3fa2c19be0d54e71-1200x800.jpg".into(),
            },
            K::ImageAltMissing,
            K::ImageAltLanguage { lang: Lang::Fa },
            K::ImageAltLanguage { lang: Lang::En },
            K::NoBody,
            K::UnclosedCodeFence {
                fence: "```".into(),
            },
            K::DuplicateSlug {
                slug: "water".into(),
                lang: Lang::Ps,
                other: PathBuf::from("ps/water.md"),
            },
            K::TranslationNotAnArticle {
                lang: Lang::Fa,
                slug: slug("water"),
            },
            K::TranslationIsDraft {
                lang: Lang::Ps,
                slug: slug("water"),
            },
            K::Unreadable {
                error: "Permission denied (os error 13)".into(),
            },
            K::FileTooLarge {
                limit: 2 * 1024 * 1024,
            },
            K::NotUtf8,
            K::AddressChanged {
                lang: Lang::En,
                slug: "water".into(),
            },
        ]
    }

    /// The samples hold every kind: a kind added to `ProblemKind` stops
    /// this match compiling until it has a number here, and the test
    /// fails until it has a sample.
    #[test]
    fn the_samples_hold_every_kind() {
        use ProblemKind as K;
        const KINDS: usize = 49;
        let mut seen = [false; KINDS];
        for kind in samples() {
            let i = match kind {
                K::NoOpeningFence => 0,
                K::UnclosedFrontMatter => 1,
                K::FrontMatterSyntax { .. } => 2,
                K::MissingField { .. } => 3,
                K::EmptyField { .. } => 4,
                K::FieldTooLong { .. } => 5,
                K::ControlCharacter { .. } => 6,
                K::ReservedSlug { .. } => 7,
                K::InvalidSlug(_) => 8,
                K::UnknownLang(_) => 9,
                K::DuplicateTag { .. } => 10,
                K::InvalidTag(_) => 11,
                K::InvalidDate { .. } => 12,
                K::UpdatedBeforePublished { .. } => 13,
                K::TranslationUnknownLang(_) => 14,
                K::TranslationToOwnLang { .. } => 15,
                K::TranslationInvalidSlug { .. } => 16,
                K::OriginalLangMissing => 17,
                K::OriginalUnknownLang(_) => 18,
                K::OriginalIsOwnLang { .. } => 19,
                K::OriginalNotInTranslations { .. } => 20,
                K::OriginalRevisionMissing => 21,
                K::OriginalRevisionInvalid { .. } => 22,
                K::NoSources => 23,
                K::EmptySources => 24,
                K::SourceTitleMissing { .. } => 25,
                K::SourceUrlInvalid { .. } => 26,
                K::SourceUrlMissing { .. } => 27,
                K::SourceAccessedInvalid { .. } => 28,
                K::SourceAccessedMissing { .. } => 29,
                K::IncompleteFrontMatter => 30,
                K::RawHtml => 31,
                K::ImageNotUploaded { .. } => 32,
                K::ImageAltMissing => 33,
                K::ImageAltLanguage { .. } => 34,
                K::NoBody => 35,
                K::DuplicateSlug { .. } => 36,
                K::TranslationNotAnArticle { .. } => 37,
                K::TranslationIsDraft { .. } => 38,
                K::Unreadable { .. } => 39,
                K::FileTooLarge { .. } => 40,
                K::NotUtf8 => 41,
                K::AddressChanged { .. } => 42,
                K::ImageNotKept { .. } => 43,
                K::LangNotFolder { .. } => 44,
                K::LinkNotAllowed { .. } => 45,
                K::TagIsAName { .. } => 46,
                K::UnclosedCodeFence { .. } => 47,
                K::UnquotedValue { .. } => 48,
            };
            seen[i] = true;
        }
        let missing: Vec<usize> = (0..KINDS).filter(|i| !seen[*i]).collect();
        assert_eq!(missing, Vec::<usize>::new(), "kinds without a sample");
    }

    const FILE: Origin = Origin::File;
    const EDITOR: Origin = Origin::Editor;

    #[test]
    fn english_says_exactly_what_askaf_check_says() {
        for kind in samples() {
            // Check names the other file; the editor, the other article's address.
            if matches!(kind, ProblemKind::DuplicateSlug { .. }) {
                continue;
            }
            assert_eq!(
                problem_text(Lang::En, &kind, FILE),
                kind.to_string(),
                "{kind:?}"
            );
        }
    }

    /// A field's front matter key helps whoever writes the content file,
    /// and means nothing in the browser: the editor names no key in a
    /// problem about a field, in any language, where a problem from a file
    /// names it as `askaf check` does (in Dari and Pashto after the field's
    /// name).
    #[test]
    fn the_editor_names_a_field_without_its_front_matter_key() {
        const KEYS: [&str; 15] = [
            "slug",
            "lang",
            "title",
            "question",
            "summary",
            "published",
            "updated",
            "tags",
            "translations",
            "translated_from",
            "revision",
            "sources",
            "[[sources]]",
            "url",
            "accessed",
        ];
        for kind in samples().iter().filter(|k| k.field().is_some()) {
            for lang in Lang::ALL {
                let said = problem_text(lang, kind, EDITOR);
                for key in KEYS {
                    assert!(!said.contains(&format!("`{key}`")), "{lang}: {said}");
                }
                assert!(
                    !said.contains("translated_from") && !said.contains("translations."),
                    "{lang}: {said}"
                );
            }
        }
        let missing = ProblemKind::MissingField { field: "summary" };
        let said = |lang, origin| problem_text(lang, &missing, origin);
        assert_eq!(said(Lang::En, FILE), "missing field `summary`");
        assert_eq!(said(Lang::En, EDITOR), "missing field “Short answer”");
        assert_eq!(
            said(Lang::Fa, FILE),
            "خانهٔ «پاسخ کوتاه» (\u{2066}summary\u{2069}) نوشته نشده است"
        );
        assert_eq!(said(Lang::Fa, EDITOR), "خانهٔ «پاسخ کوتاه» نوشته نشده است");
        assert_eq!(
            said(Lang::Ps, FILE),
            "«لنډ ځواب» (\u{2066}summary\u{2069}) نه دی لیکل شوی"
        );
        assert_eq!(said(Lang::Ps, EDITOR), "«لنډ ځواب» نه دی لیکل شوی");
        assert_eq!(
            problem_text(Lang::En, &updated_before_published(), EDITOR),
            "“Updated” (2025-12-01) is earlier than “Published” (2026-01-05)"
        );
        for (lang, no_source) in [
            (
                Lang::Fa,
                "منبعی نیامده است: هر مقاله دست‌کم یک منبع را نام می‌برد",
            ),
            (
                Lang::Ps,
                "سرچینه نشته: هره مقاله لږ تر لږه یوه سرچینه یادوي",
            ),
        ] {
            assert_eq!(
                problem_text(lang, &ProblemKind::NoSources, EDITOR),
                no_source
            );
            assert!(problem_text(lang, &ProblemKind::NoSources, FILE)
                .contains("(\u{2066}[[sources]]\u{2069})"));
        }
    }

    /// The page's HTML says the plain text's words: only what was typed
    /// differs, quoted in a `<bdi>` instead of backticks.
    #[test]
    fn the_html_says_the_same_words_with_what_was_typed_isolated() {
        for kind in samples() {
            let html = problem_html(Lang::En, &kind, EDITOR);
            let back = html
                .replace("“<bdi>", "`")
                .replace("</bdi>”", "`")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert_eq!(back, problem_text(Lang::En, &kind, EDITOR), "{html}");
            // Dari and Pashto quote what was typed alike in both: the
            // text is the page's words without the `<bdi>`s.
            for (lang, origin) in [Lang::Fa, Lang::Ps]
                .into_iter()
                .flat_map(|l| [(l, FILE), (l, EDITOR)])
            {
                let html = problem_html(lang, &kind, origin);
                assert!(!html.contains('\u{F8F0}'), "{html}");
                assert_eq!(
                    html.matches("«<bdi>").count(),
                    html.matches("</bdi>»").count(),
                    "{html}"
                );
                // A parser's English words, marked in the page, are
                // isolated in the text.
                let back = html
                    .replace("<bdi>", "")
                    .replace("</bdi>", "")
                    .replace("<span lang=\"en\" dir=\"ltr\">", "\u{2066}")
                    .replace("</span>", "\u{2069}")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
                assert_eq!(back, problem_text(lang, &kind, origin), "{lang}: {html}");
            }
        }
    }

    /// A slug taken by an article written in the browser is said with that
    /// article's address, not the store's internal name for it.
    #[test]
    fn a_taken_slug_names_the_other_article_by_its_address() {
        let kind = ProblemKind::DuplicateSlug {
            slug: "x".into(),
            lang: Lang::Fa,
            other: PathBuf::from("editor:fa/x.md"),
        };
        for lang in Lang::ALL {
            let said = problem_text(lang, &kind, EDITOR);
            assert!(
                said.contains("/fa/x") && !said.contains("editor:"),
                "{said}"
            );
        }
    }

    #[test]
    fn every_kind_has_its_message_in_each_language() {
        for (kind, origin) in samples()
            .into_iter()
            .flat_map(|k| [(k.clone(), FILE), (k, EDITOR)])
        {
            for lang in Lang::ALL {
                let (id, args) = message(lang, &kind, origin, &mut Typed::Text);
                assert!(
                    i18n::own_text(lang, id, &args).is_some(),
                    "{lang}: no `{id}`, or it wants a value not given"
                );
            }
            let english = problem_text(Lang::En, &kind, origin);
            for lang in [Lang::Fa, Lang::Ps] {
                let said = problem_text(lang, &kind, origin);
                assert_ne!(said, english, "{lang}: {kind:?} is said in English");
                assert!(
                    said.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                    "{lang}: {said}"
                );
                // Nothing left unfilled or looked up in vain.
                assert!(
                    !said.contains('{') && !said.contains("admin-"),
                    "{lang}: {said}"
                );
            }
        }
    }

    #[test]
    fn dari_and_pashto_name_the_field_the_month_and_the_day_as_their_pages_do() {
        let date = ProblemKind::InvalidDate {
            field: "published",
            problem: DateProblem::Typed {
                typed: "1404-07-31".into(),
                error: TypedDateError::Solar(SolarDateError::Day {
                    year: 1404,
                    month: 7,
                    day: 31,
                    length: 30,
                }),
            },
        };
        assert_eq!(
            problem_text(Lang::Fa, &date, EDITOR),
            "«تاریخ نشر»: «1404-07-31» تاریخ هجری شمسی نیست: ماه میزان سال ۱۴۰۴ ۳۰ روز دارد، نه ۳۱"
        );
        assert_eq!(
            problem_text(Lang::Ps, &date, EDITOR),
            "«د خپرېدو نېټه»: «1404-07-31» لمریزه هجري نېټه نه ده: د ۱۴۰۴ کال تله ۳۰ ورځې لري، نه ۳۱"
        );
        assert_eq!(
            problem_text(Lang::Fa, &date, FILE),
            "«تاریخ نشر» (\u{2066}published\u{2069}): «1404-07-31» تاریخ هجری شمسی نیست: ماه میزان سال ۱۴۰۴ ۳۰ روز دارد، نه ۳۱"
        );
        let missing = ProblemKind::MissingField { field: "title" };
        assert_eq!(
            problem_text(Lang::Fa, &missing, FILE),
            "خانهٔ «عنوان» (\u{2066}title\u{2069}) نوشته نشده است"
        );
        assert_eq!(
            problem_text(Lang::Fa, &updated_before_published(), EDITOR),
            "تاریخ به‌روز شدن (۱۰ قوس ۱۴۰۴) پیش از تاریخ نشر (۱۵ جدی ۱۴۰۴) است"
        );
    }

    /// In a Dari or Pashto problem's HTML every Latin letter is in an
    /// element that says what it is: English words (a front matter key, a
    /// language's code, an address, a parser's words) marked as English by
    /// the one helper for it (`english_html`), what was typed in a
    /// `<bdi>`; none is left in the sentence isolated by Unicode direction
    /// marks alone, which no screen reader takes for a language. Until 7
    /// December a key (`«عنوان» (U+2066 title U+2069)`), a code and an address were
    /// written so by the Dari and Pashto files.
    #[test]
    fn dari_and_pashto_mark_every_latin_word_of_a_problem_as_english() {
        for kind in samples() {
            for lang in [Lang::Fa, Lang::Ps] {
                for origin in [FILE, EDITOR] {
                    let html = problem_html(lang, &kind, origin);
                    assert!(
                        !html.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']),
                        "{lang}: direction marks in {html}"
                    );
                    let mut bare = html.clone();
                    for (open, close) in [
                        ("<span lang=\"en\" dir=\"ltr\">", "</span>"),
                        ("<bdi>", "</bdi>"),
                    ] {
                        while let Some(at) = bare.find(open) {
                            let end = at + bare[at..].find(close).expect("closed") + close.len();
                            bare.replace_range(at..end, "");
                        }
                    }
                    let bare = ["&quot;", "&amp;", "&#39;", "&lt;", "&gt;"]
                        .iter()
                        .fold(bare, |b, entity| b.replace(entity, ""));
                    assert!(
                        !bare.chars().any(|c| c.is_ascii_alphabetic()),
                        "{lang}: Latin letters not marked as English in {html}"
                    );
                }
            }
        }
    }

    /// Dari and Pashto name a language in words, and no message of theirs
    /// holds Markdown's backticks, which the page shows as they are: a
    /// code or a key only from a content file, where it is what is typed
    /// there, isolated left to right. Until now the editor said
    /// "…به دری (`fa`) نیست…" to a journalist.
    #[test]
    fn dari_and_pashto_say_a_language_in_words_and_no_backtick() {
        for kind in samples() {
            // The TOML parser's own words, which it writes in English, are
            // passed on as they are; so is a code fence as typed, which is
            // backticks (or tildes) and is found in the body by them.
            let parser = match &kind {
                ProblemKind::FrontMatterSyntax { detail, .. } => detail.clone(),
                ProblemKind::UnclosedCodeFence { fence } => fence.clone(),
                _ => String::new(),
            };
            for lang in [Lang::Fa, Lang::Ps] {
                for origin in [FILE, EDITOR] {
                    let text = problem_text(lang, &kind, origin).replace(&parser, "");
                    let html = problem_html(lang, &kind, origin).replace(&escape(&parser), "");
                    assert!(!text.contains('`') && !html.contains('`'), "{lang}: {html}");
                }
                // A code refused is answered with the codes to type
                // instead, marked as English: those are no language named.
                let to_type = matches!(
                    kind,
                    ProblemKind::UnknownLang(_)
                        | ProblemKind::TranslationUnknownLang(_)
                        | ProblemKind::OriginalUnknownLang(_)
                );
                let said = problem_text(lang, &kind, EDITOR);
                for code in ["en", "fa", "ps"].into_iter().filter(|_| !to_type) {
                    assert!(
                        !said.contains(&format!("\u{2066}{code}\u{2069}"))
                            && !said.contains(&format!("({code})")),
                        "{lang}: {said}"
                    );
                }
            }
        }
        let not_named = ProblemKind::OriginalNotInTranslations { lang: Lang::Fa };
        assert_eq!(
            problem_html(Lang::Fa, &not_named, EDITOR),
            "ترجمه شده از: در «ترجمه‌ها» نشانی کوتاهی به دری نیست که اصل را نشان دهد: \
             نشانی کوتاه اصل را آنجا بنویسید"
        );
        assert_eq!(
            problem_html(Lang::Fa, &not_named, FILE),
            "ترجمه شده از: در «ترجمه‌ها» نشانی کوتاهی به دری (<span lang=\"en\" dir=\"ltr\">fa</span>) نیست که \
             اصل را نشان دهد: نشانی کوتاه اصل را آنجا بنویسید"
        );
        let own = ProblemKind::TranslationToOwnLang { lang: Lang::Ps };
        assert_eq!(
            problem_html(Lang::Ps, &own, EDITOR),
            "ژباړې: پښتو د همدې مقالې خپله ژبه ده"
        );
        let folder = ProblemKind::LangNotFolder {
            lang: Lang::En,
            folder: Lang::Ps,
        };
        assert_eq!(
            problem_html(Lang::Ps, &folder, FILE),
            "«ژبه» (<span lang=\"en\" dir=\"ltr\">lang</span>): انګلیسي، خو دوتنه د پښتو په پوښۍ کې ده: \
             «<span lang=\"en\" dir=\"ltr\">en/</span>» پوښۍ ته یې یوسئ، یا ولیکئ «<span lang=\"en\" dir=\"ltr\">lang = &quot;ps&quot;</span>»"
        );
    }
}

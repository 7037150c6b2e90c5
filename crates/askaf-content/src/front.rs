//! Front matter: the TOML block between `+++` lines at the top of an article.
//!
//! Fields are read with their spans so that every problem names the line an
//! editor has to change, and all problems in a file are reported at once.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::calendar::{self, TypedDateError};
use crate::error::{
    DateProblem, Problem, ProblemKind, TomlMistake, TomlMistakeKind, TomlType, UnquotedDate,
};
use crate::lang::{Lang, Slug};

/// Where a fact came from, as the article's source list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub accessed: NaiveDate,
}

/// The original a translation was made from: its language (its slug is the
/// article's `translations` entry for that language) and its revision
/// ([`crate::Article::revision`]) at the time. When the original's revision
/// is another, the translation is out of date (see
/// [`crate::Site::stale_original`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TranslatedFrom {
    pub lang: Lang,
    pub revision: String,
}

/// Whether `s` has the form of an article's revision: 32 lowercase
/// hexadecimal digits, as [`crate::revision_of`] writes them.
pub fn is_revision(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The validated front matter of one article.
/// Serialized (as JSON) in the store's catalogue of content files, so a
/// restart need not parse every file again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FrontMatter {
    pub slug: Slug,
    pub lang: Lang,
    pub title: String,
    /// The common question the article answers, as a reader would ask it.
    pub question: String,
    /// The short answer: one paragraph, shown above the body and in listings.
    pub summary: String,
    pub tags: Vec<Slug>,
    pub published: NaiveDate,
    pub updated: NaiveDate,
    pub translations: BTreeMap<Lang, Slug>,
    /// Line of each translation entry, so a dangling one can be reported where it stands.
    pub translation_lines: BTreeMap<Lang, usize>,
    pub sources: Vec<Source>,
    /// A draft is validated like any article but never served.
    pub draft: bool,
    /// For a translation, the original and its revision it was made from.
    /// Defaulted, so the catalogue's rows written before it still read.
    #[serde(default)]
    pub translated_from: Option<TranslatedFrom>,
    /// The line of `slug`, where a second article with the same one is
    /// reported. Defaulted: the catalogue's rows written before it read 0,
    /// and such an article is blamed at its first line.
    #[serde(default)]
    pub slug_line: usize,
}

impl FrontMatter {
    /// The original this article was translated from, by language and
    /// slug, with the revision it was made from.
    pub fn original(&self) -> Option<(Lang, &Slug, &str)> {
        let from = self.translated_from.as_ref()?;
        let slug = self.translations.get(&from.lang)?;
        Some((from.lang, slug, from.revision.as_str()))
    }
}

/// A content file split into its validated front matter and Markdown body.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub front: FrontMatter,
    pub body: String,
    /// The 1-based line on which the body starts.
    pub body_line: usize,
}

impl ParsedFile {
    /// The file's line that holds the body's byte `offset`: where a problem
    /// found in the body (raw HTML, an image) is reported.
    pub fn line_of(&self, offset: usize) -> usize {
        crate::site::body_line_of(&self.body, self.body_line, offset)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    slug: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    question: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    tags: Option<Vec<Spanned<String>>>,
    published: Option<Spanned<toml::Value>>,
    updated: Option<Spanned<toml::Value>>,
    translations: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
    draft: Option<bool>,
    translated_from: Option<Spanned<RawTranslatedFrom>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslatedFrom {
    lang: Option<Spanned<String>>,
    revision: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    accessed: Option<Spanned<toml::Value>>,
}

const FENCE: &str = "+++";
/// The most characters of an article's title, question and summary: the
/// editor's fields hold them as `maxlength`, so a browser stops there.
pub const MAX_TITLE: usize = 200;
pub const MAX_QUESTION: usize = 300;
pub const MAX_SUMMARY: usize = 1200;

/// Turns byte offsets inside the front matter into file line numbers.
struct Lines<'a> {
    text: &'a str,
    first_line: usize,
}

impl Lines<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.first_line
            + self.text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
    }
}

/// Slugs the site's own addresses take under `/{lang}/`: an article with
/// one could not be reached (`/en/about`, `/en/ask`, which sends a reader
/// to the Ask page) or would lose its comment form and feed to a listing's
/// pages (`/en/page/2`, `/en/tags/…`).
pub const RESERVED_SLUGS: [&str; 5] = ["about", "ask", "page", "tags", NOT_FOUND_SLUG];

/// The slug of the page a static mirror answers a missing address with
/// (`/fa/404`, kept as `fa/404.html`), so no article may take it.
pub const NOT_FOUND_SLUG: &str = "404";

/// The slug an article can take: a well-formed one that is not one of
/// `RESERVED_SLUGS`. The one check for a file's `slug`, `askaf import
/// --text --slug` and the WordPress importer, so that no way in makes an
/// article another refuses.
pub fn article_slug(text: &str) -> Result<Slug, ProblemKind> {
    match Slug::parse(text) {
        Ok(slug) if RESERVED_SLUGS.contains(&slug.as_str()) => {
            Err(ProblemKind::ReservedSlug { slug })
        }
        Ok(slug) => Ok(slug),
        Err(e) => Err(ProblemKind::InvalidSlug(e)),
    }
}

/// A file's text cut at its front matter's fences (`+++`): the front
/// matter between them, the Markdown body after them, and the line of the
/// closing fence.
pub(crate) struct Fenced<'a> {
    pub(crate) front: &'a str,
    pub(crate) body: &'a str,
    pub(crate) close_line: usize,
}

impl Fenced<'_> {
    /// The 1-based line on which the body starts.
    pub(crate) fn body_line(&self) -> usize {
        self.close_line + 1
    }

    /// The language the front matter names, read from the `lang` key alone:
    /// what the body's checks need when the rest of the front matter has
    /// problems. `None` when the key is missing, not a language, or the
    /// front matter is no TOML.
    pub(crate) fn lang(&self) -> Option<Lang> {
        let table: toml::Table = toml::from_str(self.front).ok()?;
        table.get("lang")?.as_str()?.parse().ok()
    }
}

/// Cuts a file at its front matter's fences (a leading byte-order mark
/// skipped), or says which fence is missing.
pub(crate) fn fenced(text: &str) -> Result<Fenced<'_>, ProblemKind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err(ProblemKind::NoOpeningFence);
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (line_no, line) in (2..).zip(lines) {
        if line.trim_end() == FENCE {
            return Ok(Fenced {
                front: &text[front_start..offset],
                body: &text[offset + line.len()..],
                close_line: line_no,
            });
        }
        offset += line.len();
    }
    Err(ProblemKind::UnclosedFrontMatter)
}

/// Splits and validates one article file; `file` is only used in messages.
pub fn parse_file(file: &Path, text: &str) -> Result<ParsedFile, Vec<Problem>> {
    parse(file, text, Mend::Offer)
}

/// Whether a value written without quotes is offered its quotes
/// ([`unquoted_mended`]), or the file is read only to see whether they
/// would mend it: then not again, so that a file of many such lines is
/// read twice, not once per line, nested.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mend {
    Offer,
    Try,
}

fn parse(file: &Path, text: &str, mend: Mend) -> Result<ParsedFile, Vec<Problem>> {
    let source = text;
    let problem = |line: usize, kind: ProblemKind| Problem::new(file, line, kind);
    let Fenced {
        front: front_text,
        body,
        close_line,
    } = fenced(text).map_err(|kind| vec![problem(1, kind)])?;
    let lines = Lines {
        text: front_text,
        first_line: 2,
    };

    let raw: RawFront = match toml::from_str(front_text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| lines.line_of(s.start)).unwrap_or(1);
            // The line TOML points at, when it points at one.
            let at = e.span().and_then(|_| line.checked_sub(lines.first_line));
            let text = at.and_then(|at| front_text.lines().nth(at));
            let message = e.message().trim();
            let unquoted_date = text.and_then(unquoted_solar_date);
            if let Some(kind) = text
                .filter(|_| unquoted_date.is_none() && mend == Mend::Offer)
                .and_then(|_| unquoted_mended(file, source, line))
                .map(|mut kind| {
                    if let ProblemKind::UnquotedValue { table, .. } = &mut kind {
                        *table = at.and_then(|at| table_at(front_text, at));
                    }
                    kind
                })
            {
                return Err(vec![problem(line, kind)]);
            }
            return Err(vec![problem(
                line,
                ProblemKind::FrontMatterSyntax {
                    detail: toml_with_field(message, text),
                    unquoted_date,
                    mistake: toml_mistake(
                        message,
                        text,
                        at.and_then(|at| table_at(front_text, at)),
                    )
                    .map(Box::new),
                },
            )]);
        }
    };

    let mut sink = Sink {
        file,
        problems: Vec::new(),
    };
    let at = |s: &std::ops::Range<usize>| lines.line_of(s.start);

    let text_field = |field: &'static str,
                      value: Option<Spanned<String>>,
                      max: usize,
                      sink: &mut Sink| match value {
        None => {
            sink.add(1, ProblemKind::MissingField { field });
            None
        }
        Some(v) => {
            let line = at(&v.span());
            let s = v.into_inner();
            // Invisible marks alone (a ZWNJ, a zero-width space) are as
            // empty as spaces: a title of them shows nothing.
            let trimmed = s.trim();
            if trimmed
                .chars()
                .all(|c| c.is_whitespace() || askaf_text::is_invisible(c))
            {
                sink.add(line, ProblemKind::EmptyField { field });
                None
            } else if trimmed.chars().count() > max {
                sink.add(line, ProblemKind::FieldTooLong { field, max });
                None
            } else if trimmed.chars().any(|c| c.is_control() && c != '\n') {
                sink.add(line, ProblemKind::ControlCharacter { field });
                None
            } else {
                Some(trimmed.to_string())
            }
        }
    };

    let title = text_field("title", raw.title, MAX_TITLE, &mut sink);
    let question = text_field("question", raw.question, MAX_QUESTION, &mut sink);
    let summary = text_field("summary", raw.summary, MAX_SUMMARY, &mut sink);

    // Where a duplicate of the slug is reported; the opening line when
    // the slug is missing.
    let mut slug_line = 1;
    let slug = match raw.slug {
        None => {
            sink.add(1, ProblemKind::MissingField { field: "slug" });
            None
        }
        Some(v) => {
            let line = at(&v.span());
            slug_line = line;
            article_slug(v.get_ref())
                .map_err(|kind| sink.add(line, kind))
                .ok()
        }
    };

    let lang = match raw.lang {
        None => {
            sink.add(1, ProblemKind::MissingField { field: "lang" });
            None
        }
        Some(v) => {
            let line = at(&v.span());
            let lang = v
                .get_ref()
                .parse::<Lang>()
                .map_err(|e| sink.add(line, ProblemKind::UnknownLang(e)))
                .ok();
            // A file in a language's folder is of that language: `fa/x.md`
            // saying `lang = "en"` would be served at /en/x, where no one
            // writing it in `fa/` looks for it.
            let folder = file
                .parent()
                .and_then(Path::file_name)
                .and_then(|n| n.to_str())
                .and_then(|n| n.parse::<Lang>().ok());
            match (lang, folder) {
                (Some(lang), Some(folder)) if lang != folder => {
                    sink.add(line, ProblemKind::LangNotFolder { lang, folder });
                    None
                }
                _ => lang,
            }
        }
    };

    let mut tags = Vec::new();
    for tag in raw.tags.unwrap_or_default() {
        let line = at(&tag.span());
        match Slug::parse(tag.get_ref()) {
            Ok(t) if !tags.contains(&t) => tags.push(t),
            Ok(tag) => sink.add(line, ProblemKind::DuplicateTag { tag }),
            // A name in Dari, Pashto or any letters but ASCII's: said to
            // be a name, and where names are set.
            Err(e) if e.value.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) => {
                sink.add(line, ProblemKind::TagIsAName { tag: e.value })
            }
            Err(e) => sink.add(line, ProblemKind::InvalidTag(e)),
        }
    }

    let date_field =
        |field: &'static str, value: Option<Spanned<toml::Value>>, sink: &mut Sink| match value {
            None => {
                sink.add(1, ProblemKind::MissingField { field });
                None
            }
            Some(v) => {
                let line = at(&v.span());
                parse_date(v.get_ref())
                    .map_err(|problem| sink.add(line, ProblemKind::InvalidDate { field, problem }))
                    .ok()
            }
        };
    let published = date_field("published", raw.published, &mut sink);
    let updated = date_field("updated", raw.updated, &mut sink);
    if let (Some(p), Some(u)) = (published, updated) {
        if u < p {
            sink.add(
                close_line,
                ProblemKind::UpdatedBeforePublished {
                    updated: u,
                    published: p,
                },
            );
        }
    }

    let mut translations = BTreeMap::new();
    let mut translation_lines = BTreeMap::new();
    for (key, value) in raw.translations.unwrap_or_default() {
        let line = at(&key.span());
        let target_lang = match key.get_ref().parse::<Lang>() {
            Ok(l) => l,
            Err(e) => {
                sink.add(line, ProblemKind::TranslationUnknownLang(e));
                continue;
            }
        };
        if Some(target_lang) == lang {
            sink.add(
                line,
                ProblemKind::TranslationToOwnLang { lang: target_lang },
            );
            continue;
        }
        match Slug::parse(value.get_ref()) {
            Ok(s) => {
                translations.insert(target_lang, s);
                translation_lines.insert(target_lang, line);
            }
            Err(error) => sink.add(
                line,
                ProblemKind::TranslationInvalidSlug {
                    lang: target_lang,
                    error,
                },
            ),
        }
    }

    let translated_from = match raw.translated_from {
        None => None,
        Some(v) => {
            let line = at(&v.span());
            let v = v.into_inner();
            let from_lang = match v.lang {
                None => {
                    sink.add(line, ProblemKind::OriginalLangMissing);
                    None
                }
                Some(l) => match (at(&l.span()), l.get_ref().parse::<Lang>()) {
                    (line, Err(e)) => {
                        sink.add(line, ProblemKind::OriginalUnknownLang(e));
                        None
                    }
                    (line, Ok(l)) if Some(l) == lang => {
                        sink.add(line, ProblemKind::OriginalIsOwnLang { lang: l });
                        None
                    }
                    (line, Ok(l)) if !translations.contains_key(&l) => {
                        sink.add(line, ProblemKind::OriginalNotInTranslations { lang: l });
                        None
                    }
                    (_, Ok(l)) => Some(l),
                },
            };
            let revision = match v.revision {
                None => {
                    sink.add(line, ProblemKind::OriginalRevisionMissing);
                    None
                }
                Some(r) if is_revision(r.get_ref()) => Some(r.into_inner()),
                Some(r) => {
                    sink.add(
                        at(&r.span()),
                        ProblemKind::OriginalRevisionInvalid {
                            value: r.into_inner(),
                        },
                    );
                    None
                }
            };
            from_lang
                .zip(revision)
                .map(|(lang, revision)| TranslatedFrom { lang, revision })
        }
    };

    let mut sources = Vec::new();
    match raw.sources {
        None => sink.add(1, ProblemKind::NoSources),
        Some(list) => {
            let list_line = at(&list.span());
            let list = list.into_inner();
            if list.is_empty() {
                sink.add(list_line, ProblemKind::EmptySources);
            }
            for (i, src) in list.into_iter().enumerate() {
                let n = i + 1;
                let line = at(&src.span());
                let src = src.into_inner();
                let title = match src.title {
                    Some(t) if !t.get_ref().trim().is_empty() => {
                        Some(t.into_inner().trim().to_string())
                    }
                    _ => {
                        sink.add(line, ProblemKind::SourceTitleMissing { n });
                        None
                    }
                };
                let url = match src.url {
                    Some(u) => {
                        let uline = at(&u.span());
                        let u = u.into_inner();
                        if is_web_url(&u) {
                            Some(u)
                        } else {
                            sink.add(uline, ProblemKind::SourceUrlInvalid { n, url: u });
                            None
                        }
                    }
                    None => {
                        sink.add(line, ProblemKind::SourceUrlMissing { n });
                        None
                    }
                };
                let accessed = match src.accessed {
                    Some(a) => {
                        let aline = at(&a.span());
                        parse_date(a.get_ref())
                            .map_err(|problem| {
                                sink.add(aline, ProblemKind::SourceAccessedInvalid { n, problem })
                            })
                            .ok()
                    }
                    None => {
                        sink.add(line, ProblemKind::SourceAccessedMissing { n });
                        None
                    }
                };
                if let (Some(title), Some(url), Some(accessed)) = (title, url, accessed) {
                    sources.push(Source {
                        title,
                        url,
                        accessed,
                    });
                }
            }
        }
    }

    if !sink.problems.is_empty() {
        return Err(sink.problems);
    }
    // Every `None` above pushed a problem, so all of these are present here.
    match (slug, lang, title, question, summary, published, updated) {
        (
            Some(slug),
            Some(lang),
            Some(title),
            Some(question),
            Some(summary),
            Some(published),
            Some(updated),
        ) => Ok(ParsedFile {
            front: FrontMatter {
                slug,
                lang,
                title,
                question,
                summary,
                tags,
                published,
                updated,
                translations,
                translation_lines,
                sources,
                draft: raw.draft.unwrap_or(false),
                translated_from,
                slug_line,
            },
            body: body.to_string(),
            body_line: close_line + 1,
        }),
        _ => Err(vec![problem(1, ProblemKind::IncompleteFrontMatter)]),
    }
}

struct Sink<'a> {
    file: &'a Path,
    problems: Vec<Problem>,
}

impl Sink<'_> {
    fn add(&mut self, line: usize, kind: ProblemKind) {
        self.problems.push(Problem::new(self.file, line, kind));
    }
}

fn is_web_url(u: &str) -> bool {
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/'))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

/// Accepts a TOML date (`2026-11-20`) or the same date as a string, in
/// either calendar: a year below 1700 is Solar Hijri (`1405-09-05`, or
/// `"۱۴۰۵/۰۹/۰۵"` in a string), converted to the Gregorian date kept.
fn parse_date(value: &toml::Value) -> Result<NaiveDate, DateProblem> {
    match value {
        toml::Value::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => calendar::date_of(d.year.into(), d.month.into(), d.day.into())
                .map_err(|error| match error {
                    TypedDateError::Form => DateProblem::NotReal {
                        typed: dt.to_string(),
                    },
                    error => DateProblem::Typed {
                        typed: dt.to_string(),
                        error,
                    },
                }),
            _ => Err(DateProblem::NotDateAlone {
                typed: dt.to_string(),
            }),
        },
        toml::Value::String(s) => {
            calendar::parse_typed_date(s).map_err(|error| DateProblem::Typed {
                typed: s.clone(),
                error,
            })
        }
        other => Err(DateProblem::NotADate {
            found: other.type_str(),
        }),
    }
}

/// TOML's message about `line`, with the field the line sets named where
/// the message names none: "duplicate key" says which key, and "invalid
/// type: string \"x\", expected a sequence" whose value it is. Front
/// matter and the server's settings file say their mistakes alike.
pub fn toml_with_field(message: &str, line: Option<&str>) -> String {
    match line.and_then(line_key) {
        Some(key) if message == "duplicate key" => format!("duplicate key `{key}`"),
        Some(key) if !message.contains(&format!("`{key}`")) => {
            format!("field `{key}`: {message}")
        }
        _ => message.to_string(),
    }
}

/// The key and the value of a line `key = value` (of a front matter or
/// the server's settings file) whose value TOML cannot read and reads once
/// quoted: text written without its quotes (`title = What is Kabul?`,
/// `addr = 127.0.0.1:8080`). A comment after it (` # …`) is not part of it.
pub fn unquoted(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let value = value.split_once(" #").map_or(value, |(v, _)| v);
    let (key, value) = (key.trim(), value.trim());
    let quoted = toml::Value::String(value.to_string()).to_string();
    (line_key(line) == Some(key) && !value.is_empty() && !reads(value) && reads(&quoted))
        .then_some((key, value))
}

/// Whether `value` is a TOML value.
fn reads(value: &str) -> bool {
    toml::from_str::<toml::Table>(&format!("v = {value}")).is_ok()
}

/// `value` as a front matter line writes it in quotes: a list (`[kabul,
/// cities]`) word by word, each that is not a value already quoted.
fn quote(value: &str) -> String {
    let quoted = |v: &str| toml::Value::String(v.to_string()).to_string();
    match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(items) => {
            let items: Vec<String> = items
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(|i| if reads(i) { i.to_string() } else { quoted(i) })
                .collect();
            format!("[{}]", items.join(", "))
        }
        None => quoted(value),
    }
}

/// How [`with_line_quoted`] quotes a value written without its quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// As one piece of text: the server's settings file, whose keys take
    /// no lists (`addr = 127.0.0.1:8080` is `addr = "127.0.0.1:8080"`).
    Whole,
    /// A list in brackets item by item, each that is not a value already:
    /// a front matter's `tags = [kabul, cities]` is `tags =
    /// ["kabul", "cities"]`, not the one text `"[kabul, cities]"`.
    Items,
}

/// A line `key = value` of a TOML file whose value is text written
/// without its quotes ([`unquoted`]), quoted, and the file with it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedLine {
    /// The key the line sets.
    pub key: String,
    /// Its value as written, without the quotes (nor a comment after it).
    pub value: String,
    /// The line as it should be written: `key = "value"`.
    pub fixed: String,
    /// The whole file with that line in place of the one written, every
    /// other line and every line ending (`\n` or `\r\n`) as it was.
    pub text: String,
}

/// The file `text` with its line `line` (counted from 1) quoted, when that
/// line sets a value TOML reads only once quoted ([`unquoted`]); `None`
/// otherwise. Front matter and the server's settings file read the result
/// again before they say a value needs its quotes, so that advice which
/// would lead to another refusal of the same line is not given: one
/// function, so that both quote alike (the settings file's joined its
/// lines again with `\n`, dropping a `\r\n` file's `\r`s and its last
/// line ending).
pub fn with_line_quoted(text: &str, line: usize, quoting: Quoting) -> Option<QuotedLine> {
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let (key, value) = unquoted(written)?;
    let fixed = match quoting {
        Quoting::Whole => toml::Value::String(value.to_string()).to_string(),
        Quoting::Items => quote(value),
    };
    let fixed = format!("{key} = {fixed}");
    let text = with_line(text, line, &fixed);
    Some(QuotedLine {
        key: key.to_string(),
        value: value.to_string(),
        fixed,
        text,
    })
}

/// The file `text` with its line `line` (counted from 1) replaced by
/// `written`, every other line and every line ending (`\n` or `\r\n`) as
/// it was: how a fix to one line is tried before it is advised.
pub fn with_line(text: &str, line: usize, written: &str) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| match i + 1 == line {
            true => format!("{written}{}", &l[l.trim_end_matches(['\r', '\n']).len()..]),
            false => l.to_string(),
        })
        .collect()
}

/// [`ProblemKind::UnquotedValue`] of the file's line `line`, when its
/// value is text without quotes and the file, that line quoted
/// ([`with_line_quoted`]), has no problem left on it: quotes would not
/// make a day of a date that is none (`published = 2026-02-31`), nor true
/// of `draft = yes`, and advice that leads to another refusal of the same
/// line is no advice. The file is read again from the start, once
/// ([`Mend::Try`]).
fn unquoted_mended(file: &Path, text: &str, line: usize) -> Option<ProblemKind> {
    let QuotedLine {
        key, fixed, text, ..
    } = with_line_quoted(text, line, Quoting::Items)?;
    let left = match parse(file, &text, Mend::Try) {
        Ok(_) => false,
        Err(problems) => problems.iter().any(|p| p.line == line),
    };
    (!left).then_some(ProblemKind::UnquotedValue {
        key,
        fixed,
        table: None,
    })
}

/// The key a front matter line `key = value` sets, when it is a bare key.
fn line_key(line: &str) -> Option<&str> {
    let key = line.split_once('=')?.0.trim();
    let bare = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (bare && !key.is_empty()).then_some(key)
}

/// The table the front matter's line `at` (counted from 0) is in, by the
/// header above it (`[[sources]]`: `sources`); `None` for the front
/// matter's own keys, above every header.
fn table_at(front: &str, at: usize) -> Option<String> {
    let header = front
        .lines()
        .take(at + 1)
        .map(str::trim)
        .filter(|l| l.starts_with('['))
        .last()?;
    Some(
        header
            .trim_matches(|c| c == '[' || c == ']')
            .trim()
            .to_string(),
    )
}

/// What TOML's `message` about `line` says, when it is one of the common
/// mistakes ([`TomlMistake`]); `table` is the line's, by its header. A key
/// named in the message that is not the line's own is in the line's inline
/// table (`translated_from = { lang = "en", rev = "…" }`).
fn toml_mistake(message: &str, line: Option<&str>, table: Option<String>) -> Option<TomlMistake> {
    let named = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?;
        Some(rest[..rest.find('`')?].to_string())
    };
    let key = line.and_then(line_key);
    let within = |named: &str| match key {
        Some(k) if k != named => Some(k.to_string()),
        _ => table.clone(),
    };
    let (kind, key, table) = if let Some(n) = named("unknown field `") {
        let t = within(&n);
        (TomlMistakeKind::UnknownField, n, t)
    } else if let Some(n) = named("missing field `") {
        let t = within(&n);
        (TomlMistakeKind::MissingField, n, t)
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = match rest.rsplit_once(", expected ")?.1 {
            "a string" => TomlType::Text,
            "a sequence" => TomlType::List,
            "a boolean" => TomlType::TrueFalse,
            e if e.starts_with("struct ") || e == "a map" => TomlType::Table,
            _ => TomlType::Other,
        };
        (
            TomlMistakeKind::WrongType { expected },
            key?.to_string(),
            table,
        )
    } else if message.starts_with("invalid date") {
        (TomlMistakeKind::BadDate, key?.to_string(), table)
    } else {
        return None;
    };
    Some(TomlMistake { kind, key, table })
}

/// For a TOML syntax error on a line that holds an unquoted Solar Hijri
/// date, that date, to hint at quotes: TOML reads `1405-02-31` as a
/// Gregorian date, which February 31 is not, and a date in Persian digits
/// not at all; in quotes both are read by [`parse_date`].
fn unquoted_solar_date(line: &str) -> Option<UnquotedDate> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let year: String = value.chars().take(4).collect();
    let persian_digits = year
        .chars()
        .any(|c| matches!(c, '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}'));
    let solar_year = year.len() == 4
        && year
            .parse::<i32>()
            .is_ok_and(|y| y < calendar::SOLAR_YEARS_BELOW);
    (persian_digits || solar_year).then(|| UnquotedDate {
        key: key.trim().to_string(),
        value: value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"+++
slug = "currency"
lang = "en"
title = "What is Afghanistan’s currency?"
question = "What money is used in Afghanistan?"
summary = "The afghani (AFN)."
tags = ["economy", "money"]
published = 2026-01-05
updated = "2026-02-01"
translations = { fa = "currency" }

[[sources]]
title = "Da Afghanistan Bank"
url = "https://dab.gov.af/"
accessed = 2026-01-05
+++

Body starts here.
"#;

    fn problems(text: &str) -> Vec<String> {
        parse_file(Path::new("x.md"), text)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| format!("{}: {}", p.line, p.kind))
            .collect()
    }

    #[test]
    fn parses_a_complete_file() {
        let f = parse_file(Path::new("x.md"), GOOD).unwrap();
        assert_eq!(f.front.slug.as_str(), "currency");
        assert_eq!(f.front.lang, Lang::En);
        assert_eq!(f.front.title, "What is Afghanistan’s currency?");
        assert_eq!(
            f.front.updated,
            NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
        );
        assert_eq!(
            f.front.translations.get(&Lang::Fa).unwrap().as_str(),
            "currency"
        );
        assert_eq!(f.front.translation_lines[&Lang::Fa], 10);
        assert_eq!(f.front.sources.len(), 1);
        assert_eq!(f.body.trim(), "Body starts here.");
        assert_eq!(f.body_line, 17);
    }

    #[test]
    fn names_the_line_of_each_problem() {
        let bad = GOOD
            .replace("lang = \"en\"", "lang = \"de\"")
            .replace("updated = \"2026-02-01\"", "updated = \"2026-02-31\"")
            .replace("https://dab.gov.af/", "dab.gov.af");
        assert_eq!(
            problems(&bad),
            vec![
                "3: field `lang`: unknown language `de` (expected one of: en, fa, ps)",
                "9: field `updated`: `2026-02-31` is not a date: February 2026 has 28 days, not 31",
                "14: source 1: `url` must be an http(s) address without spaces, not `dab.gov.af`",
            ]
        );
    }

    #[test]
    fn refuses_a_slug_the_site_uses_for_its_own_pages() {
        for reserved in RESERVED_SLUGS {
            let bad = GOOD.replace("slug = \"currency\"", &format!("slug = \"{reserved}\""));
            let p = problems(&bad);
            assert_eq!(p.len(), 1, "{p:?}");
            assert!(p[0].contains("is an address of the site itself"), "{p:?}");
        }
        assert!(problems(&GOOD.replace("slug = \"currency\"", "slug = \"pages\"")).is_empty());
    }

    /// `/{lang}/ask` is where a reader looks for Ask (which sends it to
    /// `/ask?lang=…`): an article there could never be reached.
    #[test]
    fn ask_is_an_address_of_the_site_itself() {
        assert!(matches!(
            article_slug("ask"),
            Err(ProblemKind::ReservedSlug { slug }) if slug.as_str() == "ask"
        ));
        let p = problems(&GOOD.replace("slug = \"currency\"", "slug = \"ask\""));
        assert_eq!(
            p,
            [
                "2: field `slug`: `ask` is an address of the site itself in every language \
              (/en/ask, /fa/ask, /ps/ask): choose another"
            ]
        );
        assert!(article_slug("asking").is_ok() && article_slug("ask-a-doctor").is_ok());
    }

    #[test]
    fn reports_missing_fields_at_the_opening_fence() {
        let bad = GOOD.replace("question = \"What money is used in Afghanistan?\"\n", "");
        assert_eq!(problems(&bad), vec!["1: missing field `question`"]);
    }

    #[test]
    fn reports_toml_syntax_errors_with_their_line() {
        let bad = GOOD.replace("published = 2026-01-05", "published = 2026-13-45");
        let p = problems(&bad);
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("8: front matter:"), "{p:?}");
    }

    #[test]
    fn refuses_unknown_fields_and_unclosed_front_matter() {
        let p = problems(&GOOD.replace("tags =", "tagz ="));
        assert!(
            p[0].starts_with("7: front matter:") && p[0].contains("tagz"),
            "{p:?}"
        );
        assert_eq!(
            problems("+++\nslug = \"x\"\n"),
            vec!["1: the front matter opened here is never closed: add a `+++` line after it"]
        );
        assert_eq!(
            problems("# Title\n"),
            vec!["1: the file must start with a `+++` line that opens the TOML front matter"]
        );
    }

    #[test]
    fn refuses_updated_before_published_and_translation_to_self() {
        let bad = GOOD
            .replace("updated = \"2026-02-01\"", "updated = 2025-12-01")
            .replace("{ fa = \"currency\" }", "{ en = \"currency\" }");
        let p = problems(&bad);
        assert!(
            p.contains(&"10: translations: `en` is this article's own language".to_string()),
            "{p:?}"
        );
        assert!(
            p.iter().any(|m| m.contains("earlier than `published`")),
            "{p:?}"
        );
    }

    const REV: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn reads_the_original_a_translation_was_made_from() {
        let tr = GOOD.replace(
            "translations = { fa = \"currency\" }",
            &format!("translations = {{ fa = \"currency\" }}\ntranslated_from = {{ lang = \"fa\", revision = \"{REV}\" }}"),
        );
        let f = parse_file(Path::new("x.md"), &tr).unwrap();
        assert_eq!(
            f.front.translated_from,
            Some(TranslatedFrom {
                lang: Lang::Fa,
                revision: REV.into()
            })
        );
        let (lang, slug, revision) = f.front.original().unwrap();
        assert_eq!((lang, slug.as_str(), revision), (Lang::Fa, "currency", REV));
        // An article that is no translation has none.
        let plain = parse_file(Path::new("x.md"), GOOD).unwrap();
        assert_eq!(plain.front.translated_from, None);
        assert_eq!(plain.front.original(), None);
    }

    #[test]
    fn names_what_is_wrong_with_translated_from_on_its_line() {
        let with = |value: &str| {
            problems(&GOOD.replace(
                "translations = { fa = \"currency\" }",
                &format!("translations = {{ fa = \"currency\" }}\ntranslated_from = {value}"),
            ))
        };
        assert_eq!(
            with(&format!("{{ lang = \"en\", revision = \"{REV}\" }}")),
            vec!["11: translated_from: `en` is this article's own language"]
        );
        assert_eq!(
            with(&format!("{{ lang = \"ps\", revision = \"{REV}\" }}")),
            vec!["11: translated_from: no `ps` entry in `translations` names the original: add its slug there"]
        );
        assert_eq!(
            with(&format!("{{ lang = \"de\", revision = \"{REV}\" }}")),
            vec!["11: translated_from: unknown language `de` (expected one of: en, fa, ps)"]
        );
        assert_eq!(
            with("{ lang = \"fa\", revision = \"ABC\" }"),
            vec!["11: translated_from: `revision` must be an article's revision, 32 hexadecimal digits, not `ABC`"]
        );
        assert_eq!(
            with("{ lang = \"fa\" }"),
            vec!["11: translated_from: missing `revision`, the original's revision the translation was made from"]
        );
        assert_eq!(
            with(&format!("{{ revision = \"{REV}\" }}")),
            vec!["11: translated_from: missing `lang`, the language of the original"]
        );
        let p = with(&format!(
            "{{ lang = \"fa\", revision = \"{REV}\", by = \"x\" }}"
        ));
        assert!(
            p.len() == 1 && p[0].starts_with("11: front matter:") && p[0].contains("by"),
            "{p:?}"
        );
    }

    #[test]
    fn reads_solar_hijri_dates_typed_in_either_digits() {
        let solar = GOOD
            .replace("published = 2026-01-05", "published = 1404-10-15")
            .replace("updated = \"2026-02-01\"", "updated = \"۱۴۰۴/۱۱/۱۲\"")
            .replace("accessed = 2026-01-05", "accessed = \"1404-02-31\"");
        let f = parse_file(Path::new("x.md"), &solar).unwrap();
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(f.front.published, ymd(2026, 1, 5));
        assert_eq!(f.front.updated, ymd(2026, 2, 1));
        // 31 Sawr: a day TOML would refuse as 31 February, so it is quoted.
        assert_eq!(f.front.sources[0].accessed, ymd(2025, 5, 21));
    }

    #[test]
    fn names_what_is_wrong_with_a_solar_hijri_date() {
        let bad = GOOD
            .replace("published = 2026-01-05", "published = 1404-07-31")
            .replace("updated = \"2026-02-01\"", "updated = \"1404-13-01\"")
            .replace("accessed = 2026-01-05", "accessed = \"1404-12-30\"");
        assert_eq!(
            problems(&bad),
            vec![
                "8: field `published`: `1404-07-31` is not a Solar Hijri date: month 7 (Mizan) of 1404 has 30 days, not 31",
                "9: field `updated`: `1404-13-01` is not a Solar Hijri date: there is no month 13: the year has 12 months",
                "15: source 1: `accessed`: `1404-12-30` is not a Solar Hijri date: month 12 (Hut) of 1404 has 29 days, not 30",
            ]
        );
    }

    /// A file of many values written without quotes (a source list of
    /// thousands, each title bare) is read twice, not once per line
    /// nested: each reading that tried the quotes read the file again,
    /// trying the next line's, until the stack ran out.
    #[test]
    fn many_unquoted_values_are_read_without_nesting() {
        let sources = "\n[[sources]]\ntitle = A source\nurl = \"https://example.org/\"\naccessed = 2026-01-05\n".repeat(20_000);
        let text = GOOD.replacen("\n[[sources]]", &format!("{sources}\n[[sources]]"), 1);
        // On a thread with a stack as small as a server's worker's.
        let p = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || problems(&text))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(
            p,
            [r#"13: front matter: the value of `title` must be quoted: title = "A source""#]
        );
    }

    #[test]
    fn a_toml_mistake_names_the_field_of_its_line() {
        let twice = GOOD.replace("lang = \"en\"\n", "lang = \"en\"\nlang = \"fa\"\n");
        assert_eq!(problems(&twice), ["4: front matter: duplicate key `lang`"]);
        let p = problems(&GOOD.replace("tags = [\"economy\", \"money\"]", "tags = \"economy\""));
        assert_eq!(
            p,
            ["7: front matter: field `tags`: invalid type: string \"economy\", expected a sequence"]
        );
        // A message that names its field already is left as it is.
        let p = problems(&GOOD.replace("tags =", "tagz ="));
        assert!(
            p[0].starts_with("7: front matter: unknown field `tagz`"),
            "{p:?}"
        );
    }

    /// TOML's common refusals are read for what they say (the kind, the
    /// key, the table it is in), for the editorial pages to say them in
    /// Dari and Pashto; the words `askaf check` prints stay TOML's.
    #[test]
    fn a_toml_mistake_is_read_for_what_it_says() {
        let mistake =
            |from: &str, to: &str| match parse_file(Path::new("x.md"), &GOOD.replacen(from, to, 1))
            {
                Err(p) => match &p[0].kind {
                    ProblemKind::FrontMatterSyntax { mistake, .. } => mistake.clone().map(|m| *m),
                    other => panic!("{other:?}"),
                },
                Ok(_) => panic!("{to}: accepted"),
            };
        let m = |kind, key: &str, table: Option<&str>| {
            Some(TomlMistake {
                kind,
                key: key.into(),
                table: table.map(str::to_string),
            })
        };
        use TomlMistakeKind as K;
        let wrong = |expected| K::WrongType { expected };
        assert_eq!(
            mistake("tags =", "tagz ="),
            m(K::UnknownField, "tagz", None)
        );
        assert_eq!(
            mistake(
                "url = \"https://dab.gov.af/\"",
                "url = \"https://dab.gov.af/\"\nauthor = \"x\""
            ),
            m(K::UnknownField, "author", Some("sources"))
        );
        assert_eq!(
            mistake(
                "translations = { fa = \"currency\" }",
                "translated_from = { lang = \"en\", rev = \"x\" }"
            ),
            m(K::UnknownField, "rev", Some("translated_from"))
        );
        assert_eq!(
            mistake("tags = [\"economy\", \"money\"]", "tags = \"economy\""),
            m(wrong(TomlType::List), "tags", None)
        );
        assert_eq!(
            mistake("slug = \"currency\"", "slug = [\"currency\"]"),
            m(wrong(TomlType::Text), "slug", None)
        );
        assert_eq!(
            mistake("[[sources]]", "draft = \"yes\"\n[[sources]]"),
            m(wrong(TomlType::TrueFalse), "draft", None)
        );
        assert_eq!(
            mistake(
                "translations = { fa = \"currency\" }",
                "translated_from = \"en\""
            ),
            m(wrong(TomlType::Table), "translated_from", None)
        );
        assert_eq!(
            mistake("url = \"https://dab.gov.af/\"", "url = 7"),
            m(wrong(TomlType::Text), "url", Some("sources"))
        );
        for date in ["2026-02-31", "2026-13-45", "1404-02-31"] {
            assert_eq!(
                mistake("published = 2026-01-05", &format!("published = {date}")),
                m(K::BadDate, "published", None),
                "{date}"
            );
        }
        // Text without its quotes is said with the line as it should be.
        let unquoted = parse_file(
            Path::new("x.md"),
            &GOOD.replacen("lang = \"en\"", "lang = en", 1),
        );
        assert_eq!(
            unquoted.err().unwrap()[0].kind,
            ProblemKind::UnquotedValue {
                key: "lang".into(),
                fixed: "lang = \"en\"".into(),
                table: None
            }
        );
        let unquoted = parse_file(
            Path::new("x.md"),
            &GOOD.replacen(
                "title = \"Da Afghanistan Bank\"",
                "title = Da Afghanistan Bank",
                1,
            ),
        );
        assert_eq!(
            unquoted.err().unwrap()[0].kind,
            ProblemKind::UnquotedValue {
                key: "title".into(),
                fixed: "title = \"Da Afghanistan Bank\"".into(),
                table: Some("sources".into())
            }
        );
        // No front matter key of ours is missing to serde (each is
        // optional, and said missing by the checks), but its message is
        // read all the same.
        assert_eq!(
            toml_mistake(
                "missing field `title`",
                Some("[[sources]]"),
                Some("sources".into())
            ),
            m(K::MissingField, "title", Some("sources"))
        );
    }

    /// The one function that quotes a line for front matter and the
    /// server's settings file: the line's value in quotes, as one text or
    /// a list item by item, every other line and every line ending kept.
    #[test]
    fn a_line_is_quoted_alike_for_front_matter_and_settings() {
        let text = "+++\r\ntags = [kabul, \"cities\"]  # topics\r\ntitle = Kabul\r\n+++\r\n";
        let q = with_line_quoted(text, 2, Quoting::Items).unwrap();
        assert_eq!(q.key, "tags");
        assert_eq!(q.value, "[kabul, \"cities\"]");
        assert_eq!(q.fixed, r#"tags = ["kabul", "cities"]"#);
        assert_eq!(
            q.text,
            "+++\r\ntags = [\"kabul\", \"cities\"]\r\ntitle = Kabul\r\n+++\r\n"
        );
        let q = with_line_quoted(text, 2, Quoting::Whole).unwrap();
        // TOML's own quoting: a text with `"` in it in single quotes.
        assert_eq!(q.fixed, r#"tags = '[kabul, "cities"]'"#);
        let q = with_line_quoted(text, 3, Quoting::Items).unwrap();
        assert_eq!(q.fixed, r#"title = "Kabul""#);
        assert!(
            q.text.ends_with("title = \"Kabul\"\r\n+++\r\n"),
            "{:?}",
            q.text
        );
        // The last line without a line ending keeps none.
        let q = with_line_quoted("a = 1\naddr = 127.0.0.1:8080", 2, Quoting::Whole).unwrap();
        assert_eq!(q.text, "a = 1\naddr = \"127.0.0.1:8080\"");
        // A line that reads, that quotes would not mend, or that is not there.
        for line in [0, 1, 4, 5] {
            assert_eq!(with_line_quoted(text, line, Quoting::Items), None, "{line}");
        }
        assert_eq!(
            with_line_quoted("draft = yes now\n", 1, Quoting::Whole).map(|q| q.fixed),
            Some(r#"draft = "yes now""#.to_string())
        );
    }

    #[test]
    fn an_unquoted_solar_hijri_date_toml_refuses_gets_a_hint() {
        for (date, quoted) in [
            ("1404-02-31", "\"1404-02-31\""),
            ("۱۴۰۴-۱۰-۱۵", "\"۱۴۰۴-۱۰-۱۵\""),
        ] {
            let p =
                problems(&GOOD.replace("published = 2026-01-05", &format!("published = {date}")));
            assert_eq!(p.len(), 1, "{p:?}");
            assert!(p[0].starts_with("8: front matter:"), "{p:?}");
            assert!(
                p[0].ends_with(&format!(
                    "; a Solar Hijri date goes in quotes: `published = {quoted}`"
                )),
                "{p:?}"
            );
        }
        // A Gregorian date TOML refuses gets no such hint.
        let p = problems(&GOOD.replace("published = 2026-01-05", "published = 2026-02-31"));
        assert!(!p[0].contains("Solar Hijri"), "{p:?}");
    }
}

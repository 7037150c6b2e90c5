//! The article model of AskAfghanistan: front matter, validation, rendering and import.
//!
//! This crate knows nothing of HTTP or SQL: it turns Markdown files into
//! validated, rendered articles, and says exactly where a file is wrong.

mod bidi;
pub mod calendar;
mod diff;
mod error;
mod form;
mod front;
mod import;
mod lang;
mod markdown;
pub mod media;
mod site;

pub use bidi::{runs_html, script_runs, ScriptRun, RUN_CLOSE};
pub use calendar::SolarDate;
pub use diff::{article_hunks, hunks, word_diff, Hunk, Part, Piece};
pub use error::{
    DateProblem, Error, Problem, ProblemKind, TomlMistake, TomlMistakeKind, TomlType, UnquotedDate,
};
pub use form::{form_day, ArticleFields, SourceFields, Written, FIELDS};
pub use front::{
    article_slug, is_revision, parse_file, toml_with_field, unquoted, with_line, with_line_quoted,
    FrontMatter, ParsedFile, QuotedLine, Quoting, Source, TranslatedFrom, MAX_QUESTION,
    MAX_SUMMARY, MAX_TITLE, NOT_FOUND_SLUG,
};
pub use import::{import_text, Imported};
pub use lang::{InvalidSlug, Lang, NotALanguage, Slug, SlugRule, UnknownLang};
pub use markdown::{
    escape_text, render, render_in, table_rows, Block, BlockKind, Heading, ImageUse, Rendered,
    TableRows, TABLE_CELL_SEPARATOR,
};
pub use media::Uploads;
pub use site::{
    alt_in_language, article_files, followed_revision, parse_article, parse_article_with,
    read_article, read_text, revision_of, text_is_followed_at, uploads_named, Article, Bodies,
    Body, Changes, Site, TextFileError, MAX_FILE_BYTES,
};

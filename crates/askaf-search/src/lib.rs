//! Ask: short answers quoted from the articles, each sentence traced to its paragraph.
//!
//! Articles are split into passages (a paragraph or list item, with its
//! article's title and question and the headings above it) and indexed with
//! tantivy, one set of fields per language, each analyzed by `askaf-text`.
//! A question is analyzed the same way into *concepts*: a term, its
//! synonyms from the editors' list, or close spellings of a name the index
//! has never seen. Passages are ranked by BM25 with boosts for the question,
//! title and headings, then re-ranked by how much of the question they cover
//! and how close together the matches stand. The answer is the sentence (and
//! up to two neighbours) that covers most of the question's weight; below a
//! threshold the engine abstains rather than guess.

mod engine;
pub mod eval;
#[doc(hidden)]
pub mod fuzzing;
mod passage;
mod semantic;
mod synonyms;
mod vectors;

pub use engine::{
    Answer, AnswerSentence, ArticleVersion, Cell, Decision, Engine, EngineConfig, EngineSizes, Hit,
    IndexOpening, Marked, Signals, TableHeader, UpdateStats,
};
pub use passage::{passages_from_site, passages_of, Passage, SUMMARY_ANCHOR};
pub use semantic::{EncodeError, Encoder, Role, Tuning};
pub use synonyms::{Synonyms, SynonymsError, SynonymsFileError};
pub use vectors::{vector_file, Key as VectorKey, Vectors};

use askaf_content::Lang;
use askaf_text::Language;

/// What can go wrong building or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory {path}: {source}")]
    Dir {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file of passage vectors: the one `eval --vectors` keeps, or a
    /// server's that `askaf ask` reads.
    #[error("passage vector file {path}: {source}")]
    Vectors {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error("the search index holds a passage it cannot read back (article `{0}`): rebuild it (`askaf reindex`)")]
    Stored(String),
    #[error("cannot open the search index directory: {0}")]
    OpenDir(#[from] tantivy::directory::error::OpenDirectoryError),
    /// An update committed to the index but the engine could not read it
    /// back: the index holds documents the engine does not know of.
    #[error("the search index changed under the engine after a failed update: open it again (Engine::on_disk rebuilds it)")]
    Diverged,
}

/// The text-analysis language for a site language.
pub fn language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::English,
        Lang::Fa => Language::Dari,
        Lang::Ps => Language::Pashto,
    }
}

/// The site language of a text-analysis language: [`language`] back.
pub fn site_lang(language: Language) -> Lang {
    Lang::from(language)
}

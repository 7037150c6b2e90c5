//! Persistence for AskAfghanistan.
//!
//! SQLite, embedded in the data directory, is the default: one file, WAL mode,
//! durable commits (`synchronous = FULL`), so what the site acknowledges
//! survives a crash. Queries are plain SQL with bound parameters; the schema
//! lives in `migrations/` and is applied at open.

mod accounts;
mod articles;
mod backup;
mod comments;
mod editor;
mod versions;

pub use accounts::{Session, User};
pub use articles::CatalogueEntry;
pub use backup::{restore, DataLock};
pub use comments::{
    Ban, Comment, CommentContext, Decision, Moderation, NewComment, Refusal, Status,
};
pub use editor::{Conflict, Edit, EditAction, EditorState, NewEdit, Overlay};

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use askaf_content::Lang;
use sha2::{Digest, Sha256};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

/// The schema's migrations, `migrations/NNNN_name.sql`, in the binary.
///
/// Listed here rather than found by `sqlx::migrate!`: that macro builds a
/// second copy of sqlx and of SQLite's C source for the compiler, a large
/// part of a first build. Each is recorded as the macro recorded it (its
/// version, its name with spaces, the checksum of its text), so databases
/// made before read the same; a test holds the list to the directory.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (
        2,
        "questions",
        include_str!("../migrations/0002_questions.sql"),
    ),
    (
        3,
        "comments accounts",
        include_str!("../migrations/0003_comments_accounts.sql"),
    ),
    (
        4,
        "page versions",
        include_str!("../migrations/0004_page_versions.sql"),
    ),
    (
        5,
        "catalogue",
        include_str!("../migrations/0005_catalogue.sql"),
    ),
    (6, "editor", include_str!("../migrations/0006_editor.sql")),
];

/// [`MIGRATIONS`] as sqlx's migrator reads them.
#[derive(Debug)]
struct Migrations;

impl sqlx::migrate::MigrationSource<'static> for Migrations {
    fn resolve(
        self,
    ) -> futures_util::future::BoxFuture<
        'static,
        Result<Vec<sqlx::migrate::Migration>, sqlx::error::BoxDynError>,
    > {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|&(version, name, sql)| {
                    sqlx::migrate::Migration::new(
                        version,
                        name.into(),
                        sqlx::migrate::MigrationType::Simple,
                        sql.into(),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// Tells one revision of an article from another: the front matter and the body together.
fn content_hash(markdown: &str, front: &str) -> String {
    let mut h = Sha256::new();
    h.update(front.as_bytes());
    h.update([0u8]);
    h.update(markdown.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What can go wrong with the data directory or the database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot apply database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Something with the same unique name exists already (a user, a ban).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    NotFound(String),
    #[error("the data directory {0} is in use by a running server; stop it first")]
    Locked(PathBuf),
    #[error("{path} is not a usable AskAfghanistan backup: {reason}")]
    BadBackup { path: PathBuf, reason: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// Seconds since the epoch, for windows that rate limits count in.
pub(crate) fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A timestamp as stored in text columns: RFC 3339 in UTC to the second, so
/// that text order is time order.
pub(crate) fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The site's database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    /// Shared by every clone, advanced by every decision (see [`versions`]).
    versions: std::sync::Arc<versions::CommentVersions>,
}

/// A question as editors see it: how often it was asked and whether it was ever answered.
#[derive(Debug, Clone, PartialEq)]
pub struct AskedQuestion {
    pub question: String,
    pub lang: String,
    pub answered: bool,
    pub times: u64,
    pub last_asked: String,
}

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "askaf.db";

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    pub async fn open(data_dir: &Path) -> Result<Store, Error> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE);
        let url = format!("sqlite://{}", path.display());
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(|source| Error::Open {
                path: path.clone(),
                source,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|source| Error::Open {
                path: path.clone(),
                source,
            })?;
        sqlx::migrate::Migrator::new(Migrations)
            .await?
            .run(&pool)
            .await?;
        let versions = std::sync::Arc::new(versions::CommentVersions::default());
        versions.load(&pool).await?;
        Ok(Store {
            pool,
            path,
            versions,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A transaction that will write, holding SQLite's write lock from its
    /// first statement (`BEGIN IMMEDIATE`). A plain (deferred) transaction
    /// that reads and then writes must upgrade its lock; if another
    /// connection wrote in between, SQLite refuses that at once with "database
    /// is locked", without waiting the busy timeout. Taken at the start, the
    /// lock is waited for like any other.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, Error> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<(), Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// How many revisions of one article the database has seen.
    pub async fn revision_count(&self, lang: Lang, slug: &str) -> Result<u64, Error> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM article_revisions WHERE lang = ? AND slug = ?")
                .bind(lang.code())
                .bind(slug)
                .fetch_one(&self.pool)
                .await?;
        Ok(row.get::<i64, _>("n") as u64)
    }

    /// Records one question a reader asked and whether it found an answer.
    pub async fn record_question(
        &self,
        question: &str,
        lang: Lang,
        answered: bool,
        confidence: f32,
    ) -> Result<(), Error> {
        sqlx::query("INSERT INTO questions (question, lang, answered, confidence, asked_at) VALUES (?, ?, ?, ?, ?)")
            .bind(question)
            .bind(lang.code())
            .bind(answered)
            .bind(f64::from(confidence))
            .bind(chrono::Utc::now().to_rfc3339())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The questions asked most often, newest first among equals; with
    /// `unanswered_only`, those that found no answer: what editors should write next.
    pub async fn asked_questions(
        &self,
        unanswered_only: bool,
        limit: u32,
    ) -> Result<Vec<AskedQuestion>, Error> {
        let rows = sqlx::query(
            "SELECT question, lang, MAX(answered) AS answered, COUNT(*) AS times, MAX(asked_at) AS last_asked
             FROM questions
             WHERE (? = 0 OR answered = 0)
             GROUP BY lang, lower(question)
             ORDER BY times DESC, last_asked DESC
             LIMIT ?",
        )
        .bind(unanswered_only)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AskedQuestion {
                question: r.get("question"),
                lang: r.get("lang"),
                answered: r.get::<i64, _>("answered") != 0,
                times: r.get::<i64, _>("times") as u64,
                last_asked: r.get("last_asked"),
            })
            .collect())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn site() -> (askaf_content::Site, askaf_content::Bodies) {
        let text = "+++\nslug = \"a\"\nlang = \"en\"\ntitle = \"T\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nBody.\n";
        askaf_content::Site::from_files_with_bodies([(PathBuf::from("a.md"), text.to_string())])
            .unwrap()
    }

    /// Every file in `migrations/` is in [`MIGRATIONS`], with the version
    /// and name `sqlx::migrate!` gave it, and nothing else is.
    #[test]
    fn the_embedded_migrations_are_the_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<(i64, String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .map(|p| {
                let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
                let (version, name) = stem.split_once('_').unwrap();
                (
                    version.parse().unwrap(),
                    name.replace('_', " "),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        let embedded: Vec<(i64, String, String)> = MIGRATIONS
            .iter()
            .map(|&(v, n, sql)| (v, n.to_string(), sql.to_string()))
            .collect();
        assert_eq!(embedded, files, "add the new migration to MIGRATIONS");
    }

    #[tokio::test]
    async fn creates_the_database_and_records_each_revision_once() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("nested/data");
        let store = Store::open(&data).await.unwrap();
        assert!(data.join(DB_FILE).exists());
        let (site, bodies) = site();
        let a = site.get(Lang::En, "a").unwrap();
        let body = &bodies[&(Lang::En, a.slug().clone())];
        assert_eq!(store.record_articles(&[(a, body)]).await.unwrap(), 1);
        assert_eq!(store.record_articles(&[(a, body)]).await.unwrap(), 0);
        assert_eq!(store.revision_count(Lang::En, "a").await.unwrap(), 1);
        // The body is read back by the revision that names it, and by no other.
        let markdown = store.article_markdown(Lang::En, "a", &a.revision).await;
        assert_eq!(markdown.unwrap().as_deref(), Some("\nBody.\n"));
        let other = store.article_markdown(Lang::En, "a", "0000").await;
        assert_eq!(other.unwrap(), None);
        // The catalogue keeps a file's article as it was read, and forgets a removed file.
        let entry = CatalogueEntry {
            path: PathBuf::from("a.md"),
            size: 321,
            mtime_ns: 1_700_000_000_123_456_789,
            revision: a.revision.clone(),
            front: a.front.clone(),
        };
        store
            .record_files(std::slice::from_ref(&entry), &[])
            .await
            .unwrap();
        assert_eq!(store.catalogue().await.unwrap(), vec![entry]);
        store
            .record_files(&[], &[PathBuf::from("a.md")])
            .await
            .unwrap();
        assert!(store.catalogue().await.unwrap().is_empty());
        store.close().await;

        // Reopening applies no migration twice and keeps the data.
        let store = Store::open(&data).await.unwrap();
        assert_eq!(store.revision_count(Lang::En, "a").await.unwrap(), 1);
        store.ping().await.unwrap();
    }

    #[tokio::test]
    async fn records_questions_and_lists_the_unanswered() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        store
            .record_question("Who governs Afghanistan?", Lang::En, true, 0.9)
            .await
            .unwrap();
        store
            .record_question("What is the price of bread in Herat?", Lang::En, false, 0.1)
            .await
            .unwrap();
        store
            .record_question("what is the price of bread in herat?", Lang::En, false, 0.1)
            .await
            .unwrap();
        store
            .record_question("قیمت نان در هرات چند است؟", Lang::Fa, false, 0.0)
            .await
            .unwrap();
        let unanswered = store.asked_questions(true, 10).await.unwrap();
        assert_eq!(unanswered.len(), 2);
        assert_eq!(
            unanswered[0].times, 2,
            "the same question in other case counts once"
        );
        assert!(!unanswered[0].answered);
        assert_eq!(store.asked_questions(false, 10).await.unwrap().len(), 3);
    }
}

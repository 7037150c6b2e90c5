//! The articles' record: every revision's Markdown, and the catalogue of
//! content files that lets a restart skip the files that did not change.

use std::path::PathBuf;

use askaf_content::{Article, Body, FrontMatter, Lang};
use sqlx::Row;

use crate::{content_hash, Error, Store};

/// A content file as last read: its size and modification time, and the
/// article it held (front matter and revision; the body is in the store's
/// revisions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    pub path: PathBuf,
    pub size: u64,
    /// Nanoseconds since the epoch; -1 when the file must be read again.
    pub mtime_ns: i64,
    pub revision: String,
    pub front: FrontMatter,
    /// The uploads its article shows, by file name (`ID-WxH.ext`): what a
    /// start checks a file it does not read against the uploads kept.
    /// `None` where the catalogue does not know (a row recorded before it
    /// kept them): the file is read again.
    pub uploads: Option<Vec<String>>,
}

impl Store {
    /// Records a revision for each of `articles` whose text is new, in one
    /// transaction, under its revision (see [`Store::article_markdown`]).
    /// Returns how many were new.
    pub async fn record_articles(&self, articles: &[(&Article, &Body)]) -> Result<usize, Error> {
        let now = chrono::Utc::now().to_rfc3339();
        let mut tx = self.begin_write().await?;
        let mut added = 0;
        for &(a, body) in articles {
            let hash = content_hash(&body.markdown, &format!("{:?}", a.front));
            let front = front_json(&a.front)?;
            // The same text under a new revision (a file that changed only
            // where nothing is kept, or a row from before revisions were
            // recorded) takes the new name: it is the one pages ask for.
            let result = sqlx::query(
                "INSERT INTO article_revisions (lang, slug, content_hash, title, updated, markdown, first_seen, revision, front)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (lang, slug, content_hash) DO UPDATE SET revision = excluded.revision
                 WHERE article_revisions.revision IS DISTINCT FROM excluded.revision",
            )
            .bind(a.lang().code())
            .bind(a.slug().as_str())
            .bind(&hash)
            .bind(&a.front.title)
            .bind(a.front.updated.to_string())
            .bind(&body.markdown)
            .bind(&now)
            .bind(&a.revision)
            .bind(front)
            .execute(&mut *tx)
            .await?;
            added += result.rows_affected() as usize;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// The Markdown body of one revision of an article: what its pages are
    /// rendered from. `None` when the store has no such revision.
    pub async fn article_markdown(
        &self,
        lang: Lang,
        slug: &str,
        revision: &str,
    ) -> Result<Option<String>, Error> {
        let row = sqlx::query(
            "SELECT markdown FROM article_revisions WHERE lang = $1 AND slug = $2 AND revision = $3
             ORDER BY id DESC LIMIT 1",
        )
        .bind(lang.code())
        .bind(slug)
        .bind(revision)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.get::<String, _>("markdown")))
    }

    /// One revision of an article as recorded: its Markdown body, its
    /// title, and its front matter (`None` for a revision recorded before
    /// the store kept it, or written by another version that no longer
    /// reads). `None` when the store has no such revision.
    pub async fn article_revision(
        &self,
        lang: Lang,
        slug: &str,
        revision: &str,
    ) -> Result<Option<StoredRevision>, Error> {
        let row = sqlx::query(
            "SELECT markdown, title, front, first_seen FROM article_revisions
             WHERE lang = $1 AND slug = $2 AND revision = $3 ORDER BY id DESC LIMIT 1",
        )
        .bind(lang.code())
        .bind(slug)
        .bind(revision)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| StoredRevision {
            markdown: r.get("markdown"),
            title: r.get("title"),
            front: r
                .get::<Option<String>, _>("front")
                .and_then(|f| serde_json::from_str(&f).ok()),
            first_seen: r.get("first_seen"),
        }))
    }

    /// Every content file as last read. A row whose front matter no longer
    /// reads (written by another version) is left out: its file is read again.
    ///
    /// The rows are taken one at a time, not fetched all at once: SQLite's
    /// copies of 100,000 rows of front matter are over 100 MB of the C
    /// allocator's memory, which it keeps once the start is over. Not
    /// bounded by a serving store's statement timeout: a large site's
    /// catalogue takes longer to read than a request may wait.
    pub async fn catalogue(&self) -> Result<Vec<CatalogueEntry>, Error> {
        use futures_util::TryStreamExt;
        let mut tx = self.begin_unbounded().await?;
        let mut rows =
            sqlx::query("SELECT path, size, mtime_ns, revision, front, uploads FROM content_files")
                .fetch(&mut *tx);
        let mut entries = Vec::new();
        while let Some(r) = rows.try_next().await? {
            let entry = (|| {
                Some(CatalogueEntry {
                    path: PathBuf::from(r.get::<String, _>("path")),
                    size: u64::try_from(r.get::<i64, _>("size")).ok()?,
                    mtime_ns: r.get("mtime_ns"),
                    revision: r.get("revision"),
                    front: serde_json::from_str(r.get::<&str, _>("front")).ok()?,
                    uploads: r
                        .get::<Option<&str>, _>("uploads")
                        .map(|names| names.split_whitespace().map(str::to_string).collect()),
                })
            })();
            entries.extend(entry);
        }
        drop(rows);
        tx.commit().await?;
        Ok(entries)
    }

    /// Records files just read (`entries`) and forgets files that are gone
    /// (`removed`), in one transaction.
    pub async fn record_files(
        &self,
        entries: &[CatalogueEntry],
        removed: &[PathBuf],
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        for e in entries {
            let front = front_json(&e.front)?;
            sqlx::query(
                "INSERT INTO content_files (path, size, mtime_ns, revision, front, uploads)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                 revision = excluded.revision, front = excluded.front, uploads = excluded.uploads",
            )
            .bind(e.path.to_string_lossy().into_owned())
            .bind(i64::try_from(e.size).unwrap_or(i64::MAX))
            .bind(e.mtime_ns)
            .bind(&e.revision)
            .bind(front)
            .bind(e.uploads.as_ref().map(|names| names.join(" ")))
            .execute(&mut *tx)
            .await?;
        }
        for path in removed {
            sqlx::query("DELETE FROM content_files WHERE path = $1")
                .bind(path.to_string_lossy().into_owned())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Front matter as the store keeps it: JSON.
fn front_json(front: &FrontMatter) -> Result<String, Error> {
    serde_json::to_string(front).map_err(|e| Error::Conflict(format!("front matter as JSON: {e}")))
}

/// One revision of an article as recorded ([`Store::article_revision`]).
#[derive(Debug, Clone)]
pub struct StoredRevision {
    pub markdown: String,
    pub title: String,
    pub front: Option<FrontMatter>,
    /// When the site first served it (RFC 3339).
    pub first_seen: String,
}

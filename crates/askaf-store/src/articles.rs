//! The articles' record: every revision's Markdown, and the catalogue of
//! content files that lets a restart skip the files that did not change.

use std::path::{Path, PathBuf};
use std::time::Duration;

use askaf_content::{Article, Body, FrontMatter, Lang};
use sqlx::Row;

use crate::{content_hash, now_unix, Error, Store};

/// How recently a server must have looked at a content directory for the
/// files the catalogue records in it to keep the uploads they show from
/// deletion ([`Store::delete_media_unless_shown`]). A server looks at its
/// directory at its start, before reading it, and at each full comparison
/// of its content watch, every 30 s: a directory served is never a minute
/// old. An hour covers a server's restart, an upgrade, a reboot, and a
/// large site's first start (read whole before the watch runs), during
/// which its files still keep their uploads; and a directory no server
/// reads any more (a server moved to another, or started with none) stops
/// keeping them within the hour, where its rows had kept them for good. A
/// server down longer loses that protection: an upload its files show may
/// be deleted meanwhile, and its next start finds it, refusing each file
/// that shows it (logged, counted and listed on the dashboard).
pub const SERVED_WITHIN: Duration = Duration::from_secs(60 * 60);

/// How long after a server last looked at a content directory its files
/// are taken out of the catalogue ([`Store::record_content_look`]): a week,
/// so that a server down over a holiday still starts by reading only the
/// files that changed. After that, the catalogue only costs the other
/// servers a scan at each deletion; such a server's next start reads its
/// files whole and catalogues them again.
pub const FORGOTTEN_AFTER: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// `dir` as the paths of its files begin, ending with `/`: what
/// `content_dirs` records (see [`Store::record_content_look`]).
pub(crate) fn dir_key(dir: &Path) -> String {
    let mut key = dir.to_string_lossy().into_owned();
    if !key.ends_with('/') {
        key.push('/');
    }
    key
}

/// The condition that the catalogued file `c` is in a content directory a
/// server has looked at since `$n` (seconds since the epoch).
pub(crate) fn looked_at_since(n: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM content_dirs d WHERE d.looked_at >= ${n}
                 AND substr(c.path, 1, length(d.dir)) = d.dir)"
    )
}

/// Seconds since the epoch `ago` before now.
pub(crate) fn unix_ago(ago: Duration) -> i64 {
    now_unix() - i64::try_from(ago.as_secs()).unwrap_or(i64::MAX)
}

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
    /// What translations follow of its article
    /// ([`askaf_content::Article::followed`]). `None` where the catalogue
    /// does not know (a row recorded before it kept it): the file is read
    /// again.
    pub followed: Option<String>,
}

/// The Markdown body of one revision of an article, asked of `db` (the
/// pool, or a [`Snapshot`](crate::Snapshot)'s transaction): see
/// [`Store::article_markdown`].
pub(crate) async fn read_markdown<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
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
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.get::<String, _>("markdown")))
}

/// The catalogue of content files, asked of `db`: see [`Store::catalogue`].
pub(crate) async fn read_catalogue<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
) -> Result<Vec<CatalogueEntry>, Error> {
    use futures_util::TryStreamExt;
    let mut rows = sqlx::query(
        "SELECT path, size, mtime_ns, revision, front, uploads, followed FROM content_files",
    )
    .fetch(db);
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
                followed: r.get("followed"),
            })
        })();
        entries.extend(entry);
    }
    Ok(entries)
}

impl Store {
    /// Records a revision for each of `articles` whose text is new, in one
    /// transaction, under its revision (see [`Store::article_markdown`]).
    /// Returns how many were new.
    pub async fn record_articles(&self, articles: &[(&Article, &Body)]) -> Result<usize, Error> {
        let mut tx = self.begin_write().await?;
        let added = write_articles(&mut tx, articles).await?;
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
        read_markdown(&self.pool, lang, slug, revision).await
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

    /// The revision of an article a translation recorded as its
    /// original's, as [`Store::article_revision`] gives one: by its text's
    /// revision (as translations recorded it until 7 December), else by
    /// what its translations follow of it
    /// ([`askaf_content::followed_revision`], a hash of its fields and
    /// body). Several revisions share the latter when the original changed
    /// in nothing a translation follows; the first the site served is
    /// given, the one those fields were first read in. `None` when no
    /// revision kept (with its front matter, for the latter) is it.
    pub async fn recorded_revision(
        &self,
        lang: Lang,
        slug: &str,
        revision: &str,
    ) -> Result<Option<StoredRevision>, Error> {
        use futures_util::TryStreamExt;
        if let Some(kept) = self.article_revision(lang, slug, revision).await? {
            return Ok(Some(kept));
        }
        let mut rows = sqlx::query(
            "SELECT markdown, title, front, first_seen FROM article_revisions
             WHERE lang = $1 AND slug = $2 AND front IS NOT NULL ORDER BY id",
        )
        .bind(lang.code())
        .bind(slug)
        .fetch(&self.pool);
        while let Some(r) = rows.try_next().await? {
            let Some(front) = serde_json::from_str::<FrontMatter>(r.get::<&str, _>("front")).ok()
            else {
                continue;
            };
            let markdown: String = r.get("markdown");
            if askaf_content::followed_revision(&front, &markdown) == revision {
                return Ok(Some(StoredRevision {
                    markdown,
                    title: r.get("title"),
                    front: Some(front),
                    first_seen: r.get("first_seen"),
                }));
            }
        }
        Ok(None)
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
        let mut tx = self.begin_unbounded().await?;
        let entries = read_catalogue(&mut *tx).await?;
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
        write_files(&mut tx, entries, removed).await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`Store::record_files`] for the files a change applies while
    /// serving, with the revisions of the articles it changed (as
    /// [`Store::record_articles`] records them), checked in the transaction
    /// that records them to show only uploads the store keeps: refused with
    /// [`Error::UploadsGone`] (and nothing recorded, no revision either:
    /// the change is checked again, and the file that shows the upload is
    /// refused, never served) when one is gone. Until 7 December the
    /// revisions were recorded first, in a transaction of their own, and a
    /// refused file's text stayed among them, dated as if served. The transaction is one of the
    /// writes taken one at a time, as the deletion of an upload unless
    /// something shows it is ([`Store::delete_media_unless_shown`]), and as
    /// an editor's publish checks its uploads ([`Store::save_edit`]): a file
    /// its node checked before another node deleted an upload it shows is
    /// refused when it is recorded after, rather than served with a broken
    /// image; one recorded before, the deletion finds.
    pub async fn record_changed_files(
        &self,
        articles: &[(&Article, &Body)],
        entries: &[CatalogueEntry],
        removed: &[PathBuf],
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        let shown: Vec<String> = entries
            .iter()
            .flat_map(|e| e.uploads.iter().flatten().cloned())
            .collect::<std::collections::BTreeSet<String>>()
            .into_iter()
            .collect();
        if !shown.is_empty() {
            let kept = crate::media::kept_among(&mut tx, &shown).await?;
            let gone: Vec<String> = shown.into_iter().filter(|n| !kept.contains(n)).collect();
            if !gone.is_empty() {
                return Err(Error::UploadsGone(gone));
            }
        }
        write_articles(&mut tx, articles).await?;
        write_files(&mut tx, entries, removed).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records that this server reads the content directory `dir` and has
    /// just looked at it (its start, or a full comparison of its content
    /// watch): the files the catalogue records in it keep the uploads they
    /// show from deletion for [`SERVED_WITHIN`]. When a directory no server
    /// has looked at for [`FORGOTTEN_AFTER`] is found, its files are taken
    /// out of the catalogue ([`Store::forget_unlooked_content`]).
    pub async fn record_content_look(&self, dir: &Path) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO content_dirs (dir, looked_at) VALUES ($1, $2)
             ON CONFLICT (dir) DO UPDATE SET looked_at = excluded.looked_at",
        )
        .bind(dir_key(dir))
        .bind(now_unix())
        .execute(&mut *tx)
        .await?;
        let stale = sqlx::query("SELECT 1 AS one FROM content_dirs WHERE looked_at < $1 LIMIT 1")
            .bind(unix_ago(FORGOTTEN_AFTER))
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        if stale.is_some() {
            self.forget_unlooked_content().await?;
        }
        Ok(())
    }

    /// Takes out of the catalogue the files in no content directory a
    /// server has looked at within [`FORGOTTEN_AFTER`] (those of a
    /// directory no server reads any more; those catalogued before servers
    /// recorded their directories, 7 December, count as in their own
    /// directory looked at as that upgrade ran), and forgets those
    /// directories. Returns how many files went.
    pub async fn forget_unlooked_content(&self) -> Result<u64, Error> {
        let since = unix_ago(FORGOTTEN_AFTER);
        let mut tx = self.begin_write().await?;
        let files = sqlx::query(&format!(
            "DELETE FROM content_files WHERE path IN (SELECT c.path FROM content_files c
             WHERE NOT {})",
            looked_at_since(1)
        ))
        .bind(since)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM content_dirs WHERE looked_at < $1")
            .bind(since)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(files)
    }

    /// Takes out of the catalogue every file but those in `dir` (every file
    /// for `None`), and forgets every other content directory: for a start
    /// on SQLite, whose one server reads `dir` (or no directory), so that
    /// the others are this server's from before, which no one reads now.
    pub async fn forget_content_but(&self, dir: Option<&Path>) -> Result<(), Error> {
        // Empty for none: no directory's key, each ending with `/`.
        let key = dir.map(dir_key).unwrap_or_default();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM content_files
             WHERE length($1) = 0 OR substr(path, 1, length($1)) <> $1",
        )
        .bind(&key)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM content_dirs WHERE dir <> $1")
            .bind(&key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A content directory the catalogue records under a name no server of
/// this version gives one ([`Store::content_dirs_named_otherwise`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOtherwise {
    /// As recorded, ending with `/`: `content/`, `./site/`.
    pub dir: String,
    /// When a server last looked at it, in seconds since the epoch.
    pub looked_at: i64,
    /// How many catalogued files are in it.
    pub files: u64,
}

/// Whether `key` (a `content_dirs` row) names a directory as every server
/// has named its own since 7 December: absolute, without `.`, repeated
/// slashes or a slash after it (then `/` added, [`dir_key`]). Servers
/// before then recorded it as typed (`content`, `./site/`).
fn named_as_now(key: &str) -> bool {
    let path = Path::new(key);
    path.is_absolute() && dir_key(&path.components().collect::<PathBuf>()) == key
}

impl Store {
    /// The content directories the catalogue records under a name no
    /// server of this version gives one (every server names its own by its
    /// absolute path, without `.`, repeated slashes or a slash after it): a
    /// relative one (`content/`), or spelled with `./` or `//`, as servers
    /// before 7 December recorded the directory as it was typed. Sorted by
    /// name.
    ///
    /// They are not taken out here: such a row carries no node, and a
    /// relative name means a directory only against the working directory
    /// of the server that wrote it, which is not recorded. The same
    /// `content/` may be this node's own directory from before its
    /// upgrade, and also the live directory of a node of an older version
    /// that still runs elsewhere and looks at it every 30 s, whose images
    /// they keep from deletion. Time does not tell them apart either: a
    /// server may go an hour between looks (a large site's first start,
    /// see [`SERVED_WITHIN`]), and after that hour the rows keep nothing
    /// anyway. They go as every directory does, a week after the last look
    /// ([`FORGOTTEN_AFTER`]); a start says what they are
    /// (`askaf serve`).
    pub async fn content_dirs_named_otherwise(&self) -> Result<Vec<NamedOtherwise>, Error> {
        let rows = sqlx::query("SELECT dir, looked_at FROM content_dirs ORDER BY dir")
            .fetch_all(&self.pool)
            .await?;
        let mut found = Vec::new();
        for r in rows {
            let dir: String = r.get("dir");
            if named_as_now(&dir) {
                continue;
            }
            let files: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM content_files WHERE substr(path, 1, length($1)) = $1",
            )
            .bind(&dir)
            .fetch_one(&self.pool)
            .await?;
            found.push(NamedOtherwise {
                dir,
                looked_at: r.get("looked_at"),
                files: u64::try_from(files).unwrap_or(0),
            });
        }
        Ok(found)
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

/// Writes `entries` into the catalogue and takes `removed` out of it, in
/// `tx` ([`Store::record_files`]).
/// Records in `tx` a revision for each of `articles` whose text is new
/// (see [`Store::record_articles`]): how many were new.
async fn write_articles(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    articles: &[(&Article, &Body)],
) -> Result<usize, Error> {
    let now = chrono::Utc::now().to_rfc3339();
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
        .execute(&mut **tx)
        .await?;
        added += result.rows_affected() as usize;
    }
    Ok(added)
}

async fn write_files(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    entries: &[CatalogueEntry],
    removed: &[PathBuf],
) -> Result<(), Error> {
    for e in entries {
        let front = front_json(&e.front)?;
        sqlx::query(
            "INSERT INTO content_files (path, size, mtime_ns, revision, front, uploads, followed)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
             revision = excluded.revision, front = excluded.front, uploads = excluded.uploads,
             followed = excluded.followed",
        )
        .bind(e.path.to_string_lossy().into_owned())
        .bind(i64::try_from(e.size).unwrap_or(i64::MAX))
        .bind(e.mtime_ns)
        .bind(&e.revision)
        .bind(front)
        .bind(e.uploads.as_ref().map(|names| names.join(" ")))
        .bind(e.followed.as_deref())
        .execute(&mut **tx)
        .await?;
    }
    for path in removed {
        sqlx::query("DELETE FROM content_files WHERE path = $1")
            .bind(path.to_string_lossy().into_owned())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

//! Uploaded images (`0011_media.sql`): the originals, stripped of their
//! metadata by `askaf-media` before they come here.

use std::path::PathBuf;

use askaf_content::media::MediaName;
use askaf_content::Lang;
use sqlx::Row;

use crate::articles::{looked_at_since, unix_ago, SERVED_WITHIN};

use crate::{now_text, Error, Store};

/// An upload as the media page lists it (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    /// The file name it is served under, `ID-WxH.ext`.
    pub name: String,
    pub size: u64,
    pub uploaded_by: String,
    pub uploaded_at: String,
    /// The file name it was uploaded as.
    pub original_name: String,
}

/// What shows an upload, as the store records it ([`Store::media_shown_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaShown {
    /// A content file whose version the catalogue records shows it, as
    /// whichever node read the file last recorded it: by the uploads its
    /// article shows, or by its revision's text (which names its address
    /// in a link too). Not a file the editor's version is served over,
    /// whose text is no version any node serves; the editor's texts count
    /// instead.
    File { path: PathBuf, revision: String },
    /// The text the editor opens for an article, or the one the site
    /// serves of it.
    Editor {
        lang: Lang,
        slug: String,
        title: String,
    },
}

/// The catalogued content files that show an upload ([`MediaShown::File`]):
/// `$1` is the pattern of its address in a text (`%/media/ID-WxH%`, its
/// copies' too), `$2` that of its file name in a row's list of uploads
/// (`% ID-WxH.ext %`), `$3` the time (seconds since the epoch) a server
/// must have looked at a file's content directory since for its file to
/// count ([`SERVED_WITHIN`] ago): the rows of a directory no server reads
/// any more keep nothing. What [`Store::media_shown_in`] lists and
/// [`Store::delete_media_unless_shown`] checks, so that the two agree.
fn catalogued_showing() -> String {
    format!(
        "FROM content_files c
         WHERE (' ' || COALESCE(c.uploads, '') || ' ' LIKE $2
                OR EXISTS (SELECT 1 FROM article_revisions r
                           WHERE r.revision = c.revision AND r.markdown LIKE $1))
           AND NOT EXISTS (SELECT 1 FROM editor_articles a
                           WHERE a.path = c.path AND a.file_revision = c.revision)
           AND {}",
        looked_at_since(3)
    )
}

/// The editor's texts that show an upload ([`MediaShown::Editor`]), `$1`
/// as in [`catalogued_showing`]: the one it opens (the head), and the one
/// the site serves where that is another.
const EDITOR_SHOWING: [&str; 2] = [
    "FROM editor_articles a JOIN article_edits e ON e.id = a.head_id WHERE e.source LIKE $1",
    "FROM editor_articles a JOIN article_edits e ON e.id = a.published_id
     WHERE a.published_id <> a.head_id AND e.source LIKE $1",
];

/// The patterns `$1` and `$2` of [`catalogued_showing`] for the upload
/// `name` (hex digits, digits, `x`, `.`, `/` and `-`: nothing LIKE reads).
fn showing_patterns(name: &MediaName) -> (String, String) {
    (
        format!("%{}%", name.address_stem()),
        format!("% {} %", name.original().file_name()),
    )
}

/// Which of the uploads `names` are kept, asked on `conn` (a transaction's
/// too): see [`Store::media_kept_among`].
pub(crate) async fn kept_among(
    conn: &mut sqlx::AnyConnection,
    names: &[String],
) -> Result<std::collections::HashSet<String>, Error> {
    /// Under SQLite's oldest limit on a statement's parameters (999).
    const AT_ONCE: usize = 500;
    let mut kept = std::collections::HashSet::new();
    for chunk in names.chunks(AT_ONCE) {
        let sql = format!(
            "SELECT name FROM media WHERE name IN ({})",
            crate::placeholders(chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for name in chunk {
            q = q.bind(name.as_str());
        }
        for r in q.fetch_all(&mut *conn).await? {
            kept.insert(r.get::<String, _>("name"));
        }
    }
    Ok(kept)
}

/// What [`Store::delete_media_unless_shown`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaDeletion {
    /// Deleted; the file name it was uploaded as.
    Deleted(String),
    /// Not deleted: something [`Store::media_shown_in`] lists shows it.
    Shown,
    /// None of that name is kept.
    NotKept,
}

/// The names of every upload kept, asked of `db`: see [`Store::media_names`].
pub(crate) async fn read_media_names<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
) -> Result<Vec<String>, Error> {
    let rows = sqlx::query("SELECT name FROM media").fetch_all(db).await?;
    Ok(rows.iter().map(|r| r.get("name")).collect())
}

impl Store {
    /// Keeps an upload; the same image uploaded again is kept once.
    /// Returns whether it was new; a new one is told to the other nodes
    /// ([`crate::Notice::Uploaded`]).
    pub async fn add_media(
        &self,
        name: &str,
        bytes: &[u8],
        by: &str,
        original_name: &str,
    ) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "INSERT INTO media (name, bytes, size, uploaded_by, uploaded_at, original_name)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(bytes.to_vec())
        .bind(bytes.len() as i64)
        .bind(by)
        .bind(now_text())
        .bind(original_name)
        .execute(&mut *tx)
        .await?;
        let new = done.rows_affected() == 1;
        if new {
            self.notify(&mut tx, &crate::Notice::Uploaded(name.to_string()))
                .await?;
        }
        tx.commit().await?;
        Ok(new)
    }

    /// The bytes of an upload.
    pub async fn media_bytes(&self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let row = sqlx::query("SELECT bytes FROM media WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get("bytes")))
    }

    /// Whether an upload of that name is kept (its bytes are not read).
    pub async fn has_media(&self, name: &str) -> Result<bool, Error> {
        let row = sqlx::query("SELECT 1 AS one FROM media WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Which of the uploads `names` are kept, in as few queries as their
    /// number allows (a list of placeholders each, which both databases
    /// take): for a node to check at once every upload it remembers as
    /// kept, and forget those gone without a notice saying so.
    pub async fn media_kept_among(
        &self,
        names: &[String],
    ) -> Result<std::collections::HashSet<String>, Error> {
        if names.is_empty() {
            return Ok(std::collections::HashSet::new());
        }
        let mut conn = self.pool.acquire().await?;
        kept_among(&mut conn, names).await
    }

    /// Deletes an upload (its row and its bytes) and tells the other nodes
    /// ([`crate::Notice::Media`]); returns the file name it was uploaded
    /// as, or `None` when none of that name was kept.
    pub async fn delete_media(&self, name: &str) -> Result<Option<String>, Error> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query("DELETE FROM media WHERE name = $1 RETURNING original_name")
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        let original = row.map(|r| r.get("original_name"));
        if original.is_some() {
            self.notify(&mut tx, &crate::Notice::Media(name.to_string()))
                .await?;
        }
        tx.commit().await?;
        Ok(original)
    }

    /// Deletes the upload `name` (its row and its bytes, and tells the other
    /// nodes as [`Store::delete_media`] does) unless the store records
    /// something that shows it ([`Store::media_shown_in`]), checked in the
    /// same statement as the deletion: a content file catalogued, or an
    /// editor's text saved, before it is seen, by whichever node.
    ///
    /// It is one of the writes taken one at a time (`Store::begin_write`),
    /// as an editor's save is, which checks in its own transaction that the
    /// uploads a published text shows are kept ([`Store::save_edit`]): of a
    /// publish and a deletion of an image it shows, whichever comes second
    /// sees the first, and is refused. Until 7 December the deletion could
    /// look before a publish checked by another node was saved, and the
    /// publish was served with its image deleted.
    pub async fn delete_media_unless_shown(
        &self,
        name: &MediaName,
    ) -> Result<MediaDeletion, Error> {
        let (stem, listed) = showing_patterns(name);
        let file = name.original().file_name();
        let [head, published] = EDITOR_SHOWING;
        let sql = format!(
            "DELETE FROM media WHERE name = $4
             AND NOT EXISTS (SELECT 1 {})
             AND NOT EXISTS (SELECT 1 {head}) AND NOT EXISTS (SELECT 1 {published})
             RETURNING original_name",
            catalogued_showing()
        );
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&sql)
            .bind(stem)
            .bind(listed)
            .bind(unix_ago(SERVED_WITHIN))
            .bind(&file)
            .fetch_optional(&mut *tx)
            .await?;
        let done = match row {
            Some(r) => {
                self.notify(&mut tx, &crate::Notice::Media(file)).await?;
                MediaDeletion::Deleted(r.get("original_name"))
            }
            None => {
                let kept = sqlx::query("SELECT 1 AS one FROM media WHERE name = $1")
                    .bind(&file)
                    .fetch_optional(&mut *tx)
                    .await?;
                match kept {
                    Some(_) => MediaDeletion::Shown,
                    None => MediaDeletion::NotKept,
                }
            }
        };
        tx.commit().await?;
        Ok(done)
    }

    /// What the store records as showing the upload `name` (its address,
    /// or one of its copies'): each content file whose version the
    /// catalogue records shows it, read by any node that has looked at its
    /// directory within [`SERVED_WITHIN`] (whether a node serves
    /// that version is for the node to tell: the site knows, not the
    /// store), and the editor's texts the site serves or the editor opens.
    /// Not the rest of the history: an old revision shows nothing until it
    /// is restored, which checks its images as any save does.
    pub async fn media_shown_in(&self, name: &MediaName) -> Result<Vec<MediaShown>, Error> {
        let (stem, listed) = showing_patterns(name);
        let files = sqlx::query(&format!(
            "SELECT c.path, c.revision {} ORDER BY c.path",
            catalogued_showing()
        ))
        .bind(&stem)
        .bind(listed)
        .bind(unix_ago(SERVED_WITHIN))
        .fetch_all(&self.pool)
        .await?;
        let [head, published] = EDITOR_SHOWING;
        let texts = sqlx::query(&format!(
            "SELECT e.lang, e.slug, e.title {head}
             UNION ALL SELECT e.lang, e.slug, e.title {published}"
        ))
        .bind(stem)
        .fetch_all(&self.pool)
        .await?;
        let files = files.iter().map(|r| MediaShown::File {
            path: PathBuf::from(r.get::<String, _>("path")),
            revision: r.get("revision"),
        });
        let texts = texts.iter().filter_map(|r| {
            Some(MediaShown::Editor {
                lang: r.get::<String, _>("lang").parse().ok()?,
                slug: r.get("slug"),
                title: r.get("title"),
            })
        });
        Ok(files.chain(texts).collect())
    }

    /// The file name of every upload kept (not their bytes), in one
    /// question: what a start checks the articles it reads against.
    pub async fn media_names(&self) -> Result<Vec<String>, Error> {
        read_media_names(&self.pool).await
    }

    /// The uploads, newest first.
    pub async fn media_list(&self, limit: u32) -> Result<Vec<MediaItem>, Error> {
        let rows = sqlx::query(
            "SELECT name, size, uploaded_by, uploaded_at, original_name FROM media
             ORDER BY uploaded_at DESC, name LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| MediaItem {
                name: r.get("name"),
                size: r.get::<i64, _>("size") as u64,
                uploaded_by: r.get("uploaded_by"),
                uploaded_at: r.get("uploaded_at"),
                original_name: r.get("original_name"),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use askaf_content::media::MediaName;
    use askaf_content::Lang;

    use std::path::Path;
    use std::time::Duration;

    use super::{MediaDeletion, MediaShown};
    use crate::articles::{FORGOTTEN_AFTER, SERVED_WITHIN};
    use crate::test_db::TestDb;
    use crate::{CatalogueEntry, EditAction, NewEdit};

    on_both!(uploads_are_kept_once_and_read_back);
    on_both!(an_upload_is_found_in_the_texts_that_show_it_and_deleted);
    on_both!(a_catalogued_file_keeps_an_upload_while_its_directory_is_looked_at);
    on_both!(the_upgrade_counts_the_catalogued_directories_as_looked_at);
    on_both!(directories_named_as_before_are_found_and_left);
    on_both!(a_publish_showing_an_upload_deleted_since_it_was_checked_is_refused);
    on_both!(a_content_file_showing_an_upload_deleted_since_it_was_checked_is_not_catalogued);

    /// The race of a content file read on one node and the deletion of an
    /// image it shows on another, the deletion coming between the node's
    /// check of the file and its catalogue write: the write is refused in
    /// its own transaction, naming the upload, and nothing is recorded
    /// (the node then refuses the file). Uploaded again, it is recorded,
    /// and the deletion is then refused.
    async fn a_content_file_showing_an_upload_deleted_since_it_was_checked_is_not_catalogued(
        db: TestDb,
    ) {
        let store = db.open().await;
        let name = MediaName::parse("0123456789abcdef-1200x800.jpg").unwrap();
        let file = name.file_name();
        let upload = || store.add_media(&file, b"jpeg", "ana", "kabul.jpg");
        assert!(upload().await.unwrap());
        store
            .record_content_look(Path::new("/srv/c"))
            .await
            .unwrap();
        let entry = showing("/srv/c/x.md", &name);
        // The article the file holds, its revision recorded with it.
        let (site, bodies) = askaf_content::Site::from_files_with_bodies([(
            "x.md".into(),
            format!("+++\nslug = \"x\"\nlang = \"en\"\ntitle = \"T\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n![Kabul]({})\n", name.url()),
        )])
        .unwrap();
        let a = site.get(Lang::En, "x").unwrap();
        let article = [(a, &*bodies[&(Lang::En, a.slug().clone())])];
        let deleted = store.delete_media_unless_shown(&name).await.unwrap();
        assert_eq!(deleted, MediaDeletion::Deleted("kabul.jpg".into()));
        match store
            .record_changed_files(&article, std::slice::from_ref(&entry), &[])
            .await
        {
            Err(crate::Error::UploadsGone(gone)) => assert_eq!(gone, std::slice::from_ref(&file)),
            other => panic!("{other:?}"),
        }
        assert!(
            store.catalogue().await.unwrap().is_empty(),
            "nothing recorded"
        );
        assert_eq!(
            store.revision_count(Lang::En, "x").await.unwrap(),
            0,
            "no revision of a text the site never served"
        );

        assert!(upload().await.unwrap());
        store
            .record_changed_files(&article, std::slice::from_ref(&entry), &[])
            .await
            .unwrap();
        assert_eq!(store.revision_count(Lang::En, "x").await.unwrap(), 1);
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::Shown
        );
    }

    /// The race of a publish on one node and the deletion of an image it
    /// shows on another, as it falls out when the deletion comes between
    /// the editor's check of the text and its save: the save is refused in
    /// its own transaction, naming the upload, and nothing is saved (until
    /// 7 December it was saved and served with the image gone). A draft is
    /// saved (its images are checked when it is published); uploaded again,
    /// the image is published, and a deletion is then refused.
    async fn a_publish_showing_an_upload_deleted_since_it_was_checked_is_refused(db: TestDb) {
        let store = db.open().await;
        let name = MediaName::parse("0123456789abcdef-1200x800.jpg").unwrap();
        let file = name.file_name();
        let upload = || store.add_media(&file, b"jpeg", "ana", "kabul.jpg");
        assert!(upload().await.unwrap());
        let source = format!(
            "+++\nslug = \"a\"\nlang = \"en\"\ntitle = \"Kabul\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nThe city.\n\n![Kabul from the hills]({})\n",
            name.url()
        );
        // Checked by the editor: kept. Then deleted, through another node.
        let kept = store.media_kept_among(std::slice::from_ref(&file)).await;
        assert!(kept.unwrap().contains(&file));
        let deleted = store.delete_media_unless_shown(&name).await.unwrap();
        assert_eq!(deleted, MediaDeletion::Deleted("kabul.jpg".into()));
        let publish = crate::editor::tests::edit(&source, EditAction::Publish, None);
        match store.save_edit(&publish).await {
            Err(crate::Error::UploadsGone(gone)) => assert_eq!(gone, std::slice::from_ref(&file)),
            other => panic!("{other:?}"),
        }
        let state = store.editor_state(Lang::En, "a").await.unwrap();
        assert!(state.is_none(), "nothing saved: {state:?}");

        let draft = crate::editor::tests::edit(&source, EditAction::Draft, None);
        let draft = store.save_edit(&draft).await.unwrap().unwrap();
        assert!(upload().await.unwrap());
        let publish = crate::editor::tests::edit(&source, EditAction::Publish, Some(draft));
        store.save_edit(&publish).await.unwrap().unwrap();
        let refused = store.delete_media_unless_shown(&name).await.unwrap();
        assert_eq!(refused, MediaDeletion::Shown);
    }

    /// An upload, and the files at `paths` catalogued as showing it.
    async fn catalogued_showing(store: &crate::Store, paths: &[&str]) -> MediaName {
        let name = MediaName::parse("0123456789abcdef-1200x800.jpg").unwrap();
        store
            .add_media(&name.file_name(), b"jpeg", "ana", "kabul.jpg")
            .await
            .unwrap();
        let entries: Vec<_> = paths.iter().map(|p| showing(p, &name)).collect();
        store.record_files(&entries, &[]).await.unwrap();
        name
    }

    /// The file at `path` as catalogued, showing `name`.
    fn showing(path: &str, name: &MediaName) -> CatalogueEntry {
        let (site, _) = askaf_content::Site::from_files_with_bodies([(
            "x.md".into(),
            "+++\nslug = \"x\"\nlang = \"fa\"\ntitle = \"T\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nX.\n".to_string(),
        )])
        .unwrap();
        CatalogueEntry {
            path: path.into(),
            size: 1,
            mtime_ns: 1,
            revision: "r".into(),
            front: site.get(Lang::Fa, "x").unwrap().front.clone(),
            uploads: Some(vec![name.file_name()]),
            followed: Some("f".into()),
        }
    }

    /// Where `name` is shown: the files' paths and the editors' slugs, sorted.
    async fn shown_in(store: &crate::Store, name: &MediaName) -> Vec<String> {
        let mut shown: Vec<String> = (store.media_shown_in(name).await.unwrap().into_iter())
            .map(|s| match s {
                MediaShown::File { path, .. } => path.to_string_lossy().into_owned(),
                MediaShown::Editor { slug, .. } => slug,
            })
            .collect();
        shown.sort();
        shown
    }

    /// A catalogued file keeps the upload it shows while a server has
    /// looked at its content directory within [`SERVED_WITHIN`], and not
    /// after; its row goes once no server has looked at the directory for
    /// [`FORGOTTEN_AFTER`]. A start on SQLite keeps only its own
    /// directory's rows. Until 7 December a row of a directory no server
    /// read any more kept the upload for good.
    async fn a_catalogued_file_keeps_an_upload_while_its_directory_is_looked_at(db: TestDb) {
        let store = db.open().await;
        let name = catalogued_showing(&store, &["/srv/a/x.md", "/srv/b/x.md"]).await;
        let shown = || shown_in(&store, &name);
        let paths = || async {
            let mut paths: Vec<String> = (store.catalogue().await.unwrap().into_iter())
                .map(|e| e.path.to_string_lossy().into_owned())
                .collect();
            paths.sort();
            paths
        };
        let age = |dir: &'static str, by: Duration| {
            let store = store.clone();
            async move {
                sqlx::query("UPDATE content_dirs SET looked_at = looked_at - $1 WHERE dir = $2")
                    .bind(i64::try_from(by.as_secs()).unwrap() + 1)
                    .bind(dir)
                    .execute(&store.pool)
                    .await
                    .unwrap();
            }
        };
        // No server has looked at either directory: nothing counts.
        assert_eq!(shown().await, Vec::<String>::new());
        store
            .record_content_look(Path::new("/srv/a"))
            .await
            .unwrap();
        store
            .record_content_look(Path::new("/srv/b/"))
            .await
            .unwrap();
        assert_eq!(shown().await, vec!["/srv/a/x.md", "/srv/b/x.md"]);
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::Shown
        );

        // An hour without a look at /srv/a: its file no longer counts, but
        // stays catalogued.
        age("/srv/a/", SERVED_WITHIN).await;
        assert_eq!(shown().await, vec!["/srv/b/x.md"]);
        store
            .record_content_look(Path::new("/srv/b"))
            .await
            .unwrap();
        assert_eq!(paths().await, vec!["/srv/a/x.md", "/srv/b/x.md"]);

        // A week: the next look by any server takes it out.
        age("/srv/a/", FORGOTTEN_AFTER).await;
        store
            .record_content_look(Path::new("/srv/b"))
            .await
            .unwrap();
        assert_eq!(paths().await, vec!["/srv/b/x.md"]);
        let dirs: Vec<String> = sqlx::query_scalar("SELECT dir FROM content_dirs")
            .fetch_all(&store.pool)
            .await
            .unwrap();
        assert_eq!(dirs, vec!["/srv/b/"]);

        // A start on SQLite keeps its own directory's files, or none.
        store
            .record_files(&[showing("/srv/c/x.md", &name)], &[])
            .await
            .unwrap();
        store
            .forget_content_but(Some(Path::new("/srv/b")))
            .await
            .unwrap();
        assert_eq!(paths().await, vec!["/srv/b/x.md"]);
        store.forget_content_but(None).await.unwrap();
        assert_eq!(paths().await, Vec::<String>::new());
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::Deleted("kabul.jpg".into())
        );
    }

    /// Upgrading through 0023 (content_dirs): the directories of the files
    /// catalogued before count as looked at as it runs, so that in a mixed
    /// setup the first node started on one directory does not take the
    /// protection of another's files, whose node has not restarted yet.
    async fn the_upgrade_counts_the_catalogued_directories_as_looked_at(db: TestDb) {
        let store = db.open().await;
        let name = catalogued_showing(&store, &["/srv/a/x.md", "/srv/b/fa/x.md"]).await;
        // The database as before 0023: no directory recorded.
        for sql in [
            "DROP TABLE content_dirs",
            "DELETE FROM _sqlx_migrations WHERE version = 23",
        ] {
            sqlx::query(sql).execute(&store.pool).await.unwrap();
        }
        store.close().await;

        // The upgrade, and the first start after it, on /srv/a.
        let store = db.open().await;
        store
            .record_content_look(Path::new("/srv/a"))
            .await
            .unwrap();
        store.forget_unlooked_content().await.unwrap();
        assert_eq!(
            shown_in(&store, &name).await,
            vec!["/srv/a/x.md", "/srv/b/fa/x.md"]
        );
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::Shown
        );
        let mut dirs: Vec<String> = sqlx::query_scalar("SELECT dir FROM content_dirs")
            .fetch_all(&store.pool)
            .await
            .unwrap();
        dirs.sort();
        assert_eq!(dirs, vec!["/srv/a/", "/srv/b/fa/"]);
    }

    /// The directories recorded as servers before 7 December named them
    /// (relative, `./`, `//`) are found, with their files, and left as they
    /// are (see [`crate::Store::content_dirs_named_otherwise`]); one named
    /// as now, absolute and clean, is not among them.
    async fn directories_named_as_before_are_found_and_left(db: TestDb) {
        let store = db.open().await;
        catalogued_showing(
            &store,
            &["content/en/x.md", "content/fa/y.md", "/srv/a/x.md"],
        )
        .await;
        for dir in ["/srv/a", "content", "./site//", "/srv/./b"] {
            store.record_content_look(Path::new(dir)).await.unwrap();
        }
        let found = store.content_dirs_named_otherwise().await.unwrap();
        let said: Vec<(&str, u64)> = found.iter().map(|d| (d.dir.as_str(), d.files)).collect();
        assert_eq!(
            said,
            vec![("./site//", 0), ("/srv/./b/", 0), ("content/", 2)]
        );
        assert!(found.iter().all(|d| d.looked_at > 0));
        assert_eq!(store.catalogue().await.unwrap().len(), 3);
        assert_eq!(store.content_dirs_named_otherwise().await.unwrap(), found);
    }

    async fn an_upload_is_found_in_the_texts_that_show_it_and_deleted(db: TestDb) {
        let store = db.open().await;
        let name = MediaName::parse("0123456789abcdef-1200x800.jpg").unwrap();
        let other = "fedcba9876543210-1200x800.jpg";
        assert!(store
            .add_media(&name.file_name(), b"jpeg", "ana", "kabul.jpg")
            .await
            .unwrap());
        assert!(store
            .add_media(other, b"jpeg", "ana", "herat.jpg")
            .await
            .unwrap());
        // Files as last read: one whose revision shows it (and did
        // before), one that showed it before only, one that shows another
        // upload; an editor's text that shows it, and one the site serves
        // that shows it while the editor's draft over it does not.
        let article = |slug: &str, image: &str, words: &str| {
            format!(
                "+++\nslug = \"{slug}\"\nlang = \"fa\"\ntitle = \"T {slug}\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n{words}\n\n![کابل](/media/{image})\n"
            )
        };
        let shows = name.file_name();
        let mut catalogue = Vec::new();
        for (slug, first, now) in [
            ("a", &shows, &shows),
            ("d", &shows, &other.to_string()),
            ("b", &other.to_string(), &other.to_string()),
        ] {
            for (image, words) in [(first, "Before."), (now, "Now.")] {
                let (site, bodies) = askaf_content::Site::from_files_with_bodies([(
                    format!("/srv/content/{slug}.md").into(),
                    article(slug, image, words),
                )])
                .unwrap();
                let a = site.get(Lang::Fa, slug).unwrap();
                let body = &bodies[&(Lang::Fa, a.slug().clone())];
                store.record_articles(&[(a, body)]).await.unwrap();
                if words == "Now." {
                    catalogue.push(CatalogueEntry {
                        path: a.file.clone(),
                        size: 1,
                        mtime_ns: 1,
                        revision: a.revision.clone(),
                        front: a.front.clone(),
                        uploads: None,
                        followed: Some(a.followed.clone()),
                    });
                }
            }
        }
        store.record_files(&catalogue, &[]).await.unwrap();
        store
            .record_content_look(Path::new("/srv/content"))
            .await
            .unwrap();
        fn edit<'a>(
            slug: &'a str,
            source: &'a str,
            action: EditAction,
            base: Option<i64>,
        ) -> NewEdit<'a> {
            NewEdit {
                lang: Lang::Fa,
                slug,
                path: "editor:fa/x.md",
                source,
                title: if slug == "c" { "T c" } else { "T e" },
                author: Some("ana"),
                action,
                base,
                file_revision: None,
                original: None,
                original_served: false,
            }
        }
        let (c, e) = (article("c", &shows, "C."), article("e", &shows, "E."));
        let e_draft = article("e", other, "E.");
        store
            .save_edit(&edit("c", &c, EditAction::Draft, None))
            .await
            .unwrap()
            .unwrap();
        let published = store
            .save_edit(&edit("e", &e, EditAction::Publish, None))
            .await
            .unwrap()
            .unwrap();
        store
            .save_edit(&edit("e", &e_draft, EditAction::Draft, Some(published)))
            .await
            .unwrap()
            .unwrap();
        let revision_a = catalogue[0].revision.clone();
        let file = |path: &str, revision: &str| MediaShown::File {
            path: path.into(),
            revision: revision.to_string(),
        };
        let text = |slug: &str| MediaShown::Editor {
            lang: Lang::Fa,
            slug: slug.to_string(),
            title: format!("T {slug}"),
        };
        let shown_in = || async {
            let mut shown = store.media_shown_in(&name).await.unwrap();
            shown.sort_by_key(|s| format!("{s:?}"));
            shown
        };
        assert_eq!(
            shown_in().await,
            vec![text("c"), text("e"), file("/srv/content/a.md", &revision_a)],
            "not a's first revision, nor d's: the files hold others now"
        );
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::Shown
        );

        // A file whose revision the store does not hold (a draft's) shows
        // it by the uploads its row lists; a file the editor's version is
        // served over shows nothing of its own.
        let draft = CatalogueEntry {
            path: "/srv/content/f.md".into(),
            revision: "not-a-revision".into(),
            uploads: Some(vec![other.to_string(), name.file_name()]),
            ..catalogue[0].clone()
        };
        store.record_files(&[draft], &[]).await.unwrap();
        let edited = article("a", other, "A, edited.");
        store
            .save_edit(&NewEdit {
                path: "/srv/content/a.md",
                file_revision: Some(&revision_a),
                title: "T a",
                ..edit("a", &edited, EditAction::Publish, None)
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            shown_in().await,
            vec![
                text("c"),
                text("e"),
                file("/srv/content/f.md", "not-a-revision")
            ]
        );

        // Nothing shows it any more: deleted, and then not kept.
        store
            .record_files(&[], &["/srv/content/f.md".into()])
            .await
            .unwrap();
        let head = |slug: &str| {
            let store = store.clone();
            let slug = slug.to_string();
            async move {
                let state = store.editor_state(Lang::Fa, &slug).await.unwrap();
                state.unwrap().head.id
            }
        };
        let c_now = article("c", other, "C.");
        for (slug, source, action) in [
            ("c", &c_now, EditAction::Draft),
            ("e", &e_draft, EditAction::Publish),
        ] {
            let base = Some(head(slug).await);
            let saved = store.save_edit(&edit(slug, source, action, base)).await;
            saved.unwrap().unwrap();
        }
        assert_eq!(shown_in().await, vec![]);
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::Deleted("kabul.jpg".into())
        );
        assert_eq!(
            store.delete_media_unless_shown(&name).await.unwrap(),
            MediaDeletion::NotKept
        );
        assert_eq!(store.delete_media(&name.file_name()).await.unwrap(), None);
        assert!(!store.has_media(&name.file_name()).await.unwrap());
        assert!(store.has_media(other).await.unwrap(), "the other stays");
        // Asked of many at once (more than one query's worth), only the
        // one kept comes back.
        let mut many: Vec<String> = (0..1200)
            .map(|i| format!("{i:016x}-1200x800.jpg"))
            .collect();
        many.push(name.file_name());
        many.push(other.to_string());
        assert_eq!(
            store.media_kept_among(&many).await.unwrap(),
            std::collections::HashSet::from([other.to_string()])
        );
        assert!(store.media_kept_among(&[]).await.unwrap().is_empty());
        assert_eq!(store.media_list(10).await.unwrap().len(), 1);
    }

    async fn uploads_are_kept_once_and_read_back(db: TestDb) {
        let store = db.open().await;
        let bytes: Vec<u8> = (0..=255).collect();
        let name = "0123456789abcdef-16x16.png";
        assert!(store
            .add_media(name, &bytes, "ana", "map.png")
            .await
            .unwrap());
        assert!(!store
            .add_media(name, &bytes, "bo", "again.png")
            .await
            .unwrap());
        assert_eq!(store.media_bytes(name).await.unwrap(), Some(bytes));
        assert!(store.has_media(name).await.unwrap());
        assert!(!store.has_media("ffffffffffffffff-1x1.png").await.unwrap());
        assert_eq!(store.media_names().await.unwrap(), [name]);
        assert_eq!(
            store.media_bytes("ffffffffffffffff-1x1.png").await.unwrap(),
            None
        );
        let list = store.media_list(10).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(
            (
                list[0].size,
                list[0].uploaded_by.as_str(),
                list[0].original_name.as_str()
            ),
            (256, "ana", "map.png")
        );
    }
}

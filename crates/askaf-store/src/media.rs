//! Uploaded images (`0011_media.sql`): the originals, stripped of their
//! metadata by `askaf-media` before they come here.

use askaf_content::media::MediaName;
use askaf_content::Lang;
use sqlx::Row;

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

/// An article text that shows an upload ([`Store::media_shown_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaShown {
    pub lang: Lang,
    pub slug: String,
    pub title: String,
    /// The revision of the article that shows it (one the site served), or
    /// `None` for the text the editor opens for the article (its head).
    pub revision: Option<String>,
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
            for r in q.fetch_all(&self.pool).await? {
                kept.insert(r.get::<String, _>("name"));
            }
        }
        Ok(kept)
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

    /// The article texts that name the upload `name` (its address, or one
    /// of its copies'): the revision each content file holds as last read
    /// (with its revision: whether the site serves it the site knows, not
    /// the store), and the editor's texts the site serves or the editor
    /// opens. Not the rest of the history: an old revision shows nothing
    /// until it is restored, which checks its images as any save does.
    pub async fn media_shown_in(&self, name: &MediaName) -> Result<Vec<MediaShown>, Error> {
        // Hex digits, digits, `x`, `/` and `-`: nothing LIKE reads.
        let pattern = format!("%{}%", name.address_stem());
        let rows = sqlx::query(
            "WITH served AS MATERIALIZED (
                 SELECT r.lang, r.slug, r.title, r.revision, r.markdown FROM content_files c
                 JOIN article_revisions r ON r.revision = c.revision)
             SELECT lang, slug, title, revision FROM served WHERE markdown LIKE $1
             UNION ALL
             SELECT e.lang, e.slug, e.title, NULL FROM editor_articles a
             JOIN article_edits e ON e.id = a.head_id WHERE e.source LIKE $1
             UNION ALL
             SELECT e.lang, e.slug, e.title, NULL FROM editor_articles a
             JOIN article_edits e ON e.id = a.published_id
             WHERE a.published_id <> a.head_id AND e.source LIKE $1",
        )
        .bind(pattern)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(MediaShown {
                    lang: r.get::<String, _>("lang").parse().ok()?,
                    slug: r.get("slug"),
                    title: r.get("title"),
                    revision: r.get("revision"),
                })
            })
            .collect())
    }

    /// The file name of every upload kept (not their bytes), in one
    /// question: what a start checks the articles it reads against.
    pub async fn media_names(&self) -> Result<Vec<String>, Error> {
        let rows = sqlx::query("SELECT name FROM media")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get("name")).collect())
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

    use crate::test_db::TestDb;
    use crate::{CatalogueEntry, EditAction, NewEdit};

    on_both!(uploads_are_kept_once_and_read_back);
    on_both!(an_upload_is_found_in_the_texts_that_show_it_and_deleted);

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
                    format!("{slug}.md").into(),
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
                    });
                }
            }
        }
        store.record_files(&catalogue, &[]).await.unwrap();
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
        let mut shown = store.media_shown_in(&name).await.unwrap();
        shown.sort_by(|x, y| x.slug.cmp(&y.slug));
        let revision_a = catalogue[0].revision.clone();
        assert_eq!(
            shown
                .iter()
                .map(|s| (
                    s.lang,
                    s.slug.as_str(),
                    s.title.as_str(),
                    s.revision.clone()
                ))
                .collect::<Vec<_>>(),
            vec![
                (Lang::Fa, "a", "T a", Some(revision_a)),
                (Lang::Fa, "c", "T c", None),
                (Lang::Fa, "e", "T e", None),
            ],
            "not a's first revision, nor d's: the files hold others now"
        );

        assert_eq!(
            store.delete_media(&name.file_name()).await.unwrap(),
            Some("kabul.jpg".to_string())
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

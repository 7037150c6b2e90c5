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
    /// Returns whether it was new.
    pub async fn add_media(
        &self,
        name: &str,
        bytes: &[u8],
        by: &str,
        original_name: &str,
    ) -> Result<bool, Error> {
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
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
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

    /// Deletes an upload (its row and its bytes) and tells the other nodes
    /// ([`crate::Notice::Media`]); returns the file name it was uploaded
    /// as, or `None` when none of that name was kept.
    pub async fn delete_media(&self, name: &str) -> Result<Option<String>, Error> {
        let row = sqlx::query("DELETE FROM media WHERE name = $1 RETURNING original_name")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        let original = row.map(|r| r.get("original_name"));
        if original.is_some() {
            self.notify(&crate::Notice::Media(name.to_string())).await;
        }
        Ok(original)
    }

    /// The article texts that name the upload `name` (its address, or one
    /// of its copies'): every revision the site served that does, and
    /// every text the editor opens that does. Which revisions are served
    /// now the site knows, not the store.
    pub async fn media_shown_in(&self, name: &MediaName) -> Result<Vec<MediaShown>, Error> {
        // Hex digits, digits, `x`, `/` and `-`: nothing LIKE reads.
        let pattern = format!("%{}%", name.address_stem());
        let rows = sqlx::query(
            "SELECT lang, slug, title, revision FROM article_revisions
             WHERE revision IS NOT NULL AND markdown LIKE $1
             UNION ALL
             SELECT e.lang, e.slug, e.title, NULL FROM editor_articles a
             JOIN article_edits e ON e.id = a.head_id WHERE e.source LIKE $1",
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
    use crate::{EditAction, NewEdit};

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
        // A served revision that shows it, one that shows another upload,
        // and an editor's text that shows it.
        let article = |slug: &str, image: &str| {
            format!(
                "+++\nslug = \"{slug}\"\nlang = \"fa\"\ntitle = \"T {slug}\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n![کابل](/media/{image})\n"
            )
        };
        let (site, bodies) = askaf_content::Site::from_files_with_bodies([
            ("a.md".into(), article("a", &name.file_name())),
            ("b.md".into(), article("b", other)),
        ])
        .unwrap();
        for slug in ["a", "b"] {
            let a = site.get(Lang::Fa, slug).unwrap();
            let body = &bodies[&(Lang::Fa, a.slug().clone())];
            store.record_articles(&[(a, body)]).await.unwrap();
        }
        let source = article("c", &name.file_name());
        store
            .save_edit(&NewEdit {
                lang: Lang::Fa,
                slug: "c",
                path: "editor:fa/c.md",
                source: &source,
                title: "T c",
                author: Some("ana"),
                action: EditAction::Draft,
                base: None,
                file_revision: None,
                original: None,
                original_served: false,
            })
            .await
            .unwrap()
            .unwrap();
        let mut shown = store.media_shown_in(&name).await.unwrap();
        shown.sort_by(|x, y| x.slug.cmp(&y.slug));
        let revision_a = site.get(Lang::Fa, "a").unwrap().revision.clone();
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
                (Lang::Fa, "c", "T c", None)
            ]
        );

        assert_eq!(
            store.delete_media(&name.file_name()).await.unwrap(),
            Some("kabul.jpg".to_string())
        );
        assert_eq!(store.delete_media(&name.file_name()).await.unwrap(), None);
        assert!(!store.has_media(&name.file_name()).await.unwrap());
        assert!(store.has_media(other).await.unwrap(), "the other stays");
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

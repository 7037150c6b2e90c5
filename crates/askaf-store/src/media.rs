//! Uploaded images (`0011_media.sql`): the originals, stripped of their
//! metadata by `askaf-media` before they come here.

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
    use crate::test_db::TestDb;

    on_both!(uploads_are_kept_once_and_read_back);

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

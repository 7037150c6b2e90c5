//! Topics' names per language (`0014_tag_labels.sql`), as editors set them
//! at `/admin/tags`. The built-in names are in the interface's Fluent files;
//! these are the site's own, shown before them.

use askaf_content::Lang;
use sqlx::Row;

use crate::{now_text, Error, Store};

/// One topic's name in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLabel {
    pub tag: String,
    pub lang: Lang,
    pub label: String,
}

impl Store {
    /// Every label set, by topic then language.
    pub async fn tag_labels(&self) -> Result<Vec<TagLabel>, Error> {
        let rows = sqlx::query("SELECT tag, lang, label FROM tag_labels ORDER BY tag, lang")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            // A language this version does not know (a newer node's) is
            // left for that version.
            .filter_map(|r| {
                Some(TagLabel {
                    tag: r.get("tag"),
                    lang: r.get::<String, _>("lang").parse().ok()?,
                    label: r.get("label"),
                })
            })
            .collect())
    }

    /// Sets `tag`'s name in each language given, as one change; an empty
    /// (or blank) name removes the one set, so the built-in name, or the
    /// fallback, shows again.
    pub async fn set_tag_labels(
        &self,
        tag: &str,
        labels: &[(Lang, &str)],
        by: &str,
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        for (lang, label) in labels {
            let label = label.trim();
            if label.is_empty() {
                sqlx::query("DELETE FROM tag_labels WHERE tag = $1 AND lang = $2")
                    .bind(tag)
                    .bind(lang.code())
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(
                    "INSERT INTO tag_labels (tag, lang, label, updated_by, updated_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (tag, lang) DO UPDATE SET label = excluded.label,
                       updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                )
                .bind(tag)
                .bind(lang.code())
                .bind(label)
                .bind(by)
                .bind(now_text())
                .execute(&mut *tx)
                .await?;
            }
        }
        // The other nodes read the names again (PostgreSQL; nothing on SQLite).
        self.notify(&mut tx, &crate::Notice::Tags).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(labels_are_set_replaced_and_removed_per_language);

    async fn labels_are_set_replaced_and_removed_per_language(db: TestDb) {
        let store = db.open().await;
        assert_eq!(store.tag_labels().await.unwrap(), Vec::<TagLabel>::new());
        store
            .set_tag_labels(
                "water",
                &[(Lang::En, "Water"), (Lang::Fa, " آب "), (Lang::Ps, "")],
                "ed",
            )
            .await
            .unwrap();
        store
            .set_tag_labels("water", &[(Lang::En, "Water supply"), (Lang::Fa, "")], "ed")
            .await
            .unwrap();
        store
            .set_tag_labels("kabul", &[(Lang::Ps, "کابل")], "ed")
            .await
            .unwrap();
        let label = |tag: &str, lang, label: &str| TagLabel {
            tag: tag.into(),
            lang,
            label: label.into(),
        };
        assert_eq!(
            store.tag_labels().await.unwrap(),
            vec![
                label("kabul", Lang::Ps, "کابل"),
                label("water", Lang::En, "Water supply"),
            ]
        );
    }
}

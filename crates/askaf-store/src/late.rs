//! Editors' saves the server stopped waiting for (`0026_late_saves.sql`):
//! the form as sent, kept until the save ends, and how it ended, for the
//! editor's pages to show, so that a save refused after its editor was
//! told "still being applied" loses nothing typed into it.

use askaf_content::Lang;
use sqlx::Row;

use crate::{now_text, EditAction, Error, Store};

/// How a late save ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateOutcome {
    /// Saved as revision `revision_id` (and applied, if it publishes or
    /// unpublishes).
    Saved,
    /// Refused for problems in its text, as `askaf check` would report them.
    Invalid,
    /// Refused: revision `revision_id` was saved after the form was made.
    Conflict,
    /// Saved as revision `revision_id`, and not served by the node that
    /// applied it, for `reason`.
    NotApplied,
    /// Not saved: the server failed while applying it, for `reason`.
    Failed,
}

impl LateOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LateOutcome::Saved => "saved",
            LateOutcome::Invalid => "invalid",
            LateOutcome::Conflict => "conflict",
            LateOutcome::NotApplied => "not-applied",
            LateOutcome::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Option<LateOutcome> {
        [
            LateOutcome::Saved,
            LateOutcome::Invalid,
            LateOutcome::Conflict,
            LateOutcome::NotApplied,
            LateOutcome::Failed,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// A save to record as late.
#[derive(Debug, Clone)]
pub struct NewLateSave<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    pub author: &'a str,
    pub action: EditAction,
    /// The form made a new article.
    pub new: bool,
    /// The editor's form as typed, fields by name, as JSON: opaque here.
    pub form: &'a str,
    pub base: Option<i64>,
}

/// A late save as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateSave {
    pub id: i64,
    pub lang: String,
    pub slug: String,
    pub author: String,
    /// [`EditAction::as_str`] of what it asked for.
    pub action: String,
    pub new: bool,
    pub form: String,
    pub base_id: Option<i64>,
    pub started_at: String,
    /// `None` while it runs.
    pub outcome: Option<LateOutcome>,
    pub revision_id: Option<i64>,
    pub reason: Option<String>,
    pub ended_at: Option<String>,
}

const COLUMNS: &str = "id, lang, slug, author, action, new, form, base_id, started_at, \
                       outcome, revision_id, reason, ended_at";

fn late_of(r: &sqlx::any::AnyRow) -> LateSave {
    let outcome: Option<String> = r.get("outcome");
    LateSave {
        id: r.get("id"),
        lang: r.get("lang"),
        slug: r.get("slug"),
        author: r.get("author"),
        action: r.get("action"),
        new: r.get::<i64, _>("new") != 0,
        form: r.get("form"),
        base_id: r.get("base_id"),
        started_at: r.get("started_at"),
        outcome: outcome.as_deref().and_then(LateOutcome::parse),
        revision_id: r.get("revision_id"),
        reason: r.get("reason"),
        ended_at: r.get("ended_at"),
    }
}

impl Store {
    /// Records a save still running when its request stopped waiting;
    /// returns its id, which [`Store::end_late_save`] takes.
    pub async fn record_late_save(&self, s: &NewLateSave<'_>) -> Result<i64, Error> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO late_saves (lang, slug, author, action, new, form, base_id, started_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(s.lang.code())
        .bind(s.slug)
        .bind(s.author)
        .bind(s.action.as_str())
        .bind(i64::from(s.new))
        .bind(s.form)
        .bind(s.base)
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records how late save `id` ended.
    pub async fn end_late_save(
        &self,
        id: i64,
        outcome: LateOutcome,
        revision: Option<i64>,
        reason: Option<&str>,
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE late_saves SET outcome = $1, revision_id = $2, reason = $3, ended_at = $4
             WHERE id = $5",
        )
        .bind(outcome.as_str())
        .bind(revision)
        .bind(reason)
        .bind(now_text())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// One late save by its id.
    pub async fn late_save(&self, id: i64) -> Result<Option<LateSave>, Error> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM late_saves WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(late_of))
    }

    /// `author`'s newest late save of an article, if any.
    pub async fn newest_late_save(
        &self,
        lang: Lang,
        slug: &str,
        author: &str,
    ) -> Result<Option<LateSave>, Error> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM late_saves
             WHERE lang = $1 AND slug = $2 AND author = $3 ORDER BY id DESC LIMIT 1"
        ))
        .bind(lang.code())
        .bind(slug)
        .bind(author)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(late_of))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(a_late_save_keeps_its_form_until_it_ends_and_says_how);

    async fn a_late_save_keeps_its_form_until_it_ends_and_says_how(db: TestDb) {
        let store = db.open().await;
        let new = |slug, author| NewLateSave {
            lang: Lang::Fa,
            slug,
            author,
            action: EditAction::Publish,
            new: false,
            form: r#"{"body":"متن"}"#,
            base: Some(7),
        };
        let first = store.record_late_save(&new("a", "ed")).await.unwrap();
        let second = store.record_late_save(&new("a", "ed")).await.unwrap();
        store.record_late_save(&new("a", "sam")).await.unwrap();
        store.record_late_save(&new("b", "ed")).await.unwrap();
        let running = store.late_save(first).await.unwrap().unwrap();
        assert_eq!(
            (running.outcome, running.form.as_str(), running.base_id),
            (None, r#"{"body":"متن"}"#, Some(7))
        );
        assert_eq!((running.action.as_str(), running.new), ("publish", false));
        store
            .end_late_save(second, LateOutcome::Conflict, Some(9), None)
            .await
            .unwrap();
        let newest = store
            .newest_late_save(Lang::Fa, "a", "ed")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(newest.id, second);
        assert_eq!(
            (newest.outcome, newest.revision_id, newest.reason),
            (Some(LateOutcome::Conflict), Some(9), None)
        );
        assert!(newest.ended_at.is_some());
        store
            .end_late_save(first, LateOutcome::Failed, None, Some("disk full"))
            .await
            .unwrap();
        let failed = store.late_save(first).await.unwrap().unwrap();
        assert_eq!(failed.reason.as_deref(), Some("disk full"));
        assert_eq!(store.late_save(999).await.unwrap(), None);
        assert_eq!(
            store.newest_late_save(Lang::En, "a", "ed").await.unwrap(),
            None
        );
    }
}

//! What waits to be published: at a time (`0007_schedule.sql`), or by an
//! editor, for an author who submitted it for review (`0008_review.sql`).

use askaf_content::Lang;
use sqlx::Row;

use crate::{now_text, Error, Store};

/// An article waiting to be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    pub lang: String,
    pub slug: String,
    /// When, in seconds since 1970 (UTC).
    pub due_unix: i64,
    /// The account that scheduled it, which publishes it.
    pub by: String,
    /// How many times publishing it failed for a reason of its own
    /// ([`Store::schedule_failed`]), and the last reason: 0 and `None`
    /// until then, and again once it is scheduled anew.
    pub failures: i64,
    pub failure: Option<String>,
    /// When it is tried again after a failure (seconds since 1970, UTC);
    /// `None` while it has not failed.
    pub retry_unix: Option<i64>,
}

/// The columns [`scheduled_of`] reads.
const COLUMNS: &str = "lang, slug, due_unix, scheduled_by, claimed_until, failures, failure";

fn scheduled_of(r: &sqlx::any::AnyRow) -> Scheduled {
    let failures: i64 = r.get("failures");
    Scheduled {
        lang: r.get("lang"),
        slug: r.get("slug"),
        due_unix: r.get("due_unix"),
        by: r.get("scheduled_by"),
        failures,
        failure: r.get("failure"),
        retry_unix: match failures {
            0 => None,
            _ => r.get("claimed_until"),
        },
    }
}

impl Store {
    /// Schedules an article, or moves its time (which clears its failures).
    /// `revision`, the article's revision saved to be scheduled (the
    /// editor's Schedule saves one), keeps the time as its
    /// [`Edit::scheduled_unix`](crate::Edit::scheduled_unix), for its
    /// history to say so once the schedule is gone.
    pub async fn schedule(
        &self,
        lang: Lang,
        slug: &str,
        due_unix: i64,
        by: &str,
        revision: Option<i64>,
    ) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO scheduled_publications (lang, slug, due_unix, scheduled_by, scheduled_at, claimed_until)
             VALUES ($1, $2, $3, $4, $5, NULL)
             ON CONFLICT (lang, slug) DO UPDATE SET due_unix = excluded.due_unix,
                 scheduled_by = excluded.scheduled_by, scheduled_at = excluded.scheduled_at,
                 claimed_until = NULL, failures = 0, failure = NULL",
        )
        .bind(lang.code())
        .bind(slug)
        .bind(due_unix)
        .bind(by)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        if let Some(revision) = revision {
            sqlx::query(
                "UPDATE article_edits SET scheduled_unix = $1
                 WHERE id = $2 AND lang = $3 AND slug = $4",
            )
            .bind(due_unix)
            .bind(revision)
            .bind(lang.code())
            .bind(slug)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes an article off the schedule; whether it was on it.
    /// `revision`, the article's revision saved with the cancellation (the
    /// editor's "Cancel the schedule" saves one when the text changed),
    /// keeps the time the schedule had as its
    /// [`Edit::unscheduled_unix`](crate::Edit::unscheduled_unix), for its
    /// history to say what the save did; none is marked when there was no
    /// schedule, or for another article's revision.
    pub async fn unschedule(
        &self,
        lang: Lang,
        slug: &str,
        revision: Option<i64>,
    ) -> Result<bool, Error> {
        let mut tx = self.begin_write().await?;
        let due: Option<i64> = sqlx::query_scalar(
            "DELETE FROM scheduled_publications WHERE lang = $1 AND slug = $2 RETURNING due_unix",
        )
        .bind(lang.code())
        .bind(slug)
        .fetch_optional(&mut *tx)
        .await?;
        if let (Some(due), Some(revision)) = (due, revision) {
            sqlx::query(
                "UPDATE article_edits SET unscheduled_unix = $1
                 WHERE id = $2 AND lang = $3 AND slug = $4",
            )
            .bind(due)
            .bind(revision)
            .bind(lang.code())
            .bind(slug)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(due.is_some())
    }

    /// Deletes the article's row of `table` (one of this module's, keyed by
    /// language and slug); whether there was one.
    async fn delete_article_row(&self, table: &str, lang: Lang, slug: &str) -> Result<bool, Error> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(&format!(
            "DELETE FROM {table} WHERE lang = $1 AND slug = $2"
        ))
        .bind(lang.code())
        .bind(slug)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    /// The article's schedule, if it has one.
    pub async fn scheduled(&self, lang: Lang, slug: &str) -> Result<Option<Scheduled>, Error> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM scheduled_publications WHERE lang = $1 AND slug = $2"
        ))
        .bind(lang.code())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(scheduled_of))
    }

    /// Every scheduled article, soonest first.
    pub async fn schedule_list(&self) -> Result<Vec<Scheduled>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM scheduled_publications ORDER BY due_unix, lang, slug"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(scheduled_of).collect())
    }

    /// Claims the articles due at `now_unix` that no one holds, each for
    /// `lease_seconds`: on several servers, each due article goes to one.
    /// Publish each, then [`Store::finish_scheduled`] it.
    pub async fn claim_due(
        &self,
        now_unix: i64,
        lease_seconds: i64,
    ) -> Result<Vec<Scheduled>, Error> {
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(&format!(
            "UPDATE scheduled_publications SET claimed_until = $2
             WHERE due_unix <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
             RETURNING {COLUMNS}"
        ))
        .bind(now_unix)
        .bind(now_unix + lease_seconds)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(rows.iter().map(scheduled_of).collect())
    }

    /// Removes a claimed schedule once its article is published; a schedule
    /// moved meanwhile (another time) stays.
    pub async fn finish_scheduled(&self, s: &Scheduled) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM scheduled_publications WHERE lang = $1 AND slug = $2 AND due_unix = $3",
        )
        .bind(&s.lang)
        .bind(&s.slug)
        .bind(s.due_unix)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Notes that publishing the claimed `s` failed for a reason of its
    /// own, `reason`, and holds it until `retry_unix` (seconds since 1970)
    /// before it can be claimed again. Returns how many times it has now
    /// failed; `None` when it was moved or taken off the schedule
    /// meanwhile (nothing is noted).
    pub async fn schedule_failed(
        &self,
        s: &Scheduled,
        reason: &str,
        retry_unix: i64,
    ) -> Result<Option<i64>, Error> {
        let mut tx = self.begin_write().await?;
        let failures: Option<i64> = sqlx::query_scalar(
            "UPDATE scheduled_publications SET failures = failures + 1, failure = $4, claimed_until = $5
             WHERE lang = $1 AND slug = $2 AND due_unix = $3 RETURNING failures",
        )
        .bind(&s.lang)
        .bind(&s.slug)
        .bind(s.due_unix)
        .bind(reason)
        .bind(retry_unix)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(failures)
    }

    /// When the soonest scheduled article can be claimed: when it is due,
    /// or, while a lease or the wait after a failure holds it, the second
    /// after that runs out. A server waits for this, not for a due time
    /// already past, so an article held is not asked for every second.
    pub async fn next_due(&self) -> Result<Option<i64>, Error> {
        let next: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until >= due_unix
                 THEN claimed_until + 1 ELSE due_unix END)
             FROM scheduled_publications",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(next)
    }
}

/// A draft an author submitted for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRequest {
    pub lang: String,
    pub slug: String,
    pub by: String,
    pub at: String,
}

impl Store {
    /// Marks the article as waiting for an editor, by `by`.
    pub async fn request_review(&self, lang: Lang, slug: &str, by: &str) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO review_requests (lang, slug, requested_by, requested_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (lang, slug) DO UPDATE SET requested_by = excluded.requested_by,
                 requested_at = excluded.requested_at",
        )
        .bind(lang.code())
        .bind(slug)
        .bind(by)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends the wait (the article was published or taken down).
    pub async fn clear_review(&self, lang: Lang, slug: &str) -> Result<(), Error> {
        self.delete_article_row("review_requests", lang, slug)
            .await
            .map(|_| ())
    }

    /// Every article waiting for review, oldest request first.
    pub async fn review_requests(&self) -> Result<Vec<ReviewRequest>, Error> {
        let rows = sqlx::query(
            "SELECT lang, slug, requested_by, requested_at FROM review_requests ORDER BY requested_at, lang, slug",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| ReviewRequest {
                lang: r.get("lang"),
                slug: r.get("slug"),
                by: r.get("requested_by"),
                at: r.get("requested_at"),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(
        due_articles_are_claimed_once_and_a_lease_runs_out,
        a_failed_publish_is_noted_and_held_until_its_retry,
        review_requests_are_kept_until_cleared
    );

    async fn a_failed_publish_is_noted_and_held_until_its_retry(db: TestDb) {
        let store = db.open().await;
        store
            .schedule(Lang::En, "a", 100, "ed", None)
            .await
            .unwrap();
        let claimed = store.claim_due(100, 60).await.unwrap();
        assert_eq!(claimed[0].failures, 0);
        assert_eq!(
            store.next_due().await.unwrap(),
            Some(161),
            "after the lease"
        );
        let failed = store.schedule_failed(&claimed[0], "refused", 400);
        assert_eq!(failed.await.unwrap(), Some(1));
        let noted = store.scheduled(Lang::En, "a").await.unwrap().unwrap();
        assert_eq!(
            (noted.failures, noted.failure.as_deref(), noted.retry_unix),
            (1, Some("refused"), Some(400))
        );
        assert_eq!(store.next_due().await.unwrap(), Some(401));
        assert!(store.claim_due(400, 60).await.unwrap().is_empty(), "held");
        let again = store.claim_due(401, 60).await.unwrap();
        assert_eq!((again[0].failures, again[0].retry_unix), (1, Some(461)));
        assert_eq!(
            store
                .schedule_failed(&again[0], "refused again", 900)
                .await
                .unwrap(),
            Some(2)
        );
        // Another article due sooner comes first.
        store
            .schedule(Lang::Fa, "b", 500, "ed", None)
            .await
            .unwrap();
        assert_eq!(store.next_due().await.unwrap(), Some(500));
        // Scheduled anew: its failures go; a failure noted on the old
        // schedule notes nothing.
        store
            .schedule(Lang::En, "a", 700, "ed", None)
            .await
            .unwrap();
        let anew = store.scheduled(Lang::En, "a").await.unwrap().unwrap();
        assert_eq!(
            (anew.failures, anew.failure, anew.retry_unix),
            (0, None, None)
        );
        assert_eq!(
            store.schedule_failed(&again[0], "late", 990).await.unwrap(),
            None
        );
    }

    async fn review_requests_are_kept_until_cleared(db: TestDb) {
        let store = db.open().await;
        store.request_review(Lang::Ps, "a", "writer").await.unwrap();
        store
            .request_review(Lang::Ps, "a", "writer2")
            .await
            .unwrap();
        let waiting = store.review_requests().await.unwrap();
        assert_eq!(waiting.len(), 1);
        assert_eq!(
            (waiting[0].lang.as_str(), waiting[0].by.as_str()),
            ("ps", "writer2")
        );
        store.clear_review(Lang::Ps, "a").await.unwrap();
        assert!(store.review_requests().await.unwrap().is_empty());
    }

    async fn due_articles_are_claimed_once_and_a_lease_runs_out(db: TestDb) {
        let store = db.open().await;
        store
            .schedule(Lang::En, "a", 100, "ed", None)
            .await
            .unwrap();
        store
            .schedule(Lang::Fa, "b", 200, "ed", None)
            .await
            .unwrap();
        assert_eq!(store.next_due().await.unwrap(), Some(100));
        assert!(store.claim_due(99, 60).await.unwrap().is_empty());
        let claimed = store.claim_due(150, 60).await.unwrap();
        assert_eq!(claimed.len(), 1);
        assert_eq!(
            (claimed[0].slug.as_str(), claimed[0].by.as_str()),
            ("a", "ed")
        );
        // Held: a second server gets nothing until the lease runs out.
        let other = db.open().await;
        assert!(other.claim_due(160, 60).await.unwrap().is_empty());
        assert_eq!(other.claim_due(211, 60).await.unwrap().len(), 2);
        // Moved meanwhile: finishing the old claim leaves the new time.
        store
            .schedule(Lang::En, "a", 500, "ed2", None)
            .await
            .unwrap();
        store.finish_scheduled(&claimed[0]).await.unwrap();
        let left = store.scheduled(Lang::En, "a").await.unwrap().unwrap();
        assert_eq!((left.due_unix, left.by.as_str()), (500, "ed2"));
        assert!(store.unschedule(Lang::En, "a", None).await.unwrap());
        assert!(!store.unschedule(Lang::En, "a", None).await.unwrap());
        assert_eq!(store.schedule_list().await.unwrap().len(), 1);
    }
}

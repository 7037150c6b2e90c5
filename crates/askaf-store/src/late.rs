//! Editors' saves the server stopped waiting for (`0025_late_saves.sql`):
//! the form as sent, kept until the save ends, and how it ended, for the
//! editor's pages to show, so that a save refused after its editor was
//! told "still being applied" loses nothing typed into it.
//!
//! A row serves its author until they have seen how the save ended and
//! saved the article again ([`Store::save_edit`] deletes it then), and no
//! row outlives [`KEPT_FOR`]. A save whose node stopped while applying it
//! ends nowhere: the node, started again, says so
//! ([`Store::lose_late_saves`]), and any save still running after
//! [`LOST_AFTER`] is read as [`LateOutcome::Lost`] whatever became of its
//! node.

use askaf_content::Lang;
use sqlx::Row;

use crate::{now_text, EditAction, Error, Store};

/// How long a late save is kept at most, whatever became of it: long past
/// its author's coming back to it.
pub const KEPT_FOR: chrono::TimeDelta = chrono::TimeDelta::days(30);

/// How long a save may be still being applied before it is read as lost.
/// One change is applied at a time and each takes seconds (a whole large
/// site's, a minute or two); a save running this long is one whose node
/// stopped, or hangs, while applying it. Were it to end after all, how it
/// ended is recorded and read as such.
pub const LOST_AFTER: chrono::TimeDelta = chrono::TimeDelta::minutes(30);

/// [`now_text`] `ago`: the stored times are RFC 3339 UTC to the second,
/// which compare as text in time order.
fn text_ago(ago: chrono::TimeDelta) -> String {
    (chrono::Utc::now() - ago).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

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
    /// Saved as revision `revision_id`; the step it asked for after the
    /// save (`step`: scheduling it, asking for review, unpublishing its old
    /// slug) failed, for `reason`.
    StepNotDone,
    /// Unknown: the node applying it stopped before it ended (its revision
    /// may or may not be saved; the history says).
    Lost,
}

impl LateOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LateOutcome::Saved => "saved",
            LateOutcome::Invalid => "invalid",
            LateOutcome::Conflict => "conflict",
            LateOutcome::NotApplied => "not-applied",
            LateOutcome::Failed => "failed",
            LateOutcome::StepNotDone => "step-not-done",
            LateOutcome::Lost => "lost",
        }
    }

    fn parse(s: &str) -> Option<LateOutcome> {
        [
            LateOutcome::Saved,
            LateOutcome::Invalid,
            LateOutcome::Conflict,
            LateOutcome::NotApplied,
            LateOutcome::Failed,
            LateOutcome::StepNotDone,
            LateOutcome::Lost,
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
    /// What it does once its revision is saved, as the site names it
    /// (`askaf_site::Then`): opaque here.
    pub step: Option<&'a str>,
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
    /// `None` while it runs; [`LateOutcome::Lost`] once it has run for
    /// longer than `LOST_AFTER` (30 minutes).
    pub outcome: Option<LateOutcome>,
    pub revision_id: Option<i64>,
    pub reason: Option<String>,
    pub ended_at: Option<String>,
    /// [`NewLateSave::step`].
    pub step: Option<String>,
    /// The node that applies it ([`crate::Options::node`]).
    pub node: String,
    /// When its author was shown how it ended.
    pub seen_at: Option<String>,
}

const COLUMNS: &str = "id, lang, slug, author, action, new, form, base_id, started_at, \
                       outcome, revision_id, reason, ended_at, step, node, seen_at";

/// A row as read: one still running past `lost_before` (a time as
/// [`now_text`] writes it) reads as lost.
fn late_of(r: &sqlx::any::AnyRow, lost_before: &str) -> LateSave {
    let outcome: Option<String> = r.get("outcome");
    let started_at: String = r.get("started_at");
    let outcome = match outcome.as_deref() {
        None if started_at.as_str() < lost_before => Some(LateOutcome::Lost),
        o => o.and_then(LateOutcome::parse),
    };
    LateSave {
        id: r.get("id"),
        lang: r.get("lang"),
        slug: r.get("slug"),
        author: r.get("author"),
        action: r.get("action"),
        new: r.get::<i64, _>("new") != 0,
        form: r.get("form"),
        base_id: r.get("base_id"),
        started_at,
        outcome,
        revision_id: r.get("revision_id"),
        reason: r.get("reason"),
        ended_at: r.get("ended_at"),
        step: r.get("step"),
        node: r.get("node"),
        seen_at: r.get("seen_at"),
    }
}

impl Store {
    /// Records a save still running when its request stopped waiting, as
    /// applied by this node ([`crate::Options::node`]); returns its id,
    /// which [`Store::end_late_save`] takes. Rows older than `KEPT_FOR`
    /// (30 days) go meanwhile.
    pub async fn record_late_save(&self, s: &NewLateSave<'_>) -> Result<i64, Error> {
        let mut tx = self.begin_write().await?;
        sweep_old_late_saves(&mut tx).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO late_saves (lang, slug, author, action, new, form, base_id, started_at, step, node)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(s.lang.code())
        .bind(s.slug)
        .bind(s.author)
        .bind(s.action.as_str())
        .bind(i64::from(s.new))
        .bind(s.form)
        .bind(s.base)
        .bind(now_text())
        .bind(s.step)
        .bind(&*self.node)
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
        Ok(row.map(|r| late_of(&r, &text_ago(LOST_AFTER))))
    }

    /// Records that late save `id`'s author was shown how it ended (it has
    /// ended): once they save its article again, it is deleted.
    pub async fn seen_late_save(&self, id: i64) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE late_saves SET seen_at = $1
             WHERE id = $2 AND seen_at IS NULL AND (outcome IS NOT NULL OR started_at < $3)",
        )
        .bind(now_text())
        .bind(id)
        .bind(text_ago(LOST_AFTER))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The saves this node ([`crate::Options::node`]) was applying when it
    /// stopped, said lost: no one applies them now. A node calls it as it
    /// starts, holding its data directory (so no other process is this
    /// node); returns how many there were. A store with no node name
    /// (a command's) finds none.
    pub async fn lose_late_saves(&self) -> Result<u64, Error> {
        if self.node.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE late_saves SET outcome = $1, reason = $2, ended_at = $3
             WHERE outcome IS NULL AND node = $4",
        )
        .bind(LateOutcome::Lost.as_str())
        .bind("the server stopped while applying it")
        .bind(now_text())
        .bind(&*self.node)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
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
        Ok(row.map(|r| late_of(&r, &text_ago(LOST_AFTER))))
    }
}

/// Deletes the late saves older than [`KEPT_FOR`], in `tx`.
async fn sweep_old_late_saves(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<(), Error> {
    sqlx::query("DELETE FROM late_saves WHERE started_at < $1")
        .bind(text_ago(KEPT_FOR))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What saving an article again does to `author`'s late saves of it, in
/// the save's transaction `tx`: those whose outcome they have seen serve
/// no one now, and go, as do any older than [`KEPT_FOR`].
pub(crate) async fn saved_again(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    lang: Lang,
    slug: &str,
    author: &str,
) -> Result<(), Error> {
    sqlx::query(
        "DELETE FROM late_saves
         WHERE lang = $1 AND slug = $2 AND author = $3 AND seen_at IS NOT NULL",
    )
    .bind(lang.code())
    .bind(slug)
    .bind(author)
    .execute(&mut **tx)
    .await?;
    sweep_old_late_saves(tx).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(
        a_late_save_keeps_its_form_until_it_ends_and_says_how,
        a_late_save_goes_once_seen_and_saved_again_or_old,
        a_late_save_its_node_stopped_applying_is_lost,
    );

    fn late<'a>(slug: &'a str, author: &'a str) -> NewLateSave<'a> {
        NewLateSave {
            lang: Lang::Fa,
            slug,
            author,
            action: EditAction::Review,
            new: false,
            form: "{}",
            base: None,
            step: Some("review"),
        }
    }

    /// Dates late save `id` as started `ago`, as a row left that long.
    async fn started_ago(store: &Store, id: i64, ago: chrono::TimeDelta) {
        sqlx::query("UPDATE late_saves SET started_at = $1 WHERE id = $2")
            .bind(text_ago(ago))
            .bind(id)
            .execute(&store.pool)
            .await
            .unwrap();
    }

    /// A row serves its author until they have seen how it ended and saved
    /// the article again; none outlives `KEPT_FOR`.
    async fn a_late_save_goes_once_seen_and_saved_again_or_old(db: TestDb) {
        let store = db.open().await;
        let seen = store.record_late_save(&late("a", "ed")).await.unwrap();
        let unseen = store.record_late_save(&late("a", "ed")).await.unwrap();
        let running = store.record_late_save(&late("a", "ed")).await.unwrap();
        let sams = store.record_late_save(&late("a", "sam")).await.unwrap();
        let elsewhere = store.record_late_save(&late("b", "ed")).await.unwrap();
        for id in [seen, unseen, sams, elsewhere] {
            store
                .end_late_save(id, LateOutcome::Conflict, Some(1), None)
                .await
                .unwrap();
        }
        // Seen while running is not seen ended.
        for id in [seen, running, sams, elsewhere] {
            store.seen_late_save(id).await.unwrap();
        }
        let seen_at = store.late_save(seen).await.unwrap().unwrap().seen_at;
        assert!(seen_at.is_some());
        assert_eq!(
            store.late_save(running).await.unwrap().unwrap().seen_at,
            None
        );
        let save = |slug, author| crate::NewEdit {
            lang: Lang::Fa,
            slug,
            path: "editor:fa/a.md",
            source: "text",
            title: "T",
            author,
            action: EditAction::Draft,
            base: None,
            file_revision: None,
            original: None,
            original_served: false,
        };
        // A file's change is no one's save.
        store.save_edit(&save("a", None)).await.unwrap().unwrap();
        assert!(store.late_save(seen).await.unwrap().is_some());
        let head = store.editor_state(Lang::Fa, "a").await.unwrap().unwrap();
        store
            .save_edit(&crate::NewEdit {
                base: Some(head.head.id),
                ..save("a", Some("ed"))
            })
            .await
            .unwrap()
            .unwrap();
        let left = |ids: [i64; 5]| {
            let store = store.clone();
            async move {
                let mut left = Vec::new();
                for id in ids {
                    if store.late_save(id).await.unwrap().is_some() {
                        left.push(id);
                    }
                }
                left
            }
        };
        let all = [seen, unseen, running, sams, elsewhere];
        assert_eq!(
            left(all).await,
            [unseen, running, sams, elsewhere],
            "only ed's seen save of this article went"
        );
        // Any row 30 days old goes at the next save, or the next late save.
        started_ago(&store, unseen, KEPT_FOR + chrono::TimeDelta::hours(1)).await;
        started_ago(&store, running, KEPT_FOR - chrono::TimeDelta::hours(1)).await;
        store
            .save_edit(&save("c", Some("sam")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(left(all).await, [running, sams, elsewhere]);
        started_ago(&store, sams, KEPT_FOR + chrono::TimeDelta::hours(1)).await;
        store.record_late_save(&late("c", "sam")).await.unwrap();
        assert_eq!(left(all).await, [running, elsewhere]);
    }

    /// A save whose node stopped while applying it is lost: said so by the
    /// node started again (its own only), and read so once it has run for
    /// longer than any apply takes.
    async fn a_late_save_its_node_stopped_applying_is_lost(db: TestDb) {
        let node = |name: &str| crate::Options {
            node: name.into(),
            ..crate::Options::default()
        };
        let one = Store::connect_with(&db.location(), &node("host:/srv/one"))
            .await
            .unwrap();
        let two = Store::connect_with(&db.location(), &node("host:/srv/two"))
            .await
            .unwrap();
        let applying = one.record_late_save(&late("a", "ed")).await.unwrap();
        let ended = one.record_late_save(&late("b", "ed")).await.unwrap();
        let others = two.record_late_save(&late("c", "ed")).await.unwrap();
        one.end_late_save(ended, LateOutcome::Saved, Some(3), None)
            .await
            .unwrap();
        assert_eq!(
            one.late_save(applying).await.unwrap().unwrap().node,
            "host:/srv/one"
        );
        // A command's store is no node, and finds nothing of its own.
        assert_eq!(db.open().await.lose_late_saves().await.unwrap(), 0);
        // Node one starts again.
        let one = Store::connect_with(&db.location(), &node("host:/srv/one"))
            .await
            .unwrap();
        assert_eq!(one.lose_late_saves().await.unwrap(), 1);
        let lost = one.late_save(applying).await.unwrap().unwrap();
        assert_eq!(lost.outcome, Some(LateOutcome::Lost));
        assert!(lost.ended_at.is_some());
        let outcome = |id| {
            let one = one.clone();
            async move { one.late_save(id).await.unwrap().unwrap().outcome }
        };
        assert_eq!(outcome(ended).await, Some(LateOutcome::Saved));
        assert_eq!(outcome(others).await, None, "node two's is two's");
        // Node two never comes back: its save reads as lost once it has run
        // for longer than any apply takes.
        started_ago(&one, others, LOST_AFTER - chrono::TimeDelta::minutes(1)).await;
        assert_eq!(outcome(others).await, None);
        started_ago(&one, others, LOST_AFTER + chrono::TimeDelta::minutes(1)).await;
        assert_eq!(outcome(others).await, Some(LateOutcome::Lost));
        let newest = one.newest_late_save(Lang::Fa, "c", "ed").await.unwrap();
        assert_eq!(newest.unwrap().outcome, Some(LateOutcome::Lost));
        // Seen as lost, it is seen; ended after all, it says how.
        one.seen_late_save(others).await.unwrap();
        assert!(one
            .late_save(others)
            .await
            .unwrap()
            .unwrap()
            .seen_at
            .is_some());
        two.end_late_save(others, LateOutcome::Saved, Some(4), None)
            .await
            .unwrap();
        assert_eq!(outcome(others).await, Some(LateOutcome::Saved));
    }

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
            step: None,
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

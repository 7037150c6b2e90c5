//! Articles written in the browser: every save as a revision (the whole
//! article, its author and time), and per article which revision the editor
//! opens (the head) and which one the site serves (see `0006_editor.sql`).

use askaf_content::Lang;
use sqlx::Row;

use crate::{now_text, Error, Store};

/// What an editor's save does to the article as the site serves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditAction {
    /// Saved, not served; what the site serves stays as it was.
    Draft,
    /// Saved and served.
    Publish,
    /// Served no more (the text is kept).
    Unpublish,
    /// An older revision saved again, as a draft: `from` is its id, kept
    /// as [`Edit::restored_from`]. It must be a revision of the same
    /// article: [`Store::save_edit`] refuses any other with
    /// [`Error::NotARevisionOf`].
    Restore { from: i64 },
    /// The content file changed (no author).
    File,
    /// Saved as a draft and submitted for an editor's review; what the
    /// site serves stays as it was, as for a draft.
    Review,
}

impl EditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            EditAction::Draft => "draft",
            EditAction::Publish => "publish",
            EditAction::Unpublish => "unpublish",
            EditAction::Restore { .. } => "restore",
            EditAction::File => "file",
            EditAction::Review => "review",
        }
    }

    /// The revision a restore brought back ([`EditAction::Restore`]).
    pub fn restored_from(self) -> Option<i64> {
        match self {
            EditAction::Restore { from } => Some(from),
            _ => None,
        }
    }
}

/// One saved revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Its row in `article_edits`, shared by every article: what forms post.
    pub id: i64,
    /// Its place in its article's history (the article in its language):
    /// 1 for the first revision, counting up. What editors are shown.
    pub number: i64,
    pub lang: String,
    pub slug: String,
    /// The article as a content file holds it: front matter and body.
    pub source: String,
    pub title: String,
    /// `None` for a change that came from the content file.
    pub author: Option<String>,
    pub saved_at: String,
    pub action: String,
    /// The revision the author started from.
    pub base_id: Option<i64>,
    /// For a restore, the id of the revision whose text it brought back.
    /// `None` for a restore saved before 0030 recorded it (its history
    /// finds the revision by its text) and for every other action.
    pub restored_from: Option<i64>,
    /// When this revision was scheduled to be published (seconds since
    /// 1970, UTC), for the one the editor's Schedule saved: set with the
    /// schedule ([`Store::schedule`]), which forgets the time once it has
    /// published it. `None` for every other revision.
    pub scheduled_unix: Option<i64>,
    /// For the revision the editor's "Cancel the schedule" saved (the text
    /// changed): when the schedule it cancelled was to publish the article
    /// (seconds since 1970, UTC), set by [`Store::unschedule`]. `None` for
    /// every other revision.
    pub unscheduled_unix: Option<i64>,
}

impl Edit {
    /// Whether this is the text its content file had when the editor first
    /// touched the article, recorded with that first save so that the
    /// history starts from it (see [`NewEdit::original`]): a state, dated
    /// when the site first served it, not a change made then. A change to
    /// the file seen later is a revision of its own, based on the one before.
    pub fn is_original(&self) -> bool {
        self.action == EditAction::File.as_str() && self.base_id.is_none()
    }
}

/// Where an article stands in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorState {
    pub lang: String,
    pub slug: String,
    pub path: String,
    pub head: Edit,
    pub published_id: Option<i64>,
    pub file_revision: Option<String>,
}

/// A save to record: see [`Store::save_edit`].
#[derive(Debug, Clone)]
pub struct NewEdit<'a> {
    pub lang: Lang,
    pub slug: &'a str,
    pub path: &'a str,
    pub source: &'a str,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub action: EditAction,
    /// The head the author's form was made from; `None` for a new article
    /// (or a file change, which is never refused).
    pub base: Option<i64>,
    /// The content file's revision, when the article has one and the editor
    /// takes it over now; kept as it was when `None`.
    pub file_revision: Option<&'a str>,
    /// The text the article had before the editor first touched it (its
    /// content file's), recorded first as an edit with no author, so the
    /// history starts from it.
    pub original: Option<&'a str>,
    /// Whether the site serves `original` (a draft in its file it does not).
    pub original_served: bool,
}

/// The save was made from an older revision than the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub head: Edit,
}

/// A revision's own columns, without its [`Edit::number`].
macro_rules! edit_fields {
    () => {
        "e.id, e.lang, e.slug, e.source, e.title, e.author, e.saved_at, e.action, e.base_id,
         e.restored_from, e.scheduled_unix, e.unscheduled_unix"
    };
}

/// A revision's columns, its [`Edit::number`] counted in the same query
/// (a range of the index `article_edits_by_article`). [`Store::edits`]
/// numbers a whole history with a window function instead.
const EDIT_COLUMNS: &str = concat!(
    edit_fields!(),
    ", (SELECT COUNT(*) FROM article_edits n
        WHERE n.lang = e.lang AND n.slug = e.slug AND n.id <= e.id) AS number"
);

/// Refuses `revision` with [`Error::NotARevisionOf`] unless it is one of
/// the article's own: the one rule for what a restore may bring back,
/// which [`Store::save_edit`] applies and [`Store::check_restore`] lets a
/// caller ask first. A revision's article never changes, so what is read
/// stays true.
async fn revision_of(
    conn: &mut sqlx::AnyConnection,
    revision: i64,
    lang: Lang,
    slug: &str,
) -> Result<(), Error> {
    let of: Option<(String, String)> =
        sqlx::query_as("SELECT lang, slug FROM article_edits WHERE id = $1")
            .bind(revision)
            .fetch_optional(&mut *conn)
            .await?;
    match of {
        Some((l, s)) if l == lang.code() && s == slug => Ok(()),
        _ => Err(Error::NotARevisionOf {
            revision,
            lang,
            slug: slug.to_string(),
        }),
    }
}

fn edit_of(r: &sqlx::any::AnyRow) -> Edit {
    Edit {
        id: r.get("id"),
        number: r.get("number"),
        lang: r.get("lang"),
        slug: r.get("slug"),
        source: r.get("source"),
        title: r.get("title"),
        author: r.get("author"),
        saved_at: r.get("saved_at"),
        action: r.get("action"),
        base_id: r.get("base_id"),
        restored_from: r.get("restored_from"),
        scheduled_unix: r.get("scheduled_unix"),
        unscheduled_unix: r.get("unscheduled_unix"),
    }
}

impl Store {
    /// Records a save in one transaction: refused with [`Conflict`] when
    /// `base` is not the article's head (someone saved since the form was
    /// made), so a save never silently overwrites another. Returns the new
    /// revision's id. The author's late saves of the article whose outcome
    /// they have seen go with it (see `late`).
    ///
    /// A restore of a revision that is not the article's own is refused
    /// with [`Error::NotARevisionOf`], nothing saved.
    ///
    /// A publish whose text shows an upload the store no longer keeps is
    /// refused with [`Error::UploadsGone`]: checked in the transaction, one
    /// of the writes taken one at a time, as the deletion of an upload
    /// unless something shows it is ([`Store::delete_media_unless_shown`]),
    /// so that an upload deleted after the editor checked the text and
    /// before it was saved is never served as a broken image.
    pub async fn save_edit(&self, e: &NewEdit<'_>) -> Result<Result<i64, Conflict>, Error> {
        let mut tx = self.begin_write().await?;
        let now = now_text();
        let state = sqlx::query(&format!(
            "SELECT {EDIT_COLUMNS}, s.published_id FROM editor_articles s
             JOIN article_edits e ON e.id = s.head_id
             WHERE s.lang = $1 AND s.slug = $2"
        ))
        .bind(e.lang.code())
        .bind(e.slug)
        .fetch_optional(&mut *tx)
        .await?;
        let (head, published) = match &state {
            Some(r) => (Some(edit_of(r)), r.get::<Option<i64>, _>("published_id")),
            None => (None, None),
        };
        if let EditAction::Restore { from } = e.action {
            // Checked here, in the save's transaction, whatever each
            // caller checked before.
            revision_of(&mut tx, from, e.lang, e.slug).await?;
        }
        if e.action != EditAction::File && head.as_ref().map(|h| h.id) != e.base {
            if let Some(head) = head {
                return Ok(Err(Conflict { head }));
            }
        }
        if e.action == EditAction::Publish {
            let shown: std::collections::BTreeSet<String> = askaf_content::uploads_named(e.source)
                .iter()
                .map(|n| n.file_name())
                .collect();
            let shown: Vec<String> = shown.into_iter().collect();
            let kept = crate::media::kept_among(&mut tx, &shown).await?;
            let gone: Vec<String> = shown.into_iter().filter(|n| !kept.contains(n)).collect();
            if !gone.is_empty() {
                return Err(Error::UploadsGone(gone));
            }
        }
        let insert = |source: &str,
                      author: Option<&str>,
                      action: EditAction,
                      base: Option<i64>,
                      at: String| {
            sqlx::query(
                "INSERT INTO article_edits
                 (lang, slug, source, title, author, saved_at, action, base_id, restored_from)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(e.lang.code())
            .bind(e.slug)
            .bind(source.to_string())
            .bind(e.title.to_string())
            .bind(author.map(str::to_string))
            .bind(at)
            .bind(action.as_str())
            .bind(base)
            .bind(action.restored_from())
        };
        let mut base = head.as_ref().map(|h| h.id);
        if let (None, Some(original)) = (&head, e.original) {
            // Dated when the site first served the file's version, not now:
            // it is what the article was, not something done with this save.
            let since: Option<String> = match e.file_revision {
                Some(revision) => {
                    sqlx::query_scalar(
                        "SELECT first_seen FROM article_revisions
                         WHERE lang = $1 AND slug = $2 AND revision = $3 ORDER BY id LIMIT 1",
                    )
                    .bind(e.lang.code())
                    .bind(e.slug)
                    .bind(revision)
                    .fetch_optional(&mut *tx)
                    .await?
                }
                None => None,
            };
            let at = since.unwrap_or_else(|| now.clone());
            let row = insert(original, None, EditAction::File, None, at)
                .fetch_one(&mut *tx)
                .await?;
            base = Some(row.get("id"));
        }
        let row = insert(e.source, e.author, e.action, base, now.clone())
            .fetch_one(&mut *tx)
            .await?;
        let id: i64 = row.get("id");
        let published = match e.action {
            EditAction::Publish | EditAction::File => Some(id),
            EditAction::Unpublish => None,
            // Before the editor touched it, the file's text was served.
            EditAction::Draft | EditAction::Restore { .. } | EditAction::Review => {
                match (&head, e.original) {
                    (None, Some(_)) if e.original_served => base,
                    _ => published,
                }
            }
        };
        sqlx::query(
            "INSERT INTO editor_articles (lang, slug, path, head_id, published_id, file_revision, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (lang, slug) DO UPDATE SET head_id = excluded.head_id,
             published_id = excluded.published_id, updated_at = excluded.updated_at,
             file_revision = COALESCE(excluded.file_revision, editor_articles.file_revision)",
        )
        .bind(e.lang.code())
        .bind(e.slug)
        .bind(e.path)
        .bind(id)
        .bind(published)
        .bind(e.file_revision)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if let Some(author) = e.author {
            crate::late::saved_again(&mut tx, e.lang, e.slug, author).await?;
        }
        self.notify(&mut tx, &crate::Notice::Article(e.lang, e.slug.to_string()))
            .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    /// Whether `revision` may be restored as the article's newest: the
    /// check [`Store::save_edit`] makes ([`Error::NotARevisionOf`]), for a
    /// caller to ask before it checks the revision's text, so that a
    /// refusal names the real mistake (another article's text would be
    /// refused for its front matter, not for whose it is).
    pub async fn check_restore(&self, revision: i64, lang: Lang, slug: &str) -> Result<(), Error> {
        let mut conn = self.pool.acquire().await?;
        revision_of(&mut conn, revision, lang, slug).await
    }

    /// Where one article stands in the editor; `None` if it never was opened there.
    pub async fn editor_state(&self, lang: Lang, slug: &str) -> Result<Option<EditorState>, Error> {
        let row = sqlx::query(&format!(
            "SELECT {EDIT_COLUMNS}, s.path, s.published_id, s.file_revision FROM editor_articles s
             JOIN article_edits e ON e.id = s.head_id
             WHERE s.lang = $1 AND s.slug = $2"
        ))
        .bind(lang.code())
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| EditorState {
            lang: r.get("lang"),
            slug: r.get("slug"),
            path: r.get("path"),
            head: edit_of(&r),
            published_id: r.get("published_id"),
            file_revision: r.get("file_revision"),
        }))
    }

    /// Every article the editor has touched, with its head revision.
    pub async fn editor_states(&self) -> Result<Vec<EditorState>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT {EDIT_COLUMNS}, s.path, s.published_id, s.file_revision FROM editor_articles s
             JOIN article_edits e ON e.id = s.head_id ORDER BY s.lang, s.slug"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| EditorState {
                lang: r.get("lang"),
                slug: r.get("slug"),
                path: r.get("path"),
                head: edit_of(r),
                published_id: r.get("published_id"),
                file_revision: r.get("file_revision"),
            })
            .collect())
    }

    /// One revision by its id.
    pub async fn edit(&self, id: i64) -> Result<Option<Edit>, Error> {
        let row = sqlx::query(&format!(
            "SELECT {EDIT_COLUMNS} FROM article_edits e WHERE e.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(edit_of))
    }

    /// An article's revisions, newest first, numbered from its first.
    pub async fn edits(&self, lang: Lang, slug: &str) -> Result<Vec<Edit>, Error> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            edit_fields!(),
            ", ROW_NUMBER() OVER (ORDER BY e.id) AS number
             FROM article_edits e WHERE e.lang = $1 AND e.slug = $2 ORDER BY e.id DESC"
        ))
        .bind(lang.code())
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(edit_of).collect())
    }

    /// The article the editor has touched that the site knows by `path`.
    pub async fn editor_article_at(&self, path: &str) -> Result<Option<EditorState>, Error> {
        let row = sqlx::query("SELECT lang, slug FROM editor_articles WHERE path = $1")
            .bind(path)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let lang: String = row.get("lang");
        let Ok(lang) = lang.parse::<Lang>() else {
            return Ok(None);
        };
        self.editor_state(lang, row.get::<&str, _>("slug")).await
    }

    /// The articles as the editor left them, for a start: each one's path,
    /// the content file's revision when last seen, and the source served
    /// (`None`: not served).
    pub async fn editor_overlay(&self) -> Result<Vec<Overlay>, Error> {
        read_overlay(&self.pool).await
    }

    /// One article as the editor left it (see [`Store::editor_overlay`]):
    /// what a node applies when another saved it.
    pub async fn editor_overlay_of(
        &self,
        lang: Lang,
        slug: &str,
    ) -> Result<Option<Overlay>, Error> {
        let row = sqlx::query(&format!("{OVERLAY} WHERE s.lang = $1 AND s.slug = $2"))
            .bind(lang.code())
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(overlay_of))
    }
}

/// The articles as the editor left them, asked of `db`: see
/// [`Store::editor_overlay`].
pub(crate) async fn read_overlay<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
) -> Result<Vec<Overlay>, Error> {
    let rows = sqlx::query(OVERLAY).fetch_all(db).await?;
    Ok(rows.iter().map(overlay_of).collect())
}

const OVERLAY: &str =
    "SELECT s.lang, s.slug, s.path, s.file_revision, e.source FROM editor_articles s
     LEFT JOIN article_edits e ON e.id = s.published_id";

fn overlay_of(r: &sqlx::any::AnyRow) -> Overlay {
    Overlay {
        lang: r.get("lang"),
        slug: r.get("slug"),
        path: r.get("path"),
        file_revision: r.get("file_revision"),
        served: r.get("source"),
    }
}

/// See [`Store::editor_overlay`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    pub lang: String,
    pub slug: String,
    pub path: String,
    pub file_revision: Option<String>,
    pub served: Option<String>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(
        a_save_from_an_old_revision_is_a_conflict_and_publishing_moves_what_is_served,
        revisions_are_numbered_within_their_article,
        a_submission_for_review_is_a_revision_of_its_own_and_serves_nothing,
        a_restore_records_the_revision_it_brought_back,
        a_scheduled_revision_keeps_its_time_after_the_schedule_is_gone,
        a_restore_from_another_articles_revision_is_refused,
        a_revision_saved_with_a_cancelled_schedule_keeps_its_time,
    );

    /// The revision saved with "Cancel the schedule" keeps the time the
    /// schedule had, on both databases; a cancellation with no schedule, or
    /// naming another article's revision, marks none.
    async fn a_revision_saved_with_a_cancelled_schedule_keeps_its_time(db: TestDb) {
        let store = db.open().await;
        let first = store
            .save_edit(&edit("one", EditAction::Draft, None))
            .await
            .unwrap()
            .unwrap();
        store
            .schedule(Lang::En, "a", 2_000_000_000, "ana", Some(first))
            .await
            .unwrap();
        let second = store
            .save_edit(&edit("two", EditAction::Draft, Some(first)))
            .await
            .unwrap()
            .unwrap();
        // Another article's cancellation marks this one's revision not.
        store
            .schedule(Lang::En, "b", 2_000_000_000, "ana", None)
            .await
            .unwrap();
        assert!(store.unschedule(Lang::En, "b", Some(second)).await.unwrap());
        assert!(store.unschedule(Lang::En, "a", Some(second)).await.unwrap());
        let third = store
            .save_edit(&edit("three", EditAction::Draft, Some(second)))
            .await
            .unwrap()
            .unwrap();
        assert!(!store.unschedule(Lang::En, "a", Some(third)).await.unwrap());
        let marks: Vec<(Option<i64>, Option<i64>)> = (store.edits(Lang::En, "a").await.unwrap())
            .iter()
            .map(|e| (e.scheduled_unix, e.unscheduled_unix))
            .collect();
        assert_eq!(
            marks,
            [
                (None, None),
                (None, Some(2_000_000_000)),
                (Some(2_000_000_000), None)
            ]
        );
        let head = store.edit(second).await.unwrap().unwrap();
        assert_eq!(head.unscheduled_unix, Some(2_000_000_000));
    }

    /// A restore must bring back a revision of the same article: one of
    /// another article (or of the same slug in another language), or one
    /// that does not exist, is refused with [`Error::NotARevisionOf`] and
    /// saves nothing, whoever calls the store (the editor's handler, the
    /// command line, another node).
    async fn a_restore_from_another_articles_revision_is_refused(db: TestDb) {
        let store = db.open().await;
        let a = store
            .save_edit(&edit("a's text", EditAction::Publish, None))
            .await
            .unwrap()
            .unwrap();
        let b = store
            .save_edit(&NewEdit {
                slug: "b",
                path: "editor:en/b.md",
                ..edit("b's text", EditAction::Draft, None)
            })
            .await
            .unwrap()
            .unwrap();
        let fa = store
            .save_edit(&NewEdit {
                lang: Lang::Fa,
                path: "editor:fa/a.md",
                ..edit("متن", EditAction::Draft, None)
            })
            .await
            .unwrap()
            .unwrap();
        for from in [b, fa, b + fa + 1000] {
            let restore = EditAction::Restore { from };
            let err = store
                .save_edit(&edit("b's text", restore, Some(a)))
                .await
                .unwrap_err();
            match &err {
                Error::NotARevisionOf {
                    revision,
                    lang,
                    slug,
                } => assert_eq!((*revision, *lang, slug.as_str()), (from, Lang::En, "a")),
                other => panic!("restoring from {from}: {other:?}"),
            }
            assert!(
                err.to_string()
                    .contains(&format!("revision {from} is not a revision of en/a")),
                "{err}"
            );
            // Asked first, the same answer.
            assert!(matches!(
                store.check_restore(from, Lang::En, "a").await,
                Err(Error::NotARevisionOf { .. })
            ));
        }
        store.check_restore(a, Lang::En, "a").await.unwrap();
        let history = store.edits(Lang::En, "a").await.unwrap();
        assert_eq!(history.len(), 1, "nothing saved");
        // Its own revision restores as before.
        let restore = EditAction::Restore { from: a };
        store
            .save_edit(&edit("a's text", restore, Some(a)))
            .await
            .unwrap()
            .unwrap();
    }

    /// The revision a schedule was set with keeps its time, on both
    /// databases, after the schedule is moved (a later revision scheduled
    /// again) or gone; a schedule set with no revision, or naming another
    /// article's, marks none.
    async fn a_scheduled_revision_keeps_its_time_after_the_schedule_is_gone(db: TestDb) {
        let store = db.open().await;
        let first = store
            .save_edit(&edit("one", EditAction::Draft, None))
            .await
            .unwrap()
            .unwrap();
        store
            .schedule(Lang::En, "a", 2_000_000_000, "ana", Some(first))
            .await
            .unwrap();
        let second = store
            .save_edit(&edit("two", EditAction::Draft, Some(first)))
            .await
            .unwrap()
            .unwrap();
        store
            .schedule(Lang::En, "a", 2_000_003_600, "ana", Some(second))
            .await
            .unwrap();
        // Another article's schedule naming this one's revision marks it not.
        store
            .schedule(Lang::En, "b", 1_000, "ana", Some(first))
            .await
            .unwrap();
        store.unschedule(Lang::En, "a", None).await.unwrap();
        let times: Vec<Option<i64>> = (store.edits(Lang::En, "a").await.unwrap())
            .iter()
            .map(|e| e.scheduled_unix)
            .collect();
        assert_eq!(times, [Some(2_000_003_600), Some(2_000_000_000)]);
        let head = store
            .editor_state(Lang::En, "a")
            .await
            .unwrap()
            .unwrap()
            .head;
        assert_eq!(head.scheduled_unix, Some(2_000_003_600));
        let third = store
            .save_edit(&edit("three", EditAction::Publish, Some(second)))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store.edit(third).await.unwrap().unwrap().scheduled_unix,
            None
        );
    }

    /// A restore keeps the id of the revision it brought back, read back
    /// wherever the store gives a revision; other saves keep none. Two
    /// revisions with the same text (a draft and its publication) are
    /// told apart: the one restored is named, not the newer.
    async fn a_restore_records_the_revision_it_brought_back(db: TestDb) {
        let store = db.open().await;
        let draft = store
            .save_edit(&edit("one", EditAction::Draft, None))
            .await
            .unwrap()
            .unwrap();
        let published = store
            .save_edit(&edit("one", EditAction::Publish, Some(draft)))
            .await
            .unwrap()
            .unwrap();
        let changed = store
            .save_edit(&edit("two", EditAction::Draft, Some(published)))
            .await
            .unwrap()
            .unwrap();
        let restore = EditAction::Restore { from: draft };
        let restored = store
            .save_edit(&edit("one", restore, Some(changed)))
            .await
            .unwrap()
            .unwrap();
        let history = store.edits(Lang::En, "a").await.unwrap();
        let recorded: Vec<(&str, Option<i64>)> = history
            .iter()
            .map(|e| (e.action.as_str(), e.restored_from))
            .collect();
        assert_eq!(
            recorded,
            [
                ("restore", Some(draft)),
                ("draft", None),
                ("publish", None),
                ("draft", None)
            ]
        );
        let one = store.edit(restored).await.unwrap().unwrap();
        assert_eq!(one.restored_from, Some(draft));
        let state = store.editor_state(Lang::En, "a").await.unwrap().unwrap();
        assert_eq!(
            (state.head.id, state.head.restored_from, state.published_id),
            (restored, Some(draft), Some(published)),
            "a restore is a draft: what is served stays"
        );
    }

    /// A draft submitted for review is recorded as `review` (both
    /// databases accept it), and, as a draft, changes what is served not.
    async fn a_submission_for_review_is_a_revision_of_its_own_and_serves_nothing(db: TestDb) {
        let store = db.open().await;
        let published = store
            .save_edit(&edit("one", EditAction::Publish, None))
            .await
            .unwrap()
            .unwrap();
        let review = store
            .save_edit(&edit("two", EditAction::Review, Some(published)))
            .await
            .unwrap()
            .unwrap();
        let history = store.edits(Lang::En, "a").await.unwrap();
        assert_eq!(history[0].action, "review");
        let state = store.editor_state(Lang::En, "a").await.unwrap().unwrap();
        assert_eq!(
            (state.head.id, state.published_id),
            (review, Some(published))
        );
    }

    /// A save by `ana` of `/en/a`, an article born in the editor.
    pub(crate) fn edit<'a>(source: &'a str, action: EditAction, base: Option<i64>) -> NewEdit<'a> {
        NewEdit {
            lang: Lang::En,
            slug: "a",
            path: "editor:en/a.md",
            source,
            title: "T",
            author: Some("ana"),
            action,
            base,
            file_revision: None,
            original: None,
            original_served: false,
        }
    }

    /// Revisions saved in turn for two articles, and for the other
    /// language of one of them, are numbered 1, 2, 3 within each, wherever
    /// the store gives one: the history, one revision by its id, the head,
    /// and the head a conflict names.
    async fn revisions_are_numbered_within_their_article(db: TestDb) {
        let store = db.open().await;
        let mut heads: std::collections::HashMap<(Lang, &str), i64> = Default::default();
        for (lang, slug) in [
            (Lang::En, "a"),
            (Lang::En, "b"),
            (Lang::En, "a"),
            (Lang::Fa, "a"),
            (Lang::En, "b"),
            (Lang::En, "a"),
        ] {
            let base = heads.get(&(lang, slug)).copied();
            let e = NewEdit {
                lang,
                slug,
                ..edit("text", EditAction::Draft, base)
            };
            let id = store.save_edit(&e).await.unwrap().unwrap();
            heads.insert((lang, slug), id);
        }
        let numbers = |edits: &[Edit]| edits.iter().map(|e| e.number).collect::<Vec<_>>();
        let a = store.edits(Lang::En, "a").await.unwrap();
        assert_eq!(numbers(&a), [3, 2, 1], "newest first");
        assert_eq!(numbers(&store.edits(Lang::En, "b").await.unwrap()), [2, 1]);
        assert_eq!(numbers(&store.edits(Lang::Fa, "a").await.unwrap()), [1]);
        // The ids stay the store's own: /en/a's second is the third saved.
        assert_eq!(a[1].id, a[2].id + 2);
        let second = store.edit(a[1].id).await.unwrap().unwrap();
        assert_eq!((second.id, second.number), (a[1].id, 2));
        let head = store
            .editor_state(Lang::En, "b")
            .await
            .unwrap()
            .unwrap()
            .head;
        assert_eq!((head.id, head.number), (heads[&(Lang::En, "b")], 2));
        let states = store.editor_states().await.unwrap();
        let state_numbers: Vec<(&str, &str, i64)> = states
            .iter()
            .map(|s| (s.lang.as_str(), s.slug.as_str(), s.head.number))
            .collect();
        assert_eq!(
            state_numbers,
            [("en", "a", 3), ("en", "b", 2), ("fa", "a", 1)]
        );
        let stale = NewEdit {
            slug: "b",
            ..edit("late", EditAction::Draft, Some(a[0].id))
        };
        let conflict = store.save_edit(&stale).await.unwrap().unwrap_err();
        assert_eq!(conflict.head.number, 2);
    }

    async fn a_save_from_an_old_revision_is_a_conflict_and_publishing_moves_what_is_served(
        db: TestDb,
    ) {
        let store = db.open().await;
        let first = store
            .save_edit(&edit("one", EditAction::Draft, None))
            .await
            .unwrap()
            .unwrap();
        let state = store.editor_state(Lang::En, "a").await.unwrap().unwrap();
        assert_eq!((state.head.id, state.published_id), (first, None));
        let second = store
            .save_edit(&edit("two", EditAction::Publish, Some(first)))
            .await
            .unwrap()
            .unwrap();
        // A form made from the first revision cannot overwrite the second.
        let conflict = store
            .save_edit(&edit("three", EditAction::Draft, Some(first)))
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(conflict.head.source, "two");
        // A new article whose slug is taken is a conflict too.
        assert!(store
            .save_edit(&edit("four", EditAction::Draft, None))
            .await
            .unwrap()
            .is_err());
        // A draft after publishing leaves the published revision served.
        let third = store
            .save_edit(&edit("three", EditAction::Draft, Some(second)))
            .await
            .unwrap()
            .unwrap();
        let overlay = store.editor_overlay().await.unwrap();
        assert_eq!(overlay[0].served.as_deref(), Some("two"));
        store
            .save_edit(&edit("three", EditAction::Unpublish, Some(third)))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(store.editor_overlay().await.unwrap()[0].served, None);
        let history = store.edits(Lang::En, "a").await.unwrap();
        assert_eq!(history.len(), 4);
        assert_eq!(history[0].author.as_deref(), Some("ana"));
        assert_eq!(history[3].action, "draft");
    }
}

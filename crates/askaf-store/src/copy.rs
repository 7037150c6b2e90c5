//! Copying a whole site's database to another, SQLite or PostgreSQL, in
//! either direction (`askaf copy-db`): every table, ids kept, and the row
//! counts of every table checked afterwards.

use futures_util::TryStreamExt;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use crate::{Error, Kind, Store};

/// How a column is read and written: the four types the schema uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Int,
    Real,
    Text,
    Blob,
}

use Ty::{Blob, Int, Real, Text};

/// Every table of the schema, parents before the tables that refer to them,
/// with every column and its type. A test holds this to the schema that the
/// migrations make, so a new table or column cannot be left out of a copy.
const SCHEMA: &[(&str, &[(&str, Ty)])] = &[
    (
        "article_revisions",
        &[
            ("id", Int),
            ("lang", Text),
            ("slug", Text),
            ("content_hash", Text),
            ("title", Text),
            ("updated", Text),
            ("markdown", Text),
            ("first_seen", Text),
            ("revision", Text),
            ("front", Text),
        ],
    ),
    (
        "comments",
        &[
            ("id", Int),
            ("lang", Text),
            ("slug", Text),
            ("parent_id", Int),
            ("author_name", Text),
            ("author_email", Text),
            ("body", Text),
            ("status", Text),
            ("created_at", Text),
            ("author_ip", Text),
            ("fingerprint", Text),
            ("held_codes", Text),
            ("held_detail", Text),
            ("body_html", Text),
            ("edited_at", Text),
            ("created_unix", Int),
            ("staff_user", Text),
            ("held_reasons", Text),
            ("render_version", Int),
        ],
    ),
    (
        "questions",
        &[
            ("id", Int),
            ("question", Text),
            ("lang", Text),
            ("answered", Int),
            ("confidence", Real),
            ("asked_at", Text),
            ("terms", Text),
            ("answer_url", Text),
            ("answer_text", Text),
            ("feedback_hash", Text),
            ("helpful", Int),
            ("decision", Text),
            ("near_url", Text),
            ("near_text", Text),
        ],
    ),
    (
        "comment_decisions",
        &[
            ("id", Int),
            ("at_unix", Int),
            ("comment_id", Int),
            ("lang", Text),
            ("slug", Text),
            ("ip", Text),
            ("ip_key", Text),
            ("email", Text),
            ("action", Text),
            ("codes", Text),
            ("detail", Text),
            ("actor", Text),
            ("reasons", Text),
        ],
    ),
    (
        "closed_articles",
        &[
            ("lang", Text),
            ("slug", Text),
            ("closed_at", Text),
            ("closed_by", Text),
        ],
    ),
    (
        "bans",
        &[
            ("id", Int),
            ("kind", Text),
            ("target", Text),
            ("note", Text),
            ("created_at", Text),
            ("created_by", Text),
        ],
    ),
    (
        "spam_patterns",
        &[
            ("id", Int),
            ("body", Text),
            ("updated_at", Text),
            ("updated_by", Text),
            ("revision", Int),
        ],
    ),
    (
        "users",
        &[
            ("id", Int),
            ("username", Text),
            ("role", Text),
            ("password_hash", Text),
            ("created_at", Text),
            ("password_changed_at", Text),
            ("lang", Text),
            ("lang_chosen", Int),
        ],
    ),
    (
        "sessions",
        &[
            ("token_hash", Text),
            ("user_id", Int),
            ("created_unix", Int),
            ("expires_unix", Int),
        ],
    ),
    (
        "login_failures",
        &[
            ("id", Int),
            ("username", Text),
            ("ip", Text),
            ("at_unix", Int),
        ],
    ),
    ("site_secrets", &[("name", Text), ("value", Blob)]),
    (
        "content_files",
        &[
            ("path", Text),
            ("size", Int),
            ("mtime_ns", Int),
            ("revision", Text),
            ("front", Text),
            ("uploads", Text),
            ("followed", Text),
        ],
    ),
    ("content_dirs", &[("dir", Text), ("looked_at", Int)]),
    (
        "article_edits",
        &[
            ("id", Int),
            ("lang", Text),
            ("slug", Text),
            ("source", Text),
            ("title", Text),
            ("author", Text),
            ("saved_at", Text),
            ("action", Text),
            ("base_id", Int),
            ("restored_from", Int),
            ("scheduled_unix", Int),
            ("unscheduled_unix", Int),
        ],
    ),
    (
        "editor_articles",
        &[
            ("lang", Text),
            ("slug", Text),
            ("path", Text),
            ("head_id", Int),
            ("published_id", Int),
            ("file_revision", Text),
            ("updated_at", Text),
        ],
    ),
    (
        "scheduled_publications",
        &[
            ("lang", Text),
            ("slug", Text),
            ("due_unix", Int),
            ("scheduled_by", Text),
            ("scheduled_at", Text),
            ("claimed_until", Int),
            ("failures", Int),
            ("failure", Text),
        ],
    ),
    (
        "review_requests",
        &[
            ("lang", Text),
            ("slug", Text),
            ("requested_by", Text),
            ("requested_at", Text),
        ],
    ),
    (
        "late_saves",
        &[
            ("id", Int),
            ("lang", Text),
            ("slug", Text),
            ("author", Text),
            ("action", Text),
            ("new", Int),
            ("form", Text),
            ("base_id", Int),
            ("started_at", Text),
            ("outcome", Text),
            ("revision_id", Int),
            ("reason", Text),
            ("ended_at", Text),
            ("step", Text),
            ("node", Text),
            ("seen_at", Text),
        ],
    ),
    (
        "unapplied_edits",
        &[
            ("node", Text),
            ("lang", Text),
            ("slug", Text),
            ("reason", Text),
            ("noted_at", Text),
        ],
    ),
    (
        "ask_counts",
        &[("address", Text), ("minute", Int), ("n", Int)],
    ),
    (
        "media",
        &[
            ("name", Text),
            ("bytes", Blob),
            ("size", Int),
            ("uploaded_by", Text),
            ("uploaded_at", Text),
            ("original_name", Text),
        ],
    ),
    (
        "tag_labels",
        &[
            ("tag", Text),
            ("lang", Text),
            ("label", Text),
            ("updated_by", Text),
            ("updated_at", Text),
        ],
    ),
];

/// The names of every table a copy carries, in the order it copies them.
pub const TABLES: [&str; SCHEMA.len()] = {
    let mut names = [""; SCHEMA.len()];
    let mut i = 0;
    while i < SCHEMA.len() {
        names[i] = SCHEMA[i].0;
        i += 1;
    }
    names
};

/// One value of any column, as read from either database.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Blob(Option<Vec<u8>>),
}

impl Value {
    fn read(row: &AnyRow, i: usize, ty: Ty) -> Result<Value, sqlx::Error> {
        Ok(match ty {
            Int => Value::Int(row.try_get(i)?),
            Real => Value::Real(row.try_get(i)?),
            Text => Value::Text(row.try_get(i)?),
            Blob => Value::Blob(row.try_get(i)?),
        })
    }

    fn bind<'q>(self, q: Query<'q, Any, AnyArguments<'q>>) -> Query<'q, Any, AnyArguments<'q>> {
        match self {
            Value::Int(v) => q.bind(v),
            Value::Real(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::Blob(v) => q.bind(v),
        }
    }
}

/// A table and how many rows it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: &'static str,
    pub rows: u64,
}

impl TableCount {
    /// "1 row", "12 rows".
    pub fn rows_text(&self) -> String {
        format!("{} row{}", self.rows, if self.rows == 1 { "" } else { "s" })
    }
}

fn select(table: &str, columns: &[(&str, Ty)]) -> String {
    let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
    format!("SELECT {} FROM {table} ORDER BY 1", names.join(", "))
}

impl Store {
    /// How many rows each table holds, in [`TABLES`] order.
    pub async fn table_counts(&self) -> Result<Vec<TableCount>, Error> {
        let mut counts = Vec::with_capacity(SCHEMA.len());
        for (table, _) in SCHEMA {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&self.pool)
                .await?;
            counts.push(TableCount {
                table,
                rows: n as u64,
            });
        }
        Ok(counts)
    }

    /// Every row of every table, each table in its first column's order: what
    /// two databases must hold alike after a copy.
    #[cfg(test)]
    pub(crate) async fn dump(&self) -> Result<Vec<(&'static str, Vec<Vec<Value>>)>, Error> {
        let mut tables = Vec::new();
        for &(table, columns) in SCHEMA {
            let rows = sqlx::query(&select(table, columns))
                .fetch_all(&self.pool)
                .await?;
            let mut values = Vec::with_capacity(rows.len());
            for row in &rows {
                let row: Result<Vec<Value>, _> = columns
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, ty))| Value::read(row, i, ty))
                    .collect();
                values.push(row?);
            }
            tables.push((table, values));
        }
        Ok(tables)
    }
}

/// Copies every row of every table from `from` into `to`, keeping ids, in one
/// transaction on `to`; then moves PostgreSQL's id sequences past the ids
/// copied (SQLite's follow by themselves), and checks that every table holds
/// as many rows in `to` as in `from`. Returns the counts.
///
/// Refuses a target that holds any row unless `replace`, which empties it
/// first (in the same transaction, so a failed copy leaves it as it was).
/// Both stores are open, so both schemas are at this binary's version.
pub async fn copy_database(
    from: &Store,
    to: &Store,
    replace: bool,
) -> Result<Vec<TableCount>, Error> {
    // Nodes serving from the target would keep their pages and index of
    // what it held, and fail on what it no longer holds.
    let serving = to.nodes_listening().await?;
    if serving > 0 {
        return Err(Error::Conflict(format!(
            "{serving} askaf node(s) are serving from {}: stop them before copying into it \
             (their pages and index would not follow the copy)",
            to.location()
        )));
    }
    let existing = to.table_counts().await?;
    let filled: Vec<String> = existing
        .iter()
        .filter(|c| c.rows > 0)
        .map(|c| format!("{} ({})", c.table, c.rows_text()))
        .collect();
    if !filled.is_empty() && !replace {
        return Err(Error::Conflict(format!(
            "the target database {} is not empty: {}; copy into an empty database, \
             or pass --replace to delete what it holds first",
            to.location(),
            filled.join(", ")
        )));
    }
    let mut tx = to.begin_write().await?;
    for (table, _) in SCHEMA.iter().rev() {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await?;
    }
    for &(table, columns) in SCHEMA {
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        );
        let select = select(table, columns);
        let mut rows = sqlx::query(&select).fetch(&from.pool);
        while let Some(row) = rows.try_next().await? {
            let mut q = sqlx::query(&insert);
            for (i, &(_, ty)) in columns.iter().enumerate() {
                q = Value::read(&row, i, ty)?.bind(q);
            }
            q.execute(&mut *tx).await?;
        }
        if to.kind() == Kind::Postgres && names.first() == Some(&"id") && table != "spam_patterns" {
            // The next id drawn is one past the largest copied.
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                               COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    let source = from.table_counts().await?;
    let copied = to.table_counts().await?;
    if source != copied {
        let differ: Vec<String> = source
            .iter()
            .zip(&copied)
            .filter(|(a, b)| a.rows != b.rows)
            .map(|(a, b)| format!("{}: {} in the source, {} copied", a.table, a.rows, b.rows))
            .collect();
        return Err(Error::Conflict(format!(
            "the copy's row counts differ from the source's (was the source written to during the copy?): {}",
            differ.join("; ")
        )));
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{testing, EditAction, Location, NewComment, NewEdit, Status};
    use askaf_content::Lang;

    /// A site with something in every table.
    async fn fill(store: &Store) {
        let (site, bodies) = {
            let text = "+++\nslug = \"a\"\nlang = \"en\"\ntitle = \"T\"\nquestion = \"Q?\"\nsummary = \"S.\"\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nBody.\n";
            askaf_content::Site::from_files_with_bodies([(
                std::path::PathBuf::from("a.md"),
                text.to_string(),
            )])
            .unwrap()
        };
        let a = site.get(Lang::En, "a").unwrap();
        store
            .record_articles(&[(a, &bodies[&(Lang::En, a.slug().clone())])])
            .await
            .unwrap();
        store
            .record_files(
                &[crate::CatalogueEntry {
                    path: "a.md".into(),
                    size: 10,
                    mtime_ns: -1,
                    revision: a.revision.clone(),
                    front: a.front.clone(),
                    uploads: Some(vec!["0123456789abcdef-1200x800.jpg".into()]),
                    followed: Some(a.followed.clone()),
                }],
                &[],
            )
            .await
            .unwrap();
        store
            .record_content_look(std::path::Path::new("/srv/content"))
            .await
            .unwrap();
        let parent = store
            .insert_approved_comment(Lang::En, "a", "Ana", "first")
            .await
            .unwrap();
        let held = store
            .insert_comment(&NewComment {
                lang: Lang::Fa,
                slug: "b",
                parent_id: Some(parent),
                name: "Bo",
                email: Some("bo@example.org"),
                ip: Some("203.0.113.9"),
                body: "سلام",
                body_html: "<p>سلام</p>",
                fingerprint: "f",
                status: Status::Pending,
                held: vec![askaf_comments::Reason::FirstComment],
                staff: Some("mod"),
            })
            .await
            .unwrap();
        store
            .moderate(held, crate::Moderation::Approve, "mod")
            .await
            .unwrap();
        store
            .set_comments_closed(Lang::Ps, "c", true, "mod")
            .await
            .unwrap();
        store
            .add_ban("email", "spam@example.org", "", "mod")
            .await
            .unwrap();
        store.set_spam_patterns("casino\n", "mod").await.unwrap();
        let user = store.create_user("ana", "editor", "$hash").await.unwrap();
        store.create_session(user.id, "token", 3600).await.unwrap();
        store
            .record_login_failure("bo", "198.51.100.1")
            .await
            .unwrap();
        store
            .site_secret("signing", || vec![0, 1, 255])
            .await
            .unwrap();
        store
            .record_question(&crate::QuestionRecord {
                question: "Who governs Afghanistan?",
                lang: Lang::En,
                key: "afghanistan govern",
                answered: true,
                confidence: 0.75,
                answer: Some(("/en/government#p-1", "The Taliban govern.")),
                feedback_hash: Some("hash"),
                decision: None,
                near: None,
            })
            .await
            .unwrap();
        store
            .record_question(&crate::QuestionRecord {
                question: "Who is the president of Iran?",
                lang: Lang::En,
                key: "iran president",
                answered: false,
                confidence: 0.66,
                answer: None,
                feedback_hash: None,
                decision: Some("short_and_lacking"),
                near: Some(("/en/history#p-6", "Ashraf Ghani became president in 2014.")),
            })
            .await
            .unwrap();
        assert!(store.answer_feedback("hash", false).await.unwrap());
        store
            .add_media("0123456789abcdef-2x1.png", &[0, 1, 255], "ana", "map.png")
            .await
            .unwrap();
        store.count_ask("203.0.113.9").await.unwrap();
        store
            .set_tag_labels("water", &[(Lang::Fa, "آب")], "ana")
            .await
            .unwrap();
        let edit = |source, action, base| NewEdit {
            lang: Lang::En,
            slug: "new",
            path: "editor:en/new.md",
            source,
            title: "New",
            author: Some("ana"),
            action,
            base,
            file_revision: None,
            original: None,
            original_served: false,
        };
        let first = store
            .save_edit(&edit("one", EditAction::Draft, None))
            .await
            .unwrap()
            .unwrap();
        store
            .save_edit(&edit("two", EditAction::Publish, Some(first)))
            .await
            .unwrap()
            .unwrap();
        store
            .schedule(Lang::En, "ed", 1_900_000_000, "editor", None)
            .await
            .unwrap();
        store
            .request_review(Lang::En, "ed", "writer")
            .await
            .unwrap();
        let late = store
            .record_late_save(&crate::NewLateSave {
                lang: Lang::En,
                slug: "new",
                author: "ana",
                action: EditAction::Publish,
                new: false,
                form: "{}",
                base: Some(first),
                step: Some("review"),
            })
            .await
            .unwrap();
        store
            .end_late_save(late, crate::LateOutcome::Failed, None, Some("why"))
            .await
            .unwrap();
        store
            .note_unapplied(Lang::En, "new", "index gone")
            .await
            .unwrap();
    }

    /// SQLite → PostgreSQL → SQLite gives the same rows in every table, ids
    /// included; a target with rows is refused unless told; and PostgreSQL's
    /// next ids follow the copied ones.
    #[tokio::test]
    async fn a_round_trip_through_postgres_keeps_every_row() {
        let Some(pg) = testing::database() else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Store::connect(&Location::Sqlite(dir.path().join("a")))
            .await
            .unwrap();
        fill(&sqlite).await;
        let original = sqlite.dump().await.unwrap();
        for (table, rows) in &original {
            assert!(!rows.is_empty(), "the test fills every table: {table}");
        }
        let postgres = Store::connect(&pg.location()).await.unwrap();
        let counts = copy_database(&sqlite, &postgres, false).await.unwrap();
        assert_eq!(counts, sqlite.table_counts().await.unwrap());
        assert_eq!(postgres.dump().await.unwrap(), original);

        // Not into a database that holds a site, unless told.
        let err = copy_database(&sqlite, &postgres, false)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not empty") && err.contains("--replace"),
            "{err}"
        );
        copy_database(&sqlite, &postgres, true).await.unwrap();
        assert_eq!(postgres.dump().await.unwrap(), original);

        // Nor while a node serves from it (a node listens for notices).
        let node = postgres.listen().await.unwrap().unwrap();
        let err = copy_database(&sqlite, &postgres, true)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("1 askaf node(s) are serving from"), "{err}");
        drop(node);

        // The sequences were moved past the copied ids.
        let next = postgres
            .insert_approved_comment(Lang::En, "a", "Cy", "after the copy")
            .await
            .unwrap();
        let max = original
            .iter()
            .find(|(t, _)| *t == "comments")
            .map(|(_, rows)| rows.len() as i64)
            .unwrap();
        assert_eq!(next, max + 1);
        sqlx::query("DELETE FROM comments WHERE id = $1")
            .bind(next)
            .execute(&postgres.pool)
            .await
            .unwrap();

        let back = Store::connect(&Location::Sqlite(dir.path().join("b")))
            .await
            .unwrap();
        copy_database(&postgres, &back, false).await.unwrap();
        assert_eq!(back.dump().await.unwrap(), original);
    }

    /// [`SCHEMA`] names every table and column the SQLite migrations make,
    /// and no other.
    #[tokio::test]
    async fn the_copied_schema_is_the_whole_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT IN ('_sqlx_migrations', 'sqlite_sequence') ORDER BY name",
        )
        .fetch_all(&store.pool)
        .await
        .unwrap();
        let mut listed: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        listed.sort();
        assert_eq!(tables, listed);
        for &(table, columns) in SCHEMA {
            let actual: Vec<String> =
                sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(&store.pool)
                    .await
                    .unwrap();
            let mut actual = actual;
            actual.sort();
            let mut names: Vec<String> = columns.iter().map(|(c, _)| c.to_string()).collect();
            names.sort();
            assert_eq!(actual, names, "the columns of {table}");
        }
    }
}

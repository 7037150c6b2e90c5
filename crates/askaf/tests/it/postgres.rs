//! Serving on PostgreSQL (`--database`): the same site, its comments and
//! accounts in a throwaway PostgreSQL database (see
//! `askaf_store::testing`), nothing of them in the data directory.

use askaf_content::Lang;
use askaf_store::{Status, Store};

use crate::helpers::{add_user_with, askaf, TestApp, MOD_PASSWORD};

const ARTICLE: &str = "/en/afghan-currency";

/// A reader's comment is held, a moderator signs in and approves it, and
/// every reader then sees it; the comment, the decisions and the account are
/// rows of the PostgreSQL database, and the data directory holds no SQLite.
#[tokio::test]
async fn a_comment_is_posted_approved_and_shown_on_postgres() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let url = db.url();
    // The account goes where the server will look for it.
    add_user_with(
        data.path(),
        &["--database", &url],
        "mod",
        "moderator",
        MOD_PASSWORD,
    );
    // The server over the Unix socket; the command above came over TCP.
    let app = TestApp::spawn_with(
        data.path(),
        &["--database", &db.socket_url(), "--comment-min-seconds", "0"],
        None,
    );
    let health = app.json("/healthz").await;
    assert_eq!(
        (&health["database"], &health["database_kind"]),
        (&"ok".into(), &"postgres".into()),
        "{health}"
    );
    let body = "Tashakur: this answered my question";
    let r = app
        .comment(ARTICLE, &[("name", "Reader"), ("body", body)])
        .await;
    assert_eq!(TestApp::location(&r), format!("{ARTICLE}/comments/held"));
    assert!(!app.text(ARTICLE).await.contains(body), "held, not shown");

    let store = Store::connect(&db.location()).await.unwrap();
    let pending = store
        .comments_with_status(Status::Pending, 10)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1, "the held comment is in PostgreSQL");
    assert_eq!(pending[0].body, body);

    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/comments",
            &format!("/admin/comments/{}", pending[0].id),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    // Another reader, with no session, sees it.
    let page = app.reader_text(ARTICLE).await;
    assert!(page.contains(body), "the approved comment is shown");
    assert_eq!(
        store
            .approved_count(Lang::En, "afghan-currency")
            .await
            .unwrap(),
        1
    );
    let log = store.decisions(Some(pending[0].id), 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|d| d.action.as_str()).collect();
    assert_eq!(actions, ["approved", "held"]);
    assert_eq!(log[0].actor.as_deref(), Some("mod"));
    assert!(
        !data.path().join(askaf_store::DB_FILE).exists(),
        "no SQLite database in the data directory"
    );
    store.close().await;
}

/// A SQLite site moved to PostgreSQL with `askaf copy-db` keeps its
/// accounts (a moderator signs in to the server on PostgreSQL); the copy
/// prints every table's count, and a second copy into the now full database
/// is refused unless `--replace`.
#[tokio::test]
async fn copy_db_moves_a_sqlite_site_to_postgres() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let sqlite = tempfile::tempdir().unwrap();
    crate::helpers::add_user(sqlite.path(), "mod", "moderator", MOD_PASSWORD);
    let from = sqlite.path().to_str().unwrap();
    let url = db.url();

    let (ok, out, err) = askaf(&["copy-db", "--from", from, "--to", &url]);
    assert!(ok, "{err}");
    for table in askaf_store::TABLES {
        assert!(out.contains(table), "{table} is reported: {out}");
    }
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["users", "1", "row"]),
        "{out}"
    );

    let (ok, _, err) = askaf(&["copy-db", "--from", from, "--to", &url]);
    assert!(!ok);
    assert!(
        err.contains("not empty") && err.contains("users (1 row)"),
        "{err}"
    );
    let (ok, _, err) = askaf(&["copy-db", "--from", from, "--to", &url, "--replace"]);
    assert!(ok, "{err}");

    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--database", &url], None);
    app.login("mod", MOD_PASSWORD).await;
}

/// What only SQLite does is refused on PostgreSQL with what to use instead.
#[test]
fn backup_and_restore_name_pg_dump_on_postgres() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let url = "postgres://askaf:secret@127.0.0.1:9/askaf";
    let (ok, _, err) = askaf(&["backup", "b.db", "--data", dir, "--database", url]);
    assert!(!ok);
    assert!(err.contains("pg_dump"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is not printed: {err}"
    );
    let (ok, _, err) = askaf(&["restore", "b.db", "--data", dir, "--database", url]);
    assert!(!ok);
    assert!(err.contains("pg_restore"), "{err}");
    let (ok, _, err) = askaf(&["copy-db", "--from", "/nowhere/at/all", "--to", dir]);
    assert!(!ok);
    assert!(err.contains("no database to copy"), "{err}");
    let (ok, _, err) = askaf(&["serve", "--data", dir, "--database", "mysql://x/y"]);
    assert!(!ok);
    assert!(
        err.contains("database_url") && err.contains("postgres://"),
        "{err}"
    );
}

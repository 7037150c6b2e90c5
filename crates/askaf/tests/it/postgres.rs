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
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=no-email")
    );
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
    // Each line says where its comment stands now: on the page.
    assert!(log
        .iter()
        .all(|d| d.comment_status == Some(askaf_store::Status::Approved)));
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
        err.contains("--database:") && err.contains("takes a postgres://"),
        "{err}"
    );
}

/// A session of the test's own on `url`, outside the server.
async fn session(url: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(url).await.unwrap()
}

/// A table locked by another session: `/healthz` and a comment's post
/// answer 503 within the store's bounds, not after the lock is let go;
/// and once it is, the node serves again.
#[tokio::test]
async fn a_locked_table_answers_503_instead_of_hanging() {
    use sqlx::Executor;
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--database", &db.url(), "--comment-min-seconds", "0"],
        None,
    );
    // The page is made before: only the post needs the database.
    app.text(ARTICLE).await;
    let mut locker = session(&db.url()).await;
    locker
        .execute(
            "BEGIN; LOCK TABLE article_edits, comments, comment_decisions IN ACCESS EXCLUSIVE MODE",
        )
        .await
        .unwrap();

    let start = std::time::Instant::now();
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 503);
    let health: serde_json::Value = r.json().await.unwrap();
    assert_eq!(health["database"], "unavailable", "{health}");
    let r = app
        .comment(
            ARTICLE,
            &[("name", "Reader"), ("body", "While a table is locked")],
        )
        .await;
    assert_eq!(r.status(), 503);
    let page = r.text().await.unwrap();
    assert!(page.contains("your comment was not saved"), "{page}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(12),
        "two requests took {:?}",
        start.elapsed()
    );

    locker.execute("ROLLBACK").await.unwrap();
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// A node starting while another holds the migrations' lock waits for it,
/// however long, rather than giving up at the serving bounds.
#[tokio::test]
async fn a_node_starting_waits_for_migrations_past_the_lock_timeout() {
    use sqlx::Executor;
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    Store::connect(&db.location()).await.unwrap().close().await;
    let mut locker = session(&db.url()).await;
    locker
        .execute("BEGIN; LOCK TABLE _sqlx_migrations IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let release = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        locker.execute("ROLLBACK").await.unwrap();
        locker
    });
    let options = askaf_store::Options {
        bounded: true,
        ..askaf_store::Options::default()
    };
    let store = Store::connect_with(&db.location(), &options).await.unwrap();
    release.await.unwrap();
    store.ping().await.unwrap();
    store.close().await;
}

/// pg_stat_activity tells a node from a command: `askaf serve HOST/PID`,
/// the notices' listener included.
#[tokio::test]
async fn connections_say_which_node_they_are() {
    use sqlx::Row;
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--database", &db.url()], None);
    app.get("/healthz").await;
    let mut s = session(&db.url()).await;
    let names: Vec<String> = sqlx::query(
        "SELECT application_name FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid() \
         AND backend_type = 'client backend'",
    )
    .fetch_all(&mut s)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get("application_name"))
    .collect();
    let pid = format!("/{}", app.pid());
    assert!(!names.is_empty());
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("askaf serve ") && n.ends_with(&pid)),
        "{names:?}"
    );
}

/// A server that is not there is said as such ("Connection refused"),
/// not as the pool's timeout.
#[test]
fn an_unreachable_database_says_why() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://askaf@127.0.0.1:{port}/askaf");
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let (ok, _, err) = askaf(&["user", "list", "--data", dir, "--database", &url]);
    assert!(!ok);
    assert!(err.contains("refused"), "{err}");
    assert!(!err.contains("timed out"), "{err}");
}

/// A role that may only read lists the accounts and the questions; a
/// schema behind this build's is refused with what to do, not migrated.
#[tokio::test]
async fn a_read_only_role_runs_the_commands_that_read() {
    use sqlx::Executor;
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    add_user_with(
        data.path(),
        &["--database", &db.url()],
        "ana",
        "admin",
        MOD_PASSWORD,
    );
    let mut s = session(&db.url()).await;
    s.execute(
        "DO $$ BEGIN CREATE ROLE askaf_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; \
         GRANT SELECT ON ALL TABLES IN SCHEMA public TO askaf_reader",
    )
    .await
    .unwrap();
    let reader = db.url().replacen("postgres@", "askaf_reader@", 1);
    let (ok, out, err) = askaf(&["user", "list", "--data", dir, "--database", &reader]);
    assert!(ok, "{err}");
    assert!(out.contains("ana\tadmin"), "{out}");
    let (ok, _, err) = askaf(&["questions", "--data", dir, "--database", &reader]);
    assert!(ok, "{err}");

    // One migration undone in the record: behind, and said so.
    s.execute(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .await
    .unwrap();
    let (ok, _, err) = askaf(&["user", "list", "--data", dir, "--database", &reader]);
    assert!(!ok);
    assert!(
        err.contains("schema version") && err.contains("askaf serve"),
        "{err}"
    );
}

/// A proxy on a port of its own to 127.0.0.1:`to` that holds each
/// connection `delay` before it forwards it, as a loaded host's slow
/// connect does. It runs until the test process ends.
fn slow_proxy(to: u16, delay: std::time::Duration) -> u16 {
    use std::net::{Shutdown, TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let Ok(server) = TcpStream::connect(("127.0.0.1", to)) else {
                    return;
                };
                let (mut from_client, mut to_server) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                let up = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from_client, &mut to_server);
                    let _ = to_server.shutdown(Shutdown::Write);
                });
                let (mut from_server, mut to_client) = (server, client);
                let _ = std::io::copy(&mut from_server, &mut to_client);
                let _ = to_client.shutdown(Shutdown::Write);
                let _ = up.join();
            });
        }
    });
    port
}

/// `url` (`postgres://…@127.0.0.1:PORT/…`) through a [`slow_proxy`] to its
/// port, which holds each connection `delay`.
fn through_slow_proxy(url: &str, delay: std::time::Duration) -> String {
    let port: u16 = url
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap();
    let proxy = slow_proxy(port, delay);
    url.replace(&format!(":{port}/"), &format!(":{proxy}/"))
}

/// On a host where every connect to PostgreSQL takes longer than a
/// request's wait for a connection (3 s), `askaf serve` starts, says why
/// it waits longer, serves, takes a comment and listens for the other
/// nodes' notices: each pooled connect was given up at 3 s, so the node
/// exited after half a minute of asking again, and could never start there.
#[tokio::test]
async fn a_node_starts_where_every_connect_is_slow() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let slow_url = through_slow_proxy(&db.url(), std::time::Duration::from_millis(3500));
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("serve.log");
    let app = TestApp::spawn_logged(
        data.path(),
        &["--database", &slow_url, "--comment-min-seconds", "0"],
        None,
        Some(&log),
    );
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(
        said.contains("connecting to the database took") && said.contains("a request waits up to"),
        "{said}"
    );
    assert_eq!(app.get("/healthz").await.status(), 200);
    let r = app
        .comment(ARTICLE, &[("name", "Reader"), ("body", "Over a slow link")])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let store = Store::connect(&db.location()).await.unwrap();
    let other = &store;
    crate::helpers::eventually("the node listens for notices", || async move {
        other.nodes_listening().await.unwrap() >= 1
    })
    .await;
    store.close().await;
}

/// On a host where every connect to PostgreSQL takes longer than a call
/// to the store may take on a host that connects quickly (20 s; 4 s here,
/// through askaf's `ASKAF_TEST_ANSWER_WITHIN_MS`, so the test waits for
/// 5 s connects, not 21 s ones), a node follows the other nodes: it
/// listens for their notices and applies an article another node
/// publishes, and nothing it asks the database is given up for a hang.
/// The background loops gave up any call after a fixed 20 s while the pool
/// waited twice the connect (42 s with 21 s connects): every listening
/// connection was given up before it was made, so the node never
/// listened, and the read of its unapplied articles at start failed.
/// Their wait now follows the pool's (`Store::answer_within`).
#[tokio::test]
async fn a_node_follows_the_others_where_every_connect_outlasts_a_calls_limit() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let limit = std::time::Duration::from_secs(4);
    let connect = limit + std::time::Duration::from_secs(1);
    let slow_url = through_slow_proxy(&db.url(), connect);
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("serve.log");
    // Two connects before it listens (the migrations', the pool's first),
    // a third if its start asks two things at once, and a start's own
    // time on a loaded machine (the whole workspace's tests at once: 4
    // connects' time was once too short there).
    let limit_ms = limit.as_millis().to_string();
    let app = TestApp::spawn_logged_within(
        data.path(),
        &["--database", &slow_url],
        &log,
        connect * 3 + crate::helpers::START_DEADLINE * 2,
        &[("ASKAF_TEST_ANSWER_WITHIN_MS", &limit_ms)],
    );
    let store = Store::connect(&db.location()).await.unwrap();
    // Its listening connection is one more connect.
    let deadline = std::time::Instant::now() + connect * 3;
    while store.nodes_listening().await.unwrap() < 1 {
        let said = std::fs::read_to_string(&log).unwrap();
        assert!(
            std::time::Instant::now() < deadline,
            "the node does not listen: {said}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let slug = "slow-link-follow-test";
    crate::helpers::publish_in_store(&store, slug, "Saved on another node.").await;
    crate::editor::published_within(&app, &format!("/en/{slug}"), connect * 3).await;
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(!said.contains("did not answer within"), "{said}");
    store.close().await;
}

/// `askaf ask --database URL` asks the site a node serves from PostgreSQL,
/// with what the editor published there, while the node runs.
#[tokio::test]
async fn ask_with_the_database_quotes_what_the_editor_published() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let url = db.url();
    crate::cli::ask_the_served_site(&["--database", &db.socket_url()], &["--database", &url]).await;
}

/// `askaf ask --database URL` reads the site from one snapshot, so a node
/// writing meanwhile changes nothing it sees: while another connection
/// adds rows without pause, each ask succeeds and quotes the site. Until
/// 7 December it copied the database table by table and then checked the
/// copy's row counts against the source's, which such writes made fail.
#[tokio::test]
async fn ask_reads_one_snapshot_while_another_connection_writes() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--database", &db.socket_url()], None);
    assert_eq!(app.get("/healthz").await.status(), 200);
    let store = Store::connect(&db.location()).await.unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writing = stop.clone();
    let writer = tokio::spawn(async move {
        let mut written = 0u32;
        while !writing.load(Ordering::Relaxed) {
            store.count_ask(&format!("writer-{written}")).await.unwrap();
            written += 1;
        }
        store.close().await;
        written
    });
    for _ in 0..3 {
        let url = db.url();
        let (ok, out, err) = tokio::task::spawn_blocking(move || {
            askaf(&[
                "ask",
                "What currency does Afghanistan use?",
                "--database",
                &url,
            ])
        })
        .await
        .unwrap();
        assert!(ok, "{err}");
        assert!(out.contains("</en/afghan-currency#p-"), "{out}");
    }
    stop.store(true, Ordering::Relaxed);
    assert!(writer.await.unwrap() > 0);
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// A start on PostgreSQL says what a content directory recorded as servers
/// before 7 December named theirs (`content/`, relative) is: not one a
/// server of this version reads, another node's only if an older one still
/// runs, until when it keeps images from deletion, when it goes by itself,
/// and how to forget it at once. It is left as it is: the store cannot
/// tell it from a running older node's. Such a directory was taken, with
/// no word, for another node's.
#[tokio::test]
async fn a_content_directory_named_as_before_is_said_at_start_and_left() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    std::fs::create_dir_all(content.join("en")).unwrap();
    std::fs::write(
        content.join("en").join("a.md"),
        crate::helpers::article("a", "en", "", "Kabul is the capital."),
    )
    .unwrap();
    let store = Store::connect(&db.location()).await.unwrap();
    store
        .record_content_look(std::path::Path::new("content"))
        .await
        .unwrap();
    let log = root.path().join("serve.log");
    let app = TestApp::spawn_logged(
        &root.path().join("data"),
        &[
            "--database",
            &db.url(),
            "--content",
            content.to_str().unwrap(),
        ],
        None,
        Some(&log),
    );
    assert_eq!(app.get("/healthz").await.status(), 200);
    drop(app);
    let said = std::fs::read_to_string(&log).unwrap();
    for part in [
        "holds 0 file(s) under `content/`".to_string(),
        format!("(this one: {})", content.display()),
        "another node's only if a server of an older version still runs".into(),
        "keep the images they show from deletion until".into(),
        "DELETE FROM content_dirs WHERE dir = 'content/';".into(),
    ] {
        assert!(said.contains(&part), "missing `{part}` in: {said}");
    }
    assert!(
        !said.contains(&format!("under `{}/`", content.display())),
        "{said}"
    );
    let found = store.content_dirs_named_otherwise().await.unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].dir, "content/");
    store.close().await;
}

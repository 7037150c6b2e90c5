//! `askaf user`, `askaf backup` and `askaf restore` as an operator runs them.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::helpers::{TestApp, BIN, MOD_PASSWORD};

/// Runs `askaf ARGS` with `stdin` as its input; (success, stdout, stderr).
fn askaf(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("ASKAF_DATA")
        .env_remove("ASKAF_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits before reading stdin: the
    // write may then meet a closed pipe, which is not the test's concern.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn data_arg(dir: &Path) -> String {
    dir.display().to_string()
}

#[test]
fn user_commands_create_change_and_remove_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let d = data_arg(dir.path());
    let (ok, _, err) = askaf(
        &["user", "add", "Ana", "--role", "moderator", "--data", &d],
        "short\n",
    );
    assert!(!ok);
    assert!(err.contains("at least 10 characters"), "{err}");
    let (ok, _, err) = askaf(
        &["user", "add", "ana", "--role", "king", "--data", &d],
        "long enough pass\n",
    );
    assert!(!ok);
    assert!(
        err.contains("admin") && err.contains("moderator"),
        "names the roles: {err}"
    );
    let (ok, _, err) = askaf(
        &["user", "add", "a b", "--role", "admin", "--data", &d],
        "long enough pass\n",
    );
    assert!(!ok, "{err}");

    let (ok, out, err) = askaf(
        &["user", "add", "Ana", "--role", "moderator", "--data", &d],
        "long enough pass\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("created ana (moderator)"));
    let (ok, _, err) = askaf(
        &["user", "add", "ana", "--role", "admin", "--data", &d],
        "long enough pass\n",
    );
    assert!(!ok);
    assert!(err.contains("already"), "{err}");

    // The config file names the data directory as it does for serve.
    let config = dir.path().join("askaf.toml");
    std::fs::write(&config, format!("data = {:?}\n", d)).unwrap();
    let (ok, out, _) = askaf(&["user", "list", "--config", config.to_str().unwrap()], "");
    assert!(ok);
    assert!(out.starts_with("ana\tmoderator\t"), "{out}");

    let (ok, _, err) = askaf(
        &["user", "passwd", "nobody", "--data", &d],
        "another long one\n",
    );
    assert!(!ok);
    assert!(err.contains("no account named nobody"), "{err}");
    let (ok, _, err) = askaf(
        &["user", "passwd", "ana", "--data", &d],
        "another long one\n",
    );
    assert!(ok, "{err}");
    let (ok, _, err) = askaf(&["user", "remove", "ana", "--data", &d], "");
    assert!(ok, "{err}");
    let (ok, _, err) = askaf(&["user", "remove", "ana", "--data", &d], "");
    assert!(!ok);
    assert!(err.contains("no account named ana"), "{err}");
}

/// An account made with `--data` in the directory of a server that keeps
/// its data in PostgreSQL would land in a SQLite file nobody reads: refused.
#[test]
fn an_account_is_not_made_beside_a_server_on_another_database() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap().to_string();
    let lock = askaf_store::DataLock::acquire(dir.path()).unwrap();
    let (ok, _, err) = askaf(
        &["user", "add", "stray", "--role", "admin", "--data", &d],
        "long enough pass\n",
    );
    assert!(!ok);
    assert!(err.contains("--database"), "{err}");
    assert!(!dir.path().join("askaf.db").exists());
    drop(lock);
    // With no server there, the first account makes the site's database.
    let (ok, _, err) = askaf(
        &["user", "add", "first", "--role", "admin", "--data", &d],
        "long enough pass\n",
    );
    assert!(ok, "{err}");
}

/// A mistyped `--data` (a directory that is not there, or one that holds
/// other things but no site) is refused by `user add`, naming it, and
/// nothing is made: it made a new, empty site there, which the server
/// never read. A directory made for a new site (empty) takes its first
/// account, as it did.
#[test]
fn user_add_refuses_a_data_directory_that_holds_no_site() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("askaf-dta");
    let t = data_arg(&typo);
    let (ok, _, err) = askaf(
        &["user", "add", "ana", "--role", "admin", "--data", &t],
        "long enough pass\n",
    );
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "no database at {t}/askaf.db: there is no directory {t};"
        )) && err.contains(&format!(
            "mkdir {t}) or start `askaf serve --data {t}` once"
        )),
        "{err}"
    );
    assert!(!typo.exists(), "nothing is made");

    let other = dir.path().join("content");
    std::fs::create_dir_all(other.join("en")).unwrap();
    let o = data_arg(&other);
    let (ok, _, err) = askaf(
        &["user", "add", "ana", "--role", "admin", "--data", &o],
        "long enough pass\n",
    );
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "no database at {o}/askaf.db, and {o} holds other files"
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&other).unwrap().count(),
        1,
        "nothing is made"
    );

    let new = dir.path().join("new");
    std::fs::create_dir(&new).unwrap();
    let (ok, out, err) = askaf(
        &[
            "user",
            "add",
            "ana",
            "--role",
            "admin",
            "--data",
            &data_arg(&new),
        ],
        "long enough pass\n",
    );
    assert!(ok && out.contains("created ana"), "{err}");
}

#[tokio::test]
async fn a_new_password_works_on_the_login_page_and_the_old_one_does_not() {
    let mut app = TestApp::spawn_for_comments(&[]);
    let d = data_arg(&app.data_dir);
    let (ok, _, err) = askaf(
        &["user", "passwd", "mod", "--data", &d],
        "a replaced passphrase\n",
    );
    assert!(ok, "{err}");
    let (csrf, _) = app.form_tokens("/admin/login").await;
    let r = app
        .post_form(
            "/admin/login",
            &[
                ("username", "mod"),
                ("password", MOD_PASSWORD),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(r.status(), 401);
    app.login("mod", "a replaced passphrase").await;
    app.kill_hard();
}

#[tokio::test]
async fn backup_while_serving_and_restore_bring_back_the_comments() {
    let mut app = TestApp::spawn_for_comments(&[]);
    let d = data_arg(&app.data_dir);
    let r = app
        .comment(
            "/en/afghan-currency",
            &[("name", "Before"), ("body", "written before the backup")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let backup = tempfile::tempdir().unwrap();
    let file = backup.path().join("askaf-backup.db");
    let f = file.to_str().unwrap();
    let (ok, out, err) = askaf(&["backup", f, "--data", &d], "");
    assert!(ok, "{err}");
    assert!(out.contains("backed up"));
    let (ok, _, err) = askaf(&["backup", f, "--data", &d], "");
    assert!(!ok, "never overwrites");
    assert!(err.contains("exists already"), "{err}");
    // A mistyped data directory is refused, not made into an empty site
    // whose "backup" could be restored over this one.
    let typo = backup.path().join("dta");
    let t = typo.to_str().unwrap();
    let other = backup.path().join("other.db");
    for args in [
        &["backup", other.to_str().unwrap(), "--data", t][..],
        &["user", "list", "--data", t],
        &["questions", "--data", t],
    ] {
        let (ok, _, err) = askaf(args, "");
        assert!(!ok, "{args:?}");
        assert!(err.contains("no database at"), "{args:?}: {err}");
    }
    assert!(!typo.exists() && !other.exists());
    let r = app
        .comment(
            "/en/afghan-currency",
            &[("name", "After"), ("body", "written after the backup")],
        )
        .await;
    assert_eq!(r.status(), 303);

    let (ok, _, err) = askaf(&["restore", f, "--data", &d], "");
    assert!(!ok, "a running server keeps its database");
    assert!(err.contains("in use by a running server"), "{err}");
    let junk = backup.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();

    app.kill_hard();
    let (ok, _, err) = askaf(&["restore", junk.to_str().unwrap(), "--data", &d], "");
    assert!(!ok);
    assert!(err.contains("not a usable AskAfghanistan backup"), "{err}");
    let (ok, out, err) = askaf(&["restore", f, "--data", &d], "");
    assert!(ok, "{err}");
    assert!(out.contains("kept as"), "{out}");

    let app = TestApp::spawn_with(&app.data_dir.clone(), &[], None);
    app.login("mod", MOD_PASSWORD).await;
    let queue = app.text("/admin/comments").await;
    assert!(queue.contains("written before the backup"));
    assert!(!queue.contains("written after the backup"));
}

/// An administrator manages accounts in the browser (issue 12, item 7):
/// creates one, changes its role and password, removes it; cannot demote or
/// remove their own account; a cross-site post and another role are
/// refused; every action is in the decision log with who did it.
#[tokio::test]
async fn an_administrator_manages_accounts_in_the_browser_and_the_log_says_who() {
    let data = tempfile::tempdir().unwrap();
    crate::helpers::add_user(data.path(), "root", "admin", MOD_PASSWORD);
    let app = TestApp::spawn_with(data.path(), &[], None);
    app.login("root", MOD_PASSWORD).await;
    let users = "/admin/users";
    let new_password = "another long passphrase";

    let r = app
        .admin_post(
            users,
            users,
            &[
                ("username", "farida"),
                ("role", "editor"),
                ("password", new_password),
                ("confirm", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("The two passwords differ") && page.contains("value=\"farida\""),
        "{page}"
    );

    let (csrf, _) = app.form_tokens(users).await;
    let forged = app
        .client
        .post(format!("{}{users}", app.url))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "mallory"),
            ("role", "admin"),
            ("password", new_password),
            ("confirm", new_password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    let r = app
        .admin_post(
            users,
            users,
            &[
                ("username", "farida"),
                ("role", "editor"),
                ("password", new_password),
                ("confirm", new_password),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = app
        .admin_post(
            users,
            users,
            &[
                ("username", "farida"),
                ("role", "author"),
                ("password", new_password),
                ("confirm", new_password),
            ],
        )
        .await;
    assert_eq!(r.status(), 422, "a name is taken once");
    let account = "/admin/users/farida";
    let r = app
        .admin_post(users, account, &[("action", "role"), ("role", "moderator")])
        .await;
    assert_eq!(r.status(), 303);
    let listed = app.text(users).await;
    assert!(
        listed.contains("<td><bdi>farida</bdi></td><td>moderator</td>"),
        "{listed}"
    );
    let own = app
        .admin_post(
            users,
            "/admin/users/root",
            &[("action", "role"), ("role", "editor")],
        )
        .await;
    assert_eq!(own.status(), 409);
    let own = app
        .admin_post(users, "/admin/users/root", &[("action", "remove")])
        .await;
    assert_eq!(own.status(), 409);
    let later = "a third long passphrase";
    let r = app
        .admin_post(
            users,
            account,
            &[
                ("action", "password"),
                ("password", later),
                ("confirm", later),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    let log = app.text("/admin/log").await;
    for action in ["account created", "role changed", "password set"] {
        assert!(log.contains(action), "{action} is not in the log: {log}");
    }
    assert!(
        log.contains("<bdi>farida</bdi>: editor to moderator") && log.contains("root"),
        "{log}"
    );

    // The account works with its new password and its new role.
    app.login("farida", later).await;
    assert_eq!(
        app.get(users).await.status(),
        403,
        "a moderator does not manage accounts"
    );
    app.login("root", MOD_PASSWORD).await;
    let r = app
        .admin_post(users, account, &[("action", "remove")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.try_login("farida", later).await.status(), 401);
    assert!(app.text("/admin/log").await.contains("account removed"));
}

/// A password hash made with weaker argon2 parameters than today's (an
/// older build's, an account brought from elsewhere) is made again at the
/// account's next sign-in, with today's parameters; the password still
/// works, and the session of that sign-in goes on. Before, such a hash was
/// kept as it was for good.
#[tokio::test]
async fn a_weaker_password_hash_is_made_again_at_sign_in() {
    /// `MOD_PASSWORD` hashed with m=4096 KiB and t=1.
    const WEAK: &str =
        "$argon2id$v=19$m=4096,t=1,p=1$YXNrYWYtdGVzdC1zYWx0IQ$oHDzglv8rMOezT7p8bkuAQIDcEG9xuD+II5p4VM0TRc";
    let data = tempfile::tempdir().unwrap();
    crate::helpers::add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    store.set_password("ed", WEAK).await.unwrap();
    let mut app = TestApp::spawn_with(data.path(), &[], None);
    app.login("ed", MOD_PASSWORD).await;
    let (_, hash) = store.user_for_login("ed").await.unwrap().unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!askaf_auth::needs_rehash(&hash));
    assert_eq!(app.get("/admin").await.status(), 200, "the session goes on");
    app.client = TestApp::fresh_client();
    app.login("ed", MOD_PASSWORD).await;
}

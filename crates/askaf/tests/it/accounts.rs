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

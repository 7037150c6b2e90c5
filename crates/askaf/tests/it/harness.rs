//! The test harness itself: the start deadline fires, and servers start
//! without the developer's `ASKAF_*` settings.

use std::ffi::OsString;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use crate::helpers::{clean_env, start_listening};

/// Runs `start_listening` on `sh -c script` on a thread, so that a deadline
/// that never fires fails this test instead of hanging it.
fn start_script(script: &str, within: Duration) -> Result<String, String> {
    let mut command = Command::new("sh");
    command.args(["-c", script]);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(start_listening(command, within).map(|(mut child, url)| {
            let _ = child.kill();
            let _ = child.wait();
            url
        }));
    });
    rx.recv_timeout(within + Duration::from_secs(20))
        .expect("start_listening did not return: its deadline never fired")
}

#[test]
fn the_start_deadline_fires_when_a_server_hangs_before_listening() {
    let err = start_script("echo starting up; exec sleep 120", Duration::from_secs(1))
        .expect_err("a server that never listens");
    assert!(err.contains("no `listening on` line within 1s"), "{err}");
    // Silent, too.
    let err = start_script("exec sleep 120", Duration::from_secs(1)).expect_err("silent");
    assert!(err.contains("within"), "{err}");
}

#[test]
fn a_server_that_exits_or_listens_is_seen_at_once() {
    let err = start_script("echo no luck; exit 3", Duration::from_secs(60)).expect_err("exits");
    assert!(err.contains("exited before listening"), "{err}");
    let url = start_script(
        "echo warming up; echo listening on http://127.0.0.1:9; exec sleep 120",
        Duration::from_secs(60),
    )
    .expect("listens");
    assert_eq!(url, "http://127.0.0.1:9");
}

#[test]
fn servers_get_no_askaf_variable_of_the_test_environment() {
    let mut command = Command::new("sh");
    command.args(["-c", "env"]);
    // As if the developer's shell had exported these (a command's own
    // settings stand in for inherited ones: removing works the same).
    let exported = [
        ("ASKAF_CONTENT", "/somewhere/else"),
        ("ASKAF_SOME_FUTURE_SETTING", "1"),
        ("ASKAF_CONFIG", "/etc/askaf.toml"),
        ("KEEP_ME", "yes"),
    ];
    // The test's own environment too (CI exports ASKAF_REQUIRE_EXTERNAL
    // and the model directories), as `spawn_with` passes it.
    let parent: Vec<(OsString, OsString)> = exported
        .iter()
        .map(|(k, v)| (k.into(), v.into()))
        .chain(std::env::vars_os())
        .collect();
    command.envs(exported);
    clean_env(&mut command, parent);
    let out = command.output().unwrap();
    let env = String::from_utf8_lossy(&out.stdout);
    let leaked: Vec<&str> = env.lines().filter(|l| l.starts_with("ASKAF_")).collect();
    assert!(leaked.is_empty(), "{leaked:?}");
    assert!(env.lines().any(|l| l == "KEEP_ME=yes"));
}

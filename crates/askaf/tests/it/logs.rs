//! The server's logs carry no terminal colour codes where they are not read
//! at a terminal (a pipe, a file, journald).

use std::process::{Command, Stdio};

use crate::helpers::{clean_env, start_listening, BIN, START_DEADLINE};

#[test]
fn logs_to_a_pipe_have_no_colour_codes() {
    let data = tempfile::tempdir().unwrap();
    let mut command = Command::new(BIN);
    command
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(data.path());
    clean_env(&mut command, std::env::vars_os());
    command
        .env("ASKAF_LOG", "info")
        .env_remove("NO_COLOR")
        .stderr(Stdio::piped());
    let (mut child, _url) = start_listening(command, START_DEADLINE).unwrap();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("content loaded"), "{log}");
    assert!(
        !log.contains('\u{1b}'),
        "colour codes in a piped log: {log:?}"
    );
}

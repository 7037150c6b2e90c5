//! The sentence model's tests, in one binary so that candle links once.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test's unwrap is its failure, named with its line"
)]

mod e5;

use std::path::PathBuf;

/// The model directory named by the environment variable `var`, if it holds
/// `file`. Without it a test says so and passes, unless
/// ASKAF_REQUIRE_EXTERNAL=1 (as in CI), when it fails; `fetch` is the command
/// that prints the directory.
fn model_dir(var: &str, file: &str, fetch: &str) -> Option<PathBuf> {
    let dir = std::env::var_os(var).map(PathBuf::from);
    match dir.filter(|d| d.join(file).exists()) {
        Some(dir) => Some(dir),
        None if std::env::var("ASKAF_REQUIRE_EXTERNAL").as_deref() == Ok("1") => {
            panic!("{var} must name the model directory ({fetch}) when ASKAF_REQUIRE_EXTERNAL=1")
        }
        None => {
            eprintln!("skipped: set {var}=$({fetch}) to run this test");
            None
        }
    }
}

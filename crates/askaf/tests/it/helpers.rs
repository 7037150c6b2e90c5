use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_askaf");

/// A running `askaf serve` on 127.0.0.1:0 with a fresh data directory; killed on drop.
pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    child: Child,
    _data: Option<tempfile::TempDir>,
    pub data_dir: PathBuf,
}

impl TestApp {
    /// The built-in sample site.
    pub async fn spawn() -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let dir = data.path().to_path_buf();
        Self::spawn_with(&dir, &[], Some(data))
    }

    /// Starts the server on `data_dir` with extra arguments.
    pub fn spawn_with(data_dir: &Path, extra: &[&str], keep: Option<tempfile::TempDir>) -> TestApp {
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data_dir)
            .args(extra)
            .env_remove("ASKAF_ADDR")
            .env_remove("ASKAF_DATA")
            .env_remove("ASKAF_CONTENT")
            .env("ASKAF_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the askaf binary starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = loop {
            assert!(
                Instant::now() < deadline,
                "no `listening on` line within 30 s"
            );
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.trim().to_string();
                    }
                }
                _ => panic!("askaf serve exited before listening: {:?}", child.wait()),
            }
        };
        TestApp {
            url,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            child,
            _data: keep,
            data_dir: data_dir.to_path_buf(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.url, path))
            .send()
            .await
            .unwrap()
    }

    /// GET that must answer 200; returns the body.
    pub async fn text(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    pub async fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal valid article, for content directories the tests build.
pub fn article(slug: &str, lang: &str, extra_front: &str, body: &str) -> String {
    format!(
        "+++\nslug = \"{slug}\"\nlang = \"{lang}\"\ntitle = \"Title of {slug}\"\nquestion = \"What about {slug}?\"\nsummary = \"A short answer about {slug}.\"\ntags = [\"test\"]\npublished = 2026-01-01\nupdated = 2026-01-02\n{extra_front}\n[[sources]]\ntitle = \"A source\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n{body}\n"
    )
}

/// Extracts the value of the first `attr="..."` on the first tag matching `tag_start`.
pub fn attr(html: &str, tag_start: &str, attr: &str) -> Option<String> {
    let at = html.find(tag_start)?;
    let tag_end = html[at..].find('>')? + at;
    let tag = &html[at..tag_end];
    let key = format!("{attr}=\"");
    let v = tag.find(&key)? + key.len();
    let end = tag[v..].find('"')? + v;
    Some(tag[v..end].to_string())
}

//! An acknowledged comment survives kill -9, and a server killed leaves no
//! temporary file behind for long.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use crate::helpers::TestApp;

const ARTICLE: &str = "/en/who-governs-afghanistan";
const CLIENTS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_comment_survives_sigkill() {
    let data = tempfile::tempdir().unwrap();
    let limits = [
        "--comment-min-seconds",
        "0",
        "--comments-per-ip-per-hour",
        "1000000",
        "--comments-per-email-per-hour",
        "1000000",
    ];
    let mut app = TestApp::spawn_with(data.path(), &limits, None);
    let url = app.url.clone();
    let acked: Arc<Mutex<BTreeSet<String>>> = Arc::default();

    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (url, acked) = (url.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let client = TestApp::fresh_client();
            let Ok(page) = client.get(format!("{url}{ARTICLE}")).send().await else {
                return;
            };
            let html = page.text().await.unwrap_or_default();
            let field = |name: &str| {
                crate::helpers::attr(
                    &html,
                    &format!("<input type=\"hidden\" name=\"{name}\""),
                    "value",
                )
                .unwrap_or_default()
            };
            let (csrf, t) = (field("csrf"), field("t"));
            for n in 0.. {
                let body = format!("durability client {c} comment {n}");
                let sent = client
                    .post(format!("{url}{ARTICLE}/comments"))
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("t", &t),
                        ("name", "Load"),
                        ("body", &body),
                    ])
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 303 => {
                        acked.lock().unwrap().insert(body);
                    }
                    Ok(r) => panic!(
                        "comment refused: {} {}",
                        r.status(),
                        r.text().await.unwrap_or_default()
                    ),
                    // The server is gone.
                    Err(_) => return,
                }
            }
        }));
    }
    // Let comments flow, then pull the plug mid-stream: after 300, or after
    // a while on a slow machine. How many got through is not the point;
    // that none of them is lost is.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while acked.lock().unwrap().len() < 300
        && std::time::Instant::now() < until
        && !tasks.iter().all(|t| t.is_finished())
    {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.kill_hard();
    for t in tasks {
        t.await.expect("a client task panicked");
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        !acked.is_empty(),
        "no comment was acknowledged: nothing to check"
    );

    // The server comes back on the same data, and every acknowledged comment is there.
    let app = TestApp::spawn_with(data.path(), &limits, None);
    assert_eq!(app.get("/healthz").await.status(), 200);
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    let stored: BTreeSet<String> = store
        .comments_with_status(askaf_store::Status::Pending, 1_000_000)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.body)
        .collect();
    let lost: Vec<&String> = acked.difference(&stored).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged comments lost, e.g. {:?}",
        lost.len(),
        lost.first()
    );
    store.close().await;
}

/// A server killed while writing a page or an image leaves its temporary
/// file (`.tmp-PID-N`) in DATA/pages or DATA/media: the next start, which
/// holds the data directory's lock, removes it, and says how many it
/// removed in each (the page directory's went unsaid until 7 December); a
/// start with none to remove says nothing. Files of other names stay.
#[tokio::test]
async fn a_temporary_file_left_by_a_killed_server_is_removed_at_start() {
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let first_log = logs.path().join("first.log");
    // One address at both starts, else the second takes the pages for
    // another site's and starts the page directory afresh.
    let site = ["--site-url", "https://askaf.example"];
    let mut app = TestApp::spawn_logged(data.path(), &site, None, Some(&first_log));
    assert_eq!(app.get(ARTICLE).await.status(), 200);
    let dead = app.pid();
    app.kill_hard();
    let pages = std::fs::read_dir(data.path().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .expect("a page kept on disk");
    let media = data.path().join("media");
    std::fs::create_dir_all(&media).unwrap();
    let left = [
        pages.join(format!(".tmp-{dead}-0")),
        media.join(format!(".tmp-{dead}-1")),
        // A live process, but no server of this data directory, whose
        // lock the next server holds (in a container, a server killed was
        // often process 1).
        media.join(".tmp-1-7"),
    ];
    let other = media.join(".tmp-notes");
    for file in left.iter().chain([&other]) {
        std::fs::write(file, b"half a file").unwrap();
    }

    let log = logs.path().join("server.log");
    let app = TestApp::spawn_logged(data.path(), &site, None, Some(&log));
    assert_eq!(app.get(ARTICLE).await.status(), 200);
    for file in &left {
        assert!(!file.exists(), "{} is left", file.display());
    }
    assert!(other.exists(), "not a temporary file of ours");
    let said = std::fs::read_to_string(&log).unwrap();
    let removed = |line: &&str| line.contains("removed temporary files left by a server");
    let lines: Vec<&str> = said.lines().filter(removed).collect();
    assert_eq!(lines.len(), 2, "one line for each directory:\n{said}");
    for (dir, count) in [(data.path().join("pages"), 1), (media, 2)] {
        assert!(
            lines.iter().any(|l| l.contains(&format!("removed={count}"))
                && l.contains(&format!("dir={}", dir.display()))),
            "{count} in {}:\n{said}",
            dir.display()
        );
    }
    let first = std::fs::read_to_string(&first_log).unwrap();
    assert!(
        !first.lines().any(|l| removed(&l)),
        "none removed:\n{first}"
    );
}

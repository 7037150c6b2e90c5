//! The content directory as the record's way in: an edit, a deletion or a
//! bad file among many articles, seen over HTTP as a reader and an
//! operator would see them, and the work each one costs (`/healthz` counts
//! pages rendered and articles indexed).

use std::path::Path;

use crate::helpers::{article, eventually, TestApp};
use crate::media::content_problems;

const ARTICLES: usize = 40;

/// A body that only its own article has words from.
fn body(i: usize) -> String {
    format!("Paragraph of article {i} about the river number{i}x and its bridges.\n\nA second paragraph of article {i} about orchards.")
}

fn write_site(dir: &Path) {
    std::fs::create_dir_all(dir.join("en")).unwrap();
    for i in 0..ARTICLES {
        std::fs::write(
            dir.join(format!("en/a{i}.md")),
            article(&format!("a{i}"), "en", "", &body(i)),
        )
        .unwrap();
    }
}

async fn health(app: &TestApp) -> serde_json::Value {
    app.json("/healthz").await
}

async fn etag(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.headers()["etag"].to_str().unwrap().to_string()
}

async fn status(app: &TestApp, path: &str) -> u16 {
    app.get(path).await.status().as_u16()
}

/// The first citation Ask gives for `q` in English, or "" when it gives none.
pub(crate) async fn cited(app: &TestApp, q: &str) -> String {
    let body = app
        .json(&format!("/api/v1/ask?q={}", q.replace(' ', "%20")))
        .await;
    body["answer"][0]["path"].as_str().unwrap_or("").to_string()
}

#[tokio::test]
async fn edits_deletions_and_bad_files_among_many_articles() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    write_site(content.path());
    // A fixed public address: a restart on another port is the same site.
    let args = [
        "--content",
        content.path().to_str().unwrap(),
        "--site-url",
        "https://askaf.example",
    ];
    let app = TestApp::spawn_logged(data.path(), &args, None, Some(&log));

    // Every page once, as readers would; the listings and feeds too.
    let mut before = Vec::new();
    for i in 0..ARTICLES {
        before.push(etag(&app, &format!("/en/a{i}")).await);
    }
    for path in ["/en/", "/feed.atom", "/en/feed.atom", "/sitemap.xml"] {
        etag(&app, path).await;
    }
    let h = health(&app).await;
    let rendered = h["pages"]["rendered"].as_u64().unwrap();
    assert_eq!(rendered, ARTICLES as u64 + 4, "{h}");
    assert_eq!(h["index"]["articles_indexed"], 0, "{h}");
    assert_eq!(cited(&app, "river number7x").await, "/en/a7#p-1");

    // One article edited: its title and its first paragraph.
    let edited = article("a7", "en", "", &body(7).replace("bridges", "glaciers"))
        .replace("Title of a7", "Glaciers of a7")
        .replace("What about a7?", "What about the glaciers of a7?");
    std::fs::write(content.path().join("en/a7.md"), edited).unwrap();
    // Wait on the change counter, not on the page, so that no request
    // renders anything while the change is on its way.
    eventually("the edit is applied", || async {
        health(&app).await["index"]["changes"] == 1
    })
    .await;
    assert!(app.text("/en/a7").await.contains("Glaciers of a7"));
    let h = health(&app).await;
    assert_eq!(
        h["index"]["articles_indexed"], 1,
        "one article re-indexed: {h}"
    );
    assert_eq!(
        h["index"]["passages_indexed"], 3,
        "its short answer and two paragraphs: {h}"
    );
    // Every other page is the same bytes, served without rendering again.
    for (i, old) in before.iter().enumerate() {
        let now = etag(&app, &format!("/en/a{i}")).await;
        assert_eq!(&now != old, i == 7, "a{i}");
    }
    // The listings (which show the question) and feeds (the title) too.
    for path in ["/en/", "/feed.atom", "/en/feed.atom"] {
        assert!(app.text(path).await.contains("laciers of a7"), "{path}");
    }
    let h = health(&app).await;
    assert_eq!(
        h["pages"]["rendered"].as_u64().unwrap(),
        rendered + 1 + 3,
        "a7 (read twice, rendered once) and the three listings; nothing else: {h}"
    );
    // The old copy is stale to a conditional request; the others are not.
    let stale = app
        .client
        .get(format!("{}/en/a7", app.url))
        .header("if-none-match", &before[7])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200);
    let kept = app
        .client
        .get(format!("{}/en/a8", app.url))
        .header("if-none-match", &before[8])
        .send()
        .await
        .unwrap();
    assert_eq!(kept.status(), 304);
    assert!(cited(&app, "river glaciers").await.starts_with("/en/a7#"));

    // One deleted: unpublished everywhere.
    std::fs::remove_file(content.path().join("en/a9.md")).unwrap();
    eventually("the deleted article is gone", || async {
        status(&app, "/en/a9").await == 404
    })
    .await;
    for path in ["/en/", "/feed.atom", "/sitemap.xml"] {
        let text = app.text(path).await;
        assert!(
            !text.contains("/en/a9\"") && !text.contains("/en/a9<"),
            "{path}"
        );
    }
    assert_ne!(cited(&app, "river number9x").await, "/en/a9#p-1");
    assert_eq!(health(&app).await["index"]["articles_removed"], 1);

    // Bad files: a broken edit, a broken new file, a second file with a7's
    // slug, a file that is not UTF-8, a 10 MB file. Then a good new file,
    // which tells us the watch has looked at all of them.
    std::fs::write(
        content.path().join("en/a3.md"),
        "+++\nslug = \"a3\"\nlang = \"en\"\n+++\n\nHalf an article.\n",
    )
    .unwrap();
    std::fs::write(
        content.path().join("en/broken.md"),
        "+++\nslug = \"broken\"\n",
    )
    .unwrap();
    std::fs::write(
        content.path().join("en/zz-copy.md"),
        article("a7", "en", "", "A copy claiming a7."),
    )
    .unwrap();
    std::fs::write(
        content.path().join("en/latin1.md"),
        b"+++\nslug = \"x\"\n\xe9t\xe9\n",
    )
    .unwrap();
    std::fs::write(content.path().join("en/huge.md"), vec![b'a'; 10 << 20]).unwrap();
    std::fs::write(
        content.path().join("en/probe.md"),
        article("probe", "en", "", "A probe."),
    )
    .unwrap();
    eventually("the good new file is served", || async {
        status(&app, "/en/probe").await == 200
    })
    .await;
    let page = app.text("/en/a3").await;
    assert!(page.contains("number3x"), "a3's previous version stays");
    assert!(!page.contains("Half an article"));
    assert_eq!(status(&app, "/en/broken").await, 404, "not half-loaded");
    assert!(app.text("/en/a7").await.contains("Glaciers of a7"));
    assert!(!app.text("/en/a7").await.contains("A copy claiming a7"));
    let said = std::fs::read_to_string(&log).unwrap();
    for expected in [
        "en/a3.md:1: missing field",
        "en/broken.md:1:",
        "en/zz-copy.md:2: duplicate slug `a7` in language `en`",
        "en/latin1.md:3: the file is not valid UTF-8",
        "en/huge.md:1: the file is larger than 2 MB",
    ] {
        assert!(
            said.contains(expected),
            "the log names {expected:?}:\n{said}"
        );
    }
    assert_eq!(status(&app, "/healthz").await, 200);

    // A restart serves the same bytes and validators, rendering nothing and
    // re-indexing nothing that did not change while it was down.
    let a1 = etag(&app, "/en/a1").await;
    let a7 = etag(&app, "/en/a7").await;
    drop(app);
    for f in ["a3.md", "broken.md", "zz-copy.md", "latin1.md", "huge.md"] {
        std::fs::remove_file(content.path().join("en").join(f)).unwrap();
    }
    std::fs::write(
        content.path().join("en/a3.md"),
        article("a3", "en", "", &body(3)),
    )
    .unwrap();
    let app = TestApp::spawn_logged(data.path(), &args, None, Some(&log));
    assert_eq!(etag(&app, "/en/a1").await, a1);
    assert_eq!(etag(&app, "/en/a7").await, a7);
    let h = health(&app).await;
    assert_eq!(h["pages"]["rendered"], 0, "{h}");
    assert_eq!(h["pages"]["loaded"], 2, "{h}");
    assert_eq!(h["index"]["opened"], "reused", "{h}");
    assert_eq!(h["articles"], ARTICLES, "40 less a9, plus the probe: {h}");
}

/// `askaf serve --content site`, typed in the directory that holds it: an
/// edit is served as soon as the file system tells of it. The watcher
/// names files by absolute paths, which the relative directory did not
/// match, so every edit waited for the rescan every 30 seconds.
#[tokio::test]
async fn a_content_directory_given_relative_is_watched() {
    let data = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(cwd.path().join("site/en")).unwrap();
    let file = cwd.path().join("site/en/a1.md");
    std::fs::write(&file, article("a1", "en", "", "The river.")).unwrap();
    let app = TestApp::spawn_in(
        Some(cwd.path()),
        data.path(),
        &["--content", "site"],
        None,
        None,
    );
    assert!(app.text("/en/a1").await.contains("The river."));
    // As editors save: a temporary file renamed over the article.
    let tmp = cwd.path().join("site/en/.a1.md.swp");
    std::fs::write(&tmp, article("a1", "en", "", "The glacier.")).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    // Well under the rescan's 30 seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.text("/en/a1").await.contains("The glacier.") {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit is not served within 10 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Readers asking at once for a page not made yet wait for one making of
/// it, whatever encoding each asks for: on a cold site a page every
/// reader asked for was made once per core (at 10,000 articles, about 13%
/// more pages made than pages served).
#[tokio::test]
async fn a_page_missed_by_many_readers_at_once_is_made_once() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    // Long enough that making and compressing it takes a while.
    let long: String = (0..300)
        .map(|i| format!("Paragraph {i} about the river, its bridges, orchards and roads.\n\n"))
        .collect();
    for slug in ["x", "y", "z"] {
        std::fs::write(
            content.path().join(format!("en/{slug}.md")),
            article(slug, "en", "", &long),
        )
        .unwrap();
    }
    let dir = data.path().to_path_buf();
    let app = TestApp::spawn_with(
        &dir,
        &["--content", content.path().to_str().unwrap()],
        Some(data),
    );
    let before = health(&app).await["pages"]["rendered"].as_u64().unwrap();
    for slug in ["x", "y", "z"] {
        let mut asks = tokio::task::JoinSet::new();
        for i in 0..12 {
            let request = app
                .client
                .get(format!("{}/en/{slug}", app.url))
                .header("accept-encoding", ["br", "gzip", "identity"][i % 3]);
            asks.spawn(async move { request.send().await.unwrap().status() });
        }
        while let Some(status) = asks.join_next().await {
            assert_eq!(status.unwrap(), 200);
        }
    }
    let made = health(&app).await["pages"]["rendered"].as_u64().unwrap() - before;
    assert_eq!(made, 3, "each page made once");
}

/// A content file whose change fails to apply (the server's test hook
/// fails it, as an index that cannot be written does) is applied again at
/// the watch's next comparison of the directory once it can be (here one
/// that a folder made in the directory brings at once, rather than the
/// rescan every 30 s), not left unserved until the file changes again, as
/// it was until 7 December; the failure is logged, and says so.
#[tokio::test]
async fn a_file_change_that_failed_to_apply_is_applied_at_the_next_comparison() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let fail = data.path().join("fail-apply");
    let log = data.path().join("server.log");
    let args = ["--content", content.path().to_str().unwrap()];
    let app = TestApp::spawn_failing(data.path(), &args, &fail, &log);
    std::fs::write(&fail, "").unwrap();
    let slug = "salma-dam-retry-test";
    let file = content.path().join(format!("{slug}.md"));
    let body = "The Salma dam on the Hari river gives Herat power.";
    std::fs::write(&file, article(slug, "en", "", body)).unwrap();
    let logged = || std::fs::read_to_string(&log).unwrap();
    eventually("the failure logged", || async {
        logged().contains("could not apply a content change")
    })
    .await;
    assert!(
        logged().contains("trying again at the next comparison"),
        "{}",
        logged()
    );
    assert_eq!(app.get(&format!("/en/{slug}")).await.status(), 404);
    std::fs::remove_file(&fail).unwrap();
    std::fs::create_dir(content.path().join("later")).unwrap();
    crate::editor::shows_within(&app, &format!("/en/{slug}"), "Salma dam", WATCH).await;
}

/// How long a change to a content file may take to be served: the watch
/// hears of it at once; the rest is a loaded machine.
const WATCH: std::time::Duration = std::time::Duration::from_secs(20);

/// Sets `file`'s modification time an hour back: old enough that the
/// catalogue trusts it, so that a start reads only files changed since.
fn age(file: &Path) {
    let f = std::fs::File::options().append(true).open(file).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
}

/// Writes `text` as the content file `path` as an editor saves, into a
/// hidden file renamed over it (the watch never reads it half written),
/// dated an hour back ([`age`]).
pub(crate) fn save_aged(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_str().unwrap()
    ));
    std::fs::write(&tmp, text).unwrap();
    age(&tmp);
    std::fs::rename(&tmp, path).unwrap();
}

/// The lines of a server's log that name a problem in a file of the
/// content directory `content`, from the file's path within it.
fn problem_lines(log: &Path, content: &Path) -> Vec<String> {
    let dir = format!("{}/", content.display());
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .filter_map(|l| Some(l.split_once(&dir)?.1.to_string()))
        .filter(|l| l.contains(".md:"))
        .collect()
}

/// A start serves what the running site served. A typo saved into an
/// article (its title emptied, as `sed -i` would), a broken new file and a
/// new file claiming another's slug are refused by the watch, the previous
/// versions staying online; after a `kill -9` the server starts again
/// and serves the same site: the article at its previous version (page
/// and Ask), the new files absent, each problem logged with its file and
/// line in the watch's words and counted in `/healthz`. Again at the next
/// start, whose catalogue must still hold the article's good version, not
/// the bad file's size and time (which would have it taken as unchanged
/// and never read, nor said, again). Fixed, the file is taken by the watch.
/// Before, the server printed the problems and "refusing to start": one
/// typo took the whole site down at its next unattended restart.
#[tokio::test]
async fn a_restart_after_bad_edits_serves_what_the_running_site_served() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    let file = |name: &str| content.path().join("en").join(name);
    for i in 0..5 {
        std::fs::write(
            file(&format!("a{i}.md")),
            article(&format!("a{i}"), "en", "", &body(i)),
        )
        .unwrap();
        age(&file(&format!("a{i}.md")));
    }
    let args = ["--content", content.path().to_str().unwrap()];
    let start = |n: usize| {
        let log = logs.path().join(format!("start{n}.log"));
        (
            TestApp::spawn_logged(data.path(), &args, None, Some(&log)),
            log,
        )
    };
    let (mut app, first_log) = start(1);
    assert!(app.text("/en/a1").await.contains("Title of a1"));

    // Old enough to be trusted by its time, as a file edited long before a
    // restart is.
    let good = article("a1", "en", "", &body(1));
    save_aged(
        &file("a1.md"),
        &good.replace("title = \"Title of a1\"", "title = \"\""),
    );
    save_aged(&file("broken.md"), "+++\nslug = \"broken\"\n");
    save_aged(
        &file("zz-copy.md"),
        &article("a0", "en", "", "A copy claiming a0."),
    );
    save_aged(&file("probe.md"), &article("probe", "en", "", "A probe."));
    crate::editor::shows_within(&app, "/en/probe", "A probe.", WATCH).await;
    let running = content_problems(&app).await;
    assert!(running >= 3, "a1, broken and zz-copy: {running}");
    assert!(app.text("/en/a1").await.contains("Title of a1"));
    let said_running = problem_lines(&first_log, content.path());
    assert!(
        said_running.iter().any(|l| l.starts_with("en/a1.md:4: ")),
        "{said_running:?}"
    );

    for n in [2, 3] {
        app.kill_hard();
        let (again, log) = start(n);
        app = again;
        let page = app.text("/en/a1").await;
        assert!(
            page.contains("Title of a1") && page.contains("number1x"),
            "start {n}: the previous version: {page}"
        );
        assert_eq!(status(&app, "/en/broken").await, 404, "start {n}");
        let a0 = app.text("/en/a0").await;
        assert!(
            a0.contains("number0x") && !a0.contains("A copy claiming"),
            "start {n}: {a0}"
        );
        assert!(app.text("/en/probe").await.contains("A probe."));
        assert_eq!(cited(&app, "river number1x").await, "/en/a1#p-1");
        assert_eq!(content_problems(&app).await, running, "start {n}");
        let said = problem_lines(&log, content.path());
        for line in &said_running {
            assert!(said.contains(line), "start {n} says {line:?}: {said:?}");
        }
        let log = std::fs::read_to_string(&log).unwrap();
        assert!(
            log.contains(
                "content changed with problems: the files named keep their previous version"
            ),
            "start {n}: {log}"
        );
    }

    // Fixed: the watch takes it.
    save_aged(&file("a1.md"), &good.replace("Title of a1", "Fixed a1"));
    crate::editor::shows_within(&app, "/en/a1", "Fixed a1", WATCH).await;
    assert_eq!(content_problems(&app).await, running);
}

/// The site of [`write_site`] and `en/bad.md`, whose title is empty: the
/// file's path, and the text that mends it.
fn site_with_a_bad_file(dir: &Path) -> (std::path::PathBuf, String) {
    write_site(dir);
    let bad = dir.join("en/bad.md");
    let good = article("bad", "en", "", "Now fixed.");
    std::fs::write(
        &bad,
        good.replace("title = \"Title of bad\"", "title = \"\""),
    )
    .unwrap();
    (bad, good)
}

/// A first start, on an empty database, with a file that has problems:
/// the site starts, that file's address is a 404 and the rest is served,
/// the problem logged with its file and line and counted. `askaf check`,
/// in CI or a git hook, is the gate that refuses such a file; a server
/// serves what it can. Fixed, the file is taken by the watch. (Until 6
/// December `serve` exited instead, as `cli::serve_refuses_invalid_content_and_never_listens`
/// asserted.)
#[tokio::test]
async fn a_first_start_leaves_out_a_file_with_problems_and_serves_the_rest() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    let (bad, good) = site_with_a_bad_file(content.path());
    let args = ["--content", content.path().to_str().unwrap()];
    let app = TestApp::spawn_logged(data.path(), &args, None, Some(&log));
    assert_eq!(status(&app, "/en/bad").await, 404);
    assert!(app.text("/en/a3").await.contains("number3x"));
    assert_eq!(health(&app).await["articles"], ARTICLES, "the rest");
    assert_eq!(content_problems(&app).await, 1);
    let said = problem_lines(&log, content.path());
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("en/bad.md:4: "), "{said:?}");

    save_aged(&bad, &good);
    crate::editor::shows_within(&app, "/en/bad", "Now fixed.", WATCH).await;
}

/// Editors who work in the browser see the content files the site refused
/// on the dashboard, each problem with its line, said as a content file's
/// (with its front matter key) in the editor's language; the list goes
/// when the file is fixed. Before, only the server's log and the health
/// check's count said that a file was not what the site serves.
#[tokio::test]
async fn the_dashboard_lists_the_refused_files_until_they_are_fixed() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (bad, good) = site_with_a_bad_file(content.path());
    crate::helpers::add_user(data.path(), "ed", "editor", crate::helpers::MOD_PASSWORD);
    crate::helpers::add_user(data.path(), "mo", "moderator", crate::helpers::MOD_PASSWORD);
    let args = ["--content", content.path().to_str().unwrap()];
    let app = TestApp::spawn_with(data.path(), &args, None);
    app.login("ed", crate::helpers::MOD_PASSWORD).await;
    let page = app.text("/admin").await;
    assert!(page.contains("Content files the site refused"), "{page}");
    assert!(page.contains("/en/bad.md</bdi>"), "{page}");
    assert!(page.contains("line 4: field `title` is empty"), "{page}");
    app.choose_admin_lang("fa").await;
    let page = app.text("/admin").await;
    assert!(page.contains("فایل‌های محتوایی که سایت نپذیرفت"), "{page}");
    assert!(page.contains("سطر ۴: "), "{page}");
    // Its key, marked as English (left to right) and without Markdown's
    // backticks, which the page would show as they are.
    assert!(
        page.contains("خانهٔ «عنوان» (<span lang=\"en\" dir=\"ltr\">title</span>) خالی است"),
        "a file's problem names its key: {page}"
    );
    assert!(!page.contains('`'), "{page}");

    // A moderator, who edits no article, is not shown them.
    app.login("mo", crate::helpers::MOD_PASSWORD).await;
    let page = app.text("/admin").await;
    assert!(!page.contains("refused-files"), "{page}");

    save_aged(&bad, &good);
    crate::editor::shows_within(&app, "/en/bad", "Now fixed.", WATCH).await;
    app.login("ed", crate::helpers::MOD_PASSWORD).await;
    let page = app.text("/admin").await;
    assert!(page.contains("admin-stats"), "{page}");
    assert!(!page.contains("refused-files"), "{page}");
}

/// A content file TOML refuses is listed on the dashboard in the editor's
/// language: TOML's common mistakes (a field no article has, a value of the
/// wrong kind, a date that is no day) said in Dari or Pashto, naming the
/// field, and TOML's own English words after them, only ever marked as
/// English, left to right, as is the English name of the front matter
/// after the language's own. Until 7 December "unknown field `tagz`,
/// expected one of …" and "(front matter)" stood unmarked in the Dari and
/// Pashto sentences. In English the list says what `askaf check` says.
#[tokio::test]
async fn a_files_toml_mistake_is_said_in_the_editors_language() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_site(content.path());
    std::fs::create_dir_all(content.path().join("fa")).unwrap();
    let file = |slug: &str, from: &str, to: &str| {
        let text = article(slug, "fa", "", "متن مقاله.");
        assert!(text.contains(from), "{from}");
        std::fs::write(
            content.path().join(format!("fa/{slug}.md")),
            text.replacen(from, to, 1),
        )
        .unwrap();
    };
    file("unknown", "tags =", "tagz =");
    file("list", "tags = [\"test\"]", "tags = \"test\"");
    file("day", "published = 2026-01-01", "published = 2026-02-31");
    crate::helpers::add_user(data.path(), "ed", "editor", crate::helpers::MOD_PASSWORD);
    let args = ["--content", content.path().to_str().unwrap()];
    let app = TestApp::spawn_with(data.path(), &args, None);
    app.login("ed", crate::helpers::MOD_PASSWORD).await;
    let page = app.text("/admin").await;
    for said in [
        "front matter: unknown field `tagz`, expected one of",
        "front matter: field `tags`: invalid type: string &quot;test&quot;, expected a sequence",
        "front matter: field `published`: invalid date",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    let english = "<span lang=\"en\" dir=\"ltr\">";
    for (lang, said) in [
        (
            "fa",
            [
                "خوانده نشد: خانه‌ای به نام «<bdi>tagz</bdi>» در مقاله نیست",
                "خوانده نشد: «موضوع‌ها» (<span lang=\"en\" dir=\"ltr\">tags</span>) باید فهرست باشد (",
                "خوانده نشد: «تاریخ نشر» (<span lang=\"en\" dir=\"ltr\">published</span>): این تاریخ روزی از تقویم نیست (",
            ],
        ),
        (
            "ps",
            [
                "ونه لوستل شوه: په مقاله کې د «<bdi>tagz</bdi>» په نوم خانه نشته",
                "ونه لوستل شوه: «موضوعګانې» (<span lang=\"en\" dir=\"ltr\">tags</span>) باید لړلیک وي (",
                "ونه لوستل شوه: «د خپرېدو نېټه» (<span lang=\"en\" dir=\"ltr\">published</span>): دا نېټه د جنتري کومه ورځ نه ده (",
            ],
        ),
    ] {
        app.choose_admin_lang(lang).await;
        let page = app.text("/admin").await;
        for said in said {
            assert!(page.contains(said), "{lang}: {said}: {page}");
        }
        // TOML's words are there, each marked as English, and so is the
        // English name of the part of the file they are about, after the
        // language's own (until 6 December "(front matter)" stood unmarked).
        let term = format!("({english}front matter</span>)");
        assert!(page.contains(&term), "{lang}: {term}: {page}");
        assert_eq!(
            page.matches("front matter").count(),
            page.matches(&term).count(),
            "{lang}: front matter unmarked: {page}"
        );
        for words in [
            "unknown field `tagz`",
            "field `tags`: invalid type",
            "field `published`: invalid date",
        ] {
            let marked = format!("{english}{words}");
            assert!(page.contains(&marked), "{lang}: {marked}: {page}");
            assert_eq!(
                page.matches(words).count(),
                page.matches(&marked).count(),
                "{lang}: {words} unmarked: {page}"
            );
        }
    }
}

/// An article edited in the browser whose content file is then edited on
/// disk, while the server is stopped, with a problem: after the restart
/// the editor's form holds what the site serves, never the refused text,
/// and says that the file was refused and why, as the dashboard does; its
/// history gains nothing. A problem of the file's own (an empty title),
/// and one with the rest (a translation to an article that does not
/// exist), which a start recorded as the article's newest revision until
/// 7 December: the form then showed the refused text while the site
/// served the editor's, and the next start served the refused text. Once
/// the file is mended the watch serves it, and the form holds it.
#[tokio::test]
async fn after_a_restart_the_editor_holds_what_the_site_serves_not_a_refused_file() {
    use crate::editor::{edit_url, publish_edit};
    use crate::helpers::{add_user, MOD_PASSWORD};
    let slug = "qargha-water-test";
    let broken = article(slug, "en", "", "Broken words on disk.");
    for (problem, text, said) in [
        (
            "a translation to nowhere",
            broken.replacen(
                "published =",
                "translations = { fa = \"nowhere\" }\npublished =",
                1,
            ),
            "translation `fa` points to /fa/nowhere, which is not an article".to_string(),
        ),
        (
            "an empty title",
            broken.replace(&format!("title = \"Title of {slug}\""), "title = \"\""),
            "line 4: field `title` is empty".to_string(),
        ),
    ] {
        let content = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(content.path().join("en")).unwrap();
        let file = content.path().join(format!("en/{slug}.md"));
        std::fs::write(&file, article(slug, "en", "", "Words from the file.")).unwrap();
        age(&file);
        add_user(data.path(), "ed", "editor", MOD_PASSWORD);
        let args = ["--content", content.path().to_str().unwrap()];
        let mut app = TestApp::spawn_with(data.path(), &args, None);
        app.login("ed", MOD_PASSWORD).await;
        publish_edit(
            &app,
            slug,
            "Words from the editor.",
            "Words from the editor.",
        )
        .await;
        let form = app.text(&edit_url(slug)).await;
        assert!(!form.contains("refused-file-title"), "{problem}: {form}");
        app.kill_hard();
        save_aged(&file, &text);

        for start in 1..=2 {
            let mut again = TestApp::spawn_with(data.path(), &args, None);
            again.login("ed", MOD_PASSWORD).await;
            let page = again.text(&format!("/en/{slug}")).await;
            assert!(
                page.contains("Words from the editor.") && !page.contains("Broken words"),
                "{problem}, start {start}: the site serves the editor's version: {page}"
            );
            let form = again.text(&edit_url(slug)).await;
            assert!(
                form.contains("Words from the editor.") && !form.contains("Broken words"),
                "{problem}, start {start}: the form holds what is served: {form}"
            );
            assert!(
                form.contains("Its content file changed, and the site refused the change")
                    && form.contains(&format!("/en/{slug}.md</bdi>"))
                    && form.contains(&said),
                "{problem}, start {start}: the form says why: {form}"
            );
            let history = again
                .text(&format!("/admin/articles/en/{slug}/history"))
                .await;
            assert!(!history.contains("Broken"), "{problem}: {history}");
            if start == 1 {
                again.kill_hard();
            } else {
                app = again;
            }
        }

        // Mended: the watch serves the file, and the form holds it.
        save_aged(
            &file,
            &article(slug, "en", "", "Mended words from the file."),
        );
        crate::editor::shows_within(&app, &format!("/en/{slug}"), "Mended words", WATCH).await;
        let form = app.text(&edit_url(slug)).await;
        assert!(
            form.contains("Mended words from the file.") && !form.contains("refused-file-title"),
            "{problem}: {form}"
        );
    }
}

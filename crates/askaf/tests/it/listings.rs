//! Listings that scale: a language's questions and a topic's in pages of
//! 50 with links between them, mistakes in a page number answered with a
//! message, and each listing made from its own language only, so an edit
//! in English leaves the Dari listings as they were, in memory and on disk.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::helpers::{article, TestApp, MOD_PASSWORD};

/// Enough English articles for three pages, Dari for two, Pashto for one.
const EN: usize = 120;
const FA: usize = 55;

fn write_site(dir: &Path) {
    for lang in ["en", "fa", "ps"] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
    }
    for i in 0..EN {
        let body = format!("English article {i} about rivers.");
        std::fs::write(
            dir.join(format!("en/e{i:03}.md")),
            article(&format!("e{i:03}"), "en", "", &body),
        )
        .unwrap();
    }
    for i in 0..FA {
        let body = format!("مقالهٔ دری شمارهٔ {i} دربارهٔ دریاها.");
        std::fs::write(
            dir.join(format!("fa/f{i:03}.md")),
            article(&format!("f{i:03}"), "fa", "", &body),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("ps/p000.md"),
        article("p000", "ps", "", "د سیندونو په اړه لیکنه."),
    )
    .unwrap();
}

fn spawn(content: &Path, data: &Path) -> TestApp {
    TestApp::spawn_with(
        data,
        &[
            "--content",
            content.to_str().unwrap(),
            "--comment-min-seconds",
            "0",
            // A fixed address: a restart on another port is the same site.
            "--site-url",
            "https://askaf.example",
        ],
        None,
    )
}

/// Every `href` of the `<a>` and `<link>` tags of a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace("&amp;", "&"))
        .collect()
}

/// The article links of a listing's cards.
fn cards(html: &str) -> Vec<String> {
    html.split("class=\"card-question\"><a href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

async fn pages(app: &TestApp) -> (u64, u64) {
    let h = app.json("/healthz").await;
    (
        h["pages"]["rendered"].as_u64().unwrap(),
        h["pages"]["loaded"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn listings_come_in_pages_whose_links_all_resolve() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_site(content.path());
    let app = spawn(content.path(), data.path());

    // Three pages of English, each linking to the next and the one before.
    let first = app.text("/en/").await;
    assert!(first.contains("<link rel=\"next\" href=\"/en/page/2\">"));
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("<nav class=\"pagination\" aria-label=\"Pages of this list\">"));
    assert!(first.contains("Page 1 of 3"));
    let second = app.text("/en/page/2").await;
    assert!(second.contains("<link rel=\"prev\" href=\"/en/\">"));
    assert!(second.contains("<link rel=\"next\" href=\"/en/page/3\">"));
    assert!(second.contains("aria-current=\"page\" aria-label=\"Page 2\""));
    assert!(second.contains("<link rel=\"canonical\" href=\""));
    let third = app.text("/en/page/3").await;
    assert!(!third.contains("rel=\"next\""));

    // Every article once, across the pages, and every link on them answers.
    let mut listed: Vec<String> = [&first, &second, &third]
        .iter()
        .flat_map(|html| cards(html))
        .collect();
    let n = listed.len();
    listed.sort();
    listed.dedup();
    assert_eq!(n, EN, "each article on one page only");
    assert_eq!(listed.len(), EN);
    let mut seen = std::collections::BTreeSet::new();
    for html in [&first, &second, &third] {
        for href in hrefs(html) {
            if !href.starts_with('/') || href.starts_with("//") || !seen.insert(href.clone()) {
                continue;
            }
            let r = app.get(&href).await;
            assert_eq!(r.status(), 200, "{href}");
        }
    }
    // The first page's topics link to all of a topic's questions.
    assert!(first.contains("All 120 questions on this topic"));

    // A topic has pages too.
    let tag3 = app.text("/en/tags/test/page/3").await;
    assert!(tag3.contains("<link rel=\"prev\" href=\"/en/tags/test/page/2\">"));
    assert_eq!(cards(&tag3).len(), EN - 100);

    // Dari: its own pages, labelled in Dari.
    let fa = app.text("/fa/").await;
    assert!(fa.contains("aria-label=\"صفحه‌های این فهرست\""), "{fa}");
    assert!(fa.contains("<link rel=\"next\" href=\"/fa/page/2\">"));
    assert_eq!(cards(&app.text("/fa/page/2").await).len(), FA - 50);
    // In the digits a Dari page writes (and Arabic-Indic ones): the same
    // page, not a 400 saying "pages are numbered ۱، ۲، ۳…: «۲» is not a
    // page number"; page ۱ is the listing, as page 1 is.
    for two in ["/fa/page/۲", "/fa/page/٢"] {
        let r = app.get(two).await;
        assert_eq!(r.status(), 200, "{two}");
        assert_eq!(cards(&r.text().await.unwrap()).len(), FA - 50, "{two}");
    }
    let r = app.get("/fa/page/۱").await;
    assert_eq!(r.status(), 308);
    assert_eq!(TestApp::location(&r), "/fa/");
    // Pashto has one page: no page links at all.
    assert!(!app.text("/ps/").await.contains("class=\"pagination\""));
}

#[tokio::test]
async fn a_page_number_that_is_wrong_gets_a_message_not_an_error() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_site(content.path());
    let app = spawn(content.path(), data.path());

    let r = app.get("/en/page/4").await;
    assert_eq!(r.status(), 404);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("This list has 3 pages, so there is no page 4."),
        "{body}"
    );
    let r = app.get("/fa/page/9").await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("صفحهٔ ۹ ندارد"));
    let r = app.get("/ps/page/2").await;
    assert_eq!(r.status(), 404);
    let r = app.get("/en/tags/test/page/4").await;
    assert_eq!(r.status(), 404);
    let r = app.get("/en/tags/no-such-topic/page/2").await;
    assert_eq!(r.status(), 404);

    for bad in [
        "0",
        "two",
        "-1",
        "%2B2",
        "99999999999999999999999999",
        "2.5",
    ] {
        for base in ["/en/page/", "/en/tags/test/page/"] {
            let r = app.get(&format!("{base}{bad}")).await;
            assert_eq!(r.status(), 400, "{base}{bad}");
            let body = r.text().await.unwrap();
            assert!(body.contains("is not a page number"), "{base}{bad}: {body}");
        }
    }

    // A page by its file's name in a mirror (page 2 is there) is no
    // address of the site: a 404 in the address's language, as the
    // mirror answers it, where it was the 400 above.
    for file in [
        "/en/page/2.html",
        "/en/tags/test/page/2.html",
        "/fa/page/2.html.gz",
        "/fa/page/۲.html",
    ] {
        let r = app.get(file).await;
        assert_eq!(r.status(), 404, "{file}");
        let body = r.text().await.unwrap();
        let lang = &file[1..3];
        assert!(
            body.contains(&format!("<html lang=\"{lang}\"")),
            "{file}: {body}"
        );
        assert!(!body.contains("is not a page number"), "{file}: {body}");
    }

    // Page 1 is the listing itself.
    let r = app.get("/en/page/1").await;
    assert_eq!(r.status(), 308);
    assert_eq!(TestApp::location(&r), "/en/");
    let r = app.get("/en/tags/test/page/1").await;
    assert_eq!(TestApp::location(&r), "/en/tags/test");
}

/// Waits until the server has applied `n` content changes.
async fn changes_applied(app: &TestApp, n: u64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.json("/healthz").await["index"]["changes"] != n {
        assert!(Instant::now() < deadline, "change {n} not applied in 20 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

const DARI: [&str; 4] = ["/fa/", "/fa/page/2", "/fa/tags/test", "/fa/feed.atom"];

#[tokio::test]
async fn an_english_edit_leaves_the_dari_listings_as_they_were() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_site(content.path());
    let mut app = spawn(content.path(), data.path());
    for path in DARI
        .iter()
        .chain(&["/en/", "/en/tags/test", "/sitemap.xml"])
    {
        app.text(path).await;
    }
    let (rendered, loaded) = pages(&app).await;

    let edit = |title: &str| {
        article("e005", "en", "", "English article 5, edited.").replace("Title of e005", title)
    };
    std::fs::write(content.path().join("en/e005.md"), edit("A new title")).unwrap();
    changes_applied(&app, 1).await;
    // Served from memory: neither rendered nor read back from disk.
    for path in DARI {
        app.text(path).await;
    }
    assert_eq!(pages(&app).await, (rendered, loaded), "the Dari listings");
    // The English ones show the edit, rendered anew.
    assert!(app.text("/en/tags/test").await.contains("e005"));
    assert_eq!(pages(&app).await.0, rendered + 1, "the English topic");

    // On disk too: after a restart and another English edit, the Dari
    // listings are read back as they were, the English one is rendered.
    app.kill_hard();
    std::fs::write(
        content.path().join("en/e006.md"),
        article("e006", "en", "", "Six, edited."),
    )
    .unwrap();
    let app = spawn(content.path(), data.path());
    for path in DARI {
        app.text(path).await;
    }
    assert_eq!(
        pages(&app).await,
        (0, DARI.len() as u64),
        "read back, not rendered"
    );
    app.text("/en/").await;
    assert_eq!(pages(&app).await.0, 1, "the English listing is made anew");
}

#[tokio::test]
async fn an_approved_comment_changes_its_own_languages_listings_only() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_site(content.path());
    crate::helpers::add_user(data.path(), "mod", "moderator", MOD_PASSWORD);
    let app = spawn(content.path(), data.path());
    let fa_home = app.text("/fa/").await;
    assert!(!fa_home.contains("۱ نظر"));
    app.text("/en/").await;
    // The first Dari article (same dates: by slug), whose page the comment
    // form is loaded from.
    app.text("/fa/f000").await;
    let (rendered, _) = pages(&app).await;

    // Without an email the comment waits for a moderator: nothing changes.
    let r = app
        .comment(
            "/fa/f000",
            &[("name", "خواننده"), ("body", "سپاس از این پاسخ.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(1).await;

    // The Dari home shows the article's count: it moved.
    assert!(app.text("/fa/").await.contains("۱ نظر"));
    assert_eq!(pages(&app).await.0, rendered + 1);
    // The English listing did not change, and is not made again.
    app.text("/en/").await;
    assert_eq!(pages(&app).await.0, rendered + 1);
}

/// What was typed for a page number is echoed isolated in a `<bdi>`, as
/// the site echoes what anyone typed, so that a Latin word (or one ending
/// in punctuation) keeps its place in a Dari or Pashto sentence; escaped,
/// and said plainly in the page's description. Until 7 December it stood
/// unmarked between the guillemets.
#[tokio::test]
async fn a_page_number_that_is_none_is_echoed_isolated() {
    let app = TestApp::spawn().await;
    for (path, html, plain) in [
        (
            "/fa/page/abc",
            "«<bdi>abc</bdi>» شمارهٔ صفحه نیست.",
            "«abc» شمارهٔ صفحه نیست.",
        ),
        (
            "/ps/page/x%3Cy.",
            "«<bdi>x&lt;y.</bdi>» د پاڼې شمېره نه ده.",
            "«x&lt;y.» د پاڼې شمېره نه ده.",
        ),
        (
            "/fa/tags/currency/page/abc",
            "«<bdi>abc</bdi>» شمارهٔ صفحه نیست.",
            "«abc» شمارهٔ صفحه نیست.",
        ),
        (
            "/en/page/abc",
            "“<bdi>abc</bdi>” is not a page number.",
            "“abc” is not a page number.",
        ),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 400, "{path}");
        let body = r.text().await.unwrap();
        let main = &body[body.find("<main").unwrap()..];
        assert!(main.contains(html), "{path}: {main}");
        let description =
            crate::helpers::attr(&body, "<meta name=\"description\"", "content").unwrap();
        assert!(description.ends_with(plain), "{path}: {description}");
    }
}

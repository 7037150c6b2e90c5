//! `askaf import --wxr` (issue 12, item 10): a WordPress export brought in
//! as content files and comments, served, and imported again without
//! doubling anything.

use crate::helpers::{askaf, TestApp};

const EXPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../askaf-import/testdata/wordpress.xml"
);

fn line_of(needle: &str) -> usize {
    let text = std::fs::read_to_string(EXPORT).unwrap();
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[tokio::test]
async fn a_wordpress_export_is_served_with_its_comments_and_imports_again_without_doubles() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let data = dir.path().join("data");
    let import = || {
        askaf(&[
            "import".as_ref(),
            "--wxr".as_ref(),
            EXPORT.as_ref(),
            "--content".as_ref(),
            content.as_os_str(),
            "--data".as_ref(),
            data.as_os_str(),
        ])
    };
    let (ok, out, err) = import();
    assert!(ok, "{out}{err}");
    assert!(out.contains("wrote 4 article(s) (1 draft(s))"), "{out}");
    assert!(out.contains("2 post(s) not imported"), "{out}");
    assert!(out.contains("added 4 comment(s)"), "{out}");
    // What did not come across is named by line of the export.
    let broken = format!(
        "{EXPORT}:{}: the post “Prices & wages <br>”: not imported",
        line_of("<title>Prices")
    );
    assert!(out.contains(&broken), "{out}");
    assert!(out.contains("youtube.com/embed/abc123"), "{out}");
    assert!(out.contains("<wp:reading_time>"), "{out}");

    let (ok, out, err) = askaf(&["check".as_ref(), "--content".as_ref(), content.as_os_str()]);
    assert!(ok && out.contains("ok: 3 articles"), "{out}{err}");

    let app = TestApp::spawn_with(&data, &["--content", content.to_str().unwrap()], None);
    let page = app.text("/en/capital-of-afghanistan").await;
    assert!(page.contains("the largest city of Afghanistan"), "{page}");
    // The approved comment and the reply to it, as the site renders a comment.
    assert!(
        page.contains("Clear and <strong>useful</strong>, thank you."),
        "{page}"
    );
    assert!(page.contains("Glad it helped, Farid."), "{page}");
    // Held and spam comments wait for a moderator; the pingback is gone.
    for hidden in [
        "Still waiting for a moderator",
        "Cheap pills",
        "a link to this post",
    ] {
        assert!(!page.contains(hidden), "{hidden} is shown");
    }
    assert!(!page.contains("<iframe"));
    // Polylang's translation, linked both ways.
    assert!(page.contains("/fa/post-102"), "{page}");
    let fa = app.text("/fa/post-102").await;
    assert!(
        fa.contains("کابل پایتخت و بزرگ‌ترین شهر افغانستان است"),
        "{fa}"
    );
    assert!(fa.contains("/en/capital-of-afghanistan"));
    // The draft is not on the site.
    assert_eq!(app.get("/en/roads-in-winter").await.status(), 404);
    // Ask quotes the imported article.
    let answer = app
        .json("/api/v1/ask?q=What%20is%20the%20capital%20of%20Afghanistan%3F")
        .await;
    let first = &answer["answer"][0];
    assert!(
        first["text"].as_str().unwrap().contains("Kabul"),
        "{answer}"
    );
    assert!(
        first["citation"]
            .as_str()
            .unwrap()
            .contains("/en/capital-of-afghanistan#p-"),
        "{answer}"
    );
    drop(app);

    // Again: every file is kept, and no comment is added twice.
    let (ok, out, err) = import();
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("wrote 0 article(s) (0 draft(s))") && out.contains("4 already there"),
        "{out}"
    );
    assert!(
        out.contains("added 0 comment(s) to the database (4 already there)"),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_an_export_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.xml");
    std::fs::write(&file, "<html><body>hello</body></html>").unwrap();
    let (ok, out, _) = askaf(&[
        "import".as_ref(),
        "--wxr".as_ref(),
        file.as_os_str(),
        "--content".as_ref(),
        dir.path().join("c").as_os_str(),
        "--data".as_ref(),
        dir.path().join("d").as_os_str(),
    ]);
    assert!(!ok);
    assert!(
        out.contains(&format!(
            "{}:1: this is XML but not a WordPress export",
            file.display()
        )),
        "{out}"
    );
    assert!(!dir.path().join("c").exists(), "nothing is written");
}

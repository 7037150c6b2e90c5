//! Every Atom feed reads in a real Atom parser (the `atom_syndication`
//! crate) and carries what RFC 4287 requires: an id, a title and an updated
//! date on the feed and on each entry, dates in RFC 3339, and no entry id
//! twice.

use std::collections::HashSet;

use crate::helpers::{TestApp, MOD_PASSWORD};

const ARTICLE: &str = "/en/who-governs-afghanistan";
const ARTICLE_SLUG: &str = "who-governs-afghanistan";

/// Parses `path` and checks the feed; returns how many entries it has.
async fn assert_valid_feed(app: &TestApp, path: &str) -> usize {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(
        r.headers()["content-type"],
        "application/atom+xml; charset=utf-8",
        "{path}"
    );
    let xml = r.text().await.unwrap();
    let feed: atom_syndication::Feed = xml
        .parse()
        .unwrap_or_else(|e| panic!("{path} is not an Atom feed: {e}"));
    assert!(!feed.id().trim().is_empty(), "{path}: the feed has no id");
    assert!(
        !feed.title().as_str().trim().is_empty(),
        "{path}: the feed has no title"
    );
    let mut ids = HashSet::new();
    for entry in feed.entries() {
        assert!(!entry.id().trim().is_empty(), "{path}: an entry without id");
        assert!(
            ids.insert(entry.id().to_string()),
            "{path}: the entry id {} is there twice",
            entry.id()
        );
        assert!(
            !entry.title().as_str().trim().is_empty(),
            "{path}: entry {} has no title",
            entry.id()
        );
    }
    // The crate reads dates leniently (and fills in a missing `updated`), so
    // the dates are checked as written: each one present and RFC 3339.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    let dates_of = |node: roxmltree::Node| -> Vec<String> {
        node.children()
            .filter(|n| n.has_tag_name("updated") || n.has_tag_name("published"))
            .map(|n| n.text().unwrap_or("").to_string())
            .collect()
    };
    let mut nodes = vec![root];
    nodes.extend(root.children().filter(|n| n.has_tag_name("entry")));
    for node in nodes {
        let what = format!("{path} <{}>", node.tag_name().name());
        assert_eq!(
            node.children()
                .filter(|n| n.has_tag_name("updated"))
                .count(),
            1,
            "{what}: exactly one <updated>"
        );
        for date in dates_of(node) {
            chrono::DateTime::parse_from_rfc3339(&date)
                .unwrap_or_else(|e| panic!("{what}: `{date}` is not RFC 3339: {e}"));
        }
    }
    feed.entries().len()
}

#[tokio::test]
async fn every_feed_is_valid_atom() {
    let app = TestApp::spawn_for_comments(&[]);
    for path in [
        "/feed.atom",
        "/en/feed.atom",
        "/fa/feed.atom",
        "/ps/feed.atom",
    ] {
        assert!(
            assert_valid_feed(&app, path).await > 0,
            "{path}: no entries"
        );
    }
    // Empty comment feeds are valid too.
    assert_valid_feed(&app, "/comments.atom").await;
    assert_valid_feed(&app, &format!("{ARTICLE}/comments.atom")).await;

    // With published comments (two, one a reply), on an article and site-wide.
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "A first comment."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/comments",
            "/admin/comments/1",
            &[("action", "approve")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "And a reply."),
                ("parent", "1"),
            ],
        )
        .await;
    assert_eq!(TestApp::location(&r), format!("{ARTICLE}#comment-2"));
    assert_eq!(
        assert_valid_feed(&app, &format!("{ARTICLE}/comments.atom")).await,
        2
    );
    assert_eq!(assert_valid_feed(&app, "/comments.atom").await, 2);
    assert_eq!(
        assert_valid_feed(&app, "/en/afghan-currency/comments.atom").await,
        0
    );
}

/// A link an article writes relative to its page (`target`,
/// `../fa/target`) reads right where the article is read away from its
/// page: in the feeds' `<content>` (whose readers resolve it against the
/// feed's address, `/feed.atom` → `/target`, if at all) and in the API's
/// `html` and `text`. It was left as written.
#[tokio::test]
async fn a_link_relative_to_its_article_is_absolute_in_the_feeds_and_the_api() {
    let data = tempfile::tempdir().unwrap();
    let content = data.path().join("content");
    crate::export::write_linking_articles(&content);
    let app = TestApp::spawn_with(data.path(), &["--content", content.to_str().unwrap()], None);
    let u = &app.url;
    let wanted = [
        format!("href=\"{u}/en/target\""),
        format!("href=\"{u}/en/target#p-2\""),
        format!("href=\"{u}/fa/target\""),
        format!("href=\"{u}/en/tags/test\""),
    ];
    for feed in ["/feed.atom", "/en/feed.atom"] {
        let xml = app.text(feed).await;
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let content = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .find(|e| {
                e.children()
                    .any(|c| c.has_tag_name("id") && c.text() == Some(&format!("{u}/en/linking")))
            })
            .and_then(|e| e.children().find(|c| c.has_tag_name("content")))
            .and_then(|c| c.text())
            .unwrap()
            .to_string();
        for link in &wanted {
            assert!(content.contains(link), "{feed}: {link} not in {content}");
        }
    }
    let api = app.json("/api/v1/articles/en/linking").await;
    let html = api["html"].as_str().unwrap();
    for link in &wanted {
        assert!(html.contains(link), "the API's html: {link} not in {html}");
    }
    // Plain text names it in full too (it said `(/en/target)` until 7 December).
    assert!(
        api["text"]
            .as_str()
            .unwrap()
            .contains(&format!("({u}/en/target)")),
        "{}",
        api["text"]
    );
    // On the page itself, where the browser resolved it already.
    let page = app.text("/en/linking").await;
    assert!(page.contains("href=\"/fa/target\""), "{page}");
}

/// Each language's feed is called what the pages that offer it call it
/// (`AskAfghanistan (دری)`), so a reader subscribed to two can tell them
/// apart: each was "AskAfghanistan", as the site's feed of every language is.
#[tokio::test]
async fn each_languages_feed_is_named_as_its_pages_offer_it() {
    let app = TestApp::spawn().await;
    let title_of = |xml: &str| {
        let doc = roxmltree::Document::parse(xml).unwrap();
        doc.root_element()
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap()
            .to_string()
    };
    let mut titles = HashSet::new();
    for lang in ["en", "fa", "ps"] {
        let page = app.text(&format!("/{lang}/")).await;
        let offered = page
            .split("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_string();
        let title = title_of(&app.text(&format!("/{lang}/feed.atom")).await);
        assert_eq!(title, offered, "{lang}");
        assert!(titles.insert(title), "{lang}");
    }
    assert_eq!(title_of(&app.text("/feed.atom").await), "AskAfghanistan");
}

/// Every comment in the comment feeds comes in a block that says its
/// language and direction by its words, as an article's body does, so
/// that a feed reader shows a Dari or Pashto one right to left: one stored
/// before 5 December, whose paragraphs said `dir="auto"` (their first
/// letter's, "UNHCR"'s here), or said none, came without it.
#[tokio::test]
async fn an_old_comments_content_says_its_direction_in_the_feeds() {
    use askaf_content::Lang;
    use askaf_store::{NewComment, Status};
    let data = tempfile::tempdir().unwrap();
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    let old = |lang, slug, body, body_html| NewComment {
        lang,
        slug,
        parent_id: None,
        name: "Ana",
        email: None,
        ip: None,
        body,
        body_html,
        fingerprint: "old",
        status: Status::Approved,
        held: Vec::new(),
        staff: None,
    };
    for c in [
        old(
            Lang::Fa,
            "afghan-currency",
            "UNHCR در کابل کار می‌کند.",
            "<p dir=\"auto\">UNHCR در کابل کار می‌کند.</p>",
        ),
        old(
            Lang::En,
            ARTICLE_SLUG,
            "Thanks for this.",
            "<p>Thanks for this.</p>",
        ),
    ] {
        store.insert_comment(&c).await.unwrap();
    }
    store.close().await;
    let dir = data.path().to_path_buf();
    let app = TestApp::spawn_with(&dir, &[], Some(data));
    for path in ["/fa/afghan-currency/comments.atom", "/comments.atom"] {
        assert_valid_feed(&app, path).await;
        let feed = app.text(path).await;
        assert!(
            feed.contains("&lt;div lang=&quot;fa&quot; dir=&quot;rtl&quot;&gt;\n&lt;p dir=&quot;auto&quot;&gt;UNHCR"),
            "{path}: {feed}"
        );
    }
    let feed = app.text(&format!("{ARTICLE}/comments.atom")).await;
    assert!(
        feed.contains("&lt;div lang=&quot;en&quot; dir=&quot;ltr&quot;&gt;\n&lt;p&gt;Thanks"),
        "{feed}"
    );
}

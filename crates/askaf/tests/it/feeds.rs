use crate::helpers::TestApp;

#[tokio::test]
async fn atom_feeds_parse_as_xml() {
    let app = TestApp::spawn().await;
    for (path, lang) in [
        ("/feed.atom", None),
        ("/en/feed.atom", Some("en")),
        ("/fa/feed.atom", Some("fa")),
        ("/ps/feed.atom", Some("ps")),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        let xml = r.text().await.unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert!(!entries.is_empty(), "{path}");
        for e in &entries {
            let link = e
                .children()
                .find(|n| n.has_tag_name("link"))
                .unwrap()
                .attribute("href")
                .unwrap();
            if let Some(lang) = lang {
                assert!(
                    link.starts_with(&format!("{}/{lang}/", app.url)),
                    "{path}: {link}"
                );
            }
            let content = e
                .children()
                .find(|n| n.has_tag_name("content"))
                .unwrap()
                .text()
                .unwrap();
            assert!(content.contains("id=\"p-1\""));
            // A feed reader is told the body's direction, not only its
            // language (`xml:lang`): Dari and Pashto read right to left.
            let entry_lang = e
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .unwrap();
            let dir = if entry_lang == "en" { "ltr" } else { "rtl" };
            assert!(
                content.starts_with(&format!("<div lang=\"{entry_lang}\" dir=\"{dir}\">")),
                "{path}: {}",
                &content[..content.len().min(120)]
            );
        }
    }
}

#[tokio::test]
async fn sitemap_lists_every_article_with_its_translations() {
    let app = TestApp::spawn().await;
    let xml = app.text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let api = app.json("/api/v1/articles?limit=100").await;
    for a in api["articles"].as_array().unwrap() {
        assert!(locs.contains(&a["url"].as_str().unwrap()), "{}", a["url"]);
    }
    assert!(locs.contains(&format!("{}/fa/", app.url).as_str()));
    let alternates = doc
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "link"
                && n.tag_name().namespace() == Some("http://www.w3.org/1999/xhtml")
        })
        .count();
    assert!(alternates >= 10);
}

/// The `hreflang` links a page declares in its `<head>`, as (hreflang, href).
fn page_alternates(html: &str) -> Vec<(String, String)> {
    let head = &html[..html.find("</head>").unwrap()];
    head.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest.split("href=\"").nth(1).unwrap();
            (
                lang.to_string(),
                href[..href.find('"').unwrap()].to_string(),
            )
        })
        .collect()
}

/// Each address in the sitemap names the language versions its page
/// names itself, `x-default` included: listings, about pages, topics and
/// articles alike.
#[tokio::test]
async fn the_sitemap_names_the_alternates_the_pages_declare() {
    let app = TestApp::spawn().await;
    let xml = app.text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut checked = 0;
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap();
        let mut listed: Vec<(String, String)> = url
            .children()
            .filter(|n| n.tag_name().name() == "link")
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        let path = loc.strip_prefix(&app.url).unwrap();
        let mut declared = page_alternates(&app.text(path).await);
        if declared.len() < 2 {
            declared.clear();
        }
        listed.sort();
        declared.sort();
        assert_eq!(listed, declared, "{path}");
        checked += 1;
    }
    assert!(checked > 20);
    for page in ["/en/", "/en/about", "/en/who-governs-afghanistan"] {
        assert!(
            xml.contains(&format!(
                "hreflang=\"x-default\" href=\"{}{page}\"",
                app.url
            )),
            "{page}"
        );
    }
}

/// A comment feed with no comment yet is as new as its article (or, for
/// the site's, the newest article), not 1970.
#[tokio::test]
async fn an_empty_comment_feed_is_dated_by_its_article() {
    let app = TestApp::spawn().await;
    let article = app
        .json("/api/v1/articles/en/who-governs-afghanistan")
        .await;
    let feed = app.text("/en/who-governs-afghanistan/comments.atom").await;
    let updated = format!(
        "<updated>{}T00:00:00Z</updated>",
        article["updated"].as_str().unwrap()
    );
    assert!(feed.contains(&updated), "{feed}");
    let newest = &app.json("/api/v1/articles?limit=1").await["articles"][0];
    let site = app.text("/comments.atom").await;
    assert!(
        site.contains(&format!(
            "<updated>{}T00:00:00Z</updated>",
            newest["updated"].as_str().unwrap()
        )),
        "{site}"
    );
    assert!(!site.contains("1970"));
}

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

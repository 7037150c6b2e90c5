use crate::helpers::{TestApp, MOD_PASSWORD};

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

/// The text of `node`'s child `name`.
fn child_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.children()
        .find(|n| n.has_tag_name(name))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no <{name}>"))
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
/// The `hreflang` alternates a sitemap `<url>` lists: (language, address).
fn sitemap_alternates(url: roxmltree::Node) -> Vec<(String, String)> {
    url.children()
        .filter(|n| n.tag_name().name() == "link")
        .map(|n| {
            (
                n.attribute("hreflang").unwrap().to_string(),
                n.attribute("href").unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_sitemap_names_the_alternates_the_pages_declare() {
    let app = TestApp::spawn().await;
    let xml = app.text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut checked = 0;
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = child_text(url, "loc");
        let mut listed = sitemap_alternates(url);
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
    for page in ["/", "/en/about", "/en/who-governs-afghanistan"] {
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

/// Each combination of languages an article or a topic can have: in one
/// language alone none is named; otherwise every version names every other
/// and an `x-default` (the English one, else the original the others were
/// translated from, else the first topic page), in the sitemap and in the
/// page's head alike. The Dari and Pashto translations of an English
/// original that name only it are versions of each other too.
#[tokio::test]
async fn every_combination_of_languages_names_its_alternates() {
    use crate::helpers::article;
    let data = tempfile::tempdir().unwrap();
    let content = data.path().join("content");
    let rev = "0123456789abcdef0123456789abcdef";
    let from = |lang: &str, slug: &str| {
        format!(
            "translations = {{ {lang} = \"{slug}\" }}\ntranslated_from = {{ lang = \"{lang}\", revision = \"{rev}\" }}"
        )
    };
    let files = [
        ("en", "solo-en", String::new()),
        ("fa", "solo-fa", String::new()),
        ("ps", "solo-ps", String::new()),
        // A Pashto translation of a Dari original, which names nothing.
        ("fa", "pair", String::new()),
        ("ps", "pair", from("fa", "pair")),
        // Two translations of an English original, which names neither.
        ("en", "trio", String::new()),
        ("fa", "trio", from("en", "trio")),
        ("ps", "trio", from("en", "trio")),
    ];
    for (lang, slug, front) in &files {
        std::fs::create_dir_all(content.join(lang)).unwrap();
        let mut text = article(slug, lang, front, &format!("About {slug} in {lang}."));
        // Topics: `test` in all three; `bilingual` in Dari and Pashto only;
        // `dari` in Dari alone.
        let tags = match (*lang, *slug) {
            ("fa", "pair") => "tags = [\"test\", \"bilingual\", \"dari\"]",
            ("ps", "pair") => "tags = [\"test\", \"bilingual\"]",
            _ => "tags = [\"test\"]",
        };
        text = text.replacen("tags = [\"test\"]", tags, 1);
        std::fs::write(content.join(format!("{lang}/{slug}.md")), text).unwrap();
    }
    let app = TestApp::spawn_with(data.path(), &["--content", content.to_str().unwrap()], None);
    let u = &app.url;
    let set = |pairs: &[(&str, &str)]| {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(l, p)| (l.to_string(), format!("{u}{p}")))
            .collect();
        v.sort();
        v
    };
    let pair = set(&[
        ("fa", "/fa/pair"),
        ("ps", "/ps/pair"),
        ("x-default", "/fa/pair"),
    ]);
    let trio = set(&[
        ("en", "/en/trio"),
        ("fa", "/fa/trio"),
        ("ps", "/ps/trio"),
        ("x-default", "/en/trio"),
    ]);
    let bilingual = set(&[
        ("fa", "/fa/tags/bilingual"),
        ("ps", "/ps/tags/bilingual"),
        ("x-default", "/fa/tags/bilingual"),
    ]);
    let expected: Vec<(&str, Vec<(String, String)>)> = vec![
        ("/en/solo-en", vec![]),
        ("/fa/solo-fa", vec![]),
        ("/ps/solo-ps", vec![]),
        ("/fa/pair", pair.clone()),
        ("/ps/pair", pair),
        ("/en/trio", trio.clone()),
        ("/fa/trio", trio.clone()),
        ("/ps/trio", trio),
        ("/fa/tags/bilingual", bilingual.clone()),
        ("/ps/tags/bilingual", bilingual),
        ("/fa/tags/dari", vec![]),
    ];
    let xml = app.text("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    for (path, want) in expected {
        let url = doc
            .descendants()
            .filter(|n| n.has_tag_name("url"))
            .find(|n| {
                n.children().any(|c| {
                    c.has_tag_name("loc") && c.text() == Some(format!("{u}{path}").as_str())
                })
            })
            .unwrap_or_else(|| panic!("{path} is not in the sitemap"));
        let mut listed = sitemap_alternates(url);
        listed.sort();
        assert_eq!(listed, want, "the sitemap's {path}");
        let mut declared = page_alternates(&app.text(path).await);
        declared.sort();
        assert_eq!(declared, want, "the page {path}");
    }
}

/// The `<div class="comment-body" …>` a page shows comment `id` in.
fn comment_body_tag(page: &str, id: i64) -> String {
    let at = page
        .find(&format!("id=\"comment-{id}\""))
        .unwrap_or_else(|| panic!("comment {id} on the page"));
    let body = at + page[at..].find("<div class=\"comment-body\"").unwrap();
    page[body..body + page[body..].find('>').unwrap() + 1].to_string()
}

/// A comment written in another language than its page's (English on a
/// Dari page, Dari on an English one), as its letters say it, as the
/// moderation queue marks it, carries that language on the page
/// (`lang`, and the direction its words read in) and in the comment
/// feeds (`xml:lang` on its `<content>`): it had the page's, so that an
/// English comment on a Dari page was read out as Dari. A comment in
/// the page's language, or whose letters do not say, carries none.
#[tokio::test]
async fn a_comment_in_another_language_says_its_own() {
    let app = TestApp::spawn_for_comments(&[]);
    let fa = "/fa/who-governs-afghanistan";
    let en = "/en/who-governs-afghanistan";
    let posts = [
        (fa, "This comment is written in English."),
        (fa, "این نظر به دری نوشته شده است."),
        (en, "این نظر به دری نوشته شده است."),
        (en, "An English comment on the English page."),
    ];
    for (article, body) in posts {
        let r = app
            .comment(
                article,
                &[
                    ("name", "Ana"),
                    ("email", "ana@example.org"),
                    ("body", body),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{body}");
    }
    app.login("mod", MOD_PASSWORD).await;
    for id in 1..=4 {
        app.approve_comment(id).await;
    }
    let page = app.text(fa).await;
    assert_eq!(
        comment_body_tag(&page, 1),
        r#"<div class="comment-body" lang="en" dir="ltr">"#
    );
    assert_eq!(comment_body_tag(&page, 2), r#"<div class="comment-body">"#);
    let page = app.text(en).await;
    assert_eq!(
        comment_body_tag(&page, 3),
        r#"<div class="comment-body" lang="fa" dir="rtl">"#
    );
    assert_eq!(comment_body_tag(&page, 4), r#"<div class="comment-body">"#);
    const XML: &str = "http://www.w3.org/XML/1998/namespace";
    for feed in [
        format!("{fa}/comments.atom"),
        format!("{en}/comments.atom"),
        "/comments.atom".to_string(),
    ] {
        let xml = app.text(&feed).await;
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let mut seen = 0;
        for entry in doc.descendants().filter(|n| n.has_tag_name("entry")) {
            let id = child_text(entry, "id");
            let content = entry
                .children()
                .find(|n| n.has_tag_name("content"))
                .unwrap();
            let said = content.attribute((XML, "lang"));
            let expected = match id.rsplit_once("#comment-").unwrap().1 {
                "1" => Some("en"),
                "3" => Some("fa"),
                _ => None,
            };
            assert_eq!(said, expected, "{feed}: {id}");
            seen += 1;
        }
        assert!(seen >= 2, "{feed}");
    }
}

/// Each article's entry in a feed links its translations, as its page's
/// head and the sitemap do: a `<link rel="alternate" hreflang>` for each
/// language version but its own (the entry's plain `alternate`), with the
/// language its page names it by. They had none.
#[tokio::test]
async fn a_feeds_entries_link_their_translations() {
    let app = TestApp::spawn().await;
    let mut linked = 0;
    for feed in ["/feed.atom", "/fa/feed.atom", "/ps/feed.atom"] {
        let xml = app.text(feed).await;
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for entry in doc.descendants().filter(|n| n.has_tag_name("entry")) {
            let url = child_text(entry, "id");
            let mut listed: Vec<(String, String)> = entry
                .children()
                .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("alternate"))
                .filter_map(|n| {
                    Some((
                        n.attribute("hreflang")?.to_string(),
                        n.attribute("href").unwrap().to_string(),
                    ))
                })
                .collect();
            let page = app.text(url.strip_prefix(&app.url).unwrap()).await;
            let mut declared: Vec<(String, String)> = page_alternates(&page)
                .into_iter()
                .filter(|(lang, href)| lang != "x-default" && href != url)
                .collect();
            listed.sort();
            declared.sort();
            assert_eq!(listed, declared, "{feed}: {url}");
            linked += listed.len();
        }
    }
    assert!(linked > 10, "{linked}");
}

/// The `hreflang` values a document gives, as written (in JSON, its
/// quotes escaped; in HTML shown as code, `&quot;`).
fn hreflangs(body: &str) -> std::collections::BTreeSet<String> {
    body.split("hreflang=")
        .skip(1)
        .map(|rest| {
            let rest = rest
                .trim_start_matches("&quot;")
                .trim_start_matches('\\')
                .trim_start_matches('"');
            rest[..rest.find(['"', '\\', '&']).unwrap()].to_string()
        })
        .collect()
}

/// Every `hreflang` on the site names a language as the site names it
/// everywhere else (its addresses, `<html lang>`, the feeds' `xml:lang`,
/// the API's `lang`): `en`, `fa`, `ps`. The pages' heads, the sitemap and
/// the feeds said `fa-AF` and `ps-AF` until 7 December, while the same
/// pages' links, and the citation the API gives, said `fa` and `ps`.
#[tokio::test]
async fn every_hreflang_names_a_language_as_the_site_does() {
    let app = TestApp::spawn().await;
    let allowed = ["en", "fa", "ps", "x-default"];
    for path in [
        "/fa/who-governs-afghanistan",
        "/ps/who-governs-afghanistan",
        "/fa/",
        "/ps/about",
        "/fa/tags/government",
        "/sitemap.xml",
        "/en/feed.atom",
        "/fa/feed.atom",
        "/ps/feed.atom",
        "/feed.atom",
        "/api/v1/articles/fa/who-governs-afghanistan",
    ] {
        let said = hreflangs(&app.text(path).await);
        assert!(
            said.iter().any(|l| l == "fa" || l == "ps"),
            "{path}: {said:?}"
        );
        assert!(
            said.iter().all(|l| allowed.contains(&l.as_str())),
            "{path}: {said:?}"
        );
    }
}

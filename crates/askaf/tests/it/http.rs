use std::io::Read;

use crate::helpers::{vary, TestApp};

#[tokio::test]
async fn repeated_request_with_etag_gets_304() {
    let app = TestApp::spawn().await;
    for path in [
        "/en/who-governs-afghanistan",
        "/",
        "/feed.atom",
        "/api/v1/articles/en/afghan-currency",
        "/static/site.css",
    ] {
        let first = app.get(path).await;
        assert_eq!(first.status(), 200);
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        let again = app
            .client
            .get(format!("{}{path}", app.url))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"], etag.as_str());
        assert!(again.bytes().await.unwrap().is_empty());
        let other = app
            .client
            .get(format!("{}{path}", app.url))
            .header("if-none-match", "\"something-else\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), 200);
    }
}

/// A conditional GET of `path` with `etag` or `date`: its status.
async fn conditional(app: &TestApp, path: &str, header: &str, value: &str) -> u16 {
    app.client
        .get(format!("{}{path}", app.url))
        .header(header, value)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Every validator of every page showing an article's comments must change
/// when a comment is approved: a reader holding the old copy must not be
/// told it is current (the date alone once said so: it was the article's
/// `updated` date, which knows nothing of comments).
#[tokio::test]
async fn validators_change_when_a_comment_is_approved() {
    use crate::helpers::MOD_PASSWORD;
    let app = TestApp::spawn_for_comments(&[]);
    let article = "/en/who-governs-afghanistan";
    let pages = [
        article,
        "/en/",
        "/api/v1/articles/en/who-governs-afghanistan",
        "/en/who-governs-afghanistan/comments.atom",
        "/comments.atom",
    ];
    let mut before = Vec::new();
    for path in pages {
        let r = app.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        let etag = r.headers()["etag"].to_str().unwrap().to_string();
        let date = r.headers()["last-modified"].to_str().unwrap().to_string();
        // Both validators hold while nothing changes.
        assert_eq!(conditional(&app, path, "if-none-match", &etag).await, 304);
        assert_eq!(
            conditional(&app, path, "if-modified-since", &date).await,
            304
        );
        before.push((path, etag, date));
    }
    // A comment without an email waits for a moderator, then is approved.
    let r = app
        .comment(
            article,
            &[("name", "Reader"), ("body", "Held, then approved.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Held: nothing the pages show changed yet.
    for (path, etag, _) in &before {
        assert_eq!(
            conditional(&app, path, "if-none-match", etag).await,
            304,
            "{path}"
        );
    }
    app.login("mod", MOD_PASSWORD).await;
    let queue = app.text("/admin/comments").await;
    let action = crate::helpers::attr(
        &queue,
        "<form method=\"post\" action=\"/admin/comments/",
        "action",
    )
    .expect("the held comment is in the queue");
    let r = app
        .admin_post(
            "/admin/comments",
            &action,
            &[("action", "approve"), ("back", "pending")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    for (path, etag, date) in &before {
        assert_eq!(
            conditional(&app, path, "if-none-match", etag).await,
            200,
            "{path}: the old ETag is stale"
        );
        assert_eq!(
            conditional(&app, path, "if-modified-since", date).await,
            200,
            "{path}: the old date is stale"
        );
        // The pages that show comments show it; the others show its count.
        if !path.ends_with('/') && !path.starts_with("/api/") {
            let fresh = app.get(path).await;
            assert!(
                fresh.text().await.unwrap().contains("Held, then approved."),
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn article_pages_are_the_same_bytes_for_everyone_and_precompressed() {
    let app = TestApp::spawn().await;
    let path = "/en/who-governs-afghanistan";
    let first = app.get(path).await;
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    assert_eq!(first.headers()["vary"], "Accept-Encoding");
    // The time the form was shown travels in a cookie for this article only.
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("askaf_shown="), "{cookie}");
    assert!(
        cookie.contains("Path=/en/who-governs-afghanistan;"),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let html = first.text().await.unwrap();
    assert!(html.contains("action=\"/en/who-governs-afghanistan/comments\""));
    assert!(
        !html.contains("name=\"csrf\""),
        "no per-browser token in the page"
    );
    // Another browser gets the very same bytes.
    let stranger = reqwest::Client::new()
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(stranger.text().await.unwrap(), html);
    // What every browser asks for: brotli, made once, the same page.
    let br = app
        .client
        .get(format!("{}{path}", app.url))
        .header("accept-encoding", "gzip, deflate, br, zstd")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert!(br.headers().get("set-cookie").is_some());
    let bytes = br.bytes().await.unwrap();
    let mut decoded = String::new();
    brotli_decompress(&bytes, &mut decoded);
    assert_eq!(decoded, html);
}

fn brotli_decompress(bytes: &[u8], out: &mut String) {
    let mut raw = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut raw)
        .unwrap();
    *out = String::from_utf8(raw).unwrap();
}

#[tokio::test]
async fn gzip_and_brotli_carry_the_same_bytes() {
    let app = TestApp::spawn().await;
    let path = format!("{}/en/", app.url);
    let plain = app
        .client
        .get(&path)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let gz = app
        .client
        .get(&path)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.headers()["vary"], "Accept-Encoding");
    let gz = gz.bytes().await.unwrap();
    assert!(gz.len() * 2 < plain.len(), "gzip actually compresses");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);
    let br = app
        .client
        .get(&path)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert!(br.bytes().await.unwrap().len() < gz.len() + 64);
    // Dynamic responses are compressed too.
    let api = app
        .client
        .get(format!("{}/api/v1/articles?limit=zz", app.url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 400);
}

#[tokio::test]
async fn unknown_pages_get_the_404_page_in_their_language() {
    let app = TestApp::spawn().await;
    for (path, lang) in [
        ("/en/no-such-article", "en"),
        ("/fa/no-such-article", "fa"),
        ("/nothing/here/at/all", "en"),
        ("/de/x", "en"),
        ("/en/tags/a/b", "en"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path}");
        assert!(html.contains("<h1>"), "{path}");
    }
    let api = app.get("/api/v1/articles/en/nope").await;
    assert_eq!(api.status(), 404);
    let body: serde_json::Value = api.json().await.unwrap();
    assert!(body["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("/api/v1/articles"));
}

/// `GET path` from a browser whose `Accept-Language` is `accept`.
async fn get_accepting(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.url))
        .header("Accept-Language", accept)
        .send()
        .await
        .unwrap()
}

/// An address with no language in it (`/who-governs-afghanistan`, as a
/// reader types it, or an old link) is not found in the language the
/// browser prefers of the three, so a Dari reader is not told in English;
/// an address that names its language keeps it.
#[tokio::test]
async fn a_404_without_a_language_in_its_path_speaks_the_browsers() {
    let app = TestApp::spawn().await;
    for (path, accept, lang, heading) in [
        (
            "/who-governs-afghanistan",
            "fa-AF,fa;q=0.9,en;q=0.5",
            "fa",
            "صفحه پیدا نشد",
        ),
        ("/nothing/here", "ps", "ps", "پاڼه ونه موندل شوه"),
        ("/nothing/here", "de-DE,de;q=0.9", "en", "Page not found"),
        ("/en/no-such-article", "fa", "en", "Page not found"),
    ] {
        let r = get_accepting(&app, path, accept).await;
        assert_eq!(r.status(), 404, "{path}");
        let vary = vary(&r);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{lang}\"")),
            "{path} with {accept}: {html}"
        );
        assert!(
            html.contains(&format!("<h1>{heading}</h1>")),
            "{path}: {html}"
        );
        if !path.starts_with("/en/") {
            assert!(vary.contains("accept-language"), "{path}: Vary {vary}");
        }
    }
}

/// An article's address with its language left out (`/afghan-currency`, a
/// link copied without it, a slug typed from memory) is still a 404 (the
/// site does not guess a language), but it says so and links the article
/// in every language it is in, in the browser's language, as an article
/// missing in one language links the others: until 7 December it was the
/// bare "Page not found", with nothing to say the article was there.
#[tokio::test]
async fn an_article_address_without_its_language_links_the_article() {
    let app = TestApp::spawn().await;
    for (path, accept, lang, said, versions) in [
        (
            "/who-governs-afghanistan",
            "fa-AF,fa;q=0.9",
            "fa",
            "در این نشانی زبانی نیامده است",
            &[
                "/en/who-governs-afghanistan",
                "/fa/who-governs-afghanistan",
                "/ps/who-governs-afghanistan",
            ][..],
        ),
        (
            "/afghanistan-economy/",
            "en",
            "en",
            "This address names no language",
            &["/en/afghanistan-economy"][..],
        ),
        (
            "/afghan-currency",
            "ps",
            "ps",
            "په دې پته کې ژبه نه ده ښودل شوې",
            &["/en/afghan-currency", "/fa/afghan-currency"][..],
        ),
    ] {
        let r = get_accepting(&app, path, accept).await;
        assert_eq!(r.status(), 404, "{path}");
        assert!(vary(&r).contains("accept-language"), "{path}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{lang}\"")),
            "{path}: {html}"
        );
        assert!(html.contains(said), "{path}: {html}");
        let main = &html[html.find("<main").unwrap()..];
        for version in versions {
            assert!(
                main.contains(&format!("<li><a href=\"{version}\"")),
                "{path} does not link {version}: {main}"
            );
            // The header's switch leads there too.
            assert!(
                html.contains(&format!("<a href=\"{version}\" lang=")),
                "{path}: switch to {version}"
            );
        }
    }
    // An address that is no article's stays the plain 404.
    let r = get_accepting(&app, "/no-such-article", "fa").await;
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(!html.contains("class=\"elsewhere\""), "{html}");
    assert!(!html.contains("در این نشانی زبانی نیامده است"), "{html}");
}
#[tokio::test]
async fn malformed_paths_and_queries_get_4xx_never_500() {
    let app = TestApp::spawn().await;
    let paths = [
        "/en/%FF%FE",
        "/%E0%A4%A",
        "/en/..%2F..%2Fetc%2Fpasswd",
        "/en/who-governs-afghanistan%00",
        "/fa/%D8%A7%D9%81%D8%BA%D8%A7%D9%86",
        "/en/tags/%FF",
        "/static/..%2Fsecret",
        "/static/%FF",
        "/api/v1/articles?limit=-1",
        "/api/v1/articles?limit=101",
        "/api/v1/articles?limit=99999999999999999999999",
        "/api/v1/articles?lang=de",
        "/api/v1/articles?cursor=%FF%FE",
        "/api/v1/articles?cursor=en.no-such-article",
        "/api/v1/articles?cursor=garbage",
        "/api/v1/articles?lang=%FF",
        "/api/v1/articles?limit=1&limit=2",
        "/api/v1/articles/xx/yy",
        "/api/v1/articles/en/%FF",
        "/api/v2/things",
        "/en/who-governs-afghanistan?x=%FF&&&==",
        "/%2e%2e/%2e%2e/",
        &format!("/en/{}", "a".repeat(5000)),
    ];
    for path in paths {
        let r = app.get(path).await;
        let status = r.status().as_u16();
        assert!(
            (200..500).contains(&status) && status != 0,
            "{path} -> {status}"
        );
        assert!(status != 500, "{path} -> 500");
        if path.starts_with("/api/") && status >= 400 {
            let body: serde_json::Value = r
                .json()
                .await
                .unwrap_or_else(|_| panic!("{path}: API errors are JSON"));
            assert!(
                !body["errors"][0]["detail"]
                    .as_str()
                    .unwrap_or("")
                    .is_empty(),
                "{path}: readable message"
            );
        }
    }
    let r = app.get("/api/v1/articles?limit=101").await;
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        body["errors"][0]["detail"],
        "limit: expected a whole number from 1 to 100, got `101`"
    );
    let r = app
        .client
        .post(format!("{}/fa/who-governs-afghanistan", app.url))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "GET,HEAD");
    let page = r.text().await.unwrap();
    assert!(
        page.contains("این نشانی این گونه درخواست را نمی‌پذیرد"),
        "{page}"
    );
    // A program gets its JSON.
    let r = app
        .client
        .post(format!("{}/api/v1/ask?q=kabul", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(!body["errors"][0]["detail"].as_str().unwrap().is_empty());
    // The address a comment is posted to, reloaded: the article's comments.
    let r = app.get("/en/who-governs-afghanistan/comments").await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        TestApp::location(&r),
        "/en/who-governs-afghanistan#comments"
    );
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/en/who-governs-afghanistan",
        "/api/v1/articles",
        "/nope",
        "/static/site.css",
    ] {
        let r = app.get(path).await;
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        // The public API may be read from any site (the mirror's Ask box);
        // the pages may not.
        assert_eq!(
            r.headers()
                .get("access-control-allow-origin")
                .map(|v| v.to_str().unwrap()),
            path.starts_with("/api/").then_some("*"),
            "{path}"
        );
        assert!(r.headers().contains_key("referrer-policy"));
    }
}

/// The API is read-only and public: a browser's preflight from another site
/// is answered for reads, and whatever it answers, errors included, is JSON
/// another site's script may read.
#[tokio::test]
async fn the_api_answers_other_sites_in_json_and_their_preflight() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/ask?q=kabul", app.url);
    let r = app
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://reuser.example")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-methods"], "GET, HEAD, OPTIONS");
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("If-None-Match"));

    // A cross-site POST is not the API's: 405 with what it takes, in JSON
    // (at an address the API lacks, its JSON 404: see `api.rs`).
    for path in ["/api/v1/ask?q=kabul", "/api/v1/articles"] {
        let r = app
            .client
            .post(format!("{}{path}", app.url))
            .header("origin", "https://reuser.example")
            .header("sec-fetch-site", "cross-site")
            .header("content-type", "text/plain")
            .body("x")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        assert!(
            r.headers()["allow"].to_str().unwrap().contains("GET"),
            "{path}"
        );
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(!body["errors"][0]["detail"].as_str().unwrap().is_empty());
    }
    // Errors another site reads carry the header too.
    let r = app.get("/api/v1/articles/en/no-such-article").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert!(r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("ETag"));
}

/// An error page is no page of its own: it names no canonical address.
#[tokio::test]
async fn error_pages_name_no_canonical_address() {
    let app = TestApp::spawn().await;
    for path in [
        "/en/no-such-article",
        "/fa/tags/nothing-here",
        "/ps/girls-education",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        let page = r.text().await.unwrap();
        assert!(!page.contains("rel=\"canonical\""), "{path}: {page}");
        assert!(!page.contains("og:url"), "{path}: {page}");
    }
    let page = app.text("/en/who-governs-afghanistan").await;
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{}/en/who-governs-afghanistan\">",
        app.url
    )));
    assert!(page.contains("<meta property=\"og:url\""));
}

/// An article not in the reader's language, but in others: a 404 that
/// links them, in the reader's language.
#[tokio::test]
async fn a_missing_translation_links_the_languages_the_article_is_in() {
    let app = TestApp::spawn().await;
    let r = app.get("/ps/girls-education").await;
    assert_eq!(r.status(), 404);
    let page = r.text().await.unwrap();
    assert!(page.contains("دا مقاله په پښتو نشته"), "{page}");
    assert!(
        page.contains("href=\"/en/girls-education\" lang=\"en\" dir=\"ltr\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/fa/girls-education\" lang=\"fa\" dir=\"rtl\""),
        "{page}"
    );
    // The header's language links lead there too, not to those home pages.
    for (lang, name) in [("en", "English"), ("fa", "دری")] {
        assert!(
            page.contains(&format!(
                "<a href=\"/{lang}/girls-education\" lang=\"{lang}\" hreflang=\"{lang}\">{name}</a>"
            )),
            "{page}"
        );
    }
    // Each link names its language, as an article's translations do: a
    // Pashto reader cannot tell a Dari title from a Pashto one by its
    // letters, and followed "آیا دختران…" not knowing it led to Dari.
    assert!(
        page.contains("hreflang=\"en\">English: Can girls and women go to school")
            && page.contains("hreflang=\"fa\">دری: آیا دختران و زنان"),
        "{page}"
    );
    let r = app.get("/ps/no-such-article").await;
    assert_eq!(r.status(), 404);
    assert!(!r.text().await.unwrap().contains("class=\"elsewhere\""));
}

/// A topic no article of the page's language has yet links the languages
/// that have it, by its name there, as a missing translation does.
#[tokio::test]
async fn a_topic_missing_in_one_language_links_the_languages_that_have_it() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/en/tags/economy").await.status(), 200);
    let r = app.get("/ps/tags/economy").await;
    assert_eq!(r.status(), 404);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("تر اوسه هېڅ پښتو مقاله دا موضوع نه لري"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/en/tags/economy\" lang=\"en\" dir=\"ltr\""),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/en/tags/economy\" lang=\"en\" hreflang=\"en\">English</a>"),
        "{page}"
    );
    // The topic's name in Dari ("اقتصاد") is the Pashto one too: the
    // link says which language it leads to.
    assert!(
        page.contains("hreflang=\"en\">English: Economy</a>")
            && page.contains("hreflang=\"fa\">دری: اقتصاد</a>"),
        "{page}"
    );
    let r = app.get("/ps/tags/no-such-topic").await;
    assert_eq!(r.status(), 404);
    assert!(!r.text().await.unwrap().contains("class=\"elsewhere\""));
}

/// What cannot be read is said in the page's language, not in axum's
/// words about its internals.
#[tokio::test]
async fn unreadable_requests_are_said_in_the_pages_language() {
    let app = TestApp::spawn().await;
    let r = app.get("/fa/%FF").await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("این نشانی خوانده نمی‌شود"), "{page}");
    assert!(!page.contains("UTF-8"), "{page}");
    let r = app.get("/ask?lang=ps&q=a&q=b").await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("نه لوستل کېږي"), "{page}");
    assert!(!page.contains("deserialize"), "{page}");
    // Past what even the comment form takes (a text longer than a comment
    // but shorter than this comes back in the form, see `comments.rs`).
    // What happened, the limit, and where the text is: in the reader's
    // language and digits. The server answers before reading it all, and
    // reads the rest before it closes (see
    // `an_oversized_form_is_read_to_its_end_and_its_page_reaches_the_browser`).
    let huge = "x".repeat(300_000);
    let said: [(&str, &[&str]); 2] = [
        (
            "fa",
            &[
                "بزرگ‌تر از آن که فرستاده شود",
                "نظر شما فرستاده نشد",
                "(۲۵۶ کیلوبایت؛ یک نظر حداکثر ۵۰۰۰ حرف دارد)",
                "با دکمهٔ «بازگشت» مرورگر برگردید",
            ],
        ),
        (
            "ps",
            &["ستاسو تبصره ونه لېږل شوه", "۲۵۶ کیلوبایټه", "«شاته»"],
        ),
    ];
    for (lang, said) in said {
        let r = TestApp::fresh_client()
            .post(format!(
                "{}/{lang}/who-governs-afghanistan/comments",
                app.url
            ))
            .header("sec-fetch-site", "same-origin")
            .form(&[("name", "A"), ("body", huge.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 413);
        let page = r.text().await.unwrap();
        for s in said {
            assert!(page.contains(s), "{lang}: {s}: {page}");
        }
    }
}

/// An article's address with a trailing slash is sent to the address;
/// never to another host.
#[tokio::test]
async fn a_trailing_slash_is_redirected_to_the_article() {
    let app = TestApp::spawn().await;
    let r = app.get("/en/who-governs-afghanistan/?x=1").await;
    assert_eq!(r.status(), 308);
    assert_eq!(TestApp::location(&r), "/en/who-governs-afghanistan?x=1");
    assert_eq!(
        app.get("/en/").await.status(),
        200,
        "a listing keeps its slash"
    );
    // Never to a 404: there is no topic index, nor such an article.
    for path in ["/en/tags/", "/fa/no-such-article/"] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
    let r = app.get("/en/about/").await;
    assert_eq!(r.status(), 308);
    assert_eq!(TestApp::location(&r), "/en/about");
    for path in ["//evil.example/", "/%2F%2Fevil.example/"] {
        let r = app.get(path).await;
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(
            !location.starts_with("//") && !location.contains("evil.example/"),
            "{path}: {} {location}",
            r.status()
        );
    }
}

/// The stylesheet under the name the pages give it is kept for a year;
/// under a bare name, which the next release may change, for minutes.
#[tokio::test]
async fn only_a_versioned_asset_is_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let home = app.text("/en/").await;
    let start = home.find("/static/site.css?v=").expect("a versioned link");
    let href = &home[start..home[start..].find('"').unwrap() + start];
    let cache_control =
        |r: &reqwest::Response| r.headers()["cache-control"].to_str().unwrap().to_string();
    let r = app.get(href).await;
    assert_eq!(r.status(), 200);
    assert_eq!(cache_control(&r), "public, max-age=31536000, immutable");
    for other in ["/static/site.css", "/static/site.css?v=0"] {
        let r = app.get(other).await;
        assert_eq!(r.status(), 200);
        assert_eq!(cache_control(&r), "public, max-age=300", "{other}");
    }
}

/// The version the pages give their stylesheet, script and icon (`?v=`),
/// under which each is kept a year, is made from the bytes of all three:
/// it was the stylesheet's and the script's alone, so a new icon kept the
/// old one's address, and browsers showed the old icon for a year.
#[tokio::test]
async fn the_asset_version_is_made_from_every_file_it_versions() {
    use sha2::Digest;
    let app = TestApp::spawn().await;
    let home = app.text("/en/").await;
    let mut hash = sha2::Sha256::new();
    let mut versions = Vec::new();
    for file in ["site.css", "site.js", "icon.svg"] {
        let at = home
            .find(&format!("/static/{file}?v="))
            .unwrap_or_else(|| panic!("no versioned link to {file}"));
        let href = &home[at..at + home[at..].find('"').unwrap()];
        versions.push(href.split_once("?v=").unwrap().1.to_string());
        hash.update(app.get(href).await.bytes().await.unwrap());
    }
    let wanted = hex::encode(&hash.finalize()[..6]);
    assert_eq!(versions, [wanted.clone(), wanted.clone(), wanted]);
}

#[tokio::test]
async fn head_requests_and_health() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .head(format!("{}/en/afghan-currency", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let health = app.json("/healthz").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "ok");
    assert_eq!(health["database_kind"], "sqlite");
    assert!(health["articles"].as_u64().unwrap() >= 18);
    assert_eq!(
        app.get("/robots.txt").await.text().await.unwrap(),
        format!(
            "User-agent: *\nDisallow: /ask\nDisallow: /api/v1/ask\nDisallow: /admin/\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
            app.url
        )
    );
}

/// A `HEAD` says what the `GET` of the same address sends: the same
/// status, type, encoding and `Content-Length` (the length of the `GET`'s
/// body), for pages, feeds, the API, Ask's page and answer, and a 404,
/// with and without a compressed encoding. `HEAD /ask?q=…` said a
/// shorter length than its `GET`'s body: its page left out the
/// "Did this answer your question?" form, since a `HEAD` is not recorded.
#[tokio::test]
async fn a_head_says_the_length_its_get_sends() {
    let app = TestApp::spawn().await;
    let asked = "q=What+is+the+capital+of+Afghanistan%3F";
    let mut differ = Vec::new();
    for path in [
        "/".to_string(),
        "/en/".to_string(),
        "/fa/".to_string(),
        "/en/who-governs-afghanistan".to_string(),
        "/ps/languages-of-afghanistan.txt".to_string(),
        "/feed.atom".to_string(),
        "/fa/feed.atom".to_string(),
        "/sitemap.xml".to_string(),
        "/robots.txt".to_string(),
        "/static/site.css".to_string(),
        "/api/v1/articles".to_string(),
        "/api/v1/articles?lang=fa&limit=2".to_string(),
        "/api/v1/articles/en/afghan-currency".to_string(),
        "/ask".to_string(),
        format!("/ask?{asked}"),
        format!("/ask?lang=fa&{asked}"),
        format!("/api/v1/ask?{asked}"),
        "/en/no-such-article".to_string(),
        "/api/v1/articles/en/no-such-article".to_string(),
    ] {
        for encoding in ["identity", "gzip", "br"] {
            let send = |method: reqwest::Method| {
                app.client
                    .request(method, format!("{}{path}", app.url))
                    .header("accept-encoding", encoding)
                    .send()
            };
            let get = send(reqwest::Method::GET).await.unwrap();
            let head = send(reqwest::Method::HEAD).await.unwrap();
            let said = |r: &reqwest::Response, name: &str| {
                r.headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
            };
            let at = format!("{path} ({encoding})");
            if head.status() != get.status() {
                differ.push(format!(
                    "{at}: status {} for {}",
                    head.status(),
                    get.status()
                ));
            }
            for name in ["content-type", "content-encoding", "content-length"] {
                if said(&head, name) != said(&get, name) {
                    differ.push(format!(
                        "{at}: {name} {:?} for {:?}",
                        said(&head, name),
                        said(&get, name)
                    ));
                }
            }
            // What a HEAD says the length is, is the GET's body's.
            let head_length = said(&head, "content-length");
            let body = get.bytes().await.unwrap();
            if head_length
                .as_ref()
                .is_some_and(|n| *n != body.len().to_string())
            {
                differ.push(format!(
                    "{at}: content-length {head_length:?}, the GET's body {} bytes",
                    body.len()
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "HEAD says otherwise than GET:\n{}",
        differ.join("\n")
    );
}

#[tokio::test]
async fn oversized_heads_are_refused_and_slow_ones_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(format!("{}/en/", app.url))
        .header("x-padding", "a".repeat(20_000))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 431);
    let page = r.text().await.unwrap();
    assert!(page.contains("headers are too large"), "{page}");
    // An address too long says so, in JSON under /api/ for a program.
    let long = "a".repeat(17_000);
    let r = app.get(&format!("/api/v1/ask?q={long}")).await;
    assert_eq!(r.status(), 414);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .starts_with("This address is too long"));
    let r = app.get(&format!("/fa/?x={long}")).await;
    assert_eq!(r.status(), 414);
    assert!(r.text().await.unwrap().contains("این نشانی بسیار دراز است"));
    // Far past the limit, the connection's reader refuses it unread.
    let r = app
        .client
        .get(format!("{}/en/", app.url))
        .header("x-padding", "a".repeat(100_000))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 431);

    // A client that starts a request and never finishes its headers: the
    // server closes the connection without serving it. (The timeout below
    // only keeps a broken server from hanging the test; how long the server
    // waits is its own business.)
    let addr = app.url.trim_start_matches("http://").to_string();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        slow.read_to_end(&mut buf),
    )
    .await;
    assert!(
        read.is_ok(),
        "the server still holds the unfinished request's connection"
    );
    let answer = String::from_utf8_lossy(&buf).into_owned();
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "the unfinished request was answered: {answer:?}"
    );
    // Closed for good: finishing the request now gets no page.
    let _ = slow.write_all(b"1\r\n\r\n").await;
    let mut after = Vec::new();
    let _ = slow.read_to_end(&mut after).await;
    assert!(
        !String::from_utf8_lossy(&after).contains("HTTP/1.1 200"),
        "a request finished on the closed connection was served"
    );
    // Meanwhile, and after, everyone else is served.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// Many connections at once, spread over the serving threads (one per
/// core), are all answered; a stop signal with every one of them still
/// open and idle ends the server at once, cleanly.
#[tokio::test]
async fn many_connections_are_answered_and_a_stop_signal_ends_the_server_at_once() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("serve.log");
    let mut app = TestApp::spawn_logged(data.path(), &[], None, Some(&log));
    // One client per connection: each keeps its own connection alive.
    let clients: Vec<reqwest::Client> = (0..16).map(|_| TestApp::fresh_client()).collect();
    for round in 0..3 {
        let mut asked = tokio::task::JoinSet::new();
        for (i, c) in clients.iter().enumerate() {
            let path = if i % 2 == 0 {
                "/en/who-governs-afghanistan"
            } else {
                "/api/v1/ask?q=currency"
            };
            let (c, url) = (c.clone(), format!("{}{path}", app.url));
            asked.spawn(async move { c.get(url).send().await.map(|r| r.status().as_u16()) });
        }
        while let Some(status) = asked.join_next().await {
            assert_eq!(status.unwrap().unwrap(), 200, "round {round}");
        }
    }
    let status = app
        .terminate(std::time::Duration::from_secs(10))
        .expect("the server did not stop within 10 s of SIGTERM");
    assert!(status.success(), "{status}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("stopped"), "{logged}");
    drop(clients);
}

/// A client that sent part of a request head and stalled does not hold a
/// stop signal for the header read timeout (10 s): the server ends within
/// a second or so, cleanly; a whole request sent just before the signal
/// is still answered.
#[tokio::test]
async fn a_half_sent_request_head_does_not_hold_the_stop() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut app = TestApp::spawn().await;
    let addr = app.url.trim_start_matches("http://").to_string();
    let mut stalled = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stalled
        .write_all(b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    // A whole request, its answer not yet read.
    let mut whole = tokio::net::TcpStream::connect(&addr).await.unwrap();
    whole
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let start = std::time::Instant::now();
    let status = app
        .terminate(std::time::Duration::from_secs(5))
        .expect("the server did not stop within 5 s of SIGTERM");
    assert!(status.success(), "{status}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(3),
        "stopping took {:?}",
        start.elapsed()
    );
    let mut answer = Vec::new();
    let _ = whole.read_to_end(&mut answer).await;
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    drop(stalled);
}

/// Sends `head` and then `body` on a connection of its own, as a browser
/// does (the whole body written, then the answer read), and returns what
/// came back; `Err` when the connection broke first, as a reset does.
async fn send_raw(
    app: &TestApp,
    head: &str,
    body: &[u8],
    within: std::time::Duration,
) -> std::io::Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.url.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&addr).await?;
    stream.write_all(head.as_bytes()).await?;
    for chunk in body.chunks(64 * 1024) {
        stream.write_all(chunk).await?;
    }
    let mut answer = Vec::new();
    match tokio::time::timeout(within, stream.read_to_end(&mut answer)).await {
        Ok(read) => read.map(|_| String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => panic!("no whole answer within {within:?}"),
    }
}

/// A form sent more slowly than the server waits (30 s; 2 s here, through
/// askaf's `ASKAF_TEST_REQUEST_TIMEOUT_MS`) gets the site's 408 page: in
/// the language of the page it was sent to, with the same strict headers
/// as any other page; not a bare 408 with no words.
#[tokio::test]
async fn a_request_timed_out_gets_the_page_in_its_language() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("serve.log");
    let app = TestApp::spawn_hooked_traced(
        &data.path().join("data"),
        &[],
        &log,
        "warn",
        &[("ASKAF_TEST_REQUEST_TIMEOUT_MS", "2000")],
    );
    let asked = std::time::Instant::now();
    let addr = app.url.trim_start_matches("http://").to_string();
    // The head of a comment form, and only the start of its body.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(
        b"POST /fa/who-governs-afghanistan/comments HTTP/1.1\r\nHost: x\r\n\
          Content-Type: application/x-www-form-urlencoded\r\n\
          Sec-Fetch-Site: same-origin\r\nConnection: close\r\n\
          Content-Length: 1000\r\n\r\nname=A&body=",
    )
    .await
    .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(90),
        slow.read_to_end(&mut buf),
    )
    .await;
    assert!(read.is_ok(), "no answer within 90 s");
    // The server's wait, not another bound (the 30 s of the page).
    let waited = asked.elapsed();
    assert!(waited < std::time::Duration::from_secs(20), "{waited:?}");
    let answer = String::from_utf8_lossy(&buf).into_owned();
    let (head, page) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    assert!(head.starts_with("HTTP/1.1 408"), "{answer}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("content-security-policy: default-src 'none'; script-src 'self'")
            && !head.contains("unsafe-inline"),
        "{head}"
    );
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(page.contains("<html lang=\"fa\" dir=\"rtl\""), "{page}");
    assert!(page.contains("۳۰ ثانیه"), "{page}");
    // Everyone else is served meanwhile and after.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// A form larger than its address takes is answered 413 before the server
/// has read it all. A browser writes the whole body before it reads the
/// answer: the server reads the rest and throws it away (up to a bound),
/// so the browser gets the page that says why, not a reset connection.
#[tokio::test]
async fn an_oversized_form_is_read_to_its_end_and_its_page_reaches_the_browser() {
    let app = TestApp::spawn().await;
    // 12 MB, against the comment form's 256 KB: far more than the
    // sockets' buffers hold between the two.
    let body = format!("name=A&body={}", "x".repeat(12 << 20));
    let head = format!(
        "POST /ps/who-governs-afghanistan/comments HTTP/1.1\r\nHost: x\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Sec-Fetch-Site: same-origin\r\nConnection: close\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    for _ in 0..3 {
        let answer = send_raw(
            &app,
            &head,
            body.as_bytes(),
            std::time::Duration::from_secs(30),
        )
        .await
        .expect("the connection broke before the answer was read");
        assert!(
            answer.starts_with("HTTP/1.1 413"),
            "{}",
            &answer[..answer.len().min(500)]
        );
        assert!(answer.contains("ستاسو تبصره ونه لېږل شوه"), "{answer}");
    }
}

/// A method a page does not take, at an address that names nothing, is the
/// address's 404 in its language, as a `GET` gets (it was a 405, as if the
/// page existed and took other methods); an address that has a page keeps
/// its 405 and `Allow`, and the API's addresses alike answer in JSON.
#[tokio::test]
async fn a_missing_page_is_a_404_whatever_the_method() {
    let app = TestApp::spawn().await;
    let send = |method: &reqwest::Method, path: &str| {
        app.client
            .request(method.clone(), format!("{}{path}", app.url))
            .body("x")
            .send()
    };
    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        for (path, lang) in [
            ("/en/no-such-article", "en"),
            ("/fa/no-such-article", "fa"),
            ("/ps/no-such-article", "ps"),
            ("/en/no-such-article/comments.atom", "en"),
            ("/fa/no-such-article/comments", "fa"),
            ("/fa/tags/no-such-topic", "fa"),
            ("/en/page/99", "en"),
            ("/xx", "en"),
        ] {
            let r = send(&method, path).await.unwrap();
            assert_eq!(r.status(), 404, "{method} {path}");
            assert!(r.headers().get("allow").is_none(), "{method} {path}");
            let page = r.text().await.unwrap();
            assert!(
                page.contains(&format!(r#"<html lang="{lang}""#)),
                "{method} {path}: {page}"
            );
        }
        for path in [
            "/fa/who-governs-afghanistan",
            "/en/about",
            "/ask",
            "/en/",
            "/en/who-governs-afghanistan/comments.atom",
        ] {
            let r = send(&method, path).await.unwrap();
            assert_eq!(r.status(), 405, "{method} {path}");
            let allow = r.headers()["allow"].to_str().unwrap().to_string();
            assert!(allow.contains("GET"), "{method} {path}: {allow}");
        }
        let r = send(&method, "/api/v1/articles/en/no-such-article")
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{method} API");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(!body["errors"][0]["detail"].as_str().unwrap().is_empty());
    }
    // Read, the comments' address of an article the site lacks is its 404
    // too (it was sent on to the article's).
    let r = app.get("/fa/no-such-article/comments").await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains(r#"<html lang="fa""#));
}

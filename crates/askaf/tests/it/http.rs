use std::io::Read;

use crate::helpers::TestApp;

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

#[tokio::test]
async fn last_modified_answers_if_modified_since() {
    let app = TestApp::spawn().await;
    let first = app.get("/en/who-governs-afghanistan").await;
    let lm = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(lm, "Fri, 20 Feb 2026 00:00:00 GMT");
    let again = app
        .client
        .get(format!("{}/en/who-governs-afghanistan", app.url))
        .header("if-modified-since", &lm)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let older = app
        .client
        .get(format!("{}/en/who-governs-afghanistan", app.url))
        .header("if-modified-since", "Mon, 01 Jan 2024 00:00:00 GMT")
        .send()
        .await
        .unwrap();
    assert_eq!(older.status(), 200);
}

#[tokio::test]
async fn article_pages_are_per_browser_and_never_stored_by_shared_caches() {
    let app = TestApp::spawn().await;
    let path = "/en/who-governs-afghanistan";
    let first = app.get(path).await;
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    assert!(first.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("askaf_csrf="));
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let token = crate::helpers::attr(
        &first.text().await.unwrap(),
        "<input type=\"hidden\" name=\"csrf\"",
        "value",
    )
    .unwrap();
    // The same browser (its cookie) gets the same token and a 304.
    let again = app.get(path).await;
    assert!(again.headers().get("set-cookie").is_none());
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    let html = again.text().await.unwrap();
    assert!(html.contains(&token));
    // Another browser gets its own.
    let stranger = reqwest::Client::new()
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .unwrap();
    assert_ne!(stranger.headers()["etag"].to_str().unwrap(), etag);
    assert!(!stranger.text().await.unwrap().contains(&token));
    // Compressed on the way out, whole.
    let gz = app
        .client
        .get(format!("{}{path}", app.url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let gz = gz.bytes().await.unwrap();
    let mut decoded = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut decoded)
        .unwrap();
    assert!(decoded.contains(&token) && decoded.trim_end().ends_with("</html>"));
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
        .post(format!("{}/en/who-governs-afghanistan", app.url))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
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
        assert!(r.headers().contains_key("referrer-policy"));
    }
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
    assert!(health["articles"].as_u64().unwrap() >= 18);
    assert_eq!(
        app.get("/robots.txt").await.text().await.unwrap(),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
            app.url
        )
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

//! Every kind of response comes compressed as asked (brotli, gzip or not at
//! all), says so in `Content-Encoding` and `Vary: Accept-Encoding`, and
//! decodes to the very body a client that asks for no compression gets.

use std::io::Read;

use crate::helpers::{vary, TestApp};

/// What a client sends, and the `Content-Encoding` it must get back.
const ENCODINGS: [(Option<&str>, Option<&str>); 3] = [
    (None, None),
    (Some("gzip"), Some("gzip")),
    (Some("br"), Some("br")),
];

/// Pages whose bytes are the same on every request from one browser.
const FIXED: &[&str] = &[
    "/en/who-governs-afghanistan",
    "/fa/afghan-currency",
    "/en/",
    "/en/tags/government",
    "/feed.atom",
    "/api/v1/articles",
    "/api/v1/articles/en/afghan-currency",
];

/// Answers computed per request.
const DYNAMIC: &[&str] = &[
    "/ask?lang=en&q=What%20currency%20does%20Afghanistan%20use%3F",
    "/api/v1/ask?lang=en&q=What%20currency%20does%20Afghanistan%20use%3F",
    "/api/v1/ask?lang=fa&q=%D9%BE%D9%88%D9%84%20%D8%A7%D9%81%D8%BA%D8%A7%D9%86%D8%B3%D8%AA%D8%A7%D9%86%20%DA%86%DB%8C%D8%B3%D8%AA%D8%9F",
];

/// The body as the client would read it after undoing `encoding`.
fn decode(encoding: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        None => out.extend_from_slice(body),
        Some("gzip") => {
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut out)
                .expect("a whole gzip stream");
        }
        Some("br") => {
            brotli::Decompressor::new(body, 4096)
                .read_to_end(&mut out)
                .expect("a whole brotli stream");
        }
        Some(other) => panic!("unexpected encoding {other}"),
    }
    out
}

/// Blanks the values of the hidden fields a page writes per request (the
/// comment form's CSRF token and its timing stamp, which holds the time the
/// form was shown): two requests a second apart legitimately differ there and
/// nowhere else.
fn without_per_request_tokens(html: &str) -> String {
    let mut out = html.to_string();
    // `token`: the answer's Yes/No form, a random token per answer shown.
    for name in ["csrf", "t", "token"] {
        let key = format!("<input type=\"hidden\" name=\"{name}\" value=\"");
        let mut from = 0;
        while let Some(at) = out[from..].find(&key) {
            let start = from + at + key.len();
            let end = start + out[start..].find('"').expect("a closed attribute");
            out.replace_range(start..end, "");
            from = start;
        }
    }
    out
}

/// `GET path` with `Accept-Encoding: accept`, or none.
async fn get_accepting(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.url));
    if let Some(accept) = accept {
        request = request.header("accept-encoding", accept);
    }
    request.send().await.unwrap()
}

/// Requests `path` once per encoding; checks the headers and returns the
/// decoded bodies, identity first.
async fn fetch_each_encoding(app: &TestApp, path: &str) -> Vec<Vec<u8>> {
    let mut bodies = Vec::new();
    for (accept, want) in ENCODINGS {
        let r = get_accepting(app, path, accept).await;
        assert_eq!(r.status(), 200, "{path} ({accept:?})");
        let got = r
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(
            got.as_deref(),
            want,
            "{path}: Content-Encoding for {accept:?}"
        );
        // A shared cache must not hand one client's encoding to another,
        // whichever encoding this response happens to carry.
        let vary = vary(&r);
        assert!(
            vary.split(',').any(|v| v.trim() == "accept-encoding"),
            "{path} ({accept:?}): Vary is `{vary}`"
        );
        let raw = r.bytes().await.unwrap();
        if want.is_some() {
            assert!(!raw.is_empty(), "{path}: an empty {want:?} body");
        }
        bodies.push(decode(want, &raw));
    }
    bodies
}

#[tokio::test]
async fn every_kind_of_page_decodes_to_the_identity_body() {
    let app = TestApp::spawn().await;
    // A first visit sets the browser's cookies, so the requests below are
    // from one browser that already has them.
    app.text("/en/").await;
    for path in FIXED {
        let bodies = fetch_each_encoding(&app, path).await;
        let plain = String::from_utf8(bodies[0].clone()).expect("UTF-8");
        assert!(plain.len() > 500, "{path}: a real page");
        for (body, (accept, _)) in bodies.iter().zip(ENCODINGS).skip(1) {
            let body = String::from_utf8(body.clone()).expect("UTF-8");
            // Byte for byte, but for the comment form's timing stamp, which
            // changes with the second the page is shown (article pages only).
            assert_eq!(
                without_per_request_tokens(&body),
                without_per_request_tokens(&plain),
                "{path}: the {accept:?} body differs"
            );
        }
    }
    for path in DYNAMIC {
        // Computed per request: the same question gets the same answer, so
        // these too must match after the per-request fields are blanked.
        let bodies = fetch_each_encoding(&app, path).await;
        let plain = String::from_utf8(bodies[0].clone()).expect("UTF-8");
        for (body, (accept, _)) in bodies.iter().zip(ENCODINGS).skip(1) {
            let body = String::from_utf8(body.clone()).expect("UTF-8");
            if path.starts_with("/api/") {
                // JSON: compare values, not key order or spacing.
                let a: serde_json::Value = serde_json::from_str(&plain).unwrap();
                let b: serde_json::Value = serde_json::from_str(&body)
                    .unwrap_or_else(|e| panic!("{path} ({accept:?}): {e}"));
                assert!(a["answer"].as_array().is_some_and(|a| !a.is_empty()), "{a}");
                assert_eq!(a, b, "{path}: the {accept:?} body differs");
            } else {
                assert!(plain.contains("answer-sentence"), "{path}: an answer");
                assert_eq!(
                    without_per_request_tokens(&body),
                    without_per_request_tokens(&plain),
                    "{path}: the {accept:?} body differs"
                );
            }
        }
    }
}

/// A strong ETag names one body: two encodings of a response never share
/// one, small files (`robots.txt`, the icon) and large alike.
#[tokio::test]
async fn each_encoding_has_its_own_etag() {
    let app = TestApp::spawn().await;
    for path in [
        "/robots.txt",
        "/static/icon.svg",
        "/static/site.css",
        "/en/about",
        "/api/v1/articles",
    ] {
        let mut seen: Vec<(String, Option<String>)> = Vec::new();
        for (accept, _) in ENCODINGS {
            let r = get_accepting(&app, path, accept).await;
            assert_eq!(r.status(), 200, "{path}");
            let etag = r.headers()["etag"].to_str().unwrap().to_string();
            let encoding = r
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_string());
            for (other, other_encoding) in &seen {
                assert!(
                    other != &etag || other_encoding == &encoding,
                    "{path}: {etag} for both {other_encoding:?} and {encoding:?}"
                );
            }
            seen.push((etag, encoding));
        }
    }
}

#[test]
fn blanking_tokens_keeps_everything_else() {
    let html = "<form><input type=\"hidden\" name=\"csrf\" value=\"abc\"><input type=\"hidden\" name=\"t\" value=\"123.9\"><input name=\"x\" value=\"keep\"></form>";
    assert_eq!(
        without_per_request_tokens(html),
        "<form><input type=\"hidden\" name=\"csrf\" value=\"\"><input type=\"hidden\" name=\"t\" value=\"\"><input name=\"x\" value=\"keep\"></form>"
    );
}

/// An article page held in memory is answered before the router (the page
/// cache's hot lane); what it sends must be what the router sends for the
/// same page: the same bytes, validators and headers, and a comment-form
/// cookie for the same form.
#[tokio::test]
async fn an_article_from_memory_is_the_page_the_router_sends() {
    let app = TestApp::spawn().await;
    let path = "/en/who-governs-afghanistan";
    let fetch = |p: String| {
        app.client
            .get(format!("{}{p}", app.url))
            .header("accept-encoding", "gzip, deflate, br, zstd")
            .send()
    };
    // The first request renders the page and keeps it in memory; the second
    // is answered from memory; a query string, which the hot lane leaves to
    // the router, sends the third through the router to the same page.
    let first = fetch(path.to_string()).await.unwrap();
    assert_eq!(first.status(), 200);
    let hot = fetch(path.to_string()).await.unwrap();
    let routed = fetch(format!("{path}?via=router")).await.unwrap();
    assert_eq!(hot.status(), 200);
    assert_eq!(routed.status(), 200);
    for name in [
        "etag",
        "last-modified",
        "content-type",
        "content-encoding",
        "content-length",
        "cache-control",
        "vary",
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
        "permissions-policy",
    ] {
        assert_eq!(
            hot.headers().get(name),
            routed.headers().get(name),
            "{name}"
        );
        assert!(hot.headers().get(name).is_some(), "{name} is missing");
    }
    assert_eq!(hot.headers()["content-encoding"], "br");
    // The cookie stamps the second the form was shown: the same attributes,
    // and the same value when both were made in the same second.
    let cookie = |r: &reqwest::Response| {
        let c = r.headers()["set-cookie"].to_str().unwrap().to_string();
        let (value, attributes) = c.split_once(';').unwrap();
        let stamp = value.strip_prefix("askaf_shown=").unwrap().to_string();
        (stamp, attributes.to_string())
    };
    let (hot_stamp, hot_attrs) = cookie(&hot);
    let (routed_stamp, routed_attrs) = cookie(&routed);
    assert_eq!(hot_attrs, routed_attrs);
    assert!(hot_attrs.contains(&format!("Path={path}")), "{hot_attrs}");
    let second = |s: &str| s.split_once('.').unwrap().0.parse::<u64>().unwrap();
    if second(&hot_stamp) == second(&routed_stamp) {
        assert_eq!(hot_stamp, routed_stamp);
    }
    let hot_body = hot.bytes().await.unwrap();
    let routed_body = routed.bytes().await.unwrap();
    assert_eq!(hot_body, routed_body);
    assert!(decode(Some("br"), &hot_body).len() > 500);
}

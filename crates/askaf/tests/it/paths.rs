//! Paths that try to climb out of the site get a 400 or a 404, each the one
//! stated here, and never a byte of a file from outside the site.
//!
//! The requests go over a raw socket: an HTTP client library (and the URL
//! standard it follows) would resolve `%2e%2e`, `..` and backslashes before
//! sending, so the server would never see the attack.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::TestApp;

/// Sends `GET {target}` exactly as written; returns the status and the raw
/// response after the status line (headers and body).
async fn raw_get(app: &TestApp, target: &str) -> (u16, String) {
    let addr = app.url.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{target}: not an HTTP response: {raw:?}"));
    (status, raw)
}

/// What would show that a file from outside the site came back.
const LEAKS: &[&str] = &[
    "root:",
    "/bin/sh",
    "[package]",
    "[workspace]",
    "[dependencies]",
    "askaf-content",
];

#[tokio::test]
async fn traversal_attempts_get_400_or_404_and_nothing_from_outside() {
    let app = TestApp::spawn().await;
    // Each attempt with the status it must get: 404 where the router sees
    // an ordinary (if odd) name that matches no file or article, 400 where
    // the target or a parameter cannot be read at all.
    let cases: &[(&str, u16)] = &[
        ("/static/..%2f..%2fetc%2fpasswd", 404),
        ("/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd", 404),
        ("/static/..%2fCargo.toml", 404),
        ("/static/..%2f..%2fCargo.toml", 404),
        ("/static/%2e%2e%2fCargo.toml", 404),
        ("/static/..%252f..%252fetc%252fpasswd", 404),
        ("/static/%252e%252e%252fCargo.toml", 404),
        ("/static/..%5c..%5cCargo.toml", 404),
        ("/static/..\\..\\Cargo.toml", 404),
        // An overlong UTF-8 slash: not UTF-8 at all, so no name to look up.
        ("/static/..%c0%afCargo.toml", 400),
        ("/static/../../etc/passwd", 404),
        ("/static/site.css/../../../etc/passwd", 404),
        ("/en/..%2f..%2fetc%2fpasswd", 404),
        ("/en/..%2F..%2FCargo.toml", 404),
        ("/en/%2e%2e/%2e%2e/etc/passwd", 404),
        ("/en/..%255c..%255cetc%255cpasswd", 404),
        ("/en/..\\..\\etc\\passwd", 404),
        ("/%2e%2e/", 404),
        ("/%2e%2e/%2e%2e/etc/passwd", 404),
        ("/%252e%252e/%252e%252e/etc/passwd", 404),
        ("/..%2f..%2fetc%2fpasswd", 404),
        // The API reads `../../etc` as a language, and says it is not one:
        // a 404, as any language the site does not have.
        ("/api/v1/articles/..%2f..%2fetc/passwd", 404),
        (
            "/en/who-governs-afghanistan/comments.atom/..%2f..%2f..%2fetc%2fpasswd",
            404,
        ),
        // Not a path at all (no leading slash): refused before any route.
        ("..%2f..%2fetc%2fpasswd", 400),
        ("../../etc/passwd", 400),
        ("\\..\\..\\etc\\passwd", 400),
    ];
    let mut wrong = Vec::new();
    for (target, want) in cases {
        let (status, raw) = raw_get(&app, target).await;
        if status != *want {
            wrong.push(format!("{target}: {status}, expected {want}"));
        }
        for leak in LEAKS {
            assert!(
                !raw.contains(leak),
                "{target}: the response holds `{leak}` from outside the site"
            );
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The same socket code does fetch what is there.
    let (status, raw) = raw_get(&app, "/static/site.css").await;
    assert_eq!(status, 200);
    assert!(raw.contains("text/css"));
}

/// A path whose language is written as another tag for one of the site's
/// (a region, `_`, capitals, `prs`) is sent for good to the site's own
/// address, the rest of the path and the query kept; another language, and
/// a post, stay a 404. Before, `/fa-AF/…` was an English "not found".
#[tokio::test]
async fn a_language_tag_with_a_region_is_sent_to_the_sites_own_path() {
    let app = TestApp::spawn().await;
    for (from, to) in [
        ("/fa-AF/afghan-currency", "/fa/afghan-currency"),
        (
            "/ps-AF/who-governs-afghanistan",
            "/ps/who-governs-afghanistan",
        ),
        ("/fa-AF/", "/fa/"),
        ("/fa-AF", "/fa/"),
        ("/ps_AF/?x=1&y=%D8%A2", "/ps/?x=1&y=%D8%A2"),
        ("/EN/about", "/en/about"),
        ("/prs/afghan-currency", "/fa/afghan-currency"),
        ("/fa-Arab-AF/about", "/fa/about"),
    ] {
        let r = app.get(from).await;
        assert_eq!(r.status(), 308, "{from}");
        let location = r.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(location, to, "{from}");
        assert_ne!(app.get(to).await.status(), 404, "{to}");
    }
    for path in [
        "/de-DE/afghan-currency",
        "/fa-/x",
        "/fa-AF-toolongsubtag/x",
        "/en/no-such-page",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
    let r = app
        .client
        .post(format!("{}/fa-AF/afghan-currency/comments", app.url))
        .header("sec-fetch-site", "same-origin")
        .form(&[("body", "x")])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 308);
}

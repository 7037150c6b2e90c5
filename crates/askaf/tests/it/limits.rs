//! Behind a trusted proxy, limits count per client address (the right-most
//! `X-Forwarded-For` entry): one address at its limit leaves another alone.

use crate::helpers::{TestApp, MOD_PASSWORD};

const A: &str = "203.0.113.7";
const B: &str = "198.51.100.23";
const ARTICLE: &str = "/en/afghan-currency";

/// A browser behind the proxy at `addr`: its own cookies, and every request
/// carrying the `X-Forwarded-For` the proxy would add.
fn client_from(addr: &str) -> reqwest::Client {
    TestApp::client_with("x-forwarded-for", addr)
}

#[tokio::test]
async fn ask_limits_each_forwarded_address_on_its_own() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--trust-proxy", "true", "--ask-per-minute", "2"],
        None,
    );
    let ask =
        |client: &reqwest::Client, path: &str| client.get(format!("{}{path}", app.url)).send();
    let (a, b) = (client_from(A), client_from(B));
    let q = "/api/v1/ask?q=currency";
    for _ in 0..2 {
        assert_eq!(ask(&a, q).await.unwrap().status(), 200);
    }
    let refused = ask(&a, q).await.unwrap();
    assert_eq!(refused.status(), 429, "{A} is at its limit");
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(ask(&a, "/ask?q=currency").await.unwrap().status(), 429);
    // The other address has its own two questions, and then its own 429.
    for _ in 0..2 {
        assert_eq!(
            ask(&b, q).await.unwrap().status(),
            200,
            "{B} is not limited by {A}"
        );
    }
    assert_eq!(ask(&b, q).await.unwrap().status(), 429);
}

#[tokio::test]
async fn comments_limit_each_forwarded_address_on_its_own() {
    let mut app =
        TestApp::spawn_for_comments(&["--trust-proxy", "true", "--comments-per-ip-per-hour", "2"]);
    app.client = client_from(A);
    for i in 0..2 {
        let body = format!("from the first address, {i}");
        let r = app
            .comment(ARTICLE, &[("name", "Ana"), ("body", &body)])
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    let r = app
        .comment(ARTICLE, &[("name", "Ana"), ("body", "one too many")])
        .await;
    assert_eq!(r.status(), 429, "{A} is at its limit");

    app.client = client_from(B);
    for i in 0..2 {
        let body = format!("from the second address, {i}");
        let r = app
            .comment(ARTICLE, &[("name", "Bo"), ("body", &body)])
            .await;
        assert_eq!(
            r.status(),
            303,
            "{B} is not limited by {A}: {}",
            r.text().await.unwrap()
        );
    }
    let r = app
        .comment(ARTICLE, &[("name", "Bo"), ("body", "one too many for Bo")])
        .await;
    assert_eq!(r.status(), 429);
}

#[tokio::test]
async fn login_throttling_counts_each_forwarded_address_on_its_own() {
    let mut app = TestApp::spawn_for_comments(&["--trust-proxy", "true"]);
    app.client = client_from(A);
    // Failures spread over accounts that do not exist, four each, so that no
    // account reaches its own limit (5) and only the address's (20) counts.
    let mut failures = 0;
    let throttled = loop {
        let name = format!("nobody{}", failures / 4);
        let r = app.try_login(&name, "a wrong password").await;
        if r.status() == 401 {
            failures += 1;
            assert!(failures <= 100, "{A} is never throttled");
            continue;
        }
        break r;
    };
    assert_eq!(throttled.status(), 429, "{A} after {failures} failures");
    assert!(failures >= 5, "throttled after only {failures} failures");
    assert!(throttled.headers().contains_key("retry-after"));
    assert!(throttled
        .text()
        .await
        .unwrap()
        .contains("Too many failed logins"));
    // Even the right password waits at this address...
    let r = app.try_login("mod", MOD_PASSWORD).await;
    assert_eq!(r.status(), 429, "{A} is throttled for every account");

    // ...and at the other address it works.
    app.client = client_from(B);
    app.login("mod", MOD_PASSWORD).await;
    assert_eq!(app.get("/admin/comments").await.status(), 200);
}

/// Someone else's email cannot be used up: a troll at one address posting
/// with a known commenter's email until its hourly limit is reached is
/// stopped there, and the email's owner, posting from another address,
/// is not. Before, the per-email limit counted the email's comments from
/// every address, so anyone who knew an email could silence it for an
/// hour.
#[tokio::test]
async fn an_email_used_up_at_one_address_is_not_locked_out_at_another() {
    let mut app = TestApp::spawn_for_comments(&[
        "--trust-proxy",
        "true",
        "--comments-per-email-per-hour",
        "3",
    ]);
    let email = "victim@example.org";
    app.client = client_from(A);
    for i in 0..3 {
        let body = format!("a troll, signing as someone else, {i}");
        let r = app
            .comment(
                ARTICLE,
                &[("name", "Vic"), ("email", email), ("body", &body)],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Vic"),
                ("email", email),
                ("body", "one more troll"),
            ],
        )
        .await;
    assert_eq!(r.status(), 429, "one address, one email: still limited");

    app.client = client_from(B);
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Vic"),
                ("email", email),
                ("body", "the owner, at home"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "{B} is not locked out by {A}: {}",
        r.text().await.unwrap()
    );
}

/// Posts a comment form from a page the browser at `addr` was never shown
/// (no timing stamp), as a program replaying a form would; returns the
/// status.
async fn post_stale_from(app: &TestApp, addr: &str, body: &str) -> u16 {
    client_from(addr)
        .post(format!("{}{ARTICLE}/comments", app.url))
        .header("sec-fetch-site", "same-origin")
        .form(&[("name", "Bot"), ("body", body)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// One client usually holds a whole IPv6 /64 and can pick any address in
/// it: the comment limits, and the limit on refused posts, count the /64,
/// so a client rotating addresses within it is stopped as one address is;
/// the next /64 is another client. An IPv4-mapped address is its IPv4
/// address. Before, each IPv6 address had limits of its own.
#[tokio::test]
async fn comment_limits_count_an_ipv6_client_by_its_64() {
    let mut app = TestApp::spawn_for_comments(&[
        "--trust-proxy",
        "true",
        "--comments-per-ip-per-hour",
        "2",
        "--refused-comments-per-ip-per-hour",
        "2",
    ]);
    for (i, addr) in ["2001:db8:1:2::1", "2001:db8:1:2:aaaa::2"]
        .iter()
        .enumerate()
    {
        app.client = client_from(addr);
        let body = format!("from {addr}, {i}");
        let r = app
            .comment(ARTICLE, &[("name", "Six"), ("body", &body)])
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    app.client = client_from("2001:db8:1:2:ffff:ffff:ffff:ffff");
    let r = app
        .comment(ARTICLE, &[("name", "Six"), ("body", "rotated")])
        .await;
    assert_eq!(r.status(), 429, "another address of the same /64");
    app.client = client_from("2001:db8:1:3::1");
    let r = app
        .comment(ARTICLE, &[("name", "Six"), ("body", "next /64")])
        .await;
    assert_eq!(r.status(), 303, "another /64 is another client");

    for i in 0..2 {
        let status = post_stale_from(&app, &format!("2001:db8:9:9::{i}"), "stale").await;
        assert_eq!(status, 400, "refused as stale");
    }
    let status = post_stale_from(&app, "2001:db8:9:9:1234::5", "stale").await;
    assert_eq!(status, 429, "the /64's refusals are counted together");

    for addr in ["::ffff:192.0.2.33", "192.0.2.33"] {
        assert_eq!(post_stale_from(&app, addr, "stale").await, 400, "{addr}");
    }
    let status = post_stale_from(&app, "::ffff:192.0.2.33", "stale").await;
    assert_eq!(status, 429, "an IPv4-mapped address is its IPv4 address");
}

/// A throttled address's post is refused on the one count that throttles
/// it: the reads that weigh a post (the article's context, the bans, the
/// names the staff sign with, the word list) are not made for it, so a
/// flood costs the database little. Counted in the server's own log of
/// its SQL statements.
#[tokio::test]
async fn a_throttled_post_is_refused_before_the_reads_that_weigh_a_post() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    let app = TestApp::spawn_traced(
        data.path(),
        &[
            "--trust-proxy",
            "true",
            "--refused-comments-per-ip-per-hour",
            "2",
        ],
        &log,
        "warn,sqlx::query=debug",
    );
    let read = || std::fs::read_to_string(&log).unwrap();
    let weighs = ["FROM bans", "staff_user IS NOT NULL", "fingerprint = $3"];
    for i in 0..2 {
        let before = read().len();
        assert_eq!(post_stale_from(&app, A, &format!("stale {i}")).await, 400);
        let said = read()[before..].to_string();
        for sql in weighs {
            assert!(said.contains(sql), "a post that is weighed reads {sql}");
        }
    }
    // The first refusal as throttled is logged; the next ones are not.
    assert_eq!(post_stale_from(&app, A, "throttled").await, 429);
    let before = read().len();
    assert_eq!(post_stale_from(&app, A, "throttled again").await, 429);
    let said = read()[before..].to_string();
    assert!(
        said.contains("action = 'refused'"),
        "its refusals are counted: {said}"
    );
    for sql in weighs {
        assert!(
            !said.contains(sql),
            "a throttled post reads no {sql}: {said}"
        );
    }
}

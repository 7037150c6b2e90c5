//! Comments through real HTTP: the form, CSRF, the spam defences,
//! moderation and the counts.

use crate::helpers::{add_user, attr, TestApp, MOD_PASSWORD};
use crate::translations::{language_links, links};

const ARTICLE: &str = "/en/who-governs-afghanistan";

#[tokio::test]
async fn a_comment_goes_through_the_queue_onto_the_page_and_into_the_count() {
    let app = TestApp::spawn_for_comments(&[]);
    assert!(app.text(ARTICLE).await.contains("No Comments"));

    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "Thanks, *very* clear."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=first-comment")
    );
    let held = app.text(&format!("{ARTICLE}/comments/held")).await;
    assert!(held.contains("waiting for a moderator"));
    let page = app.text(ARTICLE).await;
    assert!(
        page.contains("No Comments"),
        "a held comment is not counted"
    );
    assert!(!page.contains("very</em> clear"));

    // Moderation needs a login.
    let r = app.get("/admin/comments").await;
    assert_eq!(r.status(), 303);
    assert_eq!(TestApp::location(&r), "/admin/login?next=/admin/comments");
    let r = app
        .post_form("/admin/comments/1", &[("action", "approve")])
        .await;
    assert_eq!(r.status(), 401);

    app.login("mod", MOD_PASSWORD).await;
    let queue = app.text("/admin/comments").await;
    assert!(
        queue.contains("first comment from this email address"),
        "the queue says why"
    );
    assert!(
        queue.contains("ana@example.org"),
        "moderators see the email"
    );
    app.approve_comment(1).await;

    let page = app.text(ARTICLE).await;
    assert!(
        page.contains("1 Comment"),
        "the count follows the seed's wording"
    );
    assert!(page.contains("<em>very</em> clear"));
    assert!(
        !page.contains("ana@example.org"),
        "the email is never shown"
    );
    assert!(app.text("/en/").await.contains("1 Comment"));

    // A known commenter is published at once, and may reply.
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ANA@example.org"),
                ("body", "One more thought."),
                ("parent", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(TestApp::location(&r), format!("{ARTICLE}#comment-2"));
    let page = app.text(ARTICLE).await;
    assert!(page.contains("2 Comments"));
    let replies = page.find("comment-replies").expect("a reply list");
    assert!(page[replies..].contains("One more thought."));
    assert!(
        page.contains("/comments/1/reply"),
        "top-level comments can be answered"
    );
    assert!(
        !page.contains("/comments/2/reply"),
        "replies are one level deep"
    );
    // A reply sent to a reply (a crafted form) joins the thread it is in.
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "And a third, to the reply."),
                ("parent", "2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let page = app.text(ARTICLE).await;
    let replies = page.find("comment-replies").expect("a reply list");
    assert!(page[replies..].contains("And a third, to the reply."));

    let feed = app.text(&format!("{ARTICLE}/comments.atom")).await;
    assert!(feed.contains("One more thought."));
    let doc = roxmltree::Document::parse(&feed).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        3
    );
    assert!(app
        .text("/comments.atom")
        .await
        .contains("Thanks, &lt;em&gt;very"));
}

/// A refused post hands the form back without starting its clock again:
/// a reader who mends an empty name at once, three seconds after the form
/// was first shown, is not refused as too fast.
#[tokio::test]
async fn a_mended_comment_is_not_refused_as_too_fast() {
    let app = TestApp::spawn_for_comments(&["--comment-min-seconds", "3"]);
    app.form_tokens(ARTICLE).await;
    tokio::time::sleep(std::time::Duration::from_millis(3200)).await;
    let post = |fields: &'static [(&'static str, &'static str)]| {
        app.client
            .post(format!("{}{ARTICLE}/comments", app.url))
            .header("sec-fetch-site", "same-origin")
            .form(fields)
            .send()
    };
    let r = post(&[("name", ""), ("body", "A comment mended at once.")])
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "the form's first stamp stands"
    );
    // The title says so first, and the problems take the focus.
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<title>Your comment was not posted: "),
        "{page}"
    );
    assert!(page.contains("id=\"comment-errors\" role=\"alert\" tabindex=\"-1\" autofocus>"));
    let r = post(&[("name", "Mended"), ("body", "A comment mended at once.")])
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_keep_the_text() {
    let app = TestApp::spawn_for_comments(&[]);
    app.form_tokens(ARTICLE).await;
    let path = format!("{}{ARTICLE}/comments", app.url);
    let body = "A careful comment I would hate to lose.";
    let fields = [("name", "Bo"), ("body", body)];
    // Another site's page made the browser send it: the browser says so.
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
        ("origin", "null"),
    ] {
        let forged = app
            .client
            .post(&path)
            .header(header, value)
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403, "{header}: {value}");
        assert!(
            forged.text().await.unwrap().contains(body),
            "the text comes back in the form"
        );
    }
    // Nothing of it was stored.
    assert!(!app.text(ARTICLE).await.contains(body));
    // The same post from the site's own page goes through, by either header.
    let host = app.url.trim_start_matches("http://").to_string();
    let own = app
        .client
        .post(&path)
        .header("origin", format!("http://{host}"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 303, "{}", own.text().await.unwrap());
    let r = app
        .client
        .post(&path)
        .header("sec-fetch-site", "same-origin")
        .form(&[("name", "Bo"), ("body", "A second, different comment.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    // The moderators' forms too.
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .post_form("/admin/words", &[("body", "casino"), ("csrf", "forged")])
        .await;
    assert_eq!(r.status(), 403);
    let r = app.post_form("/admin/logout", &[]).await;
    assert_eq!(r.status(), 403);
    // A right token does not make a cross-site post acceptable.
    let (csrf, _) = app.form_tokens("/admin/words").await;
    let r = app
        .client
        .post(format!("{}/admin/words", app.url))
        .header("sec-fetch-site", "cross-site")
        .form(&[("body", "casino"), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let words = app.text("/admin/words").await;
    assert!(!words.contains("casino"), "the word list did not change");
}

#[tokio::test]
async fn roles_decide_what_each_account_may_open() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    assert_eq!(app.get("/admin/questions").await.status(), 200);
    assert_eq!(app.get("/admin/bans").await.status(), 403);
    assert_eq!(app.get("/admin/users").await.status(), 403);

    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    assert_eq!(app.get("/admin/bans").await.status(), 200);
    assert_eq!(app.get("/admin/comments").await.status(), 200);
    assert_eq!(app.get("/admin/questions").await.status(), 403);
    assert_eq!(app.get("/admin/users").await.status(), 403);
}

/// The reason codes the decision log holds.
async fn logged_codes(app: &TestApp) -> String {
    app.text("/admin/log").await
}

#[tokio::test]
async fn each_spam_defence_triggers_and_records_its_reason() {
    let app = TestApp::spawn_for_comments(&[
        "--comment-min-seconds",
        "2",
        "--comments-per-ip-per-hour",
        "1000",
        "--comments-per-email-per-hour",
        "2",
    ]);
    // The readers' browser: the moderator signs in in `app`'s, and a
    // moderator's own comments are published at once.
    let reader = TestApp::fresh_client();
    let post = |fields: Vec<(&'static str, String)>, wait: bool| {
        let (app, reader) = (&app, &reader);
        async move {
            let page = reader.get(format!("{}{ARTICLE}", app.url)).send().await;
            assert_eq!(page.unwrap().status(), 200);
            if wait {
                tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
            }
            reader
                .post(format!("{}{ARTICLE}/comments", app.url))
                .form(&fields)
                .send()
                .await
                .unwrap()
        }
    };
    let f = |name: &str, email: &str, body: &str| {
        vec![
            ("name", name.to_string()),
            ("email", email.to_string()),
            ("body", body.to_string()),
        ]
    };

    // Too fast: posted at once after the form was shown.
    let r = post(f("Fast", "", "quick words"), false).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("quick words"));
    // The honeypot.
    let mut fields = f("Bot", "", "buy now");
    fields.push(("website", "http://spam.example".into()));
    assert_eq!(post(fields, true).await.status(), 400);
    // A form posted by a browser that was never shown it (no timing stamp).
    let r = TestApp::fresh_client()
        .post(format!("{}{ARTICLE}/comments", app.url))
        .form(&[("name", "No stamp"), ("body", "no stamp")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // Too many links: held, not refused.
    let r = post(
        f(
            "Linker",
            "",
            "see https://a.example and https://b.example and https://c.example",
        ),
        true,
    )
    .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=links,no-email")
    );

    // Duplicate of a stored comment.
    let r = post(
        f(
            "Linker",
            "",
            "see https://a.example and https://b.example and https://c.example",
        ),
        true,
    )
    .await;
    assert_eq!(r.status(), 409);

    // Per-email rate limit (2 an hour).
    for i in 0..2 {
        let r = post(f("Rae", "rae@example.org", &format!("note {i}")), true).await;
        assert_eq!(r.status(), 303);
    }
    let r = post(f("Rae", "rae@example.org", "note 3"), true).await;
    assert_eq!(r.status(), 429);

    // The word list, edited by a moderator.
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/words",
            "/admin/words",
            &[("body", "# spam words\ncasino\n/v[i1]agra/\n")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let bad = app
        .admin_post("/admin/words", "/admin/words", &[("body", "/(unclosed/\n")])
        .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("line 1"));
    let r = post(f("Cas", "", "Best CASINO in Kabul"), true).await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=no-email")
    );

    // A ban on this network, the moderator's own too (so confirmed).
    let r = app
        .admin_post(
            "/admin/bans",
            "/admin/bans",
            &[
                ("target", "127.0.0.0/8"),
                ("note", "test"),
                ("confirmed", "127.0.0.0/8"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = post(f("Banned", "", "let me in"), true).await;
    assert_eq!(r.status(), 403);
    let bans = app.text("/admin/bans").await;
    let id = bans
        .split("/admin/bans/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_string();
    let r = app
        .admin_post("/admin/bans", &format!("/admin/bans/{id}/delete"), &[])
        .await;
    assert_eq!(r.status(), 303);

    // Closed comments.
    let r = app
        .admin_post(
            "/admin/articles",
            "/admin/articles/en/who-governs-afghanistan",
            &[("action", "close")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(app
        .text(ARTICLE)
        .await
        .contains("Comments on this article are closed."));
    let (csrf, t) = app.form_tokens("/en/afghan-currency").await;
    let r = app
        .post_form(
            &format!("{ARTICLE}/comments"),
            &[
                ("csrf", &csrf),
                ("t", &t),
                ("name", "Late"),
                ("body", "closed?"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);

    let log = logged_codes(&app).await;
    for code in [
        "too-fast",
        "honeypot",
        "form-missing",
        "too-many-links",
        "duplicate",
        "rate-limit-email",
        "pattern",
        "banned",
        "closed",
    ] {
        assert!(
            log.contains(&format!(r#"<code><span lang="en" dir="ltr">{code}"#)),
            "the log records {code}"
        );
    }
    let queue = app.text("/admin/comments").await;
    assert!(queue.contains("matched the word list entry"), "{queue}");
    assert!(queue.contains("links"));
}

#[tokio::test]
async fn the_per_address_rate_limit_refuses_with_429() {
    let app = TestApp::spawn_for_comments(&["--comments-per-ip-per-hour", "2"]);
    for i in 0..2 {
        let body = format!("comment number {i}");
        let r = app
            .comment(ARTICLE, &[("name", "Ip"), ("body", &body)])
            .await;
        assert_eq!(r.status(), 303);
    }
    let r = app
        .comment(ARTICLE, &[("name", "Ip"), ("body", "one too many")])
        .await;
    // When to come back, to the second (the older of the two comments
    // leaves the hour's window then; the refusal does not count), in the
    // header and in words.
    // About an hour (3590 to 3601 seconds) reads as one, not as 60 or
    // 61 minutes.
    let (_, html) = refused_for_an_hour(r, "one too many").await;
    assert!(html.contains("Please send it again in 1 hour."), "{html}");
}

/// Posts `fields` as a form from a page this browser was never shown (an
/// old copy: no timing stamp); panics unless it is refused as such.
async fn post_stale(app: &TestApp, fields: &[(&str, &str)]) {
    let r = send_stale(app, fields).await;
    assert_eq!(r.status(), 400, "refused as stale");
}

/// [`post_stale`]'s post, answered as it is.
async fn send_stale(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    TestApp::fresh_client()
        .post(format!("{}{ARTICLE}/comments", app.url))
        .header("sec-fetch-site", "same-origin")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// A comment refused by a limit of the hour: 429, its wait in seconds
/// (`Retry-After`: about an hour, as what it counts was just posted), and
/// its page, which keeps `text`.
async fn refused_for_an_hour(r: reqwest::Response, text: &str) -> (u64, String) {
    assert_eq!(r.status(), 429);
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3590..=3601).contains(&wait), "{wait}");
    let html = r.text().await.unwrap();
    assert!(html.contains(text), "the text is kept");
    (wait, html)
}

/// The hourly limits count comments taken (published or held), not posts
/// refused: a reader whose stale form was refused again and again, or
/// whose empty or forged post was, has not used up their hour.
#[tokio::test]
async fn refused_posts_do_not_use_up_the_hourly_limit() {
    let app = TestApp::spawn_for_comments(&[
        "--comments-per-ip-per-hour",
        "2",
        "--comments-per-email-per-hour",
        "2",
    ]);
    let email = "rae@example.org";
    let url = format!("{}{ARTICLE}/comments", app.url);
    for i in 0..4 {
        // From the same address and email.
        let body = format!("stale form {i}");
        post_stale(&app, &[("name", "Rae"), ("email", email), ("body", &body)]).await;
        // Nothing to post.
        let r = app
            .comment(ARTICLE, &[("name", "Rae"), ("email", email), ("body", "")])
            .await;
        assert_eq!(r.status(), 400, "refused as empty");
        // Posted from another site's page.
        app.form_tokens(ARTICLE).await;
        let r = app
            .client
            .post(&url)
            .header("sec-fetch-site", "cross-site")
            .form(&[("name", "Rae"), ("email", email), ("body", &body)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "refused as forged");
    }
    // Twelve refusals, and the hour's two comments are still the reader's.
    for i in 0..2 {
        let body = format!("taken {i}");
        let r = app
            .comment(
                ARTICLE,
                &[("name", "Rae"), ("email", email), ("body", &body)],
            )
            .await;
        assert_eq!(r.status(), 303, "comment {i} is taken");
    }
    let r = app
        .comment(
            ARTICLE,
            &[("name", "Rae"), ("email", email), ("body", "one too many")],
        )
        .await;
    assert_eq!(r.status(), 429, "the limit counts what was taken");
}

/// The decision log's lines about refused posts, newest first.
async fn refusals_logged(app: &TestApp) -> Vec<String> {
    let store = askaf_store::Store::open(&app.data_dir).await.unwrap();
    let all = store.decisions(None, 10_000).await.unwrap();
    store.close().await;
    all.into_iter()
        .filter(|d| d.action == "refused")
        .map(|d| d.codes)
        .collect()
}

/// Refusals have a limit of their own, by address: past it the address is
/// throttled, and a program retrying a stale form gets nothing through, not
/// even a good comment: every post is answered 429 with its wait, whatever
/// else is wrong with it, and the decision log says so once, not once a
/// post. Before, a program looping a stale form wrote a line to the log
/// with every post, for ever.
#[tokio::test]
async fn a_flood_of_refused_posts_is_still_bounded() {
    let app = TestApp::spawn_for_comments(&["--refused-comments-per-ip-per-hour", "3"]);
    for i in 0..3 {
        let body = format!("stale form {i}");
        post_stale(&app, &[("name", "Bot"), ("body", &body)]).await;
    }
    let stale = ["form-missing"; 3];
    assert_eq!(refusals_logged(&app).await, stale, "each one is logged");
    for i in 0..30 {
        let body = format!("stale form again {i}");
        let r = send_stale(&app, &[("name", "Bot"), ("body", &body)]).await;
        refused_for_an_hour(r, &body).await;
    }
    let r = app
        .comment(ARTICLE, &[("name", "Bot"), ("body", "a good comment")])
        .await;
    let (_, html) = refused_for_an_hour(r, "a good comment").await;
    assert!(
        html.contains("Many posts from your connection were refused in the last hour."),
        "{html}"
    );
    let mut once = vec!["rate-limit-refused"];
    once.extend(stale);
    assert_eq!(refusals_logged(&app).await, once, "one line says so");
    app.login("mod", MOD_PASSWORD).await;
    assert!(logged_codes(&app)
        .await
        .contains(r#"<code><span lang="en" dir="ltr">rate-limit-refused"#));
}

/// The word list is compiled once a change, not once a comment: a list
/// saved holds the next comment that matches it, without a restart, and
/// comments under an unchanged list are weighed with the list compiled
/// before (the server says in its log each time it compiles one).
#[tokio::test]
async fn the_word_list_is_compiled_once_a_change_and_applies_at_once() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("server.log");
    add_user(data.path(), "mod", "moderator", MOD_PASSWORD);
    let args = [
        "--comment-min-seconds",
        "0",
        "--comments-per-email-per-hour",
        "0",
    ];
    let app = TestApp::spawn_logged(data.path(), &args, None, Some(&log));
    // A reader's browser (a moderator's own comments are published at
    // once, list or not), with an email a moderator approved before.
    let reader = TestApp::fresh_client();
    let post = |body: &str| {
        let (app, reader) = (&app, &reader);
        let fields = [
            ("name", "Kay".to_string()),
            ("email", "kay@example.org".to_string()),
            ("body", body.to_string()),
        ];
        async move {
            reader
                .get(format!("{}{ARTICLE}", app.url))
                .send()
                .await
                .unwrap();
            let r = reader
                .post(format!("{}{ARTICLE}/comments", app.url))
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
            TestApp::location(&r).contains("/comments/held")
        }
    };
    assert!(post("A first comment.").await, "held: a first comment");
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(1).await;
    let save = |list: &'static str| {
        let app = &app;
        async move {
            let r = app
                .admin_post("/admin/words", "/admin/words", &[("body", list)])
                .await;
            assert_eq!(r.status(), 303);
        }
    };
    save("casino\n").await;
    for i in 0..3 {
        assert!(!post(&format!("A fine comment, {i}.")).await, "published");
    }
    assert!(post("The best CASINO in Kabul").await, "held by the list");
    save("casino\nroulette\n").await;
    assert!(
        post("Roulette tonight").await,
        "held by the list as changed"
    );
    assert!(!post("Another fine comment.").await, "published");
    let compiled = std::fs::read_to_string(&log)
        .unwrap()
        .matches("word list compiled")
        .count();
    assert_eq!(
        compiled, 2,
        "once for each list saved, not for each comment"
    );
}

#[tokio::test]
async fn bad_comment_input_gets_clear_messages_not_errors() {
    let app = TestApp::spawn_for_comments(&[]);
    let long = "x".repeat(6000);
    for (fields, expect) in [
        (vec![("name", ""), ("body", "hi")], "Please give a name."),
        (
            vec![("name", "A"), ("body", "  ")],
            "Please write a comment.",
        ),
        (
            vec![("name", "A"), ("email", "not-an-email"), ("body", "hi")],
            "does not look like an email",
        ),
        (
            vec![("name", "A"), ("body", long.as_str())],
            "at most 5000 characters",
        ),
        (vec![("name", "A\u{7}"), ("body", "hi")], "cannot be shown"),
        (
            vec![("name", "A"), ("body", "hi"), ("parent", "999")],
            "is not there any more",
        ),
    ] {
        let r = app.comment(ARTICLE, &fields).await;
        assert_eq!(r.status(), 400, "{fields:?}");
        assert!(r.text().await.unwrap().contains(expect), "{expect}");
    }
    // Not a form at all.
    let r = app
        .client
        .post(format!("{}{ARTICLE}/comments", app.url))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    // Too large a body. The server answers before reading it all and closes
    // the connection, so this goes on a connection of its own.
    let r = TestApp::fresh_client()
        .post(format!("{}{ARTICLE}/comments", app.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("body={}", "y".repeat(300_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let page = r.text().await.unwrap();
    for said in [
        "<h1>Too large to send</h1>",
        "Your comment was not posted",
        "(256 KB; a comment holds at most 5000 characters)",
        "Go back with your browser's Back button, where the form still holds what you wrote",
    ] {
        assert!(
            page.contains(&said.replace('\'', "&#39;")),
            "{said}: {page}"
        );
    }
    // No such article.
    let r = app
        .post_form("/en/no-such-article/comments", &[("name", "A")])
        .await;
    assert_eq!(r.status(), 404);
}

/// A Dari text pasted past the limit, larger than the site's 64 KiB for
/// other forms once URL-encoded (six bytes a letter), comes back in the
/// form with the rule in Dari, not as a bare 413 that loses it; the form
/// itself holds a reader to the rule's own limit.
#[tokio::test]
async fn a_comment_over_the_limit_comes_back_with_its_text() {
    let app = TestApp::spawn_for_comments(&[]);
    let fa = "/fa/who-governs-afghanistan";
    let page = app.text(fa).await;
    let max = askaf_comments::MAX_BODY_CHARS.to_string();
    assert_eq!(
        attr(&page, "<textarea id=\"comment-body\"", "maxlength").as_deref(),
        Some(max.as_str())
    );
    // The box stops a paste at the limit without a word, so the help under
    // it says the limit, in the reader's language and digits.
    let dari: String = max
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '۰' as u32).unwrap())
        .collect();
    assert!(
        page.contains(&format!(
            "نظر حداکثر {dari} حرف می‌تواند داشته باشد.</small>"
        )),
        "{page}"
    );
    let en = app.text("/en/who-governs-afghanistan").await;
    assert!(
        en.contains(&format!(
            "A comment holds at most {max} characters.</small>"
        )),
        "{en}"
    );
    let long = "نظر ".repeat(4_000);
    assert!(long.len() * 3 > 64 * 1024, "larger than other forms take");
    let r = app
        .comment(fa, &[("name", "احمد"), ("body", long.as_str())])
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("نظر بسیار دراز است"), "{page}");
    assert!(page.contains(long.trim_end()), "the text is handed back");
}

/// The form's help says how many links a comment may hold and still be
/// published at once, as the site is set (`comment_max_links`), in the
/// reader's language and digits; it said "more than two" whatever the
/// setting. A page kept on disk from before a change of the setting is not
/// served: the setting is part of what the page store is made for.
#[tokio::test]
async fn the_comment_forms_help_says_the_sites_own_link_limit() {
    let data = tempfile::tempdir().unwrap();
    let page = "/en/who-governs-afghanistan";
    let help = |links: &str| {
        format!("A moderator reads comments with more than {links} links before they appear.")
    };
    {
        let app = TestApp::spawn_with(data.path(), &[], None);
        let en = app.text(page).await;
        assert!(en.contains(&help("2")), "{en}");
        assert!(!en.contains("more than two links"), "{en}");
    }
    let app = TestApp::spawn_with(data.path(), &["--comment-max-links", "5"], None);
    let en = app.text(page).await;
    assert!(en.contains(&help("5")), "{en}");
    let fa = app.text("/fa/who-governs-afghanistan").await;
    assert!(fa.contains("بیش از ۵ پیوند"), "{fa}");
    let ps = app.text("/ps/who-governs-afghanistan").await;
    assert!(ps.contains("له ۵ زیات لینکونه"), "{ps}");
}

/// The queue declares each comment's language by its own letters, not its
/// article's, and its direction by its words: before, a Dari comment on an
/// English article was marked `lang="en"` (read out with English
/// pronunciation, hyphenated as English) with `dir="auto"`.
#[tokio::test]
async fn the_queue_gives_a_comment_its_own_language_and_direction() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let session = std::mem::replace(&mut app.client, TestApp::fresh_client());
    for body in [
        "از این معلومات تشکر می‌کنم.",
        "د دې معلوماتو ډېره مننه.",
        "Thank you for this.",
        "UNHCR می‌گوید ۲٫۹ میلیون بازگشتند.",
    ] {
        let r = app.comment(ARTICLE, &[("name", "R"), ("body", body)]).await;
        assert_eq!(r.status(), 303, "{body}");
    }
    app.client = session;
    let queue = app.text("/admin/comments").await;
    let body_div = |text: &str| {
        let at = queue
            .find(text)
            .unwrap_or_else(|| panic!("{text} not queued"));
        let start = queue[..at].rfind("<div class=\"comment-body\"").unwrap();
        queue[start..queue[start..].find('>').unwrap() + start + 1].to_string()
    };
    let div = |attrs: &str| format!("<div class=\"comment-body\"{attrs}>");
    assert_eq!(body_div("تشکر می"), div(" lang=\"fa\" dir=\"rtl\""));
    assert_eq!(body_div("ډېره مننه"), div(" lang=\"ps\" dir=\"rtl\""));
    assert_eq!(body_div("Thank you"), div(" lang=\"en\" dir=\"ltr\""));
    // Both scripts: which language, its letters cannot say; its words are
    // mostly Dari's, right to left.
    assert_eq!(body_div("میلیون"), div(" dir=\"rtl\""));
}

#[tokio::test]
async fn a_dari_comment_is_shown_right_to_left() {
    let app = TestApp::spawn_for_comments(&[]);
    let fa = "/fa/who-governs-afghanistan";
    let r = app
        .comment(
            fa,
            &[
                ("name", "احمد"),
                ("email", "ahmad@example.org"),
                // Opening with a Latin name, which a browser's dir="auto"
                // would take for the paragraph's direction.
                (
                    "body",
                    "UNHCR می‌گوید ۲٫۹ میلیون بازگشتند؟\n\nتشکر از این معلومات.",
                ),
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
    let page = app.text(fa).await;
    assert!(page.contains("<html lang=\"fa\" dir=\"rtl\""));
    assert!(
        page.contains("<p dir=\"rtl\">UNHCR می\u{200c}گوید ۲٫۹ میلیون بازگشتند؟</p>"),
        "{page}"
    );
    assert!(page.contains("<p dir=\"rtl\">تشکر از این معلومات.</p>"));
    assert!(page.contains("dir=\"auto\">احمد</span>"));
}

#[tokio::test]
async fn login_is_throttled_and_passwords_can_be_changed() {
    let app = TestApp::spawn_for_comments(&[]);
    for _ in 0..5 {
        let (csrf, _) = app.form_tokens("/admin/login").await;
        let r = app
            .post_form(
                "/admin/login",
                &[
                    ("username", "mod"),
                    ("password", "wrong password"),
                    ("csrf", &csrf),
                ],
            )
            .await;
        assert_eq!(r.status(), 401);
    }
    let (csrf, _) = app.form_tokens("/admin/login").await;
    let r = app
        .post_form(
            "/admin/login",
            &[
                ("username", "mod"),
                ("password", MOD_PASSWORD),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(r.status(), 429, "even the right password waits");
    assert!(r.headers().contains_key("retry-after"));
    // The first of five failures leaves the quarter hour in under 900 s.
    let page = r.text().await.unwrap();
    assert!(page.contains("Try again in 15 minutes."), "{page}");

    app.login("ed", MOD_PASSWORD).await;
    let cookie = app
        .client
        .get(format!("{}/admin", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(cookie.status(), 200);
    let r = app
        .admin_post(
            "/admin/password",
            "/admin/password",
            &[
                ("current", MOD_PASSWORD),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = app
        .admin_post(
            "/admin/password",
            "/admin/password",
            &[
                ("current", MOD_PASSWORD),
                ("new", "an even longer passphrase"),
                ("confirm", "an even longer passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.get("/admin").await.status(),
        200,
        "this session goes on"
    );
    let r = app.admin_post("/admin", "/admin/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.get("/admin").await.status(), 303);
    app.login("ed", "an even longer passphrase").await;
}

/// Five wrong passwords from one address lock that address out of the
/// account, not its owner at another: before, they locked the account for
/// 15 minutes from everywhere, so anyone could lock an editor out.
#[tokio::test]
async fn wrong_passwords_from_one_address_do_not_lock_out_another() {
    let app = TestApp::spawn_for_comments(&["--trust-proxy", "true"]);
    let attempt = |from: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let (csrf, _) = app.form_tokens("/admin/login").await;
            app.client
                .post(format!("{}/admin/login", app.url))
                .header("x-forwarded-for", from)
                .form(&[("username", "ed"), ("password", password), ("csrf", &csrf)])
                .send()
                .await
                .unwrap()
        }
    };
    for _ in 0..5 {
        assert_eq!(
            attempt("203.0.113.66", "wrong password").await.status(),
            401
        );
    }
    let r = attempt("203.0.113.66", MOD_PASSWORD).await;
    assert_eq!(r.status(), 429, "the guesser's address waits");
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((800..=900).contains(&wait), "{wait}");
    let r = attempt("198.51.100.20", MOD_PASSWORD).await;
    assert_eq!(r.status(), 303, "the editor, elsewhere, signs in");
}

/// Signing in gives the browser a new form-token seed, as it gives it a new
/// session: a token made before (read off the login page, or from a seed
/// planted in the browser) does not hold for the signed-in account.
#[tokio::test]
async fn signing_in_renews_the_form_token_seed() {
    let app = TestApp::spawn_for_comments(&[]);
    let seed = |r: &reqwest::Response| -> Option<String> {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.strip_prefix("askaf_csrf="))
            .map(|v| v.split(';').next().unwrap().to_string())
            .next()
    };
    let page = app.get("/admin/login").await;
    let before = seed(&page).expect("the login page sets a seed");
    let html = page.text().await.unwrap();
    let old_token = attr(&html, "<input type=\"hidden\" name=\"csrf\"", "value").unwrap();
    let r = app.try_login("mod", MOD_PASSWORD).await;
    assert_eq!(r.status(), 303);
    let after = seed(&r).expect("the sign-in sets a new seed");
    assert_ne!(before, after);
    let r = app
        .post_form("/admin/logout", &[("csrf", old_token.as_str())])
        .await;
    assert_eq!(r.status(), 403, "a token from before the sign-in");
    let r = app.admin_post("/admin", "/admin/logout", &[]).await;
    assert_eq!(r.status(), 303, "a token from after it");
}

#[tokio::test]
async fn session_cookies_are_http_only_and_strict() {
    let app = TestApp::spawn_for_comments(&[]);
    let (csrf, _) = app.form_tokens("/admin/login").await;
    let r = app
        .post_form(
            "/admin/login",
            &[
                ("username", "mod"),
                ("password", MOD_PASSWORD),
                ("csrf", &csrf),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(TestApp::location(&r), "/admin", "no redirect off the site");
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("askaf_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(!cookie.contains("Secure"), "plain HTTP on localhost");
}

/// A reader's question, comment 1, approved by the moderator `mod`, who
/// stays signed in in `app`'s browser to answer it.
async fn a_readers_question_approved_by_mod(app: &TestApp) {
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "Is this still true?"),
            ],
        )
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=first-comment")
    );
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(1).await;
}

/// A moderator answering a reader from the article's reply form, signed in
/// in the same browser, is published at once, without an email; a
/// reader's reply of the same kind, and one from a signed-in author (who
/// does not moderate), still waits in the queue. Before, the moderator's
/// reply waited in their own queue.
#[tokio::test]
async fn a_moderators_reply_is_published_at_once_and_a_readers_is_held() {
    let mut app = TestApp::spawn_for_comments(&[]);
    add_user(&app.data_dir, "writer", "author", MOD_PASSWORD);
    a_readers_question_approved_by_mod(&app).await;

    let reply = [
        ("name", "AskAfghanistan"),
        ("body", "Yes: see the second section, updated this week."),
        ("parent", "1"),
    ];
    let r = app.comment(ARTICLE, &reply).await;
    assert_eq!(r.status(), 303);
    assert_eq!(TestApp::location(&r), format!("{ARTICLE}#comment-2"));
    let page = app.text(ARTICLE).await;
    let replies = page.find("comment-replies").expect("a reply list");
    assert!(page[replies..].contains("see the second section"));

    for who in ["a reader", "an author"] {
        app.client = TestApp::fresh_client();
        if who == "an author" {
            app.login("writer", MOD_PASSWORD).await;
        }
        let body = format!("A reply from {who}, with no email.");
        let r = app
            .comment(ARTICLE, &[("name", "Bo"), ("body", &body), ("parent", "1")])
            .await;
        assert_eq!(
            TestApp::location(&r),
            format!("{ARTICLE}/comments/held?why=no-email"),
            "{who}"
        );
        assert!(!app.text(ARTICLE).await.contains(&body), "{who}");
    }
}

/// A reply from a signed-in moderator is marked as the site team's on the
/// page, in the feed and in the queue; a reader's is not, and a reader
/// cannot sign as the site (in any dress) or with a name the team signs
/// with: refused, 403, the text handed back. Before, anyone could post as
/// "AskAfghanistan" and look exactly like the moderator's reply.
#[tokio::test]
async fn the_teams_replies_are_marked_and_readers_cannot_take_their_names() {
    let mut app = TestApp::spawn_for_comments(&[]);
    a_readers_question_approved_by_mod(&app).await;
    for (name, body) in [
        ("AskAfghanistan", "Yes: see the second section."),
        ("Mina, editor", "And the sources were checked this week."),
    ] {
        let r = app
            .comment(ARTICLE, &[("name", name), ("body", body), ("parent", "1")])
            .await;
        assert_eq!(r.status(), 303, "{name}");
    }
    let page = app.text(ARTICLE).await;
    let card = |text: &str| {
        let at = page
            .find(text)
            .unwrap_or_else(|| panic!("{text} not shown"));
        let start = page[..at].rfind("<article class=\"comment-card").unwrap();
        page[start..at].to_string()
    };
    assert!(card("second section").contains("class=\"comment-staff\">Site team</span>"));
    assert!(card("sources were checked").contains("comment-staff"));
    assert!(
        !card("Is this still true?").contains("comment-staff"),
        "a reader's"
    );
    let feed = app.text(&format!("{ARTICLE}/comments.atom")).await;
    assert_eq!(
        feed.matches("<category term=\"staff\"").count(),
        2,
        "{feed}"
    );
    assert!(
        feed.contains("<title>AskAfghanistan (Site team) · "),
        "{feed}"
    );
    let queue = app.text("/admin/comments?status=approved").await;
    assert_eq!(queue.matches("Site team: mod").count(), 2, "{queue}");

    // Readers, in a browser of their own.
    app.client = TestApp::fresh_client();
    for name in [
        "AskAfghanistan",
        "Ask Afghanistan team",
        "askafghanistan",
        "MINA, EDITOR",
    ] {
        let body = format!("Official answer from {name}: trust me.");
        let r = app
            .comment(ARTICLE, &[("name", name), ("body", &body), ("parent", "1")])
            .await;
        assert_eq!(r.status(), 403, "{name}");
        let html = r.text().await.unwrap();
        assert!(html.contains("Please sign with your own name."), "{html}");
        assert!(html.contains(&body), "the text comes back");
    }
    // In Dari, in Dari.
    let r = app
        .comment(
            "/fa/who-governs-afghanistan",
            &[("name", "AskAfghanistan"), ("body", "سلام")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("لطفاً با نام خود امضا کنید"));
    // Another name is a reader's comment like any other.
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Mina"),
                ("body", "A reader called Mina."),
                ("parent", "1"),
            ],
        )
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=no-email")
    );
}

/// The mark the team's replies bear, "Site team" in each language, is not a
/// name a reader may sign with either, alone or beside their own: on the
/// page it would read exactly as a marked reply ("Mina Site team"). Before,
/// only the site's name and the team's own names were refused.
#[tokio::test]
async fn readers_cannot_sign_with_the_mark_of_the_teams_replies() {
    let app = TestApp::spawn_for_comments(&[]);
    for (page, name) in [
        (ARTICLE, "Site team"),
        (ARTICLE, "Mina (site team)"),
        (ARTICLE, "Mina · SITE TEAM"),
        ("/fa/who-governs-afghanistan", "گروه سایت"),
        ("/fa/who-governs-afghanistan", "مینا، گروه سایت"),
        ("/ps/who-governs-afghanistan", "د سایټ ډله"),
        (ARTICLE, "د سایټ ډله"),
        // The site's name written in Arabic letters.
        ("/fa/who-governs-afghanistan", "آسک افغانستان"),
        ("/ps/who-governs-afghanistan", "اسک‌افغانستان"),
    ] {
        let body = format!("An answer signed {name}.");
        let r = app.comment(page, &[("name", name), ("body", &body)]).await;
        assert_eq!(r.status(), 403, "{name}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&body), "the text comes back: {name}");
    }
    // A name that only shares a word with the mark is a reader's.
    let r = app
        .comment(ARTICLE, &[("name", "Team player"), ("body", "Thanks.")])
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=no-email")
    );
}

/// A session ends on the server, not only in the browser: signing in again
/// in a browser that has a session ends that one (a token copied from it
/// before, or planted in it, dies with it), and signing out ends the
/// session for any copy of its cookie.
#[tokio::test]
async fn signing_in_again_or_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn_for_comments(&[]);
    let token = |r: &reqwest::Response| -> String {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.strip_prefix("askaf_session="))
            .map(|v| v.split(';').next().unwrap().to_string())
            .next()
            .expect("a session cookie")
    };
    let first = token(&app.try_login("mod", MOD_PASSWORD).await);
    let second = token(&app.try_login("mod", MOD_PASSWORD).await);
    assert_ne!(first, second);
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let status = |token: String| {
        bare.get(format!("{}/admin", app.url))
            .header("cookie", format!("askaf_session={token}"))
            .send()
    };
    assert_eq!(status(second.clone()).await.unwrap().status(), 200);
    assert_eq!(
        status(first).await.unwrap().status(),
        303,
        "the session the new sign-in replaced still works"
    );
    let r = app.admin_post("/admin", "/admin/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(status(second).await.unwrap().status(), 303, "signed out");
}

#[tokio::test]
async fn cookies_are_secure_behind_a_proxy_that_says_https_and_only_if_trusted() {
    for (trust, secure) in [("true", true), ("false", false)] {
        let app = TestApp::spawn_for_comments(&["--trust-proxy", trust]);
        let r = TestApp::fresh_client()
            .get(format!("{}/admin/login", app.url))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .unwrap();
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
        assert_eq!(
            cookie.contains("; Secure"),
            secure,
            "trust_proxy={trust}: {cookie}"
        );
    }
}

/// The headings of a page, in order, as (level, text without tags).
fn headings(html: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let Some(level) = rest.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        let Some(end) = rest.find(&format!("</h{level}>")) else {
            continue;
        };
        let inner = &rest[rest.find('>').unwrap() + 1..end];
        let text = crate::helpers::without_tags(inner);
        out.push((level as u8, text.trim().to_string()));
        rest = &rest[end..];
    }
    out
}

/// A comment form on a page of its own (to reply, or given back after a
/// refusal) says what it is once: the page's h1, which names the form;
/// no second heading repeats it.
#[tokio::test]
async fn a_comment_forms_own_page_says_its_heading_once() {
    let app = TestApp::spawn_for_comments(&[]);
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Ana"),
                ("email", "ana@example.org"),
                ("body", "Thanks, clear."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(1).await;
    let reply = app.text(&format!("{ARTICLE}/comments/1/reply")).await;
    let refused = app.comment(ARTICLE, &[("name", "Ana"), ("body", "")]).await;
    assert_eq!(refused.status(), 400);
    let refused = refused.text().await.unwrap();
    for (page, heading) in [(reply, "Reply to Ana"), (refused, "Leave a comment")] {
        let hs = headings(&page[page.find("<main").unwrap()..]);
        assert_eq!(hs.first(), Some(&(1, heading.to_string())), "{hs:?}");
        assert_eq!(
            hs.iter().filter(|(_, t)| t == heading).count(),
            1,
            "the heading is said once: {hs:?}"
        );
        assert!(
            page.contains("<form class=\"comment-form\" id=\"comment-form\" method=\"post\"")
                && attr(&page, "<form class=\"comment-form\"", "aria-labelledby").as_deref()
                    == Some("page-title"),
            "the form is named by the page's heading"
        );
    }
}

/// The name in a reply page's heading is isolated (`<bdi>`): a name in
/// another direction than the page's keeps its own punctuation at its own
/// end, `Ana!` in a Dari heading and `علی!` in an English one, rather than
/// the mark jumping to the other side of it as the line's direction would
/// put it (until 7 December it was bare text in the heading).
#[tokio::test]
async fn a_reply_pages_heading_isolates_the_name_it_answers() {
    let data = tempfile::tempdir().unwrap();
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    use askaf_content::Lang;
    let mut pages = Vec::new();
    for (lang, name, heading) in [
        (Lang::Fa, "Ana!", "پاسخ به <bdi>Ana!</bdi>"),
        (Lang::Ps, "Ana <b>", "<bdi>Ana &lt;b&gt;</bdi> ته ځواب"),
        (Lang::En, "علی!", "Reply to <bdi>علی!</bdi>"),
    ] {
        let id = store
            .insert_approved_comment(lang, "who-governs-afghanistan", name, "Thanks")
            .await
            .unwrap();
        let url = format!(
            "/{}/who-governs-afghanistan/comments/{id}/reply",
            lang.code()
        );
        pages.push((url, heading));
    }
    store.close().await;
    let dir = data.path().to_path_buf();
    let app = TestApp::spawn_with(&dir, &[], Some(data));
    for (url, heading) in pages {
        let page = app.text(&url).await;
        assert!(
            page.contains(&format!("<h1 id=\"page-title\">{heading}</h1>")),
            "{url}: {}",
            page.lines().find(|l| l.contains("<h1")).unwrap_or(&page)
        );
    }
}

/// A refused comment marks the fields its problems are about, as the
/// editor's form and Ask's box mark theirs: `aria-invalid`, and described
/// by the problem's words in the list above the form (each with an id),
/// so that a screen reader on the field says what is wrong with it and a
/// sighted reader sees which box to mend; the fields that are fine are not
/// marked. Until 7 December only the list said it, with nothing on the
/// fields.
#[tokio::test]
async fn a_refused_comment_marks_the_fields_it_is_about() {
    let app = TestApp::spawn_for_comments(&[]);
    let r = app
        .comment(
            "/fa/who-governs-afghanistan",
            &[
                ("name", ""),
                ("email", "not-an-email"),
                ("body", "درست است"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    let tag = |id: &str| {
        let at = page
            .find(&format!(" id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}: {page}"));
        let start = page[..at].rfind('<').unwrap();
        page[start..start + page[start..].find('>').unwrap() + 1].to_string()
    };
    let name = tag("comment-name");
    assert!(name.contains(" aria-invalid=\"true\""), "{name}");
    assert_eq!(
        attr(&name, "<input", "aria-describedby").as_deref(),
        Some("comment-name-error"),
        "{name}"
    );
    let email = tag("comment-email");
    assert!(email.contains(" aria-invalid=\"true\""), "{email}");
    assert_eq!(
        attr(&email, "<input", "aria-describedby").as_deref(),
        Some("comment-email-error comment-email-help"),
        "{email}"
    );
    let body = tag("comment-body");
    assert!(!body.contains("aria-invalid"), "{body}");
    assert_eq!(
        attr(&body, "<textarea", "aria-describedby").as_deref(),
        Some("comment-body-help")
    );
    assert!(
        tag("comment-name-error").starts_with("<li"),
        "the problem's words"
    );
    assert!(
        page.contains("<li id=\"comment-name-error\">لطفاً نامی بنویسید.</li>"),
        "{page}"
    );
    // A refusal about no one field (here a form the site never showed this
    // browser: no cookie from it) marks none.
    let r = reqwest::Client::new()
        .post(format!("{}/fa/who-governs-afghanistan/comments", app.url))
        .header("sec-fetch-site", "same-origin")
        .form(&[("name", "Ana"), ("body", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("class=\"form-errors\""), "{page}");
    assert!(!page.contains("aria-invalid"), "{page}");
}

/// The `askaf_commenter` cookies a response sets, as set.
fn commenter_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .filter(|c| c.starts_with("askaf_commenter="))
        .collect()
}

/// An email alone proves nothing: a reader whose comment was approved is
/// published at once only from the browser that wrote it, which the site
/// gave a signed cookie (not holding the email) when it took the comment;
/// anyone else signing with that email is held for review, as a first
/// comment is, and told so, and their own held comment proves nothing
/// either. Before, anyone who knew the email of a reader whose comment had
/// been approved was published at once under it.
#[tokio::test]
async fn a_known_commenters_email_alone_is_not_published_at_once() {
    let mut app = TestApp::spawn_for_comments(&[]);
    let moderator = app.client.clone();
    let ana = TestApp::fresh_client();
    app.client = ana.clone();
    let fields = |email, body| [("name", "Ana"), ("email", email), ("body", body)];
    let r = app
        .comment(
            ARTICLE,
            &fields("ana@example.org", "First, from Ana's own browser."),
        )
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=first-comment")
    );
    let set = commenter_cookies(&r);
    app.client = moderator.clone();
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(1).await;

    // Another browser, with Ana's email: held, and told so, twice.
    app.client = TestApp::fresh_client();
    for body in ["Not Ana, signing as her.", "Not Ana, again."] {
        let r = app.comment(ARTICLE, &fields("ANA@example.org", body)).await;
        assert_eq!(
            TestApp::location(&r),
            format!("{ARTICLE}/comments/held?why=first-comment"),
            "{body}"
        );
        assert!(app
            .text(&TestApp::location(&r))
            .await
            .contains("waiting for a moderator"));
        assert!(!app.text(ARTICLE).await.contains(body));
    }
    app.client = moderator;
    let queue = app.text("/admin/comments").await;
    assert!(
        queue.contains("not sent from the browser"),
        "the queue says why: {queue}"
    );

    // Ana, from her own browser: published at once.
    app.client = ana.clone();
    let r = app
        .comment(ARTICLE, &fields("ana@example.org", "Ana again, from home."))
        .await;
    assert_eq!(TestApp::location(&r), format!("{ARTICLE}#comment-4"));
    assert!(app.text(ARTICLE).await.contains("Ana again, from home."));
    assert!(!set.is_empty(), "the post that took it sets the cookie");
    for c in &set {
        for part in ["; HttpOnly", "; SameSite=Lax", "; Path=/"] {
            assert!(c.contains(part), "{part} in {c}");
        }
        assert!(!c.contains("; Path=/;"), "not the whole site: {c}");
        // The email in any case, whole or its parts; not "ana" alone, which a
        // random cookie value holds about once in a thousand runs.
        let lower = c.to_lowercase();
        for email in ["ana@example.org", "ana%40example.org", "example.org"] {
            assert!(!lower.contains(email), "no email in {c}");
        }
    }
    let page = ana
        .get(format!("{}{ARTICLE}", app.url))
        .send()
        .await
        .unwrap();
    assert!(
        commenter_cookies(&page).is_empty(),
        "the page is the same for everyone"
    );
}

/// Where a post landed, and that page.
async fn lands(app: &TestApp, r: reqwest::Response) -> (String, String) {
    let to = TestApp::location(&r);
    let page = app.text(&to).await;
    (to, page)
}

/// The page a held comment lands on says why it waits, in the article's
/// language, for the reason it was held: no email, a first comment from
/// this browser (as a comment signed with a known email from another
/// browser is told, so the page does not say the email has comments here),
/// too many links (with the site's limit). A word-list match is not named,
/// so the list stays the moderators'. Until 6 December every held comment
/// was told that moderators read *first* comments, one sent without an
/// email too.
#[tokio::test]
async fn the_held_page_says_why_the_comment_waits_in_each_language() {
    let mut app = TestApp::spawn_for_comments(&["--comments-per-ip-per-hour", "100"]);
    let reader = app.client.clone();
    let first = [
        ("en", "A moderator reads the first comment with your email address from this browser before it appears"),
        ("fa", "ناظر نخستین نظری را که با ایمیل شما از این مرورگر فرستاده می‌شود پیش از نشر می‌خواند"),
        ("ps", "څارونکی هغه لومړۍ تبصره چې ستاسو په برېښنالیک له دې براوزر څخه لېږل کېږي له خپرېدو مخکې لولي"),
    ];
    let no_email = [
        (
            "en",
            "A moderator reads comments sent without an email address before they appear.",
        ),
        (
            "fa",
            "ناظر نظرهایی را که بدون ایمیل فرستاده می‌شوند پیش از نشر می‌خواند.",
        ),
        (
            "ps",
            "څارونکی هغه تبصرې چې بې برېښنالیک لېږل کېږي له خپرېدو مخکې لولي.",
        ),
    ];
    let links = [
        (
            "en",
            "A moderator reads comments with more than 2 links before they appear.",
        ),
        (
            "fa",
            "ناظر نظرهایی را که بیش از ۲ پیوند دارند پیش از نشر می‌خواند.",
        ),
        (
            "ps",
            "څارونکی هغه تبصرې چې له ۲ زیات لینکونه ولري له خپرېدو مخکې لولي.",
        ),
    ];
    let some = [
        ("en", "A moderator reads some comments before they appear."),
        ("fa", "ناظر برخی نظرها را پیش از نشر می‌خواند."),
        ("ps", "څارونکی ځینې تبصرې له خپرېدو مخکې لولي."),
    ];
    let said = |table: &[(&str, &'static str); 3], lang: &str| {
        table.iter().find(|(l, _)| *l == lang).unwrap().1
    };
    for lang in ["en", "fa", "ps"] {
        let article = format!("/{lang}/who-governs-afghanistan");
        let held = format!("{article}/comments/held");
        let says = |page: &str, table: &[(&str, &'static str); 3]| page.contains(said(table, lang));

        let r = app
            .comment(
                &article,
                &[
                    ("name", "Nadia"),
                    ("body", &format!("No email, in {lang}.")),
                ],
            )
            .await;
        let (to, page) = lands(&app, r).await;
        assert_eq!(to, format!("{held}?why=no-email"));
        assert!(says(&page, &no_email), "{lang}: {page}");
        assert!(
            !says(&page, &first) && !says(&page, &some),
            "{lang}: {page}"
        );

        let email = format!("nadia-{lang}@example.org");
        let fields = |body: String| {
            [
                ("name", "Nadia".to_string()),
                ("email", email.clone()),
                ("body", body),
            ]
        };
        let r = app
            .comment(
                &article,
                &fields(format!("With an email, in {lang}."))
                    .each_ref()
                    .map(|(k, v)| (*k, v.as_str())),
            )
            .await;
        let (to, page) = lands(&app, r).await;
        assert_eq!(to, format!("{held}?why=first-comment"));
        assert!(says(&page, &first), "{lang}: {page}");
        assert!(
            !says(&page, &no_email) && !says(&page, &links),
            "{lang}: {page}"
        );

        let body = format!("In {lang}: https://a.example, https://b.example and https://c.example");
        let r = app
            .comment(
                &article,
                &fields(body).each_ref().map(|(k, v)| (*k, v.as_str())),
            )
            .await;
        let (to, page) = lands(&app, r).await;
        assert_eq!(to, format!("{held}?why=links,first-comment"));
        assert!(says(&page, &links) && says(&page, &first), "{lang}: {page}");

        // The page without a reason (an old link, a word-list match), or
        // with one it does not know: a moderator reads some comments.
        for page in [
            app.text(&held).await,
            app.text(&format!("{held}?why=casino")).await,
        ] {
            assert!(says(&page, &some), "{lang}: {page}");
            assert!(
                !says(&page, &first) && !says(&page, &no_email),
                "{lang}: {page}"
            );
        }
    }

    // A word-list match, with the email of a comment approved from this
    // browser (its last, id 9, in Pashto): the page names no reason.
    app.client = TestApp::fresh_client();
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(9).await;
    let r = app
        .admin_post("/admin/words", "/admin/words", &[("body", "casino\n")])
        .await;
    assert_eq!(r.status(), 303);
    app.client = reader;
    let r = app
        .comment(
            "/en/who-governs-afghanistan",
            &[
                ("name", "Nadia"),
                ("email", "nadia-ps@example.org"),
                ("body", "Best casino in Kabul."),
            ],
        )
        .await;
    let (to, page) = lands(&app, r).await;
    assert_eq!(to, "/en/who-governs-afghanistan/comments/held");
    assert!(
        page.contains(said(&some, "en")) && !page.contains("casino"),
        "{page}"
    );
}

/// The held page and the reply page of an article lead, in their language
/// links, to the article in each language it is in (the comment waits, or
/// the reply answers, on this one only), to themselves in their own, and
/// to a language's home page only where the article is not in it: as
/// every other page's language links lead to the same page elsewhere.
/// Until 7 December they led to the three home pages.
#[tokio::test]
async fn a_held_or_reply_pages_language_links_lead_to_the_article() {
    let app = TestApp::spawn_for_comments(&[]);
    // In all three languages.
    let fa = "/fa/who-governs-afghanistan";
    let r = app
        .comment(
            fa,
            &[
                ("name", "مریم"),
                ("email", "maryam@example.org"),
                ("body", "تشکر، روشن بود."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let held = TestApp::location(&r);
    assert_eq!(held, format!("{fa}/comments/held?why=first-comment"));
    let pairs = |own: &str| {
        links(
            "/en/who-governs-afghanistan",
            own,
            "/ps/who-governs-afghanistan",
        )
    };
    assert_eq!(language_links(&app.text(&held).await), pairs(&held));
    app.login("mod", MOD_PASSWORD).await;
    app.approve_comment(1).await;
    let reply = format!("{fa}/comments/1/reply");
    assert_eq!(language_links(&app.text(&reply).await), pairs(&reply));
    // A Dari article with no Pashto version: Pashto's home page.
    let held = "/fa/afghan-currency/comments/held";
    assert_eq!(
        language_links(&app.text(held).await),
        links("/en/afghan-currency", held, "/ps/")
    );
}

/// A comment stored before the renderer made bare URLs links (stop 56)
/// keeps its rendering until the server restarts with a newer renderer:
/// then it is rendered again from the text the reader wrote, which is
/// kept, so its URL is a link like a new comment's, and the page shows
/// it.
/// Until h57 such a comment showed its URL as text until it was edited.
#[tokio::test]
async fn a_comment_rendered_before_urls_were_links_shows_a_link_after_a_restart() {
    use askaf_content::Lang;
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_path_buf();
    let slug = "who-governs-afghanistan";
    // As an older askaf stored it: its HTML made without the link.
    let store = askaf_store::Store::open(&dir).await.unwrap();
    let text = "The full report: https://example.org/report-2021";
    let id = store
        .insert_approved_comment(Lang::En, slug, "Ana", text)
        .await
        .unwrap();
    store.close().await;
    let app = TestApp::spawn_with(&dir, &[], None);
    let page = app.text(&format!("/en/{slug}")).await;
    let link =
        "<a href=\"https://example.org/report-2021\" rel=\"nofollow ugc noopener noreferrer\">";
    let shown = page
        .split(&format!("id=\"comment-{id}-by\""))
        .nth(1)
        .unwrap_or_else(|| panic!("comment {id} shown: {page}"));
    assert!(shown.contains("https://example.org/report-2021"), "{shown}");
    assert!(shown.contains(link), "a link: {shown}");
    // What the reader wrote is kept as written.
    drop(app);
    let store = askaf_store::Store::open(&dir).await.unwrap();
    let kept = store.comment(id).await.unwrap().unwrap();
    assert_eq!(kept.body, text);
    store.close().await;
    drop(data);
}

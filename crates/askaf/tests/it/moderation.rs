//! Moderation over HTTP, as a moderator and as an admin: spam, delete, back
//! to the queue and edit each do what they say on the article page, in the
//! queues and in the feeds; and a moderator's edit carrying any XSS vector of
//! the fixture never comes back as live markup.

use crate::helpers::{add_user, attr, css_rules, without_tags, TestApp, MOD_PASSWORD};
use crate::xss::{assert_feed_clean, assert_page_clean, start_tags, vectors};

const ARTICLE: &str = "/en/afghan-currency";
const FEED: &str = "/en/afghan-currency/comments.atom";

/// The id of the comment whose body holds `text`, from a moderation queue.
fn id_in_queue(queue: &str, text: &str) -> Option<u64> {
    let at = queue.find(text)?;
    let li = queue[..at].rfind("<li class=\"admin-comment\" id=\"c")? + 31;
    let end = li + queue[li..].find('"')?;
    queue[li..end].parse().ok()
}

/// Whether comment `id` is listed under `status` (pending, approved, spam, deleted).
async fn listed(app: &TestApp, status: &str, id: u64) -> bool {
    app.text(&format!("/admin/comments?status={status}"))
        .await
        .contains(&format!("id=\"c{id}\""))
}

/// Whether `text` is on the article page and in its comment feed: both or neither.
async fn shown(app: &TestApp, text: &str) -> bool {
    let page = app.text(ARTICLE).await.contains(text);
    let feed = app.text(FEED).await.contains(text);
    assert_eq!(page, feed, "`{text}`: the page and the feed disagree");
    page
}

/// Moderates comment `id` from the queue; returns where it sends the
/// moderator (the queue, with the decision's notice).
async fn act(app: &TestApp, id: u64, action: &str) -> String {
    let r = app
        .admin_post(
            "/admin/comments",
            &format!("/admin/comments/{id}"),
            &[("action", action)],
        )
        .await;
    let to = TestApp::location(&r);
    assert_eq!(
        r.status(),
        303,
        "{action} #{id}: {}",
        r.text().await.unwrap()
    );
    to
}

/// Posts a comment as a reader (a browser of its own) and returns its id,
/// read from the pending queue as the logged-in `app` sees it.
async fn held_comment(app: &mut TestApp, body: &str) -> u64 {
    let session = std::mem::replace(&mut app.client, TestApp::fresh_client());
    let r = app
        .comment(ARTICLE, &[("name", "Reader"), ("body", body)])
        .await;
    app.client = session;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=no-email"),
        "{body}"
    );
    let queue = app.text("/admin/comments?status=pending").await;
    id_in_queue(&queue, body).unwrap_or_else(|| panic!("`{body}` is not in the queue"))
}

#[tokio::test]
async fn spam_delete_requeue_and_edit_as_a_moderator_and_as_an_admin() {
    let mut app = TestApp::spawn_for_comments(&[]);
    add_user(&app.data_dir, "boss", "admin", MOD_PASSWORD);

    for who in ["mod", "boss"] {
        app.login(who, MOD_PASSWORD).await;
        let text = |what: &str| format!("{what} comment for {who}");

        // Spam: off the page and the feed, into the spam list.
        let id = held_comment(&mut app, &text("spam")).await;
        act(&app, id, "approve").await;
        assert!(shown(&app, &text("spam")).await, "{who}: approved");
        act(&app, id, "spam").await;
        assert!(!shown(&app, &text("spam")).await, "{who}: spam stays shown");
        assert!(listed(&app, "spam", id).await);
        assert!(!listed(&app, "approved", id).await);

        // Delete: the same, into the deleted list.
        let id = held_comment(&mut app, &text("delete")).await;
        act(&app, id, "approve").await;
        act(&app, id, "delete").await;
        assert!(
            !shown(&app, &text("delete")).await,
            "{who}: deleted stays shown"
        );
        assert!(listed(&app, "deleted", id).await);

        // Back to the queue: off the page, pending again, and approvable again.
        let id = held_comment(&mut app, &text("requeue")).await;
        act(&app, id, "approve").await;
        act(&app, id, "requeue").await;
        assert!(
            !shown(&app, &text("requeue")).await,
            "{who}: requeued stays shown"
        );
        assert!(listed(&app, "pending", id).await);
        act(&app, id, "approve").await;
        assert!(shown(&app, &text("requeue")).await);

        // Edit: the new name and text replace the old, rendered as Markdown.
        let id = held_comment(&mut app, &text("edit")).await;
        act(&app, id, "approve").await;
        let edited = format!("Edited by {who}, *kindly*.");
        let r = app
            .admin_post(
                &format!("/admin/comments/{id}/edit"),
                &format!("/admin/comments/{id}/edit"),
                &[("name", &format!("Renamed by {who}")), ("body", &edited)],
            )
            .await;
        assert_eq!(r.status(), 303, "{who}: {}", r.text().await.unwrap());
        assert!(
            !shown(&app, &text("edit")).await,
            "{who}: the old text stays"
        );
        assert!(shown(&app, &format!("Renamed by {who}")).await);
        assert!(app
            .text(ARTICLE)
            .await
            .contains(&format!("Edited by {who}, <em>kindly</em>.")));
        assert!(listed(&app, "approved", id).await);

        let r = app.admin_post("/admin", "/admin/logout", &[]).await;
        assert_eq!(r.status(), 303);
    }
    // Nobody logged in: no action at all.
    let r = app
        .post_form("/admin/comments/1", &[("action", "approve")])
        .await;
    assert_eq!(r.status(), 401);
}

/// Comments the XSS vectors are written into, a round at a time.
const SLOTS: usize = 24;
/// Room for the vectors in one body, under the 5000-character limit.
const BODY_BUDGET: usize = 4800;

/// The vectors as Markdown bodies: each vector as text, as a link target and
/// as an autolink, as many per body as fit.
fn vector_bodies(vectors: &[String]) -> Vec<String> {
    let mut bodies = vec![String::new()];
    for (i, v) in vectors.iter().enumerate() {
        let piece = format!("{v}\n\n[link {i}]({v})\n\n<{v}>\n\n");
        let piece_len = piece.chars().count();
        if piece_len > BODY_BUDGET {
            continue;
        }
        let last = bodies.last_mut().unwrap();
        if last.chars().count() + piece_len > BODY_BUDGET {
            bodies.push(piece);
        } else {
            last.push_str(&piece);
        }
    }
    bodies
}

/// A comment from the one commenter whose comments fill the slots.
fn slot_fields(body: &str) -> [(&'static str, &str); 3] {
    [
        ("name", "Tester"),
        ("email", "xss@example.org"),
        ("body", body),
    ]
}

#[tokio::test]
async fn a_moderators_edit_never_brings_a_vector_to_life() {
    let app = TestApp::spawn_for_comments(&[
        "--comments-per-ip-per-hour",
        "1000",
        "--comments-per-email-per-hour",
        "1000",
    ]);
    let vectors = vectors();
    // Names a moderator may save (the rest are refused, and never stored).
    let names: Vec<&String> = vectors
        .iter()
        .filter(|v| askaf_comments::AuthorName::parse(v).is_ok())
        .collect();
    assert!(names.len() * 2 > vectors.len(), "most vectors fit a name");
    let bodies = vector_bodies(&vectors);

    // SLOTS published comments: the first waits for approval, the rest of
    // that commenter's are published at once.
    let r = app.comment(ARTICLE, &slot_fields("slot 0")).await;
    assert_eq!(r.status(), 303);
    app.login("mod", MOD_PASSWORD).await;
    act(&app, 1, "approve").await;
    for slot in 1..SLOTS {
        let body = format!("slot {slot}");
        let r = app.comment(ARTICLE, &slot_fields(&body)).await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            TestApp::location(&r),
            format!("{ARTICLE}#comment-{}", slot + 1)
        );
    }

    let scripts = start_tags(&app.text("/en/travel-and-visas").await)
        .iter()
        .filter(|(n, _)| n == "script")
        .count();
    let (csrf, _) = app.form_tokens("/admin/comments/1/edit").await;
    let rounds = names.len().max(bodies.len()).div_ceil(SLOTS);
    for round in 0..rounds {
        let mut markers = Vec::new();
        for slot in 0..SLOTS {
            let n = round * SLOTS + slot;
            let name = names.get(n).map_or("Tester", |s| s.as_str());
            let marker = format!("edit {round}.{slot}");
            let body = format!("{marker}\n\n{}", bodies.get(n).map_or("", String::as_str));
            let r = app
                .post_form(
                    &format!("/admin/comments/{}/edit", slot + 1),
                    &[("csrf", &csrf), ("name", name), ("body", &body)],
                )
                .await;
            assert_eq!(r.status(), 303, "{name:?}: {}", r.text().await.unwrap());
            markers.push(marker);
        }
        let page = app.text(ARTICLE).await;
        for m in &markers {
            assert!(page.contains(m), "the edit `{m}` is not on the page");
        }
        let what = format!("round {round}");
        assert_page_clean(&page, scripts, &format!("article page, {what}"));
        let queue = app.text("/admin/comments?status=approved").await;
        assert_page_clean(&queue, 1, &format!("moderation queue, {what}"));
        for feed in [FEED, "/comments.atom"] {
            assert_feed_clean(&app.text(feed).await, &format!("{feed}, {what}"));
        }
    }
}

#[test]
fn the_vectors_fit_in_a_few_bodies() {
    let vectors = vectors();
    let bodies = vector_bodies(&vectors);
    let placed: usize = bodies.iter().map(|b| b.matches("[link ").count()).sum();
    assert!(
        placed * 10 >= vectors.len() * 9,
        "{placed} of {}",
        vectors.len()
    );
    assert!(bodies.iter().all(|b| b.chars().count() <= BODY_BUDGET));
    assert!(bodies.len() <= SLOTS, "{} bodies", bodies.len());
}

/// The moderators' and editors' forms that hold typed text (the word list,
/// a comment's edit, a topic's names) give it back when the form's token
/// is not this browser's (a page kept open past its cookie, an old copy of
/// the page), saving nothing. Before, the text was lost to a bare 403 page.
#[tokio::test]
async fn a_form_with_a_stale_token_gives_its_text_back_and_saves_nothing() {
    let mut app = TestApp::spawn_for_comments(&[]);
    let r = app
        .comment(ARTICLE, &[("name", "Ana"), ("body", "The text as posted.")])
        .await;
    assert!(r.status().is_redirection());
    app.login("mod", MOD_PASSWORD).await;
    let stale = "a token from another browser";
    let said = "The form could not be verified";

    let words = "casino\n/v[i1]agra/\nکازینو‌ها\n";
    let r = app
        .post_form("/admin/words", &[("csrf", stale), ("body", words)])
        .await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.unwrap();
    assert!(page.contains(said) && page.contains("کازینو‌ها"), "{page}");
    assert!(!app.text("/admin/words").await.contains("کازینو"));

    let queue = app.text("/admin/comments").await;
    let id = id_in_queue(&queue, "The text as posted.").unwrap();
    let edit = format!("/admin/comments/{id}/edit");
    let fields = [
        ("csrf", stale),
        ("name", "Ana"),
        ("body", "Mended by the moderator."),
    ];
    let r = app.post_form(&edit, &fields).await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.unwrap();
    assert!(page.contains(said) && page.contains("Mended by the moderator."));
    let queue = app.text("/admin/comments").await;
    assert!(queue.contains("The text as posted.") && !queue.contains("Mended"));

    app.client = TestApp::fresh_client();
    app.login("ed", MOD_PASSWORD).await;
    let names = [
        ("csrf", stale),
        ("tag", "economy"),
        ("label_en", "The economy"),
        ("label_fa", "اقتصاد و بازار"),
        ("label_ps", ""),
    ];
    let r = app.post_form("/admin/tags", &names).await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(said) && page.contains("اقتصاد و بازار"),
        "{page}"
    );
    assert!(!app.text("/admin/tags").await.contains("اقتصاد و بازار"));
}

/// A queue longer than a page (200) is read in pages: the next link
/// starts where the page ended, and the rest is reachable.
#[tokio::test]
async fn a_long_queue_is_read_in_pages() {
    let data = tempfile::tempdir().unwrap();
    {
        let store = askaf_store::Store::open(data.path()).await.unwrap();
        for i in 0..203 {
            let body = format!("waiting comment {i}");
            store
                .insert_comment(&askaf_store::NewComment {
                    lang: askaf_content::Lang::En,
                    slug: "afghan-currency",
                    parent_id: None,
                    name: "Ana",
                    email: Some("ana@example.org"),
                    ip: Some("203.0.113.7"),
                    body: &body,
                    body_html: &format!("<p>{body}</p>"),
                    fingerprint: &body,
                    status: askaf_store::Status::Pending,
                    held: vec![askaf_comments::Reason::FirstComment],
                    staff: None,
                })
                .await
                .unwrap();
        }
        store.close().await;
    }
    add_user(data.path(), "mod", "moderator", MOD_PASSWORD);
    let app = TestApp::spawn_with(data.path(), &[], None);
    app.login("mod", MOD_PASSWORD).await;
    let page = app.get("/admin/comments").await.text().await.unwrap();
    assert_eq!(page.matches("class=\"admin-comment\"").count(), 200);
    assert!(page.contains("waiting comment 0<"), "oldest first");
    assert!(!page.contains("waiting comment 200<"));
    assert!(page.contains("rel=\"next\""), "a next page");
    let next = crate::helpers::attr(
        &page,
        "<a href=\"/admin/comments?status=pending&amp;after=",
        "href",
    )
    .unwrap()
    .replace("&amp;", "&");
    assert!(
        next.starts_with("/admin/comments?status=pending&after="),
        "{next}"
    );
    let rest = app.get(&next).await.text().await.unwrap();
    assert_eq!(rest.matches("class=\"admin-comment\"").count(), 3, "{rest}");
    for i in 200..203 {
        assert!(rest.contains(&format!("waiting comment {i}<")), "{rest}");
    }
    assert!(!rest.contains("rel=\"next\""));
    assert!(rest.contains("The first 200"), "a way back: {rest}");
    let r = app.get("/admin/comments?after=x").await;
    assert_eq!(r.status(), 400);
}

/// A moderator's edit of a comment, or of the word list, sent after the
/// session lapsed comes back with what was typed and a sign-in in the form
/// (401), saving nothing; sent again from there with the sign-in, it is
/// saved. Before, the session was checked before anything else and the
/// answer was a bare "sign in" page: the text was lost.
#[tokio::test]
async fn forms_sent_after_the_session_lapsed_keep_their_text() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let id = held_comment(&mut app, "a comment to be mended").await;
    let edit = format!("/admin/comments/{id}/edit");
    let (csrf, _) = app.form_tokens(&edit).await;
    let (words_csrf, _) = app.form_tokens("/admin/words").await;
    // The session ends (signed out in another tab, or expired).
    let r = app.admin_post("/admin", "/admin/logout", &[]).await;
    assert_eq!(r.status(), 303);

    let typed = "a comment mended at length, after a long phone call";
    let r = app
        .post_form(
            &edit,
            &[("csrf", &csrf), ("name", "Reader"), ("body", typed)],
        )
        .await;
    assert_eq!(r.status(), 401);
    let page = r.text().await.unwrap();
    assert!(page.contains(typed), "the text comes back: {page}");
    assert!(page.contains("name=\"login_password\""), "with a sign-in");
    assert!(
        !page.contains("a comment to be mended"),
        "nothing it was not sent"
    );
    let csrf =
        crate::helpers::attr(&page, "<input type=\"hidden\" name=\"csrf\"", "value").unwrap();
    let r = app
        .post_form(
            &edit,
            &[
                ("csrf", csrf.as_str()),
                ("name", "Reader"),
                ("body", typed),
                ("login_username", "mod"),
                ("login_password", MOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert!(
        app.text(&edit).await.contains(typed),
        "saved, signed in again"
    );

    let list = "casino\n/v[i1]agra/\nfree money";
    app.admin_post("/admin", "/admin/logout", &[]).await;
    let r = app
        .post_form("/admin/words", &[("csrf", &words_csrf), ("body", list)])
        .await;
    assert_eq!(r.status(), 401);
    let page = r.text().await.unwrap();
    assert!(page.contains("/v[i1]agra/\nfree money"), "{page}");
    assert!(page.contains("name=\"login_password\""));
}

/// The last `csrf` field of an editorial page: the form shown again.
fn page_token(page: &str) -> String {
    let at = page
        .rfind("<input type=\"hidden\" name=\"csrf\"")
        .expect("a csrf field");
    crate::helpers::attr(&page[at..], "<input type=\"hidden\" name=\"csrf\"", "value").unwrap()
}

/// Signs out, posts `fields` to `path` with the token `csrf` (401 with a
/// sign-in in the form), then sends the form that came back with `root`'s
/// sign-in (303); returns the first answer's page.
async fn sent_after_lapse(
    app: &TestApp,
    path: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> String {
    crate::lapsed::sign_out(app).await;
    let page = crate::lapsed::sent_lapsed(app, path, csrf, fields).await;
    let csrf = page_token(&page);
    let mut again = vec![("csrf", csrf.as_str())];
    again.extend_from_slice(fields);
    again.extend_from_slice(&[("login_username", "root"), ("login_password", MOD_PASSWORD)]);
    let r = app.post_form(path, &again).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    page
}

/// A topic's names, a ban and a new account, each sent after the session
/// lapsed, come back with what was typed and a sign-in in the form (401),
/// saving nothing and showing nothing else of the page (no other topic, no
/// bans, no accounts); sent again with the sign-in, they are saved. Before,
/// each was answered with the bare sign-in page, and the text was lost.
#[tokio::test]
async fn topics_bans_and_accounts_sent_after_the_session_lapsed_keep_their_text() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "root", "admin", MOD_PASSWORD);
    let app = TestApp::spawn_with(data.path(), &[], None);
    app.login("root", MOD_PASSWORD).await;
    let (tags_csrf, _) = app.form_tokens("/admin/tags").await;
    let (bans_csrf, _) = app.form_tokens("/admin/bans").await;
    let (users_csrf, _) = app.form_tokens("/admin/users").await;

    let names = [
        ("tag", "economy"),
        ("label_en", "Money and trade"),
        ("label_fa", "پول و تجارت کابل"),
        ("label_ps", ""),
    ];
    let page = sent_after_lapse(&app, "/admin/tags", &tags_csrf, &names).await;
    assert!(
        page.contains("پول و تجارت کابل") && page.contains("Money and trade"),
        "the names come back: {page}"
    );
    assert_eq!(page.matches("class=\"admin-form tag-form\"").count(), 1);
    assert!(app.text("/admin/tags").await.contains("پول و تجارت کابل"));

    let ban = [
        ("target", "198.51.100.0/24"),
        ("note", "posted the same link forty times"),
    ];
    let page = sent_after_lapse(&app, "/admin/bans", &bans_csrf, &ban).await;
    assert!(
        page.contains("value=\"198.51.100.0/24\"") && page.contains("the same link forty times"),
        "{page}"
    );
    assert!(!page.contains("admin-table"), "no list of bans: {page}");
    assert!(app.text("/admin/bans").await.contains("forty times"));

    // An account: its passwords are typed again, never sent back.
    let account = [
        ("username", "farida"),
        ("role", "editor"),
        ("password", "another long passphrase"),
        ("confirm", "another long passphrase"),
    ];
    let page = sent_after_lapse(&app, "/admin/users", &users_csrf, &account).await;
    assert!(
        page.contains("value=\"farida\"") && page.contains("value=\"editor\" selected"),
        "{page}"
    );
    assert!(!page.contains("another long passphrase"));
    assert!(!page.contains("admin-table"), "no list of accounts: {page}");
    let users = app.text("/admin/users").await;
    assert!(users.contains("<td><bdi>farida</bdi></td>"), "{users}");
}

/// A sign-in typed into a form whose session lapsed, and refused, says why:
/// a wrong password is not "your session has expired" again, and too many
/// of them are the login throttle's 429 with its wait; the text comes back
/// each time.
#[tokio::test]
async fn a_wrong_sign_in_in_a_lapsed_form_says_so_and_keeps_the_text() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens("/admin/words").await;
    let r = app.admin_post("/admin", "/admin/logout", &[]).await;
    assert_eq!(r.status(), 303);
    let list = "casino\nfree money\nwrong-password-list";
    let send = |password: &'static str| {
        let csrf = csrf.clone();
        let app = &app;
        async move {
            let r = app
                .post_form(
                    "/admin/words",
                    &[
                        ("csrf", csrf.as_str()),
                        ("body", list),
                        ("login_username", "mod"),
                        ("login_password", password),
                    ],
                )
                .await;
            let status = r.status().as_u16();
            let wait = r.headers().get("retry-after").cloned();
            (status, wait, r.text().await.unwrap())
        }
    };
    let (status, _, page) = send("not the password").await;
    assert_eq!(status, 401);
    assert!(
        page.contains("The username or password is not right"),
        "{page}"
    );
    assert!(!page.contains("Your session has expired"), "{page}");
    assert!(page.contains("wrong-password-list"), "the text comes back");
    // The throttle counts these as logins: five per account and address.
    let mut last = (0, None, String::new());
    for _ in 0..5 {
        last = send("not the password").await;
    }
    let (status, wait, page) = last;
    assert_eq!(status, 429, "{page}");
    assert!(wait.is_some(), "Retry-After");
    assert!(page.contains("Too many failed logins"), "{page}");
    assert!(page.contains("wrong-password-list"), "the text comes back");
    assert!(page.contains("name=\"login_password\""));
}

/// A Pashto moderator reads why a comment waits, and why one was refused,
/// in Pashto, with the values the checks found (how many links, the word
/// list's entry, the ban) as they were: the queue and the decision log
/// render the stored reasons in the reader's language, not the English
/// sentence stored beside them.
#[tokio::test]
async fn a_pashto_moderator_reads_the_reasons_in_pashto_with_their_values() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    // A word list, a ban, and Pashto pages for this moderator.
    for (page, fields) in [
        ("/admin/words", vec![("body", "casino\n")]),
        (
            "/admin/bans",
            vec![("target", "spam@example.org"), ("note", "test")],
        ),
        ("/admin/account", vec![("lang", "ps"), ("back", "/admin")]),
    ] {
        let action = if page == "/admin/account" {
            "/admin/language"
        } else {
            page
        };
        let r = app.admin_post(page, action, &fields).await;
        assert_eq!(r.status(), 303, "{page}: {}", r.text().await.unwrap());
    }
    let session = std::mem::replace(&mut app.client, TestApp::fresh_client());
    let body = "casino: [a](https://a.example) [b](https://b.example) [c](https://c.example)";
    let r = app
        .comment(ARTICLE, &[("name", "Reader"), ("body", body)])
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{ARTICLE}/comments/held?why=links,no-email")
    );
    let r = app
        .comment(
            ARTICLE,
            &[
                ("name", "Reader"),
                ("email", "spam@example.org"),
                ("body", "let me in"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    app.client = session;

    let held = [
        "۳ لینکونه (له کتنې پرته تر ۲ پورې)",
        "د کلمو لړلیک له «<bdi>casino</bdi>» توکي سره سمون خوري",
        "برېښنالیک نه لري، نو د پېژندل شوي تبصره کوونکي تبصره نه شي ګڼل کېدای",
    ];
    let queue = app.text("/admin/comments?status=pending").await;
    assert!(
        queue.contains(&held.join("؛ ")),
        "the queue says why in Pashto: {queue}"
    );
    let log = app.text("/admin/log").await;
    for said in held
        .iter()
        .chain(&["پر «<bdi>spam@example.org</bdi>» بندیز لګېدلی"])
    {
        assert!(log.contains(said), "the log says `{said}`: {log}");
    }
    for page in [&queue, &log] {
        assert!(!page.contains("no email address"), "{page}");
        assert!(!page.contains("matched the word list"), "{page}");
    }
}

/// A Pashto moderator reads the other lines of the decision log in Pashto
/// too, with their values: how many entries the word list has, the ban
/// and its note, the account's languages from and to. What was typed (an
/// address, a note, an account's name) stands as typed, in a `<bdi>`.
#[tokio::test]
async fn a_pashto_moderator_reads_what_was_done_in_pashto_with_its_values() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    for (page, action, fields) in [
        (
            "/admin/words",
            "/admin/words",
            vec![("body", "casino\n# a note\n/v[i1]agra/\n")],
        ),
        (
            "/admin/bans",
            "/admin/bans",
            vec![("target", "spam@example.org"), ("note", "<b>run</b>")],
        ),
        (
            "/admin/account",
            "/admin/language",
            vec![("lang", "ps"), ("back", "/admin")],
        ),
    ] {
        let r = app.admin_post(page, action, &fields).await;
        assert_eq!(r.status(), 303, "{page}: {}", r.text().await.unwrap());
    }
    let log = app.text("/admin/log").await;
    for said in [
        "۲ توکي",
        "برېښنالیک <bdi>spam@example.org</bdi>؛ یادښت: <bdi>&lt;b&gt;run&lt;/b&gt;</bdi>",
        "<bdi>mod</bdi>: له انګلیسي څخه پښتو ته",
    ] {
        assert!(log.contains(said), "the log says `{said}`: {log}");
    }
    for english in ["2 entries", "spam@example.org &lt;b&gt;", "mod: en to ps"] {
        assert!(!log.contains(english), "`{english}` in English: {log}");
    }
}

/// The word list's field stops where the server does, at
/// [`askaf_comments::MAX_PATTERN_LIST_CHARS`] characters of any script: a
/// Dari list that long is saved, and one a letter longer (pasted past the
/// field by an older browser) comes back as typed, unsaved, with why in
/// the moderator's language.
#[tokio::test]
async fn a_word_list_is_held_to_its_fields_limit_and_one_over_it_comes_back_as_typed() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let max = askaf_comments::MAX_PATTERN_LIST_CHARS;
    let html = app.text("/admin/words").await;
    let field = attr(&html, "<textarea id=\"words-body\"", "maxlength");
    assert_eq!(field, Some(max.to_string()), "the field's maxlength");
    app.choose_admin_lang("fa").await;

    // Six letters and a line break, seven characters: two bytes a letter,
    // six once a form has encoded them.
    let entry = "کازینو\n";
    let full = format!("{}{}", entry.repeat(max / 7), "ب".repeat(max % 7));
    assert_eq!(full.chars().count(), max);
    let r = app
        .admin_post("/admin/words", "/admin/words", &[("body", &full)])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let over = format!("{full}ب");
    let r = app
        .admin_post("/admin/words", "/admin/words", &[("body", &over)])
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(page.contains("lang=\"fa\""), "in Dari: {page}");
    assert!(
        page.contains("ذخیره نشد: فهرست ۶۵۵۳۷ حرف دارد"),
        "why, in Dari digits: {page}"
    );
    let kept = format!(">{over}</textarea>");
    assert!(page.contains(&kept), "the list as typed");
    let saved = app.text("/admin/words").await;
    assert!(
        saved.contains(&format!(">{full}</textarea>")),
        "the last saved list stands"
    );
}

/// A line of the word list that cannot be used is explained in the
/// moderator's language, with the line's number in their digits and the
/// entry as typed in a `<bdi>` of its own, so a Latin pattern keeps its
/// order in a Dari sentence; the list comes back as typed. Before, the
/// Dari sentence carried the English explanation.
#[tokio::test]
async fn a_bad_word_list_line_is_explained_in_the_moderators_language() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    app.choose_admin_lang("fa").await;
    for (list, said) in [
        (
            "کازینو\n/(casino/",
            "سطر ۲، <bdi>/(casino/</bdi>، یک عبارت باقاعدهٔ قابل استفاده نیست.",
        ),
        (
            "کازینو\n# یادداشت\n<!!>",
            "سطر ۳، <bdi>&lt;!!&gt;</bdi>، هیچ حرف یا رقمی برای جور آمدن ندارد",
        ),
        ("//", "سطر ۱، عبارت باقاعدهٔ <bdi>//</bdi> خالی است."),
    ] {
        let r = app
            .admin_post("/admin/words", "/admin/words", &[("body", list)])
            .await;
        assert_eq!(r.status(), 400, "{list}");
        let page = r.text().await.unwrap();
        assert!(page.contains(said), "{said} in {page}");
        for english in ["not a usable", "no letters", "is empty"] {
            assert!(!page.contains(english), "{english} in {page}");
        }
    }
}

/// An edited comment's text before the edit, in the decision log: a long
/// one is folded, its start the summary of a `<details>` (no script), and
/// the whole of it inside, marked with its own language and direction (a
/// Pashto comment in a Dari log); a short one stays in the line, marked
/// the same way. Until 6 December a 4,900-character comment's edit put the
/// whole of it in the log's row, 7,587 px tall on a phone, its Pashto words
/// unmarked on the Dari page.
#[tokio::test]
async fn the_log_folds_a_long_comments_text_before_its_edit() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let sentence = "دا ډېره ښه مقاله ده، مننه. زه غواړم د پښتو ژبې په اړه نور هم ولولم. ";
    let long = sentence.repeat(60);
    let long = long.trim_end();
    let id = held_comment(&mut app, long).await;
    edit(&app, id).await;
    let short = "یوه لنډه تبصره ده.";
    let id = held_comment(&mut app, short).await;
    edit(&app, id).await;

    app.choose_admin_lang("fa").await;
    let log = app.text("/admin/log").await;
    let row = |text: &str| {
        let at = log
            .find(text)
            .unwrap_or_else(|| panic!("{text} not in the log: {log}"));
        let start = log[..at].rfind("<tr>").unwrap();
        let end = at + log[at..].find("</tr>").unwrap();
        log[start..end].to_string()
    };
    let folded = row(&long.chars().take(100).collect::<String>());
    let marked = "lang=\"ps\" dir=\"rtl\"";
    assert!(
        folded.contains(&format!(
            "<details class=\"log-was\"><summary><bdi {marked}>دا ډېره ښه مقاله ده، مننه."
        )),
        "{folded}"
    );
    let summary = &folded[folded.find("<summary>").unwrap()..folded.find("</summary>").unwrap()];
    assert!(summary.ends_with("…</bdi>"), "{summary}");
    assert!(summary.chars().count() < 200, "{summary}");
    // The whole text, once, inside the fold.
    assert_eq!(folded.matches(long).count(), 1, "{folded}");
    let inside = &folded[folded.find("</summary>").unwrap()..folded.find("</details>").unwrap()];
    assert!(
        inside.starts_with(&format!(
            "</summary><div class=\"log-was-text\" {marked}>{long}"
        )),
        "{inside}"
    );
    let kept = row(short);
    assert!(
        kept.contains(&format!("<bdi {marked}>{short}</bdi>")) && !kept.contains("<details"),
        "{kept}"
    );
}

/// Edits comment `id` to a short text, as the edit page does.
async fn edit(app: &TestApp, id: u64) {
    let path = format!("/admin/comments/{id}/edit");
    let r = app
        .admin_post(&path, &path, &[("name", "Reader"), ("body", "Shorter.")])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// A comment posted by a reader of its own browser, with the article's form;
/// returns where the post was sent (the held page, with why).
async fn posted(app: &mut TestApp, fields: &[(&str, &str)]) -> String {
    let session = std::mem::replace(&mut app.client, TestApp::fresh_client());
    let r = app.comment(ARTICLE, fields).await;
    app.client = session;
    TestApp::location(&r)
}

/// The decision log's table: from its start tag to its end.
fn log_table(log: &str) -> &str {
    let start = log.find("<table").expect("the log's table");
    let end = log[start..].find("</table>").expect("its end") + start;
    &log[start..end]
}

/// Whether the site's stylesheet gives `selector` the `declaration`
/// (under `media`, or outside any `@media` when it is empty).
fn styled(css: &str, media: &str, selector: &str, declaration: &str) -> bool {
    css_rules(css).iter().any(|r| {
        r.media == media
            && r.selectors.iter().any(|s| s == selector)
            && r.body.contains(declaration)
    })
}

/// A long unbroken word in the decision log (a 120-character link put on
/// the word list, the reason a comment waits; the long email address it
/// came from) breaks within its cell, so that the log is never wider than
/// the screen. Before, such a link made the log's table 1,920 px wide on a
/// 360 px phone, and on a desktop: it scrolled sideways in its box.
#[tokio::test]
async fn a_long_unbroken_word_breaks_within_its_cell_of_the_log() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let link = format!("https://spam.example/{}", "a".repeat(99));
    let r = app
        .admin_post("/admin/words", "/admin/words", &[("body", &link)])
        .await;
    assert_eq!(r.status(), 303);
    let email = format!("{}@example.org", "r".repeat(64));
    let held = posted(
        &mut app,
        &[
            ("name", "Spam Sender"),
            ("email", &email),
            ("body", &format!("Cheap offers at {link} today")),
        ],
    )
    .await;
    assert!(held.contains("/comments/held"), "{held}");

    let log = app.text("/admin/log").await;
    let table = log_table(&log);
    assert!(table.contains(&format!("<bdi>{link}</bdi>")), "{table}");
    assert!(table.contains(&email), "{table}");
    let class = attr(table, "<table", "class").unwrap_or_default();
    assert!(class.split(' ').any(|c| c == "log-table"), "{table}");
    let css = app.text("/static/site.css").await;
    assert!(
        styled(&css, "", ".log-table td", "overflow-wrap: anywhere"),
        "the log's cells break a long word anywhere"
    );
}

/// The cells of each row of `table`, as written (between `<td` and `</td>`).
fn cells(table: &str) -> Vec<Vec<&str>> {
    table
        .split("<tr>")
        .skip(2)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap_or(""))
                .collect()
        })
        .collect()
}

/// On a phone the decision log's rows are cards, as an article's history's
/// are, by the same rules (`.card-table`): each cell a line of the card,
/// saying which column it is (its label, in the moderator's language),
/// the column heads for screen readers only. Before, six columns a word or
/// two wide were squeezed into 328 px.
#[tokio::test]
async fn the_logs_rows_are_cards_with_their_labels_on_a_phone() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .admin_post("/admin/words", "/admin/words", &[("body", "casino")])
        .await;
    assert_eq!(r.status(), 303);
    app.choose_admin_lang("fa").await;
    let log = app.text("/admin/log").await;
    let table = log_table(&log);
    assert!(
        table.contains(r#"class="admin-table card-table log-table""#),
        "{table}"
    );
    let labels = ["زمان", "تصمیم", "دلیل", "مقاله", "از", "از سوی"];
    for label in labels {
        assert!(
            table.contains(&format!(r#"<th scope="col">{label}</th>"#)),
            "{label}: {table}"
        );
    }
    let rows = cells(table);
    assert!(rows.len() >= 2, "{table}");
    for row in &rows {
        // A cell that says nothing (no article, no address) is empty, with
        // no label: on a phone it is left out of its card.
        let said: Vec<&str> = row
            .iter()
            .zip(labels)
            .map(|(c, label)| match *c == ">" {
                true => label,
                false => c
                    .strip_prefix(r#"><span class="card-label">"#)
                    .and_then(|l| l.split("</span>").next())
                    .unwrap_or(""),
            })
            .collect();
        assert_eq!(said, labels, "{row:?}");
    }
    assert!(
        rows.iter().any(|row| row[3] == ">" && row[4] == ">"),
        "the word list's line has no article and no address: {rows:?}"
    );
    // One set of rules makes the history's rows and the log's cards.
    let css = app.text("/static/site.css").await;
    let phone = "@media (max-width: 36rem)";
    assert!(styled(&css, phone, ".card-table tr", "display: grid"));
    assert!(styled(
        &css,
        phone,
        ".card-table thead",
        "clip: rect(0 0 0 0)"
    ));
    assert!(styled(
        &css,
        phone,
        ".card-table .card-label",
        "display: block"
    ));
    assert!(styled(&css, "", ".card-label", "display: none"));
    assert!(
        !css_rules(&css).iter().any(|r| r
            .selectors
            .iter()
            .any(|s| s.ends_with("-table thead") && s != ".card-table thead")),
        "a second copy of the cards' rules"
    );
}

/// The decision log's article is its address, `/en/afghan-currency`, a
/// link to it; for a line about a comment the article shows, to that
/// comment (`#comment-N`), and for one it does not (held, refused,
/// deleted), to the article. Before, it was `en/afghan-currency`, as text.
#[tokio::test]
async fn the_logs_article_is_a_link_to_it_and_to_the_comment_shown() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let shown = held_comment(&mut app, "A comment the moderator approves.").await;
    act(&app, shown, "approve").await;
    let waiting = held_comment(&mut app, "A comment still waiting.").await;

    let log = app.text("/admin/log").await;
    let table = log_table(&log);
    let link = |anchor: &str| format!(r#"<a href="{ARTICLE}{anchor}" dir="ltr">{ARTICLE}</a>"#);
    let rows = cells(table);
    let about = |id: u64| {
        rows.iter()
            .filter(|row| row[1].contains(&format!("/admin/comments/{id}/edit")))
            .collect::<Vec<_>>()
    };
    // Held, then approved: both lines lead to the comment, which is shown.
    let approved = about(shown);
    assert_eq!(approved.len(), 2, "{table}");
    for row in approved {
        assert!(
            row[3].contains(&link(&format!("#comment-{shown}"))),
            "{row:?}"
        );
    }
    let held = about(waiting);
    assert_eq!(held.len(), 1, "{table}");
    assert!(held[0][3].contains(&link("")), "{:?}", held[0]);
    assert!(!table.contains(">en/afghan-currency<"), "{table}");
}

/// In a Dari or Pashto queue and log, what stays English is marked as
/// English (`lang="en" dir="ltr"`), so that a screen reader reads it with
/// an English voice and a right-to-left line keeps it whole: the reasons'
/// codes (`no-email`), "IP" in a reason, the command an account was made
/// with (`askaf user`); an account's name is isolated as typed. Before,
/// each stood unmarked in the Pashto or Dari sentence.
#[tokio::test]
async fn english_words_in_a_pashto_queue_and_log_are_marked_as_english() {
    let mut app = TestApp::spawn_for_comments(&["--comments-per-ip-per-hour", "1"]);
    app.login("mod", MOD_PASSWORD).await;
    app.choose_admin_lang("ps").await;
    let held = posted(&mut app, &[("name", "Reader"), ("body", "First.")]).await;
    assert!(held.ends_with("why=no-email"), "{held}");
    let refused = posted(&mut app, &[("name", "Reader"), ("body", "Second.")]).await;
    assert_eq!(refused, "", "refused, not sent on");

    let english = |text: &str| format!(r#"<span lang="en" dir="ltr">{text}</span>"#);
    let log = app.text("/admin/log").await;
    for marked in [
        format!("<code>{}</code>", english("no-email")),
        format!("<code>{}</code>", english("rate-limit-ip")),
        format!("له دې {} پتې ۱ تبصره", english("IP")),
        format!("{} (د امر کرښه)", english("askaf user")),
        "<bdi>mod</bdi>".to_string(),
    ] {
        assert!(log.contains(&marked), "`{marked}` in the log: {log}");
    }
    assert!(!log.contains("<code>no-email</code>"), "{log}");
    let queue = app.text("/admin/comments").await;
    assert!(
        queue.contains(r#"<span class="who"><bdi>mod</bdi> ("#),
        "{queue}"
    );
}

/// The queue's comments, by id: each `<li class="admin-comment">` whole.
fn queue_items(queue: &str) -> Vec<(u64, &str)> {
    queue
        .split(r#"<li class="admin-comment" id="c"#)
        .skip(1)
        .map(|item| {
            let id = item[..item.find('"').unwrap()].parse().unwrap();
            // To the next comment, or the list's end.
            (id, item.split("</ol>").next().unwrap())
        })
        .collect()
}

/// The names a screen reader gives the buttons and links of a queue's
/// comment: each one's text, its tags left out.
fn control_names(item: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (open, close) in [
        ("<button", "</button>"),
        ("<a href=\"/admin/comments/", "</a>"),
    ] {
        for part in item.split(open).skip(1) {
            let inner = &part[part.find('>').unwrap() + 1..part.find(close).unwrap()];
            names.push(without_tags(inner));
        }
    }
    names
}

/// Each button of the queue (Approve, Spam, Delete, Back to queue) and its
/// Edit link says which comment it acts on, to a screen reader, in the
/// moderator's language: its number, its author and when it was written,
/// in words out of sight after the button's own; so a moderator moving
/// from button to button hears whose comment each is. Before, every
/// comment's were "Approve", "Spam", "Delete", "Edit", alike.
#[tokio::test]
async fn each_queue_button_names_the_comment_it_acts_on_in_each_language() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    for (name, body) in [("Reader One", "The first."), ("مریم", "دومین نظر.")] {
        posted(&mut app, &[("name", name), ("body", body)]).await;
    }
    for (lang, approve, which) in [
        ("en", "Approve", " comment #{id} by <bdi>{name}</bdi>, "),
        ("fa", "تأیید", " نظرِ #{id} از <bdi>{name}</bdi>، "),
        ("ps", "منل", " د <bdi>{name}</bdi> تبصره #{id}، "),
    ] {
        app.choose_admin_lang(lang).await;
        let queue = app.text("/admin/comments").await;
        let items = queue_items(&queue);
        assert_eq!(items.len(), 2, "{lang}: {queue}");
        let mut all = Vec::new();
        for (id, item) in items {
            let name = if item.contains("Reader One") {
                "Reader One"
            } else {
                "مریم"
            };
            let digits: String = match lang {
                "en" => id.to_string(),
                _ => id
                    .to_string()
                    .chars()
                    .map(|d| char::from_u32(0x06F0 + d.to_digit(10).unwrap()).unwrap())
                    .collect(),
            };
            let said = which.replace("{id}", &digits).replace("{name}", name);
            let hidden = format!(r#"<span class="visually-hidden">{said}"#);
            assert!(
                item.contains(&format!(
                    r#"value="approve" class="button">{approve}{hidden}"#
                )),
                "{lang}: {item}"
            );
            let when = attr(item, "<time", "datetime").unwrap();
            let shown = item
                .split(&format!(r#"<time datetime="{when}">"#))
                .nth(1)
                .unwrap();
            let shown = &shown[..shown.find("</time>").unwrap()];
            let names = control_names(item);
            assert_eq!(
                names.len(),
                4,
                "{lang}: approve, spam, delete, edit: {names:?}"
            );
            for n in names {
                assert!(
                    n.contains(name) && n.contains(shown),
                    "{lang}: `{n}` says whose"
                );
                all.push(n);
            }
        }
        let unique: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{lang}: each name once: {all:?}");
    }
}

/// A held comment's links are listed under it in the queue, each with
/// where it leads, escaped and in full, so that a moderator sees where a
/// link goes before approving it (`[the UN report](https://phish…)`); a
/// link to anywhere else (`javascript:`) is none, shown as typed and not
/// listed. Before, the queue showed a link's words only.
#[tokio::test]
async fn the_queue_says_where_each_link_of_a_comment_leads() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let body = "See [the UN report](https://evil.example/phish?a=1&b=<b>) \
                and [this](javascript:alert(1)) and <https://www.unicef.org/afghanistan>.";
    posted(&mut app, &[("name", "Link Giver"), ("body", body)]).await;
    for (lang, said) in [
        ("en", "Links, and where each leads:"),
        ("fa", "پیوندها، و این‌که هر کدام به کجا می‌برد:"),
        ("ps", "تړنې، او دا چې هره یوه چېرته وړي:"),
    ] {
        app.choose_admin_lang(lang).await;
        let queue = app.text("/admin/comments").await;
        let (_, item) = queue_items(&queue)[0];
        let list = item
            .split(r#"<div class="link-targets">"#)
            .nth(1)
            .unwrap_or_else(|| panic!("{lang}: no list of links: {item}"));
        let list = &list[..list.find("</div>").unwrap()];
        assert!(list.contains(said), "{lang}: {list}");
        let target = |href: &str| format!(r#"<span class="link-target" dir="ltr">{href}</span>"#);
        assert!(
            list.contains(&format!(
                "<li><bdi>the UN report</bdi>: {}</li>",
                target("https://evil.example/phish?a=1&amp;b=%3Cb%3E")
            )),
            "{lang}: {list}"
        );
        // An address that is its own words is said once.
        assert!(
            list.contains(&format!(
                "<li>{}</li>",
                target("https://www.unicef.org/afghanistan")
            )),
            "{lang}: {list}"
        );
        assert_eq!(list.matches("<li>").count(), 2, "{lang}: {list}");
        assert!(!item.contains("href=\"javascript"), "{item}");
    }
}

/// The notice after a moderator's decision names the comment (its
/// number, author and first words) and offers to undo it: one button, a
/// form that posts (with the page's CSRF token) the decision that puts the
/// comment back where it stood; its notice offers the same again. A
/// notice whose decision no longer holds (the comment moved since)
/// offers none. Before, the notice said "Approved" and nothing of which
/// comment, and a slip of the finger could not be taken back at once.
#[tokio::test]
async fn a_decisions_notice_names_the_comment_and_offers_to_undo_it() {
    let mut app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let body = "This article was very useful, thank you to the writers of it all.";
    let id = held_comment(&mut app, body).await;

    // Approved by mistake: the notice says which, and offers to undo it.
    let page = app.text(&act(&app, id, "approve").await).await;
    let notice = &page[page.find(r#"<p class="notice""#).expect("a notice")..];
    let notice = &notice[..notice.find("</p>").unwrap()];
    assert!(notice.contains("Approved"), "{notice}");
    assert!(
        notice.contains(&format!(
            r#"Comment #{id} by <bdi>Reader</bdi>: “<bdi lang="en" dir="ltr">This article was very useful, thank you to…</bdi>”"#
        )),
        "{notice}"
    );
    let undo = |page: &str| {
        let at = page.find(r#"<form method="post" action="/admin/comments/"#)?;
        let form = &page[at..at + page[at..].find("</form>")?];
        form.contains(r#"class="undo""#).then(|| form.to_string())
    };
    let form = undo(&page).unwrap_or_else(|| panic!("no undo form: {page}"));
    assert!(
        form.contains(&format!(r#"action="/admin/comments/{id}""#)),
        "{form}"
    );
    assert!(form.contains(r#"name="csrf""#), "{form}");
    assert!(form.contains(r#"name="action" value="requeue""#), "{form}");
    assert!(form.contains("Undo (back to the queue)"), "{form}");
    assert!(listed(&app, "approved", id).await);

    // Undone: back in the queue, and that can be undone in its turn.
    let csrf = attr(&form, r#"<input type="hidden" name="csrf""#, "value").unwrap();
    let r = app
        .post_form(
            &format!("/admin/comments/{id}"),
            &[("csrf", &csrf), ("action", "requeue"), ("back", "pending")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(listed(&app, "pending", id).await, "back in the queue");
    let again = app.text(&TestApp::location(&r)).await;
    assert!(again.contains("Back in the queue."), "{again}");
    let form = undo(&again).unwrap_or_else(|| panic!("no undo form: {again}"));
    assert!(form.contains(r#"name="action" value="approve""#), "{form}");

    // Deleted (a comment rejected), then undone: pending again.
    let deleted_at = act(&app, id, "delete").await;
    let deleted = app.text(&deleted_at).await;
    let form = undo(&deleted).unwrap_or_else(|| panic!("no undo form: {deleted}"));
    assert!(form.contains(r#"name="action" value="requeue""#), "{form}");
    // A notice whose decision no longer holds offers no undo: the
    // comment is back in the queue since.
    act(&app, id, "requeue").await;
    let stale = app.text(&deleted_at).await;
    assert!(stale.contains(&format!("Comment #{id} by")), "{stale}");
    assert!(undo(&stale).is_none(), "{stale}");

    // In Pashto.
    app.choose_admin_lang("ps").await;
    let ps = app.text(&act(&app, id, "approve").await).await;
    assert!(
        ps.contains(&format!("د <bdi>Reader</bdi> تبصره #{}", pashto(id))),
        "{ps}"
    );
    let form = undo(&ps).unwrap_or_else(|| panic!("no undo form: {ps}"));
    assert!(form.contains("بېرته ګرځول (کتار ته)"), "{form}");
}

/// A number in Dari and Pashto digits.
fn pashto(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|d| char::from_u32(0x06F0 + d.to_digit(10).unwrap()).unwrap())
        .collect()
}

/// On the bans page in Dari and Pashto, "IP" and "CIDR", which both take
/// from English as they are, are marked as English: in the field's label
/// and in why a ban was refused. Before, they stood unmarked in the
/// sentence.
#[tokio::test]
async fn ip_and_cidr_on_the_bans_page_are_marked_as_english() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let english = |text: &str| format!(r#"<span lang="en" dir="ltr">{text}</span>"#);
    for (lang, label, refused) in [
        (
            "fa",
            "نشانی ایمیل، نشانی {ip} یا شبکه ({cidr})",
            "نه نشانی {ip} یا شبکه",
        ),
        (
            "ps",
            "برېښنالیک، {ip} پته یا شبکه ({cidr})",
            "نه {ip} پته یا شبکه",
        ),
    ] {
        app.choose_admin_lang(lang).await;
        let marked = |s: &str| {
            s.replace("{ip}", &english("IP"))
                .replace("{cidr}", &english("CIDR"))
        };
        let page = app.text("/admin/bans").await;
        assert!(
            page.contains(&format!(
                r#"<label for="ban-target">{}</label>"#,
                marked(label)
            )),
            "{lang}: {page}"
        );
        let r = app
            .admin_post("/admin/bans", "/admin/bans", &[("target", "kabul")])
            .await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        assert!(page.contains(&marked(refused)), "{lang}: {page}");
        assert!(!page.contains(" IP "), "{lang}: an unmarked IP: {page}");
    }
}

/// A moderator about to ban a network that holds the address they are
/// connected from is warned first, and nothing is banned until they
/// confirm that very ban: once banned, every comment from there is
/// refused, theirs too. Before, it was banned at once, without a word.
#[tokio::test]
async fn banning_a_range_that_holds_ones_own_address_asks_first() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let ban = |fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move { app.admin_post("/admin/bans", "/admin/bans", &fields).await }
    };
    // This test's browser is 127.0.0.1.
    let r = ban(vec![("target", "127.0.0.0/8"), ("note", "spam wave")]).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(
            r#"<bdi dir="ltr">127.0.0.0/8</bdi> includes the address you are connected from now, <bdi dir="ltr">127.0.0.1</bdi>"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"<input type="hidden" name="confirmed" value="127.0.0.0/8">"#),
        "{page}"
    );
    assert!(page.contains("Ban it, my address too"), "{page}");
    assert!(
        page.contains(r#"name="note" maxlength="200" value="spam wave""#),
        "the note kept: {page}"
    );
    assert!(
        !app.text("/admin/bans").await.contains("127.0.0.0/8"),
        "nothing banned yet"
    );
    // Confirmed for another ban, it does not hold for this one.
    let r = ban(vec![("target", "127.0.0.1"), ("confirmed", "127.0.0.0/8")]).await;
    assert_eq!(r.status(), 409);
    // A ban that holds no address of theirs is done at once.
    assert_eq!(ban(vec![("target", "203.0.113.0/24")]).await.status(), 303);
    assert_eq!(
        ban(vec![("target", "spam@example.org")]).await.status(),
        303
    );
    // Confirmed, it is done.
    let r = ban(vec![
        ("target", "127.0.0.0/8"),
        ("confirmed", "127.0.0.0/8"),
    ])
    .await;
    assert_eq!(r.status(), 303);
    assert!(app.text("/admin/bans").await.contains("127.0.0.0/8"));

    app.choose_admin_lang("fa").await;
    let r = ban(vec![("target", "::ffff:127.0.0.1")]).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(r#"<bdi dir="ltr">127.0.0.1/32</bdi> نشانی‌ای را که اکنون از آن وصل هستید"#),
        "{page}"
    );
}

/// With nothing banned, the bans page says so in a sentence, in the
/// moderator's language, rather than show a table of headings only; the
/// first ban brings the table, and lifting it the sentence back.
#[tokio::test]
async fn the_bans_page_with_nothing_banned_says_so() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let none = [
        ("en", "No addresses are banned."),
        ("fa", "هیچ نشانی‌ای مسدود نیست."),
        ("ps", "پر هېڅ پتې بندیز نه دی لګېدلی."),
    ];
    for (lang, said) in none {
        app.choose_admin_lang(lang).await;
        let page = app.text("/admin/bans").await;
        assert!(page.contains(&format!("<p>{said}</p>")), "{lang}: {page}");
        assert!(
            !page.contains("<table"),
            "{lang}: a table of headings: {page}"
        );
    }
    let r = app
        .admin_post(
            "/admin/bans",
            "/admin/bans",
            &[("target", "203.0.113.0/24")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app.text("/admin/bans").await;
    assert!(page.contains("<table"), "{page}");
    assert!(!page.contains(none[2].1), "{page}");
    let id = attr(&page, "action=\"/admin/bans/", "action")
        .and_then(|a| a.strip_prefix("/admin/bans/").map(|s| s.to_string()))
        .expect("the ban's form");
    let id = id.trim_end_matches("/delete");
    let r = app
        .admin_post(
            "/admin/bans",
            &format!("/admin/bans/{id}/delete"),
            &[("target", "203.0.113.0/24")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app.text("/admin/bans").await;
    assert!(page.contains(none[2].1), "{page}");
    assert!(!page.contains("<table"), "{page}");
}

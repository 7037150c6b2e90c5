//! A state-changing request another site's page made the browser send is
//! refused (403) in the reader's language: the form's `lang`, else the
//! page's (its path, or the `?lang=` the form posts back to), else the
//! browser's `Accept-Language`; English only when nothing says otherwise.

use crate::helpers::{attr, TestApp};

/// The refusal's words in each language (`cross-site-refused`).
const REFUSED: [(&str, &str); 3] = [
    (
        "en",
        "This request came from a page on another site and was refused.",
    ),
    (
        "fa",
        "این درخواست از صفحه‌ای در سایت دیگری آمده بود و رد شد.",
    ),
    ("ps", "دا غوښتنه د بل سایټ له یوې پاڼې راغلې وه او رد شوه."),
];

/// Posts `fields` to `path` as another site's page would have the browser
/// do, with `accept` as the browser's `Accept-Language` if given.
async fn forged(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    accept: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}{path}", app.url))
        .header("sec-fetch-site", "cross-site")
        .form(fields);
    if let Some(accept) = accept {
        request = request.header("accept-language", accept);
    }
    request.send().await.unwrap()
}

/// Asserts a 403 whose page and words are in `lang`.
async fn refused_in(r: reqwest::Response, lang: &str, what: &str) {
    assert_eq!(r.status(), 403, "{what}");
    let page = r.text().await.unwrap();
    assert_eq!(
        attr(&page, "<html", "lang").as_deref(),
        Some(lang),
        "{what}: {page}"
    );
    let words = REFUSED.iter().find(|(l, _)| *l == lang).unwrap().1;
    assert!(page.contains(words), "{what}: {page}");
}

#[tokio::test]
async fn cross_site_refusals_are_in_the_readers_language() {
    let app = TestApp::spawn().await;
    for lang in ["fa", "ps"] {
        // The answer's Yes/No form says its page's language in `lang`.
        let vote = [("token", "x"), ("helpful", "no"), ("lang", lang)];
        let r = forged(&app, "/ask/feedback", &vote, None).await;
        refused_in(r, lang, &format!("feedback with lang={lang}")).await;
        // The form's language outweighs the browser's.
        let r = forged(&app, "/ask/feedback", &vote, Some("en")).await;
        refused_in(r, lang, &format!("feedback with lang={lang}, browser en")).await;
        // A form without one: the browser's language.
        let vote = [("token", "x"), ("helpful", "no")];
        let r = forged(&app, "/ask/feedback", &vote, Some(lang)).await;
        refused_in(r, lang, &format!("feedback, browser {lang}")).await;

        // The login page shown in a language posts back to `?lang=`.
        let login = [("username", "mod"), ("password", "x"), ("csrf", "x")];
        let path = format!("/admin/login?lang={lang}");
        let r = forged(&app, &path, &login, None).await;
        refused_in(r, lang, &format!("login at {path}")).await;
        let r = forged(&app, "/admin/login", &login, Some(lang)).await;
        refused_in(r, lang, &format!("login, browser {lang}")).await;
    }
    // Nothing says a language: English, as before.
    let vote = [("token", "x"), ("helpful", "no")];
    refused_in(
        forged(&app, "/ask/feedback", &vote, None).await,
        "en",
        "feedback",
    )
    .await;
    let login = [("username", "mod"), ("password", "x")];
    refused_in(
        forged(&app, "/admin/login", &login, None).await,
        "en",
        "login",
    )
    .await;
}

//! The editorial pages in the editor's language (issue 12, item 8): an
//! account's language chosen with a CSRF-protected form, kept across
//! logins and written to the decision log; Dari and Pashto pages
//! right-to-left with Solar Hijri dates; the login page in the browser's
//! language or the one asked for.

use askaf_content::calendar::{MONTHS_DARI, MONTHS_PASHTO};
use askaf_content::SolarDate;

use crate::dates::persian_digits;
use crate::helpers::{attr, TestApp, MOD_PASSWORD};

/// The `<html>` element's `lang` and `dir`.
fn html_lang_dir(page: &str) -> (String, String) {
    (
        attr(page, "<html", "lang").unwrap_or_default(),
        attr(page, "<html", "dir").unwrap_or_default(),
    )
}

fn heading(page: &str) -> &str {
    let start = page.find("<h1 id=\"page-title\">").expect("a heading") + 20;
    let end = start + page[start..].find("</h1>").unwrap();
    &page[start..end]
}

/// The first article's day in the list (its `<time datetime>`), as the list
/// shows it, and as a Solar Hijri date with `months` should read.
fn first_day(page: &str, months: &[&str; 12]) -> (String, String) {
    let iso = attr(page, "<time datetime", "datetime").expect("an article with its day");
    let at = page.find(&format!("<time datetime=\"{iso}\">")).unwrap();
    let shown = &page[at..];
    let shown = shown[shown.find('>').unwrap() + 1..shown.find("</time>").unwrap()].to_string();
    let day: chrono::NaiveDate = iso.parse().unwrap();
    let s = SolarDate::from_gregorian(day).unwrap();
    let want = persian_digits(&format!(
        "{} {} {}",
        s.day(),
        months[s.month() as usize - 1],
        s.year()
    ));
    (shown, want)
}

async fn choose(app: &TestApp, lang: &str) -> reqwest::Response {
    app.admin_post(
        "/admin/account",
        "/admin/language",
        &[("lang", lang), ("back", "/admin/articles")],
    )
    .await
}

#[tokio::test]
async fn an_editor_chooses_dari_or_pashto_and_keeps_it_across_logins() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let list = app.text("/admin/articles").await;
    assert_eq!(html_lang_dir(&list), ("en".into(), "ltr".into()));
    assert_eq!(heading(&list), "Articles");

    // The choice is a form like the others: refused from another site.
    let (csrf, _) = app.form_tokens("/admin/account").await;
    let forged = app
        .client
        .post(format!("{}/admin/language", app.url))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", csrf.as_str()), ("lang", "fa")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(html_lang_dir(&app.text("/admin/articles").await).0, "en");

    let r = choose(&app, "fa").await;
    assert_eq!(r.status(), 303);
    assert_eq!(TestApp::location(&r), "/admin/articles");
    let list = app.text("/admin/articles").await;
    assert_eq!(html_lang_dir(&list), ("fa".into(), "rtl".into()));
    assert_eq!(heading(&list), "مقاله‌ها");
    assert!(list.contains("<th scope=\"col\">وضعیت</th>"), "{list}");
    let (shown, want) = first_day(&list, &MONTHS_DARI);
    assert_eq!(shown, want);

    // An English article's body is written left to right on a Dari page.
    let editor = app
        .text("/admin/articles/en/who-governs-afghanistan/edit")
        .await;
    assert_eq!(html_lang_dir(&editor).1, "rtl");
    assert!(
        editor
            .contains("<textarea id=\"ed-body\" name=\"body\" rows=\"24\" lang=\"en\" dir=\"ltr\""),
        "{editor}"
    );
    assert!(
        editor.contains("هجری شمسی"),
        "the date field says Solar Hijri dates are taken"
    );
    // What the script says of unsent text, in Dari, its time in the Afghan calendar.
    assert!(
        editor.contains("data-draft-restore=\"بازگرداندن آن\"")
            && editor.contains("data-draft-locale=\"fa-AF-u-ca-persian\""),
        "{editor}"
    );

    // A problem is framed in Dari, next to its field, in `askaf check`'s
    // words (English, marked so); the count in Dari, with Persian digits.
    let new = crate::editor::NEW;
    let form = crate::editor::fields("dari-frame-test", "A body.", &[("title", "")]);
    let r = crate::editor::post(&app, new, new, "draft", form).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<li>این خانه مشکلی دارد: <span lang=\"en\" dir=\"ltr\">missing field `title`</span></li>"),
        "{page}"
    );
    assert!(page.contains("ذخیره نشد: ۱ مشکل"), "{page}");

    // The account keeps its language: a new login is in Dari.
    let (csrf, _) = app.form_tokens("/admin").await;
    let out = app.post_form("/admin/logout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status(), 303);
    app.login("ed", MOD_PASSWORD).await;
    assert_eq!(html_lang_dir(&app.text("/admin").await).0, "fa");

    let r = choose(&app, "ps").await;
    assert_eq!(r.status(), 303);
    let list = app.text("/admin/articles").await;
    assert_eq!(html_lang_dir(&list), ("ps".into(), "rtl".into()));
    assert_eq!(heading(&list), "مقالې");
    let (shown, want) = first_day(&list, &MONTHS_PASHTO);
    assert_eq!(shown, want);
    let account = app.text("/admin/account").await;
    assert_eq!(heading(&account), "ستاسو حساب");

    // Not a language: refused, and the account keeps its own.
    assert_eq!(choose(&app, "de").await.status(), 400);
    assert_eq!(html_lang_dir(&app.text("/admin").await).0, "ps");

    // Every choice went to the decision log, with who made it and from what
    // to what; the refused one did not. The log names the action in the
    // reader's language.
    app.login("mod", MOD_PASSWORD).await;
    let log = app.text("/admin/log").await;
    assert_eq!(
        log.matches("interface language changed").count(),
        2,
        "{log}"
    );
    assert!(
        log.contains("ed: en to fa") && log.contains("ed: fa to ps"),
        "{log}"
    );
    assert!(!log.contains("to de"), "{log}");
    assert_eq!(choose(&app, "fa").await.status(), 303);
    let log = app.text("/admin/log").await;
    assert_eq!(log.matches("زبان صفحه‌ها تغییر کرد").count(), 3, "{log}");
    assert!(log.contains("mod: en to fa"), "{log}");
}

#[tokio::test]
async fn the_login_page_speaks_the_browsers_language_or_the_one_asked_for() {
    let app = TestApp::spawn_for_comments(&[]);
    let login = |accept: &'static str, path: &'static str| {
        let req = app
            .client
            .get(format!("{}{path}", app.url))
            .header("accept-language", accept);
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let fa = login("fa-AF,fa;q=0.9,en;q=0.5", "/admin/login").await;
    assert_eq!(html_lang_dir(&fa), ("fa".into(), "rtl".into()));
    assert_eq!(heading(&fa), "ورود");
    let ps = login("ps", "/admin/login").await;
    assert_eq!(html_lang_dir(&ps), ("ps".into(), "rtl".into()));
    assert_eq!(heading(&ps), "ننوتل");
    let en = login("de-DE,de;q=0.9", "/admin/login").await;
    assert_eq!(html_lang_dir(&en), ("en".into(), "ltr".into()));
    assert_eq!(heading(&en), "Log in");
    let asked = login("fa", "/admin/login?lang=ps").await;
    assert_eq!(html_lang_dir(&asked).0, "ps");
    // The header's language links open the login page in each language.
    assert!(asked.contains("href=\"/admin/login?lang=fa\""), "{asked}");

    // A refused login answers in the language the form was shown in.
    let (csrf, _) = app.form_tokens("/admin/login?lang=fa").await;
    let r = app
        .post_form(
            "/admin/login?lang=fa",
            &[
                ("username", "ed"),
                ("password", "wrong password!"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(r.status(), 401);
    let page = r.text().await.unwrap();
    assert_eq!(html_lang_dir(&page).0, "fa");
    assert!(page.contains("نام کاربری یا رمز عبور درست نیست."), "{page}");

    // Logged in, the account's language decides, whatever the browser prefers.
    app.login("mod", MOD_PASSWORD).await;
    let dashboard = login("ps", "/admin").await;
    assert_eq!(html_lang_dir(&dashboard).0, "en");
    assert_eq!(heading(&dashboard), "Editorial");
}

//! The editorial pages in the editor's language (issue 12, item 8): an
//! account's language chosen with a CSRF-protected form, kept across
//! logins and written to the decision log; Dari and Pashto pages
//! right-to-left with Solar Hijri dates; the login page in the browser's
//! language or the one asked for.

use askaf_content::calendar::{MONTHS_DARI, MONTHS_PASHTO};
use askaf_content::SolarDate;

use crate::dates::persian_digits;
use crate::helpers::{add_user, attr, command_line_said, TestApp, MOD_PASSWORD};

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
    // What the script says of unsent text, in Dari, its time written as
    // the server writes one: Kabul's, Afghanistan's month names, Persian digits.
    assert!(
        editor.contains("data-draft-restore=\"بازگرداندن آن\"")
            && editor.contains("data-draft-moment=\"{day}، {time} (به وقت کابل)\"")
            && editor.contains("data-digits=\"۰۱۲۳۴۵۶۷۸۹\"")
            && editor.contains("data-solar-months=\"حمل|ثور|"),
        "{editor}"
    );

    // Each problem is shown next to its field in Dari, the rule `askaf
    // check` names said in Dari (the field by its name on the form, without
    // the front matter key a content file would have, the month by its
    // Afghan name, Persian digits), not in English; the count in Dari too.
    let new = crate::editor::NEW;
    let form = crate::editor::fields(
        "dari-problems-test",
        "A body.",
        &[("title", ""), ("updated", "1404-07-31")],
    );
    let r = crate::editor::post(&app, new, new, "draft", form).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    let field_problems = |field: &str| {
        let at = page
            .find(&format!("<ul class=\"field-errors\" id=\"err-{field}\">"))
            .unwrap_or_else(|| panic!("no problem next to `{field}`: {page}"));
        let list = &page[at..];
        list[..list.find("</ul>").unwrap()].to_string()
    };
    assert!(
        field_problems("title").ends_with("<li>خانهٔ «عنوان» نوشته نشده است</li>"),
        "{}",
        field_problems("title")
    );
    assert!(
        field_problems("updated").ends_with(
            "<li>«تاریخ به‌روز شدن»: «<bdi>1404-07-31</bdi>» تاریخ هجری شمسی نیست: ماه میزان سال ۱۴۰۴ ۳۰ روز دارد، نه ۳۱</li>"
        ),
        "{}",
        field_problems("updated")
    );
    for english in ["missing field", "not a Solar Hijri date", "Mizan"] {
        assert!(!page.contains(english), "`{english}` in English: {page}");
    }
    assert!(page.contains("ذخیره نشد: ۲ مشکل"), "{page}");

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
    // And the problems in Pashto.
    let form = crate::editor::fields("pashto-problems-test", "A body.", &[("title", "")]);
    let r = crate::editor::post(&app, new, new, "draft", form).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("id=\"err-title\"><li>«سرلیک» نه دی لیکل شوی</li>"),
        "{page}"
    );
    assert!(!page.contains("missing field"), "{page}");

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
        log.contains("<bdi>ed</bdi>: English to Dari")
            && log.contains("<bdi>ed</bdi>: Dari to Pashto"),
        "{log}"
    );
    assert!(!log.contains("to de"), "{log}");
    assert_eq!(choose(&app, "fa").await.status(), 303);
    let log = app.text("/admin/log").await;
    assert_eq!(log.matches("زبان صفحه‌ها تغییر کرد").count(), 3, "{log}");
    assert!(log.contains("<bdi>mod</bdi>: از انگلیسی به دری"), "{log}");
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

/// A browser of its own that prefers `accept` (its `Accept-Language`).
fn browser_in(accept: &str) -> reqwest::Client {
    TestApp::client_with("accept-language", accept)
}

/// Signs `name` in from `browser` on the login page at `login` (as that
/// browser is shown it), and returns the dashboard it then sees.
async fn sign_in_from(app: &TestApp, browser: &reqwest::Client, login: &str, name: &str) -> String {
    let get = |path: String| browser.get(format!("{}{path}", app.url)).send();
    let page = get(login.to_string()).await.unwrap().text().await.unwrap();
    let csrf = attr(&page, "<input type=\"hidden\" name=\"csrf\"", "value").unwrap();
    let r = browser
        .post(format!("{}{login}", app.url))
        .form(&[
            ("username", name),
            ("password", MOD_PASSWORD),
            ("csrf", &csrf),
            ("next", "/admin"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{name}: {}", r.text().await.unwrap());
    get("/admin".into()).await.unwrap().text().await.unwrap()
}

/// A new account's first sign-in takes the language of the login page it
/// signed in on (the browser's, or the one asked for) as its own: a Pashto
/// moderator who signed in on a Pashto login page was answered in English
/// until 6 December, and had to find the buttons that change it. After
/// that, or once a language is chosen, the account keeps its own.
#[tokio::test]
async fn a_new_accounts_first_sign_in_keeps_the_login_pages_language() {
    let app = TestApp::spawn_for_comments(&[]);
    let dashboard = sign_in_from(&app, &browser_in("ps,en;q=0.5"), "/admin/login", "mod").await;
    assert_eq!(html_lang_dir(&dashboard), ("ps".into(), "rtl".into()));
    assert_eq!(heading(&dashboard), "اېډیټ");
    // Kept: from an English browser, and on an English login page, Pashto.
    let english = browser_in("en-GB,en;q=0.9");
    let dashboard = sign_in_from(&app, &english, "/admin/login", "mod").await;
    assert_eq!(html_lang_dir(&dashboard).0, "ps");

    // A login page asked for in Dari, from an English browser: Dari.
    let dashboard = sign_in_from(&app, &browser_in("en"), "/admin/login?lang=fa", "ed").await;
    assert_eq!(html_lang_dir(&dashboard), ("fa".into(), "rtl".into()));
    // One chosen on the account page stays too; a browser that says no
    // language of the three, signing in on a page in another staff
    // member's language, gives an account none (English, not chosen).
    app.login("ed", MOD_PASSWORD).await;
    assert_eq!(choose(&app, "en").await.status(), 303);
    let dashboard = sign_in_from(&app, &browser_in("ps"), "/admin/login", "ed").await;
    assert_eq!(html_lang_dir(&dashboard).0, "en");
    let shared = browser_in("de");
    sign_in_from(&app, &shared, "/admin/login", "mod").await;
    add_user(&app.data_dir, "root", "admin", MOD_PASSWORD);
    let dashboard = sign_in_from(&app, &shared, "/admin/login", "root").await;
    assert_eq!(html_lang_dir(&dashboard).0, "en");
    // So its first sign-in from a Dari browser still gives it Dari.
    let dashboard = sign_in_from(&app, &browser_in("fa"), "/admin/login", "root").await;
    assert_eq!(html_lang_dir(&dashboard).0, "fa");
}

/// Signing out says so on the login page it lands on, in the language of the
/// pages signed out of: before, that page read as if the session had simply
/// lapsed, and a Pashto editor could not tell the button had done anything.
#[tokio::test]
async fn signing_out_says_so_in_the_editors_language() {
    let app = TestApp::spawn_for_comments(&[]);
    for (lang, heading_there, said) in [
        ("en", "Log in", "You have logged out."),
        ("fa", "ورود", "از حساب خود خارج شدید."),
        ("ps", "ننوتل", "تاسو له خپل حساب څخه ووتلئ."),
    ] {
        app.login("ed", MOD_PASSWORD).await;
        app.choose_admin_lang(lang).await;
        let r = app.admin_post("/admin", "/admin/logout", &[]).await;
        assert_eq!(r.status(), 303);
        let page = app.text(&TestApp::location(&r)).await;
        assert_eq!(html_lang_dir(&page).0, lang);
        assert_eq!(heading(&page), heading_there);
        let notice = format!("<p class=\"notice\" role=\"status\">{said}</p>");
        assert!(page.contains(&notice), "{lang}: {page}");
        assert_eq!(app.get("/admin").await.status(), 303, "{lang}: signed out");
    }
    // The login page says it only after signing out, and says no other notice.
    for path in ["/admin/login", "/admin/login?notice=published"] {
        let page = app.text(path).await;
        assert!(!page.contains("class=\"notice\""), "{path}: {page}");
    }
}

/// The decision log names a command run on the server (`askaf user`, which
/// made the accounts) in the moderator's language, the command as typed:
/// the Dari and Pashto logs said `askaf user (command line)`, in English.
#[tokio::test]
async fn a_command_run_on_the_server_is_named_in_the_moderators_language() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    // The command as typed, marked as English.
    for (lang, said) in command_line_said("askaf user") {
        app.choose_admin_lang(lang).await;
        let log = app.text("/admin/log").await;
        // The last of its cell, after the label a phone shows.
        assert_eq!(
            log.matches(&format!("{said}</td>")).count(),
            2,
            "{lang}: {log}"
        );
        if lang != "en" {
            assert!(!log.contains("command line"), "{lang}: {log}");
        }
    }
}

/// A ban's error names what was typed as the rest of the editorial pages
/// name typed values: quoted, escaped, and isolated in a `<bdi>` of its
/// own, so that a Latin address keeps its order in a Dari sentence; not in
/// backticks.
#[tokio::test]
async fn a_ban_error_isolates_the_value_typed() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let ban = |target: &'static str| {
        let app = &app;
        async move {
            let r = app
                .admin_post("/admin/bans", "/admin/bans", &[("target", target)])
                .await;
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let errors = |page: &str| {
        let at = page.find("<div class=\"form-errors\"").expect("an error");
        page[at..at + page[at..].find("</div>").unwrap()].to_string()
    };
    let (status, page) = ban("not an address").await;
    assert_eq!(status, 400);
    let said = errors(&page);
    assert!(
        said.contains("“<bdi>not an address</bdi>” is neither an email address"),
        "{said}"
    );
    assert!(!said.contains('`'), "{said}");
    let (_, page) = ban("<b>x</b>@").await;
    assert!(
        errors(&page).contains("“<bdi>&lt;b&gt;x&lt;/b&gt;@</bdi>” is not an email address."),
        "{}",
        errors(&page)
    );
    let (_, page) = ban("203.0.113.0/99").await;
    assert!(
        errors(&page).contains("“<bdi>203.0.113.0/99</bdi>” is not a network"),
        "{}",
        errors(&page)
    );
    assert_eq!(ban("198.51.100.0/24").await.0, 303);
    let (status, page) = ban("198.51.100.0/24").await;
    assert_eq!(status, 409);
    assert!(
        errors(&page).contains("<bdi>198.51.100.0/24</bdi> is banned already."),
        "{}",
        errors(&page)
    );

    assert_eq!(choose(&app, "fa").await.status(), 303);
    let (_, page) = ban("kabul city").await;
    assert!(
        errors(&page).contains("«<bdi>kabul city</bdi>» نه نشانی ایمیل است"),
        "{}",
        errors(&page)
    );
}

/// The example addresses of a ban's errors are isolated left to right in
/// a Dari or Pashto sentence, so that 2001:db8::/32 is not shown as
/// "db8::/32:2001"; in English too, where it changes nothing.
#[tokio::test]
async fn a_ban_errors_examples_keep_their_order_in_dari_and_pashto() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let errors = |page: String| {
        let at = page.find("<div class=\"form-errors\"").expect("an error");
        page[at..at + page[at..].find("</div>").unwrap()].to_string()
    };
    for lang in ["fa", "ps", "en"] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        for (target, examples) in [
            ("", &["203.0.113.0/24"][..]),
            ("203.0.113.0/99", &["203.0.113.0/24", "2001:db8::/32"]),
            ("kabul", &["203.0.113.7", "203.0.113.0/24", "2001:db8::/32"]),
        ] {
            let r = app
                .admin_post("/admin/bans", "/admin/bans", &[("target", target)])
                .await;
            assert_eq!(r.status(), 400, "{lang} {target}");
            let said = errors(r.text().await.unwrap());
            for example in examples {
                let isolated = format!("<bdi dir=\"ltr\">{example}</bdi>");
                assert!(
                    said.contains(&isolated),
                    "{lang} {target}: {isolated}: {said}"
                );
            }
        }
    }
}

/// The errors a page lists from `start` on (its `<ul>` or `<div>`).
fn errors(page: &str, start: &str) -> String {
    let at = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start}: {page}"));
    let end = page[at..]
        .find("</ul>")
        .or(page[at..].find("</div>"))
        .unwrap();
    page[at..at + end].to_string()
}

/// The form that adds an account, sent with `name` and `role` and a
/// good password, by the administrator signed in.
async fn add_account(app: &TestApp, name: &str, role: &str) -> reqwest::Response {
    app.admin_post(
        "/admin/users",
        "/admin/users",
        &[
            ("username", name),
            ("role", role),
            ("password", "a passphrase long enough"),
            ("confirm", "a passphrase long enough"),
        ],
    )
    .await
}

/// A typed username, schedule date or time named in the error it gets
/// is quoted, escaped and isolated in a `<bdi>`, as a ban's value is, not
/// in backticks: in English and Dari (Pashto in
/// `the_editorial_messages_are_in_the_editors_language`).
#[tokio::test]
async fn a_typed_username_date_or_time_is_isolated_in_its_error() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_path_buf();
    add_user(&dir, "root", "admin", MOD_PASSWORD);
    let app = TestApp::spawn_with(&dir, &[], Some(data));
    app.login("root", MOD_PASSWORD).await;
    let create = |name: &'static str| {
        let app = &app;
        async move {
            let r = add_account(app, name, "editor").await;
            assert_eq!(r.status(), 422, "{name}");
            errors(&r.text().await.unwrap(), "<div class=\"form-errors\"")
        }
    };
    for (name, want) in [
        (
            "x",
            "A username must be 2 to 40 characters long; “<bdi>x</bdi>” has 1.",
        ),
        (
            "<b>",
            "; “<bdi>&lt;b&gt;</bdi>” contains “<bdi>&lt;</bdi>”.",
        ),
        (
            "-ab",
            "A username must start with a letter or digit; “<bdi>-ab</bdi>” does not.",
        ),
    ] {
        let said = create(name).await;
        assert!(said.contains(want), "{name}: {said}");
        assert!(!said.contains('`'), "{name}: {said}");
    }

    let new = crate::editor::NEW;
    let schedule = |date: &'static str, time: &'static str| {
        let app = &app;
        async move {
            let fields = crate::editor::fields(
                "typed-date-test",
                "A body.",
                &[("publish_date", date), ("publish_time", time)],
            );
            let r = crate::editor::post(app, new, new, "schedule", fields).await;
            assert_eq!(r.status(), 422, "{date} {time}");
            errors(
                &r.text().await.unwrap(),
                "<ul class=\"field-errors\" id=\"err-publish\"",
            )
        }
    };
    let said = schedule("<i>soon</i>", "09:00").await;
    assert!(
        said.contains("“<bdi>&lt;i&gt;soon&lt;/i&gt;</bdi>” is not a date: write it as YYYY-MM-DD"),
        "{said}"
    );
    let said = schedule("2999-01-01", "nine").await;
    assert!(
        said.contains("“<bdi>nine</bdi>” is not a time of day: write it as 09:30."),
        "{said}"
    );
    assert_eq!(choose(&app, "fa").await.status(), 303);
    let said = schedule("next week", "09:00").await;
    assert!(said.contains("«<bdi>next week</bdi>» تاریخ نیست"), "{said}");
    let said = create("x").await;
    assert!(said.contains("«<bdi>x</bdi>» ۱ حرف دارد."), "{said}");
}

/// A role there is not, on the form that adds an account or on the one
/// that changes a role, is said in the administrator's language with the
/// name as typed quoted in a `<bdi>`, not in askaf-auth's English; and a
/// comment's address that holds no number is said the same way on its
/// error page, in all three languages.
#[tokio::test]
async fn a_wrong_role_or_comment_number_is_said_in_the_admins_language() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_path_buf();
    add_user(&dir, "root", "admin", MOD_PASSWORD);
    add_user(&dir, "farida", "editor", MOD_PASSWORD);
    let app = TestApp::spawn_with(&dir, &[], Some(data));
    app.login("root", MOD_PASSWORD).await;
    let form_error = |page: &str| errors(page, "<div class=\"form-errors\"");
    let wrong_role = |role: &'static str| {
        let app = &app;
        async move {
            let create = add_account(app, "newcomer", role).await;
            assert_eq!(create.status(), 422, "{role}");
            let create = form_error(&create.text().await.unwrap());
            let change = app
                .admin_post(
                    "/admin/users",
                    "/admin/users/farida",
                    &[("action", "role"), ("role", role)],
                )
                .await;
            assert_eq!(change.status(), 422, "{role}");
            let change = form_error(&change.text().await.unwrap());
            (create, change)
        }
    };
    let not_a_number = |id: &'static str| {
        let app = &app;
        async move {
            let r = app
                .admin_post(
                    "/admin/comments",
                    &format!("/admin/comments/{id}"),
                    &[("action", "approve")],
                )
                .await;
            assert_eq!(r.status(), 400, "{id}");
            let page = r.text().await.unwrap();
            let at = page.find("<div class=\"error-page\">").unwrap();
            page[at..].to_string()
        }
    };
    let cases = [
        (
            "en",
            "“<bdi>wizard</bdi>” is not a role: choose one of author, moderator, editor, admin.",
            "“<bdi>&lt;b&gt;</bdi>” is not a role",
            "“<bdi>abc</bdi>” is not a number",
        ),
        (
            "fa",
            "«<bdi>wizard</bdi>» نقش نیست: یکی از این‌ها را برگزینید: نویسنده، ناظر، ویراستار، مدیر.",
            "«<bdi>&lt;b&gt;</bdi>» نقش نیست",
            "«<bdi>abc</bdi>» شماره نیست",
        ),
        (
            "ps",
            "«<bdi>wizard</bdi>» رول نه دی: له دې یو وټاکئ: لیکوال، څارونکی، اېډیټر، مدیر.",
            "«<bdi>&lt;b&gt;</bdi>» رول نه دی",
            "«<bdi>abc</bdi>» شمېره نه ده",
        ),
    ];
    for (lang, role, escaped, number) in cases {
        if lang != "en" {
            assert_eq!(choose(&app, lang).await.status(), 303);
        }
        let (create, change) = wrong_role("wizard").await;
        for said in [&create, &change] {
            assert!(said.contains(role), "{lang}: {said}");
            assert!(!said.contains("unknown role"), "{lang}: {said}");
        }
        let (create, change) = wrong_role("<b>").await;
        assert!(create.contains(escaped), "{lang}: {create}");
        assert!(change.contains(escaped), "{lang}: {change}");
        let said = not_a_number("abc").await;
        assert!(said.contains(number), "{lang}: {said}");
        assert!(!said.contains('`'), "{lang}: {said}");
    }
}

/// The editor's save errors from content checking name the slug, topic,
/// address or date as typed quoted in a `<bdi>`, in all three languages,
/// not in the backticks of `askaf check`'s text (which keeps them); and
/// the field by the form's name for it, not by its front matter key, which
/// means nothing in the browser (`askaf check` names it, for the file), and
/// a slug as the form calls it, a web address, its label said once (until
/// 7 December Dari and Pashto said it before the problem that names it).
#[tokio::test]
async fn a_checked_value_typed_in_the_editor_is_isolated_in_its_error() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    let save = || {
        let app = &app;
        async move {
            let fields = crate::editor::fields(
                "Bad Slug",
                "A body.",
                &[
                    ("tags", "water, Bad <Tag>"),
                    ("published", "2026-02-30"),
                    ("source_url_0", "no <url>"),
                    ("translated_from_lang", "fa"),
                ],
            );
            let r = crate::editor::post(app, new, new, "draft", fields).await;
            assert_eq!(r.status(), 422);
            let page = r.text().await.unwrap();
            let lists: Vec<&str> = page
                .split("<ul class=\"field-errors\"")
                .skip(1)
                .map(|l| &l[..l.find("</ul>").unwrap()])
                .collect();
            lists.join("\n")
        }
    };
    let cases = [
        (
            "en",
            [
                "<li>“<bdi>Bad Slug</bdi>” cannot be a web address: use only lowercase",
                "tag: “<bdi>Bad &lt;Tag&gt;</bdi>” cannot be a web address: use only lowercase",
                "field “Published”: “<bdi>2026-02-30</bdi>” is not a date: February 2026 has 28 days, not 30",
                "source 1: the URL must be an http(s) address without spaces, not “<bdi>no &lt;url&gt;</bdi>”",
                "Translated from: the revision of the original, the one the translation was made from, is missing",
            ],
        ),
        (
            "fa",
            [
                "<li>نشانی کوتاه «<bdi>Bad Slug</bdi>» درست نیست",
                "نشانی کوتاه «<bdi>Bad &lt;Tag&gt;</bdi>» درست نیست",
                "«<bdi>2026-02-30</bdi>» ",
                "نه «<bdi>no &lt;url&gt;</bdi>»",
                "ترجمه شده از: نسخهٔ اصل، که ترجمه از آن ساخته شد، نوشته نشده است",
            ],
        ),
        (
            "ps",
            [
                "<li>لنډه پته «<bdi>Bad Slug</bdi>» سمه نه ده",
                "لنډه پته «<bdi>Bad &lt;Tag&gt;</bdi>» سمه نه ده",
                "«<bdi>2026-02-30</bdi>» ",
                "نه «<bdi>no &lt;url&gt;</bdi>»",
                "له دې ژباړل شوې: د اصل ګڼه، چې ژباړه ترې جوړه شوه، نه ده لیکل شوې",
            ],
        ),
    ];
    for (lang, wants) in cases {
        if lang != "en" {
            assert_eq!(choose(&app, lang).await.status(), 303);
        }
        let said = save().await;
        for want in wants {
            assert!(said.contains(want), "{lang}: `{want}` not in: {said}");
        }
        for value in ["Bad Slug", "2026-02-30", "no &lt;url&gt;"] {
            assert!(!said.contains(&format!("`{value}`")), "{lang}: {said}");
        }
        for key in ["slug", "published", "url", "revision", "translations"] {
            assert!(!said.contains(&format!("`{key}`")), "{lang}: {said}");
        }
        assert!(!said.contains("translated_from:"), "{lang}: {said}");
        // The form calls it a web address; "slug" is `askaf check`'s word
        // (until 6 December the English editor said "invalid slug").
        assert_eq!(
            said.matches("slug").count(),
            said.matches("\"err-slug\"").count(),
            "{lang}: {said}"
        );
    }
}

/// A date the editor cannot read (the Published field, a source's
/// accessed date) is answered with the forms the field takes, as the
/// schedule's date is: Solar Hijri (`YYYY-MM-DD` in either calendar,
/// `۵ قوس ۱۴۰۵`) as well as Gregorian, in the page's language and digits,
/// what was typed kept.
/// Until 7 December it said only "not a date in the form YYYY-MM-DD",
/// which told a Dari or Pashto editor, whose label offers the Solar Hijri
/// forms, that they were not taken.
#[tokio::test]
async fn a_date_the_editor_cannot_read_is_answered_with_the_forms_it_takes() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    for (lang, typed, wants) in [
        (
            "en",
            "yesterday",
            [
                "1405-09-05",
                "5 Qaws 1405",
                "26 November 2026",
                "YYYY-MM-DD",
            ],
        ),
        (
            "fa",
            "دیروز",
            ["هجری شمسی", "۵ قوس ۱۴۰۵", "۲۶ نومبر ۲۰۲۶", "YYYY-MM-DD"],
        ),
        (
            "ps",
            "پرون",
            ["لمریزه هجري", "۵ لیندۍ ۱۴۰۵", "۲۶ نومبر ۲۰۲۶", "YYYY-MM-DD"],
        ),
    ] {
        if lang != "en" {
            assert_eq!(choose(&app, lang).await.status(), 303);
        }
        let fields = crate::editor::fields(
            "a-date-not-read",
            "A body.",
            &[("published", typed), ("source_accessed_0", typed)],
        );
        let r = crate::editor::post(&app, new, new, "draft", fields).await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        let said: Vec<&str> = page
            .split("<ul class=\"field-errors\"")
            .skip(1)
            .map(|l| &l[..l.find("</ul>").unwrap()])
            .filter(|l| l.contains(typed))
            .collect();
        assert_eq!(
            said.len(),
            2,
            "{lang}: the published and the accessed date: {said:?}"
        );
        for problem in said {
            for want in wants {
                assert!(problem.contains(want), "{lang}: `{want}` not in: {problem}");
            }
        }
        assert!(
            page.contains(&format!("value=\"{typed}\"")),
            "{lang}: the date typed is kept"
        );
    }
}

/// Posts a new article's form in `lang` with every date field (published,
/// updated, a source's accessed) as `typed`, for a preview, and asserts that
/// it is read as the Gregorian day `read`, with no problem.
async fn the_editor_reads(app: &TestApp, lang: &str, typed: &str, read: &str) {
    assert_eq!(choose(app, lang).await.status(), 303);
    let new = crate::editor::NEW;
    let fields = crate::editor::fields(
        "a-date-read",
        "A body.",
        &[
            ("lang", lang),
            ("published", typed),
            ("updated", typed),
            ("source_accessed_0", typed),
        ],
    );
    let r = crate::editor::post(app, new, new, "preview", fields).await;
    assert_eq!(r.status(), 200, "{lang}: {typed}");
    let page = r.text().await.unwrap();
    if let Some(at) = page.find("<ul class=\"field-errors\"") {
        let end = page[at..].find("</ul>").map_or(page.len(), |e| at + e);
        panic!("{lang}: `{typed}` refused: {}", &page[at..end]);
    }
    assert!(
        page.contains(&format!("<time datetime=\"{read}\"")),
        "{lang}: `{typed}` is read as {read}"
    );
}

/// A date typed as Dari and Pashto pages write the Gregorian day beside
/// the Solar Hijri one, by its month's Dari or Pashto name (`۷ دسمبر
/// ۲۰۲۶`, and Pashto's own spellings, `جنوري`, `اګست`), is read. Until 7
/// December it was refused as "not a date", though the page it was copied
/// from wrote it so, and the message asked for "day, month and year".
#[tokio::test]
async fn a_gregorian_day_written_as_dari_and_pashto_pages_write_it_is_read() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    for (lang, typed, read) in [
        ("fa", "۷ دسمبر ۲۰۲۶", "2026-12-07"),
        ("fa", "۲۰ جولای ۲۰۲۵", "2025-07-20"),
        ("ps", "۵ جنوري ۲۰۲۶", "2026-01-05"),
        ("ps", "۱۲ اګست ۲۰۲۵", "2025-08-12"),
    ] {
        the_editor_reads(&app, lang, typed, read).await;
    }
}

/// A date of numbers whose month or day has one digit (`۱۴۰۵/۹/۱۶`, as
/// Afghans commonly write one) is read as the same date padded. Until 7
/// December it was refused, two digits asked for.
#[tokio::test]
async fn a_date_with_its_month_and_day_unpadded_is_read() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    for (lang, typed, read) in [
        ("fa", "۱۴۰۵/۹/۱۶", "2026-12-07"),
        ("ps", "1405-9-6", "2026-11-27"),
        ("en", "2026-1-5", "2026-01-05"),
    ] {
        the_editor_reads(&app, lang, typed, read).await;
    }
}

/// A date as Afghan and Iranian journalists write it, its calendar named
/// after the year (`۱۴۰۵ هـ ش`, Pashto's `۱۴۰۵ ل` for لمریز, `۲۰۲۶ م` for
/// میلادی, `ز` for زېږدیز), an Iranian month with `ماه` (`آذرماه`, `آذر
/// ماه`), or a Gregorian month by its Iranian name (`دسامبر`, `ژوئیه`, as
/// Iranian and many Dari sources write it) is read. Until 7 December each
/// was refused as "not a date", though copied from a source as it stood.
/// A calendar named that is not the year's is still refused.
#[tokio::test]
async fn a_date_marked_with_its_calendar_or_named_as_iran_names_months_is_read() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    for (lang, typed, read) in [
        ("fa", "۱۵ قوس ۱۴۰۵ هـ ش", "2026-12-06"),
        ("fa", "۱۴۰۵/۹/۱۶ ه.ش", "2026-12-07"),
        ("fa", "۱۶ قوس ۱۴۰۵ هجری شمسی", "2026-12-07"),
        ("fa", "۱۶ آذرماه ۱۴۰۵", "2026-12-07"),
        ("fa", "۱۶ آذر ماه ۱۴۰۵", "2026-12-07"),
        ("fa", "۷ دسامبر ۲۰۲۶", "2026-12-07"),
        ("fa", "۲۰ ژوئیه ۲۰۲۵", "2025-07-20"),
        ("fa", "۷ دسمبر ۲۰۲۶ م", "2026-12-07"),
        ("fa", "۷ دسمبر ۲۰۲۶ میلادی", "2026-12-07"),
        ("ps", "۱۶ لیندۍ ۱۴۰۵ ل", "2026-12-07"),
        ("ps", "۱۴۰۵-۰۹-۱۶ لمریز", "2026-12-07"),
        ("ps", "۷ دسمبر ۲۰۲۶ ز", "2026-12-07"),
        ("en", "16 Qaws 1405 SH", "2026-12-07"),
        ("en", "7 December 2026 CE", "2026-12-07"),
    ] {
        the_editor_reads(&app, lang, typed, read).await;
    }
    // A Gregorian year marked Solar Hijri, or the reverse, is no date.
    for typed in ["۷ دسمبر ۲۰۲۶ هـ ش", "۱۴۰۵-۰۹-۱۶ م"] {
        let fields = crate::editor::fields(
            "a-date-read",
            "A body.",
            &[("lang", "fa"), ("published", typed)],
        );
        let new = crate::editor::NEW;
        let r = crate::editor::post(&app, new, new, "preview", fields).await;
        let page = r.text().await.unwrap();
        assert!(
            page.contains("id=\"err-published\""),
            "`{typed}` is refused"
        );
    }
}

/// A Gregorian day its month lacks (`2026-02-30`, `31 نومبر ۲۰۲۶`) is
/// refused saying how many days the month has, in each language, as a
/// Solar Hijri one is: until 7 December it was told to write the date as
/// `YYYY-MM-DD`, which it was.
#[tokio::test]
async fn a_gregorian_day_its_month_lacks_is_refused_with_the_months_length() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    for (lang, typed, want) in [
        ("en", "2026-02-30", "February 2026 has 28 days, not 30"),
        (
            "fa",
            "۳۱ نومبر ۲۰۲۶",
            "ماه نومبر سال ۲۰۲۶ ۳۰ روز دارد، نه ۳۱",
        ),
        ("ps", "2028-02-30", "د ۲۰۲۸ کال فبروري ۲۹ ورځې لري، نه ۳۰"),
    ] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        let fields = crate::editor::fields(
            "a-day-not-there",
            "A body.",
            &[("lang", lang), ("published", typed)],
        );
        let r = crate::editor::post(&app, new, new, "preview", fields).await;
        let page = r.text().await.unwrap();
        let at = page
            .find("id=\"err-published\"")
            .unwrap_or_else(|| panic!("{lang}: `{typed}` refused"));
        let said = &page[at..at + page[at..].find("</ul>").unwrap()];
        assert!(said.contains(want), "{lang}: `{want}` not in {said}");
        // The schedule's date says the same.
        let mut fields = crate::editor::fields("a-day-not-there", "A body.", &[("lang", lang)]);
        fields.push(("publish_date".into(), typed.into()));
        fields.push(("publish_time".into(), "10:00".into()));
        let r = crate::editor::post(&app, new, new, "schedule", fields).await;
        assert_eq!(r.status(), 422, "{lang}");
        let page = r.text().await.unwrap();
        assert!(page.contains(want), "{lang}: schedule: `{want}` not said");
    }
}

/// A Dari article's dates, typed in the Solar Hijri calendar, are shown in
/// its editor again as they were typed, not turned into Gregorian
/// `YYYY-MM-DD`; a save from that page, changing nothing, is the same
/// text, so the history shows no change of date the editor did not make.
/// Until 7 December the fields came back as `2026-12-07`, and the next
/// save rewrote the dates, which the comparison showed as changed.
#[tokio::test]
async fn dates_typed_in_the_solar_hijri_calendar_come_back_as_typed() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    assert_eq!(choose(&app, "fa").await.status(), 303);
    let slug = "solar-dates-kept";
    let new = crate::editor::NEW;
    let typed = [
        ("published", "۱۵ قوس ۱۴۰۵"),
        ("updated", "۱۴۰۵/۰۹/۱۶"),
        ("source_accessed_0", "1405-09-14"),
    ];
    let mut fields = crate::editor::fields(slug, "A body.", &typed);
    fields.retain(|(k, _)| k != "lang");
    fields.push(("lang".into(), "fa".into()));
    let r = crate::editor::post(&app, new, new, "draft", fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let url = format!("/admin/articles/fa/{slug}/edit");
    let page = app.text(&url).await;
    let shown: Vec<(&str, String)> = typed
        .iter()
        .map(|(name, _)| {
            let value = attr(&page, &format!("name=\"{name}\""), "value").unwrap_or_default();
            (*name, value)
        })
        .collect();
    for ((name, value), (_, typed)) in shown.iter().zip(typed) {
        assert_eq!(value, typed, "{name}");
    }
    // The form sent back as it stands is the text it was opened on.
    let shown: Vec<(&str, &str)> = shown.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut again = crate::editor::fields(slug, "A body.", &shown);
    again.retain(|(k, _)| k != "lang");
    again.push(("lang".into(), "fa".into()));
    saved_unchanged(&app, slug, again).await;
}

/// Saves the Dari article `slug`'s `form` (as its page shows it) as a
/// draft, and finds its history's oldest revision and its head the same
/// text: the save changed nothing the editor did not.
async fn saved_unchanged(app: &TestApp, slug: &str, form: Vec<(String, String)>) {
    let url = format!("/admin/articles/fa/{slug}/edit");
    let r = crate::editor::post(app, &url, &url, "draft", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let history_url = format!("/admin/articles/fa/{slug}/history");
    let (first, second) = crate::editor::oldest_and_head(&app.text(&history_url).await);
    assert_ne!(first, second, "a revision saved");
    let compared = app
        .text(&format!("{history_url}?from={first}&to={second}"))
        .await;
    assert!(
        !compared.contains("<del>") && !compared.contains("<ins>"),
        "saved unchanged: {compared}"
    );
}

/// A comment's history on its edit page names who decided as the log
/// does: the account's name isolated as typed (`<bdi>`), so that a name
/// ending in a full stop (`rahim.`) keeps it at its end in a Dari or Pashto
/// sentence. Until 7 December it stood bare in the sentence there.
#[tokio::test]
async fn a_comments_history_isolates_the_name_of_who_decided() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "rahim.", "moderator", MOD_PASSWORD);
    let app = TestApp::spawn_with(data.path(), &["--comment-min-seconds", "0"], None);
    app.login("rahim.", MOD_PASSWORD).await;
    let r = app
        .comment(
            "/fa/afghan-currency",
            &[("name", "احمد"), ("body", "یک نظر برای بررسی.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Published at once or held, it is then marked as spam by `rahim.`.
    let mut listed = app.text("/admin/comments?status=pending").await;
    if !listed.contains("/admin/comments/1/edit") {
        listed = app.text("/admin/comments?status=approved").await;
    }
    let id = first_comment_id(&listed);
    let r = app
        .admin_post(
            "/admin/comments",
            &format!("/admin/comments/{id}"),
            &[("action", "spam"), ("back", "pending")],
        )
        .await;
    assert_eq!(r.status(), 303, "marking comment {id} as spam");
    for (lang, by) in [
        ("fa", "(از سوی <bdi>rahim.</bdi>)"),
        ("ps", "(د <bdi>rahim.</bdi> له خوا)"),
        ("en", "(by <bdi>rahim.</bdi>)"),
    ] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        let page = app.text(&format!("/admin/comments/{id}/edit")).await;
        assert!(
            !page.contains(" rahim."),
            "{lang}: the name stands bare: {page}"
        );
        assert!(page.contains(by), "{lang}: {page}");
    }
}

/// The comment id of the first comment in the moderation queue.
fn first_comment_id(queue: &str) -> String {
    let at = queue
        .find("/admin/comments/")
        .map(|i| i + "/admin/comments/".len())
        .expect("a comment in the queue");
    let id: String = queue[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!id.is_empty(), "{queue}");
    id
}

/// The editorial pages' messages come in the editor's language, not only
/// their frames: a refused password, a comment edited without a name, a ban
/// that is none or is there already, an upload that is no image, a Solar
/// Hijri date that does not exist, an account that exists, a name that is
/// no username, and the 401 page of a form sent without a login (in the
/// browser's language, or the one asked for). English keeps its words.
#[tokio::test]
async fn the_editorial_messages_are_in_the_editors_language() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_path_buf();
    add_user(&dir, "mod", "moderator", MOD_PASSWORD);
    add_user(&dir, "ed", "editor", MOD_PASSWORD);
    add_user(&dir, "root", "admin", MOD_PASSWORD);
    let mut app = TestApp::spawn_with(&dir, &["--comment-min-seconds", "0"], Some(data));

    // A form sent without a login: 401, in the browser's language or the one asked for.
    let anonymous = |path: &'static str, accept: &'static str| {
        app.client
            .post(format!("{}{path}", app.url))
            .header("accept-language", accept)
            .form(&[("action", "approve")])
            .send()
    };
    let r = anonymous("/admin/comments/1", "fa-AF,fa;q=0.9")
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let page = r.text().await.unwrap();
    assert_eq!(html_lang_dir(&page), ("fa".into(), "rtl".into()));
    assert!(page.contains("ورود لازم است"), "{page}");
    assert!(
        page.contains("این صفحه برای ویراستاران و ناظران سایت است."),
        "{page}"
    );
    assert!(
        page.contains("در <span lang=\"en\" dir=\"ltr\">/admin/login</span> وارد شوید."),
        "the sign-in page's address marked as English: {page}"
    );
    let page = anonymous("/admin/comments/1?lang=ps", "en")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(html_lang_dir(&page).0, "ps");
    assert!(page.contains("ننوتل پکار دي"), "{page}");
    let page = anonymous("/admin/comments/1", "en")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Login required") && page.contains("Log in at /admin/login."),
        "{page}"
    );

    // An editor in Dari.
    app.login("ed", MOD_PASSWORD).await;
    assert_eq!(choose(&app, "fa").await.status(), 303);
    let r = app
        .admin_post(
            "/admin/account",
            "/admin/password",
            &[
                ("current", MOD_PASSWORD),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    let min = persian_digits(&askaf_auth::MIN_PASSWORD_CHARS.to_string());
    assert!(
        page.contains(&format!("رمز عبور باید دست‌کم {min} حرف باشد.")),
        "{page}"
    );

    // A comment edited without a name, by its moderator. A reader posts it,
    // from a browser of their own: the editor's own would be published at once.
    let editor = std::mem::replace(&mut app.client, TestApp::fresh_client());
    let r = app
        .comment(
            "/en/who-governs-afghanistan",
            &[
                ("name", "Reader"),
                ("body", "A question about the article."),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    app.client = editor;
    let id = first_comment_id(&app.text("/admin/comments").await);
    let edit = format!("/admin/comments/{id}/edit");
    let r = app
        .admin_post(&edit, &edit, &[("name", " "), ("body", "")])
        .await;
    assert_eq!(r.status(), 400);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("نام: خالی است.") && page.contains("نظر: خالی است."),
        "{page}"
    );

    // An upload that is no image.
    let r =
        crate::media::upload(&app, "same-origin", "notes.jpg", b"plain text, not a photo").await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(
            "بارگذاری نشد: notes.jpg: فایل تصویر <span lang=\"en\" dir=\"ltr\">JPEG</span>، \
             <span lang=\"en\" dir=\"ltr\">PNG</span> یا <span lang=\"en\" dir=\"ltr\">WebP</span> \
             نیست (نامش هر چه بگوید)."
        ),
        "{page}"
    );

    // A schedule on a Solar Hijri day that does not exist (Mizan has 30 days).
    let new = crate::editor::NEW;
    let schedule = |date: &str| {
        crate::editor::fields(
            "dari-date-test",
            "A body.",
            &[("publish_date", date), ("publish_time", "09:00")],
        )
    };
    let r = crate::editor::post(&app, new, new, "schedule", schedule("1404-07-31")).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("تاریخ هجری شمسی درست نیست: ماه میزان سال ۱۴۰۴ ۳۰ روز دارد، نه ۳۱."),
        "{page}"
    );
    // In English, the month named in Latin letters; a date in no form.
    assert_eq!(choose(&app, "en").await.status(), 303);
    let page = crate::editor::post(&app, new, new, "schedule", schedule("1404-07-31"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Not a Solar Hijri date: month 7 (Mizan) of 1404 has 30 days, not 31."),
        "{page}"
    );
    let page = crate::editor::post(&app, new, new, "schedule", schedule("next week"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("“<bdi>next week</bdi>” is not a date: write it as YYYY-MM-DD"),
        "{page}"
    );

    // Bans, by a moderator in Pashto.
    app.login("mod", MOD_PASSWORD).await;
    assert_eq!(choose(&app, "ps").await.status(), 303);
    let app = &app;
    let ban = |target: &'static str| async move {
        app.admin_post(
            "/admin/bans",
            "/admin/bans",
            &[("target", target), ("note", "")],
        )
        .await
    };
    // "IP" marked as English in the Pashto sentence.
    let ip = r#"<span lang="en" dir="ltr">IP</span>"#;
    for (target, want) in [
        (
            "",
            format!("د بندیز لپاره یوه برېښنالیک پته، {ip} پته یا شبکه ولیکئ"),
        ),
        (
            "someone@",
            "«<bdi>someone@</bdi>» برېښنالیک پته نه ده.".into(),
        ),
        (
            "203.0.113.0/99",
            "«<bdi>203.0.113.0/99</bdi>» شبکه نه ده".into(),
        ),
        (
            "kabul",
            format!("«<bdi>kabul</bdi>» نه برېښنالیک پته ده، نه {ip} پته یا شبکه"),
        ),
    ] {
        let r = ban(target).await;
        assert_eq!(r.status(), 400, "{target}");
        let page = r.text().await.unwrap();
        assert!(page.contains(&want), "{target}: {page}");
    }
    assert_eq!(ban("spammer@example.org").await.status(), 303);
    let r = ban("spammer@example.org").await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("پر <bdi>spammer@example.org</bdi> دمخه بندیز لګېدلی."),
        "{page}"
    );

    // Accounts, by an administrator in Pashto.
    app.login("root", MOD_PASSWORD).await;
    assert_eq!(choose(app, "ps").await.status(), 303);
    let long = "a passphrase long enough for the policy";
    let create = |name: &'static str, password: &'static str| async move {
        app.admin_post(
            "/admin/users",
            "/admin/users",
            &[
                ("username", name),
                ("role", "editor"),
                ("password", password),
                ("confirm", password),
            ],
        )
        .await
    };
    let page = create("ed", long).await.text().await.unwrap();
    assert!(
        page.contains("جوړ نه شو: د ed په نوم حساب دمخه شته."),
        "{page}"
    );
    let page = create("newcomer", "short").await.text().await.unwrap();
    let min = persian_digits(&askaf_auth::MIN_PASSWORD_CHARS.to_string());
    assert!(
        page.contains(&format!("پټنوم باید لږ تر لږه {min} توري وي.")),
        "{page}"
    );
    // A name that is no username: askaf-auth's reason, said in Pashto.
    for (name, want) in [
        (
            "x",
            "کارن‌نوم باید له ۲ تر ۴۰ تورو وي؛ «<bdi>x</bdi>» ۱ توري لري.",
        ),
        ("علی", "«<bdi>علی</bdi>» «<bdi>ع</bdi>» لري."),
        (
            "_ali",
            "کارن‌نوم باید په یوه توري یا عدد پیل شي؛ «<bdi>_ali</bdi>» داسې نه دی.",
        ),
    ] {
        let r = create(name, long).await;
        assert_eq!(r.status(), 422, "{name}");
        let page = r.text().await.unwrap();
        assert!(page.contains(want), "{name}: {page}");
        assert!(!page.contains("a username"), "{name}: {page}");
    }
}

/// The site's own addresses a reserved slug would take are named in a
/// left-to-right isolate in Dari and Pashto: before, `/fa/about` showed as
/// `fa/about/` in the right-to-left sentence.
#[tokio::test]
async fn a_reserved_slugs_addresses_keep_their_order_in_dari_and_pashto() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    for lang in ["fa", "ps"] {
        app.choose_admin_lang(lang).await;
        let fields = crate::editor::fields("about", "A body.", &[]);
        let r = crate::editor::post(&app, new, new, "draft", fields).await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        for address in ["/fa/about", "/ps/about", "/en/about"] {
            assert!(
                page.contains(&format!("<span lang=\"en\" dir=\"ltr\">{address}</span>")),
                "{lang}: {address} not marked as English, left to right, in: {page}"
            );
        }
    }
    app.choose_admin_lang("en").await;
}

/// The text of the `<label>` of the field `id` on `page`.
fn label_of(page: &str, id: &str) -> String {
    let start = format!("<label for=\"{id}\">");
    let at = page
        .find(&start)
        .unwrap_or_else(|| panic!("no label for {id}: {page}"))
        + start.len();
    page[at..at + page[at..].find("</label>").unwrap()].to_string()
}

/// The published date's label gives its Solar Hijri example in the page's
/// digits, as the schedule's label does (`۱۴۰۴-۱۲-۰۱` on a Dari or Pashto
/// page; it said `1404-12-01`), and each example it gives is a date the
/// field takes. The schedule's date error gives its example the same way.
#[tokio::test]
async fn the_date_fields_examples_are_in_the_pages_digits_and_taken_by_the_field() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    for (lang, examples, error_example) in [
        (
            "en",
            ["2026-02-20", "1404-12-01", "1 Hut 1404"],
            "1405-09-05",
        ),
        (
            "fa",
            ["۱۴۰۴-۱۲-۰۱", "۱ حوت ۱۴۰۴", "2026-02-20"],
            "۱۴۰۵-۰۹-۰۵",
        ),
        (
            "ps",
            ["۱۴۰۴-۱۲-۰۱", "۱ کب ۱۴۰۴", "2026-02-20"],
            "۱۴۰۵-۰۹-۰۵",
        ),
    ] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        let page = app.text(new).await;
        let published = label_of(&page, "ed-published");
        let scheduled = label_of(&page, "ed-pub-date");
        for example in examples {
            assert!(
                published.contains(example),
                "{lang}: {example} in {published}"
            );
        }
        if lang != "en" {
            for label in [&published, &scheduled] {
                assert!(
                    !label.contains("1404") && !label.contains("1405"),
                    "{lang}: a Solar Hijri year in Latin digits: {label}"
                );
            }
        }
        for example in examples {
            let form = crate::editor::fields("examples-test", "A body.", &[("published", example)]);
            let r = crate::editor::post(&app, new, new, "preview", form).await;
            let status = r.status();
            let shown = r.text().await.unwrap();
            assert_eq!(status, 200, "{lang}: {example}: {shown}");
            assert!(
                !shown.contains("id=\"err-published\""),
                "{lang}: {example}: {shown}"
            );
        }
        let form = crate::editor::fields(
            "examples-test",
            "A body.",
            &[("publish_date", "soon"), ("publish_time", "09:00")],
        );
        let r = crate::editor::post(&app, new, new, "schedule", form).await;
        assert_eq!(r.status(), 422);
        let said = errors(
            &r.text().await.unwrap(),
            "<ul class=\"field-errors\" id=\"err-publish\"",
        );
        assert!(said.contains(error_example), "{lang}: {said}");
        if lang != "en" {
            assert!(!said.contains("1405"), "{lang}: {said}");
        }
    }
}

/// A moment as the editorial pages write it: `before` and, within a few
/// words of it, `after` (in Dari and Pashto the Gregorian day between them,
/// named as the public pages name it).
#[derive(Debug)]
struct Moment {
    before: String,
    after: String,
}

impl Moment {
    fn in_page(&self, page: &str) -> bool {
        page.match_indices(self.before.as_str()).any(|(at, b)| {
            let rest = &page[at + b.len()..];
            let near: String = rest.chars().take(60).collect();
            near.find(self.after.as_str())
                .is_some_and(|i| !near[..i].contains('<'))
        })
    }
}

/// The minutes from `from` to `to`, in Kabul, as `lang`'s editorial pages
/// write a moment: "26 November 2026, 09:30 (Kabul time)"; in Dari and
/// Pashto the Solar Hijri day, the Gregorian beside it and the time,
/// «۵ قوس ۱۴۰۵ (۲۶ نومبر ۲۰۲۶)، ۰۹:۳۰ (به وقت کابل)».
fn kabul_moments(
    lang: &str,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> Vec<Moment> {
    let kabul = chrono::FixedOffset::east_opt(4 * 3600 + 30 * 60).unwrap();
    let mut out = vec![];
    let mut t = from.with_timezone(&kabul);
    let end = to.with_timezone(&kabul);
    loop {
        let day = t.date_naive();
        let hm = t.format("%H:%M").to_string();
        let s = SolarDate::from_gregorian(day).unwrap();
        let solar = |months: &[&str; 12]| {
            persian_digits(&format!(
                "{} {} {} (",
                s.day(),
                months[s.month() as usize - 1],
                s.year()
            ))
        };
        let gregorian_year = persian_digits(&day.format(" %Y)، ").to_string());
        out.push(match lang {
            "en" => Moment {
                before: format!("{}, ", t.format("%-d %B %Y")),
                after: format!("{hm} (Kabul time)"),
            },
            "fa" => Moment {
                before: solar(&MONTHS_DARI),
                after: persian_digits(&format!("{gregorian_year}{hm} (به وقت کابل)")),
            },
            _ => Moment {
                before: solar(&MONTHS_PASHTO),
                after: persian_digits(&format!("{gregorian_year}{hm} (د کابل وخت)")),
            },
        });
        if t.format("%Y%m%d%H%M").to_string() == end.format("%Y%m%d%H%M").to_string() {
            return out;
        }
        t += chrono::Duration::minutes(1);
    }
}

/// Every editorial time is Kabul's, written one way on every page: the
/// moderation queue, the decision log, an article's history, the images
/// page, and the schedule on the editor and on the list, the zone said
/// once ("(Kabul time)", «(به وقت کابل)», «(د کابل وخت)»). Until 6 December
/// the first four said `06:50 UTC` while the schedule said Kabul's
/// `09:30 (Kabul time)`; the queue's `<time datetime>` stays UTC.
#[tokio::test]
async fn every_editorial_time_is_kabuls_written_one_way() {
    let mut app = TestApp::spawn_for_comments(&[]);
    let from = chrono::Utc::now();
    let r = app
        .comment(
            "/en/who-governs-afghanistan",
            &[("name", "Zarmina"), ("body", "When was this written?")],
        )
        .await;
    assert_eq!(r.status(), 303);
    app.login("ed", MOD_PASSWORD).await;
    crate::media::uploaded(&app, 1200, 800).await;
    let new = crate::editor::NEW;
    let slug = "kabul-time-test";
    let r = crate::editor::post(
        &app,
        new,
        new,
        "draft",
        crate::editor::fields(slug, "A body.", &[]),
    )
    .await;
    assert_eq!(r.status(), 303);
    let (date, time) = crate::editor::kabul_in(3 * 3600);
    let edit = crate::editor::edit_url(slug);
    let form = crate::editor::fields(
        slug,
        "A body.",
        &[
            ("publish_date", date.as_str()),
            ("publish_time", time.as_str()),
        ],
    );
    let r = crate::editor::post(&app, &edit, &edit, "schedule", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let to = chrono::Utc::now();
    let due = {
        let kabul = chrono::FixedOffset::east_opt(4 * 3600 + 30 * 60).unwrap();
        let at = chrono::NaiveDateTime::parse_from_str(
            &format!("{date} {}", &time[..5]),
            "%Y-%m-%d %H:%M",
        )
        .unwrap()
        .and_local_timezone(kabul)
        .unwrap()
        .with_timezone(&chrono::Utc);
        at
    };
    // The decision log is a moderator's.
    let editor = app.client.clone();
    let moderator = TestApp::fresh_client();
    app.client = moderator.clone();
    app.login("mod", MOD_PASSWORD).await;
    for (lang, zone) in [("en", "Kabul"), ("fa", "کابل"), ("ps", "کابل")] {
        let now = kabul_moments(lang, from, to);
        app.client = moderator.clone();
        app.choose_admin_lang(lang).await;
        let log = app.text("/admin/log").await;
        assert!(
            now.iter().any(|m| m.in_page(&log)),
            "{lang} log: none of {now:?} in {log}"
        );
        assert!(!log.contains("UTC"), "{lang} log: {log}");
        app.client = editor.clone();
        app.choose_admin_lang(lang).await;
        for path in [
            "/admin/comments",
            "/admin/media",
            &format!("/admin/articles/en/{slug}/history"),
        ] {
            let page = app.text(path).await;
            assert!(
                now.iter().any(|m| m.in_page(&page)),
                "{lang} {path}: none of {now:?} in {page}"
            );
            assert!(!page.contains("UTC"), "{lang} {path}: {page}");
        }
        let when = &kabul_moments(lang, due, due)[0];
        let page = app.text(&edit).await;
        let at = page.find("<p id=\"ed-scheduled\">").expect("the schedule");
        let scheduled = &page[at..at + page[at..].find("</p>").unwrap()];
        assert!(when.in_page(scheduled), "{lang}: {when:?} in {scheduled}");
        assert_eq!(
            scheduled.matches(zone).count(),
            1,
            "{lang}: the zone once: {scheduled}"
        );
        let list = app.text("/admin/articles?status=scheduled").await;
        let at = list.find(slug).expect("the scheduled article");
        let row = &list[at..at + list[at..].find("</tr>").unwrap()];
        assert!(when.in_page(row), "{lang}: {when:?} in {row}");
        // The cell that says it (the title may name Kabul too).
        let cell = row.split("<td>").find(|c| when.in_page(c)).unwrap();
        assert_eq!(
            cell.matches(zone).count(),
            1,
            "{lang}: the zone once: {cell}"
        );
    }
    // The machine-readable time stays UTC.
    let queue = app.text("/admin/comments").await;
    let iso = attr(&queue, "<time datetime", "datetime").unwrap();
    assert!(iso.ends_with('Z') || iso.ends_with("+00:00"), "{iso}");
}

/// In the English queue, a comment on a Dari or Pashto article has its
/// day in brackets as that article's readers write it (Solar Hijri), and
/// that day is Kabul's, as the time beside it is: made at 20:15 UTC, it is
/// 00:45 on the next day in Kabul, and so is its bracketed date. Until 6
/// December the bracketed date was the UTC day, a day behind the time
/// beside it from 19:30 to midnight UTC.
#[tokio::test]
async fn the_queues_solar_date_is_kabuls_day_as_its_time_is() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "mod", "moderator", MOD_PASSWORD);
    let at = |rfc: &str| chrono::DateTime::parse_from_rfc3339(rfc).unwrap();
    // Just before Kabul's midnight, just after it, and late in the UTC day.
    let made = [
        ("fa", "2026-12-05T19:29:00Z", "۱۴ قوس ۱۴۰۵"),
        ("fa", "2026-12-05T20:15:00Z", "۱۵ قوس ۱۴۰۵"),
        ("ps", "2026-12-05T23:59:00Z", "۱۵ لیندۍ ۱۴۰۵"),
    ];
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    let comments: Vec<askaf_store::ImportedComment> = made
        .iter()
        .enumerate()
        .map(|(i, (lang, created, _))| askaf_store::ImportedComment {
            lang: lang.parse().unwrap(),
            slug: "who-governs-afghanistan",
            key: i as i64 + 1,
            parent_key: None,
            name: "Wahid",
            email: None,
            ip: None,
            body: "A question about the date.",
            body_html: "<p>A question about the date.</p>",
            fingerprint: "a question about the date",
            status: askaf_store::Status::Pending,
            created_at: created,
            created_unix: at(created).timestamp(),
            source: "WordPress",
        })
        .collect();
    store.import_comments(&comments).await.unwrap();
    store.close().await;
    let app = TestApp::spawn_with(data.path(), &[], None);
    app.login("mod", MOD_PASSWORD).await;
    let queue = app.text("/admin/comments").await;
    let kabul = chrono::FixedOffset::east_opt(4 * 3600 + 30 * 60).unwrap();
    for (lang, created, day) in made {
        let t = at(created).with_timezone(&kabul);
        let s = SolarDate::from_gregorian(t.date_naive()).unwrap();
        let months = if lang == "fa" {
            MONTHS_DARI
        } else {
            MONTHS_PASHTO
        };
        let solar = persian_digits(&format!(
            "{} {} {}",
            s.day(),
            months[s.month() as usize - 1],
            s.year()
        ));
        assert_eq!(solar, day, "the test's own reckoning");
        let shown = format!(
            "<time datetime=\"{created}\">{}, {} (Kabul time)</time> (<span lang=\"{lang}\" dir=\"rtl\">{day}</span>)",
            t.format("%-d %B %Y"),
            t.format("%H:%M"),
        );
        assert!(queue.contains(&shown), "{shown} in {queue}");
    }
    // Published, each is dated on its article's page by the same day.
    for id in 1..=made.len() {
        let r = app
            .admin_post(
                "/admin/comments",
                &format!("/admin/comments/{id}"),
                &[("action", "approve")],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    for lang in ["fa", "ps"] {
        let page = app.text(&format!("/{lang}/who-governs-afghanistan")).await;
        for (_, created, day) in made.iter().filter(|(l, _, _)| *l == lang) {
            let shown = format!("<time datetime=\"{created}\">{day}</time>");
            assert!(page.contains(&shown), "{shown} in {page}");
        }
    }
}

/// The editor's slug field is labelled in plain words in every language:
/// the front matter's key `slug` is what a content file's writer types, and
/// a problem in a file names it, but the form's label and the help about a
/// reserved address read "(slug: …)" in English within the Dari and
/// Pashto words until 6 December, and the English label "Slug", a word of
/// web publishing editors need not know, until 7 December.
#[tokio::test]
async fn the_slug_field_is_labelled_in_the_editors_words() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    for (lang, label) in [
        (
            "en",
            "Web address (the words after /en/, /fa/ or /ps/: lowercase letters, digits, hyphens)",
        ),
        ("fa", "نشانی کوتاه (حرف‌های کوچک لاتین، رقم‌ها، خط تیره)"),
        ("ps", "لنډه پته (کوچني لاتین توري، عددونه، لنډې کرښې)"),
    ] {
        app.choose_admin_lang(lang).await;
        let page = app.text("/admin/articles/new").await;
        let open = "<label for=\"ed-slug\">";
        let at = page.find(open).expect("the slug's label") + open.len();
        let end = at + page[at..].find("</label>").unwrap();
        assert_eq!(&page[at..end], label, "{lang}");
    }
}

/// The editorial pages' words in Dari and Pashto hold no English but what
/// must stay so, marked as English: the moderation actions a refused
/// request names are said as their buttons say them; "Markdown" (the
/// comment's field) and "API" (the published notice) are names, marked;
/// the word list says "regular expression" in the page's language only,
/// its example pattern marked. English keeps its words.
#[tokio::test]
async fn the_editorial_pages_english_words_are_translated_or_marked() {
    let app = TestApp::spawn_for_comments(&["--comment-min-seconds", "0"]);
    let r = app
        .comment(
            "/en/who-governs-afghanistan",
            &[("name", "Reader"), ("body", "A question.")],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    app.login("mod", MOD_PASSWORD).await;
    let id = first_comment_id(&app.text("/admin/comments").await);
    let english = |w: &str| format!(r#"<span lang="en" dir="ltr">{w}</span>"#);
    for (lang, refused, field, published, regex) in [
        (
            "fa",
            "کار باید یکی از این‌ها باشد: تأیید، هرزنامه، حذف یا برگشت به صف",
            format!("نظر ({})", english("Markdown")),
            format!("نقشهٔ سایت، {} و بخش پرسش", english("API")),
            "یک عبارت باقاعده است.",
        ),
        (
            "ps",
            "کار باید له دې څخه یو وي: منل، سپام، ړنګول یا کتار ته ستنول",
            format!("تبصره ({})", english("Markdown")),
            format!("د سایټ نقشه، {} او پوښتنه", english("API")),
            "منظم عبارت دی.",
        ),
        (
            "en",
            "action must be approve, spam, delete or requeue",
            "Comment (Markdown)".to_string(),
            "feeds, sitemap, API and Ask".to_string(),
            "is a regular expression.",
        ),
    ] {
        app.choose_admin_lang(lang).await;
        let r = app
            .admin_post(
                "/admin/comments",
                &format!("/admin/comments/{id}"),
                &[("action", "publish")],
            )
            .await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        assert!(page.contains(refused), "{lang}: {page}");
        let page = app.text(&format!("/admin/comments/{id}/edit")).await;
        assert!(
            page.contains(&format!(r#"<label for="edit-body">{field}</label>"#)),
            "{lang}: {page}"
        );
        let page = app.text("/admin/comments?notice=published").await;
        assert!(page.contains(&published), "{lang}: {page}");
        let page = app.text("/admin/words").await;
        assert!(page.contains(regex), "{lang}: {page}");
        assert!(
            page.contains(&format!("<code>{}</code>", english("/v[i1]agra/"))),
            "{lang}: {page}"
        );
        if lang != "en" {
            assert!(!page.contains("regular expression"), "{lang}: {page}");
        }
    }
}

/// A 400 in Dari or Pashto that names the words a form takes (a language's
/// code, an action's name) marks each as English, as the code gives them
/// (`reasons::english_html`): until 7 December the translations held them
/// in Latin letters, unmarked, read in the page's voice.
#[tokio::test]
async fn a_refused_form_in_dari_and_pashto_marks_the_words_it_takes_as_english() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    for lang in ["fa", "ps"] {
        app.choose_admin_lang(lang).await;
        let r = choose(&app, "xx").await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        for code in ["en", "fa", "ps"] {
            let marked = format!("(<span lang=\"en\" dir=\"ltr\">{code}</span>)");
            assert!(page.contains(&marked), "{lang}: {code} marked: {page}");
        }
        let r = app
            .admin_post(
                "/admin/account",
                "/admin/articles/en/who-governs-afghanistan",
                &[("action", "shut")],
            )
            .await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        for word in ["close", "open"] {
            let marked = format!("<span lang=\"en\" dir=\"ltr\">{word}</span>");
            assert!(page.contains(&marked), "{lang}: {word} marked: {page}");
        }
    }
}

/// An editor's address naming no language of the site (`/admin/articles/de/…`)
/// is a 404 that says the three there are: in Dari and Pashto their codes
/// marked as English, as every English word of theirs is (until 6
/// December the message was plain text, its codes allowed in the Dari and
/// Pashto files as the one exception, and the page showed `{$en}`).
#[tokio::test]
async fn an_address_of_no_language_names_the_three_marked_as_english() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let r = app
        .get("/admin/articles/de/who-governs-afghanistan/edit")
        .await;
    assert_eq!(r.status(), 404);
    let page = r.text().await.unwrap();
    assert!(page.contains("No such language: en, fa or ps."), "{page}");
    for (lang, said) in [("fa", "چنین زبانی نیست: "), ("ps", "داسې ژبه نشته: ")]
    {
        assert_eq!(choose(&app, lang).await.status(), 303);
        let r = app
            .get("/admin/articles/de/who-governs-afghanistan/edit")
            .await;
        assert_eq!(r.status(), 404);
        let page = r.text().await.unwrap();
        assert_eq!(html_lang_dir(&page).0, lang);
        let english = |code: &str| format!("<span lang=\"en\" dir=\"ltr\">{code}</span>");
        let want = format!("{said}{}، {}", english("en"), english("fa"));
        assert!(page.contains(&want), "{lang}: {page}");
        assert!(page.contains(&english("ps")), "{lang}: {page}");
        assert!(!page.contains("$en"), "{lang}: {page}");
    }
}

/// `day` (`YYYY-MM-DD`) as the editor writes a Dari or Pashto article's
/// dates: Solar Hijri `YYYY-MM-DD` in Persian digits.
fn solar_typed(day: &str) -> String {
    let s = SolarDate::from_gregorian(day.parse().unwrap()).unwrap();
    persian_digits(&format!("{:04}-{:02}-{:02}", s.year(), s.month(), s.day()))
}

/// A Dari article from a content file, opened in the editor for the first
/// time, shows its dates as the editor writes a Dari article's dates
/// (Solar Hijri, in Persian digits), whatever the editor's own language,
/// and not as the Gregorian `YYYY-MM-DD` the file holds; saved from that
/// page unchanged, its history shows no change at all, not its dates
/// rewritten. Until 7 December the fields showed `2026-01-01`.
#[tokio::test]
async fn a_dari_content_files_dates_open_in_the_solar_hijri_calendar() {
    let content = tempfile::tempdir().unwrap();
    let slug = "solar-file-dates";
    std::fs::create_dir_all(content.path().join("fa")).unwrap();
    let body = "آب کابل از چاه‌ها می‌آید.";
    std::fs::write(
        content.path().join("fa").join(format!("{slug}.md")),
        format!(
            "+++\nslug = \"{slug}\"\nlang = \"fa\"\ntitle = \"آب کابل\"\nquestion = \"آب کابل از کجا می‌آید؟\"\nsummary = \"از چاه‌ها.\"\ntags = [\"water\"]\npublished = 2026-01-01\nupdated = 2026-01-02\n\n[[sources]]\ntitle = \"منبع\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n{body}\n"
        ),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let dir = content.path().to_str().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--content", dir], None);
    app.login("ed", MOD_PASSWORD).await;
    let url = format!("/admin/articles/fa/{slug}/edit");
    let page = app.text(&url).await;
    let shown = |name: &str| attr(&page, &format!("name=\"{name}\""), "value").unwrap_or_default();
    let dates = [
        ("published", solar_typed("2026-01-01")),
        ("updated", solar_typed("2026-01-02")),
        ("source_accessed_0", solar_typed("2026-01-01")),
    ];
    for (name, want) in &dates {
        assert_eq!(&shown(name), want, "{name}");
    }
    let mut typed: Vec<(&str, &str)> = dates.iter().map(|(k, v)| (*k, v.as_str())).collect();
    typed.extend([
        ("title", "آب کابل"),
        ("question", "آب کابل از کجا می‌آید؟"),
        ("summary", "از چاه‌ها."),
        ("tags", "water"),
        ("source_title_0", "منبع"),
        ("source_url_0", "https://example.org/"),
        ("translation_en", ""),
    ]);
    let mut fields = crate::editor::fields(slug, body, &typed);
    fields.retain(|(k, _)| k != "lang" && k != "translation_fa");
    fields.push(("lang".into(), "fa".into()));
    saved_unchanged(&app, slug, fields).await;
}

/// A new article's dates, and an empty source row's, are today's as the
/// editor writes the article's language's dates: on a Dari or Pashto
/// page, whose new article is in its language, Solar Hijri in Persian
/// digits; on an English page, Gregorian. Until 7 December every page
/// gave `YYYY-MM-DD` Gregorian.
#[tokio::test]
async fn a_new_dari_or_pashto_articles_dates_are_solar_hijri() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    for lang in ["fa", "ps", "en"] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        let kabul = chrono::Utc::now() + chrono::Duration::minutes(270);
        let today = kabul.date_naive().to_string();
        let want = match lang {
            "en" => today.clone(),
            _ => solar_typed(&today),
        };
        let page = app.text("/admin/articles/new").await;
        for name in ["published", "updated", "source_accessed_0"] {
            let shown = attr(&page, &format!("name=\"{name}\""), "value").unwrap_or_default();
            assert_eq!(shown, want, "{lang}: {name}");
        }
    }
}

/// The history's comparison of a Dari or Pashto article marks its Latin
/// words (an English name, an address) as English, as the article's page
/// does: isolated, and read with an English voice. Until 7 December they
/// stood unmarked in the right-to-left text.
#[tokio::test]
async fn the_history_of_a_dari_article_marks_its_english_words() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let slug = "english-in-history";
    let new = crate::editor::NEW;
    let form = |body: &str| {
        let mut f = crate::editor::fields(slug, body, &[]);
        f.retain(|(k, _)| k != "lang");
        f.push(("lang".into(), "fa".into()));
        f
    };
    let r = crate::editor::post(&app, new, new, "draft", form("گزارش UNAMA در اینجا است.")).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let url = format!("/admin/articles/fa/{slug}/edit");
    let changed = "گزارش WHO در https://who.int/report است.";
    let r = crate::editor::post(&app, &url, &url, "draft", form(changed)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let compared = app
        .text(&format!("/admin/articles/fa/{slug}/history"))
        .await;
    for english in ["UNAMA", "WHO", "https://who.int/report"] {
        let marked = format!("<bdi lang=\"en\" dir=\"ltr\">{english}</bdi>");
        assert!(compared.contains(&marked), "{english}: {compared}");
    }
}

/// A tag typed in Dari or Pashto is refused with a message that names it,
/// says a tag is an address in Latin letters, and where its Dari and
/// Pashto names are set (the topics' names page), in the editor's
/// language. Until 7 December it said only the letters an address takes.
#[tokio::test]
async fn a_tag_in_dari_is_refused_saying_where_its_names_are_set() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    for (lang, topics) in [
        ("en", "topics&#39; names page"),
        ("fa", "«نام موضوعات»"),
        ("ps", "«د موضوعګانو نومونه»"),
    ] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        let fields = crate::editor::fields("dari-tag", "A body.", &[("tags", "water, آب")]);
        let r = crate::editor::post(&app, new, new, "draft", fields).await;
        assert_eq!(r.status(), 422, "{lang}");
        let page = r.text().await.unwrap();
        let at = page
            .find("id=\"err-tags\"")
            .expect("a problem beside the tags");
        let said = &page[at..at + page[at..].find("</ul>").unwrap()];
        assert!(said.contains("<bdi>آب</bdi>"), "{lang}: {said}");
        assert!(said.contains("/admin/tags"), "{lang}: {said}");
        assert!(said.contains(topics), "{lang}: {said}");
    }
}

/// A code fence (```) opened in the body and never closed turns the rest
/// of the article into code: the editor is told so by its line, in the
/// preview and when saving (refused, as the body's other problems are),
/// in the editor's language. Until 7 December nothing was said.
#[tokio::test]
async fn an_unclosed_code_fence_is_said_in_the_preview_and_on_saving() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    let body = "First paragraph.\n\n```\nlet x = 1;\n\nThe rest of the article.";
    for (lang, said) in [
        ("en", "line 3 of the text: the code block opened here with"),
        ("fa", "سطر ۳ متن:"),
        ("ps", "د متن ۳ کرښه:"),
    ] {
        assert_eq!(choose(&app, lang).await.status(), 303);
        for (button, status) in [("preview", 200), ("draft", 422)] {
            let fields = crate::editor::fields("open-fence", body, &[]);
            let r = crate::editor::post(&app, new, new, button, fields).await;
            assert_eq!(r.status(), status, "{lang} {button}");
            let page = r.text().await.unwrap();
            let at = page
                .find("id=\"err-body\"")
                .expect("a problem beside the body");
            let problem = &page[at..at + page[at..].find("</ul>").unwrap()];
            assert!(problem.contains(said), "{lang} {button}: {problem}");
        }
    }
}

/// A date typed with dots, or with its four-digit year last (day, month,
/// year), in either calendar, is taken by the editor's date fields: the
/// forms editors type (until 7 December each was refused as "not a
/// date"). Three numbers with no four-digit year at either end are
/// answered that the year must be written in four digits, first or last,
/// in the editor's language, in the Published field and the schedule's.
#[tokio::test]
async fn the_editor_takes_dates_with_dots_or_the_year_last_and_says_when_it_cannot_tell() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let new = crate::editor::NEW;
    for (i, typed) in [
        "۱/۹/۱۴۰۵",
        "1405/9/1",
        "1405.9.1",
        "2026.12.07",
        "7.12.2026",
    ]
    .into_iter()
    .enumerate()
    {
        let slug = format!("a-date-typed-{i}");
        let fields = crate::editor::fields(
            &slug,
            "A body.",
            &[
                ("published", typed),
                ("updated", typed),
                ("source_accessed_0", typed),
            ],
        );
        let r = crate::editor::post(&app, new, new, "draft", fields).await;
        assert_eq!(r.status(), 303, "{typed}: {}", r.text().await.unwrap());
    }
    for (lang, published, scheduled) in [
        (
            "en",
            "the year must be written in four digits, first (year/month/day: 1405/9/16",
            "is not clear: write the year in four digits",
        ),
        (
            "fa",
            "سال باید با چهار رقم نوشته شود",
            "روشن نیست: سال را با چهار رقم بنویسید",
        ),
        (
            "ps",
            "کال باید په څلورو رقمونو ولیکل شي",
            "څرګنده نه ده: کال په څلورو رقمونو ولیکئ",
        ),
    ] {
        if lang != "en" {
            assert_eq!(choose(&app, lang).await.status(), 303);
        }
        let fields =
            crate::editor::fields("a-date-unclear", "A body.", &[("published", "7.12.26")]);
        let r = crate::editor::post(&app, new, new, "draft", fields).await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        assert!(page.contains(published), "{lang}: {page}");
        let fields = crate::editor::fields(
            "a-date-unclear",
            "A body.",
            &[("publish_date", "7.12.26"), ("publish_time", "10:00")],
        );
        let r = crate::editor::post(&app, new, new, "schedule", fields).await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        assert!(page.contains(scheduled), "{lang}: {page}");
    }
}

//! The account and ban forms that only choose an action (change a role, set
//! a password, remove an account, lift a ban), sent after the staff
//! member's session lapsed: they come back as one form holding what was
//! sent (never the password) with a sign-in in it, in the staff member's
//! language, doing nothing; sent again with the sign-in, they are done, if
//! the account that signed in may, and only with a token that holds.
//! Before, each was answered with the bare sign-in page, and the action was
//! lost.

use crate::helpers::{add_user, attr, TestApp, MOD_PASSWORD};

/// The fields the form posting to `action` on `page` sends by itself: its
/// hidden inputs, as (name, value), the token among them.
fn hidden_fields(page: &str, action: &str) -> Vec<(String, String)> {
    let start = page
        .find(&format!("<form method=\"post\" action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form to {action}: {page}"));
    let form = &page[start..start + page[start..].find("</form>").unwrap()];
    form.split("<input type=\"hidden\"")
        .skip(1)
        .map(|rest| {
            let tag = format!("<input{}>", &rest[..rest.find('>').unwrap()]);
            let name = attr(&tag, "<input", "name").unwrap();
            let value = attr(&tag, "<input", "value").unwrap_or_default();
            (name, value.replace("&amp;", "&"))
        })
        .collect()
}

/// Posts `fields` to `path` with the token `csrf` in a browser without a
/// session: the page that comes back (401), with a sign-in in the form
/// and nothing else of the editorial pages.
pub(crate) async fn sent_lapsed(
    app: &TestApp,
    path: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> String {
    let mut sent = vec![("csrf", csrf)];
    sent.extend_from_slice(fields);
    let r = app.post_form(path, &sent).await;
    assert_eq!(r.status(), 401, "{path}");
    let page = r.text().await.unwrap();
    assert!(
        page.contains("name=\"login_password\""),
        "{path}: a sign-in in the form: {page}"
    );
    assert!(
        page.contains("Your session has expired"),
        "{path}: says why: {page}"
    );
    assert!(!page.contains("admin-table"), "{path}: no list: {page}");
    page
}

/// Sends the form to `path` that came back on `page` as it is, with what
/// is typed into it (`typed`) and the sign-in of `who`.
async fn send_again(
    app: &TestApp,
    page: &str,
    path: &str,
    typed: &[(&str, &str)],
    who: (&str, &str),
) -> reqwest::Response {
    let kept = hidden_fields(page, path);
    let mut fields: Vec<(&str, &str)> =
        kept.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    fields.extend_from_slice(typed);
    fields.extend_from_slice(&[("login_username", who.0), ("login_password", who.1)]);
    app.post_form(path, &fields).await
}

/// Ends this browser's session, as signing out in another tab does.
pub(crate) async fn sign_out(app: &TestApp) {
    let r = app.admin_post("/admin", "/admin/logout", &[]).await;
    assert_eq!(r.status(), 303);
}

/// `path` as another browser (`other`, signed in as `root`) sees it.
async fn seen(app: &mut TestApp, other: &mut reqwest::Client, path: &str) -> String {
    std::mem::swap(&mut app.client, other);
    let page = app.text(path).await;
    std::mem::swap(&mut app.client, other);
    page
}

/// A site with an administrator `root`, an editor `farida`, an author
/// `sam` and a moderator `mod` (each with [`MOD_PASSWORD`]), a ban, and a
/// second browser signed in as `root` to watch what is done. Returns the
/// site, that browser, and the path of the ban's Lift form.
async fn site() -> (TestApp, reqwest::Client, String) {
    let data = tempfile::tempdir().unwrap();
    for (name, role) in [
        ("root", "admin"),
        ("farida", "editor"),
        ("sam", "author"),
        ("mod", "moderator"),
    ] {
        add_user(data.path(), name, role, MOD_PASSWORD);
    }
    let dir = data.path().to_path_buf();
    let mut app = TestApp::spawn_with(&dir, &[], Some(data));
    let mut other = TestApp::fresh_client();
    std::mem::swap(&mut app.client, &mut other);
    app.login("root", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/bans",
            "/admin/bans",
            &[("target", "198.51.100.0/24"), ("note", "forty links")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let bans = app.text("/admin/bans").await;
    let lift = attr(
        &bans,
        "<form method=\"post\" action=\"/admin/bans/",
        "action",
    )
    .unwrap();
    std::mem::swap(&mut app.client, &mut other);
    (app, other, lift)
}

#[tokio::test]
async fn a_role_password_removal_or_lifted_ban_sent_after_the_session_lapsed_is_done_after_signing_in(
) {
    let (mut app, mut other, lift) = site().await;
    let users = "/admin/users";
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens(users).await;
    let bans = app.text("/admin/bans").await;

    // A role.
    sign_out(&app).await;
    let account = "/admin/users/farida";
    let fields = [("action", "role"), ("role", "moderator")];
    let page = sent_lapsed(&app, account, &csrf, &fields).await;
    assert!(
        page.contains("Change the role of farida to moderator."),
        "{page}"
    );
    let kept = hidden_fields(&page, account);
    assert!(
        kept.contains(&("action".into(), "role".into()))
            && kept.contains(&("role".into(), "moderator".into())),
        "{kept:?}"
    );
    assert!(
        seen(&mut app, &mut other, users)
            .await
            .contains("<td><bdi>farida</bdi></td><td>editor</td>"),
        "nothing done yet"
    );
    let r = send_again(&app, &page, account, &[], ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(TestApp::location(&r), "/admin/users?notice=role");
    assert!(seen(&mut app, &mut other, users)
        .await
        .contains("<td><bdi>farida</bdi></td><td>moderator</td>"));
    assert_eq!(app.get(users).await.status(), 200, "signed in again");

    // A password: never sent back, asked for again.
    sign_out(&app).await;
    let secret = "a passphrase never sent back";
    let fields = [
        ("action", "password"),
        ("password", secret),
        ("confirm", secret),
    ];
    let page = sent_lapsed(&app, account, &csrf, &fields).await;
    assert!(!page.contains(secret), "the password is not in the page");
    assert!(page.contains("Set a new password for farida."), "{page}");
    assert!(
        page.contains("The new password you typed was not kept"),
        "it says so: {page}"
    );
    let kept = hidden_fields(&page, account);
    assert!(
        kept.contains(&("action".into(), "password".into()))
            && kept.iter().all(|(n, _)| n != "password" && n != "confirm"),
        "{kept:?}"
    );
    assert!(
        page.contains("name=\"password\"") && page.contains("name=\"confirm\""),
        "asked for again: {page}"
    );
    let typed = [("password", secret), ("confirm", secret)];
    let r = send_again(&app, &page, account, &typed, ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(TestApp::location(&r), "/admin/users?notice=password");
    let farida = TestApp::fresh_client();
    let root = std::mem::replace(&mut app.client, farida);
    app.login("farida", secret).await;
    app.client = root;

    // An account removed.
    sign_out(&app).await;
    let account = "/admin/users/sam";
    let page = sent_lapsed(&app, account, &csrf, &[("action", "remove")]).await;
    assert!(page.contains("Remove the account sam."), "{page}");
    assert!(seen(&mut app, &mut other, users)
        .await
        .contains("<td><bdi>sam</bdi></td>"));
    let r = send_again(&app, &page, account, &[], ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(TestApp::location(&r), "/admin/users?notice=removed");
    assert!(!seen(&mut app, &mut other, users)
        .await
        .contains("<td><bdi>sam</bdi></td>"));

    // A ban lifted, from the Lift form of the bans page as it is.
    sign_out(&app).await;
    let sent = hidden_fields(&bans, &lift);
    let sent: Vec<(&str, &str)> = sent
        .iter()
        .filter(|(n, _)| n != "csrf")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let bans_csrf = hidden_fields(&bans, &lift)
        .into_iter()
        .find(|(n, _)| n == "csrf")
        .unwrap()
        .1;
    let page = sent_lapsed(&app, &lift, &bans_csrf, &sent).await;
    assert!(page.contains("Lift the ban on 198.51.100.0/24."), "{page}");
    assert!(seen(&mut app, &mut other, "/admin/bans")
        .await
        .contains("198.51.100.0/24"));
    let r = send_again(&app, &page, &lift, &[], ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(TestApp::location(&r), "/admin/bans?notice=unbanned");
    assert!(!seen(&mut app, &mut other, "/admin/bans")
        .await
        .contains("198.51.100.0/24"));

    let log = seen(&mut app, &mut other, "/admin/log").await;
    for action in ["role changed", "password set", "account removed"] {
        assert!(log.contains(action), "{action}: {log}");
    }
}

/// Signing in to such a form does it only for an account that may, with a
/// token that holds, and within the rules of the signed-in form: an editor,
/// a moderator or an author may not (403, and no session begins); a wrong
/// password is said so; a sign-in sent with a token that does not hold is
/// not tried; a signed-in browser whose token does not hold gets the form
/// again (403); an administrator cannot remove their own account this way
/// either.
#[tokio::test]
async fn a_lapsed_account_or_ban_form_is_done_only_for_an_account_that_may_with_a_token_that_holds()
{
    let (mut app, mut other, lift) = site().await;
    let users = "/admin/users";
    let account = "/admin/users/sam";
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens(users).await;
    sign_out(&app).await;
    let removal = sent_lapsed(&app, account, &csrf, &[("action", "remove")]).await;
    let still_there = |page: String| page.contains("<td><bdi>sam</bdi></td>");

    for who in ["farida", "mod", "sam"] {
        let r = send_again(&app, &removal, account, &[], (who, MOD_PASSWORD)).await;
        assert_eq!(r.status(), 403, "{who}: {}", r.text().await.unwrap());
        assert_ne!(app.get(users).await.status(), 200, "{who}: no session");
    }
    let r = send_again(&app, &removal, account, &[], ("root", "not the password")).await;
    assert_eq!(r.status(), 401);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("The username or password is not right"),
        "{page}"
    );
    assert!(page.contains("Remove the account sam."), "{page}");

    // A sign-in with a token that does not hold is not tried.
    let r = app
        .post_form(
            account,
            &[
                ("csrf", "not-a-token"),
                ("action", "remove"),
                ("login_username", "root"),
                ("login_password", MOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 401);
    assert_ne!(app.get(users).await.status(), 200, "no session");
    assert!(still_there(seen(&mut app, &mut other, users).await));

    // The ban: a moderator may lift it, an author may not.
    let (bans_csrf, _) = app.form_tokens("/admin/login").await;
    let page = sent_lapsed(&app, &lift, &bans_csrf, &[]).await;
    let r = send_again(&app, &page, &lift, &[], ("sam", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 403);
    assert!(seen(&mut app, &mut other, "/admin/bans")
        .await
        .contains("198.51.100.0/24"));

    // Signed in, with a token that does not hold: the form again, not done.
    app.login("root", MOD_PASSWORD).await;
    let r = app
        .post_form(account, &[("csrf", "not-a-token"), ("action", "remove")])
        .await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.unwrap();
    assert!(page.contains("could not be verified"), "{page}");
    assert!(page.contains("Remove the account sam."), "{page}");
    assert!(!page.contains("name=\"login_password\""), "{page}");
    assert!(still_there(seen(&mut app, &mut other, users).await));
    let r = send_again(&app, &page, account, &[], ("", "")).await;
    assert_eq!(r.status(), 303, "its fresh token holds");
    assert!(!still_there(seen(&mut app, &mut other, users).await));

    // An administrator's own account, signed in from the form: refused.
    sign_out(&app).await;
    let own = "/admin/users/root";
    let page = sent_lapsed(&app, own, &csrf, &[("action", "remove")]).await;
    let r = send_again(&app, &page, own, &[], ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 409);
    assert!(seen(&mut app, &mut other, users)
        .await
        .contains("<td><bdi>root</bdi></td>"));
}

/// Signs `root` in on this browser, chooses `lang` for the editorial pages
/// there, and ends the session, as signing out in another tab does: a
/// token of the accounts page, to send forms with.
async fn chosen_then_lapsed(app: &TestApp, lang: &str) -> String {
    app.login("root", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/account",
            "/admin/language",
            &[("lang", lang), ("back", "/admin/users")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (csrf, _) = app.form_tokens("/admin/users").await;
    sign_out(app).await;
    csrf
}

/// Posts `fields` and `csrf` to `path` from `client`, a browser without a
/// session that prefers `accept` (none when empty): the page (401).
async fn lapsed_in(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    accept: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> String {
    let mut sent = vec![("csrf", csrf)];
    sent.extend_from_slice(fields);
    let mut req = client.post(format!("{}{path}", app.url)).form(&sent);
    if !accept.is_empty() {
        req = req.header("accept-language", accept);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 401, "{path}");
    r.text().await.unwrap()
}

/// The `<html>` element's `lang` and `dir`.
fn lang_dir(page: &str) -> (Option<String>, Option<String>) {
    (attr(page, "<html", "lang"), attr(page, "<html", "dir"))
}

fn rtl(lang: &str) -> (Option<String>, Option<String>) {
    (Some(lang.to_string()), Some("rtl".to_string()))
}

/// The page comes back in the language the staff member chose on this
/// browser, whatever the browser prefers, right to left in Dari and
/// Pashto; in a browser that kept no choice, in the browser's language,
/// as the sign-in page is.
#[tokio::test]
async fn a_lapsed_account_or_ban_form_comes_back_in_the_staff_members_language() {
    let (app, _other, lift) = site().await;
    let english = "en-GB,en;q=0.9";

    let csrf = chosen_then_lapsed(&app, "fa").await;
    let role = [("action", "role"), ("role", "moderator")];
    let fa = lapsed_in(
        &app,
        &app.client,
        "/admin/users/farida",
        english,
        &csrf,
        &role,
    )
    .await;
    assert_eq!(lang_dir(&fa), rtl("fa"));
    assert!(fa.contains("نقش farida را به ناظر تغییر دهید."), "{fa}");
    // Its language links open the accounts page (a sign-in first), not the
    // address the form posts to, which takes no GET.
    assert!(fa.contains("href=\"/admin/users?lang=ps\""), "{fa}");
    assert!(!fa.contains("href=\"/admin/users/farida?lang="), "{fa}");
    assert!(fa.contains("نشست شما پایان یافته است"), "{fa}");
    let remove = [("action", "remove")];
    let fa = lapsed_in(&app, &app.client, "/admin/users/sam", "", &csrf, &remove).await;
    assert!(fa.contains("حساب sam را حذف کنید."), "{fa}");

    let csrf = chosen_then_lapsed(&app, "ps").await;
    let secret = "a passphrase never sent back";
    let password = [
        ("action", "password"),
        ("password", secret),
        ("confirm", secret),
    ];
    let ps = lapsed_in(
        &app,
        &app.client,
        "/admin/users/farida",
        "fa",
        &csrf,
        &password,
    )
    .await;
    assert_eq!(lang_dir(&ps), rtl("ps"));
    assert!(ps.contains("د farida لپاره نوی پټنوم وټاکئ."), "{ps}");
    assert!(!ps.contains(secret));
    let target = [("target", "198.51.100.0/24")];
    let ps = lapsed_in(&app, &app.client, &lift, english, &csrf, &target).await;
    assert_eq!(lang_dir(&ps), rtl("ps"));
    assert!(ps.contains("پر 198.51.100.0/24 بندیز لرې کړئ."), "{ps}");
    assert!(ps.contains("href=\"/admin/bans?lang=en\""), "{ps}");

    // A browser that kept no choice: its own language, else English.
    let other = TestApp::fresh_client();
    let fa = lapsed_in(
        &app,
        &other,
        "/admin/users/sam",
        "fa-AF,fa;q=0.9",
        "",
        &remove,
    )
    .await;
    assert_eq!(lang_dir(&fa), rtl("fa"));
    assert!(fa.contains("حساب sam را حذف کنید."), "{fa}");
    let ps = lapsed_in(&app, &other, &lift, "ps", "", &target).await;
    assert!(ps.contains("پر 198.51.100.0/24 بندیز لرې کړئ."), "{ps}");
    let en = lapsed_in(&app, &other, &lift, "", "", &target).await;
    assert_eq!(attr(&en, "<html", "lang").as_deref(), Some("en"));
}

/// The `Set-Cookie` of the staff member's language in `r`, if it has one.
fn lang_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("askaf_admin_lang="))
}

/// `path` (200) in this browser, which prefers `accept`.
async fn browsing(app: &TestApp, path: &str, accept: &str) -> String {
    let r = app
        .client
        .get(format!("{}{path}", app.url))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// A Dari moderator on an English browser: the editorial pages chosen in
/// Dari, the session lapses, and the word list sent then comes back in
/// Dari, as does the sign-in page the editorial addresses lead to, not in
/// the browser's English. The choice is kept in a cookie of its own, for
/// the editorial pages, not secret, that outlives the session; whoever
/// signs in next on the browser has it set to theirs by their pages.
#[tokio::test]
async fn a_lapsed_form_and_the_sign_in_page_are_in_the_language_chosen_on_this_browser() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .admin_post(
            "/admin/account",
            "/admin/language",
            &[("lang", "fa"), ("back", "/admin/words")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let kept = lang_cookie(&r).expect("the choice is kept in a cookie");
    assert!(
        kept.starts_with("askaf_admin_lang=fa;")
            && kept.contains("; HttpOnly")
            && kept.contains("; SameSite=Lax")
            && kept.contains("; Path=/admin")
            && !kept.contains("Secure"),
        "{kept}"
    );
    let age: i64 = kept
        .split("Max-Age=")
        .nth(1)
        .and_then(|a| a.split(';').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(age >= 30 * 24 * 3600, "it outlives the session: {kept}");
    let (csrf, _) = app.form_tokens("/admin/words").await;
    sign_out(&app).await;

    for accept in ["", "en-GB,en;q=0.9"] {
        let body = [("body", "casino")];
        let page = lapsed_in(&app, &app.client, "/admin/words", accept, &csrf, &body).await;
        assert_eq!(lang_dir(&page), rtl("fa"), "{accept}: {page}");
        assert!(page.contains("نشست شما پایان یافته است"), "{page}");
        assert!(
            page.contains(">casino</textarea>"),
            "the text is kept: {page}"
        );
    }
    // The sign-in page an editorial address leads to, in Dari too.
    let r = app.get("/admin/words").await;
    assert_eq!(r.status(), 303);
    let login = TestApp::location(&r);
    assert!(login.starts_with("/admin/login?next="), "{login}");
    let page = browsing(&app, &login, "en").await;
    assert_eq!(lang_dir(&page), rtl("fa"));
    assert!(page.contains("<h1 id=\"page-title\">ورود</h1>"), "{page}");
    // A language asked for in the address still wins.
    let ps = app.text("/admin/login?lang=ps").await;
    assert_eq!(lang_dir(&ps), rtl("ps"));

    // Whoever signs in next here has it set by their pages, once.
    app.login("ed", MOD_PASSWORD).await;
    let r = app.get("/admin").await;
    assert_eq!(r.status(), 200);
    let kept = lang_cookie(&r).expect("the editor's language");
    assert!(kept.starts_with("askaf_admin_lang=en;"), "{kept}");
    let r = app.get("/admin").await;
    assert_eq!(lang_cookie(&r), None, "set only when it changes");
    sign_out(&app).await;
    let page = browsing(&app, "/admin/login", "fa").await;
    assert_eq!(attr(&page, "<html", "lang").as_deref(), Some("en"));
}

/// What the sign-in box of a lapsed form says.
fn sign_in_legend(page: &str) -> String {
    let at = page
        .find("<fieldset class=\"editor-login\">")
        .unwrap_or_else(|| panic!("no sign-in: {page}"));
    let rest = &page[at..];
    let start = rest.find("<legend>").unwrap() + "<legend>".len();
    rest[start..start + rest[start..].find("</legend>").unwrap()].to_string()
}

/// The sign-in in a lapsed form says what signing in does there: saves
/// what was typed, or does what the form chose (a role changed, a password
/// set, an account removed or added, a ban lifted or added), in the staff
/// member's language.
#[tokio::test]
async fn the_sign_in_in_a_lapsed_form_says_what_it_does() {
    let (app, _other, lift) = site().await;
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens("/admin/users").await;
    sign_out(&app).await;
    let secret = "a passphrase never sent back";
    let forms = [
        (
            "/admin/users/farida",
            vec![("action", "role"), ("role", "moderator")],
            [
                "Sign in to change the role",
                "برای تغییر نقش وارد شوید",
                "د رول د بدلولو لپاره ننوځئ",
            ],
        ),
        (
            "/admin/users/farida",
            vec![
                ("action", "password"),
                ("password", secret),
                ("confirm", secret),
            ],
            [
                "Sign in to set the password",
                "برای تعیین رمز عبور وارد شوید",
                "د پټنوم د ټاکلو لپاره ننوځئ",
            ],
        ),
        (
            "/admin/users/sam",
            vec![("action", "remove")],
            [
                "Sign in to remove the account",
                "برای حذف حساب وارد شوید",
                "د حساب د ړنګولو لپاره ننوځئ",
            ],
        ),
        (
            lift.as_str(),
            vec![("target", "198.51.100.0/24")],
            [
                "Sign in to lift the ban",
                "برای برداشتن مسدودیت وارد شوید",
                "د بندیز د لرې کولو لپاره ننوځئ",
            ],
        ),
        (
            "/admin/users",
            vec![
                ("username", "newcomer"),
                ("role", "editor"),
                ("password", secret),
                ("confirm", secret),
            ],
            [
                "Sign in to add the account",
                "برای افزودن حساب وارد شوید",
                "د حساب د زیاتولو لپاره ننوځئ",
            ],
        ),
        (
            "/admin/bans",
            vec![("target", "192.0.2.1")],
            [
                "Sign in to add the ban",
                "برای مسدود کردن وارد شوید",
                "د بندیز د لګولو لپاره ننوځئ",
            ],
        ),
        (
            "/admin/words",
            vec![("body", "casino")],
            [
                "Sign in to save",
                "برای ذخیره وارد شوید",
                "د ساتلو لپاره ننوځئ",
            ],
        ),
    ];
    let other = TestApp::fresh_client();
    for (path, fields, [en, fa, ps]) in &forms {
        let page = sent_lapsed(&app, path, &csrf, fields).await;
        assert_eq!(sign_in_legend(&page), *en, "{path} {fields:?}");
        for (accept, want) in [("fa", fa), ("ps", ps)] {
            let page = lapsed_in(&app, &other, path, accept, "", fields).await;
            assert_eq!(sign_in_legend(&page), *want, "{accept}: {path} {fields:?}");
        }
    }
}

/// The add-account form sent after the session lapsed comes back with the
/// name and role as typed and its passwords empty (never written into a
/// page), and says why, as the set-password form does; so does the form
/// refused for a problem. The empty form says nothing of it.
#[tokio::test]
async fn an_add_account_form_sent_back_says_its_passwords_were_not_kept() {
    let (app, _other, _) = site().await;
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens("/admin/users").await;
    assert!(!app
        .text("/admin/users")
        .await
        .contains("The new password you typed was not kept"));
    sign_out(&app).await;
    let secret = "a passphrase never sent back";
    let account = [
        ("username", "newcomer"),
        ("role", "editor"),
        ("password", secret),
        ("confirm", secret),
    ];
    let note = |page: &str| {
        assert!(!page.contains(secret), "no password in the page");
        assert!(
            page.contains(
                "<p id=\"acc-password-note\">The new password you typed was not kept, so that it is never written into a page: type it again below, twice.</p>"
            ),
            "{page}"
        );
        let field = attr(page, "<input id=\"acc-pw\"", "aria-describedby");
        assert_eq!(field.as_deref(), Some("acc-password-note"), "{page}");
    };
    let page = sent_lapsed(&app, "/admin/users", &csrf, &account).await;
    assert!(page.contains("value=\"newcomer\""), "{page}");
    note(&page);

    // Signed in, refused for a name that is taken: the same.
    app.login("root", MOD_PASSWORD).await;
    let mut taken = account;
    taken[0] = ("username", "farida");
    let r = app.admin_post("/admin/users", "/admin/users", &taken).await;
    assert_eq!(r.status(), 422);
    note(&r.text().await.unwrap());
}

/// An account or ban form sent back says nothing was done, not that text
/// was saved or kept (it holds none, and a new password is not kept):
/// after the session lapsed, after a wrong sign-in, after too many, and
/// with a token that does not hold; in the staff member's language. A
/// form of typed text still says its text is kept.
#[tokio::test]
async fn an_action_form_sent_back_says_nothing_was_done() {
    let (app, _other, lift) = site().await;
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens("/admin/users").await;
    sign_out(&app).await;
    let says_not_done = |page: &str, done: &str| {
        assert!(page.contains(done), "{page}");
        for kept in ["nothing was saved", "Your text is kept"] {
            assert!(!page.contains(kept), "`{kept}`: {page}");
        }
    };
    let remove = [("action", "remove")];
    let page = sent_lapsed(&app, "/admin/users/sam", &csrf, &remove).await;
    says_not_done(
        &page,
        "Your session has expired, so nothing was done. Sign in at the foot of the form",
    );
    let target = [("target", "198.51.100.0/24")];
    let page = sent_lapsed(&app, &lift, &csrf, &target).await;
    says_not_done(&page, "so nothing was done");
    let other = TestApp::fresh_client();
    let page = lapsed_in(&app, &other, &lift, "fa", "", &target).await;
    assert!(
        page.contains("نشست شما پایان یافته است، بنابراین کاری انجام نشد."),
        "{page}"
    );
    let page = lapsed_in(&app, &other, &lift, "ps", "", &target).await;
    assert!(page.contains("نو هیڅ کار ونه شو."), "{page}");

    // A wrong sign-in, then too many.
    let mut sent = vec![("csrf", csrf.as_str()), ("action", "remove")];
    sent.extend([("login_username", "root"), ("login_password", "not it")]);
    let r = app.post_form("/admin/users/sam", &sent).await;
    assert_eq!(r.status(), 401);
    says_not_done(
        &r.text().await.unwrap(),
        "The username or password is not right, so nothing was done.",
    );
    let throttled = loop {
        let r = app.post_form("/admin/users/sam", &sent).await;
        if r.status() == 429 {
            break r.text().await.unwrap();
        }
        assert_eq!(r.status(), 401);
    };
    says_not_done(&throttled, "Nothing was done.");

    // Signed in, with a token that does not hold.
    app.login("mod", MOD_PASSWORD).await;
    let r = app
        .post_form(
            &lift,
            &[("csrf", "not-a-token"), ("target", "198.51.100.0/24")],
        )
        .await;
    assert_eq!(r.status(), 403);
    says_not_done(&r.text().await.unwrap(), "could not be verified");

    // The word list, typed text, is kept and says so.
    sign_out(&app).await;
    let page = sent_lapsed(&app, "/admin/words", &csrf, &[("body", "casino")]).await;
    assert!(page.contains("Your text is kept below"), "{page}");
}

/// An account form whose action is none of the three (an old or forged
/// form): without a session it is answered as the other editorial forms
/// are without one, 401 and the sign-in asked for, saying nothing of the
/// accounts; it was a 400 before anyone signed in (and so was a ban's
/// Lift form to a ban that is no number). With a session and a
/// token that holds, a 400 that says what to choose; with one that does
/// not hold, the 403 of a forged form. Nothing is done either way.
#[tokio::test]
async fn an_unknown_account_action_is_refused_only_once_signed_in() {
    let (mut app, mut other, _) = site().await;
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens("/admin/users").await;
    sign_out(&app).await;
    let account = "/admin/users/sam";
    let unknown = ("action", "promote");
    for sent in [
        vec![("csrf", csrf.as_str()), unknown],
        vec![unknown],
        vec![
            ("csrf", csrf.as_str()),
            unknown,
            ("login_username", "root"),
            ("login_password", "not it"),
        ],
    ] {
        let r = app.post_form(account, &sent).await;
        assert_eq!(r.status(), 401, "{sent:?}");
        let page = r.text().await.unwrap();
        assert!(page.contains("Log in at /admin/login"), "{sent:?}: {page}");
        assert!(!page.contains("Choose Change role"), "{sent:?}: {page}");
    }
    // The moderation form, for comparison: the same answer; and a ban's
    // Lift form to a ban that is no number.
    for path in ["/admin/comments/1", "/admin/bans/first/delete"] {
        let r = app
            .post_form(path, &[("csrf", csrf.as_str()), unknown])
            .await;
        assert_eq!(r.status(), 401, "{path}");
    }

    // Signed in from the form itself: a 400, and the session it began.
    let sent = [
        ("csrf", csrf.as_str()),
        unknown,
        ("login_username", "root"),
        ("login_password", MOD_PASSWORD),
    ];
    let r = app.post_form(account, &sent).await;
    assert_eq!(r.status(), 400);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Choose Change role, Set password or Remove."),);
    assert_eq!(app.get("/admin/users").await.status(), 200, "signed in");
    let r = app
        .admin_post("/admin/users", account, &[unknown, ("role", "admin")])
        .await;
    assert_eq!(r.status(), 400);
    let r = app
        .post_form(account, &[("csrf", "not-a-token"), unknown])
        .await;
    assert_eq!(r.status(), 403);
    let r = app
        .admin_post("/admin/bans", "/admin/bans/first/delete", &[])
        .await;
    assert_eq!(r.status(), 400);
    let users = seen(&mut app, &mut other, "/admin/users").await;
    assert!(users.contains("<td><bdi>sam</bdi></td>"), "{users}");
}

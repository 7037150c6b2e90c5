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
            .contains("<td>farida</td><td>editor</td>"),
        "nothing done yet"
    );
    let r = send_again(&app, &page, account, &[], ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(TestApp::location(&r), "/admin/users?notice=role");
    assert!(seen(&mut app, &mut other, users)
        .await
        .contains("<td>farida</td><td>moderator</td>"));
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
        .contains("<td>sam</td>"));
    let r = send_again(&app, &page, account, &[], ("root", MOD_PASSWORD)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(TestApp::location(&r), "/admin/users?notice=removed");
    assert!(!seen(&mut app, &mut other, users)
        .await
        .contains("<td>sam</td>"));

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
    let still_there = |page: String| page.contains("<td>sam</td>");

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
        .contains("<td>root</td>"));
}

/// The page comes back in the staff member's language (the browser's, as
/// the sign-in page's), right to left in Dari and Pashto.
#[tokio::test]
async fn a_lapsed_account_or_ban_form_comes_back_in_the_staff_members_language() {
    let (app, _other, lift) = site().await;
    app.login("root", MOD_PASSWORD).await;
    let (csrf, _) = app.form_tokens("/admin/users").await;
    sign_out(&app).await;
    let send = |path: String, accept: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let mut all = vec![("csrf", csrf.clone())];
        all.extend(fields.into_iter().map(|(n, v)| (n, v.to_string())));
        let req = app
            .client
            .post(format!("{}{path}", app.url))
            .header("accept-language", accept)
            .form(&all);
        async move {
            let r = req.send().await.unwrap();
            assert_eq!(r.status(), 401, "{path}");
            r.text().await.unwrap()
        }
    };
    let lang_dir = |page: &str| (attr(page, "<html", "lang"), attr(page, "<html", "dir"));
    let rtl = |l: &str| (Some(l.to_string()), Some("rtl".to_string()));

    let fa = send(
        "/admin/users/farida".into(),
        "fa-AF,fa;q=0.9",
        vec![("action", "role"), ("role", "moderator")],
    )
    .await;
    assert_eq!(lang_dir(&fa), rtl("fa"));
    assert!(fa.contains("نقش farida را به ناظر تغییر دهید."), "{fa}");
    // Its language links open the accounts page (a sign-in first), not the
    // address the form posts to, which takes no GET.
    assert!(fa.contains("href=\"/admin/users?lang=ps\""), "{fa}");
    assert!(!fa.contains("href=\"/admin/users/farida?lang="), "{fa}");
    assert!(fa.contains("نشست شما پایان یافته است"), "{fa}");
    let ps = send(
        "/admin/users/farida".into(),
        "ps",
        vec![
            ("action", "password"),
            ("password", "a passphrase never sent back"),
            ("confirm", "a passphrase never sent back"),
        ],
    )
    .await;
    assert_eq!(lang_dir(&ps), rtl("ps"));
    assert!(ps.contains("د farida لپاره نوی پټنوم وټاکئ."), "{ps}");
    assert!(!ps.contains("a passphrase never sent back"));
    let fa = send("/admin/users/sam".into(), "fa", vec![("action", "remove")]).await;
    assert!(fa.contains("حساب sam را حذف کنید."), "{fa}");
    let ps = send(lift, "ps", vec![("target", "198.51.100.0/24")]).await;
    assert_eq!(lang_dir(&ps), rtl("ps"));
    assert!(ps.contains("پر 198.51.100.0/24 بندیز لرې کړئ."), "{ps}");
    assert!(ps.contains("href=\"/admin/bans?lang=en\""), "{ps}");
}

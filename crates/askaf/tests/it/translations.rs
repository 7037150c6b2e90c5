//! Translations in the editor (issue 12, item 4), over real HTTP on one
//! server: translate an English article into Dari from its edit page,
//! change the original, see the translation marked out of date on the
//! list, on its edit page (with the diff) and on its public page; mark it
//! up to date; and the guards (cross-site post, an author's draft, a bad
//! revision next to its field).

use std::time::Duration;

use crate::editor::{
    edit_url, fields, long_body, post, publish_edit, shows_within, shows_within_2s,
    signed_in_editor, NEW,
};
use crate::helpers::{add_user, add_user_with, article, attr, TestApp, MOD_PASSWORD};

const SLUG: &str = "kabul-bridges-test";
const FA_EDIT: &str = "/admin/articles/fa/kabul-bridges-test/edit";
const UP_TO_DATE: &str = "/admin/articles/fa/kabul-bridges-test/up-to-date";
/// The start of the Dari notice's link, "Read the newer English original".
const NOTICE_LINK: &str = "متن اصلی تازه‌تر را به انگلیسی بخوانید";

/// The Dari translation's form as the translate page prefilled it, with
/// what a translator types.
fn dari(page: &str) -> Vec<(String, String)> {
    translated(
        page,
        "fa",
        [
            "پل‌های کابل از سنگ ساخته شده‌اند.\n\nرود کابل از میان شهر می‌گذرد.",
            "پل‌های کابل",
            "پل‌های کابل از چه ساخته شده‌اند؟",
            "بیشتر از سنگ.",
        ],
    )
}

/// The Pashto translation's form as the translate page prefilled it, with
/// what a translator types.
fn pashto(page: &str) -> Vec<(String, String)> {
    translated(
        page,
        "ps",
        [
            "د کابل زاړه پلونه له ډبرو جوړ شوي دي.",
            "د کابل پلونه",
            "د کابل پلونه له څه جوړ شوي دي؟",
            "ډېری له ډبرو.",
        ],
    )
}

/// Publishes the English original, one paragraph, from the new-article
/// form, and waits for its page.
async fn publish_original(app: &TestApp) {
    let r = post(
        app,
        NEW,
        NEW,
        "publish",
        fields(SLUG, "The old bridges of Kabul are built of stone.", &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(app, &format!("/en/{SLUG}"), "built of stone").await;
}

/// A translation's form into `lang` as the translate `page` prefilled it,
/// with the body, title, question and summary a translator types.
fn translated(page: &str, lang: &str, typed: [&str; 4]) -> Vec<(String, String)> {
    let value = |name: &str| {
        attr(page, &format!("name=\"{name}\""), "value")
            .unwrap_or_else(|| panic!("no field {name} on the translate page"))
    };
    let [body, title, question, summary] = typed;
    let mut f = fields(
        SLUG,
        body,
        &[
            ("lang", lang),
            ("title", title),
            ("question", question),
            ("summary", summary),
            ("translation_en", &value("translation_en")),
            ("translated_from_lang", "en"),
            (
                "translated_from_revision",
                &value("translated_from_revision"),
            ),
        ],
    );
    let own = format!("translation_{lang}");
    f.retain(|(k, _)| *k != own);
    f
}

#[tokio::test]
async fn a_translation_is_made_beside_its_original_and_marked_out_of_date_when_it_changes() {
    let (_data, mut app) = signed_in_editor().await;

    // The English original, published.
    let first =
        "The old bridges of Kabul are built of stone.\n\nThe Kabul river runs through the city.";
    let r = post(&app, NEW, NEW, "publish", fields(SLUG, first, &[])).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/en/{SLUG}"), "built of stone").await;

    // Its edit page offers the translations; the Dari one opens a new
    // draft prefilled from it, beside its paragraphs.
    let translate = format!("/admin/articles/en/{SLUG}/translate?into=fa");
    let edit = app.text(&edit_url(SLUG)).await;
    assert!(
        edit.contains(&format!(
            "<a href=\"{}\">Translate into Dari</a>",
            translate.replace('&', "&amp;")
        )),
        "{edit}"
    );
    let page = app.text(&translate).await;
    assert!(
        page.contains("action=\"/admin/articles/new\""),
        "a new article"
    );
    assert!(
        page.contains("<option value=\"fa\" lang=\"fa\" dir=\"rtl\" selected>"),
        "in Dari, its name marked as Dari"
    );
    assert_eq!(attr(&page, "name=\"slug\"", "value").unwrap(), SLUG);
    assert_eq!(
        attr(&page, "name=\"translation_en\"", "value").unwrap(),
        SLUG
    );
    assert_eq!(
        attr(&page, "name=\"source_url_0\"", "value").unwrap(),
        "https://example.org/water"
    );
    let recorded = attr(&page, "name=\"translated_from_revision\"", "value").unwrap();
    assert!(askaf_content::is_revision(&recorded), "{recorded}");
    let aside = &page[page
        .find("<aside class=\"original\"")
        .expect("the original beside the form")..];
    assert!(aside.contains("<li>The old bridges of Kabul are built of stone.</li>"));
    assert!(aside.contains("<li>The Kabul river runs through the city.</li>"));
    let body = &page[page.find("id=\"ed-body\"").unwrap()..];
    assert!(
        body.contains("built of stone.\n\nThe Kabul river"),
        "the body, paragraph by paragraph"
    );

    // A revision that is none is shown next to its field, the text kept.
    let mut bad = dari(&page);
    bad.iter_mut()
        .find(|(k, _)| k == "translated_from_revision")
        .unwrap()
        .1 = "yesterday".into();
    let r = post(&app, &translate, NEW, "draft", bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"err-translated_from\"><li>Translated from: the revision of the original must be an article&#39;s revision, 32 hexadecimal digits, not “<bdi>yesterday</bdi>”"), "{html}");
    assert!(html.contains("رود کابل از میان شهر می‌گذرد."));

    // Published: up to date everywhere.
    let r = post(&app, &translate, NEW, "publish", dari(&page)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/fa/{SLUG}"), "رود کابل از میان شهر").await;
    assert!(!app.text(&format!("/fa/{SLUG}")).await.contains(NOTICE_LINK));
    assert!(!app
        .text("/admin/articles?status=outdated")
        .await
        .contains(FA_EDIT));
    assert!(!app.text(FA_EDIT).await.contains("Translation out of date"));
    let edit = app.text(&edit_url(SLUG)).await;
    assert!(
        edit.contains(&format!(
            "<a href=\"{FA_EDIT}\">Edit the Dari translation</a>"
        )),
        "{edit}"
    );
    // The translate link now leads to the translation.
    let r = app.get(&translate).await;
    assert_eq!(TestApp::location(&r), FA_EDIT);
    // A Pashto one links its Dari sibling as well as the original.
    let ps = app
        .text(&format!("/admin/articles/en/{SLUG}/translate?into=ps"))
        .await;
    assert_eq!(attr(&ps, "name=\"translation_en\"", "value").unwrap(), SLUG);
    assert_eq!(attr(&ps, "name=\"translation_fa\"", "value").unwrap(), SLUG);

    // The original changes: the translation is out of date on the list,
    // on its edit page with what changed, and on its public page.
    let second = "The old bridges of Kabul are built of stone and brick.\n\nThe Kabul river runs through the city.";
    publish_edit(&app, SLUG, second, "stone and brick").await;
    let list = app.text("/admin/articles?status=outdated").await;
    assert!(list.contains(FA_EDIT), "{list}");
    assert!(list.contains("translation out of date"));
    assert!(!list.contains(&edit_url(SLUG)), "the original is not");
    let edit = app.text(FA_EDIT).await;
    assert!(edit.contains("Translation out of date"), "{edit}");
    // The revision it was made from and the current one, by their numbers
    // in the original's history, as the history names them: until
    // 6 December by their 32-digit hashes, which tell a translator nothing.
    let stale = stale_section(&edit);
    assert!(
        stale.contains(
            ", has changed since this translation was made from it (its revision #1; now #2)."
        ),
        "{stale}"
    );
    assert!(!stale.contains(&recorded), "{stale}");
    assert!(
        edit.contains("built of stone<ins> and brick</ins>."),
        "{edit}"
    );
    shows_within_2s(&app, &format!("/fa/{SLUG}"), NOTICE_LINK).await;
    let public = app.text(&format!("/fa/{SLUG}")).await;
    assert!(
        public.contains(&format!(
            "<a href=\"/en/{SLUG}\" hreflang=\"en\">{NOTICE_LINK}</a>"
        )),
        "{public}"
    );

    // Cross-site, it is refused.
    let r = app
        .client
        .post(format!("{}{UP_TO_DATE}", app.url))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", "x"), ("base", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // Without the revision it was opened on, nothing is marked, and the
    // editor is told what is missing; before, it was marked over whatever
    // the newest revision was.
    let r = app.admin_post(FA_EDIT, UP_TO_DATE, &[]).await;
    assert_eq!(r.status(), 400);
    let said = r.text().await.unwrap();
    assert!(said.contains("its base field"), "{said}");
    assert!(app
        .text("/admin/articles?status=outdated")
        .await
        .contains(FA_EDIT));

    // "Mark as up to date" is the editor form's button: what the
    // translator typed goes with it (it was a form of its own, which sent
    // the revision alone, and the text typed was lost), and a problem in it
    // is shown with the text handed back, nothing marked.
    assert!(
        edit.contains(r#"<button type="submit" form="editor-form" name="do" value="up-to-date""#),
        "{edit}"
    );
    assert!(edit.contains(r#"id="editor-form""#), "{edit}");
    let mut typed = translated(
        &page,
        "fa",
        [
            "پل‌های کابل از سنگ و خشت ساخته شده‌اند.\n\nرود کابل از میان شهر می‌گذرد.",
            "",
            "پل‌های کابل از چه ساخته شده‌اند؟",
            "بیشتر از سنگ.",
        ],
    );
    typed.retain(|(k, _)| k != "translated_from_revision");
    let r = post(&app, FA_EDIT, FA_EDIT, "up-to-date", typed).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("از سنگ و خشت ساخته"), "{html}");
    assert!(html.contains(r#"id="err-title""#), "{html}");
    assert!(app
        .text("/admin/articles?status=outdated")
        .await
        .contains(FA_EDIT));

    // Marked up to date by the editor: published so, the notice gone.
    let base = attr(&edit, "<input type=\"hidden\" name=\"base\"", "value").unwrap();
    let r = app
        .admin_post(FA_EDIT, UP_TO_DATE, &[("base", &base)])
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{FA_EDIT}?notice=up-to-date")
    );
    assert!(!app
        .text("/admin/articles?status=outdated")
        .await
        .contains(FA_EDIT));
    let edit = app.text(FA_EDIT).await;
    assert!(!edit.contains("Translation out of date"));
    assert!(
        !edit.contains(&format!("value=\"{recorded}\"")),
        "the new revision recorded"
    );
    let start = std::time::Instant::now();
    while app.text(&format!("/fa/{SLUG}")).await.contains(NOTICE_LINK) {
        assert!(
            start.elapsed().as_secs() < 2,
            "the notice stays on the page"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(app
        .text(&format!("/fa/{SLUG}"))
        .await
        .contains("رود کابل از میان شهر"));

    // An author (a translator) may mark it too, in a draft an editor
    // publishes: until then readers keep the notice.
    publish_edit(&app, SLUG, first, "built of stone.").await;
    shows_within_2s(&app, &format!("/fa/{SLUG}"), NOTICE_LINK).await;
    app.client = TestApp::fresh_client();
    app.login("writer", MOD_PASSWORD).await;
    let base = attr(
        &app.text(FA_EDIT).await,
        "<input type=\"hidden\" name=\"base\"",
        "value",
    )
    .unwrap();
    let r = app
        .admin_post(FA_EDIT, UP_TO_DATE, &[("base", &base)])
        .await;
    assert_eq!(
        TestApp::location(&r),
        format!("{FA_EDIT}?notice=up-to-date-draft")
    );
    assert!(
        !app.text(FA_EDIT).await.contains("Translation out of date"),
        "the draft is up to date"
    );
    assert!(
        app.text(&format!("/fa/{SLUG}")).await.contains(NOTICE_LINK),
        "the published one is not"
    );
}

/// The header's language links of a page (`<nav class="lang-switch">`):
/// each language's code and where its link goes.
pub(crate) fn language_links(page: &str) -> Vec<(String, String)> {
    let start = page
        .find("<nav class=\"lang-switch\"")
        .expect("the header's language links");
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    nav.match_indices("<a ")
        .map(|(i, _)| {
            let a = &nav[i..];
            (
                attr(a, "<a ", " lang").unwrap(),
                attr(a, "<a ", "href").unwrap(),
            )
        })
        .collect()
}

/// Language links as [`language_links`] gives them: where each goes.
pub(crate) fn links(en: &str, fa: &str, ps: &str) -> Vec<(String, String)> {
    [("en", en), ("fa", fa), ("ps", ps)]
        .iter()
        .map(|(l, h)| (l.to_string(), h.to_string()))
        .collect()
}

/// Waits up to 2 s for the language links of `path` to be `want`.
async fn links_within_2s(app: &TestApp, path: &str, want: &[(String, String)]) {
    let start = std::time::Instant::now();
    loop {
        let got = language_links(&app.text(path).await);
        if got == want {
            return;
        }
        assert!(
            start.elapsed().as_secs() < 2,
            "{path}: language links {got:?}, not {want:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The header's language links of the public pages, seen by an editor who is
/// logged in: the same article in the other language when it is published
/// (not while its translation is a draft, nor once it is unpublished), else
/// that language's home; the page is the one every reader gets, with no
/// admin bar and nothing of the account in it. On the editorial pages the
/// header's links go to each language's home and the admin bar chooses the
/// account's language.
#[tokio::test]
async fn the_language_links_follow_published_translations_for_a_logged_in_editor() {
    const SLUG: &str = "kabul-gardens-links-test";
    let fa_edit = format!("/admin/articles/fa/{SLUG}/edit");
    let (en_page, fa_page) = (format!("/en/{SLUG}"), format!("/fa/{SLUG}"));
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;

    let r = post(
        &app,
        NEW,
        NEW,
        "publish",
        fields(SLUG, "Kabul has old gardens.", &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &en_page, "Kabul has old gardens.").await;
    let untranslated = links(&en_page, "/fa/", "/ps/");
    let page = app.text(&en_page).await;
    assert_eq!(language_links(&page), untranslated);
    assert!(
        page.contains(&format!(
            "<a href=\"{en_page}\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">"
        )),
        "{page}"
    );
    // The bytes every reader gets: no admin bar, no account.
    let reader = app.reader_text(&en_page).await;
    assert_eq!(page, reader, "a logged-in editor gets the readers' page");
    assert!(!page.contains("admin-lang") && !page.contains("/admin/logout"));

    // A Dari translation saved as a draft is not served: Dari stays the home.
    let mut dari = fields(
        SLUG,
        "کابل باغ‌های کهن دارد.",
        &[
            ("lang", "fa"),
            ("title", "باغ‌های کابل"),
            ("question", "کابل چه باغ‌هایی دارد؟"),
            ("summary", "باغ‌های کهن."),
            ("translation_en", SLUG),
        ],
    );
    dari.retain(|(k, _)| k != "translation_fa");
    let r = post(&app, NEW, NEW, "draft", dari.clone()).await;
    assert_eq!(
        TestApp::location(&r),
        format!("{fa_edit}?notice=draft-saved")
    );
    assert_eq!(app.get(&fa_page).await.status(), 404);
    assert_eq!(language_links(&app.text(&en_page).await), untranslated);

    // Published, the links of both pages lead to each other.
    let r = post(&app, &fa_edit, &fa_edit, "publish", dari.clone()).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    links_within_2s(&app, &en_page, &links(&en_page, &fa_page, "/ps/")).await;
    let page = app.text(&fa_page).await;
    assert_eq!(language_links(&page), links(&en_page, &fa_page, "/ps/"));
    assert!(page.contains(&format!(
        "<a href=\"{fa_page}\" lang=\"fa\" hreflang=\"fa\" aria-current=\"true\">"
    )));

    // Unpublished, the English page's Dari link is the home again.
    let dari_again = dari.clone();
    let r = post(&app, &fa_edit, &fa_edit, "unpublish", dari).await;
    assert_eq!(
        TestApp::location(&r),
        format!("{fa_edit}?notice=unpublished")
    );
    links_within_2s(&app, &en_page, &untranslated).await;

    // On an editorial page: each language's home, and the admin bar's
    // buttons for the account's language, the current one marked.
    let admin = app.text(&edit_url(SLUG)).await;
    assert_eq!(language_links(&admin), links("/en/", "/fa/", "/ps/"));
    assert!(
        admin.contains(
            "<form method=\"post\" action=\"/admin/language\" class=\"inline admin-lang\">"
        ),
        "{admin}"
    );
    assert!(admin.contains("value=\"en\" lang=\"en\" dir=\"ltr\" class=\"button secondary\" aria-describedby=\"admin-lang-label\" aria-current=\"true\">English</button>"), "{admin}");

    // The English original unpublished while the Dari translation links to
    // it: the translation stays, its English link the home, and the editor
    // is told so.
    let r = post(&app, &fa_edit, &fa_edit, "publish", dari_again).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let en_edit = edit_url(SLUG);
    let english = fields(SLUG, "Kabul has old gardens.", &[]);
    let r = post(&app, &en_edit, &en_edit, "unpublish", english).await;
    assert_eq!(
        TestApp::location(&r),
        format!("{en_edit}?notice=unpublished-translations")
    );
    links_within_2s(&app, &fa_page, &links("/en/", &fa_page, "/ps/")).await;
    assert_eq!(app.get(&en_page).await.status(), 404);
    let notice = app
        .text(&format!("{en_edit}?notice=unpublished-translations"))
        .await;
    assert!(
        notice.contains("Its translations stay on the site"),
        "{notice}"
    );
}

/// The list's rows, each from its `<tr>` to its `</tr>`.
fn rows(list: &str) -> Vec<&str> {
    let body = &list[list.find("<tbody>").expect("the list's table")..];
    body.split("<tr>").skip(1).collect()
}

#[tokio::test]
async fn the_list_finds_what_is_not_yet_translated_and_starts_its_translation() {
    let (_data, app) = signed_in_editor().await;
    publish_original(&app).await;

    // The filter is a plain field of the list's form, next to the others.
    let list = app.text("/admin/articles").await;
    assert!(
        list.contains("<label for=\"f-missing\">Not yet translated into</label>"),
        "{list}"
    );
    assert!(list.contains("<select id=\"f-missing\" name=\"missing\">"));

    let into = |lang: &str| format!("/admin/articles/en/{SLUG}/translate?into={lang}");
    let ps_list = app.text("/admin/articles?missing=ps").await;
    assert!(
        ps_list.contains("<option value=\"ps\" lang=\"ps\" dir=\"rtl\" selected>"),
        "the choice kept"
    );
    let row = rows(&ps_list)
        .into_iter()
        .find(|r| r.contains(&format!("(en/{SLUG})")))
        .expect("the English article, not yet in Pashto");
    assert!(
        row.contains(&format!("<a href=\"{}\">Translate into Pashto", into("ps"))),
        "{row}"
    );
    // No article is listed as missing its own language.
    assert!(rows(&ps_list).iter().all(|r| !r.contains("(ps/")));

    // Started as a draft: still not published in Pashto, but its link
    // goes on with the draft rather than starting another.
    let page = app.text(&into("ps")).await;
    let pashto = pashto(&page);
    let r = post(&app, &into("ps"), NEW, "draft", pashto.clone()).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let ps_list = app.text("/admin/articles?missing=ps").await;
    let row = rows(&ps_list)
        .into_iter()
        .find(|r| r.contains(&format!("(en/{SLUG})")))
        .expect("a draft is no translation yet");
    assert!(
        row.contains(&format!(
            "<a href=\"/admin/articles/ps/{SLUG}/edit\">Edit the Pashto translation"
        )),
        "{row}"
    );
    // So does the original's edit page, and its "Translate into Pashto"
    // address, which a translator coming back to the draft follows: until
    // 6 December the page still offered to translate it, and the address
    // opened an empty new translation, the draft nowhere offered.
    let ps_edit = format!("/admin/articles/ps/{SLUG}/edit");
    let edit = app.text(&edit_url(SLUG)).await;
    assert!(
        edit.contains(&format!(
            "<a href=\"{ps_edit}\">Edit the Pashto translation</a>"
        )),
        "{edit}"
    );
    assert!(!edit.contains(&into("ps")), "{edit}");
    let r = app.get(&into("ps")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(TestApp::location(&r), ps_edit);

    // Published in Pashto: no longer listed for Pashto, still for Dari,
    // and the filter is kept by the list's other links.
    let r = post(
        &app,
        &format!("/admin/articles/ps/{SLUG}/edit"),
        &format!("/admin/articles/ps/{SLUG}/edit"),
        "publish",
        pashto,
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/ps/{SLUG}"), "د کابل زاړه پلونه").await;
    let ps_list = app.text("/admin/articles?missing=ps").await;
    assert!(!ps_list.contains(&format!("(en/{SLUG})")), "{ps_list}");
    let fa_list = app.text("/admin/articles?lang=en&missing=fa").await;
    assert!(fa_list.contains(&into("fa").replace('&', "&amp;")) || fa_list.contains(&into("fa")));
    assert!(rows(&fa_list).iter().all(|r| r.contains("(en/")));

    // In Dari and Pashto, the label in the editor's language.
    for (lang, label) in [
        ("fa", "هنوز ترجمه نشده به"),
        ("ps", "تر اوسه نه دی ژباړل شوی په"),
    ] {
        app.choose_admin_lang(lang).await;
        let list = app.text("/admin/articles").await;
        assert!(
            list.contains(&format!("<label for=\"f-missing\">{label}</label>")),
            "{lang}"
        );
    }
}

/// An original's edit page holds in its translation boxes the published
/// translations the site links it to, which named it when they were
/// made: until 7 December the boxes stayed empty though the links beside
/// them led to the Dari and the Pashto one, and a save of the original
/// said nothing of them. A draft translation is linked, not written in
/// its box: an original naming a translation not on the site is refused.
#[tokio::test]
async fn an_originals_translation_boxes_hold_its_published_translations() {
    let (_data, app) = signed_in_editor().await;
    publish_original(&app).await;
    let into = |lang: &str| format!("/admin/articles/en/{SLUG}/translate?into={lang}");
    let boxes = |edit: &str| {
        ["fa", "ps"].map(|l| attr(edit, &format!("name=\"translation_{l}\""), "value").unwrap())
    };

    // In Dari, published.
    let page = app.text(&into("fa")).await;
    let r = post(&app, &into("fa"), NEW, "publish", dari(&page)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/fa/{SLUG}"), "رود کابل از میان شهر").await;
    let edit = app.text(&edit_url(SLUG)).await;
    assert!(edit.contains(&format!(
        "<a href=\"{FA_EDIT}\">Edit the Dari translation</a>"
    )));
    assert_eq!(boxes(&edit), [SLUG, ""], "the Dari translation's box");

    // In Pashto, a draft: linked, its box left empty.
    let ps_edit = format!("/admin/articles/ps/{SLUG}/edit");
    let page = app.text(&into("ps")).await;
    let pashto = pashto(&page);
    let r = post(&app, &into("ps"), NEW, "draft", pashto.clone()).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let edit = app.text(&edit_url(SLUG)).await;
    assert!(edit.contains(&format!(
        "<a href=\"{ps_edit}\">Edit the Pashto translation</a>"
    )));
    assert_eq!(boxes(&edit), [SLUG, ""], "a draft's box");

    // Published in Pashto: its box holds it too.
    let r = post(&app, &ps_edit, &ps_edit, "publish", pashto).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/ps/{SLUG}"), "د کابل زاړه پلونه").await;
    let edit = app.text(&edit_url(SLUG)).await;
    assert!(edit.contains(&format!(
        "<a href=\"{ps_edit}\">Edit the Pashto translation</a>"
    )));
    assert_eq!(boxes(&edit), [SLUG, SLUG], "the Pashto translation's box");

    // The original saved as its page holds it, the links written in it,
    // is published, and its translations stay linked.
    let r = post(
        &app,
        &edit_url(SLUG),
        &edit_url(SLUG),
        "publish",
        fields(
            SLUG,
            "The old bridges of Kabul are built of stone and brick.",
            &[("translation_fa", SLUG), ("translation_ps", SLUG)],
        ),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/en/{SLUG}"), "stone and brick").await;
    let [en, fa, ps] = ["en", "fa", "ps"].map(|l| format!("/{l}/{SLUG}"));
    links_within_2s(&app, &en, &links(&en, &fa, &ps)).await;
    links_within_2s(&app, &ps, &links(&en, &fa, &ps)).await;
}

/// An original saved without a change to any field its translations
/// follow (title, question, short answer, tags, sources, body) leaves them
/// up to date: saved as its edit page holds it, the links to its
/// translations written in it for the first time, or with a new date.
/// Until 7 December its first save wrote those links, which changed its
/// revision, and its translations were shown out of date on the list, on
/// their edit pages (saying none of those fields had changed) and to
/// readers. A change to one of them still marks them.
#[tokio::test]
async fn an_original_saved_without_a_followed_change_leaves_its_translations_up_to_date() {
    let (_data, app) = signed_in_editor().await;
    publish_original(&app).await;
    let translate = format!("/admin/articles/en/{SLUG}/translate?into=fa");
    let page = app.text(&translate).await;
    let r = post(&app, &translate, NEW, "publish", dari(&page)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/fa/{SLUG}"), "رود کابل از میان شهر").await;
    let up_to_date = |page: &str| !page.contains("class=\"stale\"");
    let listed = || async {
        app.text("/admin/articles?status=outdated")
            .await
            .contains(FA_EDIT)
    };

    // Saved as its edit page holds it: the Dari box filled in, then a new
    // `updated` date and a source's day of access.
    let url = edit_url(SLUG);
    let body = "The old bridges of Kabul are built of stone.";
    let edit = app.text(&url).await;
    assert_eq!(
        attr(&edit, "name=\"translation_fa\"", "value").unwrap(),
        SLUG
    );
    let mut form = fields(SLUG, body, &[("translation_fa", SLUG)]);
    for (field, value) in [
        ("translation_fa", SLUG),
        ("updated", "2026-03-09"),
        ("source_accessed_0", "2026-03-05"),
    ] {
        form.retain(|(k, _)| k != field);
        form.push((field.to_string(), value.to_string()));
        let r = post(&app, &url, &url, "publish", form.clone()).await;
        assert_eq!(r.status(), 303, "{field}: {}", r.text().await.unwrap());
        assert!(up_to_date(&app.text(FA_EDIT).await), "{field}");
        assert!(!listed().await, "{field}");
        assert!(
            !app.text(&format!("/fa/{SLUG}")).await.contains(NOTICE_LINK),
            "{field}"
        );
    }
    assert!(
        app.text(&url).await.contains("2026-03-09"),
        "the saves were made"
    );

    // Its body changed: out of date.
    form.retain(|(k, _)| k != "body");
    form.push(("body".into(), format!("{body} And brick.")));
    let r = post(&app, &url, &url, "publish", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert!(!up_to_date(&app.text(FA_EDIT).await));
    assert!(listed().await);
    shows_within_2s(&app, &format!("/fa/{SLUG}"), NOTICE_LINK).await;
}

/// The "Translation out of date" section of an edit page.
fn stale_section(page: &str) -> &str {
    let stale = &page[page.find("<section class=\"stale\"").expect("out of date")..];
    &stale[..stale.find("</section>").unwrap()]
}

/// A translation whose original changed shows what changed in the
/// original as the history shows a change: the changed lines, word by
/// word, a few around them, each stretch headed by its line in the body;
/// not the whole body, where a change in its last paragraphs was out of
/// sight (until 6 December). A change in a field the translation follows
/// (title, question, short answer, tags, sources) is shown the same way,
/// headed by the field's name, in the form's order: until 7 December a
/// title-only change was said, not shown. An original that changed in
/// none of them (its dates) leaves it up to date (until 7 December it was
/// out of date, saying that none of them had changed).
#[tokio::test]
async fn a_stale_translation_shows_the_originals_changed_lines() {
    let (_data, app) = signed_in_editor().await;
    let r = post(
        &app,
        NEW,
        NEW,
        "publish",
        fields(SLUG, &long_body(&[]), &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let translate = format!("/admin/articles/en/{SLUG}/translate?into=fa");
    let page = app.text(&translate).await;
    let r = post(&app, &translate, NEW, "publish", dari(&page)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let changed = long_body(&[
        (2, "Paragraph 2 of the new body."),
        (29, "Paragraph 29 of the whole body."),
    ]);
    publish_edit(&app, SLUG, &changed, "the whole body").await;

    let edit = app.text(FA_EDIT).await;
    let stale = stale_section(&edit);
    let diff = &stale[stale.find("<div class=\"diff\"").expect("the diff")..];
    assert!(
        diff.starts_with("<div class=\"diff\" lang=\"en\" dir=\"ltr\""),
        "{diff}"
    );
    assert!(
        diff.contains("Paragraph 2 of the <ins>new </ins>body.")
            && diff.contains("Paragraph 29 of the <ins>whole </ins>body."),
        "{diff}"
    );
    for far in ["Paragraph 15 of", "Paragraph 10 of", "Paragraph 20 of"] {
        assert!(!diff.contains(far), "{far}: {diff}");
    }
    // Lines of the body: its second paragraph is its third line, the
    // stretch starting at its first; the 29th, its 57th, three after 54.
    let at = |line: &str| format!("<p class=\"diff-at\" lang=\"en\" dir=\"ltr\">{line}</p>");
    assert_eq!(diff.matches("class=\"diff-at\"").count(), 2, "{diff}");
    assert!(
        diff.contains(&at("Body, line 1")) && diff.contains(&at("Body, line 54")),
        "{diff}"
    );
    // In Dari and Pashto, as the history and a conflict head theirs: one
    // wording of a body line, in the editor's language and digits.
    for (lang, line) in [("fa", "متن، سطر ۵۴"), ("ps", "متن، کرښه ۵۴")] {
        app.choose_admin_lang(lang).await;
        let page = app.text(FA_EDIT).await;
        let head = format!("<p class=\"diff-at\" lang=\"{lang}\" dir=\"rtl\">{line}</p>");
        assert!(stale_section(&page).contains(&head), "{lang}: {page}");
    }
    app.choose_admin_lang("en").await;

    // Marked up to date, then the original changes in its fields alone:
    // each field shown as the body's lines are, headed by its name.
    let mut edit = edit;
    let mut form = fields(SLUG, &changed, &[]);
    for (change, heads, shown) in [
        (
            vec![("title", "Which bridges cross the Kabul river?")],
            vec!["Title"],
            vec!["<del>Where</del><span class=\"diff-apart\"> </span><ins>Which</ins> <del>does</del><span class=\"diff-apart\"> </span><ins>bridges</ins>"],
        ),
        (
            vec![
                ("summary", "From wells, the Qargha reservoir and the river."),
                ("tags", "water, kabul, rivers"),
                ("source_title_1", "Kabul river survey"),
                ("source_url_1", "https://example.org/river"),
                ("source_accessed_1", "2026-03-01"),
            ],
            vec!["Short answer", "Tags", "Sources"],
            vec![
                "<ins> and the river</ins>",
                "<ins>, rivers</ins>",
                "<ins>\nKabul river survey (https://example.org/river)</ins>",
            ],
        ),
        (vec![("updated", "2026-03-09")], vec![], vec![]),
    ] {
        let base = attr(&edit, "<input type=\"hidden\" name=\"base\"", "value").unwrap();
        let r = app
            .admin_post(FA_EDIT, UP_TO_DATE, &[("base", &base)])
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        assert!(!app.text(FA_EDIT).await.contains("class=\"stale\""));
        for (field, value) in &change {
            form.retain(|(k, _)| k != field);
            form.push((field.to_string(), value.to_string()));
        }
        let url = edit_url(SLUG);
        let r = post(&app, &url, &url, "publish", form.clone()).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        edit = app.text(FA_EDIT).await;
        if heads.is_empty() {
            assert!(!edit.contains("class=\"stale\""), "{edit}");
            continue;
        }
        let stale = stale_section(&edit);
        let diff = &stale[stale.find("<div class=\"diff\"").expect("the diff")..];
        let found: Vec<&str> = diff
            .split("<p class=\"diff-at\" lang=\"en\" dir=\"ltr\">")
            .skip(1)
            .map(|h| &h[..h.find("</p>").unwrap()])
            .collect();
        assert_eq!(found, heads, "{diff}");
        for words in shown {
            assert!(diff.contains(words), "{words}: {diff}");
        }
        // In Dari, a field is named as the Dari form names it.
        if heads.contains(&"Short answer") {
            app.choose_admin_lang("fa").await;
            let page = app.text(FA_EDIT).await;
            let head = "<p class=\"diff-at\" lang=\"fa\" dir=\"rtl\">پاسخ کوتاه</p>";
            assert!(stale_section(&page).contains(head), "{page}");
            app.choose_admin_lang("en").await;
        }
    }
}

/// On a site served from a content directory, the out-of-date notice
/// names every revision of the original in words an editor can place,
/// never by its hash: a translation made from a content file's version
/// that was then edited in the browser names it by its number in the
/// history (the history's first revision, the file's text as the editor
/// writes it, whose hash is not the file's); one whose original changed
/// only on disk, as the content file's version of the day the site first
/// served it. Until 6 December both read "(its revision 3052376d…; now
/// #2)" or two hashes.
#[tokio::test]
async fn a_translation_of_a_content_file_names_the_originals_revisions_without_hashes() {
    const ON_DISK: &str = "kabul-rivers-test";
    let content = tempfile::tempdir().unwrap();
    let en = content.path().join("en");
    std::fs::create_dir_all(&en).unwrap();
    let file = |slug: &str, body: &str| article(slug, "en", "", body);
    std::fs::write(
        en.join(format!("{SLUG}.md")),
        file(SLUG, "The old bridges of Kabul are built of stone."),
    )
    .unwrap();
    let rivers = en.join(format!("{ON_DISK}.md"));
    std::fs::write(&rivers, file(ON_DISK, "The Kabul river runs east.")).unwrap();
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let dir = content.path().to_str().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--content", dir], None);
    app.login("ed", MOD_PASSWORD).await;
    for slug in [SLUG, ON_DISK] {
        let translate = format!("/admin/articles/en/{slug}/translate?into=ps");
        let page = app.text(&translate).await;
        let mut form = translated(
            &page,
            "ps",
            [
                "د کابل پلونه له ډبرو جوړ دي.",
                "د کابل پلونه",
                "پلونه له څه جوړ دي؟",
                "له ډبرو.",
            ],
        );
        form.iter_mut().find(|(k, _)| k == "slug").unwrap().1 = slug.to_string();
        let r = post(&app, &translate, NEW, "publish", form).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    let hash = |s: &str| {
        s.split(|c: char| !c.is_ascii_hexdigit())
            .any(|w| w.len() >= 8)
    };

    // Edited in the browser: the file's version is #1 of the history.
    let second = "The old bridges of Kabul are built of stone and brick.";
    publish_edit(&app, SLUG, second, "stone and brick").await;
    let edit = app.text(&format!("/admin/articles/ps/{SLUG}/edit")).await;
    let stale = stale_section(&edit);
    assert!(
        stale.contains(
            ", has changed since this translation was made from it (its revision #1; now #2)."
        ),
        "{stale}"
    );

    // Changed on disk alone: no history, the file's versions by their day.
    std::fs::write(
        &rivers,
        file(ON_DISK, "The Kabul river runs east to the Indus."),
    )
    .unwrap();
    shows_within(
        &app,
        &format!("/en/{ON_DISK}"),
        "to the Indus",
        Duration::from_secs(20),
    )
    .await;
    let page = format!("/admin/articles/ps/{ON_DISK}/edit");
    let stale = stale_section(&app.text(&page).await).to_string();
    assert_eq!(
        stale.matches("the content file&#39;s version of ").count(),
        2,
        "{stale}"
    );
    assert!(!hash(&stale), "{stale}");
    app.choose_admin_lang("ps").await;
    let stale = stale_section(&app.text(&page).await).to_string();
    assert_eq!(
        stale.matches("د منځپانګې د فایل نسخه").count(),
        2,
        "{stale}"
    );
    assert!(!hash(&stale), "{stale}");
    let edit = app.text(&format!("/admin/articles/ps/{SLUG}/edit")).await;
    assert!(
        stale_section(&edit).contains("(د هغه ګڼه #۱؛ اوس #۲)"),
        "{edit}"
    );
}

/// That the Dari translation is up to date on its edit page, in the list
/// and on its page (`when`: at which step).
async fn up_to_date(app: &TestApp, when: &str) {
    let edit = app.text(FA_EDIT).await;
    assert!(!edit.contains("class=\"stale\""), "{when}: {edit}");
    let list = app.text("/admin/articles?status=outdated").await;
    assert!(!list.contains(FA_EDIT), "{when}: {list}");
    let page = app.text(&format!("/fa/{SLUG}")).await;
    assert!(!page.contains("outdated-translation"), "{when}: {page}");
}

/// A translation that recorded its original's whole text's revision (as
/// every translation did until 7 December), made from the original as it
/// is: saved with a new date alone, the original leaves it up to date, and
/// so does a restart after that save (the revision it records is no longer
/// the original's, and is placed from the store's record of served
/// revisions); a change to the original's body marks it out of date, with
/// the notes an editor and a reader see. Until 7 December that first save
/// marked it out of date, its edit page saying that nothing it follows had
/// changed.
async fn a_whole_text_revision_alarms_only_at_a_followed_change(db: Option<(&str, &str)>) {
    const BODY: &str = "The old bridges of Kabul are built of stone.";
    let content = tempfile::tempdir().unwrap();
    for lang in ["en", "fa"] {
        std::fs::create_dir_all(content.path().join(lang)).unwrap();
    }
    // The original as the editor's form below writes its fields.
    let original = format!(
        "+++\nslug = \"{SLUG}\"\nlang = \"en\"\ntitle = \"Where does Kabul's water come from?\"\n\
         question = \"Where does Kabul get its drinking water?\"\n\
         summary = \"From wells and the Qargha reservoir.\"\ntags = [\"water\", \"kabul\"]\n\
         published = 2026-03-01\nupdated = 2026-03-02\ntranslations = {{ fa = \"{SLUG}\" }}\n\n\
         [[sources]]\ntitle = \"Kabul water study\"\nurl = \"https://example.org/water\"\n\
         accessed = 2026-03-01\n+++\n\n{BODY}\n"
    );
    std::fs::write(content.path().join(format!("en/{SLUG}.md")), &original).unwrap();
    let whole = askaf_content::revision_of(&original);
    let translation = article(
        SLUG,
        "fa",
        &format!(
            "translations = {{ en = \"{SLUG}\" }}\n\
             translated_from = {{ lang = \"en\", revision = \"{whole}\" }}"
        ),
        "پل‌های کابل از سنگ ساخته شده‌اند.",
    );
    std::fs::write(content.path().join(format!("fa/{SLUG}.md")), translation).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut args = vec!["--content", content.path().to_str().unwrap()];
    if let Some((tcp, socket)) = db {
        add_user_with(
            data.path(),
            &["--database", tcp],
            "ed",
            "editor",
            MOD_PASSWORD,
        );
        args.extend(["--database", socket]);
    } else {
        add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    }
    let start = || async {
        let app = TestApp::spawn_with(data.path(), &args, None);
        app.login("ed", MOD_PASSWORD).await;
        app
    };
    let app = start().await;
    up_to_date(&app, "made from the original as it is").await;

    // Saved with a new `updated` date: nothing the translation follows.
    let url = edit_url(SLUG);
    let form = fields(
        SLUG,
        BODY,
        &[("translation_fa", SLUG), ("updated", "2026-03-09")],
    );
    let r = post(&app, &url, &url, "publish", form.clone()).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/en/{SLUG}"), "2026").await;
    assert!(
        app.text(&url).await.contains("2026-03-09"),
        "the save was made"
    );
    up_to_date(&app, "after a save of its date").await;
    drop(app);
    let app = start().await;
    up_to_date(&app, "after a restart").await;

    // Its body changed: out of date, said to the editor on the
    // translation's edit page and in the list, and to its readers.
    let mut form = form;
    form.retain(|(k, _)| k != "body");
    form.push(("body".into(), format!("{BODY} And brick.")));
    let r = post(&app, &url, &url, "publish", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let edit = app.text(FA_EDIT).await;
    let stale = stale_section(&edit);
    assert!(
        stale.contains("<h2 id=\"stale-title\">Translation out of date</h2>"),
        "{stale}"
    );
    assert!(
        stale.contains(", has changed since this translation was made from it"),
        "{stale}"
    );
    assert!(stale.contains("<ins> And brick.</ins>"), "{stale}");
    assert!(!stale.contains("are as they were then"), "{stale}");
    let list = app.text("/admin/articles?status=outdated").await;
    assert!(list.contains(FA_EDIT), "{list}");
    shows_within_2s(&app, &format!("/fa/{SLUG}"), NOTICE_LINK).await;
    let page = app.text(&format!("/fa/{SLUG}")).await;
    assert!(
        page.contains("<p class=\"notice outdated-translation\" role=\"note\">"),
        "{page}"
    );
}

#[tokio::test]
async fn a_translation_of_a_whole_text_revision_is_out_of_date_only_when_what_it_follows_changed() {
    a_whole_text_revision_alarms_only_at_a_followed_change(None).await;
}

#[tokio::test]
async fn a_translation_of_a_whole_text_revision_is_out_of_date_only_when_what_it_follows_changed_on_postgres(
) {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let (tcp, socket) = (db.url(), db.socket_url());
    a_whole_text_revision_alarms_only_at_a_followed_change(Some((&tcp, &socket))).await;
}

/// The header's `<nav class="lang-switch">` of a page, as HTML.
fn language_nav(page: &str) -> &str {
    let start = page
        .find("<nav class=\"lang-switch\"")
        .expect("the header's language links");
    &page[start..start + page[start..].find("</nav>").unwrap()]
}

/// A header's language link to a language the page is not in leads to
/// that language's home page, and says so in that language: a reader who
/// follows "پښتو" from an article expects the article in Pashto. A
/// screen reader reads the words; the link is underlined dotted. A page
/// that is in every language (the home, About, Ask) says nothing of it.
#[tokio::test]
async fn a_language_link_to_a_language_the_page_is_not_in_says_so() {
    const PS_ARTICLE: &str = "<a href=\"/ps/\" lang=\"ps\" hreflang=\"ps\" class=\"untranslated\">پښتو<span class=\"visually-hidden\"> — کورپاڼه؛ دا مقاله لا پښتو ته نه ده ژباړل شوې</span></a>";
    let app = TestApp::spawn().await;

    // English and Dari, not Pashto: Pashto's link says so, in Pashto, on
    // both pages; Dari's and English's lead to the article.
    for path in ["/en/afghan-currency", "/fa/afghan-currency"] {
        let page = app.text(path).await;
        assert_eq!(
            language_links(&page),
            links("/en/afghan-currency", "/fa/afghan-currency", "/ps/"),
            "{path}"
        );
        let nav = language_nav(&page);
        assert!(nav.contains(PS_ARTICLE), "{path}: {nav}");
        assert_eq!(nav.matches("untranslated").count(), 1, "{path}: {nav}");
    }
    // English alone: Dari's link says it in Dari.
    let nav = language_nav(&app.text("/en/travel-and-visas").await).to_string();
    assert!(
        nav.contains("<a href=\"/fa/\" lang=\"fa\" hreflang=\"fa\" class=\"untranslated\">دری<span class=\"visually-hidden\"> — صفحهٔ اصلی؛ این مقاله هنوز به دری ترجمه نشده است</span></a>"),
        "{nav}"
    );
    assert!(nav.contains(PS_ARTICLE), "{nav}");

    // A topic no Pashto question has: said of the topic, not an article.
    let nav = language_nav(&app.text("/fa/tags/economy").await).to_string();
    assert!(
        nav.contains("class=\"untranslated\">پښتو<span class=\"visually-hidden\"> — کورپاڼه؛ په دې موضوع لا په پښتو هېڅ پوښتنه نه ده لیکل شوې</span></a>"),
        "{nav}"
    );

    // The 404 of the article in Pashto: English and Dari lead to it, and
    // Pashto's own link (the page's language) says it is not there.
    let r = app.get("/ps/afghan-currency").await;
    assert_eq!(r.status(), 404);
    let page = r.text().await.unwrap();
    assert!(
        language_nav(&page).contains("aria-current=\"true\" class=\"untranslated\">پښتو<span class=\"visually-hidden\"> — کورپاڼه؛ دا مقاله لا پښتو ته نه ده ژباړل شوې</span></a>"),
        "{}",
        language_nav(&page)
    );

    for path in [
        "/en/",
        "/fa/about",
        "/ps/",
        "/ask?lang=ps",
        "/en/tags/government",
    ] {
        let page = app.text(path).await;
        assert!(
            !language_nav(&page).contains("untranslated"),
            "{path}: {}",
            language_nav(&page)
        );
    }
}

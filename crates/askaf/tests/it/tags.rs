//! Topics' names per language (`/admin/tags`), over real HTTP: a topic
//! born in the editor shows its slug until an editor names it; a Dari page
//! then shows the Dari name, else the English one; the built-in names of
//! the sample site stand; the names survive a restart.

use std::time::Duration;

use crate::editor::{fields, post, shows_within_2s, signed_in_editor, NEW};
use crate::helpers::{TestApp, MOD_PASSWORD};

const SLUG: &str = "kabul-water-topic-test";
const TAG: &str = "water-supply";
const TAG_PAGE: &str = "/fa/tags/water-supply";

async fn name(app: &TestApp, en: &str, fa: &str, ps: &str) -> reqwest::Response {
    app.admin_post(
        "/admin/tags",
        "/admin/tags",
        &[
            ("tag", TAG),
            ("label_en", en),
            ("label_fa", fa),
            ("label_ps", ps),
        ],
    )
    .await
}

/// The `<h1>` of a page.
fn heading(html: &str) -> &str {
    let start = html.find("<h1").expect("an h1");
    let end = start + html[start..].find("</h1>").expect("its end");
    &html[start..end]
}

#[tokio::test]
async fn an_editor_names_a_topic_in_each_language_and_every_page_follows() {
    let (data, mut app) = signed_in_editor().await;
    let dir = data.path().to_path_buf();

    // A Dari article with a topic of its own: named by its slug.
    let form = fields(
        SLUG,
        "آب کابل از چاه‌ها و بند قرغه می‌آید.",
        &[
            ("lang", "fa"),
            ("title", "آب کابل"),
            ("question", "آب کابل از کجا می‌آید؟"),
            ("summary", "از چاه‌ها و بند قرغه."),
            ("tags", TAG),
        ],
    );
    let r = post(&app, NEW, NEW, "publish", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, &format!("/fa/{SLUG}"), "بند قرغه").await;
    assert!(heading(&app.text(TAG_PAGE).await).contains(TAG));

    // The topics' page: a field per language, the built-in names shown
    // for what an empty field means.
    let page = app.text("/admin/tags").await;
    assert!(page.contains(&format!("id=\"tag-{TAG}\"")), "{page}");
    assert!(page.contains(&format!(
        "id=\"tag-{TAG}-fa\" name=\"label_fa\" value=\"\" lang=\"fa\" dir=\"rtl\""
    )));
    assert!(page.contains("placeholder=\"دیپلوماسی\""), "{page}");

    // An English name only: the Dari pages fall back to it.
    let r = name(&app, "Water supply", "", "").await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    // The topics' page says what an empty Dari field now shows.
    assert!(app
        .text("/admin/tags")
        .await
        .contains(&format!("id=\"tag-{TAG}-fa\" name=\"label_fa\" value=\"\" lang=\"fa\" dir=\"rtl\" maxlength=\"80\" placeholder=\"Water supply\"")));
    // In its own language on the Dari page, its heading too.
    assert!(heading(&app.text(TAG_PAGE).await)
        .contains("<span lang=\"en\" dir=\"ltr\">Water supply</span>"));
    assert!(app.text(&format!("/fa/{SLUG}")).await.contains(&format!(
        "href=\"/fa/tags/{TAG}\" lang=\"en\" dir=\"ltr\">Water supply</a>"
    )));

    // A Dari name: the Dari topic page, the article and the home page's
    // list of topics say it at once; an article without the topic is not
    // made again.
    let other = "/fa/afghan-currency";
    app.text(other).await;
    let rendered = || async {
        app.json("/healthz").await["pages"]["rendered"]
            .as_u64()
            .unwrap()
    };
    let before = rendered().await;
    let r = name(&app, "Water supply", "آب آشامیدنی", "").await;
    assert_eq!(r.status(), 303);
    assert!(!app.text(other).await.contains("آب آشامیدنی"));
    assert_eq!(rendered().await, before, "{other} was made again");
    assert!(heading(&app.text(TAG_PAGE).await).contains("آب آشامیدنی"));
    assert!(app
        .text(&format!("/fa/{SLUG}"))
        .await
        .contains("آب آشامیدنی"));
    assert!(app.text("/fa/").await.contains("آب آشامیدنی"));
    // The built-in names of the sample site stand.
    assert!(heading(&app.text("/fa/tags/diplomacy").await).contains("دیپلوماسی"));

    // A name too long is not saved, and comes back as typed.
    let long = "آب".repeat(50);
    let r = name(&app, "Water supply", &long, "").await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains(&long));
    // A Dari name in Latin letters is not the Dari name: not saved, said.
    let r = name(&app, "Water supply", "Drinking water", "").await;
    assert_eq!(r.status(), 400);
    let said = r.text().await.unwrap();
    assert!(
        said.contains("Drinking water") && said.contains("another script"),
        "{said}"
    );
    assert!(heading(&app.text(TAG_PAGE).await).contains("آب آشامیدنی"));
    // An author may not name topics.
    let browser = app.client.clone();
    app.client = TestApp::fresh_client();
    app.login("writer", MOD_PASSWORD).await;
    assert_eq!(app.get("/admin/tags").await.status(), 403);
    app.client = browser;

    // The names are the store's: a restart shows them.
    assert!(app.terminate(Duration::from_secs(10)).is_some());
    let app = TestApp::spawn_with(&dir, &[], None);
    assert!(heading(&app.text(TAG_PAGE).await).contains("آب آشامیدنی"));
    assert!(heading(&app.text("/en/tags/diplomacy").await).contains("Diplomacy"));
    drop(data);
}

/// The article list's topic filter names each topic as the editor's pages
/// do, in their language, and filters by its slug: a Pashto editor picks
/// اقتصاد, not `economy`.
#[tokio::test]
async fn the_article_lists_topic_filter_names_topics_in_the_editors_language() {
    let (_data, app) = signed_in_editor().await;
    for (lang, economy) in [("ps", "اقتصاد"), ("fa", "اقتصاد"), ("en", "Economy")] {
        app.choose_admin_lang(lang).await;
        let page = app.text("/admin/articles?tag=economy").await;
        let at = page
            .find(r#"<select id="f-tag""#)
            .expect("the topic filter");
        let select = &page[at..at + page[at..].find("</select>").unwrap()];
        let option = format!(r#"<option value="economy" selected>{economy}</option>"#);
        assert!(select.contains(&option), "{lang}: {option} in {select}");
        assert!(
            !select.contains(">economy<"),
            "{lang}: the slug shown: {select}"
        );
    }
}

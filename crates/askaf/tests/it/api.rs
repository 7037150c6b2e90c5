use std::collections::HashSet;

use crate::helpers::{article, eventually, without_tags, TestApp};

#[tokio::test]
async fn articles_page_through_with_a_cursor() {
    let app = TestApp::spawn().await;
    let all = app.json("/api/v1/articles?limit=100").await;
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(all["articles"].as_array().unwrap().len(), total);
    assert!(all["next_cursor"].is_null());
    assert!(all["attribution"]["text"]
        .as_str()
        .unwrap()
        .contains("requires attribution and a link"));

    let mut seen = Vec::new();
    let mut path = "/api/v1/articles?limit=3".to_string();
    loop {
        let page = app.json(&path).await;
        let items = page["articles"].as_array().unwrap();
        assert!(items.len() <= 3);
        for a in items {
            assert!(["en", "fa", "ps"].contains(&a["lang"].as_str().unwrap()));
            assert!(!a["slug"].as_str().unwrap().is_empty());
            assert!(a["citation"]["text"]
                .as_str()
                .unwrap()
                .contains(a["url"].as_str().unwrap()));
            seen.push(format!(
                "{}/{}",
                a["lang"].as_str().unwrap(),
                a["slug"].as_str().unwrap()
            ));
        }
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/articles?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), total);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        total,
        "no article twice"
    );

    let fa = app.json("/api/v1/articles?lang=fa").await;
    assert!(fa["articles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["lang"] == "fa"));
    assert!(fa["articles"].as_array().unwrap().len() >= 4);
}

/// `en/a{i}.md`, last updated on day `day` of January 2026.
fn dated(i: usize, day: u32) -> String {
    article(&format!("a{i}"), "en", "", "A paragraph.").replace(
        "updated = 2026-01-02",
        &format!("updated = 2026-01-{day:02}"),
    )
}

/// The cursor is where the last page ended in the list's order, not an
/// article's place: an edit or an unpublished article between two pages
/// neither repeats an article nor fails the next page.
#[tokio::test]
async fn the_cursor_survives_edits_and_unpublished_articles_between_pages() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let en = content.path().join("en");
    std::fs::create_dir_all(&en).unwrap();
    // a0 is the newest, a4 the oldest.
    for i in 0..5 {
        std::fs::write(en.join(format!("a{i}.md")), dated(i, 10 - i as u32)).unwrap();
    }
    let dir = content.path().to_str().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--content", dir], None);
    let slugs = |page: &serde_json::Value| -> Vec<String> {
        page["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["slug"].as_str().unwrap().to_string())
            .collect()
    };
    let first = app.json("/api/v1/articles?limit=2").await;
    assert_eq!(slugs(&first), ["a0", "a1"]);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    assert!(!cursor.contains("a1"), "opaque: {cursor}");

    // The cursor's own article is edited and becomes the newest.
    std::fs::write(en.join("a1.md"), dated(1, 20)).unwrap();
    eventually("a1 edited", || async {
        app.json("/api/v1/articles?limit=1").await["articles"][0]["slug"] == "a1"
    })
    .await;
    let second = app
        .json(&format!("/api/v1/articles?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(
        slugs(&second),
        ["a2", "a3"],
        "nothing of the first page again"
    );

    // The cursor's article is unpublished before the next page is asked for.
    let cursor = second["next_cursor"].as_str().unwrap().to_string();
    std::fs::remove_file(en.join("a3.md")).unwrap();
    eventually("a3 unpublished", || async {
        app.get("/api/v1/articles/en/a3").await.status() == 404
    })
    .await;
    let third = app
        .json(&format!("/api/v1/articles?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(slugs(&third), ["a4"]);
    assert!(third["next_cursor"].is_null());
    assert!(third["next"].is_null());

    // A cursor this API did not give out is still a clear 400.
    let r = app.get("/api/v1/articles?cursor=en.a2").await;
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .starts_with("cursor: "));
}

#[tokio::test]
async fn an_article_carries_its_paragraphs_sources_and_attribution() {
    let app = TestApp::spawn().await;
    let a = app
        .json("/api/v1/articles/en/who-governs-afghanistan")
        .await;
    assert_eq!(a["lang"], "en");
    assert_eq!(a["slug"], "who-governs-afghanistan");
    assert!(a["attribution"]["text"]
        .as_str()
        .unwrap()
        .starts_with("AskAfghanistan ("));
    assert!(a["text"]
        .as_str()
        .unwrap()
        .contains("Key limitations remain:\n\n- "));
    assert!(!a["sources"].as_array().unwrap().is_empty());
    let translations: Vec<&str> = a["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["lang"].as_str().unwrap())
        .collect();
    assert!(translations.contains(&"fa") && translations.contains(&"ps"));
    // Every paragraph link resolves to an anchor on the page.
    let page = app.text("/en/who-governs-afghanistan").await;
    let paragraphs = a["paragraphs"].as_array().unwrap();
    assert!(paragraphs.len() > 10);
    for p in paragraphs {
        let url = p["url"].as_str().unwrap();
        let anchor = url.rsplit_once('#').unwrap().1;
        assert!(page.contains(&format!("id=\"{anchor}\"")), "{url}");
        assert!(!p["text"].as_str().unwrap().is_empty());
    }
}

/// An answer's `highlights` are where its `<mark>`s stand in its `text`,
/// counted in characters (Unicode code points), as a program that reads
/// the JSON counts them: in English past a curly apostrophe, and in Dari
/// and Pashto, whose letters take two bytes each. They were counted in
/// UTF-8 bytes, so a reuser's highlights fell beside the words, or past
/// the end of the text.
#[tokio::test]
async fn an_answers_highlights_count_characters_of_its_text() {
    let app = TestApp::spawn().await;
    let mut checked = 0;
    for (lang, q) in [
        ("en", "What does the afghani’s symbol look like?"),
        ("fa", "پول افغانستان چیست؟"),
        ("ps", "په افغانستان کې کومې ژبې خبرې کېږي؟"),
    ] {
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", crate::ask::enc(q)))
            .await;
        assert_eq!(body["decision"], "answered", "{q}: {body}");
        for sentence in body["answer"].as_array().unwrap() {
            let text: Vec<char> = sentence["text"].as_str().unwrap().chars().collect();
            let highlighted: Vec<String> = sentence["highlights"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let (start, end) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                    assert!(start < end && end as usize <= text.len(), "{q}: {r}");
                    text[start as usize..end as usize].iter().collect()
                })
                .collect();
            assert_eq!(
                highlighted,
                marked(sentence["html"].as_str().unwrap()),
                "{q}: {sentence}"
            );
            checked += highlighted.len();
        }
    }
    assert!(checked >= 6, "{checked} highlights checked");
}

/// The text of each `<mark>` in `html`, its tags dropped and its
/// entities read.
fn marked(html: &str) -> Vec<String> {
    html.split("<mark>")
        .skip(1)
        .map(|rest| {
            without_tags(rest.split("</mark>").next().unwrap())
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// An article's API address whose language is written as another tag for
/// it, as `lang=` takes one (`fa-AF`, `prs`, `EN`), is sent to the site's
/// own (308, the query kept), as a page's address is: it was a 400 that
/// called the tag an "unknown language". A language the site does not
/// have is a 404, as a page's address in it is and as the static mirror
/// answers it (it was a 400 here and a 404 there): there is no article at
/// that address, which is what a reuser checking for one needs to hear;
/// its words name the languages the site has.
#[tokio::test]
async fn an_articles_address_with_a_language_tag_is_sent_to_the_sites_own() {
    let app = TestApp::spawn().await;
    for (tag, lang) in [
        ("fa-AF", "fa"),
        ("prs", "fa"),
        ("ps_AF", "ps"),
        ("EN", "en"),
    ] {
        let r = app
            .get(&format!(
                "/api/v1/articles/{tag}/who-governs-afghanistan?x=1"
            ))
            .await;
        assert_eq!(r.status(), 308, "{tag}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{tag}");
        let to = TestApp::location(&r);
        assert_eq!(
            to,
            format!("/api/v1/articles/{lang}/who-governs-afghanistan?x=1")
        );
        let a = app.json(&to).await;
        assert_eq!(a["lang"], lang, "{tag}");
    }
    for path in [
        "/api/v1/articles/de/who-governs-afghanistan",
        "/api/v1/articles/de/x",
        "/api/v1/articles/fa-/x",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        let tag = path.split('/').nth(4).unwrap();
        assert!(
            detail.contains(&format!("`{tag}`")) && detail.contains("en, fa (Dari) or ps (Pashto)"),
            "{path}: {detail}"
        );
    }
    // A page's address in that language is a 404 too.
    assert_eq!(app.get("/de/who-governs-afghanistan").await.status(), 404);
}

/// Whatever is asked under `/api`, `/api` itself included, is answered in
/// the API's one JSON shape with what to ask instead: `/api` was the
/// English HTML 404 of a page, as if it named a language of the site.
#[tokio::test]
async fn every_address_under_api_answers_in_json_naming_the_list() {
    let app = TestApp::spawn().await;
    let fa = TestApp::client_with("accept-language", "fa");
    for path in ["/api", "/api/", "/api/v2", "/api?lang=fa"] {
        let r = fa.get(format!("{}{path}", app.url)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        let content_type = r.headers()["content-type"].to_str().unwrap().to_string();
        assert!(
            content_type.starts_with("application/json"),
            "{path}: {content_type}"
        );
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap_or_default();
        assert!(detail.contains("/api/v1/articles"), "{path}: {body}");
    }
    // Not under `/api`: a page's address, in the reader's language.
    let r = fa.get(format!("{}/apis", app.url)).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains(r#"<html lang="fa""#));
}

/// An address the API does not have is a JSON 404 whatever the method: a
/// `POST`, `PUT` or `DELETE` there got a 405, as if the address existed and
/// took other methods. An address it has keeps its 405 (below).
#[tokio::test]
async fn an_address_the_api_lacks_is_a_json_404_for_every_method() {
    let app = TestApp::spawn().await;
    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        for path in [
            "/api",
            "/api/",
            "/api/v2/nothing",
            "/api/v1/articles/en",
            "/api/en/slug/comments",
        ] {
            let r = app
                .client
                .request(method.clone(), format!("{}{path}", app.url))
                .body("x")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{method} {path}");
            assert!(r.headers().get("allow").is_none(), "{method} {path}");
            assert_eq!(
                r.headers()["access-control-allow-origin"],
                "*",
                "{method} {path}"
            );
            let content_type = r.headers()["content-type"].to_str().unwrap().to_string();
            assert!(
                content_type.starts_with("application/json"),
                "{method} {path}: {content_type}"
            );
            let body: serde_json::Value = r.json().await.unwrap();
            let detail = body["errors"][0]["detail"].as_str().unwrap_or_default();
            assert!(
                detail.contains("/api/v1/articles"),
                "{method} {path}: {body}"
            );
        }
    }
}

/// A method the API does not take gets a 405 whose `Allow` names every
/// method it does take: `OPTIONS`, a browser's preflight, included (it
/// said `GET,HEAD`, while a preflight got 204).
#[tokio::test]
async fn the_apis_405_allows_what_it_takes() {
    let app = TestApp::spawn().await;
    for (method, path) in [
        (reqwest::Method::POST, "/api/v1/ask"),
        (reqwest::Method::DELETE, "/api/v1/articles"),
        (
            reqwest::Method::PUT,
            "/api/v1/articles/en/who-governs-afghanistan",
        ),
    ] {
        let r = app
            .client
            .request(method.clone(), format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} {path}");
        let allow = r.headers()["allow"].to_str().unwrap().to_string();
        let mut allowed: Vec<&str> = allow.split(',').map(str::trim).collect();
        allowed.sort_unstable();
        assert_eq!(allowed, ["GET", "HEAD", "OPTIONS"], "{method} {path}");
        let preflight = app
            .client
            .request(reqwest::Method::OPTIONS, format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(preflight.status(), 204, "OPTIONS {path}");
        assert_eq!(
            preflight.headers()["allow"].to_str().unwrap(),
            allow,
            "{path}"
        );
    }
    // Said as the API's other refusals are: `lang=`'s, else
    // `Accept-Language`'s (with `Vary`), else English; it was English
    // whatever was asked. The header's name stays as typed.
    for (accept, path, said) in [
        (Some("fa"), "/api/v1/ask", "این نشانی این روش"),
        (Some("fa"), "/api/v1/ask?lang=ps", "دا پته د غوښتنې"),
        (Some("ps-AF"), "/api/v1/articles", "دا پته د غوښتنې"),
        (None, "/api/v1/articles", "This address does not take"),
    ] {
        let client = match accept {
            Some(a) => TestApp::client_with("accept-language", a),
            None => TestApp::fresh_client(),
        };
        let r = client
            .post(format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{path}");
        let vary = crate::helpers::vary(&r).to_ascii_lowercase();
        assert!(vary.contains("accept-language"), "{path}: {vary}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        assert!(
            detail.starts_with(said) && detail.contains("Allow"),
            "{accept:?} {path}: {detail}"
        );
    }
}

/// What the README tells a reuser of the API's answers and lists: Ask's
/// answer is made for each request (`no-store`, no validator) and asks in
/// English when `lang` is left out; a list's `next` is the address of the
/// next page, `next_cursor` with it; an error is `no-store` and carries no
/// attribution.
#[tokio::test]
async fn the_apis_answers_and_lists_are_as_the_readme_says() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/ask?q=kabul").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.headers().get("etag").is_none());
    assert!(r.headers().get("last-modified").is_none());
    let answer: serde_json::Value = r.json().await.unwrap();
    assert_eq!(answer["lang"], "en", "{answer}");
    assert!(answer["attribution"]["text"].is_string(), "{answer}");

    let r = app.get("/api/v1/articles/en/no-such-article").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.headers().get("etag").is_none());
    let error: serde_json::Value = r.json().await.unwrap();
    assert!(error.get("attribution").is_none(), "{error}");

    let all = app.json("/api/v1/articles?lang=fa&limit=100").await;
    let first = app.json("/api/v1/articles?lang=fa&limit=2").await;
    assert_eq!(first["total"], all["articles"].as_array().unwrap().len());
    let cursor = first["next_cursor"].as_str().unwrap();
    let next = first["next"].as_str().unwrap();
    let path = next
        .find("/api/v1/articles?")
        .map(|at| &next[at..])
        .unwrap_or_else(|| panic!("not an address of the list: {next}"));
    assert!(path.contains(&format!("cursor={cursor}")), "{next}");
    let second = app.json(path).await;
    let by_cursor = app
        .json(&format!("/api/v1/articles?lang=fa&limit=2&cursor={cursor}"))
        .await;
    assert_eq!(second, by_cursor);
    assert_eq!(second["articles"][0], all["articles"][2]);
}

/// A parameter given twice is a 400 that names it and says to give it
/// once: it said axum's and serde's words, "Failed to deserialize query
/// string: duplicate field `lang`".
#[tokio::test]
async fn a_parameter_given_twice_is_named() {
    let app = TestApp::spawn().await;
    for (path, name) in [
        ("/api/v1/articles?lang=fa&lang=en", "lang"),
        ("/api/v1/articles?limit=1&limit=2", "limit"),
        ("/api/v1/ask?q=kabul&q=herat", "q"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 400, "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap().to_string();
        assert_eq!(
            detail,
            format!("{name}: given more than once; give it once"),
            "{path}"
        );
    }
    // Said as the API's other refusals are: in the language of `lang=`
    // (unless it is `lang` that came twice), else `Accept-Language`'s,
    // with `Vary: Accept-Language`. It was English whatever was asked.
    let ps = TestApp::client_with("accept-language", "ps");
    for (path, said) in [
        (
            "/api/v1/articles?lang=fa&limit=1&limit=2",
            "limit: بیش از یک بار",
        ),
        ("/api/v1/ask?lang=fa&q=kabul&q=herat", "q: بیش از یک بار"),
        ("/api/v1/articles?lang=fa&lang=en", "lang: له یو ځل زیات"),
        ("/api/v1/ask?q=kabul&q=herat", "q: له یو ځل زیات"),
    ] {
        let r = ps.get(format!("{}{path}", app.url)).send().await.unwrap();
        assert_eq!(r.status(), 400, "{path}");
        let vary = crate::helpers::vary(&r).to_ascii_lowercase();
        assert!(vary.contains("accept-language"), "{path}: {vary}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.starts_with(said), "{path}: {detail}");
    }
}

/// The list's `limit` and `cursor` refused in the language of `lang=`, as
/// the API's Ask says its errors in its `lang=` (`q: پرسشی بنویسید.`, its
/// 429): they were English whatever the language asked for. The
/// parameter's name, the value given and `next_cursor` stay as typed;
/// English without `lang=`.
#[tokio::test]
async fn the_lists_limit_and_cursor_are_refused_in_the_language_asked_for() {
    let app = TestApp::spawn().await;
    let detail = |path: String| {
        let app = &app;
        async move {
            let r = app.get(&path).await;
            assert_eq!(r.status(), 400, "{path}");
            let body: serde_json::Value = r.json().await.unwrap();
            body["errors"][0]["detail"].as_str().unwrap().to_string()
        }
    };
    // What Ask's API says in each language, to hold the list to it.
    let ask_said = detail("/api/v1/ask?lang=fa&q=".into()).await;
    assert_eq!(ask_said, "q: پرسشی بنویسید.");
    for (tag, digits) in [
        ("fa", "۱۰۰"),
        ("prs-AF", "۱۰۰"),
        ("ps", "۱۰۰"),
        ("en", "100"),
    ] {
        let said = detail(format!("/api/v1/articles?lang={tag}&limit=abc")).await;
        assert!(said.starts_with("limit: "), "{tag}: {said}");
        assert!(
            said.contains("abc") && said.contains(digits),
            "{tag}: {said}"
        );
        let said = detail(format!("/api/v1/articles?lang={tag}&cursor=zz")).await;
        assert!(said.starts_with("cursor: "), "{tag}: {said}");
        assert!(said.contains("next_cursor"), "{tag}: {said}");
        for said in [
            detail(format!("/api/v1/articles?lang={tag}&limit=0")).await,
            said,
        ] {
            // Past the parameter's name, the value and `next_cursor`: the
            // language's own words, no English one.
            let words = said
                .trim_start_matches("limit: ")
                .trim_start_matches("cursor: ")
                .replace("next_cursor", "");
            let english = words.contains("whole number") || words.contains("start again");
            assert_eq!(english, tag == "en", "{tag}: {said}");
        }
    }
}

/// Without `lang=`, the API's refusals that have words in each language
/// (a `limit`, a `cursor`, Ask's missing question) are said in the one the
/// browser's `Accept-Language` prefers, with `Vary: Accept-Language`, as
/// a page whose address names no language is: a Dari reader's page calling
/// the API read them in English whatever it asked. `lang=` still decides
/// where it is given, and a program that sends no `Accept-Language` gets
/// English as before.
#[tokio::test]
async fn without_lang_the_apis_refusals_follow_accept_language() {
    let app = TestApp::spawn().await;
    let said = |path: &'static str, accept: Option<&'static str>| {
        let app = &app;
        async move {
            let client = match accept {
                Some(a) => TestApp::client_with("accept-language", a),
                None => TestApp::fresh_client(),
            };
            let r = client
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{path}");
            let vary = crate::helpers::vary(&r);
            let body: serde_json::Value = r.json().await.unwrap();
            (
                body["errors"][0]["detail"].as_str().unwrap().to_string(),
                vary,
            )
        }
    };
    for (accept, tag) in [
        ("fa-AF,fa;q=0.9,en;q=0.5", "fa"),
        ("ps", "ps"),
        ("de, en-GB;q=0.8", "en"),
    ] {
        for (path, with_lang) in [
            (
                "/api/v1/articles?limit=0",
                format!("/api/v1/articles?limit=0&lang={tag}"),
            ),
            (
                "/api/v1/articles?cursor=zz",
                format!("/api/v1/articles?cursor=zz&lang={tag}"),
            ),
            ("/api/v1/ask?q=", format!("/api/v1/ask?q=&lang={tag}")),
        ] {
            let (detail, vary) = said(path, Some(accept)).await;
            let wanted = app
                .get(&with_lang)
                .await
                .json::<serde_json::Value>()
                .await
                .unwrap();
            assert_eq!(
                detail, wanted["errors"][0]["detail"],
                "{path} with {accept}"
            );
            assert!(
                vary.to_ascii_lowercase().contains("accept-language"),
                "{path}: {vary}"
            );
            let (english, _) = said(path, None).await;
            let english_wanted = app
                .get(&with_lang.replace(&format!("lang={tag}"), "lang=en"))
                .await;
            let english_wanted: serde_json::Value = english_wanted.json().await.unwrap();
            assert_eq!(english, english_wanted["errors"][0]["detail"], "{path}");
        }
    }
    // `lang=` wins over the header.
    let (detail, _) = said("/api/v1/articles?limit=0&lang=en", Some("fa")).await;
    assert!(detail.contains("whole number from 1 to 100"), "{detail}");
}

/// An article with a nested list, a list item of two paragraphs and links to
/// another article and to one of its own paragraphs, served on `site_url`.
fn spawn_with_lists_and_links() -> (TestApp, tempfile::TempDir, tempfile::TempDir) {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let en = content.path().join("en");
    std::fs::create_dir_all(&en).unwrap();
    let body = "See [the other article](/en/other), [its second paragraph](other#p-2) \
        and [ours](#p-2).\n\n\
        - Kabul\n  - Herat\n- Mazar\n\n  Balkh\n";
    std::fs::write(en.join("lists.md"), article("lists", "en", "", body)).unwrap();
    std::fs::write(
        en.join("other.md"),
        article("other", "en", "", "One.\n\nTwo."),
    )
    .unwrap();
    let dir = content.path().to_str().unwrap();
    let app = TestApp::spawn_with(
        data.path(),
        &["--content", dir, "--site-url", "https://ask.example"],
        None,
    );
    (app, content, data)
}

/// A list item's text keeps its words apart from a list nested in it and
/// from its second paragraph: "Kabul Herat", not "KabulHerat", which is
/// what the API's paragraphs and Ask's passages are made of.
#[tokio::test]
async fn a_list_items_text_keeps_its_nested_lists_words_apart() {
    let (app, _content, _data) = spawn_with_lists_and_links();
    let doc = app.json("/api/v1/articles/en/lists").await;
    let texts: Vec<&str> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Kabul Herat"), "{texts:?}");
    assert!(texts.contains(&"Mazar Balkh"), "{texts:?}");
}

/// The plain text (the API's `text` and the `.txt` form) is read away from
/// the site, as the API's `html` is: a link to one of the site's pages says
/// its whole address on `site_url`, not a path that leads nowhere there.
#[tokio::test]
async fn plain_text_names_the_sites_links_in_full() {
    let (app, _content, _data) = spawn_with_lists_and_links();
    let doc = app.json("/api/v1/articles/en/lists").await;
    let txt = app.text("/en/lists.txt").await;
    for (what, text) in [("API text", doc["text"].as_str().unwrap()), (".txt", &txt)] {
        for url in [
            "(https://ask.example/en/other)",
            "(https://ask.example/en/other#p-2)",
            "(https://ask.example/en/lists#p-2)",
        ] {
            assert!(text.contains(url), "{what} lacks {url}:\n{text}");
        }
        assert!(
            !text.contains(" (/") && !text.contains(" (#"),
            "{what}:\n{text}"
        );
    }
}

/// An API address with a slash after it (`/api/v1/articles/fa/slug/`, as
/// a hand-typed or pasted address may end) is sent to the address without
/// it (308, the query kept, readable by another site's script), as a
/// page's address is: it was the API's 404. Only when that address is
/// the API's: an article the site lacks is its 404 still, and a language
/// written as another tag for it goes to the site's own in one step.
#[tokio::test]
async fn an_api_address_with_a_slash_after_it_is_sent_to_the_one_without() {
    let app = TestApp::spawn().await;
    let slug = "who-governs-afghanistan";
    for (path, to) in [
        (
            format!("/api/v1/articles/fa/{slug}/"),
            format!("/api/v1/articles/fa/{slug}"),
        ),
        (
            format!("/api/v1/articles/ps/{slug}/?x=1"),
            format!("/api/v1/articles/ps/{slug}?x=1"),
        ),
        (
            format!("/api/v1/articles/en/{slug}//"),
            format!("/api/v1/articles/en/{slug}"),
        ),
        (
            format!("/api/v1/articles/fa-AF/{slug}/"),
            format!("/api/v1/articles/fa/{slug}"),
        ),
        (
            "/api/v1/articles/?lang=fa".to_string(),
            "/api/v1/articles?lang=fa".to_string(),
        ),
        (
            "/api/v1/ask/?q=capital".to_string(),
            "/api/v1/ask?q=capital".to_string(),
        ),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 308, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        assert_eq!(TestApp::location(&r), to, "{path}");
        let followed = app.get(&to).await;
        assert_eq!(followed.status(), 200, "{to}");
    }
    for path in [
        "/api/v1/articles/fa/no-such-article/",
        "/api/v1/articles/de/",
        "/api/",
        "/api/v1/",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
    }
}

/// A language after the list's or Ask's address, as a reuser guesses it
/// from the site's own `/en/…` addresses (`/api/v1/articles/en`), is sent
/// to the address that asks for it with `lang=` (308, the query after it,
/// readable by another site's script): it was a bare 404. A segment that
/// names no language of the site is a 404 still, whose words name the
/// addresses the API has.
#[tokio::test]
async fn a_language_after_the_lists_address_is_sent_to_lang() {
    let app = TestApp::spawn().await;
    for (path, to) in [
        ("/api/v1/articles/en", "/api/v1/articles?lang=en"),
        ("/api/v1/articles/fa/", "/api/v1/articles?lang=fa"),
        (
            "/api/v1/articles/ps-AF?limit=2",
            "/api/v1/articles?lang=ps&limit=2",
        ),
        (
            "/api/v1/articles/prs/?limit=1",
            "/api/v1/articles?lang=fa&limit=1",
        ),
        ("/api/v1/ask/fa?q=kabul", "/api/v1/ask?lang=fa&q=kabul"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 308, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        assert_eq!(TestApp::location(&r), to, "{path}");
        let followed = app.get(to).await;
        assert_eq!(followed.status(), 200, "{to}");
    }
    for path in [
        "/api/v1/articles/de",
        "/api/v1/articles/kabul",
        "/api/v1/ask/xx",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        for address in [
            "GET /api/v1/articles ",
            "?lang=en",
            "GET /api/v1/articles/{lang}/{slug}",
            "GET /api/v1/ask?q=",
        ] {
            assert!(detail.contains(address), "{path}: {detail}");
        }
    }
}

/// The API's 404 and its refusal of a `lang=` that names none of the
/// site's languages are said as its other refusals are: in the language
/// of `lang=` (of the address, for an article), else the one
/// `Accept-Language` prefers, with `Vary: Accept-Language`, else English.
/// Both were English whatever was asked. The one JSON shape stays.
#[tokio::test]
async fn the_apis_404_and_a_refused_lang_follow_the_readers_language() {
    let app = TestApp::spawn().await;
    let said = |path: &'static str, accept: Option<&'static str>| {
        let app = &app;
        async move {
            let client = match accept {
                Some(a) => TestApp::client_with("accept-language", a),
                None => TestApp::fresh_client(),
            };
            let r = client
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let vary = crate::helpers::vary(&r).to_ascii_lowercase();
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(
                body["errors"].as_array().map(Vec::len),
                Some(1),
                "{path}: {body}"
            );
            let detail = body["errors"][0]["detail"].as_str().unwrap().to_string();
            (status, detail, vary)
        }
    };
    // Words only each language's text has.
    let english = |d: &str| d.contains("not a language") || d.contains("No such address");
    let dari = |d: &str| d.contains("زبان‌های این سایت") || d.contains("نشانی‌های آن");
    let pashto = |d: &str| d.contains("سایټ له ژبو") || d.contains("پتې یې");
    for (path, status) in [
        ("/api/v1/articles?lang=de", 400),
        ("/api/v1/ask?lang=de&q=kabul", 400),
        ("/api/v1/articles/de/who-governs-afghanistan", 404),
        ("/api/v2/nothing", 404),
        ("/api", 404),
    ] {
        for (accept, in_it) in [
            (Some("fa-AF,fa;q=0.9"), &dari as &dyn Fn(&str) -> bool),
            (Some("ps"), &pashto),
            (Some("de, en;q=0.5"), &english),
            (None, &english),
        ] {
            let (got, detail, vary) = said(path, accept).await;
            assert_eq!(got, status, "{path} {accept:?}");
            assert!(in_it(&detail), "{path} {accept:?}: {detail}");
            assert!(
                vary.contains("accept-language"),
                "{path} {accept:?}: {vary}"
            );
            if path.contains("lang=de") {
                assert!(detail.starts_with("lang: "), "{path}: {detail}");
            }
            if path.contains("/de/") || path.contains("lang=de") {
                assert!(
                    detail.contains("de") && detail.contains("fa-AF"),
                    "{detail}"
                );
            }
        }
    }
    // `lang=` (or the article's language) decides over the header.
    let (_, detail, _) = said("/api/v2/nothing?lang=ps", Some("fa")).await;
    assert!(pashto(&detail), "{detail}");
    let (status, detail, _) = said("/api/v1/articles/fa/no-such-article", Some("en")).await;
    assert_eq!(status, 404);
    assert!(dari(&detail), "{detail}");
    let (_, detail, _) = said("/api/v1/articles/en/no-such-article", Some("ps")).await;
    assert!(english(&detail), "{detail}");
}

/// Ask's 429 in the API is said as its other refusals are: `lang=`'s, else
/// `Accept-Language`'s with `Vary: Accept-Language`, else English, with
/// its `Retry-After`. Without `lang=` it was English for a Dari reader's
/// page too.
#[tokio::test]
async fn the_apis_429_follows_the_readers_language() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(data.path(), &["--ask-per-minute", "1"], None);
    assert_eq!(app.get("/api/v1/ask?q=kabul").await.status(), 200);
    for (accept, path, said) in [
        (Some("fa-AF"), "/api/v1/ask?q=kabul", "لطفاً"),
        (Some("fa"), "/api/v1/ask?q=kabul&lang=ps", "مهرباني وکړئ"),
        (None, "/api/v1/ask?q=kabul", "Please wait"),
    ] {
        let client = match accept {
            Some(a) => TestApp::client_with("accept-language", a),
            None => TestApp::fresh_client(),
        };
        let r = client
            .get(format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429, "{path}");
        assert!(r.headers().contains_key("retry-after"), "{path}");
        let vary = crate::helpers::vary(&r).to_ascii_lowercase();
        assert!(vary.contains("accept-language"), "{path}: {vary}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.starts_with(said), "{accept:?} {path}: {detail}");
    }
}

/// An address whose parts are not text once decoded (`%FF`) is the API's
/// one JSON refusal, 400, in the language of `lang=`, else the one
/// `Accept-Language` prefers, with `Vary: Accept-Language`, as the API's
/// other refusals are: it was axum's English words about its internals
/// ("The address cannot be read: Invalid UTF-8 in `slug`") whatever was
/// asked. Every route that reads its path or query is read through the
/// one extractor that says so.
#[tokio::test]
async fn an_unreadable_api_address_is_refused_in_the_readers_language() {
    let app = TestApp::spawn().await;
    for (accept, path, said) in [
        (
            None,
            "/api/v1/articles/en/%FF",
            "This address cannot be read",
        ),
        (
            None,
            "/api/v1/articles/%FF/kabul",
            "This address cannot be read",
        ),
        (
            Some("fa-AF"),
            "/api/v1/articles/en/%FF",
            "این نشانی خوانده نمی‌شود",
        ),
        (
            Some("fa"),
            "/api/v1/articles/en/%FF?lang=ps",
            "دا پته نه لوستل کېږي",
        ),
        (
            Some("ps"),
            "/api/v1/articles/%FF%FE/x",
            "دا پته نه لوستل کېږي",
        ),
    ] {
        let client = match accept {
            Some(a) => TestApp::client_with("accept-language", a),
            None => TestApp::fresh_client(),
        };
        let r = client
            .get(format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let vary = crate::helpers::vary(&r).to_ascii_lowercase();
        assert!(vary.contains("accept-language"), "{path}: {vary}");
        let body: serde_json::Value = r.json().await.unwrap();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.starts_with(said), "{accept:?} {path}: {detail}");
        assert!(
            !detail.contains("Invalid UTF-8") && !detail.contains("`slug`"),
            "{path}: {detail}"
        );
        assert_eq!(body["errors"].as_array().unwrap().len(), 1, "{body}");
    }
}

/// An article's address without its language, as a reuser guesses it
/// from a slug (`/api/v1/articles/who-governs-afghanistan`), is a 300
/// Multiple Choices that lists the article in each language it is in
/// (each version's `lang`, `title`, `url` and `api_url`), its `Location`
/// the version in the language of `lang=`, else the one `Accept-Language`
/// prefers, else the only one; it was the API's 404, which said there is
/// no such address while the article was there. A slug the site has in
/// no language is the 404 still.
#[tokio::test]
async fn an_articles_address_without_its_language_lists_its_versions() {
    let app = TestApp::spawn().await;
    for (accept, path, langs, location) in [
        (
            Some("fa-AF,fa;q=0.9"),
            "/api/v1/articles/who-governs-afghanistan",
            vec!["en", "fa", "ps"],
            Some("fa"),
        ),
        (
            Some("fa"),
            "/api/v1/articles/who-governs-afghanistan/?lang=ps",
            vec!["en", "fa", "ps"],
            Some("ps"),
        ),
        (
            None,
            "/api/v1/articles/afghan-currency",
            vec!["en", "fa"],
            None,
        ),
        (
            Some("ps"),
            "/api/v1/articles/afghanistan-economy",
            vec!["en"],
            Some("en"),
        ),
    ] {
        let client = match accept {
            Some(a) => TestApp::client_with("accept-language", a),
            None => TestApp::fresh_client(),
        };
        let r = client
            .get(format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 300, "{path}");
        let slug = path
            .trim_start_matches("/api/v1/articles/")
            .split(['/', '?'])
            .next()
            .unwrap();
        let wanted = location.map(|l| format!("/api/v1/articles/{l}/{slug}"));
        let got = r
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        assert_eq!(got, wanted, "{accept:?} {path}");
        let vary = crate::helpers::vary(&r).to_ascii_lowercase();
        assert!(vary.contains("accept-language"), "{path}: {vary}");
        assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        let versions = body["versions"].as_array().unwrap();
        let got: Vec<&str> = versions
            .iter()
            .map(|v| v["lang"].as_str().unwrap())
            .collect();
        assert_eq!(got, langs, "{path}: {body}");
        for v in versions {
            let api_url = v["api_url"].as_str().unwrap();
            assert!(
                api_url.starts_with(&app.url)
                    && api_url.ends_with(&format!(
                        "/api/v1/articles/{}/{slug}",
                        v["lang"].as_str().unwrap()
                    )),
                "{api_url}"
            );
            let article = app.json(api_url.trim_start_matches(&app.url)).await;
            assert_eq!(article["title"], v["title"], "{api_url}");
            assert_eq!(article["url"], v["url"], "{api_url}");
        }
    }
    let r = app.get("/api/v1/articles/no-such-article").await;
    assert_eq!(r.status(), 404);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("GET /api/v1/articles"),
        "{body}"
    );
}

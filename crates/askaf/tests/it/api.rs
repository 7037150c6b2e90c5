use std::collections::HashSet;

use crate::helpers::TestApp;

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

//! The API as reusers' programs read it, pinned with `insta` snapshots
//! (`tests/it/snapshots/`): the shape of each answer (every key and the
//! kind of its value, so an article's wording can change and the snapshot
//! not) and the exact words of its errors. A change to either shows in a
//! review as a changed snapshot, to accept with `cargo insta review` when
//! it is meant; in CI (`CI` set) a difference fails.

use serde_json::{json, Map, Value};

use crate::ask::enc;
use crate::helpers::TestApp;

/// Every key of `v` with the kind of its value; an array by the shape of
/// its first item.
fn shape(v: &Value) -> Value {
    match v {
        Value::Null => json!("null"),
        Value::Bool(_) => json!("bool"),
        Value::Number(_) => json!("number"),
        Value::String(_) => json!("string"),
        Value::Array(items) => match items.first() {
            Some(first) => json!([shape(first)]),
            None => json!([]),
        },
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

#[tokio::test]
async fn the_apis_answers_keep_their_shape() {
    let app = TestApp::spawn().await;
    let list = app.json("/api/v1/articles?limit=2").await;
    insta::assert_json_snapshot!("articles_list", shape(&list));
    let slug = list["articles"][0]["slug"].as_str().unwrap();
    let lang = list["articles"][0]["lang"].as_str().unwrap();
    let detail = app.json(&format!("/api/v1/articles/{lang}/{slug}")).await;
    insta::assert_json_snapshot!("article", shape(&detail));
    let answered = app
        .json(&format!(
            "/api/v1/ask?lang=en&q={}",
            enc("What is the capital of Afghanistan?")
        ))
        .await;
    assert_eq!(answered["abstained"], false, "{answered}");
    insta::assert_json_snapshot!("ask_answered", shape(&answered));
    let turned_away = app
        .json(&format!(
            "/api/v1/ask?lang=en&q={}",
            enc("What is the capital of France?")
        ))
        .await;
    assert_eq!(turned_away["abstained"], true, "{turned_away}");
    insta::assert_json_snapshot!("ask_turned_away", shape(&turned_away));
    // An article's address without its language: its versions (300).
    let r = app.get("/api/v1/articles/who-governs-afghanistan").await;
    assert_eq!(r.status(), 300);
    let versions: Value = r.json().await.unwrap();
    insta::assert_json_snapshot!("article_versions", shape(&versions));
}

#[tokio::test]
async fn the_apis_errors_say_what_to_do() {
    let app = TestApp::spawn().await;
    let mut said = Vec::new();
    for path in [
        "/api/v1/articles?cursor=zz",
        "/api/v1/articles?limit=abc",
        "/api/v1/articles?lang=de",
        "/api/v1/articles?lang=fa&lang=en",
        "/api/v1/articles/en/no-such-article",
        "/api/v1/articles/xx/kabul",
        "/api/v1/articles/en/%FF",
        "/api/v1/articles/de",
        "/api/v1/ask",
        "/api/v1/ask?q=",
        "/api/v1/nothing-here",
        "/api/",
        "/api",
    ] {
        let r = app.get(path).await;
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap();
        said.push(json!({ "GET": path, "status": status, "body": body }));
    }
    let r = app
        .client
        .post(format!("{}/api/v1/ask", app.url))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let allow = r.headers()["allow"].to_str().unwrap().to_string();
    let body: Value = r.json().await.unwrap();
    said.push(json!({ "POST": "/api/v1/ask", "status": status, "allow": allow, "body": body }));
    insta::assert_json_snapshot!("errors", said);
}

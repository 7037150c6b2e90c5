//! What readers want next (issue 12, item 6): the questions Ask could not
//! answer and the answers readers said did not answer them, grouped and
//! counted for the editors, each a link to a new draft.

use crate::helpers::{attr, TestApp, MOD_PASSWORD};

/// The page of an answered question asks "Did this answer your question?"
/// without JavaScript; a No (once per answer, never from another site) puts
/// the question and its answer on the editors' list beside the questions
/// that found no answer, grouped across spellings, and "Write an article for
/// this" opens a draft with the question filled in.
#[tokio::test]
async fn unanswered_questions_and_readers_no_become_what_editors_write_next() {
    let app = TestApp::spawn_for_comments(&[]);
    let html = app.text("/ask?q=Who+governs+Afghanistan%3F&lang=en").await;
    let token = attr(&html, "<input type=\"hidden\" name=\"token\"", "value")
        .expect("an answer offers the Yes/No form");
    assert!(html.contains("Did this answer your question?"), "{html}");
    let abstained = app
        .text("/ask?q=What+is+the+best+recipe+for+chocolate+cake%3F&lang=en")
        .await;
    assert!(abstained.contains("<h2 id=\"answer-title\">No clear answer yet</h2>"));
    assert!(
        !abstained.contains("name=\"token\""),
        "no Yes/No without an answer"
    );
    app.text("/ask?q=chocolate+CAKES%3A+the+best+recipe&lang=en")
        .await;

    let feedback = |site: &'static str, fields: Vec<(&'static str, String)>| {
        app.client
            .post(format!("{}/ask/feedback", app.url))
            .header("sec-fetch-site", site)
            .form(&fields)
            .send()
    };
    let no = || {
        vec![
            ("token", token.clone()),
            ("helpful", "no".to_string()),
            ("lang", "en".to_string()),
        ]
    };
    let r = feedback("cross-site", no()).await.unwrap();
    assert_eq!(r.status(), 403, "a forged vote is refused");
    let r = feedback(
        "same-origin",
        vec![("token", token.clone()), ("helpful", "maybe".into())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Choose Yes or No"));
    let r = feedback("same-origin", no()).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Editors see the questions"));
    let r = feedback("same-origin", no()).await.unwrap();
    assert_eq!(r.status(), 409, "one vote per answer");
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<h1>Already done</h1>") && !page.contains("Bad request"),
        "not the reader's mistake: {page}"
    );
    let r = feedback(
        "same-origin",
        vec![("token", "forged".into()), ("helpful", "no".into())],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 409);

    // A Yes keeps its question off the list.
    let html = app
        .text("/ask?q=What+currency+does+Afghanistan+use%3F&lang=en")
        .await;
    let yes = attr(&html, "<input type=\"hidden\" name=\"token\"", "value").unwrap();
    let r = feedback(
        "same-origin",
        vec![
            ("token", yes),
            ("helpful", "yes".into()),
            ("lang", "en".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);

    app.login("ed", MOD_PASSWORD).await;
    let list = app.text("/admin/questions").await;
    // Each cell without its label for a phone (`card-label`).
    let list = strip_card_labels(&list);
    let rows: Vec<&str> = list.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "two groups: {list}");
    // Newest first: the cake question, asked twice in other words.
    assert!(
        rows[0].contains("chocolate CAKES: the best recipe"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("<td>2</td><td>0</td>"), "{}", rows[0]);
    assert!(rows[1].contains("Who governs Afghanistan?"), "{}", rows[1]);
    assert!(rows[1].contains("<td>0</td><td>1</td>"), "{}", rows[1]);
    assert!(
        rows[1].contains("Answered with: <a href=\"/en/"),
        "{}",
        rows[1]
    );
    // The answer's sentence is marked with its article's language.
    let answer = rows[1].split("Answered with: ").nth(1).unwrap();
    assert!(
        answer.split('>').next().unwrap().contains(" lang=\"en\""),
        "{answer}"
    );
    assert!(!list.contains("currency"), "a Yes is not on the list");

    let write = attr(rows[0], "<a href=\"/admin/articles/new", "href").unwrap();
    let write = write.replace("&amp;", "&");
    assert_eq!(
        write,
        "/admin/articles/new?lang=en&question=chocolate%20CAKES%3A%20the%20best%20recipe"
    );
    let form = app.text(&write).await;
    assert!(
        form.contains("value=\"chocolate CAKES: the best recipe\""),
        "the draft's question is filled in"
    );
    // Why it found nothing: only "best" (in "best-known") is in the site.
    assert!(
        rows[0].contains("Why no answer: the nearest sentence covers too little of it."),
        "{}",
        rows[0]
    );
    // That sentence holds one of its four words: no article of the site
    // is near it, so none is linked, and writing one is the way on (the
    // list linked a sentence on the economy until 6 December).
    assert_no_article_linked(rows[0]);
    // An answered question a reader said No to has no such line.
    assert!(!rows[1].contains("Why no answer"), "{}", rows[1]);
}

/// The editors' list says why Ask turned a question away, and which
/// sentence it weighed and refused, linked to its paragraph: the site
/// lacks the subject, or a paragraph nearly answers it. In the editor's
/// language.
#[tokio::test]
async fn the_editors_list_says_why_a_question_found_no_answer() {
    let app = TestApp::spawn_for_comments(&[]);
    // "France" is in the geography article; "capital" in the cities one.
    let page = app
        .text("/ask?q=What+is+the+capital+of+France%3F&lang=en")
        .await;
    assert!(page.contains("No clear answer yet"), "{page}");
    app.login("ed", MOD_PASSWORD).await;
    let list = app.text("/admin/questions").await;
    let row = row_of(&list, "capital of France");
    assert!(
        row.contains(
            "Why no answer: a short question, and the nearest sentence lacks one of its words."
        ),
        "{row}"
    );
    assert!(
        row.contains("Nearest sentence, not quoted: <a href=\"/en/geography-and-climate#p-"),
        "{row}"
    );
    assert!(row.contains("a little larger than France"), "{row}");
    // The article that nearly answers it is a click away, to add a sentence.
    assert!(
        row.contains(
            "<a href=\"/admin/articles/en/geography-and-climate/edit\" class=\"question-fix\">Edit<"
        ),
        "{row}"
    );
    // In Dari, for an editor who reads the admin in Dari.
    let r = app
        .admin_post(
            "/admin/account",
            "/admin/language",
            &[("lang", "fa"), ("back", "/admin/questions")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let list = app.text("/admin/questions").await;
    assert!(list.contains("چرا پاسخی داده نشد:"), "{list}");
    assert!(list.contains("پرسشی کوتاه است"), "{list}");
    // The English sentence, on the Dari page, is marked as English (it
    // was read as Dari).
    let row = row_of(&list, "capital of France");
    assert!(
        row.contains(
            "<a href=\"/en/geography-and-climate#p-1\" lang=\"en\" dir=\"auto\">It covers"
        ),
        "{row}"
    );
}

/// A row of the editors' list that links no article: no sentence Ask
/// weighed, no article to edit or translate, only a new one to write.
fn assert_no_article_linked(row: &str) {
    assert!(!row.contains("Nearest sentence"), "{row}");
    assert!(!row.contains("question-fix"), "{row}");
    assert!(!row.contains("<a href=\"/en/"), "{row}");
    assert!(row.contains("<a href=\"/admin/articles/new?"), "{row}");
}

/// With the sentence model too, the list links the article Ask weighed
/// only when it is near the question: "chocolate CAKES" (unrelated to
/// anything on the site) links none, "the capital of France" the
/// geography article, whose sentence holds "France".
#[tokio::test]
async fn with_the_model_a_question_links_only_a_near_article() {
    let Some(model) = crate::ask::e5_dir() else {
        return;
    };
    let vectors = crate::ask::built_in_vectors(&model).await;
    let app = TestApp::spawn_for_comments_prepared(&["--model", model.to_str().unwrap()], |data| {
        vectors.put_into(data)
    });
    crate::ask::wait_for_vectors(&app).await;
    for q in [
        "chocolate+CAKES%3A+the+best+recipe",
        "What+is+the+capital+of+France%3F",
    ] {
        let page = app.text(&format!("/ask?q={q}&lang=en")).await;
        assert!(page.contains("No clear answer yet"), "{q}: {page}");
    }
    app.login("ed", MOD_PASSWORD).await;
    let list = app.text("/admin/questions").await;
    assert_no_article_linked(row_of(&list, "chocolate CAKES"));
    let row = row_of(&list, "capital of France");
    assert!(
        row.contains("Nearest sentence, not quoted: <a href=\"/en/geography-and-climate#p-"),
        "{row}"
    );
}

/// The row of `list` (the editors' list of questions) that holds `text`,
/// up to its end (not the page after the last row).
fn row_of<'a>(list: &'a str, text: &str) -> &'a str {
    let row = list
        .split("<tr>")
        .find(|r| r.contains(text))
        .expect("the question is listed");
    row.split("</tr>").next().unwrap_or(row)
}

/// A question an article of another language nearly answers links that
/// article's translation into the question's language: a Pashto reader's
/// question that only an English article comes near wants the Pashto
/// translation, not a new article (the list linked the English sentence's
/// page alone).
#[tokio::test]
async fn a_question_links_the_translation_that_would_answer_it() {
    let app = TestApp::spawn_for_comments(&[]);
    let page = app
        .text("/ask?q=What+is+the+capital+of+France%3F&lang=ps")
        .await;
    assert!(page.contains(r#"<html lang="ps""#), "{page}");
    app.login("ed", MOD_PASSWORD).await;
    let list = app.text("/admin/questions").await;
    let row = row_of(&list, "capital of France");
    assert!(row.contains("href=\"/en/geography-and-climate#p-"), "{row}");
    let translate = "/admin/articles/en/geography-and-climate/translate?into=ps";
    assert!(
        row.contains(&format!(
            "<a href=\"{translate}\" class=\"question-fix\">Translate into Pashto<"
        )),
        "{row}"
    );
    // It leads to the translation form, the original beside it.
    let form = app.text(translate).await;
    assert!(form.contains("class=\"original\""), "{form}");
}

/// `page` without the labels each cell of a card table carries for a phone.
fn strip_card_labels(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(at) = rest.find("<span class=\"card-label\">") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        rest = &after[after.find("</span>").unwrap() + "</span>".len()..];
    }
    out.push_str(rest);
    out
}

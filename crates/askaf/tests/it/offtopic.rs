//! Questions about other countries that share words with the articles
//! ("provinces", "capital", "president") must get "No clear answer yet", not
//! a confident quote about Afghanistan.

use crate::ask::enc;
use crate::helpers::TestApp;

/// Off-topic questions and the language they are asked in.
const OFF_TOPIC: &[(&str, &str)] = &[
    ("How many provinces does Canada have?", "en"),
    ("What is the capital of France?", "en"),
    ("Who is the president of Iran?", "en"),
    ("What currency does Japan use?", "en"),
    ("پایتخت فرانسه کجاست؟", "fa"),
    ("رئیس جمهور ایران کیست؟", "fa"),
];

/// Questions on which Ask answers today though it should abstain. This list
/// may only shrink: a question on it that starts abstaining fails the test
/// until it is taken off.
///
/// Without a model, the Dari question on Iran's president is answered with
/// the sentence on the governors under the Taliban, which shares its words.
/// Canada, Japan and France in Dari are abstained on because the answer
/// lacks the question's rarest word (`abstain_missing`); France's capital
/// and Iran's president in English because they are questions of two words
/// whose answer lacks one ("a little larger than France", "President Ghani
/// fled": `abstain_short`). With the multilingual model, meaning turns
/// France away (see the test below); Iran's president, in both languages,
/// is still answered with it, from passages on Afghanistan's presidents and
/// governors that stand close in meaning.
const EXPECTED_FAILURES: &[&str] = &["رئیس جمهور ایران کیست؟"];

#[tokio::test]
async fn ask_abstains_on_questions_about_other_countries() {
    let app = TestApp::spawn().await;
    println!("EXPECTED_FAILURES (answered though off-topic): {EXPECTED_FAILURES:#?}");
    for q in EXPECTED_FAILURES {
        assert!(
            OFF_TOPIC.iter().any(|(o, _)| o == q),
            "`{q}` is on EXPECTED_FAILURES but not asked"
        );
    }
    let mut wrong = Vec::new();
    for (q, lang) in OFF_TOPIC {
        let body = app
            .json(&format!("/api/v1/ask?lang={lang}&q={}", enc(q)))
            .await;
        let abstained = body["abstained"] == true;
        if abstained {
            assert!(
                body["answer"].as_array().is_some_and(|a| a.is_empty()),
                "{q}: abstained with an answer: {body}"
            );
        }
        let expected_to_fail = EXPECTED_FAILURES.contains(q);
        match (abstained, expected_to_fail) {
            (true, false) | (false, true) => {}
            (false, false) => wrong.push(format!(
                "`{q}` was answered with {}",
                body["answer"][0]["text"]
            )),
            (true, true) => {
                wrong.push(format!("`{q}` now abstains: take it off EXPECTED_FAILURES"))
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// With multilingual-e5-small (ASKAF_TEST_E5), on the whole built-in site
/// (its vectors encoded once for the binary: `ask::built_in_vectors`): the
/// questions the site has no answer to are abstained on by meaning, though
/// they share words with it ("France" is in the geography article, "apply"
/// in one on sanctions and the travel article is about visas), and the
/// questions the other API tests ask, in English and Dari, are still
/// answered. A Pashto question
/// that only the Dari article answers (the Pashto article names Kabul in
/// passing, not as the capital) is answered from it by meaning, quoted in
/// Dari, marked as such in Pashto and linked to its paragraph. Every
/// article's title and question, asked in its language, is answered from
/// that article.
#[tokio::test]
async fn with_the_multilingual_model_ask_abstains_by_meaning_and_still_answers() {
    let Some(model) = crate::ask::e5_dir() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    crate::ask::built_in_vectors(&model)
        .await
        .put_into(data.path());
    let app = TestApp::spawn_with(data.path(), &["--model", model.to_str().unwrap()], None);
    crate::ask::wait_for_vectors(&app).await;
    let ask = |q: &str, lang: &str| {
        let path = format!("/api/v1/ask?lang={lang}&q={}", enc(q));
        let app = &app;
        async move { app.json(&path).await }
    };
    for (q, lang) in [
        ("What is the capital of France?", "en"),
        ("Who won the 2022 World Cup?", "en"),
        ("How do I apply for a US visa?", "en"),
        ("How many provinces does Canada have?", "en"),
        ("What currency does Japan use?", "en"),
        // Short, and its answer lacks "Iran": the similarity alone (0.81)
        // must vouch for "Ashraf Ghani became president in 2014."
        ("Who is the president of Iran?", "en"),
        ("پایتخت فرانسه کجاست؟", "fa"),
    ] {
        let body = ask(q, lang).await;
        assert_eq!(body["abstained"], true, "{q}: {body}");
    }
    // The words found a sentence on sanctions holding one of the
    // question's three words; the model stands below its cutoff too, so
    // the words' rule for such an answer turns it away first.
    let body = ask("How do I apply for a US visa?", "en").await;
    assert_eq!(body["decision"], "one_word_held", "{body}");
    // One the words vouch for and the meaning does not.
    let body = ask("Who won the 2022 World Cup?", "en").await;
    assert_eq!(body["decision"], "far_in_meaning", "{body}");
    // What the lexical API test asks (ask.rs) is still answered, with the
    // same sentence's words: with E5 the Dari "where is the capital?" had
    // quoted "Kandahar … was Afghanistan's first capital" while the Dari
    // sentence on Kabul lacked "of Afghanistan" (its English original has it).
    for &(q, lang, holds) in crate::ask::BUILT_IN_ANSWERS {
        let body = ask(q, lang).await;
        assert_eq!(body["abstained"], false, "{q}: {body}");
        assert!(quoted_text(&body).contains(holds), "{q}: {body}");
        crate::citations::assert_citations_hold(&app, &body).await;
    }
    let body = ask("Which river flows through Jalalabad?", "en").await;
    assert_eq!(body["abstained"], false, "{body}");
    crate::citations::assert_citations_hold(&app, &body).await;
    for (q, lang, cited) in [
        (
            "What currency does Afghanistan use?",
            "en",
            "/en/afghan-currency#p-",
        ),
        (
            "Does Afghanistan have a coastline?",
            "en",
            "/en/geography-and-climate#p-",
        ),
        ("پول افغانستان چیه؟", "fa", "/fa/afghan-currency#p-"),
        // "What is Afghanistan's money called?": the currency article stands
        // first, and its sentence is quoted, not "the money is still frozen"
        // from the article on the government, whose title lacks "money".
        ("پول افغانستان چه نام دارد؟", "fa", "/fa/afghan-currency#p-"),
    ] {
        let body = ask(q, lang).await;
        assert_eq!(body["abstained"], false, "{q}: {body}");
        let citation = body["answer"][0]["path"].as_str().unwrap_or_default();
        assert!(citation.starts_with(cited), "{q}: {body}");
        // Answered in the reader's language: nothing marked.
        assert!(body["answer_from"].is_null(), "{q}: {body}");
    }

    // Each article's title and question, asked in its language, are
    // answered from that article: the Pashto article's own question had
    // been answered from the English time-zone table, and the Dari title's
    // first half from the provinces article.
    let articles = app.json("/api/v1/articles?limit=100").await;
    let articles = articles["articles"].as_array().unwrap();
    assert!(articles.len() >= 20, "{articles:?}");
    let first_half = "چه کسی افغانستان را اداره می‌کند؟";
    let asked = articles
        .iter()
        .flat_map(|a| {
            let (lang, slug) = (a["lang"].as_str().unwrap(), a["slug"].as_str().unwrap());
            ["title", "question"]
                .into_iter()
                .filter_map(move |k| Some((a[k].as_str()?.to_owned(), lang, slug)))
        })
        .chain([(first_half.to_owned(), "fa", "who-governs-afghanistan")]);
    for (q, lang, slug) in asked {
        let body = ask(&q, lang).await;
        let cited = body["answer"][0]["path"].as_str().unwrap_or_default();
        assert!(
            cited.starts_with(&format!("/{lang}/{slug}#p-")),
            "{lang} {q}: {body}"
        );
    }

    // "Where is the capital of Afghanistan?" in Pashto.
    let pashto = "د افغانستان پلازمېنه چېرته ده؟";
    let body = ask(pashto, "ps").await;
    assert_eq!(body["abstained"], false, "{body}");
    assert_eq!(body["answer_from"]["lang"], "fa", "{body}");
    assert_eq!(body["decision"], "answered_across", "{body}");
    let answer = &body["answer"][0];
    assert!(
        answer["path"]
            .as_str()
            .unwrap_or_default()
            .starts_with("/fa/provinces-and-cities#p-"),
        "{body}"
    );
    // The sentence closest in meaning, with its closer neighbour: Kabul is named.
    assert!(
        body["answer"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["text"].as_str().unwrap_or_default().contains("کابل")),
        "{body}"
    );
    // "From the Dari article", in Pashto.
    assert!(
        answer["source"]
            .as_str()
            .unwrap_or_default()
            .starts_with("له دري مقالې"),
        "{body}"
    );
    crate::citations::assert_citations_hold(&app, &body).await;
    // The Pashto passages come first among the results.
    let langs: Vec<&str> = body["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["article"]["lang"].as_str().unwrap_or_default())
        .collect();
    let first_other = langs.iter().position(|l| *l != "ps").unwrap_or(langs.len());
    assert!(langs[first_other..].iter().all(|l| *l != "ps"), "{langs:?}");
    // The page marks the quote and links it to its paragraph.
    let page = app.text(&format!("/ask?lang=ps&q={}", enc(pashto))).await;
    assert!(page.contains(r#"class="answer-across""#), "{page}");
    assert!(page.contains(r#"lang="fa" dir="rtl""#), "{page}");
    assert!(
        page.contains("href=\"/fa/provinces-and-cities#p-"),
        "{page}"
    );

    // "What is Afghanistan's money called?" in Pashto: the Pashto site holds
    // only "پیسې لا هم کنګلې دي." (the money is still frozen), close in
    // meaning but without the main word; the currency articles answer it.
    let body = ask("د افغانستان پیسې څه نومیږي؟", "ps").await;
    assert_eq!(body["abstained"], false, "{body}");
    assert_ne!(body["answer_from"], serde_json::Value::Null, "{body}");
    assert_eq!(body["decision"], "answered_across", "{body}");
    let citation = body["answer"][0]["path"].as_str().unwrap_or_default();
    assert!(
        citation.starts_with("/fa/afghan-currency#p-")
            || citation.starts_with("/en/afghan-currency#p-"),
        "{body}"
    );
    let quoted = quoted_text(&body);
    assert!(
        quoted.contains("افغانی") || quoted.contains("afghani"),
        "{body}"
    );
    crate::citations::assert_citations_hold(&app, &body).await;
    // "How many provinces does Afghanistan have?" in Pashto: every word of
    // it is in a Pashto list of the languages "of the northern provinces",
    // a passage far in meaning; the Dari and English articles say 34.
    let body = ask("افغانستان څو ولایتونه لري؟", "ps").await;
    assert_eq!(body["decision"], "answered_across", "{body}");
    let quoted = quoted_text(&body);
    assert!(quoted.contains("۳۴") || quoted.contains("34"), "{body}");
    crate::citations::assert_citations_hold(&app, &body).await;
    // Dari questions on subjects only the English articles cover: the
    // model puts them closer to Dari paragraphs on other subjects than to
    // the English ones that answer them, until each is taken from its
    // language's mean. "What colour is the Taliban's flag?", "When did
    // Afghanistan become independent?"
    for (q, cited, word) in [
        (
            "پرچم طالبان چه رنگی است؟",
            "/en/name-flag-and-time-zone#p-",
            "white",
        ),
        (
            "افغانستان چه زمانی مستقل شد؟",
            "/en/history-since-1919#p-",
            "1919",
        ),
        // "What is the population of Afghanistan?": its words chose a Dari
        // sentence on two provinces' populations, far in meaning once each
        // is taken from its language's mean; the English article answers.
        (
            "جمعیت افغانستان چقدر است؟",
            "/en/population-and-ethnic-groups#p-",
            "million",
        ),
    ] {
        let body = ask(q, "fa").await;
        assert_eq!(body["decision"], "answered_across", "{q}: {body}");
        assert_eq!(body["answer_from"]["lang"], "en", "{q}: {body}");
        let citation = body["answer"][0]["path"].as_str().unwrap_or_default();
        assert!(citation.starts_with(cited), "{q}: {body}");
        assert!(quoted_text(&body).contains(word), "{q}: {body}");
        crate::citations::assert_citations_hold(&app, &body).await;
    }
    // Questions on subjects the site does not cover stay unanswered in
    // every language ("What is the capital of France?", "Who won the 2022
    // World Cup?", "Who is the president of Iran?").
    for (q, lang) in [
        ("پایتخت فرانسه کجاست؟", "fa"),
        ("جام جهانی ۲۰۲۲ را کی برد؟", "fa"),
        ("د ایران ولسمشر څوک دی؟", "ps"),
    ] {
        let body = ask(q, lang).await;
        assert_eq!(body["abstained"], true, "{q}: {body}");
    }
    // A Pashto question its own articles answer with its main word stays in Pashto.
    let body = ask("د طالبانو مشر څوک دی؟", "ps").await;
    assert_eq!(body["abstained"], false, "{body}");
    assert!(body["answer_from"].is_null(), "{body}");
    assert!(
        body["answer"][0]["path"]
            .as_str()
            .unwrap_or_default()
            .starts_with("/ps/who-governs-afghanistan#p-"),
        "{body}"
    );
}

/// The text of every sentence an answer quotes, run together.
fn quoted_text(body: &serde_json::Value) -> String {
    body["answer"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| s["text"].as_str().unwrap_or_default())
        .collect()
}

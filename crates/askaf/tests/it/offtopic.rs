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
/// As of this list, all of them: each is answered with the sentence about
/// Afghanistan that shares its words (Afghanistan's 34 provinces for
/// Canada's, "a little larger than France" for France's capital, President
/// Ghani for Iran's president, the afghani for Japan's currency, Kabul the
/// capital for France's in Dari, the republic's president for Iran's).
const EXPECTED_FAILURES: &[&str] = &[
    "How many provinces does Canada have?",
    "What is the capital of France?",
    "Who is the president of Iran?",
    "What currency does Japan use?",
    "پایتخت فرانسه کجاست؟",
    "رئیس جمهور ایران کیست؟",
];

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

//! What the fuzz target `ask_question` (fuzz/fuzz_targets/ask_question.rs)
//! checks, kept here so that `cargo test` replays its committed seeds on
//! stable through the same code (the test below).
//!
//! A question is the one input every reader can send: any text, in any
//! script, up to the form's limit. Whatever it is, Ask must answer or turn
//! it away (never panic), and what it quotes must be the passage's own
//! text, cut where the passage's text can be cut, with highlights inside
//! the quote.

use std::sync::LazyLock;

use askaf_content::{BlockKind, Lang};

use crate::{Engine, EngineConfig, Passage, Synonyms};

/// A small site in the three languages, with what questions meet on a real
/// one: a table, numbers in both digit sets, a zero-width non-joiner,
/// Arabic-keyboard letters, a name in Latin letters inside Dari text.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let p = |lang, article: &str, anchor: &str, kind, text: &str| Passage {
        lang,
        article: article.into(),
        anchor: anchor.into(),
        title: format!("About {article}"),
        question: format!("What is {article}?"),
        headings: vec!["Background".into()],
        kind,
        text: text.into(),
    };
    let passages = vec![
        p(Lang::En, "kabul", "p-0", BlockKind::Paragraph, "Kabul is the capital and largest city of Afghanistan, at about 1,800 metres."),
        p(Lang::En, "kabul", "p-1", BlockKind::Table, "Year\tEvent\n\n1776\tKabul becomes the capital\n\n2021\tThe Taliban take Kabul on 15 August"),
        p(Lang::En, "money", "p-0", BlockKind::ListItem, "The afghani (AFN, ؋) is printed by Da Afghanistan Bank. Is it stable? Mostly."),
        p(Lang::Fa, "kabul", "p-0", BlockKind::Paragraph, "کابل پایتخت و بزرگ‌ترین شهر افغانستان است و در ارتفاع ۱۸۰۰ متری قرار دارد."),
        p(Lang::Fa, "money", "p-0", BlockKind::Paragraph, "پول رايج افغانستان افغاني است (کد AFN) که د افغانستان بانک آن را چاپ می‌کند؛ نرخ آن در سال 2025 ثابت ماند."),
        p(Lang::Ps, "kabul", "p-0", BlockKind::Paragraph, "کابل د افغانستان پلازمېنه او تر ټولو لوی ښار دی، چې نفوس یې شاوخوا ۵ میلیونه دی."),
        p(Lang::Ps, "money", "p-0", BlockKind::Quote, "افغانۍ د افغانستان پیسې دي. «دا پیسې څوک چاپوي؟» د افغانستان بانک."),
    ];
    let synonyms = Synonyms::parse("capital, seat of government\nafghani, AFN\n")
        .unwrap_or_else(|e| panic!("the fuzz site's synonyms: {e}"));
    Engine::in_memory(passages, &synonyms, EngineConfig::default())
        .unwrap_or_else(|e| panic!("the fuzz site's engine: {e}"))
});

/// Asks the small site `data` as a question: its first byte chooses the
/// reader's language and how many passages to rank, the rest (as UTF-8,
/// else nothing) is the question. Panics when a promise above is broken.
pub fn ask_any(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(question) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = Lang::ALL[usize::from(first) % Lang::ALL.len()];
    let limit = usize::from(first / 3) % 12;
    let engine = &*ENGINE;
    let answer = match engine.answer(question, lang, limit) {
        Ok(answer) => answer,
        // An in-memory index has no files to fail; anything else is a bug.
        Err(e) => panic!("asking {question:?} in {lang}: {e}"),
    };
    assert!(
        (0.0..=1.0).contains(&answer.confidence),
        "{question:?}: confidence {}",
        answer.confidence
    );
    assert_eq!(
        answer.abstained,
        answer.sentences.is_empty(),
        "{question:?}: abstained {} with {} sentences",
        answer.abstained,
        answer.sentences.len()
    );
    for hit in &answer.hits {
        assert!(
            engine.passage(hit.passage).is_some(),
            "{question:?}: hit {hit:?}"
        );
        assert!(hit.score.is_finite(), "{question:?}: hit {hit:?}");
    }
    for s in answer.sentences.iter().chain(&answer.candidate) {
        let Some(passage) = engine.passage(s.passage) else {
            panic!(
                "{question:?}: quoted passage {} is not in the index",
                s.passage
            );
        };
        assert_eq!(
            passage.text.get(s.range.clone()),
            Some(s.text.as_str()),
            "{question:?}: the quote is not the passage's text at {:?}",
            s.range
        );
        // A table's header row comes with its rows, never as a quote;
        // its highlights lie in it as a quote's lie in the quote.
        let header = s.header.as_ref().map(|h| (h.text.as_str(), &h.highlights));
        for (text, highlights) in std::iter::once((s.text.as_str(), &s.highlights)).chain(header) {
            for h in highlights {
                assert!(
                    h.start < h.end && text.get(h.clone()).is_some(),
                    "{question:?}: highlight {h:?} outside {text:?}",
                );
            }
        }
        if let Some(h) = &s.header {
            assert!(
                passage.text.starts_with(&h.text) && h.text != s.text,
                "{question:?}: the header {:?} is not its table's first line",
                h.text
            );
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every committed seed of `fuzz/seeds/ask_question/` through the same
    /// call as the fuzz target, so a seed that breaks a promise fails CI
    /// without a nightly compiler.
    #[test]
    fn every_ask_question_fuzz_seed_is_answered_or_turned_away() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/ask_question");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("the seed directory") {
            let path = entry.unwrap().path();
            super::ask_any(&std::fs::read(&path).unwrap());
            seen += 1;
        }
        assert!(seen >= 8, "only {seen} seeds in {dir}");
    }

    /// The small site answers in each language, so the fuzz target reaches
    /// the quoting code and not only the turning away.
    #[test]
    fn the_fuzz_site_answers_in_each_language() {
        for (lang, q) in [
            (
                askaf_content::Lang::En,
                "What is the capital of Afghanistan?",
            ),
            (askaf_content::Lang::Fa, "پایتخت افغانستان کجاست؟"),
            (askaf_content::Lang::Ps, "د افغانستان پلازمېنه کوم ښار دی؟"),
        ] {
            let a = super::ENGINE.answer(q, lang, 5).unwrap();
            assert!(!a.abstained, "{lang} {q}: {:?}", a.decision);
            assert!(a.sentences[0].text.contains("کابل") || a.sentences[0].text.contains("Kabul"));
        }
    }
}

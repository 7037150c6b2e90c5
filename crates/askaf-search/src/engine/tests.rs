use std::time::Duration;

use askaf_text::Language;

use super::cues::{asks_for_number, asks_for_ordinal};
use super::*;
use crate::semantic::{Encoder, Role, Tuning};
use crate::vectors::Vectors;

fn passage(lang: Lang, article: &str, anchor: &str, title: &str, text: &str) -> Passage {
    Passage {
        lang,
        article: article.into(),
        anchor: anchor.into(),
        title: title.into(),
        question: String::new(),
        headings: vec![],
        kind: BlockKind::Paragraph,
        text: text.into(),
    }
}

fn engine() -> Engine {
    engine_with(EngineConfig::default())
}

fn engine_with(config: EngineConfig) -> Engine {
    let passages = vec![
        passage(Lang::En, "gov", "p-1", "Who governs Afghanistan", "The Taliban returned to power in August 2021. Their leader is Hibatullah Akhundzada, who lives in Kandahar."),
        passage(Lang::En, "gov", "p-2", "Who governs Afghanistan", "In July 2025 Russia became the first country to formally recognise the Islamic Emirate. No other state had followed by early 2026."),
        passage(Lang::En, "money", "p-1", "Currency", "The afghani is the currency of Afghanistan. Its code is AFN and the central bank is Da Afghanistan Bank."),
        passage(Lang::Fa, "gov", "p-1", "چه کسی بر افغانستان حکومت می‌کند", "روسیه در جولای ۲۰۲۵ نخستین کشوری شد که امارت اسلامی را به رسمیت شناخت."),
    ];
    let synonyms = Synonyms::parse("Taliban, Islamic Emirate\n").unwrap();
    Engine::in_memory(passages, &synonyms, config).unwrap()
}

/// A question typed in the other script than the page's language is
/// answered by its own words, marked as from that language's article.
#[test]
fn a_question_in_the_other_script_is_answered_in_its_own_language() {
    let e = engine();
    let answer = e
        .answer("Where does Hibatullah Akhundzada live?", Lang::Fa, 5)
        .unwrap();
    assert!(!answer.abstained, "{:?}", answer.decision);
    assert_eq!(answer.from_lang, Some(Lang::En));
    // "Their leader is … who lives in Kandahar." comes with the sentence
    // before it, which says whose.
    let quoted: Vec<&str> = answer.sentences.iter().map(|s| s.text.as_str()).collect();
    assert!(quoted[0].starts_with("The Taliban"), "{quoted:?}");
    assert!(quoted[1].contains("Kandahar"), "{quoted:?}");
    let answer = e
        .answer("روسیه امارت اسلامی را به رسمیت شناخت", Lang::En, 5)
        .unwrap();
    assert!(!answer.abstained, "{:?}", answer.decision);
    assert_eq!(answer.from_lang, Some(Lang::Fa));
    // In its own language nothing is marked.
    let answer = e
        .answer("Where does Hibatullah Akhundzada live?", Lang::En, 5)
        .unwrap();
    assert_eq!(answer.from_lang, None);
    // Dari and Pashto share a script: the page's language stands.
    let answer = e
        .answer("روسیه امارت اسلامی را به رسمیت شناخت", Lang::Ps, 5)
        .unwrap();
    assert_ne!(answer.from_lang, Some(Lang::Fa), "{answer:?}");
}

/// Without a model the words' cutoff is the question's language's: one
/// language's cutoff neither answers nor turns away another's questions.
#[test]
fn the_words_cutoff_is_the_question_s_language_s() {
    let passages = engine_with;
    let en = "Which country recognised the Islamic Emirate first?";
    let fa = "نخستین کشوری که امارت اسلامی را به رسمیت شناخت کدام است؟";
    let base = passages(EngineConfig::default());
    let (a_en, a_fa) = (
        base.answer(en, Lang::En, 5).unwrap(),
        base.answer(fa, Lang::Fa, 5).unwrap(),
    );
    assert!(!a_en.abstained && !a_fa.abstained, "{a_en:?} {a_fa:?}");
    let mut config = EngineConfig::default();
    config
        .set("abstain_below_en", &(a_en.confidence + 0.01).to_string())
        .unwrap();
    let strict_en = passages(config);
    assert!(strict_en.answer(en, Lang::En, 5).unwrap().abstained);
    assert!(!strict_en.answer(fa, Lang::Fa, 5).unwrap().abstained);
    let mut config = EngineConfig::default();
    config
        .set("abstain_below_fa", &(a_fa.confidence + 0.01).to_string())
        .unwrap();
    let strict_fa = passages(config);
    assert!(!strict_fa.answer(en, Lang::En, 5).unwrap().abstained);
    assert!(strict_fa.answer(fa, Lang::Fa, 5).unwrap().abstained);
    // `abstain_below` alone sets every language.
    let mut config = EngineConfig::default();
    config.set("abstain_below", "0.5").unwrap();
    assert_eq!(config.abstain_below, [0.5; 3]);
}

#[test]
fn a_question_s_key_is_the_same_however_it_is_spelled_and_across_a_synonym_group() {
    let synonyms = Synonyms::parse("Taliban, Islamic Emirate, طالبان, امارت اسلامی\n").unwrap();
    let e = Engine::in_memory(Vec::new(), &synonyms, EngineConfig::default()).unwrap();
    let key = |q: &str, lang: Lang| e.question_key(q, lang);
    let france = key("What is the capital of France?", Lang::En);
    assert_eq!(france, "capit franc");
    assert_eq!(key("  france's CAPITAL ", Lang::En), france);
    assert_ne!(key("What is the capital of Spain?", Lang::En), france);
    // Arabic-keyboard yeh and kaf, and a ZWNJ, fold to the Persian letters.
    assert_eq!(
        key("پایتخت کشور فرانسه چیست؟", Lang::Fa),
        key("پايتخت كشور فرانسه چيست", Lang::Fa)
    );
    // A synonym group joins the languages and the group's phrases.
    let en = key("Who leads the Islamic Emirate?", Lang::En);
    assert!(en.contains("~taliban"), "{en}");
    assert_eq!(key("Who leads the Taliban?", Lang::En), en);
    assert!(key("رهبر طالبان کیست؟", Lang::Fa).contains("~taliban"));
}

/// One unit vector per text: a dimension per idea, 1 where one of its
/// words is in the text, and a small constant one so that no vector is 0.
fn idea_vectors(ideas: &[&[&str]], texts: &[&str]) -> Vec<Vec<f32>> {
    texts
        .iter()
        .map(|t| {
            let t = t.to_lowercase();
            let mut v: Vec<f32> = ideas
                .iter()
                .map(|words| f32::from(u8::from(words.iter().any(|w| t.contains(w)))))
                .collect();
            v.push(0.1);
            let n = crate::semantic::dot(&v, &v).sqrt();
            v.into_iter().map(|x| x / n).collect()
        })
        .collect()
}

/// Meaning by hand: one dimension per idea, whatever words name it.
#[derive(Default)]
struct Ideas {
    calls: std::sync::atomic::AtomicUsize,
}

impl Encoder for Ideas {
    fn id(&self) -> &str {
        "ideas"
    }
    fn languages(&self) -> &[Lang] {
        &[Lang::En]
    }
    fn encode(&self, texts: &[&str], _: crate::Role) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
        self.calls
            .fetch_add(texts.len(), std::sync::atomic::Ordering::SeqCst);
        let ideas: [&[&str]; 3] = [
            &["capital", "seat of government"],
            &["largest", "most people"],
            &["money", "currency"],
        ];
        Ok(idea_vectors(&ideas, texts))
    }
}

#[test]
fn a_sentence_encoder_breaks_close_lexical_ties_by_meaning() {
    let passages = vec![
        passage(Lang::En, "kabul", "p-1", "Kabul", "Kabul has the most people in Afghanistan."),
        passage(Lang::En, "kabul", "p-2", "Kabul", "Kabul has been the seat of government of Afghanistan since 1776, when Timur Shah moved his court there."),
        passage(Lang::En, "money", "p-1", "Afghani", "The afghani is the currency of Afghanistan. The central bank issues it."),
    ];
    let question = "What is the capital of Afghanistan, Kabul?";
    let lexical = Engine::in_memory(
        passages.clone(),
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let hits = lexical.search(question, Lang::En, 3).unwrap();
    assert_eq!(
        hits[0].passage, 0,
        "lexically the shorter Kabul passage wins: {hits:?}"
    );

    let ideas = Arc::new(Ideas {
        calls: Default::default(),
    });
    let semantic = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
        .unwrap()
        .with_encoder(ideas.clone(), None)
        .unwrap();
    let encoded = ideas.calls.load(std::sync::atomic::Ordering::SeqCst);
    // Three passages and their four sentences, but a one-sentence
    // passage is the same text twice: each distinct text is encoded once.
    assert_eq!(encoded, 5);
    let hits = semantic.search(question, Lang::En, 3).unwrap();
    assert_eq!(
        hits[0].passage, 1,
        "the seat of government is the capital: {hits:?}"
    );
    assert_eq!(
        ideas.calls.load(std::sync::atomic::Ordering::SeqCst),
        encoded + 1
    );

    // A clear lexical winner is not second-guessed, and the model is not asked.
    let hits = semantic
        .search("Which bank issues the afghani currency?", Lang::En, 3)
        .unwrap();
    assert_eq!(hits[0].passage, 2);
    assert_eq!(
        ideas.calls.load(std::sync::atomic::Ordering::SeqCst),
        encoded + 1
    );
    // Nor for a language the model does not know.
    semantic.search("پایتخت", Lang::Fa, 3).unwrap();
    assert_eq!(
        ideas.calls.load(std::sync::atomic::Ordering::SeqCst),
        encoded + 1
    );
}

/// A passage the question's words did not find, close in meaning,
/// joins the candidates (`semantic_added`) and is ranked by the blend.
#[test]
fn a_passage_close_in_meaning_that_the_words_missed_is_added() {
    let passages = vec![
        passage(
            Lang::En,
            "kabul",
            "p-1",
            "Kabul",
            "Kabul has the most people in Afghanistan.",
        ),
        passage(
            Lang::En,
            "money",
            "p-1",
            "Afghani",
            "The afghani is the currency of Afghanistan.",
        ),
        passage(
            Lang::En,
            "seat",
            "p-1",
            "Government",
            "The seat of government has been in one city since 1776.",
        ),
    ];
    let question = "What is the capital of Afghanistan?";
    let with = |added: &str| {
        let mut config = EngineConfig::default();
        for (k, v) in [
            ("semantic_gate", "inf"),
            ("semantic_candidates", "2"),
            ("semantic_lexical_weight", "0.1"),
            ("semantic_passage_weight", "0.9"),
            ("semantic_sentence_weight", "0"),
            ("semantic_added", added),
        ] {
            config.set(k, v).unwrap();
        }
        let ideas = Arc::new(Ideas {
            calls: Default::default(),
        });
        Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(ideas, None)
            .unwrap()
    };
    // "Afghanistan" is all the words find: the seat of government,
    // which never names it, is not among them.
    let words = with("0").search(question, Lang::En, 3).unwrap();
    assert!(words.iter().all(|h| h.passage != 2), "{words:?}");
    let meaning = with("1").search(question, Lang::En, 3).unwrap();
    assert_eq!(meaning[0].passage, 2, "{meaning:?}");
    assert!(meaning[0].similarity.is_some(), "{meaning:?}");
    assert_eq!(meaning.len(), 3, "{meaning:?}");
}

/// [`Ideas`] whose background encoding waits until the test opens it.
struct Gated {
    ideas: Ideas,
    open: (std::sync::Mutex<bool>, std::sync::Condvar),
}

impl Gated {
    fn new() -> Arc<Gated> {
        Arc::new(Gated {
            ideas: Ideas {
                calls: Default::default(),
            },
            open: Default::default(),
        })
    }
    fn open(&self) {
        *self.open.0.lock().unwrap() = true;
        self.open.1.notify_all();
    }
    fn calls(&self) -> usize {
        self.ideas.calls.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Encoder for Gated {
    fn id(&self) -> &str {
        "gated"
    }
    fn languages(&self) -> &[Lang] {
        self.ideas.languages()
    }
    fn encode(&self, texts: &[&str], role: Role) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
        self.ideas.encode(texts, role)
    }
    fn encode_in_background(
        &self,
        texts: &[&str],
        role: Role,
    ) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
        let mut open = self.open.0.lock().unwrap();
        while !*open {
            open = self.open.1.wait(open).unwrap();
        }
        drop(open);
        self.ideas.encode(texts, role)
    }
}

/// A multilingual model by hand, calibrated to abstain as E5 is: one
/// dimension per idea, whatever language names it.
struct Calibrated {
    id: &'static str,
    ideas: &'static [&'static [&'static str]],
}

/// Capitals, currencies, languages and visas.
const MULTILINGUAL: Calibrated = Calibrated {
    id: "multilingual-ideas",
    ideas: &[
        &["capital", "پایتخت", "پلازمېنه"],
        &["currency", "afghani", "پول"],
        &["language", "ژبې", "زبان"],
        &["visa"],
    ],
};

/// Provinces and languages.
const PROVINCES: Calibrated = Calibrated {
    id: "provinces-and-languages",
    ideas: &[&["ولایت", "province"], &["ژبې", "زبان"]],
};

impl Encoder for Calibrated {
    fn id(&self) -> &str {
        self.id
    }
    fn languages(&self) -> &[Lang] {
        &Lang::ALL
    }
    fn encode(&self, texts: &[&str], _: crate::Role) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
        Ok(idea_vectors(self.ideas, texts))
    }
    fn tuning(&self) -> Tuning {
        Tuning {
            gate: f32::INFINITY,
            candidates: 10,
            added: 0,
            lexical_weight: 0.1,
            passage_weight: 0.9,
            sentence_weight: 0.0,
            phrase_weight: 0.0,
            abstain_below: Some(0.8),
            across_below: None,
            across_centered_below: None,
            abstain_confidence: 0.0,
            abstain_missing: 0.0,
            prior_scale: None,
            quote_within: None,
            quoted_abstain_below: [Some(0.84), None, None],
        }
    }
}

/// In English the rule by meaning weighs the passage the answer is
/// quoted from: a passage close in meaning elsewhere does not vouch
/// for a sentence that only shares the question's words.
#[test]
fn in_english_the_rule_by_meaning_weighs_the_passage_it_quotes() {
    let passages = vec![
        passage(
            Lang::En,
            "travel",
            "p-1",
            "Travel",
            "Visas are issued at embassies abroad.",
        ),
        passage(
            Lang::En,
            "sanctions",
            "p-1",
            "Sanctions",
            "UN sanctions still apply in Kabul.",
        ),
    ];
    let engine = |config: EngineConfig| {
        Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(MULTILINGUAL), None)
            .unwrap()
    };
    let q = "How do I apply for a US visa in Kabul?";
    // Weighing the closest passage (the travel one), the words' choice
    // stands.
    let mut closest = EngineConfig::default();
    closest
        .set("semantic_quoted_abstain_below_en", "0")
        .unwrap();
    let a = engine(closest).answer(q, Lang::En, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("sanctions"), "{a:?}");
    // Weighing the quoted one (the default), the engine abstains.
    let quoted = engine(EngineConfig::default());
    let a = quoted.answer(q, Lang::En, 5).unwrap();
    assert!(a.abstained, "{a:?}");
    assert!(a.signals.answer_similarity < a.signals.similarity, "{a:?}");
    // A question its quoted passage is close to is answered.
    let a = quoted
        .answer("Where are visas issued?", Lang::En, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.starts_with("Visas"), "{a:?}");
}

/// The heaviest word the answer lacks turns a question away by itself
/// only when words are all the engine has: a model's rule of meaning
/// weighs it already, and a paraphrase the model knows is answered.
#[test]
fn a_lacking_main_word_is_weighed_by_meaning_when_a_model_decides() {
    let passages = vec![
        passage(
            Lang::En,
            "markets",
            "p-1",
            "Markets",
            "Shops in Kabul take the afghani, and dollars for large sums.",
        ),
        passage(
            Lang::En,
            "roads",
            "p-1",
            "Roads",
            "The road from Kabul to Jalalabad runs through the Tang-e Gharu gorge.",
        ),
    ];
    let q = "Which currency do shops in Kabul take?";
    let words = Engine::in_memory(
        passages.clone(),
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let a = words.answer(q, Lang::En, 5).unwrap();
    assert!(a.abstained, "{a:?}");
    assert!(
        a.signals.missing >= EngineConfig::default().abstain_missing,
        "the words turn it away for the word they lack: {a:?}"
    );
    let meaning = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
        .unwrap()
        .with_encoder(Arc::new(MULTILINGUAL), None)
        .unwrap();
    let a = meaning.answer(q, Lang::En, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("afghani"), "{a:?}");
    // A question the model finds no passage close to is still turned away.
    let a = meaning
        .answer("Which visa do shops in Kabul take?", Lang::En, 5)
        .unwrap();
    assert!(a.abstained, "{a:?}");
}

/// A Pashto passage on the languages, which says nothing of the capital.
fn pashto_languages() -> Passage {
    passage(
        Lang::Ps,
        "langs",
        "p-1",
        "ژبې",
        "پښتو او دري د افغانستان رسمي ژبې دي.",
    )
}

#[test]
fn a_question_its_language_cannot_answer_is_answered_from_another_by_meaning() {
    let cities = "افغانستان ۳۴ ولایت دارد. کابل، پایتخت افغانستان، بزرگ‌ترین شهر کشور است.";
    let passages = vec![
        pashto_languages(),
        passage(Lang::Fa, "cities", "p-1", "ولایت‌ها و شهرها", cities),
        passage(
            Lang::En,
            "money",
            "p-1",
            "Currency",
            "The afghani is the currency of Afghanistan. Its code is AFN.",
        ),
    ];
    let mut e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
        .unwrap()
        .with_encoder(Arc::new(MULTILINGUAL), None)
        .unwrap();
    let pashto = "د افغانستان پلازمېنه چېرته ده؟";
    let a = e.answer(pashto, Lang::Ps, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert_eq!(a.from_lang, Some(Lang::Fa));
    // The sentence that answers, in its own language, with its neighbour.
    assert_eq!(a.sentences.len(), 2);
    let best = a.candidate.as_ref().unwrap();
    assert!(best.text.starts_with("کابل، پایتخت"), "{a:?}");
    assert_eq!(&a.sentences[1], best);
    assert!(a.sentences[0].text.starts_with("افغانستان ۳۴ ولایت"));
    let p = e.passage(a.sentences[0].passage).unwrap();
    assert_eq!((p.lang, p.article.as_str()), (Lang::Fa, "cities"));
    assert!(a.hits.iter().any(|h| h.passage == a.sentences[0].passage));
    // The reader's language's passages come first.
    let langs: Vec<Lang> = a.hits.iter().map(|h| e.slot_langs[h.passage]).collect();
    let first_other = langs
        .iter()
        .position(|l| *l != Lang::Ps)
        .unwrap_or(langs.len());
    assert!(
        langs[first_other..].iter().all(|l| *l != Lang::Ps),
        "{langs:?}"
    );

    // A question answered in its own language is answered as before.
    let en = e
        .answer("What is the currency of Afghanistan?", Lang::En, 5)
        .unwrap();
    assert!(!en.abstained, "{en:?}");
    assert_eq!(en.from_lang, None);
    assert!(en.sentences[0].text.contains("afghani"));
    // One no language's passage is close to is still abstained on.
    let off = e
        .answer("Who won the 2022 World Cup?", Lang::Ps, 5)
        .unwrap();
    assert!(off.abstained && off.from_lang.is_none(), "{off:?}");

    // The Dari article goes: its slot leaves the comparison.
    e.update(&[(Lang::Fa, "cities".into())], vec![]).unwrap();
    let gone = e.answer(pashto, Lang::Ps, 5).unwrap();
    assert!(gone.abstained && gone.from_lang.is_none(), "{gone:?}");
    // An English one that says it comes: found by meaning at once.
    e.update(
        &[],
        vec![passage(
            Lang::En,
            "cities",
            "p-1",
            "Cities",
            "Kabul is the capital and the largest city.",
        )],
    )
    .unwrap();
    let back = e.answer(pashto, Lang::Ps, 5).unwrap();
    assert_eq!(back.from_lang, Some(Lang::En), "{back:?}");
    assert!(back.candidate.unwrap().text.starts_with("Kabul"));
}

/// A passage in another language stands by its meaning alone, against
/// its own cutoff: the reader's language's cutoff, where the words add
/// their part, neither lets it in nor keeps it out.
#[test]
fn an_answer_across_languages_has_its_own_cutoff() {
    let passages = vec![
        pashto_languages(),
        passage(
            Lang::Fa,
            "cities",
            "p-1",
            "شهرها",
            "کابل، پایتخت افغانستان، بزرگ‌ترین شهر کشور است.",
        ),
    ];
    let answer = |settings: &[(&str, &str)]| {
        let mut config = EngineConfig::default();
        for (k, v) in settings {
            config.set(k, v).unwrap();
        }
        Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(MULTILINGUAL), None)
            .unwrap()
            .answer("د افغانستان پلازمېنه چېرته ده؟", Lang::Ps, 5)
            .unwrap()
    };
    // By default it falls back on the reader's cutoff (0.8 here).
    let a = answer(&[]);
    assert_eq!(a.from_lang, Some(Lang::Fa), "{a:?}");
    // Above the passage's similarity, nothing is quoted across.
    let a = answer(&[("semantic_across_below", "1.01")]);
    assert!(a.abstained && a.from_lang.is_none(), "{a:?}");
    // The reader's cutoff out of reach, the passage still stands at its own.
    let a = answer(&[
        ("semantic_abstain_below", "1.01"),
        ("semantic_across_below", "0.8"),
    ]);
    assert_eq!(a.from_lang, Some(Lang::Fa), "{a:?}");
    assert!(a.sentences[0].text.starts_with("کابل"), "{a:?}");
}

/// A reader who asks an article's title gets that article's short answer,
/// though its question says it in other words and another article's
/// sentence holds the title's verb.
#[test]
fn the_question_an_article_s_title_asks_is_answered_by_its_short_answer() {
    let summary = Passage {
        question: "Who governs Afghanistan today?".into(),
        ..passage(
            Lang::En,
            "gov",
            crate::SUMMARY_ANCHOR,
            "Who runs Afghanistan, and who recognises its government?",
            "Since August 2021 Afghanistan has been ruled by the Taliban, led by Hibatullah Akhundzada.",
        )
    };
    let provinces = passage(
        Lang::En,
        "provinces",
        "p-1",
        "How many provinces does Afghanistan have?",
        "Each province is run from a provincial centre.",
    );
    let engine = Engine::in_memory(
        vec![provinces, summary],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let a = engine.answer("Who runs Afghanistan?", Lang::En, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("Taliban"), "{a:?}");
}

/// A sentence that opens with "He" is quoted with the one before it,
/// which names him, though that one holds none of the question's words;
/// one that names its subject is quoted alone.
#[test]
fn a_sentence_that_points_back_is_quoted_with_the_one_before() {
    let engine = Engine::in_memory(
        vec![passage(
            Lang::En,
            "gov",
            "p-2",
            "How power is organised",
            "The highest authority is Hibatullah Akhundzada. He rarely appears in public. Kabul holds the cabinet's ministries.",
        )],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let a = engine
        .answer("Who rarely appears in public?", Lang::En, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        quoted,
        [
            "The highest authority is Hibatullah Akhundzada.",
            "He rarely appears in public."
        ],
        "{a:?}"
    );
    let a = engine
        .answer("Where are the cabinet's ministries?", Lang::En, 5)
        .unwrap();
    let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(quoted, ["Kabul holds the cabinet's ministries."], "{a:?}");
}

/// A multilingual model's vectors as they come: a large part for the
/// text's language, whatever it says, and a part for what it says (an
/// earthquake, or one of twenty other subjects, `w0` … `w19`).
struct LanguageParts;

impl Encoder for LanguageParts {
    fn id(&self) -> &str {
        "language-parts"
    }
    fn languages(&self) -> &[Lang] {
        &Lang::ALL
    }
    fn encode(&self, texts: &[&str], _: crate::Role) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
        Ok(texts
            .iter()
            .map(|t| {
                let dari = t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
                let mut v = vec![if dari { 0.0 } else { 2.0 }, if dari { 2.0 } else { 0.0 }];
                // A text that only names the earthquake in a list says
                // nothing of it.
                v.push(f32::from(u8::from(
                    t.contains("earthquake") || (t.contains("زلزله") && !t.contains("فهرست")),
                )));
                let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).collect();
                v.extend(
                    (0..20).map(|i| f32::from(u8::from(words.contains(&format!("w{i}").as_str())))),
                );
                v.push(0.1);
                let n = crate::semantic::dot(&v, &v).sqrt();
                v.into_iter().map(|x| x / n).collect()
            })
            .collect())
    }
    fn tuning(&self) -> Tuning {
        Tuning {
            across_below: Some(0.9),
            across_centered_below: Some(0.5),
            ..MULTILINGUAL.tuning()
        }
    }
}

/// A Dari question on a subject only the English articles cover stands
/// farther from the English paragraph that answers it than from every
/// Dari one (the languages' part of the vectors): by the plain similarity
/// nothing is quoted across. Taken from each language's mean, the English
/// paragraph stands close and is quoted; not when the reader's language
/// has too few passages for a mean, nor above the cutoff. It is quoted
/// too in place of a Dari answer its words chose, far from the question
/// once each is taken from its mean.
#[test]
fn across_languages_the_similarity_is_taken_from_each_language_s_mean() {
    let site = |dari: usize| {
        let mut passages: Vec<Passage> = (0..dari)
            .map(|i| {
                passage(
                    Lang::Fa,
                    &format!("fa-{i}"),
                    "p-1",
                    "بند",
                    &format!("این بند دربارهٔ w{i} است."),
                )
            })
            .collect();
        passages.extend((0..19).map(|i| {
            passage(
                Lang::En,
                &format!("en-{i}"),
                "p-1",
                "Paragraph",
                &format!("This paragraph is about w{i}."),
            )
        }));
        passages.push(passage(
            Lang::En,
            "quake",
            "p-1",
            "The 2025 earthquake",
            "The earthquake struck Kunar province in August 2025.",
        ));
        passages
    };
    let ask = |dari: usize, settings: &[(&str, &str)]| {
        let mut config = EngineConfig::default();
        for (k, v) in settings {
            config.set(k, v).unwrap();
        }
        Engine::in_memory(site(dari), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(LanguageParts), None)
            .unwrap()
            .answer("زلزله سال ۲۰۲۵ در کدام ولایت بود؟", Lang::Fa, 5)
            .unwrap()
    };
    let a = ask(20, &[]);
    assert_eq!(a.from_lang, Some(Lang::En), "{a:?}");
    assert!(a.sentences[0].text.contains("Kunar"), "{a:?}");
    // Its plain similarity is far below the cutoff across (0.9): the
    // answer stands by the centred one alone.
    assert!(a.confidence < 0.5, "{a:?}");
    // Nineteen Dari passages are too few for a mean of the language.
    let a = ask(19, &[]);
    assert!(a.abstained && a.from_lang.is_none(), "{a:?}");
    // Above its cutoff, nothing is quoted across.
    let a = ask(20, &[("semantic_across_centered_below", "1.01")]);
    assert!(a.abstained && a.from_lang.is_none(), "{a:?}");

    // A Dari sentence holding every word of the question, in a list that
    // says nothing of the earthquake: answered by its words, and close by
    // the plain similarity (its language's part), it gives way to the
    // English paragraph, far closer once each is taken from its mean.
    let with_list = |settings: &[(&str, &str)]| {
        let mut config = EngineConfig::default();
        for (k, v) in settings {
            config.set(k, v).unwrap();
        }
        let mut passages = site(20);
        passages.push(passage(
            Lang::Fa,
            "list",
            "p-1",
            "فهرست",
            "نام زلزله سال ۲۰۲۵ و هر ولایت در این فهرست آمده است.",
        ));
        Engine::in_memory(passages, &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(LanguageParts), None)
            .unwrap()
            .answer("زلزله سال ۲۰۲۵ در کدام ولایت بود؟", Lang::Fa, 5)
            .unwrap()
    };
    let a = with_list(&[]);
    assert_eq!(a.from_lang, Some(Lang::En), "{a:?}");
    assert!(a.sentences[0].text.contains("Kunar"), "{a:?}");
    let a = with_list(&[("semantic_across_centered_below", "1.01")]);
    assert!(!a.abstained && a.from_lang.is_none(), "{a:?}");
    assert!(a.sentences[0].text.contains("فهرست"), "{a:?}");

    // Not when the Dari article asks the question itself in its title:
    // the reader's language answers first.
    let mut passages = site(20);
    passages.push(passage(
        Lang::Fa,
        "list",
        "p-1",
        "زلزله سال ۲۰۲۵ در کدام ولایت بود؟",
        "نام زلزله سال ۲۰۲۵ و هر ولایت در این فهرست آمده است.",
    ));
    let a = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
        .unwrap()
        .with_encoder(Arc::new(LanguageParts), None)
        .unwrap()
        .answer("زلزله سال ۲۰۲۵ در کدام ولایت بود؟", Lang::Fa, 5)
        .unwrap();
    assert!(!a.abstained && a.from_lang.is_none(), "{a:?}");
    assert!(a.sentences[0].text.contains("فهرست"), "{a:?}");
}

/// The reader's language answers with a sentence that holds every word
/// of the question, from a passage far in meaning, while another of its
/// passages carries the rule of meaning: a passage in another language
/// that stands closer is quoted instead, and with none the answer stays.
#[test]
fn an_answer_quoted_from_a_passage_far_in_meaning_gives_way_to_a_closer_one_elsewhere() {
    let pashto = vec![
        // The words' choice: provinces and languages (0.71 from the question).
        passage(
            Lang::Ps,
            "langs",
            "p-1",
            "د افغانستان ژبې",
            "د شمالي ولایتونو خلک ترکي ژبې لري.",
        ),
        // Close in meaning, few of the words.
        passage(
            Lang::Ps,
            "governors",
            "p-1",
            "والیان",
            "د افغانستان هر province یو والي لري.",
        ),
    ];
    let dari = passage(
        Lang::Fa,
        "provinces",
        "p-1",
        "ولایت‌ها",
        "افغانستان ۳۴ ولایت دارد.",
    );
    let engine = |passages: Vec<Passage>| {
        Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
            .unwrap()
            .with_encoder(Arc::new(PROVINCES), None)
            .unwrap()
    };
    let q = "افغانستان څو ولایتونه لري؟";
    let alone = engine(pashto.clone()).answer(q, Lang::Ps, 5).unwrap();
    assert!(!alone.abstained && alone.from_lang.is_none(), "{alone:?}");
    assert!(alone.sentences[0].text.contains("ولایتونو"), "{alone:?}");
    let (quoted, best) = (
        alone.signals.answer_similarity.unwrap(),
        alone.signals.similarity.unwrap(),
    );
    assert!(quoted < 0.8 && best >= 0.8, "{alone:?}");
    assert_eq!(alone.signals.words_missing, 0, "{alone:?}");

    let mut all = pashto.clone();
    all.push(dari.clone());
    let a = engine(all).answer(q, Lang::Ps, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert_eq!(a.from_lang, Some(Lang::Fa), "{a:?}");
    assert!(a.sentences[0].text.contains("۳۴"), "{a:?}");

    // The answer stays when its article asks the question itself (its
    // title holds every word of it), however far its passage stands.
    let mut all = pashto;
    all[0].title = "افغانستان څو ولایتونه لري؟".into();
    all.push(dari);
    let a = engine(all).answer(q, Lang::Ps, 5).unwrap();
    assert!(!a.abstained && a.from_lang.is_none(), "{a:?}");
    assert!(a.sentences[0].text.contains("ولایتونو"), "{a:?}");
}

/// Starts `vectors`' worker over `engine`, as a server does.
fn start_worker(vectors: &Arc<Vectors>, engine: &Arc<std::sync::RwLock<Engine>>) {
    let engine = engine.clone();
    vectors
        .start(move |_| {
            let mut live = std::collections::HashSet::new();
            let mut from = 0;
            while let Some(next) = engine
                .read()
                .unwrap()
                .want_vectors(from, 2, &mut live)
                .unwrap()
            {
                from = next;
            }
            live
        })
        .unwrap();
}

#[test]
fn vectors_come_in_the_background_are_used_once_there_and_kept_across_restarts() {
    let kabul = |second: &str| {
        vec![
            passage(
                Lang::En,
                "kabul",
                "p-1",
                "Kabul",
                "Kabul has the most people in Afghanistan.",
            ),
            passage(Lang::En, "kabul", "p-2", "Kabul", second),
            passage(
                Lang::En,
                "money",
                "p-1",
                "Afghani",
                "The afghani is the currency of Afghanistan. The central bank issues it.",
            ),
        ]
    };
    let seat = "Kabul has been the seat of government of Afghanistan since 1776, when Timur Shah moved his court there.";
    let question = "What is the capital of Afghanistan, Kabul?";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vectors.f16");
    let open = |encoder: Arc<Gated>, passages: Vec<Passage>| {
        let vectors = Vectors::new(encoder, Some(file.clone()));
        let engine = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
            .unwrap()
            .with_vectors(vectors.clone());
        let engine = Arc::new(std::sync::RwLock::new(engine));
        start_worker(&vectors, &engine);
        (vectors, engine)
    };
    let search = |engine: &std::sync::RwLock<Engine>| {
        engine
            .read()
            .unwrap()
            .search(question, Lang::En, 3)
            .unwrap()
    };
    let gated = Gated::new();
    let (vectors, engine) = open(gated.clone(), kabul(seat));
    // The model is busy (held at its gate): the engine answers by words.
    let hits = search(&engine);
    assert_eq!(
        hits[0].passage, 0,
        "lexical order before any vector: {hits:?}"
    );
    assert!(hits.iter().all(|h| h.similarity.is_none()));
    let lexical =
        Engine::in_memory(kabul(seat), &Synonyms::default(), EngineConfig::default()).unwrap();
    let (a, b) = (
        engine
            .read()
            .unwrap()
            .answer(question, Lang::En, 3)
            .unwrap(),
        lexical.answer(question, Lang::En, 3).unwrap(),
    );
    assert_eq!(
        (a.abstained, a.confidence, a.hits),
        (b.abstained, b.confidence, b.hits)
    );
    assert_eq!(vectors.len(), 0);

    gated.open();
    assert!(vectors.wait_idle(Duration::from_secs(20)));
    // Three passages and their four sentences, a one-sentence passage
    // being its sentence: five texts, each encoded once.
    assert_eq!((gated.calls(), vectors.encoded(), vectors.len()), (5, 5, 5));
    let hits = search(&engine);
    assert_eq!(
        hits[0].passage, 1,
        "by meaning once the vectors exist: {hits:?}"
    );
    assert!(hits[0].similarity.is_some());

    // An edit to one paragraph queues its text alone; the update does
    // not wait for the model.
    engine
        .write()
        .unwrap()
        .update(
            &[],
            kabul("Kabul is the seat of government of Afghanistan.")[..2].to_vec(),
        )
        .unwrap();
    assert!(vectors.wait_idle(Duration::from_secs(20)));
    assert_eq!(vectors.encoded(), 6, "only the edited paragraph is encoded");
    vectors.stop();

    // A restart reads the file and encodes nothing.
    let restarted = Gated::new();
    restarted.open();
    let edited = kabul("Kabul is the seat of government of Afghanistan.");
    let (vectors, engine) = open(restarted.clone(), edited);
    assert!(vectors.wait_idle(Duration::from_secs(20)));
    assert_eq!(
        (restarted.calls(), vectors.encoded(), vectors.len()),
        (0, 0, 5)
    );
    let hits = search(&engine);
    assert_eq!(hits[0].passage, 1, "{hits:?}");
    vectors.stop();
}

#[test]
fn the_topic_named_in_the_title_does_not_choose_the_sentence() {
    let passages = vec![
        passage(Lang::En, "majidi", "p-1", "Farhad Majidi", "Farhad Majidi Ghadikolaei is an Iranian football coach and former player. He was born in Tehran and grew up in a family of footballers."),
        passage(Lang::En, "other", "p-1", "Football in Iran", "Football is the most popular sport in Iran, played in every province."),
    ];
    let question = "Where was Farhad Majidi born?";
    let candidate = |topic_weight: f32| {
        let config = EngineConfig {
            topic_weight,
            ..EngineConfig::default()
        };
        let e = Engine::in_memory(passages.clone(), &Synonyms::default(), config).unwrap();
        e.answer(question, Lang::En, 5)
            .unwrap()
            .candidate
            .unwrap()
            .text
    };
    // Counted in full, the rare name picks the sentence that names him.
    assert!(candidate(1.0).starts_with("Farhad Majidi Ghadikolaei"));
    // Discounted as the passage's topic, the sentence about birth wins.
    assert!(candidate(EngineConfig::default().topic_weight).starts_with("He was born in Tehran"));
}

/// A row is quoted whole, with its table's header row as the names of
/// its columns, not as a sentence of the answer.
#[test]
fn a_table_is_quoted_a_whole_row_under_its_header() {
    // A Pashto phrase table: the question in its first cell ends in "؟",
    // which ends a sentence anywhere but in a table.
    let table = "پوښتنه\tځواب\n\nپلازمېنه چېرته ده؟\tکابل د افغانستان پلازمېنه ده.\n\nڅو ولایتونه؟\tدېرش او څلور";
    let mut rows = passage(Lang::Ps, "phrases", "p-1", "عبارتونه", table);
    rows.kind = BlockKind::Table;
    let e = Engine::in_memory(
        vec![rows, pashto_languages()],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let a = e.answer("پلازمېنه چېرته ده؟", Lang::Ps, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    let quoted: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(quoted, ["پلازمېنه چېرته ده؟\tکابل د افغانستان پلازمېنه ده."]);
    assert_eq!(
        a.sentences[0].header.as_ref().map(|h| h.text.as_str()),
        Some("پوښتنه\tځواب")
    );
}

/// A sentence that asks does not answer: the one that does is quoted,
/// though the asking one holds the question's words as well and comes
/// first. A table's row that ends in a question mark is still quoted.
#[test]
fn a_sentence_that_asks_is_not_quoted_but_a_row_may_be() {
    let mut phrases = passage(
        Lang::En,
        "phrases",
        "p-1",
        "Phrases",
        "English\tDari\n\nWhere is the bazaar?\tبازار کجاست؟",
    );
    phrases.kind = BlockKind::Table;
    let e = Engine::in_memory(
        vec![
            passage(
                Lang::En,
                "capital",
                "p-1",
                "The capital",
                "Why is Kabul the capital of Afghanistan? Kabul has been the capital of \
                 Afghanistan since 1776, when Timur Shah moved the court from Kandahar.",
            ),
            phrases,
        ],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let a = e
        .answer("Why is Kabul the capital of Afghanistan?", Lang::En, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.starts_with("Kabul has been"), "{a:?}");
    let b = e.answer("Where is the bazaar?", Lang::En, 5).unwrap();
    assert!(!b.abstained, "{b:?}");
    assert!(
        b.sentences
            .iter()
            .any(|s| s.text == "Where is the bazaar?\tبازار کجاست؟"),
        "{b:?}"
    );
}

/// A phrase of one synonym group is matched before a single word of
/// another takes one of its words: "به دنیا آمد" (was born) is "متولد
/// شد", though "دنیا" (world) alone is "جهان" in another group that the
/// editors' file lists first.
#[test]
fn a_longer_synonym_phrase_is_matched_before_a_word_of_it() {
    let synonyms = Synonyms::parse("دنیا، جهان\nبه دنیا آمد، متولد شد، زاده شد\n").unwrap();
    let e = Engine::in_memory(
        vec![passage(
            Lang::Fa,
            "lincoln",
            "p-1",
            "آبراهام لینکلن",
            "لینکلن در یک کلبهٔ چوبی در ایالت کنتاکی متولد شد. او در سال ۱۸۵۴ \
             دوباره به دنیای سیاست بازگشت.",
        )],
        &synonyms,
        EngineConfig::default(),
    )
    .unwrap();
    let a = e.answer("لینکلن در کجا به دنیا آمد؟", Lang::Fa, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("کنتاکی"), "{a:?}");
}

#[test]
fn there_is_asks_nothing_of_its_own() {
    let title = "افغانستان چند ولایت دارد؟";
    let e = Engine::in_memory(
        vec![
            passage(Lang::Fa, "prov", "p-1", title, "افغانستان ۳۴ ولایت دارد."),
            passage(
                Lang::Fa,
                "prov",
                "p-2",
                title,
                "آمار قابل اعتمادی وجود ندارد.",
            ),
            passage(
                Lang::Fa,
                "lang",
                "p-1",
                "زبان‌ها",
                "دری و پشتو زبان‌های رسمی هستند.",
            ),
        ],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let a = e
        .answer("در افغانستان چند ولایت وجود دارد؟", Lang::Fa, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    assert_eq!(a.candidate.unwrap().text, "افغانستان ۳۴ ولایت دارد.");
}

/// "look like" asks for a description and nothing of its own: the words
/// stood in a paragraph on something else, and the flag's paragraph,
/// lacking two of the question's three words, was not quoted.
#[test]
fn look_like_asks_nothing_of_its_own() {
    let e = Engine::in_memory(
        vec![
            passage(
                Lang::En,
                "flag",
                "p-1",
                "Name and flag",
                "The Taliban's flag is white, with the shahada written in black.",
            ),
            passage(
                Lang::En,
                "flag",
                "p-2",
                "Name and flag",
                "Many Afghans abroad still use the tricolour of the former republic.",
            ),
            passage(
                Lang::En,
                "kabul",
                "p-1",
                "Kabul",
                "Visitors like to look at the old city walls, which look much like a fortress.",
            ),
        ],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    for q in [
        "What does the flag look like?",
        "What is the Taliban's flag like?",
    ] {
        let a = e.answer(q, Lang::En, 5).unwrap();
        assert!(!a.abstained, "{q}: {a:?}");
        assert!(a.candidate.unwrap().text.contains("white"), "{q}");
    }
}

/// The "kind" of "what kind of" asks for nothing of its own: an answer
/// names the thing, not its kind, and a word no paragraph on the subject
/// holds turned the question away or chose a paragraph on something else.
#[test]
fn what_kind_of_asks_about_the_thing_itself() {
    let e = Engine::in_memory(
        vec![
            passage(
                Lang::En,
                "gov",
                "p-1",
                "Who governs Afghanistan?",
                "The Taliban call their government the Islamic Emirate of Afghanistan.",
            ),
            passage(
                Lang::En,
                "geo",
                "p-1",
                "Geography of Afghanistan",
                "Afghanistan is a landlocked country of every kind of landscape.",
            ),
            passage(
                Lang::En,
                "geo",
                "p-2",
                "Geography of Afghanistan",
                "Its highest peak is Noshaq, on the border with Pakistan.",
            ),
        ],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    for q in [
        "What kind of government does Afghanistan have?",
        "Which type of government has Afghanistan?",
    ] {
        let a = e.answer(q, Lang::En, 5).unwrap();
        assert!(!a.abstained, "{q}: {a:?}");
        assert!(
            a.sentences[0].text.contains("Islamic Emirate"),
            "{q}: {a:?}"
        );
    }
    // Elsewhere "kind" is a word of the question like any other.
    let a = e
        .answer(
            "Is every kind of landscape found in Afghanistan?",
            Lang::En,
            5,
        )
        .unwrap();
    assert!(a.sentences[0].text.contains("landscape"), "{a:?}");
}

/// "get" asks for nothing: on a small site it is rare enough to outweigh
/// the question's subject, which the article's title holds for every one
/// of its paragraphs.
#[test]
fn get_asks_nothing_of_its_own() {
    let title = "Can I travel to Afghanistan, and do I need a visa?";
    let e = Engine::in_memory(
        vec![
            passage(
                Lang::En,
                "travel",
                "p-1",
                title,
                "Most Western countries closed their embassies in Kabul in 2021. If you get into trouble, your government may be able to do very little.",
            ),
            passage(
                Lang::En,
                "travel",
                "p-2",
                title,
                "Almost all foreign nationals need a visa arranged before arrival.",
            ),
            passage(
                Lang::En,
                "travel",
                "p-3",
                title,
                "A visa from a mission that the authorities in Kabul do not accept may be refused.",
            ),
            passage(
                Lang::En,
                "geo",
                "p-1",
                "Geography of Afghanistan",
                "Afghanistan is a landlocked country between Central and South Asia.",
            ),
        ],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    for q in [
        "How do I get a visa for Afghanistan?",
        "Getting a visa for Afghanistan",
    ] {
        let a = e.answer(q, Lang::En, 5).unwrap();
        assert!(!a.abstained, "{q}: {a:?}");
        assert!(a.sentences[0].text.contains("visa"), "{q}: {a:?}");
    }
}

#[test]
fn a_passage_holds_the_questions_words_side_by_side_or_not() {
    let e = Engine::in_memory(
        vec![
            passage(
                Lang::En,
                "kabul",
                "p-1",
                "Kabul",
                "Kabul is the capital of Afghanistan.",
            ),
            passage(
                Lang::En,
                "prov",
                "p-1",
                "Provinces",
                "Afghanistan gives a capital to each province.",
            ),
            passage(
                Lang::En,
                "far",
                "p-1",
                "Kabul",
                "The capital grew fast after 2001 in all of Afghanistan.",
            ),
        ],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let share = |question: &str, article: &str| {
        let pairs = e.question_pairs(&e.concepts(question, Lang::En), question, Lang::En);
        let slot = (0..3)
            .find(|&i| e.passage(i).unwrap().article == article)
            .unwrap();
        Engine::phrase_share(&pairs, &e.load(slot).unwrap().unwrap().prep.tokens)
    };
    // "capital of Afghanistan": the same words, as far apart.
    assert_eq!(share("What is the capital of Afghanistan?", "kabul"), 1.0);
    // Both words, in the other order or farther apart.
    assert_eq!(share("What is the capital of Afghanistan?", "prov"), 0.0);
    assert_eq!(share("What is the capital of Afghanistan?", "far"), 0.0);
    // "capital city", "city of Afghanistan": no passage says "city", so
    // both pairs count and neither is found.
    assert_eq!(
        share("What is the capital city of Afghanistan?", "kabul"),
        0.0
    );
}

#[test]
fn answers_with_the_sentence_that_covers_the_question() {
    let e = engine();
    let a = e
        .answer("Which country first recognised the Taliban?", Lang::En, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    assert_eq!(
        e.passage(a.candidate.as_ref().unwrap().passage)
            .unwrap()
            .link(),
        "/en/gov#p-2"
    );
    assert!(a
        .candidate
        .as_ref()
        .unwrap()
        .text
        .starts_with("In July 2025 Russia became the first country"));
    let highlighted: Vec<&str> = a
        .candidate
        .as_ref()
        .unwrap()
        .highlights
        .iter()
        .map(|r| &a.candidate.as_ref().unwrap().text[r.clone()])
        .collect();
    assert!(highlighted.contains(&"recognise"), "{highlighted:?}");
    assert!(
        highlighted.contains(&"Islamic") && highlighted.contains(&"Emirate"),
        "synonym matched: {highlighted:?}"
    );
}

#[test]
fn tolerates_typos_in_names() {
    let e = engine();
    let a = e.answer("currency of Afganistan", Lang::En, 5).unwrap();
    assert!(!a.abstained);
    assert_eq!(
        e.passage(a.candidate.as_ref().unwrap().passage)
            .unwrap()
            .article,
        "money"
    );
    let hits = e
        .search("where does the leader live, Qandahar?", Lang::En, 3)
        .unwrap();
    assert_eq!(e.passage(hits[0].passage).unwrap().link(), "/en/gov#p-1");
}

#[test]
fn abstains_on_unrelated_questions() {
    let e = engine();
    for q in [
        "How tall is the Eiffel tower in Paris?",
        "What is the recipe for chocolate cake?",
    ] {
        let a = e.answer(q, Lang::En, 5).unwrap();
        assert!(a.abstained, "{q}: {a:?}");
        assert!(a.sentences.is_empty());
    }
}

/// A short question is turned away when its answer lacks one of its
/// words, however rare the other is in the site (`abstain_short`).
#[test]
fn a_two_word_question_whose_answer_lacks_one_word_is_turned_away() {
    let site = |config| {
        let passages = vec![
            passage(
                Lang::En,
                "geo",
                "p-1",
                "Geography",
                "Afghanistan covers about 652,000 square kilometres, a little larger than France.",
            ),
            passage(
                Lang::En,
                "cities",
                "p-1",
                "Cities",
                "Kabul is the capital of Afghanistan.",
            ),
            passage(
                Lang::En,
                "provinces",
                "p-1",
                "Provinces",
                "Each province has a capital.",
            ),
            passage(
                Lang::En,
                "history",
                "p-1",
                "History",
                "Kandahar was the first capital.",
            ),
        ];
        Engine::in_memory(passages, &Synonyms::default(), config).unwrap()
    };
    let france = "What is the capital of France?";
    let mut off = EngineConfig::default();
    off.set("abstain_short_en", "0").unwrap();
    let a = site(off).answer(france, Lang::En, 5).unwrap();
    assert!(!a.abstained, "the rare word alone carries it: {a:?}");
    assert_eq!((a.signals.words, a.signals.words_missing), (2, 1));
    assert_eq!(a.decision, Decision::Answered);
    let e = site(EngineConfig::default());
    let a = e.answer(france, Lang::En, 5).unwrap();
    assert!(a.abstained && a.sentences.is_empty(), "{a:?}");
    assert_eq!(a.decision, Decision::ShortAndLacking);
    let a = e
        .answer("What is the capital of Afghanistan?", Lang::En, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("Kabul"), "{a:?}");
    assert_eq!(a.decision, Decision::Answered);
}

/// A question of several words whose answer holds only one of them is
/// turned away in English, however heavy that one (`abstain_one_held`):
/// the built-in site answered "How do I apply for a US visa?" with "UN
/// sanctions still apply.", "apply" being rarer there than "visa".
#[test]
fn an_answer_holding_one_word_of_several_is_turned_away_in_english() {
    let site = |config| {
        let passages = vec![
            passage(
                Lang::En,
                "gov",
                "p-9",
                "Recognition",
                "UN sanctions still apply.",
            ),
            passage(
                Lang::En,
                "travel",
                "p-1",
                "Travel",
                "A visa is needed to enter Afghanistan.",
            ),
            passage(
                Lang::En,
                "travel",
                "p-2",
                "Travel",
                "The visa costs more for US citizens.",
            ),
            passage(
                Lang::En,
                "travel",
                "p-3",
                "Travel",
                "Ask at a consulate about the visa.",
            ),
            passage(Lang::En, "gov", "p-1", "Government", "The US left in 2021."),
            passage(
                Lang::En,
                "gov",
                "p-2",
                "Government",
                "The US embassy is closed.",
            ),
        ];
        Engine::in_memory(passages, &Synonyms::default(), config).unwrap()
    };
    let visa = "How do I apply for a US visa?";
    let mut off = EngineConfig::default();
    off.set("abstain_one_held_en", "0").unwrap();
    let a = site(off).answer(visa, Lang::En, 5).unwrap();
    assert!(!a.abstained, "one rare word carried it: {a:?}");
    assert_eq!(a.sentences[0].text, "UN sanctions still apply.");
    assert_eq!((a.signals.words, a.signals.words_missing), (3, 2));
    let e = site(EngineConfig::default());
    let a = e.answer(visa, Lang::En, 5).unwrap();
    assert!(a.abstained && a.sentences.is_empty(), "{a:?}");
    assert_eq!(a.decision, Decision::OneWordHeld);
    // Two of its three words held: answered.
    let a = e
        .answer("How much does a visa cost for US citizens?", Lang::En, 5)
        .unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("US citizens"), "{a:?}");
    // Off in Dari and Pashto, whose colloquial questions often share one
    // word with their passage and paraphrase the rest.
    assert_eq!(EngineConfig::default().abstain_one_held, [3, 0, 0]);
}

/// The questions log keeps a decision by the name `--details` writes.
#[test]
fn a_decision_is_named_alike_in_json_and_in_the_log() {
    for d in Decision::ALL {
        assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
        assert_eq!(Decision::parse(d.as_str()), Some(d));
    }
    assert_eq!(Decision::parse("not_a_rule"), None);
}

/// Each rule that turns a question away says so in `Answer::decision`.
#[test]
fn the_answer_names_the_rule_that_decided_it() {
    let passages = vec![
        passage(
            Lang::En,
            "cities",
            "p-1",
            "Cities",
            "Kabul is the capital of Afghanistan.",
        ),
        passage(
            Lang::En,
            "money",
            "p-1",
            "Money",
            "The afghani is printed by the central bank in Kabul.",
        ),
        passage(
            Lang::En,
            "rivers",
            "p-1",
            "Rivers",
            "The Amu Darya forms much of the northern border.",
        ),
    ];
    let e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap();
    let decided = |q: &str| e.answer(q, Lang::En, 5).unwrap().decision;
    assert_eq!(
        decided("Where is the capital of Afghanistan?"),
        Decision::Answered
    );
    assert_eq!(
        decided("What is a chocolate cake recipe?"),
        Decision::NoWords
    );
    // One word of five, the others unknown to the site.
    assert_eq!(
        decided("Which bank in Switzerland froze reserves belonging to Venezuela?"),
        Decision::TooLittleCovered
    );
    let mut lenient = EngineConfig::default();
    lenient.set("abstain_below", "0").unwrap();
    lenient.set("abstain_short_en", "0").unwrap();
    let e = Engine::in_memory(
        vec![passage(
            Lang::En,
            "rivers",
            "p-1",
            "Rivers",
            "The Amu Darya forms much of the northern border of the country.",
        )],
        &Synonyms::default(),
        lenient,
    )
    .unwrap();
    let a = e
        .answer(
            "Which river forms the northern border of Tajikistan?",
            Lang::En,
            5,
        )
        .unwrap();
    assert!(a.abstained, "{a:?}");
    assert_eq!(a.decision, Decision::LacksMainWord, "{a:?}");
}

/// A vector file given to `with_encoder` keeps what other runs encoded:
/// a set's off-corpus run (half its passages) does not make its whole
/// run encode the other half again.
#[test]
fn a_vector_file_keeps_what_a_smaller_run_did_not_use() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("set.f16");
    let all = vec![
        passage(Lang::En, "a", "p-1", "A", "Kabul is the capital."),
        passage(Lang::En, "b", "p-1", "B", "The afghani is the currency."),
    ];
    let encoded_by_a_run = |passages: &[Passage]| {
        let ideas = Arc::new(Ideas {
            calls: Default::default(),
        });
        Engine::in_memory(
            passages.to_vec(),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap()
        .with_encoder(ideas.clone(), Some(&file))
        .unwrap();
        ideas.calls.load(std::sync::atomic::Ordering::SeqCst)
    };
    assert!(encoded_by_a_run(&all) > 0);
    assert_eq!(encoded_by_a_run(&all[..1]), 0);
    assert_eq!(
        encoded_by_a_run(&all),
        0,
        "what the smaller run left out is still in the file"
    );
}

/// The command line reads a server's vector file and leaves it as it is:
/// only the passages the file lacks are encoded, nothing is written, and
/// a record the server is still writing (a short tail) is skipped, not
/// cut off.
#[test]
fn a_servers_vector_file_is_read_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("server.f16");
    let all = vec![
        passage(Lang::En, "a", "p-1", "A", "Kabul is the capital."),
        passage(Lang::En, "b", "p-1", "B", "The afghani is the currency."),
    ];
    let engine = |passages: &[Passage]| {
        Engine::in_memory(
            passages.to_vec(),
            &Synonyms::default(),
            EngineConfig::default(),
        )
        .unwrap()
    };
    let calls = |ideas: &Ideas| ideas.calls.load(std::sync::atomic::Ordering::SeqCst);
    // The server's file holds the first passage only, and half a record.
    engine(&all[..1])
        .with_encoder(Arc::new(Ideas::default()), Some(&file))
        .unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.extend_from_slice(&[7; 9]);
    std::fs::write(&file, &bytes).unwrap();

    let ideas = Arc::new(Ideas::default());
    let read = engine(&all)
        .with_encoder_reading(ideas.clone(), &file)
        .unwrap();
    assert_eq!(calls(&ideas), 1, "only the passage the file lacks");
    assert_eq!(read.vectors().unwrap().len(), 2);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "the file is left as it was"
    );

    // A file that is not one of vectors is said to be so.
    std::fs::write(&file, "question,answer\n").unwrap();
    let Err(e) = engine(&all).with_encoder_reading(Arc::new(Ideas::default()), &file) else {
        panic!("a file of questions was read as vectors");
    };
    assert!(e.to_string().contains("server.f16"), "{e}");
    // And a missing one is every passage encoded.
    let ideas = Arc::new(Ideas::default());
    engine(&all)
        .with_encoder_reading(ideas.clone(), &dir.path().join("none.f16"))
        .unwrap();
    assert_eq!(calls(&ideas), 2);
}

/// With a model, a short question whose answer lacks one of its words
/// is answered only when its similarity alone reaches the cutoff: the
/// coverage that the rule adds to it is half the question at most.
#[test]
fn with_a_model_a_short_lacking_question_needs_the_similarity_alone() {
    let passages = vec![
        passage(
            Lang::En,
            "bank",
            "p-1",
            "Bank",
            "The capital keeps the afghani, the currency, in its vaults.",
        ),
        passage(
            Lang::En,
            "geo",
            "p-1",
            "Geography",
            "Afghanistan is a little larger than France.",
        ),
    ];
    let ask = |short: &str| {
        let mut config = EngineConfig::default();
        config.set("semantic_abstain_confidence", "0.5").unwrap();
        config.set("abstain_short_en", short).unwrap();
        Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(MULTILINGUAL), None)
            .unwrap()
            .answer("What is the capital of France?", Lang::En, 5)
            .unwrap()
    };
    // The bank's passage shares one of the question's two ideas (0.71,
    // under the 0.8 of the cutoff); its coverage lifts it over.
    let a = ask("0");
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("vaults"), "{a:?}");
    assert_eq!((a.signals.words, a.signals.words_missing), (2, 1));
    assert!(a.signals.answer_similarity.unwrap() < 0.8, "{a:?}");
    let a = ask("2");
    assert!(a.abstained && a.sentences.is_empty(), "{a:?}");
}

#[test]
fn readers_language_first_then_others() {
    let e = engine();
    let hits = e
        .search("روسیه امارت اسلامی را به رسمیت شناخت", Lang::Fa, 5)
        .unwrap();
    assert_eq!(e.passage(hits[0].passage).unwrap().lang, Lang::Fa);
    let a = e
        .answer("روسيه امارت اسلامي را به رسميت شناخت؟", Lang::Fa, 5)
        .unwrap();
    assert!(!a.abstained, "Arabic-keyboard letters still match: {a:?}");
}

/// A sentence that does not name the kind of thing asked for is quoted
/// with the neighbour that does, though that one holds little else of
/// the question; asked otherwise, the neighbour stays out.
#[test]
fn a_neighbour_naming_the_kind_asked_for_joins_the_answer() {
    let e = Engine::in_memory(
        vec![passage(
            Lang::En,
            "quake",
            "p-1",
            "The earthquake",
            "The heaviest destruction was in neighbouring Kunar province. \
             Districts such as Nurgal and Watapur were among the hardest hit by the earthquake. \
             Roads into the valleys were blocked.",
        )],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    let texts = |q: &str| -> Vec<String> {
        let a = e.answer(q, Lang::En, 5).unwrap();
        assert!(!a.abstained, "{a:?}");
        a.sentences.into_iter().map(|s| s.text).collect()
    };
    let which = texts("Which province was hit hardest by the earthquake?");
    assert_eq!(which.len(), 2, "{which:?}");
    assert!(which[0].contains("Kunar province"), "{which:?}");
    assert!(which[1].starts_with("Districts"), "{which:?}");
    let plain = texts("Where did the earthquake hit hardest?");
    assert_eq!(plain.len(), 1, "{plain:?}");
    assert!(plain[0].starts_with("Districts"), "{plain:?}");
}

#[test]
fn prefers_the_sentence_that_opens_with_the_question_words() {
    let passages = vec![
        passage(Lang::En, "compass", "p-1", "Compass", "Early compasses were pieces of magnetite floating on wood in a bowl of water. Magnetite is a magnetic mineral of iron, also called lodestone."),
        passage(Lang::En, "other", "p-1", "Rivers", "The Kabul river flows east into the Indus."),
    ];
    let e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap();
    let a = e.answer("What is magnetite?", Lang::En, 5).unwrap();
    let text = &a.candidate.as_ref().unwrap().text;
    assert!(
        text.starts_with("Magnetite is a magnetic mineral"),
        "{text}"
    );
    // Both sentences hold the question's one word: the confidence is its coverage either way.
    assert_eq!(a.confidence, 1.0);
    assert_eq!(
        Engine::opening_coverage(&e.concepts("magnetite", Lang::En), &[]),
        0.0
    );
}

#[test]
fn an_ordinal_question_prefers_a_sentence_with_an_ordinal() {
    let passages = vec![
        passage(
            Lang::Fa,
            "lincoln",
            "p-1",
            "آبراهام لینکلن",
            "لینکلن در سال ۱۸۶۰ رئیس جمهور آمریکا شد. او شانزدهمین رئیس جمهور آمریکا بود.",
        ),
        passage(
            Lang::Fa,
            "other",
            "p-1",
            "کابل",
            "کابل پایتخت افغانستان است.",
        ),
    ];
    let e = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap();
    let candidate = |q: &str| e.answer(q, Lang::Fa, 5).unwrap().candidate.unwrap().text;
    // Without the ordinal question word, the sentence with more of the question's words wins…
    let plain = candidate("لینکلن رئیس جمهور آمریکا بود؟");
    assert!(plain.starts_with("لینکلن در سال"), "{plain}");
    // …with it, the one that holds an ordinal.
    let ordinal = candidate("لینکلن چندمین رئیس جمهور آمریکا بود؟");
    assert!(ordinal.contains("شانزدهمین"), "{ordinal}");
}

#[test]
fn a_how_many_question_prefers_the_sentence_that_counts_its_words() {
    let text = "Provinces differ in size: 6 million people live in the largest. \
                The country, mountainous and landlocked, has 34 provinces.";
    let mut passages = vec![
        passage(Lang::En, "country", "p-1", "Afghanistan", text),
        passage(
            Lang::En,
            "langs",
            "p-1",
            "Languages",
            "Many Afghans speak two languages.",
        ),
    ];
    passages.extend(
        engine()
            .live_passages()
            .unwrap()
            .into_iter()
            .map(|(_, p)| (*p).clone()),
    );
    let count = |bonus: f32| {
        let config = EngineConfig {
            count_bonus: bonus,
            ..EngineConfig::default()
        };
        let e = Engine::in_memory(passages.clone(), &Synonyms::default(), config).unwrap();
        let a = e
            .answer("How many provinces are there?", Lang::En, 5)
            .unwrap();
        (a.candidate.unwrap().text, a.confidence)
    };
    // Both sentences hold a number and the question's word; the one that
    // opens with that word wins unless the number counting it counts…
    let (without, confidence) = count(0.0);
    assert!(without.starts_with("Provinces differ"), "{without}");
    let (with, same) = count(EngineConfig::default().count_bonus);
    assert_eq!(
        with,
        "The country, mountainous and landlocked, has 34 provinces."
    );
    // …and it chooses the sentence without changing whether to answer.
    assert_eq!(confidence, same);
}

/// Articles that spell compounds with a ZWNJ, as edited Dari does.
fn informal_engine() -> Engine {
    let fa = |n: &str, text: &str| passage(Lang::Fa, n, "p-1", "", text);
    let passages = vec![
        fa("a", "فرودگاه بین‌المللی کابل در سال ۱۳۳۰ ساخته شد."),
        fa("b", "قطب‌نما جهت شمال را نشان می‌دهد و در ایران ساخته شد."),
        fa("c", "بین دو کشور مرز طولانی است و خان در خانه بود."),
        fa("d", "شهر کابل بزرگ‌ترین شهر این کشور در دنیا است."),
        fa("e", "شهر هرات و شهر مزار و کابل."),
        fa("f", "شهرکابل نام یک فیلم است که به‌وجود آمد."),
        passage(Lang::Ps, "g", "p-1", "", "دا کور په کابل کې دی."),
    ];
    Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap()
}

/// Each concept's alternatives, one string per concept (`a|b` for either).
fn concept_alts(e: &Engine, question: &str, lang: Lang) -> Vec<String> {
    e.concepts(question, lang)
        .iter()
        .map(|c| {
            let alts: Vec<String> = c.alts.iter().map(|a| a.join(" ")).collect();
            alts.join("|")
        })
        .collect()
}

#[test]
fn a_compound_typed_apart_meets_the_articles_spelling() {
    let e = informal_engine();
    // (question, its concepts)
    for (question, expected) in [
        // `المللی` alone is unknown: the compound stands for it; `بین` is
        // also satisfied by the compound.
        (
            "فرودگاه بین المللی کابل",
            &["فرودگاه", "بین|بینالمللی", "بینالمللی", "کابل"][..],
        ),
        // Neither word is known alone: one concept for the pair.
        ("قطب نما چیست", &["قطبنما"]),
        // Joined, ZWNJ-spelt and spaced all meet.
        ("قطب‌نما", &["قطبنما"]),
        ("قطبنما", &["قطبنما"]),
        // Punctuation between the words: not a compound.
        ("قطب، نما", &["قطب", "نما"]),
        // `شهر` and `کابل` are each far commoner than `شهرکابل`: apart.
        ("شهر کابل", &["شهر", "کابل"]),
        // A stop word's compound: the articles write `به‌وجود`.
        ("به وجود امد", &["بهوجود", "امد"]),
    ] {
        assert_eq!(concept_alts(&e, question, Lang::Fa), expected, "{question}");
    }
}

#[test]
fn a_spoken_enclitic_comes_off_only_unknown_words() {
    let e = informal_engine();
    // (as typed, the concept it becomes)
    for (word, concept) in [
        ("ایرانه", "ایران"),
        ("کشوره", "کشور"),
        ("دنیاست", "دنیا"),
        ("شهری", "شهر"),
        ("شهرش", "شهر"),
        ("خانش", "خان"),
        // Known words stay as they are: `خانه` is not `خان` + `ه`.
        ("خانه", "خانه"),
        // Nothing known underneath: still an uncovered word.
        ("پاریسه", "پاریسه"),
    ] {
        assert_eq!(concept_alts(&e, word, Lang::Fa), [concept], "{word}");
    }
    // Once only, when the question also has the word itself.
    assert_eq!(concept_alts(&e, "ایران ایرانه", Lang::Fa), ["ایران"]);
    // Pashto's own endings are not Dari's copula: `کوره` stays.
    assert_eq!(concept_alts(&e, "کوره", Lang::Ps), ["کوره"]);
    assert_eq!(concept_alts(&e, "کور", Lang::Ps), ["کور"]);
}

#[test]
fn a_plural_the_stemmer_keeps_meets_its_singular_where_the_articles_have_it() {
    let fa = |n: &str, text: &str| passage(Lang::Fa, n, "p-1", "", text);
    let e = |texts: &[&str]| {
        let passages = texts
            .iter()
            .enumerate()
            .map(|(i, t)| fa(&i.to_string(), t))
            .collect();
        Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default()).unwrap()
    };
    let caviar = [
        "ماهیان خاویاری در دریای خزر زندگی می‌کنند.",
        "یک پرنده روی درخت نشست و گروه کوچک بود.",
    ];
    let plural_only = e(&caviar);
    // (as typed, the concept it becomes)
    for (word, concept) in [
        ("ماهی", "ماهیان"),
        ("پرندگان", "پرنده"),
        ("ماهیان", "ماهیان"),
        // Not a plural, though `گروه` is a word the articles use.
        ("گروگان", "گروگان"),
    ] {
        assert_eq!(
            concept_alts(&plural_only, word, Lang::Fa),
            [concept],
            "{word}"
        );
    }
    // A word the articles use in both numbers meets either.
    let both = e(&[caviar[0], caviar[1], "ماهی در آب زندگی می‌کند."]);
    assert_eq!(concept_alts(&both, "ماهی", Lang::Fa), ["ماهی|ماهیان"]);
    // The question asking of fish finds the caviar sentence.
    let answer = plural_only.answer("ماهیان خاویاری", Lang::Fa, 3).unwrap();
    assert!(!answer.abstained);
    let answer = plural_only.answer("ماهی خاویاری", Lang::Fa, 3).unwrap();
    assert!(!answer.abstained, "{:?}", answer.decision);
    assert_eq!(answer.confidence, 1.0);
}

#[test]
fn a_space_left_out_where_it_would_not_show_is_read_back() {
    let e = informal_engine();
    // (as typed, its concepts)
    for (question, expected) in [
        // `در` never joins the next letter: `درکابل` looks like `در کابل`.
        ("درکابل", &["کابل"][..]),
        ("مرزایران", &["مرز", "ایران"]),
        // A word the articles use is never split: `شهرکابل` is a film.
        ("شهرکابل", &["شهرکابل"]),
        // A two-letter half that is no stop word is too easily a piece
        // of a longer word: nothing is read into `زرکابل`.
        ("زرکابل", &["زرکابل"]),
        // Both halves must be words the articles use.
        ("مرزپاریس", &["مرزپاریس"]),
    ] {
        assert_eq!(concept_alts(&e, question, Lang::Fa), expected, "{question}");
    }
    // Pashto's `د` ("of") never joins either.
    assert_eq!(concept_alts(&e, "دکابل", Lang::Ps), ["کابل"]);
}

#[test]
fn spoken_question_words_are_no_concepts_and_the_cues_still_hold() {
    let e = informal_engine();
    for (question, expected) in [
        (
            "فرودگاه کابل در چه سالی ساخته شد؟",
            &["فرودگاه", "کابل", "ساخته"][..],
        ),
        ("کابل چندمین شهر دنیاست؟", &["کابل", "شهر", "دنیا"]),
        ("کابل کجاییه؟", &["کابل"]),
        ("قطب نما چقدره؟", &["قطبنما"]),
    ] {
        assert_eq!(concept_alts(&e, question, Lang::Fa), expected, "{question}");
    }
    // The cues as `answer` asks them: of the normalized question.
    let normalized = |q: &str| askaf_text::normalize(q, Language::Dari);
    assert!(asks_for_number(
        &normalized("فرودگاه کابل در چه سالی ساخته شد؟"),
        Lang::Fa
    ));
    assert!(asks_for_ordinal(
        &normalized("کابل چندمین شهر دنیاست؟"),
        Lang::Fa
    ));
}

#[test]
fn an_index_on_disk_is_reused_and_rebuilt_when_content_changes() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    let ps = vec![passage(Lang::En, "a", "p-1", "T", "Kabul is the capital.")];
    let e = Engine::on_disk(
        &idx,
        ps.clone(),
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    assert_eq!(e.search("capital", Lang::En, 3).unwrap().len(), 1);
    drop(e);
    let stamp = std::fs::read(idx.join("askaf-index.record")).unwrap();
    let e = Engine::on_disk(
        &idx,
        ps.clone(),
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    assert_eq!(e.search("capital", Lang::En, 3).unwrap().len(), 1);
    assert_eq!(
        std::fs::read(idx.join("askaf-index.record")).unwrap(),
        stamp
    );
    let mut changed = ps;
    changed.push(passage(Lang::En, "b", "p-1", "T", "Herat is in the west."));
    let e = Engine::on_disk(&idx, changed, &Synonyms::default(), EngineConfig::default()).unwrap();
    assert_eq!(e.search("herat", Lang::En, 3).unwrap().len(), 1);
    assert_ne!(
        std::fs::read(idx.join("askaf-index.record")).unwrap(),
        stamp
    );
    // An older format is rebuilt, not read.
    let mut old = std::fs::read(idx.join("askaf-index.record")).unwrap();
    old[8..12].copy_from_slice(&3u32.to_le_bytes());
    std::fs::write(idx.join("askaf-index.record"), old).unwrap();
    let e = Engine::on_disk(
        &idx,
        vec![passage(Lang::En, "c", "p-1", "T", "Mazar")],
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    assert_eq!(e.search("mazar", Lang::En, 3).unwrap().len(), 1);
}

/// A question word counts as unknown to the site only when no form of it
/// is known: a synonym the articles never use stands for one they do.
#[test]
fn a_word_is_unknown_only_when_no_form_of_it_is_known() {
    let passages = vec![passage(
        Lang::En,
        "money",
        "p-1",
        "Currency",
        "The afghani is the currency of Afghanistan.",
    )];
    let synonyms = Synonyms::parse("afghani, afs\n").unwrap();
    let e = Engine::in_memory(passages, &synonyms, EngineConfig::default()).unwrap();
    let a = e.answer("What currency is the afs?", Lang::En, 3).unwrap();
    assert_eq!(a.signals.unknown, 0.0, "{a:?}");
    let a = e
        .answer("What currency do kangaroos use?", Lang::En, 3)
        .unwrap();
    assert!(a.signals.unknown > 0.3, "{a:?}");
}

mod tables;

/// Governing and money, each an idea whatever the words.
const GOVERNING: Calibrated = Calibrated {
    id: "governing-and-money",
    // ("afghani" would be found in "Afghanistan".)
    ideas: &[&["govern", "runs"], &["bank", "coins"]],
};

/// [`GOVERNING`] tuned as E5 is to choose the answer sentence: the first
/// passage preferred, and none far below it in meaning quoted from.
struct FirstInMeaning;

impl Encoder for FirstInMeaning {
    fn id(&self) -> &str {
        "first-in-meaning"
    }
    fn languages(&self) -> &[Lang] {
        &Lang::ALL
    }
    fn encode(&self, texts: &[&str], role: Role) -> Result<Vec<Vec<f32>>, crate::EncodeError> {
        GOVERNING.encode(texts, role)
    }
    fn tuning(&self) -> Tuning {
        Tuning {
            prior_scale: Some(1000.0),
            quote_within: Some(0.03),
            ..GOVERNING.tuning()
        }
    }
}

/// Where the rule by meaning weighs the closest passage, a sentence that
/// holds every word of the question is not quoted from a passage far below
/// the first in meaning: "Who runs Afghanistan?" is answered from the
/// passage on who governs, not from the currency's "…appointees run it".
/// Where the quoted passage is weighed (English by default), the rule
/// leaves the choice to the words, and the rule by meaning judges it,
/// unless the question has two words or fewer.
#[test]
fn a_passage_far_below_the_first_in_meaning_is_not_quoted_from() {
    let passages = vec![
        passage(
            Lang::En,
            "gov",
            "p-1",
            "Government",
            "The Taliban govern Afghanistan from Kabul and Kandahar.",
        ),
        passage(
            Lang::En,
            "money",
            "p-1",
            "Money",
            "The central bank of Afghanistan issues the afghani, and Taliban appointees run it.",
        ),
    ];
    let engine = |within: Option<&str>| {
        let mut config = EngineConfig::default();
        config.set("semantic_quoted_abstain_below_en", "0").unwrap();
        if let Some(v) = within {
            config.set("semantic_quote_within", v).unwrap();
        }
        Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(FirstInMeaning), None)
            .unwrap()
    };
    let q = "Who runs Afghanistan?";
    let a = engine(None).answer(q, Lang::En, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("govern"), "{a:?}");
    // Without the rule the words choose the currency's sentence.
    let a = engine(Some("0")).answer(q, Lang::En, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("appointees run it"), "{a:?}");
    // Where the quoted passage is weighed (English), a question of two
    // words is still quoted from near the first passage in meaning
    // (`quote_near_words`): two words tell little by themselves.
    let weighed = |near_words: &str| {
        let mut config = EngineConfig::default();
        config.set("quote_near_words_en", near_words).unwrap();
        Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .unwrap()
            .with_encoder(Arc::new(FirstInMeaning), None)
            .unwrap()
    };
    assert_eq!(EngineConfig::default().quote_near_words, [2, 0, 0]);
    let a = weighed("2").answer(q, Lang::En, 5).unwrap();
    assert!(!a.abstained, "{a:?}");
    assert!(a.sentences[0].text.contains("govern"), "{a:?}");
    // Otherwise the words choose the currency's sentence, and the rule by
    // meaning turns it away.
    let a = weighed("1").answer(q, Lang::En, 5).unwrap();
    assert!(a.abstained, "{a:?}");
    let chosen = a.candidate.as_ref().map(|c| c.text.as_str());
    assert!(chosen.is_some_and(|t| t.contains("appointees")), "{a:?}");
}

//! Evaluation on public question-answering sets in SQuAD format.
//!
//! Each paragraph of the set becomes a passage (its article title as title),
//! every question is asked, and the gold paragraph's rank and the answer
//! sentence are scored.
//!
//! A site gets far more questions than it has articles for, so the test
//! that matters most for abstention is a question whose answer is on no
//! page at all. Any SQuAD-format file makes one ([`off_corpus`]): half its
//! articles are indexed, and the other half's questions must be abstained on.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use askaf_content::Lang;
use askaf_text::normalize;
use serde::Deserialize;

use crate::engine::{Engine, EngineConfig, Hit};
use crate::passage::Passage;
use crate::synonyms::Synonyms;
use crate::{language, Encoder, Error};

/// A problem with the evaluation file, said so that it can be fixed.
#[derive(Debug, thiserror::Error)]
pub enum SquadError {
    #[error(transparent)]
    Read(#[from] askaf_content::TextFileError),
    #[error("{path}: not SQuAD JSON: {message} (expected {{\"data\": [{{\"title\", \"paragraphs\": [{{\"context\", \"qas\": [...]}}]}}]}})")]
    Format { path: String, message: String },
    #[error("{path}: {message}")]
    Content { path: String, message: String },
}

#[derive(Deserialize)]
struct SquadFile {
    data: Vec<SquadArticle>,
}

#[derive(Deserialize)]
struct SquadArticle {
    #[serde(default)]
    title: String,
    paragraphs: Vec<SquadParagraph>,
}

#[derive(Deserialize)]
struct SquadParagraph {
    context: String,
    qas: Vec<SquadQa>,
}

#[derive(Deserialize)]
struct SquadQa {
    #[serde(default)]
    id: serde_json::Value,
    question: String,
    #[serde(default)]
    answers: Vec<SquadAnswer>,
    #[serde(default)]
    is_impossible: bool,
}

#[derive(Deserialize)]
struct SquadAnswer {
    text: String,
}

/// One question of the set, with its gold paragraph.
#[derive(Debug, Clone)]
pub struct EvalQuestion {
    pub id: String,
    pub question: String,
    pub gold_passage: usize,
    pub answers: Vec<String>,
    pub impossible: bool,
    /// Its article is not indexed ([`off_corpus`]): it must be abstained on,
    /// and `gold_passage` means nothing.
    pub off_corpus: bool,
}

/// A loaded set: passages to index and questions to ask.
#[derive(Debug, Clone)]
pub struct EvalSet {
    pub passages: Vec<Passage>,
    pub questions: Vec<EvalQuestion>,
}

/// Reads a SQuAD-format file; every paragraph becomes a passage in `lang`.
pub fn load_squad(path: &std::path::Path, lang: Lang) -> Result<EvalSet, SquadError> {
    let p = path.display().to_string();
    let text = askaf_content::read_text(path)?;
    parse_squad(&text, lang).map_err(|e| match e {
        SquadError::Format { message, .. } => SquadError::Format {
            path: p.clone(),
            message,
        },
        SquadError::Content { message, .. } => SquadError::Content {
            path: p.clone(),
            message,
        },
        other => other,
    })
}

pub fn parse_squad(text: &str, lang: Lang) -> Result<EvalSet, SquadError> {
    let file: SquadFile = serde_json::from_str(text).map_err(|e| SquadError::Format {
        path: String::new(),
        message: e.to_string(),
    })?;
    let mut passages = Vec::new();
    let mut questions = Vec::new();
    for (ai, article) in file.data.into_iter().enumerate() {
        let title = if article.title.is_empty() {
            format!("article-{ai}")
        } else {
            article.title.replace('_', " ")
        };
        for (pi, para) in article.paragraphs.into_iter().enumerate() {
            let idx = passages.len();
            passages.push(Passage {
                lang,
                article: format!("{ai}"),
                anchor: format!("p-{}", pi + 1),
                title: title.clone(),
                question: String::new(),
                headings: vec![],
                kind: askaf_content::BlockKind::Paragraph,
                text: para.context,
            });
            for (qi, qa) in para.qas.into_iter().enumerate() {
                if qa.question.trim().is_empty() {
                    continue;
                }
                let answers: Vec<String> = qa
                    .answers
                    .into_iter()
                    .map(|a| a.text)
                    .filter(|a| !a.trim().is_empty())
                    .collect();
                if !qa.is_impossible && answers.is_empty() {
                    return Err(SquadError::Content {
                        path: String::new(),
                        message: format!("question {} of paragraph {} of article `{title}` has no answers and is not marked is_impossible", qi + 1, pi + 1),
                    });
                }
                questions.push(EvalQuestion {
                    id: match qa.id {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => format!("{ai}-{pi}-{qi}"),
                        other => other.to_string(),
                    },
                    question: qa.question,
                    gold_passage: idx,
                    answers,
                    impossible: qa.is_impossible,
                    off_corpus: false,
                });
            }
        }
    }
    if passages.is_empty() || questions.is_empty() {
        return Err(SquadError::Content {
            path: String::new(),
            message: "the file has no paragraphs or no questions".into(),
        });
    }
    Ok(EvalSet {
        passages,
        questions,
    })
}

/// Which half of a set's articles the off-corpus test indexes.
///
/// One split of a small set is a small sample: ParsiNLU gives 63
/// answerable and 62 off-corpus questions, where one question moves a
/// share by 0.016. The other half, asked the same way, doubles the sample:
/// together the two runs count every question once as answerable and once
/// as off-corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Half {
    /// The first half by the titles' hash (rounded up): the test as it
    /// has always been run, and the one the README's tables quote.
    #[default]
    First,
    /// The rest: the first half's questions become the off-corpus ones.
    Second,
}

impl std::str::FromStr for Half {
    type Err = String;
    fn from_str(s: &str) -> Result<Half, String> {
        match s {
            "first" => Ok(Half::First),
            "second" => Ok(Half::Second),
            _ => Err(format!("`{s}` is not a half: first or second")),
        }
    }
}

/// The off-corpus test made from `set`: the articles are ordered by a hash
/// of their title (so the choice is the same on every run and does not
/// follow the file's order, which often groups topics), one half of them
/// ([`Half`]; the first holds the odd article of an odd count) is indexed,
/// and the questions of the other half are kept as must-abstain questions
/// (`off_corpus`). The indexed half's questions stay as they were,
/// answerable or not.
pub fn off_corpus(set: EvalSet, half: Half) -> EvalSet {
    use sha2::{Digest, Sha256};
    let mut articles: Vec<(&str, &str)> = Vec::new();
    for p in &set.passages {
        if !articles.iter().any(|(a, _)| *a == p.article) {
            articles.push((&p.article, &p.title));
        }
    }
    let mut order: Vec<([u8; 32], &str)> = articles
        .iter()
        .map(|(a, title)| {
            let mut h = Sha256::new();
            h.update(title.as_bytes());
            h.update([0]);
            h.update(a.as_bytes());
            (h.finalize().into(), *a)
        })
        .collect();
    order.sort();
    let (first, second) = order.split_at(order.len().div_ceil(2));
    let kept: std::collections::HashSet<String> = match half {
        Half::First => first,
        Half::Second => second,
    }
    .iter()
    .map(|(_, a)| a.to_string())
    .collect();
    let mut new_index = vec![None; set.passages.len()];
    let mut passages = Vec::new();
    for (i, p) in set.passages.iter().enumerate() {
        if kept.contains(&p.article) {
            new_index[i] = Some(passages.len());
            passages.push(p.clone());
        }
    }
    let questions = set
        .questions
        .into_iter()
        .map(|q| match new_index[q.gold_passage] {
            Some(gold) => EvalQuestion {
                gold_passage: gold,
                ..q
            },
            None => EvalQuestion {
                gold_passage: usize::MAX,
                off_corpus: true,
                ..q
            },
        })
        .collect();
    EvalSet {
        passages,
        questions,
    }
}

/// The figures `askaf eval` prints.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub questions: usize,
    pub recall_at_1: f64,
    pub recall_at_5: f64,
    /// Open-domain QA's count (DPR's "top-k retrieval accuracy"): the first
    /// passage, or one of the first 5, holds one of the answers, whichever
    /// paragraph the set took the question from. More lenient than Recall@k
    /// (a date or a name may stand in several paragraphs), and the figure
    /// retrieval studies usually quote, so both are printed.
    pub answer_at_1: f64,
    pub answer_at_5: f64,
    pub mrr_at_10: f64,
    pub answer_accuracy: f64,
    pub abstained_answerable: f64,
    pub abstained_impossible: f64,
    /// Share of the off-corpus questions abstained on, when the set has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abstained_offcorpus: Option<f64>,
    /// How many questions were off-corpus (0 without `--offcorpus`).
    pub offcorpus_questions: usize,
    /// How many were answerable (neither impossible nor off-corpus): the
    /// denominator of the recall, accuracy and answerable abstention
    /// shares, so that two runs (the two halves of the off-corpus test)
    /// can be added up.
    pub answerable_questions: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Letters and digits of the normalized text, words separated by single spaces,
/// so that punctuation and spacing never decide whether an answer was found.
pub fn answer_key(text: &str, lang: Lang) -> String {
    let n = normalize(text, language(lang));
    let cleaned: String = n
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `sentence` holds one of `answers`, on word boundaries of their
/// [`answer_key`]s: what answer accuracy counts, for measurements outside
/// `evaluate` to count alike.
pub fn contains_answer(sentence: &str, answers: &[String], lang: Lang) -> bool {
    keyed_contains(&keyed(sentence, lang), answers, lang)
}

/// `text`'s [`answer_key`] between spaces, for [`keyed_contains`]: a text
/// asked of many times (a passage, for every question it is found for) is
/// normalized once.
fn keyed(text: &str, lang: Lang) -> String {
    format!(" {} ", answer_key(text, lang))
}

/// Whether a [`keyed`] text holds one of `answers`, on word boundaries.
fn keyed_contains(keyed: &str, answers: &[String], lang: Lang) -> bool {
    answers.iter().any(|a| {
        let k = answer_key(a, lang);
        !k.is_empty() && keyed.contains(&format!(" {k} "))
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Indexes the set in memory, asks every question, and scores the answers.
pub fn evaluate(
    set: EvalSet,
    lang: Lang,
    synonyms: &Synonyms,
    config: EngineConfig,
) -> Result<Report, Error> {
    evaluate_with_details(set, lang, synonyms, config, None, None)
}

/// A sentence encoder for [`evaluate_with_details`], and the file its
/// passage vectors are kept in between runs, if any.
pub type EvalEncoder<'a> = (Arc<dyn Encoder>, Option<&'a std::path::Path>);

/// As [`evaluate`], with an optional sentence encoder for semantic re-ranking,
/// writing one JSON line per question to `details`: what was
/// asked, the gold rank, the confidence and whether the best sentence held the answer.
pub fn evaluate_with_details(
    set: EvalSet,
    lang: Lang,
    synonyms: &Synonyms,
    config: EngineConfig,
    mut details: Option<&mut dyn std::io::Write>,
    encoder: Option<EvalEncoder<'_>>,
) -> Result<Report, Error> {
    let questions = set.questions;
    // By slot, as the engine numbers them, normalized once: for the
    // answers' places.
    let texts: Vec<String> = set.passages.iter().map(|p| keyed(&p.text, lang)).collect();
    let mut engine = Engine::in_memory(set.passages, synonyms, config)?;
    if let Some((encoder, vectors)) = encoder {
        engine = engine.with_encoder(encoder, vectors)?;
    }
    let mut r1 = 0usize;
    let mut r5 = 0usize;
    let (mut a1, mut a5) = (0usize, 0usize);
    let mut mrr = 0f64;
    let mut accurate = 0usize;
    let (mut answerable, mut impossible) = (0usize, 0usize);
    let (mut abst_ans, mut abst_imp) = (0usize, 0usize);
    let (mut off, mut abst_off) = (0usize, 0usize);
    let mut latencies = Vec::with_capacity(questions.len());
    for q in &questions {
        let start = Instant::now();
        let answer = engine.answer(&q.question, lang, 10)?;
        latencies.push(start.elapsed().as_secs_f64() * 1000.0);
        if let Some(out) = details.as_mut() {
            let line = serde_json::json!({
                "id": q.id,
                "question": q.question,
                "impossible": q.impossible,
                "off_corpus": q.off_corpus,
                "abstained": answer.abstained,
                "confidence": answer.confidence,
                "gold_rank": answer.hits.iter().position(|h| h.passage == q.gold_passage),
                "gold_passage": q.gold_passage,
                "hits": answer.hits.iter().map(|h| (h.passage, h.score)).collect::<Vec<_>>(),
                "candidate": answer.candidate.as_ref().map(|s| s.text.as_str()),
                "candidate_correct": answer.candidate.as_ref().is_some_and(|s| contains_answer(&s.text, &q.answers, lang)),
                "answers": q.answers,
                "signals": answer.signals,
                "decision": answer.decision,
            });
            let _ = writeln!(out, "{line}");
        }
        if q.off_corpus {
            off += 1;
            abst_off += usize::from(answer.abstained);
            continue;
        }
        if q.impossible {
            impossible += 1;
            abst_imp += usize::from(answer.abstained);
            continue;
        }
        answerable += 1;
        abst_ans += usize::from(answer.abstained);
        if let Some(rank) = answer.hits.iter().position(|h| h.passage == q.gold_passage) {
            if rank == 0 {
                r1 += 1;
            }
            if rank < 5 {
                r5 += 1;
            }
            mrr += 1.0 / (rank as f64 + 1.0);
        }
        let holds = |h: &Hit| {
            texts
                .get(h.passage)
                .is_some_and(|t| keyed_contains(t, &q.answers, lang))
        };
        if let Some(rank) = answer.hits.iter().take(5).position(holds) {
            a1 += usize::from(rank == 0);
            a5 += 1;
        }
        if let Some(s) = answer.candidate.as_ref().filter(|_| !answer.abstained) {
            if contains_answer(&s.text, &q.answers, lang) {
                accurate += 1;
            }
        }
    }
    latencies.sort_by(f64::total_cmp);
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    Ok(Report {
        questions: questions.len(),
        recall_at_1: share(r1, answerable),
        recall_at_5: share(r5, answerable),
        answer_at_1: share(a1, answerable),
        answer_at_5: share(a5, answerable),
        mrr_at_10: if answerable == 0 {
            0.0
        } else {
            mrr / answerable as f64
        },
        answer_accuracy: share(accurate, answerable),
        abstained_answerable: share(abst_ans, answerable),
        abstained_impossible: share(abst_imp, impossible),
        abstained_offcorpus: (off > 0).then(|| share(abst_off, off)),
        offcorpus_questions: off,
        answerable_questions: answerable,
        p50_ms: percentile(&latencies, 50.0),
        p99_ms: percentile(&latencies, 99.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: &str = r#"{"data": [
      {"title": "Kabul", "paragraphs": [
        {"context": "Kabul is the capital of Afghanistan. It lies in a valley of the Hindu Kush at about 1,800 metres.",
         "qas": [{"id": "q1", "question": "What is the capital of Afghanistan?", "answers": [{"text": "Kabul", "answer_start": 0}]},
                 {"id": "q2", "question": "Where does Kabul lie?", "answers": [{"text": "about 1,800 metres", "answer_start": 70}]}]},
        {"context": "The afghani is the currency. Da Afghanistan Bank issues it.",
         "qas": [{"id": "q3", "question": "Which bank issues the afghani?", "answers": [{"text": "Da Afghanistan Bank", "answer_start": 29}]},
                 {"id": "q4", "question": "Who designed the Eiffel tower?", "answers": [], "is_impossible": true}]}
      ]}
    ]}"#;

    #[test]
    fn evaluates_a_small_set() {
        let set = parse_squad(SET, Lang::En).unwrap();
        assert_eq!(set.passages.len(), 2);
        assert_eq!(set.questions.len(), 4);
        let r = evaluate(set, Lang::En, &Synonyms::default(), EngineConfig::default()).unwrap();
        assert_eq!(r.questions, 4);
        assert_eq!(r.recall_at_1, 1.0, "{r:?}");
        assert_eq!(r.answer_accuracy, 1.0, "{r:?}");
        assert_eq!(r.abstained_impossible, 1.0, "{r:?}");
        assert_eq!(r.abstained_answerable, 0.0, "{r:?}");
        assert!(r.p99_ms >= r.p50_ms);
    }

    /// An answer found in another paragraph than the one the set took the
    /// question from counts for the answer in passage, not for Recall@1.
    #[test]
    fn the_answer_in_passage_counts_any_paragraph_that_holds_it() {
        let text = r#"{"data": [
          {"title": "Festivals", "paragraphs": [
            {"context": "The fair is held in Herat.",
             "qas": [{"id": "q1", "question": "Where is the Nowruz spring festival held every spring?", "answers": [{"text": "Herat"}]}]},
            {"context": "Every spring the Nowruz festival fills Herat: the spring festival of Nowruz is held there.",
             "qas": [{"id": "q2", "question": "What fills the city every spring?", "answers": [{"text": "the Nowruz festival"}]}]},
            {"context": "Bamiyan lies in the central highlands.",
             "qas": [{"id": "q3", "question": "Which festival is held in spring?", "answers": [{"text": "the kite festival"}]}]}
          ]}
        ]}"#;
        let set = parse_squad(text, Lang::En).unwrap();
        let r = evaluate(set, Lang::En, &Synonyms::default(), EngineConfig::default()).unwrap();
        // q1 is ranked to the second paragraph, which holds "Herat" too; q3's
        // answer is nowhere.
        assert!((r.recall_at_1 - 1.0 / 3.0).abs() < 1e-9, "{r:?}");
        assert!((r.answer_at_1 - 2.0 / 3.0).abs() < 1e-9, "{r:?}");
        assert!((r.answer_at_5 - 2.0 / 3.0).abs() < 1e-9, "{r:?}");
    }

    #[test]
    fn the_off_corpus_test_indexes_half_the_articles_and_asks_the_rest() {
        // A set of `n` articles, one paragraph and one question each.
        let file = |n: usize| {
            let articles: Vec<String> = (0..n)
                .map(|a| format!(r#"{{"title": "Topic {a}", "paragraphs": [{{"context": "Topic {a} lies in the valley number {a}.", "qas": [{{"id": "q{a}", "question": "Where does topic {a} lie?", "answers": [{{"text": "valley number {a}"}}]}}]}}]}}"#))
                .collect();
            format!(r#"{{"data": [{}]}}"#, articles.join(","))
        };
        let text = file(6);
        let set = off_corpus(parse_squad(&text, Lang::En).unwrap(), Half::First);
        assert_eq!(set.passages.len(), 3, "half the articles are indexed");
        let (off, on): (Vec<_>, Vec<_>) = set.questions.iter().partition(|q| q.off_corpus);
        assert_eq!((off.len(), on.len()), (3, 3));
        for q in &on {
            // The gold passage follows its paragraph to its new place.
            let p = &set.passages[q.gold_passage];
            assert!(p.text.contains(&q.answers[0]), "{q:?} → {p:?}");
        }
        for q in &off {
            assert!(set.passages.iter().all(|p| !p.text.contains(&q.answers[0])));
        }
        // The same file, the same halves.
        let again = off_corpus(parse_squad(&text, Lang::En).unwrap(), Half::First);
        assert_eq!(again.passages, set.passages);
        // The second half indexes the articles the first left out, and
        // asks the first's questions as off-corpus ones.
        let other = off_corpus(parse_squad(&text, Lang::En).unwrap(), Half::Second);
        assert_eq!(other.passages.len(), 3);
        assert!(other.passages.iter().all(|p| !set.passages.contains(p)));
        for q in &other.questions {
            let was = set.questions.iter().find(|o| o.id == q.id).unwrap();
            assert_ne!(q.off_corpus, was.off_corpus, "{q:?}");
        }
        // An odd count: the first half holds the odd article.
        let odd = |half| off_corpus(parse_squad(&file(7), Lang::En).unwrap(), half);
        assert_eq!(odd(Half::First).passages.len(), 4);
        assert_eq!(odd(Half::Second).passages.len(), 3);
        let r = evaluate(set, Lang::En, &Synonyms::default(), EngineConfig::default()).unwrap();
        assert_eq!(r.offcorpus_questions, 3);
        assert_eq!(r.answerable_questions, 3);
        assert_eq!(r.recall_at_1, 1.0, "{r:?}");
        let abstained = r.abstained_offcorpus.unwrap();
        assert!((0.0..=1.0).contains(&abstained), "{r:?}");
    }

    #[test]
    fn malformed_files_say_what_is_wrong() {
        let e = parse_squad("{\"data\": [{\"title\": \"x\"}]}", Lang::En)
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field `paragraphs`"), "{e}");
        let e = parse_squad(r#"{"data": [{"title": "x", "paragraphs": [{"context": "c", "qas": [{"question": "q?"}]}]}]}"#, Lang::En)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("has no answers and is not marked is_impossible"),
            "{e}"
        );
        assert!(parse_squad("[1, 2", Lang::En).is_err());
    }

    #[test]
    fn answer_keys_ignore_case_punctuation_and_keyboard() {
        assert_eq!(
            answer_key("About 1,800 Metres.", Lang::En),
            answer_key("about 1 800 metres", Lang::En)
        );
        assert!(contains_answer(
            "روسیه نخستین کشور بود.",
            &["روسيه".to_string()],
            Lang::Fa
        ));
    }
}

//! What comparing a question with every passage by meaning costs on a large
//! site: with multilingual-e5-small, each question adds the passages of its
//! language closest in meaning that its words missed (`Tuning::added`), and
//! a question its language cannot answer is compared with the other
//! languages' passages; both read every passage vector once.
//!
//! ```sh
//! cargo run --release -p askaf-search --example scan_cost -- [PASSAGES]
//! ```
//!
//! The vectors are made up (384 dimensions, as E5's, from a hash of the
//! text), so the figures are the scan's alone: the question's own encoding
//! (about 15-25 ms with E5) comes on top. Prints the milliseconds per
//! question with the passages added by meaning and without (the lexical
//! ranking with its candidates re-ranked only), the resident memory, and
//! what a question its language cannot answer costs on a site of two
//! languages, compared with the other's passages as they are and taken
//! from each language's mean.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a measuring program: a failure stops it with its cause"
)]

use std::sync::Arc;
use std::time::Instant;

use askaf_content::Lang;
use askaf_search::{EncodeError, Encoder, Engine, EngineConfig, Passage, Role, Synonyms};

const DIM: usize = 384;

/// Unit vectors from a hash of the text: as costly to compare as a model's.
struct Hashed;

impl Encoder for Hashed {
    fn id(&self) -> &str {
        "hashed-384"
    }
    fn languages(&self) -> &[Lang] {
        &Lang::ALL
    }
    fn encode(&self, texts: &[&str], _: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
        Ok(texts
            .iter()
            .map(|t| {
                let mut x = t.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                });
                let mut v: Vec<f32> = (0..DIM)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        (x >> 40) as f32 / (1u64 << 24) as f32 - 0.5
                    })
                    .collect();
                let n = v.iter().map(|a| a * a).sum::<f32>().sqrt();
                v.iter_mut().for_each(|a| *a /= n);
                v
            })
            .collect())
    }
}

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let words = [
        "province", "river", "election", "wheat", "border", "school", "valley", "road", "market",
        "winter", "language", "court", "mine", "dam", "festival", "museum",
    ];
    let passages: Vec<Passage> = (0..count)
        .map(|i| {
            let w = |k: usize| words[(i / k + k) % words.len()];
            Passage {
                lang: Lang::En,
                article: format!("article-{}", i / 10),
                anchor: format!("p-{}", i % 10),
                title: format!("Article {} on the {}", i / 10, w(10)),
                question: String::new(),
                headings: Vec::new(),
                kind: askaf_content::BlockKind::Paragraph,
                text: format!(
                    "Passage {i} tells of the {} and the {} near the {}, as counted in {}.",
                    w(1),
                    w(3),
                    w(7),
                    1900 + i % 120
                ),
            }
        })
        .collect();
    let started = Instant::now();
    let questions = [
        "Which river crosses the valley?",
        "When was the dam on the river built?",
        "How many schools does the province have?",
        "Where is the wheat market held in winter?",
    ];
    for added in [3, 0] {
        // Weighed as E5 is (`askaf eval --set` takes the same settings).
        let mut config = EngineConfig::default();
        for (name, value) in [
            ("semantic_gate", "inf"),
            ("semantic_candidates", "10"),
            ("semantic_lexical_weight", "0.1"),
            ("semantic_passage_weight", "0.9"),
            ("semantic_sentence_weight", "0"),
            ("semantic_added", &added.to_string()),
        ] {
            config.set(name, value).unwrap();
        }
        let engine = Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .and_then(|e| e.with_encoder(Arc::new(Hashed), None))
            .expect("the engine is built");
        if added == 3 {
            println!(
                "{count} passages indexed and encoded in {:.1} s; resident {:.0} MB",
                started.elapsed().as_secs_f64(),
                resident_mb()
            );
        }
        let mut times = Vec::new();
        for round in 0..5 {
            for q in questions {
                let t = Instant::now();
                engine.answer(q, Lang::En, 10).expect("answered");
                if round > 0 {
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{} added by meaning: median {:.1} ms, worst {:.1} ms per question",
            added,
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    across(passages);
}

/// A question its language cannot answer, on a site of two languages (the
/// same passages, half of them Dari's): it is compared with every passage
/// of the other language as they are, and, with `across_centered_below`
/// set, with every passage of both taken from their languages' means.
/// Both cutoffs stand out of reach, so that every question pays for the
/// whole comparison.
fn across(mut passages: Vec<Passage>) {
    for (i, p) in passages.iter_mut().enumerate() {
        if i % 2 == 1 {
            p.lang = Lang::Fa;
        }
    }
    let questions = ["زلزله کجا بود؟", "پرچم چه رنگی است؟", "کدام سال مستقل شد؟"];
    for centered in [false, true] {
        let mut config = EngineConfig::default();
        let mut settings = vec![
            ("semantic_gate", "inf"),
            ("semantic_abstain_below", "0.5"),
            ("semantic_across_below", "2"),
        ];
        if centered {
            settings.push(("semantic_across_centered_below", "2"));
        }
        for (name, value) in settings {
            config.set(name, value).unwrap();
        }
        let engine = Engine::in_memory(passages.clone(), &Synonyms::default(), config)
            .and_then(|e| e.with_encoder(Arc::new(Hashed), None))
            .expect("the engine is built");
        let mut times = Vec::new();
        for round in 0..5 {
            for q in questions {
                let t = Instant::now();
                let a = engine.answer(q, Lang::Fa, 10).expect("answered");
                assert!(a.abstained, "{a:?}");
                if round > 0 {
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "across languages, {}: median {:.1} ms, worst {:.1} ms per question",
            if centered {
                "as they are and taken from their means"
            } else {
                "as they are"
            },
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

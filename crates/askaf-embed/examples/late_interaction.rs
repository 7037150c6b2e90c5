//! A measurement, not part of Ask: would reading the question against a
//! passage piece by piece (late interaction, as ColBERT scores) or sentence
//! by sentence tell apart the passages E5's pooled vector ranks close
//! together? On SQuAD the misses left at rank 1 are mostly between paragraphs
//! of one article (docs/ask-measurements.md, "Toward SQuAD's Recall@1").
//!
//! It reads `askaf eval --details` of an E5 run (each question's ranked
//! passages and their blended scores) and, for each question's top passages,
//! adds three signals to the blend:
//! - MaxSim: for each of the question's pieces, its closest piece of the
//!   passage (E5's last-layer states, unit length), averaged;
//! - the same, each question piece weighed by its rarity among the set's
//!   passages (inverse document frequency of the piece id);
//! - the question's similarity to the passage's closest sentence.
//!
//! It prints Recall@1 for each alone at several weights, and the best
//! weights of all three found on the whole set (an upper bound: fitted on
//! the very questions it is scored on).
//!
//! ```sh
//! askaf eval --squad SQUAD --lang en --model E5_DIR --details D.jsonl
//! cargo run --release -p askaf-embed --example late_interaction -- SQUAD en D.jsonl E5_DIR [TOP]
//! ```

#![expect(
    clippy::expect_used,
    reason = "a measuring program: a failure stops it with its cause"
)]
use std::collections::HashMap;

use askaf_embed::{E5Model, Role};
use askaf_search::eval::load_squad;

#[path = "common/details.rs"]
mod details;
use details::{dot, read_details};

/// One of a question's top passages, with the signals measured for it.
#[derive(Clone, Copy)]
struct Candidate {
    blend: f32,
    maxsim: f32,
    weighted_maxsim: f32,
    sentence: f32,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: late_interaction SQUAD LANG DETAILS E5_DIR [TOP]");
        std::process::exit(2);
    }
    let lang: askaf_content::Lang = args[2].parse().expect("language: en, fa or ps");
    let set = load_squad(args[1].as_ref(), lang).expect("SQuAD file");
    let model = E5Model::load(args[4].as_ref(), &[lang]).expect("E5 model");
    let top: usize = args.get(5).map_or(5, |s| s.parse().expect("TOP"));
    let questions = read_details(&args[3]);
    eprintln!("{} answerable questions", questions.len());

    // The prefixes ("query: ", "passage: ") are the same pieces for every
    // text: left out of the matching.
    let query_prefix = model.token_ids("", Role::Query).len() - 2;
    let passage_prefix = model.token_ids("", Role::Passage).len() - 2;
    let mut df: HashMap<u32, f32> = HashMap::new();
    for p in &set.passages {
        let mut ids = model.token_ids(&p.text, Role::Passage);
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            *df.entry(id).or_default() += 1.0;
        }
    }
    let total = set.passages.len() as f32;
    let idf = |id: u32| {
        (total / (1.0 + df.get(&id).copied().unwrap_or(0.0)))
            .ln()
            .max(0.0)
    };

    let mut pieces: HashMap<usize, Vec<Vec<f32>>> = HashMap::new();
    let mut sentences: HashMap<usize, Vec<Vec<f32>>> = HashMap::new();
    let mut rows: Vec<(Option<usize>, Vec<Candidate>)> = Vec::with_capacity(questions.len());
    let started = std::time::Instant::now();
    for (n, q) in questions.iter().enumerate() {
        let states: Vec<Vec<f32>> = model
            .piece_states(&q.text, Role::Query)
            .expect("encode")
            .into_iter()
            .skip(query_prefix)
            .collect();
        let ids = model.token_ids(&q.text, Role::Query);
        let weights: Vec<f32> = ids[1 + query_prefix..ids.len() - 1]
            .iter()
            .map(|&id| idf(id))
            .collect();
        let weight_sum = weights.iter().sum::<f32>().max(1e-6);
        let vector = model
            .encode_as(&[q.text.as_str()], Role::Query)
            .expect("encode")
            .remove(0);
        let mut candidates = Vec::new();
        for &(slot, blend) in q.hits.iter().take(top) {
            let text = &set.passages[slot].text;
            let passage = pieces.entry(slot).or_insert_with(|| {
                model
                    .piece_states(text, Role::Passage)
                    .expect("encode")
                    .into_iter()
                    .skip(passage_prefix)
                    .collect()
            });
            let closest: Vec<f32> = states
                .iter()
                .map(|s| passage.iter().map(|p| dot(s, p)).fold(f32::MIN, f32::max))
                .collect();
            let maxsim = closest.iter().sum::<f32>() / closest.len().max(1) as f32;
            let weighted_maxsim = closest
                .iter()
                .zip(&weights)
                .map(|(c, w)| c * w)
                .sum::<f32>()
                / weight_sum;
            let by_sentence = sentences.entry(slot).or_insert_with(|| {
                model
                    .encode_as(&split_sentences(text, lang), Role::Passage)
                    .expect("encode")
            });
            let sentence = by_sentence
                .iter()
                .map(|s| dot(s, &vector))
                .fold(f32::MIN, f32::max);
            candidates.push(Candidate {
                blend,
                maxsim,
                weighted_maxsim,
                sentence,
            });
        }
        let gold = q.hits.iter().take(top).position(|h| h.0 == q.gold);
        rows.push((gold, candidates));
        if n % 500 == 0 {
            eprintln!("{n} questions, {:.0?}", started.elapsed());
        }
    }

    let recall = |wm: f32, ww: f32, ws: f32| {
        let right = rows
            .iter()
            .filter(|(gold, candidates)| {
                let best = candidates
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let score =
                            c.blend + wm * c.maxsim + ww * c.weighted_maxsim + ws * c.sentence;
                        (i, score)
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(i, _)| i);
                best.is_some() && best == *gold
            })
            .count();
        right as f64 / rows.len().max(1) as f64
    };
    println!(
        "as ranked (blend only): Recall@1 {:.4}",
        recall(0.0, 0.0, 0.0)
    );
    let grid = [0.25f32, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0];
    for &w in &grid {
        println!(
            "weight {w}: MaxSim {:.4}, weighted MaxSim {:.4}, closest sentence {:.4}",
            recall(w, 0.0, 0.0),
            recall(0.0, w, 0.0),
            recall(0.0, 0.0, w)
        );
    }
    let mut best = (recall(0.0, 0.0, 0.0), 0.0, 0.0, 0.0);
    let with_zero: Vec<f32> = std::iter::once(0.0).chain(grid).collect();
    for &wm in &with_zero {
        for &ww in &with_zero {
            for &ws in &with_zero {
                let r = recall(wm, ww, ws);
                if r > best.0 {
                    best = (r, wm, ww, ws);
                }
            }
        }
    }
    println!(
        "all three, best weights on this very set: Recall@1 {:.4} (MaxSim {}, weighted {}, sentence {})",
        best.0, best.1, best.2, best.3
    );
}

/// The passage's sentences as Ask splits them (`askaf_text::sentences`).
fn split_sentences(text: &str, lang: askaf_content::Lang) -> Vec<&str> {
    askaf_text::sentences(text, askaf_search::language(lang))
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

//! A measurement, not part of Ask: does E5 tell an article's paragraphs
//! apart better once what they share is taken away? On SQuAD the misses left
//! at rank 1 are mostly between paragraphs of one article, whose pooled
//! vectors stand within a few thousandths of each other from the question
//! (docs/ask-measurements.md, "Toward SQuAD's Recall@1"). Each paragraph's
//! vector less its article's mean vector, normalized, keeps what sets it
//! apart from its neighbours; the question's similarity to it is added to
//! the blend of `askaf eval --details` over the top passages.
//!
//! It prints Recall@1 at several weights on the whole set, and held out: the
//! weight fitted on the questions of even-numbered articles scored on the
//! odd ones' and the other way round.
//!
//! ```sh
//! askaf eval --squad SQUAD --lang en --model E5_DIR --details D.jsonl
//! cargo run --release -p askaf-embed --example article_contrast -- SQUAD en D.jsonl E5_DIR [TOP]
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

/// One of a question's top passages: its blended score and the signals.
#[derive(Clone, Copy)]
struct Candidate {
    blend: f32,
    /// Similarity to the passage less its article's mean, normalized.
    contrast: f32,
    /// The same with the question also less the article's mean.
    both: f32,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: article_contrast SQUAD LANG DETAILS E5_DIR [TOP]");
        std::process::exit(2);
    }
    let lang: askaf_content::Lang = args[2].parse().expect("language: en, fa or ps");
    let set = load_squad(args[1].as_ref(), lang).expect("SQuAD file");
    let model = E5Model::load(args[4].as_ref(), &[lang]).expect("E5 model");
    let top: usize = args.get(5).map_or(5, |s| s.parse().expect("TOP"));
    let questions = read_details(&args[3]);
    eprintln!(
        "{} answerable questions, {} passages",
        questions.len(),
        set.passages.len()
    );

    let started = std::time::Instant::now();
    let mut vectors: Vec<Vec<f32>> = Vec::with_capacity(set.passages.len());
    for (n, chunk) in set.passages.chunks(16).enumerate() {
        let texts: Vec<&str> = chunk.iter().map(|p| p.text.as_str()).collect();
        vectors.extend(model.encode_as(&texts, Role::Passage).expect("encode"));
        if n % 10 == 0 {
            eprintln!("{} passages, {:.0?}", vectors.len(), started.elapsed());
        }
    }
    let mut by_article: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in set.passages.iter().enumerate() {
        by_article.entry(p.article.as_str()).or_default().push(i);
    }
    let article_index: HashMap<&str, usize> = {
        let mut names: Vec<&str> = by_article.keys().copied().collect();
        names.sort_unstable();
        names.into_iter().enumerate().map(|(i, n)| (n, i)).collect()
    };
    let mut means: HashMap<&str, Vec<f32>> = HashMap::new();
    for (article, slots) in &by_article {
        let dim = vectors[slots[0]].len();
        let mut m = vec![0.0f32; dim];
        for &s in slots {
            for (a, b) in m.iter_mut().zip(&vectors[s]) {
                *a += b / slots.len() as f32;
            }
        }
        means.insert(article, m);
    }
    let contrasted: Vec<Vec<f32>> = vectors
        .iter()
        .zip(&set.passages)
        .map(|(v, p)| unit(v.iter().zip(&means[p.article.as_str()]).map(|(a, b)| a - b)))
        .collect();

    let mut rows: Vec<(usize, Option<usize>, Vec<Candidate>)> = Vec::new();
    for (n, q) in questions.iter().enumerate() {
        let vector = model
            .encode_as(&[q.text.as_str()], Role::Query)
            .expect("encode")
            .remove(0);
        let mut candidates = Vec::new();
        for &(slot, blend) in q.hits.iter().take(top) {
            let article = set.passages[slot].article.as_str();
            let qc = unit(vector.iter().zip(&means[article]).map(|(a, b)| a - b));
            candidates.push(Candidate {
                blend,
                contrast: dot(&vector, &contrasted[slot]),
                both: dot(&qc, &contrasted[slot]),
            });
        }
        let gold = q.hits.iter().take(top).position(|h| h.0 == q.gold);
        let article = article_index[set.passages[q.gold.min(set.passages.len() - 1)]
            .article
            .as_str()];
        rows.push((article, gold, candidates));
        if n % 1000 == 0 {
            eprintln!("{n} questions, {:.0?}", started.elapsed());
        }
    }

    let recall = |rows: &[&(usize, Option<usize>, Vec<Candidate>)], wc: f32, wb: f32| {
        let right = rows
            .iter()
            .filter(|(_, gold, candidates)| {
                let best = candidates
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, c.blend + wc * c.contrast + wb * c.both))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(i, _)| i);
                best.is_some() && best == *gold
            })
            .count();
        right as f64 / rows.len().max(1) as f64
    };
    let all: Vec<&_> = rows.iter().collect();
    println!(
        "as ranked (blend only): Recall@1 {:.4}",
        recall(&all, 0.0, 0.0)
    );
    let grid = [
        0.0f32, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0,
    ];
    for &w in &grid[1..] {
        println!(
            "weight {w}: passage contrasted {:.4}, both contrasted {:.4}",
            recall(&all, w, 0.0),
            recall(&all, 0.0, w)
        );
    }
    let even: Vec<&_> = rows.iter().filter(|r| r.0 % 2 == 0).collect();
    let odd: Vec<&_> = rows.iter().filter(|r| r.0 % 2 == 1).collect();
    let fit = |rows: &[&(usize, Option<usize>, Vec<Candidate>)]| {
        let mut best = (recall(rows, 0.0, 0.0), 0.0, 0.0);
        for &wc in &grid {
            for &wb in &grid {
                let r = recall(rows, wc, wb);
                if r > best.0 {
                    best = (r, wc, wb);
                }
            }
        }
        best
    };
    for (name, fit_on, score_on) in [("even→odd", &even, &odd), ("odd→even", &odd, &even)] {
        let (_, wc, wb) = fit(fit_on);
        println!(
            "held out {name}: weights {wc}/{wb}: Recall@1 {:.4} against {:.4}",
            recall(score_on, wc, wb),
            recall(score_on, 0.0, 0.0)
        );
    }
}

fn unit(v: impl Iterator<Item = f32>) -> Vec<f32> {
    let v: Vec<f32> = v.collect();
    let norm = dot(&v, &v).sqrt().max(1e-9);
    v.into_iter().map(|x| x / norm).collect()
}

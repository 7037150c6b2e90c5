//! A measurement, not part of Ask: would the sentence closest in meaning
//! to the question be a better quote than the one its words choose? It
//! gives the figures of "Choosing the quoted sentence by meaning" in
//! docs/ask-measurements.md (issue 11), where the words stayed the choice.
//!
//! It reads `askaf eval --details` of a run (the quoted sentence, and
//! whether it holds one of the question's answers) and, for each answerable
//! question, encodes with E5 the sentences of the first passage found (the
//! engine's own sentence splitter), then counts the questions whose quote
//! holds an answer three ways: the sentence the words chose (as quoted; it
//! may come from another of the first passages), the first passage's
//! sentence closest to the question, and any sentence of the first passage
//! (the most either choice within it could reach).
//!
//! ```sh
//! askaf eval --squad SET --lang fa --model E5_DIR --details D.jsonl
//! cargo run --release -p askaf-embed --example sentence_choice -- SET fa D.jsonl E5_DIR
//! ```

#![expect(
    clippy::expect_used,
    reason = "a measuring program: a failure stops it with its cause"
)]
use std::collections::HashMap;
use std::io::BufRead;

use askaf_embed::{E5Model, Role};
use askaf_search::eval::{contains_answer, load_squad};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: sentence_choice SET LANG DETAILS E5_DIR");
        std::process::exit(2);
    }
    let lang: askaf_content::Lang = args[2].parse().expect("language: en, fa or ps");
    let set = load_squad(args[1].as_ref(), lang).expect("SQuAD file");
    let model = E5Model::load(args[4].as_ref(), &[lang]).expect("E5 model");
    let file = std::fs::File::open(&args[3]).expect("details file");
    let mut sentences: HashMap<usize, (Vec<String>, Vec<Vec<f32>>)> = HashMap::new();
    let (mut asked, mut by_words, mut by_meaning, mut any) = (0, 0, 0, 0);
    for line in std::io::BufReader::new(file).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.expect("read")).expect("JSON");
        if v["off_corpus"] == true || v["impossible"] == true {
            continue;
        }
        let answers: Vec<String> = v["answers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str().map(str::to_string))
            .collect();
        let Some(first) = v["hits"][0][0].as_u64().map(|p| p as usize) else {
            continue;
        };
        asked += 1;
        if v["candidate_correct"] == true {
            by_words += 1;
        }
        let (texts, vectors) = sentences.entry(first).or_insert_with(|| {
            let text = &set.passages[first].text;
            let texts: Vec<String> = askaf_text::sentences(text, askaf_search::language(lang))
                .into_iter()
                .map(|r| text[r].to_string())
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let vectors = model.encode_as(&refs, Role::Passage).expect("encode");
            (texts, vectors)
        });
        let question = v["question"].as_str().unwrap_or_default();
        let q = model
            .encode_as(&[question], Role::Query)
            .expect("encode")
            .remove(0);
        let closest = vectors
            .iter()
            .map(|s| s.iter().zip(&q).map(|(a, b)| a * b).sum::<f32>())
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        if closest.is_some_and(|i| contains_answer(&texts[i], &answers, lang)) {
            by_meaning += 1;
        }
        if texts.iter().any(|t| contains_answer(t, &answers, lang)) {
            any += 1;
        }
    }
    println!("{asked} answerable questions; the quote holds an answer:");
    println!("  the sentence the words chose (as quoted)       {by_words}");
    println!("  the first passage's sentence closest in meaning {by_meaning}");
    println!("  any sentence of the first passage              {any}");
}

//! What the measuring examples that re-rank `askaf eval --details` share:
//! each answerable question with its ranked passages, and the dot product.

use std::io::BufRead;

/// One question from the details file.
pub struct Question {
    pub text: String,
    pub gold: usize,
    /// Passage slots and their blended scores, best first.
    pub hits: Vec<(usize, f32)>,
}

/// The answerable questions of an `askaf eval --details` file.
#[expect(
    clippy::expect_used,
    reason = "a measuring program: a failure stops it with its cause"
)]
pub fn read_details(path: &str) -> Vec<Question> {
    let file = std::fs::File::open(path).expect("details file");
    std::io::BufReader::new(file)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(&line.expect("read")).expect("JSON"))
        .filter(|v| v["off_corpus"] != true && v["impossible"] != true)
        .map(|v| Question {
            text: v["question"].as_str().unwrap_or_default().to_string(),
            gold: v["gold_passage"].as_u64().unwrap_or(u64::MAX) as usize,
            hits: v["hits"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|h| Some((h[0].as_u64()? as usize, h[1].as_f64()? as f32)))
                .collect(),
        })
        .collect()
}

pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

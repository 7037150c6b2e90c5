//! What multilingual-e5-small costs on this machine: resident memory after
//! loading, and the time to encode a question and a paragraph.
//!
//!   cargo run --release -p askaf-embed --example e5_cost -- "$(bash scripts/fetch-model.sh e5)"
//!
//! Figures, not a test: they depend on the machine and what else runs on it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use askaf_content::Lang;
use askaf_embed::{E5Model, Role};

/// A line of /proc/self/status, such as VmRSS, in MB.
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let i = ((times.len() - 1) as f64 * p).round() as usize;
    times[i].as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: e5_cost MODEL_DIR")?;
    let start = Instant::now();
    let model = E5Model::load(&dir, &[Lang::En, Lang::Fa, Lang::Ps])?;
    println!(
        "load {:.2} s, resident {:.0} MB (peak {:.0} MB)",
        start.elapsed().as_secs_f64(),
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
    let questions = [
        "What is the capital of Afghanistan?",
        "How many people live in Kabul?",
        "Who governs Afghanistan today?",
        "Can girls go to school in Afghanistan?",
        "What currency is used in Afghanistan?",
        "پایتخت افغانستان کجاست؟",
        "جمعیت کابل چقدر است؟",
        "واحد پول افغانستان چیست؟",
        "د افغانستان پلازمېنه چېرته ده؟",
        "په کابل کې څومره خلک ژوند کوي؟",
    ];
    model.encode_as(&questions[..2], Role::Query)?; // warm up
    let mut times = Vec::new();
    let mut tokens = 0;
    for _ in 0..10 {
        for q in questions {
            tokens += model.token_ids(q, Role::Query).len();
            let t = Instant::now();
            model.encode_as(&[q], Role::Query)?;
            times.push(t.elapsed());
        }
    }
    let n = times.len();
    println!(
        "question ({:.0} tokens on average): p50 {:.1} ms, p99 {:.1} ms over {n}",
        tokens as f64 / n as f64,
        percentile(&mut times, 0.5),
        percentile(&mut times, 0.99)
    );
    let paragraph = "Kabul is the capital and the largest city of Afghanistan. It lies in a \
        narrow valley of the Hindu Kush, at about 1,800 metres, along the Kabul River. \
        The city has grown quickly since 2001, and estimates of its population range from \
        four to more than five million people. It is the country's centre of government, \
        trade and higher education, and its airport is the main way in and out of the \
        country. کابل پایتخت و بزرگ‌ترین شهر افغانستان است و در دره‌ای میان کوه‌های هندوکش قرار دارد.";
    let len = model.token_ids(paragraph, Role::Passage).len();
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        model.encode_as(&[paragraph], Role::Passage)?;
        times.push(t.elapsed());
    }
    let p50 = percentile(&mut times, 0.5);
    println!(
        "paragraph ({len} tokens): p50 {p50:.0} ms ({:.2} ms a token)",
        p50 / len as f64
    );
    println!(
        "resident after encoding {:.0} MB (peak {:.0} MB)",
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
    Ok(())
}

use std::path::Path;
use std::process::ExitCode;

use askaf_content::Lang;
use askaf_search::eval::{evaluate_with_details, load_squad};
use askaf_search::EngineConfig;

pub fn run(
    squad: &Path,
    lang: &str,
    json: bool,
    details: Option<&Path>,
    settings: &[String],
    model: &crate::ModelArgs,
) -> anyhow::Result<ExitCode> {
    let encoder = super::ask::load_model(model)?;
    let mut config = EngineConfig::default();
    for s in settings {
        let (name, value) = s
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--set takes name=value, not `{s}`"))?;
        config
            .set(name, value)
            .map_err(|e| anyhow::anyhow!("--set {s}: {e}"))?;
    }
    let lang: Lang = lang.parse()?;
    let set = load_squad(squad, lang)?;
    let passages = set.passages.len();
    let synonyms = super::ask::builtin_synonyms()?;
    let mut file = match details {
        Some(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => None,
    };
    let report = evaluate_with_details(
        set,
        lang,
        &synonyms,
        config,
        file.as_mut().map(|f| f as &mut dyn std::io::Write),
        encoder,
    )?;
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!(
            "{} questions over {passages} paragraphs ({lang})",
            report.questions
        );
        println!("  Recall@1              {:.3}", report.recall_at_1);
        println!("  Recall@5              {:.3}", report.recall_at_5);
        println!("  MRR@10                {:.3}", report.mrr_at_10);
        println!("  answer accuracy       {:.3}", report.answer_accuracy);
        println!("  abstained, answerable {:.3}", report.abstained_answerable);
        println!("  abstained, impossible {:.3}", report.abstained_impossible);
        println!("  latency p50           {:.3} ms", report.p50_ms);
        println!("  latency p99           {:.3} ms", report.p99_ms);
    }
    Ok(ExitCode::SUCCESS)
}

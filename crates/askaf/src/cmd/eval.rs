use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use askaf_content::Lang;
use askaf_search::eval::{evaluate_with_details, load_squad, off_corpus, Half};
use askaf_search::EngineConfig;

/// What `askaf eval` was asked to do.
pub struct Options<'a> {
    pub squad: &'a Path,
    pub lang: Lang,
    pub json: bool,
    pub details: Option<&'a Path>,
    pub settings: &'a [String],
    /// The off-corpus test, indexing this half of the articles.
    pub offcorpus: Option<Half>,
    pub vectors: Option<&'a Path>,
    pub model: &'a crate::ModelArgs,
}

/// `path` as the system finds it, so that `./set.json` and `set.json` are
/// one file; a file not made yet by its directory's real path.
fn resolved(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok().or_else(|| {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let dir = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
        Some(dir.join(path.file_name()?))
    })
}

/// Refuses an output file that is one of the files the run reads or
/// writes otherwise: `--details` over the question set would leave the
/// details where the questions were.
fn distinct_files(o: &Options<'_>) -> anyhow::Result<()> {
    let same = |a: &Path, b: &Path| resolved(a).is_some_and(|a| Some(a) == resolved(b));
    if let Some(details) = o.details {
        anyhow::ensure!(
            !same(details, o.squad),
            "--details {} is the question set itself: give a new file for the details",
            details.display()
        );
        if let Some(vectors) = o.vectors {
            anyhow::ensure!(
                !same(details, vectors),
                "--details {} is the --vectors file too: give each a file of its own",
                details.display()
            );
        }
    }
    Ok(())
}

pub fn run(o: Options<'_>) -> anyhow::Result<ExitCode> {
    distinct_files(&o)?;
    // A measurement that silently ran without its model would mislead:
    // unlike the site, eval refuses a model it cannot load.
    let encoder = super::ask::load_model(o.model)?;
    let mut config = EngineConfig::default();
    for s in o.settings {
        let (name, value) = s
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--set takes name=value, not `{s}`"))?;
        config
            .set(name, value)
            .map_err(|e| anyhow::anyhow!("--set {s}: {e}"))?;
    }
    let lang = o.lang;
    let mut set = load_squad(o.squad, lang)?;
    if let Some(half) = o.offcorpus {
        set = off_corpus(set, half);
    }
    let passages = set.passages.len();
    let synonyms = super::ask::builtin_synonyms()?;
    let mut file = match o.details {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => None,
    };
    let report = evaluate_with_details(
        set,
        lang,
        &synonyms,
        config,
        file.as_mut().map(|f| f as &mut dyn std::io::Write),
        encoder.map(|e| (e, o.vectors)),
    )?;
    if o.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!(
            "{} questions over {passages} paragraphs ({lang})",
            report.questions
        );
        println!("  Recall@1              {:.3}", report.recall_at_1);
        println!("  Recall@5              {:.3}", report.recall_at_5);
        // Open-domain QA's count: the passage holds an answer, from whichever paragraph.
        println!("  answer in passage @1  {:.3}", report.answer_at_1);
        println!("  answer in passage @5  {:.3}", report.answer_at_5);
        println!("  MRR@10                {:.3}", report.mrr_at_10);
        println!("  answer accuracy       {:.3}", report.answer_accuracy);
        // Counts beside the shares: on a small set one question moves a
        // share by a point or two, and two halves add up by their counts.
        let count = |share: f64, of: usize| (share * of as f64).round() as usize;
        println!(
            "  abstained, answerable {:.3} ({} of {})",
            report.abstained_answerable,
            count(report.abstained_answerable, report.answerable_questions),
            report.answerable_questions
        );
        println!("  abstained, impossible {:.3}", report.abstained_impossible);
        if let Some(off) = report.abstained_offcorpus {
            println!(
                "  abstained, off-corpus {off:.3} ({} of {})",
                count(off, report.offcorpus_questions),
                report.offcorpus_questions
            );
        }
        println!("  latency p50           {:.3} ms", report.p50_ms);
        println!("  latency p99           {:.3} ms", report.p99_ms);
    }
    Ok(ExitCode::SUCCESS)
}

use std::path::Path;
use std::process::ExitCode;

use askaf_content::{Error, Lang};

pub fn run(content: Option<&Path>, builtin: bool) -> anyhow::Result<ExitCode> {
    let dir = match (content, builtin) {
        (Some(dir), _) => Some(dir),
        (None, true) => None,
        (None, false) => anyhow::bail!(
            "say which content to check: --content DIR, or --builtin for the sample site"
        ),
    };
    // The synonyms file is content too: a bad line is reported like an article's.
    if let Err(e) = super::ask::synonyms_for(dir) {
        eprintln!("{e:#}");
        eprintln!("1 problem found; nothing was published");
        return Ok(ExitCode::FAILURE);
    }
    match super::load_site(dir) {
        Ok(site) => {
            let per_lang: Vec<String> = Lang::ALL
                .iter()
                .map(|l| format!("{} {l}", site.in_lang(*l).count()))
                .collect();
            println!("ok: {} articles ({})", site.len(), per_lang.join(", "));
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "{} problem{} found; nothing was published",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

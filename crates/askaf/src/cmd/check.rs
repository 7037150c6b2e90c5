use std::path::Path;
use std::process::ExitCode;

use askaf_content::{Error, Lang};

pub fn run(
    content: Option<&Path>,
    builtin: bool,
    uploads: Option<&askaf_store::Location>,
) -> anyhow::Result<ExitCode> {
    let dir = match (content, builtin) {
        (Some(dir), _) => Some(dir),
        (None, true) => None,
        (None, false) => anyhow::bail!(
            "say which content to check: --content DIR, or --builtin for the sample site"
        ),
    };
    // The synonyms file is content too: a bad line is reported like an article's.
    if let Err(e) = super::ask::synonyms_for(dir) {
        eprintln!("{}", crate::said(&e));
        eprintln!("1 problem found; nothing was published");
        return Ok(ExitCode::FAILURE);
    }
    match super::load_site(dir) {
        Ok(site) => {
            if let Some(database) = uploads {
                let problems = uploads_not_kept(&site, database)?;
                if !problems.is_empty() {
                    return Ok(refused(&problems));
                }
            }
            let per_lang: Vec<String> = Lang::ALL
                .iter()
                .map(|l| format!("{} {l}", site.in_lang(*l).count()))
                .collect();
            println!("ok: {} articles ({})", site.len(), per_lang.join(", "));
            if let Some(dir) = dir.filter(|_| site.is_empty() && site.drafts().len() == 0) {
                eprintln!("warning: {}", super::no_articles(dir));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Invalid(problems)) => Ok(refused(&problems)),
        Err(e) => Err(e.into()),
    }
}

fn refused(problems: &[askaf_content::Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!(
        "{} problem{} found; nothing was published",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

/// The uploads the site's articles and drafts show that `database` does
/// not keep, each by file and line.
fn uploads_not_kept(
    site: &askaf_content::Site,
    database: &askaf_store::Location,
) -> anyhow::Result<Vec<askaf_content::Problem>> {
    super::existing_site(database)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let store = super::open_store(database, "check", super::Access::ReadsOnly).await?;
        let mut problems = Vec::new();
        for a in site.articles().chain(site.drafts()) {
            let Some(text) =
                askaf_content::read_article(&a.file).map_err(|p| anyhow::anyhow!("{p}"))?
            else {
                continue;
            };
            problems.extend(askaf_site::missing_uploads(&store, &a.file, &text).await?);
        }
        store.close().await;
        problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        Ok(problems)
    })
}

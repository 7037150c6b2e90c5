use std::path::Path;
use std::process::ExitCode;

use askaf_content::{Error, Lang, Uploads};

/// Checks the content as the server takes it. With the site's database
/// (`database`), an image at an upload's address that the database does
/// not keep is a problem, as it is when the server reads the file; without
/// one a file alone cannot tell, and the check says so when an article
/// shows an upload.
pub fn run(
    content: Option<&Path>,
    builtin: bool,
    database: Option<&askaf_store::Location>,
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
    // Known before the content is read, as when the server starts.
    let uploads = match database {
        Some(database) => uploads_kept(database)?,
        None => Uploads::Unknown,
    };
    match super::load_site_checked(dir, &uploads) {
        Ok((site, bodies)) => {
            let per_lang: Vec<String> = Lang::ALL
                .iter()
                .map(|l| format!("{} {l}", site.in_lang(*l).count()))
                .collect();
            println!("ok: {} articles ({})", site.len(), per_lang.join(", "));
            if let Some(dir) = dir.filter(|_| site.is_empty() && site.drafts().len() == 0) {
                eprintln!("warning: {}", super::no_articles(dir));
            }
            let shows_uploads = bodies.values().any(|b| {
                b.rendered
                    .images
                    .iter()
                    .any(|i| askaf_content::media::MediaName::from_url(&i.url).is_some())
            });
            if uploads == Uploads::Unknown && shows_uploads {
                eprintln!(
                    "note: articles show uploads (/media/…), which only the site's database \
                     keeps: give it (--data DIR or --database URL) to check that each is there, \
                     as the server does"
                );
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

/// The uploads `database` keeps, as the server knows them when it starts.
fn uploads_kept(database: &askaf_store::Location) -> anyhow::Result<Uploads> {
    super::existing_site(database)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(super::read_once(database, "check", async |store| {
        Ok(askaf_site::uploads_kept(store).await?)
    }))
}

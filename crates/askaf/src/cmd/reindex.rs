//! `askaf reindex`: builds the search index of a data directory afresh.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

/// Removes `DATA/index` and builds it again from the content, with a
/// progress bar on a terminal. The server must be stopped (the data
/// directory's lock says so): it keeps the index open and up to date itself,
/// and only a damaged index needs this. The site must exist
/// ([`super::existing_site`]).
pub fn run(
    content: Option<&Path>,
    data: &Path,
    database: &askaf_store::Location,
) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // A data directory that is not there (a typo) is said, not made into a
    // new site that indexes the built-in articles.
    super::existing_site(database)?;
    runtime.block_on(async {
        let _lock = askaf_store::DataLock::acquire(data)?;
        let store = super::open_store(database, "reindex", super::Access::Writes).await?;
        let Some(loaded) = super::load_or_report(&store, content, "reindex").await? else {
            return Ok(ExitCode::FAILURE);
        };
        let dir = data.join("index");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove the old index {}", dir.display()))?;
        }
        let articles = loaded.site.len();
        let synonyms = super::ask::synonyms_for(content)?;
        let start = std::time::Instant::now();
        let (engine, _) = super::serve::build_engine(data, loaded, &store, &synonyms, None).await?;
        println!(
            "indexed {articles} articles ({} passages) into {} in {:.1} s",
            engine.passage_count(),
            dir.display(),
            start.elapsed().as_secs_f32()
        );
        store.close().await;
        Ok(ExitCode::SUCCESS)
    })
}

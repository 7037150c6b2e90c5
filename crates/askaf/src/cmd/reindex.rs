//! `askaf reindex`: builds the search index of a data directory afresh.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

/// Removes `DATA/index` and builds it again from the content, with a
/// progress bar on a terminal. The server must be stopped (the data
/// directory's lock says so): it keeps the index open and up to date itself,
/// and only a damaged index needs this. The site must exist
/// ([`super::existing_site`]). The content is read as a start reads it
/// ([`super::load_as_served`]): the index is of the site `serve` serves.
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
        // The index a start would open: a file with problems is refused
        // alone, as `serve` refuses it, and indexed at the version the site
        // serves, or not at all if it has none. Refusing the whole would
        // leave a damaged index unmendable over a typo the server itself
        // starts despite.
        let loaded = super::load_as_served(&store, content).await?;
        for p in &loaded.problems {
            eprintln!("{p}");
        }
        if !loaded.problems.is_empty() {
            eprintln!(
                "{} problem(s) in the content: indexing what `serve` serves, \
                 the files named at their previous version or, if new, not at all",
                loaded.problems.len()
            );
        }
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

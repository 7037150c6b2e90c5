//! `askaf reindex`: builds the search index of a data directory afresh.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

/// Removes `DATA/index` and builds it again from the content, with a
/// progress bar on a terminal. The server must be stopped (the data
/// directory's lock says so): it keeps the index open and up to date itself,
/// and only a damaged index or a change of analysis it cannot see needs this.
pub fn run(content: Option<&Path>, data: &Path) -> anyhow::Result<ExitCode> {
    let Some(site) = super::load_site_or_report(content, "reindex")? else {
        return Ok(ExitCode::FAILURE);
    };
    let _lock = askaf_store::DataLock::acquire(data)?;
    let dir = data.join("index");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot remove the old index {}", dir.display()))?;
    }
    let synonyms = super::ask::synonyms_for(content)?;
    let start = std::time::Instant::now();
    let engine = super::serve::build_engine(data, &site, &synonyms, None)?;
    println!(
        "indexed {} articles ({} passages) into {} in {:.1} s",
        site.len(),
        engine.passage_count(),
        dir.display(),
        start.elapsed().as_secs_f32()
    );
    Ok(ExitCode::SUCCESS)
}

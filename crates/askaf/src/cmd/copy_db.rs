//! `askaf copy-db --from DATA_DIR_OR_URL --to DATA_DIR_OR_URL`: moving a
//! site between SQLite and PostgreSQL.

use std::process::ExitCode;

use anyhow::Context;
use askaf_store::{DataLock, Location};

/// The lock of a SQLite data directory, so no server writes it during the
/// copy; a PostgreSQL server has no such lock: its nodes must be stopped.
fn lock(location: &Location) -> anyhow::Result<Option<DataLock>> {
    match location {
        Location::Sqlite(dir) => Ok(Some(DataLock::acquire(dir)?)),
        Location::Postgres(_) => Ok(None),
    }
}

pub fn run(from: &str, to: &str, replace: bool) -> anyhow::Result<ExitCode> {
    let from = Location::parse(from).context("--from")?;
    let to = Location::parse(to).context("--to")?;
    anyhow::ensure!(from != to, "--from and --to are the same database ({from})");
    if let Location::Sqlite(dir) = &from {
        let file = dir.join(askaf_store::DB_FILE);
        anyhow::ensure!(
            file.is_file(),
            "there is no database to copy in {}: no {}",
            dir.display(),
            file.display()
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let _locks = (lock(&from)?, lock(&to)?);
        // The source is brought up to date too: a site copied from an
        // older data directory is copied at this build's schema.
        // Named by their flags: the error names the database itself.
        let source = super::open_store(&from, "copy-db", super::Access::Writes)
            .await
            .context("--from")?;
        let target = super::open_store(&to, "copy-db", super::Access::Writes)
            .await
            .context("--to")?;
        let counts = askaf_store::copy_database(&source, &target, replace).await?;
        source.close().await;
        target.close().await;
        println!("copied {from} to {to}:");
        let width = counts.iter().map(|c| c.table.len()).max().unwrap_or(0);
        for c in &counts {
            println!("  {:width$}  {}", c.table, c.rows_text());
        }
        println!("every table holds as many rows as in the source");
        Ok(ExitCode::SUCCESS)
    })
}

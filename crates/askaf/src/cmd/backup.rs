//! `askaf backup` and `askaf restore`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use askaf_store::Location;

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// A consistent copy taken through SQLite itself, so the site can keep
/// serving. On PostgreSQL the store refuses, pointing to `pg_dump`.
pub fn backup(database: &Location, file: &Path) -> anyhow::Result<ExitCode> {
    if let Location::Postgres(_) = database {
        // Said before connecting: the answer does not depend on the server.
        return Err(askaf_store::Error::Unsupported(format!(
            "askaf backup copies SQLite's file, and this site's database is PostgreSQL ({database}); \
             back it up with pg_dump instead, e.g. `pg_dump --format=custom --file=askaf.dump DBNAME` \
             (see the README's PostgreSQL section)"
        ))
        .into());
    }
    super::existing_site(database)?;
    // The copy of a read given up (a server started meanwhile) is made
    // again; never a file that was there before.
    let made = std::cell::Cell::new(false);
    runtime()?.block_on(super::read_once(database, "backup", async |store| {
        if made.get() {
            std::fs::remove_file(file)
                .with_context(|| format!("cannot remove {} to copy again", file.display()))?;
        }
        store.backup_to(file).await?;
        made.set(true);
        Ok(())
    }))?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!("backed up {database} to {} ({size} bytes)", file.display());
    Ok(ExitCode::SUCCESS)
}

/// Replaces SQLite's database with a backup; on PostgreSQL, `pg_restore` does.
pub fn restore(data: &Path, database: &Location, file: &Path) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        matches!(database, Location::Sqlite(_)),
        "askaf restore replaces SQLite's file, and this site's database is PostgreSQL ({database}); \
         restore a pg_dump backup with pg_restore instead (see the README's PostgreSQL section)"
    );
    runtime()?.block_on(async {
        let previous = askaf_store::restore(data, file).await?;
        println!("restored {} into {}", file.display(), data.display());
        match previous {
            Some(askaf_store::Replaced {
                kept,
                unreadable: None,
            }) => println!("the database it replaced is kept as {}", kept.display()),
            Some(askaf_store::Replaced {
                kept,
                unreadable: Some(reason),
            }) => println!(
                "the database it replaced could not be read by SQLite ({reason}); \
                 its bytes are kept as {} (with its write-ahead log beside it, if it had one)",
                kept.display()
            ),
            None => {}
        }
        Ok(ExitCode::SUCCESS)
    })
}

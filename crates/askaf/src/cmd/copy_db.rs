//! `askaf copy-db --from DATA_DIR_OR_URL --to DATA_DIR_OR_URL`: moving a
//! site between SQLite and PostgreSQL.

use std::process::ExitCode;

use anyhow::Context;
use askaf_store::{DataLock, Location};

/// The lock of the target's SQLite data directory, so no server writes
/// it during the copy; a PostgreSQL server has no such lock: its nodes
/// must be stopped.
fn lock(location: &Location) -> anyhow::Result<Option<DataLock>> {
    match location {
        Location::Sqlite(dir) => Ok(Some(DataLock::acquire(dir)?)),
        Location::Postgres(_) => Ok(None),
    }
}

/// Copies `from` into `to`. The source is read as the commands that only
/// read read it ([`super::read_once`]), and left as it was found: no
/// schema migrated (one older than this askaf's is refused, saying to
/// start the server once), no lock file made (a server's is shared while
/// the copy runs, so none starts there: [`DataLock::share`]), no `-wal` or
/// `-shm` left. It brought an older source up to date and made
/// `askaf.lock` in it. The target is made and brought up to date, and
/// only once the source was found readable.
pub fn run(from: &str, to: &str, replace: bool) -> anyhow::Result<ExitCode> {
    let from = Location::parse(from).context("--from")?;
    let to = Location::parse(to).context("--to")?;
    anyhow::ensure!(from != to, "--from and --to are the same database ({from})");
    let _shared = match &from {
        Location::Sqlite(dir) => {
            let file = dir.join(askaf_store::DB_FILE);
            anyhow::ensure!(
                file.is_file(),
                "there is no database to copy in {}: no {}",
                dir.display(),
                file.display()
            );
            DataLock::share(dir).context("--from")?
        }
        Location::Postgres(_) => None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // A copy given up for a server that opened the source meanwhile (one
    // that had never run there, so held no lock) is made again over the
    // first: never over rows the target held before.
    let copied = std::cell::Cell::new(false);
    // Whether an error came from the copy, or from opening the source
    // (said then by its flag, as the target's is).
    let copying = std::cell::Cell::new(false);
    let copy = async |source: &askaf_store::Store| {
        copying.set(true);
        let _lock = lock(&to)?;
        // Named by its flag: the error names the database itself.
        let target = super::open_store(&to, "copy-db", super::Access::Writes)
            .await
            .context("--to")?;
        let counts = askaf_store::copy_database(source, &target, replace || copied.get()).await;
        target.close().await;
        copied.set(counts.is_ok());
        copying.set(false);
        Ok(counts?)
    };
    let counts = runtime
        .block_on(super::read_once(&from, "copy-db", copy))
        .map_err(|e| match copying.get() {
            true => e,
            false => e.context("--from"),
        })?;
    println!("copied {from} to {to}:");
    let width = counts.iter().map(|c| c.table.len()).max().unwrap_or(0);
    for c in &counts {
        println!("  {:width$}  {}", c.table, c.rows_text());
    }
    println!("every table holds as many rows as in the source");
    Ok(ExitCode::SUCCESS)
}

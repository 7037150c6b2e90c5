//! `askaf backup` and `askaf restore`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use askaf_store::Store;

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// A consistent copy taken through SQLite itself, so the site can keep serving.
pub fn backup(data: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = Store::open(data)
            .await
            .with_context(|| format!("cannot open the data directory {}", data.display()))?;
        store.backup_to(file).await?;
        store.close().await;
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!(
            "backed up {} to {} ({size} bytes)",
            data.display(),
            file.display()
        );
        Ok(ExitCode::SUCCESS)
    })
}

pub fn restore(data: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let previous = askaf_store::restore(data, file).await?;
        println!("restored {} into {}", file.display(), data.display());
        if let Some(p) = previous {
            println!("the database it replaced is kept as {}", p.display());
        }
        Ok(ExitCode::SUCCESS)
    })
}

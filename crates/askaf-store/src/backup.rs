//! Online backups, restores, and the lock that keeps a restore from pulling
//! the database out from under a running server.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::{Error, Kind, Store, DB_FILE};

const LOCK_FILE: &str = "askaf.lock";

fn io(context: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { context, source }
}

/// Held by `serve` for as long as it runs: an exclusive lock on a file in
/// the data directory, released by the operating system even on SIGKILL.
#[derive(Debug)]
pub struct DataLock {
    _file: File,
}

impl DataLock {
    /// Takes the lock, or says the directory is in use.
    pub fn acquire(data_dir: &Path) -> Result<DataLock, Error> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io(format!("cannot open {}", path.display())))?;
        match file.try_lock() {
            Ok(()) => Ok(DataLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked(data_dir.to_path_buf())),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(io(format!("cannot lock {}", path.display()))(e))
            }
        }
    }
}

impl Store {
    /// A consistent copy of the whole database, taken while the site serves
    /// (`VACUUM INTO` reads one snapshot). Refuses to overwrite a file.
    /// On PostgreSQL, refused: `pg_dump` is its backup (see the README).
    pub async fn backup_to(&self, target: &Path) -> Result<(), Error> {
        if self.kind() != Kind::Sqlite {
            return Err(Error::Unsupported(format!(
                "askaf backup copies SQLite's file, and this site's database is PostgreSQL ({}); \
                 back it up with pg_dump instead, e.g. `pg_dump --format=custom --file=askaf.dump DBNAME`, \
                 and restore with pg_restore (see the README's PostgreSQL section)",
                self.location()
            )));
        }
        if target.exists() {
            return Err(Error::Conflict(format!(
                "{} exists already; choose a new file name",
                target.display()
            )));
        }
        let text = target
            .to_str()
            .ok_or_else(|| Error::Conflict(format!("{} is not a UTF-8 path", target.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(text)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Checks that `path` is a sound SQLite database with this application's
/// tables, without changing it.
async fn verify_backup(path: &Path) -> Result<(), Error> {
    let bad = |reason: String| Error::BadBackup {
        path: path.to_path_buf(),
        reason,
    };
    if !path.is_file() {
        return Err(bad("no such file".into()));
    }
    let url = format!("sqlite://{}", path.display());
    let mut conn = SqliteConnectOptions::from_str(&url)
        .map_err(|e| bad(e.to_string()))?
        .read_only(true)
        .connect()
        .await
        .map_err(|e| bad(e.to_string()))?;
    let check: Result<String, _> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await;
    let check = check.map_err(|e| bad(format!("not an SQLite database ({e})")))?;
    if check != "ok" {
        return Err(bad(format!("integrity check failed: {check}")));
    }
    for table in ["_sqlx_migrations", "comments", "article_revisions"] {
        let found: Option<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1")
                .bind(table)
                .fetch_optional(&mut conn)
                .await
                .map_err(|e| bad(e.to_string()))?;
        if found.is_none() {
            return Err(bad(format!("it has no `{table}` table")));
        }
    }
    conn.close().await.map_err(|e| bad(e.to_string()))?;
    Ok(())
}

/// Replaces the database in `data_dir` with `backup`. The server must be
/// stopped (the data lock says so). The database being replaced is first
/// copied whole, write-ahead log included, to a file whose path is returned,
/// so a restore of the wrong file can itself be undone.
pub async fn restore(data_dir: &Path, backup: &Path) -> Result<Option<PathBuf>, Error> {
    verify_backup(backup).await?;
    let _lock = DataLock::acquire(data_dir)?;
    let db = data_dir.join(DB_FILE);
    let mut previous = None;
    if db.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let keep = data_dir.join(format!("{DB_FILE}.before-restore-{stamp}"));
        let store = Store::open(data_dir).await?;
        store.backup_to(&keep).await?;
        store.close().await;
        previous = Some(keep);
    }
    let staged = data_dir.join(format!("{DB_FILE}.restoring"));
    std::fs::copy(backup, &staged).map_err(io(format!(
        "cannot copy {} into {}",
        backup.display(),
        data_dir.display()
    )))?;
    File::open(&staged)
        .and_then(|f| f.sync_all())
        .map_err(io(format!("cannot sync {}", staged.display())))?;
    // The side files of the database being replaced. SQLite removes them
    // itself when the last connection closes, and sqlx closes connections
    // on its own threads, so the store that made the copy above may still
    // be removing them: one already gone is what is wanted (CI met `-shm`
    // vanishing between a check and the removal).
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("{DB_FILE}{suffix}"));
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io(format!("cannot remove {}", side.display()))(e));
            }
            _ => {}
        }
    }
    std::fs::rename(&staged, &db)
        .map_err(io(format!("cannot move the backup to {}", db.display())))?;
    if let Ok(dir) = File::open(data_dir) {
        let _ = dir.sync_all();
    }
    // Opening applies any migrations newer than the backup.
    Store::open(data_dir).await?.close().await;
    Ok(previous)
}

#[cfg(test)]
mod tests {
    use super::*;
    use askaf_content::Lang;

    #[tokio::test]
    async fn backup_while_open_then_restore_brings_the_data_back() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = Store::open(&data).await.unwrap();
        store
            .insert_approved_comment(Lang::En, "a", "Ana", "first")
            .await
            .unwrap();
        let file = dir.path().join("backup.db");
        store.backup_to(&file).await.unwrap();
        assert!(matches!(
            store.backup_to(&file).await,
            Err(Error::Conflict(_))
        ));
        store
            .insert_approved_comment(Lang::En, "a", "Bo", "after the backup")
            .await
            .unwrap();
        store.close().await;

        let previous = restore(&data, &file).await.unwrap().unwrap();
        let store = Store::open(&data).await.unwrap();
        assert_eq!(
            store.approved_comments(Lang::En, "a").await.unwrap().len(),
            1
        );
        store.close().await;
        // What the restore replaced is kept whole.
        let url_dir = tempfile::tempdir().unwrap();
        std::fs::copy(&previous, url_dir.path().join(DB_FILE)).unwrap();
        let kept = Store::open(url_dir.path()).await.unwrap();
        assert_eq!(
            kept.approved_comments(Lang::En, "a").await.unwrap().len(),
            2
        );
    }

    #[tokio::test]
    async fn restore_refuses_a_bad_file_and_a_running_server() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, "this is not a database").unwrap();
        let err = restore(&dir.path().join("data"), &junk).await.unwrap_err();
        assert!(matches!(err, Error::BadBackup { .. }), "{err}");
        let err = restore(&dir.path().join("data"), &dir.path().join("missing.db"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("no such file"), "{err}");

        let data = dir.path().join("data");
        let store = Store::open(&data).await.unwrap();
        let file = dir.path().join("b.db");
        store.backup_to(&file).await.unwrap();
        let lock = DataLock::acquire(&data).unwrap();
        assert!(matches!(restore(&data, &file).await, Err(Error::Locked(_))));
        drop(lock);
        store.close().await;
        restore(&data, &file).await.unwrap();
    }
}

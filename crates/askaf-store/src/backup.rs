//! Online backups, restores, and the lock that keeps a restore from pulling
//! the database out from under a running server.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::{Error, Kind, Store, DB_FILE};

/// The lock file's name inside the data directory ([`DataLock`]).
pub const LOCK_FILE: &str = "askaf.lock";

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
        crate::make_data_dir(data_dir)?;
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

    /// Keeps a server from starting in `data_dir` while a command reads
    /// it, changing nothing there: a shared lock on the lock file if a
    /// server ever made one (none is made; `None` where there is none), so
    /// a command that must leave the directory as it found it (`copy-db`'s
    /// source) can be run by a user who may only read it. Says the
    /// directory is in use where a server holds it.
    pub fn share(data_dir: &Path) -> Result<Option<DataLock>, Error> {
        let path = data_dir.join(LOCK_FILE);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(format!("cannot open {}", path.display()))(e)),
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(DataLock { _file: file })),
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
        // SQLite would say only "unable to open database".
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(dir) = parent.filter(|d| !d.is_dir()) {
            let why = if dir.exists() {
                format!("{} is a file, not a directory", dir.display())
            } else {
                format!("the directory {} does not exist", dir.display())
            };
            return Err(Error::Conflict(format!(
                "cannot write {}: {why}",
                target.display()
            )));
        }
        let text = target
            .to_str()
            .ok_or_else(|| Error::Conflict(format!("{} is not a UTF-8 path", target.display())))?;
        // Made empty first (VACUUM INTO fills an empty file), so that a
        // directory it may not write in is said as the system says it.
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .map_err(io(format!("cannot write {}", target.display())))?;
        let copied = sqlx::query("VACUUM INTO $1")
            .bind(text)
            .execute(&self.pool)
            .await;
        if let Err(e) = copied {
            let _ = std::fs::remove_file(target);
            return Err(e.into());
        }
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
    // Said before SQLite is asked: it takes a directory, an empty file or
    // one it may not read for a database it cannot open, or a new one.
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(bad("there is no such file".into()))
        }
        Err(e) => return Err(bad(format!("it cannot be read: {e}"))),
        Ok(m) if m.is_dir() => return Err(bad("it is a directory, not a file".into())),
        Ok(m) if m.len() == 0 => return Err(bad("the file is empty (0 bytes)".into())),
        Ok(_) => {}
    }
    File::open(path).map_err(|e| bad(format!("it cannot be read: {e}")))?;
    let url = format!("sqlite://{}", path.display());
    let mut conn = SqliteConnectOptions::from_str(&url)
        .map_err(|e| bad(e.to_string()))?
        .read_only(true)
        .connect()
        .await
        .map_err(|e| bad(unreadable(&e)))?;
    let check: Result<String, _> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await;
    let check = check.map_err(|e| bad(unreadable(&e)))?;
    if check != "ok" {
        return Err(bad(format!(
            "the file is damaged or cut short (SQLite's integrity check: {check})"
        )));
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

/// Why SQLite cannot read a file given as a backup, in words rather than
/// its result codes.
fn unreadable(e: &sqlx::Error) -> String {
    let Some(db) = e.as_database_error() else {
        return e.to_string();
    };
    match db.code().as_deref() {
        // SQLITE_CORRUPT
        Some("11") => format!(
            "the file is damaged or cut short (SQLite: {})",
            db.message()
        ),
        // SQLITE_NOTADB
        Some("26") => format!("it is not an SQLite database (SQLite: {})", db.message()),
        _ => format!("SQLite cannot read it: {}", db.message()),
    }
}

/// What a restore did with the database it replaced.
#[derive(Debug)]
pub struct Replaced {
    /// Where it is kept, to be restored in turn if the restore was a
    /// mistake.
    pub kept: PathBuf,
    /// Why SQLite could not copy it, when it was kept byte for byte
    /// instead (with its `-wal` beside it, if it had one).
    pub unreadable: Option<String>,
}

/// Copies the database a restore is about to replace to `keep`.
///
/// Through one connection rather than a [`Store`]: a pool's `close` can
/// return while sqlx's threads are still closing connections, and the last
/// close removes `-wal` and `-shm` by name, which could then strike the
/// restored database's own. A single connection's `close` returns after
/// SQLite has closed it. Nor are migrations run on a database that is
/// about to be set aside: the copy is what was there.
///
/// A database SQLite cannot read whole (a restore is often what one does
/// about a damaged one) is kept byte for byte instead, its write-ahead log
/// beside it under the name SQLite looks for (`keep` + `-wal`), so nothing
/// is lost either way.
async fn keep_replaced(db: &Path, keep: &Path) -> Result<Replaced, Error> {
    let vacuumed = async {
        let mut conn = SqliteConnectOptions::new()
            .filename(db)
            .create_if_missing(false)
            .connect()
            .await?;
        let target = keep
            .to_str()
            .ok_or_else(|| Error::Conflict(format!("{} is not a UTF-8 path", keep.display())))?;
        let copied = sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&mut conn)
            .await;
        conn.close().await?;
        copied.map(|_| ()).map_err(Error::from)
    }
    .await;
    let Err(reason) = vacuumed else {
        return Ok(Replaced {
            kept: keep.to_path_buf(),
            unreadable: None,
        });
    };
    // A partial VACUUM INTO output would stand in the way of the copy
    // (`keep` is a name no file had: `restore` chose it so).
    let _ = std::fs::remove_file(keep);
    for suffix in ["", "-wal"] {
        let (from, to) = (crate::side_file(db, suffix), crate::side_file(keep, suffix));
        match std::fs::copy(&from, &to) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io(format!(
                    "cannot keep {} as {}",
                    from.display(),
                    to.display()
                ))(e));
            }
            _ => {}
        }
    }
    Ok(Replaced {
        kept: keep.to_path_buf(),
        unreadable: Some(reason.to_string()),
    })
}

/// Replaces the database in `data_dir` with `backup`. The server must be
/// stopped (the data lock says so). The database being replaced is first
/// copied whole, write-ahead log included, to a file whose path is returned,
/// so a restore of the wrong file can itself be undone; one SQLite cannot
/// read is kept as its bytes, so a damaged database can still be replaced.
pub async fn restore(data_dir: &Path, backup: &Path) -> Result<Option<Replaced>, Error> {
    verify_backup(backup).await?;
    let _lock = DataLock::acquire(data_dir)?;
    let db = data_dir.join(DB_FILE);
    let mut previous = None;
    if db.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        // Two restores within a second must not share a name: the first
        // one's copy is what undoes it.
        #[expect(
            clippy::expect_used,
            reason = "the names are endless; one of them is free"
        )]
        let keep = (1..)
            .map(|n| match n {
                1 => data_dir.join(format!("{DB_FILE}.before-restore-{stamp}")),
                n => data_dir.join(format!("{DB_FILE}.before-restore-{stamp}-{n}")),
            })
            .find(|path| !path.exists())
            .expect("an unused name");
        previous = Some(keep_replaced(&db, &keep).await?);
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
    // The side files of the database being replaced: `keep_replaced`'s
    // connection, the last, has checkpointed and removed them unless it
    // fell back to copying bytes. One already gone is what is wanted.
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
        // Into a directory that is not there: said so, by name.
        let nowhere = dir.path().join("no-such-dir").join("backup.db");
        let err = store.backup_to(&nowhere).await.unwrap_err().to_string();
        assert!(
            err.contains("no-such-dir") && err.contains("does not exist"),
            "{err}"
        );
        store
            .insert_approved_comment(Lang::En, "a", "Bo", "after the backup")
            .await
            .unwrap();
        store.close().await;

        let previous = restore(&data, &file).await.unwrap().unwrap();
        assert!(previous.unreadable.is_none(), "{previous:?}");
        let previous = previous.kept;
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
    async fn restore_replaces_a_damaged_database_and_keeps_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let store = Store::open(&data).await.unwrap();
        store
            .insert_approved_comment(Lang::En, "a", "Ana", "kept")
            .await
            .unwrap();
        let file = dir.path().join("backup.db");
        store.backup_to(&file).await.unwrap();
        store.close().await;
        // Its schema page scribbled over past the header, as a bad disk
        // or a careless copy leaves it (and no write-ahead log to read the
        // page from instead).
        for side in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(data.join(format!("{DB_FILE}{side}")));
        }
        let mut damaged = std::fs::read(data.join(DB_FILE)).unwrap();
        damaged[100..4096].fill(0xA5);

        std::fs::write(data.join(DB_FILE), &damaged).unwrap();

        let previous = restore(&data, &file).await.unwrap().unwrap();
        let reason = previous.unreadable.expect("SQLite cannot read it");
        assert!(!reason.is_empty());
        assert_eq!(std::fs::read(&previous.kept).unwrap(), damaged);
        let store = Store::open(&data).await.unwrap();
        assert_eq!(
            store.approved_comments(Lang::En, "a").await.unwrap().len(),
            1
        );
        store.close().await;
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
        let err = restore(&dir.path().join("data"), dir.path())
            .await
            .unwrap_err();
        assert!(
            err.to_string().ends_with("it is a directory, not a file"),
            "{err}"
        );
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, "").unwrap();
        let err = restore(&dir.path().join("data"), &empty).await.unwrap_err();
        assert!(
            err.to_string().ends_with("the file is empty (0 bytes)"),
            "{err}"
        );

        let data = dir.path().join("data");
        let store = Store::open(&data).await.unwrap();
        let file = dir.path().join("b.db");
        store.backup_to(&file).await.unwrap();
        let lock = DataLock::acquire(&data).unwrap();
        assert!(matches!(restore(&data, &file).await, Err(Error::Locked(_))));
        drop(lock);
        store.close().await;
        // Restores within one second keep each replaced database apart.
        let mut kept = Vec::new();
        for _ in 0..3 {
            kept.push(restore(&data, &file).await.unwrap().unwrap().kept);
        }
        assert!(kept.iter().all(|p| p.is_file()), "{kept:?}");
        assert!(kept[0] != kept[1] && kept[1] != kept[2] && kept[0] != kept[2]);
    }
}

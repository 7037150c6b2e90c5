pub mod ask;
pub mod backup;
pub mod check;
pub mod copy_db;
pub mod eval;
pub mod export;
pub mod import;
pub mod questions;
pub mod reindex;
pub mod serve;
pub mod user;
pub mod wxr;

use std::path::{Path, PathBuf};

use anyhow::Context;
use askaf_content::Site;
use include_dir::{include_dir, Dir};

/// The built-in sample site, embedded at build time from `content/`.
/// The editors' synonyms for the built-in site.
pub const BUILTIN_SYNONYMS: &str = include_str!("../../../../content/synonyms.txt");

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

fn builtin_files(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, String)>) {
    for file in dir.files() {
        let path = file.path();
        let is_article = path.extension().is_some_and(|e| e == "md")
            && !path
                .file_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
        if is_article {
            out.push((
                Path::new("(built-in)").join(path),
                String::from_utf8_lossy(file.contents()).into_owned(),
            ));
        }
    }
    for sub in dir.dirs() {
        builtin_files(sub, out);
    }
}

/// Whether a command changes the database, which decides whether it may
/// change the schema first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Brings the schema up to date, as `serve` does.
    Writes,
    /// Only reads: a role that may only read can run it, and a schema other
    /// than this build's is refused, saying what to do, never migrated.
    ReadsOnly,
    /// Reads once, as [`Access::ReadsOnly`], leaving no file of SQLite's
    /// behind where no server has the database open
    /// ([`askaf_store::Options::immutable_when_idle`]); what was read is
    /// then checked, and read again with [`Access::ReadsOnly`] where a
    /// server opened the database meanwhile: [`read_once`], through which
    /// every command that only reads opens it.
    ReadsOnce,
}

/// Opens the site's database for `command` (as typed after `askaf`, such as
/// `user list`), which PostgreSQL then shows as the connections'
/// `application_name`.
pub async fn open_store(
    database: &askaf_store::Location,
    command: &str,
    access: Access,
) -> anyhow::Result<askaf_store::Store> {
    let options = askaf_store::Options {
        migrate: access == Access::Writes,
        immutable_when_idle: access == Access::ReadsOnce,
        application_name: format!("askaf {command}"),
        ..askaf_store::Options::default()
    };
    askaf_store::Store::connect_with(database, &options)
        .await
        .with_context(|| format!("cannot open the database {database}"))
}

/// Reads the site's database once for `command` (as typed after `askaf`)
/// through `read`, for a command that only reads: the one place that
/// decides how such a command opens the database.
///
/// Where no server has a SQLite database open (no `-wal` beside it), it is
/// opened `immutable` ([`Access::ReadsOnce`]), so the data directory is
/// left byte for byte as it was found, with no `-wal` or `-shm` added (a
/// read-only connection made them and could not remove them as it closed)
/// and no write access to the directory needed. A server that opened it
/// meanwhile (a start) is told by
/// [`askaf_store::Store::unchanged_while_read`]: what was read may not
/// hold, so `read` runs again, through the server's WAL
/// ([`Access::ReadsOnly`]), and only that second result is given. So
/// `read` must say nothing itself (its notes are part of what it gives),
/// and must undo whatever it made of a read that is given up (a backup's
/// file). A database a server has open, and PostgreSQL, are read once,
/// read-only.
pub async fn read_once<T>(
    database: &askaf_store::Location,
    command: &str,
    read: impl AsyncFn(&askaf_store::Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let store = open_store(database, command, Access::ReadsOnce).await?;
    let first = read(&store).await;
    #[cfg(feature = "test-hooks")]
    held_for_tests().await;
    let held = store.unchanged_while_read();
    store.close().await;
    if held {
        return first;
    }
    let store = open_store(database, command, Access::ReadsOnly).await?;
    let again = read(&store).await;
    store.close().await;
    again
}

/// Waits while the file `ASKAF_TEST_HOLD_READ` names exists, if it names
/// one, having made that file's name with `.reached` after it: a command
/// held between its first read and the check that it holds
/// ([`read_once`]), for a test to start a server meanwhile.
#[cfg(feature = "test-hooks")]
async fn held_for_tests() {
    let Some(hold) = std::env::var_os("ASKAF_TEST_HOLD_READ").map(PathBuf::from) else {
        return;
    };
    if !hold.exists() {
        return;
    }
    let mut reached = hold.clone().into_os_string();
    reached.push(".reached");
    let _ = std::fs::write(reached, b"");
    while hold.exists() {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Where the articles come from: the content directory, or the built-in site.
/// Refuses a SQLite data directory that holds no database, for the
/// commands that only read or change what a site already has: a mistyped
/// `--data` would otherwise be made into a new, empty site, whose "backup"
/// could then be restored over the real one.
pub fn existing_site(database: &askaf_store::Location) -> anyhow::Result<()> {
    if let askaf_store::Location::Sqlite(dir) = database {
        let file = dir.join(askaf_store::DB_FILE);
        anyhow::ensure!(
            dir.is_dir(),
            "no database at {}: there is no directory {}; give the data directory `askaf serve` \
             uses (--data DIR) or its --database",
            file.display(),
            dir.display()
        );
        anyhow::ensure!(
            file.is_file(),
            "no database at {}: give the data directory `askaf serve` uses (--data DIR) or its --database",
            file.display()
        );
    }
    Ok(())
}

/// Refuses a SQLite data directory that holds no site, for the commands
/// that add to one (`user add`, `import --wxr`), unless it is an empty
/// directory, made for a new site (its first account before its first
/// start): a mistyped `--data` (a directory not there, or one holding other
/// files) was made into a new, empty site that no server read, and the
/// account or the comments put there were lost to the operator. `serve`
/// makes a site by design; `restore` and `copy-db --to` write a whole one.
pub fn site_or_new(database: &askaf_store::Location) -> anyhow::Result<()> {
    let askaf_store::Location::Sqlite(dir) = database else {
        return Ok(());
    };
    let file = dir.join(askaf_store::DB_FILE);
    if file.is_file() {
        return Ok(());
    }
    let give = "give the data directory `askaf serve` uses (--data DIR) or its --database";
    anyhow::ensure!(
        dir.is_dir(),
        "no database at {}: there is no directory {}; {give}. For a new site, make the \
         directory first (mkdir {}) or start `askaf serve --data {}` once",
        file.display(),
        dir.display(),
        dir.display(),
        dir.display()
    );
    // The lock a server on PostgreSQL (or a command) left is not a site.
    let others = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the data directory {}", dir.display()))?
        .filter_map(Result::ok)
        .any(|e| e.file_name() != askaf_store::LOCK_FILE);
    anyhow::ensure!(
        !others,
        "no database at {}, and {} holds other files: {give}; for a new site, an empty directory",
        file.display(),
        dir.display()
    );
    Ok(())
}

/// What `check` and `serve` say of a content directory that holds no
/// article file: most often a wrong path or a mount that failed. Neither
/// stops for it, since a site written only in the browser keeps its
/// articles in the database and needs no file.
pub fn no_articles(dir: &Path) -> String {
    format!(
        "the content directory {} holds no articles (no .md file in it or below): \
         is it the one meant? A site written only in the browser needs none",
        dir.display()
    )
}

pub fn content_source(content: Option<&Path>) -> askaf_site::Content {
    match content {
        Some(dir) => askaf_site::Content::Dir(dir.to_path_buf()),
        None => {
            let mut files = Vec::new();
            builtin_files(&BUILTIN, &mut files);
            files.sort();
            askaf_site::Content::Files(files)
        }
    }
}

/// Loads the site through the store ([`askaf_site::load_with`]: unchanged
/// files come from its catalogue, new revisions are recorded, and an image
/// at an upload's address the store does not keep is a problem) for a
/// command whose result must be whole (`export`: a mirror or an archive
/// that silently missed an article, or held its older version, would be
/// wrong); on invalid content prints every problem and "refusing to
/// {doing}", and gives `None`. A start and `reindex` refuse only the files
/// at fault instead ([`load_as_served`]).
pub async fn load_or_report(
    store: &askaf_store::Store,
    content: Option<&Path>,
    doing: &str,
) -> anyhow::Result<Option<askaf_site::Loaded>> {
    let uploads = askaf_site::uploads_kept(store).await?;
    load_or_report_with(store, content, doing, uploads).await
}

/// [`load_or_report`], the images checked against `uploads`
/// ([`askaf_site::load_with`]).
pub async fn load_or_report_with(
    store: &askaf_store::Store,
    content: Option<&Path>,
    doing: &str,
    uploads: askaf_content::Uploads,
) -> anyhow::Result<Option<askaf_site::Loaded>> {
    let refuse = askaf_site::OnProblems::Refuse;
    match askaf_site::load_with(store, content_source(content), uploads, refuse).await {
        Ok(loaded) => Ok(Some(loaded)),
        Err(askaf_site::Error::Content(askaf_content::Error::Invalid(problems))) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "refusing to {doing}: {} problem(s) in the content",
                problems.len()
            );
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Loads the site as a start serves it ([`askaf_site::load`]): a file with
/// problems is refused alone, as the content watch refuses a change, its
/// problems logged and its last good version, the store's, served in its
/// place (a file new to the site is left out). Only what is not a file's
/// problem (a content directory that cannot be listed, the database)
/// fails.
pub async fn load_as_served(
    store: &askaf_store::Store,
    content: Option<&Path>,
) -> anyhow::Result<askaf_site::Loaded> {
    askaf_site::load(store, content_source(content))
        .await
        .context("cannot load the content")
}

/// Loads the content directory, or the built-in site when none is given.
pub fn load_site(content: Option<&Path>) -> Result<Site, askaf_content::Error> {
    load_site_with_bodies(content).map(|(site, _)| site)
}

/// [`load_site`], with every published article's body.
pub fn load_site_with_bodies(
    content: Option<&Path>,
) -> Result<(Site, askaf_content::Bodies), askaf_content::Error> {
    load_site_checked(content, &askaf_content::Uploads::Unknown)
}

/// [`load_site_with_bodies`], an article that shows an upload `uploads`
/// does not keep refused.
pub fn load_site_checked(
    content: Option<&Path>,
    uploads: &askaf_content::Uploads,
) -> Result<(Site, askaf_content::Bodies), askaf_content::Error> {
    match content {
        Some(dir) => Site::load_dir_with_bodies(dir, uploads),
        None => {
            let mut files = Vec::new();
            builtin_files(&BUILTIN, &mut files);
            files.sort();
            Site::from_files_with_bodies(files)
        }
    }
}

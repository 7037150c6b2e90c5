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
    /// ([`askaf_store::Options::immutable_when_idle`]): the command then
    /// asks [`askaf_store::Store::unchanged_while_read`] and reads again
    /// with [`Access::ReadsOnly`] where a server opened it meanwhile.
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

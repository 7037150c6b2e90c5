//! `askaf export DIR`: the public site as static files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use askaf_search::{Engine, EngineConfig, Synonyms};
use askaf_web::export::{export, ExportOptions, Sources};
use askaf_web::{AppState, Served, WebConfig};

/// Where Ask and comments point in a mirror made without `--site-url`.
const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080";

pub fn run(
    dir: &Path,
    content: Option<&Path>,
    site_url: Option<&str>,
    relative: bool,
    database: &askaf_store::Location,
) -> anyhow::Result<ExitCode> {
    let site_url = match site_url {
        Some(url) => {
            crate::settings::site_url(url).map_err(|e| anyhow::anyhow!("--site-url {e}"))?
        }
        None => {
            eprintln!("note: no --site-url: canonical links, and Ask and comments in the mirror, point to {DEFAULT_SITE_URL}");
            DEFAULT_SITE_URL.to_string()
        }
    };
    // A mirror of the files alone is a fair thing to want (the built-in
    // site, before any server ran), but a mistyped `--data` looks the
    // same: said, not refused.
    if super::existing_site(database).is_err() {
        eprintln!(
            "note: no database at {database}: the mirror has the content files' \
             articles alone, without comments or articles written in the browser, \
             and no database is made there; give --data DIR of the site if that is \
             not what you meant"
        );
    }
    runtime()?.block_on(async {
        // Comments come from the database; a server may be using it (reads are safe).
        let (store, scratch) = open_store(database).await?;
        // A scratch store starts with what the last export into `dir`
        // kept of the content files: only those changed since are read.
        let sources = match (&scratch, content) {
            (Some(_), Some(content)) => {
                let sources = Sources::read(dir, content);
                store.record_files(&sources.files, &[]).await?;
                Some(sources.dir)
            }
            _ => None,
        };
        // Pages are rendered from the store's record of each article.
        let Some(loaded) = load(&store, content, scratch.is_some()).await? else {
            return Ok(ExitCode::FAILURE);
        };
        let sources = match sources {
            Some(dir) => Some(Sources {
                dir,
                files: store.catalogue().await?,
            }),
            None => None,
        };
        let site = loaded.site;
        let secret = store
            .site_secret("signing", || askaf_auth::new_token().into_bytes())
            .await?;
        let signer = askaf_auth::Signer::new(&secret).map_err(|e| anyhow::anyhow!(e))?;
        // A mirror asks no questions: the search index stays empty.
        let engine = Engine::in_memory(vec![], &Synonyms::default(), EngineConfig::default())?;
        let served = Served::new(site, engine, store.clone());
        // Each page is asked for once, uncompressed (the mirror compresses
        // its files itself): the page cache neither compresses nor keeps.
        let config = WebConfig {
            compress_pages: false,
            page_cache_bytes: 0,
            ..WebConfig::new(site_url)
        };
        let state = AppState::new(served, config, signer)?;
        let bar = indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template(
                "exporting {bar:40} {pos}/{len} pages, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let options = ExportOptions { relative, sources };
        let report = export(&state, dir, &options, |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
        .await;
        bar.finish_and_clear();
        store.close().await;
        let report = report?;
        println!(
            "exported {} pages to {} ({} made, {} kept as they were): {} files written, {} removed",
            report.pages,
            dir.display(),
            report.made,
            report.pages - report.made,
            report.written,
            report.removed.len()
        );
        // One line a file, for a CDN in front of the mirror to forget.
        for file in &report.removed {
            println!("removed {file}");
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `askaf export --markdown DIR`: every article as its content file
/// (`LANG/SLUG.md`), with the editors' synonyms, so the archive can be kept
/// in git and served again with `askaf serve --content DIR`.
///
/// A second run writes only the files whose text changed. Files in `DIR`
/// that are no longer articles of the site are named, not deleted: the
/// export never loses text.
pub fn markdown(
    dir: &Path,
    content: Option<&Path>,
    database: &askaf_store::Location,
) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let (store, scratch) = open_store(database).await?;
        let Some(loaded) = load(&store, content, scratch.is_some()).await? else {
            return Ok(ExitCode::FAILURE);
        };
        let archive =
            askaf_site::archive::article_files(&store, &loaded.site, &super::content_source(content))
                .await;
        store.close().await;
        let archive = archive?;
        // Copied as it is: a synonyms file that cannot be read is said,
        // not left out of the archive.
        let synonyms = match content {
            None => Some(super::BUILTIN_SYNONYMS.as_bytes().to_vec()),
            Some(c) => {
                let path = c.join("synonyms.txt");
                match std::fs::read(&path) {
                    Ok(bytes) => Some(bytes),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => {
                        return Err(anyhow::Error::new(e)
                            .context(format!("cannot read {}", path.display())))
                    }
                }
            }
        };
        let mut written = 0;
        let mut looked_at_dir = false;
        let mut wanted = std::collections::HashSet::new();
        let files = archive
            .files
            .iter()
            .map(|f| (f.path.as_path(), f.text.as_bytes()))
            .chain(synonyms.as_deref().map(|s| (Path::new("synonyms.txt"), s)));
        for (rel, bytes) in files {
            let path = dir.join(rel);
            wanted.insert(path.clone());
            if std::fs::read(&path).is_ok_and(|old| old == bytes) {
                continue;
            }
            if !looked_at_dir {
                may_write_in(dir)?;
                looked_at_dir = true;
            }
            write_new(&path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            written += 1;
        }
        for (lang, slug) in &archive.pending {
            println!("note: /{lang}/{slug} has a draft in the editor newer than its published text; the file holds the published text");
        }
        for (lang, slug, why) in &archive.missing {
            eprintln!("warning: /{lang}/{slug} not exported: {why}");
        }
        let stale: Vec<PathBuf> = askaf_content::article_files(dir)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !wanted.contains(p))
            .collect();
        for p in &stale {
            println!(
                "note: {} is not an article of the site any more; left in place",
                p.display()
            );
        }
        println!(
            "exported {} articles to {}: {} files written",
            archive.files.len(),
            dir.display(),
            written
        );
        Ok(if archive.missing.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    })
}

/// Refuses a `dir` that cannot be made or written in (its permissions, a
/// read-only file system) as the mirror's export does
/// ([`ExportError::Dir`](askaf_web::export::ExportError::Dir): "cannot
/// export into DIR: Permission denied"), before the first file is
/// written; the archive named that file (`DIR/en/….md`) instead. Looked
/// at only when a file is to be written, so that an archive already up to
/// date may be read-only.
fn may_write_in(dir: &Path) -> Result<(), askaf_web::export::ExportError> {
    std::fs::create_dir_all(dir)
        .and_then(|()| tempfile::NamedTempFile::new_in(dir))
        .map(drop)
        .map_err(|source| askaf_web::export::ExportError::Dir {
            dir: dir.to_path_buf(),
            source,
        })
}

/// Writes through a temporary file renamed over `path`, so an interrupted
/// export leaves each file whole, old or new.
fn write_new(path: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let mut tmp = tempfile::NamedTempFile::new_in(parent)?;
    tmp.write_all(data)?;
    // A temporary file is the owner's alone (0600); an archive's files are
    // for a server or a colleague to read, as any file written is.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The site to export, loaded as [`super::load_or_report`] does. A scratch
/// store (no database was given) keeps no upload: there an image's upload
/// address cannot be checked and is taken on trust, so that an archive of
/// the files alone (`--markdown`) is written as before; a mirror of pages
/// still fails at the image itself, which it has nowhere to take from.
async fn load(
    store: &askaf_store::Store,
    content: Option<&Path>,
    scratch: bool,
) -> anyhow::Result<Option<askaf_site::Loaded>> {
    if scratch {
        super::load_or_report_with(store, content, "export", askaf_content::Uploads::Unknown).await
    } else {
        super::load_or_report(store, content, "export").await
    }
}

/// Writes: the site is loaded through the store, which records the
/// articles' revisions, and a first export makes the signing secret. Where
/// `--data` names a directory with no database (the built-in site before
/// any server ran, or a mistyped path), into a scratch one that goes with
/// the export (the directory it is in, returned, is removed when dropped):
/// a database made there would be an empty site that `backup` and `user`
/// then took for the real one.
async fn open_store(
    database: &askaf_store::Location,
) -> anyhow::Result<(askaf_store::Store, Option<tempfile::TempDir>)> {
    if let (askaf_store::Location::Sqlite(_), Err(_)) = (database, super::existing_site(database)) {
        let scratch = tempfile::tempdir().context("cannot make a scratch database directory")?;
        let location = askaf_store::Location::Sqlite(scratch.path().to_path_buf());
        let store = super::open_store(&location, "export", super::Access::Writes).await?;
        return Ok((store, Some(scratch)));
    }
    let store = super::open_store(database, "export", super::Access::Writes).await?;
    Ok((store, None))
}

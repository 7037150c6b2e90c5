//! Starting up: the site from its content and the store's catalogue, and
//! the search index brought up to date with it.
//!
//! A large site starts by reading its directory, not its articles: a file
//! whose size and time are what the catalogue recorded is not read again
//! (its front matter and revision come from the store), and the index
//! re-indexes only articles whose revision it does not hold. Bodies are
//! read from the store when something needs one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use askaf_content::{
    parse_article, parse_article_with, Article, Bodies, Body, Lang, Problem, Site, Uploads,
};
use askaf_search::{passages_of, ArticleVersion, Engine, EngineConfig, Passage, Synonyms};
use askaf_store::{CatalogueEntry, Store};

use crate::Error;

/// Where the articles come from.
pub enum Content {
    /// A content directory, watched while serving.
    Dir(PathBuf),
    /// Files given whole (the built-in sample site), as (path, text).
    Files(Vec<(PathBuf, String)>),
}

/// A site as loaded.
pub struct Loaded {
    pub site: Site,
    /// Problems between the editor's versions and the files, which the
    /// site is served despite ([`Site::from_articles_serving`]): for the
    /// log and the health check's count.
    pub problems: Vec<askaf_content::Problem>,
    /// Bodies of published articles whose files were read now, for the
    /// index: at most `KEEP_BODIES` (2,000); the others are in the store.
    pub bodies: Bodies,
    /// Files read and parsed, and files whose article came from the catalogue.
    pub files_read: usize,
    pub files_reused: usize,
    /// Revisions new to the store.
    pub new_revisions: usize,
    /// Each content file's size and time as the load looked at it, before
    /// reading it (or reusing its catalogue entry). The content watch
    /// starts from these rather than from a look of its own: a file
    /// written between the load and the watch's start then differs and is
    /// applied, where a look taken after the write would have counted it
    /// as seen and lost the change until the file changed again.
    pub files: FileStats,
}

/// Content files' sizes and modification times, by path.
pub type FileStats = HashMap<PathBuf, (u64, SystemTime)>;

/// A file modified less than this before it was looked at may change again
/// within the same time stamp: it is recorded to be read again next time.
const RACY: Duration = Duration::from_secs(2);

/// A file's size and modification time.
fn stat_raw(path: &Path) -> Option<(u64, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// A file's size and modification time in nanoseconds, as the catalogue
/// keeps them: -1 for a time too recent to trust (see [`RACY`]).
fn catalogued((size, modified): (u64, SystemTime)) -> Option<(u64, i64)> {
    let ns = modified
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let racy = SystemTime::now()
        .duration_since(modified)
        .map_or(true, |age| age < RACY);
    Some((size, if racy { -1 } else { ns as i64 }))
}

/// How many articles' bodies a load keeps for the index to use at once;
/// beyond that the index reads them back from the store, so that a first
/// start of a large site never holds every body in memory.
const KEEP_BODIES: usize = 2_000;

/// How many parsed articles are recorded in the store at a time.
const RECORD_BATCH: usize = 256;

/// Loads the site, validated whole, and records what was read: the new
/// revisions (as files are read, in batches, so that memory holds a batch
/// of bodies, not the site's) and, once the whole is valid, the catalogue.
/// Invalid content is [`askaf_content::Error::Invalid`] with every problem;
/// the catalogue is then left as it was (revisions of files that were
/// fine by themselves may have been recorded: they are history, not the site).
///
/// A file read shows only uploads the store keeps, as a change must
/// ([`Served::apply`](crate::Served::apply)): the uploads are asked of the
/// store before the content is read. A file unchanged since the catalogue
/// recorded it is not read, so not checked again (an upload it shows
/// cannot be deleted meanwhile: see [`Served::delete_image`](crate::Served::delete_image)).
pub async fn load(store: &Store, content: Content) -> Result<Loaded, Error> {
    let uploads = crate::uploads_kept(store).await?;
    load_with(store, content, uploads).await
}

/// [`load`], checking the images files show against `uploads` rather than
/// the store's: [`Uploads::Unknown`] where the store is not the site's
/// (`askaf export` without a database, whose scratch store keeps no
/// upload), so that no file is refused for what cannot be told.
pub async fn load_with(store: &Store, content: Content, uploads: Uploads) -> Result<Loaded, Error> {
    let catalogue: HashMap<PathBuf, CatalogueEntry> = match &content {
        Content::Dir(_) => store
            .catalogue()
            .await?
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect(),
        Content::Files(_) => HashMap::new(),
    };
    let recorder = Recorder {
        store: store.clone(),
        handle: tokio::runtime::Handle::current(),
    };
    let r = tokio::task::spawn_blocking(move || read_all(content, catalogue, recorder, &uploads))
        .await
        .map_err(|e| Error::Task(e.to_string()))??;
    // The files are valid by themselves (`read_all` refused them
    // otherwise). The editor's versions over them were each accepted when
    // saved, but may no longer hold together: an original unpublished
    // while its translations still link to it, a file changed while the
    // server was down. Then the site is served as a change would have left
    // it, the articles at fault left out or their links hidden, and the
    // problems reported: never every editor's article dropped for one.
    // The revision of each body read from a file, to tell below whether
    // that file's article is the one served.
    let read: HashMap<(Lang, askaf_content::Slug), String> = r
        .articles
        .iter()
        .map(|a| ((a.lang(), a.slug().clone()), a.revision.clone()))
        .filter(|(key, _)| r.kept.contains_key(key))
        .collect();
    let (articles, edited) = crate::editor::overlay(store, r.articles).await?;
    // Files alone that do not hold together keep a server from starting,
    // as they always have; only the editor's versions over them are
    // served despite their problems.
    let (site, problems) = if edited {
        Site::from_articles_serving(articles)
    } else {
        (Site::from_articles(articles)?, Vec::new())
    };
    for p in &problems {
        tracing::error!("{p}");
    }
    if !problems.is_empty() {
        tracing::error!(
            problems = problems.len(),
            "the articles as saved in the editor and the files do not hold together: \
             serving them with the articles or links named left out"
        );
    }
    store.record_files(&r.entries, &r.gone).await?;
    // A file's body is the index's only where its article is served as
    // the file has it. Where the editor's version is served instead (an
    // article edited in the browser, whose file is read again after each
    // save), the index must take the editor's text from the store: given
    // the file's, a start that indexed that article (after a crash
    // between the save and the index, or with the index rebuilt) made Ask
    // quote the file's old text under the new revision, until the next edit.
    let mut bodies = r.kept;
    bodies.retain(|(lang, slug), _| {
        site.get(*lang, slug.as_str())
            .is_some_and(|a| read.get(&(*lang, slug.clone())) == Some(&a.revision))
    });
    Ok(Loaded {
        problems,
        files_read: r.files_read,
        files_reused: r.reused,
        new_revisions: r.new_revisions,
        site,
        bodies,
        files: r.stats,
    })
}

/// Records parsed articles in the store from the blocking thread that reads them.
struct Recorder {
    store: Store,
    handle: tokio::runtime::Handle,
}

/// What the files read so far came to.
struct Reading {
    articles: Vec<Arc<Article>>,
    /// Parsed, not yet recorded.
    batch: Vec<(Arc<Article>, Body)>,
    /// Bodies kept for the index (see [`KEEP_BODIES`]).
    kept: Bodies,
    entries: Vec<CatalogueEntry>,
    problems: Vec<Problem>,
    /// Catalogued files that are no longer there.
    gone: Vec<PathBuf>,
    /// See [`Loaded::files`].
    stats: FileStats,
    files_read: usize,
    reused: usize,
    new_revisions: usize,
    recorder: Recorder,
}

impl Reading {
    /// A file read: parsed, and recorded in the catalogue when `seen` (its
    /// size and time, looked at before it was read) is known.
    fn take(
        &mut self,
        path: PathBuf,
        text: &str,
        seen: Option<(u64, i64)>,
        uploads: &Uploads,
    ) -> Result<(), Error> {
        self.files_read += 1;
        match parse_article_with(&path, text, uploads) {
            Ok((a, body)) => {
                if let Some((size, mtime_ns)) = seen {
                    self.entries.push(CatalogueEntry {
                        path,
                        size,
                        mtime_ns,
                        revision: a.revision.clone(),
                        front: a.front.clone(),
                    });
                }
                let a = Arc::new(a);
                if !a.front.draft {
                    self.batch.push((a.clone(), body));
                }
                self.articles.push(a);
                if self.batch.len() >= RECORD_BATCH {
                    self.flush()?;
                }
            }
            Err(mut p) => self.problems.append(&mut p),
        }
        Ok(())
    }

    /// Records the batch's revisions and keeps what bodies there is room for.
    fn flush(&mut self) -> Result<(), Error> {
        let batch = std::mem::take(&mut self.batch);
        let pairs: Vec<(&Article, &Body)> = batch.iter().map(|(a, b)| (&**a, b)).collect();
        let Recorder { store, handle } = &self.recorder;
        self.new_revisions += handle.block_on(store.record_articles(&pairs))?;
        for (a, body) in batch {
            if self.kept.len() < KEEP_BODIES {
                self.kept
                    .insert((a.lang(), a.slug().clone()), Arc::new(body));
            }
        }
        Ok(())
    }
}

/// Reads the content; an unchanged file's article is taken out of
/// `catalogue` (moved, not copied: a large site's front matter once).
fn read_all(
    content: Content,
    mut catalogue: HashMap<PathBuf, CatalogueEntry>,
    recorder: Recorder,
    uploads: &Uploads,
) -> Result<Reading, Error> {
    let mut r = Reading {
        articles: Vec::new(),
        batch: Vec::new(),
        kept: Bodies::new(),
        entries: Vec::new(),
        problems: Vec::new(),
        gone: Vec::new(),
        stats: FileStats::new(),
        files_read: 0,
        reused: 0,
        new_revisions: 0,
        recorder,
    };
    match content {
        Content::Files(files) => {
            for (path, text) in files {
                r.take(path, &text, None, uploads)?;
            }
        }
        Content::Dir(dir) => {
            for path in askaf_content::article_files(&dir)? {
                // Looked at before it is read: a write in between leaves the
                // record older than the file, which is then read again.
                let raw = stat_raw(&path);
                if let Some(raw) = raw {
                    r.stats.insert(path.clone(), raw);
                }
                let seen = raw.and_then(catalogued);
                let unchanged = catalogue
                    .get(&path)
                    .is_some_and(|e| e.mtime_ns >= 0 && seen == Some((e.size, e.mtime_ns)));
                if let Some(e) = unchanged.then(|| catalogue.remove(&path)).flatten() {
                    r.reused += 1;
                    r.articles.push(Arc::new(Article {
                        front: e.front,
                        file: path,
                        revision: e.revision,
                    }));
                    continue;
                }
                match askaf_content::read_article(&path) {
                    Ok(Some(text)) => {
                        catalogue.remove(&path);
                        r.take(path, &text, seen, uploads)?
                    }
                    // Deleted while we listed the directory: not part of the site.
                    Ok(None) => {
                        r.stats.remove(&path);
                    }
                    Err(p) => r.problems.push(p),
                }
            }
        }
    }
    // What the catalogue holds that was neither reused nor read again.
    r.gone = catalogue.into_keys().collect();
    if !r.problems.is_empty() {
        let mut problems = std::mem::take(&mut r.problems);
        problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        return Err(askaf_content::Error::Invalid(problems).into());
    }
    r.flush()?;
    Ok(r)
}

/// The body of `a`: from `bodies` (read now), else from the store's
/// revision of it, else from its file if that still holds this revision.
/// `None` when none has it.
pub async fn body_of(
    store: &Store,
    bodies: &Bodies,
    a: &Article,
) -> Result<Option<Arc<Body>>, Error> {
    if let Some(b) = bodies.get(&(a.lang(), a.slug().clone())) {
        return Ok(Some(b.clone()));
    }
    let markdown = store
        .article_markdown(a.lang(), a.slug().as_str(), &a.revision)
        .await?;
    if let Some(m) = markdown {
        return Ok(Some(Arc::new(Body::from_markdown(m, a.lang()))));
    }
    // Not in the store (it should be: every revision served is recorded
    // first): the file, if it still holds this revision.
    let file = a.file.clone();
    let read = tokio::task::spawn_blocking(move || {
        let text = askaf_content::read_article(&file).ok()??;
        parse_article(&file, &text).ok()
    })
    .await
    .map_err(|e| Error::Task(e.to_string()))?;
    Ok(read
        .filter(|(found, _)| found.revision == a.revision)
        .map(|(_, body)| Arc::new(body)))
}

/// The search index in `dir`, brought up to date with `site`: only the
/// articles whose revision it does not hold are indexed, their passages
/// from `bodies` or from the store. `progress` hears (articles indexed,
/// articles to index). The site is handed back with the engine (the work
/// runs on a blocking thread, which must own it), so that it need not be
/// copied to be served.
pub async fn open_engine(
    dir: PathBuf,
    site: Site,
    bodies: Bodies,
    store: Store,
    synonyms: Synonyms,
    progress: Box<dyn FnMut(usize, usize) + Send>,
) -> Result<(Engine, Site), Error> {
    let handle = tokio::runtime::Handle::current();
    let opened = tokio::task::spawn_blocking(move || {
        let mut progress = progress;
        let versions: Vec<ArticleVersion> = site
            .articles()
            .map(|a| ArticleVersion {
                lang: a.lang(),
                slug: a.slug().to_string(),
                version: a.revision.clone(),
            })
            .collect();
        let mut passages = |lang: Lang, slug: &str| -> Result<Vec<Passage>, askaf_search::Error> {
            let Some(a) = site.get(lang, slug) else {
                return Ok(Vec::new());
            };
            match handle.block_on(body_of(&store, &bodies, a)) {
                Ok(Some(body)) => Ok(passages_of(a, &body)),
                Ok(None) => {
                    tracing::error!(
                        file = %a.file.display(),
                        "the store has no text of this revision: the article is not in the index until its file changes"
                    );
                    Ok(Vec::new())
                }
                Err(e) => Err(askaf_search::Error::Stored(format!("{lang}/{slug}: {e}"))),
            }
        };
        let engine = Engine::on_disk_with(
            &dir,
            &versions,
            &mut passages,
            &synonyms,
            EngineConfig::default(),
            &mut *progress,
        );
        (engine, site)
    })
    .await
    .map_err(|e| Error::Task(e.to_string()))?;
    let (engine, site) = opened;
    Ok((engine?, site))
}

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
use askaf_store::{CatalogueEntry, Snapshot, Store};

use crate::{Doing, Error};

/// What a load reads the site's records from: the store, which a start
/// then brings up to date with what it read ([`load`]), or a snapshot of
/// it, only read ([`load_read_only`]). The reads are the same either way.
#[derive(Clone, Copy)]
pub(crate) enum Reads<'a> {
    Store(&'a Store),
    Snapshot(&'a Snapshot),
}

impl<'a> Reads<'a> {
    /// The store to record what was read in; `None` when only reading.
    pub(crate) fn store(self) -> Option<&'a Store> {
        match self {
            Reads::Store(store) => Some(store),
            Reads::Snapshot(_) => None,
        }
    }

    async fn catalogue(self) -> Result<Vec<CatalogueEntry>, askaf_store::Error> {
        match self {
            Reads::Store(s) => s.catalogue().await,
            Reads::Snapshot(s) => s.catalogue().await,
        }
    }

    pub(crate) async fn editor_overlay(
        self,
    ) -> Result<Vec<askaf_store::Overlay>, askaf_store::Error> {
        match self {
            Reads::Store(s) => s.editor_overlay().await,
            Reads::Snapshot(s) => s.editor_overlay().await,
        }
    }

    /// Every upload the store keeps, which the images a file shows are
    /// checked against ([`crate::uploads_kept`] for a store).
    pub(crate) async fn uploads_kept(self) -> Result<Uploads, Error> {
        let names = match self {
            Reads::Store(s) => s.media_names().await,
            Reads::Snapshot(s) => s.media_names().await,
        };
        Ok(Uploads::Kept(
            names
                .doing("listing the uploads kept")?
                .into_iter()
                .collect(),
        ))
    }

    fn kind(self) -> askaf_store::Kind {
        match self {
            Reads::Store(s) => s.kind(),
            Reads::Snapshot(s) => s.kind(),
        }
    }

    async fn article_markdown(
        self,
        lang: Lang,
        slug: &str,
        revision: &str,
    ) -> Result<Option<String>, askaf_store::Error> {
        match self {
            Reads::Store(s) => s.article_markdown(lang, slug, revision).await,
            Reads::Snapshot(s) => s.article_markdown(lang, slug, revision).await,
        }
    }
}

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
    /// Problems the site is served despite, logged already: for the
    /// health check's count. With [`OnProblems::KeepPrevious`], those of
    /// the files refused ([`Loaded::refused`]); with either, those between
    /// the editor's versions and the files ([`Site::from_articles_serving`]),
    /// and those of the editor's versions not served (an article saved at
    /// a slug since reserved).
    pub problems: Vec<askaf_content::Problem>,
    /// The content files refused at this load, as the content watch refuses
    /// a change ([`OnProblems::KeepPrevious`]): each served at the version
    /// the site last accepted from it, or not at all if it has none. The
    /// server remembers them as refused ([`Served::refuse_files`](crate::Served::refuse_files)).
    pub refused: Vec<PathBuf>,
    /// Bodies of published articles whose files were read now, for the
    /// index: at most `KEEP_BODIES` (2,000); the others are in the store.
    pub bodies: Bodies,
    /// Files read and parsed, and files whose article came from the catalogue.
    pub files_read: usize,
    pub files_reused: usize,
    /// Revisions new to the store.
    pub new_revisions: usize,
    /// Content files whose text the store's catalogue did not hold (new
    /// since the last load, or changed), and catalogued files no longer
    /// there: how far the database was behind the content directory. A
    /// start records them; a load that only reads ([`load_read_only`])
    /// serves them all the same, the bodies of those read from the files.
    /// Always 0 for files given whole ([`Content::Files`]), which are not
    /// catalogued.
    pub files_unrecorded: usize,
    /// Each content file's size and time as the load looked at it, before
    /// reading it (or reusing its catalogue entry). The content watch
    /// starts from these rather than from a look of its own: a file
    /// written between the load and the watch's start then differs and is
    /// applied, where a look taken after the write would have counted it
    /// as seen and lost the change until the file changed again.
    pub files: FileStats,
}

/// What a load does with a content file that has problems (of its own, or
/// in conflict with the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnProblems {
    /// Refuses the content whole, every problem in the error: for a result
    /// that must be whole (`askaf export`, whose mirror or archive would
    /// otherwise miss or hold back an article with nothing to say so).
    Refuse,
    /// Refuses the file alone, as the content watch refuses a change: its
    /// problems logged with its file and line, and the version the site
    /// last accepted from it served, the store's record of it (its
    /// catalogue entry), or none if it has none. For a start, which then
    /// serves what the running site served: one file saved with a typo
    /// must not take the whole site down at the next restart.
    KeepPrevious,
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

/// Loads the site as a start serves it, and records what was read: the
/// new revisions (as files are read, in batches, so that memory holds a
/// batch of bodies, not the site's) and the catalogue. A file with
/// problems is refused alone, as the content watch refuses it
/// ([`OnProblems::KeepPrevious`]): its catalogue entry, the record of the
/// version the site last accepted from it, is left as it was, so that
/// every start reads the file again and says so until it is fixed.
/// Revisions of files refused for a conflict with the rest may have been
/// recorded: they are history, not the site. What is not a file's problem
/// (a directory that cannot be listed, the store) is an error.
///
/// A file read shows only uploads the store keeps, as a change must
/// ([`Served::apply`](crate::Served::apply)): the uploads are asked of the
/// store before the content is read. A file unchanged since the catalogue
/// recorded it is not read, but checked all the same by the uploads the
/// catalogue says it shows: one the store no longer keeps (an upload
/// cannot be deleted while an article shows it, see
/// [`Served::delete_image`](crate::Served::delete_image), but a database
/// restored or copied may lack it) has its file read and refused as a
/// change showing it is, the version the catalogue records served as
/// before. An article is never taken down for an image: a change that
/// shows one not kept is refused, not the article.
///
/// A start also says which content directory it reads: its files' rows in
/// the catalogue keep the uploads they show from deletion while a server
/// looks at it ([`Store::record_content_look`], again at each full
/// comparison of the content watch, see [`crate::watch`]). On SQLite, one
/// server to a database, the rows of any other directory (all of them when
/// it reads none, serving the built-in site) are its own from before, and
/// go ([`Store::forget_content_but`]); on PostgreSQL they are another
/// node's, and stay until no node has looked at their directory for a
/// week ([`askaf_store::FORGOTTEN_AFTER`]).
pub async fn load(store: &Store, content: Content) -> Result<Loaded, Error> {
    let dir = match &content {
        Content::Dir(dir) => Some(dir.as_path()),
        Content::Files(_) => None,
    };
    if store.kind() == askaf_store::Kind::Sqlite {
        store
            .forget_content_but(dir)
            .await
            .doing("forgetting the catalogue of other content directories")?;
    }
    if let Some(dir) = dir {
        store
            .record_content_look(dir)
            .await
            .doing("recording the content directory read")?;
    }
    store
        .forget_unlooked_content()
        .await
        .doing("forgetting content directories no server reads")?;
    let uploads = crate::uploads_kept(store).await?;
    load_with(store, content, uploads, OnProblems::KeepPrevious).await
}

/// The site [`load`] would serve from the database as `snapshot` holds
/// it, loaded without writing anything: for a command that asks the site
/// as a start serves it while its servers run (`askaf ask --data`), with
/// no copy of the database and no lock.
///
/// For a database up to date with the content (one a server has loaded,
/// and whose content watch has applied every change since) it is the same
/// site, with the same bodies: the same articles, the same passages. Where
/// the database is behind the files ([`Loaded::files_unrecorded`]: a file
/// written while no server ran), the files are served as a start would
/// serve them, not refused: a start records them and then serves exactly
/// that, and an editor who edited a file and asks before starting the
/// server wants to hear that version. Their bodies come from the files (as
/// many as [`Loaded::bodies`] keeps, the rest read again by [`body_of`]),
/// since the store has not recorded them. What a start writes and does not
/// change what it serves (the catalogue, the content directory's look,
/// an edited file recorded as its article's newest revision) is left out.
pub async fn load_read_only(snapshot: &Snapshot, content: Content) -> Result<Loaded, Error> {
    let reads = Reads::Snapshot(snapshot);
    let uploads = reads.uploads_kept().await?;
    load_from(reads, content, uploads, OnProblems::KeepPrevious).await
}

/// [`load`], checking the images files show against `uploads` rather than
/// the store's ([`Uploads::Unknown`] where the store is not the site's:
/// `askaf export` without a database, whose scratch store keeps no upload,
/// so that no file is refused for what cannot be told), and doing with
/// problems what `on_problems` says. With [`OnProblems::Refuse`], invalid
/// content is [`askaf_content::Error::Invalid`] with every problem, and
/// the catalogue is left as it was.
pub async fn load_with(
    store: &Store,
    content: Content,
    uploads: Uploads,
    on_problems: OnProblems,
) -> Result<Loaded, Error> {
    load_from(Reads::Store(store), content, uploads, on_problems).await
}

/// [`load_with`] from what `reads` reads; it records what it read only in
/// a store ([`Reads::store`]).
async fn load_from(
    reads: Reads<'_>,
    content: Content,
    uploads: Uploads,
    on_problems: OnProblems,
) -> Result<Loaded, Error> {
    let catalogue: HashMap<PathBuf, CatalogueEntry> = match &content {
        Content::Dir(_) => reads
            .catalogue()
            .await
            .doing("reading the content files' catalogue")?
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect(),
        Content::Files(_) => HashMap::new(),
    };
    let recorder = Recorder {
        store: reads.store().cloned(),
        handle: tokio::runtime::Handle::current(),
    };
    let dir = match &content {
        Content::Dir(dir) => Some(dir.clone()),
        Content::Files(_) => None,
    };
    let uploads = Arc::new(uploads);
    let reading = uploads.clone();
    let mut r = tokio::task::spawn_blocking(move || {
        read_all(content, catalogue, recorder, &reading, on_problems)
    })
    .await
    .map_err(|e| Error::Task(e.to_string()))??;
    // On PostgreSQL the catalogue is every node's: the files of another
    // directory are another node's (reading a copy of the content kept
    // elsewhere, or none of it), and stay catalogued, since what they show
    // keeps an upload from deletion on every node while a node looks at
    // that directory (see `load`). On SQLite, one server to a database,
    // they are this one's from before and go. Until 7 December a node
    // started on another directory took them out.
    // Read only, those of another directory on SQLite are still there
    // (a start forgets them first), and no more this load's than on
    // PostgreSQL.
    if let Some(dir) = &dir {
        if reads.kind() == askaf_store::Kind::Postgres || reads.store().is_none() {
            r.gone.retain(|path| path.starts_with(dir));
        }
    }
    let files_unrecorded = match dir {
        Some(_) => r.anew.len() + r.gone.len(),
        None => 0,
    };
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
    let crate::editor::Overlaid {
        articles,
        edited: overlaid,
        changed: file_texts,
        served_before,
        not_served,
        missing_images,
    } = crate::editor::overlay(reads, r.articles, &uploads).await?;
    let (mut site, mut problems) = match on_problems {
        // Files alone that do not hold together refuse the content whole;
        // only the editor's versions over them are served despite their
        // problems.
        OnProblems::Refuse if overlaid.is_empty() => (Site::from_articles(articles)?, Vec::new()),
        OnProblems::Refuse => Site::from_articles_serving(articles),
        // A file read anew that conflicts with the rest is refused as the
        // watch refuses it. A file the editor's version is served over is
        // not the file's change: the editor accepted it when it was saved.
        OnProblems::KeepPrevious => {
            // Refused, a file the editor took over is served as it was
            // before it changed: the editor's version, not the file's
            // earlier text its catalogue entry holds.
            let changed: HashMap<&Path, Option<Arc<Article>>> = r
                .anew
                .iter()
                .filter(|(a, _)| !overlaid.contains(&a.file))
                .map(|(a, previous)| {
                    let before = served_before.get(&a.file).unwrap_or(previous);
                    (a.file.as_path(), before.clone())
                })
                .collect();
            let (site, conflicts) = Site::from_articles_refusing(articles, &changed);
            r.refused.extend(
                conflicts
                    .iter()
                    .map(|p| &p.file)
                    .filter(|f| changed.contains_key(f.as_path()))
                    .cloned(),
            );
            r.problems.extend(conflicts);
            let mut problems = std::mem::take(&mut r.problems);
            problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
            (site, problems)
        }
    };
    r.refused.sort();
    r.refused.dedup();
    log_problems(&problems, &r.refused);
    // Logged by `overlay` with what they cost.
    problems.extend(not_served);
    problems.extend(missing_images);
    if let Some(store) = reads.store() {
        place_originals(store, &mut site).await?;
        crate::editor::record_files_served(store, &site, file_texts).await?;
        // A refused file's entry stays the version the site serves; one new to
        // the site gets none, so that the next start reads it again.
        let entries: Vec<CatalogueEntry> = std::mem::take(&mut r.entries)
            .into_iter()
            .filter(|e| r.refused.binary_search(&e.path).is_err())
            .collect();
        store
            .record_files(&entries, &r.gone)
            .await
            .doing("recording the content files' catalogue")?;
    }
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
        refused: r.refused,
        files_read: r.files_read,
        files_reused: r.reused,
        new_revisions: r.new_revisions,
        files_unrecorded,
        site,
        bodies,
        files: r.stats,
    })
}

/// Teaches `site` what each translation that records a revision of its
/// original the site cannot place ([`Site::unplaced_originals`]: a whole
/// text's revision, as translations recorded them until 7 December, that
/// the original has left, as a save while the server ran left it) followed
/// of it, from the store's record of served revisions, which keeps each
/// one's front matter and body ([`Site::learn_followed`]). Without it, such
/// a translation was out of date after a restart whenever its original had
/// been saved since it was made, though nothing it follows had changed. A
/// revision the store does not hold whole (recorded before it kept front
/// matter; or a followed revision, which is never a served text's) is left
/// as it is: out of date, as before.
async fn place_originals(store: &Store, site: &mut Site) -> Result<(), Error> {
    for (lang, slug, revision) in site.unplaced_originals() {
        let kept = store
            .article_revision(lang, slug.as_str(), &revision)
            .await
            .doing("reading an original's revision a translation records")?;
        if let Some((front, kept)) = kept.as_ref().and_then(|k| Some((k.front.as_ref()?, k))) {
            let followed = askaf_content::followed_revision(front, &kept.markdown);
            site.learn_followed(revision, followed);
        }
    }
    Ok(())
}

/// Logs each problem a load found, with its file and line, as the content
/// watch logs a change's, then what the site does about them.
fn log_problems(problems: &[Problem], refused: &[PathBuf]) {
    for p in problems {
        tracing::error!("{p}");
    }
    let (of_refused, others) = problems
        .iter()
        .partition::<Vec<&Problem>, _>(|p| refused.binary_search(&p.file).is_ok());
    if !of_refused.is_empty() {
        tracing::error!(
            problems = of_refused.len(),
            files = refused.len(),
            "content changed with problems: the files named keep their previous version"
        );
    }
    if !others.is_empty() {
        tracing::error!(
            problems = others.len(),
            "the articles do not hold together: serving them with the articles or links \
             named left out"
        );
    }
}

/// Records parsed articles in the store from the blocking thread that
/// reads them; with no store (a load that only reads), records nothing.
struct Recorder {
    store: Option<Store>,
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
    /// Files refused for problems of their own ([`OnProblems::KeepPrevious`]).
    refused: Vec<PathBuf>,
    /// Articles read from files whose text is not what the catalogue
    /// recorded, each with the version the catalogue has of the file
    /// (`None` for a file new to it).
    anew: Vec<(Arc<Article>, Option<Arc<Article>>)>,
    on_problems: OnProblems,
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
    /// size and time, looked at before it was read) is known. `previous`
    /// is the catalogue's entry for it, if it has one.
    fn take(
        &mut self,
        path: PathBuf,
        text: &str,
        seen: Option<(u64, i64)>,
        uploads: &Uploads,
        previous: Option<CatalogueEntry>,
    ) -> Result<(), Error> {
        self.files_read += 1;
        match parse_article_with(&path, text, uploads) {
            Ok((a, body)) => {
                let a = Arc::new(a);
                let previous = previous.map(|e| Arc::new(article_of(e, &path)));
                if previous.as_ref().map(|p| &p.revision) != Some(&a.revision) {
                    self.anew.push((a.clone(), previous));
                }
                if let Some((size, mtime_ns)) = seen {
                    self.entries.push(CatalogueEntry {
                        path,
                        size,
                        mtime_ns,
                        revision: a.revision.clone(),
                        front: a.front.clone(),
                        uploads: Some(uploads_of(&body)),
                        followed: Some(a.followed.clone()),
                    });
                }
                if !a.front.draft {
                    self.batch.push((a.clone(), body));
                }
                self.articles.push(a);
                if self.batch.len() >= RECORD_BATCH {
                    self.flush()?;
                }
            }
            Err(p) => self.refuse(path, p, previous),
        }
        Ok(())
    }

    /// A file with problems of its own: with [`OnProblems::KeepPrevious`],
    /// refused, and the version its catalogue entry (`previous`) records
    /// served in its place. Its entry is left as it was: not gone, not
    /// replaced.
    fn refuse(
        &mut self,
        path: PathBuf,
        mut problems: Vec<Problem>,
        previous: Option<CatalogueEntry>,
    ) {
        self.problems.append(&mut problems);
        if self.on_problems == OnProblems::KeepPrevious {
            if let Some(e) = previous {
                self.articles.push(Arc::new(article_of(e, &path)));
            }
            self.refused.push(path);
        }
    }

    /// Records the batch's revisions and keeps what bodies there is room for.
    fn flush(&mut self) -> Result<(), Error> {
        let batch = std::mem::take(&mut self.batch);
        let pairs: Vec<(&Article, &Body)> = batch.iter().map(|(a, b)| (&**a, b)).collect();
        if let Recorder {
            store: Some(store),
            handle,
        } = &self.recorder
        {
            self.new_revisions += handle
                .block_on(store.record_articles(&pairs))
                .doing("recording the article revisions")?;
        }
        for (a, body) in batch {
            if self.kept.len() < KEEP_BODIES {
                self.kept
                    .insert((a.lang(), a.slug().clone()), Arc::new(body));
            }
        }
        Ok(())
    }
}

/// The uploads `body` shows, by file name, as the catalogue records them
/// ([`CatalogueEntry::uploads`]).
pub(crate) fn uploads_of(body: &Body) -> Vec<String> {
    let mut names: Vec<String> = body.rendered.uploads().map(|n| n.file_name()).collect();
    names.sort();
    names.dedup();
    names
}

/// Whether every upload the catalogue says the file `e` shows is among
/// `uploads`: a file not read again is checked by this alone. A row that
/// does not say (recorded before the catalogue kept them) is not taken
/// for one, where an upload can be checked: its file is read.
fn shows_only_kept(e: &CatalogueEntry, uploads: &Uploads) -> bool {
    match (uploads, &e.uploads) {
        (Uploads::Unknown, _) => true,
        (Uploads::Kept(_), None) => false,
        (Uploads::Kept(kept), Some(names)) => names.iter().all(|n| kept.contains(n)),
    }
}

/// The article a catalogue entry records for the file `path`. One that
/// does not say what translations follow of it (recorded before the
/// catalogue kept it) is taken as a version they follow nothing of: only
/// the previous version of a changed file, or one refused, is taken so,
/// and a translation that recorded its whole text's revision still
/// matches (see [`Article::is_followed_at`]).
fn article_of(e: CatalogueEntry, path: &Path) -> Article {
    Article {
        front: e.front,
        file: path.to_path_buf(),
        revision: e.revision,
        followed: e.followed.unwrap_or_default(),
    }
}

/// Reads the content; an unchanged file's article is taken out of
/// `catalogue` (moved, not copied: a large site's front matter once).
fn read_all(
    content: Content,
    mut catalogue: HashMap<PathBuf, CatalogueEntry>,
    recorder: Recorder,
    uploads: &Uploads,
    on_problems: OnProblems,
) -> Result<Reading, Error> {
    let mut r = Reading {
        articles: Vec::new(),
        batch: Vec::new(),
        kept: Bodies::new(),
        entries: Vec::new(),
        problems: Vec::new(),
        refused: Vec::new(),
        anew: Vec::new(),
        on_problems,
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
                r.take(path, &text, None, uploads, None)?;
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
                // Unchanged, and showing only uploads still kept: else read
                // as a change is, and refused as one showing an upload the
                // store does not keep is (its catalogued version served).
                // A row that does not say what translations follow of it
                // (recorded before the catalogue kept it) is read too.
                let unchanged = catalogue.get(&path).is_some_and(|e| {
                    e.mtime_ns >= 0
                        && seen == Some((e.size, e.mtime_ns))
                        && shows_only_kept(e, uploads)
                        && e.followed.is_some()
                });
                if let Some(e) = unchanged.then(|| catalogue.remove(&path)).flatten() {
                    r.reused += 1;
                    r.articles.push(Arc::new(article_of(e, &path)));
                    continue;
                }
                match askaf_content::read_article(&path) {
                    Ok(Some(text)) => {
                        let previous = catalogue.remove(&path);
                        r.take(path, &text, seen, uploads, previous)?
                    }
                    // Deleted while we listed the directory: not part of
                    // the site (its catalogue entry goes with it).
                    Ok(None) => {
                        r.stats.remove(&path);
                    }
                    Err(p) => {
                        let previous = catalogue.remove(&path);
                        r.refuse(path, vec![p], previous);
                    }
                }
            }
        }
    }
    // What the catalogue holds that was neither reused nor read again.
    r.gone = catalogue.into_keys().collect();
    if r.on_problems == OnProblems::Refuse && !r.problems.is_empty() {
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
    body_from(Reads::Store(store), bodies, a).await
}

/// [`body_of`], the store's revision read through `reads`.
async fn body_from(
    reads: Reads<'_>,
    bodies: &Bodies,
    a: &Article,
) -> Result<Option<Arc<Body>>, Error> {
    if let Some(b) = bodies.get(&(a.lang(), a.slug().clone())) {
        return Ok(Some(b.clone()));
    }
    let markdown = reads
        .article_markdown(a.lang(), a.slug().as_str(), &a.revision)
        .await
        .doing("reading an article's served text")?;
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

/// The search index of a site loaded read-only ([`load_read_only`]), built
/// in memory, so that nothing is written: each article's passages from
/// `bodies` or from `snapshot`, as [`open_engine`] makes them, in the same
/// order. Returns too the articles left out for want of their text (the
/// store lacks the revision served, and no file holds it), which a start
/// leaves out of its index as well, logging each.
pub async fn engine_read_only(
    snapshot: &Snapshot,
    site: &Site,
    bodies: &Bodies,
    synonyms: &Synonyms,
) -> Result<(Engine, Vec<Article>), Error> {
    let mut passages = Vec::new();
    let mut missing = Vec::new();
    for a in site.articles() {
        match body_from(Reads::Snapshot(snapshot), bodies, a).await? {
            Some(body) => passages.extend(passages_of(a, &body)),
            None => missing.push(a.clone()),
        }
    }
    let engine = Engine::in_memory(passages, synonyms, EngineConfig::default())?;
    Ok((engine, missing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{article, open_served};

    /// Every passage of `site`, each article's body found as
    /// [`engine_read_only`] and [`open_engine`] find it.
    async fn passages(reads: Reads<'_>, site: &Site, bodies: &Bodies) -> Vec<Passage> {
        let mut all = Vec::new();
        for a in site.articles() {
            let body = body_from(reads, bodies, a).await.unwrap();
            all.extend(passages_of(a, &body.expect("a body")));
        }
        all
    }

    /// From a database up to date with the files, a load that only reads
    /// serves the site a start serves, with the same passages; from one
    /// behind them (a file changed, one deleted, no start since), the site
    /// the next start serves, said as behind. It records nothing.
    #[tokio::test]
    async fn a_read_only_load_serves_what_a_start_serves_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        for i in 0..3 {
            let text = article(&format!("a{i}"), &format!("Article {i} talks of rivers."));
            std::fs::write(content.join(format!("a{i}.md")), text).unwrap();
        }
        let served = open_served(&dir.path().join("data"), &content).await;
        let store = served.store().clone();
        let started = load(&store, Content::Dir(content.clone())).await.unwrap();

        let snapshot = store.snapshot().await.unwrap();
        let read = load_read_only(&snapshot, Content::Dir(content.clone()))
            .await
            .unwrap();
        assert_eq!(read.site.fingerprint(), started.site.fingerprint());
        assert_eq!(read.files_unrecorded, 0);
        assert_eq!(
            passages(Reads::Snapshot(&snapshot), &read.site, &read.bodies).await,
            passages(Reads::Store(&store), &started.site, &started.bodies).await
        );
        snapshot.close().await.unwrap();

        std::fs::write(
            content.join("a1.md"),
            article("a1", "Article 1 now talks of deserts."),
        )
        .unwrap();
        std::fs::remove_file(content.join("a2.md")).unwrap();
        let catalogue = store.catalogue().await.unwrap();
        let revisions = store.revision_count(Lang::En, "a1").await.unwrap();
        let snapshot = store.snapshot().await.unwrap();
        let read = load_read_only(&snapshot, Content::Dir(content.clone()))
            .await
            .unwrap();
        assert_eq!(read.files_unrecorded, 2);
        assert_eq!(read.site.len(), 2);
        let (engine, missing) =
            engine_read_only(&snapshot, &read.site, &read.bodies, &Synonyms::default())
                .await
                .unwrap();
        assert!(missing.is_empty());
        let said: Vec<String> = (0..engine.passage_count())
            .filter_map(|i| engine.passage(i).map(|p| p.text.clone()))
            .collect();
        assert!(said.iter().any(|t| t.contains("deserts")), "{said:?}");
        snapshot.close().await.unwrap();
        assert_eq!(store.catalogue().await.unwrap(), catalogue);
        assert_eq!(
            store.revision_count(Lang::En, "a1").await.unwrap(),
            revisions
        );
        let next = load(&store, Content::Dir(content)).await.unwrap();
        assert_eq!(next.site.fingerprint(), read.site.fingerprint());
    }
}
